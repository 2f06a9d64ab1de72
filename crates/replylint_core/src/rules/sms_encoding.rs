//! `sms-encoding`: a few characters outside GSM-7 turn an SMS into UCS-2.

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use crate::text::sms::{self, Encoding, SmsInfo};
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Above this many runs of offending characters, one diagnostic sums them up.
const MAX_RUNS: usize = 10;

crate::declare_rule! {
    /// ## What it does
    /// On SMS channels (those that set `max-segments`), reports the
    /// characters outside the GSM 03.38 tables that turn the whole message
    /// into UCS-2, one diagnostic per character (or run of adjacent ones),
    /// with what the message would cost in GSM-7: "`’` forces UCS-2: 2
    /// parts instead of 1 in GSM-7".
    ///
    /// Typographic punctuation and blanks have a GSM-7 equivalent and a
    /// safe fix: `’ ‘ ‚ ‛ ′ ‹ ›` and `` ` ``, `´` → `'`; `“ ” „ ‟ ″ « »` → `"`;
    /// `…` → `...`; `– — ‒ ― ‐ ‑ − •` → `-`; the no-break, narrow, thin,
    /// en and em spaces, the ideographic space and tab → a space; the
    /// zero-width space, joiners, word joiner and byte-order mark are
    /// deleted; a letter written with a separate combining accent that GSM-7
    /// has precomposed (`e` + U+0301) becomes that letter (`é`). Letters
    /// GSM-7 lacks (`À`, `á`, `ç`, `ő`…) are the language's own spelling:
    /// respelling a word is the writer's call, and while one of them is in
    /// the text the message stays UCS-2 whatever else is fixed, so the rule
    /// says nothing about such a text (`sms-segments` still counts its
    /// parts). Emoji and other symbols get no fix.
    ///
    /// When the text is not mostly GSM-7 by nature, the rule does not flood
    /// the reply with diagnostics:
    /// - if more than half of the text's visible characters are outside
    ///   GSM-7 (Greek, Cyrillic, CJK, Arabic, an emoji-only message), UCS-2
    ///   is the message's own encoding and the rule says nothing
    ///   (`sms-segments` still counts its parts);
    /// - if there are more than ten runs of offending characters, one
    ///   diagnostic at the first of them names them (and carries the fixes
    ///   of every one that has a GSM-7 equivalent).
    ///
    /// ## Why is this bad?
    /// A GSM-7 part holds 160 characters, a UCS-2 part 70: one typographic
    /// apostrophe pasted from a word processor can double or triple what an
    /// SMS costs, and the writer cannot see it.
    ///
    /// ## Example
    /// ```text
    /// Ciao Marta, abbiamo ricevuto il reso: il rimborso dell’ordine 48213 arriverà entro 5 giorni lavorativi.
    /// ```
    /// is 104 UCS-2 units, two parts. Use instead (one GSM-7 part):
    /// ```text
    /// Ciao Marta, abbiamo ricevuto il reso: il rimborso dell'ordine 48213 arriverà entro 5 giorni lavorativi.
    /// ```
    ///
    /// ## Options
    /// - `max-segments` (channel setting): the rule runs only on channels
    ///   that set it (the built-in `sms` channel does).
    pub struct SmsEncoding {
        id: "sms-encoding",
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for SmsEncoding {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        if cx.channel.max_segments.is_none() {
            return;
        }
        let body = cx.body();
        let info = cx.body_sms();
        if info.encoding == Encoding::Gsm7 {
            return;
        }
        let clusters: Vec<(usize, &str)> = crate::text::graphemes::indices(body).collect();
        let offending: Vec<(usize, &str)> = clusters
            .iter()
            .copied()
            .filter(|(_, g)| !is_gsm(g))
            .collect();
        let visible = clusters
            .iter()
            .filter(|(_, g)| !g.chars().all(char::is_whitespace))
            .count();
        if offending.len() * 2 > visible || offending.iter().any(|(_, g)| is_needed_letter(g)) {
            return;
        }
        let runs = runs(&offending);
        let cost = cost(body, info, &offending);
        if runs.len() <= MAX_RUNS {
            for run in &runs {
                report_run(sink, body, run, &cost);
            }
        } else {
            report_summary(sink, &runs, offending.len(), &cost);
        }
    }
}

/// Whether a cluster is a letter GSM-7 lacks and no equivalent replaces:
/// the language's own spelling (`ó`, `ê`, `ç`), which keeps the message in
/// UCS-2 whatever else is fixed.
fn is_needed_letter(cluster: &str) -> bool {
    cluster.chars().next().is_some_and(char::is_alphabetic) && cluster_replacement(cluster).is_none()
}

/// Whether every character of a cluster is in the GSM 03.38 tables.
fn is_gsm(cluster: &str) -> bool {
    cluster.chars().all(|c| sms::gsm_cost(c).is_some())
}

/// A run of adjacent clusters outside GSM-7.
struct Run {
    span: Range<usize>,
    clusters: Vec<(usize, String)>,
}

fn runs(offending: &[(usize, &str)]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for &(at, g) in offending {
        match out.last_mut() {
            Some(run) if run.span.end == at => {
                run.span.end = at + g.len();
                run.clusters.push((at, g.to_owned()));
            }
            _ => out.push(Run {
                span: at..at + g.len(),
                clusters: vec![(at, g.to_owned())],
            }),
        }
    }
    out
}

/// A GSM-7 replacement for a character that forces UCS-2 and means the
/// same in GSM-7 (punctuation, blanks, invisible characters).
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
        | '\u{203A}' | '`' | '\u{B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => {
            "\""
        }
        '\u{2026}' => "...",
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2022}' => "-",
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => " ",
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// The safe GSM-7 replacement of a whole cluster: its characters'
/// replacements, or its canonically equivalent precomposed form.
fn cluster_replacement(cluster: &str) -> Option<String> {
    let composed: String = cluster.nfc().collect();
    if is_gsm(&composed) {
        return Some(composed);
    }
    cluster.chars().map(replacement).collect()
}

/// Parts in UCS-2 and in GSM-7 (every offending character replaced by its
/// equivalent or nearest letter, or left out).
struct Cost {
    ucs2_parts: usize,
    gsm_parts: usize,
}

fn cost(body: &str, info: &SmsInfo, offending: &[(usize, &str)]) -> Cost {
    let mut gsm = String::with_capacity(body.len());
    let mut from = 0;
    for &(at, g) in offending {
        gsm.push_str(&body[from..at]);
        if let Some(r) = cluster_replacement(g) {
            gsm.push_str(&r);
        }
        from = at + g.len();
    }
    gsm.push_str(&body[from..]);
    Cost {
        ucs2_parts: info.parts(),
        gsm_parts: sms::analyse(&gsm).parts(),
    }
}

fn parts(n: usize) -> String {
    if n == 1 {
        "1 part".to_owned()
    } else {
        format!("{n} parts")
    }
}

impl Cost {
    /// "2 parts instead of 1 in GSM-7".
    fn describe(&self) -> String {
        let (single_ucs2, per_ucs2) = Encoding::Ucs2.capacity();
        let (single_gsm, per_gsm) = Encoding::Gsm7.capacity();
        match (self.ucs2_parts, self.gsm_parts) {
            (u, g) if u != g => format!("{} instead of {g} in GSM-7", parts(u)),
            (1, _) => format!(
                "still 1 part, but it holds {single_ucs2} characters instead of {single_gsm}"
            ),
            (u, _) => format!(
                "{} either way, but each holds {per_ucs2} characters instead of {per_gsm}",
                parts(u)
            ),
        }
    }
}

/// Name of a blank or invisible character.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' => "tab",
        '\u{A0}' => "no-break space",
        '\u{AD}' => "soft hyphen",
        '\u{2002}' => "en space",
        '\u{2003}' => "em space",
        '\u{2009}' => "thin space",
        '\u{202F}' => "narrow no-break space",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{3000}' => "ideographic space",
        '\u{FEFF}' => "zero-width no-break space",
        c if c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2061}'..='\u{2069}') =>
        {
            ""
        }
        _ => return None,
    })
}

/// How a run is shown in a message: in backticks, or by code point when
/// it holds a blank or invisible character.
fn display(text: &str) -> String {
    if text.chars().all(|c| invisible_name(c).is_none()) {
        return format!("`{text}`");
    }
    let points: Vec<String> = text
        .chars()
        .map(|c| match invisible_name(c) {
            Some(name) if !name.is_empty() && text.chars().count() == 1 => {
                format!("U+{:04X} ({name})", u32::from(c))
            }
            _ => format!("U+{:04X}", u32::from(c)),
        })
        .collect();
    points.join(" ")
}

fn report_run(sink: &mut Sink, body: &str, run: &Run, cost: &Cost) {
    let text = &body[run.span.clone()];
    let verb = if text.chars().count() == 1 {
        "forces"
    } else {
        "force"
    };
    let message = format!("{} {verb} UCS-2: {}", display(text), cost.describe());
    let replaced: Option<String> = run
        .clusters
        .iter()
        .map(|(_, g)| cluster_replacement(g))
        .collect();
    let diagnostic = sink.report(Span::new(run.span.start, run.span.end), message);
    if let Some(r) = replaced {
        let it = if text.chars().count() == 1 {
            "it"
        } else {
            "them"
        };
        let help = if r.is_empty() {
            format!("delete {it}: invisible characters")
        } else if r == " " {
            format!("replace {it} with a plain space")
        } else if r.trim().is_empty() {
            format!("replace {it} with plain spaces")
        } else {
            format!("replace {it} with `{r}`")
        };
        diagnostic
            .with_help(help)
            .with_fix(Fix::safe(vec![Edit::replace(
                Span::new(run.span.start, run.span.end),
                r,
            )]));
        return;
    }
    diagnostic.with_help(
        "GSM-7 has no such character: leave it out to send the message as GSM-7",
    );
}

fn report_summary(sink: &mut Sink, runs: &[Run], count: usize, cost: &Cost) {
    let mut distinct: Vec<String> = Vec::new();
    for run in runs {
        for (_, g) in &run.clusters {
            let shown = display(g);
            if !distinct.contains(&shown) {
                distinct.push(shown);
            }
        }
    }
    let more = if distinct.len() > 5 { ", …" } else { "" };
    distinct.truncate(5);
    let message = format!(
        "{count} characters force UCS-2 ({}{more}): {}",
        distinct.join(", "),
        cost.describe()
    );
    let mut fixable = 0;
    let edits: Vec<Edit> = runs
        .iter()
        .filter_map(|run| {
            let r: Option<String> = run
                .clusters
                .iter()
                .map(|(_, g)| cluster_replacement(g))
                .collect();
            fixable += r.as_ref().map_or(0, |_| run.clusters.len());
            r.map(|r| Edit::replace(Span::new(run.span.start, run.span.end), r))
        })
        .collect();
    let first = &runs[0];
    let diagnostic = sink.report(Span::new(first.span.start, first.span.end), message);
    let help = match fixable {
        0 => "GSM-7 has none of them: respell or leave them out to send the message as GSM-7"
            .to_owned(),
        n if n == count => {
            "each has a GSM-7 equivalent: replace them to send the message as GSM-7".to_owned()
        }
        n => format!(
            "{n} of them have a GSM-7 equivalent (a safe fix); respell or leave out the rest"
        ),
    };
    diagnostic.with_help(help);
    if !edits.is_empty() {
        diagnostic.with_fix(Fix::safe(edits));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements_are_gsm_and_mean_the_same() {
        for c in [
            '’', '‘', '“', '”', '…', '–', '—', '\u{A0}', '«', '\t', '\u{200B}',
        ] {
            let r = replacement(c).expect("has a replacement");
            assert!(is_gsm(r), "{c:?} → {r:?}");
        }
        assert_eq!(cluster_replacement("e\u{301}").as_deref(), Some("é"));
        assert_eq!(cluster_replacement("À"), None);
    }

    
    #[test]
    fn invisible_characters_are_shown_by_code_point() {
        assert_eq!(display("’"), "`’`");
        assert_eq!(display("\u{A0}"), "U+00A0 (no-break space)");
        assert_eq!(display("\u{200B}\u{A0}"), "U+200B U+00A0");
    }
}
