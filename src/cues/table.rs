//! The cue verb forms in one flat table keyed by the form's bytes packed into an integer. The
//! cue rules ask about a quarter of the words of a text, almost all of them no form: a probe of
//! a small array answers in a few instructions where hashing a string for a `HashMap` cost more
//! than the rest of the check.

use super::Strength;
use crate::bytes::sixteen;

/// What the lexicon knows about one inflected form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Form {
    /// The verb's lemma.
    pub lemma: &'static str,
    /// How strongly the verb reports.
    pub strength: Strength,
    /// True for the bare and "-s" forms of a lemma that is also a common noun
    /// ([`super::noun_like`]), decided once when the table is built.
    pub noun_like: bool,
}

/// The longest form the table holds: the last byte of a packed key is the length.
pub(super) const LONGEST: usize = 15;
/// log2 of the number of slots: four times as many slots as forms keeps probes short.
const BITS: u32 = 12;

/// An open-addressing table of packed forms; a zero key marks an empty slot.
pub(super) struct Table {
    keys: Vec<u128>,
    forms: Vec<Option<Form>>,
}

/// `word`'s bytes and length as one integer, when it is short enough to be a form.
#[inline]
fn pack(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > LONGEST {
        return None;
    }
    // The bytes in little-endian order and the length in the top byte, which a form of at
    // most fifteen bytes leaves free; loaded without a copy of unknown length.
    let (lo, hi) = sixteen(word);
    Some(u128::from(lo) | u128::from(hi) << 64 | (word.len() as u128) << 120)
}

#[inline]
fn slot(key: u128) -> usize {
    let x = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x.wrapping_mul(0xFF51_AFD7_ED55_8CCD) >> (64 - BITS)) as usize
}

impl Table {
    /// The table of `forms`, each with its lemma and strength (all of them lower-case ASCII of
    /// at most [`LONGEST`] bytes, which a test checks).
    pub(super) fn new<'a>(
        forms: impl Iterator<Item = (&'a str, (&'static str, Strength))>,
        noun_like: impl Fn(&str, &str) -> bool,
    ) -> Table {
        let mut table = Table {
            keys: vec![0; 1 << BITS],
            forms: vec![None; 1 << BITS],
        };
        let mask = (1 << BITS) - 1;
        for (word, (lemma, strength)) in forms {
            let Some(key) = pack(word.as_bytes()) else {
                continue;
            };
            let mut i = slot(key);
            while table.keys[i] != 0 && table.keys[i] != key {
                i = (i + 1) & mask;
            }
            table.keys[i] = key;
            table.forms[i] = Some(Form {
                lemma,
                strength,
                noun_like: noun_like(word, lemma),
            });
        }
        table
    }

    /// The form spelt exactly `word` (lower case), if it is one.
    #[inline]
    pub(super) fn get(&self, word: &[u8]) -> Option<Form> {
        let key = pack(word)?;
        let mask = self.keys.len() - 1;
        let mut i = slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.forms[i];
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}
