//! `--format json` and `--format sarif` are one document each, written as
//! the run goes (SARIF's results set aside until the end). Whatever the
//! run, the binary prints exactly the document `serde_json` pretty-prints
//! for what the run found: the `json` document is the one built here from
//! the `jsonl` lines of the same run (a format printed line by line), and
//! the SARIF log has the same results, each pointing at its rule.

use crate::common::{Run, Tree};
use crate::formats::assert_valid_sarif;
use serde_json::{Map, Value, json};

/// Every format's run of `args` (with `--format FORMAT` added) in `tree`
/// at its root, with `stdin`.
fn run(tree: &Tree, args: &[&str], format: &str, stdin: Option<&str>) -> Run {
    let mut args = args.to_vec();
    args.extend(["--format", format]);
    tree.run_at("", &args, stdin)
}

/// `value` without its `type` key, its other keys in order.
fn untagged(value: &Value) -> Value {
    let map: Map<String, Value> = value
        .as_object()
        .expect("a JSON Lines object")
        .iter()
        .filter(|(k, _)| *k != "type")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Value::Object(map)
}

/// The `json` document the run's `jsonl` lines stand for, as the binary
/// must print it.
fn expected_json(jsonl: &str) -> String {
    let (mut diagnostics, mut errors, mut summary) = (Vec::new(), Vec::new(), Value::Null);
    for line in jsonl.lines() {
        let value: Value = serde_json::from_str(line).expect("a JSON line");
        match value["type"].as_str() {
            Some("diagnostic") => diagnostics.push(untagged(&value)),
            Some("error") => errors.push(untagged(&value)),
            Some("summary") => summary = untagged(&value),
            other => panic!("a line of type {other:?}"),
        }
    }
    let doc = json!({
        "version": 1,
        "diagnostics": diagnostics,
        "errors": errors,
        "summary": summary,
    });
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

/// Run `args` in `json`, `jsonl` and `sarif`, and check the documents;
/// the `json` one, parsed.
#[track_caller]
fn check_documents(tree: &Tree, args: &[&str], stdin: Option<&str>) -> Value {
    let jsonl = run(tree, args, "jsonl", stdin);
    let doc = run(tree, args, "json", stdin);
    assert_eq!(doc.code, jsonl.code, "{}", doc.stderr);
    assert_eq!(doc.stderr, jsonl.stderr);
    assert_eq!(doc.stdout, expected_json(&jsonl.stdout));
    let doc = doc.json();

    let sarif = run(tree, args, "sarif", stdin);
    assert_eq!(sarif.code, jsonl.code, "{}", sarif.stderr);
    assert_eq!(sarif.stderr, jsonl.stderr);
    let log = sarif.json();
    assert_eq!(
        sarif.stdout,
        serde_json::to_string_pretty(&log).unwrap() + "\n",
        "the log is what `serde_json` pretty-prints"
    );
    assert_valid_sarif(&log);
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let mut rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    rules.sort_unstable();
    rules.dedup();
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, rules, "the rules of the results, sorted");
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["rule"]);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[index], d["rule"]);
        let message = r["message"]["text"].as_str().unwrap();
        assert!(message.starts_with(d["message"].as_str().unwrap()));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["start"]["line"]);
        assert_eq!(region["byteOffset"], d["start"]["offset"]);
    }
    let errors = doc["errors"].as_array().unwrap();
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], errors.is_empty());
    let notifications = invocation["toolExecutionNotifications"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(notifications, errors.len());
    doc
}

/// Replies with something to report, one without, one that cannot be
/// read.
fn drafts(n: usize) -> Tree {
    let mut files = Vec::new();
    for i in 0..n {
        let text = match i % 4 {
            0 => "Hi Anna,\n\nunfortunately  the the order is late!!!\n\nTODO\n",
            1 => "Hi Anna, your refund is on its way.\n\nBest,\nTom\n",
            2 => "HELLO, PLEASE SEND   YOUR PASSWORD TO US ASAP!!\n",
            _ => {
                "[[reply]]\nid = \"r\"\ntitle = \"Late, again\"\ntext = \"Sorry  for the the delay\"\n"
            }
        };
        let ext = if i % 4 == 3 { "toml" } else { "txt" };
        files.push((format!("r/{i:03}.{ext}"), text.to_owned()));
    }
    files.push((
        "r/zz-broken.toml".to_owned(),
        "[[reply]]\nid = \"x\"\ntext = \"unterminated\n".to_owned(),
    ));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Tree::new(&files)
}

const CHECK: &[&str] = &["check", "--no-config", "--color", "never"];

fn args<'a>(more: &[&'a str]) -> Vec<&'a str> {
    CHECK.iter().copied().chain(more.iter().copied()).collect()
}

#[test]
fn several_files_with_diagnostics_and_an_error() {
    let tree = drafts(12);
    let doc = check_documents(&tree, &args(&["r"]), None);
    assert!(doc["diagnostics"].as_array().unwrap().len() > 20);
    assert_eq!(doc["errors"].as_array().unwrap().len(), 1);
    assert_eq!(doc["summary"]["files"], 13);
}

/// Enough files for many batches and, in SARIF, results set aside in a
/// temporary file.
#[test]
fn many_files_over_many_batches() {
    let tree = drafts(300);
    let doc = check_documents(&tree, &args(&["r"]), None);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() > 600, "{}", diagnostics.len());
    // In path order.
    let paths: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(paths.is_sorted(), "{paths:?}");
}

#[test]
fn a_clean_run_is_an_empty_document() {
    let tree = drafts(2);
    let doc = check_documents(&tree, &args(&["r/001.txt"]), None);
    assert_eq!(
        doc,
        json!({
            "version": 1,
            "diagnostics": [],
            "errors": [],
            "summary": {
                "files": 1, "replies": 1, "errors": 0, "warnings": 0, "infos": 0,
                "replies_without_channel": 1, "input_errors": 0,
            },
        })
    );
}

#[test]
fn no_file_at_all() {
    let tree = Tree::new(&[("empty/.keep", "")]);
    let doc = check_documents(&tree, &args(&["empty"]), None);
    assert_eq!(doc["diagnostics"], json!([]));
    assert_eq!(doc["summary"]["files"], 0);
}

#[test]
fn a_run_with_only_errors() {
    let tree = drafts(0);
    let doc = check_documents(&tree, &args(&["r", "missing.txt"]), None);
    assert_eq!(doc["diagnostics"], json!([]));
    assert_eq!(doc["errors"].as_array().unwrap().len(), 2);
}

#[test]
fn a_run_with_only_library_diagnostics() {
    let tree = crate::library_rules::library();
    tree.write(
        "only.toml",
        "[rules]\nplaceholder-fallback = \"off\"\nregister = \"off\"\n",
    );
    let args = [
        "check",
        "--config",
        "only.toml",
        "--color",
        "never",
        "macros",
    ];
    let doc = check_documents(&tree, &args, None);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    assert!(
        diagnostics.iter().all(|d| d.get("related").is_some()),
        "library diagnostics only: {diagnostics:#?}"
    );
}

#[test]
fn a_reply_on_standard_input() {
    let tree = drafts(0);
    let draft = "Hi Anna,\n\nunfortunately  the the order is late!!!\n";
    let doc = check_documents(&tree, &args(&["-"]), Some(draft));
    assert!(!doc["diagnostics"].as_array().unwrap().is_empty());
    let doc = check_documents(&tree, &args(&["-"]), Some("Hi Anna, thanks.\n"));
    assert_eq!(doc["summary"]["files"], 1);
}
