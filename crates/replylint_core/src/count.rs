//! `replylint count`: where a draft stands in every unit the channels count
//! in, before it is sent.

use crate::analysis::readability;
use crate::lang::Language;
use crate::lang::detect::Detector;
use crate::lang::register::{self, Side};
use crate::location::{LineIndex, Position};
use crate::reply::{Reply, locate};
use crate::text::count::{Unit, measure};
use crate::text::{sms, tweet};
use serde::Serialize;
use std::fmt::Write as _;

/// A character that forces an SMS into UCS-2, and where it is.
#[derive(Debug, Clone, Serialize)]
pub struct NonGsm {
    pub character: String,
    /// `U+2019`.
    pub code_point: String,
    pub position: Position,
}

/// Every count of one draft.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub characters: u64,
    pub code_points: usize,
    pub bytes: usize,
    pub utf16_units: usize,
    pub tweet_weight: u64,
    pub tweet_valid: bool,
    pub sms_encoding: sms::Encoding,
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    pub sms_units: usize,
    pub sms_parts: usize,
    /// What the message would cost if the characters forcing UCS-2 were
    /// replaced by GSM-7 ones.
    pub sms_non_gsm: Vec<NonGsm>,
    pub words: usize,
    pub sentences: usize,
    pub lines: usize,
    /// The draft's language: as declared, or detected; `None` when it
    /// has no letters.
    pub language: Option<LanguageInfo>,
    /// Formal and informal address, in the draft's language; `None` for a
    /// language without register cues (English) or an unknown one.
    pub register: Option<RegisterInfo>,
    /// The readability score in the draft's language; `None` when the
    /// language is unknown or the draft has no sentence.
    pub readability: Option<ReadabilityInfo>,
}

/// Where the language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LanguageSource {
    /// `--lang` or the front matter.
    Declared,
    /// Confidently detected: the `language` and `mixed-language` rules
    /// would use it.
    Detected,
    /// The detector's best guess, below the confidence the rules need.
    Guessed,
}

/// The draft's language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageInfo {
    pub code: &'static str,
    pub source: LanguageSource,
    /// The detector's confidence (0–1) in `code`; `None` when the declared
    /// language is not the detector's guess.
    pub confidence: Option<f64>,
}

/// The register of the draft's address.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterInfo {
    /// `formal`, `informal`, `mixed` or `none` (no cue either way).
    pub register: &'static str,
    /// Cues of each side, as the `register` rule finds them.
    pub formal: usize,
    pub informal: usize,
}

/// A readability score.
#[derive(Debug, Clone, Serialize)]
pub struct ReadabilityInfo {
    pub index: &'static str,
    /// Rounded to one decimal.
    pub score: f64,
    pub words: usize,
    /// Under [`readability::MIN_WORDS`] words of prose the rule gives no
    /// score; this one is indicative only.
    pub indicative: bool,
}

/// Count a reply's body; `declared` is its language when one was given.
pub fn count(reply: &Reply, declared: Option<Language>) -> Counts {
    let body = reply.body.as_str();
    let index = LineIndex::new(&reply.source.text);
    let info = sms::analyse(body);
    let sms_non_gsm = info
        .non_gsm
        .iter()
        .map(|&offset| {
            let c = body[offset..].chars().next().unwrap_or_default();
            let (position, _) = locate(
                reply,
                &index,
                crate::diagnostic::Span::new(offset, offset + c.len_utf8()),
            );
            NonGsm {
                character: c.to_string(),
                code_point: format!("U+{:04X}", u32::from(c)),
                position,
            }
        })
        .collect();
    let (language, register, readability) = language_counts(body, declared);
    let tweet = tweet::parse(body, tweet::Weighting::V3, tweet::LeadingMentions::Skip);
    Counts {
        characters: measure(Unit::Graphemes, body, None).count,
        code_points: body.chars().count(),
        bytes: body.len(),
        utf16_units: body.encode_utf16().count(),
        tweet_weight: tweet.weighted_length,
        tweet_valid: tweet.valid,
        sms_encoding: info.encoding,
        sms_units: info.units,
        sms_parts: info.parts(),
        sms_non_gsm,
        words: crate::analysis::tokens::spaced_count(body),
        sentences: sentence_count(body),
        lines: if body.is_empty() {
            0
        } else {
            body.trim_end_matches('\n').split('\n').count()
        },
        language,
        register,
        readability,
    }
}

/// The language, register and readability lines.
fn language_counts(
    body: &str,
    declared: Option<Language>,
) -> (
    Option<LanguageInfo>,
    Option<RegisterInfo>,
    Option<ReadabilityInfo>,
) {
    let detector = Detector::default();
    let guess = detector.guess(body);
    let detected = detector.detect(body);
    let language = match declared {
        Some(code) => Some(LanguageInfo {
            code: code.code(),
            source: LanguageSource::Declared,
            confidence: guess
                .filter(|g| g.language == code)
                .map(|g| round(g.confidence, 2)),
        }),
        None => guess.map(|g| LanguageInfo {
            code: g.language.code(),
            source: if detected.is_some() {
                LanguageSource::Detected
            } else {
                LanguageSource::Guessed
            },
            confidence: Some(round(g.confidence, 2)),
        }),
    };
    // Register and readability only in a language the draft is known or
    // confidently detected to be in.
    let known = declared.or(detected.map(|d| d.language));
    let register = known
        .filter(|&l| register::BUILTIN.has(l))
        .map(|l| register_of(body, l));
    let readability = known
        .and_then(|l| readability::score(body, l))
        .map(|s| ReadabilityInfo {
            index: s.index.name(),
            score: round(s.value, 1),
            words: s.stats.words,
            indicative: s.stats.words < readability::MIN_WORDS,
        });
    (language, register, readability)
}

/// Formal and informal cues in `body`: a weak cue counts only beside a
/// strong cue of the other side ([`register::counted`]), and the register
/// is `mixed` when the `register` rule would call it so.
fn register_of(body: &str, language: Language) -> RegisterInfo {
    let cues = register::BUILTIN.find(body, language);
    let count = |side: Side| register::counted(&cues).filter(|c| c.side == side).count();
    let (formal, informal) = (count(Side::Formal), count(Side::Informal));
    let register = match (formal, informal) {
        _ if register::is_mixed(&cues) => "mixed",
        (0, 0) => "none",
        (_, 0) => "formal",
        _ => "informal",
    };
    RegisterInfo {
        register,
        formal,
        informal,
    }
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Sentences, as `sentence-length` and `readability` split them (see
/// [`crate::analysis::sentences`]).
pub fn sentence_count(text: &str) -> usize {
    crate::analysis::sentences::count(text)
}

/// The counts as an aligned table.
pub fn table(c: &Counts) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("characters", c.characters.to_string()),
        ("code points", c.code_points.to_string()),
        ("UTF-8 bytes", c.bytes.to_string()),
        ("UTF-16 units", c.utf16_units.to_string()),
        (
            "tweet weight",
            format!(
                "{}/{}{}",
                c.tweet_weight,
                tweet::MAX_WEIGHTED_LENGTH,
                if c.tweet_valid {
                    ""
                } else {
                    " (not a valid tweet)"
                }
            ),
        ),
        (
            "SMS",
            format!(
                "{} part{}, {}, {} {}",
                c.sms_parts,
                if c.sms_parts == 1 { "" } else { "s" },
                c.sms_encoding.as_str(),
                c.sms_units,
                match c.sms_encoding {
                    sms::Encoding::Gsm7 => "septets",
                    sms::Encoding::Ucs2 => "UTF-16 units",
                }
            ),
        ),
    ];
    if !c.sms_non_gsm.is_empty() {
        let list: Vec<String> = c
            .sms_non_gsm
            .iter()
            .map(|n| {
                format!(
                    "`{}` {} at {}:{}",
                    n.character, n.code_point, n.position.line, n.position.column
                )
            })
            .collect();
        rows.push(("forced UCS-2", list.join(", ")));
    }
    rows.push(("words", c.words.to_string()));
    rows.push(("sentences", c.sentences.to_string()));
    rows.push(("lines", c.lines.to_string()));
    if let Some(l) = &c.language {
        let confidence = l
            .confidence
            .map(|c| format!(", confidence {c:.2}"))
            .unwrap_or_default();
        let line = match l.source {
            LanguageSource::Declared => format!("{} (declared{confidence})", l.code),
            LanguageSource::Detected => format!("{} (detected{confidence})", l.code),
            LanguageSource::Guessed => {
                format!("not sure (best guess {}{confidence})", l.code)
            }
        };
        rows.push(("language", line));
    }
    if let Some(r) = &c.register {
        rows.push((
            "register",
            format!(
                "{} ({} formal, {} informal cue{})",
                r.register,
                r.formal,
                r.informal,
                if r.informal == 1 { "" } else { "s" }
            ),
        ));
    }
    if let Some(r) = &c.readability {
        let note = if r.indicative {
            format!(
                ", indicative: {} words, the rule needs {}",
                r.words,
                readability::MIN_WORDS
            )
        } else {
            String::new()
        };
        rows.push(("readability", format!("{:.1} {}{note}", r.score, r.index)));
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut s = String::new();
    for (k, v) in rows {
        let _ = writeln!(s, "{k:width$}  {v}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_runs_of_terminators() {
        assert_eq!(sentence_count("Hi! How are you?? Fine… thanks"), 4);
        assert_eq!(sentence_count(""), 0);
        assert_eq!(sentence_count("..."), 0);
    }
}
