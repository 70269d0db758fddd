// Times the wasm build under Node on a text file: `node scripts/bench-wasm.mjs FILE`.
// Prints two lines, `NAME MBPS SECONDS`:
//   wasm-node       the page's entry (analyzeView): the analysis, plus the view the page is sent
//   wasm-node-full  analyze: the analysis, plus the whole result converted to JS objects
// The clock is the CPU time of the process (median of 7 runs after a warm-up), like the native
// bench's CPU time, so that a busy machine does not decide. Needs `make wasm` first.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { initSync, analyze, analyzeView } = await import(`${root}www/pkg/whosaid.js`);
const { VIEW_SENTENCES } = await import(`${root}www/worker-core.js`);
initSync({ module: readFileSync(`${root}www/pkg/whosaid_bg.wasm`) });

const text = readFileSync(process.argv[2], 'utf8');
const bytes = Buffer.byteLength(text);

function time(name, run) {
  run(); // warm-up
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t = process.cpuUsage();
    run();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1e6);
  }
  times.sort((a, b) => a - b);
  const secs = times[times.length >> 1];
  console.log(`${name} ${(bytes / 1e6 / secs).toFixed(2)} ${secs.toFixed(4)}`);
}

time('wasm-node', () => analyzeView(text, {}, VIEW_SENTENCES));
time('wasm-node-full', () => analyze(text, {}));
