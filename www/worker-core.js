// The worker's protocol, shared by the served page (worker.js) and the single-file build
// (scripts/dist.mjs), which differ only in how they get a WebAssembly instance.
//
// Protocol (every message is a plain object with a `type`):
//   page → worker  {type: 'init', wasm?}                 (wasm: the module's bytes, single file only)
//                  {type: 'analyze', id, text, options}
//   worker → page  {type: 'ready', schemaVersion}
//                  {type: 'result', id, analysis, ms}
//                  {type: 'error', id, message, panic}   (id is null for start-up failures)
//                  {type: 'restart'}                     (the page must replace this worker)
//   page → worker  {type: 'full', id}  → worker → page {type: 'full', id, analysis}
//
// Big results are not sent whole: copying hundreds of thousands of sentence objects into the
// page would freeze it for seconds. The page gets a view (the first VIEW_SENTENCES sentences,
// keyword spans sampled evenly, counts for the rest under `view`); exports ask for the full result.
//
// A panic in the Rust core traps the instance (the wasm profile aborts on panic). The instance is
// then unusable, so the worker reports the panic message (lastPanic) and gets a fresh instance
// before the next analysis.

/**
 * Answers the page's messages. `instantiate(generation, init)` returns the glue's exports
 * (analyze, lastPanic, schemaVersion, debugPanic) of a fresh instance; `init` is the page's init
 * message.
 */
/** Sentences sent to the page; the page draws at most this many anyway. */
export const VIEW_SENTENCES = 4000;
/** Keyword spans sent to the page per keyword (for KWIC lines and dispersion strips). */
export const VIEW_SPANS = 2000;

/** Every `step`-th element so that at most `max` remain, spread over the whole array. */
function sample(list, max) {
  if (!Array.isArray(list) || list.length <= max) return list;
  const step = list.length / max;
  const out = [];
  for (let i = 0; i < max; i += 1) out.push(list[Math.floor(i * step)]);
  return out;
}

/** The part of a big result the page needs to draw its views. */
export function viewOf(analysis) {
  const sentences = Array.isArray(analysis && analysis.sentences) ? analysis.sentences : [];
  if (sentences.length <= VIEW_SENTENCES) return analysis;
  let none = 0;
  let vague = 0;
  for (const s of sentences) {
    const a = s.attribution;
    if (!a) none += 1;
    else if (!a.source || a.source.kind === 'vague') vague += 1;
  }
  const kw = analysis.keywords || {};
  const trim = (list) => (Array.isArray(list) ? list.map((k) => ({ ...k, spans: sample(k.spans, VIEW_SPANS) })) : list);
  return {
    ...analysis,
    sentences: sentences.slice(0, VIEW_SENTENCES),
    keywords: { ...kw, terms: trim(kw.terms), phrases: trim(kw.phrases) },
    view: { sentences: sentences.length, none, vague },
  };
}

export function serve(instantiate) {
  /** The current instance's exports, or null while (re)loading. */
  let api = null;
  /** Resolves when `api` is usable. */
  let loading = null;
  /** How many instances were asked for. */
  let generation = 0;
  /** The page's init message, kept for re-instantiation. */
  let init = {};
  /** The last full result, for exports. */
  let last = null;

  function load() {
    generation += 1;
    loading = (async () => {
      const glue = await instantiate(generation, init);
      api = glue;
      self.postMessage({ type: 'ready', schemaVersion: glue.schemaVersion() });
      return glue;
    })();
    loading.catch((err) => {
      self.postMessage({ type: 'error', id: null, message: `The analyser could not start: ${messageOf(err)}`, panic: false });
    });
    return loading;
  }

  /** Runs one call into the core and answers with its result or a readable error. */
  function run(msg, call) {
    const started = performance.now();
    try {
      const analysis = call();
      last = analysis;
      self.postMessage({ type: 'result', id: msg.id, analysis: viewOf(analysis), ms: performance.now() - started });
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
      self.postMessage({
        type: 'error',
        id: msg.id,
        message: `The analyser crashed on this text${detail ? `: ${detail}` : ` (${messageOf(err)})`}. It has been restarted; try again or edit the text.`,
        panic: true,
      });
      load();
    }
  }

  self.addEventListener('message', async (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'init') {
      init = msg;
      if (!loading) load();
      return;
    }
    if (msg.type === 'full') {
      self.postMessage({ type: 'full', id: msg.id, analysis: last });
      return;
    }
    if (msg.type === 'analyze' || msg.type === 'debug-panic') {
      if (!loading) load();
      try {
        await loading;
      } catch {
        return; // already reported
      }
      while (!api) await loading;
      if (msg.type === 'analyze') run(msg, () => api.analyze(String(msg.text ?? ''), msg.options ?? {}));
      // Test hook: makes the core panic, to exercise the recovery path end to end.
      else run(msg, () => api.debugPanic());
    }
  });
}

function messageOf(err) {
  if (err && typeof err.message === 'string') return err.message;
  return String(err);
}

/** True for errors raised by a wasm trap rather than by a returned `Err`. */
function isTrap(err) {
  return typeof WebAssembly.RuntimeError === 'function' && err instanceof WebAssembly.RuntimeError;
}
