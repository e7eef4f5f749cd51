// The playground: the extension's own core and renderer, on pasted text or a bundled sample.
// Pasted HTML is parsed by the browser (DOMParser) and read by the content script's own
// extraction (extract.js); plain text by the core's text reader.
import { documentFormat, readText, renderDetails } from './pkg/policylens.js';
import { startCore, analyzePage } from './core.js';

await startCore();

const text = document.getElementById('text');
const url = document.getElementById('url');
const status = document.getElementById('status');
const details = document.getElementById('details');
const documentView = document.getElementById('document');
const badgeSlot = document.getElementById('badge-slot');
let blockViews = [];

document.getElementById('sample').addEventListener('change', async (event) => {
  if (!event.target.value) return;
  const response = await fetch(event.target.value);
  text.value = await response.text();
  url.value = `https://example.com/${event.target.value.replace(/^samples\//, '').replace(/\.html$/, '')}`;
  read();
});
document.getElementById('read').addEventListener('click', read);

function read() {
  if (!text.value.trim()) {
    status.textContent = 'Paste a policy first.';
    return;
  }
  try {
    const started = performance.now();
    const page = readPage(text.value, url.value);
    const report = analyzePage(page);
    const millis = performance.now() - started;
    status.textContent = `Read ${page.blocks.length} blocks in ${millis.toFixed(1)} ms.`;
    showDocument(page);
    showBadge(report);
    renderDetails(details, report, [], (index) => showBlock(report.clauses[index].block), undefined);
  } catch (error) {
    status.textContent = `Could not read it: ${error.message}`;
  }
}

function readPage(source, address) {
  if (documentFormat(source) !== 'html') return readText(source, address);
  const parsed = new DOMParser().parseFromString(source, 'text/html');
  const { title, lang, blocks } = policylensExtract(parsed);
  return { url: address, title, lang, blocks };
}

function showDocument(page) {
  documentView.textContent = '';
  blockViews = page.blocks.map((block) => {
    const view = document.createElement('p');
    view.textContent = block.text;
    view.className = /^h[1-6]$/.test(block.tag) ? 'block-heading' : `block-${block.tag}`;
    documentView.appendChild(view);
    return view;
  });
}

function showBadge(report) {
  badgeSlot.textContent = '';
  if (!report.detection.is_policy) return;
  const badge = policylensBadge.create(
    { grade: report.grade, headline: report.headline },
    { onOpen: () => details.scrollIntoView({ behavior: 'smooth' }), onDismiss: () => badge.remove() });
  // In the playground the badge sits in its slot instead of the window's corner.
  badge.setAttribute('style', 'display: inline-block;');
  badgeSlot.appendChild(badge);
}

function showBlock(index) {
  for (const view of documentView.querySelectorAll('[data-highlight]')) view.removeAttribute('data-highlight');
  const view = blockViews[index];
  if (!view) return;
  view.setAttribute('data-highlight', '');
  view.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
