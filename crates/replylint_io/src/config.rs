//! Finding and reading the configuration file: `--config`, or the first
//! `replylint.toml` walking up from the working folder. Resolving it is the
//! core's ([`Settings::from_text`]).

use crate::dictionaries::{self, DictionarySearch};
use crate::input::io_message;
use replylint_core::config::settings::CliOverrides;
use replylint_core::config::{ConfigError, Settings};
use std::path::{Path, PathBuf};

/// File names looked for in each directory, in order.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["replylint.toml", ".replylint.toml"];

/// The first config file found walking up from `start`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        CONFIG_FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Discover (or take `--config`), read and resolve the configuration.
pub fn load(cli: &CliOverrides, cwd: &Path) -> Result<Settings, ConfigError> {
    load_with(cli, cwd, &DictionarySearch::from_env())
}

/// [`load`], with the spelling dictionaries the configuration does not
/// name looked for in `search` ([`crate::dictionaries`]).
pub fn load_with(
    cli: &CliOverrides,
    cwd: &Path,
    search: &DictionarySearch,
) -> Result<Settings, ConfigError> {
    let file = if cli.no_config {
        None
    } else if let Some(path) = &cli.config {
        Some(path.clone())
    } else {
        discover(cwd)
    };
    let Some(path) = file else {
        let mut settings = Settings::from_text(None, cli, cwd)?;
        dictionaries::attach(&mut settings, None, search)?;
        return Ok(settings);
    };
    let text = std::fs::read_to_string(&path).map_err(|e| ConfigError {
        path: Some(path.clone()),
        position: None,
        message: format!("cannot read configuration: {}", io_message(&e)),
    })?;
    let mut settings = Settings::from_text(Some((&path, &text)), cli, cwd)?;
    dictionaries::attach(&mut settings, Some((&path, &text)), search)?;
    Ok(settings)
}
