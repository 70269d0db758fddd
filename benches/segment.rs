//! Segmenter throughput: `cargo bench --bench segment [-- --write-text PATH]`.
//!
//! The text is the PolNeAR train articles concatenated (from the shared data folder, found via
//! `WHOSAID_SHARED`, `../shared` or `../../shared`), or a generated news-like text when they are
//! absent. Prints the median MB/s of several runs on one core. `--write-text PATH` also saves the
//! text, so that other segmenters can be timed on exactly the same input
//! (`scripts/bench-segment.sh`).

use std::path::{Path, PathBuf};
use std::time::Instant;

const RUNS: usize = 15;

fn shared_dir() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("WHOSAID_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain([manifest.join("../shared"), manifest.join("../../shared")])
        .find(|d| d.join("corpora").is_dir())
}

/// The PolNeAR train texts joined by blank lines, when present.
fn polnear_text() -> Option<String> {
    let dir = shared_dir()?.join("corpora/polnear/train/text");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut text = String::new();
    for p in paths {
        if let Ok(t) = std::fs::read_to_string(&p) {
            text.push_str(t.trim());
            text.push_str("\n\n\n");
        }
    }
    (!text.is_empty()).then_some(text)
}

/// A deterministic news-like text of about 8 MB with the constructs the segmenter inspects.
fn generated_text() -> String {
    let paragraphs = [
        "Officials in the capital said on Tuesday that the plan, first proposed by Sen. Ana Ruiz in Jan. 2021, would cost $4.5 billion. \"We will not wait,\" the mayor said. Critics disagreed.",
        "The U.S. Senate voted 52-48 at 10 a.m. Wednesday. It was the third vote this year... Nobody expected the result (a narrow win) to hold.",
        "“Why now?” asked one analyst at J.P. Morgan. Details are at https://example.org/report.pdf. Write to press@example.org for comment.",
        "Key points:\n• Prices rose 0.4% in May\n• Rents climbed again\n1. Release the data.\n2. Fund the audit.",
        "外交部表示将采取措施。发言人没有透露细节。 The ministry said: “我们不会让步。” The statement was brief!",
    ];
    let mut text = String::new();
    let mut i = 0usize;
    while text.len() < 8_000_000 {
        text.push_str(paragraphs[i % paragraphs.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    text
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let write_to = args
        .iter()
        .position(|a| a == "--write-text")
        .and_then(|i| args.get(i + 1));
    let (text, what) = match polnear_text() {
        Some(t) => (t, "PolNeAR train texts concatenated"),
        None => (generated_text(), "generated news-like text"),
    };
    if let Some(path) = write_to {
        std::fs::write(path, &text).expect("cannot write the bench text");
    }
    let mb = text.len() as f64 / 1e6;
    let mut sentences = 0;
    let mut rates = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let seg = whosaid::segment::segment(std::hint::black_box(&text));
        let secs = t.elapsed().as_secs_f64();
        sentences = std::hint::black_box(seg.sentences.len());
        rates.push(mb / secs);
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[RUNS / 2];
    println!("text: {what}, {mb:.2} MB, {sentences} sentences");
    println!(
        "segment: median {median:.1} MB/s over {RUNS} runs (min {:.1}, max {:.1})",
        rates[0],
        rates[RUNS - 1]
    );
}
