//! `sign-off`.

use super::{Context, Rule, RuleMeta, Sink};

crate::declare_rule! {
    /// ## What it does
    /// TODO
    pub struct SignOff {
        id: "sign-off",
        severity: Warning,
        fix: None,
    }
}

impl Rule for SignOff {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
