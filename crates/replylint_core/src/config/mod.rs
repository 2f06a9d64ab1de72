//! Configuration from strings: raw options (`options`), the resolved
//! settings (`settings`) the rest of the program reads, and errors that
//! point at file, line and column ([`ConfigError`], defined below the rules
//! so that the rules' own options can report with it). Finding and
//! reading the file is `replylint_io::config`.

pub mod options;
pub mod settings;

pub use crate::config_error::{ConfigError, explain_toml_message};
pub use settings::Settings;
