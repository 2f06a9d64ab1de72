//! `punctuation-spacing`: must-fail cases per language (snapshots,
//! positions, safe fixes) and must-pass cases (emoticons, times, URLs,
//! French spacing, unknown language), plus a corpus of clean replies.

use crate::common::{
    apply_fixes, assert_clean, assert_clean_corpus, assert_planted_defects_reported,
    diagnostics_of, json_diagnostics, lint, run_in,
};
use serde_json::Value;

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("punctuation-spacing", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

fn chat(lang: &str) -> [&str; 4] {
    ["--channel", "chat", "--lang", lang]
}

/// `text` with every `punctuation-spacing` fix applied (all safe).
fn fixed(args: &[&str], text: &str) -> String {
    apply_fixes(
        text,
        &json_diagnostics("punctuation-spacing", args, text),
        "safe",
    )
}

// ------------------------------------------------------------ must fail

#[test]
fn italian_spaces_before_marks() {
    let args = chat("it");
    let text = "Ciao Luca ! Il tuo ordine è partito : arriva domani , ok ?\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        found(&args, text),
        vec![
            d(1, 10, "space before `!`: Italian puts none"),
            d(1, 36, "space before `:`: Italian puts none"),
            d(1, 52, "space before `,`: Italian puts none"),
            d(1, 57, "space before `?`: Italian puts none"),
        ]
    );
    let clean = fixed(&args, text);
    assert_eq!(
        clean,
        "Ciao Luca! Il tuo ordine è partito: arriva domani, ok?\n"
    );
    assert_clean("punctuation-spacing", &args, &clean);
}

#[test]
fn other_languages_that_want_no_space() {
    assert_eq!(
        fixed(&chat("en"), "Thanks Anna ! Is that all ?"),
        "Thanks Anna! Is that all?"
    );
    assert_eq!(
        fixed(&chat("es"), "¡Hola Ana ! ¿Qué tal ?"),
        "¡Hola Ana! ¿Qué tal?"
    );
    assert_eq!(
        fixed(&chat("de"), "Hallo Jonas ; danke\u{a0}!"),
        "Hallo Jonas; danke!"
    );
    assert_eq!(
        fixed(&chat("pt"), "Olá Ana ! Tudo bem ?!"),
        "Olá Ana! Tudo bem?!"
    );
}

#[test]
fn french_missing_no_break_spaces() {
    let args = chat("fr");
    let text = "Bonjour Marie, merci pour votre message: nous regardons cela!\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        found(&args, text),
        vec![
            d(1, 40, "French puts a no-break space (U+00A0) before `:`"),
            d(
                1,
                61,
                "French puts a narrow no-break space (U+202F) before `!`"
            ),
        ]
    );
    let clean = fixed(&args, text);
    assert_eq!(
        clean,
        "Bonjour Marie, merci pour votre message\u{a0}: nous regardons cela\u{202f}!\n"
    );
    assert_clean("punctuation-spacing", &args, &clean);
}

#[test]
fn french_space_before_a_comma() {
    assert_eq!(
        fixed(&chat("fr"), "Bonjour , Marie ; merci !"),
        "Bonjour, Marie ; merci !"
    );
}

#[test]
fn strict_french_spacing_reports_ordinary_spaces() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[channels.chat]\nstrict-french-spacing = true\n",
    )
    .expect("write config");
    let text = "Merci ! Votre colis part demain : suivi par e-mail ?";
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--channel",
            "chat",
            "--lang",
            "fr",
            "-",
        ],
        Some(text),
    );
    assert!(r.code != 2, "{}", r.stderr);
    let found: Vec<Value> = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "punctuation-spacing")
        .cloned()
        .collect();
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        vec![
            "ordinary space before `!`: French puts a narrow no-break space (U+202F) there",
            "ordinary space before `:`: French puts a no-break space (U+00A0) there",
            "ordinary space before `?`: French puts a narrow no-break space (U+202F) there",
        ]
    );
    assert_eq!(
        apply_fixes(text, &found, "safe"),
        "Merci\u{202f}! Votre colis part demain\u{a0}: suivi par e-mail\u{202f}?"
    );
}

#[test]
fn the_texts_own_language_wins_over_a_wrong_setting() {
    // A French reply filed as Italian: `language` reports the mismatch;
    // French spacing is not an Italian error.
    let text = "Bonjour Madame Martin, nous avons bien reçu votre demande de remboursement ! Le virement sera effectué sous cinq jours ouvrés : merci de votre patience.";
    assert_clean("punctuation-spacing", &chat("it"), text);
}

#[test]
fn detected_language_when_none_is_set() {
    let text = "Ciao Luca, il tuo ordine è stato spedito oggi e arriverà entro venerdì prossimo !";
    assert_eq!(
        found(&["--channel", "chat"], text),
        vec![d(1, 80, "space before `!`: Italian puts none")]
    );
}

// ------------------------------------------------------------ must pass

#[test]
fn emoticons_times_urls_and_codes() {
    for (lang, text) in [
        ("en", "Done :) Your address is updated ;-) See you :D"),
        ("it", "Il negozio apre alle 9:30 e chiude alle 18:00."),
        (
            "en",
            "The guide is at https://example.com/help?topic=a:b;c!",
        ),
        (
            "it",
            "Ciao {{first_name}}, il codice è AB:12 e la pagina !important resta.",
        ),
        ("en", "See the picture ![diagram](d.png) above."),
        ("es", "¿Todo bien? ¡Genial! Hasta pronto."),
    ] {
        assert_clean("punctuation-spacing", &chat(lang), text);
    }
}

#[test]
fn french_as_it_is_usually_typed() {
    for text in [
        "Bonjour ! Vous vous êtes bien connecté ? Si oui : cliquez sur « Mes commandes ».",
        "C'est fait\u{202f}! Votre colis partira demain\u{a0}: suivi par e-mail.",
        "Merci\u{a0}! Bonne journée\u{2009}?",
        "Vraiment… ? Vraiment…? Oui !?",
        "Nous revenons vers vous sous 48 h, promis.",
    ] {
        assert_clean("punctuation-spacing", &chat("fr"), text);
    }
}

#[test]
fn marks_that_open_a_line_and_lists() {
    for (lang, text) in [
        (
            "it",
            "Domande frequenti:\n? Come faccio il reso\n! Attenzione alle scadenze",
        ),
        ("en", "Options:\n- A, B, or C\n- none"),
        (
            "de",
            "Hinweis: Die Lieferung erfolgt am Montag, den 3. Juni.",
        ),
        (
            "pt",
            "Olá! Seu pedido saiu para entrega: chega hoje, até as 18h.",
        ),
    ] {
        assert_clean("punctuation-spacing", &chat(lang), text);
    }
}

#[test]
fn unknown_language_says_nothing() {
    // Too short to detect: French and Italian want opposite things.
    assert_clean("punctuation-spacing", &["--channel", "chat"], "Merci !");
    assert_clean("punctuation-spacing", &["--channel", "chat"], "Ok !");
}

#[test]
fn every_planted_defect_in_the_corpus_is_reported() {
    assert_planted_defects_reported("punctuation-spacing");
}

#[test]
fn clean_corpus_in_six_languages_has_no_spacing_problem() {
    assert_clean_corpus("punctuation-spacing");
}
