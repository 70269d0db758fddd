//! Sentence segmentation: spans into the original text, never a rewritten copy.
//!
//! A sentence ends at a terminal mark (`.`, `!`, `?`, `。`, `！`, `？`), with any closing quotes
//! and brackets after it, when the next word can start a sentence and the mark is not part of an
//! abbreviation, an initial or a number. A line break ends a sentence when the line has no final
//! punctuation and is a line of its own (headline, byline, list item); a blank line always ends a
//! sentence and a paragraph.

use crate::schema::Metadata;

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
    /// Headline, byline, date.
    pub metadata: Metadata,
}

/// Abbreviations that do not end a sentence when followed by a capitalised word (lower case,
/// without the final period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "rep",
    "sen", "gov", "pres", "rev", "hon", "no", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co",
    "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "u.s", "u.k", "u.n", "a.m", "p.m", "approx", "dept", "est", "fig", "vol", "op",
    "cf", "al",
];

/// Splits `text` into sentences.
pub fn segment(text: &str) -> Segmentation {
    let mut sentences = Vec::new();
    let mut paragraph = 0usize;
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    let mut last_nonspace_end = 0usize;

    let push = |sentences: &mut Vec<Sentence>, s: usize, e: usize, p: usize| {
        if e > s {
            sentences.push(Sentence {
                start: s,
                end: e,
                paragraph: p,
            });
        }
    };

    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            // Blank line: paragraph break.
            let rest = &text[i + 1..];
            let next_line_blank = rest
                .split('\n')
                .next()
                .map(|l| l.trim().is_empty() && rest.contains('\n'))
                .unwrap_or(false);
            if let Some(s) = start {
                let line_end = last_nonspace_end;
                let ends_clause =
                    text[..line_end].ends_with(|ch: char| ".!?:;,\"'”’)。！？".contains(ch));
                if next_line_blank || !ends_clause || starts_list_item(rest) {
                    push(&mut sentences, s, line_end, paragraph);
                    start = None;
                }
            }
            if next_line_blank && !sentences.is_empty() {
                // Skip the blank lines; the next sentence starts a new paragraph.
                while let Some(&(_, ch)) = chars.peek() {
                    if ch.is_whitespace() {
                        chars.next();
                    } else {
                        break;
                    }
                }
                if start.is_none() && sentences.last().map(|s| s.paragraph) == Some(paragraph) {
                    paragraph += 1;
                }
            }
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        last_nonspace_end = i + c.len_utf8();
        if matches!(c, '。' | '！' | '？') {
            // East Asian full stops end a sentence wherever they stand.
            let mut end = last_nonspace_end;
            while let Some(&(j, ch)) = chars.peek() {
                if is_closer(ch) {
                    end = j + ch.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            last_nonspace_end = end;
            push(&mut sentences, start.take().unwrap_or(i), end, paragraph);
            continue;
        }
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Take runs of terminal marks and closing quotes/brackets after them.
        let mut end = last_nonspace_end;
        while let Some(&(j, ch)) = chars.peek() {
            if matches!(ch, '.' | '!' | '?') || is_closer(ch) {
                end = j + ch.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        last_nonspace_end = end;
        // A boundary needs whitespace next, then something that can start a sentence.
        let after = &text[end..];
        let ws = after.len() - after.trim_start().len();
        if ws == 0 && end < text.len() {
            continue;
        }
        let next = after.trim_start();
        if next.is_empty() {
            continue; // the end of the text closes the sentence below
        }
        if c == '.' && is_abbreviation_or_number(text, i, next) {
            continue;
        }
        let first = next.chars().next().unwrap_or(' ');
        let quote_inside = is_closer(text[..end].chars().next_back().unwrap_or(' ')) && c != '.';
        if !(first.is_uppercase()
            || first.is_numeric()
            || is_opener(first)
            || !first.is_alphabetic())
        {
            continue;
        }
        // `“Enough!” Ramirez wrote`: a quoted exclamation followed by a name and a speech verb
        // continues the sentence. Handled by the attribution-aware rule below.
        if quote_inside && continues_after_quote(next) {
            continue;
        }
        push(&mut sentences, start.take().unwrap_or(i), end, paragraph);
    }
    if let Some(s) = start {
        push(&mut sentences, s, last_nonspace_end, paragraph);
    }
    let paragraphs = sentences.last().map(|s| s.paragraph + 1).unwrap_or(0);
    let metadata = detect_metadata(text, &sentences);
    Segmentation {
        sentences,
        paragraphs,
        metadata,
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '」' | '』' | '）'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '「' | '『' | '（'
    )
}

fn starts_list_item(rest: &str) -> bool {
    let t = rest.trim_start_matches([' ', '\t']);
    t.starts_with(['-', '*', '•', '·']) || {
        let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
        digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.') | Some(b')'))
    }
}

/// True when the period at byte `dot` belongs to an abbreviation, an initial or a number.
fn is_abbreviation_or_number(text: &str, dot: usize, next: &str) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|i| {
            i + before[i..]
                .chars()
                .next()
                .map(|c| c.len_utf8())
                .unwrap_or(1)
        })
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let next_first = next.chars().next().unwrap_or(' ');
    // Single capital initial ("J. R. Tolkien"), unless it is the pronoun "I".
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) && word != "I" {
        return true;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "U.S." and "a.m." may end a sentence; they do when a typical sentence opener follows.
        if matches!(
            lower.as_str(),
            "u.s" | "u.k" | "u.n" | "a.m" | "p.m" | "etc" | "inc" | "ltd" | "co" | "corp"
        ) {
            return !starts_sentence_strongly(next);
        }
        return true;
    }
    // Lower-case continuation after any dotted word ("e.g. this").
    if next_first.is_lowercase() {
        return true;
    }
    false
}

/// Words that make a new sentence likely after an ambiguous abbreviation.
fn starts_sentence_strongly(next: &str) -> bool {
    let w: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        w.as_str(),
        "The"
            | "A"
            | "An"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "In"
            | "But"
            | "This"
            | "That"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "On"
            | "At"
            | "As"
            | "If"
            | "When"
            | "After"
            | "Before"
            | "However"
            | "Meanwhile"
            | "Many"
            | "Some"
            | "China"
            | "Russia"
    )
}

/// After a quotation that ends in `!` or `?`, a lower-case word or a name followed by a speech
/// verb continues the sentence.
fn continues_after_quote(next: &str) -> bool {
    let mut words = next.split_whitespace();
    let w1 = words.next().unwrap_or("");
    let w2 = words.next().unwrap_or("").trim_end_matches([',', '.']);
    w1.chars().next().map(|c| c.is_lowercase()).unwrap_or(false) || crate::cues::is_speech_verb(w2)
}

/// Recognises a headline, byline and date in the first sentences.
fn detect_metadata(text: &str, sentences: &[Sentence]) -> Metadata {
    let mut meta = Metadata::default();
    for (n, s) in sentences.iter().take(3).enumerate() {
        let line = &text[s.start..s.end];
        let lower = line.to_lowercase();
        if let Some(rest) = lower
            .strip_prefix("by")
            .filter(|r| r.starts_with([':', ' ', '\u{a0}']))
        {
            let rest_orig = &line[line.len() - rest.len()..];
            let rest_orig = rest_orig.trim_start_matches([':', ' ', '\u{a0}']);
            let (name, date) = split_date(rest_orig);
            if !name.is_empty() {
                meta.byline = Some(name.to_string());
            }
            if let Some(d) = date {
                meta.date = Some(d.to_string());
            }
            continue;
        }
        if n == 0 && sentences.len() > 1 {
            let followed_by_break = text[s.end..sentences[1].start].contains('\n');
            let unpunctuated = !line.ends_with(['.', '!', '"', '”']) || line.ends_with('?');
            if followed_by_break && unpunctuated && line.split_whitespace().count() >= 2 {
                meta.title = Some(line.to_string());
            }
        }
    }
    meta
}

/// Splits a trailing ISO date ("2021-06-29") off a byline.
fn split_date(s: &str) -> (&str, Option<&str>) {
    let t = s.trim_end();
    if t.len() >= 10 {
        let tail = &t[t.len() - 10..];
        let b = tail.as_bytes();
        let is_date = b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
        if is_date {
            return (
                t[..t.len() - 10].trim_end_matches(|c: char| c.is_whitespace() || c == ','),
                Some(tail),
            );
        }
    }
    (t, None)
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
}
