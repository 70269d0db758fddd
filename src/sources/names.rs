//! Names of sources: a mention split into its canonical name and its descriptors, and the
//! lower-case key words that grouping matches on.

use super::kind::{find_bytes, is_place};
use super::kind_of;
use crate::attribution::trim_suffix;
use crate::cues;
use crate::schema::Kind;

pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "our", "their", "its", "his", "her", "these", "those",
];

fn strip_det(words: &[&str]) -> usize {
    words
        .iter()
        // No non-ASCII word lower-cases to a determiner, so ASCII folding decides without
        // allocating.
        .take_while(|w| DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(w)))
        .count()
}

/// True when `word`, lower-cased, is a title ("President", "MP"). Names are tested word by
/// word for every distinct mention.
fn is_title_word(word: &str) -> bool {
    cues::with_lowercase(word, cues::is_title)
}

/// True for a person's name standing alone: one to four capitalised words ("Rosa Lind").
pub(super) fn apposed_name(s: &str) -> bool {
    let n = s.split_whitespace().count();
    (1..=4).contains(&n)
        && s.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && !s
            .split_whitespace()
            .any(|w| cues::CAPITAL_NON_SOURCES.contains(&w) || is_title_word(w))
}

/// Splits a mention into its canonical name, its descriptors and, for "A (B)", B as an alias.
pub(super) fn name_and_descriptors(mention: &str, kind: Kind) -> (String, Vec<String>) {
    // Split at the first ", " (a byte search: a substring searcher costs more to prepare than
    // these short mentions take to scan).
    let (head, rest) = match find_bytes(mention, ", ") {
        Some(k) => (&mention[..k], Some(&mention[k + 2..])),
        None => (mention, None),
    };
    // The head is a slice of the mention until the name is built: no copy of its own.
    let mut head = head.trim();
    let mut descriptors: Vec<String> = rest
        .map(|d| vec![d.trim_end_matches(',').trim().to_string()])
        .unwrap_or_default();
    // "the harbour master, Rosa Lind": a role described in lower case, then the person's name
    // in apposition. The name is canonical and the role a descriptor.
    if kind == Kind::Person {
        if let Some(app) = rest
            .map(|d| d.trim_end_matches(',').trim())
            .filter(|d| apposed_name(d))
        {
            let role_words: Vec<&str> = head.split_whitespace().collect();
            let described = role_words.len() >= 2
                && role_words[strip_det(&role_words)..]
                    .iter()
                    .all(|w| !w.chars().next().is_some_and(char::is_uppercase));
            if described {
                descriptors[0] = head.to_string();
                head = app;
            }
        }
    }
    // "Lucy Powell MP (@handle)": the bracketed part is a descriptor.
    if let Some(k) = find_bytes(head, " (") {
        descriptors.push(head[k + 1..].to_string());
        head = &head[..k];
    }
    // "the Ministry of X of our country" is the Ministry of X.
    for tail in [" of our country", " of this country", " of the country"] {
        if let Some(stripped) = head.strip_suffix(tail) {
            head = stripped;
        }
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let skip = strip_det(&words);
    let words = &words[skip..];
    if kind == Kind::Media {
        // "the official Xinhua news agency" / "Beirut-based al-Akhbar newspaper": the name.
        let proper = |w: &&str| {
            (w.chars().next().is_some_and(|c| c.is_uppercase()) || w.starts_with("al-"))
                && !w.ends_with("-based")
                && !w.ends_with("-language")
                && !w.ends_with("'s")
                && !w.ends_with("’s")
        };
        let a = words.iter().position(proper);
        let b = words.iter().rposition(proper);
        if let (Some(a), Some(b)) = (a, b) {
            let has_lower_tail = b + 1 < words.len() || a > 0;
            if has_lower_tail {
                descriptors.push(words.join(" "));
                return (words[a..=b].join(" "), descriptors);
            }
        }
    }
    if kind != Kind::Person {
        return (words.join(" "), descriptors);
    }
    // "Professor Ridong Hu of Huaqiao University": the name is before "of".
    let cut = words
        .iter()
        .position(|w| matches!(*w, "of" | "at" | "from" | "for" | "with"))
        .unwrap_or(words.len());
    // The name is the run after the last title, lower-case or possessive word.
    let name_start = |words: &[&str]| {
        let mut first = 0;
        for (i, w) in words.iter().enumerate() {
            let lower_case = !w.chars().next().is_some_and(|c| c.is_uppercase());
            let acronym = w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.');
            // The lower-case copy is made only when the cheaper tests leave it to decide.
            if i + 1 < words.len()
                && (lower_case
                    || is_title_word(w)
                    || w.ends_with("'s")
                    || w.ends_with("’s")
                    || acronym)
            {
                first = i + 1;
            }
        }
        first
    };
    let before_of = &words[..cut];
    let ends_in_title = before_of.last().map(|w| is_title_word(w)).unwrap_or(true);
    // "Secretary of State Mike Pompeo": the name follows the whole title.
    let words = if ends_in_title {
        words
    } else {
        if cut < words.len() {
            descriptors.push(words[cut..].join(" "));
        }
        before_of
    };
    let first = name_start(words);
    if first > 0 && first < words.len() {
        descriptors.insert(0, words[..first].join(" "));
    }
    let mut name = &words[first.min(words.len())..];
    // "Lucy Powell MP": a title after the name is a descriptor too.
    while name.len() > 1 && {
        let last = name[name.len() - 1];
        // The case test is cheaper and seldom passes: it goes first.
        last.chars().all(|c| c.is_uppercase()) && is_title_word(last)
    } {
        descriptors.push(name[name.len() - 1].to_string());
        name = &name[..name.len() - 1];
    }
    (name.join(" "), descriptors)
}

/// The key of `name` in `key`: its lower-case words, without determiners, joined by single
/// spaces. Both buffers are the caller's, kept from name to name, so that a name costs no
/// string of its own.
pub(super) fn key_of(name: &str, lower: &mut String, key: &mut String) {
    lower.clear();
    if name.is_ascii() {
        lower.push_str(name);
        lower.make_ascii_lowercase();
    } else {
        lower.push_str(&name.to_lowercase());
    }
    key.clear();
    let words = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '@')
        .filter(|w| {
            !w.is_empty() && !DETERMINERS.contains(w) && !matches!(*w, "of" | "our" | "country")
        })
        .map(|w| trim_suffix(w, "'s"));
    let (mut count, mut last) = (0, 0);
    for w in words {
        if count > 0 {
            key.push(' ');
        }
        last = key.len();
        key.push_str(w);
        count += 1;
    }
    // Machine translation renders one body as "… Information Bureau" and "… Information Agency".
    if count >= 3
        && matches!(&key[last..], "agency" | "bureau" | "office")
        && !name.contains("News")
    {
        key.truncate(last);
        key.push_str("bureau");
    }
}

/// The last capitalised name in the sentence before `at` that may be a person ("After Biden took
/// office, he …").
pub(super) fn name_before(text: &str, sent_start: usize, at: usize) -> Option<String> {
    let slice = text.get(sent_start..at)?;
    // Only the frame "After/When/As NAME did X, he …" is trusted: elsewhere the nearest
    // capitalised word is too often a place, a group or a quotation's first word.
    let first = slice.split_whitespace().next().unwrap_or("");
    if !matches!(
        first,
        "After"
            | "When"
            | "As"
            | "Since"
            | "Before"
            | "Although"
            | "While"
            | "Once"
            | "Because"
            | "Though"
            | "Until"
    ) {
        return None;
    }
    let mut best: Option<String> = None;
    let mut run: Vec<&str> = Vec::new();
    let mut prev_word = "";
    let mut run_prev = "";
    let flush = |run: &mut Vec<&str>, run_prev: &str, best: &mut Option<String>| {
        // Sentence-initial words ("After Biden …") are not part of the name.
        while run.first().is_some_and(|w| {
            cues::CAPITAL_NON_SOURCES.contains(w)
                || DETERMINERS.contains(&w.to_lowercase().as_str())
        }) {
            run.remove(0);
        }
        if !run.is_empty() {
            let name = run.join(" ");
            let lower = name.to_lowercase();
            let ok = !cues::CAPITAL_NON_SOURCES.contains(&run[0])
                && !is_place(&lower)
                && !matches!(run_prev, "the" | "The")
                && kind_of(&name) == Kind::Person
                && !run.iter().all(|w| is_title_word(w));
            if ok {
                *best = Some(name);
            }
            run.clear();
        }
    };
    for raw in slice.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let cap = w.chars().next().is_some_and(|c| c.is_uppercase());
        if cap && !w.is_empty() {
            if run.is_empty() {
                run_prev = prev_word;
            }
            run.push(w);
            if raw.ends_with([',', '.', ';', ':']) || w.ends_with("'s") {
                flush(&mut run, run_prev, &mut best);
            }
        } else {
            flush(&mut run, run_prev, &mut best);
        }
        prev_word = raw;
    }
    flush(&mut run, run_prev, &mut best);
    best.map(|n| name_and_descriptors(&n, Kind::Person).0)
        .filter(|n| !n.is_empty())
}
