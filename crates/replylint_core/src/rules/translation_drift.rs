//! `translation-drift`: a library rule, checked across replies in
//! [`crate::library`]; nothing to check in one reply alone.

use super::{Context, Rule, Sink};

crate::declare_rule! {
    /// ## What it does
    /// A library rule: reports a translation that says something else
    /// than its source: a placeholder, a link or a number the source has
    /// and the translation lacks (or the other way round; one in place of
    /// another is one diagnostic), or a fact (a time window, an amount, a
    /// phone number…, see `inconsistent-fact`) stated with another value.
    /// Macros in several languages are found as `missing-translation`
    /// finds them; the source is the group's reply in `[library]
    /// source-language`, else the one the others name with
    /// `translation-of`, else the English one, else the first.
    ///
    /// Placeholders and numbers are compared when the source is a
    /// template: in template mode (`--mode template`, the mode of
    /// helpdesk exports) or with placeholders of its own. A filled-in
    /// draft carries one customer's order number.
    ///
    /// Links are compared without what each language may change: the
    /// scheme, `www.`, a language folder (`/it/`, `/en-us/`) or subdomain
    /// (`fr.acme.com`), the query. Numbers are compared by their runs of
    /// two digits or more, so that `1.000,50` and `1,000.50` agree; a
    /// number that is part of a fact is compared as the fact.
    ///
    /// ## Why is this bad?
    /// The English macro was updated and the Italian one was not: the
    /// Italian customer is told last year's refund window, or gets a
    /// placeholder the helpdesk no longer fills in.
    ///
    /// ## Example
    /// ```text
    /// refund-en: Hi {{ticket.requester.first_name}}, your refund of €30 is on its way.
    /// refund-it: Ciao {{first_name}}, il rimborso di €25 è in arrivo.
    /// ```
    ///
    /// ## Options
    /// - `[library] source-language`: the language translations are
    ///   compared with.
    pub struct TranslationDrift {
        id: "translation-drift",
        severity: Warning,
        fix: None,
    }
}

impl Rule for TranslationDrift {
    fn check(&self, _cx: &Context<'_>, _sink: &mut Sink) {}
}
