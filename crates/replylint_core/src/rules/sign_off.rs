//! `sign-off`: an email reply closes with a sign-off ("Kind regards",
//! "Cordiali saluti"), followed at most by a short signature; a chat, SMS
//! or social reply does not close with a letter-style one.

use super::greeting::{
    Examples, Found, MAX_SIGNATURE_WORDS, TextLine, convention, convention_language, find,
    greeting_on, starts_with_placeholder, text_lines, with_article,
};
use super::{Context, Rule, Sink};
use crate::channel::Expectation;
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::Language;
use crate::lang::lexicon::Style;
use crate::mode::Mode;
use crate::text::word_count;

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
    /// ## Options
    /// - `sign-off` (channel setting): `required` (a sign-off must close
    ///   the reply), `conversational` (letter-style sign-offs are reported)
    ///   or `any` (nothing is checked).
    pub struct SignOff {
        id: "sign-off",
        severity: Warning,
        fix: Sometimes,
    }
}

/// A sign-off is looked for among this many last text lines: the sign-off
/// itself and a signature of up to `WINDOW - 1` lines.
const WINDOW: usize = 5;
/// At most this many words of a name after the sign-off on its line
/// ("Kind regards, Anna from the Acme team").
const MAX_NAME_WORDS: usize = 6;
/// At most this many words on a letter-style formula line ("Veuillez
/// agréer, Madame, Monsieur, l'expression de nos salutations distinguées.").
const MAX_FORMULA_WORDS: usize = 30;

/// At most this many sign-offs chained on one line ("Grazie ancora e
/// buona serata!").
const MAX_CHAINED: usize = 3;
/// Words that join two sign-offs on one line.
const CONJUNCTIONS: &[&str] = &["and", "e", "ed", "y", "et", "und"];

/// Lower-case words that may appear in the name after a sign-off ("the
/// Acme team", "il team di Acme", "Juan de Atención al Cliente").
const NAME_PARTICLES: &[&str] = &[
    // en
    "the",
    "team",
    "from",
    "of",
    "at",
    "and",
    "your",
    "support",
    "customer",
    "care",
    "service",
    // it
    "il",
    "lo",
    "la",
    "l",
    "i",
    "gli",
    "le",
    "di",
    "del",
    "della",
    "dello",
    "dei",
    "degli",
    "delle",
    "da",
    "dal",
    "dalla",
    "e",
    "servizio",
    "clienti",
    "assistenza",
    // es
    "el",
    "los",
    "las",
    "de",
    "y",
    "equipo",
    "atención",
    "al",
    "cliente",
    // fr
    "du",
    "des",
    "et",
    "équipe",
    // de
    "von",
    "vom",
    "der",
    "die",
    "das",
    "und",
    "aus",
    "ihr",
    "ihre",
    "dein",
    "deine",
    "euer",
    "eure",
    "kundenservice",
    "kundendienst",
    // pt
    "o",
    "a",
    "os",
    "as",
    "do",
    "dos",
    "equipe",
    "atendimento",
    "suporte",
];

impl Rule for SignOff {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
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
    let closing = closing_lines(cx, body);
    let found: Vec<(usize, SignOffOn<'_>)> = closing
        .iter()
        .enumerate()
        .filter_map(|(i, line)| sign_off_on(cx, line, true).map(|f| (i, f)))
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
                    with_article(lang)
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
            WINDOW - 1,
            MAX_SIGNATURE_WORDS
        ));
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
    for line in closing_lines(cx, body) {
        // Letter-style in the reply's language only.
        let Some(SignOffOn { found: f, .. }) = sign_off_on(cx, &line, false) else {
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
    let Some(language) = convention_language(cx, &cx.lexicons.sign_offs, line, &s.found) else {
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

/// Where the sign-off that closes the reply starts (the start of its
/// line), when there is one: the end of the body's prose, for
/// `readability` and `sentence-length`.
pub(super) fn sign_off_start(cx: &Context<'_>) -> Option<usize> {
    let closing = closing_lines(cx, cx.body());
    (0..closing.len())
        .find(|&i| {
            sign_off_on(cx, &closing[i], true).is_some()
                && closing[i + 1..].iter().all(is_signature_line)
        })
        .map(|i| closing[i].line_start)
}

/// The last text lines (at most `WINDOW`), in order, where a sign-off
/// belongs; never the greeting line.
fn closing_lines<'t>(cx: &Context<'_>, body: &'t str) -> Vec<TextLine<'t>> {
    let greeting = text_lines(body)
        .next()
        .filter(|l| greeting_on(cx, l, true, true).is_some())
        .map(|l| l.start);
    let mut closing: Vec<TextLine<'t>> = text_lines(body)
        .rev()
        .take(WINDOW)
        .take_while(|l| Some(l.start) != greeting)
        .collect();
    closing.reverse();
    closing
}

/// The sign-off opening `line`, if the rest of the line fits one: nothing,
/// a name ("Kind regards, Anna"), more sign-offs ("Grazie e buona
/// giornata!", "Thanks, have a great day!"), or, after a letter-style
/// formula of several words, the rest of its sentence ("Distinti saluti dal
/// team di Acme.", "Veuillez agréer, Madame, Monsieur, …"). When the line
/// chains several, the first letter-style one is the one returned. See
/// [`find`] for `fallback`.
fn sign_off_on<'a>(cx: &Context<'a>, line: &TextLine<'_>, fallback: bool) -> Option<SignOffOn<'a>> {
    let first = find(&cx.lexicons.sign_offs, line, cx.language, fallback)?;
    let (mut shown, mut last) = (first, first);
    for _ in 1..MAX_CHAINED {
        let rest = last.rest(line);
        let next = rest.len() - after_joint(rest).len();
        if next == 0 {
            break;
        }
        let offset = last.span.end - line.start + next;
        let tail = TextLine {
            line_start: line.line_start,
            start: line.start + offset,
            text: &line.text[offset..],
        };
        let Some(found) = find(&cx.lexicons.sign_offs, &tail, cx.language, fallback) else {
            break;
        };
        if shown.phrase.style != Style::Letter && found.phrase.style == Style::Letter {
            shown = found;
        }
        last = found;
    }
    let rest = last.rest(line);
    let words = || {
        rest.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
    };
    let count = words().count();
    let is_name = count <= MAX_NAME_WORDS && words().all(is_name_word);
    let is_formula = last.phrase.style == Style::Letter
        && last.phrase.text.contains(' ')
        && !rest.contains('?')
        && count <= MAX_FORMULA_WORDS;
    (is_name || is_formula).then_some(SignOffOn {
        found: shown,
        chain_end: last.span.end,
    })
}

/// A sign-off found on a line.
#[derive(Debug, Clone, Copy)]
struct SignOffOn<'a> {
    /// The sign-off to report (the first letter-style one of a chain).
    found: Found<'a>,
    /// Where the last sign-off of the chain ends ("Grazie e buona
    /// giornata" ends after "giornata").
    chain_end: usize,
}

/// `rest` without what may join two sign-offs: punctuation, blanks and one
/// "and" ("Grazie e buona giornata!", "Thanks, and take care").
fn after_joint(rest: &str) -> &str {
    let is_joint =
        |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '!' | '.' | '&' | '-' | '–' | '—');
    let rest = rest.trim_start_matches(is_joint);
    CONJUNCTIONS
        .iter()
        .find_map(|and| {
            let len = crate::text::starts_with_words(rest, and)?;
            rest[len..]
                .starts_with(char::is_whitespace)
                .then(|| rest[len..].trim_start())
        })
        .unwrap_or(rest)
}

/// A line that may follow a sign-off: short ("Anna Rossi", "Customer
/// Care, Acme Ltd"), or a longer line of names, numbers and addresses
/// ("Acme S.p.A. – Via Roma 1, 20121 Milano – P.IVA 01234567890").
fn is_signature_line(line: &TextLine<'_>) -> bool {
    let count = word_count(line.text);
    count <= MAX_SIGNATURE_WORDS
        || (count <= 2 * MAX_SIGNATURE_WORDS && line.text.split_whitespace().all(is_name_word))
}

/// A word of a name or signature: capitalised ("Anna", "Acme", "O'Brien"),
/// a number, an address ("www.acme.it", "help@acme.com"), or a particle
/// ("the", "di", "von").
fn is_name_word(word: &str) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    let Some(first) = core.chars().next() else {
        return true;
    };
    first.is_uppercase()
        || first.is_numeric()
        || core.contains(['@', '.', '/'])
        || core
            .split(['\'', '\u{2019}'])
            .next()
            .is_some_and(|w| NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words() {
        for w in [
            "Anna",
            "Acme,",
            "the",
            "di",
            "(Acme)",
            "24/7",
            "😊",
            "l'Acme",
            "www.acme.it",
            "help@acme.com",
        ] {
            assert!(is_name_word(w), "{w}");
        }
        for w in ["we'll", "apologise", "for", "soon.", "apologise."] {
            assert!(!is_name_word(w), "{w}");
        }
    }
}
