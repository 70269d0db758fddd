//! How each stem group is spread over the sentences, summed up in one pass over the tokens:
//! the term score and the terms list need a group's first occurrence, the number of sentences
//! it occurs in and Gries' DP over them, not the list of its occurrences. The tokens come in
//! text order, so a group's occurrences in one sentence arrive together: each group keeps its
//! current sentence and its count there, and adds that sentence's term of the sums when the
//! next sentence begins. The terms are added in sentence order, as a walk over the group's
//! occurrences would add them, so the sums come out the same to the last bit.

use super::{counted_parts, Counts, NONE, PART_SHIFT};
use crate::keywords::round;
use crate::keywords::tokens::COUNTED;

/// The running sums of one group during the pass. Two to a cache line: the pass reads one
/// for each token.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Running {
    /// The sentence of its last occurrence; the sentinel past the last sentence before the
    /// first.
    sentence: u32,
    /// Its occurrences in that sentence.
    n: u32,
    /// Its occurrences in all.
    count: u32,
    /// The sentences it occurs in so far.
    sentences: u32,
    /// Gries' sum of |share of the occurrences - share of the words| over those sentences.
    sum: f64,
    /// The share of the words of those sentences.
    covered: f64,
}

impl Running {
    /// Adds the term of the current sentence, whose share of the words is
    /// `expected[sentence]` (nothing for the sentinel, which has no share and no occurrences).
    #[inline(always)]
    fn leave(&mut self, expected: &[f64]) {
        let before = expected.get(self.sentence as usize).copied().unwrap_or(0.0);
        self.sum += (self.n as f64 / self.count as f64 - before).abs();
    }

    /// Goes on to sentence `s`.
    #[inline(always)]
    fn enter(&mut self, s: u32, expected: &[f64]) {
        self.leave(expected);
        self.covered += expected.get(s as usize).copied().unwrap_or(0.0);
        self.sentences += 1;
        self.sentence = s;
        self.n = 0;
    }
}

impl Counts<'_> {
    /// Fills each group's [`Group::first`], [`Group::sentences`] and [`Group::dispersion`]
    /// from its [`Group::count`], in one pass over the sentences and their tokens.
    ///
    /// Tokens without a group are tallied in a spare record past the last group, dropped at
    /// the end: whether a token has a group follows no pattern a processor can predict.
    pub(super) fn spread(&mut self) {
        let n_sent = self.tokens.sentence_words.len();
        let total = self.tokens.tokens.len() as f64;
        // Each sentence's share of the words; the sentinel (before a group's first sentence)
        // has none.
        let expected: Vec<f64> = self
            .tokens
            .sentence_words
            .iter()
            .map(|&w| w as f64 / total)
            .chain([0.0])
            .collect();
        let spare = self.groups.len();
        let start = Running {
            sentence: n_sent as u32,
            n: 0,
            count: 0,
            sentences: 0,
            sum: 0.0,
            covered: 0.0,
        };
        let mut run: Vec<Running> = self
            .groups
            .iter()
            .map(|g| Running {
                count: g.count,
                ..start
            })
            .chain([start])
            .collect();
        let mut first = vec![NONE; spare + 1];
        let mut add = |g: usize, s: u32, occ: u32| {
            let r = &mut run[g];
            if r.sentence != s {
                if r.sentences == 0 {
                    first[g] = occ;
                }
                r.enter(s, &expected);
            }
            r.n += 1;
        };
        let counted = self.tokens.tokens.len().min(COUNTED);
        // The next token with counted parts (`NONE` past the last: no token has that index).
        let mut compounds = self.compounds.iter();
        let mut compound = compounds.next().map_or(NONE, |&i| i) as usize;
        let mut from = 0;
        for (s, &words) in self.tokens.sentence_words.iter().enumerate() {
            let to = (from + words as usize).min(counted);
            for (i, &g) in self.token_group[from.min(to)..to].iter().enumerate() {
                let i = from + i;
                add((g as usize).min(spare), s as u32, i as u32);
                if i != compound {
                    continue;
                }
                compound = compounds.next().map_or(NONE, |&i| i) as usize;
                let t = &self.tokens.tokens[i];
                let ty = self.info[t.ty as usize];
                for (k, g, _) in counted_parts(self.text, t, ty, &self.parts) {
                    add(g as usize, s as u32, i as u32 | (k << PART_SHIFT));
                }
            }
            from += words as usize;
        }
        for ((group, mut r), first) in self.groups.iter_mut().zip(run).zip(first) {
            if r.sentences == 0 {
                continue;
            }
            r.leave(&expected);
            group.first = first;
            group.sentences = r.sentences;
            group.dispersion = if total == 0.0 {
                0.0
            } else {
                round(0.5 * (r.sum + (1.0 - r.covered).max(0.0)))
            };
        }
    }
}
