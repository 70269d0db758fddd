//! Names of sources: a mention split into its canonical name and its descriptors, and the
//! lower-case key words that grouping matches on.

use std::borrow::Cow;

use std::sync::OnceLock;

use super::index::{packed_lower, FastSet};
use super::kind::{find_bytes, is_place, words_of, KEY_WORD};
use super::kind_of;
use crate::cues;
use crate::schema::Kind;

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "our", "their", "its", "his", "her", "these", "those",
];

/// True for a determiner in any case ("The", "our"). No non-ASCII word lower-cases to a
/// determiner, so ASCII folding decides without a lower-case copy; the comparisons test the
/// lengths first.
fn is_determiner(word: &str) -> bool {
    DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

fn strip_det(words: &[&str]) -> usize {
    words.iter().take_while(|w| is_determiner(w)).count()
}

/// True when `word`, lower-cased, is a title ("President", "MP"). Names are tested word by
/// word for every distinct mention: a short ASCII word (almost every one) is folded and
/// packed into integers as it is read and looked up by them, without a copy or a string hash.
fn is_title_word(word: &str) -> bool {
    static TITLES: OnceLock<FastSet<(u64, u64)>> = OnceLock::new();
    match packed_lower(word) {
        Some(key) => TITLES
            .get_or_init(|| {
                // Every title is lower-case ASCII: one too long to pack is asked for below.
                cues::TITLES
                    .iter()
                    .filter_map(|t| packed_lower(t))
                    .collect()
            })
            .contains(&key),
        None => cues::with_lowercase(word, cues::is_title),
    }
}

/// True for a person's name standing alone: one to four capitalised words ("Rosa Lind").
pub(super) fn apposed_name(s: &str) -> bool {
    // One pass that stops at the first word that cannot be part of a name, or at a fifth word:
    // most descriptors tested ("a researcher at …") fail at once.
    let mut n = 0;
    for w in s.split_whitespace() {
        n += 1;
        let name_word = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
        if n > 4 || !name_word {
            return false;
        }
    }
    n >= 1
        && !s
            .split_whitespace()
            .any(|w| cues::is_capital_non_source(w) || is_title_word(w))
}

/// The reused buffers of [`name_and_descriptors`]: the words of a head and the descriptors of the
/// mention being read. A long text reads thousands of distinct mentions; each one reuses them
/// instead of collecting vectors of its own.
#[derive(Default)]
pub(super) struct Scratch<'t> {
    words: Vec<&'t str>,
    /// The descriptors of the last mention read, in order.
    pub(super) descriptors: Vec<Cow<'t, str>>,
}

/// `words` (in order, from a split of `within` at white space) joined by single spaces. They
/// almost always stand in `within` separated by single spaces, and are then borrowed as the
/// slice that spans them rather than copied.
fn joined<'t>(within: &'t str, words: &[&'t str]) -> Cow<'t, str> {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Cow::Borrowed("");
    };
    // Where the words lie in `within`, from their addresses (no pointer is followed).
    let base = within.as_ptr() as usize;
    let start = (first.as_ptr() as usize).wrapping_sub(base);
    let end = (last.as_ptr() as usize + last.len()).wrapping_sub(base);
    if let Some(span) = within.get(start..end) {
        // The words hold no white space: when the span is as long as the words and one byte
        // between each two, and holds a space for each gap, every gap is a single space.
        let letters: usize = words.iter().map(|w| w.len()).sum();
        let gaps = words.len() - 1;
        if span.len() == letters + gaps && span.bytes().filter(|&b| b == b' ').count() == gaps {
            return Cow::Borrowed(span);
        }
    }
    Cow::Owned(words.join(" "))
}

/// Splits a mention into its canonical name, with the number of its words, and its descriptors
/// (left in `scratch.descriptors`); for "A (B)", B is a descriptor.
pub(super) fn name_and_descriptors<'t>(
    mention: &'t str,
    kind: Kind,
    scratch: &mut Scratch<'t>,
) -> (Cow<'t, str>, usize) {
    let Scratch { words, descriptors } = scratch;
    descriptors.clear();
    // Split at the first ", " (a byte search: a substring searcher costs more to prepare than
    // these short mentions take to scan).
    let (head, rest) = match find_bytes(mention, ", ") {
        Some(k) => (&mention[..k], Some(&mention[k + 2..])),
        None => (mention, None),
    };
    // The head, the name and the descriptors are slices of the mention until they are stored.
    let mut head = head.trim();
    let rest = rest.map(|d| d.trim_end_matches(',').trim());
    descriptors.extend(rest.map(Cow::Borrowed));
    // "the harbour master, Rosa Lind": a role described in lower case, then the person's name
    // in apposition. The name is canonical and the role a descriptor.
    if kind == Kind::Person {
        if let Some(app) = rest.filter(|d| apposed_name(d)) {
            words.clear();
            words.extend(head.split_whitespace());
            let described = words.len() >= 2
                && words[strip_det(words)..]
                    .iter()
                    .all(|w| !w.chars().next().is_some_and(char::is_uppercase));
            if described {
                descriptors[0] = Cow::Borrowed(head);
                head = app;
            }
        }
    }
    // "Lucy Powell MP (@handle)": the bracketed part is a descriptor.
    if let Some(k) = find_bytes(head, " (") {
        descriptors.push(Cow::Borrowed(&head[k + 1..]));
        head = &head[..k];
    }
    // "the Ministry of X of our country" is the Ministry of X.
    for tail in [" of our country", " of this country", " of the country"] {
        if let Some(stripped) = head.strip_suffix(tail) {
            head = stripped;
        }
    }
    words.clear();
    words.extend(head.split_whitespace());
    let skip = strip_det(words);
    let words = &words[skip..];
    let join = |words: &[&'t str]| joined(mention, words);
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
                descriptors.push(join(words));
                return (join(&words[a..=b]), b + 1 - a);
            }
        }
    }
    if kind != Kind::Person {
        return (join(words), words.len());
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
            descriptors.push(join(&words[cut..]));
        }
        before_of
    };
    let first = name_start(words);
    if first > 0 && first < words.len() {
        descriptors.insert(0, join(&words[..first]));
    }
    let mut name = &words[first.min(words.len())..];
    // "Lucy Powell MP": a title after the name is a descriptor too.
    while name.len() > 1 && {
        let last = name[name.len() - 1];
        // The case test is cheaper and seldom passes: it goes first.
        last.chars().all(|c| c.is_uppercase()) && is_title_word(last)
    } {
        descriptors.push(Cow::Borrowed(name[name.len() - 1]));
        name = &name[..name.len() - 1];
    }
    (join(name), name.len())
}

/// Calls `f` with the key words of `name`, in order: its lower-case words (runs of letters,
/// digits, `-` and `@`) without determiners and the fillers "of", "our" and "country". `lower`
/// is the caller's buffer, kept from name to name, that receives the lower-case name, so that
/// a name costs no string of its own.
pub(super) fn key_words(name: &str, lower: &mut String, mut f: impl FnMut(&str)) {
    lower.clear();
    if name.is_ascii() {
        lower.push_str(name);
        lower.make_ascii_lowercase();
    } else {
        lower.push_str(&name.to_lowercase());
    }
    let mut words = words_of(lower, &KEY_WORD)
        .filter(|w| !matches!(*w, "of" | "our" | "country") && !is_determiner(w));
    // Each word is passed on when the next is read: the last one may still change.
    let (mut count, mut last) = (0, None);
    for w in &mut words {
        if let Some(before) = last.replace(w) {
            f(before);
        }
        count += 1;
    }
    // Machine translation renders one body as "… Information Bureau" and "… Information
    // Agency".
    if let Some(w) = last {
        let agency = count >= 3 && matches!(w, "agency" | "bureau" | "office");
        f(if agency && !name.contains("News") {
            "bureau"
        } else {
            w
        });
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
        while run
            .first()
            .is_some_and(|w| cues::is_capital_non_source(w) || is_determiner(w))
        {
            run.remove(0);
        }
        if !run.is_empty() {
            let name = run.join(" ");
            let lower = name.to_lowercase();
            // The loop above left no sentence-initial word at the front.
            let ok = !is_place(&lower)
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
    let name = name_and_descriptors(&best?, Kind::Person, &mut Scratch::default())
        .0
        .into_owned();
    Some(name).filter(|n| !n.is_empty())
}
