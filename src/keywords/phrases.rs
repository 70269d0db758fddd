//! Multi-word keywords: runs of two or three adjacent content words ("military alliance") and
//! proper names written in capitals, which may hold a few lower-case connectors ("Ministry of
//! Defense", "Bank of the North").
//!
//! Both are keyed by the stem groups of their words, so inflections count together, and are
//! collected in one pass over the tokens.

use super::grams::{gram_len, Gram, Grams, Runs};
use super::hash::FastMap;
use super::tokens::{ALL_CAPS, BREAK_BEFORE, CAPITALIZED, SENTENCE_START};
use super::{best_sorted, round, Counts, NONE};
use crate::offsets::Utf16Index;
use crate::schema::{Ngram, Phrase, PhraseKind};

/// Longest name kept, in words (connectors included).
const MAX_NAME: usize = 6;
/// Marks a key element that is a connector's type id rather than a stem group.
const CONNECTOR: u32 = 1 << 31;
/// Lower-case words that may stand inside a name when capitalised words follow.
const CONNECTORS: &[&str] = &["de", "del", "for", "of", "the", "van", "von"];

/// Months and weekdays: a number after them is a date, not part of a name.
const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Titles that precede a person's name (lower case).
const TITLES: &[&str] = &[
    "ambassador",
    "attorney",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "commander",
    "director",
    "envoy",
    "general",
    "governor",
    "judge",
    "king",
    "leader",
    "mayor",
    "minister",
    "premier",
    "president",
    "prince",
    "professor",
    "queen",
    "secretary",
    "senator",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// [`word_kinds`] bits: on [`CONNECTORS`], [`DATE_WORDS`], [`TITLES`]; a possessive.
const CONNECTOR_WORD: u8 = 1;
const DATE_WORD: u8 = 2;
const TITLE_WORD: u8 = 4;
const POSSESSIVE: u8 = 8;

/// What each distinct form is to the name finder, looked up once per form rather than once per
/// token (and by hash rather than by scanning the lists).
fn word_kinds(c: &Counts) -> Vec<u8> {
    let mut lists: FastMap<&str, u8> = FastMap::default();
    for (list, bit) in [
        (CONNECTORS, CONNECTOR_WORD),
        (DATE_WORDS, DATE_WORD),
        (TITLES, TITLE_WORD),
    ] {
        for &w in list {
            *lists.entry(w).or_default() |= bit;
        }
    }
    let longest = lists.keys().map(|w| w.len()).max().unwrap_or(0);
    (0..c.tokens.type_count() as u32)
        .map(|t| {
            let form = c.tokens.form(t);
            let listed = if form.len() <= longest {
                lists.get(form).copied().unwrap_or(0)
            } else {
                0
            };
            listed | if form.ends_with("'s") { POSSESSIVE } else { 0 }
        })
        .collect()
}

type Key = [u32; MAX_NAME];

/// A listed phrase with what ranking needs.
#[derive(Debug)]
pub(super) struct Found {
    /// The schema object.
    pub phrase: Phrase,
    /// Its key: stem groups, connectors marked with [`CONNECTOR`].
    pub key: Vec<u32>,
    /// The stem groups of its content words.
    pub groups: Vec<u32>,
    /// Unrounded score, on the scale of the term scores.
    pub raw_score: f64,
}

impl Found {
    /// Occurrences.
    pub fn count(&self) -> usize {
        self.phrase.count
    }

    /// Whether `other` is a contiguous part of this phrase (or the same).
    pub fn contains(&self, other: &Found) -> bool {
        contains(&self.key, &other.key)
    }
}

fn contains(long: &[u32], short: &[u32]) -> bool {
    short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Phrases and n-grams of a text.
pub(super) struct Phrases {
    /// Listed phrases, best first.
    pub phrases: Vec<Found>,
    /// Frequent n-grams.
    pub ngrams: Vec<Ngram>,
}

/// The tally of one name.
struct Tally {
    /// First token of its first occurrence.
    first: u32,
    /// First token of each later occurrence (kept apart so that the many names seen once cost
    /// no allocation).
    rest: Vec<u32>,
    /// When the name is also an n-gram, the n-gram (its index in [`Grams::list`]) and its
    /// count, which replace `first` and `rest`.
    gram: Option<(usize, u32)>,
    /// Later mentions by the last word alone ("Pompeo" after "Mike Pompeo").
    short: Vec<u32>,
    /// Words in it.
    len: usize,
}

impl Tally {
    fn count(&self) -> usize {
        self.full() + self.short.len()
    }

    /// Occurrences in full.
    fn full(&self) -> usize {
        match self.gram {
            Some((_, n)) => n as usize,
            None => 1 + self.rest.len(),
        }
    }
}

/// Adds an occurrence of a name starting at token `i`.
fn add(map: &mut FastMap<Key, Tally>, key: Key, len: usize, i: u32) {
    match map.entry(key) {
        std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().rest.push(i),
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(Tally {
                first: i,
                rest: Vec::new(),
                gram: None,
                short: Vec::new(),
                len,
            });
        }
    }
}

/// Credits each name with the later mentions of its last word (or the first word of a two-word
/// name) on its own, capitalised and not next to other capitalised words ("Orrell" after
/// "Tamsin Orrell"). When several names share the word, the most frequent (then the earliest)
/// gets them. `lone` lists the candidates in text order: the capitalised words of a stem group
/// with no capitalised word next to them.
fn short_mentions(c: &Counts, names: &mut FastMap<Key, Tally>, lone: &[u32]) {
    let mut owner: FastMap<u32, (usize, u32, Key)> = FastMap::default();
    for (k, t) in names.iter() {
        let key = trimmed(k);
        if key.iter().any(|&g| g & CONNECTOR != 0) || key.len() < 2 {
            continue;
        }
        let rank = (t.full(), u32::MAX - t.first, *k);
        // The last word is the usual short form ("Orrell"); the first word of a two-word name
        // is also one when the family name comes first ("Li" for "Li Wen").
        let last = key[key.len() - 1];
        let ends = if key.len() == 2 && key[0] != last {
            [Some(last), Some(key[0])]
        } else {
            [Some(last), None]
        };
        for g in ends.into_iter().flatten() {
            let e = owner.entry(g).or_insert(rank);
            if (rank.0, rank.1) > (e.0, e.1) {
                *e = rank;
            }
        }
    }
    // One pass over the lone capitalised words in order (rather than over each word's
    // occurrences, which would visit the tokens at random).
    let mut owned: Vec<u32> = vec![NONE; c.groups.len()];
    let mut owners: Vec<(Key, u32, Vec<u32>)> = Vec::with_capacity(owner.len());
    for (g, (_, _, k)) in owner {
        let Some(t) = names.get(&k) else { continue };
        owned[g as usize] = owners.len() as u32;
        owners.push((k, t.first, Vec::new()));
    }
    if owners.is_empty() {
        return;
    }
    for &i in lone {
        let o = owned[c.token_group[i as usize] as usize];
        if o == NONE {
            continue;
        }
        let (_, first, short) = &mut owners[o as usize];
        if i > *first {
            short.push(i);
        }
    }
    for (k, _, short) in owners {
        if let Some(t) = names.get_mut(&k) {
            // A two-word name may own both of its words' mentions.
            t.short.extend(short);
        }
    }
}

fn key_of(parts: &[u32]) -> Key {
    let mut k = [NONE; MAX_NAME];
    k[..parts.len()].copy_from_slice(parts);
    k
}

/// A phrase that may be listed: an n-gram or a name.
struct Candidate<'a> {
    score: f64,
    key: Key,
    first: u32,
    /// Occurrences, in full and short.
    count: usize,
    len: usize,
    kind: Option<PhraseKind>,
    /// The name's tally; `None` for an n-gram.
    name: Option<&'a Tally>,
    /// The n-gram whose occurrences are its occurrences in full (index in [`Grams::list`]).
    gram: Option<usize>,
}

pub(super) fn find(c: &Counts, max: usize, bar: f64, index: &Utf16Index) -> Phrases {
    let toks = &c.tokens.tokens;

    let mut names: FastMap<Key, Tally> = FastMap::default();
    // What each distinct form is, looked up once per form rather than once per token.
    let kinds = word_kinds(c);
    let date = |ty: u32| kinds[ty as usize] & DATE_WORD != 0;

    // The current name: its first token and its length, and how many trailing connectors wait
    // for a capitalised word.
    let mut name: Option<(usize, usize)> = None;
    let mut pending = 0usize;
    // The capitalised words on their own, which may be later mentions of a name ("Orrell"):
    // collected here for `short_mentions`, which then need not read every token again.
    let mut lone: Vec<u32> = Vec::new();
    let counted = toks.len().min(super::counts::TOKEN_MASK as usize);
    let capital_at = |i: usize| toks[i].flags & (CAPITALIZED | ALL_CAPS) != 0;
    let close =
        |name: &mut Option<(usize, usize)>, pending: usize, names: &mut FastMap<Key, Tally>| {
            if let Some((start, len)) = name.take() {
                record_name(c, &kinds, start, len - pending, names);
            }
        };
    // The same pass finds the n-grams.
    let mut runs = Runs::new(c);
    for (i, (t, &g)) in toks.iter().zip(&c.token_group).enumerate() {
        runs.step(i, t, g);
        // Most words are lower case outside a name: they neither start a name nor end one
        // (`pending` is 0 whenever there is no name), so the look-ups below can wait.
        if name.is_none() && t.flags & (CAPITALIZED | ALL_CAPS) == 0 {
            continue;
        }
        let new_run = t.flags & (SENTENCE_START | BREAK_BEFORE) != 0;
        let info = c.info[t.ty as usize];
        let capital = t.flags & (CAPITALIZED | ALL_CAPS) != 0;
        if capital && g != NONE && i < counted {
            let joined_before =
                i > 0 && t.flags & (SENTENCE_START | BREAK_BEFORE) == 0 && capital_at(i - 1);
            let joined_after = toks.get(i + 1).is_some_and(|n| {
                n.flags & (SENTENCE_START | BREAK_BEFORE) == 0 && capital_at(i + 1)
            });
            if !joined_before && !joined_after {
                lone.push(i as u32);
            }
        }
        // A number continues a name ("Windows 10") but not a date ("March 15").
        let prev_is_date = i > 0 && date(toks[i - 1].ty);
        // Weekdays and months are capitalised but name no one ("Ann Roe Friday").
        let is_date = date(t.ty);
        let name_word = (capital && g != NONE && !is_date)
            || (info.numeric && name.is_some() && pending == 0 && !prev_is_date);
        // A dateline in capitals ("HARBOURTON (Wire) -") does not join the name after it.
        let after_dateline = i > 0
            && toks[i - 1].flags & ALL_CAPS != 0
            && t.flags & ALL_CAPS == 0
            && toks[i - 1].range().len() > 4;
        if new_run || after_dateline {
            close(&mut name, pending, &mut names);
            pending = 0;
        }
        if name_word {
            match &mut name {
                Some((_, len)) => *len = (*len + 1).min(MAX_NAME + 1),
                None => name = Some((i, 1)),
            }
            pending = 0;
            // A possessive ends the name: "Harbourton's Mayor" is two things.
            if kinds[t.ty as usize] & POSSESSIVE != 0 {
                close(&mut name, pending, &mut names);
            }
        } else if name.is_some()
            && !capital
            && kinds[t.ty as usize] & CONNECTOR_WORD != 0
            && pending < 2
        {
            if let Some((_, len)) = &mut name {
                *len += 1;
            }
            pending += 1;
        } else {
            close(&mut name, pending, &mut names);
            pending = 0;
        }
    }
    close(&mut name, pending, &mut names);
    let mut grams = Grams::new(c, runs);

    // A name that is also an n-gram ("United States") is listed once, as a name, with every
    // occurrence of the words together.
    for (k, n) in names.iter_mut() {
        if n.len > 3 {
            continue;
        }
        if let Some(i) = grams.take(&[k[0], k[1], k[2]]) {
            let g = &grams.list[i];
            if g.count as usize > n.full() {
                (n.first, n.gram) = (g.first, Some((i, g.count)));
                n.rest = Vec::new();
            }
        }
    }

    short_mentions(c, &mut names, &lone);

    let mut candidates: Vec<Candidate> = grams
        .list
        .iter()
        .enumerate()
        .filter(|(_, g)| g.count >= 2 && !g.taken)
        .map(|(i, g)| {
            let key = key_of(&g.key[..gram_len(&g.key)]);
            let count = g.count as usize;
            Candidate {
                score: phrase_score(c, &key, count, None),
                key,
                first: g.first,
                count,
                len: gram_len(&g.key),
                kind: None,
                name: None,
                gram: Some(i),
            }
        })
        .chain(
            names
                .iter()
                .filter(|(_, t)| t.count() >= 2)
                .map(|(k, t)| Candidate {
                    score: phrase_score(c, k, t.count(), Some(PhraseKind::Name)),
                    key: *k,
                    first: t.first,
                    count: t.count(),
                    len: t.len,
                    kind: Some(PhraseKind::Name),
                    name: Some(t),
                    gram: t.gram.map(|(i, _)| i),
                }),
        )
        .collect();
    // The key breaks the remaining ties, so that the order never depends on the hash map's
    // (a total order: keys differ among the n-grams and among the names).
    best_sorted(&mut candidates, max.saturating_mul(4), |a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.first.cmp(&b.first))
            .then(b.kind.is_none().cmp(&a.kind.is_none()))
            .then(a.key.cmp(&b.key))
    });

    // A phrase mostly seen inside a longer candidate is that candidate's part, not a phrase of
    // its own ("News Agency" in "Xinhua News Agency").
    let keys: Vec<&[u32]> = candidates.iter().map(|p| trimmed(&p.key)).collect();
    let mut listed: Vec<usize> = Vec::new();
    for (i, t) in candidates.iter().enumerate() {
        if listed.len() == max || t.score < bar {
            break;
        }
        let key = keys[i];
        // A name is only ever part of a longer name.
        let part = candidates.iter().enumerate().any(|(j, u)| {
            j != i
                && (t.kind.is_none() || u.kind.is_some())
                && keys[j].len() > key.len()
                && 4 * u.count >= 3 * t.count
                && contains(keys[j], key)
        });
        // A plain phrase around a name is the name with a neighbour ("Ann Roe Friday").
        let wraps_name = t.kind.is_none()
            && candidates.iter().enumerate().any(|(j, u)| {
                u.kind.is_some() && keys[j].len() < key.len() && contains(key, keys[j])
            });
        if !part && !wraps_name {
            listed.push(i);
        }
    }

    let mut phrases: Vec<Found> = Vec::with_capacity(listed.len());
    for &i in &listed {
        let t = &candidates[i];
        let key = keys[i];
        let kind = t.kind.unwrap_or(PhraseKind::Phrase);
        let occ: Vec<u32> = match (t.gram, t.name) {
            (Some(i), _) => grams.occurrences(i),
            (None, Some(n)) => std::iter::once(n.first)
                .chain(n.rest.iter().copied())
                .collect(),
            (None, None) => Vec::new(),
        };
        let (mut spans, mut span_sentences) = c.spans(&occ, t.len, index);
        if let Some(n) = t.name.filter(|n| !n.short.is_empty()) {
            let (s2, ss2) = c.spans(&n.short, 1, index);
            let mut all: Vec<_> = spans
                .into_iter()
                .zip(span_sentences)
                .chain(s2.into_iter().zip(ss2))
                .collect();
            all.sort_by_key(|(sp, _)| sp.start);
            (spans, span_sentences) = all.into_iter().unzip();
        }
        let mut in_sentences = span_sentences.clone();
        in_sentences.dedup();
        phrases.push(Found {
            phrase: Phrase {
                text: surface(c, t.first, t.len, kind),
                kind,
                words: t.len,
                count: t.count,
                sentences: in_sentences.len(),
                score: round(t.score),
                first: span_sentences.first().copied().unwrap_or(0),
                spans,
                span_sentences,
            },
            key: key.to_vec(),
            groups: key
                .iter()
                .copied()
                .filter(|&g| g & CONNECTOR == 0)
                .collect(),
            raw_score: t.score,
        });
    }

    let mut frequent: Vec<&Gram> = grams
        .list
        .iter()
        .filter(|g| g.count >= 2 && !g.taken)
        .collect();
    best_sorted(&mut frequent, max, |a, b| {
        b.count
            .cmp(&a.count)
            .then(a.first.cmp(&b.first))
            .then(a.key.cmp(&b.key))
    });
    let ngrams = frequent
        .into_iter()
        .map(|g| Ngram {
            text: surface(c, g.first, gram_len(&g.key), PhraseKind::Phrase),
            n: gram_len(&g.key),
            count: g.count as usize,
        })
        .collect();
    Phrases { phrases, ngrams }
}

fn trimmed(k: &Key) -> &[u32] {
    let n = k.iter().position(|&g| g == NONE).unwrap_or(MAX_NAME);
    &k[..n]
}

/// Records the name of `len` tokens from `start`, after dropping a first word that is only
/// capitalised because it starts the sentence.
fn record_name(
    c: &Counts,
    kinds: &[u8],
    mut start: usize,
    mut len: usize,
    names: &mut FastMap<Key, Tally>,
) {
    // Dropping words below never lengthens a name; most runs are one capitalised word.
    if len < 2 {
        return;
    }
    let toks = &c.tokens.tokens;
    let kind = |i: usize| kinds[toks[i].ty as usize];
    if len >= 1 && toks[start].flags & SENTENCE_START != 0 {
        let g = c.info[toks[start].ty as usize].group;
        let lower_elsewhere = g != NONE && {
            let group = &c.groups[g as usize];
            group.inner > 0 && group.inner_caps * 2 < group.inner
        };
        if lower_elsewhere {
            start += 1;
            len -= 1;
        }
    }
    // A person's title is not part of the name: "French President Ann Roe" is "Ann Roe", and
    // "Minister of Trade Ann Roe" too.
    if let Some(t) = (0..len).rev().find(|&j| kind(start + j) & TITLE_WORD != 0) {
        let mut skip = t + 1;
        if skip < len && kind(start + skip) & CONNECTOR_WORD != 0 {
            skip = (skip + 2).min(len);
        }
        start += skip;
        len -= skip;
    }
    if !(2..=MAX_NAME).contains(&len) {
        return;
    }
    let mut parts = [NONE; MAX_NAME];
    for (j, part) in parts.iter_mut().enumerate().take(len) {
        let t = &toks[start + j];
        let info = c.info[t.ty as usize];
        *part = if info.group != NONE {
            info.group
        } else {
            CONNECTOR | t.ty
        };
    }
    add(names, parts, len, start as u32);
}

/// The score of a phrase: its count, the mean importance per occurrence of its words, and how
/// much of its words' use it accounts for.
fn phrase_score(c: &Counts, key: &Key, count: usize, kind: Option<PhraseKind>) -> f64 {
    let count = count as f64;
    let (mut per_occ, mut n, mut min_tf) = (0.0, 0usize, f64::MAX);
    for &g in trimmed(key) {
        if g & CONNECTOR != 0 {
            continue;
        }
        let tf = c.tf(g) as f64;
        per_occ += c.score[g as usize] / tf;
        min_tf = min_tf.min(tf);
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let cohesion = (count / min_tf).min(1.0);
    let name = if kind == Some(PhraseKind::Name) {
        1.5
    } else {
        1.0
    };
    count * per_occ * cohesion.sqrt() * name
}

/// The phrase as written at its first occurrence, spaces normalised, a possessive dropped, and
/// a sentence-initial capital lowered when the word is lower case elsewhere.
fn surface(c: &Counts, first: u32, len: usize, kind: PhraseKind) -> String {
    let toks = &c.tokens.tokens;
    let (a, last) = (&toks[first as usize], &toks[first as usize + len - 1]);
    let (start, mut end) = (a.start as usize, last.end as usize);
    let word = &c.text[last.range()];
    end -= super::counts::possessive_len(word.as_bytes());
    // The words as written (ideographs stay together), with each run of spaces made one.
    let mut out = String::with_capacity(end - start);
    for piece in c.text[start..end].split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    }
    let g = c.info[a.ty as usize].group;
    let lower = kind == PhraseKind::Phrase && a.flags & SENTENCE_START != 0 && g != NONE && {
        let group = &c.groups[g as usize];
        group.inner_caps * 2 < group.inner
    };
    if lower {
        let first_word = &c.text[a.range()];
        out.replace_range(..first_word.len(), &first_word.to_lowercase());
    }
    out
}
