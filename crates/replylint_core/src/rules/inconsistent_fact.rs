//! `inconsistent-fact`.

use super::{Context, Rule, Sink};

crate::declare_rule! {
    /// ## What it does
    /// TODO
    ///
    /// ## Why is this bad?
    /// TODO
    ///
    /// ## Example
    /// TODO
    pub struct InconsistentFact {
        id: "inconsistent-fact",
        severity: Warning,
        fix: None,
    }
}

impl Rule for InconsistentFact {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
