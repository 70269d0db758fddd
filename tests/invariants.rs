//! Invariants every analysis keeps, whatever the text: checked on project-written texts and on
//! random and adversarial strings (proptest).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use whosaid::{analyze, Analysis, Options};

/// Checks every structural promise of the schema for `text`.
fn check(text: &str) {
    let a = analyze(text, &Options::default()).expect("analysis");
    let units: Vec<u16> = text.encode_utf16().collect();
    let n = units.len();
    // A UTF-16 offset is valid when it does not fall between the halves of a surrogate pair.
    let on_boundary =
        |o: usize| o <= n && (o == 0 || o == n || !(0xDC00..0xE000).contains(&units[o]));
    let in_text = |s: usize, e: usize, what: &str| {
        assert!(
            s <= e && e <= n,
            "{what}: {s}..{e} outside 0..{n} in {text:?}"
        );
        assert!(
            on_boundary(s) && on_boundary(e),
            "{what}: {s}..{e} splits a surrogate pair in {text:?}"
        );
    };

    let mut prev_end = 0;
    let mut covered = vec![false; n];
    for (i, s) in a.sentences.iter().enumerate() {
        in_text(s.start, s.end, "sentence");
        assert!(s.start < s.end, "empty sentence {i} in {text:?}");
        assert!(
            s.start >= prev_end,
            "sentence {i} overlaps the previous one in {text:?}"
        );
        prev_end = s.end;
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        if let Some(at) = &s.attribution {
            let inside = |st: usize, en: usize, what: &str| {
                in_text(st, en, what);
            };
            if let Some(c) = &at.cue {
                inside(c.start, c.end, "cue");
                assert_eq!(String::from_utf16_lossy(&units[c.start..c.end]), c.text);
            }
            for m in at.source.iter().chain(&at.via) {
                inside(m.start, m.end, "mention");
                assert_eq!(String::from_utf16_lossy(&units[m.start..m.end]), m.text);
                if let Some(e) = m.entity {
                    assert!(e < a.sources.len(), "entity {e} out of range");
                }
            }
            for q in &at.quotes {
                assert!(
                    q.start >= s.start && q.end <= s.end,
                    "quote outside its sentence in {text:?}"
                );
                in_text(q.start, q.end, "quote");
            }
        }
    }
    // Every non-space character belongs to a sentence.
    for (i, ch) in char::decode_utf16(units.iter().copied()).scan(0usize, |pos, r| {
        let at = *pos;
        let ch = r.unwrap_or('\u{FFFD}');
        *pos += ch.len_utf16();
        Some((at, ch))
    }) {
        assert!(
            ch.is_whitespace() || covered[i],
            "{ch:?} at {i} is in no sentence of {text:?}"
        );
    }
    for (id, s) in a.sources.iter().enumerate() {
        assert_eq!(s.id, id);
        assert!(
            s.sentences.windows(2).all(|w| w[0] < w[1]),
            "sentences of source {id} unsorted"
        );
        assert!(s.sentences.iter().all(|&i| i < a.sentences.len()));
        assert!(s.direct_quotes <= s.sentences.len());
        assert!((0.0..=1.0 + 1e-9).contains(&s.share));
    }
    if !a.sentences.is_empty() {
        let sum = a.stats.attributed + a.stats.vague + a.stats.unattributed;
        assert!((sum - 1.0).abs() < 1e-9, "shares add up to {sum}");
    }
    assert_eq!(a.stats.sentences, a.sentences.len());
    for t in &a.keywords.terms {
        for sp in &t.spans {
            in_text(sp.start, sp.end, "term span");
        }
    }
    // Deterministic, and the JSON form round-trips.
    let again = analyze(text, &Options::default()).unwrap();
    assert_eq!(a, again, "two runs differ on {text:?}");
    let json = serde_json::to_string(&a).unwrap();
    let back: Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}

#[test]
fn project_fixtures_keep_the_invariants() {
    check(include_str!("fixtures/articles/harbour.txt"));
    check(include_str!("fixtures/articles/orchard.txt"));
    check(include_str!("fixtures/articles/library.html"));
    check("");
    check("   \n\n\t ");
    check("“Unclosed quote that runs on.\n\nNext paragraph says \"more.");
    check("市长说，桥梁将在五月重新开放。交通很拥挤！Then English follows. 😀 Emoji end.");
    check("<script>alert(1)</script> <img src=x onerror=alert(2)> said the tag.");
    check("a\rb\r\rc. D\u{0}E. \u{202e}RTL override said nobody.");
    check("e\u{301}\u{301}\u{301} combining marks said.");
}

/// Text built from pieces that exercise the rules: quotes, marks, abbreviations, scripts.
fn adversarial() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("said".to_string()),
        Just("According to".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just(". ".to_string()),
        Just("! ".to_string()),
        Just("? ".to_string()),
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just(", ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("。".to_string()),
        Just("😀".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{301}".to_string()),
        Just("مرحبا".to_string()),
        Just("Kashin".to_string()),
        Just("the ministry".to_string()),
        Just("he".to_string()),
        "[A-Za-z]{1,8}",
        " ",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_unicode_keeps_the_invariants(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn adversarial_pieces_keep_the_invariants(text in adversarial()) {
        check(&text);
    }
}
