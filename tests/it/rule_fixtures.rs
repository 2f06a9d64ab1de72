//! Rule fixtures, as ruff's rule tests: `tests/fixtures/rules/<rule-id>/`
//! holds replies that must fail (`fail-*.txt`: at least one diagnostic of
//! the rule) and replies that must pass (`pass-*.txt`: none of it), each
//! with its channel, language and mode in YAML front matter. The library
//! rules' fixtures are libraries (`fail-*.jsonl`, `pass-*.jsonl`), each
//! reply with its own fields. A folder may
//! hold a `replylint.toml` for what no built-in channel sets (the
//! `signature` rule's pattern).
//!
//! Each fixture is linted in-process as `replylint check` reads it from
//! standard input, with only its folder's rule on (the file paths of the
//! folder's config, such as the `spelling` rule's test dictionaries, are
//! relative to the folder), and its human output
//! (colour off) is an insta snapshot named after rule and file. A pass
//! fixture must be checked on a channel where its rule is on. Linted with
//! every rule on, no fixture gets a fix from a rule declared `fix: None`.
//! Every registered rule has a folder with at least one fixture of each
//! kind, and every folder is named after a registered rule. User-defined
//! rules (`[[rule]]` in a config) are not registered and have ids of their
//! own: `custom_rules.rs` tests them.

use crate::common::{Run, channels_where_off, run_here};
use replylint_core::config::settings::CliOverrides;
use replylint_core::rules::{self, FixAvailability};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where the fixtures are, relative to the package (as the output names
/// them).
const FIXTURES: &str = "tests/fixtures/rules";

/// The config file a folder may have.
const CONFIG: &str = "replylint.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fail,
    Pass,
}

struct Fixture {
    rule: String,
    /// The file name, `fail-….txt` or `pass-….txt`.
    file: String,
    kind: Kind,
    text: String,
    /// The folder's `replylint.toml`, if it has one.
    config: Option<String>,
}

impl Fixture {
    /// The name the output gives it, relative to the package.
    fn name(&self) -> String {
        format!("{FIXTURES}/{}/{}", self.rule, self.file)
    }

    /// The snapshot's name: rule and file.
    fn snapshot(&self) -> String {
        let stem = self
            .file
            .rsplit_once('.')
            .map_or(self.file.as_str(), |(stem, _)| stem);
        format!("{}__{stem}", self.rule)
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES)
}

/// The rule folders, by name, with what is wrong with their files.
fn folders() -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(root()).expect("tests/fixtures/rules") {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if !entry.file_type().unwrap().is_dir() {
            problems.push(format!("{name}: not a rule folder"));
            continue;
        }
        names.push(name);
    }
    names.sort();
    (names, problems)
}

/// Every fixture, by rule and file, and the files that are not fixtures.
fn fixtures() -> (Vec<Fixture>, Vec<String>) {
    let (folders, mut problems) = folders();
    let mut all = Vec::new();
    for rule in folders {
        let dir = root().join(&rule);
        let config = std::fs::read_to_string(dir.join(CONFIG)).ok();
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|f| f != CONFIG)
            .collect();
        files.sort();
        for file in files {
            let stem = file
                .strip_suffix(".txt")
                .or_else(|| file.strip_suffix(".jsonl"));
            let kind = match (stem, file.split('-').next()) {
                (Some(_), Some("fail")) => Kind::Fail,
                (Some(_), Some("pass")) => Kind::Pass,
                _ => {
                    problems.push(format!(
                        "{rule}/{file}: not `fail-*.txt`, `pass-*.txt`, `fail-*.jsonl`, `pass-*.jsonl` or `{CONFIG}`"
                    ));
                    continue;
                }
            };
            let text = std::fs::read_to_string(dir.join(&file)).unwrap();
            all.push(Fixture {
                rule: rule.clone(),
                file,
                kind,
                text,
                config: config.clone(),
            });
        }
    }
    (all, problems)
}

/// A config file of the fixture's folder config, in a temporary directory:
/// with `only_rule`, every other built-in rule turned off.
fn config_file(fixture: &Fixture, only_rule: bool) -> tempfile::TempDir {
    let mut config: toml::Table = fixture
        .config
        .as_deref()
        .map(|c| c.parse().expect("the folder's replylint.toml"))
        .unwrap_or_default();
    anchor_paths(&mut config, &root().join(&fixture.rule));
    if only_rule {
        let levels = config
            .entry("rules")
            .or_insert_with(|| toml::Table::new().into())
            .as_table_mut()
            .expect("[rules] table");
        for id in rules::ids().filter(|id| *id != fixture.rule) {
            levels.insert(id.to_owned(), "off".into());
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(CONFIG), config.to_string()).unwrap();
    dir
}

/// The file paths of a folder config, written relative to the folder,
/// made absolute, since the config is copied to a temporary folder: the
/// `[spelling]` dictionaries and word files.
fn anchor_paths(config: &mut toml::Table, folder: &Path) {
    let Some(spelling) = config
        .get_mut("spelling")
        .and_then(toml::Value::as_table_mut)
    else {
        return;
    };
    let anchor = |value: &mut toml::Value| {
        if let Some(path) = value.as_str() {
            *value = folder.join(path).to_str().expect("UTF-8 path").into();
        }
    };
    if let Some(dictionaries) = spelling
        .get_mut("dictionaries")
        .and_then(toml::Value::as_table_mut)
    {
        dictionaries.iter_mut().for_each(|(_, v)| anchor(v));
    }
    for key in ["accept-files", "reject-files"] {
        if let Some(files) = spelling.get_mut(key).and_then(toml::Value::as_array_mut) {
            files.iter_mut().for_each(anchor);
        }
    }
}

/// `replylint check --config CONFIG --color never ARGS -` on the fixture,
/// named as its file.
fn lint(fixture: &Fixture, config: &Path, args: &[&str]) -> Run {
    let config = config.join(CONFIG);
    let name = fixture.name();
    let mut all = vec!["check", "--config", config.to_str().unwrap()];
    all.extend(["--color", "never", "--stdin-filename", &name]);
    all.extend_from_slice(args);
    all.push("-");
    let run = run_here(&all, &fixture.text);
    assert!(run.code != 2, "{name}: {}{}", run.stdout, run.stderr);
    run
}

fn diagnostics(run: &Run) -> Vec<Value> {
    run.json()["diagnostics"].as_array().unwrap().clone()
}

/// What the snapshot shows: the human output and the exit code.
fn rendered(run: &Run) -> String {
    let mut s = run.stdout.clone();
    if !run.stderr.is_empty() {
        s.push_str("----- stderr -----\n");
        s.push_str(&run.stderr);
    }
    s.push_str(&format!("----- exit: {} -----\n", run.code));
    s
}

#[test]
fn every_fixture_fails_or_passes_as_named_and_renders_as_its_snapshot() {
    let (fixtures, problems) = fixtures();
    assert!(problems.is_empty(), "{problems:#?}");
    let mut wrong = Vec::new();
    let mut unmatched = Vec::new();
    for fixture in &fixtures {
        let name = fixture.name();
        let config = config_file(fixture, true);
        let own = diagnostics(&lint(fixture, config.path(), &["--format", "json"]));
        let others: BTreeSet<&str> = own
            .iter()
            .filter_map(|d| d["rule"].as_str())
            .filter(|r| *r != fixture.rule)
            .collect();
        if !others.is_empty() {
            wrong.push(format!("{name}: other rules ran: {others:?}"));
        }
        match (fixture.kind, own.len()) {
            (Kind::Fail, 0) => wrong.push(format!("{name}: no `{}` diagnostic", fixture.rule)),
            (Kind::Pass, n) if n > 0 => {
                wrong.push(format!("{name}: {n} `{}` diagnostics", fixture.rule));
            }
            _ => {}
        }
        // A library's replies name their channels; a text fixture's
        // channel must have the rule on.
        if fixture.kind == Kind::Pass && fixture.file.ends_with(".txt") {
            let cli = CliOverrides {
                config: Some(config.path().join(CONFIG)),
                ..CliOverrides::default()
            };
            let cwd = std::env::current_dir().unwrap();
            let settings = replylint_io::config::load(&cli, &cwd).expect("fixture settings");
            let off = channels_where_off(
                &settings,
                &fixture.rule,
                Some(Path::new(&name)),
                &fixture.text,
            );
            if !off.is_empty() {
                wrong.push(format!(
                    "{name}: `{}` is off on `{}`, so this checks nothing",
                    fixture.rule,
                    off.join("`, `")
                ));
            }
        }
        let human = lint(fixture, config.path(), &[]);
        let snapshot = std::panic::catch_unwind(|| {
            insta::with_settings!({
                input_file => root().join(&fixture.rule).join(&fixture.file),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(fixture.snapshot(), rendered(&human));
            });
        });
        if snapshot.is_err() {
            unmatched.push(name);
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(
        unmatched.is_empty(),
        "snapshots that differ: {unmatched:#?}"
    );
}

#[test]
fn rules_declared_without_fixes_attach_none_to_any_fixture() {
    let (fixtures, _) = fixtures();
    let mut wrong = Vec::new();
    for fixture in &fixtures {
        let config = config_file(fixture, false);
        for d in diagnostics(&lint(fixture, config.path(), &["--format", "json"])) {
            let rule = d["rule"].as_str().unwrap();
            let declared = rules::by_id(rule).map(|m| m.fix);
            if declared == Some(FixAvailability::None) && !d["fix"].is_null() {
                wrong.push(format!(
                    "{}: `{rule}` attached {}",
                    fixture.name(),
                    d["fix"]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_registered_rule_has_fixtures_of_both_kinds() {
    let (fixtures, _) = fixtures();
    let missing: Vec<String> = rules::ids()
        .flat_map(|id| {
            let has = |kind| fixtures.iter().any(|f| f.rule == id && f.kind == kind);
            [
                (!has(Kind::Fail)).then(|| format!("{FIXTURES}/{id}/fail-*.txt")),
                (!has(Kind::Pass)).then(|| format!("{FIXTURES}/{id}/pass-*.txt")),
            ]
        })
        .flatten()
        .collect();
    assert!(missing.is_empty(), "rules without fixtures: {missing:#?}");
}

#[test]
fn every_folder_is_named_after_a_registered_rule() {
    let (folders, problems) = folders();
    assert!(problems.is_empty(), "{problems:#?}");
    let unknown: Vec<String> = folders
        .into_iter()
        .filter(|f| rules::by_id(f).is_none())
        .map(|f| {
            format!(
                "{FIXTURES}/{f}: {}",
                replylint_core::suggest::unknown("rule", &f, rules::ids())
            )
        })
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
}
