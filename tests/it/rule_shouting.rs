//! `shouting`: must-fail cases (snapshots, positions) and must-pass cases
//! (acronyms, codes, numerals, labels, short signs), plus a corpus of
//! clean replies in six languages.

use crate::common::{
    assert_clean, assert_clean_corpus, assert_planted_defects_reported, diagnostics_of, lint,
    run_in,
};

const CHAT_EN: &[&str] = &["--channel", "chat", "--lang", "en"];
const CHAT_IT: &[&str] = &["--channel", "chat", "--lang", "it"];

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("shouting", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

// ------------------------------------------------------------ must fail

#[test]
fn a_run_of_capitals_and_a_long_single_word() {
    let text = "Hi Anna, your refund is on its way, but PLEASE DO NOT open a second request: it is URGENT that we keep one.\n";
    insta::assert_snapshot!(lint(CHAT_EN, text));
    assert_eq!(
        found(CHAT_EN, text),
        vec![
            d(1, 41, "`PLEASE DO NOT` is written in capitals"),
            d(1, 84, "`URGENT` is written in capitals"),
        ]
    );
}

#[test]
fn italian_run_with_a_single_capital_letter_inside() {
    let text = "Ciao Marco, NON È POSSIBILE modificare l'ordine dopo la spedizione.\n";
    insta::assert_snapshot!(lint(CHAT_IT, text));
    assert_eq!(
        found(CHAT_IT, text),
        vec![d(1, 13, "`NON È POSSIBILE` is written in capitals")]
    );
}

#[test]
fn an_acronym_inside_a_run_does_not_split_it() {
    assert_eq!(
        found(CHAT_EN, "Hello, WE SENT THE PDF YESTERDAY by e-mail."),
        vec![d(
            1,
            8,
            "`WE SENT THE PDF YESTERDAY` is written in capitals"
        )]
    );
}

#[test]
fn a_reply_all_in_capitals_is_one_diagnostic_per_line() {
    let text = "ORDINE SPEDITO, CONSEGNA PREVISTA DOMANI\nGRAZIE PER AVERCI SCELTO";
    assert_eq!(
        found(&["--channel", "sms", "--lang", "it"], text),
        vec![
            d(
                1,
                1,
                "`ORDINE SPEDITO, CONSEGNA PREVISTA DOMANI` is written in capitals"
            ),
            d(2, 1, "`GRAZIE PER AVERCI SCELTO` is written in capitals"),
        ]
    );
}

#[test]
fn a_long_run_is_described_by_its_length() {
    let text = "Hi, THIS IS A FINAL NOTICE BEFORE WE CLOSE YOUR ACCOUNT PERMANENTLY, sorry.";
    assert_eq!(
        found(CHAT_EN, text),
        vec![d(1, 5, "10 words in a row are written in capitals")]
    );
}

#[test]
fn german_and_french_capitals_with_accents_and_sharp_s() {
    assert_eq!(
        found(
            &["--channel", "chat", "--lang", "de"],
            "Hallo, das ist WIRKLICH GROẞARTIG für uns."
        ),
        vec![d(1, 16, "`WIRKLICH GROẞARTIG` is written in capitals")]
    );
    assert_eq!(
        found(
            &["--channel", "chat", "--lang", "fr"],
            "Bonjour, c'est TRÈS IMPORTANT pour nous."
        ),
        vec![d(1, 16, "`TRÈS IMPORTANT` is written in capitals")]
    );
}

#[test]
fn the_config_acronym_list_extends_the_builtin_one() {
    let text = "Thanks for choosing ZENTA, your parcel ships today.";
    assert_eq!(
        found(CHAT_EN, text),
        vec![d(1, 21, "`ZENTA` is written in capitals")]
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("replylint.toml"),
        "acronyms = [\"zenta\", \"SMART\"]\n",
    )
    .expect("write config");
    let r = run_in(
        dir.path(),
        &["check", "--format", "json", "--channel", "chat", "-"],
        Some(text),
    );
    assert!(r.code != 2, "{}", r.stderr);
    let shouting: Vec<_> = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "shouting")
        .cloned()
        .collect();
    assert!(shouting.is_empty(), "{shouting:#?}");
}

#[test]
fn capitals_on_separate_lines_are_separate_runs() {
    assert_eq!(
        found(
            CHAT_EN,
            "Hello there,\nTHANK YOU\nSO MUCH for the kind words"
        ),
        vec![
            d(2, 1, "`THANK YOU` is written in capitals"),
            d(3, 1, "`SO MUCH` is written in capitals"),
        ]
    );
}

// ------------------------------------------------------------ must pass

#[test]
fn acronyms_from_the_builtin_list() {
    for (args, text) in [
        (
            CHAT_EN,
            "Our FAQ explains how to reset your PIN: you'll get an SMS with a one-time code.",
        ),
        (
            CHAT_EN,
            "Please check that the IBAN and the URL in the PDF match your ID card.",
        ),
        (
            CHAT_IT,
            "La fattura con IVA è in PDF; ricordati di indicare il CAP e il codice SPID.",
        ),
        (
            CHAT_EN,
            "Your parcel moved from DHL to UPS at the depot, so the tracking ID changed.",
        ),
        (
            CHAT_EN,
            "The new iOS app supports NFC payments and USB-C accessories.",
        ),
        (
            &["--channel", "chat", "--lang", "fr"],
            "Notre SAV vous répond sous 48 h ; la facture TTC est dans votre espace.",
        ),
        (
            &["--channel", "chat", "--lang", "es"],
            "Necesitamos una copia de su DNI o NIE para completar el cambio.",
        ),
        (
            &["--channel", "chat", "--lang", "pt"],
            "Para a nota fiscal precisamos do seu CPF e do CEP de entrega.",
        ),
        (
            &["--channel", "chat", "--lang", "de"],
            "Die Rechnung mit MwSt. und die AGB finden Sie im Kundenkonto.",
        ),
    ] {
        assert_clean("shouting", args, text);
    }
}

#[test]
fn codes_numbers_placeholders_and_links() {
    for text in [
        "Your order AB123 and the replacement XY98765 both shipped today.",
        "Hi {{FIRST_NAME}}, your ticket [TICKET_ID] is now closed.",
        "Join us for #BLACKFRIDAY and follow @ACME_SUPPORT for updates.",
        "The guide is at HTTPS://EXAMPLE.COM/HELP and answers most questions.",
        "The 4G and 5G plans both include the 2FA option.",
    ] {
        assert_clean("shouting", CHAT_EN, text);
    }
}

#[test]
fn single_letters_roman_numerals_and_short_unknown_acronyms() {
    for (args, text) in [
        (
            CHAT_EN,
            "I checked it myself: plan A is cheaper than plan B for you.",
        ),
        (
            CHAT_EN,
            "See Section IV of the terms, or Chapter XIV for the full details.",
        ),
        (
            CHAT_IT,
            "Il bonifico da BNL arriva in giornata; il prelievo ATM è gratuito.",
        ),
        (
            CHAT_IT,
            "Le consegne sono sospese fino al XXV aprile, ci scusiamo per il disagio.",
        ),
    ] {
        assert_clean("shouting", args, text);
    }
}

#[test]
fn quoted_labels_fill_in_markers_codes_and_sms_keywords() {
    for (args, text) in [
        (
            CHAT_IT,
            "Per annullare vai su Ordini e premi \"ANNULLA ORDINE\" in fondo alla pagina.",
        ),
        (CHAT_EN, "Tap “CONFIRM PAYMENT” and you're done."),
        (
            CHAT_IT,
            "Ciao [NOME CLIENTE], il tuo ordine <ORDER NUMBER> è partito.",
        ),
        (
            &["--channel", "chat", "--lang", "es"],
            "Hola [NÚMERO DE PEDIDO], {MENSAJE PERSONAL} gracias.",
        ),
        (
            CHAT_EN,
            "Good news: use code WELCOME at checkout for 10% off.",
        ),
        (CHAT_IT, "Con il codice sconto ESTATE hai il 15% sui saldi."),
        (
            &["--channel", "chat", "--lang", "de"],
            "Den Gutscheincode SOMMER geben Sie an der Kasse ein.",
        ),
        (
            &["--channel", "sms", "--lang", "en"],
            "Your order has shipped. Reply STOP to opt out or HELP for help.",
        ),
    ] {
        assert_clean("shouting", args, text);
    }
}

#[test]
fn short_signs_plurals_and_elisions() {
    for (args, text) in [
        (CHAT_EN, "OK GREAT"),
        (CHAT_IT, "GRAZIE MILLE!"),
        (
            CHAT_EN,
            "We've attached both PDFs and the IDs you asked for.",
        ),
        (
            CHAT_IT,
            "Abbiamo aggiornato L'IBAN e il CAP nel tuo profilo.",
        ),
        (CHAT_EN, "The Wi-Fi and WI-FI 6 routers are both in stock."),
    ] {
        assert_clean("shouting", args, text);
    }
}

#[test]
fn every_planted_defect_in_the_corpus_is_reported() {
    assert_planted_defects_reported("shouting");
}

#[test]
fn clean_corpus_in_six_languages_has_no_shouting() {
    assert_clean_corpus("shouting");
}
