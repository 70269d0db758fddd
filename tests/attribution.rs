//! Runs the named cases of `testdata/attribution.toml` through `whosaid::analyze` and lists every
//! failing case with what differed.

use serde::Deserialize;
use whosaid::{analyze, Analysis, Options};

#[derive(Debug, Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    sentence: usize,
    #[serde(default = "yes")]
    attributed: bool,
    source: Option<String>,
    cue: Option<String>,
    via: Option<Vec<String>>,
    form: Option<String>,
    continued: Option<bool>,
    rule: Option<String>,
    kind: Option<String>,
    entity: Option<String>,
    #[serde(default)]
    no_source: bool,
}

fn yes() -> bool {
    true
}

fn lower<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn check(case: &Case, a: &Analysis) -> Vec<String> {
    let mut errs = Vec::new();
    let Some(s) = a.sentences.get(case.sentence) else {
        return vec![format!("no sentence {}", case.sentence)];
    };
    let Some(at) = &s.attribution else {
        if case.attributed {
            errs.push("not attributed".into());
        }
        return errs;
    };
    if !case.attributed {
        errs.push(format!("attributed by rule {}", at.rule));
        return errs;
    }
    let src = at.source.as_ref();
    let mut cmp = |what: &str, want: &Option<String>, got: Option<String>| {
        if let Some(w) = want {
            if Some(w) != got.as_ref() {
                errs.push(format!("{what}: want {w:?}, got {got:?}"));
            }
        }
    };
    cmp("source", &case.source, src.map(|m| m.text.to_string()));
    cmp(
        "cue",
        &case.cue,
        at.cue.as_ref().map(|c| c.text.to_string()),
    );
    cmp("form", &case.form, Some(lower(&at.form)));
    cmp("rule", &case.rule, Some(at.rule.to_string()));
    cmp("kind", &case.kind, src.map(|m| lower(&m.kind)));
    cmp(
        "entity",
        &case.entity,
        src.and_then(|m| m.entity)
            .and_then(|e| a.sources.get(e))
            .map(|g| g.name.clone()),
    );
    if case.no_source && src.is_some() {
        errs.push(format!("source: want none, got {:?}", src.map(|m| &m.text)));
    }
    if let Some(c) = case.continued {
        if c != at.continued {
            errs.push(format!("continued: want {c}, got {}", at.continued));
        }
    }
    if let Some(v) = &case.via {
        let got: Vec<String> = at.via.iter().map(|m| m.text.to_string()).collect();
        if *v != got {
            errs.push(format!("via: want {v:?}, got {got:?}"));
        }
    }
    errs
}

#[test]
fn attribution_cases() {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/attribution.toml"
    ))
    .expect("testdata/attribution.toml");
    let file: File = toml::from_str(&raw).expect("valid toml");
    let mut failing = Vec::new();
    for case in &file.case {
        let a = analyze(&case.text, &Options::default()).expect("analyze");
        let errs = check(case, &a);
        if !errs.is_empty() {
            failing.push(format!("{}: {}", case.name, errs.join("; ")));
        }
    }
    assert!(
        failing.is_empty(),
        "{} of {} cases fail:\n{}",
        failing.len(),
        file.case.len(),
        failing.join("\n")
    );
}

#[test]
fn hostile_inputs_do_not_panic() {
    let inputs = [
        "",
        "\"",
        "“",
        "'''",
        "said",
        ", said.",
        "According to",
        "According to ,",
        "“a” “b” said “c",
        "quoted as saying",
        "X quoted  as saying",
        "<p>He said “<b>hi</b>”</p>",
        "\u{0}\u{1}said\u{fffd}",
        "Ä said: „Ö“ – ‘ü’ «é» 「日本」said 日本語。",
    ];
    for t in inputs {
        let _ = analyze(t, &Options::default()).expect("analyze");
    }
    let long = "“He said, ‘yes, ".repeat(5000);
    let _ = analyze(&long, &Options::default()).expect("analyze");
}
