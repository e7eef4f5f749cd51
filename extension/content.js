// policylens content script: a cheap pre-check, then block text (extract.js) to the service
// worker, then the badge. Reads the page, never changes it (apart from the badge, the panel, a
// highlight, and the root's display on a page that hides its root; see badge.js).
// It runs as part of generated/content.js (tools/bundle-content.mjs), after generated/shared.js
// and precheck.js; policylensPageTools() there sets up extract.js and badge.js.
'use strict';

(() => {
  if (globalThis.policylensContentLoaded) return;
  globalThis.policylensContentLoaded = true;

  // Late-loading pages: how long and how often to look again after document_idle.
  const WATCH_MS = 10000;
  const WATCH_CHECKS = 8;

  let blockElements = [];
  let badge = null;
  let panel = null;
  let highlighted = null;
  let analysedUrl = null;

  function message(type, payload) {
    return chrome.runtime.sendMessage({ type, ...payload });
  }

  async function analyse() {
    analysedUrl = document.URL;
    // Milestones of the analysis (performance.now()), read by tools/bench-chromium.mjs; globals
    // of the content script's world are not visible to the page.
    const timing = (globalThis.policylensTiming = { prechecked: performance.now() });
    // A stopped worker takes about 100 ms to start and longer to start its core: wake it now,
    // so that it starts while this page's blocks are read.
    message('wake').catch(() => {});
    listen();
    policylensPageTools();
    const { title, lang, blocks, elements } = policylensExtract(document);
    blockElements = elements;
    timing.extracted = performance.now();
    // The worker takes the URL from the sender, and answers `hidden` when the options page's
    // settings want no badge here.
    const result = await message('analyze', { page: { title, lang, blocks } }).catch(() => null);
    timing.answered = performance.now();
    if (!result || result.error || result.hidden || !result.isPolicy) return;
    showBadge(result);
    timing.drawn = performance.now();
  }

  function showBadge(result) {
    removeBadge();
    // The worker words the labels in the browser's language.
    const { group, open, dismiss, changed } = result.labels;
    badge = policylensBadge.create(
      { grade: result.grade, headline: result.headline, changed: result.changed, corner: result.corner },
      {
        onOpen: openPanel,
        onDismiss: () => { removeBadge(); closePanel(); },
        labels: { group, open: open && (() => open), dismiss, changed },
      });
    policylensBadge.place(badge);
  }

  function removeBadge() {
    if (badge) badge.remove();
    badge = null;
  }

  function openPanel() {
    if (panel) return;
    panel = document.createElement('iframe');
    panel.src = chrome.runtime.getURL('panel.html');
    panel.title = 'policylens details';
    panel.setAttribute('style', 'all: initial !important; display: block !important;' +
      ' position: fixed !important; top: 0 !important; right: 0 !important;' +
      ' width: min(440px, 100vw) !important; height: 100vh !important; border: 0 !important;' +
      ' z-index: 2147483647 !important; visibility: visible !important; opacity: 1 !important;' +
      ' box-shadow: -4px 0 24px rgba(0, 0, 0, .25) !important; background: transparent !important;');
    panel.addEventListener('load', () => panel && panel.focus());
    policylensBadge.place(panel);
    document.addEventListener('keydown', closeOnEscape, true);
  }

  function closePanel() {
    if (panel) panel.remove();
    panel = null;
    document.removeEventListener('keydown', closeOnEscape, true);
  }

  function closeOnEscape(event) {
    if (event.key === 'Escape') closePanel();
  }

  function highlight(blockIndex) {
    const element = blockElements[blockIndex];
    if (!element || !element.isConnected) return false;
    if (highlighted) {
      highlighted.style.removeProperty('outline');
      highlighted.style.removeProperty('background-color');
      highlighted.removeAttribute('data-policylens-highlight');
    }
    highlighted = element;
    element.setAttribute('data-policylens-highlight', '');
    element.style.setProperty('outline', '3px solid #0b57d0', 'important');
    element.style.setProperty('background-color', 'rgba(255, 214, 0, .35)', 'important');
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
    return true;
  }

  // The site's own privacy policy link (usually in the footer), for the popup to offer.
  function findPolicyLink() {
    const links = document.querySelectorAll('a[href]');
    for (let i = links.length - 1; i >= 0; i--) {
      const link = links[i];
      if (!/privacy|datenschutz|confidentialit|privacidad/i.test(link.textContent + ' ' + link.href)) continue;
      try {
        const url = new URL(link.href, location.href);
        if (/^https?:$/.test(url.protocol) && url.href !== location.href) return url.href;
      } catch { /* not a URL */ }
    }
    return null;
  }

  // Messages from the extension's pages: the panel's "show in page" and close, the popup's
  // question for the site's policy link. Registering the listener sets up the extension API
  // in this page (about 1 ms of main thread, BENCHMARKS.md), so a page registers it when it
  // analyses, or once it has lost focus: opening the popup takes the focus, and popup.js asks
  // again until the listener is there. A page without the focus registers it at once.
  let listening = false;
  function listen() {
    if (listening) return;
    listening = true;
    globalThis.removeEventListener('blur', listen);
    // Only the extension itself can reach this listener; pages cannot.
    chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
      if (sender.id !== chrome.runtime.id || !msg) return false;
      if (msg.type === 'highlight' && Number.isInteger(msg.block)) {
        sendResponse({ shown: highlight(msg.block) });
      } else if (msg.type === 'find-policy-link') {
        sendResponse({ url: findPolicyLink() });
      } else if (msg.type === 'close-panel') {
        closePanel();
        sendResponse({ closed: true });
      }
      return false;
    });
  }

  function check() {
    // document.URL: the same as location.href, without setting up a Location object on every page.
    if (document.URL === analysedUrl) return true;
    if (!policylensPrecheck(document, document.URL).send) return false;
    analyse();
    return true;
  }

  // Pages that render their text late (single-page apps): look again a few times, briefly.
  function watch() {
    let checks = 0;
    let timer = 0;
    const observer = new MutationObserver(() => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = 0;
        checks++;
        if (check() || checks >= WATCH_CHECKS) observer.disconnect();
      }, 500);
    });
    // The document, not its root element: reading an element sets up the element interfaces
    // in this world (about 0.5 ms), which a page without headings otherwise never needs.
    observer.observe(document, { childList: true, subtree: true });
    setTimeout(() => observer.disconnect(), WATCH_MS);
  }

  if (document.hasFocus()) globalThis.addEventListener('blur', listen);
  else listen();
  if (!check()) watch();
  // Same-document navigations in single-page apps start the look-again window anew.
  if (globalThis.navigation) {
    navigation.addEventListener('navigatesuccess', () => {
      removeBadge();
      closePanel();
      if (!check()) watch();
    });
  }
})();
