//! Linting one document as `check` lints one file, and what editors ask
//! of the result: its diagnostics, the fixes and suppressions offered on
//! them, the rule's documentation on hover.

use lsp_types as lsp;
use rayon::prelude::*;
use replylint_core::config::Settings;
use replylint_core::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use replylint_core::location::{LineIndex, LspPosition, Units};
use replylint_core::reply::Source;
use replylint_io::check::{ReplyOutcome, check_reply_with};
use replylint_io::input::{self, InputError, Read};
use replylint_io::output::Finding;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The name diagnostics give as their source.
pub const SOURCE: &str = "replylint";

/// A document to lint.
pub struct Job {
    pub uri: String,
    pub version: Option<i32>,
    pub text: String,
    /// The name its reader is chosen by (the file's path, or a name with
    /// the extension of its language for an unsaved buffer).
    pub name: String,
    /// Its path on disk, `None` for an unsaved buffer.
    pub path: Option<PathBuf>,
    pub settings: Arc<Settings>,
    pub units: Units,
    /// Set when a newer version of the document is on its way: the lint
    /// stops between replies and its result is dropped.
    pub cancel: Arc<AtomicBool>,
}

/// One problem found, located.
pub struct Item {
    pub finding: Finding,
    /// Where the body of its reply starts in the file (the reply's key for
    /// [`replylint_io::fix::apply_one`]).
    pub reply_start: usize,
    pub diagnostic: lsp::Diagnostic,
}

/// A document linted.
pub struct Linted {
    pub uri: String,
    pub version: Option<i32>,
    pub source: Arc<Source>,
    pub index: LineIndex,
    pub settings: Arc<Settings>,
    pub units: Units,
    pub items: Vec<Item>,
    /// Errors about the document (a library that does not parse, an
    /// unknown channel or rule id): diagnostics without a rule.
    pub errors: Vec<lsp::Diagnostic>,
    /// How long the lint took, reading included.
    pub elapsed: std::time::Duration,
}

impl Linted {
    /// Every diagnostic, in the order of the document.
    pub fn diagnostics(&self) -> Vec<lsp::Diagnostic> {
        let mut all: Vec<lsp::Diagnostic> = self
            .items
            .iter()
            .map(|i| i.diagnostic.clone())
            .chain(self.errors.iter().cloned())
            .collect();
        all.sort_by_key(|d| {
            (
                d.range.start.line,
                d.range.start.character,
                d.range.end.line,
                d.range.end.character,
            )
        });
        all
    }

    fn range(&self, start: usize, end: usize) -> lsp::Range {
        range(&self.index, &self.source.text, start, end, self.units)
    }
}

/// The LSP range of bytes `start..end` of `text`.
pub fn range(index: &LineIndex, text: &str, start: usize, end: usize, units: Units) -> lsp::Range {
    lsp::Range {
        start: position(index.lsp_position(text, start, units)),
        end: position(index.lsp_position(text, end, units)),
    }
}

pub fn position(p: LspPosition) -> lsp::Position {
    lsp::Position {
        line: p.line,
        character: p.character,
    }
}

pub fn lsp_position(p: lsp::Position) -> LspPosition {
    LspPosition {
        line: p.line,
        character: p.character,
    }
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// The rules' diagnostics of a document's replies at its last lint, by
/// what they depend on ([`key`]): a change re-lints only the replies it
/// touched (the others' diagnostics are located again, in the new text).
#[derive(Default)]
pub struct Cache {
    /// The settings and path they were linted with: other ones empty it.
    settings: Option<Arc<Settings>>,
    path: Option<PathBuf>,
    replies: HashMap<String, Vec<Diagnostic>>,
}

/// What a reply's diagnostics depend on besides the settings and the path:
/// its body and the values of its fields (not where they are in the file).
fn key(reply: &replylint_core::reply::Reply) -> String {
    let m = &reply.meta;
    let value =
        |l: &Option<replylint_core::reply::Located<String>>| l.as_ref().map(|l| l.value.clone());
    let text = |f: &Option<replylint_core::reply::Field>| f.as_ref().map(|f| f.text.clone());
    let fields = (
        (
            &m.id,
            &m.title,
            value(&m.channel),
            value(&m.language),
            m.mode,
        ),
        (text(&m.subject), text(&m.header), text(&m.footer)),
        m.allow.iter().map(|a| &a.value).collect::<Vec<_>>(),
        (
            m.default_mode,
            value(&m.dialect),
            m.default_dialect,
            m.partial,
        ),
        (&m.group, &m.translation_of),
    );
    format!("{fields:?}\0{}", reply.body)
}

/// A reply checked: where its body starts, what checking it gave, its
/// [`key`], and its diagnostics when they were not kept from before.
type Checked = (usize, ReplyOutcome, String, Option<Vec<Diagnostic>>);

/// Lint a document; `None` if it was cancelled meanwhile. `cache`: the
/// document's diagnostics from its last lint, updated.
pub fn lint(job: Job, cache: &mut Cache) -> Option<Linted> {
    if job.cancel.load(Ordering::Relaxed) {
        return None;
    }
    let started = std::time::Instant::now();
    let source = Arc::new(Source {
        path: job.path.clone(),
        name: job.name.clone(),
        text: job.text,
    });
    let index = LineIndex::new(&source.text);
    let settings = job.settings;
    // Not `explicit`: a file of another tool opened in the editor (a
    // `Cargo.toml`, a `package.json`) is left alone, as a directory walk
    // leaves it.
    let (replies, mut errors) = match input::read_source(source.clone(), false) {
        Ok((Read::Replies(_, replies), errors)) => (replies, errors),
        Ok((Read::Skipped(_), _)) => (Vec::new(), Vec::new()),
        Err(e) => (Vec::new(), vec![e]),
    };
    let excluded = job.path.as_deref().is_some_and(|p| settings.is_excluded(p));
    let cancel = &job.cancel;
    let at = settings.path_context(job.path.as_deref());
    let same = cache
        .settings
        .as_ref()
        .is_some_and(|s| Arc::ptr_eq(s, &settings))
        && cache.path == job.path;
    if !same {
        cache.replies.clear();
    }
    let kept = &cache.replies;
    let outcomes: Vec<Option<Checked>> = if excluded {
        errors.clear();
        Vec::new()
    } else {
        replies
            .par_iter()
            .enumerate()
            .map(|(n, reply)| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let start = reply.offsets.source_start(0);
                let key = key(reply);
                let mut fresh = None;
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    check_reply_with(&settings, &at, &source, &index, (n, reply), |rc| {
                        let diagnostics = match kept.get(&key) {
                            Some(d) => d.clone(),
                            None => {
                                let d = replylint_core::engine::lint_profiled(
                                    &settings, reply, rc, false,
                                )
                                .0;
                                fresh = Some(d.clone());
                                d
                            }
                        };
                        (diagnostics, None)
                    })
                }))
                .unwrap_or_else(|_| ReplyOutcome {
                    errors: vec![InputError::at(
                        &source.name,
                        &source.text,
                        start,
                        "internal error while checking this reply (see the server's log)",
                    )],
                    ..ReplyOutcome::default()
                });
                Some((start, outcome, key, fresh))
            })
            .collect()
    };
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let mut linted = Linted {
        uri: job.uri,
        version: job.version,
        source: source.clone(),
        index,
        settings: settings.clone(),
        units: job.units,
        items: Vec::new(),
        errors: Vec::new(),
        elapsed: std::time::Duration::ZERO,
    };
    let mut replies = HashMap::with_capacity(outcomes.len());
    for (reply_start, outcome, key, fresh) in outcomes.into_iter().flatten() {
        if let Some(d) = fresh.or_else(|| cache.replies.get(&key).cloned()) {
            replies.insert(key, d);
        }
        errors.extend(outcome.errors);
        for finding in outcome.findings {
            let diagnostic = lsp_diagnostic(&linted, &finding);
            linted.items.push(Item {
                finding,
                reply_start,
                diagnostic,
            });
        }
    }
    linted.errors = errors
        .iter()
        .map(|e| error_diagnostic(&linted, e))
        .collect();
    *cache = Cache {
        settings: Some(settings),
        path: job.path,
        replies,
    };
    linted.elapsed = started.elapsed();
    Some(linted)
}

fn lsp_diagnostic(linted: &Linted, finding: &Finding) -> lsp::Diagnostic {
    let d = &finding.diagnostic;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp::Diagnostic {
        range: linted.range(finding.start.offset, finding.end.offset),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.rule.to_owned())),
        source: Some(SOURCE.to_owned()),
        message,
        ..lsp::Diagnostic::default()
    }
}

fn error_diagnostic(linted: &Linted, e: &InputError) -> lsp::Diagnostic {
    let text = &linted.source.text;
    let at = e.position.map_or(0, |(line, column)| {
        linted.index.offset_of(text, line, column)
    });
    lsp::Diagnostic {
        range: linted.range(at, at),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_owned()),
        message: e.message.clone(),
        ..lsp::Diagnostic::default()
    }
}

/// Whether two ranges meet (touching counts: a cursor at the end of a
/// diagnostic is on it).
fn meets(a: &lsp::Range, b: &lsp::Range) -> bool {
    let key = |p: lsp::Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

/// The smallest edit that turns `old` into `new`: one range of `old` and
/// its replacement.
pub fn minimal_edit(
    index: &LineIndex,
    old: &str,
    new: &str,
    units: Units,
) -> Option<lsp::TextEdit> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(new[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    // Never split a CRLF: a position between its `\r` and `\n` is not one
    // the protocol can name.
    if old[..prefix].ends_with('\r') || new[..prefix].ends_with('\r') {
        prefix -= 1;
    }
    let end = old.len() - suffix;
    let (end, new_end) = if old[end..].starts_with('\n') && old[..end].ends_with('\r') {
        (end + 1, new.len() - suffix + 1)
    } else {
        (end, new.len() - suffix)
    };
    Some(lsp::TextEdit {
        range: range(index, old, prefix, end, units),
        new_text: new[prefix..new_end].to_owned(),
    })
}

fn workspace_edit(uri: &lsp::Uri, edit: lsp::TextEdit) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some([(uri.clone(), vec![edit])].into_iter().collect()),
        ..lsp::WorkspaceEdit::default()
    }
}

/// The comment that turns `rule` off on the line after it.
fn allow_comment(rule: &str) -> String {
    format!("<!-- replylint-disable-next-line {rule} -->\n")
}

/// The fixes and suppressions offered on the diagnostics of `linted` that
/// meet `range`, as quick fixes.
pub fn quick_fixes(linted: &Linted, uri: &lsp::Uri, range: &lsp::Range) -> Vec<lsp::CodeAction> {
    let source = &linted.source;
    let text = source.text.as_str();
    let path = source.path.as_deref();
    let mut actions = Vec::new();
    let edit_to = |new: &str| {
        minimal_edit(&linted.index, text, new, linted.units).map(|e| workspace_edit(uri, e))
    };
    for item in linted
        .items
        .iter()
        .filter(|i| meets(&i.diagnostic.range, range))
    {
        let d = &item.finding.diagnostic;
        if let Some(fix) = &d.fix
            && let Ok(new) =
                replylint_io::fix::apply_one(path, &source.name, text, item.reply_start, d)
            && let Some(edit) = edit_to(&new)
        {
            let safe = fix.applicability == Applicability::Safe;
            let what = d.help.as_deref().unwrap_or(d.message.as_str());
            actions.push(lsp::CodeAction {
                title: format!(
                    "Fix `{}` ({}): {what}",
                    d.rule,
                    if safe { "safe" } else { "unsafe" }
                ),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![item.diagnostic.clone()]),
                edit: Some(edit),
                is_preferred: Some(safe),
                ..lsp::CodeAction::default()
            });
        }
        if let Some(edit) = allow_here(linted, item).and_then(|new| edit_to(&new)) {
            actions.push(lsp::CodeAction {
                title: format!("Allow `{}` on this line", d.rule),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![item.diagnostic.clone()]),
                edit: Some(edit),
                ..lsp::CodeAction::default()
            });
        }
    }
    actions
}

/// The document with a suppression comment for the item's rule on the
/// line before the one it starts on, written as the file writes text (in
/// a TOML string, escaped); `None` where a comment cannot go (a subject
/// line, a CSV file).
fn allow_here(linted: &Linted, item: &Item) -> Option<String> {
    let d = &item.finding.diagnostic;
    if !d.part.is_body() {
        return None;
    }
    // The reply's body, as the fix module will read it again.
    let source = &linted.source;
    let (read, _) = input::read_source(source.clone(), false).ok()?;
    let Read::Replies(_, replies) = read else {
        return None;
    };
    let reply = replies
        .iter()
        .find(|r| r.offsets.source_start(0) == item.reply_start)?;
    let line_start = reply.body[..d.span.start.min(reply.body.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let suppress = Diagnostic {
        fix: Some(Fix::unsafe_(vec![Edit::insert(
            line_start,
            allow_comment(d.rule),
        )])),
        ..d.clone()
    };
    replylint_io::fix::apply_one(
        source.path.as_deref(),
        &source.name,
        &source.text,
        item.reply_start,
        &suppress,
    )
    .ok()
}

/// Whether any diagnostic of the document has a safe fix.
pub fn has_safe_fixes(linted: &Linted) -> bool {
    linted.items.iter().any(|i| {
        i.finding
            .diagnostic
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    })
}

/// The edit that applies every safe fix of the document, as `--fix` does.
pub fn fix_all(linted: &Linted, uri: &lsp::Uri) -> Option<lsp::WorkspaceEdit> {
    let source = &linted.source;
    let fixed = replylint_io::fix::fix_text(
        &linted.settings,
        source.path.as_deref(),
        &source.name,
        &source.text,
        replylint_io::fix::FixOptions::default(),
    );
    if fixed.applied == 0 {
        return None;
    }
    minimal_edit(&linted.index, &source.text, &fixed.text, linted.units)
        .map(|e| workspace_edit(uri, e))
}

/// The documentation of the rules of the diagnostics at `at`, as
/// Markdown, with the range of the first.
pub fn hover(linted: &Linted, at: lsp::Position) -> Option<lsp::Hover> {
    let point = lsp::Range { start: at, end: at };
    let here: Vec<&Item> = linted
        .items
        .iter()
        .filter(|i| meets(&i.diagnostic.range, &point))
        .collect();
    let first = here.first()?;
    let mut rules: Vec<&str> = here.iter().map(|i| i.finding.diagnostic.rule).collect();
    rules.dedup();
    let settings = &linted.settings;
    let docs: Vec<String> = rules
        .iter()
        .filter_map(|rule| match replylint_core::rules::by_id(rule) {
            Some(meta) => Some(replylint_core::docs::explain(meta)),
            None => settings
                .user_rules
                .get(rule)
                .map(|u| u.explain(settings.config_file.as_deref())),
        })
        .collect();
    if docs.is_empty() {
        return None;
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: docs.join("\n---\n\n"),
        }),
        range: Some(first.diagnostic.range),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, edit: &lsp::TextEdit) -> String {
        let index = LineIndex::new(old);
        let start = index.lsp_offset(old, lsp_position(edit.range.start), Units::Utf16);
        let end = index.lsp_offset(old, lsp_position(edit.range.end), Units::Utf16);
        format!("{}{}{}", &old[..start], edit.new_text, &old[end..])
    }

    #[test]
    fn the_minimal_edit_turns_the_old_text_into_the_new() {
        for (old, new) in [
            ("a  b\r\nc", "a b\r\nc"),
            ("x😀y", "x😃y"),
            ("ab\r\ncd", "ab\ncd"),
            ("ab\ncd", "ab\r\ncd"),
            ("中", ""),
            ("", "x\r\n"),
            ("é", "e\u{301}"),
        ] {
            let index = LineIndex::new(old);
            let edit = minimal_edit(&index, old, new, Units::Utf16).unwrap();
            assert_eq!(apply(old, &edit), new, "{old:?} → {new:?}: {edit:?}");
        }
        let edit = minimal_edit(&LineIndex::new("a  b"), "a  b", "a b", Units::Utf16).unwrap();
        assert_eq!(
            (edit.range.start.character, edit.range.end.character),
            (2, 3)
        );
        assert!(minimal_edit(&LineIndex::new("a"), "a", "a", Units::Utf16).is_none());
    }
}
