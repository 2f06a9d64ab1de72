//! `sms-encoding`: must-fail cases (snapshots) and must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint, run};
use replylint_core::text::sms::{Encoding, analyse};

const SMS: &[&str] = &["--channel", "sms"];

/// Apply the fixes of `rule`'s diagnostics (as the JSON output gives them)
/// to `text`, checking they are all safe.
fn apply_fixes(rule: &str, text: &str) -> String {
    let r = run(&["--format", "json", "--channel", "sms"], text);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for d in r.json()["diagnostics"].as_array().unwrap() {
        if d["rule"] != rule {
            continue;
        }
        let fix = &d["fix"];
        assert_eq!(fix["applicability"], "safe", "{d}");
        for e in fix["edits"].as_array().unwrap() {
            edits.push((
                e["start"]["offset"].as_u64().unwrap() as usize,
                e["end"]["offset"].as_u64().unwrap() as usize,
                e["content"].as_str().unwrap().to_owned(),
            ));
        }
    }
    edits.sort();
    let mut out = text.to_owned();
    for (start, end, content) in edits.into_iter().rev() {
        out.replace_range(start..end, &content);
    }
    out
}

#[test]
fn italian_sms_with_a_typographic_apostrophe() {
    let text = "Ciao Marta, abbiamo ricevuto il reso: il rimborso dell’ordine 48213 arriverà entro 5 giorni lavorativi.";
    assert_eq!(analyse(text).parts(), 2);
    insta::assert_snapshot!(lint(SMS, text));
    assert_eq!(
        diagnostics_of("sms-encoding", SMS, text),
        vec![(
            1,
            55,
            "`’` forces UCS-2: 2 parts instead of 1 in GSM-7".to_owned()
        )]
    );
    // The safe fix brings it back to one GSM-7 part, and both rules are
    // then satisfied.
    let fixed = apply_fixes("sms-encoding", text);
    assert_eq!(fixed, text.replace('’', "'"));
    let info = analyse(&fixed);
    assert_eq!((info.encoding, info.parts()), (Encoding::Gsm7, 1));
    assert_clean("sms-encoding", SMS, &fixed);
    assert_clean("sms-segments", SMS, &fixed);
}

#[test]
fn typographic_punctuation_and_blanks_each_get_a_safe_fix() {
    let text = "“Grazie” per l’attesa… il corriere passa lunedì – tra le 9\u{a0}e le 12.";
    insta::assert_snapshot!(lint(SMS, text));
    let fixed = apply_fixes("sms-encoding", text);
    assert_eq!(
        fixed,
        "\"Grazie\" per l'attesa... il corriere passa lunedì - tra le 9 e le 12."
    );
    assert_eq!(analyse(&fixed).encoding, Encoding::Gsm7);
}

#[test]
fn the_languages_own_letters_keep_the_text_ucs2_and_are_not_reported() {
    // `À`, `á` and `í` are outside GSM-7: respelling them is the writer's
    // call, and while they are there, replacing the `’` saves nothing.
    let text = "À presto! Su pedido está en camino, señor García. L’ordine è partito.";
    insta::assert_snapshot!(lint(SMS, text));
    assert_clean("sms-encoding", SMS, text);
}

#[test]
fn an_emoji_is_named_with_no_fix() {
    let text = "Grazie Luca, a presto! 🙏";
    assert_eq!(
        diagnostics_of("sms-encoding", SMS, text),
        vec![(
            1,
            24,
            "`🙏` forces UCS-2: still 1 part, but it holds 70 characters instead of 160".to_owned()
        )]
    );
}

#[test]
fn many_offending_characters_are_summed_up_in_one_diagnostic() {
    let text = "L’ordine è partito: l’hai ricevuto? Ecco l’indirizzo, “via Roma 1”, e l’orario: dalle 9 alle 12 (all’incirca). Dell’ordine “48213” ti ho scritto ieri. A più tardi…";
    insta::assert_snapshot!(lint(SMS, text));
    assert_eq!(diagnostics_of("sms-encoding", SMS, text).len(), 1);
    // The one diagnostic carries every fix.
    let fixed = apply_fixes("sms-encoding", text);
    assert!(analyse(&fixed).non_gsm.is_empty(), "{fixed}");
}

#[test]
fn gsm_accents_are_fine() {
    // è é ù ì ò à Ä Ö Ñ Ü ä ö ñ ü ß Ø Å Æ Ç É and the Greek capitals of the
    // table are all GSM-7.
    assert_clean(
        "sms-encoding",
        SMS,
        "Perché è già lì? Però sì, così: città, caffè. Müller & Söhne, Señor Nuñez, Ærø, Ç, É, ΔΦΓΛΩΠΨΣΘΞ.",
    );
    assert_clean(
        "sms-encoding",
        SMS,
        "Your code is 482913 {ref: [A-7]} ~ 5€ ^_^ | \\o/",
    );
}

#[test]
fn mostly_non_gsm_text_is_left_alone() {
    assert_clean("sms-encoding", SMS, "Ευχαριστούμε για την υπομονή σας.");
    assert_clean(
        "sms-encoding",
        SMS,
        "Спасибо за обращение! Ваш заказ уже в пути.",
    );
    assert_clean(
        "sms-encoding",
        SMS,
        "谢谢您的耐心等待。我们会尽快处理您的退款",
    );
    assert_clean("sms-encoding", SMS, "🎉🎂🎁🎈🥳 Auguri! 🍾🎊🎈🥂");
}

#[test]
fn a_run_of_adjacent_characters_is_one_diagnostic() {
    assert_eq!(
        diagnostics_of("sms-encoding", SMS, "🎉🎂🎁 Auguri, Anna!"),
        vec![(
            1,
            1,
            "`🎉🎂🎁` force UCS-2: still 1 part, but it holds 70 characters instead of 160"
                .to_owned()
        )]
    );
}

#[test]
fn other_channels_are_not_sms() {
    let text = "Ciao Marta, il rimborso dell’ordine è in arrivo… 🙏";
    for channel in ["chat", "email", "whatsapp", "twitter", "generic"] {
        assert_clean("sms-encoding", &["--channel", channel], text);
    }
}
