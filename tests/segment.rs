//! Runs the named cases of testdata/segment.toml and reports every failing case at once.

use serde::Deserialize;
use whosaid::segment::segment;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    sentences: Vec<String>,
    paragraphs: Option<usize>,
    metadata: Option<Metadata>,
}

/// The expected metadata: every key that is absent must be absent in the result too.
#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
struct Metadata {
    title: Option<String>,
    byline: Option<String>,
    date: Option<String>,
    dateline: Option<String>,
}

#[test]
fn segment_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/segment.toml");
    let source = std::fs::read_to_string(path).expect("testdata/segment.toml is readable");
    let cases: Cases = toml::from_str(&source).expect("testdata/segment.toml parses");
    let mut names = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for case in &cases.case {
        assert!(
            names.insert(&case.name),
            "duplicate case name: {}",
            case.name
        );
        let seg = segment(&case.text);
        let got: Vec<&str> = seg
            .sentences
            .iter()
            .map(|s| &case.text[s.start..s.end])
            .collect();
        if got != case.sentences {
            failures.push(format!(
                "{}\n    expected {:?}\n    got      {:?}",
                case.name, case.sentences, got
            ));
        }
        if let Some(p) = case.paragraphs {
            if p != seg.paragraphs {
                failures.push(format!(
                    "{}: expected {p} paragraphs, got {}",
                    case.name, seg.paragraphs
                ));
            }
        }
        if let Some(want) = &case.metadata {
            let m = &seg.metadata;
            let got = Metadata {
                title: m.title.clone(),
                byline: m.byline.clone(),
                date: m.date.clone(),
                dateline: m.dateline.clone(),
            };
            if &got != want {
                failures.push(format!(
                    "{}: metadata\n    expected {want:?}\n    got      {got:?}",
                    case.name
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} segmentation cases fail:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}
