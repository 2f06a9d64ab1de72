//! `sign-off`: must-fail cases (snapshots) and must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint, run};

const EMAIL_EN: &[&str] = &["--channel", "email", "--lang", "en"];
const EMAIL_IT: &[&str] = &["--channel", "email", "--lang", "it"];
const CHAT: &[&str] = &["--channel", "chat"];

// ---- must fail ----

#[test]
fn english_email_without_sign_off() {
    let text = "Dear Ms Smith,\n\nyour refund was issued today.\nIt reaches your account within five business days.\n";
    insta::assert_snapshot!(lint(EMAIL_EN, text));
    assert_eq!(
        diagnostics_of("sign-off", EMAIL_EN, text),
        vec![(
            4,
            1,
            "reply has no sign-off (required on `email`)".to_owned()
        )]
    );
}

#[test]
fn sign_off_followed_by_a_long_paragraph() {
    let text = "Gentile Mario,\nil suo ordine è partito.\n\nCordiali saluti,\nAnna\n\nIl rimborso arriverà entro cinque giorni lavorativi sul conto corrente che ci ha indicato.\n";
    insta::assert_snapshot!(lint(EMAIL_IT, text));
    assert_eq!(
        diagnostics_of("sign-off", EMAIL_IT, text),
        vec![(4, 1, "sign-off must close the reply".to_owned())]
    );
}

#[test]
fn italian_email_closing_with_an_english_sign_off() {
    let text = "Gentile Mario,\nil suo ordine è partito.\n\nKind regards,\nAnna\n";
    insta::assert_snapshot!(lint(EMAIL_IT, text));
}

#[test]
fn chat_kind_regards_at_the_end() {
    let text = "Hi Anna! Your order has shipped.\n\nKind regards\n";
    insta::assert_snapshot!(lint(CHAT, text));
    assert_eq!(
        diagnostics_of("sign-off", CHAT, text),
        vec![(
            3,
            1,
            "letter-style sign-off `Kind regards` is too formal for `chat`".to_owned()
        )]
    );
}

#[test]
fn crlf_chat_cordiali_saluti() {
    let args = ["--channel", "chat", "--lang", "it"];
    let text = "Ciao Luca!\r\nIl tuo ordine è in viaggio.\r\n\r\nCordiali saluti, Anna 😊\r\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        diagnostics_of("sign-off", &args, text),
        vec![(
            4,
            1,
            "letter-style sign-off `Cordiali saluti` is too formal for `chat`".to_owned()
        )]
    );
    // Byte offsets count the `\r` of every line ending before the span.
    let json = run(&[&["--format", "json"], &args[..]].concat(), text).json();
    let d = &json["diagnostics"][0];
    let start = d["start"]["offset"].as_u64().unwrap() as usize;
    let end = d["end"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], "Cordiali saluti");
}

#[test]
fn crlf_email_without_sign_off_points_at_the_last_line() {
    let text = "Dear Ms Smith,\r\n\r\n👍 your refund was issued today.\r\n\r\n";
    assert_eq!(
        diagnostics_of("sign-off", EMAIL_EN, text),
        vec![(
            3,
            3,
            "reply has no sign-off (required on `email`)".to_owned()
        )]
    );
}

#[test]
fn letter_sign_offs_in_chat_per_language() {
    let cases = [
        (
            "es",
            "¡Hola! Tu pedido llega mañana.\nAtentamente,\nMarta",
            "Atentamente",
        ),
        (
            "fr",
            "Bonjour Claire, votre colis arrive demain.\nCordialement",
            "Cordialement",
        ),
        (
            "pt",
            "Olá Ana! O seu pedido foi enviado.\nAtenciosamente,\nJoão",
            "Atenciosamente",
        ),
        (
            "de",
            "Hallo Jonas! Ihr Paket ist unterwegs.\nMit freundlichen Grüßen",
            "Mit freundlichen Grüßen",
        ),
    ];
    for (lang, text, phrase) in cases {
        let args = ["--channel", "chat", "--lang", lang];
        assert_eq!(
            diagnostics_of("sign-off", &args, text),
            vec![(
                2,
                1,
                format!("letter-style sign-off `{phrase}` is too formal for `chat`")
            )],
            "{lang}"
        );
    }
    insta::assert_snapshot!(lint(
        &["--channel", "whatsapp", "--lang", "es"],
        "¡Hola! Tu pedido llega mañana.\nAtentamente,\nMarta"
    ));
}

#[test]
fn chained_sign_offs_report_the_letter_style_one() {
    let args = ["--channel", "chat", "--lang", "it"];
    assert_eq!(
        diagnostics_of(
            "sign-off",
            &args,
            "Ciao Luca!\nIl tuo ordine è partito.\nGrazie e cordiali saluti"
        ),
        vec![(
            3,
            10,
            "letter-style sign-off `cordiali saluti` is too formal for `chat`".to_owned()
        )]
    );
}

// ---- must pass ----

#[test]
fn sign_off_with_three_line_signature_passes() {
    assert_clean(
        "sign-off",
        EMAIL_EN,
        "Dear Ms Smith,\n\nyour refund was issued today.\n\nKind regards,\nAnna Rossi\nCustomer Care, Acme Ltd\n+44 20 7946 0000\n",
    );
}

#[test]
fn sign_off_and_name_on_one_line_passes() {
    assert_clean(
        "sign-off",
        EMAIL_EN,
        "Hi Anna,\nyour refund was issued today.\nKind regards, Tom from the Acme team\n",
    );
    assert_clean(
        "sign-off",
        EMAIL_IT,
        "Gentile Mario,\nil suo ordine è partito.\nCordiali saluti, il team di Acme\n",
    );
}

#[test]
fn chained_sign_offs_and_company_signature_pass() {
    assert_clean(
        "sign-off",
        EMAIL_IT,
        "Buongiorno Mario,\nil suo ordine è partito.\n\nGrazie e buona giornata!\nAnna\n",
    );
    assert_clean(
        "sign-off",
        EMAIL_EN,
        "Hi Anna,\nyour order shipped.\nThanks, and have a great day!\n",
    );
    assert_clean(
        "sign-off",
        EMAIL_IT,
        "Gentile Mario,\nil suo ordine è partito.\n\nCordiali saluti,\nAnna Bianchi\nAcme S.p.A. – Via Roma 1, 20121 Milano – P.IVA 01234567890\nwww.acme.it | assistenza@acme.it\n",
    );
}

#[test]
fn german_email_din_5008_passes() {
    let args = ["--channel", "email", "--lang", "de"];
    let text = "Sehr geehrte Frau Weber,\n\nvielen Dank für Ihre Nachricht. Ihr Paket wurde heute versandt.\n\nMit freundlichen Grüßen\n\nJonas Becker\nKundenservice Acme GmbH\n";
    assert_clean("sign-off", &args, text);
    assert_clean("greeting", &args, text);
}

#[test]
fn spanish_french_portuguese_emails_pass() {
    let cases = [
        (
            "es",
            "Estimado Sr. Pérez:\n\nsu pedido ya está en camino.\n\nUn cordial saludo,\nLucía García\nAtención al Cliente\n",
        ),
        (
            "fr",
            "Madame, Monsieur,\n\nnous avons bien reçu votre demande.\n\nVeuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\nLe service client\n",
        ),
        (
            "fr",
            "Bonjour Claire,\n\nvotre colis arrive demain.\n\nBien cordialement,\nMarc\n",
        ),
        (
            "pt",
            "Prezado Sr. Silva,\n\no seu pedido foi enviado.\n\nAtenciosamente,\nAna Costa\nEquipe de Atendimento\n",
        ),
    ];
    for (lang, text) in cases {
        assert_clean("sign-off", &["--channel", "email", "--lang", lang], text);
    }
}

#[test]
fn conversational_sign_off_satisfies_email() {
    assert_clean(
        "sign-off",
        EMAIL_IT,
        "Ciao Luca!\nIl tuo ordine è partito.\nA presto!\nGiulia\n",
    );
}

#[test]
fn chat_thanks_passes() {
    assert_clean(
        "sign-off",
        CHAT,
        "Hi Anna! Your order has shipped.\n\nThanks!\n",
    );
    assert_clean(
        "sign-off",
        &["--channel", "chat", "--lang", "it"],
        "Ciao Luca! Il tuo ordine è in viaggio.\nA presto!",
    );
}

#[test]
fn chat_sentences_that_start_like_sign_offs_pass() {
    assert_clean(
        "sign-off",
        CHAT,
        "Hi Anna!\nSincerely apologise for the delay.",
    );
    assert_clean(
        "sign-off",
        CHAT,
        "Hi Anna!\nRegards to your family, and see you soon.",
    );
}

#[test]
fn greeting_line_is_never_the_sign_off() {
    // "Ciao" both greets and signs off in Italian; on the first line it greets.
    assert_eq!(
        diagnostics_of(
            "sign-off",
            EMAIL_IT,
            "Ciao Luca!\nIl tuo ordine è partito.\n"
        ),
        vec![(
            2,
            1,
            "reply has no sign-off (required on `email`)".to_owned()
        )]
    );
    assert_clean("sign-off", CHAT, "Dear Anna,\nyour order has shipped.");
}

#[test]
fn generic_channel_checks_nothing() {
    assert_clean("sign-off", &[], "Your order has shipped.\nKind regards\n");
    assert_clean("sign-off", &[], "Your order has shipped.");
}

#[test]
fn template_with_signature_variable_passes() {
    assert_clean(
        "sign-off",
        &["--channel", "email", "--mode", "template"],
        "Hi {{ticket.requester.first_name}},\nyour order has shipped.\n{{current_user.signature}}\n",
    );
}

// ---- punctuation conventions: must fail ----

const EMAIL_DE: &[&str] = &["--channel", "email", "--lang", "de"];

#[test]
fn german_sign_off_with_a_comma() {
    let text = "Sehr geehrte Frau Weber,\n\nvielen Dank für Ihre Nachricht.\n\nMit freundlichen Grüßen,\nJonas Becker\n";
    insta::assert_snapshot!(lint(EMAIL_DE, text));
    assert_eq!(
        diagnostics_of("sign-off", EMAIL_DE, text),
        vec![(
            5,
            24,
            "sign-off ends with `,`; German sign-offs take no `,`".to_owned()
        )]
    );
    // The safe fix removes the comma, and only the comma.
    let fixed = run(&[&["--diff"], EMAIL_DE].concat(), text);
    assert!(
        fixed
            .stdout
            .contains("-Mit freundlichen Grüßen,\n+Mit freundlichen Grüßen\n"),
        "{}",
        fixed.stdout
    );
}

#[test]
fn german_sign_offs_take_no_punctuation_at_all() {
    let cases = [
        (
            "Hallo Jonas,\nIhr Paket ist unterwegs.\n\nViele Grüße.\nAnna\n",
            4,
            12,
            '.',
        ),
        (
            "Hallo Jonas,\nIhr Paket ist unterwegs.\n\nFreundliche Grüße ,\nAnna\n",
            4,
            19,
            ',',
        ),
        (
            "Hallo Jonas,\nIhr Paket ist unterwegs.\nVielen Dank und freundliche Grüße,\nAnna\n",
            3,
            34,
            ',',
        ),
    ];
    for (text, line, column, mark) in cases {
        assert_eq!(
            diagnostics_of("sign-off", EMAIL_DE, text),
            vec![(
                line,
                column,
                format!("sign-off ends with `{mark}`; German sign-offs take no `{mark}`")
            )],
            "{text:?}"
        );
    }
    // Language unknown: "Mit freundlichen Grüßen" is German alone.
    assert_eq!(
        diagnostics_of(
            "sign-off",
            &["--channel", "email"],
            "Sehr geehrte Frau Weber,\nvielen Dank.\n\nMit freundlichen Grüßen,\nJonas\n"
        ),
        vec![(
            4,
            24,
            "sign-off ends with `,`; German sign-offs take no `,`".to_owned()
        )]
    );
}

#[test]
fn semicolons_and_colons_after_sign_offs() {
    let cases = [
        (
            "en",
            "Dear Ms Smith,\nyour refund was issued today.\n\nKind regards;\nAnna\n",
            13,
            ';',
        ),
        (
            "it",
            "Gentile Mario,\nil suo ordine è partito.\n\nCordiali saluti:\nAnna\n",
            16,
            ':',
        ),
        (
            "es",
            "Estimado Sr. Pérez:\nsu pedido ya está en camino.\n\nAtentamente;\nLucía\n",
            12,
            ';',
        ),
        (
            "fr",
            "Madame, Monsieur,\nvotre colis arrive demain.\n\nCordialement :\nClaire\n",
            14,
            ':',
        ),
        (
            "pt",
            "Prezado Sr. Silva,\no seu pedido foi enviado.\n\nAtenciosamente;\nAna\n",
            15,
            ';',
        ),
    ];
    for (lang, text, column, mark) in cases {
        let args = ["--channel", "email", "--lang", lang];
        let got = diagnostics_of("sign-off", &args, text);
        assert_eq!(got.len(), 1, "{lang}: {got:?}");
        assert_eq!((got[0].0, got[0].1), (4, column), "{lang}");
        assert!(
            got[0]
                .2
                .starts_with(&format!("sign-off ends with `{mark}`")),
            "{lang}: {got:?}"
        );
    }
    insta::assert_snapshot!(lint(
        &["--channel", "email", "--lang", "en"],
        "Dear Ms Smith,\nyour refund was issued today.\n\nKind regards;\nAnna\n"
    ));
}

// ---- punctuation conventions: must pass ----

#[test]
fn conventional_sign_offs_pass() {
    let cases = [
        (
            "de",
            "Sehr geehrte Frau Weber,\nvielen Dank.\n\nMit freundlichen Grüßen\nJonas\n",
        ),
        (
            "de",
            "Hallo Jonas,\nIhr Paket ist unterwegs.\n\nViele Grüße!\nAnna\n",
        ),
        (
            "de",
            "Hallo Jonas,\nIhr Paket ist unterwegs.\n\nViele Grüße, Anna\n",
        ),
        (
            "en",
            "Dear Ms Smith,\nyour refund was issued today.\n\nKind regards,\nAnna\n",
        ),
        (
            "en",
            "Dear Ms Smith,\nyour refund was issued today.\n\nBest wishes\nAnna\n",
        ),
        (
            "en",
            "Hi Luke,\nplease send us a photo.\n\nThanks for your help,\nSarah\n",
        ),
        (
            "it",
            "Gentile Mario,\nil suo ordine è partito.\n\nCordiali saluti.\nAnna\n",
        ),
        (
            "es",
            "Estimado Sr. Pérez:\nsu pedido ya está en camino.\n\nUn saludo.\nLucía\n",
        ),
        (
            "fr",
            "Madame, Monsieur,\nvotre colis arrive demain.\n\nCordialement,\nClaire\n",
        ),
        (
            "pt",
            "Prezado Sr. Silva,\no seu pedido foi enviado.\n\nAtenciosamente,\nAna\n",
        ),
    ];
    for (lang, text) in cases {
        assert_clean("sign-off", &["--channel", "email", "--lang", lang], text);
    }
    // Conventions apply where sign-offs are required, not in chat.
    assert_clean(
        "sign-off",
        &["--channel", "whatsapp", "--lang", "de"],
        "Hallo Jonas! Ihr Paket ist unterwegs.\nViele Grüße,\nAnna",
    );
}
