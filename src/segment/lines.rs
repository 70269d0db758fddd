//! Line-level structure: hard-wrapped blocks, list markers, and whether a line is finished.

use super::abbrev;

/// A block is a run of lines between blank lines.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Block {
    /// The block is hard-wrapped prose (lines cut at a fixed width, sentences running on to the
    /// next line), so a long line without final punctuation continues even before a capital.
    pub wrapped: bool,
}

/// Lines at least this long (bytes) may be wrapped lines of prose; headlines, bylines and
/// captions are shorter.
pub(super) const WRAP_MIN_LINE: usize = 45;

impl Block {
    /// Reads the block starting at byte `start` (up to the next blank line). Called once per
    /// block, so the whole text is read once.
    pub fn scan(text: &str, start: usize) -> Block {
        let b = text.as_bytes();
        let mut pos = start;
        let (mut lines, mut runs_on) = (0usize, 0usize);
        while pos < b.len() {
            let nl = b[pos..].iter().position(|&c| c == b'\n').map(|o| pos + o);
            let line = &text[pos..nl.unwrap_or(b.len())];
            if line.trim().is_empty() {
                break;
            }
            lines += 1;
            let Some(nl) = nl else { break };
            let next = text[nl + 1..].trim_start_matches([' ', '\t']);
            let unfinished = !ends_with_terminal(line.trim_end());
            if unfinished && next.chars().next().is_some_and(char::is_lowercase) {
                runs_on += 1;
            }
            pos = nl + 1;
        }
        Block {
            wrapped: runs_on >= 2 && runs_on * 5 >= lines,
        }
    }
}

/// True when `c` closes a quotation or bracket.
pub(super) const fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›' | '」' | '』' | '）'
    )
}

/// True when `c` opens a quotation or bracket.
pub(super) const fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹' | '「' | '『' | '（' | '{'
    )
}

/// True for bullet characters that start list items.
pub(super) const fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '▪' | '◦' | '‣' | '●' | '■' | '–' | '-' | '*')
}

/// True when `line` (trimmed) ends in a terminal mark, possibly inside closing quotes/brackets.
pub(super) fn ends_with_terminal(line: &str) -> bool {
    line.trim_end_matches(is_closer)
        .ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// The kind of a list marker, for matching the next item's marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkerStyle {
    /// "1."
    Dot,
    /// "1)"
    Paren,
    /// "1.)"
    DotParen,
}

/// A list marker: "3.", "b)", "10.)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marker {
    /// Numbers or lower-case letters.
    pub letter: bool,
    /// The number, or the letter's position (a = 1).
    pub value: u32,
    /// The punctuation after it.
    pub style: MarkerStyle,
}

impl Marker {
    /// Reads `token` ("12" or "b") as a marker value.
    pub fn parse(token: &str, style: MarkerStyle) -> Option<Marker> {
        let b = token.as_bytes();
        if b.len() == 1 && b[0].is_ascii_lowercase() {
            return Some(Marker {
                letter: true,
                value: u32::from(b[0] - b'a') + 1,
                style,
            });
        }
        if (1..=3).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
            return Some(Marker {
                letter: false,
                value: token.parse().ok()?,
                style,
            });
        }
        None
    }

    /// The marker the next item would carry.
    pub fn next(self) -> Marker {
        Marker {
            value: self.value + 1,
            ..self
        }
    }
}

/// True when `line` starts with a bullet followed by a space or a digit.
pub(super) fn starts_with_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some(b), Some(c)) if is_bullet(b) && (c == ' ' || c == '\t' || c == '\u{a0}' || c.is_ascii_digit())
    )
}

/// True when `line` starts with a numbered or lettered list marker ("1. ", "2) ", "a) ").
pub(super) fn starts_with_numbered(line: &str) -> bool {
    let b = line.as_bytes();
    let digits = b.iter().take(4).take_while(|c| c.is_ascii_digit()).count();
    let n = if digits > 0 {
        if digits > 3 {
            return false;
        }
        digits
    } else if b.first().is_some_and(u8::is_ascii_lowercase) && b.get(1) == Some(&b')') {
        1
    } else {
        return false;
    };
    matches!(
        (b.get(n), b.get(n + 1), b.get(n + 2)),
        (Some(b'.'), Some(b')'), Some(b' ')) | (Some(b'.' | b')'), Some(b' ' | b'\t'), _)
    )
}

/// True when the last word of `line` is a function word ("of", "the", "and"), so the line cannot
/// be finished.
pub(super) fn ends_with_function_word(line: &str) -> bool {
    let start = line
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &line[start..];
    !word.is_empty() && abbrev::is_function_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers() {
        assert!(starts_with_numbered("1. Release"));
        assert!(starts_with_numbered("12) Item"));
        assert!(starts_with_numbered("3.) Item"));
        assert!(starts_with_numbered("b) Item"));
        assert!(!starts_with_numbered("2015. The"));
        assert!(!starts_with_numbered("64.7 billion"));
        assert!(starts_with_bullet("• Rents"));
        assert!(starts_with_bullet("⁃9. Item"));
        assert!(!starts_with_bullet("-based"));
    }

    #[test]
    fn wrapped_blocks() {
        let wrapped =
            "The council said on\nMonday that it would\nreview the plan and\nreport back soon.";
        assert!(Block::scan(wrapped, 0).wrapped);
        assert!(!Block::scan("One line.\nAnother line.\nA third.", 0).wrapped);
    }
}
