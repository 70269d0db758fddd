//! A light English stemmer: the suffix-stripping steps of M. F. Porter's 1980 algorithm ("An
//! algorithm for suffix stripping"), written here from the paper's description.
//!
//! Stems are only grouping keys ("alliance" and "alliances" both give "allianc"); the page shows
//! the most frequent surface form, never the stem. Words with anything but ASCII letters (digits,
//! hyphens, other scripts) are returned unchanged, because the rules only describe English
//! letters.

/// Appends the stem of `word` (already lower-cased) to `out`.
pub fn stem_into(word: &str, out: &mut String) {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word);
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push_str(word);
        return;
    }
    // Long "words" (URLs, glued text) are left alone rather than given a buffer.
    if word.len() > MAX_STEMMED {
        out.push_str(word);
        return;
    }
    let mut w = Word {
        b: [0; MAX_STEMMED],
        n: word.len(),
    };
    w.b[..word.len()].copy_from_slice(word.as_bytes());
    w.step1a();
    w.step1b();
    w.step1c();
    w.step2();
    w.step3();
    w.step4();
    w.step5();
    // Only ASCII letters were ever written, so the bytes are valid UTF-8.
    out.extend(w.b[..w.n].iter().map(|&b| b as char));
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
}

impl Word {
    /// Appends a letter; every rule that adds letters first removed at least as many.
    fn push(&mut self, b: u8) {
        if self.n < MAX_STEMMED {
            self.b[self.n] = b;
            self.n += 1;
        }
    }

    /// Whether the letter at `i` is a consonant: not a vowel, and "y" only after a vowel.
    fn cons(&self, i: usize) -> bool {
        match self.b[i] {
            b'a' | b'e' | b'i' | b'o' | b'u' => false,
            b'y' => i == 0 || !self.cons(i - 1),
            _ => true,
        }
    }

    /// The measure m of the first `len` letters: the number of vowel-consonant sequences.
    fn measure(&self, len: usize) -> usize {
        let mut m = 0;
        let mut i = 0;
        while i < len && self.cons(i) {
            i += 1;
        }
        loop {
            while i < len && !self.cons(i) {
                i += 1;
            }
            if i >= len {
                return m;
            }
            while i < len && self.cons(i) {
                i += 1;
            }
            m += 1;
        }
    }

    fn has_vowel(&self, len: usize) -> bool {
        (0..len).any(|i| !self.cons(i))
    }

    /// The first `len` letters end in a double consonant.
    fn double_cons(&self, len: usize) -> bool {
        len >= 2 && self.b[len - 1] == self.b[len - 2] && self.cons(len - 1)
    }

    /// The first `len` letters end consonant-vowel-consonant, the last not w, x or y.
    fn cvc(&self, len: usize) -> bool {
        len >= 3
            && self.cons(len - 3)
            && !self.cons(len - 2)
            && self.cons(len - 1)
            && !matches!(self.b[len - 1], b'w' | b'x' | b'y')
    }

    fn ends(&self, suffix: &str) -> bool {
        self.b[..self.n].ends_with(suffix.as_bytes())
    }

    fn replace(&mut self, suffix_len: usize, with: &str) {
        self.n -= suffix_len;
        for &b in with.as_bytes() {
            self.push(b);
        }
    }

    /// Tries the rules in order; the first suffix that matches decides, whether or not its
    /// measure condition holds (the paper's "longest match" rule within a step).
    fn rules(&mut self, rules: &[(&str, &str)], min_measure: usize) -> bool {
        for &(suffix, with) in rules {
            if self.ends(suffix) {
                let stem_len = self.n - suffix.len();
                if self.measure(stem_len) >= min_measure {
                    self.replace(suffix.len(), with);
                    return true;
                }
                return false;
            }
        }
        false
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
            self.b[n - 1] = b'i';
        }
    }

    fn step2(&mut self) {
        const RULES: &[(&str, &str)] = &[
            ("ational", "ate"),
            ("tional", "tion"),
            ("enci", "ence"),
            ("anci", "ance"),
            ("izer", "ize"),
            ("bli", "ble"),
            ("alli", "al"),
            ("entli", "ent"),
            ("eli", "e"),
            ("ousli", "ous"),
            ("ization", "ize"),
            ("ation", "ate"),
            ("ator", "ate"),
            ("alism", "al"),
            ("iveness", "ive"),
            ("fulness", "ful"),
            ("ousness", "ous"),
            ("aliti", "al"),
            ("iviti", "ive"),
            ("biliti", "ble"),
        ];
        self.longest(RULES, 1);
    }

    fn step3(&mut self) {
        const RULES: &[(&str, &str)] = &[
            ("icate", "ic"),
            ("ative", ""),
            ("alize", "al"),
            ("iciti", "ic"),
            ("ical", "ic"),
            ("ful", ""),
            ("ness", ""),
        ];
        self.longest(RULES, 1);
    }

    /// Applies the rule with the longest matching suffix, if its measure condition holds.
    fn longest(&mut self, rules: &[(&str, &str)], min_measure: usize) {
        let best = rules
            .iter()
            .filter(|(s, _)| self.ends(s))
            .max_by_key(|(s, _)| s.len())
            .copied();
        if let Some(rule) = best {
            self.rules(&[rule], min_measure);
        }
    }

    fn step4(&mut self) {
        const SUFFIXES: &[&str] = &[
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
            "ou", "ism", "ate", "iti", "ous", "ive", "ize",
        ];
        let Some(suffix) = SUFFIXES
            .iter()
            .filter(|s| self.ends(s))
            .max_by_key(|s| s.len())
        else {
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
    use super::stem;

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
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }
}
