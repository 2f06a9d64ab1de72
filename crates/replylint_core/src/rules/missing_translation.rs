//! `missing-translation`: a library rule, checked across replies in
//! [`crate::library`]; nothing to check in one reply alone.

use super::{Context, Rule, Sink};

crate::declare_rule! {
    /// ## What it does
    /// A library rule: reports a macro that lacks a language the library's
    /// other macros have. Replies are the same macro in several languages
    /// when they say so (`group = "refund"`, or `translation-of =
    /// "refund"` naming the source reply's id), when their ids end in a
    /// language (`refund-en`, `refund_it`, `refund.pt-BR`), or when their
    /// files are in language folders (`en/refund.md`, `it/refund.md`) or
    /// end in a language (`refund.de.md`). A reply's language is its
    /// `language`, else the one its id, folder or file name gives, else
    /// the one detected.
    ///
    /// The languages every macro needs are `[library] languages`; unset,
    /// those that at least half of the library's macros (and at least two)
    /// have. A macro is reported once, at its first version, with every
    /// version it has.
    ///
    /// ## Why is this bad?
    /// An Italian customer gets the English reply, or an agent translates
    /// it on the spot, unreviewed.
    ///
    /// ## Example
    /// ```text
    /// en/refund.md  it/refund.md  es/refund.md
    /// en/delay.md                 es/delay.md     # no it/delay.md
    /// ```
    ///
    /// ## Options
    /// - `[library] languages`: the languages every macro needs (codes:
    ///   `["en", "it"]`).
    pub struct MissingTranslation {
        id: "missing-translation",
        severity: Warning,
        fix: None,
    }
}

impl Rule for MissingTranslation {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
