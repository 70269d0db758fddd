//! Byte offsets to UTF-16 offsets.
//!
//! The core works in byte offsets of the `&str` it is given, because that is what slicing and the
//! regex crate use. JavaScript indexes strings in UTF-16 code units, so every offset in the result
//! schema is converted once, here.

/// Bytes per checkpoint. A lookup scans at most this many bytes after its checkpoint.
const BLOCK: usize = 32;

/// Converts byte offsets of one text into UTF-16 code-unit offsets.
///
/// Only non-ASCII characters make the two counts differ, by their *surplus*: a 2- or 3-byte
/// character is one UTF-16 unit, a 4-byte one is two. The index keeps the surplus at every
/// `BLOCK`-th byte (32) and counts the rest of the way on each lookup. That keeps memory at four
/// bytes per 32 bytes of text (a checkpoint per character would be 16 bytes per emoji, a quarter
/// of a gigabyte for a 64 MiB text), and for ASCII text the index is empty and conversion is the
/// identity. A lookup is the hot part: the result holds an offset pair per sentence, quote and
/// keyword occurrence, so the block is short, a block that is all ASCII (most of them) needs no
/// count at all, and the others are counted eight bytes at a time.
#[derive(Debug, Clone)]
pub struct Utf16Index<'t> {
    bytes: &'t [u8],
    /// `surplus[k]`: bytes minus UTF-16 units in `bytes[..k * BLOCK]`. Empty for ASCII text.
    /// `i32` is enough: the surplus is below the length, and texts over 2 GiB are refused long
    /// before (`Options::max_bytes`); a larger text still gets in-range answers (see `at`).
    surplus: Vec<i32>,
    /// Bit `k % 64` of `ascii[k / 64]` is set when the block at `k * BLOCK` is whole and all
    /// ASCII: a lookup there needs no count (most blocks of most texts are such). Empty with
    /// `surplus`.
    ascii: Vec<u64>,
    /// Characters in the text, counted in the same pass (the result's statistics report them).
    chars: usize,
}

/// Continuation bytes (10xxxxxx) and 4-byte leads (11110xxx) in one 32-byte block, given as
/// four little-endian words: each test marks the high bit of the bytes that pass, and the marks
/// are tallied per byte (at most four per byte, so no carries) and summed across the word by one
/// multiplication.
fn block_counts(words: [u64; 4]) -> (usize, usize) {
    use crate::bytes::{HIGH, ONES as LOW};
    let (mut continuations, mut astral) = (0u64, 0u64);
    for w in words {
        // A left shift by `j` brings bit 7 - j of each byte to its bit 7 (bits shifted in from
        // the byte below land lower), so the tests stay within their byte. `lead` marks bits 7
        // and 6 set (a lead byte); a continuation has bit 7 without it; a 4-byte lead has bits
        // 5 and 4 set as well.
        let lead = w & (w << 1);
        continuations += ((w ^ lead) & HIGH) >> 7;
        astral += (lead & (lead << 2) & HIGH) >> 7;
    }
    let sum = |tally: u64| (tally.wrapping_mul(LOW) >> 56) as usize;
    (sum(continuations), sum(astral))
}

const _: () = assert!(BLOCK == 32);

/// The 32 bytes of a block as four little-endian words.
fn block_words(block: &[u8]) -> [u64; 4] {
    [0, 8, 16, 24].map(|i| crate::bytes::eight(block, i).unwrap_or(0))
}

/// Bytes minus UTF-16 units in `bytes[from..to]`, counted per byte so that it also holds for
/// ranges that cut a character: each continuation byte adds one, each 4-byte lead takes one
/// away (four bytes, two units). A range that ends just after a 4-byte lead counts minus one,
/// so the count is signed: clamping it per range would break the sum over ranges. Eight bytes
/// at a time, and an all-ASCII word (most of them) costs one test: conversions count short
/// stretches, a few words each, so a per-byte loop would cost more in its setup than in its
/// bytes.
#[inline]
fn surplus(bytes: &[u8], from: usize, to: usize) -> isize {
    use crate::bytes::{eight, padded, HIGH, ONES};
    // Marks the bytes of `w` that count (see `block_counts` for the shifts) and sums the marks
    // across the word with one multiplication.
    let count = |w: u64| {
        let continuations = (w & !(w << 1) & HIGH) >> 7;
        let astral = (w & (w << 1) & (w << 2) & (w << 3) & HIGH) >> 7;
        (continuations.wrapping_mul(ONES) >> 56) as isize
            - (astral.wrapping_mul(ONES) >> 56) as isize
    };
    let to = to.min(bytes.len());
    let mut total = 0;
    let mut i = from;
    while i + 8 <= to {
        let w = eight(bytes, i).unwrap_or(0);
        if w & HIGH != 0 {
            total += count(w);
        }
        i += 8;
    }
    if i < to {
        // The last few bytes; the zero bytes that stand in for the rest count nothing.
        let n = to - i;
        let w = match eight(bytes, i) {
            Some(w) => w & ((1 << (8 * n)) - 1),
            None => padded(&bytes[i..to]),
        };
        if w & HIGH != 0 {
            total += count(w);
        }
    }
    total
}

impl<'t> Utf16Index<'t> {
    /// Builds the index for `text` in one pass.
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::new();
        let mut ascii = Vec::new();
        // Each character has exactly one byte that is not a continuation byte.
        let mut continuations = 0;
        if !text.is_ascii() {
            checkpoints.reserve(bytes.len() / BLOCK + 1);
            ascii = vec![0u64; bytes.len() / BLOCK / 64 + 1];
            let mut total = 0isize;
            checkpoints.push(0);
            let mut blocks = bytes.chunks_exact(BLOCK);
            // The words that tell whether a block is ASCII also give its counts, so each block
            // is loaded once; the bits of 64 blocks are gathered before they are stored.
            let mut bits = 0u64;
            for (k, block) in (&mut blocks).enumerate() {
                let words = block_words(block);
                if (words[0] | words[1] | words[2] | words[3]) & crate::bytes::HIGH == 0 {
                    bits |= 1 << (k % 64);
                } else {
                    let (cont, astral) = block_counts(words);
                    continuations += cont;
                    total += cont as isize - astral as isize;
                }
                if k % 64 == 63 {
                    ascii[k / 64] = std::mem::take(&mut bits);
                }
                checkpoints.push(total as i32);
            }
            // The bits of the last, partial group of 64 blocks.
            if let Some(last) = ascii.get_mut(bytes.len() / BLOCK / 64) {
                *last |= bits;
            }
            continuations += blocks
                .remainder()
                .iter()
                .filter(|&&b| b & 0xC0 == 0x80)
                .count();
        }
        Utf16Index {
            bytes,
            surplus: checkpoints,
            ascii,
            chars: bytes.len() - continuations,
        }
    }

    /// Whether the block at `k * BLOCK` is whole and all ASCII (see `ascii`).
    #[inline]
    fn ascii_block(&self, k: usize) -> bool {
        self.ascii
            .get(k / 64)
            .is_some_and(|bits| bits >> (k % 64) & 1 == 1)
    }

    /// Number of characters (Unicode scalar values) in the text.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// The UTF-16 offset of byte offset `byte`, which must lie on a char boundary.
    ///
    /// Offsets past the end are clamped to the end of the text. An offset inside a character
    /// gives a wrong but in-range answer, never a panic.
    pub fn at(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if self.surplus.is_empty() {
            return byte;
        }
        let k = byte / BLOCK;
        let mut before = self.surplus[k] as isize;
        if !self.ascii_block(k) {
            before += surplus(self.bytes, k * BLOCK, byte);
        }
        (byte as isize - before).clamp(0, byte as isize) as usize
    }

    /// Total length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.at(self.bytes.len())
    }
}

/// Converts byte offsets, mostly taken in increasing order, to UTF-16 offsets. An offset a
/// little after the last one adds the count of the stretch between them, when that stretch is
/// shorter than the one [`Utf16Index::at`] counts from its checkpoint (the end of a word after
/// its start, the next occurrence close by); other offsets ask the index.
pub(crate) struct Utf16Cursor<'i, 't> {
    text: &'t [u8],
    index: &'i Utf16Index<'t>,
    /// The last offset converted, in bytes and in UTF-16 units.
    byte: usize,
    unit: usize,
}

impl<'i, 't> Utf16Cursor<'i, 't> {
    /// A cursor at the start of `text`, whose index is `index`.
    pub(crate) fn new(text: &'t str, index: &'i Utf16Index<'t>) -> Self {
        Utf16Cursor {
            text: text.as_bytes(),
            index,
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 offset of byte offset `byte`, a char boundary of the text.
    #[inline]
    pub(crate) fn at(&mut self, byte: usize) -> usize {
        // Most offsets lie in blocks that are all ASCII, where the checkpoint is the answer:
        // those take no count and no call.
        let k = byte / BLOCK;
        if let (true, Some(&before)) = (self.index.ascii_block(k), self.index.surplus.get(k)) {
            let unit = (byte as isize - before as isize).clamp(0, byte as isize) as usize;
            (self.byte, self.unit) = (byte, unit);
            return unit;
        }
        self.counted(byte)
    }

    /// [`Utf16Cursor::at`] where the block has characters outside ASCII, or the text has none.
    #[inline(never)]
    fn counted(&mut self, byte: usize) -> usize {
        if self.index.surplus.is_empty() {
            // An ASCII text: the offsets agree.
            return byte.min(self.text.len());
        }
        let unit = match byte.checked_sub(self.byte) {
            // A stretch from the last offset shorter than the one from the checkpoint.
            Some(gap) if gap <= byte % BLOCK && byte <= self.text.len() => {
                let units = (self.unit + gap) as isize - surplus(self.text, self.byte, byte);
                usize::try_from(units).unwrap_or_else(|_| self.index.at(byte))
            }
            _ => self.index.at(byte),
        };
        (self.byte, self.unit) = (byte, unit);
        unit
    }

    /// The UTF-16 span of bytes `start..end`.
    #[inline]
    pub(crate) fn span(&mut self, start: usize, end: usize) -> crate::schema::Span {
        crate::schema::Span {
            start: self.at(start),
            end: self.at(end),
        }
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
        assert_eq!(idx.chars(), 10);
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

    #[test]
    fn checkpoints_across_blocks_and_cut_characters() {
        // Characters of every width straddle the checkpoints at different phases.
        let text = "aé😀中".repeat(50) + "end";
        let idx = Utf16Index::new(&text);
        for (i, _) in text.char_indices() {
            assert_eq!(idx.at(i), text[..i].encode_utf16().count(), "byte {i}");
        }
        assert_eq!(idx.len_utf16(), text.encode_utf16().count());
        assert_eq!(idx.chars(), text.chars().count());
        // One entry per block, not one per character.
        assert_eq!(idx.surplus.len(), text.len() / BLOCK + 1);
        // Inside a character: in range, no panic.
        for i in 0..=text.len() + 2 {
            assert!(idx.at(i) <= idx.len_utf16());
        }
    }

    /// Regression (found by the invariant property test): a 4-byte character whose lead byte
    /// closes a block was counted one unit short, so a sentence end split its pair.
    #[test]
    fn regression_astral_char_lead_at_block_end() {
        let text = "a".repeat(63) + "😀";
        let idx = Utf16Index::new(&text);
        assert_eq!(idx.at(text.len()), 65);
        assert_eq!(idx.at(63), 63);
    }

    /// The cursor agrees with the index in order, out of order, and across long ASCII stretches.
    #[test]
    fn cursor_matches_the_index() {
        // All-ASCII blocks between and after others, entered from either side.
        let text = "aé😀中 ".repeat(20) + &"x".repeat(700) + "“end”" + &"y".repeat(70) + "é";
        let idx = Utf16Index::new(&text);
        let mut cur = Utf16Cursor::new(&text, &idx);
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &i in bounds.iter().chain(bounds.iter().rev().step_by(7)) {
            assert_eq!(cur.at(i), idx.at(i), "byte {i}");
            assert_eq!(idx.at(i), text[..i].encode_utf16().count(), "byte {i}");
        }
    }
}
