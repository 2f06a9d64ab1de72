//! Recall of the `spelling` rule on real replies: typos planted into the
//! replies of the evaluation corpus (`../shared/corpus/*.jsonl` beside the
//! repository, or `$REPLYLINT_CORPUS`), read at test time and never
//! copied into the repository. Without the corpus the test prints
//! "skipped: corpus not found" and passes.
//!
//! The replies are linted with the built-in settings and the dictionaries
//! a user's run finds on this machine ([`eval::settings`]): English is
//! built in; a language whose Hunspell dictionary is not installed prints
//! "skipped: no <lang> dictionary" and is not measured (on Debian,
//! `apt install hunspell-it hunspell-es hunspell-fr hunspell-de-de
//! hunspell-pt-pt`).
//!
//! For each language and each kind of typo of [`typos::Typo`] that applies
//! to it, [`PER_KIND`] copies of replies get one typo each: the replies in
//! an order fixed by a stable hash of their ids, the first copy of each,
//! then a second copy with the typo in another word, and so on (the corpus
//! has only a few dozen replies in each language but English). A typo the
//! language's dictionary accepts as written (`form` → `from`) is not a
//! typo: it is dropped, counted, and another copy is planted. The copy is
//! linted on the reply's channel and language with the `spelling` rule
//! alone (as a draft or a template, as the corpus has it);
//! the typo is found when a `spelling` diagnostic
//! overlaps the misspelt word. Reported per language and kind: planted,
//! found, and how often the first suggestion is the word the reply had.
//!
//! The other side: on the replies as they are, the `spelling`
//! diagnostics per language (words the dictionaries lack, or real typos
//! of the corpus), with the words flagged most often.
//!
//! Run `cargo test --test it spelling_eval -- --nocapture` to see the
//! tables and every miss.

use crate::common::eval::{self, CorpusReply};
use crate::common::typos::{self, Planted, Typo};
use replylint_core::config::Settings;
use replylint_core::diagnostic::Diagnostic;
use std::collections::BTreeMap;

/// Typos planted per language and kind (fewer when the replies run out
/// of words that take the kind: Italian has only so many `a`).
const PER_KIND: usize = 50;

/// Most replies taken of one language on one channel: the English tweets
/// and forum replies are thinned to every n-th, in file order.
const PER_GROUP: usize = 48;

/// Least share of the typos found, per language with a dictionary.
/// Measured: see `docs/rules.md`, `spelling`, and the commit that set it.
const RECALL_FLOOR: f64 = 0.90;

/// The six languages, in the order the tables are printed.
const LANGUAGES: [&str; 6] = ["en", "it", "es", "fr", "de", "pt"];

/// The word a diagnostic suggests first: its fix's replacement, or the
/// first word in backticks of its help.
fn first_suggestion(d: &Diagnostic) -> Option<String> {
    if let Some(edit) = d.fix.as_ref().and_then(|f| f.edits.first()) {
        return Some(edit.content.clone());
    }
    let help = d.help.as_deref()?;
    let start = help.find('`')? + 1;
    let len = help[start..].find('`')?;
    Some(help[start..start + len].to_owned())
}

/// One planted typo and what the rule made of it.
struct Outcome {
    language: &'static str,
    kind: Typo,
    found: bool,
    /// The first suggestion is the reply's own word.
    restored: bool,
    line: String,
}

/// What was planted in one language.
#[derive(Default)]
struct Planting {
    outcomes: Vec<Outcome>,
    /// Typos dropped because the dictionary accepts them, by kind.
    dropped: BTreeMap<Typo, Vec<String>>,
    /// Words left alone because the dictionary does not have them as
    /// written (names in lower case, jargon, the reply's own typos): a
    /// typo in them would be found, or not, for the wrong reason.
    not_words: usize,
}

/// Plant up to [`PER_KIND`] typos of each kind into the replies of
/// `language`, each copy in a different word, and lint the copies.
fn plant_language(
    settings: &Settings,
    language: &'static str,
    replies: &[&CorpusReply],
    is_word: &dyn Fn(&str) -> bool,
) -> Planting {
    let mut out = Planting::default();
    let mut order: Vec<&CorpusReply> = replies.to_vec();
    order.sort_by_key(|r| typos::stable_hash(&[&r.id]));
    for kind in Typo::ALL.into_iter().filter(|k| k.applies_to(language)) {
        let mut planted = 0;
        let mut copy = 0;
        'copies: loop {
            let mut any = false;
            for reply in &order {
                if planted == PER_KIND {
                    break 'copies;
                }
                let seed = typos::stable_hash(&[&reply.id, kind.name()]);
                let Some(p) = typos::plant_nth(&reply.text, language, kind, seed, copy) else {
                    continue;
                };
                any = true;
                if !is_word(&p.original) {
                    out.not_words += 1;
                    continue;
                }
                if is_word(&p.typo) {
                    out.dropped.entry(kind).or_default().push(p.typo);
                    continue;
                }
                planted += 1;
                out.outcomes.push(judge(settings, reply, language, p));
            }
            if !any {
                break;
            }
            copy += 1;
        }
    }
    out
}

/// Lint one planted copy and say whether the typo was found.
fn judge(settings: &Settings, reply: &CorpusReply, language: &'static str, p: Planted) -> Outcome {
    let found: Vec<Diagnostic> = eval::lint(
        settings,
        &reply.case(p.text.clone(), reply.mode),
        &["spelling"],
    )
    .into_iter()
    .filter(|d| d.span.start < p.range.end && p.range.start < d.span.end.max(d.span.start + 1))
    .collect();
    let first = found.first().and_then(first_suggestion);
    let restored = first.as_deref() == Some(p.original.as_str());
    let line = format!(
        "  {} [{}] {}: `{}` for `{}`{}",
        reply.id,
        reply.channel,
        p.kind.name(),
        p.typo,
        p.original,
        match (&first, found.is_empty()) {
            (_, true) => String::new(),
            (Some(s), false) => format!(", suggests `{s}`"),
            (None, false) => ", no suggestion".to_owned(),
        }
    );
    Outcome {
        language,
        kind: p.kind,
        found: !found.is_empty(),
        restored,
        line,
    }
}

/// `n` of `of` as `n/of`, and its share.
fn share(n: usize, of: usize) -> (String, f64) {
    let rate = if of == 0 { 1.0 } else { n as f64 / of as f64 };
    (format!("{n}/{of}"), rate)
}

#[test]
fn planted_typos_in_real_replies_are_found() {
    let Some(dir) = eval::corpus_dir() else {
        println!("skipped: corpus not found (../shared/corpus or $REPLYLINT_CORPUS)");
        return;
    };
    let replies = eval::corpus_replies(&dir, &LANGUAGES, PER_GROUP);
    let settings = eval::settings();
    let mut failures = Vec::new();
    let mut all: Vec<Outcome> = Vec::new();
    println!(
        "{:4} {:16} {:>9} {:>9} {:>12}",
        "lang", "kind", "found", "recall", "1st = word"
    );
    let mut measured = Vec::new();
    for language in LANGUAGES {
        let Some(is_word) = dictionary::of(&settings, language) else {
            crate::common::skip(&format!("no {language} dictionary"));
            continue;
        };
        measured.push(language);
        let of: Vec<&CorpusReply> = replies.iter().filter(|r| r.language == language).collect();
        let planting = plant_language(&settings, language, &of, &is_word);
        for kind in Typo::ALL.into_iter().filter(|k| k.applies_to(language)) {
            let of_kind: Vec<&Outcome> = planting
                .outcomes
                .iter()
                .filter(|o| o.kind == kind)
                .collect();
            let found = of_kind.iter().filter(|o| o.found).count();
            let restored = of_kind.iter().filter(|o| o.restored).count();
            let (found_s, rate) = share(found, of_kind.len());
            let (restored_s, _) = share(restored, found);
            let dropped = planting.dropped.get(&kind).map_or(0, Vec::len);
            println!(
                "{language:4} {:16} {found_s:>9} {:>8.0}% {restored_s:>12}   ({dropped} dropped as words)",
                kind.name(),
                rate * 100.0
            );
        }
        let found = planting.outcomes.iter().filter(|o| o.found).count();
        let restored = planting.outcomes.iter().filter(|o| o.restored).count();
        let (found_s, rate) = share(found, planting.outcomes.len());
        let (restored_s, _) = share(restored, found);
        println!(
            "{language:4} {:16} {found_s:>9} {:>8.0}% {restored_s:>12}   from {} replies ({} words not in the dictionary left alone)",
            "all",
            rate * 100.0,
            of.len(),
            planting.not_words
        );
        for (kind, words) in &planting.dropped {
            println!("  dropped ({}): {}", kind.name(), words.join(", "));
        }
        if planting.outcomes.len() < PER_KIND {
            failures.push(format!(
                "{language}: only {} typos planted",
                planting.outcomes.len()
            ));
        }
        if rate < RECALL_FLOOR {
            failures.push(format!("{language}: recall {rate:.3} below {RECALL_FLOOR}"));
        }
        all.extend(planting.outcomes);
    }
    let misses: Vec<&Outcome> = all.iter().filter(|o| !o.found).collect();
    println!("missed ({}):", misses.len());
    for o in &misses {
        println!("{} {}", o.language, o.line);
    }
    let wrong_first: Vec<&Outcome> = all.iter().filter(|o| o.found && !o.restored).collect();
    println!(
        "found, but the first suggestion is not the reply's word ({}):",
        wrong_first.len()
    );
    for o in &wrong_first {
        println!("{} {}", o.language, o.line);
    }
    print_flagged_as_they_are(&settings, &replies, &measured);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Print the `spelling` diagnostics on the replies as they are, in the
/// `measured` languages, with the words flagged most often.
fn print_flagged_as_they_are(settings: &Settings, replies: &[CorpusReply], measured: &[&str]) {
    println!("on the replies as they are:");
    println!(
        "{:4} {:>8} {:>12} {:>12}",
        "lang", "replies", "flagged", "diagnostics"
    );
    for language in LANGUAGES {
        if !measured.contains(&language) {
            continue;
        }
        let of: Vec<&CorpusReply> = replies.iter().filter(|r| r.language == language).collect();
        let mut words: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut flagged = 0;
        let mut diagnostics = 0;
        for reply in &of {
            let found = eval::lint(
                settings,
                &reply.case(reply.text.clone(), reply.mode),
                &["spelling"],
            );
            flagged += usize::from(!found.is_empty());
            diagnostics += found.len();
            for d in found {
                let word = reply.text.get(d.span.start..d.span.end).unwrap_or("?");
                let around = |r: std::ops::Range<usize>| reply.text.get(r).unwrap_or("");
                let from = reply
                    .text
                    .floor_char_boundary(d.span.start.saturating_sub(12));
                let to = reply
                    .text
                    .ceil_char_boundary((d.span.end + 12).min(reply.text.len()));
                let context = format!("{}: …{}…", reply.id, around(from..to).replace('\n', "⏎"));
                words.entry(word.to_owned()).or_default().push(context);
            }
        }
        println!(
            "{language:4} {:>8} {:>12} {diagnostics:>12}",
            of.len(),
            flagged
        );
        let mut common: Vec<(&String, &Vec<String>)> = words.iter().collect();
        common.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        for (word, places) in common {
            println!("  `{word}` ({}): {}", places.len(), places[0]);
        }
    }
}

/// Whether a word is a word of a language as its dictionaries have it:
/// the built-in English list, or the Hunspell files a user's run finds
/// (the same folders, read here with `spellbook`), without what the
/// speller accepts besides (British spellings on English replies,
/// pronouns joined to verbs, compounds, the built-in support vocabulary).
/// A planted typo that is such a word is no typo.
mod dictionary {
    use replylint_core::config::Settings;
    use replylint_core::lang::Language;
    use replylint_core::spelling::english::English;
    use replylint_core::spelling::{Selection, Variant, words};
    use replylint_io::dictionaries::DictionarySearch;

    /// Whether a word is one of a language's words.
    pub type IsWord = Box<dyn Fn(&str) -> bool>;

    /// The test of `language`'s words, or None when the run has no
    /// dictionary for it.
    pub fn of(settings: &Settings, language: &str) -> Option<IsWord> {
        let language: Language = language.parse().ok()?;
        let selection = Selection::new(language, &[]);
        if !settings.rule_settings.speller.available(&selection) {
            return None;
        }
        if language == Language::En {
            return Some(Box::new(|w: &str| words::accepts(w, English::has)));
        }
        let search = DictionarySearch::from_env();
        let dictionaries: Vec<spellbook::Dictionary> = Variant::defaults(language)
            .iter()
            .filter_map(|v| load(&search, *v))
            .collect();
        if dictionaries.is_empty() {
            return None;
        }
        Some(Box::new(move |w: &str| {
            dictionaries.iter().any(|d| d.check(w))
        }))
    }

    /// The first of `variant`'s dictionaries in the search folders.
    fn load(search: &DictionarySearch, variant: Variant) -> Option<spellbook::Dictionary> {
        let read = |path: std::path::PathBuf| {
            std::fs::read_to_string(path)
                .ok()
                .map(|t| t.trim_start_matches('\u{feff}').to_owned())
        };
        search.dirs.iter().find_map(|dir| {
            variant.file_names().iter().find_map(|name| {
                let aff = read(dir.join(format!("{name}.aff")))?;
                let dic = read(dir.join(format!("{name}.dic")))?;
                spellbook::Dictionary::new(&aff, &dic).ok()
            })
        })
    }
}
