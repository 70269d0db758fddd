// The page's side of the worker protocol (see worker.js): one analysis in flight at a time, only
// the latest request matters, and Cancel (or a dead worker) replaces the worker with a fresh one.

/** Where the worker comes from. The single-file build (scripts/dist.mjs) replaces this line. */
const WORKER_URL = new URL('./worker.js', import.meta.url);
/** Extra fields of the init message. The single-file build replaces this line (wasm bytes). */
const INIT_EXTRA = () => ({});

/** Talks to the analysis worker. */
export class Analyser {
  /**
   * @param {object} handlers  onReady(schemaVersion), onResult(analysis, ms, request),
   *                           onError(message, {panic, request}), onBusy(request|null)
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.nextId = 1;
    this.inFlight = null; // {id, text, options, sent}
    this.pending = null; // the latest request not yet sent
    this.ready = false;
    this.fullWaiters = new Map();
    this.spawn();
  }

  /** The whole result of `request` (the page only holds a view of big ones); null if the
   * worker could not produce it. */
  full(request) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.fullWaiters.set(id, resolve);
      this.worker.postMessage({ type: 'full', id, text: request.text, options: request.options });
    });
  }

  spawn() {
    this.ready = false;
    this.worker = new Worker(WORKER_URL, { type: 'module' });
    this.worker.addEventListener('message', (ev) => this.onMessage(ev.data));
    this.worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      this.handlers.onError(`The analyser could not run: ${ev.message || 'the worker failed to load'}.`, { panic: false, request: this.inFlight });
      this.inFlight = null;
    });
    this.worker.postMessage({ type: 'init', ...INIT_EXTRA() });
  }

  /** Queues an analysis of `text`; a request not yet sent is replaced. */
  analyze(text, options = {}) {
    const request = { id: this.nextId++, text, options };
    this.pending = request;
    this.pump();
    return request.id;
  }

  pump() {
    if (this.inFlight || !this.pending) return;
    const request = this.pending;
    this.pending = null;
    request.sent = performance.now();
    this.inFlight = request;
    this.handlers.onBusy(request);
    this.worker.postMessage({ type: 'analyze', id: request.id, text: request.text, options: request.options });
  }

  /** Stops the running analysis by replacing the worker. */
  cancel() {
    this.worker.terminate();
    // Exports waiting on the old worker get no answer from it: ask the new one.
    const waiting = [...this.fullWaiters.values()];
    this.fullWaiters.clear();
    this.inFlight = null;
    this.pending = null;
    this.handlers.onBusy(null);
    this.spawn();
    for (const resolve of waiting) resolve(null);
  }

  onMessage(msg) {
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'restart') {
      // A worker that cannot make itself a fresh instance asks to be replaced.
      this.worker.terminate();
      this.spawn();
      return;
    }
    if (msg.type === 'full') {
      const resolve = this.fullWaiters.get(msg.id);
      this.fullWaiters.delete(msg.id);
      if (resolve) resolve(msg.analysis);
      return;
    }
    if (msg.type === 'ready') {
      this.ready = true;
      this.handlers.onReady(msg.schemaVersion);
      return;
    }
    const request = this.inFlight && this.inFlight.id === msg.id ? this.inFlight : null;
    if (request) this.inFlight = null;
    if (msg.type === 'result') {
      // A stale result (an older request) is dropped when a newer one is waiting.
      if (request && !this.pending) this.handlers.onResult(msg.analysis, msg.ms, request);
    } else if (msg.type === 'error') {
      if (!this.pending || msg.id === null || msg.panic) this.handlers.onError(String(msg.message), { panic: Boolean(msg.panic), request });
    }
    if (!this.inFlight) this.handlers.onBusy(null);
    this.pump();
  }
}
