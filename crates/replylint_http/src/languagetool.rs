//! LanguageTool's HTTP API, as far as its clients use it: `POST /v2/check`
//! (and `GET` with the fields in the query string) and `GET
//! /v2/languages`, so that the LanguageTool browser extension, LTeX,
//! editor add-ons and libraries such as `language-tool-python` show
//! replylint's problems with no change but the server's address.
//!
//! Fields of `/v2/check`: `text`, or `data` (annotated text, see
//! [`crate::annotated`]); `language` (`auto`, or a code of one of the six
//! languages with or without a region: `en-US`, `it`, `pt-BR`; another
//! language is refused with 400, as LanguageTool refuses a code it does
//! not know); `enabledRules`, `disabledRules`, `enabledCategories`,
//! `disabledCategories`, `enabledOnly` (rule ids are replylint's,
//! `max-length`; categories are those of [`category`]); `level` (accepted;
//! replylint has no rules for `picky` only); `apiKey` (the server's token,
//! for clients that cannot send a header); and replylint's own `channel`
//! and `mode` (`draft`, `template`; LanguageTool's own values of `mode`
//! are ignored). Other fields LanguageTool takes (`motherTongue`,
//! `preferredVariants`, `username`, …) are ignored.
//!
//! The answer has LanguageTool's shape, each match with its `offset` and
//! `length` in UTF-16 code units of the text sent (of the original
//! document, markup included, for `data`), converted by
//! [`replylint_core::location::Utf16Offsets`].

use crate::annotated::Document;
use crate::guard::{self, ApiError, Permit, TokenInBody};
use crate::lint::{self, Choices};
use crate::params::{self, Fields};
use crate::{App, blocking};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use replylint_core::config::Settings;
use replylint_core::diagnostic::Severity;
use replylint_core::lang::Language;
use replylint_core::location::Utf16Offsets;
use replylint_core::mode::Mode;
use replylint_io::output::Finding;
use serde::Serialize;
use std::sync::Arc;

/// How many UTF-16 units of the document a match's `context` shows on
/// each side, as LanguageTool's server does.
const CONTEXT: usize = 40;

/// The answer to `/v2/check`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub software: Software,
    pub warnings: Warnings,
    pub language: LanguageSection,
    pub matches: Vec<Match>,
    /// Each sentence of the checked text, `[from, to]` in the document.
    pub sentence_ranges: Vec<[usize; 2]>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Software {
    pub name: &'static str,
    pub version: &'static str,
    pub build_date: &'static str,
    pub api_version: u32,
    pub premium: bool,
    pub status: &'static str,
}

/// replylint, in LanguageTool's `software` section.
const SOFTWARE: Software = Software {
    name: "replylint",
    version: env!("CARGO_PKG_VERSION"),
    build_date: "",
    api_version: 1,
    premium: false,
    status: "",
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warnings {
    pub incomplete_results: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageSection {
    pub name: String,
    pub code: String,
    pub detected_language: Detected,
}

#[derive(Debug, Serialize)]
pub struct Detected {
    pub name: String,
    pub code: String,
    pub confidence: f64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    pub message: String,
    pub short_message: String,
    pub replacements: Vec<Replacement>,
    pub offset: usize,
    pub length: usize,
    pub context: Context,
    pub sentence: String,
    #[serde(rename = "type")]
    pub kind: MatchType,
    pub rule: Rule,
    pub ignore_for_incomplete_sentence: bool,
    pub context_for_sure_match: i32,
}

#[derive(Debug, Serialize)]
pub struct Replacement {
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct Context {
    pub text: String,
    pub offset: usize,
    pub length: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchType {
    pub type_name: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub id: String,
    pub description: String,
    pub issue_type: &'static str,
    pub category: Category,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Category {
    pub id: &'static str,
    pub name: &'static str,
}

/// A language as a request names it.
#[derive(Debug, Clone)]
pub struct Named {
    pub language: Language,
    /// As asked, normalised: `en-US`, `it`.
    pub code: String,
}

impl Named {
    /// "English (US)", "German (Austria)", as `/v2/languages` names it.
    fn name(&self) -> String {
        let Some((_, region)) = self.code.split_once('-') else {
            return self.language.name().to_owned();
        };
        let place = REGIONS
            .iter()
            .filter(|(l, _)| *l == self.language)
            .flat_map(|(_, regions)| regions.iter())
            .find(|(r, _)| *r == region)
            .map_or(region, |(_, place)| place);
        format!("{} ({place})", self.language.name())
    }
}

/// What `/v2/check` was asked.
#[derive(Debug)]
pub struct Check {
    pub document: Document,
    /// `None`: `auto`.
    pub language: Option<Named>,
    pub channel: Option<String>,
    pub mode: Option<Mode>,
    pub enabled: Vec<String>,
    pub disabled: Vec<String>,
    pub enabled_categories: Vec<String>,
    pub disabled_categories: Vec<String>,
    pub enabled_only: bool,
}

/// The language of the `language` field: `None` for `auto`.
pub fn language(value: Option<&str>) -> Result<Option<Named>, ApiError> {
    let value = value.map(str::trim).unwrap_or("auto");
    if value.eq_ignore_ascii_case("auto") || value.is_empty() {
        return Ok(None);
    }
    let Some(language) = lint::language_of(value) else {
        let codes: Vec<&str> = Language::codes().collect();
        return Err(ApiError::bad_request(format!(
            "'{value}' is not a language code known to replylint. Supported language codes are: \
             auto, {} (with or without a region: en-US, pt-BR, …)",
            codes.join(", ")
        )));
    };
    // `en_us` → `en-US`, `DE` → `de`.
    let mut parts = value.split(['-', '_']);
    let mut code = parts.next().unwrap_or_default().to_ascii_lowercase();
    if let Some(region) = parts.next().filter(|r| !r.is_empty()) {
        code.push('-');
        code.push_str(&region.to_ascii_uppercase());
    }
    Ok(Some(Named { language, code }))
}

impl Check {
    pub fn from_fields(fields: &Fields) -> Result<Check, ApiError> {
        let document = match (fields.get("text"), fields.get("data")) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_request("set only 'text' or 'data', not both"));
            }
            (Some(text), None) => Document::text(text.clone()),
            (None, Some(data)) => Document::annotated(data).map_err(ApiError::bad_request)?,
            (None, None) => {
                return Err(ApiError::bad_request("missing 'text' or 'data' parameter"));
            }
        };
        // LanguageTool's own `mode` (`all`, `textLevelOnly`, …) means
        // something else: only replylint's modes are read.
        let mode = fields.get("mode").and_then(|m| lint::mode_of(m));
        Ok(Check {
            document,
            language: language(fields.get("language").map(String::as_str))?,
            channel: fields
                .get("channel")
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty()),
            mode,
            enabled: params::list(fields.get("enabledRules")),
            disabled: params::list(fields.get("disabledRules")),
            enabled_categories: params::list(fields.get("enabledCategories")),
            disabled_categories: params::list(fields.get("disabledCategories")),
            enabled_only: params::flag("enabledOnly", fields.get("enabledOnly"))?,
        })
    }

    /// Whether a match of `rule` in `category` is reported.
    fn reports(&self, rule: &str, category: &str) -> bool {
        let listed = |ids: &[String], id: &str| ids.iter().any(|i| i.eq_ignore_ascii_case(id));
        if listed(&self.disabled, rule) || listed(&self.disabled_categories, category) {
            return false;
        }
        !self.enabled_only
            || listed(&self.enabled, rule)
            || listed(&self.enabled_categories, category)
    }
}

/// `POST /v2/check` (and `GET`).
pub async fn check(State(app): State<Arc<App>>, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let bytes = guard::read_body(&app, &parts.headers, body).await?;
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let fields = params::parse(parts.uri.query(), content_type, &bytes, false)?;
    if parts.extensions.get::<TokenInBody>().is_some() {
        let token = app.token.as_deref().unwrap_or_default();
        match fields.get("apiKey") {
            Some(key) if guard::token_matches(token, key) => {}
            _ => return Err(guard::unauthorized()),
        }
    }
    let check = Check::from_fields(&fields)?;
    let settings = app.settings.get();
    if let Some(channel) = &check.channel
        && settings.channel_id(channel).is_none()
    {
        return Err(ApiError::bad_request(settings.unknown_channel(channel)));
    }
    let permit = parts.extensions.get::<Permit>().cloned();
    let answer = blocking(permit, move || answer(&settings, check)).await??;
    let body = serde_json::to_vec(&answer).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(guard::json(body))
}

/// Lint what `/v2/check` was asked and answer as LanguageTool does.
pub fn answer(settings: &Settings, check: Check) -> Result<Answer, ApiError> {
    let choices = Choices {
        channel: check.channel.clone(),
        language: check.language.as_ref().map(|n| n.language),
        mode: check.mode,
        enable: if check.enabled_only {
            Vec::new()
        } else {
            check
                .enabled
                .iter()
                .filter_map(|id| settings.rule_id(id))
                .collect()
        },
    };
    let linted = lint::lint(settings, check.document.plain.clone(), &choices)
        .map_err(|e| ApiError::bad_request(format!("the text cannot be checked: {e}")))?;
    if !linted.linted {
        let messages: Vec<String> = linted.errors.iter().map(|e| e.to_string()).collect();
        return Err(ApiError::bad_request(format!(
            "the text cannot be checked: {}",
            messages.join("; ")
        )));
    }
    let doc = &check.document;
    let plain = &doc.plain;
    let plain_units = Utf16Offsets::new(plain);
    let original = doc.original();
    let original_units = if doc.is_annotated() {
        Some(Utf16Offsets::new(original))
    } else {
        None
    };
    let original_units = original_units.as_ref().unwrap_or(&plain_units);
    let detected = settings.rule_settings.detector.guess(plain);
    let used = check
        .language
        .clone()
        .or_else(|| {
            linted.language.map(|language| Named {
                language,
                code: language.code().to_owned(),
            })
        })
        .or_else(|| {
            detected.map(|d| Named {
                language: d.language,
                code: d.language.code().to_owned(),
            })
        })
        .unwrap_or(Named {
            language: Language::En,
            code: "en".to_owned(),
        });
    let sentences = replylint_core::analysis::sentences::split(plain, Some(used.language));
    let at = |start: usize, end: usize| {
        let range = doc.range(
            plain_units.units(plain, start),
            plain_units.units(plain, end),
        );
        (range.start, range.end - range.start)
    };
    let sentence_of = |offset: usize| {
        // The sentences are in order: found by halving.
        let i = sentences.partition_point(|r| r.end < offset);
        sentences
            .get(i)
            .filter(|r| r.start <= offset)
            .and_then(|r| plain.get(r.clone()))
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let mut matches = Vec::new();
    let mut descriptions: std::collections::HashMap<String, String> = Default::default();
    let mut push = |rule: &str,
                    severity: Severity,
                    message: String,
                    start: usize,
                    end: usize,
                    replacement: Option<String>| {
        let (category, issue_type) = category(rule);
        if !check.reports(rule, category.id) {
            return;
        }
        let (offset, length) = at(start, end);
        matches.push(Match {
            message,
            short_message: String::new(),
            replacements: replacement
                .map(|value| vec![Replacement { value }])
                .unwrap_or_default(),
            offset,
            length,
            context: context(original, original_units, offset, length),
            sentence: sentence_of(start),
            kind: MatchType {
                type_name: match (rule, severity) {
                    ("spelling", _) => "UnknownWord",
                    (_, Severity::Info) => "Hint",
                    _ => "Other",
                },
            },
            rule: Rule {
                id: rule.to_owned(),
                description: descriptions
                    .entry(rule.to_owned())
                    .or_insert_with(|| description(settings, rule))
                    .clone(),
                issue_type,
                category,
            },
            ignore_for_incomplete_sentence: false,
            context_for_sure_match: 0,
        });
    };
    for f in &linted.report.findings {
        let d = &f.diagnostic;
        push(
            d.rule,
            d.severity,
            message(&d.message, d.help.as_deref()),
            f.start.offset,
            f.end.offset,
            replacement(plain, f),
        );
    }
    for f in &linted.library {
        if let Some(place) = f.places.first() {
            push(
                f.rule,
                f.severity,
                message(&f.message, f.help.as_deref()),
                place.start.offset,
                place.end.offset,
                None,
            );
        }
    }
    for e in &linted.errors {
        let at = e.position.map_or(0, |(line, column)| {
            linted.report.index.offset_of(plain, line, column)
        });
        push(
            INPUT_ERROR,
            Severity::Error,
            e.message.clone(),
            at,
            at,
            None,
        );
    }
    matches.sort_by_key(|m| (m.offset, m.length));
    let sentence_ranges = sentences
        .iter()
        .map(|r| {
            let (offset, length) = at(r.start, r.end);
            [offset, offset + length]
        })
        .collect();
    Ok(Answer {
        software: SOFTWARE,
        warnings: Warnings {
            incomplete_results: false,
        },
        language: LanguageSection {
            name: used.name(),
            code: used.code.clone(),
            detected_language: match detected {
                Some(d) => Detected {
                    name: d.language.name().to_owned(),
                    code: d.language.code().to_owned(),
                    confidence: (d.confidence * 1000.0).round() / 1000.0,
                },
                None => Detected {
                    name: used.name(),
                    code: used.code.clone(),
                    confidence: 0.0,
                },
            },
        },
        matches,
        sentence_ranges,
    })
}

/// The rule id of the errors about the text itself (its front matter, a
/// misspelt rule id in a suppression comment).
const INPUT_ERROR: &str = "input-error";

/// A diagnostic's message with its help, in one: LanguageTool's clients
/// show one message.
fn message(message: &str, help: Option<&str>) -> String {
    match help {
        Some(help) => format!("{message} ({help})"),
        None => message.to_owned(),
    }
}

/// What replaces the match's text once its fix is applied, when every
/// edit of the fix is inside the match.
fn replacement(text: &str, f: &Finding) -> Option<String> {
    let (_, edits) = f.fix.as_ref()?;
    let (start, end) = (f.start.offset, f.end.offset);
    let mut edits: Vec<_> = edits.iter().collect();
    edits.sort_by_key(|e| (e.start.offset, e.end.offset));
    let mut value = String::new();
    let mut at = start;
    for e in edits {
        if e.start.offset < at || e.end.offset > end || e.end.offset < e.start.offset {
            return None;
        }
        value.push_str(text.get(at..e.start.offset)?);
        value.push_str(&e.content);
        at = e.end.offset;
    }
    value.push_str(text.get(at..end)?);
    Some(value)
}

/// The rule's description: the first clause of its summary (a
/// user-defined rule's: its id).
fn description(settings: &Settings, rule: &str) -> String {
    match replylint_core::rules::by_id(rule) {
        Some(meta) => {
            let summary = meta.summary();
            let cut = [": ", " (", " — "]
                .iter()
                .filter_map(|sep| summary.find(sep))
                .min();
            match cut {
                Some(i) => format!("{}.", summary[..i].trim_end_matches('.')),
                None => summary,
            }
        }
        None if rule == INPUT_ERROR => "The text as written cannot be read whole.".to_owned(),
        None if settings.user_rules.get(rule).is_some() => {
            format!("A rule of the team's configuration ({rule}).")
        }
        None => rule.to_owned(),
    }
}

/// LanguageTool's context of a match: up to [`CONTEXT`] units of the
/// document on each side, `...` where it is cut, line breaks as spaces.
fn context(text: &str, units: &Utf16Offsets, offset: usize, length: usize) -> Context {
    let from = offset.saturating_sub(CONTEXT);
    let to = (offset + length + CONTEXT).min(units.len());
    let (start, end) = (units.offset(text, from), units.offset(text, to));
    let prefix = if start > 0 { "..." } else { "" };
    let postfix = if end < text.len() { "..." } else { "" };
    let shown = text.get(start..end).unwrap_or_default().replace('\n', " ");
    Context {
        text: format!("{prefix}{shown}{postfix}"),
        offset: prefix.len() + offset.saturating_sub(units.units(text, start)),
        length,
    }
}

/// The category of a rule and its issue type (of the W3C's Internationali
/// zation Tag Set, as LanguageTool's), which clients colour matches by
/// (`misspelling` in red, `style` in blue, the rest in yellow).
pub fn category(rule: &str) -> (Category, &'static str) {
    const fn c(id: &'static str, name: &'static str) -> Category {
        Category { id, name }
    }
    let typos = c("TYPOS", "Possible Typo");
    let typography = c("TYPOGRAPHY", "Typography");
    let channel = c("CHANNEL", "Channel limits");
    let style = c("STYLE", "Style");
    let conventions = c("CONVENTIONS", "Reply conventions");
    let safety = c("SAFETY", "Safety");
    let templates = c("TEMPLATES", "Templates");
    let facts = c("FACTS", "Facts and policy");
    let language = c("LANGUAGE", "Language");
    match rule {
        "spelling" => (typos, "misspelling"),
        "repeated-word" => (typos, "duplication"),
        "whitespace" => (typography, "whitespace"),
        "punctuation-spacing" | "shouting" => (typography, "typographical"),
        "invalid-character" => (typography, "characters"),
        "max-length" | "subject-length" | "sms-segments" => (channel, "length"),
        "sms-encoding" => (channel, "characters"),
        "markup" => (channel, "markup"),
        "emoji" | "exclamation" | "readability" | "sentence-length" | "blame" => (style, "style"),
        "register" | "text-speak" => (style, "register"),
        "greeting" | "sign-off" | "signature" => (conventions, "style"),
        "credential-request" | "personal-data" => (safety, "legal"),
        "link" => (safety, "non-conformance"),
        "placeholder" | "placeholder-fallback" => (templates, "non-conformance"),
        "near-duplicate" => (facts, "duplication"),
        "expired"
        | "policy-fact"
        | "inconsistent-fact"
        | "translation-drift"
        | "missing-translation" => (facts, "inconsistency"),
        "language" | "mixed-language" => (language, "locale-violation"),
        INPUT_ERROR => (c("MISC", "Miscellaneous"), "uncategorized"),
        _ => (c("TEAM", "Team rules"), "style"),
    }
}

/// One language of `/v2/languages`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageEntry {
    pub name: String,
    pub code: &'static str,
    pub long_code: String,
}

/// The regional variants listed after each language, as LanguageTool
/// lists its own (clients offer them, and some accept a code only if it
/// is listed). replylint checks a variant as its language.
const REGIONS: &[(Language, &[(&str, &str)])] = &[
    (
        Language::En,
        &[
            ("US", "US"),
            ("GB", "GB"),
            ("AU", "Australia"),
            ("CA", "Canada"),
            ("NZ", "New Zealand"),
            ("ZA", "South Africa"),
        ],
    ),
    (
        Language::De,
        &[("DE", "Germany"), ("AT", "Austria"), ("CH", "Swiss")],
    ),
    (
        Language::Pt,
        &[
            ("PT", "Portugal"),
            ("BR", "Brazil"),
            ("AO", "Angola"),
            ("MZ", "Mozambique"),
        ],
    ),
];

/// `GET /v2/languages`: the six languages replylint checks, each followed
/// by its regional variants.
pub async fn languages() -> Response {
    let mut list = Vec::new();
    for language in Language::ALL {
        list.push(LanguageEntry {
            name: language.name().to_owned(),
            code: language.code(),
            long_code: language.code().to_owned(),
        });
        let regions = REGIONS
            .iter()
            .find(|(l, _)| *l == language)
            .map_or(&[][..], |(_, r)| r);
        for (region, place) in regions {
            list.push(LanguageEntry {
                name: format!("{} ({place})", language.name()),
                code: language.code(),
                long_code: format!("{}-{region}", language.code()),
            });
        }
    }
    match serde_json::to_vec(&list) {
        Ok(body) => guard::json(body),
        Err(e) => axum::response::IntoResponse::into_response(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_normalised_and_others_refused() {
        assert!(language(None).unwrap().is_none());
        assert!(language(Some("AUTO")).unwrap().is_none());
        let named = language(Some("en_us")).unwrap().unwrap();
        assert_eq!(
            (named.language, named.code.as_str()),
            (Language::En, "en-US")
        );
        assert_eq!(named.name(), "English (US)");
        assert_eq!(language(Some("DE")).unwrap().unwrap().code, "de");
        let refused = language(Some("nl-NL")).unwrap_err();
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.message.contains("'nl-NL' is not a language code"));
    }

    #[test]
    fn every_built_in_rule_has_a_category_of_its_own() {
        for id in replylint_core::rules::ids() {
            assert_ne!(category(id).0.id, "TEAM", "{id} has no category");
        }
    }

    #[test]
    fn descriptions_are_the_first_clause_of_the_summary() {
        let settings = replylint_core::config::Settings::from_text(
            None,
            &Default::default(),
            std::path::Path::new("."),
        )
        .unwrap();
        assert_eq!(
            description(&settings, "expired"),
            "Reports a date or a promotion that is over, in a sentence that still offers it."
        );
        for id in replylint_core::rules::ids() {
            let d = description(&settings, id);
            assert!(d.len() < 200 && d.ends_with('.'), "{id}: {d}");
        }
    }

    #[test]
    fn rules_and_categories_are_enabled_and_disabled() {
        let check = |fields: &[(&str, &str)]| {
            let mut all: Fields = fields
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect();
            all.insert("text".into(), "x".into());
            Check::from_fields(&all).unwrap()
        };
        let c = check(&[("disabledRules", "spelling,whitespace")]);
        assert!(!c.reports("spelling", "TYPOS") && c.reports("greeting", "CONVENTIONS"));
        let c = check(&[("enabledRules", "spelling"), ("enabledOnly", "true")]);
        assert!(c.reports("spelling", "TYPOS") && !c.reports("greeting", "CONVENTIONS"));
        let c = check(&[("enabledCategories", "TYPOS"), ("enabledOnly", "true")]);
        assert!(c.reports("repeated-word", "TYPOS") && !c.reports("emoji", "STYLE"));
        let c = check(&[("disabledCategories", "STYLE")]);
        assert!(!c.reports("emoji", "STYLE") && c.reports("spelling", "TYPOS"));
    }
}
