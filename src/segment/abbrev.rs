//! What a word before a period is: an abbreviation of some kind, an initial, or a plain word.
//!
//! Every lookup compares ASCII case-insensitively against short sorted tables (or, for the
//! word before a period, one hash table built from them) through integer keys, so classifying
//! a word never allocates.

use crate::bytes::{capitals, padded, slot, HIGH};

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

/// Declares a sorted table of lower-case words as packed keys (see [`pack`]).
macro_rules! word_table {
    ($(#[$doc:meta])* $name:ident = [$($w:literal),* $(,)?]) => {
        $(#[$doc])*
        const $name: [u128; [$($w),*].len()] = {
            const WORDS: [&str; [$($w),*].len()] = [$($w),*];
            let mut keys = [0u128; WORDS.len()];
            let mut i = 0;
            while i < WORDS.len() {
                keys[i] = match pack(WORDS[i].as_bytes()) {
                    Some(k) => k,
                    None => panic!("table words have 1 to 16 bytes"),
                };
                i += 1;
            }
            keys
        };
    };
}

// Sorted, lower case, without the final period (binary-searched).
word_table!(
    /// Titles before names.
    TITLES = [
    "adm", "amb", "assoc", "asst", "atty", "brig", "capt", "cmdr", "col", "cpl", "det", "dr",
    "fr", "ft", "gen", "gens", "gov", "govs", "hon", "insp", "lieut", "lt", "maj", "messrs", "mr", "mrs",
    "ms", "msgr", "mt", "pres", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "st",
    "supt",
]);
word_table!(
    /// Words before numbers.
    NUMBER_PREFIXES = [
    "art", "ch", "chap", "fig", "figs", "no", "nos", "n\u{b0}", "n\u{ba}", "op", "p", "para", "pg",
    "pp", "sec", "vol", "vols",
]);
word_table!(
    /// Abbreviated months.
    MONTHS = [
    "apr", "aug", "dec", "feb", "jan", "jul", "jun", "mar", "nov", "oct", "sep", "sept",
]);
word_table!(
    /// US state abbreviations in datelines and addresses ("RENO, Nev. (AP)", "Tampa, Fla.").
    STATES = [
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
]);
word_table!(
    /// Abbreviations inside sentences only.
    NEVER = ["approx", "ca", "cf", "e.g", "i.e", "v", "viz", "vs"]);
word_table!(
    /// Abbreviations that may end a sentence.
    AMBIGUOUS = [
    "ave", "blvd", "bros", "co", "corp", "dept", "esq", "govt", "inc", "intl", "jr", "llc", "ltd",
    "natl", "plc", "sr", "univ",
]);

word_table!(
    /// Words that start sentences far more often than they continue a name after an abbreviation:
    /// after "U.S." or "Inc." they signal a new sentence.
    STRONG_STARTERS = [
    "a", "according", "after", "also", "although", "an", "and", "as", "at", "before", "but",
    "china", "despite", "during", "earlier", "for", "he", "her", "his", "how", "however", "i",
    "if", "in", "it", "its", "last", "later", "many", "meanwhile", "most", "my", "now", "on",
    "our", "russia", "she", "since", "so", "some", "still", "that", "the", "their", "then",
    "there", "these", "they", "this", "those", "though", "thus", "today", "under", "we", "what",
    "when", "where", "while", "who", "why", "with", "yesterday", "yet", "you", "your",
]);

word_table!(
    /// Words after "a.m."/"p.m." that keep the time inside its sentence ("10 a.m. Tuesday").
    TIME_FOLLOWERS = [
    "april", "august", "bst", "central", "cet", "cst", "december", "eastern", "edt", "est", "et",
    "february", "friday", "gmt", "january", "july", "june", "local", "march", "may", "monday",
    "mountain", "november", "october", "pacific", "pdt", "pst", "saturday", "september", "sunday",
    "thursday", "tuesday", "utc", "wednesday",
]);

word_table!(
    /// Speech verbs after a quotation that ends in `!` or `?` (`“Enough!” Ramirez wrote`). A short
    /// list of its own keeps this hot path free of the attribution lexicon's allocations.
    SPEECH_VERBS = [
    "acknowledged", "added", "admitted", "announced", "answered", "argued", "asked", "asks",
    "claimed", "continued", "cried", "declared", "demanded", "exclaimed", "explained", "insisted",
    "joked", "noted", "posted", "protested", "recalled", "remarked", "replied", "responded",
    "retorted", "said", "says", "screamed", "shouted", "snapped", "stated", "tells", "told",
    "tweeted", "warned", "wondered", "writes", "wrote", "yelled",
]);

word_table!(
    /// Prepositions that open an introductory time phrase ("At 5 a.m. Mr. Smith left").
    INTRO_PREPOSITIONS = [
    "about", "after", "around", "at", "before", "by", "from", "since", "until",
]);

word_table!(
    /// Short words that leave a line unfinished: a line ending in one continues on the next line.
    FUNCTION_WORDS = [
    "a", "about", "after", "against", "amid", "among", "an", "and", "are", "as", "at", "be",
    "been", "before", "between", "but", "by", "can", "could", "during", "for", "from", "had",
    "has", "have", "her", "his", "in", "including", "into", "is", "its", "may", "might", "must",
    "nor", "not", "of", "on", "onto", "or", "our", "over", "per", "should", "such", "than",
    "that", "the", "their", "these", "this", "those", "through", "to", "under", "via", "was",
    "were", "which", "who", "whose", "will", "with", "within", "without", "would", "your",
]);

/// Packs a word of up to 16 bytes, lower-cased, into an integer whose order is the byte order of
/// the word: sorted word tables give sorted key tables, and a lookup is an integer binary search.
const fn pack(b: &[u8]) -> Option<u128> {
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    // Big-endian bytes, zero-padded: one pass over the word's own bytes.
    let mut bytes = [0u8; 16];
    let mut i = 0;
    while i < b.len() {
        bytes[i] = b[i].to_ascii_lowercase();
        i += 1;
    }
    Some(u128::from_be_bytes(bytes))
}

fn in_table(table: &[u128], word: &str) -> bool {
    pack(word.as_bytes()).is_some_and(|k| table.binary_search(&k).is_ok())
}

/// The tables a word of [`classify`] belongs to, as bits of one byte.
const IN_TITLES: u8 = 1;
const IN_NUMBER_PREFIXES: u8 = 1 << 1;
const IN_MONTHS: u8 = 1 << 2;
const IN_STATES: u8 = 1 << 3;
const IN_NEVER: u8 = 1 << 4;
const IN_AMBIGUOUS: u8 = 1 << 5;
const IN_TIMES: u8 = 1 << 6;

/// "a.m." and "p.m." (see [`Kind::Time`]).
const TIMES: [u128; 2] = match (pack(b"a.m"), pack(b"p.m")) {
    (Some(a), Some(p)) => [a, p],
    _ => panic!("table words have 1 to 16 bytes"),
};

/// The tables [`classify`] reads, with their bits.
const CLASSIFY_TABLES: [(&[u128], u8); 7] = [
    (&TITLES, IN_TITLES),
    (&NUMBER_PREFIXES, IN_NUMBER_PREFIXES),
    (&MONTHS, IN_MONTHS),
    (&STATES, IN_STATES),
    (&NEVER, IN_NEVER),
    (&AMBIGUOUS, IN_AMBIGUOUS),
    (&TIMES, IN_TIMES),
];

/// The longest word of [`CLASSIFY_TABLES`], in bytes (at most eight, see [`ABBREVIATIONS`]).
pub(super) const ABBREVIATION_MAX: usize = {
    let mut longest = 0;
    let mut t = 0;
    while t < CLASSIFY_TABLES.len() {
        let keys = CLASSIFY_TABLES[t].0;
        let mut k = 0;
        while k < keys.len() {
            let len = 16 - keys[k].trailing_zeros() as usize / 8;
            if len > longest {
                longest = len;
            }
            k += 1;
        }
        t += 1;
    }
    assert!(longest <= 8, "abbreviations have at most eight bytes");
    longest
};

/// Slots of [`ABBREVIATIONS`]: a power of two, at least twice the words, so that a lookup
/// probes one or two slots.
const ABBREVIATION_SLOTS: usize = {
    let mut n = 0;
    let mut t = 0;
    while t < CLASSIFY_TABLES.len() {
        n += CLASSIFY_TABLES[t].0.len();
        t += 1;
    }
    (2 * n).next_power_of_two()
};

/// The slot a key's probe starts at.
const fn abbreviation_slot(key: u64) -> usize {
    slot(key, ABBREVIATION_SLOTS)
}

/// Every word of [`CLASSIFY_TABLES`], once, as the first eight bytes of its key, with the bits
/// of the tables it is in: an open-addressing hash table (empty slots hold key 0 and no bits).
/// A word before a period is looked up with one or two probes instead of a binary search per
/// table.
static ABBREVIATIONS: [(u64, u8); ABBREVIATION_SLOTS] = {
    let mut out = [(0u64, 0u8); ABBREVIATION_SLOTS];
    let mut t = 0;
    while t < CLASSIFY_TABLES.len() {
        let (keys, bit) = CLASSIFY_TABLES[t];
        let mut k = 0;
        while k < keys.len() {
            // The slot of the word, or the first empty slot after its hash.
            let key = (keys[k] >> 64) as u64;
            let mut at = abbreviation_slot(key);
            while out[at].0 != 0 && out[at].0 != key {
                at = (at + 1) % ABBREVIATION_SLOTS;
            }
            out[at] = (key, out[at].1 | bit);
            k += 1;
        }
        t += 1;
    }
    out
};

/// The bits of the tables `word` (1 to 8 bytes) is in: its lower-cased key looked up in
/// [`ABBREVIATIONS`].
fn abbreviation_bits(word: &[u8]) -> u8 {
    let x = padded(word);
    let lower = if x & HIGH == 0 {
        x | capitals(x)
    } else {
        let mut bytes = [0u8; 8];
        for (to, from) in bytes.iter_mut().zip(word) {
            *to = from.to_ascii_lowercase();
        }
        u64::from_le_bytes(bytes)
    };
    // The key's order is the word's: the first byte highest.
    let key = lower.swap_bytes();
    let mut at = abbreviation_slot(key);
    loop {
        let (k, bits) = ABBREVIATIONS[at];
        if k == key {
            return bits;
        }
        if k == 0 {
            return 0;
        }
        at = (at + 1) % ABBREVIATION_SLOTS;
    }
}

/// Classifies the word before a period (without the period, leading brackets or quotes).
pub(super) fn classify(word: &str) -> Kind {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 16 {
        return Kind::Word;
    }
    // A third of the words before periods are longer than any abbreviation: they are not
    // looked up.
    let bits = if b.len() > ABBREVIATION_MAX {
        0
    } else {
        abbreviation_bits(b)
    };
    let capitalised = b[0].is_ascii_uppercase();
    let has = |bit: u8| bits & bit != 0;
    if has(IN_TIMES) {
        return Kind::Time;
    }
    if has(IN_NEVER) {
        return Kind::Never;
    }
    if capitalised && has(IN_TITLES) {
        return Kind::Title;
    }
    if capitalised && has(IN_MONTHS) {
        return Kind::Month;
    }
    // One character (at most four bytes) in upper case.
    if b.len() <= 4 {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_uppercase() {
                return Kind::Initial;
            }
        }
    }
    if has(IN_NUMBER_PREFIXES) {
        return Kind::NumberPrefix;
    }
    if has(IN_AMBIGUOUS) || (capitalised && has(IN_STATES)) {
        return Kind::Ambiguous;
    }
    if is_dotted(b) {
        return Kind::Dotted;
    }
    Kind::Word
}

/// Letters with periods between them: "U.S", "J.P", "Ph.D" (segments of one or two letters).
fn is_dotted(word: &[u8]) -> bool {
    let (mut segments, mut letters) = (1, 0);
    for &c in word {
        if c == b'.' && letters > 0 {
            segments += 1;
            letters = 0;
        } else if c.is_ascii_alphabetic() && letters < 2 {
            letters += 1;
        } else {
            return false;
        }
    }
    letters > 0 && segments >= 2
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
    in_table(&STRONG_STARTERS, word)
}

/// True when `word` after "a.m."/"p.m." keeps the time in its sentence.
pub(super) fn is_time_follower(word: &str) -> bool {
    in_table(&TIME_FOLLOWERS, word)
}

/// True when `word` is a speech verb.
pub(super) fn is_speech_verb(word: &str) -> bool {
    in_table(&SPEECH_VERBS, word)
}

/// True when `word` opens an introductory phrase.
pub(super) fn is_intro_preposition(word: &str) -> bool {
    in_table(&INTRO_PREPOSITIONS, word)
}

/// True when a line ending in `word` cannot be finished.
pub(super) fn is_function_word(word: &str) -> bool {
    in_table(&FUNCTION_WORDS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for t in [
            &TITLES[..],
            &NUMBER_PREFIXES[..],
            &MONTHS[..],
            &NEVER[..],
            &STATES[..],
            &AMBIGUOUS[..],
            &STRONG_STARTERS[..],
            &TIME_FOLLOWERS[..],
            &INTRO_PREPOSITIONS[..],
            &FUNCTION_WORDS[..],
            &SPEECH_VERBS[..],
        ] {
            assert!(t.windows(2).all(|w| w[0] < w[1]));
        }
        // Every word is found with exactly the bits of the tables it is in.
        for (keys, bit) in CLASSIFY_TABLES {
            for key in keys {
                let word = key.to_be_bytes();
                let word = &word[..word.iter().position(|&c| c == 0).unwrap_or(16)];
                assert_ne!(abbreviation_bits(word) & bit, 0);
                let upper = word.to_ascii_uppercase();
                let all = CLASSIFY_TABLES
                    .iter()
                    .filter(|(t, _)| t.contains(key))
                    .fold(0, |bits, (_, b)| bits | b);
                assert_eq!(abbreviation_bits(&upper), all);
            }
        }
        assert_eq!(abbreviation_bits(b"said"), 0);
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
