//! Setting replylint up: `init` (a commented starter config), `config
//! [PATH]` (the resolved settings and where they came from), shell
//! completions, the man page and `--version` (SPEC §5, §7).

use crate::common::Tree;

fn run(tree: &Tree, args: &[&str]) -> crate::common::Run {
    tree.run(args)
}

// ------------------------------------------------------------------ init

#[test]
fn init_writes_the_commented_starter_file() {
    let tree = Tree::new(&[]);
    let r = run(&tree, &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Wrote replylint.toml"), "{}", r.stdout);
    let written = std::fs::read_to_string(tree.root.join("replylint.toml")).unwrap();
    assert_eq!(written, replylint::init::starter());
    // Every setting is commented out: the file changes nothing.
    assert!(
        written.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "{written}"
    );
    let check = tree.run_at(
        "",
        &["check", "-"],
        Some("Hi Anna, your refund is on its way.\n"),
    );
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn init_refuses_to_overwrite_a_config() {
    let tree = Tree::new(&[("replylint.toml", "channel = \"sms\"\n")]);
    let r = run(&tree, &["init"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("replylint.toml already exists; not overwritten"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(tree.root.join("replylint.toml")).unwrap(),
        "channel = \"sms\"\n"
    );
}

#[test]
fn init_refuses_beside_a_hidden_config() {
    let tree = Tree::new(&[(".replylint.toml", "")]);
    let r = run(&tree, &["init"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(".replylint.toml already exists"),
        "{}",
        r.stderr
    );
    assert!(!tree.root.join("replylint.toml").exists());
}

/// The settings in the starter file are real: uncommented, every one of
/// them is accepted (an unknown key or rule id would be an error).
#[test]
fn every_setting_in_the_starter_file_is_valid_when_uncommented() {
    let uncommented: String = replylint::init::starter()
        .lines()
        .filter(|l| !l.starts_with("##"))
        .map(|l| l.strip_prefix("# ").unwrap_or(l.trim_start_matches('#')))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(uncommented.contains("[[rule]]"), "{uncommented}");
    let tree = Tree::new(&[("replylint.toml", &uncommented)]);
    let r = run(&tree, &["config", "replies/twitter/a.txt"]);
    assert_eq!(r.code, 0, "{}\n{uncommented}", r.stderr);
    assert!(r.stdout.contains("channel = \"twitter\""), "{}", r.stdout);
    let r = tree.run_at(
        "",
        &["check", "-"],
        Some("Gentile Mario,\n\nil rimborso è stato approvato.\n\nCordiali saluti\n"),
    );
    assert_ne!(r.code, 2, "{}", r.stderr);
}

// ---------------------------------------------------------------- config

/// A project: a config with defaults and path patterns, a folder named
/// after a channel, a file with front matter.
fn project() -> Tree {
    Tree::new(&[
        (
            "replylint.toml",
            concat!(
                "language = \"it\"\n",
                "\n",
                "[[paths]]\n",
                "glob = \"macros/**\"\n",
                "mode = \"template\"\n",
                "\n",
                "[channels.sms]\n",
                "max-segments = 2\n",
                "\n",
                "[channels.sms.rules]\n",
                "whitespace = \"off\"\n",
            ),
        ),
        ("replies/sms/a.txt", "Ciao Anna\n"),
        (
            "replies/chat/b.md",
            "+++\nchannel = \"chat\"\nlanguage = \"en\"\n+++\nHi Anna!\n",
        ),
    ])
}

/// The `[reply]` part of `config`'s output (the channel table is checked
/// apart, as it grows with every rule).
fn reply_part(stdout: &str) -> String {
    stdout
        .split("\n[channel]")
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn config_transcript(tree: &Tree, args: &[&str]) -> String {
    let r = tree.run(args);
    format!(
        "$ replylint {}\n{}\n----- exit: {} -----\n{}",
        args.join(" "),
        reply_part(&r.stdout),
        r.code,
        r.stderr
    )
    .replace(tree.root.to_str().unwrap(), "[TMP]")
}

#[test]
fn config_says_where_channel_language_and_mode_come_from() {
    let tree = project();
    insta::assert_snapshot!(
        [
            config_transcript(&tree, &["config", "replies/sms/a.txt"]),
            config_transcript(&tree, &["config", "replies/chat/b.md"]),
            config_transcript(&tree, &["config", "macros/refund.toml"]),
            config_transcript(
                &tree,
                &[
                    "config",
                    "--channel",
                    "x",
                    "--lang",
                    "de",
                    "replies/sms/a.txt"
                ]
            ),
            config_transcript(&tree, &["config", "--no-config", "notes/a.txt"]),
        ]
        .join("\n")
    );
}

/// The `[channel]` table is TOML holding the channel's resolved settings
/// (config overrides applied) and a level for every rule.
#[test]
fn config_prints_the_channel_settings_and_every_rule_level() {
    let tree = project();
    let r = tree.run(&["config", "replies/sms/a.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: toml::Table = toml::from_str(&r.stdout).expect("config prints TOML");
    let channel = doc["channel"].as_table().unwrap();
    assert_eq!(channel["id"].as_str(), Some("sms"));
    assert_eq!(
        channel["max-segments"].as_integer(),
        Some(2),
        "the config's override"
    );
    let rules = channel["rules"].as_table().unwrap();
    assert_eq!(
        rules["whitespace"].as_str(),
        Some("off"),
        "the config's level"
    );
    let ids = tree.run(&["rules", "--format", "json"]).json();
    for rule in ids.as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert!(
            ["off", "info", "warning", "error"].contains(&rules[id].as_str().unwrap_or("?")),
            "{id}: {:?}",
            rules.get(id)
        );
    }
    assert_eq!(doc["reply"]["channel"].as_str(), Some("sms"));
}

#[test]
fn config_reports_an_unknown_channel_in_front_matter() {
    let tree = Tree::new(&[("a.md", "---\nchannel: twiter\n---\nHi\n")]);
    let r = tree.run(&["config", "--no-config", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `twitter`"), "{}", r.stderr);
}

// ------------------------------------------------ completions, man, version

#[test]
fn completions_are_generated_for_every_shell() {
    let tree = Tree::new(&[]);
    for (shell, marker) in [
        ("bash", "_replylint()"),
        ("zsh", "#compdef replylint"),
        ("fish", "complete -c replylint"),
        ("elvish", "replylint"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let r = run(&tree, &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}: {}", r.stdout);
        if shell != "elvish" {
            // Subcommands and flags come from the clap definitions.
            for word in ["check", "explain", "format", "unsafe-fixes"] {
                assert!(r.stdout.contains(word), "{shell} completion lacks {word}");
            }
            if shell != "powershell" {
                assert!(r.stdout.contains("sarif"), "{shell} completes format names");
            }
        }
    }
    let r = run(&tree, &["completions", "tcsh"]);
    assert_eq!(r.code, 2, "an unknown shell is a usage error");
}

#[test]
fn the_man_page_is_roff_from_the_clap_definitions() {
    let tree = Tree::new(&[]);
    let man = run(&tree, &["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.contains(".TH replylint 1"), "{}", man.stdout);
    assert!(man.stdout.contains(".SH NAME"));
    assert!(man.stdout.contains(env!("CARGO_PKG_VERSION")));
    for word in ["completions", "init", "config"] {
        assert!(man.stdout.contains(word), "the man page lists `{word}`");
    }
    let flag = run(&tree, &["--man"]);
    assert_eq!((flag.code, flag.stdout), (0, man.stdout));
}

#[test]
fn version_prints_name_and_version() {
    let tree = Tree::new(&[]);
    let r = run(&tree, &["--version"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        format!("replylint {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// `replylint completions bash | head -1`: a reader that is already gone
/// ends the run quietly, as for `check` (`clap_complete` itself panics on
/// a failed write).
#[test]
fn printing_to_a_closed_pipe_causes_no_panic() {
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["man"],
        &["rules"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("replylint"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
