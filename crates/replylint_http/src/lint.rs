//! Linting the text of one request as `replylint check -` lints standard
//! input: the same reader (one reply, with optional front matter), the
//! same per-reply check ([`replylint_io::check`]) and the same library
//! pass over the one reply. The request's channel, language and mode fill
//! in what the text's front matter leaves unset, as `--channel`, `--lang`
//! and `--mode` do.
//!
//! The text is never a path: its source has no path (no per-path
//! settings apply to it) and its name, [`NAME`], says it came from a
//! request.

use replylint_core::config::Settings;
use replylint_core::diagnostic::{Diagnostic, Level};
use replylint_core::lang::Language;
use replylint_core::library::{BodySpan, Profile};
use replylint_core::location::LineIndex;
use replylint_core::mode::Mode;
use replylint_core::reply::{Located, ReplyContext, Source};
use replylint_io::check::check_reply_with;
use replylint_io::input::{self, InputError, Read};
use replylint_io::library::Profiles;
use replylint_io::output::{self, FileReport, Format, LibraryFinding, Summary};
use std::sync::Arc;

/// The name of a request's text in reports (`path` in the JSON output).
pub const NAME: &str = "<request>";

/// What a request asks besides its text.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// A channel id or alias the settings know (checked beforehand).
    pub channel: Option<String>,
    pub language: Option<Language>,
    pub mode: Option<Mode>,
    /// Rules to run even where the channel turns them off, at their
    /// default severity (LanguageTool's `enabledRules`).
    pub enable: Vec<&'static str>,
}

/// A text linted.
pub struct Linted {
    pub report: FileReport,
    /// The library rules' findings over the one reply.
    pub library: Vec<LibraryFinding>,
    /// Errors about the text (front matter, unknown rule ids in `allow`
    /// or in suppression comments), in the order of the text.
    pub errors: Vec<InputError>,
    /// Whether the reply was linted: `false` when an error kept it from
    /// being checked.
    pub linted: bool,
    /// The language the reply was checked in, when something declared
    /// one (the request, the front matter or the configuration).
    pub language: Option<Language>,
    pub without_channel: bool,
}

impl Linted {
    /// The totals, as `check` counts them.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: 1,
            replies: usize::from(self.linted),
            replies_without_channel: usize::from(self.without_channel),
            input_errors: self.errors.len(),
            blocking_errors: usize::from(!self.linted && !self.errors.is_empty()),
            ..Summary::default()
        };
        for f in &self.report.findings {
            summary.count(f.diagnostic.severity);
        }
        for f in &self.library {
            summary.count(f.severity);
        }
        summary
    }

    /// The `--format json` document of `check`.
    pub fn json(&self) -> std::io::Result<Vec<u8>> {
        let mut emitter = output::emitter(Format::Json, false);
        let mut out = Vec::new();
        let rendered = emitter.render(&self.report)?;
        emitter.file(&mut out, &self.report, rendered)?;
        emitter.library(&mut out, &self.library)?;
        for e in &self.errors {
            emitter.input_error(&mut out, e)?;
        }
        emitter.finish(&mut out, &self.summary())?;
        Ok(out)
    }
}

/// The source of a request's text.
pub fn source(text: String) -> Arc<Source> {
    Arc::new(Source {
        path: None,
        name: NAME.to_owned(),
        text,
    })
}

/// Lint `text` with `settings` and the request's `choices`. `Err`: the
/// text could not be read as a reply (front matter opened and never
/// closed, front matter that does not parse).
pub fn lint(settings: &Settings, text: String, choices: &Choices) -> Result<Linted, InputError> {
    let source = source(text);
    let index = LineIndex::new(&source.text);
    let mut replies = match input::read_source(source.clone(), true)? {
        (Read::Replies(_, replies), _) => replies,
        // The text reader reads any text; nothing is skipped.
        (Read::Skipped(_), _) => Vec::new(),
    };
    let mut linted = Linted {
        report: FileReport {
            source: source.clone(),
            index,
            replies: 0,
            findings: Vec::new(),
        },
        library: Vec::new(),
        errors: Vec::new(),
        linted: false,
        language: None,
        without_channel: false,
    };
    let mut profiles = Profiles::default();
    for reply in &mut replies {
        fill(&mut reply.meta, choices);
    }
    for (n, reply) in replies.iter().enumerate() {
        let at = settings.path_context(None);
        let mut language = None;
        let outcome = check_reply_with(
            settings,
            &at,
            &source,
            &linted.report.index,
            (n, reply),
            |rc| {
                language = rc.language;
                lint_enabled(settings, reply, rc, &choices.enable)
            },
        );
        linted.errors.extend(outcome.errors);
        if outcome.linted {
            linted.linted = true;
            linted.language = language;
            linted.without_channel = outcome.without_channel;
            linted.report.replies += 1;
        }
        linted.report.findings.extend(outcome.findings);
        if let Some((i, channel, profile)) = outcome.profile {
            profiles.push(&replies[i], &channel, profile);
        }
    }
    linted.library = profiles.findings(&settings.rule_settings.library, true);
    Ok(linted)
}

/// The request's choices where the reply's front matter makes none: the
/// place `--channel`, `--lang` and `--mode` take, just below the front
/// matter.
fn fill(meta: &mut replylint_core::reply::ReplyMeta, choices: &Choices) {
    let located = |value: &str| Located {
        value: value.to_owned(),
        offset: 0,
    };
    if meta.channel.is_none() {
        meta.channel = choices.channel.as_deref().map(located);
    }
    if meta.language.is_none() {
        meta.language = choices.language.map(|l| located(l.code()));
    }
    if meta.mode.is_none() {
        meta.mode = choices.mode;
    }
}

/// Lint a reply as the engine does, with the rules of `enable` that its
/// channel turns off turned on at their default severity.
fn lint_enabled(
    settings: &Settings,
    reply: &replylint_core::reply::Reply,
    rc: &ReplyContext<'_>,
    enable: &[&'static str],
) -> (Vec<Diagnostic>, Option<Profile<BodySpan>>) {
    let off: Vec<&'static str> = enable
        .iter()
        .copied()
        .filter(|id| rc.channel.level(id) == Level::Off)
        .collect();
    if off.is_empty() {
        return replylint_core::engine::lint_profiled(settings, reply, rc, true);
    }
    let mut channel = rc.channel.clone();
    for id in off {
        let level = default_level(settings, id);
        channel.levels.insert(id, level);
        if let Some(i) = replylint_core::rules::REGISTRY
            .iter()
            .position(|r| r.meta().id == id)
            && let Some(slot) = channel.registry_levels.get_mut(i)
        {
            *slot = level;
        }
    }
    let rc = ReplyContext {
        channel: &channel,
        ..*rc
    };
    replylint_core::engine::lint_profiled(settings, reply, &rc, true)
}

/// The level a rule has when nothing turns it off: a built-in rule's
/// declared default severity, a user-defined rule's own level (a rule
/// whose own level is `off` runs as a warning).
fn default_level(settings: &Settings, id: &str) -> Level {
    let level = match replylint_core::rules::by_id(id) {
        Some(meta) => match meta.default_severity {
            replylint_core::diagnostic::Severity::Error => Level::Error,
            replylint_core::diagnostic::Severity::Warning => Level::Warning,
            replylint_core::diagnostic::Severity::Info => Level::Info,
        },
        None => settings.user_rules.get(id).map_or(Level::Off, |u| u.level),
    };
    if level == Level::Off {
        Level::Warning
    } else {
        level
    }
}

/// The language of a request's `language` or `lang` field: a code of
/// one of the six (`it`), with or without a region (`en-US`, `pt_BR`),
/// in any case. `None` for another language.
pub fn language_of(code: &str) -> Option<Language> {
    let code = code.trim();
    let base = code.split(['-', '_']).next().unwrap_or(code);
    if base.len() != 2 {
        return None;
    }
    base.parse().ok()
}

/// A mode by name.
pub fn mode_of(name: &str) -> Option<Mode> {
    match name.trim().to_ascii_lowercase().as_str() {
        "draft" => Some(Mode::Draft),
        "template" => Some(Mode::Template),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_read_with_or_without_a_region() {
        assert_eq!(language_of("en-US"), Some(Language::En));
        assert_eq!(language_of("pt_BR"), Some(Language::Pt));
        assert_eq!(language_of("IT"), Some(Language::It));
        assert_eq!(language_of("de-DE-x-simple"), Some(Language::De));
        assert_eq!(language_of("nl-NL"), None);
        assert_eq!(language_of("eng"), None);
        assert_eq!(language_of(""), None);
        assert_eq!(language_of("auto"), None);
    }
}
