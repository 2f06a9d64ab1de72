//! `policy-fact`.

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
    pub struct PolicyFact {
        id: "policy-fact",
        severity: Error,
        fix: None,
    }
}

impl Rule for PolicyFact {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
