//! Typos planted into real replies, for the evaluation of the `spelling`
//! rule (`spelling_eval.rs`): one plain word of a reply, picked by a
//! stable hash, is misspelt the way people misspell, and the harness
//! checks that the rule reports it.
//!
//! A plain word is a word token of the tokenizer
//! ([`replylint_core::analysis::tokens::tokenize`], so never a URL, an
//! e-mail address, an @handle, a #hashtag or a placeholder) of at least
//! [`MIN_LETTERS`] lower-case letters and nothing else, outside code,
//! HTML tags and comments, template tags, format fields and variables.
//! Names, acronyms, words with an apostrophe, a hyphen or a digit are
//! left alone.
//!
//! Whether the misspelling is still a word of the language (`form` →
//! `from`) cannot be known here, without a dictionary: the harness drops
//! such plantings and says how many.

use replylint_core::analysis::tokens::{Kind as TokenKind, tokenize};
use std::ops::Range;

/// The fewest letters of a word a typo is planted in.
pub const MIN_LETTERS: usize = 4;

/// The kinds of typo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Typo {
    /// Two adjacent letters swapped: `receive` → `recieve`.
    Transposition,
    /// A letter left out: `address` → `adress`.
    Dropped,
    /// A letter typed twice: `until` → `untill`.
    Doubled,
    /// An accent wrong or missing, as the language's writers get it
    /// wrong: `perché` → `perchè`, `città` → `citta`, `Bestellung`'s
    /// neighbours `für` → `fur`.
    Accent,
    /// Italian only: the preposition `a` written `à`.
    AccentedA,
}

impl Typo {
    pub const ALL: [Typo; 5] = [
        Typo::Transposition,
        Typo::Dropped,
        Typo::Doubled,
        Typo::Accent,
        Typo::AccentedA,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Typo::Transposition => "transposition",
            Typo::Dropped => "dropped letter",
            Typo::Doubled => "doubled letter",
            Typo::Accent => "wrong accent",
            Typo::AccentedA => "a → à",
        }
    }

    /// Whether the kind is planted in replies in `language` (English has
    /// no accents to get wrong; `à` for `a` is an Italian mistake).
    pub fn applies_to(self, language: &str) -> bool {
        match self {
            Typo::Transposition | Typo::Dropped | Typo::Doubled => true,
            Typo::Accent => !accents(language).is_empty(),
            Typo::AccentedA => language == "it",
        }
    }
}

/// The wrong accents of `language`: a letter and what it is mistyped as.
pub fn accents(language: &str) -> &'static [(char, &'static str)] {
    match language {
        "it" => &[
            ('é', "è"),
            ('è', "é"),
            ('à', "a"),
            ('è', "e"),
            ('ì', "i"),
            ('ò', "o"),
            ('ù', "u"),
        ],
        "fr" => &[
            ('é', "è"),
            ('é', "e"),
            ('è', "é"),
            ('à', "a"),
            ('ê', "e"),
            ('ç', "c"),
            ('ô', "o"),
        ],
        "es" => &[
            ('á', "a"),
            ('é', "e"),
            ('í', "i"),
            ('ó', "o"),
            ('ú', "u"),
            ('ñ', "n"),
        ],
        "pt" => &[
            ('ç', "c"),
            ('ã', "a"),
            ('õ', "o"),
            ('é', "ê"),
            ('ê', "é"),
            ('á', "a"),
            ('í', "i"),
        ],
        "de" => &[('ü', "u"), ('ö', "o"), ('ä', "a"), ('ß', "ss")],
        _ => &[],
    }
}

/// One typo planted into a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    /// The reply with the typo.
    pub text: String,
    /// Where the misspelt word is in [`Planted::text`].
    pub range: Range<usize>,
    /// The word as the reply had it.
    pub original: String,
    /// The word as planted.
    pub typo: String,
    pub kind: Typo,
}

/// FNV-1a: a hash that is the same on every machine and every run.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Spread the bits of a seed (splitmix64's finaliser), so that nearby
/// seeds pick unrelated words.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Byte ranges no typo is planted in: fenced and inline code, HTML
/// comments and tags, template tags (`{{ … }}`, `{% … %}`), format fields
/// and variables (`{name}`, `%{app_name}`, `$reply_time`).
fn protected(text: &str) -> Vec<Range<usize>> {
    let mut out = super::eval::code_spans(text);
    // Format fields and template variables the tokenizer does not take
    // for placeholders: `{name}`, `%{app_name}`, `${name}` (one line), and
    // `$reply_time`.
    let mut from = 0;
    while let Some(start) = text[from..].find('{').map(|i| from + i) {
        let Some(len) = text[start + 1..].find(['}', '\n']) else {
            break;
        };
        let end = start + 1 + len + 1;
        out.push(start..end);
        from = end;
    }
    for (start, _) in text.match_indices('$') {
        let len = text[start + 1..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(text.len() - start - 1);
        out.push(start..start + 1 + len);
    }
    // HTML tags: `<` and a letter or `/`, up to `>` on the same line.
    for (start, _) in text.match_indices('<') {
        let rest = &text[start + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            continue;
        }
        if let Some(len) = rest
            .find(['>', '\n'])
            .filter(|&i| rest[i..].starts_with('>'))
        {
            out.push(start..start + 1 + len + 1);
        }
    }
    out
}

/// Whether `word` is a plain word: lower-case letters only, at least
/// [`MIN_LETTERS`] of them.
fn plain(word: &str) -> bool {
    word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        && word.chars().count() >= MIN_LETTERS
}

/// The byte ranges of the words of `text` a typo of `kind` may be planted
/// in, for a reply in `language`, in order.
pub fn candidates(text: &str, language: &str, kind: Typo) -> Vec<Range<usize>> {
    if !kind.applies_to(language) {
        return Vec::new();
    }
    let skip = protected(text);
    let free = |r: &Range<usize>| !skip.iter().any(|s| s.start < r.end && r.start < s.end);
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.range())
        .filter(|r| free(r))
        .filter(|r| {
            let word = &text[r.clone()];
            match kind {
                Typo::AccentedA => word == "a",
                Typo::Accent => {
                    plain(word)
                        && accents(language)
                            .iter()
                            .any(|(from, _)| word.contains(*from))
                }
                _ => plain(word) && misspellings(word, language, kind) > 0,
            }
        })
        .collect()
}

/// How many different misspellings of `word` a typo of `kind` has (the
/// places it may go), in `language`.
fn misspellings(word: &str, language: &str, kind: Typo) -> usize {
    let chars: Vec<char> = word.chars().collect();
    match kind {
        Typo::Transposition => chars.windows(2).filter(|w| w[0] != w[1]).count(),
        Typo::Dropped | Typo::Doubled => chars.len(),
        Typo::Accent => accent_places(&chars, language).len(),
        Typo::AccentedA => usize::from(word == "a"),
    }
}

/// The wrong accents `chars` may get: the index of the letter and what
/// it becomes.
fn accent_places(chars: &[char], language: &str) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        for (from, to) in accents(language) {
            if from == c {
                out.push((i, *to));
            }
        }
    }
    out
}

/// `word` misspelt by a typo of `kind`, the place picked by `hash`.
fn misspell(word: &str, language: &str, kind: Typo, hash: u64) -> Option<String> {
    let mut chars: Vec<char> = word.chars().collect();
    let pick = |n: usize| (n > 0).then(|| (hash % n as u64) as usize);
    match kind {
        Typo::Transposition => {
            let places: Vec<usize> = (0..chars.len().saturating_sub(1))
                .filter(|&i| chars[i] != chars[i + 1])
                .collect();
            let i = places[pick(places.len())?];
            chars.swap(i, i + 1);
        }
        Typo::Dropped => {
            chars.remove(pick(chars.len())?);
        }
        Typo::Doubled => {
            let i = pick(chars.len())?;
            chars.insert(i, chars[i]);
        }
        Typo::Accent => {
            let places = accent_places(&chars, language);
            let (i, to) = places[pick(places.len())?];
            let mut out: String = chars[..i].iter().collect();
            out.push_str(to);
            out.extend(&chars[i + 1..]);
            return Some(out);
        }
        Typo::AccentedA => return (word == "a").then(|| "à".to_owned()),
    }
    let out: String = chars.into_iter().collect();
    (out != word).then_some(out)
}

/// Plant a typo of `kind` in one word of `text`, a reply in `language`:
/// the word and the place in it picked by a stable hash of `seed`. None
/// when no word of the reply takes that kind of typo.
pub fn plant(text: &str, language: &str, kind: Typo, seed: u64) -> Option<Planted> {
    plant_nth(text, language, kind, seed, 0)
}

/// [`plant`] in the `copy`-th word after the one `seed` picks: copies
/// `0..n` of a reply with `n` candidate words have their typos in `n`
/// different words. None from `copy` = n on.
pub fn plant_nth(
    text: &str,
    language: &str,
    kind: Typo,
    seed: u64,
    copy: usize,
) -> Option<Planted> {
    let words = candidates(text, language, kind);
    if copy >= words.len() {
        return None;
    }
    let hash = mix(seed);
    let first = (hash % words.len() as u64) as usize;
    let word = words[(first + copy) % words.len()].clone();
    let original = &text[word.clone()];
    let typo = misspell(original, language, kind, mix(hash ^ copy as u64))?;
    let mut planted = String::with_capacity(text.len() + 4);
    planted.push_str(&text[..word.start]);
    planted.push_str(&typo);
    planted.push_str(&text[word.end..]);
    Some(Planted {
        text: planted,
        range: word.start..word.start + typo.len(),
        original: original.to_owned(),
        typo,
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What every planting must be: the reply with one word replaced, on
    /// character boundaries, by a different string.
    fn assert_well_formed(text: &str, p: &Planted) {
        let start = p.range.start;
        assert!(p.text.is_char_boundary(start) && p.text.is_char_boundary(p.range.end));
        assert_eq!(&p.text[p.range.clone()], p.typo);
        assert_ne!(p.typo, p.original);
        let restored = format!(
            "{}{}{}",
            &p.text[..start],
            p.original,
            &p.text[p.range.end..]
        );
        assert_eq!(restored, text);
        assert_eq!(&text[start..start + p.original.len()], p.original);
    }

    #[test]
    fn transposition_swaps_two_different_adjacent_letters() {
        let p = plant("We will receive it", "en", Typo::Transposition, 7).unwrap();
        assert_well_formed("We will receive it", &p);
        assert_eq!(p.original, "receive");
        assert_eq!(p.typo.len(), p.original.len());
        let mut a: Vec<char> = p.typo.chars().collect();
        let mut b: Vec<char> = p.original.chars().collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "the same letters: {}", p.typo);
    }

    #[test]
    fn dropped_and_doubled_letters_change_the_length_by_one_letter() {
        for seed in 0..20 {
            let d = plant("Grazie della pazienza", "it", Typo::Dropped, seed).unwrap();
            assert_eq!(d.typo.chars().count() + 1, d.original.chars().count());
            let e = plant("Grazie della pazienza", "it", Typo::Doubled, seed).unwrap();
            assert_eq!(e.typo.chars().count(), e.original.chars().count() + 1);
        }
    }

    #[test]
    fn only_plain_lower_case_words_of_four_letters_or_more() {
        let text = "Hi Anna, the API is OK and it's e-mail 4you now: thanks";
        let words: Vec<&str> = candidates(text, "en", Typo::Dropped)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(words, ["thanks"]);
    }

    #[test]
    fn never_in_links_addresses_handles_hashtags_placeholders_code_or_markup() {
        let text = "Write to help@example.com or see https://example.com/orders \
                    and @acme_support #orders {{customer.name}} {% if order %} \
                    `reset orders` <span class=\"order\">done</span> <!-- order notes --> \
                    ```\nlet orders = 1;\n```\nthanks";
        for kind in [Typo::Transposition, Typo::Dropped, Typo::Doubled] {
            let words: Vec<&str> = candidates(text, "en", kind)
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(words, ["done", "thanks"], "{kind:?}");
        }
    }

    #[test]
    fn never_in_format_fields_or_variables() {
        let text = "Your %{app_name} account {account_name} closes at $reply_time today";
        let words: Vec<&str> = candidates(text, "en", Typo::Doubled)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(words, ["account", "closes", "today"]);
    }

    #[test]
    fn wrong_accents_per_language() {
        let p = plant("Non so perché", "it", Typo::Accent, 1).unwrap();
        assert_eq!((p.original.as_str(), p.typo.as_str()), ("perché", "perchè"));
        let p = plant("Siamo in città", "it", Typo::Accent, 1).unwrap();
        assert_eq!(p.typo, "citta");
        let p = plant("Obrigado pela informação", "pt", Typo::Accent, 3).unwrap();
        assert!(
            ["informacão", "informaçao"].contains(&p.typo.as_str()),
            "{}",
            p.typo
        );
        let p = plant(
            "Danke für die Bestellung bei München",
            "de",
            Typo::Accent,
            0,
        );
        assert_eq!(p, None, "`für` is too short and `München` a name");
        let p = plant("Sie wurde geprüft", "de", Typo::Accent, 0).unwrap();
        assert_eq!(p.typo, "gepruft");
    }

    #[test]
    fn english_has_no_accents_to_get_wrong() {
        assert!(!Typo::Accent.applies_to("en"));
        assert_eq!(plant("Your café order", "en", Typo::Accent, 0), None);
    }

    #[test]
    fn the_preposition_a_gets_an_accent_in_italian_only() {
        let text = "Scrivi a noi, a presto";
        let p = plant(text, "it", Typo::AccentedA, 5).unwrap();
        assert_well_formed(text, &p);
        assert_eq!((p.original.as_str(), p.typo.as_str()), ("a", "à"));
        assert_eq!(plant(text, "es", Typo::AccentedA, 5), None);
        assert_eq!(plant("Una casa", "it", Typo::AccentedA, 5), None);
    }

    #[test]
    fn the_same_seed_plants_the_same_typo_and_copies_take_different_words() {
        let text = "Thanks for waiting, your parcel leaves today from Milan";
        assert_eq!(
            plant(text, "en", Typo::Doubled, 42),
            plant(text, "en", Typo::Doubled, 42)
        );
        let n = candidates(text, "en", Typo::Doubled).len();
        assert_eq!(n, 6, "waiting, your, parcel, leaves, today, from");
        let words: std::collections::BTreeSet<String> = (0..n)
            .map(|c| {
                plant_nth(text, "en", Typo::Doubled, 42, c)
                    .unwrap()
                    .original
            })
            .collect();
        assert_eq!(words.len(), n);
        assert_eq!(plant_nth(text, "en", Typo::Doubled, 42, n), None);
    }

    #[test]
    fn byte_ranges_stay_on_character_boundaries_beside_accents_emoji_and_cjk() {
        let text = "Ciao 😊 perché città👍🏽è così?\n注文ありがとう grazie—davvero 🇮🇹 ñandú";
        for language in ["it", "es", "en"] {
            for kind in Typo::ALL {
                for seed in 0..40 {
                    if let Some(p) = plant(text, language, kind, seed) {
                        assert_well_formed(text, &p);
                    }
                }
            }
        }
        let p = plant(text, "it", Typo::Accent, 0).unwrap();
        assert!(["perché", "città", "così"].contains(&p.original.as_str()));
    }

    #[test]
    fn nothing_to_plant_in() {
        assert_eq!(plant("", "en", Typo::Dropped, 0), None);
        assert_eq!(plant("Hi Jo! OK?", "en", Typo::Dropped, 0), None);
        assert_eq!(plant("aaaa", "en", Typo::Transposition, 0), None);
        assert_eq!(
            plant("https://example.com/thanks", "en", Typo::Dropped, 0),
            None
        );
    }

    proptest! {
        #[test]
        fn any_text_any_seed_well_formed(text in "\\PC{0,60}", seed: u64, copy in 0usize..4) {
            for language in ["en", "it", "fr", "es", "pt", "de"] {
                for kind in Typo::ALL {
                    if let Some(p) = plant_nth(&text, language, kind, seed, copy) {
                        assert_well_formed(&text, &p);
                    }
                }
            }
        }
    }
}
