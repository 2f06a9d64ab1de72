//! What is not prose in a reply: placeholders of every helpdesk dialect,
//! format fields (`%{name}`, `%name%`, `%s`) and `[NAME]`/`<NAME>` fillers, URLs, e-mail addresses, @handles and
//! #hashtags, and every word with a digit in it (order numbers, dates,
//! prices, codes). [`prose`] blanks them out.
//!
//! They are the matches, leftmost first, of this regular expression
//! (Unicode `\w`, `\d` and `\S`):
//!
//! ```text
//!   \{\{(?:[^{}\n]|\{[^{}\n]*\})*\}\} | \{%[^%\n]*%\} | \{![^{}\n]*\} | \[\[[^\[\]\n]*\]\] | \{\$[^{}\n]*\}
//! | \[[A-Z][A-Z0-9_\ .]*\] | <[A-Z][A-Z0-9_]*> | %\{[^{}\n]*\} | %[A-Za-z_][A-Za-z0-9_.]*% | %s
//! | (?i:https?://|www\.)\S+
//! | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
//! | [@\#]\w+
//! | \w*\d[\w.,:/-]*
//! ```
//!
//! found by a scanner instead: compiling the expression's Unicode classes
//! took two milliseconds, most of the time of a run on one draft. The
//! tests check the scanner against the expression.

use std::sync::LazyLock;

/// `text` with everything that is not prose replaced by spaces, byte for
/// byte, so offsets into the result are offsets into `text`.
pub fn prose(text: &str) -> String {
    blank(text, not_prose(text))
}

/// [`prose`], and the stretches it blanks out ([`not_prose`]): one scan
/// for both, where a reply's tokens are built from the stretches too.
pub fn prose_and_stretches(text: &str) -> (String, Vec<Stretch>) {
    let stretches: Vec<Stretch> = not_prose(text).collect();
    (blank(text, stretches.iter().cloned()), stretches)
}

/// `text` with `stretches` (in order, not overlapping) blanked out.
fn blank(text: &str, stretches: impl Iterator<Item = Stretch>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, _) in stretches {
        out.push_str(&text[last..range.start]);
        out.extend(std::iter::repeat_n(' ', range.len()));
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// A stretch of text that is not prose, and what it is.
pub type Stretch = (std::ops::Range<usize>, NotProse);

/// What a stretch that is not prose is: which alternative of the
/// expression matched it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotProse {
    /// `{{…}}`, `{%…%}`, `{!…}`, `[[…]]`, `{$…}`, `[NAME]`, `<NAME>`, `%s`.
    Placeholder,
    /// `https://…`, `www.…`.
    Url,
    Email,
    /// `@name`.
    Handle,
    /// `#name`.
    Hashtag,
    /// A word with a digit and what follows it of `\w.,:/-`: numbers,
    /// dates, prices, order numbers, codes.
    Number,
}

/// The stretches of `text` that are not prose, in order, with what each
/// is: the byte ranges [`prose`] blanks out.
pub fn not_prose(text: &str) -> impl Iterator<Item = Stretch> + '_ {
    Scanner::new(text).map(|(start, end, kind)| (start..end, kind))
}

/// `\w`: the regular expressions' Unicode word characters. The Latin
/// letters of the supported languages are answered without a table
/// search.
fn is_word(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric() || c == '_',
        'ª' | 'µ' | 'º' => true,
        '\u{80}'..='\u{bf}' | '×' | '÷' => false,
        // Latin-1 letters and Latin Extended-A and -B.
        '\u{c0}'..='\u{24f}' => true,
        _ => regex_syntax::is_word_character(c),
    }
}

/// `\d`: Unicode decimal digits.
fn is_digit(c: char) -> bool {
    static DIGITS: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
        use regex_syntax::hir::{Class, HirKind};
        match regex_syntax::parse(r"\d").map(|h| h.into_kind()) {
            Ok(HirKind::Class(Class::Unicode(class))) => {
                class.iter().map(|r| (r.start(), r.end())).collect()
            }
            other => unreachable!("`\\d` is a Unicode class: {other:?}"),
        }
    });
    // The first decimal digit after ASCII's is U+0660, ARABIC-INDIC DIGIT
    // ZERO.
    if c < '\u{660}' {
        return c.is_ascii_digit();
    }
    let i = DIGITS.partition_point(|&(_, end)| end < c);
    DIGITS.get(i).is_some_and(|&(start, _)| start <= c)
}

/// Whether `b` is an ASCII character no alternative starts with: not a
/// word character, nor `{`, `[`, `<`, `%`, `.`, `+`, `-`, `@` or `#`.
fn inert(b: u8) -> bool {
    b.is_ascii()
        && !(b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'_' | b'{' | b'[' | b'<' | b'%' | b'.' | b'+' | b'-' | b'@' | b'#'
            ))
}

/// The matches of the module's expression as byte ranges, in order.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
    /// Where the e-mail and digit-word alternatives can match again: they
    /// were tried at a position of a run whose every position fails alike.
    no_email_before: usize,
    no_digit_word_before: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            at: 0,
            no_email_before: 0,
            no_digit_word_before: 0,
        }
    }

    /// The end of the run of characters in `class` from `at`.
    fn run(&self, at: usize, mut class: impl FnMut(char) -> bool) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = at;
        while let Some(&b) = bytes.get(i) {
            // An ASCII byte is a whole character; the others are decoded.
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                self.text[i..].chars().next().expect("at a character")
            };
            if !class(c) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// `open`, characters not in `stop`, then `close`.
    fn delimited(&self, at: usize, open: &str, stop: &[char], close: &str) -> Option<usize> {
        let rest = self.text[at..].strip_prefix(open)?;
        let inner = rest.find(stop).unwrap_or(rest.len());
        let after = at + open.len() + inner;
        self.text[after..]
            .starts_with(close)
            .then_some(after + close.len())
    }

    /// `{{`, characters other than braces and line breaks or one level of
    /// `{…}` nested inside, then `}}`
    /// ([`crate::text::placeholders::DOUBLE_BRACES`]).
    fn double_braces(&self, at: usize) -> Option<usize> {
        let rest = self.text[at..].strip_prefix("{{")?;
        let mut i = 0;
        let bytes = rest.as_bytes();
        loop {
            match bytes.get(i)? {
                b'\n' => return None,
                b'{' => {
                    let inner = rest[i + 1..].find(['{', '}', '\n'])?;
                    i += 1 + inner;
                    if bytes[i] != b'}' {
                        return None;
                    }
                    i += 1;
                }
                b'}' => return (bytes.get(i + 1) == Some(&b'}')).then_some(at + 2 + i + 2),
                _ => i += 1,
            }
        }
    }

    /// `open`, an ASCII capital, characters in `more`, then `close`.
    fn filler(
        &self,
        at: usize,
        open: char,
        more: impl Fn(char) -> bool,
        close: char,
    ) -> Option<usize> {
        let rest = self.text[at..].strip_prefix(open)?;
        if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        let end = self.run(at + open.len_utf8() + 1, more);
        self.text[end..]
            .starts_with(close)
            .then_some(end + close.len_utf8())
    }

    /// `(?i:https?://|www\.)\S+`.
    fn url(&self, at: usize) -> Option<usize> {
        let rest = &self.text[at..];
        let prefix = |p: &str| {
            rest.get(..p.len())
                .filter(|head| head.eq_ignore_ascii_case(p))
                .map(str::len)
        };
        let len = match prefix("http") {
            Some(http) => {
                // `s` folds with the long s, `ſ`, too.
                let s = rest[http..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, 's' | 'S' | 'ſ'))
                    .map_or(0, char::len_utf8);
                if !rest[http + s..].starts_with("://") {
                    return None;
                }
                http + s + 3
            }
            None => prefix("www.")?,
        };
        let end = self.run(at + len, |c| !c.is_whitespace());
        (end > at + len).then_some(end)
    }

    /// The end of the word (`\w*`) from `at`, and whether it has a digit
    /// (`\d`).
    fn word(&self, at: usize) -> (usize, bool) {
        // ASCII first, without decoding: most words are ASCII throughout.
        let bytes = self.text.as_bytes();
        let mut i = at;
        let mut digit = false;
        while let Some(&b) = bytes.get(i) {
            if !(b.is_ascii_alphanumeric() || b == b'_') {
                break;
            }
            digit |= b.is_ascii_digit();
            i += 1;
        }
        if bytes.get(i).is_none_or(u8::is_ascii) {
            return (i, digit);
        }
        let end = self.run(i, |c| {
            let word = is_word(c);
            digit |= word && is_digit(c);
            word
        });
        (end, digit)
    }

    /// `[\w.+-]+@[\w-]+(?:\.[\w-]+)+` from `at`, whose `[\w.+-]+` runs to
    /// `at_sign`, or where it cannot match before.
    fn email(&self, at: usize, at_sign: usize) -> Result<usize, usize> {
        let label = |c: char| is_word(c) || c == '-';
        if at_sign == at {
            return Err(at);
        }
        if !self.text[at_sign..].starts_with('@') {
            return Err(at_sign);
        }
        let mut end = self.run(at_sign + 1, label);
        if end == at_sign + 1 {
            return Err(at_sign);
        }
        let mut labels = 0;
        while self.text[end..].starts_with('.') {
            let next = self.run(end + 1, label);
            if next == end + 1 {
                break;
            }
            end = next;
            labels += 1;
        }
        if labels == 0 { Err(at_sign) } else { Ok(end) }
    }

    /// `[@\#]\w+`.
    fn tag(&self, at: usize) -> Option<usize> {
        let rest = &self.text[at..];
        if !rest.starts_with(['@', '#']) {
            return None;
        }
        let end = self.run(at + 1, is_word);
        (end > at + 1).then_some(end)
    }

    /// `\w*\d[\w.,:/-]*`, whose `\w*` is the [`Scanner::word`] that ends
    /// at `word_end`, or where it cannot match before.
    fn digit_word(&self, (word_end, digit): (usize, bool)) -> Result<usize, usize> {
        if !digit {
            return Err(word_end);
        }
        Ok(self.run(word_end, |c| {
            is_word(c) || matches!(c, '.' | ',' | ':' | '/' | '-')
        }))
    }

    /// The end of `%name%` at `at`: a letter or `_`, then letters, digits,
    /// `_` and `.`, then `%`.
    fn percent_name(&self, at: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let first = *bytes.get(at + 1)?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let end = at
            + 2
            + bytes[at + 2..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
                .count();
        (bytes.get(end) == Some(&b'%')).then_some(end + 1)
    }

    /// The end of the match that starts at `at`, with the character `c`,
    /// alternatives in order (each tried only where its first character
    /// can be).
    fn match_at(&mut self, at: usize, c: char) -> Option<(usize, NotProse)> {
        let placeholder = |end| (end, NotProse::Placeholder);
        let found = match c {
            '{' => self
                .double_braces(at)
                .or_else(|| self.delimited(at, "{%", &['%', '\n'], "%}"))
                .or_else(|| self.delimited(at, "{!", &['{', '}', '\n'], "}"))
                .or_else(|| self.delimited(at, "{$", &['{', '}', '\n'], "}"))
                .map(placeholder),
            '[' => self
                .delimited(at, "[[", &['[', ']', '\n'], "]]")
                .or_else(|| {
                    let more = |c: char| {
                        c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | ' ' | '.')
                    };
                    self.filler(at, '[', more, ']')
                })
                .map(placeholder),
            '<' => {
                let more = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_';
                self.filler(at, '<', more, '>').map(placeholder)
            }
            // Rails' `%{name}`, Symfony's `%name%`, printf's `%s`.
            '%' => self
                .delimited(at, "%{", &['{', '}', '\n'], "}")
                .or_else(|| self.percent_name(at))
                .or_else(|| self.text[at..].starts_with("%s").then_some(at + 2))
                .map(placeholder),
            'h' | 'H' | 'w' | 'W' => self.url(at).map(|end| (end, NotProse::Url)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        let word = is_word(c);
        // A word starts both the e-mail's local part and the digit word:
        // one pass over it serves both.
        let mut word_at = None;
        if at >= self.no_email_before && (word || matches!(c, '.' | '+' | '-')) {
            let local = |c: char| is_word(c) || matches!(c, '.' | '+' | '-');
            // The local part goes on where the word stops, at a `.`, `+`
            // or `-`.
            let at_sign = if word {
                let w = self.word(at);
                word_at = Some(w);
                self.run(w.0, local)
            } else {
                self.run(at, local)
            };
            match self.email(at, at_sign) {
                Ok(end) => return Some((end, NotProse::Email)),
                Err(before) => self.no_email_before = before,
            }
        }
        if matches!(c, '@' | '#') {
            let kind = if c == '@' {
                NotProse::Handle
            } else {
                NotProse::Hashtag
            };
            return self.tag(at).map(|end| (end, kind));
        }
        if word && at >= self.no_digit_word_before {
            match self.digit_word(word_at.unwrap_or_else(|| self.word(at))) {
                Ok(end) => return Some((end, NotProse::Number)),
                Err(before) => self.no_digit_word_before = before,
            }
        }
        None
    }
}

impl Iterator for Scanner<'_> {
    type Item = (usize, usize, NotProse);

    fn next(&mut self) -> Option<(usize, usize, NotProse)> {
        loop {
            // Spaces and most punctuation start no alternative.
            self.at += self.text.as_bytes()[self.at..]
                .iter()
                .take_while(|&&b| inert(b))
                .count();
            let c = self.text[self.at..].chars().next()?;
            let start = self.at;
            if let Some((end, kind)) = self.match_at(start, c) {
                self.at = end;
                return Some((start, end, kind));
            }
            self.at += c.len_utf8();
            // Inside a word where the e-mail and digit-word alternatives
            // failed, only a URL can start: on to the next `h` or `w`.
            let quiet = self.no_email_before.min(self.no_digit_word_before);
            if self.at < quiet {
                // ASCII letters: their bytes are whole characters.
                self.at = self.text.as_bytes()[self.at..quiet]
                    .iter()
                    .position(|b| matches!(b, b'h' | b'H' | b'w' | b'W'))
                    .map_or(quiet, |i| self.at + i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// The expression the scanner stands for.
    static NOT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)
              \{\{(?:[^{}\n]|\{[^{}\n]*\})*\}\} | \{%[^%\n]*%\} | \{![^{}\n]*\} | \[\[[^\[\]\n]*\]\] | \{\$[^{}\n]*\}
            | \[[A-Z][A-Z0-9_\ .]*\] | <[A-Z][A-Z0-9_]*> | %\{[^{}\n]*\} | %[A-Za-z_][A-Za-z0-9_.]*% | %s
            | (?i:https?://|www\.)\S+
            | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
            | [@\#]\w+
            | \w*\d[\w.,:/-]*
            ",
        )
        .expect("valid regex")
    });

    fn same(text: &str) {
        let expected: Vec<(usize, usize)> = NOT_PROSE
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        let got: Vec<(usize, usize)> = Scanner::new(text).map(|(s, e, _)| (s, e)).collect();
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn scanner_finds_what_the_expression_finds() {
        for text in [
            "Ciao {{name}}, scrivi a help@acme.it o vai su https://acme.it/x. Ordine #A123, @acme",
            "{{ a }} {% if x %} {!Case.Id} [[b]] {$c} [NAME] [FIRST NAME.] <AGENT_1> %s",
            "{{a{b}} {{ f({ 'a': b }) }} {{a{b}c}} {{a{}}} {{a{b{c}}}} {%a\n%} {!a{} [[a[b]] [a] [AB c] <ab> <A b> %d {{}} {%%} [[]]",
            "HTTP://X hTtPs://y httpſ://z httpS:// www.a WWW.B www. http:/x https//x",
            "a.b+c-d@e-f.g.h a@b @b a@b. a@.b .@a.b a@b.c.@d.e x@y..z é@ü.ñ",
            "#tag @handle # @ #é @_x 12 a1b ab12.34,5:6/7-8 ٣a x١ ½ Ⅻ 1½ e\u{301}1",
            "word\u{a0}1\u{2028}2\u{85}3 https://a\u{a0}b www.x\u{3000}y",
            "xhttps://a xwww.b x@y.z x#y x{{y}} ab.c@d.e1 1@2.3 a-1 -1 _1 +1@a.b",
            "%{link} %name% :%a_begin%here:%a_end% %s %sender% %1% %% %.x% %_a.b% %{a{b}} %{\n}",
        ] {
            same(text);
        }
    }

    #[test]
    fn inert_bytes_start_no_match() {
        let rests = [
            "1", "a@b.c", "{b}}", "A]", "A>", "s", "a", "ttp://x", "ww.x",
        ];
        for b in 0..=0x7f_u8 {
            let c = char::from(b);
            let starts = rests.iter().any(|rest| {
                NOT_PROSE
                    .find(&format!("{c}{rest}"))
                    .is_some_and(|m| m.start() == 0)
            });
            assert_eq!(inert(b), !starts, "{c:?}");
        }
    }

    #[test]
    fn character_classes_are_the_expressions() {
        let digit = Regex::new(r"^\d$").expect("valid regex");
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word(c), regex_syntax::is_word_character(c), "{c:?}");
            assert_eq!(
                is_digit(c),
                digit.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn scanner_agrees_with_the_expression_on_any_text(
            text in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(vec![
                        "{{", "}}", "{%", "%}", "{!", "{$", "[[", "]]", "{", "}", "[", "]",
                        "<", ">", "%s", "%", "%{", "%a%", "http", "https", "HTTPS", "ſ", "://", "www.",
                        "@", "#", ".", "+", "-", ",", ":", "/", "_", " ", "\n", "\u{a0}",
                        "A", "B", "Z", "a", "é", "e\u{301}", "1", "٣", "½", "中", "😀",
                    ]).prop_map(str::to_owned),
                    "[a-zA-Z0-9 ]{1,4}",
                ],
                0..40,
            ).prop_map(|parts| parts.concat())
        ) {
            same(&text);
        }
    }
}
