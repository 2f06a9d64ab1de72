//! The built-in lexicons and channel files (`rules/lexicon/*.toml`,
//! `rules/channels/*.toml`) as trees of nodes, for
//! the binary to embed next to their TOML and read in place: every string
//! of a file in one text, every value a node of three numbers (no pointer,
//! so nothing for the loader to relocate), the items of a table or an
//! array side by side. `lang::builtin::Tree` reads them with `serde`,
//! without parsing anything. The TOML files stay the source; this turns
//! them into `$OUT_DIR/lexicon/trees.rs` and `$OUT_DIR/channels/trees.rs`.
//!
//! It also writes the trigram detector's tables
//! (`$OUT_DIR/trigram_tables.rs`) from `src/lang/trigram_tables.rs`, so
//! that a run reads them in place instead of building them.

use std::path::Path;

#[path = "src/lang/trigram_tables.rs"]
mod trigram_tables;

fn main() {
    trees("lexicon");
    trees("channels");
    trigram_tables();
}

/// Each TOML file of `rules/<folder>/` as a [`tree`], listed by name in
/// `$OUT_DIR/<folder>/trees.rs` for `lang::builtin`.
fn trees(folder: &str) {
    // Read when the script runs, not when it is built: one compiled
    // script can serve two checkouts that share a target folder.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("../../rules").join(folder);
    println!("cargo::rerun-if-changed={}", dir.display());
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join(folder);
    std::fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    entries.sort();
    let mut listing = String::from("&[\n");
    for path in entries {
        println!("cargo::rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_stem().expect("a file name").to_string_lossy();
        let (strings, nodes) = tree(table);
        listing +=
            &format!("    ({name:?}, Tree {{\n        text: {strings:?},\n        nodes: &[");
        for (i, (kind, a, b)) in nodes.iter().enumerate() {
            if i % 8 == 0 {
                listing += "\n            ";
            }
            listing += &format!("Node({kind}, {a}, {b}), ");
        }
        listing += "\n        ],\n    }),\n";
    }
    listing += "]\n";
    std::fs::write(out.join("trees.rs"), listing).expect("OUT_DIR is writable");
}

/// A TOML table as `lang::builtin::Tree`'s text and nodes: node 0 is the
/// table; each node is (kind, a, b) with the kinds and fields
/// `lang::builtin::Node` describes.
fn tree(table: toml::Table) -> (String, Vec<(u8, u32, u32)>) {
    let mut text = String::new();
    // Each distinct string once in the text.
    let mut strings: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let mut nodes: Vec<(u8, u32, u32)> = vec![(0, 0, 0)];
    let root = toml::Value::Table(table);
    let mut queue = std::collections::VecDeque::from([(0usize, &root)]);
    let number = |n: usize| u32::try_from(n).expect("a lexicon is far under 4 GiB");
    let mut string = |s: &str, text: &mut String| -> (u8, u32, u32) {
        let at = *strings.entry(s.to_owned()).or_insert_with(|| {
            text.push_str(s);
            number(text.len() - s.len())
        });
        (0, at, number(s.len()))
    };
    while let Some((i, value)) = queue.pop_front() {
        nodes[i] = match value {
            toml::Value::String(s) => string(s, &mut text),
            toml::Value::Integer(n) => (1, *n as u64 as u32, (*n as u64 >> 32) as u32),
            toml::Value::Float(f) => (2, f.to_bits() as u32, (f.to_bits() >> 32) as u32),
            toml::Value::Boolean(b) => (3, u32::from(*b), 0),
            toml::Value::Array(items) => {
                let first = nodes.len();
                for item in items {
                    queue.push_back((nodes.len(), item));
                    nodes.push((0, 0, 0));
                }
                (4, number(first), number(items.len()))
            }
            toml::Value::Table(entries) => {
                let first = nodes.len();
                for (key, item) in entries {
                    let key = string(key, &mut text);
                    nodes.push(key);
                    queue.push_back((nodes.len(), item));
                    nodes.push((0, 0, 0));
                }
                (5, number(first), number(entries.len()))
            }
            toml::Value::Datetime(d) => panic!("a date in a lexicon: {d}"),
        };
    }
    (text, nodes)
}

/// The trigram detector's tables as Rust statics.
fn trigram_tables() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let source = Path::new(&manifest).join("src/lang/trigram_tables.rs");
    println!("cargo::rerun-if-changed={}", source.display());
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("trigram_tables.rs");
    let tables = trigram_tables::to_rust(&trigram_tables::build());
    std::fs::write(out, tables).expect("OUT_DIR is writable");
}
