//! Typing a mention: person, organisation, media, document, vague or unknown, from its words.

use crate::attribution::trim_prefix;
use crate::cues;
use crate::schema::Kind;

/// Places and states that speak through their governments ("China said …").
pub(super) const PLACES: &[&str] = &[
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
    let mut words = words_of(lower);
    let (first_word, second_word) = (words.next(), words.next());
    let one_word = first_word.filter(|_| second_word.is_none());
    let first_core_word = words_of(core_lower).next();
    // The words before the first preposition, kept on the stack when there are few (almost
    // always): the word lists below ask about them several times.
    let head_part = || {
        words_of(core_lower)
            .take_while(|w| !matches!(*w, "of" | "at" | "for" | "from" | "in" | "with" | "on"))
    };
    let mut few = [""; 12];
    let mut count = 0;
    for w in head_part() {
        if count == few.len() {
            count += 1;
            break;
        }
        few[count] = w;
        count += 1;
    }
    let many: Vec<&str> = if count > few.len() {
        head_part().collect()
    } else {
        Vec::new()
    };
    let head_words: &[&str] = if count > few.len() {
        &many
    } else {
        &few[..count]
    };
    let has = |is: fn(&str) -> bool| head_words.iter().any(|w| is(w));
    let head = head_words.last().copied().unwrap_or("");
    if one_word.is_some_and(|w| matches!(w, "he" | "she" | "him" | "her" | "who")) {
        return Kind::Person;
    }
    if one_word.is_some_and(|w| matches!(w, "it" | "they" | "which")) {
        return Kind::Unknown;
    }
    if PLACES.contains(&trim_prefix(core_lower, "the ").trim()) {
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
    if has(|w| {
        matches!(
            w,
            "xinhua"
                | "reuters"
                | "tass"
                | "afp"
                | "ap"
                | "interfax"
                | "sputnik"
                | "rt"
                | "newspaper"
                | "times"
                | "post"
                | "journal"
                | "daily"
                | "tv"
                | "television"
                | "radio"
                | "cctv"
                | "bbc"
                | "cnn"
                | "media"
                | "website"
                | "outlet"
                | "broadcaster"
                | "tabloid"
                | "magazine"
                | "news"
                | "politico"
                | "breitbart"
                | "fox"
                | "msnbc"
                | "nbc"
                | "abc"
                | "cbs"
                | "npr"
                | "bloomberg"
                | "al-akhbar"
                | "al-masirah"
                | "gazette"
                | "courier"
                | "herald"
                | "tribune"
                | "chronicle"
                | "ledger"
                | "wire"
                | "bulletin"
                | "dispatch"
                | "examiner"
                | "sentinel"
                | "inquirer"
                | "telegraph"
        )
    }) && !has(|w| {
        matches!(
            w,
            "ministry" | "bureau" | "department" | "spokesman" | "secretary" | "reporter"
        )
    }) && !matches!(
        head,
        "spokesman" | "spokeswoman" | "reporter" | "editor" | "correspondent"
    ) || lower.contains("news agency")
        || lower.contains("associated press")
    {
        return Kind::Media;
    }
    if matches!(
        head,
        "report"
            | "reports"
            | "statement"
            | "statements"
            | "study"
            | "studies"
            | "survey"
            | "surveys"
            | "analysis"
            | "document"
            | "documents"
            | "paper"
            | "article"
            | "data"
            | "poll"
            | "polls"
            | "research"
            | "figures"
            | "letter"
            | "memo"
            | "ad"
            | "ads"
            | "filing"
            | "release"
            | "ruling"
            | "findings"
            | "assessment"
            | "estimates"
            | "resolution"
            | "review"
            | "video"
            | "book"
            | "editorial"
            | "column"
    ) {
        return Kind::Document;
    }
    let capitalised_after_first = core
        .split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
    let vague_head = matches!(
        head,
        "experts"
            | "analysts"
            | "sources"
            | "officials"
            | "observers"
            | "critics"
            | "some"
            | "many"
            | "people"
            | "world"
            | "others"
            | "residents"
            | "commentators"
            | "insiders"
            | "diplomats"
            | "scholars"
            | "accusations"
            | "reports"
            | "media"
            | "authorities"
            | "economists"
            | "researchers"
            | "scientists"
            | "figures"
            | "voices"
            | "pundits"
            | "rumors"
            | "rumours"
            | "claims"
            | "most"
            | "several"
            | "few"
            | "someone"
            | "somebody"
            | "everyone"
    );
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
    if has(|w| {
        matches!(
            w,
            "ministry"
                | "bureau"
                | "agency"
                | "department"
                | "government"
                | "office"
                | "council"
                | "committee"
                | "commission"
                | "party"
                | "company"
                | "university"
                | "institute"
                | "administration"
                | "army"
                | "military"
                | "police"
                | "court"
                | "parliament"
                | "congress"
                | "senate"
                | "union"
                | "bank"
                | "association"
                | "organization"
                | "organisation"
                | "group"
                | "embassy"
                | "mission"
                | "campaign"
                | "team"
                | "board"
                | "authority"
                | "authorities"
                | "coalition"
                | "alliance"
                | "state"
                | "kremlin"
                | "pentagon"
                | "corporation"
                | "inc"
                | "corp"
                | "firm"
                | "foundation"
                | "center"
                | "centre"
                | "society"
                | "federation"
                | "side"
                | "diplomats"
                | "microsoft"
        )
    }) && !has(|w| {
        matches!(
            w,
            "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "minister"
                | "president"
                | "director"
                | "secretary"
                | "chairman"
                | "official"
                | "head"
                | "leader"
                | "member"
                | "professor"
                | "adviser"
                | "chief"
                | "expert"
                | "researcher"
                | "mp"
                | "senator"
        )
    }) {
        return Kind::Organization;
    }
    // "the chief archivist, Lena Okafor": a role whose holder is named in apposition.
    let apposed = mention
        .split(", ")
        .nth(1)
        .is_some_and(|a| super::names::apposed_name(a.trim_end_matches(',')));
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
