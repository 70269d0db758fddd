//! A light English stemmer: the suffix-stripping steps of M. F. Porter's 1980 algorithm ("An
//! algorithm for suffix stripping"), written here from the paper's description.
//!
//! Stems are only grouping keys ("alliance" and "alliances" both give "allianc"); the page shows
//! the most frequent surface form, never the stem. Words with anything but ASCII letters (digits,
//! hyphens, other scripts) are returned unchanged, because the rules only describe English
//! letters.

use crate::bytes::{in_range, padded, HIGH};

/// Appends the stem of `word` (already lower-cased) to `out`.
pub fn stem_into(word: &str, out: &mut String) {
    // A stem is the word itself or ASCII letters written in its place: valid UTF-8 either way.
    with_stem(word, |stem| {
        out.push_str(std::str::from_utf8(stem).unwrap_or_default())
    });
}

/// Calls `f` with the bytes of the stem of `word` (already lower-cased): for callers that
/// key on bytes, which need not check that a stem is valid UTF-8.
pub(super) fn with_stem<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word);
    if is_letters(word.as_bytes()) {
        with_letters_stem(word, f)
    } else {
        f(word.as_bytes())
    }
}

/// [`with_stem`] for a word known to be ASCII lower-case letters only ([`is_letters`]): it has
/// no possessive to remove, and its letters need no second test.
pub(super) fn with_letters_stem<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    // Short words, and long "words" (URLs, glued text), are left alone rather than given a
    // buffer.
    if word.len() <= 2 || word.len() > MAX_STEMMED {
        return f(word.as_bytes());
    }
    // Every rule reads the last letters, and most words end in letters that no rule removes
    // ("trump", "health", "year"): those are their own stem, without a buffer.
    let first = first_step_applies(word.as_bytes());
    if !first && !later_steps_apply(word.as_bytes()) {
        return f(word.as_bytes());
    }
    let mut w = Word::new(word.as_bytes());
    if first {
        w.step1a();
        w.step1b();
        w.step1c();
    }
    if later_steps_apply(&w.b[..w.n]) {
        w.step2();
        w.step3();
        w.step4();
        w.step5();
    }
    f(&w.b[..w.n])
}

/// Whether a rule of step 1 may apply to `word`: every one of them removes a final "s", "ed"
/// or "ing", or changes a final "y".
fn first_step_applies(word: &[u8]) -> bool {
    matches!(
        word,
        [.., b's' | b'y'] | [.., b'e', b'd'] | [.., b'n', b'g']
    )
}

/// Whether a rule of steps 2 to 5 may apply to `word`: the last two letters of each of their
/// suffixes, or a final "e" or "s" (which ends "ness", "ous", "ate" and many more).
fn later_steps_apply(word: &[u8]) -> bool {
    match word {
        [.., b'e' | b's'] => true,
        [.., a, b] => matches!(
            [*a, *b],
            [b'a' | b'u', b'l']
                | [b'c' | b'l' | b't', b'i']
                | [b'e' | b'o', b'r']
                | [b'o', b'n' | b'u']
                | [b's', b'm']
                | [b'i', b'c']
                | [b'n', b't']
                | [b'l', b'l']
        ),
        _ => false,
    }
}

/// Whether `word` is ASCII lower-case letters only, and not empty: the words the rules
/// describe, and most forms of a text. Tested eight bytes at a time.
pub(super) fn is_letters(word: &[u8]) -> bool {
    !word.is_empty()
        && word.chunks(8).all(|chunk| {
            // The bytes of the word in this chunk.
            let mask = HIGH & (u64::MAX >> (64 - 8 * chunk.len()));
            let x = padded(chunk);
            x & HIGH == 0 && in_range(x, b'a', b'z') & mask == mask
        })
}

/// The stem of `word` (already lower-cased).
pub fn stem(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    stem_into(word, &mut s);
    s
}

/// Longest word stemmed, in bytes.
const MAX_STEMMED: usize = 48;

/// A word being stemmed, in a fixed buffer so that stemming does not allocate.
struct Word {
    b: [u8; MAX_STEMMED],
    n: usize,
    /// Bit `i` is set where letter `i` is a vowel (see [`Word::cons`]), so that the measure
    /// and the vowel tests count bits instead of branching on each letter, which follows no
    /// pattern a processor can predict. A letter's class depends only on the letters before
    /// it, and the rules only rewrite the end of the word, so the bits of the letters before
    /// `n` stay right as long as every letter written sets its own.
    vowels: u64,
}

/// Bit `c - b'a'` is set for the letters that are always vowels: a, e, i, o, u.
const VOWELS: u32 = 1 | 1 << 4 | 1 << 8 | 1 << 14 | 1 << 20;

const _: () = assert!(MAX_STEMMED < 64);

impl Word {
    /// A word of ASCII lower-case letters, at most [`MAX_STEMMED`].
    fn new(word: &[u8]) -> Word {
        let mut w = Word {
            b: [0; MAX_STEMMED],
            n: word.len(),
            vowels: 0,
        };
        w.b[..word.len()].copy_from_slice(word);
        for (i, &b) in word.iter().enumerate() {
            w.vowels |= u64::from(VOWELS >> (b.wrapping_sub(b'a') & 31) & 1) << i;
        }
        // A "y" is a vowel after a consonant, which the letters before it settle first.
        if word.contains(&b'y') {
            for (i, &b) in word.iter().enumerate().skip(1) {
                if b == b'y' && w.cons(i - 1) {
                    w.vowels |= 1 << i;
                }
            }
        }
        w
    }

    /// Appends a letter; every rule that adds letters first removed at least as many.
    fn push(&mut self, b: u8) {
        if self.n < MAX_STEMMED {
            self.set(self.n, b);
            self.n += 1;
        }
    }

    /// Writes letter `b` at `i` (at most `n`) and its class.
    fn set(&mut self, i: usize, b: u8) {
        self.b[i] = b;
        // Before the first letter counts as a vowel: a leading "y" is a consonant.
        let prev_vowel = i == 0 || self.vowels >> (i - 1) & 1 == 1;
        let vowel = VOWELS >> (b.wrapping_sub(b'a') & 31) & 1 == 1 || (b == b'y' && !prev_vowel);
        self.vowels = self.vowels & !(1 << i) | u64::from(vowel) << i;
    }

    /// Whether the letter at `i` is a consonant: not a vowel, and "y" only after a vowel or
    /// at the start.
    fn cons(&self, i: usize) -> bool {
        self.vowels >> i & 1 == 0
    }

    /// The vowel bits of the first `len` letters.
    fn vowels_in(&self, len: usize) -> u64 {
        self.vowels & ((1 << len) - 1)
    }

    /// The measure m of the first `len` letters: the number of vowel-consonant sequences, that
    /// is of consonants right after a vowel.
    fn measure(&self, len: usize) -> usize {
        let v = self.vowels_in(len);
        ((v << 1) & !v & ((1 << len) - 1)).count_ones() as usize
    }

    fn has_vowel(&self, len: usize) -> bool {
        self.vowels_in(len) != 0
    }

    /// The first `len` letters end in a double consonant.
    fn double_cons(&self, len: usize) -> bool {
        len >= 2 && self.b[len - 1] == self.b[len - 2] && self.cons(len - 1)
    }

    /// The first `len` letters end consonant-vowel-consonant, the last not w, x or y.
    fn cvc(&self, len: usize) -> bool {
        len >= 3
            && self.vowels >> (len - 3) & 0b111 == 0b010
            && !matches!(self.b[len - 1], b'w' | b'x' | b'y')
    }

    /// Whether the word ends in `suffix`. A byte loop: the suffixes are a few letters, and a
    /// call to `memcmp` per rule cost more than the comparison.
    fn ends(&self, suffix: &str) -> bool {
        let (s, n) = (suffix.as_bytes(), self.n);
        s.len() <= n && s.iter().zip(&self.b[n - s.len()..n]).all(|(a, b)| a == b)
    }

    fn replace(&mut self, suffix_len: usize, with: &str) {
        self.n -= suffix_len;
        for &b in with.as_bytes() {
            self.push(b);
        }
    }

    /// The letter `k` places before the end, if the word is that long.
    fn nth_last(&self, k: usize) -> Option<u8> {
        self.n.checked_sub(k).map(|i| self.b[i])
    }

    /// Applies the first rule whose suffix matches, if its measure condition holds; a suffix
    /// that matches decides even when its condition fails. Callers list the rules that can
    /// match longest first, which gives the paper's "longest match" rule within a step.
    fn rules(&mut self, rules: &[(&str, &str)], min_measure: usize) {
        if let Some(&(suffix, with)) = rules.iter().find(|(s, _)| self.ends(s)) {
            if self.measure(self.n - suffix.len()) >= min_measure {
                self.replace(suffix.len(), with);
            }
        }
    }

    fn step1a(&mut self) {
        if self.ends("sses") || self.ends("ies") {
            self.n -= 2;
        } else if self.ends("s") && !self.ends("ss") {
            self.n -= 1;
        }
    }

    fn step1b(&mut self) {
        if self.ends("eed") {
            if self.measure(self.n - 3) > 0 {
                self.n -= 1;
            }
            return;
        }
        let cut = if self.ends("ed") {
            2
        } else if self.ends("ing") {
            3
        } else {
            return;
        };
        let stem_len = self.n - cut;
        if !self.has_vowel(stem_len) {
            return;
        }
        self.n = stem_len;
        if self.ends("at") || self.ends("bl") || self.ends("iz") {
            self.push(b'e');
        } else if self.double_cons(stem_len) && !matches!(self.b[stem_len - 1], b'l' | b's' | b'z')
        {
            self.n -= 1;
        } else if self.measure(stem_len) == 1 && self.cvc(stem_len) {
            self.push(b'e');
        }
    }

    fn step1c(&mut self) {
        let n = self.n;
        if self.ends("y") && self.has_vowel(n - 1) {
            self.set(n - 1, b'i');
        }
    }

    /// Two suffixes that both match share their last letters, so the rules are picked by the
    /// next-to-last letter (as in the paper's own program) and tried longest first.
    fn step2(&mut self) {
        let rules: &[(&str, &str)] = match self.nth_last(2) {
            Some(b'a') => &[("ational", "ate"), ("tional", "tion")],
            Some(b'c') => &[("enci", "ence"), ("anci", "ance")],
            Some(b'e') => &[("izer", "ize")],
            Some(b'l') => &[
                ("entli", "ent"),
                ("ousli", "ous"),
                ("alli", "al"),
                ("bli", "ble"),
                ("eli", "e"),
            ],
            Some(b'o') => &[("ization", "ize"), ("ation", "ate"), ("ator", "ate")],
            Some(b's') => &[
                ("iveness", "ive"),
                ("fulness", "ful"),
                ("ousness", "ous"),
                ("alism", "al"),
            ],
            Some(b't') => &[("biliti", "ble"), ("aliti", "al"), ("iviti", "ive")],
            _ => return,
        };
        self.rules(rules, 1);
    }

    /// Picked by the last letter; no two of a letter's suffixes match the same word.
    fn step3(&mut self) {
        let rules: &[(&str, &str)] = match self.nth_last(1) {
            Some(b'e') => &[("icate", "ic"), ("ative", ""), ("alize", "al")],
            Some(b'i') => &[("iciti", "ic")],
            Some(b'l') => &[("ical", "ic"), ("ful", "")],
            Some(b's') => &[("ness", "")],
            _ => return,
        };
        self.rules(rules, 1);
    }

    /// Removes the longest matching suffix of the list if the rest has measure above 1 ("ion"
    /// only after "s" or "t"); picked by the next-to-last letter like [`Word::step2`].
    fn step4(&mut self) {
        let suffixes: &[&str] = match self.nth_last(2) {
            Some(b'a') => &["al"],
            Some(b'c') => &["ance", "ence"],
            Some(b'e') => &["er"],
            Some(b'i') => &["ic"],
            Some(b'l') => &["able", "ible"],
            Some(b'n') => &["ement", "ment", "ent", "ant"],
            Some(b'o') => &["ion", "ou"],
            Some(b's') => &["ism"],
            Some(b't') => &["ate", "iti"],
            Some(b'u') => &["ous"],
            Some(b'v') => &["ive"],
            Some(b'z') => &["ize"],
            _ => return,
        };
        let Some(suffix) = suffixes.iter().find(|s| self.ends(s)) else {
            return;
        };
        let stem_len = self.n - suffix.len();
        if self.measure(stem_len) <= 1 {
            return;
        }
        if *suffix == "ion" && !(stem_len > 0 && matches!(self.b[stem_len - 1], b's' | b't')) {
            return;
        }
        self.n = stem_len;
    }

    fn step5(&mut self) {
        let n = self.n;
        if self.ends("e") {
            let m = self.measure(n - 1);
            if m > 1 || (m == 1 && !self.cvc(n - 1)) {
                self.n -= 1;
            }
        }
        let n = self.n;
        if self.ends("ll") && self.measure(n) > 1 {
            self.n -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{stem, with_letters_stem, Word};

    /// Every step on every word, as the paper has it.
    fn all_steps(word: &str) -> String {
        let mut w = Word::new(word.as_bytes());
        w.step1a();
        w.step1b();
        w.step1c();
        w.step2();
        w.step3();
        w.step4();
        w.step5();
        String::from_utf8(w.b[..w.n].to_vec()).unwrap()
    }

    /// Skipping the steps whose suffixes a word's last letters rule out changes no stem: all
    /// words of three and four letters, and those endings after a few stems.
    #[test]
    fn skipped_steps_change_nothing() {
        let letters = b'a'..=b'z';
        let mut endings: Vec<String> = Vec::new();
        for a in letters.clone() {
            for b in letters.clone() {
                for c in letters.clone() {
                    endings.push(String::from_utf8(vec![a, b, c]).unwrap());
                    for d in letters.clone() {
                        endings.push(String::from_utf8(vec![a, b, c, d]).unwrap());
                    }
                }
            }
        }
        for prefix in [
            "",
            "b",
            "ab",
            "tr",
            "relat",
            "condit",
            "hopeful",
            "generaliz",
        ] {
            for ending in &endings {
                let word = format!("{prefix}{ending}");
                let fast = with_letters_stem(&word, |s| String::from_utf8(s.to_vec()).unwrap());
                assert_eq!(fast, all_steps(&word), "{word}");
            }
        }
    }

    #[test]
    fn paper_examples() {
        for (w, s) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("digitizer", "digit"),
            ("generalization", "gener"),
            ("hopefulness", "hope"),
            ("triplicate", "triplic"),
            ("revival", "reviv"),
            ("adoption", "adopt"),
            ("controll", "control"),
            ("rate", "rate"),
            ("alliance", "allianc"),
            ("alliances", "allianc"),
            ("china's", "china"),
            // Anything but ASCII lower-case letters is left alone, wherever it is.
            ("cafés", "cafés"),
            ("covid19s", "covid19s"),
            ("twenty-somethings", "twenty-somethings"),
            ("unconstitutionalities", "unconstitution"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }
}
