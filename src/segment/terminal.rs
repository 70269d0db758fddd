//! Terminal marks: whether a `.`, `!`, `?`, ellipsis or CJK full stop ends the sentence.

use super::abbrev::{self, Kind};
use super::lines::{self, MarkerStyle};
use super::{char_at, Scanner};
use crate::bytes::{eight, in_range, HIGH, ONES};

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
    // Most sentences open with an ASCII capital or digit, and most words that do not with a
    // small letter: those are told by their first byte.
    match rest.as_bytes().first() {
        Some(c) if c.is_ascii_uppercase() || c.is_ascii_digit() => return true,
        Some(c) if c.is_ascii_lowercase() => return false,
        _ => {}
    }
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

/// What a character is to the token before a period (see [`Scanner::word_before`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenChar {
    /// White space ends the token.
    Space,
    /// A quote, bracket, bullet or `>`: the word starts after it.
    Break,
    /// Part of the word.
    Word,
}

/// What `c` is to the token before a period.
fn token_char(c: char) -> TokenChar {
    if c.is_whitespace() {
        TokenChar::Space
    } else {
        token_mark(c)
    }
}

/// [`token_char`] of a character that is not white space.
const fn token_mark(c: char) -> TokenChar {
    if lines::is_opener(c) || lines::is_closer(c) || lines::is_bullet(c) || c == '>' {
        TokenChar::Break
    } else {
        TokenChar::Word
    }
}

/// [`token_char`] of every ASCII byte, so that the common token is read without decoding.
static TOKEN_BYTES: [TokenChar; 128] = {
    let mut t = [TokenChar::Word; 128];
    let mut c = 0;
    while c < 128 {
        // The ASCII characters `char::is_whitespace` accepts.
        t[c] = if matches!(c as u8, b'\t'..=b'\r' | b' ') {
            TokenChar::Space
        } else {
            token_mark(c as u8 as char)
        };
        c += 1;
    }
    t
};

/// What [`Scanner::letters_before`] found before a period.
enum Letters {
    /// More ASCII letters than any abbreviation has.
    Long,
    /// A token of ASCII letters only, after white space: the word's first byte.
    Word(usize),
    /// Anything else, read by [`Scanner::word_before`].
    Other,
}

impl<'t> Scanner<'t> {
    /// A terminal mark at `p`. Returns where scanning resumes.
    pub(super) fn terminal(&mut self, p: usize) -> usize {
        let b = self.b;
        let n = b.len();
        // The run of marks: "?!", "...", ". . .", "。".
        let (mut q, mut dots, mut bang, mut cjk, mut spaced) = (p, 0usize, false, false, false);
        // Each mark is told by its first byte; any other byte ends the run at once.
        while let Some(&c) = b.get(q) {
            let t = &b[q..];
            match c {
                b'.' => {
                    dots += 1;
                    q += 1;
                }
                b'!' | b'?' => {
                    bang = true;
                    q += 1;
                }
                0xE2 if t.starts_with("…".as_bytes()) => {
                    dots += 3;
                    q += 3;
                }
                0xE3 | 0xEF
                    if t.starts_with("。".as_bytes())
                        || t.starts_with("！".as_bytes())
                        || t.starts_with("？".as_bytes()) =>
                {
                    cjk = true;
                    q += 3;
                }
                b' ' if t.starts_with(b" .")
                    && dots > 0
                    && b[q - 1] == b'.'
                    && !b
                        .get(q + 2)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.') =>
                {
                    spaced = true;
                    q += 1;
                }
                _ => break,
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
            // Only a run that starts with a period: "…" is three bytes, so `p + 1` would cut it.
            if opens && spaced && b[p] == b'.' && p > 0 && b[p - 1].is_ascii_alphanumeric() {
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
        let (text, b) = (self.text, self.b);
        // The token never reaches back into the previous sentence ("Tuesday.Mr.").
        let mut floor = p.saturating_sub(64).max(self.cur.min(p));
        // The 64-byte window may cut a character: move to a boundary.
        while !text.is_char_boundary(floor) {
            floor += 1;
        }
        // Most tokens are ASCII letters and digits after a space: they are read back eight bytes
        // at a time, and the byte loop below runs only for other tokens, from where this stops.
        let mut end = p;
        while let Some(w) = end.checked_sub(8).filter(|&w| w >= floor) {
            let Some(x) = eight(b, w).filter(|x| x & HIGH == 0) else {
                break;
            };
            let alphanumeric = in_range(x | (ONES * 0x20), b'a', b'z') | in_range(x, b'0', b'9');
            let other = !alphanumeric & HIGH;
            if other == 0 {
                end = w;
                continue;
            }
            // The last byte that is no letter or digit.
            let at = w + (63 - other.leading_zeros() as usize) / 8;
            if TOKEN_BYTES[usize::from(b[at])] == TokenChar::Space {
                return (at + 1, at + 1, &text[at + 1..p]);
            }
            break;
        }
        // One backward pass over the token. Letters, digits and other ASCII word bytes are
        // skipped in a tight loop; only other characters are classified or decoded.
        let (mut start, mut word_start) = (end, None);
        while start > floor {
            let c = b[start - 1];
            if c < 0x80 && TOKEN_BYTES[usize::from(c)] == TokenChar::Word {
                start -= 1;
                continue;
            }
            let (kind, width) = match c {
                0..=0x7F => (TOKEN_BYTES[usize::from(c)], 1),
                _ => {
                    let mut from = start - 1;
                    while !text.is_char_boundary(from) {
                        from -= 1;
                    }
                    (token_char(char_at(text, from)), start - from)
                }
            };
            match kind {
                TokenChar::Space => break,
                // The word starts after the last quote, bracket or bullet: "(Mr", "’“Mr" (some
                // texts open quotations with "”"), "•9", "…>Mr" in markup.
                TokenChar::Break if word_start.is_none() => word_start = Some(start),
                _ => {}
            }
            start -= width;
        }
        let word_start = word_start.unwrap_or(start);
        (start, word_start, &text[word_start..p])
    }

    /// The word before `p` when it is ASCII letters only, read without
    /// [`Scanner::word_before`]'s general walk: most words before periods are.
    fn letters_before(&self, p: usize) -> Letters {
        let b = self.b;
        let mut start = p;
        while start > self.cur && b[start - 1].is_ascii_alphabetic() {
            start -= 1;
            if p - start > abbrev::ABBREVIATION_MAX {
                return Letters::Long;
            }
        }
        // The token starts after white space in the sentence, as `word_before` would find it.
        match start.checked_sub(1) {
            Some(before)
                if before >= self.cur
                    && TOKEN_BYTES.get(usize::from(b[before])) == Some(&TokenChar::Space) =>
            {
                Letters::Word(start)
            }
            _ => Letters::Other,
        }
    }

    /// Whether a single period at `p`, followed by whitespace and the character `c` at `next`,
    /// ends the sentence.
    fn period_ends(&mut self, p: usize, next: usize, c: char, line_break: bool) -> bool {
        let plain = line_break || opens_sentence(&self.text[next..]);
        let (raw_start, word_start, word) = match self.letters_before(p) {
            // A third of the words before periods are longer than any abbreviation, and no
            // list marker, initial or dotted word: such a word is plain without being
            // classified.
            Letters::Long => return plain,
            Letters::Word(start) => (start, start, &self.text[start..p]),
            Letters::Other => self.word_before(p),
        };
        if word.is_empty() {
            return plain;
        }
        let style = if self.b.get(p + 1) == Some(&b')') {
            MarkerStyle::DotParen
        } else {
            MarkerStyle::Dot
        };
        // A marker has at most three bytes ("12", "b"): longer words are not parsed as one.
        if word.len() <= 3 && !c.is_lowercase() && self.list_marker(raw_start, word, style) {
            return false;
        }
        let rest = &self.text[next..];
        // The next word decides only after an abbreviation: it is read only then.
        let next_word = || abbrev::leading_word(rest);
        match abbrev::classify(word) {
            Kind::Title | Kind::Never => false,
            Kind::NumberPrefix | Kind::Month => !c.is_ascii_digit() && plain,
            Kind::Ambiguous | Kind::Dotted => {
                !c.is_lowercase() && (line_break || abbrev::is_strong_starter(next_word()))
            }
            Kind::Time => {
                if c.is_lowercase()
                    || abbrev::is_time_follower(next_word())
                    || is_time_zone(next_word(), rest)
                {
                    false
                } else if line_break || abbrev::is_strong_starter(next_word()) {
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
                        next_word(),
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
}

/// After a quotation ending in `!` or `?`, a speech verb within the next words means the
/// sentence goes on: `“Enough!” Ramirez wrote`, `“Why?” Ann Lee asked`.
fn continues_after_quote(next: &str) -> bool {
    // Three words fit in a short window; reading no further keeps odd texts linear.
    let mut cut = next.len().min(120);
    while !next.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut words = next[..cut].split_whitespace().take(3);
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

    #[test]
    fn token_table_matches_the_characters() {
        for c in 0u8..128 {
            assert!(
                TOKEN_BYTES[usize::from(c)] == token_char(char::from(c)),
                "byte {c}"
            );
        }
    }
}
