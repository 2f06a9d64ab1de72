//! `markup`: must-fail cases per channel (snapshots and exact positions),
//! the `renders` channel setting, and must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint, run_in};

// ---- must fail ----

#[test]
fn markdown_bold_on_whatsapp() {
    let args = ["--channel", "whatsapp"];
    let text = "Hi Anna! Your booking is **confirmed** for __Saturday__ ~~Friday~~.\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        diagnostics_of("markup", &args, text),
        vec![
            (
                1,
                26,
                "Markdown bold `**…**` on `whatsapp`, where it is written `*…*`".to_owned()
            ),
            (
                1,
                44,
                "Markdown bold `__…__` on `whatsapp`, where it is written `*…*`".to_owned()
            ),
            (
                1,
                57,
                "Markdown strikethrough `~~…~~` on `whatsapp`, where it is written `~…~`"
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn the_whatsapp_fix_uses_single_markers() {
    let r = crate::common::run(
        &["--format", "json", "--channel", "whatsapp"],
        "Your order has **shipped**\n",
    );
    let d = &r.json()["diagnostics"][0];
    assert_eq!(d["fix"]["applicability"], "safe");
    let edits = d["fix"]["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|e| e["content"] == "*"));
}

#[test]
fn markdown_and_html_in_an_sms() {
    let args = ["--channel", "sms"];
    let text = "Brand: your order is on its way. Track it [here](https://brand.it/t).<br>Thanks &amp; bye\n";
    insta::assert_snapshot!(lint(&args, text));
}

#[test]
fn markdown_in_a_tweet() {
    let args = ["--channel", "twitter"];
    let text = "@sam Good news: your order has **shipped**! ^RT\n";
    insta::assert_snapshot!(lint(&args, text));
}

#[test]
fn html_in_a_chat_that_renders_markdown() {
    let args = ["--channel", "chat"];
    let text = "Votre commande est <b>expédiée</b> :<br/>**livraison** demain.\n";
    insta::assert_snapshot!(lint(&args, text));
    // The pair `<b>…</b>` is one diagnostic; Markdown is fine in chat,
    // and so is a `<br/>` line break, which Markdown passes through.
    let found: Vec<String> = diagnostics_of("markup", &args, text)
        .into_iter()
        .map(|(_, _, m)| m)
        .collect();
    assert_eq!(
        found,
        ["HTML tag `<b>` is not rendered on `chat`: it shows as typed",]
    );
}

#[test]
fn markdown_in_an_email() {
    let args = ["--channel", "email", "--lang", "de"];
    let text = "Sehr geehrter Herr Weber,\n\n## Wichtig\n**Bitte** bringen Sie die Rechnung mit.\n\nMit freundlichen Grüßen\n";
    insta::assert_snapshot!(lint(&args, text));
}

#[test]
fn renders_is_a_channel_setting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("replylint.toml"),
        "[channels.chat]\nrenders = \"plain\"\n\n[channels.kiosk]\nextends = \"generic\"\nrenders = \"html\"\n",
    )
    .unwrap();
    let count = |channel: &str, text: &str| {
        let r = run_in(
            dir.path(),
            &["check", "--format", "json", "--channel", channel, "-"],
            Some(text),
        );
        assert_ne!(r.code, 2, "{}", r.stderr);
        r.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "markup")
            .count()
    };
    assert_eq!(count("chat", "Open **Settings**\n"), 1);
    assert_eq!(count("kiosk", "Open <b>Settings</b>\n"), 0);
    assert_eq!(count("kiosk", "Open **Settings**\n"), 1);
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(
        bad.path().join("replylint.toml"),
        "[channels.chat]\nrenders = \"rich\"\n",
    )
    .unwrap();
    let r = run_in(bad.path(), &["check", "-"], Some("ok\n"));
    assert_eq!(r.code, 2, "an unknown `renders` value is a config error");
}

// ---- must pass ----

#[test]
fn plain_text_conventions_on_plain_channels() {
    for (channel, text) in [
        (
            "twitter",
            "@ben Ugh, *so* sorry about that! #CustomerCare ^LT",
        ),
        ("twitter", "@amy We're #1 for a reason 😉 <3 ^JD"),
        (
            "sms",
            "Brand: card **** **** **** 1234 charged £20. Info brand.com/t",
        ),
        ("sms", "Brand: 2-for-1 today only! T&Cs apply: brand.com/tc"),
        (
            "google-play",
            "Thanks for the 5 stars! Version 4.0 is coming :)",
        ),
        (
            "facebook-comment",
            "Hi Joe - sorry! *Please* check your inbox.",
        ),
        ("messenger", "Opening hours:\n- Mon-Fri 9-5\n- Sat 10-4"),
        ("instagram", "Merci beaucoup ! Tag us with #BrandStyle 💕"),
        (
            "twitter",
            "@x See https://brand.com/a__b__c and snake__case ^AB",
        ),
        (
            "sms",
            "Brand: placeholder <ORDER NUMBER> is not a tag; a < b > c",
        ),
    ] {
        assert_clean("markup", &["--channel", channel], text);
    }
}

#[test]
fn what_each_channel_renders() {
    for (channel, text) in [
        (
            "whatsapp",
            "Il tuo ordine è *in consegna*. _Grazie_ ~per~ ```REF 48213```",
        ),
        (
            "whatsapp-template",
            "Hi {{1}}, your order {{2}} is *on its way*!",
        ),
        (
            "chat",
            "Steps:\n1. Open **Settings**\n2. Choose [Reset](https://brand.com/reset)",
        ),
        ("chat", "## Your order\n~~old~~ new"),
        (
            "email",
            "Gentile cliente,<br>il Suo ordine è <b>spedito</b>.&nbsp;Grazie",
        ),
        (
            "email",
            "Hi Nina,\n\n- Order: 48213\n- Status: shipped\n\nKind regards",
        ),
        ("generic", "**bold** <b>bold</b> &amp;"),
    ] {
        assert_clean("markup", &["--channel", channel], text);
    }
}
