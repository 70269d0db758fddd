//! The `whosaid` command line: the same analysis as the page, as JSON.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

use serde::{Deserialize, Serialize};
use whosaid::{analyze, Analysis, Options};

const HELP: &str = "\
whosaid: see who says what in a news text

USAGE:
    whosaid analyze FILE|-            print the analysis of one text as JSON
    whosaid analyze --jsonl           read {\"id\",\"text\"} lines on stdin, write {\"id\",\"analysis\"} lines
    whosaid segment --jsonl           read one JSON string per line, write one JSON array of sentences per line
    whosaid --json FILE               same as `whosaid analyze FILE`

OPTIONS:
    --stopwords FILE    extra stopwords, one per line
    --max-bytes N       refuse texts longer than N bytes (default 64 MiB)
    -h, --help          print this help
    -V, --version       print the version

EXIT CODES:
    0 success, 1 a text could not be read or analysed, 2 bad usage

EXAMPLES:
    whosaid analyze article.txt > article.json
    cat article.txt | whosaid analyze -
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("whosaid: {msg}\n\nRun `whosaid --help` for usage.");
            ExitCode::from(2)
        }
        Err(Failure::Run(msg)) => {
            eprintln!("whosaid: {msg}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    Run(String),
}

struct Args {
    command: String,
    jsonl: bool,
    inputs: Vec<String>,
    options: Options,
}

fn parse(args: Vec<String>) -> Result<Option<Args>, Failure> {
    let mut it = args.into_iter();
    let mut parsed = Args {
        command: String::new(),
        jsonl: false,
        inputs: Vec::new(),
        options: Options::default(),
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return Ok(None);
            }
            "-V" | "--version" => {
                println!("whosaid {}", env!("CARGO_PKG_VERSION"));
                return Ok(None);
            }
            "--jsonl" => parsed.jsonl = true,
            "--json" if parsed.command.is_empty() => parsed.command = "analyze".into(),
            "--json" => {}
            "--stopwords" => {
                let path = it
                    .next()
                    .ok_or_else(|| Failure::Usage("--stopwords needs a file".into()))?;
                let words = std::fs::read_to_string(&path)
                    .map_err(|e| Failure::Run(format!("{path}: {e}")))?;
                parsed.options.stopwords.extend(
                    words
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from),
                );
            }
            "--max-bytes" => {
                let n = it
                    .next()
                    .ok_or_else(|| Failure::Usage("--max-bytes needs a number".into()))?;
                parsed.options.max_bytes = n
                    .parse()
                    .map_err(|_| Failure::Usage(format!("--max-bytes: not a number: {n}")))?;
            }
            "analyze" | "segment" if parsed.command.is_empty() => parsed.command = a,
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            _ => parsed.inputs.push(a),
        }
    }
    if parsed.command.is_empty() {
        return Err(Failure::Usage("no command given".into()));
    }
    Ok(Some(parsed))
}

fn run(args: Vec<String>) -> Result<ExitCode, Failure> {
    let Some(args) = parse(args)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match (args.command.as_str(), args.jsonl) {
        ("analyze", true) => analyze_jsonl(&args.options, &mut out)?,
        ("segment", true) => segment_jsonl(&mut out)?,
        ("segment", false) => return Err(Failure::Usage("segment reads --jsonl on stdin".into())),
        (_, _) => {
            let [input] = args.inputs.as_slice() else {
                return Err(Failure::Usage(
                    "analyze takes one FILE (or - for stdin)".into(),
                ));
            };
            let text = read_input(input)?;
            let analysis =
                analyze(&text, &args.options).map_err(|e| Failure::Run(format!("{input}: {e}")))?;
            // Serialise fully before writing, so a failure never leaves partial JSON on stdout.
            let json = serde_json::to_string(&analysis).map_err(|e| Failure::Run(e.to_string()))?;
            writeln!(out, "{json}").map_err(io_failure)?;
        }
    }
    out.flush().map_err(io_failure)?;
    Ok(ExitCode::SUCCESS)
}

fn io_failure(e: io::Error) -> Failure {
    Failure::Run(format!("writing output: {e}"))
}

fn read_input(path: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    if path == "-" {
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Run(format!("stdin: {e}")))?;
    } else {
        let meta = std::fs::metadata(path).map_err(|e| Failure::Run(format!("{path}: {e}")))?;
        if meta.is_dir() {
            return Err(Failure::Run(format!("{path}: is a directory")));
        }
        bytes = std::fs::read(path).map_err(|e| Failure::Run(format!("{path}: {e}")))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::Run(format!(
            "{path}: not valid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

#[derive(Deserialize)]
struct JobIn {
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct JobOut<'a> {
    id: &'a serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<Analysis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// One result line per input line; a bad line gives an error object and the run goes on.
fn analyze_jsonl(options: &Options, out: &mut impl Write) -> Result<(), Failure> {
    let null = serde_json::Value::Null;
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| Failure::Run(format!("stdin line {}: {e}", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let result = match serde_json::from_str::<JobIn>(&line) {
            Ok(job) => {
                let r = analyze(&job.text, options);
                let (analysis, error) = match r {
                    Ok(a) => (Some(a), None),
                    Err(e) => (None, Some(e.to_string())),
                };
                serde_json::to_string(&JobOut {
                    id: &job.id,
                    analysis,
                    error,
                })
            }
            Err(e) => serde_json::to_string(&JobOut {
                id: &null,
                analysis: None,
                error: Some(format!("line {}: {e}", n + 1)),
            }),
        };
        writeln!(out, "{}", result.map_err(|e| Failure::Run(e.to_string()))?)
            .map_err(io_failure)?;
    }
    Ok(())
}

/// The batch form of `score_segmentation.py --batch-cmd`. Prints `sbd_time_s=<seconds>` on
/// stderr at the end: the time spent segmenting, without start-up and I/O, which the scorer's
/// `speed` command reports.
fn segment_jsonl(out: &mut impl Write) -> Result<(), Failure> {
    let mut spent = std::time::Duration::ZERO;
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| Failure::Run(format!("stdin line {}: {e}", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let text: String = serde_json::from_str(&line)
            .map_err(|e| Failure::Run(format!("line {}: {e}", n + 1)))?;
        let started = std::time::Instant::now();
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
            serde_json::to_string(&sentences).map_err(|e| Failure::Run(e.to_string()))?
        )
        .map_err(io_failure)?;
    }
    eprintln!("sbd_time_s={:.6}", spent.as_secs_f64());
    Ok(())
}
