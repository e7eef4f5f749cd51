// policylens service worker: runs the Rust core (wasm), keeps each tab's report, sets the
// toolbar badge. One dispatcher; only known message types; tab ids come from `sender`.
import { startCore, analyzePage, headlineOf, summaryOf, compareSummaries } from './core.js';
import './generated/shared.js';
import { WARM_UP_PAGE } from './warm-up.js';

// When the module graph had loaded, the extension's messages were loaded, the wasm was compiled
// and instantiated, and the core was ready (performance.now(), from the worker's start), read by
// tools/bench-chromium.mjs.
const startup = (globalThis.policylensStartup = { modules: performance.now() });
// The worker can be evicted and restarted at any time: every handler awaits this first.
const ready = startCore(undefined, startup);
// The first chrome.i18n call in a worker loads the extension's messages (11 ms in a cold worker,
// BENCHMARKS.md): made here, it runs while the core compiles instead of before the first answer.
chrome.i18n.getMessage('extName');
startup.messages = performance.now();

// Limits and colours are the core's (src/shared.rs), through generated/shared.js.
const SHARED = globalThis.policylensShared;
const LIMITS = { blocks: SHARED.maxBlocks, blockText: SHARED.maxBlockText, totalText: SHARED.maxExtractedText, field: SHARED.maxField };
// Stored per-site summaries for change alerts: most kept, oldest dropped first.
const MAX_SITES = SHARED.maxSites;

const fromContentScript = (sender) =>
  sender.tab && Number.isInteger(sender.tab.id) && sender.frameId === 0 && /^https?:/.test(sender.url || '');
const fromExtensionPage = (sender) => /^(chrome|moz)-extension:/.test(sender.url || '');

const handlers = {
  // content script -> worker, when its pre-check says yes, and wake.js at document_start on URLs
  // with a pre-check word: starting the worker (and with it the core, above) is all it asks for.
  async wake(msg, sender) {
    if (!fromContentScript(sender)) throw new Error('wake: not from a top-level page');
    startup.woken ??= performance.now();
    warmUp(sender.url).catch(() => {});
    return {};
  },
  // content script -> worker: a page's blocks; answers what the badge needs. The toolbar and
  // storage are left to `after`, which runs once the answer is sent.
  async analyze(msg, sender, after) {
    const timing = (globalThis.policylensTiming = { received: performance.now() });
    if (!fromContentScript(sender)) throw new Error('analyze: not from a top-level page');
    firstAnalysisStarted = true;
    const page = validPage(msg.page, sender.url);
    // The options page's settings: no badge wanted means no analysis either.
    const settings = await currentSettings();
    if (!badgeWanted(settings, sender.url)) return { hidden: true };
    await ready;
    timing.ready = performance.now();
    const report = analyzePage(page);
    timing.analysed = performance.now();
    // A policy in a language policylens cannot read has no summary to compare next time.
    const read = report.detection.is_policy && report.language.supported;
    const changes = read ? await recordVisit(sender.url, report, after, timing) : [];
    timing.compared = performance.now();
    const headline = headlineOf(report, (key) => chrome.i18n.getMessage(key));
    after.push(() => {
      setToolbar(sender.tab.id, report, headline);
      // Quota errors leave the popup saying "no report yet".
      const stored = chrome.storage.session.set({ [tabKey(sender.tab.id)]: { url: sender.url, report, changes } })
        .catch(() => {});
      timing.stored = performance.now();
      return stored;
    });
    timing.answered = performance.now();
    return {
      isPolicy: report.detection.is_policy,
      grade: report.grade,
      headline,
      changed: changes.length > 0,
      corner: settings.corner,
      labels: badgeLabels(report.grade, headline),
    };
  },
  // panel (in the tab) or popup (names the tab) -> worker: the stored report.
  async 'get-report'(msg, sender) {
    const tabId = tabOf(msg, sender);
    await afterWork;
    const stored = (await chrome.storage.session.get(tabKey(tabId)))[tabKey(tabId)];
    return stored ? { url: stored.url, report: stored.report, changes: stored.changes } : { report: null };
  },
  // panel or popup -> worker -> content script: scroll to a clause's block and highlight it.
  async 'show-clause'(msg, sender) {
    const tabId = tabOf(msg, sender);
    if (!Number.isInteger(msg.block) || msg.block < 0) throw new Error('show-clause: bad block');
    return chrome.tabs.sendMessage(tabId, { type: 'highlight', block: msg.block }, { frameId: 0 });
  },
  async 'close-panel'(msg, sender) {
    return chrome.tabs.sendMessage(tabOf(msg, sender), { type: 'close-panel' }, { frameId: 0 });
  },
  async 'forget-sites'(msg, sender) {
    if (!fromExtensionPage(sender)) throw new Error('forget-sites: not from an extension page');
    sitesRead = Promise.resolve({});
    await chrome.storage.local.remove('sites');
    return { forgotten: true };
  },
};

// Whether this worker's core has had its first analysis (a page's, or the warm-up policy's).
let firstAnalysisStarted = false;

// A worker woken for a page that may get a badge analyses the warm-up policy once its core is
// ready, unless a page came first: on a page that is still loading (woken by wake.js at
// document_start), V8 compiles the core's functions then, not during the page's first analysis.
// The answer's other core calls are warmed too. Nothing of it is kept.
async function warmUp(url) {
  if (!badgeWanted(await currentSettings(), url)) return;
  await ready;
  await new Promise((resolve) => setTimeout(resolve));
  if (firstAnalysisStarted) return;
  firstAnalysisStarted = true;
  try {
    const report = analyzePage(WARM_UP_PAGE);
    compareSummaries(summaryOf(report), summaryOf(report));
    headlineOf(report, (key) => chrome.i18n.getMessage(key));
  } catch {
    // A page's own analysis reports a broken core.
  }
  startup.warmedUp = performance.now();
}

// Work a handler leaves for after its answer (functions, which may return a promise) starts
// AFTER_ANSWER_MS after it: started at once, even in a task of its own, it held the answer back
// on its way to the page (57 against 2 ms, tools/bench-chromium.mjs, BENCHMARKS.md). What reads
// what it writes waits for `afterWork` first.
const AFTER_ANSWER_MS = 100;
let afterWork = Promise.resolve();

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || !msg || !Object.hasOwn(handlers, msg.type)) return false;
  const after = [];
  handlers[msg.type](msg, sender, after)
    .then(sendResponse, (error) => sendResponse({ error: String(error.message || error) }))
    .then(() => {
      if (!after.length) return;
      const pause = new Promise((resolve) => setTimeout(resolve, AFTER_ANSWER_MS));
      afterWork = Promise.all([afterWork, pause]).then(() => Promise.allSettled(after.map(async (task) => task())));
    });
  return true;
});

chrome.tabs.onRemoved.addListener((tabId) => afterWork.then(() => chrome.storage.session.remove(tabKey(tabId))));

function tabKey(tabId) {
  return `tab:${tabId}`;
}

// Extension pages only: the popup names the active tab; the panel's tab is its sender's.
function tabOf(msg, sender) {
  if (!fromExtensionPage(sender)) throw new Error(`${msg.type}: not from an extension page`);
  const tabId = Number.isInteger(msg.tabId) ? msg.tabId : sender.tab?.id;
  if (!Number.isInteger(tabId)) throw new Error(`${msg.type}: no tab`);
  return tabId;
}

// A fresh, plain copy of the page within the size limits; anything else is refused.
function validPage(page, url) {
  if (!page || typeof page !== 'object' || !Array.isArray(page.blocks)) throw new Error('analyze: no page');
  const text = (value, max) => (typeof value === 'string' ? value.slice(0, max) : '');
  const blocks = [];
  let total = 0;
  for (const block of page.blocks.slice(0, LIMITS.blocks)) {
    if (!block || typeof block.text !== 'string') continue;
    const blockText = block.text.slice(0, Math.min(LIMITS.blockText, LIMITS.totalText - total));
    total += blockText.length;
    const level = Number.isInteger(block.level) ? Math.min(Math.max(block.level, 0), 255) : 0;
    blocks.push({ text: blockText, tag: text(block.tag, 16), level });
    if (total >= LIMITS.totalText) break;
  }
  return { url, title: text(page.title, LIMITS.field), lang: text(page.lang, 64), blocks };
}

// The in-page badge's words in the browser's language (undefined: badge.js's English).
function badgeLabels(grade, headline) {
  const text = (name, substitutions) => chrome.i18n.getMessage(name, substitutions) || undefined;
  return {
    group: text('badgeGroup'),
    open: text('badgeOpen', [grade || '?', headline || '']),
    dismiss: text('badgeDismiss'),
    changed: text('badgeChanged'),
  };
}

function setToolbar(tabId, report, headline) {
  const grade = report.detection.is_policy && report.grade ? report.grade : '';
  chrome.action.setBadgeText({ tabId, text: grade }).catch(() => {});
  if (grade) {
    const colours = SHARED.gradeColours[grade];
    chrome.action.setBadgeBackgroundColor({ tabId, color: colours.background }).catch(() => {});
    chrome.action.setBadgeTextColor({ tabId, color: colours.text }).catch(() => {});
    chrome.action.setTitle({ tabId, title: `policylens ${grade}: ${headline}` }).catch(() => {});
  }
}

// The options page's settings: whether a page at `url` gets a badge (and so an analysis).
function badgeWanted(settings, url) {
  return settings.autoBadge && !settings.quietSites.includes(new URL(url).hostname);
}

// The options page's settings, read once per worker start (beside the core's start) and kept
// current by storage.onChanged, so that a page's answer never waits for storage.
let settingsRead = null;
function currentSettings() {
  settingsRead ??= chrome.storage.local.get(SHARED.settingsDefaults).catch(() => {
    settingsRead = null;
    return SHARED.settingsDefaults;
  });
  return settingsRead;
}

// The stored per-site summaries, read once per worker start and then kept here: the worker is
// their only writer. A failed read is tried again next time.
let sitesRead = null;
function knownSites() {
  sitesRead ??= chrome.storage.local.get('sites').then(({ sites }) => sites ?? {}, (error) => {
    sitesRead = null;
    throw error;
  });
  return sitesRead;
}

currentSettings();
knownSites().catch(() => {});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !Object.keys(SHARED.settingsDefaults).some((key) => Object.hasOwn(changes, key))) return;
  settingsRead = null;
  currentSettings();
});

// Remembers this policy's summary (written to storage by `after`); returns what changed since the
// last visit (none on the first), compared by the core. Only a site seen before needs the summary
// before the answer; on a first visit it is made after.
async function recordVisit(url, report, after, timing) {
  const key = siteKey(url);
  const sites = await knownSites();
  timing.sitesRead = performance.now();
  const before = sites[key];
  const now = before ? summaryOf(report) : null;
  timing.summarised = performance.now();
  const changes = before ? compareSummaries(before, now) : [];
  after.push(() => {
    sites[key] = { ...(now ?? summaryOf(report)), seen: Date.now() };
    const keys = Object.keys(sites);
    if (keys.length > MAX_SITES) {
      keys.sort((a, b) => sites[a].seen - sites[b].seen);
      for (const old of keys.slice(0, keys.length - MAX_SITES)) delete sites[old];
    }
    return chrome.storage.local.set({ sites }).catch(() => {});
  });
  return changes;
}

function siteKey(url) {
  const { host, pathname } = new URL(url);
  return host + pathname.replace(/\/+$/, '');
}
