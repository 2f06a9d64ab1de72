//! Mistakes in a configuration file or on the command line, with the file,
//! line and column they were made at and a "did you mean" for a misspelt
//! key. Below the rules and `suppress`, which check options of their own
//! (`[[rule]]` tables, `[per-path-ignores]`) while `config` resolves the
//! rest.

use crate::location::LineIndex;
use std::fmt;
use std::path::{Path, PathBuf};

/// A mistake in a configuration file or on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, or `None` for a command-line value.
    pub path: Option<PathBuf>,
    /// 1-based line and column, when the mistake has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl ConfigError {
    pub fn cli(message: impl Into<String>) -> Self {
        ConfigError {
            path: None,
            position: None,
            message: message.into(),
        }
    }

    /// An error at byte `offset` of a file whose text is `text`.
    pub fn at(path: &Path, text: &str, offset: Option<usize>, message: impl Into<String>) -> Self {
        let position = offset.map(|o| {
            let p = LineIndex::new(text).position(text, o);
            (p.line, p.column)
        });
        ConfigError {
            path: Some(path.to_owned()),
            position,
            message: message.into(),
        }
    }

    /// A TOML or schema error from the `toml` crate, with a suggestion for
    /// an unknown key.
    /// A value of the wrong type or out of range also names its key
    /// (`channels.twitter.max-length`).
    pub fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        let explained = explain_toml_message(err.message());
        let names_itself = ["unknown ", "missing field"]
            .iter()
            .any(|p| err.message().starts_with(p));
        let message = match key_of(err) {
            Some(key) if !names_itself => {
                if explained.starts_with("must be ") {
                    format!("`{key}` {explained}")
                } else {
                    format!("`{key}`: {explained}")
                }
            }
            _ => explained,
        };
        ConfigError::at(path, text, err.span().map(|s| s.start), message)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.position) {
            (Some(p), Some((line, col))) => {
                write!(f, "{}:{line}:{col}: {}", p.display(), self.message)
            }
            (Some(p), None) => write!(f, "{}: {}", p.display(), self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The dotted path of the key a TOML error is about, if it has one: the
/// `toml` crate shows it ("in `a.b`") only when it has no text to quote.
fn key_of(err: &toml::de::Error) -> Option<String> {
    let mut bare = err.clone();
    bare.set_input(None);
    let shown = bare.to_string();
    let key = shown
        .strip_prefix(err.message())?
        .trim()
        .strip_prefix("in `")?
        .strip_suffix('`')?;
    (!key.is_empty()).then(|| key.to_owned())
}

/// Turn serde's "unknown field `chanel`, expected one of `channel`, …" into
/// "unknown key `chanel` (did you mean `channel`?)"; other messages pass
/// through with their first line only.
pub fn explain_toml_message(message: &str) -> String {
    let message = message.trim();
    for (prefix, what) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let Some((name, expected)) = rest.split_once('`') else {
                break;
            };
            let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let what = if what == "value" {
                value_kind(&candidates)
            } else {
                what
            };
            return crate::suggest::unknown(what, name, candidates);
        }
    }
    message.lines().next().unwrap_or(message).to_owned()
}

/// What a set of enum values is called in messages ("unknown severity
/// `warn`"), recognised by the values themselves since serde does not name
/// the type.
fn value_kind(candidates: &[&str]) -> &'static str {
    let is =
        |set: &[&str]| candidates.len() == set.len() && set.iter().all(|v| candidates.contains(v));
    if is(&["off", "info", "warning", "error"]) {
        "severity"
    } else if is(&["draft", "template"]) {
        "mode"
    } else if is(&["required", "conversational", "any"]) {
        "expectation"
    } else if candidates.contains(&"graphemes") && candidates.contains(&"tweet-weight") {
        "unit"
    } else {
        "value"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let msg = "unknown field `chanel`, expected one of `channel`, `language`, `mode`";
        assert_eq!(
            explain_toml_message(msg),
            "unknown key `chanel` (did you mean `channel`?)"
        );
        let msg = "unknown variant `warn`, expected one of `off`, `info`, `warning`, `error`";
        assert_eq!(
            explain_toml_message(msg),
            "unknown severity `warn` (did you mean `warning`?)"
        );
        let msg = "unknown variant `drafts`, expected `draft` or `template`";
        assert_eq!(
            explain_toml_message(msg),
            "unknown mode `drafts` (did you mean `draft`?)"
        );
    }
}
