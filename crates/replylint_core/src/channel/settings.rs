//! The values a channel setting can hold (expectations, what a channel
//! renders, its signature pattern, readability minimums, rule levels) and
//! [`channel_settings!`], which turns the one list of channel settings in
//! [`crate::channel`] into the raw and the resolved channel and the
//! resolution between them. The rules read these types; the configuration
//! writes them.

use crate::declare::{Bounded, BoundedVisitor, OptionValue, Shape};
use crate::diagnostic::Level;
use crate::lang::Language;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// Severity per rule id, as written (`[rules]`, `[channels.*.rules]`).
pub type RuleLevels = BTreeMap<Spanned<String>, Spanned<Level>>;

/// Whether a reply on a channel needs a greeting (or sign-off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
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

/// What a channel renders (`renders` channel setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Renders {
    /// Plain text: every marker shows as typed.
    Plain,
    /// Markdown (live-chat widgets); raw HTML is escaped.
    Markdown,
    /// HTML (e-mail); Markdown shows as typed.
    Html,
    /// WhatsApp's own syntax: `*bold*`, `_italic_`, `~struck~`, ```` ``` ````.
    Whatsapp,
    /// Unknown: nothing is checked.
    Any,
}

crate::declare::other_values!(Expectation, Renders);

impl Renders {
    pub const fn as_str(self) -> &'static str {
        match self {
            Renders::Plain => "plain",
            Renders::Markdown => "markdown",
            Renders::Html => "html",
            Renders::Whatsapp => "whatsapp",
            Renders::Any => "any",
        }
    }
}

impl fmt::Display for Renders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A compiled `signature-pattern`: the pattern as written, and the
/// expression anchored at the end of the text.
#[derive(Debug, Clone)]
pub struct SignaturePattern {
    source: String,
    anchored: regex::Regex,
}

impl SignaturePattern {
    /// Compile `source`; the error says what is wrong with it.
    pub fn new(source: &str) -> Result<Self, String> {
        // Compiled alone first, so that a `)` in it cannot escape the
        // anchoring group.
        regex::Regex::new(source).map_err(|e| match e {
            regex::Error::Syntax(detail) => format!(
                "invalid `signature-pattern` `{source}`: {}",
                detail
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim_start_matches("error: ")
            ),
            other => format!("invalid `signature-pattern` `{source}`: {other}"),
        })?;
        let anchored = regex::Regex::new(&format!("(?:{source})\\z"))
            .map_err(|e| format!("invalid `signature-pattern` `{source}`: {e}"))?;
        if anchored.is_match("") {
            return Err(format!(
                "`signature-pattern` `{source}` matches an empty end, so every reply would pass"
            ));
        }
        Ok(SignaturePattern {
            source: source.to_owned(),
            anchored,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether `text` ends with the signature.
    pub fn ends(&self, text: &str) -> bool {
        self.anchored.is_match(text)
    }
}

impl PartialEq for SignaturePattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for SignaturePattern {}

impl fmt::Display for SignaturePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// `min-readability` as written: one minimum for every language, or a
/// table by language code (`{ it = 40, de = 30 }`; a language left out is
/// not checked). Scores are on a scale of 0 to 100.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MinReadability {
    Every(Score),
    PerLanguage(BTreeMap<String, Score>),
}

/// A readability minimum.
pub type Score = Bounded<0, 100>;

impl MinReadability {
    /// The minimum per language; an unknown language code is an error.
    pub fn resolve(&self) -> Result<BTreeMap<Language, u64>, String> {
        match self {
            MinReadability::Every(min) => {
                Ok(Language::ALL.iter().map(|&l| (l, min.get())).collect())
            }
            MinReadability::PerLanguage(table) => table
                .iter()
                .map(|(code, min)| {
                    let language: Language = code
                        .parse()
                        .map_err(|e| format!("`min-readability`: {e}"))?;
                    Ok((language, min.get()))
                })
                .collect(),
        }
    }
}

impl OptionValue for MinReadability {
    const SHAPE: Shape = Shape::NumberOrTable(Score::RANGE);
}

/// One number, checked as a [`Score`], or a table of them (not
/// `#[serde(untagged)]`, which would drop the message about the number).
impl<'de> Deserialize<'de> for MinReadability {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = MinReadability;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}, or a table of them by language code", Score::RANGE)
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                BoundedVisitor(Score::RANGE).visit_u64(v).map(every)
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                BoundedVisitor(Score::RANGE).visit_i64(v).map(every)
            }

            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
                BoundedVisitor(Score::RANGE).visit_u128(v).map(every)
            }

            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
                BoundedVisitor(Score::RANGE).visit_i128(v).map(every)
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                BoundedVisitor(Score::RANGE).visit_f64(v).map(every)
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut table = BTreeMap::new();
                while let Some((code, min)) = map.next_entry::<String, Score>()? {
                    table.insert(code, min);
                }
                Ok(MinReadability::PerLanguage(table))
            }
        }
        fn every(min: u64) -> MinReadability {
            MinReadability::Every(Score::new(min).expect("checked by the visitor"))
        }
        deserializer.deserialize_any(Either)
    }
}

/// A resolved setting's value as `replylint config` prints it; `None`
/// when it is unset.
pub trait SettingValue {
    fn value(&self) -> Option<toml::Value>;
}

/// [`SettingValue`] through the type's own `Serialize`.
macro_rules! value_via_serde {
    ($($ty:ty),*) => {$(
        impl SettingValue for $ty {
            fn value(&self) -> Option<toml::Value> {
                Some(toml::Value::try_from(self).expect("a setting is a TOML value"))
            }
        }
    )*};
}
value_via_serde!(
    u64,
    bool,
    String,
    Vec<String>,
    crate::text::count::Unit,
    crate::text::dialect::Dialect,
    crate::lang::register::Register,
    Expectation,
    Renders
);

impl<T: SettingValue> SettingValue for Option<T> {
    fn value(&self) -> Option<toml::Value> {
        self.as_ref().and_then(SettingValue::value)
    }
}

impl SettingValue for SignaturePattern {
    fn value(&self) -> Option<toml::Value> {
        Some(toml::Value::String(self.source.clone()))
    }
}

/// By tag; none chosen is unset.
impl SettingValue for Vec<crate::lang::variant::Variant> {
    fn value(&self) -> Option<toml::Value> {
        (!self.is_empty()).then(|| {
            toml::Value::Array(
                self.iter()
                    .map(|v| toml::Value::String(v.tag().to_owned()))
                    .collect(),
            )
        })
    }
}

/// By language code.
impl SettingValue for BTreeMap<Language, u64> {
    fn value(&self) -> Option<toml::Value> {
        let table = self
            .iter()
            .map(|(l, min)| (l.code().to_owned(), toml::Value::Integer(*min as i64)))
            .collect();
        Some(toml::Value::Table(table))
    }
}

/// Declare every channel setting once, and generate from the list:
///
/// - the raw `ChannelOptions` (what a channel file or a `[channels.*]`
///   table says; see [`crate::declare::declare_options!`]: `KEYS`, `META`,
///   `merge`);
/// - the resolved `Channel`, with a field per setting and no `Option`
///   left but where "unset" is a value of its own;
/// - `ChannelOptions::resolve`, which gives each setting the value
///   written, else the parent channel's (`inherit`; `own`: not
///   inherited), else the default; `parse(default, f)` turns the value
///   written into the resolved one with `f`, whose error message is
///   placed at the value;
/// - `Channel::setting_values`, each setting's key and value in order
///   (`replylint config`).
///
/// Every setting inside `resolved { … }` is written `key: Raw => Resolved
/// = how(…)`. `extends` (how a new channel finds its parent), before them,
/// and `rules` (levels, resolved against the rule registry), after them,
/// are raw only: the configuration resolves them.
macro_rules! channel_settings {
    (
        $(#[$channel_attr:meta])*
        pub struct Channel;
        $(#[$options_attr:meta])*
        pub struct ChannelOptions {
            $(#[doc = $extends_doc:literal])*
            extends: $extends_ty:ty,
            resolved {$(
                $(#[doc = $doc:literal])*
                $field:ident : $raw:ty => $resolved:ty = $how:ident($($arg:tt)*),
            )*}
            $(#[doc = $rules_doc:literal])*
            rules: $rules_ty:ty = by_key,
        }
    ) => {
        $crate::declare::declare_options! {
            $(#[$options_attr])*
            pub struct ChannelOptions {
                $(#[doc = $extends_doc])*
                extends: $extends_ty,
                $(
                    $(#[doc = $doc])*
                    $field: $raw,
                )*
                $(#[doc = $rules_doc])*
                rules: $rules_ty = by_key,
            }
        }

        $(#[$channel_attr])*
        pub struct Channel {
            pub id: String,
            $(
                $(#[doc = $doc])*
                pub $field: $resolved,
            )*
            /// Level of every registered rule on this channel.
            pub levels: ::std::collections::BTreeMap<&'static str, $crate::diagnostic::Level>,
            /// The same for the built-in rules, in the order of the rule
            /// registry: what the engine asks of every reply.
            pub registry_levels: ::std::vec::Vec<$crate::diagnostic::Level>,
            /// Whether the channel is one of ours or defined in a user's
            /// config.
            pub builtin: bool,
        }

        impl ChannelOptions {
            /// The channel these options describe, on top of `parent`
            /// (`None`: a built-in channel, which starts from the
            /// defaults). `levels` and `registry_levels` are resolved by
            /// the configuration, which knows the rules. On a value that
            /// cannot be used, its offset in the file and the message.
            pub fn resolve(
                self,
                id: String,
                parent: Option<&Channel>,
                levels: ::std::collections::BTreeMap<&'static str, $crate::diagnostic::Level>,
                registry_levels: ::std::vec::Vec<$crate::diagnostic::Level>,
                builtin: bool,
            ) -> Result<Channel, (usize, String)> {
                Ok(Channel {
                    id,
                    $($field: $crate::channel::settings::channel_settings!(
                        @resolve $how($($arg)*), self.$field, parent, $field
                    ),)*
                    levels,
                    registry_levels,
                    builtin,
                })
            }
        }

        impl Channel {
            /// Every setting's key and value (`None`: unset), in order.
            pub fn setting_values(&self) -> ::std::vec::Vec<(&'static str, Option<::toml::Value>)> {
                use $crate::channel::settings::SettingValue as _;
                vec![$(($crate::declare::option_key!($field), self.$field.value())),*]
            }
        }
    };
    (@resolve inherit($default:expr), $raw:expr, $parent:expr, $field:ident) => {
        match $raw {
            Some(value) => value.into(),
            None => $parent.map_or_else(|| $default, |p| p.$field.clone()),
        }
    };
    (@resolve own($default:expr), $raw:expr, $parent:expr, $field:ident) => {
        $raw.unwrap_or_else(|| $default)
    };
    (@resolve parse($default:expr, $parse:expr), $raw:expr, $parent:expr, $field:ident) => {
        match &$raw {
            Some(value) => $parse(value.get_ref())
                .map_err(|message| (value.span().start, message))?
                .into(),
            None => $parent.map_or_else(|| $default, |p| p.$field.clone()),
        }
    };
}
pub(crate) use channel_settings;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_anchored_at_the_end() {
        let p = SignaturePattern::new(r"(?:\^|/|-)[A-Z]{2}").unwrap();
        assert!(p.ends("we'll fix it ^MM"));
        assert!(p.ends("thanks! /AY"));
        assert!(!p.ends("^MM we'll fix it"));
        assert!(!p.ends("we'll fix it ^mm"));
        let names = SignaturePattern::new("-(?:Sarah|Tom)$").unwrap();
        assert!(names.ends("on its way -Sarah"));
        assert!(!names.ends("on its way -Sara"));
    }

    #[test]
    fn bad_patterns_are_errors() {
        let err = SignaturePattern::new(r"(\^[A-Z]{2}").unwrap_err();
        assert!(err.contains("unclosed group"), "{err}");
        assert!(SignaturePattern::new(r"a)|(b").is_err());
        let err = SignaturePattern::new(r"(?:\^[A-Z]{2})?").unwrap_err();
        assert!(err.contains("empty end"), "{err}");
    }
}
