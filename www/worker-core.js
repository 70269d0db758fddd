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
//   page → worker  {type: 'full', id, text, options}  → worker → page {type: 'full', id, analysis}
//                  (the whole result of the page's current text; analysis null if it failed)
//
// The page is sent a view (analyzeView), not the schema-v1 result, and the worker keeps the
// whole result, which exports ask for (lastFull). Copying hundreds of thousands of sentence
// objects into the page would freeze it for seconds, and one object per keyword occurrence cost
// a fifth of the analysis again. The view (src/view.rs) is the result with three differences;
// numbers in bulk come as one Uint8Array of little-endian u32s each (read through `u32s()` in
// tables.js), which the worker transfers to the page instead of copying:
//   - each of keywords.terms[] and keywords.phrases[] has, instead of `spans` and
//     `spanSentences`, `occurrences`: every occurrence in text order, [start0, end0, start1,
//     end1, ...] (UTF-16 offsets, 2n numbers), then the sentence index of each (n numbers);
//     the page reads it through `occurrences()` in tables.js;
//   - keywords.bySource is {texts, numbers}: `texts` the text of every term one after the
//     other, `numbers` per entry its source and its number of terms n, then per term the
//     UTF-16 length of its text and its count (2 + 2n numbers); read through `sourceTerms()`;
//   - a text with more than VIEW_SENTENCES sentences gets the first VIEW_SENTENCES `sentences`
//     and `view: {sentences, none, vague}`, the counts over all of them; without `view`,
//     `sentences` is whole.
// Everything else (stats, metadata, sources, keywords.top, ngrams) is as in the schema.

// A panic in the Rust core traps the instance (the wasm profile aborts on panic). The instance is
// then unusable, so the worker reports the panic message (lastPanic) and gets a fresh instance
// before the next analysis.

/** Sentences sent to the page; the page draws at most this many anyway. */
export const VIEW_SENTENCES = 4000;

/**
 * Answers the page's messages. `instantiate(generation, init)` returns the glue's exports
 * (analyze, analyzeView, lastFull, lastPanic, schemaVersion, debugPanic) of a fresh instance;
 * `init` is the page's init message.
 */
export function serve(instantiate) {
  /** The current instance's exports, or null while (re)loading. */
  let api = null;
  /** Resolves when `api` is usable. */
  let loading = null;
  /** How many instances were asked for. */
  let generation = 0;
  /** The page's init message, kept for re-instantiation. */
  let init = {};
  /** The request behind the page's current result: exports re-run it if the instance that
   * holds the whole result was replaced since. */
  let lastRequest = null;

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
      if (msg.type === 'analyze') lastRequest = msg;
      self.postMessage({ type: 'result', id: msg.id, analysis, ms: performance.now() - started }, viewBuffers(analysis));
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

  /** Waits until an instance is usable, starting one if none is loading; rejects when it
   * cannot start (the failure is reported by `load`). */
  async function usable() {
    if (!loading) load();
    await loading;
    while (!api) await loading;
  }

  /** The whole result for an export of the page's current result (`msg.text`, `msg.options`):
   * the one this instance kept when it is that result, else the analysis run again (the worker
   * may have been replaced since); null when neither works. */
  async function full(msg) {
    if (typeof msg.text !== 'string') return null;
    try {
      await usable();
      const [text, options] = requestArgs(msg);
      const same = lastRequest && lastRequest.text === text
        && JSON.stringify(requestArgs(lastRequest)[1]) === JSON.stringify(options);
      return (same ? api.lastFull() : null) ?? api.analyze(text, options);
    } catch (err) {
      if (isTrap(err)) {
        api = null;
        load();
      }
      return null;
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
      self.postMessage({ type: 'full', id: msg.id, analysis: await full(msg) });
      return;
    }
    if (msg.type === 'analyze' || msg.type === 'debug-panic') {
      try {
        await usable();
      } catch {
        return; // already reported
      }
      if (msg.type === 'analyze') run(msg, () => api.analyzeView(...requestArgs(msg), VIEW_SENTENCES));
      // Test hook: makes the core panic, to exercise the recovery path end to end.
      else run(msg, () => api.debugPanic());
    }
  });
}

/** The buffers of a view's numbers in bulk, each owned by its Uint8Array alone (so moving it to
 * the page detaches nothing else); none for other results. */
function viewBuffers(analysis) {
  const kw = (analysis && analysis.keywords) || {};
  const arrays = [...(kw.terms || []), ...(kw.phrases || [])].map((k) => k && k.occurrences);
  arrays.push(kw.bySource && kw.bySource.numbers);
  const buffers = new Set();
  for (const b of arrays) {
    if (b instanceof Uint8Array && b.byteOffset === 0 && b.buffer instanceof ArrayBuffer && b.byteLength === b.buffer.byteLength) buffers.add(b.buffer);
  }
  return [...buffers];
}

/** The text and options of an analyze message, as the core takes them. */
function requestArgs(msg) {
  return [String(msg.text ?? ''), msg.options ?? {}];
}

function messageOf(err) {
  if (err && typeof err.message === 'string') return err.message;
  return String(err);
}

/** True for errors raised by a wasm trap rather than by a returned `Err`. */
function isTrap(err) {
  return typeof WebAssembly.RuntimeError === 'function' && err instanceof WebAssembly.RuntimeError;
}
