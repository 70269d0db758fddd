// The analysis worker: owns the WebAssembly instance so the page never blocks on a long text.
//
// Protocol (every message is a plain object with a `type`):
//   page → worker  {type: 'init'}
//                  {type: 'analyze', id, text, options}
//   worker → page  {type: 'ready', schemaVersion}
//                  {type: 'result', id, analysis, ms}
//                  {type: 'error', id, message, panic}   (id is null for start-up failures)
//
// A panic in the Rust core traps the instance (the wasm profile aborts on panic). The instance is
// then unusable, so the worker reads the panic message and loads a fresh copy of the glue module
// (a new module URL gives a new module record, hence a new instance) before the next analysis.

const GLUE = './pkg/whosaid.js';

/** The current instance's exports, or null while (re)loading. */
let api = null;
/** Resolves when `api` is usable. */
let loading = null;
/** How many instances were created; used to make each reload a distinct module. */
let generation = 0;
/** The compiled module, shared by every instance so a reload only instantiates. */
let compiled = null;

function load() {
  generation += 1;
  const url = new URL(GLUE, import.meta.url);
  if (generation > 1) url.searchParams.set('instance', String(generation));
  loading = (async () => {
    const glue = await import(url.href);
    if (!compiled) {
      compiled = await WebAssembly.compileStreaming(fetch(new URL('./pkg/whosaid_bg.wasm', import.meta.url)));
    }
    await glue.default({ module_or_path: compiled });
    api = glue;
    self.postMessage({ type: 'ready', schemaVersion: glue.schemaVersion() });
    return glue;
  })();
  loading.catch((err) => {
    self.postMessage({ type: 'error', id: null, message: `The analyser could not start: ${messageOf(err)}`, panic: false });
  });
  return loading;
}

function messageOf(err) {
  if (err && typeof err.message === 'string') return err.message;
  return String(err);
}

/** True for errors raised by a wasm trap rather than by a returned `Err`. */
function isTrap(err) {
  return typeof WebAssembly.RuntimeError === 'function' && err instanceof WebAssembly.RuntimeError;
}

/** Runs one call into the core and answers with its result or a readable error. */
function run(msg, call) {
  const started = performance.now();
  try {
    const analysis = call();
    self.postMessage({ type: 'result', id: msg.id, analysis, ms: performance.now() - started });
  } catch (err) {
    if (!isTrap(err)) {
      self.postMessage({ type: 'error', id: msg.id, message: messageOf(err), panic: false });
      return;
    }
    let detail = null;
    try {
      detail = api.lastPanic();
    } catch {
      // The trapped instance may not even answer this; the trap message then stands alone.
    }
    api = null;
    load();
    self.postMessage({
      type: 'error',
      id: msg.id,
      message: `The analyser crashed on this text${detail ? `: ${detail}` : ` (${messageOf(err)})`}. It has been restarted; try again or edit the text.`,
      panic: true,
    });
  }
}

self.addEventListener('message', async (event) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'init') {
    if (!loading) load();
    return;
  }
  if (msg.type === 'analyze' || msg.type === 'debug-panic') {
    if (!loading) load();
    try {
      await loading;
    } catch {
      return; // already reported
    }
    if (!api) await loading;
    if (msg.type === 'analyze') run(msg, () => api.analyze(String(msg.text ?? ''), msg.options ?? {}));
    // Test hook: makes the core panic, to exercise the recovery path end to end.
    else run(msg, () => api.debugPanic());
  }
});

load();
