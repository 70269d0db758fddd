//! Where documents come from: files, directories, stdin, or JSONL lines.

use std::io::{self, BufRead, Read};
use std::path::Path;

use serde_json::Value;

/// One document to analyse, or the reason it could not be read.
pub struct Doc {
    /// The file path, `-`, or the `id` of a JSONL line.
    pub id: Value,
    pub text: Result<String, String>,
    /// A problem worth telling that did not stop the analysis (e.g. `--lossy` replacements).
    pub warning: Option<String>,
    /// Whether the text is HTML to reduce first.
    pub html: bool,
}

/// The default file-name patterns taken from directories.
const DEFAULT_GLOBS: &[&str] = &["*.txt", "*.md", "*.html", "*.htm"];

/// Expands directories (recursively, in sorted order) into the files to read.
pub fn expand(inputs: &[String], glob: Option<&str>) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for input in inputs {
        let p = Path::new(input);
        if input != "-" && p.is_dir() {
            let before = out.len();
            walk(p, glob, &mut out).map_err(|e| format!("{input}: {e}"))?;
            if out.len() == before {
                return Err(format!("{input}: no matching files in this directory"));
            }
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, glob: Option<&str>, out: &mut Vec<String>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            walk(&path, glob, out)?;
        } else {
            let name = e.file_name().to_string_lossy().into_owned();
            let ok = match glob {
                Some(g) => glob_match(g, &name),
                None => DEFAULT_GLOBS.iter().any(|g| glob_match(g, &name)),
            };
            if ok {
                out.push(path.to_string_lossy().into_owned());
            }
        }
    }
    Ok(())
}

/// Shell-style matching of a file name: `*` any run, `?` one character.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // Iterative matching with one backtrack point: linear in practice, never exponential.
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn is_html(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// Reads one file (or stdin for `-`) as UTF-8.
pub fn read(path: &str, lossy: bool) -> Doc {
    let id = Value::String(path.to_string());
    let html = is_html(path);
    let bytes = if path == "-" {
        let mut b = Vec::new();
        io::stdin()
            .read_to_end(&mut b)
            .map(|_| b)
            .map_err(|e| format!("stdin: {e}"))
    } else {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Err(format!("{path}: is a directory")),
            Ok(_) => std::fs::read(path).map_err(|e| format!("{path}: {e}")),
            Err(e) => Err(format!("{path}: {e}")),
        }
    };
    let (text, warning) = match bytes {
        Err(e) => (Err(e), None),
        Ok(b) => decode(path, b, lossy),
    };
    Doc {
        id,
        text,
        warning,
        html,
    }
}

fn decode(name: &str, bytes: Vec<u8>, lossy: bool) -> (Result<String, String>, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(s) => (Ok(s), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if lossy {
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                (
                    Ok(text),
                    Some(format!(
                        "{name}: invalid UTF-8 from byte {at} replaced with U+FFFD (--lossy)"
                    )),
                )
            } else {
                (
                    Err(format!(
                        "{name}: not valid UTF-8 at byte {at} (use --lossy to replace bad bytes)"
                    )),
                    None,
                )
            }
        }
    }
}

/// Reads `{"id","text"}` lines from stdin in chunks of `chunk` documents; a bad line becomes a
/// document whose text is an error, so the run goes on.
///
/// Lines are read as bytes: a line that is not valid UTF-8 is one bad document (or is read
/// lossily under `--lossy`), not the end of the batch.
pub struct JsonlReader {
    input: io::StdinLock<'static>,
    line: Vec<u8>,
    number: usize,
    lossy: bool,
}

impl JsonlReader {
    pub fn new(lossy: bool) -> Self {
        JsonlReader {
            input: io::stdin().lock(),
            line: Vec::new(),
            number: 0,
            lossy,
        }
    }

    pub fn next_chunk(&mut self, chunk: usize) -> Result<Vec<Doc>, String> {
        let mut docs = Vec::with_capacity(chunk);
        while docs.len() < chunk {
            self.line.clear();
            let n = self
                .input
                .read_until(b'\n', &mut self.line)
                .map_err(|e| format!("stdin line {}: {e}", self.number + 1))?;
            if n == 0 {
                break;
            }
            self.number += 1;
            let bytes = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            docs.push(match std::str::from_utf8(bytes) {
                Ok(line) => parse_line(line, self.number),
                Err(e) => {
                    let at = e.valid_up_to();
                    let line = String::from_utf8_lossy(bytes);
                    let mut doc = parse_line(&line, self.number);
                    if self.lossy {
                        doc.warning = Some(format!(
                            "line {}: invalid UTF-8 from byte {at} of the line replaced with \
                             U+FFFD (--lossy)",
                            self.number
                        ));
                    } else {
                        // The id is still worth reporting when the rest of the line parses.
                        doc.text = Err(format!(
                            "line {}: not valid UTF-8 at byte {at} of the line (use --lossy to \
                             replace bad bytes)",
                            self.number
                        ));
                    }
                    doc
                }
            });
        }
        Ok(docs)
    }
}

fn parse_line(line: &str, number: usize) -> Doc {
    let bad = |msg: String| Doc {
        id: Value::Null,
        text: Err(msg),
        warning: None,
        html: false,
    };
    let v: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return bad(format!("line {number}: {e}")),
    };
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    match v.get("text").and_then(Value::as_str) {
        Some(t) => Doc {
            html: v.get("html").and_then(Value::as_bool).unwrap_or(false),
            id,
            text: Ok(t.to_string()),
            warning: None,
        },
        None => Doc {
            id,
            text: Err(format!("line {number}: no \"text\" string")),
            warning: None,
            html: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("*.txt", "a.txt"));
        assert!(!glob_match("*.txt", "a.txt.bak"));
        assert!(glob_match("wire-??.txt", "wire-07.txt"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a*b*c", "aXbXd"));
    }
}
