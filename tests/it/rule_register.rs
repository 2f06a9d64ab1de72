//! `register`: must-fail cases (snapshots and exact positions) and
//! must-pass cases, and the channel's `register` setting.

use crate::common::{Tree, assert_clean, diagnostics_of, lint};

#[test]
fn italian_formal_email_with_an_informal_possessive() {
    let text = "Gentile Mario,\n\nLa ringraziamo per averci scritto. Il tuo ordine è in viaggio e arriverà domani.\n\nCordiali saluti\n";
    let args = ["--channel", "email", "--lang", "it"];
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        diagnostics_of("register", &args, text),
        [(
            3,
            39,
            "formal `La ringraziamo` (3:1) mixed with informal `tuo` (3:39)".to_owned()
        )]
    );
}

#[test]
fn german_chat_mixing_du_and_sie() {
    let text = "Hallo Lukas, ich habe deine Bestellung geprüft. Sie ist heute rausgegangen, und wir schicken dir die Sendungsnummer. Können Sie uns bitte noch Ihre Adresse bestätigen?";
    let args = ["--channel", "chat", "--lang", "de"];
    insta::assert_snapshot!(lint(&args, text));
}

#[test]
fn french_tu_next_to_vous_is_a_mix() {
    let text = "Salut Marc, ta commande est partie ce matin. Pour toute question, n'hésitez pas à nous contacter.";
    assert_eq!(
        diagnostics_of("register", &["--channel", "chat", "--lang", "fr"], text),
        [(
            1,
            67,
            "informal `ta` (1:13) mixed with formal `n'hésitez pas` (1:67)".to_owned()
        )]
    );
}

#[test]
fn informal_address_in_an_email() {
    let text = "Ciao Paola,\n\nil tuo pacco è in consegna oggi. Puoi seguirlo dal link che ti abbiamo inviato.\n\nA presto\n";
    let args = ["--channel", "email", "--lang", "it"];
    insta::assert_snapshot!(lint(&args, text));
}

#[test]
fn spanish_and_portuguese_mixes() {
    assert_eq!(
        diagnostics_of(
            "register",
            &["--channel", "chat", "--lang", "es"],
            "Hola, Luis, le agradecemos su paciencia. Te enviamos el reembolso hoy mismo."
        ),
        [(
            1,
            42,
            "formal `le agradecemos` (1:13) mixed with informal `Te` (1:42)".to_owned()
        )]
    );
    assert_eq!(
        diagnostics_of(
            "register",
            &["--channel", "chat", "--lang", "pt"],
            "Olá Marcos! Informamos o senhor que a encomenda saiu hoje. Vais recebê-la amanhã, e a tua fatura segue por e-mail."
        ),
        [(
            1,
            87,
            "formal `o senhor` (1:24) mixed with informal `tua` (1:87)".to_owned()
        )]
    );
}

#[test]
fn positions_in_the_message_point_into_the_file() {
    let tree = Tree::new(&[(
        "reply.md",
        "+++\nchannel = \"chat\"\nlanguage = \"it\"\n+++\nGrazie per la Sua pazienza.\nIl tuo ordine arriva domani, e ti mandiamo il codice.\n",
    )]);
    let r = tree.run(&["check", "--no-config", "--format", "line", "reply.md"]);
    assert!(
        r.stdout.contains(
            "reply.md:5:15: warning[register]: informal `tuo` (6:4) mixed with formal `Sua` (5:15)"
        ),
        "{}",
        r.stdout
    );
}

// ----------------------------------------------------------- must pass

#[test]
fn correct_replies_in_every_language_pass() {
    let formal = [
        (
            "it",
            "Gentile cliente,\n\nLa ringraziamo per la pazienza. Il tecnico passerà presso il Suo domicilio giovedì mattina.\n\nCordiali saluti\n",
        ),
        (
            "en",
            "Dear customer,\n\nThank you for your patience. The engineer will visit your home on Thursday morning.\n\nKind regards\n",
        ),
        (
            "es",
            "Estimado cliente:\n\nLe agradecemos su paciencia. El técnico pasará por su domicilio el jueves por la mañana.\n\nAtentamente\n",
        ),
        (
            "fr",
            "Bonjour,\n\nNous vous remercions pour votre patience. Le technicien passera à votre domicile jeudi matin.\n\nCordialement\n",
        ),
        (
            "de",
            "Guten Tag,\n\nvielen Dank für Ihre Geduld. Der Techniker kommt am Donnerstagvormittag zu Ihnen nach Hause.\n\nFreundliche Grüße\n",
        ),
        (
            "pt",
            "Prezado cliente,\n\nAgradecemos a sua paciência. O técnico irá à residência do senhor na quinta-feira de manhã.\n\nAtenciosamente\n",
        ),
    ];
    for (lang, text) in formal {
        assert_clean("register", &["--channel", "email", "--lang", lang], text);
    }
    let informal = [
        (
            "it",
            "Ciao Andrea, il tecnico passerà da te domani mattina. Ti arriverà un SMS mezz'ora prima.",
        ),
        (
            "en",
            "Hi Andrew, the engineer will come round tomorrow morning. You'll get a text half an hour before.",
        ),
        (
            "es",
            "Hola, Andrés, el técnico pasará por tu casa mañana por la mañana. Te llegará un SMS media hora antes.",
        ),
        (
            "fr",
            "Salut André, le technicien passera chez toi demain matin. Tu recevras un SMS une demi-heure avant.",
        ),
        (
            "de",
            "Hallo Andreas, der Techniker kommt morgen Vormittag zu dir. Eine halbe Stunde vorher bekommst du eine SMS.",
        ),
        (
            "pt",
            "Olá André, o técnico passa por tua casa amanhã de manhã. Vais receber um SMS meia hora antes.",
        ),
    ];
    for (lang, text) in informal {
        assert_clean("register", &["--channel", "chat", "--lang", lang], text);
    }
}

#[test]
fn words_that_only_look_like_cues_pass() {
    // German: sentence-initial `Sie` is "it" (the parcel) here; lower-case
    // `sie` is "she".
    assert_clean(
        "register",
        &["--channel", "chat", "--lang", "de"],
        "Hallo Markus! Ich habe deine Bestellung geprüft: Sie ist unterwegs. Deine Nachbarin sagt, sie nimmt das Paket an.",
    );
    // Italian: lower-case `lei` is "she", `sei` is "six".
    assert_clean(
        "register",
        &["--channel", "chat", "--lang", "it"],
        "Ciao Luca, ho parlato con la corriera: lei dice che il tuo pacco arriva tra sei giorni.",
    );
    // French: `vous` alone is formal or plural, never a mix.
    assert_clean(
        "register",
        &["--channel", "chat", "--lang", "fr"],
        "Merci à tous pour votre patience, le service fonctionne de nouveau. Vous pouvez vous reconnecter.",
    );
    // Brazilian `você` is neutral.
    assert_clean(
        "register",
        &["--channel", "email", "--lang", "pt"],
        "Prezada Fernanda,\n\nA entrega em domicílio está incluída. Basta você informar o número do apartamento.\n\nAtenciosamente\n",
    );
    // English has no register cues.
    assert_clean(
        "register",
        &["--channel", "email", "--lang", "en"],
        "Hey you! Thanks, mate, your order is on its way.",
    );
}

#[test]
fn the_detected_language_is_used_when_none_is_expected() {
    let text = "Hallo Lukas, ich habe deine Bestellung geprüft und sie ist heute rausgegangen. Können Sie uns bitte noch Ihre Adresse bestätigen?";
    assert_eq!(
        diagnostics_of("register", &["--channel", "chat"], text).len(),
        1
    );
}

// ------------------------------------------------------------ register

#[test]
fn a_channel_can_expect_formal_or_any_register() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.chat]\nregister = \"formal\"\n\n[channels.email]\nregister = \"any\"\n",
    )]);
    let informal = "Ciao Paola, il tuo pacco è in consegna oggi. Puoi seguirlo dal link che ti abbiamo inviato.";
    let chat = tree.run_at(
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
        Some(informal),
    );
    assert!(
        chat.stdout.contains(
            "warning[register]: informal address `tuo` and 2 more on channel `chat`, which expects formal address"
        ),
        "{}",
        chat.stdout
    );
    let email = tree.run_at(
        "",
        &[
            "check",
            "--format",
            "line",
            "--channel",
            "email",
            "--lang",
            "it",
            "-",
        ],
        Some(informal),
    );
    assert!(!email.stdout.contains("[register]"), "{}", email.stdout);
}

#[test]
fn an_informal_channel_reports_formal_address() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.whatsapp]\nregister = \"informal\"\n",
    )]);
    let r = tree.run_at(
        "",
        &["check", "--format", "line", "--channel", "whatsapp", "--lang", "de", "-"],
        Some("Guten Tag, vielen Dank für die Nachricht. Wir senden Ihnen die Rechnung noch heute zu."),
    );
    assert!(
        r.stdout.contains(
            "formal address `Ihnen` on channel `whatsapp`, which expects informal address"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn an_invalid_register_is_a_config_error() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.chat]\nregister = \"formale\"\n",
    )]);
    insta::assert_snapshot!(tree.transcript(
        "",
        &["check", "--channel", "chat", "-"],
        Some("Ciao!")
    ));
}
