// Fills `data-i18n` elements of an extension page from _locales; English stays as written.
export function translatePage(doc) {
  for (const element of doc.querySelectorAll('[data-i18n]')) {
    const text = chrome.i18n.getMessage(element.dataset.i18n);
    if (text) element.textContent = text;
  }
}
