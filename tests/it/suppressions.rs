//! Suppressions (SPEC §4 `allow`, §5 per-path ignores): comments in a
//! reply's body (`<!-- replylint-disable RULE -->`, `-enable`,
//! `-disable-next-line`), `[per-path-ignores]` in the config, and the
//! errors an unknown rule id or directive in them causes. The comments
//! are invisible to every rule, and positions still point into the file.

use crate::common::{Run, Tree};

/// Two forbid rules to suppress, next to the built-in ones.
const CONFIG: &str = r#"[[rule]]
id = "no-unfortunately"
kind = "forbid"
phrases = ["unfortunately"]
message = "say what we can do"

[[rule]]
id = "asap"
kind = "forbid"
phrases = ["asap"]
message = "spell out `{match}`"
"#;

fn tree(files: &[(&str, &str)]) -> Tree {
    let mut all = vec![("replylint.toml", CONFIG)];
    all.extend_from_slice(files);
    Tree::new(&all)
}

fn check_stdin(args: &[&str], stdin: &str) -> Run {
    let mut all = vec!["check", "--color", "never"];
    all.extend_from_slice(args);
    all.push("-");
    tree(&[]).run_at("", &all, Some(stdin))
}

fn lint(args: &[&str], stdin: &str) -> String {
    let mut all = vec!["check", "--color", "never"];
    all.extend_from_slice(args);
    all.push("-");
    tree(&[]).transcript("", &all, Some(stdin))
}

/// `(line, column, rule)` of every diagnostic of a JSON run.
fn where_(r: &Run) -> Vec<(u64, u64, String)> {
    r.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn found(args: &[&str], stdin: &str) -> Vec<(u64, u64, String)> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let r = check_stdin(&all, stdin);
    assert_eq!(r.code.min(1), r.code, "replylint failed: {}", r.stderr);
    where_(&r)
}

fn d(line: u64, column: u64, rule: &str) -> (u64, u64, String) {
    (line, column, rule.to_owned())
}

// ---------------------------------------------------------------- comments

#[test]
fn disable_and_enable_a_region() {
    let text = "Hi Anna!\n\
                <!-- replylint-disable no-unfortunately, asap -->\n\
                Unfortunately we will call you asap.\n\
                <!-- replylint-enable no-unfortunately -->\n\
                Unfortunately the other line, asap too.\n";
    insta::assert_snapshot!(lint(&["--channel", "chat"], text));
    assert_eq!(
        found(&["--channel", "chat"], text),
        [d(5, 1, "no-unfortunately")]
    );
}

#[test]
fn a_comment_without_ids_disables_every_rule() {
    let text = "Unfortunately  asap!\n<!-- replylint-disable -->\nUnfortunately  asap!\n<!-- replylint-enable -->\nUnfortunately  asap!";
    let got = found(&["--channel", "sms"], text);
    assert!(got.iter().all(|(line, _, _)| *line != 3), "{got:?}");
    for line in [1, 5] {
        for rule in ["no-unfortunately", "asap", "whitespace"] {
            assert!(
                got.iter().any(|(l, _, r)| *l == line && r == rule),
                "{rule} on line {line}: {got:?}"
            );
        }
    }
}

#[test]
fn disable_next_line_covers_the_next_line_of_text_only() {
    let text = "Hi Anna!\n\
                <!-- replylint-disable-next-line asap -->\n\
                <!-- replylint-disable-next-line no-unfortunately -- the customer asked for it -->\n\
                Unfortunately we will call you asap.\n\
                Unfortunately again, asap.";
    assert_eq!(
        found(&["--channel", "chat"], text),
        [d(5, 1, "no-unfortunately"), d(5, 22, "asap")]
    );
}

#[test]
fn a_disable_on_a_line_covers_that_whole_line() {
    let text = "Unfortunately, asap. <!-- replylint-disable asap -->\nasap";
    assert_eq!(
        found(&["--channel", "sms"], text),
        [d(1, 1, "no-unfortunately")]
    );
}

#[test]
fn suppressions_work_in_plain_text_files_and_libraries_with_file_positions() {
    let t = tree(&[
        (
            "drafts/late.sms.txt",
            "<!-- replylint-disable-next-line no-unfortunately -->\r\nUnfortunately the courier is late.\r\n<!-- replylint-disable asap -->\r\nWe call you asap.\r\n",
        ),
        (
            "macros.toml",
            "[[reply]]\nid = \"late\"\nchannel = \"sms\"\ntext = \"\"\"\n<!-- replylint-disable asap -->\nWe call you asap.\n<!-- replylint-enable -->\nUnfortunately, asap.\n\"\"\"\n",
        ),
    ]);
    let r = t.run(&["check", "--color", "never", "--format", "line", "."]);
    insta::assert_snapshot!(crate::common::located(&r.stdout));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

// ------------------------------------------- comments are invisible to rules

#[test]
fn comments_do_not_break_greeting_sign_off_or_whitespace_rules() {
    let text = "<!-- replylint-disable asap -->\n\n\
                Dear Ms Smith,\n\n\
                your refund was issued today. <!-- replylint-disable-next-line no-unfortunately -->\n\
                Unfortunately it takes a few days.\n\n\
                <!-- replylint-enable -->\n\n\
                Kind regards\n\
                Anna\n\n\
                <!-- replylint-disable whitespace -->\n";
    let got = found(&["--channel", "email", "--lang", "en"], text);
    assert_eq!(got, [], "nothing to report: {got:?}");
}

#[test]
fn comments_do_not_count_towards_length_and_are_not_placeholders() {
    let tweet = "We are sorry your parcel is late: it left our warehouse on Monday and should reach you by Friday. "
        .repeat(3);
    let tweet = &tweet[..280];
    let text = format!(
        "<!-- replylint-disable-next-line asap -->\n{tweet}\n<!-- replylint-disable asap -- TODO: ask <NAME> -->"
    );
    let got = found(&["--channel", "twitter"], &text);
    assert!(
        !got.iter()
            .any(|(_, _, r)| r == "max-length" || r == "placeholder"),
        "{got:?}"
    );
}

#[test]
fn fixes_land_next_to_comments_without_touching_them() {
    let t = tree(&[(
        "reply.chat.md",
        "Hi Anna! <!-- replylint-disable asap -->\nThe parcel  left today, asap.\n",
    )]);
    let r = t.run(&["check", "--color", "never", "--fix", "reply.chat.md"]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(t.root.join("reply.chat.md")).unwrap(),
        "Hi Anna! <!-- replylint-disable asap -->\nThe parcel left today, asap.\n"
    );
}

// ---------------------------------------------------------------- mistakes

#[test]
fn unknown_ids_and_directives_are_errors_at_their_place_and_the_rest_applies() {
    let text = "Hi Anna!\n\
                <!-- replylint-disable no-unfortunatly, asap -->\n\
                Unfortunately we will call you asap.\n\
                <!-- replylint-disabel asap -->\n\
                <!-- replylint-disable-next-line -->\n";
    insta::assert_snapshot!(lint(&["--channel", "chat"], text));
}

#[test]
fn user_rule_ids_and_built_in_ids_are_both_known() {
    let text = "<!-- replylint-disable greeting, no-unfortunately, max-length -->\nUnfortunately.";
    let r = check_stdin(&["--channel", "email"], text);
    assert_eq!(r.stderr, "", "no unknown ids");
}

// ---------------------------------------------------------------- per-path ignores

const IGNORES: &str = r#"[[rule]]
id = "no-unfortunately"
kind = "forbid"
phrases = ["unfortunately"]

[per-path-ignores]
"legacy" = ["no-unfortunately", "whitespace"]
"**/*.sms.txt" = ["sms-segments"]
"#;

#[test]
fn per_path_ignores_turn_rules_off_under_a_path() {
    let long = "Unfortunately the parcel is late. ".repeat(6);
    let t = Tree::new(&[
        ("replylint.toml", IGNORES),
        ("legacy/a.txt", "Unfortunately  late."),
        ("legacy/deep/b.sms.txt", &long),
        ("new/a.txt", "Unfortunately  late."),
        ("new/b.sms.txt", &long),
    ]);
    let r = t.run(&["check", "--color", "never", "--format", "line", "."]);
    insta::assert_snapshot!(crate::common::located(&r.stdout));
    // From a subfolder, globs stay relative to the config file.
    let r = t.run_at(
        "legacy",
        &["check", "--color", "never", "--format", "json", "a.txt"],
        None,
    );
    assert_eq!(where_(&r), []);
    // `--stdin-filename` is matched like a path.
    let r = t.run_at(
        "",
        &[
            "check",
            "--color",
            "never",
            "--format",
            "json",
            "--stdin-filename",
            "legacy/x.txt",
            "-",
        ],
        Some("Unfortunately  late."),
    );
    assert_eq!(where_(&r), []);
    let r = t.run_at(
        "",
        &["check", "--color", "never", "--format", "json", "-"],
        Some("Unfortunately  late."),
    );
    assert_eq!(
        where_(&r),
        [d(1, 1, "no-unfortunately"), d(1, 14, "whitespace")]
    );
}

#[test]
fn per_path_ignore_errors_name_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "unknown rule id",
            "[per-path-ignores]\n\"legacy/**\" = [\"greetng\"]\n",
        ),
        (
            "unknown user rule id",
            "[[rule]]\nid = \"no-sorry\"\nkind = \"forbid\"\nphrases = [\"sorry\"]\n\n[per-path-ignores]\n\"legacy/**\" = [\"greeting\", \"no-sory\"]\n",
        ),
        (
            "invalid glob",
            "[per-path-ignores]\n\"legacy/[\" = [\"greeting\"]\n",
        ),
        ("no rules", "[per-path-ignores]\n\"legacy\" = []\n"),
        (
            "misspelled table",
            "[per-file-ignores]\n\"legacy\" = [\"greeting\"]\n",
        ),
    ];
    let mut out = String::new();
    for (name, config) in cases {
        let t = Tree::new(&[("replylint.toml", config)]);
        let r = t.run_at("", &["check", "--color", "never", "-"], Some("Hi"));
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        out.push_str(&format!(
            "===== {name}\n{config}----- stderr -----\n{}\n",
            r.stderr.replace(t.root.to_str().unwrap(), "[TMP]")
        ));
    }
    insta::assert_snapshot!(out);
}
