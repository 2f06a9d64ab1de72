//! Channels: the settings of one medium (limits, unit, expectations, rule
//! levels), each declared once below, as written and resolved. The
//! built-in channel rule sets are the TOML files under `rules/channels/`,
//! embedded here.

pub mod settings;

use crate::declare::Bounded;
use crate::diagnostic::Level;
use crate::lang::Language;
use crate::lang::register::Register;
use crate::lang::variant::Variant;
use crate::text::count::Unit;
use crate::text::dialect::Dialect;
use serde::Deserialize;
pub use settings::{Expectation, MinReadability, Renders, RuleLevels, SignaturePattern};
use std::collections::BTreeMap;
use toml::Spanned;

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

settings::channel_settings! {
    /// One channel, fully resolved: no unset settings left.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Channel;

    /// Settings of one channel as written: a built-in channel file under
    /// `rules/channels/` or a `[channels.*]` table of a user's
    /// `replylint.toml`. Each setting is declared here once: its key, its
    /// type as written `=>` resolved, how it resolves (`inherit`: from the
    /// channel a new channel `extends`; `own`: not inherited; `parse`: the
    /// value written is checked), its default and its documentation (the
    /// channel keys table of docs/configuration.md).
    #[derive(Debug, Default, Clone, Deserialize)]
    pub struct ChannelOptions {
        /// For new channels: the channel to start from (default `generic`).
        /// Required when the new channel's name is a near miss of an
        /// existing one (`[channels.twiter]`), so that a typo is an error
        /// rather than a new channel. A new channel can start from another
        /// new one, to any depth; a cycle (`a` extends `b`, `b` extends `a`)
        /// is an error that shows it.
        extends: Spanned<String>,
        // The settings a resolved `Channel` has a field for.
        resolved {
            /// Shown by `replylint channels`.
            description: String => String = inherit(String::new()),
            /// Other names (`x` for `twitter`); not inherited.
            aliases: Vec<String> => Vec<String> = own(Vec::new()),
            /// Visible to everyone (personal data there is an error).
            public: bool => bool = inherit(false),
            /// The unit `max-length` counts in: `graphemes`, `bytes`, `utf16`,
            /// `tweet-weight` or `sms-parts`.
            unit: Unit => Unit = inherit(Unit::Graphemes),
            /// Limit in `unit`; unset means none.
            max_length: Bounded<1, 1_000_000> => Option<u64> = inherit(None),
            /// SMS parts allowed (`sms`: 1); enables `sms-segments` and
            /// `sms-encoding`; unset: not an SMS channel.
            max_segments: Bounded<1, 255> => Option<u64> = inherit(None),
            /// Email subject: the limit in characters, above which the subject
            /// is an error (`subject-length`).
            max_subject_length: Bounded<1, 1_000_000> => Option<u64> = inherit(None),
            /// Email subject: the length in characters above which the subject
            /// is a warning (`subject-length`).
            warn_subject_length: Bounded<1, 1_000_000> => Option<u64> = inherit(None),
            /// WhatsApp template header limit, in characters (`max-length`).
            max_header_length: Bounded<1, 1_000_000> => Option<u64> = inherit(None),
            /// WhatsApp template footer limit, in characters (`max-length`).
            max_footer_length: Bounded<1, 1_000_000> => Option<u64> = inherit(None),
            /// Greeting (`greeting`): `required`, `conversational` (letter-style
            /// forms unwanted) or `any`.
            greeting: Expectation => Expectation = inherit(Expectation::Any),
            /// Sign-off (`sign-off`): `required`, `conversational`
            /// (letter-style forms unwanted) or `any`.
            sign_off: Expectation => Expectation = inherit(Expectation::Any),
            /// Regular expression the end of every reply must match
            /// (`signature`); unset: not checked.
            signature_pattern: Spanned<String> => Option<SignaturePattern>
                = parse(None, SignaturePattern::new),
            /// Lowest readability score (`readability`): one number, or a table
            /// by language code (`{ it = 40, de = 30 }`); unset: not checked.
            min_readability: Spanned<MinReadability> => BTreeMap<Language, u64>
                = parse(BTreeMap::new(), MinReadability::resolve),
            /// Most words in one sentence (`sentence-length`; `email`: 35);
            /// unset: not checked.
            max_sentence_words: Bounded<1, 1_000> => Option<u64> = inherit(None),
            /// Most exclamations in a reply (`exclamation`); unset: no limit.
            max_exclamations: Bounded<0, 1_000> => Option<u64> = inherit(None),
            /// Most emoji in a reply (`emoji`); `0`: emoji are not used
            /// (`email`); unset: no limit.
            max_emoji: Bounded<0, 1_000> => Option<u64> = inherit(None),
            /// French replies: also report an ordinary space before `; : ! ?`,
            /// where a no-break one belongs (`punctuation-spacing`).
            strict_french_spacing: bool => bool = inherit(false),
            /// Expected register of address (`register`): `formal` (informal
            /// address is reported; default on `email`), `informal`, or `any`
            /// (only mixing is reported).
            register: Register => Register = inherit(Register::Any),
            /// What the channel displays (`markup`): `plain`, `markdown`
            /// (chat), `html` (email), `whatsapp` (`*bold*`, `_italic_`) or
            /// `any`.
            renders: Renders => Renders = inherit(Renders::Any),
            /// Placeholder dialect of templates on this channel
            /// (`whatsapp-template`: `whatsapp`); see [Placeholders and
            /// dialects](rules.md#placeholders-and-dialects).
            placeholder_dialect: Spanned<String> => Option<Dialect>
                = parse(None, str::parse::<Dialect>),
            /// The variables templates on this channel may use.
            variables: Vec<String> => Option<Vec<String>> = inherit(None),
            /// Spelling dictionaries of replies on this channel, by
            /// variant: `["en-GB", "pt-BR"]` (`spelling`); unset: the
            /// top-level `spelling-variants`, else en-US with British
            /// spellings accepted and either Portuguese.
            spelling_variants: Vec<Variant> => Vec<Variant> = inherit(Vec::new()),
        }
        /// Rule levels on this channel.
        rules: RuleLevels = by_key,
    }
}

impl Channel {
    /// The level of `rule` on this channel (`off` for unknown ids).
    pub fn level(&self, rule: &str) -> Level {
        self.levels.get(rule).copied().unwrap_or(Level::Off)
    }

    /// The level of the `i`-th built-in rule (in the order of the rule
    /// registry).
    pub fn registry_level(&self, i: usize) -> Level {
        self.registry_levels.get(i).copied().unwrap_or(Level::Off)
    }
}
