//! One scan of a reply's body for the phrases of the rules that look
//! further only when one of theirs is there: `blame`, `text-speak` and
//! `credential-request` (its secrets). Most replies have none, and one
//! automaton over the three lexicons says so in one pass instead of three.

use super::{blame, credential_request, text_speak};
use crate::text::phrases::{Folded, PhraseSet};
use std::sync::LazyLock;

/// The lexicons the screen holds, in the order of its groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screened {
    Blame,
    TextSpeak,
    Secrets,
}

/// The phrases of the three sets, one group each.
static SCREEN: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    let groups = [
        blame::BUILTIN.phrases().collect::<Vec<_>>(),
        text_speak::BUILTIN.phrases().collect(),
        credential_request::SECRETS.phrases().collect(),
    ];
    PhraseSet::grouped(groups.map(|phrases| phrases.into_iter().map(|p| (p.to_owned(), ()))))
        .expect("the screened lexicons compile")
});

/// Which of the screened sets have a phrase in `folded`, in [`Screened`]
/// order.
pub fn scan(folded: &Folded) -> [bool; 3] {
    let present = SCREEN.groups_present(folded);
    [0, 1, 2].map(|g| present.get(g).copied().unwrap_or(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screen_holds_the_phrases_of_each_set_as_they_are() {
        let phrases: Vec<&str> = SCREEN.phrases().collect();
        let sets: Vec<&str> = blame::BUILTIN
            .phrases()
            .chain(text_speak::BUILTIN.phrases())
            .chain(credential_request::SECRETS.phrases())
            .collect();
        assert_eq!(phrases, sets, "folding a folded phrase changes nothing");
        assert!(sets.len() > 500);
    }

    #[test]
    fn the_screen_says_what_each_set_finds() {
        let texts = [
            "As I already said, your PIN is needed. thx",
            "Come già detto, ci serve la password.",
            "Hi Anna, your refund is on its way.",
            "pls send the cvv",
            "spinning pins, apinning, passwords-ish",
            "",
        ];
        for text in texts {
            let folded = Folded::new(text);
            let expected = [
                !blame::BUILTIN.find_in(&folded).is_empty(),
                !text_speak::BUILTIN.find_in(&folded).is_empty(),
                !credential_request::SECRETS.find_in(&folded).is_empty(),
            ];
            assert_eq!(scan(&folded), expected, "{text}");
        }
        assert_eq!(scan(&Folded::new(texts[0])), [true, true, true]);
        assert_eq!(scan(&Folded::new(texts[2])), [false, false, false]);
    }
}
