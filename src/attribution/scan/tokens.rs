//! The candidate words of a sentence read from the keyword stage's tokens, in place of
//! [`scan`]'s pass over the bytes.

use super::{
    is_word_char, scan, shape, shapes, word_ends_at, Shapes, Words, ASCII_WORD, QUOTE_HEAD,
};
use crate::bytes::char_width;
use crate::keywords::tokens::{Token, Tokens, CAPITALIZED};

/// The keyword stage's tokens of the whole text, read by [`TokenScan::words`] in place of the
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
pub(in crate::attribution) struct TokenScan<'k> {
    /// Every token, in text order.
    tokens: &'k [Token],
    /// Per form id: [`OPENER`], [`VERB`] and the form's length above them, for a form of ASCII
    /// letters and digits; [`PARTS`] for any other form one of whose parts may be a
    /// candidate; 0 when no word of a token of that form can be a candidate.
    forms: Vec<u8>,
    /// Where every long dash of the text starts, in order.
    dashes: &'k [usize],
    /// The first token and dash not before the last sentence read: sentences come in order.
    token: usize,
    dash: usize,
}

/// [`TokenScan::forms`]: the token may be a phrase opener, or a cue verb form.
const OPENER: u8 = 1;
const VERB: u8 = 2;
/// [`TokenScan::forms`]: the token must be read word by word.
const PARTS: u8 = 4;
/// [`TokenScan::forms`]: the shift of a plain form's length (below 32, as [`shape`] needs).
const LEN_SHIFT: u32 = 3;

impl<'k> TokenScan<'k> {
    /// Classifies the forms of `tokens`, the tokens of the text, whose long dashes start at
    /// `dashes` (in order, from [`crate::quotes::find_with_dashes`]).
    pub(in crate::attribution) fn new(dashes: &'k [usize], tokens: &'k Tokens) -> TokenScan<'k> {
        let shapes = shapes();
        let forms = (0..tokens.type_count() as u32)
            .map(|ty| form_bits(shapes, tokens.form(ty)))
            .collect();
        TokenScan {
            tokens: &tokens.tokens,
            forms,
            dashes,
            token: 0,
            dash: 0,
        }
    }

    /// Does what [`scan`] does for the sentence `body` at byte `offset` of the text, whose
    /// quotations are `quotes`, from the tokens (see [`TokenScan`]): the same candidates, apart
    /// from words that no rule can take.
    pub(in crate::attribution) fn words(
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
        let forms = &self.forms;
        let bits_of = |t: &Token| forms.get(t.ty as usize).copied().unwrap_or(PARTS);
        // `end` fits in 32 bits (see above).
        let end32 = end as u32;
        let mut k = self.token;
        loop {
            // Most tokens can be no candidate: they are passed over in a loop of their own,
            // which keeps what it reads in registers, up to the next one that may be or the
            // end of the sentence.
            let rest = self.tokens.get(k..).unwrap_or_default();
            let Some(skipped) = rest
                .iter()
                .position(|t| t.start >= end32 || bits_of(t) != 0)
            else {
                k = self.tokens.len();
                break;
            };
            k += skipped;
            let t = &self.tokens[k];
            if t.start >= end32 {
                break;
            }
            k += 1;
            let (start, stop) = (t.start as usize, t.end as usize);
            let bits = bits_of(t);
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
                    at += char_width(bytes[at]);
                }
                let word = at;
                while at < b && char_is_word(body, at) {
                    at += char_width(bytes[at]);
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

/// [`TokenScan::forms`] of the lower-cased form `form`. A cue verb form is written in lower case,
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

/// True when a word of `body` ends at `at`: the character before it belongs to a word. An
/// ASCII byte before it is read without decoding.
fn ends_word(body: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|p| body.as_bytes().get(p)) {
        Some(&b) if b < 0x80 => ASCII_WORD[usize::from(b)],
        Some(_) => word_ends_at(body, at),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan;
    use super::*;

    /// The candidates that count, from the tokens and from the bytes, sentence by sentence:
    /// the cue verb forms and the phrase cues that start outside quotations, and the first long
    /// dash.
    fn same_candidates(text: &str) {
        let seg = crate::segment::segment(text);
        let tokens = Tokens::new(text, &seg.sentences);
        let (quotes, dashes) = crate::quotes::find_with_dashes(text);
        let (spans, _) = crate::attribution::real_quotes(text, &quotes);
        let mut shared = TokenScan::new(&dashes, &tokens);
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
                let found = crate::attribution::phrases::find(body, w).into_iter();
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
        let mut random = crate::testing::Pieces::new();
        for _ in 0..3000 {
            same_candidates(&random.text(&pieces, 24));
        }
    }
}
