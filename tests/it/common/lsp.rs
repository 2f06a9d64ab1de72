//! A small Language Server Protocol client for the tests of `replylint
//! server`: it runs the real binary and speaks JSON-RPC to it over its
//! stdin and stdout, as an editor does. Every wait has a deadline, so a
//! server that does not answer fails the test instead of hanging it.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any answer may take (the tests run on debug builds, on a
/// loaded machine).
pub const DEADLINE: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Notifications (and answers) read while waiting for something else.
    pub seen: Vec<Value>,
    next_id: i64,
}

/// The `file:` URI of a path (the tests' paths need no escaping).
pub fn uri(path: &Path) -> String {
    let text = path.to_str().expect("a UTF-8 path");
    assert!(
        text.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-._".contains(&b)),
        "{text}"
    );
    format!("file://{text}")
}

impl Client {
    /// Start `replylint server` in `dir`, without initializing it.
    pub fn spawn(dir: &Path) -> Client {
        let bin = assert_cmd::cargo::cargo_bin("replylint");
        let mut child = Command::new(bin)
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("replylint server starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            messages: rx,
            seen: Vec::new(),
            next_id: 0,
        }
    }

    /// Start and initialize a server for the workspace folder `root`;
    /// `encodings`: the position encodings the client offers.
    pub fn start(root: &Path, encodings: &[&str]) -> (Client, Value) {
        let mut client = Client::spawn(root);
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{ "uri": uri(root), "name": "root" }],
                "capabilities": {
                    "general": { "positionEncodings": encodings },
                    "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": false } },
                },
            }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request and return its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The next message the server writes.
    pub fn next(&mut self) -> Value {
        match self.messages.recv_timeout(DEADLINE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in {DEADLINE:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Wait for the first message (seen before or new) that `wanted`
    /// accepts.
    pub fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&wanted) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + DEADLINE;
        while Instant::now() < deadline {
            let message = self.next();
            if wanted(&message) {
                return message;
            }
            self.seen.push(message);
        }
        panic!("the server did not send what was expected in {DEADLINE:?}");
    }

    /// The whole response (result or error) to request `id`.
    pub fn response(&mut self, id: &Value) -> Value {
        let id = id.clone();
        self.wait_for(move |m| m.get("method").is_none() && m["id"] == id)
    }

    /// Send a request and return its result (the test fails on an error).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.response(&json!(id));
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The diagnostics published for `uri` (at `version`, if given).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let uri = uri.to_owned();
        let message = self.wait_for(move |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": language, "version": version, "text": text,
            }}),
        );
    }

    /// `didChange` to `version`: `text` in place of `range` ([start line,
    /// start character, end line, end character]), or the whole text.
    pub fn change(&mut self, uri: &str, version: i64, range: Option<[u64; 4]>, text: &str) {
        let change = match range {
            Some([l1, c1, l2, c2]) => json!({
                "range": { "start": { "line": l1, "character": c1 },
                           "end": { "line": l2, "character": c2 } },
                "text": text,
            }),
            None => json!({ "text": text }),
        };
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [change],
            }),
        );
    }

    /// `shutdown`, then `exit`; the exit code.
    pub fn shutdown(mut self) -> Option<i32> {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Close the server's input and wait for it to end; its exit code.
    pub fn wait(&mut self) -> Option<i32> {
        drop(self.stdin.take());
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message, or `None` at the end of the output.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `[start line, start character, end line, end character]` of a
/// diagnostic or edit.
pub fn range(v: &Value) -> [u64; 4] {
    let r = &v["range"];
    [
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    ]
}

/// The diagnostics of one rule.
pub fn of_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == rule).collect()
}

/// `text` with LSP text edits applied (UTF-16 or UTF-8 positions).
pub fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let offset = |p: &Value| {
        let (line, character) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let mut start = 0;
        for _ in 0..line {
            start += text[start..]
                .find('\n')
                .map_or(text.len() - start, |i| i + 1);
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character || c == '\n' || c == '\r' {
                return start + i;
            }
            units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    };
    let mut located: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    located.sort();
    let mut out = text.to_owned();
    for (start, end, new) in located.into_iter().rev() {
        out.replace_range(start..end, new);
    }
    out
}
