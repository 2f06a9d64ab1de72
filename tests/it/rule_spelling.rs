//! `spelling`: typos reported with their suggestions and fixes, exact
//! positions beside emoji, CJK, combining accents and CRLF; what is never
//! read; the team's words (inline and from files); variants per channel
//! and path; dictionaries named by the config, found in
//! `$REPLYLINT_DICTIONARY_PATH`, or missing (one note a run, no crash);
//! config mistakes. The fixtures in `tests/fixtures/rules/spelling/` have
//! a fail and a pass case per language; `spelling_eval.rs` measures
//! recall on real replies.

use crate::common::{
    Tree, apply_fixes, assert_clean, assert_clean_corpus, diagnostics_of, json_diagnostics, lint,
    run_configured,
};

const EMAIL_EN: &[&str] = &["--channel", "email", "--lang", "en"];
const CHAT_EN: &[&str] = &["--channel", "chat", "--lang", "en"];

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("spelling", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

/// A minimal Italian Hunspell dictionary, written for these tests.
const IT_AFF: &str =
    "SET UTF-8\nTRY aeioulnrstcdmpvgbfhzèéàòù\n\nSFX S Y 2\nSFX S o i o\nSFX S e i e\n";
const IT_DIC: &str = "9\nordine/S\nspedito\nciao\ngrazie\nperché\nil\nè\nstato\nsuo\n";

// ------------------------------------------------------------ must fail

#[test]
fn english_typos_with_suggestions() {
    let text = "Hi Sam,\n\nWe will recieve your parcel tomorow. Unfortunatly it was delayed.\n\nKind regards,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_EN, text));
    assert_eq!(
        found(EMAIL_EN, text),
        vec![
            d(3, 9, "`recieve` is not in the English dictionary"),
            d(3, 29, "`tomorow` is not in the English dictionary"),
            d(3, 38, "`Unfortunatly` is not in the English dictionary"),
        ]
    );
}

#[test]
fn a_single_suggestion_is_an_unsafe_fix() {
    let text = "Your parcel will arive tomorow.";
    let diagnostics = json_diagnostics("spelling", CHAT_EN, text);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    // `arive` has three suggestions (`arrive`, `rive`, `drive`): no fix.
    assert!(diagnostics[0]["fix"].is_null(), "{:#?}", diagnostics[0]);
    assert_eq!(diagnostics[1]["fix"]["applicability"], "unsafe");
    assert_eq!(
        apply_fixes(text, &diagnostics, "unsafe"),
        "Your parcel will arive tomorrow."
    );
    assert_eq!(apply_fixes(text, &diagnostics, "safe"), text);
}

#[test]
fn positions_are_exact_beside_emoji_cjk_accents_and_crlf() {
    // Columns count characters (code points): 👍🏽 is two, 李明 two,
    // e + U+0301 two. A decomposed `café` is the dictionary's `cafe`.
    let text = "Ciao 👍🏽 李明 cafe\u{301}!\r\nWe will recieve it.\r\n";
    assert_eq!(
        found(CHAT_EN, text),
        vec![d(2, 9, "`recieve` is not in the English dictionary")]
    );
    let text = "👍🏽 Thanks, we will recieve it.";
    let diagnostics = json_diagnostics("spelling", CHAT_EN, text);
    let start = diagnostics[0]["start"]["offset"].as_u64().unwrap() as usize;
    let end = diagnostics[0]["end"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], "recieve");
    assert_eq!(diagnostics[0]["start"]["column"], 20);
}

#[test]
fn short_typos_are_reported_when_a_swap_explains_them() {
    assert_eq!(
        found(CHAT_EN, "Please check teh link we sent."),
        vec![d(1, 14, "`teh` is not in the English dictionary")]
    );
}

// ------------------------------------------------------------ must pass

#[test]
fn what_is_not_prose_is_never_read() {
    for text in [
        "Hi {{ticket.requester.first_name}}, see https://acme.example/recieve-help or write to recieve@acme.example.",
        "Thanks @recieve_help, your order AB12345X is on its way #recieveday",
        "Run `git recieve` in a terminal, then open config.yml and github.com/acme/recieve.",
        "Our app shows %{app_name} and $reply_time in the field app_name. :recieve: done",
        "Hi Marco, Priya from the Zendesk team here. Thanks for waiting!",
        "Please check the FAQ and our WhatsApp channel.\n\nThanks,\nMarco Rossi\nAcme Customer Care",
        "Thanks for waiting! -Jeana",
        "> I recieve nothing\nWe are looking into it.",
        "Thx for waiting, pls send us the receipt.",
        "We apologise: the colour of the centre was cancelled.",
    ] {
        assert_clean("spelling", CHAT_EN, text);
    }
}

#[test]
fn a_reply_in_another_language_than_declared_is_left_to_language() {
    let text = "Gentile cliente, la sua richiesta è stata ricevuta e il rimborso arriverà entro cinque giorni lavorativi.";
    assert_clean("spelling", EMAIL_EN, text);
}

#[test]
fn clean_replies_in_six_languages() {
    assert_clean_corpus("spelling");
}

// ------------------------------------------------------------ team words

#[test]
fn the_teams_words_inline_and_from_files() {
    let tree = Tree::new(&[
        (
            "replylint.toml",
            "[spelling]\naccept = [\"Acmepay\", \"iPhone\"]\naccept-files = [\"words/accept.txt\"]\nreject = [\"irregardless\"]\nreject-files = [\"words/reject.txt\"]\n",
        ),
        (
            "words/accept.txt",
            "# Products\nZorblax\nflurbo   # a plan\n\n",
        ),
        ("words/reject.txt", "e-mail -> email\n"),
        (
            "reply.txt",
            "---\nchannel: chat\nlanguage: en\n---\nYour Zorblax and flurbo plans are paid with Acmepay.\nSend the E-mail from your Iphone, irregardless of the time.\n",
        ),
    ]);
    let r = tree.run(&["check", "--format", "line", "reply.txt"]);
    insta::assert_snapshot!(r.stdout);
    let fixed = tree.run(&["check", "--fix", "reply.txt"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    let text = std::fs::read_to_string(tree.root.join("reply.txt")).unwrap();
    assert!(
        text.contains("Send the Email from your iPhone, irregardless"),
        "{text}"
    );
}

#[test]
fn an_unreadable_word_file_is_a_config_error_at_its_key() {
    let tree = Tree::new(&[
        (
            "replylint.toml",
            "[spelling]\naccept-files = [\"missing.txt\"]\n",
        ),
        ("reply.txt", "Hello there.\n"),
    ]);
    let r = tree.run(&["check", "reply.txt"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("replylint.toml:2:17: `spelling.accept-files`: cannot read"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unknown_variant_names_the_key_and_the_closest_one() {
    let r = run_configured("spelling-variants = [\"en-UK\"]\n", CHAT_EN, "Hello.");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(":1:"), "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown spelling variant `en-UK`"),
        "{}",
        r.stderr
    );
    let r = run_configured(
        "[spelling]\ndictionaries = { xx = \"a\" }\n",
        CHAT_EN,
        "Hello.",
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown spelling variant `xx`"),
        "{}",
        r.stderr
    );
}

// ------------------------------------------------------------ variants

#[test]
fn variants_by_top_level_channel_and_path() {
    let tree = Tree::new(&[
        (
            "replylint.toml",
            "spelling-variants = [\"en-US\"]\n\n[channels.email]\nspelling-variants = [\"en-US\"]\n\n[[paths]]\nglob = \"uk/**\"\nspelling-variants = [\"en-GB\"]\n\n[[paths]]\nglob = \"any/**\"\nspelling-variants = [\"pt-BR\"]\n",
        ),
        (
            "us/reply.txt",
            "---\nchannel: chat\nlanguage: en\n---\nThe colour is nice.\n",
        ),
        (
            "any/reply.txt",
            "---\nchannel: chat\nlanguage: en\n---\nThe colour is nice.\n",
        ),
        (
            "uk/reply.txt",
            "---\nchannel: chat\nlanguage: en\n---\nThe colour is nice.\n",
        ),
    ]);
    let r = tree.run(&["check", "--format", "line", "."]);
    // en-US at the top level reports the British spelling; a path that
    // chooses only Portuguese leaves English to its defaults; en-GB has no
    // dictionary here (the tests use none): one note, nothing reported.
    assert!(
        r.stdout.contains("us/reply.txt:5:5: warning[spelling]"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("any/reply.txt"), "{}", r.stdout);
    assert!(!r.stdout.contains("uk/reply.txt"), "{}", r.stdout);
    assert_eq!(
        r.stderr
            .matches("no English spelling dictionary found (en-GB;")
            .count(),
        1,
        "{}",
        r.stderr
    );
}

// ------------------------------------------------------------ dictionaries

#[test]
fn a_dictionary_named_by_the_config_is_read_relative_to_it() {
    let tree = Tree::new(&[
        (
            "cfg/replylint.toml",
            "[spelling]\ndictionaries = { it = \"../dicts/it_IT\" }\n",
        ),
        ("dicts/it_IT.aff", IT_AFF),
        ("dicts/it_IT.dic", IT_DIC),
        (
            "reply.txt",
            "Ciao, il suo ordine è stato spedito. Perchè?\n",
        ),
    ]);
    let r = tree.run(&[
        "check",
        "--config",
        "cfg/replylint.toml",
        "--channel",
        "chat",
        "--lang",
        "it",
        "--format",
        "line",
        "reply.txt",
    ]);
    assert_eq!(
        r.stdout, "reply.txt:1:38: warning[spelling]: `Perchè` is not in the Italian dictionary\n",
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr, "");
}

#[test]
fn dictionaries_are_found_in_the_folders_of_the_path_variable() {
    let tree = Tree::new(&[
        ("dicts/it_IT.aff", IT_AFF),
        ("dicts/it_IT.dic", IT_DIC),
        ("reply.txt", "Ciao, il suo odrine è stato spedito.\n"),
    ]);
    let dicts = tree.root.join("dicts");
    let out = assert_cmd::Command::cargo_bin("replylint")
        .unwrap()
        .current_dir(&tree.root)
        .env(replylint_io::dictionaries::PATH_VARIABLE, &dicts)
        .args(["check", "--no-config", "--channel", "chat", "--lang", "it"])
        .args(["--format", "line", "reply.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "reply.txt:1:14: warning[spelling]: `odrine` is not in the Italian dictionary\n"
    );
}

#[test]
fn a_missing_dictionary_is_one_note_per_run_and_no_crash() {
    let replies: String = (0..200)
        .map(|i| format!("{{\"id\": \"r{i}\", \"language\": \"it\", \"text\": \"Ciao, il suo ordine {i} è stato spedito: perchè non ci scrive?\"}}\n"))
        .collect();
    let tree = Tree::new(&[("macros.jsonl", &replies)]);
    let r = tree.run(&[
        "check",
        "--no-config",
        "--channel",
        "chat",
        "--format",
        "line",
        "macros.jsonl",
    ]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    assert!(!r.stdout.contains("[spelling]"), "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("note: no Italian spelling dictionary found (it-IT; looked in"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("`apt install hunspell-it`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("`[spelling] dictionaries = { it = \"path/to/it_IT\" }`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_broken_dictionary_is_a_note_not_a_crash() {
    let tree = Tree::new(&[
        (
            "replylint.toml",
            "[spelling]\ndictionaries = { it = \"it_IT\" }\n",
        ),
        ("it_IT.aff", "SET UTF-8\nSFX S Y 1\nSFX S o\n"),
        ("it_IT.dic", "x\n\u{0}\u{1}/ZZZ\n"),
        (
            "reply.txt",
            "Ciao, il suo ordine è stato spedito: perchè non ci scrive?\n",
        ),
    ]);
    let r = tree.run(&["check", "--channel", "chat", "--lang", "it", "reply.txt"]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}
