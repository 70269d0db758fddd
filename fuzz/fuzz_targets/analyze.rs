//! Any bytes, read lossily as text, must analyse without a panic and keep the schema's promises.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = whosaid::Options { max_bytes: 1 << 20, ..Default::default() };
    let Ok(a) = whosaid::analyze(&text, &options) else { return };
    let units: Vec<u16> = text.encode_utf16().collect();
    let len16 = units.len();
    // A span is valid when it lies in the text and splits no surrogate pair.
    let boundary = |o: usize| o == 0 || o >= len16 || !(0xDC00..0xE000).contains(&units[o]);
    let span = |s: usize, e: usize| s <= e && e <= len16 && boundary(s) && boundary(e);
    let mut prev = 0;
    for s in &a.sentences {
        assert!(prev <= s.start && s.start < s.end && span(s.start, s.end));
        prev = s.end;
        if let Some(at) = &s.attribution {
            for m in at.source.iter().chain(&at.via) {
                assert!(span(m.start, m.end));
                assert!(m.entity.map_or(true, |e| e < a.sources.len()));
            }
            if let Some(c) = &at.cue {
                assert!(span(c.start, c.end));
            }
            for q in &at.quotes {
                assert!(s.start <= q.start && q.end <= s.end && span(q.start, q.end));
            }
        }
    }
    for src in &a.sources {
        assert!(src.sentences.iter().all(|&i| i < a.sentences.len()));
    }
    for t in &a.keywords.terms {
        for (sp, &si) in t.spans.iter().zip(&t.span_sentences) {
            assert!(span(sp.start, sp.end) && si < a.sentences.len());
        }
    }
    if !a.sentences.is_empty() {
        let sum = a.stats.attributed + a.stats.vague + a.stats.unattributed;
        assert!((sum - 1.0).abs() < 1e-9);
    }
});
