//! Typing a mention: person, organisation, media, document, vague or unknown, from its words.

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

/// Types a mention from its words.
pub fn kind_of(mention: &str) -> Kind {
    let lower = mention.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    // The phrase before any apposition or prepositional phrase decides.
    let core: &str = mention.split(',').next().unwrap_or(mention);
    let core_lower = core.to_lowercase();
    let core_words: Vec<&str> = core_lower
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let head_part: Vec<&str> = core_words
        .iter()
        .copied()
        .take_while(|w| !matches!(*w, "of" | "at" | "for" | "from" | "in" | "with" | "on"))
        .collect();
    let has = |list: &[&str]| head_part.iter().any(|w| list.contains(w));
    let head = head_part.last().copied().unwrap_or("");
    if words.len() == 1 && matches!(words[0], "he" | "she" | "him" | "her" | "who") {
        return Kind::Person;
    }
    if words.len() == 1 && matches!(words[0], "it" | "they" | "which") {
        return Kind::Unknown;
    }
    if PLACES.contains(&core_lower.trim_start_matches("the ").trim()) {
        return Kind::Organization;
    }
    // An unnamed document ("a new report", "media reports") is a vague source.
    let indefinite = matches!(core_words.first().copied(), Some("a" | "an" | "media"));
    if indefinite
        && !capitalised_words_after_first(core)
        && matches!(head, "report" | "reports" | "study" | "survey" | "analysis")
    {
        return Kind::Vague;
    }
    if has(&[
        "xinhua",
        "reuters",
        "tass",
        "afp",
        "ap",
        "interfax",
        "sputnik",
        "rt",
        "newspaper",
        "times",
        "post",
        "journal",
        "daily",
        "tv",
        "television",
        "radio",
        "cctv",
        "bbc",
        "cnn",
        "media",
        "website",
        "outlet",
        "broadcaster",
        "tabloid",
        "magazine",
        "news",
        "politico",
        "breitbart",
        "fox",
        "msnbc",
        "nbc",
        "abc",
        "cbs",
        "npr",
        "bloomberg",
        "al-akhbar",
        "al-masirah",
        "gazette",
        "courier",
        "herald",
        "tribune",
        "chronicle",
        "ledger",
        "wire",
        "bulletin",
        "dispatch",
        "examiner",
        "sentinel",
        "inquirer",
        "telegraph",
    ]) && !has(&[
        "ministry",
        "bureau",
        "department",
        "spokesman",
        "secretary",
        "reporter",
    ]) && !matches!(
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
        core_words.first().copied(),
        Some("the" | "his" | "her" | "its" | "their")
    ) && head != "world";
    if vague_head && !determinate && !capitalised_after_first
        || (vague_head && core_words.first() == Some(&"some"))
        || lower
            .trim_start_matches("the ")
            .starts_with("outside world")
    {
        return Kind::Vague;
    }
    if has(&[
        "ministry",
        "bureau",
        "agency",
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
        "association",
        "organization",
        "organisation",
        "group",
        "embassy",
        "mission",
        "campaign",
        "team",
        "board",
        "authority",
        "authorities",
        "coalition",
        "alliance",
        "state",
        "kremlin",
        "pentagon",
        "corporation",
        "inc",
        "corp",
        "firm",
        "foundation",
        "center",
        "centre",
        "society",
        "federation",
        "side",
        "diplomats",
        "microsoft",
    ]) && !has(&[
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "president",
        "director",
        "secretary",
        "chairman",
        "official",
        "head",
        "leader",
        "member",
        "professor",
        "adviser",
        "chief",
        "expert",
        "researcher",
        "mp",
        "senator",
    ]) {
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
