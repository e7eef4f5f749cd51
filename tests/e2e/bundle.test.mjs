// The one content script (extension/generated/content.js, written by tools/bundle-content.mjs):
// current with its sources, the only script the manifest injects, and on an ordinary page it
// sets up nothing beyond the pre-check (checked in the content script's own world in Chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launchBrowser } from './harness.mjs';
import { OUTPUT, contentBundle } from '../../tools/bundle-content.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('generated/content.js is current with its sources', () => {
  assert.equal(fs.readFileSync(OUTPUT, 'utf8'), contentBundle(),
    'extension/generated/content.js is stale: run ./build.sh (or node tools/bundle-content.mjs)');
});

test('the manifest injects the bundle alone', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8'));
  assert.deepEqual(manifest.content_scripts.map((c) => c.js), [['generated/content.js']]);
});

/** Evaluates `expression` in the extension's content-script world of `page`. */
async function inContentScript(page, expression) {
  const cdp = await browser.context.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.origin === `chrome-extension://${browser.extensionId}`);
  assert.ok(world, 'the content script runs in the page');
  const { result } = await cdp.send('Runtime.evaluate', { contextId: world.id, expression, returnByValue: true });
  await cdp.detach();
  return result.value;
}

const setUp = '({ extract: typeof globalThis.policylensExtract, badge: typeof globalThis.policylensBadge })';

test('an ordinary page runs only the pre-check; a policy sets up extraction and the badge', { timeout: 60000 }, async () => {
  const ordinary = await browser.context.newPage();
  await ordinary.goto(`${server.origin}/samples/news-article.html`);
  await ordinary.waitForTimeout(1000);
  assert.deepEqual(await inContentScript(ordinary, setUp), { extract: 'undefined', badge: 'undefined' });
  await ordinary.close();

  const policy = await browser.context.newPage();
  await policy.goto(`${server.origin}/samples/shop-privacy-us.html`);
  await policy.locator('policylens-badge').waitFor({ state: 'visible', timeout: 15000 });
  assert.deepEqual(await inContentScript(policy, setUp), { extract: 'function', badge: 'object' });
  await policy.close();
});
