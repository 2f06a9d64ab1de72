//! Suppressions: rules turned off for part of a reply by comments in its
//! body, and for whole paths by the config's `per-path-ignores`.
//!
//! Comments (Markdown and plain text alike; HTML comments are not rendered
//! in Markdown):
//!
//! ```text
//! <!-- replylint-disable greeting, sign-off -->   off from this line on
//! <!-- replylint-enable greeting -->              on again from here
//! <!-- replylint-disable-next-line whitespace --> off on the next line only
//! <!-- replylint-disable -->                      no ids: every rule
//! <!-- replylint-disable greeting -- a reason --> text after `--` is a note
//! ```
//!
//! Rule ids are separated by commas or blanks. For a rule, the last
//! `disable` or `enable` before a diagnostic that names it (or names no
//! rule) decides. A `disable` takes effect from the start of its line, an
//! `enable` from the comment on; `disable-next-line` covers the next line
//! that is not itself made of suppression comments. A diagnostic is placed
//! by where its span starts.
//!
//! The comments are tooling, not text for the customer: rules never see
//! them. The engine lints a copy of the body without them ([`strip`]) —
//! a comment alone on its line is removed with its line, one inside a line
//! with the blank before it — and maps the diagnostics back to the body.
//!
//! An unknown rule id or directive in a comment is reported like an unknown
//! id in a reply's `allow`: as an error for its file, at its line and
//! column, with the closest valid name (the run goes on, the reply is
//! still checked and the comment's other ids still apply; exit code 2).

use crate::config_error::ConfigError;
use crate::diagnostic::{Diagnostic, Span};
use crate::reply::{BodyBuilder, Reply};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Every comment that starts with this is meant for replylint.
const PREFIX: &str = "replylint-";

/// The directives, as written.
pub const DIRECTIVES: [&str; 3] = [
    "replylint-disable",
    "replylint-enable",
    "replylint-disable-next-line",
];

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Disable,
    Enable,
    DisableNextLine,
}

/// One `<!-- replylint-… -->` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Comment {
    /// `<!-- … -->` in the body.
    range: Range<usize>,
    /// The directive, or the unknown `replylint-…` word and its offset.
    action: Result<Action, (String, usize)>,
    /// Rule ids named, with their offsets; empty: every rule.
    rules: Vec<(String, usize)>,
    /// `disable`, `enable`: where it takes effect.
    from: usize,
    /// `disable-next-line`: the line it covers.
    next_line: Option<Range<usize>>,
}

impl Comment {
    fn names(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|(r, _)| r == rule)
    }
}

/// The suppression comments of one reply body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directives {
    comments: Vec<Comment>,
}

fn line_start(body: &str, at: usize) -> usize {
    body[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(body: &str, at: usize) -> usize {
    body[at..].find('\n').map_or(body.len(), |i| at + i)
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

impl Directives {
    /// Find the suppression comments of `body` (nothing to do, and nothing
    /// allocated, when it mentions no `replylint-`).
    pub fn parse(body: &str) -> Directives {
        if !body.contains(PREFIX) {
            return Directives::default();
        }
        let mut comments = Vec::new();
        // A comment never closed is no directive, nor is anything after it.
        for comment in crate::text::html_comments(body).take_while(|c| c.closed) {
            let (start, inner_start, inner_end) =
                (comment.range.start, comment.inner.start, comment.inner.end);
            let inner = &body[inner_start..inner_end];
            let word_at = inner_start + (inner.len() - inner.trim_start().len());
            let text = body[word_at..inner_end].trim_end();
            if !text.starts_with(PREFIX) {
                continue;
            }
            let word_len = text.find(char::is_whitespace).unwrap_or(text.len());
            let word = &text[..word_len];
            let action = match word {
                "replylint-disable" => Ok(Action::Disable),
                "replylint-enable" => Ok(Action::Enable),
                "replylint-disable-next-line" => Ok(Action::DisableNextLine),
                _ => Err((word.to_owned(), word_at)),
            };
            // The ids, up to a ` -- note`.
            let list_at = word_at + word_len;
            let mut list = &text[word_len..];
            if let Some(note) = list.find(" --") {
                list = &list[..note];
            }
            let mut rules = Vec::new();
            let mut id_start = None;
            for (i, c) in list
                .char_indices()
                .chain(std::iter::once((list.len(), ',')))
            {
                if c == ',' || c.is_whitespace() {
                    if let Some(s) = id_start.take() {
                        rules.push((list[s..i].to_owned(), list_at + s));
                    }
                } else if id_start.is_none() {
                    id_start = Some(i);
                }
            }
            let from = match action {
                Ok(Action::Disable) => line_start(body, start),
                _ => start,
            };
            comments.push(Comment {
                range: start..comment.range.end,
                action,
                rules,
                from,
                next_line: None,
            });
        }
        let mut directives = Directives { comments };
        directives.find_next_lines(body);
        directives
    }

    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }

    /// Whether the line `start..end` holds nothing but suppression comments.
    fn comment_only(&self, body: &str, line: Range<usize>) -> bool {
        let mut pos = line.start;
        let mut any = false;
        for c in &self.comments {
            if c.range.end <= line.start || c.range.start >= line.end {
                continue;
            }
            if c.range.start < pos || c.range.end > line.end {
                return false;
            }
            if !is_blank(&body[pos..c.range.start]) {
                return false;
            }
            pos = c.range.end;
            any = true;
        }
        any && is_blank(&body[pos..line.end])
    }

    fn find_next_lines(&mut self, body: &str) {
        for i in 0..self.comments.len() {
            if self.comments[i].action != Ok(Action::DisableNextLine) {
                continue;
            }
            let mut end = line_end(body, self.comments[i].range.end);
            let next = loop {
                if end >= body.len() {
                    break None;
                }
                let start = end + 1;
                end = line_end(body, start);
                if !self.comment_only(body, start..end) {
                    break Some(start..end);
                }
            };
            self.comments[i].next_line = next;
        }
    }

    /// Whether a diagnostic of `rule` whose span starts at `at` is
    /// suppressed.
    pub fn suppresses(&self, rule: &str, at: usize) -> bool {
        let next_line = self.comments.iter().any(|c| {
            c.action == Ok(Action::DisableNextLine)
                && c.next_line
                    .as_ref()
                    .is_some_and(|l| l.start <= at && at <= l.end)
                && c.names(rule)
        });
        if next_line {
            return true;
        }
        self.comments
            .iter()
            .filter(|c| {
                matches!(c.action, Ok(Action::Disable | Action::Enable))
                    && c.from <= at
                    && c.names(rule)
            })
            .max_by_key(|c| c.from)
            .is_some_and(|c| c.action == Ok(Action::Disable))
    }

    /// Mistakes in the comments, as (body offset, message): unknown
    /// directives and rule ids. `rule_id` says whether an id is known;
    /// `ids` lists the known ones for suggestions.
    pub fn problems<'a>(
        &self,
        known: impl Fn(&str) -> bool,
        ids: impl Fn() -> Vec<&'a str>,
    ) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for c in &self.comments {
            if let Err((word, at)) = &c.action {
                out.push((
                    *at,
                    crate::suggest::unknown("suppression comment", word, DIRECTIVES),
                ));
                continue;
            }
            for (id, at) in &c.rules {
                if !known(id) {
                    out.push((*at, crate::suggest::unknown("rule", id, ids())));
                }
            }
        }
        out
    }

    /// The byte ranges to cut from `body` so that no rule sees a comment.
    ///
    /// Lines made only of comments go with their line break, and so does a
    /// blank line that would otherwise double one: such lines at the start
    /// of the body go with the blank lines after them, at the end with the
    /// line breaks before them, and between two blank lines with one of
    /// the two. A comment inside a line goes with the blank before it (or
    /// after it, at the start of the line).
    fn cuts(&self, body: &str) -> Vec<Range<usize>> {
        // Lines holding comments: (first line start, last line end,
        // comments, whether the lines hold nothing else).
        let mut groups: Vec<(usize, usize, Range<usize>, bool)> = Vec::new();
        let mut i = 0;
        while i < self.comments.len() {
            let ls = line_start(body, self.comments[i].range.start);
            let mut le = line_end(body, self.comments[i].range.end);
            let mut j = i;
            while j + 1 < self.comments.len() && self.comments[j + 1].range.start < le {
                j += 1;
                le = line_end(body, self.comments[j].range.end);
            }
            let only = self.comment_only(body, ls..le);
            match groups.last_mut() {
                // Consecutive lines of comments form one block.
                Some(last) if only && last.3 && last.1 + 1 == ls => {
                    last.1 = le;
                    last.2.end = j + 1;
                }
                _ => groups.push((ls, le, i..j + 1, only)),
            }
            i = j + 1;
        }
        let mut cuts: Vec<Range<usize>> = Vec::new();
        for (ls, le, comments, only) in groups {
            if only {
                let mut start = ls;
                let mut end = (le + 1).min(body.len());
                if ls == 0 {
                    end += body[end..].len() - body[end..].trim_start_matches('\n').len();
                } else if le >= body.len() {
                    start = body[..ls].trim_end_matches('\n').len();
                } else if body[..ls].ends_with("\n\n") && body[end..].starts_with('\n') {
                    end += 1;
                }
                cuts.push(start..end);
                continue;
            }
            for c in &self.comments[comments] {
                let (s, e) = (c.range.start, c.range.end);
                let blank_before = body[..s].trim_end_matches([' ', '\t']).len();
                let blank_after = body.len() - body[e..].trim_start_matches([' ', '\t']).len();
                if blank_before == line_start(body, s) {
                    cuts.push(s..blank_after);
                } else if e == body.len() || body[e..].starts_with([' ', '\t', '\n']) {
                    cuts.push(blank_before..e);
                } else {
                    cuts.push(s..e);
                }
            }
        }
        cuts.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(cuts.len());
        for c in cuts {
            match merged.last_mut() {
                Some(last) if c.start <= last.end => last.end = last.end.max(c.end),
                _ => merged.push(c),
            }
        }
        merged
    }

    /// `reply` without its suppression comments, for the rules to see, or
    /// `None` when it has none.
    pub fn strip(&self, reply: &Reply) -> Option<Stripped> {
        if self.comments.is_empty() {
            return None;
        }
        let body = reply.body.as_str();
        let mut builder = BodyBuilder::new(reply.offsets.source_start(0));
        let mut pieces = Vec::new();
        let mut new_len = 0;
        let cuts = self.cuts(body);
        let mut kept = Vec::with_capacity(cuts.len() + 1);
        let mut pos = 0;
        for c in &cuts {
            if pos < c.start {
                kept.push(pos..c.start);
            }
            pos = c.end;
        }
        if pos < body.len() {
            kept.push(pos..body.len());
        }
        for piece in kept {
            pieces.push(Piece {
                new: new_len,
                old: piece.start,
            });
            builder.push_mapped(&body[piece.clone()], piece.start, &reply.offsets);
            new_len += piece.len();
        }
        let (new_body, offsets) = builder.finish();
        debug_assert_eq!(new_body.len(), new_len);
        Some(Stripped {
            reply: Reply {
                body: new_body,
                meta: reply.meta.clone(),
                offsets,
                source: reply.source.clone(),
            },
            pieces,
            old_len: body.len(),
        })
    }
}

/// A kept piece of the body: where it starts in the stripped copy and in
/// the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    new: usize,
    old: usize,
}

/// A reply without its suppression comments, and the way back.
#[derive(Debug)]
pub struct Stripped {
    pub reply: Reply,
    pieces: Vec<Piece>,
    old_len: usize,
}

impl Stripped {
    /// Original offset of a span start at `n` of the copy: a start where a
    /// comment was cut is placed after the comment.
    fn start(&self, n: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.new <= n);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some(p) => p.old + (n - p.new),
            None => self.old_len.min(n),
        }
    }

    /// Original offset of a span end at `n` of the copy: an end where a
    /// comment was cut is placed before the comment.
    fn end(&self, n: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.new < n);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some(p) => p.old + (n - p.new),
            None => self.start(n),
        }
    }

    /// A span of the copy, on the original body.
    pub fn span(&self, s: Span) -> Span {
        let start = self.start(s.start);
        if s.is_empty() {
            return Span::empty(start);
        }
        Span::new(start, self.end(s.end).max(start))
    }

    /// Move a diagnostic found in the copy onto the original body.
    pub fn map_back(&self, d: &mut Diagnostic) {
        for p in &mut d.message_positions {
            p.offset = self.start(p.offset);
        }
        if !d.part.is_body() {
            return;
        }
        d.span = self.span(d.span);
        if let Some(fix) = &mut d.fix {
            for e in &mut fix.edits {
                e.span = self.span(e.span);
            }
        }
    }
}

/// `[per-path-ignores]`: rules not applied under some paths.
///
/// ```toml
/// [per-path-ignores]
/// "legacy/**" = ["greeting", "sign-off"]
/// "macros/sms" = ["max-length"]
/// ```
///
/// Globs are relative to the config file; like `exclude`, a glob that
/// matches a folder covers everything under it.
#[derive(Debug, Clone)]
pub struct PathIgnores {
    globs: GlobSet,
    rules: Vec<Vec<&'static str>>,
}

impl Default for PathIgnores {
    fn default() -> Self {
        PathIgnores {
            globs: GlobSet::empty(),
            rules: Vec::new(),
        }
    }
}

impl PathIgnores {
    /// Compile the table. `rule_id` gives the `'static` id of a known rule
    /// (built-in or user-defined), `ids` every id for suggestions.
    pub fn compile<'a>(
        table: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
        rule_id: impl Fn(&str) -> Option<&'static str>,
        ids: impl Fn() -> Vec<&'a str>,
        err: &impl Fn(usize, String) -> ConfigError,
    ) -> Result<PathIgnores, ConfigError> {
        let mut builder = GlobSetBuilder::new();
        let mut rules = Vec::new();
        for (glob, list) in table {
            let at = glob.span().start;
            builder
                .add(Glob::new(glob.get_ref()).map_err(|e| err(at, format!("invalid glob: {e}")))?);
            if list.is_empty() {
                return Err(err(
                    at,
                    format!(
                        "no rules to ignore under `{}`; to skip the paths entirely, use `exclude`",
                        glob.get_ref()
                    ),
                ));
            }
            let mut ignored = Vec::new();
            for id in list {
                let known = rule_id(id.get_ref()).ok_or_else(|| {
                    err(
                        id.span().start,
                        crate::suggest::unknown("rule", id.get_ref(), ids()),
                    )
                })?;
                if !ignored.contains(&known) {
                    ignored.push(known);
                }
            }
            rules.push(ignored);
        }
        let globs = builder
            .build()
            .map_err(|e| ConfigError::cli(format!("invalid per-path-ignores globs: {e}")))?;
        Ok(PathIgnores { globs, rules })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules ignored for `rel`, a path relative to the config file.
    pub fn rules_for(&self, rel: &Path) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        if self.is_empty() {
            return out;
        }
        for dir in rel.ancestors().filter(|a| !a.as_os_str().is_empty()) {
            for i in self.globs.matches(dir) {
                for id in &self.rules[i] {
                    if !out.contains(id) {
                        out.push(id);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(body: &str) -> Reply {
        Reply::of_text(body)
    }

    fn stripped(body: &str) -> String {
        Directives::parse(body)
            .strip(&reply(body))
            .map_or_else(|| body.to_owned(), |s| s.reply.body)
    }

    #[test]
    fn ids_are_split_on_commas_and_blanks_and_notes_are_dropped() {
        let body = "<!--replylint-disable a, b  c -- because d -->";
        let d = Directives::parse(body);
        let ids: Vec<(&str, &str)> = d.comments[0]
            .rules
            .iter()
            .map(|(id, at)| (id.as_str(), &body[*at..*at + id.len()]))
            .collect();
        assert_eq!(ids, [("a", "a"), ("b", "b"), ("c", "c")]);
        assert!(Directives::parse("<!-- not ours -->").is_empty());
        assert!(Directives::parse("<!-- replylint-disable a").is_empty());
    }

    #[test]
    fn the_last_disable_or_enable_before_a_place_decides() {
        let body = "one\ntwo <!-- replylint-disable a -->\nthree\n<!-- replylint-enable -->\nfour\n<!-- replylint-disable -->\nfive <!-- replylint-enable b -->";
        let d = Directives::parse(body);
        let at = |word: &str| body.find(word).unwrap();
        assert!(!d.suppresses("a", at("one")));
        assert!(d.suppresses("a", at("two")), "from the start of the line");
        assert!(d.suppresses("a", at("three")));
        assert!(!d.suppresses("b", at("three")));
        assert!(!d.suppresses("a", at("four")));
        assert!(d.suppresses("a", at("five")) && d.suppresses("b", at("five")));
        assert!(!d.suppresses("b", body.len()));
        assert!(d.suppresses("a", body.len()));
    }

    #[test]
    fn next_line_skips_lines_of_comments() {
        let body = "<!-- replylint-disable-next-line a -->\n<!-- replylint-disable-next-line b -->\ntarget\nafter";
        let d = Directives::parse(body);
        let target = body.find("target").unwrap();
        assert!(d.suppresses("a", target) && d.suppresses("b", target));
        assert!(
            d.suppresses("a", target + "target".len()),
            "end of the line"
        );
        assert!(!d.suppresses("a", body.find("after").unwrap()));
        assert!(!Directives::parse("x <!-- replylint-disable-next-line -->").suppresses("a", 0));
    }

    #[test]
    fn comments_leave_no_blank_lines_or_double_spaces() {
        let cases = [
            (
                "<!-- replylint-disable -->\n\nDear Ms Smith,\nbye",
                "Dear Ms Smith,\nbye",
            ),
            ("Hi,\n\n<!-- replylint-disable -->\n\nbye", "Hi,\n\nbye"),
            (
                "Hi,\n<!-- replylint-disable -->\n<!-- replylint-enable -->\nbye",
                "Hi,\nbye",
            ),
            (
                "Kind regards\nAnna\n\n<!-- replylint-disable -->",
                "Kind regards\nAnna",
            ),
            ("Hi <!-- replylint-disable --> there", "Hi there"),
            ("Hi <!-- replylint-disable -->there", "Hi there"),
            ("Hi<!-- replylint-disable --> there", "Hi there"),
            ("  <!-- replylint-disable --> Hi", "  Hi"),
            ("Hi <!-- replylint-disable -->\nthere", "Hi\nthere"),
            ("<!-- replylint-disable -->", ""),
            ("Hi <!-- other --> there", "Hi <!-- other --> there"),
        ];
        for (body, want) in cases {
            assert_eq!(stripped(body), want, "{body:?}");
        }
    }

    /// Bodies made of the pieces that matter, in every order: nothing
    /// panics, every offset is on a character boundary, and stripping keeps
    /// every byte that is not part of a comment or a blank around it.
    #[test]
    fn arbitrary_bodies_never_panic() {
        let pieces = [
            "<!--",
            "-->",
            " replylint-disable",
            " replylint-enable ",
            "replylint-disable-next-line",
            "replylint-x",
            " a,\u{a0}b",
            "é",
            "\n",
            " ",
            "\t",
            "--",
            "x",
        ];
        let mut state: u32 = 0x1234_5678;
        for _ in 0..20_000 {
            let mut body = String::new();
            for _ in 0..1 + state % 12 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                body.push_str(pieces[(state % pieces.len() as u32) as usize]);
            }
            let d = Directives::parse(&body);
            for (at, _) in d.problems(|id| id == "a", || vec!["a", "b"]) {
                assert!(body.is_char_boundary(at), "{body:?}");
            }
            let r = reply(&body);
            if let Some(s) = d.strip(&r) {
                for n in 0..=s.reply.body.len() {
                    if !s.reply.body.is_char_boundary(n) {
                        continue;
                    }
                    let start = s.start(n);
                    assert!(body.is_char_boundary(start), "{body:?} {n}");
                    let sp = s.span(Span::new(0, n));
                    assert!(
                        body.is_char_boundary(sp.end) && sp.start <= sp.end,
                        "{body:?}"
                    );
                }
                assert!(
                    s.reply
                        .body
                        .chars()
                        .filter(|c| *c == 'x' || *c == 'é')
                        .count()
                        <= body.chars().filter(|c| *c == 'x' || *c == 'é').count()
                );
            }
            let _ = d.suppresses("a", body.len());
        }
    }

    #[test]
    fn spans_map_back_around_cut_comments() {
        let body = "Hi <!-- replylint-disable x --> there\n<!-- replylint-enable -->\nbye";
        let r = reply(body);
        let s = Directives::parse(body).strip(&r).unwrap();
        assert_eq!(s.reply.body, "Hi there\nbye");
        let back = |a: usize, b: usize| {
            let sp = s.span(Span::new(a, b));
            &body[sp.start..sp.end]
        };
        assert_eq!(back(3, 8), "there");
        assert_eq!(back(9, 12), "bye");
        assert_eq!(back(0, 8), "Hi <!-- replylint-disable x --> there");
        assert_eq!(
            s.span(Span::empty(2)),
            Span::empty(body.find(" there").unwrap())
        );
        // The stripped reply's own offsets still point into the source.
        assert_eq!(s.reply.offsets.source_start(9), body.find("bye").unwrap());
    }
}
