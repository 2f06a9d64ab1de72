//! One scan of a reply's body for the phrases of the rules that look
//! further only when one of theirs is there: `blame`, `text-speak` and
//! `credential-request` (its secrets). Most replies have none, and one
//! automaton over the three lexicons says so in one pass instead of three
//! (3.5 % of the CPU time of a library run). The first replies of a run
//! are looked at by each set on its own, though: one draft would pay for
//! building the screen (the three lexicons parsed and their phrases folded
//! again, 1.7 M instructions, whether their rules are on or not) and gain
//! nothing.

use crate::lang::{blame, credentials, text_speak};
use crate::text::phrases::{Folded, PhraseSet};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Questions (a rule asking whether a reply has its phrases) answered set
/// by set before the screen takes over: some 20 to 60 replies.
const SCREEN_AFTER_QUESTIONS: usize = 64;

/// Questions answered set by set so far (not counted past the limit).
static ASKED: AtomicUsize = AtomicUsize::new(0);

/// Whether to answer with the screen, building it if need be, rather than
/// set by set.
pub fn worth_it() -> bool {
    ASKED.load(Ordering::Relaxed) >= SCREEN_AFTER_QUESTIONS
        || ASKED.fetch_add(1, Ordering::Relaxed) >= SCREEN_AFTER_QUESTIONS
}

/// The longest text the word screens of [`alone`] read: they look for
/// each of hundreds of words in the whole text, which past a page or so
/// costs more than compiling the set (a draft is shorter; a reply of
/// megabytes spent a third of its time there).
const WORD_SCREENED: usize = 2 << 10;

/// Whether the `set` lexicon has a phrase in `folded`, asked of the set
/// itself: for a short text, after a screen of the words its phrases
/// need, which spares a draft without them the set's compiling.
pub fn alone(set: Screened, folded: &Folded) -> bool {
    let text = folded.as_str();
    let short = text.len() <= WORD_SCREENED;
    match set {
        Screened::Blame => {
            (!short || blame::BUILTIN_WORDS.may_be_in(text))
                && !blame::BUILTIN.phrases.find_in(folded).is_empty()
        }
        Screened::TextSpeak => {
            (!short || text_speak::BUILTIN_TERMS.may_be_in(text))
                && !text_speak::BUILTIN.find_in(folded).is_empty()
        }
        Screened::Secrets => !credentials::SECRETS.find_in(folded).is_empty(),
    }
}

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
        blame::BUILTIN.phrases.phrases().collect::<Vec<_>>(),
        text_speak::BUILTIN.phrases().collect(),
        credentials::SECRETS.phrases().collect(),
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
            .phrases
            .phrases()
            .chain(text_speak::BUILTIN.phrases())
            .chain(credentials::SECRETS.phrases())
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
            let expected = [Screened::Blame, Screened::TextSpeak, Screened::Secrets]
                .map(|set| alone(set, &folded));
            assert_eq!(scan(&folded), expected, "{text}");
        }
        assert_eq!(scan(&Folded::new(texts[0])), [true, true, true]);
        assert_eq!(scan(&Folded::new(texts[2])), [false, false, false]);
        // Past the length the word screens read, the sets still answer.
        let long = "Hi Anna, your refund is on its way. ".repeat(100);
        assert!(long.len() > WORD_SCREENED);
        for (tail, expected) in [("", [false, false, false]), (texts[0], [true, true, true])] {
            let folded = Folded::new(&format!("{long}{tail}"));
            let alone = [Screened::Blame, Screened::TextSpeak, Screened::Secrets]
                .map(|set| alone(set, &folded));
            assert_eq!(alone, expected, "{tail}");
            assert_eq!(scan(&folded), expected, "{tail}");
        }
    }
}
