//! The licences of the dependency tree: every crate replylint is built
//! from (development dependencies included) is under a licence on the
//! allowed list, every crate of the workspace is `MIT OR Apache-2.0`, and
//! `THIRD-PARTY.md` names every licence that is not MIT or Apache-2.0.

use crate::common::skip;
use std::path::Path;
use std::process::Command;

/// Licences a dependency may be under, as SPDX identifiers: the permissive
/// ones and the weak copyleft of a library used unmodified (MPL-2.0).
const ALLOWED: &[&str] = &[
    "MIT",
    "MIT-0",
    "Apache-2.0",
    "Apache-2.0 WITH LLVM-exception",
    "Unlicense",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "0BSD",
    "Unicode-3.0",
    "MPL-2.0",
];

/// The alternatives of an SPDX expression (`MIT OR Apache-2.0`, the old
/// `MIT/Apache-2.0`), each the licences it takes together (`MIT AND
/// BSD-3-Clause`), without parentheses.
fn alternatives(expression: &str) -> Vec<Vec<String>> {
    expression
        .split(" OR ")
        .flat_map(|a| a.split('/'))
        .map(|a| {
            a.split(" AND ")
                .map(|l| l.trim().trim_matches(['(', ')']).trim().to_owned())
                .collect()
        })
        .collect()
}

/// MIT or Apache-2.0 (with or without an exception).
fn common(licence: &str) -> bool {
    licence == "MIT" || licence.starts_with("Apache-2.0")
}

#[test]
fn every_dependency_is_under_an_allowed_licence() {
    let cargo = std::env::var_os("CARGO").or_else(|| option_env!("CARGO").map(Into::into));
    let Some(cargo) = cargo else {
        skip("`CARGO` is not set (the test runs under `cargo test`)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(root)
        .output()
        .expect("cargo runs");
    if !output.status.success() {
        skip("`cargo metadata --offline` failed (crates not fetched yet)");
        return;
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("metadata is JSON");
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .expect("workspace members")
        .iter()
        .filter_map(|m| m.as_str())
        .collect();
    let notices = std::fs::read_to_string(root.join("THIRD-PARTY.md")).expect("THIRD-PARTY.md");
    let mut problems = Vec::new();
    for package in metadata["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().unwrap_or("?");
        let licence = package["license"].as_str();
        let id = package["id"].as_str().unwrap_or("");
        if members.contains(&id) {
            if licence != Some("MIT OR Apache-2.0") {
                problems.push(format!(
                    "{name}: a workspace crate with licence {licence:?}, not MIT OR Apache-2.0"
                ));
            }
            continue;
        }
        let Some(licence) = licence else {
            problems.push(format!("{name}: no `license` field"));
            continue;
        };
        let alternatives = alternatives(licence);
        if !alternatives
            .iter()
            .any(|a| a.iter().all(|l| ALLOWED.contains(&l.as_str())))
        {
            problems.push(format!("{name}: {licence} is not on the allowed list"));
        }
        let usual = alternatives.iter().any(|a| a.iter().all(|l| common(l)));
        let named = alternatives
            .iter()
            .any(|a| a.iter().all(|l| common(l) || notices.contains(l.as_str())));
        if !usual && !named {
            problems.push(format!("{name}: {licence} is not named in THIRD-PARTY.md"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn spdx_alternatives_are_split() {
    assert_eq!(alternatives("MIT OR Apache-2.0"), [["MIT"], ["Apache-2.0"]]);
    assert_eq!(alternatives("MIT/Apache-2.0"), [["MIT"], ["Apache-2.0"]]);
    assert_eq!(
        alternatives("Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"),
        [
            vec!["Apache-2.0 WITH LLVM-exception"],
            vec!["Apache-2.0"],
            vec!["MIT"]
        ]
    );
    assert_eq!(alternatives("(MIT OR Unlicense)"), [["MIT"], ["Unlicense"]]);
    assert_eq!(
        alternatives("MIT AND BSD-3-Clause"),
        [["MIT", "BSD-3-Clause"]]
    );
}
