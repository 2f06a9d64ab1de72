//! Inputs that are broken, hostile or gone: each gives a clear message
//! naming the file, exit code 2, no panic, and the other files are still
//! checked and reported. (Invalid UTF-8, binary files, unknown channels,
//! broken CSV rows and `| head` are covered in `inputs.rs`, `cli.rs` and
//! `library.rs`.)

use crate::common::{Run, Tree};
use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};

/// A file every test puts beside the bad one: one diagnostic
/// (`whitespace`, a double space) that must still be reported.
const GOOD: (&str, &str) = ("good.txt", "Hi Anna,  your refund is on its way.\n");

fn check(tree: &Tree, paths: &[&str]) -> Run {
    let mut args = vec!["check", "--no-config", "--format", "line"];
    args.extend_from_slice(paths);
    tree.run(&args)
}

#[track_caller]
fn assert_good_file_reported(r: &Run) {
    assert!(
        r.stdout.contains("good.txt:1:9: warning[whitespace]"),
        "the good file was not reported:\n{}\n{}",
        r.stdout,
        r.stderr
    );
}

#[track_caller]
fn assert_no_panic(r: &Run) {
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.code >= 0, "killed by a signal: {}", r.stderr);
}

/// The `error:` lines of a run.
fn errors(r: &Run) -> Vec<&str> {
    r.stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect()
}

// ------------------------------------------------------------ empty files

#[test]
fn empty_files_of_every_format_are_an_empty_reply_or_no_reply() {
    let tree = Tree::new(&[
        GOOD,
        ("empty.txt", ""),
        ("empty.md", ""),
        ("empty.toml", ""),
        ("empty.csv", ""),
        ("empty.jsonl", ""),
        ("empty.json", ""),
    ]);
    // Walked: nothing in them to check, nothing to complain about.
    let r = check(&tree, &["."]);
    assert_no_panic(&r);
    assert_good_file_reported(&r);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Named: a `.txt` is an empty draft; an empty library file is not a
    // library and says what was expected.
    for name in [
        "empty.txt",
        "empty.md",
        "empty.toml",
        "empty.csv",
        "empty.jsonl",
        "empty.json",
    ] {
        let r = check(&tree, &[name, "good.txt"]);
        assert_no_panic(&r);
        assert_good_file_reported(&r);
        for e in errors(&r) {
            assert!(e.starts_with(&format!("error: {name}")), "{name}: {e}");
        }
    }
}

#[test]
fn an_empty_draft_on_stdin_is_all_clear() {
    let tree = Tree::new(&[]);
    let r = tree.run_at("", &["check", "--no-config", "-"], Some(""));
    assert_no_panic(&r);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

// ---------------------------------------------------------------- huge files

#[test]
fn a_file_over_the_size_limit_is_refused_with_its_size_and_the_limit() {
    // 200 MB of realistic text: refused before it is read, in well under a
    // second, while the other files are checked.
    let tree = Tree::new(&[GOOD]);
    let line = "Ciao Anna, il rimborso è in arrivo: lo riceverai entro venerdì. ";
    let mut file =
        std::io::BufWriter::new(std::fs::File::create(tree.root.join("huge.txt")).unwrap());
    let chunk = line.repeat(1 << 14);
    let mut written = 0;
    while written < 200_000_000 {
        file.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    file.into_inner().unwrap().sync_all().unwrap();
    for paths in [&["huge.txt", "good.txt"][..], &["."][..]] {
        let started = std::time::Instant::now();
        let r = check(&tree, paths);
        assert_no_panic(&r);
        assert_good_file_reported(&r);
        assert_eq!(r.code, 2, "{paths:?}: {}", r.stderr);
        let e = errors(&r);
        assert_eq!(e.len(), 1, "{paths:?}: {e:?}");
        assert!(
            e[0].starts_with("error: huge.txt: ") && e[0].contains("MiB") && e[0].contains("limit"),
            "{paths:?}: {}",
            e[0]
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{paths:?} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn a_long_file_under_the_size_limit_is_checked() {
    // One reply of 200 KB (far longer than any reply, far under the
    // limit): checked like any other. Release builds lint 1 MB in a third
    // of a second; this keeps the debug-build test quick.
    let tree = Tree::new(&[GOOD]);
    let text = "Grazie per la pazienza. ".repeat(200_000 / 24);
    tree.write("long.txt", text.as_bytes());
    let r = check(&tree, &["long.txt", "good.txt"]);
    assert_no_panic(&r);
    assert_good_file_reported(&r);
    assert!(errors(&r).is_empty(), "{}", r.stderr);
}

// ------------------------------------------------------ unreadable or gone

/// Whether the permission bits keep this process out (not as root).
fn permissions_apply(path: &std::path::Path) -> bool {
    std::fs::File::open(path).is_err()
}

#[test]
fn an_unreadable_file_is_an_error_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt as _;
    let tree = Tree::new(&[GOOD, ("secret.txt", "Hi Anna!\n")]);
    let secret = tree.root.join("secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if !permissions_apply(&secret) {
        eprintln!("skipped: running as root, where chmod 000 does not stop reading");
        return;
    }
    for paths in [&["secret.txt", "good.txt"][..], &["."][..]] {
        let r = check(&tree, paths);
        assert_no_panic(&r);
        assert_good_file_reported(&r);
        assert_eq!(r.code, 2);
        assert_eq!(
            errors(&r),
            ["error: secret.txt: permission denied"],
            "{paths:?}"
        );
    }
}

#[test]
fn an_unreadable_directory_is_an_error_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt as _;
    let tree = Tree::new(&[GOOD, ("locked/a.txt", "Hi Anna!\n")]);
    let locked = tree.root.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let applies = std::fs::read_dir(&locked).is_err();
    let r = check(&tree, &["."]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if !applies {
        eprintln!("skipped: running as root, where chmod 000 does not stop reading");
        return;
    }
    assert_no_panic(&r);
    assert_good_file_reported(&r);
    assert_eq!(r.code, 2);
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("locked") && e[0].contains("ermission denied"),
        "{e:?}"
    );
}

#[test]
fn a_file_that_disappears_after_the_walk_is_an_error_naming_it() {
    // What `check` does between finding the files and reading them.
    use replylint_core::config::settings::CliOverrides;
    use replylint_io::input::{self, Input};
    let tree = Tree::new(&[GOOD, ("gone.txt", "Hi Anna!\n")]);
    let cli = CliOverrides {
        no_config: true,
        ..CliOverrides::default()
    };
    let settings = replylint_io::config::load(&cli, &tree.root).unwrap();
    let input::Collected {
        inputs,
        errors,
        skipped,
    } = input::collect(std::slice::from_ref(&tree.root), &settings);
    assert!(errors.is_empty() && skipped.is_empty());
    assert_eq!(inputs.len(), 2);
    std::fs::remove_file(tree.root.join("gone.txt")).unwrap();
    let results: Vec<_> = inputs
        .iter()
        .map(|i| input::read_all(i, None, None))
        .collect();
    let gone = results
        .iter()
        .zip(&inputs)
        .find(|(_, i)| matches!(i, Input::File { path, .. } if path.ends_with("gone.txt")))
        .map(|(r, _)| r)
        .unwrap();
    let e = gone.as_ref().expect_err("a file that is gone");
    assert!(e.path.ends_with("gone.txt"), "{e}");
    assert_eq!(e.message, "no such file or directory");
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
}

#[test]
fn a_directory_named_like_a_reply_file_is_walked_not_read() {
    let tree = Tree::new(&[GOOD, ("folder.txt/inner.txt", "Hi  Anna!\n")]);
    let r = check(&tree, &["folder.txt", "good.txt"]);
    assert_no_panic(&r);
    assert_good_file_reported(&r);
    assert!(r.stdout.contains("inner.txt:1:3"), "{}", r.stdout);
    assert!(errors(&r).is_empty(), "{}", r.stderr);
}

// ----------------------------------------------------------- symbolic links

#[test]
fn symbolic_link_loops_are_errors_when_named_and_skipped_when_walking() {
    let tree = Tree::new(&[GOOD]);
    std::os::unix::fs::symlink("self.txt", tree.root.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("b.txt", tree.root.join("a.txt")).unwrap();
    std::os::unix::fs::symlink("a.txt", tree.root.join("b.txt")).unwrap();
    std::fs::create_dir(tree.root.join("dir")).unwrap();
    std::os::unix::fs::symlink("..", tree.root.join("dir/up")).unwrap();
    // Walking does not follow links: no error, no endless walk.
    let r = check(&tree, &["."]);
    assert_no_panic(&r);
    assert_good_file_reported(&r);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Named: an error for each, naming the file.
    let r = check(&tree, &["self.txt", "a.txt", "good.txt"]);
    assert_no_panic(&r);
    assert_good_file_reported(&r);
    assert_eq!(r.code, 2);
    let e = errors(&r);
    assert_eq!(e.len(), 2, "{e:?}");
    for (e, name) in e.iter().zip(["self.txt", "a.txt"]) {
        assert!(
            e.starts_with(&format!("error: {name}: ")) && e.contains("symbolic links"),
            "{e}"
        );
    }
}

// ------------------------------------------------------------ deep nesting

#[test]
fn deeply_nested_library_files_are_errors_not_stack_overflows() {
    let deep =
        |open: &str, close: &str| format!("{}{}", open.repeat(100_000), close.repeat(100_000));
    let tree = Tree::new(&[
        GOOD,
        ("deep.json", &deep("[", "]")),
        ("deep-object.json", &deep("{\"a\":", "}")),
        ("deep.jsonl", &format!("{}\n", deep("[", "]"))),
        (
            "deep-text.jsonl",
            &format!("{{\"id\": \"x\", \"text\": {}}}\n", deep("[", "]")),
        ),
        ("deep.toml", &format!("a = {}\n", deep("[", "]"))),
        ("deep-table.toml", &format!("a = {}\n", deep("{b = ", "}"))),
        (
            "deep-yaml.md",
            &format!("---\nid: {}\n---\nHi!\n", deep("[", "]")),
        ),
        (
            "deep-toml.md",
            &format!("+++\nid = {}\n+++\nHi!\n", deep("[", "]")),
        ),
        ("deep.csv", &format!("id,text\na,\"{}\"\n", deep("[", "]"))),
    ]);
    let names = [
        "deep.json",
        "deep-object.json",
        "deep.jsonl",
        "deep-text.jsonl",
        "deep.toml",
        "deep-table.toml",
        "deep-yaml.md",
        "deep-toml.md",
    ];
    let mut args = names.to_vec();
    args.push("deep.csv");
    args.push("good.txt");
    let r = check(&tree, &args);
    assert_no_panic(&r);
    assert_good_file_reported(&r);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let e = errors(&r);
    for name in names {
        assert!(
            e.iter().any(|e| e.starts_with(&format!("error: {name}:"))),
            "no error for {name}: {e:?}"
        );
    }
    // A CSV field is text: brackets in it are a reply, not nesting.
    assert!(!e.iter().any(|e| e.contains("deep.csv")), "{e:?}");
}

// ------------------------------------------------------------ configuration

#[test]
fn a_config_file_that_is_not_toml_is_an_error_naming_it() {
    for (what, bytes) in [
        ("JSON", &b"{\"channel\": \"sms\"}\n"[..]),
        ("YAML", &b"channel: sms\nlanguage: it\n"[..]),
        ("binary", &b"\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe"[..]),
        ("empty after a BOM", &b"\xef\xbb\xbf"[..]),
    ] {
        let tree = Tree::with_bytes(&[(GOOD.0, GOOD.1.as_bytes()), ("replylint.toml", bytes)]);
        let r = tree.run(&["check", "--format", "line", "good.txt"]);
        assert_no_panic(&r);
        if what == "empty after a BOM" {
            // An empty configuration is a valid one.
            assert_good_file_reported(&r);
            continue;
        }
        assert_eq!(r.code, 2, "{what}: {}", r.stderr);
        let e = errors(&r);
        assert_eq!(e.len(), 1, "{what}: {e:?}");
        assert!(e[0].contains("replylint.toml"), "{what}: {}", e[0]);
    }
}

#[test]
fn a_config_path_that_is_a_directory_is_an_error() {
    let tree = Tree::new(&[GOOD, ("conf/x.txt", "")]);
    let r = tree.run(&["check", "--config", "conf", "good.txt"]);
    assert_no_panic(&r);
    assert_eq!(r.code, 2);
    let e = errors(&r);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("conf"), "{}", e[0]);
}

// --------------------------------------------------------- stdin and stdout

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("replylint")
}

#[test]
fn closed_stdin_reads_as_an_empty_draft() {
    // `replylint check - <&-`: the standard library reads a closed stdin
    // as empty, as it does for `/dev/null`: an empty draft, all clear.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "exec '{}' check --no-config - <&-",
            bin().display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("All clear: 1 reply"),
        "{stderr}"
    );
}

#[test]
fn stdin_that_is_a_directory_is_an_io_error() {
    let tree = Tree::new(&[]);
    let out = Command::new(bin())
        .args(["check", "--no-config", "-"])
        .current_dir(&tree.root)
        .stdin(std::fs::File::open(&tree.root).unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot read standard input"), "{stderr}");
}

#[test]
fn stdin_that_ends_mid_character_is_invalid_utf8_with_its_offset() {
    // A writer that stops halfway through `è`.
    let tree = Tree::new(&[]);
    let mut child = Command::new(bin())
        .args(["check", "--no-config", "-"])
        .current_dir(&tree.root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&"Il rimborso è".as_bytes()[..13])
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("<stdin>:1:13: invalid UTF-8 at byte offset 12"),
        "{stderr}"
    );
}

#[test]
fn closed_stdout_discards_the_report_without_a_panic() {
    // `replylint check … >&-`: the standard library treats a closed stdout
    // as a sink; the exit code still says what was found.
    let tree = Tree::new(&[GOOD, ("bad.txt", "TODO\n")]);
    for (file, code) in [("good.txt", 0), ("bad.txt", 1)] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "exec '{}' check --no-config {file} >&-",
                bin().display()
            ))
            .current_dir(&tree.root)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{file}: {stderr}");
        assert_eq!(out.status.code(), Some(code), "{file}");
    }
}

#[test]
fn every_command_stops_quietly_when_the_reader_leaves() {
    // `replylint rules | head -0`, for every command that prints: the pipe
    // is closed before anything is written.
    let tree = Tree::new(&[GOOD]);
    for args in [
        &["rules"][..],
        &["rules", "--format", "json"],
        &["explain", "max-length"],
        &["channels"],
        &["count", "good.txt"],
        &["count", "--format", "json", "good.txt"],
        &["check", "--no-config", "--format", "json", "good.txt"],
        &["check", "--no-config", "--format", "human", "good.txt"],
    ] {
        let mut child = Command::new(bin())
            .args(args)
            .current_dir(&tree.root)
            .env_remove("CLICOLOR_FORCE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert!(status.code().is_some(), "{args:?}: killed by a signal");
    }
}
