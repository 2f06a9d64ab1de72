//! Translation groups: replies that are the same macro in several
//! languages, and the two rules on them, `missing-translation` and
//! `translation-drift`.
//!
//! A reply belongs to a group when
//!
//! 1. it says so: `group = "refund"`, or `translation-of = "refund"` (the
//!    reply whose id is `refund` is then in the group too, as its source);
//! 2. its id ends in a language: `refund-it`, `refund_en`, `refund.pt-BR`;
//! 3. its file is in a language folder (`it/refund.md`, `en/refund.md`,
//!    `locales/pt_BR/macros.toml` with the reply's id), or its file name
//!    ends in a language (`refund.it.md`, `refund_de.txt`).
//!
//! Replies in no group are in no translation check.

use super::{
    BodySpan, Finding, Involved, LibraryOptions, MISSING_TRANSLATION, Profile, RULES,
    TRANSLATION_DRIFT,
};
use crate::analysis::facts::{Fact, FactKind};
use crate::analysis::tokens::Kind;
use crate::lang::Language;
use crate::reply::Reply;
use crate::rules::Context;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// The group a reply belongs to, and the language the group's evidence
/// gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GroupKey {
    /// Equal for every reply of the group.
    pub key: String,
    /// The group's name in messages: the macro's id without its language,
    /// or the file's path with `*` for the language.
    pub name: String,
    /// The language the id, folder or file name gives the reply.
    pub language: Option<Language>,
    /// Whether the reply said it translates another (`translation-of`).
    pub translation: bool,
}

/// A language tag as written in an id, folder or file name: `it`, `EN`,
/// `pt-BR`, `pt_br`, `de-DE`.
fn language_tag(tag: &str) -> Option<Language> {
    let primary = match tag.split_once(['-', '_']) {
        Some((primary, region)) if (2..=3).contains(&region.len()) => primary,
        Some(_) => return None,
        None => tag,
    };
    if primary.len() != 2 {
        return None;
    }
    primary.parse().ok()
}

/// `name` split into what comes before a final language tag and the
/// language: `refund-it` → (`refund`, it), `refund.pt-BR` → (`refund`,
/// pt).
fn split_language(name: &str) -> Option<(&str, Language)> {
    // A tag of one part (`-it`) or two (`-pt-BR`, `_en_GB`).
    let seps = |c: char| matches!(c, '-' | '_' | '.');
    let last = name.rfind(seps);
    let before = last.and_then(|i| name[..i].rfind(seps));
    for i in [before, last].into_iter().flatten() {
        let (base, tag) = (&name[..i], &name[i + 1..]);
        if base.is_empty() {
            continue;
        }
        if let Some(language) = language_tag(tag) {
            return Some((base, language));
        }
    }
    None
}

/// The group `reply` belongs to, if any; `path` is its file's.
pub fn group_key(reply: &Reply, path: Option<&Path>) -> Option<GroupKey> {
    let meta = &reply.meta;
    let explicit = meta
        .group
        .as_ref()
        .map(|g| (g, false))
        .or(meta.translation_of.as_ref().map(|g| (g, true)));
    if let Some((group, translation)) = explicit {
        return Some(GroupKey {
            key: format!("={group}"),
            name: group.clone(),
            language: None,
            translation,
        });
    }
    if let Some(id) = &meta.id
        && let Some((base, language)) = split_language(id)
    {
        return Some(GroupKey {
            key: format!("={base}"),
            name: base.to_owned(),
            language: Some(language),
            translation: false,
        });
    }
    path.and_then(|p| path_key(p, meta.id.as_deref()))
}

/// The group a file's place gives: a language folder in its path, or a
/// language at the end of its file name. In a library file, the reply's
/// id tells its replies apart (without one, no group).
fn path_key(path: &Path, id: Option<&str>) -> Option<GroupKey> {
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    let (file, folders) = parts.split_last()?;
    let (stem, extension) = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (*file, None),
    };
    let folder = folders
        .iter()
        .rposition(|f| language_tag(f).is_some())
        .map(|i| (i, language_tag(folders[i])));
    let (mut shown, language) = if let Some((i, language)) = folder {
        let mut shown = folders.to_vec();
        shown[i] = "*";
        shown.push(file);
        (shown.join("/"), language)
    } else {
        let (base, language) = split_language(stem)?;
        let mut shown = folders.to_vec();
        let file = match extension {
            Some(ext) => format!("{base}.*.{ext}"),
            None => format!("{base}.*"),
        };
        shown.push(&file);
        (shown.join("/"), Some(language))
    };
    let library = matches!(
        extension,
        Some("toml" | "csv" | "tsv" | "jsonl" | "ndjson" | "json")
    );
    if library {
        shown = format!("{shown}#{}", id?);
    }
    Some(GroupKey {
        key: format!("/{shown}"),
        name: shown,
        language,
        translation: false,
    })
}

/// What a translation must keep of its source: placeholders, links and
/// numbers, each where the reply has it.
#[derive(Debug, Clone)]
pub struct Content<L> {
    /// Whether the reply is a template (`mode = "template"`).
    pub template: bool,
    /// `(as compared, where)`: placeholders without white space inside
    /// their braces (`{{ name }}` is `{{name}}`).
    pub placeholders: Vec<(String, L)>,
    /// Links without scheme, `www.`, language path segments or query.
    pub links: Vec<(String, L)>,
    /// Numbers of two digits or more (their runs of digits, zeros alone
    /// apart): `1.000,50` and `1,000.50` both give `1` and `50`.
    pub numbers: Vec<(String, L)>,
}

impl<L> Content<L> {
    pub fn map<M>(self, mut f: impl FnMut(L) -> M) -> Content<M> {
        let mut each = |v: Vec<(String, L)>| v.into_iter().map(|(s, l)| (s, f(l))).collect();
        Content {
            template: self.template,
            placeholders: each(self.placeholders),
            links: each(self.links),
            numbers: each(self.numbers),
        }
    }
}

impl Content<BodySpan> {
    /// The placeholders, links and numbers of the reply `cx` lints.
    pub fn of(cx: &Context<'_>) -> Self {
        let body = cx.body();
        let mut content = Content {
            template: cx.mode == crate::mode::Mode::Template,
            placeholders: Vec::new(),
            links: Vec::new(),
            numbers: Vec::new(),
        };
        for token in cx.tokens() {
            let text = &body[token.range()];
            match token.kind {
                Kind::Placeholder => content
                    .placeholders
                    .push((normal_placeholder(text), token.range())),
                Kind::Url => content.links.push((normal_link(text), token.range())),
                Kind::Number => {
                    let mut at = token.start();
                    for run in text.split(|c: char| !c.is_ascii_digit()) {
                        let start = at;
                        at += run.len() + 1;
                        let digits = run.trim_start_matches('0');
                        if run.len() >= 2 && !digits.is_empty() {
                            content
                                .numbers
                                .push((digits.to_owned(), start..start + run.len()));
                        }
                    }
                }
                _ => {}
            }
        }
        content
    }
}

/// A placeholder as compared: no white space just inside its brackets,
/// and its quoted texts empty (`{{name | default: "cliente"}}` is
/// `{{name | default: ""}}`: a fallback is translated with the reply).
fn normal_placeholder(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous = ' ';
    let mut quote = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                out.push(c);
                quote = None;
                previous = c;
            }
            continue;
        }
        if matches!(c, '"' | '\'' | '“' | '”' | '«' | '»') {
            quote = Some(match c {
                '“' => '”',
                '«' => '»',
                c => c,
            });
            out.push(c);
            previous = c;
            continue;
        }
        let next = chars.peek().copied().unwrap_or(' ');
        let inside_bracket = matches!(previous, '{' | '[' | '(' | '%' | '<')
            || matches!(next, '}' | ']' | ')' | '%' | '>');
        if c.is_whitespace() && inside_bracket {
            continue;
        }
        out.push(c);
        previous = c;
    }
    out
}

/// A link as translations are expected to keep it: no scheme, `www.`,
/// query, fragment or trailing `/`, lower case, and no language path
/// segment (`/it/`, `/en-us/`) or language subdomain (`it.acme.com`),
/// since each translation may link to its own language's page.
fn normal_link(link: &str) -> String {
    let link = link.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    let rest = link.split_once("://").map_or(link, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let rest = rest.to_lowercase();
    let mut parts = rest.split('/');
    let host = parts.next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = match host.split_once('.') {
        Some((sub, rest)) if language_tag(sub).is_some() && rest.contains('.') => rest,
        _ => host,
    };
    let mut out = host.to_owned();
    for part in parts.filter(|p| !p.is_empty() && language_tag(p).is_none()) {
        out.push('/');
        out.push_str(part);
    }
    out
}

/// The translation groups of a library: each group's members, in order.
#[derive(Debug, Default)]
pub struct Groups {
    /// Key → members (profile indices), groups in the order of their first
    /// member.
    pub members: Vec<Vec<usize>>,
    /// Profile index → group (index into `members`).
    pub of: HashMap<usize, usize>,
}

impl Groups {
    pub fn of<L>(profiles: &[Profile<L>]) -> Self {
        // Names that replies give with `group`, `translation-of` or their
        // ids' language: a reply whose own id is one of them is in that
        // group, whatever its path says.
        let named: BTreeSet<&str> = profiles
            .iter()
            .filter_map(|p| p.group.as_ref())
            .filter_map(|g| g.key.strip_prefix('='))
            .collect();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut groups = Groups::default();
        for (i, p) in profiles.iter().enumerate() {
            let key = match (&p.id, &p.group) {
                (Some(id), _) if named.contains(&**id) => format!("={id}"),
                (_, Some(g)) => g.key.clone(),
                (_, None) => continue,
            };
            let n = *index.entry(key).or_insert_with(|| {
                groups.members.push(Vec::new());
                groups.members.len() - 1
            });
            groups.members[n].push(i);
            groups.of.insert(i, n);
        }
        groups
    }

    /// Whether two replies are in the same group.
    pub fn together(&self, a: usize, b: usize) -> bool {
        matches!((self.of.get(&a), self.of.get(&b)), (Some(x), Some(y)) if x == y)
    }
}

/// The languages every group must have: the configured ones, else those
/// at least half of the groups have, when one group at least is
/// translated (in two languages or more): a library of macros each in one
/// language expects nothing.
fn expected_languages<L>(
    profiles: &[Profile<L>],
    groups: &Groups,
    options: &LibraryOptions,
) -> Vec<Language> {
    if !options.languages.is_empty() {
        return options.languages.clone();
    }
    let mut having: BTreeMap<Language, usize> = BTreeMap::new();
    let mut translated = 0;
    for members in &groups.members {
        let languages: BTreeSet<Language> = members
            .iter()
            .filter_map(|&i| profiles[i].language)
            .collect();
        translated += usize::from(languages.len() >= 2);
        for l in languages {
            *having.entry(l).or_default() += 1;
        }
    }
    if translated == 0 {
        return Vec::new();
    }
    having
        .into_iter()
        .filter(|&(_, n)| 2 * n >= groups.members.len())
        .map(|(l, _)| l)
        .collect()
}

fn names(languages: &[Language]) -> String {
    let names: Vec<&str> = languages.iter().map(|l| l.name()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `missing-translation` and `translation-drift`.
pub fn check<L: Clone>(
    profiles: &[Profile<L>],
    groups: &Groups,
    options: &LibraryOptions,
    out: &mut Vec<Finding<L>>,
) {
    let expected = expected_languages(profiles, groups, options);
    for members in &groups.members {
        missing(profiles, members, &expected, out);
        drift(profiles, members, options, out);
    }
}

/// Name of a group for messages.
fn group_name<L>(profiles: &[Profile<L>], members: &[usize]) -> String {
    members
        .iter()
        .find_map(|&i| profiles[i].group.as_ref())
        .map_or_else(String::new, |g| g.name.clone())
}

fn missing<L: Clone>(
    profiles: &[Profile<L>],
    members: &[usize],
    expected: &[Language],
    out: &mut Vec<Finding<L>>,
) {
    let Some(&first) = members
        .iter()
        .find(|&&i| profiles[i].level(MISSING_TRANSLATION).is_some())
    else {
        return;
    };
    let have: BTreeSet<Language> = members
        .iter()
        .filter_map(|&i| profiles[i].language)
        .collect();
    // A group whose languages are unknown cannot be judged.
    if have.is_empty() {
        return;
    }
    let lacking: Vec<Language> = expected
        .iter()
        .copied()
        .filter(|l| !have.contains(l))
        .collect();
    if lacking.is_empty() {
        return;
    }
    let have: Vec<Language> = have.into_iter().collect();
    let name = group_name(profiles, members);
    let places = members
        .iter()
        .map(|&i| Involved {
            reply: i,
            at: profiles[i].anchor.clone(),
            note: match profiles[i].language {
                Some(l) => format!("the {} version", l.name()),
                None => "a version in an unknown language".to_owned(),
            },
        })
        .collect::<Vec<_>>();
    let mut places = places;
    // The reply reported first is the first whose level is on.
    if let Some(pos) = places.iter().position(|p| p.reply == first) {
        places.swap(0, pos);
    }
    out.push(Finding {
        rule: RULES[MISSING_TRANSLATION],
        severity: profiles[first].level(MISSING_TRANSLATION).expect("on"),
        message: format!(
            "`{name}` has no {} version (it has {}; the library's macros are in {})",
            names(&lacking),
            names(&have),
            names(expected),
        ),
        help: Some(format!(
            "add the {} translation, or set `[library] languages` to the languages every macro needs",
            names(&lacking)
        )),
        places,
    });
}

/// The member translations are compared with.
fn source<L>(profiles: &[Profile<L>], members: &[usize], options: &LibraryOptions) -> usize {
    let by_language = |l: Language| {
        members
            .iter()
            .copied()
            .find(|&i| profiles[i].language == Some(l))
    };
    options
        .source_language
        .and_then(by_language)
        .or_else(|| {
            // With `translation-of`, the reply the others name.
            let translated = members
                .iter()
                .any(|&i| profiles[i].group.as_ref().is_some_and(|g| g.translation));
            translated
                .then(|| {
                    members
                        .iter()
                        .copied()
                        .find(|&i| profiles[i].group.as_ref().is_some_and(|g| !g.translation))
                })
                .flatten()
        })
        .or_else(|| by_language(Language::En))
        .unwrap_or(members[0])
}

fn drift<L: Clone>(
    profiles: &[Profile<L>],
    members: &[usize],
    options: &LibraryOptions,
    out: &mut Vec<Finding<L>>,
) {
    if members.len() < 2 {
        return;
    }
    let src = source(profiles, members, options);
    let Some(source) = &profiles[src].drift else {
        return;
    };
    let source_name = language_name(profiles[src].language);
    for &i in members.iter().filter(|&&i| i != src) {
        let p = &profiles[i];
        let (Some(severity), Some(content)) = (p.level(TRANSLATION_DRIFT), &p.drift) else {
            continue;
        };
        // Two versions in the same language are not translations.
        if p.language.is_some() && p.language == profiles[src].language {
            continue;
        }
        let this = language_name(p.language);
        let mut report = |message: String, help: &str, places: Vec<Involved<L>>| {
            out.push(Finding {
                rule: RULES[TRANSLATION_DRIFT],
                severity,
                message,
                help: Some(help.to_owned()),
                places,
            });
        };
        let at = |reply: usize, at: &L, note: String| Involved {
            reply,
            at: at.clone(),
            note,
        };
        // Placeholders and numbers are compared when the source is a
        // template (in template mode, or with placeholders): a filled-in
        // draft carries one customer's order number.
        let templates = source.template || !source.placeholders.is_empty();
        for (what, theirs, ours, help) in [
            (
                "placeholder",
                &source.placeholders,
                &content.placeholders,
                "translations keep the source's placeholders as they are",
            ),
            (
                "link",
                &source.links,
                &content.links,
                "link to the same page as the source (in this language)",
            ),
            (
                "number",
                &source.numbers,
                &content.numbers,
                "check the number against the source",
            ),
        ] {
            let numbers = what == "number";
            if !templates && what != "link" {
                continue;
            }
            // Numbers that are part of a fact are compared as facts.
            let in_fact = |reply: usize, s: &str| {
                numbers
                    && profiles[reply]
                        .facts
                        .iter()
                        .any(|(f, _)| f.value.to_string().contains(s))
            };
            let ours_set: BTreeSet<&str> = ours.iter().map(|(s, _)| s.as_str()).collect();
            let theirs_set: BTreeSet<&str> = theirs.iter().map(|(s, _)| s.as_str()).collect();
            let lacking: Vec<&(String, L)> = unique(theirs)
                .filter(|(s, _)| !ours_set.contains(s.as_str()) && !in_fact(src, s))
                .collect();
            let extra: Vec<&(String, L)> = unique(ours)
                .filter(|(s, _)| !theirs_set.contains(s.as_str()) && !in_fact(i, s))
                .collect();
            // One in place of another: one diagnostic, not two.
            let replaced = lacking.len().min(extra.len());
            for ((theirs, tl), (ours, ol)) in lacking.iter().zip(&extra) {
                report(
                    format!(
                        "the {this} version has the {what} `{ours}` where the {source_name} one has `{theirs}`"
                    ),
                    help,
                    vec![
                        at(i, ol, format!("`{ours}` here")),
                        at(src, tl, format!("the {source_name} version has `{theirs}`")),
                    ],
                );
            }
            for (s, l) in &lacking[replaced..] {
                report(
                    format!(
                        "the {this} version lacks the {what} `{s}` that the {source_name} one has"
                    ),
                    help,
                    vec![
                        at(i, &p.anchor, format!("the {this} version")),
                        at(src, l, format!("the {source_name} version has `{s}`")),
                    ],
                );
            }
            for (s, l) in &extra[replaced..] {
                report(
                    format!(
                        "the {this} version has the {what} `{s}`, which the {source_name} one has not"
                    ),
                    help,
                    vec![
                        at(i, l, format!("`{s}` here")),
                        at(
                            src,
                            &profiles[src].anchor,
                            format!("the {source_name} version"),
                        ),
                    ],
                );
            }
        }
        // Links are compared above, as each language may localise them.
        for (fact, l) in p.facts.iter().filter(|(f, _)| f.kind != FactKind::Url) {
            let same = |f: &Fact| f.kind == fact.kind && f.subject == fact.subject;
            let Some((theirs, tl)) = profiles[src]
                .facts
                .iter()
                .find(|(f, _)| same(f) && !same_value(f, fact))
            else {
                continue;
            };
            // A subject stated with this value in the source too is fine.
            if profiles[src]
                .facts
                .iter()
                .any(|(f, _)| same(f) && same_value(f, fact))
            {
                continue;
            }
            let what = super::describe(fact);
            report(
                format!(
                    "the {this} version says {} for the {what}; the {source_name} one says {}",
                    fact.value, theirs.value
                ),
                "translations state the same facts as the source",
                vec![
                    at(i, l, format!("states {}", fact.value)),
                    at(src, tl, format!("states {}", theirs.value)),
                ],
            );
        }
    }
}

/// Whether two facts of one kind state the same value
/// ([`crate::analysis::facts::same_value`]: a phone number with and
/// without its country code is one).
fn same_value(a: &Fact, b: &Fact) -> bool {
    crate::analysis::facts::same_value(a.kind, &a.value, &b.value)
}

fn language_name(l: Option<Language>) -> &'static str {
    l.map_or("other", Language::name)
}

/// Each distinct value once, where it first is.
fn unique<L>(items: &[(String, L)]) -> impl Iterator<Item = &(String, L)> {
    let mut seen = BTreeSet::new();
    items.iter().filter(move |(s, _)| seen.insert(s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_end_ids_and_name_folders() {
        assert_eq!(split_language("refund-it"), Some(("refund", Language::It)));
        assert_eq!(
            split_language("refund.pt-BR"),
            Some(("refund", Language::Pt))
        );
        assert_eq!(
            split_language("refund_en_GB"),
            Some(("refund", Language::En))
        );
        assert_eq!(split_language("order-status"), None);
        assert_eq!(split_language("it"), None);
        assert_eq!(split_language("-it"), None);
        // Not a language: `-de` needs a known code, `-xx` is none.
        assert_eq!(split_language("refund-xx"), None);
        let key = path_key(Path::new("macros/it/refund.md"), None).unwrap();
        assert_eq!(
            (key.name.as_str(), key.language),
            ("macros/*/refund.md", Some(Language::It))
        );
        let key = path_key(Path::new("macros/refund.de.md"), None).unwrap();
        assert_eq!(
            (key.name.as_str(), key.language),
            ("macros/refund.*.md", Some(Language::De))
        );
        assert_eq!(path_key(Path::new("en/macros.toml"), None), None);
        let key = path_key(Path::new("en/macros.toml"), Some("refund")).unwrap();
        assert_eq!(key.name, "*/macros.toml#refund");
        assert_eq!(path_key(Path::new("macros/refund.md"), None), None);
    }

    #[test]
    fn placeholders_compare_without_inner_padding() {
        assert_eq!(normal_placeholder("{{ ticket.id }}"), "{{ticket.id}}");
        assert_eq!(normal_placeholder("[ORDER NUMBER]"), "[ORDER NUMBER]");
        assert_eq!(normal_placeholder("{% if x %}"), "{%if x%}");
        assert_eq!(
            normal_placeholder("{{ name | default: \"cliente\" }}"),
            normal_placeholder("{{name | default: \"customer\"}}")
        );
    }

    #[test]
    fn links_lose_what_each_language_changes() {
        assert_eq!(
            normal_link("https://www.acme.com/it/returns/?x=1"),
            "acme.com/returns"
        );
        assert_eq!(
            normal_link("https://acme.com/en-us/returns"),
            "acme.com/returns"
        );
        assert_eq!(
            normal_link("https://fr.acme.com/returns."),
            "acme.com/returns"
        );
        assert_eq!(
            normal_link("https://acme.com/returns/old"),
            "acme.com/returns/old"
        );
    }
}
