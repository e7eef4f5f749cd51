// The playground (www/) in plain headless Chromium: a bundled sample is read by the wasm core
// and drawn by the shared renderer, under the playground's own Content-Security-Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer, screenshotPath } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a sample is read, badged and explained, with nothing blocked by the page CSP', { timeout: 60000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.violations.push(event.violatedDirective));
  });
  await page.goto(`${server.origin}/playground/index.html`);
  await page.selectOption('#sample', 'samples/shop-privacy-us.html');
  await page.waitForFunction(() => /^Read \d+ blocks in /.test(document.getElementById('status').textContent));
  assert.equal(await page.locator('#badge-slot policylens-badge').count(), 1);
  assert.ok((await page.locator('#details .pl-category').count()) >= 3, 'topics drawn by the renderer');
  assert.ok((await page.locator('#document p').count()) >= 10, 'the document shown block by block');
  // The badge's inline host style and its shadow stylesheet apply: nothing was refused.
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  await page.locator('#badge-slot').screenshot({ path: screenshotPath('playground-badge.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
