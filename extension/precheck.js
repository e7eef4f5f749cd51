// policylens pre-check: decides cheaply whether a page is worth extracting and sending to the
// core. It reads only the URL path, document.title and the first few headings' textContent
// (no body text, no layout-forcing reads). Permissive for policies: the core decides precisely.
// Vocabulary follows src/detect.rs (English, German, French, a few other languages).

/* exported policylensPrecheck */
var policylensPrecheck = (function () {
  // Plain substrings, not regular expressions: this runs on every page, and compiling
  // patterns there cost about 0.4 ms of main thread per page in Chromium (BENCHMARKS.md).
  // Path words of policy pages.
  var URL_WORDS = ['privacy', '/legal', 'datenschutz', 'confidentialit', 'privacidad',
    'privacidade', 'privacyverklaring', 'prywatno', 'data-protection', 'dataprotection',
    'vie-privee', 'vieprivee', 'cookie', 'trackers'];
  // A title or heading that names a policy, or its subject.
  var NAME_WORDS = ['privacy', 'datenschutz', 'confidentialit', 'privacidad', 'privacidade',
    'privacybeleid', 'privacyverklaring', 'prywatno', 'data protection', 'personal data',
    'personal information', 'personenbezogen', 'donn\u00e9es personnelles', 'donnees personnelles',
    'vie priv\u00e9e', 'vie privee', 'cookie', 'trackers'];
  // Section headings of a policy that does not name itself in its title.
  var SECTION_WORDS = ['information we collect', 'information you collect',
    'information we provide', 'information you provide', 'personal data', 'personal information',
    'how we use', 'data sharing', 'information sharing', 'retention', 'your rights',
    'your choices', 'third part', 'children', 'international transfer', 'legal basis', 'erhebung',
    'verarbeitung', 'speicherdauer', 'ihre rechte', 'collecte', 'vos droits', 'conservation',
    'destinataires'];
  var MAX_HEADINGS = 12;
  var MAX_CHARS = 200;

  function text(node) {
    var t = (node && node.textContent) || '';
    return t.slice(0, MAX_CHARS).toLowerCase();
  }

  function mentions(text, words) {
    for (var i = 0; i < words.length; i++) {
      if (text.indexOf(words[i]) >= 0) return true;
    }
    return false;
  }

  function path(url) {
    var rest = String(url || '');
    var scheme = rest.indexOf('://');
    if (scheme >= 0) rest = rest.slice(scheme + 3);
    for (var i = 0; i < rest.length; i++) {
      if (rest[i] === '?' || rest[i] === '#') {
        rest = rest.slice(0, i);
        break;
      }
    }
    var slash = rest.indexOf('/');
    return slash >= 0 ? rest.slice(slash).toLowerCase() : '';
  }

  return function policylensPrecheck(doc, url) {
    var signals = [];
    if (mentions(path(url), URL_WORDS)) signals.push('url');
    if (mentions(String((doc && doc.title) || '').slice(0, MAX_CHARS).toLowerCase(), NAME_WORDS)) {
      signals.push('title');
    }
    var headings = doc && doc.querySelectorAll ? doc.querySelectorAll('h1, h2, h3') : [];
    var sections = 0;
    var count = Math.min(headings.length, MAX_HEADINGS);
    for (var i = 0; i < count; i++) {
      var heading = text(headings[i]);
      if (i < 4 && signals.indexOf('heading') < 0 && mentions(heading, NAME_WORDS)) {
        signals.push('heading');
      }
      if (mentions(heading, SECTION_WORDS)) sections++;
    }
    if (sections >= 2) signals.push('sections:' + sections);
    return { send: signals.length > 0, signals: signals };
  };
})();

if (typeof module !== 'undefined') module.exports = { policylensPrecheck: policylensPrecheck };
