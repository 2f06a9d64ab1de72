//! Inputs: finding the files to check, reading them, and turning each into
//! `Reply` values with an offset map back to the file. One reader per
//! format; rules never see the format.

pub mod stdin;
pub mod text;

use crate::config::Settings;
use crate::location::LineIndex;
use crate::reply::{Reply, Source};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// File extensions picked up when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Something to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File {
        path: PathBuf,
        /// Named on the command line (not found by walking a directory):
        /// a binary file is then an error instead of being skipped.
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
                    .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if is_file && wanted && !settings.is_excluded(path) {
                    found.push(path.to_owned());
                }
            }
            Err(e) => errors.push(InputError::new(dir.display().to_string(), e.to_string())),
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
    /// A binary file met while walking a directory: silently skipped.
    Skipped,
}

/// Read one input and split it into replies.
pub fn read(input: &Input, stdin_name: Option<&str>) -> Result<Read, InputError> {
    match input {
        Input::Stdin => stdin::read(stdin_name),
        Input::File { path, explicit } => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| InputError::new(&name, io_message(&e)))?;
            if is_binary(&bytes) {
                return if *explicit {
                    Err(InputError::new(name, "binary file, not a reply"))
                } else {
                    Ok(Read::Skipped)
                };
            }
            let text = decode(&name, bytes)?;
            let source = Arc::new(Source {
                path: Some(path.clone()),
                name,
                text,
            });
            text::read(source).map(|(s, r)| Read::Replies(s, r))
        }
    }
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
