//! The wire: messages framed by a `Content-Length` header, read on a
//! thread of their own so that the server reads new messages whatever it
//! is doing.
//!
//! What does not make a message is answered here, and reading goes on: a
//! body that is not JSON gets a `ParseError` (id `null`, as JSON-RPC
//! says), JSON that is not a request, notification or response gets an
//! `InvalidRequest` (with its id when it has one), a header that cannot be
//! read gets a `ParseError` and reading resumes at the next header.

use crossbeam_channel::Sender;
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use serde_json::{Value, json};
use std::io::{self, BufRead, Write};

/// Bodies larger than this are refused (and skipped) rather than held in
/// memory: no editor sends a document of a gigabyte.
pub const MAX_BODY: usize = 256 << 20;

/// What the reader passes on.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// An answer the reader wrote for a message it could not read.
    Malformed(Value),
}

/// Read messages from `input` until it ends or fails, and pass them on
/// (or what to answer to the malformed ones).
pub fn read_loop(mut input: impl BufRead, to: &Sender<Incoming>) -> io::Result<()> {
    loop {
        let body = match read_frame(&mut input)? {
            Frame::End => return Ok(()),
            Frame::Malformed(why) => {
                send(
                    to,
                    Incoming::Malformed(error(Value::Null, ErrorCode::ParseError, &why)),
                )?;
                continue;
            }
            Frame::Body(body) => body,
        };
        let incoming = match parse(&body) {
            Ok(message) => Incoming::Message(message),
            Err(answer) => Incoming::Malformed(answer),
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        send(to, incoming)?;
        if exit {
            return Ok(());
        }
    }
}

fn send(to: &Sender<Incoming>, incoming: Incoming) -> io::Result<()> {
    to.send(incoming)
        .map_err(|_| io::Error::other("the server stopped"))
}

enum Frame {
    End,
    Body(Vec<u8>),
    Malformed(String),
}

/// One framed body: headers up to an empty line, then `Content-Length`
/// bytes.
fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            // The end of the input; a header cut short is nothing to answer.
            return Ok(Frame::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !any {
                continue; // blank lines between messages
            }
            break;
        }
        any = true;
        let Some((name, value)) = text.split_once(':') else {
            return Ok(Frame::Malformed(format!("malformed header: {text:?}")));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("malformed Content-Length: {:?}", value.trim())),
            );
        }
    }
    let length = match length {
        None => return Ok(Frame::Malformed("no Content-Length header".to_owned())),
        Some(Err(why)) => return Ok(Frame::Malformed(why)),
        Some(Ok(n)) => n,
    };
    if length > MAX_BODY {
        io::copy(
            &mut io::Read::take(&mut *input, length as u64),
            &mut io::sink(),
        )?;
        return Ok(Frame::Malformed(format!(
            "message of {length} bytes, over the limit of {MAX_BODY}"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Frame::Body(body))
}

/// A JSON-RPC error response.
pub fn error(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
}

/// A body as a message, or the error response to send back.
fn parse(body: &[u8]) -> Result<Message, Value> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        error(
            Value::Null,
            ErrorCode::ParseError,
            &format!("not JSON: {e}"),
        )
    })?;
    let Value::Object(object) = &value else {
        return Err(error(
            Value::Null,
            ErrorCode::InvalidRequest,
            "a message is a JSON object",
        ));
    };
    let id = object.get("id").cloned();
    let invalid = |why: &str| {
        error(
            id.clone().unwrap_or(Value::Null),
            ErrorCode::InvalidRequest,
            why,
        )
    };
    match (object.get("method"), &id) {
        (Some(Value::String(_)), Some(_)) => serde_json::from_value::<Request>(value.clone())
            .map(Message::Request)
            .map_err(|_| invalid("a request's id is an integer or a string")),
        (Some(Value::String(_)), None) => serde_json::from_value::<Notification>(value.clone())
            .map(Message::Notification)
            .map_err(|e| invalid(&format!("malformed notification: {e}"))),
        (Some(_), _) => Err(invalid("`method` is a string")),
        (None, Some(_)) if object.contains_key("result") || object.contains_key("error") => {
            serde_json::from_value::<Response>(value.clone())
                .map(Message::Response)
                .map_err(|e| invalid(&format!("malformed response: {e}")))
        }
        (None, _) => Err(invalid("a request or notification has a `method`")),
    }
}

/// Write one message, framed, and flush it.
pub fn write(out: &mut dyn Write, message: &Value) -> io::Result<()> {
    let text = serde_json::to_string(message)?;
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

/// A message as JSON, with its `jsonrpc` member.
pub fn to_value(message: &Message) -> Value {
    let mut value = serde_json::to_value(message).unwrap_or(Value::Null);
    if let Value::Object(object) = &mut value {
        object.insert("jsonrpc".to_owned(), Value::from("2.0"));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(input: &str) -> Vec<Incoming> {
        let (tx, rx) = crossbeam_channel::unbounded();
        read_loop(io::Cursor::new(input.as_bytes().to_vec()), &tx).unwrap();
        drop(tx);
        rx.into_iter().collect()
    }

    fn error_code(incoming: &Incoming) -> (Value, i64) {
        match incoming {
            Incoming::Malformed(v) => (v["id"].clone(), v["error"]["code"].as_i64().unwrap()),
            Incoming::Message(m) => panic!("a message: {m:?}"),
        }
    }

    #[test]
    fn malformed_messages_are_answered_and_reading_goes_on() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"#),
            frame("[1, 2]"),
            frame(r#"{"jsonrpc":"2.0","id":2.5,"method":"hover"}"#),
            frame(r#"{"jsonrpc":"2.0","id":"x"}"#),
            "Bogus header without colon\r\n\r\n".to_owned(),
            "Content-Length: lots\r\n\r\n".to_owned(),
            frame(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"never read"}"#),
        ]
        .concat();
        let got = read_all(&input);
        assert_eq!(got.len(), 8, "{got:?}");
        assert_eq!(error_code(&got[0]), (Value::Null, -32700));
        assert_eq!(error_code(&got[1]), (Value::Null, -32600));
        assert_eq!(error_code(&got[2]), (json!(2.5), -32600));
        assert_eq!(error_code(&got[3]), (json!("x"), -32600));
        assert_eq!(error_code(&got[4]), (Value::Null, -32700));
        assert_eq!(error_code(&got[5]), (Value::Null, -32700));
        assert!(
            matches!(&got[6], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
        assert!(
            matches!(&got[7], Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
    }

    #[test]
    fn a_body_is_read_whole_whatever_its_characters() {
        let body = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"😀\r\n中"}}"#;
        let got = read_all(&format!("\r\n{}", frame(body)));
        let [Incoming::Message(Message::Notification(n))] = got.as_slice() else {
            panic!("{got:?}");
        };
        assert_eq!(n.params["text"], "😀\r\n中");
    }
}
