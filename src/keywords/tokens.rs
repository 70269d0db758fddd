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

/// Hashes a lower-cased form for interning (FNV-1a, 64 bits).
fn form_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Maps lower-cased forms to ids without allocating per form: forms are keyed by their hash and
/// checked against the stored text; the rare colliding forms go to an owned map.
#[derive(Default)]
struct Interner {
    by_hash: super::FastMap<u64, u32>,
    collided: super::FastMap<Box<str>, u32>,
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
            let mut start: Option<usize> = None;
            let mut segment_len = 0usize;
            let mut prev = ' ';
            let mut broken = false;
            let mut chars = body.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if !c.is_ascii() && is_ideograph(c) {
                    if let Some(st) = start.take() {
                        t.push(
                            text,
                            s.start + st,
                            s.start + i,
                            si,
                            &mut broken,
                            &mut ids,
                            &mut lower,
                        );
                    }
                    t.push(
                        text,
                        s.start + i,
                        s.start + i + c.len_utf8(),
                        si,
                        &mut broken,
                        &mut ids,
                        &mut lower,
                    );
                    prev = c;
                    continue;
                }
                if c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()) {
                    if start.is_none() {
                        start = Some(i);
                        segment_len = 0;
                    }
                    segment_len += 1;
                } else if start.is_some()
                    && chars
                        .peek()
                        .is_some_and(|&(_, n)| !is_ideograph(n) && joins(prev, c, n, segment_len))
                {
                    segment_len = 0;
                } else {
                    if let Some(st) = start.take() {
                        t.push(
                            text,
                            s.start + st,
                            s.start + i,
                            si,
                            &mut broken,
                            &mut ids,
                            &mut lower,
                        );
                    }
                    if !c.is_whitespace() || c == '\n' || c == '\r' {
                        broken = true;
                    }
                }
                prev = c;
            }
            if let Some(st) = start {
                t.push(
                    text,
                    s.start + st,
                    s.end,
                    si,
                    &mut broken,
                    &mut ids,
                    &mut lower,
                );
            }
            if let Some(first) = t.tokens.get_mut(before) {
                first.flags |= SENTENCE_START;
            }
            t.sentence_words.push((t.tokens.len() - before) as u32);
        }
        t
    }

    fn intern(&mut self, lower: &str, ids: &mut Interner) -> u32 {
        let h = form_hash(lower);
        let next = self.types.len() as u32;
        match ids.by_hash.get(&h) {
            Some(&id) if self.form(id) == lower => return id,
            Some(_) => {
                if let Some(&id) = ids.collided.get(lower) {
                    return id;
                }
                ids.collided.insert(lower.into(), next);
            }
            None => {
                ids.by_hash.insert(h, next);
            }
        }
        let start = self.lower.len() as u32;
        self.lower.push_str(lower);
        self.types.push((start, self.lower.len() as u32));
        next
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        sentence: usize,
        broken: &mut bool,
        ids: &mut Interner,
        lower: &mut String,
    ) {
        let word = &text[start..end];
        lower.clear();
        lower.reserve(word.len());
        let (mut letters, mut upper) = (0usize, 0usize);
        if word.is_ascii() {
            // Most words: byte operations only.
            lower.push_str(word);
            lower.make_ascii_lowercase();
            for b in word.bytes() {
                letters += b.is_ascii_alphabetic() as usize;
                upper += b.is_ascii_uppercase() as usize;
            }
        } else {
            for c in word.chars() {
                if c.is_alphabetic() {
                    letters += 1;
                    upper += c.is_uppercase() as usize;
                }
                match c {
                    '’' => lower.push('\''),
                    '‐' => lower.push('-'),
                    c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
                    c => lower.extend(c.to_lowercase()),
                }
            }
        }
        // "US" in capitals is the country, not the pronoun: it joins "U.S.".
        if lower == "us" && word == "US" {
            lower.clear();
            lower.push_str("u.s");
        }
        let ty = self.intern(lower, ids);
        let mut flags = 0;
        if word.chars().next().is_some_and(char::is_uppercase) {
            flags |= CAPITALIZED;
        }
        if letters >= 2 && upper == letters {
            flags |= ALL_CAPS;
        }
        if std::mem::take(broken) {
            flags |= BREAK_BEFORE;
        }
        // `new` only tokenises sentences that end below 4 GiB, so the casts are exact.
        self.tokens.push(Token {
            start: start as u32,
            end: end as u32,
            sentence: sentence as u32,
            ty,
            flags,
        });
    }
}
