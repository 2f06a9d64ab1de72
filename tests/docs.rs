//! Documentation drift: the README's rule and channel tables are generated
//! from the rule declarations and channel files, and every rule documents
//! itself completely. Run with `UPDATE_README=1` to regenerate the tables.

use replylint::config::Settings;
use replylint::config::options::CHANNEL_KEYS;
use replylint::config::settings::CliOverrides;
use replylint::docs;
use replylint::rules::REGISTRY;

fn readme_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

#[test]
fn readme_tables_match_the_declarations() {
    let path = readme_path();
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let settings = Settings::load(
        &CliOverrides {
            no_config: true,
            ..CliOverrides::default()
        },
        std::path::Path::new("."),
    )
    .expect("built-in settings resolve");
    let updated = docs::splice(
        &readme,
        docs::README_RULES_BEGIN,
        docs::README_RULES_END,
        &docs::rules_markdown(),
    )
    .expect("README has the rules table markers");
    let updated = docs::splice(
        &updated,
        docs::README_CHANNELS_BEGIN,
        docs::README_CHANNELS_END,
        &docs::channels_markdown(settings.channels.values()),
    )
    .expect("README has the channels table markers");
    if updated != readme {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(&path, updated).expect("write README.md");
        } else {
            panic!(
                "README.md tables are out of date: run `UPDATE_README=1 cargo test --test docs`"
            );
        }
    }
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
                CHANNEL_KEYS.contains(&name),
                "rule `{}` documents channel setting `{name}`, which does not exist",
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
    for (id, text) in replylint::channel::BUILTIN {
        let opts: replylint::config::options::ChannelOptions =
            toml::from_str(text).unwrap_or_else(|e| panic!("{id}.toml: {e}"));
        for key in opts.rules.iter().flatten().map(|(k, _)| k.get_ref()) {
            assert!(
                replylint::rules::by_id(key).is_some(),
                "{id}.toml names unknown rule `{key}`"
            );
        }
    }
}
