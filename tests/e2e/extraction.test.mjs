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

// In Chromium the pre-check reads an HTML document's headings with one XPath string; a
// document double answering querySelectorAll (the other way it reads them) gets the same verdict
// and the same signals, on every fixture.
test('the pre-check reads the same headings through XPath as through querySelectorAll', { timeout: 60000 }, async () => {
  const precheckSource = ['generated/shared.js', 'precheck.js']
    .map((file) => fs.readFileSync(path.join(ROOT, 'extension', file), 'utf8')).join('\n');
  let withHeadings = 0;
  for (const fixture of FIXTURES) {
    await extractInChromium(page, fs.readFileSync(path.join(ROOT, fixture), 'utf8'));
    const { live, double, headings } = await page.evaluate(`${precheckSource}
      (() => {
        const headings = [...document.querySelectorAll('h1, h2, h3')].map((h) => h.textContent);
        const double = { title: document.title, querySelectorAll: () => headings.map((textContent) => ({ textContent })) };
        return {
          live: policylensPrecheck(document, 'https://fixture.test/page'),
          double: policylensPrecheck(double, 'https://fixture.test/page'),
          headings: headings.length,
        };
      })()`);
    assert.equal(await page.evaluate(() => document.contentType), 'text/html');
    assert.deepEqual(live, double, fixture);
    if (headings > 0) withHeadings++;
  }
  assert.ok(withHeadings >= 10, `${withHeadings} fixtures with headings`);
});
