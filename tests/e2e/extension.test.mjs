// End to end in headless Chromium with the real extension: badge on policies (also under a
// strict CSP, on hostile and late-rendering pages), silence on ordinary pages, the details
// panel, "show in page", the toolbar grade, and no network requests by the extension.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, storedReport, toolbarText, screenshotPath } from './harness.mjs';

let server;
let browser;
const extensionRequests = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Every request any page, frame or worker of the browser makes, apart from the test's own pages.
  browser.context.on('request', (request) => {
    if (!request.url().startsWith(server.origin)) extensionRequests.push(request.url());
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const badge = (page) => page.locator('policylens-badge');
const panelFrame = (page) => page.frameLocator('iframe[src^="chrome-extension://"]');

async function openPolicy(path) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const started = Date.now();
  await page.goto(server.origin + path);
  await badge(page).waitFor({ state: 'visible', timeout: 15000 });
  return { page, errors, millis: Date.now() - started };
}

test('a privacy policy gets the badge, the toolbar grade and a details panel', { timeout: 60000 }, async (t) => {
  const { page, millis } = await openPolicy('/samples/shop-privacy-us.html');
  t.diagnostic(`badge visible ${millis} ms after navigation started`);
  const url = page.url();
  const stored = await storedReport(browser.worker, url);
  assert.ok(stored, 'the worker stored a report for the tab');
  assert.equal(stored.report.detection.kind, 'privacy_policy');
  assert.match(stored.report.grade, /^[A-E]$/);
  assert.equal(await toolbarText(browser.worker, stored.tabId), stored.report.grade);
  // The badge lives in a closed shadow root: the page sees the host element only.
  assert.equal(await page.evaluate(() => document.querySelector('policylens-badge').shadowRoot), null);

  await badge(page).click();
  const iframe = page.locator('iframe[src^="chrome-extension://"]');
  await iframe.waitFor({ state: 'visible' });
  const frame = panelFrame(page);
  await assert.doesNotReject(frame.locator('.pl-grade').waitFor());
  assert.equal(await frame.locator('.pl-grade').textContent(), stored.report.grade);
  assert.equal(await frame.locator('.pl-headline').textContent(), stored.report.headline);
  assert.equal(await frame.locator('.pl-summary li').count(), Math.max(stored.report.summary.length, 1));
  const sections = await frame.locator('.pl-category').count();
  assert.equal(sections, stored.report.categories.filter((c) => c.clauses.length).length);
  await page.screenshot({ path: screenshotPath('policy-panel.png') });

  // "Show in page" on a quoted clause scrolls to its block and highlights it.
  const clauseIndex = stored.report.categories.find((c) => c.clauses.length).clauses[0];
  const clause = stored.report.clauses[clauseIndex];
  const firstTopic = frame.locator('details.pl-category').first();
  await firstTopic.locator('summary').click();
  await firstTopic.locator(`blockquote[data-clause="${clauseIndex}"] .pl-show`).click();
  const highlighted = page.locator('[data-policylens-highlight]');
  await highlighted.waitFor();
  const shownText = (await highlighted.textContent()).replace(/\s+/g, ' ').trim();
  assert.ok(shownText.includes(clause.text.slice(0, 40)), `${shownText} should hold ${clause.text}`);
  await page.screenshot({ path: screenshotPath('policy-highlight.png') });

  // Escape inside the panel closes it; the badge stays. Closing removes the panel's frame, and
  // a Playwright input action into a frame that goes away mid-action can hang, so the key is
  // sent from inside the frame just after this call returns.
  await frame.locator('.pl-close').evaluate((button) => {
    button.focus();
    setTimeout(() => button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
  });
  await iframe.waitFor({ state: 'detached' });
  assert.equal(await badge(page).count(), 1);
  await page.close();
});

test('a policy served with a strict Content-Security-Policy still gets badge and panel', { timeout: 60000 }, async () => {
  const { page } = await openPolicy('/strict/samples/app-privacy-gdpr.html');
  await badge(page).click();
  const frame = panelFrame(page);
  await frame.locator('.pl-grade').waitFor();
  assert.match(await frame.locator('.pl-grade').textContent(), /^[A-E]$/);
  // The close button works too.
  await frame.locator('.pl-close').evaluate((button) => setTimeout(() => button.click()));
  await page.locator('iframe[src^="chrome-extension://"]').waitFor({ state: 'detached' });
  await page.close();
});

test('a stopped worker, woken by the pre-check before the page is read, gives the same badge', { timeout: 60000 }, async () => {
  const path = '/samples/shop-privacy-us.html';
  const warm = await openPolicy(path);
  const warmStored = await storedReport(browser.worker, warm.page.url());
  const warmOrigin = await browser.worker.evaluate(() => performance.timeOrigin);
  await warm.page.close();

  // Every service worker stopped, from a fresh page (closing a tab would wake the worker).
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const isMine = (w) => new URL(w.url()).host === browser.extensionId;
  await page.goto(server.origin + path);
  await badge(page).waitFor({ state: 'visible', timeout: 15000 });
  // Playwright keeps one handle for the extension's worker across restarts.
  const worker = browser.context.serviceWorkers().filter(isMine).at(-1);
  assert.notEqual(await worker.evaluate(() => performance.timeOrigin), warmOrigin, 'a new worker instance');
  const stored = await storedReport(worker, page.url());
  assert.equal(stored.report.grade, warmStored.report.grade);
  assert.equal(stored.report.headline, warmStored.report.headline);
  assert.equal(await toolbarText(worker, stored.tabId), stored.report.grade);
  // The wake message came first, and the blocks after it; the browser's messages were loaded at
  // the worker's start, before them.
  const { woken, messages, received } = await worker.evaluate(() => ({
    woken: globalThis.policylensStartup.woken,
    messages: globalThis.policylensStartup.messages,
    received: globalThis.policylensTiming.received,
  }));
  assert.ok(woken <= received, `woken at ${woken} ms, blocks received at ${received} ms`);
  assert.ok(messages <= received, `messages loaded at ${messages} ms, blocks received at ${received} ms`);
  await page.close();
});

test('a cookie policy is recognised as one', { timeout: 60000 }, async () => {
  const { page } = await openPolicy('/samples/cookie-policy.html');
  const stored = await storedReport(browser.worker, page.url());
  assert.equal(stored.report.detection.kind, 'cookie_policy');
  await page.close();
});

test('an ordinary article stays silent (no badge, no toolbar grade, no message) but its policy link is found', { timeout: 60000 }, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/samples/news-article.html`);
  await page.waitForTimeout(1500);
  assert.equal(await badge(page).count(), 0);
  assert.equal(await storedReport(browser.worker, page.url()), null);
  // What the popup asks to offer "Read this site's privacy policy".
  const askForLink = () => browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return {
      text: await chrome.action.getBadgeText({ tabId: tab.id }),
      policyLink: await chrome.tabs.sendMessage(tab.id, { type: 'find-policy-link' }, { frameId: 0 })
        .catch((error) => ({ error: error.message })),
    };
  });
  const focused = await askForLink();
  assert.equal(focused.text, '');
  // A focused ordinary page has not set up the extension API: nothing listens yet.
  assert.match(focused.policyLink.error, /Receiving end does not exist/);
  // Opening the popup takes the focus from the page, which then listens.
  await page.evaluate(() => window.dispatchEvent(new FocusEvent('blur')));
  const { policyLink } = await askForLink();
  assert.equal(policyLink.url, `${server.origin}/privacy`, 'the footer link to the site policy');
  await page.close();
});

test('a hostile page cannot hide the badge, inject markup, or reach the extension', { timeout: 60000 }, async () => {
  const { page, errors } = await openPolicy('/fixtures/hostile-policy.html');
  // Its CSS says display: none for the badge; the badge is still visible and on top.
  assert.ok(await badge(page).isVisible());
  await page.waitForFunction(() => window.seenShadow !== undefined);
  assert.equal(await page.evaluate(() => window.seenShadow), 'null');
  await badge(page).click();
  const frame = panelFrame(page);
  await page.locator('iframe[src^="chrome-extension://"]').waitFor({ state: 'visible' });
  await frame.locator('.pl-category').first().waitFor();
  // The clause quoting markup shows it as text; nothing ran.
  await frame.locator('details.pl-category').first().locator('summary').click();
  const quoted = frame.locator('blockquote', { hasText: 'onerror' });
  assert.ok((await quoted.count()) >= 1, 'the clause with markup is quoted as text');
  assert.equal(await frame.locator('img').count(), 0);
  assert.notEqual(await page.title(), 'pwned');
  // The page's postMessage attempts changed nothing: the panel is still open.
  assert.equal(await page.locator('iframe[src^="chrome-extension://"]').count(), 1);
  await page.screenshot({ path: screenshotPath('hostile-page.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page that hides everything with `* { display: none !important }` still shows the badge', { timeout: 60000 }, async () => {
  const { page, errors } = await openPolicy('/fixtures/hides-everything.html');
  const box = await badge(page).boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, `badge box ${JSON.stringify(box)}`);
  // Only the badge: the page's own content stays as hidden as the page made it.
  assert.equal(await page.locator('h1').isVisible(), false);
  await badge(page).click();
  await page.locator('iframe[src^="chrome-extension://"]').waitFor({ state: 'visible' });
  await page.screenshot({ path: screenshotPath('hides-everything.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a policy rendered after load by a single-page app gets the badge', { timeout: 60000 }, async () => {
  const { page, millis } = await openPolicy('/fixtures/late-policy.html');
  assert.ok(millis >= 1000, 'the badge came after the page rendered its policy');
  await page.close();
});

test('a policy that changed since the last visit says what changed', { timeout: 60000 }, async () => {
  server.alias('/changing/privacy', 'changing-policy-v1.html');
  const first = await openPolicy('/changing/privacy');
  const before = await storedReport(browser.worker, first.page.url());
  assert.deepEqual(before.changes, [], 'nothing to compare on the first visit');
  await first.page.close();

  server.alias('/changing/privacy', 'changing-policy-v2.html');
  const { page } = await openPolicy('/changing/privacy');
  const after = await storedReport(browser.worker, page.url());
  // Compared by the core (src/changes.rs), stored as data, put in words by the renderer.
  const shown = JSON.stringify(after.changes);
  assert.ok(after.changes.some((c) => c.change === 'answer' && c.fact === 'sells_data' && c.now === 'yes'), shown);
  assert.ok(after.changes.some((c) => c.change === 'retention' && c.from_days === 30 && c.to_days === 3 * 365), shown);
  await badge(page).click();
  const frame = panelFrame(page);
  await frame.locator('.pl-changes li').first().waitFor();
  const words = await frame.locator('.pl-changes li').allTextContents();
  assert.equal(words.length, after.changes.length);
  assert.ok(words.includes('Now says it sells your data'), words.join('; '));
  assert.ok(words.includes('Longest stated retention went from 30 days to 3 years'), words.join('; '));
  await page.screenshot({ path: screenshotPath('policy-changed.png') });
  await page.close();
});

test('options: quiet sites get no badge, without a reload of the extension', { timeout: 60000 }, async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('#quiet-sites').fill('127.0.0.1');
  await options.locator('#quiet-sites').dispatchEvent('change');
  await options.waitForFunction(async () =>
    (await chrome.storage.local.get('quietSites')).quietSites?.includes('127.0.0.1'));
  await options.screenshot({ path: screenshotPath('options.png') });

  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/samples/shop-privacy-us.html`);
  await page.waitForTimeout(1500);
  assert.equal(await badge(page).count(), 0, 'a quiet site shows no badge');
  await page.close();

  await options.locator('#quiet-sites').fill('');
  await options.locator('#quiet-sites').dispatchEvent('change');
  await options.waitForFunction(async () => (await chrome.storage.local.get('quietSites')).quietSites?.length === 0);
  const again = await openPolicy('/samples/shop-privacy-us.html');
  assert.equal(await badge(again.page).count(), 1);
  await again.page.close();
  await options.close();
});

test('the toolbar popup shows the grade of the tab it was opened for', { timeout: 60000 }, async () => {
  const { page } = await openPolicy('/samples/app-privacy-gdpr.html');
  const stored = await storedReport(browser.worker, page.url());
  // A popup page asks the worker for a named tab, as popup.js does for the active tab.
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  const grade = await popup.evaluate(async (tabId) => {
    const entry = await chrome.runtime.sendMessage({ type: 'get-report', tabId });
    return entry.report.grade;
  }, stored.tabId);
  assert.equal(grade, stored.report.grade);
  await popup.close();
  await page.close();
});

test('a stored report the renderer cannot read is said to be unreadable, not a blank panel', { timeout: 60000 }, async () => {
  const { page } = await openPolicy('/samples/app-privacy-gdpr.html');
  const { tabId } = await storedReport(browser.worker, page.url());
  // As if stored by an older version of the extension: the shape the renderer expects changed.
  await browser.worker.evaluate(async ({ key, url }) => {
    await chrome.storage.session.set({ [key]: { url, report: { schema: 0, grade: 'B' }, changes: [] } });
  }, { key: `tab:${tabId}`, url: page.url() });
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  const text = await popup.evaluate(async (tabId) => {
    const { showDetails } = await import('./details.js');
    const root = document.createElement('div');
    await showDetails(root, { tabId });
    return root.textContent;
  }, tabId);
  assert.match(text, /^This report could not be shown \(.*missing field.*\)\. Reload the page to read it again\.$/);
  await popup.close();
  await page.close();
});

// The worker copies a report without its clauses and other unread parts into the core for the
// stored summary (core.js's summaryOf).
test('the stored summary does not read the parts the worker leaves out of its copy', { timeout: 60000 }, async () => {
  const { page } = await openPolicy('/samples/shop-privacy-us.html');
  const { report } = await storedReport(browser.worker, page.url());
  await page.close();
  assert.ok(report.clauses.length > 0 && report.facts.data_collected.length > 0);
  const extensionPage = await browser.context.newPage();
  await extensionPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const [whole, fromCopy] = await extensionPage.evaluate(async (report) => {
    const core = await import('./core.js');
    const pkg = await import('./pkg/policylens.js');
    await core.startCore();
    return [pkg.storedSummary(report), core.summaryOf(report)];
  }, report);
  await extensionPage.close();
  assert.deepEqual(fromCopy, whole);
  assert.ok(whole.data_collected.length > 0);
});

test('the extension made no network requests', () => {
  const outside = extensionRequests.filter((url) => !/^(chrome-extension|data|blob):/.test(url));
  assert.deepEqual(outside, []);
  // The fixture server saw only the pages and scripts the tests opened.
  assert.ok(server.requests.every((p) => /^\/(strict\/)?(samples|fixtures|changing)\//.test(p) || p === '/favicon.ico'),
    server.requests.join(', '));
});
