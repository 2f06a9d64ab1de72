//! TOML libraries: `[[reply]]` tables, one per reply.
//!
//! ```toml
//! [[reply]]
//! id = "refund-ok"
//! title = "Refund approved"
//! channel = "email"
//! language = "it"
//! subject = "Il tuo rimborso"
//! text = """
//! Gentile {{ticket.requester.first_name}},
//! il rimborso è stato approvato.
//!
//! Cordiali saluti
//! """
//! ```
//!
//! The `toml` crate parses (recovering from errors, so a broken table does
//! not hide the others; a key written twice is one of them) and gives every key and value its span; the string
//! literal of `text` is decoded here (basic, literal and multi-line
//! strings, escapes like `\n`, `\u00e8`, `\"`, line-ending backslashes)
//! with a map back to the file.

use super::library::{Entry, Errors, FIELDS, Keys, Value};
use super::{InputError, Parsed};
use rayon::prelude::*;
use replylint_core::reply::{BodyBuilder, Located, OffsetMap, Source};
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What a TOML library holds.
pub const EXPECTED: &str = "a TOML reply library: `[[reply]]` tables with a `text` key";

pub fn read(source: &Arc<Source>) -> Parsed {
    match open(source) {
        Ok(mut tables) => {
            let mut replies = Vec::new();
            let errors = tables.read(0..tables.count(), &mut replies);
            Parsed::Replies(replies, errors)
        }
        Err(parsed) => parsed,
    }
}

/// Find the `[[reply]]` tables of a TOML library (see [`read`]), to be
/// parsed and read a slice at a time: what the file holds when it has no
/// `[[reply]]` line (read whole, for what it says).
pub fn open(source: &Arc<Source>) -> Result<Tables, Parsed> {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    // Each `[[reply]]` table is parsed on its own, from its header to the
    // next one, so that only one table's tree is held at a time: the tree
    // of a whole file takes several times its size.
    let headers = reply_headers(body);
    let ends = headers.iter().copied().skip(1).chain([body.len()]);
    let parts: Vec<std::ops::Range<usize>> = headers
        .iter()
        .copied()
        .zip(ends)
        .map(|(start, end)| bom + start..bom + end)
        .collect();
    // Only when each part alone is one `[[reply]]` table and nothing else,
    // none broken, and nothing but blanks and comments comes before the
    // first: what each says is then what it says in the file. Any other
    // file (broken, with keys outside the tables, cut where the parser
    // would not cut it) is parsed whole, so that its errors are the whole
    // file's.
    let alone = |range: std::ops::Range<usize>, tables: usize| {
        let (doc, errors) = DeTable::parse_recoverable(&text[range]);
        let doc = doc.into_inner();
        errors.is_empty()
            && match tables {
                0 => doc.is_empty(),
                _ => {
                    doc.len() == 1
                        && doc.get("reply").is_some_and(|v| {
                            matches!(v.get_ref(), DeValue::Array(items) if items.len() == 1
                                && matches!(items[0].get_ref(), DeValue::Table(_)))
                        })
                }
            }
    };
    let first = parts.first().map_or(text.len(), |p| p.start);
    // Checked in parallel: the file waits for it before its first reply.
    if parts.is_empty() || !alone(bom..first, 0) || !parts.par_iter().all(|p| alone(p.clone(), 1)) {
        return Err(read_whole(source));
    }
    Ok(Tables {
        source: Arc::clone(source),
        parts,
        errors: Errors::new(source),
    })
}

/// Read a TOML library parsed whole (see [`open`]).
fn read_whole(source: &Arc<Source>) -> Parsed {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let (doc, parse_errors) = DeTable::parse_recoverable(body);
    let doc = doc.into_inner();
    let declares_replies = doc.contains_key("reply")
        || body
            .lines()
            .any(|l| l.trim_start().starts_with("[[reply]]"));
    if !declares_replies {
        return Parsed::NotLibrary(EXPECTED);
    }
    let mut errors = Errors::new(source);
    let mut replies = Vec::new();
    let part = Part {
        text,
        at: bom,
        end: text.len() + 1,
    };
    part.read(&doc, &parse_errors, source, &mut errors, &mut replies);
    Parsed::Replies(replies, errors.list)
}

/// The `[[reply]]` tables of a TOML library, found and checked to stand
/// alone ([`open`]), not read yet.
pub struct Tables {
    source: Arc<Source>,
    parts: Vec<std::ops::Range<usize>>,
    errors: Errors,
}

impl Tables {
    /// How many tables the library has.
    pub fn count(&self) -> usize {
        self.parts.len()
    }

    /// Parse and read tables `range` into `replies`; the errors met.
    pub fn read(
        &mut self,
        range: std::ops::Range<usize>,
        replies: &mut Vec<replylint_core::reply::Reply>,
    ) -> Vec<InputError> {
        let text = self.source.text.as_str();
        for range in &self.parts[range] {
            // Parsed without errors when the file was opened.
            let (doc, parse_errors) = DeTable::parse_recoverable(&text[range.clone()]);
            let doc = doc.into_inner();
            let part = Part {
                text,
                at: range.start,
                end: range.end,
            };
            part.read(&doc, &parse_errors, &self.source, &mut self.errors, replies);
        }
        std::mem::take(&mut self.errors.list)
    }
}

/// A part of a TOML library parsed on its own: the whole file's `text`,
/// the part's offset in it (`at`, where its spans start) and the end of
/// the last table it may hold.
struct Part<'t> {
    text: &'t str,
    at: usize,
    end: usize,
}

impl Part<'_> {
    /// The replies of the part parsed as `doc`, and its errors.
    fn read(
        &self,
        doc: &DeTable<'_>,
        parse_errors: &[toml::de::Error],
        source: &Arc<Source>,
        errors: &mut Errors,
        replies: &mut Vec<replylint_core::reply::Reply>,
    ) {
        let (text, at) = (self.text, self.at);
        let mut broken = Vec::new();
        for e in parse_errors {
            let from = at + e.span().map_or(0, |s| s.start);
            broken.push(from);
            let span = e.span().map(|s| at + s.start..at + s.end);
            errors.at(
                from,
                format!("invalid TOML: {}", message(e.message(), text, span)),
            );
        }
        for (key, value) in doc {
            let key_at = at + key.span().start;
            if key.get_ref() != "reply" {
                errors.at(
                    key_at,
                    format!(
                        "{}: a reply library holds `[[reply]]` tables",
                        replylint_core::suggest::unknown("top-level key", key.get_ref(), ["reply"])
                    ),
                );
                continue;
            }
            let DeValue::Array(items) = value.get_ref() else {
                errors.at(
                    at + value.span().start,
                    "`reply` must be an array of tables (`[[reply]]`)",
                );
                continue;
            };
            let starts: Vec<usize> = items.iter().map(|i| at + i.span().start).collect();
            for (n, item) in items.iter().enumerate() {
                let start = starts[n];
                let end = starts.get(n + 1).copied().unwrap_or(self.end);
                // The parser recovered from an error inside this table: what
                // it made of it is a guess, so it is not linted.
                if broken.iter().any(|&b| b >= start && b < end) {
                    continue;
                }
                let DeValue::Table(table) = item.get_ref() else {
                    errors.at(start, "each `reply` must be a table");
                    continue;
                };
                let entry = entry(text, at, table, start);
                if let Some(reply) = entry.finish(source, errors, "`[[reply]]` without `text`") {
                    replies.push(reply);
                }
            }
        }
    }
}

/// Where each `[[reply]]` header of `text` starts: a line whose first
/// non-blank characters are `[[reply]]` (blanks and quotes allowed around
/// the key), outside strings, comments and values written over several
/// lines, as the TOML parser reads them. Where it is wrong (a broken
/// file), the parts it cuts do not stand alone and the file is parsed
/// whole ([`open`]).
fn reply_headers(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut headers = Vec::new();
    // Arrays and inline tables open in a value.
    let mut depth = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let at_line_start = std::mem::replace(&mut line_start, false);
        match b {
            b'[' if at_line_start && depth == 0 => {
                let (end, reply) = header(bytes, i);
                if reply {
                    headers.push(i);
                }
                i = end;
            }
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'#' => i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n),
            b'"' | b'\'' => i = string_end(bytes, i),
            _ => i += 1,
        }
    }
    headers
}

/// The end of the table header at `i` (its line's end), and whether it
/// is `[[reply]]`: the key bare or quoted, blanks around it, a comment
/// after it.
fn header(bytes: &[u8], i: usize) -> (usize, bool) {
    let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
    let line = &bytes[i..end];
    let reply = line
        .strip_prefix(b"[[")
        .map(<[u8]>::trim_ascii_start)
        .and_then(|l| {
            [&b"reply"[..], b"\"reply\"", b"'reply'"]
                .iter()
                .find_map(|key| l.strip_prefix(*key))
        })
        .map(<[u8]>::trim_ascii_start)
        .and_then(|l| l.strip_prefix(b"]]"))
        .map(<[u8]>::trim_ascii)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(b"#"));
    (end, reply)
}

/// The end of the string literal opening at `i` (`"`, `'`, `"""` or
/// `'''`): after its closing delimiter, or the end of its line (of the
/// text for a multi-line one) when it is not closed.
fn string_end(bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    let escapes = quote == b'"';
    let multi = bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote);
    let mut j = if multi { i + 3 } else { i + 1 };
    while j < bytes.len() {
        let b = bytes[j];
        if escapes && b == b'\\' {
            j += 2;
            continue;
        }
        if b == b'\n' && !multi {
            return j;
        }
        if b == quote {
            if !multi {
                return j + 1;
            }
            if bytes.get(j + 1) == Some(&quote) && bytes.get(j + 2) == Some(&quote) {
                // Up to two more quotes belong to the string.
                let mut end = j + 3;
                while end < j + 5 && bytes.get(end) == Some(&quote) {
                    end += 1;
                }
                return end;
            }
        }
        j += 1;
    }
    bytes.len()
}

/// A TOML error's message, its first line, with "did you mean" for an
/// unknown key and the key named when it is a duplicate (the parser only
/// points at it: its `span` of `text`).
pub fn message(message: &str, text: &str, span: Option<std::ops::Range<usize>>) -> String {
    let explained = replylint_core::config::explain_toml_message(message);
    let key = span
        .and_then(|s| text.get(s))
        .map(|k| k.trim().trim_matches(['"', '\'']))
        .filter(|k| !k.is_empty() && !k.contains(['\n', '`']));
    match key {
        Some(key) if explained == "duplicate key" => format!("duplicate key `{key}`"),
        _ => explained,
    }
}

/// One `[[reply]]` table starting at `start`; spans in `table` are relative
/// to `text[bom..]`.
fn entry(text: &str, bom: usize, table: &DeTable<'_>, start: usize) -> Entry {
    let mut entry = Entry::new(start);
    for (key, value) in table {
        let Some(key) = entry.key(key.get_ref(), bom + key.span().start, Keys::Strict) else {
            continue;
        };
        let at = bom + value.span().start;
        if key == "text" {
            match value.get_ref() {
                DeValue::String(s) => {
                    let span = value.span();
                    let raw = text
                        .get(bom + span.start..bom + span.end)
                        .unwrap_or_default();
                    entry.text = Some(decode(raw, at, s));
                }
                other => entry.problem(at, format!("`text` must be a string, not {}", kind(other))),
            }
            continue;
        }
        if FIELDS.contains(&key)
            && let DeValue::String(s) = value.get_ref()
        {
            let span = value.span();
            let raw = text
                .get(bom + span.start..bom + span.end)
                .unwrap_or_default();
            let (decoded, map) = decode(raw, at, s);
            entry.set_field(key, decoded, map);
            continue;
        }
        entry.set(key, field(value, bom));
    }
    entry
}

/// A field value other than `text`.
fn field(value: &Spanned<DeValue<'_>>, bom: usize) -> Value {
    let at = bom + value.span().start;
    let located = |v: &str| Located {
        value: v.to_owned(),
        offset: at,
    };
    match value.get_ref() {
        DeValue::String(s) => Value::Str(located(s)),
        DeValue::Integer(i) => Value::Str(located(i.as_str())),
        DeValue::Array(items) => {
            let mut list = Vec::new();
            for item in items.iter() {
                match item.get_ref() {
                    DeValue::String(s) => list.push(Located {
                        value: s.to_string(),
                        offset: bom + item.span().start,
                    }),
                    _ => return Value::Other("an array with non-strings", at),
                }
            }
            Value::List(list)
        }
        DeValue::Boolean(b) => Value::Bool(*b, at),
        other => Value::Other(kind(other), at),
    }
}

/// "a table", "an integer"… for messages.
fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(..) => "a string",
        DeValue::Integer(..) => "an integer",
        DeValue::Float(..) => "a float",
        DeValue::Boolean(..) => "a boolean",
        DeValue::Datetime(..) => "a date-time",
        DeValue::Array(..) => "an array",
        DeValue::Table(..) => "a table",
    }
}

/// Decode the string literal `raw`, written at offset `at` of the file,
/// whose value the parser found to be `expected`.
pub fn decode(raw: &str, at: usize, expected: &str) -> (String, OffsetMap) {
    let normal = expected.replace("\r\n", "\n").replace('\r', "\n");
    // The literal could not be retraced (the parser recovered from an
    // unclosed string, say): the value is right, and every position in it
    // points at the literal's start rather than somewhere inside it.
    let fallback = |normal: String| {
        let map = OffsetMap::pinned(&normal, at, at + raw.len());
        (normal, map)
    };
    let delimiter = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|d| raw.starts_with(d) && raw.len() >= 2 * d.len() && raw.ends_with(d));
    let Some(delimiter) = delimiter else {
        return fallback(normal);
    };
    let (open, escapes) = (delimiter.len(), delimiter.starts_with('"'));
    let close = raw.len() - open;
    let mut content = &raw[open..close];
    let mut start = open;
    if open == 3 {
        // A line break right after the opening delimiter is trimmed.
        let trimmed = content
            .strip_prefix("\r\n")
            .or_else(|| content.strip_prefix('\n'))
            .unwrap_or(content);
        start += content.len() - trimmed.len();
        content = trimmed;
    }
    let mut out = BodyBuilder::new(at + start);
    if escapes {
        decode_basic(content, at + start, &mut out);
    } else {
        out.push_str(content, at + start);
    }
    let (body, map) = out.finish();
    if body == normal {
        (body, map)
    } else {
        fallback(normal)
    }
}

/// Decode the content of a basic string (`"…"` or `"""…"""`) written at
/// offset `at`.
fn decode_basic(s: &str, at: usize, out: &mut BodyBuilder) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        if bytes[i] != b'\\' {
            let next = s[i..].find('\\').map_or(s.len(), |j| i + j);
            out.push_str(&s[i..next], at + i);
            i = next;
            continue;
        }
        let simple = match bytes.get(i + 1) {
            Some(b'b') => Some('\u{8}'),
            Some(b't') => Some('\t'),
            Some(b'n') => Some('\n'),
            Some(b'f') => Some('\u{c}'),
            Some(b'r') => Some('\r'),
            Some(b'e') => Some('\u{1b}'),
            Some(b'"') => Some('"'),
            Some(b'\\') => Some('\\'),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch, at + i, at + i + 2);
            i += 2;
            continue;
        }
        let digits = match bytes.get(i + 1) {
            Some(b'x') => 2,
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => 0,
        };
        if digits > 0 {
            let ch = s
                .get(i + 2..i + 2 + digits)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            out.push(ch, at + i, at + i + 2 + digits);
            i += 2 + digits;
            continue;
        }
        // A line-ending backslash: it, the line break and the blanks
        // around it vanish.
        let rest = &s[i + 1..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest[blanks..].starts_with(['\n', '\r']) {
            let after = rest.trim_start_matches([' ', '\t', '\n', '\r']);
            i = s.len() - after.len();
        } else {
            // Invalid escape (the parser reported it): keep the backslash.
            out.push('\\', at + i, at + i + 1);
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a reading gives, to compare: each reply's id, title, body and
    /// the place of each of its characters, and the errors in the order
    /// of the file, as they are reported.
    fn outline(parsed: Parsed) -> Option<(Vec<String>, Vec<crate::input::InputError>)> {
        let Parsed::Replies(replies, mut errors) = parsed else {
            return None;
        };
        let replies = replies
            .iter()
            .map(|r| {
                let places: Vec<usize> = (0..=r.body.len())
                    .filter(|&i| r.body.is_char_boundary(i))
                    .map(|i| r.offsets.source_start(i))
                    .collect();
                format!("{:?} {:?} {:?} {places:?}", r.meta.id, r.meta.title, r.body)
            })
            .collect();
        errors.sort_by_key(|e| e.position);
        Some((replies, errors))
    }

    fn source(name: &str, text: &str) -> Arc<Source> {
        Arc::new(Source {
            path: None,
            name: name.into(),
            text: text.into(),
        })
    }

    /// Tables cut apart at their headers read as the whole file does:
    /// headers in strings, comments, arrays and inline tables are not
    /// headers; a file that is broken or has keys outside its tables is
    /// parsed whole; errors keep their places.
    #[test]
    fn a_library_read_table_by_table_reads_as_the_whole_file() {
        // Each file, and whether its tables stand alone (read one by one).
        let docs = [
            (
                r#"# [[reply]]

[[reply]]
id = "one"
text = """
[[reply]]
Ciao.
"""
tags = [
  "a",
  [[1]],
]
[[ reply ]] # two
id = "two"
text = 'hi [[reply]]'
  [[reply]]
text = "Thanks.\" [[reply]]"
[reply.extra]
z = { a = [
  1 ] }
[["reply"]]
text = '''it's
[[reply]]'''
[[reply]]
id = "four"
"#,
                true,
            ),
            (
                "\u{feff}[[reply]]\r\nid = \"bom\"\r\ntext = \"Hi, thanks\"\r\n[[reply]]\r\ntext = \"Caff\\u00e8\"\r\n",
                true,
            ),
            (
                "[[reply]]\ntext = \"\"\"a \"\"quoted\"\" one\"\"\"\"\"\n[[reply]]\ntext = \"b\"\n",
                true,
            ),
            (
                "[[reply]]\n[[reply]]\ntext = \"only the second\"\n[[reply]]",
                true,
            ),
            (
                "title = \"x\"\n[[reply]]\ntext = \"a\"\n[other]\nx = 1\n",
                false,
            ),
            (
                "[[reply]]\ntext = \"\"\"unclosed\n[[reply]]\ntext = \"ok\"\n",
                false,
            ),
            (
                "[[reply]]\ntext = \"bad \\q\"\n[[reply]]\nid = \"a\"\nid = \"b\"\ntext = \"hi\"\n[[reply]]\ntext = 5\n",
                false,
            ),
            ("x = [\n[[reply]]\n]\n[[reply]]\ntext = \"Hello\"\n", false),
            ("[reply]\ntext = \"a table\"\n", false),
            ("[[reply]]\ntext = \"a\"\n[reply]\ntext = \"b\"\n", false),
            ("no library = 1\n", false),
        ];
        for (doc, alone) in docs {
            let source = source("library.toml", doc);
            assert_eq!(open(&source).is_ok(), alone, "{doc}");
            assert_eq!(
                outline(read(&source)),
                outline(read_whole(&source)),
                "{doc}"
            );
        }
        // The libraries among the tests' files.
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures"
        ))];
        let (mut files, mut alone) = (0, 0);
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if path.extension().is_some_and(|e| e == "toml") && text.contains("[[reply]]") {
                    let source = source(&path.display().to_string(), &text);
                    let (read, whole) = (read(&source), read_whole(&source));
                    assert_eq!(outline(read), outline(whole), "{}", path.display());
                    files += 1;
                    alone += usize::from(open(&source).is_ok());
                }
            }
        }
        assert!(files >= 5, "{files} libraries among the fixtures");
        assert!(alone >= 3, "{alone} of them read table by table");
    }

    /// Pieces of TOML libraries, valid and broken: headers, keys with
    /// every kind of string (holding header-like lines, quotes and
    /// escapes), arrays and inline tables over several lines, comments.
    fn piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "[[reply]]\n",
            "  [[ reply ]] # a reply\n",
            "[[\"reply\"]]\n",
            "[[replies]]\n",
            "[reply]\n",
            "[reply.extra]\n",
            "[other]\n",
            "# [[reply]]\n",
            "id = \"a\"\n",
            "id = \"a\"\nid = \"b\"\n",
            "text = \"Hi, thanks 😀\"\n",
            "text = \"say \\\"[[reply]]\\\" \\u00e8\"\n",
            "text = 'C:\\temp [[reply]]'\n",
            "text = \"\"\"\n[[reply]]\nCiao, \"\"quoted\"\".\n\"\"\"\n",
            "text = '''\n[[reply]]\nit's '' here\n'''\n",
            "text = \"\"\"a \\\n   b\"\"\"\"\"\n",
            "text = \"unclosed\n",
            "text = \"\"\"unclosed\n",
            "text = 5\n",
            "tags = [\n  \"a\",\n[[reply]]\n]\n",
            "tags = [\"x\", # [[reply]]\n  \"y\"]\n",
            "meta = { a = 1, b = [\n 2 ] }\n",
            "channel = \"email\"\n",
            "x = \n",
            "= broken\n",
            "\r\n",
            "\n",
        ])
    }

    proptest::proptest! {
        /// Any file made of those pieces reads the same table by table as
        /// whole: its replies, their characters' places and its errors.
        #[test]
        fn any_library_reads_table_by_table_as_whole(
            pieces in proptest::collection::vec(piece(), 0..24),
            bom in proptest::bool::ANY,
        ) {
            let mut doc = String::from(if bom { "\u{feff}" } else { "" });
            doc.extend(pieces);
            let source = source("library.toml", &doc);
            proptest::prop_assert_eq!(outline(read(&source)), outline(read_whole(&source)), "{}", doc);
        }
    }

    /// A header, and keys each table may hold once.
    const HEADERS: [&str; 4] = [
        "[[reply]]\n",
        "  [[ reply ]] # a reply\n",
        "[['reply']]\n",
        "\r\n[[reply]]\r\n",
    ];
    const KEYS: [&str; 8] = [
        "id = \"a\"\n",
        "text = \"say \\\"[[reply]]\\\" \\u00e8 😀\"\n",
        "title = 'C:\\temp [[reply]]'\n",
        "subject = \"\"\"\n[[reply]]\nCiao, \"\"quoted\"\".\n\"\"\"\n",
        "header = '''\n[[reply]]\nit's '' here\n'''\n",
        "tags = [\n  \"a\", # [[reply]]\n[[1]] ]\n",
        "footer = \"\"\"a \\\n   b\"\"\"\"\"\n# [[reply]]\n",
        "channel = \"email\"\n",
    ];

    proptest::proptest! {
        /// Files of well-formed tables (headers and strings that look like
        /// headers, comments, values over several lines) are read table
        /// by table, as they read whole.
        #[test]
        fn well_formed_libraries_are_read_table_by_table(
            tables in proptest::collection::vec(
                (0..HEADERS.len(), proptest::sample::subsequence((0..KEYS.len()).collect::<Vec<_>>(), 0..KEYS.len())),
                1..12,
            ),
        ) {
            let mut doc = String::from("# replies\n\n");
            for (header, keys) in tables {
                doc.push_str(HEADERS[header]);
                doc.extend(keys.into_iter().map(|k| KEYS[k]));
            }
            let source = source("library.toml", &doc);
            proptest::prop_assert!(open(&source).is_ok(), "{}", doc);
            proptest::prop_assert_eq!(outline(read(&source)), outline(read_whole(&source)), "{}", doc);
        }
    }

    #[test]
    fn headers_are_found_where_tables_start() {
        let doc = "a = 1\n[[reply]]\ntext = \"\"\"\n[[reply]]\n\"\"\"\n  [[ 'reply' ]] # x\n[[replies]]\n[reply]\n";
        assert_eq!(reply_headers(doc), [6, 43]);
        assert_eq!(&doc[43..56], "[[ 'reply' ]]");
    }

    /// Parse `doc`, decode its `text` and return the body, its map and the
    /// literal's offset.
    fn text_of(doc: &str) -> (String, OffsetMap) {
        let table = DeTable::parse(doc).unwrap().into_inner();
        let (_, value) = table.iter().find(|(k, _)| k.get_ref() == "text").unwrap();
        let DeValue::String(s) = value.get_ref() else {
            panic!()
        };
        let span = value.span();
        decode(&doc[span.clone()], span.start, s)
    }

    /// Where in `doc` the body character at `needle`'s first occurrence
    /// starts.
    fn at(doc: &str, body: &str, map: &OffsetMap, needle: &str) -> usize {
        let _ = doc;
        map.source_start(body.find(needle).unwrap())
    }

    #[test]
    fn basic_string_escapes_map_back() {
        let doc = r#"text = "Caff\u00e8 \"buono\"\n\tTODO ok""#;
        let (body, map) = text_of(doc);
        assert_eq!(body, "Caffè \"buono\"\n\tTODO ok");
        assert_eq!(&doc[at(doc, &body, &map, "TODO")..][..4], "TODO");
        assert_eq!(&doc[at(doc, &body, &map, "è")..][..6], r"\u00e8");
        assert_eq!(&doc[at(doc, &body, &map, "buono")..][..5], "buono");
        assert_eq!(map.source_end(body.len()), doc.len() - 1);
    }

    #[test]
    fn multi_line_strings_trim_the_first_line_break() {
        let doc = "text = \"\"\"\r\nCiao,\r\n  TODO \\\r\n    fine\r\n\"\"\"";
        let (body, map) = text_of(doc);
        assert_eq!(body, "Ciao,\n  TODO fine\n");
        assert_eq!(&doc[at(doc, &body, &map, "Ciao")..][..4], "Ciao");
        assert_eq!(&doc[at(doc, &body, &map, "fine")..][..4], "fine");
        assert_eq!(&doc[at(doc, &body, &map, "\n")..][..2], "\r\n");
    }

    #[test]
    fn literal_strings_are_verbatim() {
        let doc = "text = '''\nC:\\temp {{x}}\n'''";
        let (body, map) = text_of(doc);
        assert_eq!(body, "C:\\temp {{x}}\n");
        assert_eq!(&doc[at(doc, &body, &map, "{{")..][..5], "{{x}}");
        let doc = "text = 'a \\n b'";
        let (body, map) = text_of(doc);
        assert_eq!(body, "a \\n b");
        assert_eq!(&doc[at(doc, &body, &map, "b")..][..1], "b");
    }

    #[test]
    fn quotes_next_to_the_closing_delimiter_belong_to_the_text() {
        let doc = "text = \"\"\"say \"hi\"\"\"\"\"";
        let (body, _) = text_of(doc);
        assert_eq!(body, "say \"hi\"\"");
    }
}
