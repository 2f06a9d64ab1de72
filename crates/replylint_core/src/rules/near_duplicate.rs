//! `near-duplicate`.

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
    pub struct NearDuplicate {
        id: "near-duplicate",
        severity: Info,
        fix: None,
    }
}

impl Rule for NearDuplicate {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
