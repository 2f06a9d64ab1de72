//! Language detection, behind one small interface so that the engine can be
//! swapped if measurements demand it (`tests/lang_eval.rs` measures it).
//!
//! The engine is `whatlang`, restricted to the configured candidate
//! languages (restricting it to six languages makes it markedly more
//! accurate on short replies). It does not guess: on text with too few
//! letters, or when `whatlang` is not confident, [`Detector::detect`] says
//! nothing. Text that is not prose (placeholders, URLs, e-mail addresses,
//! @handles, anything with a digit in it) is blanked out first by
//! [`prose`], which keeps byte offsets, so segments found in the blanked
//! text are segments of the original.

use super::Language;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Fewer letters than this and detection says nothing: below it, a few
/// shared words decide, and `whatlang` is wrong on about one reply in five.
pub const MIN_LETTERS: usize = 40;
/// `whatlang`'s confidence (0–1) below which detection says nothing.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// Sentences are held to a stricter confidence than whole replies and
/// paragraphs: a short sentence full of names and loanwords ("Il tracking
/// è su UPS") must not read as another language.
pub const MIN_SENTENCE_CONFIDENCE: f64 = 0.8;

/// A confident detection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub language: Language,
    /// `whatlang`'s confidence, 0–1.
    pub confidence: f64,
    /// Letters the detection was made on.
    pub letters: usize,
}

/// A language detector over a fixed set of candidate languages.
#[derive(Debug, Clone)]
pub struct Detector {
    candidates: Vec<Language>,
    engine: whatlang::Detector,
}

impl Default for Detector {
    /// A detector over every language replylint knows.
    fn default() -> Self {
        Detector::new(&Language::ALL)
    }
}

impl Detector {
    /// A detector choosing among `candidates` (every known language when
    /// empty).
    pub fn new(candidates: &[Language]) -> Self {
        let mut list: Vec<Language> = if candidates.is_empty() {
            Language::ALL.to_vec()
        } else {
            candidates.to_vec()
        };
        list.sort_unstable();
        list.dedup();
        let engine = whatlang::Detector::with_allowlist(list.iter().map(|&l| to_whatlang(l)).collect());
        Detector {
            candidates: list,
            engine,
        }
    }

    /// The languages detection chooses among.
    pub fn candidates(&self) -> &[Language] {
        &self.candidates
    }

    /// Whether `language` can be detected at all.
    pub fn knows(&self, language: Language) -> bool {
        self.candidates.contains(&language)
    }

    /// The language of `text`, when detection is confident: at least
    /// [`MIN_LETTERS`] letters of prose and a confidence of at least
    /// [`MIN_CONFIDENCE`]. Non-prose is blanked out first.
    pub fn detect(&self, text: &str) -> Option<Detection> {
        self.detect_prose(&prose(text))
    }

    /// [`Detector::detect`] on text already passed through [`prose`].
    pub fn detect_prose(&self, prose: &str) -> Option<Detection> {
        self.guess_prose(prose).filter(|d| {
            d.letters >= MIN_LETTERS && d.confidence >= MIN_CONFIDENCE
        })
    }

    /// The engine's best guess, however unsure (for display, such as the
    /// `count` command's confidence column); `None` without letters.
    pub fn guess(&self, text: &str) -> Option<Detection> {
        self.guess_prose(&prose(text))
    }

    fn guess_prose(&self, prose: &str) -> Option<Detection> {
        let letters = prose.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            return None;
        }
        let info = self.engine.detect(prose)?;
        let language = from_whatlang(info.lang())?;
        Some(Detection {
            language,
            confidence: info.confidence(),
            letters,
        })
    }
}

/// A paragraph or sentence whose language detection is confident about.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Byte range in the text, trimmed.
    pub range: Range<usize>,
    pub kind: SegmentKind,
    pub detection: Detection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Paragraph,
    Sentence,
}

impl SegmentKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Paragraph => "paragraph",
            SegmentKind::Sentence => "sentence",
        }
    }
}

impl Detector {
    /// The paragraphs of `text` in a confidently detected language, and
    /// the sentences of paragraphs with more than one sentence, in order
    /// (a paragraph before its sentences).
    pub fn segments(&self, text: &str) -> Vec<Segment> {
        let prose = prose(text);
        let mut out = Vec::new();
        for para in paragraphs(text) {
            if let Some(detection) = self.detect_prose(&prose[para.clone()]) {
                out.push(Segment {
                    range: para.clone(),
                    kind: SegmentKind::Paragraph,
                    detection,
                });
            }
            let sentences = sentences(text, para);
            if sentences.len() < 2 {
                continue;
            }
            for sentence in sentences {
                if let Some(detection) = self
                    .detect_prose(&prose[sentence.clone()])
                    .filter(|d| d.confidence >= MIN_SENTENCE_CONFIDENCE)
                {
                    out.push(Segment {
                        range: sentence,
                        kind: SegmentKind::Sentence,
                        detection,
                    });
                }
            }
        }
        out
    }
}

fn to_whatlang(language: Language) -> whatlang::Lang {
    match language {
        Language::En => whatlang::Lang::Eng,
        Language::It => whatlang::Lang::Ita,
        Language::Es => whatlang::Lang::Spa,
        Language::Fr => whatlang::Lang::Fra,
        Language::De => whatlang::Lang::Deu,
        Language::Pt => whatlang::Lang::Por,
    }
}

fn from_whatlang(lang: whatlang::Lang) -> Option<Language> {
    Language::ALL.into_iter().find(|&l| to_whatlang(l) == lang)
}

/// What is not prose: placeholders of every helpdesk dialect and
/// `[NAME]`/`<NAME>` fillers, URLs, e-mail addresses, @handles and
/// #hashtags, and every word with a digit in it (order numbers, dates,
/// prices, codes).
static NOT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          \{\{[^{}\n]*\}\} | \{%[^%\n]*%\} | \{![^{}\n]*\} | \[\[[^\[\]\n]*\]\] | \{\$[^{}\n]*\}
        | \[[A-Z][A-Z0-9_\ .]*\] | <[A-Z][A-Z0-9_]*> | %s
        | (?i:https?://|www\.)\S+
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
        | [@\#]\w+
        | \w*\d[\w.,:/-]*
        ",
    )
    .expect("valid regex")
});

/// `text` with everything that is not prose replaced by spaces, byte for
/// byte, so offsets into the result are offsets into `text`.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in NOT_PROSE.find_iter(text) {
        out.push_str(&text[last..m.start()]);
        out.extend(std::iter::repeat_n(' ', m.len()));
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}

/// Number of letters in `text`.
pub fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// The paragraphs of `text` (blocks separated by blank lines), as byte
/// ranges trimmed of surrounding whitespace; empty ones are skipped.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for line in crate::text::lines(text) {
        if text[line.clone()].trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            start.get_or_insert(line.start);
            end = line.end;
        }
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out.into_iter().map(|r| trim(text, r)).collect()
}

/// The sentences of the paragraph `range` of `text`: split after `.`, `!`,
/// `?` or `…` followed by white space, and at line breaks; trimmed, empty
/// ones skipped.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut chars = text[range.clone()].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = range.start + i;
        let ends = match c {
            '\n' => Some(at),
            '.' | '!' | '?' | '…' => chars
                .peek()
                .filter(|(_, next)| next.is_whitespace())
                .map(|_| at + c.len_utf8()),
            _ => None,
        };
        if let Some(end) = ends {
            out.push(start..end);
            start = end;
        }
    }
    out.push(start..range.end);
    out.into_iter()
        .map(|r| trim(text, r))
        .filter(|r| !r.is_empty())
        .collect()
}

/// `range` of `text` without leading and trailing white space.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_blanks_non_prose_and_keeps_offsets() {
        let text = "Ciao {{name}}, scrivi a help@acme.it o vai su https://acme.it/x. Ordine #A123, @acme";
        let p = prose(text);
        assert_eq!(p.len(), text.len());
        assert!(!p.contains("name"));
        assert!(!p.contains("help"));
        assert!(!p.contains("https"));
        assert!(!p.contains("A123"));
        assert!(!p.contains("acme"));
        assert!(p.starts_with("Ciao "));
        assert!(p.contains("scrivi a"));
    }

    #[test]
    fn detects_confidently_or_not_at_all() {
        let d = Detector::default();
        let it = d
            .detect("Gentile cliente, la ringraziamo per averci contattato. Il rimborso è stato emesso oggi e lo riceverà entro cinque giorni lavorativi.")
            .expect("confident");
        assert_eq!(it.language, Language::It);
        assert!(d.detect("Grazie!").is_none());
        assert!(d.detect("").is_none());
        assert!(d.detect("12345 https://acme.com").is_none());
    }

    #[test]
    fn candidates_restrict_detection() {
        let d = Detector::new(&[Language::It, Language::En]);
        assert_eq!(d.candidates(), &[Language::En, Language::It]);
        assert!(!d.knows(Language::De));
        let text = "Vielen Dank für Ihre Nachricht. Wir haben Ihre Bestellung geprüft und die Rückerstattung veranlasst.";
        assert_ne!(d.guess(text).map(|g| g.language), Some(Language::De));
    }

    #[test]
    fn paragraphs_and_sentences_are_trimmed_ranges() {
        let text = "  Hi Anna,\n\nFirst one. Second one!\nThird\n\n\n  Last.  ";
        let paras: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(paras, ["Hi Anna,", "First one. Second one!\nThird", "Last."]);
        let p = paragraphs(text)[1].clone();
        let s: Vec<&str> = sentences(text, p).into_iter().map(|r| &text[r]).collect();
        assert_eq!(s, ["First one.", "Second one!", "Third"]);
        assert!(paragraphs("").is_empty());
        assert!(sentences("", 0..0).is_empty());
    }
}
