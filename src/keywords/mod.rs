//! Keyword statistics: terms, key phrases, names, n-grams, the ranked mixed list and the terms
//! characteristic of each source.
//!
//! # How it works
//!
//! [`tokens`] cuts the sentences into words in one pass and interns their lower-cased forms.
//! Each distinct form is classified once (stopword, number, stem group via [`stem`]); one more
//! pass over the tokens then tallies the stem groups (the parts of a hyphenated word count as
//! words too), and the phrase pass tallies runs of two and three adjacent content words and runs
//! of capitalised words that form names. Everything after that works on the tallies, never on
//! the text.
//!
//! # Scores
//!
//! The term score keeps the observations behind YAKE (Campos et al., 2020): a word matters more
//! when it is frequent, occurs across many sentences, appears early, and is a content word
//! rather than filler. Stopwords are excluded outright rather than discounted; the other signals
//! are combined log-linearly (see `term_score`), with weights fitted to crowd keyword judgements
//! on news. A phrase scores by how often it occurs, how important its words are, and how much its
//! words keep each other's company (the share of their occurrences inside the phrase); names get
//! a bonus because a reader looks for them first, and a name also counts later mentions by one of
//! its words ("Orrell" after "Tamsin Orrell").
//!
//! # Evaluation
//!
//! `scripts/eval-keywords.sh` scores the lists with `score_keywords.py` on 500N-KPCrowd (450
//! full-text news stories, Porter-stemmed exact match, F1@10): `terms` 0.223, `top` 0.204,
//! against 0.181 for YAKE at its best setting. Weights fitted on one half of the documents
//! score within 0.002 of the shipped ones on the other half. What limits the figure: the crowd
//! keys are many (49 per story) and noisy, mostly single words, and written without hyphens or
//! with possessives, so even a perfect top ten scores about 0.40; names are kept whole here
//! while the crowd mostly picked their parts, which costs `top` about 0.02.
//! `scripts/bench-keywords.sh` times extraction next to YAKE on the same documents.

mod by_source;
mod counts;
mod grams;
mod hash;
mod phrases;
pub mod stem;
pub mod stopwords;
pub mod tokens;

use crate::offsets::Utf16Index;
use crate::schema::{Keywords, Term, TopKeyword};
use crate::segment::Sentence;
use crate::Options;

use counts::{Counts, NONE};
pub(crate) use hash::FastHasher;
pub use stopwords::{is_stopword, STOPWORDS};
use tokens::Tokens;

/// Length of [`Keywords::top`].
pub const TOP_LEN: usize = 20;
/// A phrase is listed when it scores at least as high as the term of this rank.
pub const PHRASE_BAR: usize = 10;
/// In the mixed list a phrase's score is weighted by this. Readers' keyword choices on news
/// (crowd judgements) favour single words over phrases about two to one, and a phrase already
/// ranks above the words it contains in [`Keywords::phrases`].
pub const TOP_PHRASE_WEIGHT: f64 = 0.3;
/// Terms listed per source in [`Keywords::by_source`].
pub const SOURCE_TERMS: usize = 8;

/// The keyword statistics and the word count they were computed from.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The statistics.
    pub keywords: Keywords,
    /// Words in the text.
    pub words: usize,
}

/// Computes keyword statistics for the sentences of `text`.
///
/// `sources` lists, for each source of [`Analysis::sources`](crate::Analysis::sources) in order,
/// the indices of the sentences attributed to it. `tokens` are the sentences' tokens
/// ([`Tokens::new`]), cut once for this and for attribution.
pub fn extract(
    text: &str,
    sentences: &[Sentence],
    index: &Utf16Index,
    options: &Options,
    sources: &[&[usize]],
    tokens: Tokens,
) -> Extracted {
    let words = tokens.tokens.len();
    let mut counts = Counts::new(text, tokens, sentences.len(), options);
    // The per-source ranking takes logarithms of counts up to the largest.
    let most = (0..counts.groups.len() as u32).map(|g| counts.tf(g)).max();
    let logs = SmallLogs::upto(most.unwrap_or(0).max(255));
    counts.score = (0..counts.groups.len() as u32)
        .map(|g| term_score(&counts, g, &logs))
        .collect();

    let mut ranked: Vec<u32> = (0..counts.groups.len() as u32)
        .filter(|&g| counts.score[g as usize] > 0.0)
        .collect();
    // A total order: no two groups share an occurrence. The first occurrences are only looked
    // up on a tie of scores: most of the groups are compared several times.
    best_sorted(&mut ranked, options.max_keywords, |&a, &b| {
        counts.score[b as usize]
            .total_cmp(&counts.score[a as usize])
            .then_with(|| counts.occ(a)[0].cmp(&counts.occ(b)[0]))
    });

    let source_ranked = by_source::rank(&counts, sources, &logs);

    let mut named = ranked.clone();
    named.extend(by_source::groups(&source_ranked));
    counts.name_groups(&named);

    let n_words = words.max(1) as f64;
    let terms: Vec<Term> = ranked
        .iter()
        .map(|&g| {
            let (spans, span_sentences) = counts.group_spans(g, index);
            let (in_sentences, dispersion) = spread_and_dispersion(&counts, counts.sent(g));
            let tf = counts.tf(g);
            Term {
                text: counts.surface(g),
                count: tf,
                per_thousand: round(tf as f64 * 1000.0 / n_words),
                sentences: in_sentences,
                dispersion,
                score: round(counts.score[g as usize]),
                first: span_sentences[0],
                spans,
                span_sentences,
            }
        })
        .collect();

    // A phrase is "key" when it scores at least as high as the tenth-best term; every repeated
    // pair and triple stays available in `ngrams`.
    let bar = ranked
        .get(PHRASE_BAR - 1)
        .map_or(0.0, |&g| counts.score[g as usize]);
    let found = phrases::find(&counts, options.max_keywords, bar, index);
    let top = top(&counts, &ranked, &terms, &found.phrases);
    let by_source = by_source::name(&counts, source_ranked);

    Extracted {
        keywords: Keywords {
            top,
            phrases: found.phrases.into_iter().map(|p| p.phrase).collect(),
            terms,
            ngrams: found.ngrams,
            by_source,
        },
        words,
    }
}

/// Keeps the first `n` of `items` under `order`, sorted. `order` must be a total order (no two
/// items equal): then this keeps the same items in the same order as a stable sort and a
/// truncation, without sorting the long tail.
fn best_sorted<T>(items: &mut Vec<T>, n: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if items.len() > n {
        match n.checked_sub(1) {
            Some(last) => {
                items.select_nth_unstable_by(last, &order);
                items.truncate(n);
            }
            None => items.clear(),
        }
    }
    items.sort_unstable_by(order);
}

/// Rounds a score to four decimals so that the JSON stays readable and stable.
fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The term score of a group; 0 when it should not be ranked.
///
/// A log-linear model, `exp(Σ weight × feature)`, over: the log count; the log of the index of
/// the first sentence (earlier is better); the share of capitalised occurrences inside
/// sentences; the log length in letters (up to ten); the share of sentences it occurs in and
/// Gries' DP (well spread is better); the share of occurrences inside a multi-word name (the
/// name, not its parts, is the keyword); abstract-noun and past-tense endings; and being a
/// hyphenated compound (its parts are counted as words of their own). The weights were fitted by
/// logistic regression, then adjusted by coordinate search, on crowd keyword judgements for news
/// stories (500N-KPCrowd, full-text documents).
fn term_score(c: &Counts, group: u32, logs: &SmallLogs) -> f64 {
    let (occ, sent, g) = (c.occ(group), c.sent(group), &c.groups[group as usize]);
    if occ.is_empty() {
        return 0.0;
    }
    let tf = occ.len() as f64;
    let first = sent[0];
    let (in_sentences, dp) = spread_and_dispersion(c, sent);
    let n_sent = c.sentences.max(1) as f64;
    let spread = in_sentences as f64 / n_sent;
    // A word written with a capital inside sentences is a name; one only ever seen at the start
    // of sentences is undecided.
    let caps = if g.inner > 0 {
        g.inner_caps as f64 / g.inner as f64
    } else {
        0.5
    };
    // The shape of the word at its first occurrence (a part of a compound counts as itself).
    let first_occ = occ[0];
    let part;
    let lower: &str = if !Counts::is_part(first_occ) {
        c.tokens.form(g.first_type)
    } else {
        let (a, b) = c.range(first_occ);
        part = c.text[a..b].to_lowercase();
        &part
    };
    // Most forms are ASCII lower-case letters only: their length is their number of bytes, and
    // they have no hyphen, which spares decoding them.
    let letters = stem::is_letters(lower.as_bytes());
    // Longer words are rarer and more specific (Zipf's law of abbreviation), up to a point.
    let len = if letters {
        lower.len()
    } else {
        lower.chars().count()
    };
    let len = len.min(10);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let noun = flag(NOUN_SUFFIXES.iter().any(|s| lower.ends_with(s)));
    let past = flag(lower.ends_with("ed"));
    let compound = flag(!letters && lower.contains(['-', '‐']));
    let in_name = g.in_name as f64 / tf;
    // Log-linear: the weights were fitted to keyword judgements on news (see the module docs).
    (0.40 * logs.ln(occ.len()) - 0.18 * logs.ln(1 + first as usize)
        + 0.22 * caps
        + 0.9 * logs.ln(len)
        + 0.89 * spread
        - 0.58 * dp
        - 0.72 * in_name
        + 0.40 * noun
        + 0.17 * past
        - 1.0 * compound)
        .exp()
}

/// Natural logarithms of small whole numbers, computed once: the term score takes three per
/// group, and most of them are of small counts, sentence numbers and lengths; the per-source
/// ranking takes two per candidate term, of counts. The table holds the very values `f64::ln`
/// gives, so scores do not change.
struct SmallLogs(Vec<f64>);

impl SmallLogs {
    /// The logarithms of `0..=n`.
    fn upto(n: usize) -> SmallLogs {
        SmallLogs((0..=n).map(|k| (k as f64).ln()).collect())
    }

    /// `ln(n)`.
    fn ln(&self, n: usize) -> f64 {
        match self.0.get(n) {
            Some(&x) => x,
            None => (n as f64).ln(),
        }
    }
}

/// Endings of abstract nouns, which name what a text is about more often than other words.
const NOUN_SUFFIXES: &[&str] = &["tion", "sion", "ment", "ity", "ness", "ism", "ance", "ence"];

/// The number of distinct sentences in `occ` (the sentences of some occurrences, in text
/// order) and Gries' DP over them, in one pass that closes a run of occurrences in one sentence
/// where the next occurrence is in another.
fn spread_and_dispersion(c: &Counts, occ: &[u32]) -> (usize, f64) {
    let total = c.tokens.tokens.len() as f64;
    let f = occ.len() as f64;
    let mut in_sentences = 0;
    let mut sum = 0.0;
    let mut covered = 0.0;
    let mut close = |s: u32, n: u32| {
        in_sentences += 1;
        let expected = c.sentence_share[s as usize];
        covered += expected;
        sum += (n as f64 / f - expected).abs();
    };
    if let Some((&first, rest)) = occ.split_first() {
        let (mut s, mut n) = (first, 1);
        for &next in rest {
            if next == s {
                n += 1;
                continue;
            }
            close(s, n);
            (s, n) = (next, 1);
        }
        close(s, n);
    }
    if total == 0.0 || f == 0.0 {
        return (in_sentences, 0.0);
    }
    (in_sentences, round(0.5 * (sum + (1.0 - covered).max(0.0))))
}

/// The ranked mixed list without near-duplicates.
fn top(c: &Counts, ranked: &[u32], terms: &[Term], phrases: &[phrases::Found]) -> Vec<TopKeyword> {
    enum Item<'a> {
        Term(u32, &'a Term),
        Phrase(&'a phrases::Found),
    }
    // A word "belongs" to a phrase when most of its occurrences are inside it.
    let belongs = |g: u32, p: &phrases::Found| {
        p.groups.contains(&g) && c.tf(g) as f64 <= 1.5 * p.count() as f64
    };
    // A phrase ranks at least as high as the words that belong to it, and takes their place.
    let phrase_score = |p: &phrases::Found| {
        p.groups
            .iter()
            .filter(|&&g| belongs(g, p))
            .map(|&g| c.score[g as usize])
            .fold(p.raw_score * TOP_PHRASE_WEIGHT, f64::max)
    };
    let mut items: Vec<(f64, Item)> = phrases
        .iter()
        .map(|p| (phrase_score(p), Item::Phrase(p)))
        .chain(
            ranked
                .iter()
                .zip(terms)
                .map(|(&g, t)| (c.score[g as usize], Item::Term(g, t))),
        )
        .collect();
    // Stable: on a tie the phrase, listed first, stays ahead of its words.
    items.sort_by(|a, b| b.0.total_cmp(&a.0));

    let mut chosen: Vec<(f64, &Item)> = Vec::new();
    for (score, item) in &items {
        if chosen.len() == TOP_LEN {
            break;
        }
        match item {
            Item::Term(g, _) => {
                let covered = chosen.iter().any(|(_, x)| match x {
                    Item::Phrase(p) => belongs(*g, p),
                    Item::Term(..) => false,
                });
                if !covered {
                    chosen.push((*score, item));
                }
            }
            Item::Phrase(p) => {
                let duplicate = chosen.iter().any(|(_, x)| match x {
                    Item::Phrase(q) => p.contains(q) || q.contains(p),
                    Item::Term(..) => false,
                });
                if duplicate {
                    continue;
                }
                chosen.retain(|(_, x)| match x {
                    Item::Term(g, _) => !belongs(*g, p),
                    Item::Phrase(_) => true,
                });
                chosen.push((*score, item));
            }
        }
    }
    chosen
        .into_iter()
        .map(|(score, item)| match item {
            Item::Term(_, t) => TopKeyword {
                text: t.text.clone(),
                kind: "term".into(),
                count: t.count,
                score: round(score),
            },
            Item::Phrase(p) => TopKeyword {
                text: p.phrase.text.clone(),
                kind: match p.phrase.kind {
                    crate::schema::PhraseKind::Name => "name".into(),
                    crate::schema::PhraseKind::Phrase => "phrase".into(),
                },
                count: p.count(),
                score: round(score),
            },
        })
        .collect()
}
