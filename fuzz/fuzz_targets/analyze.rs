//! Any bytes, read lossily as text, must analyse without a panic and keep the schema's promises.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = whosaid::Options { max_bytes: 1 << 20, ..Default::default() };
    let Ok(a) = whosaid::analyze(&text, &options) else { return };
    let len16 = text.encode_utf16().count();
    let mut prev = 0;
    for s in &a.sentences {
        assert!(prev <= s.start && s.start < s.end && s.end <= len16);
        prev = s.end;
        if let Some(at) = &s.attribution {
            for m in at.source.iter().chain(&at.via) {
                assert!(m.end <= len16 && m.entity.map_or(true, |e| e < a.sources.len()));
            }
        }
    }
    for src in &a.sources {
        assert!(src.sentences.iter().all(|&i| i < a.sentences.len()));
    }
});
