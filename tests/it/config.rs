//! Configuration end to end (SPEC §5): discovery of `replylint.toml` and
//! `.replylint.toml`, `--config` and `--no-config`, layering (built-in
//! channel → user file → command line), path patterns, new channels,
//! `exclude`, and errors that name file, line and column with a "did you
//! mean".

use crate::common::{Run, Tree, located};
use std::path::Path;

/// `(path, line, column, rule, message)` of every diagnostic of a JSON run.
fn diagnostics(r: &Run) -> Vec<(String, u64, u64, String, String)> {
    assert_ne!(r.code, 2, "replylint failed: {}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The channel of every diagnostic, by path.
fn channels(r: &Run) -> Vec<(String, String)> {
    assert_ne!(r.code, 2, "replylint failed: {}", r.stderr);
    let mut v: Vec<(String, String)> = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["channel"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    v.dedup();
    v
}

fn owned(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// 150 characters: over a 100 limit, under twitter's 280.
fn long() -> String {
    "a".repeat(150)
}

const TWITTER_100: &str = "channel = \"twitter\"\n\n[channels.twitter]\nmax-length = 100\n";

fn max_length_message(r: &Run) -> Option<String> {
    diagnostics(r)
        .into_iter()
        .find(|d| d.3 == "max-length")
        .map(|d| d.4)
}

// ---------------------------------------------------------------- discovery

#[test]
fn replylint_toml_is_found_walking_up_from_a_subdirectory() {
    let tree = Tree::new(&[("replylint.toml", TWITTER_100)]);
    let r = tree.run_at("team/drafts", &["--format", "json", "-"], Some(&long()));
    assert_eq!(
        max_length_message(&r).as_deref(),
        Some("150/100 weighted characters on `twitter`")
    );
    assert_eq!(r.code, 1);
}

#[test]
fn dot_replylint_toml_is_found_too() {
    let tree = Tree::new(&[(".replylint.toml", TWITTER_100)]);
    let r = tree.run_at("sub", &["--format", "json", "-"], Some(&long()));
    assert_eq!(
        max_length_message(&r).as_deref(),
        Some("150/100 weighted characters on `twitter`")
    );
}

#[test]
fn the_nearest_config_wins_and_replylint_toml_before_the_dot_file() {
    let tree = Tree::new(&[
        ("replylint.toml", TWITTER_100),
        (
            "sub/.replylint.toml",
            "[channels.twitter]\nmax-length = 120\n",
        ),
        (
            "sub/replylint.toml",
            "[channels.twitter]\nmax-length = 110\n",
        ),
    ]);
    let args = ["--channel", "twitter", "--format", "json", "-"];
    let r = tree.run_at("sub", &args, Some(&long()));
    assert_eq!(
        max_length_message(&r).as_deref(),
        Some("150/110 weighted characters on `twitter`")
    );
    // Configs do not merge: the parent's `channel = "twitter"` is not read.
    let r = tree.run_at("sub", &["--format", "json", "-"], Some(&long()));
    assert_eq!(max_length_message(&r), None);
}

#[test]
fn config_flag_replaces_discovery() {
    let tree = Tree::new(&[
        ("replylint.toml", TWITTER_100),
        (
            "other.toml",
            "channel = \"twitter\"\n[channels.twitter]\nmax-length = 140\n",
        ),
    ]);
    let args = ["--config", "other.toml", "--format", "json", "-"];
    let r = tree.run_at("", &args, Some(&long()));
    assert_eq!(
        max_length_message(&r).as_deref(),
        Some("150/140 weighted characters on `twitter`")
    );
}

#[test]
fn no_config_ignores_discovered_files() {
    let tree = Tree::new(&[("replylint.toml", TWITTER_100)]);
    let r = tree.run_at("", &["--no-config", "--format", "json", "-"], Some(&long()));
    assert_eq!(diagnostics(&r), vec![]);
    assert_eq!(r.json()["summary"]["replies_without_channel"], 1);
    assert_eq!(r.code, 0);
}

#[test]
fn config_and_no_config_together_are_a_usage_error() {
    let tree = Tree::new(&[("replylint.toml", TWITTER_100)]);
    let r = tree.run(&["--config", "replylint.toml", "--no-config", "-"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
}

#[test]
fn a_missing_config_file_is_an_error() {
    let tree = Tree::new(&[]);
    insta::assert_snapshot!(tree.transcript("", &["--config", "nope.toml", "-"], Some("hi")));
}

// ----------------------------------------------------------------- layering

#[test]
fn a_channel_table_lowers_the_built_in_limit() {
    let tree = Tree::new(&[("replylint.toml", "[channels.twitter]\nmax-length = 100\n")]);
    let args = ["--channel", "twitter", "--format", "json", "-"];
    let r = tree.run_at("", &args, Some(&long()));
    assert_eq!(
        diagnostics(&r),
        vec![(
            "<stdin>".to_owned(),
            1,
            101,
            "max-length".to_owned(),
            "150/100 weighted characters on `twitter`".to_owned()
        )]
    );
    // The other built-in settings of the channel stay: still weighted, still
    // aliased as `x`.
    let args = ["--channel", "x", "--format", "json", "-"];
    let r = tree.run_at("", &args, Some(&long()));
    assert_eq!(
        max_length_message(&r).as_deref(),
        Some("150/100 weighted characters on `twitter`")
    );
}

#[test]
fn a_channel_table_named_by_an_alias_configures_that_channel() {
    let tree = Tree::new(&[("replylint.toml", "[channels.x]\nmax-length = 100\n")]);
    let args = ["--channel", "twitter", "--format", "json", "-"];
    let r = tree.run_at("", &args, Some(&long()));
    assert_eq!(
        max_length_message(&r).as_deref(),
        Some("150/100 weighted characters on `twitter`")
    );
    let r = tree.run(&["channels"]);
    let twitter = r
        .stdout
        .lines()
        .find(|l| l.starts_with("twitter "))
        .unwrap();
    assert!(twitter.contains(" 100 "), "{twitter}");
    assert!(
        !r.stdout.lines().any(|l| l.starts_with("x ")),
        "{}",
        r.stdout
    );
}

#[test]
fn rules_off_turns_a_rule_off_everywhere() {
    let tree = Tree::new(&[
        ("replylint.toml", "[rules]\nwhitespace = \"off\"\n"),
        ("a.txt", "Hi  Anna,  thanks. \n"),
    ]);
    let r = tree.run(&["--format", "json", "a.txt"]);
    assert_eq!(diagnostics(&r), vec![]);
    let r = tree.run(&["--no-config", "--format", "json", "a.txt"]);
    // Two double spaces; the trailing space nobody sees is not reported.
    assert_eq!(diagnostics(&r).len(), 2);
}

#[test]
fn a_channel_rules_table_changes_a_level_on_that_channel_only() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.chat.rules]\nmax-length = \"error\"\n",
    )]);
    let text = "a".repeat(1001);
    let r = tree.run_at(
        "",
        &["--channel", "chat", "--format", "line", "-"],
        Some(&text),
    );
    assert_eq!(
        r.stdout,
        "<stdin>:1:1001: error[max-length]: 1001/1000 characters on `chat`\n"
    );
    assert_eq!(r.code, 1);
    // Built in, it is a warning on chat.
    let r = tree.run_at(
        "",
        &["--no-config", "--channel", "chat", "--format", "line", "-"],
        Some(&text),
    );
    assert_eq!(
        r.stdout,
        "<stdin>:1:1001: warning[max-length]: 1001/1000 characters on `chat`\n"
    );
    assert_eq!(r.code, 0);
}

#[test]
fn a_channel_rules_table_beats_the_global_rules_table() {
    let config = "[rules]\nwhitespace = \"off\"\n\n[channels.sms.rules]\nwhitespace = \"error\"\n";
    let tree = Tree::new(&[("replylint.toml", config)]);
    let text = "Ciao  Luca";
    let sms = tree.run_at(
        "",
        &["--channel", "sms", "--format", "line", "-"],
        Some(text),
    );
    assert_eq!(located(&sms.stdout), "<stdin>:1:5: error[whitespace]\n");
    let chat = tree.run_at(
        "",
        &["--channel", "chat", "--format", "line", "-"],
        Some(text),
    );
    assert_eq!(chat.stdout, "");
}

#[test]
fn the_command_line_beats_the_config_default_channel() {
    let tree = Tree::new(&[("replylint.toml", "channel = \"sms\"\n")]);
    let text = "a".repeat(300);
    let r = tree.run_at("", &["--format", "json", "-"], Some(&text));
    assert_eq!(channels(&r), owned(&[("<stdin>", "sms")]));
    let r = tree.run_at(
        "",
        &["--channel", "twitter", "--format", "json", "-"],
        Some(&text),
    );
    assert_eq!(channels(&r), owned(&[("<stdin>", "twitter")]));
}

#[test]
fn front_matter_beats_the_command_line() {
    let text = format!("+++\nchannel = \"sms\"\n+++\n{}\n", "a".repeat(300));
    let tree = Tree::new(&[("reply.md", &text)]);
    let r = tree.run(&["--channel", "twitter", "--format", "json", "reply.md"]);
    assert_eq!(channels(&r), owned(&[("reply.md", "sms")]));
}

// ------------------------------------------------------------ path patterns

const SMS_PATTERN: &str = "[[paths]]\nglob = \"sms/**\"\nchannel = \"sms\"\n";

#[test]
fn a_path_pattern_sets_the_channel() {
    let text = "a".repeat(300);
    let tree = Tree::new(&[
        ("replylint.toml", SMS_PATTERN),
        ("sms/promo/a.txt", &text),
        ("other/b.txt", &text),
    ]);
    let r = tree.run(&["--format", "json"]);
    assert_eq!(channels(&r), owned(&[("sms/promo/a.txt", "sms")]));
    assert_eq!(r.json()["summary"]["replies_without_channel"], 1);
}

#[test]
fn path_patterns_are_relative_to_the_config_file_not_the_working_directory() {
    let text = "a".repeat(300);
    let tree = Tree::new(&[("replylint.toml", SMS_PATTERN), ("sms/promo/a.txt", &text)]);
    // Run inside `sms/promo`: the file is `a.txt` there but `sms/promo/a.txt`
    // for the pattern.
    let r = tree.run_at("sms/promo", &["--format", "json", "a.txt"], None);
    assert_eq!(channels(&r), owned(&[("a.txt", "sms")]));
    let r = tree.run_at("sms", &["--format", "json"], None);
    assert_eq!(channels(&r), owned(&[("promo/a.txt", "sms")]));
    let r = tree.run_at("other", &["--format", "json", "../sms/promo/a.txt"], None);
    assert_eq!(channels(&r), owned(&[("../sms/promo/a.txt", "sms")]));
}

#[test]
fn a_path_pattern_beats_the_folder_convention_and_the_last_match_wins() {
    let config = "[[paths]]\nglob = \"twitter/**\"\nchannel = \"chat\"\n\n\
                  [[paths]]\nglob = \"twitter/sms/**\"\nchannel = \"sms\"\n";
    let text = "a".repeat(1100);
    let tree = Tree::new(&[
        ("replylint.toml", config),
        ("twitter/a.txt", &text),
        ("twitter/sms/b.txt", &text),
    ]);
    let r = tree.run(&["--format", "json"]);
    assert_eq!(
        channels(&r),
        owned(&[("twitter/a.txt", "chat"), ("twitter/sms/b.txt", "sms")])
    );
}

// ------------------------------------------------------------- new channels

#[test]
fn a_new_channel_extends_a_built_in_one() {
    let config = "[channels.support-email]\nextends = \"email\"\ndescription = \"Support mailbox.\"\nmax-length = 120\n";
    let tree = Tree::new(&[("replylint.toml", config)]);
    let r = tree.run(&["channels"]);
    let row: Vec<&str> = r
        .stdout
        .lines()
        .find(|l| l.starts_with("support-email "))
        .unwrap_or_else(|| panic!("no support-email row:\n{}", r.stdout))
        .split_whitespace()
        .collect();
    assert_eq!(row[..4], ["support-email", "graphemes", "120", "no"]);
    let args = ["--channel", "support-email", "--format", "json", "-"];
    let r = tree.run_at("", &args, Some(&long()));
    assert_eq!(
        max_length_message(&r).as_deref(),
        Some("150/120 characters on `support-email`")
    );
}

#[test]
fn a_new_channel_inherits_its_parents_limit_and_rule_levels() {
    let config = "[rules]\nwhitespace = \"error\"\n\n[channels.vip-chat]\nextends = \"chat\"\n";
    let tree = Tree::new(&[("replylint.toml", config)]);
    let text = format!("Hi  {}", "a".repeat(1000));
    let args = ["--channel", "vip-chat", "--format", "line", "-"];
    let r = tree.run_at("", &args, Some(&text));
    assert_eq!(
        located(&r.stdout),
        "<stdin>:1:3: error[whitespace]\n\
         <stdin>:1:1001: warning[max-length]\n"
    );
}

#[test]
fn a_new_channel_can_be_used_in_a_path_pattern() {
    let config =
        "[channels.vip]\nextends = \"sms\"\n\n[[paths]]\nglob = \"vip/*.txt\"\nchannel = \"vip\"\n";
    let tree = Tree::new(&[("replylint.toml", config), ("vip/a.txt", &"a".repeat(200))]);
    let r = tree.run(&["--format", "line"]);
    assert_eq!(
        r.stdout,
        "vip/a.txt:1:154: warning[sms-segments]: 2 SMS parts (GSM-7, 200 septets); the limit is 1\n"
    );
}

#[test]
fn a_new_channel_named_like_a_built_in_one_must_say_what_it_extends() {
    let tree = Tree::new(&[("replylint.toml", "[channels.twiter]\nmax-length = 100\n")]);
    insta::assert_snapshot!(tree.transcript("", &["--format", "line", "-"], Some("hi")));
}

#[test]
fn extends_names_a_known_channel() {
    let tree = Tree::new(&[("replylint.toml", "[channels.vip]\nextends = \"emial\"\n")]);
    insta::assert_snapshot!(tree.transcript("", &["channels"], None));
}

// ------------------------------------------------------------------ exclude

#[test]
fn exclude_globs_skip_files_and_folders() {
    let config = "exclude = [\"drafts/**\", \"archive\", \"**/*.old.txt\"]\n";
    let tree = Tree::new(&[
        ("replylint.toml", config),
        ("drafts/a.txt", "a  b"),
        ("archive/2019/b.txt", "a  b"),
        ("live/c.old.txt", "a  b"),
        ("live/d.txt", "a  b"),
    ]);
    let r = tree.run(&["--format", "line"]);
    assert_eq!(located(&r.stdout), "live/d.txt:1:2: warning[whitespace]\n");
    // From a subdirectory the globs are still relative to the config file.
    let r = tree.run_at("archive", &["--format", "line"], None);
    assert_eq!(r.stdout, "");
    assert_eq!(r.code, 0);
    let r = tree.run_at("live", &["--format", "line", "."], None);
    assert_eq!(located(&r.stdout), "d.txt:1:2: warning[whitespace]\n");
}

#[test]
fn a_file_named_on_the_command_line_is_checked_even_if_excluded() {
    let tree = Tree::new(&[
        ("replylint.toml", "exclude = [\"drafts/**\"]\n"),
        ("drafts/a.txt", "a  b"),
    ]);
    let r = tree.run(&["--format", "line", "drafts/a.txt"]);
    assert_eq!(
        located(&r.stdout),
        "drafts/a.txt:1:2: warning[whitespace]\n"
    );
    let r = tree.run(&["--format", "line", "drafts"]);
    assert_eq!(r.stdout, "");
}

// ------------------------------------------------------------------- errors

#[test]
fn a_misspelled_key_names_file_line_column_and_the_right_key() {
    let tree = Tree::new(&[("replylint.toml", "# team settings\nchanel = \"email\"\n")]);
    insta::assert_snapshot!(tree.transcript("", &["--format", "line", "-"], Some("hi")));
}

#[test]
fn a_misspelled_key_in_a_discovered_file_names_that_file() {
    let tree = Tree::new(&[(".replylint.toml", "\n\nlangauge = \"it\"\n")]);
    let r = tree.run_at("a/b", &["-"], Some("hi"));
    let expected = format!(
        "error: {}:3:1: unknown key `langauge` (did you mean `language`?)\n",
        tree.root.join(".replylint.toml").display()
    );
    assert_eq!(r.stderr, expected);
    assert_eq!((r.stdout.as_str(), r.code), ("", 2));
}

#[test]
fn a_misspelled_key_in_a_channel_table_is_an_error() {
    let tree = Tree::new(&[("replylint.toml", "[channels.twitter]\nmax-lenght = 100\n")]);
    insta::assert_snapshot!(tree.transcript("", &["-"], Some("hi")));
}

#[test]
fn a_misspelled_key_in_a_path_pattern_is_an_error() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[[paths]]\nglob = \"sms/**\"\nchanel = \"sms\"\n",
    )]);
    let r = tree.run_at("", &["-"], Some("hi"));
    assert_eq!(
        r.stderr,
        "error: replylint.toml:3:1: unknown key `chanel` (did you mean `channel`?)\n".replace(
            "replylint.toml",
            &tree.root.join("replylint.toml").display().to_string()
        )
    );
    assert_eq!(r.code, 2);
}

#[test]
fn a_misspelled_rule_id_in_rules_is_an_error() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[rules]\nwhitespace = \"off\"\nmax-lenght = \"error\"\n",
    )]);
    insta::assert_snapshot!(tree.transcript("", &["--config", "replylint.toml", "-"], Some("hi")));
}

#[test]
fn a_misspelled_rule_id_in_a_channel_rules_table_is_an_error() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.chat.rules]\nplaceholders = \"off\"\n",
    )]);
    let r = tree.run_at("", &["--config", "replylint.toml", "-"], Some("hi"));
    assert_eq!(
        r.stderr,
        "error: replylint.toml:2:1: unknown rule `placeholders` (did you mean `placeholder`?)\n"
    );
    assert_eq!(r.code, 2);
}

#[test]
fn an_unknown_channel_in_a_path_pattern_is_an_error() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[[paths]]\nglob = \"wa/**\"\nchannel = \"whatsap\"\n",
    )]);
    insta::assert_snapshot!(tree.transcript("", &["--config", "replylint.toml", "-"], Some("hi")));
}

#[test]
fn an_unknown_default_channel_or_language_is_an_error() {
    let tree = Tree::new(&[
        ("a.toml", "channel = \"emial\"\n"),
        ("b.toml", "language = \"ita\"\n"),
    ]);
    let r = tree.run_at("", &["--config", "a.toml", "-"], Some("hi"));
    assert_eq!(
        r.stderr,
        "error: a.toml:1:11: unknown channel `emial` (did you mean `email`?)\n"
    );
    let r = tree.run_at("", &["--config", "b.toml", "-"], Some("hi"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: b.toml:1:12: unknown language `ita`"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_invalid_severity_suggests_the_right_one() {
    let tree = Tree::new(&[("replylint.toml", "[rules]\nwhitespace = \"warn\"\n")]);
    insta::assert_snapshot!(tree.transcript("", &["--config", "replylint.toml", "-"], Some("hi")));
}

#[test]
fn invalid_toml_reports_the_line() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "channel = \"sms\"\n[rules\nwhitespace = \"off\"\n",
    )]);
    insta::assert_snapshot!(tree.transcript("", &["--config", "replylint.toml", "-"], Some("hi")));
}

#[test]
fn an_invalid_glob_is_an_error() {
    let tree = Tree::new(&[("replylint.toml", "exclude = [\"drafts/[a\"]\n")]);
    let r = tree.run_at("", &["--config", "replylint.toml", "-"], Some("hi"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: replylint.toml:1:12: invalid glob"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_config_error_stops_the_run_before_any_file_is_checked() {
    let tree = Tree::new(&[
        ("replylint.toml", "chanel = \"sms\"\n"),
        ("a.txt", "Hi  Anna"),
    ]);
    for format in ["human", "line", "json", "jsonl"] {
        let r = tree.run(&["--format", format, "a.txt"]);
        assert_eq!(r.code, 2, "{format}");
        assert_eq!(r.stdout, "", "{format}");
        assert!(
            r.stderr.contains("did you mean `channel`"),
            "{format}: {}",
            r.stderr
        );
    }
}

#[test]
fn channels_reads_the_config_too() {
    let tree = Tree::new(&[("replylint.toml", "[channels.sms]\nmax-length = 3\n")]);
    let r = tree.run(&["channels"]);
    let sms: Vec<&str> = r
        .stdout
        .lines()
        .find(|l| l.starts_with("sms "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(sms[..3], ["sms", "sms-parts", "3"]);
    let r = tree.run(&["channels", "--no-config"]);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("sms ") && l.contains(" 1 "))
    );
    let _: &Path = tree.root.as_path();
}

#[test]
fn the_documented_configuration_examples_are_valid() {
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md"),
    )
    .expect("docs/configuration.md");
    let blocks: Vec<&str> = page
        .split("```toml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert!(
        !blocks.is_empty(),
        "docs/configuration.md has no TOML example"
    );
    for block in blocks {
        let tree = Tree::new(&[("replylint.toml", block)]);
        let r = tree.run(&["channels"]);
        assert_eq!(r.code, 0, "{}\n{block}", r.stderr);
        let r = tree.run_at("", &["--format", "json", "-"], Some("Hi Anna"));
        assert_ne!(r.code, 2, "{}\n{block}", r.stderr);
    }
}
