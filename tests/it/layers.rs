//! The architecture, checked: no module of any crate of the workspace
//! imports a module that imports it back (directly or around a ring), and
//! no module of `replylint_core` names a module of a higher layer. The crate
//! graph already keeps the core below `replylint_io` below the CLI; this
//! test keeps the layers inside each crate honest.
//!
//! An import is any `crate::a::b` path (in a `use` or inline), `super::`
//! and `self::` paths, and a child module named by its parent. A module
//! owning its children (`mod.rs` naming `rules::blame`) is containment, not
//! an import; the child importing its parent back is an ordinary import.
//! Unit tests (`#[cfg(test)] mod tests`) may reach anywhere and are not
//! read.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers of `replylint_core`, lowest first: a module may import its own
/// layer's modules (without a ring) and those of the layers before it.
const CORE_LAYERS: &[&[&str]] = &[
    &["suggest"],
    &["text"],
    &["lang"],
    &["spelling"],
    &[
        "diagnostic",
        "location",
        "mode",
        "date",
        "config_error",
        "declare",
    ],
    &["reply", "channel"],
    &["analysis"],
    &["rules"],
    &["config", "suppress"],
    &["library"],
    &["engine", "count", "docs"],
];

/// The crates' source folders, relative to the workspace root.
const CRATES: &[&str] = &[
    "crates/replylint_core/src",
    "crates/replylint_io/src",
    "src",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, as module paths (`rules::greeting`,
/// `rules` for `rules/mod.rs`, `` for `lib.rs`/`main.rs`) with their text.
fn modules(dir: &Path) -> BTreeMap<Vec<String>, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(dir).expect("under dir");
            let mut parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).expect("source file");
            out.insert(parts, without_tests_and_comments(&text));
        }
    }
    out
}

/// The text without `#[cfg(test)]` modules (everything from the first
/// `#[cfg(test)]` followed by `mod`) and without `//` comments.
fn without_tests_and_comments(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        let code = match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The module a path (`crate::rules::blame::Blame` as segments, already
/// absolute) names: the longest prefix that is a module of the crate.
fn resolve(segments: &[String], known: &BTreeMap<Vec<String>, String>) -> Option<Vec<String>> {
    (1..=segments.len())
        .rev()
        .map(|n| segments[..n].to_vec())
        .find(|prefix| known.contains_key(prefix))
}

/// The modules each module imports (containment of descendants left out).
fn imports(known: &BTreeMap<Vec<String>, String>) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let path = Regex::new(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)").unwrap();
    let group =
        Regex::new(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^}]*)\}").unwrap();
    let word = Regex::new(r"\b([a-z_][a-z0-9_]*)::").unwrap();
    let mut out = BTreeMap::new();
    for (module, text) in known {
        let mut found = BTreeSet::new();
        let absolute = |head: &str, rest: &str| -> Vec<String> {
            let mut base = match head {
                "crate" => Vec::new(),
                "super" => module[..module.len().saturating_sub(1)].to_vec(),
                _ => module.clone(),
            };
            base.extend(
                rest.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
            base
        };
        let mut targets = Vec::new();
        for c in path.captures_iter(text) {
            targets.push(absolute(&c[1], &c[2]));
        }
        for c in group.captures_iter(text) {
            for item in c[3].split(',') {
                let item = item.trim();
                if !item.is_empty() {
                    targets.push(absolute(&c[1], &format!("{}::{item}", &c[2])));
                }
            }
        }
        // A child module named by its parent without `self::`
        // (`screen::Screened` in `rules/mod.rs`), and a sibling or child
        // named relative to the module.
        for c in word.captures_iter(text) {
            let mut child = module.clone();
            child.push(c[1].to_owned());
            if known.contains_key(&child) {
                targets.push(child);
            }
        }
        for target in targets {
            if let Some(t) = resolve(&target, known) {
                let descendant = t.len() > module.len() && t.starts_with(module);
                if t != *module && !descendant {
                    found.insert(t);
                }
            }
        }
        out.insert(module.clone(), found);
    }
    out
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "lib".to_owned()
    } else {
        module.join("::")
    }
}

/// Rings of the import graph (strongly connected components of more than
/// one module), by Tarjan's algorithm.
fn rings(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'g Vec<String>, usize>,
        low: BTreeMap<&'g Vec<String>, usize>,
        stack: Vec<&'g Vec<String>>,
        on_stack: BTreeSet<&'g Vec<String>>,
        next: usize,
        rings: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g Vec<String>) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut ring = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                ring.push(name(w));
                if w == v {
                    break;
                }
            }
            if ring.len() > 1 {
                ring.sort();
                s.rings.push(ring);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        rings: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.rings
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let mut found = Vec::new();
    for dir in CRATES {
        let graph = imports(&modules(&root().join(dir)));
        for ring in rings(&graph) {
            found.push(format!("{dir}: {}", ring.join(" ↔ ")));
        }
    }
    assert!(
        found.is_empty(),
        "modules that import each other (in a ring):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_core_module_names_a_higher_layer() {
    let known = modules(&root().join(CRATES[0]));
    let layer_of = |module: &[String]| -> Option<usize> {
        let top = module.first()?;
        CORE_LAYERS.iter().position(|l| l.contains(&top.as_str()))
    };
    let mut unlisted = Vec::new();
    let mut upward = Vec::new();
    for (module, targets) in imports(&known) {
        let Some(from) = layer_of(&module) else {
            if !module.is_empty() {
                unlisted.push(name(&module));
            }
            continue;
        };
        for target in targets {
            if let Some(to) = layer_of(&target)
                && to > from
            {
                upward.push(format!(
                    "{} (layer {from}) imports {} (layer {to})",
                    name(&module),
                    name(&target)
                ));
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "modules of replylint_core in no layer (add them to CORE_LAYERS): {unlisted:?}"
    );
    assert!(
        upward.is_empty(),
        "upward imports in replylint_core:\n{}",
        upward.join("\n")
    );
}

/// The checker itself: a ring and an upward import are found.
#[test]
fn the_checker_finds_a_ring() {
    let mut known = BTreeMap::new();
    let m = |s: &str| s.split("::").map(str::to_owned).collect::<Vec<_>>();
    known.insert(m("text::a"), "use crate::text::b::X;\n".to_owned());
    known.insert(m("text::b"), "fn f() { super::a::g() }\n".to_owned());
    known.insert(m("text"), "pub mod a;\npub mod b;\nuse a::X;\n".to_owned());
    known.insert(
        m("text::c"),
        without_tests_and_comments(
            "// use crate::text::a;\n#[cfg(test)]\nmod tests { use crate::text::a; }\n",
        ),
    );
    let graph = imports(&known);
    assert_eq!(rings(&graph), vec![vec!["text::a", "text::b"]]);
    assert!(graph[&m("text")].is_empty(), "a parent owning its children");
    assert!(
        graph[&m("text::c")].is_empty(),
        "comments and tests not read"
    );
}

/// The core's manifest names none of the crates that do I/O.
#[test]
fn the_core_depends_on_no_io_crate() {
    let manifest = std::fs::read_to_string(root().join("crates/replylint_core/Cargo.toml"))
        .expect("core manifest");
    let deps: toml::Table = toml::from_str(&manifest).expect("TOML");
    let deps = deps["dependencies"].as_table().expect("dependencies");
    for forbidden in [
        "rayon",
        "ignore",
        "colored",
        "indicatif",
        "tempfile",
        "annotate-snippets",
        "clap_complete",
        "replylint_io",
    ] {
        assert!(
            !deps.contains_key(forbidden),
            "replylint_core depends on `{forbidden}`"
        );
    }
    let clap = deps.get("clap").and_then(|c| c.get("optional"));
    assert!(
        clap.is_none_or(|o| o.as_bool() == Some(true)),
        "clap is optional in the core (feature `clap`)"
    );
}
