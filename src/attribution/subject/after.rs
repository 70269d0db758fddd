//! The source named after its cue ("…,” said the minister") or after a relay word ("according
//! to the ministry"), and the subject at the start of a clause, for participle cues and "-ing"
//! cues. The head checks are the ones of the parent module.

use super::*;
/// The source after an inverted cue ("…,” said the minister." / "…, said Ann Lee, a nurse.").
pub(crate) fn after(text: &str, from: usize, hi: usize) -> Option<(usize, usize)> {
    // The name has at most eleven tokens and an apposition after it at most sixteen, which
    // one more tells from a longer one: tokens 0 to 27 are read, not the rest of the sentence.
    let toks = tokens_upto(text, from, hi.min(ahead(text, from, REACH)), 28);
    let first = toks.first()?;
    let fw = first.lower();
    let fw = fw.as_str();
    if !(first.capitalised()
        || matches!(
            fw,
            "the"
                | "a"
                | "an"
                | "he"
                | "she"
                | "they"
                | "one"
                | "another"
                | "two"
                | "three"
                | "some"
        ))
    {
        return None;
    }
    let mut n = 0;
    for (i, t) in toks.iter().enumerate() {
        let w = t.lower();
        let w = w.as_str();
        if i > 0
            && (matches!(
                w,
                "on" | "in"
                    | "at"
                    | "during"
                    | "after"
                    | "before"
                    | "when"
                    | "while"
                    | "as"
                    | "who"
                    | "which"
                    | "that"
                    | "told"
                    | "to"
                    | "last"
                    | "this"
                    | "yesterday"
                    | "today"
                    | "adding"
                    | "according"
                    | "and"
                    | "but"
                    | "referring"
                    | "citing"
                    | "speaking"
                    | "writing"
            ) || t.starts_phrase())
        {
            break;
        }
        n = i + 1;
        if t.ends_phrase() || n > 10 {
            break;
        }
    }
    let np = &toks[..n];
    if np.len() == 1 && matches!(fw, "the" | "a" | "an") {
        return None;
    }
    head_of_loose(np, false, true, &[])?;
    let mut end_tok = np[n - 1];
    // An apposition after the name runs to the end of the sentence: "said Ann Lee, a nurse."
    if end_tok.raw.ends_with(',') && n < toks.len() {
        let rest = &toks[n..];
        let w = rest[0].lower();
        let w = w.as_str();
        if matches!(w, "a" | "an" | "the") && rest.len() <= 16 {
            let last = rest[rest.len() - 1];
            if last.raw.ends_with(['.', '!', '?'])
                && !rest.iter().any(|t| blocks_phrase(&t.lower()))
            {
                end_tok = last;
            }
        }
    }
    phrase_span(text, &np[0], &end_tok)
}

/// The phrase after a relay word ("according to the ministry, …"): up to the next comma, full
/// stop or quotation. Returns the span when it has an acceptable head.
pub(crate) fn relay(text: &str, from: usize, hi: usize) -> Option<(usize, usize)> {
    // At most fifteen tokens are read (tokens 0 to 14).
    let toks = tokens_upto(text, from, hi.min(ahead(text, from, REACH)), 15);
    let mut n = 0;
    for (i, t) in toks.iter().enumerate() {
        if i > 0
            && (t.starts_phrase() || matches!(t.lower().as_str(), "that" | "who" | "which" | "as"))
        {
            break;
        }
        n = i + 1;
        if t.ends_phrase() || n > 14 {
            break;
        }
    }
    if n == 0 || n > 14 {
        return None;
    }
    let np = &toks[..n];
    let p = np
        .iter()
        .position(|t| is_preposition(&t.lower()))
        .unwrap_or(n);
    if p == 0 {
        return None;
    }
    let h = &np[p - 1];
    let hw = h.lower();
    let hw = hw.as_str();
    let hw = trim_suffix(trim_suffix(hw, "'s"), "’s");
    let determined = matches!(
        np[0].lower().as_str(),
        "the" | "a" | "an" | "his" | "her" | "their"
    );
    let nounish = hw.len() > 2 && hw.chars().all(|c| c.is_alphabetic() || c == '-');
    if !(h.capitalised()
        || cues::is_source_noun(hw)
        || matches!(hw, "him" | "her" | "them" | "it")
        || determined && p > 1 && nounish)
    {
        return None;
    }
    if np.iter().any(|t| {
        let w = t.lower();
        let w = w.as_str();
        matches!(
            w,
            "is" | "was" | "are" | "were" | "has" | "have" | "had" | "will" | "would"
        )
    }) {
        return None;
    }
    let last = np[n - 1];
    phrase_span(text, &np[0], &last)
}

/// The noun phrase at the start of the clause from `lo`, for participle cues ("The mission
/// issued a notice, saying …" gives "The mission"). It must run up to a lower-case verb.
pub(crate) fn clause_subject(text: &str, lo: usize, hi: usize) -> Option<(usize, usize)> {
    // The phrase has at most ten words, then its verb: tokens 0 to 10 are read.
    let toks = tokens_upto(text, lo, hi.min(ahead(text, lo, REACH)), 11);
    // The classes of the tokens read so far: each token is asked about as the word after a
    // modifier and then as a word of its own, and the first again as a pronoun.
    let mut classes = [Class::default(); 11];
    if let Some(t) = toks.first() {
        classes[0] = t.class();
    }
    let mut n = 0;
    while n < toks.len() && n < 10 {
        let t = &toks[n];
        let c = classes[n];
        let next = toks.get(n + 1).map(|next| {
            let c = next.class();
            classes[n + 1] = c;
            (next, c)
        });
        let np_word = t.capitalised() || {
            let w = t.lower();
            let w = w.as_str();
            matches!(w, "the" | "a" | "an" | "of" | "in" | "for")
                || t.is_source_noun(c)
                || t.is_title(c)
                // A lower-case modifier counts when a source noun follows it ("the city
                // council").
                || next.is_some_and(|(next, nc)| next.is_source_noun(nc))
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
        };
        if !np_word || t.ends_phrase() {
            break;
        }
        n += 1;
    }
    if n == 0 || n >= toks.len() {
        return None;
    }
    let verb = &toks[n];
    if verb.capitalised()
        || !verb.lower().chars().all(|c| c.is_alphabetic())
        || classes[n].is(PREPOSITION)
    {
        return None;
    }
    let np = &toks[..n];
    head_of_loose(np, false, false, &classes[..n])?;
    if np.len() == 1 && classes[0].is(PERSONAL | IT) {
        return None;
    }
    phrase_span(text, &np[0], &np[n - 1])
}

/// The subject of the main clause before `hi`, trying the sentence start and then the start of
/// each comma-separated part ("During the speech, Trump attacked …, saying …").
pub(in crate::attribution) fn clause_subjects(
    text: &str,
    lo: usize,
    hi: usize,
) -> Option<(usize, usize)> {
    if let Some(found) = clause_subject(text, lo, hi) {
        return Some(found);
    }
    let slice = text.get(lo..hi)?;
    slice
        .match_indices(", ")
        .take(4)
        .find_map(|(k, _)| clause_subject(text, lo + k + 2, hi))
}

/// "is", "was", "isn't", "weren’t" … before an "-ing" cue ("is saying").
pub(in crate::attribution) fn is_progressive_aux(w: &str) -> bool {
    let w = trim_suffix(trim_suffix(w, "n't"), "n’t");
    matches!(w, "is" | "was" | "are" | "were" | "been" | "be")
}

/// "analysis by X" / "comments from X" inside a relay phrase: the span of X.
pub(in crate::attribution) fn by_phrase(
    text: &str,
    (a, b): (usize, usize),
) -> Option<(usize, usize)> {
    let phrase = &text[a..b];
    for sep in [" by ", " from "] {
        if let Some(k) = phrase.find(sep) {
            let head = phrase[..k].to_lowercase();
            let head = trim_prefix(trim_prefix(&head, "an "), "the ");
            if matches!(
                head,
                "analysis"
                    | "comments"
                    | "remarks"
                    | "estimates"
                    | "a statement"
                    | "statements"
                    | "data"
                    | "figures"
                    | "a report"
                    | "reports"
                    | "a study"
                    | "research"
                    | "calculations"
                    | "a survey"
                    | "a poll"
            ) {
                return Some((a + k + sep.len(), b));
            }
        }
    }
    None
}
