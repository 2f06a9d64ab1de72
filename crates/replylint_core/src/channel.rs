//! Channels: the resolved settings of one medium (limits, unit,
//! expectations, rule levels). The built-in channel rule sets are the TOML
//! files under `rules/channels/`, embedded here.

use crate::config::options::Expectation;
use crate::diagnostic::Level;
use crate::text::count::Unit;
use std::collections::BTreeMap;

/// The built-in channel files, by id.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "app-store",
        include_str!("../../../rules/channels/app-store.toml"),
    ),
    ("chat", include_str!("../../../rules/channels/chat.toml")),
    ("email", include_str!("../../../rules/channels/email.toml")),
    (
        "facebook-comment",
        include_str!("../../../rules/channels/facebook-comment.toml"),
    ),
    (
        "generic",
        include_str!("../../../rules/channels/generic.toml"),
    ),
    (
        "google-business",
        include_str!("../../../rules/channels/google-business.toml"),
    ),
    (
        "google-play",
        include_str!("../../../rules/channels/google-play.toml"),
    ),
    (
        "instagram",
        include_str!("../../../rules/channels/instagram.toml"),
    ),
    (
        "messenger",
        include_str!("../../../rules/channels/messenger.toml"),
    ),
    ("sms", include_str!("../../../rules/channels/sms.toml")),
    (
        "twitter",
        include_str!("../../../rules/channels/twitter.toml"),
    ),
    (
        "whatsapp",
        include_str!("../../../rules/channels/whatsapp.toml"),
    ),
    (
        "whatsapp-template",
        include_str!("../../../rules/channels/whatsapp-template.toml"),
    ),
];

/// The channel used when nothing names one.
pub const GENERIC: &str = "generic";

/// One channel, fully resolved: no unset settings left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub id: String,
    pub description: String,
    pub aliases: Vec<String>,
    pub public: bool,
    pub unit: Unit,
    /// `None`: no length limit.
    pub max_length: Option<u64>,
    /// SMS parts allowed; `None`: not an SMS channel.
    pub max_segments: Option<u64>,
    pub max_subject_length: Option<u64>,
    pub warn_subject_length: Option<u64>,
    pub max_header_length: Option<u64>,
    pub max_footer_length: Option<u64>,
    pub greeting: Expectation,
    pub sign_off: Expectation,
    /// The end every reply must match (`signature` rule); `None`: unchecked.
    pub signature_pattern: Option<crate::rules::signature::SignaturePattern>,
    /// Lowest readability score per language (`readability` rule); a
    /// language without one is not checked.
    pub min_readability: BTreeMap<crate::lang::Language, u64>,
    /// Most words per sentence (`sentence-length` rule); `None`: unchecked.
    pub max_sentence_words: Option<u64>,
    /// Most exclamations (`exclamation` rule); `None`: no limit.
    pub max_exclamations: Option<u64>,
    /// Most emoji (`emoji` rule); `Some(0)`: none; `None`: no limit.
    pub max_emoji: Option<u64>,
    /// French: an ordinary space before `; : ! ?` is reported too
    /// (`punctuation-spacing` rule).
    pub strict_french_spacing: bool,
    /// Expected register of address.
    pub register: crate::lang::register::Register,
    /// What the channel renders (`markup` rule).
    pub renders: crate::rules::markup::Renders,
    /// Placeholder dialect of templates on this channel, if it sets one.
    pub placeholder_dialect: Option<crate::text::dialect::Dialect>,
    /// The variables templates on this channel may use, if it lists them.
    pub variables: Option<Vec<String>>,
    /// Level of every registered rule on this channel.
    pub levels: BTreeMap<&'static str, Level>,
    /// The same for the built-in rules, in [`crate::rules::REGISTRY`]
    /// order: what the engine asks of every reply.
    pub registry_levels: Vec<Level>,
    /// Whether the channel is one of ours or defined in a user's config.
    pub builtin: bool,
}

impl Channel {
    /// The level of `rule` on this channel (`off` for unknown ids).
    pub fn level(&self, rule: &str) -> Level {
        self.levels.get(rule).copied().unwrap_or(Level::Off)
    }

    /// The level of the `i`-th rule of [`crate::rules::REGISTRY`].
    pub fn registry_level(&self, i: usize) -> Level {
        self.registry_levels.get(i).copied().unwrap_or(Level::Off)
    }

    /// [`Self::registry_levels`] of `levels`.
    pub fn levels_by_registry(levels: &BTreeMap<&'static str, Level>) -> Vec<Level> {
        crate::rules::REGISTRY
            .iter()
            .map(|rule| levels.get(rule.meta().id).copied().unwrap_or(Level::Off))
            .collect()
    }
}
