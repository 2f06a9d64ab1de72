//! `greeting`: an email reply opens with a greeting; a chat, SMS or social
//! reply does not open with a letter-style one ("Dear …", "Gentile …").
//!
//! Also home of what `sign-off` shares with it: the reply's text lines (what
//! leads a line, such as @handles and emoji, set aside), phrase lookup that
//! falls back from the reply's language to every language, and the example
//! greetings and sign-offs that help lines suggest per language.

use super::{Context, Rule, Sink};
use crate::channel::Expectation;
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::Language;
use crate::lang::lexicon::{Lexicon, Phrase, Style};
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
    pub struct Greeting {
        id: "greeting",
        severity: Warning,
        fix: Sometimes,
    }
}

/// Greetings are looked for in the first few text lines only.
const GREETING_WINDOW: usize = 3;
/// At most this many words between a greeting phrase and the first `,`
/// `:` `;` `!` `?` for a line to read as a salutation ("Dear Ms Smith,"),
/// not a sentence ("Dear customers of our shop will …").
const MAX_SALUTATION_WORDS: usize = 4;
/// A line of more words than this is body text, not a signature line.
pub(super) const MAX_SIGNATURE_WORDS: usize = 8;

impl Rule for Greeting {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
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
    let opening =
        greeting_on(cx, &first, true, true).filter(|g| g.in_language || is_salutation(&first, g));
    if let Some(g) = opening {
        if let (false, Some(lang)) = (g.in_language, cx.language) {
            sink.report(
                g.span,
                format!(
                    "`{}` is not {} greeting",
                    &body[g.span.start..g.span.end],
                    with_article(lang)
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
            .any(|l| crate::text::word_count(l.text) > MAX_SIGNATURE_WORDS);
        if let Some(g) =
            greeting_on(cx, &line, body_follows, true).filter(|g| is_salutation(&line, g))
        {
            sink.report(g.span, "greeting must open the reply")
                .with_help("move the greeting to the first line of the reply");
            return;
        }
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
    let Some(g) = greeting_on(cx, &first, true, false) else {
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
    let word = line.text.split_whitespace().next().unwrap_or_default();
    let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let len = if trimmed.is_empty() {
        word.len()
    } else {
        trimmed.len()
    };
    Span::new(line.start, line.start + len)
}

/// Whether the line starts with a helpdesk variable (what leads the text
/// ends with `{{`, `{%`, `{!`, `{$` or `[[`).
pub(super) fn starts_with_placeholder(body: &str, line: &TextLine<'_>) -> bool {
    let lead = body[line.line_start..line.start].trim_end();
    ["{{", "{%", "{!", "{$", "[["]
        .iter()
        .any(|open| lead.ends_with(open))
}

/// "an Italian", "a German".
pub(super) fn with_article(lang: Language) -> String {
    let name = lang.name();
    let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// A line of the body with something to read in it (a letter or a digit),
/// without what leads it: indentation, the @handles that open a social
/// reply, emoji, bullets, opening punctuation (`¡`, `«`).
#[derive(Debug, Clone, Copy)]
pub(super) struct TextLine<'a> {
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
pub(super) fn text_lines(body: &str) -> impl DoubleEndedIterator<Item = TextLine<'_>> + Clone + '_ {
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
pub(super) struct Found<'a> {
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
pub(super) fn find<'a>(
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
pub(super) fn greeting_on<'a>(
    cx: &Context<'a>,
    line: &TextLine<'_>,
    prefer_greeting: bool,
    fallback: bool,
) -> Option<Found<'a>> {
    let greeting = find(&cx.lexicons.greetings, line, cx.language, fallback)?;
    match find(&cx.lexicons.sign_offs, line, cx.language, fallback) {
        Some(s) if s.span.len() > greeting.span.len() => None,
        Some(s) if s.span.len() == greeting.span.len() && !prefer_greeting => None,
        _ => Some(greeting),
    }
}

/// Whether the greeting's line reads as a salutation ("Dear Ms Smith,",
/// "Ciao Luca! Il tuo ordine…") rather than a sentence that happens to
/// start with the same word ("Dear customers of our shop will …").
fn is_salutation(line: &TextLine<'_>, greeting: &Found<'_>) -> bool {
    let rest = greeting.rest(line);
    let before_stop = rest
        .find([',', ':', ';', '!', '?'])
        .map_or(rest, |i| &rest[..i]);
    before_stop
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
        <= MAX_SALUTATION_WORDS
}

/// The punctuation conventions of one language, from
/// `rules/lexicon/conventions.toml`.
#[derive(Debug, Clone, Default)]
pub(super) struct Convention {
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
pub(super) fn parse_conventions(
    text: &str,
) -> Result<std::collections::BTreeMap<Language, Convention>, String> {
    let raw: std::collections::BTreeMap<String, RawConvention> =
        toml::from_str(text).map_err(|e| e.to_string())?;
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
    std::sync::LazyLock::new(|| {
        parse_conventions(include_str!("../../../../rules/lexicon/conventions.toml"))
            .expect("built-in conventions are valid")
    });

/// The conventions of `language`.
pub(super) fn convention(language: Language) -> Option<&'static Convention> {
    CONVENTIONS.get(&language)
}

/// The language whose conventions apply to the phrase `found` on `line`:
/// the reply's (when the phrase is in it); when the reply's language is
/// unknown, the phrase's, if no other language has a phrase of the same
/// length there ("Sehr geehrte" is German; "Hi" English or German).
pub(super) fn convention_language(
    cx: &Context<'_>,
    lexicon: &Lexicon,
    line: &TextLine<'_>,
    found: &Found<'_>,
) -> Option<Language> {
    if let Some(language) = cx.language {
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
struct LoneSalutation {
    /// The mark that ends it, if any.
    mark: Option<char>,
    /// Where that mark is (empty at the line's end when there is none).
    mark_span: Span,
    /// The line's text without the mark and the blanks before it.
    without_mark: Span,
}

/// The salutation on `line` when it is alone there (the greeting, at most
/// `MAX_SALUTATION_WORDS` words of a name and one closing mark): "Dear Ms
/// Smith,", "Hola, Lucía:", "Sehr geehrte Damen und Herren". `None` for a
/// line that goes on ("Hi Anna, your order…") or ends in something else
/// than a mark (an emoji, `!!`).
fn lone_salutation(line: &TextLine<'_>, g: &Found<'_>) -> Option<LoneSalutation> {
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
    if crate::text::word_count(name) > MAX_SALUTATION_WORDS {
        return None;
    }
    if mark == Some('.') {
        // "Hello." is a sentence; "Dear Mr." ends a title.
        let last = name.split_whitespace().next_back().unwrap_or_default();
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
    let Some(language) = convention_language(cx, &cx.lexicons.greetings, line, g) else {
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
    let word_len = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    let word = &text[..word_len];
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

/// Where the text after the greeting starts: the end of the first line
/// with text when it is a salutation alone on its line ("Dear Ms Smith,").
/// For measures of the body's prose (`readability`, `sentence-length`).
pub(super) fn salutation_end(cx: &Context<'_>) -> Option<usize> {
    let first = text_lines(cx.body()).next()?;
    let g = greeting_on(cx, &first, true, true)?;
    lone_salutation(&first, &g)?;
    Some(first.start + first.text.len())
}

/// Example greetings and sign-offs for help lines, per language.
#[derive(Debug, Clone, Copy)]
pub(super) struct Examples {
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
    fn articles() {
        assert_eq!(with_article(Language::It), "an Italian");
        assert_eq!(with_article(Language::De), "a German");
        assert_eq!(with_article(Language::En), "an English");
    }
}
