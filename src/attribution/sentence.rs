//! One sentence at a time: every cue in the sentence becomes a candidate attribution with its
//! source phrase, and the best candidate wins (see the rule list in the parent module).

use super::phrases::{self, Phrase};
use super::scan::{self, Words};
use super::{subject, words, Found, RawMention};
use crate::schema::{Form, Kind};
use crate::segment::Sentence;
use crate::sources::kind_of;

mod verbs;

/// The kinds of the mentions typed so far, by their text. Typing a mention reads its words
/// several times, and most sources are named again and again in a text ("he", "the ministry").
#[derive(Default)]
struct Kinds<'t>(
    std::collections::HashMap<
        &'t str,
        Kind,
        std::hash::BuildHasherDefault<crate::keywords::FastHasher>,
    >,
);

impl<'t> Kinds<'t> {
    /// [`kind_of`] the mention `m`, typed once per distinct text.
    fn of(&mut self, m: &'t str) -> Kind {
        *self.0.entry(m).or_insert_with(|| kind_of(m))
    }
}

fn mention<'t>(text: &'t str, kinds: &mut Kinds<'t>, (start, end): (usize, usize)) -> RawMention {
    RawMention {
        start,
        end,
        kind: kinds.of(&text[start..end]),
        entity: None,
    }
}

/// The quotations of a sentence (disjoint, sorted, clipped to it), which decide where its
/// clauses start and which cues are the speaker's words rather than the article's.
struct Scope<'q> {
    /// Where the sentence starts.
    start: usize,
    quotes: &'q [(usize, usize)],
}

impl Scope<'_> {
    /// True when `pos` lies inside a quotation (a binary search: the quotations are sorted).
    fn in_quote(&self, pos: usize) -> bool {
        let k = self.quotes.partition_point(|&(a, _)| a < pos);
        k > 0 && pos < self.quotes[k - 1].1
    }

    /// The clause boundary before a position: the end of the last quotation before it, or the
    /// start of the sentence.
    fn after_quote(&self, pos: usize) -> usize {
        let k = self.quotes.partition_point(|&(_, b)| b <= pos);
        if k > 0 {
            self.quotes[k - 1].1
        } else {
            self.start
        }
    }
}

/// One candidate attribution inside a sentence.
struct Candidate {
    cue: (usize, usize),
    source: Option<(usize, usize)>,
    via: Option<(usize, usize)>,
    rule: &'static str,
}

/// What [`attribute_sentence`] keeps from sentence to sentence: the buffers of the words and of
/// the candidates, reused so that a sentence allocates nothing of its own, and the kinds of the
/// mentions typed so far.
#[derive(Default)]
pub(super) struct Scratch<'t> {
    words: Words,
    kinds: Kinds<'t>,
    cands: Vec<Candidate>,
    window: verbs::Window<'t>,
}

/// The attribution of the sentence `s`, whose quotations (disjoint, sorted, clipped to it) are
/// `quotes`.
pub(super) fn attribute_sentence<'t>(
    text: &'t str,
    s: &Sentence,
    quotes: &[(usize, usize)],
    token_scan: &mut scan::TokenScan,
    scratch: &mut Scratch<'t>,
) -> Option<Found> {
    let Scratch {
        words,
        kinds,
        cands,
        window,
    } = scratch;
    cands.clear();
    if s.end <= s.start {
        return None;
    }
    let body = &text[s.start..s.end];
    let quoted: usize = quotes.iter().map(|(a, b)| b - a).sum();
    let letters = body.len().max(1);
    let form = if quotes.is_empty() {
        Form::Indirect
    } else if quoted * 2 >= letters {
        Form::Direct
    } else {
        Form::Mixed
    };
    let scope = Scope {
        start: s.start,
        quotes,
    };
    let mut vague: Option<(usize, usize)> = None;
    let mut vague_noun: Option<(usize, usize)> = None;
    let mut relay_front: Option<((usize, usize), (usize, usize))> = None; // (cue, mention)

    // The words of the sentence, scanned once for phrase cues and cue verbs.
    token_scan.words(body, s.start, quotes, words);
    let words: &Words = words;
    for m in phrases::find(body, words) {
        let (a, b) = (s.start + m.start, s.start + m.end);
        let matched = &body[m.start..m.end];
        if scope.in_quote(a) {
            continue;
        }
        if m.kind == Phrase::According {
            // Mid-clause "according to" means "in accordance with"; a relay stands at the
            // front of a clause or after a comma.
            let before = text[scope.after_quote(a).max(words::back(text, a, 80))..a].trim_end();
            if !(before.is_empty() || before.ends_with([',', '—', '–', ';'])) {
                continue;
            }
            let Some(mut src) = subject::relay(text, b, s.end) else {
                continue;
            };
            let mut cue = (a, b);
            // "according to analysis by X": X is the source, the analysis part of the cue.
            if let Some(by) = subject::by_phrase(text, src) {
                cue = (a, by.0 - 1);
                src = by;
            }
            let at_front = text[scope.after_quote(a)..a].trim().is_empty()
                || text[s.start..a].trim_end().ends_with(',') && src.1 < s.end && {
                    let rest = text[src.1..s.end].trim_start();
                    rest.starts_with(',')
                };
            if at_front && !text[src.1..s.end].trim().is_empty() {
                relay_front = Some((cue, src));
            }
            cands.push(Candidate {
                cue,
                source: Some(src),
                via: None,
                rule: "according-to",
            });
        } else if m.kind == Phrase::Passive {
            // "Macron, asked about X, was quoted as saying in media reports that …"
            if let Some(src) = subject::before(text, scope.after_quote(a), a, false, false) {
                let rest = text[b..s.end.min(words::ahead(text, b, 200))].trim_start();
                let via = ["in ", "by "].iter().find_map(|p| {
                    rest.strip_prefix(p).and_then(|r| {
                        let from = s.end.min(words::ahead(text, b, 200)) - r.len();
                        subject::relay(text, from, s.end)
                    })
                });
                cands.push(Candidate {
                    cue: (a, b),
                    source: Some(src),
                    via,
                    rule: "quoted-as-saying",
                });
            }
        } else if m.kind == Phrase::Quoted {
            // "Xinhua quoted Zhao Zhanling, a legal adviser, as saying"
            let rest = &text[b..s.end.min(words::ahead(text, b, 300))];
            let Some(k) = rest.find(" as saying").or_else(|| rest.find(" as telling")) else {
                continue;
            };
            if k > 200 {
                continue;
            }
            let src_end = b + k;
            let src_start = b + (rest.len() - rest.trim_start().len());
            // The whole phrase up to "as saying", appositions included, when it opens well.
            if src_start >= src_end {
                continue;
            }
            let end = src_start + text[src_start..src_end].trim_end_matches([',', ' ']).len();
            let src = subject::relay(text, src_start, src_end).map(|m| (m.0, end));
            let relay = subject::before(text, scope.after_quote(a), a, false, true);
            if let (Some(src), Some(relay)) = (src, relay) {
                cands.push(Candidate {
                    cue: (a, src_end + " as saying".len()),
                    source: Some(src),
                    via: Some(relay),
                    rule: "quoted-as-saying",
                });
            }
        } else if m.kind == Phrase::As {
            // "as X put it"
            let rest = &text[b..s.end.min(words::ahead(text, b, 100))];
            if let Some(k) = rest.find(" put it") {
                if k < 80 {
                    if let Some(src) = subject::relay(text, b, b + k) {
                        cands.push(Candidate {
                            cue: (a, b + k + " put it".len()),
                            source: Some(src),
                            via: None,
                            rule: "as-put-it",
                        });
                    }
                }
            }
        } else if m.kind == Phrase::Vague {
            vague.get_or_insert((a, b));
        } else if m.kind == Phrase::VagueNoun {
            // "amid accusations that …": an unowned claim, a vague source.
            let word = words::first_word(matched);
            vague_noun.get_or_insert((a, a + word.len()));
        } else if m.kind == Phrase::Noun {
            if let Some(src) = subject::relay(text, b, s.end) {
                cands.push(Candidate {
                    cue: (a, a + words::first_word(matched).len()),
                    source: Some(src),
                    via: None,
                    rule: "noun-cue",
                });
            }
        } else if m.kind == Phrase::Possessive {
            let cue_start = a + matched.find(' ').map(|i| i + 1).unwrap_or(0);
            let cue_end = cue_start + text[cue_start..b].find([' ', ',']).unwrap_or(b - cue_start);
            if let Some(src) = subject::before(text, scope.after_quote(a), a, false, false) {
                cands.push(Candidate {
                    cue: (cue_start, cue_end),
                    source: Some(src),
                    via: None,
                    rule: "noun-cue",
                });
            }
        }
    }

    let has_quote = !quotes.is_empty();
    let bare_cue = verbs::candidates(text, s, words, kinds, &scope, relay_front, cands, window);

    // "X: “…”": a name, a colon, a quotation.
    // The first ": " of the sentence (a byte search for the colon, which is rare), looked for
    // only when the sentence has a quotation, which the rule needs.
    let colon = has_quote
        .then(|| {
            body.match_indices(':')
                .map(|(k, _)| k)
                .find(|&k| body.as_bytes().get(k + 1) == Some(&b' '))
        })
        .flatten();
    if let Some(k) = colon {
        let a = s.start + k;
        let next = text[a + 2..s.end].trim_start();
        if !scope.in_quote(a) && (next.starts_with(['"', '“'])) && has_quote {
            if let Some(src) = subject::before(text, scope.after_quote(a), a, false, false) {
                cands.push(Candidate {
                    cue: (a, a + 1),
                    source: Some(src),
                    via: None,
                    rule: "colon-quote",
                });
            }
        }
    }

    if let Some((na, nb)) = phrases::speaker_label(body) {
        let name = &body[na..nb];
        let first = name.split_whitespace().next().unwrap_or("");
        // Transcript labels are in capitals ("WALLACE:"); "The Latest:" is a headline.
        let capitals = name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
        if capitals && name.len() >= 2 && !crate::cues::is_capital_non_source(first) {
            let (a, b) = (s.start + na, s.start + nb);
            cands.push(Candidate {
                cue: (b, b + 1),
                source: Some((a, b)),
                via: None,
                rule: "speaker-label",
            });
        }
    }

    // Only sentences with a long dash pay for the signature pattern. A signature line of its
    // own ("— Jane Roe (@jroe) May 2") is handled by the caller: its post came before it.
    if let Some(c) = phrases::signature(body, words.long_dash) {
        let (dash, name) = (c.get(0).expect("match"), c.get(1).expect("group"));
        let first = name.as_str().split_whitespace().next().unwrap_or("");
        let own_line = dash.start() == 0 && dash.as_str().ends_with(')');
        if !crate::cues::is_capital_non_source(first) && !own_line {
            let d = s.start + dash.start();
            cands.push(Candidate {
                cue: (
                    d,
                    d + body[dash.start()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8),
                ),
                source: Some((s.start + name.start(), s.start + name.end())),
                via: None,
                rule: "signature",
            });
        }
    }

    // A cue inside another candidate's source phrase ("Macron, asked whether he will …, was
    // quoted as saying") belongs to that phrase.
    let inside_source = |c: &Candidate| {
        cands.iter().any(|o| {
            o.source
                .is_some_and(|(sa, sb)| sa < c.cue.0 && c.cue.0 < sb && o.cue != c.cue)
        })
    };
    let mut best: Option<&Candidate> = None;
    for c in cands.iter().filter(|c| !inside_source(c)) {
        // The relay form outranks everything; otherwise the earliest cue wins.
        let better = match best {
            None => true,
            Some(b) if b.rule == "according-to-relay" => false,
            Some(_) if c.rule == "according-to-relay" => true,
            Some(b) => c.cue.0 < b.cue.0,
        };
        if better {
            best = Some(c);
        }
    }
    // "A said B …, C told the paper.": a speaker tag closing the sentence is the outermost
    // attribution; the earlier cue lies inside its content.
    if let Some(b) = best {
        let tag = cands.iter().find(|c| {
            c.cue.0 > b.cue.0
                && matches!(c.rule, "source-cue" | "cue-source")
                && c.source.is_some_and(|src| {
                    src.0 > b.cue.1
                        && text[b.cue.1..src.0.min(c.cue.0)].trim_end().ends_with(',')
                        && kinds.of(&text[src.0..src.1]) != Kind::Media
                        && text[c.cue.1..s.end].len() < 60
                        && text[c.cue.0..c.cue.1]
                            .split(' ')
                            .next()
                            .and_then(crate::cues::verb_lemma)
                            .is_some_and(|l| {
                                matches!(
                                    l,
                                    "say"
                                        | "tell"
                                        | "add"
                                        | "note"
                                        | "stress"
                                        | "explain"
                                        | "write"
                                        | "argue"
                                        | "insist"
                                        | "warn"
                                        | "claim"
                                )
                            })
                })
        });
        if tag.is_some() && !matches!(b.rule, "according-to-relay" | "quoted-as-saying") {
            best = tag;
        }
    }
    let Some(best) = best else {
        // A vague noun ("critics say") or a sourceless cue ("were reportedly among the dead"):
        // the claim is someone's, unnamed, so the cue itself stands for the vague source.
        let unnamed = vague_noun
            .map(|c| (c, "vague-noun"))
            .or(vague.map(|c| (c, "vague-cue")));
        if let Some((cue, rule)) = unnamed {
            return Some(Found {
                form,
                cue: Some(cue),
                source: Some(RawMention {
                    start: cue.0,
                    end: cue.1,
                    kind: Kind::Vague,
                    entity: None,
                }),
                via: Vec::new(),
                continued: false,
                quotes: quotes.to_vec(),
                rule,
            });
        }
        // A speech verb whose source the rules cannot name: the sentence still reports.
        return bare_cue.map(|cue| Found {
            form,
            cue: Some(cue),
            source: None,
            via: Vec::new(),
            continued: false,
            quotes: quotes.to_vec(),
            rule: "cue-only",
        });
    };
    let mut via: Vec<RawMention> = best
        .via
        .map(|v| mention(text, kinds, v))
        .into_iter()
        .collect();
    let mut rule = best.rule;
    // "Wang warned …, Xinhua reported." / "…, according to Xinhua.": a later relay tag.
    if via.is_empty() {
        if let Some(tag) = cands.iter().find(|c| {
            c.cue.0 > best.cue.0
                && c.source.is_some_and(|src| {
                    c.rule == "according-to"
                        || (c.rule == "source-cue" && kinds.of(&text[src.0..src.1]) == Kind::Media)
                })
        }) {
            via.push(mention(text, kinds, tag.source.expect("checked")));
            rule = "relay-tag";
        }
    }
    // An embedded post is quoted word for word even without quotation marks.
    let form = if best.rule == "signature" {
        Form::Direct
    } else {
        form
    };
    Some(Found {
        form,
        cue: Some(best.cue),
        source: best.source.map(|src| mention(text, kinds, src)),
        via,
        continued: false,
        quotes: quotes.to_vec(),
        rule,
    })
}
