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

use super::scan::{joined_word, word_ends_at, Words};

/// Cue verbs in `body`: byte spans (relative to `body`) of every lower-case word that is an
/// inflection of a cue verb, extended by a particle ("called for", "pointed out"). A word scan
/// with a table lookup: the `regex` crate without its `perf` features would run a thousand-word
/// alternation through its slowest engine.
pub(super) fn cue_verbs<'b>(
    body: &'b str,
    words: &'b Words,
) -> impl Iterator<Item = (usize, usize, crate::cues::Form)> + 'b {
    // Only the words shaped like one can be cue verb forms.
    let mut spans = words.verbs.iter().copied();
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
        // The word's bytes, without decoding: every byte it may hold is ASCII but those of `’`.
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphabetic() || matches!(b, b'.' | b'\'' | b'-') {
                i += 1;
            } else if bytes[i..].starts_with("’".as_bytes()) {
                i += '’'.len_utf8();
            } else {
                break;
            }
        }
        // What follows the word is decoded only when it is no plain space.
        let next_char = |at: usize| body.get(at..).and_then(|r| r.chars().next());
        let width = match bytes.get(i) {
            Some(b':') => {
                return next_char(i + 1)
                    .is_some_and(char::is_whitespace)
                    .then_some((start, i));
            }
            Some(b' ') => 1,
            // One whitespace character before the next word.
            _ => next_char(i).filter(|c| c.is_whitespace())?.len_utf8(),
        };
        if word == 2 {
            return None;
        }
        i += width;
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
/// mark or a handle) follows the dash, and only from the first dash where [`may_sign`] sees a
/// signature: every match starts with a dash, and the pattern runs through the `regex` crate's
/// slowest engine (most sentences it was asked about had no match).
pub(super) fn signature(body: &str, dash: Option<usize>) -> Option<regex::Captures<'_>> {
    let first = dash?;
    let rest = body.get(first..)?;
    if !(rest.contains(['"', '“']) || rest.contains("(@")) {
        return None;
    }
    let start = rest.char_indices().find_map(|(k, c)| {
        let signs = matches!(c, '―' | '—') && may_sign(&rest[k + c.len_utf8()..]);
        signs.then_some(first + k)
    })?;
    signature_re().captures_at(body, start)
}

/// False when no match of [`signature_re`] can start at a dash followed by `after`: the shape of
/// the pattern tested by hand. White space, one to four words that open with a capital, one white
/// space character between each two, then white space and a quotation mark or "(@". A word here
/// runs to white space, a bracket or a quotation mark, so it covers at least the pattern's word
/// (which then ends where this one does): every dash the pattern matches at passes.
fn may_sign(after: &str) -> bool {
    let mut rest = after.trim_start();
    for _ in 0..4 {
        if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
            .unwrap_or(rest.len());
        rest = &rest[end..];
        let closing = rest.trim_start();
        if closing.starts_with(['"', '“']) || closing.starts_with("(@") {
            return true;
        }
        // Otherwise another word, after exactly one white space character.
        let mut chars = rest.chars();
        if !chars.next().is_some_and(char::is_whitespace) {
            return false;
        }
        rest = chars.as_str();
    }
    false
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

/// Participles of "it is X that" ("it is reported that"), lower case.
fn vague_it(word: &[u8]) -> bool {
    matches!(
        word,
        b"reported"
            | b"said"
            | b"believed"
            | b"understood"
            | b"claimed"
            | b"alleged"
            | b"rumored"
            | b"rumoured"
            | b"learned"
            | b"learnt"
    )
}

/// Participles of "is X to" ("is said to"), lower case.
fn vague_to(word: &[u8]) -> bool {
    matches!(
        word,
        b"said"
            | b"reported"
            | b"believed"
            | b"rumored"
            | b"rumoured"
            | b"alleged"
            | b"thought"
            | b"understood"
    )
}

/// Participles of "is X to" and "is X as" ("is seen as"), lower case.
fn vague_as(word: &[u8]) -> bool {
    matches!(word, b"expected" | b"seen" | b"suspected" | b"considered")
}

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
    let text = |(a, b): (usize, usize)| &body[a..b];
    // The word joined by spaces to the word `w`, if any.
    let next = |w: (usize, usize)| joined_word(body, w.1);
    // The text of the word joined to `w` is `x`, in any case.
    let next_is = |w: (usize, usize), x: &str| next(w).filter(|&n| text(n).eq_ignore_ascii_case(x));
    let mut out = Vec::new();
    // Where the last word of the last match ends: matches do not overlap.
    let mut taken = 0usize;
    // Only the words shaped like an opener may open a phrase cue.
    for &span in &words.openers {
        let start = span.0;
        let w = text(span);
        // The scan keeps only words whose shape (first letter, length, last letter) some
        // opener has, so at most twelve bytes; the match below settles the rest.
        if start < taken || w.len() > 12 {
            continue;
        }
        // An opener has at most twelve bytes: lower-cased on the stack, it
        // picks the one rule that can fire for it instead of trying each rule in turn.
        let mut buf = [0u8; 12];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        // (kind, the last word of the match)
        let hit: Option<(Phrase, (usize, usize))> = match &*lower {
            b"according" => next_is(span, "to").map(|to| (Phrase::According, to)),
            b"in" => next_is(span, "the")
                .and_then(|the| next_is(the, "words"))
                .and_then(|words| next_is(words, "of"))
                .map(|of| (Phrase::According, of)),
            b"as" => {
                let by = next(span)
                    .filter(|&n| {
                        let n = text(n);
                        n.eq_ignore_ascii_case("quoted") || n.eq_ignore_ascii_case("reported")
                    })
                    .and_then(|n| next_is(n, "by"));
                Some(match by {
                    Some(by) => (Phrase::According, by),
                    None => (Phrase::As, span),
                })
            }
            // The passive cue is written in lower case, the vague ones in any case.
            b"was" | b"were" | b"is" | b"are" | b"has" | b"have" => passive(body, w, span)
                .map(|last| (Phrase::Passive, last))
                .or_else(|| vague(body, span, lower).map(|last| (Phrase::Vague, last))),
            b"it" | b"reportedly" | b"allegedly" => {
                vague(body, span, lower).map(|last| (Phrase::Vague, last))
            }
            b"quoted" | b"quotes" | b"quoting" => {
                matches!(w, "quoted" | "quotes" | "quoting").then_some((Phrase::Quoted, span))
            }
            // The possessive "s" (below), the most common opener after "in", opens no phrase
            // here: it is sent there without walking the lists of nouns.
            b"s" => None,
            // "claims" is a vague noun before "that" and a noun cue before "from".
            _ if VAGUE_NOUNS.contains(&w) || NOUNS.contains(&w) => next(span).and_then(|n| {
                let after = text(n);
                if VAGUE_NOUNS.contains(&w) && matches!(after, "that" | "of") {
                    Some((Phrase::VagueNoun, n))
                } else if NOUNS.contains(&w) && matches!(after, "from" | "by") {
                    Some((Phrase::Noun, n))
                } else {
                    None
                }
            }),
            _ => None,
        };
        if let Some((kind, last)) = hit {
            out.push(Match {
                kind,
                start,
                end: last.1,
            });
            taken = last.1;
            continue;
        }
        // "X's statement that" / "X’s comments": the match starts at the apostrophe, which
        // follows a word.
        if w != "s" {
            continue;
        }
        let Some(apostrophe) = body[..start].chars().next_back() else {
            continue;
        };
        let a = start - apostrophe.len_utf8();
        if !(matches!(apostrophe, '\'' | '’') && word_ends_at(body, a)) {
            continue;
        }
        let Some(noun) = next(span).filter(|&n| POSSESSED.contains(&text(n))) else {
            continue;
        };
        let after = &body[noun.1..];
        let that = next(noun).filter(|&n| text(n) == "that");
        if let (true, Some(that)) = (after.starts_with(" that"), that) {
            out.push(Match {
                kind: Phrase::Possessive,
                start: a,
                end: that.1,
            });
            taken = that.1;
        } else if after.starts_with(',') {
            out.push(Match {
                kind: Phrase::Possessive,
                start: a,
                end: noun.1 + 1,
            });
            taken = noun.1;
        } else if matches!(text(noun), "comment" | "comments" | "remark" | "remarks") {
            out.push(Match {
                kind: Phrase::Possessive,
                start: a,
                end: noun.1,
            });
            taken = noun.1;
        }
    }
    out
}

/// "was quoted as saying" from the word `span` (whose text is `w`): returns the last word.
fn passive(body: &str, w: &str, span: (usize, usize)) -> Option<(usize, usize)> {
    let text = |(a, b): (usize, usize)| &body[a..b];
    let next = |w: (usize, usize)| joined_word(body, w.1);
    let aux = match w {
        "was" | "were" | "is" => span,
        "has" | "have" => next(span).filter(|&n| text(n) == "been")?,
        _ => return None,
    };
    let quoted = next(aux).filter(|&n| matches!(text(n), "quoted" | "cited"))?;
    let as_ = next(quoted).filter(|&n| text(n) == "as")?;
    next(as_).filter(|&n| matches!(text(n), "saying" | "telling" | "stating" | "adding"))
}

/// Vague and passive cues, case-insensitive, from the word `span`: returns the last word.
fn vague(body: &str, span: (usize, usize), lower: &[u8]) -> Option<(usize, usize)> {
    let text = |(a, b): (usize, usize)| &body[a..b];
    let next = |w: (usize, usize)| joined_word(body, w.1);
    let is = |w: (usize, usize), x: &str| text(w).eq_ignore_ascii_case(x);
    // Whether the word, in lower case, passes `test`: the word is folded into a buffer (longer
    // words are in no list) and the test is a `match` on its bytes rather than a walk of a list.
    let among = |w: (usize, usize), test: fn(&[u8]) -> bool| {
        let word = text(w).as_bytes();
        let mut buf = [0u8; 12];
        buf.get_mut(..word.len()).is_some_and(|folded| {
            folded.copy_from_slice(word);
            folded.make_ascii_lowercase();
            test(folded)
        })
    };
    // `lower` is the word in lower case: it picks the one form that can follow, and each next
    // word is read once.
    match lower {
        b"reportedly" | b"allegedly" => Some(span),
        b"it" => {
            let n = next(span)?;
            let aux = if is(n, "is") || is(n, "was") {
                n
            } else if is(n, "has") {
                next(n).filter(|&b| is(b, "been"))?
            } else {
                return None;
            };
            next(aux).filter(|&v| among(v, vague_it))
        }
        b"is" | b"are" | b"was" | b"were" => {
            let n = next(span)?;
            if among(n, vague_to) {
                if let Some(to) = next(n).filter(|&t| is(t, "to")) {
                    return Some(to);
                }
            }
            // "is widely expected to": the adverb is skipped when a word follows it.
            let p = if is(n, "widely") {
                next(n).unwrap_or(n)
            } else {
                n
            };
            if !among(p, vague_as) {
                return None;
            }
            next(p).filter(|&t| is(t, "to") || is(t, "as"))
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

    #[test]
    fn signatures_tested_by_hand_as_by_the_pattern() {
        for body in [
            "― Jane Roe “Fine.”",
            "— Jane Roe (@jroe) May 2",
            "— Jane Roe(@jroe)",
            "Yes — JANE ROE \"no\"",
            "— Jane  Roe “x”",
            "— One Two Three Four “x”",
            "— One Two Three Four Five “x”",
            "— Jane, Roe “x”",
            "— Jane Roe (jroe) — Lee Moe “x”",
            "—Émile Roe “x”",
            "— Jane Roe\u{a0}“x”",
            "— J.R. O’Neil-Smith “x”",
        ] {
            same_as_pattern(body);
        }
        // Short strings over the characters the shape turns on, from a fixed generator.
        let alphabet = [
            '—', '―', ' ', '\u{a0}', 'A', 'J', 'x', '_', '(', '@', ')', '"', '“', '.', ',', 'É',
        ];
        let alphabet: Vec<String> = alphabet.iter().map(char::to_string).collect();
        let mut pieces = crate::testing::Pieces::new();
        for _ in 0..20_000 {
            same_as_pattern(&pieces.text(&alphabet, 12));
        }
    }

    /// [`signature`] finds what the pattern finds from the first dash.
    fn same_as_pattern(body: &str) {
        let dash = body.find(['―', '—']);
        let by_pattern = dash.and_then(|d| signature_re().captures_at(body, d));
        let span = |c: Option<regex::Captures>| {
            c.map(|c| (c.get(0).map(|m| m.range()), c.get(1).map(|m| m.range())))
        };
        let (by_pattern, by_hand) = (span(by_pattern), span(signature(body, dash)));
        assert_eq!(by_hand, by_pattern, "{body}");
    }

    fn kinds(body: &str) -> Vec<(Phrase, &str)> {
        let mut words = Words::default();
        super::super::scan::scan(body, 0, &[], &mut words);
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
