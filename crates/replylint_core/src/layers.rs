//! The layers of the crate (see the crate docs), checked: no module names
//! a module of a higher layer (`use crate::…` or an inline `crate::…`
//! path, in code or in a macro), and modules of one layer do not name each
//! other both ways. Test code (after `#[cfg(test)]`) may use anything.

use std::collections::BTreeSet;
use std::path::Path;

/// Top-level modules, lowest layer first.
const LAYERS: &[&[&str]] = &[
    &["text"],
    &["lang"],
    &[
        "diagnostic",
        "location",
        "mode",
        "suggest",
        "config_error",
        "declare",
    ],
    &["reply", "channel"],
    &["analysis"],
    &["rules"],
    &["config", "suppress"],
    &["engine", "count", "docs"],
];

/// Upward imports not fixed yet: (from, to).
const KNOWN: &[(&str, &str)] = &[
    // A language code and "did you mean" in text/ and lang/.
    ("text", "lang"),
    ("text", "suggest"),
    ("lang", "suggest"),
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer of layers.rs"))
}

/// The top-level modules `code` names through `crate::`.
fn named(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in code.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for (at, _) in line.match_indices("crate::") {
            let name: String = line[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push((i + 1, name));
        }
    }
    out
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("src/ is readable").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_names_a_higher_layer_or_one_that_names_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    let mut upward = Vec::new();
    let mut across = BTreeSet::new();
    for path in paths {
        let rel = path.strip_prefix(&src).expect("under src/");
        let first = rel.components().next().expect("a file");
        let module = first.as_os_str().to_string_lossy().replace(".rs", "");
        if module == "lib" || module == "layers" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (line, name) in named(code) {
            if name == module || !LAYERS.iter().any(|l| l.contains(&name.as_str())) {
                continue;
            }
            let (from, to) = (layer(&module), layer(&name));
            if to > from && !KNOWN.contains(&(module.as_str(), name.as_str())) {
                upward.push(format!("{}:{line}: {module} names {name}", rel.display()));
            } else if to == from {
                across.insert((module.clone(), name));
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
    let cycles: Vec<_> = across
        .iter()
        .filter(|(a, b)| across.contains(&(b.clone(), a.clone())))
        .collect();
    assert!(cycles.is_empty(), "modules naming each other: {cycles:?}");
}
