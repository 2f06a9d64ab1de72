//! `subject-length`: the email subject against the channel's limits, with
//! diagnostics pointing into the subject where it was written (front
//! matter, a library entry, a Zendesk export). Must-fail and must-pass
//! cases.

use crate::common::{assert_clean, diagnostics_of, lint, run_in};
use serde_json::Value;

const BODY: &str = "Dear Anna,\n\nyour refund is on its way.\n\nKind regards,\nMarco\n";

/// A TOML front matter reply on `email` with `subject`.
fn reply(subject: &str) -> String {
    format!("+++\nchannel = \"email\"\nsubject = \"{subject}\"\n+++\n{BODY}")
}

/// A subject of `n` characters.
fn subject(n: usize) -> String {
    "Your refund is approved ".chars().cycle().take(n).collect()
}

#[test]
fn a_subject_over_78_characters_is_an_error_from_the_79th() {
    let text = reply(&subject(85));
    insta::assert_snapshot!(lint(&[], &text));
    let found = diagnostics_of("subject-length", &[], &text);
    // `subject = "` is 11 characters: the 79th character is column 90.
    assert_eq!(
        found,
        vec![(3, 90, "subject is 85/78 characters on `email`".to_owned())]
    );
}

#[test]
fn a_subject_of_61_to_78_characters_is_a_warning() {
    let text = reply(&subject(70));
    insta::assert_snapshot!(lint(&[], &text));
    for n in [61, 78] {
        let found = diagnostics_of("subject-length", &[], &reply(&subject(n)));
        assert_eq!(found.len(), 1, "{n}");
        assert_eq!((found[0].0, found[0].1), (3, 72), "{n}");
    }
}

#[test]
fn subjects_are_counted_in_graphemes() {
    // 60 family emoji and accented letters: 60 characters, many bytes.
    let s: String = "è👨\u{200d}👩\u{200d}👧".repeat(30);
    assert_clean("subject-length", &[], &reply(&s));
    let s = format!("{s}é");
    let found = diagnostics_of("subject-length", &[], &reply(&s));
    // Columns count scalar values: each family emoji is 5 of them.
    assert_eq!((found[0].0, found[0].1), (3, 12 + 30 * 6));
}

#[test]
fn must_pass_short_subjects_no_subject_and_other_channels() {
    assert_clean("subject-length", &[], &reply(&subject(60)));
    assert_clean("subject-length", &[], &reply(""));
    assert_clean(
        "subject-length",
        &[],
        &format!("+++\nchannel = \"email\"\n+++\n{BODY}"),
    );
    // `chat` sets no subject limits.
    let chat = format!(
        "+++\nchannel = \"chat\"\nsubject = \"{}\"\n+++\nHi!\n",
        subject(100)
    );
    assert_clean("subject-length", &[], &chat);
}

#[test]
fn a_yaml_front_matter_subject_is_located_too() {
    let text = format!("---\nchannel: email\nsubject: {}\n---\n{BODY}", subject(80));
    let found = diagnostics_of("subject-length", &[], &text);
    // `subject: ` is 9 characters.
    assert_eq!((found[0].0, found[0].1), (3, 88));
}

/// `subject-length` diagnostics of checking `text` as a file named `name`.
fn check_file(name: &str, text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "check",
        "--no-config",
        "--format",
        "json",
        "--stdin-filename",
        name,
        "-",
    ];
    let run = run_in(dir.path(), &args, Some(text));
    assert!(run.code != 2, "{}", run.stderr);
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "subject-length")
        .cloned()
        .collect()
}

#[test]
fn a_subject_in_a_toml_library_entry() {
    let long = subject(80);
    let text = format!(
        "[[reply]]\nid = \"refund\"\nchannel = \"email\"\nsubject = \"{long}\"\ntext = \"\"\"\n{BODY}\"\"\"\n"
    );
    let found = check_file("macros.toml", &text);
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(
        (&d["part"], &d["severity"]),
        (&Value::from("subject"), &Value::from("warning"))
    );
    assert_eq!(
        (&d["start"]["line"], &d["start"]["column"]),
        (&Value::from(4), &Value::from(90))
    );
    let at = text.find(&long).unwrap() + 78;
    assert_eq!(d["start"]["offset"], at as u64);
    assert_eq!(d["end"]["offset"], (at + 2) as u64);
}

#[test]
fn a_subject_in_a_zendesk_export() {
    let long = subject(70);
    let text = format!(
        r#"{{"macros": [{{"id": 7, "title": "Refund", "actions": [
  {{"field": "subject", "value": "{long}"}},
  {{"field": "comment_value", "value": "Dear Anna, your refund is on its way. Kind regards, Marco"}}
]}}]}}
"#
    );
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "check",
        "--no-config",
        "--channel",
        "email",
        "--format",
        "json",
        "--stdin-filename",
        "macros.json",
        "-",
    ];
    let run = run_in(dir.path(), &args, Some(&text));
    assert!(run.code != 2, "{}", run.stderr);
    let json = run.json();
    let found: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "subject-length")
        .collect();
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!(found[0]["severity"], "warning");
    let at = text.find(&long).unwrap() + 60;
    assert_eq!(found[0]["start"]["offset"], at as u64);
    assert_eq!(found[0]["start"]["line"], 2);
}

#[test]
fn body_diagnostics_say_no_part() {
    let run = crate::common::run(&["--format", "json"], &reply(&subject(85)));
    for d in run.json()["diagnostics"].as_array().unwrap() {
        assert_eq!(
            d.get("part").is_some(),
            d["rule"] == "subject-length",
            "{d}"
        );
    }
}

#[test]
fn escapes_before_the_limit_are_retraced_in_front_matter_and_json() {
    // `\u00e8` is one character written as six.
    let long = format!("Caff\\u00e8 {}", subject(75));
    let text = reply(&long);
    let found = diagnostics_of("subject-length", &[], &text);
    // 12 + 78 columns, plus the 5 the escape adds.
    assert_eq!((found[0].0, found[0].1), (3, 95));
    let line = format!(
        "{{\"id\": \"r\", \"channel\": \"email\", \"subject\": \"{long}\", \"text\": \"Dear Anna, kind regards, Marco\"}}\n"
    );
    let found = check_file("macros.jsonl", &line);
    let at = line.find("Caff").unwrap() + 78 + 5;
    assert_eq!(found[0]["start"]["offset"], at as u64);
    assert_eq!(
        found[0]["end"]["offset"],
        (line.find("\", \"text").unwrap()) as u64
    );
}

#[test]
fn a_subject_in_a_csv_row_with_doubled_quotes() {
    let long = format!("\"\"Refund\"\" {}", subject(75));
    let row =
        format!("id,channel,subject,text\nr,email,\"{long}\",\"Dear Anna, kind regards, Marco\"\n");
    let found = check_file("macros.csv", &row);
    assert_eq!(found.len(), 1);
    // Two doubled quotes before the limit: 2 more bytes than characters.
    let at = row.find("\"\"Refund").unwrap() + 78 + 2;
    assert_eq!(found[0]["start"]["offset"], at as u64);
}
