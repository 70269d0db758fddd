//! The terms characteristic of each source: those its sentences use more often than the rest of
//! the text, ranked by log-likelihood (G²), the usual keyness statistic of corpus tools.

use super::{round, Counts, NONE, SOURCE_TERMS};
use crate::schema::{SourceKeywords, SourceTerm};

/// The best terms of one source before they are named: G², group, count in the source and in
/// the rest of the text.
pub(super) type Ranked = (usize, Vec<(f64, u32, usize, usize)>);

/// The terms each source uses more than the rest of the text, by log-likelihood (G²), best
/// first: the sources with at least one, each with its [`SOURCE_TERMS`] best. Their surface
/// forms come later ([`name`]), so that the pass that finds the spans of the ranked terms can
/// tally their forms too instead of each group's occurrences being fetched again.
pub(super) fn rank(c: &Counts, sources: &[&[usize]]) -> Vec<Ranked> {
    let n_sent = c.tokens.sentence_words.len();
    let mut owner: Vec<u32> = vec![NONE; n_sent];
    let mut source_words = vec![0u64; sources.len()];
    for (si, sentences) in sources.iter().enumerate() {
        for &s in sentences.iter() {
            if s < n_sent && owner[s] == NONE {
                owner[s] = si as u32;
                source_words[si] += c.tokens.sentence_words[s] as u64;
            }
        }
    }
    let total = c.tokens.tokens.len() as f64;
    let mut lists: Vec<Vec<(f64, u32, usize, usize)>> = vec![Vec::new(); sources.len()];
    // Counts per source for the current group, and which sources were touched, so that each
    // occurrence costs O(1) however many sources there are.
    let mut in_source = vec![0usize; sources.len()];
    let mut touched: Vec<u32> = Vec::new();
    for g in 0..c.groups.len() as u32 {
        for &s in c.sent(g) {
            let o = owner[s as usize];
            if o == NONE {
                continue;
            }
            if in_source[o as usize] == 0 {
                touched.push(o);
            }
            in_source[o as usize] += 1;
        }
        let f = c.tf(g);
        for o in touched.drain(..) {
            let a = std::mem::take(&mut in_source[o as usize]);
            let n1 = source_words[o as usize] as f64;
            let n2 = total - n1;
            let b = f - a;
            if n2 <= 0.0 || (a as f64) / n1 <= b as f64 / n2 {
                continue;
            }
            let e1 = n1 * f as f64 / total;
            let e2 = n2 * f as f64 / total;
            let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
            let g2 = 2.0 * (term(a as f64, e1) + term(b as f64, e2));
            lists[o as usize].push((g2, g, a, b));
        }
    }
    lists
        .into_iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(source, mut l)| {
            // A total order (groups differ), so selecting the best before sorting them lists
            // the same terms as sorting all, without sorting the long tail.
            let order = |x: &(f64, u32, usize, usize), y: &(f64, u32, usize, usize)| {
                y.0.total_cmp(&x.0)
                    .then(c.score[y.1 as usize].total_cmp(&c.score[x.1 as usize]))
                    .then(x.1.cmp(&y.1))
            };
            if l.len() > SOURCE_TERMS {
                l.select_nth_unstable_by(SOURCE_TERMS - 1, order);
                l.truncate(SOURCE_TERMS);
            }
            l.sort_unstable_by(order);
            (source, l)
        })
        .collect()
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
                    text: c.surface(g),
                    count: a,
                    rest: b,
                    score: round(g2),
                })
                .collect(),
        })
        .collect()
}
