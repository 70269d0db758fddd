//! Headline, byline, date and dateline from the first sentences of a text.
//!
//! Only the first few sentences are read, each up to a bounded length, so this costs the same
//! for any text size.

use std::sync::OnceLock;

use regex::Regex;

use super::Sentence;
use crate::schema::Metadata;

/// How many leading sentences may hold metadata.
const HEAD_SENTENCES: usize = 6;
/// Longer sentences are body text, not metadata lines.
const MAX_LINE: usize = 300;

const MONTH: &str = "(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|\
Jun(?:e|\\.)?|Jul(?:y|\\.)?|Aug(?:ust|\\.)?|Sep(?:t(?:ember|\\.)?|\\.)?|Oct(?:ober|\\.)?|\
Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)";

/// "by Jane Roe", "By: Jane Roe, 2024-01-02".
fn byline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^(?i:by)(?::\s*|\s+)(\S.*)$").expect("valid regex"))
}

/// A line that is a date: "August 25, 2012", "Updated 2024-05-02 14:10", "3 March 2024".
fn date_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(?:(?i:updated|published|posted|first published)(?::\s*|\s+)(?i:on\s+)?)?(\d{{4}}-\d{{2}}-\d{{2}}|{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})\b"
        ))
        .expect("valid regex")
    })
}

/// A dateline: "WASHINGTON (Reuters) -", "OSLO, March 3 (AP) —", "MOSCOW, December 26. /TASS/.",
/// "BANGKOK, Aug. 25 (Xinhua)", "LONDON —".
fn dateline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^([A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+)*)(?:,\s*(?:({MONTH}\s+\d{{1,2}})|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))?(?:,\s*({MONTH}\s+\d{{1,2}}))?\.?\s*(\([^()]{{1,30}}\)|/[^/\s][^/]{{0,20}}/)?\.?\s*([-–—]|$)?"
        ))
        .expect("valid regex")
    })
}

/// Recognises the headline, byline, date and dateline in the first sentences.
pub(super) fn detect(text: &str, sentences: &[Sentence]) -> Metadata {
    let mut meta = Metadata::default();
    for (n, s) in sentences.iter().take(HEAD_SENTENCES).enumerate() {
        let line = &text[s.start..s.end];
        if line.len() > MAX_LINE {
            // Body text; a dateline may still open it.
            if meta.dateline.is_none() {
                read_dateline(line, &mut meta);
            }
            continue;
        }
        if n == 0 && is_headline(text, s, sentences.get(1)) {
            meta.title = Some(line.to_string());
            continue;
        }
        if meta.byline.is_none() {
            if let Some(c) = byline_re().captures(line) {
                let (name, date) = split_date(c.get(1).map_or("", |m| m.as_str()));
                if !name.is_empty() {
                    meta.byline = Some(name.to_string());
                }
                if let (Some(d), None) = (date, &meta.date) {
                    meta.date = Some(d.to_string());
                }
                continue;
            }
        }
        if meta.date.is_none() {
            if let Some(c) = date_line_re().captures(line) {
                meta.date = c.get(1).map(|m| m.as_str().to_string());
                continue;
            }
        }
        if meta.dateline.is_none() {
            read_dateline(line, &mut meta);
        }
    }
    meta
}

/// The headline: a first line of its own, without a final period, of at least two words.
fn is_headline(text: &str, s: &Sentence, next: Option<&Sentence>) -> bool {
    let line = &text[s.start..s.end];
    let Some(next) = next else { return false };
    let own_line = text[s.end..next.start].contains('\n') && !line.contains('\n');
    let unpunctuated = !line.ends_with(['.', '"', '”']);
    own_line
        && unpunctuated
        && line.split_whitespace().nth(1).is_some()
        && !byline_re().is_match(line)
        && dateline(line).is_none()
}

fn read_dateline(line: &str, meta: &mut Metadata) {
    if let Some((place, date)) = dateline(line) {
        meta.dateline = Some(place.to_string());
        if meta.date.is_none() {
            meta.date = date.map(str::to_string);
        }
    }
}

/// The place and date of a dateline opening `line`.
fn dateline(line: &str) -> Option<(&str, Option<&str>)> {
    // The place opens with a capital and another capital, period, apostrophe or hyphen (see
    // `dateline_re`): any other line is refused before the regex runs.
    let b = line.as_bytes();
    let place_opens = b.first().is_some_and(u8::is_ascii_uppercase)
        && b.get(1)
            .is_some_and(|c| c.is_ascii_uppercase() || matches!(c, b'.' | b'\'' | b'-'));
    if !place_opens {
        return None;
    }
    let head = &line[..floor_boundary(line, 80)];
    let c = dateline_re().captures(head)?;
    let place = c.get(1)?.as_str().trim_end_matches(['.', '-']);
    let date = c.get(2).or(c.get(3)).map(|m| m.as_str());
    let credit = c.get(4).is_some();
    let dash = c.get(5).is_some_and(|m| !m.as_str().is_empty());
    // A place alone ("NATO said") is not a dateline: it needs a date, a credit or a dash.
    if place.chars().filter(|c| c.is_alphabetic()).count() < 2
        || !(date.is_some() || credit || dash)
    {
        return None;
    }
    if credit && date.is_none() && !dash && c.get(0).map_or(0, |m| m.end()) < head.len() {
        // "NATO (the alliance) said" is a sentence, not a dateline.
        return None;
    }
    Some((place, date))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Splits a trailing ISO date ("2021-06-29") off a byline.
fn split_date(s: &str) -> (&str, Option<&str>) {
    let t = s.trim_end();
    if t.len() >= 10 && t.is_char_boundary(t.len() - 10) {
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
