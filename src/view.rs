//! The part of a big result that the page draws, in the encoding the page reads fastest.
//!
//! Turning a whole result for a long text into JavaScript objects costs about as much as a third
//! of the analysis itself, and copying those objects from the worker to the page costs again. So
//! the binding converts a [`View`] for the page and converts the full [`Analysis`] only when an
//! export asks for it.
//!
//! Numbers in bulk travel as [`U32s`]: one `Uint8Array`, a single copy, where a list of objects
//! costs one object per entry. A view serialises like the full result with three differences:
//! - each term and phrase carries, instead of `spans` and `spanSentences`, `occurrences` (see
//!   [`occurrences`]) with every occurrence, so the page gets all of them for its in-context
//!   lines, position strips and marks;
//! - `keywords.bySource` holds only what the page shows of each term, its text and count, as
//!   one string and one buffer (see [`KeywordsView::by_source`]);
//! - when the text has more than `max_sentences` sentences, `sentences` holds the first
//!   `max_sentences` and a `view` object ([`Counts`]) gives the full sentence count and the
//!   number of sentences with no attribution and with a vague one. Without it, `sentences` is
//!   whole.
//!
//! Every other part (`sources`, `keywords.top`, `ngrams`, `stats`, ...) is whole and as in the
//! schema.

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use crate::schema::{
    Analysis, Kind, Metadata, Ngram, Phrase, Sentence, Source, SourceKeywords, Span, Stats, Term,
    TopKeyword,
};

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
    /// The first sentences (all of them when `view` is absent).
    pub sentences: &'a [Sentence],
    /// As in [`Analysis::sources`], whole.
    pub sources: &'a [Source],
    /// As in [`Analysis::keywords`], with each term's and phrase's occurrences as one buffer.
    pub keywords: KeywordsView<'a>,
    /// Counts over all sentences; absent when `sentences` is whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<Counts>,
}

/// [`Keywords`](crate::schema::Keywords) as the page receives them: every list whole, and each term and phrase with
/// `occurrences` (see [`occurrences`]) in place of `spans` and `spanSentences`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeywordsView<'a> {
    /// As in [`Keywords::top`](crate::schema::Keywords::top).
    pub top: &'a [TopKeyword],
    /// As in [`Keywords::phrases`](crate::schema::Keywords::phrases), each with its occurrences as one buffer.
    #[serde(serialize_with = "each_occurring")]
    pub phrases: &'a [Phrase],
    /// As in [`Keywords::terms`](crate::schema::Keywords::terms), each with its occurrences as one buffer.
    #[serde(serialize_with = "each_occurring")]
    pub terms: &'a [Term],
    /// As in [`Keywords::ngrams`](crate::schema::Keywords::ngrams).
    pub ngrams: &'a [Ngram],
    /// [`Keywords::by_source`](crate::schema::Keywords::by_source) with what the page shows of
    /// each term, as `{texts, numbers}`: `texts` is the text of every term, one after the other;
    /// `numbers` ([`U32s`]) gives, per entry, its source and its number of terms, then, per
    /// term, the length of its text in UTF-16 code units and its count. As a list, 2,400
    /// sources with up to eight terms each cost 24,000 objects.
    #[serde(serialize_with = "by_source_columns")]
    pub by_source: &'a [SourceKeywords],
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
    /// The view of `analysis` with at most `max_sentences` sentences.
    pub fn of(analysis: &'a Analysis, max_sentences: usize) -> View<'a> {
        let all = &analysis.sentences;
        let k = &analysis.keywords;
        let mut view = View {
            schema_version: analysis.schema_version,
            metadata: &analysis.metadata,
            stats: &analysis.stats,
            sentences: all,
            sources: &analysis.sources,
            keywords: KeywordsView {
                top: &k.top,
                phrases: &k.phrases,
                terms: &k.terms,
                ngrams: &k.ngrams,
                by_source: &k.by_source,
            },
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
        view.sentences = &all[..max_sentences];
        view.view = Some(counts);
        view
    }
}

/// Numbers as one buffer of little-endian `u32`s, serialised as bytes: the binding turns it into
/// one `Uint8Array`, which the page reads through a `Uint32Array` on the same memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct U32s(Vec<u8>);

impl U32s {
    /// Room for `n` numbers.
    fn with_capacity(n: usize) -> U32s {
        U32s(Vec::with_capacity(n * 4))
    }

    /// Appends `n`. Offsets, indices and counts fit in u32: a wasm32 module cannot hold 4 GiB
    /// of text.
    fn push(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u32).to_le_bytes());
    }

    /// The encoded buffer.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl Serialize for U32s {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

/// Every occurrence of a keyword, from its `spans` and their `sentences` (`sentences[i]` for
/// `spans[i]`): the UTF-16 start and end of each occurrence in text order (`2n` numbers), then
/// the sentence index of each (`n` more).
pub fn occurrences(spans: &[Span], sentences: &[usize]) -> U32s {
    // The two lists have one entry per occurrence; should they ever differ, the buffer still
    // pairs each span with its own sentence.
    let n = spans.len().min(sentences.len());
    let mut numbers = U32s::with_capacity(3 * n);
    for s in &spans[..n] {
        numbers.push(s.start);
        numbers.push(s.end);
    }
    for &i in &sentences[..n] {
        numbers.push(i);
    }
    numbers
}

fn by_source_columns<S: Serializer>(list: &&[SourceKeywords], s: S) -> Result<S::Ok, S::Error> {
    let mut texts = String::new();
    let mut numbers = U32s::with_capacity(list.iter().map(|k| 2 + 2 * k.terms.len()).sum());
    for k in *list {
        numbers.push(k.source);
        numbers.push(k.terms.len());
        for t in &k.terms {
            texts.push_str(&t.text);
            numbers.push(t.text.encode_utf16().count());
            numbers.push(t.count);
        }
    }
    let mut st = s.serialize_struct("BySource", 2)?;
    st.serialize_field("texts", &texts)?;
    st.serialize_field("numbers", &numbers)?;
    st.end()
}

/// A keyword whose occurrences the view sends as one buffer: its other fields, as in the
/// schema, then `occurrences`.
trait Occurring {
    /// Serialises the keyword's schema fields other than `spans` and `spanSentences` into `st`.
    fn fields<S: SerializeStruct>(&self, st: &mut S) -> Result<(), S::Error>;
    /// Its occurrences (see [`occurrences`]).
    fn occurrences(&self) -> U32s;
}

impl Occurring for Term {
    fn fields<S: SerializeStruct>(&self, st: &mut S) -> Result<(), S::Error> {
        st.serialize_field("text", &self.text)?;
        st.serialize_field("count", &self.count)?;
        st.serialize_field("perThousand", &self.per_thousand)?;
        st.serialize_field("sentences", &self.sentences)?;
        st.serialize_field("dispersion", &self.dispersion)?;
        st.serialize_field("score", &self.score)?;
        st.serialize_field("first", &self.first)
    }
    fn occurrences(&self) -> U32s {
        occurrences(&self.spans, &self.span_sentences)
    }
}

impl Occurring for Phrase {
    fn fields<S: SerializeStruct>(&self, st: &mut S) -> Result<(), S::Error> {
        st.serialize_field("text", &self.text)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("words", &self.words)?;
        st.serialize_field("count", &self.count)?;
        st.serialize_field("sentences", &self.sentences)?;
        st.serialize_field("score", &self.score)?;
        st.serialize_field("first", &self.first)
    }
    fn occurrences(&self) -> U32s {
        occurrences(&self.spans, &self.span_sentences)
    }
}

/// One keyword of the view.
struct Entry<'a, T>(&'a T);

impl<T: Occurring> Serialize for Entry<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Keyword", 8)?;
        self.0.fields(&mut st)?;
        st.serialize_field("occurrences", &self.0.occurrences())?;
        st.end()
    }
}

fn each_occurring<T: Occurring, S: Serializer>(list: &&[T], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(Entry))
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

    /// The numbers of an occurrence buffer, as the page reads them.
    fn numbers(bytes: &[u8]) -> Vec<usize> {
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
            .collect()
    }

    /// The full result's JSON turned into the view's: spans and their sentences of each term
    /// and phrase become the numbers of `occurrences`, `bySource` its texts and numbers.
    fn as_view(mut full: serde_json::Value) -> serde_json::Value {
        let mut texts = String::new();
        let mut numbers: Vec<serde_json::Value> = Vec::new();
        for k in full["keywords"]["bySource"].as_array().unwrap() {
            let terms = k["terms"].as_array().unwrap();
            numbers.extend([k["source"].clone(), terms.len().into()]);
            for t in terms {
                let text = t["text"].as_str().unwrap();
                texts.push_str(text);
                numbers.extend([text.encode_utf16().count().into(), t["count"].clone()]);
            }
        }
        full["keywords"]["bySource"] = serde_json::json!({"texts": texts, "numbers": numbers});
        for list in ["terms", "phrases"] {
            for k in full["keywords"][list].as_array_mut().unwrap() {
                let k = k.as_object_mut().unwrap();
                let spans = k.remove("spans").unwrap();
                let sentences = k.remove("spanSentences").unwrap();
                let mut occ: Vec<serde_json::Value> = Vec::new();
                for s in spans.as_array().unwrap() {
                    occ.push(s["start"].clone());
                    occ.push(s["end"].clone());
                }
                occ.extend(sentences.as_array().unwrap().iter().cloned());
                k.insert("occurrences".into(), occ.into());
            }
        }
        full
    }

    /// The view's JSON with each occurrence buffer (bytes in JSON) read as numbers.
    fn read(view: &View) -> serde_json::Value {
        let mut json = serde_json::to_value(view).unwrap();
        for list in ["terms", "phrases"] {
            for k in json["keywords"][list].as_array_mut().unwrap() {
                let bytes: Vec<u8> = serde_json::from_value(k["occurrences"].take()).unwrap();
                k["occurrences"] = numbers(&bytes).into();
            }
        }
        let by_source = &mut json["keywords"]["bySource"]["numbers"];
        let bytes: Vec<u8> = serde_json::from_value(by_source.take()).unwrap();
        *by_source = numbers(&bytes).into();
        json
    }

    #[test]
    fn small_result_is_whole_with_occurrence_buffers_and_no_counts() {
        let a = analyze(&text(6), &Options::default()).unwrap();
        let v = View::of(&a, 10);
        assert_eq!(v.sentences.len(), 6);
        assert!(v.view.is_none());
        let k = &a.keywords;
        assert!(!k.phrases.is_empty() && !k.terms.is_empty() && !k.by_source.is_empty());
        // Field for field the full result, in the same order, but for the occurrences.
        let want = as_view(serde_json::to_value(&a).unwrap());
        assert_eq!(
            serde_json::to_string(&read(&v)).unwrap(),
            serde_json::to_string(&want).unwrap()
        );
    }

    #[test]
    fn big_result_keeps_first_sentences_counts_and_every_occurrence() {
        let a = analyze(&text(30), &Options::default()).unwrap();
        assert_eq!(a.sentences.len(), 30);
        let v = View::of(&a, 12);
        assert_eq!(v.sentences, &a.sentences[..12]);
        assert_eq!(
            v.view,
            Some(Counts {
                sentences: 30,
                none: 10,
                vague: 10
            })
        );
        let json = read(&v);
        let ferry = json["keywords"]["terms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["text"] == "ferry")
            .unwrap();
        assert_eq!(ferry["count"], 10);
        // All ten occurrences: starts and ends, then sentences 0, 3, 6, ... 27.
        let occ: Vec<usize> = serde_json::from_value(ferry["occurrences"].clone()).unwrap();
        assert_eq!(occ.len(), 30);
        let whole = a.keywords.terms.iter().find(|t| t.text == "ferry").unwrap();
        let pairs: Vec<usize> = whole.spans.iter().flat_map(|s| [s.start, s.end]).collect();
        assert_eq!(occ[..20], pairs[..]);
        assert_eq!(occ[20..], (0..10).map(|i| 3 * i).collect::<Vec<_>>()[..]);
        assert_eq!(json["view"]["sentences"], 30);
        assert_eq!(json["schemaVersion"], a.schema_version);
        // Apart from the sentences and the counts, the same as a whole view.
        let mut whole_view = read(&View::of(&a, 30));
        whole_view["sentences"] = json["sentences"].clone();
        whole_view["view"] = json["view"].clone();
        assert_eq!(json, whole_view);
    }

    #[test]
    fn by_source_is_texts_and_numbers_with_utf16_lengths() {
        let term = |text: &str, count| crate::schema::SourceTerm {
            text: text.into(),
            count,
            rest: 1,
            score: 2.5,
        };
        let list = [
            SourceKeywords {
                source: 4,
                terms: vec![term("café", 3), term("\u{1F6A2}s", 2)],
            },
            SourceKeywords {
                source: 7,
                terms: vec![],
            },
        ];
        let json = by_source_columns(&&list[..], serde_json::value::Serializer).unwrap();
        assert_eq!(json["texts"], "café\u{1F6A2}s");
        let bytes: Vec<u8> = serde_json::from_value(json["numbers"].clone()).unwrap();
        assert_eq!(numbers(&bytes), [4, 2, 4, 3, 3, 2, 7, 0]);
    }

    #[test]
    fn occurrences_are_starts_and_ends_then_sentences() {
        let spans = [
            Span { start: 3, end: 8 },
            Span {
                start: 70_000,
                end: 70_004,
            },
        ];
        let occ = occurrences(&spans, &[0, 5]);
        assert_eq!(numbers(occ.as_bytes()), [3, 8, 70_000, 70_004, 0, 5]);
        assert_eq!(occ.as_bytes()[..4], [3, 0, 0, 0]);
        assert!(occurrences(&[], &[]).as_bytes().is_empty());
        // Lists of different lengths pair what they can.
        assert_eq!(numbers(occurrences(&spans, &[9]).as_bytes()), [3, 8, 9]);
    }
}
