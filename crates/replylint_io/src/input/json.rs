//! JSON pieces shared by the JSON Lines reader and the helpdesk exports:
//! where a value sits in the file, and string literals decoded with a map
//! back to the file.
//!
//! `serde_json` parses and validates; values are borrowed from the file as
//! [`RawValue`]s, so each one's offset is known (a sub-slice of the file's
//! text), and a string literal is decoded here escape by escape (`\n`,
//! `\"`, `\u00e8`, surrogate pairs `\ud83d\ude00`), recording where each
//! character came from.

use super::library::{Entry, FIELDS, Keys, Value};
use replylint_core::reply::{BodyBuilder, Located, OffsetMap};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// A JSON object with its values left raw.
pub type Object<'a> = BTreeMap<String, &'a RawValue>;

/// Byte offset of `raw` in `text`, the file it was borrowed from.
pub fn offset_of(text: &str, raw: &RawValue) -> usize {
    let at = raw.get().as_ptr() as usize;
    let base = text.as_ptr() as usize;
    debug_assert!(at >= base && at <= base + text.len());
    at.saturating_sub(base).min(text.len())
}

/// Parse `raw` as an object, if it is one.
pub fn object(raw: &RawValue) -> Option<Object<'_>> {
    if !raw.get().starts_with('{') {
        return None;
    }
    serde_json::from_str(raw.get()).ok()
}

/// Parse `raw` as an array, if it is one.
pub fn array(raw: &RawValue) -> Option<Vec<&RawValue>> {
    if !raw.get().starts_with('[') {
        return None;
    }
    serde_json::from_str(raw.get()).ok()
}

/// Whether `raw` is a string literal.
pub fn is_string(raw: &RawValue) -> bool {
    raw.get().starts_with('"')
}

/// The string `raw` holds, if it is one.
pub fn string(raw: &RawValue) -> Option<String> {
    if !is_string(raw) {
        return None;
    }
    serde_json::from_str(raw.get()).ok()
}

/// What kind of JSON value `raw` is, for messages.
pub fn kind(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Decode the string literal `raw` (quotes included) written at offset
/// `at` of the file into `out`. `serde_json` has already validated it; a
/// lone surrogate becomes U+FFFD, as lossy decoders do.
pub fn decode_string(raw: &str, at: usize, out: &mut BodyBuilder) {
    let bytes = raw.as_bytes();
    let end = raw.len().saturating_sub(1).max(1);
    let mut i = 1;
    while i < end {
        if bytes[i] != b'\\' {
            let next = raw[i..end].find('\\').map_or(end, |j| i + j);
            out.push_str(&raw[i..next], at + i);
            i = next;
            continue;
        }
        let (ch, len) = match bytes.get(i + 1) {
            Some(b'"') => ('"', 2),
            Some(b'\\') => ('\\', 2),
            Some(b'/') => ('/', 2),
            Some(b'b') => ('\u{8}', 2),
            Some(b'f') => ('\u{c}', 2),
            Some(b'n') => ('\n', 2),
            Some(b'r') => ('\r', 2),
            Some(b't') => ('\t', 2),
            Some(b'u') => unicode_escape(&raw[i..end]),
            _ => ('\u{fffd}', 1),
        };
        out.push(ch, at + i, at + i + len);
        i += len;
    }
}

/// The character a `\uXXXX` escape (or a `\uD83D\uDE00` surrogate pair)
/// at the start of `s` stands for, and how many bytes it takes.
fn unicode_escape(s: &str) -> (char, usize) {
    let hex = |from: usize| {
        s.get(from..from + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let Some(unit) = hex(2) else {
        return ('\u{fffd}', 2);
    };
    if (0xD800..0xDC00).contains(&unit)
        && s[6..].starts_with("\\u")
        && let Some(low @ 0xDC00..0xE000) = hex(8)
    {
        let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        return (char::from_u32(c).unwrap_or('\u{fffd}'), 12);
    }
    (char::from_u32(unit).unwrap_or('\u{fffd}'), 6)
}

/// The body a string literal `raw` at offset `at` decodes to, and its map.
pub fn string_body(raw: &str, at: usize) -> (String, OffsetMap) {
    let mut out = BodyBuilder::new(at + 1);
    decode_string(raw, at, &mut out);
    out.finish()
}

/// A field value as a library sees it: a string, a number (as written), a
/// list of strings, or something else. `None` for `null` (as if absent).
pub fn value(text: &str, raw: &RawValue) -> Option<Value> {
    let at = offset_of(text, raw);
    let s = raw.get();
    if let Some(v) = string(raw) {
        return Some(Value::Str(Located {
            value: v,
            offset: at,
        }));
    }
    match s.as_bytes().first() {
        Some(b'n') => None,
        Some(b'-' | b'0'..=b'9') => Some(Value::Str(Located {
            value: s.to_owned(),
            offset: at,
        })),
        Some(b'[') => {
            let items = array(raw).unwrap_or_default();
            let mut list = Vec::new();
            for item in items {
                match string(item) {
                    Some(v) => list.push(Located {
                        value: v,
                        offset: offset_of(text, item),
                    }),
                    None => return Some(Value::Other("a list with non-strings", at)),
                }
            }
            Some(Value::List(list))
        }
        _ if raw.get() == "true" || raw.get() == "false" => {
            Some(Value::Bool(raw.get() == "true", at))
        }
        _ => Some(Value::Other(kind(raw), at)),
    }
}

/// Read a library entry (the same keys as a TOML `[[reply]]`) from a JSON
/// object that starts at `offset` of `text`.
pub fn entry(text: &str, object: &Object<'_>, offset: usize) -> Entry {
    let mut entry = Entry::new(offset);
    for (key, raw) in object {
        // Keys are not positioned by the parser: the entry's start will do
        // for an unknown one.
        let key_at = key_offset(text, key, raw).unwrap_or(offset);
        let Some(key) = entry.key(key, key_at, Keys::Lenient) else {
            continue;
        };
        if key == "text" {
            let at = offset_of(text, raw);
            if is_string(raw) {
                entry.text = Some(string_body(raw.get(), at));
            } else if raw.get() != "null" {
                entry.problem(at, format!("`text` must be a string, not {}", kind(raw)));
            }
            continue;
        }
        if FIELDS.contains(&key) && is_string(raw) {
            let (decoded, map) = string_body(raw.get(), offset_of(text, raw));
            entry.set_field(key, decoded, map);
            continue;
        }
        if let Some(v) = value(text, raw) {
            entry.set(key, v);
        }
    }
    entry
}

/// Where the key of `raw` was written: the last `"key"` before the value
/// (only a colon and blanks lie between them).
fn key_offset(text: &str, key: &str, raw: &RawValue) -> Option<usize> {
    let at = offset_of(text, raw);
    let before = text[..at].trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    let quoted = serde_json::to_string(key).ok()?;
    before
        .ends_with(&quoted)
        .then(|| before.len() - quoted.len())
}

/// A key written a second time in one JSON object. `serde_json` keeps
/// the last value without a word; which one the helpdesk uses is anyone's
/// guess, so it is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub key: String,
    /// Offset of the second key's opening quote.
    pub offset: usize,
    /// Offset of the first one's.
    pub first: usize,
}

/// Every key written again in the same object of `json`, JSON that
/// `serde_json` has accepted, written at offset `base` of the file, in
/// the order of the file. One pass, with a stack of the objects open (no
/// recursion, whatever the depth) and of their keys: a key is looked up
/// among its object's keys so far, through a hash table once the object
/// has many. Keys are compared decoded (`"te\u0078t"` is `"text"`).
pub fn duplicate_keys(json: &str, base: usize) -> Vec<Duplicate> {
    use std::borrow::Cow;
    use std::collections::HashMap;
    /// Keys an object holds before they are looked up in a hash table.
    const FEW: usize = 32;
    /// An open object: where its keys start in `keys`, whether a key
    /// comes next, and its keys by name once it has many.
    struct Object<'a> {
        start: usize,
        key_next: bool,
        index: Option<HashMap<Cow<'a, str>, usize>>,
    }
    enum Open<'a> {
        Object(Object<'a>),
        Array,
    }
    let bytes = json.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    // The keys of the open objects, innermost last: (key, offset).
    let mut keys: Vec<(Cow<'_, str>, usize)> = Vec::new();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => open.push(Open::Object(Object {
                start: keys.len(),
                key_next: true,
                index: None,
            })),
            b'[' => open.push(Open::Array),
            b'}' | b']' => {
                if let Some(Open::Object(object)) = open.pop() {
                    keys.truncate(object.start);
                }
            }
            b',' => {
                if let Some(Open::Object(object)) = open.last_mut() {
                    object.key_next = true;
                }
            }
            b'"' => {
                let start = i;
                // To the closing quote, over escapes.
                i += 1;
                loop {
                    let rest = bytes.get(i..).unwrap_or_default();
                    match memchr::memchr2(b'"', b'\\', rest) {
                        Some(j) if rest[j] == b'"' => {
                            i += j;
                            break;
                        }
                        Some(j) => i += j + 2,
                        None => {
                            i = bytes.len();
                            break;
                        }
                    }
                }
                let Some(Open::Object(object)) = open.last_mut() else {
                    i += 1;
                    continue;
                };
                if !object.key_next {
                    i += 1;
                    continue;
                }
                object.key_next = false;
                let literal = json.get(start..(i + 1).min(json.len())).unwrap_or_default();
                let key = match literal.get(1..literal.len().saturating_sub(1)) {
                    Some(plain) if !plain.contains('\\') => Cow::Borrowed(plain),
                    _ => Cow::Owned(
                        serde_json::from_str::<String>(literal)
                            .unwrap_or_else(|_| literal.to_owned()),
                    ),
                };
                let own = &keys[object.start..];
                let first = match &object.index {
                    Some(index) => index.get(&key).copied(),
                    None => own.iter().find(|(k, _)| *k == key).map(|(_, at)| *at),
                };
                if let Some(first) = first {
                    found.push(Duplicate {
                        key: key.into_owned(),
                        offset: base + start,
                        first: base + first,
                    });
                } else {
                    if object.index.is_none() && own.len() >= FEW {
                        object.index = Some(own.iter().cloned().collect());
                    }
                    if let Some(index) = &mut object.index {
                        index.insert(key.clone(), start);
                    }
                    keys.push((key, start));
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The message for a duplicate key whose first one is at `line`:`column`.
pub fn duplicate_message(d: &Duplicate, (line, column): (usize, usize)) -> String {
    format!(
        "duplicate key `{}` in the same object (first at line {line}, column {column})",
        d.key
    )
}

/// A `serde_json` error as (offset in `text`, message), for JSON that
/// starts at offset `base` of the file and spans `text`.
pub fn error_at(text: &str, base: usize, e: &serde_json::Error) -> (usize, String) {
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n + 1 == e.line() {
            offset += e.column().saturating_sub(1).min(line.len());
            break;
        }
        offset += line.len();
    }
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    (
        base + offset.min(text.len()),
        format!("invalid JSON: {message}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decode the literal `raw` and check that every character maps to the
    /// start of what wrote it.
    fn decode(raw: &str) -> (String, OffsetMap) {
        let expected: String = serde_json::from_str(raw).unwrap();
        let (body, map) = string_body(raw, 0);
        assert_eq!(body, expected.replace("\r\n", "\n").replace('\r', "\n"));
        (body, map)
    }

    #[test]
    fn escapes_map_back_to_the_literal() {
        let raw = r#""a\n\"b\" \u00e8 \ud83d\ude00 z""#;
        let (body, map) = decode(raw);
        assert_eq!(body, "a\n\"b\" è 😀 z");
        let z = body.find('z').unwrap();
        assert_eq!(&raw[map.source_start(z)..map.source_end(z + 1)], "z");
        let e = body.find('è').unwrap();
        assert_eq!(&raw[map.source_start(e)..map.source_end(e + 2)], r"\u00e8");
        let smile = body.find('😀').unwrap();
        assert_eq!(
            &raw[map.source_start(smile)..map.source_end(smile + 4)],
            r"\ud83d\ude00"
        );
        let q = body.find('"').unwrap();
        assert_eq!(&raw[map.source_start(q)..][..2], "\\\"");
        assert_eq!(map.source_end(body.len()), raw.len() - 1);
    }

    #[test]
    fn escaped_crlf_is_one_line_break() {
        let raw = r#""x\r\ny\rz""#;
        let (body, map) = decode(raw);
        assert_eq!(body, "x\ny\nz");
        assert_eq!(&raw[map.source_start(2)..][..1], "y");
        assert_eq!(&raw[map.source_start(4)..][..1], "z");
    }

    #[test]
    fn a_lone_surrogate_is_a_replacement_character() {
        let mut out = BodyBuilder::new(1);
        decode_string(r#""a\ud800b""#, 0, &mut out);
        assert_eq!(out.finish().0, "a\u{fffd}b");
    }

    #[test]
    fn duplicate_keys_are_found_at_every_depth_and_only_in_one_object() {
        let text = r#"{"macros": [{"id": 1, "text": "a", "te\u0078t": "b"}, {"text": "c"}],
 "x": {"text": "[\"text\", {\"}"}, "macros": [], "y": ["text", "text"]}"#;
        let found = duplicate_keys(text, 10);
        let at = |needle: &str, n: usize| 10 + text.match_indices(needle).nth(n).unwrap().0;
        assert_eq!(
            found,
            vec![
                Duplicate {
                    key: "text".into(),
                    offset: at("\"te\\u0078t\"", 0),
                    first: at("\"text\"", 0),
                },
                Duplicate {
                    key: "macros".into(),
                    offset: at("\"macros\"", 1),
                    first: at("\"macros\"", 0),
                },
            ]
        );
        assert!(duplicate_keys(r#"{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}"#, 0).is_empty());
    }

    #[test]
    fn every_repeat_of_a_key_points_to_the_first_in_small_and_large_objects() {
        for keys in [3, 100] {
            let mut text = "{".to_owned();
            for k in 0..keys {
                text.push_str(&format!("\"k{k}\": {{\"k{k}\": 0}}, "));
            }
            text.push_str("\"k1\": 1, \"x\": [\"\\\\\", {}], \"k1\": \"\\\"\"}");
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "{text}"
            );
            let found = duplicate_keys(&text, 0);
            let first = text.find("\"k1\"").unwrap();
            let offsets: Vec<usize> = text.match_indices("\"k1\": ").map(|m| m.0).collect();
            assert_eq!(
                found,
                offsets[2..]
                    .iter()
                    .map(|&offset| Duplicate {
                        key: "k1".into(),
                        offset,
                        first,
                    })
                    .collect::<Vec<_>>(),
                "{keys} keys"
            );
        }
    }

    #[test]
    fn values_and_their_offsets() {
        let text = r#"{"id": 42, "allow": ["greeting", "sign-off"], "x": null, "t": true}"#;
        let obj: Object = serde_json::from_str(text).unwrap();
        let Some(Value::Str(id)) = value(text, obj["id"]) else {
            panic!()
        };
        assert_eq!((id.value.as_str(), id.offset), ("42", 7));
        let Some(Value::List(allow)) = value(text, obj["allow"]) else {
            panic!()
        };
        assert_eq!(&text[allow[1].offset..][..10], "\"sign-off\"");
        assert!(value(text, obj["x"]).is_none());
        assert!(matches!(value(text, obj["t"]), Some(Value::Bool(true, _))));
        assert_eq!(key_offset(text, "allow", obj["allow"]), Some(11));
    }
}
