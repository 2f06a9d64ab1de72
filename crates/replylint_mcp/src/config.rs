//! The configuration the tools check with: found as `check` finds it
//! (`--config`, or the first `replylint.toml` walking up from the working
//! folder), and loaded again when the file found, or its text, changes:
//! every call looks, so an edit applies from the next call on.
//!
//! A channel, language or mode given to a tool is what `check --channel
//! … --lang … --mode …` would be given: settings are loaded with them as
//! command-line overrides, once for each combination asked for, and kept
//! until the configuration changes.
//!
//! A configuration that does not load is the calls' error (naming the
//! file, line and column, and what is wrong); the settings of the last one
//! that loaded are kept, not replaced by the built-in ones, and serve
//! again as soon as the file is back to the text they were loaded from.

use replylint_core::config::settings::CliOverrides;
use replylint_core::config::{ConfigError, Settings};
use replylint_core::date::Date;
use replylint_core::lang::Language;
use replylint_core::mode::Mode;
use replylint_io::dictionaries::DictionarySearch;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the configuration comes from.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--config`: this file rather than one discovered.
    pub config: Option<PathBuf>,
    /// `--no-config`: the built-in settings only.
    pub no_config: bool,
    /// The folder configuration is discovered from.
    pub cwd: PathBuf,
    /// Where the spelling dictionaries the configuration does not name
    /// are looked for.
    pub dictionaries: DictionarySearch,
}

/// The overrides of one call: channel id, language, mode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Overrides {
    pub channel: Option<String>,
    pub language: Option<Language>,
    pub mode: Option<Mode>,
}

/// The configuration file and its text, as loaded (`None`: no file).
type FileText = Option<(PathBuf, String)>;

/// Settings loaded from one text of the configuration.
struct Loaded {
    file: FileText,
    /// The day the settings judge dates against when the configuration
    /// does not say: the system's, at loading.
    today: Option<Date>,
    base: Arc<Settings>,
    with: HashMap<Overrides, Arc<Settings>>,
}

pub struct Config {
    options: Options,
    loaded: Option<Loaded>,
}

impl Config {
    pub fn new(options: Options) -> Self {
        Config {
            options,
            loaded: None,
        }
    }

    /// The configuration file in use now (`None`: none), found again.
    pub fn file(&self) -> Option<PathBuf> {
        if self.options.no_config {
            None
        } else if let Some(path) = &self.options.config {
            Some(self.options.cwd.join(path))
        } else {
            replylint_io::config::discover(&self.options.cwd)
        }
    }

    /// The settings without overrides, loaded again if the configuration
    /// changed.
    pub fn base(&mut self) -> Result<Arc<Settings>, ConfigError> {
        Ok(self.current()?.base.clone())
    }

    /// The settings with a call's overrides (validated against
    /// [`Config::base`] first: a channel must be one it knows).
    pub fn with(&mut self, overrides: &Overrides) -> Result<Arc<Settings>, ConfigError> {
        if *overrides == Overrides::default() {
            return self.base();
        }
        let options = self.options.clone();
        let loaded = self.current()?;
        if let Some(settings) = loaded.with.get(overrides) {
            return Ok(settings.clone());
        }
        let cli = CliOverrides {
            channel: overrides.channel.clone(),
            language: overrides.language.map(|l| l.code().to_owned()),
            mode: overrides.mode,
            ..file_overrides(&loaded.file)
        };
        let settings = Arc::new(load(&cli, &options, loaded.today)?);
        loaded.with.insert(overrides.clone(), settings.clone());
        Ok(settings)
    }

    /// The settings of the configuration as it is now: those loaded, if
    /// its file and text (and the day) are the same, else loaded again.
    fn current(&mut self) -> Result<&mut Loaded, ConfigError> {
        let file = match self.file() {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
                    path: Some(path.clone()),
                    position: None,
                    message: format!(
                        "cannot read configuration: {}",
                        replylint_io::input::io_message(&e)
                    ),
                })?;
                Some((path, text))
            }
            None => None,
        };
        let today = replylint_io::check::system_today();
        let same = self
            .loaded
            .as_ref()
            .is_some_and(|l| l.file == file && l.today == today);
        if !same {
            let base = load(&file_overrides(&file), &self.options, today)?;
            self.loaded = Some(Loaded {
                file,
                today,
                base: Arc::new(base),
                with: HashMap::new(),
            });
        }
        // Just loaded or kept: there is one.
        self.loaded
            .as_mut()
            .ok_or_else(|| ConfigError::cli("no configuration loaded".to_owned()))
    }
}

/// The overrides that load exactly `file` (or no file).
fn file_overrides(file: &FileText) -> CliOverrides {
    CliOverrides {
        config: file.as_ref().map(|(path, _)| path.clone()),
        no_config: file.is_none(),
        ..CliOverrides::default()
    }
}

/// Load the settings as `check` does, the system's day filling in for a
/// configuration that names none.
fn load(
    cli: &CliOverrides,
    options: &Options,
    today: Option<Date>,
) -> Result<Settings, ConfigError> {
    let mut settings = replylint_io::config::load_with(cli, &options.cwd, &options.dictionaries)?;
    if settings.rule_settings.today.is_none() {
        settings.rule_settings.today = today;
    }
    Ok(settings)
}
