// Benchmarks the built extension in headless Chromium (./build.sh first; ./build.sh bench runs
// this after `cargo bench`). Measures:
//   - wasm start-up in an extension page: fetch + compile + instantiate, then init() (automata
//     and regex builds): the work a cold service worker does before its first analysis;
//   - warm analyze() per policy size and on ordinary pages, in an extension page (same wasm);
//   - wasm linear memory and JS heap of that page after a 500 KB policy;
//   - navigation -> badge visible, with a stopped (cold) and a running (warm) service worker,
//     and the milestones on the way that the extension records (page: pre-check, extraction,
//     answer, badge drawn; worker: message received, core ready, analysis, answer);
//   - content-script main-thread time on ordinary pages (Chromium trace events of the
//     extension's scripts) and whether any of them reached the worker (wasm used), with two
//     limits beside it in the same rounds (FLOOR_SCRIPTS; BENCH_FLOORS=0 leaves them out).
// Real article and product pages are read from $POLICYLENS_DATA (e.g. ../shared/data) when set;
// otherwise only the bundled sample article is used. Prints a table and writes JSON to
// $BENCH_JSON when set.
// Usage: node tools/bench-chromium.mjs [EXTENSION_DIR...]; the built extension/ by default.
// With several folders (say a baseline copy and extension/), each gets its own browser and
// every measurement round runs them in turn, so they share the machine's load.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchBrowser, storedReport, currentWorker, EXTENSION } from '../tests/e2e/harness.mjs';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const SAMPLE = fs.readFileSync(path.join(ROOT, 'www/samples/shop-privacy-us.html'), 'utf8');
const ARTICLE = fs.readFileSync(path.join(ROOT, 'www/samples/news-article.html'), 'utf8');
const DATA = process.env.POLICYLENS_DATA;
// Ordinary pages per kind read from the data, and runs per measurement.
const REAL_PAGES = Number(process.env.BENCH_PAGES || 20);
const NAV_RUNS = Number(process.env.BENCH_NAV_RUNS || 7);
// Loads of the bundled sample article for the content-script cost.
const SAMPLE_LOADS = Number(process.env.BENCH_SAMPLE_LOADS || 30);
// BENCH_ONLY=pages: only the content-script cost on ordinary pages (for builds without a badge).
const PAGES_ONLY = process.env.BENCH_ONLY === 'pages';
// The policy the badge is timed on (BENCH_BADGE_KB: one of SIZES below).
const BADGE_PAGE = `policy_${Number(process.env.BENCH_BADGE_KB || 20)}KB`;

/** The sample policy with its main content repeated to about `kb` KB of HTML. */
function policyHtml(kb) {
  const [head, rest] = SAMPLE.split('<main>');
  const [main, tail] = rest.split('</main>');
  const copies = Math.max(1, Math.round((kb * 1024) / main.length));
  return `${head}<main>${main.repeat(copies)}</main>${tail}`;
}

function realPages(dir) {
  if (!DATA) return [];
  const folder = path.join(DATA, dir);
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).sort().slice(0, REAL_PAGES).map((name) => {
    const bytes = fs.readFileSync(path.join(folder, name));
    return { name, html: (name.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8') };
  });
}

// Limits for the content-script cost: the first extension with its content script replaced by
// an empty one, and by one that reads only what a pre-check must (the title and the text of up
// to 12 headings, as src/precheck.rs's MAX_HEADINGS), in an isolated world like the real one.
const FLOORS = process.env.BENCH_FLOORS !== '0';
const FLOOR_SCRIPTS = {
  'empty content script': 'void 0;\n',
  'reads the title and 12 headings, nothing else': `(() => {
  let chars = String(document.title).length;
  const headings = document.querySelectorAll('h1, h2, h3');
  for (let i = 0; i < Math.min(headings.length, 12); i++) chars += headings[i].textContent.length;
  return chars;
})();
`,
};

/** A copy of the extension in `dir` whose document_idle content script is `script`. */
function withContentScript(dir, script) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'policylens-floor-'));
  fs.cpSync(dir, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, 'generated/content.js'), script);
  return copy;
}

const SIZES = [5, 20, 50, 500];
const policies = Object.fromEntries(SIZES.map((kb) => [`policy_${kb}KB`, policyHtml(kb)]));
const articles = realPages('pages/negatives/zyte_article_benchmark/html');
const products = realPages('pages/negatives/zyte_product_benchmark/dataset/html');
const ordinary = [
  { kind: 'sample article', name: 'news-article.html', html: ARTICLE },
  ...articles.map((p) => ({ kind: 'news article', ...p })),
  ...products.map((p) => ({ kind: 'product page', ...p })),
];

// A page that is still loading this long after its first bytes (an empty script at the end of
// its body arrives late), as pages on a real network are: /held-privacy/<name>.html.
const HELD_MS = 300;

/**
 * Serves /policy/<name>.html and /page/<i>.html from memory (pages' own scripts are inert).
 * /privacy/<name>.html is the same policy under a path with a pre-check word, which wakes the
 * worker at document_start (extension/wake.js); /held-privacy/ also holds the page HELD_MS.
 */
async function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/held.js') {
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(''), HELD_MS);
      return;
    }
    let body = null;
    const policy = /^\/(policy|privacy|held-privacy)\/(\w+)\.html$/.exec(url.pathname);
    const page = /^\/page\/(\d+)\.html$/.exec(url.pathname);
    if (policy && policies[policy[2]]) body = policies[policy[2]];
    if (policy?.[1] === 'held-privacy' && body) body = body.replace('</body>', '<script src="/held.js"></script></body>');
    if (page && ordinary[Number(page[1])]) body = ordinary[Number(page[1])].html;
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    // No script or sub-resource of the saved page runs or loads (but /held.js): only its DOM is
    // measured.
    const scripts = policy?.[1] === 'held-privacy' ? "'self'" : "'none'";
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `script-src ${scripts}; img-src 'none'; style-src 'unsafe-inline'; font-src 'none'; connect-src 'none'; frame-src 'none'`,
    }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const round = (x, digits = 2) => Number(x.toFixed(digits));

/** wasm start-up, warm analyze per page and memory, in a fresh extension page. */
async function inExtensionPage(context, extensionId, inputs) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const result = await page.evaluate(async (inputs) => {
    const t0 = performance.now();
    const m = await import('./pkg/policylens.js');
    await import('./generated/shared.js');
    await import('./extract.js');
    const wasm = await m.default();
    const t1 = performance.now();
    m.init();
    const t2 = performance.now();
    const out = { instantiateMs: t1 - t0, initMs: t2 - t1, analyze: [] };
    for (const { name, html, url } of inputs) {
      const { title, lang, blocks } = policylensExtract(new DOMParser().parseFromString(html, 'text/html'));
      const doc = { url, title, lang, blocks };
      const bytes = doc.blocks.reduce((n, b) => n + new TextEncoder().encode(b.text).length, 0);
      const first = performance.now();
      m.analyze(doc);
      const firstMs = performance.now() - first;
      // Three warm-up runs (regex caches), then enough runs for about 300 ms, at least 10.
      for (let i = 0; i < 3; i++) m.analyze(doc);
      const runs = Math.max(10, Math.min(500, Math.ceil(300 / Math.max(firstMs, 0.05))));
      const times = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        m.analyze(doc);
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      out.analyze.push({ name, bytes, firstMs, medianMs: times[times.length >> 1], runs });
      if (name === 'policy_500KB') out.wasmMemoryBytes = wasm.memory.buffer.byteLength;
    }
    return out;
  }, inputs);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await page.close();
  return { ...result, jsHeapUsedBytes: heap.usedSize };
}

/**
 * Runs `load(page)` in a new page under a Chromium trace; returns the page and the trace events.
 * With `coldWorker`, every service worker (the extension's included) is stopped first, from this
 * page: closing a tab would wake the extension's worker again (its tabs.onRemoved listener).
 */
async function traced(context, load, { coldWorker = false } = {}) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (coldWorker) {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  }
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'] },
  });
  await load(page);
  await cdp.send('Tracing.end');
  await complete;
  return { page, cdp, events };
}

const isExtensionScript = (e) => /^chrome-extension:/.test(e.args?.data?.url || '');
// document_idle: the start of the content script the manifest runs then (earlier ones run at
// document_start).
const isIdleScript = (e) => /^chrome-extension:\/\/[^/]+\/generated\/content\.js$/.test(e.args?.data?.url || '');



/**
 * The milestones the extension records (content script: `policylensTiming` in its isolated world;
 * worker: `policylensTiming` and `policylensStartup`), as ms after document_idle, which is
 * `idleAt` on the page's clock. Empty for a build that records none.
 */
async function milestones(cdp, context, extensionId, idleAt) {
  const contexts = [];
  const created = ({ context: c }) => contexts.push(c);
  cdp.on('Runtime.executionContextCreated', created);
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.disable');
  cdp.off('Runtime.executionContextCreated', created);
  const content = contexts.find((c) => c.origin === `chrome-extension://${extensionId}`);
  if (!content) return {};
  const { result } = await cdp.send('Runtime.evaluate', {
    contextId: content.id,
    returnByValue: true,
    expression: '({ origin: performance.timeOrigin, timing: globalThis.policylensTiming })',
  });
  const page = result.value;
  if (!page?.timing) return {};
  const zero = page.origin + idleAt;
  const out = {};
  for (const [k, t] of Object.entries(page.timing)) out[`page ${k}`] = t - idleAt;
  const worker = await currentWorker(context, extensionId);
  const w = await worker.evaluate(() => ({
    origin: performance.timeOrigin, timing: globalThis.policylensTiming, startup: globalThis.policylensStartup,
  }));
  for (const [k, t] of Object.entries(w.timing ?? {})) out[`worker ${k}`] = w.origin + t - zero;
  for (const [k, t] of Object.entries(w.startup ?? {})) out[`worker start: ${k}`] = w.origin + t - zero;
  out['worker start: script'] = w.origin - zero;
  return out;
}

/**
 * Opens `url`; times from navigation start and from DOMContentLoaded to the badge in the DOM,
 * and from document_idle: the start of the document_idle content script, which the trace places
 * relative to DOMContentLoaded (the page cannot see it). Also the extension's own milestones.
 */
async function timeToBadge(context, extensionId, url, coldWorker) {
  const { page, cdp, events } = await traced(context, async (page) => {
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('policylens-badge')) {
          globalThis.badgeAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    await page.locator('policylens-badge').waitFor({ state: 'visible', timeout: 15000 });
  }, { coldWorker });
  const t = await page.evaluate(() => ({
    badge: globalThis.badgeAt,
    domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  }));
  const dcl = events.find((e) => e.name === 'MarkDOMContent');
  const scriptStarts = events.filter((e) => e.name === 'EvaluateScript' && isIdleScript(e)).map((e) => e.ts);
  const idleAfterDclMs = dcl && scriptStarts.length ? (Math.min(...scriptStarts) - dcl.ts) / 1000 : NaN;
  const afterDclMs = t.badge - t.domContentLoaded;
  // The stored report is written after the answer: wait for it so that the next run starts
  // from a quiet worker.
  await storedReport(await currentWorker(context, extensionId), page.url());
  const idleAt = t.domContentLoaded + idleAfterDclMs;
  const steps = { ...await milestones(cdp, context, extensionId, idleAt), 'badge in the DOM (page)': t.badge - idleAt };
  await page.close();
  return { badgeMs: t.badge, afterDclMs, afterIdleMs: afterDclMs - idleAfterDclMs, steps };
}

/** Main-thread milliseconds spent in the extension's content scripts while loading `url`. */
async function contentScriptTime(context, extensionId, url) {
  const { page, events } = await traced(context, async (page) => {
    await page.goto(url, { waitUntil: 'load' });
    // document_idle and the first look-again checks of late-rendering pages.
    await page.waitForTimeout(1500);
  });
  const stored = await storedReport(await currentWorker(context, extensionId), page.url(), 200);
  await page.close();
  // Complete events of script evaluation and callbacks whose script is the extension's.
  const intervals = events
    .filter((e) => e.ph === 'X' && ['EvaluateScript', 'FunctionCall', 'TimerFire', 'FireAnimationFrame']
      .includes(e.name) && isExtensionScript(e))
    .map((e) => [e.ts, e.ts + (e.dur || 0)])
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of intervals) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return { ms: total / 1000, sentToWorker: stored !== null };
}

/** Median of each milestone over runs (those that recorded it). */
function medianSteps(runs) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.steps)))];
  return Object.fromEntries(names
    .map((n) => [n, round(median(runs.map((r) => r.steps[n]).filter((x) => x !== undefined)), 1)])
    .sort((a, b) => a[1] - b[1]));
}

async function main() {
  // Extension folders to compare, measured in turn within each round (default: the built one).
  const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => path.resolve(d)) : [EXTENSION];
  const server = await startServer();
  const results = { date: new Date().toISOString(), load: fs.readFileSync('/proc/loadavg', 'utf8').trim(), extensions: [] };
  const browsers = [];
  const floorDirs = FLOORS ? Object.entries(FLOOR_SCRIPTS).map(([name, script]) => ({ name, dir: withContentScript(dirs[0], script) })) : [];
  const floorBrowsers = [];
  try {
    for (const dir of dirs) {
      const launchStarted = performance.now();
      const browser = await launchBrowser(dir);
      browsers.push(browser);
      results.extensions.push({ extension: dir, launchMs: round(performance.now() - launchStarted, 0) });
    }
    const inputs = [
      ...Object.keys(policies).map((name) => ({ name, html: policies[name], url: `https://example.test/${name}/privacy` })),
      ...ordinary.slice(0, 3).map((p) => ({ name: `${p.kind}: ${p.name.slice(0, 12)}`, html: p.html, url: 'https://example.test/article' })),
    ];
    for (const [i, b] of browsers.entries()) {
      results.extensions[i].extensionPage = PAGES_ONLY ? null : await inExtensionPage(b.context, b.extensionId, inputs);
    }

    const policyUrl = `${server.origin}/policy/${BADGE_PAGE}.html`;
    const privacyUrl = `${server.origin}/privacy/${BADGE_PAGE}.html`;
    const heldUrl = `${server.origin}/held-privacy/${BADGE_PAGE}.html`;
    const cold = browsers.map(() => []);
    const coldPrivacy = browsers.map(() => []);
    const coldHeld = browsers.map(() => []);
    const warm = browsers.map(() => []);
    for (let run = 0; run < (PAGES_ONLY ? 0 : NAV_RUNS); run++) {
      for (const [i, b] of browsers.entries()) {
        cold[i].push(await timeToBadge(b.context, b.extensionId, policyUrl, true));
        warm[i].push(await timeToBadge(b.context, b.extensionId, policyUrl, false));
        coldPrivacy[i].push(await timeToBadge(b.context, b.extensionId, privacyUrl, true));
        coldHeld[i].push(await timeToBadge(b.context, b.extensionId, heldUrl, true));
      }
    }
    for (const [i, r] of results.extensions.entries()) {
      if (PAGES_ONLY) break;
      r.badge = {
        page: BADGE_PAGE,
        coldMedianMs: round(median(cold[i].map((x) => x.badgeMs)), 1),
        coldAfterDclMedianMs: round(median(cold[i].map((x) => x.afterDclMs)), 1),
        coldAfterIdleMedianMs: round(median(cold[i].map((x) => x.afterIdleMs)), 1),
        coldAfterIdleMs: cold[i].map((x) => round(x.afterIdleMs, 1)),
        coldPrivacyAfterIdleMedianMs: round(median(coldPrivacy[i].map((x) => x.afterIdleMs)), 1),
        coldPrivacyAfterIdleMs: coldPrivacy[i].map((x) => round(x.afterIdleMs, 1)),
        coldHeldAfterIdleMedianMs: round(median(coldHeld[i].map((x) => x.afterIdleMs)), 1),
        coldHeldAfterIdleMs: coldHeld[i].map((x) => round(x.afterIdleMs, 1)),
        warmMedianMs: round(median(warm[i].map((x) => x.badgeMs)), 1),
        warmAfterDclMedianMs: round(median(warm[i].map((x) => x.afterDclMs)), 1),
        warmAfterIdleMedianMs: round(median(warm[i].map((x) => x.afterIdleMs)), 1),
        warmAfterIdleMs: warm[i].map((x) => round(x.afterIdleMs, 1)),
        runs: NAV_RUNS,
        coldSteps: medianSteps(cold[i]),
        coldPrivacySteps: medianSteps(coldPrivacy[i]),
        coldHeldSteps: medianSteps(coldHeld[i]),
        warmSteps: medianSteps(warm[i]),
      };
    }

    // Ordinary pages: the sample article SAMPLE_LOADS times, each real page once.
    const loads = [...Array(SAMPLE_LOADS).fill(0), ...[...ordinary.keys()].slice(1)];
    // The limits' browsers start only now, so that they are idle during none of the above.
    for (const { dir } of floorDirs) floorBrowsers.push(await launchBrowser(dir));
    const measured = [...browsers, ...floorBrowsers];
    const ordinaryRuns = measured.map(() => []);
    for (const i of loads) {
      for (const [k, b] of measured.entries()) {
        const r = await contentScriptTime(b.context, b.extensionId, `${server.origin}/page/${i}.html`);
        ordinaryRuns[k].push({ kind: ordinary[i].kind, name: ordinary[i].name, ...r });
      }
    }
    results.floors = floorDirs.map(({ name }) => ({ extension: name }));
    for (const [k, r] of [...results.extensions, ...results.floors].entries()) {
      const byKind = {};
      for (const x of ordinaryRuns[k]) (byKind[x.kind] ??= []).push(x);
      r.ordinaryPages = Object.entries(byKind).map(([kind, rs]) => ({
        kind,
        loads: rs.length,
        medianMs: round(median(rs.map((x) => x.ms))),
        maxMs: round(Math.max(...rs.map((x) => x.ms))),
        sentToWorker: rs.filter((x) => x.sentToWorker).length,
      }));
    }
  } finally {
    for (const b of [...browsers, ...floorBrowsers]) await b.close();
    for (const { dir } of floorDirs) fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
  print(results);
  if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
}

function table(rows) {
  const width = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const r of rows) console.log(r.map((x, c) => (c === 0 ? String(x).padEnd(width[c]) : String(x).padStart(width[c]))).join('  '));
}

function print(r) {
  const xs = r.extensions;
  console.log(`\nChromium benchmark (${r.date}; load average at the start: ${r.load})`);
  xs.forEach((x, i) => console.log(`  [${i + 1}] ${x.extension}`));
  const col = (f) => xs.map((x) => f(x));
  const ms = (v, digits = 1) => (Number.isFinite(v) ? `${round(v, digits)} ms` : '-');
  const rows = [
    ['', ...xs.map((_, i) => `[${i + 1}]`)],
    ...(PAGES_ONLY ? [] : [
      ['wasm fetch+compile+instantiate (extension page)', ...col((x) => ms(x.extensionPage.instantiateMs))],
      ['init(): automata and regex builds', ...col((x) => ms(x.extensionPage.initMs))],
      ...xs[0].extensionPage.analyze.map((a, j) => [
        `analyze ${a.name} (${Math.round(a.bytes / 1024)} KB text), median`,
        ...col((x) => ms(x.extensionPage.analyze[j].medianMs, 2)),
      ]),
      ['wasm memory after the 500 KB policy', ...col((x) => `${(x.extensionPage.wasmMemoryBytes / 1048576).toFixed(1)} MB`)],
      ['JS heap of that page after GC', ...col((x) => `${(x.extensionPage.jsHeapUsedBytes / 1048576).toFixed(1)} MB`)],
      [`badge, cold worker, after document_idle (${xs[0].badge.page}, median of ${NAV_RUNS})`, ...col((x) => ms(x.badge.coldAfterIdleMedianMs))],
      ['badge, cold worker, after DOMContentLoaded', ...col((x) => ms(x.badge.coldAfterDclMedianMs))],
      ['badge, cold worker, after document_idle, path /privacy/', ...col((x) => ms(x.badge.coldPrivacyAfterIdleMedianMs))],
      [`badge, cold worker, after document_idle, /privacy/ held ${HELD_MS} ms`, ...col((x) => ms(x.badge.coldHeldAfterIdleMedianMs))],
      ['badge, warm worker, after document_idle', ...col((x) => ms(x.badge.warmAfterIdleMedianMs))],
      ['badge, warm worker, after DOMContentLoaded', ...col((x) => ms(x.badge.warmAfterDclMedianMs))],
    ]),
    ...xs[0].ordinaryPages.flatMap((o, j) => [
      [`content scripts, ${o.kind} (${o.loads} loads): median main thread`, ...col((x) => ms(x.ordinaryPages[j].medianMs, 2))],
      ['  max; loads sent to the worker', ...col((x) => `${ms(x.ordinaryPages[j].maxMs, 2)}; ${x.ordinaryPages[j].sentToWorker}`)],
    ]),
  ];
  table(rows);
  if (r.floors.length) {
    console.log(`\nLimits beside them, measured in the same rounds (copies of [1] with another content script):`);
    r.floors.forEach((f, i) => console.log(`  [L${i + 1}] ${f.extension}`));
    table([
      ['', ...r.floors.map((_, i) => `[L${i + 1}]`)],
      ...xs[0].ordinaryPages.map((o, j) => [`content scripts, ${o.kind}: median main thread`,
        ...r.floors.map((f) => ms(f.ordinaryPages[j].medianMs, 2))]),
    ]);
  }
  for (const [label, key] of [['warm', 'warmSteps'], ['cold', 'coldSteps'], ['cold, path /privacy/,', 'coldPrivacySteps'],
    [`cold, /privacy/ held ${HELD_MS} ms,`, 'coldHeldSteps']]) {
    xs.forEach((x, i) => {
      if (!x.badge) return;
      const steps = Object.entries(x.badge[key]);
      if (!steps.length) return;
      console.log(`\nBadge path, ${label} worker, [${i + 1}]: milestones in ms after the content script's start (median of ${NAV_RUNS})`);
      let last = Math.min(0, ...steps.map(([, at]) => at));
      table([['milestone', 'at', 'step'], ...steps.map(([name, at]) => {
        const step = at - last;
        last = Math.max(last, at);
        return [name, at.toFixed(1), step.toFixed(1)];
      })]);
    });
  }
}

await main();
