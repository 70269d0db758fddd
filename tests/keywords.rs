//! Data-driven keyword cases from `testdata/keywords.toml` (see the field list at its top).

use std::collections::BTreeMap;

use serde::Deserialize;
use whosaid::keywords::{self, tokens::Tokens};
use whosaid::{analyze, offsets::Utf16Index, segment, Options};

#[derive(Debug, Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct Case {
    name: String,
    text: String,
    tokens: Option<Vec<String>>,
    words: Option<usize>,
    stopwords: Vec<String>,
    terms: Vec<String>,
    counts: BTreeMap<String, usize>,
    absent: Vec<String>,
    phrases: Vec<String>,
    kinds: BTreeMap<String, String>,
    phrase_counts: BTreeMap<String, usize>,
    ngrams: BTreeMap<String, usize>,
    top: Vec<String>,
    not_in_top: Vec<String>,
    dispersion: BTreeMap<String, f64>,
    sentences: BTreeMap<String, Vec<usize>>,
    sources: Vec<Vec<usize>>,
    source_terms: Vec<Vec<String>>,
}

fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/keywords.toml");
    let text = std::fs::read_to_string(path).expect("testdata/keywords.toml");
    toml::from_str::<File>(&text).expect("valid TOML").case
}

fn check(case: &Case) -> Vec<String> {
    let mut errors = Vec::new();
    let mut fail = |what: String| errors.push(format!("{}: {what}", case.name));
    let options = Options {
        stopwords: case.stopwords.clone(),
        ..Options::default()
    };
    let text = case.text.as_str();
    let seg = segment::segment(text);
    if let Some(expected) = &case.tokens {
        let t = Tokens::new(text, &seg.sentences);
        let got: Vec<&str> = t.tokens.iter().map(|t| &text[t.range()]).collect();
        if &got != expected {
            fail(format!("tokens {got:?}, expected {expected:?}"));
        }
    }
    let a = analyze(text, &options).expect("analysis");
    let kw = &a.keywords;
    if let Some(w) = case.words {
        if a.stats.words != w {
            fail(format!("words {}, expected {w}", a.stats.words));
        }
    }
    let term_texts: Vec<&str> = kw.terms.iter().map(|t| t.text.as_str()).collect();
    if !term_texts.starts_with(&case.terms.iter().map(String::as_str).collect::<Vec<_>>()) {
        fail(format!(
            "terms {term_texts:?}, expected to start with {:?}",
            case.terms
        ));
    }
    for (text, &n) in &case.counts {
        match kw.terms.iter().find(|t| &t.text == text) {
            Some(t) if t.count == n => {}
            Some(t) => fail(format!(
                "count of term {text:?} is {}, expected {n}",
                t.count
            )),
            None => fail(format!("no term {text:?} in {term_texts:?}")),
        }
    }
    for text in &case.absent {
        if term_texts.contains(&text.as_str()) {
            fail(format!("term {text:?} should be absent"));
        }
    }
    let phrase_texts: Vec<&str> = kw.phrases.iter().map(|p| p.text.as_str()).collect();
    if !phrase_texts.starts_with(&case.phrases.iter().map(String::as_str).collect::<Vec<_>>()) {
        fail(format!(
            "phrases {phrase_texts:?}, expected to start with {:?}",
            case.phrases
        ));
    }
    for (text, kind) in &case.kinds {
        match kw.phrases.iter().find(|p| &p.text == text) {
            Some(p) => {
                let got = serde_json::to_value(p.kind).unwrap();
                if got != kind.as_str() {
                    fail(format!("kind of {text:?} is {got}, expected {kind}"));
                }
            }
            None => fail(format!("no phrase {text:?} in {phrase_texts:?}")),
        }
    }
    for (text, &n) in &case.phrase_counts {
        match kw.phrases.iter().find(|p| &p.text == text) {
            Some(p) if p.count == n && p.spans.len() == n => {}
            Some(p) => fail(format!(
                "count of phrase {text:?} is {}, expected {n}",
                p.count
            )),
            None => fail(format!("no phrase {text:?} in {phrase_texts:?}")),
        }
    }
    for (text, &n) in &case.ngrams {
        match kw.ngrams.iter().find(|g| &g.text == text) {
            Some(g) if g.count == n => {}
            Some(g) => fail(format!(
                "count of n-gram {text:?} is {}, expected {n}",
                g.count
            )),
            None => fail(format!("no n-gram {text:?} in {:?}", kw.ngrams)),
        }
    }
    let top_texts: Vec<&str> = kw.top.iter().map(|t| t.text.as_str()).collect();
    if !top_texts.starts_with(&case.top.iter().map(String::as_str).collect::<Vec<_>>()) {
        fail(format!(
            "top {top_texts:?}, expected to start with {:?}",
            case.top
        ));
    }
    for text in &case.not_in_top {
        if top_texts.contains(&text.as_str()) {
            fail(format!("{text:?} should not be in top {top_texts:?}"));
        }
    }
    for (text, &dp) in &case.dispersion {
        match kw.terms.iter().find(|t| &t.text == text) {
            Some(t) if (t.dispersion - dp).abs() < 1e-4 => {}
            Some(t) => fail(format!(
                "dispersion of {text:?} is {}, expected {dp}",
                t.dispersion
            )),
            None => fail(format!("no term {text:?}")),
        }
    }
    for (text, s) in &case.sentences {
        match kw.terms.iter().find(|t| &t.text == text) {
            Some(t) if &t.span_sentences == s => {}
            Some(t) => fail(format!(
                "sentences of {text:?} are {:?}, expected {s:?}",
                t.span_sentences
            )),
            None => fail(format!("no term {text:?}")),
        }
    }
    if !case.sources.is_empty() {
        let index = Utf16Index::new(text);
        let lists: Vec<&[usize]> = case.sources.iter().map(Vec::as_slice).collect();
        let got = keywords::extract(
            text,
            &seg.sentences,
            &index,
            &options,
            &lists,
            Tokens::new(text, &seg.sentences),
        );
        for (i, expected) in case.source_terms.iter().enumerate() {
            let terms: Vec<&str> = got
                .keywords
                .by_source
                .iter()
                .find(|s| s.source == i)
                .map(|s| s.terms.iter().map(|t| t.text.as_str()).collect())
                .unwrap_or_default();
            if !terms.starts_with(&expected.iter().map(String::as_str).collect::<Vec<_>>()) {
                fail(format!(
                    "source {i} terms {terms:?}, expected to start with {expected:?}"
                ));
            }
        }
    }
    errors
}

#[test]
fn keyword_cases() {
    let cases = cases();
    assert!(!cases.is_empty());
    let errors: Vec<String> = cases.iter().flat_map(check).collect();
    assert!(errors.is_empty(), "\n{}", errors.join("\n"));
}

#[test]
fn spans_point_at_the_words() {
    let text = "Café owners met. The café reopened; café prices 😀 rose at the café.";
    let a = analyze(text, &Options::default()).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    let term = a.keywords.terms.iter().find(|t| t.text == "café").unwrap();
    assert_eq!(term.count, 4);
    for s in &term.spans {
        let word = String::from_utf16(&units[s.start..s.end]).unwrap();
        assert_eq!(word.to_lowercase(), "café");
    }
}

#[test]
fn no_panic_on_odd_input() {
    let long_word = "x".repeat(5000);
    let odd = [
        "",
        " ",
        "-",
        "'",
        "’s",
        "a-",
        "-a",
        "U.",
        ".U.S.",
        "1,",
        ",1",
        "\u{0}\u{1}\u{2}",
        "<p>Harbour</p> <b>bridge</b>",
        "“unbalanced quote",
        "漢字漢字漢字",
        "A-B-C-D-E-F-G-H-I-J-K-L-M-N-O-P-Q-R-S-T",
        &long_word,
    ];
    for text in odd {
        let a = analyze(text, &Options::default()).unwrap();
        for t in &a.keywords.terms {
            assert!(t.count >= 1 && t.spans.len() == t.count, "{text:?}");
        }
    }
}

#[test]
fn random_text_keeps_the_invariants() {
    // Deterministic pseudo-random texts from the characters the tokenizer treats specially.
    let pieces = [
        "a", "B", "z", "Ü", "İ", "é", "7", "0", "'", "’", "-", "‐", ".", ",", " ", " ", " ", "\n",
        "\n\n", "\"", "“", "”", "港", "口", "배", "😀", "e\u{301}", "s", "'s", "U.S.", "Mc", "of",
        "the", "Bank", "ly", "ed", "ing", "tion", "\t", "!", "?", ";", ":", "(", ")",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for round in 0..400 {
        let mut text = String::new();
        let len = 1 + round % 120;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        // Keywords alone: the other stages have their own tests.
        let seg = segment::segment(&text);
        let index = Utf16Index::new(&text);
        let all: Vec<usize> = (0..seg.sentences.len()).collect();
        let got = keywords::extract(
            &text,
            &seg.sentences,
            &index,
            &Options::default(),
            &[&all],
            Tokens::new(&text, &seg.sentences),
        );
        let units = text.encode_utf16().count();
        let kw = &got.keywords;
        let n_sentences = seg.sentences.len();
        for t in &kw.terms {
            assert_eq!(t.spans.len(), t.count, "{text:?}");
            assert_eq!(t.span_sentences.len(), t.count, "{text:?}");
            assert!(
                t.spans.iter().all(|s| s.start < s.end && s.end <= units),
                "{text:?}"
            );
            assert!(
                t.span_sentences.iter().all(|&s| s < n_sentences),
                "{text:?}"
            );
            assert!((0.0..=1.0).contains(&t.dispersion), "{text:?}");
            assert!(t.score.is_finite() && t.score > 0.0, "{text:?}");
        }
        for p in &kw.phrases {
            assert_eq!(p.spans.len(), p.count, "{text:?}");
            assert!(
                p.spans.iter().all(|s| s.start < s.end && s.end <= units),
                "{text:?}"
            );
        }
        assert!(kw.top.len() <= keywords::TOP_LEN);
    }
}
