// policylens pre-check: decides cheaply whether a page is worth extracting and sending to the
// core. It reads only the URL path, document.title and the first few headings' textContent
// (no body text, no layout-forcing reads). Permissive for policies: the core decides precisely.
// Vocabulary follows src/detect.rs (English, German, French, a few other languages).

/* exported policylensPrecheck */
var policylensPrecheck = (function () {
  // Path words of policy pages.
  var URL_WORDS = /privacy|\/legal|datenschutz|confidentialit|privacidad|privacidade|privacyverklaring|prywatno|data-?protection|vie-?privee|cookie|trackers/;
  // A title or heading that names a policy, or its subject.
  var NAME_WORDS = /privacy|datenschutz|confidentialit|privacidad|privacidade|privacybeleid|privacyverklaring|prywatno|data protection|personal (data|information)|personenbezogen|donn[ée]es personnelles|vie priv[ée]e|cookie|trackers/;
  // Section headings of a policy that does not name itself in its title.
  var SECTION_WORDS = /information (we|you) (collect|provide)|personal (data|information)|how we use|(data|information) (sharing|retention)|retention|your (rights|choices)|third part|children|international transfer|legal basis|erhebung|verarbeitung|speicherdauer|ihre rechte|collecte|vos droits|conservation|destinataires/;
  var MAX_HEADINGS = 12;
  var MAX_CHARS = 200;

  function text(node) {
    var t = (node && node.textContent) || '';
    return t.slice(0, MAX_CHARS).toLowerCase();
  }

  function path(url) {
    var rest = String(url || '');
    var scheme = rest.indexOf('://');
    if (scheme >= 0) rest = rest.slice(scheme + 3);
    rest = rest.split(/[?#]/)[0];
    var slash = rest.indexOf('/');
    return slash >= 0 ? rest.slice(slash).toLowerCase() : '';
  }

  return function policylensPrecheck(doc, url) {
    var signals = [];
    if (URL_WORDS.test(path(url))) signals.push('url');
    if (NAME_WORDS.test(String((doc && doc.title) || '').slice(0, MAX_CHARS).toLowerCase())) {
      signals.push('title');
    }
    var headings = doc && doc.querySelectorAll ? doc.querySelectorAll('h1, h2, h3') : [];
    var sections = 0;
    var count = Math.min(headings.length, MAX_HEADINGS);
    for (var i = 0; i < count; i++) {
      var heading = text(headings[i]);
      if (i < 4 && NAME_WORDS.test(heading) && signals.indexOf('heading') < 0) {
        signals.push('heading');
      }
      if (SECTION_WORDS.test(heading)) sections++;
    }
    if (sections >= 2) signals.push('sections:' + sections);
    return { send: signals.length > 0, signals: signals };
  };
})();

if (typeof module !== 'undefined') module.exports = { policylensPrecheck: policylensPrecheck };
