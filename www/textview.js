// The text view: every sentence of the input, highlighted by its source, with the cue and the
// source mention marked inside it; plus the legend and the sentence detail panel.
//
// Colour is never the only signal: the border style gives the form (solid: direct quote, dashed:
// paraphrase, dotted: carried over), vague sources are hatched, the author's own voice is plain.

import { h, append, replaceChildren, arr, str, num } from './dom.js';
import { explainRule, explainForm } from './rules.js';

/** How many sources get their own colour; the rest share a neutral one. */
export const PALETTE_SIZE = 8;
/** Sentences drawn in the text view; beyond this the view says how many were left out. */
export const MAX_RENDERED_SENTENCES = 4000;

/**
 * Assigns each source a style class: the sources with the most sentences get the distinct
 * colours, vague sources are hatched. Returns a Map from source id to class name.
 */
export function sourceClasses(sources) {
  const classes = new Map();
  const ranked = arr(sources)
    // Sources that are only relays (no sentences of their own) need no colour.
    .filter((s) => s && s.kind !== 'vague' && arr(s.sentences).length > 0)
    .slice()
    .sort((a, b) => arr(b.sentences).length - arr(a.sentences).length || (num(a.id) ?? 0) - (num(b.id) ?? 0));
  ranked.forEach((s, rank) => classes.set(s.id, rank < PALETTE_SIZE ? `c${rank}` : 'c-other'));
  for (const s of arr(sources)) if (s && s.kind === 'vague') classes.set(s.id, 'c-vague');
  return classes;
}

/** The style class of one sentence's attribution. */
export function sentenceClass(attribution, classes) {
  if (!attribution) return 'c-none';
  const src = attribution.source;
  // A reporting phrase without a named source ("it is reported that") counts as vague, as in
  // the core's shares.
  if (!src || src.kind === 'vague') return 'c-vague';
  if (src && num(src.entity) !== null && classes.has(src.entity)) return classes.get(src.entity);
  return 'c-other';
}

/** The form class: dotted for carried over wins over the quote form. */
export function formClass(attribution) {
  if (!attribution) return 'f-none';
  if (attribution.continued) return 'f-continued';
  if (attribution.form === 'direct') return 'f-direct';
  if (attribution.form === 'mixed') return 'f-mixed';
  return 'f-indirect';
}

/** The canonical source name of an attribution, falling back to the mention as written. */
export function sourceName(attribution, sources) {
  if (!attribution || !attribution.source) return '';
  const e = num(attribution.source.entity);
  const s = e !== null ? arr(sources)[e] : null;
  return str(s && s.name) || str(attribution.source.text);
}

/** Splits [start, end) at every mark boundary and returns text nodes and marked spans. */
function markedPieces(text, start, end, marks) {
  const inside = marks
    .map((m) => ({ s: Math.max(start, m.start), e: Math.min(end, m.end), cls: m.cls }))
    .filter((m) => m.e > m.s);
  const cuts = new Set([start, end]);
  for (const m of inside) {
    cuts.add(m.s);
    cuts.add(m.e);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const cls = inside.filter((m) => m.s <= a && m.e >= b).map((m) => m.cls);
    out.push(cls.length ? h('span', { class: [...new Set(cls)].join(' ') }, piece) : document.createTextNode(piece));
  }
  return out;
}

/** The marks inside one sentence: quotes, source mention, relays, cue. */
function marksOf(attribution) {
  if (!attribution) return [];
  const marks = [];
  const add = (span, cls) => {
    if (span && num(span.start) !== null && num(span.end) !== null) marks.push({ start: span.start, end: span.end, cls });
  };
  for (const q of arr(attribution.quotes)) add(q, 'm-quote');
  add(attribution.source, 'm-source');
  for (const v of arr(attribution.via)) add(v, 'm-via');
  add(attribution.cue, 'm-cue');
  return marks;
}

/** A short description of a sentence, used as its tooltip and accessible description. */
export function describe(attribution, sources) {
  if (!attribution) return 'Author’s own voice (not attributed)';
  const name = sourceName(attribution, sources) || 'an unnamed source';
  return `${name}: ${explainForm(attribution).toLowerCase()}`;
}

/** ' headline' / ' byline' for the first lines the core recognised as such, else ''. */
function headlineClass(analysis, text, s, i) {
  const meta = analysis.metadata || {};
  if (i > 2) return '';
  const line = text.slice(s.start, s.end);
  if (i === 0 && str(meta.title) && line === meta.title) return ' headline';
  if (str(meta.byline) && line.includes(meta.byline) && /^by\b/i.test(line)) return ' byline';
  return '';
}

/**
 * Renders the text view into `root` and returns the sentence elements (index = sentence index;
 * missing when beyond the rendering cap).
 */
export function renderText(root, text, analysis, marked = []) {
  // Extra marks (a selected keyword's occurrences: [start0, end0, start1, ...] in text order),
  // consumed sentence by sentence.
  let next = 0;
  const sentences = arr(analysis.sentences);
  const sources = arr(analysis.sources);
  const classes = sourceClasses(sources);
  const els = [];
  const frag = document.createDocumentFragment();
  let para = null;
  let paraIndex = null;
  let prevEnd = null;
  const shown = Math.min(sentences.length, MAX_RENDERED_SENTENCES);
  for (let i = 0; i < shown; i++) {
    const s = sentences[i];
    const start = num(s.start) ?? 0;
    const end = num(s.end) ?? start;
    if (para === null || s.paragraph !== paraIndex) {
      para = h('p', { role: 'group', class: `para${headlineClass(analysis, text, s, i)}` });
      frag.appendChild(para);
      paraIndex = s.paragraph;
    } else if (prevEnd !== null && start > prevEnd) {
      // The original spacing between sentences of one paragraph (pre-wrap keeps line breaks).
      para.appendChild(document.createTextNode(text.slice(prevEnd, start)));
    }
    const a = s.attribution ?? null;
    const el = h('span', {
      class: `sent ${sentenceClass(a, classes)} ${formClass(a)}`,
      role: 'option',
      'aria-selected': 'false',
      tabindex: i === 0 ? '0' : '-1',
      'data-i': i,
      title: describe(a, sources),
    });
    const marks = marksOf(a);
    while (next < marked.length && marked[next + 1] <= start) next += 2;
    for (let k = next; k < marked.length && marked[k] < end; k += 2) marks.push({ start: marked[k], end: marked[k + 1], cls: 'm-kw' });
    append(el, markedPieces(text, start, end, marks));
    para.appendChild(el);
    els.push(el);
    prevEnd = end;
  }
  const total = num(analysis.view && analysis.view.sentences) ?? sentences.length;
  if (total > shown) {
    frag.appendChild(
      h('p', { class: 'cap-note' }, `${(total - shown).toLocaleString('en')} more sentences are not drawn here to keep the page fast; the tables and exports cover the whole text.`),
    );
  }
  root.replaceChildren(frag);
  root.setAttribute('role', 'listbox');
  root.setAttribute('aria-label', `Analysed text, ${total} sentences`);
  return els;
}

/** Renders the legend: one entry per coloured source, then vague and unattributed, then forms. */
export function renderLegend(root, analysis, onSource) {
  const sentences = arr(analysis.sentences);
  const sources = arr(analysis.sources);
  const classes = sourceClasses(sources);
  const counts = new Map();
  const view = analysis.view;
  if (view) {
    // A big result arrives as a view: the counts of the sentences not sent come with it.
    counts.set('c-none', num(view.none) ?? 0);
    counts.set('c-vague', num(view.vague) ?? 0);
    let coloured = 0;
    for (const s of sources) if (/^c\d$/.test(classes.get(s.id) ?? '')) coloured += arr(s.sentences).length;
    counts.set('c-other', Math.max(0, (num(view.sentences) ?? 0) - coloured - counts.get('c-none') - counts.get('c-vague')));
  } else {
    for (const s of sentences) {
      const cls = sentenceClass(s.attribution ?? null, classes);
      counts.set(cls, (counts.get(cls) ?? 0) + 1);
    }
  }
  const items = [];
  const coloured = sources
    .filter((s) => classes.get(s.id)?.match(/^c\d$/))
    .sort((a, b) => classes.get(a.id).localeCompare(classes.get(b.id), 'en', { numeric: true }));
  for (const s of coloured) {
    const n = arr(s.sentences).length;
    items.push(
      h('li', null,
        h('button', { type: 'button', class: `legend-item ${classes.get(s.id)}`, 'data-source': s.id, 'aria-pressed': 'false' },
          h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('span', { class: 'lname' }, str(s.name) || '(unnamed)'), ' ', h('span', { class: 'count' }, String(n)))),
    );
  }
  const other = counts.get('c-other') ?? 0;
  if (other) items.push(h('li', null, h('span', { class: 'legend-item c-other' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('span', { class: 'lname' }, 'Other sources'), ' ', h('span', { class: 'count' }, String(other)))));
  items.push(h('li', null, h('span', { class: 'legend-item c-vague' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('span', { class: 'lname' }, 'Vague source'), ' ', h('span', { class: 'count' }, String(counts.get('c-vague') ?? 0)))));
  items.push(h('li', null, h('span', { class: 'legend-item c-none' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('span', { class: 'lname' }, 'Not attributed'), ' ', h('span', { class: 'count' }, String(counts.get('c-none') ?? 0)))));

  const forms = h('ul', { class: 'forms', 'aria-label': 'Border styles' },
    h('li', null, h('span', { class: 'form-key f-direct', 'aria-hidden': 'true' }), 'direct quote'),
    h('li', null, h('span', { class: 'form-key f-indirect', 'aria-hidden': 'true' }), 'paraphrase'),
    h('li', null, h('span', { class: 'form-key f-mixed', 'aria-hidden': 'true' }), 'mixed'),
    h('li', null, h('span', { class: 'form-key f-continued', 'aria-hidden': 'true' }), 'carried over'),
    h('li', null, h('span', { class: 'm-source' }, 'source'), ' ', h('span', { class: 'm-cue' }, 'cue'), ' ', h('span', { class: 'm-via' }, 'relay')),
  );
  replaceChildren(root, h('ul', { class: 'sources-key', 'aria-label': 'Sentences per source' }, items), forms);
  root.onclick = (ev) => {
    const b = ev.target.closest('button[data-source]');
    if (b) onSource(Number(b.dataset.source));
  };
}

/** Renders the detail panel for sentence `i` (or the empty state). */
export function renderDetail(root, text, analysis, i, onSource) {
  const sentences = arr(analysis && analysis.sentences);
  const s = sentences[i];
  if (!s) {
    replaceChildren(root, h('p', { class: 'empty' }, 'No sentence selected.'));
    return;
  }
  const sources = arr(analysis.sources);
  const a = s.attribution ?? null;
  const rows = [];
  const row = (label, ...value) => rows.push(h('dt', null, label), h('dd', null, ...value));
  const span = (sp) => (sp && num(sp.start) !== null ? text.slice(sp.start, sp.end) : '');

  row('Sentence', `${i + 1} of ${sentences.length}, paragraph ${(num(s.paragraph) ?? 0) + 1}`);
  if (!a) {
    row('Attribution', 'None: the author’s own voice. No reporting word, quotation or earlier source covers this sentence.');
  } else {
    const src = a.source;
    const e = src ? num(src.entity) : null;
    const source = e !== null ? sources[e] : null;
    if (src) {
      const name = sourceName(a, sources);
      const value = [h('span', { class: 'd-source' }, name), ` (${str(src.kind) || 'unknown kind'})`];
      if (source) {
        value.push(' ', h('button', { type: 'button', class: 'linkish', 'data-source': source.id }, 'highlight its sentences'));
      }
      row('Source', ...value);
      if (str(src.text) && str(src.text) !== name) row('As written', h('q', null, str(src.text)));
      if (source && arr(source.descriptors).length) row('Described as', arr(source.descriptors).join('; '));
    } else {
      row('Source', 'None named (a sourceless reporting phrase)');
    }
    const via = arr(a.via);
    row('Relay', via.length ? via.map((v) => `${str(v.text)}${v.kind ? ` (${v.kind})` : ''}`).join(' → ') : 'none');
    row('Cue', a.cue ? h('span', { class: 'd-cue' }, str(a.cue.text) || span(a.cue)) : 'none');
    row('Form', explainForm(a));
    const quotes = arr(a.quotes);
    row('Quotes', quotes.length ? h('ul', { class: 'quotes' }, quotes.map((q) => h('li', null, span(q)))) : 'none');
    row('Why', h('span', { class: 'd-rule' }, explainRule(a.rule)), ' ', h('code', null, str(a.rule)));
  }
  const dl = h('dl', null, rows);
  replaceChildren(root, h('blockquote', { class: 'd-text' }, text.slice(num(s.start) ?? 0, num(s.end) ?? 0)), dl);
  root.onclick = (ev) => {
    const b = ev.target.closest('button[data-source]');
    if (b) onSource(Number(b.dataset.source));
  };
}

