//! How options are declared: once, as a list of `/// doc` + `key: Type`
//! entries that [`declare_options!`] turns into the raw struct a TOML
//! table is read into (every field an `Option`, unknown keys rejected,
//! kebab-case keys), the list of its keys, the merge of two layers (the
//! later one wins) and a metadata table ([`OptionMeta`]: key, type, docs,
//! the lines `replylint init` writes for it, the [`Shape`] of its value).
//! The docs, `replylint init`, `replylint config` and the drift tests read
//! the metadata; nothing lists the keys by hand. (ruff declares its
//! options the same way, clippy its lints.)
//!
//! Every number a user can write is a [`Bounded`] whole number: its range
//! is part of its type, a value outside it is an error that names the key
//! (no setting is a bare `u64`, which has no [`OptionValue`] shape, so a
//! new numeric key cannot be declared without a range).

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// What is known about one option without reading a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionMeta {
    /// The key as written in TOML (kebab-case).
    pub key: &'static str,
    /// The Rust type of its value, as declared.
    pub ty: &'static str,
    /// Markdown documentation, from the entry's doc comment (each line
    /// keeps the space after `///`; see [`OptionMeta::docs`]).
    pub docs: &'static str,
    /// The lines of the starter file (`replylint init`) for this option,
    /// each ending in a line break, if it shows any: `## ` prose and `# `
    /// commented-out settings.
    pub starter: Option<&'static str>,
    /// What the value is: a bounded number, a table of options, anything
    /// else.
    pub shape: Shape,
}

impl OptionMeta {
    /// The docs as one line of Markdown.
    pub fn docs(&self) -> String {
        self.docs.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The smallest and the largest value a numeric option accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberRange {
    pub min: u64,
    pub max: u64,
}

impl fmt::Display for NumberRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a whole number from {} to {}", self.min, self.max)
    }
}

/// The shape of an option's value, as far as numbers and nested tables go:
/// what the docs' table of numeric keys and the tests that try every
/// number in every key read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Text, a flag, a choice or a list of them.
    Other,
    /// A whole number (`key = 3`).
    Number(NumberRange),
    /// Whole numbers by name (`key = { name = 3 }`).
    NumberTable(NumberRange),
    /// One whole number, or a table of them by name.
    NumberOrTable(NumberRange),
    /// A table of declared options (`[key]`).
    Table(&'static [OptionMeta]),
    /// Tables of declared options by name (`[key.NAME]`).
    NamedTables(&'static [OptionMeta]),
    /// An array of tables of declared options (`[[key]]`).
    TableList(&'static [OptionMeta]),
}

impl Shape {
    /// The range of the numbers this value holds, if it holds numbers.
    pub const fn range(self) -> Option<NumberRange> {
        match self {
            Shape::Number(r) | Shape::NumberTable(r) | Shape::NumberOrTable(r) => Some(r),
            _ => None,
        }
    }
}

/// The [`Shape`] of a type an option is declared with. Bare integer types
/// have none on purpose: a number is declared as [`Bounded`].
pub trait OptionValue {
    const SHAPE: Shape;
}

impl<T: OptionValue> OptionValue for Spanned<T> {
    const SHAPE: Shape = T::SHAPE;
}

impl<T: OptionValue> OptionValue for Vec<T> {
    const SHAPE: Shape = match T::SHAPE {
        Shape::Other => Shape::Other,
        Shape::Table(meta) => Shape::TableList(meta),
        _ => panic!("a list of numbers or tables of tables has no shape yet"),
    };
}

impl<K, V: OptionValue> OptionValue for BTreeMap<K, V> {
    const SHAPE: Shape = match V::SHAPE {
        Shape::Other => Shape::Other,
        Shape::Number(range) => Shape::NumberTable(range),
        Shape::Table(meta) => Shape::NamedTables(meta),
        _ => panic!("a table of tables of numbers has no shape yet"),
    };
}

/// [`OptionValue`] for types without numbers in them (the modules above
/// this one that declare such types use it for theirs).
macro_rules! other_values {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::declare::OptionValue for $ty {
            const SHAPE: $crate::declare::Shape = $crate::declare::Shape::Other;
        }
    )*};
}
pub(crate) use other_values;

other_values!(
    String,
    bool,
    crate::mode::Mode,
    crate::diagnostic::Level,
    crate::text::count::Unit,
    crate::lang::register::Register,
    crate::lang::variant::Variant,
    crate::lang::Language,
);

/// A whole number from `MIN` to `MAX`, as written in a configuration file.
/// Anything else (a negative number, a fraction, a number past `MAX`) is
/// an error at the value: "must be a whole number from 1 to 1000000, not
/// 0", which the configuration prefixes with the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bounded<const MIN: u64, const MAX: u64>(u64);

impl<const MIN: u64, const MAX: u64> Bounded<MIN, MAX> {
    pub const RANGE: NumberRange = NumberRange { min: MIN, max: MAX };

    /// `value`, if it is in range.
    pub const fn new(value: u64) -> Option<Self> {
        if value >= MIN && value <= MAX {
            Some(Bounded(value))
        } else {
            None
        }
    }

    pub const fn get(self) -> u64 {
        self.0
    }

    /// The value as a `usize` (every range fits in 32 bits).
    pub fn get_usize(self) -> usize {
        usize::try_from(self.0).unwrap_or(usize::MAX)
    }
}

impl<const MIN: u64, const MAX: u64> OptionValue for Bounded<MIN, MAX> {
    const SHAPE: Shape = Shape::Number(Self::RANGE);
}

impl<const MIN: u64, const MAX: u64> From<Bounded<MIN, MAX>> for u64 {
    fn from(value: Bounded<MIN, MAX>) -> u64 {
        value.0
    }
}

impl<const MIN: u64, const MAX: u64> From<Bounded<MIN, MAX>> for Option<u64> {
    fn from(value: Bounded<MIN, MAX>) -> Option<u64> {
        Some(value.0)
    }
}

/// The message for a number out of `range` (`value` as written).
pub fn out_of_range(range: NumberRange, value: impl fmt::Display) -> String {
    format!("must be {range}, not {value}")
}

/// Reads any TOML number, checking it against a range.
pub(crate) struct BoundedVisitor(pub(crate) NumberRange);

impl BoundedVisitor {
    fn check<E: de::Error>(&self, value: Option<u64>, shown: impl fmt::Display) -> Result<u64, E> {
        match value {
            Some(v) if v >= self.0.min && v <= self.0.max => Ok(v),
            _ => Err(E::custom(out_of_range(self.0, shown))),
        }
    }
}

impl<'de> Visitor<'de> for BoundedVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        self.check(Some(v), v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        self.check(u64::try_from(v).ok(), v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<u64, E> {
        self.check(u64::try_from(v).ok(), v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<u64, E> {
        self.check(u64::try_from(v).ok(), v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        self.check(None, v)
    }
}

impl<'de, const MIN: u64, const MAX: u64> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(BoundedVisitor(Self::RANGE))
            .map(Bounded)
    }
}

/// One table on the way to a key: `[name]`, `[name.NAME]` or `[[name]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TablePart {
    Table(&'static str),
    Named(&'static str),
    List(&'static str),
}

/// A key that holds numbers, and the tables it is in (none: top level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumericKey {
    pub tables: Vec<TablePart>,
    pub meta: &'static OptionMeta,
}

impl NumericKey {
    /// The table header the key is written under: "top level",
    /// `[channels.NAME]`, `[[rule]]`.
    pub fn table_header(&self) -> String {
        if self.tables.is_empty() {
            return "top level".to_owned();
        }
        let list = matches!(self.tables.last(), Some(TablePart::List(_)));
        let path: Vec<String> = self
            .tables
            .iter()
            .map(|t| match t {
                TablePart::Table(n) | TablePart::List(n) => (*n).to_owned(),
                TablePart::Named(n) => format!("{n}.NAME"),
            })
            .collect();
        if list {
            format!("[[{}]]", path.join("."))
        } else {
            format!("[{}]", path.join("."))
        }
    }
}

/// Every key of `table`, and of the tables in it, that holds numbers, in
/// declaration order.
pub fn numeric_keys(table: &'static [OptionMeta]) -> Vec<NumericKey> {
    fn walk(table: &'static [OptionMeta], tables: &[TablePart], out: &mut Vec<NumericKey>) {
        for meta in table {
            let inner = |part: TablePart| {
                let mut t = tables.to_vec();
                t.push(part);
                t
            };
            match meta.shape {
                Shape::Other => {}
                Shape::Number(_) | Shape::NumberTable(_) | Shape::NumberOrTable(_) => {
                    out.push(NumericKey {
                        tables: tables.to_vec(),
                        meta,
                    });
                }
                Shape::Table(t) => walk(t, &inner(TablePart::Table(meta.key)), out),
                Shape::NamedTables(t) => walk(t, &inner(TablePart::Named(meta.key)), out),
                Shape::TableList(t) => walk(t, &inner(TablePart::List(meta.key)), out),
            }
        }
    }
    let mut out = Vec::new();
    walk(table, &[], &mut out);
    out
}

/// The metadata of `key` in `table`.
pub fn find(table: &'static [OptionMeta], key: &str) -> Option<&'static OptionMeta> {
    table.iter().find(|m| m.key == key)
}

/// `snake` with `_` turned into `-`, as serde's `rename_all =
/// "kebab-case"` names a field; `N` is its length.
#[doc(hidden)]
pub const fn kebab<const N: usize>(snake: &str) -> [u8; N] {
    let bytes = snake.as_bytes();
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = if bytes[i] == b'_' { b'-' } else { bytes[i] };
        i += 1;
    }
    out
}

/// Layer two tables of `key → value`: the later one's entries win, key by
/// key (a key written again takes the later position too).
pub fn merge_by_key<K: Ord, V>(
    base: Option<BTreeMap<K, V>>,
    over: Option<BTreeMap<K, V>>,
) -> Option<BTreeMap<K, V>> {
    match (base, over) {
        (Some(mut base), Some(over)) => {
            for (k, v) in over {
                base.remove(&k);
                base.insert(k, v);
            }
            Some(base)
        }
        (base, over) => over.or(base),
    }
}

/// The TOML key of a field: its name in kebab-case, as a `&'static str`.
macro_rules! option_key {
    ($field:ident) => {{
        const SNAKE: &str = stringify!($field);
        const KEY: [u8; SNAKE.len()] = $crate::declare::kebab(SNAKE);
        match ::core::str::from_utf8(&KEY) {
            Ok(key) => key,
            Err(_) => panic!("a field name is ASCII"),
        }
    }};
}
pub(crate) use option_key;

/// Declare a raw options struct: the table of a TOML file as written.
///
/// ```ignore
/// declare_options! {
///     /// The struct's docs.
///     #[derive(Debug, Default, Deserialize)]
///     pub struct Options {
///         /// The option's docs.
///         #[starter = "## What it is for (a line of the starter file)."]
///         #[starter = "# key = 3"]
///         key: u64,
///         /// A key every table must have (not an `Option`).
///         glob: Spanned<String> = required,
///         /// A table merged key by key when layered.
///         rules: RuleLevels = by_key,
///     }
/// }
/// ```
///
/// Each field becomes `pub key: Option<Type>` (the type itself when
/// `required`), read with `deny_unknown_fields` and kebab-case keys. The
/// struct gets `KEYS` (every key, in order), `META` (an [`OptionMeta`]
/// per key) and `merge(self, over)`: `over`'s value wins where it has one
/// (`by_key`: entry by entry).
macro_rules! declare_options {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[starter = $starter:literal])*
                $field:ident : $ty:ty $(= $kind:ident)?
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        $vis struct $name {
            $(
                $(#[doc = $doc])*
                pub $field: $crate::declare::declare_options!(@type [$($kind)?] $ty),
            )*
        }

        impl $crate::declare::OptionValue for $name {
            const SHAPE: $crate::declare::Shape = $crate::declare::Shape::Table(Self::META);
        }

        impl $name {
            /// Every key the table accepts, in order.
            pub const KEYS: &'static [&'static str] =
                &[$($crate::declare::option_key!($field)),*];

            /// Key, type, docs and starter lines of every key, in order.
            pub const META: &'static [$crate::declare::OptionMeta] = &[$(
                $crate::declare::OptionMeta {
                    key: $crate::declare::option_key!($field),
                    ty: stringify!($ty),
                    docs: concat!($($doc, "\n"),*),
                    starter: $crate::declare::declare_options!(@starter $($starter)*),
                    shape: <$ty as $crate::declare::OptionValue>::SHAPE,
                }
            ),*];

            /// Layer `over` on top of `self`: what `over` sets wins.
            pub fn merge(self, over: Self) -> Self {
                Self {
                    $($field: $crate::declare::declare_options!(
                        @merge [$($kind)?] self.$field, over.$field
                    ),)*
                }
            }
        }
    };
    (@type [required] $ty:ty) => { $ty };
    (@type [$($kind:ident)?] $ty:ty) => { ::core::option::Option<$ty> };
    (@starter $($starter:literal)+) => {
        ::core::option::Option::Some(concat!($($starter, "\n"),+))
    };
    (@starter) => { ::core::option::Option::None };
    (@merge [required] $base:expr, $over:expr) => { $over };
    (@merge [by_key] $base:expr, $over:expr) => {
        $crate::declare::merge_by_key($base, $over)
    };
    (@merge [] $base:expr, $over:expr) => { $over.or($base) };
}
pub(crate) use declare_options;
