//! What the cue rules start from: the few words of a sentence shaped like a phrase opener or a
//! cue verb form, and its first long dash.
//!
//! They come from the keyword stage's tokens ([`Shared`]), which are cut once for the whole
//! analysis: a table lookup per token, where a pass over the bytes ([`scan`], kept for text
//! past 4 GiB, which has no tokens) cost a few lookups per eight bytes. The rules then look at
//! a handful of candidate words per sentence instead of all of them, and read the words next
//! to a candidate from the bytes ([`joined_word`]) rather than from a list of every word.

use crate::bytes::{eight, first_byte, in_range, is_byte, sixteen, HIGH, ONES};
use crate::keywords::tokens::{Token, Tokens, CAPITALIZED};
use std::sync::OnceLock;

/// The candidate words of one sentence, in buffers reused from sentence to sentence. A word is a
/// run of alphanumeric characters and `_`; spans are relative to the sentence.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// The spans, in order, of every word shaped like a phrase opener (a superset: the phrase
    /// rules test each one exactly).
    pub openers: Vec<(usize, usize)>,
    /// The spans, in order, of every word shaped like a cue verb form, small first and last
    /// letters included (a superset).
    pub verbs: Vec<(usize, usize)>,
    /// Byte offset of the first long dash (`―` or `—`), which may open a signature.
    pub long_dash: Option<usize>,
}

impl Words {
    /// Records the word `bytes[start..end]` if it is shaped like a candidate. Inlined into the
    /// scan's loop: it runs for every word of the text.
    #[inline(always)]
    fn push(&mut self, shapes: &Shapes, bytes: &[u8], start: usize, end: usize) {
        let bits = shape(shapes, bytes.get(start..end).unwrap_or(&[]));
        if bits != 0 {
            if bits as u32 != 0 {
                self.openers.push((start, end));
            }
            if bits >> 32 != 0 {
                self.verbs.push((start, end));
            }
        }
    }
}

/// True for the ASCII bytes that belong to a word: letters, digits and `_`.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// The shapes of the phrase openers and cue verb forms, as tables indexed by a word's bytes.
/// Openers are matched in any case, cue verb forms in lower case only (as they are written).
struct Shapes {
    /// Row 1 to 26 for a first byte that is a small letter, 27 to 52 for a capital, row 0 for
    /// any other byte.
    row: [u8; 256],
    /// Per row and word length, a bit per last letter that some phrase opener has (bits 0 to
    /// 25) and, in the rows of small letters, that some cue verb form has (bits 32 to 57). Row
    /// 0 is empty.
    bits: [[u64; 32]; 53],
    /// Per last byte: the bit of its letter (any case) in the openers' half, and of a small
    /// letter in the verbs' half; 0 for any other byte.
    last: [u64; 256],
}

/// For each first letter and word length (folded to lower case), the last letters that some
/// phrase opener or cue verb form has.
fn shapes() -> &'static Shapes {
    static SHAPES: OnceLock<Shapes> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let mut shapes = Shapes {
            row: [0; 256],
            bits: [[0; 32]; 53],
            last: [0; 256],
        };
        let verbs = crate::cues::form_shapes();
        for (first, verbs) in verbs.iter().enumerate() {
            for (len, &verbs) in verbs.iter().enumerate() {
                let opener = super::phrases::OPENER_SHAPES[first].get(len).copied();
                let opener = u64::from(opener.unwrap_or(0));
                shapes.bits[1 + first][len] = opener | u64::from(verbs) << 32;
                shapes.bits[27 + first][len] = opener;
            }
        }
        for b in 0..=255u8 {
            let k = b.to_ascii_lowercase().wrapping_sub(b'a');
            if b.is_ascii_lowercase() {
                shapes.row[usize::from(b)] = k + 1;
                shapes.last[usize::from(b)] = 1 << k | 1 << (32 + k);
            } else if b.is_ascii_uppercase() {
                shapes.row[usize::from(b)] = k + 27;
                shapes.last[usize::from(b)] = 1 << k;
            }
        }
        shapes
    })
}

/// The shape bits of the word `w`: some of bits 0 to 25 when it may be a phrase opener, some of
/// bits 32 to 57 when it may be a cue verb form. Three table lookups, no branch on the letters.
#[inline(always)]
fn shape(shapes: &Shapes, w: &[u8]) -> u64 {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return 0;
    };
    if w.len() >= 32 {
        return 0;
    }
    shapes.bits[usize::from(shapes.row[usize::from(first)])][w.len()]
        & shapes.last[usize::from(last)]
}

/// Per byte of `x` (every byte ASCII), `0x80` where the byte belongs to a word (letter, digit
/// or `_`).
#[inline]
fn word_bytes(x: u64) -> u64 {
    // Setting bit 5 folds capitals onto small letters and moves no other byte into a-z.
    in_range(x | (ONES * 0x20), b'a', b'z') | in_range(x, b'0', b'9') | is_byte(x, b'_')
}

/// Walks eight bytes at `at` whose mask `inside` has `0x80` in each byte that belongs to a run
/// (a word, a token): each run that closes in them is handed to `close` as a byte range, and a
/// run still open at their end is kept in `open`. Starts and ends are taken as two masks and
/// paired in order, since they alternate.
#[inline(always)]
pub(super) fn runs(
    inside: u64,
    at: usize,
    open: &mut Option<usize>,
    mut close: impl FnMut(usize, usize),
) {
    let before = (inside << 8) | if open.is_some() { 0x80 } else { 0 };
    let mut starts = inside & !before;
    let mut ends = !inside & before & HIGH;
    let byte = |mask: u64| at + (mask.trailing_zeros() / 8) as usize;
    while ends != 0 {
        let start = match open.take() {
            Some(start) => start,
            None => {
                let start = byte(starts);
                starts &= starts - 1;
                start
            }
        };
        close(start, byte(ends));
        ends &= ends - 1;
    }
    if starts != 0 {
        *open = Some(byte(starts));
    }
}

/// How far into a quotation the scan still reads words: the rules skip every cue that starts
/// strictly inside a quotation, but a possessive cue ("’s comments") starts at the mark before
/// its "s", which may be the quotation's opening mark (at most three bytes), and a quotation
/// clipped to the sentence may start with a word.
const QUOTE_HEAD: usize = 4;

/// Scans `body`, the sentence that starts at byte `offset` of the text, into `out` (cleared
/// first). `quotes` are the sentence's quotations (in the text's offsets, disjoint, sorted):
/// the words that start inside one past [`QUOTE_HEAD`] are skipped, since no cue they start
/// counts; a phrase cue that starts there cannot reach a word past the closing mark, which is
/// no space, so it could not hide a cue outside either.
pub(super) fn scan(body: &str, offset: usize, quotes: &[(usize, usize)], out: &mut Words) {
    out.openers.clear();
    out.verbs.clear();
    out.long_dash = None;
    let shapes = shapes();
    let bytes = body.as_bytes();
    // Where the current word started, if the last byte read was in a word.
    let mut word: Option<usize> = None;
    let mut i = 0usize;
    // The quotations ahead, relative to the body, and where the scan may jump over the next.
    let mut quotes = quotes
        .iter()
        .map(|&(a, b)| (a.saturating_sub(offset), b.saturating_sub(offset)));
    let mut quote = quotes.next();
    let mut skip_at = quote.map_or(usize::MAX, |q| q.0 + QUOTE_HEAD);
    while i < bytes.len() {
        // Past the head of a quotation and between words: jump to its end, and past the rest
        // of a word that runs on across it. Only the long dash is still looked for.
        if i >= skip_at && word.is_none() {
            if let Some((_, end)) = quote.filter(|q| q.1 > i) {
                if out.long_dash.is_none() {
                    out.long_dash = long_dash(bytes, i, end.min(bytes.len()));
                }
                i = if word_ends_at(body, end) {
                    word_end(body, end)
                } else {
                    end
                };
            }
            quote = quotes.next();
            skip_at = quote.map_or(usize::MAX, |q| q.0 + QUOTE_HEAD);
            continue;
        }
        // Eight ASCII bytes at a time: the word bytes as a mask, and each change between word
        // and non-word bytes starts or ends a word.
        if let Some(x) = eight(bytes, i) {
            if x & HIGH == 0 {
                runs(word_bytes(x), i, &mut word, |start, end| {
                    out.push(shapes, bytes, start, end)
                });
                i += 8;
                continue;
            }
        }
        // One character at a time near non-ASCII characters and in the last bytes.
        let b = bytes[i];
        let (is_word, len) = if b < 0x80 {
            (ASCII_WORD[usize::from(b)], 1)
        } else if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) {
            // U+2000 to U+203F (curly quotes, dashes, spaces), the most common non-ASCII
            // characters of news, hold no letter or digit: no Unicode table lookup.
            (false, 3)
        } else {
            let c = body.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if is_word {
            word.get_or_insert(i);
        } else {
            if let Some(start) = word.take() {
                out.push(shapes, bytes, start, i);
            }
            if out.long_dash.is_none() && is_long_dash(bytes, i) {
                out.long_dash = Some(i);
            }
        }
        i += len;
    }
    if let Some(start) = word {
        out.push(shapes, bytes, start, bytes.len());
    }
}

/// The keyword stage's tokens of the whole text, read by [`Shared::words`] in place of the
/// bytes: each distinct lower-cased form says once whether any word of a token of that form
/// may be a candidate, so most tokens cost one table lookup, and no byte of the text is read
/// for them.
///
/// A token and a word here differ: a token joins words across `'`, `’`, `-`, `‐`, `,` and `.`
/// ("it's", "3.5", "U.S"), and a word runs on across `_` and Han ideographs, which end or are
/// tokens of their own. So a token whose form has a joiner or a character outside ASCII is
/// read from its bytes, word by word, and a word that runs on past its token is dropped: it
/// then holds `_` or a character outside ASCII, which no phrase opener or cue verb form has.
/// Likewise a word that starts inside a quotation past [`QUOTE_HEAD`] is always dropped, where
/// [`scan`] keeps those its eight-byte steps take before it skips: the rules drop any cue that
/// starts inside a quotation, so the candidates that count are the same.
pub(super) struct Shared<'k> {
    /// Every token, in text order.
    tokens: &'k [Token],
    /// Per form id: [`OPENER`], [`VERB`] and the form's length above them, for a form of ASCII
    /// letters and digits; [`PARTS`] for any other form one of whose parts may be a
    /// candidate; 0 when no word of a token of that form can be a candidate.
    forms: Vec<u8>,
    /// Where every long dash of the text starts, in order.
    dashes: Vec<usize>,
    /// The first token and dash not before the last sentence read: sentences come in order.
    token: usize,
    dash: usize,
}

/// [`Shared::forms`]: the token may be a phrase opener, or a cue verb form.
const OPENER: u8 = 1;
const VERB: u8 = 2;
/// [`Shared::forms`]: the token must be read word by word.
const PARTS: u8 = 4;
/// [`Shared::forms`]: the shift of a plain form's length (below 32, as [`shape`] needs).
const LEN_SHIFT: u32 = 3;

impl<'k> Shared<'k> {
    /// Classifies the forms of `tokens`, the tokens of `text`, and finds its long dashes.
    pub(super) fn new(text: &str, tokens: &'k Tokens) -> Shared<'k> {
        let shapes = shapes();
        let forms = (0..tokens.type_count() as u32)
            .map(|ty| form_bits(shapes, tokens.form(ty)))
            .collect();
        Shared {
            tokens: &tokens.tokens,
            forms,
            dashes: long_dashes(text.as_bytes()),
            token: 0,
            dash: 0,
        }
    }

    /// Does what [`scan`] does for the sentence `body` at byte `offset` of the text, whose
    /// quotations are `quotes`, from the tokens (see [`Shared`]): the same candidates, apart
    /// from words that no rule can take.
    pub(super) fn words(
        &mut self,
        body: &str,
        offset: usize,
        quotes: &[(usize, usize)],
        out: &mut Words,
    ) {
        let end = offset + body.len();
        if end > u32::MAX as usize {
            // Text past 4 GiB has no tokens.
            return scan(body, offset, quotes, out);
        }
        out.openers.clear();
        out.verbs.clear();
        // Sentences come in order, so the cursors only move on; from the start otherwise.
        let back = |v: Option<usize>| v.is_some_and(|v| v >= offset);
        if back(self.dash.checked_sub(1).map(|k| self.dashes[k])) {
            self.dash = 0;
        }
        while self.dashes.get(self.dash).is_some_and(|&d| d < offset) {
            self.dash += 1;
        }
        out.long_dash = self
            .dashes
            .get(self.dash)
            .filter(|&&d| d < end)
            .map(|&d| d - offset);
        if back(
            self.token
                .checked_sub(1)
                .map(|k| self.tokens[k].start as usize),
        ) {
            self.token = 0;
        }
        while self
            .tokens
            .get(self.token)
            .is_some_and(|t| (t.start as usize) < offset)
        {
            self.token += 1;
        }
        let shapes = shapes();
        let bytes = body.as_bytes();
        let mut skip = Skip { quotes, next: 0 };
        let mut k = self.token;
        while let Some(t) = self.tokens.get(k) {
            let (start, stop) = (t.start as usize, t.end as usize);
            if start >= end {
                break;
            }
            k += 1;
            let bits = self.forms.get(t.ty as usize).copied().unwrap_or(PARTS);
            if bits == 0 {
                continue;
            }
            let (a, b) = (start - offset, stop.min(end) - offset);
            if bits & PARTS == 0 && usize::from(bits >> LEN_SHIFT) == b - a {
                // A plain word, its token whole.
                if skip.skips(start) || ends_word(body, a) || char_is_word(body, b) {
                    continue;
                }
                if bits & OPENER != 0 {
                    out.openers.push((a, b));
                }
                // A capital first letter makes no cue verb form.
                if bits & VERB != 0 && t.flags & CAPITALIZED == 0 {
                    out.verbs.push((a, b));
                }
                continue;
            }
            // Word by word, as `scan` reads them.
            let mut at = a;
            while at < b {
                while at < b && !char_is_word(body, at) {
                    at += char_len(bytes[at]);
                }
                let word = at;
                while at < b && char_is_word(body, at) {
                    at += char_len(bytes[at]);
                }
                let runs_on =
                    (word == a && ends_word(body, a)) || (at == b && char_is_word(body, b));
                if word < at && !runs_on && !skip.skips(offset + word) {
                    out.push(shapes, bytes, word, at);
                }
            }
        }
        self.token = k;
    }
}

/// The quotations of a sentence, and which word starts fall past the head of one (see
/// [`QUOTE_HEAD`]). Asked about starts in order.
struct Skip<'q> {
    quotes: &'q [(usize, usize)],
    next: usize,
}

impl Skip<'_> {
    /// True when a word that starts at byte `at` of the text starts inside a quotation, past
    /// its head.
    fn skips(&mut self, at: usize) -> bool {
        while self.quotes.get(self.next).is_some_and(|q| q.1 <= at) {
            self.next += 1;
        }
        self.quotes
            .get(self.next)
            .is_some_and(|q| q.0.saturating_add(QUOTE_HEAD) <= at)
    }
}

/// [`Shared::forms`] of the lower-cased form `form`. A cue verb form is written in lower case,
/// so a token can be one only when its form is one; a phrase opener in any case, so the shape
/// of its form is that of the token.
fn form_bits(shapes: &Shapes, form: &str) -> u8 {
    let b = form.as_bytes();
    if !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric) {
        let bits = shape(shapes, b);
        let opener = u8::from(bits as u32 != 0) * OPENER;
        let verb = bits >> 32 != 0 && crate::cues::cue_form(form).is_some();
        let verb = u8::from(verb) * VERB;
        return match opener | verb {
            // `shape` is 0 past 31 bytes, and cue forms are shorter.
            0 => 0,
            bits => bits | (b.len() as u8) << LEN_SHIFT,
        };
    }
    // The words of a token are runs of its characters between joiners, which are ASCII: the
    // word is a part of its form, in lower case (a joiner outside ASCII is one in ASCII).
    let mut parts = b.split(|c| c.is_ascii() && !c.is_ascii_alphanumeric());
    if parts.any(|p| shape(shapes, p) != 0) {
        PARTS
    } else {
        0
    }
}

/// True when the character of `body` at byte `at` (a character boundary) belongs to a word.
fn char_is_word(body: &str, at: usize) -> bool {
    match body.as_bytes().get(at) {
        Some(&b) if b < 0x80 => ASCII_WORD[usize::from(b)],
        Some(_) => body[at..].chars().next().is_some_and(is_word_char),
        None => false,
    }
}

/// The length of the UTF-8 character whose first byte is `b`.
fn char_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// True when a word of `body` ends at `at`: the character before it belongs to a word. An
/// ASCII byte before it is read without decoding.
fn ends_word(body: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|p| body.as_bytes().get(p)) {
        Some(&b) if b < 0x80 => ASCII_WORD[usize::from(b)],
        Some(_) => word_ends_at(body, at),
        None => false,
    }
}

/// True for a character of a word: a letter, a digit or `_`. The general punctuation block
/// (curly quotes and dashes, which end most quotations) needs no Unicode table lookup.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        ASCII_WORD[c as usize]
    } else {
        !('\u{2000}'..='\u{203F}').contains(&c) && c.is_alphanumeric()
    }
}

/// The span of the word after the word of `body` that ends at `end`, when only spaces separate
/// the two: a phrase cue is a run of words joined by spaces.
pub(super) fn joined_word(body: &str, end: usize) -> Option<(usize, usize)> {
    let bytes = body.as_bytes();
    let mut start = end;
    while bytes.get(start) == Some(&b' ') {
        start += 1;
    }
    if start == end {
        return None;
    }
    let end = word_end(body, start);
    (end > start).then_some((start, end))
}

/// Where the run of word characters of `body` from `at` ends: a byte loop over ASCII word
/// bytes, characters only past a non-ASCII byte.
fn word_end(body: &str, at: usize) -> usize {
    let bytes = body.as_bytes();
    let mut end = at;
    while let Some(&b) = bytes.get(end) {
        if b < 0x80 {
            if !ASCII_WORD[usize::from(b)] {
                break;
            }
            end += 1;
        } else {
            match body.get(end..).and_then(|r| r.chars().next()) {
                Some(c) if is_word_char(c) => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    end
}

/// Where every long dash of `bytes` starts, in order: eight bytes at a time, testing only the
/// bytes 94 and 95, which end a long dash and, in news, little else (E2, which starts one,
/// also starts every curly quotation mark).
fn long_dashes(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut check = |mut ends: u64, at: usize| {
        while ends != 0 {
            let end = at + (ends.trailing_zeros() / 8) as usize;
            // `first_byte` may mark bytes after a mark falsely: each mark is checked.
            if let Some(start) = end.checked_sub(2).filter(|&s| is_long_dash(bytes, s)) {
                out.push(start);
            }
            ends &= ends - 1;
        }
    };
    // Setting bit 0 makes 94 into 95.
    let ends = |x: u64| first_byte(x | ONES, 0x95);
    // Sixteen bytes at a time, most of them all ASCII.
    let mut chunks = bytes.chunks_exact(16);
    let mut at = 0;
    for chunk in &mut chunks {
        let (x, y) = sixteen(chunk);
        if (x | y) & HIGH != 0 {
            check(ends(x), at);
            check(ends(y), at + 8);
        }
        at += 16;
    }
    let (x, y) = sixteen(chunks.remainder());
    check(ends(x), at);
    check(ends(y), at + 8);
    out
}

/// True when a long dash (`―` or `—`, E2 80 94 and E2 80 95) starts at byte `at`.
fn is_long_dash(bytes: &[u8], at: usize) -> bool {
    matches!(bytes.get(at..at + 3), Some([0xE2, 0x80, 0x94 | 0x95]))
}

/// The first long dash in `bytes[from..to]` (a range of whole characters): eight bytes at a
/// time, testing only the bytes E2.
fn long_dash(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let mut i = from;
    while i + 8 <= to {
        let mut lead = eight(bytes, i).map_or(0, |x| is_byte(x, 0xE2));
        while lead != 0 {
            let at = i + (lead.trailing_zeros() / 8) as usize;
            if is_long_dash(bytes, at) {
                return Some(at);
            }
            lead &= lead - 1;
        }
        i += 8;
    }
    (i..to).find(|&at| is_long_dash(bytes, at))
}

/// True when the character of `body` before `at` belongs to a word: a word ends at `at`.
pub(super) fn word_ends_at(body: &str, at: usize) -> bool {
    body.get(..at)
        .and_then(|b| b.chars().next_back())
        .is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inside a quotation only the head's words are kept, and the first long dash is found in
    /// the skipped bytes too.
    #[test]
    fn quotations_are_skipped_but_their_dashes_are_not() {
        let body = "He said: \"they said, it was said — so it was said\" as said";
        let (a, b) = (body.find('"').unwrap(), body.rfind('"').unwrap() + 1);
        let mut words = Words::default();
        scan(body, 10, &[(10 + a, 10 + b)], &mut words);
        let said = |words: &Words| -> Vec<usize> {
            let said = words.verbs.iter().filter(|v| &body[v.0..v.1] == "said");
            said.map(|v| v.0).collect()
        };
        // Past the head, the words of a quotation are dropped at the first eight-byte step.
        assert_eq!(said(&words), [3, 15, body.len() - 4]);
        assert_eq!(words.long_dash, body.find('—'));
        scan(body, 0, &[], &mut words);
        assert_eq!(said(&words).len(), 5);
    }

    /// The candidates that count, from the tokens and from the bytes, sentence by sentence:
    /// the cue verb forms and the phrase cues that start outside quotations, and the first long
    /// dash.
    fn same_candidates(text: &str) {
        let seg = crate::segment::segment(text);
        let tokens = Tokens::new(text, &seg.sentences);
        let (spans, _) = super::super::real_quotes(text, &crate::quotes::find(text));
        let mut shared = Shared::new(text, &tokens);
        let (mut bytes, mut toks) = (Words::default(), Words::default());
        for s in &seg.sentences {
            let body = &text[s.start..s.end];
            let quotes: Vec<(usize, usize)> = spans
                .iter()
                .map(|q| (q.start.max(s.start), q.end.min(s.end)))
                .filter(|q| q.0 < q.1)
                .collect();
            scan(body, s.start, &quotes, &mut bytes);
            shared.words(body, s.start, &quotes, &mut toks);
            let outside = |at: usize| {
                !quotes
                    .iter()
                    .any(|q| q.0 < s.start + at && s.start + at < q.1)
            };
            let verbs = |w: &Words| -> Vec<(usize, usize)> {
                let cues = w.verbs.iter().copied();
                let cues = cues.filter(|&(a, b)| crate::cues::cue_form(&body[a..b]).is_some());
                cues.filter(|&(a, _)| outside(a)).collect()
            };
            let phrases = |w: &Words| -> Vec<_> {
                let found = super::super::phrases::find(body, w).into_iter();
                found.filter(|m| outside(m.start)).collect()
            };
            assert_eq!(verbs(&toks), verbs(&bytes), "{body:?}");
            assert_eq!(phrases(&toks), phrases(&bytes), "{body:?}");
            assert_eq!(toks.long_dash, bytes.long_dash, "{body:?}");
        }
    }

    /// Where a token is not a word: joiners, `_`, ideographs, capitals, characters outside
    /// ASCII, quotations whose head or end falls inside a token, dashes inside quotations.
    #[test]
    fn tokens_give_the_candidates_of_the_bytes() {
        for text in [
            "The mayor said it. Trump’s comments that it was fine. Officials' statement that it is.",
            "He said_it and foo_said, _said said_ x_s statement that. The U.S. said. US said.",
            "他said 中文said said中文 “said” he said. Said SAID sAid saId said.",
            "It is said to rain, according to officials. As Lee put it, it was reportedly fine.",
            "Zürich said, naïve said, \u{212A}said and sa\u{212A}d, İs said. Señor said so.",
            "‘Trump’s statement that it works,’ Lee said. “s comments that,” she said.",
            "“It is said that he said and according to them,” he said — Jane Roe “yes”.",
            "A well-known re-said co-author said: “it was 3.5 or 1,000 said.” Quoted as saying.",
            "“We are ready. According to the plan, it is said to work,” he said. “No. s comments.",
            "“Unclosed quotation said and is said to go on\n\nNext paragraph said it.",
            "Counterintellectualisations said. Internationalisationsaid said x— “a” ― B “c”.",
        ] {
            same_candidates(text);
        }
        // Pieces put together at random: words, joiners and marks next to each other.
        let pieces = [
            "said",
            "Said",
            "s",
            "comments",
            "that",
            "according",
            "to",
            "is",
            "said",
            "it",
            "’",
            "'",
            "-",
            "_",
            ".",
            ",",
            " ",
            " ",
            " ",
            "“",
            "”",
            "\"",
            "‘",
            "中",
            "é",
            "—",
            "―",
            "3",
            "U.S.",
            "US",
            "as",
            "put",
            "quoted",
            "saying",
            "\n",
            "claims",
            "from",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..24 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            same_candidates(&text);
        }
    }

    #[test]
    fn general_punctuation_has_no_word_characters() {
        for c in '\u{2000}'..='\u{203F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert_eq!(c.len_utf8(), 3);
        }
    }
}
