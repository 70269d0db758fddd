//! Output formats: each document is rendered to a complete string before anything is written,
//! so a failure never leaves half a record on stdout.

use serde_json::{json, Value};
use whosaid::{Analysis, Form, Kind};

use crate::args::{Args, Command, Format, Table};

/// The header line of a CSV output, if the format has one.
pub fn csv_header(args: &Args) -> Option<String> {
    if args.format != Format::Csv {
        return None;
    }
    let cols: &[&str] = match (args.command, args.table) {
        (Command::Summary, _) => SUMMARY_COLUMNS,
        (_, Table::Sentences) => &[
            "document",
            "sentence",
            "paragraph",
            "start",
            "end",
            "text",
            "attributed",
            "source",
            "source_kind",
            "entity",
            "entity_name",
            "cue",
            "via",
            "form",
            "continued",
            "rule",
        ],
        (_, Table::Sources) => &[
            "document",
            "source",
            "name",
            "kind",
            "mentions",
            "sentences",
            "direct_quotes",
            "share",
            "descriptors",
        ],
        (_, Table::Keywords) => &["document", "rank", "text", "kind", "count", "score"],
    };
    Some(csv_row(cols.iter().map(|c| c.to_string())))
}

const SUMMARY_COLUMNS: &[&str] = &[
    "document",
    "words",
    "sentences",
    "attributed",
    "vague",
    "unattributed",
    "sources",
    "direct_quotes",
    "top_sources",
    "top_keywords",
];

/// Renders one analysed document in the chosen format.
pub fn render(args: &Args, id: &Value, text: &str, a: &Analysis, in_array: bool) -> String {
    match (args.command, args.format) {
        (Command::Summary, Format::Jsonl) => summary(id, a).to_string() + "\n",
        (Command::Summary, _) => {
            let s = summary(id, a);
            csv_row(SUMMARY_COLUMNS.iter().map(|k| {
                match &s[k] {
                    Value::String(v) => v.clone(),
                    Value::Array(items) => items
                        .iter()
                        .map(|i| match (i.get("name"), i.get("share")) {
                            (Some(n), Some(sh)) => format!(
                                "{} ({:.3})",
                                n.as_str().unwrap_or(""),
                                sh.as_f64().unwrap_or(0.0)
                            ),
                            _ => i.as_str().unwrap_or("").to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                    v => v.to_string(),
                }
            }))
        }
        (_, Format::Json) if in_array => json!({ "id": id, "analysis": a }).to_string(),
        (_, Format::Json) => serde_json::to_string(a).expect("analysis serialises"),
        (_, Format::Jsonl) => json!({ "id": id, "analysis": a }).to_string() + "\n",
        (_, Format::Csv) => csv_table(args.table, id, text, a),
        (_, Format::Text) => text_view(id, text, a, crate::cli::colour_enabled()),
    }
}

/// Renders a document that failed, where the format has a place for errors.
pub fn render_error(args: &Args, id: &Value, error: &str) -> Option<String> {
    match args.format {
        Format::Jsonl => Some(json!({ "id": id, "error": error }).to_string() + "\n"),
        Format::Json => Some(json!({ "id": id, "error": error }).to_string()),
        _ => None,
    }
}

fn id_text(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// The per-document row of `whosaid summary`.
pub fn summary(id: &Value, a: &Analysis) -> Value {
    let mut sources: Vec<&whosaid::Source> = a
        .sources
        .iter()
        .filter(|s| !s.sentences.is_empty())
        .collect();
    sources.sort_by(|x, y| y.share.total_cmp(&x.share).then(x.id.cmp(&y.id)));
    let top_sources: Vec<Value> = sources
        .iter()
        .take(5)
        .map(|s| json!({ "name": s.name, "share": round(s.share) }))
        .collect();
    let keywords: Vec<Value> = a
        .keywords
        .top
        .iter()
        .take(10)
        .map(|k| Value::String(k.text.clone()))
        .collect();
    json!({
        "document": id_text(id),
        "words": a.stats.words,
        "sentences": a.stats.sentences,
        "attributed": round(a.stats.attributed),
        "vague": round(a.stats.vague),
        "unattributed": round(a.stats.unattributed),
        "sources": sources.len(),
        "direct_quotes": a.sources.iter().map(|s| s.direct_quotes).sum::<usize>(),
        "top_sources": top_sources,
        "top_keywords": keywords,
    })
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One CSV record, RFC 4180 quoting, with spreadsheet formulas neutralised.
pub fn csv_row(cells: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet;
        // numbers such as "-0.5" are not produced by this tool, so a leading quote is safe.
        let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell != "-" {
            format!("'{cell}")
        } else {
            cell
        };
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push('\n');
    out
}

fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text
        .encode_utf16()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    String::from_utf16_lossy(&units)
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Person => "person",
        Kind::Organization => "organization",
        Kind::Media => "media",
        Kind::Document => "document",
        Kind::Vague => "vague",
        Kind::Unknown => "unknown",
    }
}

fn form_name(f: Form) -> &'static str {
    match f {
        Form::Direct => "direct",
        Form::Indirect => "indirect",
        Form::Mixed => "mixed",
    }
}

fn csv_table(table: Table, id: &Value, text: &str, a: &Analysis) -> String {
    let doc = id_text(id);
    let mut out = String::new();
    match table {
        Table::Sentences => {
            // One conversion table instead of re-encoding the text for every sentence.
            let units: Vec<u16> = text.encode_utf16().collect();
            let slice = |s: usize, e: usize| {
                String::from_utf16_lossy(&units[s.min(units.len())..e.min(units.len())])
            };
            for (i, s) in a.sentences.iter().enumerate() {
                let at = s.attribution.as_ref();
                let src = at.and_then(|x| x.source.as_ref());
                let entity = src.and_then(|m| m.entity);
                out.push_str(&csv_row(
                    [
                        doc.clone(),
                        i.to_string(),
                        s.paragraph.to_string(),
                        s.start.to_string(),
                        s.end.to_string(),
                        slice(s.start, s.end),
                        at.is_some().to_string(),
                        src.map(|m| m.text.to_string()).unwrap_or_default(),
                        src.map(|m| kind_name(m.kind).to_string())
                            .unwrap_or_default(),
                        entity.map(|e| e.to_string()).unwrap_or_default(),
                        entity
                            .and_then(|e| a.sources.get(e))
                            .map(|s| s.name.clone())
                            .unwrap_or_default(),
                        at.and_then(|x| x.cue.as_ref())
                            .map(|c| c.text.to_string())
                            .unwrap_or_default(),
                        at.map(|x| {
                            x.via
                                .iter()
                                .map(|v| v.text.as_str())
                                .collect::<Vec<_>>()
                                .join("; ")
                        })
                        .unwrap_or_default(),
                        at.map(|x| form_name(x.form).to_string())
                            .unwrap_or_default(),
                        at.map(|x| x.continued.to_string()).unwrap_or_default(),
                        at.map(|x| x.rule.to_string()).unwrap_or_default(),
                    ]
                    .into_iter(),
                ));
            }
        }
        Table::Sources => {
            for s in &a.sources {
                out.push_str(&csv_row(
                    [
                        doc.clone(),
                        s.id.to_string(),
                        s.name.clone(),
                        kind_name(s.kind).to_string(),
                        s.mentions.to_string(),
                        s.sentences.len().to_string(),
                        s.direct_quotes.to_string(),
                        format!("{:.4}", s.share),
                        s.descriptors.join("; "),
                    ]
                    .into_iter(),
                ));
            }
        }
        Table::Keywords => {
            for (rank, k) in a.keywords.top.iter().enumerate() {
                out.push_str(&csv_row(
                    [
                        doc.clone(),
                        (rank + 1).to_string(),
                        k.text.clone(),
                        k.kind.clone(),
                        k.count.to_string(),
                        format!("{:.4}", k.score),
                    ]
                    .into_iter(),
                ));
            }
        }
    }
    out
}

/// A readable terminal view: each sentence with its source underneath.
fn text_view(id: &Value, text: &str, a: &Analysis, colour: bool) -> String {
    let paint = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    let mut out = format!(
        "{}\n{} sentences, {} sources; attributed {}, vague {}, author's own voice {}\n\n",
        paint("1", &format!("== {} ==", id_text(id))),
        a.stats.sentences,
        a.sources.len(),
        pct(a.stats.attributed),
        pct(a.stats.vague),
        pct(a.stats.unattributed)
    );
    let mut paragraph = 0;
    for (i, s) in a.sentences.iter().enumerate() {
        if s.paragraph != paragraph {
            out.push('\n');
            paragraph = s.paragraph;
        }
        let body = utf16_slice(text, s.start, s.end);
        let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
        match &s.attribution {
            None => out.push_str(&format!("{:>4}  {}\n", i + 1, paint("2", &body))),
            Some(at) => {
                out.push_str(&format!("{:>4}  {}\n", i + 1, body));
                let who = match &at.source {
                    Some(m) => {
                        let name = m
                            .entity
                            .and_then(|e| a.sources.get(e))
                            .map(|s| s.name.as_str())
                            .unwrap_or(&m.text);
                        let code = if m.kind == Kind::Vague { "33" } else { "36;1" };
                        format!("{} ({})", paint(code, name), kind_name(m.kind))
                    }
                    None => paint("33", "unnamed source"),
                };
                let mut line = format!("      <- {who}");
                if let Some(c) = &at.cue {
                    line.push_str(&format!(" · cue \"{}\"", c.text));
                }
                for v in &at.via {
                    line.push_str(&format!(" · via {}", v.text));
                }
                line.push_str(&format!(" · {}", form_name(at.form)));
                if at.continued {
                    line.push_str(" · continued");
                }
                line.push_str(&format!(" · {}\n", paint("2", &at.rule)));
                out.push_str(&line);
            }
        }
    }
    out.push('\n');
    out
}
