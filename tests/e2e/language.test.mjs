// End to end in headless Chromium: a policy in a language policylens cannot read gets no
// grade and says so; a German policy is read; the words follow the browser's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, storedReport, toolbarText, screenshotPath } from './harness.mjs';

let server;
const browsers = {};

before(async () => {
  server = await startServer();
  browsers.en = await launchBrowser();
  browsers.de = await launchBrowser(undefined, { lang: 'de' });
});

after(async () => {
  for (const browser of Object.values(browsers)) await browser.close();
  await server?.close();
});

const badge = (page) => page.locator('policylens-badge');
const panelFrame = (page) => page.frameLocator('iframe[src^="chrome-extension://"]');

/** Opens `path` in `browser`, waits for the badge and returns the page with its stored report. */
async function openPolicy(browser, path) {
  const page = await browser.context.newPage();
  await page.goto(server.origin + path);
  await badge(page).waitFor({ state: 'visible', timeout: 15000 });
  const stored = await storedReport(browser.worker, page.url());
  assert.ok(stored, 'the worker stored a report for the tab');
  return { page, stored };
}

/**
 * The accessible name of the badge's open button: its shadow root is closed to the page and
 * to Playwright, so read the browser's accessibility tree.
 */
async function badgeLabel(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const names = nodes.filter((n) => n.role?.value === 'button').map((n) => n.name?.value ?? '');
  return names.find((name) => /Open details|Details öffnen/.test(name)) ?? names.join(' | ');
}

test('a Portuguese policy gets no grade, and the badge and panel say policylens cannot read it', { timeout: 60000 }, async () => {
  const browser = browsers.en;
  const { page, stored } = await openPolicy(browser, '/fixtures/politica-privacidade-pt.html');
  assert.deepEqual(stored.report.language, { code: 'pt', supported: false });
  assert.equal(stored.report.grade, null);
  assert.deepEqual(stored.report.grade_reasons, []);
  assert.equal(stored.report.facts.sells_data, 'not_mentioned');
  assert.equal(await toolbarText(browser.worker, stored.tabId), '');
  assert.match(await badgeLabel(page), /Privacy grade \?: Cannot read Portuguese yet/);

  await badge(page).click();
  const frame = panelFrame(page);
  await frame.locator('.pl-headline').waitFor();
  assert.equal(await frame.locator('.pl-grade').textContent(), '–');
  assert.equal(await frame.locator('.pl-headline').textContent(), 'Cannot read Portuguese yet');
  assert.equal(await frame.locator('.pl-summary li').first().textContent(),
    'policylens cannot read Portuguese yet, so there is no grade');
  assert.equal(await frame.locator('.pl-reasons').count(), 0, 'no grade reasons');
  assert.equal(await frame.locator('.pl-facts').count(), 0, 'no facts');
  assert.equal(await frame.locator('.pl-category').count(), 0, 'no topics');
  await page.screenshot({ path: screenshotPath('language-portuguese.png') });
  await page.close();
});

test('in a German browser the panel of an English policy is German', { timeout: 60000 }, async () => {
  const browser = browsers.de;
  assert.equal(await browser.worker.evaluate(() => chrome.i18n.getUILanguage()), 'de');
  const { page, stored } = await openPolicy(browser, '/samples/shop-privacy-us.html');
  assert.equal(stored.report.language.code, 'en');
  assert.match(stored.report.grade, /^[A-E]$/);
  // The report keeps its English words; the badge and the panel word its messages in German.
  const german = await browser.worker.evaluate((id) => chrome.i18n.getMessage(id), stored.report.headline_message.id);
  assert.ok(german && german !== stored.report.headline, `${german} is German`);
  assert.match(await badgeLabel(page), new RegExp(`^Datenschutznote ${stored.report.grade}: ${german}\\.`));

  await badge(page).click();
  const frame = panelFrame(page);
  await frame.locator('.pl-headline').waitFor();
  assert.equal(await frame.locator('.pl-headline').textContent(), german);
  const headings = await frame.locator('.pl-section h2').allTextContents();
  assert.deepEqual(headings, ['Was drinsteht', 'Warum diese Note', 'Das Wichtigste', 'Nach Thema']);
  const summary = await frame.locator('.pl-summary li span').allTextContents();
  assert.equal(summary.length, stored.report.summary.length);
  assert.notDeepEqual(summary, stored.report.summary, 'summary lines are worded in German');
  const facts = await frame.locator('.pl-facts dt').allTextContents();
  assert.ok(facts.includes('Ihre Rechte'), facts.join(' | '));
  const topics = await frame.locator('.pl-category .pl-label').allTextContents();
  assert.ok(topics.includes('Erhebung und Nutzung durch den Anbieter'), topics.join(' | '));
  await page.screenshot({ path: screenshotPath('language-german-browser.png') });
  await page.close();
});

test('a German policy is read: German badge words and a grade in a German browser', { timeout: 60000 }, async () => {
  const browser = browsers.de;
  const { page, stored } = await openPolicy(browser, '/fixtures/datenschutz-de.html');
  assert.deepEqual(stored.report.language, { code: 'de', supported: true });
  assert.match(stored.report.grade, /^[A-E]$/);
  assert.equal(await toolbarText(browser.worker, stored.tabId), stored.report.grade);
  assert.equal(stored.report.facts.sells_data, 'no');
  assert.equal(stored.report.facts.effective_date, '2023-03-01');
  assert.ok(stored.report.facts.user_rights.includes('access'));
  const german = await browser.worker.evaluate((id) => chrome.i18n.getMessage(id), stored.report.headline_message.id);
  assert.match(await badgeLabel(page), new RegExp(`^Datenschutznote ${stored.report.grade}: ${german}\\.`));
  await badge(page).click();
  const frame = panelFrame(page);
  await frame.locator('.pl-headline').waitFor();
  assert.equal(await frame.locator('.pl-headline').textContent(), german);
  assert.ok(await frame.locator('.pl-category').count() >= 5, 'topics read from German clauses');
  await page.screenshot({ path: screenshotPath('language-german-policy.png') });
  await page.close();
});
