//! `Reply`: one text to lint, as every rule sees it, whatever file format it
//! came from, with the map from its body back to the file on disk.

use crate::lang::Language;
use crate::mode::Mode;
use std::path::PathBuf;
use std::sync::Arc;

/// A file (or stdin) that replies were read from: its name as shown to the
/// user and its exact text as on disk (BOM and CRLF included), so that byte
/// offsets in reports are offsets into the file.
#[derive(Debug)]
pub struct Source {
    /// Path used to read the file, `None` for stdin.
    pub path: Option<PathBuf>,
    /// Name shown in reports (`--stdin-filename` or `<stdin>` for stdin).
    pub name: String,
    pub text: String,
}

/// What a reply says about itself (front matter or library fields). Every
/// field is optional: unset fields fall back to the command line and the
/// configuration.
#[derive(Debug, Clone, Default)]
pub struct ReplyMeta {
    pub id: Option<String>,
    pub title: Option<String>,
    /// Channel id as written, with its position in the source for errors.
    pub channel: Option<Located<String>>,
    pub language: Option<Located<String>>,
    pub mode: Option<Mode>,
    pub subject: Option<String>,
    /// Rule ids that must not run on this reply.
    pub allow: Vec<Located<String>>,
}

/// A value together with the byte offset in the source where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub offset: usize,
}

/// One reply to lint.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The text rules see: line endings normalised to `\n`, no BOM, no front
    /// matter.
    pub body: String,
    pub meta: ReplyMeta,
    /// Maps byte offsets in `body` to byte offsets in the source text.
    pub offsets: OffsetMap,
    pub source: Arc<Source>,
}

/// The resolved facts about a reply that rules read: which channel, which
/// language, which mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyContext<'a> {
    pub channel: &'a crate::channel::Channel,
    pub language: Option<Language>,
    pub mode: Mode,
    /// Whether anything named the channel (otherwise `generic` applies).
    pub channel_named: bool,
}

/// A piecewise-linear map from body offsets to source offsets.
///
/// Each segment says "body bytes from `body` onwards are copied from the
/// source starting at `source`", up to the next segment. Readers add a new
/// segment wherever they drop or rewrite source bytes (BOM, front matter,
/// `\r` of CRLF, escapes in a TOML string…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// A body copied verbatim from `source_start` onwards.
    pub fn starting_at(source_start: usize) -> Self {
        OffsetMap {
            segments: vec![(0, source_start)],
        }
    }

    /// Start a new segment: body offset `body` corresponds to `source`.
    /// Segments must be pushed in increasing body order.
    pub fn push(&mut self, body: usize, source: usize) {
        if let Some(last) = self.segments.last_mut() {
            if last.0 == body {
                *last = (body, source);
                return;
            }
            if body - last.0 == source.wrapping_sub(last.1) {
                return; // still linear, nothing to record
            }
        }
        self.segments.push((body, source));
    }

    /// Source offset of the body byte at `offset` (span starts).
    pub fn source_start(&self, offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|&(b, _)| b <= offset)
            .saturating_sub(1);
        let (b, s) = self.segments[i];
        s + (offset - b)
    }

    /// Source offset just past the body byte before `offset` (span ends), so
    /// that a span ending at a line break does not swallow a dropped `\r`.
    pub fn source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.source_start(0);
        }
        let i = self
            .segments
            .partition_point(|&(b, _)| b < offset)
            .saturating_sub(1);
        let (b, s) = self.segments[i];
        s + (offset - b)
    }
}

/// Normalise CRLF (and lone CR) to LF, recording the dropped bytes in an
/// offset map whose body starts at `source_start` of the source.
pub fn normalise_newlines(text: &str, source_start: usize) -> (String, OffsetMap) {
    let mut map = OffsetMap::starting_at(source_start);
    if !text.contains('\r') {
        return (text.to_owned(), map);
    }
    let mut body = String::with_capacity(text.len());
    let mut rest = text;
    let mut consumed = 0;
    while let Some(i) = rest.find('\r') {
        body.push_str(&rest[..i]);
        body.push('\n');
        let skip = if rest[i + 1..].starts_with('\n') {
            2
        } else {
            1
        };
        consumed += i + skip;
        rest = &rest[i + skip..];
        map.push(body.len(), source_start + consumed);
    }
    body.push_str(rest);
    (body, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_offsets_map_back_to_the_source() {
        let src = "ab\r\ncd\r\n\r\nef";
        let (body, map) = normalise_newlines(src, 0);
        assert_eq!(body, "ab\ncd\n\nef");
        for (i, ch) in body.char_indices() {
            let s = map.source_start(i);
            if ch == '\n' {
                assert_eq!(&src[s..s + 1], "\r");
            } else {
                assert_eq!(src[s..].chars().next(), Some(ch));
            }
        }
        // "cd" ends before the dropped "\r".
        assert_eq!(map.source_end(5), 6);
        assert_eq!(map.source_start(body.len()), src.len());
    }

    #[test]
    fn a_body_after_a_prefix_is_shifted() {
        let (body, map) = normalise_newlines("hello", 7);
        assert_eq!(body, "hello");
        assert_eq!(map.source_start(0), 7);
        assert_eq!(map.source_end(5), 12);
    }
}
