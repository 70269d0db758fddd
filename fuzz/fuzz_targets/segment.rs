//! Segmentation of any text: ordered, non-overlapping, trimmed spans on char boundaries that
//! cover every non-space character.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let seg = whosaid::segment::segment(&text);
    let mut prev = 0;
    for s in &seg.sentences {
        assert!(prev <= s.start && s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        // Everything between two sentences is space.
        assert!(text[prev..s.start].chars().all(char::is_whitespace));
        prev = s.end;
    }
    assert!(text[prev..].chars().all(char::is_whitespace));
});
