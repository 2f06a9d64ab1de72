//! Plain-text and Markdown replies: one reply per file, with optional
//! front matter at the top: TOML between `+++` lines or YAML between `---`
//! lines.
//!
//! ```text
//! +++
//! channel = "email"
//! language = "it"
//! subject = "Il tuo rimborso"
//! +++
//! Gentile Mario,
//! ...
//! ```
//!
//! ```text
//! ---
//! channel: chat
//! language: en
//! allow: [greeting]
//! ---
//! Hi Anna! ...
//! ```
//!
//! YAML is read with `serde-saphyr`: a maintained, pure-Rust serde
//! deserializer (on the `saphyr` YAML 1.2 parser) that gives the line,
//! column and byte offset of errors and, through its `Spanned`, of every
//! value (so an unknown channel is reported where it is written). The
//! `serde_yaml` crate is deprecated and unmaintained; its forks
//! (`serde_yaml_ng`, `serde_norway`) wrap a C-to-Rust translation of libyaml
//! and have no spanned values; `serde_yml` is archived.

use super::InputError;
use replylint_core::mode::Mode;
use replylint_core::reply::{Field, Located, Reply, ReplyMeta, Source};
use serde::Deserialize;
use std::sync::Arc;
use toml::Spanned;

/// Keys accepted in front matter, TOML (`S` is `toml::Spanned<String>`) or
/// YAML (`serde_saphyr::Spanned<String>`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[serde(bound(deserialize = "S: Deserialize<'de>"))]
struct FrontMatter<S> {
    id: Option<String>,
    title: Option<String>,
    channel: Option<S>,
    #[serde(alias = "lang")]
    language: Option<S>,
    mode: Option<Mode>,
    subject: Option<S>,
    header: Option<S>,
    footer: Option<S>,
    allow: Option<Vec<S>>,
    placeholder_dialect: Option<S>,
    partial: Option<bool>,
    group: Option<String>,
    translation_of: Option<String>,
}

impl<S> FrontMatter<S> {
    /// The reply's meta, given how a value is located in the file and
    /// read as a text field.
    fn into_meta(
        self,
        at: impl Fn(&S) -> Located<String>,
        field: impl Fn(&S) -> Field,
    ) -> ReplyMeta {
        ReplyMeta {
            id: self.id,
            title: self.title,
            channel: self.channel.as_ref().map(&at),
            language: self.language.as_ref().map(&at),
            mode: self.mode,
            subject: self.subject.as_ref().map(&field),
            header: self.header.as_ref().map(&field),
            footer: self.footer.as_ref().map(&field),
            allow: self.allow.iter().flatten().map(&at).collect(),
            default_mode: None,
            dialect: self.placeholder_dialect.as_ref().map(&at),
            default_dialect: None,
            partial: self.partial,
            group: self.group,
            translation_of: self.translation_of,
        }
    }
}

/// Front matter keys, to tell an unclosed YAML block from a Markdown
/// thematic break (`---`) that opens a reply.
const KEYS: &[&str] = &[
    "id",
    "title",
    "channel",
    "language",
    "lang",
    "mode",
    "subject",
    "header",
    "footer",
    "allow",
    "placeholder-dialect",
    "partial",
    "group",
    "translation-of",
];

/// The front matter block fenced by `fence` lines at `start` of `text`:
/// (front matter text range, offset where the body starts). YAML blocks
/// may also close with `...`.
fn front_matter(text: &str, start: usize, fence: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let rest = &text[start..];
    let first = rest.strip_prefix(fence)?;
    let open_len = if first.starts_with("\r\n") {
        fence.len() + 2
    } else if first.starts_with('\n') {
        fence.len() + 1
    } else {
        return None;
    };
    let inner_start = start + open_len;
    let mut line_start = inner_start;
    for line in text[inner_start..].split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == fence || (fence == "---" && bare == "...") {
            return Some((inner_start..line_start, line_start + line.len()));
        }
        line_start += line.len();
    }
    None
}

/// Read TOML front matter (`range` of `text`) into a reply's meta.
fn toml_meta(source: &Source, range: std::ops::Range<usize>) -> Result<ReplyMeta, InputError> {
    let text = source.text.as_str();
    let fm: FrontMatter<Spanned<String>> = toml::from_str(&text[range.clone()]).map_err(|e| {
        let offset = range.start + e.span().map_or(0, |s| s.start);
        let span = e.span().map(|s| range.start + s.start..range.start + s.end);
        InputError::at(
            &source.name,
            text,
            offset,
            format!(
                "front matter: {}",
                super::toml_library::message(e.message(), text, span)
            ),
        )
    })?;
    let at = |s: &Spanned<String>| Located {
        value: s.get_ref().clone(),
        offset: range.start + s.span().start,
    };
    // Decoded again from the literal, to map escapes back to the source.
    let field = |s: &Spanned<String>| {
        let span = s.span();
        let raw = &text[range.start + span.start..range.start + span.end];
        let (text, offsets) =
            super::toml_library::decode(raw, range.start + span.start, s.get_ref());
        Field { text, offsets }
    };
    Ok(fm.into_meta(at, field))
}

/// Read YAML front matter (`range` of `text`) into a reply's meta.
fn yaml_meta(source: &Source, range: std::ops::Range<usize>) -> Result<ReplyMeta, InputError> {
    let text = source.text.as_str();
    let yaml = &text[range.clone()];
    let fm: Option<FrontMatter<serde_saphyr::Spanned<String>>> = serde_saphyr::from_str(yaml)
        .map_err(|e| {
            let offset = e
                .location()
                .and_then(|l| l.span().byte_offset())
                .map_or(0, |o| usize::try_from(o).unwrap_or(0));
            InputError::at(
                &source.name,
                text,
                range.start + offset.min(yaml.len()),
                format!("front matter: {}", yaml_message(&e)),
            )
        })?;
    let Some(fm) = fm else {
        return Ok(ReplyMeta::default());
    };
    let at = |s: &serde_saphyr::Spanned<String>| Located {
        value: s.value.clone(),
        offset: range.start
            + s.referenced
                .span()
                .byte_offset()
                .map_or(0, |o| usize::try_from(o).unwrap_or(0)),
    };
    let field = |s: &_| {
        let s = at(s);
        Field::at(text, s.value, s.offset)
    };
    Ok(fm.into_meta(at, field))
}

/// A YAML error as one line, with "did you mean" for unknown keys and
/// values.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    match e.without_snippet() {
        serde_saphyr::Error::SerdeUnknownField {
            field, expected, ..
        } => replylint_core::suggest::unknown("key", field, expected.iter().copied()),
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => match key {
            Some(key) => format!("duplicate key `{key}`"),
            None => "duplicate key".to_owned(),
        },
        serde_saphyr::Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let what = if expected.contains(&"template") {
                "mode"
            } else {
                "value"
            };
            replylint_core::suggest::unknown(what, variant, expected.iter().copied())
        }
        other => {
            let message = other.to_string();
            let first = message.lines().next().unwrap_or_default();
            // "line 2 column 5: expected …": the position is reported
            // separately.
            match first.split_once(": ") {
                Some((place, rest)) if place.starts_with("line ") => rest.to_owned(),
                _ => first.to_owned(),
            }
        }
    }
}

/// Read a whole `.txt`/`.md` source as one reply.
pub fn read(source: Arc<Source>) -> Result<(Arc<Source>, Vec<Reply>), InputError> {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (meta, body_start) = if let Some((range, body_start)) = front_matter(text, bom, "+++") {
        (toml_meta(&source, range)?, body_start)
    } else if let Some((range, body_start)) = front_matter(text, bom, "---") {
        (yaml_meta(&source, range)?, body_start)
    } else {
        let mut lines = text[bom..].lines();
        let first = lines.next().map(str::trim_end);
        let unclosed = match first {
            Some("+++") => Some("+++"),
            // `---` also opens Markdown with a thematic break: only a
            // front matter key on the next line makes it front matter.
            Some("---")
                if lines.next().is_some_and(|l| {
                    l.split_once(':')
                        .is_some_and(|(k, _)| KEYS.contains(&k.trim()))
                }) =>
            {
                Some("---")
            }
            _ => None,
        };
        if let Some(fence) = unclosed {
            return Err(InputError::at(
                &source.name,
                text,
                bom,
                format!("front matter opened with `{fence}` is never closed"),
            ));
        }
        (ReplyMeta::default(), bom)
    };
    let reply = Reply::plain(Arc::clone(&source), body_start, meta);
    Ok((source, vec![reply]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Arc<Source> {
        Arc::new(Source {
            path: None,
            name: "t.md".into(),
            text: text.into(),
        })
    }

    #[test]
    fn front_matter_is_read_and_body_maps_back() {
        let text = "\u{feff}+++\r\nchannel = \"sms\"\r\nid = \"r1\"\r\n+++\r\nCiao!\r\nA presto";
        let (src, replies) = read(source(text)).unwrap();
        let r = &replies[0];
        assert_eq!(r.body, "Ciao!\nA presto");
        assert_eq!(r.meta.id.as_deref(), Some("r1"));
        let ch = r.meta.channel.as_ref().unwrap();
        assert_eq!(&src.text[ch.offset..ch.offset + 5], "\"sms\"");
        let a = r.body.find('A').unwrap();
        assert_eq!(&src.text[r.offsets.source_start(a)..][..1], "A");
    }

    #[test]
    fn unknown_front_matter_key_names_the_line() {
        let err = read(source("+++\nchanel = \"sms\"\n+++\nhi")).unwrap_err();
        assert_eq!(err.position, Some((2, 1)));
        assert!(
            err.message.contains("did you mean `channel`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_final_line_break_is_not_part_of_the_body() {
        let (_, replies) = read(source("Ciao Luca\r\n")).unwrap();
        assert_eq!(replies[0].body, "Ciao Luca");
        let (_, replies) = read(source("Ciao\n\n")).unwrap();
        assert_eq!(replies[0].body, "Ciao\n");
        let (_, replies) = read(source("+++\nid = \"a\"\n+++\n")).unwrap();
        assert_eq!(replies[0].body, "");
    }

    #[test]
    fn yaml_front_matter_is_read_with_positions() {
        let text = "---\r\nid: 42\r\nchannel: sms\r\nallow: [greeting, 'sign-off']\r\nmode: template\r\n---\r\nCiao!";
        let (src, replies) = read(source(text)).unwrap();
        let r = &replies[0];
        assert_eq!(r.body, "Ciao!");
        assert_eq!(r.meta.id.as_deref(), Some("42"));
        assert_eq!(r.meta.mode, Some(Mode::Template));
        let ch = r.meta.channel.as_ref().unwrap();
        assert_eq!(&src.text[ch.offset..][..3], "sms");
        assert_eq!(&src.text[r.meta.allow[1].offset..][..10], "'sign-off'");
        assert_eq!(&src.text[r.offsets.source_start(0)..][..5], "Ciao!");
    }

    #[test]
    fn yaml_front_matter_errors_name_the_line() {
        let err = read(source("---\nid: a\nchanel: sms\n---\nhi")).unwrap_err();
        assert_eq!(err.position, Some((3, 1)));
        assert!(
            err.message.contains("did you mean `channel`"),
            "{}",
            err.message
        );
        let err = read(source("---\nmode: templte\n---\nhi")).unwrap_err();
        assert!(
            err.message.contains("unknown mode `templte`"),
            "{}",
            err.message
        );
        let err = read(source("---\ntitle: [unclosed\n---\nhi")).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(2), "{}", err.message);
        let err = read(source("---\nchannel: sms\nhi")).unwrap_err();
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn a_thematic_break_is_not_front_matter() {
        let (_, replies) = read(source("---\nHi Anna,\nthanks!")).unwrap();
        assert_eq!(replies[0].body, "---\nHi Anna,\nthanks!");
        let (_, replies) = read(source("---\n---\nHi")).unwrap();
        assert_eq!(replies[0].body, "Hi");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(read(source("+++\nchannel = \"sms\"\nhi")).is_err());
        // A body that merely starts with "+++" text on the same line is fine.
        assert!(read(source("+++ offer +++")).is_ok());
    }
}
