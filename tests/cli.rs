//! The `whosaid` binary: input forms, output forms and error messages.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn fixture(name: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name].iter().collect();
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
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn analyze_file_prints_schema_v1() {
    let v = stdout_json(&whosaid(&["analyze", &fixture("harbour.txt")], b""));
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(v["metadata"]["title"], "Harbour town votes to rebuild its old sea wall");
    assert_eq!(v["metadata"]["byline"], "Mara Quell");
    assert_eq!(v["metadata"]["date"], "2024-03-14");
    for key in ["metadata", "stats", "sentences", "sources", "keywords"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["stats"]["paragraphs"], 6);
}

#[test]
fn analyze_stdin_equals_analyze_file() {
    let text = std::fs::read(fixture("harbour.txt")).unwrap();
    let from_stdin = stdout_json(&whosaid(&["analyze", "-"], &text));
    let from_file = stdout_json(&whosaid(&["analyze", &fixture("harbour.txt")], b""));
    assert_eq!(from_stdin, from_file);
}

#[test]
fn json_flag_is_the_scorers_form() {
    let a = stdout_json(&whosaid(&["--json", &fixture("harbour.txt")], b""));
    let b = stdout_json(&whosaid(&["analyze", &fixture("harbour.txt")], b""));
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
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["analysis"]["sentences"][0]["attribution"]["cue"]["text"], "said");
    assert!(lines[1]["error"].as_str().unwrap().starts_with("line 2:"));
    assert_eq!(lines[2]["id"], 7);
    assert_eq!(lines[2]["analysis"]["sentences"].as_array().unwrap().len(), 0);
}

#[test]
fn segment_jsonl_writes_sentence_arrays() {
    let out = whosaid(&["segment", "--jsonl"], b"\"One. Two.\"\n\"\"\n");
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[\"One.\",\"Two.\"]\n[]\n");
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
fn directory_is_a_clear_error() {
    let dir = fixture("");
    let out = whosaid(&["analyze", &dir], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).ends_with("is a directory\n"));
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let path = fixture("invalid-utf8.txt");
    let out = whosaid(&["analyze", &path], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), format!("whosaid: {path}: not valid UTF-8 at byte 31\n"));
    assert!(out.stdout.is_empty());
}

#[test]
fn over_the_size_limit_is_refused() {
    let out = whosaid(&["analyze", "--max-bytes", "10", "-"], b"This text is longer than ten bytes.");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the limit"));
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(whosaid(&[], b"").status.code(), Some(2));
    assert_eq!(whosaid(&["analyze", "--frobnicate"], b"").status.code(), Some(2));
    assert_eq!(whosaid(&["analyze"], b"").status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let help = whosaid(&["--help"], b"");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("whosaid analyze FILE"));
    let version = whosaid(&["--version"], b"");
    assert_eq!(String::from_utf8_lossy(&version.stdout), format!("whosaid {}\n", env!("CARGO_PKG_VERSION")));
}
