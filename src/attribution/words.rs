//! Words and tokens for the source-phrase rules: whitespace tokens with their byte offsets, and
//! the small closed word classes (auxiliaries, prepositions, clause openers) that decide where a
//! noun phrase starts and ends.

mod class;

use super::scan::runs;
use crate::bytes::{eight, in_range, is_byte, space_at, HIGH};
use crate::cues;
pub(crate) use class::*;

/// A whitespace-delimited token: its byte span and its text with surrounding punctuation trimmed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'t> {
    /// Byte offset of the first character of the raw token.
    pub start: usize,
    /// The raw token.
    pub raw: &'t str,
}

impl<'t> Token<'t> {
    /// The token without leading or trailing punctuation (apostrophes inside are kept).
    pub fn word(&self) -> &'t str {
        let keep = |c: char| c.is_alphanumeric() || c == '@' || c == '&';
        let b = self.raw.as_bytes();
        // ASCII ends are tested with a table, without decoding; the rest is trimmed as
        // characters.
        let ascii_keep = |x: u8| x < 0x80 && WORD_END[usize::from(x)];
        match (b.first(), b.last()) {
            (Some(&f), Some(&l)) if ascii_keep(f) && ascii_keep(l) => self.raw,
            _ => self.raw.trim_matches(|c: char| !keep(c)),
        }
    }
    /// The word in lower case, borrowed when it has no capitals (most words) and kept on the
    /// stack when it is short ASCII, so that the phrase rules allocate nothing per token.
    pub(crate) fn lower(&self) -> Lower<'t> {
        let w = self.word();
        if w.is_ascii() {
            if !w.bytes().any(|b| b.is_ascii_uppercase()) {
                return Lower(Repr::Borrowed(w));
            }
            if w.len() <= INLINE {
                // Copied and lower-cased in one loop: a copy of a few bytes of unknown length
                // would be a call to `memcpy`.
                let mut buf = [0u8; INLINE];
                for (to, from) in buf.iter_mut().zip(w.bytes()) {
                    *to = from.to_ascii_lowercase();
                }
                return Lower(Repr::Inline(buf, w.len() as u8));
            }
            return Lower(Repr::Owned(w.to_ascii_lowercase()));
        }
        if w.chars().any(char::is_uppercase) {
            Lower(Repr::Owned(w.to_lowercase()))
        } else {
            Lower(Repr::Borrowed(w))
        }
    }
    /// The closed classes of the word in lower case ([`Class::of`] of [`Token::lower`]),
    /// without a lower-case copy for an ASCII word.
    pub(crate) fn class(&self) -> Class {
        Class::of_short_ascii(self.word()).unwrap_or_else(|| Class::of(&self.lower()))
    }
    /// Ends with a punctuation mark that closes a phrase.
    /// A full stop after an abbreviation or initial ("Mr.", "J.", "U.S.") does not.
    pub(super) fn ends_phrase(&self) -> bool {
        if let Some(w) = self.raw.strip_suffix('.') {
            let abbreviation = w.contains('.')
                || matches!(
                    w,
                    "Mr" | "Mrs"
                        | "Ms"
                        | "Dr"
                        | "Gen"
                        | "Sen"
                        | "Rep"
                        | "Gov"
                        | "Prof"
                        | "St"
                        | "Jr"
                        | "Sr"
                        | "Lt"
                        | "Col"
                        | "Capt"
                        | "Del"
                        | "Adm"
                        | "Sgt"
                        | "Cmdr"
                        | "Supt"
                        | "Insp"
                        | "Amb"
                        | "Hon"
                        | "Rev"
                        | "Asst"
                )
                || (w.chars().count() == 1 && w.chars().all(char::is_uppercase));
            return !abbreviation;
        }
        // An ASCII last byte is tested with a table; other marks are decoded.
        match self.raw.as_bytes().last() {
            Some(&b) if b < 0x80 => CLOSES_PHRASE[usize::from(b)],
            _ => self.raw.ends_with(['”', '’', '»', '—', '–']),
        }
    }
    /// [`cues::is_title`] of the word in lower case; `class` is the token's [`Token::class`],
    /// whose bit answers for a short ASCII word without a lower-case copy.
    pub(super) fn is_title(&self, class: Class) -> bool {
        if class.is(SHORT) {
            class.is(TITLE)
        } else {
            cues::is_title(&self.lower())
        }
    }
    /// [`cues::is_source_noun`] of the word in lower case, answered like [`Token::is_title`].
    pub(super) fn is_source_noun(&self, class: Class) -> bool {
        if class.is(SHORT) {
            class.is(SOURCE_NOUN)
        } else {
            cues::is_source_noun(&self.lower())
        }
    }
    /// Starts with a mark that opens a phrase.
    pub(super) fn starts_phrase(&self) -> bool {
        self.raw
            .starts_with(['(', '"', '“', '‘', '«', '—', '–', '\'', '['])
    }
    pub(super) fn capitalised(&self) -> bool {
        // A raw token that starts with a letter or digit starts its word: no trimming.
        match self.raw.as_bytes().first() {
            Some(&b) if b < 0x80 && WORD_END[usize::from(b)] => return b.is_ascii_uppercase(),
            _ => {}
        }
        let w = self.word();
        // An ASCII letter is upper case exactly when it is an ASCII capital.
        match w.as_bytes().first() {
            Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
            _ => w.chars().next().is_some_and(char::is_uppercase),
        }
    }
}

/// An ASCII table of `set`'s bytes.
const fn ascii_table(set: &[u8]) -> [bool; 128] {
    let mut t = [false; 128];
    let mut k = 0;
    while k < set.len() {
        t[set[k] as usize] = true;
        k += 1;
    }
    t
}

/// The ASCII bytes that [`Token::word`] keeps at the ends of a word: letters, digits, `@`, `&`.
const WORD_END: [bool; 128] =
    ascii_table(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@&");

/// The ASCII marks after which a token closes a phrase ([`Token::ends_phrase`]).
const CLOSES_PHRASE: [bool; 128] = ascii_table(b",;:)\"!?");

/// The longest word [`Token::lower`] keeps on the stack.
const INLINE: usize = 22;

/// A word in lower case, borrowed from the text when it already was.
#[derive(Debug, Clone)]
pub(crate) struct Lower<'t>(Repr<'t>);

#[derive(Debug, Clone)]
enum Repr<'t> {
    Borrowed(&'t str),
    /// Lower-cased ASCII bytes and their length.
    Inline([u8; INLINE], u8),
    Owned(String),
}

impl Lower<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Borrowed(s) => s,
            // An inline word holds ASCII bytes only (see `Token::lower`), so it is always
            // UTF-8 and the fallback is never taken.
            Repr::Inline(buf, len) => std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or(""),
            Repr::Owned(s) => s,
        }
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// `s` without every repetition of `suffix` at its end: `trim_end_matches` for a short string
/// pattern, without building a substring searcher per call.
pub(crate) fn trim_suffix<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(t) = s.strip_suffix(suffix) {
        if suffix.is_empty() {
            break;
        }
        s = t;
    }
    s
}

/// `s` without every repetition of `prefix` at its start (see [`trim_suffix`]).
pub(crate) fn trim_prefix<'a>(mut s: &'a str, prefix: &str) -> &'a str {
    while let Some(t) = s.strip_prefix(prefix) {
        if prefix.is_empty() {
            break;
        }
        s = t;
    }
    s
}

/// A span only when it is non-empty and on character boundaries.
pub(super) fn valid(text: &str, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    (a < b && text.get(a..b).is_some()).then_some((a, b))
}

/// The span of the phrase from token `first` to token `last`, without the opening punctuation of
/// the one and the closing punctuation of the other.
pub(super) fn phrase_span(text: &str, first: &Token, last: &Token) -> Option<(usize, usize)> {
    valid(
        text,
        (
            first.start + lead_trim(first.raw),
            last.start + trail_len(last.raw),
        ),
    )
}

/// How far from a cue a source phrase may reach, in bytes: long enough for two appositions,
/// short enough that a pathological sentence with many cues stays linear.
pub(super) const REACH: usize = 600;

/// `i - n`, moved back to a character boundary (never below 0).
pub(crate) fn back(text: &str, i: usize, n: usize) -> usize {
    let mut j = i.saturating_sub(n).min(text.len());
    while !text.is_char_boundary(j) {
        j -= 1;
    }
    j
}

/// `i + n`, moved forward to a character boundary (never past the end).
pub(crate) fn ahead(text: &str, i: usize, n: usize) -> usize {
    let mut j = i.saturating_add(n).min(text.len());
    while !text.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// Tokens of `text[lo..hi]`.
pub(crate) fn tokens<'t>(text: &'t str, lo: usize, hi: usize) -> Vec<Token<'t>> {
    tokens_upto(text, lo, hi, usize::MAX)
}

/// Appends the token `text[lo + s..lo + e]` to `out`. A short bracketed tag after a name
/// ("McCrory (R)", "Moore (D-Wis.),") belongs to the name. Inlined into the tokeniser's loop,
/// which calls it for every token.
#[inline(always)]
fn push_token<'t>(out: &mut Vec<Token<'t>>, text: &'t str, lo: usize, s: usize, e: usize) {
    let raw = text.get(lo + s..lo + e).unwrap_or("");
    let tag =
        raw.len() <= 16 && raw.starts_with('(') && raw.trim_end_matches([',', '.']).ends_with(')');
    match out.last_mut() {
        Some(prev) if tag && !prev.ends_phrase() => {
            prev.raw = &text[prev.start..lo + e];
        }
        _ => out.push(Token { start: lo + s, raw }),
    }
}

/// The first `count` tokens of `text[lo..hi]` exactly as [`tokens`] gives them, for rules that
/// read only the start of a long window. The list may hold more tokens when there are more, and
/// the last of them may be cut short, so a caller reads no further than index `count - 1` and
/// compares the length only with numbers below `count`.
pub(crate) fn tokens_upto<'t>(text: &'t str, lo: usize, hi: usize, count: usize) -> Vec<Token<'t>> {
    let mut out: Vec<Token<'t>> = Vec::new();
    tokens_into(&mut out, text, lo, hi, count);
    out
}

/// [`tokens_upto`] into `out` (cleared first): a caller that reads the tokens of many windows
/// keeps one buffer for all of them instead of allocating a vector per window.
pub(crate) fn tokens_into<'t>(
    out: &mut Vec<Token<'t>>,
    text: &'t str,
    lo: usize,
    hi: usize,
    count: usize,
) {
    out.clear();
    push_tokens(out, text, lo, hi, count);
}

/// The tokens of `text[lo..hi]` appended to `out`, which holds the tokens of the text before
/// `lo` (a space or the start of what was read precedes `lo`): a short bracketed tag at `lo`
/// joins the last of them, as [`tokens`] would join it.
pub(crate) fn tokens_onto<'t>(out: &mut Vec<Token<'t>>, text: &'t str, lo: usize, hi: usize) {
    push_tokens(out, text, lo, hi, usize::MAX);
}

/// [`tokens_upto`] appended to `out`.
fn push_tokens<'t>(out: &mut Vec<Token<'t>>, text: &'t str, lo: usize, hi: usize, count: usize) {
    let Some(slice) = text.get(lo..hi) else {
        return;
    };
    let bytes = slice.as_bytes();
    // Room for the tokens of ordinary prose, so that the vector rarely grows.
    out.reserve((bytes.len() / 5 + 2).min(count.saturating_add(8)));
    // Where the current token started, if the last byte read was in one.
    let mut start: Option<usize> = None;
    let mut i = 0usize;
    while i < bytes.len() {
        // Only the last token may still grow (by a merged tag): the ones before it are final.
        if out.len() > count {
            return;
        }
        // Eight ASCII bytes at a time: the white-space bytes (tab to carriage return, space) as
        // a mask, and each change between space and non-space starts or ends a token.
        if let Some(x) = eight(bytes, i) {
            if x & HIGH == 0 {
                let solid = !(in_range(x, b'\t', b'\r') | is_byte(x, b' ')) & HIGH;
                runs(solid, i, &mut start, |s, e| push_token(out, text, lo, s, e));
                i += 8;
                continue;
            }
        }
        let (space, len) = space_at(slice, i);
        if space {
            if let Some(s) = start.take() {
                push_token(out, text, lo, s, i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        push_token(out, text, lo, s, slice.len());
    }
}

/// The first word of `s` up to its first space: `s.split(' ').next()` without a searcher.
pub(crate) fn first_word(s: &str) -> &str {
    s.as_bytes()
        .iter()
        .position(|&b| b == b' ')
        .map_or(s, |k| &s[..k])
}

/// Words that cannot occur inside a source noun phrase: they show a clause, not a phrase.
pub(super) fn blocks_phrase(w: &str) -> bool {
    Class::of(w).is(BLOCKS) || blocks_as_verb(w)
}

/// [`blocks_phrase`] of the lower-case form of `t`, whose classes `class` the caller has.
pub(super) fn blocks(t: &Token, class: Class) -> bool {
    // A short ASCII word's classes tell whether it is a clause verb form (the table lists them
    // all, and every spelling the lexicon would respell as one, which a test checks).
    class.is(BLOCKS)
        || if class.is(SHORT) {
            class.is(CLAUSE_VERB)
        } else {
            blocks_as_verb(&t.lower())
        }
}

/// The part of [`blocks_phrase`] that is no list: an inflected cue verb that is no source noun.
/// The class table lists the short words for which it holds ([`CLAUSE_VERB`]).
fn blocks_as_verb(w: &str) -> bool {
    cues::verb(w).is_some_and(|(l, _)| {
        // An inflected cue verb ("said", "argued", "tells") shows a clause; bare forms, "-ing"
        // forms and plural-looking nouns ("plan", "leading", "reports") may sit in a phrase.
        w != l && !w.ends_with("ing") && !cues::noun_like(w, l)
    }) && !cues::is_source_noun(w)
}

pub(super) fn is_preposition(w: &str) -> bool {
    Class::of(w).is(PREPOSITION)
}

/// Personal pronouns accepted as sources. "it" only with a strong speech verb (checked by the
/// caller); "I" and "we" outside quotations are the author's own voice.
pub(super) fn is_pronoun_source(w: &str) -> bool {
    Class::of(w).is(PERSONAL | IT)
}

/// Bytes of opening punctuation at the start of a raw token.
pub(super) fn lead_trim(raw: &str) -> usize {
    raw.len()
        - raw
            .trim_start_matches(['(', '"', '“', '‘', '«', '\'', '['])
            .len()
}

/// Length of a raw token without closing punctuation.
pub(super) fn trail_len(raw: &str) -> usize {
    raw.trim_end_matches([
        ',', ';', ':', ')', '"', '”', '’', '»', '.', '!', '?', '\'', ']',
    ])
    .len()
}
