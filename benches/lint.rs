//! Benchmarks: the per-reply cost of each rule, of the whole engine, and of
//! everything one reply goes through (reader, context, rules, positions),
//! plus the fixed costs of a run (resolving the built-in configuration).
//!
//! The replies are `benches/data/replies.toml`: 240 replies of about 300
//! characters in it/en/es/fr/de/pt across the built-in channels, made by
//! `scripts/gen-corpus.py --replies 240 --per-file 240 --seed 7`. Every
//! benchmark reports its time per reply (`item`), so the rule rows add up
//! to the engine row.
//!
//! `cargo bench --bench lint`; `scripts/bench.sh` times the whole binary.

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::location::LineIndex;
use replylint_core::reply::{Reply, Source};
use replylint_core::rules::{Context, REGISTRY, Sink};
use replylint_io::input::{self, Read};
use std::path::Path;
use std::sync::{Arc, LazyLock};

#[path = "../tests/it/common/phrases.rs"]
mod phrases;

fn main() {
    divan::main();
}

const LIBRARY: &str = include_str!("data/replies.toml");

struct Fixture {
    settings: Settings,
    source: Arc<Source>,
    replies: Vec<Reply>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let settings = settings();
    let source = source();
    let replies = match input::read_source(source.clone(), true) {
        Ok((Read::Replies(_, replies), errors)) if errors.is_empty() => replies,
        other => panic!("benches/data/replies.toml does not read: {other:?}"),
    };
    Fixture {
        settings,
        source,
        replies,
    }
});

fn settings() -> Settings {
    let cli = CliOverrides {
        no_config: true,
        ..CliOverrides::default()
    };
    let mut settings = replylint_io::config::load(&cli, Path::new(".")).expect("built-in settings");
    // A day for `expired`, as the command line gives it: without one the
    // rule judges nothing.
    settings.rule_settings.today = replylint_core::date::Date::new(2026, 12, 6);
    settings
}

fn source() -> Arc<Source> {
    Arc::new(Source {
        path: None,
        name: "replies.toml".to_owned(),
        text: LIBRARY.to_owned(),
    })
}

fn rule_ids() -> Vec<&'static str> {
    REGISTRY.iter().map(|r| r.meta().id).collect()
}

/// One rule on every reply whose channel enables it, as the engine runs
/// it; the time is per reply of the library.
#[divan::bench(args = rule_ids())]
fn rule(bencher: Bencher, id: &str) {
    let fx = &*FIXTURE;
    let rule = *REGISTRY
        .iter()
        .find(|r| r.meta().id == id)
        .expect("a registered rule");
    let contexts: Vec<_> = fx
        .replies
        .iter()
        .filter_map(|reply| {
            let rc = fx.settings.reply_context(None, &reply.meta).ok()?;
            let severity = rc.channel.level(id).severity()?;
            Some((reply, rc, severity))
        })
        .collect();
    bencher
        .counter(ItemsCount::new(fx.replies.len()))
        .bench(|| {
            let mut found = 0;
            for (reply, rc, severity) in &contexts {
                let shared = Default::default();
                let cx = Context::new(reply, rc, &fx.settings.rule_settings, &fx.settings, &shared);
                let mut sink = Sink::new(rule.meta().id, *severity);
                rule.check(&cx, &mut sink);
                found += sink.diagnostics.len();
            }
            black_box(found)
        });
}

/// Every enabled rule on a reply, suppressions and sorting included.
#[divan::bench]
fn engine(bencher: Bencher) {
    let fx = &*FIXTURE;
    let contexts: Vec<_> = fx
        .replies
        .iter()
        .map(|reply| (reply, fx.settings.reply_context(None, &reply.meta).unwrap()))
        .collect();
    bencher
        .counter(ItemsCount::new(fx.replies.len()))
        .bench(|| {
            let mut found = 0;
            for (reply, rc) in &contexts {
                found += replylint_core::engine::lint(&fx.settings, reply, rc).len();
            }
            black_box(found)
        });
}

/// The engine as a library run calls it: every enabled rule, and the
/// profile the library rules read; compare with `engine`.
#[divan::bench]
fn engine_profiled(bencher: Bencher) {
    let fx = &*FIXTURE;
    let contexts: Vec<_> = fx
        .replies
        .iter()
        .map(|reply| (reply, fx.settings.reply_context(None, &reply.meta).unwrap()))
        .collect();
    bencher
        .counter(ItemsCount::new(fx.replies.len()))
        .bench(|| {
            let mut found = 0;
            for (reply, rc) in &contexts {
                let (diagnostics, profile) =
                    replylint_core::engine::lint_profiled(&fx.settings, reply, rc, true);
                found += diagnostics.len() + profile.map_or(0, |p| p.facts.len());
            }
            black_box(found)
        });
}

/// The library pass over the profiles of 10,080 replies (the library 42
/// times, each copy with ids of its own); time per reply.
#[divan::bench]
fn library_pass(bencher: Bencher) {
    let fx = &*FIXTURE;
    let mut profiles = Vec::new();
    for copy in 0..42 {
        for reply in &fx.replies {
            let rc = fx.settings.reply_context(None, &reply.meta).unwrap();
            let (_, profile) =
                replylint_core::engine::lint_profiled(&fx.settings, reply, &rc, true);
            if let Some(mut p) = profile {
                p.id = p.id.map(|id| format!("{id}-{copy}").into());
                profiles.push(p);
            }
        }
    }
    let options = &fx.settings.rule_settings.library;
    bencher
        .counter(ItemsCount::new(profiles.len()))
        .bench(|| black_box(replylint_core::library::check(&profiles, options).len()));
}

/// Everything a reply of a library goes through: the TOML reader, the
/// context lookup, the engine, and the file positions of each diagnostic.
#[divan::bench]
fn pipeline(bencher: Bencher) {
    let fx = &*FIXTURE;
    bencher
        .counter(ItemsCount::new(fx.replies.len()))
        .bench(|| {
            let Ok((Read::Replies(source, replies), _)) =
                input::read_source(fx.source.clone(), true)
            else {
                unreachable!("the fixture reads")
            };
            let index = LineIndex::new(&source.text);
            let mut columns = 0;
            for reply in &replies {
                let rc = fx.settings.reply_context(None, &reply.meta).unwrap();
                for d in replylint_core::engine::lint(&fx.settings, reply, &rc) {
                    let (start, _) = replylint_core::reply::locate(reply, &index, d.span);
                    columns += start.column;
                }
            }
            black_box(columns)
        });
}

/// Fact extraction ([`replylint_core::analysis::facts::extract`]) on every
/// reply of the library, with its language: what the library rules pay
/// per reply.
#[divan::bench]
fn facts_extract(bencher: Bencher) {
    let fx = &*FIXTURE;
    let replies: Vec<_> = fx
        .replies
        .iter()
        .map(|reply| {
            let rc = fx.settings.reply_context(None, &reply.meta).unwrap();
            (reply.body.as_str(), rc.language)
        })
        .collect();
    bencher.counter(ItemsCount::new(replies.len())).bench(|| {
        let mut found = 0;
        for &(body, language) in &replies {
            found += replylint_core::analysis::facts::extract(body, language).len();
        }
        black_box(found)
    });
}

/// Fact extraction on a reply of about 300 characters that states no
/// fact: without a digit (the pre-screen turns it away), and with an order
/// number and a date (read through).
#[divan::bench(args = ["no digit", "order number and date"])]
fn facts_extract_no_fact(bencher: Bencher, which: &str) {
    let body = match which {
        "no digit" => {
            "Hi Anna, thanks for getting in touch with us. We are sorry to hear that the \
             parcel has not reached you yet: we have checked with the courier and it is on \
             its way to your address. You can follow it from your account page, under \
             Orders. If anything else comes up, just reply to this message. Kind regards, Marta"
        }
        _ => {
            "Hi Anna, thanks for getting in touch with us. We are sorry to hear that order \
             #4051263 has not reached you yet: we have checked with the courier on 12/03 and \
             it is on its way to your address. You can follow it from your account page, \
             under Orders. If anything else comes up, just reply. Kind regards, Marta"
        }
    };
    bencher.bench(|| {
        black_box(replylint_core::analysis::facts::extract(
            black_box(body),
            Some(replylint_core::lang::Language::En),
        ))
    });
}

/// Fact extraction on one huge reply, a sentence with two facts stated
/// `n` times: the time a sentence must stay the same whatever `n` (facts
/// were once compared pair by pair, and sentences looked up one by one).
#[divan::bench(args = [1_000, 10_000, 100_000])]
fn facts_extract_huge_reply(bencher: Bencher, n: usize) {
    let body = "Refunds take 14 days. Delivery takes 3-5 days, sorry! ".repeat(n);
    bencher.counter(ItemsCount::new(n)).bench(|| {
        black_box(replylint_core::analysis::facts::extract(
            black_box(&body),
            Some(replylint_core::lang::Language::En),
        ))
    });
}

/// Reading the library alone (TOML parsing and offset maps).
#[divan::bench]
fn read_toml_library(bencher: Bencher) {
    let fx = &*FIXTURE;
    bencher
        .counter(ItemsCount::new(fx.replies.len()))
        .bench(|| black_box(input::read_source(fx.source.clone(), true).is_ok()));
}

/// The fixed cost of a run: the built-in channels, lexicons and detector,
/// with no config file (once per process).
#[divan::bench]
fn settings_load() -> Settings {
    settings()
}

/// A team's rule file with `n` phrases in a `forbid` rule and `n`
/// replacements in a `substitute` rule: parsing and compiling it (once per
/// process).
#[divan::bench(args = [1_000, 5_000, 20_000])]
fn user_rules_load(bencher: Bencher, n: usize) {
    let text = phrases::big_config(n);
    bencher.bench(|| {
        let options: replylint_core::config::options::Options =
            toml::from_str(&text).expect("the rule file parses");
        let cli = CliOverrides::default();
        Settings::resolve(options, None, &text, &cli, std::env::temp_dir())
            .expect("the rule file resolves")
    });
}

/// The engine on every reply of the library with that rule file on top
/// of every built-in rule; compare with `engine`.
#[divan::bench(args = [1_000, 5_000, 20_000])]
fn engine_with_user_rules(bencher: Bencher, n: usize) {
    let fx = &*FIXTURE;
    let text = phrases::big_config(n);
    let options: replylint_core::config::options::Options =
        toml::from_str(&text).expect("the rule file parses");
    let cli = CliOverrides::default();
    let settings = Settings::resolve(options, None, &text, &cli, std::env::temp_dir())
        .expect("the rule file resolves");
    let contexts: Vec<_> = fx
        .replies
        .iter()
        .map(|reply| (reply, settings.reply_context(None, &reply.meta).unwrap()))
        .collect();
    bencher
        .counter(ItemsCount::new(fx.replies.len()))
        .bench(|| {
            let mut found = 0;
            for (reply, rc) in &contexts {
                found += replylint_core::engine::lint(&settings, reply, rc).len();
            }
            black_box(found)
        });
}
