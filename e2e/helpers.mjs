// Shared set-up for the browser tests: a local static server for www/, headless Chromium through
// playwright-core, and a page wrapper that records console errors, page errors, CSP violations
// and every request, so each test can assert the page stayed clean and offline.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WWW = join(ROOT, 'www');
export const SHOTS = join(ROOT, 'target', 'screenshots');

/** The Chromium binary: $CHROME or $CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  const path = process.env.CHROME || process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. The browser tests need Debian's chromium: ` +
        'run `apt-get install -y chromium chromium-driver` (or set CHROME=/path/to/chrome).',
    );
  }
  return path;
}

/** Starts `python3 -m http.server` on a free port; resolves to {url, stop}. */
export function startServer(dir = WWW) {
  if (!existsSync(join(dir, 'pkg', 'whosaid_bg.wasm'))) {
    throw new Error(`${dir}/pkg is missing: run \`make wasm\` first (make test-e2e does it).`);
  }
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
      stdio: ['ignore', 'pipe', 'ignore'], // its request log on stderr is noise here
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${out}`)), 10000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}/`, stop: () => proc.kill() });
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`http.server exited with ${code}`));
    });
  });
}

/** Launches headless Chromium with the flags that keep it quiet and offline. */
export function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a new page that records problems. Returns {page, context, problems, requests}.
 * `problems` collects console errors, page errors and CSP violations; `requests` every URL.
 */
export async function openPage(browser, baseUrl, contextOptions = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      const text = msg.text();
      // Both levels matter: CSP reports arrive as errors, some refusals only as warnings.
      if (msg.type() === 'error' || /Content.Security.Policy|Refused/i.test(text)) problems.push(`console ${msg.type()}: ${text}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  context.on('request', (req) => requests.push(req.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(baseUrl);
  await page.waitForSelector('#status:not([data-state="loading"])');
  return { page, context, problems, requests };
}

/** Asserts nothing went wrong on the page and it stayed on its own origin. */
export async function cleanliness(page, problems, requests, baseUrl) {
  const csp = await page.evaluate(() => window.__cspViolations);
  const foreign = requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('blob:') && !u.startsWith('data:'));
  return { problems, csp, foreign };
}

/** Fills #input with `text` and waits for its analysis to be shown. */
export async function analyze(page, text) {
  const before = await page.$eval('#status', (s) => s.dataset.run ?? '');
  await page.fill('#input', text);
  await page.click('#analyze');
  await waitForRun(page, before);
}

/** Waits until an analysis newer than run `before` has been shown (or has failed). */
export async function waitForRun(page, before, timeout = 30000) {
  await page.waitForFunction(
    (b) => {
      const s = document.getElementById('status');
      return (s.dataset.run ?? '') !== b && (s.dataset.state === 'done' || s.dataset.state === 'error');
    },
    before,
    { timeout },
  );
}

/**
 * Saves a full-page screenshot under target/screenshots/. With `expandSide` (the default) the side
 * column, which scrolls on its own in a window, is shown whole.
 */
export async function screenshot(page, name, { expandSide = true } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  // From the top, so the sticky side column sits where a reader first sees it.
  await page.evaluate((expand) => {
    window.scrollTo(0, 0);
    for (const side of document.querySelectorAll('.side')) side.style.maxHeight = expand ? 'none' : '';
  }, expandSide);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Starts the static server and the browser before a test file's tests and stops them after.
 * Returns an object whose `server` ({url, stop}) and `browser` are set once `before` has run.
 */
export function serveAndLaunch() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}
