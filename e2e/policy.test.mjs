// Static checks on what the page ships: the Content-Security-Policy of the served page and of the
// single-file build allows no inline code and no eval, and no shipped script uses eval or
// new Function. (The browser tests check the same policy at run time: no CSP violations.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, WWW } from './helpers.mjs';

function csp(html) {
  const m = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  assert.ok(m, 'the page carries a CSP meta tag');
  return Object.fromEntries(
    m[1].split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name, values];
    }),
  );
}

function assertStrict(policy, where) {
  const all = Object.values(policy).flat();
  assert.ok(!all.includes("'unsafe-inline'"), `${where}: no 'unsafe-inline'`);
  assert.ok(!all.includes("'unsafe-eval'"), `${where}: no 'unsafe-eval'`);
  assert.deepEqual(policy['default-src'], ["'none'"], `${where}: default-src 'none'`);
  assert.ok(policy['script-src'].includes("'wasm-unsafe-eval'"), `${where}: wasm allowed`);
  assert.ok(!policy['script-src'].some((s) => /^(https?:|\*|data:|blob:)/.test(s)), `${where}: scripts only from the page`);
  assert.ok(!(policy['connect-src'] || []).some((s) => /^(https?:|\*|wss?:)/.test(s)), `${where}: no remote connections`);
}

test('the served page has a strict CSP', () => {
  const policy = csp(readFileSync(join(WWW, 'index.html'), 'utf8'));
  assertStrict(policy, 'www/index.html');
  assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
});

test('the single-file build has a strict CSP (inline code allowed only by hash)', () => {
  const file = join(ROOT, 'dist', 'whosaid.html');
  assert.ok(existsSync(file), 'make dist has run (make test-e2e depends on it)');
  const policy = csp(readFileSync(file, 'utf8'));
  assertStrict(policy, 'dist/whosaid.html');
  assert.ok(policy['script-src'].every((s) => s === "'wasm-unsafe-eval'" || s.startsWith("'sha256-")));
});

test('no shipped script uses eval or new Function', () => {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(m?js|html)$/.test(e.name)) files.push(p);
    }
  };
  walk(WWW);
  files.push(join(ROOT, 'dist', 'whosaid.html'));
  assert.ok(files.some((f) => f.endsWith(join('pkg', 'whosaid.js'))), 'the wasm-bindgen glue is checked too');
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    assert.ok(!/(^|[^\w$.])eval\s*\(/.test(src), `${f} calls eval(`);
    assert.ok(!/new\s+Function\s*\(/.test(src), `${f} uses new Function`);
  }
});
