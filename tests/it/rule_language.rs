//! `language`: must-fail cases (snapshots) and must-pass cases, and the
//! `languages` setting.

use crate::common::{Tree, assert_clean, diagnostics_of, lint};

const ENGLISH_EMAIL: &str = "Dear Mr Rossi,\n\nThank you for contacting us. Your refund was issued today and should reach your account within five working days.\n\nKind regards\nAnna\n";

#[test]
fn english_email_expected_in_italian() {
    insta::assert_snapshot!(lint(&["--channel", "email", "--lang", "it"], ENGLISH_EMAIL));
    assert_eq!(
        diagnostics_of(
            "language",
            &["--channel", "email", "--lang", "it"],
            ENGLISH_EMAIL
        ),
        [(1, 1, "reply is in English, expected Italian".to_owned())]
    );
}

#[test]
fn french_chat_expected_in_german() {
    let text = "Bonjour, merci pour votre patience. J'ai vérifié votre commande, elle sera livrée aujourd'hui avant 18 heures.";
    insta::assert_snapshot!(lint(&["--channel", "chat", "--lang", "de"], text));
}

#[test]
fn the_language_a_folder_sets_is_compared_too() {
    let tree = Tree::new(&[(
        "replies/it/refund.txt",
        "Your refund was issued today and should reach your account within five working days. Thank you for your patience.\n",
    )]);
    let r = tree.run(&["check", "--no-config", "--format", "line", "replies"]);
    assert_eq!(
        crate::common::located(&r.stdout),
        "replies/it/refund.txt:1:1: warning[language]\n"
    );
    assert!(
        r.stdout.contains("reply is in English, expected Italian"),
        "{}",
        r.stdout
    );
}

// ----------------------------------------------------------- must pass

#[test]
fn correct_replies_in_every_language_pass() {
    for (lang, text) in [
        (
            "it",
            "Ciao Marco! Ho controllato il tuo ordine: è partito stamattina e dovrebbe arrivarti entro giovedì.",
        ),
        (
            "en",
            "Hi Mark! I had a look at your order: it left our warehouse this morning and should reach you by Thursday.",
        ),
        (
            "es",
            "¡Hola, Marcos! He mirado tu pedido: salió esta mañana del almacén y debería llegarte antes del jueves.",
        ),
        (
            "fr",
            "Salut Marc ! J'ai regardé ta commande : elle est partie ce matin de l'entrepôt et devrait t'arriver avant jeudi.",
        ),
        (
            "de",
            "Hallo Markus! Ich habe mir deine Bestellung angesehen: Sie hat heute Morgen unser Lager verlassen und sollte bis Donnerstag bei dir sein.",
        ),
        (
            "pt",
            "Olá Marcos! Vi a tua encomenda: saiu hoje de manhã do armazém e deve chegar até quinta-feira.",
        ),
    ] {
        assert_clean("language", &["--channel", "chat", "--lang", lang], text);
    }
}

#[test]
fn too_short_to_tell_says_nothing() {
    for text in [
        "Thanks!",
        "Ok, done.",
        "Perfect, thanks! Have a great day.",
        "{{first_name}}, https://acme.com/orders/12345",
    ] {
        assert_clean("language", &["--channel", "chat", "--lang", "it"], text);
    }
}

#[test]
fn loanwords_and_product_names_do_not_make_a_reply_english() {
    for text in [
        "Ciao Anna, per scaricare la fattura clicca su \"Download invoice\" nella pagina My Account e poi su Save.",
        "Il feedback sul customer care è stato inoltrato al team marketing.",
        "Il nuovo smartphone Galaxy S24 Ultra è in arrivo nel weekend.",
    ] {
        assert_clean("language", &["--channel", "chat", "--lang", "it"], text);
    }
}

#[test]
fn without_an_expected_language_there_is_nothing_to_compare() {
    assert_clean("language", &["--channel", "email"], ENGLISH_EMAIL);
}

#[test]
fn a_partly_translated_reply_is_left_to_mixed_language() {
    let text = "Gentile Mario,\n\nil rimborso è stato emesso oggi e sarà visibile sul Suo conto entro cinque giorni lavorativi.\n\nPlease do not hesitate to contact us if you have any further questions.\n\nCordiali saluti\n";
    assert_clean("language", &["--channel", "email", "--lang", "it"], text);
    assert_eq!(
        diagnostics_of(
            "mixed-language",
            &["--channel", "email", "--lang", "it"],
            text
        )
        .len(),
        1
    );
}

// ----------------------------------------------------------- languages

#[test]
fn a_language_outside_the_candidates_is_not_checked() {
    let tree = Tree::new(&[("replylint.toml", "languages = [\"it\", \"en\"]\n")]);
    let text = "Vielen Dank für Ihre Nachricht. Wir haben Ihre Bestellung geprüft und die Erstattung veranlasst.";
    let r = tree.run_at(
        "",
        &[
            "check",
            "--format",
            "line",
            "--channel",
            "chat",
            "--lang",
            "de",
            "-",
        ],
        Some(text),
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("[language]"), "{}", r.stdout);
}

#[test]
fn candidates_restrict_what_detection_can_find() {
    // Only Italian and Spanish are candidates: this Portuguese reply reads
    // as neither with confidence, so nothing is reported.
    let tree = Tree::new(&[("replylint.toml", "languages = [\"it\", \"es\"]\n")]);
    let text = "Olá Marcos! Vi a tua encomenda: saiu hoje de manhã do armazém e deve chegar até quinta-feira.";
    let r = tree.run_at(
        "",
        &[
            "check",
            "--format",
            "line",
            "--channel",
            "chat",
            "--lang",
            "it",
            "-",
        ],
        Some(text),
    );
    assert!(!r.stdout.contains("expected Italian"), "{}", r.stdout);
}

#[test]
fn an_unknown_candidate_language_is_a_config_error_with_a_suggestion() {
    let tree = Tree::new(&[("replylint.toml", "languages = [\"it\", \"en\", \"ed\"]\n")]);
    insta::assert_snapshot!(tree.transcript(
        "",
        &["check", "--channel", "chat", "-"],
        Some("Ciao!")
    ));
}

#[test]
fn an_empty_candidate_list_is_a_config_error() {
    let tree = Tree::new(&[("replylint.toml", "languages = []\n")]);
    let r = tree.run_at("", &["check", "--channel", "chat", "-"], Some("Ciao!"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("`languages` must name at least one language"),
        "{}",
        r.stderr
    );
}
