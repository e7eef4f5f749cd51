// One extraction, proven equal: the content script's block extraction (extension/extract.js) in
// real Chromium and the native reader (src/read/html.rs, `policylens read`) give the same title,
// language and blocks for every HTML fixture in the repository. On the same documents, every
// page the core calls a policy passes the content script's pre-check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { chromium } from 'playwright-core';
import { ROOT, CLI, readNatively, extractInChromium } from './harness.mjs';

const FOLDERS = ['tests/fixtures/pages', 'tests/e2e/fixtures', 'www/samples'];
const FIXTURES = FOLDERS.flatMap((folder) => fs.readdirSync(path.join(ROOT, folder))
  .filter((name) => /\.html?$/.test(name))
  .map((name) => path.join(folder, name)));

let browser;
let page;

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true });
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
});

test('there are HTML fixtures to compare', () => {
  assert.ok(FIXTURES.length >= 15, `${FIXTURES.length} fixtures`);
});

for (const fixture of FIXTURES) {
  test(`same blocks in Chromium and the native reader: ${fixture}`, { timeout: 30000 }, async () => {
    const file = path.join(ROOT, fixture);
    const inBrowser = await extractInChromium(page, fs.readFileSync(file, 'utf8'));
    const native = readNatively(file);
    assert.ok(native.blocks.length > 0, 'the fixture has text');
    assert.deepEqual(inBrowser, native);
  });
}

// The pre-check as the content script runs it, on a browser-parsed copy of each fixture: the
// words come from the same generated file.
const precheckContext = vm.createContext({});
for (const file of ['generated/shared.js', 'precheck.js']) {
  vm.runInContext(fs.readFileSync(path.join(ROOT, 'extension', file), 'utf8'), precheckContext);
}

test('every fixture the core calls a policy passes the pre-check, under a neutral URL', { timeout: 60000 }, async () => {
  for (const fixture of FIXTURES) {
    const report = JSON.parse(execFileSync(CLI, ['analyze', '--json', path.join(ROOT, fixture)]));
    if (!report.detection.is_policy) continue;
    await extractInChromium(page, fs.readFileSync(path.join(ROOT, fixture), 'utf8'));
    const seen = await page.evaluate(() => ({
      title: document.title,
      headings: [...document.querySelectorAll('h1, h2, h3')].map((h) => h.textContent),
    }));
    const doc = { title: seen.title, querySelectorAll: () => seen.headings.map((textContent) => ({ textContent })) };
    const result = precheckContext.policylensPrecheck(doc, 'https://fixture.test/page');
    assert.ok(result.send, `${fixture} is a policy but the pre-check would not send it`);
  }
});
