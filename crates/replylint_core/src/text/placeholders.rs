//! Where a template's placeholders are, whatever the helpdesk: `{{name}}`
//! (Zendesk, Freshdesk, Intercom, Front, Gorgias, HubSpot, WhatsApp `{{1}}`),
//! `{%customer.firstName,fallback=there%}` (Help Scout), Liquid and Jinja
//! tags `{% if %}` (which print nothing), `{!Contact.FirstName}`
//! (Salesforce), `[[name]]` and `{$name}`; and what each one says: the
//! variable it prints, its filters and its fallback.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// How a placeholder is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `{{ … }}`: Liquid, Jinja, Handlebars-like and WhatsApp outputs.
    Braces,
    /// `{% … %}`: a Liquid or Jinja tag, or a Help Scout variable.
    Percent,
    /// `{! … }`: a Salesforce merge field.
    Bang,
    /// `[[ … ]]`.
    Brackets,
    /// `{$ … }`.
    Dollar,
}

/// One placeholder in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub range: Range<usize>,
    pub syntax: Syntax,
    /// What is written between the delimiters, trimmed (without Liquid's
    /// `-` whitespace control).
    pub inner: &'a str,
    /// The variable it prints (`ticket.requester.first_name`), if any.
    pub name: Option<&'a str>,
    /// Whether it prints something (`false` for tags like `{% if %}`).
    pub prints: bool,
    /// The text printed when the variable is empty (`| default: "there"`,
    /// `| fallback: "there"`, `,fallback=there`, `{!Contact.FirstName,
    /// there}`), if the placeholder gives one.
    pub fallback: Option<&'a str>,
}

impl<'a> Found<'a> {
    /// A tag's keyword (`if`, `endif`), or `None` for an output.
    pub fn tag(&self) -> Option<&'a str> {
        (!self.prints && self.syntax == Syntax::Percent)
            .then(|| self.inner.split_whitespace().next())
            .flatten()
    }

    /// The filters applied to an output (`{{ name | default: "x" |
    /// capitalize }}` → `default`, `capitalize`).
    pub fn filters(&self) -> Vec<&'a str> {
        if self.syntax != Syntax::Braces {
            return Vec::new();
        }
        split_pipes(self.inner)
            .into_iter()
            .skip(1)
            .map(|f| filter_name(f.trim()))
            .collect()
    }
}

/// A `{{…}}` output of any dialect, as an expression: one level of braces
/// may nest inside it, for the hash literals of Twig, Jinja and Liquid
/// (`{{ url('page', { 'id': order.id }) }}`).
pub const DOUBLE_BRACES: &str = r"\{\{(?:[^{}\n]|\{[^{}\n]*\})*\}\}";

static SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{\s*((?:[^{}\n]|\{[^{}\n]*\})*?)\s*\}\}|\{%-?\s*([^%\n]*?)\s*-?%\}|\{!\s*([^{}\n]*?)\s*\}|\[\[\s*([^\[\]\n]*?)\s*\]\]|\{\$\s*([^{}\n]*?)\s*\}")
        .expect("valid placeholder regex")
});

/// Every placeholder in `text`, in order.
pub fn find(text: &str) -> Vec<Found<'_>> {
    SYNTAX
        .captures_iter(text)
        .map(|c| {
            let whole = c.get(0).expect("match");
            let (group, inner) = (1..=5)
                .find_map(|i| c.get(i).map(|m| (i, m.as_str())))
                .unwrap_or((1, ""));
            let syntax = match group {
                1 => Syntax::Braces,
                2 => Syntax::Percent,
                3 => Syntax::Bang,
                4 => Syntax::Brackets,
                _ => Syntax::Dollar,
            };
            let first_word = inner.split_whitespace().next().unwrap_or("");
            let prints = !(syntax == Syntax::Percent && super::tags::is_tag(first_word));
            let (name, fallback) = if prints {
                name_and_fallback(syntax, inner)
            } else {
                (None, None)
            };
            Found {
                range: whole.range(),
                syntax,
                inner,
                name: name.filter(|n| !n.is_empty()),
                prints,
                fallback,
            }
        })
        .collect()
}

/// The variable an output prints and its fallback.
fn name_and_fallback(syntax: Syntax, inner: &str) -> (Option<&str>, Option<&str>) {
    match syntax {
        Syntax::Braces => {
            let pipes = split_pipes(inner);
            let name = pipes.first().map(|n| n.trim());
            // `name | fallback: "x"`, `name | default: "x"`, `name|default("x")`.
            let fallback = pipes.iter().skip(1).find_map(|f| {
                let f = f.trim();
                matches!(filter_name(f), "default" | "d" | "fallback")
                    .then(|| first_argument(&f[filter_name(f).len()..]))
                    .flatten()
            });
            (name, fallback)
        }
        // `customer.firstName,fallback=there`.
        Syntax::Percent => {
            let mut parts = inner.split(',');
            let name = parts.next().map(str::trim);
            let fallback = parts.find_map(|p| {
                p.trim()
                    .strip_prefix("fallback")
                    .and_then(|r| r.trim_start().strip_prefix('='))
                    .map(|v| unquote(v.trim()))
            });
            (name, fallback)
        }
        // `Contact.FirstName, Valued Customer` and what Salesforce saves it
        // as, `BLANKVALUE(Contact.FirstName, "Valued Customer")`.
        Syntax::Bang => {
            let call = inner
                .strip_prefix("BLANKVALUE(")
                .or_else(|| inner.strip_prefix("blankvalue("))
                .and_then(|r| r.strip_suffix(')'));
            let args = call.unwrap_or(inner);
            match args.split_once(',') {
                Some((name, fallback)) => (Some(name.trim()), Some(unquote(fallback.trim()))),
                None => (Some(args.trim()), None),
            }
        }
        Syntax::Brackets | Syntax::Dollar => (Some(inner.trim()), None),
    }
}

/// `inner` split on the `|` that separate filters (not those in quotes, nor
/// `||`).
fn split_pipes(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    let bytes = inner.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'|') if bytes.get(i + 1) != Some(&b'|') && (i == 0 || bytes[i - 1] != b'|') => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// The name of a filter written as `name: args`, `name(args)` or `name`.
fn filter_name(filter: &str) -> &str {
    let end = filter
        .find(|c: char| !super::is_name_char(c))
        .unwrap_or(filter.len());
    &filter[..end]
}

/// The first argument after a filter's name: `: "there"`, `("there")`.
fn first_argument(rest: &str) -> Option<&str> {
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix('('))?
        .trim_start();
    let arg = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let body = &rest[1..];
            &body[..body.find(q).unwrap_or(body.len())]
        }
        _ => rest
            .split([',', ')', ' '])
            .next()
            .unwrap_or_default()
            .trim(),
    };
    Some(arg)
}

/// `"there"` or `'there'` without its quotes; anything else as it is.
fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// Whether a variable holds a name (`first_name`, `firstName`,
/// `Contact.FirstName`, `name`), for worst-case lengths.
pub fn is_name_variable(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
    last.contains("name")
}

/// Path segments of a variable that hold someone or something other than
/// the customer: the agent, the brand, the company, dynamic content.
const NOT_THE_CUSTOMER: &[&str] = &[
    "dc",
    "brand",
    "company",
    "organization",
    "organisation",
    "group",
    "current_user",
    "currentuser",
    "agent",
    "assignee",
    "assignee_user",
    "helpdesk",
    "helpdesk_name",
    "account",
    "owner",
    "sender",
    "teammate",
    "product",
    "receiver",
    "mailbox",
    "inbox",
    "team",
    "department",
    "store",
    "shop",
    "site",
    "portal",
    "workspace",
    "business",
    "queue",
];

/// Whether a variable holds the customer's name (`ticket.requester.first_name`,
/// `customer.firstName`, `Contact.FirstName`, `user.name`), the variable a
/// greeting prints. The agent's name (`current_user.name`), a brand's or a
/// company's (`ticket.brand.name`) and dynamic content (`dc.name`) are
/// not; neither is `user.*` when `user_is_agent` (Front's `user` is the
/// teammate).
pub fn is_customer_name(name: &str, user_is_agent: bool) -> bool {
    let lower = name.to_ascii_lowercase();
    // `orders[0].name` → `orders`, `name`.
    let segments: Vec<&str> = lower
        .split('.')
        .map(|s| s.split('[').next().unwrap_or(s))
        .collect();
    let Some((last, parents)) = segments.split_last() else {
        return false;
    };
    let last = last.replace(['_', '-'], "");
    let is_person = match last.as_str() {
        "firstname" | "fullname" | "lastname" | "givenname" | "surname" => true,
        // A bare `name` is a person's only on a person (`user.name`,
        // `ticket.requester.name`), not on an order or a product.
        "name" => parents.last().is_none_or(|p| PEOPLE.contains(p)),
        _ => false,
    };
    is_person
        && !segments
            .iter()
            .any(|s| NOT_THE_CUSTOMER.contains(s) || (user_is_agent && *s == "user"))
}

/// What holds a person, whose `name` is a person's name.
const PEOPLE: &[&str] = &[
    "requester",
    "customer",
    "user",
    "contact",
    "recipient",
    "client",
    "visitor",
    "lead",
    "person",
    "submitter",
    "end_user",
    "profile",
];

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

    #[test]
    fn fallbacks_of_every_dialect() {
        let fallback = |t: &str| find(t).first().and_then(|f| f.fallback.map(str::to_owned));
        for (text, expected) in [
            (
                "{{ticket.requester.first_name | default: \"there\"}}",
                Some("there"),
            ),
            ("{{user.name | fallback: \"there\"}}", Some("there")),
            ("{{ contact.firstname|default('there') }}", Some("there")),
            ("{%customer.firstName,fallback=there%}", Some("there")),
            (
                "{!Contact.FirstName, Valued Customer}",
                Some("Valued Customer"),
            ),
            (
                "{!BLANKVALUE(Contact.FirstName, \"Valued Customer\")}",
                Some("Valued Customer"),
            ),
            ("{{ticket.requester.first_name | capitalize}}", None),
            ("{{a | date: \"%d | %m\"}}", None),
            ("{{1}}", None),
        ] {
            assert_eq!(fallback(text).as_deref(), expected, "{text}");
        }
        let f = &find("{!BLANKVALUE(Contact.FirstName, \"x\")}")[0];
        assert_eq!(f.name, Some("Contact.FirstName"));
        let f = &find("{{ a | date: \"%d | %m\" | upcase }}")[0];
        assert_eq!(f.filters(), vec!["date", "upcase"]);
        assert_eq!(f.name, Some("a"));
    }

    #[test]
    fn customer_names_are_not_agents_brands_or_content() {
        for name in [
            "ticket.requester.first_name",
            "ticket.requester.firstname",
            "customer.firstName",
            "Contact.FirstName",
            "user.name",
            "recipient.first_name",
            "contact.firstname",
            "ticket.customer.firstname",
        ] {
            assert!(is_customer_name(name, false), "{name}");
        }
        for name in [
            "dc.name",
            "current_user.name",
            "ticket.brand.name",
            "ticket.organization.name",
            "ticket.id",
            "ticket.assignee_user.name",
            "ticket.customer.integrations.shopify.orders[0].name",
            "order.name",
            "1",
        ] {
            assert!(!is_customer_name(name, false), "{name}");
        }
        assert!(!is_customer_name("user.first_name", true));
    }
}
