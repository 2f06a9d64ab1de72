//! `placeholder-fallback`: a template that greets the customer by a name
//! variable with no fallback.

use super::{Context, Rule, Sink};
use crate::mode::Mode;
use crate::text::dialect::{self, Dialect};
use crate::text::placeholders;

crate::declare_rule! {
    /// ## What it does
    /// In `template` mode, reports a variable holding the customer's name
    /// (`{{ticket.requester.first_name}}`, `{%customer.firstName%}`,
    /// `{{user.name}}`, `{!Contact.FirstName}`) on the greeting line (the
    /// first line with text) when nothing is printed if the name is empty:
    /// no fallback (`| default: "there"`, `| fallback: "there"`,
    /// `,fallback=there`, `{!Contact.FirstName, there}`,
    /// `|default("there")`) and no `{% if %}` or `{% unless %}` around it.
    ///
    /// A greeting that addresses the customer by last name (`Dear Mr {{
    /// customer.lastName }}`, `{{ firstName }} {{ lastName }}`) is a formal
    /// letter from a registered account (a shop's order mails), whose name
    /// fields are required: it is not checked.
    ///
    /// The agent's name (`{{current_user.name}}`, Front's `{{user.name}}`),
    /// a brand's or company's name (`{{ticket.brand.name}}`) and dynamic
    /// content (`{{dc.name}}`) are not the customer's. Dialects without a
    /// fallback syntax (`front`, and `whatsapp`, whose variables are always
    /// filled in) are not checked. Without a dialect, any of the fallbacks
    /// above is accepted.
    ///
    /// ## Why is this bad?
    /// Helpdesks leave an empty variable empty: a customer whose name is
    /// missing from the ticket reads "Hi ," or "Dear ,", which shows the
    /// reply is a form letter at its very first word.
    ///
    /// ## Example
    /// ```text
    /// Hi {{ticket.requester.first_name}},
    /// ```
    /// Use instead:
    /// ```text
    /// Hi {{ticket.requester.first_name | default: "there"}},
    /// ```
    /// or
    /// ```text
    /// Hi{% if ticket.requester.first_name %} {{ticket.requester.first_name}}{% endif %},
    /// ```
    ///
    /// ## Options
    /// - `mode` (front matter, `--mode`, config): only templates are checked.
    /// - `placeholder-dialect` (front matter or library field, `[[paths]]`,
    ///   channel setting, config): which fallback syntax to suggest; `front`
    ///   and `whatsapp` are not checked.
    pub struct PlaceholderFallback {
        id: "placeholder-fallback",
        severity: Warning,
        fix: None,
    }
}

impl Rule for PlaceholderFallback {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        if cx.mode != Mode::Template {
            return;
        }
        let body = cx.body();
        let found = placeholders::find(body);
        if !found.iter().any(|f| f.prints) {
            return;
        }
        let (dialect, _) = cx.templating();
        let example = match dialect {
            Some(Dialect::Front | Dialect::Whatsapp) => return,
            Some(d) => d.with_fallback(),
            None => None,
        };
        let user_is_agent = dialect.is_some_and(Dialect::user_is_agent);
        let greeting = greeting_line(body);
        let structure = dialect::structure(body, &found);
        let in_greeting =
            |f: &&placeholders::Found<'_>| f.range.start >= greeting.start && f.range.end <= greeting.end;
        if found
            .iter()
            .filter(in_greeting)
            .any(|f| f.name.is_some_and(is_last_name))
        {
            return;
        }
        for (i, f) in found.iter().enumerate() {
            if f.range.start < greeting.start || f.range.end > greeting.end {
                continue;
            }
            let Some(name) = f.name else { continue };
            // A placeholder of another dialect is `placeholder`'s error.
            let foreign = dialect
                .is_some_and(|d| f.syntax != d.syntax() || Dialect::of(f).is_some_and(|o| o != d));
            // A misspelt fallback (`| fallbak:`) is `placeholder`'s error.
            let misspelt_fallback = f.filters().iter().any(|filter| {
                !matches!(*filter, "default" | "fallback" | "d")
                    && crate::suggest::closest(filter, ["default", "fallback"]).is_some()
            });
            if !f.prints
                || foreign
                || misspelt_fallback
                // An empty fallback (`| default: ""`) prints nothing either.
                || f.fallback.is_some_and(|fb| !fb.trim().is_empty())
                || structure.guarded[i]
                || structure.inert[i]
                || !placeholders::is_customer_name(name, user_is_agent)
            {
                continue;
            }
            let text = &body[f.range.clone()];
            let reads = what_the_customer_reads(
                body[greeting.start..f.range.start].trim_start(),
                &body[f.range.end..greeting.end],
            );
            let help = match example {
                Some(example) if dialect.is_some_and(|d| d.tags().is_some()) => format!(
                    "add a fallback: `{example}`, or print the name inside `{{% if {name} %}}…{{% endif %}}`"
                ),
                Some(example) => format!("add a fallback: `{example}`"),
                None => "add a fallback in your helpdesk's syntax (`| default: \"there\"`, `| fallback: \"there\"`, `,fallback=there`), or set `placeholder-dialect` for an exact suggestion".to_owned(),
            };
            sink.report(
                f.range.clone(),
                format!(
                    "`{text}` in the greeting has no fallback: a customer without a name on file reads \"{reads}\""
                ),
            )
            .with_help(help);
        }
    }
}

/// The greeting as a customer without a name reads it: `before` and
/// `after` the name, up to the end of the first sentence, at most about
/// 40 characters (cut at a space, with `…`).
/// Whether a variable holds a last name (`customer.lastName`,
/// `last_name`, `surname`, `Nachname`, `cognome`, `apellido`, `nom`).
fn is_last_name(name: &str) -> bool {
    let field = name.rsplit(['.', ':']).next().unwrap_or(name).to_lowercase();
    let field = field.replace(['_', '-'], "");
    matches!(
        field.as_str(),
        "lastname" | "surname" | "familyname" | "nachname" | "cognome" | "apellido" | "apellidos"
            | "sobrenome" | "nom" | "nomdefamille"
    )
}

fn what_the_customer_reads(before: &str, after: &str) -> String {
    // The end of the sentence: `.`, `!`, `?` or `:` before a space or
    // the end (not the dot of `user.plan`).
    let end = after.char_indices().find(|&(i, c)| {
        matches!(c, '.' | '!' | '?' | ':')
            && after[i + 1..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
    });
    let after = match end {
        Some((i, _)) => &after[..=i],
        None => after,
    };
    let full = format!("{before}{after}");
    let full = full.trim_end();
    if full.chars().count() <= 40 {
        return full.to_owned();
    }
    let cut: String = full.chars().take(40).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > before.len() => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// The byte range of the first line with text.
fn greeting_line(body: &str) -> std::ops::Range<usize> {
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            return start..start + content.len();
        }
        start += line.len();
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_customer_reads_is_the_first_sentence() {
        assert_eq!(what_the_customer_reads("Dear ", ","), "Dear ,");
        assert_eq!(
            what_the_customer_reads("Ciao ", ", sono Giulia. Come posso aiutarti?"),
            "Ciao , sono Giulia."
        );
        assert_eq!(
            what_the_customer_reads(
                "Ciao ",
                ", il tuo ordine è stato spedito e arriverà entro tre giorni"
            ),
            "Ciao , il tuo ordine è stato spedito e…"
        );
    }

    #[test]
    fn the_greeting_is_the_first_line_with_text() {
        let body = "\n  \nHi {{n}},\nmore";
        assert_eq!(&body[greeting_line(body)], "Hi {{n}},");
        assert_eq!(greeting_line(""), 0..0);
    }
}
