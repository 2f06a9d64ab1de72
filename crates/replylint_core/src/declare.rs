//! How options are declared: once, as a list of `/// doc` + `key: Type`
//! entries that [`declare_options!`] turns into the raw struct a TOML
//! table is read into (every field an `Option`, unknown keys rejected,
//! kebab-case keys), the list of its keys, the merge of two layers (the
//! later one wins) and a metadata table ([`OptionMeta`]: key, type, docs,
//! the lines `replylint init` writes for it). The docs, `replylint init`,
//! `replylint config` and the drift tests read the metadata; nothing lists
//! the keys by hand. (ruff declares its options the same way, clippy its
//! lints.)

use std::collections::BTreeMap;

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
}

impl OptionMeta {
    /// The docs as one line of Markdown.
    pub fn docs(&self) -> String {
        self.docs.split_whitespace().collect::<Vec<_>>().join(" ")
    }
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
