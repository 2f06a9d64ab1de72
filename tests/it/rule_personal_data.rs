//! `personal-data`: must-fail cases (snapshots and exact positions), the
//! severity on public and private channels, the allowlists, and must-pass
//! cases: order and tracking numbers, dates, amounts, the company's own
//! phone numbers and mailboxes, masked cards.

use crate::common::{assert_clean, diagnostics_of, lint, run_in};

const TWITTER: &[&str] = &["--channel", "twitter"];
const CHAT: &[&str] = &["--channel", "chat"];
const EMAIL_IT: &[&str] = &["--channel", "email", "--lang", "it"];

/// `(severity, message)` of each `personal-data` diagnostic.
fn severities(args: &[&str], text: &str) -> Vec<(String, String)> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let r = crate::common::run(&all, text);
    r.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "personal-data")
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

// ---- must fail ----

#[test]
fn a_card_number_in_a_tweet_is_an_error() {
    let text = "@anna We refunded the card 4111 1111 1111 1111 today, it shows in 3-5 days. ^MR\n";
    insta::assert_snapshot!(lint(TWITTER, text));
    assert_eq!(
        diagnostics_of("personal-data", TWITTER, text),
        vec![(
            1,
            28,
            "card number (Visa, passes the Luhn check) in a reply on public channel `twitter`"
                .to_owned()
        )]
    );
}

#[test]
fn every_kind_in_one_chat_reply() {
    let text = "Ciao Mario, ho aggiornato il profilo:\n\
                - carta 5555555555554444\n\
                - IBAN IT60 X054 2811 1010 0000 0123 456\n\
                - email mario.rossi@libero.it\n\
                - cellulare 347 123 4567\n\
                - codice fiscale RSSMRA85T10A562S\n";
    insta::assert_snapshot!(lint(CHAT, text));
    let found: Vec<(u64, u64)> = diagnostics_of("personal-data", CHAT, text)
        .into_iter()
        .map(|(l, c, _)| (l, c))
        .collect();
    assert_eq!(found, [(2, 9), (3, 8), (4, 9), (5, 13), (6, 18)]);
}

#[test]
fn phone_numbers_in_many_formats() {
    let text = "@tom our engineer will call you on 07700 900123 tomorrow. ^RT\n\
                Te llamaremos al 612 345 678.\n\
                Nous vous rappellerons au 06 12 34 56 78.\n\
                I've noted (555) 123-4567 for the driver.\n\
                O técnico liga para +351 912 345 678.\n";
    insta::assert_snapshot!(lint(CHAT, text));
    assert_eq!(diagnostics_of("personal-data", CHAT, text).len(), 5);
}

#[test]
fn ibans_and_emails_in_an_italian_email() {
    let text = "Gentile cliente,\n\nil rimborso andrà sul conto IT60X0542811101000000123456 \
                e la conferma a giulia.bianchi@gmail.com.\n\nCordiali saluti\n";
    insta::assert_snapshot!(lint(EMAIL_IT, text));
}

#[test]
fn severity_is_raised_one_step_on_public_channels() {
    let text = "Your card 4111 1111 1111 1111 was refunded.\n";
    assert_eq!(severities(TWITTER, text)[0].0, "error");
    assert_eq!(severities(CHAT, text)[0].0, "warning");
    assert_eq!(
        severities(CHAT, text)[0].1,
        "card number (Visa, passes the Luhn check) in a reply"
    );
    // Configured `info`: info in chat, warning on a public channel.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[rules]\npersonal-data = \"info\"\n",
    )
    .unwrap();
    let sev = |channel: &str| {
        let r = run_in(
            dir.path(),
            &["check", "--format", "json", "--channel", channel, "-"],
            Some(text),
        );
        r.json()["diagnostics"][0]["severity"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(sev("chat"), "info");
    assert_eq!(sev("twitter"), "warning");
}

#[test]
fn the_card_fix_masks_all_but_the_last_four_digits() {
    let r = crate::common::run(
        &["--format", "json", "--channel", "chat"],
        "Card 4111-1111-1111-1111 ok\n",
    );
    let d = &r.json()["diagnostics"][0];
    assert_eq!(d["fix"]["applicability"], "unsafe");
    assert_eq!(d["fix"]["edits"][0]["content"], "****-****-****-1111");
}

// ---- allowlists ----

fn with_config(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("replylint.toml"), config).unwrap();
    dir
}

fn personal_data_in(dir: &tempfile::TempDir, text: &str) -> usize {
    let r = run_in(
        dir.path(),
        &["check", "--format", "json", "--channel", "chat", "-"],
        Some(text),
    );
    assert_ne!(r.code, 2, "{}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "personal-data")
        .count()
}

#[test]
fn allowed_emails_phones_and_ibans_are_not_reported() {
    let dir = with_config(
        "allowed-emails = [\"anna.verdi@brand.it\", \"@brand.com\"]\n\
         allowed-phones = [\"+39 02 1234 5678\"]\n\
         allowed-ibans = [\"IT60 X054 2811 1010 0000 0123 456\"]\n",
    );
    let text = "Scrivi ad anna.verdi@brand.it o a mario.b@eu.brand.com, \
                oppure 02 12345678. Bonifico su IT60X0542811101000000123456.\n";
    assert_eq!(personal_data_in(&dir, text), 0);
    // Not on the lists: reported.
    let text = "Scrivi a luca.neri@brand.it o al numero 02 1234 5679.\n";
    assert_eq!(personal_data_in(&dir, text), 2);
}

#[test]
fn an_unknown_top_level_key_near_an_allowlist_is_an_error() {
    let dir = with_config("allowed-email = [\"help@brand.com\"]\n");
    let r = run_in(dir.path(), &["check", "-"], Some("ok\n"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("allowed-emails"), "{}", r.stderr);
}

// ---- must pass ----

#[test]
fn order_tracking_and_reference_numbers_are_not_cards() {
    for text in [
        // Luhn-valid, Visa-shaped, after a reference word.
        "@jsmith Order 4111111111111111 left our warehouse today. ^AL",
        "Il tuo ordine n. 4111111111111111 è stato spedito.",
        "Tu pedido 4111111111111111 ya está en camino.",
        "Votre commande n° 4111111111111111 a été expédiée.",
        "Ihre Bestellung 4111111111111111 wurde versandt.",
        "A sua encomenda n.º 4111111111111111 foi expedida.",
        "Booking reference 6011000990139424 is confirmed.",
        "Order #5105105105105100 was cancelled.",
        // Amazon-style and tracking numbers.
        "Your order 113-9837465-2289104 has shipped.",
        "UPS tracking 1Z999AA10123456784, DHL 00340434161234567890.",
        // IMEI (Luhn-valid by design) and EANs.
        "The IMEI is 356938035643809.",
        "EAN 4006381333931 and 8001234567890.",
        // Masked cards.
        "Refunded to the card ending in 4242 (**** **** **** 4242).",
        "Card XXXX-XXXX-XXXX-1234 was charged $89.99.",
    ] {
        assert_clean("personal-data", CHAT, text);
    }
}

#[test]
fn dates_times_and_amounts_are_not_phone_numbers() {
    for text in [
        "Consegna il 01/02/2024 tra le 10:00 e le 12:00.",
        "Delivery on 2024-03-15, 8:00-12:00.",
        "Rimborso di € 1.234,56 disposto il 05.03.2024.",
        "Le remboursement de 1 299,00 € est en cours.",
        "Open 09:00-17:30 Mon-Sat, sale from 01/06/2024 to 30/06/2024.",
        "P.IVA 01234567890, CRO 12345678901.",
        "Version 5.12.3 (build 20240315) fixes it.",
    ] {
        assert_clean("personal-data", CHAT, text);
    }
}

#[test]
fn the_company_s_own_lines_are_not_personal_data() {
    for text in [
        "@dave Please call us on 0345 600 3030 and we'll sort it out. ^KB",
        "@giada Chiamaci al numero verde 800 123 456! ^Anna",
        "Il nostro servizio clienti risponde allo 02 1234 5678.",
        "Llámanos al 900 123 456 y lo revisamos.",
        "Appelez-nous au 09 69 32 15 15 (appel non surtaxé).",
        "Unsere Hotline erreichen Sie unter 0800 123 4567.",
        "Ligue-nos para o 707 200 200.",
        "Give us a call on 1-800-275-2273.",
        "Regards,\nHelen\nCustomer Care\nTel: +44 161 496 0000",
        "Cordiali saluti\nUfficio Reclami\nTel. 02 1234 5678 | Fax 02 8765 4321",
        "Atentamente,\nAtención al Cliente\n+34 913 21 10 00",
    ] {
        assert_clean("personal-data", CHAT, text);
    }
}

#[test]
fn shared_mailboxes_are_not_personal_data() {
    for text in [
        "@lily Email our team at help@brand.com with your order number. ^AB",
        "Scrivici a assistenza.clienti@brand.it.",
        "Escríbenos a atencionalcliente@marca.es.",
        "Écrivez à serviceclient@marque.fr.",
        "Schreiben Sie an kundenservice@marke.de.",
        "Escreva para apoio@marca.pt.",
        "Data requests: privacy@brand.com, dpo@brand.com.",
        "Send the photos to returns-uk@brand.com or appsupport@brand.com.",
        "The confirmation comes from noreply@brand.it.",
        "Forward it to phishing@brand.com and delete it.",
        "Use anna@example.com as the test address.",
    ] {
        assert_clean("personal-data", TWITTER, text);
    }
}

#[test]
fn numbers_inside_links_are_not_looked_at() {
    for text in [
        "Track it at https://brand.com/t/4111111111111111",
        "Scrivici su WhatsApp: https://wa.me/393471234567",
        "See www.brand.com/orders/3471234567?ref=mario.rossi@gmail.com",
    ] {
        assert_clean("personal-data", CHAT, text);
    }
}
