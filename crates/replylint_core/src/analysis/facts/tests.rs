//! Facts extracted, and not extracted, in six languages.

use super::*;
use proptest::prelude::*;

fn lang(code: &str) -> Option<Language> {
    code.parse().ok()
}

/// The facts of `text` as (subject, value, the text of its span).
fn facts(text: &str, code: &str) -> Vec<(String, String, String)> {
    extract(text, lang(code))
        .into_iter()
        .map(|f| (f.subject, f.value.to_string(), text[f.span].to_owned()))
        .collect()
}

#[track_caller]
fn check(code: &str, text: &str, expected: &[(&str, &str, &str)]) {
    assert!(may_state_facts(text), "{text}");
    let got = facts(text, code);
    let want: Vec<(String, String, String)> = expected
        .iter()
        .map(|(s, v, w)| ((*s).to_owned(), (*v).to_owned(), (*w).to_owned()))
        .collect();
    assert_eq!(got, want, "{code}: {text}");
}

#[track_caller]
fn none(code: &str, text: &str) {
    assert_eq!(facts(text, code), [], "{code}: {text}");
}

#[test]
fn english_windows_prices_and_contacts() {
    check(
        "en",
        "You can request a refund within 14 days.",
        &[("refund", "14 days", "14 days")],
    );
    check(
        "en",
        "14 days for refunds, 30 days for returns.",
        &[
            ("refund", "14 days", "14 days"),
            ("return", "30 days", "30 days"),
        ],
    );
    check(
        "en",
        "Refunds are processed within 5-7 business days.",
        &[(
            "refund:processing",
            "5-7 business days",
            "5-7 business days",
        )],
    );
    check(
        "en",
        "Standard delivery takes 3 to 5 days.",
        &[("delivery:standard", "3-5 days", "3 to 5 days")],
    );
    check(
        "en",
        "Express delivery: 1-2 days.",
        &[("delivery:express", "1-2 days", "1-2 days")],
    );
    check(
        "en",
        "We'll get back to you within 24 hours.",
        &[("response", "24 hours", "24 hours")],
    );
    check(
        "en",
        "Our support team replies within 2 hours.",
        &[("response", "2 hours", "2 hours")],
    );
    check(
        "en",
        "The warranty covers two years.",
        &[("warranty", "24 months", "two years")],
    );
    check(
        "en",
        "You can return it within a month.",
        &[("return", "1 month", "a month")],
    );
    check(
        "en",
        "Returns are accepted within a fortnight.",
        &[("return", "14 days", "a fortnight")],
    );
    check(
        "en",
        "Our 30-day return policy applies.",
        &[("return", "30 days", "30-day")],
    );
    check(
        "en",
        "Enjoy a 14-day free trial.",
        &[("trial", "14 days", "14-day")],
    );
    check(
        "en",
        "Shipping costs $4.99.",
        &[("delivery", "4.99 USD", "$4.99")],
    );
    check(
        "en",
        "The cancellation fee is €15.",
        &[("cancellation", "15 EUR", "€15")],
    );
    check(
        "en",
        "Free shipping on orders over €50.",
        &[("delivery:threshold", "50 EUR", "€50")],
    );
    check(
        "en",
        "Call our customer service at +1 (555) 123-4567.",
        &[("support", "+15551234567", "+1 (555) 123-4567")],
    );
    check(
        "en",
        "Email our support team at Help@Acme.com.",
        &[("support", "help@acme.com", "Help@Acme.com")],
    );
    check(
        "en",
        "Our store is open from 9am to 6pm.",
        &[("store", "9-18", "9am to 6pm")],
    );
    check(
        "en",
        "Start your return at https://www.acme.com/returns?x=1.",
        &[(
            "return",
            "acme.com/returns",
            "https://www.acme.com/returns?x=1",
        )],
    );
    check(
        "en",
        "Returns: acme.com/returns.",
        &[("return", "acme.com/returns", "acme.com/returns")],
    );
    check(
        "en",
        "Tel. 02 1234 5678",
        &[("contact", "0212345678", "02 1234 5678")],
    );
}

#[test]
fn italian() {
    check(
        "it",
        "Puoi richiedere il reso entro 14 giorni dalla consegna.",
        &[("return", "14 days", "14 giorni")],
    );
    check(
        "it",
        "Il rimborso viene accreditato in 3-5 giorni lavorativi.",
        &[(
            "refund:processing",
            "3-5 business days",
            "3-5 giorni lavorativi",
        )],
    );
    check(
        "it",
        "La spedizione standard richiede 3-5 giorni lavorativi, la spedizione express 24 ore.",
        &[
            (
                "delivery:standard",
                "3-5 business days",
                "3-5 giorni lavorativi",
            ),
            ("delivery:express", "24 hours", "24 ore"),
        ],
    );
    check(
        "it",
        "Il servizio clienti è aperto dalle 9 alle 18.",
        &[("support", "9-18", "dalle 9 alle 18")],
    );
    check(
        "it",
        "Hai quindici giorni per il reso.",
        &[("return", "15 days", "quindici giorni")],
    );
    check(
        "it",
        "La garanzia è di 2 anni.",
        &[("warranty", "24 months", "2 anni")],
    );
    check(
        "it",
        "Le spese di spedizione sono di 9,90 €.",
        &[("delivery", "9.90 EUR", "9,90 €")],
    );
    check(
        "it",
        "Ti risponderemo entro 48h.",
        &[("response", "48 hours", "48h")],
    );
    check(
        "it",
        "Puoi effettuare il reso entro una settimana.",
        &[("return", "7 days", "una settimana")],
    );
    check(
        "it",
        "Chiama l'assistenza al numero 02 1234 5678.",
        &[("support", "0212345678", "02 1234 5678")],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        "Tiene quince días para solicitar la devolución.",
        &[("return", "15 days", "quince días")],
    );
    check(
        "es",
        "El reembolso se realiza entre 3 y 5 días hábiles.",
        &[("refund", "3-5 business days", "3 y 5 días hábiles")],
    );
    check(
        "es",
        "Los gastos de envío son de 4,95 €.",
        &[("delivery", "4.95 EUR", "4,95 €")],
    );
    check(
        "es",
        "Nuestro horario de atención al cliente es de 9 a 18 h.",
        &[("support", "9-18", "9 a 18 h")],
    );
    check(
        "es",
        "Te responderemos en un plazo de 24 horas.",
        &[("response", "24 hours", "24 horas")],
    );
}

#[test]
fn french() {
    check(
        "fr",
        "Vous disposez de deux semaines pour un retour.",
        &[("return", "14 days", "deux semaines")],
    );
    check(
        "fr",
        "Le remboursement sera effectué sous 48h.",
        &[("refund", "48 hours", "48h")],
    );
    check(
        "fr",
        "La livraison prend de 3 à 5 jours ouvrés.",
        &[("delivery", "3-5 business days", "3 à 5 jours ouvrés")],
    );
    check(
        "fr",
        "Notre service client est joignable de 9h à 18h.",
        &[("support", "9-18", "9h à 18h")],
    );
    check(
        "fr",
        "Les frais de port sont de 4,90 €.",
        &[("delivery", "4.90 EUR", "4,90 €")],
    );
}

#[test]
fn german() {
    check(
        "de",
        "Die Rücksendung ist innerhalb von 14 Tagen möglich.",
        &[("return", "14 days", "14 Tagen")],
    );
    check(
        "de",
        "Die Lieferung dauert 3 bis 5 Werktage.",
        &[("delivery", "3-5 business days", "3 bis 5 Werktage")],
    );
    check(
        "de",
        "Unser Kundenservice ist von 9 bis 18 Uhr erreichbar.",
        &[("support", "9-18", "9 bis 18 Uhr")],
    );
    check(
        "de",
        "Die Erstattung erfolgt innerhalb von vierzehn Tagen.",
        &[("refund", "14 days", "vierzehn Tagen")],
    );
    check(
        "de",
        "Wir antworten innerhalb einer Woche.",
        &[("response", "7 days", "einer Woche")],
    );
    check(
        "de",
        "Die Versandkosten betragen 4,90 EUR.",
        &[("delivery", "4.90 EUR", "4,90 EUR")],
    );
}

#[test]
fn portuguese() {
    check(
        "pt",
        "O reembolso é feito em 3 a 5 dias úteis.",
        &[("refund", "3-5 business days", "3 a 5 dias úteis")],
    );
    check(
        "pt",
        "Você tem 30 dias para solicitar a devolução.",
        &[("return", "30 days", "30 dias")],
    );
    check(
        "pt",
        "Atendimento das 9h às 18h.",
        &[("support", "9-18", "das 9h às 18h")],
    );
    check(
        "pt",
        "O frete custa R$ 20,00.",
        &[("delivery", "20 BRL", "R$ 20,00")],
    );
    check(
        "pt",
        "A entrega leva dois a três dias.",
        &[("delivery", "2-3 days", "dois a três dias")],
    );
}

#[test]
fn asking_for_a_refund_and_a_refund_processed_are_different_subjects() {
    let ask = extract("You can request a refund within 14 days.", lang("en"));
    let processed = extract(
        "Refunds are processed within 5-7 business days.",
        lang("en"),
    );
    assert_eq!(ask.len(), 1);
    assert_eq!(processed.len(), 1);
    assert_ne!(ask[0].subject, processed[0].subject);
}

#[test]
fn what_is_no_window_is_not_extracted() {
    none("en", "We shipped it 2 days ago.");
    none("en", "Your delivery has been stuck for the last 3 days.");
    none(
        "en",
        "Our customer service is open 24 hours a day, 7 days a week.",
    );
    none("it", "La spedizione è partita 3 giorni fa.");
    none("it", "Negli ultimi 3 giorni abbiamo ricevuto molti resi.");
    none("es", "Hace 3 días hicimos el envío de tu pedido.");
    none("fr", "Votre colis a été expédié il y a 2 jours.");
    none("fr", "Depuis 3 jours, la livraison est bloquée.");
    none("de", "Die Lieferung wurde vor 3 Tagen verschickt.");
    none("de", "Seit 5 Tagen warte ich auf die Erstattung.");
    none("pt", "Fizemos o envio há 3 dias.");
}

#[test]
fn the_customer_s_own_deadlines_are_not_the_company_s() {
    none(
        "en",
        "Please reply within 48 hours or the ticket will close.",
    );
    check(
        "en",
        "We'll reply within 24 hours.",
        &[("response", "24 hours", "24 hours")],
    );
    none(
        "it",
        "Rispondi entro 7 giorni, altrimenti chiuderemo la richiesta.",
    );
    none("en", "It's been 10 days since your return was received.");
}

#[test]
fn what_has_no_subject_or_two_is_not_extracted() {
    // No subject.
    none("en", "Please wait 24 hours before trying again.");
    none("en", "It takes 3-5 days.");
    // Two subjects in one clause.
    none("en", "Refunds for returns take 14 days.");
    none(
        "it",
        "Hai 30 giorni per il reso e il rimborso arriva entro due settimane.",
    );
    // Two amounts for one subject.
    none("en", "The item costs $49.99 plus $5 shipping.");
    // A subject that takes no facts of the kind: refunds have no price.
    none("en", "A refund of €49.90 has been issued.");
}

#[test]
fn two_values_for_one_subject_keep_neither() {
    none(
        "en",
        "Delivery takes 3-5 days. Sometimes delivery takes 7 days.",
    );
    none(
        "en",
        "Delivery takes 3-5 days, and delivery by courier 1-2 days.",
    );
    // A qualifier sets them apart.
    check(
        "en",
        "Standard 3-5 days, express 1-2 days for delivery.",
        &[("delivery:express", "1-2 days", "1-2 days")],
    );
    // The same value twice is one fact said twice.
    check(
        "en",
        "Returns: 30 days. You have 30 days for a return.",
        &[
            ("return", "30 days", "30 days"),
            ("return", "30 days", "30 days"),
        ],
    );
    // Another subject's facts stay.
    check(
        "en",
        "Delivery takes 3-5 days. Delivery can take 7 days. Refunds take 14 days.",
        &[("refund", "14 days", "14 days")],
    );
}

/// One number with and without its country code is one value, kept; a
/// third number makes the subject's numbers ambiguous, dropped; another
/// subject's stay.
#[test]
fn a_number_with_and_without_its_country_code_is_one_value() {
    let phone = |subject: &str, digits: &str| Fact {
        kind: FactKind::Phone,
        subject: subject.to_owned(),
        value: FactValue::Text(digits.to_owned()),
        span: 0..1,
    };
    let subjects =
        |facts: &[Fact]| -> Vec<String> { facts.iter().map(|f| f.subject.clone()).collect() };
    let mut facts = vec![
        phone("support", "+390212345678"),
        phone("support", "0212345678"),
        phone("sales", "0287654321"),
    ];
    super::drop_ambiguous(&mut facts);
    assert_eq!(subjects(&facts), ["support", "support", "sales"]);
    facts.push(phone("support", "0299999999"));
    super::drop_ambiguous(&mut facts);
    assert_eq!(subjects(&facts), ["sales"]);
}

/// A huge reply, one sentence stated thousands of times: every fact is
/// read, and one other value among them keeps none of the subject's
/// (what used to be compared pair by pair).
#[test]
fn a_huge_reply_is_read_whole() {
    let sentence = "Refunds take 14 days. Delivery takes 3-5 days, sorry! ";
    let body = sentence.repeat(5_000);
    let found = facts(&body, "en");
    assert_eq!(found.len(), 10_000);
    assert!(
        found
            .iter()
            .all(|(s, v, _)| (s == "refund" && v == "14 days")
                || (s == "delivery" && v == "3-5 days"))
    );
    let body = format!("{body}Refunds take 30 days.");
    let found = facts(&body, "en");
    assert_eq!(found.len(), 5_000);
    assert!(found.iter().all(|(s, _, _)| s == "delivery"));
}

#[test]
fn numbers_that_are_not_facts() {
    none("en", "Your order 12345678 has been delivered.");
    none("en", "Your delivery is scheduled for 14/05 at 14:00.");
    none("en", "The delivery costs 15.");
    none("it", "Il numero d'ordine della spedizione è 123456789.");
    none("es", "El envío de tu pedido 123456789 está en camino.");
    // The customer's own number.
    none(
        "en",
        "We'll call you on +39 347 123 4567 about the delivery.",
    );
    none("it", "Ti chiameremo al tuo numero 347 1234567.");
}

#[test]
fn what_is_not_prose_holds_no_facts() {
    none("en", "> Refunds take 14 days.\nThanks for your message.");
    none("en", "Run `refund --within 14 days` to test.");
    none("en", "```\nrefunds: 14 days\n```\n");
    none("en", "You have {{refund_days}} days for refunds.");
}

#[test]
fn opening_hours_need_a_cue_unless_written_as_times() {
    check(
        "en",
        "Our customer service is available Monday to Friday, 9-18.",
        &[("support", "9-18", "9-18")],
    );
    none("en", "Contact support about items 9-18 of your order.");
    check(
        "en",
        "Support: 9:00–17:30, Saturday 9:00–13:00.",
        &[
            ("support", "9-17:30", "9:00–17:30"),
            ("support:saturday", "9-13", "9:00–13:00"),
        ],
    );
}

#[test]
fn the_words_of_the_reply_s_language_only_or_every_language_s() {
    // An English reply read as Italian names no subject.
    none("it", "You can request a refund within 14 days.");
    // French "assistance" names no subject in English.
    check(
        "en",
        "For assistance, write to help@acme.com.",
        &[("contact", "help@acme.com", "help@acme.com")],
    );
    // Without a language, every language's words.
    check(
        "",
        "Hai 30 giorni per il reso.",
        &[("return", "30 days", "30 giorni")],
    );
    check(
        "",
        "You have 30 days for a return.",
        &[("return", "30 days", "30 days")],
    );
}

#[test]
fn what_a_window_counts_from_is_not_its_subject() {
    none(
        "en",
        "Please wait three days after your delivery date before contacting us.",
    );
    check(
        "en",
        "You can return items within 30 days of delivery.",
        &[("return", "30 days", "30 days")],
    );
    check(
        "pt",
        "O prazo de devolução é de 7 dias após a entrega.",
        &[("return", "7 days", "7 dias")],
    );
    check(
        "de",
        "Die Rückgabe ist innerhalb von 30 Tagen nach Erhalt möglich.",
        &[("return", "30 days", "30 Tagen")],
    );
}

#[test]
fn contacts_and_opening_hours_in_one_sentence() {
    check(
        "en",
        "Call us Monday-Friday 9am-5pm EST at 1-800-123-4567.",
        &[
            ("support", "9-17", "9am-5pm"),
            ("support", "18001234567", "1-800-123-4567"),
        ],
    );
    check(
        "it",
        "Siamo aperti dal lunedì al venerdì dalle 9:00 alle 18:00.",
        &[("contact", "9-18", "dalle 9:00 alle 18:00")],
    );
    none("it", "Il corriere passerà domani tra le 9 e le 18.");
}

#[test]
fn a_phone_number_takes_its_clause_s_subject_or_the_generic_one() {
    check(
        "en",
        "For customer service, please call 1-800-848-9136.",
        &[("contact", "18008489136", "1-800-848-9136")],
    );
    check(
        "en",
        "Customer service: +39 02 1234 5678",
        &[("support", "+390212345678", "+39 02 1234 5678")],
    );
}

#[test]
fn a_reply_without_digits_or_unit_words_is_not_read() {
    assert!(!may_state_facts("Thanks for reaching out, we are on it!"));
    // Order numbers and dates are no values.
    assert!(!may_state_facts(
        "We checked order #4051263 with the courier on 12/03: it is on its way."
    ));
    assert!(!may_state_facts(
        "See you next week, the parcel left on Monday."
    ));
    assert!(may_state_facts("Delivery takes 3-5 days."));
    assert!(may_state_facts("Il costo è di 9,90 €."));
    assert!(may_state_facts("Open from 9am."));
    assert!(may_state_facts("Call +39 02 1234 5678"));
    assert!(may_state_facts("Returns within two weeks."));
    assert!(may_state_facts("Mail help@acme.com"));
    assert!(may_state_facts("Le rimborseremo entro una settimana."));
    // A count before a unit phrase's first word; not before its others.
    assert!(may_state_facts("Refunds take two business days."));
    assert!(may_state_facts(
        "Il rimborso richiede quindici giorni lavorativi."
    ));
    assert!(may_state_facts("Tarda dos días de calendario."));
    assert!(!may_state_facts("Ne abbiamo parlato in due di calendario."));
    assert!(!may_state_facts("It was one of the ordered items."));
}

/// Items end at apostrophes, so the grammar reads "18 h'…" as "18 h": the
/// screen lets such a reply through, and only the sentence that holds the
/// value is read.
#[test]
fn a_unit_cut_by_an_apostrophe_passes_the_screen() {
    let text = "Delivery takes 18 h'more or less. Thanks for waiting!";
    assert!(may_state_facts(text));
    let evidence = super::screen::evidence_in(text);
    assert!(
        !evidence.is_empty() && evidence.iter().all(|&at| at < 33),
        "{evidence:?}"
    );
    assert_eq!(
        extract(text, Some(Language::En)),
        extract_whole(text, Some(Language::En))
    );
    assert!(!may_state_facts("Thanks for waiting, we'll be in touch."));
}

#[test]
fn phone_numbers_with_and_without_country_code_are_the_same() {
    let a = FactValue::Text("+390212345678".into());
    let b = FactValue::Text("0212345678".into());
    let c = FactValue::Text("0299999999".into());
    assert!(same_value(FactKind::Phone, &a, &b));
    assert!(!same_value(FactKind::Phone, &a, &c));
    let uk = FactValue::Text("+442079460958".into());
    let uk_national = FactValue::Text("02079460958".into());
    assert!(same_value(FactKind::Phone, &uk, &uk_national));
    assert!(!same_value(FactKind::Email, &a, &b));
}

#[test]
fn policy_keys_and_values() {
    let key = PolicyKey::parse("refund-days").unwrap();
    assert_eq!(key.subject, "refund");
    assert_eq!(key.kind, FactKind::Duration);
    assert_eq!(key.unit, Some(DurationUnit::Days));
    let days = |min, max| FactValue::Duration {
        min,
        max,
        unit: DurationUnit::Days,
    };
    assert_eq!(key.value("14"), Ok(days(14, 14)));
    assert_eq!(key.value("two weeks"), Ok(days(14, 14)));
    assert_eq!(key.value("3-5"), Ok(days(3, 5)));
    assert_eq!(key.value("14 days"), Ok(days(14, 14)));
    assert!(
        key.value("48 hours")
            .unwrap_err()
            .contains("not a number of days")
    );
    assert!(key.value("soon").is_err());

    let express = PolicyKey::parse("delivery-express-business-days").unwrap();
    assert_eq!(express.subject, "delivery:express");
    assert_eq!(express.unit, Some(DurationUnit::BusinessDays));

    let hours = PolicyKey::parse("support-hours").unwrap();
    assert_eq!(hours.kind, FactKind::Hours);
    assert_eq!(
        hours.value("9-18"),
        Ok(FactValue::Hours {
            open: 540,
            close: 1080
        })
    );
    let response = PolicyKey::parse("response-hours").unwrap();
    assert_eq!(response.kind, FactKind::Duration);
    assert_eq!(response.unit, Some(DurationUnit::Hours));

    let fee = PolicyKey::parse("delivery-fee").unwrap();
    assert_eq!(
        fee.value("€4.90"),
        Ok(FactValue::Money {
            min: 490,
            max: 490,
            currency: *b"EUR"
        })
    );
    assert!(fee.value("4.90").is_err());

    let phone = PolicyKey::parse("support-phone").unwrap();
    assert_eq!(
        phone.value("+39 02 1234 5678"),
        Ok(FactValue::Text("+390212345678".into()))
    );
    let email = PolicyKey::parse("support-email").unwrap();
    assert_eq!(
        email.value("Help@Acme.com"),
        Ok(FactValue::Text("help@acme.com".into()))
    );
    let url = PolicyKey::parse("return-url").unwrap();
    assert_eq!(
        url.value("https://acme.com/returns/"),
        Ok(FactValue::Text("acme.com/returns".into()))
    );

    let wrong = PolicyKey::parse("refund-dayz").unwrap_err();
    assert!(
        wrong.contains("`refund-dayz`") && wrong.contains("`refund-days`"),
        "{wrong}"
    );
    for bad in [
        "refund-phone",
        "customer-phone",
        "delivery-saturday-days",
        "days",
        "-days",
    ] {
        assert!(PolicyKey::parse(bad).is_err(), "{bad}");
    }
    let keys = policy_keys();
    for key in &keys {
        assert!(PolicyKey::parse(key).is_ok(), "{key}");
    }
    assert!(keys.contains(&"delivery-express-days".to_owned()));
}

#[test]
fn facts_are_described_for_messages() {
    assert_eq!(describe(FactKind::Duration, "refund"), "refund window");
    assert_eq!(
        describe(FactKind::Duration, "delivery:express"),
        "delivery time (express)"
    );
    assert_eq!(describe(FactKind::Phone, "support"), "support phone number");
    assert_eq!(describe(FactKind::Money, "delivery"), "delivery price");
}

fn fragments() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(vec![
                " ",
                "\n",
                ",",
                ".",
                ":",
                ";",
                "-",
                "–",
                "—",
                "/",
                "(",
                ")",
                "+",
                "€",
                "$",
                "R$",
                "£",
                "'",
                "’",
                "`",
                ">",
                "{{",
                "}}",
                "@",
                "www.",
                "https://",
                ".com",
                "14",
                "3-5",
                "9:00",
                "48h",
                "30-day",
                "9,90",
                "1.000,50",
                "+39",
                "02",
                "1234",
                "5678",
                "00",
                "day",
                "days",
                "giorni",
                "lavorativi",
                "Tage",
                "dias úteis",
                "heures",
                "h",
                "am",
                "pm",
                "Uhr",
                "refund",
                "reso",
                "delivery",
                "express",
                "support",
                "call",
                "order",
                "a",
                "un'",
                "within",
                "entro",
                "da",
                "alle",
                "dalle",
                "de",
                "à",
                "bis",
                "between",
                "and",
                "two",
                "quindici",
                "EUR",
                "dollars",
                "a.m.",
                "9am",
                "6 pm",
                "Uhr",
                "una",
                "settimana",
                "weeks",
                "fortnight",
                "quinze jours",
                "24/7",
                "twenty-one",
                "tägige",
                "9h30",
                "18 h",
                "acme.it/resi",
                "help@acme.com",
                "tel",
                "chiama",
                "0039",
                "(0)",
                "open",
                "orari",
                "Monday",
                "processed",
                "of delivery",
                "Werktagen",
                "hábiles",
                "úteis",
                "ouvrés",
                "y",
                "e",
                "et",
                "und",
                "ago",
                "fa",
                "ǅ",
                "İ",
                "ß",
                "é",
                "😀",
                "中",
            ])
            .prop_map(str::to_owned),
            "[a-zA-Z0-9 ]{1,4}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn any_text_gives_facts_in_order_within_the_text(text in fragments(), code in 0..7usize) {
        let language = Language::ALL.get(code).copied();
        let facts = extract(&text, language);
        let mut last = 0;
        for f in &facts {
            prop_assert!(f.span.start < f.span.end && f.span.end <= text.len());
            prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            prop_assert!(f.span.start >= last);
            last = f.span.start;
        }
    }

    /// The pre-screen turns away no reply that states a fact.
    #[test]
    fn the_pre_screen_turns_away_no_fact(text in fragments(), code in 0..7usize) {
        let language = Language::ALL.get(code).copied();
        let evidence = super::screen::evidence_in(&text);
        prop_assert_eq!(may_state_facts(&text), !evidence.is_empty());
        // The sentence of every fact holds evidence: what lets a sentence
        // without any go unread.
        let sentences = crate::analysis::sentences::split(&text, language);
        for fact in extract_whole(&text, language) {
            let i = sentences.partition_point(|s| s.end <= fact.span.start);
            let start = if i == 0 { 0 } else { sentences[i - 1].end };
            let end = sentences.get(i + 1).map_or(text.len(), |_| sentences[i].end);
            prop_assert!(
                evidence.iter().any(|at| (start..end).contains(at)),
                "{:?} in {:?} holds none of {:?}", fact, text, evidence
            );
        }
    }

    /// Reading only the sentences that may state a fact reads what
    /// reading them all does.
    #[test]
    fn the_sentences_without_a_value_change_no_fact(
        sentences in proptest::collection::vec(fragments(), 1..5),
        code in 0..7usize,
    ) {
        let language = Language::ALL.get(code).copied();
        let text = sentences.join(". ");
        prop_assert_eq!(extract(&text, language), extract_whole(&text, language));
    }

    #[test]
    fn any_value_of_any_key_is_read_without_panicking(text in fragments(), key in 0..40usize) {
        let keys = policy_keys();
        let key = PolicyKey::parse(&keys[key % keys.len()]).unwrap();
        let _ = key.value(&text);
    }
}

#[test]
fn arbitrary_strings_never_panic() {
    // Every prefix of tricky texts, cut at every character boundary.
    for text in [
        "Rimborso entro 14 giorni, reso 30 gg; assistenza +39 02 1234 5678 dalle 9:00 alle 18:00.",
        "€€ 9,,90 € R$ $ 3--5 days 24/48h 9am-6pm de 9 h à 18 h (+44 (0)20 7946 0958)",
        "İİİ ẞ 14 Tagen – 3 – 5 – Werktage — a.m. p.m. 1.000.000,00 €",
    ] {
        for (i, _) in text.char_indices() {
            let _ = extract(&text[..i], None);
            let _ = extract(&text[i..], lang("de"));
        }
    }
}
