// The single-file build (dist/whosaid.html, from `make dist`) opened from file:// with no server:
// it loads, analyses in its data: URL worker, recovers from a crash, and stays CSP-clean.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch, analyze, screenshot } from './helpers.mjs';

const FILE = join(ROOT, 'dist', 'whosaid.html');
let browser;
before(async () => {
  if (!existsSync(FILE)) throw new Error('dist/whosaid.html is missing: run `make dist` first (make test-e2e does it).');
  browser = await launch();
});
after(async () => browser?.close());

test('the single file works from file:// with no network', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Any http(s) request would be a leak: refuse them all.
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route(/^https?:/, (route) => route.abort());
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
  });
  const url = pathToFileURL(FILE).href;
  await page.goto(url);
  await page.waitForSelector('#status:not([data-state="loading"])');
  assert.equal(await page.$eval('#status', (e) => e.dataset.state), 'ready');

  await analyze(page, 'Lena Park said the new library would open in June. The building will have three floors.');
  assert.deepEqual(await page.$$eval('#text .sent', (e) => e.map((s) => s.textContent)), [
    'Lena Park said the new library would open in June.',
    'The building will have three floors.',
  ]);
  assert.deepEqual(await page.$$eval('#sources tbody th', (e) => e.map((s) => s.textContent)), ['Lena Park']);

  // A panic asks for a new worker, and the next analysis runs in it.
  const worker = page.workers()[0];
  await worker.evaluate(() => self.dispatchEvent(new MessageEvent('message', { data: { type: 'debug-panic', id: -1 } })));
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'error');
  await analyze(page, 'Omar Haddad said the roof would use recycled steel.');
  assert.equal(await page.$eval('#status', (e) => e.dataset.state), 'done');
  assert.deepEqual(await page.$$eval('#sources tbody th', (e) => e.map((s) => s.textContent)), ['Omar Haddad']);

  await page.click('#demo');
  await page.waitForFunction(() => document.querySelectorAll('#text .sent').length > 10);
  await screenshot(page, 'single-file');
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
  await context.close();
});
