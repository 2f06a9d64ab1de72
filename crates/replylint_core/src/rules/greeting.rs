//! `greeting`: an email reply opens with a greeting; a chat, SMS or social
//! reply does not open with a letter-style one ("Dear …", "Gentile …").
//!
//! What a greeting is, and the letter structure around it, are in
//! [`crate::analysis::letter`]; this file decides what to report.

use super::{Context, Rule, Sink};
use crate::analysis::letter::{
    sign_off_start,
    Convention, Examples, Found, MAX_SIGNATURE_WORDS, TextLine, convention, convention_language,
    greeting_on, is_salutation, lone_salutation, starts_with_placeholder, text_lines,
};
use crate::analysis::tokens;
use crate::channel::Expectation;
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::Language;
use crate::lang::lexicon::Style;
use crate::mode::Mode;

crate::declare_rule! {
    /// ## What it does
    /// Checks how a reply opens: an email must open with a greeting; a
    /// chat, SMS or social reply must not open with a letter-style one
    /// ("Dear …"). In detail:
    ///
    /// On channels that require a greeting (`email`), reports a reply that
    /// does not open with one, a greeting that comes after other text
    /// (within the first three lines), and a greeting from another language
    /// than the reply's. On conversational channels (`chat`, `sms`,
    /// `twitter` and the other social channels), reports a letter-style
    /// greeting ("Dear …", "Gentile …", "Egregio …", "Estimado …", "Sehr
    /// geehrte …", "Madame, Monsieur", "Prezado …") opening the reply;
    /// conversational ones ("Hi Anna!", "Ciao Luca!", "Hola") are fine
    /// there.
    ///
    /// Greetings come from the per-language lists in
    /// `rules/lexicon/greetings.toml` (it, en, es, fr, de, pt), matched as
    /// whole words at the start of the first line with text; blank lines,
    /// the @handles that open a social reply (`@acme_help`), emoji and
    /// opening punctuation (`¡`) before it are skipped. When the reply's
    /// language is known, its own list is used (on `email`, a greeting from
    /// another list is reported as being in the wrong language); otherwise
    /// every list is. A letter-style word only counts as a greeting when a
    /// name, not a sentence, follows it: "Dear Ms Smith," is one, "Dear
    /// customers of our shop will …" is not.
    ///
    /// On channels that require a greeting, its punctuation follows the
    /// conventions of its language, kept as data in
    /// `rules/lexicon/conventions.toml` with their sources:
    ///
    /// | language | a salutation alone on its line ends with | reported, with a safe fix |
    /// |---|---|---|
    /// | en | `,` (British), `:` (formal US) or nothing | `;` `.` → `,` |
    /// | it | `,` (`Gentile Mario,`), `:` or nothing | `;` `.` → `,` |
    /// | es | `:` (`Estimado Sr. Pérez:`, `Hola, Lucía:`; RAE) | `,` `;` `.` or nothing → `:` |
    /// | fr | `,` (`Madame, Monsieur,`) or nothing | `:` `;` `.` → `,` |
    /// | de | `,` (`Sehr geehrte Frau Weber,`; DIN 5008) | `:` `;` `.` or nothing → `,` |
    /// | pt | `,` (`Prezado Sr. Silva,`), `:` or nothing | `;` `.` → `,` |
    ///
    /// `!` is accepted everywhere ("Ciao Luca!"). A salutation is alone on
    /// its line when at most four words of a name follow the greeting; a
    /// `.` after a title ("Dear Mr.") or after a greeting without a name
    /// ("Hello.") is not judged. In German the text after the salutation's
    /// comma goes on in lower case (DIN 5008): the first word after it, on
    /// the same line or the next, is reported when it is capitalised and
    /// on the file's list of words that are never capitalised inside a
    /// sentence (pronouns such as "Wir" and "Ich", articles, conjunctions,
    /// prepositions, adverbs, auxiliary verbs, and "Vielen", "Danke",
    /// "Leider", "Gerne"); nouns, names and the polite "Sie"/"Ihr" keep
    /// their capital, and a word not on the list is never reported. When
    /// the reply's language is unknown, only a greeting that belongs to a
    /// single language is judged ("Sehr geehrte", not "Hi").
    ///
    /// A missing greeting is reported only when the reply's language is
    /// set or detected for sure (the rule abstains on a language it has no
    /// lexicon for, and never suggests another language's greeting), and,
    /// in a template, only when the template closes with a sign-off: a
    /// canned text with neither is a notice or a paragraph pasted into a
    /// reply. A reply marked `partial` (a snippet) is not checked at all.
    ///
    /// ## Why is this bad?
    /// An email without a greeting reads as curt, or as an automated
    /// message; a greeting below the first line looks like a copy-paste
    /// accident. In a chat window or a tweet, "Dear Mr Rossi," sounds like
    /// a form letter: the medium sets the register.
    ///
    /// ## Example
    /// On `email`, with `--lang it`:
    /// ```text
    /// Il suo rimborso è stato emesso oggi.
    /// ```
    /// Use instead:
    /// ```text
    /// Gentile Mario,
    /// il suo rimborso è stato emesso oggi.
    /// ```
    /// On `chat`, `Dear Anna, your order has shipped.` is reported; use
    /// `Hi Anna! Your order has shipped.`
    ///
    /// ## Options
    /// - `greeting` (channel setting): `required` (a greeting must open the
    ///   reply), `conversational` (letter-style greetings are reported) or
    ///   `any` (nothing is checked).
    /// - `partial` (front matter, library field, `[[paths]]`): `true` for
    ///   snippets; the rule skips them.
    pub struct Greeting {
        id: "greeting",
        severity: Warning,
        fix: Sometimes,
    }
}

/// Greetings are looked for in the first few text lines only.
const GREETING_WINDOW: usize = 3;

impl Rule for Greeting {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        if cx.partial {
            return;
        }
        match cx.channel.greeting {
            Expectation::Required => required(cx, sink),
            Expectation::Conversational => conversational(cx, sink),
            Expectation::Any => {}
        }
    }
}

/// A greeting must open the reply.
fn required(cx: &Context<'_>, sink: &mut Sink) {
    let body = cx.body();
    let mut lines = text_lines(body);
    let examples = Examples::of(cx.language.unwrap_or(Language::En));
    let suggestion = || format!("`{}` or `{}`", examples.letter_greeting, examples.greeting);
    let Some(first) = lines.next() else {
        sink.report(Span::empty(0), missing_message(cx))
            .with_help(format!(
                "open the reply with a greeting, e.g. {}",
                suggestion()
            ));
        return;
    };
    if cx.mode == Mode::Template && starts_with_placeholder(body, &first) {
        // "{{greeting}} Anna,": the greeting is filled in later.
        return;
    }
    // Another language's greeting counts only when it reads as one ("Hi
    // Mario," in an Italian reply, not "Cara" in a Spanish sentence).
    let opening = greeting_on(&cx.letter(), &first, true, true)
        .filter(|g| g.in_language || is_salutation(&first, g));
    if let Some(g) = opening {
        if let (false, Some(lang)) = (g.in_language, cx.language) {
            sink.report(
                g.span,
                format!(
                    "`{}` is not {} greeting",
                    &body[g.span.start..g.span.end],
                    lang.with_article()
                ),
            )
            .with_help(format!(
                "the reply is in {}: open it with e.g. {}",
                lang.name(),
                suggestion()
            ));
        } else {
            punctuation(cx, &first, &g, lines.next(), sink);
        }
        return;
    }
    for _ in 1..GREETING_WINDOW {
        let Some(line) = lines.next() else {
            break;
        };
        let body_follows = lines
            .clone()
            .any(|l| tokens::spaced_count(l.text) > MAX_SIGNATURE_WORDS);
        if let Some(g) =
            greeting_on(&cx.letter(), &line, body_follows, true).filter(|g| is_salutation(&line, g))
        {
            sink.report(g.span, "greeting must open the reply")
                .with_help("move the greeting to the first line of the reply");
            return;
        }
    }
    // No greeting at all: said only about a reply in a language with a
    // greeting lexicon (declared, or detected for sure), and about a
    // template only when it closes like a letter: a canned text without
    // greeting or sign-off is a notice or a paragraph pasted into a reply.
    let known = cx.language_or_detected().is_some();
    let letter = cx.mode == Mode::Draft || sign_off_start(&cx.letter()).is_some();
    if !known || !letter {
        return;
    }
    sink.report(first_word(&first), missing_message(cx))
        .with_help(format!(
            "open the reply with a greeting, e.g. {}",
            suggestion()
        ));
}

/// A letter-style greeting must not open the reply.
fn conversational(cx: &Context<'_>, sink: &mut Sink) {
    let body = cx.body();
    let Some(first) = text_lines(body).next() else {
        return;
    };
    // Letter-style in the reply's language only: "Madame Tussauds" opens
    // an English reply.
    let Some(g) = greeting_on(&cx.letter(), &first, true, false) else {
        return;
    };
    if g.phrase.style != Style::Letter || !is_salutation(&first, &g) {
        return;
    }
    let examples = Examples::of(cx.language.unwrap_or(g.phrase.language));
    sink.report(
        g.span,
        format!(
            "letter-style greeting `{}` is too formal for `{}`",
            &body[g.span.start..g.span.end],
            cx.channel.id
        ),
    )
    .with_help(format!(
        "use a conversational greeting, e.g. `{}`",
        examples.chat_greeting
    ));
}

fn missing_message(cx: &Context<'_>) -> String {
    format!("reply has no greeting (required on `{}`)", cx.channel.id)
}

/// The first word of a line, without the punctuation after it.
fn first_word(line: &TextLine<'_>) -> Span {
    let word = tokens::spaced(line.text).next().unwrap_or_default();
    let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let len = if trimmed.is_empty() {
        word.len()
    } else {
        trimmed.len()
    };
    Span::new(line.start, line.start + len)
}

/// Punctuation conventions of the greeting `g` opening `line`: how a
/// salutation alone on its line ends, and the case of the word after its
/// comma. `next` is the next line with text.
fn punctuation(
    cx: &Context<'_>,
    line: &TextLine<'_>,
    g: &Found<'_>,
    next: Option<TextLine<'_>>,
    sink: &mut Sink,
) {
    let Some(language) = convention_language(&cx.letter(), &cx.settings.lexicons.greetings, line, g) else {
        return;
    };
    let Some(conv) = convention(language) else {
        return;
    };
    let body = cx.body();
    if let Some(lone) = lone_salutation(line, g)
        && lone.mark != Some('!')
        && lone.mark != Some('?')
        && !conv.salutation_accepted.contains(&lone.mark)
    {
        let kept = &body[lone.without_mark.start..lone.without_mark.end];
        let preferred = conv
            .salutation_preferred
            .map(String::from)
            .unwrap_or_default();
        let wanted = match conv.salutation_preferred {
            Some(p) => format!("`{p}`"),
            None => "no mark".to_owned(),
        };
        let help = format!("write `{kept}{preferred}` ({})", conv.salutation_source);
        match lone.mark {
            Some(m) => {
                let replaced = Span::new(lone.without_mark.end, lone.mark_span.end);
                sink.report(
                    lone.mark_span,
                    format!(
                        "salutation ends with `{m}`; {} salutations end with {wanted}",
                        language.name()
                    ),
                )
                .with_help(help)
                .with_fix(Fix::safe(vec![Edit::replace(replaced, preferred)]));
            }
            None => {
                sink.report(
                    lone.without_mark,
                    format!(
                        "salutation has no closing mark; {} salutations end with {wanted}",
                        language.name()
                    ),
                )
                .with_help(help)
                .with_fix(Fix::safe(vec![Edit::insert(
                    lone.without_mark.end,
                    preferred,
                )]));
            }
        }
    }
    lower_case_after(cx, line, g, next, conv, language, sink);
}

/// A word from the language's `lower-case-after-salutation` list written
/// with a capital right after the salutation's comma ("Sehr geehrte Frau
/// Weber,\nVielen Dank …").
fn lower_case_after(
    cx: &Context<'_>,
    line: &TextLine<'_>,
    g: &Found<'_>,
    next: Option<TextLine<'_>>,
    conv: &Convention,
    language: Language,
    sink: &mut Sink,
) {
    if conv.lower_case_after_salutation.is_empty() {
        return;
    }
    let body = cx.body();
    let rest = g.rest(line);
    // The salutation must end with a comma: the first mark after the
    // greeting.
    let Some(stop) = rest.find([',', ':', ';', '!', '?', '.']) else {
        return;
    };
    if !rest[stop..].starts_with(',') {
        return;
    }
    let after = &rest[stop + 1..];
    let (text, start) = if after.trim().is_empty() {
        // The next line, if nothing (a bullet, an emoji) leads it.
        let Some(next) = next.filter(|n| body[n.line_start..n.start].trim().is_empty()) else {
            return;
        };
        (next.text, next.start)
    } else {
        let text = after.trim_start();
        (text, line.start + line.text.len() - text.len())
    };
    let word = tokens::leading_letters(text);
    let word_len = word.len();
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return;
    };
    // A capital, then lower case ("Vielen", not "WIR").
    if !first.is_uppercase() || chars.any(char::is_uppercase) {
        return;
    }
    let lower = word.to_lowercase();
    if !conv.lower_case_after_salutation.contains(&lower) {
        return;
    }
    let span = Span::new(start, start + word_len);
    let first_span = Span::new(start, start + first.len_utf8());
    let first_lower: String = first.to_lowercase().collect();
    sink.report(
        span,
        format!(
            "`{word}` after the salutation's comma: {} goes on in lower case",
            language.name()
        ),
    )
    .with_help(format!("write `{lower}` ({})", conv.lower_case_source))
    .with_fix(Fix::safe(vec![Edit::replace(first_span, first_lower)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_word_leaves_out_trailing_punctuation() {
        let line = TextLine {
            line_start: 0,
            start: 0,
            text: "Grazie, il suo ordine",
        };
        assert_eq!(first_word(&line), Span::new(0, 6));
        let line = TextLine {
            line_start: 0,
            start: 0,
            text: "...",
        };
        assert_eq!(first_word(&line), Span::new(0, 3));
    }
}
