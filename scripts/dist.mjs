// `make dist`: writes dist/site/ (the static page as served, ready to host) and dist/whosaid.html,
// one self-contained file that works when opened from file:// with no network.
//
// The single file holds one inline module script (the page's ES modules concatenated, their
// import lines removed), the wasm as base64, and the worker as a data: URL (file:// pages cannot
// start a worker from a file, and a blob: module worker fails; TOOLCHAIN.md). The page sends the
// wasm bytes to the worker in its init message. The CSP keeps `default-src 'none'` and allows the
// inline script and style by their SHA-256 hashes, never 'unsafe-inline'.

import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const OUT = join(ROOT, 'dist');
const read = (p) => readFileSync(join(WWW, p), 'utf8');

/** The page's modules in dependency order (each after everything it imports). */
const MODULES = ['dom.js', 'rules.js', 'demo.js', 'files.js', 'textview.js', 'tables.js', 'analyser.js', 'share.js', 'main.js'];

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(1);
}

/** A module's text as part of one script: its imports dropped, `export` keywords removed. */
function inlineModule(name, text) {
  const out = text
    .replace(/^import\s+\{[^}]*\}\s+from\s+'\.\/[\w-]+\.js';\s*$/gm, '')
    .replace(/^export\s+(?=(async\s+)?(function|const|let|class)\b)/gm, '');
  if (/^\s*(import|export)\b/m.test(out)) fail(`${name} has an import or export the inliner does not handle`);
  return `// ---- ${name}\n${out}`;
}

function replaceLine(text, startsWith, replacement) {
  const re = new RegExp(`^${startsWith.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*$`, 'm');
  if (!re.test(text)) fail(`marker line not found: ${startsWith}`);
  return text.replace(re, () => replacement);
}

const sha256 = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

try {
  statSync(join(WWW, 'pkg', 'whosaid_bg.wasm'));
} catch {
  fail('www/pkg is missing: run `make wasm` first');
}

// 1. The static site folder.
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
cpSync(WWW, join(OUT, 'site'), { recursive: true, filter: (src) => !src.endsWith('.gitignore') });

// 2. The worker: the wasm-bindgen glue, the protocol, and an initSync loader.
const glue = readFileSync(join(WWW, 'pkg', 'whosaid.js'), 'utf8');
const workerSource = [
  glue,
  inlineModule('worker-core.js', read('worker-core.js')),
  `// ---- single-file loader
serve(async (generation, init) => {
  // A trapped instance cannot be replaced inside this worker (the glue keeps one instance), so
  // the page is asked for a new worker.
  if (generation > 1) {
    self.postMessage({ type: 'restart' });
    return new Promise(() => {});
  }
  initSync({ module: init.wasm });
  return { analyze, analyzeView, lastFull, lastPanic, schemaVersion, debugPanic };
});
`,
].join('\n');
const workerUrl = `data:text/javascript;base64,${Buffer.from(workerSource, 'utf8').toString('base64')}`;

// 3. The page script.
const wasm = readFileSync(join(WWW, 'pkg', 'whosaid_bg.wasm'));
let app = MODULES.map((m) => inlineModule(m, read(m))).join('\n');
app = replaceLine(app, 'const WORKER_URL =', `const WORKER_URL = ${JSON.stringify(workerUrl)};`);
app = replaceLine(
  app,
  'const INIT_EXTRA =',
  `const WASM_BASE64 = ${JSON.stringify(wasm.toString('base64'))};
let wasmBytes = null;
const INIT_EXTRA = () => {
  wasmBytes ??= Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
  return { wasm: wasmBytes };
};`,
);
app = `'use strict';\n${app}`;
const css = read('style.css');
if (/<\/script/i.test(app)) fail('the inlined script contains "</script"');
if (/<\/style/i.test(css)) fail('the inlined style contains "</style"');

// 4. The HTML: same markup, inline style and script, CSP by hashes.
let html = read('index.html');
const csp =
  `default-src 'none'; script-src ${sha256(app)} 'wasm-unsafe-eval'; style-src ${sha256(css)}; ` +
  "img-src data:; connect-src 'none'; worker-src data:; base-uri 'none'; form-action 'none'";
html = replaceLine(html, '<meta http-equiv="Content-Security-Policy"', `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
html = replaceLine(html, '<link rel="stylesheet" href="style.css">', `<style>${css}</style>`);
html = replaceLine(html, '<script type="module" src="main.js"></script>', `<script type="module">${app}</script>`);
writeFileSync(join(OUT, 'whosaid.html'), html);

const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`dist/site/ and dist/whosaid.html (${kb(Buffer.byteLength(html))}, wasm ${kb(wasm.length)})`);
