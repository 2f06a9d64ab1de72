//! Suggestions: the words one edit away from a misspelt one (a letter
//! dropped, added, changed, or two neighbours swapped; a changed accent
//! counts as one edit), checked against the dictionary. Real typos are
//! mostly one edit away, and a word with nothing one edit away is more
//! often a name or a term the dictionary lacks than a typo. Ranked: a
//! changed accent or case first, then a swap, a doubled or undoubled
//! letter, a dropped letter put back, an extra one taken out, and last a
//! changed letter, each in the order of the word's letters. A hyphen is
//! never added: it would split a word into two.

use super::words::{self, Shape};

/// How likely a kind of edit is to be the typo, most likely first. A
/// changed letter comes last: every word has dozens of candidates of that
/// kind, most of them chance neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Accent,
    Swap,
    Double,
    /// The typo dropped a letter: the candidate has one more.
    Dropped,
    /// The typo added a letter: the candidate has one less.
    Extra,
    Changed,
}

/// The words one edit away from `word` that `accept` accepts, best first,
/// written in the case of `word`. Candidates are built in lower case from
/// a word written with an initial capital or in capitals, and with
/// letters of `alphabet`.
pub fn one_edit(word: &str, alphabet: &[char], accept: impl Fn(&str) -> bool) -> Vec<String> {
    let shape = words::shape(word);
    let base = match shape {
        Shape::Title | Shape::Upper => words::lower(word),
        Shape::Lower | Shape::Mixed => word.to_owned(),
    };
    let chars: Vec<char> = base.chars().collect();
    // Longer words than this are rarely typed wrong by one letter only;
    // their candidates would cost more than they give.
    if chars.len() > 40 {
        return Vec::new();
    }
    let plain_base = crate::text::strip_accents(&base);
    let mut found: Vec<(Tier, String)> = Vec::new();
    let mut consider = |tier: Tier, candidate: String| {
        let tier = if crate::text::strip_accents(&candidate) == plain_base {
            Tier::Accent
        } else {
            tier
        };
        // The same word by another edit: keep the likelier one.
        if let Some(seen) = found.iter_mut().find(|(_, c)| *c == candidate) {
            seen.0 = seen.0.min(tier);
            return;
        }
        // A word written with a capital may be a noun the dictionary
        // lists with one (German `Bestellung`).
        let accepted = accept(&candidate)
            || (shape != Shape::Lower
                && shape != Shape::Mixed
                && accept(&words::title(&candidate)));
        // A word never starts with a joiner nor ends with a hyphen
        // (`-person`, `user-`); Italian `po'` ends with an apostrophe.
        if candidate == base
            || candidate.starts_with(['-', '\''])
            || candidate.ends_with('-')
            || !accepted
        {
            return;
        }
        found.push((tier, candidate));
    };
    let at = |cs: &[char]| cs.iter().collect::<String>();
    for i in 0..chars.len() {
        // A letter dropped: doubled letters typed once more are `Double`.
        let mut cs = chars.clone();
        let removed = cs.remove(i);
        let tier = if i > 1 && chars[i - 1] == removed && chars[i - 2] == removed {
            // A tripled letter: no language writes one.
            Tier::Accent
        } else if i > 0 && chars[i - 1] == removed {
            Tier::Double
        } else {
            Tier::Extra
        };
        consider(tier, at(&cs));
        // Two neighbours swapped.
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            let mut cs = chars.clone();
            cs.swap(i, i + 1);
            consider(Tier::Swap, at(&cs));
        }
        // A letter changed.
        for &c in alphabet {
            if c != chars[i] {
                let mut cs = chars.clone();
                cs[i] = c;
                consider(Tier::Changed, at(&cs));
            }
        }
    }
    // A letter added.
    for i in 0..=chars.len() {
        for &c in alphabet {
            let mut cs = chars.clone();
            cs.insert(i, c);
            let tier = if (i > 0 && chars[i - 1] == c) || chars.get(i) == Some(&c) {
                Tier::Double
            } else {
                Tier::Dropped
            };
            consider(tier, at(&cs));
        }
    }
    // Accents the alphabet lacks (a capital letter's, a rare one's).
    for i in 0..chars.len() {
        for &c in accented(chars[i]) {
            let mut cs = chars.clone();
            cs[i] = c;
            consider(Tier::Accent, at(&cs));
        }
    }
    found.sort_by_key(|(tier, _)| *tier);
    found
        .into_iter()
        .map(|(_, c)| match shape {
            Shape::Title => words::title(&c),
            Shape::Upper => c.to_uppercase(),
            Shape::Lower | Shape::Mixed => c,
        })
        .collect()
}

/// The letters `c` is with another accent, or without one.
pub fn accented(c: char) -> &'static [char] {
    match c {
        'a' | 'à' | 'á' | 'â' | 'ã' | 'ä' => &['a', 'à', 'á', 'â', 'ã', 'ä'],
        'e' | 'è' | 'é' | 'ê' | 'ë' => &['e', 'è', 'é', 'ê', 'ë'],
        'i' | 'ì' | 'í' | 'î' | 'ï' => &['i', 'ì', 'í', 'î', 'ï'],
        'o' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' => &['o', 'ò', 'ó', 'ô', 'õ', 'ö'],
        'u' | 'ù' | 'ú' | 'û' | 'ü' => &['u', 'ù', 'ú', 'û', 'ü'],
        'c' | 'ç' => &['c', 'ç'],
        'n' | 'ñ' => &['n', 'ñ'],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary(words: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |w| words.contains(&w)
    }

    const ABC: &[char] = &[
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u',
        'v',
    ];

    #[test]
    fn swaps_drops_doubles_and_accents() {
        let d = dictionary(&["the", "receive", "address", "perché", "tea", "ten"]);
        assert_eq!(one_edit("teh", ABC, &d), ["the", "tea", "ten"]);
        assert_eq!(one_edit("recieve", ABC, &d), ["receive"]);
        assert_eq!(one_edit("adress", ABC, &d), ["address"]);
        assert_eq!(one_edit("perchè", ABC, &d), ["perché"]);
        assert_eq!(one_edit("perche", ABC, &d), ["perché"]);
        assert!(one_edit("zzzz", ABC, &d).is_empty());
        let d = dictionary(&["votre", "tore", "vote", "nosso", "nossos"]);
        assert_eq!(one_edit("votr", ABC, &d), ["votre", "vote"]);
        // A tripled letter is a doubled one typed once more.
        assert_eq!(one_edit("nossso", ABC, &d), ["nosso", "nossos"]);
    }

    #[test]
    fn nouns_listed_with_a_capital_are_suggested_for_a_capitalised_word() {
        let d = dictionary(&["Bestellung"]);
        assert_eq!(one_edit("Bestelung", ABC, &d), ["Bestellung"]);
        assert!(one_edit("bestelung", ABC, &d).is_empty());
    }

    #[test]
    fn case_is_kept() {
        let d = dictionary(&["receive"]);
        assert_eq!(one_edit("Recieve", ABC, &d), ["Receive"]);
        assert_eq!(one_edit("RECIEVE", ABC, &d), ["RECEIVE"]);
    }

    #[test]
    fn any_text_is_safe() {
        let d = dictionary(&["a"]);
        for w in ["", "é", "👍", "a\u{301}", "李明", &"x".repeat(100)] {
            let _ = one_edit(w, ABC, &d);
        }
    }
}
