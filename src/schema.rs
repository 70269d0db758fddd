//! The result schema, version 1: what [`analyze`](crate::analyze) returns, what the CLI prints
//! as JSON and what the page receives from the worker.
//!
//! Rules that hold for every type here:
//! - keys are camelCase in JSON;
//! - every offset (`start`, `end`) counts **UTF-16 code units** of the input text, which is what
//!   JavaScript's `String.prototype.slice` takes; `end` is exclusive;
//! - indices (`entity`, `sentences[]`, `paragraph`) are zero-based;
//! - shares are fractions of the text's non-space characters, between 0 and 1.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The version of this schema. It changes whenever a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole result for one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Headline, byline and date, when the text starts with them.
    pub metadata: Metadata,
    /// Counts and shares for the whole text.
    pub stats: Stats,
    /// Every sentence, in text order. Headline and byline lines count as sentences.
    pub sentences: Vec<Sentence>,
    /// The sources the attributions point at, one per grouped entity.
    pub sources: Vec<Source>,
    /// Keyword statistics.
    pub keywords: Keywords,
}

/// Headline, byline and date found at the top of the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// The headline: a first line that is not a body sentence.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    /// The author or outlet from a byline ("by: Jane Roe" gives "Jane Roe").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub byline: Option<String>,
    /// The publication date as written in a byline or dateline, ISO form when it was numeric.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<String>,
    /// The place of a dateline ("WASHINGTON (Reuters) -" gives "WASHINGTON").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dateline: Option<String>,
}

/// Counts and shares for the whole text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Characters (Unicode scalar values) in the text.
    pub characters: usize,
    /// Words, as the keyword tokenizer counts them.
    pub words: usize,
    /// Sentences, including headline and byline lines.
    pub sentences: usize,
    /// Paragraphs (runs of lines separated by blank lines).
    pub paragraphs: usize,
    /// Share of the text in sentences attributed to a named or typed source.
    pub attributed: f64,
    /// Share of the text in sentences attributed to a vague source ("experts say").
    pub vague: f64,
    /// Share of the text in sentences in the author's own voice.
    pub unattributed: f64,
}

/// A span of the input, in UTF-16 code units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First code unit.
    pub start: usize,
    /// One past the last code unit.
    pub end: usize,
}

/// One sentence and what it reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sentence {
    /// First code unit of the sentence (no leading space).
    pub start: usize,
    /// One past its last code unit (no trailing space).
    pub end: usize,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
    /// `null` when the sentence is in the author's own voice.
    pub attribution: Option<Attribution>,
}

/// Whether the reported content is quoted word for word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// The content is a quotation.
    Direct,
    /// The content is paraphrased.
    Indirect,
    /// Part quotation, part paraphrase.
    Mixed,
}

/// What kind of source a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A named or described person ("Vasily Kashin", "the minister").
    Person,
    /// A government body, company, party or other organisation.
    Organization,
    /// A news agency, paper or broadcaster ("Xinhua News Agency").
    Media,
    /// A report, statement, study or other document.
    Document,
    /// An unnamed, unspecific source ("experts", "the outside world").
    Vague,
    /// Anything the rules could not type.
    Unknown,
}

/// The attribution of one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attribution {
    /// Quoted, paraphrased or both.
    pub form: Form,
    /// The word or phrase that signals reporting ("said", "According to").
    pub cue: Option<Cue>,
    /// Who the content comes from. For a sourceless cue ("reportedly", "it is said") it is the
    /// cue itself, of kind `vague` and with `entity` null: the text names no one.
    pub source: Option<Mention>,
    /// Relays the content passed through, outermost first ("According to Xinhua, …").
    pub via: Vec<Mention>,
    /// True when the sentence has no cue of its own and carries on an earlier attribution.
    pub continued: bool,
    /// The quotations in the sentence, quotation marks included.
    pub quotes: Vec<Span>,
    /// The name of the rule that fired, for explanations (see `rules` in the docs). Borrowed
    /// from the rule table when the analysis made it, so that ~17k attributions per 4 MB of news
    /// allocate no copy of a name; serialized as a plain string either way.
    pub rule: Cow<'static, str>,
}

/// A cue: the words that signal reporting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// The cue as written. Borrowed from the cue lexicon when it is spelt like a form there
    /// ("said"), so that most cues allocate no copy; serialized as a plain string either way.
    pub text: Cow<'static, str>,
    /// First code unit.
    pub start: usize,
    /// One past the last code unit.
    pub end: usize,
}

/// A mention of a source in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The mention as written, descriptors included ("Vasily Kashin, a researcher at …").
    pub text: Text,
    /// First code unit.
    pub start: usize,
    /// One past the last code unit.
    pub end: usize,
    /// What it names.
    pub kind: Kind,
    /// Index into [`Analysis::sources`]; `null` when the mention names no one (a sourceless vague
    /// cue) or could not be grouped.
    pub entity: Option<usize>,
}

/// A short text of the result, such as a mention as written or a source's term: up to
/// [`Text::INLINE`] bytes are kept in place, longer ones on the heap. A result holds one per
/// attribution and one per term of each source, mostly short (in 4 MB of news, four in five
/// mentions fit and nearly every term): kept in place, ~30k of them allocate and free nothing.
/// Reads as a `&str` (it derefs to one) and is a plain string in JSON.
#[derive(Clone, PartialEq, Eq)]
pub struct Text(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    /// The first `len` bytes of `bytes`; the rest are zero, so that equal texts are equal here.
    Inline {
        len: u8,
        bytes: [u8; Text::INLINE],
    },
    Heap(Box<str>),
}

impl Text {
    /// The longest text kept in place: a `Text` is then no larger than a `String`.
    pub const INLINE: usize = 22;

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid: the bytes were copied from a `&str`.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        match u8::try_from(s.len()) {
            Ok(len) if s.len() <= Text::INLINE => {
                let mut bytes = [0; Text::INLINE];
                bytes[..s.len()].copy_from_slice(s.as_bytes());
                Text(Repr::Inline { len, bytes })
            }
            _ => Text(Repr::Heap(s.into())),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        let s = String::deserialize(deserializer)?;
        Ok(Text::from(s.as_str()))
    }
}

/// One source: every mention of the same entity grouped together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// Its index in [`Analysis::sources`].
    pub id: usize,
    /// Canonical name: the fullest proper name, titles stripped ("Vasily Kashin").
    pub name: String,
    /// The kind most of its mentions have.
    pub kind: Kind,
    /// How many times it is mentioned as a source or relay.
    pub mentions: usize,
    /// Descriptions attached to it ("a researcher at …", "Russian expert"), deduplicated.
    pub descriptors: Vec<String>,
    /// Indices of the sentences it is the source of.
    pub sentences: Vec<usize>,
    /// How many of those sentences quote it directly.
    pub direct_quotes: usize,
    /// Share of the text in its sentences.
    pub share: f64,
}

/// Keyword statistics.
///
/// Words are grouped by a light stem ("alliance", "alliances"), shown in their most frequent
/// surface form; stopwords (the built-in English list plus
/// [`Options::stopwords`](crate::Options::stopwords)) and bare numbers are never keywords.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Keywords {
    /// The ranked mixed list (terms, phrases and names) the page shows first, at most 20 entries,
    /// without near-duplicates: a word that occurs mostly inside a listed phrase does not take a
    /// slot of its own, nor does a phrase contained in a listed one.
    pub top: Vec<TopKeyword>,
    /// Multi-word key phrases and proper names, best first. Only phrases that occur at least
    /// twice, and are not mostly part of a longer listed phrase, are listed.
    pub phrases: Vec<Phrase>,
    /// Single-word terms, best first.
    pub terms: Vec<Term>,
    /// The most frequent runs of two or three adjacent content words, with their counts, most
    /// frequent first (ties in text order). Only runs that occur at least twice.
    pub ngrams: Vec<Ngram>,
    /// For each source (see [`Analysis::sources`]) with any words of its own, the terms most
    /// characteristic of its sentences compared with the rest of the text.
    pub by_source: Vec<SourceKeywords>,
}

/// One entry of [`Keywords::top`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopKeyword {
    /// The keyword in its most frequent surface form.
    pub text: String,
    /// `term` (one word, see [`Keywords::terms`]), `phrase` or `name` (see [`PhraseKind`]).
    pub kind: String,
    /// Occurrences in the text.
    pub count: usize,
    /// Ranking score, on the same scale for terms and phrases; higher is more characteristic.
    pub score: f64,
}

/// A single-word term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    /// Its most frequent surface form (a capital at the start of a sentence counts for less).
    pub text: String,
    /// Occurrences, all inflections together.
    pub count: usize,
    /// Occurrences per 1,000 words of the text.
    pub per_thousand: f64,
    /// Number of sentences it occurs in.
    pub sentences: usize,
    /// Gries' DP over sentences: half the sum, over all sentences, of the gap between the share
    /// of the term's occurrences in the sentence and the share of the text's words in it. 0 means
    /// spread exactly like the words of the text; values near 1 mean concentrated in one place.
    pub dispersion: f64,
    /// Ranking score; higher is more characteristic of the text. It grows with the count, the
    /// number of sentences, capitalisation as a name and an early first occurrence.
    pub score: f64,
    /// Index of the sentence of its first occurrence.
    pub first: usize,
    /// Every occurrence, in text order, for keyword-in-context lines and dispersion plots.
    pub spans: Vec<Span>,
    /// The sentence index of each entry of `spans`.
    pub span_sentences: Vec<usize>,
}

/// What a [`Phrase`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhraseKind {
    /// A proper name written in capitals, possibly with "of", "the" or "and" inside ("Ministry of
    /// Defense", "Bank of the North").
    Name,
    /// Two or three adjacent content words ("military alliance").
    Phrase,
}

/// A multi-word key phrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Phrase {
    /// Its surface form at its first occurrence.
    pub text: String,
    /// A proper name or a common phrase.
    pub kind: PhraseKind,
    /// Number of words.
    pub words: usize,
    /// Occurrences, all inflections together.
    pub count: usize,
    /// Number of sentences it occurs in.
    pub sentences: usize,
    /// Ranking score, on the scale of [`Term::score`]; higher is more characteristic.
    pub score: f64,
    /// Index of the sentence of its first occurrence.
    pub first: usize,
    /// Every occurrence, in text order.
    pub spans: Vec<Span>,
    /// The sentence index of each entry of `spans`.
    pub span_sentences: Vec<usize>,
}

/// A run of two or three adjacent content words and how often it occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ngram {
    /// Its surface form at its first occurrence.
    pub text: String,
    /// Number of words: 2 or 3.
    pub n: usize,
    /// Occurrences, all inflections together.
    pub count: usize,
}

/// The terms characteristic of one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceKeywords {
    /// Index into [`Analysis::sources`].
    pub source: usize,
    /// Best first, at most eight.
    pub terms: Vec<SourceTerm>,
}

/// A term as used in one source's sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceTerm {
    /// Its most frequent surface form in the whole text.
    pub text: Text,
    /// Occurrences in the source's sentences.
    pub count: usize,
    /// Occurrences in all other sentences.
    pub rest: usize,
    /// Log-likelihood (G²) of the source using the term more often than the rest of the text.
    pub score: f64,
}

#[cfg(test)]
mod tests {
    use super::Text;

    /// Texts on either side of the inline limit read back as given, compare as strings and
    /// travel through JSON as plain strings.
    #[test]
    fn text_inline_and_on_the_heap() {
        for s in [
            "",
            "he",
            "the Lebanese daily",
            "Vasily Kashin, a researcher at the institute",
        ]
        .into_iter()
        .chain(
            [Text::INLINE - 1, Text::INLINE, Text::INLINE + 1]
                .map(|n| &"é-abcdefghijklmnopqrstuvwxyz"[..n]),
        ) {
            let t = Text::from(s);
            assert_eq!(t, s);
            assert_eq!(t.as_str(), s);
            assert_eq!(t.to_string(), s);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, serde_json::to_string(s).unwrap());
            assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), t);
        }
        assert_ne!(Text::from("Kashin"), Text::from("Kashi"));
    }
}
