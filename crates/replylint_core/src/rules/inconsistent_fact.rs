//! `inconsistent-fact`: a library rule, checked across replies in
//! [`crate::library`]; nothing to check in one reply alone.

use super::{Context, Rule, Sink};

crate::declare_rule! {
    /// ## What it does
    /// A library rule: reports a fact that replies of one library state
    /// with different values. The facts compared are time windows (refund,
    /// return, exchange, delivery, response, warranty, cancellation and
    /// trial times), amounts, phone numbers, e-mail addresses, links to
    /// the same site and opening hours, each with its subject, in it, en,
    /// es, fr, de and pt (see [Facts](facts.md)): "14 days", "two weeks"
    /// and "entro 14 giorni" are one refund window; "14 days for refunds,
    /// 30 days for returns" are two facts about two subjects.
    ///
    /// Values are compared only within the same kind and subject, and
    /// only when comparable: calendar time in hours (weeks, days, months
    /// of 30 days), business days apart, amounts in the same currency,
    /// phone numbers of the same country (with and without its code),
    /// links on the same host. A phone number, address or link whose
    /// clause does not say what it is for (support, billing, returns…) is
    /// not compared: a team has several. For each subject, the value most replies
    /// state is taken as the library's; every other value is reported
    /// once, at its first reply, with every reply that states it and
    /// every reply that states the library's value. The translations of
    /// one macro count as one reply (`translation-drift` compares them
    /// with each other). A reply that states two values for one subject
    /// without saying what tells them apart states none.
    ///
    /// Runs when replylint checks more than one reply: a library file, a
    /// folder, several files or an export.
    ///
    /// ## Why is this bad?
    /// The refund macro says 14 days and the returns macro says 30; the
    /// phone number changed in eight macros and not in the ninth. The
    /// customer who gets both is told two things, and the team keeps the
    /// promise it did not mean.
    ///
    /// ## Example
    /// ```text
    /// refund.md:   You can ask for a refund within 14 days of delivery.
    /// damaged.md:  Refunds can be requested within 30 days of delivery.
    /// ```
    ///
    /// Use instead: one value everywhere, or the declared one (`[facts]`,
    /// checked by `policy-fact`).
    ///
    /// ## Options
    /// None of its own: the subjects and the words naming them are
    /// `rules/lexicon/facts.toml`; declare the values replies must agree
    /// with in `[facts]` (`policy-fact`).
    pub struct InconsistentFact {
        id: "inconsistent-fact",
        severity: Warning,
        fix: None,
    }
}

impl Rule for InconsistentFact {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
