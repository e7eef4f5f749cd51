// Benchmarks the built extension in headless Chromium (./build.sh first; ./build.sh bench runs
// this after `cargo bench`). Measures:
//   - wasm start-up in an extension page: fetch + compile + instantiate, then init() (automata
//     and regex builds): the work a cold service worker does before its first analysis;
//   - warm analyze() per policy size and on ordinary pages, in an extension page (same wasm);
//   - wasm linear memory and JS heap of that page after a 500 KB policy;
//   - navigation -> badge visible, with a stopped (cold) and a running (warm) service worker;
//   - content-script main-thread time on ordinary pages (Chromium trace events of the
//     extension's scripts) and whether any of them reached the worker (wasm used).
// Real article and product pages are read from $POLICYLENS_DATA (e.g. ../shared/data) when set;
// otherwise only the bundled sample article is used. Prints a table and writes JSON to
// $BENCH_JSON when set.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchBrowser, storedReport, EXTENSION } from '../tests/e2e/harness.mjs';

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const SAMPLE = fs.readFileSync(path.join(ROOT, 'www/samples/shop-privacy-us.html'), 'utf8');
const ARTICLE = fs.readFileSync(path.join(ROOT, 'www/samples/news-article.html'), 'utf8');
const DATA = process.env.POLICYLENS_DATA;
// Ordinary pages per kind read from the data, and runs per measurement.
const REAL_PAGES = Number(process.env.BENCH_PAGES || 20);
const NAV_RUNS = 5;

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

const SIZES = [5, 20, 50, 500];
const policies = Object.fromEntries(SIZES.map((kb) => [`policy_${kb}KB`, policyHtml(kb)]));
const articles = realPages('pages/negatives/zyte_article_benchmark/html');
const products = realPages('pages/negatives/zyte_product_benchmark/dataset/html');
const ordinary = [
  { kind: 'sample article', name: 'news-article.html', html: ARTICLE },
  ...articles.map((p) => ({ kind: 'news article', ...p })),
  ...products.map((p) => ({ kind: 'product page', ...p })),
];

/** Serves /policy/<name>.html and /page/<i>.html from memory (pages' own scripts are inert). */
async function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let body = null;
    const policy = /^\/policy\/(\w+)\.html$/.exec(url.pathname);
    const page = /^\/page\/(\d+)\.html$/.exec(url.pathname);
    if (policy && policies[policy[1]]) body = policies[policy[1]];
    if (page && ordinary[Number(page[1])]) body = ordinary[Number(page[1])].html;
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    // No script or sub-resource of the saved page runs or loads: only its DOM is measured.
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "script-src 'none'; img-src 'none'; style-src 'unsafe-inline'; font-src 'none'; connect-src 'none'; frame-src 'none'",
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
  return { page, events };
}

const isExtensionScript = (e) => /^chrome-extension:/.test(e.args?.data?.url || '');

/**
 * Opens `url`; times from navigation start and from DOMContentLoaded to the badge in the DOM,
 * and from document_idle: the start of the first content script, which the trace places
 * relative to DOMContentLoaded (the page cannot see it).
 */
async function timeToBadge(context, url, coldWorker) {
  const { page, events } = await traced(context, async (page) => {
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
  await page.close();
  const dcl = events.find((e) => e.name === 'MarkDOMContent');
  const scriptStarts = events.filter((e) => e.name === 'EvaluateScript' && isExtensionScript(e)).map((e) => e.ts);
  const idleAfterDclMs = dcl && scriptStarts.length ? (Math.min(...scriptStarts) - dcl.ts) / 1000 : NaN;
  const afterDclMs = t.badge - t.domContentLoaded;
  return { badgeMs: t.badge, afterDclMs, afterIdleMs: afterDclMs - idleAfterDclMs };
}

/** Main-thread milliseconds spent in the extension's content scripts while loading `url`. */
async function contentScriptTime(context, url, worker) {
  const { page, events } = await traced(context, async (page) => {
    await page.goto(url, { waitUntil: 'load' });
    // document_idle and the first look-again checks of late-rendering pages.
    await page.waitForTimeout(1500);
  });
  const stored = await storedReport(worker, page.url());
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

async function main() {
  const server = await startServer();
  const launchStarted = performance.now();
  const browser = await launchBrowser();
  const launchMs = performance.now() - launchStarted;
  const { context, extensionId, worker } = browser;
  const results = { date: new Date().toISOString(), extension: EXTENSION, launchMs: round(launchMs, 0) };
  try {
    const inputs = [
      ...Object.keys(policies).map((name) => ({ name, html: policies[name], url: `https://example.test/${name}/privacy` })),
      ...ordinary.slice(0, 3).map((p) => ({ name: `${p.kind}: ${p.name.slice(0, 12)}`, html: p.html, url: 'https://example.test/article' })),
    ];
    results.extensionPage = await inExtensionPage(context, extensionId, inputs);

    const policyUrl = `${server.origin}/policy/policy_20KB.html`;
    const cold = [];
    const warm = [];
    for (let i = 0; i < NAV_RUNS; i++) {
      cold.push(await timeToBadge(context, policyUrl, true));
      warm.push(await timeToBadge(context, policyUrl, false));
    }
    results.badge = {
      page: 'policy_20KB',
      coldMedianMs: round(median(cold.map((r) => r.badgeMs)), 1),
      coldAfterDclMedianMs: round(median(cold.map((r) => r.afterDclMs)), 1),
      coldAfterIdleMedianMs: round(median(cold.map((r) => r.afterIdleMs)), 1),
      warmMedianMs: round(median(warm.map((r) => r.badgeMs)), 1),
      warmAfterDclMedianMs: round(median(warm.map((r) => r.afterDclMs)), 1),
      warmAfterIdleMedianMs: round(median(warm.map((r) => r.afterIdleMs)), 1),
      runs: NAV_RUNS,
    };

    const ordinaryRuns = [];
    for (const [i, p] of ordinary.entries()) {
      const r = await contentScriptTime(context, `${server.origin}/page/${i}.html`, browser.worker ?? worker);
      ordinaryRuns.push({ kind: p.kind, name: p.name, ...r });
    }
    const byKind = {};
    for (const r of ordinaryRuns) (byKind[r.kind] ??= []).push(r);
    results.ordinaryPages = Object.entries(byKind).map(([kind, rs]) => ({
      kind,
      pages: rs.length,
      medianMs: round(median(rs.map((r) => r.ms))),
      maxMs: round(Math.max(...rs.map((r) => r.ms))),
      sentToWorker: rs.filter((r) => r.sentToWorker).length,
    }));
  } finally {
    await browser.close();
    await server.close();
  }
  print(results);
  if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
}

function print(r) {
  const e = r.extensionPage;
  const rows = [
    ['wasm fetch+compile+instantiate (extension page)', `${round(e.instantiateMs, 1)} ms`],
    ['init(): automata and regex builds', `${round(e.initMs, 1)} ms`],
    ...e.analyze.map((a) => [
      `analyze ${a.name} (${Math.round(a.bytes / 1024)} KB text)`,
      `${round(a.medianMs)} ms median of ${a.runs}, first ${round(a.firstMs)} ms, ${round(a.bytes / 1048.576 / a.medianMs, 1)} MB/s`,
    ]),
    ['wasm memory after the 500 KB policy', `${(e.wasmMemoryBytes / 1048576).toFixed(1)} MB`],
    ['JS heap of that page after GC', `${(e.jsHeapUsedBytes / 1048576).toFixed(1)} MB`],
    [`badge, cold worker (${r.badge.page}, median of ${r.badge.runs})`, `${r.badge.coldMedianMs} ms after navigation start, ${r.badge.coldAfterDclMedianMs} ms after DOMContentLoaded, ${r.badge.coldAfterIdleMedianMs} ms after document_idle`],
    ['badge, warm worker', `${r.badge.warmMedianMs} ms after navigation start, ${r.badge.warmAfterDclMedianMs} ms after DOMContentLoaded, ${r.badge.warmAfterIdleMedianMs} ms after document_idle`],
    ...r.ordinaryPages.map((o) => [
      `content scripts on ${o.kind}s (${o.pages})`,
      `${o.medianMs} ms median, ${o.maxMs} ms max main thread; sent to the worker: ${o.sentToWorker}`,
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nChromium benchmark (${r.date})`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

await main();
