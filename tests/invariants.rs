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
    assert_eq!(a.stats.characters, text.chars().count());
    let share_sum: f64 = a.sources.iter().map(|s| s.share).sum();
    assert!(
        share_sum <= 1.0 + 1e-9,
        "source shares add up to {share_sum}"
    );
    // Paragraph indices never go back and stay below the paragraph count.
    assert!(a
        .sentences
        .windows(2)
        .all(|w| w[0].paragraph <= w[1].paragraph));
    if let Some(last) = a.sentences.last() {
        assert!(last.paragraph < a.stats.paragraphs.max(1));
    }
    // Sentences carry no leading or trailing space.
    for s in &a.sentences {
        let body = String::from_utf16_lossy(&units[s.start..s.end]);
        assert_eq!(body.trim(), body, "untrimmed sentence in {text:?}");
    }
    // Keyword occurrences lie inside the sentence they are listed under.
    let occurrences = a
        .keywords
        .terms
        .iter()
        .map(|t| (&t.spans, &t.span_sentences))
        .chain(
            a.keywords
                .phrases
                .iter()
                .map(|p| (&p.spans, &p.span_sentences)),
        );
    for (spans, sents) in occurrences {
        assert_eq!(spans.len(), sents.len());
        for (sp, &si) in spans.iter().zip(sents) {
            in_text(sp.start, sp.end, "keyword span");
            let s = &a.sentences[si];
            assert!(
                s.start <= sp.start && sp.end <= s.end,
                "keyword span outside sentence {si} in {text:?}"
            );
        }
    }
    for b in &a.keywords.by_source {
        assert!(b.source < a.sources.len(), "by_source index out of range");
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
    check("  ,  ’ 。 \" \r aaaAaAA Kashin the ministry \r 。 ’ \r U.S. Kashin \n\n the ministry .  \n\n ' \" said U.S. \0 the ministry Mr. .  😀");
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

/// Any characters at all, controls, unassigned code points and astral planes included.
fn any_chars() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..120).prop_map(|v| v.into_iter().collect())
}

/// Scripts and characters that break naive text handling: RTL, CJK punctuation, combining
/// marks, emoji sequences, astral letters, every kind of line break, BOM and controls.
fn scripts() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("שלום"),
        Just("قال"),
        Just("\u{200f}"),
        Just("\u{202e}"),
        Just("北京"),
        Just("。"),
        Just("！"),
        Just("「"),
        Just("」"),
        Just("\u{300}"),
        Just("a\u{301}\u{302}"),
        Just("👩‍👩‍👧"),
        Just("🇺🇦"),
        Just("𝕏"),
        Just("\r"),
        Just("\r\n"),
        Just("\u{2028}"),
        Just("\u{2029}"),
        Just("\u{85}"),
        Just("\u{feff}"),
        Just("\u{0}"),
        Just("\u{1b}"),
        Just("\t"),
        Just("\u{a0}"),
        Just(" "),
        Just(". "),
        Just("\""),
        Just("«"),
        Just("»"),
        Just("said"),
        Just("Ann Lee"),
        Just("According to"),
    ];
    prop::collection::vec(piece, 0..50).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_characters_keep_the_invariants(text in any_chars()) {
        check(&text);
    }

    #[test]
    fn scripts_and_line_breaks_keep_the_invariants(text in scripts()) {
        check(&text);
    }

    #[test]
    fn segmentation_is_ordered_on_char_boundaries(text in "(?s).{0,300}") {
        let seg = whosaid::segment::segment(&text);
        let mut prev = 0;
        for s in &seg.sentences {
            prop_assert!(prev <= s.start && s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prev = s.end;
        }
    }

    #[test]
    fn utf16_offsets_match_the_standard_library(text in any_chars()) {
        let index = whosaid::offsets::Utf16Index::new(&text);
        for (i, _) in text.char_indices() {
            prop_assert_eq!(index.at(i), text[..i].encode_utf16().count());
        }
        prop_assert_eq!(index.len_utf16(), text.encode_utf16().count());
    }

    #[test]
    fn html_reader_never_panics(text in "(<[a-z/!-]{0,8}|>|&#?[a-zA-Z0-9]{0,8};?|[^<>&]{0,5}){0,40}") {
        let out = whosaid::html::to_text(&text);
        prop_assert!(out.len() <= text.len() * 4 + 4);
    }

    #[test]
    fn random_unicode_keeps_the_invariants(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn adversarial_pieces_keep_the_invariants(text in adversarial()) {
        check(&text);
    }
}
