//! Reading text eight bytes at a time.
//!
//! The hot loops (sentence candidates, quotation marks, the cue scan, the tokeniser, the
//! character counts) test eight bytes at once in one `u64`, read little-endian so that the
//! first byte is the lowest. Each test leaves `0x80` in the bytes that pass, so a mask's
//! `trailing_zeros() / 8` is the first byte that passed. Only portable integer arithmetic: the
//! same code runs in wasm, which has no SIMD here.

/// `0x01` in every byte; `ONES * b` has `b` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte: the bit each test sets, and the bit of every non-ASCII byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of `bytes` from `i` as one word, when there are eight.
#[inline]
pub(crate) fn eight(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..i.checked_add(8)?)?;
    Some(padded(chunk))
}

/// Up to eight bytes as one word, zero-padded: the tail of a text shorter than a word, or a
/// short word packed as a key. Bytes past the eighth are ignored.
///
/// Two loads of a fixed width that overlap in the middle (the same bytes, so or-ing them is
/// exact), instead of a copy of unknown length, which would be a call to `memcpy`.
#[inline]
pub(crate) fn padded(chunk: &[u8]) -> u64 {
    let c = chunk.get(..8).unwrap_or(chunk);
    let n = c.len();
    let shift = |k: usize| 8 * (n - k) as u32;
    if let Ok(all) = <[u8; 8]>::try_from(c) {
        u64::from_le_bytes(all)
    } else if n >= 4 {
        let head = c.first_chunk::<4>().map_or(0, |x| u32::from_le_bytes(*x));
        let tail = c.last_chunk::<4>().map_or(0, |x| u32::from_le_bytes(*x));
        u64::from(head) | u64::from(tail) << shift(4)
    } else if n >= 2 {
        let head = c.first_chunk::<2>().map_or(0, |x| u16::from_le_bytes(*x));
        let tail = c.last_chunk::<2>().map_or(0, |x| u16::from_le_bytes(*x));
        u64::from(head) | u64::from(tail) << shift(2)
    } else {
        c.first().map_or(0, |&x| u64::from(x))
    }
}

/// The first sixteen bytes of `word` as two little-endian words, zero-padded: a short word as
/// a table key, read with [`padded`]'s loads.
#[inline]
pub(crate) fn sixteen(word: &[u8]) -> (u64, u64) {
    let word = word.get(..16).unwrap_or(word);
    let (a, b) = word.split_at(word.len().min(8));
    (padded(a), padded(b))
}

/// Per byte of `x` (every byte ASCII), `0x80` where the byte lies in `lo..=hi`. With every byte
/// below `0x80`, no sum carries into the next byte.
#[inline]
pub(crate) fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x + ONES * u64::from(0x80 - lo);
    let above_hi = x + ONES * u64::from(0x7F - hi);
    at_least_lo & !above_hi & HIGH
}

/// Per byte of `x` (every byte ASCII), `0x20` where the byte is a capital: or-ed into `x`, it
/// lower-cases every capital at once (`0x80 >> 2` is the bit that makes an ASCII capital small).
#[inline]
pub(crate) fn capitals(x: u64) -> u64 {
    in_range(x, b'A', b'Z') >> 2
}

/// The slot of `key` in a table of `slots` entries (a power of two, at least two): the top bits
/// of the key times the golden-ratio constant (multiplicative hashing), which spreads keys that
/// differ in any byte.
#[inline]
pub(crate) const fn slot(key: u64, slots: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - slots.trailing_zeros())) as usize
}

/// The width in bytes of the UTF-8 character whose first byte is `lead` (1 for a byte that
/// starts no character), read from the byte alone, without decoding.
/// Whether the character at byte `i` of `s` is white space (as `char::is_whitespace` says) and
/// its length in bytes. ASCII bytes, most of any text, are tested without decoding; a position
/// inside a character or past the end counts as one byte of space.
#[inline]
pub(crate) fn space_at(s: &str, i: usize) -> (bool, usize) {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => (matches!(b, b'\t'..=b'\r' | b' '), 1),
        _ => match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => (c.is_whitespace(), c.len_utf8()),
            None => (true, 1),
        },
    }
}

#[inline]
pub(crate) fn char_width(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// Per byte of `x`, `0x80` where the byte is `c`.
#[inline]
pub(crate) fn is_byte(x: u64, c: u8) -> u64 {
    let t = x ^ (ONES * u64::from(c));
    !(((t & !HIGH) + !HIGH) | t) & HIGH
}

/// Like [`is_byte`], for searches that want only the first match: `0x80` at the first byte of
/// `x` that is `c`, in three operations instead of five. Bytes after a match may be marked
/// falsely (the subtraction borrows through the match), bytes before it never are, so the
/// lowest mark of this mask, or of several or-ed together, is exact.
#[inline]
pub(crate) fn first_byte(x: u64, c: u8) -> u64 {
    let t = x ^ (ONES * u64::from(c));
    t.wrapping_sub(ONES) & !t & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_match_each_byte() {
        let text: Vec<u8> = (0u8..=255).collect();
        for i in 0..text.len() - 8 {
            let x = eight(&text, i).unwrap();
            for j in 0..8 {
                let b = text[i + j];
                let bit = |mask: u64| mask >> (8 * j + 7) & 1 == 1;
                assert_eq!(bit(is_byte(x, b'"')), b == b'"', "byte {b}");
                if x & HIGH == 0 {
                    assert_eq!(
                        bit(in_range(x, b'a', b'z')),
                        b.is_ascii_lowercase(),
                        "byte {b}"
                    );
                }
            }
        }
        assert_eq!(eight(&text, 250), None);
        // The first match of `first_byte` is exact, alone or or-ed with another search.
        for x in [
            0x2E2E_6162_2E0A_2200u64,
            u64::MAX,
            0,
            0x0A2E_0A2E_0A2E_0A2E,
            0x0001_0000_2E00,
        ] {
            let exact = is_byte(x, b'.') | is_byte(x, b'\n');
            let first = first_byte(x, b'.') | first_byte(x, b'\n');
            assert_eq!(first.trailing_zeros(), exact.trailing_zeros(), "{x:#x}");
        }
        assert_eq!(padded(b"ab"), u64::from(b'a') | u64::from(b'b') << 8);
    }

    /// Every length from empty to past eight packs the first eight bytes in order, zero-padded.
    #[test]
    fn padded_packs_every_length() {
        let text: Vec<u8> = (1..=12).collect();
        for n in 0..=text.len() {
            let expected = text[..n.min(8)]
                .iter()
                .enumerate()
                .fold(0u64, |w, (k, &b)| w | u64::from(b) << (8 * k));
            assert_eq!(padded(&text[..n]), expected, "length {n}");
        }
    }
}
