// The analysis worker of the served page: owns the WebAssembly instance so the page never blocks
// on a long text. The protocol lives in worker-core.js.
//
// A fresh instance after a trap comes from a fresh copy of the glue module: a new module URL
// gives a new module record, hence new module state, and the compiled module is reused.

import { serve } from './worker-core.js';

/** The compiled module, shared by every instance so a reload only instantiates. */
let compiled = null;

serve(async (generation) => {
  const url = new URL('./pkg/whosaid.js', import.meta.url);
  if (generation > 1) url.searchParams.set('instance', String(generation));
  const glue = await import(url.href);
  if (!compiled) {
    compiled = await WebAssembly.compileStreaming(fetch(new URL('./pkg/whosaid_bg.wasm', import.meta.url)));
  }
  await glue.default({ module_or_path: compiled });
  return glue;
});
