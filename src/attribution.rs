//! Attribution: for each sentence, the cue, the source, any relay, and whether the content is
//! quoted.
//!
//! The engine makes one pass over the sentences, with a moving cursor over the quotations, then
//! one pass over the quotations that span several sentences and a few passes for carried-over
//! quotations and transcripts. Per sentence (module `sentence`), cue verbs and phrase cues
//! (module `phrases`) are found by one scan over its words with table lookups; cues inside
//! quotation marks are the speaker's words, not the article's, and are skipped. Every cue with an
//! acceptable source phrase (module `subject`, which prefers refusing to guessing) becomes a
//! candidate, and the best one wins:
//! - "According to X, Y said" (the relay form) outranks everything;
//! - otherwise the earliest cue wins, except that a cue inside another candidate's source phrase
//!   is dropped ("Lee, asked whether he will run, was quoted as saying …") and a speaker tag
//!   closing the sentence outranks a cue inside its content ("… shows that X wants …, Lee told
//!   the paper");
//! - a later outlet tag or "according to" becomes the relay (`via`).
//!
//! A quotation counts only when it has at least four words or ends with punctuation; shorter
//! quoted labels are scare quotes, though a short double-quoted phrase inside reported content
//! makes the form `mixed`.
//!
//! Rules, by the name they report in `rule`:
//! - `source-cue`: "X said …", "X, a researcher at …, said …", "…, the minister said."
//! - `cue-source`: an inverted tag, "“…,” said X." / "…, said X."
//! - `participle`: "X issued a statement, saying …" (the clause subject is the source).
//! - `according-to`: "According to X, …" / "…, according to X." (X is the source).
//! - `according-to-relay`: "According to X, Y said …" (Y is the source, X the relay in `via`).
//! - `quoted-as-saying`: "X quoted Y as saying …" (Y the source, X the relay); also "Y was
//!   quoted as saying in X …".
//! - `as-put-it`: "as X put it".
//! - `noun-cue`: "comments from X that …", "X's statement that …".
//! - `colon-quote`: "X: “…”".
//! - `vague-noun`: an unowned claim, "amid accusations that …": the noun is both cue and (vague)
//!   source.
//! - `vague-cue`: a sourceless cue, "it is reported that", "reportedly", "is said to": the cue
//!   stands for the (vague) source and joins no group.
//! - `cue-only`: an inflected strong cue verb ("said", "warns") outside quotations whose source
//!   no rule could name safely; the sentence reports, the source is left empty, not guessed.
//! - `relay-tag`: added to any rule when a trailing "…, Xinhua reported." names the relay.
//! - `quote-span`: a sentence inside a quotation whose speaker tag comes in a later sentence.
//! - `quote-continued`: a sentence inside a quotation opened in an earlier attributed sentence.
//! - `quote-inherited`: a cue-less quotation right after an attributed sentence takes its speaker.
//! - `quote-unattributed`: a sentence that is mostly a quotation with no speaker in reach: it
//!   reports someone's words, but the source is left empty rather than guessed.
//! - `quote-fragment`: a sentence without a cue that echoes a short phrase in double quotation
//!   marks ("… called the plan “a gift”"); single-quoted labels stay scare quotes.
//! - `signature`: a dash and a name before a quotation or a handle, "― Jane Roe “…”",
//!   "— Jane Roe (@jroe)".
//! - `speaker-label`: a transcript line, "ROE: …".
//! - `speaker-turn`: the following sentences of the same transcript paragraph.

mod phrases;
mod scan;
mod sentence;
mod subject;
mod words;

pub(crate) use words::trim_prefix;

use crate::keywords::tokens::Tokens;
use crate::offsets::Utf16Cursor;
use crate::quotes::Quote;
use crate::schema::{Attribution, Cue, Form, Kind, Mention, Text};
use crate::segment::Sentence;
use std::borrow::Cow;

/// A mention found in the text, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct RawMention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it names.
    pub kind: Kind,
    /// Index of its source once mentions are grouped.
    pub entity: Option<usize>,
}

/// The attribution of one sentence, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Quoted, paraphrased or both.
    pub form: Form,
    /// The cue span.
    pub cue: Option<(usize, usize)>,
    /// The source mention.
    pub source: Option<RawMention>,
    /// Relays, outermost first.
    pub via: Vec<RawMention>,
    /// Carried over from an earlier sentence.
    pub continued: bool,
    /// Quotations in the sentence.
    pub quotes: Vec<(usize, usize)>,
    /// The rule that fired.
    pub rule: &'static str,
}

impl Found {
    /// True when the source is vague, or when there is no source at all.
    pub fn is_vague(&self) -> bool {
        self.source
            .as_ref()
            .map(|m| m.kind == Kind::Vague)
            .unwrap_or(true)
    }

    /// Converts to the schema type with UTF-16 offsets.
    ///
    /// `units` converts the offsets; they lie in or near the sentence, so a cursor that has just
    /// converted the sentence's start reaches them with short counts. Taken by value: the
    /// quotations are converted in their own vector (a pair of offsets has the size of a
    /// [`Span`](crate::schema::Span)), so that ~10k attributions with quotations per 4 MB of news
    /// allocate and free no second one.
    pub(crate) fn into_schema(self, text: &str, units: &mut Utf16Cursor) -> Attribution {
        let cue = self.cue.map(|(a, b)| Cue {
            text: crate::cues::spelling(&text[a..b])
                .map_or_else(|| Cow::Owned(text[a..b].to_string()), Cow::Borrowed),
            start: units.at(a),
            end: units.at(b),
        });
        let mut mention = |m: &RawMention| Mention {
            text: Text::from(&text[m.start..m.end]),
            start: units.at(m.start),
            end: units.at(m.end),
            kind: m.kind,
            entity: m.entity,
        };
        let source = self.source.as_ref().map(&mut mention);
        let via = self.via.iter().map(&mut mention).collect();
        Attribution {
            form: self.form,
            cue,
            source,
            via,
            continued: self.continued,
            quotes: self
                .quotes
                .into_iter()
                .map(|(a, b)| units.span(a, b))
                .collect(),
            rule: Cow::Borrowed(self.rule),
        }
    }
}

/// A quotation clipped to one sentence, flagged when it is a real quotation (not a scare quote).
#[derive(Debug, Clone, Copy)]
struct Span2 {
    start: usize,
    end: usize,
}

/// Merges nested and overlapping quotations into disjoint spans and keeps the real ones, those
/// the quotation pass weighed as speech ([`Quote::speech`]); short labels in quotation marks are
/// scare quotes. The second list holds the short quoted phrases ([`Quote::phrase`]).
fn real_quotes(text: &str, quotes: &[Quote]) -> (Vec<Span2>, Vec<Span2>) {
    // (start, end, real, short double-quoted phrase)
    let mut merged: Vec<(usize, usize, bool, bool)> = Vec::new();
    for q in quotes {
        if q.end <= q.start || q.end > text.len() {
            continue;
        }
        let (real, phrase) = (q.speech, q.phrase);
        match merged.last_mut() {
            Some(last) if q.start < last.1 => {
                // Nested inside the previous one: the outer quotation decides.
                if q.end > last.1 {
                    last.1 = q.end;
                    last.2 |= real;
                }
            }
            _ => merged.push((q.start, q.end, real, phrase)),
        }
    }
    let pick = |real: bool| {
        merged
            .iter()
            .filter(|m| if real { m.2 } else { !m.2 && m.3 })
            .map(|&(start, end, _, _)| Span2 { start, end })
            .collect()
    };
    (pick(true), pick(false))
}

/// True when the sentence is a line of its own without closing punctuation: a headline.
fn is_title_line(text: &str, s: &Sentence) -> bool {
    let body = text[s.start..s.end].trim_end();
    let own_line = text[s.end..]
        .chars()
        .find(|c| !matches!(c, ' ' | '\t'))
        .map_or(true, |c| c == '\n' || c == '\r' || c == '<');
    own_line && !body.ends_with(['.', '!', '?', ':', '"', '”', '’', '\''])
}

/// Finds the attribution of every sentence.
///
/// `quotes` and `long_dashes` are the text's quotations and long dashes, as
/// [`crate::quotes::find_with_dashes`] gives them. `tokens` are the keyword stage's tokens of the
/// same sentences, which stand in for the sentences' bytes where the cue rules look for candidate
/// words.
pub fn attribute(
    text: &str,
    sentences: &[Sentence],
    quotes: &[Quote],
    long_dashes: &[usize],
    tokens: &Tokens,
) -> Vec<Option<Found>> {
    let (spans, phrases) = real_quotes(text, quotes);
    // The quotations and quoted phrases of each sentence left without an attribution, for the
    // last pass (which only such a sentence can reach): one list for all of them and each
    // sentence's range in it, instead of a vector or an entry per sentence.
    let mut quoted_spans: Vec<(usize, usize)> = Vec::new();
    let mut quoted_only: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    // The quotations clipped to the current sentence, in one buffer reused for every sentence.
    let mut inside: Vec<(usize, usize)> = Vec::new();
    let mut p = 0usize;
    let mut out: Vec<Option<Found>> = Vec::with_capacity(sentences.len());
    // Whether each sentence is attributed yet, kept beside `out`: the passes below ask it of
    // every sentence, and a large `Option<Found>` per sentence makes each pass over `out` read
    // megabytes.
    let mut attributed: Vec<bool> = Vec::with_capacity(sentences.len());
    // Whether each sentence is a transcript line ("speaker-label" or "speaker-turn"), kept
    // beside `out` for the same reason: the transcript pass asks it of every attributed sentence.
    let mut speaker: Vec<bool> = Vec::with_capacity(sentences.len());
    // The sentences that open with a long dash, the only ones a signature line can be: noted
    // while each sentence's text is at hand, so that the signature pass reads no other text.
    let mut dashed: Vec<usize> = Vec::new();
    // For each span, the first and last sentence it touches.
    let mut span_sents: Vec<(usize, usize)> = vec![(usize::MAX, 0); spans.len()];
    let mut q = 0usize;
    // The buffers and memos of the sentence rule, kept from sentence to sentence.
    let mut scratch = sentence::Scratch::default();
    let mut token_scan = scan::TokenScan::new(long_dashes, tokens);
    for (si, s) in sentences.iter().enumerate() {
        while q < spans.len() && spans[q].end <= s.start {
            q += 1;
        }
        inside.clear();
        let mut j = q;
        while j < spans.len() && spans[j].start < s.end {
            let (a, b) = (spans[j].start.max(s.start), spans[j].end.min(s.end));
            if a < b {
                inside.push((a, b));
                let e = &mut span_sents[j];
                e.0 = e.0.min(si);
                e.1 = e.1.max(si);
            }
            j += 1;
        }
        let mut found =
            sentence::attribute_sentence(text, s, &inside, &mut token_scan, &mut scratch);
        // A headline ("Frost threatens apple harvest") narrates; it reports only with a
        // quotation.
        if si == 0 && inside.is_empty() && is_title_line(text, s) {
            found = None;
        }
        // A short quoted phrase in reported content is a partial quotation: "hitting out at a
        // “deeply flawed” plan" makes the report mixed. (Without a cue it is a scare quote.)
        while p < phrases.len() && phrases[p].end <= s.start {
            p += 1;
        }
        let phrase = phrases
            .get(p)
            .filter(|ph| ph.start < s.end)
            .map(|ph| (ph.start.max(s.start), ph.end.min(s.end)));
        match (found.as_mut(), phrase) {
            (Some(f), Some(ph)) if f.form == Form::Indirect => {
                f.form = Form::Mixed;
                f.quotes.push(ph);
            }
            _ => {}
        }
        if found.is_none() && (!inside.is_empty() || phrase.is_some()) {
            let from = quoted_spans.len();
            quoted_spans.extend_from_slice(&inside);
            quoted_spans.extend(phrase);
            quoted_only.push((si, from..quoted_spans.len()));
        }
        attributed.push(found.is_some());
        speaker.push(found.as_ref().is_some_and(|f| f.rule == "speaker-label"));
        let head = text.as_bytes().get(s.start..s.end).unwrap_or_default();
        if head.starts_with("―".as_bytes()) || head.starts_with("—".as_bytes()) {
            dashed.push(si);
        }
        out.push(found);
    }

    // Quotations over several sentences: the speaker tag of the opening sentence carries forward;
    // without one, the tag of the closing sentence reaches back.
    for (k, &(first, last)) in span_sents.iter().enumerate() {
        if first == usize::MAX || last <= first {
            continue;
        }
        let opener = out[first]
            .as_ref()
            .filter(|f| !f.continued && f.source.is_some());
        let closer = out[last].as_ref().filter(|f| {
            !f.continued && f.source.is_some() && f.cue.is_some_and(|c| c.0 >= spans[k].end)
        });
        // What the other sentences take from the tag: the source, and from a closing tag its
        // cue and relays too (copied out, as the sentences are written into the same list).
        let (cue, source, via, continued, rule) = match (opener, closer) {
            (Some(o), _) => (None, o.source.clone(), Vec::new(), true, "quote-continued"),
            (None, Some(c)) => (c.cue, c.source.clone(), c.via.clone(), false, "quote-span"),
            _ => continue,
        };
        let range = if continued {
            first + 1..last + 1
        } else {
            first..last
        };
        for i in range {
            if !attributed[i] {
                let s = &sentences[i];
                attributed[i] = true;
                out[i] = Some(Found {
                    form: Form::Direct,
                    cue,
                    source: source.clone(),
                    via: via.clone(),
                    continued,
                    quotes: vec![(spans[k].start.max(s.start), spans[k].end.min(s.end))],
                    rule,
                });
            }
        }
    }

    // A cue-less sentence that opens with a quotation right after a sentence quoting someone
    // carries that speaker on.
    let mut q = 0usize;
    for i in 1..sentences.len() {
        let s = &sentences[i];
        while q < spans.len() && spans[q].end <= s.start {
            q += 1;
        }
        if attributed[i] {
            continue;
        }
        // The quoted share of the sentence, from the disjoint spans that overlap it.
        let mut quoted = 0usize;
        let mut clipped = Vec::new();
        let mut j = q;
        while j < spans.len() && spans[j].start < s.end {
            let (a, b) = (spans[j].start.max(s.start), spans[j].end.min(s.end));
            if a < b {
                quoted += b - a;
                clipped.push((a, b));
            }
            j += 1;
        }
        let opens_quote = clipped.first().is_some_and(|&(a, _)| a <= s.start + 3);
        let mostly_quoted = quoted * 2 >= s.end - s.start;
        if !(opens_quote || mostly_quoted) {
            continue;
        }
        // The most recent speaker: the sentence just before, or one a little earlier in the
        // same paragraph.
        // `attributed` says which sentence that is; only its own attribution is read.
        let prev = (i.saturating_sub(3)..i)
            .rev()
            .filter(|&k| k + 1 == i || sentences[k].paragraph == s.paragraph)
            .find(|&k| attributed[k])
            .and_then(|k| out[k].as_ref())
            .filter(|p| {
                p.source.is_some() && !p.is_vague() && (mostly_quoted || p.form != Form::Indirect)
            })
            .map(|p| p.source.clone());
        if let Some(source) = prev {
            attributed[i] = true;
            out[i] = Some(Found {
                form: Form::Direct,
                cue: None,
                source,
                via: Vec::new(),
                continued: true,
                quotes: clipped,
                rule: "quote-inherited",
            });
        } else if mostly_quoted {
            // Someone's words, but no speaker the rules can name: reported, source unknown.
            attributed[i] = true;
            out[i] = Some(Found {
                form: Form::Direct,
                cue: None,
                source: None,
                via: Vec::new(),
                continued: false,
                quotes: clipped,
                rule: "quote-unattributed",
            });
        }
    }

    // A quotation or quoted phrase with no cue and no speaker in reach: someone's words are
    // echoed, the speaker unnamed.
    for (i, q) in quoted_only {
        if !attributed[i] {
            let q = quoted_spans[q].to_vec();
            attributed[i] = true;
            out[i] = Some(Found {
                form: Form::Mixed,
                cue: None,
                source: None,
                via: Vec::new(),
                continued: false,
                quotes: q,
                rule: "quote-fragment",
            });
        }
    }

    // A signature line of its own ("— Jane Roe (@jroe) May 2") signs the post just above it.
    for i in dashed {
        if i == 0 || attributed[i] {
            continue;
        }
        let s = &sentences[i];
        let body = &text[s.start..s.end];
        let Some(c) = phrases::signature(body, Some(0)) else {
            continue;
        };
        let (dash, name) = (c.get(0).expect("match"), c.get(1).expect("group"));
        if dash.start() != 0 || !dash.as_str().ends_with(')') {
            continue;
        }
        let cue = (
            s.start,
            s.start + body.chars().next().map_or(1, char::len_utf8),
        );
        let source = RawMention {
            start: s.start + name.start(),
            end: s.start + name.end(),
            kind: Kind::Person,
            entity: None,
        };
        for k in (i.saturating_sub(3)..i).rev() {
            if attributed[k] || sentences[k].paragraph != s.paragraph {
                break;
            }
            attributed[k] = true;
            out[k] = Some(Found {
                form: Form::Direct,
                cue: Some(cue),
                source: Some(source.clone()),
                via: Vec::new(),
                continued: false,
                quotes: Vec::new(),
                rule: "signature",
            });
        }
    }

    // Transcripts: the sentences after "NAME: …" in the same paragraph are NAME's.
    for i in 1..sentences.len() {
        if attributed[i]
            || !attributed[i - 1]
            || sentences[i].paragraph != sentences[i - 1].paragraph
        {
            continue;
        }
        if !speaker[i - 1] {
            continue;
        }
        let prev = out[i - 1].as_ref().map(|p| (p.form, p.source.clone()));
        if let Some((form, source)) = prev {
            attributed[i] = true;
            speaker[i] = true;
            out[i] = Some(Found {
                form,
                cue: None,
                source,
                via: Vec::new(),
                continued: true,
                quotes: Vec::new(),
                rule: "speaker-turn",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Option<Found>> {
        let seg = crate::segment::segment(text);
        let tokens = Tokens::new(text, &seg.sentences);
        let (quotes, dashes) = crate::quotes::find_with_dashes(text);
        attribute(text, &seg.sentences, &quotes, &dashes, &tokens)
    }

    #[test]
    fn source_cue() {
        let text = "The mayor said the bridge would reopen.";
        let f = run(text)[0].clone().unwrap();
        let src = f.source.unwrap();
        assert_eq!(&text[src.start..src.end], "The mayor");
        assert_eq!(f.rule, "source-cue");
    }

    #[test]
    fn according_to_relay() {
        let text = "According to Example News, the ministry stated that talks would resume.";
        let f = run(text)[0].clone().unwrap();
        assert_eq!(f.rule, "according-to-relay");
        assert_eq!(&text[f.via[0].start..f.via[0].end], "Example News");
    }
}
