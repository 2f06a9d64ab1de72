//! `punctuation-spacing`: the space before `! ? : ; ,`, by language.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::Language;

crate::declare_rule! {
    /// ## What it does
    /// Checks the space before `!`, `?`, `:`, `;` and `,` the way the
    /// reply's language wants it: none in Italian, English, Spanish, German
    /// and Portuguese; a no-break space before `! ? : ;` in French.
    ///
    /// - Italian, English, Spanish, German, Portuguese: no space before any
    ///   of them (`Ciao !` → `Ciao!`). The safe fix deletes the space.
    /// - French: a narrow no-break space (U+202F) before `!`, `?` and `;`,
    ///   a no-break space (U+00A0) before `:` (either no-break space, or a
    ///   thin space, is accepted before all four), no space before `,`. A
    ///   missing space (`Merci!`) has a safe fix that inserts the no-break
    ///   space. An ordinary space (`Merci !`) is how most French is typed
    ///   and is accepted, unless the channel sets `strict-french-spacing`:
    ///   then it is reported too (it lets the `!` wrap alone onto the next
    ///   line), with a safe fix that makes it no-break.
    ///
    /// A run of marks (`?!`, `!!`) is checked once, before its first mark.
    /// Left alone: emoticons (`:)`, `;-)`, `:D`), a mark followed directly
    /// by a letter or digit (`10:30`, `:D`, `!important`), a mark that opens
    /// a line, a mark after an ellipsis in French (`Vraiment… ?` and
    /// `Vraiment…?` are both in use), Markdown images (`![`), and URLs,
    /// e-mail addresses, placeholders and words with digits. A space
    /// between a link or an e-mail address and the mark is needed (it keeps
    /// the `?` out of the link) and is never reported.
    ///
    /// On an SMS channel (one that sets `max-segments`) French takes a
    /// plain space: GSM-7 has no no-break space, and one turns the whole
    /// message into UCS-2 (see `sms-encoding`).
    ///
    /// The language is the reply's (config, front matter, `--lang`) or,
    /// when nothing sets it, the detected one; when neither is known the
    /// rule says nothing, since French and the other languages want
    /// opposite things. When the rule would report something and detection
    /// is confident that the text is in another language than the one set
    /// (a French reply filed as Italian, which `language` reports), the
    /// text's own language decides.
    ///
    /// ## Why is this bad?
    /// `Grazie !` is a typing habit carried over from French, and it looks
    /// careless in Italian or English. In French the space belongs there,
    /// but an ordinary one lets the `!` wrap alone onto the next line in
    /// a chat bubble or a narrow mail client.
    ///
    /// ## Example
    /// Italian:
    /// ```text
    /// Ciao Luca ! Il tuo ordine è partito : arriva domani .
    /// ```
    /// Use instead:
    /// ```text
    /// Ciao Luca! Il tuo ordine è partito: arriva domani.
    /// ```
    /// French: `Merci!` becomes `Merci⍽!` (U+202F); so does `Merci !`
    /// with `strict-french-spacing`.
    ///
    /// ## Options
    /// - `strict-french-spacing` (channel setting): in French, report an
    ///   ordinary space before `; : ! ?` too. Default `false` on every
    ///   built-in channel.
    pub struct PunctuationSpacing {
        id: "punctuation-spacing",
        severity: Warning,
        fix: Always,
    }
}

const NARROW_NBSP: char = '\u{202f}';
const NBSP: char = '\u{a0}';
const THIN_SPACE: char = '\u{2009}';

/// Marks this rule looks at.
const fn is_mark(c: char) -> bool {
    matches!(c, '!' | '?' | ':' | ';' | ',')
}

/// [`is_mark`] of each byte: a lookup per byte of the body.
static MARK_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = is_mark(b as u8 as char);
        b += 1;
    }
    table
};

/// Horizontal white space that can stand before a mark.
fn is_space(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// What follows `:` or `;` in an emoticon.
fn is_emoticon_tail(c: char) -> bool {
    matches!(
        c,
        ')' | '(' | '-' | '/' | '\\' | '|' | '*' | '\'' | '[' | ']' | '$' | '@' | '^' | '>' | '<'
    )
}

impl Rule for PunctuationSpacing {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        // Only a space before a mark is wrong outside French: a reply in
        // another language without one has nothing to report.
        let mut rough = candidates(body, body).peekable();
        if rough.peek().is_none()
            || (cx.language.is_some_and(|l| l != Language::Fr)
                && rough.all(|c| c.space_start == c.at))
        {
            return;
        }
        let candidates: Vec<Candidate> = candidates(body, cx.prose()).collect();
        if candidates.is_empty() {
            return;
        }
        let strict = (
            cx.channel.strict_french_spacing,
            cx.channel.max_segments.is_some(),
        );
        let detect = || cx.detected().map(|d| d.language);
        let Some(language) = cx.language.or_else(detect) else {
            return;
        };
        let mut found = Sink::new(sink.rule, sink.severity);
        check_all(body, &candidates, language, strict, &mut found);
        if !found.diagnostics.is_empty()
            && cx.language.is_some()
            && let Some(own) = detect()
            && own != language
        {
            found.diagnostics.clear();
            check_all(body, &candidates, own, strict, &mut found);
        }
        sink.diagnostics.append(&mut found.diagnostics);
    }
}

fn check_all(
    body: &str,
    candidates: &[Candidate],
    language: Language,
    (strict, sms): (bool, bool),
    sink: &mut Sink,
) {
    for c in candidates {
        if language == Language::Fr {
            french(body, c, strict, sms, sink);
        } else {
            no_space(body, c, language, sink);
        }
    }
}

/// A mark (the first of a run) worth checking.
struct Candidate {
    /// Byte offset of the mark.
    at: usize,
    mark: char,
    /// Start of the white space before the mark (`at` when there is none).
    space_start: usize,
    /// The character before that white space.
    before: char,
}

/// Every mark that opens a run, is not blanked out in `prose`, is prose
/// punctuation (not followed by a letter or digit, not an emoticon or
/// `![`) and has something other than white space before it on its line.
///
/// The marks are ASCII and an ASCII byte is always a whole character in
/// UTF-8, so the body is searched byte by byte and decoded only around a
/// mark.
fn candidates<'a>(body: &'a str, prose: &'a str) -> impl Iterator<Item = Candidate> + 'a {
    let bytes = body.as_bytes();
    let is_mark_byte = |b: u8| MARK_BYTES[usize::from(b)];
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + bytes.get(from..)?.iter().position(|&b| is_mark_byte(b))?;
        from = at + 1;
        Some(at)
    })
    .filter_map(move |at| {
        let b = bytes[at];
        if prose.as_bytes().get(at) != Some(&b) {
            return None;
        }
        let mark = char::from(b);
        // A run of marks is checked at its first (commas stand alone).
        let was_mark = at > 0 && is_mark_byte(bytes[at - 1]) && bytes[at - 1] != b',';
        if was_mark && mark != ',' {
            return None;
        }
        let next = body[at + 1..].chars().next();
        if next.is_some_and(char::is_alphanumeric)
            || (matches!(mark, ':' | ';') && next.is_some_and(is_emoticon_tail))
            || (mark == '!' && matches!(next, Some('[' | '=')))
            || (mark == ',' && next == Some(','))
        {
            return None;
        }
        let head = &body[..at];
        let trimmed = head.trim_end_matches(is_space);
        let before = trimmed.chars().next_back()?;
        if before == '\n' {
            return None;
        }
        Some(Candidate {
            at,
            mark,
            space_start: trimmed.len(),
            before,
        })
    })
}

/// Languages that want no space before the mark.
fn no_space(body: &str, c: &Candidate, language: Language, sink: &mut Sink) {
    if c.space_start == c.at || is_mark(c.before) || after_link(body, c.space_start) {
        return;
    }
    let span = Span::new(c.space_start, c.at);
    let what = if body[span.start..span.end].chars().count() > 1 {
        "spaces"
    } else {
        "space"
    };
    sink.report(
        Span::new(c.space_start, c.at + c.mark.len_utf8()),
        format!("{what} before `{}`: {} puts none", c.mark, language.name()),
    )
    .with_help(format!("write `{}` right after the word", c.mark))
    .with_fix(Fix::safe(vec![Edit::delete(span)]));
}

/// Whether the text before `end` ends with a link or an e-mail address:
/// the space after it keeps the mark out of the link when it is clicked.
fn after_link(body: &str, end: usize) -> bool {
    use crate::lang::prose::{NotProse, not_prose};
    let word = body[..end].rsplit(char::is_whitespace).next().unwrap_or_default();
    not_prose(word).any(|(r, kind)| {
        r.end == word.len() && matches!(kind, NotProse::Url | NotProse::Email)
    })
}

/// French: a no-break space before `! ? ; :`, none before `,`. On an SMS
/// channel a plain space: GSM-7 has no no-break space, and one would turn
/// the message into UCS-2 (`sms-encoding`).
fn french(body: &str, c: &Candidate, strict: bool, sms: bool, sink: &mut Sink) {
    let space = &body[c.space_start..c.at];
    if c.mark == ',' {
        no_space(body, c, Language::Fr, sink);
        return;
    }
    if matches!(c.before, '.' | '…') || is_mark(c.before) {
        return;
    }
    let (wanted, name) = if sms {
        (' ', "a space")
    } else if c.mark == ':' {
        (NBSP, "a no-break space (U+00A0)")
    } else {
        (NARROW_NBSP, "a narrow no-break space (U+202F)")
    };
    let no_break = |ch: char| matches!(ch, NBSP | NARROW_NBSP | THIN_SPACE);
    let mark_span = Span::new(c.space_start, c.at + c.mark.len_utf8());
    if space.is_empty() {
        sink.report(mark_span, format!("French puts {name} before `{}`", c.mark))
            .with_help("insert it, so the mark stays on the line of the word before it")
            .with_fix(Fix::safe(vec![Edit::insert(c.at, wanted.to_string())]));
        return;
    }
    // A no-break space is there (several spaces are `whitespace`'s
    // business), or ordinary spaces are accepted.
    if space.chars().any(no_break) || !strict || sms {
        return;
    }
    sink.report(
        mark_span,
        format!(
            "ordinary space before `{}`: French puts {name} there",
            c.mark
        ),
    )
    .with_help("make it no-break, so the mark never starts a line")
    .with_fix(Fix::safe(vec![Edit::replace(
        Span::new(c.space_start, c.at),
        wanted.to_string(),
    )]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(body: &str) -> Vec<(usize, char)> {
        let prose = crate::lang::detect::prose(body);
        candidates(body, &prose).map(|c| (c.at, c.mark)).collect()
    }

    #[test]
    fn candidates_skip_emoticons_times_urls_and_runs() {
        assert_eq!(marks("Ciao :) ok ;-) 10:30 :D"), vec![]);
        assert_eq!(marks("https://acme.it/a?b=c! {{x}}:"), vec![(28, ':')]);
        assert_eq!(marks("Davvero ?!"), vec![(8, '?')]);
        assert_eq!(marks("? at start\n! too"), vec![]);
        assert_eq!(marks("a , b"), vec![(2, ',')]);
    }
}
