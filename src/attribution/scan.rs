//! What the cue rules start from: the few words of a sentence shaped like a phrase opener or a
//! cue verb form, and its first long dash.
//!
//! They come from the keyword stage's tokens ([`TokenScan`]), which are cut once for the whole
//! analysis: a table lookup per token, where a pass over the bytes ([`scan`], kept for text
//! past 4 GiB, which has no tokens) cost a few lookups per eight bytes. The rules then look at
//! a handful of candidate words per sentence instead of all of them, and read the words next
//! to a candidate from the bytes ([`joined_word`]) rather than from a list of every word.

use crate::bytes::{eight, in_range, is_byte, HIGH, ONES};
use std::sync::OnceLock;

mod tokens;
pub(super) use tokens::TokenScan;

/// The candidate words of one sentence, in buffers reused from sentence to sentence. A word is a
/// run of alphanumeric characters and `_`; spans are relative to the sentence.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// The spans, in order, of every word shaped like a phrase opener (a superset: the phrase
    /// rules test each one exactly).
    pub openers: Vec<(usize, usize)>,
    /// The spans, in order, of every word shaped like a cue verb form, small first and last
    /// letters included (a superset).
    pub verbs: Vec<(usize, usize)>,
    /// Byte offset of the first long dash (`―` or `—`), which may open a signature.
    pub long_dash: Option<usize>,
}

impl Words {
    /// Records the word `bytes[start..end]` if it is shaped like a candidate. Inlined into the
    /// scan's loop: it runs for every word of the text.
    #[inline(always)]
    fn push(&mut self, shapes: &Shapes, bytes: &[u8], start: usize, end: usize) {
        let bits = shape(shapes, bytes.get(start..end).unwrap_or(&[]));
        if bits != 0 {
            if bits as u32 != 0 {
                self.openers.push((start, end));
            }
            if bits >> 32 != 0 {
                self.verbs.push((start, end));
            }
        }
    }
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

/// The shapes of the phrase openers and cue verb forms, as tables indexed by a word's bytes.
/// Openers are matched in any case, cue verb forms in lower case only (as they are written).
struct Shapes {
    /// Row 1 to 26 for a first byte that is a small letter, 27 to 52 for a capital, row 0 for
    /// any other byte.
    row: [u8; 256],
    /// Per row and word length, a bit per last letter that some phrase opener has (bits 0 to
    /// 25) and, in the rows of small letters, that some cue verb form has (bits 32 to 57). Row
    /// 0 is empty.
    bits: [[u64; 32]; 53],
    /// Per last byte: the bit of its letter (any case) in the openers' half, and of a small
    /// letter in the verbs' half; 0 for any other byte.
    last: [u64; 256],
}

/// For each first letter and word length (folded to lower case), the last letters that some
/// phrase opener or cue verb form has.
fn shapes() -> &'static Shapes {
    static SHAPES: OnceLock<Shapes> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut shapes = Shapes {
            row: [0; 256],
            bits: [[0; 32]; 53],
            last: [0; 256],
        };
        let verbs = crate::cues::form_shapes();
        for (first, verbs) in verbs.iter().enumerate() {
            for (len, &verbs) in verbs.iter().enumerate() {
                let opener = super::phrases::OPENER_SHAPES[first].get(len).copied();
                let opener = u64::from(opener.unwrap_or(0));
                shapes.bits[1 + first][len] = opener | u64::from(verbs) << 32;
                shapes.bits[27 + first][len] = opener;
            }
        }
        for b in 0..=255u8 {
            let k = b.to_ascii_lowercase().wrapping_sub(b'a');
            if b.is_ascii_lowercase() {
                shapes.row[usize::from(b)] = k + 1;
                shapes.last[usize::from(b)] = 1 << k | 1 << (32 + k);
            } else if b.is_ascii_uppercase() {
                shapes.row[usize::from(b)] = k + 27;
                shapes.last[usize::from(b)] = 1 << k;
            }
        }
        shapes
    })
}

/// The shape bits of the word `w`: some of bits 0 to 25 when it may be a phrase opener, some of
/// bits 32 to 57 when it may be a cue verb form. Three table lookups, no branch on the letters.
#[inline(always)]
fn shape(shapes: &Shapes, w: &[u8]) -> u64 {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return 0;
    };
    if w.len() >= 32 {
        return 0;
    }
    shapes.bits[usize::from(shapes.row[usize::from(first)])][w.len()]
        & shapes.last[usize::from(last)]
}

/// Per byte of `x` (every byte ASCII), `0x80` where the byte belongs to a word (letter, digit
/// or `_`).
#[inline]
fn word_bytes(x: u64) -> u64 {
    // Setting bit 5 folds capitals onto small letters and moves no other byte into a-z.
    in_range(x | (ONES * 0x20), b'a', b'z') | in_range(x, b'0', b'9') | is_byte(x, b'_')
}

/// Walks eight bytes at `at` whose mask `inside` has `0x80` in each byte that belongs to a run
/// (a word, a token): each run that closes in them is handed to `close` as a byte range, and a
/// run still open at their end is kept in `open`. Starts and ends are taken as two masks and
/// paired in order, since they alternate.
#[inline(always)]
pub(super) fn runs(
    inside: u64,
    at: usize,
    open: &mut Option<usize>,
    mut close: impl FnMut(usize, usize),
) {
    let before = (inside << 8) | if open.is_some() { 0x80 } else { 0 };
    let mut starts = inside & !before;
    let mut ends = !inside & before & HIGH;
    let byte = |mask: u64| at + (mask.trailing_zeros() / 8) as usize;
    while ends != 0 {
        let start = match open.take() {
            Some(start) => start,
            None => {
                let start = byte(starts);
                starts &= starts - 1;
                start
            }
        };
        close(start, byte(ends));
        ends &= ends - 1;
    }
    if starts != 0 {
        *open = Some(byte(starts));
    }
}

/// How far into a quotation the scan still reads words: the rules skip every cue that starts
/// strictly inside a quotation, but a possessive cue ("’s comments") starts at the mark before
/// its "s", which may be the quotation's opening mark (at most three bytes), and a quotation
/// clipped to the sentence may start with a word.
const QUOTE_HEAD: usize = 4;

/// Scans `body`, the sentence that starts at byte `offset` of the text, into `out` (cleared
/// first). `quotes` are the sentence's quotations (in the text's offsets, disjoint, sorted):
/// the words that start inside one past [`QUOTE_HEAD`] are skipped, since no cue they start
/// counts; a phrase cue that starts there cannot reach a word past the closing mark, which is
/// no space, so it could not hide a cue outside either.
pub(super) fn scan(body: &str, offset: usize, quotes: &[(usize, usize)], out: &mut Words) {
    out.openers.clear();
    out.verbs.clear();
    out.long_dash = None;
    let shapes = shapes();
    let bytes = body.as_bytes();
    // Where the current word started, if the last byte read was in a word.
    let mut word: Option<usize> = None;
    let mut i = 0usize;
    // The quotations ahead, relative to the body, and where the scan may jump over the next.
    let mut quotes = quotes
        .iter()
        .map(|&(a, b)| (a.saturating_sub(offset), b.saturating_sub(offset)));
    let mut quote = quotes.next();
    let mut skip_at = quote.map_or(usize::MAX, |q| q.0 + QUOTE_HEAD);
    while i < bytes.len() {
        // Past the head of a quotation and between words: jump to its end, and past the rest
        // of a word that runs on across it. Only the long dash is still looked for.
        if i >= skip_at && word.is_none() {
            if let Some((_, end)) = quote.filter(|q| q.1 > i) {
                if out.long_dash.is_none() {
                    out.long_dash = long_dash(bytes, i, end.min(bytes.len()));
                }
                i = if word_ends_at(body, end) {
                    word_end(body, end)
                } else {
                    end
                };
            }
            quote = quotes.next();
            skip_at = quote.map_or(usize::MAX, |q| q.0 + QUOTE_HEAD);
            continue;
        }
        // Eight ASCII bytes at a time: the word bytes as a mask, and each change between word
        // and non-word bytes starts or ends a word.
        if let Some(x) = eight(bytes, i) {
            if x & HIGH == 0 {
                runs(word_bytes(x), i, &mut word, |start, end| {
                    out.push(shapes, bytes, start, end)
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
                out.push(shapes, bytes, start, i);
            }
            if out.long_dash.is_none() && is_long_dash(bytes, i) {
                out.long_dash = Some(i);
            }
        }
        i += len;
    }
    if let Some(start) = word {
        out.push(shapes, bytes, start, bytes.len());
    }
}

/// True for a character of a word: a letter, a digit or `_`. The general punctuation block
/// (curly quotes and dashes, which end most quotations) needs no Unicode table lookup.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        ASCII_WORD[c as usize]
    } else {
        !('\u{2000}'..='\u{203F}').contains(&c) && c.is_alphanumeric()
    }
}

/// The span of the word after the word of `body` that ends at `end`, when only spaces separate
/// the two: a phrase cue is a run of words joined by spaces.
pub(super) fn joined_word(body: &str, end: usize) -> Option<(usize, usize)> {
    let bytes = body.as_bytes();
    let mut start = end;
    while bytes.get(start) == Some(&b' ') {
        start += 1;
    }
    if start == end {
        return None;
    }
    let end = word_end(body, start);
    (end > start).then_some((start, end))
}

/// Where the run of word characters of `body` from `at` ends: a byte loop over ASCII word
/// bytes, characters only past a non-ASCII byte.
fn word_end(body: &str, at: usize) -> usize {
    let bytes = body.as_bytes();
    let mut end = at;
    while let Some(&b) = bytes.get(end) {
        if b < 0x80 {
            if !ASCII_WORD[usize::from(b)] {
                break;
            }
            end += 1;
        } else {
            match body.get(end..).and_then(|r| r.chars().next()) {
                Some(c) if is_word_char(c) => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    end
}

/// True when a long dash (`―` or `—`, E2 80 94 and E2 80 95) starts at byte `at`.
fn is_long_dash(bytes: &[u8], at: usize) -> bool {
    matches!(bytes.get(at..at + 3), Some([0xE2, 0x80, 0x94 | 0x95]))
}

/// The first long dash in `bytes[from..to]` (a range of whole characters): eight bytes at a
/// time, testing only the bytes E2.
fn long_dash(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let mut i = from;
    while i + 8 <= to {
        let mut lead = eight(bytes, i).map_or(0, |x| is_byte(x, 0xE2));
        while lead != 0 {
            let at = i + (lead.trailing_zeros() / 8) as usize;
            if is_long_dash(bytes, at) {
                return Some(at);
            }
            lead &= lead - 1;
        }
        i += 8;
    }
    (i..to).find(|&at| is_long_dash(bytes, at))
}

/// True when the character of `body` before `at` belongs to a word: a word ends at `at`.
pub(super) fn word_ends_at(body: &str, at: usize) -> bool {
    body.get(..at)
        .and_then(|b| b.chars().next_back())
        .is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inside a quotation only the head's words are kept, and the first long dash is found in
    /// the skipped bytes too.
    #[test]
    fn quotations_are_skipped_but_their_dashes_are_not() {
        let body = "He said: \"they said, it was said — so it was said\" as said";
        let (a, b) = (body.find('"').unwrap(), body.rfind('"').unwrap() + 1);
        let mut words = Words::default();
        scan(body, 10, &[(10 + a, 10 + b)], &mut words);
        let said = |words: &Words| -> Vec<usize> {
            let said = words.verbs.iter().filter(|v| &body[v.0..v.1] == "said");
            said.map(|v| v.0).collect()
        };
        // Past the head, the words of a quotation are dropped at the first eight-byte step.
        assert_eq!(said(&words), [3, 15, body.len() - 4]);
        assert_eq!(words.long_dash, body.find('—'));
        scan(body, 0, &[], &mut words);
        assert_eq!(said(&words).len(), 5);
    }

    #[test]
    fn general_punctuation_has_no_word_characters() {
        for c in '\u{2000}'..='\u{203F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert_eq!(c.len_utf8(), 3);
        }
    }
}
