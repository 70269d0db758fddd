// The expected page content, computed at test time from the same core the page runs: the wasm
// in www/pkg, loaded in Node. The browser tests then check that the page shows exactly what the
// core found, so a legitimate change in the core's output does not break them, while any
// mistake in how the page draws, counts, sorts or formats a result still does.
//
// The formatting rules here are the page's specification (one decimal for shares, the colour
// ranking, the legend order), written out independently of www/ so they check it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

let core = null;

/** The core's result for `text` (schema v1), from the wasm the page uses. */
export async function coreAnalyze(text, options = {}) {
  if (!core) {
    const glue = await import(join(ROOT, 'www', 'pkg', 'whosaid.js'));
    glue.initSync({ module: readFileSync(join(ROOT, 'www', 'pkg', 'whosaid_bg.wasm')) });
    core = glue;
  }
  return core.analyze(text, options);
}

/** A share (0..1) as the page prints it: one decimal and a spaced percent sign. */
export const pct = (v) => `${(v * 100).toFixed(1)} %`;
/** A count or measure as the page prints it: integers grouped, others with one decimal. */
export const fmt = (v, digits = 1) => (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(digits));

/** Colour classes: the non-vague sources with sentences, most sentences first, get c0..c7. */
export function colourClasses(analysis) {
  const ranked = analysis.sources
    .filter((s) => s.kind !== 'vague' && s.sentences.length > 0)
    .sort((a, b) => b.sentences.length - a.sentences.length || a.id - b.id);
  const classes = new Map();
  ranked.forEach((s, rank) => classes.set(s.id, rank < 8 ? `c${rank}` : 'c-other'));
  for (const s of analysis.sources) if (s.kind === 'vague') classes.set(s.id, 'c-vague');
  return classes;
}

/** The colour class and the form class of every sentence. */
export function sentenceClasses(analysis) {
  const classes = colourClasses(analysis);
  return analysis.sentences.map(({ attribution: a }) => {
    if (!a) return ['c-none', 'f-none'];
    let colour;
    if (!a.source || a.source.kind === 'vague') colour = 'c-vague';
    else colour = classes.get(a.source.entity) ?? 'c-other';
    const form = a.continued ? 'f-continued' : a.form === 'direct' ? 'f-direct' : a.form === 'mixed' ? 'f-mixed' : 'f-indirect';
    return [colour, form];
  });
}

/** Everything the page should show for `text`, derived from the core's `analysis`. */
export function expectedViews(text, analysis) {
  const classes = colourClasses(analysis);
  const perSentence = sentenceClasses(analysis);
  const count = (cls) => perSentence.filter(([c]) => c === cls).length;
  const legend = analysis.sources
    .filter((s) => /^c\d$/.test(classes.get(s.id) ?? ''))
    .sort((a, b) => Number(classes.get(a.id).slice(1)) - Number(classes.get(b.id).slice(1)))
    .map((s) => `${s.name} ${s.sentences.length}`);
  if (count('c-other')) legend.push(`Other sources ${count('c-other')}`);
  legend.push(`Vague source ${count('c-vague')}`, `Not attributed ${count('c-none')}`);

  const { stats } = analysis;
  const plural = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;
  const metaCounts = [
    plural(stats.words, 'word', 'words'),
    plural(stats.sentences, 'sentence', 'sentences'),
    plural(stats.paragraphs, 'paragraph', 'paragraphs'),
    plural(analysis.sources.length, 'source', 'sources'),
  ].join(' · ');

  // The sources table starts sorted by sentences, most first; ties keep the core's order.
  const sourceRows = analysis.sources
    .map((s, n) => ({ s, n }))
    .sort((x, y) => y.s.sentences.length - x.s.sentences.length || x.n - y.n)
    .map(({ s }) => [s.name, s.kind, fmt(s.mentions), fmt(s.sentences.length), fmt(s.directQuotes), pct(s.share)]);

  // The keywords table lists `top` in rank order; terms and phrases supply the other columns.
  const kw = analysis.keywords;
  const keywordRows = kw.top.map((k) => {
    const full = k.kind === 'term' ? kw.terms.find((t) => t.text === k.text) : kw.phrases.find((p) => p.text === k.text && p.kind === k.kind);
    const perThousand = full && typeof full.perThousand === 'number' ? full.perThousand : (k.count * 1000) / stats.words;
    return {
      cells: [k.text, fmt(k.count), fmt(perThousand, 1), full ? fmt(full.sentences) : ''],
      spans: full ? full.spans : [],
    };
  });

  return {
    sentences: analysis.sentences.map((s) => text.slice(s.start, s.end)),
    classes: perSentence,
    legend,
    shares: [
      `Attributed to a source: ${pct(stats.attributed)}`,
      `Vague source: ${pct(stats.vague)}`,
      `Not attributed: ${pct(stats.unattributed)}`,
    ],
    metaCounts,
    sourceRows,
    keywordRows,
  };
}

/** The line under the sources table when source `id` is selected: its characteristic terms. */
export function sourceKeywordsLine(analysis, id) {
  const source = analysis.sources.find((s) => s.id === id);
  const own = analysis.keywords.bySource.find((k) => k.source === id);
  const terms = own ? own.terms : [];
  return `${source.name}: ${terms.length ? terms.map((t) => `${t.text} (${fmt(t.count)})`).join(', ') : 'no keywords in its sentences.'}`;
}
