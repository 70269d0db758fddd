//! Typing a mention: person, organisation, media, document, vague or unknown, from its words.

use crate::attribution::trim_prefix;
use crate::bytes::{is_byte, padded};
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

/// The length of the longest of [`PLACES`]: a longer name needs no lookup (most mentions typed
/// are longer).
const LONGEST_PLACE: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < PLACES.len() {
        if PLACES[i].len() > longest {
            longest = PLACES[i].len();
        }
        i += 1;
    }
    longest
};

/// True when the lower-case `name` is in [`PLACES`]: one hash lookup instead of a comparison
/// with each place.
pub(super) fn is_place(name: &str) -> bool {
    if name.len() > LONGEST_PLACE {
        return false;
    }
    type Places = std::collections::HashSet<
        &'static str,
        std::hash::BuildHasherDefault<crate::keywords::FastHasher>,
    >;
    static SET: OnceLock<Places> = OnceLock::new();
    SET.get_or_init(|| PLACES.iter().copied().collect())
        .contains(name)
}

/// Whether a white-space separated word of `s` after the first `skip` ones opens with a
/// capital: `s.split_whitespace().skip(skip).any(…)`, in one walk over the characters without
/// cutting the words out.
fn capitalised_word(s: &str, skip: usize) -> bool {
    let (mut words, mut at_start) = (0, true);
    for c in s.chars() {
        if c.is_whitespace() {
            at_start = true;
        } else if at_start {
            if words >= skip && c.is_uppercase() {
                return true;
            }
            words += 1;
            at_start = false;
        }
    }
    false
}

/// The ASCII bytes that belong to a word besides letters and digits: `extra`.
const fn ascii_words(extra: &[u8]) -> [bool; 128] {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
}

/// The ASCII bytes of a word of a mention being typed: letters, digits, `.` and `-`.
const MENTION_WORD: [bool; 128] = ascii_words(b".-");

/// The ASCII bytes of a key word of a name (see [`names::key_words`](super::names::key_words)):
/// letters, digits, `-` and `@`.
pub(super) const KEY_WORD: [bool; 128] = ascii_words(b"-@");

/// Whether the character of `s` at byte `i` belongs to a word, and its width: an ASCII byte
/// when `ascii` says so, any other character when it is alphanumeric. ASCII, almost every byte
/// of a mention, is decided by the table without decoding. `None` at the end of `s`.
#[inline(always)]
fn word_char(s: &str, i: usize, ascii: &[bool; 128]) -> Option<(bool, usize)> {
    let &b = s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((ascii[usize::from(b)], 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c.is_alphanumeric(), c.len_utf8()))
}

/// The words of a lower-cased text: runs of alphanumeric characters and the ASCII bytes that
/// `ascii` admits. One walk over the bytes, each read once.
pub(super) fn words_of<'a>(
    lower: &'a str,
    ascii: &'a [bool; 128],
) -> impl Iterator<Item = &'a str> {
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let (word, width) = word_char(lower, i, ascii)?;
            if word {
                break;
            }
            i += width;
        }
        let start = i;
        while let Some((true, width)) = word_char(lower, i, ascii) {
            i += width;
        }
        lower.get(start..i)
    })
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

/// Where `needle` first occurs in `haystack`. The needle's first byte is looked for eight bytes
/// at a time, and only where it stands is the rest compared: cheaper than preparing a substring
/// searcher for the short mentions searched here, and than comparing at every offset.
pub(super) fn find_bytes(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    let last = haystack.len().checked_sub(needle.len())?;
    let mut chunks = haystack.chunks(8);
    let mut from = 0;
    while from <= last {
        // The padding of a short last chunk lies past `last`, where no match can start.
        let word = padded(chunks.next()?);
        let mut hits = is_byte(word, first);
        while hits != 0 {
            let k = from + hits.trailing_zeros() as usize / 8;
            if k > last {
                return None;
            }
            // The second byte alone turns most hits away ("the" after a space for " (").
            if haystack.get(k + 1) == rest.first() && haystack[k + 1..].starts_with(rest) {
                return Some(k);
            }
            hits &= hits - 1;
        }
        from += 8;
    }
    None
}

/// True when the lower-case `lower` holds "news agency" or "associated press": both are looked
/// for at once, at the spaces, which each has at a fixed place (two searches for their first
/// letters would read the mention twice).
fn names_outlet(lower: &str) -> bool {
    let b = lower.as_bytes();
    b.iter().enumerate().any(|(k, &c)| {
        c == b' ' && {
            let (head, tail) = b.split_at(k);
            head.ends_with(b"news") && tail.starts_with(b" agency")
                || head.ends_with(b"associated") && tail.starts_with(b" press")
        }
    })
}

/// The part of `s` between its first and second ", " (to the end without a second), as
/// `s.split(", ").nth(1)`.
fn second_part(s: &str) -> Option<&str> {
    let after = s.get(find_bytes(s, ", ")? + 2..)?;
    Some(find_bytes(after, ", ").map_or(after, |k| &after[..k]))
}

/// The longest ASCII mention [`kind_of`] lower-cases on the stack.
const STACK: usize = 160;

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
    // A pronoun standing alone: the second word is looked for only after one.
    let mut words = words_of(lower, &MENTION_WORD);
    if let Some(w) = words.next() {
        let pronoun = matches!(
            w,
            "he" | "she" | "him" | "her" | "who" | "it" | "they" | "which"
        );
        if pronoun && words.next().is_none() {
            return if matches!(w, "it" | "they" | "which") {
                Kind::Unknown
            } else {
                Kind::Person
            };
        }
    }
    // The words of the core before its first preposition, in one pass: the classes of all of
    // them, and the last one (the head) with its own classes.
    let mut core_words = words_of(core_lower, &MENTION_WORD);
    let first_core_word = core_words.next();
    let (mut any_class, mut head, mut head_class) = (0u8, "", 0u8);
    let head_part = first_core_word
        .into_iter()
        .chain(core_words)
        .take_while(|w| !matches!(*w, "of" | "at" | "for" | "from" | "in" | "with" | "on"));
    for w in head_part {
        head = w;
        head_class = classes(w);
        any_class |= head_class;
    }
    let has = |class: u8| any_class & class != 0;
    if is_place(trim_prefix(core_lower, "the ").trim()) {
        return Kind::Organization;
    }
    // An unnamed document ("a new report", "media reports") is a vague source.
    let indefinite = matches!(first_core_word, Some("a" | "an" | "media"));
    if indefinite
        && matches!(head, "report" | "reports" | "study" | "survey" | "analysis")
        && !capitalised_word(core, 1)
    {
        return Kind::Vague;
    }
    if has(MEDIA)
        && !has(NOT_MEDIA)
        && !matches!(
            head,
            "spokesman" | "spokeswoman" | "reporter" | "editor" | "correspondent"
        )
        || names_outlet(lower)
    {
        return Kind::Media;
    }
    if head_class & DOCUMENT_HEAD != 0 {
        return Kind::Document;
    }
    let vague_head = head_class & VAGUE_HEAD != 0;
    let determinate = matches!(
        first_core_word,
        Some("the" | "his" | "her" | "its" | "their")
    ) && head != "world";
    if vague_head && !determinate && !capitalised_word(core, 1)
        || (vague_head && first_core_word == Some("some"))
        || trim_prefix(lower, "the ").starts_with("outside world")
    {
        return Kind::Vague;
    }
    if has(ORGANIZATION) && !has(NOT_ORGANIZATION) {
        return Kind::Organization;
    }
    // "the chief archivist, Lena Okafor": a role whose holder is named in apposition.
    let apposed = || {
        second_part(mention).is_some_and(|a| super::names::apposed_name(a.trim_end_matches(',')))
    };
    if capitalised_word(core, 0)
        || cues::is_source_noun(head)
        || apposed()
        || matches!(head, "he" | "she" | "who")
    {
        return Kind::Person;
    }
    Kind::Unknown
}
