//! `blame`: must-fail cases in six languages (snapshots, positions) and
//! must-pass cases (expectations, apologies, other people's faults), plus
//! a corpus of clean replies.

use crate::common::{
    assert_clean, assert_clean_corpus, assert_planted_defects_reported, diagnostics_of, lint,
};

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("blame", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

fn chat(lang: &str) -> [&str; 4] {
    ["--channel", "chat", "--lang", lang]
}

// ------------------------------------------------------------ must fail

#[test]
fn english_reminder_and_reproach() {
    let args = chat("en");
    let text = "As I already said, you should have checked the address before ordering.\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        found(&args, text),
        vec![
            d(1, 1, "`As I already said` blames or lectures the customer"),
            d(
                1,
                20,
                "`you should have checked` blames or lectures the customer"
            ),
        ]
    );
}

#[test]
fn italian_reminder_and_reproach() {
    let args = chat("it");
    let text = "Ciao Luca, come già detto avrebbe dovuto controllare la mail di conferma.\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        found(&args, text),
        vec![
            d(1, 12, "`come già detto` blames or lectures the customer"),
            d(
                1,
                27,
                "`avrebbe dovuto controllare` blames or lectures the customer"
            ),
        ]
    );
}

#[test]
fn spanish_french_german_portuguese() {
    assert_eq!(
        found(&chat("es"), "Como ya le dije, el plazo es de 14 días."),
        vec![d(1, 1, "`Como ya le dije` blames or lectures the customer")]
    );
    assert_eq!(
        found(
            &chat("fr"),
            "Comme je vous l'ai déjà dit, vous auriez dû vérifier votre adresse."
        ),
        vec![
            d(
                1,
                1,
                "`Comme je vous l'ai déjà dit` blames or lectures the customer"
            ),
            d(
                1,
                30,
                "`vous auriez dû vérifier` blames or lectures the customer"
            ),
        ]
    );
    assert_eq!(
        found(&chat("de"), "Wie bereits gesagt, das ist Ihre Schuld."),
        vec![
            d(1, 1, "`Wie bereits gesagt` blames or lectures the customer"),
            d(1, 29, "`Ihre Schuld` blames or lectures the customer"),
        ]
    );
    assert_eq!(
        found(&chat("pt"), "Como já disse, a culpa é sua."),
        vec![
            d(1, 1, "`Como já disse` blames or lectures the customer"),
            d(1, 16, "`a culpa é sua` blames or lectures the customer"),
        ]
    );
}

#[test]
fn typographic_apostrophes_and_capitals() {
    assert_eq!(
        found(
            &chat("en"),
            "AS I’VE ALREADY EXPLAINED, the refund takes five days."
        ),
        vec![d(
            1,
            1,
            "`AS I’VE ALREADY EXPLAINED` blames or lectures the customer"
        )]
    );
}

#[test]
fn any_language_when_none_is_set() {
    assert_eq!(
        found(&[], "Come già detto, il rimborso richiede 5 giorni."),
        vec![d(1, 1, "`Come già detto` blames or lectures the customer")]
    );
    assert_eq!(
        found(&[], "Please calm down, we are looking into it."),
        vec![d(
            1,
            1,
            "`Please calm down` blames or lectures the customer"
        )]
    );
}

// ------------------------------------------------------------ must pass

#[test]
fn expectations_are_not_reproaches() {
    for (lang, text) in [
        (
            "en",
            "You should have received an email with the tracking link this morning.",
        ),
        (
            "en",
            "You should have your refund by Friday, and an email when it is sent.",
        ),
        (
            "fr",
            "Vous auriez dû recevoir un e-mail de confirmation ; pensez à vérifier vos spams.",
        ),
        (
            "es",
            "Debería haber recibido un correo con el número de seguimiento.",
        ),
        (
            "pt",
            "Você deveria ter recebido um SMS com o código de acesso.",
        ),
        (
            "it",
            "Dovrebbe aver ricevuto una mail con il codice di tracciamento.",
        ),
    ] {
        assert_clean("blame", &chat(lang), text);
    }
}

#[test]
fn someone_elses_fault_and_apologies() {
    for (lang, text) in [
        (
            "it",
            "Il pacco avrebbe dovuto essere consegnato ieri: ci scusiamo per il ritardo.",
        ),
        (
            "it",
            "Il corriere avrebbe dovuto contattarla prima della consegna, ci scusiamo.",
        ),
        (
            "en",
            "It's not your fault: the courier marked the address as incomplete.",
        ),
        (
            "en",
            "You shouldn't have to wait that long, and we're sorry you did.",
        ),
        (
            "it",
            "Non è colpa sua: il sistema ha generato un errore durante il pagamento.",
        ),
        (
            "es",
            "No es culpa suya: el error se produjo en nuestro sistema de pagos.",
        ),
        (
            "fr",
            "Ce n'est pas de votre faute : le paiement a été refusé par notre prestataire.",
        ),
        ("de", "Es ist nicht Ihre Schuld, das Problem lag bei uns."),
        (
            "pt",
            "Não é culpa sua: o sistema apresentou uma falha no pagamento.",
        ),
    ] {
        assert_clean("blame", &chat(lang), text);
    }
}

#[test]
fn helpful_conditionals_and_neutral_formulas() {
    for (lang, text) in [
        (
            "en",
            "If you forgot to add the order number, just reply to this message.",
        ),
        (
            "en",
            "As I mentioned on the phone, the replacement ships on Monday.",
        ),
        (
            "it",
            "Come indicato nella mail precedente, il reso è gratuito entro 30 giorni.",
        ),
        (
            "de",
            "Sie hätten die Möglichkeit, den Tarif jederzeit online zu ändern.",
        ),
        (
            "de",
            "Die Kollegen haben es geprüft, und sie haben vergessen, die Gutschrift freizugeben.",
        ),
        (
            "it",
            "Speriamo che la situazione si calmi presto, la terremo aggiornata.",
        ),
        (
            "es",
            "Si se olvidó de indicar el número de pedido, responda a este mensaje.",
        ),
    ] {
        assert_clean("blame", &chat(lang), text);
    }
}

#[test]
fn another_languages_phrase_when_the_language_is_set() {
    // With the language set, only that language's phrases apply.
    assert_clean(
        "blame",
        &chat("en"),
        "Our Italian shop replies with \"come già detto\" in its old templates.",
    );
}

#[test]
fn every_planted_defect_in_the_corpus_is_reported() {
    assert_planted_defects_reported("blame");
}

#[test]
fn clean_corpus_in_six_languages_has_no_blame() {
    assert_clean_corpus("blame");
}
