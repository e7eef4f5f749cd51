// The service worker's core wrapper (extension/core.js) against a core built with the
// fault-injection feature (./build.sh test builds it): a panic or a trap inside `analyze`
// reaches the caller as an Error that names it, and the next page is analysed by a fresh
// instance exactly as before.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './harness.mjs';

const dir = path.resolve(ROOT, process.env.POLICYLENS_FAULT_CORE ?? 'target/fault-core');
let core;

const page = (title) => ({
  url: 'https://shop.example/privacy',
  title,
  lang: 'en',
  blocks: [
    { text: 'Privacy Policy', tag: 'h1', level: 1 },
    { text: 'We collect your name, email address and postal address when you place an order.', tag: 'p', level: 0 },
    { text: 'We sell your personal information to data brokers and advertising partners.', tag: 'p', level: 0 },
    { text: 'We keep order records for 7 years to meet our tax obligations.', tag: 'p', level: 0 },
  ],
});
const POLICY = page('Privacy Policy');

before(async () => {
  assert.ok(fs.existsSync(path.join(dir, 'core.js')), `${dir} is missing: ./build.sh test builds it`);
  core = await import(pathToFileURL(path.join(dir, 'core.js')));
  await core.startCore(fs.readFileSync(path.join(dir, 'pkg/policylens_bg.wasm')));
});

test('a panic in analyze is an Error with the panic message, then analysis goes on', () => {
  const before = core.analyzePage(POLICY);
  assert.equal(before.facts.sells_data, 'yes');
  assert.throws(() => core.analyzePage(page('policylens:panic')), (error) => {
    assert.match(error.message, /^analysis failed: policylens core failed: panicked at [\s\S]*injected panic$/);
    return true;
  });
  assert.deepEqual(core.analyzePage(POLICY), before);
});

test('a bare trap in analyze is an Error too, then analysis goes on', () => {
  const before = core.analyzePage(POLICY);
  assert.throws(() => core.analyzePage(page('policylens:trap')), /^Error: analysis failed: unreachable/);
  assert.deepEqual(core.analyzePage(POLICY), before);
});

test('a bad page shape is an Error and loses nothing', () => {
  const before = core.analyzePage(POLICY);
  assert.throws(() => core.analyzePage({ blocks: [{ tag: 'p' }] }), /^Error: analysis failed: .*missing field `text`/);
  assert.deepEqual(core.analyzePage(POLICY), before);
});

// Each failure strands the frames it cut short on the instance's stack: kept, the debug build
// fails with "memory access out of bounds" after about 1,260 panics or 1,420 traps.
test('thousands of failures in a row leave the core as good as new', () => {
  const before = core.analyzePage(POLICY);
  for (let i = 0; i < 3000; i++) {
    assert.throws(() => core.analyzePage(page(i % 2 ? 'policylens:panic' : 'policylens:trap')));
  }
  assert.deepEqual(core.analyzePage(POLICY), before);
});
