//! Raw configuration, exactly as written in a TOML file: every field is an
//! `Option` (unset is not the same as default), unknown keys are rejected,
//! keys are kebab-case. Each table is declared once
//! ([`crate::declare::declare_options!`]): its keys, documentation and the
//! lines `replylint init` writes come from the declaration. A channel's
//! settings are declared with the channel ([`crate::channel`]), the rules'
//! own options with the rules ([`crate::rules::options`]), a `[[rule]]`
//! table with the user-defined rules ([`crate::rules::custom`]).

use crate::lang::variant::Variant;
use crate::mode::Mode;
use crate::rules::options::{
    ExpiredOptions, FactsOptions, LibraryTable, PlaceholderLengthOptions, SpellingOptions,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub use crate::channel::{ChannelOptions, Expectation, RuleLevels};
pub use crate::rules::custom::{UserFixSafety, UserRuleKind, UserRuleOptions};

/// `Options` from the top-level keys below with the rules' own options
/// ([`crate::rules::options::rule_options!`]) between them.
macro_rules! top_level_options {
    (
        { $($before:tt)* }
        {$(
            $(#[doc = $doc:literal])*
            $(#[starter = $starter:literal])*
            $field:ident : $raw:ty => $resolved:ty = $how:ident $(($($arg:tt)*))?,
        )*}
        { $($after:tt)* }
    ) => {
        crate::declare::declare_options! {
            /// A `replylint.toml` file.
            #[derive(Debug, Default, Deserialize)]
            pub struct Options {
                $($before)*
                $(
                    $(#[doc = $doc])*
                    $(#[starter = $starter])*
                    $field: $raw,
                )*
                $($after)*
            }
        }
    };
}

crate::rules::options::rule_options!(top_level_options! {
    /// Channel of replies that nothing else names.
    #[starter = "## Channel, language and mode of replies that nothing else names (front"]
    #[starter = "## matter and library fields, the command line, [[paths]] and folder names"]
    #[starter = "## like `sms/` or `it/` come first)."]
    #[starter = "# channel = \"email\""]
    channel: Spanned<String>,
    /// Expected language of replies that nothing else names.
    #[starter = "# language = \"it\""]
    language: Spanned<String>,
    /// Candidate languages for detection (default: every known language).
    #[starter = "## Languages detection may choose from (default: all of it, en, es, fr, de, pt)."]
    #[starter = "# languages = [\"it\", \"en\"]"]
    languages: Spanned<Vec<Spanned<String>>>,
    /// Mode of replies that nothing else names.
    #[starter = "# mode = \"draft\""]
    mode: Mode,
    /// Spelling dictionaries by variant (`["en-GB", "pt-BR"]`), unless a
    /// channel or a path says otherwise (`spelling`). Unset: en-US with
    /// British spellings accepted, and either Portuguese.
    #[starter = "## Spelling variants: en-US or en-GB, pt-PT or pt-BR (default: en-US with British"]
    #[starter = "## spellings accepted, either Portuguese)."]
    #[starter = "# spelling-variants = [\"en-GB\"]"]
    spelling_variants: Vec<Variant>,
    /// Globs (relative to the config file) of paths never to check.
    #[starter = "## Paths never checked (globs relative to this file)."]
    #[starter = "# exclude = [\"drafts/old/**\"]"]
    exclude: Vec<Spanned<String>>,
    /// The largest file read whole, in MiB (default 64): a larger one is
    /// an error rather than held in memory. JSON Lines and CSV files
    /// (UTF-8) are read a part at a time and may be of any size, but with
    /// `--format sarif` or `checkstyle`.
    #[starter = "## Largest file read whole, in MiB; JSON Lines and CSV files may be of any size."]
    #[starter = "# max-file-size = 64"]
    max_file_size: crate::declare::Bounded<1, 65_536>,
    /// Path patterns mapping globs to channel, language and mode.
    #[starter = "## Channel, language and mode by path. The last matching entry wins."]
    #[starter = "# [[paths]]"]
    #[starter = "# glob = \"macros/**\""]
    #[starter = "# mode = \"template\""]
    #[starter = "#"]
    #[starter = "# [[paths]]"]
    #[starter = "# glob = \"replies/twitter/**\""]
    #[starter = "# channel = \"twitter\""]
    #[starter = "# language = \"it\""]
    paths: Vec<PathOptions>,
    /// Rule levels for every channel.
    #[starter = "## Rule levels on every channel: \"error\", \"warning\", \"info\" or \"off\"."]
    #[starter = "# [rules]"]
    #[starter = "# readability = \"off\""]
    #[starter = "# exclamation = \"warning\""]
    rules: RuleLevels,
    /// Overrides of built-in channels, and new channels.
    #[starter = "## Change a built-in channel: any key of its rule set (see"]
    #[starter = "## `replylint channels`), and its rule levels."]
    #[starter = "# [channels.email]"]
    #[starter = "# max-subject-length = 70"]
    #[starter = "# register = \"formal\""]
    #[starter = "#"]
    #[starter = "# [channels.email.rules]"]
    #[starter = "# emoji = \"error\""]
    #[starter = ""]
    #[starter = "## Define a channel of your own, starting from a built-in one."]
    #[starter = "# [channels.support-chat]"]
    #[starter = "# extends = \"chat\""]
    #[starter = "# max-length = 500"]
    channels: BTreeMap<Spanned<String>, Spanned<ChannelOptions>>,
    /// Placeholder dialect of templates that nothing else describes
    /// (`zendesk`, `intercom`…).
    #[starter = "## How templates write placeholders (zendesk, freshdesk, helpscout, intercom,"]
    #[starter = "## front, gorgias, salesforce, hubspot or whatsapp) and the variables they"]
    #[starter = "## may use; both can also be set per [[paths]] entry and per channel."]
    #[starter = "# placeholder-dialect = \"zendesk\""]
    placeholder_dialect: Spanned<String>,
    /// The variables templates may use (`ticket.requester.first_name`…);
    /// unset: any.
    #[starter = "# variables = [\"ticket.requester.first_name\", \"ticket.id\"]"]
    variables: Vec<String>,
} {
    /// User-defined rules (`[[rule]]` tables).
    #[starter = "## Rules of your own, no code needed: forbid, substitute, require, limit."]
    #[starter = "# [[rule]]"]
    #[starter = "# id = \"brand-name\""]
    #[starter = "# kind = \"substitute\""]
    #[starter = "# message = \"write `{replacement}`, not `{match}`\""]
    #[starter = "# replacements = { \"Acme inc\" = \"ACME Inc.\" }"]
    rule: Vec<Spanned<UserRuleOptions>>,
    /// Rules not to apply under some paths: glob (relative to the config
    /// file) → rule ids.
    per_path_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
});

crate::declare::declare_options! {
    /// One `[[paths]]` entry.
    #[derive(Debug, Deserialize)]
    pub struct PathOptions {
        /// Which paths the entry is for (relative to the config file).
        glob: Spanned<String> = required,
        channel: Spanned<String>,
        language: Spanned<String>,
        mode: Mode,
        placeholder_dialect: Spanned<String>,
        variables: Vec<String>,
        /// Spelling dictionaries of the replies, by variant
        /// (`["en-GB"]`).
        spelling_variants: Vec<Variant>,
        /// The replies are snippets pasted into others, not whole
        /// replies: `greeting` and `sign-off` skip them.
        partial: bool,
    }
}
