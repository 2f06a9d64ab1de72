//! Evaluation sets (`tests/data/eval`, `tests/data/safety`): one reply a
//! line, linted through the library with the built-in configuration.

use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::diagnostic::Diagnostic;
use replylint_core::mode::Mode;
use replylint_core::reply::{Located, OffsetMap, Reply, ReplyMeta, Source};
use serde::Deserialize;
use std::sync::Arc;

/// One reply of an evaluation set.
#[derive(Debug, Deserialize)]
pub struct Case {
    pub id: String,
    pub language: String,
    pub channel: String,
    pub text: String,
    /// The rule that must report the planted defect, if any.
    #[serde(default)]
    pub defect: Option<String>,
    /// The text the defect's diagnostic must cover.
    #[serde(default)]
    pub planted: Option<String>,
    /// Draft or template; unset, the built-in default.
    #[serde(default)]
    pub mode: Option<Mode>,
}

/// The cases of `tests/data/{set}/{name}`.
pub fn load(set: &str, name: &str) -> Vec<Case> {
    let path = format!("{}/tests/data/{set}/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1)))
        .collect()
}

/// The built-in settings (no config file).
pub fn settings() -> Settings {
    replylint_io::config::load(
        &CliOverrides {
            no_config: true,
            ..CliOverrides::default()
        },
        std::path::Path::new("."),
    )
    .expect("built-in settings")
}

/// The diagnostics of `rules` on one case, on its channel and language
/// (and mode, when it has one).
pub fn lint(settings: &Settings, case: &Case, rules: &[&str]) -> Vec<Diagnostic> {
    let located = |value: &str| {
        Some(Located {
            value: value.to_owned(),
            offset: 0,
        })
    };
    let reply = Reply {
        body: case.text.clone(),
        meta: ReplyMeta {
            channel: located(&case.channel),
            language: located(&case.language),
            mode: case.mode,
            ..ReplyMeta::default()
        },
        offsets: OffsetMap::starting_at(0),
        source: Arc::new(Source {
            path: None,
            name: case.id.clone(),
            text: case.text.clone(),
        }),
    };
    let rc = settings
        .reply_context(None, &reply.meta)
        .unwrap_or_else(|(_, m)| panic!("{}: {m}", case.id));
    replylint_core::engine::lint(settings, &reply, &rc)
        .into_iter()
        .filter(|d| rules.contains(&d.rule))
        .collect()
}
