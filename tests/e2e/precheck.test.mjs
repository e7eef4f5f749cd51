// node --test tests/e2e/precheck.test.mjs
// The pre-check on small fake documents: policy pages pass, ordinary pages do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

// Loaded as the browser loads it: a classic script defining one global.
const source = (file) => readFileSync(new URL(`../../extension/${file}`, import.meta.url), 'utf8');
const context = vm.createContext({});
vm.runInContext(source('generated/shared.js'), context);
vm.runInContext(source('precheck.js'), context);
// Results come from another realm: compare them as plain JSON.
const policylensPrecheck = (doc, url) => JSON.parse(JSON.stringify(context.policylensPrecheck(doc, url)));

// A minimal document: a title and headings in order; only what the pre-check reads.
function doc(title, headings = []) {
  return {
    title,
    querySelectorAll: (selector) => {
      assert.equal(selector, 'h1, h2, h3');
      return headings.map((textContent) => ({ textContent }));
    },
  };
}

const POLICIES = [
  ['titled US policy', doc('Privacy Policy | Larkspur Outfitters', ['Privacy Policy', 'Information We Collect']), 'https://larkspur.test/pages/legal'],
  ['privacy URL only', doc('Legal', ['Legal']), 'https://example.test/legal/privacy-policy?ref=footer'],
  ['GDPR notice', doc('Fernhill Analytics', ['Privacy notice', '1. Personal data we process']), ''],
  ['German', doc('Bäckerei Sommer', ['Datenschutzerklärung', '1. Verantwortlicher']), 'https://baeckerei.test/impressum'],
  ['French', doc('Politique de confidentialité | Atelier Lune', []), ''],
  ['cookie policy', doc('Cookie Policy - Brightwater', ['Cookie Policy']), ''],
  ['untitled policy, sections only', doc('Acme', ['Acme', 'Information we collect', 'How we use information', 'Your rights']), ''],
  ['French heading with accents', doc('Atelier Lune', ['Vos données personnelles']), ''],
  ['hyphenated URL word', doc('Info', []), 'https://example.test/en/data-protection'],
  ['retention and third-party sections', doc('Acme', ['Acme', 'Data Retention', 'Third Parties']), ''],
];

const ORDINARY = [
  ['news article', doc('River festival returns after four-year break - The Valley Courier', ['River festival returns after four-year break', 'Related stories']), 'https://courier.test/news/2024/06/river-festival'],
  ['product page', doc('Trailhead 28L Daypack – Ridgeway Gear', ['Trailhead 28L Daypack', 'Description', 'Specifications', 'Customer reviews']), 'https://ridgeway.test/products/trailhead-28'],
  ['code docs', doc('tidewatch::Client - API reference', ['Struct tidewatch::Client', 'Methods']), 'https://docs.test/tidewatch/struct.Client.html'],
  ['search results', doc('cheap flights - Search', []), 'https://search.test/?q=privacy+policy'],
  ['privacy only in the fragment', doc('Help centre', []), 'https://help.test/articles#privacy'],
  ['empty document', doc('', []), ''],
];

for (const [name, d, url] of POLICIES) {
  test(`sends: ${name}`, () => {
    const result = policylensPrecheck(d, url);
    assert.equal(result.send, true, JSON.stringify(result));
    assert.ok(result.signals.length > 0);
  });
}

for (const [name, d, url] of ORDINARY) {
  test(`skips: ${name}`, () => {
    assert.deepEqual(policylensPrecheck(d, url), { send: false, signals: [] });
  });
}

test('tolerates a missing document and odd URLs', () => {
  assert.equal(policylensPrecheck(null, undefined).send, false);
  assert.equal(policylensPrecheck(doc(undefined), 'not a url').send, false);
});

test('reads a bounded number of headings', () => {
  let reads = 0;
  const headings = Array.from({ length: 10000 }, () => ({
    get textContent() {
      reads += 1;
      return 'Chapter';
    },
  }));
  const many = { title: 'A novel', querySelectorAll: () => headings };
  assert.equal(policylensPrecheck(many, '').send, false);
  assert.ok(reads <= 12, `read ${reads} headings`);
});
