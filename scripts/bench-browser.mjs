// In-browser timing: headless Chromium loads the served page and runs the analysis through the
// page's own worker (worker.js, the same protocol the page uses) on 100 KB, 1 MB and 10 MB taken
// from a text file. Usage: node scripts/bench-browser.mjs FILE. Prints `browser SIZE MS` lines:
// the median time from postMessage to the result arriving back on the page (structured clone
// included). Needs `make wasm` and the npm packages.
import { readFileSync } from 'node:fs';
import { startServer, launch } from '../e2e/helpers.mjs';

const source = readFileSync(process.argv[2], 'utf8');
const server = await startServer();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  for (const [label, bytes] of [['100KB', 100_000], ['1MB', 1_000_000], ['10MB', 10_000_000]]) {
    let text = '';
    while (text.length < bytes) text += source;
    text = text.slice(0, bytes);
    const ms = await page.evaluate(async (text) => {
      const worker = new Worker('./worker.js', { type: 'module' });
      const next = (type) =>
        new Promise((resolve, reject) =>
          worker.addEventListener('message', function on(e) {
            if (e.data.type === 'error') reject(new Error(e.data.message));
            if (e.data.type === type) {
              worker.removeEventListener('message', on);
              resolve(e.data);
            }
          }),
        );
      worker.postMessage({ type: 'init' });
      await next('ready');
      const times = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        worker.postMessage({ type: 'analyze', id: i, text, options: {} });
        await next('result');
        times.push(performance.now() - t);
      }
      worker.terminate();
      times.sort((a, b) => a - b);
      return times[2];
    }, text);
    console.log(`browser ${label} ${ms.toFixed(1)}`);
  }
} finally {
  await browser.close();
  server.stop();
}
