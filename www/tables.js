// The summary bar, the sources table, the keywords table (with dispersion strips) and the KWIC
// lines. Fields the schema may not have yet (dispersion, per-1,000 for phrases, ...) show blank or
// are derived from what is there.

import { h, svg, replaceChildren, arr, str, num, pct, fmt } from './dom.js';

/** Renders the attributed / vague / unattributed bar and the counts under it. */
export function renderSummary(analysis) {
  const stats = (analysis && analysis.stats) || {};
  const bar = document.getElementById('share-bar');
  const parts = [
    ['attributed', 'Attributed to a source'],
    ['vague', 'Vague source'],
    ['unattributed', 'Not attributed'],
  ];
  for (const [key] of parts) {
    // Widths go through the CSSOM (allowed by the CSP), never through a style attribute.
    bar.querySelector(`.seg-${key}`).style.setProperty('--w', String(num(stats[key]) ?? 0));
  }
  bar.setAttribute('aria-label', parts.map(([k, label]) => `${label} ${pct(stats[k]) || '0 %'}`).join(', '));
  replaceChildren(
    document.getElementById('shares'),
    parts.map(([k, label]) => h('li', { class: `share share-${k}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${label}: `, h('strong', null, pct(stats[k]) || '0.0 %'))),
  );
  const meta = (analysis && analysis.metadata) || {};
  const bits = [];
  if (str(meta.title)) bits.push(h('span', { class: 'm-title' }, str(meta.title)));
  if (str(meta.byline)) bits.push(h('span', null, `by ${str(meta.byline)}`));
  if (str(meta.date)) bits.push(h('span', null, str(meta.date)));
  const count = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;
  bits.push(
    h('span', null, [
      count(num(stats.words) ?? 0, 'word', 'words'),
      count(num(stats.sentences) ?? 0, 'sentence', 'sentences'),
      count(num(stats.paragraphs) ?? 0, 'paragraph', 'paragraphs'),
      count(arr(analysis && analysis.sources).length, 'source', 'sources'),
    ].join(' · ')),
  );
  replaceChildren(document.getElementById('meta'), bits.flatMap((b, i) => (i ? [' — ', b] : [b])));
}

/** Compares two cell values: numbers numerically, text by locale; missing values last. */
function compare(a, b, dir) {
  const missA = a === null || a === undefined || a === '';
  const missB = b === null || b === undefined || b === '';
  if (missA || missB) return missA === missB ? 0 : missA ? 1 : -1;
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { sensitivity: 'base', numeric: true });
  return dir === 'ascending' ? c : -c;
}

/**
 * Makes a table sortable by its header buttons. `state.rows` holds the data; `renderRow(row)`
 * returns a <tr>. Returns `refresh()` to redraw after the rows change.
 */
export function sortableTable(table, state, renderRow, initial) {
  const headers = [...table.querySelectorAll('thead th')];
  let key = initial.key;
  let dir = initial.dir;
  for (const th of headers) {
    if (th.querySelector('button')) continue;
    const label = th.textContent;
    const b = h('button', { type: 'button', class: 'sort' }, label, h('span', { class: 'arrow', 'aria-hidden': 'true' }));
    th.replaceChildren(b);
    b.addEventListener('click', () => {
      const k = th.dataset.key;
      if (k === key) dir = dir === 'ascending' ? 'descending' : 'ascending';
      else {
        key = k;
        dir = th.dataset.type === 'num' ? 'descending' : 'ascending';
      }
      refresh();
    });
  }
  const body = table.tBodies[0];
  function refresh() {
    for (const th of headers) {
      if (th.dataset.key === key) th.setAttribute('aria-sort', dir);
      else th.removeAttribute('aria-sort');
    }
    const rows = state.rows
      .map((r, n) => ({ r, n }))
      .sort((x, y) => compare(x.r[key], y.r[key], dir) || x.n - y.n)
      .map((x) => x.r);
    body.replaceChildren(...rows.map(renderRow));
    if (!rows.length) body.appendChild(h('tr', { class: 'empty-row' }, h('td', { colspan: headers.length }, state.empty ?? 'Nothing yet.')));
  }
  return refresh;
}

/** Rows of the sources table from the analysis. */
export function sourceRows(analysis) {
  return arr(analysis && analysis.sources).map((s) => ({
    id: s.id,
    name: str(s.name),
    kind: str(s.kind),
    mentions: num(s.mentions),
    sentences: arr(s.sentences).length,
    directQuotes: num(s.directQuotes),
    share: num(s.share),
    sentenceList: arr(s.sentences),
  }));
}

/** Index of the sentence containing UTF-16 offset `at` (binary search), or -1. */
export function sentenceAt(sentences, at) {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Typed arrays use the platform's byte order; the core writes little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The numbers of a buffer of little-endian u32s the core sent (see worker-core.js), as a
 * Uint32Array on the same bytes; empty when `bytes` is not such a buffer. */
export function u32s(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength % 4) return new Uint32Array(0);
  // A Uint32Array needs a 4-byte aligned start: the core's buffers start at 0, anything else is copied.
  const b = bytes.byteOffset % 4 ? bytes.slice() : bytes;
  if (LITTLE_ENDIAN) return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return Uint32Array.from({ length: b.byteLength / 4 }, (_, i) => dv.getUint32(4 * i, true));
}

/**
 * Every occurrence of a keyword of the view (a term or phrase, see worker-core.js), in text
 * order: `offsets` holds the UTF-16 start and end of each ([start0, end0, start1, ...]),
 * `sentences` the sentence index of each.
 */
export function occurrences(keyword) {
  const all = u32s(keyword && keyword.occurrences);
  const n = Math.floor(all.length / 3);
  return { count: n, offsets: all.subarray(0, 2 * n), sentences: all.subarray(2 * n, 3 * n) };
}

/** The characteristic terms of source `id` ({text, count}, best first) from the view's
 * `keywords.bySource` (see worker-core.js); null when it has no entry for that source. */
export function sourceTerms(keywords, id) {
  const by = (keywords && keywords.bySource) || {};
  const texts = str(by.texts);
  const numbers = u32s(by.numbers);
  let at = 0;
  for (let i = 0; i + 1 < numbers.length;) {
    const [source, n] = [numbers[i], numbers[i + 1]];
    const terms = [];
    for (let k = 0; k < n && i + 3 + 2 * k < numbers.length; k++) {
      const len = numbers[i + 2 + 2 * k];
      terms.push({ text: texts.slice(at, at + len), count: numbers[i + 3 + 2 * k] });
      at += len;
    }
    if (source === id) return terms;
    i += 2 + 2 * n;
  }
  return null;
}

/**
 * Rows of the keywords table: the ranked `top` list, joined with `terms` / `phrases` for the
 * fields `top` lacks; per-1,000 and sentence counts are derived from the occurrences when missing.
 */
export function keywordRows(analysis) {
  const kw = (analysis && analysis.keywords) || {};
  const words = num(analysis && analysis.stats && analysis.stats.words) ?? 0;
  const terms = arr(kw.terms);
  const phrases = arr(kw.phrases);
  const byKey = new Map();
  for (const t of terms) byKey.set(`term\u0000${t.text}`, t);
  // Phrases carry their own kind (`phrase` or `name`), the same word `top` uses for them.
  for (const p of phrases) byKey.set(`${str(p.kind) || 'phrase'}\u0000${p.text}`, p);
  let list = arr(kw.top);
  if (!list.length) list = [...terms.map((t) => ({ ...t, kind: 'term' })), ...phrases.map((p) => ({ ...p, kind: str(p.kind) || 'phrase' }))];
  return list.map((k, rank) => {
    const kind = str(k.kind) || 'term';
    const full = { ...(byKey.get(`${kind}\u0000${k.text}`) || {}), ...k };
    const occ = occurrences(full);
    const count = num(full.count) ?? (occ.count || null);
    let perThousand = num(full.perThousand);
    if (perThousand === null && count !== null && words > 0) perThousand = (count * 1000) / words;
    let sents = num(full.sentences);
    if (sents === null && occ.count) {
      // In text order, so each new sentence index differs from the one before.
      sents = 0;
      occ.sentences.forEach((s, i) => (sents += i === 0 || s !== occ.sentences[i - 1] ? 1 : 0));
    }
    return {
      rank,
      text: str(full.text),
      kind,
      count,
      perThousand,
      sentences: sents,
      dispersion: num(full.dispersion),
      occ,
    };
  });
}

/** A dispersion strip of `occ` (see `occurrences`): a tick wherever the keyword occurs along the
 * text (200 bins at most). */
export function dispersionStrip(occ, length) {
  const BINS = 200;
  const s = svg('svg', { viewBox: `0 0 ${BINS} 10`, preserveAspectRatio: 'none', class: 'strip', role: 'img', 'aria-label': `${occ.count} occurrences across the text` });
  s.appendChild(svg('rect', { x: 0, y: 0, width: BINS, height: 10, class: 'strip-bg' }));
  const len = Math.max(1, length);
  const hit = new Uint8Array(BINS);
  for (let i = 0; i < occ.offsets.length; i += 2) hit[Math.min(BINS - 1, Math.floor((occ.offsets[i] / len) * BINS))] = 1;
  hit.forEach((on, b) => on && s.appendChild(svg('rect', { x: b, y: 0, width: 1.2, height: 10, class: 'tick' })));
  return s;
}

/** Lines the KWIC block shows at most. */
export const KWIC_LINES = 500;

/**
 * The first `max` keyword-in-context lines of one keyword row, out of all its occurrences;
 * `sort` is 'position', 'left' (by the word before) or 'right' (by the word after).
 */
export function kwicLines(text, row, sort = 'position', width = 48, max = KWIC_LINES) {
  const { count, offsets } = row.occ;
  // Text order needs only the first lines; the other orders sort all of them first.
  const n = sort === 'position' ? Math.min(count, max) : count;
  const lines = [];
  for (let i = 0; i < n; i++) {
    const start = offsets[2 * i];
    const end = offsets[2 * i + 1];
    const left = text.slice(Math.max(0, start - width), start).replace(/\s+/g, ' ');
    const right = text.slice(end, end + width).replace(/\s+/g, ' ');
    lines.push({ n: i, start, left, hit: text.slice(start, end), right });
  }
  if (sort === 'left' || sort === 'right') {
    const word = sort === 'left' ? (l) => l.left.trim().split(' ').pop().toLowerCase() : (l) => l.right.trim().split(' ')[0].toLowerCase();
    // Tens of thousands of lines share a few thousand words: collate the distinct words once,
    // then sort the lines by their word's rank (ties in text order).
    const keys = lines.map(word);
    const collator = new Intl.Collator('en');
    const ranks = new Map();
    let r = 0;
    let prev = null;
    for (const w of [...new Set(keys)].sort(collator.compare)) {
      if (prev === null || collator.compare(prev, w) !== 0) r += 1;
      ranks.set(w, r);
      prev = w;
    }
    lines.sort((a, b) => ranks.get(keys[a.n]) - ranks.get(keys[b.n]) || a.n - b.n);
  }
  return lines.slice(0, max);
}

/** Renders the KWIC block for `row` (or a prompt when none is selected). */
export function renderKwic(root, text, row, sort, onJump, onSort) {
  if (!row) {
    replaceChildren(root, h('p', { class: 'empty' }, 'Select a keyword to see each occurrence in context.'));
    return;
  }
  const lines = kwicLines(text, row, sort);
  const select = h('select', { id: 'kwic-sort' },
    h('option', { value: 'position' }, 'text order'),
    h('option', { value: 'left' }, 'word before'),
    h('option', { value: 'right' }, 'word after'));
  select.value = sort;
  select.addEventListener('change', () => onSort(select.value));
  const list = h('ol', { class: 'kwic-lines' },
    lines.map((l) =>
      h('li', null, h('button', { type: 'button', class: 'kwic-line', 'data-start': l.start },
        h('span', { class: 'kl' }, l.left), h('mark', { class: 'kh' }, l.hit), h('span', { class: 'kr' }, l.right)))));
  list.addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-start]');
    if (b) onJump(Number(b.dataset.start));
  });
  replaceChildren(root,
    h('div', { class: 'kwic-head' }, h('h3', null, '“', row.text, '” in context'), ' ', h('label', { for: 'kwic-sort' }, 'Sort by '), select),
    list,
    row.occ.count > lines.length ? h('p', { class: 'note' }, `First ${lines.length} of ${row.occ.count} lines.`) : null);
}
