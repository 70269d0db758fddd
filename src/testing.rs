//! Helpers for the unit tests.

/// A fixed xorshift generator: the tests that throw many generated strings at a rule get the
/// same strings on every run, without a dependency.
pub(crate) struct Pieces(u64);

impl Pieces {
    /// The generator every such test starts from.
    pub(crate) fn new() -> Pieces {
        Pieces(0x2545_f491_4f6c_dd1d)
    }

    /// The next number, below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        let s = &mut self.0;
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        (*s % n as u64) as usize
    }

    /// `len` pieces of `from`, picked in turn and joined.
    pub(crate) fn text<T: AsRef<str>>(&mut self, from: &[T], len: usize) -> String {
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(from[self.below(from.len())].as_ref());
        }
        text
    }
}
