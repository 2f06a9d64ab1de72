//! Draft or template: whether placeholders are a mistake or expected.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// About to be sent: any placeholder or filler left in it is an error.
    Draft,
    /// A canned response: placeholders are expected and checked for syntax.
    Template,
}

impl Mode {
    pub const fn as_str(self) -> &'static str {
        match self {
            Mode::Draft => "draft",
            Mode::Template => "template",
        }
    }
}
