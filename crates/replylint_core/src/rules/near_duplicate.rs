//! `near-duplicate`: a library rule, checked across replies in
//! [`crate::library`]; nothing to check in one reply alone.

use super::{Context, Rule, Sink};

crate::declare_rule! {
    /// ## What it does
    /// A library rule: reports replies whose text is nearly the same, once
    /// per cluster, with all its members, so that the team can merge them.
    /// The text compared is the reply's sentences without its salutation
    /// line, sign-off and signature, folded (case, accents, punctuation;
    /// each placeholder one mark); two replies are alike when at least
    /// `near-duplicate-threshold` percent of their five-character shingles
    /// are shared, as estimated by MinHash signatures. Replies shorter
    /// than `near-duplicate-min-chars` or of fewer than eight words, and
    /// the translations of one macro, are not compared.
    ///
    /// Candidates are found by locality-sensitive hashing: a reply is
    /// compared with at most 16 others, whatever the size of the library.
    ///
    /// ## Why is this bad?
    /// Three agents wrote the same answer three ways: when the policy
    /// changes, one is updated and two are not.
    ///
    /// ## Example
    /// ```text
    /// delay-1: We are sorry your order is late. We have asked the courier for news.
    /// delay-2: We are so sorry your order is late. We have asked the courier for news.
    /// ```
    ///
    /// ## Options
    /// - `[library] near-duplicate-threshold`: how alike, in percent (50
    ///   to 100, default 70).
    /// - `[library] near-duplicate-min-chars`: shorter replies are not
    ///   compared (default 80).
    pub struct NearDuplicate {
        id: "near-duplicate",
        severity: Info,
        fix: None,
    }
}

impl Rule for NearDuplicate {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
