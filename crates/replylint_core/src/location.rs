//! The one place where byte offsets become line and column numbers.
//!
//! Lines are 1-based and split at `\n`, `\r\n` and a lone `\r` (the three
//! line breaks LSP knows, and the ones a reply body is normalised from); the
//! `\r` of a CRLF belongs to no column. Columns are 1-based and counted three ways: in Unicode scalar
//! values (`column`, what most editors call a character), in UTF-16 code
//! units (`column_utf16`, what LSP and VS Code use) and as a byte offset
//! into the file (`offset`). A UTF-8 BOM at the start of the file is not
//! part of line 1's columns.
//!
//! The Language Server Protocol counts otherwise: lines and characters
//! from 0, characters in the code units of the encoding the client and
//! server agreed on ([`Units`]: UTF-16 unless both take UTF-8), and a BOM
//! at the start of a document's text is a character of its first line.
//! [`LineIndex::lsp_position`] and [`LineIndex::lsp_offset`] convert both
//! ways.
//!
//! LanguageTool's HTTP API counts offsets from the start of the whole text
//! in UTF-16 code units, as Java indexes a string: [`Utf16Offsets`]
//! converts both ways, on the protocol's UTF-16 characters within a line.

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

/// The code units a Language Server Protocol position counts its
/// characters in (the `positionEncoding` agreed at initialisation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Units {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default, and VS Code's.
    #[default]
    Utf16,
}

/// A position as the Language Server Protocol writes it: 0-based line and
/// 0-based character, in code units of [`Units`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LspPosition {
    pub line: u32,
    pub character: u32,
}

/// Line starts of one source text, for repeated lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// The 0-based number of the line `line_starts[0]` starts: 0 for an
    /// index of a whole text, more for one of a part of it
    /// ([`LineIndex::starting_at`]).
    first_line: usize,
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
        Self::starting_at(text, 0, 1)
    }

    /// The index of the part of `text` from byte `start`, the start of
    /// 1-based line `line`, to its end: what a file read a part at a time
    /// needs, its text holding that part at its offsets in the file (what
    /// comes before is never looked at). Positions in that part are those
    /// of the whole file; a line before it is empty, at offset 0.
    pub fn starting_at(text: &str, start: usize, line: usize) -> Self {
        let start = start.min(text.len());
        let bom = if start == 0 && text.starts_with('\u{feff}') {
            3
        } else {
            start
        };
        let bytes = text.as_bytes();
        let mut line_starts = vec![bom];
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', &bytes[start..])
                .map(|i| start + i)
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
            first_line: line.saturating_sub(1),
            checkpoints: long_lines,
        }
    }

    /// The 1-based number of the line after the last this index knows
    /// ends: for the index of a part ending with a line break, the line
    /// the next part starts.
    pub fn next_line(&self) -> usize {
        self.first_line + self.line_starts.len()
    }

    /// Index into `line_starts` of the line containing `offset`.
    fn slot_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte range of line `line` (1-based), without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(slot) = line.checked_sub(1 + self.first_line) else {
            return 0..0;
        };
        let start = self.line_starts[slot].min(text.len());
        let mut end = self
            .line_starts
            .get(slot + 1)
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
        let slot = self.slot_of(offset);
        let line = self.first_line + slot;
        let start = self.line_starts[slot].min(offset);
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
        let (chars, utf16) = counts(prefix);
        Position {
            line: line + 1,
            column: from.chars + chars + 1,
            column_utf16: from.utf16 + utf16 + 1,
            offset,
        }
    }

    /// Byte offset of the 1-based `line` and `column` (in characters, as
    /// [`Position::column`] counts them), clamped to the text: a column
    /// past the end of its line is the end of the line, a line past the
    /// last is the end of the text.
    pub fn offset_of(&self, text: &str, line: usize, column: usize) -> usize {
        if line <= self.first_line || line > self.len() {
            return if line <= self.first_line {
                0
            } else {
                text.len()
            };
        }
        let range = self.line_range(text, line);
        text[range.clone()]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(range.end, |(i, _)| range.start + i)
    }

    /// Start of 0-based line `line` as the protocol counts it: a BOM is a
    /// character of the first line.
    fn lsp_line_start(&self, line: usize) -> usize {
        if line == 0 { 0 } else { self.line_starts[line] }
    }

    /// The Language Server Protocol position of byte `offset` (clamped to
    /// the text and to a character boundary; between the `\r` and `\n` of a
    /// CRLF is the end of the line).
    pub fn lsp_position(&self, text: &str, offset: usize, units: Units) -> LspPosition {
        let p = self.position(text, offset);
        let line = p.line - 1;
        let start = self.lsp_line_start(line);
        let character = match units {
            Units::Utf8 => text[start..p.offset].trim_end_matches('\r').len(),
            Units::Utf16 => {
                // The BOM `position` leaves out of line 1 is one unit.
                let bom = usize::from(
                    line == 0 && p.offset >= self.line_starts[0] && self.line_starts[0] > 0,
                );
                p.column_utf16 - 1 + bom
            }
        };
        LspPosition {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a Language Server Protocol position, clamped as
    /// the protocol asks: a character past the end of its line is the end
    /// of the line (before its line break), a line past the last is the
    /// end of the text. A position inside a character (between the two
    /// units of a surrogate pair, inside a UTF-8 sequence) is the start of
    /// that character.
    pub fn lsp_offset(&self, text: &str, position: LspPosition, units: Units) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let start = self.lsp_line_start(line);
        let end = self.line_range(text, line + 1).end.max(start);
        let wanted = position.character as usize;
        match units {
            Units::Utf8 => {
                let mut at = (start + wanted).min(end);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            }
            Units::Utf16 => {
                // From the last checkpoint of the line at or before the
                // character: a long line is not walked from its start.
                let bom = usize::from(line == 0 && self.line_starts[0] > 0);
                let i = self.checkpoints.partition_point(|c| c.offset < start);
                let from = self.checkpoints[i..]
                    .iter()
                    .take_while(|c| c.offset < end && c.utf16 + bom <= wanted)
                    .last()
                    .map_or((start, 0), |c| (c.offset, c.utf16 + bom));
                let (mut at, mut units) = from;
                for c in text[at..end].chars() {
                    let next = units + c.len_utf16();
                    if next > wanted {
                        break;
                    }
                    units = next;
                    at += c.len_utf8();
                }
                at
            }
        }
    }

    /// Number of lines (those before the part an index of a part starts
    /// with included).
    pub fn len(&self) -> usize {
        self.first_line + self.line_starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

/// The Unicode scalar values of `text` before byte `offset` (clamped to
/// the text and to the character boundary at or before it): the index
/// Python and other languages that index a string by code point give
/// that place. Every character counts, line breaks and a BOM included.
pub fn chars_before(text: &str, offset: usize) -> usize {
    counts(&text[..boundary_before(text, offset)]).0
}

/// The UTF-16 code units of `text` before byte `offset` (clamped as
/// [`chars_before`] clamps it): the index Java and JavaScript give that
/// place.
pub fn utf16_before(text: &str, offset: usize) -> usize {
    counts(&text[..boundary_before(text, offset)]).1
}

/// `offset` clamped to `text` and to the character boundary at or before
/// it.
fn boundary_before(text: &str, offset: usize) -> usize {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The UTF-16 code units of `text`: its length as Java and JavaScript
/// count it.
pub fn utf16_len(text: &str) -> usize {
    counts(text).1
}

/// Positions counted as Java and JavaScript index a string: UTF-16 code
/// units from the start of the whole text, line breaks and a BOM included
/// (LanguageTool's HTTP API counts its offsets so). Within a line they are
/// the Language Server Protocol's characters in [`Units::Utf16`]
/// ([`LineIndex::lsp_position`] and [`LineIndex::lsp_offset`]), after the
/// units of the lines before it.
#[derive(Debug, Clone)]
pub struct Utf16Offsets {
    index: LineIndex,
    /// UTF-16 units before each line, lines starting as the protocol
    /// starts them (a BOM is part of the first).
    line_units: Vec<usize>,
    /// UTF-16 units of the whole text.
    len: usize,
}

impl Utf16Offsets {
    pub fn new(text: &str) -> Self {
        let index = LineIndex::new(text);
        let mut line_units = Vec::with_capacity(index.len());
        let mut units = 0;
        for line in 0..index.len() {
            let start = index.lsp_line_start(line);
            if line > 0 {
                units += utf16_len(&text[index.lsp_line_start(line - 1)..start]);
            }
            line_units.push(units);
        }
        let last = index.lsp_line_start(index.len() - 1);
        let len = units + utf16_len(&text[last..]);
        Utf16Offsets {
            index,
            line_units,
            len,
        }
    }

    /// The text's line index.
    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// UTF-16 units of the whole text.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The UTF-16 units before byte `offset` (clamped to the text and to a
    /// character boundary).
    pub fn units(&self, text: &str, offset: usize) -> usize {
        let p = self.index.lsp_position(text, offset, Units::Utf16);
        let line = p.line as usize;
        let mut units = self.line_units[line] + p.character as usize;
        // Between the `\r` and `\n` of a CRLF, which the protocol cannot
        // name: one unit past the `\r`.
        let offset = offset.min(text.len());
        if text.is_char_boundary(offset)
            && text[..offset].ends_with('\r')
            && text[offset..].starts_with('\n')
        {
            units += 1;
        }
        units
    }

    /// The byte offset `units` UTF-16 units into the text: clamped to its
    /// end, and to the start of a character whose two units it falls
    /// between.
    pub fn offset(&self, text: &str, units: usize) -> usize {
        if units >= self.len {
            return text.len();
        }
        let line = self.line_units.partition_point(|&u| u <= units) - 1;
        let character = units - self.line_units[line];
        let range = self.index.line_range(text, line + 1);
        // The line's own units, without its break: past them is the break.
        let own = self.units(text, range.end) - self.line_units[line];
        if character > own {
            return (range.end + character - own).min(text.len());
        }
        self.index.lsp_offset(
            text,
            LspPosition {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                character: u32::try_from(character).unwrap_or(u32::MAX),
            },
            Units::Utf16,
        )
    }
}

/// The characters of `text`, and its UTF-16 code units: one pass over
/// the bytes, which the compiler vectorises (a character starts at every
/// byte that is not a continuation byte; one of four bytes is two UTF-16
/// units).
fn counts(text: &str) -> (usize, usize) {
    let (mut chars, mut astral) = (0, 0);
    // Counted in bytes a chunk at a time: sixteen lanes to a vector,
    // where counting in `usize` gave two (1,700 instructions for a
    // position in a 400-byte line of a JSON Lines library).
    for chunk in text.as_bytes().chunks(255) {
        let (mut c, mut a) = (0u8, 0u8);
        for &b in chunk {
            c += u8::from((b as i8) >= -0x40);
            a += u8::from(b >= 0xF0);
        }
        chars += usize::from(c);
        astral += usize::from(a);
    }
    (chars, chars + astral)
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
    fn an_index_of_a_part_gives_the_positions_of_the_whole() {
        // A BOM, CRLF, a lone CR, emoji and a long line; parts starting at
        // each line.
        let long = "é😀x".repeat(2000);
        let text = format!("\u{feff}a😀\r\nbc\rd\n{long}\ne\r\n\r\nlast");
        let whole = LineIndex::new(&text);
        let starts: Vec<usize> = (1..=whole.len())
            .map(|l| whole.line_range(&text, l).start)
            .collect();
        for (i, &start) in starts.iter().enumerate() {
            // What comes before the part is not looked at: NUL bytes here.
            let sparse = format!("{}{}", "\0".repeat(start), &text[start..]);
            let part = LineIndex::starting_at(&sparse, start, i + 1);
            assert_eq!(part.len(), whole.len());
            for offset in (start..=text.len()).step_by(3) {
                assert_eq!(
                    part.position(&sparse, offset),
                    whole.position(&text, offset),
                    "part from line {}, offset {offset}",
                    i + 1
                );
            }
            for line in i + 1..=whole.len() {
                assert_eq!(
                    part.line_range(&sparse, line),
                    whole.line_range(&text, line)
                );
            }
            // Lines before the part are empty, never out of bounds.
            assert_eq!(part.line_range(&sparse, 1).len(), usize::from(i == 0) * 5);
        }
        // A part ending with a line break: the next part starts a line on.
        let part = LineIndex::starting_at(&text[..starts[2]], starts[1], 2);
        assert_eq!(part.next_line(), 3);
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
            first_line: 0,
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

    /// Every character boundary of `text` to an LSP position and back, in
    /// both encodings.
    fn round_trips(text: &str) {
        let idx = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for units in [Units::Utf8, Units::Utf16] {
                let p = idx.lsp_position(text, offset, units);
                let back = idx.lsp_offset(text, p, units);
                // The `\n` of a CRLF is at the end of its line, before the `\r`.
                let expected = if text[..offset].ends_with('\r') && text[offset..].starts_with('\n')
                {
                    offset - 1
                } else {
                    offset
                };
                assert_eq!(back, expected, "{offset} {units:?} {p:?} in {text:?}");
            }
        }
    }

    fn lsp(line: u32, character: u32) -> LspPosition {
        LspPosition { line, character }
    }

    #[test]
    fn lsp_positions_count_utf16_units_or_utf8_bytes_from_zero() {
        // 😀: 4 bytes, 2 UTF-16 units; 中: 3 bytes, 1 unit; e + U+0301: 3
        // bytes, 2 units; 👍🏽: 8 bytes, 4 units.
        let text = "a😀中e\u{301}👍🏽x\r\ny";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.lsp_position(text, x, Units::Utf16), lsp(0, 10));
        assert_eq!(idx.lsp_position(text, x, Units::Utf8), lsp(0, 19));
        assert_eq!(idx.lsp_offset(text, lsp(0, 10), Units::Utf16), x);
        assert_eq!(idx.lsp_offset(text, lsp(0, 19), Units::Utf8), x);
        let y = text.find('y').unwrap();
        assert_eq!(idx.lsp_position(text, y, Units::Utf16), lsp(1, 0));
        // The CRLF is not part of the line: its `\r` and `\n` are its end.
        assert_eq!(idx.lsp_position(text, x + 1, Units::Utf16), lsp(0, 11));
        assert_eq!(idx.lsp_position(text, x + 2, Units::Utf16), lsp(0, 11));
        round_trips(text);
    }

    #[test]
    fn lsp_offsets_clamp_to_the_line_and_snap_to_characters() {
        let text = "a😀b\r\n中\rz";
        let idx = LineIndex::new(text);
        // Past the end of a line: its end, before the CRLF.
        assert_eq!(idx.lsp_offset(text, lsp(0, 99), Units::Utf16), 6);
        assert_eq!(idx.lsp_offset(text, lsp(0, 99), Units::Utf8), 6);
        // Past the last line: the end of the text.
        assert_eq!(idx.lsp_offset(text, lsp(9, 0), Units::Utf16), text.len());
        // Between the two units of 😀, or inside its bytes: its start.
        assert_eq!(idx.lsp_offset(text, lsp(0, 2), Units::Utf16), 1);
        assert_eq!(idx.lsp_offset(text, lsp(0, 3), Units::Utf8), 1);
        // A lone `\r` breaks the line.
        assert_eq!(
            idx.lsp_offset(text, lsp(2, 0), Units::Utf16),
            text.len() - 1
        );
        assert_eq!(
            idx.lsp_offset(text, lsp(1, 5), Units::Utf16),
            text.len() - 2
        );
    }

    #[test]
    fn a_bom_is_a_character_of_the_first_lsp_line() {
        let text = "\u{feff}é!\nb";
        let idx = LineIndex::new(text);
        let bang = text.find('!').unwrap();
        assert_eq!(idx.lsp_position(text, bang, Units::Utf16), lsp(0, 2));
        assert_eq!(idx.lsp_position(text, bang, Units::Utf8), lsp(0, 5));
        assert_eq!(idx.lsp_position(text, 0, Units::Utf16), lsp(0, 0));
        round_trips(text);
    }

    #[test]
    fn lsp_positions_round_trip_in_long_lines_and_odd_text() {
        for text in [
            "",
            "\n\r\n\r",
            "👨\u{200d}👩\u{200d}👧 中文 e\u{301}\r\nsecond 😀\rthird",
            &"aé😀中\u{301}".repeat(1200),
            &format!("\u{feff}{}\r\n{}", "x😀".repeat(2000), "中".repeat(3000)),
        ] {
            round_trips(text);
        }
        // Far into a long line, from a checkpoint.
        let text = "😀".repeat(5000);
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        assert_eq!(
            idx.lsp_position(&text, 4 * 4321, Units::Utf16),
            lsp(0, 2 * 4321)
        );
        assert_eq!(
            idx.lsp_offset(&text, lsp(0, 2 * 4321), Units::Utf16),
            4 * 4321
        );
        assert_eq!(
            idx.lsp_offset(&text, lsp(0, 2 * 4321 + 1), Units::Utf16),
            4 * 4321
        );
    }

    #[test]
    fn offset_of_a_line_and_column_inverts_position() {
        let text = "\u{feff}aé\r\n中x\n";
        let idx = LineIndex::new(text);
        for (offset, _) in text.char_indices().skip(1) {
            let p = idx.position(text, offset);
            if !text[..offset].ends_with('\r') {
                assert_eq!(idx.offset_of(text, p.line, p.column), offset, "{offset}");
            }
        }
        assert_eq!(idx.offset_of(text, 1, 99), text.find('\r').unwrap());
        assert_eq!(idx.offset_of(text, 9, 1), text.len());
    }

    #[test]
    fn chars_and_utf16_units_before_an_offset() {
        // e + U+0301 is two characters; 😀 one character of two units and
        // four bytes; 中 one character of three bytes; the BOM is counted.
        let text = "\u{feff}e\u{301}😀中\r\nx";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(chars_before(text, 0), 0);
        assert_eq!(chars_before(text, at("e")), 1);
        assert_eq!(chars_before(text, at("😀")), 3);
        assert_eq!(utf16_before(text, at("😀")), 3);
        assert_eq!(chars_before(text, at("中")), 4);
        assert_eq!(utf16_before(text, at("中")), 5);
        assert_eq!(chars_before(text, at("x")), 7);
        assert_eq!(chars_before(text, text.len()), 8);
        // Inside 😀: the boundary before it; past the end: the end.
        assert_eq!(chars_before(text, at("😀") + 2), 3);
        assert_eq!(utf16_before(text, at("😀") + 2), 3);
        assert_eq!(chars_before(text, 999), 8);
        assert_eq!(utf16_before(text, 999), 9);
    }

    #[test]
    fn utf16_offsets_count_from_the_start_of_the_text() {
        // 😀: 2 units; 中: 1; e + U+0301: 2; 👍🏽: 4; the BOM: 1; each of
        // `\r`, `\n`: 1.
        for text in [
            "",
            "a😀中e\u{301}👍🏽x\r\ny\rz\n",
            "\u{feff}é!\r\n\r\nb",
            &"aé😀中\u{301}\n".repeat(900),
            &format!("{}\r\n{}", "x😀".repeat(3000), "中".repeat(3000)),
        ] {
            let map = Utf16Offsets::new(text);
            assert_eq!(map.len(), text.encode_utf16().count());
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let units = text[..offset].encode_utf16().count();
                assert_eq!(map.units(text, offset), units, "{offset} in {text:?}");
                assert_eq!(map.offset(text, units), offset, "{units} in {text:?}");
            }
        }
        let text = "a😀b";
        let map = Utf16Offsets::new(text);
        // Between the two units of 😀: its start; past the end: the end.
        assert_eq!(map.offset(text, 2), 1);
        assert_eq!(map.offset(text, 99), text.len());
        // Inside 😀's bytes: its start.
        assert_eq!(map.units(text, 3), 1);
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
