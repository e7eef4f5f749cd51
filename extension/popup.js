// Toolbar popup: the current tab's details, or a way to the site's own privacy policy.
import { showDetails } from './details.js';
import { translatePage } from './i18n.js';

translatePage(document);
const root = document.getElementById('details');
const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
const stored = tab ? await showDetails(root, { tabId: tab.id }) : null;
root.setAttribute('aria-busy', 'false');
// activeTab gives this tab's URL while the popup is open: a report for another page is stale.
if (!stored || (tab.url && stored.url !== tab.url)) {
  root.hidden = true;
  document.getElementById('empty').hidden = false;
  offerSitePolicy(tab);
}

// The page's own "Privacy" link, found by the content script; opened only when clicked.
async function offerSitePolicy(tab) {
  if (!tab || !/^https?:/.test(tab.url || '')) return;
  const found = await askForPolicyLink(tab.id);
  if (!found || !found.url) return;
  const link = document.getElementById('site-policy');
  link.hidden = false;
  link.title = found.url;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    chrome.tabs.create({ url: found.url, index: tab.index + 1 });
    window.close();
  });
}

// An ordinary page starts listening once it loses the focus, which this popup takes as it opens
// (content.js): ask again a few times, for about a second, until it answers.
async function askForPolicyLink(tabId) {
  for (const pause of [0, 50, 100, 200, 300, 400]) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    const found = await chrome.tabs.sendMessage(tabId, { type: 'find-policy-link' }, { frameId: 0 })
      .catch(() => null);
    if (found) return found;
  }
  return null;
}
