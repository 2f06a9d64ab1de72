//! What the bindings compute, in plain Rust (and tested natively): a
//! draft checked as `replylint check -` checks standard input without
//! front matter, its counts as `replylint count` gives them, the channels,
//! the rules and one rule's documentation. Every answer is JSON; every
//! position carries, besides the CLI's line, column, UTF-16 column and
//! byte offset, `utf16`: its offset from the start of the text in UTF-16
//! code units, the way JavaScript indexes a string (converted by
//! [`Utf16Offsets`], the one converter of the core).

use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::diagnostic::{Applicability, Part, Severity};
use replylint_core::engine;
use replylint_core::lang::Language;
use replylint_core::location::{Position, Utf16Offsets};
use replylint_core::mode::Mode;
use replylint_core::reply::{LocatedEdit, Reply, locate_diagnostic};
use replylint_core::suppress::Directives;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

/// The name a pasted configuration is reported under.
pub const CONFIG_NAME: &str = "replylint.toml";

/// What a call may say besides the text: the command line's `--channel`,
/// `--lang`, `--mode` and `--today`, and the text of a `replylint.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    pub channel: Option<String>,
    #[serde(alias = "language")]
    pub lang: Option<String>,
    pub mode: Option<Mode>,
    /// The text of a `replylint.toml`.
    pub config: Option<String>,
    /// The day dates are judged against, `YYYY-MM-DD` (the core has no
    /// clock: the page passes the browser's date, in UTC as the CLI's).
    pub today: Option<String>,
}

impl Options {
    /// Options from their JSON (`""`, `null`: none).
    pub fn from_json(json: &str) -> Result<Options, String> {
        if json.trim().is_empty() || json.trim() == "null" {
            return Ok(Options::default());
        }
        serde_json::from_str(json).map_err(|e| format!("options: {e}"))
    }
}

thread_local! {
    /// The settings of the last options: resolving them (the channels,
    /// the lexicons, a pasted config's rules) is done once, not on every
    /// keystroke.
    static SETTINGS: RefCell<Option<(Options, Rc<Settings>)>> = const { RefCell::new(None) };
}

/// The settings `options` resolve to; `Err` with the message of a
/// mistake in the config (`replylint.toml:3:1: unknown key …`) or in an
/// option.
pub fn settings(options: &Options) -> Result<Rc<Settings>, String> {
    if let Some(settings) = SETTINGS.with_borrow(|cached| {
        cached
            .as_ref()
            .filter(|(o, _)| o == options)
            .map(|(_, s)| Rc::clone(s))
    }) {
        return Ok(settings);
    }
    // An empty value (a picker left on "none") is no value.
    let given = |o: &Option<String>| o.clone().filter(|v| !v.trim().is_empty());
    let cli = CliOverrides {
        channel: given(&options.channel),
        language: given(&options.lang),
        mode: options.mode,
        today: given(&options.today),
        ..CliOverrides::default()
    };
    let file = options
        .config
        .as_deref()
        .map(|text| (Path::new(CONFIG_NAME), text));
    let settings =
        Rc::new(Settings::from_text(file, &cli, Path::new("/")).map_err(|e| e.to_string())?);
    SETTINGS.set(Some((options.clone(), Rc::clone(&settings))));
    Ok(settings)
}

/// A place in the text: the CLI's position (1-based line and columns,
/// byte offset) and `utf16`, the offset in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Place {
    #[serde(flatten)]
    pub position: Position,
    pub utf16: usize,
}

/// One problem found, in the shape of the CLI's JSON diagnostics (less the
/// path, reply id and title, which a draft has none of).
#[derive(Debug, Serialize)]
pub struct Problem {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
    pub start: Place,
    pub end: Place,
    pub fix: Option<FixOut>,
}

#[derive(Debug, Serialize)]
pub struct FixOut {
    pub applicability: Applicability,
    pub edits: Vec<EditOut>,
}

/// Replace the text from `start` to `end` by `content`.
#[derive(Debug, Serialize)]
pub struct EditOut {
    pub start: Place,
    pub end: Place,
    pub content: String,
}

/// A mistake in the draft's suppression comments (a misspelt rule id),
/// as the CLI's JSON `errors` has it: the draft is still checked.
#[derive(Debug, Serialize)]
pub struct InputProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub start: Place,
}

/// What [`check`] gives.
#[derive(Debug, Serialize)]
pub struct Checked {
    /// The channel, language and mode the draft was checked as.
    pub channel: String,
    pub language: Option<Language>,
    pub mode: Mode,
    pub diagnostics: Vec<Problem>,
    pub errors: Vec<InputProblem>,
}

/// Check `text` as one draft.
pub fn check(text: &str, options: &Options) -> Result<Checked, String> {
    let settings = settings(options)?;
    let reply = Reply::draft(text);
    let at = settings.path_context(None);
    let rc = settings
        .reply_context_in(&at, &reply.meta)
        .map_err(|(_, message)| message)?;
    let offsets = Utf16Offsets::new(text);
    let index = offsets.index();
    let place = |p: Position| Place {
        position: p,
        utf16: offsets.units(text, p.offset),
    };
    // As `replylint_io::check::check_reply_with`: a misspelt id in a
    // suppression comment is reported, and the draft still checked.
    let errors = Directives::parse(&reply.body)
        .problems(
            |id| settings.rule_id(id).is_some(),
            || settings.rule_ids().collect(),
        )
        .into_iter()
        .map(|(offset, message)| {
            let p = index.position(text, reply.offsets.source_start(offset));
            InputProblem {
                line: p.line,
                column: p.column,
                message,
                start: place(p),
            }
        })
        .collect();
    let diagnostics = engine::lint(&settings, &reply, &rc)
        .into_iter()
        .map(|mut d| {
            let (start, end, fix) = locate_diagnostic(&reply, index, &mut d);
            let edit = |e: LocatedEdit| EditOut {
                start: place(e.start),
                end: place(e.end),
                content: e.content,
            };
            Problem {
                rule: d.rule.to_owned(),
                severity: d.severity,
                message: d.message,
                help: d.help,
                part: (!d.part.is_body()).then_some(d.part),
                start: place(start),
                end: place(end),
                fix: fix.map(|(applicability, edits)| FixOut {
                    applicability,
                    edits: edits.into_iter().map(edit).collect(),
                }),
            }
        })
        .collect();
    Ok(Checked {
        channel: rc.channel.id.clone(),
        language: rc.language,
        mode: rc.mode,
        diagnostics,
        errors,
    })
}

/// The counts of `text` as `replylint count --format json` gives them, in
/// `lang` if given, each character that forces an SMS into UCS-2 with its
/// `utf16` offset too.
pub fn count(text: &str, lang: Option<&str>) -> Result<serde_json::Value, String> {
    let declared = lang
        .filter(|l| !l.trim().is_empty())
        .map(str::parse::<Language>)
        .transpose()?;
    let reply = Reply::draft(text);
    let counts = replylint_core::count::count(&reply, declared);
    let offsets = Utf16Offsets::new(text);
    let mut value = serde_json::to_value(&counts).map_err(|e| e.to_string())?;
    if let Some(list) = value
        .get_mut("sms_non_gsm")
        .and_then(serde_json::Value::as_array_mut)
    {
        for (item, c) in list.iter_mut().zip(&counts.sms_non_gsm) {
            item["utf16"] = offsets.units(text, c.position.offset).into();
        }
    }
    Ok(value)
}

/// The channels: built-in and those of the config, with what the page
/// shows of them.
pub fn channels(options: &Options) -> Result<serde_json::Value, String> {
    let settings = settings(options)?;
    Ok(settings
        .channels
        .values()
        .map(|c| {
            serde_json::json!({
                "id": c.id,
                "aliases": c.aliases,
                "description": c.description,
                "unit": c.unit.as_str(),
                "max_length": c.max_length,
                "max_segments": c.max_segments,
                "builtin": c.builtin,
            })
        })
        .collect())
}

/// The languages `lang` takes: `{ code, name }`. Spelling is checked in
/// English only here (the other languages' Hunspell dictionaries are the
/// system's, which a browser has none of).
pub fn languages() -> serde_json::Value {
    Language::ALL
        .iter()
        .map(|l| serde_json::json!({ "code": l.code(), "name": l.name() }))
        .collect()
}

/// The rules as `replylint rules --format json` lists them, the config's
/// own rules after the built-in ones.
pub fn rules(options: &Options) -> Result<serde_json::Value, String> {
    let settings = settings(options)?;
    Ok(replylint_core::docs::rules_json_with(
        &settings.user_rules,
        options.config.is_some().then_some(Path::new(CONFIG_NAME)),
    ))
}

/// `replylint explain ID`: a rule's documentation in Markdown.
pub fn explain(id: &str, options: &Options) -> Result<String, String> {
    if let Some(meta) = replylint_core::rules::by_id(id) {
        return Ok(replylint_core::docs::explain(meta));
    }
    let settings = settings(options)?;
    match settings.user_rules.get(id) {
        Some(user) => Ok(user.explain(Some(Path::new(CONFIG_NAME)))),
        None => Err(replylint_core::suggest::unknown(
            "rule",
            id,
            settings.rule_ids(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sms_it() -> Options {
        Options {
            channel: Some("sms".to_owned()),
            lang: Some("it".to_owned()),
            ..Options::default()
        }
    }

    #[test]
    fn a_typographic_apostrophe_forces_ucs2_and_its_fix_is_in_utf16_units() {
        // "😀" is two UTF-16 units and four bytes: the apostrophe after it
        // is at UTF-16 offset 8, byte offset 10.
        let text = "Ciao 😀 l’ordine è partito.";
        let counts = count(text, Some("it")).unwrap();
        assert_eq!(counts["sms_encoding"], "ucs2");
        let apostrophe = counts["sms_non_gsm"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["character"] == "’")
            .unwrap();
        assert_eq!(apostrophe["utf16"], 9);
        assert_eq!(apostrophe["position"]["offset"], 11);
        let checked = check(text, &sms_it()).unwrap();
        assert_eq!(checked.channel, "sms");
        // One diagnostic a character: the emoji's has no fix.
        let encoding: Vec<&Problem> = checked
            .diagnostics
            .iter()
            .filter(|d| d.rule == "sms-encoding")
            .collect();
        assert_eq!(encoding.len(), 2);
        assert_eq!((encoding[0].start.utf16, encoding[0].end.utf16), (5, 7));
        assert!(encoding[0].fix.is_none());
        let edit = &encoding[1].fix.as_ref().expect("a fix").edits[0];
        assert_eq!(edit.content, "'");
        assert_eq!((edit.start.utf16, edit.end.utf16), (9, 10));
        assert_eq!(
            (edit.start.position.offset, edit.end.position.offset),
            (11, 14)
        );
    }

    #[test]
    fn a_tweet_over_280_is_flagged_from_character_281() {
        let text = "a".repeat(300);
        let options = Options {
            channel: Some("x".to_owned()),
            ..Options::default()
        };
        let checked = check(&text, &options).unwrap();
        assert_eq!(checked.channel, "twitter");
        let max = checked
            .diagnostics
            .iter()
            .find(|d| d.rule == "max-length")
            .expect("max-length");
        assert_eq!((max.start.utf16, max.end.utf16), (280, 300));
        let short = check(&"a".repeat(280), &options).unwrap();
        assert!(short.diagnostics.iter().all(|d| d.rule != "max-length"));
    }

    #[test]
    fn a_mistake_in_the_config_names_its_line_and_key() {
        let options = Options {
            config: Some("channel = \"sms\"\n\n[channels.sms]\nmax-segmnets = 2\n".to_owned()),
            ..Options::default()
        };
        let err = check("Hello", &options).unwrap_err();
        assert!(err.starts_with("replylint.toml:4:"), "{err}");
        assert!(err.contains("max-segmnets"), "{err}");
        // A good config is used: its channel applies.
        let options = Options {
            config: Some("channel = \"sms\"\n".to_owned()),
            ..Options::default()
        };
        assert_eq!(check("Hello", &options).unwrap().channel, "sms");
    }

    #[test]
    fn unknown_options_and_names_are_errors_with_suggestions() {
        assert!(Options::from_json(r#"{"chanel":"sms"}"#).is_err());
        // Empty values are none: the generic channel, the detected language.
        let empty = Options::from_json(r#"{"channel":"","lang":"","today":""}"#).unwrap();
        let checked = check("Hello", &empty).unwrap();
        assert_eq!(
            (checked.channel.as_str(), checked.language),
            ("generic", None)
        );
        assert_eq!(Options::from_json("").unwrap(), Options::default());
        let options = Options {
            channel: Some("smss".to_owned()),
            ..Options::default()
        };
        let err = check("Hello", &options).unwrap_err();
        assert!(err.contains("sms"), "{err}");
        assert!(count("Ciao", Some("xx")).is_err());
        assert!(
            explain("max-lenght", &Options::default())
                .unwrap_err()
                .contains("max-length")
        );
        assert!(
            explain("max-length", &Options::default())
                .unwrap()
                .starts_with("# max-length")
        );
    }

    #[test]
    fn a_misspelt_suppression_comment_is_an_error_and_the_draft_still_checked() {
        let text = "<!-- replylint-disable max-lenght -->\nhello!!!";
        let checked = check(text, &Options::default()).unwrap();
        assert_eq!(checked.errors.len(), 1);
        assert_eq!(checked.errors[0].line, 1);
        assert!(checked.errors[0].message.contains("max-length"));
    }

    #[test]
    fn channels_and_rules_list_the_configs_own() {
        let options = Options {
            config: Some("[channels.kiosk]\nmax-length = 40\n".to_owned()),
            ..Options::default()
        };
        let channels = channels(&options).unwrap();
        let ids: Vec<&str> = channels
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["id"].as_str())
            .collect();
        assert!(ids.contains(&"kiosk") && ids.contains(&"sms"), "{ids:?}");
        let rules = rules(&Options::default()).unwrap();
        assert!(
            rules
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["id"] == "sms-encoding")
        );
    }
}
