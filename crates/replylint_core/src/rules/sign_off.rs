//! `sign-off`: an email reply closes with a sign-off ("Kind regards",
//! "Cordiali saluti"), followed at most by a short signature; a chat, SMS
//! or social reply does not close with a letter-style one.
//!
//! What a sign-off is, and the signature below it, are in
//! [`crate::analysis::letter`]; this file decides what to report.

use super::{Context, Rule, Sink};
use crate::analysis::letter::{
    Examples, MAX_SIGNATURE_WORDS, SIGN_OFF_WINDOW, SignOffOn, TextLine, closing_lines, convention,
    convention_language, is_signature_line, sign_off_on, starts_with_placeholder, text_lines,
};
use crate::channel::Expectation;
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::Language;
use crate::lang::lexicon::Style;
use crate::mode::Mode;

crate::declare_rule! {
    /// ## What it does
    /// Checks how a reply closes: an email must close with a sign-off
    /// before its signature; a chat, SMS or social reply must not close
    /// with a letter-style one ("Kind regards"). In detail:
    ///
    /// On channels that require a sign-off (`email`), reports a reply that
    /// does not close with one, a sign-off followed by more body text, and
    /// a sign-off from another language than the reply's. On
    /// conversational channels (`chat`, `sms`, `twitter` and the other
    /// social channels), reports a letter-style sign-off ("Kind regards",
    /// "Cordiali saluti", "Mit freundlichen Grüßen", "Atentamente",
    /// "Cordialement", "Atenciosamente") near the end of the reply;
    /// conversational ones ("Thanks!", "A presto!") are fine there.
    ///
    /// A sign-off is one of the last five lines with text (never the
    /// greeting line) that starts with a phrase from
    /// `rules/lexicon/sign-offs.toml` (it, en, es, fr, de, pt), followed on
    /// that line by at most a name ("Kind regards, Anna"), another sign-off
    /// ("Grazie e buona giornata!") or, after a letter-style formula, the
    /// rest of its sentence ("Veuillez agréer, Madame, Monsieur,
    /// l'expression de nos salutations distinguées."). "Sincerely apologise
    /// for the delay" is not a sign-off. A signature may follow: up to four
    /// lines of at most eight words, or of names, numbers and addresses
    /// only. When the reply's language is known, its own list is used
    /// (on `email`, a sign-off from another list is reported as being in
    /// the wrong language); otherwise every list is.
    ///
    /// On channels that require a sign-off, a sign-off alone on its line
    /// must not end with a mark its language rejects (data in
    /// `rules/lexicon/conventions.toml`): in German none at all, since
    /// DIN 5008 writes "Mit freundlichen Grüßen" without punctuation and
    /// the name on the next line, so a trailing `,` `.` `;` or `:` is
    /// reported; in the other languages `;` and `:` ("Kind regards;").
    /// The safe fix removes the mark. When the reply's language is
    /// unknown, only a sign-off that belongs to a single language is
    /// judged.
    ///
    /// ## Why is this bad?
    /// An email that stops after its last sentence feels cut off, and one
    /// whose "Kind regards" sits above another paragraph looks assembled
    /// from pieces. In a chat window, "Cordiali saluti" after a two-line
    /// answer sounds like a form letter.
    ///
    /// ## Example
    /// On `email`, with `--lang it`:
    /// ```text
    /// Gentile Mario,
    /// il suo rimborso è stato emesso oggi.
    /// ```
    /// Use instead:
    /// ```text
    /// Gentile Mario,
    /// il suo rimborso è stato emesso oggi.
    ///
    /// Cordiali saluti,
    /// Anna
    /// Servizio clienti Acme
    /// ```
    /// On `chat`, a closing `Kind regards` is reported; use `Thanks!` or
    /// nothing.
    ///
    /// A missing sign-off is reported on drafts only, and only when the
    /// reply's language is set or detected for sure (the rule abstains on a
    /// language it has no lexicon for): a template leaves the sign-off to
    /// the signature the helpdesk adds to every message. A reply marked
    /// `partial` (a snippet pasted into others) is not checked at all.
    ///
    /// ## Options
    /// - `sign-off` (channel setting): `required` (a sign-off must close
    ///   the reply), `conversational` (letter-style sign-offs are reported)
    ///   or `any` (nothing is checked).
    /// - `partial` (front matter, library field, `[[paths]]`): `true` for
    ///   snippets; the rule skips them.
    pub struct SignOff {
        id: "sign-off",
        severity: Warning,
        fix: Sometimes,
    }
}
impl Rule for SignOff {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        if cx.partial {
            return;
        }
        match cx.channel.sign_off {
            Expectation::Required => required(cx, sink),
            Expectation::Conversational => conversational(cx, sink),
            Expectation::Any => {}
        }
    }
}

/// A sign-off must close the reply.
fn required(cx: &Context<'_>, sink: &mut Sink) {
    let body = cx.body();
    let last = text_lines(body).next_back();
    if cx.mode == Mode::Template && last.is_some_and(|l| starts_with_placeholder(body, &l)) {
        // "{{agent.signature}}": the sign-off is filled in later.
        return;
    }
    let examples = Examples::of(cx.language.unwrap_or(Language::En));
    let suggestion = || format!("`{}` or `{}`", examples.sign_offs[0], examples.sign_offs[1]);
    let closing = closing_lines(&cx.letter());
    let found: Vec<(usize, SignOffOn<'_>)> = closing
        .iter()
        .enumerate()
        .filter_map(|(i, line)| sign_off_on(&cx.letter(), line, true).map(|f| (i, f)))
        .collect();
    let signature_follows = |i: usize| closing[i + 1..].iter().all(is_signature_line);
    let closes = found
        .iter()
        .filter(|(i, _)| signature_follows(*i))
        .max_by_key(|(i, s)| (s.found.in_language, *i));
    if let Some((i, s)) = closes {
        let f = &s.found;
        if let (false, Some(lang)) = (f.in_language, cx.language) {
            sink.report(
                f.span,
                format!(
                    "`{}` is not {} sign-off",
                    &body[f.span.start..f.span.end],
                    lang.with_article()
                ),
            )
            .with_help(format!(
                "the reply is in {}: close it with e.g. {}",
                lang.name(),
                suggestion()
            ));
        } else {
            punctuation(cx, &closing[*i], s, sink);
        }
        return;
    }
    if let Some((_, s)) = found.last() {
        sink.report(s.found.span, "sign-off must close the reply").with_help(format!(
            "move the text that follows it above it: after a sign-off comes only a short signature (up to {} lines of at most {} words)",
            SIGN_OFF_WINDOW - 1,
            MAX_SIGNATURE_WORDS
        ));
        return;
    }
    // No sign-off at all: said only about a draft in a language with a
    // sign-off lexicon (declared, or detected for sure). A template leaves
    // it to the signature the helpdesk adds to every message.
    let known = cx.language_or_detected().is_some();
    if !known || cx.mode == Mode::Template {
        return;
    }
    let span = last.map_or(Span::empty(0), |l| l.span());
    sink.report(
        span,
        format!("reply has no sign-off (required on `{}`)", cx.channel.id),
    )
    .with_help(format!(
        "close the reply with a sign-off before the signature, e.g. {}",
        suggestion()
    ));
}

/// A letter-style sign-off must not close the reply.
fn conversational(cx: &Context<'_>, sink: &mut Sink) {
    let body = cx.body();
    for line in closing_lines(&cx.letter()) {
        // Letter-style in the reply's language only.
        let Some(SignOffOn { found: f, .. }) = sign_off_on(&cx.letter(), &line, false) else {
            continue;
        };
        if f.phrase.style != Style::Letter {
            continue;
        }
        let examples = Examples::of(cx.language.unwrap_or(f.phrase.language));
        sink.report(
            f.span,
            format!(
                "letter-style sign-off `{}` is too formal for `{}`",
                &body[f.span.start..f.span.end],
                cx.channel.id
            ),
        )
        .with_help(format!(
            "close with a conversational sign-off, e.g. `{}` or `{}`, or none",
            examples.chat_sign_offs[0], examples.chat_sign_offs[1]
        ));
    }
}

/// Punctuation conventions of the sign-off `s` on `line`: a mark the
/// language rejects after a sign-off alone on its line ("Mit
/// freundlichen Grüßen,").
fn punctuation(cx: &Context<'_>, line: &TextLine<'_>, s: &SignOffOn<'_>, sink: &mut Sink) {
    let Some(language) = convention_language(&cx.letter(), &cx.settings.lexicons.sign_offs, line, &s.found)
    else {
        return;
    };
    let Some(conv) = convention(language) else {
        return;
    };
    let body = cx.body();
    let line_end = line.start + line.text.len();
    let rest = &body[s.chain_end..line_end];
    let mut marks = rest.trim().chars();
    let (Some(mark), None) = (marks.next(), marks.next()) else {
        return;
    };
    if !conv.sign_off_rejected.contains(&mark) {
        return;
    }
    let span = Span::new(line_end - mark.len_utf8(), line_end);
    sink.report(
        span,
        format!(
            "sign-off ends with `{mark}`; {} sign-offs take no `{mark}`",
            language.name()
        ),
    )
    .with_help(format!(
        "write `{}` ({})",
        &body[line.start..s.chain_end],
        conv.sign_off_source
    ))
    .with_fix(Fix::safe(vec![Edit::delete(Span::new(
        s.chain_end,
        line_end,
    ))]));
}
