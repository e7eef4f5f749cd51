// Does the content script's extraction (extension/extract.js, in headless Chromium) give the
// same page as the native reader (`policylens read`) on real HTML? Run after ./build.sh:
//   node tools/extraction-agreement.mjs ../shared/data/pages [--sample N]
// Reads the HTML documents (.html, .html.gz) of DIR/manifest.csv, every k-th one for a sample
// of N (default: all), and prints the agreement rate and the first difference of each page
// that disagrees.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { readNatively, extractInChromium } from '../tests/e2e/harness.mjs';

const [dir, ...rest] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node tools/extraction-agreement.mjs PAGES_DIR [--sample N]');
  process.exit(2);
}
const sampleAt = rest.indexOf('--sample');
const sample = sampleAt >= 0 ? Number(rest[sampleAt + 1]) : Infinity;

// The manifest's first column is the path; HTML documents are named by their extension.
const files = fs.readFileSync(path.join(dir, 'manifest.csv'), 'utf8').split('\n').slice(1)
  .map((line) => line.split(',')[0])
  .filter((file) => /\.html?(\.gz)?$/i.test(file));
const step = Math.max(1, Math.floor(files.length / Math.min(sample, files.length)));
const chosen = files.filter((_, i) => i % step === 0).slice(0, sample);

/** The first place two pages differ, in words. */
function firstDifference(browser, native) {
  for (const field of ['title', 'lang']) {
    if (browser[field] !== native[field]) return `${field}: ${JSON.stringify(browser[field])} vs ${JSON.stringify(native[field])}`;
  }
  const count = Math.max(browser.blocks.length, native.blocks.length);
  for (let i = 0; i < count; i++) {
    const a = JSON.stringify(browser.blocks[i]);
    const b = JSON.stringify(native.blocks[i]);
    if (a !== b) return `block ${i}: ${a?.slice(0, 160)} vs ${b?.slice(0, 160)}`;
  }
  return null;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true });
const page = await browser.newPage();
let same = 0;
const differing = [];
for (const file of chosen) {
  const full = path.join(dir, file);
  let bytes = fs.readFileSync(full);
  if (file.endsWith('.gz')) bytes = zlib.gunzipSync(bytes);
  const inBrowser = await extractInChromium(page, bytes.toString('utf8'));
  const difference = firstDifference(inBrowser, readNatively(full));
  if (difference) differing.push(`${file}: ${difference}`);
  else same++;
}
await browser.close();
for (const line of differing) console.log(line);
console.log(JSON.stringify({ pages: chosen.length, same, agreement: Number((same / chosen.length).toFixed(4)) }));
