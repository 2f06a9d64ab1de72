//! `blame`: phrases that blame or lecture the customer. The phrases are
//! the lexicon of [`crate::lang::blame`]; counterfactuals ("you should
//! have downloaded") are found by [`crate::analysis::counterfactuals`].

use super::{Context, Rule, Sink};
use crate::analysis::counterfactuals::reproach;
use crate::analysis::screen::Screened;
use crate::analysis::tokens;
use crate::lang::blame::{BUILTIN, Kind};

crate::declare_rule! {
    /// ## What it does
    /// Reports phrases that blame or lecture the customer (`as I already
    /// said`, `come già detto`, `you should have checked`, `è colpa sua`).
    ///
    /// They are reminders that something was already said (`come già
    /// detto`, `como ya le dije`), reproaches (`it's your fault`, `è colpa
    /// sua`), orders to calm down or to understand (`calm down please`,
    /// `Sie müssen verstehen`), and counterfactuals: what the customer
    /// should have done (`you should have downloaded`, `you should've
    /// read`, `avresti dovuto scaricare`, `deberías haber leído`, `vous
    /// auriez dû vérifier`, `Sie hätten die Anleitung lesen sollen`, `você
    /// deveria ter baixado`).
    ///
    /// The phrases are data, per language: `rules/lexicon/blame.toml`
    /// (it, en, es, fr, de, pt). They match as whole words, case-
    /// insensitively, with typographic and straight apostrophes alike. A
    /// phrase whose words the list writes with a capital (German `Sie`,
    /// `Ihre`) matches only with that capital, except at the start of a
    /// sentence: lower-case `sie haben vergessen` is "they forgot".
    ///
    /// Each language also lists longer phrases that contain a blame phrase
    /// without blaming (`it's not your fault`, `non è colpa sua`, `if you
    /// forgot to add the order number`); these win.
    ///
    /// A counterfactual blames only with a verb of something the customer
    /// does. Not reported:
    /// - expectations: verbs of receiving, getting, arriving and being
    ///   (`you should have received an e-mail`, `you should have been sent
    ///   a code`, `avresti dovuto riceverla`, `deberías haber recibido`,
    ///   `vous auriez dû recevoir`, `Sie hätten eine E-Mail erhalten
    ///   sollen`, `você deveria ter recebido`); `dovrebbe aver ricevuto`
    ///   and `Sie sollten … erhalten haben` are not counterfactuals at all;
    /// - possessions: the verb must be a participle or an infinitive (`you
    ///   should have access now`, `debería haber un botón`);
    /// - other people: forms that are also the first or third person
    ///   (`avrebbe dovuto`, `debería haber`, `deveria ter`) count only
    ///   where they open a sentence or a clause, with no subject of their
    ///   own (`il corriere avrebbe dovuto contattarla` is about the
    ///   courier); `we should have`, `I should have` are apologies.
    ///
    /// When the reply's language is set, only that language's phrases are
    /// used; otherwise every language's.
    ///
    /// Phrases are per language: in a reply whose language is set, only its
    /// own; otherwise any of the six lexicons. A language outside them has
    /// no phrases, so nothing is reported in it.
    ///
    /// ## Why is this bad?
    /// A customer who writes again usually did not understand or did not
    /// get what they needed. "As I already said" tells them the fault is
    /// theirs, which escalates the conversation and, on public channels,
    /// shows every reader a company that talks down to its customers.
    ///
    /// ## Example
    /// ```text
    /// As I already said, you should have checked the address before ordering.
    /// ```
    /// Use instead:
    /// ```text
    /// The parcel went to the address on the order; I have asked the courier to redirect it.
    /// ```
    ///
    /// ## Options
    /// None; the phrase lists are in `rules/lexicon/blame.toml`.
    pub struct Blame {
        id: "blame",
        severity: Warning,
        fix: None,
    }
}

/// Whether `at` opens a sentence: only white space, list markers or
/// quotation marks since the start of the text, or the end of a sentence.
fn opens_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '“' | '„' | '«' | '(' | '-' | '*' | '•')
    });
    before.is_empty() || before.ends_with(['.', '!', '?', '…', ':', '\n'])
}

/// Whether the capitals the list writes are there in `matched` (found at
/// `at` in `text`).
fn capitals_match(phrase: &str, matched: &str, text: &str, at: usize) -> bool {
    tokens::spaced(phrase)
        .zip(tokens::spaced(matched))
        .enumerate()
        .all(|(i, (want, got))| {
            let capital = want.chars().next().is_some_and(char::is_uppercase) && want != "I";
            !capital
                || got.chars().next().is_some_and(char::is_uppercase)
                || (i == 0 && opens_sentence(text, at))
        })
}

impl Rule for Blame {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        // Most replies have no phrase at all: only then blank out links,
        // placeholders and codes, and look again.
        if !cx.body_has(Screened::Blame) {
            return;
        }
        for m in BUILTIN.phrases.find_in(cx.folded_prose()) {
            let entry = m.payload;
            if entry.kind == Kind::Allow || cx.language.is_some_and(|l| l != entry.language) {
                continue;
            }
            if !capitals_match(&entry.phrase, &body[m.span.clone()], body, m.span.start) {
                continue;
            }
            let span = match entry.kind {
                Kind::Counterfactual { either } => {
                    let Some(cf) = BUILTIN.counterfactual(entry.language) else {
                        continue;
                    };
                    match reproach(cx.prose(), m.span.clone(), either, cf) {
                        Some(span) => span,
                        None => continue,
                    }
                }
                _ => m.span.clone(),
            };
            let matched = &body[span.clone()];
            sink.report(
                span,
                format!("`{matched}` blames or lectures the customer"),
            )
            .with_help("say what happens next, not what the customer did wrong");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_the_list_writes_must_be_there() {
        let t = "Leider sie haben vergessen";
        assert!(!capitals_match(
            "Sie haben vergessen",
            "sie haben vergessen",
            t,
            7
        ));
        let t = "Leider Sie haben vergessen";
        assert!(capitals_match(
            "Sie haben vergessen",
            "Sie haben vergessen",
            t,
            7
        ));
        let t = "Ok. sie haben vergessen";
        assert!(capitals_match(
            "Sie haben vergessen",
            "sie haben vergessen",
            t,
            4
        ));
        assert!(capitals_match(
            "as I already said",
            "as i already said",
            "as i already said",
            0
        ));
    }
}
