// The wasm core as the service worker and the playground use it: started once, and re-created
// after any failure, so one bad page cannot leave a broken instance behind for the next.
import initWasm, { __wbg_reset_state as resetInstance, init, analyze, wordMessage } from './pkg/policylens.js';

// Change alerts: the summary kept per site and the comparison of two (src/changes.rs).
export { storedSummary, compareSummaries } from './pkg/policylens.js';

let started;

/** Starts the core once; `wasm` (bytes or a module) is for tests, the extension fetches it. */
export function startCore(wasm) {
  started ??= initWasm(wasm === undefined ? undefined : { module_or_path: wasm }).then(() => init());
  return started;
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
