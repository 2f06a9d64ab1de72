//! The library pass: checks across the replies of a whole library, run
//! once every reply has been linted on its own.
//!
//! Each reply leaves a small [`Profile`] behind (its facts, its
//! translation group, a MinHash signature of its text), built by the
//! engine while the reply's document model is at hand; [`check`] reads
//! the profiles, never the replies, so memory is a small constant per
//! reply whatever the library's size, and no step compares all pairs:
//!
//! - [`consistency`]: `inconsistent-fact`, facts grouped by kind and
//!   subject in one map;
//! - [`translations`]: `missing-translation` and `translation-drift`,
//!   replies grouped by translation group in one map;
//! - [`duplicates`]: `near-duplicate`, candidates found by locality
//!   sensitive hashing of the signatures.
//!
//! The profiles are generic over where a span is (`L`): the engine builds
//! them with body spans, and the caller turns those into places in files
//! before the reply is dropped ([`Profile::map`]).

pub mod consistency;
pub mod duplicates;
pub mod translations;

use crate::analysis::facts::Fact;
use crate::diagnostic::Severity;
use crate::lang::Language;
use crate::reply::reply_path;
use crate::rules::Context;
pub use crate::rules::options::LibraryOptions;

pub use duplicates::Signature;
pub use translations::GroupKey;

/// The library rules, in the order of [`Levels`].
pub const RULES: [&str; 4] = [
    "inconsistent-fact",
    "missing-translation",
    "translation-drift",
    "near-duplicate",
];

/// Index of each rule in [`RULES`].
pub const INCONSISTENT_FACT: usize = 0;
pub const MISSING_TRANSLATION: usize = 1;
pub const TRANSLATION_DRIFT: usize = 2;
pub const NEAR_DUPLICATE: usize = 3;

/// The severity of each library rule for one reply: `None` where the
/// rule is off for it (its channel's level, its path's ignores, its own
/// `allow`).
pub type Levels = [Option<Severity>; 4];

/// What the library rules need to know about one reply.
#[derive(Debug, Clone)]
pub struct Profile<L> {
    /// The library rules' severities for this reply.
    pub levels: Levels,
    /// The reply's id, if it has one.
    pub id: Option<Box<str>>,
    /// Where the reply starts: its first line of text.
    pub anchor: L,
    /// The facts it states, where it states them.
    pub facts: Vec<(Fact, L)>,
    /// Its language: as declared, else as its group key says, else as
    /// detected.
    pub language: Option<Language>,
    /// Its translation group, when it belongs to one.
    pub group: Option<Box<GroupKey>>,
    /// Its placeholders, links and numbers, for `translation-drift`
    /// (replies in a group only).
    pub drift: Option<Box<translations::Content<L>>>,
    /// Its text's signature, for `near-duplicate` (replies long enough to
    /// compare only).
    pub signature: Option<Signature>,
}

impl<L> Profile<L> {
    /// The same profile with every span `f` of it.
    pub fn map<M>(self, mut f: impl FnMut(L) -> M) -> Profile<M> {
        Profile {
            levels: self.levels,
            id: self.id,
            anchor: f(self.anchor),
            facts: self
                .facts
                .into_iter()
                .map(|(fact, l)| (fact, f(l)))
                .collect(),
            language: self.language,
            group: self.group,
            drift: self.drift.map(|d| Box::new(d.map(&mut f))),
            signature: self.signature,
        }
    }

    fn level(&self, rule: usize) -> Option<Severity> {
        self.levels[rule]
    }
}

/// A span of a reply's body: where a profile's facts and items are until
/// the caller locates them.
pub type BodySpan = std::ops::Range<usize>;

/// Build the profile of the reply `cx` lints. `levels` are the library
/// rules' severities for it; `suppressed(rule, offset)` says whether a
/// suppression comment turns `rule` off at a body offset.
pub fn profile(
    cx: &Context<'_>,
    levels: Levels,
    options: &LibraryOptions,
    suppressed: impl Fn(&str, usize) -> bool,
) -> Profile<BodySpan> {
    let reply = cx.reply;
    let body = cx.body();
    let anchor = anchor(body);
    let group = levels[MISSING_TRANSLATION]
        .or(levels[TRANSLATION_DRIFT])
        .and_then(|_| translations::group_key(reply, reply_path(&reply.source)))
        .map(Box::new);
    let language = reply
        .meta
        .language
        .as_ref()
        .and_then(|l| l.value.parse::<Language>().ok())
        .or(cx.language)
        .or_else(|| group.as_ref().and_then(|g| g.language))
        .or_else(|| cx.language_or_detected());
    let wants_facts = levels[INCONSISTENT_FACT].is_some() || group.is_some();
    let facts = if wants_facts {
        cx.facts(language)
            .iter()
            .filter(|f| !suppressed(RULES[INCONSISTENT_FACT], f.span.start))
            .map(|f| (f.clone(), f.span.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let drift = (group.is_some() && levels[TRANSLATION_DRIFT].is_some())
        .then(|| Box::new(translations::Content::of(cx)));
    let signature = levels[NEAR_DUPLICATE]
        .filter(|_| !suppressed(RULES[NEAR_DUPLICATE], anchor.start))
        .and_then(|_| duplicates::signature(cx, options));
    let mut levels = levels;
    for (i, rule) in RULES.iter().enumerate() {
        if levels[i].is_some() && i != INCONSISTENT_FACT && suppressed(rule, anchor.start) {
            levels[i] = None;
        }
    }
    Profile {
        levels,
        id: reply.meta.id.as_deref().map(Into::into),
        anchor,
        facts,
        language,
        group,
        drift,
        signature,
    }
}

/// The first line of the body with text on it.
fn anchor(body: &str) -> BodySpan {
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let trimmed = text.trim_start();
        if !trimmed.is_empty() {
            let start = at + (text.len() - trimmed.len());
            return start..at + text.trim_end().len();
        }
        at += line.len();
    }
    0..0
}

/// A library diagnostic: about several replies.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding<L> {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Every place involved, the one reported first: the profile's index
    /// in the slice [`check`] was given, where, and what the reply says
    /// there.
    pub places: Vec<Involved<L>>,
}

/// One place a library diagnostic involves.
#[derive(Debug, Clone, PartialEq)]
pub struct Involved<L> {
    /// The profile's index.
    pub reply: usize,
    pub at: L,
    pub note: String,
}

/// Every library diagnostic about `profiles`, in the order of the first
/// place of each.
pub fn check<L: Clone>(profiles: &[Profile<L>], options: &LibraryOptions) -> Vec<Finding<L>> {
    if profiles.len() < 2 {
        return Vec::new();
    }
    let groups = translations::Groups::of(profiles);
    let mut out = Vec::new();
    consistency::check(profiles, &groups, &mut out);
    translations::check(profiles, &groups, options, &mut out);
    duplicates::check(profiles, &groups, options, &mut out);
    out.sort_by_key(|f: &Finding<L>| (f.places[0].reply, f.rule));
    out
}

/// What a fact is about, in messages: "refund time window", "express
/// delivery time window", "support phone number".
pub fn describe(fact: &Fact) -> String {
    let subject = match fact.subject.split_once(':') {
        Some((subject, qualifier)) => format!("{qualifier} {subject}"),
        None => fact.subject.clone(),
    };
    let subject = subject.replace('-', " ");
    if subject.is_empty() || subject == "contact" {
        return fact.kind.as_str().to_owned();
    }
    format!("{subject} {}", fact.kind.as_str())
}

/// `n` things: "1 reply", "3 replies".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests;
