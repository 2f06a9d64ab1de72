//! Placeholder dialects (SPEC §3 "Templates and placeholders"): correct
//! templates in every dialect are left alone (must pass), and malformed
//! placeholders, unknown variables, foreign dialects, greetings without a
//! fallback and WhatsApp numbering are reported on the exact placeholder
//! (must fail); how the dialect and the variables are chosen (config,
//! `[[paths]]`, channels, front matter, helpdesk exports) and how a wrong
//! dialect name in the config is reported.

use crate::common::{Run, Tree, assert_clean, diagnostics_of, lint};

/// `(line, column, rule, message)` of the `placeholder` and
/// `placeholder-fallback` diagnostics of a JSON run.
type Found = Vec<(u64, u64, String, String)>;

fn placeholder_diagnostics(r: &Run) -> Found {
    assert_ne!(r.code, 2, "replylint failed: {}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("placeholder"))
        .map(|d| {
            (
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn d(line: u64, column: u64, rule: &str, message: &str) -> (u64, u64, String, String) {
    (line, column, rule.to_owned(), message.to_owned())
}

const P: &str = "placeholder";
const FALLBACK: &str = "placeholder-fallback";

/// A template `reply.txt` checked with a config that sets `dialect` (and
/// `extra` lines): the human transcript and the placeholder diagnostics.
fn template(dialect: &str, extra: &str, text: &str) -> (String, Found) {
    let config = format!("mode = \"template\"\nplaceholder-dialect = \"{dialect}\"\n{extra}");
    let tree = Tree::new(&[("replylint.toml", &config), ("reply.txt", text)]);
    let transcript = tree.transcript("", &["check", "--color", "never", "reply.txt"], None);
    let run = tree.run(&["check", "--format", "json", "reply.txt"]);
    (transcript, placeholder_diagnostics(&run))
}

/// Assert that neither placeholder rule reports `text` in `dialect`.
#[track_caller]
fn assert_passes(dialect: &str, text: &str) {
    let (transcript, found) = template(dialect, "", text);
    assert!(found.is_empty(), "{dialect}: {text:?}\n{transcript}");
}

// ------------------------------------------------------------ must pass

#[test]
fn correct_templates_of_every_dialect_pass() {
    let cases: &[(&str, &[&str])] = &[
        (
            "zendesk",
            &[
                "Hi {{ticket.requester.first_name | default: \"there\"}},\n\
                 {% if ticket.status == 'solved' %}Ticket {{ticket.id}} is solved.{% else %}We are on it.{% endif %}\n\
                 {{dc.signature}}",
                "Hi{% if ticket.requester.first_name %} {{ticket.requester.first_name}}{% endif %},\nthanks.",
                "Hi {{ticket.requester.first_name | capitalize | default: \"there\"}}, {{ticket.created_at | date: \"%d/%m\"}}.",
                "{%- unless ticket.requester.first_name == blank -%}Hi {{ticket.requester.first_name}}{%- endunless -%},",
                "{% case ticket.priority %}{% when 'urgent' %}Right away.{% else %}Soon.{% endcase %}",
                "{% raw %}Type {{name}} or {% if %} as they are.{% endraw %} Thanks, {{current_user.first_name}}.",
                "{{dc.greeting}} {{ticket.requester.name | default: \"there\"}}, your order ships today.",
                "Hello {{current_user.name}} here: ticket {{ticket.id}} is closed.",
            ],
        ),
        (
            "freshdesk",
            &[
                "Hi {{ticket.requester.firstname | default: \"there\"}},\nticket #{{ticket.id}} is {{ticket.status}}.",
                "Hi{% if ticket.requester.firstname %} {{ticket.requester.firstname}}{% endif %}, thanks.",
            ],
        ),
        (
            "helpscout",
            &[
                "Hi {%customer.firstName,fallback=there%},\nconversation #{%conversation.number%} is closed.",
                "Dear {%customer.fullName,fallback=customer%}, {%mailbox.name%} here.",
            ],
        ),
        (
            "intercom",
            &[
                "Hi {{user.name | fallback: \"there\"}}! Your plan is {{user.plan}}.",
                "Hey {{first_name|fallback:\"there\"}}, thanks for writing.",
            ],
        ),
        (
            "front",
            &[
                "Hi {{recipient.first_name}}, I'm {{user.first_name}} from support.",
                "Conversation {{conversation.ticket_id}}: thanks, {{recipient.name}}.",
            ],
        ),
        (
            "gorgias",
            &[
                "Hi {{ticket.customer.firstname|default(\"there\")}}, order \
                 {{ticket.customer.integrations.shopify.orders[0].name}} shipped on \
                 {{ticket.customer.integrations.shopify.orders[0].created_at|datetime_format(\"L\")}}.",
                "{% if ticket.customer.firstname %}Hi {{ticket.customer.firstname}},{% else %}Hi,{% endif %} {{current_user.firstname}} here.",
            ],
        ),
        (
            "salesforce",
            &[
                "Dear {!Contact.FirstName, Valued Customer},\ncase {!Case.CaseNumber} is closed.",
                "Dear {!BLANKVALUE(Contact.FirstName, \"Valued Customer\")}, thanks.",
            ],
        ),
        (
            "hubspot",
            &[
                "Hi {{ contact.firstname|default(\"there\") }},\n{% if contact.company %}Your team at {{ contact.company }} is set up.{% endif %}",
                "Hi {{ contact.firstname | default('there') | title }}, {{ owner.firstname }} here.",
            ],
        ),
        (
            "whatsapp",
            &[
                "Ciao {{1}}, il tuo ordine {{2}} arriva il {{3}}. Grazie!",
                "Hi {{1}}, {{1}} is the name on your order {{2}}.",
            ],
        ),
    ];
    for (dialect, texts) in cases {
        for text in *texts {
            assert_passes(dialect, text);
        }
    }
}

#[test]
fn known_variables_pass() {
    let extra = "variables = [\"ticket.requester.first_name\", \"ticket.id\"]\n";
    let (_, found) = template(
        "zendesk",
        extra,
        "Hi {{ticket.requester.first_name | default: \"there\"}}, ticket {{ ticket.id }} is closed.\n\
         {% for item in ticket.items %}{{forloop.index}}. {{item.name}}{% endfor %}\n\
         {% assign total = ticket.id %}{{ total }}",
    );
    assert_eq!(found, vec![]);
}

#[test]
fn drafts_pass_without_placeholders_and_templates_without_a_greeting_name_pass() {
    assert_clean(FALLBACK, &[], "Hi Anna, your refund is on its way.");
    // A name later in the reply is not the greeting.
    assert_clean(
        FALLBACK,
        &["--mode", "template"],
        "Hi there,\nthe parcel for {{ticket.requester.first_name}} left today.",
    );
}

// ------------------------------------------------------------ must fail

#[test]
fn zendesk_malformed_blocks_and_foreign_placeholders() {
    let text = "Hi {{ticket.requester.first_name | default: \"there\"}},\n\
                {% if ticket.status == 'solved' %}solved{% elif x %}open\n\
                {% endif %}{% endif %} {% iff ticket.id %}\n\
                Dear {!Contact.FirstName} {%customer.firstName%} {{1}} {{ contact.firstname }}\n\
                {{ticket.id | defualt: \"-\"}} {{ticket.id | fallback: \"-\"}}";
    let (transcript, found) = template("zendesk", "", text);
    insta::assert_snapshot!(transcript);
    assert_eq!(
        found,
        vec![
            d(
                2,
                41,
                P,
                "`{% elif x %}`: `zendesk` has no `elif` tag (did you mean `elsif`?)"
            ),
            d(
                3,
                12,
                P,
                "`{% endif %}` closes a `{% if %}` block that was never opened"
            ),
            d(
                3,
                24,
                P,
                "`{% iff ticket.id %}`: unknown tag `iff` (did you mean `if`?)"
            ),
            d(
                4,
                6,
                P,
                "`{!Contact.FirstName}` is a `salesforce` placeholder, but this reply's placeholder dialect is `zendesk`"
            ),
            d(
                4,
                27,
                P,
                "`{%customer.firstName%}` is a `helpscout` placeholder, but this reply's placeholder dialect is `zendesk`"
            ),
            d(
                4,
                50,
                P,
                "`{{1}}` is a `whatsapp` placeholder, but this reply's placeholder dialect is `zendesk`"
            ),
            d(
                4,
                56,
                P,
                "`{{ contact.firstname }}` is a `hubspot` placeholder, but this reply's placeholder dialect is `zendesk`"
            ),
            d(
                5,
                1,
                P,
                "`{{ticket.id | defualt: \"-\"}}`: unknown filter `defualt` for `zendesk` (did you mean `default`?)"
            ),
            d(
                5,
                30,
                P,
                "`{{ticket.id | fallback: \"-\"}}`: unknown filter `fallback` for `zendesk`"
            ),
        ]
    );
}

#[test]
fn an_unclosed_if_is_reported_at_its_opener() {
    let (_, found) = template(
        "zendesk",
        "",
        "Hi there,\n{% for o in orders %}{% if o.late %}late{% endfor %}\n{% unless x %}",
    );
    assert_eq!(
        found,
        vec![
            d(
                2,
                22,
                P,
                "`{% if o.late %}` is never closed: `{% endif %}` is missing"
            ),
            d(
                3,
                1,
                P,
                "`{% unless x %}` is never closed: `{% endunless %}` is missing"
            ),
        ]
    );
}

#[test]
fn unknown_variables_name_the_closest_known_one() {
    let extra = "variables = [\"ticket.requester.first_name\", \"ticket.id\", \"ticket.status\"]\n";
    let text = "Hi {{ticket.requester.frist_name | default: \"there\"}},\n\
                ticket {{ticket.idd}} is {{ticket.satus}}; {{order.tracking_url}}";
    let (transcript, found) = template("zendesk", extra, text);
    insta::assert_snapshot!(transcript);
    assert_eq!(
        found,
        vec![
            d(
                1,
                4,
                P,
                "unknown variable `ticket.requester.frist_name` (did you mean `ticket.requester.first_name`?)"
            ),
            d(
                2,
                8,
                P,
                "unknown variable `ticket.idd` (did you mean `ticket.id`?)"
            ),
            d(
                2,
                26,
                P,
                "unknown variable `ticket.satus` (did you mean `ticket.status`?)"
            ),
            d(
                2,
                44,
                P,
                "unknown variable `order.tracking_url`: it is not in `variables`"
            ),
        ]
    );
}

#[test]
fn a_greeting_name_without_a_fallback_is_a_warning_in_every_dialect_that_has_one() {
    for (dialect, text, column, suggestion) in [
        (
            "zendesk",
            "Hi {{ticket.requester.first_name}},\nthanks.",
            4,
            "`{{ticket.requester.first_name | default: \"there\"}}`, or print the name inside `{% if ticket.requester.first_name %}…{% endif %}`",
        ),
        (
            "freshdesk",
            "Dear {{ticket.requester.firstname}},",
            6,
            "`{{ticket.requester.firstname | default: \"there\"}}`",
        ),
        (
            "helpscout",
            "\nHi {%customer.firstName%}!",
            4,
            "`{%customer.firstName,fallback=there%}`",
        ),
        (
            "intercom",
            "Hey {{user.name}}, welcome back.",
            5,
            "`{{user.first_name | fallback: \"there\"}}`",
        ),
        (
            "gorgias",
            "Hi {{ticket.customer.firstname}},",
            4,
            "`{{ticket.customer.firstname|default(\"there\")}}`",
        ),
        (
            "salesforce",
            "Dear {!Contact.FirstName},",
            6,
            "`{!Contact.FirstName, there}`",
        ),
        (
            "hubspot",
            "Hi {{ contact.firstname }},",
            4,
            "`{{ contact.firstname|default(\"there\") }}`",
        ),
    ] {
        let config = format!("mode = \"template\"\nplaceholder-dialect = \"{dialect}\"\n");
        let tree = Tree::new(&[("replylint.toml", &config), ("reply.txt", text)]);
        let run = tree.run(&["check", "--format", "json", "reply.txt"]);
        let doc = run.json();
        let all = doc["diagnostics"].as_array().unwrap();
        let warnings: Vec<_> = all.iter().filter(|d| d["rule"] == FALLBACK).collect();
        assert_eq!(warnings.len(), 1, "{dialect}: {all:#?}");
        let w = warnings[0];
        assert_eq!(w["severity"], "warning", "{dialect}");
        let line = if text.starts_with('\n') { 2 } else { 1 };
        assert_eq!(
            (w["start"]["line"].as_u64(), w["start"]["column"].as_u64()),
            (Some(line), Some(column)),
            "{dialect}"
        );
        let help = w["help"].as_str().unwrap();
        assert!(help.contains(suggestion), "{dialect}: {help}");
        assert!(
            !all.iter().any(|d| d["rule"] == P),
            "{dialect}: only the warning: {all:#?}"
        );
    }
}

#[test]
fn an_empty_fallback_is_no_fallback() {
    let (_, found) = template(
        "zendesk",
        "",
        "Hi {{ticket.requester.first_name | default: \"\"}},",
    );
    let rules: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(rules, [FALLBACK]);
}

#[test]
fn the_greeting_warning_says_what_the_customer_reads() {
    let (transcript, found) = template(
        "zendesk",
        "",
        "Gentile {{ticket.requester.first_name}},\n\ngrazie.",
    );
    insta::assert_snapshot!(transcript);
    assert_eq!(
        found,
        vec![d(
            1,
            9,
            FALLBACK,
            "`{{ticket.requester.first_name}}` in the greeting has no fallback: a customer without a name on file reads \"Gentile ,\""
        )]
    );
}

#[test]
fn intercom_filters_and_tags() {
    let text = "Hi {{user.name | fallbak: \"there\"}}, {{user.plan | default: \"free\"}}\n{% if user.plan %}pro{% endif %}";
    let (transcript, found) = template("intercom", "", text);
    insta::assert_snapshot!(transcript);
    assert_eq!(
        found,
        vec![
            d(
                1,
                4,
                P,
                "`{{user.name | fallbak: \"there\"}}`: unknown filter `fallbak` for `intercom` (did you mean `fallback`?)"
            ),
            d(
                1,
                38,
                P,
                "`{{user.plan | default: \"free\"}}`: unknown filter `default` for `intercom`"
            ),
            d(
                2,
                1,
                P,
                "`{% if user.plan %}`: `intercom` templates have no `{% if %}` tags"
            ),
            d(
                2,
                22,
                P,
                "`{% endif %}`: `intercom` templates have no `{% endif %}` tags"
            ),
        ]
    );
}

#[test]
fn other_dialects_are_reported_in_helpscout_salesforce_freshdesk_and_front() {
    let (_, found) = template(
        "helpscout",
        "",
        "Hi there, ticket {{ticket.id}} {!Case.CaseNumber}.",
    );
    assert_eq!(
        found,
        vec![
            d(1, 18, P, "`{{ticket.id}}` is not a `helpscout` placeholder"),
            d(
                1,
                32,
                P,
                "`{!Case.CaseNumber}` is a `salesforce` placeholder, but this reply's placeholder dialect is `helpscout`"
            ),
        ]
    );
    let (_, found) = template("salesforce", "", "Hi there, {{ticket.id}}.");
    assert_eq!(
        found,
        vec![d(
            1,
            11,
            P,
            "`{{ticket.id}}` is not a `salesforce` placeholder"
        )]
    );
    let (_, found) = template(
        "freshdesk",
        "",
        "Hi there, {{ticket.requester.first_name}}.",
    );
    assert_eq!(
        found,
        vec![d(
            1,
            11,
            P,
            "`{{ticket.requester.first_name}}` is a `zendesk` placeholder, but this reply's placeholder dialect is `freshdesk`"
        )]
    );
    let (_, found) = template(
        "front",
        "",
        "Hi there, {{recipient.name | default: \"x\"}}.",
    );
    assert_eq!(
        found,
        vec![d(
            1,
            11,
            P,
            "`{{recipient.name | default: \"x\"}}`: `front` placeholders take no filters (`| default`)"
        )]
    );
}

#[test]
fn whatsapp_numbering_and_edges() {
    let text = "{{1}}, il tuo ordine {{3}} è pronto: {{name}} {{0}} ritiro entro {{5}}";
    let (transcript, found) = template("whatsapp", "", text);
    insta::assert_snapshot!(transcript);
    assert_eq!(
        found,
        vec![
            d(
                1,
                1,
                P,
                "a WhatsApp template cannot start with a variable (`{{1}}`)"
            ),
            d(
                1,
                22,
                P,
                "`{{3}}` skips `{{2}}`: WhatsApp template variables are numbered without gaps"
            ),
            d(
                1,
                38,
                P,
                "`{{name}}` is not a WhatsApp template variable: they are numbered `{{1}}`, `{{2}}`…"
            ),
            d(
                1,
                47,
                P,
                "`{{0}}`: WhatsApp template variables are numbered from `{{1}}`"
            ),
            d(
                1,
                66,
                P,
                "`{{5}}` skips `{{2}}`: WhatsApp template variables are numbered without gaps"
            ),
            d(
                1,
                66,
                P,
                "a WhatsApp template cannot end with a variable (`{{5}}`)"
            ),
        ]
    );
}

#[test]
fn the_whatsapp_template_channel_is_in_the_whatsapp_dialect() {
    let text = "Ciao {{1}}, il tuo ordine {{3}} è pronto.\n";
    let found = diagnostics_of(
        P,
        &["--channel", "whatsapp-template", "--mode", "template"],
        text,
    );
    assert_eq!(
        found,
        vec![(
            1,
            27,
            "`{{3}}` skips `{{2}}`: WhatsApp template variables are numbered without gaps"
                .to_owned()
        )]
    );
    // Trailing white space does not hide a variable at the very end.
    let found = diagnostics_of(
        P,
        &["--channel", "whatsapp-template", "--mode", "template"],
        "Ciao, il codice è {{1}}\n\n",
    );
    assert_eq!(
        found,
        vec![(
            1,
            19,
            "a WhatsApp template cannot end with a variable (`{{1}}`)".to_owned()
        )]
    );
}

#[test]
fn drafts_report_leftover_placeholders_of_every_dialect() {
    let text = "Hi {{ticket.requester.first_name}} {{ticket.requester.firstname}}\n\
                {%customer.firstName,fallback=there%} {{user.name | fallback: \"there\"}}\n\
                {{recipient.first_name}} {{ticket.customer.firstname}} {!Contact.FirstName}\n\
                {{ contact.firstname }} {{1}} {% if x %}{% endif %}";
    insta::assert_snapshot!(lint(&[], text));
    let found = diagnostics_of(P, &[], text);
    let columns: Vec<(u64, u64)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(
        columns,
        vec![
            (1, 4),
            (1, 36),
            (2, 1),
            (2, 39),
            (3, 1),
            (3, 26),
            (3, 56),
            (4, 1),
            (4, 25),
            (4, 31),
            (4, 41),
        ]
    );
    assert!(found.iter().all(|(_, _, m)| m.ends_with("left in a draft")));
    // Even with a dialect: drafts are not templates.
    let tree = Tree::new(&[
        ("replylint.toml", "placeholder-dialect = \"zendesk\"\n"),
        ("reply.txt", "Hi {!Contact.FirstName}, done."),
    ]);
    let found = placeholder_diagnostics(&tree.run(&["check", "--format", "json", "reply.txt"]));
    assert_eq!(
        found,
        vec![d(
            1,
            4,
            P,
            "placeholder `{!Contact.FirstName}` left in a draft"
        )]
    );
}

// ---------------------------------------- where the dialect comes from

/// The placeholder diagnostics of `check --format json ARGS` in `tree`.
fn found_in(tree: &Tree, args: &[&str]) -> Found {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    placeholder_diagnostics(&tree.run(&all))
}

#[test]
fn paths_channels_and_front_matter_choose_the_dialect_and_variables() {
    let config = "mode = \"template\"\n\
                  placeholder-dialect = \"zendesk\"\n\
                  variables = [\"ticket.id\"]\n\
                  \n\
                  [[paths]]\n\
                  glob = \"intercom/**\"\n\
                  placeholder-dialect = \"intercom\"\n\
                  variables = [\"user.plan\"]\n\
                  \n\
                  [channels.chat]\n\
                  placeholder-dialect = \"helpscout\"\n";
    let tree = Tree::new(&[
        ("replylint.toml", config),
        // The defaults: zendesk, `ticket.id`.
        ("a.txt", "Hi there, {{ticket.id}} {{ticket.status}}"),
        // The path pattern: intercom, `user.plan`.
        ("intercom/b.txt", "Hi there, {{user.plan}} {{ticket.id}}"),
        // The channel: helpscout (the defaults' variables).
        (
            "chat/c.txt",
            "Hi there, {%conversation.number%} {{ticket.id}}",
        ),
        // The reply's own front matter beats everything.
        (
            "chat/d.md",
            "+++\nplaceholder-dialect = \"salesforce\"\n+++\nHi there, {!Case.CaseNumber} {{ticket.id}}",
        ),
    ]);
    assert_eq!(
        found_in(&tree, &["a.txt"]),
        vec![d(
            1,
            25,
            P,
            "unknown variable `ticket.status` (did you mean `ticket.id`?)"
        )]
    );
    assert_eq!(
        found_in(&tree, &["intercom/b.txt"]),
        vec![d(
            1,
            25,
            P,
            "unknown variable `ticket.id`: it is not in `variables`"
        )]
    );
    assert_eq!(
        found_in(&tree, &["chat/c.txt"]),
        vec![
            d(
                1,
                11,
                P,
                "unknown variable `conversation.number`: it is not in `variables`"
            ),
            d(1, 35, P, "`{{ticket.id}}` is not a `helpscout` placeholder"),
        ]
    );
    assert_eq!(
        found_in(&tree, &["chat/d.md"]),
        vec![
            d(
                4,
                11,
                P,
                "unknown variable `Case.CaseNumber`: it is not in `variables`"
            ),
            d(
                4,
                30,
                P,
                "`{{ticket.id}}` is not a `salesforce` placeholder"
            ),
        ]
    );
    // `replylint config` shows the resolved dialect and variables.
    let r = tree.run(&["config", "intercom/b.txt"]);
    assert!(
        r.stdout.contains("placeholder-dialect = \"intercom\""),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("variables = [\"user.plan\"]"),
        "{}",
        r.stdout
    );
}

#[test]
fn helpdesk_exports_are_read_in_their_helpdesks_dialect() {
    let zendesk = r#"{"macros": [{"id": 7, "title": "Refund", "actions": [
  {"field": "comment_value_html", "value": "<p>Ciao {{ticket.requester.first_name | default: \"cliente\"}},</p><p>il rimborso &egrave; partito, {!Contact.FirstName}.</p>"}
]}]}
"#;
    let intercom = r#"{"type": "list", "data": [{"type": "macro", "id": "3", "name": "Plan",
  "body_text": "Hi {{user.name | default: \"there\"}}, your plan is {{user.plan}}."}]}
"#;
    let freshdesk = r#"[{"id": 4, "title": "Shipped", "content": "Hi {{ticket.requester.first_name}}, shipped."}]
"#;
    let tree = Tree::new(&[
        ("zendesk.json", zendesk),
        ("intercom.json", intercom),
        ("freshdesk.json", freshdesk),
    ]);
    // Zendesk: the foreign placeholder, after `<p>`, the `\"` escapes and
    // `&egrave;`, at its column in the file.
    assert_eq!(
        found_in(&tree, &["zendesk.json"]),
        vec![d(
            2,
            145,
            P,
            "`{!Contact.FirstName}` is a `salesforce` placeholder, but this reply's placeholder dialect is `zendesk`"
        )]
    );
    let r = tree.run(&["check", "--format", "json", "zendesk.json"]);
    let doc = r.json();
    let d0 = &doc["diagnostics"][0];
    let (s, e) = (
        d0["start"]["offset"].as_u64().unwrap() as usize,
        d0["end"]["offset"].as_u64().unwrap() as usize,
    );
    assert_eq!(&zendesk[s..e], "{!Contact.FirstName}");
    assert_eq!(
        found_in(&tree, &["intercom.json"]),
        vec![d(
            2,
            20,
            P,
            "`{{user.name | default: \"there\"}}`: unknown filter `default` for `intercom`"
        )]
    );
    assert_eq!(
        found_in(&tree, &["freshdesk.json"]),
        vec![d(
            1,
            47,
            P,
            "`{{ticket.requester.first_name}}` is a `zendesk` placeholder, but this reply's placeholder dialect is `freshdesk`"
        )]
    );
    // The configuration wins over what the export looks like.
    tree.write("replylint.toml", "placeholder-dialect = \"zendesk\"\n");
    assert_eq!(
        found_in(&tree, &["freshdesk.json"]),
        vec![d(
            1,
            47,
            FALLBACK,
            "`{{ticket.requester.first_name}}` in the greeting has no fallback: a customer without a name on file reads \"Hi , shipped.\""
        )]
    );
}

#[test]
fn unknown_dialect_names_are_errors_with_a_suggestion() {
    for (config, position) in [
        ("placeholder-dialect = \"zendsk\"\n", "1:23"),
        (
            "[[paths]]\nglob = \"x/**\"\nplaceholder-dialect = \"zendsk\"\n",
            "3:23",
        ),
        (
            "[channels.chat]\nplaceholder-dialect = \"zendsk\"\n",
            "2:23",
        ),
    ] {
        let tree = Tree::new(&[("replylint.toml", config), ("a.txt", "Hi")]);
        let r = tree.run(&["check", "a.txt"]);
        assert_eq!(r.code, 2, "{config}");
        assert!(
            r.stderr.contains(&format!(
                "replylint.toml:{position}: unknown placeholder dialect `zendsk` (did you mean `zendesk`?)"
            )),
            "{config}: {}",
            r.stderr
        );
    }
    // In a reply's own front matter: an error for that file, at the value.
    let tree = Tree::new(&[(
        "a.md",
        "+++\nplaceholder-dialect = \"intercon\"\n+++\nHi {{user.name}}",
    )]);
    let r = tree.run(&["check", "--no-config", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "a.md:2:23: unknown placeholder dialect `intercon` (did you mean `intercom`?)"
        ),
        "{}",
        r.stderr
    );
}

// ------------------------------------------------------------ robustness

mod never_panics {
    use proptest::prelude::*;
    use proptest::sample::select;
    use replylint_core::config::Settings;
    use replylint_core::config::settings::CliOverrides;
    use replylint_core::mode::Mode;
    use replylint_core::reply::{Located, OffsetMap, Reply, ReplyMeta, Source};
    use std::path::Path;
    use std::sync::{Arc, LazyLock};

    static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
        let cli = CliOverrides {
            no_config: true,
            ..CliOverrides::default()
        };
        replylint_io::config::load(&cli, Path::new(".")).expect("built-in settings")
    });

    const DIALECTS: &[&str] = &[
        "zendesk",
        "freshdesk",
        "helpscout",
        "intercom",
        "front",
        "gorgias",
        "salesforce",
        "hubspot",
        "whatsapp",
    ];

    /// Pieces of placeholders, whole and broken, and the text around them.
    const PIECES: &[&str] = &[
        "{{",
        "}}",
        "{%",
        "%}",
        "{%-",
        "-%}",
        "{!",
        "}",
        "{",
        "[[",
        "]]",
        "{$",
        "|",
        "||",
        ",",
        ":",
        "(",
        ")",
        "\"",
        "'",
        "=",
        ".",
        " ",
        "\n",
        "\r\n",
        "if",
        "endif",
        "else",
        "elsif",
        "unless",
        "for",
        "endfor",
        "raw",
        "endraw",
        "comment",
        "case",
        "when",
        "default",
        "fallback",
        "fallback=",
        "BLANKVALUE(",
        "ticket.requester.first_name",
        "user.name",
        "customer.firstName",
        "Contact.FirstName",
        "0",
        "1",
        "2",
        "3",
        "10",
        "Hi ",
        "è",
        "😀",
        "\u{301}",
        "\u{feff}",
        "TODO",
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(select(PIECES), 0..48).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 256,
            ..ProptestConfig::default()
        })]

        #[test]
        fn template_checks_never_panic_and_spans_stay_in_the_body(
            body in text(),
            dialect in select(DIALECTS),
            channel in select(&["generic", "whatsapp-template", "email"][..]),
        ) {
            let source = Arc::new(Source {
                path: None,
                name: "reply.txt".to_owned(),
                text: body.clone(),
            });
            let reply = Reply {
                body: body.clone(),
                meta: ReplyMeta {
                    channel: Some(Located { value: channel.to_owned(), offset: 0 }),
                    mode: Some(Mode::Template),
                    dialect: Some(Located { value: dialect.to_owned(), offset: 0 }),
                    ..ReplyMeta::default()
                },
                offsets: OffsetMap::starting_at(0),
                source,
            };
            let rc = SETTINGS.reply_context(None, &reply.meta).expect("known names");
            for d in replylint_core::engine::lint(&SETTINGS, &reply, &rc) {
                prop_assert!(d.span.start <= d.span.end && d.span.end <= body.len());
                prop_assert!(body.is_char_boundary(d.span.start) && body.is_char_boundary(d.span.end));
            }
        }
    }
}

#[test]
fn library_entries_and_csv_columns_name_their_dialect() {
    let toml = "[[reply]]\nid = \"a\"\nmode = \"template\"\nplaceholder-dialect = \"salesforse\"\ntext = \"Dear {!Contact.FirstName, there},\"\n\n\
                [[reply]]\nid = \"b\"\nmode = \"template\"\nplaceholder-dialect = \"salesforce\"\ntext = \"Dear {!Contact.FirstName, there}, {{ticket.id}}\"\n";
    let csv = "id,mode,placeholder-dialect,text\nc,template,intercom,\"Hi {{user.name | fallback: \"\"there\"\"}} {% if x %}\"\n";
    let tree = Tree::new(&[("lib.toml", toml), ("lib.csv", csv)]);
    let r = tree.run(&[
        "check",
        "--no-config",
        "--format",
        "line",
        "lib.toml",
        "lib.csv",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim(),
        "error: lib.toml:4:23: unknown placeholder dialect `salesforse` (did you mean `salesforce`?)"
    );
    assert_eq!(
        r.stdout,
        "lib.toml:11:43: error[placeholder]: `{{ticket.id}}` is not a `salesforce` placeholder\n\
         lib.csv:2:61: error[placeholder]: `{% if x %}`: `intercom` templates have no `{% if %}` tags\n"
    );
}

#[test]
fn helpscout_has_no_tags_though_it_writes_variables_between_percent_signs() {
    let (_, found) = template(
        "helpscout",
        "",
        "Hi {%customer.firstName,fallback=there%}, {% if x %}a{% endif %}",
    );
    assert_eq!(
        found,
        vec![
            d(
                1,
                43,
                P,
                "`{% if x %}`: `helpscout` templates have no `{% if %}` tags"
            ),
            d(
                1,
                54,
                P,
                "`{% endif %}`: `helpscout` templates have no `{% endif %}` tags"
            ),
        ]
    );
}
