// The page: input, the worker round trip, and the views. No framework; every view is redrawn
// from (text, analysis) and the current selection.

import { h, replaceChildren, arr, num, str, debounce, pct, fmt } from './dom.js';
import { DEMO_TEXT } from './demo.js';
import { Analyser } from './analyser.js';
import { renderText, renderLegend, renderDetail } from './textview.js';
import { renderSummary, sortableTable, sourceRows, keywordRows, dispersionStrip, renderKwic, sentenceAt, sourceTerms } from './tables.js';
import { readFile, download, csvTables } from './files.js';
import { encodeShare, decodeShare } from './share.js';

/** Above this size the page warns that the text is big; analysis still runs in the worker. */
const LARGE_TEXT = 2_000_000;
/** The core refuses texts above this many UTF-8 bytes (with a readable error). */
const MAX_BYTES = 64 * 1024 * 1024;

const $ = (id) => document.getElementById(id);
const input = $('input');
const statusEl = $('status');
const textView = $('text');

const state = {
  text: '',
  analysis: null,
  /** The request (text and options) behind `analysis`, for exports of the whole result. */
  request: null,
  sentEls: [],
  sentence: -1,
  source: null,
  keyword: null,
  kwicSort: 'position',
  busySince: 0,
};

function setStatus(kind, message) {
  statusEl.dataset.state = kind;
  statusEl.textContent = message;
}

function setNotice(message) {
  const n = $('notice');
  n.textContent = message || '';
  n.hidden = !message;
}

// ---- worker ---------------------------------------------------------------------------------

let cancelTimer = null;
let ticker = null;
const analyser = new Analyser({
  onReady() {
    if (statusEl.dataset.state === 'loading') {
      setStatus('ready', 'Ready. Paste a text or open the demo article.');
      // Text restored by the browser (back/forward) is analysed once the analyser is up.
      if (input.value && !state.analysis) scheduled();
    }
  },
  onBusy(request) {
    clearTimeout(cancelTimer);
    clearInterval(ticker);
    if (request) {
      state.busySince = performance.now();
      const size = request.text.length > 100_000 ? ` ${(request.text.length / 1e6).toFixed(1)} million characters` : '';
      setStatus('busy', `Analysing${size}…`);
      // Cancel and the elapsed time appear only for analyses that take a noticeable time. The core
      // runs as one call, so elapsed time is the honest measure of progress.
      cancelTimer = setTimeout(() => ($('cancel').hidden = false), 400);
      ticker = setInterval(() => {
        const s = Math.round((performance.now() - state.busySince) / 1000);
        if (s >= 1) setStatus('busy', `Analysing${size}… ${s} s (the page stays usable; Cancel stops it)`);
      }, 500);
    } else {
      $('cancel').hidden = true;
    }
  },
  onResult(analysis, ms, request) {
    $('cancel').hidden = true;
    state.request = request;
    show(request.text, analysis);
    const n = num(analysis.view && analysis.view.sentences) ?? arr(analysis.sentences).length;
    statusEl.dataset.run = String(request.id);
    setStatus('done', `Analysed ${n.toLocaleString('en')} ${n === 1 ? 'sentence' : 'sentences'} in ${Math.max(1, Math.round(ms))} ms.`);
  },
  onError(message, { panic, request }) {
    $('cancel').hidden = true;
    if (request) statusEl.dataset.run = String(request.id);
    setStatus('error', message);
    if (panic) document.body.dataset.recovered = 'true';
  },
});

/** The custom stopwords typed by the reader. */
function stopwords() {
  return $('stopwords').value.split(/[\s,;]+/).map((w) => w.trim()).filter(Boolean).slice(0, 1000);
}

function options() {
  return { maxBytes: MAX_BYTES, stopwords: stopwords() };
}

function run() {
  scheduled.cancel();
  analyser.analyze(input.value, options());
}

// Longer texts wait longer before the as-you-type analysis starts.
const scheduled = debounce(run, () => Math.min(1500, 250 + input.value.length / 2000));

// ---- views ----------------------------------------------------------------------------------

const sourcesState = { rows: [], empty: 'No sources found.' };
const keywordsState = { rows: [], empty: 'No keywords yet.' };

const refreshSources = sortableTable($('sources'), sourcesState, (r) => {
  const tr = h('tr', { 'data-source': r.id, class: state.source === r.id ? 'selected' : null },
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'linkish src-name', 'data-source': r.id, 'aria-pressed': String(state.source === r.id) }, r.name || '(unnamed)')),
    h('td', null, r.kind),
    h('td', { class: 'num' }, fmt(r.mentions)),
    h('td', { class: 'num' }, fmt(r.sentences)),
    h('td', { class: 'num' }, fmt(r.directQuotes)),
    h('td', { class: 'num' }, pct(r.share)));
  return tr;
}, { key: 'sentences', dir: 'descending' });

const refreshKeywords = sortableTable($('keywords'), keywordsState, (r) => {
  const selected = state.keyword === r.rank;
  return h('tr', { 'data-rank': r.rank, class: selected ? 'selected' : null },
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'linkish kw-name', 'data-rank': r.rank, 'aria-pressed': String(selected) }, r.text),
      r.kind === 'phrase' || r.kind === 'name' ? h('span', { class: 'tag' }, r.kind) : null),
    h('td', { class: 'num' }, fmt(r.count)),
    h('td', { class: 'num' }, fmt(r.perThousand, 1)),
    h('td', { class: 'num' }, fmt(r.sentences)),
    h('td', { class: 'disp' }, r.occ.count ? dispersionStrip(r.occ, state.text.length) : null, r.dispersion !== null ? h('span', { class: 'disp-val' }, fmt(r.dispersion, 2)) : null));
}, { key: 'rank', dir: 'ascending' });

function show(text, analysis) {
  const keepSentence = state.analysis && state.text === text ? state.sentence : -1;
  state.text = text;
  state.analysis = analysis;
  state.source = null;
  state.keyword = null;
  state.sentEls = renderText(textView, text, analysis);
  renderLegend($('legend'), analysis, selectSource);
  renderSummary(analysis);
  sourcesState.rows = sourceRows(analysis);
  refreshSources();
  keywordsState.rows = keywordRows(analysis);
  refreshKeywords();
  state.sentence = -1;
  selectSentence(keepSentence < state.sentEls.length ? keepSentence : -1, false);
  renderSourceKeywords();
  renderKwicView();
  for (const id of ['export-json', 'export-csv-sentences', 'export-csv-sources', 'export-csv-keywords']) $(id).disabled = false;
}

function clearViews() {
  state.analysis = null;
  state.request = null;
  state.text = '';
  show('', { sentences: [], sources: [], keywords: {}, stats: {}, metadata: {} });
  state.analysis = null;
  for (const id of ['export-json', 'export-csv-sentences', 'export-csv-sources', 'export-csv-keywords']) $(id).disabled = true;
}

/** Draws the text view again (with the selected keyword marked), keeping the selections. */
function redrawText() {
  if (!state.analysis) return;
  const row = state.keyword === null ? null : keywordsState.rows.find((r) => r.rank === state.keyword);
  const hadFocus = textView.contains(document.activeElement);
  state.sentEls = renderText(textView, state.text, state.analysis, row ? row.occ.offsets : undefined);
  const sentence = state.sentence;
  state.sentence = -1;
  selectSentence(sentence, hadFocus);
  const source = state.source;
  state.source = null;
  if (source !== null) selectSource(source, false);
}

/** Selects sentence `i`: marks it, makes it the tab stop, shows its details. */
function selectSentence(i, focus = true) {
  const prev = state.sentEls[state.sentence];
  if (prev) {
    prev.setAttribute('aria-selected', 'false');
    prev.tabIndex = -1;
  }
  state.sentence = i;
  const el = state.sentEls[i];
  if (el) {
    el.setAttribute('aria-selected', 'true');
    el.tabIndex = 0;
    if (focus && document.activeElement !== el) el.focus();
  } else if (state.sentEls[0]) {
    state.sentEls[0].tabIndex = 0;
  }
  renderDetail($('detail'), state.text, state.analysis, i, selectSource);
}

/** Highlights every sentence of source `id` (again to clear). */
function selectSource(id, scroll = true) {
  state.source = state.source === id ? null : id;
  const src = state.source === null ? null : arr(state.analysis && state.analysis.sources).find((s) => s.id === state.source);
  const set = new Set(src ? arr(src.sentences) : []);
  textView.classList.toggle('filtering', Boolean(src));
  state.sentEls.forEach((el, i) => el.classList.toggle('is-hl', set.has(i)));
  for (const b of document.querySelectorAll('#legend button[data-source]')) b.setAttribute('aria-pressed', String(Number(b.dataset.source) === state.source));
  refreshSources();
  renderSourceKeywords();
  if (scroll && src && set.size) {
    const first = state.sentEls[Math.min(...set)];
    if (first) first.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }
}

/** The keywords that occur in the selected source's sentences. */
function renderSourceKeywords() {
  let box = $('source-keywords');
  if (!box) {
    box = h('p', { id: 'source-keywords', class: 'source-keywords', 'aria-live': 'polite' });
    $('sources').closest('.panel').appendChild(box);
  }
  const src = state.source === null ? null : arr(state.analysis && state.analysis.sources).find((s) => s.id === state.source);
  if (!src) {
    replaceChildren(box, state.analysis && arr(state.analysis.sources).length ? 'Select a source to highlight its sentences and see its keywords.' : '');
    return;
  }
  // The core's own list: the terms most characteristic of this source against the rest.
  const own = sourceTerms(state.analysis.keywords, src.id);
  if (own) {
    const terms = own.filter((t) => str(t.text));
    replaceChildren(box, h('strong', null, `${src.name}: `),
      terms.length ? terms.map((t, n) => [n ? ', ' : '', `${t.text} (${fmt(t.count)})`]) : 'no keywords in its sentences.');
    return;
  }
  // Sources without an entry: the listed keywords that occur in its sentences.
  const mine = new Set(arr(src.sentences));
  const counted = keywordsState.rows
    .map((r) => ({ r, n: r.occ.sentences.reduce((n, i) => n + (mine.has(i) ? 1 : 0), 0) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.r.rank - b.r.rank)
    .slice(0, 12);
  replaceChildren(box, h('strong', null, `${src.name}: `),
    counted.length ? counted.map((x, n) => [n ? ', ' : '', `${x.r.text} (${x.n})`]) : 'no keywords in its sentences.');
}

function renderKwicView() {
  const row = state.keyword === null ? null : keywordsState.rows.find((r) => r.rank === state.keyword);
  renderKwic($('kwic'), state.text, row, state.kwicSort, (start) => {
    const i = sentenceAt(arr(state.analysis.sentences), start);
    if (i >= 0) selectSentence(i);
  }, (sort) => {
    state.kwicSort = sort;
    renderKwicView();
    $('kwic-sort')?.focus();
  });
}

// ---- events ---------------------------------------------------------------------------------

input.addEventListener('input', () => {
  if (input.value.length > LARGE_TEXT) setNotice(`This text is large (${(input.value.length / 1e6).toFixed(1)} million characters); the analysis runs in the background and may take a few seconds.`);
  else setNotice('');
  scheduled();
});
$('analyze').addEventListener('click', run);
$('demo').addEventListener('click', () => {
  input.value = DEMO_TEXT;
  setNotice('');
  run();
});
$('clear').addEventListener('click', () => {
  input.value = '';
  scheduled.cancel();
  setNotice('');
  clearViews();
  setStatus('ready', 'Cleared.');
  input.focus();
});
$('cancel').addEventListener('click', () => {
  analyser.cancel();
  setStatus('ready', 'Analysis cancelled.');
});

textView.addEventListener('click', (ev) => {
  const el = ev.target.closest('.sent');
  if (el) selectSentence(Number(el.dataset.i));
});
textView.addEventListener('focusin', (ev) => {
  const el = ev.target.closest('.sent');
  if (el && Number(el.dataset.i) !== state.sentence) selectSentence(Number(el.dataset.i), false);
});
textView.addEventListener('keydown', (ev) => {
  const el = ev.target.closest('.sent');
  if (!el) return;
  const i = Number(el.dataset.i);
  const last = state.sentEls.length - 1;
  const to = { ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: last }[ev.key];
  if (to === undefined) return;
  ev.preventDefault();
  selectSentence(Math.max(0, Math.min(last, to)));
});

$('sources').addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-source]');
  if (b) {
    selectSource(Number(b.dataset.source));
    $('sources').querySelector(`button.src-name[data-source="${CSS.escape(b.dataset.source)}"]`)?.focus();
  }
});
$('keywords').addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-rank]');
  if (!b) return;
  const rank = Number(b.dataset.rank);
  state.keyword = state.keyword === rank ? null : rank;
  refreshKeywords();
  renderKwicView();
  redrawText();
  $('keywords').querySelector(`button.kw-name[data-rank="${rank}"]`)?.focus();
});

// Files: the picker and drag and drop onto the page.
async function openFile(file) {
  if (!file) return;
  try {
    const { text, notice } = await readFile(file);
    input.value = text;
    setNotice(notice);
    run();
  } catch (err) {
    setStatus('error', `Could not read “${file.name}”: ${err && err.message ? err.message : err}`);
  }
}
$('file').addEventListener('change', (ev) => {
  openFile(ev.target.files[0]);
  ev.target.value = '';
});
document.addEventListener('dragover', (ev) => {
  if (ev.dataTransfer && [...ev.dataTransfer.types].includes('Files')) {
    ev.preventDefault();
    document.body.classList.add('dragging');
  }
});
document.addEventListener('dragleave', (ev) => {
  if (ev.relatedTarget === null) document.body.classList.remove('dragging');
});
document.addEventListener('drop', (ev) => {
  document.body.classList.remove('dragging');
  if (ev.dataTransfer && ev.dataTransfer.files.length) {
    ev.preventDefault();
    openFile(ev.dataTransfer.files[0]);
  }
});

// Custom stopwords re-run the analysis.
$('stopwords').addEventListener('input', () => {
  if (input.value) scheduled();
});

// Share links.
$('share').addEventListener('click', async () => {
  const out = $('share-url');
  try {
    const fragment = await encodeShare({ text: input.value, stopwords: stopwords() });
    const url = new URL(location.href);
    url.hash = fragment;
    out.value = url.href;
    out.hidden = false;
    out.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(url.href);
      copied = true;
    } catch {
      // No clipboard permission (or file://): the selected field lets the reader copy it.
    }
    setStatus('done', `${copied ? 'Link copied' : 'Link ready below'} (${Math.ceil(url.href.length / 1024)} KB). It contains the text itself.`);
  } catch (err) {
    setStatus('error', `No link: ${err && err.message ? err.message : err}.`);
  }
});

async function openShared() {
  try {
    const shared = await decodeShare(location.hash);
    if (!shared) return false;
    input.value = shared.text;
    $('stopwords').value = shared.stopwords.join(' ');
    if (shared.stopwords.length) $('more').open = true;
    setNotice('This text came from the link itself (after the “#”); nothing was downloaded.');
    run();
    return true;
  } catch (err) {
    setNotice(`This link could not be read: ${err && err.message ? err.message : err}.`);
    return false;
  }
}
window.addEventListener('hashchange', openShared);

// Exports.
function baseName() {
  const title = state.analysis && state.analysis.metadata && state.analysis.metadata.title;
  const slug = String(title || 'text').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `whosaid-${slug || 'text'}`;
}
/** The full result: the page holds only a view (see worker-core.js), the worker the rest. */
async function fullAnalysis() {
  if (!state.analysis) return state.analysis;
  setStatus('busy', 'Preparing the export…');
  const full = await analyser.full(state.request);
  if (!full) {
    setStatus('error', 'The whole result could not be prepared, so this export holds only the part shown on the page.');
    return state.analysis;
  }
  setStatus('done', 'Export ready.');
  return full;
}
$('export-json').addEventListener('click', async () => {
  const analysis = await fullAnalysis();
  if (analysis) download(`${baseName()}.json`, JSON.stringify(analysis, null, 2), 'application/json');
});
for (const table of ['sentences', 'sources', 'keywords']) {
  $(`export-csv-${table}`).addEventListener('click', async () => {
    const analysis = await fullAnalysis();
    if (analysis) download(`${baseName()}-${table}.csv`, csvTables(state.text, analysis)[table], 'text/csv');
  });
}

// Theme: auto (the system's), light or dark; remembered on this device only.
const THEMES = ['auto', 'light', 'dark'];
function applyTheme(theme) {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  const b = $('theme');
  b.textContent = `Theme: ${theme}`;
  b.title = `Colour theme: ${theme === 'auto' ? 'auto follows the system' : theme}. Press to change.`;
}
function storedTheme() {
  try {
    return localStorage.getItem('whosaid-theme');
  } catch {
    return null;
  }
}
let theme = THEMES.includes(storedTheme()) ? storedTheme() : 'auto';
applyTheme(theme);
$('theme').addEventListener('click', () => {
  theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
  applyTheme(theme);
  try {
    localStorage.setItem('whosaid-theme', theme);
  } catch {
    // Private modes may refuse storage; the toggle still works for this visit.
  }
});

clearViews();
setStatus('loading', 'Loading the analyser…');
openShared().then((opened) => {
  if (!opened && num(input.value.length)) scheduled();
});
