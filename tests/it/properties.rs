//! Properties that hold for any text, checked on generated replies through
//! the library API: every diagnostic span lies on character boundaries
//! inside its reply; byte offsets, lines, columns and UTF-16 columns
//! convert back and forth; the readers map every body character back to
//! where it is written in the file; fixes leave valid text and converge.

use proptest::prelude::*;
use proptest::sample::select;
use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::location::LineIndex;
use replylint_core::mode::Mode;
use replylint_core::reply::{Located, Reply, Source, locate};
use replylint_io::fix::{FixOptions, fix_text};
use replylint_io::input::{self, Read};
use std::path::Path;
use std::sync::{Arc, LazyLock};

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    let cli = CliOverrides {
        no_config: true,
        ..CliOverrides::default()
    };
    replylint_io::config::load(&cli, Path::new(".")).expect("built-in settings")
});

/// Every built-in channel id.
fn channel_ids() -> Vec<&'static str> {
    replylint_core::channel::BUILTIN
        .iter()
        .map(|(id, _)| *id)
        .collect()
}

const LANGUAGES: &[Option<&str>] = &[
    None,
    Some("it"),
    Some("en"),
    Some("es"),
    Some("fr"),
    Some("de"),
    Some("pt"),
];

/// Pieces of real replies and of the text that trips rules up: greetings,
/// sign-offs, placeholders, emoji sequences, combining marks, typographic
/// punctuation, every kind of line break and run of spaces.
const FRAGMENTS: &[&str] = &[
    "Gentile Mario,",
    "Dear Ms Smith,",
    "Estimado Sr. Pérez:",
    "Sehr geehrte Frau Müller,",
    "Madame, Monsieur,",
    "Hi Anna!",
    "Ciao Luca!",
    "Cordiali saluti",
    "Kind regards",
    "Mit freundlichen Grüßen",
    "il rimborso è in arrivo",
    "your refund is on its way",
    "la la",
    "the the",
    "{{ticket.requester.first_name}}",
    "{{1}}",
    "{%customer.firstName,fallback=there%}",
    "{!Contact.FirstName}",
    "[ORDER NUMBER]",
    "<NAME>",
    "%s",
    "TODO",
    "XXX",
    "lorem ipsum",
    "https://example.com/a?b=c",
    "http://bit.ly/x",
    "www.example.it",
    "@mario_rossi",
    "4111 1111 1111 1111",
    "IT60X0542811101000000123456",
    "RSSMRA85T10A562S",
    "anna@example.com",
    "+39 333 123 4567",
    "😀",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "🇮🇹",
    "1\u{fe0f}\u{20e3}",
    "e\u{301}",
    "中文",
    "’",
    "“quoted”",
    "…",
    "–",
    "€",
    "^{}[]~\\|",
    "\u{feff}",
    "\u{fffe}",
    "\u{200b}",
    "\u{a0}",
    "\u{202f}",
    "!!",
    "?!",
    " !",
    " ;",
    "SHOUTING",
    "FAQ",
    "pls thx",
    "Lei",
    "tu",
    "Sie",
    "du",
    "vous",
    "ciao",
    "hola",
    ".",
    ",",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n\n",
    "\r\n",
    "\r",
    "  \n",
];

/// A reply-like text: fragments, words and arbitrary characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => select(FRAGMENTS).prop_map(str::to_owned),
        3 => "[A-Za-zàèéìòùÀÈÉçñüößÄÖÜ]{1,10}",
        1 => any::<char>().prop_map(String::from),
    ];
    (prop::collection::vec(piece, 0..60), any::<bool>()).prop_map(|(pieces, spaced)| {
        if spaced {
            pieces.join(" ")
        } else {
            pieces.concat()
        }
    })
}

/// A text as a `.txt` draft, with its channel, language and mode set as
/// front matter would.
fn reply(text: &str, channel: &str, language: Option<&str>, mode: Mode) -> Reply {
    let source = Arc::new(Source {
        path: None,
        name: "reply.txt".to_owned(),
        text: text.to_owned(),
    });
    let mut reply = match input::read_source(source, true) {
        Ok((Read::Replies(_, mut replies), _)) if replies.len() == 1 => replies.remove(0),
        // Text that opens an unclosed front matter: read it as the body.
        _ => Reply {
            body: text.replace("\r\n", "\n").replace('\r', "\n"),
            meta: Default::default(),
            offsets: replylint_core::reply::OffsetMap::starting_at(0),
            source: Arc::new(Source {
                path: None,
                name: "reply.txt".to_owned(),
                text: text.replace("\r\n", "\n").replace('\r', "\n"),
            }),
        },
    };
    reply.meta.channel = Some(Located {
        value: channel.to_owned(),
        offset: 0,
    });
    reply.meta.language = language.map(|l| Located {
        value: l.to_owned(),
        offset: 0,
    });
    reply.meta.mode = Some(mode);
    reply
}

fn assert_span_in(body: &str, rule: &str, start: usize, end: usize) {
    assert!(start <= end, "{rule}: reversed span {start}..{end}");
    assert!(
        end <= body.len(),
        "{rule}: span {start}..{end} past the body ({} bytes)",
        body.len()
    );
    assert!(
        body.is_char_boundary(start) && body.is_char_boundary(end),
        "{rule}: span {start}..{end} splits a character of {body:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_span_lies_on_character_boundaries_inside_the_reply(
        text in text(),
        channel in select(channel_ids()),
        language in select(LANGUAGES),
        template in any::<bool>(),
    ) {
        let mode = if template { Mode::Template } else { Mode::Draft };
        let reply = reply(&text, channel, language, mode);
        let rc = SETTINGS.reply_context(None, &reply.meta).expect("known channel and language");
        let index = LineIndex::new(&reply.source.text);
        for d in replylint_core::engine::lint(&SETTINGS, &reply, &rc) {
            assert_span_in(&reply.body, d.rule, d.span.start, d.span.end);
            let (start, end) = locate(&reply, &index, d.span);
            prop_assert!(start.offset <= end.offset, "{}: {start:?} after {end:?}", d.rule);
            prop_assert!(end.offset <= reply.source.text.len());
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                assert_span_in(&reply.body, d.rule, e.span.start, e.span.end);
            }
        }
    }

    #[test]
    fn offsets_lines_columns_and_utf16_columns_round_trip(text in text()) {
        let index = LineIndex::new(&text);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut last = (0, 0);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let p = index.position(&text, offset);
            prop_assert_eq!(p.offset, offset);
            // Positions grow with offsets.
            prop_assert!((p.line, p.column) >= last, "{offset}: {p:?} before {last:?}");
            last = (p.line, p.column);
            // The `\n` of a CRLF and the BOM are no column of their own.
            let crlf_lf = offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
            if crlf_lf || offset < bom {
                continue;
            }
            let line = index.line_range(&text, p.line);
            prop_assert!(line.start <= offset && offset <= line.end || text[offset..].starts_with('\r'),
                "{offset} outside line {} ({line:?})", p.line);
            // Line and column → offset.
            let by_chars = text[line.start..]
                .char_indices()
                .nth(p.column - 1)
                .map_or(text.len(), |(i, _)| line.start + i);
            prop_assert_eq!(by_chars, offset, "line {} column {}", p.line, p.column);
            // Line and UTF-16 column → offset.
            let mut units = 0;
            let mut by_utf16 = line.start;
            for c in text[line.start..].chars() {
                if units == p.column_utf16 - 1 {
                    break;
                }
                units += c.len_utf16();
                by_utf16 += c.len_utf8();
            }
            prop_assert_eq!(by_utf16, offset, "line {} UTF-16 column {}", p.line, p.column_utf16);
        }
    }

    #[test]
    fn every_reader_maps_each_body_character_to_where_it_is_written(
        text in text(),
        format in select(&["toml", "jsonl", "csv", "md"][..]),
    ) {
        // What every reader keeps as is: no line break at either end, no
        // front matter fence, no HTML (helpdesk readers decode it).
        let body = text
            .replace(['\r', '&', '<'], " ")
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .replace("+++", "++")
            .replace("---", "--");
        prop_assume!(!body.is_empty());
        let file = match format {
            "toml" => format!("[[reply]]\nid = \"a\"\ntext = {}\n", toml_string(&body)),
            "jsonl" => format!("{}\n", serde_json::json!({"id": "a", "text": body})),
            "csv" => format!("id,text\na,\"{}\"\n", body.replace('"', "\"\"")),
            _ => format!("+++\nid = \"a\"\n+++\n{body}\n"),
        };
        let name = format!("replies.{format}");
        let source = Arc::new(Source { path: None, name, text: file.clone() });
        let replies = match input::read_source(source, true) {
            Ok((Read::Replies(_, replies), errors)) => {
                prop_assert!(errors.is_empty(), "{errors:?}");
                replies
            }
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        prop_assert_eq!(replies.len(), 1);
        for reply in &replies {
            prop_assert_eq!(&reply.body, &body);
            let mut last = 0;
            for (i, c) in reply.body.char_indices() {
                let at = reply.offsets.source_start(i);
                prop_assert!(at >= last && at < file.len(), "{format}: body {i} → {at}");
                last = at;
                // Characters no format escapes are found where they map to.
                if c.is_alphanumeric() {
                    prop_assert!(file[at..].starts_with(c), "{format}: body {i} ({c:?}) → {at}");
                }
            }
        }
    }
}

proptest! {
    // Fixing lints the text again after every round: fewer, costlier cases.
    #![proptest_config(ProptestConfig {
        cases: 48,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fixes_leave_text_that_reads_and_converge(
        text in text(),
        channel in select(channel_ids()),
        language in select(LANGUAGES),
    ) {
        let language = language.map(|l| format!("language = \"{l}\"\n")).unwrap_or_default();
        let file = format!("+++\nchannel = \"{channel}\"\n{language}+++\n{}", text.replace('\u{feff}', ""));
        let opts = FixOptions { unsafe_fixes: true, ..FixOptions::default() };
        let fixed = fix_text(&SETTINGS, None, "reply.md", &file, opts);
        // The result is a `String`, so UTF-8 by construction; it must also
        // still read as a reply, and a second pass must find nothing left.
        let source = Arc::new(Source { path: None, name: "reply.md".to_owned(), text: fixed.text.clone() });
        prop_assert!(input::read_source(source, true).is_ok(), "{:?}", fixed.text);
        prop_assert!(
            !fixed.notes.iter().any(|n| n.contains("converge") || n.contains("undo")),
            "{:?} on {file:?}", fixed.notes
        );
        let again = fix_text(&SETTINGS, None, "reply.md", &fixed.text, opts);
        prop_assert_eq!(again.applied, 0, "{:?} → {:?} → {:?}", file, fixed.text, again.text);
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
