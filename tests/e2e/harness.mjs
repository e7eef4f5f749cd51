// Shared set-up for the end-to-end tests: a local web server for the fixture pages and headless
// Chromium with the real unpacked extension loaded.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
export const EXTENSION = process.env.POLICYLENS_EXTENSION || path.join(ROOT, 'extension');
export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');

// URL path -> file. `/strict/...` serves the same file with a strict Content-Security-Policy.
const FOLDERS = { samples: path.join(ROOT, 'www/samples'), fixtures: path.join(ROOT, 'tests/e2e/fixtures') };
const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'none'; frame-src 'none'; connect-src 'none'";

/**
 * Serves fixture pages on 127.0.0.1; `requests` records every path asked for. `alias(path,
 * file)` serves a fixture file (relative to tests/e2e/fixtures) at another path, so a test can
 * change what one URL returns.
 */
export async function startServer() {
  const requests = [];
  const aliases = new Map();
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://localhost');
    const target = aliases.has(url.pathname) ? `/fixtures/${aliases.get(url.pathname)}` : url.pathname;
    const parts = target.split('/').filter(Boolean);
    const strict = parts[0] === 'strict';
    if (strict) parts.shift();
    const [folder, ...rest] = parts;
    const file = FOLDERS[folder] && path.join(FOLDERS[folder], ...rest);
    if (!file || !file.startsWith(FOLDERS[folder]) || !fs.existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    const headers = { 'Content-Type': type };
    if (strict) headers['Content-Security-Policy'] = STRICT_CSP;
    res.writeHead(200, headers).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    alias: (path, file) => aliases.set(path, file),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Launches headless Chromium with the extension; resolves once its service worker runs. */
export async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'policylens-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, worker, extensionId, close };
}

/** The tab id and stored entry the worker keeps for the page at `url`. */
export async function storedReport(worker, url) {
  return worker.evaluate(async (pageUrl) => {
    const all = await chrome.storage.session.get(null);
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith('tab:') && value.url === pageUrl) return { tabId: Number(key.slice(4)), ...value };
    }
    return null;
  }, url);
}

/** The toolbar badge text of a tab. */
export function toolbarText(worker, tabId) {
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

export function screenshotPath(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
