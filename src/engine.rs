//! The engine: run every enabled rule on a reply, drop what the reply
//! allows, sort. It never prints.

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::reply::{Reply, ReplyContext};
use crate::rules::{Context, REGISTRY, Sink};

/// Lint one reply with its resolved context.
pub fn lint(settings: &Settings, reply: &Reply, rc: &ReplyContext<'_>) -> Vec<Diagnostic> {
    let cx = Context {
        reply,
        channel: rc.channel,
        language: rc.language,
        mode: rc.mode,
        lexicons: &settings.lexicons,
        settings,
    };
    let mut out = Vec::new();
    for rule in REGISTRY {
        let meta = rule.meta();
        let Some(severity) = rc.channel.level(meta.id).severity() else {
            continue;
        };
        if reply.meta.allow.iter().any(|a| a.value == meta.id) {
            continue;
        }
        let mut sink = Sink::new(meta.id, severity);
        rule.check(&cx, &mut sink);
        out.append(&mut sink.diagnostics);
    }
    out.sort_by(|a, b| (a.span, a.rule).cmp(&(b.span, b.rule)));
    out
}
