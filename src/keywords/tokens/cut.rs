//! Cutting one sentence into tokens: a byte walk that takes runs of plain ASCII words on a
//! fast path (eight bytes at a time, interned without a copy) and decodes characters only
//! where a byte is not ASCII or a joiner may continue a word.

use super::intern::{head_of, Interner};
use super::{
    head_at, is_ideograph, word_at, Token, Tokens, ALL_CAPS, BREAK_BEFORE, CAPITALIZED, COUNTED,
};
use crate::bytes::{in_range, HIGH, ONES};

/// Whether `c` is in the General Punctuation block (curly quotes, dashes, special spaces),
/// which has no letters or digits: news text is full of these, and the Unicode tables behind
/// `char::is_alphanumeric` are slow to search for them.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// What may follow a joiner character inside a word.
fn joins(prev: char, joiner: char, next: char, segment_len: usize) -> bool {
    match joiner {
        '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
        '-' | '‐' => prev.is_alphanumeric() && next.is_alphanumeric(),
        ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
        '.' => {
            (prev.is_ascii_digit() && next.is_ascii_digit())
                || (segment_len == 1 && prev.is_uppercase() && next.is_uppercase())
        }
        _ => false,
    }
}

/// What an ASCII byte is to the tokeniser.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    /// A letter or digit.
    Word,
    /// Any other ASCII character.
    Other,
    /// The first byte of a non-ASCII character.
    Wide,
}

/// [`Class`] of every byte value.
const CLASS: [Class; 256] = {
    let mut table = [Class::Wide; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// How many of the bytes of `w` (eight bytes read little-endian) are ASCII letters or digits
/// before the first that is not: each byte's range tests run side by side in the word's
/// bytes, on the low seven bits so that no sum carries into the next byte.
fn word_bytes(w: u64) -> usize {
    let x = w & !HIGH;
    let digit = in_range(x, b'0', b'9');
    let letter = in_range(x | (ONES * 0x20), b'a', b'z');
    // Non-ASCII bytes (high bit set in `w`) are not word bytes.
    let word = (digit | letter) & !w & HIGH;
    ((!word & HIGH).trailing_zeros() / 8) as usize
}

/// The capitals and the lower-case letters among the bytes of `w`, which are all ASCII: the
/// high bit of each such byte, set in the first and the second word respectively.
fn ascii_cases(w: u64) -> (u64, u64) {
    (in_range(w, b'A', b'Z'), in_range(w, b'a', b'z'))
}

/// The capitals, the lower-case letters and the letters and digits among the bytes of `w`
/// (any bytes), as in [`ascii_cases`]: the tests run on the low seven bits, and non-ASCII
/// bytes are none of these.
fn ascii_classes(w: u64) -> (u64, u64, u64) {
    let x = w & !HIGH;
    let ascii = !w & HIGH;
    let letter = in_range(x | (ONES * 0x20), b'a', b'z') & ascii;
    // A letter is lower case when it has 0x20, shifted here to the byte's high bit.
    let (upper, lower) = (letter & !(x << 2), letter & (x << 2));
    (upper, lower, letter | (in_range(x, b'0', b'9') & ascii))
}

/// Whether a word of ASCII letters and digits surely ends before byte `next`: a space, or
/// ASCII punctuation that cannot join it to more (see [`joins`]). `'` and `-` may join letters
/// and digits, `,` and `.` digits, and `.` single capitals: after a lower-case letter (which
/// `last_lower` tells), only the first two.
fn ends_word(next: u8, last_lower: impl FnOnce() -> bool) -> bool {
    if next == b' ' {
        true
    } else if next == b',' || next == b'.' {
        last_lower()
    } else {
        next < 0x80 && next != b'\'' && next != b'-'
    }
}

/// [`KIND`] bits: an ASCII letter, an ASCII capital.
const LETTER: u8 = 1;
const UPPER: u8 = 2;

/// What a byte of an ASCII word says about the word.
const KIND: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            LETTER | UPPER
        } else if c.is_ascii_lowercase() {
            LETTER
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The state of cutting one sentence into tokens.
pub(super) struct Cut<'a> {
    pub(super) tokens: &'a mut Tokens,
    pub(super) text: &'a str,
    /// Punctuation or a line break came after the last token.
    pub(super) broken: bool,
    /// The current word has a hyphen.
    pub(super) hyphen: bool,
    pub(super) ids: &'a mut Interner,
    /// A buffer for lower-casing non-ASCII words.
    pub(super) lower: &'a mut String,
}

impl Cut<'_> {
    /// Cuts `body`, which starts at byte `base` of the text. Walks bytes, and decodes a character
    /// only where the byte is not ASCII: most text is ASCII, and its words are runs of bytes of
    /// one class.
    pub(super) fn sentence(&mut self, body: &str, base: usize) {
        let b = body.as_bytes();
        // The start of the current word, if any, the characters since the word's start or its
        // last joiner, and whether the word has a non-ASCII character.
        let mut start: Option<usize> = None;
        let mut segment_len = 0usize;
        let mut wide = false;
        let mut prev = ' ';
        let mut i = 0;
        while i < b.len() {
            let class = CLASS[b[i] as usize];
            if class == Class::Word && start.is_none() {
                // The common case first (see `Cut::plain_word`).
                let used = self.plain_run(base + i, base + b.len());
                if used > 0 {
                    i += used;
                    continue;
                }
            }
            if class == Class::Word {
                let run = i;
                i += 1;
                // Eight bytes at a time where the sentence has them: the length of a word then
                // comes from a bit count rather than from a branch per byte, and the
                // processor cannot guess where a word ends.
                while let Some(w) = b.get(i..i + 8) {
                    let k = word_bytes(word_at(w, 0, 0));
                    i += k;
                    if k < 8 {
                        break;
                    }
                }
                while i < b.len() && CLASS[b[i] as usize] == Class::Word {
                    i += 1;
                }
                if start.is_none() {
                    if b.get(i) == Some(&b' ') {
                        // The common case: a plain word and a space, which ends it and breaks
                        // nothing.
                        self.push(base + run, base + i, false);
                        prev = ' ';
                        i += 1;
                        continue;
                    }
                    start = Some(run);
                    segment_len = 0;
                    wide = false;
                }
                segment_len += i - run;
                prev = b[i - 1] as char;
                continue;
            }
            if b[i] == b' ' {
                // The common case, taken first: a space ends the word and breaks nothing.
                if let Some(st) = start.take() {
                    self.push(base + st, base + i, wide);
                }
                prev = ' ';
                i += 1;
                continue;
            }
            let c = if class == Class::Other {
                b[i] as char
            } else {
                body[i..].chars().next().unwrap_or(' ')
            };
            let next_at = i + c.len_utf8();
            if class == Class::Wide && is_ideograph(c) {
                if let Some(st) = start.take() {
                    self.push(base + st, base + i, wide);
                }
                self.push(base + i, base + next_at, true);
            } else if class == Class::Wide && !is_general_punctuation(c) && c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                    segment_len = 0;
                }
                segment_len += 1;
                wide = true;
            } else if start.is_some()
                && matches!(c, '\'' | '’' | '-' | '‐' | ',' | '.')
                && body[next_at..]
                    .chars()
                    .next()
                    .is_some_and(|n| !is_ideograph(n) && joins(prev, c, n, segment_len))
            {
                segment_len = 0;
                wide |= class == Class::Wide;
                self.hyphen |= matches!(c, '-' | '‐');
            } else {
                if let Some(st) = start.take() {
                    self.push(base + st, base + i, wide);
                }
                if !c.is_whitespace() || c == '\n' || c == '\r' {
                    self.broken = true;
                }
            }
            prev = c;
            i = next_at;
        }
        if let Some(st) = start {
            self.push(base + st, base + b.len(), wide);
        }
    }

    /// Cuts the words from byte `at` of the text (below `end`) while they are plain (see
    /// [`Cut::plain_word`]), and returns how many bytes it took. A loop of its own, out of
    /// line, so that the common case keeps its state in registers rather than share them with
    /// the rest of the cutting.
    #[inline(never)]
    fn plain_run(&mut self, at: usize, end: usize) -> usize {
        let mut i = at;
        while let Some(used) = self.plain_word(i, end) {
            i += used;
        }
        i - at
    }

    /// Cuts the word that starts at byte `at` of the text (below `end`, the end of its
    /// sentence) when it is the common case: up to fifteen ASCII letters and digits followed
    /// by a space or by punctuation that cannot join them to more (see [`joins`]). The same
    /// eight-byte loads and byte tests give the word's end, its capitals and its form.
    /// Returns how many bytes it took (the word, and a space after it), or `None` for any
    /// other word, which the caller cuts character by character.
    #[inline(always)]
    fn plain_word(&mut self, at: usize, end: usize) -> Option<usize> {
        let text = self.text.as_bytes();
        let chunk: [u8; 8] = text.get(at..at + 8)?.try_into().ok()?;
        let w = u64::from_le_bytes(chunk);
        let (upper, lower, word) = ascii_classes(w);
        let k = ((!word & HIGH).trailing_zeros() / 8) as usize;
        if k == 0 {
            return None;
        }
        if k < 8 {
            let next = (w >> (8 * k)) as u8;
            if at + k >= end {
                return None;
            }
            if !ends_word(next, || lower >> (8 * k - 1) & 1 != 0) {
                return self.joined_word(at, next, end);
            }
            let inside = u64::MAX >> (64 - 8 * k);
            let (upper, lower) = (upper & inside, lower & inside);
            let all_caps = lower == 0 && upper.count_ones() >= 2;
            let word = chunk.get(..k).unwrap_or_default();
            self.ascii(at, word, w & inside, upper, all_caps);
            return Some(k + self.after(at + k, next, end));
        }
        // A longer word: its next eight bytes.
        let w2 = word_at(text.get(at + 8..at + 16)?, 0, 0);
        let (upper2, lower2, word2) = ascii_classes(w2);
        let k2 = ((!word2 & HIGH).trailing_zeros() / 8) as usize;
        if k2 == 8 {
            return None;
        }
        let next = (w2 >> (8 * k2)) as u8;
        let last_lower = || match k2 {
            0 => lower >> 63 != 0,
            _ => lower2 >> (8 * k2 - 1) & 1 != 0,
        };
        if at + 8 + k2 >= end {
            return None;
        }
        if !ends_word(next, last_lower) {
            return self.joined_word(at, next, end);
        }
        let inside = (1u64 << (8 * k2)) - 1;
        let (upper2, lower2) = (upper2 & inside, lower2 & inside);
        let all_caps = lower | lower2 == 0 && upper.count_ones() + upper2.count_ones() >= 2;
        // The form's first and second eight bytes (see `intern::second_of`).
        let fold = u64::from_ne_bytes([0x20; 8]);
        let (head, second) = (w | fold, (w2 | fold) & inside);
        if (upper > 0x80 || upper2 != 0) && !all_caps {
            spelled_own(self.tokens);
        }
        let ty = long_form(
            self.tokens,
            self.ids,
            self.text,
            at..at + 8 + k2,
            head,
            second,
        );
        self.emit(at, at + 8 + k2, ty, upper & 0x80 != 0, all_caps);
        Some(8 + k2 + self.after(at + 8 + k2, next, end))
    }

    /// Cuts the word at byte `at` of the text (below `end`, the end of its sentence) whose
    /// first letters and digits are followed by `joiner`, when it is ASCII letters and digits
    /// joined by apostrophes and hyphens ("it's", "well-known", "COVID-19"), as
    /// [`Cut::sentence`] would (see [`joins`]); returns how many bytes it took, or `None` for
    /// any other word. Such words are common enough that handing each to the character walk,
    /// and then coming back, cost more than this.
    #[inline(never)]
    fn joined_word(&mut self, at: usize, joiner: u8, end: usize) -> Option<usize> {
        if joiner != b'\'' && joiner != b'-' {
            return None;
        }
        let b = self.text.as_bytes().get(..end)?;
        let (mut i, mut hyphen) = (at, false);
        loop {
            // The letters and digits, eight bytes at a time where the sentence has them.
            while let Some(w) = b.get(i..i + 8) {
                let k = word_bytes(word_at(w, 0, 0));
                i += k;
                if k < 8 {
                    break;
                }
            }
            while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let (prev, c) = (b[i - 1], b.get(i).copied());
            let next = b.get(i + 1).copied();
            let joined = match (c, next) {
                // A character that is not ASCII after this byte may be a letter that it joins:
                // the character walk decides.
                (_, Some(0x80..)) => return None,
                (Some(b'\''), Some(n)) => prev.is_ascii_alphabetic() && n.is_ascii_alphabetic(),
                (Some(b'-'), Some(n)) => n.is_ascii_alphanumeric(),
                _ => false,
            };
            if !joined {
                break;
            }
            hyphen |= c == Some(b'-');
            i += 1;
        }
        // What ends the word: the sentence's end, or a byte that cannot join it to more (an
        // apostrophe or a hyphen that did not join above cannot).
        let next = b.get(i).copied();
        if let Some(c) = next {
            if c != b'\'' && c != b'-' && !ends_word(c, || b[i - 1].is_ascii_lowercase()) {
                return None;
            }
        }
        self.hyphen = hyphen;
        self.push(at, i, false);
        Some(i - at + next.map_or(0, |c| self.after(i, c, end)))
    }

    /// How many bytes after a plain word the fast path takes, `next` being the byte at `at`
    /// (below `end`) that ended it: a space; or ASCII punctuation, which breaks the phrase as
    /// it would in [`Cut::sentence`], and a space after it. A comma or a full stop after a
    /// word is common enough that handing it to the character walk, and then coming back,
    /// cost more than taking it here.
    #[inline(always)]
    fn after(&mut self, at: usize, next: u8, end: usize) -> usize {
        if next == b' ' {
            return 1;
        }
        // The word ended, so `next` is no letter or digit: in this range it is punctuation.
        if !(0x21..=0x7E).contains(&next) {
            return 0;
        }
        self.broken = true;
        let space = at + 1 < end && self.text.as_bytes().get(at + 1) == Some(&b' ');
        1 + usize::from(space)
    }

    /// Adds the token at bytes `start..end` of the text; `wide` tells whether it has a
    /// non-ASCII character.
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, wide: bool) {
        let index = self.tokens.tokens.len();
        if std::mem::take(&mut self.hyphen) && index < COUNTED {
            self.tokens.hyphenated.push(index as u32);
        }
        let n = end.saturating_sub(start);
        if let (false, 1..=8, Some(w)) = (wide, n, self.text.as_bytes().get(start..start + 8)) {
            // Most words are ASCII and at most eight bytes long: one load gives the whole word,
            // its capitals and its form, which is interned without a copy unless it is new.
            let raw = word_at(w, 0, 0) & (u64::MAX >> (64 - 8 * n));
            let (upper, lower) = ascii_cases(raw);
            let all_caps = lower == 0 && upper.count_ones() >= 2;
            self.ascii(start, &w[..n], raw, upper, all_caps);
        } else {
            let (ty, capitalized, all_caps) = other_word(
                self.tokens,
                self.ids,
                self.lower,
                self.text,
                start..end,
                wide,
            );
            self.emit(start, end, ty, capitalized, all_caps);
        }
    }

    /// Adds the ASCII word `word` of one to eight bytes at byte `start` of the text, of which
    /// `raw` is the bytes read as one little-endian word, zero-padded, and `upper` its capitals
    /// (see [`ascii_cases`]): the word is interned without a copy unless it is new.
    #[inline(always)]
    fn ascii(&mut self, start: usize, word: &[u8], raw: u64, upper: u64, all_caps: bool) {
        let n = word.len();
        // A capital after the first byte, in a word not all in capitals: mixed case.
        if upper > 0x80 && !all_caps {
            spelled_own(self.tokens);
        }
        let ty = if all_caps && raw == u64::from(u16::from_le_bytes(*b"US")) {
            // "US" in capitals is the country, not the pronoun: it joins "U.S.", whose
            // spelling it does not share.
            spelled_own(self.tokens);
            self.tokens
                .intern_short(b"u.s", head_of(b"u.s"), 0, self.ids)
        } else {
            let head = raw | (u64::from_ne_bytes([0x20; 8]) & (u64::MAX >> (64 - 8 * n)));
            self.tokens.intern_short(word, head, 0x20, self.ids)
        };
        self.emit(start, start + n, ty, upper & 0x80 != 0, all_caps);
    }

    /// Adds the token at bytes `start..end` of the text, of form `ty`.
    #[inline(always)]
    fn emit(&mut self, start: usize, end: usize, ty: u32, capitalized: bool, all_caps: bool) {
        let flags = (u8::from(capitalized) * CAPITALIZED)
            | (u8::from(all_caps) * ALL_CAPS)
            | (u8::from(std::mem::take(&mut self.broken)) * BREAK_BEFORE);
        // `new` only tokenises sentences that end below 4 GiB, so the casts are exact.
        self.tokens.tokens.push(Token {
            start: start as u32,
            end: end as u32,
            ty,
            flags,
        });
    }
}

/// Lists the token about to be added in [`Tokens::own_spelling`], if it is counted: few are.
#[cold]
#[inline(never)]
fn spelled_own(tokens: &mut Tokens) {
    let index = tokens.tokens.len();
    if index < COUNTED {
        tokens.own_spelling.push(index as u32);
    }
}

/// The form id of the ASCII word at bytes `word` of `text`, eight to sixteen bytes long,
/// whose form's first and second eight bytes are `head` and `second`: kept out of line, since
/// most words are shorter.
#[inline(never)]
fn long_form(
    tokens: &mut Tokens,
    ids: &mut Interner,
    text: &str,
    word: std::ops::Range<usize>,
    head: u64,
    second: u64,
) -> u32 {
    let bytes = text.as_bytes().get(word).unwrap_or_default();
    tokens.intern_two(bytes, head, second, 0x20, ids)
}

/// The form id, whether capitalised and whether all capitals, of the word at bytes `word` of
/// `text` that is not ASCII, longer than eight bytes or at the end of the text (see
/// [`Cut::push`]); listed in [`Tokens::own_spelling`] where that applies. A function of its
/// own rather than a method of [`Cut`], so that the cutting state stays in registers rather
/// than in memory that this call could reach.
#[inline(never)]
fn other_word(
    tokens: &mut Tokens,
    ids: &mut Interner,
    lower: &mut String,
    text: &str,
    word: std::ops::Range<usize>,
    wide: bool,
) -> (u32, bool, bool) {
    let (start, end) = (word.start, word.end);
    let bytes = &text.as_bytes()[start..end];
    let (ty, capitalized, all_caps);
    if !wide {
        // A long ASCII word: a word that starts in lower case, or a capital and then lower
        // case, needs no count of its capitals.
        capitalized = bytes[0].is_ascii_uppercase();
        all_caps = if bytes[0].is_ascii_lowercase()
            || (capitalized && bytes.get(1).is_some_and(u8::is_ascii_lowercase))
        {
            false
        } else {
            let (mut letters, mut upper) = (0u32, 0u32);
            for &b in bytes {
                let k = KIND[b as usize];
                letters += (k & LETTER) as u32;
                upper += ((k & UPPER) >> 1) as u32;
            }
            letters >= 2 && upper == letters
        };
        let later_upper = bytes.iter().skip(1).any(u8::is_ascii_uppercase);
        if (later_upper && !all_caps) || bytes == b"US" {
            spelled_own(tokens);
        }
        ty = if bytes == b"US" {
            tokens.intern(b"u.s", head_of(b"u.s"), 0, ids)
        } else {
            let head = head_at(text.as_bytes(), start, bytes.len(), 0x20);
            tokens.intern(bytes, head, 0x20, ids)
        };
    } else {
        let (mut letters, mut upper) = (0u32, 0u32);
        let word = &text[start..end];
        lower.clear();
        for c in word.chars() {
            // The ASCII characters and the two joiners first: most characters of these words
            // are, and none needs the Unicode tables (the joiners are punctuation, no letter).
            match c {
                c if c.is_ascii() => {
                    letters += c.is_ascii_alphabetic() as u32;
                    upper += c.is_ascii_uppercase() as u32;
                    lower.push(c.to_ascii_lowercase());
                }
                '’' => lower.push('\''),
                '‐' => lower.push('-'),
                c => {
                    if c.is_alphabetic() {
                        letters += 1;
                        upper += c.is_uppercase() as u32;
                    }
                    lower.extend(c.to_lowercase());
                }
            }
        }
        ty = tokens.intern(lower.as_bytes(), head_of(lower.as_bytes()), 0, ids);
        // Its form may write a character otherwise ("’" as "'"), and its case is not only that
        // of ASCII letters.
        spelled_own(tokens);
        capitalized = word.chars().next().is_some_and(char::is_uppercase);
        all_caps = letters >= 2 && upper == letters;
    }
    (ty, capitalized, all_caps)
}

#[cfg(test)]
mod tests {

    #[test]
    fn word_bytes_counts_leading_letters_and_digits() {
        for b in 0..=255u8 {
            let w = u64::from_le_bytes([b'a', b'Z', b'0', b, b'9', b'z', b'A', 0x80]);
            let expected = if b.is_ascii_alphanumeric() { 7 } else { 3 };
            assert_eq!(super::word_bytes(w), expected, "{b:#x}");
        }
        assert_eq!(super::word_bytes(u64::from_le_bytes(*b"abcdefgh")), 8);
        assert_eq!(super::word_bytes(u64::from_le_bytes(*b" bcdefgh")), 0);
    }

    #[test]
    fn ascii_classes_mark_capitals_lower_case_and_digits() {
        for b in 0..=255u8 {
            let w = u64::from_le_bytes([b'Q', b, b'q', b'5', 0xC3, b, b'!', b]);
            let (upper, lower, word) = super::ascii_classes(w);
            let bit = |m: u64, i: usize| m >> (8 * i + 7) & 1 != 0;
            for (i, c) in w.to_le_bytes().into_iter().enumerate() {
                assert_eq!(bit(upper, i), c.is_ascii_uppercase(), "{b:#x} at {i}");
                assert_eq!(bit(lower, i), c.is_ascii_lowercase(), "{b:#x} at {i}");
                assert_eq!(bit(word, i), c.is_ascii_alphanumeric(), "{b:#x} at {i}");
            }
        }
    }

    #[test]
    fn general_punctuation_has_no_word_characters() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(
                !c.is_alphanumeric() && !super::super::is_ideograph(c),
                "{c:?}"
            );
        }
    }
}
