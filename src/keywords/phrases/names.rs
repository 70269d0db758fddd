//! Proper names: runs of capitalised words, which may hold a few lower-case connectors ("Ministry
//! of Defense", "Bank of the North"), found token by token from each capitalised word that the
//! pass collecting the n-grams marks, and their later mentions by one word ("Orrell" after
//! "Tamsin Orrell").

use super::super::grams::{is_content, GramKey, Grams};
use super::super::hash::{FastHasher, FastMap};
use super::super::tokens::{Token, ALL_CAPS, BREAK_BEFORE, CAPITALIZED, SENTENCE_START};
use super::super::{Counts, NONE};
use std::hash::{Hash, Hasher};

/// Longest name kept, in words (connectors included).
pub(super) const MAX_NAME: usize = 6;
/// Marks a key element that is a connector's type id rather than a stem group.
pub(super) const CONNECTOR: u32 = 1 << 31;
/// Lower-case words that may stand inside a name when capitalised words follow.
const CONNECTORS: &[&str] = &["de", "del", "for", "of", "the", "van", "von"];

/// Months and weekdays: a number after them is a date, not part of a name.
const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Titles that precede a person's name (lower case).
const TITLES: &[&str] = &[
    "ambassador",
    "attorney",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "commander",
    "director",
    "envoy",
    "general",
    "governor",
    "judge",
    "king",
    "leader",
    "mayor",
    "minister",
    "premier",
    "president",
    "prince",
    "professor",
    "queen",
    "secretary",
    "senator",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// [`word_kinds`] bits: on [`CONNECTORS`], [`DATE_WORDS`], [`TITLES`]; a possessive; a number.
const CONNECTOR_WORD: u8 = 1;
const DATE_WORD: u8 = 2;
const TITLE_WORD: u8 = 4;
const POSSESSIVE: u8 = 8;
const NUMERIC: u8 = 16;

/// What each distinct form is to the name finder, looked up once per form rather than once per
/// token (and by hash rather than by scanning the lists). One byte per form keeps the table in
/// the cache, where the type table it summarises is too large to stay.
///
/// Also returns the groups of the forms that may continue a name and have a group (a
/// connector such as "van" is no stopword): few or none, as numbers have no group.
fn word_kinds(c: &Counts) -> (Vec<u8>, Vec<u32>) {
    let mut lists: FastMap<&str, u8> = FastMap::default();
    // The lengths of the listed words by first byte and by last byte (bit `len`): a form
    // whose first or last byte starts or ends no listed word of its length, as most do, needs
    // no look-up.
    let (mut by_first, mut by_last) = ([0u16; 256], [0u16; 256]);
    for (list, bit) in [
        (CONNECTORS, CONNECTOR_WORD),
        (DATE_WORDS, DATE_WORD),
        (TITLES, TITLE_WORD),
    ] {
        for &w in list {
            *lists.entry(w).or_default() |= bit;
            let b = w.as_bytes();
            if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
                by_first[usize::from(f)] |= 1 << b.len();
                by_last[usize::from(l)] |= 1 << b.len();
            }
        }
    }
    let mut link_groups: Vec<u32> = Vec::new();
    let kinds = (0..c.tokens.type_count() as u32)
        .map(|t| {
            let form = c.tokens.form(t);
            let b = form.as_bytes();
            let listed = match (b.first(), b.last()) {
                (Some(&f), Some(&l))
                    if b.len() < 16
                        && (by_first[usize::from(f)] & by_last[usize::from(l)]) >> b.len() & 1
                            != 0 =>
                {
                    lists.get(form).copied().unwrap_or(0)
                }
                _ => 0,
            };
            let possessive = if b.ends_with(b"'s") { POSSESSIVE } else { 0 };
            let numeric = if c.info[t as usize].numeric {
                NUMERIC
            } else {
                0
            };
            let kind = listed | possessive | numeric;
            let g = c.info[t as usize].group;
            if kind & (NUMERIC | CONNECTOR_WORD) != 0 && g != NONE && !link_groups.contains(&g) {
                link_groups.push(g);
            }
            kind
        })
        .collect();
    (kinds, link_groups)
}

/// A name's key: the stem groups of its words (a connector's type id marked with
/// [`CONNECTOR`]), `NONE` after the last.
pub(super) type Key = [u32; MAX_NAME];

/// The words of key `k`.
pub(super) fn trimmed(k: &Key) -> &[u32] {
    let n = k.iter().position(|&g| g == NONE).unwrap_or(MAX_NAME);
    &k[..n]
}

/// The tally of one name.
pub(super) struct Name {
    pub key: Key,
    /// Words in it.
    pub len: usize,
    /// First token of its first occurrence.
    pub first: u32,
    /// Occurrences in full.
    full: u32,
    /// When the name is also an n-gram, the n-gram (its index in [`Grams::list`]), whose
    /// occurrences replace the name's own.
    pub gram: Option<usize>,
    /// Later mentions by the last word alone ("Pompeo" after "Mike Pompeo").
    short: u32,
}

impl Name {
    /// Occurrences, in full and short.
    pub fn count(&self) -> usize {
        (self.full + self.short) as usize
    }
}

/// The names of a text.
pub(super) struct Names {
    /// Each name's index in `list`, by key.
    /// An open-addressing table of indices in `list` (`NONE` for a free slot), a power of two
    /// long and at most half full: a name is added at every occurrence in full, and a general
    /// map's hashing and probing were most of the cost of adding one.
    ids: Vec<u32>,
    /// Each name, in order of first occurrence.
    pub list: Vec<Name>,
    /// The first token of every occurrence in full, with its name, in text order: kept in one
    /// list, so that the many names seen once cost no allocation.
    at: Vec<(u32, u32)>,
    /// Every later mention by one word, with its name, in text order.
    short: Vec<(u32, u32)>,
}

impl Names {
    /// For each name of `ids`: the first tokens of its occurrences in full (unless they are an
    /// n-gram's) and its later mentions by one word, in text order. One pass over each list
    /// serves all the names.
    pub fn occurrences(&self, ids: &[usize]) -> Vec<(Vec<u32>, Vec<u32>)> {
        let mut slot = vec![NONE; self.list.len()];
        for (k, &id) in ids.iter().enumerate() {
            slot[id] = k as u32;
        }
        let mut out: Vec<(Vec<u32>, Vec<u32>)> = vec![(Vec::new(), Vec::new()); ids.len()];
        for &(id, i) in &self.at {
            if let Some(o) = out.get_mut(slot[id as usize] as usize) {
                o.0.push(i);
            }
        }
        for &(id, i) in &self.short {
            if let Some(o) = out.get_mut(slot[id as usize] as usize) {
                o.1.push(i);
            }
        }
        out
    }

    /// Adds an occurrence of the name `key` of `len` words starting at token `i`.
    fn add(&mut self, key: Key, len: usize, i: u32) {
        if 2 * (self.list.len() + 1) > self.ids.len() {
            self.grow();
        }
        let mask = self.ids.len() - 1;
        let mut k = home(&key) & mask;
        let id = loop {
            let id = self.ids[k];
            if id == NONE {
                self.ids[k] = self.list.len() as u32;
                self.list.push(Name {
                    key,
                    len,
                    first: i,
                    full: 0,
                    gram: None,
                    short: 0,
                });
                break self.list.len() - 1;
            }
            if self.list[id as usize].key == key {
                break id as usize;
            }
            k = (k + 1) & mask;
        };
        self.list[id].full += 1;
        self.at.push((id as u32, i));
    }

    /// Doubles the table of `ids` (to 1024 slots at first) and files the names again.
    fn grow(&mut self) {
        let n = (2 * self.ids.len()).max(1 << 10);
        self.ids = vec![NONE; n];
        for (id, name) in self.list.iter().enumerate() {
            let mut k = home(&name.key) & (n - 1);
            while self.ids[k] != NONE {
                k = (k + 1) & (n - 1);
            }
            self.ids[k] = id as u32;
        }
    }
}

/// The slot where key `k` is looked for first in [`Names::ids`], before masking: the high
/// half of its hash, which the multiplications mix best.
fn home(k: &Key) -> usize {
    let mut h = FastHasher::default();
    k.hash(&mut h);
    (h.finish() >> 32) as usize
}

/// Whether token `t` is capitalised (or all capitals).
fn caps(t: &Token) -> bool {
    t.flags & (CAPITALIZED | ALL_CAPS) != 0
}

/// Finds the names, from each capitalised word on (see [`Finder::run`]).
pub(super) struct Finder<'c> {
    c: &'c Counts<'c>,
    kinds: Vec<u8>,
    /// The groups of the forms that continue a name and have a group (see [`word_kinds`]).
    link_groups: Vec<u32>,
    names: Names,
    /// The first token not yet read (see [`Finder::capital`]).
    resume: usize,
}

impl<'c> Finder<'c> {
    pub fn new(c: &'c Counts<'c>) -> Finder<'c> {
        // What each distinct form is, looked up once per form rather than once per token.
        let (kinds, link_groups) = word_kinds(c);
        Finder {
            c,
            kinds,
            link_groups,
            names: Names {
                ids: Vec::new(),
                list: Vec::new(),
                at: Vec::new(),
                short: Vec::new(),
            },
            resume: 0,
        }
    }

    /// Reads the names, given each capitalised content word `i` in text order (a capitalised
    /// word without a stem group starts no name: the run reading it would only pass over it).
    /// Most words are lower case outside a name: they neither start a name nor end one, so only
    /// the tokens from a capitalised word to the end of its name need reading.
    #[inline(always)]
    pub fn capital(&mut self, i: usize) {
        if i < self.resume {
            return;
        }
        // Most capitalised words are followed by nothing that continues a name: no
        // capitalised word, number or connector. Then the word is no name of two words, and
        // the token after it (which ends any name) needs no reading. The next token's byte of
        // bits settles most cases without reading the token table, the largest of the
        // analysis, at a place the pass has not read: a capitalised word
        // continues the run; after a break the next word is judged as the start of a name
        // (see `run`), so this word is no name of two words; a lower-case content word
        // continues it only as a connector with a group.
        let c = self.c;
        let continued = c.token_bits.get(i + 1).is_some_and(|&b| {
            if b & (CAPITALIZED | ALL_CAPS) != 0 {
                return true;
            }
            let lower_link = b & (SENTENCE_START | BREAK_BEFORE) == 0
                && (!is_content(b)
                    || c.token_group
                        .get(i + 1)
                        .is_some_and(|g| self.link_groups.contains(g)));
            lower_link
                && c.tokens
                    .tokens
                    .get(i + 1)
                    .is_some_and(|n| self.kinds[n.ty as usize] & (NUMERIC | CONNECTOR_WORD) != 0)
        });
        self.resume = if continued { self.run(i) } else { i + 1 };
    }

    /// Reads the tokens from `from`, a capitalised word outside any name, one by one until one
    /// that is neither in a name nor capitalised, and returns its index (the number of tokens
    /// at their end). Out of line, so that its loop has the registers to itself.
    #[inline(never)]
    fn run(&mut self, from: usize) -> usize {
        // What is read apart from what is written (the names), so that the closing of a name
        // below can write while the loop reads.
        let Finder {
            c, kinds, names, ..
        } = self;
        let (c, kinds) = (*c, &kinds[..]);
        let toks = &c.tokens.tokens;
        // Ends the name of `len` tokens from `start`, if any (`len` 0 for none), without its
        // `pending` trailing connectors.
        let mut close = |start: usize, len: &mut usize, pending: &mut usize| {
            // Dropping words in `record` never lengthens a name; most runs are one capitalised
            // word.
            if *len >= *pending + 2 {
                Finder::record(c, kinds, names, start, *len - *pending);
            }
            (*len, *pending) = (0, 0);
        };
        // The current name: its first token and its length (0 for none), and how many of its
        // trailing connectors wait for a capitalised word (none when there is no name).
        let (mut start, mut len, mut pending) = (0usize, 0usize, 0usize);
        let mut prev = from.checked_sub(1).and_then(|j| toks.get(j));
        let mut i = from;
        while let (Some(t), Some(&g)) = (toks.get(i), c.token_group.get(i)) {
            let capital = caps(t);
            if len == 0 && !capital {
                return i;
            }
            let kind = kinds[t.ty as usize];
            let new_run = t.flags & (SENTENCE_START | BREAK_BEFORE) != 0;
            // A dateline in capitals ("HARBOURTON (Wire) -") does not join the name after it.
            let after_dateline = prev.is_some_and(|p| {
                p.flags & ALL_CAPS != 0 && t.flags & ALL_CAPS == 0 && p.range().len() > 4
            });
            // Closed first, so that what follows a break is judged as the start of a name.
            if new_run || after_dateline {
                close(start, &mut len, &mut pending);
            }
            // Weekdays and months are capitalised but name no one ("Ann Roe Friday").
            let is_date = kind & DATE_WORD != 0;
            // A number continues a name ("Windows 10") but not a date ("March 15"), and starts
            // none ("Orrell, 2019 Regatta"). The token before a number in a name is a name
            // word, never a date.
            let name_word = (capital && g != NONE && !is_date)
                || (kind & NUMERIC != 0 && len > 0 && pending == 0);
            if name_word {
                if len > 0 {
                    len = (len + 1).min(MAX_NAME + 1);
                } else {
                    (start, len) = (i, 1);
                }
                pending = 0;
                // A possessive ends the name: "Harbourton's Mayor" is two things.
                if kind & POSSESSIVE != 0 {
                    close(start, &mut len, &mut pending);
                }
            } else if len > 0 && !capital && kind & CONNECTOR_WORD != 0 && pending < 2 {
                len += 1;
                pending += 1;
            } else {
                close(start, &mut len, &mut pending);
            }
            prev = Some(t);
            i += 1;
        }
        // The tokens end inside a name.
        close(start, &mut len, &mut pending);
        i
    }

    /// Records the name of `len` tokens from `start`, after dropping a first word that is only
    /// capitalised because it starts the sentence.
    #[inline(never)]
    fn record(c: &Counts, kinds: &[u8], names: &mut Names, mut start: usize, mut len: usize) {
        let toks = &c.tokens.tokens;
        let kind = |i: usize| kinds[toks[i].ty as usize];
        if toks[start].flags & SENTENCE_START != 0 {
            let g = c.token_group[start];
            let lower_elsewhere = g != NONE && {
                let group = &c.groups[g as usize];
                group.inner > 0 && group.inner_caps * 2 < group.inner
            };
            if lower_elsewhere {
                start += 1;
                len -= 1;
            }
        }
        // A person's title is not part of the name: "French President Ann Roe" is "Ann Roe",
        // and "Minister of Trade Ann Roe" too.
        if let Some(t) = (0..len).rev().find(|&j| kind(start + j) & TITLE_WORD != 0) {
            let mut skip = t + 1;
            if skip < len && kind(start + skip) & CONNECTOR_WORD != 0 {
                skip = (skip + 2).min(len);
            }
            start += skip;
            len -= skip;
        }
        if !(2..=MAX_NAME).contains(&len) {
            return;
        }
        let mut parts = [NONE; MAX_NAME];
        for (j, part) in parts.iter_mut().enumerate().take(len) {
            let g = c.token_group[start + j];
            *part = if g != NONE {
                g
            } else {
                CONNECTOR | toks[start + j].ty
            };
        }
        names.add(parts, len, start as u32);
    }

    /// The names, once every token was seen. A name that is also an n-gram ("United States")
    /// is listed once, as a name, with every occurrence of the words together: `grams` loses it.
    /// `lone` holds the capitalised words that may be later mentions of a name (see
    /// [`Runs::lone`](super::super::grams::Runs::lone)).
    pub fn finish(self, grams: &mut Grams, lone: &[(u32, u32)]) -> Names {
        let mut names = self.names;
        for n in &mut names.list {
            if n.len > 3 {
                continue;
            }
            let key: GramKey = [n.key[0], n.key[1], n.key[2]];
            if let Some(i) = grams.take(&key) {
                let g = &grams.list[i];
                if g.count > n.full {
                    (n.first, n.full, n.gram) = (g.first, g.count, Some(i));
                }
            }
        }
        short_mentions(self.c, &mut names, lone);
        names
    }
}

/// Credits each name with the later mentions of its last word (or the first word of a two-word
/// name) on its own, capitalised and not next to other capitalised words ("Orrell" after
/// "Tamsin Orrell"). When several names share the word, the most frequent (then the earliest)
/// gets them. `lone` lists the candidates in text order, with their groups: the capitalised
/// words of a stem group with no capitalised word next to them.
fn short_mentions(c: &Counts, names: &mut Names, lone: &[(u32, u32)]) {
    // The owner of each group's mentions, by name.
    let mut owner: Vec<u32> = vec![NONE; c.groups.len()];
    let rank = |n: &Name| (n.full, u32::MAX - n.first);
    let mut any = false;
    // In list order (first occurrence), so that a tie is settled the same way on every run
    // and every platform, not by the order of the hash table.
    for (id, n) in names.list.iter().enumerate() {
        let id = id as u32;
        let key = trimmed(&n.key);
        if key.iter().any(|&g| g & CONNECTOR != 0) || key.len() < 2 {
            continue;
        }
        // The last word is the usual short form ("Orrell"); the first word of a two-word name
        // is also one when the family name comes first ("Li" for "Li Wen").
        let last = key[key.len() - 1];
        let ends = if key.len() == 2 && key[0] != last {
            [Some(last), Some(key[0])]
        } else {
            [Some(last), None]
        };
        for g in ends.into_iter().flatten() {
            let o = &mut owner[g as usize];
            // On a tie the name that occurs first keeps the word.
            if *o == NONE || rank(n) > rank(&names.list[*o as usize]) {
                *o = id;
            }
            any = true;
        }
    }
    if !any {
        return;
    }
    // One pass over the lone capitalised words in order (rather than over each word's
    // occurrences, which would visit the tokens at random).
    for &(i, g) in lone {
        let o = owner[g as usize];
        if o == NONE {
            continue;
        }
        let n = &mut names.list[o as usize];
        if i > n.first {
            n.short += 1;
            names.short.push((o, i));
        }
    }
}
