//! The surface forms of the stem groups: how their occurrences are written, tallied so that
//! each group is shown the way the text mostly writes it.

use super::super::tokens::{self, Token, SENTENCE_START};
use super::PART_SHIFT;

/// The surface forms of a group's occurrences, tallied in any order. The first form seen is
/// kept in place, the others apart: most occurrences of a word are written one way, and most
/// tallies then compare one record.
#[derive(Default)]
pub(super) struct FormTally {
    /// The first form; none while its weight is 0.
    first: Form,
    others: Vec<Form>,
}

/// One surface form of a group and its tally.
#[derive(Default)]
struct Form {
    /// Its byte range in the text (only read for a form longer than sixteen bytes, see
    /// [`Form::is`]: a shorter one may have been tallied from other bytes spelled alike).
    start: u32,
    len: u32,
    /// Its bytes, packed (see [`pack`]): comparing these rather than the text keeps a tally
    /// from reading the text back at the form's first occurrence, far behind, for every later
    /// occurrence.
    packed: [u64; 2],
    weight: u32,
    /// The first occurrence.
    occ: u32,
}

impl Form {
    /// Whether this is the form `text[start..start + len]`, whose packed bytes are `packed`.
    fn is(&self, text: &[u8], start: usize, len: usize, packed: [u64; 2]) -> bool {
        self.packed == packed
            && self.len as usize == len
            && (len <= 16
                || text.get(self.start as usize..self.start as usize + len)
                    == text.get(start..start + len))
    }
}

/// The first eight bytes and the last eight of `text[start..end]` (zero-padded; the two overlap
/// in a form shorter than sixteen bytes): with the length, all of a form up to sixteen bytes,
/// read with two loads rather than a copy of each byte.
fn pack(text: &[u8], start: usize, end: usize) -> [u64; 2] {
    let n = end - start;
    let tail = if n > 8 {
        tokens::word_at(text, end - 8, 0)
    } else {
        0
    };
    [tokens::head_at(text, start, n, 0), tail]
}

impl FormTally {
    /// Counts the form `text[a..b]` (the text of occurrence `occ`, a token `t` or a part of
    /// it); a capital at the start of a sentence counts half.
    pub fn add(&mut self, text: &[u8], (a, b): (usize, usize), t: &Token, occ: u32) {
        self.add_weighted(text, a..b, token_weight(t), occ);
    }

    /// Counts `weight` for the form `text[range]`, first seen at occurrence `occ`: a token or
    /// part, or the tokens spelled alike of which `occ` is the first. A form of at most sixteen
    /// bytes may come from any bytes spelled like it rather than from the text (see [`Form`]).
    pub fn add_weighted(
        &mut self,
        text: &[u8],
        range: std::ops::Range<usize>,
        weight: u32,
        occ: u32,
    ) {
        let len = range.len() - possessive_len(text.get(range.clone()).unwrap_or_default());
        self.add_form(text, range.start, len, weight, occ);
    }

    /// Counts `weight` for the form `text[a..a + len]`, first seen at occurrence `occ`. The
    /// calls need not come in text order: a form keeps the earliest occurrence it is given.
    fn add_form(&mut self, text: &[u8], a: usize, len: usize, weight: u32, occ: u32) {
        let packed = pack(text, a, a + len);
        if self.first.weight == 0 {
            self.first = Form {
                start: a as u32,
                len: len as u32,
                packed,
                weight,
                occ,
            };
        } else if self.first.is(text, a, len, packed) {
            self.first.weight += weight;
            self.first.occ = earlier(self.first.occ, occ);
        } else {
            match self.others.iter().position(|f| f.is(text, a, len, packed)) {
                Some(j) => {
                    // A form moves ahead of a less frequent one, so that the frequent forms
                    // are found first (the order does not decide the best form).
                    let (before, from) = self.others.split_at_mut(j);
                    let form = &mut from[0];
                    form.weight += weight;
                    form.occ = earlier(form.occ, occ);
                    let ahead = before.last_mut().unwrap_or(&mut self.first);
                    if form.weight > ahead.weight {
                        std::mem::swap(form, ahead);
                    }
                }
                None => self.others.push(Form {
                    start: a as u32,
                    len: len as u32,
                    packed,
                    weight,
                    occ,
                }),
            }
        }
    }

    /// The most frequent form (ties go to the earliest); an empty one when there is none.
    pub fn best(&self) -> Spelling {
        std::iter::once(&self.first)
            .chain(&self.others)
            .filter(|f| f.weight > 0)
            .max_by(|a, b| a.weight.cmp(&b.weight).then(b.occ.cmp(&a.occ)))
            .map(|f| Spelling {
                packed: f.packed,
                start: f.start,
                len: f.len,
            })
            .unwrap_or_default()
    }
}

/// A surface form as [`FormTally::best`] gives it. Up to sixteen bytes it is its packed bytes
/// (see [`pack`]), so that naming a group reads nothing of the text, far apart for the
/// thousands of groups the by-source lists name; a longer one is its byte range in the text.
#[derive(Clone, Copy, Default)]
pub(super) struct Spelling {
    packed: [u64; 2],
    start: u32,
    len: u32,
}

impl Spelling {
    /// Its text: unpacked into `buf`, or a slice of `text` if longer (empty if out of range).
    pub fn text<'t>(&self, text: &'t str, buf: &'t mut [u8; 16]) -> &'t str {
        let len = self.len as usize;
        if len > 16 {
            let start = self.start as usize;
            return text.get(start..start + len).unwrap_or_default();
        }
        buf[..8].copy_from_slice(&self.packed[0].to_le_bytes());
        if len > 8 {
            buf[len - 8..len].copy_from_slice(&self.packed[1].to_le_bytes());
        }
        std::str::from_utf8(&buf[..len]).unwrap_or_default()
    }
}

/// The weight of a token's form in a [`FormTally`]: a capital at the start of a sentence
/// counts half.
pub(super) fn token_weight(t: &Token) -> u32 {
    2 - (t.flags & SENTENCE_START != 0) as u32
}

/// Of two occurrences, the one met first going through the tokens in order and each token's
/// parts after it.
fn earlier(x: u32, y: u32) -> u32 {
    // Rotating the part number below the token index orders occurrences that way.
    let key = |o: u32| o.rotate_left(32 - PART_SHIFT);
    if key(y) < key(x) {
        y
    } else {
        x
    }
}

/// The length of a possessive "'s" or "’s" that ends `form`, else 0.
pub(in crate::keywords) fn possessive_len(form: &[u8]) -> usize {
    // Most words do not end in "s": one test settles them.
    if form.last() != Some(&b's') {
        0
    } else if form.ends_with(b"'s") {
        2
    } else if form.ends_with("’s".as_bytes()) {
        "’s".len()
    } else {
        0
    }
}
