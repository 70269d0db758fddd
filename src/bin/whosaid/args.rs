//! Command-line arguments.

use whosaid::Options;

pub const HELP: &str = "\
whosaid: see who says what in a news text

USAGE:
    whosaid analyze [OPTIONS] FILE|DIR|- ...   analyse texts (.txt, .md; .html is reduced to text)
    whosaid analyze --jsonl                    {\"id\",\"text\"} lines on stdin -> {\"id\",\"analysis\"} lines
    whosaid summary [OPTIONS] FILE|DIR|- ...   one row per document: shares, sources, keywords
    whosaid segment --jsonl                    JSON strings on stdin -> JSON arrays of sentences
    whosaid --json FILE                        same as `whosaid analyze FILE`

OPTIONS:
    -f, --format F      json | jsonl | csv | text   (analyze: json; summary: csv)
    -t, --table T       with --format csv: sentences | sources | keywords   (default sentences)
        --jsonl         read {\"id\",\"text\"} lines from stdin instead of files
        --glob PAT      in directories, take files whose name matches PAT (default: *.txt *.md *.html *.htm)
        --stopwords F   extra stopwords, one per line
        --max-bytes N   refuse texts longer than N bytes (default 64 MiB)
        --lossy         read invalid UTF-8 with replacement characters, with a warning
        --threads N     worker threads (default: all cores)
        --stats         print throughput on stderr at the end
    -h, --help          print this help
    -V, --version       print the version

EXIT CODES:
    0  every document was analysed
    1  some input could not be read or analysed (the others are still written)
    2  bad usage

EXAMPLES:
    whosaid analyze article.txt > article.json
    cat article.txt | whosaid analyze -
    whosaid analyze --format text article.txt
    whosaid analyze --format csv --table sources articles/ > sources.csv
    whosaid summary --glob '*.txt' articles/ > summary.csv
    whosaid analyze --jsonl < batch.jsonl > results.jsonl
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Analyze,
    Summary,
    Segment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Sentences,
    Sources,
    Keywords,
}

pub struct Args {
    pub command: Command,
    pub format: Format,
    pub table: Table,
    pub jsonl_input: bool,
    pub inputs: Vec<String>,
    pub glob: Option<String>,
    pub options: Options,
    pub lossy: bool,
    pub stats: bool,
    pub threads: Option<usize>,
}

/// What the command line asks for: a run, or a message to print and exit with success.
pub enum Parsed {
    Run(Box<Args>),
    Print(String),
}

/// Parses the arguments after the program name. Errors are usage messages.
pub fn parse(raw: Vec<String>) -> Result<Parsed, String> {
    let mut it = raw.into_iter();
    let mut command = None;
    let mut format = None;
    let mut table = Table::Sentences;
    let mut jsonl_input = false;
    let mut inputs = Vec::new();
    let mut glob = None;
    let mut options = Options::default();
    let mut lossy = false;
    let mut stats = false;
    let mut threads = None;
    let value = |it: &mut std::vec::IntoIter<String>, flag: &str| {
        it.next().ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => return Ok(Parsed::Print(HELP.to_string())),
            "-V" | "--version" => {
                return Ok(Parsed::Print(format!(
                    "whosaid {}\n",
                    env!("CARGO_PKG_VERSION")
                )))
            }
            "analyze" | "summary" | "segment" if command.is_none() && inputs.is_empty() => {
                command = Some(match a.as_str() {
                    "analyze" => Command::Analyze,
                    "summary" => Command::Summary,
                    _ => Command::Segment,
                })
            }
            "--json" => {
                command.get_or_insert(Command::Analyze);
                format = Some(Format::Json);
            }
            "--jsonl" => jsonl_input = true,
            "-f" | "--format" => {
                format = Some(match value(&mut it, &a)?.as_str() {
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    "csv" => Format::Csv,
                    "text" => Format::Text,
                    other => {
                        return Err(format!(
                            "--format: unknown format {other:?} (json, jsonl, csv, text)"
                        ))
                    }
                })
            }
            "-t" | "--table" => {
                table = match value(&mut it, &a)?.as_str() {
                    "sentences" => Table::Sentences,
                    "sources" => Table::Sources,
                    "keywords" => Table::Keywords,
                    other => {
                        return Err(format!(
                            "--table: unknown table {other:?} (sentences, sources, keywords)"
                        ))
                    }
                }
            }
            "--glob" => glob = Some(value(&mut it, &a)?),
            "--stopwords" => {
                let path = value(&mut it, &a)?;
                let words = std::fs::read_to_string(&path)
                    .map_err(|e| format!("--stopwords {path}: {e}"))?;
                options.stopwords.extend(
                    words
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(String::from),
                );
            }
            "--max-bytes" => {
                let n = value(&mut it, &a)?;
                options.max_bytes = n
                    .parse()
                    .map_err(|_| format!("--max-bytes: not a number: {n}"))?;
            }
            "--threads" => {
                let n = value(&mut it, &a)?;
                threads = Some(
                    n.parse()
                        .ok()
                        .filter(|&n: &usize| n > 0)
                        .ok_or_else(|| format!("--threads: not a positive number: {n}"))?,
                );
            }
            "--lossy" => lossy = true,
            "--stats" => stats = true,
            "-" => inputs.push(a),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => inputs.push(a),
        }
    }
    let command = command.ok_or("no command given (analyze, summary or segment)")?;
    let format = format.unwrap_or(match (command, jsonl_input) {
        (Command::Summary, _) => Format::Csv,
        (_, true) => Format::Jsonl,
        _ => Format::Json,
    });
    if command == Command::Segment && !jsonl_input {
        return Err("segment reads --jsonl on stdin".into());
    }
    if command == Command::Summary && !matches!(format, Format::Csv | Format::Jsonl) {
        return Err("summary writes --format csv or jsonl".into());
    }
    if jsonl_input && !inputs.is_empty() {
        return Err("--jsonl reads stdin; give no FILE".into());
    }
    if !jsonl_input && inputs.is_empty() {
        return Err("give a FILE, a directory, or - for stdin".into());
    }
    Ok(Parsed::Run(Box::new(Args {
        command,
        format,
        table,
        jsonl_input,
        inputs,
        glob,
        options,
        lossy,
        stats,
        threads,
    })))
}
