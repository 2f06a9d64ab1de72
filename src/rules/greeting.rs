//! `greeting`.

use super::{Context, Rule, RuleMeta, Sink};

crate::declare_rule! {
    /// ## What it does
    /// TODO
    pub struct Greeting {
        id: "greeting",
        severity: Warning,
        fix: None,
    }
}

impl Rule for Greeting {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
