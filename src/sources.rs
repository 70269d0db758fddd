//! Sources: mentions typed ([`kind_of`]) and grouped into entities ([`group`]).
//!
//! Grouping, in order, for each mention (relays first, then the source, sentence by sentence):
//! - a pronoun ("he", "she", "who") resolves to the nearest person: a name earlier in the same
//!   sentence ("After Biden took office, he said …"), else the most recent person source; "it"
//!   and "they" to the most recent organisation or outlet;
//! - a definite description without a name ("the expert", "the ministry", "the Lebanese daily")
//!   resolves to the most recent source of the matching kind, preferring one whose name contains
//!   the noun;
//! - a name is matched against earlier sources with titles, determiners and appositions stripped:
//!   "Russian expert Kashin" joins "Vasily Kashin" (a single word matches any word of a person's
//!   name), "the Ministry of National Defense of our country" joins "The Ministry of National
//!   Defense", "the Information Bureau of the Ministry of National Defense" joins the ministry,
//!   and "Group (TG)" gives "TG" as another name for the group.

mod kind;

pub use kind::kind_of;
use kind::PLACES;

use crate::attribution::{Found, RawMention};
use crate::cues;
use crate::schema::{Form, Kind, Source};
use crate::segment::Sentence;

/// A grouped source before offsets are converted.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Mentions counted.
    pub mentions: usize,
    /// Descriptors, deduplicated.
    pub descriptors: Vec<String>,
    /// Sentences it is the source of.
    pub sentences: Vec<usize>,
    /// Sentences quoting it directly.
    pub direct_quotes: usize,
    /// Lower-case words of every name it was given, for matching.
    words: Vec<String>,
    /// Lower-case keys (whole names without determiners) it answers to.
    keys: Vec<String>,
}

impl Group {
    /// Converts to the schema type.
    pub fn into_schema(self, id: usize, share: f64) -> Source {
        Source {
            id,
            name: self.name,
            kind: self.kind,
            mentions: self.mentions,
            descriptors: self.descriptors,
            sentences: self.sentences,
            direct_quotes: self.direct_quotes,
            share,
        }
    }
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "our", "their", "its", "his", "her", "these", "those",
];

fn strip_det(words: &[&str]) -> usize {
    words
        .iter()
        .take_while(|w| DETERMINERS.contains(&w.to_lowercase().as_str()))
        .count()
}

/// Splits a mention into its canonical name, its descriptors and, for "A (B)", B as an alias.
fn name_and_descriptors(mention: &str, kind: Kind) -> (String, Vec<String>) {
    let mut parts = mention.splitn(2, ", ");
    let mut head = parts.next().unwrap_or("").trim().to_string();
    let mut descriptors: Vec<String> = parts
        .next()
        .map(|d| vec![d.trim_end_matches(',').trim().to_string()])
        .unwrap_or_default();
    // "Lucy Powell MP (@handle)": the bracketed part is a descriptor.
    if let Some(k) = head.find(" (") {
        descriptors.push(head[k + 1..].to_string());
        head.truncate(k);
    }
    // "the Ministry of X of our country" is the Ministry of X.
    for tail in [" of our country", " of this country", " of the country"] {
        if let Some(stripped) = head.strip_suffix(tail) {
            head = stripped.to_string();
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
            let lw = w.to_lowercase();
            let lower_case = !w.chars().next().is_some_and(|c| c.is_uppercase());
            let acronym = w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.');
            if i + 1 < words.len()
                && (lower_case
                    || cues::is_title(&lw)
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
    let ends_in_title = before_of
        .last()
        .map(|w| cues::is_title(&w.to_lowercase()))
        .unwrap_or(true);
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
        cues::is_title(&last.to_lowercase()) && last.chars().all(|c| c.is_uppercase())
    } {
        descriptors.push(name[name.len() - 1].to_string());
        name = &name[..name.len() - 1];
    }
    (name.join(" "), descriptors)
}

fn key_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '@')
        .filter(|w| {
            !w.is_empty() && !DETERMINERS.contains(w) && !matches!(*w, "of" | "our" | "country")
        })
        .map(|w| w.trim_end_matches("'s").to_string())
        .collect();
    // Machine translation renders one body as "… Information Bureau" and "… Information Agency".
    if words.len() >= 3 {
        if let Some(last) = words.last_mut() {
            if matches!(last.as_str(), "agency" | "bureau" | "office") && !name.contains("News") {
                *last = "bureau".to_string();
            }
        }
    }
    words
}

fn pronoun(s: &str) -> Option<&'static [Kind]> {
    match s.to_lowercase().as_str() {
        "he" | "she" | "him" | "her" | "who" => Some(&[Kind::Person]),
        "it" | "which" => Some(&[Kind::Organization, Kind::Media, Kind::Document]),
        "they" => Some(&[Kind::Organization, Kind::Vague, Kind::Media]),
        _ => None,
    }
}

/// A description without a name: "the expert", "the Lebanese daily". Returns its head noun.
fn anaphor(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.len() < 2 || words.len() > 4 || !words[0].eq_ignore_ascii_case("the") {
        return None;
    }
    let head = words[words.len() - 1].to_lowercase();
    if !cues::is_source_noun(&head) || kind_of(raw) == Kind::Vague {
        return None;
    }
    // Only lower-case words and demonyms ("Russian", "Chinese") before the head.
    let named = words[1..].iter().any(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            && !w.ends_with("an")
            && !w.ends_with("ese")
            && !w.ends_with("ish")
    });
    (!named).then_some(head)
}

/// Groups the mentions of `found` into sources and sets each mention's `entity`.
pub fn group(text: &str, sentences: &[Sentence], found: &mut [Option<Found>]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // Group ids in order of last use, most recent last.
    let mut recent: Vec<usize> = Vec::new();
    // Entities of mentions already grouped, by span, for carried-over attributions.
    let mut by_span: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for (si, f) in found.iter_mut().enumerate() {
        let Some(f) = f else { continue };
        let direct = matches!(f.form, Form::Direct | Form::Mixed);
        let sent_start = sentences.get(si).map(|s| s.start).unwrap_or(0);
        let mut assign = |m: &mut RawMention, is_source: bool, groups: &mut Vec<Group>| {
            let raw = &text[m.start..m.end];
            let id = resolve(text, sent_start, m, groups, &recent);
            let Some(id) = id else { return };
            m.entity = Some(id);
            by_span.insert((m.start, m.end), id);
            if m.kind == Kind::Unknown || pronoun(raw).is_some() || anaphor(raw).is_some() {
                m.kind = groups[id].kind;
            }
            let g = &mut groups[id];
            g.mentions += 1;
            if is_source && g.sentences.last() != Some(&si) {
                g.sentences.push(si);
                if direct {
                    g.direct_quotes += 1;
                }
            }
            recent.retain(|&i| i != id);
            recent.push(id);
        };
        for v in f.via.iter_mut() {
            assign(v, false, &mut groups);
        }
        if let Some(m) = f.source.as_mut() {
            if f.continued {
                // A carried-over mention already counted in its own sentence.
                if let Some(&id) = by_span.get(&(m.start, m.end)) {
                    m.entity = Some(id);
                    m.kind = groups[id].kind;
                    let g = &mut groups[id];
                    if g.sentences.last() != Some(&si) {
                        g.sentences.push(si);
                        if direct {
                            g.direct_quotes += 1;
                        }
                    }
                }
            } else {
                assign(m, true, &mut groups);
            }
        }
    }
    merge_anaphors(groups, found)
}

/// A source first met as a bare description ("the ministry said …") joins the named source
/// that description belongs to when it appears later ("the Russian Foreign Ministry"). Group
/// ids are renumbered and every mention's `entity` follows.
fn merge_anaphors(groups: Vec<Group>, found: &mut [Option<Found>]) -> Vec<Group> {
    let n = groups.len();
    let mut target: Vec<usize> = (0..n).collect();
    for (i, g) in groups.iter().enumerate() {
        let bare = !g.name.contains(' ')
            && g.name.chars().all(|c| c.is_lowercase())
            && cues::is_source_noun(&g.name);
        if !bare {
            continue;
        }
        if let Some(j) = (0..n).find(|&j| {
            j != i
                && groups[j].kind == g.kind
                && groups[j]
                    .name
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && groups[j].words.contains(&g.name)
        }) {
            target[i] = j;
        }
    }
    if target.iter().enumerate().all(|(i, &t)| i == t) {
        return groups;
    }
    // New ids for the groups that remain, in their original order.
    let mut new_id = vec![usize::MAX; n];
    let mut next = 0;
    for i in 0..n {
        if target[i] == i {
            new_id[i] = next;
            next += 1;
        }
    }
    let remap = |id: usize| new_id[target[id]];
    let mut kept: Vec<Group> = Vec::with_capacity(next);
    let mut absorbed: Vec<(usize, Group)> = Vec::new();
    for (i, g) in groups.into_iter().enumerate() {
        if target[i] == i {
            kept.push(g);
        } else {
            absorbed.push((remap(i), g));
        }
    }
    for (into, g) in absorbed {
        let k = &mut kept[into];
        k.mentions += g.mentions;
        k.direct_quotes += g.direct_quotes;
        k.sentences.extend(g.sentences);
        k.sentences.sort_unstable();
        k.sentences.dedup();
        for d in g.descriptors {
            if !k.descriptors.contains(&d) {
                k.descriptors.push(d);
            }
        }
    }
    for f in found.iter_mut().flatten() {
        for m in f.source.iter_mut().chain(f.via.iter_mut()) {
            if let Some(e) = m.entity {
                m.entity = Some(remap(e));
            }
        }
    }
    kept
}

/// Finds or creates the group a mention belongs to.
fn resolve(
    text: &str,
    sent_start: usize,
    m: &RawMention,
    groups: &mut Vec<Group>,
    recent: &[usize],
) -> Option<usize> {
    let raw = &text[m.start..m.end];
    if let Some(kinds) = pronoun(raw) {
        if kinds.contains(&Kind::Person) {
            if let Some(name) = name_before(text, sent_start, m.start) {
                return Some(add_name(groups, &name, Kind::Person, Vec::new()));
            }
        }
        return recent
            .iter()
            .rev()
            .copied()
            .find(|&i| kinds.contains(&groups[i].kind));
    }
    if let Some(noun) = anaphor(raw) {
        let want: &[Kind] = match kind_of(&noun) {
            Kind::Media => &[Kind::Media],
            Kind::Organization | Kind::Document => &[Kind::Organization, Kind::Media],
            _ if noun.ends_with('s') => &[Kind::Organization, Kind::Person],
            _ => &[Kind::Person],
        };
        let by_word = recent
            .iter()
            .rev()
            .copied()
            .find(|&i| groups[i].words.contains(&noun));
        let by_kind = recent
            .iter()
            .rev()
            .copied()
            .find(|&i| want.contains(&groups[i].kind));
        if let Some(id) = by_word.or(by_kind) {
            return Some(id);
        }
    }
    let (mut name, descriptors) = name_and_descriptors(raw, m.kind);
    // A sub-body speaks for its parent: "the Information Bureau of the Ministry of X".
    if m.kind == Kind::Organization {
        if let Some(k) = name.find(" of ") {
            let (body, parent) = (&name[..k], &name[k + 4..]);
            let body_head = body.split_whitespace().last().unwrap_or("").to_lowercase();
            let parent_kind = kind_of(parent);
            if matches!(
                body_head.as_str(),
                "bureau" | "office" | "department" | "division" | "unit"
            ) && parent_kind == Kind::Organization
                && parent.split_whitespace().count() >= 2
            {
                name = parent
                    .trim_start_matches("the ")
                    .trim_start_matches("The ")
                    .to_string();
            }
        }
    }
    if name.is_empty() {
        return None;
    }
    Some(add_name(groups, &name, m.kind, descriptors)).filter(|&id| !groups[id].name.is_empty())
}

/// Matches `name` against the groups or creates a new one; returns its index.
fn add_name(groups: &mut Vec<Group>, name: &str, kind: Kind, descriptors: Vec<String>) -> usize {
    let words = key_words(name);
    let key = words.join(" ");
    let found = groups
        .iter()
        .rposition(|g| g.keys.contains(&key))
        .or_else(|| {
            if kind == Kind::Person || words.len() == 1 {
                // "Kashin" joins "Vasily Kashin"; "Vasily Kashin" joins an earlier "Kashin".
                groups.iter().rposition(|g| {
                    (g.kind == Kind::Person
                        || words.len() == 1 && name.chars().next().is_some_and(char::is_uppercase))
                        && !words.is_empty()
                        && (words.len() == 1 && g.words.contains(&words[0])
                            || g.keys.iter().any(|k| !k.contains(' ') && words.contains(k)))
                })
            } else {
                None
            }
        });
    let id = match found {
        Some(id) => id,
        None => {
            groups.push(Group {
                name: name.to_string(),
                kind,
                mentions: 0,
                descriptors: Vec::new(),
                sentences: Vec::new(),
                direct_quotes: 0,
                words: Vec::new(),
                keys: Vec::new(),
            });
            groups.len() - 1
        }
    };
    let g = &mut groups[id];
    if name.split_whitespace().count() > g.name.split_whitespace().count()
        && !(g.kind == Kind::Person && kind != Kind::Person)
    {
        g.name = name.to_string();
    }
    if !g.keys.contains(&key) {
        g.keys.push(key);
    }
    for w in words {
        if !g.words.contains(&w) {
            g.words.push(w);
        }
    }
    for d in descriptors {
        if !d.is_empty() && !g.descriptors.contains(&d) {
            g.descriptors.push(d);
        }
    }
    id
}

/// The last capitalised name in the sentence before `at` that may be a person ("After Biden took
/// office, he …").
fn name_before(text: &str, sent_start: usize, at: usize) -> Option<String> {
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
                && !PLACES.contains(&lower.as_str())
                && !matches!(run_prev, "the" | "The")
                && kind_of(&name) == Kind::Person
                && !run.iter().all(|w| cues::is_title(&w.to_lowercase()));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_of("Xinhua News Agency"), Kind::Media);
        assert_eq!(kind_of("the outside world"), Kind::Vague);
        assert_eq!(kind_of("Chinese officials and experts"), Kind::Vague);
        assert_eq!(
            kind_of("The Ministry of National Defense"),
            Kind::Organization
        );
        assert_eq!(kind_of("Russian President Vladimir Putin"), Kind::Person);
        assert_eq!(kind_of("a report on the World Wide Web"), Kind::Document);
    }

    #[test]
    fn names_drop_titles() {
        let (n, d) = name_and_descriptors("Russian President Vladimir Putin", Kind::Person);
        assert_eq!(n, "Vladimir Putin");
        assert_eq!(d, ["Russian President"]);
        let (n, _) = name_and_descriptors("Chinese Ambassador to the EU Fu Cong", Kind::Person);
        assert_eq!(n, "Fu Cong");
    }
}
