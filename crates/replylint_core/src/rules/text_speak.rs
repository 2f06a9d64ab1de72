//! `text-speak`: chat abbreviations (`pls`, `thx`, `cmq`, `xké`) in a
//! reply that should be written out. The abbreviations are the lexicon of
//! [`crate::lang::text_speak`].

use super::{Context, Rule, Sink};
use crate::analysis::screen::Screened;
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::text_speak::BUILTIN;

crate::declare_rule! {
    /// ## What it does
    /// Reports chat abbreviations such as `pls`, `thx`, `cmq` and `xké`,
    /// with an unsafe fix where the full form is obvious (`pls` →
    /// `please`, `xké` → `perché`).
    ///
    /// Covered: `pls`, `thx`, `u`, `btw` (en), `cmq`, `xké`, `nn` (it),
    /// `xq`, `tmb` (es), `stp`, `bcp` (fr), `mfg`, `vllt` (de), `vc`, `tbm`
    /// (pt)… The fix keeps a leading capital.
    ///
    /// The lists are data, per language: `rules/lexicon/text-speak.toml`.
    /// Abbreviations that are no word in any of the six languages are
    /// looked for in every reply; those that are a word or a common
    /// abbreviation elsewhere (`u` is a Spanish conjunction, `tb` a
    /// terabyte) only when the reply is known to be in their language
    /// (set by the config, front matter or `--lang`, or detected with
    /// confidence).
    ///
    /// Not reported: an abbreviation written all in capitals with at most
    /// three letters (`LG`, `TB`, `NP` are brands and acronyms: `shouting`
    /// looks at capitals), a single letter used as a list label (`c)`), an
    /// abbreviation right after a number (`2 tb`, `30 cm`) or joined to a
    /// word by an apostrophe or a hyphen (`x-ray`), and anything inside a
    /// URL, an e-mail address, an @handle, a #hashtag or a placeholder.
    ///
    /// The rule is on for formal channels (`email`, review replies,
    /// `generic`…) and off on `chat`, `sms` and `twitter`.
    ///
    /// An abbreviation that means something else in some language (an
    /// ambiguous one) is reported only in a reply whose language, declared
    /// or detected for sure, is one where it is text-speak; when neither is
    /// known, or the language is outside the six, only unambiguous ones are.
    ///
    /// ## Why is this bad?
    /// A reply from a company is read as the company's voice. Text-speak
    /// looks careless in an e-mail, is hard to read for customers who are
    /// not used to it, and machine translation gets it wrong.
    ///
    /// ## Example
    /// ```text
    /// Thx for waiting, pls send us the receipt btw.
    /// ```
    /// Use instead:
    /// ```text
    /// Thanks for waiting. Could you please send us the receipt?
    /// ```
    ///
    /// ## Options
    /// None; turn it on or off per channel with `[channels.NAME.rules]`.
    pub struct TextSpeak {
        id: "text-speak",
        severity: Warning,
        fix: Sometimes,
    }
}

/// Whether the match at `range` of `body` is not text-speak in context.
fn skipped(body: &str, range: std::ops::Range<usize>) -> bool {
    let matched = &body[range.clone()];
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() <= 3 && letters.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    let before = &body[..range.start];
    let after = &body[range.end..];
    let mut back = before.chars().rev();
    let prev = back.next();
    let prev2 = back.next();
    let mut fwd = after.chars();
    let next = fwd.next();
    let next2 = fwd.next();
    let joiner = |c: Option<char>| matches!(c, Some('\'' | '\u{2019}' | '-' | '\u{2011}'));
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if (joiner(prev) && letter(prev2)) || (joiner(next) && letter(next2)) {
        return true;
    }
    if letters.len() == 1 && (matches!(next, Some(')' | '.' | ']')) || prev == Some('(')) {
        return true;
    }
    before
        .trim_end_matches([' ', '\u{a0}', '\u{202f}'])
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

/// `replacement` with the case of `original`: a leading capital kept, all
/// capitals kept.
fn with_case_of(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    replacement.to_owned()
}

impl Rule for TextSpeak {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        // Most replies have no abbreviation at all: only then blank out
        // links, placeholders and codes, and look again.
        if !cx.body_has(Screened::TextSpeak) {
            return;
        }
        let matches = BUILTIN.find_in(cx.folded_prose());
        if matches.is_empty() {
            return;
        }
        // Detect only when a match needs the language.
        let language = || cx.language_or_detected();
        for m in matches {
            let entry = m.payload;
            if skipped(body, m.span.clone()) || !entry.applies(language) {
                continue;
            }
            let span = Span::new(m.span.start, m.span.end);
            let matched = &body[m.span.clone()];
            let replacement = entry
                .replacement(language())
                .map(|r| with_case_of(matched, r));
            let d = sink.report(span, format!("`{matched}` is text-speak"));
            match replacement {
                Some(r) => {
                    d.with_help(format!("write `{r}`"))
                        .with_fix(Fix::unsafe_(vec![Edit::replace(span, r)]));
                }
                None => {
                    d.with_help("write it out in full");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_skips() {
        assert!(skipped("LG TV", 0..2));
        assert!(skipped("2 tb", 2..4));
        assert!(skipped("c) ok", 0..1));
        assert!(skipped("x-ray", 0..1));
        assert!(!skipped("pls ok", 0..3));
        assert!(!skipped("Pls ok", 0..3));
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(with_case_of("Pls", "please"), "Please");
        assert_eq!(with_case_of("PLEASE", "please"), "PLEASE");
        assert_eq!(with_case_of("xké", "perché"), "perché");
    }
}
