// policylens pre-check: decides cheaply whether a page is worth extracting and sending to the
// core. It reads only the URL path, document.title and the first few headings' textContent
// (no body text, no layout-forcing reads). Permissive for policies: the core decides precisely.
// Its words and limits come from src/precheck.rs (English, German, French, a few others).

/* exported policylensPrecheck */
var policylensPrecheck = (function () {
  // Plain substrings, not regular expressions: this runs on every page, and compiling
  // patterns there cost about 0.4 ms of main thread per page in Chromium (BENCHMARKS.md).
  // The words and limits are the core's (src/precheck.rs), through generated/shared.js.
  var rules = policylensShared.precheck;
  var URL_WORDS = rules.urlWords;
  var NAME_WORDS = rules.nameWords;
  var SECTION_WORDS = rules.sectionWords;
  var MAX_HEADINGS = rules.maxHeadings;
  var MAX_CHARS = rules.maxChars;

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
      if (i < rules.nameHeadings && signals.indexOf('heading') < 0 && mentions(heading, NAME_WORDS)) {
        signals.push('heading');
      }
      if (mentions(heading, SECTION_WORDS)) sections++;
    }
    if (sections >= rules.minSections) signals.push('sections:' + sections);
    return { send: signals.length > 0, signals: signals };
  };
})();

if (typeof module !== 'undefined') module.exports = { policylensPrecheck: policylensPrecheck };
