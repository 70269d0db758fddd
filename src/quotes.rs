//! Quotation marks paired into quotations.
//!
//! Double marks (`"`, `“ ”`, `« »`, `「 」`) and single marks (`'`, `‘ ’`) are paired in one pass
//! over the text. A straight mark opens when it stands before a word and closes after one; a
//! single mark inside a word (`don't`) or after an `s` before a space (`states'`) is an apostrophe.
//! An opening mark that is never closed yields an unclosed quotation that runs to the end of its
//! paragraph, so unbalanced text never swallows the rest of the article. Each quotation is
//! weighed as it ends, while its text is still in the cache: someone's words, or a label in
//! quotation marks (see [`Quote::speech`]).

use crate::bytes::{first_byte, space_at, HIGH, ONES};

/// One quotation, in byte offsets, marks included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// One past the closing mark (or the end of the paragraph when unclosed).
    pub end: usize,
    /// False when no closing mark was found.
    pub closed: bool,
    /// True for single quotation marks.
    pub single: bool,
    /// Someone's words rather than a label (a scare quote, 'China-Russia threat'): at least
    /// four words, or a closing punctuation mark inside a closed quotation (“Whatever.”).
    /// Judged from the first 256 bytes of the quoted words.
    pub speech: bool,
    /// Not speech, but a short phrase in closed double marks that is no capitalised name ("The
    /// Group"): a partial quotation when reported content holds it.
    pub phrase: bool,
}

impl Quote {
    /// The quoted words, marks excluded.
    pub fn inner<'t>(&self, text: &'t str) -> &'t str {
        let s = &text[self.start..self.end];
        let open = if s.starts_with("''") {
            2
        } else {
            s.chars().next().map(char::len_utf8).unwrap_or(0)
        };
        let s = &s[open..];
        if !self.closed {
            return s;
        }
        if let Some(stripped) = s.strip_suffix("''") {
            return stripped;
        }
        let mut chars = s.chars();
        chars.next_back();
        chars.as_str()
    }

    /// Sets [`Quote::speech`] and [`Quote::phrase`] once the end is known. Called by the pass
    /// that pairs the marks, when it has just read the quotation's text: judged later, from
    /// the attribution, each quotation's first bytes were a cache miss.
    fn weigh(&mut self, text: &str) {
        if self.end <= self.start || self.end > text.len() {
            return;
        }
        // Only a bounded head of the quotation is read: nested or unclosed quotations share
        // most of their text, so reading each one whole would make many of them quadratic.
        const HEAD: usize = 256;
        let inner = self.inner(text);
        let mut cut = inner.len().min(HEAD);
        while !inner.is_char_boundary(cut) {
            cut -= 1;
        }
        let long = cut < inner.len();
        let head = inner[..cut].trim();
        // Only "at least four" words matter.
        let words = words_upto(head, 4);
        self.speech = words >= 4
            || (!long && words >= 1 && head.ends_with(['.', '!', '?', ',']) && self.closed);
        self.phrase = !self.speech
            && !long
            && self.closed
            && !self.single
            && words >= 1
            && !head
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    }
}

/// How many white-space separated words `s` has, counted up to `max`: as
/// `s.split_whitespace().take(max).count()`, but ASCII bytes (most of every quotation) are
/// tested without decoding them.
fn words_upto(s: &str, max: usize) -> usize {
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < s.len() {
        let (space, width) = space_at(s, i);
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words >= max {
                break;
            }
        }
        i += width;
    }
    words.min(max)
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Open,
    Close,
    Either,
}

fn classify(text: &str, i: usize, c: char) -> Option<(Mark, bool)> {
    // Every character of the text comes through here: only quotation marks look around.
    if !matches!(
        c,
        '“' | '«' | '「' | '『' | '”' | '»' | '」' | '』' | '‘' | '"' | '\'' | '’'
    ) {
        return None;
    }
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    let word = |ch: Option<char>| ch.map(|ch| ch.is_alphanumeric()).unwrap_or(false);
    // An attribute value in markup (<a href="…">) is no quotation.
    if prev == Some('=') || (c == '"' && matches!(next, Some('>' | '/'))) {
        return None;
    }
    match c {
        '“' | '«' | '「' | '『' => Some((Mark::Open, false)),
        '”' | '»' | '」' | '』' => Some((Mark::Close, false)),
        '‘' => Some((Mark::Open, true)),
        '"' => Some((Mark::Either, false)),
        '\'' | '’' => {
            if word(prev) && word(next) {
                return None; // don't, China's
            }
            if c == '’' && !word(next) {
                return Some((Mark::Close, true));
            }
            if !word(prev) && word(next) {
                return Some((Mark::Open, true));
            }
            if word(prev) && !word(next) {
                // states' or a closing mark: decided by whether a single quote is open.
                return Some((Mark::Close, true));
            }
            None
        }
        _ => None,
    }
}

/// The first byte at or after `i` that may change the pairing: a straight quotation mark, the
/// lead byte of a non-ASCII character (curly marks, Unicode spaces) and, when `BREAKS`, a line
/// feed. Eight bytes at a time with word arithmetic (portable, no SIMD), because this runs over
/// every byte of the text.
///
/// The two straight marks are found by one test that also stops at `#` and `&` (the four
/// bytes differ only in bits 0 and 2). Those are rare, and a stop at a character that is no
/// mark changes nothing: the pairing loop steps over it as over the run it would have been part
/// of, setting the same last character that is not white space.
///
/// Not inlined: inside the pairing loop the compiler runs short of registers and reloads the
/// word constants for every word.
#[inline(never)]
fn next_stop<const BREAKS: bool>(bytes: &[u8], i: usize) -> usize {
    let Some(rest) = bytes.get(i..) else {
        return i;
    };
    let mut words = rest.chunks_exact(8);
    for (k, word) in words.by_ref().enumerate() {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let x = u64::from_le_bytes(word);
        // Only the first stop counts, so the cheaper first-match test does. `"`, `#`, `&` and
        // `'` all read `'` with bits 0 and 2 set.
        let mut hit = (x & HIGH) | first_byte(x | (ONES * 0x05), b'\'');
        if BREAKS {
            hit |= first_byte(x, b'\n');
        }
        if hit != 0 {
            return i + 8 * k + (hit.trailing_zeros() / 8) as usize;
        }
    }
    let tail = words.remainder();
    let at = i + (rest.len() - tail.len());
    at + tail
        .iter()
        .take_while(|&&c| c < 0x80 && c | 0x05 != b'\'' && !(BREAKS && c == b'\n'))
        .count()
}

/// Finds the quotations of `text`, in order of their opening marks.
pub fn find(text: &str) -> Vec<Quote> {
    find_with_dashes(text).0
}

/// [`find`], and where every long dash (`―` or `—`) of `text` starts, in order. The pass that
/// pairs the marks decodes every character outside ASCII, long dashes included, so it notes
/// them for the attribution's signature rule, which would otherwise read the whole text again.
pub fn find_with_dashes(text: &str) -> (Vec<Quote>, Vec<usize>) {
    // One slot per opening mark, in text order, so that the quotations come out in order of
    // their opening marks without a sort: a slot is filled when its quotation ends, and slots
    // of quotations that are dropped keep the end `PENDING` and are removed at the end.
    const PENDING: usize = usize::MAX;
    let mut quotes: Vec<Quote> = Vec::new();
    let mut dashes: Vec<usize> = Vec::new();
    // Open quotations: (single, slot).
    let mut open: Vec<(bool, usize)> = Vec::new();
    let paragraph_end_pending = |open: &mut Vec<(bool, usize)>, quotes: &mut [Quote], at: usize| {
        // Unclosed quotations end at the paragraph break. A quotation that continues into the next
        // paragraph reopens there with a new mark, as English typography does.
        for (single, slot) in open.drain(..) {
            if !single {
                quotes[slot].end = at;
                quotes[slot].weigh(text);
            }
        }
    };
    let mut last_nonspace = 0usize;
    // Line feeds since the last character that is not white space: `last_nonspace` as it was at
    // the previous line feed tells whether such a character came in between.
    let mut newline_run = 0usize;
    let mut nonspace_at_newline = 0usize;
    let mut skip_next = false;
    // How many double (index 0) and single (index 1) quotations are open, so that a closing
    // mark need not scan the stack.
    let mut open_count = [0usize; 2];
    let bytes = text.as_bytes();
    let mut next = 0usize;
    while next < bytes.len() {
        let i = next;
        if open.is_empty() {
            // With no quotation open, line feeds and the position of the last character that is
            // not white space decide nothing: a paragraph break has nothing to end, and the mark
            // that opens the next quotation is such a character, which restarts the count of
            // line feeds. Only a possible mark stops the skip.
            next = next_stop::<false>(bytes, i);
            if next > i {
                continue;
            }
        } else {
            // Most bytes are ASCII letters, digits, punctuation or spaces that are no quotation
            // mark: a run of them only moves `last_nonspace`, so it is skipped in one go.
            let run_end = next_stop::<true>(bytes, i);
            if run_end > i {
                // The ASCII characters of Unicode's White_Space: tab to carriage return, and
                // space.
                let mut k = run_end;
                while k > i && matches!(bytes[k - 1], b'\t'..=b'\r' | b' ') {
                    k -= 1;
                }
                if k > i {
                    last_nonspace = k;
                }
                next = run_end;
                continue;
            }
        }
        // An apostrophe inside a word (don't, China’s) is no mark: the commonest stop, told by
        // the bytes around it without decoding (`classify` would say the same).
        let apostrophe = match bytes[i] {
            b'\'' => 1,
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0x99]) => 3,
            _ => 0,
        };
        if apostrophe > 0
            && !skip_next
            && i > 0
            && bytes[i - 1].is_ascii_alphanumeric()
            && bytes
                .get(i + apostrophe)
                .is_some_and(u8::is_ascii_alphanumeric)
        {
            next = i + apostrophe;
            last_nonspace = next;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        next = i + c.len_utf8();
        if matches!(c, '―' | '—') {
            dashes.push(i);
        }
        if skip_next {
            // The second apostrophe of a doubled mark ('').
            skip_next = false;
            last_nonspace = i + 1;
            continue;
        }
        if c == '\n' {
            if last_nonspace != nonspace_at_newline {
                newline_run = 0;
            }
            nonspace_at_newline = last_nonspace;
            newline_run += 1;
            if newline_run == 2 {
                paragraph_end_pending(&mut open, &mut quotes, last_nonspace);
                open_count = [0, 0];
            }
            continue;
        }
        // Two apostrophes ('') stand for a double quotation mark in some wire copy.
        let doubled = c == '\'' && text[i + 1..].starts_with('\'');
        let mark_len = if doubled { 2 } else { c.len_utf8() };
        let classified = if doubled {
            skip_next = true;
            Some((Mark::Either, false))
        } else {
            classify(text, i, c)
        };
        if let Some((mark, single)) = classified {
            let top = open.last().copied();
            let closes = match mark {
                Mark::Close => {
                    top.map(|(s, _)| s == single).unwrap_or(false)
                        || open_count[single as usize] > 0
                }
                Mark::Either => {
                    open_count[single as usize] > 0 && {
                        // A straight mark followed by a letter with a space before it opens.
                        let prev = text[..i].chars().next_back();
                        !(prev.map(|p| p.is_whitespace()).unwrap_or(true))
                            || text[i + mark_len..]
                                .chars()
                                .next()
                                .map(|n| !n.is_alphanumeric())
                                .unwrap_or(true)
                    }
                }
                Mark::Open => false,
            };
            if closes {
                // Close the innermost open quotation of this kind; inner ones of the other kind
                // that were never closed are dropped.
                while let Some((sg, slot)) = open.pop() {
                    open_count[sg as usize] -= 1;
                    if sg == single {
                        quotes[slot].end = i + mark_len;
                        quotes[slot].closed = true;
                        quotes[slot].weigh(text);
                        break;
                    }
                }
            } else if mark != Mark::Close {
                open.push((single, quotes.len()));
                quotes.push(Quote {
                    start: i,
                    end: PENDING,
                    closed: false,
                    single,
                    speech: false,
                    phrase: false,
                });
                open_count[single as usize] += 1;
            }
        }
        if !c.is_whitespace() {
            last_nonspace = i + c.len_utf8();
        }
    }
    paragraph_end_pending(&mut open, &mut quotes, last_nonspace);
    quotes.retain(|q| q.end != PENDING);
    (quotes, dashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find(text).iter().map(|q| q.inner(text)).collect()
    }

    /// Words are counted as `split_whitespace` splits them, over ASCII and other white space.
    #[test]
    fn words_are_counted_as_split_whitespace_splits_them() {
        let pieces = [
            "a", "Bé", " ", "\t", "\u{b}", "\u{a0}", "\u{2003}", "“", ".", "\n",
        ];
        let mut gen = crate::testing::Pieces::new();
        for _ in 0..3_000 {
            let text = gen.text(&pieces, 10);
            for max in [1, 4, usize::MAX] {
                let split = text.split_whitespace().take(max).count();
                assert_eq!(words_upto(&text, max), split, "{text:?}");
            }
        }
    }

    #[test]
    fn curly_and_straight() {
        assert_eq!(inner("He said “yes” and \"no\"."), ["yes", "no"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(inner("China's view isn't 'settled' yet."), ["settled"]);
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        assert_eq!(inner("''It is late,'' he said."), ["It is late,"]);
    }

    /// `#` and `&` stop the byte search with the straight marks but are no marks themselves.
    #[test]
    fn hash_and_ampersand_are_no_marks() {
        assert_eq!(
            inner("Q&A: he said \"vote #1\" & 'go' #now"),
            ["vote #1", "go"]
        );
        let text = "She said “this & that #\n\nNew & next.";
        let q = find(text);
        assert_eq!(q.len(), 1);
        assert_eq!(&text[q[0].start..q[0].end], "“this & that #");
    }

    #[test]
    fn unclosed_quote_stops_at_paragraph() {
        let text = "She said “this goes on\n\nNew paragraph.";
        let q = find(text);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(&text[q[0].start..q[0].end], "“this goes on");
    }
}
