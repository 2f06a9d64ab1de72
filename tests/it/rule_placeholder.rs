//! `placeholder`: must-fail cases (snapshots and exact positions) and
//! must-pass cases, in draft and template mode.

use crate::common::{assert_clean, diagnostics_of, lint};

const TEMPLATE: &[&str] = &["--mode", "template"];

fn found(args: &[&str], text: &str) -> Vec<(u64, u64, String)> {
    diagnostics_of("placeholder", args, text)
}

fn d(line: u64, column: u64, message: &str) -> (u64, u64, String) {
    (line, column, message.to_owned())
}

// ------------------------------------------------------------ must fail

#[test]
fn draft_with_helpdesk_variables_of_every_dialect() {
    let text = "Hi {{ticket.requester.first_name}},\n\
                {% if ticket.status == 'solved' %}thanks{% endif %}\n\
                Dear {!Contact.FirstName}, [[agent]] {$order}\n";
    insta::assert_snapshot!(lint(&[], text));
    assert_eq!(
        found(&[], text),
        vec![
            d(
                1,
                4,
                "placeholder `{{ticket.requester.first_name}}` left in a draft"
            ),
            d(
                2,
                1,
                "placeholder `{% if ticket.status == 'solved' %}` left in a draft"
            ),
            d(2, 41, "placeholder `{% endif %}` left in a draft"),
            d(3, 6, "placeholder `{!Contact.FirstName}` left in a draft"),
            d(3, 28, "placeholder `[[agent]]` left in a draft"),
            d(3, 38, "placeholder `{$order}` left in a draft"),
        ]
    );
}

#[test]
fn draft_with_fill_in_markers() {
    let text = "Ciao [NOME], il tuo ordine <ORDER NUMBER> è partito.\n\
                Hola [NÚMERO DE PEDIDO]. Hi %s, ref %1$s / %d.";
    insta::assert_snapshot!(lint(&[], text));
    assert_eq!(
        found(&[], text),
        vec![
            d(1, 6, "fill-in marker `[NOME]` left in a draft"),
            d(1, 28, "fill-in marker `<ORDER NUMBER>` left in a draft"),
            d(2, 6, "fill-in marker `[NÚMERO DE PEDIDO]` left in a draft"),
            d(2, 29, "fill-in marker `%s` left in a draft"),
            d(2, 37, "fill-in marker `%1$s` left in a draft"),
            d(2, 44, "fill-in marker `%d` left in a draft"),
        ]
    );
}

#[test]
fn fillers_are_reported_with_their_columns_after_emoji_and_accents() {
    let text = "Grazie 👍🏽 è TODO\nOrder XXX ships TBD.\nlorem ipsum dolor, FIXME";
    assert_eq!(
        found(&[], text),
        vec![
            d(1, 13, "filler `TODO` left in the reply"),
            d(2, 7, "fill-in marker `XXX` left in a draft"),
            d(2, 17, "filler `TBD` left in the reply"),
            d(3, 1, "filler `lorem ipsum` left in the reply"),
            d(3, 20, "filler `FIXME` left in the reply"),
        ]
    );
}

#[test]
fn lower_case_xxx_and_grouped_xs_are_one_filler() {
    assert_eq!(
        found(&[], "Call +39 XXX XXX XXXX or ref xxx."),
        vec![
            d(1, 10, "fill-in marker `XXX XXX XXXX` left in a draft"),
            d(1, 30, "fill-in marker `xxx` left in a draft"),
        ]
    );
}

#[test]
fn todo_before_lower_case_text_or_a_colon_is_a_filler() {
    assert_eq!(
        found(&[], "TODO: add the tracking link"),
        vec![d(1, 1, "filler `TODO` left in the reply")]
    );
    assert_eq!(
        found(&[], "Thanks TODO"),
        vec![d(1, 8, "filler `TODO` left in the reply")]
    );
}

#[test]
fn template_mode_still_reports_fillers_and_unclosed_braces() {
    let text =
        "Hi {{ticket.requester.first_name}}, TODO\nYour order {{ticket.id is ready.\n{% if x %}ok";
    insta::assert_snapshot!(lint(TEMPLATE, text));
    assert_eq!(
        found(TEMPLATE, text),
        vec![
            d(1, 37, "filler `TODO` left in the reply"),
            d(2, 12, "`{{` opens a placeholder that is never closed"),
            d(
                3,
                1,
                "`{% if x %}` is never closed: `{% endif %}` is missing"
            ),
        ]
    );
}

#[test]
fn template_mode_reports_an_unopened_closer_and_an_empty_variable() {
    assert_eq!(
        found(TEMPLATE, "Hi {first_name}}, see {{ }}"),
        vec![
            d(1, 15, "`}}` closes a placeholder that was never opened"),
            d(1, 23, "empty placeholder `{{ }}`"),
        ]
    );
}

#[test]
fn one_broken_placeholder_is_reported_once() {
    // `{{name}` never closes: the stray `}}` later on the line is the same
    // mistake, not a second one.
    assert_eq!(
        found(TEMPLATE, "Hi {{name} and welcome}}"),
        vec![d(1, 4, "`{{` opens a placeholder that is never closed")]
    );
}

#[test]
fn a_filler_inside_a_marker_is_reported_in_template_mode() {
    assert_eq!(
        found(TEMPLATE, "Order [TODO] shipped"),
        vec![d(1, 8, "filler `TODO` left in the reply")]
    );
}

#[test]
fn front_matter_mode_template_is_respected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("macro.md");
    std::fs::write(
        &path,
        "+++\nmode = \"template\"\n+++\nHi {{ticket.requester.first_name}}, TBD\n",
    )
    .unwrap();
    let r = crate::common::run_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "macro.md"],
        None,
    );
    let doc = r.json();
    let msgs: Vec<_> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "placeholder")
        .map(|d| {
            (
                d["start"]["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(msgs, vec![(4, "filler `TBD` left in the reply".to_owned())]);
}

// ------------------------------------------------------------ must pass

#[test]
fn markdown_links_footnotes_and_brackets_in_lower_case_pass() {
    for text in [
        "Read our [FAQ](https://x.y) first.",
        "Read our [FAQ][1].\n\n[1]: https://x.y",
        "As noted in [1], the fee is waived.",
        "He said it was [sic] free.",
        "Pick option [A] or [B].",
        "- [x] refund sent",
    ] {
        assert_clean("placeholder", &[], text);
    }
}

#[test]
fn percentages_sizes_and_acronyms_pass() {
    for text in [
        "You get 50% off, and 100% of the fee back.",
        "Sconto del 20%, 20%di più.",
        "The XXL and XXXL sizes are back.",
        "Your customer ID and PIN are on the card.",
        "Super Bowl XX was great.",
    ] {
        assert_clean("placeholder", &[], text);
    }
}

#[test]
fn angle_brackets_that_are_not_markers_pass() {
    for text in [
        "Write to Anna <anna@example.com>.",
        "We <3 our customers",
        "Line one<br>line two",
        "Old markup <BR> and <STRONG>bold</STRONG>",
        "x < y and y > z",
    ] {
        assert_clean("placeholder", &[], text);
    }
}

#[test]
fn todo_and_tbd_inside_words_or_in_lower_case_pass() {
    for text in [
        "Add it to your todo list.",
        "Todo bien, gracias por todo.",
        "TODOS LOS PEDIDOS",
        "¡GRACIAS POR TODO!",
        "TODO EL EQUIPO",
        "Code TBDX is valid; mastodon is fine.",
    ] {
        assert_clean("placeholder", &[], text);
    }
}

#[test]
fn a_filler_beside_a_word_of_another_writing_system_is_reported() {
    let filler = |line: u64, column: u64, text: &str| {
        d(line, column, &format!("filler `{text}` left in the reply"))
    };
    // Beside a word of a script without case, after a space or right
    // against it: Chinese, Arabic, Hebrew, Thai, Japanese, Korean.
    for (text, column) in [
        ("Ciao 李明 TODO, il tuo ordine è partito.", 9),
        ("Gentile 李明TODO, grazie.", 11),
        ("مرحبا TODO، طلبك في الطريق.", 7),
        ("مرحباTODO", 6),
        ("שלום TODO, ההזמנה בדרך.", 6),
        ("שלוםTODO", 5),
        ("สวัสดี TODO ค่ะ", 8),
        ("สวัสดีTODO", 7),
        ("ありがとうTODO", 6),
        ("안녕하세요TODO", 6),
    ] {
        assert_eq!(found(&[], text), vec![filler(1, column, "TODO")], "{text}");
    }
    assert_eq!(found(&[], "TODO李明"), vec![filler(1, 1, "TODO")]);
    assert_eq!(found(&[], "订单TBD。"), vec![filler(1, 3, "TBD")]);
    assert_eq!(
        found(&[], "李明 XXX"),
        vec![d(1, 4, "fill-in marker `XXX` left in a draft")]
    );
}

#[test]
fn a_filler_inside_a_latin_word_is_not_reported() {
    for text in [
        "Ciao 李明, TODOs are done.",
        "李明 xTODO",
        "李明 TODOx",
        "caféTODO 李明",
        "TODO_1 李明",
        "TODOS 李明",
        "Ωxxx and ßXXX",
    ] {
        assert_clean("placeholder", &[], text);
    }
}

#[test]
fn a_masked_card_number_is_not_a_filler() {
    for text in [
        "The card XXXX-XXXX-XXXX-1234 was charged.",
        "Card ending XXXX XXXX XXXX 1234.",
        "Account xxxx1234",
    ] {
        assert_clean("placeholder", &[], text);
    }
}

#[test]
fn template_mode_accepts_well_formed_placeholders_of_every_dialect() {
    for text in [
        "Hi {{ticket.requester.first_name}},",
        "Hi {{ticket.requester.firstname}},",
        "Hi {%customer.firstName,fallback=there%},",
        "Hi {{user.name | fallback: \"there\"}},",
        "Dear {!Contact.FirstName},",
        "Hola {{1}}, tu pedido {{2}} está listo.",
        "{% if ticket.status == 'solved' %}Thanks!{% endif %}",
        "Your order [ORDER NUMBER] ships <DATE>.",
    ] {
        assert_clean("placeholder", TEMPLATE, text);
    }
}

#[test]
fn plain_text_passes_in_both_modes() {
    let text = "Ciao Anna, il rimborso di 25 € è partito oggi. {Grazie!}";
    assert_clean("placeholder", &[], text);
    assert_clean("placeholder", TEMPLATE, text);
}
