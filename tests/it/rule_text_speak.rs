//! `text-speak`: must-fail cases (snapshots, positions, fixes) and
//! must-pass cases (acronyms, units, list labels, links, channels where it
//! is off), plus a corpus of clean replies in six languages.

use crate::common::{
    apply_fixes, assert_clean, assert_clean_corpus, assert_planted_defects_reported,
    diagnostics_of, json_diagnostics, lint, rule_is_on,
};
use serde_json::Value;

const EMAIL_EN: &[&str] = &["--channel", "email", "--lang", "en"];
const EMAIL_IT: &[&str] = &["--channel", "email", "--lang", "it"];

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("text-speak", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

/// The `text-speak` diagnostics as JSON.
fn json_of(args: &[&str], text: &str) -> Vec<Value> {
    json_diagnostics("text-speak", args, text)
}

/// `text` with every fix applied (all unsafe).
fn apply(text: &str, diagnostics: &[Value]) -> String {
    apply_fixes(text, diagnostics, "unsafe")
}

// ------------------------------------------------------------ must fail

#[test]
fn english_email_with_fixes() {
    let text = "Hi Sam,\n\nThx for waiting, pls send us the receipt. Btw the refund is on its way.\n\nKind regards,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_EN, text));
    assert_eq!(
        found(EMAIL_EN, text),
        vec![
            d(3, 1, "`Thx` is text-speak"),
            d(3, 18, "`pls` is text-speak"),
            d(3, 43, "`Btw` is text-speak"),
        ]
    );
    assert_eq!(
        apply(text, &json_of(EMAIL_EN, text)),
        "Hi Sam,\n\nThanks for waiting, please send us the receipt. By the way the refund is on its way.\n\nKind regards,\nAnna\n"
    );
}

#[test]
fn italian_email_with_fixes() {
    let text = "Gentile Mario,\n\ncmq le scrivo xké nn abbiamo ancora ricevuto il reso.\n\nCordiali saluti,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_IT, text));
    assert_eq!(
        apply(text, &json_of(EMAIL_IT, text)),
        "Gentile Mario,\n\ncomunque le scrivo perché non abbiamo ancora ricevuto il reso.\n\nCordiali saluti,\nAnna\n"
    );
}

#[test]
fn other_languages() {
    let email = |lang| ["--channel", "email", "--lang", lang];
    assert_eq!(
        found(
            &email("es"),
            "Hola Ana:\n\nxq el pedido tmb se retrasó, le escribimos.\n\nUn saludo,\nPablo"
        ),
        vec![
            d(3, 1, "`xq` is text-speak"),
            d(3, 14, "`tmb` is text-speak")
        ]
    );
    assert_eq!(
        found(
            &email("fr"),
            "Bonjour,\n\nmerci bcp, envoyez-nous la facture stp.\n\nCordialement,\nLéa"
        ),
        vec![
            d(3, 7, "`bcp` is text-speak"),
            d(3, 36, "`stp` is text-speak")
        ]
    );
    assert_eq!(
        found(
            &email("de"),
            "Guten Tag,\n\ndie Rechnung kommt vllt morgen.\n\nMfG\nTim"
        ),
        vec![
            d(3, 20, "`vllt` is text-speak"),
            d(5, 1, "`MfG` is text-speak")
        ]
    );
    assert_eq!(
        found(
            &email("pt"),
            "Olá,\n\nvc pode enviar o comprovante hj?\n\nAtenciosamente,\nAna"
        ),
        vec![
            d(3, 1, "`vc` is text-speak"),
            d(3, 30, "`hj` is text-speak")
        ]
    );
}

#[test]
fn ambiguous_abbreviations_need_the_language() {
    // `u` is English text-speak, but a Spanish conjunction.
    assert_eq!(
        found(EMAIL_EN, "Hi,\n\ncan u send us a photo?\n\nThanks,\nAnna"),
        vec![d(3, 5, "`u` is text-speak")]
    );
    assert_clean(
        "text-speak",
        &["--channel", "email", "--lang", "es"],
        "Hola:\n\nson siete u ocho días hábiles.\n\nUn saludo,\nPablo",
    );
}

#[test]
fn unknown_language_gets_a_fix_only_when_the_languages_agree() {
    let xke = json_of(&[], "xké?");
    assert_eq!(xke[0]["fix"]["edits"][0]["content"], "perché");
    let thx = json_of(&[], "thx");
    assert_eq!(thx.len(), 1);
    assert!(thx[0]["fix"].is_null(), "{thx:#?}");
    assert_eq!(thx[0]["help"], "write it out in full");
}

// ------------------------------------------------------------ must pass

#[test]
fn off_on_chat_sms_and_twitter() {
    let text = "Thx for waiting, pls DM us btw";
    assert_eq!(
        found(&["--channel", "email", "--lang", "en"], text).len(),
        3,
        "reported where the rule runs"
    );
    for channel in ["chat", "sms", "twitter"] {
        assert!(!rule_is_on("text-speak", channel), "{channel}");
        assert_eq!(
            found(&["--channel", channel, "--lang", "en"], text),
            vec![],
            "{channel}"
        );
    }
}

#[test]
fn acronyms_brands_and_units() {
    for (args, text) in [
        (
            EMAIL_EN,
            "Dear Jo,\n\nthe LG TV and the 2 tb drive ship together; the NP team will call.\n\nKind regards,\nAnna",
        ),
        (
            EMAIL_IT,
            "Gentile Mario,\n\nil pacco misura 30 x 40 cm e la TV è di marca LG.\n\nCordiali saluti,\nAnna",
        ),
        (
            &["--channel", "email", "--lang", "fr"][..],
            "Bonjour,\n\nRépondez SVP avant vendredi ; notre SAV vous attend.\n\nCordialement,\nLéa",
        ),
        (
            &["--channel", "email", "--lang", "pt"][..],
            "Olá,\n\no sistema ABS do carro foi revisto em 2 h.\n\nAtenciosamente,\nAna",
        ),
    ] {
        assert_clean("text-speak", args, text);
    }
}

#[test]
fn list_labels_joined_words_links_and_placeholders() {
    for (args, text) in [
        (
            EMAIL_EN,
            "Dear Jo,\n\nchoose a), b) or c) and take the U-turn; the x-ray is fine.\n\nKind regards,\nAnna",
        ),
        (
            EMAIL_EN,
            "Dear Jo,\n\nsee https://example.com/u/pls?thx=1 or write to thx@example.com.\n\nKind regards,\nAnna",
        ),
        (
            EMAIL_EN,
            "Dear {{u}},\n\nfollow @thx_team and #pls for news.\n\nKind regards,\nAnna",
        ),
        (
            &["--channel", "email", "--lang", "fr"][..],
            "Bonjour,\n\nc'est noté, votre dossier est complet.\n\nCordialement,\nLéa",
        ),
    ] {
        assert_clean("text-speak", args, text);
    }
}

#[test]
fn ordinary_words_that_look_short() {
    for (args, text) in [
        (
            EMAIL_EN,
            "Dear Jo,\n\nyour order is ready; we will ship it by Monday.\n\nKind regards,\nAnna",
        ),
        (
            EMAIL_IT,
            "Gentile Mario,\n\nle confermiamo che il reso è stato accettato e che il rimborso arriverà a breve.\n\nCordiali saluti,\nAnna",
        ),
        (
            &["--channel", "email", "--lang", "es"][..],
            "Estimado Sr. Pérez:\n\nle confirmamos que su pedido y la factura ya están disponibles.\n\nAtentamente,\nMarta",
        ),
        (
            &["--channel", "email", "--lang", "de"][..],
            "Sehr geehrte Frau Müller,\n\nvielen Dank, wir melden uns bzw. schicken Ihnen z. B. den Beleg.\n\nMit freundlichen Grüßen\nTim",
        ),
    ] {
        assert_clean("text-speak", args, text);
    }
}

#[test]
fn every_planted_defect_in_the_corpus_is_reported() {
    assert_planted_defects_reported("text-speak");
}

#[test]
fn clean_corpus_in_six_languages_has_no_text_speak() {
    assert_clean_corpus("text-speak");
}
