// Runs extension/precheck.js over a page manifest (pages/manifest.csv format) and counts the
// privacy policies it would not send and the other pages it would send.
// usage: node tools/precheck-eval.mjs ../shared/data/pages/manifest.csv
// Titles and h1-h3 headings come from a crude regex extraction (HTML tags, Markdown `#` lines,
// the first line of plain text); the manifest has no URLs, so URL signals are not measured.
// Rows with a non-empty `flags` column (doubtful labels) are skipped.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import vm from 'node:vm';

const manifest = process.argv[2];
if (!manifest) {
  console.error('usage: node tools/precheck-eval.mjs MANIFEST.csv');
  process.exit(2);
}
const context = vm.createContext({});
for (const file of ['generated/shared.js', 'precheck.js']) {
  vm.runInContext(readFileSync(new URL(`../extension/${file}`, import.meta.url), 'utf8'), context);
}

function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((f) => f));
}

const decode = (s) => s.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&#?\w+;/g, ' ').replace(/\s+/g, ' ').trim();

// Title and headings in document order, as the content script would see them.
function outline(text, path) {
  if (/\.html?$/i.test(path)) {
    const title = decode((text.match(/<title[^>]*>([\s\S]*?)<\/title>/i) || [])[1] || '');
    const headings = [...text.matchAll(/<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1>/gi)].map((m) => decode(m[2]));
    return { title, headings };
  }
  if (/\.md$/i.test(path)) {
    const headings = [...text.matchAll(/^#{1,3} +(.+)$/gm)].map((m) => m[1].replace(/[*_`]/g, '').trim());
    return { title: headings[0] || '', headings };
  }
  const first = text.split('\n').find((l) => l.trim()) || '';
  return { title: first.length < 120 ? first.trim() : '', headings: [] };
}

const rows = parseCsv(readFileSync(manifest, 'utf8'));
const header = rows.shift();
const col = (name) => header.indexOf(name);
const byKind = {};
const bySource = {};
let skipped = 0;
for (const row of rows) {
  const [path, kind, flags, source] = [row[col('path')], row[col('kind')], row[col('flags')], row[col('source')]];
  if (flags) { skipped++; continue; }
  let bytes;
  try { bytes = readFileSync(join(dirname(manifest), path)); } catch { bytes = Buffer.alloc(0); }
  if (path.endsWith('.gz')) { try { bytes = gunzipSync(bytes); } catch { bytes = Buffer.alloc(0); } }
  const { title, headings } = outline(bytes.toString('utf8'), path.replace(/\.gz$/, ''));
  const doc = { title, querySelectorAll: () => headings.map((textContent) => ({ textContent })) };
  const sent = context.policylensPrecheck(doc, '').send;
  const counts = (byKind[kind] ||= { sent: 0, total: 0 });
  const perSource = (bySource[`${kind} ${source}`] ||= { sent: 0, total: 0 });
  perSource.total++;
  if (sent) perSource.sent++;
  counts.total++;
  if (sent) counts.sent++;
}
const out = { skipped_flagged: skipped, sent_by_kind: {} };
for (const [kind, c] of Object.entries(byKind).sort()) out.sent_by_kind[kind] = `${c.sent}/${c.total}`;
const pos = byKind.privacy_policy || { sent: 0, total: 0 };
out.sent_by_kind_and_source = {};
for (const [key, c] of Object.entries(bySource).sort()) out.sent_by_kind_and_source[key] = `${c.sent}/${c.total}`;
out.missed_privacy_policies = pos.total - pos.sent;
out.other_pages_sent = (byKind.other || { sent: 0 }).sent;
console.log(JSON.stringify(out, null, 2));
