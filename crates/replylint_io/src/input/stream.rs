//! JSON Lines and CSV libraries read a part at a time: a few MiB of whole
//! records, each part checked and reported before the next is read, so
//! that a library file costs the same memory whatever its size (and is
//! not held to the size limit of the files read whole).
//!
//! A part keeps the positions of the file: its [`Source`] holds the part's
//! text at its offsets in the file, what comes before it being zeroed
//! memory that is never written nor read (in a large allocation, the
//! system gives it no memory, [`part_text`]), and its
//! [`LineIndex`] starts at the part's first line
//! ([`LineIndex::starting_at`]). A part ends after a line break that ends
//! a record: any `\n` in JSON Lines, one outside a quoted field in CSV
//! (read as the `csv` crate reads quotes), so a quoted field over several
//! lines stays in one part.
//!
//! Files read whole instead, as [`super::read_all`] reads them: UTF-16
//! files, text that is not UTF-8, binary files, and files no larger than
//! one part.

use super::csv_library::{self, Header};
use super::jsonl::{self, Objects};
use super::{Format, InputError, io_message};
use replylint_core::location::LineIndex;
use replylint_core::reply::{Reply, Source};
use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The size of a part: records are read until a part holds at least this
/// many bytes.
pub const PART_BYTES: usize = 1 << 20;

/// The size of the parts: [`PART_BYTES`], or what the hidden environment
/// variable `REPLYLINT_PART_BYTES` says (the tests read small files in
/// several parts with it).
pub fn part_bytes() -> usize {
    static BYTES: std::sync::LazyLock<usize> =
        std::sync::LazyLock::new(|| size_from_env("REPLYLINT_PART_BYTES", PART_BYTES));
    *BYTES
}

/// A size a hidden environment variable sets, for the tests to cut small
/// inputs into many pieces: `var` when it is a number above zero, else
/// `default`.
pub fn size_from_env(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// How much is read from the file at a time.
const BLOCK: usize = 1 << 20;

/// The text of a part that starts at byte `start` of its file: NUL
/// bytes, then the part (`None` when it is not UTF-8). The NUL bytes are
/// zeroed memory never written, which a large allocation gets from the
/// system without using memory for it, and never read: validating them
/// would make the system map them, page by page, for every part, in time
/// that grows with the square of the file's size.
fn part_text(part: &[u8], start: usize) -> Option<String> {
    std::str::from_utf8(part).ok()?;
    let mut bytes = vec![0; start + part.len()];
    bytes[start..].copy_from_slice(part);
    // SAFETY: the bytes before `start` are zeros, each the UTF-8 encoding
    // of U+0000, so a character starts at `start`, and the bytes from
    // `start` are `part`, just found to be UTF-8: the whole is UTF-8.
    Some(unsafe { String::from_utf8_unchecked(bytes) })
}

/// One part of a file: its replies, its line index and the errors met
/// reading it (in the order of the file).
#[derive(Debug)]
pub struct Part {
    pub source: Arc<Source>,
    pub index: LineIndex,
    pub replies: Vec<Reply>,
    pub errors: Vec<InputError>,
}

/// Whether `path` names a file of a format read a part at a time (JSON
/// Lines, CSV) larger than a part.
pub fn streamed(path: &Path) -> bool {
    matches!(Format::of(path), Format::Jsonl | Format::Csv)
        && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > part_bytes() as u64)
}

/// Where a CSV record stands, as the `csv` crate reads quotes: a quote
/// opens a quoted field only at the start of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Record {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote in a quoted field: its end, or the first of `""`.
    QuoteInQuoted,
}

/// A JSON Lines or CSV file being read a part at a time.
#[derive(Debug)]
pub struct Stream {
    file: File,
    name: String,
    path: PathBuf,
    format: Format,
    /// Bytes read and not yet given as a part, from `start` in the file.
    pending: Vec<u8>,
    start: usize,
    /// The 1-based line `start` is on.
    line: usize,
    /// How much of `pending` the record scanner has seen, and the end of
    /// the last whole record in it.
    scanned: usize,
    split: usize,
    quote: Record,
    delimiter: u8,
    /// Whether `delimiter` is known (CSV: once the header row is read).
    sniffed: bool,
    eof: bool,
    part: usize,
    /// The length of the file: of its text, which is UTF-8.
    len: usize,
    header: Option<Header>,
    objects: Objects,
    /// `false` once the rest of the file is not to be read.
    more: bool,
    /// A CSV file whose header row has no `text` column: what a library
    /// would hold.
    not_library: Option<&'static str>,
}

/// What opening a file to read it a part at a time gave.
#[derive(Debug)]
pub enum Opened {
    Stream(Box<Stream>),
    /// Not to be read a part at a time: UTF-16, not UTF-8, binary.
    Whole,
}

/// How a file read a part at a time ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// A reply library: its length.
    Library(usize),
    /// Not a reply library: what one would hold.
    NotLibrary(&'static str),
}

/// Open `path`, a JSON Lines or CSV file, to read it a part at a time, if
/// its text is UTF-8 (checked all through first, so that a file is
/// refused whole, as [`super::read_all`] refuses it, before any part is
/// reported).
pub fn open(path: &Path) -> Result<Opened, InputError> {
    let name = path.display().to_string();
    let error = |e: std::io::Error| InputError::new(&name, io_message(&e));
    let mut file = File::open(path).map_err(error)?;
    let mut head = Vec::new();
    (&mut file)
        .take(8192)
        .read_to_end(&mut head)
        .map_err(error)?;
    let utf16_or_32 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    if utf16_or_32 || head.starts_with(&[0, 0, 0xFE, 0xFF]) || super::is_binary(&head) {
        return Ok(Opened::Whole);
    }
    // Valid UTF-8 all through, a block at a time (a character may be cut
    // at the end of a block).
    let mut carry = head;
    let mut len = 0;
    let mut block = vec![0; BLOCK];
    loop {
        let n = file.read(&mut block).map_err(error)?;
        carry.extend_from_slice(&block[..n]);
        let valid = match std::str::from_utf8(&carry) {
            Ok(_) => carry.len(),
            Err(e) if e.error_len().is_none() && n > 0 => e.valid_up_to(),
            Err(_) => return Ok(Opened::Whole),
        };
        len += valid;
        carry.drain(..valid);
        if n == 0 {
            break;
        }
    }
    drop(block);
    let file = File::open(path).map_err(error)?;
    let format = Format::of(path);
    Ok(Opened::Stream(Box::new(Stream {
        file,
        name,
        path: path.to_owned(),
        format,
        pending: Vec::new(),
        start: 0,
        line: 1,
        scanned: 0,
        split: 0,
        quote: Record::FieldStart,
        delimiter: b',',
        sniffed: format != Format::Csv,
        eof: false,
        part: part_bytes(),
        len,
        header: None,
        objects: Objects::default(),
        more: true,
        not_library: None,
    })))
}

impl Stream {
    /// The file's name as reports show it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The next part, or `None` at the end of the file (or of what is read
    /// of it: a CSV file whose header has no `text` column is not read
    /// further, see [`Stream::end`]). `Err`: the file could not be read.
    pub fn next_part(&mut self) -> Result<Option<Part>, InputError> {
        if !self.more {
            return Ok(None);
        }
        let Some((start, line, sparse)) = self.next_text()? else {
            return Ok(None);
        };
        let text =
            sparse.ok_or_else(|| InputError::new(&self.name, "file changed while it was read"))?;
        let source = Arc::new(Source {
            path: Some(self.path.clone()),
            name: self.name.clone(),
            text,
        });
        let index = LineIndex::starting_at(&source.text, start, line);
        let mut errors = Vec::new();
        let replies = match self.format {
            Format::Csv => {
                if self.header.is_none() {
                    let (header, found) = match csv_library::header(&source) {
                        Ok(read) => read,
                        Err(expected) => {
                            self.more = false;
                            self.not_library = Some(expected);
                            return Ok(None);
                        }
                    };
                    errors = found;
                    self.header = Some(header);
                }
                let Some(header) = &self.header else {
                    return Ok(None);
                };
                let (replies, more) =
                    csv_library::read_rows(&source, header, start, line, &mut errors);
                self.more &= more;
                replies
            }
            _ => {
                let (replies, found) = jsonl::read_part(&source, start, line, &mut self.objects);
                errors = found;
                replies
            }
        };
        errors.sort_by_key(|e| e.position);
        Ok(Some(Part {
            source,
            index,
            replies,
            errors,
        }))
    }

    /// How the file ended, once every part is read: a JSON Lines file
    /// whose objects all lack `text` is not a reply library.
    pub fn end(&self) -> End {
        if let Some(expected) = self.not_library {
            End::NotLibrary(expected)
        } else if self.format == Format::Jsonl && self.objects.not_library() {
            End::NotLibrary(jsonl::EXPECTED)
        } else {
            End::Library(self.len)
        }
    }

    /// The text of the file up to the end of the next part, with its
    /// offset and first line: NUL bytes before the part, then the part
    /// ([`part_text`]; `None` when it is not UTF-8).
    fn next_text(&mut self) -> Result<Option<(usize, usize, Option<String>)>, InputError> {
        loop {
            if self.sniffed {
                self.scan();
                if self.split >= self.part {
                    break;
                }
            }
            if self.eof {
                break;
            }
            let at = self.pending.len();
            self.pending.resize(at + BLOCK, 0);
            let n = self
                .file
                .read(&mut self.pending[at..])
                .map_err(|e| InputError::new(&self.name, io_message(&e)))?;
            self.pending.truncate(at + n);
            self.eof = n == 0;
            // CSV: the delimiter, from the header row, once it is read.
            if !self.sniffed && (header_end(&self.pending).is_some() || self.eof) {
                let bom = if self.pending.starts_with(b"\xEF\xBB\xBF") {
                    3
                } else {
                    0
                };
                self.delimiter = csv_library::sniff_bytes(&self.pending[bom..]);
                self.sniffed = true;
            }
        }
        let end = if self.split >= self.part {
            self.split
        } else {
            self.pending.len()
        };
        if end == 0 {
            return Ok(None);
        }
        let (start, line) = (self.start, self.line);
        let sparse = part_text(&self.pending[..end], start);
        self.line += line_breaks(&self.pending[..end]);
        self.pending.drain(..end);
        self.scanned -= end.min(self.scanned);
        self.split -= end.min(self.split);
        self.start += end;
        Ok(Some((start, line, sparse)))
    }

    /// Scan what is pending for the ends of records, up to the first
    /// that makes a part.
    fn scan(&mut self) {
        let csv = self.format == Format::Csv;
        for i in self.scanned..self.pending.len() {
            if self.split >= self.part {
                self.scanned = i;
                return;
            }
            let b = self.pending[i];
            if !csv {
                if b == b'\n' {
                    self.split = i + 1;
                }
                continue;
            }
            let term = b == b'\n' || b == b'\r';
            self.quote = match self.quote {
                Record::Quoted if b == b'"' => Record::QuoteInQuoted,
                Record::Quoted => Record::Quoted,
                Record::FieldStart if b == b'"' => Record::Quoted,
                Record::QuoteInQuoted if b == b'"' => Record::Quoted,
                _ if b == self.delimiter || term => Record::FieldStart,
                _ => Record::Unquoted,
            };
            if b == b'\n' && self.quote == Record::FieldStart {
                self.split = i + 1;
            }
        }
        self.scanned = self.pending.len();
    }
}

/// Where the first line of `bytes` ends outside quotes, as
/// [`csv_library::sniff_bytes`] reads it.
fn header_end(bytes: &[u8]) -> Option<usize> {
    let mut quoted = false;
    bytes.iter().position(|&b| {
        if b == b'"' {
            quoted = !quoted;
        }
        !quoted && (b == b'\n' || b == b'\r')
    })
}

/// The line breaks in `bytes` as [`LineIndex`] counts them: `\n`, and `\r`
/// not followed by `\n`.
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

#[cfg(test)]
mod tests {
    use super::part_text;

    #[test]
    fn a_part_stands_at_its_offset_after_nul_bytes_and_must_be_utf8() {
        let part = "{\"text\": \"Grazie 😊\"}\n";
        let text = part_text(part.as_bytes(), 5).expect("UTF-8");
        assert_eq!(text.len(), 5 + part.len());
        assert_eq!(&text[5..], part);
        assert!(text[..5].bytes().all(|b| b == 0));
        assert_eq!(part_text(part.as_bytes(), 0).as_deref(), Some(part));
        // A part cut inside a character, or changed into something else.
        let emoji = part.find('😊').expect("emoji");
        assert_eq!(part_text(&part.as_bytes()[..emoji + 2], 5), None);
        assert_eq!(part_text(b"{\"text\": \"\xff\"}\n", 5), None);
    }
}
