//! `sms-segments`: must-fail cases (snapshots) and must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint, run_in};

const SMS: &[&str] = &["--channel", "sms"];

/// A GSM-7 reply cut to exactly `n` characters (one septet each).
fn gsm_text(n: usize) -> String {
    let sentence = "Ciao Luca, il rimborso per il tuo ordine 48213 e stato emesso oggi. ";
    let mut text: String = sentence.chars().cycle().take(n).collect();
    if text.ends_with(' ') {
        text.pop();
        text.push('.');
    }
    text
}

#[test]
fn gsm_159_characters_and_a_euro_sign_are_two_parts() {
    // 159 septets + `€` (escape + code) = 161 septets.
    let text = format!("{}€", gsm_text(159));
    insta::assert_snapshot!(lint(SMS, &text));
    let d = diagnostics_of("sms-segments", SMS, &text);
    assert_eq!(
        d,
        vec![(
            1,
            154,
            "2 SMS parts (GSM-7, 161 septets); the limit is 1".to_owned()
        )]
    );
}

#[test]
fn ucs2_over_70_units_is_two_parts() {
    let text = "Ciao Luca, il rimborso dell’ordine 48213 è stato emesso: arriverà entro 5 giorni.";
    insta::assert_snapshot!(lint(SMS, text));
    let d = diagnostics_of("sms-segments", SMS, text);
    assert_eq!(
        d,
        vec![(
            1,
            68,
            "2 SMS parts (UCS-2, 81 UTF-16 units); the limit is 1".to_owned()
        )]
    );
}

#[test]
fn an_emoji_at_the_boundary_opens_the_next_part_whole() {
    // 68 units, then an emoji as units 69-70: one part.
    assert_clean("sms-segments", SMS, &format!("{}😀", gsm_text(68)));
    // 66 units, an emoji as units 67-68 and three more: 71 units, split at
    // 67, and the emoji may not straddle the boundary: part 2 starts at it.
    let text = format!("{}😀!!!", gsm_text(66));
    let d = diagnostics_of("sms-segments", SMS, &text);
    assert_eq!(
        d,
        vec![(
            1,
            67,
            "2 SMS parts (UCS-2, 71 UTF-16 units); the limit is 1".to_owned()
        )]
    );
}

#[test]
fn the_limit_comes_from_the_channel_setting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[channels.sms]\nmax-segments = 2\n",
    )
    .unwrap();
    let args = ["check", "--color", "never", "--channel", "sms", "-"];
    // 306 septets fit two parts, 307 do not.
    let r = run_in(dir.path(), &args, Some(&gsm_text(306)));
    assert!(!r.stdout.contains("sms-segments"), "{}", r.stdout);
    let r = run_in(dir.path(), &args, Some(&gsm_text(307)));
    insta::assert_snapshot!(r.transcript(&args, Some(&gsm_text(307))));
}

#[test]
fn gsm_152_characters_and_a_euro_sign_are_one_part() {
    assert_clean("sms-segments", SMS, &format!("{}€", gsm_text(152)));
    assert_clean("sms-segments", SMS, &format!("{}€", gsm_text(158)));
    assert_clean("sms-segments", SMS, &gsm_text(160));
}

#[test]
fn ucs2_of_70_units_is_one_part() {
    assert_clean("sms-segments", SMS, &format!("’{}", gsm_text(69)));
    assert_clean(
        "sms-segments",
        SMS,
        "Спасибо за обращение! Ваш заказ уже в пути.",
    );
}

#[test]
fn other_channels_have_no_parts() {
    let long = gsm_text(500);
    for channel in ["chat", "email", "whatsapp", "twitter", "generic"] {
        assert_clean("sms-segments", &["--channel", channel], &long);
    }
}

#[test]
fn max_length_no_longer_reports_sms() {
    let text = format!("{}€", gsm_text(159));
    assert_clean("max-length", SMS, &text);
}
