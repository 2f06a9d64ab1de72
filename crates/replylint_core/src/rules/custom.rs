//! User-defined rules: the `[[rule]]` tables of a config file, which add
//! checks without code.
//!
//! - `forbid`: phrases or regexes that must not appear;
//! - `substitute`: phrase → preferred phrase, with a fix;
//! - `require`: one of the phrases or regexes must appear;
//! - `limit`: the phrases and regexes together appear at least `min` and at
//!   most `max` times.
//!
//! Phrases are matched with the machinery of the built-in phrase rules
//! ([`PhraseSet`]: one `aho-corasick` automaton per rule, case-insensitive,
//! on word boundaries that work for accented letters, offsets mapped back
//! to the original text); a regex is opt-in and compiled with the `regex`
//! crate (linear time, so a user's pattern cannot hang a run). Everything is
//! compiled once, when the configuration is loaded, never per reply.
//!
//! Diagnostics carry their rule id as a `&'static str`. The ids of user
//! rules are leaked once, when the configuration is loaded: a handful of
//! short strings per process, in exchange for one id type everywhere.

use crate::config_error::ConfigError;
use crate::diagnostic::{Edit, Fix, Level, Span};
use crate::lang::Language;
use crate::rules::{Context, Sink};
use crate::text::phrases::PhraseSet;
use regex::Regex;
use serde::Deserialize;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use toml::Spanned;

/// What a user-defined rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UserRuleKind {
    /// The phrases or regexes must not appear.
    Forbid,
    /// Each phrase has a preferred replacement, offered as a fix.
    Substitute,
    /// One of the phrases or regexes must appear.
    Require,
    /// The phrases and regexes together may appear at least `min` and at
    /// most `max` times.
    Limit,
}

/// How a `substitute` rule's fix is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UserFixSafety {
    /// Applied by `check --fix`.
    Safe,
    /// Offered, but applied only on request.
    Unsafe,
}

crate::declare::other_values!(UserRuleKind, UserFixSafety);

crate::declare::declare_options! {
    /// One `[[rule]]` table: a rule defined in the config, no code needed.
    /// Which keys a kind accepts is checked when the rule is compiled
    /// ([`UserRule::compile`]), so that the error names the key.
    #[derive(Debug, Deserialize)]
    pub struct UserRuleOptions {
        /// Kebab-case id, not one of the built-in rules'.
        id: Spanned<String> = required,
        kind: Spanned<UserRuleKind> = required,
        /// The diagnostic's message; `{match}`, `{replacement}`, `{count}`,
        /// `{min}` and `{max}` are filled in. Default: one per kind.
        message: String,
        /// A help line shown under the message.
        help: String,
        /// Level on every channel unless `[rules]` or `[channels.*.rules]`
        /// says otherwise. Default `warning`.
        severity: Level,
        /// Phrases, matched case-insensitively on word boundaries.
        phrases: Vec<Spanned<String>>,
        /// A regular expression (opt-in; `regex` crate syntax, case-sensitive
        /// unless it starts with `(?i)`).
        regex: Spanned<String>,
        /// Several regular expressions.
        regexes: Vec<Spanned<String>>,
        /// `substitute`: phrase → preferred phrase.
        replacements: Spanned<BTreeMap<Spanned<String>, Spanned<String>>>,
        /// `substitute`: whether the fix is safe (default) or unsafe.
        fix: Spanned<UserFixSafety>,
        /// `limit`: fewest occurrences.
        min: Spanned<Occurrences>,
        /// `limit`: most occurrences.
        max: Spanned<Occurrences>,
        /// Channels (ids or aliases) the rule runs on. Default: every channel.
        channels: Spanned<Vec<Spanned<String>>>,
        /// Languages the rule runs on (the reply's expected language, or the
        /// detected one). Default: every reply, whatever its language.
        languages: Spanned<Vec<Spanned<String>>>,
    }
}

/// How many times a `limit` rule's phrases may appear: `min`, `max`.
pub type Occurrences = crate::declare::Bounded<0, 1_000_000>;

/// Most phrases or patterns a default message names before "…".
const LISTED: usize = 3;

/// Every user-defined rule of a configuration, compiled.
#[derive(Debug, Clone, Default)]
pub struct UserRules {
    rules: Vec<UserRule>,
}

/// One user-defined rule, compiled.
#[derive(Debug, Clone)]
pub struct UserRule {
    pub id: &'static str,
    pub kind: UserRuleKind,
    /// Level on every channel before `[rules]` and `[channels.*.rules]`.
    pub level: Level,
    message: Option<String>,
    help: Option<String>,
    /// The phrases; the payload indexes `replacements` (`substitute`) or
    /// `patterns`.
    phrases: Option<PhraseSet<usize>>,
    regexes: Vec<Regex>,
    /// Phrases then regexes as written (`/…/` for regexes), for messages
    /// and `explain`.
    patterns: Vec<String>,
    /// `substitute`: (phrase, preferred phrase), as written.
    replacements: Vec<(String, String)>,
    fix: UserFixSafety,
    min: Option<u64>,
    max: Option<u64>,
    /// Channel ids (aliases resolved); `None`: every channel.
    channels: Option<Vec<String>>,
    /// Channel names as written, until [`UserRules::resolve_channels`].
    channel_names: Option<Vec<Spanned<String>>>,
    /// `None`: every language.
    languages: Option<Vec<Language>>,
}

/// One place a rule's phrases or regexes matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occurrence {
    span: Span,
    /// `substitute`: index into `replacements`.
    replacement: Option<usize>,
}

impl UserRules {
    /// Compile the `[[rule]]` tables. `err` turns a byte offset of the
    /// config file and a message into an error that names file, line and
    /// column. Channel names are checked later, by
    /// [`UserRules::resolve_channels`], once channels are known.
    pub fn compile(
        tables: Vec<Spanned<UserRuleOptions>>,
        err: &impl Fn(usize, String) -> ConfigError,
    ) -> Result<UserRules, ConfigError> {
        let mut rules: Vec<UserRule> = Vec::with_capacity(tables.len());
        for table in tables {
            let rule = UserRule::compile(table.into_inner(), err, &rules)?;
            rules.push(rule);
        }
        Ok(UserRules { rules })
    }

    /// Check and resolve every rule's `channels` with `channel_id`, which
    /// gives the id of a channel id or alias, or the "unknown channel"
    /// message.
    pub fn resolve_channels(
        &mut self,
        channel_id: impl Fn(&str) -> Result<String, String>,
        err: &impl Fn(usize, String) -> ConfigError,
    ) -> Result<(), ConfigError> {
        for rule in &mut self.rules {
            let Some(names) = rule.channel_names.take() else {
                continue;
            };
            let mut ids = Vec::new();
            for name in names {
                let id = channel_id(name.get_ref()).map_err(|m| err(name.span().start, m))?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            rule.channels = Some(ids);
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &UserRule> {
        self.rules.iter()
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&UserRule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The `'static` id of the rule with this id.
    pub fn id(&self, id: &str) -> Option<&'static str> {
        self.get(id).map(|r| r.id)
    }

    /// Every user rule id, in the order the config defines them.
    pub fn ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rules.iter().map(|r| r.id)
    }

    /// Run every user rule that applies to the reply in `cx`, after the
    /// built-in ones. `severity` is the engine's decision for a rule id
    /// (channel level, `allow`, per-path ignores): `None` skips the rule.
    pub fn check(
        &self,
        cx: &Context<'_>,
        severity: impl Fn(&'static str) -> Option<crate::diagnostic::Severity>,
        out: &mut Vec<crate::diagnostic::Diagnostic>,
    ) {
        // Detected only when a rule needs it and nothing named a language.
        let language = OnceCell::new();
        for rule in &self.rules {
            if rule
                .channels
                .as_ref()
                .is_some_and(|c| !c.contains(&cx.channel.id))
            {
                continue;
            }
            let Some(sev) = severity(rule.id) else {
                continue;
            };
            if let Some(languages) = &rule.languages {
                let lang = *language.get_or_init(|| cx.language_or_detected());
                if !lang.is_some_and(|l| languages.contains(&l)) {
                    continue;
                }
            }
            let mut sink = Sink::new(rule.id, sev);
            rule.check(cx.body(), &mut sink);
            out.append(&mut sink.diagnostics);
        }
    }
}

impl UserRule {
    fn compile(
        o: UserRuleOptions,
        err: &impl Fn(usize, String) -> ConfigError,
        earlier: &[UserRule],
    ) -> Result<UserRule, ConfigError> {
        let id_at = o.id.span().start;
        let id = o.id.get_ref().as_str();
        if !is_kebab_case(id) {
            return Err(err(
                id_at,
                format!(
                    "rule id `{id}` must be kebab-case: lower-case letters and digits \
                     separated by single hyphens, starting with a letter"
                ),
            ));
        }
        if super::by_id(id).is_some() {
            return Err(err(
                id_at,
                format!(
                    "`{id}` is a built-in rule; give the user-defined rule another id \
                     (set the built-in rule's level under `[rules]`)"
                ),
            ));
        }
        if earlier.iter().any(|r| r.id == id) {
            return Err(err(id_at, format!("rule `{id}` is defined twice")));
        }
        let kind = *o.kind.get_ref();
        let kind_name = kind_name(kind);
        let kind_at = o.kind.span().start;
        let only = |at: usize, key: &str, kinds: &str| {
            err(
                at,
                format!("`{key}` is only for {kinds} rules, not `{kind_name}`"),
            )
        };

        // Keys that belong to other kinds.
        if kind != UserRuleKind::Substitute {
            if let Some(r) = &o.replacements {
                return Err(only(r.span().start, "replacements", "`substitute`"));
            }
            if let Some(f) = &o.fix {
                return Err(only(f.span().start, "fix", "`substitute`"));
            }
        } else {
            let first = o
                .phrases
                .as_ref()
                .and_then(|p| p.first())
                .map(|p| p.span().start)
                .or(o.regex.as_ref().map(|r| r.span().start))
                .or(o
                    .regexes
                    .as_ref()
                    .and_then(|r| r.first())
                    .map(|r| r.span().start));
            if let Some(at) = first {
                return Err(err(
                    at,
                    "a `substitute` rule takes `replacements = { \"phrase\" = \"preferred phrase\" }`, \
                     not `phrases` or regexes"
                        .to_owned(),
                ));
            }
        }
        if kind != UserRuleKind::Limit
            && let Some(m) = o.min.as_ref().or(o.max.as_ref())
        {
            let key = if o.min.is_some() { "min" } else { "max" };
            return Err(only(m.span().start, key, "`limit`"));
        }

        // Patterns.
        let mut patterns: Vec<String> = Vec::new();
        let mut phrase_list: Vec<(String, usize)> = Vec::new();
        let mut replacements = Vec::new();
        let check_phrase = |p: &Spanned<String>| -> Result<(), ConfigError> {
            if p.get_ref().trim().is_empty() {
                return Err(err(p.span().start, "empty phrase".to_owned()));
            }
            Ok(())
        };
        if let Some(map) = &o.replacements {
            for (from, to) in map.get_ref() {
                check_phrase(from)?;
                if to.get_ref().trim().is_empty() {
                    return Err(err(
                        to.span().start,
                        format!(
                            "empty replacement for `{}` (to forbid a phrase, use a `forbid` rule)",
                            from.get_ref()
                        ),
                    ));
                }
                phrase_list.push((from.get_ref().clone(), replacements.len()));
                replacements.push((
                    from.get_ref().trim().to_owned(),
                    to.get_ref().trim().to_owned(),
                ));
            }
        }
        for p in o.phrases.iter().flatten() {
            check_phrase(p)?;
            phrase_list.push((p.get_ref().clone(), patterns.len()));
            patterns.push(p.get_ref().trim().to_owned());
        }
        let mut regexes = Vec::new();
        for r in o.regex.iter().chain(o.regexes.iter().flatten()) {
            let re = Regex::new(r.get_ref()).map_err(|e| {
                err(
                    r.span().start,
                    format!("invalid regex: {}", regex_message(&e)),
                )
            })?;
            if re.is_match("") {
                return Err(err(
                    r.span().start,
                    format!(
                        "regex `{}` matches the empty string, so it would match everywhere",
                        r.get_ref()
                    ),
                ));
            }
            patterns.push(format!("/{}/", r.get_ref()));
            regexes.push(re);
        }
        if phrase_list.is_empty() && regexes.is_empty() {
            let what = if kind == UserRuleKind::Substitute {
                "`replacements`"
            } else {
                "`phrases`, `regex` or `regexes`"
            };
            return Err(err(
                kind_at,
                format!("a `{kind_name}` rule needs {what} (at least one)"),
            ));
        }
        let phrases = if phrase_list.is_empty() {
            None
        } else {
            Some(PhraseSet::new(phrase_list).map_err(|e| {
                err(
                    id_at,
                    format!("the phrases of rule `{id}` cannot be compiled: {e}"),
                )
            })?)
        };

        // `limit` bounds.
        let min = o.min.as_ref().map(|m| m.get_ref().get());
        let max = o.max.as_ref().map(|m| m.get_ref().get());
        if kind == UserRuleKind::Limit {
            match (&o.min, &o.max) {
                (None, None) => {
                    return Err(err(
                        kind_at,
                        "a `limit` rule needs `min`, `max` or both".to_owned(),
                    ));
                }
                (Some(lo), Some(hi)) if lo.get_ref() > hi.get_ref() => {
                    return Err(err(
                        lo.span().start,
                        format!(
                            "`min` ({}) is greater than `max` ({})",
                            lo.get_ref().get(),
                            hi.get_ref().get()
                        ),
                    ));
                }
                _ => {}
            }
        }

        for (key, list) in [("channels", &o.channels), ("languages", &o.languages)] {
            if let Some(list) = list
                && list.get_ref().is_empty()
            {
                return Err(err(
                    list.span().start,
                    format!("`{key}` is empty: name at least one, or leave it out for all"),
                ));
            }
        }
        let languages = match &o.languages {
            None => None,
            Some(list) => {
                let mut out = Vec::new();
                for l in list.get_ref() {
                    let lang: Language = l.get_ref().parse().map_err(|m| err(l.span().start, m))?;
                    if !out.contains(&lang) {
                        out.push(lang);
                    }
                }
                Some(out)
            }
        };
        Ok(UserRule {
            // Leaked once per configuration load: see the module docs.
            id: Box::leak(id.to_owned().into_boxed_str()),
            kind,
            level: o.severity.unwrap_or(Level::Warning),
            message: o.message,
            help: o.help,
            phrases,
            regexes,
            patterns,
            replacements,
            fix: o.fix.map_or(UserFixSafety::Safe, |f| *f.get_ref()),
            min,
            max,
            // Resolved by `resolve_channels`; an empty list names no
            // channel, so the rule never runs.
            channels: None,
            channel_names: o.channels.map(Spanned::into_inner),
            languages,
        })
    }

    /// Where the rule's phrases and regexes match `body`: in text order,
    /// without overlaps (the leftmost, then the longest wins).
    fn occurrences(&self, body: &str) -> Vec<Occurrence> {
        let mut found: Vec<Occurrence> = Vec::new();
        if let Some(set) = &self.phrases {
            let substitute = self.kind == UserRuleKind::Substitute;
            found.extend(set.find_iter(body).into_iter().map(|m| Occurrence {
                span: m.span.into(),
                replacement: substitute.then_some(*m.payload),
            }));
        }
        for re in &self.regexes {
            found.extend(
                re.find_iter(body)
                    .filter(|m| !m.is_empty())
                    .map(|m| Occurrence {
                        span: Span::new(m.start(), m.end()),
                        replacement: None,
                    }),
            );
        }
        if !self.regexes.is_empty() {
            found.sort_by(|a, b| {
                a.span
                    .start
                    .cmp(&b.span.start)
                    .then(b.span.end.cmp(&a.span.end))
            });
            let mut next_free = 0;
            found.retain(|o| {
                let keep = o.span.start >= next_free;
                if keep {
                    next_free = o.span.end;
                }
                keep
            });
        }
        found
    }

    /// Check one reply body.
    pub fn check(&self, body: &str, sink: &mut Sink) {
        let found = self.occurrences(body);
        match self.kind {
            UserRuleKind::Forbid => {
                for o in found {
                    let matched = &body[o.span.start..o.span.end];
                    let message =
                        self.message(&[("match", matched)], || format!("avoid `{matched}`"));
                    self.report(sink, o.span, message);
                }
            }
            UserRuleKind::Substitute => {
                for o in found {
                    let Some((_, preferred)) = o.replacement.and_then(|i| self.replacements.get(i))
                    else {
                        continue;
                    };
                    let matched = &body[o.span.start..o.span.end];
                    if reads_already(body, o.span.start, matched, preferred) {
                        continue;
                    }
                    let replacement = adapt_case(matched, preferred);
                    let message = self
                        .message(&[("match", matched), ("replacement", &replacement)], || {
                            format!("use `{replacement}` instead of `{matched}`")
                        });
                    let edit = vec![Edit::replace(o.span, replacement.clone())];
                    let fix = match self.fix {
                        UserFixSafety::Safe => Fix::safe(edit),
                        UserFixSafety::Unsafe => Fix::unsafe_(edit),
                    };
                    self.report(sink, o.span, message).with_fix(fix);
                }
            }
            UserRuleKind::Require => {
                if found.is_empty() {
                    let message = self.message(&[("count", "0")], || {
                        format!("the reply must contain {}", self.listed())
                    });
                    self.report(sink, end_of_text(body), message);
                }
            }
            UserRuleKind::Limit => {
                let count = found.len() as u64;
                let count_s = count.to_string();
                let min_s = self.min.map(|m| m.to_string()).unwrap_or_default();
                let max_s = self.max.map(|m| m.to_string()).unwrap_or_default();
                if let Some(max) = self.max
                    && count > max
                {
                    // At the first occurrence past the limit.
                    let o = found[usize::try_from(max).unwrap_or(usize::MAX)];
                    let matched = &body[o.span.start..o.span.end];
                    let message = self.message(
                        &[
                            ("match", matched),
                            ("count", &count_s),
                            ("min", &min_s),
                            ("max", &max_s),
                        ],
                        || format!("{count} occurrences of {}, at most {max}", self.listed()),
                    );
                    self.report(sink, o.span, message);
                }
                if let Some(min) = self.min
                    && count < min
                {
                    let message = self.message(
                        &[("count", &count_s), ("min", &min_s), ("max", &max_s)],
                        || format!("{count} occurrences of {}, at least {min}", self.listed()),
                    );
                    self.report(sink, end_of_text(body), message);
                }
            }
        }
    }

    fn report<'s>(
        &self,
        sink: &'s mut Sink,
        span: Span,
        message: String,
    ) -> &'s mut crate::diagnostic::Diagnostic {
        let d = sink.report(span, message);
        if let Some(help) = &self.help {
            d.with_help(help.clone());
        }
        d
    }

    /// The user's message with `{name}` placeholders filled in, or the
    /// default.
    fn message(&self, values: &[(&str, &str)], default: impl FnOnce() -> String) -> String {
        match &self.message {
            Some(template) => fill(template, values),
            None => default(),
        }
    }

    /// "`a`", "one of `a`, `b`, `c`, …".
    fn listed(&self) -> String {
        let names: Vec<&str> = self
            .replacements
            .iter()
            .map(|(from, _)| from.as_str())
            .chain(self.patterns.iter().map(String::as_str))
            .collect();
        let mut s = String::new();
        if names.len() > 1 {
            s.push_str("one of ");
        }
        for (i, n) in names.iter().take(LISTED).enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            let _ = write!(s, "`{n}`");
        }
        if names.len() > LISTED {
            s.push_str(", …");
        }
        s
    }

    /// `replylint explain ID` for a user rule.
    pub fn explain(&self, config: Option<&std::path::Path>) -> String {
        let mut s = format!("# {}\n\n", self.id);
        let from = config.map_or_else(String::new, |p| format!(" in `{}`", p.display()));
        let _ = writeln!(
            s,
            "User-defined `{}` rule{from}. Default severity: {}. Fix: {}.\n",
            kind_name(self.kind),
            self.level.as_str(),
            if self.kind == UserRuleKind::Substitute {
                match self.fix {
                    UserFixSafety::Safe => "yes (safe)",
                    UserFixSafety::Unsafe => "yes (unsafe)",
                }
            } else {
                "no"
            }
        );
        if let Some(m) = &self.message {
            let _ = writeln!(s, "Message: {m}\n");
        }
        if let Some(h) = &self.help {
            let _ = writeln!(s, "Help: {h}\n");
        }
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => {
                let _ = writeln!(s, "Occurrences: at least {lo}, at most {hi}.\n");
            }
            (Some(lo), None) => {
                let _ = writeln!(s, "Occurrences: at least {lo}.\n");
            }
            (None, Some(hi)) => {
                let _ = writeln!(s, "Occurrences: at most {hi}.\n");
            }
            (None, None) => {}
        }
        let _ = writeln!(
            s,
            "Channels: {}.",
            self.channels
                .as_ref()
                .map_or("all".to_owned(), |c| c.join(", "))
        );
        let _ = writeln!(
            s,
            "Languages: {}.\n",
            self.languages.as_ref().map_or("all".to_owned(), |l| l
                .iter()
                .map(|l| l.code())
                .collect::<Vec<_>>()
                .join(", "))
        );
        let total = self.replacements.len() + self.patterns.len();
        let _ = writeln!(s, "Patterns ({total}):");
        for (from, to) in self.replacements.iter().take(20) {
            let _ = writeln!(s, "- `{from}` → `{to}`");
        }
        for p in self
            .patterns
            .iter()
            .take(20usize.saturating_sub(self.replacements.len()))
        {
            let _ = writeln!(s, "- `{p}`");
        }
        if total > 20 {
            let _ = writeln!(s, "- … and {} more", total - 20);
        }
        s
    }
}

pub const fn kind_name(kind: UserRuleKind) -> &'static str {
    match kind {
        UserRuleKind::Forbid => "forbid",
        UserRuleKind::Substitute => "substitute",
        UserRuleKind::Require => "require",
        UserRuleKind::Limit => "limit",
    }
}

/// `no-unfortunately`, `rule2`: lower-case ASCII letters and digits in
/// words joined by single hyphens, starting with a letter.
fn is_kebab_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The `regex` crate's error in one line: "unclosed group", not the
/// multi-line diagram.
fn regex_message(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map_or_else(
            || text.lines().next().unwrap_or_default().to_owned(),
            str::to_owned,
        )
}

/// `template` with `{name}` replaced by its value for every known name;
/// other braces are left as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        });
        match known {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether the text at `start` already reads the preferred phrase, so a
/// substitution would change nothing (`"e-mail" = "email"` on "email") or
/// loop (`"client" = "client account"` on "client account"). A change of
/// case only (`"iphone" = "iPhone"`) is done unless the text is already
/// written exactly so.
fn reads_already(body: &str, start: usize, matched: &str, preferred: &str) -> bool {
    let fold = crate::text::fold_str;
    if fold(matched) == fold(preferred) {
        return matched == preferred;
    }
    crate::text::starts_with_words(&body[start..], preferred).is_some()
}

/// The preferred phrase in the case of the text it replaces: "Customer" →
/// "Client", "CUSTOMER" → "CLIENT". A preferred phrase with capitals of its
/// own ("iPhone", "WhatsApp") is kept as written.
fn adapt_case(matched: &str, preferred: &str) -> String {
    if preferred.chars().any(char::is_uppercase) {
        return preferred.to_owned();
    }
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return preferred.to_uppercase();
    }
    if matched.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = preferred.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    preferred.to_owned()
}

/// An empty span at the end of the reply's last line with text: where a
/// missing phrase is reported.
fn end_of_text(body: &str) -> Span {
    Span::empty(body.trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(toml_text: &str) -> Result<UserRules, String> {
        #[derive(serde::Deserialize)]
        struct File {
            rule: Vec<Spanned<UserRuleOptions>>,
        }
        let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let err = |offset: usize, message: String| {
            ConfigError::at(
                std::path::Path::new("replylint.toml"),
                toml_text,
                Some(offset),
                message,
            )
        };
        UserRules::compile(file.rule, &err).map_err(|e| e.to_string())
    }

    fn messages(rules: &UserRules, body: &str) -> Vec<(String, String, Option<String>)> {
        let mut out = Vec::new();
        for r in rules.iter() {
            let mut sink = Sink::new(r.id, crate::diagnostic::Severity::Warning);
            r.check(body, &mut sink);
            out.extend(sink.diagnostics.into_iter().map(|d| {
                (
                    body[d.span.start..d.span.end].to_owned(),
                    d.message,
                    d.fix.map(|f| f.edits[0].content.clone()),
                )
            }));
        }
        out
    }

    #[test]
    fn kebab_case_ids() {
        assert!(is_kebab_case("no-unfortunately"));
        assert!(is_kebab_case("rule2-x"));
        for bad in ["", "No", "a--b", "-a", "a-", "a_b", "2a", "à"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn fill_replaces_known_names_only() {
        let v = [("match", "sorry"), ("count", "3")];
        assert_eq!(
            fill("`{match}` {count}× {other} {", &v),
            "`sorry` 3× {other} {"
        );
    }

    #[test]
    fn case_of_the_replaced_text_is_kept() {
        assert_eq!(adapt_case("customer", "client"), "client");
        assert_eq!(adapt_case("Customer", "client"), "Client");
        assert_eq!(adapt_case("CUSTOMER", "client"), "CLIENT");
        assert_eq!(adapt_case("Customer", "iPhone"), "iPhone");
        assert_eq!(adapt_case("Ähm", "ähnlich"), "Ähnlich");
    }

    #[test]
    fn substitutions_that_would_change_nothing_are_skipped() {
        let r = compile(
            r#"
[[rule]]
id = "client"
kind = "substitute"
replacements = { "client" = "client account", "iphone" = "iPhone", "e-mail" = "email" }
"#,
        )
        .unwrap();
        assert_eq!(
            messages(
                &r,
                "Your client account, your client, iPhone and IPHONE, e-mail."
            ),
            [
                (
                    "client".to_owned(),
                    "use `client account` instead of `client`".to_owned(),
                    Some("client account".to_owned())
                ),
                (
                    "IPHONE".to_owned(),
                    "use `iPhone` instead of `IPHONE`".to_owned(),
                    Some("iPhone".to_owned())
                ),
                (
                    "e-mail".to_owned(),
                    "use `email` instead of `e-mail`".to_owned(),
                    Some("email".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn phrases_and_regexes_do_not_count_twice() {
        let r = compile(
            r#"
[[rule]]
id = "sorry"
kind = "limit"
phrases = ["sorry", "we are sorry"]
regex = "(?i)\\bsorry\\b"
max = 1
message = "{count} apologies (at most {max}); this `{match}` is one too many"
"#,
        )
        .unwrap();
        assert_eq!(
            messages(&r, "We are sorry. So sorry! Sorry."),
            [(
                "sorry".to_owned(),
                "3 apologies (at most 1); this `sorry` is one too many".to_owned(),
                None
            )]
        );
    }

    #[test]
    fn regex_errors_are_one_line() {
        let e = compile("[[rule]]\nid = \"x\"\nkind = \"forbid\"\nregex = \"(unclosed\"\n")
            .unwrap_err();
        assert_eq!(e, "replylint.toml:4:9: invalid regex: unclosed group");
    }

    #[test]
    fn thousands_of_phrases_compile_once_and_scan_fast() {
        let phrases: Vec<String> = (0..5000)
            .map(|i| format!("\"phrase number {i}\""))
            .collect();
        let text = format!(
            "[[rule]]\nid = \"many\"\nkind = \"forbid\"\nphrases = [{}]\n",
            phrases.join(", ")
        );
        let r = compile(&text).unwrap();
        let body =
            "Ciao! This is phrase number 4321, and PHRASE NUMBER 7 too, not phrase number 50000.";
        let got: Vec<String> = messages(&r, body).into_iter().map(|m| m.0).collect();
        assert_eq!(got, ["phrase number 4321", "PHRASE NUMBER 7"]);
    }
}
