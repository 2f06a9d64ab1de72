//! Checking one reply of a file read ([`crate::input`]) as `check` does:
//! resolve its channel, language and mode, report the misspelt rule ids of
//! its `allow` and of its suppression comments, lint it and locate what
//! the rules found in its file. The command line checks every reply of
//! every file with it; the language server, every reply of a document.

use crate::input::InputError;
use crate::library::{At, locate_profile};
use crate::output::Finding;
use replylint_core::config::Settings;
use replylint_core::config::settings::PathContext;
use replylint_core::diagnostic::Diagnostic;
use replylint_core::engine;
use replylint_core::library::{BodySpan, Profile};
use replylint_core::location::LineIndex;
use replylint_core::reply::{Reply, ReplyContext, Source};

/// What checking one reply gave.
#[derive(Default)]
pub struct ReplyOutcome {
    pub errors: Vec<InputError>,
    /// Linted (its channel and language are known).
    pub linted: bool,
    pub without_channel: bool,
    pub findings: Vec<Finding>,
    /// The reply's library profile: its index in the file, its channel.
    pub profile: Option<(usize, String, replylint_core::library::Profile<At>)>,
}

/// Check the `n`th reply of `source` (whose line index is `index`) with
/// the settings of its path, `at_path`. `profiled`: also keep the profile
/// the library rules read, for a run that applies them.
pub fn check_reply(
    settings: &Settings,
    at_path: &PathContext<'_>,
    source: &Source,
    index: &LineIndex,
    (n, reply): (usize, &Reply),
    profiled: bool,
) -> ReplyOutcome {
    check_reply_with(settings, at_path, source, index, (n, reply), |rc| {
        engine::lint_profiled(settings, reply, rc, profiled)
    })
}

/// [`check_reply`] with the rules' diagnostics (and profile) from `lint`:
/// the language server's, which keeps those of replies it linted before.
pub fn check_reply_with(
    settings: &Settings,
    at_path: &PathContext<'_>,
    source: &Source,
    index: &LineIndex,
    (n, reply): (usize, &Reply),
    lint: impl FnOnce(&ReplyContext<'_>) -> (Vec<Diagnostic>, Option<Profile<BodySpan>>),
) -> ReplyOutcome {
    let mut outcome = ReplyOutcome::default();
    // The file's line index is at hand: no new one per error.
    let at = |offset: usize, message: String| {
        let p = index.position(&source.text, offset);
        InputError {
            path: source.name.clone(),
            position: Some((p.line, p.column)),
            message,
        }
    };
    let rc = match settings.reply_context_in(at_path, &reply.meta) {
        Ok(rc) => rc,
        Err((offset, message)) => {
            outcome.errors.push(at(offset, message));
            return outcome;
        }
    };
    // A misspelt rule id in `allow` or in a suppression comment is an
    // error, but the reply is still checked: the other entries are good.
    for bad in reply
        .meta
        .allow
        .iter()
        .filter(|a| settings.rule_id(&a.value).is_none())
    {
        outcome.errors.push(at(
            bad.offset,
            replylint_core::suggest::unknown("rule", &bad.value, settings.rule_ids()),
        ));
    }
    let problems = replylint_core::suppress::Directives::parse(&reply.body).problems(
        |id| settings.rule_id(id).is_some(),
        || settings.rule_ids().collect(),
    );
    for (offset, message) in problems {
        outcome
            .errors
            .push(at(reply.offsets.source_start(offset), message));
    }
    outcome.linted = true;
    outcome.without_channel = !rc.channel_named;
    let (diagnostics, profile) = lint(&rc);
    for d in diagnostics {
        outcome
            .findings
            .push(Finding::new(reply, index, &rc.channel.id, d));
    }
    outcome.profile = profile.map(|p| (n, rc.channel.id.clone(), locate_profile(reply, index, p)));
    outcome
}

/// The system clock's date, in UTC: the day `expired` judges dates
/// against when neither `--today` nor the config's `today` says (the
/// core has no clock).
pub fn system_today() -> Option<replylint_core::date::Date> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let days = i64::try_from(since.as_secs() / 86_400).ok()?;
    replylint_core::date::Date::from_days_since_epoch(days)
}
