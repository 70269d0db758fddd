//! The full analysis and each stage alone, in MB/s and sentences/s, plus input-size scaling.
//!
//! Input: the PolNeAR train texts from ../shared concatenated (about 4 MB) when present, else a
//! text this bench generates. Prints Markdown table rows; `scripts/bench.sh` gathers them.
//! Figures are medians of repeated runs in this one process. `cargo bench --bench analyze --
//! --stages` prints the stage table only; `-- --full` prints the full analysis's MB/s alone, which
//! `scripts/bench.sh` measures just before and just after each run of a peer.

mod common;
use common::{cpu_seconds, now};

use std::hint::black_box;
use std::time::Instant;

use whosaid::{analyze, attribution, keywords, offsets, quotes, segment, sources, Options};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Seconds per run of `f`, the median of enough samples to fill about `budget` seconds (at
/// least three). A sample times a batch of runs lasting at least 50 ms, because the CPU clock
/// advances in scheduler ticks. The first run warms the caches; it counts as a sample when it
/// alone took a third of the budget, so that the large scaling inputs cost three runs, not four.
fn time(budget: f64, mut f: impl FnMut()) -> f64 {
    let (wall, t) = (Instant::now(), now());
    f();
    let once = wall.elapsed().as_secs_f64().max(1e-7);
    let mut samples = Vec::new();
    if once * 3.0 >= budget {
        samples.push(now() - t);
    }
    let batch = (0.05 / once).ceil().max(1.0) as usize;
    let runs = ((budget / (once * batch as f64)) as usize).clamp(3, 25);
    while samples.len() < runs {
        let t = now();
        for _ in 0..batch {
            f();
        }
        samples.push((now() - t) / batch as f64);
    }
    median(samples)
}

/// A news-like text written by this bench: reporting verbs, quotes, names and numbers.
fn generated(bytes: usize) -> String {
    const SUBJECTS: &[&str] = &[
        "The minister",
        "Ana Ruiz, a port engineer,",
        "Officials",
        "The city council",
        "Analysts",
        "He",
        "The report",
    ];
    const VERBS: &[&str] = &[
        "said", "warned", "stated", "argued", "noted", "believes", "added",
    ];
    const CLAUSES: &[&str] = &[
        "the new bridge would open in May",
        "costs had risen by 4.5 per cent since Jan. 2023",
        "the harbour needed a higher wall",
        "talks with the U.S. delegation would resume on Monday",
        "the plan was never about politics",
    ];
    let mut out = String::with_capacity(bytes + 200);
    let mut seed = 0x2545F4914F6CDD1Du64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut i = 0usize;
    while out.len() < bytes {
        let (s, v, c) = (
            SUBJECTS[next(SUBJECTS.len())],
            VERBS[next(VERBS.len())],
            CLAUSES[next(CLAUSES.len())],
        );
        match next(4) {
            0 => out.push_str(&format!(
                "“{}{},” {} {}. ",
                &c[..1].to_uppercase(),
                &c[1..],
                s.trim_end_matches(','),
                v
            )),
            1 => out.push_str(&format!("Traffic on the coast road was slow after {c}. ")),
            _ => out.push_str(&format!("{s} {v} that {c}. ")),
        }
        i += 1;
        if i % 6 == 0 {
            out.push_str("\n\n");
        }
    }
    out
}

fn load() -> (String, &'static str) {
    // ../shared beside the main checkout, or ../../shared from a worktree one level deeper.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = ["../shared", "../../shared"]
        .iter()
        .map(|s| root.join(s).join("corpora/polnear/train/text"))
        .find(|d| d.is_dir())
        .unwrap_or_default();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let mut text = String::new();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                text.push_str(&t);
                text.push_str("\n\n");
            }
        }
        if !text.is_empty() {
            return (text, "PolNeAR train texts, concatenated");
        }
    }
    eprintln!("note: ../shared/corpora/polnear is missing; using a generated text");
    (generated(4_000_000), "generated news-like text")
}

fn main() {
    let (text, what) = load();
    let mb = text.len() as f64 / 1e6;
    let opts = Options::default();
    let n_sent = segment::segment(&text).sentences.len() as f64;
    println!("input: {what}, {:.2} MB, {} sentences", mb, n_sent);
    let clock = if cpu_seconds().is_some() {
        "CPU time of the thread"
    } else {
        "wall time"
    };
    println!("clock: {clock}, median of repeated runs");
    println!();
    println!("| stage | MB/s | sentences/s |");
    println!("|---|---:|---:|");
    let row =
        |name: &str, secs: f64| println!("| {name} | {:.1} | {:.0} |", mb / secs, n_sent / secs);

    if std::env::args().any(|a| a == "--full") {
        let secs = time(3.0, || {
            black_box(analyze(&text, &opts).unwrap());
        });
        row("full analysis", secs);
        return;
    }

    let seg = segment::segment(&text);
    let (q, dashes) = quotes::find_with_dashes(&text);
    let index = offsets::Utf16Index::new(&text);
    // The keyword tokens, which attribution reads too: cut once per analysis, and timed with
    // the keyword stage below.
    let tokens = keywords::tokens::Tokens::new(&text, &seg.sentences);
    row(
        "segment",
        time(3.0, || {
            black_box(segment::segment(black_box(&text)));
        }),
    );
    row(
        "quotes + attribute",
        time(3.0, || {
            let (q, dashes) = quotes::find_with_dashes(&text);
            black_box(attribution::attribute(
                &text,
                &seg.sentences,
                &q,
                &dashes,
                &tokens,
            ));
        }),
    );
    let _ = &q;
    // Keywords with the sources' sentence lists, as the full analysis calls it: the terms of
    // each source are part of the stage.
    let mut found = attribution::attribute(&text, &seg.sentences, &q, &dashes, &tokens);
    let groups = sources::group(&text, &seg.sentences, &mut found);
    let by_source: Vec<&[usize]> = groups.iter().map(|g| g.sentences.as_slice()).collect();
    // Grouping rewrites the attributions it is given, so each run takes a fresh copy; the
    // copy's own time is measured apart and taken off.
    let copy = time(1.0, || {
        black_box(found.clone());
    });
    let grouped = time(2.0, || {
        let mut found = found.clone();
        black_box(sources::group(&text, &seg.sentences, &mut found));
    });
    row("sources", (grouped - copy).max(1e-9));
    row(
        "keywords",
        time(3.0, || {
            black_box(keywords::extract(
                &text,
                &seg.sentences,
                &index,
                &opts,
                &by_source,
                keywords::tokens::Tokens::new(&text, &seg.sentences),
            ));
        }),
    );
    row(
        "full analysis",
        time(5.0, || {
            black_box(analyze(&text, &opts).unwrap());
        }),
    );

    // The slice `scripts/bench.sh` times textacy + spaCy on, for a ratio on the same text.
    if let Some(slice) = std::env::var_os("WHOSAID_BENCH_SLICE")
        .and_then(|p| std::fs::read_to_string(p).ok())
        .filter(|s| !s.is_empty())
    {
        let secs = time(3.0, || {
            black_box(analyze(&slice, &opts).unwrap());
        });
        let n = segment::segment(&slice).sentences.len() as f64;
        println!(
            "| full analysis, peers' slice ({:.0} KB) | {:.1} | {:.0} |",
            slice.len() as f64 / 1e3,
            slice.len() as f64 / 1e6 / secs,
            n / secs
        );
    }

    // `-- --stages` stops here: the quick check while optimising one stage.
    if std::env::args().any(|a| a == "--stages") {
        return;
    }

    // Scaling: time against input size; the exponent is the slope of log(time) over log(size).
    println!();
    println!("| input | seconds | MB/s |");
    println!("|---:|---:|---:|");
    let mut points = Vec::new();
    for size in [10_000usize, 100_000, 1_000_000, 10_000_000, 50_000_000] {
        let mut t = String::with_capacity(size + text.len());
        while t.len() < size {
            t.push_str(&text);
        }
        let cut = (0..=size.min(t.len()))
            .rev()
            .find(|&i| t.is_char_boundary(i))
            .unwrap_or(0);
        t.truncate(cut);
        let budget = if size >= 10_000_000 { 1.0 } else { 2.0 };
        let secs = time(budget, || {
            black_box(analyze(&t, &opts).unwrap());
        });
        println!(
            "| {} | {:.4} | {:.1} |",
            human(size),
            secs,
            size as f64 / 1e6 / secs
        );
        points.push(((size as f64).ln(), secs.ln()));
    }
    let n = points.len() as f64;
    let (sx, sy) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let (mx, my) = (sx / n, sy / n);
    let slope = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum::<f64>()
        / points.iter().map(|(x, _)| (x - mx).powi(2)).sum::<f64>();
    println!();
    println!("scaling exponent (10 KB to 50 MB): {slope:.3}");
}

fn human(n: usize) -> String {
    if n >= 1_000_000 {
        format!("{} MB", n / 1_000_000)
    } else {
        format!("{} KB", n / 1000)
    }
}
