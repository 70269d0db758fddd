//! The terms characteristic of each source: those its sentences use more often than the rest of
//! the text, ranked by log-likelihood (G²), the usual keyness statistic of corpus tools.

use super::{round, Counts, SmallLogs, SOURCE_TERMS};
use crate::schema::{SourceKeywords, SourceTerm};

/// The best terms of one source before they are named: G², group, count in the source and in
/// the rest of the text.
pub(super) type Ranked = (usize, Vec<Candidate>);

/// One term of a source: G², group, count in the source and in the rest of the text.
type Candidate = (f64, u32, usize, usize);

/// The terms each source uses more than the rest of the text, by log-likelihood (G²), best
/// first: the sources with at least one, each with its [`SOURCE_TERMS`] best. Their surface
/// forms come later ([`name`]), so that the pass that finds the spans of the ranked terms can
/// tally their forms too instead of each group's occurrences being fetched again. `logs` holds
/// the logarithms of the counts up to the largest.
pub(super) fn rank(c: &Counts, sources: &[&[usize]], logs: &SmallLogs) -> Vec<Ranked> {
    let n_sent = c.tokens.sentence_words.len();
    // The sentences of no source belong to a spare source past the last, whose counts are
    // dropped (see below).
    let spare = sources.len();
    let mut owner: Vec<u32> = vec![spare as u32; n_sent];
    let mut source_words = vec![0u64; sources.len() + 1];
    for (si, sentences) in sources.iter().enumerate() {
        for &s in sentences.iter() {
            if s < n_sent && owner[s] as usize == spare {
                owner[s] = si as u32;
                source_words[si] += c.tokens.sentence_words[s] as u64;
            }
        }
    }
    let total = c.tokens.tokens.len() as f64;
    // ln(total / source words), and the logarithms of the counts: a term found `a` times in a
    // source, `f` times in all, scores at most `2 a (ceiling + ln a - ln f)` (see below), so
    // once the source's list is full most terms need no logarithm of their own.
    let mut at: Vec<Source> = source_words
        .iter()
        .map(|&n1| Source {
            words: n1 as f64,
            ceiling: if n1 > 0 {
                (total / n1 as f64).ln()
            } else {
                0.0
            },
            worst: 0.0,
            count: 0,
            listed: 0,
        })
        .collect();
    // A total order (groups differ), so keeping the best few while going lists the same terms
    // as sorting all candidates. The scores are only compared on a tie of G².
    let order = |x: &Candidate, y: &Candidate| {
        y.0.total_cmp(&x.0)
            .then_with(|| c.score[y.1 as usize].total_cmp(&c.score[x.1 as usize]))
            .then(x.1.cmp(&y.1))
    };
    // Each source's best terms so far, best first: the first `listed` of `lists[o]`. Fixed
    // arrays side by side, as thousands of sources each growing a vector of their own cost
    // more allocations than the ranking.
    let mut lists: Vec<[Candidate; SOURCE_TERMS]> =
        vec![[(0.0, 0, 0, 0); SOURCE_TERMS]; sources.len()];
    // Counts per source for the current group, and which sources were touched, so that each
    // occurrence costs O(1) however many sources there are. Whether a sentence has a source,
    // and whether the source is met for the first time in the group, follow no pattern: each
    // occurrence counts, the spare source too, and writes its source to the touched list,
    // which keeps it only at its first (one slot more than the sources takes the writes after
    // the last).
    let mut touched = vec![0u32; sources.len() + 2];
    for g in rarest_first(c) {
        let mut n = 0;
        for &s in c.sent(g) {
            let o = owner[s as usize] as usize;
            touched[n] = o as u32;
            let source = &mut at[o];
            n += usize::from(source.count == 0);
            source.count += 1;
        }
        at[spare].count = 0;
        let f = c.tf(g);
        for &o in &touched[..n] {
            if o as usize == spare {
                continue;
            }
            let source = &mut at[o as usize];
            let a = std::mem::take(&mut source.count) as usize;
            let n1 = source.words;
            let n2 = total - n1;
            let b = f - a;
            if n2 <= 0.0 || (a as f64) / n1 <= b as f64 / n2 {
                continue;
            }
            // The source's term is a ln(a total / (n1 f)); the rest's is at most 0, as the
            // rest uses the term less than expected (the test above). A term whose bound is
            // below the worst listed one cannot enter the list; the margins cover rounding.
            let e1 = n1 * f as f64 / total;
            let e2 = n2 * f as f64 / total;
            let full = source.listed as usize == SOURCE_TERMS;
            if full {
                // The rest's term, b ln(b / e2), is at most b (b / e2 - 1), as ln x <= x - 1.
                let own = 2.0 * a as f64 * (source.ceiling + logs.ln(a) - logs.ln(f));
                let rest = 2.0 * b as f64 * (b as f64 / e2 - 1.0);
                let bound = own + rest;
                let margin = 1e-9 * (own.abs() + rest.abs()) + 1e-9;
                if bound + margin < source.worst {
                    continue;
                }
            }
            let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
            let g2 = 2.0 * (term(a as f64, e1) + term(b as f64, e2));
            let candidate = (g2, g, a, b);
            // Inserted from the end, dropping the worst of a full list.
            let list = &mut lists[o as usize];
            let mut k = (source.listed as usize).min(SOURCE_TERMS - 1);
            if full && order(&list[k], &candidate).is_lt() {
                continue;
            }
            while k > 0 && order(&candidate, &list[k - 1]).is_lt() {
                list[k] = list[k - 1];
                k -= 1;
            }
            list[k] = candidate;
            source.listed = (source.listed + 1).min(SOURCE_TERMS as u32);
            source.worst = list[SOURCE_TERMS - 1].0;
        }
    }
    lists
        .iter()
        .zip(&at)
        .enumerate()
        .filter(|(_, (_, source))| source.listed > 0)
        .map(|(o, (list, source))| (o, list[..source.listed as usize].to_vec()))
        .collect()
}

/// What [`rank`] reads of a source for each term it meets there, kept together (two sources to
/// a cache line) rather than in one array per field: thousands of sources are met in no order,
/// and each term of one would otherwise miss the cache once per field.
#[derive(Clone, Copy)]
struct Source {
    /// Words in its sentences.
    words: f64,
    /// ln(total words / its words).
    ceiling: f64,
    /// The G² of the last term of its list, once the list is full.
    worst: f64,
    /// Occurrences of the current group in its sentences.
    count: u32,
    /// Terms in its list.
    listed: u32,
}

/// The groups by ascending count (a counting sort). A source's use of a rare word scores
/// higher than the same use of a frequent one, so taking the rare words first fills each
/// source's list with its best terms early, and the bound in [`rank`] then turns most frequent
/// words away before their G² is computed or they displace a listed term. The lists are the
/// best few under a total order, so the order the groups come in does not change them.
fn rarest_first(c: &Counts) -> Vec<u32> {
    let groups = c.groups.len() as u32;
    let most = (0..groups).map(|g| c.tf(g)).max().unwrap_or(0);
    let mut at = vec![0u32; most + 2];
    for g in 0..groups {
        at[c.tf(g) + 1] += 1;
    }
    for k in 1..at.len() {
        at[k] += at[k - 1];
    }
    let mut order = vec![0u32; groups as usize];
    for g in 0..groups {
        let slot = &mut at[c.tf(g)];
        order[*slot as usize] = g;
        *slot += 1;
    }
    order
}

/// The groups whose surface forms [`name`] will ask for.
pub(super) fn groups(ranked: &[Ranked]) -> Vec<u32> {
    ranked
        .iter()
        .flat_map(|(_, l)| l.iter().map(|t| t.1))
        .collect()
}

/// The lists of [`rank`] with the surface forms of their terms.
pub(super) fn name(c: &Counts, ranked: Vec<Ranked>) -> Vec<SourceKeywords> {
    ranked
        .into_iter()
        .map(|(source, l)| SourceKeywords {
            source,
            terms: l
                .into_iter()
                .map(|(g2, g, a, b)| SourceTerm {
                    text: c.with_surface(g, |s: &str| s.into()),
                    count: a,
                    rest: b,
                    score: round(g2),
                })
                .collect(),
        })
        .collect()
}
