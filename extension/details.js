// Shared by the in-page panel and the toolbar popup: fetch the tab's report from the worker and
// render it with the Rust renderer (the same one the playground uses).
import initWasm, { renderDetails } from './pkg/policylens.js';

const wasmReady = initWasm();

/**
 * Renders the report of `tabId` (or of the panel's own tab when omitted) into `root`.
 * `onClose` adds a close button. Returns the stored entry, or null when there is none.
 */
export async function showDetails(root, { tabId, onClose } = {}) {
  const [stored] = await Promise.all([
    chrome.runtime.sendMessage({ type: 'get-report', tabId }),
    wasmReady,
  ]);
  if (!stored || stored.error || !stored.report) return null;
  const showClause = (index) => {
    const clause = stored.report.clauses[index];
    if (clause) chrome.runtime.sendMessage({ type: 'show-clause', tabId, block: clause.block });
  };
  try {
    renderDetails(root, stored.report, stored.changes, showClause, onClose, (key) => chrome.i18n.getMessage(key));
  } catch (error) {
    // Say so instead of leaving a blank panel: say, a report stored by an older version.
    root.textContent = chrome.i18n.getMessage('reportUnreadable', error.message) ||
      `This report could not be shown (${error.message}). Reload the page to read it again.`;
    return stored;
  }
  return stored;
}
