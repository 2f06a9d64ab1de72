//! The built-in lexicon files (`rules/lexicon/*.toml`), embedded in the
//! binary: one table of them and one loader, so every lexicon is found,
//! parsed and reported the same way whichever layer reads it.

/// Every file of `rules/lexicon/`, by name (the file name without
/// `.toml`).
pub const FILES: &[(&str, &str)] = &[
    (
        "acronyms",
        include_str!("../../../../rules/lexicon/acronyms.toml"),
    ),
    (
        "blame",
        include_str!("../../../../rules/lexicon/blame.toml"),
    ),
    (
        "conventions",
        include_str!("../../../../rules/lexicon/conventions.toml"),
    ),
    (
        "credential-request",
        include_str!("../../../../rules/lexicon/credential-request.toml"),
    ),
    (
        "dates",
        include_str!("../../../../rules/lexicon/dates.toml"),
    ),
    (
        "facts",
        include_str!("../../../../rules/lexicon/facts.toml"),
    ),
    (
        "greetings",
        include_str!("../../../../rules/lexicon/greetings.toml"),
    ),
    (
        "links",
        include_str!("../../../../rules/lexicon/links.toml"),
    ),
    (
        "personal-data",
        include_str!("../../../../rules/lexicon/personal-data.toml"),
    ),
    (
        "register",
        include_str!("../../../../rules/lexicon/register.toml"),
    ),
    (
        "repeated-words",
        include_str!("../../../../rules/lexicon/repeated-words.toml"),
    ),
    (
        "sign-offs",
        include_str!("../../../../rules/lexicon/sign-offs.toml"),
    ),
    (
        "spelling",
        include_str!("../../../../rules/lexicon/spelling.toml"),
    ),
    (
        "text-speak",
        include_str!("../../../../rules/lexicon/text-speak.toml"),
    ),
];

/// The same files as trees read in place ([`Tree`]), made and listed by
/// `build.rs` from the TOML: what runs read ([`load`]), without parsing.
const TREES: &[(&str, Tree)] = include!(concat!(env!("OUT_DIR"), "/lexicon/trees.rs"));

/// The built-in channel files (`rules/channels/*.toml`, listed by
/// [`crate::channel::BUILTIN`]) as trees, by name.
const CHANNEL_TREES: &[(&str, Tree)] = include!(concat!(env!("OUT_DIR"), "/channels/trees.rs"));

/// The built-in channel file `name` as a tree.
///
/// # Panics
/// On a name that is not a built-in channel's.
pub fn channel(name: &str) -> Source<'static> {
    Source::Tree(find(CHANNEL_TREES, name))
}

/// The text of the built-in lexicon `name`.
///
/// # Panics
/// On a name that is not in [`FILES`]: a mistake in the code, caught by
/// the tests.
pub fn text(name: &str) -> &'static str {
    find(FILES, name)
}

fn find<T: Copy>(files: &[(&str, T)], name: &str) -> T {
    files
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no built-in lexicon `rules/lexicon/{name}.toml`"))
}

/// A lexicon's text as TOML, as in `rules/lexicon/`, or the tree
/// `build.rs` makes of a built-in one.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Toml(&'a str),
    Tree(Tree),
}

impl Source<'_> {
    /// The text read as a `T`; the error is the parser's message.
    pub fn read<T: serde::de::DeserializeOwned>(self) -> Result<T, String> {
        match self {
            Source::Toml(text) => toml::from_str(text).map_err(|e| e.to_string()),
            Source::Tree(tree) => T::deserialize(tree.at(0)).map_err(|e| e.to_string()),
        }
    }
}

impl<'a> From<&'a str> for Source<'a> {
    /// TOML text.
    fn from(text: &'a str) -> Self {
        Source::Toml(text)
    }
}

/// The built-in lexicon `name`, read by `parse` from its tree.
///
/// # Panics
/// When the file does not parse: the built-in files are tested, so this
/// is a mistake in the data caught before a release.
pub fn load<T, E: std::fmt::Display>(
    name: &str,
    parse: impl FnOnce(Source<'static>) -> Result<T, E>,
) -> T {
    parse(Source::Tree(find(TREES, name)))
        .unwrap_or_else(|e| panic!("rules/lexicon/{name}.toml: {e}"))
}

/// The built-in lexicon `name` read as a `T` that may borrow its strings
/// from the binary (`&'static str`): what a screen reads without
/// allocating.
///
/// # Panics
/// As [`load`].
pub fn read_in_place<T: serde::Deserialize<'static>>(name: &str) -> T {
    T::deserialize(find(TREES, name).at(0))
        .unwrap_or_else(|e| panic!("rules/lexicon/{name}.toml: {e}"))
}

/// A TOML document made at compile time into nodes read in place: a
/// [`serde::Deserializer`] walks them, handing out its strings borrowed
/// from [`Tree::text`], so reading a built-in lexicon parses nothing and
/// allocates only what the type read keeps. Node 0 is the document's
/// table.
#[derive(Clone, Copy)]
pub struct Tree {
    /// Every string of the document (keys and values), each once.
    text: &'static str,
    nodes: &'static [Node],
}

impl std::fmt::Debug for Tree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tree({} nodes)", self.nodes.len())
    }
}

/// One value: (kind, a, b), where by kind
/// - [`STRING`]: `text[a..a + b]`;
/// - [`INTEGER`], [`FLOAT`]: the value's 64 bits, `a` the low half;
/// - [`BOOLEAN`]: `a` is 0 or 1;
/// - [`ARRAY`]: its `b` items are nodes `a..a + b`;
/// - [`TABLE`]: its `b` entries are nodes `a..a + 2b`, each key (a
///   string) followed by its value.
#[derive(Debug, Clone, Copy)]
struct Node(u8, u32, u32);

const STRING: u8 = 0;
const INTEGER: u8 = 1;
const FLOAT: u8 = 2;
const BOOLEAN: u8 = 3;
const ARRAY: u8 = 4;
const TABLE: u8 = 5;

impl Tree {
    fn at(self, node: u32) -> At {
        At { tree: self, node }
    }

    fn string(self, at: u32, len: u32) -> &'static str {
        &self.text[at as usize..(at + len) as usize]
    }
}

/// A node of a tree, as a deserializer.
#[derive(Clone, Copy)]
struct At {
    tree: Tree,
    node: u32,
}

type TreeError = serde::de::value::Error;

impl<'de> serde::Deserializer<'de> for At {
    type Error = TreeError;

    fn deserialize_any<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        let Node(kind, a, b) = self.tree.nodes[self.node as usize];
        let bits = u64::from(b) << 32 | u64::from(a);
        match kind {
            STRING => visitor.visit_borrowed_str(self.tree.string(a, b)),
            INTEGER => visitor.visit_i64(bits as i64),
            FLOAT => visitor.visit_f64(f64::from_bits(bits)),
            BOOLEAN => visitor.visit_bool(a != 0),
            ARRAY => visitor.visit_seq(Items::array(self.tree, a, b)),
            _ => visitor.visit_map(Items::table(self.tree, a, b)),
        }
    }

    /// TOML has no null: a value is there or its key is missing.
    fn deserialize_option<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant as its name, another as a table of one entry.
    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        use serde::de::IntoDeserializer as _;
        let Node(kind, a, b) = self.tree.nodes[self.node as usize];
        match kind {
            STRING => visitor.visit_enum(self.tree.string(a, b).into_deserializer()),
            TABLE => visitor.visit_enum(serde::de::value::MapAccessDeserializer::new(
                Items::table(self.tree, a, b),
            )),
            _ => self.deserialize_any(visitor),
        }
    }

    /// A [`toml::Spanned`] value spans nothing: a built-in file's values
    /// have no place in a file the user wrote.
    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        if serde_spanned::de::is_spanned(name) {
            return visitor.visit_map(serde_spanned::de::SpannedDeserializer::new(self, 0..0));
        }
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map
        identifier ignored_any
    }
}

impl<'de> serde::de::IntoDeserializer<'de, TreeError> for At {
    type Deserializer = At;

    fn into_deserializer(self) -> At {
        self
    }
}

/// The items of an array, or the keys and values of a table, left to read.
struct Items {
    tree: Tree,
    next: u32,
    end: u32,
}

impl Items {
    /// The `len` items of an array, from node `first` ([`Node`]).
    fn array(tree: Tree, first: u32, len: u32) -> Items {
        Items {
            tree,
            next: first,
            end: first + len,
        }
    }

    /// The `len` entries of a table, from node `first`: a key and its
    /// value each.
    fn table(tree: Tree, first: u32, len: u32) -> Items {
        Items::array(tree, first, 2 * len)
    }
}

impl<'de> serde::de::SeqAccess<'de> for Items {
    type Error = TreeError;

    fn next_element_seed<T: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TreeError> {
        if self.next == self.end {
            return Ok(None);
        }
        self.next += 1;
        seed.deserialize(self.tree.at(self.next - 1)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.end - self.next) as usize)
    }
}

impl<'de> serde::de::MapAccess<'de> for Items {
    type Error = TreeError;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TreeError> {
        if self.next == self.end {
            return Ok(None);
        }
        seed.deserialize(self.tree.at(self.next)).map(Some)
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, TreeError> {
        self.next += 2;
        seed.deserialize(self.tree.at(self.next - 1))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(((self.end - self.next) / 2) as usize)
    }
}

/// Every string of a lexicon's TOML text, table keys included, in the
/// order they are written: what a test of a lexicon's phrases walks.
#[cfg(test)]
pub(crate) fn strings_of(text: &str) -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| {
                out.push(k.clone());
                walk(v, out);
            }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&toml::from_str(text).expect("a TOML lexicon"), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_folder_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/lexicon");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("rules/lexicon")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".toml").map(str::to_owned))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, listed, "FILES lists rules/lexicon/*.toml, sorted");
        let converted: Vec<&str> = TREES.iter().map(|(n, _)| *n).collect();
        assert_eq!(converted, listed, "TREES lists the same files as FILES");
        for (name, text) in FILES {
            let path = format!("{dir}/{name}.toml");
            assert_eq!(
                std::fs::read_to_string(&path).expect("lexicon file"),
                *text,
                "{path}"
            );
        }
    }

    #[test]
    fn the_tree_holds_what_the_toml_does() {
        for (name, text) in FILES {
            let toml: serde_json::Value = Source::Toml(text).read().expect("TOML");
            let tree: serde_json::Value = Source::Tree(find(TREES, name)).read().expect("tree");
            assert_eq!(toml, tree, "{name}");
        }
        let mut channels: Vec<&str> = CHANNEL_TREES.iter().map(|(n, _)| *n).collect();
        let mut listed: Vec<&str> = crate::channel::BUILTIN.iter().map(|(n, _)| *n).collect();
        channels.sort_unstable();
        listed.sort_unstable();
        assert_eq!(channels, listed, "a tree for each built-in channel");
        for (name, text) in crate::channel::BUILTIN {
            let toml: serde_json::Value = Source::Toml(text).read().expect("TOML");
            let tree: serde_json::Value = channel(name).read().expect("tree");
            assert_eq!(toml, tree, "{name}");
        }
    }

    /// What the lexicons' own types read: an option, a unit variant, a
    /// variant with fields, a newtype, numbers of every width, a spanned
    /// value.
    #[test]
    fn a_tree_reads_into_every_shape_of_type() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        #[serde(rename_all = "kebab-case")]
        enum Kind {
            Plain,
            Scaled { by: f64 },
        }
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct Name(String);
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        struct Shapes {
            name: Name,
            missing: Option<u8>,
            present: Option<u8>,
            small: u16,
            negative: i32,
            ratio: f32,
            on: bool,
            kind: Kind,
            other: Kind,
            list: Vec<toml::Spanned<String>>,
        }
        // A channel file read as this type would not do: build a tree by
        // hand, as build.rs lays one out.
        let text = "namepresentsmallnegativeratioonkindotherlistbyfredplainscaledab";
        let s = |word: &str| {
            let at = text.find(word).expect("in the text") as u32;
            Node(STRING, at, word.len() as u32)
        };
        let nodes: &'static [Node] = Box::leak(Box::new([
            Node(TABLE, 1, 9),
            s("name"),
            s("fred"),
            s("present"),
            Node(INTEGER, 7, 0),
            s("small"),
            Node(INTEGER, 65_535, 0),
            s("negative"),
            Node(
                INTEGER,
                (-3_i64) as u64 as u32,
                ((-3_i64) as u64 >> 32) as u32,
            ),
            s("ratio"),
            Node(
                FLOAT,
                0.5_f64.to_bits() as u32,
                (0.5_f64.to_bits() >> 32) as u32,
            ),
            s("on"),
            Node(BOOLEAN, 1, 0),
            s("kind"),
            s("plain"),
            s("other"),
            Node(TABLE, 19, 1),
            s("list"),
            Node(ARRAY, 21, 2),
            s("scaled"),
            Node(TABLE, 23, 1),
            s("a"),
            s("b"),
            s("by"),
            Node(
                FLOAT,
                2.0_f64.to_bits() as u32,
                (2.0_f64.to_bits() >> 32) as u32,
            ),
        ]));
        let tree = Tree { text, nodes };
        let shapes: Shapes = Source::Tree(tree).read().expect("every shape");
        assert_eq!(shapes.name, Name("fred".into()));
        assert_eq!((shapes.missing, shapes.present), (None, Some(7)));
        assert_eq!((shapes.small, shapes.negative), (65_535, -3));
        assert_eq!((shapes.ratio, shapes.on), (0.5, true));
        assert_eq!(shapes.kind, Kind::Plain);
        assert_eq!(shapes.other, Kind::Scaled { by: 2.0 });
        let list: Vec<(&str, std::ops::Range<usize>)> = shapes
            .list
            .iter()
            .map(|v| (v.get_ref().as_str(), v.span()))
            .collect();
        assert_eq!(list, [("a", 0..0), ("b", 0..0)]);
        // A wrong type is an error, not a panic.
        let wrong: Result<Vec<u8>, String> = Source::Tree(tree).read();
        assert!(wrong.is_err());
    }

    #[test]
    #[should_panic(expected = "rules/lexicon/blame.toml: ")]
    fn a_file_that_does_not_parse_names_the_file() {
        load("blame", |_| Err::<(), _>("bad"));
    }
}
