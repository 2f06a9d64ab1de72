//! Liquid and Jinja tag keywords (`{% if %}`, `{% elsif %}`, `{% set %}`):
//! which `{% … %}` print nothing. Below both [`super::placeholders`], which
//! needs them to tell a tag from a Help Scout variable, and
//! [`super::dialect`], which knows which helpdesk has which tags.

/// The tags a dialect has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tags {
    /// Liquid: `{% if %}`, `{% elsif %}`, `{% unless %}`, `{% case %}`…
    Liquid,
    /// Jinja (HubL, Gorgias): `{% if %}`, `{% elif %}`, `{% set %}`…
    Jinja,
}

/// Tags both Liquid and Jinja have.
const COMMON_TAGS: &[&str] = &[
    "if", "else", "endif", "for", "endfor", "raw", "endraw", "include", "cycle",
];

/// Tags only Liquid has.
const LIQUID_ONLY_TAGS: &[&str] = &[
    "elsif",
    "unless",
    "endunless",
    "case",
    "when",
    "endcase",
    "assign",
    "capture",
    "endcapture",
    "comment",
    "endcomment",
    "break",
    "continue",
    "increment",
    "decrement",
    "liquid",
    "render",
    "tablerow",
    "endtablerow",
];

/// Tags only Jinja (HubL, Gorgias) has.
const JINJA_ONLY_TAGS: &[&str] = &[
    "elif",
    "set",
    "endset",
    "macro",
    "endmacro",
    "call",
    "endcall",
    "filter",
    "endfilter",
    "with",
    "endwith",
    "block",
    "endblock",
    "import",
    "from",
    "do",
    "unless",
    "endunless",
];

impl Tags {
    /// Whether `keyword` is one of these tags.
    pub fn has(self, keyword: &str) -> bool {
        COMMON_TAGS.contains(&keyword)
            || match self {
                Tags::Liquid => LIQUID_ONLY_TAGS.contains(&keyword),
                Tags::Jinja => JINJA_ONLY_TAGS.contains(&keyword),
            }
    }

    /// Every tag keyword, for suggestions.
    pub fn all(self) -> impl Iterator<Item = &'static str> {
        let own = match self {
            Tags::Liquid => LIQUID_ONLY_TAGS,
            Tags::Jinja => JINJA_ONLY_TAGS,
        };
        COMMON_TAGS.iter().chain(own).copied()
    }
}

/// Whether `keyword` is a Liquid or Jinja (HubL) tag, of any dialect:
/// tags control output and print nothing themselves.
pub fn is_tag(keyword: &str) -> bool {
    Tags::Liquid.has(keyword) || Tags::Jinja.has(keyword)
}
