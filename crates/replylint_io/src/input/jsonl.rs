//! JSON Lines libraries (`.jsonl`): one reply per line, an object with the
//! library keys.
//!
//! ```text
//! {"id": "late-1", "channel": "twitter", "language": "en", "text": "Hi! Sorry for the wait…"}
//! {"id": "late-2", "channel": "chat", "text": "Ciao {{ticket.requester.first_name}}!\nTi aiuto subito."}
//! ```
//!
//! A line that is not valid JSON, or with a key written twice in one
//! object, is an error for that line; the others are still read. Blank
//! lines are skipped.

use super::json::{self, Object};
use super::library::Errors;
use super::{InputError, Parsed};
use replylint_core::reply::{Reply, Source};
use std::sync::Arc;

/// What a JSON Lines library holds.
pub const EXPECTED: &str = "a JSON Lines reply library: one object with a `text` key per line";

/// The objects met in a file so far, read a part at a time: whether it is
/// a reply library is known at its end.
#[derive(Debug, Default, Clone, Copy)]
pub struct Objects {
    objects: usize,
    with_text: usize,
}

impl Objects {
    /// Objects were met and none has a `text` key: not a reply library.
    pub fn not_library(&self) -> bool {
        self.objects > 0 && self.with_text == 0
    }
}

pub fn read(source: &Arc<Source>) -> Parsed {
    let mut objects = Objects::default();
    let (replies, errors) = read_part(source, 0, 1, &mut objects);
    if objects.not_library() {
        return Parsed::NotLibrary(EXPECTED);
    }
    Parsed::Replies(replies, errors)
}

/// The replies and errors of the lines of `source` from byte `start` (the
/// start of 1-based line `line`) to its end, counting the objects met in
/// `seen`. A file read a part at a time holds each part at its offsets in
/// the file ([`super::stream`]).
pub fn read_part(
    source: &Arc<Source>,
    start: usize,
    line: usize,
    seen: &mut Objects,
) -> (Vec<Reply>, Vec<InputError>) {
    let text = source.text.as_str();
    let mut errors = Errors::in_part(source, start, line);
    let mut replies = Vec::new();
    let mut start = if start == 0 && text.starts_with('\u{feff}') {
        3
    } else {
        start
    };
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[start..end].trim_end_matches('\r');
        let at = start;
        start = end + 1;
        if line.trim().is_empty() {
            continue;
        }
        let object: Object = match serde_json::from_str(line) {
            Ok(o) => o,
            Err(e) => {
                let (offset, message) = if line.trim_start().starts_with('{') {
                    json::error_at(line, at, &e)
                } else {
                    (at, "expected a JSON object with a `text` key".to_owned())
                };
                errors.at(offset, message);
                continue;
            }
        };
        seen.objects += 1;
        seen.with_text += usize::from(object.contains_key("text"));
        // A key written twice: which value was meant is unclear, so the
        // line is not linted.
        let duplicates = json::duplicate_keys(line, at);
        if !duplicates.is_empty() {
            for d in &duplicates {
                let first = errors.position(d.first);
                errors.at(d.offset, json::duplicate_message(d, first));
            }
            continue;
        }
        let entry = json::entry(text, &object, at);
        if let Some(reply) = entry.finish(source, &mut errors, "reply without `text`") {
            replies.push(reply);
        }
    }
    (replies, errors.list)
}
