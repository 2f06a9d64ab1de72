//! User-defined rules (SPEC §3 "User-defined rules", §5): `forbid`,
//! `substitute`, `require` and `limit` rules written in `replylint.toml`,
//! with must-fail snapshots and must-pass cases for each kind, their
//! channels and languages, their levels and `allow`, `explain`, the config
//! errors they can cause (with file:line:col and a "did you mean"), and a
//! rule set of thousands of phrases.

use crate::common::phrases::big_config;
use crate::common::{Run, Tree};

/// A team's rule file with one or two rules of every kind.
const TEAM: &str = r#"[[rule]]
id = "no-unfortunately"
kind = "forbid"
phrases = ["unfortunately", "purtroppo", "leider"]
message = "Say what we can do, not what we can't"
help = "lead with what happens next"

[[rule]]
id = "asap"
kind = "forbid"
regex = "\\bASAP\\b"
message = "spell out `{match}`"

[[rule]]
id = "client"
kind = "substitute"
replacements = { "customer" = "client", "e-mail" = "email" }

[[rule]]
id = "offer-help"
kind = "require"
phrases = ["let us know", "fateci sapere", "reply to this email"]
channels = ["email"]
message = "close with an offer of help"

[[rule]]
id = "one-sorry"
kind = "limit"
phrases = ["sorry", "we apologise", "ci scusiamo"]
max = 1
message = "{count} apologies, at most {max}: one is sincere, more sounds scripted"

[[rule]]
id = "thanks"
kind = "limit"
phrases = ["thank you", "thanks", "grazie"]
min = 1
channels = ["chat"]
"#;

fn tree(config: &str) -> Tree {
    Tree::new(&[("replylint.toml", config)])
}

fn args_for<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["check", "--color", "never"];
    all.extend_from_slice(extra);
    all.push("-");
    all
}

/// Snapshot transcript of checking `stdin` with `config` and `args`.
fn lint(config: &str, args: &[&str], stdin: &str) -> String {
    let t = tree(config);
    format!(
        "----- replylint.toml -----\n{config}{}",
        t.transcript("", &args_for(args), Some(stdin))
    )
}

fn run(config: &str, args: &[&str], stdin: &str) -> Run {
    tree(config).run_at("", &args_for(args), Some(stdin))
}

/// `(rule, line, column, severity, message)` of every diagnostic of user
/// rules (ids not built in) and of `also`.
fn found(config: &str, args: &[&str], stdin: &str) -> Vec<(String, u64, u64, String, String)> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let r = run(config, &all, stdin);
    assert_ne!(r.code, 2, "replylint failed: {}", r.stderr);
    r.json()["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| replylint_core::rules::by_id(d["rule"].as_str().unwrap()).is_none())
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The user rules that report something.
fn rules_hit(config: &str, args: &[&str], stdin: &str) -> Vec<String> {
    found(config, args, stdin)
        .into_iter()
        .map(|d| d.0)
        .collect()
}

#[track_caller]
fn assert_clean(config: &str, args: &[&str], stdin: &str) {
    let got = found(config, args, stdin);
    assert!(
        got.is_empty(),
        "no user rule should fire on {stdin:?} with {args:?}, got {got:?}"
    );
}

// ---------------------------------------------------------------- forbid

#[test]
fn forbid_finds_phrases_in_any_case_and_regexes_as_written() {
    let text = "Hi Anna!\n\nUNFORTUNATELY the courier is late, purtroppo. We will call you ASAP.\nThanks for waiting";
    insta::assert_snapshot!(lint(TEAM, &["--channel", "chat"], text));
    assert_eq!(
        found(TEAM, &["--channel", "chat"], text),
        [
            (
                "no-unfortunately".to_owned(),
                3,
                1,
                "warning".to_owned(),
                "Say what we can do, not what we can't".to_owned()
            ),
            (
                "no-unfortunately".to_owned(),
                3,
                36,
                "warning".to_owned(),
                "Say what we can do, not what we can't".to_owned()
            ),
            (
                "asap".to_owned(),
                3,
                64,
                "warning".to_owned(),
                "spell out `ASAP`".to_owned()
            ),
        ]
    );
}

#[test]
fn forbid_spans_are_exact_when_lower_casing_changes_lengths() {
    let config = "[[rule]]\nid = \"places\"\nkind = \"forbid\"\nphrases = [\"istanbul\", \"straße\", \"perché no\"]\n";
    let text = "İstanbul, STRAẞE e PERCHÉ NO: tutto qui.";
    let r = run(config, &["--format", "json"], text);
    let spans: Vec<(u64, u64, u64)> = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "places")
        .map(|d| {
            (
                d["start"]["offset"].as_u64().unwrap(),
                d["end"]["offset"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let text_of = |(s, e, _): &(u64, u64, u64)| &text[*s as usize..*e as usize];
    assert_eq!(
        spans.iter().map(text_of).collect::<Vec<_>>(),
        ["İstanbul", "STRAẞE", "PERCHÉ NO"]
    );
    assert_eq!(
        spans.iter().map(|s| s.2).collect::<Vec<_>>(),
        [1, 11, 20],
        "columns count characters"
    );
}

#[test]
fn forbid_must_pass_words_that_only_contain_a_phrase() {
    for text in [
        "Hi Anna! It is unfortunate, but fortunately we found it.",
        "Hi Anna! The unfortunatelyness of it all.",
        "Hi Anna! Leiderhosen are not a thing.",
        // The regex is case-sensitive as written: `asap` is not `ASAP`.
        "Hi Anna! We will call you asap, and a wasap is not a word.",
    ] {
        assert_clean(TEAM, &["--channel", "sms"], text);
    }
}

// ---------------------------------------------------------------- substitute

#[test]
fn substitute_offers_the_preferred_phrase_in_the_case_of_the_text() {
    let text = "Hi Anna!\nOur Customer team will send an E-MAIL to every customer.";
    insta::assert_snapshot!(lint(TEAM, &["--channel", "chat", "--format", "json"], text));
}

#[test]
fn substitute_fix_is_applied_by_fix_and_then_quiet() {
    let t = Tree::new(&[
        ("replylint.toml", TEAM),
        (
            "reply.chat.md",
            "Hi Anna!\nOur Customer team will send an e-mail to every customer. Thanks!\n",
        ),
    ]);
    let r = t.run(&["check", "--color", "never", "--fix", "reply.chat.md"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(
        std::fs::read_to_string(t.root.join("reply.chat.md")).unwrap(),
        "Hi Anna!\nOur Client team will send an email to every client. Thanks!\n"
    );
    let again = t.run(&[
        "check",
        "--color",
        "never",
        "--format",
        "json",
        "reply.chat.md",
    ]);
    assert_eq!(again.json()["diagnostics"], serde_json::json!([]));
}

#[test]
fn an_unsafe_substitution_needs_unsafe_fixes() {
    let config = "[[rule]]\nid = \"gentile-cliente\"\nkind = \"substitute\"\nreplacements = { \"caro cliente\" = \"gentile cliente\" }\nfix = \"unsafe\"\n";
    let t = Tree::new(&[
        ("replylint.toml", config),
        ("reply.sms.txt", "Caro cliente, il pacco arriva domani."),
    ]);
    let r = t.run(&["check", "--color", "never", "--fix", "reply.sms.txt"]);
    assert_eq!(r.code, 0, "a warning only: {}", r.stdout);
    assert_eq!(
        std::fs::read_to_string(t.root.join("reply.sms.txt")).unwrap(),
        "Caro cliente, il pacco arriva domani.",
        "an unsafe fix is not applied by --fix alone"
    );
    let r = t.run(&[
        "check",
        "--color",
        "never",
        "--fix",
        "--unsafe-fixes",
        "reply.sms.txt",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(
        std::fs::read_to_string(t.root.join("reply.sms.txt")).unwrap(),
        "Gentile cliente, il pacco arriva domani."
    );
}

#[test]
fn substitute_must_pass_text_that_already_reads_the_preferred_phrase() {
    let config = "[[rule]]\nid = \"names\"\nkind = \"substitute\"\nreplacements = { \"client\" = \"client account\", \"whatsapp\" = \"WhatsApp\", \"e-mail\" = \"email\" }\n";
    for text in [
        "Your client account is ready.",
        "Write to us on WhatsApp or by email.",
        "Clients and e-mails are other words.",
    ] {
        assert_clean(config, &["--channel", "sms"], text);
    }
    // …while the case-only substitution still fires on other spellings.
    assert_eq!(
        found(config, &["--channel", "sms"], "Write on Whatsapp.")
            .into_iter()
            .map(|d| d.4)
            .collect::<Vec<_>>(),
        ["use `WhatsApp` instead of `Whatsapp`"]
    );
}

// ---------------------------------------------------------------- require

#[test]
fn require_reports_a_missing_phrase_at_the_end_of_the_last_line() {
    let text = "Dear Ms Smith,\n\nyour refund was issued today.\n\nKind regards\nAnna\n\n";
    insta::assert_snapshot!(lint(TEAM, &["--channel", "email"], text));
    assert_eq!(
        found(TEAM, &["--channel", "email"], text),
        [(
            "offer-help".to_owned(),
            6,
            5,
            "warning".to_owned(),
            "close with an offer of help".to_owned()
        )]
    );
}

#[test]
fn require_must_pass_when_a_phrase_is_there_or_the_channel_is_another() {
    assert_clean(
        TEAM,
        &["--channel", "email"],
        "Dear Ms Smith,\n\nyour refund was issued today. If anything is unclear, LET US KNOW.\n\nKind regards\nAnna",
    );
    assert_clean(
        TEAM,
        &["--channel", "email"],
        "Gentile Mario,\n\nil rimborso è stato emesso. Per qualsiasi dubbio fateci sapere.\n\nCordiali saluti\nAnna",
    );
    // `channels = ["email"]`: not on SMS.
    assert_clean(TEAM, &["--channel", "sms"], "Your refund was issued today.");
}

// ---------------------------------------------------------------- limit

#[test]
fn limit_reports_the_first_occurrence_past_the_maximum() {
    let text = "Hi Anna! Sorry for the wait, and sorry again: we apologise. Thanks!";
    insta::assert_snapshot!(lint(TEAM, &["--channel", "chat"], text));
    assert_eq!(
        found(TEAM, &["--channel", "chat"], text),
        [(
            "one-sorry".to_owned(),
            1,
            34,
            "warning".to_owned(),
            "3 apologies, at most 1: one is sincere, more sounds scripted".to_owned()
        )]
    );
}

#[test]
fn limit_reports_too_few_occurrences_at_the_end() {
    let text = "Hi Anna! Your parcel left this morning.";
    assert_eq!(
        found(TEAM, &["--channel", "chat"], text),
        [(
            "thanks".to_owned(),
            1,
            40,
            "warning".to_owned(),
            "0 occurrences of one of `thank you`, `thanks`, `grazie`, at least 1".to_owned()
        )]
    );
}

#[test]
fn limit_must_pass_within_its_bounds() {
    assert_clean(
        TEAM,
        &["--channel", "chat"],
        "Hi Anna! Sorry for the wait. Thank you for your patience!",
    );
    assert_clean(
        TEAM,
        &["--channel", "chat"],
        "Ciao Anna! Grazie, il pacco è partito.",
    );
    // `thanks` is for chat only.
    assert_clean(
        TEAM,
        &["--channel", "sms"],
        "Your parcel left this morning.",
    );
}

// ---------------------------------------------------------------- where a rule runs

#[test]
fn levels_apply_to_user_rules_like_built_in_ones() {
    let config = format!(
        "{TEAM}\n[rules]\nasap = \"error\"\n\n[channels.sms.rules]\nno-unfortunately = \"off\"\n"
    );
    let text = "Unfortunately we will call you ASAP.";
    assert_eq!(
        found(&config, &["--channel", "sms"], text)
            .into_iter()
            .map(|d| (d.0, d.3))
            .collect::<Vec<_>>(),
        [("asap".to_owned(), "error".to_owned())]
    );
    assert_eq!(
        rules_hit(&config, &["--channel", "twitter"], text),
        ["no-unfortunately", "asap"]
    );
    let r = run(&config, &["--channel", "sms"], text);
    assert_eq!(r.code, 1, "an error fails the run: {}", r.stdout);
}

#[test]
fn a_rule_off_by_default_runs_where_a_channel_turns_it_on() {
    let config = "[[rule]]\nid = \"no-emoji-words\"\nkind = \"forbid\"\nphrases = [\"lol\"]\nseverity = \"off\"\n\n[channels.email.rules]\nno-emoji-words = \"error\"\n";
    assert_clean(config, &["--channel", "chat"], "Hi Anna, lol!");
    assert_eq!(
        rules_hit(config, &["--channel", "email"], "Hi Anna, lol!"),
        ["no-emoji-words"]
    );
}

#[test]
fn front_matter_allow_turns_a_user_rule_off_for_one_reply() {
    let text = "+++\nallow = [\"no-unfortunately\"]\n+++\nUnfortunately the courier is late.\n";
    assert_clean(TEAM, &["--channel", "sms"], text);
    let misspelt = "+++\nallow = [\"no-unfortunatly\"]\n+++\nUnfortunately the courier is late.\n";
    insta::assert_snapshot!(lint(TEAM, &["--channel", "sms"], misspelt));
}

#[test]
fn languages_select_the_replies_a_rule_runs_on() {
    let config = "[[rule]]\nid = \"no-purtroppo\"\nkind = \"forbid\"\nphrases = [\"purtroppo\", \"ok\"]\nlanguages = [\"it\"]\n";
    let short = "Purtroppo, ok.";
    assert_eq!(
        rules_hit(config, &["--channel", "sms", "--lang", "it"], short),
        ["no-purtroppo", "no-purtroppo"]
    );
    assert_clean(config, &["--channel", "sms", "--lang", "en"], short);
    // No language named: the detected one decides; too short to tell, the
    // rule does not run.
    assert_clean(config, &["--channel", "sms"], short);
    let long = "Purtroppo il corriere non è passato oggi: la spedizione arriverà domani mattina, ci scusiamo per il disagio.";
    assert_eq!(
        rules_hit(config, &["--channel", "sms"], long),
        ["no-purtroppo"]
    );
    let english = "Purtroppo is Italian for unfortunately; we will deliver your parcel tomorrow morning instead.";
    assert_clean(config, &["--channel", "sms"], english);
}

#[test]
fn channels_accept_aliases_and_user_channels() {
    let config = "[channels.support-form]\nextends = \"generic\"\n\n[[rule]]\nid = \"no-hashtags\"\nkind = \"forbid\"\nregex = \"#\\\\w+\"\nchannels = [\"x\", \"support-form\"]\n";
    let text = "We are on it #support";
    assert_eq!(
        rules_hit(config, &["--channel", "twitter"], text),
        ["no-hashtags"]
    );
    assert_eq!(
        rules_hit(config, &["--channel", "support-form"], text),
        ["no-hashtags"]
    );
    assert_clean(config, &["--channel", "chat"], text);
}

#[test]
fn explain_prints_a_user_rule() {
    let t = tree(TEAM);
    insta::assert_snapshot!(t.transcript("", &["explain", "one-sorry"], None));
    let r = t.run(&["explain", "one-sory"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown rule `one-sory` (did you mean `one-sorry`?)\n"
    );
}

// ---------------------------------------------------------------- config errors

/// Every way a `[[rule]]` table can be wrong, each with its position and
/// a suggestion where one helps.
#[test]
fn config_errors_name_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "unknown kind",
            "[[rule]]\nid = \"x\"\nkind = \"forbidd\"\nphrases = [\"a\"]\n",
        ),
        (
            "misspelled key",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nphrase = [\"a\"]\n",
        ),
        (
            "bad regex",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nregexes = [\"ok\", \"(?P<name\"]\n",
        ),
        (
            "regex matching nothing but the empty string",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nregex = \"a*\"\n",
        ),
        (
            "id of a built-in rule",
            "[[rule]]\nid = \"greeting\"\nkind = \"forbid\"\nphrases = [\"a\"]\n",
        ),
        (
            "id defined twice",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nphrases = [\"a\"]\n\n[[rule]]\nid = \"x\"\nkind = \"require\"\nphrases = [\"b\"]\n",
        ),
        (
            "id not kebab-case",
            "[[rule]]\nid = \"No_Sorry\"\nkind = \"forbid\"\nphrases = [\"a\"]\n",
        ),
        ("no patterns", "[[rule]]\nid = \"x\"\nkind = \"require\"\n"),
        (
            "empty phrase",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nphrases = [\"a\", \" \"]\n",
        ),
        (
            "key of another kind",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nphrases = [\"a\"]\nmax = 2\n",
        ),
        (
            "substitute with phrases",
            "[[rule]]\nid = \"x\"\nkind = \"substitute\"\nphrases = [\"a\"]\n",
        ),
        (
            "limit without bounds",
            "[[rule]]\nid = \"x\"\nkind = \"limit\"\nphrases = [\"a\"]\n",
        ),
        (
            "limit with min above max",
            "[[rule]]\nid = \"x\"\nkind = \"limit\"\nphrases = [\"a\"]\nmin = 3\nmax = 1\n",
        ),
        (
            "unknown channel",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nphrases = [\"a\"]\nchannels = [\"email\", \"emial\"]\n",
        ),
        (
            "unknown language",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nphrases = [\"a\"]\nlanguages = [\"itt\"]\n",
        ),
        (
            "empty channel list",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nphrases = [\"a\"]\nchannels = []\n",
        ),
        (
            "unknown severity",
            "[[rule]]\nid = \"x\"\nkind = \"forbid\"\nphrases = [\"a\"]\nseverity = \"warn\"\n",
        ),
        (
            "misspelled user rule id in [rules]",
            "[[rule]]\nid = \"no-unfortunately\"\nkind = \"forbid\"\nphrases = [\"a\"]\n\n[rules]\nno-unfortunatly = \"error\"\n",
        ),
        (
            "misspelled user rule id in a channel's rules",
            "[[rule]]\nid = \"no-unfortunately\"\nkind = \"forbid\"\nphrases = [\"a\"]\n\n[channels.email.rules]\nno-unfortunatly = \"error\"\n",
        ),
    ];
    let mut out = String::new();
    for (name, config) in cases {
        let t = tree(config);
        let r = t.run_at("", &args_for(&[]), Some("Hi"));
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{name}: nothing is checked");
        out.push_str(&format!(
            "===== {name}\n{config}----- stderr -----\n{}\n",
            r.stderr.replace(t.root.to_str().unwrap(), "[TMP]")
        ));
    }
    insta::assert_snapshot!(out);
}

// ---------------------------------------------------------------- scale

#[test]
fn a_rule_file_with_thousands_of_phrases_finds_exactly_its_phrases() {
    let config = big_config(2000);
    let text = "Hi Anna! As I ALREADY said, promo code 1999 works, promo code 20000 does not; old name 7 is new name 7 now.";
    assert_eq!(
        found(&config, &["--channel", "chat"], text)
            .into_iter()
            .map(|d| (d.0, d.2, d.4))
            .collect::<Vec<_>>(),
        [
            (
                "banned".to_owned(),
                10,
                "avoid `As I ALREADY said`".to_owned()
            ),
            (
                "banned".to_owned(),
                29,
                "avoid `promo code 1999`".to_owned()
            ),
            (
                "preferred".to_owned(),
                79,
                "use `new name 7` instead of `old name 7`".to_owned()
            ),
        ]
    );
}

// ---------------------------------------------------------------- docs

/// The declared keys of a `[[rule]]` table are exactly the keys it
/// accepts, and the "User-defined rules" section of docs/configuration.md
/// documents each.
#[test]
fn every_rule_key_is_listed_and_documented() {
    use replylint_core::config::options::{Options, UserRuleOptions};
    let err = toml::from_str::<Options>("[[rule]]\nzzz = 1\n").expect_err("unknown key");
    let message = err.message();
    let accepted: Vec<&str> = message
        .split_once("expected one of")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    assert_eq!(accepted, UserRuleOptions::KEYS, "{message}");

    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md"),
    )
    .expect("docs/configuration.md");
    let start = page
        .find("## User-defined rules")
        .expect("docs/configuration.md has a User-defined rules section");
    let section = &page[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    for key in UserRuleOptions::KEYS {
        assert!(
            [
                format!("`{key}`"),
                format!("`{key} ="),
                format!("\n{key} ="),
                format!("# {key} ="),
            ]
            .iter()
            .any(|form| section.contains(form.as_str())),
            "the User-defined rules section of docs/configuration.md does not mention `{key}`"
        );
    }
    for kind in ["forbid", "substitute", "require", "limit"] {
        assert!(section.contains(&format!("`{kind}`")), "{kind}");
    }
}
