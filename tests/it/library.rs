//! Reply libraries end to end (SPEC §4): TOML `[[reply]]` tables, CSV,
//! JSON Lines, Markdown with YAML front matter and helpdesk exports
//! (Zendesk, Freshdesk, Intercom, Gorgias). Every position is checked
//! against the bytes of the file on disk: line, column and the byte range
//! of the span, after escapes, doubled quotes, line breaks inside fields,
//! HTML tags and entities.

use crate::common::{Run, run_in};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const POSITIONS: &str = "tests/fixtures/library-positions";
const BROKEN: &str = "tests/fixtures/library-broken";
const WALK: &str = "tests/fixtures/library-walk";
const EXAMPLES: &str = "examples/library";

/// `replylint check --no-config --color never ARGS` at the repo root.
fn check(args: &[&str]) -> Run {
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend_from_slice(args);
    run_in(&repo(), &all, None)
}

/// The JSON document of `check --format json ARGS`.
fn check_json(args: &[&str]) -> (Run, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = check(&all);
    let json = run.json();
    (run, json)
}

fn diagnostics(json: &Value) -> &Vec<Value> {
    json["diagnostics"].as_array().expect("diagnostics array")
}

fn errors(json: &Value) -> Vec<(String, u64, String)> {
    json["errors"]
        .as_array()
        .expect("errors array")
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["line"].as_u64().unwrap_or(0),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The ids of the replies `rule` reported in `path`, in order.
fn reported_ids(json: &Value, path: &str, rule: &str) -> Vec<String> {
    diagnostics(json)
        .iter()
        .filter(|d| d["path"] == path && d["rule"] == rule)
        .map(|d| d["reply_id"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// Assert that `rule` reported `text` in reply `id` of `path` at
/// `line:column`, and that the diagnostic's byte range in the file on disk
/// is exactly `text`.
#[track_caller]
fn assert_at(json: &Value, path: &str, id: &str, rule: &str, at: (u64, u64), text: &str) {
    let found: Vec<&Value> = diagnostics(json)
        .iter()
        .filter(|d| d["path"] == path && d["reply_id"] == id && d["rule"] == rule)
        .filter(|d| d["message"].as_str().unwrap().contains(text))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one `{rule}` about {text:?} in {path} reply {id}: {:#?}",
        diagnostics(json)
    );
    let d = found[0];
    let (start, end) = (&d["start"], &d["end"]);
    assert_eq!(
        (
            start["line"].as_u64().unwrap(),
            start["column"].as_u64().unwrap()
        ),
        at,
        "line and column of {text:?} in {path}"
    );
    let file = std::fs::read(repo().join(path)).unwrap();
    let (s, e) = (
        start["offset"].as_u64().unwrap() as usize,
        end["offset"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        String::from_utf8_lossy(&file[s..e]),
        text,
        "bytes {s}..{e} of {path}"
    );
    // The line and column agree with the offset.
    let before = String::from_utf8_lossy(&file[..s]).replace('\u{feff}', "");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(before.matches('\n').count() as u64 + 1, at.0);
    assert_eq!(before[line_start..].chars().count() as u64 + 1, at.1);
}

#[test]
fn toml_positions_after_escapes_continuations_and_in_literals() {
    let path = format!("{POSITIONS}/escapes.toml");
    let (_, json) = check_json(&[&path]);
    // After `\u00e8`, `\"` and `\t` in a basic string.
    assert_at(&json, &path, "toml-basic", "placeholder", (6, 36), "TODO");
    // A multi-line basic string: the line after the opening `"""`, then
    // after `\n\` (an escape and a line-ending backslash) and `\u00e8`.
    let var = "{{ticket.requester.first_name}}";
    assert_at(&json, &path, "toml-multi", "placeholder", (12, 6), var);
    assert_at(&json, &path, "toml-multi", "placeholder", (13, 30), "TODO");
    // A multi-line literal string, backslashes as written.
    assert_at(
        &json,
        &path,
        "toml-literal",
        "placeholder",
        (20, 13),
        "{{ticket.id}}",
    );
}

#[test]
fn jsonl_positions_after_escapes_and_surrogate_pairs() {
    let path = format!("{POSITIONS}/escapes.jsonl");
    let (_, json) = check_json(&[&path]);
    // After `\"`, `\n`, `\u00e8` and the pair `\ud83d\ude00`.
    assert_at(&json, &path, "json-1", "placeholder", (1, 105), "TODO");
    assert_at(
        &json,
        &path,
        "json-2",
        "placeholder",
        (2, 54),
        "{{ticket.requester.first_name}}",
    );
    let d = diagnostics(&json)
        .iter()
        .find(|d| d["reply_id"] == "json-1")
        .unwrap();
    assert_eq!(d["reply_title"], "Escapes");
}

#[test]
fn csv_positions_after_doubled_quotes_and_inside_multi_line_fields() {
    let path = format!("{POSITIONS}/quotes.csv");
    let (_, json) = check_json(&[&path]);
    // After `""SI""` in a quoted field.
    assert_at(&json, &path, "csv-1", "placeholder", (2, 51), "TODO");
    // On the third line of a quoted field that spans three lines.
    assert_at(
        &json,
        &path,
        "csv-2",
        "placeholder",
        (5, 15),
        "{{ticket.id}}",
    );
}

#[test]
fn csv_with_bom_crlf_and_semicolons() {
    let path = format!("{POSITIONS}/crlf.csv");
    let (_, json) = check_json(&[&path]);
    // Third line of a field with CRLF line breaks and `""` on the second.
    assert_at(&json, &path, "csv-crlf", "placeholder", (4, 6), "TODO");
}

#[test]
fn zendesk_html_positions_after_tags_and_entities() {
    let path = format!("{POSITIONS}/zendesk.json");
    // A helpdesk export is a template: its variables are expected...
    let (_, json) = check_json(&[&path]);
    assert_at(&json, &path, "42", "placeholder", (6, 186), "TODO");
    assert_eq!(reported_ids(&json, &path, "placeholder"), ["42"]);
    // ...unless it is checked as a draft: after `<p>`, `&nbsp;` and
    // `<strong>`.
    let (_, json) = check_json(&["--mode", "draft", &path]);
    let var = "{{ticket.requester.first_name}}";
    assert_at(&json, &path, "42", "placeholder", (6, 74), var);
    // After `&rsquo;`, `&egrave;`, `&amp;`, `&agrave;`, `</p>\n<p>`.
    assert_at(&json, &path, "42", "placeholder", (6, 186), "TODO");
    let d = &diagnostics(&json)[0];
    assert_eq!(d["reply_title"], "Spedizione");
}

#[test]
fn intercom_freshdesk_and_gorgias_exports() {
    let (_, json) = check_json(&[POSITIONS]);
    let path = format!("{POSITIONS}/intercom.json");
    assert_at(&json, &path, "123", "placeholder", (9, 79), "TODO");
    // Freshdesk: `content_html`, after `&egrave;` and `<div><br></div>`.
    let path = format!("{POSITIONS}/freshdesk.json");
    assert_at(&json, &path, "21000011594", "placeholder", (7, 83), "TODO");
    // Gorgias: the action that sets the response text.
    let path = format!("{POSITIONS}/gorgias.json");
    assert_at(&json, &path, "23453", "placeholder", (9, 176), "TODO");
    // Templates: none of their variables is reported as left over...
    for d in diagnostics(&json) {
        let message = d["message"].as_str().unwrap();
        let is_export = d["path"].as_str().unwrap().ends_with(".json");
        assert!(
            !(is_export && d["rule"] == "placeholder" && message.contains("{{")),
            "{d:#}"
        );
    }
    // ...but a greeting without a fallback is, on the variable, in the
    // Gorgias dialect the export is recognised as.
    let path = format!("{POSITIONS}/gorgias.json");
    let var = "{{ticket.customer.firstname}}";
    assert_at(&json, &path, "23453", "placeholder-fallback", (9, 116), var);
    let d = diagnostics(&json)
        .iter()
        .find(|d| d["rule"] == "placeholder-fallback" && d["path"] == path.as_str())
        .unwrap();
    assert!(
        d["help"].as_str().unwrap().contains("|default(\"there\")"),
        "{d:#}"
    );
}

#[test]
fn a_json_array_of_library_replies() {
    let path = format!("{POSITIONS}/replies.json");
    let (_, json) = check_json(&[&path]);
    // After `\u0021` and `\u00e8`; a library reply is a draft by default.
    assert_at(&json, &path, "arr-1", "placeholder", (2, 111), "TODO");
    assert_eq!(json["summary"]["replies"], 2);
    let d = &diagnostics(&json)[0];
    assert_eq!(
        (&d["channel"], &d["reply_title"]),
        (&Value::from("sms"), &Value::from("Array entry"))
    );
}

#[test]
fn yaml_front_matter_sets_the_reply_and_positions_follow_it() {
    let path = format!("{POSITIONS}/front-matter.md");
    let (_, json) = check_json(&[&path]);
    assert_at(&json, &path, "yaml-1", "placeholder", (6, 36), "TODO");
    let d = &diagnostics(&json)[0];
    assert_eq!(
        (&d["channel"], &d["reply_title"]),
        (&Value::from("chat"), &Value::from("YAML front matter"))
    );
}

#[test]
fn every_span_in_the_fixtures_is_the_text_its_message_names() {
    let (run, json) = check_json(&["--mode", "draft", POSITIONS]);
    assert!(errors(&json).is_empty(), "{}", run.stderr);
    let mut seen = 0;
    for d in diagnostics(&json) {
        if d["rule"] != "placeholder" {
            continue;
        }
        let message = d["message"].as_str().unwrap();
        let quoted = message.split('`').nth(1).expect("quoted text");
        let file = std::fs::read(repo().join(d["path"].as_str().unwrap())).unwrap();
        let s = d["start"]["offset"].as_u64().unwrap() as usize;
        let e = d["end"]["offset"].as_u64().unwrap() as usize;
        let written = String::from_utf8_lossy(&file[s..e]);
        // In a JSON string the span covers the escapes as written.
        let decoded = serde_json::from_str::<String>(&format!("\"{written}\""));
        assert!(
            written == quoted || decoded.is_ok_and(|d| d == quoted),
            "{written:?} for {d:#}"
        );
        seen += 1;
    }
    assert_eq!(seen, 18, "placeholder diagnostics across the fixtures");
}

/// Like [`assert_at`] for a `placeholder` diagnostic about `text` in a
/// JSON string: the bytes in the file are `text` with JSON escapes.
#[track_caller]
fn assert_escaped_at(json: &Value, path: &str, id: &str, at: (u64, u64), text: &str) {
    let found: Vec<&Value> = diagnostics(json)
        .iter()
        .filter(|d| d["path"] == path && d["reply_id"] == id && d["rule"] == "placeholder")
        .filter(|d| d["message"].as_str().unwrap().contains(text))
        .collect();
    assert_eq!(found.len(), 1, "one diagnostic about {text:?}: {found:#?}");
    let (start, end) = (&found[0]["start"], &found[0]["end"]);
    let position = (
        start["line"].as_u64().unwrap(),
        start["column"].as_u64().unwrap(),
    );
    assert_eq!(position, at, "line and column of {text:?}");
    let file = std::fs::read_to_string(repo().join(path)).unwrap();
    let (s, e) = (
        start["offset"].as_u64().unwrap() as usize,
        end["offset"].as_u64().unwrap() as usize,
    );
    let decoded: String = serde_json::from_str(&format!("\"{}\"", &file[s..e])).unwrap();
    assert_eq!(decoded, text, "bytes {s}..{e} of {path}");
    let line_start = file[..s].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(file[..s].matches('\n').count() as u64 + 1, at.0);
    assert_eq!(file[line_start..s].chars().count() as u64 + 1, at.1);
}

#[test]
fn helpdesk_exports_default_to_template_mode_and_everything_else_wins() {
    let path = format!("{EXAMPLES}/zendesk-macros.email.json");
    let placeholders = |json: &Value| {
        diagnostics(json)
            .iter()
            .filter(|d| d["rule"] == "placeholder")
            .count()
    };
    let (_, json) = check_json(&[&path]);
    assert_eq!(placeholders(&json), 0, "a template by default");
    // The command line wins over the reader's default.
    let (_, json) = check_json(&["--mode", "draft", &path]);
    assert_eq!(placeholders(&json), 4);
    // The variables have fallbacks written with JSON escapes (`\"`), in
    // HTML for the first macro: each span is the whole placeholder as
    // written in the file.
    let it = "{{ticket.requester.first_name | default: \"cliente\"}}";
    let en = "{{ticket.requester.first_name | default: \"customer\"}}";
    assert_escaped_at(&json, &path, "360001234501", (12, 32), it);
    assert_escaped_at(&json, &path, "360001234502", (24, 42), en);
    // So do the configuration's defaults.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("replylint.toml");
    std::fs::write(&config, "mode = \"draft\"\n").unwrap();
    let run = run_in(
        &repo(),
        &[
            "check",
            "--config",
            config.to_str().unwrap(),
            "--format",
            "json",
            &path,
        ],
        None,
    );
    assert_eq!(placeholders(&run.json()), 4, "{}", run.stderr);
    // A library reply's own `mode` wins over the command line.
    let toml = format!("{EXAMPLES}/replies.toml");
    let (_, json) = check_json(&["--mode", "draft", &toml]);
    assert_eq!(placeholders(&json), 0);
}

#[test]
fn the_example_library_is_clean() {
    let (run, json) = check_json(&[EXAMPLES]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(diagnostics(&json).is_empty(), "{:#}", json["diagnostics"]);
    assert!(errors(&json).is_empty());
    let summary = &json["summary"];
    assert_eq!(summary["files"], 7);
    // 6 TOML tables, 3 CSV rows, 3 JSON lines, 2 Zendesk macros that post
    // a reply (the third only sets fields), 1 Intercom macro and two
    // Markdown files.
    assert_eq!(summary["replies"], 17);
}

#[test]
fn the_example_library_as_drafts() {
    let args = ["--mode", "draft", EXAMPLES];
    let run = check(&args);
    insta::assert_snapshot!(run.transcript(&[&["check", "--no-config"], &args[..]].concat(), None));
}

#[test]
fn a_broken_jsonl_line_does_not_stop_the_others() {
    let path = format!("{BROKEN}/broken.jsonl");
    let (run, json) = check_json(&[&path]);
    assert_eq!(run.code, 2);
    assert_eq!(reported_ids(&json, &path, "placeholder"), ["ok-1", "ok-2"]);
    let errors = errors(&json);
    let lines: Vec<u64> = errors.iter().map(|e| e.1).collect();
    assert_eq!(lines, [2, 3, 4], "{errors:?}");
    assert!(errors[0].2.starts_with("invalid JSON"), "{errors:?}");
    assert_eq!(errors[1].2, "reply without `text`");
    assert!(errors[2].2.contains("did you mean `twitter`"), "{errors:?}");
}

#[test]
fn a_toml_reply_without_text_or_with_bad_syntax_is_named_by_line() {
    let path = format!("{BROKEN}/broken.toml");
    let (run, json) = check_json(&[&path]);
    assert_eq!(run.code, 2);
    assert_eq!(reported_ids(&json, &path, "placeholder"), ["first", "last"]);
    let errors = errors(&json);
    assert_eq!(errors[0].1, 5, "{errors:?}");
    assert_eq!(errors[0].2, "`[[reply]]` without `text`");
    assert_eq!(errors[1].1, 11, "{errors:?}");
    assert!(errors[1].2.starts_with("invalid TOML"), "{errors:?}");
    assert_eq!(errors.len(), 2);
}

#[test]
fn broken_csv_rows_are_errors_and_the_other_rows_are_checked() {
    let path = format!("{BROKEN}/broken.csv");
    let (_, json) = check_json(&[&path]);
    assert_eq!(reported_ids(&json, &path, "placeholder"), ["ok-1", "ok-2"]);
    let errors = errors(&json);
    let lines: Vec<u64> = errors.iter().map(|e| e.1).collect();
    assert_eq!(lines, [3, 5], "{errors:?}");
    assert!(errors[0].2.contains("header has 2"));
    assert!(errors[1].2.contains("never closed"));
}

#[test]
fn broken_library_files_in_the_human_format() {
    let args = [BROKEN];
    let run = check(&args);
    insta::assert_snapshot!(run.transcript(&[&["check", "--no-config"], &args[..]].concat(), None));
}

#[test]
fn walking_skips_config_files_and_other_tools_files() {
    let (run, json) = check_json(&[WALK]);
    assert!(errors(&json).is_empty(), "{}", run.stderr);
    assert_eq!(json["summary"]["files"], 1, "only replies.jsonl");
    assert_eq!(json["summary"]["replies"], 1);
    let path = format!("{WALK}/replies.jsonl");
    assert_at(&json, &path, "walk-1", "placeholder", (1, 33), "TODO");
}

#[test]
fn a_file_named_explicitly_must_be_a_library() {
    for (file, expected) in [
        (
            "package.json",
            "not a reply library: expected a helpdesk export",
        ),
        (
            "Cargo.toml",
            "not a reply library: expected a TOML reply library",
        ),
        (
            "replylint.toml",
            "not a reply library: expected a TOML reply library",
        ),
        (
            "sub/data.csv",
            "not a reply library: expected a CSV reply library",
        ),
        (
            "sub/events.jsonl",
            "not a reply library: expected a JSON Lines reply library",
        ),
        ("tsconfig.json", "invalid JSON"),
    ] {
        let path = Path::new(WALK).join(file);
        let (run, json) = check_json(&[path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{file}");
        let errors = errors(&json);
        assert_eq!(errors.len(), 1, "{file}: {errors:?}");
        assert!(errors[0].2.starts_with(expected), "{file}: {errors:?}");
    }
}

#[test]
fn an_invalid_export_names_its_line() {
    let path = format!("{BROKEN}/invalid.json");
    let (_, json) = check_json(&[&path]);
    let errors = errors(&json);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].1, 3);
    assert!(errors[0].2.starts_with("invalid JSON"), "{errors:?}");
}

#[test]
fn stdin_named_like_a_library_is_read_as_one() {
    let text =
        "{\"id\": \"s1\", \"text\": \"Ciao \\u00e8 TODO\"}\n{\"id\": \"s2\", \"text\": \"ok\"}\n";
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "check",
        "--no-config",
        "--format",
        "json",
        "--stdin-filename",
        "macros.jsonl",
        "-",
    ];
    let run = run_in(dir.path(), &args, Some(text));
    let json = run.json();
    assert_eq!(json["summary"]["replies"], 2, "{}", run.stderr);
    let d = &diagnostics(&json)[0];
    assert_eq!(
        (&d["reply_id"], &d["path"]),
        (&Value::from("s1"), &Value::from("macros.jsonl"))
    );
    let todo = text.find("TODO").unwrap() as u64;
    assert_eq!(d["start"]["offset"], todo);
    assert_eq!(d["start"]["column"], todo + 1);
}

/// Every prefix of every fixture (a file cut anywhere, as by a crash or a
/// bad export) is read without a panic, and every reply read from it maps
/// each of its characters inside the file, in order.
#[test]
fn truncated_library_files_never_panic_and_map_inside_the_file() {
    use replylint_core::reply::Source;
    use replylint_io::input::{Read, read_source};
    use std::sync::Arc;
    let mut replies = 0;
    for fixtures in [POSITIONS, BROKEN] {
        for entry in std::fs::read_dir(repo().join(fixtures)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.display().to_string();
            for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let source = Arc::new(Source {
                    path: Some(path.clone()),
                    name: name.clone(),
                    text: text[..end].to_owned(),
                });
                let Ok((Read::Replies(source, read), _)) = read_source(source, true) else {
                    continue;
                };
                for reply in &read {
                    replies += 1;
                    let mut last = 0;
                    for (i, _) in reply.body.char_indices() {
                        let at = reply.offsets.source_start(i);
                        assert!(at >= last && at < source.text.len(), "{name} cut at {end}");
                        last = at;
                    }
                    let end_at = reply.offsets.source_end(reply.body.len());
                    assert!(end_at <= source.text.len(), "{name} cut at {end}");
                }
            }
        }
    }
    assert!(replies > 1000, "{replies} replies read from the cuts");
}
