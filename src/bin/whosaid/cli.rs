//! Running the command line.
//!
//! Documents are processed in chunks: each chunk is read and analysed in parallel (rayon), then
//! written in input order. Memory is bounded by one chunk, so a JSONL stream of any length runs
//! as a map step in a pipeline.

use std::io::{self, BufRead, IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget};
use rayon::prelude::*;
use serde_json::Value;

use crate::args::{self, Args, Command, Format, Parsed};
use crate::inputs::{self, Doc};
use crate::output;

/// Documents per parallel chunk: enough to keep every core busy, few enough to bound memory.
const CHUNK: usize = 256;

/// Runs the command line and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    match args::parse(std::env::args().skip(1).collect()) {
        Err(msg) => {
            eprintln!("whosaid: {msg}\n\nRun `whosaid --help` for usage.");
            ExitCode::from(2)
        }
        Ok(Parsed::Print(s)) => {
            print!("{s}");
            ExitCode::SUCCESS
        }
        Ok(Parsed::Run(a)) => match run(&a) {
            Ok(0) => ExitCode::SUCCESS,
            Ok(_) => ExitCode::from(1),
            Err(msg) => {
                eprintln!("whosaid: {msg}");
                ExitCode::from(1)
            }
        },
    }
}

/// True when the text view should use ANSI colours.
pub fn colour_enabled() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// The result of one document, ready to write.
struct Outcome {
    rendered: Option<String>,
    error: Option<String>,
    warning: Option<String>,
    bytes: usize,
}

/// Writes outcomes in order and keeps the counts.
struct Sink<W: Write> {
    out: W,
    json_array: bool,
    /// Whether failed documents get a record in the output (JSONL, JSON arrays).
    errors_inline: bool,
    written: usize,
    failed: usize,
    docs: usize,
    bytes: usize,
}

impl<W: Write> Sink<W> {
    fn write(&mut self, o: Outcome) -> Result<(), String> {
        self.docs += 1;
        self.bytes += o.bytes;
        if let Some(w) = o.warning {
            eprintln!("whosaid: warning: {w}");
        }
        if let Some(e) = &o.error {
            self.failed += 1;
            eprintln!("whosaid: {e}");
        }
        if o.error.is_some() && !self.errors_inline {
            return Ok(());
        }
        if let Some(r) = o.rendered {
            let sep = match (self.json_array, self.written) {
                (true, 0) => "[\n",
                (true, _) => ",\n",
                _ => "",
            };
            self.out
                .write_all(sep.as_bytes())
                .and_then(|_| self.out.write_all(r.as_bytes()))
                .map_err(write_error)?;
            if !self.json_array && !r.ends_with('\n') {
                self.out.write_all(b"\n").map_err(write_error)?;
            }
            self.written += 1;
        }
        Ok(())
    }
}

fn write_error(e: io::Error) -> String {
    format!("writing output: {e}")
}

fn run(args: &Args) -> Result<usize, String> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| e.to_string())?;
    }
    if args.command == Command::Segment {
        return segment_jsonl().map(|_| 0);
    }
    let started = Instant::now();
    let stdout = io::stdout();
    let mut sink = Sink {
        out: io::BufWriter::new(stdout.lock()),
        json_array: false,
        errors_inline: false,
        written: 0,
        failed: 0,
        docs: 0,
        bytes: 0,
    };
    if let Some(h) = output::csv_header(args) {
        sink.out.write_all(h.as_bytes()).map_err(write_error)?;
    }
    let progress = if io::stderr().is_terminal() {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    let fed = feed(args, &mut sink, &progress);
    progress.finish_and_clear();
    // A JSON array is closed even when reading stopped half-way, so stdout always holds whole
    // JSON: the records written so far, then the error on stderr and a non-zero exit.
    if sink.json_array {
        let close = if sink.written == 0 { "[]\n" } else { "\n]\n" };
        sink.out.write_all(close.as_bytes()).map_err(write_error)?;
    }
    if let Err(e) = fed {
        sink.out.flush().map_err(write_error)?;
        return Err(e);
    }
    sink.out.flush().map_err(write_error)?;
    if args.stats {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "whosaid: {} documents, {:.2} MB in {:.3} s: {:.1} MB/s, {:.0} documents/s on {} threads{}",
            sink.docs,
            sink.bytes as f64 / 1e6,
            secs,
            sink.bytes as f64 / 1e6 / secs,
            sink.docs as f64 / secs,
            rayon::current_num_threads(),
            if sink.failed > 0 { format!(", {} failed", sink.failed) } else { String::new() }
        );
    }
    Ok(sink.failed)
}

/// Reads, analyses and writes every document, chunk by chunk.
fn feed<W: Write>(args: &Args, sink: &mut Sink<W>, progress: &ProgressBar) -> Result<(), String> {
    if args.jsonl_input {
        sink.json_array = args.format == Format::Json;
        sink.errors_inline = matches!(args.format, Format::Json | Format::Jsonl);
        let mut reader = inputs::JsonlReader::new(args.lossy);
        loop {
            let docs = reader.next_chunk(CHUNK)?;
            if docs.is_empty() {
                break;
            }
            progress.inc(docs.len() as u64);
            for o in analyse_all(args, docs, sink.json_array) {
                sink.write(o)?;
            }
        }
    } else {
        let paths = inputs::expand(&args.inputs, args.glob.as_deref())?;
        let many = paths.len() > 1 || args.inputs.iter().any(|i| std::path::Path::new(i).is_dir());
        sink.json_array = args.format == Format::Json && many;
        sink.errors_inline = sink.json_array || args.format == Format::Jsonl;
        progress.set_length(paths.len() as u64);
        for chunk in paths.chunks(CHUNK) {
            let docs: Vec<Doc> = chunk
                .par_iter()
                .map(|p| inputs::read(p, args.lossy))
                .collect();
            for o in analyse_all(args, docs, sink.json_array) {
                sink.write(o)?;
                progress.inc(1);
            }
        }
    }
    Ok(())
}

/// Analyses and renders a chunk in parallel, keeping input order.
/// `in_array`: JSON output is an array of `{id, analysis}` records rather than one analysis.
fn analyse_all(args: &Args, docs: Vec<Doc>, in_array: bool) -> Vec<Outcome> {
    docs.into_par_iter()
        .map(|d| {
            let id = d.id.clone();
            // Rendering runs outside the core's own guard below; a panic there must also cost
            // one document, not the batch (and not a half-written JSON array).
            std::panic::catch_unwind(AssertUnwindSafe(|| analyse_one(args, d, in_array)))
                .unwrap_or_else(|_| {
                    let error = format!("{}: internal error while writing (please report it)", {
                        match &id {
                            Value::String(s) => s.clone(),
                            v => v.to_string(),
                        }
                    });
                    Outcome {
                        rendered: output::render_error(args, &id, &error),
                        error: Some(error),
                        warning: None,
                        bytes: 0,
                    }
                })
        })
        .collect()
}

fn analyse_one(args: &Args, doc: Doc, in_array: bool) -> Outcome {
    let fail = |id: &Value, error: String, warning: Option<String>| Outcome {
        rendered: output::render_error(args, id, &error),
        error: Some(error),
        warning,
        bytes: 0,
    };
    let text = match doc.text {
        Ok(t) if doc.html => whosaid::html::to_text(&t),
        Ok(t) => t,
        Err(e) => return fail(&doc.id, e, doc.warning),
    };
    let name = match &doc.id {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    // A bug in the core must cost one document, not the batch.
    let result =
        std::panic::catch_unwind(AssertUnwindSafe(|| whosaid::analyze(&text, &args.options)));
    match result {
        Ok(Ok(a)) => Outcome {
            rendered: Some(output::render(args, &doc.id, &text, &a, in_array)),
            error: None,
            warning: doc.warning,
            bytes: text.len(),
        },
        Ok(Err(e)) => fail(&doc.id, format!("{name}: {e}"), doc.warning),
        Err(_) => fail(
            &doc.id,
            format!("{name}: internal error while analysing (please report it)"),
            doc.warning,
        ),
    }
}

/// The batch form of `score_segmentation.py --batch-cmd`: a JSON string per line in, a JSON array
/// of sentence strings per line out. Prints `sbd_time_s=<seconds>` on stderr at the end: the time
/// spent segmenting, without start-up and I/O, which the scorer's `speed` command reports.
fn segment_jsonl() -> Result<(), String> {
    let mut spent = std::time::Duration::ZERO;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| format!("stdin line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let text: String =
            serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let started = Instant::now();
        let seg = whosaid::segment::segment(&text);
        spent += started.elapsed();
        let sentences: Vec<&str> = seg
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string(&sentences).map_err(|e| e.to_string())?
        )
        .map_err(write_error)?;
    }
    out.flush().map_err(write_error)?;
    eprintln!("sbd_time_s={:.6}", spent.as_secs_f64());
    Ok(())
}
