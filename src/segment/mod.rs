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
mod terminal;

use crate::bytes::{char_width, padded, HIGH, ONES};
use crate::schema::Metadata;
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

/// ASCII bytes worth a look: terminal marks, newlines and `)` (list markers).
static CANDIDATE: [bool; 128] = {
    let mut t = [false; 128];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b')' as usize] = true;
    t
};

/// The characters beyond ASCII worth a look: terminal marks and bullets.
const MARKS: [&str; 6] = ["…", "。", "！", "？", "•", "⁃"];

/// The first candidate at or after `i`: a byte of [`CANDIDATE`] or the first byte of one of
/// the [`MARKS`]. Not inlined: inside the scanner's loop the compiler runs short of registers
/// and reloads the word constants of [`next_stop`] for every word.
#[inline(never)]
fn next_candidate(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let at = next_stop(b, i)?;
        let c = b[at];
        if c < 0x80 {
            if CANDIDATE[usize::from(c)] {
                return Some(at);
            }
            i = at + 1;
        } else if MARKS.iter().any(|m| b[at..].starts_with(m.as_bytes())) {
            return Some(at);
        } else {
            // Curly quotes, dashes, letters: stepped over whole, here rather than in the
            // scanner's loop.
            i = at + char_width(c);
        }
    }
}

/// The first byte at or after `i` that may be a candidate. Eight bytes are tested at a time
/// with word arithmetic (portable, no SIMD); the test is a little wider than the candidates,
/// so that it takes few operations: it stops at every non-ASCII byte, and at `/` and `>` (which
/// share bits with `.` and `?`).
#[inline]
fn next_stop(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    let mut words = rest.chunks_exact(8);
    let mut at = i;
    for word in words.by_ref() {
        if let Some(o) = word_stop(padded(word)) {
            return Some(at + o);
        }
        at += 8;
    }
    // Zero bytes pad the tail, and zero is none of the marks.
    let tail = words.remainder();
    word_stop(padded(tail))
        .filter(|&o| o < tail.len())
        .map(|o| at + o)
}

/// The first byte of `x` that [`next_stop`] stops at.
#[inline]
fn word_stop(x: u64) -> Option<usize> {
    // A byte of `t` is zero where `x` holds one of the marks; `t - ONES` sets the high bit
    // there (as `bytes::first_byte` does: only the first hit is exact, which is all we use),
    // and `x` itself the high bit of every non-ASCII byte.
    let bang_paren = (x | (ONES * 0x08)) ^ (ONES * u64::from(b')')); // `!`, `)`
    let stop = (x | (ONES * 0x11)) ^ (ONES * u64::from(b'?')); // `.`, `?`, `/`, `>`
    let newline = x ^ (ONES * u64::from(b'\n'));
    let hit =
        (x | bang_paren.wrapping_sub(ONES) | stop.wrapping_sub(ONES) | newline.wrapping_sub(ONES))
            & HIGH;
    (hit != 0).then(|| (hit.trailing_zeros() / 8) as usize)
}

/// The character at byte `i` (a char boundary), or a space past the end. An ASCII byte is its
/// own character: only other characters are decoded.
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&c) if c < 0x80 => char::from(c),
        _ => text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' '),
    }
}

/// True when `s` holds a letter or digit. ASCII bytes are tested as they are, and General
/// Punctuation up to U+203F (spaces, dashes, quotes: none a letter or digit) is stepped over, so
/// that the quotation marks opening many sentences are not looked up in the Unicode tables.
fn has_alphanumeric(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            c @ 0..=0x7F => {
                if c.is_ascii_alphanumeric() {
                    return true;
                }
                i += 1;
            }
            // U+2000 to U+203F, three bytes each.
            0xE2 if b.get(i + 1) == Some(&0x80) => i += 3,
            _ => {
                let c = char_at(s, i);
                if c.is_alphanumeric() {
                    return true;
                }
                i += c.len_utf8();
            }
        }
    }
    false
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
            let Some(p) = next_candidate(b, i) else {
                break;
            };
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
                c => p + char_width(c),
            };
        }
        self.finish();
    }

    /// The first non-space byte of the current sentence region (`text.len()` when none).
    fn first(&mut self) -> usize {
        if let Some(f) = self.cur_first {
            return f;
        }
        let (f, _) = self.skip_space(self.cur);
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
        let e = self.trim_end(start, end);
        let from = self.checked.max(start);
        if from < e && !has_alphanumeric(&self.text[from..e]) {
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

    /// `end` moved back over white space, not before `start` (both char boundaries): the end of
    /// `text[start..end].trim_end()`, with ASCII bytes tested as they are.
    fn trim_end(&self, start: usize, mut end: usize) -> usize {
        while end > start {
            match self.b[end - 1] {
                // The ASCII characters of Unicode's White_Space.
                b'\t'..=b'\r' | b' ' => end -= 1,
                c if c < 0x80 => break,
                _ => match self.text[start..end].chars().next_back() {
                    Some(c) if c.is_whitespace() => end -= c.len_utf8(),
                    _ => break,
                },
            }
        }
        end
    }

    /// Skips whitespace from `i`; returns the next non-space byte and how many newlines it
    /// crossed.
    #[inline]
    fn skip_space(&self, mut i: usize) -> (usize, usize) {
        let b = self.b;
        // Mostly one space, or none, or the line feeds of a paragraph break come before the
        // next word.
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        let mut newlines = 0;
        while b.get(i) == Some(&b'\n') {
            newlines += 1;
            i += 1;
        }
        if b.get(i).is_some_and(|c| c.is_ascii_graphic()) {
            return (i, newlines);
        }
        let (next, more) = self.skip_more_space(i);
        (next, newlines + more)
    }

    /// [`Scanner::skip_space`] past its common case, kept out of line so that the common case
    /// is inlined where it is asked.
    #[inline(never)]
    fn skip_more_space(&self, mut i: usize) -> (usize, usize) {
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

#[cfg(test)]
mod tests;
