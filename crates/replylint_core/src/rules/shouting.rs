//! `shouting`: words written in capitals that are not acronyms. The words
//! are the word tokens of the reply ([`crate::analysis::tokens`]).

use super::{Context, Rule, Sink};
use crate::analysis::tokens::Joiners;
use crate::diagnostic::Span;
use crate::lang::Language;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports words written in capitals that are not acronyms: a run of
    /// two or more of them (`PLEASE DO NOT`, `NON È MAI`), or a single one
    /// of five letters or more (`URGENT`, `GRATIS`), one diagnostic per run.
    ///
    /// A word counts when it has at least two letters, all of them capitals.
    /// These never count, and do not break a run either:
    /// - acronyms and names from the built-in allowlist
    ///   (`rules/lexicon/acronyms.toml`: `FAQ`, `PIN`, `IBAN`, `SMS`, `URL`,
    ///   `ID`, `IVA`, `CAP`, `PDF`, `DHL`, `UPS`, `SAV`, `DNI`…, every
    ///   language's list whatever the reply's language) and from the
    ///   config's `acronyms`; a hyphenated or elided word counts as an
    ///   acronym when each of its parts is one or a single letter
    ///   (`USB-C`, `L'IBAN`);
    /// - single letters (`I`, `A`, `È`) and Roman numerals (`XIV`);
    /// - words with a digit (`AB123`, `4G`), placeholders (`[NAME]`,
    ///   `{{ID}}`), URLs, e-mail addresses, @handles and #hashtags;
    /// - words between quotation marks (`"ANNULLA ORDINE"`, a button label
    ///   or the customer's own words) or brackets (`[NOME CLIENTE]`,
    ///   `<ORDER NUMBER>`: fill-in markers are `placeholder`'s business);
    /// - a code right after a word like `code`, `codice`, `código`,
    ///   `Gutschein` (`use code WELCOME`).
    ///
    /// A capitalised word of two to four letters on its own is not
    /// reported: most of them are acronyms the list does not know (`BNL`,
    /// `ATM`, `BIOS`, `BHIM`). Nor is a word next to its expansion (`Full
    /// Scene Anti-Aliasing (FSAA)`), a label before a colon (`NOTE:`,
    /// `SUBJECT:`, `IF MENTORSHIP REQUESTED:`), a step of a menu path
    /// (`Help > I STILL NEED HELP`), code in backticks, or a
    /// reply of one or two words (`OK GRAZIE`), which is a sign rather than
    /// a sentence.
    ///
    /// ## Why is this bad?
    /// Capitals read as shouting. A customer who is already upset reads
    /// `YOUR ORDER HAS BEEN CANCELLED` as anger, and even a friendly
    /// `THANK YOU SO MUCH` looks like a template gone wrong.
    ///
    /// ## Example
    /// ```text
    /// Your refund is on its way, but PLEASE DO NOT open a second request.
    /// ```
    /// Use instead:
    /// ```text
    /// Your refund is on its way: there is no need to open a second request.
    /// ```
    ///
    /// ## Options
    /// - `acronyms` (top-level setting): more words to accept in capitals,
    ///   added to the built-in list (`acronyms = ["ACME", "SMART"]`).
    pub struct Shouting {
        id: "shouting",
        severity: Warning,
        fix: None,
    }
}

/// Words of this many letters or more are reported on their own.
const MIN_SINGLE_LETTERS: usize = 5;
/// Replies with fewer words than this are signs, not sentences.
const MIN_REPLY_WORDS: usize = 3;
/// Longer runs are described by their word count rather than quoted.
const MAX_QUOTED_CHARS: usize = 40;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLists {
    #[serde(default)]
    acronyms: Vec<String>,
    #[serde(default)]
    code_words: Vec<String>,
}

/// The built-in lists, every language together.
#[derive(Debug)]
pub struct Acronyms {
    /// Upper case.
    acronyms: HashSet<String>,
    /// Lower case.
    code_words: HashSet<String>,
}

impl Acronyms {
    /// Parse an acronym file: tables `any` and one per language code.
    pub fn parse<'a>(text: impl Into<crate::lang::builtin::Source<'a>>) -> Result<Self, String> {
        let raw: BTreeMap<String, RawLists> = text.into().read()?;
        let mut out = Acronyms {
            acronyms: HashSet::new(),
            code_words: HashSet::new(),
        };
        for (key, lists) in raw {
            if key != "any" {
                key.parse::<Language>()?;
            }
            out.acronyms
                .extend(lists.acronyms.iter().map(|a| a.trim().to_uppercase()));
            out.code_words
                .extend(lists.code_words.iter().map(|w| w.trim().to_lowercase()));
        }
        Ok(out)
    }

    pub fn contains(&self, upper: &str) -> bool {
        self.acronyms.contains(upper)
    }
}

/// The lists shipped in `rules/lexicon/acronyms.toml`.
pub static BUILTIN: LazyLock<Acronyms> = LazyLock::new(|| {
    crate::lang::builtin::load("acronyms", Acronyms::parse)
});

static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$").expect("valid regex")
});

/// One word of the reply's prose (a word token).
#[derive(Debug)]
struct Word<'a> {
    range: Range<usize>,
    text: &'a str,
}

/// A character that joins two parts of one word (`USB-C`, `L'IBAN`).
fn is_joiner(c: char) -> bool {
    Joiners::Any.joins(c)
}

/// How a word takes part in shouting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Capitals, not an acronym.
    Shouted,
    /// Neither shouts nor interrupts a run: an acronym, a single letter, a
    /// Roman numeral, a quoted label, a code.
    Neutral,
    /// Has lower-case (or uncased) letters: ends a run.
    Plain,
}

/// Byte ranges of `text` between quotation marks or brackets, line by
/// line.
fn quoted(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            open = None;
            continue;
        }
        match open {
            Some((start, close)) if c == close || (close == '“' && c == '”') => {
                out.push(start..i);
                open = None;
            }
            Some(_) => {}
            None => {
                let close = match c {
                    '"' => '"',
                    '“' => '”',
                    '«' => '»',
                    '»' => '«',
                    '„' => '“',
                    '[' => ']',
                    '<' => '>',
                    '{' => '}',
                    '`' => '`',
                    _ => continue,
                };
                open = Some((i, close));
            }
        }
    }
    out
}

fn is_acronym(word: &str, user: &[String]) -> bool {
    let known = |w: &str| {
        let upper = w.to_uppercase();
        BUILTIN.contains(&upper) || user.contains(&upper)
    };
    if known(word) {
        return true;
    }
    let mut parts = word.split(is_joiner).peekable();
    parts.peek().is_some()
        && word.contains(is_joiner)
        && parts.all(|p| p.chars().filter(|c| c.is_alphabetic()).count() <= 1 || known(p))
}

/// Whether the character whose UTF-8 starts with byte `b`, followed by
/// `next`, may be a capital outside ASCII: one from U+0100 up, or one of
/// `À` to `Þ` (`C3 80` to `C3 9E`). Nothing from U+0080 to U+00BF is a
/// capital, nor `ß` to `ÿ`, the lower-case letters of most replies.
fn may_be_capital(b: u8, next: u8) -> bool {
    (b >= 0xC4) | ((b == 0xC3) & (next <= 0x9E))
}

/// Whether `text` has two capitals in a row (`char::is_uppercase`), as
/// every shouted run or word has. Pairs of ASCII capitals are looked for
/// in every pair of bytes; other capitals only in the chunks of the text
/// where a character that may be one starts. Both loops look at every
/// byte without stopping at the first that fits, so that the compiler
/// turns them into vector instructions.
fn two_capitals(text: &str) -> bool {
    const CHUNK: usize = 64;
    let bytes = text.as_bytes();
    let ascii = bytes.windows(2).fold(false, |found, w| {
        found | (w[0].is_ascii_uppercase() & w[1].is_ascii_uppercase())
    });
    if ascii {
        return true;
    }
    let upper = |c: Option<char>| c.is_some_and(char::is_uppercase);
    (0..bytes.len()).step_by(CHUNK).any(|start| {
        let end = bytes.len().min(start + CHUNK);
        // With the byte after the chunk, which a character starting at
        // its end goes on into.
        let with_next = &bytes[start..bytes.len().min(end + 1)];
        with_next
            .windows(2)
            .fold(false, |found, w| found | may_be_capital(w[0], w[1]))
            && (start..end).any(|i| {
                let next = bytes.get(i + 1).copied().unwrap_or_default();
                may_be_capital(bytes[i], next) && {
                    let mut after = text[i..].chars();
                    upper(after.next())
                        && (upper(text[..i].chars().next_back()) || upper(after.next()))
                }
            })
    })
}

impl Rule for Shouting {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        if !two_capitals(body) {
            return;
        }
        let words: Vec<Word<'_>> = cx
            .words()
            .map(|t| Word {
                range: t.range(),
                text: &body[t.range()],
            })
            .collect();
        let counted = words
            .iter()
            .filter(|w| w.text.chars().any(char::is_alphabetic))
            .count();
        if counted < MIN_REPLY_WORDS {
            return;
        }
        let quotes = quoted(body);
        let user = &cx.settings.acronyms;
        let kinds: Vec<Kind> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let mut letters = 0;
                for c in w.text.chars().filter(|c| c.is_alphabetic()) {
                    if !c.is_uppercase() {
                        return Kind::Plain;
                    }
                    letters += 1;
                }
                if letters < 2
                    || ROMAN.is_match(w.text)
                    || is_acronym(w.text, user)
                    || inside(&quotes, &w.range)
                    || (i > 0 && after_code_word(body, &words[i - 1], w))
                {
                    Kind::Neutral
                } else {
                    Kind::Shouted
                }
            })
            .collect();

        let mut run: Vec<usize> = Vec::new();
        for (i, kind) in kinds.iter().enumerate() {
            let breaks_line =
                i > 0 && body[words[i - 1].range.end..words[i].range.start].contains('\n');
            if *kind == Kind::Plain || breaks_line {
                report_run(&run, &words, body, sink);
                run.clear();
            }
            if *kind == Kind::Shouted {
                run.push(i);
            }
        }
        report_run(&run, &words, body, sink);
    }
}

/// Whether `range` lies inside one of `spans` (sorted, not overlapping),
/// after its opening mark.
fn inside(spans: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = spans.partition_point(|q| q.start < range.start);
    i > 0 && range.end <= spans[i - 1].end
}

/// Whether `word` follows a word like `code` (only spaces, a colon or a
/// quotation mark between them).
fn after_code_word(body: &str, prev: &Word<'_>, word: &Word<'_>) -> bool {
    let between = &body[prev.range.end..word.range.start];
    between
        .chars()
        .all(|c| c == ':' || (c.is_whitespace() && c != '\n'))
        && BUILTIN.code_words.contains(&prev.text.to_lowercase())
}

/// Whether the word at `i` is an acronym of the words just before it
/// (`Full Scene Anti-Aliasing (FSAA)`) or just after it (`FSAA (Full
/// Scene Anti-Aliasing)`): their initials, parts of hyphenated words
/// included, spell it.
fn spelled_out(words: &[Word<'_>], i: usize) -> bool {
    let letters: Vec<char> = words[i]
        .text
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let initials = |ws: &[Word<'_>]| -> Vec<char> {
        ws.iter()
            .flat_map(|w| w.text.split(is_joiner))
            .filter_map(|part| part.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let n = letters.len();
    let before = initials(&words[i.saturating_sub(n)..i]);
    let after = initials(&words[(i + 1).min(words.len())..(i + 1 + n).min(words.len())]);
    before.ends_with(&letters) || after.starts_with(&letters)
}

/// Report the run of shouted words `run` (indexes into `words`) if it
/// is long enough.
fn report_run(run: &[usize], words: &[Word<'_>], body: &str, sink: &mut Sink) {
    let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
        return;
    };
    let longest = run
        .iter()
        .map(|&i| words[i].text.chars().filter(|c| c.is_alphabetic()).count())
        .max()
        .unwrap_or(0);
    if run.len() < 2 && (longest < MIN_SINGLE_LETTERS || spelled_out(words, first)) {
        return;
    }
    // A label (`NOTE:`, `SUBJECT:`, `IF MENTORSHIP REQUESTED:`) names what
    // follows; it does not raise the voice.
    if body[words[last].range.end..].starts_with(':') {
        return;
    }
    // A step of a menu path (`Help > I STILL NEED HELP`) is the label as
    // the app shows it.
    // (Capitals before the run, such as a neutral `I`, are the label's.)
    let before = body[..words[first].range.start]
        .trim_end_matches(|c: char| c.is_uppercase() || matches!(c, ' ' | '\u{a0}' | '*' | '_'));
    if before.ends_with(['>', '→', '›', '»']) {
        return;
    }
    let span = Span::new(words[first].range.start, words[last].range.end);
    let text = &body[span.start..span.end];
    let message = if text.chars().count() <= MAX_QUOTED_CHARS && !text.contains('`') {
        format!("`{text}` is written in capitals")
    } else {
        format!("{} words in a row are written in capitals", run.len())
    };
    sink.report(span, message).with_help(
        "capitals read as shouting: write it in lower case (add real acronyms to `acronyms` in the config)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_parses_and_knows_the_usual_acronyms() {
        for a in [
            "FAQ", "PIN", "IBAN", "SMS", "URL", "ID", "IVA", "CAP", "PDF", "DHL", "UPS",
        ] {
            assert!(BUILTIN.contains(a), "{a}");
        }
        assert!(BUILTIN.code_words.contains("codice"));
    }

    #[test]
    fn unknown_language_tables_are_rejected() {
        assert!(Acronyms::parse("[xx]\nacronyms = [\"A\"]").is_err());
        assert!(Acronyms::parse("[any]\nacronym = [\"A\"]").is_err());
    }

    #[test]
    fn acronym_parts() {
        assert!(is_acronym("USB-C", &[]));
        assert!(is_acronym("L'IBAN", &[]));
        assert!(is_acronym("WI-FI", &[]));
        assert!(!is_acronym("E-MAIL", &[]));
        assert!(!is_acronym("URGENT", &[]));
        assert!(is_acronym("ACME", &["ACME".to_owned()]));
    }

    #[test]
    fn capitals_outside_ascii_start_as_expected() {
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if !c.is_ascii() && c.is_uppercase() {
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                assert!(may_be_capital(bytes[0], bytes[1]), "{c:?}");
            }
        }
    }

    #[test]
    fn two_capitals_in_a_row_whatever_their_script() {
        // `À` across the end of the first chunk of 64 bytes.
        let long = format!("x{}ÀÈ", "é".repeat(31));
        for text in [
            "OK",
            "a OK",
            "ÀÈ",
            "xÉCOLE",
            "AÉ",
            "ÉA",
            "ΑΒ",
            "中AB",
            "ﬁ ＡＢ",
            &long,
        ] {
            assert!(two_capitals(text), "{text}");
        }
        for text in [
            "",
            "A",
            "Ok Ok",
            "AéB",
            "À È",
            "A\u{301}B",
            "ÀaÈ",
            "中文",
            "A-B",
        ] {
            assert!(!two_capitals(text), "{text}");
        }
    }

    #[test]
    fn quotes_pair_up_per_line() {
        let text = "press \"ANNULLA\" or «OK» \"open\nline\"";
        let q = quoted(text);
        assert_eq!(q.len(), 2);
        assert_eq!(&text[q[0].clone()], "\"ANNULLA");
    }
}
