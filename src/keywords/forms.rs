//! The surface forms of every stem group, tallied while the groups are counted: the ranked
//! terms and the per-source lists name thousands of groups, and a pass of their own over the
//! tokens (or over each group's occurrences, scattered across the text) costs more than the
//! tally in the counting pass, which already reads each token and its group's record.

use std::ops::Range;

use super::counts::possessive_len;
use super::tokens;

/// The tallies of the surface forms of all groups.
pub(super) struct Forms {
    /// The most frequent form of each group so far (the first one seen until another
    /// overtakes it): most occurrences of a word are written one way, so most tallies compare
    /// one record, held in a flat table.
    first: Vec<Form>,
    /// The other forms of each group.
    others: Vec<Vec<Form>>,
}

/// One surface form of a group and its tally.
#[derive(Clone)]
struct Form {
    /// Its byte range in the text.
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

/// The form of a group with no tally yet; its length is no form's, so nothing matches it.
const UNSEEN: Form = Form {
    start: 0,
    len: u32::MAX,
    packed: [0; 2],
    weight: 0,
    occ: 0,
};

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

/// The first eight bytes and the last eight beyond them of the `len` bytes at `start` of
/// `text` (zero-padded): with the length, all of a form up to sixteen bytes, read with two
/// loads rather than a copy of each byte. Most forms lie eight bytes or more from the end of the
/// text and take no branch.
#[inline(always)]
fn pack(text: &[u8], start: usize, len: usize) -> [u64; 2] {
    let end = start + len;
    // The last eight bytes, from the form's start on when it is shorter.
    let last = end.saturating_sub(8).max(start);
    match (text.get(start..start + 8), text.get(last..last + 8)) {
        (Some(head), Some(tail)) => {
            let head = tokens::word_at(head, 0, 0);
            let head = if len >= 8 {
                head
            } else {
                head & ((1u64 << (8 * len)) - 1)
            };
            let tail = tokens::word_at(tail, 0, 0);
            [head, if len > 8 { tail } else { 0 }]
        }
        _ => {
            let tail = if len > 8 {
                tokens::word_at(text, end - 8, 0)
            } else {
                0
            };
            [tokens::head_at(text, start, len, 0), tail]
        }
    }
}

/// [`possessive_len`] of `text[start..end]`, read as one word where the form has four bytes
/// before it in the text, without a branch on its last letter (plural nouns end in "s" too often
/// for a guess to pay).
#[inline(always)]
fn possessive(text: &[u8], start: usize, end: usize) -> usize {
    let n = end.saturating_sub(start);
    match end.checked_sub(4).and_then(|i| text.get(i..end)) {
        Some(last) => {
            let last = u32::from_le_bytes([last[0], last[1], last[2], last[3]]);
            let straight = (last >> 16 == u32::from(u16::from_le_bytes(*b"'s"))) & (n >= 2);
            let curly = (last == u32::from_le_bytes([0xE2, 0x80, 0x99, b's'])) & (n >= 4);
            2 * straight as usize + 4 * curly as usize
        }
        None => possessive_len(text.get(start..end).unwrap_or_default()),
    }
}

impl Forms {
    /// Empty tallies for `groups` groups.
    pub fn new(groups: usize) -> Forms {
        Forms {
            first: vec![UNSEEN; groups],
            others: vec![Vec::new(); groups],
        }
    }

    /// Counts the form `text[form]` (without a possessive) of occurrence `occ` of group `g`, a
    /// token or a part of one, with `weight`. Occurrences come in text order, so that ties
    /// between forms go to the earliest.
    #[inline(always)]
    pub fn add(&mut self, g: usize, text: &[u8], form: Range<usize>, weight: u32, occ: u32) {
        let (a, b) = (form.start, form.end);
        let len = b.saturating_sub(a) - possessive(text, a, b);
        let packed = pack(text, a, len);
        let Some(first) = self.first.get_mut(g) else {
            return;
        };
        let same = (first.packed[0] == packed[0])
            & (first.packed[1] == packed[1])
            & (first.len as usize == len)
            && (len <= 16 || first.is(text, a, len, packed));
        first.weight += weight * same as u32;
        if !same {
            let form = Form {
                start: a as u32,
                len: len as u32,
                packed,
                weight,
                occ,
            };
            self.add_other(g, text, form);
        }
    }

    /// Counts `form` of group `g`, which is not the group's first form.
    #[cold]
    fn add_other(&mut self, g: usize, text: &[u8], form: Form) {
        let (Some(first), Some(others)) = (self.first.get_mut(g), self.others.get_mut(g)) else {
            return;
        };
        if first.weight == 0 {
            *first = form;
            return;
        }
        let (start, len) = (form.start as usize, form.len as usize);
        match others
            .iter()
            .position(|f| f.is(text, start, len, form.packed))
        {
            Some(j) => {
                // A form moves ahead of a less frequent one, so that the frequent forms are
                // found first (the order does not decide the best form).
                let (before, from) = others.split_at_mut(j);
                let other = &mut from[0];
                other.weight += form.weight;
                let ahead = before.last_mut().unwrap_or(first);
                if other.weight > ahead.weight {
                    std::mem::swap(other, ahead);
                }
            }
            None => others.push(form),
        }
    }

    /// The most frequent form of group `g`; ties go to the earliest.
    pub fn best<'t>(&self, g: u32, text: &'t str) -> &'t str {
        let (Some(first), Some(others)) = (self.first.get(g as usize), self.others.get(g as usize))
        else {
            return "";
        };
        std::iter::once(first)
            .chain(others)
            .filter(|f| f.weight > 0)
            .max_by(|a, b| a.weight.cmp(&b.weight).then(b.occ.cmp(&a.occ)))
            .and_then(|f| text.get(f.start as usize..(f.start + f.len) as usize))
            .unwrap_or("")
    }
}
