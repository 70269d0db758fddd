//! Finding the source noun phrase next to a cue: before it ("the minister said", "Vasily Kashin,
//! a researcher at …, said"), after it ("…,” said the minister") or after a relay word
//! ("according to the ministry").
//!
//! There is no parser: a phrase is accepted only when its *head* (the word before the first
//! preposition) is a capitalised name, a personal pronoun or a noun from the source lexicon, and
//! no word in it looks like a verb. Anything else is refused, because a wrong source shown to a
//! reader costs more than a missing one.
//!
//! This module finds the phrase before a cue; `after` holds the phrases after a cue or a relay
//! word and the clause subjects of participle cues, with the same head checks.

mod after;

use super::words::*;
use crate::cues;
pub(crate) use after::{after, relay};
pub(super) use after::{by_phrase, clause_subjects, is_progressive_aux};

/// Checks a candidate noun phrase and returns the index of its head token.
fn head_of(np: &[Token], allow_it: bool) -> Option<usize> {
    head_of_loose(np, allow_it, false, &[])
}

/// [`head_of`]; with `loose`, any lower-case noun after a determiner is accepted as head ("the
/// announcer said"), which only strong speech verbs allow. `lowered` holds the lower-case forms
/// of the first tokens when a caller has them already (see [`phrase_start`]).
fn head_of_loose<'t>(
    np: &[Token<'t>],
    allow_it: bool,
    loose: bool,
    lowered: &[Option<Lower<'t>>],
) -> Option<usize> {
    if np.is_empty() || np.len() > 14 {
        return None;
    }
    // One pass: the first preposition, and any word that shows a clause (either refuses). The
    // head's lower-case form and whether the first word is a determiner are kept from it, so
    // that no word is lower-cased twice.
    let mut p = None;
    let mut determined = false;
    // The lower-case form of the word before the current one, then of the head.
    let mut prev = None;
    let mut head_lower = None;
    for (i, t) in np.iter().enumerate() {
        let low = match lowered.get(i) {
            Some(Some(known)) => known.clone(),
            _ => t.lower(),
        };
        let w = low.as_str();
        if i == 0 {
            determined = matches!(
                w,
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "one" | "another" | "this"
            );
        }
        if p.is_none() && is_preposition(w) {
            p = Some(i);
            head_lower = prev.take();
        }
        // Capitalised words are names ("Will Smith", "Theresa May"), whatever they spell.
        if !t.capitalised() && blocks_phrase(w) && !(np.len() == 1 && w == "it" && allow_it) {
            return None;
        }
        prev = Some(low);
    }
    let p = p.unwrap_or(np.len());
    if p == 0 {
        return None;
    }
    let head = p - 1;
    let h = &np[head];
    // Without a preposition the head is the last word.
    let w = head_lower.or(prev)?;
    let w = w.as_str();
    let w = trim_suffix(trim_suffix(w, "'s"), "’s");
    if np.len() == 1 && is_pronoun_source(w) {
        return (w != "it" || allow_it).then_some(head);
    }
    if is_pronoun_source(w) {
        return None;
    }
    if h.capitalised() {
        let word = h.word();
        if cues::is_capital_non_source(word) {
            return None;
        }
        // "Having …" opens a participle clause; "CONGRESS HAS INVESTIGATED HIM" is a heading.
        if np.len() == 1 && word.ends_with("ing") {
            return None;
        }
        let shouting = np
            .iter()
            .all(|t| t.word().chars().all(|c| !c.is_lowercase()));
        if np.len() >= 3 && shouting {
            return None;
        }
        // A capitalised cue verb ("Says") or a day is no name.
        if cues::verb(word).is_some() && head == 0 && np.len() == 1 {
            return None;
        }
        return Some(head);
    }
    let nounish = w.len() > 2 && w.chars().all(|c| c.is_alphabetic() || c == '-');
    // With a speech verb, a bare plural is people too ("auditors said").
    let bare_plural = np.len() <= 3 && w.ends_with('s') && !w.ends_with("ss");
    (cues::is_source_noun(w) || loose && nounish && (determined && head > 0 || bare_plural))
        .then_some(head)
}

/// The source noun phrase that ends right before the cue at `cue`, searching no further back
/// than `lo`. `ing` is true for "-ing" cues, `allow_it` when "it" may be a source. Returns the
/// byte span of the mention, appositions included.
pub(crate) fn before(
    text: &str,
    lo: usize,
    cue: usize,
    ing: bool,
    allow_it: bool,
) -> Option<(usize, usize)> {
    before_loose(text, lo, cue, ing, allow_it, false)
}

/// [`before`], accepting any noun after a determiner when `loose` (strong speech verbs).
pub(crate) fn before_loose(
    text: &str,
    lo: usize,
    cue: usize,
    ing: bool,
    allow_it: bool,
    loose: bool,
) -> Option<(usize, usize)> {
    let toks = tokens(text, lo.max(back(text, cue, REACH)), cue);
    let mut n = toks.len();
    // Auxiliaries and adverbs between subject and cue.
    while n > 0 && !toks[n - 1].ends_phrase() && is_aux_or_adverb(&toks[n - 1].lower(), ing) {
        n -= 1;
    }
    if n == 0 {
        return None;
    }
    let last = toks[n - 1];
    if last.raw.ends_with(',') {
        return apposition(text, &toks[..n], allow_it);
    }
    if last.ends_phrase() {
        return None;
    }
    // The lower-case forms of the last tokens, from `base` on, as the phrase start read them.
    let base = n.saturating_sub(LOWERED);
    let mut lowered: [Option<Lower>; LOWERED] = Default::default();
    let mut first = phrase_start(&toks[..n], base, &mut lowered)?;
    let mut known = lowered.get(first - base..n - base).unwrap_or(&[]);
    // "Len McCluskey, the general secretary of the union said": an apposition without its
    // closing comma; the name before it is the source.
    if let Some(f) = name_before_apposition(toks.as_slice(), first) {
        if head_of_loose(&toks[first..n], allow_it, true, known).is_some() {
            first = f;
            known = &[];
        }
    }
    let mut np = &toks[first..n];
    if head_of_loose(np, allow_it, loose, known).is_none() {
        // Fallback: the name or pronoun right before the cue ("the third time AROS said", "in
        // which he said").
        let mut k = n;
        while k > first && toks[k - 1].capitalised() && !toks[k - 1].ends_phrase() && n - k < 5 {
            k -= 1;
        }
        if k == n
            && n > first
            && matches!(
                toks[n - 1].lower().as_str(),
                "he" | "she" | "they" | "who" | "which"
            )
        {
            k = n - 1;
        }
        if k == n || k == first {
            return None;
        }
        // "in Guangzhou had reported", "China and Europe shows": a name after a preposition,
        // determiner or conjunction belongs to another phrase.
        let before_run = toks[k - 1].lower();
        let before_run = before_run.as_str();
        if is_preposition(before_run)
            || DETERMINER_WORDS.contains(&before_run)
            || matches!(before_run, "and" | "or" | "&" | "than" | "nor")
        {
            return None;
        }
        np = &toks[k..n];
        head_of(np, allow_it)?;
    }
    phrase_span(text, &np[0], &np[np.len() - 1])
}

/// How many of the last tokens before a cue [`phrase_start`] may lower-case: it reads at most
/// fifteen.
const LOWERED: usize = 16;

/// Where the noun phrase ending at the last token starts: after the last phrase boundary or
/// clause introducer, with leading connectives dropped. The lower-case form of each token it
/// reads is kept in `lowered` (token `base + k` at `k`) for [`head_of_loose`].
fn phrase_start<'t>(
    toks: &[Token<'t>],
    base: usize,
    lowered: &mut [Option<Lower<'t>>; LOWERED],
) -> Option<usize> {
    let n = toks.len();
    let mut i = n;
    while i > 0 {
        let t = &toks[i - 1];
        if i < n && t.ends_phrase() {
            break;
        }
        let slot = (i - 1).checked_sub(base).and_then(|k| lowered.get_mut(k));
        let w: &str = match slot {
            Some(slot) => slot.insert(t.lower()).as_str(),
            None => return None,
        };
        if introduces_clause(w) && i != n {
            break;
        }
        if w == "and" || w == "&" {
            // A list of speakers ("officials and experts") continues; "X did Y and Z said" stops.
            let prev_ok = i >= 2 && {
                let p = &toks[i - 2];
                !p.ends_phrase() && (p.capitalised() || cues::is_source_noun(&p.lower()))
            };
            if !prev_ok {
                break;
            }
        }
        if t.starts_phrase() && !t.raw.starts_with(['\'', '‘']) {
            i -= 1;
            break;
        }
        i -= 1;
        if n - i > 14 {
            return None;
        }
    }
    while i < n {
        let connective = match i.checked_sub(base).and_then(|k| lowered.get(k)) {
            Some(Some(low)) => is_connective(low.as_str()),
            _ => is_connective(&toks[i].lower()),
        };
        if !connective {
            break;
        }
        i += 1;
    }
    (i < n).then_some(i)
}

/// "Vasily Kashin, a researcher at X, said": up to two appositions after the name.
fn apposition(text: &str, toks: &[Token], allow_it: bool) -> Option<(usize, usize)> {
    let n = toks.len();
    let mut end_tok = toks[n - 1];
    let mut name_end = n; // exclusive index of the last name token + 1
    for round in 0..3 {
        // The apposition runs back to the token ending with a comma before it.
        let mut j = name_end - 1;
        while j > 0 && !toks[j - 1].raw.ends_with(',') {
            if toks[j - 1].raw.ends_with([';', ':', '.', '!', '?']) || name_end - j > 22 {
                return None;
            }
            j -= 1;
        }
        if j == 0 {
            return None;
        }
        let app_first = toks[j];
        let w = app_first.lower();
        let w = w.as_str();
        // "X, MP for Y, in a dig at Z, says": an adverbial next to the cue is no apposition
        // and stays out of the mention.
        if round == 0 && is_preposition(w) && !matches!(w, "of" | "for") {
            name_end = j;
            end_tok = toks[j - 1];
            continue;
        }
        let opens = matches!(
            w,
            "a" | "an"
                | "the"
                | "who"
                | "whose"
                | "one"
                | "now"
                | "then"
                | "also"
                | "himself"
                | "herself"
        ) || (!app_first.capitalised()
            && !is_connective(w)
            && !introduces_clause(w)
            && w.chars().all(|c| c.is_alphabetic() || c == '-'))
            || cues::is_title(w)
            || app_first
                .word()
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit())
            || w.chars().all(|c| c.is_ascii_digit());
        let opens = opens || app_first.capitalised();
        if !opens || introduces_clause(w) && !matches!(w, "who" | "which") {
            return None;
        }
        // "the lock keeper, Ivo Marsh,": a name in apposition vouches for a role noun that
        // the lexicon does not list.
        let app = &toks[j..name_end];
        let named = app.len() <= 4
            && app.iter().all(|t| t.capitalised())
            && !cues::is_capital_non_source(app[0].word());
        name_end = j;
        // The name itself: the phrase ending at the token before the comma.
        let name_toks = &toks[..name_end];
        let first = phrase_start_name(name_toks)?;
        let np = &name_toks[first..];
        let role = named
            && np.len() >= 2
            && matches!(np[0].lower().as_str(), "the" | "a" | "an" | "our" | "its");
        if let Some(h) = head_of_loose(np, allow_it, role, &[]) {
            let cap = np[h].capitalised() || cues::is_source_noun(&np[h].lower()) || role;
            if cap && !(np.len() == 1 && is_pronoun_source(&np[0].lower())) {
                return phrase_span(text, &np[0], &end_tok);
            }
        }
    }
    None
}

/// When the phrase starting at `first` is an apposition ("the MP for X", "a prominent
/// advocate") after "Name," (possibly after another apposition), the index where Name starts.
fn name_before_apposition(toks: &[Token], first: usize) -> Option<usize> {
    let w0 = toks.get(first)?.lower();
    let w0 = w0.as_str();
    let appositive = matches!(w0, "the" | "a" | "an") || cues::is_title(w0);
    if !appositive {
        return None;
    }
    let mut f = first;
    for _ in 0..2 {
        if f == 0 || !toks[f - 1].raw.ends_with(',') {
            return None;
        }
        let start = phrase_start_name(&toks[..f])?;
        let seg = &toks[start..f];
        let name_like = seg.len() <= 4
            && seg.iter().all(|t| t.capitalised())
            && !cues::is_capital_non_source(seg[0].word())
            && !seg.iter().any(|t| cues::is_title(&t.lower()));
        if name_like {
            return Some(start);
        }
        let w = seg[0].lower();
        let w = w.as_str();
        if seg.len() > 10 || !(seg[0].capitalised() || matches!(w, "the" | "a" | "an")) {
            return None;
        }
        f = start;
    }
    None
}

/// Like [`phrase_start`] for a name whose last token carries the apposition comma.
fn phrase_start_name(toks: &[Token]) -> Option<usize> {
    let n = toks.len();
    if n == 0 {
        return None;
    }
    let mut i = n - 1;
    while i > 0 {
        let t = &toks[i - 1];
        let w = t.lower();
        let w = w.as_str();
        // "Citizenship and Immigration Services": "and" inside a capitalised name continues it.
        let and_in_name =
            w == "and" && i >= 2 && toks[i - 2].capitalised() && toks[i].capitalised();
        if t.ends_phrase() || introduces_clause(w) || (w == "and" && !and_in_name) || n - i > 10 {
            break;
        }
        if t.starts_phrase() {
            i -= 1;
            break;
        }
        i -= 1;
    }
    while i < n && is_connective(&toks[i].lower()) {
        i += 1;
    }
    (i < n).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_stays_in_the_name() {
        let text = "cargo according to the Hamburg Rules, Mr. Vik said";
        let cue = text.find(" said").unwrap() + 1;
        let got = before(text, 0, cue, false, false).map(|(a, b)| &text[a..b]);
        assert_eq!(got, Some("Mr. Vik"));
    }
}
