//! The groups of one text with the indices that match a name against them: by key, by word and
//! by one-word key, each in time independent of the number of groups (a long text has
//! thousands).
//!
//! Words, keys and descriptors are interned: a name is read into ids once per distinct mention,
//! and matching it again, or adding it to a group, hashes ids instead of copying strings. What a
//! group holds (its words, its descriptors) is one entry per pair in two sets shared by all
//! groups, so that a group costs no tables of its own.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use super::names::key_words;
use super::Group;
use crate::bytes::{capitals, sixteen, HIGH};
use crate::keywords::FastHasher;
use crate::schema::Kind;

/// Maps and sets keyed by the words and spans of one text: no flooding to resist, and the
/// default hasher costs more than the lookups.
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(super) type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// A word of at most fifteen bytes as a key: its bytes as two little-endian words
/// ([`sixteen`]), with its length in the top byte, which such a word leaves free. Hashing and
/// comparing two integers costs less than a string's bytes, and needs no copy of the word.
/// Longer words have none.
pub(super) fn packed(word: &[u8]) -> Option<(u64, u64)> {
    if word.len() > 15 {
        return None;
    }
    let (lo, hi) = sixteen(word);
    Some((lo, hi | (word.len() as u64) << 56))
}

/// [`packed`] of the lower-case form of an ASCII `word`, its capitals folded in the packed
/// words. `None` for longer words and for words with other characters.
pub(super) fn packed_lower(word: &str) -> Option<(u64, u64)> {
    let (lo, hi) = packed(word.as_bytes())?;
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    // The length byte is below 'A', so it is no capital.
    Some((lo | capitals(lo), hi | capitals(hi)))
}

/// How far back in the order of use a pronoun or description may reach: a source not named in
/// the last this many mentions is too far away to be meant, and the bound keeps grouping linear.
pub(super) const RECENT_REACH: usize = 200;

/// No entry: the end of a list, or a key that names no group yet.
const NONE: usize = usize::MAX;

/// What the index knows about one lower-case word of a name.
struct Word {
    /// Groups with the word in a name (a list in [`Lists`]).
    groups: usize,
    /// Groups with the word as their whole key ("kashin"), a list in [`Lists`].
    single: usize,
    /// Whether it names one particular kind of body (see [`BODIES`]).
    body: bool,
}

/// Lists of ids in one vector, newest first: each entry holds an id and the position of the
/// entry added before it to the same list. A word's groups and a group's words are lists here
/// rather than a vector each, because most are one or two entries long and thousands of them
/// would each cost an allocation.
#[derive(Default)]
struct Lists {
    entries: Vec<(usize, usize)>,
}

impl Lists {
    /// Adds `id` in front of the list whose newest entry is at `*head`.
    fn push(&mut self, head: &mut usize, id: usize) {
        self.entries.push((id, *head));
        *head = self.entries.len() - 1;
    }

    /// The ids of the list whose newest entry is at `head`, newest first.
    fn iter(&self, head: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.entries.get(head), |&&(_, next)| self.entries.get(next))
            .map(|&(id, _)| id)
    }
}

#[derive(Default)]
pub(super) struct Index<'t> {
    pub(super) groups: Vec<Group>,
    /// Word ids by text: short words (almost all) by their [`packed`] bytes, without a copy.
    short_word_ids: FastMap<(u64, u64), usize>,
    long_word_ids: FastMap<String, usize>,
    words: Vec<Word>,
    /// Keys as paths of word ids from the empty key (node 0): the node reached from a key by
    /// one more word. A key is found by its words' ids, without a string of its own.
    key_steps: FastMap<(usize, usize), usize>,
    /// `by_key[node]` is the group the key ending at `node` names, [`NONE`] for none yet.
    by_key: Vec<usize>,
    /// Descriptor ids by text, and their texts by id: slices of the text, as a rule.
    descriptor_ids: FastMap<Cow<'t, str>, usize>,
    descriptors: Vec<Cow<'t, str>>,
    /// Each name's key words and descriptors as ids, one range per name.
    name_words: Vec<usize>,
    name_descriptors: Vec<usize>,
    /// The lists of [`Word`] and [`Group::words`].
    lists: Lists,
    /// (group, word) for each word of a group's names.
    group_words: FastSet<(usize, usize)>,
    /// (group, descriptor) for each descriptor a group has recorded.
    group_descriptors: FastSet<(usize, usize)>,
    /// Group ids in order of use (with repeats); `last_use[id]` is the latest position of `id`.
    pub(super) uses: Vec<usize>,
    pub(super) last_use: Vec<usize>,
    /// The buffer a name is lower-cased into for its key.
    lower: String,
}

/// A name ready for matching: its canonical form and the ids of its key, words and descriptors.
pub(super) struct Named<'t> {
    pub(super) name: Cow<'t, str>,
    /// Words in the name, as white space splits it.
    word_count: usize,
    /// The key (the key words in order) as its node in [`Index::key_steps`].
    key: usize,
    /// Its key words (a word may repeat), in order, as a range of [`Index::name_words`].
    words: (usize, usize),
    /// The word when the key is a single word.
    single: Option<usize>,
    /// Its descriptors' ids, as a range of [`Index::name_descriptors`].
    descriptor_ids: (usize, usize),
    /// The group this name last joined: when it joins the same group again, that group already
    /// holds its keys, words and descriptors, and already has a name at least as long.
    last_id: Option<usize>,
}

impl<'t> Index<'t> {
    /// Marks `id` as the most recently used group.
    pub(super) fn touch(&mut self, id: usize) {
        self.last_use[id] = self.uses.len();
        self.uses.push(id);
    }

    /// An index sized for about `mentions` mentions. Most mentions repeat a name already read,
    /// so the maps are sized for the distinct names, as news has them: about one new word for
    /// five mentions, and two key steps and two words of a group for five.
    pub(super) fn with_capacity(mentions: usize) -> Index<'t> {
        fn map<K, V>(n: usize) -> FastMap<K, V> {
            FastMap::with_capacity_and_hasher(n, Default::default())
        }
        fn set<T>(n: usize) -> FastSet<T> {
            FastSet::with_capacity_and_hasher(n, Default::default())
        }
        Index {
            short_word_ids: map(mentions / 4),
            key_steps: map(mentions * 2 / 5),
            by_key: Vec::with_capacity(mentions * 2 / 5),
            descriptor_ids: map(mentions / 5),
            name_words: Vec::with_capacity(mentions),
            group_words: set(mentions * 2 / 5),
            group_descriptors: set(mentions / 5),
            uses: Vec::with_capacity(mentions),
            // About one group for four mentions in news.
            groups: Vec::with_capacity(mentions / 4),
            last_use: Vec::with_capacity(mentions / 4),
            ..Index::default()
        }
    }

    /// Distinct groups, most recently used first, within [`RECENT_REACH`] uses.
    pub(super) fn recent(&self) -> impl Iterator<Item = usize> + '_ {
        let n = self.uses.len();
        (n.saturating_sub(RECENT_REACH)..n)
            .rev()
            .filter(move |&p| self.last_use[self.uses[p]] == p)
            .map(move |p| self.uses[p])
    }

    /// The groups with `word` (lower case) in a name, newest first.
    pub(super) fn groups_with_word(&self, word: &str) -> impl Iterator<Item = usize> + '_ {
        let head = self.word_id(word).map_or(NONE, |w| self.words[w].groups);
        self.lists.iter(head)
    }

    /// The id of `word`, if it is in a name.
    fn word_id(&self, word: &str) -> Option<usize> {
        match packed(word.as_bytes()) {
            Some(key) => self.short_word_ids.get(&key),
            None => self.long_word_ids.get(word),
        }
        .copied()
    }

    /// The id of `word`, entered when it is new.
    fn word_id_or_new(&mut self, word: &str) -> usize {
        let next = self.words.len();
        let id = match packed(word.as_bytes()) {
            Some(key) => *self.short_word_ids.entry(key).or_insert(next),
            None => match self.long_word_ids.get(word) {
                Some(&id) => id,
                None => *self.long_word_ids.entry(word.to_string()).or_insert(next),
            },
        };
        if id == next {
            self.words.push(Word {
                groups: NONE,
                single: NONE,
                body: BODIES.contains(&word),
            });
        }
        id
    }

    /// Reads `name`, of `word_count` words, and its descriptors into ids.
    pub(super) fn named(
        &mut self,
        name: Cow<'t, str>,
        word_count: usize,
        descriptors: &[Cow<'t, str>],
    ) -> Named<'t> {
        if self.by_key.is_empty() {
            // The empty key.
            self.by_key.push(NONE);
        }
        let mut lower = std::mem::take(&mut self.lower);
        let start = self.name_words.len();
        let mut key = 0;
        key_words(&name, &mut lower, |w| {
            let id = self.word_id_or_new(w);
            self.name_words.push(id);
            let next = self.by_key.len();
            key = *self.key_steps.entry((key, id)).or_insert(next);
            if key == next {
                self.by_key.push(NONE);
            }
        });
        self.lower = lower;
        let words = (start, self.name_words.len());
        let single = match &self.name_words[start..] {
            &[w] => Some(w),
            _ => None,
        };
        let start = self.name_descriptors.len();
        for d in descriptors {
            let id = match self.descriptor_ids.get(d.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = self.descriptors.len();
                    self.descriptors.push(d.clone());
                    self.descriptor_ids.insert(d.clone(), id);
                    id
                }
            };
            self.name_descriptors.push(id);
        }
        Named {
            word_count,
            name,
            key,
            words,
            single,
            descriptor_ids: (start, self.name_descriptors.len()),
            last_id: None,
        }
    }

    /// True when the organisation `id` is named by a body noun other than `noun` ("union" for
    /// "the ministry").
    pub(super) fn other_body(&self, id: usize, noun: &str) -> bool {
        if !BODIES.contains(&noun) {
            return false;
        }
        let noun = self.word_id(noun);
        !noun.is_some_and(|w| self.group_words.contains(&(id, w)))
            && self
                .lists
                .iter(self.groups[id].words)
                .any(|w| Some(w) != noun && self.words[w].body)
    }

    /// Matches `named` against the groups or creates a new one; returns its index.
    pub(super) fn add_name(&mut self, named: &mut Named<'t>, kind: Kind) -> usize {
        let words = &self.name_words[named.words.0..named.words.1];
        let by_key = Some(self.by_key[named.key]).filter(|&id| id != NONE);
        let found = by_key.or_else(|| {
            if !(kind == Kind::Person || words.len() == 1) || words.is_empty() {
                return None;
            }
            // "Kashin" joins "Vasily Kashin"; "Vasily Kashin" joins an earlier "Kashin".
            let capital_single =
                words.len() == 1 && named.name.chars().next().is_some_and(char::is_uppercase);
            let ok = |i: usize| self.groups[i].kind == Kind::Person || capital_single;
            let by_word = (words.len() == 1)
                .then(|| {
                    self.lists
                        .iter(self.words[words[0]].groups)
                        .find(|&i| ok(i))
                })
                .flatten();
            let by_single = words
                .iter()
                .filter_map(|&w| self.lists.iter(self.words[w].single).find(|&i| ok(i)))
                .max();
            by_word.max(by_single)
        });
        if found.is_some() && found == named.last_id {
            // The group holds everything this name brings (its sets only grow, its name only
            // lengthens, its kind never changes).
            return found.unwrap_or_default();
        }
        let id = match found {
            Some(id) => id,
            None => {
                self.groups.push(Group {
                    name: named.name.to_string(),
                    kind,
                    mentions: 0,
                    descriptors: Vec::new(),
                    sentences: Vec::new(),
                    direct_quotes: 0,
                    words: NONE,
                    word_count: named.word_count,
                });
                self.last_use.push(usize::MAX);
                self.groups.len() - 1
            }
        };
        named.last_id = Some(id);
        let g = &mut self.groups[id];
        if named.word_count > g.word_count && !(g.kind == Kind::Person && kind != Kind::Person) {
            g.name.clear();
            g.name.push_str(&named.name);
            g.word_count = named.word_count;
        }
        // A key, once given, is never taken back: a group answers to it exactly when it was
        // found by it. Single keys are entered with their key, so this one is new there too.
        if by_key.is_none() {
            if let Some(w) = named.single {
                self.lists.push(&mut self.words[w].single, id);
            }
            self.by_key[named.key] = id;
        }
        for &w in &self.name_words[named.words.0..named.words.1] {
            if self.group_words.insert((id, w)) {
                let word = &mut self.words[w];
                if self.lists.iter(word.groups).next() != Some(id) {
                    self.lists.push(&mut word.groups, id);
                }
                self.lists.push(&mut g.words, w);
            }
        }
        for &did in &self.name_descriptors[named.descriptor_ids.0..named.descriptor_ids.1] {
            let d = &self.descriptors[did];
            if !d.is_empty() && self.group_descriptors.insert((id, did)) {
                g.descriptors.push(d.to_string());
            }
        }
        id
    }
}

/// Nouns naming one particular kind of body: "the ministry" cannot be "the farmers' union".
/// Broad ones ("the military", "the government") may speak through any of their bodies.
const BODIES: &[&str] = &[
    "ministry",
    "union",
    "council",
    "committee",
    "commission",
    "party",
    "company",
    "university",
    "institute",
    "court",
    "bank",
    "association",
    "board",
    "agency",
    "department",
    "embassy",
    "bureau",
    "office",
    "firm",
    "club",
    "school",
    "hospital",
    "church",
    "newspaper",
    "campaign",
    "team",
    "group",
    "federation",
    "foundation",
    "society",
];
