//! The rules' own options: the top-level keys of `replylint.toml` that
//! only rules read (placeholder lengths, acronyms, the company's own
//! domains and contact details), each declared once in [`rule_options!`],
//! and [`RuleSettings`], everything a rule reads besides the reply and its
//! channel. The configuration reads the options into its `Options` table
//! and resolves them here.

use crate::analysis::facts::{DurationUnit, FactKind, FactValue, PolicyKey};
use crate::declare::Bounded;
use crate::lang::detect::Detector;
use crate::lang::lexicon::Lexicons;
use crate::lang::variant::Variant;
use crate::spelling::{BuiltinOnly, Speller, TeamWords};
use crate::text::expand::PlaceholderLengths;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every option of the rules, declared once: docs (the rule's `##
/// Options` section names it as "top level"), the lines `replylint init`
/// writes for it, its type as written `=>` resolved, and how it resolves
/// (`default`: the value written, else the type's default; `map(f)`: `f`
/// of the value written, else the default). Passes the list to
/// `$callback!` between the tokens `{ before }` and `{ after }`: the
/// configuration's `Options` table has other keys around them.
macro_rules! rule_options {
    ($callback:ident! { $($before:tt)* } { $($after:tt)* }) => {
        $callback! {
            { $($before)* }
            {
                /// Worst-case placeholder lengths (in characters) for length
                /// rules in template mode.
                #[starter = "## Worst-case placeholder lengths (in characters) when templates are"]
                #[starter = "## measured against a length limit."]
                #[starter = "# [placeholder-lengths]"]
                #[starter = "# name = 20"]
                #[starter = "# default = 30"]
                #[starter = "# variables = { \"ticket.id\" = 8 }"]
                placeholder_lengths: PlaceholderLengthOptions => PlaceholderLengths
                    = map(PlaceholderLengthOptions::resolve),
                /// Words `shouting` accepts in capitals, added to the
                /// built-in acronym list.
                #[starter = "## Words written in capitals on purpose (added to FAQ, PIN, IBAN, SMS, …)."]
                #[starter = "# acronyms = [\"ACME\"]"]
                acronyms: Vec<String> => Vec<String> = map(upper_case),
                /// Domains links may point to, with their subdomains (the
                /// `link` rule); unset or empty: any domain.
                allowed_domains: Vec<String> => Vec<String> = default,
                /// E-mail addresses (`help@brand.com`) or domains
                /// (`@brand.com`) that are not personal data (the
                /// `personal-data` rule).
                allowed_emails: Vec<String> => Vec<String> = default,
                /// The company's own phone numbers, in any format
                /// (`personal-data`).
                allowed_phones: Vec<String> => Vec<String> = default,
                /// The company's own IBANs (`personal-data`).
                allowed_ibans: Vec<String> => Vec<String> = default,
                /// The organisation's own domains (`brand.com`, with its
                /// subdomains): addresses there are the team's, not
                /// personal data (`personal-data`).
                own_domains: Vec<String> => Vec<String> = default,
                /// The organisation's own phone numbers, in any format:
                /// not personal data (`personal-data`; the same list as
                /// `allowed-phones`).
                own_phones: Vec<String> => Vec<String> = default,
                /// The level of the whitespace nobody sees or pays for
                /// (`whitespace`: trailing spaces, two spaces after a
                /// sentence, double spaces where the channel collapses
                /// them): `off` (the default), `info`, `warning` or
                /// `error`.
                #[starter = "## Whitespace nobody sees: off, info, warning or error."]
                #[starter = "# invisible-whitespace = \"info\""]
                invisible_whitespace: crate::diagnostic::Level => crate::diagnostic::Level
                    = map(std::convert::identity),
                /// `[spelling]`: the team's own words, and where the
                /// spelling dictionaries are (the `spelling` rule).
                #[starter = "## Spelling: the team's words (brands, products, agents' names), words to"]
                #[starter = "## avoid with the form to use, and dictionary files (see docs/spelling.md)."]
                #[starter = "# [spelling]"]
                #[starter = "# accept = [\"Acme\", \"AcmePay\"]"]
                #[starter = "# reject = [\"e-mail -> email\"]"]
                #[starter = "# dictionaries = { it = \"/usr/share/hunspell/it_IT\" }"]
                spelling: SpellingOptions => SpellingOptions = default,
                /// `[library]`: the checks across a whole library of
                /// replies (`missing-translation`, `translation-drift`,
                /// `near-duplicate`).
                #[starter = "## Checks across the library: the languages every macro needs, and how"]
                #[starter = "## alike two replies must be to be reported as near-duplicates."]
                #[starter = "# [library]"]
                #[starter = "# languages = [\"en\", \"it\"]"]
                #[starter = "# near-duplicate-threshold = 70"]
                library: LibraryTable => LibraryOptions = map(LibraryTable::resolve),
                /// `[facts]`: the policy replies must agree with
                /// (`policy-fact`), one key a fact:
                /// `<subject>[-<qualifier>]-<what>` (`refund-days = 14`,
                /// `delivery-express-business-days = "1-2"`,
                /// `support-phone = "+39 02 1234 5678"`); see
                /// docs/facts.md.
                #[starter = "## Policy facts replies must agree with (`policy-fact`; see docs/facts.md)."]
                #[starter = "# [facts]"]
                #[starter = "# refund-days = 14"]
                #[starter = "# return-days = 30"]
                #[starter = "# delivery-business-days = \"3-5\""]
                #[starter = "# support-email = \"help@acme.com\""]
                facts: FactsOptions => FactsOptions = default,
                /// The day dates are judged against (`expired`), written
                /// `YYYY-MM-DD`; `check --today` overrides it. Unset: the
                /// command line's `check` takes the system clock's date
                /// (UTC); without a day the rule judges nothing.
                #[starter = "## The day the `expired` rule judges dates against (default: the system"]
                #[starter = "## clock's date, UTC); set it for runs that must give the same result"]
                #[starter = "## every day. `replylint check --today` overrides it."]
                #[starter = "# today = \"2026-12-06\""]
                today: crate::date::Date => Option<crate::date::Date> = map(Some),
                /// `[expired]`: how long after a date the `expired` rule
                /// reports it.
                #[starter = "## Dates and promotions in the past (the `expired` rule): days of grace"]
                #[starter = "## after a date of this year before it is reported, and for how many days"]
                #[starter = "## after it passed a date without a year (30/11) is read as the one past."]
                #[starter = "# [expired]"]
                #[starter = "# tolerance-days = 0"]
                #[starter = "# recent-days = 90"]
                expired: ExpiredOptions => ExpiredSettings = map(ExpiredOptions::resolve),
            }
            { $($after)* }
        }
    };
}
pub(crate) use rule_options;

/// Generate, from the list of [`rule_options!`], [`RuleOptions`] (the
/// values written, taken from the configuration's table) and
/// [`RuleSettings`] (what the rules read).
macro_rules! rule_settings {
    (
        {}
        {$(
            $(#[doc = $doc:literal])*
            $(#[starter = $starter:literal])*
            $field:ident : $raw:ty => $resolved:ty = $how:ident $(($($arg:tt)*))?,
        )*}
        {}
    ) => {
        /// The rules' options as written (`None`: not set).
        #[derive(Debug, Default)]
        pub struct RuleOptions {
            $($(#[doc = $doc])* pub $field: Option<$raw>,)*
        }

        /// Everything a rule reads besides the reply and its channel,
        /// resolved: the lexicons, language detection and the rules' own
        /// options.
        #[derive(Debug, Clone)]
        pub struct RuleSettings {
            pub lexicons: Lexicons,
            /// The spelling dictionaries and the team's words: English and
            /// the words written in the configuration until the caller
            /// attaches the dictionaries it finds and the word files it
            /// reads ([`Speller::new`]).
            pub speller: Arc<Speller>,
            /// Language detection over the candidate languages
            /// (`languages`).
            pub detector: Detector,
            $($(#[doc = $doc])* pub $field: $resolved,)*
        }

        impl RuleSettings {
            pub fn new(options: RuleOptions, lexicons: Lexicons, detector: Detector) -> Self {
                let team = options.spelling.as_ref().map(SpellingOptions::inline_words).unwrap_or_default();
                RuleSettings {
                    speller: Arc::new(Speller::new(Box::new(BuiltinOnly), team)),
                    lexicons,
                    detector,
                    $($field: rule_settings!(@resolve options.$field, $how $(($($arg)*))?),)*
                }
            }
        }
    };
    (@resolve $raw:expr, default) => { $raw.unwrap_or_default() };
    (@resolve $raw:expr, map($f:expr)) => { $raw.map($f).unwrap_or_default() };
}

rule_options!(rule_settings! {} {});

/// `acronyms` as compared: trimmed, upper case.
fn upper_case(acronyms: Vec<String>) -> Vec<String> {
    acronyms.iter().map(|a| a.trim().to_uppercase()).collect()
}

/// How long a placeholder's value may be, in characters: at most 10,000
/// (a long paragraph), so that filling in a template stays in proportion
/// to the template.
pub type PlaceholderLength = Bounded<0, 10_000>;

crate::declare::declare_options! {
    /// `[placeholder-lengths]`: how long a placeholder's value may be, in
    /// characters, when length rules check a template.
    #[derive(Debug, Default, Deserialize)]
    pub struct PlaceholderLengthOptions {
        /// Variables holding a name (`first_name`, `firstName`…). Default 20.
        name: PlaceholderLength,
        /// Every other variable. Default 30.
        default: PlaceholderLength,
        /// Per variable, by full name: `"ticket.id" = 8`.
        variables: BTreeMap<String, PlaceholderLength>,
    }
}

impl PlaceholderLengthOptions {
    /// The lengths, with the defaults for what is not set.
    pub fn resolve(self) -> PlaceholderLengths {
        let base = PlaceholderLengths::default();
        PlaceholderLengths {
            name: self.name.map_or(base.name, Bounded::get_usize),
            default: self.default.map_or(base.default, Bounded::get_usize),
            variables: self
                .variables
                .unwrap_or_default()
                .into_iter()
                .map(|(name, length)| (name, length.get_usize()))
                .collect(),
        }
    }
}

/// Days of grace after a date (`[expired] tolerance-days`): up to ten
/// years.
pub type ToleranceDays = Bounded<0, 3650>;

/// Days after which a date without a year is read as next year's
/// (`[expired] recent-days`): up to a year.
pub type RecentDays = Bounded<0, 366>;

crate::declare::declare_options! {
    /// `[expired]`: when a date in the past is reported.
    #[derive(Debug, Default, Deserialize)]
    pub struct ExpiredOptions {
        /// Days a date of this year (or a later one), a month or a
        /// promotion may be past before it is reported. Default 0: from the
        /// day after. A year that is past is always reported.
        tolerance_days: ToleranceDays,
        /// For how many days after it passed a date without a year
        /// (`30/11`, "until December", "this Black Friday") is read as the
        /// one that passed; later, as next year's, which is not reported.
        /// Default 90; 0 never reports a date without a year.
        recent_days: RecentDays,
    }
}

/// `[expired]` resolved: when a date in the past is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiredSettings {
    /// Days of grace after a date of this year.
    pub tolerance_days: u32,
    /// Days after it passed that a date without a year is still read as
    /// past.
    pub recent_days: u32,
}

impl Default for ExpiredSettings {
    fn default() -> Self {
        ExpiredSettings {
            tolerance_days: 0,
            recent_days: 90,
        }
    }
}

impl ExpiredOptions {
    /// The settings, with the defaults for what is not set.
    pub fn resolve(self) -> ExpiredSettings {
        let base = ExpiredSettings::default();
        let days = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        ExpiredSettings {
            tolerance_days: self
                .tolerance_days
                .map_or(base.tolerance_days, |n| days(n.get())),
            recent_days: self.recent_days.map_or(base.recent_days, |n| days(n.get())),
        }
    }
}

crate::declare::declare_options! {
    /// `[spelling]`: the team's own words and the dictionaries' files.
    #[derive(Debug, Default, Clone, Deserialize)]
    pub struct SpellingOptions {
        /// Words that are right as written: brand, product and agents'
        /// names, the team's terms. Hunspell's case rules apply: `acme`
        /// accepts `Acme` and `ACME`; `iPhone` accepts `IPHONE` and reports
        /// `Iphone`.
        accept: Vec<String>,
        /// Files of words to accept, one a line (`#` starts a comment),
        /// relative to the config file.
        accept_files: Vec<String>,
        /// Words to report even when spelt right, each written `word` or
        /// `word -> preferred` (`e-mail -> email`).
        reject: Vec<String>,
        /// Files of words to reject, one entry a line as in `reject`,
        /// relative to the config file.
        reject_files: Vec<String>,
        /// Hunspell dictionary files by variant (`it`, `en-GB`, `pt-BR`…):
        /// the path of the `.dic` file or of both files without their
        /// extension, relative to the config file. Found there before the
        /// usual folders.
        dictionaries: BTreeMap<Variant, String>,
    }
}

impl SpellingOptions {
    /// The words written in the configuration itself (not its files).
    pub fn inline_words(&self) -> TeamWords {
        let mut team = TeamWords::default();
        team.accept.extend(self.accept.iter().flatten());
        team.reject.extend(self.reject.iter().flatten());
        team
    }
}

/// The library rules' options: the `[library]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryOptions {
    /// The languages every translated macro must have; empty: those most
    /// of the library's groups have.
    pub languages: Vec<crate::lang::Language>,
    /// The language translations are compared with; `None`: English when
    /// the group has it, else the group's first reply.
    pub source_language: Option<crate::lang::Language>,
    /// How alike two replies must be to be near-duplicates (the share of
    /// their five-character shingles in common, 0–1).
    pub near_duplicate_threshold: f64,
    /// Replies shorter than this (in characters of text, without the
    /// salutation and signature) are not compared.
    pub near_duplicate_min_chars: usize,
}

impl Default for LibraryOptions {
    fn default() -> Self {
        LibraryOptions {
            languages: Vec::new(),
            source_language: None,
            near_duplicate_threshold: 0.7,
            near_duplicate_min_chars: 80,
        }
    }
}

crate::declare::declare_options! {
    /// `[library]`: the checks across a whole library of replies.
    #[derive(Debug, Default, Clone, Deserialize)]
    pub struct LibraryTable {
        /// The languages every translated macro must have
        /// (`missing-translation`); unset: those at least half of the
        /// library's translation groups have.
        languages: Vec<crate::lang::Language>,
        /// The language translations are compared with
        /// (`translation-drift`); unset: English when a group has it,
        /// else its first reply.
        source_language: crate::lang::Language,
        /// How alike two replies must be to be reported as near-duplicates,
        /// in percent of their five-character shingles in common, from 50
        /// to 100. Default 70.
        near_duplicate_threshold: crate::declare::Bounded<50, 100>,
        /// Replies with fewer characters of text than this (salutation and
        /// signature apart) are not compared. Default 80.
        near_duplicate_min_chars: crate::declare::Bounded<0, 100_000>,
    }
}

impl LibraryTable {
    /// The options, with the defaults for what is not set.
    pub fn resolve(self) -> LibraryOptions {
        let base = LibraryOptions::default();
        LibraryOptions {
            languages: self.languages.unwrap_or_default(),
            source_language: self.source_language,
            near_duplicate_threshold: self
                .near_duplicate_threshold
                .map_or(base.near_duplicate_threshold, |t| {
                    t.get_usize() as f64 / 100.0
                }),
            near_duplicate_min_chars: self
                .near_duplicate_min_chars
                .map_or(base.near_duplicate_min_chars, |n| n.get_usize()),
        }
    }
}

/// `[facts]`: the facts of the organisation's policy that replies must
/// agree with (the `policy-fact` rule), read and checked as the file is:
/// an unknown key is an error at the key that suggests the closest one, a
/// value that does not read as its key says an error at the value.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FactsOptions {
    /// In the order written.
    pub entries: Vec<FactPolicy>,
}

/// One entry of `[facts]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactPolicy {
    /// The key as written (`refund-days`).
    pub key: String,
    /// The subject facts carry (`refund`, `delivery:express`).
    pub subject: String,
    pub kind: FactKind,
    /// The unit of a duration.
    pub unit: Option<DurationUnit>,
    pub value: FactValue,
    /// The value as written (`"two weeks"`, `14`, `"+39 02 1234 5678"`).
    pub written: String,
}

impl crate::declare::OptionValue for FactsOptions {
    const SHAPE: crate::declare::Shape = crate::declare::Shape::Other;
}

impl<'de> Deserialize<'de> for FactsOptions {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FactsVisitor)
    }
}

struct FactsVisitor;

impl<'de> serde::de::Visitor<'de> for FactsVisitor {
    type Value = FactsOptions;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a table of policy facts (`refund-days = 14`)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FactsOptions, A::Error> {
        let mut entries: Vec<FactPolicy> = Vec::new();
        while let Some((key, parsed)) = map.next_key_seed(FactKeySeed(&entries))? {
            let (value, written) = map.next_value_seed(FactValueSeed(&parsed))?;
            entries.push(FactPolicy {
                key,
                subject: parsed.subject,
                kind: parsed.kind,
                unit: parsed.unit,
                value,
                written,
            });
        }
        Ok(FactsOptions { entries })
    }
}

/// A key of `[facts]`, checked against the keys read before it.
struct FactKeySeed<'a>(&'a [FactPolicy]);

impl<'de> serde::de::DeserializeSeed<'de> for FactKeySeed<'_> {
    type Value = (String, PolicyKey);

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let key = String::deserialize(d)?;
        let parsed = PolicyKey::parse(&key).map_err(serde::de::Error::custom)?;
        if let Some(other) = self
            .0
            .iter()
            .find(|e| e.subject == parsed.subject && e.kind == parsed.kind && e.unit == parsed.unit)
        {
            return Err(serde::de::Error::custom(format!(
                "`{key}` says the same fact as `{}`: keep one",
                other.key
            )));
        }
        Ok((key, parsed))
    }
}

/// The value of a `[facts]` key: a whole number or a string, read as the
/// key says.
struct FactValueSeed<'a>(&'a PolicyKey);

impl<'de> serde::de::DeserializeSeed<'de> for FactValueSeed<'_> {
    type Value = (FactValue, String);

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for FactValueSeed<'_> {
    type Value = (FactValue, String);

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number or a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let value = self.0.value(v).map_err(E::custom)?;
        Ok((value, v.trim().to_owned()))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.visit_str(&v.to_string())
    }
}
