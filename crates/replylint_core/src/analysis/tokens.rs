//! The document model's tokens: the one place that says what a word, a
//! number, a link, an e-mail address, an @handle, a #hashtag, a helpdesk
//! placeholder, an emoji and a punctuation mark are in a reply, and how a
//! text splits into them.
//!
//! [`tokenize`] splits a text into [`Token`]s, in order, never white
//! space. Links, e-mail addresses, @handles, #hashtags, placeholders and
//! numbers are the stretches that are not prose ([`crate::lang::prose`]:
//! the same spans language detection blanks out, so the words rules read
//! and the prose the detector reads agree by construction). Between them,
//! a word is a run of word characters ([`is_word_char`]: letters, digits
//! and combining marks) of one writing system ([`same_word`]) joined by an
//! inner apostrophe or hyphen ([`Joiners::Any`]); an emoji is an emoji grapheme ([`is_emoji`]) cut
//! before any word character in it; any other character is a punctuation
//! mark. The [`crate::analysis::Document`] of a reply keeps the tokens of
//! its body, built the first time a rule reads them.
//!
//! Rules that always disagreed on what a word is keep their exact reading
//! through the variants below, each defined here once and named for what
//! it reads; a rule picks one and never splits text itself.
//!
//! | reading | definition | read by |
//! |---|---|---|
//! | word token ([`Kind::Word`]) | word characters joined by `'` `’` `-` U+2010 U+2011 followed by a word character, outside links, addresses, handles, hashtags, placeholders and numbers | `shouting` |
//! | word, ASCII joiners ([`Token::ascii_joined`]) | the same, joined by `'` `’` `-` only: a word token split at U+2010 and U+2011 | `repeated-word` |
//! | word of any text ([`words`]) | the same over a whole text, links and numbers included | `repeated-word`'s first look at the body |
//! | spaced word ([`spaced`], [`spaced_count`], [`trailing_spaced`]) | what white space separates (`str::split_whitespace`), whatever it holds | `replylint count`'s word count; the letter structure (a signature line has at most eight); `blame` (word by word against its phrase); `greeting`'s first word; `signature`'s last |
//! | word-like spaced word ([`is_wordlike`], [`wordlike_count`]) | a spaced word with a letter or a digit: a link or a number is one word, a dash none | `sentence-length`; the letter structure (the name after a greeting or a sign-off) |
//! | prose word ([`prose_letters`]) | a spaced word with a letter that is not a link (`www.`, any `/`), an address or handle (`@`) or a placeholder (`{` `}` `[` `]` `<` `>` `%`) | `readability`, `replylint count`'s score |
//! | elided word ([`elided_word_count`]) | a word-like piece between white space and apostrophes (`what's` is two) | `credential-request` (how far a secret is from the request) |
//! | letters and digits ([`leading_alphanumerics`], [`trailing_alphanumerics`]) | the run of letters and digits that opens or ends a text | `placeholder` (the words beside a `TODO`); requests for secrets (the word before `pin`) |
//! | letters ([`leading_letters`]) | the run of letters that opens a text | `greeting` (the word after a German salutation's comma) |
//! | word boundary ([`is_boundary`], [`same_word`]) | between two characters unless both are word characters (or `_`) of one writing system: `李明TODO` and `مرحباTODO` have one before `TODO`, `xTODO` and `TODOs` none | the tokenizer's words; phrase sets, lexicons, `placeholder`'s fillers |
//! | name character ([`crate::text::is_name_char`]) | a letter, a digit or `_`: what makes a match part of a longer word | `personal-data`, `markup` |
//! | emoji ([`emoji`]) | every emoji grapheme of a text, inside links and placeholders too | `emoji` |
//!
//! Links, addresses and numbers have one more reading each where a rule
//! needs a different shape: [`crate::analysis::personal_data`] takes any
//! scheme or a domain followed by a path as a link, an address only with
//! a dotted domain ending in letters, and a number as digit groups with
//! separators (card and phone shapes); `markup` sets aside links with any
//! scheme up to white space, `<`, `>` or a parenthesis; tweets count
//! links, handles and hashtags as twitter-text does
//! ([`crate::text::tweet`], an outside specification). Language detection
//! counts function words in runs of letters ([`crate::lang::detect`]).
//!
//! Sentences are those of [`crate::analysis::sentences`]: the prose sentences
//! of a reply ([`crate::analysis::Document::prose_sentences`]) for
//! `readability` and `sentence-length`, [`crate::analysis::sentences::clauses`]
//! for `credential-request`; language detection reads its own sentences
//! and paragraphs ([`crate::lang::detect::Layout`]).

use crate::lang::prose::{NotProse, not_prose};
use crate::text::boundary::same_script;
pub use crate::text::boundary::{is_boundary, is_word_char, same_word};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Word characters joined by inner apostrophes and hyphens (`it's`,
    /// `e-mail`).
    Word,
    /// A word with a decimal digit, and what follows it of word characters
    /// and `.` `,` `:` `/` `-`: numbers, dates, prices, order numbers,
    /// codes (`12`, `3.5`, `01/02/2024`, `A123`).
    Number,
    /// `https://…`, `www.…`, up to white space.
    Url,
    /// `anna.rossi@example.com`.
    Email,
    /// `@acme_help`.
    Handle,
    /// `#refund`.
    Hashtag,
    /// A helpdesk placeholder or filler: `{{name}}`, `{% if %}`, `{!Id}`,
    /// `[[name]]`, `{$name}`, `[NAME]`, `<NAME>`, `%s`.
    Placeholder,
    /// An emoji (`😊`, `👍🏽`, `🇮🇹`).
    Emoji,
    /// Any other character that is not white space.
    Punctuation,
}

impl From<NotProse> for Kind {
    fn from(kind: NotProse) -> Kind {
        match kind {
            NotProse::Placeholder => Kind::Placeholder,
            NotProse::Url => Kind::Url,
            NotProse::Email => Kind::Email,
            NotProse::Handle => Kind::Handle,
            NotProse::Hashtag => Kind::Hashtag,
            NotProse::Number => Kind::Number,
        }
    }
}

/// One token: a byte range of the text and what it is, in 12 bytes
/// (offsets as `u32`: a long reply has a token every five bytes or so,
/// and a 50 MB one held 240 MB of tokens with `usize` ranges).
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    pub kind: Kind,
    /// Whether a hyphen outside ASCII (U+2010, U+2011) joins two of the
    /// word's parts.
    unicode_hyphen: bool,
}

const _: () = assert!(std::mem::size_of::<Token>() == 12);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("range", &self.range())
            .field("kind", &self.kind)
            .field("unicode_hyphen", &self.unicode_hyphen)
            .finish()
    }
}

impl Token {
    /// A token of `range`, which [`tokenize`] keeps under [`MAX_TEXT`].
    fn new(range: Range<usize>, kind: Kind, unicode_hyphen: bool) -> Token {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Token {
            start: offset(range.start),
            end: offset(range.end),
            kind,
            unicode_hyphen,
        }
    }

    /// The token's byte range in the text.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Where the token starts.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Where the token ends.
    #[inline]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// A word's parts joined by `'`, `’` or `-` only ([`Joiners::Ascii`]):
    /// the word itself unless a hyphen outside ASCII joins it.
    pub fn ascii_joined<'t>(&self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        let whole = (!self.unicode_hyphen).then(|| self.range());
        let start = self.start();
        let parts = self
            .unicode_hyphen
            .then(|| words(&text[self.range()], Joiners::Ascii))
            .into_iter()
            .flatten()
            .map(move |r| r.start + start..r.end + start);
        whole.into_iter().chain(parts)
    }
}

/// The longest text tokenized, in bytes: token offsets are `u32`. What
/// follows in a longer text (a reply over 4 GiB, 64 times the largest
/// file read whole by default) has no tokens.
pub const MAX_TEXT: usize = u32::MAX as usize;

/// The tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_around(text, not_prose(text))
}

/// [`tokenize`], given the stretches of `text` that are not prose
/// ([`crate::lang::prose::not_prose`]'s, already found).
pub fn tokenize_around(
    text: &str,
    stretches: impl IntoIterator<Item = crate::lang::prose::Stretch>,
) -> Vec<Token> {
    tokenize_up_to(text, stretches, MAX_TEXT)
}

/// [`tokenize_around`], the first `max` bytes of `text` only (cut at the
/// character boundary before).
fn tokenize_up_to(
    text: &str,
    stretches: impl IntoIterator<Item = crate::lang::prose::Stretch>,
    max: usize,
) -> Vec<Token> {
    // About one token for every five bytes of text (a word and its
    // space), so that a reply's tokens are allocated once, not doubled
    // five times; a long text's grow as they come, never reserved far
    // ahead of them.
    let mut out = Vec::with_capacity((text.len().min(max) / 5 + 4).min(1 << 10));
    let mut last = 0;
    let limit = (0..=max.min(text.len()))
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(0);
    for (range, kind) in stretches {
        if range.end > limit {
            break;
        }
        between(text, last..range.start, &mut out);
        last = range.end;
        out.push(Token::new(range, kind.into(), false));
    }
    between(text, last..limit, &mut out);
    // A long text's tokens are kept for the reply's rules: without room
    // for more (up to a third of them, after the vector doubled).
    if out.capacity() >= 1 << 16 {
        out.shrink_to_fit();
    }
    out
}

/// The tokens of `text[gap]`, a stretch of prose: words, emoji and
/// punctuation marks. What follows the gap is not looked at.
fn between(text: &str, gap: Range<usize>, out: &mut Vec<Token>) {
    let offset = gap.start;
    let s = &text[gap];
    let mut i = 0;
    while let Some((c, len)) = char_at(s, i) {
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let (end, kind, unicode_hyphen) = if is_word_char(c) {
            let (end, unicode_hyphen) = word_end(s, i, Joiners::Any);
            (end, Kind::Word, unicode_hyphen)
        } else {
            match emoji_len(&s[i..]) {
                Some(emoji) => (i + emoji, Kind::Emoji, false),
                None => (i + len, Kind::Punctuation, false),
            }
        };
        out.push(Token::new(offset + i..offset + end, kind, unicode_hyphen));
        i = end;
    }
}

/// The length of the emoji that opens `s` (it does not open with a word
/// character): its grapheme up to the first word character in it, if that
/// is still an emoji (`❤` of `❤️`, whose variation selector is a
/// combining mark; not `*` of the keycap `*️⃣`).
fn emoji_len(s: &str) -> Option<usize> {
    // An emoji that opens with ASCII is a keycap, an emoji only with its
    // marks.
    if s.as_bytes().first()?.is_ascii() {
        return None;
    }
    let grapheme = s.graphemes(true).next()?;
    if !is_emoji(grapheme) {
        return None;
    }
    let len = grapheme.find(is_word_char).unwrap_or(grapheme.len());
    (len == grapheme.len() || is_emoji(&grapheme[..len])).then_some(len)
}

// ----------------------------------------------------------------- words

/// Which characters join two runs of word characters into one word when
/// a word character follows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joiners {
    /// `'`, `’` and `-`.
    Ascii,
    /// `'`, `’`, `-` and the hyphens U+2010 and U+2011.
    Any,
}

impl Joiners {
    /// Whether `c` is one of these joiners.
    pub fn joins(self, c: char) -> bool {
        match c {
            '\'' | '\u{2019}' | '-' => true,
            '\u{2010}' | '\u{2011}' => self == Joiners::Any,
            _ => false,
        }
    }
}

/// The character of `text` at byte `i` and its length (`i` is on a
/// character boundary); ASCII without decoding.
#[inline(always)]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let &b = text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Where the word that starts at `start` (a word character) ends, and
/// whether a hyphen outside ASCII joins it.
#[inline(always)]
fn word_end(text: &str, start: usize, joiners: Joiners) -> (usize, bool) {
    let mut end = start;
    let mut unicode_hyphen = false;
    // The word's writing system: where another one starts, so does
    // another word ([`same_word`]).
    let Some((first, _)) = char_at(text, start) else {
        return (start, false);
    };
    while let Some((c, len)) = char_at(text, end) {
        if !is_word_char(c) {
            let joins = joiners.joins(c)
                && char_at(text, end + len)
                    .is_some_and(|(n, _)| is_word_char(n) && same_script(first, n));
            if !joins {
                break;
            }
            unicode_hyphen |= !c.is_ascii() && c != '\u{2019}';
        } else if !same_script(first, c) {
            break;
        }
        end += len;
    }
    (end, unicode_hyphen)
}

/// The words of `text` joined by `joiners`, as byte ranges, one at a time
/// (no list kept): the words of any text, links and numbers included,
/// where [`tokenize`] reads links and numbers as tokens of their own.
pub fn words(text: &str, joiners: Joiners) -> Words<'_> {
    Words {
        text,
        at: 0,
        joiners,
    }
}

/// The iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    /// Where to look for the next word.
    at: usize,
    joiners: Joiners,
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let mut i = self.at;
        let start = loop {
            let (c, len) = char_at(self.text, i)?;
            if is_word_char(c) {
                break i;
            }
            i += len;
        };
        let (end, _) = word_end(self.text, start, self.joiners);
        self.at = end;
        Some(start..end)
    }
}

// ---------------------------------------------------------- spaced words

/// The spaced words of `text`: what white space separates, whatever it
/// holds (`"Hi,"`, `"—"`, `"https://x.it"`).
pub fn spaced(text: &str) -> std::str::SplitWhitespace<'_> {
    text.split_whitespace()
}

/// How many spaced words `text` has.
pub fn spaced_count(text: &str) -> usize {
    spaced(text).count()
}

/// Whether a spaced word reads as a word: it has a letter or a digit (a
/// link or a number is one word, a dash is none).
pub fn is_wordlike(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// How many spaced words of `text` read as words ([`is_wordlike`]).
pub fn wordlike_count(text: &str) -> usize {
    spaced(text).filter(|w| is_wordlike(w)).count()
}

/// The letters of a spaced word that is a word of prose: it has a letter
/// and is not a link, an e-mail address, an @handle or a helpdesk
/// placeholder (`None` otherwise). One pass over the word: a link's `://`
/// has the `/` that rules it out.
pub fn prose_letters(word: &str) -> Option<usize> {
    if word
        .as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"www."))
    {
        return None;
    }
    let mut letters = 0;
    for c in word.chars() {
        if matches!(c, '@' | '{' | '}' | '[' | ']' | '<' | '>' | '%' | '/') {
            return None;
        }
        letters += usize::from(c.is_alphabetic());
    }
    (letters > 0).then_some(letters)
}

/// The spaced word that ends `text`: what follows its last white space
/// (empty when `text` ends with white space).
pub fn trailing_spaced(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

/// The letters and digits that end `text` (`"ordine A12"` → `"A12"`).
pub fn trailing_alphanumerics(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// The letters and digits that open `text` (`"A12, grazie"` → `"A12"`).
pub fn leading_alphanumerics(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// The letters that open `text` (`"Vielen Dank"` → `"Vielen"`).
pub fn leading_letters(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// How many word-like pieces `text` has between white space and
/// apostrophes (`what's your` is three).
pub fn elided_word_count(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .filter(|w| is_wordlike(w))
        .count()
}

// ----------------------------------------------------------------- emoji

static PRESENTATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Emoji_Presentation}").expect("valid regex"));
static EMOJI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{Emoji}$").expect("valid regex"));
static PICTOGRAPHIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Extended_Pictographic}$").expect("valid regex"));

/// Whether `text` has a character from U+20E3, the combining keycap, up.
/// Every emoji has one: the keycap, the variation selector U+FE0F or an
/// emoji from U+231A on; accents and typographic punctuation are below.
/// UTF-8 keeps the order of code points, so these characters are the byte
/// sequences from `E2 83 A3` up; a byte above 0xE2 starts one, with two
/// bytes at least after it. Every three bytes in a row are looked at,
/// without stopping at the first that fit, so that the compiler turns the
/// loop into vector instructions.
fn from_keycap_up(text: &str) -> bool {
    text.as_bytes().windows(3).fold(false, |found, w| {
        found
            | (w[0] > 0xE2)
            | ((w[0] == 0xE2) & ((w[1] > 0x83) | ((w[1] == 0x83) & (w[2] >= 0xA3))))
    })
}

/// Whether one grapheme cluster is an emoji.
pub fn is_emoji(grapheme: &str) -> bool {
    let Some(first) = grapheme.chars().next() else {
        return false;
    };
    if !from_keycap_up(grapheme) {
        return false;
    }
    if first.is_ascii() && !grapheme.contains(['\u{fe0f}', '\u{20e3}']) {
        return false;
    }
    if grapheme.contains('\u{20e3}') || PRESENTATION.is_match(grapheme) {
        return true;
    }
    let mut buf = [0; 4];
    let first_str: &str = first.encode_utf8(&mut buf);
    if !EMOJI.is_match(first_str) {
        return false;
    }
    if grapheme.contains('\u{fe0f}') {
        return true;
    }
    let code = u32::from(first);
    PICTOGRAPHIC.is_match(first_str) && ((0x2600..=0x27BF).contains(&code) || code >= 0x1F000)
}

/// Byte ranges of the emoji of `text`, one per emoji: every emoji
/// grapheme, inside links and placeholders too.
pub fn emoji(text: &str) -> Vec<Range<usize>> {
    if !from_keycap_up(text) {
        return Vec::new();
    }
    text.grapheme_indices(true)
        .filter(|(_, g)| is_emoji(g))
        .map(|(i, g)| i..i + g.len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Past the longest text tokenized, nothing is; before it, the tokens
    /// are those of the whole text (cut at a character's start).
    #[test]
    fn a_text_is_tokenized_up_to_the_limit() {
        let text = "Ciao {{name}}, è arrivato https://acme.it ok";
        let whole = tokenize(text);
        assert_eq!(tokenize_up_to(text, not_prose(text), usize::MAX), whole);
        for max in 0..=text.len() {
            let cut = tokenize_up_to(text, not_prose(text), max);
            assert!(cut.iter().all(|t| t.end() <= max), "{max}: {cut:?}");
            let before: Vec<&Token> = whole.iter().filter(|t| t.end() < max).collect();
            assert!(
                before.iter().all(|t| cut.contains(t)),
                "{max}: {cut:?} lacks some of {before:?}"
            );
        }
        assert_eq!(std::mem::size_of::<Token>(), 12);
    }

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.range()]))
            .collect()
    }

    #[test]
    fn a_reply_in_tokens() {
        use Kind::*;
        assert_eq!(
            kinds(
                "Hi @anna, it's {{name}}: see www.acme.it/x or mail a.b@acme.it #help 😊 12,50 e\u{2011}mail!"
            ),
            [
                (Word, "Hi"),
                (Handle, "@anna"),
                (Punctuation, ","),
                (Word, "it's"),
                (Placeholder, "{{name}}"),
                (Punctuation, ":"),
                (Word, "see"),
                (Url, "www.acme.it/x"),
                (Word, "or"),
                (Word, "mail"),
                (Email, "a.b@acme.it"),
                (Hashtag, "#help"),
                (Emoji, "😊"),
                (Number, "12,50"),
                (Word, "e\u{2011}mail"),
                (Punctuation, "!"),
            ]
        );
    }

    #[test]
    fn an_emoji_stops_before_a_word_character() {
        use Kind::*;
        assert_eq!(
            kinds("❤\u{fe0f}ok 👍🏽 *\u{fe0f}\u{20e3}"),
            [
                (Emoji, "❤"),
                (Word, "\u{fe0f}ok"),
                (Emoji, "👍🏽"),
                (Punctuation, "*"),
                (Word, "\u{fe0f}\u{20e3}"),
            ]
        );
    }

    #[test]
    fn word_tokens_keep_hyphens_and_apostrophes_inside() {
        let text = "USB-C, L'IBAN - ok 'x'";
        let got: Vec<&str> = tokenize(text)
            .into_iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| &text[t.range()])
            .collect();
        assert_eq!(got, ["USB-C", "L'IBAN", "ok", "x"]);
    }

    #[test]
    fn ascii_joined_parts_split_at_unicode_hyphens() {
        let text = "e\u{2010}mail it's x\u{2011}y-z";
        let parts: Vec<&str> = tokenize(text)
            .iter()
            .flat_map(|t| t.ascii_joined(text))
            .map(|r| &text[r])
            .collect();
        assert_eq!(parts, ["e", "mail", "it's", "x", "y-z"]);
    }

    #[test]
    fn words_join_apostrophes_and_hyphens() {
        let text = "it's e-mail 'x' -y";
        let got: Vec<&str> = words(text, Joiners::Ascii).map(|r| &text[r]).collect();
        assert_eq!(got, ["it's", "e-mail", "x", "y"]);
    }

    #[test]
    fn spaced_words_and_their_readings() {
        assert_eq!(spaced_count("Hi,  Anna — ok"), 4);
        assert_eq!(wordlike_count("Hi,  Anna — ok"), 3);
        assert_eq!(prose_letters("Hello,"), Some(5));
        for w in [
            "www.acme.it",
            "https://x",
            "a@b.c",
            "@anna",
            "{{x}}",
            "[NAME]",
            "%s",
            "—",
            "12",
        ] {
            assert_eq!(prose_letters(w), None, "{w}");
        }
        assert_eq!(elided_word_count("what's your PIN?"), 4);
    }

    // The word readings rules made for themselves before the tokens, kept
    // to check the tokens against.

    /// `shouting`'s words: runs of letters, digits and combining marks,
    /// joined by an inner hyphen or apostrophe.
    fn shouting_words(text: &str) -> Vec<Range<usize>> {
        fn is_word_char(c: char) -> bool {
            c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
        }
        fn is_joiner(c: char) -> bool {
            matches!(c, '-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}')
        }
        // Since words split where the writing system changes, the
        // script of the word's first character goes along.
        use crate::text::boundary::same_script;
        let mut out = Vec::new();
        let mut start: Option<(usize, char)> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_word_char(c) {
                match start {
                    Some((s, first)) if !same_script(first, c) => {
                        out.push(s..i);
                        start = Some((i, c));
                    }
                    Some(_) => {}
                    None => start = Some((i, c)),
                }
                continue;
            }
            let next_is_word = chars.peek().is_some_and(|&(_, n)| {
                is_word_char(n) && start.is_some_and(|(_, first)| same_script(first, n))
            });
            if start.is_some() && is_joiner(c) && next_is_word {
                continue;
            }
            if let Some((s, _)) = start.take() {
                out.push(s..i);
            }
        }
        if let Some((s, _)) = start {
            out.push(s..text.len());
        }
        out
    }

    /// `repeated-word`'s words: the same, joined by `'`, `’` and `-` only.
    fn repeated_word_words(text: &str) -> Vec<Range<usize>> {
        fn is_word_char(c: char) -> bool {
            c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
        }
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            if !is_word_char(chars[i].1) {
                i += 1;
                continue;
            }
            let (start, first) = chars[i];
            let same = |c: char| crate::text::boundary::same_script(first, c);
            while i < chars.len() {
                let c = chars[i].1;
                let joins = matches!(c, '\'' | '\u{2019}' | '-')
                    && chars
                        .get(i + 1)
                        .is_some_and(|&(_, n)| is_word_char(n) && same(n));
                if (!is_word_char(c) && !joins) || (is_word_char(c) && !same(c)) {
                    break;
                }
                i += 1;
            }
            out.push(start..chars.get(i).map_or(text.len(), |&(j, _)| j));
        }
        out
    }

    fn document_words(text: &str) -> Vec<Range<usize>> {
        tokenize(text)
            .into_iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.range())
            .collect()
    }

    fn document_ascii_words(text: &str) -> Vec<Range<usize>> {
        tokenize(text)
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .flat_map(|t| t.ascii_joined(text).collect::<Vec<_>>())
            .collect()
    }

    fn parts() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(vec![
                    "'",
                    "\u{2019}",
                    "-",
                    "\u{2010}",
                    "\u{2011}",
                    " ",
                    "\n",
                    "\u{a0}",
                    "_",
                    ".",
                    ",",
                    "@",
                    "#",
                    "{{",
                    "}}",
                    "www.",
                    "https://",
                    "/",
                    "1",
                    "٣",
                    "½",
                    "²",
                    "a",
                    "É",
                    "ß",
                    "e\u{301}",
                    "\u{301}",
                    "\u{fe0f}",
                    "\u{20e3}",
                    "❤",
                    "😀",
                    "👍🏽",
                    "🇮🇹",
                    "*",
                    "中",
                    "Ⅻ",
                    "李明",
                    "مرحبا",
                    "שלום",
                    "สวัสดี",
                    "TODO",
                ])
                .prop_map(str::to_owned),
                "[a-zA-Z ]{1,4}",
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn word_tokens_are_shoutings_words_of_the_prose(text in parts()) {
            let prose = crate::lang::prose::prose(&text);
            prop_assert_eq!(document_words(&text), shouting_words(&prose));
        }

        #[test]
        fn ascii_joined_words_are_repeated_words_words_of_the_prose(text in parts()) {
            let prose = crate::lang::prose::prose(&text);
            prop_assert_eq!(document_ascii_words(&text), repeated_word_words(&prose));
            let all: Vec<_> = words(&text, Joiners::Ascii).collect();
            prop_assert_eq!(all, repeated_word_words(&text));
        }

        #[test]
        fn tokens_are_in_order_and_cover_every_character_but_white_space(text in parts()) {
            let mut at = 0;
            for t in tokenize(&text) {
                prop_assert!(text[at..t.start()].chars().all(char::is_whitespace));
                prop_assert!(t.start() < t.end());
                at = t.end();
            }
            prop_assert!(text[at..].chars().all(char::is_whitespace));
        }

        #[test]
        fn the_documents_tokens_after_its_prose_are_the_tokens_of_the_text(text in parts()) {
            // Built from the stretches the prose's scan found, whether the
            // prose was asked for first or not.
            let document = crate::analysis::Document::default();
            let prose = document.prose(&text).to_owned();
            prop_assert_eq!(prose, crate::lang::prose::prose(&text));
            let tokens = tokenize(&text);
            prop_assert_eq!(document.tokens(&text), tokens.as_slice());
            let untouched = crate::analysis::Document::default();
            prop_assert_eq!(untouched.tokens(&text), tokens.as_slice());
        }
    }

    fn count(text: &str) -> usize {
        emoji(text).len()
    }

    #[test]
    fn sequences_count_once() {
        assert_eq!(count("👨\u{200d}👩\u{200d}👧"), 1);
        assert_eq!(count("👍🏽"), 1);
        assert_eq!(count("🇮🇹"), 1);
        assert_eq!(count("1\u{fe0f}\u{20e3}"), 1);
        assert_eq!(count("❤\u{fe0f}"), 1);
        assert_eq!(count("😊😊 ok 🎉"), 3);
    }

    #[test]
    fn text_symbols_are_not_emoji() {
        for t in [
            "©", "®", "™", "→", "↔", "▶", "★", "✓", "#1", ":)", "‼", "中文", "é", "€",
        ] {
            assert_eq!(count(t), 0, "{t}");
        }
        for t in ["❤", "☺", "✔", "☀", "⭐", "✨", "©\u{fe0f}"] {
            assert_eq!(count(t), 1, "{t}");
        }
    }

    #[test]
    fn below_the_keycap_nothing_is_an_emoji() {
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            assert_eq!(from_keycap_up(s), c >= '\u{20e3}', "{c:?}");
            if c < '\u{20e3}' {
                assert!(!PRESENTATION.is_match(s), "{c:?}");
            }
        }
    }
}
