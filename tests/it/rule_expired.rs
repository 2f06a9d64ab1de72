//! `expired`: the day dates are judged against (`today` in the config,
//! `--today` over it, errors in either), a draft on standard input, the
//! options, must-fail and must-pass cases in six languages. Every run
//! names its day: nothing here depends on the clock.

use crate::common::{assert_clean, diagnostics_of, run, run_configured};

const TODAY: [&str; 2] = ["--today", "2026-12-06"];

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("expired", &[&TODAY[..], args].concat(), text)
}

/// A diagnostic: line, column, message.
type Found = (u64, u64, String);

fn d(line: u64, column: u64, message: &str) -> Found {
    (line, column, message.to_owned())
}

fn clean(lang: &str, text: &str) {
    assert_clean(
        "expired",
        &[&TODAY[..], &["--channel", "chat", "--lang", lang]].concat(),
        text,
    );
}

fn chat(lang: &str) -> [&str; 4] {
    ["--channel", "chat", "--lang", lang]
}

/// The `expired` diagnostics of a run, as (line, column, message).
fn expired_in(run: &crate::common::Run) -> Vec<(u64, u64, String)> {
    assert!(run.code != 2, "{}", run.stderr);
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "expired")
        .map(|d| {
            (
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

// ------------------------------------------------------------- the day

#[test]
fn the_config_s_today_is_the_day() {
    let text = "The offer is valid until 30 November 2026.\n";
    let args = ["--channel", "chat", "--lang", "en", "--format", "json"];
    let before = run_configured("today = \"2026-11-01\"\n", &args, text);
    assert_eq!(expired_in(&before), vec![]);
    let after = run_configured("today = 2026-12-06\n", &args, text);
    assert_eq!(
        expired_in(&after),
        vec![d(
            1,
            26,
            "this offer ended on `30 November 2026` (today is 2026-12-06)"
        )]
    );
}

#[test]
fn today_on_the_command_line_overrides_the_config() {
    let text = "The offer is valid until 30 November 2026.\n";
    let config = "today = \"2026-11-01\"\n";
    let mut args = vec!["--channel", "chat", "--lang", "en", "--format", "json"];
    assert!(expired_in(&run_configured(config, &args, text)).is_empty());
    args.extend(TODAY);
    assert_eq!(expired_in(&run_configured(config, &args, text)).len(), 1);
    // And the other way round: a day before the offer's end.
    let config = "today = \"2026-12-06\"\n";
    args.truncate(6);
    args.extend(["--today", "2026-11-01"]);
    assert!(expired_in(&run_configured(config, &args, text)).is_empty());
}

#[test]
fn an_invalid_today_on_the_command_line_is_a_clear_error() {
    let cases = [
        (
            "2026-02-30",
            "error: --today: `2026-02-30` is not a date: February 2026 has 28 days\n",
        ),
        (
            "2026-13-01",
            "error: --today: `2026-13-01` is not a date: there is no month 13\n",
        ),
        (
            "06/12/2026",
            "error: --today: `06/12/2026` is not a date written YYYY-MM-DD (e.g. 2026-12-06)\n",
        ),
        (
            "tomorrow",
            "error: --today: `tomorrow` is not a date written YYYY-MM-DD (e.g. 2026-12-06)\n",
        ),
    ];
    for (value, message) in cases {
        let r = run(&["--today", value], "Valid until 30 November 2026.\n");
        assert_eq!((r.code, r.stderr.as_str()), (2, message), "{value}");
        assert_eq!(r.stdout, "", "{value}");
    }
}

#[test]
fn an_invalid_today_in_the_config_names_file_line_and_key() {
    for (config, message) in [
        (
            "channel = \"chat\"\ntoday = \"2026-02-30\"\n",
            ":2:9: `today`: `2026-02-30` is not a date: February 2026 has 28 days",
        ),
        (
            "today = 2026-12-06T10:00:00\n",
            ":1:9: `today`: `2026-12-06T10:00:00` is not a date alone: write the day only, YYYY-MM-DD",
        ),
        (
            "today = 20261206\n",
            ":1:9: `today`: invalid type: integer `20261206`, expected a date written YYYY-MM-DD",
        ),
        (
            "[expired]\ntolerance-days = -1\n",
            ":2:18: `expired.tolerance-days` must be a whole number from 0 to 3650, not -1",
        ),
        (
            "[expired]\nrecent-day = 30\n",
            ":2:1: unknown key `recent-day` (did you mean `recent-days`?)",
        ),
    ] {
        let r = run_configured(config, &[], "Valid until 30 November 2026.\n");
        assert_eq!(r.code, 2, "{config}");
        assert!(
            r.stderr.starts_with("error: ") && r.stderr.contains("replylint.toml"),
            "{config}: {}",
            r.stderr
        );
        assert!(
            r.stderr.trim_end().ends_with(message),
            "{config}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_draft_on_standard_input() {
    let args = [
        "check",
        "--no-config",
        "--color",
        "never",
        "--today",
        "2026-12-06",
        "--channel",
        "chat",
        "--lang",
        "it",
        "--mode",
        "draft",
        "-",
    ];
    let text = "Ciao Marco, l'offerta di Natale 2025 è valida fino al 30/11: approfittane!\n";
    let r = crate::common::run_here(&args, text);
    insta::assert_snapshot!(r.transcript(&args, Some(text)));
    assert_eq!(r.code, 0, "warnings do not fail the run");
}

// ------------------------------------------------------------ options

#[test]
fn tolerance_days_delays_a_date_of_this_year_not_a_past_year() {
    let text = "Valid until 30 November 2026. Valid until 31 December 2025.\n";
    let args = ["--format", "json", "--channel", "chat", "--lang", "en"];
    let config = "today = \"2026-12-06\"\n[expired]\ntolerance-days = 10\n";
    assert_eq!(
        expired_in(&run_configured(config, &args, text)),
        vec![d(1, 43, "`31 December 2025` is past (today is 2026-12-06)")]
    );
}

#[test]
fn recent_days_bounds_a_date_without_a_year() {
    let text = "L'offerta è valida fino al 30/11.\n";
    let args = ["--format", "json", "--channel", "chat", "--lang", "it"];
    let on = |config: &str| expired_in(&run_configured(config, &args, text)).len();
    assert_eq!(on("today = \"2026-12-06\"\n"), 1);
    // Mid-January: still the offer that ended in November.
    assert_eq!(on("today = \"2027-01-15\"\n"), 1);
    assert_eq!(
        on("today = \"2027-01-15\"\n[expired]\nrecent-days = 30\n"),
        0
    );
    // June: maybe the next one.
    assert_eq!(on("today = \"2027-06-15\"\n"), 0);
    assert_eq!(
        on("today = \"2026-12-06\"\n[expired]\nrecent-days = 0\n"),
        0
    );
    // On the day itself the offer is still on.
    assert_eq!(on("today = \"2026-11-30\"\n"), 0);
}

// ---------------------------------------------------------- must fail

#[test]
fn six_languages() {
    let cases: &[(&str, &str, Vec<Found>)] = &[
        (
            "en",
            "Order by 20 November 2026 and the voucher is valid through Dec 31st, 2025.\n",
            vec![
                d(1, 10, "`20 November 2026` is past (today is 2026-12-06)"),
                d(
                    1,
                    60,
                    "this offer ended on `Dec 31st, 2025` (today is 2026-12-06)",
                ),
            ],
        ),
        (
            "it",
            "Lo sconto scade il 30.11.2026 e vale fino a novembre.\n",
            vec![
                d(
                    1,
                    20,
                    "this offer ended on `30.11.2026` (read as 2026-11-30; today is 2026-12-06)",
                ),
                d(
                    1,
                    45,
                    "this offer ended in `novembre` (read as November 2026; today is 2026-12-06)",
                ),
            ],
        ),
        (
            "es",
            "La oferta vence el 2026-11-30. ¡Aprovecha este Black Friday!\n",
            vec![
                d(
                    1,
                    20,
                    "this offer ended on `2026-11-30` (read as 2026-11-30; today is 2026-12-06)",
                ),
                d(
                    1,
                    43,
                    "`este Black Friday` is over (it was on 2026-11-27; today is 2026-12-06)",
                ),
            ],
        ),
        (
            "fr",
            "Offre valable jusqu'en 2025. Les soldes se terminent le 1er décembre.\n",
            vec![
                d(1, 24, "this offer ended in `2025` (today is 2026-12-06)"),
                d(
                    1,
                    57,
                    "this offer ended on `1er décembre` (read as 2026-12-01; today is 2026-12-06)",
                ),
            ],
        ),
        (
            "de",
            "Der Rabatt gilt vom 1. bis 30. November 2026, solange der Vorrat reicht.\n",
            vec![d(
                1,
                28,
                "this offer ended on `30. November 2026` (today is 2026-12-06)",
            )],
        ),
        (
            "pt",
            "Use o cupom XMAS2025 até 30 de novembro.\n",
            vec![
                d(
                    1,
                    13,
                    "the code `XMAS2025` is for 2025, which is over (today is 2026-12-06)",
                ),
                d(
                    1,
                    26,
                    "this offer ended on `30 de novembro` (read as 2026-11-30; today is 2026-12-06)",
                ),
            ],
        ),
    ];
    for (lang, text, expected) in cases {
        assert_eq!(&found(&chat(lang), text), expected, "{lang}: {text}");
    }
}

#[test]
fn english_numeric_dates_follow_the_variant() {
    let text = "The voucher is valid until 11/05.\n";
    let args = ["--format", "json", "--channel", "chat", "--lang", "en"];
    let with = |variant: &str| {
        let config = format!("today = \"2026-12-06\"\nspelling-variants = [\"{variant}\"]\n");
        expired_in(&run_configured(&config, &args, text))
    };
    // 11/05 in American English is 5 November, in British English 11 May.
    assert_eq!(
        with("en-US"),
        vec![d(
            1,
            28,
            "this offer ended on `11/05` (read as 2026-11-05; today is 2026-12-06)"
        )]
    );
    assert_eq!(with("en-GB"), vec![]);
    // Unknown variant: not read; past either way when the year is written.
    clean("en", text);
    assert_eq!(
        found(&chat("en"), "The voucher is valid until 11/05/2025.\n"),
        vec![d(
            1,
            28,
            "this offer ended in `11/05/2025` (today is 2026-12-06)"
        )]
    );
}

// ---------------------------------------------------------- must pass

#[test]
fn order_dates_history_and_future_offers_pass() {
    clean(
        "en",
        "Your order of 3 March 2025 has shipped. We have been open since 2019, and the new \
         offer is valid until 31 January 2027.\n",
    );
    clean(
        "en",
        "Orders placed before 1 March 2024 keep the old terms. The autumn promotion ended \
         on 30 November 2026. Black Friday deals are on the website.\n",
    );
    clean(
        "it",
        "Il tuo ordine del 12/11/2024 è stato spedito; ti rispondiamo entro 10/12 giorni.\n",
    );
    clean("es", "Tu pedido del 3 de marzo de 2025 está en camino.\n");
    clean(
        "fr",
        "Votre commande du 3 mars 2025 est partie ; à bientôt !\n",
    );
    clean("de", "Ihre Bestellung vom 3. März 2025 ist unterwegs.\n");
    clean("pt", "O seu pedido de 3 de março de 2025 já foi enviado.\n");
    clean(
        "en",
        "Use code WELCOME2020 at checkout: it never expires. Merry Christmas!\n",
    );
}

#[test]
fn quoted_customer_text_links_and_code_pass() {
    clean(
        "en",
        "> Is the offer valid until 30 November 2025 still on?\n\nHi Tom, it has ended, sorry!\n",
    );
    clean(
        "en",
        "See https://example.com/promo/valid-until/2025-11-30 for the terms.\n",
    );
    clean(
        "en",
        "The sample reads `valid until 31/12/2025`; yours will show your date.\n",
    );
}
