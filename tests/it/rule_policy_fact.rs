//! `policy-fact`: a draft read from standard input against the `[facts]`
//! table of its config: what contradicts the policy (exact positions, the
//! message, the unsafe fix), what does not (other subjects, qualifiers,
//! other units, the same number written another way), and mistakes in the
//! table reported at their key or value. The fixtures in
//! `tests/fixtures/rules/policy-fact/` have a fail and a pass case per
//! language.

use crate::common::{Run, apply_fixes, run_configured};
use serde_json::Value;

const POLICY: &str = r#"
[facts]
refund-days = 14
return-days = "thirty days"
delivery-business-days = "3-5"
delivery-express-business-days = "1-2"
support-phone = "+39 02 1234 5678"
support-email = "help@acme.com"
support-hours = "9-18"
"#;

fn run(config: &str, lang: &str, text: &str) -> Run {
    run_configured(
        config,
        &["--format", "json", "--channel", "chat", "--lang", lang],
        text,
    )
}

/// The `policy-fact` diagnostics of `text`, with the text they point at.
fn found(lang: &str, text: &str) -> Vec<(String, String)> {
    diagnostics(lang, text)
        .iter()
        .map(|d| {
            let start = d["start"]["offset"].as_u64().unwrap() as usize;
            let end = d["end"]["offset"].as_u64().unwrap() as usize;
            (
                text[start..end].to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn diagnostics(lang: &str, text: &str) -> Vec<Value> {
    let r = run(POLICY, lang, text);
    assert!(r.code != 2, "{}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "policy-fact")
        .cloned()
        .collect()
}

#[test]
fn a_window_that_contradicts_the_policy_is_an_error_with_an_unsafe_fix() {
    let text = "Hi Anna! You can ask for a refund within 30 days of delivery.";
    let ds = diagnostics("en", text);
    assert_eq!(ds.len(), 1, "{ds:#?}");
    assert_eq!(ds[0]["severity"], "error");
    assert_eq!(
        ds[0]["message"],
        "this reply promises a refund window of 30 days; the policy (`refund-days` in the config) is 14 days"
    );
    assert_eq!(ds[0]["help"], "write 14 days");
    assert_eq!(ds[0]["fix"]["applicability"], "unsafe");
    assert_eq!(
        apply_fixes(text, &ds, "unsafe"),
        "Hi Anna! You can ask for a refund within 14 days of delivery."
    );
    assert_eq!(apply_fixes(text, &ds, "safe"), text);
}

#[test]
fn every_language_and_every_way_of_writing_the_number() {
    assert_eq!(
        found("it", "Puoi chiedere il rimborso entro trenta giorni.")[0].0,
        "trenta giorni"
    );
    assert_eq!(
        found(
            "de",
            "Die Rücksendung ist innerhalb von zwei Wochen möglich."
        )[0]
        .0,
        "zwei Wochen"
    );
    assert_eq!(
        found("es", "El envío tarda de 5 a 7 días hábiles.")[0].0,
        "5 a 7 días hábiles"
    );
    assert_eq!(
        found("fr", "Notre service client est joignable de 9h à 17h.")[0].0,
        "9h à 17h"
    );
    assert_eq!(
        found("pt", "Ligue para o nosso apoio ao cliente: 02 9999 8888.")[0].0,
        "02 9999 8888"
    );
}

#[test]
fn what_agrees_with_the_policy_or_speaks_of_something_else_passes() {
    for (lang, text) in [
        // The same values, written otherwise.
        ("en", "You can request a refund within two weeks."),
        ("en", "Returns are accepted within 30 days."),
        ("it", "Il reso è gratuito entro 30 giorni."),
        (
            "de",
            "Rufen Sie unseren Kundenservice unter 02 1234 5678 an.",
        ),
        ("en", "Write to our support team at HELP@ACME.COM."),
        (
            "es",
            "Nuestro horario de atención al cliente es de 9 a 18 h.",
        ),
        // The same number about another subject.
        (
            "en",
            "Returns are accepted within 30 days, refunds within 14 days.",
        ),
        ("fr", "Le retour est possible sous 30 jours."),
        // A qualifier: checked against its own key only.
        ("en", "Express delivery takes 1-2 business days."),
        (
            "it",
            "La spedizione internazionale richiede 10 giorni lavorativi.",
        ),
        // Processing time is not the window to ask for a refund.
        ("en", "Refunds are processed within 30 days."),
        // Another unit than the key's.
        ("en", "You can request a refund within 48 hours."),
        // Not a window, or two subjects, or no subject.
        ("en", "We refunded you 30 days ago."),
        ("en", "Refunds for returns take 30 days."),
        ("en", "It usually takes 30 days."),
    ] {
        let ds = diagnostics(lang, text);
        assert!(ds.is_empty(), "{lang}: {text}: {ds:#?}");
    }
}

#[test]
fn without_a_facts_table_nothing_is_checked() {
    let r = run("", "en", "You can request a refund within 30 days.");
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn a_misspelt_key_is_an_error_that_suggests_the_right_one() {
    let r = run("[facts]\nrefund-dayz = 14\n", "en", "Hi");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("replylint.toml:2:1:")
            && r.stderr.contains("`refund-dayz`")
            && r.stderr.contains("did you mean `refund-days`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_value_that_does_not_read_as_its_key_says_is_an_error_at_the_value() {
    for (config, at, says) in [
        (
            "[facts]\nrefund-days = \"soon\"\n",
            ":2:15:",
            "`soon` is not a number of days",
        ),
        (
            "[facts]\nrefund-days = \"48 hours\"\n",
            ":2:15:",
            "is 48 hours, not a number of days",
        ),
        (
            "[facts]\ndelivery-fee = 4.9\n",
            ":2:16:",
            "not an amount with its currency",
        ),
        (
            "[facts]\nsupport-email = \"help\"\n",
            ":2:17:",
            "not an e-mail address",
        ),
        (
            "[facts]\ndelivery-fee = \"€4.90\"\ndelivery-price = \"€4.90\"\n",
            ":3:1:",
            "`delivery-price` says the same fact as `delivery-fee`",
        ),
    ] {
        let r = run(config, "en", "Hi");
        assert_eq!(r.code, 2, "{config}");
        assert!(
            r.stderr.contains(at) && r.stderr.contains(says),
            "{config}: {}",
            r.stderr
        );
    }
}
