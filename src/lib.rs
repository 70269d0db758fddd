//! whosaid: see who says what in a news text.
//!
//! # Overview
//!
//! [`analyze`] reads one text and returns an [`Analysis`]: its sentences, the attribution of each
//! sentence (who is the source, through which relay, with which cue, quoted or paraphrased), the
//! sources grouped across mentions, and keyword statistics. The same core runs natively (the
//! `whosaid` CLI) and in the browser (compiled to WebAssembly, see `src/wasm.rs`).
//!
//! The pipeline has one module per concept, each working in byte offsets of the input:
//! [`segment`] (sentences, paragraphs, headline and byline), [`quotes`] (quotation marks paired
//! into quotations), [`attribution`] (cues, sources and relays per sentence, with the [`cues`]
//! lexicon), [`sources`] (mentions grouped into entities) and [`keywords`]. Offsets are converted
//! to UTF-16 only when the result is assembled ([`offsets`]).
//!
//! # Usage
//!
//! ```
//! let analysis = whosaid::analyze(
//!     "The mayor said the bridge would reopen in May. Traffic is heavy.",
//!     &whosaid::Options::default(),
//! ).unwrap();
//! assert_eq!(analysis.sentences.len(), 2);
//! let first = analysis.sentences[0].attribution.as_ref().unwrap();
//! assert_eq!(first.source.as_ref().unwrap().text, "The mayor");
//! assert_eq!(first.cue.as_ref().unwrap().text, "said");
//! assert!(analysis.sentences[1].attribution.is_none());
//! ```
//!
//! # Examples
//!
//! The CLI prints the same schema as JSON:
//!
//! ```text
//! whosaid analyze article.txt
//! whosaid analyze --jsonl < batch.jsonl     # {"id","text"} in, {"id","analysis"} out
//! ```
//!
//! # Performance
//!
//! Every stage is a bounded number of passes over the text; there is no backtracking. `make bench`
//! measures MB/s per stage and writes `docs/benchmarks.md`: on 3.86 MB of news, one core of the
//! project's 2-core machine runs the full analysis at 35 to 46 MB/s, as the machine's load varies
//! (segmentation alone at about 1 GB/s), and time grows linearly from 10 KB to 50 MB. The words are
//! cut once ([`keywords::tokens::Tokens`]): attribution finds its cue words among those tokens, the
//! keyword statistics count them, and the cutting tallies what the later stages ask of each
//! distinct form (its counts, how its tokens are spelled). The hot loops read ASCII eight bytes at
//! a time in plain `u64` arithmetic, so the same code is fast in WebAssembly: in Node the page's
//! entry (the analysis and the [`view::View`] the page is sent) runs at about 0.65 to 0.7x native.
//! The view sends numbers in bulk as typed arrays; converting a whole result for a long text into
//! JavaScript objects instead brings it to about 0.35 to 0.4x.
//!
//! # Untrusted input
//!
//! Any `&str` is accepted. Texts longer than [`Options::max_bytes`] are refused with
//! [`Error::TooLarge`] instead of being analysed slowly, and texts cut into more than
//! [`Options::max_sentences`] sentences with [`Error::TooManySentences`], because the result
//! holds a few hundred bytes per sentence: 64 MiB of one-letter sentences would otherwise need
//! gigabytes, more than a browser gives a WebAssembly module. All patterns use the `regex` crate,
//! whose matching time is linear in the input, and no rule rescans the text per sentence.

#![deny(missing_docs)]

pub mod attribution;
mod bytes;
pub mod cues;
pub mod html;
pub mod keywords;
pub mod offsets;
pub mod quotes;
pub mod schema;
pub mod segment;
pub mod sources;
#[cfg(test)]
mod testing;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::Deserialize;

pub use schema::*;

/// The default input limit: 64 MiB.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// The default sentence limit: two million, about 16 times the sentences of a long novel, and
/// well under a gigabyte of results.
pub const DEFAULT_MAX_SENTENCES: usize = 2_000_000;

/// Options for [`analyze`]. In JSON (the page, `--options`) the keys are camelCase.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// Extra stopwords, added to the built-in English list for keyword statistics. Matching
    /// ignores case, and a stopword also removes the inflections that share its stem.
    pub stopwords: Vec<String>,
    /// Texts longer than this many bytes (UTF-8) are refused.
    pub max_bytes: usize,
    /// Texts with more sentences than this are refused (checked right after segmentation).
    pub max_sentences: usize,
    /// How many terms and phrases to return.
    pub max_keywords: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            stopwords: Vec::new(),
            max_bytes: DEFAULT_MAX_BYTES,
            max_sentences: DEFAULT_MAX_SENTENCES,
            max_keywords: 50,
        }
    }
}

/// Why a text could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The text is longer than [`Options::max_bytes`].
    TooLarge {
        /// Its length in bytes.
        len: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The text has more sentences than [`Options::max_sentences`].
    TooManySentences {
        /// How many sentences it has.
        count: usize,
        /// The limit in force.
        limit: usize,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::TooLarge { len, limit } => write!(
                f,
                "the text is {:.1} MB, over the limit of {:.1} MB",
                *len as f64 / 1e6,
                *limit as f64 / 1e6
            ),
            Error::TooManySentences { count, limit } => write!(
                f,
                "the text has {count} sentences, over the limit of {limit}"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Characters of `s` that are not white space, counted eight bytes at a time in plain `u64`
/// arithmetic: a byte counts unless it is ASCII white space or a continuation byte (a
/// character counts at its lead byte), and the few white-space characters outside ASCII are
/// recognised at their lead bytes and taken off.
fn non_space_chars(s: &str) -> usize {
    use bytes::{padded, HIGH, ONES as LOW};
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    // Marks with its high bit each byte of `low` (bytes below 0x80) that is ASCII white space
    // (0x09 to 0x0D, 0x20), without carries between bytes. Zero bytes (the padding of the last
    // word) match nothing.
    let space = |low: u64| {
        let from_tab = low + (0x80 - 0x09) * LOW;
        let past_cr = low + (0x80 - 0x0E) * LOW;
        let not_space = (low ^ (0x20 * LOW)) + 0x7F * LOW;
        ((from_tab & !past_cr) | !not_space) & HIGH
    };
    // Marks with its high bit each byte of `w` that does not count: a continuation byte
    // (10xxxxxx), or ASCII white space, tested on the low seven bits.
    let skipped = |w: u64| {
        let continuation = w & !(w << 1);
        (continuation | (!w & space(w & !HIGH))) & HIGH
    };
    // Wide spaces among the lead bytes (11xxxxxx) of the word at `i`.
    let wide = |w: u64, i: usize| {
        let mut leads = w & (w << 1) & HIGH;
        let mut n = 0;
        while leads != 0 {
            let p = i + leads.trailing_zeros() as usize / 8;
            n += usize::from(wide_space(at(p), at(p + 1), at(p + 2)));
            leads &= leads - 1;
        }
        n
    };
    let (mut not_counted, mut i) = (0, 0);
    // Per-byte tallies of up to 255 words, each at most 255, then summed.
    for block in b.chunks(8 * 255) {
        let mut tally = 0u64;
        let mut words = block.chunks_exact(8);
        for word in &mut words {
            let w = padded(word);
            // An all-ASCII word (most words) has no continuation and no wide space.
            if w & HIGH == 0 {
                tally += space(w) >> 7;
            } else {
                tally += skipped(w) >> 7;
                not_counted += wide(w, i);
            }
            i += 8;
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let w = padded(rest);
            tally += skipped(w) >> 7;
            not_counted += wide(w, i);
            i += rest.len();
        }
        let pairs = (tally & 0x00FF_00FF_00FF_00FF) + ((tally >> 8) & 0x00FF_00FF_00FF_00FF);
        not_counted += (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize;
    }
    b.len() - not_counted
}

/// 1 when the bytes `x y z` start a white-space character outside ASCII: U+0085, U+00A0,
/// U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F or U+3000 (Unicode's White_Space,
/// which `char::is_whitespace` follows), else 0. Only a lead byte can match, so a character is
/// never taken off twice.
fn wide_space(x: u8, y: u8, z: u8) -> u8 {
    let c2 = (x == 0xC2) & ((y == 0x85) | (y == 0xA0));
    let e1 = (x == 0xE1) & (y == 0x9A) & (z == 0x80);
    let e2_80 = (y == 0x80) & ((z <= 0x8A) | (z == 0xA8) | (z == 0xA9) | (z == 0xAF));
    let e2 = (x == 0xE2) & (e2_80 | ((y == 0x81) & (z == 0x9F)));
    let e3 = (x == 0xE3) & (y == 0x80) & (z == 0x80);
    u8::from(c2 | e1 | e2 | e3)
}

/// Analyses one text.
///
/// The text may be empty; the result then has no sentences. Offsets in the result are UTF-16 code
/// units (see [`schema`]).
pub fn analyze(text: &str, options: &Options) -> Result<Analysis, Error> {
    if text.len() > options.max_bytes {
        return Err(Error::TooLarge {
            len: text.len(),
            limit: options.max_bytes,
        });
    }
    let segmentation = segment::segment(text);
    if segmentation.sentences.len() > options.max_sentences {
        return Err(Error::TooManySentences {
            count: segmentation.sentences.len(),
            limit: options.max_sentences,
        });
    }
    let index = offsets::Utf16Index::new(text);
    let (quotes, long_dashes) = quotes::find_with_dashes(text);
    // The keyword tokens, cut once: attribution finds its candidate words among them.
    let tokens = keywords::tokens::Tokens::new(text, &segmentation.sentences);
    let mut found = attribution::attribute(
        text,
        &segmentation.sentences,
        &quotes,
        &long_dashes,
        &tokens,
    );
    let groups = sources::group(text, &segmentation.sentences, &mut found);
    let source_sentences: Vec<&[usize]> = groups.iter().map(|g| g.sentences.as_slice()).collect();
    let keywords = keywords::extract(
        text,
        &segmentation.sentences,
        &index,
        options,
        &source_sentences,
        tokens,
    );

    // One pass over the sentences builds each schema sentence and measures its share weight.
    // Shares are measured in non-space characters so that layout does not count.
    // Sentence offsets come in text order: a cursor converts most of them without a scan.
    // Each sentence is put in place first and its attribution written into it: built apart
    // and moved in, as `map` and `collect` do, each sentence (about 200 bytes) was copied twice.
    let mut units = offsets::Utf16Cursor::new(text, &index);
    let mut sentences: Vec<Sentence> = Vec::with_capacity(segmentation.sentences.len());
    let mut weights: Vec<usize> = Vec::with_capacity(segmentation.sentences.len());
    let (mut total, mut attributed, mut vague) = (0usize, 0usize, 0usize);
    for (s, f) in segmentation.sentences.iter().zip(found) {
        let w = text.get(s.start..s.end).map_or(0, non_space_chars);
        weights.push(w);
        total += w;
        // In text order: the start, the attribution's offsets inside, then the end.
        sentences.push(Sentence {
            start: units.at(s.start),
            end: s.end,
            paragraph: s.paragraph,
            attribution: None,
        });
        let Some(sentence) = sentences.last_mut() else {
            continue;
        };
        if let Some(f) = f {
            if f.is_vague() {
                vague += w;
            } else {
                attributed += w;
            }
            sentence.attribution = Some(f.into_schema(text, &mut units));
        }
        sentence.end = units.at(s.end);
    }
    let total = total.max(1) as f64;
    let share = |n: usize| {
        if weights.is_empty() {
            0.0
        } else {
            n as f64 / total
        }
    };
    let sources = groups
        .into_iter()
        .enumerate()
        .map(|(id, g)| {
            let w: usize = g.sentences.iter().map(|&i| weights[i]).sum();
            g.into_schema(id, share(w))
        })
        .collect();

    Ok(Analysis {
        schema_version: SCHEMA_VERSION,
        metadata: segmentation.metadata,
        stats: Stats {
            characters: index.chars(),
            words: keywords.words,
            sentences: sentences.len(),
            paragraphs: segmentation.paragraphs,
            attributed: share(attributed),
            vague: share(vague),
            unattributed: if weights.is_empty() {
                0.0
            } else {
                share(total as usize - attributed - vague)
            },
        },
        sentences,
        sources,
        keywords: keywords.keywords,
    })
}

#[cfg(test)]
mod tests {
    use super::non_space_chars;

    /// The byte loop agrees with the plain definition on every kind of white space and width.
    #[test]
    fn non_space_chars_matches_the_char_definition() {
        for s in [
            "",
            "plain words here.",
            "tab\tand\r\nlines",
            "no\u{a0}break, next\u{85}line, ogham\u{1680}space",
            "em\u{2003}space, line\u{2028}sep, narrow\u{202f}nbsp, ideographic\u{3000}space",
            "“Curly,” she said — é, 中文, 😀 and \u{200b}zero-width (not white space).",
        ] {
            // Shifted so that every character also straddles a block boundary of the counter.
            for pad in (0..=8).chain(250..=260) {
                let s = format!("{}{s}{s}", "x".repeat(pad));
                let expected = s.chars().filter(|c| !c.is_whitespace()).count();
                assert_eq!(non_space_chars(&s), expected, "{s:?}");
            }
        }
    }

    /// Every character alone, and followed by another, counts as `char::is_whitespace` says.
    #[test]
    fn non_space_chars_agrees_on_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let expected = usize::from(!c.is_whitespace());
            assert_eq!(
                non_space_chars(c.encode_utf8(&mut [0; 4])),
                expected,
                "{c:?}"
            );
            assert_eq!(non_space_chars(&format!("{c}x")), expected + 1, "{c:?}");
        }
    }
}
