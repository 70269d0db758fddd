//! Sources: mentions grouped into entities.
//!
//! Two mentions name the same source when their head names agree: the last capitalised word of
//! the name part ("Vasily Kashin" and "Russian expert Kashin" both end in "Kashin"), or the whole
//! name with titles and determiners removed. A personal pronoun ("he", "she") resolves to the most
//! recent person source; "it" and "they" to the most recent organisation.

use crate::attribution::{Found, RawMention};
use crate::schema::{Kind, Source};
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
    key: String,
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
    "the", "a", "an", "this", "that", "our", "their", "its", "his", "her",
];

/// Splits a mention into its name (before any apposition) and its descriptors.
fn name_and_descriptors(mention: &str) -> (String, Vec<String>) {
    let mut parts = mention.splitn(2, ", ");
    let head = parts.next().unwrap_or("").trim();
    let mut descriptors: Vec<String> = parts
        .next()
        .map(|d| vec![d.trim_end_matches(',').trim().to_string()])
        .unwrap_or_default();
    // Leading lower-case or title words before a capitalised name are descriptors
    // ("Russian expert Kashin" -> name "Kashin", descriptor "Russian expert").
    let words: Vec<&str> = head.split_whitespace().collect();
    let first_name_word = words
        .iter()
        .rposition(|w| !w.chars().next().map(char::is_uppercase).unwrap_or(false))
        .map(|i| i + 1)
        .unwrap_or(0);
    let name = if first_name_word > 0 && first_name_word < words.len() && !is_institution(head) {
        let d = words[..first_name_word].join(" ");
        if !DETERMINERS.contains(&d.to_lowercase().as_str()) {
            descriptors.push(d);
        }
        words[first_name_word..].join(" ")
    } else {
        words
            .iter()
            .skip_while(|w| DETERMINERS.contains(&w.to_lowercase().as_str()))
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    (name, descriptors)
}

fn is_institution(s: &str) -> bool {
    s.split_whitespace()
        .any(|w| matches!(w, "of" | "for" | "and"))
}

/// The grouping key: the last word of a person's name, the whole name otherwise.
fn key_of(name: &str, kind: Kind) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "of" | "our" | "country"))
        .collect();
    if kind == Kind::Person {
        words.last().copied().unwrap_or("").to_string()
    } else {
        words.join(" ")
    }
}

fn is_pronoun(s: &str) -> Option<Kind> {
    match s.to_lowercase().as_str() {
        "he" | "she" | "him" | "her" => Some(Kind::Person),
        "it" | "they" => Some(Kind::Organization),
        _ => None,
    }
}

/// Groups the mentions of `found` into sources and sets each mention's `entity`.
pub fn group(text: &str, _sentences: &[Sentence], found: &mut [Option<Found>]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut last_of_kind: Vec<(Kind, usize)> = Vec::new();
    for (si, f) in found.iter_mut().enumerate() {
        let Some(f) = f else { continue };
        let direct = matches!(
            f.form,
            crate::schema::Form::Direct | crate::schema::Form::Mixed
        );
        let mut assign = |m: &mut RawMention, is_source: bool, groups: &mut Vec<Group>| {
            let raw = &text[m.start..m.end];
            let id = if let Some(kind) = is_pronoun(raw) {
                last_of_kind
                    .iter()
                    .rev()
                    .find(|(k, _)| *k == kind)
                    .map(|&(_, id)| id)
            } else {
                let (name, descriptors) = name_and_descriptors(raw);
                let key = key_of(&name, m.kind);
                let id = match groups.iter().position(|g| g.key == key && !key.is_empty()) {
                    Some(id) => id,
                    None => {
                        groups.push(Group {
                            name: name.clone(),
                            kind: m.kind,
                            mentions: 0,
                            descriptors: Vec::new(),
                            sentences: Vec::new(),
                            direct_quotes: 0,
                            key,
                        });
                        groups.len() - 1
                    }
                };
                let g = &mut groups[id];
                if name.split_whitespace().count() > g.name.split_whitespace().count() {
                    g.name = name;
                }
                for d in descriptors {
                    if !g.descriptors.contains(&d) {
                        g.descriptors.push(d);
                    }
                }
                Some(id)
            };
            if let Some(id) = id {
                m.entity = Some(id);
                if m.kind == Kind::Unknown || is_pronoun(raw).is_some() {
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
                last_of_kind.retain(|&(_, i)| i != id);
                last_of_kind.push((g.kind, id));
            }
        };
        for v in f.via.iter_mut() {
            assign(v, false, &mut groups);
        }
        if let Some(m) = f.source.as_mut() {
            assign(m, true, &mut groups);
        }
    }
    groups
}
