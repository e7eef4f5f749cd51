// The packages ./build.sh package writes: the Chrome zip, unzipped, loads in Chromium and shows
// the badge; each zip's manifest keeps only its own browser's keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, launchBrowser } from './harness.mjs';

const unpacked = {};

before(() => {
  for (const browser of ['chrome', 'firefox']) {
    const zip = path.join(ROOT, `dist/policylens-${browser}.zip`);
    assert.ok(fs.existsSync(zip), `${zip} is missing: run ./build.sh package`);
    unpacked[browser] = fs.mkdtempSync(path.join(os.tmpdir(), `policylens-${browser}-zip-`));
    execFileSync('unzip', ['-q', zip, '-d', unpacked[browser]]);
  }
});

after(() => {
  for (const dir of Object.values(unpacked)) fs.rmSync(dir, { recursive: true, force: true });
});

const manifest = (browser) => JSON.parse(fs.readFileSync(path.join(unpacked[browser], 'manifest.json'), 'utf8'));

const files = (dir) => fs.readdirSync(dir, { recursive: true }).sort();

test('both zips hold the built extension; each manifest names only its own background', () => {
  const expected = files(path.join(ROOT, 'extension')).filter((file) => !path.basename(file).startsWith('.'));
  assert.deepEqual(files(unpacked.chrome), expected);
  assert.deepEqual(files(unpacked.firefox), expected);
  assert.deepEqual(manifest('chrome').background, { service_worker: 'background.js', type: 'module' });
  assert.equal(manifest('chrome').browser_specific_settings, undefined);
  assert.deepEqual(manifest('firefox').background, { scripts: ['background.js'], type: 'module' });
  assert.equal(manifest('firefox').browser_specific_settings.gecko.id, 'policylens@policylens.example');
});

test('the unzipped Chrome package loads in Chromium and badges a policy', { timeout: 90000 }, async () => {
  const server = await startServer();
  const browser = await launchBrowser(unpacked.chrome);
  try {
    // The worker runs the packaged manifest, not the one in extension/.
    const loaded = await browser.worker.evaluate(() => chrome.runtime.getManifest());
    assert.deepEqual(loaded.background, manifest('chrome').background);
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/samples/shop-privacy-us.html`);
    await page.locator('policylens-badge').waitFor({ state: 'visible', timeout: 15000 });
  } finally {
    await browser.close();
    await server.close();
  }
});
