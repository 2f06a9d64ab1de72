//! Regression tests, each named after the bug it guards against: inputs
//! found by fuzzing (`fuzz/`) or by hand that once crashed, hung or were
//! read wrong. Each runs the library API or the binary the way the bug
//! was found.

use crate::common::Tree;
use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::reply::{Reply, Source};
use replylint_io::fix::{FixOptions, fix_text};
use replylint_io::input::{self, InputError, Read};
use std::path::Path;
use std::sync::{Arc, LazyLock};

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    let cli = CliOverrides {
        no_config: true,
        ..CliOverrides::default()
    };
    replylint_io::config::load(&cli, Path::new(".")).expect("built-in settings")
});

/// Read `text` as the file `name`, as `replylint check` does.
fn read(name: &str, text: &str) -> (Vec<Reply>, Vec<InputError>) {
    let source = Arc::new(Source {
        path: None,
        name: name.to_owned(),
        text: text.to_owned(),
    });
    match input::read_source(source, true) {
        Ok((Read::Replies(_, replies), errors)) => (replies, errors),
        Ok((Read::Skipped(_), _)) => (Vec::new(), Vec::new()),
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// Every character of every reply maps to a character boundary of the
/// file, and every diagnostic is located there too (what the fuzz targets
/// check).
fn assert_positions_on_boundaries(replies: &[Reply]) {
    for reply in replies {
        let text = &reply.source.text;
        for (i, _) in reply.body.char_indices().chain([(reply.body.len(), ' ')]) {
            let (start, end) = (reply.offsets.source_start(i), reply.offsets.source_end(i));
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "body {i} of {:?} → {start}..{end} in {text:?}",
                reply.body
            );
        }
        let index = replylint_core::location::LineIndex::new(text);
        let rc = SETTINGS.reply_context(None, &reply.meta).expect("context");
        for d in replylint_core::engine::lint(&SETTINGS, reply, &rc) {
            let (start, end) = replylint_core::reply::locate(reply, &index, d.span);
            assert!(start.offset <= end.offset, "{}: {start:?} {end:?}", d.rule);
        }
    }
}

/// `replylint check /dev/zero` read without end (a character device says
/// it is 0 bytes long), until the machine ran out of memory. Reading now
/// stops at the size limit.
#[test]
fn a_device_that_never_ends_is_refused_at_the_size_limit() {
    let tree = Tree::new(&[("good.txt", "Hi Anna,  your refund is on its way.\n")]);
    for device in ["/dev/zero", "/dev/urandom"] {
        if !std::path::Path::new(device).exists() {
            eprintln!("skipped: no {device} here");
            continue;
        }
        let r = tree.run(&[
            "check",
            "--no-config",
            "--format",
            "line",
            device,
            "good.txt",
        ]);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        assert_eq!(r.code, 2, "{device}: {}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("error: {device}: file too large")),
            "{device}: {}",
            r.stderr
        );
        assert!(
            r.stdout.contains("good.txt:1:9: warning[whitespace]"),
            "{}",
            r.stdout
        );
    }
}

/// A TOML library whose last `text` string is never closed: the parser
/// recovered a value whose escapes could not be retraced in the file, and
/// the reader mapped its characters into the middle of the `è` (the parse
/// error sat at the very end of the file, so it did not count as inside
/// the last table). Found by the `read_toml` fuzz target.
#[test]
fn an_unclosed_toml_string_at_the_end_of_the_file_maps_inside_no_character() {
    let text = "[[reply]]\ntext = \"a\\\\n\u{e8} x";
    let (replies, errors) = read("replies.toml", text);
    assert_positions_on_boundaries(&replies);
    assert!(replies.is_empty(), "{:?}", replies[0].body);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.starts_with("invalid TOML"), "{errors:?}");
}

/// A line of tildes on `whatsapp` with a character in it: the `markup` rule
/// took the `~~0~~` in the middle of the run for a strikethrough, and its
/// fix (`~~` → `~`) shortened the run by one tilde a side per round, so
/// `--fix` stopped after 10 rounds without converging. Runs of three or
/// more tildes are no strikethrough. Found by the `engine` fuzz target.
#[test]
fn a_run_of_tildes_is_no_strikethrough_and_fixing_converges() {
    let tildes = "~".repeat(37);
    let text = format!(
        "+++\nchannel = \"whatsapp\"\nlanguage = \"it\"\n+++\nCiao Luca, ci vediamo domani.\n{tildes}0{tildes}\n"
    );
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let fixed = fix_text(&SETTINGS, None, "reply.md", &text, opts);
    assert!(fixed.notes.is_empty(), "{:?}", fixed.notes);
    assert!(
        fixed.text.contains(&format!("{tildes}0{tildes}")),
        "{}",
        fixed.text
    );
    let again = fix_text(&SETTINGS, None, "reply.md", &fixed.text, opts);
    assert_eq!(again.applied, 0, "{:?}", again.text);
    let (replies, _) = read("reply.md", &text);
    let rc = SETTINGS
        .reply_context(None, &replies[0].meta)
        .expect("context");
    let markup: Vec<_> = replylint_core::engine::lint(&SETTINGS, &replies[0], &rc)
        .into_iter()
        .filter(|d| d.rule == "markup")
        .collect();
    assert!(markup.is_empty(), "{markup:?}");
}

/// The same with stars: `**.**` in the middle of two long runs of `*` on
/// `whatsapp` was taken for bold, and each round of `--fix` turned one
/// `**` a side into `*`, never converging. Runs of four or more stars (a
/// mask, a divider) are no emphasis. Found by the `engine` fuzz target
/// after the fix for tildes.
#[test]
fn a_run_of_stars_is_no_bold_and_fixing_converges() {
    let stars = "*".repeat(40);
    let text = format!(
        "+++\nchannel = \"whatsapp\"\nlanguage = \"it\"\n+++\nCiao Luca, via Roma 6.{stars}.{stars}a Roma 12.\n"
    );
    let opts = FixOptions {
        unsafe_fixes: true,
        ..FixOptions::default()
    };
    let fixed = fix_text(&SETTINGS, None, "reply.md", &text, opts);
    assert!(fixed.notes.is_empty(), "{:?}", fixed.notes);
    let again = fix_text(&SETTINGS, None, "reply.md", &fixed.text, opts);
    assert_eq!(again.applied, 0, "{:?}", again.text);
    assert!(
        fixed.text.contains(&format!("{stars}.{stars}")),
        "{}",
        fixed.text
    );
}
