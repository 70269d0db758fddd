//! N-grams: every run of two or three adjacent content words, tallied by their stem groups.
//!
//! A text has about one pair of adjacent content words per six words and most pairs occur once,
//! so a hash table of them is large and each insertion a cache miss; sorting them costs more
//! than the rest of the tally. Instead a counting sort on the first word puts each first word's
//! pairs together, in text order, and within that bucket a table indexed by the second word
//! finds the pair's tally (see [`Tally`]). A triple is two overlapping pairs and can only repeat
//! when both of them do, so only those triples are tallied, the same way, keyed by their first
//! pair and their third word. Only the n-grams seen at least twice are kept: one seen once is
//! neither a phrase nor a frequent n-gram.

use super::counts::{Counts, NONE, TOKEN_MASK};
use super::hash::FastMap;
use super::tokens::{ALL_CAPS, BREAK_BEFORE, CAPITALIZED, SENTENCE_START};
use crate::bytes::{padded, ONES};

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

/// The tally of one n-gram seen at least twice.
#[derive(Debug, Clone, Copy)]
pub(super) struct Gram {
    pub key: GramKey,
    /// First token of its first occurrence.
    pub first: u32,
    pub count: u32,
    /// Its bucket in its [`Tally`]: the first word of a pair, the first pair of a triple.
    head: u32,
    /// Counted as a name instead (see [`Grams::take`]).
    pub taken: bool,
}

/// The n-grams of a text.
pub(super) struct Grams {
    /// Each n-gram seen at least twice, pairs before triples.
    pub list: Vec<Gram>,
    /// Where each n-gram of `list` is, by key.
    index: FastMap<GramKey, u32>,
    /// Every pair occurrence in text order: its first token and the groups of its two words.
    pairs: Vec<[u32; 3]>,
    /// The pairs tallied by first word then second.
    two: Tally,
    /// Every triple occurrence whose two pairs repeat, in text order: its first pair (index in
    /// `pairs`), that pair's key (index in `two.keys`) and the group of its third word.
    threes: Vec<[u32; 3]>,
    /// Those triples tallied by first pair then third word.
    three: Tally,
}

/// What the one pass over every token collects for the n-grams and the names. The capitalised
/// words are handed to the name finder as they are found (see [`Runs::scan`]).
pub(super) struct Runs {
    /// Every pair occurrence (see [`Grams::pairs`]).
    pub pairs: Vec<[u32; 3]>,
    /// The capitalised content words with no capitalised word next to them in their run of
    /// words, which may be later mentions of a name ("Orrell"), with their groups, in text
    /// order: only the counted tokens (see `TOKEN_MASK`).
    pub lone: Vec<(u32, u32)>,
}

/// Marks a token with a stem group (a content word) in [`token_bits`]: the top bit, which no
/// token flag uses.
const CONTENT: u8 = 0x80;
// `summary` reads the flags at these bits.
const _: () =
    assert!(CAPITALIZED == 1 && ALL_CAPS == 2 && SENTENCE_START == 4 && BREAK_BEFORE == 8);

/// What [`Runs::scan`] reads of a token with flags `flags` and stem group `group`, in one
/// byte: its flags, and [`CONTENT`] when it has a group. Counting takes these while it reads
/// every token anyway, so that the scan reads a byte per token rather than the token table,
/// the largest of the analysis.
pub(super) fn token_bits(flags: u8, group: u32) -> u8 {
    flags | if group != NONE { CONTENT } else { 0 }
}

/// Whether a token with [`token_bits`] `bits` is a content word (has a stem group).
pub(super) fn is_content(bits: u8) -> bool {
    bits & CONTENT != 0
}

/// Tokens summarised by one word of bits in [`Runs::scan`]: one bit each.
const BLOCK: usize = 64;

/// The low bit of each byte of `w` as one bit, byte `k` at bit `k`: the products of the
/// multiplication that land in the top byte are exactly those bits, and nothing below carries.
fn gather(w: u64) -> u64 {
    (w & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The bits of a block of tokens by their [`token_bits`], token `j` at bit `j`: whether it is
/// capitalised (or all capitals), whether no break comes before it, and whether it is a content
/// word. Eight tokens at a time, without a branch on any of them; zero bytes pad a short block
/// (see `padded`): their tokens are neither content words nor capitalised.
fn summary(block: &[u8]) -> (u64, u64, u64) {
    let (mut capital, mut joined, mut content) = (0u64, 0u64, 0u64);
    for (k, eight) in block.chunks(8).enumerate() {
        let w = padded(eight);
        let at = 8 * k as u32;
        capital |= gather(w | w >> 1) << at;
        joined |= gather(!(w >> 2 | w >> 3)) << at;
        content |= gather(w >> 7) << at;
    }
    (capital, joined, content)
}

impl Runs {
    /// Reads every token once. Two adjacent content words with no break between them are a
    /// pair, and every run of two or three adjacent content words is an n-gram: the one
    /// definition of one. Each capitalised content word (all capitals too) is handed to
    /// `capital_at`, in text order, so that the name finder reads on from it (a capitalised
    /// word without a group starts no name).
    pub fn scan(c: &Counts, mut capital_at: impl FnMut(usize)) -> Runs {
        let (bits, groups) = (&c.token_bits, &c.token_group);
        let n = bits.len().min(groups.len());
        let bits = &bits[..n];
        // News has about one pair per six words and one capitalised word per eight.
        let mut pairs: Vec<[u32; 3]> = Vec::with_capacity(n / 4 + 1);
        // Whether a pair ends at a token, or it is capitalised, follows no pattern a processor
        // can predict: a block of tokens is first summarised without a branch, a bit per token
        // (see `summary`), and then only the tokens whose bits are set are visited.
        let mut lone: Vec<(u32, u32)> = Vec::with_capacity(n / 8 + 1);
        let counted = TOKEN_MASK as usize;
        // The last token of the block before: whether it is a content word, and capitalised.
        let (mut carry, mut carry_capital) = (0u64, 0u64);
        for (b, block) in bits.chunks(BLOCK).enumerate() {
            let (capital, joined, content) = summary(block);
            let first = b * BLOCK;
            // A pair ends at a content word after a content word, with no break between them.
            let mut ends = content & (content << 1 | carry) & joined;
            carry = content >> (BLOCK - 1);
            // A capitalised word is alone unless joined to a capitalised word before it, or a
            // capitalised word is joined to it (the token after the block is read alone).
            let len = block.len();
            let next = bits.get(first + len).map_or(0, |&t| {
                let (capital, joined, _) = summary(&[t]);
                capital & joined
            });
            let after = (capital & joined) >> 1 | next << (len - 1);
            let before = capital << 1 | carry_capital;
            carry_capital = capital >> (BLOCK - 1);
            let mut alone = capital & content & !(joined & before) & !after;
            while ends != 0 {
                let i = first + ends.trailing_zeros() as usize;
                ends &= ends - 1;
                // `i` is at least 1: the first token follows no content word.
                pairs.push([i as u32 - 1, groups[i - 1], groups[i]]);
            }
            let mut named = capital & content;
            while named != 0 {
                capital_at(first + named.trailing_zeros() as usize);
                named &= named - 1;
            }
            while alone != 0 {
                let i = first + alone.trailing_zeros() as usize;
                alone &= alone - 1;
                if i < counted {
                    lone.push((i as u32, groups[i]));
                }
            }
        }
        Runs { pairs, lone }
    }
}

impl Grams {
    /// Tallies the n-grams of the pairs found by [`Runs::scan`].
    pub fn new(c: &Counts, pairs: Vec<[u32; 3]>) -> Grams {
        // Each group's count in the current bucket, shared by both tallies (see `Tally::new`).
        let mut seen = vec![0u32; c.groups.len()];
        let two = Tally::new(&pairs, |p| (p[1], p[2]), c.groups.len(), &mut seen);
        // A triple is a pair followed by one starting on its second word; it is keyed by its
        // first pair's number among the repeated pairs.
        let threes: Vec<[u32; 3]> = pairs
            .windows(2)
            .zip(two.of.windows(2))
            .enumerate()
            .filter(|&(_, (w, of))| {
                w[1][0] == w[0][0].wrapping_add(1) && of[0] != NONE && of[1] != NONE
            })
            .map(|(k, (w, of))| [k as u32, of[0], w[1][2]])
            .collect();
        let three = Tally::new(&threes, |t| (t[1], t[2]), two.keys.len(), &mut seen);

        let token = |k: u32| pairs[k as usize][0];
        let mut list: Vec<Gram> = Vec::with_capacity(two.keys.len() + three.keys.len());
        list.extend(two.keys.iter().map(|d| Gram {
            key: [d.head, d.tail, NONE],
            first: token(d.first),
            count: d.count,
            head: d.head,
            taken: false,
        }));
        list.extend(three.keys.iter().map(|d| {
            let pair = &two.keys[d.head as usize];
            Gram {
                key: [pair.head, pair.tail, d.tail],
                first: token(threes[d.first as usize][0]),
                count: d.count,
                head: d.head,
                taken: false,
            }
        }));
        let mut index = FastMap::with_capacity_and_hasher(list.len(), Default::default());
        index.extend(list.iter().enumerate().map(|(i, g)| (g.key, i as u32)));
        Grams {
            list,
            index,
            pairs,
            two,
            threes,
            three,
        }
    }

    /// The index of the n-gram with key `k`, unless it was not seen twice or was taken.
    pub fn take(&mut self, k: &GramKey) -> Option<usize> {
        let i = *self.index.get(k)? as usize;
        let g = &mut self.list[i];
        if g.taken {
            return None;
        }
        g.taken = true;
        Some(i)
    }

    /// The first tokens of the occurrences of n-gram `i`, in text order.
    pub fn occurrences(&self, i: usize) -> Vec<u32> {
        let g = &self.list[i];
        let token = |k: u32| self.pairs[k as usize][0];
        if g.key[2] == NONE {
            self.two.bucket(g.head, g.key[1]).map(token).collect()
        } else {
            self.three
                .bucket(g.head, g.key[2])
                .map(|j| token(self.threes[j as usize][0]))
                .collect()
        }
    }
}

/// Keys of two parts, a head and a tail, tallied by distinct key without hashing or sorting.
/// Only the keys seen at least twice are kept: most keys occur once, and those need no record.
struct Tally {
    /// The occurrences with head `h` are `order[bounds[h]..bounds[h + 1]]`, in the order given:
    /// each one's tail and index among the occurrences.
    bounds: Vec<u32>,
    order: Vec<(u32, u32)>,
    /// Each key seen at least twice, head after head, in order of first occurrence within a
    /// head.
    keys: Vec<Distinct>,
    /// The repeated key of each occurrence (index in `keys`), `NONE` for a key seen once.
    of: Vec<u32>,
}

/// A repeated key of a [`Tally`].
struct Distinct {
    head: u32,
    tail: u32,
    /// Its first occurrence (index among the occurrences).
    first: u32,
    count: u32,
}

/// Marks an entry of a [`Tally`]'s `seen` table that holds a key's number, not a count.
const NUMBERED: u32 = 1 << 31;

impl Tally {
    /// Tallies the keys `key(o)` of occurrences `occ`, whose heads are below `heads` and whose
    /// tails index `seen`, which is all zeros and is left so. Within one head's bucket, a first
    /// pass counts each tail in `seen`; a second clears the tails seen once and numbers those
    /// seen twice at their first occurrence (leaving the number in `seen` for the later ones),
    /// which are cleared once the bucket is read.
    fn new<T>(occ: &[T], key: impl Fn(&T) -> (u32, u32), heads: usize, seen: &mut [u32]) -> Tally {
        // A stable counting sort on the head keeps each bucket in the order given.
        let mut bounds = vec![0u32; heads + 1];
        for o in occ {
            bounds[key(o).0 as usize + 1] += 1;
        }
        for h in 0..heads {
            bounds[h + 1] += bounds[h];
        }
        let mut order = vec![(0u32, 0u32); occ.len()];
        let mut next = bounds.clone();
        for (k, o) in occ.iter().enumerate() {
            let (h, t) = key(o);
            let slot = &mut next[h as usize];
            order[*slot as usize] = (t, k as u32);
            *slot += 1;
        }
        drop(next);

        let mut keys: Vec<Distinct> = Vec::new();
        let mut of = vec![NONE; occ.len()];
        for (h, w) in bounds.windows(2).enumerate() {
            let bucket = &order[w[0] as usize..w[1] as usize];
            // A key alone in its bucket is seen once: most buckets hold one occurrence.
            if bucket.len() < 2 {
                continue;
            }
            for &(t, _) in bucket {
                seen[t as usize] += 1;
            }
            let from = keys.len();
            for &(t, k) in bucket {
                let n = seen[t as usize];
                if n & NUMBERED != 0 {
                    of[k as usize] = n & !NUMBERED;
                } else if n >= 2 {
                    seen[t as usize] = NUMBERED | keys.len() as u32;
                    of[k as usize] = keys.len() as u32;
                    keys.push(Distinct {
                        head: h as u32,
                        tail: t,
                        first: k,
                        count: n,
                    });
                } else {
                    seen[t as usize] = 0;
                }
            }
            for d in &keys[from..] {
                seen[d.tail as usize] = 0;
            }
        }
        Tally {
            bounds,
            order,
            keys,
            of,
        }
    }

    /// The occurrences (indices among the occurrences, in the order given) of the key `head`,
    /// `tail`.
    fn bucket(&self, head: u32, tail: u32) -> impl Iterator<Item = u32> + '_ {
        let (a, b) = (
            self.bounds[head as usize] as usize,
            self.bounds[head as usize + 1] as usize,
        );
        self.order[a..b]
            .iter()
            .filter(move |&&(t, _)| t == tail)
            .map(|&(_, k)| k)
    }
}
