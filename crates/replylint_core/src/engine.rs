//! The engine: run every enabled rule on a reply (built-in rules, then the
//! config's user-defined rules), drop what the reply allows, what
//! `per-path-ignores` ignores and what suppression comments turn off, sort.
//! It never prints.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::library::{self, BodySpan, Levels, Profile};
use crate::reply::{Reply, ReplyContext, reply_path};
use crate::rules::{Context, REGISTRY, Shared, Sink};
use crate::suppress::Directives;

/// Lint one reply with its resolved context.
pub fn lint(settings: &Settings, reply: &Reply, rc: &ReplyContext<'_>) -> Vec<Diagnostic> {
    lint_profiled(settings, reply, rc, false).0
}

/// Lint one reply with its resolved context and, with `profiled`, leave
/// the profile the library rules read (see [`crate::library`]), with
/// spans of the reply's body; `None` when no library rule is on for it.
pub fn lint_profiled(
    settings: &Settings,
    reply: &Reply,
    rc: &ReplyContext<'_>,
    profiled: bool,
) -> (Vec<Diagnostic>, Option<Profile<BodySpan>>) {
    // Rules never see suppression comments: they lint a copy without them,
    // and their diagnostics are mapped back onto the reply.
    let directives = Directives::parse(&reply.body);
    let stripped = directives.strip(reply);
    let linted = stripped.as_ref().map_or(reply, |s| &s.reply);
    let ignored = reply_path(&reply.source)
        .map(|p| settings.ignored_rules(p))
        .unwrap_or_default();
    // One decision for built-in and user rules alike: the channel's level,
    // the reply's `allow`, the path's ignores.
    let allowed = |id: &'static str, level: crate::diagnostic::Level| -> Option<Severity> {
        let severity = level.severity()?;
        let off = reply.meta.allow.iter().any(|a| a.value == id) || ignored.contains(&id);
        (!off).then_some(severity)
    };
    let severity = |id: &'static str| allowed(id, rc.channel.level(id));
    let shared = Shared::default();
    let cx = Context::new(linted, rc, &settings.rule_settings, settings, &shared);
    let mut out = Vec::new();
    for (i, rule) in REGISTRY.iter().enumerate() {
        let meta = rule.meta();
        let Some(severity) = allowed(meta.id, rc.channel.registry_level(i)) else {
            continue;
        };
        let mut sink = Sink::new(meta.id, severity);
        rule.check(&cx, &mut sink);
        out.append(&mut sink.diagnostics);
    }
    settings.user_rules.check(&cx, severity, &mut out);
    if let Some(stripped) = &stripped {
        for d in &mut out {
            stripped.map_back(d);
        }
    }
    if !directives.is_empty() {
        out.retain(|d| !directives.suppresses(d.rule, d.span.start) || !d.part.is_body());
    }
    out.sort_by(|a, b| (a.part, a.span, a.rule).cmp(&(b.part, b.span, b.rule)));
    let profile = profiled
        .then(|| {
            let levels: Levels = std::array::from_fn(|n| {
                let i = LIBRARY_RULES[n];
                allowed(REGISTRY[i].meta().id, rc.channel.registry_level(i))
            });
            levels.iter().any(Option::is_some).then(|| {
                let back = |span: BodySpan| match &stripped {
                    Some(s) => {
                        let span = s.span(Span::new(span.start, span.end));
                        span.start..span.end
                    }
                    None => span,
                };
                let suppressed =
                    |rule: &str, at: usize| directives.suppresses(rule, back(at..at).start);
                library::profile(&cx, levels, &settings.rule_settings.library, suppressed).map(back)
            })
        })
        .flatten();
    (out, profile)
}

/// The registry index of each library rule, in [`library::RULES`] order.
static LIBRARY_RULES: std::sync::LazyLock<[usize; 4]> = std::sync::LazyLock::new(|| {
    library::RULES.map(|id| {
        REGISTRY
            .iter()
            .position(|r| r.meta().id == id)
            .expect("library rules are registered")
    })
});
