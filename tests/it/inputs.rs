//! Inputs end to end (SPEC §4): walking directories (`.gitignore`, hidden
//! and binary files), unreadable and invalid files that do not stop the
//! run, `+++` front matter, CRLF and BOM positions, and the channel and
//! language conventions of folder and file names.

use crate::common::{Run, Tree, located, run_in};
use replylint_core::config::settings::CliOverrides;
use replylint_core::lang::Language;
use replylint_core::reply::ReplyMeta;
use std::path::Path;

/// Paths that `--format line` reported, in order, deduplicated.
fn reported_paths(r: &Run) -> Vec<String> {
    let mut v: Vec<String> = r
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect();
    v.dedup();
    v
}

const TWO_SPACES: &[u8] = b"Hi  Anna\n";

// ------------------------------------------------------------------ walking

#[test]
fn directories_are_walked_recursively_for_txt_and_md_files() {
    let tree = Tree::with_bytes(&[
        ("a.txt", TWO_SPACES),
        ("macros/b.md", TWO_SPACES),
        ("macros/deep/er/c.txt", TWO_SPACES),
        ("macros/deep/er/d.TXT", TWO_SPACES),
        ("notes.csv", TWO_SPACES),
        ("script.py", TWO_SPACES),
        ("README", TWO_SPACES),
    ]);
    let r = tree.run(&["--format", "line", "--no-config"]);
    assert_eq!(
        reported_paths(&r),
        [
            "a.txt",
            "macros/b.md",
            "macros/deep/er/c.txt",
            "macros/deep/er/d.TXT"
        ]
    );
    assert_eq!(r.code, 0);
    let r = tree.run(&["--format", "line", "macros"]);
    assert_eq!(
        reported_paths(&r),
        [
            "macros/b.md",
            "macros/deep/er/c.txt",
            "macros/deep/er/d.TXT"
        ]
    );
}

#[test]
fn an_explicit_file_is_checked_whatever_its_extension() {
    let tree = Tree::with_bytes(&[("notes.text", TWO_SPACES)]);
    let r = tree.run(&["--format", "line", "notes.text"]);
    assert_eq!(reported_paths(&r), ["notes.text"]);
}

#[test]
fn gitignore_is_respected_outside_a_git_repository() {
    let tree = Tree::with_bytes(&[
        (".gitignore", b"drafts/\n*.bak.txt\n!keep.bak.txt\n"),
        ("drafts/a.txt", TWO_SPACES),
        ("live/b.txt", TWO_SPACES),
        ("live/old.bak.txt", TWO_SPACES),
        ("live/keep.bak.txt", TWO_SPACES),
        ("live/sub/.gitignore", b"c.txt\n"),
        ("live/sub/c.txt", TWO_SPACES),
        ("live/sub/d.txt", TWO_SPACES),
    ]);
    assert!(!tree.root.join(".git").exists());
    let r = tree.run(&["--format", "line"]);
    assert_eq!(
        reported_paths(&r),
        ["live/b.txt", "live/keep.bak.txt", "live/sub/d.txt"]
    );
}

#[test]
fn hidden_files_and_folders_are_skipped_unless_named() {
    let tree = Tree::with_bytes(&[
        (".draft.txt", TWO_SPACES),
        (".archive/a.txt", TWO_SPACES),
        ("b.txt", TWO_SPACES),
    ]);
    let r = tree.run(&["--format", "line"]);
    assert_eq!(reported_paths(&r), ["b.txt"]);
    let r = tree.run(&["--format", "line", ".draft.txt", ".archive"]);
    assert_eq!(reported_paths(&r), [".draft.txt", ".archive/a.txt"]);
}

#[test]
fn binary_files_are_skipped_when_walking_but_an_error_when_named() {
    let tree = Tree::with_bytes(&[
        ("logo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("b.txt", TWO_SPACES),
    ]);
    let r = tree.run(&["--format", "line"]);
    assert_eq!(reported_paths(&r), ["b.txt"]);
    assert_eq!((r.stderr.as_str(), r.code), ("", 0));
    insta::assert_snapshot!(tree.transcript("", &["logo.txt", "b.txt"], None));
}

#[test]
fn walked_paths_have_no_dot_slash_prefix() {
    let tree = Tree::with_bytes(&[("sms/a.txt", TWO_SPACES)]);
    for args in [&["--format", "line"][..], &["--format", "line", "."][..]] {
        let r = tree.run(args);
        assert_eq!(reported_paths(&r), ["sms/a.txt"], "{args:?}");
    }
    let r = tree.run(&["--format", "line", "./sms"]);
    assert_eq!(reported_paths(&r), ["./sms/a.txt"]);
}

#[test]
fn an_empty_directory_is_all_clear() {
    let tree = Tree::with_bytes(&[]);
    let r = tree.run(&[]);
    assert_eq!(r.stdout, "All clear: 0 replies in 0 files checked.\n");
    assert_eq!(r.code, 0);
}

// ------------------------------------------------------ errors keep going

#[test]
fn invalid_utf8_names_the_byte_offset_and_the_other_files_are_still_checked() {
    let tree = Tree::with_bytes(&[
        ("a.txt", TWO_SPACES),
        ("b.txt", b"Ciao Luca,\ngrazie \xe0 te\n"),
        ("c.txt", TWO_SPACES),
    ]);
    insta::assert_snapshot!(tree.transcript("", &["--format", "line"], None));
    let r = tree.run(&["--format", "json"]);
    assert_eq!(r.code, 2);
    let doc = r.json();
    assert_eq!(doc["errors"][0]["path"], "b.txt");
    assert_eq!(doc["errors"][0]["line"], 2);
    assert_eq!(doc["errors"][0]["column"], 8);
    assert_eq!(doc["summary"]["files"], 2);
    assert_eq!(doc["summary"]["input_errors"], 1);
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 2);
}

#[test]
fn invalid_utf8_in_the_human_format() {
    let tree = Tree::with_bytes(&[("a.txt", TWO_SPACES), ("b.txt", b"\xffoops")]);
    insta::assert_snapshot!(tree.transcript("", &[], None));
}

#[test]
fn a_missing_path_is_an_error_and_the_other_paths_are_still_checked() {
    let tree = Tree::with_bytes(&[("a.txt", TWO_SPACES)]);
    let r = tree.run(&["--format", "line", "missing.txt", "a.txt", "nodir/"]);
    assert_eq!(located(&r.stdout), "a.txt:1:3: warning[whitespace]\n");
    assert_eq!(
        r.stderr,
        "error: missing.txt: no such file or directory\nerror: nodir/: no such file or directory\n"
    );
    assert_eq!(r.code, 2);
}

#[test]
fn input_errors_come_in_jsonl_before_the_summary() {
    let tree = Tree::with_bytes(&[("a.txt", TWO_SPACES)]);
    let r = tree.run(&["--format", "jsonl", "a.txt", "missing.txt"]);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["diagnostic", "error", "summary"]);
    assert_eq!(lines[1]["path"], "missing.txt");
    assert_eq!(lines[2]["input_errors"], 1);
    assert_eq!(r.code, 2);
}

// -------------------------------------------------------------- front matter

const FRONT_MATTER: &str = "+++
channel = \"twitter\"
language = \"en\"
mode = \"template\"
id = \"refund-1\"
title = \"Refund approved\"
subject = \"Your refund\"
+++
Hi {{ticket.requester.first_name}},  your refund is on its way.
";

#[test]
fn front_matter_sets_id_title_channel_and_mode() {
    let tree = Tree::with_bytes(&[("macros/refund.md", FRONT_MATTER.as_bytes())]);
    insta::assert_snapshot!(tree.transcript("", &["macros/refund.md"], None));
    let r = tree.run(&["--format", "json", "macros/refund.md"]);
    let doc = r.json();
    let d = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "whitespace")
        .unwrap();
    assert_eq!(d["reply_id"], "refund-1");
    assert_eq!(d["reply_title"], "Refund approved");
    assert_eq!(d["channel"], "twitter");
    assert_eq!(d["rule"], "whitespace");
    assert_eq!(
        (d["start"]["line"].as_u64(), d["start"]["column"].as_u64()),
        (Some(9), Some(36))
    );
    // mode = "template": the placeholder is expected, but the greeting
    // prints nothing when the name is empty.
    let rules: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["placeholder-fallback", "whitespace"]);
    assert_eq!(doc["summary"]["replies_without_channel"], 0);
}

#[test]
fn front_matter_mode_beats_the_command_line() {
    let tree = Tree::with_bytes(&[("refund.md", FRONT_MATTER.as_bytes())]);
    let r = tree.run(&["--mode", "draft", "--format", "line", "refund.md"]);
    assert!(!r.stdout.contains("[placeholder]"), "{}", r.stdout);
}

#[test]
fn front_matter_allow_suppresses_a_rule() {
    let text = "+++\nallow = [\"whitespace\"]\n+++\nHi  Anna, your order XXX ships today. \n";
    let tree = Tree::with_bytes(&[("a.md", text.as_bytes())]);
    let r = tree.run(&["--format", "line", "a.md"]);
    assert_eq!(located(&r.stdout), "a.md:4:22: error[placeholder]\n");
}

#[test]
fn front_matter_allow_with_an_unknown_rule_is_an_error_with_a_suggestion() {
    let text =
        "+++\nid = \"r1\"\nallow = [\"whitespace\", \"placeholdr\"]\n+++\nHi  Anna, order XXX.\n";
    let tree = Tree::with_bytes(&[("a.md", text.as_bytes())]);
    insta::assert_snapshot!(tree.transcript("", &["--format", "line", "a.md"], None));
}

#[test]
fn an_unknown_front_matter_key_is_an_error_with_its_line() {
    let text = "+++\nid = \"r1\"\nchanel = \"sms\"\n+++\nHi  Anna\n";
    let tree = Tree::with_bytes(&[("a.md", text.as_bytes()), ("b.txt", TWO_SPACES)]);
    insta::assert_snapshot!(tree.transcript("", &["--format", "line"], None));
}

#[test]
fn unknown_front_matter_values_are_errors_with_their_position() {
    let tree = Tree::with_bytes(&[
        ("a.md", b"+++\nchannel = \"smss\"\n+++\nHi\n"),
        ("b.md", b"+++\nlanguage = \"italian\"\n+++\nCiao\n"),
        ("c.md", b"+++\nmode = \"drafts\"\n+++\nHi\n"),
    ]);
    let r = tree.run(&["--format", "line"]);
    assert_eq!(
        r.stderr,
        "error: a.md:2:11: unknown channel `smss` (did you mean `sms`?)\n\
         error: b.md:2:12: unknown language `italian` (did you mean `it`?)\n\
         error: c.md:2:8: front matter: unknown mode `drafts` (did you mean `draft`?)\n"
    );
    assert_eq!(r.code, 2);
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let tree = Tree::with_bytes(&[("a.md", b"+++\nchannel = \"sms\"\nHi Anna\n")]);
    let r = tree.run(&["a.md"]);
    assert_eq!(
        r.stderr,
        "error: a.md:1:1: front matter opened with `+++` is never closed\n"
    );
    assert_eq!(r.code, 2);
}

#[test]
fn front_matter_on_stdin_is_read_too() {
    let text = "+++\nchannel = \"sms\"\nid = \"promo\"\n+++\nCiao  Luca\n";
    let tree = Tree::with_bytes(&[]);
    let r = run_in(&tree.root, &["--format", "json", "-"], Some(text));
    let d = &r.json()["diagnostics"][0];
    assert_eq!(
        (d["channel"].as_str(), d["reply_id"].as_str()),
        (Some("sms"), Some("promo"))
    );
    assert_eq!(
        (d["start"]["line"].as_u64(), d["start"]["column"].as_u64()),
        (Some(5), Some(5))
    );
}

// --------------------------------------------------- line endings and BOM

#[test]
fn crlf_positions_point_into_the_file() {
    let text = "Hi Anna,\r\nyour  refund\r\nis on its way. \r\n";
    let tree = Tree::with_bytes(&[
        ("a.txt", text.as_bytes()),
        (".replylint.toml", crate::common::ALL_WHITESPACE.as_bytes()),
    ]);
    let r = tree.run(&["--format", "json", "a.txt"]);
    let doc = r.json();
    let d = doc["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 2, "{}", r.stdout);
    assert_eq!(d[0]["rule"], "whitespace");
    assert_eq!(d[0]["start"]["line"], 2);
    assert_eq!(d[0]["start"]["column"], 5);
    assert_eq!(d[0]["start"]["offset"], text.find("  ").unwrap());
    assert_eq!(d[1]["rule"], "whitespace");
    assert_eq!(d[1]["start"]["line"], 3);
    assert_eq!(d[1]["start"]["column"], 15);
    // The span ends before the `\r`.
    let trailing = text.rfind(" \r\n").unwrap();
    assert_eq!(d[1]["start"]["offset"], trailing);
    assert_eq!(d[1]["end"]["offset"], trailing + 1);
    insta::assert_snapshot!(tree.transcript("", &["a.txt"], None));
}

#[test]
fn a_bom_is_not_a_column_but_counts_in_byte_offsets() {
    let text = "\u{feff}Hi  Anna\n";
    let tree = Tree::with_bytes(&[("a.txt", text.as_bytes())]);
    let r = tree.run(&["--format", "json", "a.txt"]);
    let d = &r.json()["diagnostics"][0];
    assert_eq!(d["start"]["line"], 1);
    assert_eq!(d["start"]["column"], 3);
    assert_eq!(d["start"]["column_utf16"], 3);
    assert_eq!(d["start"]["offset"], 5);
}

#[test]
fn a_bom_before_front_matter_and_crlf_are_handled_together() {
    let text = "\u{feff}+++\r\nchannel = \"sms\"\r\n+++\r\nCiao  Luca\r\n";
    let tree = Tree::with_bytes(&[("a.md", text.as_bytes())]);
    let r = tree.run(&["--format", "json", "a.md"]);
    let d = &r.json()["diagnostics"][0];
    assert_eq!(d["channel"], "sms");
    assert_eq!(
        (d["start"]["line"].as_u64(), d["start"]["column"].as_u64()),
        (Some(4), Some(5))
    );
    assert_eq!(d["start"]["offset"], text.find("  ").unwrap());
}

#[test]
fn the_final_newline_of_a_file_is_not_part_of_the_reply() {
    // Every editor ends a file with a newline: a 280-character tweet saved
    // to disk still fits.
    let exact = format!("{}\n", "a".repeat(280));
    let exact_crlf = format!("{}\r\n", "a".repeat(280));
    let over = format!("{}\n", "a".repeat(281));
    let tree = Tree::with_bytes(&[
        ("twitter/exact.txt", exact.as_bytes()),
        ("twitter/exact-crlf.txt", exact_crlf.as_bytes()),
        ("twitter/over.txt", over.as_bytes()),
    ]);
    let r = tree.run(&["--format", "line"]);
    assert_eq!(
        r.stdout,
        "twitter/over.txt:1:281: error[max-length]: 281/280 weighted characters on `twitter`\n"
    );
    let r = run_in(
        &tree.root,
        &["--channel", "twitter", "--format", "line", "-"],
        Some(&exact),
    );
    assert_eq!((r.stdout.as_str(), r.code), ("", 0));
}

// --------------------------------------------------------------- conventions

#[test]
fn folder_and_file_name_parts_set_the_channel() {
    let long = "a".repeat(1100);
    let tree = Tree::with_bytes(&[
        ("twitter/reply.txt", long.as_bytes()),
        ("x/reply.txt", long.as_bytes()),
        ("refund.email.txt", long.as_bytes()),
        ("macros/chat/it/welcome.md", long.as_bytes()),
        ("macros/sms/promo.chat.txt", long.as_bytes()),
        ("plain.txt", long.as_bytes()),
    ]);
    let r = tree.run(&["--format", "json"]);
    let doc = r.json();
    let found: Vec<(&str, &str)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "max-length")
        .map(|d| (d["path"].as_str().unwrap(), d["channel"].as_str().unwrap()))
        .collect();
    // email and generic have no length limit; the part nearest the file wins.
    assert_eq!(
        found,
        [
            ("macros/chat/it/welcome.md", "chat"),
            ("macros/sms/promo.chat.txt", "chat"),
            ("twitter/reply.txt", "twitter"),
            ("x/reply.txt", "twitter"),
        ]
    );
    assert_eq!(doc["summary"]["replies"], 6);
    assert_eq!(doc["summary"]["replies_without_channel"], 1);
}

#[test]
fn folder_and_file_name_parts_set_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let settings = replylint_io::config::load(
        &CliOverrides {
            no_config: true,
            ..CliOverrides::default()
        },
        dir.path(),
    )
    .unwrap();
    let language = |path: &str| {
        settings
            .reply_context(Some(Path::new(path)), &ReplyMeta::default())
            .unwrap()
            .language
    };
    assert_eq!(language("it/x.txt"), Some(Language::It));
    assert_eq!(language("macros/de/welcome.md"), Some(Language::De));
    assert_eq!(language("reply.fr.md"), Some(Language::Fr));
    assert_eq!(language("it/reply.es.md"), Some(Language::Es));
    assert_eq!(language("sms/promo.txt"), None);
    assert_eq!(language("italy/x.txt"), None);
    // The extension is not a part: `.md` is not a language, `x.pt` is.
    assert_eq!(language("notes.pt"), None);
    let channel = |path: &str| {
        settings
            .reply_context(Some(Path::new(path)), &ReplyMeta::default())
            .unwrap()
            .channel
            .id
            .clone()
    };
    assert_eq!(channel("it/refund.email.txt"), "email");
    assert_eq!(channel("it/x.txt"), "generic");
}

#[test]
fn the_summary_counts_replies_without_a_channel() {
    let tree = Tree::with_bytes(&[
        ("sms/a.txt", TWO_SPACES),
        ("b.txt", TWO_SPACES),
        ("c.txt", b"Hi Anna\n"),
    ]);
    insta::assert_snapshot!(tree.transcript("", &[], None));
}

#[test]
fn the_summary_says_nothing_about_channels_when_all_have_one() {
    let tree = Tree::with_bytes(&[("sms/a.txt", TWO_SPACES)]);
    let r = tree.run(&[]);
    assert!(!r.stdout.contains("no channel"), "{}", r.stdout);
    assert!(
        r.stdout
            .ends_with("Found 1 warning in 1 reply (1 file checked).\n"),
        "{}",
        r.stdout
    );
}

// ------------------------------------------------------------ a whole library

/// Copy `tests/fixtures/NAME` into a fresh temporary directory, so that no
/// config file or `.gitignore` around the repository applies.
fn fixture(name: &str) -> Tree {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let tree = Tree::with_bytes(&[]);
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    copy(&source, &tree.root);
    tree
}

#[test]
fn a_library_of_canned_responses_is_checked_as_in_ci() {
    // Path pattern (social → twitter), convention (sms/, chat/), config
    // defaults (template mode), a channel override (chat limit 120, as an
    // error), `exclude` (archive/), hidden and extension-less files skipped.
    let tree = fixture("library");
    insta::assert_snapshot!(tree.transcript("", &[], None));
    let r = tree.run(&["--format", "json"]);
    let doc = r.json();
    let mut seen: Vec<(&str, &str)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["channel"].as_str().unwrap()))
        .collect();
    seen.dedup();
    assert_eq!(
        seen,
        [
            ("macros/chat/benvenuto.md", "chat"),
            ("macros/sms/spedizione.txt", "sms"),
            ("macros/social/ritardo.txt", "twitter"),
        ]
    );
    assert_eq!(doc["summary"]["files"], 3);
    assert_eq!(doc["summary"]["replies_without_channel"], 0);
    // Template mode from the config: no placeholder diagnostics.
    assert!(
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "placeholder"),
        "{}",
        r.stdout
    );
    let welcome = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "max-length" && d["channel"] == "chat")
        .unwrap();
    assert_eq!(welcome["severity"], "error");
    assert_eq!(welcome["reply_id"], "chat-welcome");
    assert_eq!(r.code, 1);
}
