//! JSON Lines and CSV libraries read a part at a time: every format
//! prints what reading the file whole prints, positions after the parts'
//! boundaries included, and the `max-file-size` key for the files read
//! whole. The parts are made small (the hidden `REPLYLINT_PART_BYTES`) so
//! that a small file is read in many parts.

use crate::common::{Run, Tree};
use assert_cmd::Command;
use std::path::Path;

const FORMATS: &[&str] = &[
    "human",
    "line",
    "json",
    "jsonl",
    "sarif",
    "github",
    "checkstyle",
];

/// `replylint ARGS` in `dir`, reading JSON Lines and CSV files in parts of
/// `part` bytes, and checking the other files' replies in slices of
/// `part` replies (`None`: the defaults, so a small file is read whole and
/// checked at once).
fn run_parts(dir: &Path, args: &[&str], part: Option<usize>) -> Run {
    let mut cmd = Command::cargo_bin("replylint").expect("binary built");
    cmd.current_dir(dir)
        .args(args)
        .env(replylint_io::dictionaries::PATH_VARIABLE, "")
        .env("CLICOLOR", "0")
        .env_remove("REPLYLINT_PART_BYTES")
        .env_remove("REPLYLINT_SLICE_REPLIES");
    if let Some(part) = part {
        cmd.env("REPLYLINT_PART_BYTES", part.to_string())
            .env("REPLYLINT_SLICE_REPLIES", part.to_string());
    }
    let out = cmd.output().expect("replylint runs");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Every format, in parts of every size in `parts`, prints what the file
/// read whole prints; returns the `line` output read whole.
#[track_caller]
fn same_in_parts(tree: &Tree, file: &str, parts: &[usize]) -> Run {
    let mut whole_line = None;
    for format in FORMATS {
        let args = [
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
            file,
        ];
        let whole = run_parts(&tree.root, &args, None);
        assert!(whole.code <= 2, "{}", whole.stderr);
        for &part in parts {
            let parted = run_parts(&tree.root, &args, Some(part));
            assert_eq!(
                (&parted.stdout, &parted.stderr, parted.code),
                (&whole.stdout, &whole.stderr, whole.code),
                "{file} --format {format} in parts of {part} bytes"
            );
        }
        if *format == "line" {
            whole_line = Some(whole);
        }
    }
    whole_line.expect("the line format is run")
}

/// A reply long enough for `near-duplicate`, the same in several places:
/// a library finding whose places show their lines.
const LONG: &str = "Thank you for contacting us about your order. We have received your request and will refund the full amount within five working days";

fn jsonl_library(crlf: bool) -> String {
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut text = String::from("\u{feff}");
    for i in 0..40 {
        let line = match i % 8 {
            0 => format!(
                r#"{{"id": "e{i}", "channel": "twitter", "text": "😀 Hi!!! 👍🏽 so sorry 😀😀 TODO fix this asap!!!"}}"#
            ),
            1 => format!(
                r#"{{"id": "d{i}", "channel": "email", "text": "{LONG} {}."}}"#,
                i % 3
            ),
            2 => format!(
                r#"{{"id": "m{i}", "channel": "sms", "text": "Caro cliente,\nil rimborso è stato approvato 😀 entro 30 giorni.\nGrazie"}}"#
            ),
            3 => r#"{"id": "broken", "text": "no end"#.to_owned(),
            4 => String::new(),
            5 => format!(r#"{{"id": "n{i}", "channel": "chat"}}"#),
            6 => format!(
                r#"{{"id": "u{i}", "channel": "chat", "allow": ["no-such-rule"], "text": "hello hello there"}}"#
            ),
            _ => format!(
                r#"{{"id": "r{i}", "channel": "email", "text": "Refunds take 14 days, or 30 days 😀 for orders abroad. Call +39 333 123 4567."}}"#
            ),
        };
        text.push_str(&line);
        text.push_str(eol);
    }
    text
}

#[test]
fn json_lines_in_parts_report_what_the_whole_file_reports() {
    for crlf in [false, true] {
        let tree = Tree::new(&[("macros.jsonl", &jsonl_library(crlf))]);
        // Parts of a few records, of one, and smaller than a record.
        let line = same_in_parts(&tree, "macros.jsonl", &[1, 97, 400, 1500]);
        // Findings and errors far into the file, where only the parts
        // that hold them are read.
        assert!(line.stdout.contains("macros.jsonl:40:"), "{}", line.stdout);
        assert!(
            line.stderr.contains("error: macros.jsonl:36:"),
            "{}",
            line.stderr
        );
        assert!(
            line.stdout.contains("[near-duplicate]"),
            "a library finding: {}",
            line.stdout
        );
    }
}

fn csv_library() -> String {
    let mut text = String::from("\u{feff}id,channel,language,text,notes\r\n");
    for i in 0..30 {
        let row = match i % 6 {
            // A quoted field over several lines, with quotes and emoji.
            0 => format!(
                "q{i},email,en,\"Dear customer,\r\n\r\nwe said \"\"sorry\"\" 😀 TODO!!!\r\nThanks\",x\r\n"
            ),
            1 => format!("d{i},email,en,\"{LONG} {}.\",\r\n", i % 2),
            2 => format!("s{i},twitter,,😀 Hi!!! 👍🏽 so so sorry 😀😀 asap!!!,\"a\nb\"\r\n"),
            3 => format!("bad{i},email,en\r\n"),
            4 => "\r\n".to_owned(),
            _ => format!("t{i},chat,it,\"Ciao! Il rimborso è in arrivo 😀 entro 30 giorni\",\r\n"),
        };
        text.push_str(&row);
    }
    text
}

#[test]
fn csv_in_parts_reports_what_the_whole_file_reports() {
    let tree = Tree::new(&[("macros.csv", &csv_library())]);
    let line = same_in_parts(&tree, "macros.csv", &[1, 60, 333, 2000]);
    // The last row starts on line 61 (each `q` row spans 4 lines).
    assert!(line.stdout.contains("macros.csv:6"), "{}", line.stdout);
    assert!(
        line.stderr
            .contains("row has 3 field(s) but the header has 5"),
        "{}",
        line.stderr
    );
    insta::assert_snapshot!(line.stdout);
}

#[test]
fn files_not_read_in_parts_and_files_that_are_not_libraries() {
    // UTF-16 is read whole; so are files whose text is not UTF-8.
    let text = jsonl_library(false);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.trim_start_matches('\u{feff}').encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let mut latin1 = b"{\"text\": \"ok\"}\n".repeat(20);
    latin1.extend(b"{\"text\": \"caf\xe9\"}\n");
    let tree = Tree::with_bytes(&[
        ("utf16.jsonl", &utf16),
        ("latin1.jsonl", &latin1),
        (
            "data/package.jsonl",
            b"{\"name\": \"a\"}\n{\"name\": \"b\"}\n{\"name\": \"c\"}\n",
        ),
        ("data/sheet.csv", b"name,price\nx,1\ny,2\n"),
    ]);
    let line = same_in_parts(&tree, "utf16.jsonl", &[50]);
    assert!(line.stdout.contains("utf16.jsonl:40:"), "{}", line.stdout);
    let line = same_in_parts(&tree, "latin1.jsonl", &[20]);
    assert!(line.stderr.contains("invalid UTF-8"), "{}", line.stderr);
    // Not reply libraries: skipped in a folder, errors when named.
    for file in ["data", "data/package.jsonl", "data/sheet.csv"] {
        same_in_parts(&tree, file, &[5]);
    }
    let folder = run_parts(&tree.root, &["check", "--verbose", "data"], Some(5));
    assert_eq!(folder.code, 0, "{}", folder.stderr);
    assert!(
        folder
            .stderr
            .contains("skipped: data/package.jsonl: not a reply library")
    );
    let named = run_parts(&tree.root, &["check", "data/package.jsonl"], Some(5));
    assert_eq!(named.code, 2);
    assert!(
        named
            .stderr
            .contains("not a reply library: expected a JSON Lines")
    );
}

#[test]
fn files_read_whole_checked_a_slice_of_replies_at_a_time_report_the_same() {
    // The JSON Lines library as a JSON array and as TOML: read whole, their
    // replies checked and rendered a few at a time.
    let library = jsonl_library(false);
    let objects: Vec<&str> = library
        .trim_start_matches('\u{feff}')
        .lines()
        .filter(|l| l.ends_with('}'))
        .collect();
    let json = format!("[\n{}\n]\n", objects.join(",\n"));
    let mut toml = String::new();
    for (i, line) in objects.iter().enumerate() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(text) = value["text"].as_str() else {
            continue;
        };
        toml.push_str(&format!(
            "[[reply]]\nid = \"t{i}\"\nchannel = {}\ntext = {}\n\n",
            value["channel"],
            serde_json::to_string(text).unwrap()
        ));
    }
    let tree = Tree::new(&[("replies.json", &json), ("macros.toml", &toml)]);
    for file in ["replies.json", "macros.toml"] {
        let line = same_in_parts(&tree, file, &[1, 3, 7]);
        assert!(line.stdout.contains("[near-duplicate]"), "{}", line.stdout);
        assert!(line.stdout.lines().count() > 20, "{}", line.stdout);
    }
}

/// A Zendesk export and a TOML library with errors of reading all through
/// them (keys written twice in a macro and in the wrapper, a macro that
/// posts no reply, a body that is not a string, items that are not
/// replies; broken tables, unknown keys and tables), read a slice of
/// items at a time: the same output, errors of reading first and in the
/// order of the file.
#[test]
fn exports_and_toml_libraries_read_a_slice_at_a_time_report_the_same() {
    let mut macros = Vec::new();
    for i in 0..30 {
        let text = match i % 3 {
            0 => format!("{LONG} {}.", i % 2),
            1 => "Ciao!!! 😀 il rimborso arriva entro 30 giorni. TODO".to_owned(),
            _ => "Refunds take 14 days. Call +39 333 123 4567. Thanks".to_owned(),
        };
        let body = serde_json::to_string(&text).unwrap();
        macros.push(match i % 10 {
            4 => format!(r#"{{"id": {i}, "title": "t{i}", "title": "again", "actions": [{{"field": "comment_value", "value": {body}}}]}}"#),
            5 => format!(r#"{{"id": {i}, "title": "tags only", "actions": [{{"field": "set_tags", "value": "x"}}]}}"#),
            6 => format!(r#"{{"id": {i}, "title": "t{i}", "actions": [{{"field": "comment_value", "value": 5}}]}}"#),
            7 => "17".to_owned(),
            _ => format!(r#"{{"id": {i}, "title": "t{i}", "actions": [{{"field": "comment_value_html", "value": {}}}]}}"#,
                serde_json::to_string(&format!("<p>{text}</p>")).unwrap()),
        });
    }
    let zendesk = format!(
        "{{\"count\": 1, \"macros\": [\n{}\n], \"count\": 2}}\n",
        macros.join(",\n")
    );
    let array = format!("[\n{}\n]\n", macros[..12].join(",\n"));
    let mut toml = String::from("title = \"a library\"\n\n");
    for i in 0..30 {
        toml.push_str(&match i % 6 {
            1 => format!("[[reply]]\nid = \"t{i}\"\ntext = \"bad \\q escape\"\n\n"),
            2 => format!("[[reply]]\nid = \"t{i}\"\ncolour = \"red\"\ntext = \"Hi, thanks 😀\"\n\n"),
            3 => format!("[[reply]]\nid = \"t{i}\"\n\n[other{i}]\nx = 1\n\n"),
            _ => format!(
                "[[reply]]\nid = \"t{i}\"\nchannel = \"email\"\ntext = \"\"\"\n{LONG} {}.\n[[reply]]\n\"\"\"\n\n",
                i % 2
            ),
        });
    }
    let tree = Tree::new(&[
        ("export.json", &zendesk),
        ("array.json", &array),
        ("broken.toml", &toml),
    ]);
    for file in ["export.json", "array.json", "broken.toml"] {
        let line = same_in_parts(&tree, file, &[1, 4, 9]);
        assert!(line.stdout.contains("[near-duplicate]"), "{}", line.stdout);
        assert!(
            line.stderr.matches("error: ").count() >= 4,
            "{}",
            line.stderr
        );
    }
}

#[test]
fn max_file_size_limits_the_files_read_whole_only() {
    // 1.5 MiB: a draft over a 1 MiB limit, a JSON Lines file of the same
    // size (read in parts) under it.
    let draft = "Hello, your refund is on its way.\n".repeat(1_500 * 1024 / 34);
    let jsonl = "{\"text\": \"Hello, your refund is on its way.\"}\n".repeat(1_500 * 1024 / 45);
    let tree = Tree::new(&[
        ("replylint.toml", "max-file-size = 1\n"),
        ("big.txt", &draft),
        ("big.jsonl", &jsonl),
    ]);
    let r = tree.run(&["check", "--format", "line", "big.txt", "big.jsonl"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr.lines().collect::<Vec<_>>(),
        [
            "error: big.txt: file too large: 1.5 MiB, over the 1 MiB limit for one file (`max-file-size`); split it into smaller files"
        ]
    );
    // The default limit reads it.
    let r = tree.run(&["check", "--no-config", "--format", "line", "big.txt"]);
    assert!(r.code < 2, "{}", r.stderr);
    // Values out of range and misspelt keys are errors at their place.
    tree.write("replylint.toml", "max-file-size = 0\n");
    let r = tree.run(&["check", "big.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "replylint.toml:1:17: `max-file-size` must be a whole number from 1 to 65536, not 0"
        ),
        "{}",
        r.stderr
    );
    tree.write("replylint.toml", "max-file-sise = 8\n");
    let r = tree.run(&["check", "big.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("unknown key `max-file-sise` (did you mean `max-file-size`?)"),
        "{}",
        r.stderr
    );
}
