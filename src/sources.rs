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
mod names;

pub use kind::kind_of;
use names::{key_words, name_and_descriptors, name_before};

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::keywords::FastHasher;

/// Maps and sets keyed by the words and spans of one text: no flooding to resist, and the
/// default hasher costs more than the lookups.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

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
    words: FastSet<String>,
    /// The descriptors already recorded, so that deduplication stays O(1) per mention.
    seen_descriptors: FastSet<String>,
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

    fn add_descriptor(&mut self, d: &str) {
        if !d.is_empty() && !self.seen_descriptors.contains(d) {
            self.seen_descriptors.insert(d.to_string());
            self.descriptors.push(d.to_string());
        }
    }
}

/// How far back in the order of use a pronoun or description may reach: a source not named in
/// the last this many mentions is too far away to be meant, and the bound keeps grouping linear.
const RECENT_REACH: usize = 200;

/// The groups with indices, so that each mention is matched in time independent of the number
/// of groups (a long text has thousands).
#[derive(Default)]
struct Index {
    groups: Vec<Group>,
    /// Group ids by key, the latest group last.
    by_key: FastMap<String, usize>,
    /// Group ids by each word of their names, in creation order.
    by_word: FastMap<String, Vec<usize>>,
    /// Group ids by their one-word keys ("Kashin"), in creation order.
    by_single_key: FastMap<String, Vec<usize>>,
    /// Group ids in order of use (with repeats); `last_use[id]` is the latest position of `id`.
    uses: Vec<usize>,
    last_use: Vec<usize>,
}

/// What grouping reads from a mention's text and kind alone. A long text repeats the same
/// mentions ("Putin", "the ministry") hundreds of times: each distinct one is read once.
struct Reading {
    /// The kinds a pronoun may stand for.
    pronoun: Option<&'static [Kind]>,
    /// For a description without a name: its head noun, the noun's kind, and whether the
    /// description is short (three words at most).
    anaphor: Option<(String, Kind, bool)>,
    /// The name and its keys, made when the mention is first matched by name.
    named: Option<Named>,
}

impl Reading {
    fn new(raw: &str) -> Reading {
        let pronoun = pronoun(raw);
        let anaphor = pronoun
            .is_none()
            .then(|| anaphor(raw))
            .flatten()
            .map(|noun| {
                let kind = kind_of(&noun);
                (noun, kind, raw.split_whitespace().count() <= 3)
            });
        Reading {
            pronoun,
            anaphor,
            named: None,
        }
    }
}

/// A name ready for matching: its canonical form, lower-case key, descriptors.
struct Named {
    name: String,
    /// The key words joined by single spaces (no key word holds a space).
    key: String,
    descriptors: Vec<String>,
    /// The group this name last joined: when it joins the same group again, that group already
    /// holds its keys, words and descriptors, and already has a name at least as long.
    last_id: Option<usize>,
}

impl Named {
    fn new(name: String, descriptors: Vec<String>) -> Named {
        let mut lower = String::new();
        Named {
            key: key_words(&name, &mut lower).join(" "),
            name,
            descriptors,
            last_id: None,
        }
    }

    /// The name of a mention typed `kind`, with its descriptors.
    fn of_mention(raw: &str, kind: Kind) -> Named {
        let (mut name, descriptors) = name_and_descriptors(raw, kind);
        // A sub-body speaks for its parent: "the Information Bureau of the Ministry of X".
        if kind == Kind::Organization {
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
        Named::new(name, descriptors)
    }
}

impl Index {
    /// Marks `id` as the most recently used group.
    fn touch(&mut self, id: usize) {
        self.last_use[id] = self.uses.len();
        self.uses.push(id);
    }

    /// Distinct groups, most recently used first, within [`RECENT_REACH`] uses.
    fn recent(&self) -> impl Iterator<Item = usize> + '_ {
        let n = self.uses.len();
        (n.saturating_sub(RECENT_REACH)..n)
            .rev()
            .filter(move |&p| self.last_use[self.uses[p]] == p)
            .map(move |p| self.uses[p])
    }
}

fn pronoun(s: &str) -> Option<&'static [Kind]> {
    // Pronouns are short ASCII words: anything longer or wider is none, without lower-casing.
    if s.len() > 5 || !s.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 5];
    let lower = &mut buf[..s.len()];
    lower.copy_from_slice(s.as_bytes());
    lower.make_ascii_lowercase();
    match std::str::from_utf8(lower).unwrap_or("") {
        "he" | "she" | "him" | "her" | "who" => Some(&[Kind::Person]),
        "it" | "which" => Some(&[Kind::Organization, Kind::Media, Kind::Document]),
        "they" => Some(&[Kind::Organization, Kind::Vague, Kind::Media]),
        _ => None,
    }
}

/// A description without a name: "the expert", "the Lebanese daily". Returns its head noun.
fn anaphor(raw: &str) -> Option<String> {
    // Most mentions do not open with "the": they are refused before their words are split.
    if !raw
        .trim_start()
        .as_bytes()
        .get(..3)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"the"))
    {
        return None;
    }
    // Two to four words: the fifth, if any, is only counted.
    let mut words = [""; 5];
    let mut n = 0;
    for w in raw.split_whitespace().take(5) {
        words[n] = w;
        n += 1;
    }
    if !(2..=4).contains(&n) || !words[0].eq_ignore_ascii_case("the") {
        return None;
    }
    let words = &words[..n];
    let last = words[n - 1];
    if !cues::with_lowercase(last, cues::is_source_noun) || kind_of(raw) == Kind::Vague {
        return None;
    }
    // Only lower-case words and demonyms ("Russian", "Chinese") before the head.
    let named = words[1..].iter().any(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            && !w.ends_with("an")
            && !w.ends_with("ese")
            && !w.ends_with("ish")
    });
    (!named).then(|| last.to_lowercase())
}

/// Groups the mentions of `found` into sources and sets each mention's `entity`.
pub fn group(text: &str, sentences: &[Sentence], found: &mut [Option<Found>]) -> Vec<Group> {
    let mut ix = Index::default();
    // Entities of mentions already grouped, by span, for carried-over attributions.
    // Sized for every mention up front: it is only looked up, never walked, so its capacity
    // changes no order, and it is spared growing step by step. (The readings, one per distinct
    // mention and far larger, grow as they come.)
    let mentions: usize = found
        .iter()
        .flatten()
        .map(|f| f.via.len() + usize::from(f.source.is_some()))
        .sum();
    let mut by_span: FastMap<(usize, usize), usize> =
        FastMap::with_capacity_and_hasher(mentions, Default::default());
    let mut readings: FastMap<(&str, Kind), Reading> = FastMap::default();
    for (si, f) in found.iter_mut().enumerate() {
        let Some(f) = f else { continue };
        let direct = matches!(f.form, Form::Direct | Form::Mixed);
        let sent_start = sentences.get(si).map(|s| s.start).unwrap_or(0);
        let mut assign = |m: &mut RawMention, is_source: bool, ix: &mut Index| {
            let raw = &text[m.start..m.end];
            let reading = readings
                .entry((raw, m.kind))
                .or_insert_with(|| Reading::new(raw));
            let id = resolve(text, sent_start, m, ix, reading);
            let Some(id) = id else { return };
            m.entity = Some(id);
            by_span.insert((m.start, m.end), id);
            if m.kind == Kind::Unknown || reading.pronoun.is_some() || reading.anaphor.is_some() {
                m.kind = ix.groups[id].kind;
            }
            let g = &mut ix.groups[id];
            g.mentions += 1;
            if is_source && g.sentences.last() != Some(&si) {
                g.sentences.push(si);
                if direct {
                    g.direct_quotes += 1;
                }
            }
            ix.touch(id);
        };
        for v in f.via.iter_mut() {
            assign(v, false, &mut ix);
        }
        if let Some(m) = f.source.as_mut() {
            if f.rule == "vague-cue" {
                // "reportedly" stands for nobody in particular: no group in the source list.
                continue;
            }
            if f.continued {
                // A carried-over mention already counted in its own sentence.
                if let Some(&id) = by_span.get(&(m.start, m.end)) {
                    m.entity = Some(id);
                    m.kind = ix.groups[id].kind;
                    let g = &mut ix.groups[id];
                    if g.sentences.last() != Some(&si) {
                        g.sentences.push(si);
                        if direct {
                            g.direct_quotes += 1;
                        }
                    }
                }
            } else {
                assign(m, true, &mut ix);
            }
        }
    }
    merge_anaphors(ix, found)
}

/// A source first met as a bare description ("the ministry said …") joins the named source
/// that description belongs to when it appears later ("the Russian Foreign Ministry"). Group
/// ids are renumbered and every mention's `entity` follows.
fn merge_anaphors(ix: Index, found: &mut [Option<Found>]) -> Vec<Group> {
    let Index {
        groups, by_word, ..
    } = ix;
    let n = groups.len();
    let mut target: Vec<usize> = (0..n).collect();
    for (i, g) in groups.iter().enumerate() {
        let bare = !g.name.contains(' ')
            && g.name.chars().all(|c| c.is_lowercase())
            && cues::is_source_noun(&g.name);
        if !bare {
            continue;
        }
        let named = by_word.get(&g.name).and_then(|ids| {
            ids.iter().copied().find(|&j| {
                j != i
                    && groups[j].kind == g.kind
                    && groups[j]
                        .name
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            })
        });
        if let Some(j) = named {
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

/// Finds or creates the group a mention belongs to, given what its text reads as.
fn resolve(
    text: &str,
    sent_start: usize,
    m: &RawMention,
    ix: &mut Index,
    reading: &mut Reading,
) -> Option<usize> {
    if let Some(kinds) = reading.pronoun {
        if kinds.contains(&Kind::Person) {
            if let Some(name) = name_before(text, sent_start, m.start) {
                let mut named = Named::new(name, Vec::new());
                return Some(add_name(ix, &mut named, Kind::Person));
            }
        }
        return ix.recent().find(|&i| kinds.contains(&ix.groups[i].kind));
    }
    if let Some((noun, noun_kind, short)) = &reading.anaphor {
        let noun = noun.as_str();
        let want: &[Kind] = match noun_kind {
            Kind::Media => &[Kind::Media],
            // "the board" is never the outlet that reported on it.
            Kind::Organization | Kind::Document => &[Kind::Organization],
            _ if noun.ends_with('s') => &[Kind::Organization, Kind::Person],
            _ => &[Kind::Person],
        };
        let by_word = ix.by_word.get(noun).and_then(|ids| {
            ids.iter()
                .rev()
                .take(64)
                .copied()
                .filter(|&i| {
                    ix.last_use[i] != usize::MAX && ix.uses.len() - ix.last_use[i] <= RECENT_REACH
                })
                .max_by_key(|&i| ix.last_use[i])
        });
        // "the ministry" may stand for the last body named, but not for one whose own name
        // says it is another kind of body ("the farmers' union").
        // A longer description ("the regional water board") names a body of its own unless its
        // words match.
        let by_kind = ix.recent().filter(|_| *short).find(|&i| {
            let g = &ix.groups[i];
            want.contains(&g.kind) && !(g.kind == Kind::Organization && other_body(g, noun))
        });
        if let Some(id) = by_word.or(by_kind) {
            return Some(id);
        }
    }
    let named = reading
        .named
        .get_or_insert_with(|| Named::of_mention(&text[m.start..m.end], m.kind));
    if named.name.is_empty() {
        return None;
    }
    Some(add_name(ix, named, m.kind)).filter(|&id| !ix.groups[id].name.is_empty())
}

/// Nouns naming one particular kind of body: "the ministry" cannot be "the farmers' union".
/// Broad ones ("the military", "the government") may speak through any of their bodies.
const BODIES: &[&str] = &[
    "ministry",
    "union",
    "council",
    "committee",
    "commission",
    "party",
    "company",
    "university",
    "institute",
    "court",
    "bank",
    "association",
    "board",
    "agency",
    "department",
    "embassy",
    "bureau",
    "office",
    "firm",
    "club",
    "school",
    "hospital",
    "church",
    "newspaper",
    "campaign",
    "team",
    "group",
    "federation",
    "foundation",
    "society",
];

/// True when the organisation `g` is named by a body noun other than `noun` ("union" for "the
/// ministry").
fn other_body(g: &Group, noun: &str) -> bool {
    BODIES.contains(&noun)
        && !g.words.contains(noun)
        && g.words
            .iter()
            .any(|w| w != noun && BODIES.contains(&w.as_str()))
}

/// Matches `named` against the groups or creates a new one; returns its index.
fn add_name(ix: &mut Index, named: &mut Named, kind: Kind) -> usize {
    let Named {
        name,
        key,
        descriptors,
        last_id,
    } = named;
    let words = kind::Words::new(key.split(' ').filter(|w| !w.is_empty()));
    let words = words.as_slice();
    let by_key = ix.by_key.get(key.as_str()).copied();
    let found = by_key.or_else(|| {
        if !(kind == Kind::Person || words.len() == 1) || words.is_empty() {
            return None;
        }
        // "Kashin" joins "Vasily Kashin"; "Vasily Kashin" joins an earlier "Kashin".
        let capital_single =
            words.len() == 1 && name.chars().next().is_some_and(char::is_uppercase);
        let ok = |i: usize| ix.groups[i].kind == Kind::Person || capital_single;
        let by_word = (words.len() == 1)
            .then(|| ix.by_word.get(words[0]))
            .flatten()
            .and_then(|ids| ids.iter().rev().copied().find(|&i| ok(i)));
        let by_single = words
            .iter()
            .filter_map(|w| ix.by_single_key.get(*w))
            .filter_map(|ids| ids.iter().rev().copied().find(|&i| ok(i)))
            .max();
        by_word.max(by_single)
    });
    if found.is_some() && found == *last_id {
        // The group holds everything this name brings (its sets only grow, its name only
        // lengthens, its kind never changes).
        return found.unwrap_or_default();
    }
    let id = match found {
        Some(id) => id,
        None => {
            ix.groups.push(Group {
                name: name.to_string(),
                kind,
                mentions: 0,
                descriptors: Vec::new(),
                sentences: Vec::new(),
                direct_quotes: 0,
                words: FastSet::default(),
                seen_descriptors: FastSet::default(),
            });
            ix.last_use.push(usize::MAX);
            ix.groups.len() - 1
        }
    };
    *last_id = Some(id);
    let g = &mut ix.groups[id];
    if name.split_whitespace().count() > g.name.split_whitespace().count()
        && !(g.kind == Kind::Person && kind != Kind::Person)
    {
        g.name = name.to_string();
    }
    // Strings are made only for keys and words this group has not seen. A key, once given, is
    // never taken back: a group answers to it exactly when it was found by it.
    if by_key.is_none() {
        // Single keys are entered with their key, so this one is new there too.
        if !key.contains(' ') && !key.is_empty() {
            ix.by_single_key.insert(key.clone(), vec![id]);
        }
        ix.by_key.insert(key.clone(), id);
    }
    for &w in words {
        if !g.words.contains(w) {
            // The word is copied only when it is new to the index.
            match ix.by_word.get_mut(w) {
                Some(ids) => {
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                }
                None => {
                    ix.by_word.insert(w.to_string(), vec![id]);
                }
            }
            g.words.insert(w.to_string());
        }
    }
    for d in descriptors.iter() {
        g.add_descriptor(d);
    }
    id
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
