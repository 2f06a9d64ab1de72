//! `exclamation`: more exclamations than the channel allows, and runs of
//! `!` and `?` (`!!!`, `?!`, `??`).

use super::{Context, Rule, Sink};
use crate::diagnostic::{Edit, Fix, Span};
use std::ops::Range;

crate::declare_rule! {
    /// ## What it does
    /// Reports runs of exclamation and question marks (`!!!`, `?!`, `??`)
    /// and more exclamations than the channel's `max-exclamations`.
    ///
    /// - *Runs* of exclamation and question marks: `!!`, `!!!`, `??`,
    ///   `?!`, `!?`, `‼`, `⁉`, and Spanish `¡¡`. A run of one kind of mark
    ///   has a safe fix that keeps one (`!!!` → `!`, `??` → `?`); a mixed run
    ///   has an unsafe fix that keeps the question (`?!` → `?`), since
    ///   dropping the exclamation changes the tone.
    /// - *Too many exclamations*: more than the channel's
    ///   `max-exclamations`, counted per exclamation, so a run counts once
    ///   (`Grazie!!!` is one exclamation, reported as a run). The diagnostic
    ///   points at the first exclamation over the limit. Spanish `¡` opens
    ///   an exclamation whose `!` is counted, so `¡Hola!` counts once.
    ///
    /// Marks inside URLs and placeholders (Salesforce `{!Contact.Name}`) are
    /// not counted, nor are `!=`, Markdown images `![…]` and HTML `<!…>`.
    ///
    /// Built-in limits: `email`, `sms`, `whatsapp-template` and the review
    /// channels (`app-store`, `google-play`, `google-business`) 2;
    /// `chat`, `whatsapp`, `messenger`, `instagram`, `facebook-comment`
    /// and `twitter` 3; `generic` none (runs are still reported).
    ///
    /// ## Why is this bad?
    /// One exclamation is warm; a reply that ends every sentence with one
    /// sounds forced, and `!!!` or `?!` read as impatience or sarcasm, the
    /// opposite of what a care reply should convey.
    ///
    /// ## Example
    /// ```text
    /// Thanks for waiting!! Your parcel left today! Tracking is in the e-mail!
    /// ```
    /// Use instead:
    /// ```text
    /// Thanks for waiting! Your parcel left today; tracking is in the e-mail.
    /// ```
    ///
    /// ## Options
    /// - `max-exclamations` (channel setting): how many exclamations a reply
    ///   may have; unset means no limit.
    pub struct Exclamation {
        id: "exclamation",
        severity: Warning,
        fix: Sometimes,
    }
}

/// A mark that ends a sentence with emphasis or a question.
fn is_mark(c: char) -> bool {
    matches!(c, '!' | '?' | '！' | '？' | '‼' | '⁉' | '⁈')
}

fn is_bang(c: char) -> bool {
    matches!(c, '!' | '！' | '‼')
}

fn is_question(c: char) -> bool {
    matches!(c, '?' | '？')
}

/// One run of marks in the body.
#[derive(Debug)]
struct Run<'a> {
    range: Range<usize>,
    text: &'a str,
}

impl Run<'_> {
    /// Number of marks it stands for (`‼` is two).
    fn marks(&self) -> usize {
        self.text
            .chars()
            .map(|c| {
                if matches!(c, '‼' | '⁉' | '⁈') {
                    2
                } else {
                    1
                }
            })
            .sum()
    }

    fn exclaims(&self) -> bool {
        self.text.chars().any(|c| c != '?' && c != '？')
    }
}

/// Where a character that may be a mark starts: `!`, `?` or a character
/// outside ASCII, whose first byte is 0xC0 or more.
fn may_start_mark(b: u8) -> bool {
    matches!(b, b'!' | b'?') || b >= 0xC0
}

/// Whether `body` has a mark or a `¡`. The marks outside ASCII start with
/// 0xC2 (`¡`), 0xE2 (`‼`, `⁉`, `⁈`) or 0xEF (`！`, `？`).
fn has_marks(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memchr2(b'!', b'?', bytes).is_some()
        || memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes)
            .any(|i| body[i..].starts_with(['！', '？', '‼', '⁉', '⁈', '¡']))
}

/// The runs of `marks` in `body`, skipping what `prose` blanked out and
/// marks that are code (`!=`, `![`, `<!`). `marks` holds for no ASCII
/// character but `!` and `?`: the others are skipped unread.
fn runs<'a>(body: &'a str, prose: &str, marks: fn(char) -> bool) -> Vec<Run<'a>> {
    let mut out: Vec<Run<'a>> = Vec::new();
    let bytes = body.as_bytes();
    for (i, _) in bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| may_start_mark(b))
    {
        let mut after = body[i..].chars();
        let c = after.next().expect("a character starts here");
        let end = i + c.len_utf8();
        if !marks(c) || prose.as_bytes()[i] != bytes[i] {
            continue;
        }
        let next = after.next();
        let prev = body[..i].chars().next_back();
        if c == '!' && (matches!(next, Some('=' | '[')) || prev == Some('<')) {
            continue;
        }
        match out.last_mut() {
            Some(run) if run.range.end == i => {
                run.range.end = end;
                run.text = &body[run.range.clone()];
            }
            _ => out.push(Run {
                range: i..end,
                text: &body[i..end],
            }),
        }
    }
    out
}

impl Rule for Exclamation {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        if !has_marks(body) {
            return;
        }
        // Without a run and within the limit there is nothing to report,
        // whatever links and placeholders hold.
        let rough = runs(body, body, is_mark);
        let any_run = rough.iter().any(|r| r.marks() > 1) || body.contains("¡¡");
        let within = cx
            .channel
            .max_exclamations
            .is_none_or(|max| rough.iter().filter(|r| r.exclaims()).count() as u64 <= max);
        if !any_run && within {
            return;
        }
        let marks = runs(body, cx.prose(), is_mark);
        for run in marks.iter().filter(|r| r.marks() > 1) {
            report_run(run, sink);
        }
        for run in runs(body, cx.prose(), |c| c == '¡')
            .iter()
            .filter(|r| r.marks() > 1)
        {
            let span = Span::new(run.range.start, run.range.end);
            sink.report(span, format!("`{}` repeats the exclamation mark", run.text))
                .with_help("write one `¡`")
                .with_fix(Fix::safe(vec![Edit::replace(span, "¡")]));
        }
        let Some(max) = cx.channel.max_exclamations else {
            return;
        };
        let exclamations: Vec<&Run<'_>> = marks.iter().filter(|r| r.exclaims()).collect();
        let count = exclamations.len() as u64;
        if count <= max {
            return;
        }
        let Some(over) = usize::try_from(max).ok().and_then(|m| exclamations.get(m)) else {
            return;
        };
        let allowed = match max {
            0 => "none".to_owned(),
            n => n.to_string(),
        };
        let noun = if count == 1 {
            "exclamation"
        } else {
            "exclamations"
        };
        sink.report(
            Span::new(over.range.start, over.range.end),
            format!("{count} {noun}; `{}` allows {allowed}", cx.channel.id),
        )
        .with_help("keep one for what matters most and end the other sentences with a full stop");
    }
}

/// Report a run of two or more marks, with a fix that keeps one.
fn report_run(run: &Run<'_>, sink: &mut Sink) {
    let span = Span::new(run.range.start, run.range.end);
    let bangs = run.text.chars().all(is_bang);
    let questions = run.text.chars().all(is_question);
    let (message, help, fix) = if bangs {
        (
            format!("`{}` repeats the exclamation mark", run.text),
            "write one `!`",
            Fix::safe(vec![Edit::replace(span, "!")]),
        )
    } else if questions {
        (
            format!("`{}` repeats the question mark", run.text),
            "write one `?`",
            Fix::safe(vec![Edit::replace(span, "?")]),
        )
    } else {
        (
            format!("`{}` mixes question and exclamation marks", run.text),
            "ask with one `?`",
            Fix::unsafe_(vec![Edit::replace(span, "?")]),
        )
    };
    sink.report(span, message).with_help(help).with_fix(fix);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        let prose = crate::lang::detect::prose(body);
        runs(body, &prose, is_mark)
            .into_iter()
            .map(|r| r.text)
            .collect()
    }

    #[test]
    fn runs_skip_code_and_urls() {
        assert_eq!(texts("Ciao!! a != b ![img](x) <!-- c -->?!"), ["!!", "?!"]);
        assert_eq!(texts("https://acme.it/?q=1! {!Contact.Name} ok!"), ["!"]);
        assert_eq!(texts("Hi！？ ok‼"), ["！？", "‼"]);
    }

    #[test]
    fn marks_are_found_on_their_bytes() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s: &str = c.encode_utf8(&mut buf);
            let mark = is_mark(c) || c == '¡';
            assert_eq!(has_marks(s), mark, "{c:?}");
            if mark {
                assert!(may_start_mark(s.as_bytes()[0]), "{c:?}");
            }
        }
        assert!(!has_marks("Ciao, grazie. «No» ’ok’ ¿Sí. ¿"));
        assert!(has_marks("«No» ’ok’ ¿Sí?"));
        assert!(has_marks("«No» ’ok’ ¿Sí？"));
    }

    #[test]
    fn marks_count_double_marks_twice() {
        let run = Run {
            range: 0..3,
            text: "‼",
        };
        assert_eq!(run.marks(), 2);
        assert!(run.exclaims());
        let q = Run {
            range: 0..2,
            text: "??",
        };
        assert!(!q.exclaims());
    }
}
