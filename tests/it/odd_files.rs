//! Input that is never silently left unread: UTF-16 files (read in every
//! format, at the same positions as UTF-8), files that cannot be decoded
//! (errors), files skipped while walking (counted in the summary, listed
//! by `--verbose`), and keys written twice (errors at their position).

use crate::common::{Run, Tree};
use std::collections::BTreeMap;
use std::path::Path;

/// `text` as UTF-16 with a byte-order mark.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// `text` as UTF-8 with a byte-order mark.
fn utf8_bom(text: &str) -> Vec<u8> {
    [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()
}

/// The `skipped:` lines of `--verbose`, as path → reason.
fn skipped(r: &Run) -> BTreeMap<String, String> {
    r.stderr
        .lines()
        .filter_map(|l| l.strip_prefix("skipped: "))
        .map(|l| {
            let (path, reason) = l.split_once(": ").expect("path: reason");
            (path.to_owned(), reason.to_owned())
        })
        .collect()
}

/// Whether the permission bits keep this process out (not as root).
fn permissions_apply(path: &Path) -> bool {
    std::fs::File::open(path).is_err()
}

// ------------------------------------------------- every kind of odd file

/// What must become of a file of the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Linted, with diagnostics.
    Diagnostics,
    /// Linted, nothing found (counted in the summary's files).
    Clean,
    /// An input error naming it, containing this: not read.
    Error(&'static str),
    /// Read, but an error at a place in it, containing this, kept its
    /// reply from being checked (counted in the summary's files).
    ErrorInside(&'static str),
    /// Skipped, counted, listed by `--verbose` with a reason containing
    /// this.
    Skipped(&'static str),
}

#[test]
fn a_walk_over_every_kind_of_odd_file_checks_or_reports_each_one() {
    let reply = "Ciao Anna,  è tutto a posto 😀\n";
    let tree = Tree::with_bytes(&[
        ("utf16le.txt", &utf16(reply, true)),
        ("utf16be.md", &utf16(reply, false)),
        (
            "utf16le.json",
            &utf16(&format!("[{{\"id\": \"a\", \"text\": {reply:?}}}]"), true),
        ),
        ("utf8-bom.txt", &utf8_bom(reply)),
        ("utf32.txt", b"\xff\xfe\0\0C\0\0\0i\0\0\0a\0\0\0o\0\0\0"),
        ("invalid-utf8.txt", b"Ciao \xe8 Anna\n"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"),
        ("utf16-no-bom.txt", &utf16(reply, true)[2..]),
        ("empty.txt", b""),
        ("blank.md", b" \n\n\t\n"),
        (
            "duplicate.json",
            br#"[{"id": "d", "text": "Ciao", "text": "Ciao  Anna"}]"#,
        ),
        ("package.json", br#"{"name": "tool", "version": "1.0.0"}"#),
        ("notes.rst", b"Not a reply.\n"),
        ("secret.txt", reply.as_bytes()),
    ]);
    let root = &tree.root;
    std::os::unix::fs::symlink("nowhere.txt", root.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("utf8-bom.txt", root.join("link.txt")).unwrap();
    let mut fates = BTreeMap::from([
        ("utf16le.txt", Fate::Diagnostics),
        ("utf16be.md", Fate::Diagnostics),
        ("utf16le.json", Fate::Diagnostics),
        ("utf8-bom.txt", Fate::Diagnostics),
        ("utf32.txt", Fate::Error("UTF-32 text is not supported")),
        (
            "invalid-utf8.txt",
            Fate::Error("invalid UTF-8 at byte offset 5"),
        ),
        ("binary.txt", Fate::Skipped("binary file")),
        (
            "utf16-no-bom.txt",
            Fate::Error("looks like UTF-16 LE without a byte-order mark"),
        ),
        ("empty.txt", Fate::Clean),
        ("blank.md", Fate::Diagnostics),
        ("duplicate.json", Fate::ErrorInside("duplicate key `text`")),
        ("package.json", Fate::Skipped("not a reply library")),
        ("dangling.txt", Fate::Skipped("broken symbolic link")),
        ("link.txt", Fate::Skipped("symbolic link, not followed")),
    ]);
    use std::os::unix::fs::PermissionsExt as _;
    let secret = root.join("secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if permissions_apply(&secret) {
        fates.insert("secret.txt", Fate::Error("permission denied"));
    } else {
        eprintln!(
            "skipped: the unreadable file, running as root (chmod 000 does not stop reading)"
        );
        fates.insert("secret.txt", Fate::Diagnostics);
    }
    let fifo = std::process::Command::new("mkfifo")
        .arg(root.join("fifo.txt"))
        .status();
    if fifo.is_ok_and(|s| s.success()) {
        fates.insert("fifo.txt", Fate::Skipped("not a regular file but a FIFO"));
    } else {
        eprintln!("skipped: the FIFO, `mkfifo` is not available");
    }
    // Every entry of the folder has a fate, except the one of another kind.
    let mut entries: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "notes.rst")
        .collect();
    entries.sort();
    assert_eq!(entries, fates.keys().copied().collect::<Vec<_>>());

    let r = tree.run(&["check", "--no-config", "--format", "json", "--verbose"]);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let json = r.json();
    let with_diagnostics: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    let errors: Vec<(&str, &str)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["message"].as_str().unwrap()))
        .collect();
    let skipped = skipped(&r);
    for (name, fate) in &fates {
        let name = *name;
        let diagnosed = with_diagnostics.contains(&name);
        let error = errors.iter().find(|(p, _)| *p == name).map(|e| e.1);
        let skip = skipped.get(name);
        let ok = match fate {
            Fate::Diagnostics => diagnosed && error.is_none() && skip.is_none(),
            Fate::Clean => !diagnosed && error.is_none() && skip.is_none(),
            Fate::Error(m) | Fate::ErrorInside(m) => {
                !diagnosed && error.is_some_and(|e| e.contains(m)) && skip.is_none()
            }
            Fate::Skipped(m) => {
                !diagnosed && error.is_none() && skip.is_some_and(|s| s.contains(m))
            }
        };
        assert!(
            ok,
            "{name}: expected {fate:?}; diagnostics: {diagnosed}, error: {error:?}, skipped: {skip:?}"
        );
    }
    // The clean files are counted as checked; the skipped ones as skipped;
    // nothing else was read.
    let count = |f: fn(&Fate) -> bool| fates.values().filter(|v| f(v)).count();
    let summary = &json["summary"];
    assert_eq!(
        summary["files"],
        count(|f| matches!(f, Fate::Diagnostics | Fate::Clean | Fate::ErrorInside(_))),
        "{summary}"
    );
    assert_eq!(
        summary["skipped"],
        count(|f| matches!(f, Fate::Skipped(_))),
        "{summary}"
    );
    assert_eq!(
        summary["input_errors"],
        count(|f| matches!(f, Fate::Error(_) | Fate::ErrorInside(_))),
        "{summary}"
    );
    assert!(
        r.stderr
            .contains("ignored: notes.rst: not a reply file (by its extension)"),
        "{}",
        r.stderr
    );
    // The human summary says so too.
    let r = tree.run(&["check", "--no-config"]);
    let skipped_line = format!(
        "{} files skipped, not checked; `--verbose` lists them with the reason.\n",
        count(|f| matches!(f, Fate::Skipped(_)))
    );
    assert!(r.stdout.contains(&skipped_line), "{}", r.stdout);
    assert!(!r.stderr.contains("skipped:"), "no list without --verbose");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn skipped_files_are_counted_only_when_there_are_some() {
    let tree = Tree::with_bytes(&[
        ("sms/good.txt", b"Ciao Anna, tutto a posto.\n"),
        ("logo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("script.py", b"print('hi')\n"),
        ("old/a.txt", b"Ciao  Anna\n"),
        ("replylint.toml", b"exclude = [\"old\"]\n"),
    ]);
    insta::assert_snapshot!(tree.transcript("", &["check", "--verbose"], None));
    let r = tree.run(&["check", "--format", "json"]);
    assert_eq!(r.json()["summary"]["skipped"], 1);
    let r = tree.run(&["check", "--format", "jsonl"]);
    assert!(
        r.stdout
            .lines()
            .last()
            .unwrap()
            .ends_with(",\"skipped\":1}"),
        "{}",
        r.stdout
    );
    // Nothing skipped: the output is as it always was.
    let r = tree.run(&["check", "--format", "json", "sms/good.txt"]);
    assert_eq!(r.json()["summary"].get("skipped"), None, "{}", r.stdout);
    let r = tree.run(&["check", "--format", "jsonl", "sms/good.txt"]);
    assert!(!r.stdout.contains("skipped"), "{}", r.stdout);
    let r = tree.run(&["check", "sms/good.txt"]);
    assert_eq!(r.stdout, "All clear: 1 reply in 1 file checked.\n");
    assert_eq!(r.code, 0);
}

// ---------------------------------------------------------------- UTF-16

/// A reply of every format, each with diagnostics after non-ASCII
/// characters, an emoji and a line break.
const FORMATS: &[(&str, &str)] = &[
    ("reply.txt", "Ciao Anna, è 😀 tutto  ok.\r\nA presto  \r\n"),
    (
        "yaml.md",
        "---\nid: y\nchannel: sms\n---\nCiao è 😀 cara  Anna.\nA  presto\n",
    ),
    ("toml.md", "+++\nid = \"t\"\n+++\nCiao è 😀 cara  Anna.\n"),
    (
        "lib.toml",
        "[[reply]]\nid = \"a\"\ntext = \"\"\"\nCiao è 😀 cara  Anna.\nA  presto\"\"\"\n",
    ),
    (
        "lib.csv",
        "id,text\na,\"Ciao è 😀 cara  Anna.\nA  presto\"\n",
    ),
    (
        "lib.jsonl",
        "{\"id\": \"a\", \"text\": \"Ciao è 😀 cara  Anna.\\nA  presto\"}\n{\"id\": \"b\", \"text\": \"\\u00e8  x\"}\n",
    ),
    (
        "zendesk.json",
        "{\"macros\": [{\"id\": 1, \"title\": \"T\",\n  \"actions\": [{\"field\": \"comment_value\", \"value\": \"Ciao è 😀 cara  Anna.\"}]}]}\n",
    ),
];

#[test]
fn utf16_files_are_checked_at_the_same_positions_as_utf8_in_every_format() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, text) in FORMATS {
        files.push((format!("plain/{name}"), text.as_bytes().to_vec()));
        files.push((format!("bom/{name}"), utf8_bom(text)));
        files.push((format!("le/{name}"), utf16(text, true)));
        files.push((format!("be/{name}"), utf16(text, false)));
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let tree = Tree::with_bytes(&files);
    let r = tree.run(&["check", "--no-config", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = r.json();
    assert_eq!(json["errors"].as_array().unwrap().len(), 0);
    // The diagnostics of each folder, with the folder taken off the path.
    let mut by_folder: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for d in json["diagnostics"].as_array().unwrap() {
        let mut d = d.clone();
        let path = d["path"].as_str().unwrap().to_owned();
        let (folder, name) = path.split_once('/').unwrap();
        d["path"] = name.into();
        by_folder.entry(folder.to_owned()).or_default().push(d);
    }
    let bom = &by_folder["bom"];
    for (name, _) in FORMATS {
        let n = bom.iter().filter(|d| d["path"] == *name).count();
        assert!(n >= 1, "no diagnostic in {name}");
    }
    // UTF-16: everything as in UTF-8 with a BOM, byte offsets included
    // (they are offsets in the text as UTF-8).
    assert_eq!(&by_folder["le"], bom);
    assert_eq!(&by_folder["be"], bom);
    // Lines and columns as in UTF-8 without a BOM.
    let places = |ds: &[serde_json::Value]| -> Vec<String> {
        ds.iter()
            .map(|d| {
                format!(
                    "{}:{}:{}-{}:{}/{} {}",
                    d["path"],
                    d["start"]["line"],
                    d["start"]["column"],
                    d["end"]["line"],
                    d["end"]["column"],
                    d["start"]["column_utf16"],
                    d["rule"]
                )
            })
            .collect()
    };
    assert_eq!(places(&by_folder["plain"]), places(bom));
}

#[test]
fn utf16_on_standard_input_is_read_too() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = replylint::app::run_with(
        [
            "replylint",
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            "line",
            "-",
        ],
        &utf16("Ciao è 😀 cara  Anna\n", false),
        &mut out,
        &mut err,
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "<stdin>:1:14: warning[whitespace]: 2 spaces between words\n"
    );
    assert_eq!((code, err.len()), (0, 0));
}

#[test]
fn a_utf16_file_is_not_rewritten_by_fix() {
    let file = utf16("Ciao  Anna\r\n", true);
    let tree = Tree::with_bytes(&[
        ("le.txt", &file),
        ("clean.txt", &utf16("Ciao Anna\n", true)),
    ]);
    for flag in ["--fix", "--diff"] {
        let r = tree.run(&["check", "--no-config", flag, "le.txt", "clean.txt"]);
        assert_eq!(r.code, 2, "{flag}: {}", r.stderr);
        assert!(
            r.stderr.contains(
                "error: le.txt: 1 fix not applied: the file is UTF-16 LE and `--fix` writes only UTF-8; save it as UTF-8 to fix it"
            ),
            "{flag}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("clean.txt"), "{flag}: {}", r.stderr);
        assert!(
            !r.stdout.contains("+Ciao Anna"),
            "{flag}: no diff: {}",
            r.stdout
        );
        assert_eq!(
            std::fs::read(tree.root.join("le.txt")).unwrap(),
            file,
            "{flag}"
        );
    }
}

// ------------------------------------------------------------ duplicate keys

#[test]
fn duplicate_keys_are_errors_at_their_position_in_every_format() {
    let tree = Tree::new(&[
        (
            "array.json",
            "[{\"id\": \"a\", \"text\": \"Ciao\",\n  \"text\": \"Ciao  Anna\"},\n {\"id\": \"b\", \"text\": \"Ciao  Bea\"}]\n",
        ),
        (
            "zendesk.json",
            "{\"macros\": [{\"title\": \"a\", \"actions\": [{\"field\": \"comment_value\", \"value\": \"Ciao  Anna\"}]}],\n \"macros\": []}\n",
        ),
        (
            "action.json",
            "{\"macros\": [\n{\"title\": \"a\", \"actions\": [{\"field\": \"comment_value\", \"value\": \"x\", \"value\": \"y\"}]},\n{\"title\": \"b\", \"actions\": [{\"field\": \"comment_value\", \"value\": \"Ciao  Bea\"}]}]}\n",
        ),
        (
            "lines.jsonl",
            "{\"id\": \"a\", \"text\": \"Ciao  Anna\"}\n{\"id\": \"b\", \"text\": \"x\", \"id\": \"c\"}\n{\"id\": \"d\", \"lang\": \"it\", \"language\": \"en\", \"text\": \"y\"}\n",
        ),
        (
            "lib.toml",
            "[[reply]]\nid = \"a\"\ntext = \"x\"\ntext = \"y\"\n\n[[reply]]\nid = \"b\"\ntext = \"Ciao  Bea\"\n",
        ),
        ("lib.csv", "id,text,Text\na,x,y\n"),
        ("yaml.md", "---\nchannel: sms\nchannel: email\n---\nCiao\n"),
        ("toml.md", "+++\nid = \"a\"\nid = \"b\"\n+++\nCiao\n"),
    ]);
    let r = tree.run(&["check", "--no-config", "--format", "line", "."]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let errors: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        errors,
        [
            "error: action.json:2:69: duplicate key `value` in the same object (first at line 2, column 55)",
            "error: array.json:2:3: duplicate key `text` in the same object (first at line 1, column 14)",
            "error: lib.csv:1:9: duplicate key `text` in the header row",
            "error: lib.toml:4:1: invalid TOML: duplicate key `text`",
            "error: lines.jsonl:2:26: duplicate key `id` in the same object (first at line 2, column 2)",
            "error: lines.jsonl:3:27: duplicate key: `lang` and `language` are the same key",
            "error: toml.md:3:1: front matter: duplicate key `id`",
            "error: yaml.md:3:1: front matter: duplicate key `channel`",
            "error: zendesk.json:2:2: duplicate key `macros` in the same object (first at line 1, column 2)",
        ]
    );
    // The other replies of those files are still checked; none of the
    // replies holding a duplicate is.
    let places: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        places,
        [
            "action.json:3:69",
            "array.json:3:27",
            "lib.toml:8:13",
            "lines.jsonl:1:26"
        ]
    );
}
