// End to end in headless Firefox (Debian firefox-esr) over WebDriver BiDi, with the packaged
// Firefox extension (dist/policylens-firefox.zip): the badge on policies (also under a strict
// CSP), none on an ordinary page, and the details panel. Skips when no Firefox is installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, startServer, firefoxBinary, launchFirefox, screenshotPath } from './harness.mjs';

const FIREFOX = firefoxBinary();
const PACKAGE = path.join(ROOT, 'dist/policylens-firefox.zip');
const skip = FIREFOX ? false : 'no Firefox installed (firefox-esr or firefox on PATH, or set FIREFOX)';

let server;
let firefox;
let tab;

before(async () => {
  if (skip) return;
  assert.ok(fs.existsSync(PACKAGE), `${PACKAGE} is missing: run ./build.sh package`);
  server = await startServer();
  firefox = await launchFirefox(FIREFOX);
  await firefox.send('webExtension.install', { extensionData: { type: 'archivePath', path: PACKAGE } });
  tab = (await firefox.send('browsingContext.getTree', {})).contexts[0].context;
}, { timeout: 60000 });

after(async () => {
  await firefox?.close();
  await server?.close();
});

/** Runs `expression` in the page of `context`; resolves with its JSON-serialisable value. */
async function evaluate(context, expression) {
  const { type, result, exceptionDetails } = await firefox.send('script.evaluate', {
    expression: `JSON.stringify(${expression})`, target: { context }, awaitPromise: true,
  });
  if (type === 'exception') throw new Error(exceptionDetails.text);
  return result.value === undefined ? undefined : JSON.parse(result.value);
}

async function poll(context, expression, millis) {
  const end = Date.now() + millis;
  for (;;) {
    const value = await evaluate(context, expression);
    if (value || Date.now() > end) return value;
    await sleep(100);
  }
}

// What the page itself can see of the badge host.
const BADGE = `(() => {
  const host = document.querySelector('policylens-badge');
  if (!host) return null;
  const box = host.getBoundingClientRect();
  return { shadowRoot: host.shadowRoot, topLayer: host.matches(':popover-open'),
           x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width, height: box.height };
})()`;

async function open(pagePath) {
  await firefox.send('browsingContext.navigate', { context: tab, url: server.origin + pagePath, wait: 'complete' });
}

async function waitForBadge(t, pagePath) {
  const started = Date.now();
  await open(pagePath);
  const badge = await poll(tab, BADGE, 15000);
  t.diagnostic(`${pagePath}: badge ${badge ? `after ${Date.now() - started} ms` : 'never appeared'}`);
  assert.ok(badge, `the badge appears on ${pagePath}`);
  assert.ok(badge.width > 0 && badge.height > 0, 'the badge has a size');
  assert.equal(badge.topLayer, true, 'the badge is in the top layer');
  assert.equal(badge.shadowRoot, null, 'the page cannot reach the closed shadow root');
  return badge;
}

test('a privacy policy gets the badge, and a click opens the details panel', { skip, timeout: 90000 }, async (t) => {
  const badge = await waitForBadge(t, '/samples/shop-privacy-us.html');
  await firefox.send('input.performActions', { context: tab, actions: [{
    type: 'pointer', id: 'mouse', actions: [
      { type: 'pointerMove', x: Math.round(badge.x), y: Math.round(badge.y) },
      { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 },
    ] }] });
  const src = await poll(tab, `document.querySelector('iframe[src^="moz-extension://"]')?.src`, 10000);
  assert.match(src ?? '', /^moz-extension:\/\/[^/]+\/panel\.html$/);
  // The panel is an extension page in its own browsing context; the Rust renderer fills it. The
  // frame's context starts at about:blank, so wait until it has navigated.
  let panel;
  for (const end = Date.now() + 10000; !panel && Date.now() < end; await sleep(100)) {
    const { contexts } = await firefox.send('browsingContext.getTree', { root: tab });
    panel = contexts[0].children.find((child) => child.url.startsWith('moz-extension://'));
  }
  assert.ok(panel, 'the panel frame is a child browsing context of the tab');
  const grade = await poll(panel.context, `document.querySelector('.pl-grade')?.textContent`, 10000);
  assert.match(grade ?? '', /^[A-E]$/);
  assert.ok(await evaluate(panel.context, `document.querySelectorAll('.pl-category').length`) > 0);
  const shot = await firefox.send('browsingContext.captureScreenshot', { context: tab });
  fs.writeFileSync(screenshotPath('firefox-policy-panel.png'), Buffer.from(shot.data, 'base64'));
});

test('a policy served with a strict Content-Security-Policy still gets the badge', { skip, timeout: 90000 }, async (t) => {
  await waitForBadge(t, '/strict/samples/app-privacy-gdpr.html');
});

test('an ordinary article gets no badge; a policy opened next in the same tab does', { skip, timeout: 90000 }, async (t) => {
  await open('/samples/news-article.html');
  await sleep(1500);
  assert.equal(await evaluate(tab, BADGE), null);
  // The extension is live in this tab: the silence above was its decision.
  await waitForBadge(t, '/samples/cookie-policy.html');
});
