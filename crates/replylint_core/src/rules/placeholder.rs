//! `placeholder`: placeholders and fillers left in a reply.

use super::{Context, Rule, Sink};
use crate::analysis::tokens;
use crate::mode::Mode;
use crate::text::dialect::{self, Dialect};
use crate::text::placeholders::{self, Found, Syntax};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

crate::declare_rule! {
    /// ## What it does
    /// In `draft` mode, reports any placeholder or filler left in the text:
    /// helpdesk variables of every dialect (`{{ticket.requester.first_name}}`,
    /// `{{ contact.firstname }}`, `{%customer.firstName,fallback=there%}`,
    /// `{% if %}`, `{!Contact.FirstName}`, `{{1}}`, `[[name]]`, `{$name}`),
    /// format fields of programming languages (`{name}`, `{0}`,
    /// `%(name)s`, `%{name}`, `${name}`), fill-in markers (`[NAME]`,
    /// `<ORDER NUMBER>`, `%s`, `XXX`, blanks `___`) and fillers (`TODO`,
    /// `TBD`, `FIXME`, `lorem ipsum`). In `template` mode variables and
    /// fill-in markers are expected, and checked instead:
    ///
    /// - always: fillers (except inside an HTML comment `<!-- TODO: @user
    ///   -->`, which the customer never sees: it is the team's note to the
    ///   agent), empty variables (`{{ }}`), unbalanced delimiters
    ///   (a `{{` or `{%` never closed, a `}}` or `%}` never opened), and
    ///   Liquid/Jinja blocks: an `{% if %}` without its `{% endif %}`, an
    ///   `{% endif %}` without its `{% if %}`, an `{% else %}` outside a
    ///   block;
    /// - with `variables` set: a variable not in the list, with the
    ///   closest known name ("did you mean `ticket.requester.first_name`?");
    /// - with a placeholder dialect (`placeholder-dialect`, or recognised
    ///   from a helpdesk export): a placeholder written in another dialect
    ///   (`{!Contact.FirstName}` in a `zendesk` library, `{{1}}` outside
    ///   `whatsapp`), a filter the dialect does not have (`| fallbak:` in
    ///   `intercom`, `| fallback:` in `zendesk`, which writes `| default:`),
    ///   and a tag it does not have (`{% elif %}` in Liquid, any tag in
    ///   `intercom`);
    /// - in the `whatsapp` dialect (the `whatsapp-template` channel's), what
    ///   Meta rejects: variables numbered with gaps (`{{1}}` then `{{3}}`),
    ///   not starting at `{{1}}`, named rather than numbered, or at the very
    ///   start or end of the body, and any variable in the template's
    ///   footer (reported where the footer was written).
    ///
    /// A name in the greeting without a fallback is `placeholder-fallback`'s
    /// business.
    ///
    /// What counts as a marker or a filler, and what does not:
    /// - A fill-in marker is two or more capital letters (any script, with
    ///   digits, `_`, spaces, `.`, `-` or `/` between words) in square or
    ///   angle brackets: `[NAME]`, `[NÚMERO DE PEDIDO]`, `<ORDER_ID>`.
    ///   Not markers: a Markdown link text `[FAQ](https://…)` or
    ///   `[FAQ][1]`, footnotes `[1]`, a single letter `[A]`, lower-case or
    ///   mixed-case text `[sic]`, `<br>`, `<anna@example.com>`, `<3`, and
    ///   upper-case HTML tags such as `<BR>` or `<STRONG>` (the `markup`
    ///   rule's business).
    /// - `%s`, `%d` and `%1$s` are printf markers; `50%`, `50% di
    ///   sconto` and `20%di` (a percentage run into a word) are not.
    /// - `{{…}}` may hold one level of braces, as Twig, Jinja and Liquid
    ///   hash literals do (`{{ url('page', { 'id': order.id }) }}`).
    /// - A format field is an identifier or an index in single braces;
    ///   inside an inline code span (`` `git log {sha}` ``) it is code.
    /// - A blank is three or more `_` standing alone (`Hi ___,`); a line
    ///   of only underscores is a Markdown rule.
    /// - `XXX` is three or more `X` (or `x`) standing alone, reported once
    ///   with the groups that follow it (`XXX XXX XXXX`): `XXL` and `XXXL`
    ///   are sizes, and a masked number that ends in digits
    ///   (`XXXX-XXXX-XXXX-1234`) is not a filler.
    /// - `TODO`, `TBD` and `FIXME` are matched in capitals as whole words:
    ///   `todo`, `Todo bien`, `TODOS` and `TBDX` are not fillers. A word of
    ///   another writing system ends a word as a space does: `李明TODO`,
    ///   `مرحباTODO` and `สวัสดีTODO` have a filler, `xTODO` none. `TODO`
    ///   next to another word in capitals is Spanish or Portuguese
    ///   shouting (`GRACIAS POR TODO`) and is left to the `shouting` rule;
    ///   after an article or a possessive it names a thing (`a TODO list`).
    /// - `lorem ipsum` in any case.
    ///
    /// ## Why is this bad?
    /// A customer who reads "Hi {{ticket.requester.first_name}}" or "your
    /// order XXX" knows nobody read the reply before it was sent. In a
    /// canned response, a placeholder the helpdesk does not understand is
    /// sent as it is written, a misspelt variable prints nothing, an
    /// unclosed `{% if %}` swallows the rest of the reply, and Meta rejects
    /// a WhatsApp template whose variables are out of order or at its
    /// edges.
    ///
    /// ## Example
    /// ```text
    /// Hi {{ticket.requester.first_name}}, your refund for order [ORDER] is on its way.
    /// ```
    /// Use instead:
    /// ```text
    /// Hi Anna, your refund for order 48213 is on its way.
    /// ```
    /// or lint canned responses with `--mode template`. In a `zendesk`
    /// template:
    /// ```text
    /// Dear {!Contact.FirstName}, order {{ticket.id}} {% if ticket.status == "solved" %}is closed.
    /// ```
    /// Use instead:
    /// ```text
    /// Dear {{ticket.requester.first_name | default: "customer"}}, order {{ticket.id}} {% if ticket.status == "solved" %}is closed.{% endif %}
    /// ```
    ///
    /// ## Options
    /// - `mode` (front matter, `--mode`, config): `draft` or `template`.
    /// - `placeholder-dialect` (front matter or library field, `[[paths]]`,
    ///   channel setting, config): `zendesk`, `freshdesk`, `helpscout`,
    ///   `intercom`, `front`, `gorgias`, `salesforce`, `hubspot` or
    ///   `whatsapp`. Helpdesk exports are read in their helpdesk's dialect;
    ///   the `whatsapp-template` channel's is `whatsapp`. Unset: no
    ///   dialect-specific checks.
    /// - `variables` (`[[paths]]`, channel setting, config): the variables
    ///   templates may use. Unset: any.
    pub struct Placeholder {
        id: "placeholder",
        severity: Error,
        fix: None,
    }
}

/// What a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Helpdesk variable syntax: fine in a template.
    Variable,
    /// A masked number (`XXXX-XXXX-1234`): never reported, and keeps its
    /// X's from being taken for a filler.
    Masked,
    /// Never fine.
    Filler,
    /// A marker for a human to fill in: fine in a template.
    Marker,
    /// An opening `{{` or `{%` that is never closed.
    Unclosed,
    /// A closing `}}` or `%}` that was never opened.
    Unopened,
}

/// Letters, digits and `_` of a marker word: capitals only.
const CAPS_WORD: &str = r"[\p{Lu}\p{N}_]+";

/// One pattern of [`PATTERNS`]: compiled the first time a text could
/// match it, so that a draft without braces or capitals never pays for
/// the expressions it cannot match.
struct Pattern {
    kind: Kind,
    /// Text every match contains (ASCII case-insensitively when `fold`):
    /// without one of these, the text has no match.
    needs: &'static [&'static str],
    fold: bool,
    source: fn() -> String,
    regex: OnceLock<Regex>,
}

impl Pattern {
    const fn new(
        kind: Kind,
        needs: &'static [&'static str],
        fold: bool,
        source: fn() -> String,
    ) -> Self {
        Pattern {
            kind,
            needs,
            fold,
            source,
            regex: OnceLock::new(),
        }
    }

    /// The pattern's expression, unless `text` (whose bytes are `bytes`)
    /// cannot match it.
    fn for_text(&self, text: &str, bytes: &Bytes) -> Option<&Regex> {
        let has = |n: &&str| {
            let first = n.as_bytes()[0];
            let present = bytes.has(first)
                || (self.fold
                    && (bytes.has(first.to_ascii_lowercase())
                        || bytes.has(first.to_ascii_uppercase())));
            if !present {
                false
            } else if self.fold {
                crate::text::contains_ignore_ascii_case(text, n)
            } else {
                text.contains(n)
            }
        };
        self.needs.iter().any(has).then(|| {
            self.regex
                .get_or_init(|| Regex::new(&(self.source)()).expect("valid placeholder regex"))
        })
    }
}

/// The bytes a text has: most replies have no bracket, brace or percent
/// sign, and then most patterns need no scan at all.
struct Bytes([u64; 4]);

impl Bytes {
    fn of(text: &str) -> Self {
        let mut set = [0u64; 4];
        for b in text.bytes() {
            set[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        Bytes(set)
    }

    fn has(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

fn bracketed(open: &str, close: &str) -> String {
    format!(r"{open}\p{{Lu}}{CAPS_WORD}?(?:[ ._/-]+{CAPS_WORD})*{close}")
}

/// Patterns in priority order: a match overlapping an earlier one is
/// dropped.
static PATTERNS: [Pattern; 16] = [
    Pattern::new(Kind::Variable, &["{{"], false, || {
        crate::text::placeholders::DOUBLE_BRACES.to_owned()
    }),
    Pattern::new(Kind::Variable, &["{%"], false, || {
        r"\{%[^\n]*?%\}".to_owned()
    }),
    Pattern::new(Kind::Variable, &["{!"], false, || {
        r"\{![^{}\n]*\}".to_owned()
    }),
    Pattern::new(Kind::Variable, &["[["], false, || {
        r"\[\[[^\[\]\n]*\]\]".to_owned()
    }),
    Pattern::new(Kind::Variable, &["{$"], false, || {
        r"\{\$[^{}\n]*\}".to_owned()
    }),
    Pattern::new(Kind::Masked, &["xx"], true, || {
        r"(?-u:\b)(?:X{2,}|x{2,})(?:[ .-]?(?:X{2,}|x{2,}))*[ .-]?\d{2,}(?-u:\b)".to_owned()
    }),
    Pattern::new(Kind::Marker, &["xxx"], true, || {
        r"(?-u:\b)(?:X{3,}|x{3,})(?:[ .-](?:X{2,}|x{2,}))*(?-u:\b)".to_owned()
    }),
    Pattern::new(Kind::Filler, &["TODO", "TBD", "FIXME"], false, || {
        r"(?-u:\b)(?:TODO|TBD|FIXME)(?-u:\b)".to_owned()
    }),
    Pattern::new(Kind::Filler, &["lorem"], true, || {
        r"(?i:(?-u:\b)lorem ipsum(?-u:\b))".to_owned()
    }),
    Pattern::new(Kind::Marker, &["["], false, || bracketed(r"\[", r"\]")),
    Pattern::new(Kind::Marker, &["<"], false, || bracketed("<", ">")),
    Pattern::new(Kind::Marker, &["%"], false, || {
        r"%(?:\d+\$)?[sd](?-u:\b)".to_owned()
    }),
    // Blank fill-ins: `Hi ___,`.
    Pattern::new(Kind::Marker, &["___"], false, || r"_{3,}".to_owned()),
    // Format fields of programming languages' string formatting:
    // `{name}`, `{0}` (Python, C#, ICU), `%(name)s` (Python), `%{name}`
    // (Ruby), `${name}` (JavaScript, shell).
    Pattern::new(Kind::Variable, &["{", "%("], false, || {
        r"\$?\{(?:[A-Za-z_][A-Za-z0-9_.]*|\d+)\}|%\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]".to_owned()
    }),
    Pattern::new(Kind::Unclosed, &["{{", "{%"], false, || {
        r"\{\{|\{%".to_owned()
    }),
    Pattern::new(Kind::Unopened, &["}}", "%}"], false, || {
        r"\}\}|%\}".to_owned()
    }),
];

/// Upper-case HTML element names: `<BR>` is markup, not a marker.
const HTML_TAGS: &[&str] = &[
    "A",
    "ABBR",
    "B",
    "BIG",
    "BLOCKQUOTE",
    "BODY",
    "BR",
    "CENTER",
    "CODE",
    "DD",
    "DIV",
    "DL",
    "DT",
    "EM",
    "FONT",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "HEAD",
    "HR",
    "HTML",
    "I",
    "IMG",
    "LI",
    "OL",
    "P",
    "PRE",
    "S",
    "SMALL",
    "SPAN",
    "STRIKE",
    "STRONG",
    "SUB",
    "SUP",
    "TABLE",
    "TBODY",
    "TD",
    "TH",
    "THEAD",
    "TR",
    "TT",
    "U",
    "UL",
];

/// Filler words, which do not make a neighbouring `TODO` a shouted word.
const FILLERS: &[&str] = &["TODO", "TBD", "FIXME"];

/// Words before a noun: `a TODO list` names a kind of list, it is not a
/// gap left to fill.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "your", "my", "our", "this", "that", "each", "every", "any",
];

/// Whether the match at `range` is not what its pattern looks for.
fn is_false_positive(kind: Kind, body: &str, range: &Range<usize>) -> bool {
    let text = &body[range.clone()];
    match kind {
        // A Markdown rule (`___` alone on a line), or underscores inside
        // a word or an identifier (`snake___case`).
        Kind::Marker if text.starts_with('_') => {
            let line_start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = body[range.end..].find('\n').map_or(body.len(), |i| range.end + i);
            body[line_start..line_end].trim().chars().all(|c| c == '_')
                || body[..range.start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                || body[range.end..].chars().next().is_some_and(char::is_alphanumeric)
        }
        // Format fields in code (`git log {sha}`), and braces in
        // ordinary prose that hold words (`{see below}`) are left alone:
        // only an identifier or index in braces is a field.
        // A brace doubled on either side is a broken `{{…}}`, which the
        // delimiter checks report.
        Kind::Variable if !text.starts_with("{{") && !text.starts_with("{%") => {
            crate::text::in_code_span(body, range.start)
                || body[..range.start].ends_with('{')
                || body[range.end..].starts_with('}')
        }
        Kind::Marker if text.starts_with('[') => {
            // Markdown link text: `[FAQ](…)`, `[FAQ][1]`.
            body[range.end..].starts_with(['(', '['])
                || text.chars().filter(|c| c.is_uppercase()).count() < 2
        }
        Kind::Marker if text.starts_with('<') => {
            let inner = &text[1..text.len() - 1];
            HTML_TAGS.contains(&inner) || text.chars().filter(|c| c.is_uppercase()).count() < 2
        }
        // `50%d`: a percentage run into a word, not a printf marker.
        Kind::Marker if text.starts_with('%') => body[..range.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit()),
        Kind::Filler if text == "TODO" => {
            let before = word_before(body, range.start);
            is_shouted(before)
                || is_shouted(word_after(body, range.end))
                || DETERMINERS
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(before))
        }
        _ => false,
    }
}

/// The word just before `at` on the same line, separated by spaces only.
fn word_before(body: &str, at: usize) -> &str {
    let head = body[..at].trim_end_matches([' ', '\u{a0}']);
    if head.len() == at {
        return "";
    }
    tokens::trailing_alphanumerics(head)
}

/// The word just after `at` on the same line, separated by spaces only.
fn word_after(body: &str, at: usize) -> &str {
    let tail = body[at..].trim_start_matches([' ', '\u{a0}']);
    if tail.len() == body.len() - at {
        return "";
    }
    tokens::leading_alphanumerics(tail)
}

/// A word of two or more letters, all capitals, that is not a filler.
/// Letters of a script without case (`李明`, `مرحبا`) are no capitals.
fn is_shouted(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2
        && word
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
        && !FILLERS.contains(&word)
}

/// Whether a variable has nothing between its delimiters (`{{ }}`).
fn is_empty_variable(text: &str) -> bool {
    let inner = match text.get(..2) {
        Some("{!" | "{$") => text.get(2..text.len() - 1),
        Some("{{" | "{%" | "[[") => text.get(2..text.len().saturating_sub(2)),
        // A format field always names something.
        _ => return false,
    };
    inner.unwrap_or_default().trim().is_empty()
}

impl Rule for Placeholder {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        let template = cx.mode == Mode::Template;
        // What earlier patterns matched, start → end, never overlapping.
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        // Lines with an unclosed opener: a closer there is the same mistake.
        let mut unclosed_lines: BTreeSet<usize> = BTreeSet::new();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of = |at: usize| line_starts.partition_point(|&s| s <= at);
        let bytes = Bytes::of(body);
        let comments: Vec<Range<usize>> = if template {
            crate::text::html_comments(body).map(|c| c.range).collect()
        } else {
            Vec::new()
        };
        for pattern in &PATTERNS {
            let Some(re) = pattern.for_text(body, &bytes) else {
                continue;
            };
            let kind = &pattern.kind;
            for m in re.find_iter(body) {
                let range = m.range();
                let overlaps = taken
                    .range(..range.end)
                    .next_back()
                    .is_some_and(|(_, &end)| end > range.start);
                // The patterns' `(?-u:\b)` finds the candidates (a letter
                // outside ASCII is no word character there, so `李明TODO`
                // and `caféTODO` both have one); the one definition of a
                // word boundary decides.
                let on_boundaries =
                    tokens::is_boundary(body, range.start) && tokens::is_boundary(body, range.end);
                if overlaps || !on_boundaries || is_false_positive(*kind, body, &range) {
                    continue;
                }
                taken.insert(range.start, range.end);
                let text = &body[range.clone()];
                let (message, help) = match kind {
                    Kind::Masked => continue,
                    // A comment is the team's note to the agent: the
                    // customer never sees it.
                    Kind::Filler | Kind::Marker
                        if template && comments.iter().any(|c| c.contains(&range.start)) =>
                    {
                        continue;
                    }
                    Kind::Variable if template && is_empty_variable(text) => (
                        format!("empty placeholder `{text}`"),
                        "name the variable, or remove the placeholder",
                    ),
                    Kind::Variable | Kind::Marker if template => continue,
                    Kind::Variable => (
                        format!("placeholder `{text}` left in a draft"),
                        "replace it with the real value, or check canned responses with `--mode template`",
                    ),
                    Kind::Marker => (
                        format!("fill-in marker `{text}` left in a draft"),
                        "replace it with the real value before sending",
                    ),
                    Kind::Filler => (
                        format!("filler `{text}` left in the reply"),
                        "write the missing text",
                    ),
                    Kind::Unclosed => {
                        unclosed_lines.insert(line_of(range.start));
                        (
                            format!("`{text}` opens a placeholder that is never closed"),
                            "close it (`}}` or `%}`) or remove it",
                        )
                    }
                    Kind::Unopened if unclosed_lines.contains(&line_of(range.start)) => continue,
                    Kind::Unopened => (
                        format!("`{text}` closes a placeholder that was never opened"),
                        "open it (`{{` or `{%`) or remove it",
                    ),
                };
                sink.report(range, message).with_help(help);
            }
        }
        if template {
            let (dialect, variables) = cx.templating();
            check_template(body, dialect, variables, sink);
            if dialect == Some(Dialect::Whatsapp)
                && let Some(footer) = &cx.reply.meta.footer
            {
                check_footer(&footer.text, sink);
            }
        }
    }
}

/// A problem found in a template: where, what, what to do.
type Problem = (Range<usize>, String, String);

/// The template checks: blocks, dialect, variables, WhatsApp numbering.
fn check_template(
    body: &str,
    dialect: Option<Dialect>,
    variables: Option<&[String]>,
    sink: &mut Sink,
) {
    let found = placeholders::find(body);
    if found.is_empty() {
        return;
    }
    let mut problems: Vec<Problem> = Vec::new();
    let locals = local_names(&found);
    // Block structure, unless the dialect has no tags at all (then every
    // tag is reported below).
    let structure = dialect::structure(body, &found);
    if dialect.is_none_or(|d| d.tags().is_some()) {
        problems.extend(
            structure
                .problems
                .iter()
                .map(|p| (p.range.clone(), p.message.clone(), p.help.clone())),
        );
    }
    for (i, f) in found.iter().enumerate() {
        if structure.inert[i] {
            continue;
        }
        let text = &body[f.range.clone()];
        let known = f
            .name
            .is_some_and(|n| variables.is_some_and(|v| v.iter().any(|k| k == n)));
        if let Some(d) = dialect
            && let Some(p) = dialect_problem(d, f, text, known)
        {
            problems.push(p);
            continue;
        }
        if let (Some(vars), Some(name)) = (variables, f.name)
            && f.prints
            && !known
            && dialect != Some(Dialect::Whatsapp)
            && is_variable_name(name)
            && !locals.contains(&root(name))
        {
            let message = match crate::suggest::closest(name, vars.iter().map(String::as_str)) {
                Some(near) => format!("unknown variable `{name}` (did you mean `{near}`?)"),
                None => format!("unknown variable `{name}`: it is not in `variables`"),
            };
            problems.push((
                f.range.clone(),
                message,
                "use one of the configured `variables`, or add it to the list in the configuration"
                    .to_owned(),
            ));
        }
    }
    if dialect == Some(Dialect::Whatsapp) {
        problems.extend(whatsapp_problems(body, &found, &structure.inert));
    }
    problems.sort_by_key(|p| p.0.start);
    for (range, message, help) in problems {
        sink.report(range, message).with_help(help);
    }
}

/// Names a template defines itself, which `variables` does not list: loop
/// variables (`{% for item in order.items %}`), assignments (`{% assign
/// total = … %}`, `{% set total = … %}`, `{% capture note %}`), and
/// Liquid's `forloop` and Jinja's `loop`.
fn local_names<'a>(found: &[Found<'a>]) -> HashSet<&'a str> {
    let mut names = HashSet::from(["forloop", "loop"]);
    for f in found {
        let mut words = f.inner.split_whitespace();
        if let (
            Some("for" | "tablerow" | "assign" | "set" | "capture" | "increment" | "decrement"),
            Some(name),
        ) = (words.next(), words.next())
        {
            names.insert(name.split(['=', ',']).next().unwrap_or(name));
        }
    }
    names
}

/// The first segment of a variable (`order` of `order.items[0].name`).
fn root(name: &str) -> &str {
    name.split(['.', '[']).next().unwrap_or(name)
}

/// Whether a printed expression is a variable (`ticket.id`,
/// `orders[0].name`), not a literal (`"text"`, `42`) or a formula
/// (`IF(Contact.FirstName = "", …)`).
fn is_variable_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '[' | ']'))
}

/// What is wrong with placeholder `f` (written `text`) in dialect `d`;
/// a `known` variable (one of `variables`) is not taken for another
/// dialect's when it is written in `d`'s syntax.
fn dialect_problem(d: Dialect, f: &Found<'_>, text: &str, known: bool) -> Option<Problem> {
    let other = Dialect::of(f).filter(|&o| o != d && !known);
    let foreign = |what: String| {
        (
            f.range.clone(),
            what,
            format!(
                "write it the `{d}` way (`{}`), or set `placeholder-dialect` to the dialect it is written in",
                d.example()
            ),
        )
    };
    // A tag in a dialect without tags (Help Scout writes its variables
    // between `{%` and `%}`, but has no tags).
    if let Some(tag) = f.tag() {
        let Some(tags) = d.tags() else {
            return Some((
                f.range.clone(),
                format!("`{text}`: `{d}` templates have no `{{% {tag} %}}` tags"),
                "remove the tag, or set `placeholder-dialect` to a dialect with Liquid or Jinja tags (`zendesk`, `freshdesk`, `hubspot`, `gorgias`)"
                    .to_owned(),
            ));
        };
        if tags.has(tag) {
            return None;
        }
        let message = match crate::suggest::closest(tag, tags.all()) {
            Some(near) => format!("`{text}`: `{d}` has no `{tag}` tag (did you mean `{near}`?)"),
            None => format!("`{text}`: `{d}` has no `{tag}` tag"),
        };
        return Some((
            f.range.clone(),
            message,
            "use one of the dialect's tags".to_owned(),
        ));
    }
    let syntax_ok = f.syntax == d.syntax() || (f.syntax == Syntax::Percent && d.tags().is_some());
    if !syntax_ok || other.is_some() {
        return Some(foreign(match other {
            Some(o) => format!(
                "`{text}` is a `{o}` placeholder, but this reply's placeholder dialect is `{d}`"
            ),
            None => format!("`{text}` is not a `{d}` placeholder"),
        }));
    }
    if f.syntax == Syntax::Percent && !f.prints {
        return None;
    }
    // `{% iff x %}` in a dialect with tags: a misspelt tag, not a variable.
    if f.syntax == Syntax::Percent && d != Dialect::Helpscout {
        let word = f.inner.split_whitespace().next().unwrap_or_default();
        let tags = d.tags()?;
        let message = match crate::suggest::closest(word, tags.all()) {
            Some(near) => format!("`{text}`: unknown tag `{word}` (did you mean `{near}`?)"),
            None => format!("`{text}`: unknown tag `{word}`"),
        };
        return Some((
            f.range.clone(),
            message,
            "use one of the dialect's tags".to_owned(),
        ));
    }
    if d == Dialect::Whatsapp
        && !f
            .name
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some((
            f.range.clone(),
            format!(
                "`{text}` is not a WhatsApp template variable: they are numbered `{{{{1}}}}`, `{{{{2}}}}`…"
            ),
            "number the variables and pass their values when the template is sent".to_owned(),
        ));
    }
    let allowed = d.filters();
    for filter in f.filters() {
        if allowed.contains(&filter) {
            continue;
        }
        let message = if allowed.is_empty() {
            format!("`{text}`: `{d}` placeholders take no filters (`| {filter}`)")
        } else {
            match crate::suggest::closest(filter, allowed.iter().copied()) {
                Some(near) => format!(
                    "`{text}`: unknown filter `{filter}` for `{d}` (did you mean `{near}`?)"
                ),
                None => format!("`{text}`: unknown filter `{filter}` for `{d}`"),
            }
        };
        let help = match (filter, d.with_fallback()) {
            ("default" | "fallback" | "d", Some(example)) => {
                format!("a fallback is written `{example}` in `{d}`")
            }
            _ if allowed.is_empty() => "remove the filter".to_owned(),
            _ => "use one of the dialect's filters, or remove it".to_owned(),
        };
        return Some((f.range.clone(), message, help));
    }
    None
}

/// A WhatsApp template's footer is plain text: Meta rejects a variable in
/// it.
fn check_footer(footer: &str, sink: &mut Sink) {
    for f in placeholders::find(footer) {
        let text = &footer[f.range.clone()];
        sink.report(
            f.range.clone(),
            format!("variable `{text}` in the footer of a WhatsApp template"),
        )
        .in_part(crate::diagnostic::Part::Footer)
        .with_help(
            "Meta rejects the template: the footer cannot have variables; move it to the body",
        );
    }
}

/// What Meta rejects in a WhatsApp template body: numbered variables with
/// gaps, not from `{{1}}`, or at the very start or end.
fn whatsapp_problems(body: &str, found: &[Found<'_>], inert: &[bool]) -> Vec<Problem> {
    let help = "Meta rejects the template: number the variables {{1}}, {{2}}, {{3}}… in order";
    let numbered: Vec<(&Found<'_>, u32)> = found
        .iter()
        .zip(inert)
        .filter(|(f, inert)| !**inert && f.syntax == Syntax::Braces)
        .filter_map(|(f, _)| Some((f, f.name?.parse::<u32>().ok()?)))
        .collect();
    let mut out = Vec::new();
    let present: BTreeSet<u32> = numbered.iter().map(|&(_, n)| n).collect();
    // The first number from 1 on that no variable has.
    let missing = (1..).zip(present.range(1..)).find(|(m, n)| m != *n).map_or(
        u32::try_from(present.range(1..).count()).map_or(u32::MAX, |c| c.saturating_add(1)),
        |(m, _)| m,
    );
    let mut reported: BTreeSet<u32> = BTreeSet::new();
    for &(f, n) in &numbered {
        if !reported.insert(n) {
            continue;
        }
        let text = &body[f.range.clone()];
        if n == 0 {
            out.push((
                f.range.clone(),
                "`{{0}}`: WhatsApp template variables are numbered from `{{1}}`".to_owned(),
                help.to_owned(),
            ));
        } else if n > missing {
            out.push((
                f.range.clone(),
                format!("`{text}` skips `{{{{{missing}}}}}`: WhatsApp template variables are numbered without gaps"),
                help.to_owned(),
            ));
        }
    }
    let trimmed_start = body.len() - body.trim_start().len();
    let trimmed_end = body.trim_end().len();
    for &(f, _) in &numbered {
        if f.range.start == trimmed_start {
            out.push((
                f.range.clone(),
                format!(
                    "a WhatsApp template cannot start with a variable (`{}`)",
                    &body[f.range.clone()]
                ),
                "Meta rejects the template: put some text before the first variable".to_owned(),
            ));
        }
        if f.range.end == trimmed_end {
            out.push((
                f.range.clone(),
                format!("a WhatsApp template cannot end with a variable (`{}`)", &body[f.range.clone()]),
                "Meta rejects the template: put some text, even a full stop, after the last variable".to_owned(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loop_variables_and_assignments_are_local_names() {
        let found = placeholders::find(
            "{% for item in order.items %}{% assign total=1 %}{% set n = 2 %}{% capture note %}",
        );
        let mut names: Vec<&str> = local_names(&found).into_iter().collect();
        names.sort_unstable();
        assert_eq!(names, ["forloop", "item", "loop", "n", "note", "total"]);
        assert_eq!(root("item.name"), "item");
        assert_eq!(root("items[0].name"), "items");
    }

    #[test]
    fn variables_are_names_not_literals_or_formulas() {
        for name in ["ticket.id", "orders[0].name", "_x", "Contact.FirstName"] {
            assert!(is_variable_name(name), "{name}");
        }
        for name in ["\"text\"", "42", "IF(Contact.FirstName=\"\"", "iff x", ""] {
            assert!(!is_variable_name(name), "{name}");
        }
    }

    #[test]
    fn empty_variables() {
        for empty in ["{{}}", "{{ }}", "{%  %}", "{!}", "{$ }", "[[]]"] {
            assert!(is_empty_variable(empty), "{empty}");
        }
        for full in [
            "{{1}}",
            "{% if x %}",
            "{!Contact.FirstName}",
            "{$name}",
            "[[name]]",
        ] {
            assert!(!is_empty_variable(full), "{full}");
        }
    }

    #[test]
    fn neighbouring_words() {
        let s = "POR TODO!";
        assert_eq!(word_before(s, 4), "POR");
        assert_eq!(word_after(s, 8), "");
        let s = "TODO: EL";
        assert_eq!(word_after(s, 4), "");
        let s = "x TODO EL";
        assert_eq!(word_after(s, 6), "EL");
        assert_eq!(word_before(s, 2), "x");
    }
}
