// Accessibility: axe-core finds no serious or critical violation on the analysed demo article,
// with a sentence, a source and a keyword selected, in the light and the dark theme.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { waitForRun, serveAndLaunch } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const env = serveAndLaunch();

for (const colorScheme of ['light', 'dark']) {
  for (const width of [1280, 360]) {
    test(`axe: no serious or critical violations (${colorScheme}, ${width}px)`, async () => {
      // axe is injected through the DevTools protocol; the page's own CSP stays as it is.
      const context = await env.browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(env.server.url);
      await page.waitForSelector('#status:not([data-state="loading"])');
      await page.click('#demo');
      await waitForRun(page, '');
      await page.click('#text .sent[data-i="3"]');
      await page.click('#sources button.src-name >> nth=0');
      await page.click('#keywords button.kw-name >> nth=0');
      await page.click('#more summary');
      await page.evaluate(AXE);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      assert.deepEqual(bad, []);
      await context.close();
    });
  }
}
