//! Byte offsets to UTF-16 offsets.
//!
//! The core works in byte offsets of the `&str` it is given, because that is what slicing and the
//! regex crate use. JavaScript indexes strings in UTF-16 code units, so every offset in the result
//! schema is converted once, here.

/// Converts byte offsets of one text into UTF-16 code-unit offsets.
///
/// Only non-ASCII characters make the two counts differ, so the index keeps one checkpoint per
/// non-ASCII character: for ASCII text it is empty and conversion is the identity.
#[derive(Debug, Clone)]
pub struct Utf16Index {
    /// `(byte offset just after a non-ASCII char, bytes minus UTF-16 units up to there)`.
    checkpoints: Vec<(usize, usize)>,
    len: usize,
}

impl Utf16Index {
    /// Builds the index for `text` in one pass.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let mut surplus = 0usize;
            for (i, ch) in text.char_indices() {
                let bytes = ch.len_utf8();
                if bytes > 1 {
                    surplus += bytes - ch.len_utf16();
                    checkpoints.push((i + bytes, surplus));
                }
            }
        }
        Utf16Index {
            checkpoints,
            len: text.len(),
        }
    }

    /// The UTF-16 offset of byte offset `byte`, which must lie on a char boundary.
    ///
    /// Offsets past the end are clamped to the end of the text.
    pub fn at(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // Number of checkpoints at or before `byte`.
        let n = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        let surplus = if n == 0 { 0 } else { self.checkpoints[n - 1].1 };
        byte - surplus
    }

    /// Total length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.at(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let idx = Utf16Index::new("plain text");
        assert_eq!(idx.at(0), 0);
        assert_eq!(idx.at(5), 5);
        assert_eq!(idx.len_utf16(), 10);
    }

    #[test]
    fn multibyte_and_astral_chars() {
        // "é" is 2 bytes / 1 unit, "😀" is 4 bytes / 2 units, "中" is 3 bytes / 1 unit.
        let text = "aé😀中b";
        let idx = Utf16Index::new(text);
        let expect: Vec<(usize, usize)> = text
            .char_indices()
            .map(|(i, _)| (i, text[..i].encode_utf16().count()))
            .collect();
        for (byte, unit) in expect {
            assert_eq!(idx.at(byte), unit, "byte {byte}");
        }
        assert_eq!(idx.len_utf16(), text.encode_utf16().count());
    }
}
