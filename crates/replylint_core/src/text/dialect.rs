//! Placeholder dialects: how each helpdesk writes a template's variables,
//! tags, filters and fallbacks, and which dialect a placeholder written in
//! another one belongs to.
//!
//! | dialect | variable | tags | filters | fallback |
//! |---|---|---|---|---|
//! | `zendesk` | `{{ticket.requester.first_name}}`, `{{dc.name}}` | Liquid | Liquid | `\| default: "there"` |
//! | `freshdesk` | `{{ticket.requester.firstname}}` | Liquid | Liquid | `\| default: "there"` |
//! | `helpscout` | `{%customer.firstName%}` | none | none | `,fallback=there` |
//! | `intercom` | `{{user.name}}` | none | `fallback` | `\| fallback: "there"` |
//! | `front` | `{{recipient.first_name}}` | none | none | none |
//! | `gorgias` | `{{ticket.customer.firstname}}` | Jinja | Jinja | `\|default("there")` |
//! | `salesforce` | `{!Contact.FirstName}` | none | none | `{!Contact.FirstName, there}` |
//! | `hubspot` | `{{ contact.firstname }}` | Jinja (HubL) | Jinja (HubL) | `\|default("there")` |
//! | `whatsapp` | `{{1}}` | none | none | none |

use super::placeholders::{Found, Syntax};
pub use super::tags::{Tags, is_tag};
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// A helpdesk's placeholder syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    Zendesk,
    Freshdesk,
    Helpscout,
    Intercom,
    Front,
    Gorgias,
    Salesforce,
    Hubspot,
    Whatsapp,
}

/// Liquid's standard filters.
const LIQUID_FILTERS: &[&str] = &[
    "abs",
    "append",
    "at_least",
    "at_most",
    "capitalize",
    "ceil",
    "compact",
    "concat",
    "date",
    "default",
    "divided_by",
    "downcase",
    "escape",
    "escape_once",
    "first",
    "floor",
    "join",
    "last",
    "lstrip",
    "map",
    "minus",
    "modulo",
    "newline_to_br",
    "plus",
    "prepend",
    "remove",
    "remove_first",
    "replace",
    "replace_first",
    "reverse",
    "round",
    "rstrip",
    "size",
    "slice",
    "sort",
    "sort_natural",
    "split",
    "strip",
    "strip_html",
    "strip_newlines",
    "times",
    "truncate",
    "truncatewords",
    "uniq",
    "upcase",
    "url_decode",
    "url_encode",
    "where",
];

/// Jinja's filters, with HubL's and Gorgias's additions.
const JINJA_FILTERS: &[&str] = &[
    "abs",
    "add",
    "attr",
    "batch",
    "bool",
    "capitalize",
    "center",
    "count",
    "cut",
    "d",
    "datetime_format",
    "datetimeformat",
    "default",
    "divide",
    "e",
    "escape",
    "first",
    "float",
    "format",
    "format_currency",
    "format_date",
    "format_datetime",
    "format_time",
    "indent",
    "int",
    "join",
    "last",
    "length",
    "lower",
    "map",
    "multiply",
    "replace",
    "reverse",
    "round",
    "safe",
    "slice",
    "sort",
    "split",
    "string",
    "striptags",
    "sum",
    "title",
    "trim",
    "truncate",
    "truncatehtml",
    "unique",
    "upper",
    "urldecode",
    "urlencode",
    "wordcount",
    "wordwrap",
];

/// Intercom's one filter.
const INTERCOM_FILTERS: &[&str] = &["fallback"];

/// Variable prefixes (or whole names) only one dialect writes.
const HINTS: &[(&str, Dialect)] = &[
    ("recipient.", Dialect::Front),
    ("contact.", Dialect::Hubspot),
    ("ticket.customer.", Dialect::Gorgias),
    ("ticket.requester.firstname", Dialect::Freshdesk),
    ("ticket.requester.lastname", Dialect::Freshdesk),
    ("ticket.requester.first_name", Dialect::Zendesk),
    ("ticket.requester.last_name", Dialect::Zendesk),
    ("dc.", Dialect::Zendesk),
];

impl Dialect {
    /// Every dialect, in the order the docs list them.
    pub const ALL: [Dialect; 9] = [
        Dialect::Zendesk,
        Dialect::Freshdesk,
        Dialect::Helpscout,
        Dialect::Intercom,
        Dialect::Front,
        Dialect::Gorgias,
        Dialect::Salesforce,
        Dialect::Hubspot,
        Dialect::Whatsapp,
    ];

    /// The name used in configuration (`zendesk`).
    pub const fn name(self) -> &'static str {
        match self {
            Dialect::Zendesk => "zendesk",
            Dialect::Freshdesk => "freshdesk",
            Dialect::Helpscout => "helpscout",
            Dialect::Intercom => "intercom",
            Dialect::Front => "front",
            Dialect::Gorgias => "gorgias",
            Dialect::Salesforce => "salesforce",
            Dialect::Hubspot => "hubspot",
            Dialect::Whatsapp => "whatsapp",
        }
    }

    /// "unknown placeholder dialect `zendsk` (did you mean `zendesk`?)".
    pub fn unknown(name: &str) -> String {
        crate::suggest::unknown(
            "placeholder dialect",
            name,
            Dialect::ALL.iter().map(|d| d.name()),
        )
    }

    /// A customer's first name, written in this dialect.
    pub const fn example(self) -> &'static str {
        match self {
            Dialect::Zendesk => "{{ticket.requester.first_name}}",
            Dialect::Freshdesk => "{{ticket.requester.firstname}}",
            Dialect::Helpscout => "{%customer.firstName%}",
            Dialect::Intercom => "{{user.first_name}}",
            Dialect::Front => "{{recipient.first_name}}",
            Dialect::Gorgias => "{{ticket.customer.firstname}}",
            Dialect::Salesforce => "{!Contact.FirstName}",
            Dialect::Hubspot => "{{ contact.firstname }}",
            Dialect::Whatsapp => "{{1}}",
        }
    }

    /// How a variable is written: `{{ }}`, `{% %}` or `{! }`.
    pub const fn syntax(self) -> Syntax {
        match self {
            Dialect::Helpscout => Syntax::Percent,
            Dialect::Salesforce => Syntax::Bang,
            _ => Syntax::Braces,
        }
    }

    /// The tags (`{% if %}`) the dialect has, if any.
    pub const fn tags(self) -> Option<Tags> {
        match self {
            Dialect::Zendesk | Dialect::Freshdesk => Some(Tags::Liquid),
            Dialect::Hubspot | Dialect::Gorgias => Some(Tags::Jinja),
            _ => None,
        }
    }

    /// The filters (`| default: "x"`) the dialect has; empty: none.
    pub const fn filters(self) -> &'static [&'static str] {
        match self {
            Dialect::Zendesk | Dialect::Freshdesk => LIQUID_FILTERS,
            Dialect::Hubspot | Dialect::Gorgias => JINJA_FILTERS,
            Dialect::Intercom => INTERCOM_FILTERS,
            _ => &[],
        }
    }

    /// A first name with a fallback, written in this dialect; `None` when
    /// the dialect has no fallback syntax.
    pub const fn with_fallback(self) -> Option<&'static str> {
        match self {
            Dialect::Zendesk => Some("{{ticket.requester.first_name | default: \"there\"}}"),
            Dialect::Freshdesk => Some("{{ticket.requester.firstname | default: \"there\"}}"),
            Dialect::Helpscout => Some("{%customer.firstName,fallback=there%}"),
            Dialect::Intercom => Some("{{user.first_name | fallback: \"there\"}}"),
            Dialect::Gorgias => Some("{{ticket.customer.firstname|default(\"there\")}}"),
            Dialect::Salesforce => Some("{!Contact.FirstName, there}"),
            Dialect::Hubspot => Some("{{ contact.firstname|default(\"there\") }}"),
            Dialect::Front | Dialect::Whatsapp => None,
        }
    }

    /// Whether `user.*` is the agent rather than the customer (Front).
    pub const fn user_is_agent(self) -> bool {
        matches!(self, Dialect::Front)
    }

    /// The dialect a placeholder is written in, when its syntax or its
    /// variable belongs to one dialect only (`{!Contact.FirstName}`:
    /// Salesforce; `{{1}}`: WhatsApp; `{{recipient.first_name}}`: Front).
    pub fn of(found: &Found<'_>) -> Option<Dialect> {
        match found.syntax {
            Syntax::Bang => Some(Dialect::Salesforce),
            Syntax::Percent if found.prints && is_helpscout_variable(found.inner) => {
                Some(Dialect::Helpscout)
            }
            Syntax::Braces => {
                let name = found.name?;
                if name.bytes().all(|b| b.is_ascii_digit()) {
                    return Some(Dialect::Whatsapp);
                }
                HINTS
                    .iter()
                    .find(|(prefix, _)| {
                        name.strip_prefix(prefix)
                            .is_some_and(|rest| prefix.ends_with('.') || rest.is_empty())
                    })
                    .map(|&(_, d)| d)
            }
            _ => None,
        }
    }
}

/// `customer.firstName` or `customer.firstName,fallback=there`: one
/// dotted name, no spaces.
fn is_helpscout_variable(inner: &str) -> bool {
    let name = inner.split(',').next().unwrap_or_default();
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_'))
}

/// Tags that open a block closed by `end` + the keyword.
const BLOCKS: &[&str] = &[
    "if", "unless", "for", "case", "capture", "comment", "raw", "tablerow", "macro", "call",
    "filter", "with", "block",
];

/// A mistake in the block structure of a template's tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockProblem {
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
}

/// The block structure of a template's tags: mistakes in it, and for each
/// placeholder whether it sits inside an `{% if %}` or `{% unless %}`
/// block (`guarded`) or inside `{% raw %}` or `{% comment %}`, where
/// nothing is a placeholder (`inert`).
#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub problems: Vec<BlockProblem>,
    pub guarded: Vec<bool>,
    pub inert: Vec<bool>,
}

/// Check that every block tag of `found` (placeholders of `body`) is
/// closed by its `end` tag, in order, and that `else`, `elsif` and
/// `when` sit inside a block that takes them.
pub fn structure(body: &str, found: &[Found<'_>]) -> Structure {
    let mut out = Structure {
        problems: Vec::new(),
        guarded: vec![false; found.len()],
        inert: vec![false; found.len()],
    };
    // Open blocks: keyword and the placeholder that opened it; how many
    // of each keyword are open (so that a stray closer is found without
    // scanning the stack), and how many of them are `if` or `unless`.
    let mut stack: Vec<(&str, usize)> = Vec::new();
    let mut open: HashMap<&str, usize> = HashMap::new();
    let mut guards = 0usize;
    let is_guard = |k: &str| matches!(k, "if" | "unless");
    let text = |i: usize| &body[found[i].range.clone()];
    for (i, f) in found.iter().enumerate() {
        // Inside `{% raw %}` or `{% comment %}` only its end tag counts.
        if let Some(&(open_kw @ ("raw" | "comment"), _)) = stack.last() {
            if f.tag().and_then(|t| t.strip_prefix("end")) == Some(open_kw) {
                stack.pop();
                *open.entry(open_kw).or_default() -= 1;
            } else {
                out.inert[i] = true;
            }
            continue;
        }
        let Some(tag) = f.tag() else {
            out.guarded[i] = guards > 0;
            continue;
        };
        if let Some(&kw) = BLOCKS.iter().find(|&&k| k == tag) {
            stack.push((kw, i));
            *open.entry(kw).or_default() += 1;
            guards += usize::from(is_guard(kw));
        } else if let Some(closes) = tag.strip_prefix("end").filter(|k| BLOCKS.contains(k)) {
            if open.get(closes).copied().unwrap_or(0) == 0 {
                out.problems.push(BlockProblem {
                    range: f.range.clone(),
                    message: format!(
                        "`{}` closes a `{{% {closes} %}}` block that was never opened",
                        text(i)
                    ),
                    help: format!("open the block with `{{% {closes} … %}}` or remove this tag"),
                });
                continue;
            }
            // Blocks opened after the one this tag closes were never
            // closed.
            while let Some((k, j)) = stack.pop() {
                *open.entry(k).or_default() -= 1;
                guards -= usize::from(is_guard(k));
                if k == closes {
                    break;
                }
                out.problems
                    .push(unclosed(text(j), k, found[j].range.clone()));
            }
        } else {
            let allowed: &[&str] = match tag {
                "else" => &["if", "unless", "for", "case"],
                "elsif" | "elif" => &["if", "unless"],
                "when" => &["case"],
                _ => continue,
            };
            if !stack.last().is_some_and(|(k, _)| allowed.contains(k)) {
                out.problems.push(BlockProblem {
                    range: f.range.clone(),
                    message: format!("`{}` is outside a `{{% {} %}}` block", text(i), allowed[0]),
                    help: format!(
                        "put it between `{{% {0} … %}}` and `{{% end{0} %}}`",
                        allowed[0]
                    ),
                });
            }
        }
    }
    for (k, j) in stack {
        out.problems
            .push(unclosed(text(j), k, found[j].range.clone()));
    }
    out.problems.sort_by_key(|p| p.range.start);
    out
}

fn unclosed(text: &str, keyword: &str, range: Range<usize>) -> BlockProblem {
    BlockProblem {
        range,
        message: format!("`{text}` is never closed: `{{% end{keyword} %}}` is missing"),
        help: format!("close the block with `{{% end{keyword} %}}`"),
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Dialect {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Dialect::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| Dialect::unknown(s))
    }
}

impl serde::Serialize for Dialect {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::placeholders::find;

    #[test]
    fn names_round_trip_and_typos_get_a_suggestion() {
        for d in Dialect::ALL {
            assert_eq!(d.name().parse::<Dialect>(), Ok(d));
        }
        assert_eq!("Zendesk".parse::<Dialect>(), Ok(Dialect::Zendesk));
        assert_eq!(
            "zendsk".parse::<Dialect>(),
            Err("unknown placeholder dialect `zendsk` (did you mean `zendesk`?)".to_owned())
        );
    }

    #[test]
    fn a_placeholder_tells_its_dialect_when_only_one_writes_it_so() {
        let of = |t: &str| Dialect::of(&find(t)[0]);
        assert_eq!(of("{!Contact.FirstName}"), Some(Dialect::Salesforce));
        assert_eq!(
            of("{%customer.firstName,fallback=there%}"),
            Some(Dialect::Helpscout)
        );
        assert_eq!(of("{{2}}"), Some(Dialect::Whatsapp));
        assert_eq!(of("{{recipient.first_name}}"), Some(Dialect::Front));
        assert_eq!(of("{{ contact.firstname }}"), Some(Dialect::Hubspot));
        assert_eq!(
            of("{{ticket.requester.firstname}}"),
            Some(Dialect::Freshdesk)
        );
        assert_eq!(
            of("{{ticket.requester.first_name}}"),
            Some(Dialect::Zendesk)
        );
        assert_eq!(of("{{ticket.requester.first_namex}}"), None);
        assert_eq!(of("{{ticket.id}}"), None);
        assert_eq!(of("{% if x %}"), None);
    }

    fn problems(body: &str) -> Vec<String> {
        let found = find(body);
        structure(body, &found)
            .problems
            .into_iter()
            .map(|p| format!("{}: {}", p.range.start, p.message))
            .collect()
    }

    #[test]
    fn blocks_must_close_in_order() {
        assert!(problems("{% if a %}x{% elsif b %}y{% else %}z{% endif %}").is_empty());
        assert!(problems("{% for x in y %}{% if x %}{{x}}{% endif %}{% endfor %}").is_empty());
        assert!(problems("{% raw %}{% if %}{% endraw %}").is_empty());
        assert_eq!(
            problems("{% if a %}x"),
            vec!["0: `{% if a %}` is never closed: `{% endif %}` is missing"]
        );
        assert_eq!(
            problems("x{% endif %}"),
            vec!["1: `{% endif %}` closes a `{% if %}` block that was never opened"]
        );
        assert_eq!(
            problems("{% for a in b %}{% if a %}{% endfor %}"),
            vec!["16: `{% if a %}` is never closed: `{% endif %}` is missing"]
        );
        assert_eq!(
            problems("a{% else %}b"),
            vec!["1: `{% else %}` is outside a `{% if %}` block"]
        );
    }

    #[test]
    fn outputs_inside_if_are_guarded() {
        let body = "Hi{% if n %} {{n}}{% endif %}, {{m}}";
        let found = find(body);
        let s = structure(body, &found);
        assert_eq!(s.guarded, vec![false, true, false, false]);
    }
}
