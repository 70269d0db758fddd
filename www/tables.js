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

/**
 * Rows of the keywords table: the ranked `top` list, joined with `terms` / `phrases` for the
 * fields `top` lacks; per-1,000 and sentence counts are derived from spans when missing.
 */
export function keywordRows(analysis) {
  const kw = (analysis && analysis.keywords) || {};
  const words = num(analysis && analysis.stats && analysis.stats.words) ?? 0;
  const sentences = arr(analysis && analysis.sentences);
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
    const spans = arr(full.spans).filter((s) => s && num(s.start) !== null && num(s.end) !== null);
    const count = num(full.count) ?? (spans.length || null);
    let perThousand = num(full.perThousand);
    if (perThousand === null && count !== null && words > 0) perThousand = (count * 1000) / words;
    let sents = num(full.sentences);
    if (sents === null && spans.length && sentences.length) {
      sents = new Set(spans.map((s) => sentenceAt(sentences, s.start))).size;
    }
    return {
      rank,
      text: str(full.text),
      kind,
      count,
      perThousand,
      sentences: sents,
      dispersion: num(full.dispersion),
      spans,
    };
  });
}

/** A dispersion strip: a tick wherever the keyword occurs along the text (200 bins at most). */
export function dispersionStrip(spans, length) {
  const BINS = 200;
  const s = svg('svg', { viewBox: `0 0 ${BINS} 10`, preserveAspectRatio: 'none', class: 'strip', role: 'img', 'aria-label': `${spans.length} occurrences across the text` });
  s.appendChild(svg('rect', { x: 0, y: 0, width: BINS, height: 10, class: 'strip-bg' }));
  const len = Math.max(1, length);
  const bins = new Set(spans.map((sp) => Math.min(BINS - 1, Math.floor((sp.start / len) * BINS))));
  for (const b of bins) s.appendChild(svg('rect', { x: b, y: 0, width: 1.2, height: 10, class: 'tick' }));
  return s;
}

/** Keyword-in-context lines for one keyword row; `sort` is 'position', 'left' or 'right'. */
export function kwicLines(text, row, sort = 'position', width = 48) {
  const lines = row.spans.map((sp, n) => {
    const left = text.slice(Math.max(0, sp.start - width), sp.start).replace(/\s+/g, ' ');
    const right = text.slice(sp.end, sp.end + width).replace(/\s+/g, ' ');
    return { n, start: sp.start, left, hit: text.slice(sp.start, sp.end), right };
  });
  const word = (s, fromEnd) => {
    const ws = s.trim().split(' ');
    return (fromEnd ? ws[ws.length - 1] : ws[0])?.toLowerCase() ?? '';
  };
  if (sort === 'left') lines.sort((a, b) => word(a.left, true).localeCompare(word(b.left, true), 'en') || a.n - b.n);
  if (sort === 'right') lines.sort((a, b) => word(a.right, false).localeCompare(word(b.right, false), 'en') || a.n - b.n);
  return lines;
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
    lines.slice(0, 500).map((l) =>
      h('li', null, h('button', { type: 'button', class: 'kwic-line', 'data-start': l.start },
        h('span', { class: 'kl' }, l.left), h('mark', { class: 'kh' }, l.hit), h('span', { class: 'kr' }, l.right)))));
  list.addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-start]');
    if (b) onJump(Number(b.dataset.start));
  });
  replaceChildren(root,
    h('div', { class: 'kwic-head' }, h('h3', null, '“', row.text, '” in context'), ' ', h('label', { for: 'kwic-sort' }, 'Sort by '), select),
    list,
    lines.length > 500 ? h('p', { class: 'note' }, `First 500 of ${lines.length} lines.`) : null);
}
