//! Text measurement and matching helpers shared by rules: counting units
//! (`count`), tweet weight (`tweet`), SMS encoding and parts (`sms`), check
//! digits of cards, IBANs and tax codes (`validate`), and
//! case-insensitive word matching that keeps byte offsets into the original.

pub mod boundary;
pub mod count;
pub mod dialect;
pub mod expand;
pub mod graphemes;
pub mod phrases;
pub mod placeholders;
pub mod sms;
pub mod tags;
pub mod tweet;
pub mod validate;

/// One HTML comment of a text: `range` from `<!--` to past `-->`, `inner`
/// between them. A comment never closed runs to the end of the text, as
/// in HTML, with `closed` false.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlComment {
    pub range: std::ops::Range<usize>,
    pub inner: std::ops::Range<usize>,
    pub closed: bool,
}

/// The HTML comments (`<!-- … -->`) of `text`, in order.
pub fn html_comments(text: &str) -> impl Iterator<Item = HtmlComment> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + text.get(from..)?.find("<!--")?;
        let inner_start = start + 4;
        let comment = match text[inner_start..].find("-->") {
            Some(i) => HtmlComment {
                range: start..inner_start + i + 3,
                inner: inner_start..inner_start + i,
                closed: true,
            },
            None => HtmlComment {
                range: start..text.len(),
                inner: inner_start..text.len(),
                closed: false,
            },
        };
        from = comment.range.end;
        Some(comment)
    })
}

/// Fold a character for case- and apostrophe-insensitive comparison:
/// lower case, typographic apostrophes made straight. Every matcher in the
/// crate (lexicons, phrase sets) folds with this one function.
pub fn fold_char(c: char) -> std::char::ToLowercase {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\''.to_lowercase(),
        // Turkish dotted capital I: plain `i`, not `i` + combining dot.
        '\u{130}' => 'i'.to_lowercase(),
        _ => c.to_lowercase(),
    }
}

/// Whether `at` is inside an inline code span (`` `…` ``) on its line:
/// an odd number of backticks between the line's start and `at`.
pub fn in_code_span(body: &str, at: usize) -> bool {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    body[line_start..at].matches('`').count() % 2 == 1
}

/// `text` without its accents and other combining marks (`perché` →
/// `perche`), composed again.
pub fn strip_accents(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    strip_latin(text).unwrap_or_else(|| normalised_without_marks(text))
}

/// What [`strip_accents`] does, by decomposing and composing `text`.
fn normalised_without_marks(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect()
}

/// The Latin letters a table answers [`strip_accents`] for: Latin-1's,
/// Latin Extended-A's and -B's, below the combining marks.
const LATIN: std::ops::Range<u32> = 0xC0..0x250;

/// [`strip_accents`] of a text of ASCII and [`LATIN`] letters only, a
/// character at a time, each letter normalised once per run (`None` for
/// any other text). The same: each letter decomposes into itself or a letter
/// and marks, and what is left once the marks go is a run of letters
/// none of which composes with the next.
fn strip_latin(text: &str) -> Option<String> {
    use std::sync::atomic::{AtomicU32, Ordering};
    // Each letter's answer, worked out the first time it is met (a
    // draft meets a few dozen): 0 before, `u32::MAX` when it is not one
    // character, else the character's code + 1.
    const LEN: usize = (LATIN.end - LATIN.start) as usize;
    static TABLE: [AtomicU32; LEN] = [const { AtomicU32::new(0) }; LEN];
    let stripped = |c: char| -> Option<char> {
        let slot = &TABLE[(u32::from(c) - LATIN.start) as usize];
        let known = match slot.load(Ordering::Relaxed) {
            0 => {
                let stripped = normalised_without_marks(c.encode_utf8(&mut [0; 4]));
                let mut chars = stripped.chars();
                let one = chars.next().filter(|_| chars.next().is_none());
                let code = one.map_or(u32::MAX, |c| u32::from(c) + 1);
                slot.store(code, Ordering::Relaxed);
                code
            }
            code => code,
        };
        (known != u32::MAX)
            .then(|| char::from_u32(known - 1))
            .flatten()
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if LATIN.contains(&u32::from(c)) {
            out.push(stripped(c)?);
        } else {
            return None;
        }
    }
    Some(out)
}

/// [`fold_str`] of `text`, borrowing it when folding leaves it as it is
/// (ASCII without capitals): what lexicon data read in place keeps.
pub fn fold_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(fold_str(text))
    }
}

/// `text` folded a character at a time with [`fold_char`]; ASCII text
/// (most phrases and words) by bytes.
pub fn fold_str(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            folded.extend(fold_char(c));
        }
    }
    folded
}

fn fold(c: char) -> std::char::ToLowercase {
    fold_char(c)
}

/// Whether `haystack` contains `needle`, ASCII letters compared without
/// case (no allocation): a cheap test before a case-insensitive search.
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let hay = haystack.as_bytes();
    let Some((&first, rest)) = needle.as_bytes().split_first() else {
        return true;
    };
    // Only where the first byte is, in either case.
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay).any(|i| {
        hay.get(i + 1..i + 1 + rest.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
    })
}

/// If `haystack` starts with `needle` (case-insensitively, typographic and
/// straight apostrophes alike) and the match ends at a word boundary, the
/// byte length of the matched prefix of `haystack`.
pub fn starts_with_words(haystack: &str, needle: &str) -> Option<usize> {
    let mut want = needle.chars().flat_map(fold).peekable();
    let mut len = 0;
    for c in haystack.chars() {
        if want.peek().is_none() {
            break;
        }
        for f in fold(c) {
            if want.next() != Some(f) {
                return None;
            }
        }
        len += c.len_utf8();
    }
    if want.peek().is_some() {
        return None;
    }
    // "Gentile" does not open "Gentilezza"; "Spett.le" opens
    // "Spett.le ditta", "Dear" opens "Dear李明".
    let ends_word = needle.chars().last().is_some_and(char::is_alphanumeric);
    (!ends_word || boundary::is_boundary(haystack, len)).then_some(len)
}

/// Whether `c` continues a name or a word where a match must not cut
/// one: a letter, a digit or `_` (a phrase, an e-mail address, a number
/// or a markup delimiter touching one of these is part of something
/// longer: `order_id`, `x1`). The tokenizer's word characters
/// (`analysis::tokens`) are letters, digits and combining marks instead.
pub fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte ranges of the lines of `text` (split at `\n`, without it).
pub fn lines(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let r = start..start + line.len();
        start = r.end + 1;
        r
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn latin_letters_lose_their_accents_as_normalising_does() {
        let latin: Vec<char> = super::LATIN.filter_map(char::from_u32).collect();
        for &a in &latin {
            for b in ['a', 'Z', ' ', a, 'ß', 'é', '\u{301}', '中'] {
                let text = format!("x{a}{b}y");
                assert_eq!(
                    super::strip_accents(&text),
                    super::normalised_without_marks(&text),
                    "{text:?}"
                );
            }
        }
        assert_eq!(super::strip_accents("Perché Ærø Łódź"), "Perche Ærø Łodz");
    }

    proptest::proptest! {
        #[test]
        fn any_text_loses_its_accents_as_normalising_does(
            text in "[a-zA-Z \u{c0}-\u{24f}\u{300}-\u{36f}ǅﬁ中]{0,12}"
        ) {
            proptest::prop_assert_eq!(
                super::strip_accents(&text),
                super::normalised_without_marks(&text)
            );
        }
    }

    use super::*;

    #[test]
    fn fold_cow_borrows_only_what_folding_leaves_alone() {
        for text in ["thx", "w/o", "Dear", "perché", "GRAZIE", "İstanbul", ""] {
            let folded = fold_cow(text);
            assert_eq!(folded, fold_str(text), "{text}");
            let borrowed = matches!(folded, std::borrow::Cow::Borrowed(_));
            assert_eq!(
                borrowed,
                text.is_ascii() && text == fold_str(text),
                "{text}"
            );
        }
    }

    #[test]
    fn html_comments_closed_and_not() {
        let text = "a <!-- one --> b <!--two-->c <!-- open";
        let found: Vec<(&str, &str, bool)> = html_comments(text)
            .map(|c| (&text[c.range], &text[c.inner], c.closed))
            .collect();
        assert_eq!(
            found,
            [
                ("<!-- one -->", " one ", true),
                ("<!--two-->", "two", true),
                ("<!-- open", " open", false),
            ]
        );
        assert_eq!(html_comments("no comment -->").count(), 0);
    }

    #[test]
    fn ascii_case_insensitive_contains() {
        assert!(contains_ignore_ascii_case("Visit WWW.acme.it", "www."));
        assert!(contains_ignore_ascii_case("Lorem Ipsum", "lorem"));
        assert!(!contains_ignore_ascii_case("wwwx", "www."));
        assert!(!contains_ignore_ascii_case("ww", "www."));
        assert!(contains_ignore_ascii_case("a todo: x", "TODO"));
        assert!(contains_ignore_ascii_case("wwW.", "www."));
        assert!(!contains_ignore_ascii_case("é wwW", "www."));
        assert!(contains_ignore_ascii_case("", ""));
    }

    #[test]
    fn word_prefix_matching_is_case_and_apostrophe_insensitive() {
        assert_eq!(starts_with_words("GENTILE Mario", "gentile"), Some(7));
        assert_eq!(starts_with_words("Gentilezza", "gentile"), None);
        assert_eq!(
            starts_with_words("Je vous prie d’agréer", "je vous prie d'agréer"),
            Some("Je vous prie d’agréer".len())
        );
        assert_eq!(starts_with_words("Hi", "Hi there"), None);
        assert_eq!(starts_with_words("Spett.le ditta", "Spett.le"), Some(8));
        // Another writing system starts another word.
        assert_eq!(starts_with_words("Dear李明", "dear"), Some(4));
        assert_eq!(starts_with_words("Dearest", "dear"), None);
    }

    #[test]
    fn lines_keep_offsets() {
        let text = "ab\n\ncd";
        let got: Vec<_> = lines(text).map(|r| &text[r]).collect();
        assert_eq!(got, ["ab", "", "cd"]);
    }
}
