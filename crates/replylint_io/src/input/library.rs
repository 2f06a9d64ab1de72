//! What the library formats (TOML, CSV, JSON Lines, JSON arrays) share:
//! the keys a reply may carry, how their values become a [`ReplyMeta`],
//! and how a broken entry is reported while the others are still read.
//!
//! Keys: `id`, `title`, `channel`, `language` (or `lang`), `mode`,
//! `subject`, `header`, `footer` (WhatsApp template), `text` (required), `allow` (rule ids not to apply),
//! `placeholder-dialect`, `partial`, and `group` and `translation-of` (the
//! same macro in several languages: see the `missing-translation` rule).
//! Hand-written TOML libraries are strict: an unknown key is an error.
//! CSV sheets and JSON records often carry extra columns from the tool
//! that exported them (`tags`, `created_at`…): those are ignored, but a
//! name that looks like a misspelt key (`chanel`, `txt`) is an error.
//!
//! One line break at the very end of a text is dropped, as at the end of a
//! text file: it closes the last line of a multi-line string (`"""` on
//! its own line) rather than adding an empty one.

use super::InputError;
use replylint_core::location::LineIndex;
use replylint_core::mode::Mode;
use replylint_core::reply::{
    Field, Located, OffsetMap, Reply, ReplyMeta, Source, strip_final_newline,
};
use std::sync::Arc;

/// The keys a library reply may carry.
pub const KEYS: &[&str] = &[
    "id",
    "title",
    "channel",
    "language",
    "mode",
    "subject",
    "header",
    "footer",
    "text",
    "allow",
    "placeholder-dialect",
    "partial",
    "group",
    "translation-of",
];

/// The keys whose string values are fields with a map back to the
/// source ([`replylint_core::reply::Field`]).
pub const FIELDS: &[&str] = &["subject", "header", "footer"];

/// The canonical key for `key` (`lang` is `language`), if it is one.
pub fn canonical(key: &str) -> Option<&'static str> {
    if key == "lang" {
        return Some("language");
    }
    KEYS.iter().copied().find(|k| *k == key)
}

/// How unknown keys are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Every unknown key is an error.
    Strict,
    /// Unknown keys are ignored unless they look like a misspelt key.
    Lenient,
}

/// A decoded field value, with the offset where it was written.
#[derive(Debug, Clone)]
pub enum Value {
    /// A string, or a number written as one (ids often are numbers).
    Str(Located<String>),
    List(Vec<Located<String>>),
    Bool(bool, usize),
    /// Anything else, by its type name ("a table", "a number").
    Other(&'static str, usize),
}

impl Value {
    fn offset(&self) -> usize {
        match self {
            Value::Str(s) => s.offset,
            Value::List(l) => l.first().map_or(0, |s| s.offset),
            Value::Bool(_, at) | Value::Other(_, at) => *at,
        }
    }
}

/// One reply of a library as it is being read.
#[derive(Debug)]
pub struct Entry {
    /// Where the entry starts (`[[reply]]`, the CSV row, the JSON line):
    /// errors about the entry as a whole point here.
    pub offset: usize,
    pub meta: ReplyMeta,
    /// The body and its map back to the file.
    pub text: Option<(String, OffsetMap)>,
    /// What is wrong with it: (offset, message).
    pub problems: Vec<(usize, String)>,
    /// The keys met so far: canonical, and as written.
    seen: Vec<(&'static str, String)>,
}

impl Entry {
    pub fn new(offset: usize) -> Self {
        Entry {
            offset,
            meta: ReplyMeta::default(),
            text: None,
            problems: Vec::new(),
            seen: Vec::new(),
        }
    }

    /// Record a problem at `offset`.
    pub fn problem(&mut self, offset: usize, message: impl Into<String>) {
        self.problems.push((offset, message.into()));
    }

    /// Whether `key` (written at `key_offset`) names a field; an unknown
    /// key is recorded as a problem when `keys` says so, and so is a key
    /// met before (`lang` after `language` too). Returns the canonical
    /// key.
    pub fn key(&mut self, key: &str, key_offset: usize, keys: Keys) -> Option<&'static str> {
        if let Some(k) = canonical(key) {
            if let Some((_, first)) = self.seen.iter().find(|(c, _)| *c == k) {
                let message = if first == key {
                    format!("duplicate key `{key}`")
                } else {
                    format!("duplicate key: `{first}` and `{key}` are the same key")
                };
                self.problem(key_offset, message);
            } else {
                self.seen.push((k, key.to_owned()));
            }
            return Some(k);
        }
        let misspelt = replylint_core::suggest::closest(key, KEYS.iter().copied()).is_some();
        if keys == Keys::Strict || misspelt {
            self.problem(
                key_offset,
                replylint_core::suggest::unknown("key", key, KEYS.iter().copied()),
            );
        }
        None
    }

    /// Set `subject`, `header` or `footer` (see [`FIELDS`]) from a string
    /// decoded with its map back to the source.
    pub fn set_field(&mut self, key: &str, text: String, offsets: OffsetMap) {
        let slot = match key {
            "subject" => &mut self.meta.subject,
            "header" => &mut self.meta.header,
            "footer" => &mut self.meta.footer,
            _ => return,
        };
        *slot = Some(Field { text, offsets });
    }

    /// Set a field other than `text` from its decoded value.
    pub fn set(&mut self, key: &'static str, value: Value) {
        let at = value.offset();
        let string = |value: Value, what: &str| match value {
            Value::Str(s) => Ok(s),
            Value::List(_) => Err((at, format!("`{what}` must be a string, not a list"))),
            Value::Bool(..) => Err((at, format!("`{what}` must be a string, not a boolean"))),
            Value::Other(t, _) => Err((at, format!("`{what}` must be a string, not {t}"))),
        };
        // Retraced in the source by `finish`.
        let field = |s: Located<String>| Field::pinned(s.value, s.offset);
        let meta = &mut self.meta;
        let result = match key {
            "id" => string(value, key).map(|s| meta.id = Some(s.value)),
            "title" => string(value, key).map(|s| meta.title = Some(s.value)),
            "group" => string(value, key).map(|s| meta.group = Some(s.value)),
            "translation-of" => string(value, key).map(|s| meta.translation_of = Some(s.value)),
            "subject" => string(value, key).map(|s| meta.subject = Some(field(s))),
            "header" => string(value, key).map(|s| meta.header = Some(field(s))),
            "footer" => string(value, key).map(|s| meta.footer = Some(field(s))),
            "channel" => string(value, key).map(|s| meta.channel = Some(s)),
            "language" => string(value, key).map(|s| meta.language = Some(s)),
            "placeholder-dialect" => string(value, key).map(|s| meta.dialect = Some(s)),
            "partial" => match value {
                Value::Bool(b, _) => {
                    meta.partial = Some(b);
                    Ok(())
                }
                // CSV cells are text.
                Value::Str(s) if matches!(s.value.as_str(), "true" | "false") => {
                    meta.partial = Some(s.value == "true");
                    Ok(())
                }
                _ => Err((at, "`partial` must be `true` or `false`".to_owned())),
            },
            "mode" => string(value, key).and_then(|s| {
                let mode = match s.value.as_str() {
                    "draft" => Mode::Draft,
                    "template" => Mode::Template,
                    other => {
                        let message =
                            replylint_core::suggest::unknown("mode", other, ["draft", "template"]);
                        return Err((s.offset, message));
                    }
                };
                meta.mode = Some(mode);
                Ok(())
            }),
            "allow" => match value {
                Value::List(list) => {
                    meta.allow = list;
                    Ok(())
                }
                // One rule id on its own is a list of one.
                Value::Str(s) => {
                    meta.allow = vec![s];
                    Ok(())
                }
                Value::Bool(..) => Err((
                    at,
                    "`allow` must be a list of rule ids, not a boolean".to_owned(),
                )),
                Value::Other(t, _) => {
                    Err((at, format!("`allow` must be a list of rule ids, not {t}")))
                }
            },
            _ => Ok(()),
        };
        if let Err((offset, message)) = result {
            self.problem(offset, message);
        }
    }

    /// The reply, or `None` when a problem keeps it from being linted (the
    /// problems are added to `errors`). `missing` is the message for an
    /// entry without text.
    pub fn finish(
        mut self,
        source: &Arc<Source>,
        errors: &mut Errors,
        missing: &str,
    ) -> Option<Reply> {
        if self.text.is_none() {
            self.problems.push((self.offset, missing.to_owned()));
        }
        if !self.problems.is_empty() {
            for (offset, message) in self.problems {
                errors.at(offset, message);
            }
            return None;
        }
        let (mut body, mut offsets) = self.text?;
        strip_final_newline(&mut body, &mut offsets);
        for field in [
            &mut self.meta.subject,
            &mut self.meta.header,
            &mut self.meta.footer,
        ] {
            *field = field.take().map(|f| f.retrace(&source.text));
        }
        Some(Reply {
            body,
            meta: self.meta,
            offsets,
            source: Arc::clone(source),
        })
    }
}

/// The errors met in one file, positioned with one shared line index (a
/// file with thousands of broken lines is indexed once).
#[derive(Debug)]
pub struct Errors {
    source: Arc<Source>,
    index: Option<LineIndex>,
    /// Where the part of the file read starts: its byte offset and 1-based
    /// line ([`LineIndex::starting_at`]).
    part: (usize, usize),
    pub list: Vec<InputError>,
}

impl Errors {
    pub fn new(source: &Arc<Source>) -> Self {
        Self::in_part(source, 0, 1)
    }

    /// The errors of the part of `source` from byte `start`, the start of
    /// 1-based line `line`.
    pub fn in_part(source: &Arc<Source>, start: usize, line: usize) -> Self {
        Errors {
            source: Arc::clone(source),
            index: None,
            part: (start, line),
            list: Vec::new(),
        }
    }

    /// An error at byte `offset` of the file.
    pub fn at(&mut self, offset: usize, message: impl Into<String>) {
        let position = self.position(offset);
        self.list.push(InputError {
            path: self.source.name.clone(),
            position: Some(position),
            message: message.into(),
        });
    }

    /// The 1-based line and column of byte `offset` of the file.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let text = self.source.text.as_str();
        let (start, line) = self.part;
        let index = self
            .index
            .get_or_insert_with(|| LineIndex::starting_at(text, start, line));
        let p = index.position(text, offset);
        (p.line, p.column)
    }

    /// An error about the whole file.
    pub fn file(&mut self, message: impl Into<String>) {
        self.list.push(InputError::new(&self.source.name, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(value: &str, offset: usize) -> Located<String> {
        Located {
            value: value.to_owned(),
            offset,
        }
    }

    #[test]
    fn keys_are_canonical_and_unknown_ones_follow_the_policy() {
        let mut e = Entry::new(0);
        assert_eq!(e.key("lang", 0, Keys::Strict), Some("language"));
        assert_eq!(e.key("tags", 5, Keys::Lenient), None);
        assert!(e.problems.is_empty(), "an extra column is fine");
        assert_eq!(e.key("chanel", 9, Keys::Lenient), None);
        assert_eq!(e.problems[0].0, 9);
        assert!(e.problems[0].1.contains("did you mean `channel`"));
        assert_eq!(e.key("tags", 12, Keys::Strict), None);
        assert_eq!(e.problems.len(), 2);
    }

    #[test]
    fn a_key_met_twice_is_a_problem_at_the_second() {
        let mut e = Entry::new(0);
        assert_eq!(e.key("language", 0, Keys::Lenient), Some("language"));
        assert_eq!(e.key("text", 5, Keys::Lenient), Some("text"));
        assert!(e.problems.is_empty());
        assert_eq!(e.key("lang", 9, Keys::Lenient), Some("language"));
        assert_eq!(e.key("text", 14, Keys::Strict), Some("text"));
        assert_eq!(
            e.problems,
            vec![
                (
                    9,
                    "duplicate key: `language` and `lang` are the same key".to_owned()
                ),
                (14, "duplicate key `text`".to_owned()),
            ]
        );
    }

    #[test]
    fn values_of_the_wrong_kind_are_problems() {
        let mut e = Entry::new(0);
        e.set("mode", Value::Str(located("templte", 3)));
        e.set("title", Value::Other("a table", 7));
        e.set("allow", Value::Str(located("greeting", 11)));
        e.set("id", Value::Str(located("42", 1)));
        assert_eq!(e.meta.id.as_deref(), Some("42"));
        assert_eq!(e.meta.allow, vec![located("greeting", 11)]);
        let offsets: Vec<usize> = e.problems.iter().map(|p| p.0).collect();
        assert_eq!(offsets, vec![3, 7]);
        assert!(e.problems[0].1.contains("did you mean `template`"));
    }
}
