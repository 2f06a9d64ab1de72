//! Rule implementations (code), one file per rule. The rule *sets* (which
//! rules run where, at what level, with which limits) are data, in the
//! top-level `rules/` folder.
//!
//! Each rule is declared once with [`declare_rule!`]: its doc comment is its
//! documentation (`## What it does`, `## Why is this bad?`, `## Example`,
//! `## Options`), printed by `replylint explain` and rendered into the
//! docs' rule table. [`REGISTRY`] lists every rule, alphabetically: adding a
//! rule is its file, its fixture folder (`tests/fixtures/rules/<id>/`) and
//! one line of the `registry!` at the end of this file.

pub mod custom;
pub mod options;

use crate::analysis::screen::{self, Screened};
use crate::channel::Channel;
use crate::diagnostic::{Diagnostic, Message, Severity, Span};
use crate::lang::Language;
use crate::lang::detect::{Detection, Layout, Segment, Tally};
use crate::mode::Mode;
use crate::reply::Reply;
use crate::text::dialect::Dialect;
use crate::text::phrases::Folded;
use crate::text::sms::SmsInfo;
use options::RuleSettings;
use std::cell::OnceCell;
use std::fmt;

/// Whether a rule offers fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub const fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "no",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "yes",
        }
    }
}

/// Everything known about a rule without running it.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub id: &'static str,
    /// Level when no channel file or config says otherwise.
    pub default_severity: Severity,
    pub fix: FixAvailability,
    /// Markdown documentation, from the rule's doc comment.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The first sentence of the docs' first paragraph.
    pub fn summary(&self) -> String {
        let para = self
            .section("What it does")
            .unwrap_or(self.docs)
            .split("\n\n")
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match para.find(". ") {
            Some(i) => para[..=i].to_owned(),
            None => para,
        }
    }

    /// The body of a `## Title` section of the docs.
    pub fn section(&self, title: &str) -> Option<&'static str> {
        let heading = format!("## {title}\n");
        let start = self.docs.find(&heading)? + heading.len();
        let rest = &self.docs[start..];
        let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
        Some(rest[..end].trim())
    }

    /// Docs with the one leading space of each doc-comment line removed.
    pub fn docs(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Declare a rule: a unit struct whose doc comment is its documentation,
/// with an associated `META` and the [`Declared`] impl that hands it to
/// the engine. The rule's file then implements [`Rule::check`] only.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            id: $id:literal,
            severity: $sev:ident,
            fix: $fix:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                default_severity: $crate::diagnostic::Severity::$sev,
                fix: $crate::rules::FixAvailability::$fix,
                docs: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rules::Declared for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
}

/// What a rule sees: the reply and what is known about it.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub reply: &'a Reply,
    pub channel: &'a Channel,
    pub language: Option<Language>,
    pub mode: Mode,
    /// The reply is a snippet pasted into others (`partial`), not a whole
    /// reply: letter-structure rules skip it.
    pub partial: bool,
    /// The spelling variants chosen for the reply; empty: its language's
    /// defaults.
    pub spelling_variants: &'a [crate::lang::variant::Variant],
    /// What the rules read besides the reply: the lexicons, language
    /// detection, placeholder lengths, their own options.
    pub settings: &'a RuleSettings,
    /// Where the reply's placeholder dialect and variables come from
    /// ([`Context::templating`]).
    pub templating: &'a dyn Templating,
    /// What several rules derive from the reply, derived once.
    pub shared: &'a Shared,
}

/// What the configuration says about a reply's templates: the placeholder
/// dialect it is written in, if known, and the variables it may use, if
/// the configuration lists them. Worked out when a rule asks (only the
/// rules that check templates do), from the configuration's path patterns,
/// the channel and the reply's own fields.
pub trait Templating: fmt::Debug {
    fn templating_of<'s>(
        &'s self,
        reply: &Reply,
        channel: &'s Channel,
    ) -> (Option<Dialect>, Option<&'s [String]>);
}

/// What several rules derive from the same reply (its prose, its detected
/// language, its folded text), each derived on first use and kept for the
/// other rules that lint the reply. One per reply: fresh for every reply
/// (`Shared::default()`).
#[derive(Debug, Default)]
pub struct Shared {
    tally: OnceCell<Tally>,
    detected: OnceCell<Option<Detection>>,
    folded_body: OnceCell<Folded>,
    folded_prose: OnceCell<Folded>,
    screened: OnceCell<[bool; 3]>,
    segments: OnceCell<Vec<Segment>>,
    /// The document model: prose, paragraphs and sentences, tokens,
    /// emoji.
    document: crate::analysis::Document,
    measured_sms: OnceCell<SmsInfo>,
    body_sms: OnceCell<SmsInfo>,
    /// The facts the body states, and the language they were read in.
    facts: OnceCell<(Option<Language>, Vec<crate::analysis::facts::Fact>)>,
}

impl<'a> Context<'a> {
    /// The context of `reply`, resolved as `rc` says.
    pub fn new(
        reply: &'a Reply,
        rc: &crate::reply::ReplyContext<'a>,
        settings: &'a RuleSettings,
        templating: &'a dyn Templating,
        shared: &'a Shared,
    ) -> Self {
        Context {
            reply,
            channel: rc.channel,
            language: rc.language,
            mode: rc.mode,
            partial: rc.partial,
            spelling_variants: rc.spelling_variants,
            settings,
            templating,
            shared,
        }
    }

    pub fn body(&self) -> &str {
        &self.reply.body
    }

    /// The placeholder dialect the reply is written in, if known, and the
    /// variables it may use, if the configuration lists them (see
    /// [`Templating`]).
    pub fn templating(&self) -> (Option<Dialect>, Option<&'a [String]>) {
        self.templating.templating_of(self.reply, self.channel)
    }

    /// The body with what is not prose blanked out
    /// ([`crate::lang::detect::prose`]).
    pub fn prose(&self) -> &str {
        self.shared.document.prose(self.body())
    }

    /// The letters and function words of the prose.
    pub fn tally(&self) -> &Tally {
        self.shared.tally.get_or_init(|| self.layout().tally())
    }

    /// The paragraphs and sentences of the body, with their tallies.
    pub fn layout(&self) -> &Layout {
        self.shared.document.layout(self.body())
    }

    /// The body's language as detected ([`crate::lang::detect::Detector::detect`]),
    /// whatever the language expected.
    pub fn detected(&self) -> Option<Detection> {
        *self.shared.detected.get_or_init(|| {
            self.settings
                .detector
                .detect_tallied(self.prose(), self.tally())
        })
    }

    /// The reply's language: the expected one or, without one, the detected
    /// one when detection is sure; `None` when neither is known (a
    /// language outside the six, a text too short).
    pub fn language_or_detected(&self) -> Option<Language> {
        self.language
            .or_else(|| self.detected().map(|d| d.language))
    }

    /// The facts the body states, read in `language`
    /// ([`crate::analysis::facts::extract`]): read once for every rule that
    /// asks in the same language.
    pub fn facts(
        &self,
        language: Option<Language>,
    ) -> std::borrow::Cow<'_, [crate::analysis::facts::Fact]> {
        let read =
            || crate::analysis::facts::extract_tokenized(self.body(), || self.tokens(), language);
        let (kept, facts) = self.shared.facts.get_or_init(|| (language, read()));
        if *kept == language {
            std::borrow::Cow::Borrowed(facts)
        } else {
            std::borrow::Cow::Owned(read())
        }
    }

    /// The paragraphs and sentences of the body whose language is known
    /// ([`crate::lang::detect::Detector::segments`] with the expected
    /// language).
    pub fn segments(&self) -> &[Segment] {
        self.shared.segments.get_or_init(|| {
            self.settings
                .detector
                .segments_in(self.layout(), self.prose(), self.language)
        })
    }

    /// The sentences of the reply's prose (without its salutation line,
    /// sign-off and signature), as byte ranges of the body.
    pub fn prose_sentences(&self) -> &[std::ops::Range<usize>] {
        self.shared.document.prose_sentences(&self.letter())
    }

    /// The byte range of the body's prose, without its salutation line,
    /// sign-off and signature ([`crate::analysis::letter::prose`]).
    pub fn prose_range(&self) -> std::ops::Range<usize> {
        self.shared.document.prose_range(&self.letter())
    }

    /// The tokens of the body ([`crate::analysis::tokens`]).
    pub fn tokens(&self) -> &[crate::analysis::tokens::Token] {
        self.shared.document.tokens(self.body())
    }

    /// The word tokens of the body: the words of its prose.
    pub fn words(&self) -> impl Iterator<Item = &crate::analysis::tokens::Token> {
        self.shared.document.words(self.body())
    }

    /// Every emoji of the body, inside links and placeholders too.
    pub fn emoji(&self) -> &[std::ops::Range<usize>] {
        self.shared.document.emoji(self.body())
    }

    /// The reply's letter structure: its salutation line, sign-off and
    /// signature ([`crate::analysis::letter`]).
    pub fn letter(&self) -> crate::analysis::letter::Letter<'a> {
        crate::analysis::letter::Letter {
            body: &self.reply.body,
            language: self.language,
            lexicons: &self.settings.lexicons,
        }
    }

    /// The body folded for phrase matching.
    pub fn folded_body(&self) -> &Folded {
        self.shared
            .folded_body
            .get_or_init(|| Folded::new(self.body()))
    }

    /// Whether the body has a phrase of the `set` lexicon (see
    /// [`screen`]): one scan for all of them.
    pub fn body_has(&self, set: Screened) -> bool {
        if let Some(screened) = self.shared.screened.get() {
            return screened[set as usize];
        }
        if !screen::worth_it() {
            return screen::alone(set, self.folded_body());
        }
        self.shared
            .screened
            .get_or_init(|| screen::scan(self.folded_body()))[set as usize]
    }

    /// The prose folded for phrase matching.
    pub fn folded_prose(&self) -> &Folded {
        self.shared
            .folded_prose
            .get_or_init(|| Folded::new(self.prose()))
    }

    /// The measured text ([`Self::measured`]) as an SMS: its encoding and
    /// parts.
    pub fn measured_sms(&self) -> &SmsInfo {
        self.shared
            .measured_sms
            .get_or_init(|| crate::text::sms::analyse(&self.measured().text))
    }

    /// The body as an SMS: the same as [`Self::measured_sms`] unless
    /// placeholders were filled in.
    pub fn body_sms(&self) -> &SmsInfo {
        let measured = self.measured();
        if matches!(measured.text, std::borrow::Cow::Borrowed(_)) {
            return self.measured_sms();
        }
        self.shared
            .body_sms
            .get_or_init(|| crate::text::sms::analyse(self.body()))
    }

    /// The text length rules count: the body, or in template mode the body
    /// with every placeholder filled in at its worst-case length.
    pub fn measured(&self) -> crate::text::expand::Measured<'_> {
        crate::text::expand::Measured::new(
            &self.reply.body,
            self.mode == Mode::Template,
            &self.settings.placeholder_lengths,
        )
    }

    /// Whether the reply is over one of its channel's length limits
    /// (`max-segments` SMS parts, `max-length` in the channel's unit): then
    /// every character it could lose counts.
    pub fn over_limit(&self) -> bool {
        let channel = self.channel;
        let parts = || self.measured_sms().parts() as u64;
        if channel.max_segments.is_some_and(|limit| parts() > limit) {
            return true;
        }
        channel.max_length.is_some_and(|limit| {
            self.measure_against(&self.measured(), limit)
                .overflow
                .is_some()
        })
    }

    /// The reply in its channel's unit against `limit`: `measured` (see
    /// [`Context::measured`]) counted in that unit, or its SMS parts.
    pub fn measure_against(
        &self,
        measured: &crate::text::expand::Measured<'_>,
        limit: u64,
    ) -> crate::text::count::Measure {
        use crate::text::count::{Unit, measure, sms_parts};
        match self.channel.unit {
            Unit::SmsParts => sms_parts(self.measured_sms(), Some(limit)),
            unit => measure(unit, &measured.text, Some(limit)),
        }
    }
}

/// Collects one rule's diagnostics; the engine sets rule id and severity.
#[derive(Debug)]
pub struct Sink {
    rule: &'static str,
    severity: Severity,
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(rule: &'static str, severity: Severity) -> Self {
        Sink {
            rule,
            severity,
            diagnostics: Vec::new(),
        }
    }

    /// The severity the configuration gives this rule here.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Report a problem at `span`; returns the diagnostic to add help or a
    /// fix to.
    pub fn report(&mut self, span: impl Into<Span>, message: impl Into<String>) -> &mut Diagnostic {
        let severity = self.severity;
        self.report_with_severity(span, message, severity)
    }

    /// Report a problem whose message names places in the file.
    pub fn report_message(&mut self, span: impl Into<Span>, message: Message) -> &mut Diagnostic {
        let (text, positions) = message.into_parts();
        let d = self.report(span, text);
        d.message_positions = positions;
        d
    }

    /// Report a problem at another severity than the configured one, for a
    /// rule whose documentation says when (`personal-data` is raised on
    /// public channels).
    pub fn report_with_severity(
        &mut self,
        span: impl Into<Span>,
        message: impl Into<String>,
        severity: Severity,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            rule: self.rule,
            severity,
            message: message.into(),
            message_positions: Vec::new(),
            help: None,
            part: crate::diagnostic::Part::Body,
            span: span.into(),
            fix: None,
        });
        self.diagnostics.last_mut().expect("just pushed")
    }
}

/// What [`declare_rule!`] declares about a rule: its [`RuleMeta`].
pub trait Declared {
    fn meta(&self) -> &'static RuleMeta;
}

/// A check.
pub trait Rule: Declared + Sync + Send {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink);
}

/// Declares each rule's module and lists the rule in [`REGISTRY`]: one line
/// a rule, `module::Struct`.
macro_rules! registry {
    ($($module:ident::$rule:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every rule, alphabetically by id.
        pub static REGISTRY: &[&dyn Rule] = &[$(&$module::$rule),*];
    };
}

// The registry: a new rule is one line here, alphabetically by id.
registry! {
    blame::Blame,
    credential_request::CredentialRequest,
    emoji::Emoji,
    exclamation::Exclamation,
    expired::Expired,
    greeting::Greeting,
    inconsistent_fact::InconsistentFact,
    invalid_character::InvalidCharacter,
    language::Language,
    link::Link,
    markup::Markup,
    max_length::MaxLength,
    missing_translation::MissingTranslation,
    mixed_language::MixedLanguage,
    near_duplicate::NearDuplicate,
    personal_data::PersonalData,
    placeholder::Placeholder,
    placeholder_fallback::PlaceholderFallback,
    policy_fact::PolicyFact,
    punctuation_spacing::PunctuationSpacing,
    readability::Readability,
    register::Register,
    repeated_word::RepeatedWord,
    sentence_length::SentenceLength,
    shouting::Shouting,
    sign_off::SignOff,
    signature::Signature,
    sms_encoding::SmsEncoding,
    sms_segments::SmsSegments,
    spelling::Spelling,
    subject_length::SubjectLength,
    text_speak::TextSpeak,
    translation_drift::TranslationDrift,
    whitespace::Whitespace,
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static RuleMeta> {
    REGISTRY.iter().map(|r| r.meta()).find(|m| m.id == id)
}

/// Every rule id.
pub fn ids() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|r| r.meta().id)
}
