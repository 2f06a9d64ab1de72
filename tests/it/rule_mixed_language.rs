//! `mixed-language`: must-fail cases (snapshots and exact positions) and
//! must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint};

const HALF_TRANSLATED: &str = "Gentile Mario,\n\nil rimborso dell'ordine è stato emesso oggi e sarà visibile sul Suo conto entro cinque giorni lavorativi.\n\nPlease do not hesitate to contact us if you have any further questions.\n\nCordiali saluti\nAnna\n";

#[test]
fn italian_email_with_an_english_paragraph() {
    let args = ["--channel", "email", "--lang", "it"];
    insta::assert_snapshot!(lint(&args, HALF_TRANSLATED));
    assert_eq!(
        diagnostics_of("mixed-language", &args, HALF_TRANSLATED),
        [(5, 1, "English paragraph in an Italian reply".to_owned())]
    );
}

#[test]
fn spanish_chat_with_an_english_sentence_at_the_end() {
    let text = "¡Hola, Julia! Sentimos mucho el retraso con tu pedido. Escríbenos por mensaje privado con tu número de pedido y lo revisamos ahora mismo. Your refund will be processed within five to seven working days.";
    let args = ["--channel", "chat", "--lang", "es"];
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        diagnostics_of("mixed-language", &args, text),
        [(1, 139, "English sentence in a Spanish reply".to_owned())]
    );
}

#[test]
fn without_an_expected_language_the_majority_decides() {
    let text = "Sehr geehrter Herr Müller,\n\nvielen Dank für Ihre Nachricht. Die Erstattung für Ihre Bestellung wurde heute veranlasst und wird Ihrem Konto innerhalb von fünf Werktagen gutgeschrieben.\n\nNous vous prions de nous excuser pour la gêne occasionnée et restons à votre disposition.\n\nMit freundlichen Grüßen\n";
    assert_eq!(
        diagnostics_of("mixed-language", &["--channel", "email"], text),
        [(5, 1, "French paragraph in a German reply".to_owned())]
    );
}

#[test]
fn a_foreign_sentence_inside_a_foreign_paragraph_is_reported_once() {
    let text = "Gentile cliente,\n\nLa ringraziamo per la pazienza: il tecnico passerà presso il Suo domicilio giovedì mattina.\n\nWe apologise for any inconvenience this may have caused. Our customer service team is available Monday to Friday from nine to six.\n\nCordiali saluti\n";
    let found = diagnostics_of(
        "mixed-language",
        &["--channel", "email", "--lang", "it"],
        text,
    );
    assert_eq!(
        found,
        [(5, 1, "English paragraph in an Italian reply".to_owned())]
    );
}

// ----------------------------------------------------------- must pass

#[test]
fn correct_replies_in_every_language_pass() {
    for (lang, text) in [
        (
            "it",
            "Gentile cliente,\n\nabbiamo ricevuto il reso e, dopo le verifiche di rito, procederemo con il rimborso entro dieci giorni lavorativi. Riceverà una mail di conferma non appena l'operazione sarà completata.\n\nCordiali saluti\n",
        ),
        (
            "en",
            "Dear customer,\n\nWe have received your return. Once the usual checks are done, we will refund you within ten working days and send you a confirmation email.\n\nKind regards\n",
        ),
        (
            "es",
            "Estimado cliente:\n\nHemos recibido su devolución. Una vez realizadas las comprobaciones habituales, le reembolsaremos el importe en un plazo de diez días hábiles y recibirá un correo de confirmación.\n\nAtentamente\n",
        ),
        (
            "fr",
            "Bonjour,\n\nNous avons bien reçu votre retour. Après les vérifications d'usage, nous procéderons au remboursement sous dix jours ouvrés et vous recevrez un e-mail de confirmation.\n\nCordialement\n",
        ),
        (
            "de",
            "Guten Tag,\n\nwir haben Ihre Rücksendung erhalten. Nach den üblichen Prüfungen erstatten wir Ihnen den Betrag innerhalb von zehn Werktagen, und Sie erhalten eine Bestätigung per E-Mail.\n\nMit freundlichen Grüßen\n",
        ),
        (
            "pt",
            "Prezado cliente,\n\nRecebemos a sua devolução. Após as verificações habituais, procederemos ao reembolso no prazo de dez dias úteis e enviaremos um e-mail de confirmação.\n\nAtenciosamente\n",
        ),
    ] {
        assert_clean(
            "mixed-language",
            &["--channel", "email", "--lang", lang],
            text,
        );
        assert_clean("mixed-language", &["--channel", "email"], text);
    }
}

#[test]
fn english_names_labels_and_signatures_are_not_a_mix() {
    for text in [
        "Gentile cliente,\n\nil prodotto Smart Home Security Camera Pro è coperto da una garanzia di due anni dalla data di acquisto.\n\nCordiali saluti\nAcme Customer Care Team\n",
        "Ciao Anna, per scaricare la fattura clicca su \"Download invoice\" nella pagina My Account e poi su Save.",
        "Ciao! Trovi tutte le istruzioni nella sezione Help Center > Getting Started del nostro sito.",
    ] {
        assert_clean(
            "mixed-language",
            &["--channel", "chat", "--lang", "it"],
            text,
        );
    }
}

#[test]
fn a_reply_wholly_in_another_language_is_left_to_the_language_rule() {
    let text = "Dear customer,\n\nWe have received your return. Once the usual checks are done, we will refund you within ten working days.\n\nWe will also send you a confirmation email as soon as the refund has been issued.\n\nKind regards\n";
    assert_clean(
        "mixed-language",
        &["--channel", "email", "--lang", "it"],
        text,
    );
    assert_eq!(
        diagnostics_of("language", &["--channel", "email", "--lang", "it"], text).len(),
        1
    );
}

#[test]
fn short_lines_in_another_language_are_not_detected() {
    let text = "Ciao Luca, ti confermo che l'abbonamento è stato annullato e non riceverai altri addebiti dal mese prossimo.\n\nThanks a lot!\n\nCheers";
    assert_clean(
        "mixed-language",
        &["--channel", "chat", "--lang", "it"],
        text,
    );
}
