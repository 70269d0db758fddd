//! What a word before a period is: an abbreviation of some kind, an initial, or a plain word.
//!
//! Every lookup compares ASCII case-insensitively against short sorted tables through a stack
//! buffer, so classifying a word never allocates.

/// How a word ending in a period behaves at a potential sentence boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A title before a name ("Mr.", "Sen.", "St."): never ends a sentence before a capital.
    Title,
    /// A word that introduces a number ("No. 12", "p. 55"): does not end before a digit.
    NumberPrefix,
    /// An abbreviated month ("Jan. 1"): does not end before a digit.
    Month,
    /// Never ends a sentence ("e.g.", "i.e.", "vs.").
    Never,
    /// Often ends a sentence, often not ("Inc.", "Co.", "Jr."): ends before a typical sentence
    /// opener only.
    Ambiguous,
    /// "a.m." and "p.m.".
    Time,
    /// Letters with periods ("U.S.", "J.P.", "E.U."): like [`Kind::Ambiguous`].
    Dotted,
    /// One capital letter ("J. R. R. Tolkien").
    Initial,
    /// Anything else, including numbers.
    Word,
}

// Sorted, lower case, without the final period (binary-searched).
const TITLES: &[&str] = &[
    "adm", "amb", "assoc", "asst", "atty", "brig", "capt", "cmdr", "col", "cpl", "det", "dr",
    "fr", "ft", "gen", "gens", "gov", "hon", "insp", "lieut", "lt", "maj", "messrs", "mr", "mrs",
    "ms", "msgr", "mt", "pres", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "st",
    "supt",
];
const NUMBER_PREFIXES: &[&str] = &[
    "art", "ch", "chap", "fig", "figs", "no", "nos", "n\u{b0}", "n\u{ba}", "op", "p", "para", "pg",
    "pp", "sec", "vol", "vols",
];
const MONTHS: &[&str] = &[
    "apr", "aug", "dec", "feb", "jan", "jul", "jun", "mar", "nov", "oct", "sep", "sept",
];
const NEVER: &[&str] = &["approx", "ca", "cf", "e.g", "i.e", "v", "viz", "vs"];
const AMBIGUOUS: &[&str] = &[
    "ave", "blvd", "bros", "co", "corp", "dept", "esq", "govt", "inc", "intl", "jr", "llc", "ltd",
    "natl", "plc", "sr", "univ",
];

/// Words that start sentences far more often than they continue a name after an abbreviation:
/// after "U.S." or "Inc." they signal a new sentence.
const STRONG_STARTERS: &[&str] = &[
    "a", "according", "after", "also", "although", "an", "and", "as", "at", "before", "but",
    "china", "despite", "during", "earlier", "for", "he", "her", "his", "how", "however", "i",
    "if", "in", "it", "its", "last", "later", "many", "meanwhile", "most", "my", "now", "on",
    "our", "russia", "she", "since", "so", "some", "still", "that", "the", "their", "then",
    "there", "these", "they", "this", "those", "though", "thus", "today", "under", "we", "what",
    "when", "where", "while", "who", "why", "with", "yesterday", "yet", "you", "your",
];

/// Words after "a.m."/"p.m." that keep the time inside its sentence ("10 a.m. Tuesday").
const TIME_FOLLOWERS: &[&str] = &[
    "april", "august", "bst", "cet", "cst", "december", "edt", "est", "et", "february", "friday",
    "gmt", "january", "july", "june", "local", "march", "may", "monday", "november", "october",
    "pdt", "pst", "saturday", "september", "sunday", "thursday", "tuesday", "utc", "wednesday",
];

/// Prepositions that open an introductory time phrase ("At 5 a.m. Mr. Smith left").
const INTRO_PREPOSITIONS: &[&str] = &[
    "about", "after", "around", "at", "before", "by", "from", "since", "until",
];

/// Short words that leave a line unfinished: a line ending in one continues on the next line.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "amid", "among", "an", "and", "are", "as", "at", "be",
    "been", "before", "between", "but", "by", "can", "could", "during", "for", "from", "had",
    "has", "have", "her", "his", "in", "including", "into", "is", "its", "may", "might", "must",
    "nor", "not", "of", "on", "onto", "or", "our", "over", "per", "should", "such", "than",
    "that", "the", "their", "these", "this", "those", "through", "to", "under", "via", "was",
    "were", "which", "who", "whose", "will", "with", "within", "without", "would", "your",
];

/// Lower-cases ASCII `word` into `buf`; `None` when it is too long to be in any table.
fn lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

fn in_table(table: &[&str], word: &str) -> bool {
    let mut buf = [0u8; 16];
    lower(word, &mut buf).is_some_and(|w| table.binary_search(&w).is_ok())
}

/// Classifies the word before a period (without the period, leading brackets or quotes).
pub(super) fn classify(word: &str) -> Kind {
    let mut buf = [0u8; 16];
    let Some(w) = lower(word, &mut buf) else {
        return Kind::Word;
    };
    let capitalised = word.as_bytes()[0].is_ascii_uppercase();
    if w == "a.m" || w == "p.m" {
        return Kind::Time;
    }
    if NEVER.binary_search(&w).is_ok() {
        return Kind::Never;
    }
    if capitalised && TITLES.binary_search(&w).is_ok() {
        return Kind::Title;
    }
    if capitalised && MONTHS.binary_search(&w).is_ok() {
        return Kind::Month;
    }
    if NUMBER_PREFIXES.binary_search(&w).is_ok() {
        return Kind::NumberPrefix;
    }
    if AMBIGUOUS.binary_search(&w).is_ok() {
        return Kind::Ambiguous;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return Kind::Initial;
        }
    }
    if is_dotted(word) {
        return Kind::Dotted;
    }
    Kind::Word
}

/// Letters with periods between them: "U.S", "J.P", "Ph.D" (segments of one or two letters).
fn is_dotted(word: &str) -> bool {
    let mut segments = 0;
    for seg in word.split('.') {
        if seg.is_empty() || seg.len() > 2 || !seg.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

/// The ASCII-letter word at the start of `s` (at most 16 bytes; empty when there is none).
pub(super) fn leading_word(s: &str) -> &str {
    let n = s
        .bytes()
        .take(17)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if n > 16 {
        ""
    } else {
        &s[..n]
    }
}

/// True when `word` typically opens a sentence.
pub(super) fn is_strong_starter(word: &str) -> bool {
    in_table(STRONG_STARTERS, word)
}

/// True when `word` after "a.m."/"p.m." keeps the time in its sentence.
pub(super) fn is_time_follower(word: &str) -> bool {
    in_table(TIME_FOLLOWERS, word)
}

/// True when `word` opens an introductory phrase.
pub(super) fn is_intro_preposition(word: &str) -> bool {
    in_table(INTRO_PREPOSITIONS, word)
}

/// True when a line ending in `word` cannot be finished.
pub(super) fn is_function_word(word: &str) -> bool {
    in_table(FUNCTION_WORDS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for t in [
            TITLES,
            NUMBER_PREFIXES,
            MONTHS,
            NEVER,
            AMBIGUOUS,
            STRONG_STARTERS,
            TIME_FOLLOWERS,
            INTRO_PREPOSITIONS,
            FUNCTION_WORDS,
        ] {
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{t:?}");
        }
    }

    #[test]
    fn classifies_words() {
        assert_eq!(classify("Mr"), Kind::Title);
        assert_eq!(classify("mr"), Kind::Word);
        assert_eq!(classify("No"), Kind::NumberPrefix);
        assert_eq!(classify("Jan"), Kind::Month);
        assert_eq!(classify("e.g"), Kind::Never);
        assert_eq!(classify("Inc"), Kind::Ambiguous);
        assert_eq!(classify("P.M"), Kind::Time);
        assert_eq!(classify("U.S"), Kind::Dotted);
        assert_eq!(classify("J"), Kind::Initial);
        assert_eq!(classify("example.com"), Kind::Word);
        assert_eq!(classify("1,000"), Kind::Word);
    }
}
