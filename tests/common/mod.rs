//! Shared helpers for the integration tests: run the `replylint` binary the
//! way a user would (isolated from any config file on the machine) and
//! render what it printed for insta snapshots.
#![allow(dead_code)]

pub mod eval;
pub mod phrases;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

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

/// Run `replylint ARGS` on `stdin` in an empty directory, with no config.
pub fn run(args: &[&str], stdin: &str) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend_from_slice(args);
    all.push("-");
    run_in(dir.path(), &all, Some(stdin))
}

/// Snapshot transcript of linting `text` from stdin with `args`
/// (`--channel email --lang it`…), no config, colour off.
pub fn lint(args: &[&str], text: &str) -> String {
    let r = run(args, text);
    r.transcript(&[&["check"], args, &["-"]].concat(), Some(text))
}

/// The diagnostics of `rule` when linting `text` with `args`, as
/// `(line, column, message)`.
pub fn diagnostics_of(rule: &str, args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
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

/// Assert that `rule` says nothing about `text` (a must-pass case).
#[track_caller]
pub fn assert_clean(rule: &str, args: &[&str], text: &str) {
    let found = diagnostics_of(rule, args, text);
    assert!(
        found.is_empty(),
        "`{rule}` should accept {text:?} with {args:?}, but reported {found:?}"
    );
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = format!("tests/data/tone/{file}");
    let r = run_in(
        root,
        &["check", "--no-config", "--format", "json", &path],
        None,
    );
    assert!(r.code != 2, "{}", r.stderr);
    let replies = std::fs::read_to_string(root.join(&path))
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
/// diagnostic.
pub fn assert_clean_corpus(rule: &str) {
    let (replies, found) = tone_corpus("clean.jsonl", rule);
    assert!(replies.len() >= 100, "{} replies", replies.len());
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
pub fn json_diagnostics(rule: &str, args: &[&str], text: &str) -> Vec<serde_json::Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let r = run(&all, text);
    assert!(r.code != 2, "{}", r.stderr);
    r.json()["diagnostics"]
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
