//! `check --fix` and `--diff`: apply the fixes rules offer to the files on
//! disk.
//!
//! Fix edits are byte spans of a reply's body. [`Reply::offsets`] maps them
//! to the file (`source_start` / `source_end`), and the new text is written
//! the way that part of the file writes text: `\n` as the file's line
//! break (`\r\n` in a CRLF file), and inside a TOML library string with the
//! escapes that string's kind needs (`\"` and `\\` in basic strings, `\n`
//! in single-line ones; literal strings cannot hold a `'` or a line break,
//! so such a fix is skipped with a note). After the edits are applied the
//! file is read again with the same reader, and every reply must come out
//! exactly as the edits meant: a reply that does not is left as it was,
//! with a note. So a fix never lands anywhere but where it was meant to.
//!
//! Fixes are applied in rounds: per reply, the fixes whose edits do not
//! overlap (first come, first served, in span order) are applied, then the
//! file is linted again and the next round picks up the rest and whatever
//! the first fixes uncovered, until nothing is left to fix or
//! [`MAX_ROUNDS`] have run.
//!
//! Writing ([`write`]) replaces only regular files, atomically: the new
//! text goes to a temporary file in the same folder, takes the original's
//! owner, group and mode and is renamed over it (a symbolic link is
//! followed, not replaced). The file is read once more just before: if it
//! changed since it was read, it is read, fixed and written again from
//! the start, once, then left as it is with an error.
//!
//! Fixed: `.txt`, `.md` (one reply, front matter kept) and TOML libraries.
//! CSV, JSON Lines and helpdesk exports are reported but not rewritten,
//! and a UTF-16 file with something to fix is an error: written back, it
//! would become UTF-8.

use crate::input::{self, Format, Input, InputError, Read};
use replylint_core::config::Settings;
use replylint_core::diagnostic::{Applicability, Diagnostic, Edit};
use replylint_core::engine;
use replylint_core::reply::{Reply, Source};
use std::path::Path;
use std::sync::Arc;
use write::{Snapshot, Stage, Swept, Taken, sweep_once, write_fixed};

mod write;

pub use write::{WriteError, remove_temporary_files};

/// Rounds of "apply, lint again" before giving up on convergence.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    pub max_rounds: usize,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            unsafe_fixes: false,
            max_rounds: MAX_ROUNDS,
        }
    }
}

impl FixOptions {
    fn allows(&self, a: Applicability) -> bool {
        a == Applicability::Safe || self.unsafe_fixes
    }
}

/// What fixing one file's text gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The text after every round.
    pub text: String,
    /// Fixes applied (each may have several edits).
    pub applied: usize,
    /// Fixes that were not applied, and why.
    pub notes: Vec<String>,
}

impl Fixed {
    fn unchanged(text: &str) -> Self {
        Fixed {
            text: text.to_owned(),
            applied: 0,
            notes: Vec::new(),
        }
    }
}

/// Whether files of this name are rewritten by `--fix`.
pub fn fixable_format(name: &str) -> bool {
    matches!(Format::of(Path::new(name)), Format::Text | Format::Toml)
}

/// Lint one reply as `check` does.
fn lint(settings: &Settings, path: Option<&Path>, reply: &Reply) -> Vec<Diagnostic> {
    match settings.reply_context(path, &reply.meta) {
        Ok(rc) => engine::lint(settings, reply, &rc),
        // An unknown channel or language: `check` reports it; nothing to fix.
        Err(_) => Vec::new(),
    }
}

/// Fix `text`, the content of the file `name` (read from `path`), until
/// nothing is left to fix or `opts.max_rounds` rounds have run.
pub fn fix_text(
    settings: &Settings,
    path: Option<&Path>,
    name: &str,
    text: &str,
    opts: FixOptions,
) -> Fixed {
    fix_text_with(&|reply| lint(settings, path, reply), path, name, text, opts)
}

/// `text`, the content of the file `name` (read from `path`), with one
/// fix applied: that of `diagnostic`, found in the reply whose body starts
/// at byte `reply_start` of `text`, whatever its applicability. It is
/// checked as `--fix` checks its fixes (the file reads back with the reply
/// as the fix meant); `Err` says why it cannot be applied. For editors,
/// which offer each fix on its own.
pub fn apply_one(
    path: Option<&Path>,
    name: &str,
    text: &str,
    reply_start: usize,
    diagnostic: &Diagnostic,
) -> Result<String, String> {
    if !fixable_format(name) {
        return Err("fixes rewrite only `.txt`, `.md` and TOML library files".to_owned());
    }
    let only = |reply: &Reply| {
        if reply.offsets.source_start(0) == reply_start {
            vec![diagnostic.clone()]
        } else {
            Vec::new()
        }
    };
    let opts = FixOptions {
        unsafe_fixes: true,
        max_rounds: 1,
    };
    let step = fix_round(&only, path, name, text, opts);
    if step.applied > 0 {
        Ok(step.text)
    } else if step.notes.is_empty() {
        Err("the fix does not apply to this text".to_owned())
    } else {
        Err(step.notes.join("; "))
    }
}

/// The diagnostics of one reply.
type Linter<'a> = dyn Fn(&Reply) -> Vec<Diagnostic> + 'a;

/// [`fix_text`] with the linter given.
fn fix_text_with(
    lint: &Linter<'_>,
    path: Option<&Path>,
    name: &str,
    text: &str,
    opts: FixOptions,
) -> Fixed {
    let mut fixed = Fixed::unchanged(text);
    if !fixable_format(name) {
        return fixed;
    }
    let mut seen = vec![text.to_owned()];
    for round in 0.. {
        let step = fix_round(lint, path, name, &fixed.text, opts);
        fixed.notes.extend(step.notes);
        if step.applied == 0 {
            break;
        }
        fixed.applied += step.applied;
        fixed.text = step.text;
        if seen.contains(&fixed.text) {
            fixed
                .notes
                .push("fixes undo each other; stopped after this round".to_owned());
            break;
        }
        seen.push(fixed.text.clone());
        if round + 1 == opts.max_rounds {
            let left = fix_round(lint, path, name, &fixed.text, opts);
            if left.applied > 0 {
                fixed.notes.push(format!(
                    "fixes did not converge after {} rounds; run `--fix` again",
                    opts.max_rounds
                ));
            }
            break;
        }
    }
    fixed.notes.dedup();
    fixed
}

/// How `text` reads as the file `name`.
enum Reading {
    Replies(Vec<Reply>),
    /// Some parts of a library do not read: its file is not rewritten.
    Broken,
    /// Not replies at all (`check` says why, or skips it).
    Not,
}

fn read_text(path: Option<&Path>, name: &str, text: &str) -> Reading {
    let source = Arc::new(Source {
        path: path.map(Path::to_owned),
        name: name.to_owned(),
        text: text.to_owned(),
    });
    match input::read_source(source, true) {
        Ok((Read::Replies(_, replies), errors)) if errors.is_empty() => Reading::Replies(replies),
        Ok((Read::Replies(..), _)) => Reading::Broken,
        _ => Reading::Not,
    }
}

/// The replies of `text` read as the file `name`, if it reads cleanly.
fn replies_of(path: Option<&Path>, name: &str, text: &str) -> Option<Vec<Reply>> {
    match read_text(path, name, text) {
        Reading::Replies(replies) => Some(replies),
        _ => None,
    }
}

/// An edit of the file: replace `start..end` with `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SourceEdit {
    start: usize,
    end: usize,
    content: String,
}

/// The fixes chosen for one reply in a round.
struct ReplyPlan {
    index: usize,
    label: String,
    expected: String,
    edits: Vec<SourceEdit>,
    fixes: usize,
}

fn fix_round(
    lint: &Linter<'_>,
    path: Option<&Path>,
    name: &str,
    text: &str,
    opts: FixOptions,
) -> Fixed {
    let mut out = Fixed::unchanged(text);
    let replies = match read_text(path, name, text) {
        Reading::Replies(replies) => replies,
        Reading::Broken => {
            out.notes
                .push("not fixed: parts of the file do not read (see the errors)".to_owned());
            return out;
        }
        Reading::Not => return out,
    };
    let line_break = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut plans = Vec::new();
    for (index, reply) in replies.iter().enumerate() {
        let label = reply_label(reply, index, name);
        let kind = StringKind::of(reply, name);
        let mut diagnostics: Vec<Diagnostic> = lint(reply)
            .into_iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| opts.allows(f.applicability)))
            .collect();
        diagnostics.sort_by_key(|d| {
            let f = d.fix.as_ref().expect("filtered");
            (f.edits.iter().map(|e| e.span).min(), d.rule)
        });
        let mut taken: Vec<Edit> = Vec::new();
        let mut edits = Vec::new();
        let mut fixes = 0;
        for d in &diagnostics {
            let fix = d.fix.as_ref().expect("filtered");
            if fix.edits.is_empty() || !valid_edits(&reply.body, &fix.edits) {
                continue;
            }
            if fix
                .edits
                .iter()
                .any(|e| taken.iter().any(|t| overlaps(e, t)))
            {
                continue; // the next round
            }
            let mapped: Result<Vec<SourceEdit>, String> = fix
                .edits
                .iter()
                .map(|e| map_edit(reply, e, kind, line_break))
                .collect();
            match mapped {
                Ok(mapped) => {
                    taken.extend(fix.edits.iter().cloned());
                    edits.extend(mapped);
                    fixes += 1;
                }
                Err(why) => out
                    .notes
                    .push(format!("{label}: `{}` fix not applied: {why}", d.rule)),
            }
        }
        if fixes > 0 {
            plans.push(ReplyPlan {
                index,
                label,
                expected: apply_body(&reply.body, &taken),
                edits,
                fixes,
            });
        }
    }
    // Apply, read back, and drop the replies that did not come out as
    // meant (then try again without them).
    while !plans.is_empty() {
        let mut all: Vec<&SourceEdit> = plans.iter().flat_map(|p| &p.edits).collect();
        all.sort_by_key(|e| (e.start, e.end));
        if all.windows(2).any(|w| w[0].end > w[1].start) {
            out.notes
                .push("fixes of different replies overlap in the file".to_owned());
            return out;
        }
        let new_text = apply_source(text, &all);
        let Some(back) = replies_of(path, name, &new_text) else {
            if plans.len() == 1 {
                let p = plans.remove(0);
                out.notes.push(format!(
                    "{}: fixes not applied: the file would no longer read",
                    p.label
                ));
                continue;
            }
            // Find the culprit one reply at a time.
            let bad = plans
                .iter()
                .position(|p| {
                    let one: Vec<&SourceEdit> = p.edits.iter().collect();
                    replies_of(path, name, &apply_source(text, &one)).is_none()
                })
                .unwrap_or(0);
            let p = plans.remove(bad);
            out.notes.push(format!(
                "{}: fixes not applied: the file would no longer read",
                p.label
            ));
            continue;
        };
        let wrong: Vec<usize> = if back.len() == replies.len() {
            plans
                .iter()
                .enumerate()
                .filter(|(_, p)| back[p.index].body != p.expected)
                .map(|(i, _)| i)
                .collect()
        } else {
            (0..plans.len()).collect()
        };
        if wrong.is_empty() {
            out.applied = plans.iter().map(|p| p.fixes).sum();
            out.text = new_text;
            return out;
        }
        for i in wrong.into_iter().rev() {
            let p = plans.remove(i);
            out.notes.push(format!(
                "{}: fixes not applied: the text would not read back as fixed",
                p.label
            ));
        }
    }
    out
}

fn reply_label(reply: &Reply, index: usize, name: &str) -> String {
    match (&reply.meta.id, &reply.meta.title) {
        (Some(id), _) => format!("reply `{id}`"),
        (None, Some(t)) => format!("reply \"{t}\""),
        (None, None) if Format::of(Path::new(name)) == Format::Text => "the reply".to_owned(),
        (None, None) => format!("reply {}", index + 1),
    }
}

/// Edits within the body, on character boundaries, not overlapping each
/// other.
fn valid_edits(body: &str, edits: &[Edit]) -> bool {
    edits.iter().all(|e| {
        e.span.start <= e.span.end
            && e.span.end <= body.len()
            && body.is_char_boundary(e.span.start)
            && body.is_char_boundary(e.span.end)
    }) && edits
        .iter()
        .enumerate()
        .all(|(i, a)| edits[i + 1..].iter().all(|b| !overlaps(a, b)))
}

/// Whether two edits touch the same text (two insertions at one place
/// count: their order would be a guess).
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    if a.is_empty() && b.is_empty() {
        return a.start == b.start;
    }
    if a.is_empty() {
        return b.start < a.start && a.start < b.end;
    }
    if b.is_empty() {
        return a.start < b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

/// `body` with `edits` (non-overlapping) applied.
fn apply_body(body: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for e in sorted {
        out.push_str(&body[at..e.span.start]);
        out.push_str(&e.content);
        at = e.span.end;
    }
    out.push_str(&body[at..]);
    out
}

/// `text` with `edits` (sorted, non-overlapping) applied.
fn apply_source(text: &str, edits: &[&SourceEdit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.start]);
        out.push_str(&e.content);
        at = e.end;
    }
    out.push_str(&text[at..]);
    out
}

/// How the file writes a reply's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StringKind {
    /// As is (a text or Markdown file).
    Plain,
    /// TOML `"…"`.
    Basic,
    /// TOML `"""…"""`.
    MultiLineBasic,
    /// TOML `'…'`.
    Literal,
    /// TOML `'''…'''`.
    MultiLineLiteral,
}

impl StringKind {
    fn of(reply: &Reply, name: &str) -> StringKind {
        if Format::of(Path::new(name)) != Format::Toml {
            return StringKind::Plain;
        }
        // The opening delimiter is just before the body, or before the
        // line break a multi-line string trims.
        let text = reply.source.text.as_str();
        let start = reply.offsets.source_start(0).min(text.len());
        let before = &text[..start];
        let trimmed = before
            .strip_suffix("\r\n")
            .or_else(|| before.strip_suffix('\n'))
            .filter(|t| t.ends_with("\"\"\"") || t.ends_with("'''"))
            .unwrap_or(before);
        if trimmed.ends_with("\"\"\"") {
            StringKind::MultiLineBasic
        } else if trimmed.ends_with("'''") {
            StringKind::MultiLineLiteral
        } else if trimmed.ends_with('"') {
            StringKind::Basic
        } else {
            StringKind::Literal
        }
    }

    /// `content` as this kind of string writes it, or why it cannot be.
    fn encode(self, content: &str, line_break: &str) -> Result<String, String> {
        let mut out = String::with_capacity(content.len());
        for ch in content.chars() {
            match self {
                StringKind::Plain => match ch {
                    '\n' => out.push_str(line_break),
                    c => out.push(c),
                },
                StringKind::Basic | StringKind::MultiLineBasic => match ch {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' if self == StringKind::MultiLineBasic => out.push_str(line_break),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push('\t'),
                    c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                    c => out.push(c),
                },
                StringKind::Literal | StringKind::MultiLineLiteral => match ch {
                    '\'' if self == StringKind::Literal => {
                        return Err("a literal TOML string ('…') cannot hold `'`".to_owned());
                    }
                    '\n' if self == StringKind::MultiLineLiteral => out.push_str(line_break),
                    '\n' => {
                        return Err(
                            "a single-line literal TOML string cannot hold a line break".to_owned()
                        );
                    }
                    '\t' => out.push('\t'),
                    c if c.is_control() => {
                        return Err(format!(
                            "a literal TOML string cannot hold U+{:04X}",
                            c as u32
                        ));
                    }
                    c => out.push(c),
                },
            }
        }
        Ok(out)
    }
}

/// A body edit as an edit of the file.
fn map_edit(
    reply: &Reply,
    edit: &Edit,
    kind: StringKind,
    line_break: &str,
) -> Result<SourceEdit, String> {
    let start = reply.offsets.source_start(edit.span.start);
    let end = if edit.span.is_empty() {
        start
    } else {
        reply.offsets.source_end(edit.span.end)
    };
    let text = &reply.source.text;
    if end < start || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err("its place in the file is unclear".to_owned());
    }
    Ok(SourceEdit {
        start,
        end,
        content: kind.encode(&edit.content, line_break)?,
    })
}

/// What `--fix` or `--diff` did to one input.
#[derive(Debug)]
pub struct FileFix {
    /// The name shown in reports.
    pub name: String,
    /// Fixes applied (or, with `--diff`, that would be).
    pub applied: usize,
    /// The unified diff, when the text changed.
    pub diff: Option<String>,
    /// Fixes not applied, and why.
    pub notes: Vec<String>,
    /// The input could not be read, or the fixed text not written.
    pub error: Option<InputError>,
}

impl FileFix {
    fn new(name: String) -> Self {
        FileFix {
            name,
            applied: 0,
            diff: None,
            notes: Vec::new(),
            error: None,
        }
    }
}

/// Fix every input (in parallel, results in input order). With `write`,
/// changed files are written back (`--fix`); otherwise only diffed
/// (`--diff`). Only regular files are written: standard input, named
/// pipes and devices are left for the report, with a note, and are not
/// read here (so that `check` still gets all of them). `stdin`: what
/// standard input holds, when it is not the process's
/// ([`input::stdin::read`]).
pub fn fix_inputs(
    settings: &Settings,
    inputs: &[Input],
    stdin_name: Option<&Path>,
    stdin: Option<&[u8]>,
    opts: FixOptions,
    write: bool,
    progress: &(dyn Fn() + Sync),
) -> Vec<FileFix> {
    use rayon::prelude::*;
    let swept = Swept::default();
    inputs
        .par_iter()
        .map(|input| {
            let fixed = fix_input(settings, input, stdin_name, stdin, opts, write, &swept);
            progress();
            fixed
        })
        .collect()
}

fn fix_input(
    settings: &Settings,
    input: &Input,
    stdin_name: Option<&Path>,
    stdin: Option<&[u8]>,
    opts: FixOptions,
    write: bool,
    swept: &Swept,
) -> FileFix {
    let stdin_label = stdin_name.map(|p| p.display().to_string());
    match input {
        Input::Stdin if write => {
            let mut out =
                FileFix::new(stdin_label.unwrap_or_else(|| input::stdin::STDIN_NAME.to_owned()));
            out.notes.push(format!(
                "{}: not a regular file (standard input), not fixed; `--diff` shows its fixes",
                out.name
            ));
            out
        }
        Input::Stdin => match input::stdin::read(stdin_label.as_deref(), stdin) {
            Ok(source) => {
                let mut out = FileFix::new(source.name.clone());
                // Never written: its diff is shown as it reads.
                let encoding = input::Encoding::Utf8;
                fix_source(settings, stdin_name, &source.text, encoding, opts, &mut out);
                out
            }
            Err(e) => {
                let mut out = FileFix::new(e.path.clone());
                out.error = Some(e);
                out
            }
        },
        Input::File { path, .. } => {
            let name = path.display().to_string();
            if !fixable_format(&name) {
                return FileFix::new(name);
            }
            if !write {
                return diff_file(settings, path, name, opts);
            }
            let swept_notes = sweep_once(path.parent().unwrap_or(Path::new(".")), swept);
            let mut out = fix_file(settings, path, name, opts, &|_| {});
            out.notes.splice(0..0, swept_notes);
            out
        }
    }
}

/// Fix `text`, the content of `out.name`, into `out` (fixes applied,
/// notes, diff); the fixed text if it changed.
fn fix_source(
    settings: &Settings,
    path: Option<&Path>,
    text: &str,
    encoding: input::Encoding,
    opts: FixOptions,
    out: &mut FileFix,
) -> Option<String> {
    let name = out.name.clone();
    let fixed = fix_text(settings, path, &name, text, opts);
    out.notes = fixed
        .notes
        .into_iter()
        .map(|n| format!("{name}: {n}"))
        .collect();
    if fixed.applied == 0 || fixed.text == text {
        return None;
    }
    if encoding != input::Encoding::Utf8 {
        // Written back, a UTF-16 file would become UTF-8: refused.
        out.error = Some(InputError::new(
            &name,
            format!(
                "{} not applied: the file is {encoding} and `--fix` writes only UTF-8; save it as UTF-8 to fix it",
                plural(fixed.applied, "fix", "fixes")
            ),
        ));
        return None;
    }
    out.applied = fixed.applied;
    out.diff = Some(unified_diff(&name, text, &fixed.text));
    Some(fixed.text)
}

/// `--diff` of a file: read as `check` reads it (a named pipe too).
fn diff_file(settings: &Settings, path: &Path, name: String, opts: FixOptions) -> FileFix {
    let mut out = FileFix::new(name);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.error = Some(InputError::new(&out.name, input::io_message(&e)));
            return out;
        }
    };
    let Ok(input::Content::Text(text, encoding)) = input::decode_file(&out.name, bytes) else {
        return out; // binary or not text: `check` skips or reports it
    };
    fix_source(settings, Some(path), &text, encoding, opts, &mut out);
    out
}

/// Times a file is read, fixed and written when it changes in between.
const ATTEMPTS: usize = 2;

/// `--fix` of a file: read, fix and write it back if it is a regular file,
/// again from the start if it changed meanwhile (once). `at`: see
/// [`write_fixed`].
fn fix_file(
    settings: &Settings,
    path: &Path,
    name: String,
    opts: FixOptions,
    at: &dyn Fn(Stage),
) -> FileFix {
    let mut out = FileFix::new(name);
    for attempt in 1..=ATTEMPTS {
        out = FileFix::new(std::mem::take(&mut out.name));
        let snapshot = match Snapshot::take_within(path, settings.max_file_size) {
            Ok(Taken::File(snapshot)) => snapshot,
            Ok(Taken::NotRegular(kind)) => {
                out.notes.push(format!(
                    "{}: not a regular file ({kind}), not fixed",
                    out.name
                ));
                return out;
            }
            Ok(Taken::Unfit) => {
                // `check` reports it, but for a JSON Lines or CSV file over
                // the limit, which it reads a part at a time.
                let big = std::fs::metadata(path).is_ok_and(|m| m.len() > settings.max_file_size);
                let parts = matches!(
                    input::Format::of(path),
                    input::Format::Jsonl | input::Format::Csv
                );
                if big && parts {
                    out.notes.push(format!(
                        "{}: larger than `max-file-size` ({} MiB), not fixed",
                        out.name,
                        settings.max_file_size >> 20
                    ));
                }
                return out;
            }
            Err(WriteError::Changed) if attempt < ATTEMPTS => continue,
            Err(e) => {
                out.error = Some(InputError::new(&out.name, e.to_string()));
                return out;
            }
        };
        let Ok(input::Content::Text(text, encoding)) =
            input::decode_file(&out.name, snapshot.bytes.clone())
        else {
            return out; // binary or not text: `check` skips or reports it
        };
        let Some(fixed) = fix_source(settings, Some(path), &text, encoding, opts, &mut out) else {
            return out;
        };
        match write_fixed(&snapshot, fixed.as_bytes(), at) {
            Ok(0) => return out,
            Ok(carried) => {
                out.notes.push(format!(
                    "{}: {carried} bytes added to the file by another program while it was \
                     being replaced were carried over to the end of the fixed file",
                    out.name
                ));
                return out;
            }
            Err(WriteError::Changed) if attempt < ATTEMPTS => {}
            Err(WriteError::Changed) => {
                out.error = Some(InputError::new(
                    &out.name,
                    "fixes not written: the file changed while it was being fixed, twice; \
                     run `--fix` again",
                ));
                out.applied = 0;
                return out;
            }
            Err(e @ (WriteError::ChangedWhileReplaced | WriteError::StillOpen)) => {
                out.error = Some(InputError::new(&out.name, e.to_string()));
                return out;
            }
            Err(e) => {
                out.error = Some(InputError::new(&out.name, e.to_string()));
                out.applied = 0;
                return out;
            }
        }
    }
    out
}

/// The closing line of `--fix`: "Applied 3 fixes to 2 files."
pub fn applied_summary(fixes: usize, files: usize) -> String {
    if fixes == 0 {
        return "No fixes applied.".to_owned();
    }
    format!(
        "Applied {} to {}.",
        plural(fixes, "fix", "fixes"),
        plural(files, "file", "files")
    )
}

/// The closing line of `--diff`: "Would apply 3 fixes to 2 files."
pub fn diff_summary(fixes: usize, files: usize) -> String {
    if fixes == 0 {
        return "No fixes to apply.".to_owned();
    }
    format!(
        "Would apply {} to {}.",
        plural(fixes, "fix", "fixes"),
        plural(files, "file", "files")
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A unified diff of `old` → `new` for the file `name`, as `git diff`
/// prints it.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use replylint_core::diagnostic::Span;

    fn e(start: usize, end: usize, content: &str) -> Edit {
        Edit::replace(Span::new(start, end), content)
    }

    #[test]
    fn overlapping_edits() {
        assert!(overlaps(&e(0, 3, ""), &e(2, 4, "")));
        assert!(!overlaps(&e(0, 2, ""), &e(2, 4, "")), "touching is fine");
        assert!(
            overlaps(&e(2, 2, "x"), &e(2, 2, "y")),
            "two insertions at one place"
        );
        assert!(
            !overlaps(&e(2, 2, "x"), &e(2, 4, "")),
            "insert before a deletion"
        );
        assert!(
            overlaps(&e(3, 3, "x"), &e(2, 4, "")),
            "insert inside a deletion"
        );
    }

    #[test]
    fn body_edits_apply_in_order() {
        let body = "a  b c ";
        let edits = [e(6, 7, ""), e(1, 3, " ")];
        assert_eq!(apply_body(body, &edits), "a b c");
    }

    fn diagnostic(rule: &'static str, edits: Vec<Edit>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: replylint_core::diagnostic::Severity::Warning,
            message: String::new(),
            message_positions: Vec::new(),
            help: None,
            part: replylint_core::diagnostic::Part::Body,
            span: edits[0].span,
            fix: Some(replylint_core::diagnostic::Fix::safe(edits)),
        }
    }

    /// A linter that wants every `ab` to become `b` and every `bb` to
    /// become `c`: in `abb` the two fixes overlap, so the second waits for
    /// the next round, where `bb` is found again.
    fn chain(reply: &Reply) -> Vec<Diagnostic> {
        let body = &reply.body;
        let mut out = Vec::new();
        for (i, _) in body.match_indices("ab") {
            out.push(diagnostic("ab", vec![e(i, i + 2, "b")]));
        }
        for (i, _) in body.match_indices("bb") {
            out.push(diagnostic("bb", vec![e(i, i + 2, "c")]));
        }
        out
    }

    #[test]
    fn one_fix_applies_to_its_reply_only_encoded_for_its_string() {
        let text = "[[reply]]\ntext = \"x ab\"\n\n[[reply]]\ntext = \"ab\"\n";
        let second = text.rfind("ab").unwrap();
        // An unsafe fix inserting a quote and a line break, in the second
        // reply's basic string.
        let mut d = diagnostic("ab", vec![e(0, 2, "\"b\"\nc")]);
        d.fix = Some(replylint_core::diagnostic::Fix::unsafe_(vec![e(
            0, 2, "\"b\"\nc",
        )]));
        let fixed = apply_one(None, "l.toml", text, second, &d).unwrap();
        assert_eq!(
            fixed,
            "[[reply]]\ntext = \"x ab\"\n\n[[reply]]\ntext = \"\\\"b\\\"\\nc\"\n"
        );
        // Not a reply's start: nothing to apply.
        assert!(apply_one(None, "l.toml", text, second + 1, &d).is_err());
        // CSV files are not rewritten.
        assert!(apply_one(None, "l.csv", "text\nab\n", 5, &d).is_err());
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let fixed = fix_text_with(
            &chain,
            None,
            "a.txt",
            "xabb\r\nabb\r\n",
            FixOptions::default(),
        );
        // Round 1: both `ab` (first in span order); round 2: both `bb`.
        assert_eq!(fixed.text, "xc\r\nc\r\n");
        assert_eq!(fixed.applied, 4);
        assert!(fixed.notes.is_empty(), "{:?}", fixed.notes);
    }

    #[test]
    fn fixes_that_never_converge_stop_after_max_rounds() {
        // `x` → `xx` for ever.
        let grow = |reply: &Reply| {
            vec![diagnostic("grow", vec![e(0, 0, "x")])]
                .into_iter()
                .filter(|_| !reply.body.is_empty())
                .collect()
        };
        let opts = FixOptions {
            max_rounds: 3,
            ..FixOptions::default()
        };
        let fixed = fix_text_with(&grow, None, "a.txt", "x", opts);
        assert_eq!(fixed.text, "xxxx");
        assert_eq!(fixed.applied, 3);
        assert!(
            fixed.notes[0].contains("did not converge after 3 rounds"),
            "{:?}",
            fixed.notes
        );
    }

    #[test]
    fn fixes_that_undo_each_other_stop() {
        // `a` ↔ `b`.
        let flip = |reply: &Reply| {
            let to = if reply.body == "a" { "b" } else { "a" };
            vec![diagnostic("flip", vec![e(0, 1, to)])]
        };
        let fixed = fix_text_with(&flip, None, "a.txt", "a", FixOptions::default());
        assert_eq!(fixed.text, "a");
        assert!(
            fixed.notes[0].contains("undo each other"),
            "{:?}",
            fixed.notes
        );
    }

    #[test]
    fn unsafe_fixes_need_the_option() {
        let risky = |reply: &Reply| {
            if reply.body.contains("http:") {
                let i = reply.body.find("http:").unwrap_or(0);
                let mut d = diagnostic("link", vec![e(i, i + 4, "https")]);
                d.fix = Some(replylint_core::diagnostic::Fix::unsafe_(vec![e(
                    i,
                    i + 4,
                    "https",
                )]));
                vec![d]
            } else {
                Vec::new()
            }
        };
        let text = "see http://x.it";
        let safe = fix_text_with(&risky, None, "a.txt", text, FixOptions::default());
        assert_eq!((safe.text.as_str(), safe.applied), (text, 0));
        let opts = FixOptions {
            unsafe_fixes: true,
            ..FixOptions::default()
        };
        let both = fix_text_with(&risky, None, "a.txt", text, opts);
        assert_eq!((both.text.as_str(), both.applied), ("see https://x.it", 1));
    }

    #[test]
    fn a_fix_in_a_literal_string_that_cannot_hold_it_is_skipped() {
        let quote = |reply: &Reply| {
            reply
                .body
                .match_indices('’')
                .map(|(i, _)| diagnostic("sms-encoding", vec![e(i, i + 3, "'")]))
                .collect()
        };
        let text = "[[reply]]\nid = \"a\"\ntext = 'l’x'\n[[reply]]\nid = \"b\"\ntext = \"l’x\"\n";
        let fixed = fix_text_with(&quote, None, "lib.toml", text, FixOptions::default());
        assert_eq!(
            fixed.text,
            "[[reply]]\nid = \"a\"\ntext = 'l’x'\n[[reply]]\nid = \"b\"\ntext = \"l'x\"\n"
        );
        assert_eq!(fixed.applied, 1);
        assert_eq!(
            fixed.notes,
            [
                "reply `a`: `sms-encoding` fix not applied: a literal TOML string ('…') cannot hold `'`"
            ]
        );
    }

    #[test]
    fn a_fix_that_would_not_read_back_is_dropped() {
        // Inserting `'''` into a multi-line literal string would end it.
        let close = |reply: &Reply| {
            if reply.body.contains("'''") {
                Vec::new()
            } else {
                vec![diagnostic("close", vec![e(1, 1, "'''")])]
            }
        };
        let text = "[[reply]]\ntext = '''\nab\n'''\n";
        let fixed = fix_text_with(&close, None, "lib.toml", text, FixOptions::default());
        assert_eq!(fixed.text, text);
        assert_eq!(fixed.applied, 0);
        assert!(
            fixed.notes[0].contains("fixes not applied"),
            "{:?}",
            fixed.notes
        );
    }

    fn no_config() -> Settings {
        let overrides = replylint_core::config::settings::CliOverrides {
            no_config: true,
            ..Default::default()
        };
        crate::config::load(&overrides, Path::new(".")).unwrap()
    }

    fn append(path: &Path, text: &str) {
        use std::io::Write as _;
        let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
        f.write_all(text.as_bytes()).unwrap();
    }

    #[test]
    fn a_file_that_changes_while_it_is_fixed_is_fixed_again_from_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Ciao  Anna.\n").unwrap();
        let changed = std::cell::Cell::new(false);
        let once = |stage| {
            if stage == Stage::Check && !changed.replace(true) {
                append(&path, "Riga  due.\n");
            }
        };
        let out = fix_file(
            &no_config(),
            &path,
            "a.txt".to_owned(),
            FixOptions::default(),
            &once,
        );
        assert!(out.error.is_none(), "{:?}", out.error);
        assert_eq!(out.applied, 2, "both lines, the second read included");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Ciao Anna.\nRiga due.\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_that_keeps_changing_is_left_as_it_is_with_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Ciao  Anna.\n").unwrap();
        // Past the content check: the last look before the rename sees it.
        let always = |stage| {
            if stage == Stage::Rename {
                append(&path, "Riga  in più.\n");
            }
        };
        let out = fix_file(
            &no_config(),
            &path,
            "a.txt".to_owned(),
            FixOptions::default(),
            &always,
        );
        assert_eq!(
            out.error.map(|e| e.to_string()).as_deref(),
            Some(
                "a.txt: fixes not written: the file changed while it was being fixed, twice; \
                 run `--fix` again"
            )
        );
        assert_eq!(out.applied, 0);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Ciao  Anna.\nRiga  in più.\nRiga  in più.\n"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn strings_are_escaped_for_their_kind() {
        let s = "it's \"ok\"\\\n";
        assert_eq!(
            StringKind::Plain.encode(s, "\r\n").unwrap(),
            "it's \"ok\"\\\r\n"
        );
        assert_eq!(
            StringKind::Basic.encode(s, "\n").unwrap(),
            "it's \\\"ok\\\"\\\\\\n"
        );
        assert_eq!(
            StringKind::MultiLineBasic.encode(s, "\r\n").unwrap(),
            "it's \\\"ok\\\"\\\\\r\n"
        );
        assert!(StringKind::Literal.encode("it's", "\n").is_err());
        assert!(StringKind::Literal.encode("a\nb", "\n").is_err());
        assert_eq!(
            StringKind::Literal.encode("a \"b\"", "\n").unwrap(),
            "a \"b\""
        );
        assert_eq!(
            StringKind::MultiLineLiteral.encode("it's\n", "\n").unwrap(),
            "it's\n"
        );
        assert_eq!(StringKind::Basic.encode("\u{1}", "\n").unwrap(), "\\u0001");
    }
}
