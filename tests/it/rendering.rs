//! How findings are drawn where a reply is awkward to show: lines far wider
//! than the terminal (a minified export is one line) and replies holding
//! control characters, terminal escape sequences and bidirectional
//! overrides, next to wide characters and combining marks.

use crate::common::{Tree, run};
use serde_json::Value;

/// What `check` printed on `text`, in `format`, with the input described
/// instead of echoed (it is long, or holds control characters).
fn stdout(format: &str, text: &str) -> String {
    let r = run(&["--format", format, "--channel", "generic"], text);
    assert_ne!(r.code, 2, "{}", r.stderr);
    r.stdout
}

/// A line of `n` sentences, with a double space in the first, the middle
/// and the last one.
fn long_line(n: usize) -> String {
    let plain = "We checked it today and the parcel is on its way to you. Thanks for waiting. ";
    (0..n)
        .map(|i| {
            if i == 0 || i == n / 2 || i == n - 1 {
                plain.replacen("it today", "it  today", 1)
            } else {
                plain.to_owned()
            }
        })
        .collect::<String>()
        .trim_end()
        .to_owned()
        + "\n"
}

#[test]
fn a_long_line_is_cut_around_the_span_at_its_start_middle_and_end() {
    let text = long_line(60);
    insta::assert_snapshot!(stdout("human", &text));
}

#[test]
fn a_finding_at_column_100000_is_shown_in_a_window_of_the_terminal_width() {
    // 6,000 findings on one line of 200 kB: the output is as long as
    // 6,000 windows of the line, not 6,000 copies of it. (The human
    // renderer's own tests go to column 500,000 of a megabyte, and count
    // what it reads.)
    let unit = "Thanks for waiting  we are on it. ";
    let line = unit.repeat(200_000 / unit.len()) + "\n";
    let out = stdout("human", &line);
    // A double space in every sentence (the trailing space is one nobody
    // sees, not reported by default).
    let findings = out.matches("warning[whitespace]").count();
    assert_eq!(findings, line.matches("  ").count());
    assert!(out.len() < findings * 600, "{} bytes", out.len());
    // The first double space from column 100,000 on.
    let first = unit.find("  ").unwrap() + 1;
    let column = first + unit.len() * (100_000 - first).div_ceil(unit.len());
    let far = out
        .split("\n\n")
        .find(|d| d.contains(&format!(":1:{column}\n")))
        .expect("the finding past column 100,000");
    let code = far.lines().nth(3).unwrap();
    assert!(
        code.starts_with("1 | ...") && code.ends_with("..."),
        "{code}"
    );
    assert!(code.len() < 150, "{code}");
    assert!(code.contains("waiting  we"), "{code}");
}

/// A reply with an ESC colour sequence, a tab, SOH, BEL, DEL, a bare CR
/// (a line break, as for the reply's body), C1 controls (CSI, NEL), a
/// right-to-left override, emoji, CJK and a combining accent, each line with a double space after them; and a
/// team rule whose message quotes the escape sequence it finds.
fn tree() -> Tree {
    Tree::new(&[
        (
            "replylint.toml",
            concat!(
                "[[rule]]\n",
                "id = \"colour-code\"\n",
                "kind = \"forbid\"\n",
                "regex = \"\\\\x1b\\\\[[0-9;]*m\"\n",
                "message = \"terminal colour code `{match}` pasted into the reply\"\n",
            ),
        ),
        (
            "reply.txt",
            concat!(
                "Ciao \u{1b}[31mAnna\u{1b}[0m,  grazie.\n",
                "Tab\there  and\u{1}soh\u{7}bel\u{7f}del.\n",
                "A bare CR\rbreaks  the line.\n",
                "C1 \u{9b}31mred\u{85}x  next.\n",
                "Bidi \u{202e}olleh\u{202c}  done.\n",
                "Emoji 😀 漢字 e\u{301}  ok 👍🏽 so  fine.\n",
            ),
        ),
    ])
}

fn check(tree: &Tree, format: &str) -> String {
    let r = tree.run(&[
        "check",
        "--channel",
        "chat",
        "--color",
        "never",
        "--format",
        format,
        "reply.txt",
    ]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    r.stdout
}

/// The C0 and C1 control characters but the line break (and the tab,
/// which is white space to a terminal), and the bidirectional controls.
fn raw_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn control_characters_are_shown_escaped_and_the_carets_still_line_up() {
    let out = check(&tree(), "human");
    assert!(!out.contains(raw_control), "{out:?}");
    insta::assert_snapshot!(out);
}

#[test]
fn line_and_github_formats_keep_one_line_per_diagnostic_without_raw_controls() {
    let tree = tree();
    for format in ["line", "github"] {
        let out = check(&tree, format);
        assert!(!out.contains(raw_control), "{format}: {out:?}");
        assert_eq!(out.lines().count(), 9, "{format}: {out}");
        insta::assert_snapshot!(format!("{format}_format_escapes_controls"), out);
    }
}

#[test]
fn json_and_sarif_carry_control_characters_as_json_escapes() {
    let tree = tree();
    for format in ["json", "jsonl", "sarif"] {
        let out = check(&tree, format);
        // No raw control character but the line breaks of the layout: the
        // serialiser escapes them (`\u001b`).
        assert!(
            !out.contains(|c: char| c.is_ascii_control() && c != '\n' && c != '\u{7f}'),
            "{format}"
        );
        assert!(out.contains(r"\u001b[31m"), "{format}");
        let messages: Vec<String> = out
            .lines()
            .filter(|_| format == "jsonl")
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .chain((format != "jsonl").then(|| serde_json::from_str(&out).unwrap()))
            .flat_map(|v| {
                let list = v["diagnostics"]
                    .as_array()
                    .or(v["runs"][0]["results"].as_array())
                    .cloned()
                    .unwrap_or_else(|| vec![v.clone()]);
                list.into_iter()
                    .filter_map(|d| {
                        d["message"]
                            .as_str()
                            .or(d["message"]["text"].as_str())
                            .map(str::to_owned)
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(
            messages
                .contains(&"terminal colour code `\u{1b}[31m` pasted into the reply".to_owned()),
            "{format}: {messages:?}"
        );
    }
}

#[test]
fn sarif_fingerprints_of_empty_spans_in_a_long_line_hash_a_window_of_it() {
    // A team rule that requires a phrase reports the end of the reply, an
    // empty span, in a reply of one long line: its fingerprint is made of
    // the 2 KiB either side, so an edit far before it changes nothing.
    let config = "[[rule]]\nid = \"offer-help\"\nkind = \"require\"\nphrases = [\"let us know\"]\n";
    let fingerprint = |text: &str| -> Value {
        let tree = Tree::new(&[("replylint.toml", config), ("reply.txt", text)]);
        let r = tree.run(&[
            "check",
            "--format",
            "sarif",
            "--channel",
            "chat",
            "reply.txt",
        ]);
        let log: Value = serde_json::from_str(&r.stdout).unwrap();
        let result = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == "offer-help")
            .expect("the offer-help result")
            .clone();
        result["partialFingerprints"]["replylint/v1"].clone()
    };
    let tail = "Thanks for waiting, we are on it. ".repeat(200);
    let a = fingerprint(&format!("Hello there. {tail}"));
    let b = fingerprint(&format!("Hello again there. {tail}"));
    assert_eq!(a, b);
    let c = fingerprint(&format!("Hello there. {tail}Bye now."));
    assert_ne!(a, c);
    // A short line still stands whole for its empty span.
    let short = "Thanks for waiting, we are on it.";
    assert_ne!(
        fingerprint(&format!("Hi. {short}")),
        fingerprint(&format!("Hello. {short}"))
    );
}

#[test]
fn a_line_of_white_space_only_is_shown_with_its_span_marked() {
    // annotate-snippets cut it away, leaving `...` and the marks over the
    // gutter.
    let r = crate::common::run_configured(
        crate::common::ALL_WHITESPACE,
        &["--format", "human", "--channel", "generic"],
        "   ",
    );
    let out = r.stdout;
    assert!(out.contains("\n1 |    \n  | ---\n"), "{out}");
}
