// DOM helpers. User text only ever becomes a Text node here (createTextNode / textContent); no
// HTML string is ever parsed, so nothing in an article can turn into markup.

/**
 * Creates an element. `attrs` values are set with setAttribute (or as a boolean property for
 * `hidden`/`disabled`); children may be nodes, strings (made into text nodes), null or arrays.
 */
export function h(tag, attrs = null, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'hidden' || k === 'disabled') el[k] = Boolean(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

/** Creates an SVG element with attributes (never with user text as markup). */
export function svg(tag, attrs = null) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Appends children: nodes as they are, anything else as a text node. */
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

/** Removes every child and appends the new ones. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A number if `v` is a finite number, else null: schema fields may be missing or renamed. */
export function num(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A share (0..1) as a percentage with one decimal, or '' when missing. */
export function pct(v) {
  const n = num(v);
  return n === null ? '' : `${(n * 100).toFixed(1)} %`;
}

/** A number with at most `digits` decimals, or '' when missing. */
export function fmt(v, digits = 1) {
  const n = num(v);
  if (n === null) return '';
  return Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(digits);
}

/** An array if `v` is one, else an empty array. */
export function arr(v) {
  return Array.isArray(v) ? v : [];
}

/** A string if `v` is one, else ''. */
export function str(v) {
  return typeof v === 'string' ? v : '';
}

/** Returns a function that calls `fn` once `ms` have passed without a new call. */
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), typeof ms === 'function' ? ms() : ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
