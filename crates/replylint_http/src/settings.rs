//! The settings requests are checked with, found as `check` finds them
//! (`--config`, or the first `replylint.toml` up from the working folder)
//! and loaded again when that changes: a config file edited, created or
//! removed, or a new day (the day `expired` judges dates against). A
//! configuration that no longer loads is logged, and the last good one
//! stays in use.

use crate::log::Log;
use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

/// Where the configuration comes from.
#[derive(Debug, Clone)]
pub struct Source {
    /// `--config`, `--no-config`, and the channel, language and mode of
    /// texts that name none.
    pub overrides: CliOverrides,
    /// The folder a config file is looked for from.
    pub cwd: PathBuf,
}

/// What, when it changes, calls for loading the settings again: the
/// config file in use, its modification time and length, and the day.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    file: Option<(PathBuf, Option<SystemTime>, u64)>,
    today: Option<replylint_core::date::Date>,
}

/// The settings in use, swapped whole when they are loaded again.
pub struct Live {
    source: Source,
    current: RwLock<(Arc<Settings>, Fingerprint)>,
}

impl Live {
    /// Load the settings a first time: an error if they do not load.
    pub fn load(source: Source) -> Result<Live, String> {
        let print = fingerprint(&source);
        let settings = load(&source).map_err(|e| e.to_string())?;
        Ok(Live {
            source,
            current: RwLock::new((Arc::new(settings), print)),
        })
    }

    /// The settings in use.
    pub fn get(&self) -> Arc<Settings> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        current.0.clone()
    }

    /// The config file in use, if any.
    pub fn config_file(&self) -> Option<PathBuf> {
        self.get().config_file.clone()
    }

    /// Load the settings again if what they were loaded from changed
    /// since; log what happened.
    pub fn refresh(&self, log: &Log) {
        let print = fingerprint(&self.source);
        {
            let current = self.current.read().unwrap_or_else(|e| e.into_inner());
            if current.1 == print {
                return;
            }
        }
        let result = load(&self.source);
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        // Tried once per change: a broken file is not read again until it
        // changes again.
        current.1 = print;
        match result {
            Ok(settings) => {
                let file = settings.config_file.as_deref().map(Path::display);
                log.event(
                    "config-loaded",
                    &[("config", file.map(|f| f.to_string()).into())],
                );
                current.0 = Arc::new(settings);
            }
            Err(e) => log.event(
                "config-error",
                &[
                    ("message", e.to_string().into()),
                    ("kept", "the last settings that loaded".into()),
                ],
            ),
        }
    }
}

fn load(source: &Source) -> Result<Settings, replylint_core::config::ConfigError> {
    let mut settings = replylint_io::config::load(&source.overrides, &source.cwd)?;
    if settings.rule_settings.today.is_none() {
        settings.rule_settings.today = replylint_io::check::system_today();
    }
    Ok(settings)
}

fn fingerprint(source: &Source) -> Fingerprint {
    let file = if source.overrides.no_config {
        None
    } else {
        source
            .overrides
            .config
            .clone()
            .or_else(|| replylint_io::config::discover(&source.cwd))
    };
    Fingerprint {
        file: file.map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.map_or(0, |m| m.len());
            (path, modified, len)
        }),
        today: replylint_io::check::system_today(),
    }
}
