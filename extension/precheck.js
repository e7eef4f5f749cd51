// Cheap first look at a page: is it worth reading at all? Reads only the URL, the title and a
// few headings, never the body text, so ordinary pages cost almost nothing.
'use strict';

const POLICY_WORDS = /privacy|cookie|datenschutz|confidentialit|privacidad|personal (data|information)/i;

function policylensPrecheck(doc, url) {
  const signals = [];
  let path = '';
  try { path = decodeURIComponent(new URL(url).pathname); } catch { path = ''; }
  if (POLICY_WORDS.test(path)) signals.push('url');
  if (POLICY_WORDS.test(doc.title || '')) signals.push('title');
  const headings = doc.querySelectorAll('h1, h2');
  for (let i = 0; i < headings.length && i < 6; i++) {
    if (POLICY_WORDS.test(headings[i].textContent || '')) { signals.push('heading'); break; }
  }
  return { send: signals.length > 0, signals };
}

if (typeof module !== 'undefined') module.exports = { policylensPrecheck };
