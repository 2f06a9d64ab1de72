//! `missing-translation`.

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
    pub struct MissingTranslation {
        id: "missing-translation",
        severity: Warning,
        fix: None,
    }
}

impl Rule for MissingTranslation {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
