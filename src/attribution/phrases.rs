//! Multi-word cues found by one scan over the words of a sentence: relay words ("according
//! to"), "quoted … as saying", "as X put it", vague and passive cues ("reportedly", "is said
//! to"), and noun cues ("comments from", "accusations that", "X's statement that").
//!
//! The cue verbs themselves are found by the same kind of scan ([`cue_verbs`]), and two small
//! anchored or pre-filtered patterns recognise speaker labels and signatures.
//!
//! A word scan with table lookups instead of one regular expression: the `regex` crate without
//! its `perf` features runs a large alternation with captures through its slowest engine, which
//! made this the slowest stage of the pipeline by far.

use std::sync::OnceLock;

use regex::Regex;

use super::scan::Words;

/// Cue verbs in `body`: byte spans (relative to `body`) of every lower-case word that is an
/// inflection of a cue verb, extended by a particle ("called for", "pointed out"). A word scan
/// with a table lookup: the `regex` crate without its `perf` features would run a thousand-word
/// alternation through its slowest engine.
pub(super) fn cue_verbs<'b>(
    body: &'b str,
    words: &'b Words,
) -> impl Iterator<Item = (usize, usize, crate::cues::Form)> + 'b {
    // Only the words shaped like one can be cue verb forms.
    let mut spans = words.verbs.iter().map(|&k| words.spans[k]);
    std::iter::from_fn(move || {
        for (start, end) in spans.by_ref() {
            // Cue forms are lower-case ASCII ([`crate::cues::cue_form`] checks).
            let word = &body[start..end];
            if let Some(form) = crate::cues::cue_form(word) {
                let lemma = form.lemma;
                let mut e = end;
                for particle in [" for", " out", " on"] {
                    if body[end..].starts_with(particle)
                        && !body[end + particle.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_alphanumeric() || c == '_')
                    {
                        // "commented on the plan", but "said on Monday": "on" is a particle
                        // only of a few verbs, and never before a day or a date.
                        let after = body[end + particle.len()..].trim_start();
                        let dated = after
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
                        if particle == " on"
                            && (dated || !matches!(lemma, "comment" | "remark" | "insist" | "call"))
                        {
                            break;
                        }
                        e = end + particle.len();
                        break;
                    }
                }
                return Some((start, e, form));
            }
        }
        None
    })
}

/// "TRUMP: …" / "Sen. Jane Roe: …" at the start of a sentence: a speaker label. Returns the
/// byte span of the name (relative to `body`): one to three capitalised words, each followed by
/// one whitespace character, then a colon and whitespace. A hand-written scan, because this runs
/// on every sentence and a capturing pattern would cost more than the rest of the sentence.
pub(super) fn speaker_label(body: &str) -> Option<(usize, usize)> {
    let bytes = body.as_bytes();
    let start = if body.starts_with('"') {
        1
    } else if body.starts_with('“') {
        '“'.len_utf8()
    } else {
        0
    };
    let mut i = start;
    for word in 0..3 {
        // A word: a capital, then letters, full stops, apostrophes and hyphens.
        if !bytes.get(i).is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        i += 1;
        loop {
            let rest = &body[i..];
            if rest.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '.' | '\'' | '-'))
            {
                i += 1;
            } else if rest.starts_with('’') {
                i += '’'.len_utf8();
            } else {
                break;
            }
        }
        let rest = &body[i..];
        if let Some(after) = rest.strip_prefix(':') {
            return after.starts_with(char::is_whitespace).then_some((start, i));
        }
        // One whitespace character before the next word.
        let ws = rest.chars().next().filter(|c| c.is_whitespace())?;
        if word == 2 {
            return None;
        }
        i += ws.len_utf8();
    }
    None
}

/// "― Jane Roe “…”" (a reader's comment) or "— Jane Roe (@jroe) May 2" (an embedded post): a
/// dash, a name, then a quotation or a handle.
pub(super) fn signature_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"[―—]\s*((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*)\s*(?:\(@\w+\)|[“"])"#)
            .expect("signature pattern")
    })
}

/// The first match of [`signature_re`] in `body`, whose first long dash is at `dash` (from
/// [`Words::long_dash`]). The pattern runs only when what must close a signature (a quotation
/// mark or a handle) follows the dash, and only from that dash: every match starts with a dash,
/// and the pattern runs through the `regex` crate's slowest engine.
pub(super) fn signature(body: &str, dash: Option<usize>) -> Option<regex::Captures<'_>> {
    let first = dash?;
    let rest = body.get(first..)?;
    if !(rest.contains(['"', '“']) || rest.contains("(@")) {
        return None;
    }
    // A match starts at a dash followed by white space and a capital: the first such dash.
    let start = rest.char_indices().find_map(|(k, c)| {
        let named = matches!(c, '―' | '—')
            && rest[k + c.len_utf8()..]
                .trim_start()
                .starts_with(|n: char| n.is_ascii_uppercase());
        named.then_some(first + k)
    })?;
    signature_re().captures_at(body, start)
}

/// The kind of a phrase cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phrase {
    /// "according to", "in the words of", "as quoted by", "as reported by".
    According,
    /// "was quoted as saying".
    Passive,
    /// "quoted" / "quotes" / "quoting" (an outlet quoting a speaker).
    Quoted,
    /// "as" (possibly "as X put it").
    As,
    /// "reportedly", "it is reported", "is said to", "is expected to".
    Vague,
    /// "accusations that", "fears of": an unowned claim.
    VagueNoun,
    /// "comments from", "statement by".
    Noun,
    /// "'s statement that", "'s comments": the apostrophe starts the match.
    Possessive,
}

/// One phrase cue: its kind and byte span relative to the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    pub kind: Phrase,
    pub start: usize,
    pub end: usize,
}

const VAGUE_IT: &[&str] = &[
    "reported",
    "said",
    "believed",
    "understood",
    "claimed",
    "alleged",
    "rumored",
    "rumoured",
    "learned",
    "learnt",
];
const VAGUE_TO: &[&str] = &[
    "said",
    "reported",
    "believed",
    "rumored",
    "rumoured",
    "alleged",
    "thought",
    "understood",
];
const VAGUE_AS: &[&str] = &["expected", "seen", "suspected", "considered"];
const VAGUE_NOUNS: &[&str] = &[
    "accusations",
    "allegations",
    "claims",
    "rumors",
    "rumours",
    "charges",
    "speculation",
    "fears",
    "concerns",
    "suggestions",
];
const NOUNS: &[&str] = &[
    "comment",
    "comments",
    "remark",
    "remarks",
    "statement",
    "statements",
    "claim",
    "claims",
    "warning",
    "warnings",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "assertion",
    "assertions",
    "criticism",
    "analysis",
    "view",
    "views",
    "belief",
    "speculation",
];
const POSSESSED: &[&str] = &[
    "comment",
    "comments",
    "remark",
    "remarks",
    "statement",
    "claim",
    "claims",
    "warning",
    "warnings",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "assertion",
    "analysis",
    "view",
    "belief",
    "argument",
    "position",
];

/// The words other than the nouns of [`VAGUE_NOUNS`] and [`NOUNS`] that may open a phrase cue,
/// in lower case, matched in any case.
const LEADS: &[&str] = &[
    "according",
    "in",
    "as",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "it",
    "quoted",
    "quotes",
    "quoting",
    "reportedly",
    "allegedly",
    "s",
];

/// For each first letter and word length (up to 12), a bit per last letter that some opening
/// word ([`LEADS`], [`VAGUE_NOUNS`], [`NOUNS`]) has: one table lookup rejects almost every
/// ordinary word of a sentence.
pub(super) const OPENER_SHAPES: [[u32; 13]; 26] = {
    let mut shapes = [[0u32; 13]; 26];
    let lists = [LEADS, VAGUE_NOUNS, NOUNS];
    let mut l = 0;
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            let b = lists[l][k].as_bytes();
            if b.len() <= 12 {
                shapes[(b[0] - b'a') as usize][b.len()] |= 1 << (b[b.len() - 1] - b'a');
            }
            k += 1;
        }
        l += 1;
    }
    shapes
};

/// True when `w` may be the first word of a phrase cue: a word of [`LEADS`] in any case, or a
/// noun of [`VAGUE_NOUNS`] or [`NOUNS`] in lower case. The shape test comes first, so that the
/// ordinary words of a sentence cost a length test and a table lookup. [`find`] meets only words
/// that pass the shape test already (see `scan`), so this checks the table.
#[cfg(test)]
fn may_open(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 12 {
        return false;
    }
    // The shape (first letter, length, last letter) of an opening word: "the", "to", "of" …
    // stop here.
    let (first, last) = (
        b[0].to_ascii_lowercase(),
        b[b.len() - 1].to_ascii_lowercase(),
    );
    if !first.is_ascii_lowercase()
        || !last.is_ascii_lowercase()
        || OPENER_SHAPES[usize::from(first - b'a')][b.len()] & (1 << (last - b'a')) == 0
    {
        return false;
    }
    let is = |x: &&str| x.as_bytes().eq_ignore_ascii_case(b);
    LEADS.iter().any(is) || (b[0].is_ascii_lowercase() && VAGUE_NOUNS.iter().chain(NOUNS).any(is))
}

/// Finds the phrase cues of `body`, left to right, without overlaps.
pub(super) fn find(body: &str, words: &Words) -> Vec<Match> {
    let ws = &words.spans;
    let word = |k: usize| ws.get(k).map(|&(a, b)| &body[a..b]).unwrap_or("");
    // Words k and k+1 are separated by spaces only.
    let joined = |k: usize| {
        ws.get(k + 1)
            .is_some_and(|&(a, _)| body[ws[k].1..a].chars().all(|c| c == ' '))
    };
    let ci = |k: usize, w: &str| word(k).eq_ignore_ascii_case(w);
    let mut out = Vec::new();
    // The first word a new match may start at: matches do not overlap.
    let mut next = 0usize;
    // Only the words shaped like an opener may open a phrase cue.
    for &k in &words.openers {
        let w = word(k);
        // The scan keeps only words whose shape (first letter, length, last letter) some
        // opener has, so at most twelve bytes; the match below settles the rest.
        if k < next || w.len() > 12 {
            continue;
        }
        let start = ws[k].0;
        // An opener has at most twelve bytes: lower-cased on the stack, it
        // picks the one rule that can fire for it instead of trying each rule in turn.
        let mut buf = [0u8; 12];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        // (kind, index of the last word of the match)
        let hit: Option<(Phrase, usize)> = match &*lower {
            b"according" => (joined(k) && ci(k + 1, "to")).then_some((Phrase::According, k + 1)),
            b"in" => (joined(k)
                && ci(k + 1, "the")
                && joined(k + 1)
                && ci(k + 2, "words")
                && joined(k + 2)
                && ci(k + 3, "of"))
            .then_some((Phrase::According, k + 3)),
            b"as" => {
                let by = joined(k)
                    && (ci(k + 1, "quoted") || ci(k + 1, "reported"))
                    && joined(k + 1)
                    && ci(k + 2, "by");
                Some(if by {
                    (Phrase::According, k + 2)
                } else {
                    (Phrase::As, k)
                })
            }
            // The passive cue is written in lower case, the vague ones in any case.
            b"was" | b"were" | b"is" | b"are" | b"has" | b"have" => passive(&word, &joined, k)
                .map(|end| (Phrase::Passive, end))
                .or_else(|| vague(&word, &joined, k, lower).map(|end| (Phrase::Vague, end))),
            b"it" | b"reportedly" | b"allegedly" => {
                vague(&word, &joined, k, lower).map(|end| (Phrase::Vague, end))
            }
            b"quoted" | b"quotes" | b"quoting" => {
                matches!(w, "quoted" | "quotes" | "quoting").then_some((Phrase::Quoted, k))
            }
            _ if VAGUE_NOUNS.contains(&w) && joined(k) && matches!(word(k + 1), "that" | "of") => {
                Some((Phrase::VagueNoun, k + 1))
            }
            _ if NOUNS.contains(&w) && joined(k) && matches!(word(k + 1), "from" | "by") => {
                Some((Phrase::Noun, k + 1))
            }
            _ => None,
        };
        if let Some((kind, last)) = hit {
            out.push(Match {
                kind,
                start,
                end: ws[last].1,
            });
            next = last + 1;
            continue;
        }
        // "X's statement that" / "X’s comments": the match starts at the apostrophe.
        if w == "s" && k > 0 {
            let apostrophe = body[..start].chars().next_back();
            let glued = ws[k - 1].1 + apostrophe.map(char::len_utf8).unwrap_or(0) == start;
            if matches!(apostrophe, Some('\'' | '’')) && glued && joined(k) {
                let noun = word(k + 1);
                if POSSESSED.contains(&noun) {
                    let after = &body[ws[k + 1].1..];
                    let a = start - apostrophe.map(char::len_utf8).unwrap_or(1);
                    if after.starts_with(" that") && joined(k + 1) && word(k + 2) == "that" {
                        out.push(Match {
                            kind: Phrase::Possessive,
                            start: a,
                            end: ws[k + 2].1,
                        });
                        next = k + 3;
                        continue;
                    }
                    if after.starts_with(',') {
                        out.push(Match {
                            kind: Phrase::Possessive,
                            start: a,
                            end: ws[k + 1].1 + 1,
                        });
                        next = k + 2;
                        continue;
                    }
                    if matches!(noun, "comment" | "comments" | "remark" | "remarks") {
                        out.push(Match {
                            kind: Phrase::Possessive,
                            start: a,
                            end: ws[k + 1].1,
                        });
                        next = k + 2;
                        continue;
                    }
                }
            }
        }
    }
    out
}

/// "was quoted as saying": returns the index of the last word.
fn passive<'a>(
    word: &impl Fn(usize) -> &'a str,
    joined: &impl Fn(usize) -> bool,
    k: usize,
) -> Option<usize> {
    let mut j = match word(k) {
        "was" | "were" | "is" => k,
        "has" | "have" if joined(k) && word(k + 1) == "been" => k + 1,
        _ => return None,
    };
    if !(joined(j) && matches!(word(j + 1), "quoted" | "cited")) {
        return None;
    }
    j += 1;
    if !(joined(j) && word(j + 1) == "as") {
        return None;
    }
    j += 1;
    (joined(j) && matches!(word(j + 1), "saying" | "telling" | "stating" | "adding"))
        .then_some(j + 1)
}

/// Vague and passive cues, case-insensitive: returns the index of the last word.
fn vague<'a>(
    word: &impl Fn(usize) -> &'a str,
    joined: &impl Fn(usize) -> bool,
    k: usize,
    lower: &[u8],
) -> Option<usize> {
    let is = |j: usize, w: &str| word(j).eq_ignore_ascii_case(w);
    let among = |x: &str, list: &[&str]| list.iter().any(|w| x.eq_ignore_ascii_case(w));
    // `lower` is word `k` in lower case: it picks the one form that can follow, and each next
    // word is read once.
    match lower {
        b"reportedly" | b"allegedly" => Some(k),
        b"it" => {
            if !joined(k) {
                return None;
            }
            let next = word(k + 1);
            let aux_end = if next.eq_ignore_ascii_case("is") || next.eq_ignore_ascii_case("was") {
                k + 1
            } else if next.eq_ignore_ascii_case("has") && joined(k + 1) && is(k + 2, "been") {
                k + 2
            } else {
                return None;
            };
            (joined(aux_end) && among(word(aux_end + 1), VAGUE_IT)).then_some(aux_end + 1)
        }
        b"is" | b"are" | b"was" | b"were" => {
            if !joined(k) {
                return None;
            }
            let next = word(k + 1);
            if among(next, VAGUE_TO) && joined(k + 1) && is(k + 2, "to") {
                return Some(k + 2);
            }
            let p = if next.eq_ignore_ascii_case("widely") && joined(k + 1) {
                k + 2
            } else {
                k + 1
            };
            (among(word(p), VAGUE_AS) && joined(p) && (is(p + 1, "to") || is(p + 1, "as")))
                .then_some(p + 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_noun_may_open_a_phrase() {
        for w in VAGUE_NOUNS.iter().chain(NOUNS).chain(LEADS) {
            assert!(may_open(w), "{w}");
        }
    }

    #[test]
    fn speaker_labels() {
        let span = |b: &'static str| speaker_label(b).map(|(a, e)| &b[a..e]);
        assert_eq!(span("ROE: We will."), Some("ROE"));
        assert_eq!(span("“Sen. Jane Roe: yes"), Some("Sen. Jane Roe"));
        assert_eq!(span("One Two Three Four: no"), None);
        assert_eq!(span("ROE:no"), None);
        assert_eq!(span("the ROE: no"), None);
    }

    fn kinds(body: &str) -> Vec<(Phrase, &str)> {
        let mut words = Words::default();
        super::super::scan::scan(body, &mut words);
        find(body, &words)
            .into_iter()
            .map(|m| (m.kind, &body[m.start..m.end]))
            .collect()
    }

    #[test]
    fn phrases() {
        assert_eq!(
            kinds("According to the paper, it is reported that talks failed."),
            [
                (Phrase::According, "According to"),
                (Phrase::Vague, "it is reported")
            ]
        );
        assert_eq!(
            kinds("Lee was quoted as saying so, amid fears that it fails."),
            [
                (Phrase::Passive, "was quoted as saying"),
                (Phrase::VagueNoun, "fears that")
            ]
        );
        assert_eq!(
            kinds("The ministry's statement that prices rise"),
            [(Phrase::Possessive, "'s statement that")]
        );
        assert_eq!(
            kinds("comments from the world; he is said to agree"),
            [
                (Phrase::Noun, "comments from"),
                (Phrase::Vague, "is said to")
            ]
        );
    }
}
