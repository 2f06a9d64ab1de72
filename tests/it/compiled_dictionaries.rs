//! Compiled spelling dictionaries (`replylint dictionaries --compile`):
//! the same diagnostics as the dictionaries' files give, files read again
//! once they change, a damaged compiled file left unused, and, on the
//! machine's own dictionaries when they are installed, no word accepted
//! that the dictionary rejects.

use replylint_core::spelling::compiled::Forms;
use replylint_io::dictionaries::compiled::{self, CACHE_VARIABLE};
use replylint_io::dictionaries::{PATH_VARIABLE, Pair};
use std::path::Path;

/// The spelling fixtures: a fail and a pass case per language, with the
/// test dictionaries their config names.
const FIXTURES: &str = "tests/fixtures/rules/spelling";

struct Output {
    stdout: String,
    stderr: String,
    code: i32,
}

/// `replylint ARGS` with compiled dictionaries kept in `cache` (`""`:
/// none) and no dictionary of the machine.
fn run(cache: &Path, args: &[&str]) -> Output {
    let out = assert_cmd::Command::cargo_bin("replylint")
        .unwrap()
        .env(PATH_VARIABLE, "")
        .env(CACHE_VARIABLE, cache)
        .env("CLICOLOR", "0")
        .args(args)
        .output()
        .unwrap();
    Output {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn check(cache: &Path, config: &str, path: &str) -> Output {
    run(
        cache,
        &["check", "--config", config, "--format", "line", path],
    )
}

#[test]
fn compiled_dictionaries_give_the_diagnostics_their_files_give() {
    let cache = tempfile::tempdir().unwrap();
    let config = format!("{FIXTURES}/replylint.toml");
    let before = check(Path::new(""), &config, FIXTURES);
    assert!(
        before.stdout.matches("[spelling]").count() >= 10,
        "{}",
        before.stdout
    );

    let listed = run(cache.path(), &["dictionaries", "--config", &config]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert_eq!(
        listed.stdout.matches("not compiled").count(),
        7,
        "{}",
        listed.stdout
    );

    let compiled = run(
        cache.path(),
        &["dictionaries", "--compile", "--config", &config],
    );
    assert_eq!(compiled.code, 0, "{}", compiled.stderr);
    for tag in [
        "en-GB", "it-IT", "es-ES", "fr-FR", "de-DE", "pt-PT", "pt-BR",
    ] {
        let line = compiled
            .stdout
            .lines()
            .find(|l| l.starts_with(tag))
            .unwrap_or_else(|| panic!("{tag}: {}", compiled.stdout));
        assert!(line.contains("(each checked)"), "{line}");
    }
    assert!(
        compiled.stdout.starts_with("en-US  built in\n"),
        "{}",
        compiled.stdout
    );
    let listed = run(cache.path(), &["dictionaries", "--config", &config]);
    assert_eq!(
        listed.stdout.matches("  compiled, ").count(),
        7,
        "{}",
        listed.stdout
    );

    let after = check(cache.path(), &config, FIXTURES);
    assert_eq!(after.stdout, before.stdout);
    assert_eq!(after.stderr, before.stderr);
    assert_eq!(after.code, before.code);
}

/// A small Italian dictionary.
const DIC: &str = "9\nordine/S\nspedito\nciao\ngrazie\nperché\nil\nè\nstato\nsuo\n";

/// A tree with an Italian dictionary and its config, its dictionary
/// compiled into `cache`.
fn italian(cache: &Path) -> tempfile::TempDir {
    let tree = tempfile::tempdir().unwrap();
    let at = |p: &str| tree.path().join(p);
    std::fs::write(
        at("it_IT.aff"),
        "SET UTF-8\nTRY aeioulnrstcdmpv\nSFX S Y 2\nSFX S o i o\nSFX S e i e\n",
    )
    .unwrap();
    std::fs::write(at("it_IT.dic"), DIC).unwrap();
    std::fs::write(
        at("replylint.toml"),
        "[spelling]\ndictionaries = { it = \"it_IT\" }\n",
    )
    .unwrap();
    std::fs::write(at("reply.txt"), "Ciao, il suo odrine è stato spedito.\n").unwrap();
    let config = at("replylint.toml");
    let compiled = run(
        cache,
        &[
            "dictionaries",
            "--compile",
            "--variant",
            "it",
            "--config",
            config.to_str().unwrap(),
        ],
    );
    assert_eq!(compiled.code, 0, "{}", compiled.stderr);
    assert!(
        compiled.stdout.contains("compiled: 10 forms of 10 built"),
        "{}",
        compiled.stdout
    );
    tree
}

fn check_reply(cache: &Path, tree: &Path) -> String {
    let config = tree.join("replylint.toml");
    let reply = tree.join("reply.txt");
    let out = run(
        cache,
        &[
            "check",
            "--config",
            config.to_str().unwrap(),
            "--channel",
            "chat",
            "--lang",
            "it",
            "--format",
            "line",
            reply.to_str().unwrap(),
        ],
    );
    out.stdout.replace(reply.to_str().unwrap(), "reply.txt")
}

#[test]
fn a_dictionary_changed_since_it_was_compiled_is_read_again() {
    let cache = tempfile::tempdir().unwrap();
    let tree = italian(cache.path());
    assert_eq!(
        check_reply(cache.path(), tree.path()),
        "reply.txt:1:14: warning[spelling]: `odrine` is not in the Italian dictionary\n"
    );
    std::fs::write(
        tree.path().join("it_IT.dic"),
        format!("{DIC}odrine\n").replacen('9', "10", 1),
    )
    .unwrap();
    let config = tree.path().join("replylint.toml");
    let listed = run(
        cache.path(),
        &[
            "dictionaries",
            "--variant",
            "it-IT",
            "--config",
            config.to_str().unwrap(),
        ],
    );
    assert!(
        listed.stdout.ends_with("  not compiled\n"),
        "{}",
        listed.stdout
    );
    assert_eq!(check_reply(cache.path(), tree.path()), "");
}

#[test]
fn a_damaged_compiled_dictionary_is_not_used() {
    let cache = tempfile::tempdir().unwrap();
    let tree = italian(cache.path());
    let file = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "forms"))
        .expect("a compiled file");
    let bytes = std::fs::read(&file).unwrap();
    for damaged in [&bytes[..bytes.len() - 7], &bytes[1..], b"".as_slice()] {
        std::fs::write(&file, damaged).unwrap();
        assert_eq!(
            check_reply(cache.path(), tree.path()),
            "reply.txt:1:14: warning[spelling]: `odrine` is not in the Italian dictionary\n"
        );
    }
}

/// Every word of the evaluation corpus, as written, with an initial
/// capital and in capitals: those the compiled forms accept.
#[test]
fn compiled_system_dictionaries_accept_only_what_the_dictionary_accepts() {
    let Some(corpus) = crate::common::eval::corpus_dir() else {
        println!("skipped: corpus not found");
        return;
    };
    let mut words = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(corpus).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for word in text.split(|c: char| !(c.is_alphabetic() || c == '\'')) {
            let word = word.trim_matches('\'');
            if !word.is_empty() {
                let lower = word.to_lowercase();
                let mut title: String =
                    lower.chars().take(1).flat_map(char::to_uppercase).collect();
                title.extend(lower.chars().skip(1));
                words.extend([word.to_owned(), word.to_uppercase(), title, lower]);
            }
        }
    }
    let cache = tempfile::tempdir().unwrap();
    let mut measured = 0;
    for (variant, name) in [
        (replylint_core::spelling::Variant::EnGb, "en_GB"),
        (replylint_core::spelling::Variant::Es, "es_ES"),
    ] {
        let pair = Pair::of(&Path::new("/usr/share/hunspell").join(name));
        if !pair.dic.is_file() {
            println!("skipped: no {name} dictionary in /usr/share/hunspell");
            continue;
        }
        let done = compiled::compile_into(cache.path(), variant, &pair).unwrap();
        let forms: Forms = compiled::open_in(cache.path(), variant, &pair).expect("compiled");
        assert_eq!(forms.len(), done.forms);
        let aff = std::fs::read_to_string(&pair.aff).unwrap();
        let dic = std::fs::read_to_string(&pair.dic).unwrap();
        let dictionary = spellbook::Dictionary::new(&aff, &dic).unwrap();
        let (mut accepted, mut wrong) = (0, Vec::new());
        for word in &words {
            if forms.accepts(word) {
                accepted += 1;
                if !dictionary.check(word) {
                    wrong.push(word.clone());
                }
            }
        }
        println!(
            "{name}: {} forms; of {} corpus words and their cases, {accepted} accepted by the forms, {} of them rejected by the dictionary",
            done.forms,
            words.len(),
            wrong.len()
        );
        assert!(wrong.is_empty(), "{name}: {wrong:?}");
        assert!(accepted > words.len() / 10, "{name}: {accepted}");
        measured += 1;
    }
    if measured == 0 {
        println!("skipped: no system dictionary");
    }
}
