// Shared set-up for the end-to-end tests: a local web server for the fixture pages, headless
// Chromium with the real unpacked extension loaded, and headless Firefox driven over WebDriver BiDi.
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

export const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
export const EXTENSION = process.env.POLICYLENS_EXTENSION || path.join(ROOT, 'extension');
export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');

// URL path -> file. `/strict/...` serves the same file with a strict Content-Security-Policy.
const FOLDERS = {
  samples: path.join(ROOT, 'www/samples'),
  fixtures: path.join(ROOT, 'tests/e2e/fixtures'),
  playground: path.join(ROOT, 'www'),
};
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
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
    const type = TYPES[path.extname(file)] ?? 'text/html; charset=utf-8';
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

/**
 * Launches headless Chromium with the unpacked extension at `extensionPath` (absolute);
 * resolves once its service worker runs. `lang` (say `de`) sets the browser's language, which
 * the extension's words follow (Chromium on Linux takes it from the environment).
 */
export async function launchBrowser(extensionPath = EXTENSION, { lang } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'policylens-e2e-'));
  const language = lang ? {
    locale: lang,
    env: { ...process.env, LANGUAGE: lang, LANG: `${lang}_${lang.toUpperCase()}.UTF-8`, LC_ALL: '' },
  } : {};
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(lang ? [`--lang=${lang}`] : []),
    ],
    viewport: { width: 1280, height: 800 },
    ...language,
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, worker, extensionId, close };
}

/** The extension's running service worker in `context` (a new one after a stop). */
export async function currentWorker(context, extensionId) {
  const mine = () => context.serviceWorkers().filter((w) => new URL(w.url()).host === extensionId).at(-1);
  return mine() ?? context.waitForEvent('serviceworker', { predicate: (w) => new URL(w.url()).host === extensionId, timeout: 15000 });
}

/**
 * The tab id and stored entry the worker keeps for the page at `url`, or null when none
 * appears within `waitMs` (the worker stores it just after answering the content script).
 */
export async function storedReport(worker, url, waitMs = 2000) {
  return worker.evaluate(async ([pageUrl, wait]) => {
    for (const until = Date.now() + wait; ;) {
      const all = await chrome.storage.session.get(null);
      for (const [key, value] of Object.entries(all)) {
        if (key.startsWith('tab:') && value.url === pageUrl) return { tabId: Number(key.slice(4)), ...value };
      }
      if (Date.now() > until) return null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, [url, waitMs]);
}

/** The toolbar badge text of a tab. */
export function toolbarText(worker, tabId) {
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

export function screenshotPath(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** The Firefox to drive: $FIREFOX, else firefox-esr or firefox on PATH; null when there is none. */
export function firefoxBinary() {
  if (process.env.FIREFOX) return process.env.FIREFOX;
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  for (const name of ['firefox-esr', 'firefox']) {
    for (const dir of dirs) {
      if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    }
  }
  return null;
}

/**
 * Launches headless Firefox with a fresh profile and opens a WebDriver BiDi session (Firefox's
 * built-in remote protocol; Playwright cannot drive Debian's Firefox). `send(method, params)`
 * resolves with a command's result or rejects with its error.
 */
export async function launchFirefox(binary) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'policylens-e2e-ff-'));
  const child = spawn(binary, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MOZ_HEADLESS: '1' } });
  const exited = new Promise((resolve) => { child.once('exit', resolve); child.once('error', resolve); });
  let log = '';
  child.stderr.on('data', (chunk) => { log = (log + chunk).slice(-4000); });
  try {
    // With port 0 Firefox picks a free port and prints the address on stderr.
    const address = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no WebDriver BiDi address after 30 s: ${log}`)), 30000);
      const look = () => {
        const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
        if (found) {
          clearTimeout(timer);
          child.stderr.off('data', look);
          resolve(found[1]);
        }
      };
      child.stderr.on('data', look);
      exited.then((code) => reject(new Error(`Firefox exited with ${code}: ${log}`)));
    });
    const ws = new WebSocket(`${address}/session`);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    let lastId = 0;
    const pending = new Map();
    ws.on('message', (data) => {
      const message = JSON.parse(data);
      const waiter = pending.get(message.id);
      if (!waiter) return; // an event
      pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new Error(`${message.error}: ${message.message}`));
      else waiter.resolve(message.result);
    });
    ws.on('close', () => {
      for (const waiter of pending.values()) waiter.reject(new Error('WebDriver BiDi connection closed'));
      pending.clear();
    });
    const send = (method, params = {}) => new Promise((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
    await send('session.new', { capabilities: {} });
    const close = async () => {
      await send('session.end').catch(() => {});
      ws.close();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(profile, { recursive: true, force: true });
    };
    return { send, close };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The command-line tool built by ./build.sh ($POLICYLENS_CLI overrides it). */
export const CLI = process.env.POLICYLENS_CLI || path.join(ROOT, 'target/release/policylens');

/** The page as the native reader reads FILE: `{ title, lang, blocks }` from `policylens read`. */
export function readNatively(file) {
  const out = execFileSync(CLI, ['read', file], { maxBuffer: 256 * 1024 * 1024 });
  const { title, lang, blocks } = JSON.parse(out);
  return { title, lang, blocks };
}

const EXTRACTION_SOURCE = ['generated/shared.js', 'extract.js']
  .map((file) => fs.readFileSync(path.join(ROOT, 'extension', file), 'utf8')).join('\n');

/**
 * The page as the content script's extraction (extension/extract.js) reads `html` in
 * `browserPage`: Chromium parses it as a served document (scripts refused by its CSP, every
 * other request refused), then the extraction runs on its DOM. Returns `{ title, lang, blocks }`.
 */
export async function extractInChromium(browserPage, html) {
  const url = 'https://extraction.test/page';
  await browserPage.unrouteAll();
  await browserPage.route('**/*', (route) => (route.request().url() === url
    ? route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "script-src 'none'" },
      body: html,
    })
    : route.abort()));
  await browserPage.goto(url, { waitUntil: 'domcontentloaded' });
  return browserPage.evaluate(`${EXTRACTION_SOURCE}
    (() => { const { title, lang, blocks } = policylensExtract(document); return { title, lang, blocks }; })()`);
}
