//! Positions in the JSON output are exact: `line`, `column` (Unicode scalar
//! values), `column_utf16` and `offset` (byte offset in the file on disk)
//! after emoji, ZWJ sequences, combining accents and CJK, in CRLF files,
//! after a BOM and after `+++` front matter, for files named on the command
//! line and for stdin alike.
//!
//! Every position is checked against an independent computation from the
//! bytes on disk, and every `offset` range is sliced out of the original
//! bytes and compared with the text it should cover.

use crate::common::{all_whitespace_config, run_in};
use serde_json::Value;
use std::path::Path;

/// A test directory with no configuration file in it.
fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Lint `name` (written with `contents`) in `dir`, as JSON.
fn lint_file(dir: &Path, name: &str, contents: &str, args: &[&str]) -> Value {
    std::fs::write(dir.join(name), contents).expect("write reply");
    let mut all = vec![
        "check",
        "--config",
        all_whitespace_config(),
        "--format",
        "json",
    ];
    all.extend_from_slice(args);
    all.push(name);
    let r = run_in(dir, &all, None);
    assert!(r.code != 2, "{}{}", r.stdout, r.stderr);
    r.json()
}

/// Lint `contents` from stdin, as JSON.
fn lint_stdin(dir: &Path, contents: &str, args: &[&str]) -> Value {
    let mut all = vec![
        "check",
        "--config",
        all_whitespace_config(),
        "--format",
        "json",
    ];
    all.extend_from_slice(args);
    all.push("-");
    let r = run_in(dir, &all, Some(contents));
    assert!(r.code != 2, "{}{}", r.stdout, r.stderr);
    r.json()
}

/// `(line, column, column_utf16)` of byte `offset` of `text`, computed
/// from scratch: a BOM takes no column; `\n`, `\r\n` and a lone `\r` end a
/// line; an offset between `\r` and `\n` is still at the end of the line.
fn expected_position(text: &str, offset: usize) -> (u64, u64, u64) {
    let (mut line, mut column, mut utf16) = (1, 1, 1);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '\u{feff}' if i == 0 => {}
            '\r' if next == Some('\n') => {}
            '\n' | '\r' => (line, column, utf16) = (line + 1, 1, 1),
            _ => {
                column += 1;
                utf16 += c.len_utf16() as u64;
            }
        }
    }
    (line, column, utf16)
}

/// Check one JSON position against the file; return its offset.
#[track_caller]
fn check_position(text: &str, p: &Value) -> usize {
    let offset = p["offset"].as_u64().expect("offset") as usize;
    assert!(
        text.is_char_boundary(offset),
        "offset {offset} is inside a character"
    );
    let got = (
        p["line"].as_u64().unwrap(),
        p["column"].as_u64().unwrap(),
        p["column_utf16"].as_u64().unwrap(),
    );
    assert_eq!(
        got,
        expected_position(text, offset),
        "position of offset {offset}: {p}"
    );
    offset
}

/// Check every position of every diagnostic (and fix edit) in `doc`
/// against `text`; return `(rule, covered text)` per diagnostic.
#[track_caller]
fn covered(text: &str, doc: &Value) -> Vec<(String, String)> {
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let start = check_position(text, &d["start"]);
            let end = check_position(text, &d["end"]);
            assert!(start <= end, "{d:#}");
            if let Some(edits) = d["fix"]["edits"].as_array() {
                for e in edits {
                    check_position(text, &e["start"]);
                    check_position(text, &e["end"]);
                }
            }
            (
                d["rule"].as_str().unwrap().to_owned(),
                text[start..end].to_owned(),
            )
        })
        .collect()
}

/// `(line, column, column_utf16, offset)` of the first diagnostic of `rule`.
fn start_of(doc: &Value, rule: &str) -> (u64, u64, u64, u64) {
    let d = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == rule)
        .unwrap_or_else(|| panic!("no `{rule}` diagnostic in {doc:#}"));
    let p = &d["start"];
    let n = |k: &str| p[k].as_u64().unwrap();
    (n("line"), n("column"), n("column_utf16"), n("offset"))
}

/// The diagnostics without the path, to compare a file with stdin.
fn without_paths(doc: &Value) -> Vec<Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.as_object_mut().unwrap().remove("path");
            d
        })
        .collect()
}

/// Lint `contents` as a file and from stdin; both must agree and be exact.
/// Returns the file's JSON.
fn lint_both(name: &str, contents: &str, args: &[&str]) -> Value {
    let dir = tempdir();
    let file = lint_file(dir.path(), name, contents, args);
    let stdin = lint_stdin(dir.path(), contents, args);
    assert_eq!(
        without_paths(&file),
        without_paths(&stdin),
        "file and stdin disagree"
    );
    covered(contents, &file);
    file
}

// --------------------------------------------------- characters before

#[test]
fn after_an_emoji_with_a_skin_tone() {
    // 👍🏽: 2 scalar values, 4 UTF-16 units, 8 bytes.
    let text = "Thanks 👍🏽 TODO\n";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (1, 11, 13, 16));
    assert_eq!(
        covered(text, &doc),
        vec![("placeholder".into(), "TODO".into())]
    );
}

#[test]
fn after_a_zwj_family() {
    // 👨‍👩‍👧: 5 scalar values, 8 UTF-16 units, 18 bytes.
    let text = "Ciao 👨\u{200d}👩\u{200d}👧 XXX\n";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (1, 12, 15, 24));
    assert_eq!(
        covered(text, &doc),
        vec![("placeholder".into(), "XXX".into())]
    );
}

#[test]
fn after_combining_accents() {
    // e + U+0301: 2 scalar values, 2 UTF-16 units, 3 bytes, one character.
    let text = "Caf\u{65}\u{301} cre\u{300}me {{name}}\n";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (1, 14, 14, 15));
    assert_eq!(
        covered(text, &doc),
        vec![("placeholder".into(), "{{name}}".into())]
    );
}

#[test]
fn after_cjk() {
    // 中文: 1 scalar value, 1 UTF-16 unit and 3 bytes each.
    let text = "您好，订单 [ORDER] 已发货。\n";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (1, 7, 7, 16));
    assert_eq!(
        covered(text, &doc),
        vec![("placeholder".into(), "[ORDER]".into())]
    );
}

#[test]
fn a_mix_on_several_lines_with_several_rules() {
    let text = "Ciao 👋🏻 Anna,\n中文  e\u{301} TODO \n\n\nfamiglia 👨\u{200d}👩\u{200d}👧  {$x}";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(
        covered(text, &doc),
        vec![
            ("whitespace".into(), "  ".into()),
            ("placeholder".into(), "TODO".into()),
            ("whitespace".into(), " ".into()),
            ("whitespace".into(), "\n".into()),
            ("whitespace".into(), "  ".into()),
            ("placeholder".into(), "{$x}".into()),
        ]
    );
}

// ------------------------------------------------------- file formats

#[test]
fn in_a_crlf_file() {
    let text = "Hi Anna,\r\nyour order\r\nships TBD.\r\n";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (3, 7, 7, 28));
    assert_eq!(
        covered(text, &doc),
        vec![("placeholder".into(), "TBD".into())]
    );
}

#[test]
fn crlf_trailing_whitespace_stops_before_the_cr() {
    let text = "Hi  \r\nthere\t\r\n";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(
        covered(text, &doc),
        vec![
            ("whitespace".into(), "  ".into()),
            ("whitespace".into(), "\t".into())
        ]
    );
}

#[test]
fn crlf_blank_lines_are_covered_as_whole_line_breaks() {
    let text = "One.\r\n\r\n\r\n\r\nTwo.\r\n";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(start_of(&doc, "whitespace"), (2, 1, 1, 6));
    // Two of the three blank lines go, each with its whole CRLF.
    assert_eq!(
        covered(text, &doc),
        vec![("whitespace".into(), "\r\n\r\n".into())]
    );
}

#[test]
fn fixes_applied_to_a_crlf_file_on_disk_keep_it_crlf_and_clean() {
    let text = "Ciao  Luca,  \r\n\r\n\r\n\r\ngrazie 👍🏽  a presto.\r\n";
    let dir = tempdir();
    let doc = lint_file(dir.path(), "r.txt", text, &[]);
    covered(text, &doc);
    let mut edits: Vec<(usize, usize, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["fix"]["edits"].as_array().cloned().unwrap_or_default())
        .map(|e| {
            (
                e["start"]["offset"].as_u64().unwrap() as usize,
                e["end"]["offset"].as_u64().unwrap() as usize,
                e["content"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort();
    let mut fixed = text.to_owned();
    for (start, end, content) in edits.iter().rev() {
        fixed.replace_range(*start..*end, content);
    }
    assert_eq!(fixed, "Ciao Luca,\r\n\r\ngrazie 👍🏽 a presto.\r\n");
    let again = lint_file(dir.path(), "r.txt", &fixed, &[]);
    assert_eq!(again["diagnostics"], Value::Array(vec![]), "{again:#}");
}

#[test]
fn in_a_file_with_a_bom() {
    // The BOM is 3 bytes in the offset and no column.
    let text = "\u{feff}Hi TODO\n";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (1, 4, 4, 6));
    assert_eq!(
        covered(text, &doc),
        vec![("placeholder".into(), "TODO".into())]
    );
}

#[test]
fn after_toml_front_matter() {
    let text = "+++\nchannel = \"chat\"\nid = \"r1\"\n+++\nHi 中文 {{name}}\n";
    let doc = lint_both("r.md", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (5, 7, 7, 45));
    assert_eq!(
        covered(text, &doc),
        vec![("placeholder".into(), "{{name}}".into())]
    );
}

#[test]
fn bom_crlf_and_front_matter_together() {
    let text = "\u{feff}+++\r\nmode = \"draft\"\r\n+++\r\n👍🏽 Hi,  \r\n\r\n\r\nTODO e\u{301}\r\n";
    let doc = lint_both("r.md", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (7, 1, 1, 49));
    assert_eq!(
        covered(text, &doc),
        vec![
            ("whitespace".into(), "  ".into()),
            ("whitespace".into(), "\r\n".into()),
            ("placeholder".into(), "TODO".into()),
        ]
    );
}

#[test]
fn in_a_file_with_lone_cr_line_breaks() {
    let text = "Hi Anna,\rorder XXX\r";
    let doc = lint_both("r.txt", text, &[]);
    assert_eq!(start_of(&doc, "placeholder"), (2, 7, 7, 15));
    assert_eq!(
        covered(text, &doc),
        vec![("placeholder".into(), "XXX".into())]
    );
}

// ------------------------------------------------------- max-length

#[test]
fn max_length_overflow_in_a_crlf_file_after_emoji() {
    // Line 1 weighs 2 + 1 + 2 = 5, the line break 1: 274 letters fit on line 2.
    let text = format!("👍🏽 Hi\r\n{}\r\n", "a".repeat(280));
    let doc = lint_both("r.txt", &text, &["--channel", "twitter"]);
    assert_eq!(start_of(&doc, "max-length"), (2, 275, 275, 13 + 274));
    let spans = covered(&text, &doc);
    assert_eq!(spans, vec![("max-length".into(), "a".repeat(6))]);
}

#[test]
fn max_length_overflow_in_bytes_after_front_matter() {
    let text = format!(
        "+++\nchannel = \"instagram\"\n+++\n{}é ok\n",
        "a".repeat(999)
    );
    let doc = lint_both("r.md", &text, &[]);
    assert_eq!(start_of(&doc, "max-length"), (4, 1000, 1000, 30 + 999));
    assert_eq!(
        covered(&text, &doc),
        vec![("max-length".into(), "é ok".into())]
    );
}

// ------------------------------------------------------- other formats

#[test]
fn line_and_jsonl_formats_give_the_same_positions() {
    let text = "Grazie 👨\u{200d}👩\u{200d}👧\r\nè TODO\r\n";
    let dir = tempdir();
    let doc = lint_file(dir.path(), "r.txt", text, &[]);
    let (line, column, _, _) = start_of(&doc, "placeholder");
    let r = run_in(
        dir.path(),
        &["check", "--no-config", "--format", "line", "r.txt"],
        None,
    );
    assert!(
        r.stdout
            .contains(&format!("r.txt:{line}:{column}: error[placeholder]")),
        "{}",
        r.stdout
    );
    let r = run_in(
        dir.path(),
        &["check", "--no-config", "--format", "jsonl", "r.txt"],
        None,
    );
    let first: Value =
        serde_json::from_str(r.stdout.lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["start"], doc["diagnostics"][0]["start"]);
    assert_eq!(first["end"], doc["diagnostics"][0]["end"]);
}
