//! Inputs: finding the files to check, reading them, and turning each into
//! `Reply` values with an offset map back to the file. One reader per
//! format, chosen by extension (then, for `.json`, by the shape of the
//! content); rules never see the format.
//!
//! | files | reader |
//! |---|---|
//! | `.txt`, `.md`, `.markdown`, stdin | [`text`]: one reply, `+++` TOML or `---` YAML front matter |
//! | `.toml` | [`toml_library`]: `[[reply]]` tables |
//! | `.csv` | [`csv_library`]: a header row, one reply per row |
//! | `.jsonl` | [`jsonl`]: one reply object per line |
//! | `.json` | [`helpdesk`]: Zendesk, Freshdesk, Intercom, Gorgias exports, or an array of replies |
//!
//! Walking a directory skips configuration files and files of other tools
//! (a `.toml` without `[[reply]]`, a `package.json`); named on the command
//! line, they are errors that say what was expected. Every file skipped is
//! returned as a [`Skipped`] with its reason, for the summary and
//! `--verbose`: nothing that looks like a reply is dropped without a word.
//!
//! Files are UTF-8, with or without a byte-order mark, or UTF-16 (LE or
//! BE) with one ([`decode_file`]). A UTF-16 file is decoded to UTF-8 with
//! its byte-order mark kept as U+FEFF, so every reader and the line index
//! treat it as they treat a UTF-8 file with a BOM: lines and columns are
//! those of the file, byte offsets those of its text in UTF-8.

pub mod csv_library;
pub mod helpdesk;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod library;
pub mod stdin;
pub mod stream;
pub mod text;
pub mod toml_library;

use replylint_core::config::Settings;
use replylint_core::location::LineIndex;
use replylint_core::reply::{Reply, Source};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// File extensions picked up when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "toml", "csv", "jsonl", "json"];

/// Configuration files, never read as replies when walking a directory.
pub const CONFIG_FILES: &[&str] = &["replylint.toml", ".replylint.toml"];

/// The reader for a file, chosen by its extension (then, for JSON, by the
/// shape of its content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.md`, stdin: one reply, optional front matter.
    Text,
    /// `.toml`: `[[reply]]` tables.
    Toml,
    /// `.csv`: a header row and one reply per row.
    Csv,
    /// `.jsonl`: one reply object per line.
    Jsonl,
    /// `.json`: a helpdesk export or an array of replies.
    Json,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("toml") => Format::Toml,
            Some("csv") => Format::Csv,
            Some("jsonl") => Format::Jsonl,
            Some("json") => Format::Json,
            _ => Format::Text,
        }
    }
}

/// What a reader made of a file.
#[derive(Debug)]
pub enum Parsed {
    /// The replies read, and the errors about the parts that could not be
    /// (a broken line, a table without `text`); the rest is still linted.
    Replies(Vec<Reply>, Vec<InputError>),
    /// Not a reply library (a `Cargo.toml`, a `package.json`): skipped
    /// when walking a directory, an error naming what was expected when
    /// named on the command line.
    NotLibrary(&'static str),
}

/// Why a file was not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// NUL bytes and no UTF-16 byte-order mark: not text.
    Binary,
    /// A file of another tool (a `package.json`, a `Cargo.toml`): what a
    /// reply library of its kind would hold.
    NotLibrary(&'static str),
    /// A symbolic link, not followed when walking.
    Symlink,
    /// A symbolic link whose target cannot be reached: the reason.
    BrokenSymlink(String),
    /// A FIFO, socket or device ("a FIFO"): reading it could block.
    NotRegular(&'static str),
    /// Not a reply file's extension (not counted: files of other kinds).
    OtherExtension,
    /// replylint's own configuration file (not counted).
    ConfigFile,
    /// Matched by the configuration's `exclude` patterns (not counted).
    Excluded,
}

impl SkipReason {
    /// Whether the file counts as skipped in the summary: it has a reply
    /// file's name (or is a link or special file that might be one) but
    /// was not checked. Files of other kinds, config files and excluded
    /// files are only listed by `--verbose`.
    pub fn counted(&self) -> bool {
        !matches!(
            self,
            SkipReason::OtherExtension | SkipReason::ConfigFile | SkipReason::Excluded
        )
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Binary => f.write_str("binary file (NUL bytes)"),
            SkipReason::NotLibrary(expected) => {
                write!(f, "not a reply library: expected {expected}")
            }
            SkipReason::Symlink => f.write_str(
                "symbolic link, not followed when walking a directory (name it to check it)",
            ),
            SkipReason::BrokenSymlink(why) => write!(f, "broken symbolic link: {why}"),
            SkipReason::NotRegular(what) => write!(f, "not a regular file but {what}"),
            SkipReason::OtherExtension => f.write_str("not a reply file (by its extension)"),
            SkipReason::ConfigFile => f.write_str("replylint configuration file"),
            SkipReason::Excluded => f.write_str("excluded by the configuration's `exclude`"),
        }
    }
}

/// A file that was not checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

/// Something to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File {
        path: PathBuf,
        /// Named on the command line (not found by walking a directory):
        /// a binary file, or a `.toml`/`.json`/`.csv`/`.jsonl` file that
        /// is not a reply library, is then an error instead of being
        /// skipped.
        explicit: bool,
    },
    Stdin,
}

/// A file that could not be read or understood. The others are still
/// checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    /// 1-based line and column, when the problem has a place.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }

    /// An error at byte `offset` of `text`.
    pub fn at(
        path: impl Into<String>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let p = LineIndex::new(text).position(text, offset);
        InputError {
            path: path.into(),
            position: Some((p.line, p.column)),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// What the command-line paths expand to.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Paths that do not exist, directories that could not be walked.
    pub errors: Vec<InputError>,
    /// Files met while walking and not to be read (in path order per
    /// directory), with the reason.
    pub skipped: Vec<Skipped>,
}

/// Expand the command-line paths into inputs: directories are walked
/// recursively (respecting `.gitignore` even outside a git repository,
/// skipping hidden files and paths the config excludes), `-` is stdin.
pub fn collect(paths: &[PathBuf], settings: &Settings) -> Collected {
    let mut collected = Collected::default();
    for path in paths {
        if path.as_os_str() == "-" {
            collected.inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, settings, &mut collected),
            Ok(_) => collected.inputs.push(Input::File {
                path: path.clone(),
                explicit: true,
            }),
            Err(e) => collected
                .errors
                .push(InputError::new(path.display().to_string(), io_message(&e))),
        }
    }
    collected
}

/// Whether a file of this name is read as replies when walking: a reply
/// file's extension, and not a configuration file.
fn reply_file_name(path: &Path) -> Result<(), SkipReason> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    if !extension {
        return Err(SkipReason::OtherExtension);
    }
    let config = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| CONFIG_FILES.contains(&n));
    if config {
        return Err(SkipReason::ConfigFile);
    }
    Ok(())
}

/// Why a directory entry that is neither a file nor a directory is not
/// read: a symbolic link (not followed), or a FIFO, socket or device.
fn special_file(path: &Path, file_type: std::fs::FileType) -> SkipReason {
    if file_type.is_symlink() {
        return match std::fs::metadata(path) {
            Ok(_) => SkipReason::Symlink,
            Err(e) => SkipReason::BrokenSymlink(io_message(&e)),
        };
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return SkipReason::NotRegular("a FIFO");
        }
        if file_type.is_socket() {
            return SkipReason::NotRegular("a socket");
        }
    }
    SkipReason::NotRegular("a device")
}

fn walk(dir: &Path, settings: &Settings, collected: &mut Collected) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .hidden(true)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let Some(file_type) = entry.file_type() else {
                    continue; // standard input; not met in a walk
                };
                if file_type.is_dir() {
                    continue;
                }
                // A link to a directory is not followed either, whatever
                // its name: the replies in it are not checked.
                let to_dir = file_type.is_symlink() && path.is_dir();
                let reason = match reply_file_name(path) {
                    Err(reason) if !to_dir => Some(reason),
                    _ if settings.is_excluded(path) => Some(SkipReason::Excluded),
                    _ if file_type.is_file() => None,
                    _ => Some(special_file(path, file_type)),
                };
                match reason {
                    None => found.push(path.to_owned()),
                    Some(reason) => skipped.push((path.to_owned(), reason)),
                }
            }
            Err(e) => collected
                .errors
                .push(InputError::new(dir.display().to_string(), e.to_string())),
        }
    }
    // `replylint .` (and the default, the current directory) shows
    // `sms/a.txt`, not `./sms/a.txt`.
    let shown = |path: PathBuf| {
        if dir == Path::new(".")
            && let Ok(rel) = path.strip_prefix(".")
        {
            return rel.to_owned();
        }
        path
    };
    let mut found: Vec<PathBuf> = found.into_iter().map(shown).collect();
    found.sort();
    collected
        .inputs
        .extend(found.into_iter().map(|path| Input::File {
            path,
            explicit: false,
        }));
    let mut skipped: Vec<Skipped> = skipped
        .into_iter()
        .map(|(path, reason)| Skipped {
            path: shown(path).display().to_string(),
            reason,
        })
        .collect();
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    collected.skipped.extend(skipped);
}

/// A readable message for an I/O error, without the "(os error 2)" noise.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

/// What reading one input gave.
#[derive(Debug)]
pub enum Read {
    Replies(Arc<Source>, Vec<Reply>),
    /// A binary file, or a file that is not a reply library (a
    /// `package.json`), met while walking a directory: skipped, and
    /// counted as such.
    Skipped(SkipReason),
}

/// Read one input and split it into replies. Errors about parts of a
/// library (a broken line, a reply without text) are returned beside the
/// replies that could be read, which are still to be linted; `Err` is for
/// an input that could not be read at all. `stdin`: what standard input
/// holds, when it is not the process's ([`stdin::read`]). Files over
/// [`MAX_FILE_SIZE`] are refused ([`read_all_within`] for another limit).
pub fn read_all(
    input: &Input,
    stdin_name: Option<&str>,
    stdin: Option<&[u8]>,
) -> Result<(Read, Vec<InputError>), InputError> {
    read_all_within(input, stdin_name, stdin, MAX_FILE_SIZE)
}

/// [`read_all`], refusing files over `limit` bytes (the configuration's
/// `max-file-size`).
pub fn read_all_within(
    input: &Input,
    stdin_name: Option<&str>,
    stdin: Option<&[u8]>,
    limit: u64,
) -> Result<(Read, Vec<InputError>), InputError> {
    open_within(input, stdin_name, stdin, limit).map(|(opened, errors)| opened.read_all(errors))
}

/// [`read_all_within`], leaving the replies of a JSON export or a TOML
/// library to be read a slice at a time ([`Pending`]).
pub fn open_within(
    input: &Input,
    stdin_name: Option<&str>,
    stdin: Option<&[u8]>,
    limit: u64,
) -> Result<(Opened, Vec<InputError>), InputError> {
    match input {
        Input::Stdin => open_source(stdin::read(stdin_name, stdin)?, true),
        Input::File { path, explicit } => {
            let name = path.display().to_string();
            let bytes = read_limited(path, limit).map_err(|e| InputError::new(&name, e))?;
            let text = match decode_file(&name, bytes)? {
                Content::Text(text, _) => text,
                Content::Binary(_) if *explicit => {
                    return Err(InputError::new(name, "binary file, not a reply"));
                }
                Content::Binary(_) => {
                    return Ok((Opened::Read(Read::Skipped(SkipReason::Binary)), Vec::new()));
                }
            };
            let source = Arc::new(Source {
                path: Some(path.clone()),
                name,
                text,
            });
            open_source(source, *explicit)
        }
    }
}

/// An input opened: read, or a library whose replies are still to be
/// read.
pub enum Opened {
    Read(Read),
    Pending(Pending),
}

impl Opened {
    /// Every reply read, the errors of reading them after `errors`, in the
    /// order of the file.
    pub fn read_all(self, mut errors: Vec<InputError>) -> (Read, Vec<InputError>) {
        match self {
            Opened::Read(read) => (read, errors),
            Opened::Pending(mut pending) => {
                let (mut replies, more) = pending.read(pending.len());
                replies.shrink_to_fit();
                errors.extend(more);
                errors.extend(pending.finish());
                errors.sort_by_key(|e| e.position);
                (Read::Replies(pending.source, replies), errors)
            }
        }
    }
}

/// A library whose replies are read a slice at a time: the items of a
/// JSON export or the tables of a TOML library, found in the file and not
/// read yet. Reading one slice after another gives the replies and errors
/// reading the whole file gives, the errors in the same order once sorted
/// by position.
pub struct Pending {
    pub source: Arc<Source>,
    items: Items,
    /// The first item not read.
    next: usize,
}

enum Items {
    Json(helpdesk::Macros),
    Toml(toml_library::Tables),
}

impl Pending {
    /// How many items are left (an item need not be a reply).
    pub fn len(&self) -> usize {
        let count = match &self.items {
            Items::Json(m) => m.count(),
            Items::Toml(t) => t.count(),
        };
        count - self.next
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The replies of the next `n` items, and the errors met reading them.
    pub fn read(&mut self, n: usize) -> (Vec<Reply>, Vec<InputError>) {
        let range = self.next..self.next + n.min(self.len());
        self.next = range.end;
        let mut replies = Vec::new();
        let errors = match &mut self.items {
            Items::Json(m) => m.read(range, &mut replies),
            Items::Toml(t) => t.read(range, &mut replies),
        };
        (replies, errors)
    }

    /// The errors left once every item is read.
    pub fn finish(&mut self) -> Vec<InputError> {
        match &mut self.items {
            Items::Json(m) => m.finish(),
            Items::Toml(_) => Vec::new(),
        }
    }
}

/// The text of a file as [`read_all`] reads it (byte-order marks,
/// UTF-16), or `None` when it cannot be read or is not text: what shows a
/// line of a file checked earlier and no longer held. Not held to a size
/// limit: the file was read once already.
pub fn text_of(path: &Path) -> Option<String> {
    let bytes = read_limited(path, u64::MAX).ok()?;
    match decode_file(&path.display().to_string(), bytes).ok()? {
        Content::Text(text, _) => Some(text),
        Content::Binary(_) => None,
    }
}

/// Split a source already in memory into replies with the reader its name
/// calls for (stdin too: `--stdin-filename macros.jsonl` reads a library).
/// `explicit`: named by the user, so a file that is not a library is an
/// error rather than skipped.
pub fn read_source(
    source: Arc<Source>,
    explicit: bool,
) -> Result<(Read, Vec<InputError>), InputError> {
    open_source(source, explicit).map(|(opened, errors)| opened.read_all(errors))
}

/// [`read_source`], leaving the replies of a JSON export or a TOML library
/// to be read a slice at a time ([`Pending`]).
pub fn open_source(
    source: Arc<Source>,
    explicit: bool,
) -> Result<(Opened, Vec<InputError>), InputError> {
    let opened = match Format::of(Path::new(&source.name)) {
        Format::Text => {
            return text::read(source)
                .map(|(s, r)| (Opened::Read(Read::Replies(s, r)), Vec::new()));
        }
        Format::Toml => toml_library::open(&source).map(Items::Toml),
        Format::Csv => Err(csv_library::read(&source)),
        Format::Jsonl => Err(jsonl::read(&source)),
        Format::Json => helpdesk::open(&source, explicit).map(Items::Json),
    };
    let parsed = match opened {
        Ok(items) => {
            let pending = Pending {
                source,
                items,
                next: 0,
            };
            return Ok((Opened::Pending(pending), Vec::new()));
        }
        Err(parsed) => parsed,
    };
    match parsed {
        Parsed::Replies(mut replies, mut errors) => {
            // Held while they are checked: no room to grow.
            replies.shrink_to_fit();
            // In the order of the file, whichever step found them.
            errors.sort_by_key(|e| e.position);
            Ok((Opened::Read(Read::Replies(source, replies)), errors))
        }
        Parsed::NotLibrary(expected) if !explicit => Ok((
            Opened::Read(Read::Skipped(SkipReason::NotLibrary(expected))),
            Vec::new(),
        )),
        Parsed::NotLibrary(expected) => Err(InputError::new(
            &source.name,
            format!("not a reply library: expected {expected}"),
        )),
    }
}

/// Read one input and split it into replies, for callers that take one
/// error per input: an input with errors in some of its parts is reported
/// by its first error (see [`read_all`], which keeps the other replies).
pub fn read(
    input: &Input,
    stdin_name: Option<&str>,
    stdin: Option<&[u8]>,
) -> Result<Read, InputError> {
    let (read, errors) = read_all(input, stdin_name, stdin)?;
    match errors.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(read),
    }
}

/// Files larger than this are refused (before they are read) rather than
/// held in memory whole, unless the configuration's `max-file-size` says
/// otherwise: 64 MiB is some 200,000 replies. JSON Lines and CSV files
/// are read a part at a time ([`stream`]) and may be of any size.
pub const MAX_FILE_SIZE: u64 = replylint_core::config::settings::DEFAULT_MAX_FILE_SIZE;

/// Read a whole file of at most `limit` bytes. A file that says it is
/// smaller but keeps going (`/dev/zero`, a file growing while it is read)
/// is stopped at the limit too.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let too_big = |size: u64| {
        const MIB: f64 = 1024.0 * 1024.0;
        format!(
            "file too large: {:.1} MiB, over the {:.0} MiB limit for one file (`max-file-size`); split it into smaller files",
            size as f64 / MIB,
            limit as f64 / MIB
        )
    };
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    let size = file.metadata().map_err(|e| io_message(&e))?.len();
    if size > limit {
        return Err(too_big(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A NUL byte in the first 8 KiB means binary, as git and ripgrep decide.
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// The encoding a file's text was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
        })
    }
}

/// What a file's bytes hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Text, decoded to UTF-8 (a UTF-16 file's byte-order mark kept as
    /// U+FEFF, as a UTF-8 file's is), and the encoding it was read from.
    Text(String, Encoding),
    /// NUL bytes and no byte-order mark: binary, the bytes given back.
    Binary(Vec<u8>),
}

/// Decode a file's bytes: UTF-16 LE or BE when they start with its
/// byte-order mark, binary when a NUL byte comes early, UTF-8 otherwise.
/// UTF-32, UTF-16 that is not valid, text that looks like UTF-16 without
/// a byte-order mark and invalid UTF-8 are errors naming the place.
pub fn decode_file(name: &str, bytes: Vec<u8>) -> Result<Content, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(InputError::new(
            name,
            "UTF-32 text is not supported; save the file as UTF-8",
        ));
    }
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(Encoding::Utf16Le),
        Some([0xFE, 0xFF]) => Some(Encoding::Utf16Be),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        let text = decode_utf16(name, &bytes, encoding == Encoding::Utf16Le)?;
        if is_binary(text.as_bytes()) {
            return Ok(Content::Binary(bytes));
        }
        return Ok(Content::Text(text, encoding));
    }
    if is_binary(&bytes) {
        if let Some(endian) = utf16_without_bom(&bytes) {
            return Err(InputError::new(
                name,
                format!(
                    "looks like UTF-16 {endian} without a byte-order mark; save the file as UTF-8 (or as UTF-16 with a byte-order mark)"
                ),
            ));
        }
        return Ok(Content::Binary(bytes));
    }
    decode(name, bytes).map(|text| Content::Text(text, Encoding::Utf8))
}

/// UTF-16 `bytes` (byte-order mark first) as UTF-8 text starting with
/// U+FEFF; an unpaired surrogate or an odd byte at the end is an error at
/// its line and column.
fn decode_utf16(name: &str, bytes: &[u8], little_endian: bool) -> Result<String, InputError> {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(e) => {
                // Every unit before the bad one is in `text`, the
                // byte-order mark too.
                let at = 2 * text.encode_utf16().count();
                return Err(at_end_of(
                    name,
                    &text,
                    format!(
                        "invalid UTF-16: unpaired surrogate {:#06X} at byte offset {at}",
                        e.unpaired_surrogate()
                    ),
                ));
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(at_end_of(
            name,
            &text,
            format!(
                "invalid UTF-16: the file ends in the middle of a character (an odd number of bytes, {})",
                bytes.len()
            ),
        ));
    }
    Ok(text)
}

/// An error at the end of `text`, the part of the file decoded so far.
fn at_end_of(name: &str, text: &str, message: String) -> InputError {
    InputError::at(name, text, text.len(), message)
}

/// "LE" or "BE" when `bytes`, which hold NUL bytes, read as UTF-16 of
/// mostly Latin text with no byte-order mark: in the first 8 KiB, a NUL
/// in at least every other high byte and hardly any in the low bytes
/// (an emoji's surrogate pair may hold one), where binary formats have
/// them on both sides.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |at: usize| head.iter().skip(at).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let utf16 = |high: usize, low: usize| high * 2 >= pairs && low * 20 <= high;
    if utf16(odd, even) {
        Some("LE")
    } else if utf16(even, odd) {
        Some("BE")
    } else {
        None
    }
}

/// Decode UTF-8, naming where it is not.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let valid = String::from_utf8_lossy(&bytes[..offset]);
        let mut err = InputError::at(
            name,
            &valid,
            offset,
            format!("invalid UTF-8 at byte offset {offset}; replies must be UTF-8 text"),
        );
        if err.position.is_none() {
            err.position = Some((1, 1));
        }
        err
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    }

    #[track_caller]
    fn error(bytes: &[u8]) -> InputError {
        decode_file("f.txt", bytes.to_vec()).expect_err("not text")
    }

    #[test]
    fn utf16_with_a_bom_decodes_to_utf8_keeping_the_bom() {
        let text = "Ciao è 😀\r\nA presto";
        for (little_endian, encoding) in [(true, Encoding::Utf16Le), (false, Encoding::Utf16Be)] {
            assert_eq!(
                decode_file("f.txt", utf16(text, little_endian)),
                Ok(Content::Text(format!("\u{feff}{text}"), encoding))
            );
        }
        let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(
            decode_file("f.txt", bom),
            Ok(Content::Text(format!("\u{feff}{text}"), Encoding::Utf8))
        );
        assert_eq!(
            decode_file("f.txt", vec![0xFF, 0xFE]),
            Ok(Content::Text("\u{feff}".into(), Encoding::Utf16Le))
        );
    }

    #[test]
    fn undecodable_utf16_and_utf32_are_errors_at_their_place() {
        // An unpaired high surrogate after "ab\ncd": line 2, column 3, at
        // byte 2 (BOM) + 5 units.
        let mut bytes = utf16("ab\ncd", true);
        bytes.extend([0x00, 0xD8, b'x', 0]);
        let e = error(&bytes);
        assert_eq!(e.position, Some((2, 3)));
        assert_eq!(
            e.message,
            "invalid UTF-16: unpaired surrogate 0xD800 at byte offset 12"
        );
        // A lone low surrogate first of all.
        let e = error(&[0xFE, 0xFF, 0xDC, 0x00]);
        assert_eq!(e.position, Some((1, 1)));
        assert!(e.message.contains("0xDC00 at byte offset 2"), "{e}");
        let mut odd = utf16("ab", false);
        odd.push(b'c');
        let e = error(&odd);
        assert_eq!(e.position, Some((1, 3)));
        assert!(e.message.contains("odd number of bytes, 7"), "{e}");
        for utf32 in [&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0][..], &[0, 0, 0xFE, 0xFF]] {
            let e = error(utf32);
            assert_eq!(e.position, None);
            assert!(e.message.starts_with("UTF-32 text is not supported"), "{e}");
        }
    }

    #[test]
    fn utf16_without_a_bom_is_an_error_and_binary_is_binary() {
        let text = "Ciao Anna, il rimborso 😀 è in arrivo.\n";
        let le: Vec<u8> = utf16(text, true)[2..].to_vec();
        let be: Vec<u8> = utf16(text, false)[2..].to_vec();
        assert!(
            error(&le)
                .message
                .contains("UTF-16 LE without a byte-order mark")
        );
        assert!(
            error(&be)
                .message
                .contains("UTF-16 BE without a byte-order mark")
        );
        for binary in [
            &b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"[..],
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
            b"a\x00",
            // UTF-16 whose text holds a NUL character.
            &utf16("a\0b", true),
        ] {
            assert_eq!(
                decode_file("f.bin", binary.to_vec()),
                Ok(Content::Binary(binary.to_vec())),
                "{binary:?}"
            );
        }
    }

    #[test]
    fn skip_reasons_say_which_are_counted() {
        assert!(SkipReason::Binary.counted());
        assert!(SkipReason::BrokenSymlink("no such file or directory".into()).counted());
        assert!(!SkipReason::OtherExtension.counted());
        assert!(!SkipReason::Excluded.counted());
        assert_eq!(
            SkipReason::NotRegular("a FIFO").to_string(),
            "not a regular file but a FIFO"
        );
    }
}
