//! N-grams: every run of two or three adjacent content words, tallied by their stem groups.
//!
//! A text has about one n-gram occurrence per five words and most n-grams occur once, so a hash
//! table of them is large and each insertion a cache miss. Instead the occurrences are sorted by
//! key: a counting sort on the first word, then a sort of each first word's few occurrences by
//! the rest of the key. That reads and writes memory mostly in order, and leaves the occurrences
//! of every n-gram at hand, in text order, for the few that are listed.

use super::counts::{Counts, NONE};
use super::tokens::{Token, BREAK_BEFORE, SENTENCE_START};

/// An n-gram key: the stem groups of its words, `NONE` after the last.
pub(super) type GramKey = [u32; 3];

/// Words in the n-gram with key `k`.
pub(super) fn gram_len(k: &GramKey) -> usize {
    if k[2] == NONE {
        2
    } else {
        3
    }
}

/// The tally of one n-gram.
#[derive(Debug, Clone, Copy)]
pub(super) struct Gram {
    pub key: GramKey,
    /// First token of its first occurrence.
    pub first: u32,
    pub count: u32,
    /// Where its occurrences start in [`Grams::at`].
    from: u32,
    /// Counted as a name instead (see [`Grams::take`]).
    pub taken: bool,
}

/// The n-grams of a text.
pub(super) struct Grams {
    /// Each distinct n-gram, in key order.
    pub list: Vec<Gram>,
    /// The first token of every occurrence, n-gram after n-gram, each one's in text order.
    at: Vec<u32>,
}

/// Collects the n-gram occurrences, token by token, while another pass reads the tokens
/// (the name finder): one read of the tokens serves both.
pub(super) struct Runs {
    /// Content words so far in the current run, and the last two of them.
    run: usize,
    g1: u32,
    g2: u32,
    /// Each occurrence: its key and first token, in text order.
    found: Vec<(GramKey, u32)>,
}

impl Runs {
    pub fn new(c: &Counts) -> Runs {
        Runs {
            run: 0,
            g1: NONE,
            g2: NONE,
            // News has about one n-gram per five words: reserving one per four avoids copying
            // the vector as it grows.
            found: Vec::with_capacity(c.tokens.tokens.len() / 4),
        }
    }

    /// Takes token `i`, `t`, whose stem group is `g`; call it for every token in order. Every
    /// run of two or three adjacent content words is an n-gram: the one definition of one.
    #[inline]
    pub fn step(&mut self, i: usize, t: &Token, g: u32) {
        if g == NONE || t.flags & (SENTENCE_START | BREAK_BEFORE) != 0 {
            self.run = 0;
        }
        if g == NONE {
            return;
        }
        self.run += 1;
        if self.run >= 2 {
            self.found.push(([self.g1, g, NONE], i as u32 - 1));
        }
        if self.run >= 3 {
            self.found.push(([self.g2, self.g1, g], i as u32 - 2));
        }
        (self.g2, self.g1) = (self.g1, g);
    }
}

impl Grams {
    /// Tallies the n-grams found by `runs`, which has seen every token.
    pub fn new(c: &Counts, runs: Runs) -> Grams {
        let found = runs.found;

        // A stable counting sort on the first word keeps each bucket in text order.
        let mut bounds = vec![0u32; c.groups.len() + 1];
        for (k, _) in &found {
            bounds[k[0] as usize + 1] += 1;
        }
        for g in 0..c.groups.len() {
            bounds[g + 1] += bounds[g];
        }
        let mut sorted = vec![([0u32; 3], 0u32); found.len()];
        let mut next = bounds.clone();
        for &(k, i) in &found {
            let slot = &mut next[k[0] as usize];
            sorted[*slot as usize] = (k, i);
            *slot += 1;
        }
        drop(found);
        for w in bounds.windows(2) {
            let bucket = &mut sorted[w[0] as usize..w[1] as usize];
            if bucket.len() > 1 {
                // Stable: equal keys stay in text order.
                bucket.sort_by_key(|(k, _)| (k[1], k[2]));
            }
        }

        let mut list = Vec::new();
        let mut at = Vec::with_capacity(sorted.len());
        for run in sorted.chunk_by(|a, b| a.0 == b.0) {
            list.push(Gram {
                key: run[0].0,
                first: run[0].1,
                count: run.len() as u32,
                from: at.len() as u32,
                taken: false,
            });
            at.extend(run.iter().map(|&(_, i)| i));
        }
        Grams { list, at }
    }

    /// The index of the n-gram with key `k`, unless there is none or it was taken.
    pub fn take(&mut self, k: &GramKey) -> Option<usize> {
        let i = self.list.binary_search_by(|g| g.key.cmp(k)).ok()?;
        let g = &mut self.list[i];
        if g.taken {
            return None;
        }
        g.taken = true;
        Some(i)
    }

    /// The first tokens of the occurrences of n-gram `i`, in text order.
    pub fn occurrences(&self, i: usize) -> &[u32] {
        let g = &self.list[i];
        &self.at[g.from as usize..(g.from + g.count) as usize]
    }
}
