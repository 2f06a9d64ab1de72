//! `greeting`: must-fail cases (snapshots) and must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint, run};

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

// ---- punctuation conventions: must fail ----

const EMAIL_ES: &[&str] = &["--channel", "email", "--lang", "es"];
const EMAIL_DE: &[&str] = &["--channel", "email", "--lang", "de"];

#[test]
fn spanish_salutation_with_a_comma() {
    let text = "Estimado Sr. Pérez,\n\nSu pedido ya está en camino.\n\nAtentamente,\nLucía\n";
    insta::assert_snapshot!(lint(EMAIL_ES, text));
    assert_eq!(
        diagnostics_of("greeting", EMAIL_ES, text),
        vec![(
            1,
            19,
            "salutation ends with `,`; Spanish salutations end with `:`".to_owned()
        )]
    );
    // The safe fix writes the colon.
    let fixed = run(&[&["--diff"], EMAIL_ES].concat(), text);
    assert!(
        fixed.stdout.contains("+Estimado Sr. Pérez:"),
        "{}",
        fixed.stdout
    );
}

#[test]
fn spanish_salutations_without_a_colon() {
    let cases = [
        (
            "Hola, Lucía,\n\nTu pedido ya está en camino.\n\nUn saludo,\nMarta\n",
            12,
            "salutation ends with `,`; Spanish salutations end with `:`",
        ),
        (
            "Estimada Sra. García;\n\nSu pedido ya está en camino.\n\nAtentamente,\nMarta\n",
            21,
            "salutation ends with `;`; Spanish salutations end with `:`",
        ),
        (
            "Estimado Sr. Pérez\n\nSu pedido ya está en camino.\n\nAtentamente,\nLucía\n",
            1,
            "salutation has no closing mark; Spanish salutations end with `:`",
        ),
    ];
    for (text, column, message) in cases {
        assert_eq!(
            diagnostics_of("greeting", EMAIL_ES, text),
            vec![(1, column, message.to_owned())],
            "{text:?}"
        );
    }
}

#[test]
fn german_salutation_without_a_comma() {
    let text = "Sehr geehrte Frau Weber\n\nvielen Dank für Ihre Nachricht.\n\nMit freundlichen Grüßen\nJonas Becker\n";
    insta::assert_snapshot!(lint(EMAIL_DE, text));
}

#[test]
fn german_text_after_the_salutation_starts_in_lower_case() {
    let text = "Sehr geehrte Frau Weber,\n\nVielen Dank für Ihre Nachricht. Ihr Paket ist unterwegs.\n\nMit freundlichen Grüßen\nJonas Becker\n";
    insta::assert_snapshot!(lint(EMAIL_DE, text));
    assert_eq!(
        diagnostics_of("greeting", EMAIL_DE, text),
        vec![(
            3,
            1,
            "`Vielen` after the salutation's comma: German goes on in lower case".to_owned()
        )]
    );
    let cases = [
        (
            "Hallo Jonas, Wir haben Ihr Paket heute versandt.\n\nViele Grüße\nAnna\n",
            1,
            14,
            "Wir",
        ),
        (
            "Sehr geehrter Herr Braun,\nich bestätige den Termin.\n\nMit freundlichen Grüßen\nAnna\n",
            0,
            0,
            "",
        ),
        (
            "Guten Tag Herr Braun,\n\nLeider ist der Artikel ausverkauft.\n\nFreundliche Grüße\nAnna\n",
            3,
            1,
            "Leider",
        ),
        (
            "Sehr geehrte Damen und Herren,\nDanke für Ihre Geduld.\n\nMit freundlichen Grüßen\nAnna\n",
            2,
            1,
            "Danke",
        ),
    ];
    for (text, line, column, word) in cases {
        let expected: Vec<(u64, u64, String)> = if word.is_empty() {
            vec![]
        } else {
            vec![(
                line,
                column,
                format!("`{word}` after the salutation's comma: German goes on in lower case"),
            )]
        };
        assert_eq!(
            diagnostics_of("greeting", EMAIL_DE, text),
            expected,
            "{text:?}"
        );
    }
}

#[test]
fn wrong_marks_after_salutations_in_other_languages() {
    let cases = [
        (
            "en",
            "Dear Ms Smith;\n\nYour refund was issued today.\n\nKind regards,\nAnna\n",
            14,
            "salutation ends with `;`; English salutations end with `,`",
        ),
        (
            "it",
            "Gentile Mario.\nil suo ordine è partito.\n\nCordiali saluti,\nAnna\n",
            14,
            "salutation ends with `.`; Italian salutations end with `,`",
        ),
        (
            "fr",
            "Madame, Monsieur :\n\nvotre colis arrive demain.\n\nCordialement,\nClaire\n",
            18,
            "salutation ends with `:`; French salutations end with `,`",
        ),
        (
            "pt",
            "Prezado Sr. Silva;\n\no seu pedido foi enviado.\n\nAtenciosamente,\nAna\n",
            18,
            "salutation ends with `;`; Portuguese salutations end with `,`",
        ),
    ];
    for (lang, text, column, message) in cases {
        let args = ["--channel", "email", "--lang", lang];
        assert_eq!(
            diagnostics_of("greeting", &args, text),
            vec![(1, column, message.to_owned())],
            "{lang}"
        );
    }
    // The French fix also removes the space before the colon.
    insta::assert_snapshot!(
        run(
            &["--channel", "email", "--lang", "fr", "--diff"],
            "Madame, Monsieur :\n\nvotre colis arrive demain.\n\nCordialement,\nClaire\n"
        )
        .stdout
    );
}

#[test]
fn unknown_language_judges_only_a_greeting_of_one_language() {
    // "Sehr geehrte" is German alone.
    let text = "Sehr geehrte Frau Weber\n\nvielen Dank.\n\nMit freundlichen Grüßen\nJonas\n";
    assert_eq!(
        diagnostics_of("greeting", &["--channel", "email"], text),
        vec![(
            1,
            1,
            "salutation has no closing mark; German salutations end with `,`".to_owned()
        )]
    );
}

// ---- punctuation conventions: must pass ----

#[test]
fn conventional_salutations_pass() {
    let cases = [
        (
            "en",
            "Dear Ms Smith,\n\nYour refund was issued today.\n\nKind regards,\nAnna\n",
        ),
        (
            "en",
            "Dear Ms. Smith:\n\nYour refund was issued today.\n\nSincerely,\nAnna\n",
        ),
        (
            "en",
            "Dear Sir or Madam\n\nYour refund was issued today.\n\nYours faithfully\nAnna\n",
        ),
        (
            "en",
            "Hi Anna!\n\nYour refund was issued today.\n\nThanks,\nTom\n",
        ),
        (
            "it",
            "Gentile Mario,\nil suo ordine è partito.\n\nCordiali saluti,\nAnna\n",
        ),
        (
            "it",
            "Buongiorno\n\nil suo ordine è partito.\n\nCordiali saluti\nAnna\n",
        ),
        (
            "es",
            "Estimado Sr. Pérez:\n\nSu pedido ya está en camino.\n\nAtentamente,\nLucía\n",
        ),
        (
            "es",
            "Hola, Lucía:\n\nTu pedido ya está en camino.\n\nUn saludo,\nMarta\n",
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
            "fr",
            "Bonjour Claire\n\nvotre colis arrive demain.\n\nBien cordialement,\nMarc\n",
        ),
        (
            "de",
            "Sehr geehrte Frau Weber,\n\nvielen Dank für Ihre Nachricht.\n\nMit freundlichen Grüßen\nJonas\n",
        ),
        (
            "de",
            "Sehr geehrte Frau Weber!\n\nVielen Dank für Ihre Nachricht.\n\nMit freundlichen Grüßen\nJonas\n",
        ),
        (
            "pt",
            "Prezado Sr. Silva,\n\no seu pedido foi enviado.\n\nAtenciosamente,\nAna\n",
        ),
        (
            "pt",
            "Prezado Senhor:\n\no seu pedido foi enviado.\n\nAtenciosamente,\nAna\n",
        ),
    ];
    for (lang, text) in cases {
        assert_clean("greeting", &["--channel", "email", "--lang", lang], text);
    }
}

#[test]
fn german_nouns_names_and_sie_keep_their_capital() {
    for next in [
        "Ihr Paket ist unterwegs.",
        "Sie erhalten heute eine Gutschrift.",
        "Ihre Bestellung wurde versandt.",
        "Ihnen schicken wir heute ein neues Gerät.",
        "Du bekommst heute eine Gutschrift.",
        "Herr Braun hat uns Ihre Nachricht weitergeleitet.",
        "Acme bedankt sich für Ihre Geduld.",
        "Bezüglich Ihrer Anfrage melden wir uns morgen.",
        "IBAN und BIC finden Sie unten.",
        "Morgen kommt Ihr Paket.",
    ] {
        let text =
            format!("Sehr geehrte Frau Weber,\n\n{next}\n\nMit freundlichen Grüßen\nJonas\n");
        assert_clean("greeting", EMAIL_DE, &text);
    }
}

#[test]
fn sentences_and_ambiguous_greetings_are_not_judged() {
    // A greeting that goes on in the same line is not a salutation line.
    assert_clean(
        "greeting",
        EMAIL_ES,
        "Estimado Sr. Pérez, le escribimos para confirmar su pedido.\n\nAtentamente,\nLucía\n",
    );
    // "Hi" is English and German: with no language, no convention applies.
    assert_clean(
        "greeting",
        &["--channel", "email"],
        "Hi Jonas\n\nWir haben Ihr Paket versandt.\n\nViele Grüße\nAnna\n",
    );
    // "Hello." is a sentence of its own; "Dear Mr." ends a title.
    assert_clean(
        "greeting",
        EMAIL_EN,
        "Hello.\n\nYour refund was issued today.\n\nKind regards,\nAnna\n",
    );
    // A greeting in another language is reported as such, not for its marks.
    assert_eq!(
        diagnostics_of(
            "greeting",
            EMAIL_ES,
            "Dear Ms Smith;\n\nSu pedido ya está en camino.\n\nAtentamente,\nLucía\n"
        ),
        vec![(1, 1, "`Dear` is not a Spanish greeting".to_owned())]
    );
    // Conventions apply where greetings are required, not in chat.
    assert_clean(
        "greeting",
        &["--channel", "chat", "--lang", "es"],
        "Hola, Lucía,\ntu pedido ya está en camino.",
    );
}

/// The correct e-mails of the evaluation corpus (six languages) follow
/// the conventions: no greeting or sign-off diagnostic on any of them.
#[test]
fn correct_corpus_emails_pass_greeting_and_sign_off() {
    let corpus = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval/correct.jsonl"),
    )
    .expect("evaluation corpus");
    let mut library = String::new();
    let mut count = 0;
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).expect("corpus line");
        if case["channel"] != "email" {
            continue;
        }
        count += 1;
        let reply = serde_json::json!({
            "id": case["id"],
            "channel": "email",
            "language": case["language"],
            "text": case["text"],
        });
        library.push_str(&reply.to_string());
        library.push('\n');
    }
    assert!(count >= 150, "{count} e-mails");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("emails.jsonl"), library).expect("write library");
    let r = crate::common::run_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "emails.jsonl"],
        None,
    );
    assert!(r.code != 2, "{}", r.stderr);
    let json = r.json();
    let found: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "greeting" || d["rule"] == "sign-off")
        .map(|d| d.to_string())
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
