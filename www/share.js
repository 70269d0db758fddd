// Share links with no server: the text (and the custom stopwords) go compressed into the URL
// fragment, which browsers never send to a server. Format: `#v1=` + base64url(deflate-raw(JSON)).

/** The fragment prefix; a new format gets a new version. */
export const PREFIX = '#v1=';
/** Links longer than this are refused: chat apps and mail clients cut long URLs. */
export const MAX_FRAGMENT = 64 * 1024;

async function pipe(bytes, stream) {
  const out = await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer();
  return new Uint8Array(out);
}

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The fragment for {text, stopwords}, or throws when it would be over MAX_FRAGMENT. */
export async function encodeShare(state) {
  const json = JSON.stringify({ text: String(state.text ?? ''), stopwords: state.stopwords ?? [] });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  const fragment = PREFIX + toBase64Url(packed);
  if (fragment.length > MAX_FRAGMENT) {
    throw new Error(`this text makes a ${Math.ceil(fragment.length / 1024)} KB link, over the ${MAX_FRAGMENT / 1024} KB limit; use Export instead`);
  }
  return fragment;
}

/** {text, stopwords} from a fragment, null when it is not a share link, or throws when broken. */
export async function decodeShare(hash) {
  if (!hash || !hash.startsWith(PREFIX)) return null;
  if (hash.length > MAX_FRAGMENT) throw new Error('the link is longer than a share link can be');
  const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
  const data = JSON.parse(new TextDecoder().decode(bytes));
  if (!data || typeof data.text !== 'string') throw new Error('the link holds no text');
  const stopwords = Array.isArray(data.stopwords) ? data.stopwords.filter((w) => typeof w === 'string').slice(0, 1000) : [];
  return { text: data.text, stopwords };
}
