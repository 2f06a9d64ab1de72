//! LanguageTool's annotated text (the `data` field): a document as a list
//! of parts, text to check and markup to skip,
//!
//! ```json
//! {"annotation": [
//!   {"text": "Hi "}, {"markup": "<b>"}, {"text": "Anna"}, {"markup": "</b>"},
//!   {"markup": "<p>", "interpretAs": "\n\n"}, {"text": "Thanks"}
//! ]}
//! ```
//!
//! What is checked is the text parts with each markup's `interpretAs` in
//! its place (`"Hi Anna\n\nThanks"`); what the answer's offsets count in is
//! the original document, every part as written one after the other,
//! markup included (`"Hi <b>Anna</b><p>Thanks"`), as LanguageTool maps
//! them: a position in a text part maps to the same character of the
//! original; a match that starts in what a markup is interpreted as
//! starts where the markup starts, and one that ends there ends where
//! the markup ends. Positions are UTF-16 code units, as LanguageTool
//! counts them.

use replylint_core::location::utf16_len;
use serde::Deserialize;
use std::ops::Range;

/// A document to check, and where its checked text is in the original.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text checked.
    pub plain: String,
    /// The document as sent, markup included; `None` when it is `plain`.
    original: Option<String>,
    /// The parts with a length in the checked text, in order.
    segments: Vec<Segment>,
}

/// A part of the document: its range in the checked text and in the
/// original, in UTF-16 units.
#[derive(Debug, Clone)]
struct Segment {
    plain: Range<usize>,
    original: Range<usize>,
    /// Markup's `interpretAs`: not in the original as checked.
    interpreted: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotated {
    annotation: Vec<Part>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Part {
    text: Option<String>,
    markup: Option<String>,
    interpret_as: Option<String>,
}

impl Document {
    /// A text without markup.
    pub fn text(text: String) -> Self {
        let len = utf16_len(&text);
        Document {
            plain: text,
            original: None,
            segments: vec![Segment {
                plain: 0..len,
                original: 0..len,
                interpreted: false,
            }],
        }
    }

    /// An annotated text, from the JSON of LanguageTool's `data` field.
    pub fn annotated(json: &str) -> Result<Self, String> {
        let annotated: Annotated = serde_json::from_str(json).map_err(|e| {
            format!(
                "`data` is not annotated text ({{\"annotation\": [{{\"text\": …}}, {{\"markup\": …, \"interpretAs\": …}}]}}): {e}"
            )
        })?;
        let mut plain = String::new();
        let mut original = String::new();
        let mut segments = Vec::new();
        let (mut plain_at, mut original_at) = (0, 0);
        for (i, part) in annotated.annotation.into_iter().enumerate() {
            let (written, checked, interpreted) = match part {
                Part {
                    text: Some(text),
                    markup: None,
                    interpret_as: None,
                } => (text.clone(), text, false),
                Part {
                    text: None,
                    markup: Some(markup),
                    interpret_as,
                } => {
                    let interpreted = interpret_as.unwrap_or_default();
                    (markup, interpreted, true)
                }
                _ => {
                    return Err(format!(
                        "`data`: annotation {i} must have either `text`, or `markup` with an optional `interpretAs`"
                    ));
                }
            };
            let (written_len, checked_len) = (utf16_len(&written), utf16_len(&checked));
            if checked_len > 0 {
                segments.push(Segment {
                    plain: plain_at..plain_at + checked_len,
                    original: original_at..original_at + written_len,
                    interpreted,
                });
            }
            plain.push_str(&checked);
            original.push_str(&written);
            plain_at += checked_len;
            original_at += written_len;
        }
        Ok(Document {
            plain,
            original: Some(original),
            segments,
        })
    }

    /// Whether the document was sent as annotated text.
    pub fn is_annotated(&self) -> bool {
        self.original.is_some()
    }

    /// The document as sent, which the answer's offsets count in.
    pub fn original(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.plain)
    }

    /// The original position of where a match starting at `plain` (in the
    /// checked text) starts.
    pub fn start(&self, plain: usize) -> usize {
        // The segments are in order, end to end: found by halving.
        let i = self.segments.partition_point(|s| s.plain.end <= plain);
        match self.segments.get(i) {
            Some(s) if s.interpreted => s.original.start,
            Some(s) => s.original.start + plain.saturating_sub(s.plain.start),
            None => self.segments.last().map_or(0, |s| s.original.end),
        }
    }

    /// The original position of where a match ending at `plain` ends.
    pub fn end(&self, plain: usize) -> usize {
        let i = self.segments.partition_point(|s| s.plain.start < plain);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(s) if s.interpreted => s.original.end,
            Some(s) => s.original.start + (plain - s.plain.start).min(s.plain.len()),
            None => self.segments.first().map_or(0, |s| s.original.start),
        }
    }

    /// The original range of the checked range `start..end`.
    pub fn range(&self, start: usize, end: usize) -> Range<usize> {
        let from = self.start(start);
        let to = if end > start { self.end(end) } else { from };
        from..to.max(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str, part: &str) -> Range<usize> {
        let at = text.find(part).unwrap();
        utf16_len(&text[..at])..utf16_len(&text[..at + part.len()])
    }

    #[test]
    fn plain_text_maps_to_itself() {
        let doc = Document::text("a😀b".into());
        assert_eq!(doc.original(), "a😀b");
        assert_eq!(doc.range(1, 3), 1..3);
        assert_eq!(doc.range(4, 4), 4..4);
    }

    #[test]
    fn markup_is_skipped_and_positions_map_to_the_original() {
        let json = r#"{"annotation": [
            {"text": "Hi "}, {"markup": "<b>"}, {"text": "Añña 😀"}, {"markup": "</b>"},
            {"markup": "<p>", "interpretAs": "\n\n"}, {"text": "Thanks  you"}
        ]}"#;
        let doc = Document::annotated(json).unwrap();
        assert_eq!(doc.plain, "Hi Añña 😀\n\nThanks  you");
        let original = doc.original().to_owned();
        assert_eq!(original, "Hi <b>Añña 😀</b><p>Thanks  you");
        // A word inside a text part.
        let plain = units(&doc.plain, "Añña 😀");
        assert_eq!(
            doc.range(plain.start, plain.end),
            units(&original, "Añña 😀")
        );
        let plain = units(&doc.plain, "  ");
        assert_eq!(doc.range(plain.start, plain.end), units(&original, "  "));
        // What `<p>` is interpreted as maps to the whole markup.
        let plain = units(&doc.plain, "\n\n");
        assert_eq!(doc.range(plain.start, plain.end), units(&original, "<p>"));
        // A match across the markup spans it.
        let plain = units(&doc.plain, "😀\n\nThanks");
        assert_eq!(
            doc.range(plain.start, plain.end),
            units(&original, "😀</b><p>Thanks")
        );
        // The whole text.
        let all = utf16_len(&doc.plain);
        assert_eq!(doc.range(0, all), 0..utf16_len(&original));
    }

    #[test]
    fn annotations_that_are_not_one_kind_of_part_are_refused() {
        for bad in [
            r#"{"annotation": [{"text": "a", "markup": "<b>"}]}"#,
            r#"{"annotation": [{}]}"#,
            r#"{"annotation": [{"text": "a", "interpretAs": "b"}]}"#,
            r#"{"annotation": [{"txt": "a"}]}"#,
            r#"{"annotations": []}"#,
            r#"["a"]"#,
            "",
        ] {
            assert!(Document::annotated(bad).is_err(), "{bad}");
        }
        let empty = Document::annotated(r#"{"annotation": []}"#).unwrap();
        assert_eq!((empty.plain.as_str(), empty.original()), ("", ""));
        assert_eq!(empty.range(0, 0), 0..0);
    }
}
