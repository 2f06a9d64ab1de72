//! Where a template's placeholders are, whatever the helpdesk: `{{name}}`
//! (Zendesk, Freshdesk, Intercom, Front, Gorgias, HubSpot, WhatsApp `{{1}}`),
//! `{%customer.firstName,fallback=there%}` (Help Scout), Liquid tags
//! `{% if %}` (which print nothing), `{!Contact.FirstName}` (Salesforce),
//! `[[name]]` and `{$name}`.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One placeholder in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub range: Range<usize>,
    /// The variable it prints (`ticket.requester.first_name`), if any.
    pub name: Option<&'a str>,
    /// Whether it prints something (`false` for Liquid tags like `{% if %}`).
    pub prints: bool,
}

static SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{\s*([^{}\n]*?)\s*\}\}|\{%-?\s*([^%\n]*?)\s*-?%\}|\{!\s*([^{}\n]*?)\s*\}|\[\[\s*([^\[\]\n]*?)\s*\]\]|\{\$\s*([^{}\n]*?)\s*\}")
        .expect("valid placeholder regex")
});

/// Liquid tags: they control output and print nothing themselves.
const LIQUID_TAGS: &[&str] = &[
    "if",
    "elsif",
    "else",
    "endif",
    "unless",
    "endunless",
    "for",
    "endfor",
    "case",
    "when",
    "endcase",
    "assign",
    "capture",
    "endcapture",
    "comment",
    "endcomment",
    "raw",
    "endraw",
    "break",
    "continue",
    "cycle",
    "increment",
    "decrement",
    "liquid",
    "render",
    "include",
    "tablerow",
    "endtablerow",
];

/// Every placeholder in `text`, in order.
pub fn find(text: &str) -> Vec<Found<'_>> {
    SYNTAX
        .captures_iter(text)
        .map(|c| {
            let whole = c.get(0).expect("match");
            let (group, inner) = (1..=5)
                .find_map(|i| c.get(i).map(|m| (i, m.as_str())))
                .unwrap_or((1, ""));
            let first_word = inner.split_whitespace().next().unwrap_or("");
            let prints = !(group == 2 && LIQUID_TAGS.contains(&first_word));
            // `name | fallback: "x"`, `customer.firstName,fallback=there`.
            let name = inner
                .split(['|', ','])
                .next()
                .map(str::trim)
                .filter(|n| prints && !n.is_empty());
            Found {
                range: whole.range(),
                name,
                prints,
            }
        })
        .collect()
}

/// Whether a variable holds a person's name (`first_name`, `firstName`,
/// `Contact.FirstName`, `name`).
pub fn is_name_variable(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
    last.contains("name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_dialect_and_tells_tags_from_outputs() {
        let text = "Hi {{ticket.requester.first_name | fallback: \"there\"}} {% if x %}{%customer.firstName,fallback=there%}{% endif %} {!Contact.FirstName} {{1}}";
        let found = find(text);
        let names: Vec<_> = found.iter().map(|f| (f.name, f.prints)).collect();
        assert_eq!(
            names,
            vec![
                (Some("ticket.requester.first_name"), true),
                (None, false),
                (Some("customer.firstName"), true),
                (None, false),
                (Some("Contact.FirstName"), true),
                (Some("1"), true),
            ]
        );
        assert!(is_name_variable("Contact.FirstName"));
        assert!(!is_name_variable("ticket.id"));
    }
}
