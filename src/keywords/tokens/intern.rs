//! Interning: the lower-cased forms of the words, mapped to small ids without allocating per
//! word.

use super::{word_at, Tally, Tokens};

/// The FxHash multiply-rotate step.
fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// A form's first eight bytes as a little-endian word, zero-padded. Words hold no zero bytes,
/// so the head of a form up to eight bytes long is the whole form.
pub(super) fn head_of(b: &[u8]) -> u64 {
    let mut w = [0; 8];
    let n = b.len().min(8);
    w[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(w)
}

/// The second eight bytes of the lower-cased form of `b` (see [`form_hash`] for `fold`) as a
/// little-endian word, zero-padded; 0 for a form up to eight bytes long. With the head (see
/// [`head_of`]) it is the whole of a form up to sixteen bytes long (most long words).
pub(super) fn second_of(b: &[u8], fold: u8) -> u64 {
    let rest = b.get(8..).unwrap_or_default();
    let n = rest.len().min(8);
    if n == 0 {
        return 0;
    }
    head_of(rest) | (u64::from_ne_bytes([fold; 8]) & (u64::MAX >> (64 - 8 * n)))
}

/// Hashes a lower-cased form of `b.len()` bytes whose head (see [`head_of`]) is `head` and
/// whose second eight bytes (see [`second_of`]) are `second`, for interning. `fold` is OR-ed
/// into every byte past the first sixteen first: an ASCII word's lower-cased form is its bytes
/// with 0x20 set (letters, digits, `'`, `-`, `,` and `.` all have it), so passing 0x20 hashes
/// that form without building it; pass 0 for bytes already lower-cased.
fn form_hash(b: &[u8], head: u64, second: u64, fold: u8) -> u64 {
    let n = b.len();
    let mut h = mix(n as u64, head);
    if n > 8 {
        h = mix(h, second);
    }
    if n > 16 {
        // Overlapping reads cover the tail; the exact comparison in `intern` settles any
        // collision.
        let fold = u64::from_ne_bytes([fold; 8]);
        let mut i = 16;
        while i + 8 < n {
            h = mix(h, word_at(b, i, fold));
            i += 8;
        }
        h = mix(h, word_at(b, n - 8, fold));
    }
    h
}

/// Maps lower-cased forms to ids without allocating per form: an open-addressing table whose
/// slots hold each form's head and the first four of its second eight bytes beside its id.
/// Words hold no zero bytes, so the zero padding of those twelve bytes gives the length of a
/// form shorter than that: such a form (nearly every word) is found by comparing one slot,
/// without reading the form. A longer one compares its second eight bytes, and past sixteen
/// bytes its length and the rest.
pub(super) struct Interner {
    /// The length is a power of two; `EMPTY` ids are free slots.
    slots: Vec<Slot>,
    /// The second eight bytes of each form (see [`second_of`]), indexed by id.
    seconds: Vec<u64>,
    /// 64 minus the bits of a slot index (see [`Interner::home`]), kept rather than counted
    /// for every word.
    shift: u32,
}

#[derive(Clone, Copy)]
struct Slot {
    /// The form's first eight bytes (see [`head_of`]); 0, which no form has, in a free slot.
    head: u64,
    /// The first four of the form's second eight bytes (see [`second_of`]).
    second: u32,
    id: u32,
}

const EMPTY: u32 = u32::MAX;
const FREE: Slot = Slot {
    head: 0,
    second: 0,
    id: EMPTY,
};

impl Interner {
    /// A table for the forms of a text of `len` bytes. News has about one new form per 140
    /// bytes over a few megabytes (more per byte in short texts, which get the minimum), and
    /// the table is kept at most half full, so a long text seldom regrows it; the cap keeps a
    /// huge text from reserving more than it is likely to need before it needs it.
    pub(super) fn for_text(len: usize) -> Interner {
        Interner::with_slots((len / 64).next_power_of_two().clamp(1 << 12, 1 << 17))
    }

    /// An empty table of `n` slots, a power of two.
    fn with_slots(n: usize) -> Interner {
        Interner {
            slots: vec![FREE; n],
            seconds: Vec::with_capacity(n / 2),
            shift: 64 - n.trailing_zeros(),
        }
    }

    /// How many forms the table takes before it regrows: the forms' own tables can be sized
    /// for that many at once instead of growing by copies.
    pub(super) fn forms(&self) -> usize {
        self.slots.len() / 2
    }

    /// The slot index of hash `h` (the high bits: the multiply mixes upwards).
    fn home(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }
}

impl Tokens {
    /// The id of the lower-cased form of `word`, adding the form if it is new. With `fold`
    /// 0x20, `word` is an ASCII word and its form is its bytes with that bit set (see
    /// [`form_hash`]); with `fold` 0 it is the form itself. `head` is the form's head (see
    /// [`head_of`]).
    /// Out of line: the words that are not plain (see `cut`) come here, the plain ones to
    /// [`Tokens::intern_short`] and [`Tokens::intern_two`].
    #[inline(never)]
    pub(super) fn intern(&mut self, word: &[u8], head: u64, fold: u8, ids: &mut Interner) -> u32 {
        let second = match word.len() {
            0..=8 => 0,
            _ => second_of(word, fold),
        };
        self.find::<true>(word, head, second, fold, ids)
    }

    /// [`Tokens::intern`] of a word of one to eight bytes, which its head and length settle.
    #[inline(always)]
    pub(super) fn intern_short(
        &mut self,
        word: &[u8],
        head: u64,
        fold: u8,
        ids: &mut Interner,
    ) -> u32 {
        self.find::<false>(word, head, 0, fold, ids)
    }

    /// [`Tokens::intern`] of a word whose form's second eight bytes (see [`second_of`]) are
    /// `second`, for a caller that has them already.
    #[inline(always)]
    pub(super) fn intern_two(
        &mut self,
        word: &[u8],
        head: u64,
        second: u64,
        fold: u8,
        ids: &mut Interner,
    ) -> u32 {
        self.find::<true>(word, head, second, fold, ids)
    }

    /// The id of the form of `word` (see [`Tokens::intern`]) with head `head` and second
    /// eight bytes `second`; without `LONG` the word is at most eight bytes long, and only its
    /// slot is compared.
    #[inline(always)]
    fn find<const LONG: bool>(
        &mut self,
        word: &[u8],
        head: u64,
        second: u64,
        fold: u8,
        ids: &mut Interner,
    ) -> u32 {
        let len = word.len() as u32;
        let mask = ids.slots.len() - 1;
        // `form_hash` of a word up to eight bytes long.
        let hash = match LONG {
            true => form_hash(word, head, second, fold),
            false => mix(len.into(), head),
        };
        let mut k = ids.home(hash);
        loop {
            let slot = ids.slots[k];
            if slot.head == head
                && slot.second == second as u32
                && (!LONG
                    || len < 12
                    || (ids.seconds.get(slot.id as usize) == Some(&second)
                        && (len < 16 || self.tail_is(slot.id, word, fold))))
            {
                return slot.id;
            }
            if slot.id == EMPTY {
                return self.add(word, head, second, fold, ids, k);
            }
            k = (k + 1) & mask;
        }
    }

    /// Whether the form with id `ty` and `word` (see [`Tokens::intern`]), which agree in their
    /// first sixteen bytes, are of one length and agree past those: compared eight bytes at a
    /// time, the last eight overlapping the ones before.
    fn tail_is(&self, ty: u32, word: &[u8], fold: u8) -> bool {
        let (a, b) = self.types[ty as usize];
        let Some(form) = self.lower.as_bytes().get(a as usize..b as usize) else {
            return false;
        };
        let (n, fold) = (word.len(), u64::from_ne_bytes([fold; 8]));
        if form.len() != n || n <= 16 {
            return form.len() == n;
        }
        let mut i = 16;
        while i + 8 < n {
            if word_at(form, i, 0) != word_at(word, i, fold) {
                return false;
            }
            i += 8;
        }
        word_at(form, n - 8, 0) == word_at(word, n - 8, fold)
    }

    /// Adds the form of `word` (see [`Tokens::intern`]), whose head is `head` and second eight
    /// bytes `second`, in free slot `k` and returns its id. Kept out of line: most words are
    /// not new.
    #[cold]
    #[inline(never)]
    fn add(
        &mut self,
        word: &[u8],
        head: u64,
        second: u64,
        fold: u8,
        ids: &mut Interner,
        k: usize,
    ) -> u32 {
        let id = self.types.len() as u32;
        let start = self.lower.len() as u32;
        if fold != 0 {
            // With `fold` 0x20 the word is ASCII letters, digits and `'-,.`, which have that
            // bit set already: setting it lower-cases the letters and leaves the rest, and
            // each byte is a character of its own. Masking the high bit, which is clear,
            // lets the compiler write each as one byte rather than encode a character.
            self.lower
                .extend(word.iter().map(|&b| char::from((b | fold) & 0x7F)));
        } else {
            // Callers pass the bytes of a `&str`.
            self.lower
                .push_str(std::str::from_utf8(word).unwrap_or_default());
        }
        self.types.push((start, self.lower.len() as u32));
        self.tallies.push(Tally::default());
        self.first_by_case.push([0; 4]);
        ids.seconds.push(second);
        ids.slots[k] = Slot {
            head,
            second: second as u32,
            id,
        };
        if self.types.len() * 2 > ids.slots.len() {
            self.grow(ids);
        }
        id
    }

    /// Doubles the interning table, re-placing every form.
    fn grow(&self, ids: &mut Interner) {
        let seconds = std::mem::take(&mut ids.seconds);
        *ids = Interner::with_slots(ids.slots.len() * 2);
        ids.seconds = seconds;
        let mask = ids.slots.len() - 1;
        for id in 0..self.types.len() as u32 {
            let form = self.form(id).as_bytes();
            let head = head_of(form);
            let second = ids.seconds.get(id as usize).copied().unwrap_or_default();
            let mut k = ids.home(form_hash(form, head, second, 0));
            while ids.slots[k].id != EMPTY {
                k = (k + 1) & mask;
            }
            ids.slots[k] = Slot {
                head,
                second: second as u32,
                id,
            };
        }
    }
}
