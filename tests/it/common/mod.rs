//! Shared helpers for the integration tests: run `replylint` the way a user
//! would (isolated from any config file on the machine) and render what it
//! printed for insta snapshots. A run on standard input with no config
//! ([`run`], [`lint`], [`diagnostics_of`]…) is the command line run
//! in-process ([`replylint::app::run_with`]); a run in a directory
//! ([`run_in`], [`Tree`]) is the real binary.
#![allow(dead_code)]

pub mod eval;
pub mod http;
pub mod lsp;
pub mod mcp;
pub mod phrases;
pub mod typos;

use assert_cmd::Command;
use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_io::input::{self, Input, Read};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// What one run printed.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    /// The run as a snapshot: command, input, output and exit code.
    pub fn transcript(&self, args: &[&str], stdin: Option<&str>) -> String {
        let mut s = format!("$ replylint {}\n", args.join(" "));
        if let Some(input) = stdin {
            s.push_str("----- stdin -----\n");
            s.push_str(input);
            if !input.ends_with('\n') {
                s.push_str("⏎ (no newline at end)\n");
            }
        }
        s.push_str("----- stdout -----\n");
        s.push_str(&self.stdout);
        if !self.stderr.is_empty() {
            s.push_str("----- stderr -----\n");
            s.push_str(&self.stderr);
        }
        s.push_str(&format!("----- exit: {} -----\n", self.code));
        s
    }

    /// Parse `--format json` output.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", self.stdout))
    }
}

/// Run `replylint ARGS` in `dir` with `stdin`, colour off.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::cargo_bin("replylint").expect("binary built");
    cmd.current_dir(dir)
        .args(args)
        // Spelling dictionaries: only those a test's config names, read
        // from their files, whatever this machine has compiled.
        .env(replylint_io::dictionaries::PATH_VARIABLE, "")
        .env(replylint_io::dictionaries::compiled::CACHE_VARIABLE, "")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("CLICOLOR", "0");
    cmd.write_stdin(stdin.unwrap_or("").as_bytes().to_vec());
    let out = cmd.output().expect("replylint runs");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Run `replylint ARGS` with `stdin` in-process: what the binary prints and
/// its exit code, without a process. For runs that need neither a working
/// directory of their own nor colour (the colour switch is the process's).
pub fn run_here(args: &[&str], stdin: &str) -> Run {
    // The `colored` crate's switch is the process's: every run in-process
    // keeps it off, as for the binary writing to a pipe.
    let colour = args.iter().rposition(|a| a.starts_with("--color"));
    let value = colour.map(|i| match args[i].strip_prefix("--color=") {
        Some(value) => value,
        None => args.get(i + 1).copied().unwrap_or_default(),
    });
    assert!(
        value != Some("always"),
        "a run in-process has no colour; use `run_in` for colour ({args:?})"
    );
    colored::control::set_override(false);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once("replylint").chain(args.iter().copied());
    // Spelling dictionaries: only those a test's config names, whatever
    // the machine has installed.
    let code = replylint::app::run_with_dictionaries(
        argv,
        stdin.as_bytes(),
        replylint_io::dictionaries::DictionarySearch::none(),
        &mut out,
        &mut err,
    );
    Run {
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
        code,
    }
}

/// [`run_here`] with the spelling dictionaries of the machine, as a
/// user's run finds them (`$DICPATH`, `/usr/share/hunspell`…): for the
/// evaluations on real replies.
pub fn run_installed(args: &[&str], stdin: &str) -> Run {
    colored::control::set_override(false);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once("replylint").chain(args.iter().copied());
    let code = replylint::app::run_with(argv, stdin.as_bytes(), &mut out, &mut err);
    Run {
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
        code,
    }
}

/// Run `replylint check --no-config --color never ARGS -` on `stdin`,
/// in-process.
pub fn run(args: &[&str], stdin: &str) -> Run {
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend_from_slice(args);
    all.push("-");
    run_here(&all, stdin)
}

/// A config that reports whitespace nobody sees too (trailing spaces,
/// two spaces after a sentence), for tests of the whitespace mechanics.
pub const ALL_WHITESPACE: &str = "invisible-whitespace = \"warning\"\n";

/// A config file holding [`ALL_WHITESPACE`], written once, outside every
/// test's tree: `--config` it where `--no-config` would hide whitespace
/// nobody sees.
pub fn all_whitespace_config() -> &'static str {
    static CONFIG: std::sync::OnceLock<(tempfile::TempDir, String)> = std::sync::OnceLock::new();
    &CONFIG.get_or_init(|| config_file(ALL_WHITESPACE)).1
}

/// A config file holding `config`, in a temporary folder of its own, and
/// its path.
fn config_file(config: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("replylint.toml");
    std::fs::write(&path, config).expect("write the config");
    let path = path.to_str().expect("UTF-8 path").to_owned();
    (dir, path)
}

/// [`run`] with a config file holding `config` instead of no config.
pub fn run_configured(config: &str, args: &[&str], stdin: &str) -> Run {
    let (_dir, path) = config_file(config);
    let mut all = vec!["check", "--config", &path, "--color", "never"];
    all.extend_from_slice(args);
    all.push("-");
    run_here(&all, stdin)
}

/// Snapshot transcript of linting `text` from stdin with `args`
/// (`--channel email --lang it`…), no config, colour off.
pub fn lint(args: &[&str], text: &str) -> String {
    let r = run(args, text);
    r.transcript(&[&["check"], args, &["-"]].concat(), Some(text))
}

/// The diagnostics of `rule` when linting `text` with `args`, as
/// `(line, column, message)`.
#[track_caller]
pub fn diagnostics_of(rule: &str, args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    assert_registered(rule);
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let r = run(&all, text);
    assert!(r.code != 2, "replylint failed: {}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            (
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Assert that `rule` says nothing about `text` (a must-pass case), where
/// it runs: `rule` must be a built-in rule that is on for every reply of
/// `text` on the channel it is checked on, or the case would pass without
/// checking anything.
#[track_caller]
pub fn assert_clean(rule: &str, args: &[&str], text: &str) {
    assert_registered(rule);
    let off = channels_where_off_with(rule, args, text);
    assert!(
        off.is_empty(),
        "`{rule}` is off on `{}`, where {text:?} is checked with {args:?}: \
         this must-pass case checks nothing; pass a channel where `{rule}` runs",
        off.join("`, `")
    );
    let found = diagnostics_of(rule, args, text);
    assert!(
        found.is_empty(),
        "`{rule}` should accept {text:?} with {args:?}, but reported {found:?}"
    );
}

/// Panic unless `rule` is a built-in rule.
#[track_caller]
pub fn assert_registered(rule: &str) {
    assert!(
        replylint_core::rules::by_id(rule).is_some(),
        "`{rule}` is not a registered rule; the rules are: {}",
        replylint_core::rules::ids().collect::<Vec<_>>().join(", ")
    );
}

/// Whether `rule` is on for `channel` with the built-in settings.
pub fn rule_is_on(rule: &str, channel: &str) -> bool {
    static BUILTIN: LazyLock<Settings> = LazyLock::new(|| {
        replylint_io::config::load(&no_config(), Path::new(".")).expect("built-in settings")
    });
    BUILTIN.channels[channel].level(rule).severity().is_some()
}

fn no_config() -> CliOverrides {
    CliOverrides {
        no_config: true,
        ..CliOverrides::default()
    }
}

/// The channels where `rule` is off among those the replies of `text`
/// are checked on, read from standard input by `replylint check
/// --no-config ARGS -` (its channel, language and mode, and the replies'
/// own front matter), as the command line decides them. Nothing when the
/// run would stop with an error: that run reports it.
fn channels_where_off_with(rule: &str, args: &[&str], text: &str) -> Vec<String> {
    use clap::Parser as _;
    use replylint::cli::{Cli, Command};
    let argv = ["replylint", "check", "--no-config"]
        .into_iter()
        .chain(args.iter().copied())
        .chain(["-"]);
    let Ok(Cli {
        command: Some(Command::Check(check)),
        ..
    }) = Cli::try_parse_from(argv)
    else {
        return Vec::new();
    };
    let overrides = CliOverrides {
        channel: check.channel,
        language: check.language,
        mode: check.mode,
        ..no_config()
    };
    let cwd = std::env::current_dir().expect("working directory");
    let Ok(settings) = replylint_io::config::load(&overrides, &cwd) else {
        return Vec::new();
    };
    channels_where_off(&settings, rule, check.stdin_filename.as_deref(), text)
}

/// The channels where `rule` is off among those the replies of `text`,
/// read from standard input named `path`, are checked on with `settings`.
pub fn channels_where_off(
    settings: &Settings,
    rule: &str,
    path: Option<&Path>,
    text: &str,
) -> Vec<String> {
    let name = path.map(|p| p.display().to_string());
    let Ok((Read::Replies(_, replies), _)) =
        input::read_all(&Input::Stdin, name.as_deref(), Some(text.as_bytes()))
    else {
        return Vec::new();
    };
    let mut off: Vec<String> = replies
        .iter()
        .filter_map(|reply| settings.reply_context(path, &reply.meta).ok())
        .filter(|rc| rc.channel.level(rule).severity().is_none())
        .map(|rc| rc.channel.id.clone())
        .collect();
    off.dedup();
    off
}

/// Say that a test is skipped and why: `skipped: WHY` on the test
/// process's stderr, past libtest's output capture (which takes only
/// `print!` and `eprint!`), so that `cargo test` shows it although the
/// test passes. `.ci/run` lists the same skips in its summary.
pub fn skip(why: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "skipped: {why}");
}

/// `PATH` with the directory of the `replylint` under test first, for
/// programs that call it by name (editors, bash, pre-commit).
pub fn path_with_replylint() -> std::ffi::OsString {
    let bin = assert_cmd::cargo::cargo_bin("replylint");
    let mut dirs = vec![bin.parent().expect("the binary's folder").to_owned()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).expect("a PATH")
}

/// A temporary directory of files, and runs of `replylint` inside it.
pub struct Tree {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Tree {
    pub fn new(files: &[(&str, &str)]) -> Tree {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
        Tree::with_bytes(&files)
    }

    pub fn with_bytes(files: &[(&str, &[u8])]) -> Tree {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical temp dir");
        let tree = Tree { _dir: dir, root };
        for (path, bytes) in files {
            tree.write(path, bytes);
        }
        tree
    }

    pub fn write(&self, path: &str, bytes: impl AsRef<[u8]>) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Run in `sub` (relative to the root; "" for the root itself).
    pub fn run_at(&self, sub: &str, args: &[&str], stdin: Option<&str>) -> Run {
        let dir = self.root.join(sub);
        std::fs::create_dir_all(&dir).unwrap();
        run_in(&dir, args, stdin)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_at("", args, None)
    }

    /// A snapshot transcript with the temporary directory shown as `[TMP]`.
    pub fn transcript(&self, sub: &str, args: &[&str], stdin: Option<&str>) -> String {
        let r = self.run_at(sub, args, stdin);
        r.transcript(args, stdin)
            .replace(self.root.to_str().unwrap(), "[TMP]")
    }
}

/// `--format line` output without the messages (`path:line:col:
/// severity[rule]` per line): where and what, whatever the wording.
pub fn located(stdout: &str) -> String {
    stdout
        .lines()
        .map(|l| match l.find("]: ") {
            Some(i) => format!("{}\n", &l[..=i]),
            None => format!("{l}\n"),
        })
        .collect()
}

/// Lints one of the corpora of `tests/data/tone` (JSON Lines) and returns
/// the replies and the `rule` diagnostics as `reply id: message`.
fn tone_corpus(file: &str, rule: &str) -> (Vec<serde_json::Value>, Vec<(String, String)>) {
    assert_registered(rule);
    let path = format!("{}/tests/data/tone/{file}", env!("CARGO_MANIFEST_DIR"));
    let r = run_here(
        &[
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            "json",
            &path,
        ],
        "",
    );
    assert!(r.code != 2, "{}", r.stderr);
    let replies = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .collect();
    let found = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            let id = d["reply_id"].as_str().unwrap_or_default().to_owned();
            (id, d["message"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    (replies, found)
}

/// The clean corpus of correct replies in six languages gets no `rule`
/// diagnostic; `rule` must be on for at least half of its replies' channels,
/// or the corpus would check little or nothing.
#[track_caller]
pub fn assert_clean_corpus(rule: &str) {
    let (replies, found) = tone_corpus("clean.jsonl", rule);
    assert!(replies.len() >= 100, "{} replies", replies.len());
    let checked = replies
        .iter()
        .filter(|r| rule_is_on(rule, r["channel"].as_str().expect("channel")))
        .count();
    assert!(
        checked * 2 >= replies.len(),
        "`{rule}` is on for only {checked} of the {} replies of the clean corpus",
        replies.len()
    );
    assert!(found.is_empty(), "{found:#?}");
}

/// Every reply of the defects corpus with a planted `rule` defect is
/// reported by `rule`.
pub fn assert_planted_defects_reported(rule: &str) {
    let (replies, found) = tone_corpus("defects.jsonl", rule);
    let planted: Vec<&str> = replies
        .iter()
        .filter(|o| o["defect"] == rule)
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert!(planted.len() >= 6, "{planted:?}");
    let missed: Vec<&str> = planted
        .iter()
        .copied()
        .filter(|id| !found.iter().any(|(f, _)| f == id))
        .collect();
    assert!(missed.is_empty(), "missed: {missed:?}");
}

/// The `rule` diagnostics of a `--format json` run of `args` on `text`.
#[track_caller]
pub fn json_diagnostics(rule: &str, args: &[&str], text: &str) -> Vec<serde_json::Value> {
    assert_registered(rule);
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let r = run(&all, text);
    assert!(r.code != 2, "{}", r.stderr);
    of_rule(&r.json(), rule)
}

/// The `rule` diagnostics of a `--format json` document.
pub fn of_rule(json: &serde_json::Value, rule: &str) -> Vec<serde_json::Value> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .cloned()
        .collect()
}

/// `text` with the fixes of `diagnostics` whose applicability is
/// `applicability` (`safe`, `unsafe`) applied; their edits must not
/// overlap.
pub fn apply_fixes(text: &str, diagnostics: &[serde_json::Value], applicability: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = diagnostics
        .iter()
        .filter(|d| d["fix"]["applicability"] == applicability)
        .flat_map(|d| d["fix"]["edits"].as_array().unwrap().clone())
        .map(|e| {
            (
                e["start"]["offset"].as_u64().unwrap() as usize,
                e["end"]["offset"].as_u64().unwrap() as usize,
                e["content"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort();
    for pair in edits.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "overlapping edits {pair:?}");
    }
    let mut out = text.to_owned();
    for (start, end, content) in edits.iter().rev() {
        out.replace_range(*start..*end, content);
    }
    out
}

/// The helpers refuse must-pass cases that would check nothing.
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "`emojis` is not a registered rule")]
    fn assert_clean_refuses_an_unknown_rule() {
        assert_clean("emojis", &["--channel", "email"], "Dear Jo,\n\nthanks 🎉\n");
    }

    #[test]
    #[should_panic(expected = "`text-speak` is off on `chat`")]
    fn assert_clean_refuses_a_channel_where_the_rule_is_off() {
        assert_clean("text-speak", &["--channel", "chat"], "thx");
    }

    #[test]
    #[should_panic(expected = "`text-speak` is off on `sms`")]
    fn assert_clean_reads_the_channel_from_front_matter() {
        assert_clean("text-speak", &[], "---\nchannel: sms\n---\nthx\n");
    }

    #[test]
    #[should_panic(expected = "`text-speak` is off on `twitter`")]
    fn assert_clean_reads_the_channel_from_the_stdin_filename() {
        assert_clean("text-speak", &["--stdin-filename", "twitter/a.txt"], "thx");
    }

    #[test]
    fn assert_clean_accepts_a_rule_that_runs() {
        assert_clean("text-speak", &["--channel", "email"], "Thanks for waiting.");
    }
}
