//! The engine: run every enabled rule on a reply (built-in rules, then the
//! config's user-defined rules), drop what the reply allows, what
//! `per-path-ignores` ignores and what suppression comments turn off, sort.
//! It never prints.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::reply::{Reply, ReplyContext, reply_path};
use crate::rules::{Context, REGISTRY, Shared, Sink};
use crate::suppress::Directives;

/// Lint one reply with its resolved context.
pub fn lint(settings: &Settings, reply: &Reply, rc: &ReplyContext<'_>) -> Vec<Diagnostic> {
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
    let cx = Context {
        reply: linted,
        channel: rc.channel,
        language: rc.language,
        mode: rc.mode,
        partial: rc.partial,
        spelling_variants: rc.spelling_variants,
        settings: &settings.rule_settings,
        templating: settings,
        shared: &shared,
    };
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
    out
}
