//! End-to-end tests of the command line: subcommands, flags, output formats,
//! colour, exit codes and usage errors (SPEC §6–§7).

use crate::common::{Run, lint, located, run, run_here, run_in};
use assert_cmd::Command;
use std::io::Read as _;
use std::path::Path;
use std::process::Stdio;

/// A draft with a placeholder (error), a double space and a trailing space
/// (warnings) on its second line, after an emoji, so that `column` and
/// `column_utf16` differ and carets must stay aligned.
const DRAFT: &str =
    "Hi Anna, thanks for waiting.\nYour refund 💶 for {{order_id}}  is on  its way.\n";

/// A draft with warnings only (a double space).
const WARNING_ONLY: &str = "Hi Anna,  your refund is on its way.\n";

/// Run the binary with extra environment variables (colour tests).
fn run_env(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::cargo_bin("replylint").expect("binary built");
    cmd.current_dir(dir.path())
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.write_stdin(stdin.as_bytes().to_vec());
    let out = cmd.output().expect("replylint runs");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Run `args` in a fresh directory holding `files`.
fn run_with_files(files: &[(&str, &str)], args: &[&str], stdin: Option<&str>) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    run_in(dir.path(), args, stdin)
}

const ESC: &str = "\u{1b}[";

// ---------------------------------------------------------------- in-process

/// The rule tests run the command line in-process (`app::run_with`): it
/// prints, byte for byte, what the binary prints, and exits the same.
#[test]
fn a_run_in_process_prints_what_the_binary_prints() {
    let plain = ["check", "--no-config", "--color", "never"];
    let cases: &[(&[&str], &str)] = &[
        (&[&plain[..], &["--channel", "chat", "-"]].concat(), DRAFT),
        (
            &[&plain[..], &["--channel", "email", "--lang", "it", "-"]].concat(),
            DRAFT,
        ),
        (&[&plain[..], &["--format", "json", "-"]].concat(), DRAFT),
        (&[&plain[..], &["--format", "sarif", "-"]].concat(), DRAFT),
        (
            &[&plain[..], &["--diff", "--unsafe-fixes", "-"]].concat(),
            DRAFT,
        ),
        (
            &[&plain[..], &["--stdin-filename", "sms/a.txt", "-"]].concat(),
            WARNING_ONLY,
        ),
        (
            &[&plain[..], &["--fail-on", "warning", "-"]].concat(),
            WARNING_ONLY,
        ),
        (&[&plain[..], &["--channel", "pigeon", "-"]].concat(), "hi"),
        (
            &[&plain[..], &["-"]].concat(),
            "\u{feff}---\nchannel: nowhere\n---\nhi\n",
        ),
        (&["--bogus"], "hi"),
        (&["check", "--help"], ""),
        (&["--version"], ""),
        (&["count", "--format", "json", "-"], DRAFT),
        (&["explain", "emoji"], ""),
        (&["rules", "--no-config"], ""),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for (args, stdin) in cases {
        let here = run_here(args, stdin);
        let there = run_in(dir.path(), args, Some(stdin));
        assert_eq!(here.stdout, there.stdout, "stdout of {args:?}");
        assert_eq!(here.stderr, there.stderr, "stderr of {args:?}");
        assert_eq!(here.code, there.code, "exit code of {args:?}");
    }
}

// ---------------------------------------------------------------- formats

#[test]
fn human_format_shows_snippets_with_carets_and_a_summary() {
    insta::assert_snapshot!(lint(&["--channel", "chat"], DRAFT));
}

#[test]
fn line_format_is_one_diagnostic_per_line() {
    insta::assert_snapshot!(lint(&["--channel", "chat", "--format", "line"], DRAFT));
}

#[test]
fn json_format_is_one_versioned_document() {
    insta::assert_snapshot!(lint(&["--channel", "chat", "--format", "json"], DRAFT));
}

#[test]
fn jsonl_format_streams_one_object_per_line() {
    insta::assert_snapshot!(lint(&["--channel", "chat", "--format", "jsonl"], DRAFT));
}

#[test]
fn json_positions_count_characters_utf16_units_and_bytes() {
    let r = run(&["--channel", "chat", "--format", "json"], DRAFT);
    let doc = r.json();
    assert_eq!(doc["version"], 1);
    let diags = doc["diagnostics"].as_array().unwrap();
    let place = diags.iter().find(|d| d["rule"] == "placeholder").unwrap();
    // Line 2: "Your refund 💶 for " is 18 characters, 19 UTF-16 units
    // (💶 is a surrogate pair) and 21 bytes.
    assert_eq!(place["start"]["line"], 2);
    assert_eq!(place["start"]["column"], 19);
    assert_eq!(place["start"]["column_utf16"], 20);
    let line2 = DRAFT.find('\n').unwrap() + 1;
    let before = "Your refund 💶 for ".len();
    assert_eq!(before, 21);
    assert_eq!(place["start"]["offset"], line2 + before);
    assert_eq!(
        place["end"]["offset"],
        line2 + before + "{{order_id}}".len()
    );
    assert_eq!(place["end"]["column"], 19 + "{{order_id}}".len());
    assert_eq!(place["path"], "<stdin>");
    assert_eq!(place["channel"], "chat");
    assert_eq!(place["reply_id"], serde_json::Value::Null);
    let summary = &doc["summary"];
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["replies"], 1);
    assert_eq!(summary["errors"], 1);
    assert_eq!(summary["warnings"], 2);
    assert_eq!(summary["input_errors"], 0);
}

#[test]
fn json_columns_differ_after_an_emoji() {
    // 👋 is one character but two UTF-16 units and four bytes.
    let text = "Hi 👋 you  there";
    let r = run(&["--channel", "chat", "--format", "json"], text);
    let d = &r.json()["diagnostics"][0];
    assert_eq!(d["rule"], "whitespace");
    assert_eq!(d["start"]["column"], 9);
    assert_eq!(d["start"]["column_utf16"], 10);
    assert_eq!(d["start"]["offset"], "Hi 👋 you".len());
}

#[test]
fn jsonl_lines_each_parse_and_the_summary_comes_last() {
    let r = run(&["--channel", "chat", "--format", "jsonl"], DRAFT);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 4);
    for d in &lines[..3] {
        assert_eq!(d["type"], "diagnostic");
        assert!(d["start"]["line"].is_u64() && d["end"]["offset"].is_u64());
    }
    let last = lines.last().unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["replies"], 1);
    assert_eq!(last["errors"], 1);
    assert_eq!(last["warnings"], 2);
}

#[test]
fn every_format_reports_the_same_diagnostics() {
    let line = run(&["--channel", "chat", "--format", "line"], DRAFT);
    let json = run(&["--channel", "chat", "--format", "json"], DRAFT).json();
    let from_json: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}[{}]: {}",
                d["path"].as_str().unwrap(),
                d["start"]["line"],
                d["start"]["column"],
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(line.stdout.lines().collect::<Vec<_>>(), from_json);
}

#[test]
fn a_clean_reply_gives_an_empty_line_output_and_an_all_clear_summary() {
    let text = "Hi Anna, your refund is on its way.";
    let r = run(&["--channel", "chat", "--format", "line"], text);
    assert_eq!((r.stdout.as_str(), r.code), ("", 0));
    insta::assert_snapshot!(lint(&["--channel", "chat"], text));
}

// ----------------------------------------------------------- command flow

#[test]
fn check_reads_stdin_with_a_dash() {
    let r = run_with_files(
        &[],
        &["check", "--no-config", "--format", "line", "-"],
        Some(WARNING_ONLY),
    );
    assert_eq!(located(&r.stdout), "<stdin>:1:9: warning[whitespace]\n");
    assert_eq!(r.code, 0);
}

#[test]
fn a_path_without_a_subcommand_is_checked() {
    let files = [("draft.txt", WARNING_ONLY)];
    let implicit = run_with_files(&files, &["--format", "line", "draft.txt"], None);
    let explicit = run_with_files(&files, &["check", "--format", "line", "draft.txt"], None);
    assert_eq!(
        located(&implicit.stdout),
        "draft.txt:1:9: warning[whitespace]\n"
    );
    assert_eq!(implicit.stdout, explicit.stdout);
    assert_eq!(implicit.code, explicit.code);
}

#[test]
fn no_path_checks_the_current_directory() {
    let files = [("a/draft.txt", WARNING_ONLY), ("b.md", "Ciao  Luca")];
    let r = run_with_files(&files, &["--format", "line"], None);
    assert_eq!(
        located(&r.stdout),
        "a/draft.txt:1:9: warning[whitespace]\n\
         b.md:1:5: warning[whitespace]\n"
    );
}

#[test]
fn stdin_filename_is_shown_in_every_format() {
    let args = ["--stdin-filename", "drafts/anna.txt"];
    let line = run(&[&args[..], &["--format", "line"]].concat(), WARNING_ONLY);
    assert_eq!(
        located(&line.stdout),
        "drafts/anna.txt:1:9: warning[whitespace]\n"
    );
    let json = run(&[&args[..], &["--format", "json"]].concat(), WARNING_ONLY).json();
    assert_eq!(json["diagnostics"][0]["path"], "drafts/anna.txt");
    let human = run(&args, WARNING_ONLY);
    assert!(
        human.stdout.contains("--> drafts/anna.txt:1:9"),
        "{}",
        human.stdout
    );
}

#[test]
fn stdin_filename_is_matched_against_config_path_patterns() {
    let config = "[[paths]]\nglob = \"macros/**\"\nchannel = \"twitter\"\n";
    let text = "a".repeat(300);
    let args = [
        "check",
        "--format",
        "json",
        "--stdin-filename",
        "macros/refund.txt",
        "-",
    ];
    let r = run_with_files(&[("replylint.toml", config)], &args, Some(&text));
    let doc = r.json();
    assert_eq!(doc["diagnostics"][0]["channel"], "twitter");
    assert_eq!(doc["diagnostics"][0]["rule"], "max-length");
    assert_eq!(doc["summary"]["replies_without_channel"], 0);
    assert_eq!(r.code, 1);
}

#[test]
fn stdin_filename_follows_the_folder_convention() {
    let text = "a".repeat(300);
    let r = run(
        &["--stdin-filename", "twitter/draft.txt", "--format", "json"],
        &text,
    );
    assert_eq!(r.json()["diagnostics"][0]["channel"], "twitter");
}

#[test]
fn channel_alias_x_is_twitter() {
    let text = "a".repeat(281);
    let r = run(&["--channel", "x", "--format", "line"], &text);
    assert_eq!(
        r.stdout,
        "<stdin>:1:281: error[max-length]: 281/280 weighted characters on `twitter`\n"
    );
    assert_eq!(r.code, 1);
}

#[test]
fn mode_template_accepts_placeholders_that_draft_rejects() {
    let text =
        "Hi {{ticket.requester.first_name | default: \"there\"}}, your refund is on its way.";
    let draft = run(
        &["--channel", "chat", "--mode", "draft", "--format", "line"],
        text,
    );
    assert_eq!(draft.code, 1);
    assert!(
        draft.stdout.contains("error[placeholder]"),
        "{}",
        draft.stdout
    );
    let template = run(
        &[
            "--channel",
            "chat",
            "--mode",
            "template",
            "--format",
            "line",
        ],
        text,
    );
    assert_eq!((template.stdout.as_str(), template.code), ("", 0));
}

#[test]
fn lang_accepts_the_supported_languages() {
    for lang in ["it", "en", "es", "fr", "de", "pt"] {
        let r = run(
            &["--lang", lang, "--channel", "chat"],
            "Ciao Luca, a presto.",
        );
        assert_ne!(r.code, 2, "--lang {lang}: {}", r.stderr);
        // Only the note that this machine has no dictionary for it (the
        // tests use none).
        let other: Vec<&str> = r
            .stderr
            .lines()
            .filter(|l| !l.contains("spelling dictionary found"))
            .collect();
        assert!(other.is_empty(), "--lang {lang}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), usize::from(lang != "en"), "{}", r.stderr);
    }
}

// ------------------------------------------------------------- exit codes

#[test]
fn warnings_alone_exit_0_by_default_and_1_with_fail_on_warning() {
    assert_eq!(run(&[], WARNING_ONLY).code, 0);
    assert_eq!(run(&["--fail-on", "error"], WARNING_ONLY).code, 0);
    assert_eq!(run(&["--fail-on", "warning"], WARNING_ONLY).code, 1);
    assert_eq!(run(&["--fail-on", "info"], WARNING_ONLY).code, 1);
}

#[test]
fn an_error_exits_1_whatever_fail_on_says() {
    let text = "Your order XXX has shipped.";
    for level in ["error", "warning", "info"] {
        assert_eq!(
            run(&["--fail-on", level], text).code,
            1,
            "--fail-on {level}"
        );
    }
}

#[test]
fn info_diagnostics_fail_only_with_fail_on_info() {
    let config = "[rules]\nwhitespace = \"info\"\n";
    let files = [("replylint.toml", config), ("draft.txt", WARNING_ONLY)];
    let check = |fail_on: &str| {
        run_with_files(
            &files,
            &["--fail-on", fail_on, "--format", "line", "draft.txt"],
            None,
        )
    };
    let r = check("warning");
    assert_eq!(located(&r.stdout), "draft.txt:1:9: info[whitespace]\n");
    assert_eq!(r.code, 0);
    assert_eq!(check("info").code, 1);
}

#[test]
fn a_clean_reply_exits_0() {
    let r = run(
        &["--channel", "chat"],
        "Hi Anna, your refund is on its way.",
    );
    assert_eq!(r.code, 0);
}

// ----------------------------------------------------------- usage errors

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let r = run(&["--bogus"], "hi");
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains("unexpected argument '--bogus'"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unknown_channel_suggests_the_closest_one() {
    insta::assert_snapshot!(lint(&["--channel", "twiter"], "hi"));
}

#[test]
fn an_unknown_channel_far_from_any_lists_them_all() {
    let r = run(&["--channel", "pigeon"], "hi");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: --channel: unknown channel `pigeon` (expected one of: "),
        "{}",
        r.stderr
    );
    for id in ["twitter", "sms", "email", "x"] {
        assert!(r.stderr.contains(&format!("`{id}`")), "{}", r.stderr);
    }
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    insta::assert_snapshot!(lint(&["--lang", "english"], "hi"));
}

#[test]
fn unknown_values_of_enumerated_flags_are_usage_errors() {
    for args in [
        ["--mode", "final"],
        ["--format", "xml"],
        ["--color", "sometimes"],
        ["--fail-on", "warn"],
    ] {
        let r = run(&args, "hi");
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(
            r.stderr.contains(&format!("invalid value '{}'", args[1])),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn fail_on_warn_suggests_warning() {
    let r = run(&["--fail-on", "warn"], "hi");
    assert!(r.stderr.contains("'warning'"), "{}", r.stderr);
}

#[test]
fn the_last_of_a_repeated_flag_wins() {
    // An alias or script sets `--format json`; the user adds `--format line`.
    let r = run(&["--format", "json", "--format", "line"], WARNING_ONLY);
    assert_eq!(located(&r.stdout), "<stdin>:1:9: warning[whitespace]\n");
    assert_eq!(r.code, 0);
}

#[test]
fn version_and_help_exit_0() {
    let r = run_in(Path::new("."), &["--version"], None);
    assert_eq!(
        r.stdout,
        format!("replylint {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(r.code, 0);
    let r = run_in(Path::new("."), &["check", "--help"], None);
    assert!(r.stdout.contains("--stdin-filename"), "{}", r.stdout);
    assert_eq!(r.code, 0);
}

// ----------------------------------------------------------------- colour

#[test]
fn color_always_writes_ansi_escapes() {
    let r = run_env(&["--color", "always", "-"], WARNING_ONLY, &[]);
    assert!(r.stdout.contains(ESC), "{}", r.stdout);
    assert_eq!(r.code, 0);
}

#[test]
fn color_never_writes_none_even_when_forced_by_the_environment() {
    let r = run_env(
        &["--color", "never", "-"],
        WARNING_ONLY,
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!r.stdout.contains(ESC), "{}", r.stdout);
    assert!(r.stdout.contains("warning[whitespace]"));
}

#[test]
fn no_color_turns_colour_off_and_is_not_a_usage_error() {
    for value in ["1", "true", "0", ""] {
        let r = run_env(&["-"], WARNING_ONLY, &[("NO_COLOR", value)]);
        assert_eq!(r.code, 0, "NO_COLOR={value:?}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "NO_COLOR={value:?}: {}", r.stderr);
        assert!(!r.stdout.contains(ESC), "NO_COLOR={value:?}: {}", r.stdout);
        assert!(r.stdout.contains("warning[whitespace]"));
    }
    let r = run_env(
        &["--color", "auto", "-"],
        WARNING_ONLY,
        &[("NO_COLOR", "1")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains(ESC));
}

#[test]
fn auto_colour_is_off_when_stdout_is_a_pipe() {
    let r = run_env(&["-"], WARNING_ONLY, &[]);
    assert!(!r.stdout.contains(ESC), "{}", r.stdout);
}

#[test]
fn machine_formats_are_never_coloured() {
    for format in ["line", "json", "jsonl"] {
        let r = run_env(
            &["--color", "always", "--format", format, "-"],
            WARNING_ONLY,
            &[],
        );
        assert!(!r.stdout.contains(ESC), "{format}: {}", r.stdout);
        assert!(!r.stdout.is_empty(), "{format}");
    }
}

// ------------------------------------------------- rules, explain, channels

#[test]
fn rules_lists_every_rule_with_its_default_severity() {
    let r = run_in(Path::new("."), &["rules"], None);
    assert_eq!(r.code, 0);
    let mut lines = r.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["RULE", "DEFAULT", "FIX", "SUMMARY"]);
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split_whitespace().collect()).collect();
    let expected: Vec<(&str, &str)> = replylint_core::rules::REGISTRY
        .iter()
        .map(|r| (r.meta().id, r.meta().default_severity.as_str()))
        .collect();
    assert_eq!(rows.len(), expected.len(), "{}", r.stdout);
    for (row, (id, severity)) in rows.iter().zip(&expected) {
        assert_eq!((row[0], row[1]), (*id, *severity));
    }
    assert!(rows.iter().any(|r| r[0] == "max-length" && r[1] == "error"));
    assert!(rows.iter().any(|r| r[0] == "whitespace" && r[2] == "yes"));
}

#[test]
fn rules_as_json_parse() {
    let r = run_in(Path::new("."), &["rules", "--format", "json"], None);
    let rules: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = replylint_core::rules::ids().collect();
    assert_eq!(ids, expected);
}

/// The user's own `[[rule]]` rules follow the built-in ones, in the order
/// of the config file, with their level, fixability and message.
#[test]
fn rules_lists_the_user_rules_of_the_config_file() {
    let tree = crate::common::Tree::new(&[(
        "replylint.toml",
        concat!(
            "[[rule]]\n",
            "id = \"no-unfortunately\"\n",
            "kind = \"forbid\"\n",
            "phrases = [\"unfortunately\"]\n",
            "message = \"Say what we can do | not what we can't\"\n",
            "\n",
            "[[rule]]\n",
            "id = \"client\"\n",
            "kind = \"substitute\"\n",
            "replacements = { \"customer\" = \"client\" }\n",
            "severity = \"off\"\n",
        ),
    )]);
    let builtin = replylint_core::rules::REGISTRY.len();
    let r = tree.run_at("sub", &["rules"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1 + builtin + 2, "{}", r.stdout);
    let cells = |l: &str| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert_eq!(cells(lines[1 + builtin]), "no-unfortunately warning no");
    assert!(
        lines[1 + builtin].ends_with(
            "User-defined `forbid` rule in `replylint.toml`: Say what we can do | not what we can't"
        ),
        "{}",
        lines[1 + builtin]
    );
    assert_eq!(cells(lines[2 + builtin]), "client off yes");
    // Columns stay aligned: the longest id sets the width.
    let summary_at = lines[0].find("SUMMARY").unwrap();
    assert_eq!(lines[1 + builtin].find("User-defined"), Some(summary_at));

    let json = tree.run(&["rules", "--format", "json"]).json();
    let user = &json[builtin];
    assert_eq!(user["id"], "no-unfortunately");
    assert_eq!(user["kind"], "forbid");
    assert_eq!(
        user["config"]
            .as_str()
            .map(|p| p.ends_with("replylint.toml")),
        Some(true)
    );
    assert!(
        user["docs"]
            .as_str()
            .unwrap()
            .starts_with("# no-unfortunately")
    );
    assert_eq!(json[builtin + 1]["fix"], "yes");

    let md = tree.run(&["rules", "--format", "markdown"]).stdout;
    assert!(
        md.contains(
            "| `client` | off | yes | User-defined `substitute` rule in `replylint.toml` |"
        ),
        "{md}"
    );
    assert!(md.contains("do \\| not"), "a `|` is escaped in Markdown");

    // Built-in rules only with --no-config; a broken config is an error.
    let r = tree.run(&["rules", "--no-config"]);
    assert_eq!(r.stdout.lines().count(), 1 + builtin);
    tree.write("replylint.toml", "[[rule]]\nid = \"x\"\n");
    let r = tree.run(&["rules"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("replylint.toml"), "{}", r.stderr);
}

#[test]
fn explain_prints_a_rules_documentation() {
    let r = run_in(Path::new("."), &["explain", "max-length"], None);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("# max-length\n"), "{}", r.stdout);
    assert!(r.stdout.contains("Default severity: error."));
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Options",
    ] {
        assert!(r.stdout.contains(section), "missing {section}");
    }
    assert!(r.stderr.is_empty());
}

#[test]
fn explain_an_unknown_rule_suggests_the_closest_one() {
    let r = run_in(Path::new("."), &["explain", "max-lenght"], None);
    insta::assert_snapshot!(r.transcript(&["explain", "max-lenght"], None));
    assert_eq!(r.code, 2);
}

#[test]
fn channels_lists_every_built_in_channel_with_unit_and_limit() {
    let r = run_with_files(&[], &["channels", "--no-config"], None);
    assert_eq!(r.code, 0);
    let mut lines = r.stdout.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("CHANNEL") && header.contains("UNIT") && header.contains("LIMIT"),
        "{header}"
    );
    // SPEC §2: id → (aliases, unit, limit, public).
    let expected = [
        ("app-store", "", "graphemes", "5970", "yes"),
        ("chat", "", "graphemes", "1000", "no"),
        ("email", "", "graphemes", "-", "no"),
        ("facebook-comment", "", "graphemes", "8000", "yes"),
        ("generic", "", "graphemes", "-", "no"),
        ("google-business", "", "bytes", "4096", "yes"),
        ("google-play", "", "graphemes", "350", "yes"),
        ("instagram", "", "bytes", "1000", "no"),
        ("messenger", "", "graphemes", "2000", "no"),
        ("sms", "", "sms-parts", "1", "no"),
        ("twitter", "x", "tweet-weight", "280", "yes"),
        ("whatsapp", "", "graphemes", "4096", "no"),
        ("whatsapp-template", "", "graphemes", "1024", "no"),
    ];
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), expected.len(), "{}", r.stdout);
    for (row, (id, alias, unit, limit, public)) in rows.iter().zip(expected) {
        let cells: Vec<&str> = row.split_whitespace().collect();
        let want: Vec<&str> = [id, alias, unit, limit, public]
            .into_iter()
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(&cells[..want.len()], &want[..], "row {row:?}");
    }
}

// --------------------------------------------------------- closed stdout

#[test]
fn a_reader_that_leaves_early_causes_no_panic() {
    // `replylint check dir | head -1`: far more output than a pipe buffers,
    // and the reader goes away after the first bytes.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        std::fs::write(
            dir.path().join(format!("r{i:03}.txt")),
            "Hi  Anna,  your  refund  is  on  its  way. \n",
        )
        .unwrap();
    }
    for format in ["human", "line", "jsonl"] {
        let bin = assert_cmd::cargo::cargo_bin("replylint");
        let mut child = std::process::Command::new(bin)
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", format, "."])
            .env_remove("CLICOLOR_FORCE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
        assert!(status.code().is_some(), "{format}: killed by a signal");
    }
}

// ---------------------------------------------------------- --force-exclude

/// What pre-commit does: name every file. The config excludes `archive`
/// and the README; `legacy` has per-path settings.
fn project_named_file_by_file() -> crate::common::Tree {
    crate::common::Tree::new(&[
        (
            "replylint.toml",
            concat!(
                "exclude = [\"archive\", \"README.md\"]\n",
                "[per-path-ignores]\n",
                "\"legacy\" = [\"placeholder\"]\n",
                "[[paths]]\n",
                "glob = \"legacy/**\"\n",
                "channel = \"sms\"\n",
            ),
        ),
        ("replies/a.txt", "Hi Anna, TODO\n"),
        ("legacy/b.txt", "Ciao Luca, il tuo ordine è partito… TODO\n"),
        ("archive/c.txt", "Hi Anna, TODO\n"),
        ("README.md", "# Replies\n\nThe  canned responses.\n"),
    ])
}

const NAMED: &[&str] = &[
    "replies/a.txt",
    "legacy/b.txt",
    "archive/c.txt",
    "README.md",
    "replylint.toml",
];

fn files_reported(r: &Run) -> Vec<String> {
    let mut files: Vec<String> = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_owned())
        .collect();
    files.dedup();
    files
}

#[test]
fn named_files_are_checked_even_when_the_config_excludes_them() {
    let tree = project_named_file_by_file();
    let args = [&["check", "--format", "json"][..], &NAMED[..4]].concat();
    let r = tree.run(&args);
    assert_eq!(
        files_reported(&r),
        [
            "replies/a.txt",
            "legacy/b.txt",
            "archive/c.txt",
            "README.md"
        ],
        "{}",
        r.stderr
    );
    // A config file named on the command line is read as a library, and
    // is not one.
    let r = tree.run(&["check", "replylint.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn force_exclude_skips_named_files_the_config_excludes() {
    let tree = project_named_file_by_file();
    let args = [&["check", "--force-exclude", "--format", "json"][..], NAMED].concat();
    let r = tree.run(&args);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(files_reported(&r), ["replies/a.txt", "legacy/b.txt"]);
    assert_eq!(r.json()["summary"]["files"], 2);
    // A named folder the config excludes, and paths written differently.
    let r = tree.run(&[
        "check",
        "--force-exclude",
        "--format",
        "line",
        "archive",
        "./archive/c.txt",
        tree.root.join("README.md").to_str().unwrap(),
    ]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
}

#[test]
fn per_path_settings_apply_to_named_files_with_or_without_force_exclude() {
    let tree = project_named_file_by_file();
    for extra in [&[][..], &["--force-exclude"]] {
        let args = [&["check", "--format", "line"][..], extra, &["legacy/b.txt"]].concat();
        let r = tree.run(&args);
        // `legacy/**` is an SMS (`sms-encoding` runs) and `placeholder` is
        // ignored there.
        assert_eq!(
            crate::common::located(&r.stdout),
            "legacy/b.txt:1:35: warning[sms-encoding]\n",
            "{extra:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn force_exclude_judges_stdin_by_its_filename() {
    let tree = project_named_file_by_file();
    let stdin = Some("Hi Anna, TODO\n");
    let args = |name: &'static str, force: bool| {
        let mut a = vec!["check", "--format", "line", "--stdin-filename", name];
        if force {
            a.push("--force-exclude");
        }
        a.push("-");
        a
    };
    let r = tree.run_at("", &args("archive/new.txt", true), stdin);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let r = tree.run_at("", &args("archive/new.txt", false), stdin);
    assert_eq!(r.code, 1, "without the flag, stdin is checked");
    let r = tree.run_at("", &args("replies/new.txt", true), stdin);
    assert_eq!(r.code, 1, "a name the config does not exclude");
}

#[test]
fn force_exclude_leaves_excluded_files_alone_when_fixing() {
    let tree = project_named_file_by_file();
    let r = tree.run(&["check", "--force-exclude", "--fix", "README.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(tree.root.join("README.md")).unwrap(),
        "# Replies\n\nThe  canned responses.\n"
    );
    let r = tree.run(&["check", "--fix", "README.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(tree.root.join("README.md")).unwrap(),
        "# Replies\n\nThe canned responses.\n",
        "named without the flag, it is fixed"
    );
}

// ------------------------------------------------------------ summary line

/// The human summary says whether errors kept anything from being checked:
/// an unknown rule id in `allow` does not (the reply is checked with the
/// other ids), a file that cannot be read does.
#[test]
fn the_summary_says_whether_errors_kept_replies_from_being_checked() {
    let tree = crate::common::Tree::new(&[
        (
            "allow.txt",
            "+++\nallow = [\"whitespce\"]\n+++\nHi Anna,  thanks.\n",
        ),
        ("broken.md", "+++\nchannel = \n+++\nHi Anna.\n"),
        ("ok.txt", "Hi Anna, thanks.\n"),
        (
            "lib.toml",
            "[[reply]]\nchannel = \"twiter\"\ntext = \"Hi Anna.\"\n\n[[reply]]\ntext = \"Hi Anna.\"\n",
        ),
    ]);
    let last = |args: &[&str]| {
        let r = tree.run(&[&["check", "--no-config", "--color", "never"][..], args].concat());
        assert_eq!(r.code, 2, "{}", r.stderr);
        r.stdout.lines().last().unwrap().to_owned()
    };
    assert_eq!(
        last(&["allow.txt"]),
        "1 error in the input (see above); every reply was still checked."
    );
    assert_eq!(
        last(&["broken.md", "missing.txt", "ok.txt"]),
        "2 errors kept part of the input from being checked (see above)."
    );
    assert_eq!(
        last(&["lib.toml"]),
        "1 error kept part of the input from being checked (see above).",
        "a reply whose channel is unknown is not checked"
    );
    assert_eq!(
        last(&["allow.txt", "broken.md"]),
        "2 errors in the input (see above); 1 kept part of it from being checked."
    );
}

// ------------------------------------------------------ docs drift

/// The tables of docs/usage.md name every flag of `check` (with every value
/// of `--format`) and every command, as the clap definitions have them.
#[test]
fn the_usage_docs_list_every_check_option_and_every_command() {
    use clap::CommandFactory as _;
    let usage =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/usage.md")).unwrap();
    let section = |heading: &str| -> String {
        let start = usage
            .find(heading)
            .unwrap_or_else(|| panic!("docs/usage.md has `{heading}`"));
        let rest = &usage[start + heading.len()..];
        rest[..rest.find("\n#").unwrap_or(rest.len())].to_owned()
    };
    let cli = replylint::cli::Cli::command();
    let check = cli.find_subcommand("check").unwrap();
    let options = section("## Options of `check`");
    let mut flags = 0;
    for arg in check.get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        if long == "help" {
            continue;
        }
        flags += 1;
        let row = options
            .lines()
            .find(|l| {
                // The first cell: "`--config FILE` / `--no-config`".
                let cell = l.split(" | ").next().unwrap_or_default();
                cell.split('`')
                    .any(|t| t.split_whitespace().next() == Some(&format!("--{long}")))
            })
            .unwrap_or_else(|| panic!("the options table has no row for --{long}"));
        if matches!(arg.get_action(), clap::ArgAction::SetTrue) {
            continue;
        }
        for value in arg.get_possible_values() {
            if value.is_hide_set() {
                continue;
            }
            assert!(
                row.contains(value.get_name()),
                "--{long}: the row lacks `{}`: {row}",
                value.get_name()
            );
        }
    }
    assert!(flags >= 13, "{flags} flags of `check`");
    let commands = section("## Commands");
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        assert!(
            commands.contains(&format!("| `replylint {name}")),
            "the commands table has no row for `{name}`"
        );
    }
}

// ------------------------------------------------------ manual pages

/// The manual pages refer only to pages replylint prints: replylint(1)
/// lists a page per command (replylint-check(1), …), and `replylint man
/// COMMAND` prints each one, titled as referred to; `man --dir` writes
/// them all.
#[test]
fn every_manual_page_referred_to_is_one_replylint_prints() {
    let reference = regex::Regex::new(r"replylint\\?-([a-z][a-z-]*)\((\w+)\)").unwrap();
    let main = run_here(&["man"], "");
    assert_eq!(main.code, 0, "{}", main.stderr);
    assert!(main.stdout.contains(".TH replylint 1 "), "{}", main.stdout);
    assert_eq!(run_here(&["--man"], "").stdout, main.stdout);
    // Every page, and every page each one refers to.
    let mut pages = std::collections::BTreeMap::new();
    let mut to_read = vec![(None, main.stdout.clone())];
    while let Some((name, page)) = to_read.pop() {
        for c in reference.captures_iter(&page) {
            let (command, section) = (c[1].to_owned(), &c[2]);
            assert_eq!(section, "1", "{name:?} refers to {}", &c[0]);
            if pages.contains_key(&command) {
                continue;
            }
            let printed = run_here(&["man", &command], "");
            assert_eq!(
                printed.code, 0,
                "{name:?} refers to {}, which `replylint man {command}` does not print: {}",
                &c[0], printed.stderr
            );
            assert!(
                printed
                    .stdout
                    .contains(&format!(".TH replylint-{command} 1 ")),
                "{}",
                printed.stdout
            );
            pages.insert(command.clone(), ());
            to_read.push((Some(command), printed.stdout));
        }
    }
    let mut commands: Vec<String> = pages.into_keys().collect();
    let mut expected: Vec<String> = <replylint::cli::Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    commands.sort();
    expected.sort();
    assert_eq!(
        commands, expected,
        "a page for every command, and only those"
    );

    // No page for what is not a command; clap's `help` has none either.
    for name in ["help", "foo"] {
        let r = run_here(&["man", name], "");
        assert_eq!(r.code, 2, "{name}: {}", r.stdout);
        assert!(
            r.stderr.contains("the commands are check, rules"),
            "{}",
            r.stderr
        );
    }
    assert!(!main.stdout.contains("replylint\\-help"), "{}", main.stdout);

    // `--dir` writes the same pages.
    let dir = tempfile::tempdir().unwrap();
    let man1 = dir.path().join("man/man1");
    let r = run_here(&["man", "--dir", man1.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut written: Vec<String> = std::fs::read_dir(&man1)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut files: Vec<String> = commands
        .iter()
        .map(|c| format!("replylint-{c}.1"))
        .chain(["replylint.1".to_owned()])
        .collect();
    files.sort();
    assert_eq!(written, files);
    assert_eq!(
        std::fs::read_to_string(man1.join("replylint-check.1")).unwrap(),
        run_here(&["man", "check"], "").stdout
    );
}
