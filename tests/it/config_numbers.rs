//! Numbers in `replylint.toml` and `extends` chains: every numeric key
//! (found in the options' declarations, so that a new key is tried too)
//! takes any number without a panic, in range it configures and lints,
//! out of range it is an error that names file, line, column and key;
//! a channel can extend a channel of the user's to any depth, and a cycle
//! is an error that shows it.

use proptest::prelude::*;
use replylint_core::config::Settings;
use replylint_core::config::options::Options;
use replylint_core::config::settings::CliOverrides;
use replylint_core::declare::{NumberRange, NumericKey, Shape, TablePart, numeric_keys};
use replylint_core::mode::Mode;
use replylint_core::reply::{Located, OffsetMap, Reply, ReplyMeta, Source};
use std::path::Path;
use std::sync::Arc;

/// Resolve `text` as the file `replylint.toml`.
fn settings(text: &str) -> Result<Settings, String> {
    Settings::from_text(
        Some((Path::new("replylint.toml"), text)),
        &CliOverrides::default(),
        Path::new("."),
    )
    .map_err(|e| e.to_string())
}

/// The `replylint.toml` that sets `key` to the TOML value `value`.
fn file_setting(key: &NumericKey, value: &str) -> String {
    let line = format!("{} = {value}\n", key.meta.key);
    match key.tables.as_slice() {
        [] => line,
        [TablePart::Table(t)] => format!("[{t}]\n{line}"),
        // A built-in channel: nothing else needs saying.
        [TablePart::Named("channels")] => format!("[channels.twitter]\n{line}"),
        [TablePart::List("rule")] => {
            format!("[[rule]]\nid = \"numbers\"\nkind = \"limit\"\nphrases = [\"order\"]\n{line}")
        }
        other => panic!(
            "no file for a key under {other:?}: teach `file_setting` to write one for `{}`",
            key.meta.key
        ),
    }
}

/// The ways a value can be written for `key`: one number, and a table of
/// them where the key takes one (by language code, and by variable).
fn forms(key: &NumericKey, number: &str) -> Vec<String> {
    let table = format!("{{ it = {number}, \"ticket.id\" = {number} }}");
    let per_language = format!("{{ it = {number} }}");
    match key.meta.shape {
        Shape::Number(_) => vec![number.to_owned()],
        Shape::NumberTable(_) => vec![table],
        Shape::NumberOrTable(_) => vec![number.to_owned(), per_language],
        other => panic!("`{}` is not numeric: {other:?}", key.meta.key),
    }
}

/// A template on `twitter` with everything numbers limit: placeholders,
/// sentences, exclamations, emoji, a phrase a `limit` rule counts.
fn lint_template(settings: &Settings) {
    let body = "Hi {{first_name}}! Your order {{ticket.id}} is on its way!!! 😀😀😀 \
                One more order, and one more sentence that goes on and on for a while."
        .to_owned();
    let located = |value: &str| {
        Some(Located {
            value: value.to_owned(),
            offset: 0,
        })
    };
    for mode in [Mode::Template, Mode::Draft] {
        let reply = Reply {
            body: body.clone(),
            meta: ReplyMeta {
                channel: located("twitter"),
                language: located("en"),
                mode: Some(mode),
                ..ReplyMeta::default()
            },
            offsets: OffsetMap::starting_at(0),
            source: Arc::new(Source {
                path: None,
                name: "reply.txt".to_owned(),
                text: body.clone(),
            }),
        };
        let rc = settings
            .reply_context(None, &reply.meta)
            .expect("known channel");
        let _ = replylint_core::engine::lint(settings, &reply, &rc);
    }
}

/// Set `key` to `number` (TOML text) in every form; `whole` is its value
/// when it is a whole number TOML reads. In range: the file resolves and
/// a template lints; otherwise the error names the place and the key.
fn check(key: &NumericKey, number: &str, whole: Option<i128>) {
    let range = key.meta.shape.range().expect("numeric");
    let in_range = whole.is_some_and(|n| (range.min as i128..=range.max as i128).contains(&n));
    for value in forms(key, number) {
        let file = file_setting(key, &value);
        match settings(&file) {
            Ok(s) => {
                assert!(
                    in_range,
                    "`{}` = {value} is out of {range:?}, yet accepted:\n{file}",
                    key.meta.key
                );
                lint_template(&s);
            }
            Err(e) => {
                assert!(
                    !in_range,
                    "`{}` = {value} is in range, yet refused: {e}\n{file}",
                    key.meta.key
                );
                let line = file.lines().count();
                assert!(
                    e.starts_with(&format!("replylint.toml:{line}:")),
                    "the error does not point at the value: {e}\n{file}"
                );
                assert!(
                    e.contains(key.meta.key),
                    "the error does not name `{}`: {e}\n{file}",
                    key.meta.key
                );
            }
        }
    }
}

fn keys() -> Vec<NumericKey> {
    numeric_keys(Options::META)
}

#[test]
fn every_numeric_key_is_found_in_the_declarations() {
    let found: Vec<String> = keys()
        .iter()
        .map(|k| format!("{} {}", k.table_header(), k.meta.key))
        .collect();
    for expected in [
        "[placeholder-lengths] name",
        "[placeholder-lengths] default",
        "[placeholder-lengths] variables",
        "[channels.NAME] max-length",
        "[channels.NAME] max-segments",
        "[channels.NAME] min-readability",
        "[channels.NAME] max-emoji",
        "[[rule]] min",
        "[[rule]] max",
    ] {
        assert!(found.iter().any(|f| f == expected), "{expected}: {found:?}");
    }
}

#[test]
fn extreme_numbers_in_every_numeric_key() {
    let extremes: &[(&str, Option<i128>)] = &[
        ("0", Some(0)),
        ("1", Some(1)),
        ("-1", Some(-1)),
        ("4294967295", Some(u32::MAX.into())),
        ("9223372036854775807", Some(i64::MAX.into())),
        ("18446744073709551615", Some(u64::MAX.into())),
        ("-9223372036854775808", Some(i64::MIN.into())),
        ("100000000", Some(100_000_000)),
        (
            "99999999999999999999999",
            Some(99_999_999_999_999_999_999_999),
        ),
        ("0.0", None),
        ("1.5", None),
        ("-0.5", None),
        ("1e400", None),
        ("nan", None),
        ("inf", None),
        ("-inf", None),
    ];
    for key in keys() {
        let NumberRange { min, max } = key.meta.shape.range().unwrap();
        for (number, whole) in extremes {
            check(&key, number, *whole);
        }
        // Both ends of the range and one past each.
        for n in [min as i128 - 1, min as i128, max as i128, max as i128 + 1] {
            check(&key, &n.to_string(), Some(n));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_whole_number_in_any_numeric_key(
        key in prop::sample::select(keys()),
        n in prop_oneof![
            any::<i64>().prop_map(i128::from),
            any::<u64>().prop_map(i128::from),
            -2i128..2_000_000,
        ],
    ) {
        check(&key, &n.to_string(), Some(n));
    }

    #[test]
    fn any_fraction_in_any_numeric_key(
        key in prop::sample::select(keys()),
        f in any::<f64>().prop_filter("written with a fraction", |f| f.is_finite()),
    ) {
        // `{:?}` writes a float with `.` or an exponent: TOML reads a float.
        let written = format!("{f:?}");
        prop_assume!(written.contains(['.', 'e']));
        check(&key, &written, None);
    }
}

#[test]
fn an_out_of_range_number_is_an_error_at_its_place_that_names_the_key() {
    let cases = [
        (
            "[placeholder-lengths]\ndefault = 18446744073709551615\n",
            "replylint.toml:2:11: `placeholder-lengths.default` must be a whole number from 0 to 10000, not 18446744073709551615",
        ),
        (
            "[placeholder-lengths]\ndefault = 100000000\n",
            "replylint.toml:2:11: `placeholder-lengths.default` must be a whole number from 0 to 10000, not 100000000",
        ),
        (
            "[placeholder-lengths.variables]\n\"ticket.id\" = -3\n",
            "replylint.toml:2:15: `placeholder-lengths.variables.ticket.id` must be a whole number from 0 to 10000, not -3",
        ),
        (
            "[channels.twitter]\nmax-length = 0\n",
            "replylint.toml:2:14: `channels.twitter.max-length` must be a whole number from 1 to 1000000, not 0",
        ),
        (
            "[channels.sms]\nmax-segments = 2.5\n",
            "replylint.toml:2:16: `channels.sms.max-segments` must be a whole number from 1 to 255, not 2.5",
        ),
        (
            "[channels.email]\nmin-readability = { it = 140 }\n",
            "replylint.toml:2:26: `channels.email.min-readability.it` must be a whole number from 0 to 100, not 140",
        ),
        (
            "[channels.email]\nmin-readability = \"high\"\n",
            "replylint.toml:2:19: `channels.email.min-readability`: invalid type: string \"high\", expected a whole number from 0 to 100, or a table of them by language code",
        ),
        (
            "[[rule]]\nid = \"x\"\nkind = \"limit\"\nphrases = [\"a\"]\nmax = 99999999999999999999999\n",
            "replylint.toml:5:7: `rule.max` must be a whole number from 0 to 1000000, not 99999999999999999999999",
        ),
    ];
    for (file, expected) in cases {
        assert_eq!(settings(file).err().as_deref(), Some(expected), "{file}");
    }
}

#[test]
fn numbers_in_range_configure_the_channel() {
    let s = settings(
        "[channels.twitter]\nmax-length = 1000000\nmax-emoji = 0\n\
         [placeholder-lengths]\ndefault = 10000\n",
    )
    .unwrap();
    let twitter = &s.channels["twitter"];
    assert_eq!(twitter.max_length, Some(1_000_000));
    assert_eq!(twitter.max_emoji, Some(0));
    assert_eq!(s.rule_settings.placeholder_lengths.default, 10_000);
}

// ------------------------------------------------------- extends chains

/// `[channels.c1]` extends `twitter`, `c2` extends `c1`, … up to `cN`.
fn chain(n: usize) -> String {
    let mut file = String::from("[channels.c1]\nextends = \"twitter\"\n");
    for i in 2..=n {
        file.push_str(&format!("[channels.c{i}]\nextends = \"c{}\"\n", i - 1));
    }
    file.push_str(&format!("[channels.c{n}.rules]\nemoji = \"off\"\n"));
    file
}

#[test]
fn a_chain_of_channels_extends_to_any_depth() {
    for n in [17, 50, 300] {
        let s = settings(&chain(n)).unwrap_or_else(|e| panic!("chain of {n}: {e}"));
        let last = &s.channels[&format!("c{n}")];
        // Everything `twitter` says reaches the end of the chain.
        assert_eq!(last.max_length, Some(280), "chain of {n}");
        assert_eq!(last.level("emoji"), replylint_core::diagnostic::Level::Off);
        assert_ne!(
            s.channels[&format!("c{}", n - 1)].level("emoji"),
            replylint_core::diagnostic::Level::Off
        );
    }
}

#[test]
fn an_extends_cycle_is_an_error_that_shows_it() {
    let cases = [
        (
            "[channels.a]\nextends = \"a\"\n",
            "replylint.toml:2:11: `extends` cycle: `a` → `a` (a channel cannot start from itself)",
        ),
        (
            "[channels.a]\nextends = \"b\"\n[channels.b]\nextends = \"a\"\n",
            "replylint.toml:2:11: `extends` cycle: `a` → `b` → `a` (a channel cannot start from itself)",
        ),
        (
            "[channels.a]\nextends = \"b\"\n[channels.b]\nextends = \"c\"\n\
             [channels.c]\nextends = \"a\"\n",
            "replylint.toml:2:11: `extends` cycle: `a` → `b` → `c` → `a` (a channel cannot start from itself)",
        ),
        // A chain that runs into a cycle: the cycle, not the way to it.
        (
            "[channels.a]\nextends = \"b\"\n[channels.b]\nextends = \"c\"\n\
             [channels.c]\nextends = \"b\"\n",
            "replylint.toml:4:11: `extends` cycle: `b` → `c` → `b` (a channel cannot start from itself)",
        ),
    ];
    for (file, expected) in cases {
        assert_eq!(settings(file).err().as_deref(), Some(expected), "{file}");
    }
}
