//! `Reply`: one text to lint, as every rule sees it, whatever file format it
//! came from, with the map from its body back to the file on disk.

use crate::diagnostic::{Applicability, Diagnostic, Part, Span};
use crate::lang::Language;
use crate::location::{LineIndex, Position};
use crate::mode::Mode;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Name shown for stdin when `--stdin-filename` is not given.
pub const STDIN_NAME: &str = "<stdin>";

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
    /// Email subject line.
    pub subject: Option<Field>,
    /// WhatsApp template header (text headers only).
    pub header: Option<Field>,
    /// WhatsApp template footer.
    pub footer: Option<Field>,
    /// Rule ids that must not run on this reply.
    pub allow: Vec<Located<String>>,
    /// The mode the format implies when nothing else sets one (helpdesk
    /// exports hold templates). Unlike `mode`, it yields to the command
    /// line and the configuration.
    pub default_mode: Option<Mode>,
    /// Placeholder dialect as written (`placeholder-dialect`), with its
    /// position in the source for errors.
    pub dialect: Option<Located<String>>,
    /// The dialect the format implies (a Zendesk export is written in
    /// `zendesk`); it yields to every configured one.
    pub default_dialect: Option<crate::text::dialect::Dialect>,
    /// Whether the reply is a snippet pasted into others (`partial`), not
    /// a whole reply: the rules on a letter's greeting and sign-off skip
    /// it.
    pub partial: Option<bool>,
    /// The translation group the reply belongs to (`group`): replies with
    /// the same group are the same macro in several languages.
    pub group: Option<String>,
    /// The id of the reply this one translates (`translation-of`): the
    /// two are in one group, with that reply as its source.
    pub translation_of: Option<String>,
}

/// A value together with the byte offset in the source where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub offset: usize,
}

/// A short text a reply carries beside its body (subject, header, footer),
/// with the map from its text back to the file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub offsets: OffsetMap,
}

impl Field {
    /// The value `text`, written in `source` at `offset` (its first byte,
    /// or its opening quote): mapped one for one when the source holds it
    /// verbatim there, otherwise pinned to `offset` (a value with escapes
    /// or folded lines).
    pub fn at(source: &str, text: String, offset: usize) -> Field {
        let rest = source.get(offset..).unwrap_or_default();
        let verbatim = |start: usize| {
            rest.get(start..)
                .is_some_and(|r| r.starts_with(text.as_str()))
        };
        let offsets = if verbatim(0) {
            OffsetMap::starting_at(offset)
        } else if rest.starts_with(['"', '\'']) && verbatim(1) {
            OffsetMap::starting_at(offset + 1)
        } else {
            OffsetMap::pinned(&text, offset, offset)
        };
        Field { text, offsets }
    }

    /// The value `text` written at `offset` of a source not at hand yet:
    /// every position maps to `offset` until [`Field::retrace`].
    pub fn pinned(text: String, offset: usize) -> Field {
        let offsets = OffsetMap::pinned(&text, offset, offset);
        Field { text, offsets }
    }

    /// A field made by [`Field::pinned`], traced again with [`Field::at`]
    /// in `source`; any other field as it is.
    pub fn retrace(self, source: &str) -> Field {
        let offset = self.offsets.source_start(0);
        if self.offsets != OffsetMap::pinned(&self.text, offset, offset) {
            return self;
        }
        Field::at(source, self.text, offset)
    }
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

#[cfg(test)]
impl Reply {
    /// A reply whose source is `body` alone, with no fields: what unit
    /// tests lint.
    pub(crate) fn of_text(body: &str) -> Reply {
        Reply {
            body: body.to_owned(),
            meta: ReplyMeta::default(),
            offsets: OffsetMap::starting_at(0),
            source: Arc::new(Source {
                path: None,
                name: "<stdin>".to_owned(),
                text: body.to_owned(),
            }),
        }
    }
}

impl Reply {
    /// The reply of a plain text whose body starts at byte `body_start`
    /// of `source` (after its byte-order mark and front matter) and runs
    /// to the end, less the line break that ends the last line
    /// ([`body_end`]), line endings normalised to `\n`: how a `.txt` or
    /// `.md` file and standard input are read, and what the WebAssembly
    /// build checks.
    pub fn plain(source: Arc<Source>, body_start: usize, meta: ReplyMeta) -> Reply {
        let text = source.text.as_str();
        let (body, offsets) = normalise_newlines(
            &text[body_start..body_end(text).max(body_start)],
            body_start,
        );
        Reply {
            body,
            meta,
            offsets,
            source,
        }
    }

    /// The reply of a draft as typed, with no front matter: its body is the
    /// whole text after a byte-order mark (see [`Reply::plain`]), read
    /// under standard input's name.
    pub fn draft(text: &str) -> Reply {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let source = Arc::new(Source {
            path: None,
            name: STDIN_NAME.to_owned(),
            text: text.to_owned(),
        });
        Reply::plain(source, bom, ReplyMeta::default())
    }
}

/// Where the body of a plain text ends: before the line break that ends
/// its last line, which terminates the line rather than adding to the
/// reply (a 280-character tweet saved by an editor is 281 bytes with its
/// newline).
pub fn body_end(text: &str) -> usize {
    let end = text.len();
    if text.ends_with("\r\n") {
        end - 2
    } else if text.ends_with('\n') || text.ends_with('\r') {
        end - 1
    } else {
        end
    }
}

/// The path config globs are matched against for a reply's source: the
/// file, or `--stdin-filename`.
pub fn reply_path(source: &Source) -> Option<&Path> {
    source
        .path
        .as_deref()
        .or_else(|| (source.name != STDIN_NAME).then(|| Path::new(&source.name)))
}

/// Start and end positions in the source file of a span of a reply's body.
pub fn locate(reply: &Reply, index: &LineIndex, span: Span) -> (Position, Position) {
    locate_in(reply, index, Part::Body, span)
}

/// Start and end positions in the source file of a span of one part of a
/// reply (its body, subject, header or footer). A field the reply lacks
/// falls back to the body's map.
pub fn locate_in(reply: &Reply, index: &LineIndex, part: Part, span: Span) -> (Position, Position) {
    let text = &reply.source.text;
    let field = match part {
        Part::Body => None,
        Part::Subject => reply.meta.subject.as_ref(),
        Part::Header => reply.meta.header.as_ref(),
        Part::Footer => reply.meta.footer.as_ref(),
    };
    let offsets = field.map_or(&reply.offsets, |f| &f.offsets);
    let start = offsets.source_start(span.start);
    let end = if span.is_empty() {
        start
    } else {
        offsets.source_end(span.end).max(start)
    };
    (index.position(text, start), index.position(text, end))
}

/// A fix's edit located in the source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedEdit {
    pub start: Position,
    pub end: Position,
    pub content: String,
}

/// A fix located in the source file: how safe it is, and its edits.
pub type LocatedFix = (Applicability, Vec<LocatedEdit>);

/// Locate a reply's diagnostic in its source file: the places its message
/// names (written into the message), its start and end, and its fix's
/// edits. Every front end locates its diagnostics so.
pub fn locate_diagnostic(
    reply: &Reply,
    index: &LineIndex,
    diagnostic: &mut Diagnostic,
) -> (Position, Position, Option<LocatedFix>) {
    diagnostic.locate_message(|offset| locate(reply, index, Span::empty(offset)).0);
    let (start, end) = locate_in(reply, index, diagnostic.part, diagnostic.span);
    let fix = diagnostic.fix.as_ref().map(|f| {
        let edits = f
            .edits
            .iter()
            .map(|e| {
                let (start, end) = locate(reply, index, e.span);
                LocatedEdit {
                    start,
                    end,
                    content: e.content.clone(),
                }
            })
            .collect();
        (f.applicability, edits)
    });
    (start, end, fix)
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
    /// The placeholder dialect templates are checked against, if any.
    pub dialect: Option<crate::text::dialect::Dialect>,
    /// The variables templates may use, if the configuration lists them.
    pub variables: Option<&'a [String]>,
    /// Whether the reply is a snippet, not a whole reply (`partial`).
    pub partial: bool,
    /// The spelling variants chosen for it (`spelling-variants`); empty:
    /// its language's defaults.
    pub spelling_variants: &'a [crate::lang::variant::Variant],
}

/// A piecewise-linear map from body offsets to source offsets.
///
/// Each segment says "body bytes from `body` onwards are copied from the
/// source starting at `source`", up to the next segment, and where the
/// body byte just before `body` ends in the source. Readers add a new
/// segment wherever they drop or rewrite source bytes (BOM, front matter,
/// `\r` of CRLF, escapes in a TOML string, HTML tags…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    body: usize,
    source: usize,
    /// Where the body byte before `body` ends in the source: `source` when
    /// the bytes skipped between them belong to it (the `\n` of a CRLF,
    /// the rest of an escape), less when they belong to nothing (a tag).
    end_before: usize,
}

impl OffsetMap {
    /// A body copied verbatim from `source_start` onwards.
    pub fn starting_at(source_start: usize) -> Self {
        OffsetMap {
            segments: vec![Segment {
                body: 0,
                source: source_start,
                end_before: source_start,
            }],
        }
    }

    /// A body written somewhere in `start..end` of the source, where
    /// exactly is not known (a value a reader could not retrace): every
    /// position maps to `start`, and a span ending anywhere in it ends at
    /// `end`. Never inside a character of the source, unlike a map that
    /// assumes the body was copied verbatim.
    pub fn pinned(body: &str, start: usize, end: usize) -> Self {
        let mut map = OffsetMap::starting_at(start);
        for (i, _) in body.char_indices().skip(1) {
            map.push_after(i, start, end);
        }
        if !body.is_empty() {
            map.push_after(body.len(), end, end);
        }
        map
    }

    /// Start a new segment: body offset `body` corresponds to `source`,
    /// and the source bytes skipped before it belong to the body byte
    /// before it. Segments must be pushed in increasing body order.
    pub fn push(&mut self, body: usize, source: usize) {
        self.push_after(body, source, source);
    }

    /// Start a new segment: body offset `body` corresponds to `source`,
    /// and the body byte before it ends at `end_before` in the source
    /// (what lies between belongs to no body byte, like an HTML tag).
    pub fn push_after(&mut self, body: usize, source: usize, end_before: usize) {
        let segment = Segment {
            body,
            source,
            end_before,
        };
        if let Some(last) = self.segments.last_mut() {
            if last.body == body {
                *last = segment;
                return;
            }
            if end_before == source && body - last.body == source.wrapping_sub(last.source) {
                return; // still linear, nothing to record
            }
        }
        self.segments.push(segment);
    }

    /// Source offset of the body byte at `offset` (span starts).
    pub fn source_start(&self, offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.body <= offset)
            .saturating_sub(1);
        let s = self.segments[i];
        s.source + (offset - s.body)
    }

    /// Source offset just past the body byte before `offset` (span ends).
    ///
    /// Source bytes a reader drops belong to the body byte before them
    /// unless the reader said otherwise: the `\n` of a CRLF to the `\n`
    /// the pair became, the rest of an escape or entity to the character it
    /// became, but an HTML tag to nothing. So a span that ends just before
    /// a line break does not swallow its `\r`, a span that ends just after
    /// a line break (or an escape) covers all of it, never half a CRLF, and
    /// a span that ends before `</strong>` does not cover the tag.
    pub fn source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.source_start(0);
        }
        let i = self.segments.partition_point(|s| s.body < offset);
        match self.segments.get(i) {
            Some(s) if s.body == offset => s.end_before,
            _ => {
                let s = self.segments[i.saturating_sub(1)];
                s.source + (offset - s.body)
            }
        }
    }

    /// Body offset of the first segment that starts after `offset`: the
    /// bytes from `offset` up to it are copied from the source one for one.
    pub fn next_break(&self, offset: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.body <= offset);
        self.segments.get(i).map(|s| s.body)
    }

    /// Forget the body from `len` on (the body was cut there): a span
    /// ending at `len` still ends where the byte before it ends.
    pub fn truncate(&mut self, len: usize) {
        let keep = self.segments.partition_point(|s| s.body <= len).max(1);
        self.segments.truncate(keep);
        if let Some(last) = self
            .segments
            .last_mut()
            .filter(|s| s.body == len && len > 0)
        {
            // An empty span at the end sits where the last byte ends.
            last.source = last.end_before;
        }
    }
}

/// Builds a body piece by piece from text that is not a verbatim copy of
/// the source (a string literal with escapes, a CSV field with `""`,
/// HTML with tags and entities), recording where each piece was written.
/// Line breaks are normalised on the way: `\r\n` and a lone `\r` become
/// `\n`, whether written as such or as escapes.
#[derive(Debug)]
pub struct BodyBuilder {
    body: String,
    map: OffsetMap,
    /// Where the last piece ends in the source.
    end: usize,
    /// A `\r` waiting to see whether a `\n` follows: where it was written.
    pending_cr: Option<(usize, usize)>,
}

impl BodyBuilder {
    /// An empty body that starts at `source_start` of the source.
    pub fn new(source_start: usize) -> Self {
        BodyBuilder {
            body: String::new(),
            map: OffsetMap::starting_at(source_start),
            end: source_start,
            pending_cr: None,
        }
    }

    /// Append `ch`, written in the source at `start..end` (one character,
    /// an escape, an entity). Source bytes skipped since the last piece
    /// (tags, quotes) belong to neither.
    pub fn push(&mut self, ch: char, start: usize, end: usize) {
        if let Some((cr_start, cr_end)) = self.pending_cr.take() {
            if ch == '\n' {
                self.emit('\n', cr_start, end);
                return;
            }
            self.emit('\n', cr_start, cr_end);
        }
        if ch == '\r' {
            self.pending_cr = Some((start, end));
        } else {
            self.emit(ch, start, end);
        }
    }

    /// Append `text`, copied verbatim from the source from offset `start`
    /// on.
    pub fn push_str(&mut self, text: &str, start: usize) {
        if text.is_empty() {
            return;
        }
        if self.pending_cr.is_none() && !text.contains('\r') {
            self.map.push_after(self.body.len(), start, self.end);
            self.body.push_str(text);
            self.end = start + text.len();
            return;
        }
        for (i, ch) in text.char_indices() {
            self.push(ch, start + i, start + i + ch.len_utf8());
        }
    }

    /// Append `text`, copied one for one from the source from offset
    /// `start` on, except that its last character ends at `end` (it was
    /// written as an escape). A piece of a string decoded earlier, whose
    /// line breaks are already normalised.
    pub fn push_piece(&mut self, text: &str, start: usize, end: usize) {
        if text.is_empty() {
            return;
        }
        if self.pending_cr.is_some() || text.contains('\r') {
            for (i, ch) in text.char_indices() {
                let stop = i + ch.len_utf8();
                let ch_end = if stop == text.len() {
                    end
                } else {
                    start + stop
                };
                self.push(ch, start + i, ch_end);
            }
            return;
        }
        self.map.push_after(self.body.len(), start, self.end);
        self.body.push_str(text);
        self.end = end;
    }

    /// Append `text`, which is `decoded[at..]` of a string decoded earlier
    /// with `map` back to the source, in pieces that the source wrote one
    /// for one.
    pub fn push_mapped(&mut self, text: &str, at: usize, map: &OffsetMap) {
        let mut i = 0;
        while i < text.len() {
            let next = map
                .next_break(at + i)
                .map_or(text.len(), |b| (b - at).min(text.len()));
            // A break inside a character cannot happen for maps built from
            // whole characters; fall back to the character's end.
            let mut next = next.max(i + 1);
            while !text.is_char_boundary(next) {
                next += 1;
            }
            self.push_piece(
                &text[i..next],
                map.source_start(at + i),
                map.source_end(at + next),
            );
            i = next;
        }
    }

    /// Whether nothing was pushed yet.
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.pending_cr.is_none()
    }

    fn emit(&mut self, ch: char, start: usize, end: usize) {
        self.map.push_after(self.body.len(), start, self.end);
        self.body.push(ch);
        self.end = end;
    }

    /// The body and its map.
    pub fn finish(mut self) -> (String, OffsetMap) {
        if let Some((start, end)) = self.pending_cr.take() {
            self.emit('\n', start, end);
        }
        if !self.body.is_empty() {
            self.map.push_after(self.body.len(), self.end, self.end);
        }
        // Held while every reply of the file is checked: no room to grow.
        self.body.shrink_to_fit();
        self.map.segments.shrink_to_fit();
        (self.body, self.map)
    }
}

/// Drop one line break at the very end of a body: it ends the last line
/// rather than adding a blank one (a multi-line TOML string closed on its
/// own line, a text file's final newline).
pub fn strip_final_newline(body: &mut String, map: &mut OffsetMap) {
    if body.ends_with('\n') {
        body.pop();
        map.truncate(body.len());
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
    fn a_pinned_body_maps_every_character_to_the_start_of_its_range() {
        let map = OffsetMap::pinned("è😀x", 10, 20);
        for i in [0, 2, 6] {
            assert_eq!(map.source_start(i), 10);
        }
        assert_eq!(map.source_end(2), 20);
        assert_eq!(map.source_end(7), 20);
        assert_eq!(map.source_start(7), 20);
        assert_eq!(OffsetMap::pinned("", 4, 9).source_start(0), 4);
    }

    /// Whether `at` falls between the `\r` and `\n` of a CRLF.
    fn splits_crlf(src: &str, at: usize) -> bool {
        at > 0
            && src.as_bytes().get(at - 1) == Some(&b'\r')
            && src.as_bytes().get(at) == Some(&b'\n')
    }

    #[test]
    fn a_span_ending_after_a_crlf_covers_the_whole_pair() {
        let src = "a\r\n\r\n\r\n\r\nb";
        let (body, map) = normalise_newlines(src, 0);
        assert_eq!(body, "a\n\n\n\nb");
        // Every body span maps to source bytes that normalise back to it.
        for start in 0..=body.len() {
            for end in start..=body.len() {
                let (s, e) = (map.source_start(start), map.source_end(end));
                let s_end = if start == end { s } else { e };
                let (back, _) = normalise_newlines(&src[s..s_end], 0);
                assert_eq!(
                    back,
                    &body[start..end],
                    "body {start}..{end} -> source {s}..{s_end}"
                );
                assert!(
                    !splits_crlf(src, s) && !splits_crlf(src, s_end),
                    "body {start}..{end} -> source {s}..{s_end}"
                );
            }
        }
    }

    #[test]
    fn lone_cr_and_mixed_line_breaks_map_back() {
        let src = "\u{feff}x\ry\r\n\rz\n";
        let (body, map) = normalise_newlines(&src[3..], 3);
        assert_eq!(body, "x\ny\n\nz\n");
        for start in 0..=body.len() {
            for end in start + 1..=body.len() {
                let (s, e) = (map.source_start(start), map.source_end(end));
                let (back, _) = normalise_newlines(&src[s..e], 0);
                assert_eq!(
                    back,
                    &body[start..end],
                    "body {start}..{end} -> source {s}..{e}"
                );
                assert!(
                    !splits_crlf(src, s) && !splits_crlf(src, e),
                    "body {start}..{end} -> source {s}..{e}"
                );
            }
        }
    }

    #[test]
    fn a_built_body_maps_escapes_back_to_their_source() {
        // Source: `"a\u00e8b\r\nc"` with the literal's content from 1.
        let src = r#""a\u00e8b\r\nc""#;
        let mut b = BodyBuilder::new(1);
        b.push('a', 1, 2);
        b.push('è', 2, 8);
        b.push('b', 8, 9);
        b.push('\r', 9, 11);
        b.push('\n', 11, 13);
        b.push('c', 13, 14);
        let (body, map) = b.finish();
        assert_eq!(body, "aèb\nc");
        assert_eq!(map.source_start(1), 2, "è starts at its escape");
        assert_eq!(map.source_start(3), 8, "b follows the escape");
        assert_eq!(map.source_end(3), 8, "a span ending with è covers it");
        assert_eq!(map.source_start(4), 9, "the line break is the \\r\\n pair");
        assert_eq!(map.source_end(5), 13, "and ends after both escapes");
        assert_eq!(&src[map.source_start(5)..map.source_end(6)], "c");
        assert_eq!(map.source_end(body.len()), 14);
    }

    #[test]
    fn skipped_source_bytes_belong_to_no_character() {
        // `<b>TODO</b> ok`: the tags are dropped.
        let src = "<b>TODO</b> ok";
        let mut b = BodyBuilder::new(0);
        b.push_str("TODO", 3);
        b.push_str(" ok", 11);
        let (body, map) = b.finish();
        assert_eq!(body, "TODO ok");
        assert_eq!(&src[map.source_start(0)..map.source_end(4)], "TODO");
        assert_eq!(&src[map.source_start(5)..map.source_end(7)], "ok");
    }

    #[test]
    fn verbatim_pieces_normalise_line_breaks() {
        let src = "x\r\ny\rz";
        let mut b = BodyBuilder::new(0);
        b.push_str(src, 0);
        let (body, map) = b.finish();
        assert_eq!(body, "x\ny\nz");
        assert_eq!(map.source_start(2), 3);
        assert_eq!(map.source_start(4), 5);
        assert_eq!(map.source_end(2), 3, "the line break covers the CRLF");
        assert_eq!(map.source_end(body.len()), src.len());
        let (b2, m2) = normalise_newlines(src, 0);
        assert_eq!((b2, m2.source_start(4)), (body, 5));
    }

    #[test]
    fn a_final_line_break_is_stripped_and_spans_end_before_it() {
        // Source `ab\r\n`, the line break written as two escapes.
        let src = "ab\\r\\n";
        let mut b = BodyBuilder::new(0);
        b.push_str("ab", 0);
        b.push('\r', 2, 4);
        b.push('\n', 4, 6);
        let (mut body, mut map) = b.finish();
        assert_eq!(body, "ab\n");
        strip_final_newline(&mut body, &mut map);
        assert_eq!(body, "ab");
        assert_eq!(&src[map.source_start(0)..map.source_end(2)], "ab");
        assert_eq!(map.source_start(2), 2, "an empty span at the end");
        let (mut empty, mut map) = BodyBuilder::new(4).finish();
        strip_final_newline(&mut empty, &mut map);
        assert_eq!((empty.as_str(), map.source_start(0)), ("", 4));
    }

    #[test]
    fn a_stripped_escape_leaves_the_end_after_the_character_before() {
        // `"caff\u00e8\n"`: the body ends with è, written as 6 bytes.
        let mut b = BodyBuilder::new(1);
        b.push_str("caff", 1);
        b.push('è', 5, 11);
        b.push('\n', 11, 13);
        let (mut body, mut map) = b.finish();
        strip_final_newline(&mut body, &mut map);
        assert_eq!(body, "caffè");
        assert_eq!(map.source_end(body.len()), 11);
    }

    #[test]
    fn a_field_maps_one_for_one_only_where_the_source_holds_it_verbatim() {
        let src = r#"subject = "Caffè" title = "a\u00e8""#;
        let f = Field::at(src, "Caffè".to_owned(), 10);
        assert_eq!(f.offsets.source_start(4), 15, "inside the quotes");
        assert_eq!(f.offsets.source_end("Caffè".len()), 17);
        let at = src.find("\"a").unwrap();
        let f = Field::at(src, "aè".to_owned(), at);
        assert_eq!(f.offsets.source_start(1), at, "an escape: pinned");
        let f = Field::pinned("Caffè".to_owned(), 10).retrace(src);
        assert_eq!(f.offsets.source_start(1), 12);
        let exact = Field::at(src, "Caffè".to_owned(), 10);
        assert_eq!(exact.clone().retrace("anything else"), exact);
    }

    #[test]
    fn a_body_after_a_prefix_is_shifted() {
        let (body, map) = normalise_newlines("hello", 7);
        assert_eq!(body, "hello");
        assert_eq!(map.source_start(0), 7);
        assert_eq!(map.source_end(5), 12);
    }
}
