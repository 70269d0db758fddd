//! Words: one pass over the sentences that cuts the text into tokens and interns their
//! lower-cased forms, so that later stages compare small integer ids instead of strings.
//!
//! A word is a run of letters and digits. Inside a word an apostrophe joins letters ("China's",
//! "don't"), a hyphen joins letters or digits ("China-Russia", "COVID-19"), a point or comma joins
//! digits ("3.5", "1,000"), and a point joins single capitals ("U.S."). Han ideographs and kana
//! are written without spaces, so each such character is a token of its own; the n-grams then
//! give the character pairs and triples that carry meaning in those scripts.

mod cut;
mod intern;

use crate::segment::Sentence;
use cut::Cut;
use intern::{head_of, Interner};

/// The first letter is upper case.
pub const CAPITALIZED: u8 = 1;
/// Every letter is upper case and there are at least two ("NATO", "U.S.").
pub const ALL_CAPS: u8 = 2;
/// The first token of its sentence, whose capital says nothing about the word.
pub const SENTENCE_START: u8 = 4;
/// Punctuation or a line break separates it from the previous token of its sentence, so no
/// phrase spans the two.
pub const BREAK_BEFORE: u8 = 8;

/// One word of the text. Offsets and ids are `u32` so that a token takes 16 bytes: a text
/// has about one token per six bytes, and the tokens are the largest table of the analysis.
/// Text past 4 GiB is not tokenised. Its sentence is not kept here but found from its index
/// (see [`Tokens::sentence_of`]): few readers want it.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
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
    /// The index of the first token of each sentence (the number of tokens before it), and
    /// at the end the number of tokens, which ends the walk of [`Tokens::sentence_of`].
    first_token: Vec<u32>,
    /// The sentence of every [`BLOCK`]th token, where [`Tokens::sentence_of`] starts its walk.
    block_sentence: Vec<u32>,
    /// How the counted tokens of each form are written, indexed by [`Token::ty`].
    pub tallies: Vec<Tally>,
    /// The counted tokens with a hyphen, in text order: the only ones whose parts may count.
    pub hyphenated: Vec<u32>,
    /// The first counted token of each form for each of its [`Tally::by_case`] entries (set
    /// where that weight is not 0), indexed by [`Token::ty`].
    pub first_by_case: Vec<[u32; 4]>,
    /// The counted tokens whose bytes are not what their form and their [`CAPITALIZED`] and
    /// [`ALL_CAPS`] flags make of them, in text order: mixed case ("McCain", "iPhone"), a
    /// character other than an ASCII one, "US" (a form of "u.s"). All other tokens of one
    /// form and those two flags are spelled alike.
    pub own_spelling: Vec<u32>,
}

/// How the counted tokens of one form are written, tallied while cutting so that the stem
/// groups' tallies add up a few thousand forms rather than read every token again. Only the
/// first [`COUNTED`] tokens count. Aligned so that a token's tally is one cache line.
#[derive(Debug, Default, Clone, Copy)]
#[repr(align(32))]
pub struct Tally {
    /// Tokens. While cutting, 0: [`Tokens::new`] adds up [`Tally::by_case`] at the end.
    pub count: u32,
    /// Tokens not at the start of a sentence.
    pub inner: u32,
    /// Of those, how many are capitalised.
    pub inner_caps: u32,
    /// Capitalised tokens next to another capitalised token of their sentence with no break
    /// between: parts of a multi-word name.
    pub in_name: u32,
    /// The weight of the tokens by their [`CAPITALIZED`] and [`ALL_CAPS`] flags (the index):
    /// 2 for each, 1 at the start of a sentence. Apart from [`Tokens::own_spelling`], the
    /// tokens of one entry are spelled alike, so the keyword names tally spellings from these
    /// (see `counts::Counts::name_groups`) instead of reading every token's text.
    pub by_case: [u32; 4],
}

/// The tokens counted in [`Tokens::tallies`] and [`Tokens::hyphenated`]: those whose index
/// fits an occurrence (see `counts`).
pub const COUNTED: usize = super::counts::TOKEN_MASK as usize;

/// Tokens per entry of [`Tokens::block_sentence`]: fewer than a sentence has on average, so
/// that finding a token's sentence seldom steps over one, and the index is still a small
/// fraction of the tokens' size.
const BLOCK: usize = 16;

/// Whether `c` is written without spaces between words (Han ideographs and kana).
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FA1F) // supplementary ideographs
}

/// The head (see [`head_of`]) of the `n` bytes at `start` of `text`, each OR-ed with `fold`
/// (0x20 gives the lower-cased form of an ASCII word, see `intern::form_hash`), read as one
/// word where the text goes on for eight bytes.
pub(super) fn head_at(text: &[u8], start: usize, n: usize, fold: u8) -> u64 {
    let fold = u64::from_ne_bytes([fold; 8]);
    let raw = match text.get(start..start + 8) {
        Some(w) => word_at(w, 0, 0),
        // The text ends within eight bytes, so the bytes are fewer than that.
        None => head_of(text.get(start..start + n).unwrap_or_default()),
    };
    let folded = raw | fold;
    if n >= 8 {
        folded
    } else {
        folded & ((1u64 << (8 * n)) - 1)
    }
}

/// Eight bytes of `b` from `i` as a little-endian word, each OR-ed with `fold`.
pub(super) fn word_at(b: &[u8], i: usize, fold: u64) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w) | fold
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

    /// The index of the sentence of token `i` (below the number of tokens): the last sentence
    /// that starts at or before it (sentences without tokens start where the next one does).
    pub fn sentence_of(&self, i: u32) -> usize {
        let mut s = self.block_sentence[i as usize / BLOCK] as usize;
        while self.first_token[s + 1] <= i {
            s += 1;
        }
        s
    }

    /// Tokenises the sentences of `text` in one pass.
    pub fn new(text: &str, sentences: &[Sentence]) -> Tokens {
        let mut ids = Interner::for_text(text.len());
        let forms = ids.forms();
        let mut t = Tokens {
            tokens: Vec::with_capacity(text.len() / 6),
            types: Vec::with_capacity(forms),
            // Forms average about eight bytes.
            lower: String::with_capacity(forms * 8),
            sentence_words: Vec::with_capacity(sentences.len()),
            first_token: Vec::with_capacity(sentences.len() + 1),
            block_sentence: Vec::with_capacity(text.len() / 6 / BLOCK + 1),
            tallies: Vec::with_capacity(forms),
            hyphenated: Vec::new(),
            first_by_case: Vec::with_capacity(forms),
            own_spelling: Vec::new(),
        };
        let mut lower = String::new();
        for (si, s) in sentences.iter().enumerate() {
            t.first_token.push(t.tokens.len() as u32);
            let in_range = s.start <= s.end && s.end <= u32::MAX as usize;
            let (Some(body), true) = (text.get(s.start..s.end), in_range) else {
                t.sentence_words.push(0);
                continue;
            };
            let before = t.tokens.len();
            let mut cut = Cut {
                tokens: &mut t,
                text,
                broken: false,
                hyphen: false,
                ids: &mut ids,
                lower: &mut lower,
            };
            cut.sentence(body, s.start);
            if let Some(first) = t.tokens.get_mut(before) {
                first.flags |= SENTENCE_START;
            }
            t.tally(before.min(COUNTED)..t.tokens.len().min(COUNTED));
            t.sentence_words.push((t.tokens.len() - before) as u32);
            // The blocks that start among this sentence's tokens.
            while t.block_sentence.len() * BLOCK < t.tokens.len() {
                t.block_sentence.push(si as u32);
            }
        }
        t.first_token.push(t.tokens.len() as u32);
        // `tally` counted the tokens that start a sentence in `inner`, which weigh 1 rather
        // than 2: the weights and those give the count, and the rest are inside.
        for tally in &mut t.tallies {
            let weight: u32 = tally.by_case.iter().sum();
            tally.count = (weight + tally.inner) / 2;
            tally.inner = tally.count - tally.inner;
        }
        t
    }

    /// Tallies the tokens of one sentence (see [`Tally`]): run over them while they are still
    /// in the cache, and within one sentence, where a name's neighbours are. Counts the first
    /// token in [`Tally::inner`], which [`Tokens::new`] turns into the count of the others at
    /// the end: most tokens are then one addition to their weight, and only the capitalised
    /// ones (a few in ten) look at their neighbours.
    fn tally(&mut self, sentence: std::ops::Range<usize>) {
        let from = sentence.start;
        let toks = &self.tokens[sentence];
        let (tallies, firsts) = (&mut self.tallies[..], &mut self.first_by_case[..]);
        let capital = |t: &Token| t.flags & (CAPITALIZED | ALL_CAPS) != 0;
        // Capitalised, with no break before it.
        let joins_capital = |t: &Token| capital(t) & (t.flags & BREAK_BEFORE == 0);
        let mut prev_capital = false;
        for (j, t) in toks.iter().enumerate() {
            let case = (t.flags & (CAPITALIZED | ALL_CAPS)) as usize;
            let tally = &mut tallies[t.ty as usize];
            let weight = &mut tally.by_case[case];
            if *weight == 0 {
                firsts[t.ty as usize][case] = (from + j) as u32;
            }
            *weight += 2;
            let cap = case != 0;
            if cap {
                let inner = t.flags & SENTENCE_START == 0;
                let before = prev_capital & (t.flags & BREAK_BEFORE == 0);
                let after = toks.get(j + 1).is_some_and(joins_capital);
                tally.inner_caps += inner as u32;
                tally.in_name += (before | after) as u32;
            }
            prev_capital = cap;
        }
        // The first token weighs 1.
        if let Some(first) = toks.first() {
            let tally = &mut tallies[first.ty as usize];
            tally.inner += 1;
            tally.by_case[(first.flags & (CAPITALIZED | ALL_CAPS)) as usize] -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Tokens;

    /// The tokens of `text`, cut from its sentences as an analysis cuts them.
    fn tokens_of(text: &str) -> Tokens {
        Tokens::new(text, &crate::segment::segment(text).sentences)
    }

    /// Words that the plain path cuts, and words next to joiners that it leaves to the rest,
    /// are cut as they were.
    #[test]
    fn plain_words_and_joiners() {
        let text = "The U.S. says it's 3.5 or 1,000 tons, not COVID-19; Internationally, \
                    well-known counterintelligence (NATO) officials said: no. Trump’s end";
        let t = tokens_of(text);
        let words: Vec<&str> = t.tokens.iter().map(|k| &text[k.range()]).collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S",
                "says",
                "it's",
                "3.5",
                "or",
                "1,000",
                "tons",
                "not",
                "COVID-19",
                "Internationally",
                "well-known",
                "counterintelligence",
                "NATO",
                "officials",
                "said",
                "no",
                "Trump’s",
                "end"
            ]
        );
        let caps: Vec<u8> = t.tokens.iter().map(|k| k.flags & 3).collect();
        assert_eq!(
            caps,
            [1, 3, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0, 3, 0, 0, 0, 1, 0]
        );
        assert_eq!(t.form(t.tokens[14].ty), "officials");
        assert_eq!(t.form(t.tokens[10].ty), "internationally");
    }

    /// Words joined by apostrophes and hyphens, which the plain path cuts whole where they are
    /// ASCII, are cut as the character walk cuts them, with the same breaks and hyphens.
    #[test]
    fn joined_words() {
        let text = "It's rock'n'roll, dogs' toys. A well-known x-ray-based word-- 9-11, \
                    COVID-19. l'été US-led don't'x it'3 a-'b end-\nof O'Neil's \
                    re-elect\u{2019}s x-\u{2010}y a-b.c e-mail\ttab last-";
        let t = tokens_of(text);
        let words: Vec<&str> = t.tokens.iter().map(|k| &text[k.range()]).collect();
        assert_eq!(
            words,
            [
                "It's",
                "rock'n'roll",
                "dogs",
                "toys",
                "A",
                "well-known",
                "x-ray-based",
                "word",
                "9-11",
                "COVID-19",
                "l'été",
                "US-led",
                "don't'x",
                "it",
                "3",
                "a",
                "b",
                "end",
                "of",
                "O'Neil's",
                "re-elect’s",
                "x",
                "y",
                "a-b",
                "c",
                "e-mail",
                "tab",
                "last"
            ]
        );
        let breaks: Vec<usize> = (t.tokens.iter().enumerate())
            .filter(|(_, k)| k.flags & super::BREAK_BEFORE != 0)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(breaks, [2, 3, 8, 9, 10, 14, 16, 18, 22, 24]);
        assert_eq!(t.hyphenated, [5, 6, 8, 9, 11, 20, 23, 25]);
    }

    /// Every token's sentence is found from its index, across blocks and sentences without
    /// tokens.
    #[test]
    fn sentence_of_every_token() {
        let mut text = String::new();
        let mut sentences = Vec::new();
        for n in 0..200 {
            let start = text.len();
            text.push_str(&"word ".repeat(n % 7));
            text.push_str("-- ");
            let end = text.len();
            sentences.push(crate::segment::Sentence {
                start,
                end,
                paragraph: 0,
            });
        }
        let t = Tokens::new(&text, &sentences);
        let mut i = 0;
        for (s, &n) in t.sentence_words.iter().enumerate() {
            for _ in 0..n {
                assert_eq!(t.sentence_of(i), s, "token {i}");
                i += 1;
            }
        }
        assert_eq!(i as usize, t.tokens.len());
        assert!(t.sentence_words.contains(&0) && t.tokens.len() > 3 * super::BLOCK);
    }

    /// Forms that share their first eight bytes, or end the text, are told apart.
    #[test]
    fn interned_forms() {
        let text = "Internationally internationals INTERNATIONALLY a b A Ab ab Über über 12345678 12345678x 12345678";
        let t = tokens_of(text);
        let ids: Vec<u32> = t.tokens.iter().map(|t| t.ty).collect();
        assert_eq!(ids, [0, 1, 0, 2, 3, 2, 4, 4, 5, 5, 6, 7, 6]);
        assert_eq!(t.form(1), "internationals");
        assert_eq!(t.form(5), "über");
    }

    /// Forms that agree in their first twelve or sixteen bytes and differ in length or in the
    /// bytes after those are told apart, in either order and in capitals.
    #[test]
    fn interned_long_forms() {
        let text = "abcdefghijkl abcdefghijklm abcdefghijklmnop abcdefghijklmnopq \
                    ABCDEFGHIJKLMNOPQ abcdefghijklmnopr ABCDEFGHIJKLMNOP ABCDEFGHIJKLM \
                    ABCDEFGHIJKL abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyy \
                    abcdefghijklmnopqrstuvwxyz1";
        let t = tokens_of(text);
        let ids: Vec<u32> = t.tokens.iter().map(|t| t.ty).collect();
        assert_eq!(ids, [0, 1, 2, 3, 3, 4, 2, 1, 0, 5, 6, 7]);
        assert_eq!(t.form(4), "abcdefghijklmnopr");
    }
}
