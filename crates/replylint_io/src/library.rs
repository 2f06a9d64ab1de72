//! The library pass over files: each reply's profile is located in its
//! file as soon as the reply is linted (the file and the reply are then
//! dropped), and once every file is checked, the library rules' findings
//! are turned into [`LibraryFinding`]s with every place in its file. The
//! text of a place's line is read again then, from the files that have
//! places to show: a profile keeps positions only, so that memory stays
//! small per reply.

use crate::output::{LibraryFinding, Place};
use rayon::prelude::*;
use replylint_core::diagnostic::Span;
use replylint_core::library::{self, BodySpan, LibraryOptions, Profile};
use replylint_core::location::{LineIndex, Position};
use replylint_core::reply::{Reply, Source, locate};
use std::path::PathBuf;
use std::sync::Arc;

/// The longest line a place shows (in bytes): a longer one (a JSON Lines
/// record, a minified export) shows a window around the place.
const MAX_LINE: usize = 160;

/// A place in a file.
#[derive(Debug, Clone)]
pub struct At {
    pub start: Position,
    pub end: Position,
}

/// A file profiled replies come from: what it takes to read its lines
/// again.
#[derive(Debug)]
struct File {
    name: Arc<str>,
    /// Where to read it again (`None`: standard input, kept whole).
    path: Option<PathBuf>,
    kept: Option<Arc<Source>>,
    /// Its length when it was checked: a file that changed since shows no
    /// lines.
    len: usize,
}

/// What is known about a profiled reply besides its profile.
#[derive(Debug, Clone)]
struct Named {
    file: u32,
    title: Option<Box<str>>,
    channel: Arc<str>,
}

/// The profiles of every reply checked so far, located.
#[derive(Debug, Default)]
pub struct Profiles {
    profiles: Vec<Profile<At>>,
    named: Vec<Named>,
    files: Vec<File>,
}

/// A file read again for the lines of its places.
#[derive(Debug)]
enum Text {
    /// Its whole text and lines: standard input, kept; a UTF-16 file,
    /// decoded again.
    Whole(Arc<str>, LineIndex),
    /// A UTF-8 file (its text is its bytes), each line read where it is
    /// (by one thread at a time: reading moves the file's offset).
    Lines(std::sync::Mutex<std::fs::File>),
}

/// A reply's profile located in its file: every span becomes a place.
pub fn locate_profile(reply: &Reply, index: &LineIndex, profile: Profile<BodySpan>) -> Profile<At> {
    profile.map(|span| {
        let (start, end) = locate(reply, index, Span::new(span.start, span.end));
        At { start, end }
    })
}

/// The line `start` is on in `text` (or a window of it, when it is long),
/// without its line break, and the byte offset where that text starts.
fn line_at<'t>(text: &'t str, index: &LineIndex, start: &Position) -> (&'t str, usize) {
    let range = index.line_range(text, start.line);
    let line = &text[range.clone()];
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.len() <= MAX_LINE {
        return (line, range.start);
    }
    let at = start.offset.clamp(range.start, range.start + line.len());
    let mut from = at.saturating_sub(MAX_LINE / 4).max(range.start);
    let mut to = (from + MAX_LINE).min(range.start + line.len());
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    (&text[from..to], from)
}

/// What [`line_at`] gives for `start` in a UTF-8 file, read from the
/// bytes around it: the line, or a window of a long one, and the offset
/// where it starts. `None` when the file cannot be read there or does not
/// hold text there (it changed).
fn line_in_file(file: &mut std::fs::File, start: &Position) -> Option<(String, usize)> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    // Enough either side of the place for a line of `MAX_LINE` bytes, or
    // for the window of a longer one, on character boundaries.
    const BEFORE: usize = 2 * MAX_LINE;
    const AFTER: usize = 3 * MAX_LINE;
    let offset = start.offset;
    let from = offset.saturating_sub(BEFORE);
    file.seek(SeekFrom::Start(from as u64)).ok()?;
    let mut bytes = Vec::with_capacity(BEFORE + AFTER);
    file.take((offset - from + AFTER) as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    let eof = bytes.len() < offset - from + AFTER;
    let at = offset - from;
    if at > bytes.len() {
        return None;
    }
    // The start of the line: after the last line break before the place
    // (`\n`, or `\r` not before `\n`), or past the bytes read.
    let line_start = (0..at)
        .rev()
        .find(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .map(|i| i + 1)
        .or_else(|| {
            // The first line, after the BOM.
            let bom = bytes.starts_with(b"\xEF\xBB\xBF");
            (from == 0).then_some(if bom { 3.min(at) } else { 0 })
        });
    // Its end: the first line break from the place (or the `\r` of the
    // CRLF the place is inside), or past the bytes read.
    let scan_from = line_start.unwrap_or(0).max(at.saturating_sub(1)).min(at);
    let line_end = (scan_from..bytes.len())
        .find(|&i| bytes[i] == b'\n' || bytes[i] == b'\r')
        .or(eof.then_some(bytes.len()));
    let boundary = |i: usize| bytes.get(i).is_none_or(|&b| (b as i8) >= -0x40);
    let (window_start, window_end) = match (line_start, line_end) {
        (Some(s), Some(e)) if e - s <= MAX_LINE => (s, e),
        _ => {
            let s = line_start.unwrap_or(0);
            let end = line_end.unwrap_or(bytes.len());
            let at = at.min(end);
            let mut lo = at.saturating_sub(MAX_LINE / 4).max(s);
            let mut hi = (lo + MAX_LINE).min(end);
            while lo > 0 && !boundary(lo) {
                lo -= 1;
            }
            while hi < bytes.len() && !boundary(hi) {
                hi += 1;
            }
            (lo, hi)
        }
    };
    let text = std::str::from_utf8(&bytes[window_start..window_end]).ok()?;
    Some((text.to_owned(), from + window_start))
}

impl Profiles {
    /// Keep a reply's located profile.
    pub fn push(&mut self, reply: &Reply, channel: &str, profile: Profile<At>) {
        let source = &reply.source;
        if self.files.last().is_none_or(|f| *f.name != *source.name) {
            self.files.push(File {
                name: source.name.as_str().into(),
                path: source.path.clone(),
                kept: source.path.is_none().then(|| source.clone()),
                len: source.text.len(),
            });
        }
        let channel: Arc<str> = match self.named.last() {
            Some(n) if *n.channel == *channel => n.channel.clone(),
            _ => channel.into(),
        };
        self.named.push(Named {
            file: (self.files.len() - 1) as u32,
            title: reply.meta.title.as_deref().map(Into::into),
            channel,
        });
        self.profiles.push(profile);
    }

    /// Keep another run's profiles after these.
    pub fn append(&mut self, mut other: Profiles) {
        let shift = self.files.len() as u32;
        self.files.append(&mut other.files);
        self.named.extend(other.named.into_iter().map(|mut n| {
            n.file += shift;
            n
        }));
        self.profiles.append(&mut other.profiles);
    }

    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    /// Set the length of the files of these profiles: that of a file
    /// whose replies were read a part at a time, with a source per part.
    pub fn set_len(&mut self, len: usize) {
        for file in &mut self.files {
            file.len = len;
        }
    }

    /// File `i` opened again for its lines (`None` when it cannot be, or
    /// has changed since it was checked).
    fn text_of(&self, i: usize) -> Option<Text> {
        let file = &self.files[i];
        let whole = |text: Arc<str>| {
            (text.len() == file.len).then(|| {
                let index = LineIndex::new(&text);
                Text::Whole(text, index)
            })
        };
        match (&file.kept, &file.path) {
            (Some(source), _) => whole(source.text.as_str().into()),
            (None, Some(path)) => {
                use std::io::Read as _;
                let mut opened = std::fs::File::open(path).ok()?;
                let mut bom = [0; 2];
                let n = (&mut opened).take(2).read(&mut bom).ok()?;
                if n == 2 && matches!(bom, [0xFF, 0xFE] | [0xFE, 0xFF]) {
                    return whole(crate::input::text_of(path)?.into());
                }
                let len = opened.metadata().ok()?.len();
                (len == file.len as u64).then(|| Text::Lines(std::sync::Mutex::new(opened)))
            }
            (None, None) => None,
        }
    }

    /// The library rules' findings, every place located; with `lines`,
    /// each with the line it is on ([`Place::line`]), read again from
    /// its file. Places are located in parallel: a cluster of
    /// near-duplicates may have thousands.
    pub fn findings(&self, options: &LibraryOptions, lines: bool) -> Vec<LibraryFinding> {
        let found = library::check(&self.profiles, options);
        if found.is_empty() {
            // A draft's run ends here without starting a thread pool.
            return Vec::new();
        }
        // The files with places to show, each read again once.
        let texts: Vec<Option<Text>> = if lines {
            let mut wanted = vec![false; self.files.len()];
            for p in found.iter().flat_map(|f| &f.places) {
                wanted[self.named[p.reply].file as usize] = true;
            }
            wanted
                .par_iter()
                .enumerate()
                .map(|(i, &wanted)| wanted.then(|| self.text_of(i)).flatten())
                .collect()
        } else {
            Vec::new()
        };
        found
            .into_par_iter()
            .map(|f| {
                let first = &self.named[f.places[0].reply];
                LibraryFinding {
                    rule: f.rule,
                    severity: f.severity,
                    message: f.message,
                    help: f.help,
                    channel: first.channel.to_string(),
                    places: f
                        .places
                        .into_par_iter()
                        .map(|p| self.place(p, &texts))
                        .collect(),
                }
            })
            .collect()
    }

    /// A finding's place in its file, with its line when its file's text
    /// is in `texts`.
    fn place(&self, p: library::Involved<At>, texts: &[Option<Text>]) -> Place {
        let named = &self.named[p.reply];
        let file = named.file as usize;
        let (line, line_start) = match texts.get(file) {
            Some(Some(Text::Whole(text, index))) => {
                let (line, at) = line_at(text, index, &p.at.start);
                Some((line.to_owned(), at))
            }
            Some(Some(Text::Lines(opened))) => opened
                .lock()
                .ok()
                .and_then(|mut opened| line_in_file(&mut opened, &p.at.start)),
            _ => None,
        }
        .unwrap_or_else(|| (String::new(), p.at.start.offset));
        Place {
            path: self.files[file].name.to_string(),
            start: p.at.start,
            end: p.at.end,
            reply_id: self.profiles[p.reply].id.as_deref().map(Into::into),
            reply_title: named.title.as_deref().map(Into::into),
            note: p.note,
            line,
            line_start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Read, read_source};
    use replylint_core::diagnostic::Severity;
    use replylint_core::library::Signature;

    /// The profiles of a file's replies, each with the same signature.
    fn profiles_of(source: &Arc<Source>) -> Profiles {
        let Ok((Read::Replies(_, replies), _)) = read_source(source.clone(), true) else {
            panic!("a library");
        };
        let index = LineIndex::new(&source.text);
        let signature =
            Signature::of("we have received your request and will refund the full amount");
        let mut profiles = Profiles::default();
        for reply in &replies {
            let profile = Profile {
                levels: [Some(Severity::Info); 4],
                id: reply.meta.id.as_deref().map(Into::into),
                anchor: 0..reply.body.len(),
                facts: Vec::new(),
                language: None,
                group: None,
                drift: None,
                signature: signature.clone(),
            };
            profiles.push(reply, "email", locate_profile(reply, &index, profile));
        }
        profiles
    }

    #[test]
    fn reported_places_show_their_lines_read_again_unless_the_file_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("macros.jsonl");
        let text = "{\"id\": \"a\", \"text\": \"Refund on its way 😀\"}\n{\"id\": \"b\", \"text\": \"Refund on its way\"}\n";
        std::fs::write(&path, text).unwrap();
        let source = Arc::new(Source {
            path: Some(path.clone()),
            name: "macros.jsonl".to_owned(),
            text: text.to_owned(),
        });
        let profiles = profiles_of(&source);
        let lines = |profiles: &Profiles| -> Vec<(String, usize, usize)> {
            let found = profiles.findings(&LibraryOptions::default(), true);
            assert_eq!(found.len(), 1, "one cluster");
            found[0]
                .places
                .iter()
                .map(|p| (p.line.clone(), p.start.line, p.start.column))
                .collect()
        };
        let first = text.lines().next().unwrap().to_owned();
        let second = text.lines().nth(1).unwrap().to_owned();
        assert_eq!(lines(&profiles), [(first, 1, 22), (second, 2, 22)]);
        // Changed since it was checked: the places keep their positions,
        // without a line that may no longer be theirs.
        std::fs::write(&path, format!("{text}{text}")).unwrap();
        assert_eq!(
            lines(&profiles),
            [(String::new(), 1, 22), (String::new(), 2, 22)]
        );
        // Standard input (here `--stdin-filename macros.jsonl`) is kept
        // whole.
        let stdin = Arc::new(Source {
            path: None,
            name: "macros.jsonl".to_owned(),
            text: text.to_owned(),
        });
        assert_eq!(
            lines(&profiles_of(&stdin))[1].0,
            text.lines().nth(1).unwrap()
        );
    }

    #[test]
    fn a_line_read_where_it_is_is_the_line_of_the_whole_text() {
        // A BOM, CRLF, a lone CR, emoji, short and long lines (one longer
        // than the bytes read around a place).
        let long = "é😀 word ".repeat(300);
        let text = format!(
            "\u{feff}first 😀\r\nsecond\rthird\n{long}\r\nshort\n\n{}\nend",
            "x".repeat(500)
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.jsonl");
        std::fs::write(&path, &text).unwrap();
        let mut file = std::fs::File::open(&path).unwrap();
        let index = LineIndex::new(&text);
        for offset in (3..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let at = index.position(&text, offset);
            let (line, from) = line_at(&text, &index, &at);
            assert_eq!(
                line_in_file(&mut file, &at),
                Some((line.to_owned(), from)),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn a_place_shows_its_line_or_a_window_of_a_long_one() {
        let text = "first\r\nsecond line here\r\n";
        let index = LineIndex::new(text);
        let at = index.position(text, text.find("line").unwrap());
        assert_eq!(line_at(text, &index, &at), ("second line here", 7));
        // A long line with multi-byte characters: a window on character
        // boundaries around the place, starting a quarter before it.
        let long = format!("{}€ target {}", "é".repeat(200), "ü".repeat(200));
        let index = LineIndex::new(&long);
        let offset = long.find("target").unwrap();
        let (window, from) = line_at(&long, &index, &index.position(&long, offset));
        assert!(window.len() <= MAX_LINE + 3, "{}", window.len());
        assert!(window.contains("target"));
        assert_eq!(&long[from..from + window.len()], window);
        assert!(from <= offset && offset - from <= MAX_LINE / 4);
    }
}
