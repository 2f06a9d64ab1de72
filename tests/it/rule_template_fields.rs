//! A WhatsApp template's header and footer: `max-length` checks their
//! limits and `placeholder` rejects variables in the footer, with
//! diagnostics pointing into the field where it was written. Must-fail and
//! must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint, run_in};
use serde_json::Value;

/// A WhatsApp template in TOML front matter with extra front matter lines.
fn template(extra: &str) -> String {
    format!(
        "+++\nchannel = \"whatsapp-template\"\nmode = \"template\"\n{extra}+++\nHi {{{{1}}}}, your order {{{{2}}}} has shipped.\n"
    )
}

#[test]
fn a_variable_in_the_footer_is_an_error_in_the_footer() {
    let text = template("footer = \"Reply STOP {{2}}\"\n");
    insta::assert_snapshot!(lint(&[], &text));
    let found = diagnostics_of("placeholder", &[], &text);
    // `footer = "Reply STOP ` is 21 characters.
    assert_eq!(
        found,
        vec![(
            4,
            22,
            "variable `{{2}}` in the footer of a WhatsApp template".to_owned()
        )]
    );
}

#[test]
fn a_header_or_footer_over_60_characters_is_an_error() {
    let long: String = "Order update ".chars().cycle().take(64).collect();
    let text = template(&format!("header = \"{long}\"\n"));
    insta::assert_snapshot!(lint(&[], &text));
    let text = template(&format!("footer = \"{long}\"\n"));
    let found = diagnostics_of("max-length", &[], &text);
    // `footer = "` is 10 characters: the 61st character is column 71.
    assert_eq!(
        found,
        vec![(
            4,
            71,
            "footer is 64/60 characters on `whatsapp-template`".to_owned()
        )]
    );
}

#[test]
fn must_pass_plain_footers_and_short_fields() {
    let sixty: String = "Order update ".chars().cycle().take(60).collect();
    let text = template(&format!(
        "header = \"{sixty}\"\nfooter = \"Reply STOP to opt out\"\n"
    ));
    assert_clean("placeholder", &[], &text);
    assert_clean("max-length", &[], &text);
    // A draft is not a template: only its body (line 7) is checked.
    let draft = text.replace("mode = \"template\"", "mode = \"draft\"");
    let draft = draft.replace("Reply STOP to opt out", "Reply STOP {{2}}");
    let found = diagnostics_of("placeholder", &[], &draft);
    assert!(found.iter().all(|d| d.0 == 7), "{found:?}");
    // Outside the whatsapp dialect a footer may hold anything.
    let other = "+++\nchannel = \"chat\"\nmode = \"template\"\nfooter = \"Bye {{name}}\"\n+++\nHi {{name}}.\n";
    assert_clean("placeholder", &[], other);
}

#[test]
fn library_entries_carry_header_and_footer() {
    let text = "[[reply]]\nid = \"shipped\"\nchannel = \"whatsapp-template\"\nmode = \"template\"\nheader = \"Your order\"\nfooter = \"Reply STOP {{1}}\"\ntext = \"Hi {{1}}, your order has shipped.\"\n";
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "check",
        "--no-config",
        "--format",
        "json",
        "--stdin-filename",
        "templates.toml",
        "-",
    ];
    let run = run_in(dir.path(), &args, Some(text));
    assert!(run.code != 2, "{}", run.stderr);
    let json = run.json();
    let footer: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["part"] == "footer")
        .collect();
    assert_eq!(footer.len(), 1, "{json}");
    assert_eq!(footer[0]["rule"], "placeholder");
    let at = text.find("{{1}}\"").unwrap();
    assert_eq!(footer[0]["start"]["offset"], at as u64);
    assert_eq!(footer[0]["end"]["offset"], (at + 5) as u64);
}

#[test]
fn a_misspelt_footer_key_is_suggested() {
    let text = "[[reply]]\nid = \"x\"\nfootre = \"Bye\"\ntext = \"Hi\"\n";
    let dir = tempfile::tempdir().unwrap();
    let args = ["check", "--no-config", "--stdin-filename", "t.toml", "-"];
    let run = run_in(dir.path(), &args, Some(text));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`footer`"), "{}", run.stderr);
}
