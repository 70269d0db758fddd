// Times the wasm build under Node on a text file: `node scripts/bench-wasm.mjs FILE`.
// Prints one line: `wasm-node MBPS SECONDS`. Needs `make wasm` first.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const { initSync, analyze } = await import(`${root}www/pkg/whosaid.js`);
initSync({ module: readFileSync(`${root}www/pkg/whosaid_bg.wasm`) });

const text = readFileSync(process.argv[2], 'utf8');
const bytes = Buffer.byteLength(text);
analyze(text, {}); // warm-up
const times = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  analyze(text, {});
  times.push((performance.now() - t) / 1000);
}
times.sort((a, b) => a - b);
const secs = times[times.length >> 1];
console.log(`wasm-node ${(bytes / 1e6 / secs).toFixed(2)} ${secs.toFixed(4)}`);
