//! A small Model Context Protocol client for the tests of `replylint
//! mcp`: it runs the real binary and writes JSON-RPC messages to it one a
//! line, as an assistant does over stdio. Every wait has a deadline, so a
//! server that does not answer fails the test instead of hanging it.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any answer may take (debug builds, a loaded machine).
pub const DEADLINE: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    next_id: i64,
}

impl Client {
    /// Start `replylint mcp ARGS` in `dir`, without initializing it.
    pub fn spawn(dir: &Path, args: &[&str]) -> Client {
        let mut child = command(dir, args)
            .stderr(Stdio::null())
            .spawn()
            .expect("replylint mcp starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            lines: rx,
            next_id: 0,
        }
    }

    /// Start a server in `dir` and go through the handshake asking for
    /// protocol `version`; the `initialize` result.
    pub fn start(dir: &Path, version: &str) -> (Client, Value) {
        Client::start_with(dir, &[], version)
    }

    /// [`Client::start`] with arguments for `replylint mcp`.
    pub fn start_with(dir: &Path, args: &[&str], version: &str) -> (Client, Value) {
        let mut client = Client::spawn(dir, args);
        let result = client.ok(
            "initialize",
            json!({
                "protocolVersion": version,
                "capabilities": {},
                "clientInfo": { "name": "replylint-tests", "version": "1" },
            }),
        );
        client.notify("notifications/initialized", json!({}));
        (client, result)
    }

    /// Write bytes as they are.
    pub fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush");
    }

    /// Write one message on a line.
    pub fn send(&mut self, message: &Value) {
        let mut line = serde_json::to_vec(message).unwrap();
        line.push(b'\n');
        self.raw(&line);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next line the server writes, as it is.
    pub fn next_line(&mut self) -> String {
        match self.lines.recv_timeout(DEADLINE) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => panic!("no answer from the server in {DEADLINE:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// The next message the server writes.
    pub fn next(&mut self) -> Value {
        let line = self.next_line();
        assert!(line.ends_with('\n'), "a message ends its line: {line:?}");
        assert_eq!(line.matches('\n').count(), 1, "one message, one line");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    }

    /// Send a request and return the whole response (result or error).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let response = self.next();
        assert_eq!(response["id"], id, "answers come in order: {response}");
        assert_eq!(response["jsonrpc"], "2.0");
        response
    }

    /// Send a request and return its result (the test fails on an error).
    pub fn ok(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The error code and message of a request that must fail.
    pub fn fails(&mut self, method: &str, params: Value) -> (i64, String) {
        let response = self.request(method, params);
        assert!(response.get("result").is_none(), "{method}: {response}");
        (
            response["error"]["code"].as_i64().expect("a code"),
            response["error"]["message"]
                .as_str()
                .expect("a message")
                .to_owned(),
        )
    }

    /// `tools/call` of `tool` with `arguments`: the result.
    pub fn call(&mut self, tool: &str, arguments: Value) -> Value {
        self.ok(
            "tools/call",
            json!({ "name": tool, "arguments": arguments }),
        )
    }

    /// Close the server's input (the protocol's end of a session over
    /// stdio) and wait for it to exit; its exit code and what it wrote
    /// after the answers read so far.
    pub fn close(mut self) -> (Option<i32>, String) {
        drop(self.stdin.take());
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                let rest: String = self.lines.try_iter().collect();
                return (status.code(), rest);
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

/// Run `replylint mcp ARGS` in `dir` on the whole `input` and return
/// every line it wrote, and its standard error.
pub fn session(dir: &Path, args: &[&str], input: &[u8]) -> (Vec<Value>, String) {
    let mut child = command(dir, args)
        .stderr(Stdio::piped())
        .spawn()
        .expect("replylint mcp starts");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    writer.join().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "exit status; stderr:\n{stderr}");
    let messages = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (messages, stderr)
}

/// `replylint mcp ARGS` in `dir`, its standard input and output piped.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("replylint"));
    command
        .arg("mcp")
        .args(args)
        .current_dir(dir)
        // Spelling dictionaries: only those a test's config names.
        .env(replylint_io::dictionaries::PATH_VARIABLE, "")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    command
}
