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

use super::Parsed;
use super::json::{self, Object};
use super::library::Errors;
use replylint_core::reply::Source;
use std::sync::Arc;

/// What a JSON Lines library holds.
pub const EXPECTED: &str = "a JSON Lines reply library: one object with a `text` key per line";

pub fn read(source: &Arc<Source>) -> Parsed {
    let text = source.text.as_str();
    let mut errors = Errors::new(source);
    let mut replies = Vec::new();
    let mut objects = 0;
    let mut with_text = 0;
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
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
        objects += 1;
        with_text += usize::from(object.contains_key("text"));
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
    if objects > 0 && with_text == 0 {
        return Parsed::NotLibrary(EXPECTED);
    }
    Parsed::Replies(replies, errors.list)
}
