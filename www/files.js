// Reading dropped or opened files, and building downloads. HTML files are reduced to their text
// with DOMParser, whose documents are inert: no script runs and nothing is fetched.

import { arr, str, num } from './dom.js';

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'X-STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG', 'MATH', 'HEAD']);

/**
 * Renames what the browser would check against the page's CSP while parsing (inline event
 * handlers, style attributes, <style> elements). The parsed document is inert, so none of them
 * could run anyway; renaming them keeps the console free of (blocked) CSP reports.
 */
function defuse(html) {
  return html
    .replace(/<(\/?)style\b/gi, '<$1x-style')
    .replace(/([\s/"'])(on[a-z]+|style)(\s*=)/gi, '$1data-defused-$2$3');
}

/** The readable text of an HTML document: blocks become paragraphs, scripts and styles vanish. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(defuse(html), 'text/html');
  const out = [];
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out.push(c.data.replace(/\s+/g, ' '));
      else if (c.nodeType === 1) {
        const tag = c.tagName.toUpperCase();
        if (SKIP.has(tag)) continue;
        const block = BLOCKS.has(tag);
        if (block) out.push('\n\n');
        walk(c);
        if (block) out.push('\n\n');
      }
    }
  };
  const title = str(doc.title).trim();
  if (title && !doc.querySelector('h1')) out.push(title, '\n\n');
  if (doc.body) walk(doc.body);
  return out
    .join('')
    .split(/\n{2,}/)
    .map((p) => p.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Decodes file bytes as UTF-8. Returns {text, replaced}: `replaced` is true when invalid bytes
 * were turned into U+FFFD.
 */
export function decodeUtf8(bytes) {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), replaced: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), replaced: true };
  }
}

/** Reads a File: {text, notice}. HTML is reduced to text; other types are read as text. */
export async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let { text, replaced } = decodeUtf8(bytes);
  text = text.replace(/^\uFEFF/, '');
  const name = str(file.name);
  const isHtml = /\.x?html?$/i.test(name) || /html/i.test(str(file.type));
  const notes = [];
  if (isHtml) {
    text = htmlToText(text);
    notes.push(`“${name}” is HTML: only its text was kept.`);
  }
  if (replaced) notes.push(`“${name}” is not valid UTF-8: unreadable bytes are shown as �.`);
  return { text, notice: notes.join(' ') };
}

/** Starts a download of `content` under `filename`. */
export function download(filename, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** One CSV cell: quoted, and neutralised when a spreadsheet would read it as a formula. */
export function csvCell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r']/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180 says). */
export function toCsv(rows) {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** CSV tables of the analysis: sentences, sources and keywords. */
export function csvTables(text, analysis) {
  const sources = arr(analysis.sources);
  const nameOf = (m) => {
    if (!m) return '';
    const e = num(m.entity);
    return (e !== null && sources[e] && str(sources[e].name)) || str(m.text);
  };
  const sentences = [['index', 'paragraph', 'start', 'end', 'text', 'form', 'source', 'source_kind', 'relay', 'cue', 'continued', 'rule']];
  arr(analysis.sentences).forEach((s, i) => {
    const a = s.attribution;
    sentences.push([
      i, s.paragraph, s.start, s.end, text.slice(s.start, s.end),
      a ? a.form : '', a ? nameOf(a.source) : '', a && a.source ? a.source.kind : '',
      a ? arr(a.via).map(nameOf).join(' > ') : '', a && a.cue ? a.cue.text : '',
      a ? Boolean(a.continued) : '', a ? a.rule : '',
    ]);
  });
  const src = [['id', 'name', 'kind', 'mentions', 'sentences', 'direct_quotes', 'share', 'descriptors']];
  for (const s of sources) src.push([s.id, s.name, s.kind, s.mentions, arr(s.sentences).length, s.directQuotes, s.share, arr(s.descriptors).join('; ')]);
  const kw = [['keyword', 'kind', 'count', 'per_thousand', 'sentences', 'dispersion', 'score']];
  const k = analysis.keywords || {};
  for (const t of arr(k.terms)) kw.push([t.text, 'term', t.count, t.perThousand, t.sentences, t.dispersion, t.score]);
  for (const p of arr(k.phrases)) kw.push([p.text, str(p.kind) || 'phrase', p.count, p.perThousand, p.sentences, p.dispersion, p.score]);
  return { sentences: toCsv(sentences), sources: toCsv(src), keywords: toCsv(kw) };
}
