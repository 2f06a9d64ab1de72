//! `spelling`: words the reply's dictionaries do not know
//! ([`crate::spelling`]), words the team rejects, and listed names
//! written in the wrong case.

use super::{Context, Rule, Sink};
use crate::analysis::tokens::{Joiners, Kind, words};
use crate::diagnostic::{Edit, Fix, Span};
use crate::lang::Language;
use crate::lang::detect::is_function_word;
use crate::spelling::words::{Shape, shape};
use crate::spelling::{Selection, Verdict};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

crate::declare_rule! {
    /// ## What it does
    /// Reports misspelt words, with up to three suggestions; a single
    /// suggestion is an unsafe fix. Also reports the words the team
    /// rejects (`[spelling] reject`), with the form it prefers as a safe
    /// fix, and a name the team's or the built-in lists write with
    /// capitals written in another case (`Iphone` → `iPhone`, safe fix).
    ///
    /// The reply is checked in its language, declared or detected for
    /// sure; the rule abstains when neither is known, and when the reply
    /// is written in another language than the one declared (`language`
    /// reports that). English (en-US) is built in; Italian, Spanish,
    /// French, German and Portuguese, and British English, use the
    /// Hunspell dictionaries of the system (`apt install hunspell-it`…)
    /// or the files `[spelling] dictionaries` names. Without a language's
    /// dictionary its replies are not checked, and the run prints one
    /// note saying how to install it. See [Spelling](spelling.md).
    ///
    /// Words are the document's word tokens: never inside links, e-mail
    /// addresses, @handles, #hashtags, placeholders, numbers and codes,
    /// code spans and blocks, HTML tags and entities, `:shortcodes:` or
    /// dotted names (`config.yml`). Left alone besides:
    /// - words in capitals (acronyms) and with inner capitals (`WhatsApp`,
    ///   `setPassword`), unless a list writes them otherwise;
    /// - words capitalised mid-sentence (names), except German nouns
    ///   (but a German word after `Frau`, `Herr`, `Dr.` or a greeting
    ///   such as `Hallo` is a name), on
    ///   lines of capitalised words only (signatures, headings), and in
    ///   the salutation, sign-off and signature (`Guten Tag Mario`);
    /// - single letters, lines quoted with `>`, names signed after a dash
    ///   (`-Anna`, as agents sign tweets), identifiers and fields
    ///   (`app_name`, `%{link}`, `$reply_time`, `%path%`, `:name`);
    /// - chat abbreviations (`pls`, `thx`): `text-speak`'s to report;
    /// - words with no dictionary word one edit away: names and terms the
    ///   dictionary lacks far more often than typos; a capitalised word
    ///   starting a sentence whose close words are all names too (`Sylius`:
    ///   `Sylvius`), except in German; and words of three
    ///   letters or fewer unless swapping or accenting their letters makes
    ///   a word, or putting back one letter makes one of the language's
    ///   most frequent words (`teh`, `thi`: abbreviations like `edu` are
    ///   left alone);
    /// - a word found in one of the reply's links, addresses or handles
    ///   (`conda` beside `github.com/conda`): a name;
    /// - passages detected in another language.
    ///
    /// Accepted besides the dictionaries: the support vocabulary of
    /// `rules/lexicon/spelling.toml` (`ticket` and `tracking` in Italian
    /// replies, `chatbot`, `PayPal`), the team's `accept` words, British
    /// spellings in English replies with no variant chosen (`colour`),
    /// verbs with a pronoun written on (`informarLa`, `contáctanos`),
    /// elisions (`nell'app`) and German compounds of known words
    /// (`Sendungsnummer`).
    ///
    /// ## Why is this bad?
    /// A typo in a reply tells the customer nobody read it before it was
    /// sent, and a canned reply repeats it to everyone it is sent to.
    ///
    /// ## Example
    /// ```text
    /// We will recieve your parcel tomorrow.
    /// ```
    /// Use instead:
    /// ```text
    /// We will receive your parcel tomorrow.
    /// ```
    ///
    /// ## Options
    /// Top level `[spelling]`: `accept` and `accept-files` (words that are
    /// right), `reject` and `reject-files` (`word` or `word -> preferred`),
    /// `dictionaries` (Hunspell files by variant). `spelling-variants`
    /// (top level, per channel or per `[[paths]]` entry): `en-US` or
    /// `en-GB`, `pt-PT` or `pt-BR`.
    pub struct Spelling {
        id: "spelling",
        severity: Warning,
        fix: Sometimes,
    }
}

/// The one-word abbreviations of `text-speak` (`pls`, `thx`, `cmq`):
/// that rule's to report, or to allow where it is off (chat, SMS).
static TEXT_SPEAK: LazyLock<HashSet<String>> = LazyLock::new(|| {
    crate::lang::text_speak::BUILTIN
        .phrases()
        .filter(|p| !p.contains(' '))
        .map(str::to_owned)
        .collect()
});

/// One word to report.
struct Finding {
    range: Range<usize>,
    verdict: Verdict,
    /// For a misspelt word, the closest words.
    suggestions: Arc<[String]>,
}

impl Rule for Spelling {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let Some(language) = cx.language_or_detected() else {
            return;
        };
        let selection = Selection::new(language, cx.spelling_variants);
        let speller = &cx.settings.speller;
        if !speller.available(&selection) {
            return;
        }
        let body = cx.body();
        // The words of the prose (the body with links, addresses, handles,
        // hashtags, placeholders and numbers blanked out, byte for byte):
        // the document's word tokens, without building the other tokens.
        let mut findings: Vec<Finding> = words(cx.prose(), Joiners::Any)
            .filter_map(|range| {
                let (verdict, suggestions) = judge(cx, range.clone(), language, &selection)?;
                Some(Finding {
                    range,
                    verdict,
                    suggestions,
                })
            })
            .collect();
        if findings.is_empty() {
            return;
        }
        // What is not prose is worked out only for the few replies with a
        // word to report. The salutation, sign-off and signature lines hold
        // names (`Guten Tag Frau Inês`, `Mario`).
        let prose = cx.prose_range();
        findings.retain(|f| {
            f.verdict != Verdict::Misspelt
                || shape(&body[f.range.clone()]) != Shape::Title
                || (prose.start <= f.range.start && f.range.end <= prose.end)
        });
        let masked = masked(body);
        findings.retain(|f| {
            !crate::text::in_code_span(body, f.range.start)
                && !masked.iter().any(|m| m.start <= f.range.start && f.range.end <= m.end)
        });
        // A word in one of the reply's links, addresses or handles is a
        // name there (`conda` of github.com/conda).
        let names: Vec<String> = cx
            .tokens()
            .iter()
            .filter(|t| matches!(t.kind, Kind::Url | Kind::Email | Kind::Handle | Kind::Hashtag))
            .map(|t| crate::text::fold_str(&body[t.range()]))
            .collect();
        findings.retain(|f| {
            f.verdict != Verdict::Misspelt
                || !names.iter().any(|n| n.contains(&crate::text::fold_str(&body[f.range.clone()])))
        });
        // Text in another language than the one declared is `language`'s
        // and `mixed-language`'s to report, not a page of typos.
        if cx.language.is_some()
            && cx.detected().is_some_and(|d| d.language != language)
        {
            return;
        }
        let foreign: Vec<Range<usize>> = cx
            .segments()
            .iter()
            .filter(|s| s.language != language)
            .map(|s| s.range.clone())
            .collect();
        for f in findings {
            if foreign.iter().any(|s| s.start <= f.range.start && f.range.end <= s.end) {
                continue;
            }
            report(sink, body, f, language);
        }
    }
}

/// What to report about one word token, if anything, with the
/// suggestions for a misspelt word (searched last: most words the
/// dictionary lacks are names the checks before leave alone).
fn judge(
    cx: &Context<'_>,
    range: Range<usize>,
    language: Language,
    selection: &Selection,
) -> Option<(Verdict, Arc<[String]>)> {
    let body = cx.body();
    let word = &body[range.clone()];
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let first = letters.next()?;
    if letters.next().is_none() && first.is_ascii() {
        return None;
    }
    let speller = &cx.settings.speller;
    let verdict = speller.check(word, selection);
    match verdict {
        Verdict::Correct | Verdict::Unchecked => return None,
        Verdict::Rejected(_) | Verdict::Miscased(_) => return Some((verdict, Arc::from([]))),
        Verdict::Misspelt => {}
    }
    let at = range.start;
    if quoted_line(body, at) || TEXT_SPEAK.contains(&crate::spelling::words::lower(word)) {
        return None;
    }
    let name = match shape(word) {
        Shape::Upper | Shape::Mixed => true,
        Shape::Title => {
            signed(body, at)
                || title_line(body, at)
                || (!sentence_start(body, at) && language != Language::De)
                || (language == Language::De && after_title(body, at))
        }
        Shape::Lower => false,
    };
    if name {
        return None;
    }
    let suggestions = speller.suggest(word, selection);
    if suggestions.is_empty() {
        return None;
    }
    // A capitalised word at the start of a sentence whose every close
    // word is a name too (`Sylius`: `Sylvius`) is a name; a typo there is
    // close to a common word (`Unfortunatly`: `unfortunately`). German
    // capitalises its nouns, so it cannot tell.
    if shape(word) == Shape::Title
        && language != Language::De
        && !suggestions.iter().any(|s| {
            let lower = crate::spelling::words::lower(s);
            speller.check(&lower, selection) == Verdict::Correct
        })
    {
        return None;
    }
    // Short words the dictionary lacks are mostly abbreviations (`edu`,
    // `faq`): only a swap or an accent, or a letter put back into a
    // frequent word, makes them a typo.
    if word.chars().count() < 4
        && !suggestions.iter().any(|s| {
            anagram(word, s)
                || (one_letter_short(word, s) && is_function_word(language, &crate::text::fold_str(s)))
        })
    {
        return None;
    }
    Some((verdict, suggestions))
}

fn report(sink: &mut Sink, body: &str, f: Finding, language: Language) {
    let word = &body[f.range.clone()];
    let span = Span::new(f.range.start, f.range.end);
    let suggestions = f.suggestions;
    match f.verdict {
        Verdict::Misspelt => {
            let d = sink.report(
                span,
                format!("`{word}` is not in the {} dictionary", language.name()),
            );
            d.with_help(format!("did you mean {}?", listed(&suggestions)));
            if let [only] = &suggestions[..] {
                d.with_fix(Fix::unsafe_(vec![Edit::replace(span, only.clone())]));
            }
        }
        Verdict::Miscased(listed) => {
            sink.report(span, format!("`{word}` is written `{listed}`"))
                .with_help(format!("write `{listed}`"))
                .with_fix(Fix::safe(vec![Edit::replace(span, listed)]));
        }
        Verdict::Rejected(Some(preferred)) => {
            sink.report(span, format!("`{word}` is on the team's list of words to avoid"))
                .with_help(format!("write `{preferred}`"))
                .with_fix(Fix::safe(vec![Edit::replace(span, preferred)]));
        }
        Verdict::Rejected(None) => {
            sink.report(span, format!("`{word}` is on the team's list of words to avoid"))
                .with_help("rephrase without it");
        }
        Verdict::Correct | Verdict::Unchecked => {}
    }
}

/// Whether `a` and `b` have the same letters, whatever their order,
/// case and accents (`teh`, `the`; `perchè`, `perché`).
fn anagram(a: &str, b: &str) -> bool {
    let letters = |w: &str| {
        let mut v: Vec<char> = crate::text::strip_accents(&crate::text::fold_str(w)).chars().collect();
        v.sort_unstable();
        v
    };
    letters(a) == letters(b)
}

/// Whether `short` is `long` with one letter left out (`thi`, `this`),
/// whatever the case.
fn one_letter_short(short: &str, long: &str) -> bool {
    let (short, long) = (crate::text::fold_str(short), crate::text::fold_str(long));
    let (s, l): (Vec<char>, Vec<char>) = (short.chars().collect(), long.chars().collect());
    l.len() == s.len() + 1 && (0..l.len()).any(|i| l[..i] == s[..i] && l[i + 1..] == s[i..])
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
fn listed(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The stretches of `body` that are not prose to spell-check besides
/// inline code ([`crate::text::in_code_span`]): fenced blocks, HTML tags
/// and entities, `:shortcodes:`, and dotted names (`config.yml`, `e.g.`).
fn masked(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut fenced: Option<usize> = None;
    for line in crate::text::lines(body) {
        let text = &body[line.clone()];
        if text.trim_start().starts_with("```") || text.trim_start().starts_with("~~~") {
            match fenced.take() {
                Some(start) => out.push(start..line.end),
                None => fenced = Some(line.start),
            }
            continue;
        }
        if fenced.is_some() {
            continue;
        }
    }
    if let Some(start) = fenced {
        out.push(start..body.len());
    }
    out.extend(code_words(body));
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end = match b {
            // `<p>`, `</a>`, `<a href="…">`: a tag, up to its `>`.
            b'<' if bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!') => {
                body[i..].find('>').filter(|&n| !body[i..i + n].contains('\n') || body[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic())).map(|n| i + n + 1)
            }
            // `&nbsp;`, `&#8217;`.
            b'&' => {
                let n = body[i + 1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|n| i + 1 + n);
                n.filter(|&n| n > i + 1 && bytes.get(n) == Some(&b';')).map(|n| n + 1)
            }
            // `:smile:`, `:+1:`.
            b':' => {
                let n = body[i + 1..].find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))).map(|n| i + 1 + n);
                n.filter(|&n| n > i + 1 && bytes.get(n) == Some(&b':')).map(|n| n + 1)
            }
            // A dot between two letters: a file or host name, an
            // abbreviation (`config.yml`, `e.g.`): the whole dotted run.
            b'.' if i > 0
                && bytes[i - 1].is_ascii_alphanumeric()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) =>
            {
                let start = body[..i]
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '_'))
                    .map_or(0, |s| s + body[s..].chars().next().map_or(1, char::len_utf8));
                let mut end = body[i..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '_'))
                    .map_or(body.len(), |e| i + e);
                // A host's path (`github.com/acme/app`).
                if body[end..].starts_with('/') {
                    end = body[end..].find(char::is_whitespace).map_or(body.len(), |e| end + e);
                }
                out.push(start..end);
                Some(end)
            }
            _ => None,
        };
        match end {
            Some(end) if b != b'.' => {
                out.push(i..end);
                i = end;
            }
            Some(end) => i = end,
            None => i += 1,
        }
    }
    out
}

/// Identifiers and the template fields the prose scanner leaves as words
/// (it takes `%{…}` and `%name%` itself): runs of letters, digits and `_`
/// with an `_` inside (`app_name`, `reply_time`), `$name`, `${…}`, and
/// Laravel's `:name` (a colon stuck to the word after a space).
fn code_words(body: &str) -> Vec<Range<usize>> {
    static CODE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r#"\$\{[^{}\n]*\}|\$[A-Za-z_][A-Za-z0-9_]*|(?:^|[\s(\["'“‘«])(:[A-Za-z_][A-Za-z0-9_]*)|[\p{L}\p{N}]*_[\p{L}\p{N}_]*"#,
        )
        .expect("valid pattern")
    });
    CODE.captures_iter(body)
        .filter_map(|c| c.get(1).or_else(|| c.get(0)))
        .filter(|m| !m.as_str().chars().all(|c| c == '_'))
        .map(|m| m.range())
        .collect()
}

/// Whether the word at `at` is a name signed after a dash, an underscore
/// or a caret (`-Anna`, `–JR`, `^Mia`), as agents sign tweets.
fn signed(body: &str, at: usize) -> bool {
    let mut back = body[..at].chars().rev();
    matches!(back.next(), Some('-' | '–' | '—' | '_' | '^' | '~'))
        && back.next().is_none_or(char::is_whitespace)
}

/// Whether the word at `at` follows a German form of address, a title or
/// a greeting (`Frau Inês`, `Herrn Rossi`, `Hallo Mario`): a name, though
/// German capitalises its nouns too.
fn after_title(body: &str, at: usize) -> bool {
    let before = body[..at].trim_end();
    let previous = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    matches!(
        previous,
        "Frau" | "Herr" | "Herrn" | "Dr" | "Prof" | "Familie" | "Fr" | "Hr"
            // A greeting: `Hallo Mario`, `Guten Tag Inês`, `Liebe Anna`.
            | "Hallo" | "Hi" | "Hey" | "Moin" | "Servus" | "Tag" | "Liebe" | "Lieber" | "Grüezi"
    )
}

/// Whether the line of `at` is quoted (`> …`).
fn quoted_line(body: &str, at: usize) -> bool {
    let start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    body[start..at].trim_start().starts_with('>')
}

/// Whether the line of `at` has capitalised words only, and few of them:
/// a name, a signature, a heading.
fn title_line(body: &str, at: usize) -> bool {
    let start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    let words: Vec<&str> = body[start..end]
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    words.len() <= 6
        && words.iter().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
                || matches!(*w, "de" | "da" | "di" | "van" | "von" | "del" | "la" | "le" | "du" | "dos" | "das" | "and" | "&")
        })
}

/// Whether the word at `at` starts a sentence: first in the text or its
/// line, or after `.` `!` `?` `…` `:`, with only quotes, brackets and
/// list marks between.
fn sentence_start(body: &str, at: usize) -> bool {
    for c in body[..at].chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' | '…' | ':' => return true,
            c if c.is_whitespace() => {}
            '"' | '\'' | '“' | '‘' | '«' | '„' | '(' | '[' | '¿' | '¡' | '*' | '_' | '-' | '–' | '—' | '•' | '>' | '#' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_cover_code_tags_entities_shortcodes_and_dotted_names() {
        let body = "Run `git log` then <a href=\"x\">see</a> &nbsp; :smile: config.yml ok github.com/acme/recieve %path% :person \":name\" (see: ok) %{app_name} $reply_time %{link}\n```\nfoo bar\n```\nend";
        let m = masked(body);
        // What the rule never reads: the masks, inline code, and what the
        // prose scanner blanks out.
        let prose = crate::lang::prose::prose(body);
        let covered = |s: &str| {
            let at = body.find(s).unwrap();
            m.iter().any(|r| r.start <= at && at + s.len() <= r.end)
                || crate::text::in_code_span(body, at)
                || prose[at..at + s.len()].trim().is_empty()
        };
        for s in ["git log", "href", "nbsp", "smile", "config.yml", "foo bar", "app_name", "reply_time", "%{link}", "github.com/acme/recieve", "%path%", ":person", ":name"] {
            assert!(covered(s), "{s}: {m:?}");
        }
        for s in ["Run", "then", "see", "ok", "end", "(see"] {
            assert!(!covered(s), "{s}: {m:?}");
        }
    }

    #[test]
    fn masks_never_split_characters() {
        for body in ["é:é", "<é", "&é;", "a.é", "李.明", ":", "<", "&", "`", "```", "a.", ".a"] {
            let _ = masked(body);
        }
    }

    #[test]
    fn sentence_starts_and_title_lines() {
        let body = "Hi Marco, thanks.\n\"Recieve\" it. - Item\nMarco Rossi\nCustomer Care Team";
        assert!(!sentence_start(body, body.find("Marco").unwrap()));
        assert!(sentence_start(body, 0));
        assert!(sentence_start(body, body.find("Recieve").unwrap()));
        assert!(sentence_start(body, body.find("Item").unwrap()));
        assert!(title_line(body, body.find("Rossi").unwrap()));
        assert!(title_line(body, body.find("Care").unwrap()));
        assert!(!title_line(body, body.find("Recieve").unwrap()));
        let de = "Guten Tag Frau Inês, Herr Dr. Rossi ist da. Die Bestelung";
        assert!(after_title(de, de.find("Inês").unwrap()));
        assert!(after_title(de, de.find("Rossi").unwrap()));
        assert!(!after_title(de, de.find("Bestelung").unwrap()));
        let de = "Hallo Mario! Liebe Anna";
        assert!(after_title(de, de.find("Mario").unwrap()));
        assert!(after_title(de, de.find("Anna").unwrap()));
        assert_eq!(listed(&["a".into(), "b".into(), "c".into()]), "`a`, `b` or `c`");
        assert!(one_letter_short("thi", "this"));
        assert!(one_letter_short("Hav", "have"));
        assert!(!one_letter_short("edu", "emu"));
        assert!(!one_letter_short("edu", "edu"));
    }
}
