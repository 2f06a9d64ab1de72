//! `greeting`: must-fail cases (snapshots) and must-pass cases.

mod common;
use common::{assert_clean, diagnostics_of, lint, run};

const EMAIL_IT: &[&str] = &["--channel", "email", "--lang", "it"];
const EMAIL_EN: &[&str] = &["--channel", "email", "--lang", "en"];

// ---- must fail ----

#[test]
fn italian_email_without_greeting_or_sign_off() {
    let text =
        "Il suo rimborso è stato emesso oggi.\nLo riceverà entro cinque giorni lavorativi.\n";
    insta::assert_snapshot!(lint(EMAIL_IT, text));
    assert_eq!(
        diagnostics_of("greeting", EMAIL_IT, text),
        vec![(
            1,
            1,
            "reply has no greeting (required on `email`)".to_owned()
        )]
    );
    assert_eq!(
        diagnostics_of("sign-off", EMAIL_IT, text),
        vec![(
            2,
            1,
            "reply has no sign-off (required on `email`)".to_owned()
        )]
    );
}

#[test]
fn email_greeting_on_line_two_after_text() {
    let text = "Thanks for waiting.\nDear Ms Smith,\nyour refund was issued today.\n\nKind regards,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_EN, text));
    assert_eq!(
        diagnostics_of("greeting", EMAIL_EN, text),
        vec![(2, 1, "greeting must open the reply".to_owned())]
    );
}

#[test]
fn empty_email_has_no_greeting() {
    let args = ["--channel", "email"];
    insta::assert_snapshot!(lint(&args, ""));
    assert_eq!(
        diagnostics_of("greeting", &args, ""),
        vec![(
            1,
            1,
            "reply has no greeting (required on `email`)".to_owned()
        )]
    );
}

#[test]
fn hijack_is_not_hi() {
    let text = "Hijacked accounts are restored within a day.\n\nKind regards,\nAnna\n";
    assert_eq!(
        diagnostics_of("greeting", EMAIL_EN, text),
        vec![(
            1,
            1,
            "reply has no greeting (required on `email`)".to_owned()
        )]
    );
}

#[test]
fn a_sign_off_near_the_top_is_not_a_misplaced_greeting() {
    // "Liebe" opens greetings, but "Liebe Grüße" is a sign-off.
    let args = ["--channel", "email", "--lang", "de"];
    let text = "Vielen Dank für Ihre Nachricht.\nLiebe Grüße\nJonas\n";
    assert_eq!(
        diagnostics_of("greeting", &args, text),
        vec![(
            1,
            1,
            "reply has no greeting (required on `email`)".to_owned()
        )]
    );
}

#[test]
fn italian_email_opening_with_an_english_greeting() {
    let text = "Hi Mario,\nil suo ordine è partito oggi.\n\nCordiali saluti,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_IT, text));
}

#[test]
fn chat_dear_anna() {
    let text = "Dear Anna, your order has shipped and will arrive tomorrow.";
    insta::assert_snapshot!(lint(&["--channel", "chat"], text));
    assert_eq!(
        diagnostics_of("greeting", &["--channel", "chat"], text),
        vec![(
            1,
            1,
            "letter-style greeting `Dear` is too formal for `chat`".to_owned()
        )]
    );
}

#[test]
fn twitter_reply_with_handle_then_gentile() {
    let args = ["--channel", "twitter", "--lang", "it"];
    let text = "@acme_help Gentile Mario, il suo ordine è partito oggi.";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        diagnostics_of("greeting", &args, text),
        vec![(
            1,
            12,
            "letter-style greeting `Gentile` is too formal for `twitter`".to_owned()
        )]
    );
}

#[test]
fn chat_emoji_before_a_letter_greeting_keeps_columns_in_characters() {
    let text = "🙂 Caro Luca, il tuo ordine è partito.";
    let args = ["--channel", "chat", "--lang", "it"];
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        diagnostics_of("greeting", &args, text),
        vec![(
            1,
            3,
            "letter-style greeting `Caro` is too formal for `chat`".to_owned()
        )]
    );
}

#[test]
fn crlf_email_greeting_after_a_line_of_text() {
    let text = "Grazie per l'attesa.\r\n\r\nGentile Mario,\r\nil suo ordine è partito.\r\n\r\nCordiali saluti,\r\nAnna\r\n";
    insta::assert_snapshot!(lint(EMAIL_IT, text));
    assert_eq!(
        diagnostics_of("greeting", EMAIL_IT, text),
        vec![(3, 1, "greeting must open the reply".to_owned())]
    );
    // Byte offsets count the `\r` of every line ending before the span.
    let json = run(&[&["--format", "json"], EMAIL_IT].concat(), text).json();
    let d = &json["diagnostics"][0];
    assert_eq!(
        (&d["start"]["offset"], &d["end"]["offset"]),
        (&24.into(), &31.into())
    );
    assert_eq!(&text[24..31], "Gentile");
}

#[test]
fn spanish_chat_estimado() {
    let args = ["--channel", "chat", "--lang", "es"];
    let text = "Estimado Sr. Pérez: su pedido ya está en camino.";
    insta::assert_snapshot!(lint(&args, text));
}

#[test]
fn french_sms_madame_monsieur() {
    let args = ["--channel", "sms", "--lang", "fr"];
    let text = "Madame, Monsieur, votre colis arrive demain.";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        diagnostics_of("greeting", &args, text),
        vec![(
            1,
            1,
            "letter-style greeting `Madame, Monsieur` is too formal for `sms`".to_owned()
        )]
    );
}

#[test]
fn portuguese_and_german_letter_greetings_in_chat() {
    let pt = ["--channel", "chat", "--lang", "pt"];
    assert_eq!(
        diagnostics_of(
            "greeting",
            &pt,
            "Prezado Sr. Silva, o seu pedido foi enviado."
        ),
        vec![(
            1,
            1,
            "letter-style greeting `Prezado` is too formal for `chat`".to_owned()
        )]
    );
    let de = ["--channel", "chat", "--lang", "de"];
    assert_eq!(
        diagnostics_of(
            "greeting",
            &de,
            "Sehr geehrte Frau Weber, Ihr Paket ist unterwegs."
        ),
        vec![(
            1,
            1,
            "letter-style greeting `Sehr geehrte` is too formal for `chat`".to_owned()
        )]
    );
}

#[test]
fn unknown_language_matches_every_lexicon() {
    let text = "Egregio dottor Rossi, la pratica è chiusa.";
    assert_eq!(
        diagnostics_of("greeting", &["--channel", "chat"], text),
        vec![(
            1,
            1,
            "letter-style greeting `Egregio` is too formal for `chat`".to_owned()
        )]
    );
}

// ---- must pass ----

#[test]
fn complete_english_email_passes() {
    assert_clean(
        "greeting",
        EMAIL_EN,
        "Dear Ms Smith,\n\nyour refund was issued today.\n\nKind regards,\nAnna\n",
    );
}

#[test]
fn email_with_an_emoji_before_the_greeting_passes() {
    assert_clean(
        "greeting",
        EMAIL_EN,
        "👋 Hi Anna,\n\nyour refund was issued today.\n\nThanks,\nTom\n",
    );
}

#[test]
fn email_greeting_after_blank_lines_passes() {
    assert_clean(
        "greeting",
        EMAIL_IT,
        "\n\n  Buongiorno,\nil suo ordine è partito.\n",
    );
}

#[test]
fn german_spanish_french_portuguese_emails_pass() {
    let cases = [
        (
            "de",
            "Sehr geehrte Frau Weber,\n\nIhr Paket ist unterwegs.\n\nMit freundlichen Grüßen\nJonas Becker\n",
        ),
        (
            "es",
            "Estimado Sr. Pérez:\n\nsu pedido ya está en camino.\n\nAtentamente,\nLucía\n",
        ),
        (
            "es",
            "¡Hola, Lucía!\n\nTu pedido ya está en camino.\n\nUn saludo,\nMarta\n",
        ),
        (
            "fr",
            "Madame, Monsieur,\n\nvotre colis arrive demain.\n\nCordialement,\nClaire\n",
        ),
        (
            "pt",
            "Prezado Sr. Silva,\n\no seu pedido foi enviado.\n\nAtenciosamente,\nAna\n",
        ),
    ];
    for (lang, text) in cases {
        assert_clean("greeting", &["--channel", "email", "--lang", lang], text);
    }
}

#[test]
fn chat_conversational_greetings_pass() {
    assert_clean(
        "greeting",
        &["--channel", "chat"],
        "Hi Anna! Your order has shipped.",
    );
    assert_clean(
        "greeting",
        &["--channel", "chat", "--lang", "it"],
        "Ciao Luca! Il tuo ordine è in viaggio e arriverà domani.",
    );
    assert_clean(
        "greeting",
        &["--channel", "twitter", "--lang", "it"],
        "@acme_help Ciao Mario! Il tuo ordine è partito.",
    );
    assert_clean(
        "greeting",
        &["--channel", "sms", "--lang", "es"],
        "¡Hola! Tu pedido llega mañana.",
    );
}

#[test]
fn chat_sentence_starting_with_dear_is_not_a_greeting() {
    assert_clean(
        "greeting",
        &["--channel", "chat"],
        "Dear customers of our shop will find the new opening hours on our website.",
    );
    assert_clean(
        "greeting",
        &["--channel", "chat"],
        "Your order has shipped.\nDear customers of our shop will …",
    );
}

#[test]
fn chat_without_greeting_passes() {
    assert_clean(
        "greeting",
        &["--channel", "chat"],
        "Your order has shipped.",
    );
    assert_clean("greeting", &["--channel", "chat"], "");
}

#[test]
fn generic_channel_checks_nothing() {
    assert_clean("greeting", &[], "Thanks for waiting.\nDear Anna,\n");
    assert_clean("greeting", &[], "Dear Anna, your order has shipped.");
}

#[test]
fn template_with_greeting_variable_passes() {
    assert_clean(
        "greeting",
        &["--channel", "email", "--mode", "template"],
        "{{greeting}} {{ticket.requester.first_name}},\nyour order has shipped.\n",
    );
}
