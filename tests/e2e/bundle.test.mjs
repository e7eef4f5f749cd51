// The one content script (extension/generated/content.js, written by tools/bundle-content.mjs):
// current with its sources, the only script the manifest injects at document_idle, and on an
// ordinary page it sets up nothing beyond the pre-check (checked in the content script's own world
// in Chromium). The wake at document_start (extension/wake.js) runs only on URLs with a pre-check
// word, and starts a stopped worker while the page is still loading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT, startServer, launchBrowser, currentWorker } from './harness.mjs';
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

test('the manifest injects the bundle, and the wake only where the URL has a pre-check word', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/manifest.json'), 'utf8'));
  const scripts = Object.fromEntries(manifest.content_scripts.map((c) => [c.run_at, c]));
  assert.deepEqual(manifest.content_scripts.map((c) => c.js), [['wake.js'], ['generated/content.js']]);
  assert.equal(scripts.document_idle.include_globs, undefined);
  // The URL words are the core's (src/precheck.rs), through generated/shared.js.
  const shared = vm.createContext({});
  vm.runInContext(fs.readFileSync(path.join(ROOT, 'extension/generated/shared.js'), 'utf8'), shared);
  const urlWords = JSON.parse(JSON.stringify(shared.policylensShared.precheck.urlWords));
  assert.deepEqual(scripts.document_start.include_globs, urlWords.map((word) => `*${word}*`));
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

/** Opens `path` with every service worker stopped and the page's DOMContentLoaded held back `holdMs`. */
async function openHeld(path, holdMs) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.route('**/held.js', (route) =>
    setTimeout(() => route.fulfill({ contentType: 'text/javascript', body: '' }), holdMs));
  await page.goto(server.origin + path);
  return page;
}

/**
 * When the worker got its first wake, in ms after the page's DOMContentLoaded; its milestones
 * (performance.now()): warm-up analysed, the page's blocks received; and all it stored.
 */
async function workerRecord(page) {
  const domContentLoaded = await page.evaluate(() =>
    performance.timeOrigin + performance.getEntriesByType('navigation')[0].domContentLoadedEventStart);
  const worker = await currentWorker(browser.context, browser.extensionId);
  const { woken, warmedUp, received, stored } = await worker.evaluate(async () => ({
    woken: performance.timeOrigin + globalThis.policylensStartup.woken,
    warmedUp: globalThis.policylensStartup.warmedUp,
    received: globalThis.policylensTiming?.received,
    stored: JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]),
  }));
  return { wokenAfterDcl: woken - domContentLoaded, warmedUp, received, stored };
}

/** The record of a held policy page at `path`, once its badge shows. */
async function wakeOfHeldPolicy(path, holdMs) {
  const page = await openHeld(path, holdMs);
  await page.locator('policylens-badge').waitFor({ state: 'visible', timeout: 15000 });
  const record = await workerRecord(page);
  await page.close();
  return record;
}

test('a URL with a pre-check word wakes a stopped worker, which warms up its core while the page loads', { timeout: 60000 }, async () => {
  const holdMs = 1500;
  server.alias('/held/privacy', 'held-policy.html');
  server.alias('/held/notice', 'held-policy.html');
  const byUrl = await wakeOfHeldPolicy('/held/privacy', holdMs);
  assert.ok(byUrl.wokenAfterDcl < -holdMs / 2, `woken ${byUrl.wokenAfterDcl} ms after DOMContentLoaded`);
  // The woken worker analysed its warm-up policy while the page loaded, and kept none of it.
  assert.ok(byUrl.warmedUp < byUrl.received, `warm-up at ${byUrl.warmedUp}, page at ${byUrl.received}`);
  assert.ok(!byUrl.stored.includes('policylens.invalid'), byUrl.stored.slice(0, 200));
  // The same policy at a URL without such a word: woken by the pre-check at document_idle.
  const byPrecheck = await wakeOfHeldPolicy('/held/notice', holdMs);
  assert.ok(byPrecheck.wokenAfterDcl >= 0, `woken ${byPrecheck.wokenAfterDcl} ms after DOMContentLoaded`);
});

test('a worker woken for a quiet site does not warm up', { timeout: 60000 }, async () => {
  server.alias('/held/privacy', 'held-policy.html');
  const setQuietSites = async (sites) => (await currentWorker(browser.context, browser.extensionId))
    .evaluate((quietSites) => chrome.storage.local.set({ quietSites }), sites);
  await setQuietSites(['127.0.0.1']);
  try {
    const page = await openHeld('/held/privacy', 1500);
    await page.waitForTimeout(500);
    const record = await workerRecord(page);
    await page.close();
    assert.ok(record.wokenAfterDcl < 0, 'woken by wake.js');
    assert.ok(record.received > 0, 'the page was sent');
    assert.equal(record.warmedUp, undefined);
  } finally {
    await setQuietSites([]);
  }
});
