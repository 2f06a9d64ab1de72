//! A test of the crate's layering: [`crate::text`] and [`crate::lang`]
//! name nothing of the analysis layer, the rules or anything above them,
//! and [`crate::analysis`] names no rule, no configuration and not the
//! engine. Paths are read from the sources (`crate::…` and `super::…`
//! outside comments), as `grep` would.

use std::path::{Path, PathBuf};

/// The modules above each layer, which it must not name.
const ABOVE: &[(&str, &[&str])] = &[
    (
        "text",
        &[
            "analysis", "rules", "config", "engine", "suppress", "docs", "count",
        ],
    ),
    (
        "lang",
        &[
            "analysis", "rules", "config", "engine", "suppress", "docs", "count",
        ],
    ),
    (
        "analysis",
        &["rules", "config", "engine", "suppress", "docs", "count"],
    ),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a source file").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules that the source `text` of a module `depth`
/// levels below the crate names: `crate::x` paths, and `super::x` paths
/// that climb to the crate, outside comments.
fn named(text: &str, depth: usize) -> Vec<String> {
    static PATH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(crate::|(?:super::)+)(\{[^}]*\}|\w+)").expect("valid regex")
    });
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        for c in PATH.captures_iter(code) {
            let climbs = &c[1] == "crate::" || c[1].len() / "super::".len() >= depth;
            if !climbs {
                continue;
            }
            // `crate::{a, b::c}`: `a` and `b`.
            let names = c[2].trim_start_matches('{').trim_end_matches('}');
            for name in names.split(',') {
                let name = name.trim().split("::").next().unwrap_or_default();
                if !name.is_empty() {
                    out.push(name.to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn lower_layers_name_nothing_above_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for (layer, above) in ABOVE {
        let mut files = Vec::new();
        sources(&root.join(layer), &mut files);
        assert!(!files.is_empty(), "{layer}");
        for file in files {
            let relative = file.strip_prefix(&root).expect("under src");
            // `analysis/mod.rs` is the module `analysis`, one level down;
            // `analysis/tokens.rs` two.
            let depth = relative.components().count() - usize::from(relative.ends_with("mod.rs"));
            let text = std::fs::read_to_string(&file).expect("a readable source");
            for name in named(&text, depth) {
                if above.contains(&name.as_str()) {
                    problems.push(format!("{} names `{name}`", relative.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn paths_are_read_outside_comments() {
    assert_eq!(named("use crate::rules::X; // crate::config", 2), ["rules"]);
    assert_eq!(named("use super::super::engine;", 2), ["engine"]);
    assert_eq!(
        named("use super::{tokens, rules::X};", 1),
        ["tokens", "rules"]
    );
    assert!(named("use super::tokens;", 2).is_empty());
    assert!(named("/// [`crate::rules`]", 1).is_empty());
}
