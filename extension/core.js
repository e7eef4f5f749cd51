// The wasm core as the service worker and the playground use it: started once, and re-created
// after any failure, so one bad page cannot leave a broken instance behind for the next.
import initWasm, { __wbg_reset_state as resetInstance, init, analyze, storedSummary, wordMessage } from './pkg/policylens.js';

// Change alerts: the comparison of the summaries kept per site (src/changes.rs).
export { compareSummaries } from './pkg/policylens.js';

let started;

/**
 * Starts the core once; `wasm` (bytes or a module) is for tests, the extension fetches it and
 * compiles it as it arrives. `milestones` gets the times (performance.now()) the module was
 * compiled, instantiated and its automata built.
 */
export function startCore(wasm, milestones = {}) {
  started ??= (wasm === undefined ? compileCore() : Promise.resolve(wasm))
    .then((module) => {
      milestones.compiled = performance.now();
      return initWasm({ module_or_path: module });
    })
    .then(() => {
      milestones.instantiated = performance.now();
      init();
      milestones.initialised = performance.now();
    });
  return started;
}

async function compileCore() {
  const url = new URL('./pkg/policylens_bg.wasm', import.meta.url);
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // A server that does not say application/wasm (the playground's, say): compile the bytes.
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}

/** Analyses a page. A failure in the core (a bad shape, a panic, a trap) is thrown as an Error
 * that says so, and the next call runs on a fresh instance. */
export function analyzePage(page) {
  try {
    return analyze(page);
  } catch (error) {
    // A panic or trap leaves the instance's stack and heap half-updated. The fresh one builds
    // its automata on first use.
    resetInstance();
    throw new Error(`analysis failed: ${error?.message ?? error}`);
  }
}

/** The badge's few words for a report, in the browser's language (`translate(key)`). */
export function headlineOf(report, translate) {
  return report.headline_message ? wordMessage(report.headline_message, translate) : report.headline;
}

/** The summary kept per site for change alerts. The core reads only the report's grade and
 * facts: the rest, most of it the clauses, is not copied into it. */
export function summaryOf(report) {
  const unread = { clauses: [], categories: [], grade_reasons: [], summary: [], summary_clauses: [], summary_messages: [] };
  return storedSummary({ ...report, ...unread });
}
