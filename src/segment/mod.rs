//! Sentence segmentation: spans into the original text, never a rewritten copy.
//!
//! # Rules
//!
//! A sentence ends at a terminal mark (`.`, `!`, `?`, an ellipsis, `。`, `！`, `？`), with any
//! closing quotes and brackets after it, when what follows can start a sentence and the mark is
//! not part of an abbreviation, an initial, a number, a URL or an e-mail address. Quotations that
//! end in `!` or `?` run on when a speech verb follows (`“Enough!” Ramirez wrote`).
//!
//! Lines matter too. A blank line ends a sentence and a paragraph. A line without final
//! punctuation is a sentence of its own (headline, byline, caption credit, list item) unless it
//! visibly runs on: it ends in a comma or a function word, the next line starts in lower case, or
//! the block is hard-wrapped prose. List items ("1.", "b)", "•") start sentences, also inline
//! ("1) first 2) second").
//!
//! # Speed
//!
//! [`segment`] looks only at candidate bytes (terminal marks, newlines, `)` and the lead bytes of
//! a few multi-byte marks), found with a table-driven byte search, and decides each candidate by
//! reading a bounded neighbourhood. Nothing is allocated per sentence besides the output vector.

mod abbrev;
mod lines;
mod metadata;

use crate::schema::Metadata;
use abbrev::Kind;
use lines::{Block, Marker, MarkerStyle};

/// One sentence, in byte offsets of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// First byte (not whitespace).
    pub start: usize,
    /// One past the last byte (not whitespace).
    pub end: usize,
    /// Paragraph index.
    pub paragraph: usize,
}

/// The sentences of a text, its paragraph count, and what its first lines say about it.
#[derive(Debug, Clone, Default)]
pub struct Segmentation {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Headline, byline, date and dateline.
    pub metadata: Metadata,
}

/// Splits `text` into sentences and reads its headline, byline, date and dateline.
pub fn segment(text: &str) -> Segmentation {
    let sentences = sentences(text);
    let paragraphs = sentences.last().map_or(0, |s| s.paragraph + 1);
    let metadata = metadata::detect(text, &sentences);
    Segmentation {
        sentences,
        paragraphs,
        metadata,
    }
}

/// Splits `text` into sentences only (no metadata).
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut scanner = Scanner::new(text);
    scanner.run();
    scanner.sentences
}

/// Bytes worth a look: terminal marks, newlines, `)` (list markers) and the lead bytes of
/// `…`, `•`, `⁃` (0xE2), `。` (0xE3), `！`, `？` (0xEF).
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b')' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// The character at byte `i` (a char boundary), or a space past the end.
fn char_at(text: &str, i: usize) -> char {
    text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ')
}

/// True when `c` can open a sentence.
fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || lines::is_opener(c)
        || (c.is_alphabetic() && !c.is_lowercase())
        || matches!(
            c,
            '@' | '#' | '$' | '£' | '€' | '¥' | '¿' | '¡' | '•' | '⁃' | '▪' | '*'
        )
}

/// True when the text `rest` (after a terminal mark and whitespace) can open a sentence. An
/// ellipsis can ("them. … Democrats"), a quotation or bracket opening on a lower-case word cannot
/// ("slave... ‘except").
fn opens_sentence(rest: &str) -> bool {
    let c = rest.chars().next().unwrap_or(' ');
    if c == '…' || rest.starts_with("...") || rest.starts_with(". .") {
        return true;
    }
    if lines::is_opener(c) {
        let inner = rest.trim_start_matches(lines::is_opener);
        return !inner.chars().next().is_some_and(char::is_lowercase);
    }
    !c.is_lowercase() && starts_sentence(c)
}

struct Scanner<'t> {
    text: &'t str,
    b: &'t [u8],
    sentences: Vec<Sentence>,
    /// Where the current sentence's region begins (may point at whitespace).
    cur: usize,
    /// Cached first non-space byte at or after `cur`.
    cur_first: Option<usize>,
    /// Bytes before this are known to hold no letter or digit (punctuation-only fragments).
    checked: usize,
    /// First byte of the current line.
    line_start: usize,
    paragraph: usize,
    /// First byte of the current block (lines between blank lines).
    block_start: usize,
    /// Whether the current block is hard-wrapped, read when first needed.
    block: Option<Block>,
    /// The marker the next inline list item would carry.
    list: Option<Marker>,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Scanner {
            text,
            b: text.as_bytes(),
            sentences: Vec::with_capacity(text.len() / 120 + 1),
            cur: 0,
            cur_first: None,
            checked: 0,
            line_start: 0,
            paragraph: 0,
            block_start: 0,
            block: None,
            list: None,
        }
    }

    fn run(&mut self) {
        let b = self.b;
        let mut i = 0;
        while i < b.len() {
            let Some(off) = b[i..].iter().position(|&c| CANDIDATE[c as usize]) else {
                break;
            };
            let p = i + off;
            let tail = &b[p..];
            i = match b[p] {
                b'\n' => self.newline(p),
                b'.' | b'!' | b'?' => self.terminal(p),
                b')' => self.paren(p),
                _ if tail.starts_with("…".as_bytes())
                    || tail.starts_with("。".as_bytes())
                    || tail.starts_with("！".as_bytes())
                    || tail.starts_with("？".as_bytes()) =>
                {
                    self.terminal(p)
                }
                _ if tail.starts_with("•".as_bytes()) || tail.starts_with("⁃".as_bytes()) => {
                    self.bullet(p)
                }
                _ => p + 1,
            };
        }
        self.finish();
    }

    /// The first non-space byte of the current sentence region (`text.len()` when none).
    fn first(&mut self) -> usize {
        if let Some(f) = self.cur_first {
            return f;
        }
        let rest = &self.text[self.cur..];
        let f = self.cur + (rest.len() - rest.trim_start().len());
        self.cur_first = Some(f);
        f
    }

    /// Ends the current sentence at byte `end`. A fragment with no letter or digit (a stray
    /// "." line) is not a sentence: it stays pending and joins the next one.
    fn push(&mut self, end: usize) {
        let start = self.first();
        if start >= end {
            self.cur = end.max(self.cur);
            self.cur_first = None;
            return;
        }
        let e = start + self.text[start..end].trim_end().len();
        let from = self.checked.max(start);
        if from < e && !self.text[from..e].chars().any(char::is_alphanumeric) {
            self.checked = e;
            return;
        }
        if from >= e && self.checked >= e {
            return;
        }
        self.sentences.push(Sentence {
            start,
            end: e,
            paragraph: self.paragraph,
        });
        self.cur = end;
        self.cur_first = None;
        self.checked = end;
    }

    fn finish(&mut self) {
        let n = self.text.len();
        let before = self.sentences.len();
        self.push(n);
        if self.sentences.len() == before && self.first() < n {
            // Trailing punctuation only: it belongs to the last sentence.
            let e = self.text.trim_end().len();
            if let Some(last) = self.sentences.last_mut() {
                last.end = e.max(last.end);
            } else {
                let start = self.first();
                self.sentences.push(Sentence {
                    start,
                    end: e,
                    paragraph: self.paragraph,
                });
            }
        }
    }

    /// Skips whitespace from `i`; returns the next non-space byte and how many newlines it
    /// crossed.
    fn skip_space(&self, mut i: usize) -> (usize, usize) {
        let b = self.b;
        let mut newlines = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => newlines += 1,
                b' ' | b'\t' | b'\r' | 0x0B | 0x0C => {}
                c if c < 0x80 => break,
                _ => {
                    let c = char_at(self.text, i);
                    if !c.is_whitespace() {
                        break;
                    }
                    i += c.len_utf8();
                    continue;
                }
            }
            i += 1;
        }
        (i, newlines)
    }

    /// A newline at `p`: paragraph breaks, and lines that end without final punctuation.
    fn newline(&mut self, p: usize) -> usize {
        let (q, newlines) = self.skip_space(p + 1);
        let line_start = std::mem::replace(&mut self.line_start, q);
        if q >= self.b.len() {
            return q;
        }
        if newlines > 0 {
            self.push(p);
            if self.sentences.last().map(|s| s.paragraph) == Some(self.paragraph) {
                self.paragraph += 1;
            }
            self.list = None;
            self.block_start = q;
            self.block = None;
            return q;
        }
        if self.first() < p && self.line_breaks(line_start, p, q) {
            self.push(p);
        }
        q
    }

    /// Whether the line `line_start..p`, followed by a line starting at `q`, ends the sentence.
    fn line_breaks(&mut self, line_start: usize, p: usize, q: usize) -> bool {
        let line = self.text[line_start.min(p)..p].trim_end();
        if line.is_empty() || lines::ends_with_terminal(line) {
            // The terminal mark has been decided already.
            return false;
        }
        let next = &self.text[q..];
        if lines::starts_with_bullet(next) {
            return true;
        }
        let last = line.chars().next_back().unwrap_or(' ');
        if matches!(last, ',' | ';' | '-' | '–' | '—' | '&' | '/') {
            return false;
        }
        if last == ':' {
            return lines::starts_with_numbered(next);
        }
        if lines::ends_with_function_word(line) {
            return false;
        }
        if lines::starts_with_numbered(next) {
            return true;
        }
        let c = char_at(self.text, q);
        let first = char_at(self.text, self.first());
        if c.is_lowercase() && !first.is_lowercase() {
            return false;
        }
        if line.len() >= lines::WRAP_MIN_LINE && !c.is_lowercase() && self.wrapped() {
            return false;
        }
        true
    }

    /// Whether the current block is hard-wrapped prose (scanned once per block, on demand).
    fn wrapped(&mut self) -> bool {
        let (text, start) = (self.text, self.block_start);
        self.block
            .get_or_insert_with(|| Block::scan(text, start))
            .wrapped
    }

    /// A terminal mark at `p`. Returns where scanning resumes.
    fn terminal(&mut self, p: usize) -> usize {
        let b = self.b;
        let n = b.len();
        // The run of marks: "?!", "...", ". . .", "。".
        let (mut q, mut dots, mut bang, mut cjk, mut spaced) = (p, 0usize, false, false, false);
        loop {
            let t = &b[q..];
            if t.first() == Some(&b'.') {
                dots += 1;
                q += 1;
            } else if matches!(t.first(), Some(b'!' | b'?')) {
                bang = true;
                q += 1;
            } else if t.starts_with("…".as_bytes()) {
                dots += 3;
                q += 3;
            } else if t.starts_with("。".as_bytes())
                || t.starts_with("！".as_bytes())
                || t.starts_with("？".as_bytes())
            {
                cjk = true;
                q += 3;
            } else if t.starts_with(b" .")
                && dots > 0
                && b[q - 1] == b'.'
                && !b
                    .get(q + 2)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
            {
                spaced = true;
                q += 1;
            } else {
                break;
            }
        }
        // "[...]" marks an omission inside a sentence.
        if !bang && !cjk && p > 0 && b[p - 1] == b'[' && b.get(q) == Some(&b']') {
            return q;
        }
        let mut end = q;
        let mut quoted = false;
        while end < n {
            let c = char_at(self.text, end);
            if !lines::is_closer(c) {
                break;
            }
            quoted |= c != ')' && c != ']';
            end += c.len_utf8();
        }
        if end >= n {
            return n;
        }
        let after = char_at(self.text, end);
        if !after.is_whitespace() {
            // CJK full stops need no space; "world.Today" is two sentences glued together.
            let particle = quoted && matches!(after, 'と' | 'っ');
            if (cjk && !particle) || (dots == 1 && !bang && end == q && self.glued_sentence(p, end))
            {
                self.push(end);
            }
            return end;
        }
        let (next, newlines) = self.skip_space(end);
        if next >= n {
            return end;
        }
        let line_break = newlines > 0;
        let c = char_at(self.text, next);
        let boundary = if cjk {
            // Japanese 「…。」と言った: the particle after a quotation continues the sentence.
            !(quoted && matches!(c, 'と' | 'っ'))
        } else if bang {
            line_break
                || (!c.is_lowercase()
                    && opens_sentence(&self.text[next..])
                    && !(quoted && continues_after_quote(&self.text[next..])))
        } else if dots >= 2 {
            let rest = &self.text[next..];
            let opens = line_break || (opens_sentence(rest) && !is_word_i(rest));
            if opens && spaced && p > 0 && b[p - 1].is_ascii_alphanumeric() {
                // "words. . . . Next": the first period ends the sentence; the spaced ellipsis
                // opens the next one.
                self.push(p + 1);
                return end;
            }
            opens
        } else {
            self.period_ends(p, next, c, line_break)
        };
        if boundary {
            self.push(end);
        }
        end
    }

    /// The word before byte `p`: (start of the raw token, start of the word, the word). The raw
    /// token runs back to whitespace (at most 64 bytes); the word drops leading brackets,
    /// quotes and bullets.
    fn word_before(&self, p: usize) -> (usize, usize, &'t str) {
        let text = self.text;
        // The token never reaches back into the previous sentence ("Tuesday.Mr.").
        let mut floor = p.saturating_sub(64).max(self.cur.min(p));
        // The 64-byte window may cut a character: move to a boundary.
        while !text.is_char_boundary(floor) {
            floor += 1;
        }
        let mut start = p;
        for (i, c) in text[floor..p].char_indices().rev() {
            if c.is_whitespace() {
                break;
            }
            start = floor + i;
        }
        let raw = &text[start..p];
        // The word starts after the last quote, bracket or bullet: "(Mr", "’“Mr" (some texts
        // open quotations with "”"), "•9", "…>Mr" in markup.
        let word = raw
            .rsplit(|c: char| {
                lines::is_opener(c) || lines::is_closer(c) || lines::is_bullet(c) || c == '>'
            })
            .next()
            .unwrap_or(raw);
        (start, p - word.len(), word)
    }

    /// True when byte `raw_start` opens the current sentence (after bullets).
    fn at_sentence_start(&mut self, raw_start: usize) -> bool {
        let first = self.first();
        first >= raw_start
            || self.text[first..raw_start]
                .chars()
                .all(|c| c.is_whitespace() || lines::is_bullet(c))
    }

    /// A list marker token ("2" before "." or ")"): starts a list at the start of a sentence, or
    /// starts the next item inline. Returns true when it is a marker.
    fn list_marker(&mut self, raw_start: usize, word: &str, style: MarkerStyle) -> bool {
        let Some(marker) = Marker::parse(word, style) else {
            return false;
        };
        if self.at_sentence_start(raw_start) {
            self.list = Some(marker.next());
            return true;
        }
        if self.list == Some(marker) {
            self.push(raw_start);
            self.list = Some(marker.next());
            return true;
        }
        false
    }

    /// Whether a single period at `p`, followed by whitespace and the character `c` at `next`,
    /// ends the sentence.
    fn period_ends(&mut self, p: usize, next: usize, c: char, line_break: bool) -> bool {
        let (raw_start, word_start, word) = self.word_before(p);
        let plain = line_break || opens_sentence(&self.text[next..]);
        if word.is_empty() {
            return plain;
        }
        let style = if self.b.get(p + 1) == Some(&b')') {
            MarkerStyle::DotParen
        } else {
            MarkerStyle::Dot
        };
        if !c.is_lowercase() && self.list_marker(raw_start, word, style) {
            return false;
        }
        let rest = &self.text[next..];
        let next_word = abbrev::leading_word(rest);
        match abbrev::classify(word) {
            Kind::Title | Kind::Never => false,
            Kind::NumberPrefix | Kind::Month => !c.is_ascii_digit() && plain,
            Kind::Ambiguous | Kind::Dotted => {
                !c.is_lowercase() && (line_break || abbrev::is_strong_starter(next_word))
            }
            Kind::Time => {
                if c.is_lowercase()
                    || abbrev::is_time_follower(next_word)
                    || is_time_zone(next_word, rest)
                {
                    false
                } else if line_break || abbrev::is_strong_starter(next_word) {
                    true
                } else {
                    plain && !self.intro_phrase(word_start)
                }
            }
            Kind::Initial => {
                if word == "I" && self.follows_lower_word(word_start) {
                    plain
                } else {
                    matches!(
                        next_word,
                        "The" | "It" | "He" | "She" | "They" | "We" | "But"
                    )
                }
            }
            Kind::Word => plain,
        }
    }

    /// True when the sentence so far is a short introductory phrase ("At 5"), so a time after it
    /// does not end the sentence.
    fn intro_phrase(&mut self, word_start: usize) -> bool {
        let first = self.first();
        if word_start <= first || word_start - first > 40 {
            return false;
        }
        let phrase = &self.text[first..word_start];
        abbrev::is_intro_preposition(abbrev::leading_word(phrase))
            && phrase.split_whitespace().count() <= 4
    }

    /// True when the word before `word_start` is in lower case ("you and I.", not "Albert I.").
    fn follows_lower_word(&self, word_start: usize) -> bool {
        let mut from = word_start.saturating_sub(32);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let before = self.text[from..word_start].trim_end();
        before
            .rsplit(char::is_whitespace)
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase)
    }

    /// "world.Today": a period between a word and a capitalised word with no space. Only plain
    /// words qualify, so "Jane.Doe@example.com", "News.XinhuaNet" and "U.S.A" stay whole.
    fn glued_sentence(&self, p: usize, end: usize) -> bool {
        let b = self.b;
        if p == 0 || !b[p - 1].is_ascii_alphanumeric() {
            return false;
        }
        let rest = &b[end..];
        let lower = rest
            .iter()
            .skip(1)
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        if !rest.first().is_some_and(u8::is_ascii_uppercase) || lower == 0 {
            return false;
        }
        let ok_after = match rest.get(1 + lower) {
            None | Some(b' ' | b'\n' | b',' | b'!' | b'?') => true,
            Some(b'.') => matches!(rest.get(2 + lower), None | Some(b' ' | b'\n')),
            _ => false,
        };
        if !ok_after {
            return false;
        }
        let (_, _, word) = self.word_before(p);
        !word.contains(['.', '/', '@', ':']) && abbrev::classify(word) == Kind::Word
    }

    /// A `)` at `p`: inline list markers "1) first 2) second".
    fn paren(&mut self, p: usize) -> usize {
        let b = self.b;
        if !b.get(p + 1).is_some_and(|&c| c == b' ' || c == b'\t') {
            return p + 1;
        }
        let mut s = p;
        while s > 0 && p - s < 4 && b[s - 1].is_ascii_alphanumeric() {
            s -= 1;
        }
        // The marker stands alone: after whitespace, a bullet or the start of the text.
        let alone = s == 0
            || matches!(b[s - 1], b' ' | b'\t' | b'\n')
            || self.text[..s]
                .chars()
                .next_back()
                .is_some_and(lines::is_bullet);
        if s == p || !alone {
            return p + 1;
        }
        let word = &self.text[s..p];
        self.list_marker(s, word, MarkerStyle::Paren);
        p + 1
    }

    /// A bullet at `p` inside a line: a new item when the current sentence is an item too.
    fn bullet(&mut self, p: usize) -> usize {
        let spaced = p > 0 && matches!(self.b[p - 1], b' ' | b'\t');
        let first = self.first();
        if spaced && first < p && char_at(self.text, first) == char_at(self.text, p) {
            self.push(p);
        }
        p + 3
    }
}

/// After a quotation ending in `!` or `?`, a speech verb within the next words means the
/// sentence goes on: `“Enough!” Ramirez wrote`, `“Why?” Ann Lee asked`.
fn continues_after_quote(next: &str) -> bool {
    let mut words = next.split_whitespace().take(3);
    let w1 = words.next().unwrap_or("");
    if w1.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    words
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic()))
        .take_while(|w| !w.is_empty())
        .any(abbrev::is_speech_verb)
}

/// A short capitalised zone after a time: "ET", "E.T.", "EDT" (not the pronoun "I" or "A").
fn is_time_zone(word: &str, rest: &str) -> bool {
    let zone = if rest.as_bytes().get(1) == Some(&b'.') {
        // "E.T." reads as the letters before each period.
        rest.split(|c: char| c.is_whitespace()).next().unwrap_or("")
    } else {
        word
    };
    let letters = zone.bytes().filter(u8::is_ascii_alphabetic).count();
    (2..=4).contains(&letters) && zone.bytes().all(|b| b.is_ascii_uppercase() || b == b'.')
}

/// True when `s` starts with the word "I" (the pronoun after an ellipsis continues).
fn is_word_i(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'I') && !b.get(1).is_some_and(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn simple_periods() {
        assert_eq!(
            split("Hello there. How are you?"),
            ["Hello there.", "How are you?"]
        );
    }

    #[test]
    fn titles_and_decimals() {
        assert_eq!(
            split("Mr. Lee paid 4.5 dollars. He left."),
            ["Mr. Lee paid 4.5 dollars.", "He left."]
        );
    }

    #[test]
    fn headline_and_byline() {
        let text = "Storm hits coast\n\nby: Ann Example 2024-01-02\n\nThe storm came. It left.";
        let seg = segment(text);
        assert_eq!(
            split(text),
            [
                "Storm hits coast",
                "by: Ann Example 2024-01-02",
                "The storm came.",
                "It left."
            ]
        );
        assert_eq!(seg.metadata.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(seg.metadata.byline.as_deref(), Some("Ann Example"));
        assert_eq!(seg.metadata.date.as_deref(), Some("2024-01-02"));
        assert_eq!(seg.paragraphs, 3);
    }

    /// Random texts from pieces that exercise every rule: spans must stay ordered, trimmed,
    /// non-empty and on character boundaries.
    #[test]
    fn random_texts_keep_span_invariants() {
        const PIECES: &[&str] = &[
            ".",
            "!",
            "?",
            "\n",
            "\n\n",
            " ",
            "  ",
            "”",
            "“",
            "…",
            "。",
            "！",
            "•",
            "⁃",
            ")",
            "(",
            "1",
            "12",
            "a",
            "A",
            "I",
            "é",
            "\u{a0}",
            "U.S.",
            "Mr.",
            "a.m.",
            "[",
            "]",
            "'",
            "\"",
            ":",
            ",",
            "-",
            "by ",
            "2021-06-29",
            "MOSCOW, ",
            "Jan.",
            "the ",
            "The ",
            "said ",
            "\t",
            "\r\n",
            "x@y.z",
            "no. ",
            " . . .",
            "中文",
            "said",
            "1. ",
            "b) ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            let seg = segment(&text);
            let mut last_end = 0;
            for s in &seg.sentences {
                assert!(
                    s.start >= last_end && s.start < s.end && s.end <= text.len(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                let span = &text[s.start..s.end];
                assert_eq!(span.trim(), span, "{text:?}");
                last_end = s.end;
            }
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            " ",
            ".",
            "\n\n\n",
            "...",
            "“",
            "a.\u{a0}",
            "é. . .",
            ". . . .\n.\n",
            "1) 2) 3)",
            "• • •",
            "。！？",
            "<p>Hi.</p><p>There!</p>",
            "\u{0}.\u{1}?\u{2}",
        ] {
            let seg = segment(text);
            for s in &seg.sentences {
                assert!(s.start < s.end && s.end <= text.len(), "{text:?}");
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
}
