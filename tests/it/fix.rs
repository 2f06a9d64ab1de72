//! `check --fix`, `--unsafe-fixes` and `--diff` on files (SPEC §7, §8):
//! fixes land in the file on disk through CRLF, BOMs, front matter and
//! every kind of TOML string; writing keeps permissions and links; what is
//! fixed is quiet afterwards; what cannot be fixed is said.

use crate::common::{Run, Tree};
use std::path::Path;

const FIXTURES: &str = "tests/fixtures/fix";

/// The files of `tests/fixtures/fix`, by path relative to it.
fn fixture_files() -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                out.push((
                    rel.to_str().unwrap().to_owned(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out
}

/// A temporary copy of the fixtures.
fn fixtures() -> Tree {
    let files = fixture_files();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    Tree::with_bytes(&refs)
}

/// A transcript with carriage returns shown, so that CRLF is visible.
fn shown(transcript: String) -> String {
    transcript.replace('\r', "␍")
}

fn read(tree: &Tree, path: &str) -> Vec<u8> {
    std::fs::read(tree.root.join(path)).unwrap()
}

fn check(tree: &Tree, args: &[&str]) -> Run {
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend_from_slice(args);
    tree.run(&all)
}

/// The diagnostics of a `--format json` run as (path, rule, fixable).
fn remaining(tree: &Tree) -> Vec<(String, String, Option<String>)> {
    let r = check(tree, &["--format", "json", "."]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["rule"].as_str().unwrap().to_owned(),
                d["fix"]["applicability"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn the_diff_of_every_fixture() {
    let tree = fixtures();
    insta::assert_snapshot!(shown(tree.transcript(
        "",
        &["check", "--no-config", "--color", "never", "--diff", "."],
        None
    )));
}

#[test]
fn diff_writes_nothing_and_exits_1_when_there_is_something_to_fix() {
    let tree = fixtures();
    let r = check(&tree, &["--diff", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for (path, bytes) in fixture_files() {
        assert_eq!(read(&tree, &path), bytes, "{path} was written");
    }
    let dir_entries = std::fs::read_dir(tree.root.join("sms")).unwrap().count();
    assert_eq!(dir_entries, 3, "no temporary files left");
}

#[test]
fn fix_reports_what_remains_and_how_many_fixes_were_applied() {
    let tree = fixtures();
    insta::assert_snapshot!(shown(tree.transcript(
        "",
        &["check", "--no-config", "--color", "never", "--fix", "."],
        None
    )));
}

/// After `--fix`, every file it rewrites is linted again: no safe fix is
/// left to apply, a second `--fix` changes nothing and `--diff` is empty.
#[test]
fn every_fixed_fixture_is_quiet_on_the_fixed_rules() {
    let tree = fixtures();
    let before = remaining(&tree);
    assert!(
        before
            .iter()
            .filter(|d| d.2.as_deref() == Some("safe"))
            .count()
            >= 10,
        "the fixtures have safe fixes to apply: {before:?}"
    );
    let r = check(&tree, &["--fix", "."]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    let after = remaining(&tree);
    let still_fixable: Vec<_> = after
        .iter()
        .filter(|d| d.2.as_deref() == Some("safe"))
        .collect();
    assert!(
        still_fixable.is_empty(),
        "left after --fix: {still_fixable:?}"
    );
    // What remains is what no safe fix covers (message-only rules).
    for d in &after {
        assert!(
            before.iter().any(|b| b.0 == d.0 && b.1 == d.1),
            "--fix introduced {d:?}"
        );
    }
    let again = check(&tree, &["--fix", "."]);
    assert!(
        again.stdout.contains("No fixes applied."),
        "{}",
        again.stdout
    );
    let diff = check(&tree, &["--diff", "."]);
    assert_eq!(
        (diff.code, diff.stdout.as_str()),
        (0, ""),
        "{}",
        diff.stderr
    );
    assert!(
        diff.stderr.contains("No fixes to apply."),
        "{}",
        diff.stderr
    );
}

#[test]
fn fixed_files_keep_crlf_bom_and_front_matter() {
    let tree = fixtures();
    check(&tree, &["--fix", "."]);
    let crlf = String::from_utf8(read(&tree, "sms/crlf.txt")).unwrap();
    assert_eq!(
        crlf,
        "Ciao Luca! Il tuo ordine è partito...\r\nArriva domani, l'abbiamo spedito con cura.\r\n\r\nGrazie per l'attesa.\r\n"
    );
    let bom = String::from_utf8(read(&tree, "sms/bom.txt")).unwrap();
    assert_eq!(
        bom, "\u{feff}Ciao Anna, il rimborso è stato approvato.\n",
        "the file's BOM stays, the one pasted in the text goes"
    );
    let md = String::from_utf8(read(&tree, "email/front-matter.md")).unwrap();
    assert!(
        md.starts_with("---\nchannel: email\nlanguage: it\n---\nGentile Mario,\n\nil rimborso"),
        "{md}"
    );
}

#[test]
fn toml_strings_are_rewritten_with_their_own_escapes() {
    let tree = fixtures();
    check(&tree, &["--fix", "library.toml"]);
    let lib = String::from_utf8(read(&tree, "library.toml")).unwrap();
    for expected in [
        "text = \"\"\"\nCiao Anna, l'ordine è partito...\n\nPer info scrivi a \\\"Assistenza\\\".\n\"\"\"",
        "text = \"Ciao Anna's order\\n\\nis on its way\"",
        "text = '''\nCiao Luca, l'ordine è in viaggio...\n'''",
        "text = \"Ciao Anna, grazie.\"",
        "# Canned responses: every kind of TOML string.",
    ] {
        assert!(lib.contains(expected), "missing {expected:?} in:\n{lib}");
    }
}

#[cfg(unix)]
#[test]
fn fixing_keeps_permissions_and_writes_through_symbolic_links() {
    use std::os::unix::fs::PermissionsExt as _;
    let tree = Tree::new(&[("real/a.txt", "Ciao  Anna.\n")]);
    let real = tree.root.join("real/a.txt");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink(&real, tree.root.join("link.txt")).unwrap();
    let r = check(&tree, &["--fix", "link.txt"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        std::fs::symlink_metadata(tree.root.join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "Ciao Anna.\n");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn csv_and_json_libraries_are_reported_but_not_rewritten() {
    let csv = "id,text\n1,\"Ciao  Anna.\"\n";
    let jsonl = "{\"id\": \"1\", \"text\": \"Ciao  Anna.\"}\n";
    let tree = Tree::new(&[("a.csv", csv), ("b.jsonl", jsonl)]);
    let r = check(&tree, &["--fix", "--format", "line", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(read(&tree, "a.csv"), csv.as_bytes());
    assert_eq!(read(&tree, "b.jsonl"), jsonl.as_bytes());
    assert_eq!(
        crate::common::located(&r.stdout),
        "a.csv:2:8: warning[whitespace]\nb.jsonl:1:26: warning[whitespace]\n"
    );
    assert!(r.stderr.contains("No fixes applied."), "{}", r.stderr);
}

#[test]
fn a_fix_a_literal_toml_string_cannot_hold_is_skipped_with_a_note() {
    let lib = "[[reply]]\nid = \"lit\"\nchannel = \"sms\"\ntext = 'Ciao  Anna, l’ordine'\n";
    let tree = Tree::new(&[("lib.toml", lib)]);
    let r = check(&tree, &["--fix", "--format", "line", "lib.toml"]);
    assert_eq!(
        String::from_utf8(read(&tree, "lib.toml")).unwrap(),
        "[[reply]]\nid = \"lit\"\nchannel = \"sms\"\ntext = 'Ciao Anna, l’ordine'\n",
        "the whitespace fix lands, the apostrophe stays"
    );
    assert!(
        r.stderr.contains(
            "note: lib.toml: reply `lit`: `sms-encoding` fix not applied: a literal TOML string ('…') cannot hold `'`"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("warning[sms-encoding]"), "{}", r.stdout);
    assert!(
        r.stderr.contains("Applied 1 fix to 1 file."),
        "{}",
        r.stderr
    );
}

#[test]
fn standard_input_is_diffed_but_never_rewritten() {
    let tree = Tree::new(&[] as &[(&str, &str)]);
    let args = [
        "check",
        "--no-config",
        "--color",
        "never",
        "--diff",
        "--stdin-filename",
        "draft.txt",
        "-",
    ];
    let r = tree.run_at("", &args, Some("Ciao  Anna.\n"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "--- a/draft.txt\n+++ b/draft.txt\n@@ -1 +1 @@\n-Ciao  Anna.\n+Ciao Anna.\n"
    );
    let args = ["check", "--no-config", "--color", "never", "--fix", "-"];
    let r = tree.run_at("", &args, Some("Ciao  Anna.\n"));
    assert!(
        r.stderr.contains(
            "note: <stdin>: standard input is not rewritten; use `--diff` to see its fixes"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("warning[whitespace]"), "{}", r.stdout);
}

#[test]
fn fix_and_diff_together_are_a_usage_error() {
    let tree = Tree::new(&[("a.txt", "Ciao  Anna.\n")]);
    let r = check(&tree, &["--fix", "--diff", "a.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
    assert_eq!(read(&tree, "a.txt"), b"Ciao  Anna.\n");
}

/// A clean file is never rewritten (its modification time stays).
#[test]
fn a_clean_file_is_not_touched() {
    let tree = Tree::new(&[("a.txt", "Ciao Anna, grazie.\n")]);
    let path = tree.root.join("a.txt");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let r = check(&tree, &["--fix", "a.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("No fixes applied."), "{}", r.stdout);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

/// A library with a broken entry is reported, and not rewritten: its
/// other replies are fixed once it reads again.
#[test]
fn a_library_with_a_broken_entry_is_not_rewritten() {
    let lib = "[[reply]]\nid = \"ok\"\ntext = \"Ciao  Anna.\"\n\n[[reply]]\nid = \"bad\"\n";
    let tree = Tree::new(&[("lib.toml", lib)]);
    let r = check(&tree, &["--fix", "--format", "line", "lib.toml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(read(&tree, "lib.toml"), lib.as_bytes());
    assert!(
        r.stderr
            .contains("note: lib.toml: not fixed: parts of the file do not read (see the errors)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("lib.toml:3:13: warning[whitespace]"),
        "{}",
        r.stdout
    );
}

/// Unsafe fixes (here `link`: `http://` → `https://`, which may break a
/// link) are applied only with `--unsafe-fixes`.
#[test]
fn unsafe_fixes_are_applied_only_on_request() {
    let text = "Vedi  http://www.example.com/ordini per i dettagli.\n";
    let tree = Tree::new(&[("a.txt", text)]);
    let r = check(&tree, &["--fix", "--format", "line", "a.txt"]);
    assert_eq!(
        String::from_utf8(read(&tree, "a.txt")).unwrap(),
        "Vedi http://www.example.com/ordini per i dettagli.\n"
    );
    assert!(
        r.stdout.contains("warning[link]"),
        "the unsafe one remains: {}",
        r.stdout
    );
    let r = check(
        &tree,
        &["--fix", "--unsafe-fixes", "--format", "line", "a.txt"],
    );
    assert_eq!(
        String::from_utf8(read(&tree, "a.txt")).unwrap(),
        "Vedi https://www.example.com/ordini per i dettagli.\n"
    );
    assert!(!r.stdout.contains("warning[link]"), "{}", r.stdout);
    assert!(
        r.stderr.contains("Applied 1 fix to 1 file."),
        "{}",
        r.stderr
    );
}

/// Repeated words and user `substitute` rules are fixed in place too.
#[test]
fn repeated_words_and_substitutions_are_fixed() {
    let config = concat!(
        "[[rule]]\n",
        "id = \"brand-name\"\n",
        "kind = \"substitute\"\n",
        "replacements = { \"Acme inc\" = \"ACME Inc.\" }\n",
    );
    let tree = Tree::new(&[
        ("replylint.toml", config),
        (
            "a.txt",
            "Grazie da Acme inc, il il rimborso è in arrivo.\r\n",
        ),
    ]);
    let r = tree.run(&[
        "check", "--color", "never", "--fix", "--format", "line", "a.txt",
    ]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        String::from_utf8(read(&tree, "a.txt")).unwrap(),
        "Grazie da ACME Inc., il rimborso è in arrivo.\r\n"
    );
}
