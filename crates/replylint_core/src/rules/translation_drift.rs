//! `translation-drift`.

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
    pub struct TranslationDrift {
        id: "translation-drift",
        severity: Warning,
        fix: None,
    }
}

impl Rule for TranslationDrift {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
