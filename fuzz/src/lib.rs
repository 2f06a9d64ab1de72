//! What every fuzz target checks: an input read as a file of some format
//! never panics, every reply's offset map stays inside the file and on
//! character boundaries, every diagnostic (and fix edit) the engine
//! reports lies on character boundaries inside its reply and is located
//! in the file at a position that agrees with the line index, and `--fix`
//! leaves a file that still reads and has nothing left to fix.

use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_io::fix::{FixOptions, fix_text, fixable_format};
use replylint_io::input::{self, Read};
use replylint_core::location::{LineIndex, Position};
use replylint_core::reply::{Reply, Source, locate};
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The built-in configuration, resolved once per process.
pub static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    let cli = CliOverrides {
        no_config: true,
        ..CliOverrides::default()
    };
    replylint_io::config::load(&cli, Path::new(".")).expect("built-in settings")
});

/// Read `data` as the file `name` (its extension picks the reader), then
/// lint every reply and check the invariants. Invalid UTF-8 must be a
/// clean error.
pub fn read_and_lint(name: &str, data: &[u8], explicit: bool) {
    let text = match input::decode(name, data.to_vec()) {
        Ok(text) => text,
        Err(e) => {
            assert!(e.message.contains("invalid UTF-8"), "{e}");
            return;
        }
    };
    let source = Arc::new(Source {
        path: None,
        name: name.to_owned(),
        text,
    });
    let Ok((Read::Replies(source, replies), errors)) = input::read_source(source, explicit) else {
        return;
    };
    for e in &errors {
        if let Some((line, column)) = e.position {
            assert!(line >= 1 && column >= 1, "{e}");
        }
    }
    lint_replies(&source, &replies);
}

/// Lint replies read from `source` and check every span.
pub fn lint_replies(source: &Source, replies: &[Reply]) {
    let index = LineIndex::new(&source.text);
    for reply in replies {
        check_offsets(reply);
        let Ok(rc) = SETTINGS.reply_context(None, &reply.meta) else {
            continue;
        };
        for d in replylint_core::engine::lint(&SETTINGS, reply, &rc) {
            check_span(reply, d.rule, d.span.start, d.span.end);
            let (start, end) = locate(reply, &index, d.span);
            assert!(
                start.offset <= end.offset,
                "{}: {start:?} > {end:?}",
                d.rule
            );
            check_position(source, &index, d.rule, start);
            check_position(source, &index, d.rule, end);
            for edit in d.fix.iter().flat_map(|f| &f.edits) {
                check_span(reply, d.rule, edit.span.start, edit.span.end);
                let (start, end) = locate(reply, &index, edit.span);
                assert!(start.offset <= end.offset, "{}: fix edit", d.rule);
            }
        }
    }
}

/// A located position lies in the file, on a character boundary, and says
/// the same as the line index does for its offset: line in range, columns
/// counted from that line's start.
pub fn check_position(source: &Source, index: &LineIndex, rule: &str, p: Position) {
    let text = &source.text;
    assert!(
        p.offset <= text.len() && text.is_char_boundary(p.offset),
        "{rule}: {p:?} not a boundary of the file"
    );
    assert!(
        p.line >= 1 && p.line <= index.len(),
        "{rule}: {p:?} past line {}",
        index.len()
    );
    assert!(p.column >= 1 && p.column_utf16 >= p.column, "{rule}: {p:?}");
    assert_eq!(index.position(text, p.offset), p, "{rule}: position");
    let line = index.line_range(text, p.line);
    assert!(
        line.start <= p.offset,
        "{rule}: {p:?} before its line {line:?}"
    );
}

/// Fix `text` as the file `name` with every fix, unsafe ones included, if
/// the file reads cleanly: the result must read cleanly too, fixing must
/// converge, and fixing the result again must change nothing. Returns
/// the fixed text, if there was something to fix.
pub fn fix_and_check(name: &str, text: &str) -> Option<String> {
    if !fixable_format(name) || !reads_cleanly(name, text) {
        return None;
    }
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let fixed = fix_text(&SETTINGS, None, name, text, opts);
    if fixed.applied == 0 {
        assert_eq!(fixed.text, text, "unchanged without fixes");
        return None;
    }
    assert!(
        reads_cleanly(name, &fixed.text),
        "fixed text does not read: {text:?} → {:?}",
        fixed.text
    );
    assert!(
        !fixed
            .notes
            .iter()
            .any(|n| n.contains("converge") || n.contains("undo")),
        "{:?} on {text:?}",
        fixed.notes
    );
    let again = fix_text(&SETTINGS, None, name, &fixed.text, opts);
    assert_eq!(
        again.applied, 0,
        "{text:?} → {:?} → {:?}",
        fixed.text, again.text
    );
    Some(fixed.text)
}

/// Whether `text` reads as the file `name` with replies and no errors.
fn reads_cleanly(name: &str, text: &str) -> bool {
    let source = Arc::new(Source {
        path: None,
        name: name.to_owned(),
        text: text.to_owned(),
    });
    matches!(
        input::read_source(source, true),
        Ok((Read::Replies(..), errors)) if errors.is_empty()
    )
}

/// A span of a reply's body must be ordered, inside it and on character
/// boundaries.
pub fn check_span(reply: &Reply, rule: &str, start: usize, end: usize) {
    let body = &reply.body;
    assert!(start <= end, "{rule}: span {start}..{end} is reversed");
    assert!(
        end <= body.len(),
        "{rule}: span {start}..{end} past the body ({})",
        body.len()
    );
    assert!(
        body.is_char_boundary(start) && body.is_char_boundary(end),
        "{rule}: span {start}..{end} splits a character of {body:?}"
    );
}

/// Every character boundary of the body maps into the source, in order.
pub fn check_offsets(reply: &Reply) {
    let text = &reply.source.text;
    let mut last = 0;
    for (i, _) in reply.body.char_indices().chain([(reply.body.len(), ' ')]) {
        let start = reply.offsets.source_start(i);
        let end = reply.offsets.source_end(i);
        assert!(
            start <= text.len(),
            "body {i} → source {start}, past {}",
            text.len()
        );
        assert!(
            end <= text.len(),
            "body {i} ends at source {end}, past {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "body {i} → source {start}..{end}, not on character boundaries"
        );
        assert!(start >= last, "body {i} → source {start}, before {last}");
        last = start;
    }
}
