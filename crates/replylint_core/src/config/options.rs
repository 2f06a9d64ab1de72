//! Raw configuration, exactly as written in a TOML file: every field is an
//! `Option` (unset is not the same as default), unknown keys are rejected,
//! keys are kebab-case. The same `ChannelOptions` type reads the built-in
//! channel files under `rules/channels/` and `[channels.*]` tables of a
//! user's `replylint.toml`.

use crate::diagnostic::Level;
use crate::mode::Mode;
use crate::text::count::Unit;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Whether a reply on a channel needs a greeting (or sign-off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expectation {
    /// Must be there (email).
    Required,
    /// Optional, but letter-style forms ("Dear …", "Kind regards") are
    /// unwanted (chat, SMS, social).
    Conversational,
    /// Anything goes.
    Any,
}

/// Severity per rule id, as written.
pub type RuleLevels = BTreeMap<Spanned<String>, Spanned<Level>>;

/// A `replylint.toml` file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Channel of replies that nothing else names.
    pub channel: Option<Spanned<String>>,
    /// Expected language of replies that nothing else names.
    pub language: Option<Spanned<String>>,
    /// Candidate languages for detection (default: every known language).
    pub languages: Option<Spanned<Vec<Spanned<String>>>>,
    /// Mode of replies that nothing else names.
    pub mode: Option<Mode>,
    /// Globs (relative to the config file) of paths never to check.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Path patterns mapping globs to channel, language and mode.
    pub paths: Option<Vec<PathOptions>>,
    /// Rule levels for every channel.
    pub rules: Option<RuleLevels>,
    /// Overrides of built-in channels, and new channels.
    pub channels: Option<BTreeMap<Spanned<String>, Spanned<ChannelOptions>>>,
    /// Placeholder dialect of templates that nothing else describes
    /// (`zendesk`, `intercom`…).
    pub placeholder_dialect: Option<Spanned<String>>,
    /// The variables templates may use (`ticket.requester.first_name`…);
    /// unset: any.
    pub variables: Option<Vec<String>>,
    /// Worst-case placeholder lengths for length rules in template mode.
    pub placeholder_lengths: Option<PlaceholderLengthOptions>,
    /// Words `shouting` accepts in capitals, added to the built-in
    /// acronym list.
    pub acronyms: Option<Vec<String>>,
    /// Domains links may point to, with their subdomains (the `link`
    /// rule); unset or empty: any domain.
    pub allowed_domains: Option<Vec<String>>,
    /// E-mail addresses (`help@brand.com`) or domains (`@brand.com`) that
    /// are not personal data (the `personal-data` rule).
    pub allowed_emails: Option<Vec<String>>,
    /// The company's own phone numbers, in any format (`personal-data`).
    pub allowed_phones: Option<Vec<String>>,
    /// The company's own IBANs (`personal-data`).
    pub allowed_ibans: Option<Vec<String>>,
    /// User-defined rules (`[[rule]]` tables).
    pub rule: Option<Vec<Spanned<UserRuleOptions>>>,
    /// Rules not to apply under some paths: glob (relative to the config
    /// file) → rule ids.
    pub per_path_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
}

/// `[placeholder-lengths]`: how long a placeholder's value may be, in
/// characters, when length rules check a template.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlaceholderLengthOptions {
    /// Variables holding a name (`first_name`, `firstName`…). Default 20.
    pub name: Option<usize>,
    /// Every other variable. Default 30.
    pub default: Option<usize>,
    /// Per variable, by full name: `"ticket.id" = 8`.
    pub variables: Option<BTreeMap<String, usize>>,
}

/// One `[[paths]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PathOptions {
    pub glob: Spanned<String>,
    pub channel: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
    pub mode: Option<Mode>,
    pub placeholder_dialect: Option<Spanned<String>>,
    pub variables: Option<Vec<String>>,
}

/// Settings of one channel. See `rules/channels/*.toml`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChannelOptions {
    /// The channel this one starts from (new channels only; default
    /// `generic`). Required when the new channel's name is a near miss of
    /// an existing one (`[channels.twiter]`), so that a typo is an error
    /// rather than a new channel.
    pub extends: Option<Spanned<String>>,
    pub description: Option<String>,
    /// Other names for the channel (`x` for `twitter`).
    pub aliases: Option<Vec<String>>,
    /// Visible to everyone: personal data is an error there.
    pub public: Option<bool>,
    /// Unit `max-length` counts in.
    pub unit: Option<Unit>,
    /// Length limit in `unit`.
    pub max_length: Option<u64>,
    /// SMS parts allowed (the `sms-segments` rule); unset: not an SMS
    /// channel.
    pub max_segments: Option<u64>,
    /// Email subject: hard limit and warning threshold, in characters.
    pub max_subject_length: Option<u64>,
    pub warn_subject_length: Option<u64>,
    /// WhatsApp template header and footer limits, in characters.
    pub max_header_length: Option<u64>,
    pub max_footer_length: Option<u64>,
    /// Greeting expectation.
    pub greeting: Option<Expectation>,
    /// Sign-off expectation.
    pub sign_off: Option<Expectation>,
    /// Regular expression the end of every reply must match (the
    /// `signature` rule); unset: no signature is checked.
    pub signature_pattern: Option<Spanned<String>>,
    /// Lowest readability score accepted (the `readability` rule), for
    /// every language or per language code; unset: not checked.
    pub min_readability: Option<Spanned<crate::rules::readability::MinReadability>>,
    /// Most words in one sentence (the `sentence-length` rule); unset: not
    /// checked.
    pub max_sentence_words: Option<u64>,
    /// Most exclamations in a reply (the `exclamation` rule); unset: no
    /// limit.
    pub max_exclamations: Option<u64>,
    /// Most emoji in a reply (the `emoji` rule); `0`: emoji are not used;
    /// unset: no limit.
    pub max_emoji: Option<u64>,
    /// French replies: also report an ordinary space before `; : ! ?`,
    /// where a no-break one belongs (the `punctuation-spacing` rule).
    pub strict_french_spacing: Option<bool>,
    /// Expected register: `formal`, `informal` or `any`.
    pub register: Option<crate::lang::register::Register>,
    /// What the channel renders: `plain`, `markdown`, `html`, `whatsapp`
    /// or `any` (the `markup` rule).
    pub renders: Option<crate::rules::markup::Renders>,
    /// Placeholder dialect of templates on this channel.
    pub placeholder_dialect: Option<Spanned<String>>,
    /// The variables templates on this channel may use.
    pub variables: Option<Vec<String>>,
    /// Rule levels on this channel.
    pub rules: Option<RuleLevels>,
}

/// The keys a channel table accepts, for documentation and its drift test.
pub const CHANNEL_KEYS: &[&str] = &[
    "extends",
    "description",
    "aliases",
    "public",
    "unit",
    "max-length",
    "max-segments",
    "max-subject-length",
    "warn-subject-length",
    "max-header-length",
    "max-footer-length",
    "greeting",
    "sign-off",
    "signature-pattern",
    "min-readability",
    "max-sentence-words",
    "max-exclamations",
    "max-emoji",
    "strict-french-spacing",
    "register",
    "renders",
    "placeholder-dialect",
    "variables",
    "rules",
];

impl ChannelOptions {
    /// Layer `over` on top of `self`: what `over` sets wins; rule levels
    /// are merged key by key.
    pub fn merge(self, over: ChannelOptions) -> ChannelOptions {
        let rules = match (self.rules, over.rules) {
            (Some(mut base), Some(over)) => {
                for (k, v) in over {
                    base.remove(&k);
                    base.insert(k, v);
                }
                Some(base)
            }
            (base, over) => over.or(base),
        };
        ChannelOptions {
            extends: over.extends.or(self.extends),
            description: over.description.or(self.description),
            aliases: over.aliases.or(self.aliases),
            public: over.public.or(self.public),
            unit: over.unit.or(self.unit),
            max_length: over.max_length.or(self.max_length),
            max_segments: over.max_segments.or(self.max_segments),
            max_subject_length: over.max_subject_length.or(self.max_subject_length),
            warn_subject_length: over.warn_subject_length.or(self.warn_subject_length),
            max_header_length: over.max_header_length.or(self.max_header_length),
            max_footer_length: over.max_footer_length.or(self.max_footer_length),
            greeting: over.greeting.or(self.greeting),
            sign_off: over.sign_off.or(self.sign_off),
            signature_pattern: over.signature_pattern.or(self.signature_pattern),
            min_readability: over.min_readability.or(self.min_readability),
            max_sentence_words: over.max_sentence_words.or(self.max_sentence_words),
            max_exclamations: over.max_exclamations.or(self.max_exclamations),
            max_emoji: over.max_emoji.or(self.max_emoji),
            strict_french_spacing: over.strict_french_spacing.or(self.strict_french_spacing),
            register: over.register.or(self.register),
            renders: over.renders.or(self.renders),
            placeholder_dialect: over.placeholder_dialect.or(self.placeholder_dialect),
            variables: over.variables.or(self.variables),
            rules,
        }
    }
}

/// What a user-defined rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UserRuleKind {
    /// The phrases or regexes must not appear.
    Forbid,
    /// Each phrase has a preferred replacement, offered as a fix.
    Substitute,
    /// One of the phrases or regexes must appear.
    Require,
    /// The phrases and regexes together may appear at least `min` and at
    /// most `max` times.
    Limit,
}

/// How a `substitute` rule's fix is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UserFixSafety {
    /// Applied by `check --fix`.
    Safe,
    /// Offered, but applied only on request.
    Unsafe,
}

/// One `[[rule]]` table: a rule defined in the config, no code needed.
/// Which keys a kind accepts is checked when the rule is compiled
/// (`crate::rules::custom`), so that the error names the key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UserRuleOptions {
    /// Kebab-case id, not one of the built-in rules'.
    pub id: Spanned<String>,
    pub kind: Spanned<UserRuleKind>,
    /// The diagnostic's message; `{match}`, `{replacement}`, `{count}`,
    /// `{min}` and `{max}` are filled in. Default: one per kind.
    pub message: Option<String>,
    /// A help line shown under the message.
    pub help: Option<String>,
    /// Level on every channel unless `[rules]` or `[channels.*.rules]`
    /// says otherwise. Default `warning`.
    pub severity: Option<Level>,
    /// Phrases, matched case-insensitively on word boundaries.
    pub phrases: Option<Vec<Spanned<String>>>,
    /// A regular expression (opt-in; `regex` crate syntax, case-sensitive
    /// unless it starts with `(?i)`).
    pub regex: Option<Spanned<String>>,
    /// Several regular expressions.
    pub regexes: Option<Vec<Spanned<String>>>,
    /// `substitute`: phrase → preferred phrase.
    pub replacements: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    /// `substitute`: whether the fix is safe (default) or unsafe.
    pub fix: Option<Spanned<UserFixSafety>>,
    /// `limit`: fewest occurrences.
    pub min: Option<Spanned<u64>>,
    /// `limit`: most occurrences.
    pub max: Option<Spanned<u64>>,
    /// Channels (ids or aliases) the rule runs on. Default: every channel.
    pub channels: Option<Spanned<Vec<Spanned<String>>>>,
    /// Languages the rule runs on (the reply's expected language, or the
    /// detected one). Default: every reply, whatever its language.
    pub languages: Option<Spanned<Vec<Spanned<String>>>>,
}

/// The keys a `[[rule]]` table accepts, for documentation and its drift
/// test.
pub const USER_RULE_KEYS: &[&str] = &[
    "id",
    "kind",
    "message",
    "help",
    "severity",
    "phrases",
    "regex",
    "regexes",
    "replacements",
    "fix",
    "min",
    "max",
    "channels",
    "languages",
];
