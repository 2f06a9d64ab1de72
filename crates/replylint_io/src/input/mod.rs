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
//! line, they are errors that say what was expected.

pub mod csv_library;
pub mod helpdesk;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod library;
pub mod stdin;
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

/// Expand the command-line paths into inputs: directories are walked
/// recursively (respecting `.gitignore` even outside a git repository,
/// skipping hidden files and paths the config excludes), `-` is stdin.
pub fn collect(paths: &[PathBuf], settings: &Settings) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, settings, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File {
                path: path.clone(),
                explicit: true,
            }),
            Err(e) => errors.push(InputError::new(path.display().to_string(), io_message(&e))),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, settings: &Settings, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .hidden(true)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let wanted = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                    && !path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| CONFIG_FILES.contains(&n));
                if is_file && wanted && !settings.is_excluded(path) {
                    found.push(path.to_owned());
                }
            }
            Err(e) => errors.push(InputError::new(dir.display().to_string(), e.to_string())),
        }
    }
    // `replylint .` (and the default, the current directory) shows
    // `sms/a.txt`, not `./sms/a.txt`.
    if dir == Path::new(".") {
        for path in &mut found {
            if let Ok(rel) = path.strip_prefix(".") {
                *path = rel.to_owned();
            }
        }
    }
    found.sort();
    inputs.extend(found.into_iter().map(|path| Input::File {
        path,
        explicit: false,
    }));
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
    /// `package.json`), met while walking a directory: silently skipped.
    Skipped,
}

/// Read one input and split it into replies. Errors about parts of a
/// library (a broken line, a reply without text) are returned beside the
/// replies that could be read, which are still to be linted; `Err` is for
/// an input that could not be read at all. `stdin`: what standard input
/// holds, when it is not the process's ([`stdin::read`]).
pub fn read_all(
    input: &Input,
    stdin_name: Option<&str>,
    stdin: Option<&[u8]>,
) -> Result<(Read, Vec<InputError>), InputError> {
    match input {
        Input::Stdin => read_source(stdin::read(stdin_name, stdin)?, true),
        Input::File { path, explicit } => {
            let name = path.display().to_string();
            let bytes = read_limited(path, MAX_FILE_SIZE).map_err(|e| InputError::new(&name, e))?;
            if is_binary(&bytes) {
                return if *explicit {
                    Err(InputError::new(name, "binary file, not a reply"))
                } else {
                    Ok((Read::Skipped, Vec::new()))
                };
            }
            let text = decode(&name, bytes)?;
            let source = Arc::new(Source {
                path: Some(path.clone()),
                name,
                text,
            });
            read_source(source, *explicit)
        }
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
    let parsed = match Format::of(Path::new(&source.name)) {
        Format::Text => {
            return text::read(source).map(|(s, r)| (Read::Replies(s, r), Vec::new()));
        }
        Format::Toml => toml_library::read(&source),
        Format::Csv => csv_library::read(&source),
        Format::Jsonl => jsonl::read(&source),
        Format::Json => helpdesk::read(&source, explicit),
    };
    match parsed {
        Parsed::Replies(replies, mut errors) => {
            // In the order of the file, whichever step found them.
            errors.sort_by_key(|e| e.position);
            Ok((Read::Replies(source, replies), errors))
        }
        Parsed::NotLibrary(_) if !explicit => Ok((Read::Skipped, Vec::new())),
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
/// held in memory whole: 64 MiB is some 200,000 replies.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Read a whole file of at most `limit` bytes. A file that says it is
/// smaller but keeps going (`/dev/zero`, a file growing while it is read)
/// is stopped at the limit too.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let too_big = |size: u64| {
        const MIB: f64 = 1024.0 * 1024.0;
        format!(
            "file too large: {:.1} MiB, over the {:.0} MiB limit for one file; split it into smaller files",
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
    file.take(limit + 1)
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
