//! Keyword statistics: terms, phrases and the ranked mixed list.
//!
//! Words are runs of letters and digits, with inner apostrophes and hyphens kept ("China's",
//! "China-Russia"). Terms group inflections by a light stem (plural "-s" removed) and show their
//! most frequent surface form. Phrases are runs of two to four content words inside a sentence.

use std::collections::HashMap;

use crate::offsets::Utf16Index;
use crate::schema::{Keywords, Phrase, Span, Term, TopKeyword};
use crate::segment::Sentence;
use crate::Options;

/// The keyword statistics and the word count they were computed from.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The statistics.
    pub keywords: Keywords,
    /// Words in the text.
    pub words: usize,
}

/// The project's English stopword list: function words and reporting filler.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "said",
    "says",
    "say",
    "told",
    "according",
    "mr",
    "mrs",
    "ms",
    "would",
    "also",
    "however",
    "many",
    "new",
    "last",
    "year",
    "years",
    "since",
    "still",
    "yet",
    "well",
    "way",
    "made",
    "make",
    "get",
    "got",
    "us",
    "within",
    "without",
    "never",
    "always",
    "already",
    "always",
    "recent",
    "recently",
    "moreover",
    "therefore",
    "thus",
    "another",
    "every",
    "like",
    "upon",
];

/// A word of the text, in byte offsets.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    sentence: usize,
}

fn words_of(text: &str, sentences: &[Sentence]) -> Vec<Word> {
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let body = &text[s.start..s.end];
        let mut start: Option<usize> = None;
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let joiner = matches!(c, '\'' | '’' | '-')
                && start.is_some()
                && chars
                    .peek()
                    .map(|&(_, n)| n.is_alphanumeric())
                    .unwrap_or(false);
            if c.is_alphanumeric() || joiner {
                if start.is_none() {
                    start = Some(i);
                }
            } else if let Some(st) = start.take() {
                out.push(Word {
                    start: s.start + st,
                    end: s.start + i,
                    sentence: si,
                });
            }
        }
        if let Some(st) = start {
            out.push(Word {
                start: s.start + st,
                end: s.end,
                sentence: si,
            });
        }
    }
    out
}

/// The grouping key of a word: lower case, possessive and plural "-s" removed.
fn stem(word: &str) -> String {
    let lower = word.to_lowercase().replace('’', "'");
    let lower = lower.strip_suffix("'s").unwrap_or(&lower).to_string();
    if lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
    {
        if let Some(stem) = lower.strip_suffix("ies") {
            return format!("{stem}y");
        }
        return lower[..lower.len() - 1].to_string();
    }
    lower
}

#[derive(Default)]
struct Tally {
    count: usize,
    forms: HashMap<String, usize>,
    sentences: Vec<usize>,
    spans: Vec<(usize, usize)>,
}

impl Tally {
    fn add(&mut self, form: &str, sentence: usize, span: (usize, usize)) {
        self.count += 1;
        *self.forms.entry(form.to_string()).or_default() += 1;
        if self.sentences.last() != Some(&sentence) {
            self.sentences.push(sentence);
        }
        self.spans.push(span);
    }

    fn surface(&self) -> String {
        let mut forms: Vec<(&String, &usize)> = self.forms.iter().collect();
        forms.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        forms[0].0.clone()
    }
}

/// Computes keyword statistics for the sentences of `text`.
pub fn extract(
    text: &str,
    sentences: &[Sentence],
    index: &Utf16Index,
    options: &Options,
) -> Extracted {
    let words = words_of(text, sentences);
    let extra: Vec<String> = options.stopwords.iter().map(|w| w.to_lowercase()).collect();
    let is_stop = |w: &str| {
        let l = w.to_lowercase();
        STOPWORDS.contains(&l.as_str())
            || extra.contains(&l)
            || l.chars().all(|c| c.is_numeric())
            || l.chars().count() < 2
    };
    let mut terms: HashMap<String, Tally> = HashMap::new();
    let mut phrases: HashMap<String, Tally> = HashMap::new();
    let mut run: Vec<Word> = Vec::new();
    let flush = |run: &mut Vec<Word>, phrases: &mut HashMap<String, Tally>| {
        if run.len() >= 2 && run.len() <= 4 {
            let (a, b) = (run[0].start, run[run.len() - 1].end);
            let key = run
                .iter()
                .map(|w| stem(&text[w.start..w.end]))
                .collect::<Vec<_>>()
                .join(" ");
            phrases
                .entry(key)
                .or_default()
                .add(&text[a..b], run[0].sentence, (a, b));
        }
        run.clear();
    };
    for w in &words {
        let surface = &text[w.start..w.end];
        if is_stop(surface) {
            flush(&mut run, &mut phrases);
            continue;
        }
        terms
            .entry(stem(surface))
            .or_default()
            .add(surface, w.sentence, (w.start, w.end));
        let adjacent = run
            .last()
            .map(|p: &Word| p.sentence == w.sentence && text[p.end..w.start].trim().is_empty())
            .unwrap_or(true);
        if !adjacent {
            flush(&mut run, &mut phrases);
        }
        run.push(*w);
    }
    flush(&mut run, &mut phrases);

    let n_words = words.len().max(1) as f64;
    let n_sent = sentences.len().max(1) as f64;
    let span = |&(a, b): &(usize, usize)| Span {
        start: index.at(a),
        end: index.at(b),
    };
    let mut term_list: Vec<Term> = terms
        .values()
        .map(|t| Term {
            text: t.surface(),
            count: t.count,
            per_thousand: t.count as f64 * 1000.0 / n_words,
            sentences: t.sentences.len(),
            score: t.count as f64 * (1.0 + t.sentences.len() as f64 / n_sent),
            first: t.sentences[0],
            spans: t.spans.iter().map(span).collect(),
        })
        .collect();
    term_list.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.first.cmp(&b.first))
            .then(a.text.cmp(&b.text))
    });
    term_list.truncate(options.max_keywords);
    let mut phrase_list: Vec<Phrase> = phrases
        .values()
        .filter(|p| p.count >= 2)
        .map(|p| Phrase {
            text: p.surface(),
            count: p.count,
            score: p.count as f64 * p.surface().split_whitespace().count() as f64,
            spans: p.spans.iter().map(span).collect(),
        })
        .collect();
    phrase_list.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.text.cmp(&b.text)));
    phrase_list.truncate(options.max_keywords);

    let mut top: Vec<TopKeyword> = phrase_list
        .iter()
        .map(|p| TopKeyword {
            text: p.text.clone(),
            kind: "phrase".into(),
            count: p.count,
            score: p.score,
        })
        .chain(term_list.iter().map(|t| TopKeyword {
            text: t.text.clone(),
            kind: "term".into(),
            count: t.count,
            score: t.score,
        }))
        .collect();
    top.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.text.cmp(&b.text)));
    top.truncate(20);
    Extracted {
        keywords: Keywords {
            top,
            terms: term_list,
            phrases: phrase_list,
        },
        words: words.len(),
    }
}
