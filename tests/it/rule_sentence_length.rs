//! `sentence-length`: must-fail cases (snapshots) and must-pass cases.

use crate::common::{Tree, assert_clean, diagnostics_of, lint};

const EMAIL_EN: &[&str] = &["--channel", "email", "--lang", "en"];

// ---- must fail ----

#[test]
fn a_long_english_sentence_in_an_email() {
    let text = "Dear Ms Smith,\n\nThank you for waiting. We have checked your order and we can confirm that the parcel left our warehouse yesterday, so it should reach you within three working days, but if it does not arrive by Friday please write to us again and we will open a claim with the courier.\n\nKind regards,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_EN, text));
    assert_eq!(
        diagnostics_of("sentence-length", EMAIL_EN, text),
        vec![(
            3,
            24,
            "sentence has 47 words (this channel's maximum is 35)".to_owned()
        )]
    );
}

#[test]
fn long_sentences_in_other_languages() {
    let cases = [
        (
            "it",
            "Gentile Mario,\nabbiamo verificato il suo ordine e possiamo confermarle che il pacco è partito ieri dal nostro magazzino, quindi dovrebbe arrivare entro tre giorni lavorativi, ma se non dovesse arrivare entro venerdì la preghiamo di scriverci di nuovo e apriremo una pratica con il corriere.\n\nCordiali saluti,\nAnna\n",
            2,
            1,
            44,
        ),
        (
            "de",
            "Sehr geehrte Frau Weber,\n\nwir haben Ihre Bestellung am 3. Mai geprüft und können Ihnen bestätigen, dass das Paket gestern unser Lager verlassen hat und Sie es daher innerhalb von drei Werktagen erhalten sollten, aber falls es bis Freitag nicht ankommt, schreiben Sie uns bitte noch einmal.\n\nMit freundlichen Grüßen\nJonas\n",
            3,
            1,
            // "3." is a number, not a word of prose.
            42,
        ),
        (
            "es",
            "Estimado Sr. Pérez:\n\nHemos revisado su pedido y le confirmamos que el paquete salió ayer de nuestro almacén, por lo que debería recibirlo en un plazo de tres días laborables, pero si no llega antes del viernes le rogamos que nos escriba de nuevo y abriremos una reclamación.\n\nAtentamente,\nLucía\n",
            3,
            1,
            45,
        ),
    ];
    for (lang, text, line, column, words) in cases {
        assert_eq!(
            diagnostics_of(
                "sentence-length",
                &["--channel", "email", "--lang", lang],
                text
            ),
            vec![(
                line,
                column,
                format!("sentence has {words} words (this channel's maximum is 35)")
            )],
            "{lang}"
        );
    }
}

#[test]
fn the_limit_comes_from_the_channel_and_works_without_a_language() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.chat]\nmax-sentence-words = 10\n",
    )]);
    let args = ["check", "--color", "never", "--channel", "chat", "-"];
    insta::assert_snapshot!(tree.transcript(
        "",
        &args,
        Some("Hi Anna! Your order left our warehouse yesterday and should reach you within three working days. Thanks!\n")
    ));
}

// ---- must pass ----

#[test]
fn sentences_up_to_the_limit_pass() {
    // 35 words exactly.
    let sentence = "one two three four five six seven eight nine ten ".repeat(3) + "a b c d five.";
    assert_clean(
        "sentence-length",
        EMAIL_EN,
        &format!(
            "Dear Ms Smith,\n\n{}\n\nKind regards,\nAnna\n",
            sentence.trim()
        ),
    );
}

#[test]
fn abbreviations_ordinals_lists_and_paragraphs_end_or_keep_sentences_right() {
    // "Mr.", "e.g." and "3. Mai" do not end a sentence; blank lines and
    // list items do; the signature is not part of the last sentence.
    let cases = [
        (
            "en",
            "Dear Mr. Smith,\n\nWe spoke with Mr. Jones, e.g. about the refund. It is done.\n\nKind regards,\nAnna Rossi\nCustomer Care Team Lead, Acme International Customer Communications, 1 Main Street, Springfield\n",
        ),
        (
            "de",
            "Sehr geehrte Frau Weber,\n\nIhr Paket kommt am 3. Mai. Bitte prüfen Sie:\n- die Adresse\n- die Postleitzahl\n- die Hausnummer\n\nMit freundlichen Grüßen\nJonas\n",
        ),
        (
            "en",
            "Hi Anna,\n\nHere is what we did today\n\nWe refunded the order and closed the ticket\n\nThanks,\nTom\n",
        ),
    ];
    for (lang, text) in cases {
        assert_clean(
            "sentence-length",
            &["--channel", "email", "--lang", lang],
            text,
        );
    }
}

#[test]
fn channels_without_a_limit_check_nothing() {
    let long = "word ".repeat(60);
    for channel in ["twitter", "sms", "chat", "google-play", "generic"] {
        assert_clean("sentence-length", &["--channel", channel], &long);
    }
}
