//! Plain-text and Markdown replies: one reply per file, with optional TOML
//! front matter between `+++` lines at the top.
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

use super::InputError;
use crate::mode::Mode;
use crate::reply::{Located, Reply, ReplyMeta, Source, normalise_newlines};
use serde::Deserialize;
use std::sync::Arc;
use toml::Spanned;

/// Keys accepted in front matter.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FrontMatter {
    id: Option<String>,
    title: Option<String>,
    channel: Option<Spanned<String>>,
    #[serde(alias = "lang")]
    language: Option<Spanned<String>>,
    mode: Option<Mode>,
    subject: Option<String>,
    allow: Option<Vec<Spanned<String>>>,
}

/// The `+++` front matter block at `start` of `text`: (TOML text range,
/// offset where the body starts).
fn front_matter(text: &str, start: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let rest = &text[start..];
    let first = rest.strip_prefix("+++")?;
    let open_len = if first.starts_with("\r\n") {
        5
    } else if first.starts_with('\n') {
        4
    } else {
        return None;
    };
    let toml_start = start + open_len;
    let mut line_start = toml_start;
    for line in text[toml_start..].split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "+++" {
            return Some((toml_start..line_start, line_start + line.len()));
        }
        line_start += line.len();
    }
    None
}

/// Read a whole `.txt`/`.md` source as one reply.
pub fn read(source: Arc<Source>) -> Result<(Arc<Source>, Vec<Reply>), InputError> {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (meta, body_start) = match front_matter(text, bom) {
        Some((range, body_start)) => {
            let fm: FrontMatter = toml::from_str(&text[range.clone()]).map_err(|e| {
                let offset = range.start + e.span().map_or(0, |s| s.start);
                InputError::at(
                    &source.name,
                    text,
                    offset,
                    format!(
                        "front matter: {}",
                        crate::config::explain_toml_message(e.message())
                    ),
                )
            })?;
            let at = |s: &Spanned<String>| Located {
                value: s.get_ref().clone(),
                offset: range.start + s.span().start,
            };
            let meta = ReplyMeta {
                id: fm.id,
                title: fm.title,
                channel: fm.channel.as_ref().map(at),
                language: fm.language.as_ref().map(at),
                mode: fm.mode,
                subject: fm.subject,
                allow: fm.allow.iter().flatten().map(at).collect(),
            };
            (meta, body_start)
        }
        None => {
            if text[bom..]
                .lines()
                .next()
                .is_some_and(|l| l.trim_end() == "+++")
            {
                return Err(InputError::at(
                    &source.name,
                    text,
                    bom,
                    "front matter opened with `+++` is never closed",
                ));
            }
            (ReplyMeta::default(), bom)
        }
    };
    let (body, offsets) = normalise_newlines(&text[body_start..], body_start);
    let reply = Reply {
        body,
        meta,
        offsets,
        source: Arc::clone(&source),
    };
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
    fn unclosed_front_matter_is_an_error() {
        assert!(read(source("+++\nchannel = \"sms\"\nhi")).is_err());
        // A body that merely starts with "+++" text on the same line is fine.
        assert!(read(source("+++ offer +++")).is_ok());
    }
}
