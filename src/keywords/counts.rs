//! The tallies every ranking stage reads: what each distinct form is (stopword, number, stem
//! group), and where each stem group occurs.
//!
//! The occurrences of all groups share two flat arrays, group after group (counted first, then
//! filled), rather than a pair of growing vectors per group: a text has thousands of groups, and
//! their many small reallocations cost more than the counting pass.

use std::cell::RefCell;
use std::collections::HashSet;

mod forms;

use super::hash::FastMap;
use super::stem;
use super::stopwords::is_stopword;
use super::tokens::{self, Token, Tokens, ALL_CAPS, CAPITALIZED, SENTENCE_START};
use crate::bytes::sixteen;
use crate::offsets::{Utf16Cursor, Utf16Index};
use crate::schema::Span;
use crate::Options;
pub(super) use forms::possessive_len;
use forms::{token_weight, FormTally, Spelling};

/// What a distinct lower-cased form is.
#[derive(Debug, Clone, Copy)]
pub(super) struct TypeInfo {
    /// Its stem group; `NONE` for stopwords and numbers.
    pub group: u32,
    pub numeric: bool,
    /// The stem groups of its hyphen-separated parts, as a range of the `parts` table built
    /// with the types; empty for words without a hyphen.
    parts: (u32, u32),
}

impl TypeInfo {
    /// Whether it is a compound whose parts are counted.
    fn has_parts(&self) -> bool {
        self.parts.0 != self.parts.1
    }

    /// The stem groups of its hyphen-separated parts, in order (`NONE` for a part that is not
    /// counted). Each of its tokens has as many parts: the form writes '-' for each hyphen.
    fn part_groups<'p>(&self, parts: &'p [u32]) -> &'p [u32] {
        parts
            .get(self.parts.0 as usize..self.parts.1 as usize)
            .unwrap_or_default()
    }
}

/// No group (or no entry).
pub(super) const NONE: u32 = u32::MAX;

/// An occurrence is a token index, with the number of the hyphen-separated part above
/// [`PART_SHIFT`] (0: the whole token), so that the parts of "allergy-related" count as
/// occurrences of "allergy" and "related" without a token of their own.
const PART_SHIFT: u32 = 27;
/// The token index bits of an occurrence. Texts with more tokens (over 500 MB) are only
/// counted up to here.
pub(super) const TOKEN_MASK: u32 = (1 << PART_SHIFT) - 1;
/// Compounds with more parts than this are only counted whole.
const MAX_PARTS: usize = 15;

/// The tallies of one stem group besides its occurrences.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Group {
    /// Occurrences next to another capitalised word, inside a multi-word name.
    pub in_name: u32,
    /// Occurrences not at the start of a sentence.
    pub inner: u32,
    /// Of those, how many are capitalised.
    pub inner_caps: u32,
    /// The type of its first occurrence as a whole word (`NONE` if it only occurs as a part
    /// of compounds): the first of its types to occur in the text, as types are numbered in
    /// that order.
    pub first_type: u32,
}

/// Everything the ranking stages share.
pub(super) struct Counts<'a> {
    pub text: &'a str,
    pub tokens: Tokens,
    pub info: Vec<TypeInfo>,
    /// The stem groups of the hyphen-separated parts of the types (see [`TypeInfo`]); `NONE`
    /// for a part that is not counted.
    parts: Vec<u32>,
    /// The stem group of each token (`NONE` for none): the passes that only need the group
    /// read this in order instead of looking up each token's type.
    pub token_group: Vec<u32>,
    /// Each token's flags and whether it has a group, a byte each (see `grams::token_bits`).
    pub token_bits: Vec<u8>,
    pub groups: Vec<Group>,
    /// The occurrences of every group (token index and part, see [`PART_SHIFT`]), group after
    /// group, each group's in text order.
    occ: Vec<u32>,
    /// The sentence of each occurrence in `occ`: the statistics over all groups read these in
    /// order instead of looking each token up at random.
    sent: Vec<u32>,
    /// Group `g`'s occurrences are `occ[bounds[g]..bounds[g + 1]]`.
    bounds: Vec<u32>,
    /// Term score of each group (0 for groups that are not ranked).
    pub score: Vec<f64>,
    pub sentences: usize,
    /// Each sentence's share of the tokens: the share of a word's occurrences it would hold if
    /// words were spread evenly, which Gries' DP compares with each word's own (see
    /// `spread_and_dispersion`). Divided once per sentence rather than once per group in it.
    pub sentence_share: Vec<f64>,
    /// The most frequent forms of the groups named so far (see [`Counts::name_groups`]).
    surfaces: RefCell<Names>,
}

/// The most frequent forms of the named groups: the by-source lists ask for the same frequent
/// words once per source. A form rather than its string, so that each caller's string is made
/// once rather than copied from another.
#[derive(Default)]
struct Names {
    /// Each group's entry in `spelled`, `NONE` for a group not named; empty before any is.
    slot: Vec<u32>,
    spelled: Vec<Spelling>,
}

impl<'a> Counts<'a> {
    /// Classifies the forms of `tokens` and tallies the stem groups: the tallies of the forms
    /// (taken while cutting) add up to those of the groups and of the parts of hyphenated
    /// forms, one pass over the tokens reads their groups, and one pass over those files the
    /// occurrences.
    ///
    /// The token table is the largest of the analysis and is read once, in order: the filing
    /// pass takes each token's sentence from the sentence lengths, and the types give each
    /// group's first form (see [`Group::first_type`]), rather than each reading the tokens
    /// again. The filing pass is written without branches on the token: whether a token has
    /// a group follows no pattern a processor can predict, and mispredicted branches cost more
    /// than the filing. Tokens without a group are filed in a spare slot past the last
    /// occurrence, dropped at the end.
    pub fn new(text: &'a str, tokens: Tokens, sentences: usize, options: &Options) -> Counts<'a> {
        let (info, parts, group_count) = classify(&tokens, options);
        let unseen = Group {
            first_type: NONE,
            ..Group::default()
        };
        let mut groups = vec![unseen; group_count];
        let mut bounds = vec![0u32; group_count + 1];
        for (id, (ty, tally)) in info.iter().zip(&tokens.tallies).enumerate() {
            if tally.count == 0 {
                continue;
            }
            if ty.group != NONE {
                bounds[ty.group as usize + 1] += tally.count;
                let group = &mut groups[ty.group as usize];
                group.inner += tally.inner;
                group.inner_caps += tally.inner_caps;
                group.in_name += tally.in_name;
                // The types are numbered in the order they first occur.
                group.first_type = group.first_type.min(id as u32);
            }
            // Each token of a form with parts counts each of its counted parts once.
            for &g in ty.part_groups(&parts) {
                if g != NONE {
                    bounds[g as usize + 1] += tally.count;
                }
            }
        }
        for g in 0..group_count {
            bounds[g + 1] += bounds[g];
        }

        // The group of each form, in a table small enough to stay in the cache.
        let type_group: Vec<u32> = info.iter().map(|ty| ty.group).collect();
        // The phrase pass reads each token's flags and whether it has a group from one byte
        // apiece, taken here while the tokens are read anyway, rather than read the whole token
        // table again (see `grams::token_bits`).
        let toks = &tokens.tokens;
        let mut token_bits = vec![0u8; toks.len()];
        let mut token_group: Vec<u32> = Vec::with_capacity(toks.len());
        let mut read = |from: usize, to: usize, token_group: &mut Vec<u32>| {
            let bits = token_bits.get_mut(from..to).unwrap_or_default();
            read_tokens(&toks[from..to], &type_group, bits, token_group);
        };
        // The tokens with counted parts and their types, in text order. Their parts' tallies
        // are taken between the runs of tokens without, while those tokens are at hand.
        let mut compounds: Vec<(u32, u32)> = Vec::new();
        let mut done = 0;
        for &i in &tokens.hyphenated {
            let i = i as usize;
            read(done, i + 1, &mut token_group);
            done = i + 1;
            let t = &toks[i];
            let ty = info[t.ty as usize];
            if !ty.has_parts() {
                continue;
            }
            compounds.push((i as u32, t.ty));
            for (k, g, piece) in counted_parts(text, t, ty, &parts) {
                if k > 1 || t.flags & SENTENCE_START == 0 {
                    let group = &mut groups[g as usize];
                    group.inner += 1;
                    group.inner_caps += piece.chars().next().is_some_and(char::is_uppercase) as u32;
                }
            }
        }
        read(done, toks.len(), &mut token_group);

        let counted = toks.len().min(tokens::COUNTED);
        let total = bounds[group_count] as usize;
        let (mut occ, mut sent) = (vec![0u32; total + 1], vec![0u32; total + 1]);
        let mut next = bounds.clone();
        // The tokens with counted parts end the runs of tokens filed alike; their parts are
        // filed right after them.
        let mut compounds = compounds.iter().peekable();
        let mut start = 0;
        for (s, &words) in tokens.sentence_words.iter().enumerate() {
            let end = (start + words as usize).min(counted);
            let s = s as u32;
            let mut from = start;
            while let Some(&(i, ty)) = compounds.next_if(|&&(i, _)| (i as usize) < end) {
                let i = i as usize;
                let run = (&token_group[from..=i], from as u32, s);
                file_run(&mut next, &mut occ, &mut sent, run);
                let parts = info[ty as usize].part_groups(&parts);
                for (k, &g) in (1..).zip(parts) {
                    if g != NONE {
                        let at = &mut next[g as usize];
                        occ[*at as usize] = i as u32 | (k << PART_SHIFT);
                        sent[*at as usize] = s;
                        *at += 1;
                    }
                }
                from = i + 1;
            }
            let run = (&token_group[from..end], from as u32, s);
            file_run(&mut next, &mut occ, &mut sent, run);
            start = end;
        }
        occ.truncate(total);
        sent.truncate(total);
        let all = toks.len() as f64;
        let sentence_share = (tokens.sentence_words.iter())
            .map(|&words| words as f64 / all)
            .collect();

        Counts {
            text,
            tokens,
            info,
            parts,
            token_group,
            token_bits,
            groups,
            occ,
            sent,
            bounds,
            score: Vec::new(),
            sentences,
            sentence_share,
            surfaces: RefCell::default(),
        }
    }

    /// The occurrences of group `g`, in text order.
    pub fn occ(&self, g: u32) -> &[u32] {
        &self.occ[self.bounds[g as usize] as usize..self.bounds[g as usize + 1] as usize]
    }

    /// The sentence of each occurrence of group `g`.
    pub fn sent(&self, g: u32) -> &[u32] {
        &self.sent[self.bounds[g as usize] as usize..self.bounds[g as usize + 1] as usize]
    }

    /// How often group `g` occurs.
    pub fn tf(&self, g: u32) -> usize {
        (self.bounds[g as usize + 1] - self.bounds[g as usize]) as usize
    }

    pub fn token(&self, i: u32) -> &Token {
        &self.tokens.tokens[(i & TOKEN_MASK) as usize]
    }

    /// Whether occurrence `occ` is a part of a compound rather than a whole token.
    pub fn is_part(occ: u32) -> bool {
        occ >> PART_SHIFT != 0
    }

    /// The byte range of an occurrence: its token, or the part of it the occurrence counts.
    #[inline]
    pub fn range(&self, occ: u32) -> (usize, usize) {
        let t = self.token(occ);
        let (start, end) = (t.start as usize, t.end as usize);
        let part = (occ >> PART_SHIFT) as usize;
        if part == 0 {
            return (start, end);
        }
        self.part_range(start, end, part)
    }

    /// The byte range of part `part` (from 1) of the token at `start..end`; the whole token if
    /// it has fewer parts. Apart from [`Counts::range`], which mostly meets whole tokens.
    #[inline(never)]
    fn part_range(&self, start: usize, end: usize, part: usize) -> (usize, usize) {
        let word = &self.text[start..end];
        let (mut k, mut from) = (1, 0);
        for (j, c) in word.char_indices() {
            if c == '-' || c == '‐' {
                if k == part {
                    return (start + from, start + j);
                }
                k += 1;
                from = j + c.len_utf8();
            }
        }
        if k == part {
            return (start + from, end);
        }
        (start, end)
    }

    /// The most frequent surface form of a group; a capital at the start of a sentence only
    /// counts when the word is never seen elsewhere. A group that was not named (see
    /// [`Counts::name_groups`]) is tallied from its occurrences.
    pub fn surface(&self, g: u32) -> String {
        self.with_surface(g, str::to_string)
    }

    /// Hands the surface form of group `g` (see [`Counts::surface`]) to `take`: most forms are
    /// short and ASCII, and are spelled on the stack rather than in a string of their own,
    /// which the by-source lists would copy and drop for each of their thousands of terms.
    pub fn with_surface<R>(&self, g: u32, take: impl FnOnce(&str) -> R) -> R {
        let named = {
            let names = self.surfaces.borrow();
            let slot = names.slot.get(g as usize).copied().unwrap_or(NONE);
            names.spelled.get(slot as usize).copied()
        };
        let best = named.unwrap_or_else(|| {
            let mut forms = FormTally::default();
            for &i in self.occ(g) {
                let (a, b) = self.range(i);
                forms.add(self.text.as_bytes(), (a, b), self.token(i), i);
            }
            forms.best()
        });
        let mut buf = [0; 16];
        let best = best.text(self.text, &mut buf);
        // A word seen only at the start of sentences is taken as a common word, unless it is
        // written in capitals throughout ("NATO").
        let group = &self.groups[g as usize];
        let shouting = || {
            best.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !best.chars().any(char::is_lowercase)
        };
        if !(group.inner_caps * 2 < group.inner || (group.inner == 0 && !shouting())) {
            return take(best);
        }
        // Most forms are ASCII, which needs no case tables.
        let mut lower = [0; 16];
        match lower.get_mut(..best.len()) {
            Some(lower) if best.is_ascii() => {
                lower.copy_from_slice(best.as_bytes());
                lower.make_ascii_lowercase();
                take(std::str::from_utf8(lower).unwrap_or_default())
            }
            _ if best.is_ascii() => take(&best.to_ascii_lowercase()),
            _ => take(&best.to_lowercase()),
        }
    }

    /// The spans of the phrases of `len` words starting at the occurrences `occ`, and their
    /// sentences.
    pub fn spans(&self, occ: &[u32], len: usize, index: &Utf16Index) -> (Vec<Span>, Vec<usize>) {
        // The occurrences of a phrase lie far apart: reading all their tokens first lets those
        // reads overlap instead of each waiting behind the previous conversion.
        let ranges: Vec<(usize, usize, usize)> = occ
            .iter()
            .map(|&i| {
                let (start, mut end) = self.range(i);
                if len > 1 {
                    end = self.token(i + len as u32 - 1).end as usize;
                }
                (start, end, self.tokens.sentence_of(i & TOKEN_MASK))
            })
            .collect();
        self.spans_of(ranges, index)
    }

    /// The spans of the occurrences of group `g`, and their sentences: those are filed with
    /// the occurrences, which spares finding each token's sentence.
    pub fn group_spans(&self, g: u32, index: &Utf16Index) -> (Vec<Span>, Vec<usize>) {
        let ranges: Vec<(usize, usize, usize)> = (self.occ(g).iter())
            .zip(self.sent(g))
            .map(|(&i, &s)| {
                let (start, end) = self.range(i);
                (start, end, s as usize)
            })
            .collect();
        self.spans_of(ranges, index)
    }

    /// The UTF-16 spans of the byte ranges `ranges`, in text order, and their sentences
    /// (each range's third item).
    fn spans_of(
        &self,
        ranges: Vec<(usize, usize, usize)>,
        index: &Utf16Index,
    ) -> (Vec<Span>, Vec<usize>) {
        let mut units = Utf16Cursor::new(self.text, index);
        ranges
            .into_iter()
            .map(|(start, end, sentence)| (units.span(start, end), sentence))
            .unzip()
    }

    /// Tallies the surface forms of `groups` (kept for [`Counts::surface`]). The cutting
    /// tallied how the tokens of each form are written (see `tokens::Tally::by_case`), and
    /// apart from the tokens spelled their own way, those of one form and case are spelled as
    /// the form and the case make them: so the forms of the named groups add up those few
    /// entries per form, spelled from the form, and the tokens spelled their own way, rather
    /// than read every token and its text again (the by-source lists name thousands of
    /// groups, most of the words of the text, and their tokens lie all over the text). The
    /// parts of compounds are spelled from the parts of their form likewise.
    pub fn name_groups(&self, groups: &[u32]) {
        /// A group to be named, before its entry is given.
        const PENDING: u32 = NONE - 1;
        let mut names = self.surfaces.borrow_mut();
        let Names { slot, spelled } = &mut *names;
        slot.resize(self.groups.len(), NONE);
        for &g in groups {
            let k = &mut slot[g as usize];
            if *k == NONE {
                *k = PENDING;
            }
        }
        // Entries in group order: the forms below come about in that order (both are numbered
        // as first met), so their tallies are mostly written one after the other.
        let base = spelled.len() as u32;
        let mut next = base;
        for k in slot.iter_mut().filter(|k| **k == PENDING) {
            *k = next;
            next += 1;
        }
        let slot = &*slot;
        let mut forms: Vec<FormTally> = (base..next).map(|_| FormTally::default()).collect();
        // The tally of group `g` if it is being named, else `NONE`.
        let tally_of = |g: u32| match slot.get(g as usize) {
            Some(&k) if k != NONE && k >= base => k - base,
            _ => NONE,
        };
        let text = self.text.as_bytes();
        let tokens = &self.tokens;
        // The tokens spelled their own way count on their own, and leave their form's tally.
        let mut own: FastMap<u32, [u32; 4]> = FastMap::default();
        for &i in &tokens.own_spelling {
            let t = self.token(i);
            let ty = self.info[t.ty as usize];
            let k = tally_of(ty.group);
            if k == NONE && !ty.has_parts() {
                continue;
            }
            if k != NONE {
                forms[k as usize].add(text, (t.start as usize, t.end as usize), t, i);
            }
            if ty.has_parts() {
                for (part, g, _) in counted_parts(self.text, t, ty, &self.parts) {
                    let k = tally_of(g);
                    if k != NONE {
                        let occ = i | (part << PART_SHIFT);
                        forms[k as usize].add(text, self.range(occ), t, occ);
                    }
                }
            }
            let case = (t.flags & (CAPITALIZED | ALL_CAPS)) as usize;
            own.entry(t.ty).or_default()[case] += token_weight(t);
        }
        // The other tokens of one form and case are spelled alike: like the first of them, or
        // where that one is spelled its own way, like the first that is not.
        let by_case = tokens
            .tallies
            .iter()
            .zip(&tokens.first_by_case)
            .zip(&self.info);
        for (ty, ((tally, first), info)) in by_case.enumerate() {
            let k = tally_of(info.group);
            let parts = info.part_groups(&self.parts);
            if k == NONE && parts.iter().all(|&g| tally_of(g) == NONE) {
                continue;
            }
            let ty = ty as u32;
            let own = own.get(&ty).copied().unwrap_or_default();
            let form = tokens.form(ty).as_bytes();
            // By index rather than by zipped iterators: most of the four cases are skipped, and
            // the iterators cost several times the test.
            for case in 0..4 {
                let (weight, own) = (tally.by_case[case], own[case]);
                if weight == own {
                    continue;
                }
                let mut i = first[case];
                let case = case as u8;
                if own > 0 && tokens.own_spelling.binary_search(&i).is_ok() {
                    match self.first_spelled_alike(ty, case) {
                        Some(alike) => i = alike,
                        None => continue,
                    }
                }
                if k != NONE {
                    self.add_spelled(&mut forms[k as usize], form, case, i, weight - own);
                }
                let pieces = parts.iter().zip(form.split(|&b| b == b'-'));
                for (part, (&g, piece)) in (1..).zip(pieces) {
                    let k = tally_of(g);
                    if k != NONE {
                        let occ = i | (part << PART_SHIFT);
                        self.add_spelled(&mut forms[k as usize], piece, case, occ, weight - own);
                    }
                }
            }
        }
        spelled.extend(forms.iter().map(FormTally::best));
    }

    /// Counts `weight` in `forms` for occurrence `occ` and the tokens or parts spelled like it,
    /// whose lower-cased form is `lower` and whose case flags (of the whole token) are `case`:
    /// the form with the first letter of the token or all letters in capitals. A form longer
    /// than [`Spelling`] holds is read from the text.
    fn add_spelled(&self, forms: &mut FormTally, lower: &[u8], case: u8, occ: u32, weight: u32) {
        let mut word = [0u8; 16];
        let Some(spelled) = word.get_mut(..lower.len()) else {
            let (a, b) = self.range(occ);
            return forms.add_weighted(self.text.as_bytes(), a..b, weight, occ);
        };
        spelled.copy_from_slice(lower);
        if case & ALL_CAPS != 0 {
            spelled.make_ascii_uppercase();
        } else if case & CAPITALIZED != 0 && occ >> PART_SHIFT <= 1 {
            if let Some(first) = spelled.first_mut() {
                first.make_ascii_uppercase();
            }
        }
        forms.add_weighted(&word, 0..lower.len(), weight, occ);
    }

    /// The first token of form `ty` with the case flags `case` that is not spelled its own way
    /// (see `tokens::Tokens::own_spelling`), where the form's tally counts some: found among
    /// the occurrences of its group, or of its first counted part.
    fn first_spelled_alike(&self, ty: u32, case: u8) -> Option<u32> {
        let info = self.info[ty as usize];
        let (g, part) = match info.group {
            NONE => (info.part_groups(&self.parts).iter())
                .zip(1..)
                .find(|(&g, _)| g != NONE)
                .map(|(&g, part)| (g, part))?,
            g => (g, 0),
        };
        let own = &self.tokens.own_spelling;
        let alike = |&&o: &&u32| {
            let t = self.token(o);
            o >> PART_SHIFT == part
                && t.ty == ty
                && t.flags & (CAPITALIZED | ALL_CAPS) == case
                && own.binary_search(&(o & TOKEN_MASK)).is_err()
        };
        // Not before the first token of the form in that case, which is spelled its own way.
        let first = self.tokens.first_by_case[ty as usize][case as usize];
        let occ = self.occ(g);
        let after = occ.partition_point(|&o| o & TOKEN_MASK <= first);
        occ[after..].iter().find(alike).map(|&o| o & TOKEN_MASK)
    }
}

/// Appends the stem groups of `toks` to `groups` and writes their bytes of bits (see
/// `grams::token_bits`) to `bits`, from the group of each form in `type_group`. A function of
/// its own that takes the table as a slice: reached through a closure's captures, it was
/// loaded again for every token, as each byte written might have changed it.
fn read_tokens(toks: &[Token], type_group: &[u32], bits: &mut [u8], groups: &mut Vec<u32>) {
    groups.extend(toks.iter().zip(bits).map(|(t, bits)| {
        let g = type_group[t.ty as usize];
        *bits = super::grams::token_bits(t.flags, g);
        g
    }));
}

/// Files the occurrences of a run of tokens: `run` holds their groups (`NONE` for none), the
/// index of the first and their sentence. `next` is where the next occurrence of each group
/// goes in `occ` and `sent`, and its last entry a spare slot, past the last occurrence, that
/// takes the tokens without a group: the filing has no branch on the token (see
/// [`Counts::new`]). A function of its own, so that the arrays, as its arguments, are known
/// not to overlap and stay in registers while it writes.
fn file_run(next: &mut [u32], occ: &mut [u32], sent: &mut [u32], run: (&[u32], u32, u32)) {
    let (groups, first, sentence) = run;
    let spare = next.len() - 1;
    for (i, &g) in (first..).zip(groups) {
        let g = (g as usize).min(spare);
        let k = &mut next[g];
        occ[*k as usize] = i;
        sent[*k as usize] = sentence;
        *k += (g != spare) as u32;
    }
}

/// The counted parts of token `t` of type `ty`: part number (from 1), stem group and text.
/// Call it only for types with parts ([`TypeInfo::has_parts`]): most words have none, and
/// setting up the split costs more than the rest of their tally.
fn counted_parts<'t>(
    text: &'t str,
    t: &Token,
    ty: TypeInfo,
    parts: &'t [u32],
) -> impl Iterator<Item = (u32, u32, &'t str)> {
    ty.part_groups(parts)
        .iter()
        .zip(text[t.range()].split(['-', '‐']))
        .enumerate()
        .filter(|(_, (&g, _))| g != NONE)
        .map(|(k, (&g, piece))| (k as u32 + 1, g, piece))
}

/// Classifies each distinct form once: its stem group (stopwords, numbers and the user's
/// stopwords have none) and those of its hyphen-separated parts. Returns the type table, the
/// parts table and the number of groups.
fn classify(tokens: &Tokens, options: &Options) -> (Vec<TypeInfo>, Vec<u32>, usize) {
    let extra: HashSet<String> = options.stopwords.iter().map(|w| w.to_lowercase()).collect();
    // A user's stopword takes its inflections with it ("ferry" also removes "ferries").
    let extra_stems: HashSet<String> = extra.iter().map(|w| stem::stem(w)).collect();

    let mut stems = Stems::with_capacity(tokens.type_count());
    let mut parts: Vec<u32> = Vec::new();
    // Most forms are ASCII lower-case letters only (`letters`), which settles the tests for
    // numbers, hyphens, possessives and words without a letter or digit at once.
    let mut group_of = |word: &str, letters: bool| -> u32 {
        let stop = if letters {
            word.len() == 1 || is_stopword(word)
        } else {
            let numeric = word.chars().next().is_some_and(|c| c.is_numeric());
            let mut chars = word.chars();
            let single_letter = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic() && !tokens::is_ideograph(c));
            numeric
                || single_letter
                || is_stopword(word)
                || word.strip_suffix("'s").is_some_and(is_stopword)
                || !word.chars().any(char::is_alphanumeric)
        };
        if stop || (!extra.is_empty() && extra.contains(word)) {
            return NONE;
        }
        let group = |key: &[u8]| {
            let extra = || std::str::from_utf8(key).is_ok_and(|k| extra_stems.contains(k));
            if !extra_stems.is_empty() && extra() {
                return NONE;
            }
            stems.group(key)
        };
        if letters {
            stem::with_letters_stem(word, group)
        } else {
            stem::with_stem(word, group)
        }
    };
    let info: Vec<TypeInfo> = (0..tokens.type_count() as u32)
        .map(|id| {
            let ty = tokens.form(id);
            let letters = stem::is_letters(ty.as_bytes());
            let group = group_of(ty, letters);
            let from = parts.len() as u32;
            if !letters && ty.contains('-') && ty.split('-').count() <= MAX_PARTS {
                for piece in ty.split('-') {
                    let g = group_of(piece, stem::is_letters(piece.as_bytes()));
                    parts.push(if g == group { NONE } else { g });
                }
            }
            TypeInfo {
                group,
                numeric: !letters && ty.chars().next().is_some_and(|c| c.is_numeric()),
                parts: (from, parts.len() as u32),
            }
        })
        .collect();
    (info, parts, stems.len())
}

/// The stem groups, numbered in the order their stems are first met. Most stems are at most
/// 16 bytes and are keyed by their bytes packed into two words (no stem has a zero byte, so
/// the padding is unambiguous): no allocation per stem, and no key to follow when comparing.
struct Stems {
    short: FastMap<(u64, u64), u32>,
    long: FastMap<Vec<u8>, u32>,
}

impl Stems {
    fn with_capacity(n: usize) -> Stems {
        Stems {
            short: FastMap::with_capacity_and_hasher(n, Default::default()),
            long: FastMap::default(),
        }
    }

    /// Number of groups.
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The group of `stem`, adding one if the stem is new.
    fn group(&mut self, stem: &[u8]) -> u32 {
        let next = self.len() as u32;
        if stem.len() > 16 {
            if let Some(&g) = self.long.get(stem) {
                return g;
            }
            self.long.insert(stem.to_vec(), next);
            return next;
        }
        *self.short.entry(sixteen(stem)).or_insert(next)
    }
}

#[cfg(test)]
mod tests {
    use super::{Counts, Tokens, NONE, PART_SHIFT};
    use crate::Options;

    /// The surface forms that `name_groups` spells from the tallies by case are those that
    /// reading every occurrence gives: mixed case and non-ASCII spellings first in their
    /// form's tally, "US" beside "U.S.", possessives, parts of compounds in every case (also
    /// of a compound counted only by its parts), forms longer than sixteen bytes, sentence
    /// starts and ties.
    #[test]
    fn named_groups_match_their_occurrences() {
        let text = "iPhone sales rose. The iphone sold. IPHONE makers said iPhone iphone IPhone. \
                    McCain met MCCAIN and Mccain. Trump’s plan. Trump's plan, Trump’s aide. \
                    TRUMP’S aide. The US and the U.S. agree. US officials. Über über ÜBER über. \
                    Police said police. Police. Well-known WELL-KNOWN well-known known. \
                    Known Known known. 3M and 3m and 3M. Al-Qaeda al-Qaeda AL-QAEDA. \
                    TRUMP'S aide. Cost-cutting COST-CUTTING cost-cutting. Try 2-fOO, 2-foo, \
                    2-foo, 2-foo, 2-Foo, 2-Foo, 2-FOO, 2-FOO. Internationalization internationalization's \
                    Internationalization. Counterintelligence-related counterintelligence-related \
                    COUNTERINTELLIGENCE-RELATED.";
        let seg = crate::segment::segment(text);
        let counts = || {
            let tokens = Tokens::new(text, &seg.sentences);
            Counts::new(text, tokens, seg.sentences.len(), &Options::default())
        };
        let (named, exact) = (counts(), counts());
        let all: Vec<u32> = (0..named.groups.len() as u32).collect();
        named.name_groups(&all);
        assert!(all.len() > 15);
        for g in all {
            assert_eq!(named.surface(g), exact.surface(g), "group {g}");
        }
    }

    /// The occurrences filed for each group are exactly its words and the counted parts of its
    /// compounds (both hyphens, possessives, a compound before the word itself), in text order,
    /// each with its sentence; the group's first type is that of its first whole word.
    #[test]
    fn filed_occurrences_match_the_tallies() {
        let text = "Allergy-related costs rose. The allergy‐related cost of allergies is high. \
                    A well-known cost-cutting plan’s costs were known. Well-known costs. Costs.";
        let seg = crate::segment::segment(text);
        let tokens = Tokens::new(text, &seg.sentences);
        let c = Counts::new(text, tokens, seg.sentences.len(), &Options::default());
        let mut sentence_of = Vec::new();
        for (s, &n) in c.tokens.sentence_words.iter().enumerate() {
            sentence_of.extend(std::iter::repeat(s as u32).take(n as usize));
        }
        let mut expected = vec![Vec::new(); c.groups.len()];
        for (i, t) in c.tokens.tokens.iter().enumerate() {
            let ty = c.info[t.ty as usize];
            if ty.group != NONE {
                expected[ty.group as usize].push(i as u32);
            }
            for (k, &g) in ty.part_groups(&c.parts).iter().enumerate() {
                if g != NONE {
                    expected[g as usize].push(i as u32 | ((k as u32 + 1) << PART_SHIFT));
                }
            }
        }
        let parts = expected.iter().flatten().filter(|&&o| Counts::is_part(o));
        assert!(parts.count() >= 6);
        for (g, expected) in expected.iter().enumerate() {
            let g = g as u32;
            assert_eq!(c.occ(g), expected);
            let sentences: Vec<u32> = expected
                .iter()
                .map(|&o| sentence_of[(o & super::TOKEN_MASK) as usize])
                .collect();
            assert_eq!(c.sent(g), sentences);
            let first_whole = expected.iter().find(|&&o| !Counts::is_part(o));
            let first_type = first_whole.map_or(NONE, |&o| c.token(o).ty);
            assert_eq!(c.groups[g as usize].first_type, first_type);
        }
    }
}
