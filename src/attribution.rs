//! Attribution: for each sentence, the cue, the source, any relay, and whether the content is
//! quoted.
//!
//! Rules, by the name they report in `rule`:
//! - `according-to`: "According to X, …" (X is the source).
//! - `according-to-relay`: "According to X, Y said …" (Y is the source, X the relay).
//! - `source-cue`: "X said …", "X, a researcher at …, said …".
//! - `cue-source`: "“…,” said X."
//! - `quote-continued`: a sentence inside a quotation opened in an earlier attributed sentence.

use std::sync::OnceLock;

use regex::Regex;

use crate::offsets::Utf16Index;
use crate::quotes::Quote;
use crate::schema::{Attribution, Cue, Form, Kind, Mention, Span};
use crate::segment::Sentence;

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
    /// True when the source is vague.
    pub fn is_vague(&self) -> bool {
        self.source
            .as_ref()
            .map(|m| m.kind == Kind::Vague)
            .unwrap_or(false)
    }

    /// Converts to the schema type with UTF-16 offsets.
    pub fn to_schema(&self, text: &str, index: &Utf16Index) -> Attribution {
        let mention = |m: &RawMention| Mention {
            text: text[m.start..m.end].to_string(),
            start: index.at(m.start),
            end: index.at(m.end),
            kind: m.kind,
            entity: m.entity,
        };
        Attribution {
            form: self.form,
            cue: self.cue.map(|(a, b)| Cue {
                text: text[a..b].to_string(),
                start: index.at(a),
                end: index.at(b),
            }),
            source: self.source.as_ref().map(mention),
            via: self.via.iter().map(mention).collect(),
            continued: self.continued,
            quotes: self
                .quotes
                .iter()
                .map(|&(a, b)| Span {
                    start: index.at(a),
                    end: index.at(b),
                })
                .collect(),
            rule: self.rule.to_string(),
        }
    }
}

fn cue_verb_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let forms = crate::cues::all_verb_forms().join("|");
        Regex::new(&format!(r"\b(?:{forms})\b")).expect("cue verb pattern")
    })
}

fn according_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\baccording to ([^,.;]{2,120}?)(?:,|\.|;|$)")
            .expect("according-to pattern")
    })
}

/// Finds the attribution of every sentence.
pub fn attribute(text: &str, sentences: &[Sentence], quotes: &[Quote]) -> Vec<Option<Found>> {
    let mut out: Vec<Option<Found>> = Vec::with_capacity(sentences.len());
    let mut q = 0usize;
    for s in sentences {
        while q < quotes.len() && quotes[q].end <= s.start {
            q += 1;
        }
        let inside: Vec<&Quote> = quotes[q..].iter().take_while(|x| x.start < s.end).collect();
        let mut found = attribute_sentence(text, s, &inside);
        if found.is_none() {
            // A sentence wholly inside a quotation that began in the previous, attributed sentence
            // carries that attribution on.
            let in_open_quote = inside.iter().any(|x| x.start < s.start && !x.single);
            if in_open_quote {
                if let Some(Some(prev)) = out.last() {
                    found = Some(Found {
                        form: Form::Direct,
                        cue: None,
                        source: prev.source.clone(),
                        via: Vec::new(),
                        continued: true,
                        quotes: clip(&inside, s),
                        rule: "quote-continued",
                    });
                }
            }
        }
        out.push(found);
    }
    out
}

fn clip(quotes: &[&Quote], s: &Sentence) -> Vec<(usize, usize)> {
    quotes
        .iter()
        .map(|q| (q.start.max(s.start), q.end.min(s.end)))
        .collect()
}

fn attribute_sentence(text: &str, s: &Sentence, quotes: &[&Quote]) -> Option<Found> {
    let body = &text[s.start..s.end];
    let real_quotes: Vec<(usize, usize)> = quotes
        .iter()
        .filter(|q| word_count(q.inner(text)) > 3 || q.start < s.start || q.end > s.end)
        .map(|q| (q.start.max(s.start), q.end.min(s.end)))
        .collect();
    let quoted_chars: usize = real_quotes.iter().map(|(a, b)| b - a).sum();
    let form = if real_quotes.is_empty() {
        Form::Indirect
    } else if quoted_chars * 10 >= body.len() * 7 {
        Form::Direct
    } else {
        Form::Mixed
    };
    let in_quote = |pos: usize| real_quotes.iter().any(|&(a, b)| pos > a && pos < b);

    // "According to X, …"
    let mut via = None;
    let mut search_from = 0;
    if let Some(c) = according_re().captures(body) {
        let m = c.get(1).expect("group");
        let cue = c.get(0).expect("match");
        let mention = RawMention {
            start: s.start + m.start(),
            end: s.start + m.end(),
            kind: kind_of(m.as_str()),
            entity: None,
        };
        via = Some((
            mention,
            (
                s.start + cue.start(),
                s.start + cue.start() + "according to".len(),
            ),
        ));
        search_from = cue.end();
    }

    // The first cue verb outside quotation marks with a plausible subject before it.
    for m in cue_verb_re().find_iter(&body[search_from..]) {
        let (a, b) = (
            s.start + search_from + m.start(),
            s.start + search_from + m.end(),
        );
        if in_quote(a) {
            continue;
        }
        let clause_start = s.start + search_from;
        if let Some(subject) = subject_before(text, clause_start, a) {
            let (source, relay, rule) = match via.take() {
                Some((v, _)) => (subject, vec![v], "according-to-relay"),
                None => (subject, Vec::new(), "source-cue"),
            };
            return Some(Found {
                form,
                cue: Some((a, b)),
                source: Some(source),
                via: relay,
                continued: false,
                quotes: real_quotes,
                rule,
            });
        }
        if let Some(subject) = subject_after(text, b, s.end) {
            return Some(Found {
                form,
                cue: Some((a, b)),
                source: Some(subject),
                via: Vec::new(),
                continued: false,
                quotes: real_quotes,
                rule: "cue-source",
            });
        }
    }
    via.map(|(v, cue)| Found {
        form,
        cue: Some(cue),
        source: Some(v),
        via: Vec::new(),
        continued: false,
        quotes: real_quotes,
        rule: "according-to",
    })
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Words that cannot head or end a subject noun phrase.
const NON_SUBJECT: &[&str] = &[
    "it", "this", "which", "who", "that", "there", "what", "i", "you", "we",
];

/// The subject noun phrase ending just before the cue at `cue`, if the clause has one.
fn subject_before(text: &str, clause_start: usize, cue: usize) -> Option<RawMention> {
    let pre = &text[clause_start..cue];
    let trimmed = pre.trim_end();
    if trimmed.is_empty() {
        return None;
    }
    // "X, a researcher at Y, said": the apposition belongs to the subject.
    let mut parts: Vec<&str> = trimmed.split(", ").collect();
    let mut take = 1;
    if trimmed.ends_with(',') && parts.len() >= 2 {
        take = 2;
    }
    if parts.len() < take {
        return None;
    }
    let cand_parts = parts.split_off(parts.len() - take);
    let mut cand = cand_parts.join(", ");
    let cand_start_rel = trimmed.len() - cand.len();
    // Drop leading connectives and closing quote marks.
    let lead = cand.len()
        - cand
            .trim_start_matches(|c: char| c.is_whitespace() || "\"”’'".contains(c))
            .len();
    let mut start = clause_start + cand_start_rel + lead;
    cand = cand[lead..].trim_end_matches(',').to_string();
    for conj in [
        "and ",
        "but ",
        "Therefore, ",
        "However, ",
        "Moreover, ",
        "Meanwhile, ",
        "which ",
        "Therefore ",
        "So ",
    ] {
        if let Some(rest) = cand.strip_prefix(conj) {
            start += cand.len() - rest.len();
            cand = rest.to_string();
        }
    }
    let words: Vec<&str> = cand.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 {
        return None;
    }
    let first = words[0].to_lowercase();
    if NON_SUBJECT.contains(&first.as_str()) && words.len() == 1 {
        return None;
    }
    // A subject has no finite verb of its own; a crude check: no auxiliary.
    if words.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "is" | "was"
                | "are"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
        )
    }) {
        return None;
    }
    let end = start + cand.trim_end().len();
    let text_m = &text[start..end];
    Some(RawMention {
        start,
        end,
        kind: kind_of(text_m),
        entity: None,
    })
}

/// The source after an inverted cue ("… said Ann Lee." / "… said the minister.").
fn subject_after(text: &str, cue_end: usize, sent_end: usize) -> Option<RawMention> {
    let after = &text[cue_end..sent_end];
    let rest = after.trim_start();
    let start = cue_end + (after.len() - rest.len());
    let np: &str = rest.split([',', '.', ';', '!', '?']).next().unwrap_or("");
    let words: Vec<&str> = np.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 6
        || matches!(words[0], "that" | "it" | "on" | "in" | "to" | "the" if words.len() == 1)
    {
        return None;
    }
    if !words[0]
        .chars()
        .next()
        .map(|c| c.is_uppercase())
        .unwrap_or(false)
        && !matches!(words[0], "the" | "a")
    {
        return None;
    }
    let end = start + np.trim_end().len();
    Some(RawMention {
        start,
        end,
        kind: kind_of(&text[start..end]),
        entity: None,
    })
}

/// Types a mention from its words.
pub fn kind_of(mention: &str) -> Kind {
    let lower = mention.to_lowercase();
    let has = |w: &[&str]| {
        w.iter()
            .any(|x| lower.split(|c: char| !c.is_alphanumeric()).any(|t| t == *x))
    };
    if has(&[
        "agency",
        "xinhua",
        "reuters",
        "tass",
        "afp",
        "ap",
        "newspaper",
        "times",
        "post",
        "daily",
        "tv",
        "television",
        "radio",
        "cctv",
        "bbc",
        "cnn",
        "media",
    ]) && !has(&["ministry", "bureau", "department"])
    {
        return Kind::Media;
    }
    if has(&[
        "report",
        "reports",
        "statement",
        "study",
        "survey",
        "analysis",
        "document",
        "paper",
        "article",
        "data",
        "poll",
        "research",
        "figures",
    ]) {
        return Kind::Document;
    }
    if has(&[
        "experts",
        "analysts",
        "sources",
        "officials",
        "observers",
        "critics",
        "some",
        "many",
        "people",
        "world",
        "others",
        "residents",
        "commentators",
        "insiders",
        "diplomats",
        "scholars",
    ]) && !mention
        .split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().map(|c| c.is_uppercase()).unwrap_or(false))
    {
        return Kind::Vague;
    }
    if has(&[
        "ministry",
        "bureau",
        "department",
        "government",
        "office",
        "council",
        "committee",
        "commission",
        "party",
        "company",
        "university",
        "institute",
        "administration",
        "army",
        "military",
        "police",
        "court",
        "parliament",
        "congress",
        "senate",
        "union",
        "bank",
        "agency",
        "association",
        "organization",
        "organisation",
        "group",
        "embassy",
        "spokesperson",
    ]) && !has(&[
        "spokesman",
        "spokeswoman",
        "minister",
        "president",
        "director",
    ]) {
        return Kind::Organization;
    }
    if has(&["he", "she"])
        || mention
            .split_whitespace()
            .any(|w| w.chars().next().map(|c| c.is_uppercase()).unwrap_or(false))
        || has(&[
            "minister",
            "president",
            "spokesman",
            "spokeswoman",
            "expert",
            "researcher",
            "official",
            "director",
            "professor",
            "analyst",
        ])
    {
        return Kind::Person;
    }
    Kind::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Option<Found>> {
        let seg = crate::segment::segment(text);
        attribute(text, &seg.sentences, &crate::quotes::find(text))
    }

    #[test]
    fn source_cue() {
        let text = "The mayor said the bridge would reopen.";
        let f = run(text)[0].clone().unwrap();
        assert_eq!(
            &text[f.source.as_ref().unwrap().start..f.source.as_ref().unwrap().end],
            "The mayor"
        );
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
