//! `readability`: must-fail cases (snapshots) and must-pass cases, in the
//! six languages and their indexes.

use crate::common::{Tree, assert_clean, diagnostics_of, lint};

/// Hard e-mails: long sentences of long administrative words.
const HARD: &[(&str, &str)] = &[
    (
        "en",
        "Dear Ms Smith,\n\nIn consideration of the aforementioned circumstances, the reimbursement of the outstanding amount associated with your subscription cancellation will be processed by our administrative department following the successful verification of the documentation provided. Notwithstanding the preceding, supplementary authentication procedures may occasionally be necessary, particularly regarding transactions originating from international financial institutions.\n\nKind regards,\nAnna\n",
    ),
    (
        "it",
        "Gentile Mario,\n\nin considerazione delle circostanze precedentemente evidenziate, la procedura di rimborso dell’importo corrispondente all’abbonamento disdetto verrà predisposta dall’ufficio amministrativo successivamente alla verifica della documentazione trasmessa. Ulteriori accertamenti potrebbero rendersi necessari relativamente alle transazioni effettuate mediante istituti finanziari internazionali. Le eventuali comunicazioni verranno trasmesse esclusivamente all’indirizzo di posta elettronica registrato.\n\nCordiali saluti,\nAnna\n",
    ),
    (
        "es",
        "Estimado Sr. Pérez:\n\nEn consideración de las circunstancias anteriormente mencionadas, la tramitación del reembolso correspondiente a la cancelación de su suscripción será efectuada por nuestro departamento administrativo posteriormente a la verificación satisfactoria de la documentación proporcionada. Podrían resultar necesarias comprobaciones complementarias relativas a operaciones internacionales.\n\nAtentamente,\nLucía\n",
    ),
    (
        "fr",
        "Madame, Monsieur,\n\nEn considération des circonstances précédemment mentionnées, le traitement du remboursement correspondant à la résiliation de votre abonnement sera effectué par notre service administratif consécutivement à la vérification approfondie de la documentation transmise. Des vérifications complémentaires concernant les opérations internationales pourraient éventuellement être nécessaires.\n\nCordialement,\nClaire\n",
    ),
    (
        "de",
        "Sehr geehrte Frau Weber,\n\nunter Berücksichtigung der vorstehend erläuterten Umstände wird die Rückerstattung des Kündigungsbetrages Ihres Abonnementvertrages durch unsere Verwaltungsabteilung nach erfolgreicher Überprüfung der eingereichten Unterlagen veranlasst. Zusätzliche Authentifizierungsmaßnahmen bezüglich internationaler Finanztransaktionen können gegebenenfalls erforderlich werden. Diesbezügliche Benachrichtigungen erfolgen ausschließlich über die hinterlegte Korrespondenzadresse.\n\nMit freundlichen Grüßen\nJonas Becker\n",
    ),
    (
        "pt",
        "Prezado Sr. Silva,\n\nEm consideração das circunstâncias anteriormente mencionadas, a tramitação do reembolso correspondente ao cancelamento da sua assinatura será efetuada pelo nosso departamento administrativo posteriormente à verificação satisfatória da documentação fornecida. Eventuais verificações complementares relativas a operações internacionais poderão ser necessárias. As respetivas notificações serão comunicadas exclusivamente através do endereço eletrónico registado.\n\nAtenciosamente,\nAna\n",
    ),
];

/// The same replies in plain words and short sentences.
const PLAIN: &[(&str, &str)] = &[
    (
        "en",
        "Dear Ms Smith,\n\nThank you for your message. We have refunded your order today. The money will reach your account in five working days. If it does not arrive by Friday, just reply to this email and we will check it for you. We are sorry for the trouble.\n\nKind regards,\nAnna\n",
    ),
    (
        "it",
        "Gentile Mario,\n\ngrazie per il suo messaggio. Abbiamo rimborsato il suo ordine oggi. I soldi arrivano sul conto in cinque giorni. Se non li vede entro venerdì, risponda a questa mail e controlliamo noi. Ci scusiamo per il disagio e restiamo a sua disposizione.\n\nCordiali saluti,\nAnna\n",
    ),
    (
        "es",
        "Estimado Sr. Pérez:\n\nGracias por su mensaje. Hoy hemos devuelto el dinero de su pedido. Lo verá en su cuenta en cinco días. Si no llega antes del viernes, responda a este correo y lo revisamos. Sentimos mucho las molestias y quedamos a su disposición.\n\nAtentamente,\nLucía\n",
    ),
    (
        "fr",
        "Madame, Monsieur,\n\nmerci pour votre message. Nous avons remboursé votre commande aujourd’hui. Vous verrez l’argent sur votre compte dans cinq jours. S’il n’arrive pas avant vendredi, répondez à ce mail et nous allons vérifier. Nous sommes désolés pour ce souci et restons à votre écoute.\n\nCordialement,\nClaire\n",
    ),
    (
        "de",
        "Sehr geehrte Frau Weber,\n\nvielen Dank für Ihre Nachricht. Wir haben Ihnen das Geld heute zurückgezahlt. Es ist in fünf Tagen auf Ihrem Konto. Wenn es bis Freitag nicht da ist, schreiben Sie uns bitte kurz. Wir prüfen es dann sofort für Sie und melden uns gleich.\n\nMit freundlichen Grüßen\nJonas Becker\n",
    ),
    (
        "pt",
        "Prezado Sr. Silva,\n\nobrigado pela sua mensagem. Hoje devolvemos o dinheiro do seu pedido. Vai ver o valor na sua conta em cinco dias. Se não chegar até sexta, responda a este e-mail e nós vemos o caso. Pedimos desculpa pelo incómodo e ficamos ao seu dispor.\n\nAtenciosamente,\nAna\n",
    ),
];

fn email(lang: &'static str) -> [&'static str; 4] {
    ["--channel", "email", "--lang", lang]
}

fn text_of(cases: &[(&str, &'static str)], lang: &str) -> &'static str {
    cases.iter().find(|(l, _)| *l == lang).expect("case").1
}

// ---- must fail ----

#[test]
fn english_administrative_email() {
    insta::assert_snapshot!(lint(&email("en"), text_of(HARD, "en")));
}

#[test]
fn italian_email_gulpease() {
    insta::assert_snapshot!(lint(&email("it"), text_of(HARD, "it")));
}

#[test]
fn every_language_reports_its_own_index_and_minimum() {
    let expected = [
        ("en", "Flesch reading ease", 40),
        ("it", "Gulpease index", 40),
        ("es", "Fernández Huerta index", 40),
        ("fr", "Kandel–Moles index", 40),
        ("de", "Amstad index", 30),
        ("pt", "Flesch reading ease (Martins et al.)", 20),
    ];
    for (lang, index, min) in expected {
        let found = diagnostics_of("readability", &email(lang), text_of(HARD, lang));
        assert_eq!(found.len(), 1, "{lang}: {found:?}");
        let (line, _, message) = &found[0];
        assert_eq!(*line, 3, "{lang}: the hardest sentence is in the body");
        assert!(
            message.starts_with(&format!("{index} is "))
                && message.ends_with(&format!(", below this channel's minimum of {min}")),
            "{lang}: {message}"
        );
    }
}

#[test]
fn a_minimum_per_language_from_the_config() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.chat]\nmin-readability = { en = 95 }\n",
    )]);
    let run = |lang: &str| {
        let text = text_of(PLAIN, lang);
        let r = tree.run_at(
            "",
            &[
                "check",
                "--format",
                "json",
                "--channel",
                "chat",
                "--lang",
                lang,
                "-",
            ],
            Some(text),
        );
        assert!(r.code != 2, "{}", r.stderr);
        r.json()["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["rule"] == "readability")
            .map(|d| d["message"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let en = run("en");
    assert_eq!(en.len(), 1, "{en:?}");
    assert!(
        en[0].ends_with("below this channel's minimum of 95"),
        "{en:?}"
    );
    // Italian has no minimum in that table.
    assert!(run("it").is_empty());
}

#[test]
fn an_unknown_language_in_the_table_is_a_configuration_error() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.email]\nmin-readability = { en = 40, xx = 30 }\n",
    )]);
    let args = ["check", "--color", "never", "--channel", "email", "-"];
    insta::assert_snapshot!(tree.transcript("", &args, Some("Hi")));
}

// ---- must pass ----

#[test]
fn plain_emails_pass_in_every_language() {
    for (lang, text) in PLAIN {
        assert_clean("readability", &email(lang), text);
    }
}

#[test]
fn unknown_language_says_nothing() {
    assert_clean("readability", &["--channel", "email"], text_of(HARD, "en"));
}

#[test]
fn short_channels_and_short_replies_are_not_scored() {
    // No minimum on twitter, sms, chat or google-play.
    for channel in ["twitter", "sms", "chat", "google-play", "generic"] {
        assert_clean(
            "readability",
            &["--channel", channel, "--lang", "en"],
            text_of(HARD, "en"),
        );
    }
    // Fewer than 40 words of prose.
    assert_clean(
        "readability",
        &email("en"),
        "Dear Ms Smith,\n\nNotwithstanding the aforementioned circumstances, supplementary authentication procedures are occasionally necessary.\n\nKind regards,\nAnna\n",
    );
}

#[test]
fn greeting_sign_off_and_signature_are_not_prose() {
    // A long signature of names and numbers does not make the reply hard.
    let text = "Dear Ms Smith,\n\nThank you for your message. We have refunded your order today. The money will reach your account in five working days. If it does not arrive by Friday, just reply to this email and we will check it for you. We are sorry for the trouble.\n\nKind regards,\nAnna Rossi\nInternational Customer Communications Administration\nAcme Incorporated, Headquarters Administration\n";
    assert_clean("readability", &email("en"), text);
}
