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

mod index;
mod kind;
mod names;

use index::{packed, FastMap, Index, Named, RECENT_REACH};
use kind::find_bytes;
pub use kind::kind_of;
use names::{name_and_descriptors, name_before, Scratch};

use std::borrow::Cow;

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
    /// The lower-case words of every name it was given, for matching: the newest entry of its
    /// list of word ids in [`Index`].
    words: usize,
    /// Words in its name, as white space splits it.
    word_count: usize,
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

/// What grouping reads from a mention's text and kind alone. A long text repeats the same
/// mentions ("Putin", "the ministry") hundreds of times: each distinct one is read once.
struct Reading<'t> {
    /// The kinds a pronoun may stand for.
    pronoun: Option<&'static [Kind]>,
    /// For a description without a name: its head noun, the noun's kind, and whether the
    /// description is short (three words at most).
    anaphor: Option<(String, Kind, bool)>,
    /// The name and its keys, made when the mention is first matched by name.
    named: Option<Named<'t>>,
}

impl Reading<'_> {
    fn new<'t>(raw: &str) -> Reading<'t> {
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

/// The name of a mention typed `kind`, with its descriptors, read into `ix`'s ids.
fn name_of_mention<'t>(
    ix: &mut Index<'t>,
    scratch: &mut Scratch<'t>,
    raw: &'t str,
    kind: Kind,
) -> Named<'t> {
    let (mut name, mut word_count) = name_and_descriptors(raw, kind, scratch);
    // A sub-body speaks for its parent: "the Information Bureau of the Ministry of X".
    if kind == Kind::Organization {
        if let Some(len) = parent_body(&name).map(str::len) {
            // The parent ends the name: it is the name's last `len` bytes.
            name = match name {
                Cow::Borrowed(name) => Cow::Borrowed(&name[name.len() - len..]),
                Cow::Owned(name) => Cow::Owned(name[name.len() - len..].to_string()),
            };
            word_count = name.split_whitespace().count();
        }
    }
    ix.named(name, word_count, &scratch.descriptors)
}

/// The parent named in an organisation's name, when the name is a sub-body of it ("the
/// Information Bureau of the Ministry of X" gives "Ministry of X"): the end of the name.
fn parent_body(name: &str) -> Option<&str> {
    let k = find_bytes(name, " of ")?;
    let (body, parent) = (&name[..k], &name[k + 4..]);
    // No non-ASCII word lower-cases to one of these nouns, so ASCII folding decides.
    let body_head = body.split_whitespace().last().unwrap_or("");
    let sub_body = ["bureau", "office", "department", "division", "unit"]
        .iter()
        .any(|noun| noun.eq_ignore_ascii_case(body_head));
    (sub_body && kind_of(parent) == Kind::Organization && parent.split_whitespace().count() >= 2)
        .then(|| parent.trim_start_matches("the ").trim_start_matches("The "))
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
    match &*lower {
        b"he" | b"she" | b"him" | b"her" | b"who" => Some(&[Kind::Person]),
        b"it" | b"which" => Some(&[Kind::Organization, Kind::Media, Kind::Document]),
        b"they" => Some(&[Kind::Organization, Kind::Vague, Kind::Media]),
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
pub fn group<'t>(text: &'t str, sentences: &[Sentence], found: &mut [Option<Found>]) -> Vec<Group> {
    // The maps and lists below are sized up front: they are only looked up, never walked, so
    // their capacity changes no order, and they are spared growing (and copying) step by step.
    // News has about one mention for two sentences: an estimate from the sentence count spares
    // a pass over every sentence's attribution just to count them. A map is sized for what it
    // holds, not for every mention: one sized too large spreads its entries over more memory,
    // which every lookup then misses in the cache.
    let mentions = found.len() / 2;
    let mut ix = Index::with_capacity(mentions);
    // Entities of mentions already grouped, by span, for carried-over attributions: about
    // three in four mentions are grouped and not carried over.
    let mut by_span: FastMap<(usize, usize), usize> =
        FastMap::with_capacity_and_hasher(mentions * 3 / 4, Default::default());
    // One reading per distinct mention: about a third of them in news, two in five of those
    // short. A short mention (three mentions in four) is a key by its packed bytes: matching
    // it compares integers instead of reading again the text of the mention its reading was
    // made for, far back in the text and out of the cache.
    let mut short_reading_ids: FastMap<((u64, u64), Kind), usize> =
        FastMap::with_capacity_and_hasher(mentions / 6, Default::default());
    let mut long_reading_ids: FastMap<(&str, Kind), usize> =
        FastMap::with_capacity_and_hasher(mentions / 5, Default::default());
    let mut readings: Vec<Reading<'t>> = Vec::with_capacity(mentions / 3);
    let mut scratch = Scratch::default();
    // The sentences with a mention given a group: the only ones a merge renumbers.
    let mut grouped: Vec<usize> = Vec::with_capacity(mentions);
    for (si, f) in found.iter_mut().enumerate() {
        let Some(f) = f else { continue };
        let direct = matches!(f.form, Form::Direct | Form::Mixed);
        // Only a pronoun reads its sentence's start: the sentence is not read for the others.
        let sentence = sentences.get(si);
        let mut assign = |m: &mut RawMention, is_source: bool, ix: &mut Index<'t>| {
            let raw = &text[m.start..m.end];
            let next = readings.len();
            let r = match packed(raw.as_bytes()) {
                Some(key) => *short_reading_ids.entry((key, m.kind)).or_insert(next),
                None => *long_reading_ids.entry((raw, m.kind)).or_insert(next),
            };
            if r == next {
                readings.push(Reading::new(raw));
            }
            let reading = &mut readings[r];
            let id = resolve(text, sentence, m, ix, reading, &mut scratch);
            let Some(id) = id else { return };
            m.entity = Some(id);
            if grouped.last() != Some(&si) {
                grouped.push(si);
            }
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
        // "reportedly" stands for nobody in particular: no group in the source list.
        let vague_cue = f.rule == "vague-cue";
        if let Some(m) = f.source.as_mut().filter(|_| !vague_cue) {
            if f.continued {
                // A carried-over mention already counted in its own sentence.
                if let Some(&id) = by_span.get(&(m.start, m.end)) {
                    m.entity = Some(id);
                    if grouped.last() != Some(&si) {
                        grouped.push(si);
                    }
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
    merge_anaphors(ix, found, &grouped)
}

/// A source first met as a bare description ("the ministry said …") joins the named source
/// that description belongs to when it appears later ("the Russian Foreign Ministry"). Group
/// ids are renumbered and every mention's `entity` follows: the mentions of the sentences
/// `grouped`, which hold every mention given a group, so that the sentences without one are
/// not read again.
fn merge_anaphors(ix: Index, found: &mut [Option<Found>], grouped: &[usize]) -> Vec<Group> {
    let groups = &ix.groups;
    let n = groups.len();
    let mut target: Vec<usize> = (0..n).collect();
    for (i, g) in groups.iter().enumerate() {
        let bare = !g.name.contains(' ')
            && g.name.chars().all(|c| c.is_lowercase())
            && cues::is_source_noun(&g.name);
        if !bare {
            continue;
        }
        // The earliest named group with the noun (the list runs newest first).
        let named = ix
            .groups_with_word(&g.name)
            .filter(|&j| {
                j != i
                    && groups[j].kind == g.kind
                    && groups[j]
                        .name
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            })
            .last();
        if let Some(j) = named {
            target[i] = j;
        }
    }
    let groups = ix.groups;
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
    for &si in grouped {
        let Some(Some(f)) = found.get_mut(si) else {
            continue;
        };
        for m in f.source.iter_mut().chain(f.via.iter_mut()) {
            if let Some(e) = m.entity {
                m.entity = Some(remap(e));
            }
        }
    }
    kept
}

/// Finds or creates the group a mention in `sentence` belongs to, given what its text reads as.
fn resolve<'t>(
    text: &'t str,
    sentence: Option<&Sentence>,
    m: &RawMention,
    ix: &mut Index<'t>,
    reading: &mut Reading<'t>,
    scratch: &mut Scratch<'t>,
) -> Option<usize> {
    if let Some(kinds) = reading.pronoun {
        if kinds.contains(&Kind::Person) {
            let sent_start = sentence.map_or(0, |s| s.start);
            if let Some(name) = name_before(text, sent_start, m.start) {
                let word_count = name.split_whitespace().count();
                let mut named = ix.named(Cow::Owned(name), word_count, &[]);
                return Some(ix.add_name(&mut named, Kind::Person));
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
        let by_word = ix
            .groups_with_word(noun)
            .take(64)
            .filter(|&i| {
                ix.last_use[i] != usize::MAX && ix.uses.len() - ix.last_use[i] <= RECENT_REACH
            })
            .max_by_key(|&i| ix.last_use[i]);
        // "the ministry" may stand for the last body named, but not for one whose own name
        // says it is another kind of body ("the farmers' union").
        // A longer description ("the regional water board") names a body of its own unless its
        // words match.
        let by_kind = ix.recent().filter(|_| *short).find(|&i| {
            let g = &ix.groups[i];
            want.contains(&g.kind) && !(g.kind == Kind::Organization && ix.other_body(i, noun))
        });
        if let Some(id) = by_word.or(by_kind) {
            return Some(id);
        }
    }
    let named = match &mut reading.named {
        Some(named) => named,
        None => reading
            .named
            .insert(name_of_mention(ix, scratch, &text[m.start..m.end], m.kind)),
    };
    if named.name.is_empty() {
        return None;
    }
    Some(ix.add_name(named, m.kind)).filter(|&id| !ix.groups[id].name.is_empty())
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
        let mut scratch = Scratch::default();
        let (n, _) = name_and_descriptors(
            "Russian President Vladimir Putin",
            Kind::Person,
            &mut scratch,
        );
        assert_eq!(n, "Vladimir Putin");
        assert_eq!(scratch.descriptors, ["Russian President"]);
        let (n, _) = name_and_descriptors(
            "Chinese Ambassador to the EU Fu Cong",
            Kind::Person,
            &mut scratch,
        );
        assert_eq!(n, "Fu Cong");
    }
}
