//! The built-in lexicons (`rules/lexicon/*.toml`) as JSON, for the binary
//! to embed next to their TOML: the same data, read at start-up by
//! `serde_json` in under a third of the instructions `toml` takes (a draft's
//! check reads most of them). The TOML files stay the source; this turns
//! each into `$OUT_DIR/lexicon/<name>.json`, listed by
//! `$OUT_DIR/lexicon/table.rs`.
//!
//! It also writes the trigram detector's tables
//! (`$OUT_DIR/trigram_tables.rs`) from `src/lang/trigram_tables.rs`, so
//! that a run reads them in place instead of building them.

use std::path::Path;

#[path = "src/lang/trigram_tables.rs"]
mod trigram_tables;

fn main() {
    // Read when the script runs, not when it is built: one compiled
    // script can serve two checkouts that share a target folder.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("../../rules/lexicon");
    println!("cargo::rerun-if-changed={}", dir.display());
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("lexicon");
    std::fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    entries.sort();
    // The table of them for `lang::builtin`: (name, JSON text), by name.
    let mut listing = String::from("&[\n");
    for path in entries {
        println!("cargo::rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json = serde_json::to_string(&table).expect("a TOML table is JSON");
        let name = path.file_stem().expect("a file name");
        let written = out.join(name).with_extension("json");
        std::fs::write(&written, json).expect("OUT_DIR is writable");
        listing += &format!(
            "    ({:?}, include_str!({:?})),\n",
            name.to_string_lossy(),
            written.display().to_string()
        );
    }
    listing += "]\n";
    std::fs::write(out.join("table.rs"), listing).expect("OUT_DIR is writable");
    trigram_tables();
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
