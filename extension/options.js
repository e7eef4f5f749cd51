// Options: automatic badge on/off, quiet sites, badge corner, forget stored summaries. Saved in
// chrome.storage.local; the service worker follows their changes, so no reload is needed.
import { translatePage } from './i18n.js';
import './generated/shared.js';

translatePage(document);
const DEFAULTS = globalThis.policylensShared.settingsDefaults;
const autoBadge = document.getElementById('auto-badge');
const corner = document.getElementById('corner');
const quietSites = document.getElementById('quiet-sites');
const status = document.getElementById('status');

const settings = await chrome.storage.local.get(DEFAULTS);
autoBadge.checked = settings.autoBadge;
corner.value = settings.corner;
quietSites.value = settings.quietSites.join('\n');

autoBadge.addEventListener('change', () => chrome.storage.local.set({ autoBadge: autoBadge.checked }));
corner.addEventListener('change', () => chrome.storage.local.set({ corner: corner.value }));
quietSites.addEventListener('change', () => {
  const hosts = quietSites.value.split(/\s+/).map((h) => h.trim().toLowerCase()).filter(Boolean);
  chrome.storage.local.set({ quietSites: [...new Set(hosts)] });
});
document.getElementById('forget').addEventListener('click', async () => {
  const result = await chrome.runtime.sendMessage({ type: 'forget-sites' });
  status.textContent = result && result.forgotten
    ? (chrome.i18n.getMessage('optionsForgotten') || 'Forgotten.')
    : (chrome.i18n.getMessage('optionsForgetFailed') || 'Could not forget them; try again.');
});
