//! Keyword extraction speed: MB/s of `keywords::extract` (tokenising, counting, ranking) on the
//! 500N-KPCrowd full-text documents when ../shared is present, else on a generated text.
//!
//! Segmentation runs once before timing, because keywords take the sentences as input.
//! `cargo bench --bench keywords [-- DOCS.jsonl]`; DOCS.jsonl holds `{"id","text"}` lines (what
//! `score_keywords.py --dump-docs` writes). Prints one `keywords:` line.

mod common;
use common::{cpu_seconds, now};

use whosaid::keywords::tokens::Tokens;
use whosaid::{keywords, offsets::Utf16Index, segment, Options};

fn load() -> (Vec<String>, String) {
    let arg = std::env::args().skip(1).find(|a| a.ends_with(".jsonl"));
    // ../shared beside the checkout, or ../../shared from a worktree one level deeper.
    let dir = ["../shared", "../../shared"]
        .iter()
        .map(|s| format!("{s}/corpora/keyphrases/500N-KPCrowd"))
        .find(|d| std::path::Path::new(d).is_dir())
        .unwrap_or_default();
    if let Some(path) = arg {
        let texts = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text")?.as_str().map(String::from))
            .collect();
        return (texts, path);
    }
    if let Ok(split) = std::fs::read_to_string(format!("{dir}/split_fulltext_450.txt")) {
        let texts: Vec<String> = split
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|id| {
                std::fs::read_to_string(format!("{dir}/docsutf8/{}.txt", id.trim())).ok()
            })
            .collect();
        if !texts.is_empty() {
            return (texts, "500N-KPCrowd full text (450 docs)".into());
        }
    }
    // A generated stand-in: sentences built from a small vocabulary, deterministic.
    let words = [
        "harbour",
        "council",
        "bridge",
        "ferry",
        "mayor",
        "budget",
        "river",
        "storm",
        "vote",
        "district",
        "school",
        "engineers",
        "Lake",
        "Tamsin",
        "Orrell",
        "repairs",
        "tolls",
    ];
    let mut state = 7u64;
    let mut texts = Vec::new();
    for _ in 0..450 {
        let mut t = String::new();
        for _ in 0..25 {
            for w in 0..14 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                if w > 0 {
                    t.push(' ');
                }
                t.push_str(words[(state >> 33) as usize % words.len()]);
            }
            t.push_str(". ");
        }
        texts.push(t);
    }
    (texts, "generated text (450 docs)".into())
}

fn main() {
    let (texts, what) = load();
    let options = Options::default();
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            (
                t.as_str(),
                segment::segment(t).sentences,
                Utf16Index::new(t),
            )
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // The median of five passes: steadier than the best on a shared machine, and fair next to
    // the single YAKE pass of scripts/bench-keywords.sh.
    let mut times = Vec::new();
    let mut words = 0;
    for _ in 0..5 {
        let start = now();
        words = 0;
        for (text, sentences, index) in &prepared {
            words += keywords::extract(
                text,
                sentences,
                index,
                &options,
                &[],
                Tokens::new(text, sentences),
            )
            .words;
        }
        times.push(now() - start);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "keywords: {:.2} MB/s ({} docs, {:.2} MB, {} words, median of 5: {:.3} s {} time) on {}",
        bytes as f64 / 1e6 / median,
        texts.len(),
        bytes as f64 / 1e6,
        words,
        median,
        if cpu_seconds().is_some() {
            "CPU"
        } else {
            "wall"
        },
        what
    );
}
