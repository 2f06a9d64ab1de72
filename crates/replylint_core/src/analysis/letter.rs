//! The letter structure of a reply: the salutation line that opens it
//! ("Dear Ms Smith,"), the sign-off that closes it ("Kind regards") and
//! the signature below that, with the body in between; and the
//! conventions of each language for how a salutation and a sign-off end
//! (`rules/lexicon/conventions.toml`).
//!
//! The `greeting` and `sign-off` rules judge what is found here;
//! `readability` and `sentence-length` measure only the body in between
//! ([`prose`]); `mixed-language` and the help lines name languages and
//! example phrases from here.
//!
//! Lines are read as text lines ([`text_lines`]): what leads a line
//! (indentation, @handles, emoji, bullets, opening punctuation) is set
//! aside. Greetings and sign-offs are phrases of the lexicons in
//! [`crate::lang::lexicon`], matched as whole words at the start of a text
//! line, in the reply's language when it is known and in any language
//! otherwise (or as a fallback). Words on a line are counted as
//! [`crate::analysis::tokens`] defines spaced words.

use super::tokens;
use crate::diagnostic::Span;
use crate::lang::Language;
use crate::lang::lexicon::{Lexicon, Lexicons, Phrase, Style};
use std::ops::Range;

/// What the letter structure of a reply is read from: its body, its
/// language (when known) and the greeting and sign-off lexicons.
#[derive(Debug, Clone, Copy)]
pub struct Letter<'a> {
    pub body: &'a str,
    pub language: Option<Language>,
    pub lexicons: &'a Lexicons,
}

/// The byte range of the reply's prose: the body without a salutation
/// alone on the first line and without the closing sign-off and
/// signature.
pub fn prose(letter: &Letter<'_>) -> Range<usize> {
    let start = salutation_end(letter).unwrap_or(0);
    let end = sign_off_start(letter)
        .filter(|&e| e >= start)
        .unwrap_or(letter.body.len());
    start..end
}

/// At most this many words between a greeting phrase and the first `,`
/// `:` `;` `!` `?` for a line to read as a salutation ("Dear Ms Smith,"),
/// not a sentence ("Dear customers of our shop will …").
const MAX_SALUTATION_WORDS: usize = 4;
/// A line of more words than this is body text, not a signature line.
pub const MAX_SIGNATURE_WORDS: usize = 8;

/// A sign-off is looked for among this many last text lines: the sign-off
/// itself and a signature of up to `SIGN_OFF_WINDOW - 1` lines.
pub const SIGN_OFF_WINDOW: usize = 5;
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

/// Whether the line starts with a helpdesk variable (what leads the text
/// ends with `{{`, `{%`, `{!`, `{$` or `[[`).
pub fn starts_with_placeholder(body: &str, line: &TextLine<'_>) -> bool {
    let lead = body[line.line_start..line.start].trim_end();
    ["{{", "{%", "{!", "{$", "[["]
        .iter()
        .any(|open| lead.ends_with(open))
}

/// A line of the body with something to read in it (a letter or a digit),
/// without what leads it: indentation, the @handles that open a social
/// reply, emoji, bullets, opening punctuation (`¡`, `«`).
#[derive(Debug, Clone, Copy)]
pub struct TextLine<'a> {
    /// Byte offset in the body where the line starts.
    pub line_start: usize,
    /// Byte offset in the body where its text starts.
    pub start: usize,
    /// The text, from `start` to the end of the line without trailing
    /// whitespace.
    pub text: &'a str,
}

impl TextLine<'_> {
    /// The line's text as a span of the body.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }
}

/// The lines of `body` that have text, from either end.
pub fn text_lines(body: &str) -> impl DoubleEndedIterator<Item = TextLine<'_>> + Clone + '_ {
    body.split('\n').filter_map(move |line| {
        // `line` is a slice of `body`: its offset is the distance between them.
        let line_start = line.as_ptr() as usize - body.as_ptr() as usize;
        let lead = lead_len(line);
        let text = line[lead..].trim_end();
        text.chars().any(char::is_alphanumeric).then_some(TextLine {
            line_start,
            start: line_start + lead,
            text,
        })
    })
}

/// Byte length of what leads a line's text: anything but letters and
/// digits, and whole @handles.
fn lead_len(line: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        if let Some(len) = handle_len(rest) {
            at += len;
            continue;
        }
        match rest.chars().next() {
            Some(c) if !c.is_alphanumeric() => at += c.len_utf8(),
            _ => return at,
        }
    }
}

/// Byte length of an @handle (`@acme_help`) opening `s`.
fn handle_len(s: &str) -> Option<usize> {
    let name = s.strip_prefix('@')?;
    let len = name
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let ends = name[len..]
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ':'));
    (len > 0 && ends).then_some(1 + len)
}

/// A lexicon phrase opening a text line.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub phrase: &'a Phrase,
    /// The phrase as written in the body.
    pub span: Span,
    /// Whether it is a phrase of the reply's language (always true when
    /// the language is unknown).
    pub in_language: bool,
}

impl Found<'_> {
    /// What follows the phrase on its line.
    pub fn rest<'t>(&self, line: &TextLine<'t>) -> &'t str {
        &line.text[self.span.end - line.start..]
    }
}

/// The longest phrase of `lexicon` opening `line`: in the reply's language
/// if it has one, else (with `fallback`, or when the language is unknown)
/// in any language.
pub fn find<'a>(
    lexicon: &'a Lexicon,
    line: &TextLine<'_>,
    language: Option<Language>,
    fallback: bool,
) -> Option<Found<'a>> {
    let found = |len: usize, phrase, in_language| Found {
        phrase,
        span: Span::new(line.start, line.start + len),
        in_language,
    };
    if let Some(m) = lexicon.match_start(line.text, language) {
        return Some(found(m.len, m.phrase, true));
    }
    if language.is_some() && !fallback {
        return None;
    }
    let m = lexicon.match_start(line.text, None)?;
    Some(found(m.len, m.phrase, false))
}

/// The greeting opening `line` (see [`find`] for `fallback`), unless the
/// line reads as a sign-off that starts like one: "Liebe Grüße" is longer
/// than "Liebe"; a tie ("Ciao!") goes to the greeting only when
/// `prefer_greeting`.
pub fn greeting_on<'a>(
    letter: &Letter<'a>,
    line: &TextLine<'_>,
    prefer_greeting: bool,
    fallback: bool,
) -> Option<Found<'a>> {
    let greeting = find(&letter.lexicons.greetings, line, letter.language, fallback)?;
    match find(&letter.lexicons.sign_offs, line, letter.language, fallback) {
        Some(s) if s.span.len() > greeting.span.len() => None,
        Some(s) if s.span.len() == greeting.span.len() && !prefer_greeting => None,
        _ => Some(greeting),
    }
}

/// Whether the greeting's line reads as a salutation ("Dear Ms Smith,",
/// "Ciao Luca! Il tuo ordine…") rather than a sentence that happens to
/// start with the same word ("Dear customers of our shop will …").
pub fn is_salutation(line: &TextLine<'_>, greeting: &Found<'_>) -> bool {
    let rest = greeting.rest(line);
    let before_stop = rest
        .find([',', ':', ';', '!', '?'])
        .map_or(rest, |i| &rest[..i]);
    tokens::wordlike_count(before_stop) <= MAX_SALUTATION_WORDS
}

/// The punctuation conventions of one language, from
/// `rules/lexicon/conventions.toml`.
#[derive(Debug, Clone, Default)]
pub struct Convention {
    /// Marks that may end a salutation alone on its line (`None`: no mark).
    pub salutation_accepted: Vec<Option<char>>,
    /// The mark a fix writes instead of one not accepted.
    pub salutation_preferred: Option<char>,
    pub salutation_source: String,
    /// Marks that must not end a sign-off alone on its line.
    pub sign_off_rejected: Vec<char>,
    pub sign_off_source: String,
    /// Words written in lower case right after a salutation's comma.
    pub lower_case_after_salutation: Vec<String>,
    pub lower_case_source: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConvention {
    salutation: Option<RawSalutation>,
    sign_off: Option<RawSignOff>,
    #[serde(default)]
    lower_case_after_salutation: Vec<String>,
    #[serde(default)]
    lower_case_source: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSalutation {
    accepted: Vec<String>,
    preferred: String,
    source: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSignOff {
    rejected: Vec<String>,
    source: String,
}

/// A mark as written in the conventions file: one character, or "" for
/// none.
fn mark(text: &str) -> Result<Option<char>, String> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Ok(None),
        (Some(c), None) => Ok(Some(c)),
        _ => Err(format!("`{text}` is not one punctuation mark")),
    }
}

/// Parse a conventions file: one table per language code.
fn parse_conventions<'a>(
    text: impl Into<crate::lang::builtin::Source<'a>>,
) -> Result<std::collections::BTreeMap<Language, Convention>, String> {
    let raw: std::collections::BTreeMap<String, RawConvention> = text.into().read()?;
    let mut out = std::collections::BTreeMap::new();
    for (code, raw) in raw {
        let language: Language = code.parse()?;
        let mut c = Convention {
            lower_case_after_salutation: raw
                .lower_case_after_salutation
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            lower_case_source: raw.lower_case_source,
            ..Convention::default()
        };
        if let Some(s) = raw.salutation {
            c.salutation_accepted = s
                .accepted
                .iter()
                .map(|m| mark(m))
                .collect::<Result<_, _>>()?;
            c.salutation_preferred = mark(&s.preferred)?;
            c.salutation_source = s.source;
        }
        if let Some(s) = raw.sign_off {
            c.sign_off_rejected = s
                .rejected
                .iter()
                .map(|m| mark(m)?.ok_or_else(|| "an empty mark cannot be rejected".to_owned()))
                .collect::<Result<_, _>>()?;
            c.sign_off_source = s.source;
        }
        out.insert(language, c);
    }
    Ok(out)
}

/// The built-in conventions, parsed once.
static CONVENTIONS: std::sync::LazyLock<std::collections::BTreeMap<Language, Convention>> =
    std::sync::LazyLock::new(|| crate::lang::builtin::load("conventions", parse_conventions));

/// The conventions of `language`.
pub fn convention(language: Language) -> Option<&'static Convention> {
    CONVENTIONS.get(&language)
}

/// The language whose conventions apply to the phrase `found` on `line`:
/// the reply's (when the phrase is in it); when the reply's language is
/// unknown, the phrase's, if no other language has a phrase of the same
/// length there ("Sehr geehrte" is German; "Hi" English or German).
pub fn convention_language(
    letter: &Letter<'_>,
    lexicon: &Lexicon,
    line: &TextLine<'_>,
    found: &Found<'_>,
) -> Option<Language> {
    if let Some(language) = letter.language {
        return found.in_language.then_some(language);
    }
    let language = found.phrase.language;
    let ambiguous = Language::ALL
        .into_iter()
        .filter(|&l| l != language)
        .any(|l| {
            lexicon
                .match_start(line.text, Some(l))
                .is_some_and(|m| m.len == found.span.len())
        });
    (!ambiguous).then_some(language)
}

/// How a salutation alone on its line ends.
pub struct LoneSalutation {
    /// The mark that ends it, if any.
    pub mark: Option<char>,
    /// Where that mark is (empty at the line's end when there is none).
    pub mark_span: Span,
    /// The line's text without the mark and the blanks before it.
    pub without_mark: Span,
}

/// The salutation on `line` when it is alone there (the greeting, at most
/// `MAX_SALUTATION_WORDS` words of a name and one closing mark): "Dear Ms
/// Smith,", "Hola, Lucía:", "Sehr geehrte Damen und Herren". `None` for a
/// line that goes on ("Hi Anna, your order…") or ends in something else
/// than a mark (an emoji, `!!`).
pub fn lone_salutation(line: &TextLine<'_>, g: &Found<'_>) -> Option<LoneSalutation> {
    let rest = g.rest(line);
    let (name, mark) = match rest.chars().next_back() {
        None => (rest, None),
        Some(c) if c.is_alphanumeric() => (rest, None),
        Some(c @ (',' | ':' | ';' | '.' | '!' | '?')) => (&rest[..rest.len() - 1], Some(c)),
        Some(_) => return None,
    };
    // "Hola, Lucía": the vocative comma.
    let name = name.trim();
    let name = name.strip_prefix(',').map_or(name, str::trim_start);
    if name.contains([',', ':', ';', '!', '?']) || (name.ends_with('.') && mark.is_some()) {
        return None;
    }
    if tokens::spaced_count(name) > MAX_SALUTATION_WORDS {
        return None;
    }
    if mark == Some('.') {
        // "Hello." is a sentence; "Dear Mr." ends a title.
        let last = tokens::spaced(name).next_back().unwrap_or_default();
        let title = last.chars().count() <= 3 && last.starts_with(char::is_uppercase);
        if (name.is_empty() && g.phrase.style != Style::Letter) || title {
            return None;
        }
    }
    let end = line.start + line.text.len();
    let mark_start = end - mark.map_or(0, char::len_utf8);
    let kept = line.text[..mark_start - line.start].trim_end();
    Some(LoneSalutation {
        mark,
        mark_span: Span::new(mark_start, end),
        without_mark: Span::new(line.start, line.start + kept.len()),
    })
}

/// Where the text after the greeting starts: the end of the first line
/// with text when it is a salutation alone on its line ("Dear Ms Smith,").
/// For measures of the body's prose (`readability`, `sentence-length`).
pub fn salutation_end(letter: &Letter<'_>) -> Option<usize> {
    let first = text_lines(letter.body).next()?;
    let g = greeting_on(letter, &first, true, true)?;
    lone_salutation(&first, &g)?;
    Some(first.start + first.text.len())
}

/// Example greetings and sign-offs for help lines, per language.
#[derive(Debug, Clone, Copy)]
pub struct Examples {
    /// A letter-style greeting ("Dear Ms Smith,").
    pub letter_greeting: &'static str,
    /// A conversational greeting that suits an email ("Hi Anna,").
    pub greeting: &'static str,
    /// A greeting for chat and social replies ("Hi Anna!").
    pub chat_greeting: &'static str,
    /// Letter-style sign-offs ("Kind regards").
    pub sign_offs: [&'static str; 2],
    /// Sign-offs for chat and social replies ("Thanks!").
    pub chat_sign_offs: [&'static str; 2],
}

impl Examples {
    pub const fn of(language: Language) -> Examples {
        match language {
            Language::En => Examples {
                letter_greeting: "Dear Ms Smith,",
                greeting: "Hi Anna,",
                chat_greeting: "Hi Anna!",
                sign_offs: ["Kind regards", "Best regards"],
                chat_sign_offs: ["Thanks!", "Have a great day!"],
            },
            Language::It => Examples {
                letter_greeting: "Gentile Mario,",
                greeting: "Buongiorno,",
                chat_greeting: "Ciao Luca!",
                sign_offs: ["Cordiali saluti", "Distinti saluti"],
                chat_sign_offs: ["Grazie!", "A presto!"],
            },
            Language::Es => Examples {
                letter_greeting: "Estimado Sr. Pérez:",
                greeting: "Hola, Lucía:",
                chat_greeting: "¡Hola, Lucía!",
                sign_offs: ["Atentamente", "Un cordial saludo"],
                chat_sign_offs: ["¡Gracias!", "¡Un saludo!"],
            },
            Language::Fr => Examples {
                letter_greeting: "Madame, Monsieur,",
                greeting: "Bonjour Claire,",
                chat_greeting: "Bonjour Claire,",
                sign_offs: ["Cordialement", "Bien cordialement"],
                chat_sign_offs: ["Merci", "Bonne journée"],
            },
            Language::De => Examples {
                letter_greeting: "Sehr geehrte Frau Weber,",
                greeting: "Hallo Jonas,",
                chat_greeting: "Hallo Jonas!",
                sign_offs: ["Mit freundlichen Grüßen", "Freundliche Grüße"],
                chat_sign_offs: ["Viele Grüße", "Danke!"],
            },
            Language::Pt => Examples {
                letter_greeting: "Prezado Sr. Silva,",
                greeting: "Olá Ana,",
                chat_greeting: "Olá Ana!",
                sign_offs: ["Atenciosamente", "Cordialmente"],
                chat_sign_offs: ["Obrigado!", "Um abraço!"],
            },
        }
    }
}

/// Where the sign-off that closes the reply starts (the start of its
/// line), when there is one: the end of the body's prose, for
/// `readability` and `sentence-length`.
pub fn sign_off_start(letter: &Letter<'_>) -> Option<usize> {
    let closing = closing_lines(letter);
    (0..closing.len())
        .find(|&i| {
            sign_off_on(letter, &closing[i], true).is_some()
                && closing[i + 1..].iter().all(is_signature_line)
        })
        .map(|i| closing[i].line_start)
}

/// The last text lines (at most `SIGN_OFF_WINDOW`), in order, where a sign-off
/// belongs; never the greeting line.
pub fn closing_lines<'t>(letter: &Letter<'t>) -> Vec<TextLine<'t>> {
    let body = letter.body;
    let greeting = text_lines(body)
        .next()
        .filter(|l| greeting_on(letter, l, true, true).is_some())
        .map(|l| l.start);
    let mut closing: Vec<TextLine<'t>> = text_lines(body)
        .rev()
        .take(SIGN_OFF_WINDOW)
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
pub fn sign_off_on<'a>(
    letter: &Letter<'a>,
    line: &TextLine<'_>,
    fallback: bool,
) -> Option<SignOffOn<'a>> {
    let first = find(&letter.lexicons.sign_offs, line, letter.language, fallback)?;
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
        let Some(found) = find(&letter.lexicons.sign_offs, &tail, letter.language, fallback) else {
            break;
        };
        if shown.phrase.style != Style::Letter && found.phrase.style == Style::Letter {
            shown = found;
        }
        last = found;
    }
    let rest = last.rest(line);
    let words = || tokens::spaced(rest).filter(|w| tokens::is_wordlike(w));
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
pub struct SignOffOn<'a> {
    /// The sign-off to report (the first letter-style one of a chain).
    pub found: Found<'a>,
    /// Where the last sign-off of the chain ends ("Grazie e buona
    /// giornata" ends after "giornata").
    pub chain_end: usize,
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
pub fn is_signature_line(line: &TextLine<'_>) -> bool {
    let count = tokens::spaced_count(line.text);
    count <= MAX_SIGNATURE_WORDS
        || (count <= 2 * MAX_SIGNATURE_WORDS && tokens::spaced(line.text).all(is_name_word))
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

    fn texts(body: &str) -> Vec<(usize, &str)> {
        text_lines(body).map(|l| (l.start, l.text)).collect()
    }

    #[test]
    fn text_lines_skip_blank_lines_handles_and_emoji() {
        assert_eq!(
            texts("\n  \n@acme_help @bob Gentile Mario,\n👋 Ciao!  \n---\n"),
            [(20, "Gentile Mario,"), (40, "Ciao!")]
        );
        assert_eq!(texts("¡Hola, Lucía!"), [(2, "Hola, Lucía!")]);
        assert_eq!(texts("@ciao"), Vec::<(usize, &str)>::new());
        assert_eq!(texts("@acme.it thanks"), [(1, "acme.it thanks")]);
        assert_eq!(texts("@acme: thanks"), [(7, "thanks")]);
    }

    #[test]
    fn handles_are_whole_names() {
        assert_eq!(handle_len("@acme_help Hi"), Some(10));
        assert_eq!(handle_len("@acmè"), None);
        assert_eq!(handle_len("@ Hi"), None);
        assert_eq!(handle_len("Hi"), None);
    }

    #[test]
    fn every_language_has_salutation_and_sign_off_conventions() {
        for language in Language::ALL {
            let c = convention(language).unwrap_or_else(|| panic!("{language}"));
            assert!(!c.salutation_accepted.is_empty(), "{language}");
            assert!(c.salutation_preferred.is_some(), "{language}");
            assert!(!c.salutation_source.is_empty(), "{language}");
            assert!(!c.sign_off_rejected.is_empty(), "{language}");
            assert!(!c.sign_off_source.is_empty(), "{language}");
            // A fix never writes a mark that is itself reported.
            assert!(
                c.salutation_accepted.contains(&c.salutation_preferred),
                "{language}"
            );
        }
        let de = convention(Language::De).unwrap();
        assert!(
            de.lower_case_after_salutation
                .contains(&"vielen".to_owned())
        );
        assert!(!de.lower_case_after_salutation.contains(&"sie".to_owned()));
        assert!(!de.lower_case_source.is_empty());
    }

    #[test]
    fn conventions_reject_malformed_marks() {
        let bad = "[en.salutation]\naccepted = [\",,\"]\npreferred = \",\"\nsource = \"x\"\n";
        assert!(
            parse_conventions(bad)
                .unwrap_err()
                .contains("one punctuation mark")
        );
        assert!(
            parse_conventions("[xx.salutation]\naccepted = []\npreferred = \"\"\nsource = \"\"\n")
                .is_err()
        );
    }

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
