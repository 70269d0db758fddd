//! Cue verb candidates: every cue verb form of a sentence ("said", "tells", "warning") that
//! reports, with the source phrase the rules can name for it (see the rule list in
//! `attribution`).

use super::{Candidate, Kinds, Scope};
use crate::attribution::scan::Words;
use crate::attribution::{phrases, subject, words};
use crate::schema::Kind;
use crate::segment::Sentence;

/// Adds a candidate to `cands` for every cue verb of the sentence `s` that reports and whose
/// source the rules can name. `relay_front` is the leading "according to X," relay, as (cue,
/// mention). Returns the first inflected strong cue verb, which reports even when no rule names
/// its source. `window` holds the tokens before the last cue read, kept from cue to cue.
// The sentence, its context and the three buffers the rules write to: grouping them would only
// rename the arguments.
#[allow(clippy::too_many_arguments)]
pub(super) fn candidates<'t>(
    text: &'t str,
    s: &Sentence,
    words: &Words,
    kinds: &mut Kinds<'t>,
    scope: &Scope,
    relay_front: Option<((usize, usize), (usize, usize))>,
    cands: &mut Vec<Candidate>,
    window: &mut Window<'t>,
) -> Option<(usize, usize)> {
    let body = &text[s.start..s.end];
    let has_quote = !scope.quotes.is_empty();
    let mut bare_cue: Option<(usize, usize)> = None;
    for (ms, me, form) in phrases::cue_verbs(body, words) {
        let (lemma, strength) = (form.lemma, form.strength);
        let (a, b) = (s.start + ms, s.start + me);
        if scope.in_quote(a) {
            continue;
        }
        let word = words::first_word(&body[ms..me]);
        // "the officer in charge", "a call": a bare form after a preposition or determiner is
        // a noun, not a cue.
        if word == lemma
            && body[..ms].split_whitespace().next_back().is_some_and(|p| {
                matches!(
                    p,
                    "in" | "of"
                        | "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "this"
                        | "that"
                        | "with"
                        | "by"
                        | "at"
                )
            })
        {
            continue;
        }
        let next = text[b..s.end.min(words::ahead(text, b, 40))].trim_start();
        // "battleground states", "health worries": a verb form that is also a plural noun
        // reports only before a clause or object.
        let noun_like = form.noun_like;
        if noun_like {
            let nw = next
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let function_word = matches!(
                nw,
                "that"
                    | "the"
                    | "a"
                    | "an"
                    | "he"
                    | "she"
                    | "it"
                    | "they"
                    | "we"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "this"
                    | "these"
                    | "those"
                    | "to"
                    | "for"
                    | "on"
            );
            // At the end of a clause it is a tag: "…, the Journal reports."
            let clause_end = next.is_empty() || next.starts_with(['.', ';', '!', '?']);
            if !(function_word || clause_end || next.starts_with([':', '"', '“', ','])) {
                continue;
            }
        }
        // "Frost threatens the harvest" narrates; "threatened to resign" reports.
        if lemma == "threaten" && !(next.starts_with("to ") || next.starts_with("that ")) {
            continue;
        }
        let framed = next.starts_with("that ")
            || next.starts_with(':')
            || next.starts_with(['"', '“', '‘'])
            || next.starts_with(", “")
            || next.starts_with(", \"");
        let lo = match relay_front {
            Some((_, src)) if src.1 <= a => {
                let rest = &text[src.1..a];
                src.1 + rest.find(',').map(|i| i + 1).unwrap_or(0)
            }
            _ => scope.after_quote(a),
        };
        let pre = text[lo..a].trim();
        let tag = pre.is_empty() || pre.ends_with(',') && lo > s.start;
        if strength == crate::cues::Strength::Weak && !(framed || (has_quote && tag)) {
            // "Polls show Lee ahead", "the study found no link": findings of a document report
            // even without a frame.
            let finding = matches!(lemma, "show" | "find" | "indicate" | "signal")
                && subject::before_tokens(text, window.before(text, lo, a), false, false, false)
                    .is_some_and(|src| kinds.of(&text[src.0..src.1]) == Kind::Document);
            if !finding {
                continue;
            }
        }
        let ing = word.ends_with("ing");
        // "a travel warning": an "-ing" form after a determiner or adjective is a noun. It
        // reports as a participle after a comma or in a progressive ("is saying").
        if ing {
            let prev = text[words::back(text, a, 40).max(s.start)..a]
                .split_whitespace()
                .next_back()
                .unwrap_or("");
            let progressive = subject::is_progressive_aux(prev);
            let next = text[b..s.end.min(words::ahead(text, b, 8))].trim_start();
            // "Frost threatens the harvest" narrates; "threatened to resign" reports.
            if lemma == "threaten" && !(next.starts_with("to ") || next.starts_with("that ")) {
                continue;
            }
            let framed = next.starts_with("that ") || next.starts_with([':', '"', '“']);
            if !(prev.ends_with(',') || progressive || prev.is_empty() || framed) {
                continue;
            }
        }
        // Only an inflected strong verb ("said", "tells") reports without a nameable source;
        // the bare form is too often an infinitive ("to seek", "won't tell").
        if strength == crate::cues::Strength::Strong && word != lemma && !ing && !noun_like {
            bare_cue.get_or_insert((a, b));
        }
        let allow_it = matches!(
            lemma,
            "say"
                | "add"
                | "state"
                | "note"
                | "report"
                | "tell"
                | "announce"
                | "warn"
                | "stress"
                | "claim"
                | "emphasize"
                | "confirm"
                | "deny"
                | "urge"
                | "declare"
                | "conclude"
                | "explain"
                | "recall"
                | "point"
                | "write"
        );
        // Inverted tag: "“…,” said X." ("told X" names the addressee, never the source.)
        if !ing
            && lemma != "tell"
            && (pre.is_empty()
                || (pre.ends_with(',') || pre.ends_with(['—', '–']))
                    && subject::before_tokens(
                        text,
                        window.before(text, lo, a),
                        ing,
                        allow_it,
                        false,
                    )
                    .is_none())
        {
            if let Some(src) = subject::after(text, b, s.end) {
                if lo > s.start || pre.ends_with(',') {
                    cands.push(Candidate {
                        cue: (a, b),
                        source: Some(src),
                        via: None,
                        rule: "cue-source",
                    });
                    continue;
                }
            }
        }
        // Read only for an "-ing" cue, the one form it concerns.
        let progressive = || {
            text[words::back(text, a, 12).max(s.start)..a]
                .split_whitespace()
                .next_back()
                .is_some_and(subject::is_progressive_aux)
        };
        if ing && !progressive() && (text[s.start..a].trim_end().ends_with(',') || framed) {
            // Only a speech verb makes a participle cue: the clause subject is looked for
            // only then ("…, suggesting …" stops here without reading the clause).
            let speech = matches!(
                lemma,
                "say"
                    | "add"
                    | "state"
                    | "warn"
                    | "claim"
                    | "note"
                    | "argue"
                    | "insist"
                    | "call"
                    | "urge"
                    | "announce"
                    | "ask"
                    | "declare"
                    | "stress"
                    | "emphasize"
            );
            if let Some(src) = speech
                .then(|| subject::clause_subjects(text, s.start, a))
                .flatten()
            {
                cands.push(Candidate {
                    cue: (a, b),
                    source: Some(src),
                    via: None,
                    rule: "participle",
                });
            }
            continue;
        }
        let loose = strength == crate::cues::Strength::Strong
            && matches!(
                lemma,
                "say"
                    | "tell"
                    | "add"
                    | "state"
                    | "write"
                    | "argue"
                    | "claim"
                    | "warn"
                    | "note"
                    | "explain"
                    | "insist"
                    | "declare"
            );
        let toks = window.before(text, lo, a);
        let run = subject::aux_run(toks, ing);
        // "X did Y but did not say …": the word before the cue, auxiliaries skipped.
        let coordinated = {
            let from = lo.max(words::back(text, a, 60));
            // The auxiliaries before the subject end at the same word, unless a phrase boundary
            // ended them: then the word is read on past it. The word's classes tell whether it
            // is a conjunction.
            let mut k = run.0;
            let mut last = run.1.map(|c| (k - 1, c));
            while last.is_none() && k > 0 {
                let c = toks[k - 1].class();
                if !c.aux_or_adverb(ing) {
                    last = Some((k - 1, c));
                }
                k -= 1;
            }
            // Those tokens are the ones read back from the cue below when none of them reaches
            // back past `from` or holds a bracketed tag, which the window merges.
            let same = toks[last.map_or(0, |(k, _)| k)..]
                .iter()
                .all(|t| t.start >= from && !t.raw.as_bytes().contains(&b'('));
            let conjunction = |c: Option<words::Class>| c.is_some_and(|c| c.is(words::CONJUNCTION));
            if same {
                conjunction(last.map(|(_, c)| c))
            } else {
                // Rare: the word lies past the window's reach or a bracketed tag was merged
                // into a token; the full tokeniser of that stretch answers exactly.
                conjunction(
                    words::tokens(text, from, a)
                        .iter()
                        .rev()
                        .map(|t| t.class())
                        .find(|c| !c.aux_or_adverb(ing)),
                )
            }
        };
        let found = if coordinated {
            // "X did Y and said …": the subject of the first verb.
            subject::clause_subjects(text, s.start, a)
        } else {
            subject::before_run(text, toks, run, allow_it, loose)
        };
        if let Some(src) = found {
            let via = match relay_front {
                Some((_, r)) if r.1 <= a => Some(r),
                _ => None,
            };
            cands.push(Candidate {
                cue: (a, b),
                source: Some(src),
                via,
                rule: if via.is_some() {
                    "according-to-relay"
                } else {
                    "source-cue"
                },
            });
        }
    }
    bare_cue
}

/// The tokens before a cue ([`subject::window`]), kept from cue to cue: they are the tokens of
/// `text[from..to]`. The cues of a sentence come in order and most share the start of their
/// window, so a later cue's window only reads on from where the last one ended, and a rule
/// asking again about the same cue reads nothing.
#[derive(Default)]
pub(super) struct Window<'t> {
    toks: Vec<words::Token<'t>>,
    from: usize,
    to: usize,
}

impl<'t> Window<'t> {
    /// The tokens of the window before the cue at `a`, searched no further back than `lo`.
    fn before(&mut self, text: &'t str, lo: usize, a: usize) -> &[words::Token<'t>] {
        let from = lo.max(words::back(text, a, words::REACH));
        if from != self.from || a < self.to {
            subject::window(text, lo, a, &mut self.toks);
        } else if a > self.to {
            // The last token may have been cut at the old end: it is read again from its start,
            // which a space or the window's start precedes, as every token's start.
            let mut at = self.to;
            if let Some(last) = self.toks.last().filter(|t| t.start + t.raw.len() == at) {
                at = last.start;
                self.toks.pop();
            }
            words::tokens_onto(&mut self.toks, text, at, a);
        }
        (self.from, self.to) = (from, a);
        &self.toks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A window grown from cue to cue holds the tokens a fresh read of its stretch gives:
    /// the token cut at the old end, a bracketed tag joining the name before it, a window
    /// asked about again and one that starts elsewhere. Stretches from a fixed generator.
    #[test]
    fn grown_windows_are_read_afresh() {
        let pieces = [
            "Lee",
            " ",
            "  ",
            "(R)",
            "(D-Wis.),",
            "said",
            ",",
            "“",
            "”",
            "Mr.",
            "x",
            "\n",
            "é",
        ];
        let mut gen = crate::testing::Pieces::new();
        for _ in 0..3_000 {
            let text = gen.text(&pieces, 12);
            let mut window = Window::default();
            let mut fresh = Vec::new();
            let mut lo = 0;
            let mut a = 0;
            for _ in 0..5 {
                // Mostly later cues with the same start; now and then another start or an
                // earlier cue.
                match gen.below(4) {
                    0 => lo = gen.below(text.len() + 1),
                    1 => a = gen.below(text.len() + 1),
                    _ => a += gen.below(text.len() + 1 - a),
                }
                if lo > a || !text.is_char_boundary(lo) || !text.is_char_boundary(a) {
                    continue;
                }
                subject::window(&text, lo, a, &mut fresh);
                let grown = window.before(&text, lo, a);
                let spans = |t: &[words::Token]| -> Vec<(usize, String)> {
                    t.iter().map(|t| (t.start, t.raw.to_string())).collect()
                };
                assert_eq!(spans(grown), spans(&fresh), "{text:?} {lo}..{a}");
            }
        }
    }
}
