//! Multi-word keywords: runs of two or three adjacent content words ("military alliance") and
//! proper names written in capitals, which may hold a few lower-case connectors ("Ministry of
//! Defense", "Bank of the North").
//!
//! Both are keyed by the stem groups of their words, so inflections count together, and are
//! collected in one pass over the tokens.

mod names;

use super::grams::{gram_len, Gram, Grams, Runs};
use super::tokens::SENTENCE_START;
use super::{best_sorted, round, Counts, NONE};
use crate::offsets::Utf16Index;
use crate::schema::{Ngram, Phrase, PhraseKind};
use names::{trimmed, Finder, Key, Name, CONNECTOR, MAX_NAME};

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
    /// The name's tally (and its index in `Names::list`); `None` for an n-gram.
    name: Option<(usize, &'a Name)>,
    /// The n-gram whose occurrences are its occurrences in full (index in [`Grams::list`]).
    gram: Option<usize>,
}

pub(super) fn find(c: &Counts, max: usize, bar: f64, index: &Utf16Index) -> Phrases {
    // One pass over every token finds the pairs of content words and the capitalised words;
    // the name finder reads on only from those.
    let mut finder = Finder::new(c);
    let runs = Runs::scan(c, |i| finder.capital(i));
    let mut grams = Grams::new(c, runs.pairs);
    let names = finder.finish(&mut grams, &runs.lone);

    // Every n-gram and name seen twice is a candidate; the ranking sorts small records (the
    // score, the first token and the candidate's number: n-grams, then names) and reads the
    // rest only for the few it keeps.
    let gram_key = |g: &Gram| key_of(&g.key[..gram_len(&g.key)]);
    let ngrams = grams.list.len();
    let mut ranked: Vec<(f64, u32, u32)> = grams
        .list
        .iter()
        .enumerate()
        .filter(|(_, g)| g.count >= 2 && !g.taken)
        .map(|(i, g)| {
            let score = phrase_score(c, &g.key[..gram_len(&g.key)], g.count as usize, None);
            (score, g.first, i as u32)
        })
        .chain(
            names
                .list
                .iter()
                .enumerate()
                .filter(|(_, t)| t.count() >= 2)
                .map(|(id, t)| {
                    let score = phrase_score(c, trimmed(&t.key), t.count(), Some(PhraseKind::Name));
                    (score, t.first, (ngrams + id) as u32)
                }),
        )
        .collect();
    let key = |k: u32| match k.checked_sub(ngrams as u32) {
        None => gram_key(&grams.list[k as usize]),
        Some(id) => names.list[id as usize].key,
    };
    // The key breaks the remaining ties, so that the order never depends on the hash map's
    // (a total order: keys differ among the n-grams and among the names). On a tie of score
    // and first token an n-gram goes first.
    let is_gram = |k: u32| (k as usize) < ngrams;
    best_sorted(&mut ranked, max.saturating_mul(4), |a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(is_gram(b.2).cmp(&is_gram(a.2)))
            .then_with(|| key(a.2).cmp(&key(b.2)))
    });
    let candidates: Vec<Candidate> = ranked
        .iter()
        .map(|&(score, first, k)| match k.checked_sub(ngrams as u32) {
            None => {
                let g = &grams.list[k as usize];
                Candidate {
                    score,
                    key: gram_key(g),
                    first,
                    count: g.count as usize,
                    len: gram_len(&g.key),
                    kind: None,
                    name: None,
                    gram: Some(k as usize),
                }
            }
            Some(id) => {
                let t = &names.list[id as usize];
                Candidate {
                    score,
                    key: t.key,
                    first,
                    count: t.count(),
                    len: t.len,
                    kind: Some(PhraseKind::Name),
                    name: Some((id as usize, t)),
                    gram: t.gram,
                }
            }
        })
        .collect();

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

    let listed_names: Vec<usize> = listed
        .iter()
        .filter_map(|&i| candidates[i].name.map(|(id, _)| id))
        .collect();
    let mut name_occ = names.occurrences(&listed_names).into_iter();
    let mut phrases: Vec<Found> = Vec::with_capacity(listed.len());
    for &i in &listed {
        let t = &candidates[i];
        let key = keys[i];
        let kind = t.kind.unwrap_or(PhraseKind::Phrase);
        // A name's occurrences in full and later mentions (in the order of `listed_names`).
        let (full, short) = match t.name {
            Some(_) => name_occ.next().unwrap_or_default(),
            None => (Vec::new(), Vec::new()),
        };
        let occ: Vec<u32> = match t.gram {
            Some(i) => grams.occurrences(i),
            None => full,
        };
        let (mut spans, mut span_sentences) = c.spans(&occ, t.len, index);
        if !short.is_empty() {
            let (s2, ss2) = c.spans(&short, 1, index);
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
            .then_with(|| a.key.cmp(&b.key))
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

/// The score of a phrase: its count, the mean importance per occurrence of its words, and how
/// much of its words' use it accounts for.
fn phrase_score(c: &Counts, parts: &[u32], count: usize, kind: Option<PhraseKind>) -> f64 {
    let count = count as f64;
    let (mut per_occ, mut n, mut min_tf) = (0.0, 0usize, f64::MAX);
    for &g in parts {
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
