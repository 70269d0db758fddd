//! The one pass over the bytes of a sentence that the cue rules start from: its word spans, the
//! few words shaped like a phrase opener or a cue verb form, and its first long dash.
//!
//! This is the only part of attribution that reads every byte of the text, so it is a byte
//! loop with table lookups; the rules then look at a handful of candidate words per sentence
//! instead of all of them.

use std::sync::OnceLock;

/// The words of one sentence, in a buffer reused from sentence to sentence.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// Word spans relative to the sentence: runs of alphanumeric characters and `_`.
    pub spans: Vec<(usize, usize)>,
    /// Indices into `spans`, in order, of every word shaped like a phrase opener (a superset:
    /// the phrase rules test each one exactly).
    pub openers: Vec<usize>,
    /// Indices into `spans`, in order, of every word shaped like a cue verb form (a superset).
    pub verbs: Vec<usize>,
    /// Byte offset of the first long dash (`―` or `—`), which may open a signature.
    pub long_dash: Option<usize>,
}

/// True for the ASCII bytes that belong to a word: letters, digits and `_`.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// For each first letter and word length (folded to lower case), a bit per last letter that
/// some phrase opener has (bits 0 to 25) and that some cue verb form has (bits 32 to 57).
fn shapes() -> &'static [[u64; 32]; 26] {
    static SHAPES: OnceLock<[[u64; 32]; 26]> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut shapes = [[0u64; 32]; 26];
        let verbs = crate::cues::form_shapes();
        for (first, row) in shapes.iter_mut().enumerate() {
            for (len, bits) in row.iter_mut().enumerate() {
                let opener = super::phrases::OPENER_SHAPES[first].get(len).copied();
                *bits = u64::from(opener.unwrap_or(0)) | u64::from(verbs[first][len]) << 32;
            }
        }
        shapes
    })
}

/// The shape bits of the word `w`: bit 0 when it may be a phrase opener, bit 32 when it may be
/// a cue verb form.
#[inline]
fn shape(shapes: &[[u64; 32]; 26], w: &[u8]) -> u64 {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return 0;
    };
    let (first, last) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
    if w.len() >= 32 || !first.is_ascii_lowercase() || !last.is_ascii_lowercase() {
        return 0;
    }
    (shapes[usize::from(first - b'a')][w.len()] >> (last - b'a')) & (1 | 1 << 32)
}

/// `0x01` in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of `bytes` from `i` as one little-endian word, when there are eight.
#[inline]
pub(super) fn eight(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..i.checked_add(8)?)?;
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    Some(u64::from_le_bytes(word))
}

/// Per byte of `x` (every byte ASCII), `0x80` where the byte lies in `lo..=hi`. With every byte
/// below `0x80`, no sum carries into the next byte.
#[inline]
pub(super) fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x + ONES * u64::from(0x80 - lo);
    let above_hi = x + ONES * u64::from(0x7F - hi);
    at_least_lo & !above_hi & HIGH
}

/// Per byte of `x`, `0x80` where the byte is `c`.
#[inline]
pub(super) fn is_byte(x: u64, c: u8) -> u64 {
    let t = x ^ (ONES * u64::from(c));
    !(((t & !HIGH) + !HIGH) | t) & HIGH
}

/// Per byte of `x` (every byte ASCII), `0x80` where the byte belongs to a word (letter, digit
/// or `_`).
#[inline]
fn word_bytes(x: u64) -> u64 {
    // Setting bit 5 folds capitals onto small letters and moves no other byte into a-z.
    in_range(x | (ONES * 0x20), b'a', b'z') | in_range(x, b'0', b'9') | is_byte(x, b'_')
}

/// Walks eight bytes at `at` whose mask `inside` has `0x80` in each byte that belongs to a run
/// (a word, a token): each change between inside and outside opens a run in `open` or closes
/// it, and a closed run is handed to `close` as a byte range.
#[inline]
pub(super) fn runs(
    inside: u64,
    at: usize,
    open: &mut Option<usize>,
    mut close: impl FnMut(usize, usize),
) {
    let before = if open.is_some() { 0x80 } else { 0 };
    let mut changes = inside ^ (inside << 8 | before);
    while changes != 0 {
        let i = at + (changes.trailing_zeros() / 8) as usize;
        match open.take() {
            Some(start) => close(start, i),
            None => *open = Some(i),
        }
        changes &= changes - 1;
    }
}

/// Scans `body` into `out` (cleared first).
pub(super) fn scan(body: &str, out: &mut Words) {
    out.spans.clear();
    out.openers.clear();
    out.verbs.clear();
    out.long_dash = None;
    let shapes = shapes();
    let bytes = body.as_bytes();
    // The word that ends at `end` is recorded with its shape.
    let push = |out: &mut Words, start: usize, end: usize| {
        let bits = shape(shapes, &bytes[start..end]);
        if bits != 0 {
            if bits & 1 != 0 {
                out.openers.push(out.spans.len());
            }
            if bits >> 32 != 0 {
                out.verbs.push(out.spans.len());
            }
        }
        out.spans.push((start, end));
    };
    // Where the current word started, if the last byte read was in a word.
    let mut word: Option<usize> = None;
    let mut i = 0usize;
    while i < bytes.len() {
        // Eight ASCII bytes at a time: the word bytes as a mask, and each change between word
        // and non-word bytes starts or ends a word.
        if let Some(x) = eight(bytes, i) {
            if x & HIGH == 0 {
                runs(word_bytes(x), i, &mut word, |start, end| {
                    push(out, start, end)
                });
                i += 8;
                continue;
            }
        }
        // One character at a time near non-ASCII characters and in the last bytes.
        let b = bytes[i];
        let (is_word, len) = if b < 0x80 {
            (ASCII_WORD[usize::from(b)], 1)
        } else if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
            // U+2000 to U+203F (curly quotes, dashes, spaces), the most common non-ASCII
            // characters of news, hold no letter or digit: no Unicode table lookup.
            (false, 3)
        } else {
            let c = body.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if is_word {
            word.get_or_insert(i);
        } else {
            if let Some(start) = word.take() {
                push(out, start, i);
            }
            // "—" is E2 80 94 and "―" E2 80 95.
            if out.long_dash.is_none()
                && b == 0xE2
                && bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0x94 | 0x95))
            {
                out.long_dash = Some(i);
            }
        }
        i += len;
    }
    if let Some(start) = word {
        push(out, start, bytes.len());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn general_punctuation_has_no_word_characters() {
        for c in '\u{2000}'..='\u{203F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert_eq!(c.len_utf8(), 3);
        }
    }
}
