//! Words and the boundaries between them: what a word character is, and
//! where one word ends and the next begins. The one definition that the
//! tokenizer ([`crate::analysis::tokens`]) splits words with and that
//! phrase sets, lexicons and `placeholder`'s fillers are matched on; it
//! lives here, below them all.

/// A word character: a letter, a digit or a combining mark.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Writing systems that a word does not cross: a word of one and a word of
/// another written side by side (`李明TODO`, `مرحباTODO`) are two words,
/// as if a space stood between them. Scripts written without spaces (Chinese
/// and Japanese, Thai, Lao, Khmer, Myanmar), Hangul, and Arabic and Hebrew
/// (right to left) each have their own; every other script (Latin, Greek,
/// Cyrillic…), digits and `_` are one. Marks belong to the block of
/// their script, so a Thai vowel sign or an Arabic vowel mark stays with
/// its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Spaced,
    Cjk,
    Hangul,
    Thai,
    Lao,
    Khmer,
    Myanmar,
    Arabic,
    Hebrew,
}

/// The [`Script`] of a character, by its Unicode block.
#[inline]
fn script(c: char) -> Script {
    if c.is_ascii() {
        return Script::Spaced;
    }
    match u32::from(c) {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0E00..=0x0E7F => Script::Thai,
        0x0E80..=0x0EFF => Script::Lao,
        0x1000..=0x109F | 0xAA60..=0xAA7F => Script::Myanmar,
        0x1780..=0x17FF | 0x19E0..=0x19FF => Script::Khmer,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => Script::Hangul,
        0x2E80..=0x2FDF
        | 0x3005..=0x3007
        | 0x3021..=0x3029
        | 0x3031..=0x303C
        | 0x3040..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x3FFFF => Script::Cjk,
        _ => Script::Spaced,
    }
}

/// Whether `before` and `after`, side by side, are one word: both word
/// characters ([`is_word_char`], or `_`, which joins the parts of a
/// name: `order_id`) of one writing system ([`Script`]). Everywhere else
/// is a word boundary: the one definition the tokenizer splits words
/// with, and that phrases, lexicons, fill-in markers and greetings are
/// matched on.
#[inline]
pub fn same_word(before: char, after: char) -> bool {
    let word = |c: char| c == '_' || is_word_char(c);
    word(before) && word(after) && script(before) == script(after)
}

/// Whether a word boundary lies at byte `at` of `text` (a character
/// boundary): the start and the end of the text are one, and so is any
/// place between two characters that are not [`same_word`].
pub fn is_boundary(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let (Some(&b), Some(&a)) = (bytes[..at].last(), bytes.get(at)) else {
        return true;
    };
    // Two ASCII characters: no decoding.
    if b.is_ascii() && a.is_ascii() {
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        return !(word(b) && word(a));
    }
    match (text[..at].chars().next_back(), text[at..].chars().next()) {
        (Some(before), Some(after)) => !same_word(before, after),
        _ => true,
    }
}

/// Whether `a` and `b` are of one writing system ([`Script`]).
#[inline]
pub fn same_script(a: char, b: char) -> bool {
    (a.is_ascii() && b.is_ascii()) || script(a) == script(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_between_writing_systems() {
        for (text, at) in [
            ("李明TODO", "李明".len()),
            ("TODO李明", 4),
            ("مرحباTODO", "مرحبا".len()),
            ("שלוםTODO", "שלום".len()),
            ("สวัสดีTODO", "สวัสดี".len()),
            ("안녕TODO", "안녕".len()),
            ("ありがとうTODO", "ありがとう".len()),
            ("TODO, x", 4),
            ("x TODO", 2),
        ] {
            assert!(is_boundary(text, at), "{text} at {at}");
        }
        for (text, at) in [
            ("xTODO", 1),
            ("TODOs", 4),
            ("caféTODO", "café".len()),
            ("TODO_1", 4),
            ("Δx", "Δ".len()),
            ("李明", "李".len()),
            // A Thai vowel sign stays with its word.
            ("สวัสดี", "สวัสด".len()),
            // Kanji and kana are one writing system.
            ("東京です", "東京".len()),
        ] {
            assert!(!is_boundary(text, at), "{text} at {at}");
        }
        assert!(is_boundary("", 0));
        assert!(is_boundary("ab", 0) && is_boundary("ab", 2));
    }
}
