//! Words: one pass over the sentences that cuts the text into tokens and interns their
//! lower-cased forms, so that later stages compare small integer ids instead of strings.
//!
//! A word is a run of letters and digits. Inside a word an apostrophe joins letters ("China's",
//! "don't"), a hyphen joins letters or digits ("China-Russia", "COVID-19"), a point or comma joins
//! digits ("3.5", "1,000"), and a point joins single capitals ("U.S."). Han ideographs and kana
//! are written without spaces, so each such character is a token of its own; the n-grams then
//! give the character pairs and triples that carry meaning in those scripts.

use crate::segment::Sentence;

/// The first letter is upper case.
pub const CAPITALIZED: u8 = 1;
/// Every letter is upper case and there are at least two ("NATO", "U.S.").
pub const ALL_CAPS: u8 = 2;
/// The first token of its sentence, whose capital says nothing about the word.
pub const SENTENCE_START: u8 = 4;
/// Punctuation or a line break separates it from the previous token of its sentence, so no
/// phrase spans the two.
pub const BREAK_BEFORE: u8 = 8;

/// One word of the text. Offsets and indices are `u32` so that a token takes 20 bytes: a text
/// has about one token per six bytes, and the tokens are the largest table of the analysis.
/// Text past 4 GiB is not tokenised.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Index of its sentence.
    pub sentence: u32,
    /// Id of its lower-cased form (see [`Tokens::form`]).
    pub ty: u32,
    /// [`CAPITALIZED`], [`ALL_CAPS`], [`SENTENCE_START`], [`BREAK_BEFORE`].
    pub flags: u8,
}

/// The tokens of a text and the distinct lower-cased forms they use.
#[derive(Debug, Default)]
pub struct Tokens {
    /// Every token, in text order.
    pub tokens: Vec<Token>,
    /// Distinct lower-cased forms, indexed by [`Token::ty`]: byte ranges of `lower`.
    types: Vec<(u32, u32)>,
    /// The distinct lower-cased forms, one after the other.
    lower: String,
    /// Tokens per sentence.
    pub sentence_words: Vec<u32>,
}

/// Whether `c` is written without spaces between words (Han ideographs and kana).
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FA1F) // supplementary ideographs
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

/// Hashes a lower-cased form for interning (the FxHash multiply-rotate step over words of the
/// form read straight from memory: a form up to eight bytes costs one or two loads). `fold` is
/// OR-ed into every byte first: an ASCII word's lower-cased form is its bytes with 0x20 set
/// (letters, digits, `'`, `-`, `,` and `.` all have it), so passing 0x20 hashes that form without
/// building it; pass 0 for bytes already lower-cased.
fn form_hash(b: &[u8], fold: u8) -> u64 {
    let fold = u64::from_ne_bytes([fold; 8]);
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    let word = |i: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(w) | fold
    };
    let half = |i: usize| {
        let mut w = [0; 4];
        w.copy_from_slice(&b[i..i + 4]);
        u32::from_le_bytes(w) as u64 | (fold & 0xffff_ffff)
    };
    let n = b.len();
    let h = step(0, n as u64);
    // Overlapping reads cover the tail; the exact comparison in `intern` settles any collision.
    if n >= 8 {
        let mut h = h;
        let mut i = 0;
        while i + 8 < n {
            h = step(h, word(i));
            i += 8;
        }
        step(h, word(n - 8))
    } else if n >= 4 {
        step(h, half(0) | half(n - 4) << 32)
    } else if n > 0 {
        let byte = |i: usize| (b[i] as u64) | (fold & 0xff);
        step(h, byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16)
    } else {
        h
    }
}

/// Maps lower-cased forms to ids without allocating per form: an open-addressing table of ids,
/// each slot also holding 32 bits of its form's hash so that most mismatches are rejected
/// without reading the form.
struct Interner {
    /// `(hash bits, id)`; `EMPTY` ids are free slots. The length is a power of two.
    slots: Vec<(u32, u32)>,
}

const EMPTY: u32 = u32::MAX;

impl Default for Interner {
    fn default() -> Self {
        Interner {
            slots: vec![(0, EMPTY); 1 << 12],
        }
    }
}

impl Interner {
    /// The slot index of hash `h` (the high bits: the multiply mixes upwards).
    fn home(&self, h: u64) -> usize {
        (h >> (64 - self.slots.len().trailing_zeros())) as usize
    }
}

impl Token {
    /// Its byte range in the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl Tokens {
    /// Number of distinct lower-cased forms.
    pub fn type_count(&self) -> usize {
        self.types.len()
    }

    /// The lower-cased form with id `ty`.
    pub fn form(&self, ty: u32) -> &str {
        let (a, b) = self.types[ty as usize];
        &self.lower[a as usize..b as usize]
    }

    /// Tokenises the sentences of `text` in one pass.
    pub fn new(text: &str, sentences: &[Sentence]) -> Tokens {
        let mut t = Tokens {
            tokens: Vec::with_capacity(text.len() / 6),
            types: Vec::new(),
            lower: String::new(),
            sentence_words: Vec::with_capacity(sentences.len()),
        };
        let mut ids = Interner::default();
        let mut lower = String::new();
        for (si, s) in sentences.iter().enumerate() {
            let in_range = s.start <= s.end && s.end <= u32::MAX as usize;
            let (Some(body), true) = (text.get(s.start..s.end), in_range) else {
                t.sentence_words.push(0);
                continue;
            };
            let before = t.tokens.len();
            let mut cut = Cut {
                tokens: &mut t,
                text,
                sentence: si as u32,
                broken: false,
                ids: &mut ids,
                lower: &mut lower,
            };
            cut.sentence(body, s.start);
            if let Some(first) = t.tokens.get_mut(before) {
                first.flags |= SENTENCE_START;
            }
            t.sentence_words.push((t.tokens.len() - before) as u32);
        }
        t
    }

    /// The id of the lower-cased form of `word`, adding the form if it is new. With `fold`
    /// 0x20, `word` is an ASCII word and its form is its bytes with that bit set (see
    /// [`form_hash`]); with `fold` 0 it is the form itself.
    fn intern(&mut self, word: &str, fold: u8, ids: &mut Interner) -> u32 {
        let bytes = word.as_bytes();
        let h = form_hash(bytes, fold);
        let tag = h as u32;
        let mask = ids.slots.len() - 1;
        let mut k = ids.home(h);
        loop {
            let (slot_tag, id) = ids.slots[k];
            if id == EMPTY {
                break;
            }
            if slot_tag == tag {
                let form = self.form(id).as_bytes();
                if form.len() == bytes.len() && form.iter().zip(bytes).all(|(&a, &b)| a == b | fold)
                {
                    return id;
                }
            }
            k = (k + 1) & mask;
        }
        let id = self.types.len() as u32;
        let start = self.lower.len() as u32;
        if fold == 0 {
            self.lower.push_str(word);
        } else {
            // ASCII word characters with 0x20 set are their lower-case forms.
            self.lower.extend(bytes.iter().map(|&b| (b | fold) as char));
        }
        self.types.push((start, self.lower.len() as u32));
        ids.slots[k] = (tag, id);
        if self.types.len() * 2 > ids.slots.len() {
            self.grow(ids);
        }
        id
    }

    /// Doubles the interning table, re-placing every form.
    fn grow(&self, ids: &mut Interner) {
        ids.slots = vec![(0, EMPTY); ids.slots.len() * 2];
        let mask = ids.slots.len() - 1;
        for id in 0..self.types.len() as u32 {
            let h = form_hash(self.form(id).as_bytes(), 0);
            let mut k = ids.home(h);
            while ids.slots[k].1 != EMPTY {
                k = (k + 1) & mask;
            }
            ids.slots[k] = (h as u32, id);
        }
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

/// [`KIND`] bits: an ASCII letter, an ASCII capital, a byte of a non-ASCII character.
const LETTER: u8 = 1;
const UPPER: u8 = 2;
const WIDE: u8 = 4;

/// What a byte says about the word it is in.
const KIND: [u8; 256] = {
    let mut table = [WIDE; 256];
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
struct Cut<'a> {
    tokens: &'a mut Tokens,
    text: &'a str,
    sentence: u32,
    /// Punctuation or a line break came after the last token.
    broken: bool,
    ids: &'a mut Interner,
    /// A buffer for lower-casing non-ASCII words.
    lower: &'a mut String,
}

impl Cut<'_> {
    /// Cuts `body`, which starts at byte `base` of the text. Walks bytes, and decodes a character
    /// only where the byte is not ASCII: most text is ASCII, and its words are runs of bytes of
    /// one class.
    fn sentence(&mut self, body: &str, base: usize) {
        let b = body.as_bytes();
        // The start of the current word, if any, and the characters since the word's start or
        // its last joiner.
        let mut start: Option<usize> = None;
        let mut segment_len = 0usize;
        let mut prev = ' ';
        let mut i = 0;
        while i < b.len() {
            let class = CLASS[b[i] as usize];
            if class == Class::Word {
                let run = i;
                i += 1;
                while i < b.len() && CLASS[b[i] as usize] == Class::Word {
                    i += 1;
                }
                if start.is_none() {
                    start = Some(run);
                    segment_len = 0;
                }
                segment_len += i - run;
                prev = b[i - 1] as char;
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
                    self.push(base + st, base + i);
                }
                self.push(base + i, base + next_at);
            } else if class == Class::Wide && c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                    segment_len = 0;
                }
                segment_len += 1;
            } else if start.is_some()
                && matches!(c, '\'' | '’' | '-' | '‐' | ',' | '.')
                && body[next_at..]
                    .chars()
                    .next()
                    .is_some_and(|n| !is_ideograph(n) && joins(prev, c, n, segment_len))
            {
                segment_len = 0;
            } else {
                if let Some(st) = start.take() {
                    self.push(base + st, base + i);
                }
                if !c.is_whitespace() || c == '\n' || c == '\r' {
                    self.broken = true;
                }
            }
            prev = c;
            i = next_at;
        }
        if let Some(st) = start {
            self.push(base + st, base + b.len());
        }
    }

    /// Adds the token at bytes `start..end` of the text.
    fn push(&mut self, start: usize, end: usize) {
        let word = &self.text[start..end];
        // Most words are ASCII: one pass of table look-ups gives what `flags` needs, and the
        // form is interned without a copy unless it is new.
        let (mut letters, mut upper, mut wide) = (0u32, 0u32, 0u8);
        for &b in word.as_bytes() {
            let k = KIND[b as usize];
            letters += (k & LETTER) as u32;
            upper += ((k & UPPER) >> 1) as u32;
            wide |= k;
        }
        let ty = if wide & WIDE == 0 {
            if word == "US" {
                // "US" in capitals is the country, not the pronoun: it joins "U.S.".
                self.tokens.intern("u.s", 0, self.ids)
            } else {
                self.tokens.intern(word, 0x20, self.ids)
            }
        } else {
            (letters, upper) = (0, 0);
            let lower = &mut *self.lower;
            lower.clear();
            for c in word.chars() {
                if c.is_alphabetic() {
                    letters += 1;
                    upper += c.is_uppercase() as u32;
                }
                match c {
                    '’' => lower.push('\''),
                    '‐' => lower.push('-'),
                    c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
                    c => lower.extend(c.to_lowercase()),
                }
            }
            self.tokens.intern(lower, 0, self.ids)
        };
        let mut flags = 0;
        let capitalized = match word.as_bytes().first() {
            Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
            _ => word.chars().next().is_some_and(char::is_uppercase),
        };
        if capitalized {
            flags |= CAPITALIZED;
        }
        if letters >= 2 && upper == letters {
            flags |= ALL_CAPS;
        }
        if std::mem::take(&mut self.broken) {
            flags |= BREAK_BEFORE;
        }
        // `new` only tokenises sentences that end below 4 GiB, so the casts are exact.
        self.tokens.tokens.push(Token {
            start: start as u32,
            end: end as u32,
            sentence: self.sentence,
            ty,
            flags,
        });
    }
}
