//! The one place where byte offsets become line and column numbers.
//!
//! Lines are 1-based and split at `\n`, `\r\n` and a lone `\r` (the three
//! line breaks LSP knows, and the ones a reply body is normalised from); the
//! `\r` of a CRLF belongs to no column. Columns are 1-based and counted three ways: in Unicode scalar
//! values (`column`, what most editors call a character), in UTF-16 code
//! units (`column_utf16`, what LSP and VS Code use) and as a byte offset
//! into the file (`offset`). A UTF-8 BOM at the start of the file is not
//! part of line 1's columns.

use serde::Serialize;

/// A position in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
    /// Byte offset into the file on disk.
    pub offset: usize,
}

/// Line starts of one source text, for repeated lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Points inside long lines (see [`STRIDE`]), sorted by offset: a
    /// column is counted from the last one before it, not from the start
    /// of its line, so that looking up every diagnostic of a file written
    /// on one line (a minified JSON export) is not quadratic.
    checkpoints: Vec<Checkpoint>,
}

/// In a line longer than this many bytes, a [`Checkpoint`] every this
/// many bytes or so (on a character boundary).
const STRIDE: usize = 4096;

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    /// Characters and UTF-16 units from the start of the line to `offset`.
    chars: usize,
    utf16: usize,
}

/// Checkpoints every [`STRIDE`] bytes of the line `text[start..end]`.
fn checkpoints(text: &str, start: usize, end: usize, out: &mut Vec<Checkpoint>) {
    let (mut chars, mut utf16, mut last) = (0, 0, start);
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if at - last >= STRIDE {
            out.push(Checkpoint {
                offset: at,
                chars,
                utf16,
            });
            last = at;
        }
        chars += 1;
        utf16 += c.len_utf16();
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = text.as_bytes();
        let mut line_starts = vec![bom];
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        let mut long_lines = Vec::new();
        for (i, &start) in line_starts.iter().enumerate() {
            let end = line_starts.get(i + 1).copied().unwrap_or(text.len());
            if end.saturating_sub(start) > STRIDE {
                checkpoints(text, start, end, &mut long_lines);
            }
        }
        LineIndex {
            line_starts,
            checkpoints: long_lines,
        }
    }

    /// 0-based line number containing `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte range of line `line` (1-based), without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line - 1].min(text.len());
        let mut end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |&next| next - 1)
            .min(text.len());
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Position of byte `offset` (clamped to the text and to a character
    /// boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_starts[line].min(offset);
        // Counted from the last checkpoint of the line before `offset`.
        let i = self.checkpoints.partition_point(|c| c.offset <= offset);
        let from = match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some(c) if c.offset >= start => c,
            _ => Checkpoint {
                offset: start,
                chars: 0,
                utf16: 0,
            },
        };
        // Between the `\r` and `\n` of a CRLF is still the end of the line.
        let prefix = text[from.offset..offset].trim_end_matches('\r');
        Position {
            line: line + 1,
            column: from.chars + prefix.chars().count() + 1,
            column_utf16: from.utf16 + prefix.encode_utf16().count() + 1,
            offset,
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.line_starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_and_utf16_units() {
        let text = "a😀é\nx";
        let idx = LineIndex::new(text);
        let p = idx.position(text, "a😀".len());
        assert_eq!((p.line, p.column, p.column_utf16), (1, 3, 4));
        let p = idx.position(text, text.len() - 1);
        assert_eq!((p.line, p.column, p.column_utf16), (2, 1, 1));
    }

    #[test]
    fn bom_is_not_a_column_and_crlf_is_one_break() {
        let text = "\u{feff}ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 3).column, 1);
        let p = idx.position(text, text.find('c').unwrap());
        assert_eq!((p.line, p.column), (2, 1));
        assert_eq!(&text[idx.line_range(text, 1)], "ab");
    }

    #[test]
    fn a_lone_cr_breaks_a_line_like_the_body_does() {
        let text = "ab\rcd\r\ne\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        let p = idx.position(text, text.find('c').unwrap());
        assert_eq!((p.line, p.column), (2, 1));
        let p = idx.position(text, text.find('e').unwrap());
        assert_eq!((p.line, p.column), (3, 1));
        assert_eq!(&text[idx.line_range(text, 2)], "cd");
        assert_eq!(&text[idx.line_range(text, 4)], "");
    }

    #[test]
    fn columns_after_emoji_combining_marks_and_cjk() {
        // 👍🏽: 2 scalars, 4 UTF-16 units; family: 5 scalars, 8 units;
        // e + U+0301: 2 scalars, 2 units; 中: 1 scalar, 1 unit.
        let text = "👍🏽👨\u{200d}👩\u{200d}👧e\u{301}中x";
        let idx = LineIndex::new(text);
        let p = idx.position(text, text.find('x').unwrap());
        assert_eq!((p.line, p.column, p.column_utf16), (1, 11, 16));
        assert_eq!(p.offset, 8 + 18 + 3 + 3);
    }

    #[test]
    fn long_lines_count_columns_from_checkpoints_alike() {
        // Lines of several strides, with multi-byte characters across the
        // checkpoints, and a CRLF.
        let line = "aé😀中\u{301}".repeat(1500);
        let text = format!("{line}\r\n{line}\nx");
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        let plain = LineIndex {
            line_starts: idx.line_starts.clone(),
            checkpoints: Vec::new(),
        };
        for offset in (0..=text.len())
            .step_by(7)
            .chain([line.len() + 1, text.len()])
        {
            assert_eq!(
                idx.position(&text, offset),
                plain.position(&text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn offsets_inside_a_character_snap_back_to_its_start() {
        let text = "a中b";
        let idx = LineIndex::new(text);
        for inside in 2..4 {
            let p = idx.position(text, inside);
            assert_eq!((p.column, p.offset), (2, 1));
        }
        assert_eq!(idx.position(text, 99).offset, text.len());
    }
}
