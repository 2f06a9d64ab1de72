//! `markup`: Markdown or HTML in a channel that does not render it, and
//! Markdown bold where WhatsApp expects its own syntax.

use super::{Context, Rule, Sink};
use crate::channel::Renders;
use crate::diagnostic::{Edit, Fix, Span};
use crate::text::is_name_char;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports Markdown or HTML on a channel that shows it as typed, and
    /// Markdown bold on WhatsApp, whose bold is `*bold*`.
    ///
    /// What counts depends on what the channel renders (its `renders`
    /// setting):
    /// - `plain` (SMS, X, app store and Google reviews, Facebook,
    ///   Instagram, Messenger): Markdown (`**bold**`, `__bold__`,
    ///   `~~struck~~`, `[text](https://…)`, `# heading`, code fences) and
    ///   HTML (`<b>`, `<br>`, `<a href>`, entities such as `&nbsp;` or
    ///   `&#39;`);
    /// - `whatsapp`: Markdown that is not WhatsApp's (`**bold**` and
    ///   `__bold__` for `*bold*`, `~~struck~~` for `~struck~`, links,
    ///   headings) and HTML;
    /// - `markdown` (live chat): HTML, except the line break `<br>`, which
    ///   Markdown passes through and chat widgets show as a line break;
    /// - `html` (email): Markdown, which an HTML e-mail shows as typed;
    /// - `any` (the `generic` channel): nothing.
    ///
    /// Only unambiguous syntax counts: single `*stars*` and `_underscores_`
    /// are how people emphasise in plain text, a `- ` list reads fine
    /// anywhere, `****1234` is a masked card, `<3` is a heart and
    /// `<ORDER NUMBER>` is a placeholder, not a tag (only real HTML tag
    /// names count). Markdown inside a link's address is not looked at.
    ///
    /// Fixes: on WhatsApp `**bold**` and `__bold__` become `*bold*` and
    /// `~~struck~~` becomes `~struck~`, safely; elsewhere the markers are removed, safely, and an
    /// HTML entity is replaced by its character, safely. A Markdown link
    /// becomes `text (url)` and an HTML tag is removed (`<br>` becomes a
    /// line break), unsafely: check the result reads well.
    ///
    /// ## Why is this bad?
    /// The customer sees the raw syntax: a tweet full of asterisks, an SMS
    /// with `<br>` in it, an e-mail with `[here](https://…)` instead of a
    /// link. It looks broken and machine-made.
    ///
    /// ## Example
    /// On `whatsapp`:
    /// ```text
    /// Your order has **shipped**! Track it [here](https://brand.com/t/1).
    /// ```
    /// Use instead:
    /// ```text
    /// Your order has *shipped*! Track it here: https://brand.com/t/1
    /// ```
    ///
    /// ## Options
    /// - `renders` (channel setting): `plain`, `markdown`, `html`,
    ///   `whatsapp` or `any`. Built-in: `email` renders `html`, `chat`
    ///   `markdown`, `whatsapp` and `whatsapp-template` `whatsapp`,
    ///   `generic` `any`, every other channel `plain`.
    pub struct Markup {
        id: "markup",
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for Markup {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let renders = cx.channel.renders;
        let channel = &cx.channel.id;
        let body = cx.body();
        for f in find(body, renders) {
            let what = f.kind.describe(&body[f.span.clone()]);
            let (message, help) = match (f.kind, renders) {
                (Kind::Emphasis(m), Renders::Whatsapp) => (
                    format!(
                        "{what} on `{channel}`, where it is written `{m}…{m}`",
                        m = m.whatsapp()
                    ),
                    format!("use single `{}` (the fix does)", m.whatsapp()),
                ),
                (_, Renders::Html) => (
                    format!(
                        "{what} is not rendered on `{channel}`, which renders HTML: it shows as typed"
                    ),
                    f.kind.help().to_owned(),
                ),
                _ => (
                    format!("{what} is not rendered on `{channel}`: it shows as typed"),
                    f.kind.help().to_owned(),
                ),
            };
            let d = sink.report(f.span.clone(), message).with_help(help);
            if let Some(fix) = f.fix {
                d.with_fix(fix);
            }
        }
    }
}

/// A Markdown emphasis marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Stars,
    Underscores,
    Tildes,
}

impl Marker {
    const fn markdown(self) -> &'static str {
        match self {
            Marker::Stars => "**",
            Marker::Underscores => "__",
            Marker::Tildes => "~~",
        }
    }

    /// WhatsApp's marker for the same emphasis: `**` and `__` are both
    /// Markdown bold, WhatsApp's `*`.
    const fn whatsapp(self) -> &'static str {
        match self {
            Marker::Stars | Marker::Underscores => "*",
            Marker::Tildes => "~",
        }
    }
}

/// What kind of markup was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Emphasis(Marker),
    Link,
    Heading,
    CodeFence,
    HtmlTag,
    HtmlEntity,
}

impl Kind {
    /// What was found; `text` is the markup itself.
    fn describe(self, text: &str) -> String {
        match self {
            Kind::Emphasis(Marker::Stars) => "Markdown bold `**…**`".to_owned(),
            Kind::Emphasis(Marker::Underscores) => "Markdown bold `__…__`".to_owned(),
            Kind::Emphasis(Marker::Tildes) => "Markdown strikethrough `~~…~~`".to_owned(),
            Kind::Link => "Markdown link `[…](…)`".to_owned(),
            Kind::Heading => "Markdown heading `#`".to_owned(),
            Kind::CodeFence => "Markdown code fence ```` ``` ````".to_owned(),
            Kind::HtmlTag => {
                let lower = text.to_ascii_lowercase();
                let slash = if lower.starts_with("</") { "/" } else { "" };
                format!("HTML tag `<{slash}{}>`", tag_name(&lower))
            }
            Kind::HtmlEntity => format!("HTML entity `{text}`"),
        }
    }

    fn help(self) -> &'static str {
        match self {
            Kind::Emphasis(_) => "remove the markers (the fix does)",
            Kind::Link => "write the address itself after the text",
            Kind::Heading => "write the heading as a plain line",
            Kind::CodeFence => "remove the fence",
            Kind::HtmlTag => "remove the tag; write a line break as a line break",
            Kind::HtmlEntity => "write the character itself (the fix does)",
        }
    }
}

/// One piece of markup in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    pub span: Range<usize>,
    pub fix: Option<Fix>,
}

static STARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^\s*](?:[^*\n]*[^\s*])?)\*\*").expect("valid bold regex"));
static UNDERSCORES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"__([^\s_](?:[^_\n]*[^\s_])?)__").expect("valid bold regex"));
static TILDES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"~~([^\s~](?:[^~\n]*[^\s~])?)~~").expect("valid strikethrough regex")
});
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"!?\[([^\[\]\n]+)\]\(((?:https?://|mailto:|tel:|www\.|/)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")
        .expect("valid Markdown link regex")
});
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^#{1,6}[ \t]+\S").expect("valid heading regex"));
static FENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]*```").expect("valid fence regex"));
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)</?(?:a|abbr|b|big|blockquote|br|center|code|div|em|font|h[1-6]|hr|i|img|li|ol|p|pre|s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)(?:\s+[a-z-]+(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'>]+))?)*\s*/?>"#,
    )
    .expect("valid HTML tag regex")
});
static HTML_ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
        .expect("valid HTML entity regex")
});
/// Addresses, where `__` and `~~` are just characters.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
        .expect("valid address regex")
});

/// Whether `text` may hold an [`ADDRESS`]: every address has `://`, `www.`
/// or `@`.
fn may_hold_address(text: &str) -> bool {
    text.contains(['/', '@']) || crate::text::contains_ignore_ascii_case(text, "www.")
}

/// The bytes every piece of markup has one of, each with its bit in
/// [`Bytes`].
static MARKUP_BYTES: [u8; 256] = {
    let mut bits = [0; 256];
    let all = [b']', b'*', b'_', b'~', b'#', b'`', b'<', b'&'];
    let mut i = 0;
    while i < all.len() {
        bits[all[i] as usize] = 1 << i;
        i += 1;
    }
    bits
};

/// Which of the [`MARKUP_BYTES`] a text has, found in one pass: most
/// replies have none, and each expression is left alone unless its bytes
/// are there.
#[derive(Clone, Copy)]
struct Bytes(u8);

impl Bytes {
    fn of(text: &str) -> Self {
        Bytes(
            text.bytes()
                .fold(0, |seen, b| seen | MARKUP_BYTES[usize::from(b)]),
        )
    }

    /// Whether the text has `byte`, one of the [`MARKUP_BYTES`].
    fn has(self, byte: u8) -> bool {
        let bit = MARKUP_BYTES[usize::from(byte)];
        debug_assert_ne!(bit, 0, "not a markup byte: {byte}");
        self.0 & bit != 0
    }
}

/// Whether a line of `text` starts with `#`, as every [`HEADING`] does
/// (`^` is a line's start, after a `\n`).
fn may_hold_heading(text: &str) -> bool {
    text.starts_with('#') || text.contains("\n#")
}

/// Whether `r` overlaps one of `sorted`: ranges sorted by start that do
/// not overlap each other. Logarithmic.
fn overlaps_any(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|s| s.start < r.end);
    i > 0 && sorted[i - 1].end > r.start
}

/// The lower-case name of a tag (`<a href=…>` → `a`, `</b>` → `b`).
fn tag_name(tag: &str) -> &str {
    let t = tag.trim_start_matches('<').trim_start_matches('/');
    let end = t
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(t.len());
    &t[..end]
}

/// Every piece of markup in `text` that a channel rendering `renders`
/// would show as typed.
pub fn find(text: &str, renders: Renders) -> Vec<Found> {
    let (markdown, html) = match renders {
        Renders::Plain => (true, true),
        Renders::Whatsapp => (true, true),
        Renders::Markdown => (false, true),
        Renders::Html => (true, false),
        Renders::Any => (false, false),
    };
    // Each expression runs only on a text that has the characters every
    // match of it has: most replies have no markup at all.
    // Found only when a candidate needs the check.
    let addresses: std::cell::OnceCell<Vec<Range<usize>>> = std::cell::OnceCell::new();
    let in_address = |r: &Range<usize>| {
        let addresses = addresses.get_or_init(|| {
            if may_hold_address(text) {
                ADDRESS.find_iter(text).map(|m| m.range()).collect()
            } else {
                Vec::new()
            }
        });
        overlaps_any(addresses, r)
    };
    let mut out: Vec<Found> = Vec::new();
    let bytes = Bytes::of(text);
    if markdown && bytes.has(b']') && text.contains("](") {
        for m in MD_LINK.captures_iter(text) {
            let (Some(all), Some(label), Some(url)) = (m.get(0), m.get(1), m.get(2)) else {
                continue;
            };
            out.push(Found {
                kind: Kind::Link,
                span: all.range(),
                fix: Some(Fix::unsafe_(vec![Edit::replace(
                    Span::from(all.range()),
                    format!("{} ({})", label.as_str(), url.as_str()),
                )])),
            });
        }
    }
    if markdown {
        for (marker, re) in [
            (Marker::Stars, &STARS),
            (Marker::Underscores, &UNDERSCORES),
            (Marker::Tildes, &TILDES),
        ] {
            let markdown = marker.markdown();
            if !bytes.has(markdown.as_bytes()[0]) || !text.contains(markdown) {
                continue;
            }
            for m in re.captures_iter(text) {
                let (Some(all), Some(inner)) = (m.get(0), m.get(1)) else {
                    continue;
                };
                let r = all.range();
                // `__` and `~~` inside a word (`snake__case__name`) or an
                // address are not emphasis.
                let before = text[..r.start].chars().next_back();
                let after = text[r.end..].chars().next();
                if marker != Marker::Stars
                    && (before.is_some_and(is_name_char) || after.is_some_and(is_name_char))
                {
                    continue;
                }
                // Markers inside a longer run of their character are not
                // emphasis: three or more tildes make no strikethrough
                // (GFM), and four or more stars are a mask or a divider
                // (`***x***` is still bold italic). "Fixing" them shortened
                // the run by one character a side per round, never
                // converging.
                let ch = marker.markdown().chars().next().expect("a marker");
                let extra_before = text[..r.start]
                    .chars()
                    .rev()
                    .take_while(|&c| c == ch)
                    .count();
                let extra_after = text[r.end..].chars().take_while(|&c| c == ch).count();
                let allowed = usize::from(marker == Marker::Stars);
                if extra_before > allowed || extra_after > allowed {
                    continue;
                }
                if in_address(&r) {
                    continue;
                }
                let with = if renders == Renders::Whatsapp {
                    marker.whatsapp()
                } else {
                    ""
                };
                let n = marker.markdown().len();
                let fix = Fix::safe(vec![
                    Edit::replace(Span::new(r.start, r.start + n), with),
                    Edit::replace(Span::new(inner.end(), r.end), with),
                ]);
                out.push(Found {
                    kind: Kind::Emphasis(marker),
                    span: r,
                    fix: Some(fix),
                });
            }
        }
        let headings = if bytes.has(b'#') && may_hold_heading(text) {
            HEADING.find_iter(text).collect()
        } else {
            Vec::new()
        };
        for m in headings {
            let hashes = m
                .as_str()
                .trim_end_matches(|c: char| !c.is_whitespace() && c != '#');
            let marker_end = m.start() + hashes.len();
            out.push(Found {
                kind: Kind::Heading,
                span: m.start()..m.start() + hashes.trim_end().len(),
                fix: Some(Fix::safe(vec![Edit::delete(Span::new(
                    m.start(),
                    marker_end,
                ))])),
            });
        }
        if renders != Renders::Whatsapp && bytes.has(b'`') && text.contains("```") {
            for m in FENCE.find_iter(text) {
                let start = m.end() - 3;
                out.push(Found {
                    kind: Kind::CodeFence,
                    span: start..m.end(),
                    fix: None,
                });
            }
        }
    }
    if html && bytes.has(b'<') {
        let tags: Vec<regex::Match<'_>> = HTML_TAG.find_iter(text).collect();
        // A closing tag that ends an element opened before it is reported
        // with the opening tag, whose fix removes both.
        let mut closer: Vec<Option<usize>> = vec![None; tags.len()];
        let mut is_closer = vec![false; tags.len()];
        let mut open: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, m) in tags.iter().enumerate() {
            let tag = m.as_str().to_ascii_lowercase();
            let name = tag_name(&tag).to_owned();
            if tag.starts_with("</") {
                if let Some(o) = open.get_mut(&name).and_then(Vec::pop) {
                    closer[o] = Some(i);
                    is_closer[i] = true;
                }
            } else {
                open.entry(name).or_default().push(i);
            }
        }
        for (i, m) in tags.iter().enumerate() {
            if is_closer[i] {
                continue;
            }
            let br = tag_name(&m.as_str().to_ascii_lowercase()) == "br";
            // Markdown passes a line break tag through as HTML (CommonMark
            // raw HTML), and the chat widgets that render Markdown show it
            // as a line break.
            if br && renders == Renders::Markdown {
                continue;
            }
            let mut edits = vec![Edit::replace(
                Span::from(m.range()),
                if br { "\n" } else { "" },
            )];
            if let Some(j) = closer[i] {
                edits.push(Edit::delete(Span::from(tags[j].range())));
            }
            out.push(Found {
                kind: Kind::HtmlTag,
                span: m.range(),
                fix: Some(Fix::unsafe_(edits)),
            });
        }
    }
    if html && bytes.has(b'&') {
        for m in HTML_ENTITY.find_iter(text) {
            let decoded = html_escape::decode_html_entities(m.as_str());
            if decoded == m.as_str() {
                continue; // not an entity HTML knows
            }
            out.push(Found {
                kind: Kind::HtmlEntity,
                span: m.range(),
                fix: Some(Fix::safe(vec![Edit::replace(
                    Span::from(m.range()),
                    decoded.into_owned(),
                )])),
            });
        }
    }
    // Emphasis inside a Markdown link is reported with the link.
    let links: Vec<Range<usize>> = out
        .iter()
        .filter(|f| f.kind == Kind::Link)
        .map(|f| f.span.clone())
        .collect();
    out.retain(|f| {
        let i = links.partition_point(|l| l.start <= f.span.start);
        f.kind == Kind::Link || i == 0 || links[i - 1].end < f.span.end
    });
    out.sort_by_key(|f| (f.span.start, f.span.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, renders: Renders) -> Vec<(Kind, &str)> {
        find(text, renders)
            .into_iter()
            .map(|f| (f.kind, &text[f.span]))
            .collect()
    }

    #[test]
    fn markdown_in_plain_text() {
        assert_eq!(
            found(
                "Your order has **shipped**! See [here](https://b.com/t).",
                Renders::Plain
            ),
            [
                (Kind::Emphasis(Marker::Stars), "**shipped**"),
                (Kind::Link, "[here](https://b.com/t)"),
            ]
        );
        assert_eq!(
            found("## Refund\n~~old~~ __new__", Renders::Plain),
            [
                (Kind::Heading, "##"),
                (Kind::Emphasis(Marker::Tildes), "~~old~~"),
                (Kind::Emphasis(Marker::Underscores), "__new__"),
            ]
        );
    }

    #[test]
    fn plain_text_conventions_are_fine() {
        for text in [
            "Card **** **** **** 1234 and ****1234",
            "I *really* mean it, _truly_",
            "- one\n- two\n* three",
            "#1 in service, #grazie",
            "x ** y ** z",
            "See https://b.com/a__b__c or www.b.com/~~x~~",
            "snake__case__name",
            "~~~~~~ 0 ~~~0~~~ ~~~~~~",
            "****.**** ****x** **x**** ****************.****************",
            "<3 <ORDER NUMBER> a < b > c",
            "AT&T; R&D",
        ] {
            assert!(
                found(text, Renders::Plain).is_empty(),
                "{text}: {:?}",
                found(text, Renders::Plain)
            );
        }
    }

    #[test]
    fn html_by_channel() {
        let text = "Hi<br>thanks &amp; <b>bye</b>";
        assert_eq!(found(text, Renders::Html), []);
        assert_eq!(
            found(text, Renders::Markdown),
            [
                (Kind::HtmlEntity, "&amp;"),
                (Kind::HtmlTag, "<b>"),
            ]
        );
        assert_eq!(found("**a**", Renders::Markdown), []);
        assert_eq!(found("**a** <b>x</b>", Renders::Any), []);
    }

    #[test]
    fn headings_start_a_line_with_a_hash() {
        for text in [
            "# a",
            "a\n# b",
            "a\r\n## b",
            "a\r# b",
            "a # b",
            " # a",
            "\u{2028}# a",
            "\u{85}# a",
            "a\n\n###### b",
        ] {
            assert!(
                may_hold_heading(text) || !HEADING.is_match(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn markup_bytes_are_seen() {
        let text = "a]b*c_d~e#f`g<h&";
        let bytes = Bytes::of(text);
        for b in *b"]*_~#`<&" {
            assert!(bytes.has(b), "{}", char::from(b));
            assert!(!Bytes::of("abc é 😀 \n").has(b), "{}", char::from(b));
        }
    }

    #[test]
    fn three_stars_are_bold_italic() {
        assert_eq!(
            found("a ***b*** c", Renders::Plain),
            [(Kind::Emphasis(Marker::Stars), "**b**")]
        );
    }

    #[test]
    fn whatsapp_bold_is_single_stars() {
        assert_eq!(found("*ok* _ok_ ~ok~ ```code```", Renders::Whatsapp), []);
        let f = find("Hi **Anna**", Renders::Whatsapp);
        assert_eq!(f.len(), 1);
        let edits = &f[0].fix.as_ref().unwrap().edits;
        assert_eq!(edits[0].content, "*");
        assert_eq!((edits[0].span.start, edits[0].span.end), (3, 5));
        assert_eq!((edits[1].span.start, edits[1].span.end), (9, 11));
    }
}
