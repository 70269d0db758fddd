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

/// Checks a candidate noun phrase and returns the index of its head token. With `loose`, any
/// lower-case noun after a determiner is accepted as head ("the announcer said"), which only
/// strong speech verbs allow. `known` holds the classes of the
/// first tokens when a caller has them already (see [`phrase_start`]).
fn head_of_loose(np: &[Token], allow_it: bool, loose: bool, known: &[Class]) -> Option<usize> {
    if np.is_empty() || np.len() > 14 {
        return None;
    }
    // One pass: the first preposition, and any word that shows a clause (either refuses).
    let mut p = None;
    let mut determined = false;
    // The class of the word before the current one, then of the head.
    let mut prev = Class::default();
    let mut head_class = None;
    for (i, t) in np.iter().enumerate() {
        let c = known.get(i).copied().unwrap_or_else(|| t.class());
        if i == 0 {
            determined = c.is(HEAD_DETERMINER);
        }
        if p.is_none() && c.is(PREPOSITION) {
            p = Some(i);
            head_class = Some(prev);
        }
        // Capitalised words are names ("Will Smith", "Theresa May"), whatever they spell.
        let name_or_it = t.capitalised() || (np.len() == 1 && c.is(IT) && allow_it);
        if !name_or_it && blocks(t, c) {
            return None;
        }
        prev = c;
    }
    let p = p.unwrap_or(np.len());
    if p == 0 {
        return None;
    }
    let head = p - 1;
    let h = &np[head];
    // Without a preposition the head is the last word.
    let hc = head_class.unwrap_or(prev);
    // A short ASCII word that is no possessive: its classes answer for its lower-case form, so
    // a capitalised one, which is read no further as text, is not lower-cased.
    let exact = hc.is(SHORT) && !ascii_possessive(h.word());
    let lower;
    let w = if hc.is(PLAIN) || exact && h.capitalised() {
        h.word()
    } else {
        lower = h.lower();
        lower.as_str()
    };
    let w = trim_suffix(trim_suffix(w, "'s"), "’s");
    let (pronoun, it) = if exact {
        (hc.is(PERSONAL | IT), hc.is(IT))
    } else {
        (is_pronoun_source(w), w == "it")
    };
    if np.len() == 1 && pronoun {
        return (!it || allow_it).then_some(head);
    }
    if pronoun {
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
        let shouting = || {
            np.iter()
                .all(|t| t.word().chars().all(|c| !c.is_lowercase()))
        };
        if np.len() >= 3 && shouting() {
            return None;
        }
        // A capitalised cue verb ("Says") or a day is no name.
        if head == 0 && np.len() == 1 && cues::verb(word).is_some() {
            return None;
        }
        return Some(head);
    }
    let nounish = w.len() > 2 && w.chars().all(|c| c.is_alphabetic() || c == '-');
    // With a speech verb, a bare plural is people too ("auditors said").
    let bare_plural = np.len() <= 3 && w.ends_with('s') && !w.ends_with("ss");
    let source_noun = if exact {
        hc.is(SOURCE_NOUN)
    } else {
        cues::is_source_noun(w)
    };
    (source_noun || loose && nounish && (determined && head > 0 || bare_plural)).then_some(head)
}

/// Whether the ASCII word `w` ends with "'s" in any case: its lower-case form then loses that
/// ending as a possessive.
fn ascii_possessive(w: &str) -> bool {
    matches!(w.as_bytes(), [.., b'\'', s] if s | 0x20 == b's')
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
    before_loose(text, lo, cue, ing, allow_it, false, &mut Vec::new())
}

/// [`before`], accepting any noun after a determiner when `loose` (strong speech verbs). The
/// tokens of the window are read into `toks`, a buffer the caller keeps from cue to cue.
pub(crate) fn before_loose<'t>(
    text: &'t str,
    lo: usize,
    cue: usize,
    ing: bool,
    allow_it: bool,
    loose: bool,
    toks: &mut Vec<Token<'t>>,
) -> Option<(usize, usize)> {
    window(text, lo, cue, toks);
    before_tokens(text, toks, ing, allow_it, loose)
}

/// Reads into `toks` the tokens of the window that [`before_loose`] searches for the phrase
/// before the cue at `cue`, from `lo` at most: a caller that asks several rules about one cue
/// reads them once.
pub(crate) fn window<'t>(text: &'t str, lo: usize, cue: usize, toks: &mut Vec<Token<'t>>) {
    tokens_into(toks, text, lo.max(back(text, cue, REACH)), cue, usize::MAX);
}

/// [`before_loose`] on the tokens of its [`window`].
pub(crate) fn before_tokens(
    text: &str,
    toks: &[Token],
    ing: bool,
    allow_it: bool,
    loose: bool,
) -> Option<(usize, usize)> {
    before_run(text, toks, aux_run(toks, ing), allow_it, loose)
}

/// The auxiliaries and adverbs between a subject and its cue ("has repeatedly said"), read
/// back from the end of `toks` up to a phrase boundary: the number of tokens before them, and
/// the class of the word that ends them (none when a boundary or the start ends them).
pub(crate) fn aux_run(toks: &[Token], ing: bool) -> (usize, Option<Class>) {
    let mut n = toks.len();
    while n > 0 && !toks[n - 1].ends_phrase() {
        let c = toks[n - 1].class();
        if !c.aux_or_adverb(ing) {
            return (n, Some(c));
        }
        n -= 1;
    }
    (n, None)
}

/// [`before_tokens`] once its [`aux_run`] is known.
pub(crate) fn before_run(
    text: &str,
    toks: &[Token],
    (n, last_class): (usize, Option<Class>),
    allow_it: bool,
    loose: bool,
) -> Option<(usize, usize)> {
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
    // The classes of the last tokens, from `base` on, as the phrase start read them.
    let base = n.saturating_sub(CLASSED);
    let mut classes = [Class::default(); CLASSED];
    // Every token from `start` on has its class in `classes`.
    let start = phrase_start(&toks[..n], base, &mut classes, last_class)?;
    let class_at = |k: usize| match classes.get(k.wrapping_sub(base)) {
        Some(&c) if k >= start => c,
        _ => toks[k].class(),
    };
    let mut first = start;
    let mut known = classes.get(first - base..n - base).unwrap_or(&[]);
    // "Len McCluskey, the general secretary of the union said": an apposition without its
    // closing comma; the name before it is the source.
    if let Some(f) = name_before_apposition(toks, first, known.first().copied()) {
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
        if k == n && n > first && class_at(n - 1).is(PERSONAL) {
            k = n - 1;
        }
        if k == n || k == first {
            return None;
        }
        // "in Guangzhou had reported", "China and Europe shows": a name after a preposition,
        // determiner or conjunction belongs to another phrase.
        if class_at(k - 1).is(PREPOSITION | DETERMINER | COORDINATOR) {
            return None;
        }
        np = &toks[k..n];
        let known = match classes.get(k.wrapping_sub(base)..n - base) {
            Some(known) if k >= start => known,
            _ => &[],
        };
        head_of_loose(np, allow_it, false, known)?;
    }
    phrase_span(text, &np[0], &np[np.len() - 1])
}

/// How many of the last tokens before a cue [`phrase_start`] may classify: it reads at most
/// fifteen.
const CLASSED: usize = 16;

/// Where the noun phrase ending at the last token starts: after the last phrase boundary or
/// clause introducer, with leading connectives dropped. The classes of each token it reads are
/// kept in `classes` (token `base + k` at `k`) for [`head_of_loose`]; `last` is the class of the
/// last token when the caller has it.
fn phrase_start(
    toks: &[Token],
    base: usize,
    classes: &mut [Class; CLASSED],
    last: Option<Class>,
) -> Option<usize> {
    let n = toks.len();
    let mut i = n;
    while i > 0 {
        let t = &toks[i - 1];
        if i < n && t.ends_phrase() {
            break;
        }
        let slot = (i - 1).checked_sub(base).and_then(|k| classes.get_mut(k))?;
        let c = match last {
            Some(c) if i == n => c,
            _ => t.class(),
        };
        *slot = c;
        if c.is(CLAUSE) && i != n {
            break;
        }
        if c.is(AND | AMPERSAND) {
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
    // Every token from `i` on was classified above.
    while i < n {
        let known = i.checked_sub(base).and_then(|k| classes.get(k)).copied();
        if !known.unwrap_or_else(|| toks[i].class()).is(CONNECTIVE) {
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
        let c = app_first.class();
        // "X, MP for Y, in a dig at Z, says": an adverbial next to the cue is no apposition
        // and stays out of the mention.
        if round == 0 && c.is(PREPOSITION) && !c.is(OF_FOR) {
            name_end = j;
            end_tok = toks[j - 1];
            continue;
        }
        let opens = app_first.capitalised() || c.is(APPOSITION) || {
            let w = app_first.lower();
            let w = w.as_str();
            (!c.is(CONNECTIVE | CLAUSE) && w.chars().all(|c| c.is_alphabetic() || c == '-'))
                || cues::is_title(w)
                || app_first
                    .word()
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit())
                || w.chars().all(|c| c.is_ascii_digit())
        };
        if !opens || c.is(CLAUSE) && !c.is(WHO_WHICH) {
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
        let role = named && np.len() >= 2 && np[0].class().is(ROLE_DETERMINER);
        if let Some(h) = head_of_loose(np, allow_it, role, &[]) {
            let cap = np[h].capitalised() || cues::is_source_noun(&np[h].lower()) || role;
            if cap && !(np.len() == 1 && np[0].class().is(PERSONAL | IT)) {
                return phrase_span(text, &np[0], &end_tok);
            }
        }
    }
    None
}

/// When the phrase starting at `first` is an apposition ("the MP for X", "a prominent
/// advocate") after "Name," (possibly after another apposition), the index where Name starts.
/// `class` is the class of the token at `first` when the caller has it.
fn name_before_apposition(toks: &[Token], first: usize, class: Option<Class>) -> Option<usize> {
    let t0 = toks.get(first)?;
    let c0 = class.unwrap_or_else(|| t0.class());
    let appositive = c0.is(ARTICLE) || t0.is_title(c0);
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
        if seg.len() > 10 || !(seg[0].capitalised() || seg[0].class().is(ARTICLE)) {
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
        let c = t.class();
        // "Citizenship and Immigration Services": "and" inside a capitalised name continues it.
        let and = c.is(AND);
        let and_in_name = and && i >= 2 && toks[i - 2].capitalised() && toks[i].capitalised();
        if t.ends_phrase() || c.is(CLAUSE) || (and && !and_in_name) || n - i > 10 {
            break;
        }
        if t.starts_phrase() {
            i -= 1;
            break;
        }
        i -= 1;
    }
    while i < n && toks[i].class().is(CONNECTIVE) {
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
