//! The closed word classes of the phrase rules (prepositions, auxiliaries, clause openers,
//! determiners …) as the bits of one hash table. A rule asks one lookup per word, folding
//! capitals as it reads, instead of lower-casing the word and matching it against each list in
//! turn: the rules run for every cue candidate and read each word several times.

use crate::bytes::{capitals, padded, sixteen, HIGH};
use std::sync::OnceLock;

/// The closed classes one word belongs to, and the two suffix classes of auxiliaries and
/// adverbs ("didn't", "firmly").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Class(u32);

/// Prepositions: the head of a phrase is the word before the first of them.
pub(crate) const PREPOSITION: u32 = 1 << 0;
/// Words that introduce a clause: the subject starts after the last of them.
pub(crate) const CLAUSE: u32 = 1 << 1;
/// Connectives that may open a clause before its subject ("But the minister said").
pub(crate) const CONNECTIVE: u32 = 1 << 2;
/// Words that cannot occur inside a source noun phrase (besides inflected cue verbs).
pub(crate) const BLOCKS: u32 = 1 << 3;
/// Auxiliaries and adverbs that may stand between a subject and its cue.
pub(crate) const AUX: u32 = 1 << 4;
/// The forms of "be" of a progressive ("is saying").
pub(crate) const PROGRESSIVE: u32 = 1 << 5;
/// Nouns and adjectives in "-ly" that are no adverbs.
const LY_WORD: u32 = 1 << 6;
/// Personal pronouns accepted as sources, except "it".
pub(crate) const PERSONAL: u32 = 1 << 7;
/// "it".
pub(crate) const IT: u32 = 1 << 8;
/// Determiners after which a lower-case noun may head a loose phrase ("the announcer").
pub(crate) const HEAD_DETERMINER: u32 = 1 << 9;
/// Determiners before a name of another phrase ("in the Guangzhou …").
pub(crate) const DETERMINER: u32 = 1 << 10;
/// Conjunctions and comparisons before a name of another phrase ("China and Europe").
pub(crate) const COORDINATOR: u32 = 1 << 11;
/// "and".
pub(crate) const AND: u32 = 1 << 12;
/// "&".
pub(crate) const AMPERSAND: u32 = 1 << 13;
/// Articles.
pub(crate) const ARTICLE: u32 = 1 << 14;
/// Words that may open an apposition besides lower-case words ("a", "who", "now" …).
pub(crate) const APPOSITION: u32 = 1 << 15;
/// "of" and "for", prepositions that may open an apposition ("MP for Y").
pub(crate) const OF_FOR: u32 = 1 << 16;
/// "who" and "which", clause openers that may open an apposition.
pub(crate) const WHO_WHICH: u32 = 1 << 17;
/// Determiners of a role noun vouched for by a name in apposition ("the lock keeper").
pub(crate) const ROLE_DETERMINER: u32 = 1 << 18;
/// A negated auxiliary ("didn't", "isn’t"): a suffix, not a list.
const NEGATED: u32 = 1 << 19;
/// An adverb in "-ly" of more than four letters: a suffix, not a list.
const LY_ADVERB: u32 = 1 << 20;
/// An ASCII word without capitals, which is its own lower-case form: a rule that needs that
/// form as text borrows the word instead of asking [`super::Token::lower`].
pub(crate) const PLAIN: u32 = 1 << 21;
/// An inflected cue verb form that shows a clause ([`super::blocks_as_verb`]): listed from the
/// cue lexicon when the table is built, so that the phrase rules need no second lookup.
pub(crate) const CLAUSE_VERB: u32 = 1 << 22;
/// Classes read by [`Class::of_short_ascii`], whose lexicon bits ([`CLAUSE_VERB`], [`TITLE`],
/// [`SOURCE_NOUN`]) are exact for the word in lower case.
pub(crate) const SHORT: u32 = 1 << 23;
/// A title or rank ([`crate::cues::is_title`]).
pub(crate) const TITLE: u32 = 1 << 24;
/// A noun that can head a source phrase ([`crate::cues::is_source_noun`]).
pub(crate) const SOURCE_NOUN: u32 = 1 << 25;
/// Conjunctions that join a second verb to the subject of a first ("X did Y and said …").
pub(crate) const CONJUNCTION: u32 = 1 << 26;

/// The lists behind the bits, in lower case.
const LISTS: &[(u32, &[&str])] = &[
    (
        PREPOSITION,
        &[
            "of", "at", "for", "from", "in", "on", "with", "to", "under", "within", "near",
            "between", "among", "behind", "by", "about", "during", "after", "before", "against",
            "into", "across",
        ],
    ),
    (
        CLAUSE,
        &[
            "that", "because", "while", "when", "as", "if", "but", "since", "although", "though",
            "where", "whereas", "until", "whether", "so", "once", "after", "before", "or", "nor",
            "yet", "unless", "why", "how", "what", "which",
        ],
    ),
    (
        CONNECTIVE,
        &[
            "and",
            "but",
            "so",
            "then",
            "also",
            "yet",
            "thus",
            "still",
            "now",
            "however",
            "therefore",
            "meanwhile",
            "moreover",
            "instead",
            "indeed",
            "furthermore",
            "besides",
            "later",
            "earlier",
            "separately",
            "finally",
        ],
    ),
    (
        BLOCKS,
        &[
            "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will",
            "would", "can", "could", "should", "may", "might", "must", "do", "does", "did", "not",
            "it", "there", "i", "we", "you", "me", "us", "him", "them", "if", "when", "because",
            "than", "what", "how", "why", "whether",
        ],
    ),
    (
        AUX,
        &[
            "has",
            "have",
            "had",
            "also",
            "now",
            "repeatedly",
            "further",
            "again",
            "previously",
            "recently",
            "once",
            "then",
            "later",
            "earlier",
            "already",
            "never",
            "often",
            "still",
            "did",
            "does",
            "do",
            "would",
            "will",
            "could",
            "might",
            "may",
            "should",
            "must",
            "can",
            "not",
            "always",
            "even",
            "just",
            "reportedly",
            "allegedly",
            "openly",
            "firmly",
            "strongly",
            "last",
            "week",
            "year",
            "month",
            "night",
            "today",
            "yesterday",
            "on",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "clearly",
            "flatly",
        ],
    ),
    (PROGRESSIVE, &["is", "was", "are", "were", "been", "be"]),
    (LY_WORD, &["only", "family", "daily", "ally"]),
    (PERSONAL, &["he", "she", "they", "who", "which"]),
    (IT, &["it"]),
    (
        HEAD_DETERMINER,
        &[
            "the", "a", "an", "his", "her", "their", "its", "one", "another", "this",
        ],
    ),
    (
        DETERMINER,
        &["the", "a", "an", "this", "that", "these", "those"],
    ),
    (COORDINATOR, &["and", "or", "&", "than", "nor"]),
    (AND, &["and"]),
    (AMPERSAND, &["&"]),
    (ARTICLE, &["the", "a", "an"]),
    (
        APPOSITION,
        &[
            "a", "an", "the", "who", "whose", "one", "now", "then", "also", "himself", "herself",
        ],
    ),
    (OF_FOR, &["of", "for"]),
    (WHO_WHICH, &["who", "which"]),
    (ROLE_DETERMINER, &["the", "a", "an", "our", "its"]),
    (CONJUNCTION, &["and", "but", "or", "yet"]),
];

/// Slots of the table: a power of two, at least three times the number of listed words,
/// clause verb forms, titles and source nouns, so that a word not listed (most words) meets an
/// empty slot at once.
const SLOTS: usize = 4096;

/// One listed word: its bytes as two little-endian words, its length and its classes (never
/// empty; an empty slot has no classes).
#[derive(Clone, Copy, Default)]
struct Slot {
    lo: u64,
    hi: u64,
    len: u32,
    bits: u32,
}

/// The longest word the table can hold.
const LONGEST: usize = 16;

/// The table slot where the search for a word starts.
#[inline]
fn home(lo: u64, hi: u64, len: usize) -> usize {
    let h = (lo ^ hi.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 40) as usize & (SLOTS - 1)
}

fn table() -> &'static [Slot; SLOTS] {
    static TABLE: OnceLock<Box<[Slot; SLOTS]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut slots = Box::new([Slot::default(); SLOTS]);
        // Every cue verb form is short lower-case ASCII; those that show a clause get their bit.
        let forms = crate::cues::all_verb_forms();
        let clause_verbs: Vec<&str> = forms
            .iter()
            .map(String::as_str)
            .filter(|f| f.len() <= LONGEST && super::blocks_as_verb(f))
            .collect();
        let lists = LISTS.iter().copied().chain([
            (CLAUSE_VERB, &clause_verbs[..]),
            (TITLE, crate::cues::TITLES),
            (SOURCE_NOUN, crate::cues::SOURCE_NOUNS),
        ]);
        for (bit, words) in lists {
            for w in words {
                let (lo, hi) = sixteen(w.as_bytes());
                let len = w.len() as u32;
                let mut k = home(lo, hi, len as usize);
                loop {
                    let slot = &mut slots[k];
                    if slot.bits == 0 || (slot.lo, slot.hi, slot.len) == (lo, hi, len) {
                        *slot = Slot {
                            lo,
                            hi,
                            len,
                            bits: slot.bits | bit,
                        };
                        break;
                    }
                    k = (k + 1) & (SLOTS - 1);
                }
            }
        }
        slots
    })
}

/// The listed classes of the word with bytes `w`, as written.
fn listed(w: &[u8]) -> u32 {
    if w.is_empty() || w.len() > LONGEST {
        return 0;
    }
    let (lo, hi) = sixteen(w);
    find(lo, hi, w.len())
}

/// The classes of the word of length `len` whose bytes are `lo` and `hi` ([`sixteen`]).
#[inline]
fn find(lo: u64, hi: u64, len: usize) -> u32 {
    let slots = table();
    let mut k = home(lo, hi, len);
    loop {
        let slot = &slots[k];
        if slot.bits == 0 {
            return 0;
        }
        if slot.lo == lo && slot.hi == hi && slot.len as usize == len {
            return slot.bits;
        }
        k = (k + 1) & (SLOTS - 1);
    }
}

impl Class {
    /// The classes of `w` as written (a lower-case word; capitals match nothing).
    pub(crate) fn of(w: &str) -> Class {
        let b = w.as_bytes();
        let mut bits = listed(b);
        if w.ends_with("n't") || w.ends_with("n’t") {
            bits |= NEGATED;
        }
        if w.len() > 4 && w.ends_with("ly") && bits & LY_WORD == 0 {
            bits |= LY_ADVERB;
        }
        Class(bits)
    }

    /// The classes of the lower-case form of `w` when it is a short ASCII word: [`Class::of`]
    /// of `w.to_ascii_lowercase()`, without the copy. `None` for other words.
    #[inline]
    pub(crate) fn of_short_ascii(w: &str) -> Option<Class> {
        let b = w.as_bytes();
        if b.len() > LONGEST {
            return None;
        }
        // Most words fit one word of eight bytes: the second is then zero and has no capitals.
        let (mut lo, mut hi) = if b.len() <= 8 {
            (padded(b), 0)
        } else {
            sixteen(b)
        };
        if (lo | hi) & HIGH != 0 {
            return None;
        }
        let caps = (capitals(lo), if hi == 0 { 0 } else { capitals(hi) });
        lo |= caps.0;
        hi |= caps.1;
        let mut bits = SHORT
            | if b.is_empty() {
                0
            } else {
                find(lo, hi, b.len())
            };
        if caps == (0, 0) {
            bits |= PLAIN;
        }
        // The last bytes, folded: only a capital or small letter folds onto a small letter.
        if let [.., n, b'\'', t] = *b {
            if t | 0x20 == b't' && n | 0x20 == b'n' {
                bits |= NEGATED;
            }
        }
        if let [_, _, _, .., l, y] = *b {
            if y | 0x20 == b'y' && l | 0x20 == b'l' && bits & LY_WORD == 0 {
                bits |= LY_ADVERB;
            }
        }
        Some(Class(bits))
    }

    /// True when the word is in any of the classes `bits`.
    #[inline]
    pub(crate) fn is(self, bits: u32) -> bool {
        self.0 & bits != 0
    }

    /// An auxiliary or adverb that may stand between a subject and its cue ("has repeatedly
    /// said"); the forms of "be" only before an "-ing" cue (`ing`).
    pub(crate) fn aux_or_adverb(self, ing: bool) -> bool {
        self.is(AUX | NEGATED | LY_ADVERB) || (ing && self.is(PROGRESSIVE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_has_its_classes_in_any_case() {
        for &(bit, words) in LISTS {
            for w in words {
                assert!(Class::of(w).is(bit), "{w}");
                let upper = Class::of_short_ascii(&w.to_ascii_uppercase());
                assert!(upper.is_some_and(|c| c.is(bit)), "{w}");
                assert!(
                    !Class::of(&w.to_ascii_uppercase()).is(bit) || *w == "&",
                    "{w}"
                );
            }
        }
        assert_eq!(Class::of("harvest"), Class::default());
        assert_eq!(Class::of("the\0"), Class::default());
        assert!(Class::of("didn’t").aux_or_adverb(false));
        for w in ["DIDN'T", "Firmly", "didn't", "n't", "aLY"] {
            let lower = Class::of(&w.to_lowercase());
            assert_eq!(
                Class::of_short_ascii(&w.to_lowercase()),
                Some(Class(lower.0 | PLAIN | SHORT))
            );
            assert_eq!(
                Class::of_short_ascii(w).map(|c| c.0 & !(PLAIN | SHORT)),
                Some(lower.0),
                "{w}"
            );
        }
        assert_eq!(Class::of_short_ascii("Über"), None);
        let text = b"abcdefghijklmnopq";
        for n in 0..=text.len() {
            let mut bytes = [0u8; 16];
            let k = n.min(16);
            bytes[..k].copy_from_slice(&text[..k]);
            let (lo, hi) = bytes.split_at(8);
            let want = (
                u64::from_le_bytes(lo.try_into().unwrap()),
                u64::from_le_bytes(hi.try_into().unwrap()),
            );
            assert_eq!(sixteen(&text[..n]), want, "{n}");
        }
        assert!(!Class::of("daily").aux_or_adverb(false));
    }

    /// The lexicon's lists fit the table, and their bits answer as the lexicon would.
    #[test]
    fn titles_and_source_nouns_have_their_bits() {
        let lists = [crate::cues::TITLES, crate::cues::SOURCE_NOUNS];
        for w in lists.concat() {
            assert!(w.len() <= LONGEST && w.is_ascii() && w == w.to_ascii_lowercase());
            for spelt in [w.to_string(), w.to_ascii_uppercase()] {
                let c = Class::of_short_ascii(&spelt).expect("short");
                assert_eq!(c.is(TITLE), crate::cues::is_title(w), "{w}");
                assert_eq!(c.is(SOURCE_NOUN), crate::cues::is_source_noun(w), "{w}");
            }
        }
        let c = Class::of_short_ascii("Minister").expect("short");
        assert!(c.is(TITLE) && c.is(SOURCE_NOUN) && c.is(SHORT));
        assert!(!Class::of_short_ascii("said")
            .expect("short")
            .is(TITLE | SOURCE_NOUN));
    }

    /// The clause verb bit answers as the lexicon would for every form and for every spelling
    /// that the lexicon respells as a form ("emphasised" for "emphasized"), in any case.
    #[test]
    fn clause_verbs_are_listed_with_every_respelling() {
        for f in crate::cues::all_verb_forms() {
            let iz: Vec<usize> = f.match_indices("iz").map(|(k, _)| k).collect();
            for mask in 0..1u32 << iz.len() {
                let mut w = f.clone().into_bytes();
                for (j, &k) in iz.iter().enumerate() {
                    if mask >> j & 1 == 1 {
                        w[k + 1] = b's';
                    }
                }
                let w = String::from_utf8(w).expect("ASCII");
                let want = super::super::blocks_as_verb(&w);
                for spelt in [w.clone(), w.to_ascii_uppercase()] {
                    let c = Class::of_short_ascii(&spelt).expect("short");
                    assert_eq!(c.is(CLAUSE_VERB), want, "{spelt}");
                }
            }
        }
        assert!(!Class::of("is").aux_or_adverb(false) && Class::of("is").aux_or_adverb(true));
    }
}
