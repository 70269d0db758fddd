//! The part of a big result that the page draws.
//!
//! A page shows the first few thousand sentences and, per keyword, a few thousand occurrences
//! for its in-context lines and position strip. Turning a whole result for a long text into
//! JavaScript objects costs about as much as a third of the analysis itself, and copying those
//! objects from the worker to the page costs again. So the binding converts a [`View`] for the
//! page and converts the full [`Analysis`] only when an export asks for it.
//!
//! A view serialises like the full result with three differences, and only when the text has
//! more than `max_sentences` sentences: `sentences` holds the first `max_sentences`, the `spans`
//! of each term and phrase are sampled evenly down to `max_spans` (their other fields, counts
//! included, are whole), and a `view` object gives the full sentence count and the number of
//! sentences with no attribution and with a vague one.

use std::borrow::Cow;

use serde::Serialize;

use crate::schema::{Analysis, Keywords, Kind, Metadata, Sentence, Source, Span, Stats};

/// What the page receives for a result; see the module docs.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View<'a> {
    /// As in [`Analysis::schema_version`].
    pub schema_version: u32,
    /// As in [`Analysis::metadata`].
    pub metadata: &'a Metadata,
    /// As in [`Analysis::stats`], for the whole text.
    pub stats: &'a Stats,
    /// The first sentences.
    pub sentences: &'a [Sentence],
    /// As in [`Analysis::sources`], whole.
    pub sources: &'a [Source],
    /// As in [`Analysis::keywords`], with the spans of terms and phrases sampled.
    pub keywords: Cow<'a, Keywords>,
    /// Counts over all sentences; absent when the view is the whole result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<Counts>,
}

/// Sentence counts over the whole text, for a view that holds only some sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// All sentences of the text.
    pub sentences: usize,
    /// Sentences without attribution: the author's own voice.
    pub none: usize,
    /// Sentences attributed to no source or to a vague one.
    pub vague: usize,
}

impl<'a> View<'a> {
    /// The view of `analysis` with at most `max_sentences` sentences and `max_spans` spans per
    /// keyword; the whole result when it has no more sentences than that.
    pub fn of(analysis: &'a Analysis, max_sentences: usize, max_spans: usize) -> View<'a> {
        let all = &analysis.sentences;
        let mut view = View {
            schema_version: analysis.schema_version,
            metadata: &analysis.metadata,
            stats: &analysis.stats,
            sentences: all,
            sources: &analysis.sources,
            keywords: Cow::Borrowed(&analysis.keywords),
            view: None,
        };
        if all.len() <= max_sentences {
            return view;
        }
        let mut counts = Counts {
            sentences: all.len(),
            none: 0,
            vague: 0,
        };
        for s in all {
            match &s.attribution {
                None => counts.none += 1,
                Some(a) if a.source.as_ref().map_or(true, |m| m.kind == Kind::Vague) => {
                    counts.vague += 1
                }
                Some(_) => {}
            }
        }
        let mut keywords = analysis.keywords.clone();
        for t in &mut keywords.terms {
            t.spans = sample(&t.spans, max_spans);
        }
        for p in &mut keywords.phrases {
            p.spans = sample(&p.spans, max_spans);
        }
        view.sentences = &all[..max_sentences];
        view.keywords = Cow::Owned(keywords);
        view.view = Some(counts);
        view
    }
}

/// Every `step`-th span so that at most `max` remain, spread over the whole list: the position
/// strip then still shows where a word occurs from the first page to the last.
fn sample(spans: &[Span], max: usize) -> Vec<Span> {
    if spans.len() <= max {
        return spans.to_vec();
    }
    let step = spans.len() as f64 / max as f64;
    (0..max)
        .map(|i| spans[((i as f64 * step).floor() as usize).min(spans.len() - 1)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Options};

    fn text(sentences: usize) -> String {
        let mut t = String::new();
        for i in 0..sentences {
            match i % 3 {
                0 => t.push_str("The harbour master said the ferry was late. "),
                1 => t.push_str("Experts say tides are rising. "),
                _ => t.push_str("Rain fell on the quay. "),
            }
        }
        t
    }

    #[test]
    fn small_result_is_whole_and_has_no_counts() {
        let a = analyze(&text(6), &Options::default()).unwrap();
        let v = View::of(&a, 10, 5);
        assert_eq!(v.sentences.len(), 6);
        assert!(v.view.is_none());
        let full = serde_json::to_value(&a).unwrap();
        assert_eq!(serde_json::to_value(&v).unwrap(), full);
    }

    #[test]
    fn big_result_keeps_first_sentences_counts_and_sampled_spans() {
        let a = analyze(&text(30), &Options::default()).unwrap();
        assert_eq!(a.sentences.len(), 30);
        let v = View::of(&a, 12, 4);
        assert_eq!(v.sentences, &a.sentences[..12]);
        assert_eq!(
            v.view,
            Some(Counts {
                sentences: 30,
                none: 10,
                vague: 10
            })
        );
        let ferry = v.keywords.terms.iter().find(|t| t.text == "ferry").unwrap();
        let whole = a.keywords.terms.iter().find(|t| t.text == "ferry").unwrap();
        assert_eq!(ferry.count, 10);
        // Ten spans sampled down to four: indices 0, 2, 5 and 7 (floor of i × 2.5).
        let picked: Vec<Span> = [0, 2, 5, 7].iter().map(|&i| whole.spans[i]).collect();
        assert_eq!(ferry.spans, picked);
        assert_eq!(ferry.span_sentences, whole.span_sentences);
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["view"]["sentences"], 30);
        assert_eq!(json["schemaVersion"], a.schema_version);
    }

    #[test]
    fn sample_spreads_over_the_whole_list() {
        let spans: Vec<Span> = (0..7)
            .map(|i| Span {
                start: i,
                end: i + 1,
            })
            .collect();
        let starts: Vec<usize> = sample(&spans, 3).iter().map(|s| s.start).collect();
        assert_eq!(starts, [0, 2, 4]);
        assert_eq!(sample(&spans, 7), spans);
        assert!(sample(&spans, 0).is_empty());
    }
}
