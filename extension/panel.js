// The details panel inside the page's iframe. Closing goes through the worker, so the page
// itself never gets a say.
import { showDetails } from './details.js';

const root = document.getElementById('details');
const close = () => chrome.runtime.sendMessage({ type: 'close-panel' });

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') close();
});

showDetails(root, { onClose: close }).then((stored) => {
  if (!stored) root.textContent = chrome.i18n.getMessage('noReport') || 'No report for this page yet.';
  root.setAttribute('aria-busy', 'false');
});
