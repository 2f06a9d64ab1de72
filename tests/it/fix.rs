//! `check --fix`, `--unsafe-fixes` and `--diff` on files (SPEC §7, §8):
//! fixes land in the file on disk through CRLF, BOMs, front matter and
//! every kind of TOML string; writing keeps permissions, owners and links,
//! writes only regular files, loses nothing another program appends
//! meanwhile and leaves no temporary file, even when interrupted; what is
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

/// `check` in the tree, with the tree's own config if it has one (the
/// fixtures' `.replylint.toml` reports whitespace nobody sees too).
fn check(tree: &Tree, args: &[&str]) -> Run {
    let mut all = vec!["check", "--color", "never"];
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
        &["check", "--color", "never", "--diff", "."],
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
        &["check", "--color", "never", "--fix", "."],
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
            "note: <stdin>: not a regular file (standard input), not fixed; `--diff` shows its fixes"
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

// ------------------------------------------------ what `--fix` may write

/// Whether this process runs as root (`id -u`).
#[cfg(unix)]
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The names in `dir` and below that look like `--fix`'s temporary files.
fn temporary_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(temporary_files(&path));
        } else if path.to_string_lossy().contains(".replylint-") {
            found.push(path.display().to_string());
        }
    }
    found
}

/// Wait for `child` at most `secs` seconds; kill it if it is still running.
fn wait_or_kill(child: &mut std::process::Child, secs: u64) -> std::process::ExitStatus {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if std::time::Instant::now() > end {
            let _ = child.kill();
            panic!("replylint still running after {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A named pipe given to `--fix` is linted whole (the fixable warning
/// reported as such, the `TODO` too) and stays a pipe: `--fix` does not
/// read it, so `check` gets all of it.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_linted_but_neither_fixed_nor_replaced() {
    use std::os::unix::fs::FileTypeExt as _;
    let tree = Tree::new(&[] as &[(&str, &str)]);
    let fifo = tree.root.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("replylint"))
        .current_dir(&tree.root)
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            "line",
            "--fix",
            "pipe.txt",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Opening the pipe to write waits for replylint to open it to read;
    // the thread is left behind if it never does (the test fails below).
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, "Ciao  Anna, TODO.\n"))
    };
    let mut child = child;
    let status = wait_or_kill(&mut child, 60);
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(writer.is_finished(), "the pipe was never read");
    assert_eq!(status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(
        crate::common::located(&stdout),
        "pipe.txt:1:5: warning[whitespace]\npipe.txt:1:13: error[placeholder]\n"
    );
    assert!(
        stderr.contains("note: pipe.txt: not a regular file (a named pipe), not fixed"),
        "{stderr}"
    );
    assert!(stderr.contains("No fixes applied."), "{stderr}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "still a named pipe"
    );
    assert!(temporary_files(&tree.root).is_empty());
}

/// `--fix /dev/stdin` with a pipe on standard input: not fixed, and every
/// diagnostic reported, the unfixable `TODO` included.
#[cfg(unix)]
#[test]
fn dev_stdin_is_linted_whole_and_not_fixed() {
    let tree = Tree::new(&[] as &[(&str, &str)]);
    let args = [
        "check",
        "--no-config",
        "--color",
        "never",
        "--format",
        "line",
        "--fix",
        "/dev/stdin",
    ];
    let r = tree.run_at("", &args, Some("Ciao  Anna, TODO.\n"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        crate::common::located(&r.stdout),
        "/dev/stdin:1:5: warning[whitespace]\n/dev/stdin:1:13: error[placeholder]\n"
    );
    assert!(
        r.stderr
            .contains("note: /dev/stdin: not a regular file (a named pipe), not fixed"),
        "{}",
        r.stderr
    );
}

/// A file of another user fixed by root keeps its owner, group and mode.
#[cfg(unix)]
#[test]
fn root_fixing_another_users_file_keeps_its_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    if !is_root() {
        eprintln!("skipped: needs root");
        return;
    }
    let tree = Tree::new(&[("a.txt", "Ciao  Anna.\n")]);
    let path = tree.root.join("a.txt");
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let r = check(&tree, &["--fix", "a.txt"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(read(&tree, "a.txt"), b"Ciao Anna.\n");
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.mode() & 0o7777),
        (65534, 65534, 0o640)
    );
}

/// Someone who may write a file but not give a file to its owner (not
/// root, the file is root's) gets an error and the file as it was, rather
/// than a file that is now theirs.
#[cfg(unix)]
#[test]
fn a_file_whose_owner_cannot_be_kept_is_not_fixed() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    if !is_root() {
        eprintln!("skipped: needs root (to run as another user)");
        return;
    }
    let tree = Tree::new(&[("a.txt", "Ciao  Anna.\n")]);
    let path = tree.root.join("a.txt");
    let open = std::fs::Permissions::from_mode(0o777);
    std::fs::set_permissions(&tree.root, open.clone()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(assert_cmd::cargo::cargo_bin("replylint"))
        .args(["check", "--no-config", "--color", "never", "--fix", "a.txt"])
        .current_dir(&tree.root)
        .output();
    let Ok(out) = out.map_err(|e| eprintln!("skipped: no setpriv ({e})")) else {
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "error: a.txt: fixes not written: the fixed file could not keep the owner and group of the original (user 0, group 0)"
        ),
        "{stderr}"
    );
    assert_eq!(read(&tree, "a.txt"), b"Ciao  Anna.\n");
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid(), meta.mode() & 0o777), (0, 0, 0o666));
    assert!(temporary_files(&tree.root).is_empty());
}

/// Modes other than the usual 0644 survive a fix unchanged.
#[cfg(unix)]
#[test]
fn fixed_files_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt as _;
    let modes = [0o600, 0o604, 0o640, 0o660, 0o755];
    let files: Vec<(String, &str)> = modes
        .iter()
        .map(|m| (format!("m{m:o}.txt"), "Ciao  Anna.\n"))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let tree = Tree::new(&refs);
    for (mode, (name, _)) in modes.iter().zip(&files) {
        let path = tree.root.join(name);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(*mode)).unwrap();
    }
    let r = check(&tree, &["--fix", "."]);
    assert!(
        r.stdout.contains("Applied 5 fixes to 5 files."),
        "{}",
        r.stdout
    );
    for (mode, (name, _)) in modes.iter().zip(&files) {
        let meta = std::fs::metadata(tree.root.join(name)).unwrap();
        assert_eq!(meta.permissions().mode() & 0o7777, *mode, "{name}");
        assert_eq!(read(&tree, name), b"Ciao Anna.\n");
    }
}

/// A temporary file a killed run left behind (its process is gone) is
/// removed by the next `--fix`, with a note; one of a run still going is
/// left alone. Neither is ever linted as a reply.
#[cfg(unix)]
#[test]
fn a_stale_temporary_file_is_removed_and_never_linted() {
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    let stale = format!(".a.txt.replylint-{pid}-AbC123.tmp");
    let live = format!(".a.txt.replylint-{}-AbC123.tmp", std::process::id());
    let todo = "Ciao Anna, TODO.\n";
    let tree = Tree::new(&[
        ("a.txt", "Ciao  Anna.\n"),
        (stale.as_str(), todo),
        (live.as_str(), todo),
    ]);
    let r = check(&tree, &["--format", "line", "."]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "a.txt:1:5: warning[whitespace]: 2 spaces between words\n"
        ),
        "{}",
        r.stderr
    );
    let r = check(&tree, &["--fix", "--format", "line", "."]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "note: removed {stale}, a temporary file left by an interrupted `--fix` (process {pid})"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Applied 1 fix to 1 file."),
        "{}",
        r.stderr
    );
    assert!(!tree.root.join(&stale).exists());
    assert_eq!(read(&tree, &live), todo.as_bytes());
    assert_eq!(read(&tree, "a.txt"), b"Ciao Anna.\n");
}

/// SIGINT in the middle of `--fix` over many files: the run ends as
/// SIGINT ends a process, leaves no temporary file, and every file is
/// either as it was or wholly fixed.
#[cfg(unix)]
#[test]
fn an_interrupted_fix_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt as _;
    let original = "Ciao  Anna, il tuo  ordine è partito. Grazie.\n".repeat(40);
    let fixed = "Ciao Anna, il tuo ordine è partito. Grazie.\n".repeat(40);
    let names: Vec<String> = (0..600)
        .map(|i| format!("d{}/r{i:03}.txt", i % 10))
        .collect();
    let files: Vec<(&str, &str)> = names
        .iter()
        .map(|n| (n.as_str(), original.as_str()))
        .collect();
    let tree = Tree::new(&files);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("replylint"))
        .current_dir(&tree.root)
        .args(["check", "--no-config", "--color", "never", "--fix", "."])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Until `--fix` has written a file: it is writing the others.
    let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !names.iter().any(|n| read(&tree, n) != original.as_bytes()) {
        assert!(std::time::Instant::now() < end, "nothing fixed in 60 s");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = wait_or_kill(&mut child, 60);
    assert_eq!(status.signal(), Some(2), "ended by SIGINT: {status:?}");
    assert_eq!(temporary_files(&tree.root), Vec::<String>::new());
    let mut done = 0;
    for n in &names {
        let text = read(&tree, n);
        assert!(
            text == original.as_bytes() || text == fixed.as_bytes(),
            "{n}"
        );
        done += usize::from(text == fixed.as_bytes());
    }
    assert!(done < names.len(), "interrupted before the end");
}

/// Another program appends lines to a file while `--fix` rewrites it
/// again and again: at the end every line it appended is there, once.
#[test]
fn lines_appended_while_fix_runs_are_never_lost() {
    use std::io::Write as _;
    use std::sync::atomic::{AtomicBool, Ordering};
    const LINES: usize = 300;
    let tree = Tree::new(&[("log.txt", "Ciao  Anna.\n")]);
    let path = tree.root.join("log.txt");
    let done = AtomicBool::new(false);
    let (mut runs, mut written) = (0, 0);
    std::thread::scope(|s| {
        s.spawn(|| {
            for i in 0..LINES {
                let mut f = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&path)
                    .unwrap();
                // Two spaces: every line gives `--fix` something to do.
                f.write_all(format!("Riga  {i} ok.\n").as_bytes()).unwrap();
                drop(f);
                // In bursts: between them `--fix` has time to write.
                let pause = if i % 10 == 9 { 80 } else { 1 };
                std::thread::sleep(std::time::Duration::from_millis(pause));
            }
            done.store(true, Ordering::SeqCst);
        });
        let file = path.to_str().unwrap();
        while !done.load(Ordering::SeqCst) {
            let r = crate::common::run_here(
                &[
                    "check",
                    "--no-config",
                    "--color",
                    "never",
                    "--format",
                    "line",
                    "--fix",
                    file,
                ],
                "",
            );
            runs += 1;
            written += usize::from(r.stderr.contains("Applied"));
        }
    });
    let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    let mut seen = vec![0; LINES];
    for line in text.lines().skip(1) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let i: usize = words[1].parse().unwrap_or_else(|_| panic!("{line:?}"));
        seen[i] += 1;
    }
    let lost: Vec<usize> = (0..LINES).filter(|&i| seen[i] == 0).collect();
    let twice: Vec<usize> = (0..LINES).filter(|&i| seen[i] > 1).collect();
    assert!(lost.is_empty(), "lost {} lines: {lost:?}", lost.len());
    assert!(twice.is_empty(), "lines written twice: {twice:?}");
    assert!(written >= 3, "{written} of {runs} runs wrote the file");
    eprintln!("{written} of {runs} runs wrote the file");
}
