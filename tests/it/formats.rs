//! The CI formats (`sarif`, `github`, `checkstyle`) next to the others: one
//! set of files, rendered in every format (SPEC §6). SARIF is validated
//! against the official 2.1.0 schema (`tests/data/sarif-schema-2.1.0.json`,
//! the OASIS schema as shipped in the `serde-sarif` crate's sources).

use crate::common::{Run, Tree};
use serde_json::Value;

/// An SMS with a typographic ellipsis (UCS-2), a double space after an
/// emoji (so character and UTF-16 columns differ), a TODO and a trailing
/// space, with CRLF line breaks; a TOML library whose reply has an id and a
/// title with a comma and a colon; a file whose name needs escaping in
/// every format; a library with a broken table (an input error).
fn tree() -> Tree {
    Tree::new(&[
        (
            "replies/sms/ordine.txt",
            "Ciao Luca! 📦 Il tuo  ordine è partito…\r\nTODO \r\n",
        ),
        (
            "replies/macros.toml",
            concat!(
                "[[reply]]\n",
                "id = \"refund-1\"\n",
                "title = \"Refund, approved: yes\"\n",
                "channel = \"sms\"\n",
                "text = \"\"\"\n",
                "Hi Anna, your refund\u{2019}s on its way.\n",
                "\"\"\"\n",
            ),
        ),
        (
            "replies/a, b: c & <d>.sms.txt",
            "Thanks for waiting  \"Tom\"!\n",
        ),
        (
            "replies/broken.toml",
            "[[reply]]\nid = \"x\"\ntext = \"unterminated\n",
        ),
    ])
}

const ARGS: &[&str] = &["check", "--no-config", "--color", "never", "replies"];

fn render(format: &str) -> String {
    let tree = tree();
    let mut args = ARGS.to_vec();
    args.extend(["--format", format]);
    tree.transcript("", &args, None)
}

fn run_format(tree: &Tree, format: &str) -> Run {
    let mut args = ARGS.to_vec();
    args.extend(["--format", format]);
    tree.run(&args)
}

#[test]
fn the_same_diagnostics_in_the_human_format() {
    insta::assert_snapshot!(render("human"));
}

#[test]
fn the_same_diagnostics_in_the_line_format() {
    insta::assert_snapshot!(render("line"));
}

#[test]
fn the_same_diagnostics_in_the_json_format() {
    insta::assert_snapshot!(render("json"));
}

#[test]
fn the_same_diagnostics_in_the_jsonl_format() {
    insta::assert_snapshot!(render("jsonl"));
}

#[test]
fn the_same_diagnostics_in_the_github_format() {
    insta::assert_snapshot!(render("github"));
}

#[test]
fn the_same_diagnostics_in_the_checkstyle_format() {
    insta::assert_snapshot!(render("checkstyle"));
}

/// The rules' documentation, by id, as `replylint rules --format json`
/// prints it.
fn rule_docs() -> Vec<Value> {
    let r = crate::common::run_in(
        std::env::temp_dir().as_path(),
        &["rules", "--format", "json"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json().as_array().expect("an array of rules").clone()
}

/// The SARIF log with the rule documentation (checked separately against
/// `replylint rules`) replaced by a marker, so that the snapshot shows the
/// structure and does not change with every edit of a rule's docs.
fn sarif_for_snapshot(mut log: Value) -> Value {
    let docs = rule_docs();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .expect("rule metadata");
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id").to_owned();
        let doc = docs
            .iter()
            .find(|d| d["id"] == id.as_str())
            .unwrap_or_else(|| panic!("`{id}` is a registered rule"));
        assert_eq!(rule["shortDescription"]["text"], doc["summary"], "{id}");
        assert_eq!(
            rule["help"]["markdown"].as_str().map(str::trim),
            doc["docs"].as_str().map(str::trim),
            "{id}"
        );
        assert_eq!(rule["help"]["text"], rule["help"]["markdown"], "{id}");
        let full = rule["fullDescription"]["text"].as_str().unwrap_or_default();
        assert!(
            !full.is_empty() && !full.contains('\n'),
            "{id}: fullDescription is the \"What it does\" paragraph: {full:?}"
        );
        for key in ["shortDescription", "fullDescription", "help"] {
            rule[key] = Value::from(format!("[{key} of `{id}`]"));
        }
    }
    let driver = &mut log["runs"][0]["tool"]["driver"];
    for key in ["version", "semanticVersion"] {
        assert_eq!(driver[key], env!("CARGO_PKG_VERSION"));
        driver[key] = Value::from("[version]");
    }
    log
}

fn schema_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json"))
        .expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

#[track_caller]
pub fn assert_valid_sarif(log: &Value) {
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn the_same_diagnostics_in_the_sarif_format() {
    let tree = tree();
    let r = run_format(&tree, "sarif");
    assert_eq!(r.code, 2, "the broken library is an input error");
    let log = r.json();
    assert_valid_sarif(&log);
    let shown = serde_json::to_string_pretty(&sarif_for_snapshot(log)).unwrap();
    insta::assert_snapshot!(format!("{shown}\n----- stderr -----\n{}", r.stderr));
}

#[test]
fn sarif_results_match_the_json_format() {
    let tree = tree();
    let sarif = run_format(&tree, "sarif").json();
    let json = run_format(&tree, "json").json();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    assert!(!results.is_empty());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["rule"]);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], d["rule"],
            "ruleIndex points at the rule"
        );
        assert_eq!(r["message"]["text"], d["message"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["start"]["line"]);
        assert_eq!(region["startColumn"], d["start"]["column"]);
        assert_eq!(region["endLine"], d["end"]["line"]);
        assert_eq!(region["endColumn"], d["end"]["column"]);
        assert_eq!(region["byteOffset"], d["start"]["offset"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(r["level"], level);
    }
    assert_eq!(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
    assert_eq!(sarif["version"], "2.1.0");
}

/// Results are rendered file by file on the threads that check them,
/// before the rules of the run are known, with a stand-in `ruleIndex` that
/// is filled in at the end: text that looks like it, in a message, stays
/// as it is, and every index points at its rule.
#[test]
fn sarif_rule_indexes_are_filled_in_and_messages_kept() {
    let message = r#"not "ruleIndex": 9223372036854775807 here"#;
    let config = format!(
        "[[rule]]\nid = \"no-unfortunately\"\nkind = \"forbid\"\n\
         phrases = [\"unfortunately\"]\nmessage = '{message}'\n"
    );
    let mut files = vec![("replylint.toml".to_owned(), config)];
    for i in 0..40 {
        let text = match i % 3 {
            0 => "Hi Anna,\n\nunfortunately  the the order is late.\n",
            1 => "TODO: unfortunately\n",
            _ => "Hi Anna, your refund is on its way.\n\nBest,\nTom\n",
        };
        files.push((format!("r/{i:02}.txt"), text.to_owned()));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let tree = Tree::new(&files);
    let r = tree.run(&["check", "--format", "sarif", "r"]);
    let log = r.json();
    assert_valid_sarif(&log);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert!(rules.len() > 3, "{rules:?}");
    let mut custom = 0;
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        if result["ruleId"] == "no-unfortunately" {
            assert_eq!(result["message"]["text"], message);
            custom += 1;
        }
    }
    assert_eq!(custom, 27, "one per file that says `unfortunately`");
    assert!(!r.stdout.contains("9223372036854775807,"));
}

#[test]
fn a_clean_run_is_a_valid_sarif_log_without_results() {
    let tree = Tree::new(&[("ok.txt", "Hi Anna, your refund is on its way.\n")]);
    let r = tree.run(&["check", "--no-config", "--format", "sarif", "ok.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let log = r.json();
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"],
        serde_json::json!([])
    );
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn a_clean_run_prints_no_annotations_and_an_empty_checkstyle_report() {
    let tree = Tree::new(&[("ok.txt", "Hi Anna, your refund is on its way.\n")]);
    let r = tree.run(&["check", "--no-config", "--format", "github", "ok.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let r = tree.run(&["check", "--no-config", "--format", "checkstyle", "ok.txt"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
    );
}

/// The schema really rejects what is not SARIF, so the validation above
/// means something.
#[test]
fn the_schema_rejects_a_broken_log() {
    let tree = tree();
    let mut log = run_format(&tree, "sarif").json();
    log["runs"][0]["columnKind"] = Value::from("graphemes");
    assert!(!schema_validator().is_valid(&log));
    let mut log = run_format(&tree, "sarif").json();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!schema_validator().is_valid(&log));
}

/// A library rule's result, about three places in two files, is valid
/// SARIF: located at its first place, the others `relatedLocations` whose
/// ids the message links to (a duplicate id, or a link to none, would be
/// invalid).
#[test]
fn library_results_are_valid_sarif_with_related_locations() {
    use replylint_core::diagnostic::Severity;
    use replylint_core::location::LineIndex;
    use replylint_io::output::{Format, LibraryFinding, Place, Summary, emitter};
    let refunds = "[[reply]]\nid = \"r1\"\ntext = \"Within 30 days.\"\n\n[[reply]]\nid = \"r2\"\ntext = \"Within 14 days.\"\n";
    let resi = "---\r\nid: resi\r\n---\r\n\tGrazie 😊, entro 14 giorni e\u{301}.\r\n";
    let place = |path: &str, text: &str, needle: &str, note: &str| {
        let index = LineIndex::new(text);
        let at = text.find(needle).unwrap();
        let start = index.position(text, at);
        Place {
            path: path.to_owned(),
            start,
            end: index.position(text, at + needle.len()),
            reply_id: Some("r".to_owned()),
            reply_title: None,
            note: note.to_owned(),
            line: text[index.line_range(text, start.line)].to_owned(),
            line_start: index.line_range(text, start.line).start,
        }
    };
    let findings = [LibraryFinding {
        rule: "inconsistent-fact",
        severity: Severity::Warning,
        message: "refund window of 30 days here, 14 days in 2 other replies".to_owned(),
        help: Some("say the same everywhere".to_owned()),
        channel: "email".to_owned(),
        places: vec![
            place("lib/refunds.toml", refunds, "30 days", "states 30 days"),
            place("lib/refunds.toml", refunds, "14 days", "states 14 days"),
            place("emails/[it] resi.md", resi, "14 giorni", "states 14 days"),
        ],
    }];
    let mut sarif = emitter(Format::Sarif, false);
    let mut out = Vec::new();
    sarif.library(&mut out, &findings).unwrap();
    let summary = Summary {
        files: 2,
        replies: 3,
        warnings: 1,
        ..Summary::default()
    };
    sarif.finish(&mut out, &summary).unwrap();
    let log: Value = serde_json::from_slice(&out).unwrap();
    assert_valid_sarif(&log);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    let related = result["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    let third = &related[1]["physicalLocation"];
    assert_eq!(
        third["artifactLocation"]["uri"],
        "emails/%5Bit%5D%20resi.md"
    );
    // Columns in characters after the tab and the emoji, as elsewhere.
    assert_eq!(third["region"]["startColumn"], 18);
    assert_eq!(third["region"]["endColumn"], 27);
    assert_eq!(related[1]["message"]["text"], "states 14 days");
    assert_eq!(
        result["message"]["text"],
        "refund window of 30 days here, 14 days in 2 other replies; see \
         [lib/refunds.toml:7:16](1) (states 14 days), \
         [emails/\\[it\\] resi.md:4:18](2) (states 14 days)"
    );
    // The schema checks the shape: an id below -1 is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["relatedLocations"][0]["id"] = Value::from(-5);
    assert!(!schema_validator().is_valid(&broken));
}

/// Fingerprints name a finding by what it is, not by its line: adding
/// lines above it keeps them, so code scanning tracks the alert across
/// commits.
#[test]
fn sarif_fingerprints_survive_lines_added_above() {
    let body = "Ciao Luca,  il tuo ordine è partito…\nTODO\n";
    let fingerprints = |text: &str| -> Vec<(u64, String)> {
        let tree = Tree::new(&[("sms/a.txt", text)]);
        let log = tree
            .run(&["check", "--no-config", "--format", "sarif", "sms"])
            .json();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                    r["partialFingerprints"]["replylint/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect()
    };
    let before = fingerprints(body);
    let after = fingerprints(&format!("Grazie per l'attesa.\n\n{body}"));
    assert_eq!(before.len(), 3, "{before:?}");
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(a.0, b.0 + 2, "the line moved");
        assert_eq!(a.1, b.1, "the fingerprint did not");
    }
    // Two identical findings in one file are told apart.
    let twice = fingerprints("TODO\nTODO\n");
    assert_eq!(twice.len(), 2);
    assert_ne!(twice[0].1, twice[1].1);
}

/// `--format github` columns count characters: after an emoji (2 UTF-16
/// units) the column is one more, not two.
#[test]
fn github_columns_count_characters() {
    let tree = Tree::new(&[("a.txt", "📦 TODO\n")]);
    let r = tree.run(&["check", "--no-config", "--format", "github", "a.txt"]);
    assert!(
        r.stdout.contains(
            "::error file=a.txt,line=1,col=3,endLine=1,endColumn=7,title=replylint (placeholder)::"
        ),
        "{}",
        r.stdout
    );
}

/// Every annotation is one line, whatever the message holds, and parses
/// back as GitHub would: properties split on `,` and `=` after unescaping
/// nothing that was not escaped.
#[test]
fn github_annotations_are_single_well_formed_lines() {
    let tree = tree();
    let r = run_format(&tree, "github");
    let re = regex::Regex::new(
        r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::[^\r\n]*$",
    )
    .unwrap();
    let mut n = 0;
    for line in r.stdout.lines() {
        let caps = re
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let props: Vec<&str> = caps[2]
            .split(',')
            .map(|p| p.split('=').next().unwrap())
            .collect();
        assert_eq!(props[0], "file", "{line}");
        n += 1;
    }
    assert!(n >= 5, "{}", r.stdout);
}

/// Checkstyle output is well-formed XML with the file names and messages
/// escaped: every `&` starts an entity and no attribute holds a raw `<`
/// or `"`.
#[test]
fn checkstyle_output_is_well_formed() {
    let tree = tree();
    let r = run_format(&tree, "checkstyle");
    let entity = regex::Regex::new(r"^&(amp|lt|gt|quot|apos|#[0-9]+);").unwrap();
    let attribute = regex::Regex::new(r#"[a-z]+="([^"<]*)""#).unwrap();
    for (i, _) in r.stdout.match_indices('&') {
        assert!(
            entity.is_match(&r.stdout[i..]),
            "bad entity at {i}: {}",
            r.stdout
        );
    }
    let mut errors = 0;
    for line in r.stdout.lines().map(str::trim) {
        assert!(
            line.starts_with("<?xml") || line.starts_with('<') && line.ends_with('>'),
            "{line}"
        );
        if line.starts_with("<error ") {
            errors += 1;
            let attrs: Vec<_> = attribute.captures_iter(line).collect();
            assert_eq!(
                attrs.len(),
                5,
                "line, column, severity, message, source: {line}"
            );
        }
    }
    assert!(errors >= 5, "{}", r.stdout);
    assert!(
        r.stdout
            .contains(r#"<file name="replies/a, b: c &amp; &lt;d&gt;.sms.txt">"#)
    );
}

/// No progress bar in a pipe (or a CI log), however many files: stderr
/// stays empty and stdout holds only the report.
#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let files: Vec<(String, String)> = (0..150)
        .map(|i| (format!("r/{i:03}.txt"), format!("Ciao Anna, grazie {i}.\n")))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let tree = Tree::new(&refs);
    let r = tree.run(&["check", "--no-config", "--format", "github", "r"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    let r = tree.run(&[
        "check",
        "--no-config",
        "--color",
        "never",
        "--channel",
        "chat",
        "r",
    ]);
    assert_eq!(r.stderr, "");
    assert_eq!(r.stdout, "All clear: 150 replies in 150 files checked.\n");
}

/// On a terminal the bar shows (`script` gives the run a pseudo-terminal
/// for stderr while stdout goes to a file) and its line is erased at the
/// end; the report itself is unchanged. With `CI` set, nothing is drawn.
#[test]
fn a_progress_bar_on_a_terminal_but_not_in_ci() {
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("note: `script` (util-linux) is not installed; skipping this test");
        return;
    }
    let files: Vec<(String, String)> = (0..300)
        .map(|i| (format!("r/{i:03}.txt"), format!("Ciao Anna, grazie {i}.\n")))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let tree = Tree::new(&refs);
    let bin = assert_cmd::cargo::cargo_bin("replylint");
    let on_terminal = |ci: bool| -> (String, String) {
        let inner = format!(
            "'{}' check --no-config --color never --channel chat r > report.txt",
            bin.display()
        );
        let mut cmd = std::process::Command::new("script");
        cmd.current_dir(&tree.root)
            .args(["-qec", &inner, "/dev/null"])
            .env_remove("CI")
            .stdin(std::process::Stdio::null());
        if ci {
            cmd.env("CI", "true");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let report = std::fs::read_to_string(tree.root.join("report.txt")).unwrap();
        (String::from_utf8_lossy(&out.stdout).into_owned(), report)
    };
    let (terminal, report) = on_terminal(false);
    assert!(terminal.contains("/300 files"), "{terminal:?}");
    assert!(
        terminal.ends_with("\r\u{1b}[2K"),
        "the bar's line is erased at the end: {terminal:?}"
    );
    assert_eq!(report, "All clear: 300 replies in 300 files checked.\n");
    let (terminal, report) = on_terminal(true);
    assert_eq!(terminal, "", "CI set: no bar");
    assert_eq!(report, "All clear: 300 replies in 300 files checked.\n");
}
