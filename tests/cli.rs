//! The `whosaid` binary: input forms, output forms and error messages.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixture(name: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name]
        .iter()
        .collect();
    p.to_string_lossy().into_owned()
}

fn whosaid(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run whosaid");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn analyze_file_prints_schema_v1() {
    let v = stdout_json(&whosaid(
        &["analyze", &fixture("articles/harbour.txt")],
        b"",
    ));
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(
        v["metadata"]["title"],
        "Harbour town votes to rebuild its old sea wall"
    );
    assert_eq!(v["metadata"]["byline"], "Mara Quell");
    assert_eq!(v["metadata"]["date"], "2024-03-14");
    for key in ["metadata", "stats", "sentences", "sources", "keywords"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["stats"]["paragraphs"], 6);
}

#[test]
fn analyze_stdin_equals_analyze_file() {
    let text = std::fs::read(fixture("articles/harbour.txt")).unwrap();
    let from_stdin = stdout_json(&whosaid(&["analyze", "-"], &text));
    let from_file = stdout_json(&whosaid(
        &["analyze", &fixture("articles/harbour.txt")],
        b"",
    ));
    assert_eq!(from_stdin, from_file);
}

#[test]
fn json_flag_is_the_scorers_form() {
    let a = stdout_json(&whosaid(&["--json", &fixture("articles/harbour.txt")], b""));
    let b = stdout_json(&whosaid(
        &["analyze", &fixture("articles/harbour.txt")],
        b"",
    ));
    assert_eq!(a, b);
}

#[test]
fn jsonl_batch_keeps_ids_and_reports_bad_lines() {
    let input = concat!(
        r#"{"id": "a", "text": "The minister said taxes would fall."}"#,
        "\n",
        "this line is not json\n",
        "\n",
        r#"{"id": 7, "text": ""}"#,
        "\n",
    );
    let out = whosaid(&["analyze", "--jsonl"], input.as_bytes());
    // One line failed, so the exit code says so; every other line was still written.
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("whosaid: line 2: "));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(
        lines[0]["analysis"]["sentences"][0]["attribution"]["cue"]["text"],
        "said"
    );
    assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2:"));
    assert_eq!(lines[2]["id"], 7);
    assert_eq!(
        lines[2]["analysis"]["sentences"].as_array().unwrap().len(),
        0
    );
}

#[test]
fn segment_jsonl_writes_sentence_arrays() {
    let out = whosaid(&["segment", "--jsonl"], b"\"One. Two.\"\n\"\"\n");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[\"One.\",\"Two.\"]\n[]\n"
    );
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = whosaid(&["analyze", "no/such/file.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("whosaid: no/such/file.txt: "), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn directory_without_texts_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("whosaid-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = whosaid(&["analyze", dir.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).ends_with("no matching files in this directory\n"));
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let path = fixture("invalid-utf8.txt");
    let out = whosaid(&["analyze", &path], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("whosaid: {path}: not valid UTF-8 at byte 31 (use --lossy to replace bad bytes)\n")
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn over_the_size_limit_is_refused() {
    let out = whosaid(
        &["analyze", "--max-bytes", "10", "-"],
        b"This text is longer than ten bytes.",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the limit"));
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(whosaid(&[], b"").status.code(), Some(2));
    assert_eq!(
        whosaid(&["analyze", "--frobnicate"], b"").status.code(),
        Some(2)
    );
    assert_eq!(whosaid(&["analyze"], b"").status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let help = whosaid(&["--help"], b"");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("whosaid analyze FILE"));
    let version = whosaid(&["--version"], b"");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout),
        format!("whosaid {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// Compares `actual` with the snapshot file `tests/snapshots/NAME`; `UPDATE_SNAPSHOTS=1` rewrites
/// the file instead (review the diff before committing).
fn snapshot(name: &str, actual: &str) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "snapshots", name]
        .iter()
        .collect();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {name}; run with UPDATE_SNAPSHOTS=1"));
    assert_eq!(
        actual, expected,
        "output differs from tests/snapshots/{name}"
    );
}

fn run_ok(args: &[&str]) -> String {
    let out = whosaid(args, b"");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs from the fixtures folder so that paths in the output are stable.
fn run_in_fixtures(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .current_dir(fixture(""))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn summary_csv_snapshot() {
    snapshot("summary.csv", &run_in_fixtures(&["summary", "articles"]));
}

#[test]
fn summary_jsonl_snapshot() {
    snapshot(
        "summary.jsonl",
        &run_in_fixtures(&["summary", "--format", "jsonl", "articles"]),
    );
}

#[test]
fn sentences_csv_snapshot() {
    snapshot(
        "harbour-sentences.csv",
        &run_in_fixtures(&["analyze", "--format", "csv", "articles/harbour.txt"]),
    );
}

#[test]
fn sources_and_keywords_csv_snapshots() {
    snapshot(
        "sources.csv",
        &run_in_fixtures(&["analyze", "-f", "csv", "-t", "sources", "articles"]),
    );
    snapshot(
        "keywords.csv",
        &run_in_fixtures(&[
            "analyze",
            "-f",
            "csv",
            "-t",
            "keywords",
            "articles/orchard.txt",
        ]),
    );
}

#[test]
fn text_view_snapshot() {
    snapshot(
        "orchard.txt.out",
        &run_in_fixtures(&["analyze", "--format", "text", "articles/orchard.txt"]),
    );
}

#[test]
fn directory_gives_a_json_array_in_path_order() {
    let v: Value = serde_json::from_str(&run_in_fixtures(&["analyze", "articles"])).unwrap();
    let items = v.as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "articles/harbour.txt",
            "articles/library.html",
            "articles/orchard.txt"
        ]
    );
    assert!(items.iter().all(|i| i["analysis"]["schemaVersion"] == 1));
}

#[test]
fn glob_filters_directory_files() {
    let out = run_in_fixtures(&[
        "analyze", "--format", "jsonl", "--glob", "*.html", "articles",
    ]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "articles/library.html");
}

#[test]
fn html_is_reduced_to_its_text() {
    let v: Value =
        serde_json::from_str(&run_in_fixtures(&["analyze", "articles/library.html"])).unwrap();
    let first = v["sentences"][0].clone();
    assert_eq!(first["start"], 0);
    // The script and style never reach the analysis.
    let csv = run_in_fixtures(&["analyze", "-f", "csv", "articles/library.html"]);
    assert!(!csv.contains("hacked") && !csv.contains("color:red"));
    assert!(csv.contains("City library extends its opening hours"));
}

#[test]
fn lossy_reads_invalid_utf8_with_a_warning() {
    let path = fixture("invalid-utf8.txt");
    let out = whosaid(&["analyze", "--lossy", &path], b"");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "whosaid: warning: {path}: invalid UTF-8 from byte 31 replaced with U+FFFD (--lossy)\n"
        )
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["stats"]["characters"], 47);
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let out = whosaid(
        &["analyze", "-f", "csv", "-"],
        b"=HYPERLINK(\"http://x\") said the cell. +1 more, wrote @someone.",
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    // The document name "-" (stdin) is no formula and stays as it is.
    assert!(csv.lines().nth(1).unwrap().starts_with("-,0,"), "{csv}");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\") said the cell."),
        "{csv}"
    );
    assert!(!csv.lines().skip(1).any(|l| l
        .split(',')
        .any(|c| c.starts_with('=') || c.starts_with('+') || c.starts_with('@'))));
}

/// The distributed recipe in the README: shard a JSONL stream, run one process per shard, and
/// concatenate. The result must equal one process over the whole stream.
#[test]
fn sharded_jsonl_equals_single_process() {
    let mut input = String::new();
    for (i, name) in ["harbour.txt", "orchard.txt", "library.html"]
        .iter()
        .cycle()
        .take(9)
        .enumerate()
    {
        let text = std::fs::read_to_string(fixture(&format!("articles/{name}"))).unwrap();
        input.push_str(&serde_json::json!({ "id": i, "text": text }).to_string());
        input.push('\n');
    }
    let whole = whosaid(&["analyze", "--jsonl"], input.as_bytes());
    assert!(whole.status.success());
    let lines: Vec<&str> = input.lines().collect();
    let mut sharded = Vec::new();
    for shard in lines.chunks(4) {
        let out = whosaid(
            &["analyze", "--jsonl", "--threads", "1"],
            (shard.join("\n") + "\n").as_bytes(),
        );
        assert!(out.status.success());
        sharded.extend(out.stdout);
    }
    assert_eq!(
        String::from_utf8(sharded).unwrap(),
        String::from_utf8(whole.stdout).unwrap()
    );
}

#[test]
fn stats_report_throughput_on_stderr() {
    let out = whosaid(
        &[
            "analyze",
            "--stats",
            "--format",
            "jsonl",
            &fixture("articles"),
        ],
        b"",
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("whosaid: 3 documents, "), "{err}");
    assert!(err.contains(" MB/s, "), "{err}");
}

#[test]
fn one_unreadable_file_does_not_stop_the_batch() {
    let out = whosaid(
        &[
            "analyze",
            "--format",
            "jsonl",
            &fixture("articles/orchard.txt"),
            "missing.txt",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["analysis"].is_object());
    assert_eq!(lines[1]["id"], "missing.txt");
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("missing.txt: "));
    let _ = run_ok(&["--version"]);
}

#[test]
fn jsonl_invalid_utf8_line_is_an_error_object_and_the_run_goes_on() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": \"bad\", \"text\": \"A broken \xff byte.\"}\n");
    input.extend_from_slice(b"{\"id\": \"good\", \"text\": \"The mayor said so.\"}\n");
    let out = whosaid(&["analyze", "--jsonl"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "whosaid: line 1: not valid UTF-8 at byte 32 of the line (use --lossy to replace bad \
         bytes)\n"
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    // The id is still read from the rest of the line.
    assert_eq!(lines[0]["id"], "bad");
    assert!(lines[0]["error"].as_str().unwrap().starts_with("line 1: "));
    assert_eq!(lines[1]["id"], "good");
    assert!(lines[1]["analysis"].is_object());
}

#[test]
fn jsonl_invalid_utf8_line_is_read_lossily_with_a_warning() {
    let input = b"{\"id\": 1, \"text\": \"A broken \xff byte.\"}\n";
    let out = whosaid(&["analyze", "--jsonl", "--lossy"], input);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "whosaid: warning: line 1: invalid UTF-8 from byte 28 of the line replaced with U+FFFD \
         (--lossy)\n"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], 1);
    assert_eq!(v["analysis"]["stats"]["characters"], 16);
}

#[test]
fn json_array_batch_is_whole_json_even_with_failures() {
    // JSONL in, one JSON array out: failed lines are error records inside the array.
    let input = "{\"id\": \"a\", \"text\": \"It rained.\"}\nnot json\n{\"id\": \"c\"}\n";
    let out = whosaid(
        &["analyze", "--jsonl", "--format", "json"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON array");
    let records = v.as_array().unwrap();
    assert_eq!(records.len(), 3);
    assert!(records[0]["analysis"].is_object());
    assert!(records[1]["error"].is_string());
    assert_eq!(records[2]["id"], "c");
    assert!(records[2]["error"].is_string());
}

#[test]
fn stdin_read_error_still_leaves_whole_json() {
    // Reading a directory as stdin fails on the first read: the array must still be closed.
    let dir = std::env::temp_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["analyze", "--jsonl", "--format", "json"])
        .stdin(std::fs::File::open(&dir).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("whosaid: stdin line 1: "), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is whole JSON");
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn a_directory_named_as_a_file_in_a_batch_is_an_error_record() {
    // A directory inside a batch is expanded; a path that is neither file nor directory fails
    // alone, and the batch's JSON array stays whole.
    let out = whosaid(
        &["analyze", &fixture("articles/orchard.txt"), "no/such/dir/"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON array");
    let records = v.as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert!(records[0]["analysis"].is_object());
    assert!(records[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("no/such/dir/: "));
}
