//! Documentation drift: the rule table of docs/rules.md, the channel
//! table of docs/channels.md and the channel keys and numeric keys tables
//! of docs/configuration.md are generated from the rule declarations, the
//! channel files and the channel settings' declarations, the README's
//! sample output is what the quick start prints, and every rule documents
//! itself completely. Run with
//! `UPDATE_DOCS=1` (or `UPDATE_README=1`) to regenerate the tables and the
//! sample output.

use replylint_core::config::options::{ChannelOptions, Options};
use replylint_core::config::settings::CliOverrides;
use replylint_core::docs;
use replylint_core::rules::REGISTRY;

/// Replaces the text between `begin` and `end` in the repository file
/// `relative` with `content` when `UPDATE_DOCS` (or `UPDATE_README`) is
/// set, and fails if it differs otherwise.
fn check_generated(relative: &str, begin: &str, end: &str, content: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let updated = docs::splice(&doc, begin, end, content)
        .unwrap_or_else(|| panic!("{relative} has no `{begin}` … `{end}` markers"));
    if updated != doc {
        if std::env::var_os("UPDATE_DOCS").is_some() || std::env::var_os("UPDATE_README").is_some()
        {
            std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{relative}: {e}"));
        } else {
            panic!("{relative} is out of date: run `UPDATE_DOCS=1 cargo test --test docs`");
        }
    }
}

#[test]
fn docs_tables_match_the_declarations() {
    let settings = replylint_io::config::load(
        &CliOverrides {
            no_config: true,
            ..CliOverrides::default()
        },
        std::path::Path::new("."),
    )
    .expect("built-in settings resolve");
    check_generated(
        "docs/rules.md",
        docs::RULES_TABLE_BEGIN,
        docs::RULES_TABLE_END,
        &docs::rules_markdown(),
    );
    check_generated(
        "docs/channels.md",
        docs::CHANNELS_TABLE_BEGIN,
        docs::CHANNELS_TABLE_END,
        &docs::channels_markdown(settings.channels.values()),
    );
    check_generated(
        "docs/configuration.md",
        docs::CHANNEL_KEYS_TABLE_BEGIN,
        docs::CHANNEL_KEYS_TABLE_END,
        &docs::channel_keys_markdown(),
    );
    check_generated(
        "docs/configuration.md",
        docs::NUMERIC_KEYS_TABLE_BEGIN,
        docs::NUMERIC_KEYS_TABLE_END,
        &docs::numeric_keys_markdown(),
    );
}

#[test]
fn every_rule_documents_what_why_example_and_options() {
    for rule in REGISTRY {
        let m = rule.meta();
        for section in ["What it does", "Why is this bad?", "Example", "Options"] {
            assert!(
                m.section(section).is_some(),
                "rule `{}` lacks `## {section}`",
                m.id
            );
        }
        assert!(!m.summary().is_empty(), "rule `{}` has no summary", m.id);
    }
}

#[test]
fn documented_channel_options_exist() {
    for rule in REGISTRY {
        let m = rule.meta();
        let options = m.section("Options").unwrap_or_default();
        for line in options.lines().filter(|l| l.contains("(channel setting)")) {
            let name = line
                .split('`')
                .nth(1)
                .unwrap_or_else(|| panic!("rule `{}`: option line without a `name`: {line}", m.id));
            assert!(
                ChannelOptions::KEYS.contains(&name),
                "rule `{}` documents channel setting `{name}`, which does not exist",
                m.id
            );
        }
    }
}

#[test]
fn documented_top_level_options_exist() {
    for rule in REGISTRY {
        let m = rule.meta();
        let options = m.section("Options").unwrap_or_default();
        for line in options.lines().filter(|l| l.contains("(top level)")) {
            let name = line
                .split('`')
                .nth(1)
                .unwrap_or_else(|| panic!("rule `{}`: option line without a `name`: {line}", m.id));
            assert!(
                Options::KEYS.contains(&name),
                "rule `{}` documents top-level option `{name}`, which does not exist",
                m.id
            );
        }
    }
}

#[test]
fn rule_ids_are_sorted_unique_kebab_case() {
    let ids: Vec<&str> = REGISTRY.iter().map(|r| r.meta().id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        ids, sorted,
        "REGISTRY must be alphabetical without duplicates"
    );
    for id in ids {
        assert!(
            id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "rule id `{id}` is not kebab-case"
        );
    }
}

#[test]
fn builtin_channel_files_only_name_real_rules() {
    // Resolving built-in settings validates every rule id they mention.
    for (id, text) in replylint_core::channel::BUILTIN {
        let opts: replylint_core::config::options::ChannelOptions =
            toml::from_str(text).unwrap_or_else(|e| panic!("{id}.toml: {e}"));
        for key in opts.rules.iter().flatten().map(|(k, _)| k.get_ref()) {
            assert!(
                replylint_core::rules::by_id(key).is_some(),
                "{id}.toml names unknown rule `{key}`"
            );
        }
    }
}

#[test]
fn readme_sample_output_is_what_the_quick_start_prints() {
    const BEGIN: &str =
        "<!-- begin sample output: generated by `replylint check examples/drafts` -->";
    const END: &str = "<!-- end sample output -->";
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = assert_cmd::Command::cargo_bin("replylint")
        .unwrap()
        .current_dir(root)
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "examples/drafts",
        ])
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the samples contain errors");
    let printed = String::from_utf8(out.stdout).unwrap();
    let block = format!("```text\n{}\n```\n", printed.trim_end());
    check_generated("README.md", BEGIN, END, &block);
}
