//! The one pass over the bytes of a sentence that the cue rules start from: its word spans, the
//! few words shaped like a phrase opener or a cue verb, and its first long dash.
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
    /// Indices into `spans`, in order, of every word that may open a phrase cue or be a cue
    /// verb form (a superset: the rules test each one exactly).
    pub candidates: Vec<usize>,
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

/// When a word character starts at byte `i` of `body`, its length in bytes. ASCII bytes are
/// looked up in a table; other characters are decoded (they are rare in English news).
#[inline]
fn word_char_at(body: &str, i: usize) -> Option<usize> {
    let b = body.as_bytes()[i];
    if b < 0x80 {
        ASCII_WORD[usize::from(b)].then_some(1)
    } else {
        let c = body.get(i..)?.chars().next()?;
        c.is_alphanumeric().then(|| c.len_utf8())
    }
}

/// For each first letter and word length, a bit per last letter (all folded to lower case) that
/// some phrase opener or cue verb form has.
fn shapes() -> &'static [[u32; 32]; 26] {
    static SHAPES: OnceLock<[[u32; 32]; 26]> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut shapes = *crate::cues::form_shapes();
        for (first, row) in super::phrases::OPENER_SHAPES.iter().enumerate() {
            for (len, bits) in row.iter().enumerate() {
                shapes[first][len] |= bits;
            }
        }
        shapes
    })
}

/// True when the word `w` has the shape of a phrase opener or a cue verb form.
#[inline]
fn candidate(shapes: &[[u32; 32]; 26], w: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return false;
    };
    let (first, last) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
    w.len() < 32
        && first.is_ascii_lowercase()
        && last.is_ascii_lowercase()
        && shapes[usize::from(first - b'a')][w.len()] & (1 << (last - b'a')) != 0
}

/// Scans `body` into `out` (cleared first).
pub(super) fn scan(body: &str, out: &mut Words) {
    out.spans.clear();
    out.candidates.clear();
    out.long_dash = None;
    let shapes = shapes();
    let bytes = body.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        // Spaces and punctuation between words.
        if b < 0x80 && !ASCII_WORD[usize::from(b)] {
            i += 1;
            continue;
        }
        let Some(n) = word_char_at(body, i) else {
            // A character that is not a word character; "—" is E2 80 94 and "―" E2 80 95.
            if out.long_dash.is_none()
                && b == 0xE2
                && bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0x94 | 0x95))
            {
                out.long_dash = Some(i);
            }
            // Continuation bytes never start a character.
            i += 1;
            while i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
                i += 1;
            }
            continue;
        };
        let start = i;
        i += n;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !ASCII_WORD[usize::from(b)] {
                    break;
                }
                i += 1;
            } else {
                match word_char_at(body, i) {
                    Some(n) => i += n,
                    None => break,
                }
            }
        }
        if candidate(shapes, &bytes[start..i]) {
            out.candidates.push(out.spans.len());
        }
        out.spans.push((start, i));
    }
}
