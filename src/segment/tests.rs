//! Unit tests of the scanner; the named behaviour cases live in testdata/segment.toml.

use super::*;

fn split(text: &str) -> Vec<&str> {
    segment(text)
        .sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}

#[test]
fn simple_periods() {
    assert_eq!(
        split("Hello there. How are you?"),
        ["Hello there.", "How are you?"]
    );
}

#[test]
fn titles_and_decimals() {
    assert_eq!(
        split("Mr. Lee paid 4.5 dollars. He left."),
        ["Mr. Lee paid 4.5 dollars.", "He left."]
    );
}

#[test]
fn headline_and_byline() {
    let text = "Storm hits coast\n\nby: Ann Example 2024-01-02\n\nThe storm came. It left.";
    let seg = segment(text);
    assert_eq!(
        split(text),
        [
            "Storm hits coast",
            "by: Ann Example 2024-01-02",
            "The storm came.",
            "It left."
        ]
    );
    assert_eq!(seg.metadata.title.as_deref(), Some("Storm hits coast"));
    assert_eq!(seg.metadata.byline.as_deref(), Some("Ann Example"));
    assert_eq!(seg.metadata.date.as_deref(), Some("2024-01-02"));
    assert_eq!(seg.paragraphs, 3);
}

/// Random texts from pieces that exercise every rule: spans must stay ordered, trimmed,
/// non-empty and on character boundaries.
#[test]
fn random_texts_keep_span_invariants() {
    const PIECES: &[&str] = &[
        ".",
        "!",
        "?",
        "\n",
        "\n\n",
        " ",
        "  ",
        "”",
        "“",
        "…",
        "。",
        "！",
        "•",
        "⁃",
        ")",
        "(",
        "1",
        "12",
        "a",
        "A",
        "I",
        "é",
        "\u{a0}",
        "U.S.",
        "Mr.",
        "a.m.",
        "[",
        "]",
        "'",
        "\"",
        ":",
        ",",
        "-",
        "by ",
        "2021-06-29",
        "MOSCOW, ",
        "Jan.",
        "the ",
        "The ",
        "said ",
        "\t",
        "\r\n",
        "x@y.z",
        "no. ",
        " . . .",
        "中文",
        "said",
        "1. ",
        "b) ",
    ];
    let mut pieces = crate::testing::Pieces::new();
    for _ in 0..20_000 {
        let len = pieces.below(24);
        let text = pieces.text(PIECES, len);
        let seg = segment(&text);
        let mut last_end = 0;
        for s in &seg.sentences {
            assert!(
                s.start >= last_end && s.start < s.end && s.end <= text.len(),
                "{text:?}"
            );
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let span = &text[s.start..s.end];
            assert_eq!(span.trim(), span, "{text:?}");
            last_end = s.end;
        }
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "",
        " ",
        ".",
        "\n\n\n",
        "...",
        "“",
        "a.\u{a0}",
        "é. . .",
        ". . . .\n.\n",
        "1) 2) 3)",
        "• • •",
        "。！？",
        "<p>Hi.</p><p>There!</p>",
        "\u{0}.\u{1}?\u{2}",
    ] {
        let seg = segment(text);
        for s in &seg.sentences {
            assert!(s.start < s.end && s.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
}

/// Regression (found by `make fuzz-smoke` in CI): an ellipsis character followed by spaced dots
/// ("…. .") made the "words. . . Next" rule cut the text one byte into the "…".
#[test]
fn regression_ellipsis_char_then_spaced_dots_not_char_boundary() {
    let text = "PORT ELLIS (Wire 2020-05-01…. .\n\nNext line";
    assert_eq!(
        split(text),
        ["PORT ELLIS (Wire 2020-05-01…. .", "Next line"]
    );
}

/// The eight-byte candidate search finds exactly the candidate bytes and marks, at every
/// position of a word and in the tail.
#[test]
fn candidate_search_finds_the_candidates() {
    for c in 0..=255u8 {
        for at in 0..20 {
            let mut b = vec![b'a'; 20];
            b[at] = c;
            let expected = (c < 0x80 && CANDIDATE[c as usize]).then_some(at);
            assert_eq!(next_candidate(&b, 0), expected, "byte {c:#x} at {at}");
            assert_eq!(
                next_candidate(&b, at.min(3)),
                expected,
                "byte {c:#x} at {at}"
            );
        }
    }
    for mark in MARKS.iter().chain(&["’"]) {
        for at in 0..20 {
            let text = format!("{}’{mark}{}", "a".repeat(at), "b".repeat(20 - at));
            let expected = MARKS.contains(mark).then_some(at + 3);
            assert_eq!(next_candidate(text.as_bytes(), 0), expected, "{text}");
        }
    }
    assert_eq!(next_candidate(b"", 0), None);
    assert_eq!(next_candidate(b"ab.", 5), None);
}

#[test]
fn general_punctuation_holds_no_letter_or_digit() {
    for c in '\u{2000}'..='\u{203F}' {
        assert!(!c.is_alphanumeric(), "{c:?}");
        let mut buf = [0u8; 4];
        assert!(!has_alphanumeric(c.encode_utf8(&mut buf)));
    }
    assert!(has_alphanumeric("“’ A"));
    assert!(has_alphanumeric("“é"));
    assert!(!has_alphanumeric("“…” ."));
}
