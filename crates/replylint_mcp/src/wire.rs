//! The stdio transport of the Model Context Protocol: one JSON-RPC 2.0
//! message per line of UTF-8 (newline-delimited; a message holds no raw
//! line break), requests on standard input, answers on standard output.
//!
//! What is not a message is answered here, and reading goes on: a line
//! that is not JSON (or not UTF-8) gets a parse error, JSON that is not a
//! request, a notification or a response gets an invalid-request error
//! (with the request's id when it has one that can be read), a line
//! longer than [`MAX_MESSAGE`] is skipped and gets a parse error.

use serde_json::{Map, Value, json};
use std::io::{self, BufRead, Write};

/// Lines longer than this are skipped, not held in memory: a reply is a
/// few kilobytes, and no client sends one of 4 MiB.
pub const MAX_MESSAGE: usize = 4 << 20;

/// The error codes of JSON-RPC 2.0.
pub mod code {
    /// Not JSON.
    pub const PARSE_ERROR: i64 = -32700;
    /// JSON that is not a valid request.
    pub const INVALID_REQUEST: i64 = -32600;
    pub const METHOD_NOT_FOUND: i64 = -32601;
    pub const INVALID_PARAMS: i64 = -32602;
    pub const INTERNAL_ERROR: i64 = -32603;
}

/// One line of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The input ended.
    End,
    /// A line, without its line break.
    Message(Vec<u8>),
    /// A line of this many bytes, over the limit: skipped.
    TooLong(usize),
}

/// Read one line of at most `max` bytes; a longer one is read to its end
/// and dropped. The last line needs no line break.
pub fn read_line(input: &mut impl BufRead, max: usize) -> io::Result<Line> {
    let mut line = Vec::new();
    let mut length = 0usize;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(if length > max {
                Line::TooLong(length)
            } else if length == 0 {
                Line::End
            } else {
                Line::Message(line)
            });
        }
        let newline = available.iter().position(|&b| b == b'\n');
        let chunk = &available[..newline.unwrap_or(available.len())];
        length = length.saturating_add(chunk.len());
        if length <= max {
            line.extend_from_slice(chunk);
        } else if !line.is_empty() {
            line = Vec::new();
        }
        let consumed = chunk.len() + usize::from(newline.is_some());
        input.consume(consumed);
        if newline.is_some() {
            return Ok(if length > max {
                Line::TooLong(length)
            } else {
                Line::Message(line)
            });
        }
    }
}

/// A message read.
#[derive(Debug, PartialEq)]
pub enum Incoming {
    Request {
        id: Value,
        method: String,
        params: Option<Value>,
    },
    Notification {
        method: String,
        params: Option<Value>,
    },
    /// An answer to a request of the server's (it sends none).
    Response,
    /// Not a message: the error response to send back.
    Invalid(Value),
}

/// A JSON-RPC error response.
pub fn error(id: Value, code: i64, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
}

/// A JSON-RPC error response with `data`.
pub fn error_with(id: Value, code: i64, message: &str, data: Value) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message, "data": data },
    })
}

/// A JSON-RPC success response.
pub fn result(id: Value, result: Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "result": result })
}

/// Whether a value can be a request's id: a string or an integer (the
/// protocol allows no `null` and no fraction).
fn valid_id(id: &Value) -> bool {
    match id {
        Value::String(_) => true,
        Value::Number(n) => n.is_i64() || n.is_u64(),
        _ => false,
    }
}

/// What one JSON value of the input is.
pub fn classify(value: Value) -> Incoming {
    let Value::Object(mut object) = value else {
        return Incoming::Invalid(error(
            Value::Null,
            code::INVALID_REQUEST,
            "a message is a JSON object",
        ));
    };
    // The id to answer an invalid request with: its own when it is one.
    let id = object.get("id").cloned();
    let answer_id = id.clone().filter(valid_id).unwrap_or(Value::Null);
    let invalid =
        |why: &str| Incoming::Invalid(error(answer_id.clone(), code::INVALID_REQUEST, why));
    if object.get("jsonrpc") != Some(&Value::from("2.0")) {
        return invalid("`jsonrpc` must be \"2.0\"");
    }
    let params = object.remove("params");
    match (object.remove("method"), id) {
        (Some(Value::String(method)), Some(id)) => {
            if valid_id(&id) {
                Incoming::Request { id, method, params }
            } else {
                invalid("a request's id is a string or an integer")
            }
        }
        (Some(Value::String(method)), None) => Incoming::Notification { method, params },
        (Some(_), _) => invalid("`method` must be a string"),
        (None, Some(_)) if object.contains_key("result") || object.contains_key("error") => {
            Incoming::Response
        }
        (None, _) => invalid("a request or notification has a `method`"),
    }
}

/// The parameters of a request as an object: absent or `null` is an empty
/// one; anything else is `Err` (the protocol's parameters are objects).
pub fn params_object(params: Option<Value>) -> Result<Map<String, Value>, String> {
    match params {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err("`params` must be an object".to_owned()),
    }
}

/// Write one message on its own line and flush it. `serde_json` writes
/// the line breaks of strings as `\n`, so the line holds no other.
pub fn write(out: &mut dyn Write, message: &Value) -> io::Result<()> {
    let mut line = serde_json::to_vec(message)?;
    line.push(b'\n');
    out.write_all(&line)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, max: usize) -> Vec<Line> {
        let mut reader = io::BufReader::with_capacity(4, input.as_bytes());
        let mut got = Vec::new();
        loop {
            match read_line(&mut reader, max).unwrap() {
                Line::End => return got,
                line => got.push(line),
            }
        }
    }

    #[test]
    fn lines_are_read_whole_and_long_ones_skipped_to_their_end() {
        assert_eq!(
            lines("abc\n0123456789\n\nxy", 5),
            vec![
                Line::Message(b"abc".to_vec()),
                Line::TooLong(10),
                Line::Message(Vec::new()),
                Line::Message(b"xy".to_vec()),
            ]
        );
        assert_eq!(lines("0123456789", 5), vec![Line::TooLong(10)]);
        assert_eq!(lines("12345\n", 5), vec![Line::Message(b"12345".to_vec())]);
        assert!(lines("", 5).is_empty());
    }

    #[test]
    fn messages_are_classified_and_the_invalid_ones_answered() {
        let request = classify(json!({"jsonrpc": "2.0", "id": 7, "method": "ping"}));
        assert_eq!(
            request,
            Incoming::Request {
                id: json!(7),
                method: "ping".to_owned(),
                params: None
            }
        );
        assert!(matches!(
            classify(json!({"jsonrpc": "2.0", "method": "notifications/initialized"})),
            Incoming::Notification { .. }
        ));
        assert_eq!(
            classify(json!({"jsonrpc": "2.0", "id": 1, "result": {}})),
            Incoming::Response
        );
        let answer = |v: Value| match classify(v) {
            Incoming::Invalid(answer) => (answer["id"].clone(), answer["error"]["code"].clone()),
            other => panic!("{other:?}"),
        };
        assert_eq!(answer(json!([1])), (Value::Null, json!(-32600)));
        assert_eq!(
            answer(json!({"id": 3, "method": "ping"})),
            (json!(3), json!(-32600))
        );
        assert_eq!(
            answer(json!({"jsonrpc": "2.0", "id": 2.5, "method": "ping"})),
            (Value::Null, json!(-32600))
        );
        assert_eq!(
            answer(json!({"jsonrpc": "2.0", "id": null, "method": "ping"})),
            (Value::Null, json!(-32600))
        );
        assert_eq!(
            answer(json!({"jsonrpc": "2.0", "id": "a", "method": 3})),
            (json!("a"), json!(-32600))
        );
        assert_eq!(
            answer(json!({"jsonrpc": "2.0", "id": "a"})),
            (json!("a"), json!(-32600))
        );
    }

    #[test]
    fn a_message_is_written_on_one_line() {
        let mut out = Vec::new();
        write(&mut out, &json!({"text": "a\nb\r\n😀"})).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches('\n').count(), 1, "{text}");
        assert!(text.ends_with('\n'));
    }
}
