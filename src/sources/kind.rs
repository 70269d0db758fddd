//! Typing a mention: person, organisation, media, document, vague or unknown, from its words.

use crate::attribution::trim_prefix;
use std::sync::OnceLock;

use crate::cues;
use crate::schema::Kind;

/// Places and states that speak through their governments ("China said …").
const PLACES: &[&str] = &[
    "china",
    "russia",
    "france",
    "germany",
    "britain",
    "japan",
    "india",
    "iran",
    "israel",
    "ukraine",
    "belarus",
    "us",
    "u.s.",
    "usa",
    "america",
    "united states",
    "beijing",
    "moscow",
    "washington",
    "tokyo",
    "london",
    "paris",
    "berlin",
    "kremlin",
    "pentagon",
    "white house",
    "eu",
    "nato",
    "un",
    "european union",
    "united nations",
    "kiev",
    "kyiv",
    "taiwan",
    "korea",
    "north korea",
    "south korea",
    "syria",
    "turkey",
    "canada",
    "mexico",
    "cuba",
    "thailand",
    "yemen",
    "saudi arabia",
    "uae",
    "europe",
    "brussels",
    "tehran",
    "pyongyang",
    "seoul",
];

/// True when the lower-case `name` is in [`PLACES`]: one hash lookup instead of a comparison
/// with each place.
pub(super) fn is_place(name: &str) -> bool {
    type Places = std::collections::HashSet<
        &'static str,
        std::hash::BuildHasherDefault<crate::keywords::FastHasher>,
    >;
    static SET: OnceLock<Places> = OnceLock::new();
    SET.get_or_init(|| PLACES.iter().copied().collect())
        .contains(name)
}

fn capitalised_words_after_first(s: &str) -> bool {
    s.split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// The words of a lower-cased mention: runs of alphanumeric characters, `.` and `-`.
fn words_of(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
        .filter(|w| !w.is_empty())
}

/// Names and nouns of news outlets.
const MEDIA: u8 = 1 << 0;
/// Words that make an outlet word part of another body or a person ("the news ministry").
const NOT_MEDIA: u8 = 1 << 1;
/// Nouns and names of organisations.
const ORGANIZATION: u8 = 1 << 2;
/// Words that make an organisation word part of a person's title ("party leader").
const NOT_ORGANIZATION: u8 = 1 << 3;
/// Heads of a document mention ("the report").
const DOCUMENT_HEAD: u8 = 1 << 4;
/// Heads of a vague mention ("experts", "sources").
const VAGUE_HEAD: u8 = 1 << 5;

/// The word lists the typing rules ask about, each with its class bit.
#[rustfmt::skip]
const CLASSES: &[(u8, &[&str])] = &[
    (
        MEDIA,
        &[
            "xinhua", "reuters", "tass", "afp", "ap", "interfax", "sputnik", "rt", "newspaper",
            "times", "post", "journal", "daily", "tv", "television", "radio", "cctv", "bbc", "cnn",
            "media", "website", "outlet", "broadcaster", "tabloid", "magazine", "news", "politico",
            "breitbart", "fox", "msnbc", "nbc", "abc", "cbs", "npr", "bloomberg", "al-akhbar",
            "al-masirah", "gazette", "courier", "herald", "tribune", "chronicle", "ledger", "wire",
            "bulletin", "dispatch", "examiner", "sentinel", "inquirer", "telegraph"
        ],
    ),
    (
        NOT_MEDIA,
        &[
            "ministry", "bureau", "department", "spokesman", "secretary", "reporter"
        ],
    ),
    (
        ORGANIZATION,
        &[
            "ministry", "bureau", "agency", "department", "government", "office", "council",
            "committee", "commission", "party", "company", "university", "institute",
            "administration", "army", "military", "police", "court", "parliament", "congress",
            "senate", "union", "bank", "association", "organization", "organisation", "group",
            "embassy", "mission", "campaign", "team", "board", "authority", "authorities",
            "coalition", "alliance", "state", "kremlin", "pentagon", "corporation", "inc", "corp",
            "firm", "foundation", "center", "centre", "society", "federation", "side", "diplomats",
            "microsoft"
        ],
    ),
    (
        NOT_ORGANIZATION,
        &[
            "spokesman", "spokeswoman", "spokesperson", "minister", "president", "director",
            "secretary", "chairman", "official", "head", "leader", "member", "professor", "adviser",
            "chief", "expert", "researcher", "mp", "senator"
        ],
    ),
    (
        DOCUMENT_HEAD,
        &[
            "report", "reports", "statement", "statements", "study", "studies", "survey", "surveys",
            "analysis", "document", "documents", "paper", "article", "data", "poll", "polls",
            "research", "figures", "letter", "memo", "ad", "ads", "filing", "release", "ruling",
            "findings", "assessment", "estimates", "resolution", "review", "video", "book",
            "editorial", "column"
        ],
    ),
    (
        VAGUE_HEAD,
        &[
            "experts", "analysts", "sources", "officials", "observers", "critics", "some", "many",
            "people", "world", "others", "residents", "commentators", "insiders", "diplomats",
            "scholars", "accusations", "reports", "media", "authorities", "economists",
            "researchers", "scientists", "figures", "voices", "pundits", "rumors", "rumours",
            "claims", "most", "several", "few", "someone", "somebody", "everyone"
        ],
    ),
];

/// The class bits of a lower-case word: one hash lookup answers every list at once (a `match`
/// over a long list of strings compares them one by one).
fn classes(word: &str) -> u8 {
    type Classes = std::collections::HashMap<
        &'static str,
        u8,
        std::hash::BuildHasherDefault<crate::keywords::FastHasher>,
    >;
    static MAP: OnceLock<Classes> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map = Classes::default();
        for &(class, words) in CLASSES {
            for &w in words {
                *map.entry(w).or_default() |= class;
            }
        }
        map
    });
    map.get(word).copied().unwrap_or(0)
}

/// True when `word` is in the list of `class`.
fn is(word: &str, class: u8) -> bool {
    classes(word) & class != 0
}

/// Where `needle` first occurs in `haystack`: a plain byte comparison at each offset, cheaper
/// than preparing a substring searcher for the short mentions typed here.
pub(super) fn find_bytes(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// True when `needle` occurs in `haystack` (see [`find_bytes`]).
fn has_bytes(haystack: &str, needle: &str) -> bool {
    find_bytes(haystack, needle).is_some()
}

/// The part of `s` between its first and second ", " (to the end without a second), as
/// `s.split(", ").nth(1)`.
fn second_part(s: &str) -> Option<&str> {
    let after = s.get(find_bytes(s, ", ")? + 2..)?;
    Some(find_bytes(after, ", ").map_or(after, |k| &after[..k]))
}

/// The longest ASCII mention [`kind_of`] lower-cases on the stack.
const STACK: usize = 160;

/// The words of a phrase, on the stack when there are few (almost always): mentions are typed
/// and matched word by word, and a vector per mention would cost more than the look-ups.
pub(super) struct Words<'a> {
    few: [&'a str; 12],
    count: usize,
    /// All the words, once there are more than `few` holds.
    many: Vec<&'a str>,
}

impl<'a> Words<'a> {
    /// Collects `words`.
    pub(super) fn new(words: impl Iterator<Item = &'a str>) -> Self {
        let mut list = Words {
            few: [""; 12],
            count: 0,
            many: Vec::new(),
        };
        for w in words {
            if list.count < list.few.len() {
                list.few[list.count] = w;
                list.count += 1;
            } else {
                if list.many.is_empty() {
                    list.many.extend_from_slice(&list.few);
                }
                list.many.push(w);
            }
        }
        list
    }

    /// The words, in order.
    pub(super) fn as_slice(&self) -> &[&'a str] {
        if self.many.is_empty() {
            &self.few[..self.count]
        } else {
            &self.many
        }
    }
}

/// Types a mention from its words.
pub fn kind_of(mention: &str) -> Kind {
    // The phrase before any apposition or prepositional phrase decides.
    let core: &str = mention.split(',').next().unwrap_or(mention);
    if mention.is_ascii() && mention.len() <= STACK {
        // Most mentions are short ASCII: lower-cased on the stack, and the core is a prefix.
        let mut buf = [0u8; STACK];
        let buf = &mut buf[..mention.len()];
        buf.copy_from_slice(mention.as_bytes());
        buf.make_ascii_lowercase();
        let lower = std::str::from_utf8(buf).unwrap_or("");
        let core_lower = lower.get(..core.len()).unwrap_or("");
        kind_lowered(mention, core, lower, core_lower)
    } else {
        // Lower-casing may change lengths outside ASCII: each part on its own, as written.
        kind_lowered(mention, core, &mention.to_lowercase(), &core.to_lowercase())
    }
}

/// [`kind_of`], given the lower-case forms of the mention and of its core.
fn kind_lowered(mention: &str, core: &str, lower: &str, core_lower: &str) -> Kind {
    let mut words = words_of(lower);
    let (first_word, second_word) = (words.next(), words.next());
    let one_word = first_word.filter(|_| second_word.is_none());
    let first_core_word = words_of(core_lower).next();
    // The words before the first preposition, kept on the stack when there are few (almost
    // always): the word lists below ask about them several times.
    let head_part = words_of(core_lower)
        .take_while(|w| !matches!(*w, "of" | "at" | "for" | "from" | "in" | "with" | "on"));
    let head_words = Words::new(head_part);
    let head_words = head_words.as_slice();
    // The classes of each head word, looked up once.
    let any_class = head_words.iter().fold(0u8, |bits, w| bits | classes(w));
    let has = |class: u8| any_class & class != 0;
    let head = head_words.last().copied().unwrap_or("");
    if one_word.is_some_and(|w| matches!(w, "he" | "she" | "him" | "her" | "who")) {
        return Kind::Person;
    }
    if one_word.is_some_and(|w| matches!(w, "it" | "they" | "which")) {
        return Kind::Unknown;
    }
    if is_place(trim_prefix(core_lower, "the ").trim()) {
        return Kind::Organization;
    }
    // An unnamed document ("a new report", "media reports") is a vague source.
    let indefinite = matches!(first_core_word, Some("a" | "an" | "media"));
    if indefinite
        && !capitalised_words_after_first(core)
        && matches!(head, "report" | "reports" | "study" | "survey" | "analysis")
    {
        return Kind::Vague;
    }
    if has(MEDIA)
        && !has(NOT_MEDIA)
        && !matches!(
            head,
            "spokesman" | "spokeswoman" | "reporter" | "editor" | "correspondent"
        )
        || has_bytes(lower, "news agency")
        || has_bytes(lower, "associated press")
    {
        return Kind::Media;
    }
    if is(head, DOCUMENT_HEAD) {
        return Kind::Document;
    }
    let capitalised_after_first = core
        .split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
    let vague_head = is(head, VAGUE_HEAD);
    let determinate = matches!(
        first_core_word,
        Some("the" | "his" | "her" | "its" | "their")
    ) && head != "world";
    if vague_head && !determinate && !capitalised_after_first
        || (vague_head && first_core_word == Some("some"))
        || trim_prefix(lower, "the ").starts_with("outside world")
    {
        return Kind::Vague;
    }
    if has(ORGANIZATION) && !has(NOT_ORGANIZATION) {
        return Kind::Organization;
    }
    // "the chief archivist, Lena Okafor": a role whose holder is named in apposition.
    let apposed =
        second_part(mention).is_some_and(|a| super::names::apposed_name(a.trim_end_matches(',')));
    if core
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        || cues::is_source_noun(head)
        || apposed
        || matches!(head, "he" | "she" | "who")
    {
        return Kind::Person;
    }
    Kind::Unknown
}
