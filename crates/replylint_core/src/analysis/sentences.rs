//! Sentences: where they start and end in a text, for `count`,
//! `sentence-length` and `readability` ([`split`]); and the rougher
//! clauses `credential-request` reads ([`clauses`]). Language detection
//! splits paragraphs into its own sentences (`lang::detect`), at every
//! `.` `!` `?` `…` before white space.
//!
//! A sentence ends at a run of `.` `!` `?` `…` (closing quotes and
//! brackets after it included) that is followed by white space or the end
//! of the text, at a blank line (a paragraph break), before a line that
//! opens a list item (`- `, `* `, `• `, `1. `, `1) `), and at a line
//! break where the text does not go on: the line ends without `,` `;` `:`
//! or a dash and the next one does not start in lower case (`…track⏎A
//! presto!`). A line wrapped inside a sentence (`We have⏎checked your
//! order`, `Kind regards,⏎Anna`) stays one sentence.
//!
//! A period is not a boundary when:
//! - the next word starts with a lower-case letter ("approx. ten");
//! - it ends an initial or a dotted abbreviation ("J. Smith", "e.g.",
//!   "z.B.", "S.p.A.": segments of one or two letters);
//! - it ends a title or a common abbreviation (`ABBREVIATIONS`: "Mr.",
//!   "Sr.", "Dott.", "Mme", "Nr.", …), case-insensitively, or a word of
//!   at most three letters before a number ("No. 5", "n. 12");
//! - it follows the number that opens a line (a list item: "1. First");
//! - in German, it follows a number: an ordinal ("am 3. Mai").
//!
//! Spans are trimmed: a sentence starts at its first letter, digit or
//! opening mark (`¿ ¡ « " “ ( '`) and ends after its last terminator or
//! non-blank character.

use crate::lang::Language;
use std::ops::Range;

/// Titles and abbreviations after which a period does not end a sentence
/// (lower case, without the period). Ones that often end a sentence
/// ("etc.", "ecc.", "usw.") are left out.
const ABBREVIATIONS: &[&str] = &[
    // en
    "mr", "mrs", "ms", "dr", "prof", "vs", "approx", "dept", "jr", "sr", // it
    "sig", "sigg", "sigra", "dott", "dottssa", "ing", "avv", "gent", "egr", "spett", "pag", "tel",
    "cfr", "ca", // es
    "sra", "srta", "sres", "dña", "ud", "uds", "núm", "pág", "av", "avda", "tfno", // fr
    "mme", "mmes", "mlle", "mlles", "env", "cf", // de
    "hr", "fr", "nr", "bzw", "ggf", "evtl", "inkl", "zzgl", "str", // pt
    "exmo", "exma", "exmos", "sras", "dra",
];

/// Byte ranges of the sentences of `text`, trimmed, in order. `language`
/// (when known) adds its own exceptions, such as German ordinals.
pub fn split(text: &str, language: Option<Language>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Most of a sentence is ASCII words and the spaces between them:
        // skipped over without decoding. Only its words move the
        // sentence's start and end.
        let run = bytes[at..]
            .iter()
            .position(|&b| !(is_plain(b) || b == b' '))
            .unwrap_or(bytes.len() - at);
        if run > 0 {
            let words = &bytes[at..at + run];
            if let (Some(first), Some(last)) = (
                words.iter().position(|&b| b != b' '),
                words.iter().rposition(|&b| b != b' '),
            ) {
                start.get_or_insert(at + first);
                end = at + last + 1;
            }
            at += run;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if c == '\n' {
            let rest = &text[at + 1..];
            let next_line = rest.trim_start_matches([' ', '\t', '\r']);
            let line_before = text[..at].trim_end();
            // In prose whose links and placeholders are blanked out, a
            // line that ends in blanks ended with one: "see: {{ url }}"
            // is complete, and its colon does not carry on to the next
            // line.
            let ends_in_blank = at - line_before.len() > 1;
            let goes_on = (!ends_in_blank && line_before.ends_with([',', ';', ':', '-', '–', '—']))
                || next_line.chars().next().is_none_or(char::is_lowercase);
            if next_line.starts_with('\n') || opens_list_item(next_line) || !goes_on {
                close(text, &mut start, end, &mut out);
            }
            at += 1;
            continue;
        }
        let after = at + c.len_utf8();
        if c.is_whitespace() {
            at = after;
            continue;
        }
        start.get_or_insert(at);
        end = after;
        if !is_terminator(c) {
            at = after;
            continue;
        }
        // The whole run of terminators and closing marks.
        let mut single_period = c == '.';
        while let Some(next) = text[end..].chars().next() {
            if !(is_terminator(next) || is_closing(next)) {
                break;
            }
            single_period &= !is_terminator(next);
            end += next.len_utf8();
        }
        let terminator = at;
        at = end;
        let followed_by_space = text[end..].chars().next().is_none_or(char::is_whitespace);
        if !followed_by_space {
            continue;
        }
        if single_period && !period_ends_sentence(text, terminator, end, language) {
            continue;
        }
        close(text, &mut start, end, &mut out);
    }
    close(text, &mut start, end, &mut out);
    out
}

/// An ASCII byte that is neither white space nor a terminator: inside a
/// sentence, it only moves the sentence's end.
fn is_plain(b: u8) -> bool {
    b.is_ascii()
        && !matches!(
            b,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'.' | b'!' | b'?'
        )
}

/// Byte ranges of the clauses of `text`, for `credential-request`: split
/// after `.`, `!`, `?`, `…` or `;` followed by white space (or the end),
/// and after every line break; not trimmed, nothing left out.
pub fn clauses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '\n' => true,
            '.' | '!' | '?' | '…' | ';' => chars.peek().is_none_or(|&(_, n)| n.is_whitespace()),
            _ => false,
        };
        if boundary {
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Number of sentences in `text`.
pub fn count(text: &str) -> usize {
    split(text, None).len()
}

/// End the current sentence at `end`, keeping it if it has a letter or a
/// digit.
fn close(text: &str, start: &mut Option<usize>, end: usize, out: &mut Vec<Range<usize>>) {
    let Some(s) = start.take() else {
        return;
    };
    if end <= s {
        return;
    }
    let sentence = &text[s..end];
    // Leading list markers and stray punctuation go; opening marks stay.
    let lead = sentence
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric() || is_opening(c))
        .map(|(i, _)| i);
    let Some(lead) = lead else {
        return;
    };
    let lead = skip_list_marker(&sentence[lead..]).map_or(lead, |len| lead + len);
    if sentence[lead..].chars().any(char::is_alphanumeric) {
        out.push(s + lead..end);
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn is_opening(c: char) -> bool {
    matches!(c, '¿' | '¡' | '«' | '"' | '“' | '„' | '(' | '\'' | '‘')
}

/// Whether `line` opens with a list marker: `- `, `* `, `• `, `1. `, `1) `.
fn opens_list_item(line: &str) -> bool {
    skip_list_marker(line).is_some()
}

/// Byte length of a list marker and the blanks after it opening `line`.
fn skip_list_marker(line: &str) -> Option<usize> {
    let marker = if line.starts_with(['-', '*', '•', '–']) {
        line.chars().next().map_or(0, char::len_utf8)
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 || !line[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    let blanks = line[marker..].len() - line[marker..].trim_start_matches([' ', '\t']).len();
    (blanks > 0).then_some(marker + blanks)
}

/// Whether the period at `at` (its run ending at `end`) ends a sentence.
fn period_ends_sentence(text: &str, at: usize, end: usize, language: Option<Language>) -> bool {
    let next = text[end..].trim_start().chars().next();
    if next.is_some_and(char::is_lowercase) {
        return false;
    }
    let before = &text[..at];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || is_opening(c))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    // Initials and dotted abbreviations: "J.", "e.g.", "z.B.", "S.p.A.".
    let short_segments = word
        .split('.')
        .all(|seg| (1..=2).contains(&seg.chars().count()) && seg.chars().all(char::is_alphabetic));
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if short_segments && (word.contains('.') || initial) {
        return false;
    }
    // "No. 5", "n. 12", "Nr. 3", "pag. 4".
    let short_word = word.chars().count() <= 3 && word.chars().all(char::is_alphabetic);
    if short_word && next.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let numeric = word.chars().all(|c| c.is_ascii_digit());
    // "1. First item" at the start of a line is a list marker.
    let line_start = before[..word_start].trim_end_matches([' ', '\t']);
    if numeric && (line_start.is_empty() || line_start.ends_with('\n')) {
        return false;
    }
    let key: String = word
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if ABBREVIATIONS.contains(&key.as_str()) {
        return false;
    }
    if language == Some(Language::De) && numeric {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_split_at_terminators_and_lines() {
        let text = "One. Two? Three\nFour 3.5 five";
        let got: Vec<&str> = clauses(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["One.", " Two?", " Three\n", "Four 3.5 five"]);
    }

    fn sentences(text: &str, language: Option<Language>) -> Vec<&str> {
        split(text, language)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn spans_are_trimmed_of_the_spaces_around_words() {
        let text = "   Hello   world.    Next  one   \n\n  Last\t line  ";
        let got: Vec<&str> = split(text, None).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Hello   world.", "Next  one", "Last\t line"]);
        assert_eq!(sentences("  ", None), Vec::<&str>::new());
        assert_eq!(sentences(" a ", None), ["a"]);
    }

    #[test]
    fn terminators_and_runs() {
        assert_eq!(
            sentences("Hi! How are you?? Fine… thanks", None),
            ["Hi!", "How are you??", "Fine…", "thanks"]
        );
        assert_eq!(sentences("", None), Vec::<&str>::new());
        assert_eq!(sentences("...", None), Vec::<&str>::new());
        assert_eq!(sentences("Wait?! Yes.", None), ["Wait?!", "Yes."]);
        assert_eq!(
            sentences("He said \"stop.\" Then left.", None),
            ["He said \"stop.\"", "Then left."]
        );
        assert_eq!(
            sentences("¿Cómo está? ¡Muy bien!", Some(Language::Es)),
            ["¿Cómo está?", "¡Muy bien!"]
        );
    }

    #[test]
    fn periods_inside_words_and_abbreviations() {
        assert_eq!(
            sentences("See www.acme.it/help. Then call 1.5 times.", None),
            ["See www.acme.it/help.", "Then call 1.5 times."]
        );
        assert_eq!(
            sentences("Dear Mr. Smith, e.g. this. J. Smith wrote.", None),
            ["Dear Mr. Smith, e.g. this.", "J. Smith wrote."]
        );
        assert_eq!(
            sentences("Estimado Sr. Pérez: gracias. Adiós.", Some(Language::Es)),
            ["Estimado Sr. Pérez: gracias.", "Adiós."]
        );
        assert_eq!(
            sentences("It costs approx. ten euros.", None),
            ["It costs approx. ten euros."]
        );
        assert_eq!(
            sentences("Acme S.p.A. Via Roma.", None),
            ["Acme S.p.A. Via Roma."]
        );
    }

    #[test]
    fn german_ordinals() {
        let text = "Wir haben Ihr Paket am 3. Mai versandt. Danke.";
        assert_eq!(
            sentences(text, Some(Language::De)),
            ["Wir haben Ihr Paket am 3. Mai versandt.", "Danke."]
        );
        assert_eq!(sentences("Call at 5. Then wait.", None).len(), 2);
    }

    #[test]
    fn paragraphs_and_lists_break_sentences_wrapped_lines_do_not() {
        let text = "Thank you for your message. We have\nchecked your order\n\nKind regards,\nAnna";
        assert_eq!(
            sentences(text, None),
            [
                "Thank you for your message.",
                "We have\nchecked your order",
                "Kind regards,\nAnna"
            ]
        );
        assert_eq!(
            sentences(
                "Ciao Luca, l’ordine è partito 🚚 acme.it/track\nA presto!",
                None
            ),
            [
                "Ciao Luca, l’ordine è partito 🚚 acme.it/track",
                "A presto!"
            ]
        );
        let list = "Please check:\n- the address\n- the postcode\n1. first\n2) second";
        assert_eq!(
            sentences(list, None),
            [
                "Please check:",
                "the address",
                "the postcode",
                "first",
                "second"
            ]
        );
        assert_eq!(sentences("a\r\n\r\nb", None), ["a", "b"]);
    }

    #[test]
    fn count_matches_split() {
        assert_eq!(count("One. Two! Three?"), 3);
        assert_eq!(count("  \n\n "), 0);
    }
}
