//! `repeated-word`: must-fail cases (snapshots, positions, the safe fix)
//! and must-pass cases (grammar, reduplication, names, numbers), plus a
//! corpus of clean replies in six languages.

use crate::common::{
    apply_fixes, assert_clean, assert_clean_corpus, assert_planted_defects_reported,
    diagnostics_of, json_diagnostics, lint,
};

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("repeated-word", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

fn chat(lang: &str) -> [&str; 4] {
    ["--channel", "chat", "--lang", lang]
}

/// `text` with every `repeated-word` fix applied (all safe).
fn fixed(args: &[&str], text: &str) -> String {
    apply_fixes(text, &json_diagnostics("repeated-word", args, text), "safe")
}

// ------------------------------------------------------------ must fail

#[test]
fn english_and_italian_doubles() {
    let args = chat("en");
    let text = "We have sent the the replacement today.\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(found(&args, text), vec![d(1, 14, "`the` is repeated")]);
    assert_eq!(fixed(&args, text), "We have sent the replacement today.\n");

    let args = chat("it");
    let text = "Ciao Luca,\nIl il tuo ordine è partito e arriverà entro entro venerdì.\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        found(&args, text),
        vec![d(2, 1, "`il` is repeated"), d(2, 39, "`entro` is repeated")]
    );
    assert_eq!(
        fixed(&args, text),
        "Ciao Luca,\nIl tuo ordine è partito e arriverà entro venerdì.\n"
    );
}

#[test]
fn other_languages_and_accents() {
    assert_eq!(
        found(&chat("es"), "El pedido llegará el el lunes."),
        vec![d(1, 19, "`el` is repeated")]
    );
    assert_eq!(
        found(&chat("fr"), "Votre colis est est parti ce matin."),
        vec![d(1, 13, "`est` is repeated")]
    );
    assert_eq!(
        found(&chat("de"), "Ihre Bestellung ist ist unterwegs."),
        vec![d(1, 17, "`ist` is repeated")]
    );
    assert_eq!(
        found(&chat("pt"), "O pedido já já foi enviado."),
        Vec::<(u64, u64, String)>::new(),
        "`já já` (right away) is Portuguese"
    );
    assert_eq!(
        found(&chat("pt"), "O pedido foi foi enviado."),
        vec![d(1, 10, "`foi` is repeated")]
    );
    assert_eq!(
        found(&chat("it"), "Il rimborso è è stato emesso."),
        vec![d(1, 13, "`è` is repeated")]
    );
}

#[test]
fn a_triple_gives_two_fixes_that_do_not_overlap() {
    let args = chat("en");
    let text = "Thanks for for for waiting.";
    assert_eq!(
        found(&args, text),
        vec![d(1, 8, "`for` is repeated"), d(1, 12, "`for` is repeated")]
    );
    assert_eq!(fixed(&args, text), "Thanks for waiting.");
}

#[test]
fn a_no_break_space_between_the_copies() {
    let args = chat("en");
    let text = "Your refund is\u{a0}is on its way.";
    assert_eq!(found(&args, text), vec![d(1, 13, "`is` is repeated")]);
    assert_eq!(fixed(&args, text), "Your refund is on its way.");
}

// ------------------------------------------------------------ must pass

#[test]
fn grammar_that_doubles_words() {
    for (lang, text) in [
        (
            "en",
            "I know that that sounds confusing, so here is the short version.",
        ),
        ("en", "We had had two similar reports this week."),
        ("fr", "Nous nous excusons pour la gêne occasionnée."),
        (
            "fr",
            "Si vous vous connectez depuis l'application, le bouton est en haut.",
        ),
        (
            "de",
            "Die Bestellung, die die Kollegin storniert hat, wird erstattet.",
        ),
        (
            "de",
            "Können Sie sie bitte in der Originalverpackung zurückschicken?",
        ),
    ] {
        assert_clean("repeated-word", &chat(lang), text);
    }
}

#[test]
fn reduplication_and_interjections() {
    for (lang, text) in [
        ("it", "Ciao ciao Luca, a presto!"),
        (
            "it",
            "No no, non deve fare nulla: piano piano sistemiamo tutto.",
        ),
        ("it", "Sì sì, il codice vale anche sui saldi."),
        ("en", "Bye bye for now, and thanks again."),
        (
            "en",
            "We're really really sorry, ha ha, that was our mistake.",
        ),
        ("es", "Ya ya, lo estamos revisando ahora mismo."),
        ("pt", "Muito muito obrigado pela paciência."),
        ("fr", "Très très bonne question !"),
        ("de", "Ja ja, das klappt."),
    ] {
        assert_clean("repeated-word", &chat(lang), text);
    }
}

#[test]
fn names_numbers_punctuation_and_line_breaks() {
    for text in [
        "Our Bora Bora and Baden-Baden hotels are both open.",
        "Room 10 10 minutes later was ready.",
        "No, no, there is nothing else to do.",
        "Please tell us the\nthe order number.",
        "Hi {{name}} {{name}}, welcome.",
        "Order AB12 AB12 was merged.",
    ] {
        assert_clean("repeated-word", &chat("en"), text);
    }
}

#[test]
fn every_planted_defect_in_the_corpus_is_reported() {
    assert_planted_defects_reported("repeated-word");
}

#[test]
fn clean_corpus_in_six_languages_has_no_repeated_word() {
    assert_clean_corpus("repeated-word");
}
