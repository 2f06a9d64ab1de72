//! `expired`.

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
    pub struct Expired {
        id: "expired",
        severity: Warning,
        fix: None,
    }
}

impl Rule for Expired {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
