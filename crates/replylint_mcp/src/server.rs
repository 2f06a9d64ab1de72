//! The session: the protocol's life cycle (`initialize`, its version
//! negotiation, `notifications/initialized`), `ping`, `tools/list` and
//! `tools/call`, one message at a time, each answered before the next is
//! read.

use crate::config::{Config, Options};
use crate::tools::{self, Features};
use crate::wire::{self, Incoming, Line, code};
use serde_json::{Value, json};
use std::io::{self, BufRead, Write};

/// The protocol versions spoken, newest first: a client asking for
/// another gets the newest.
pub const PROTOCOL_VERSIONS: [&str; 3] = ["2025-06-18", "2025-03-26", "2024-11-05"];

/// The version in which a message may be a JSON-RPC batch (an array of
/// messages): it came in 2025-03-26 and went in 2025-06-18.
const BATCH_VERSION: &str = "2025-03-26";

/// What the server tells the client about using it, for the model.
pub const INSTRUCTIONS: &str = "replylint checks customer-care replies (tweets, \
e-mails, SMS, chat messages) against the team's style rules for the channel they \
are sent on. Before you show or send a reply you drafted, call check_reply with \
its whole text and its channel. If the result has `fixed_text`, continue from it; \
revise the text for the diagnostics that remain (explain_rule tells what a rule \
wants) and call check_reply again, until `clean` is true. count_reply measures a \
reply in every platform's units; list_channels names the channels.";

/// Why a request gets an error rather than a result.
#[derive(Debug)]
struct Failure {
    code: i64,
    message: String,
}

fn failure(code: i64, message: impl Into<String>) -> Failure {
    Failure {
        code,
        message: message.into(),
    }
}

pub struct Server<'a> {
    config: Config,
    log: &'a mut dyn Write,
    /// The version agreed by `initialize`; `None` before it.
    version: Option<&'static str>,
}

/// Serve the protocol: messages from `input`, one a line; answers to
/// `out`; a log to `log`. Returns when the input ends (the client closed
/// it: the protocol's way to end a session over stdio).
pub fn serve(
    mut input: impl BufRead,
    out: &mut dyn Write,
    log: &mut dyn Write,
    options: Options,
) -> io::Result<()> {
    let mut server = Server::new(options, log);
    server.log_start();
    loop {
        let answer = match wire::read_line(&mut input, wire::MAX_MESSAGE)? {
            Line::End => return Ok(()),
            Line::TooLong(length) => Some(wire::error(
                Value::Null,
                code::PARSE_ERROR,
                &format!(
                    "a message of {length} bytes, over the limit of {} (it was skipped)",
                    wire::MAX_MESSAGE
                ),
            )),
            Line::Message(bytes) => server.handle(&bytes),
        };
        if let Some(answer) = answer {
            wire::write(out, &answer)?;
        }
    }
}

impl<'a> Server<'a> {
    pub fn new(options: Options, log: &'a mut dyn Write) -> Self {
        Server {
            config: Config::new(options),
            log,
            version: None,
        }
    }

    fn log(&mut self, message: &str) {
        let _ = writeln!(self.log, "replylint mcp: {message}");
    }

    fn log_start(&mut self) {
        let message = match self.config.file() {
            Some(path) => format!("serving over stdio; configuration: {}", path.display()),
            None => "serving over stdio; no configuration file: built-in settings".to_owned(),
        };
        self.log(&message);
    }

    fn features(&self) -> Features {
        let version = self.version.unwrap_or(PROTOCOL_VERSIONS[2]);
        Features {
            annotations: version >= "2025-03-26",
            structured: version >= "2025-06-18",
        }
    }

    /// The answer to one line of input, if it needs one.
    pub fn handle(&mut self, bytes: &[u8]) -> Option<Value> {
        if bytes.trim_ascii().is_empty() {
            return None;
        }
        let value: Value = match serde_json::from_slice(bytes) {
            Ok(value) => value,
            Err(e) => {
                return Some(wire::error(
                    Value::Null,
                    code::PARSE_ERROR,
                    &format!("not JSON: {e}"),
                ));
            }
        };
        match value {
            Value::Array(batch) => self.batch(batch),
            single => self.message(single, false),
        }
    }

    /// A JSON-RPC batch: its messages' answers in one array, where the
    /// session's version has batches.
    fn batch(&mut self, batch: Vec<Value>) -> Option<Value> {
        if self.version != Some(BATCH_VERSION) {
            let why = match self.version {
                None => "`initialize` comes first, alone; batches are for sessions of protocol version 2025-03-26".to_owned(),
                Some(v) => format!(
                    "batches are part of protocol version {BATCH_VERSION} only; this session speaks {v}"
                ),
            };
            return Some(wire::error(Value::Null, code::INVALID_REQUEST, &why));
        }
        if batch.is_empty() {
            return Some(wire::error(
                Value::Null,
                code::INVALID_REQUEST,
                "an empty batch",
            ));
        }
        let answers: Vec<Value> = batch
            .into_iter()
            .filter_map(|message| self.message(message, true))
            .collect();
        (!answers.is_empty()).then_some(Value::Array(answers))
    }

    /// One message; `in_batch`: part of a batch.
    fn message(&mut self, value: Value, in_batch: bool) -> Option<Value> {
        match wire::classify(value) {
            Incoming::Request { id, method, params } => {
                let answer = if in_batch && method == "initialize" {
                    Err(failure(
                        code::INVALID_REQUEST,
                        "`initialize` cannot be part of a batch",
                    ))
                } else {
                    self.request(&method, params)
                };
                Some(match answer {
                    Ok(result) => wire::result(id, result),
                    Err(Failure { code, message }) => wire::error(id, code, &message),
                })
            }
            Incoming::Notification { method, .. } => {
                self.notification(&method);
                None
            }
            Incoming::Response => None,
            Incoming::Invalid(answer) => Some(answer),
        }
    }

    /// Notifications need no answer: `notifications/initialized` ends the
    /// handshake, `notifications/cancelled` comes after its request was
    /// answered (each is answered before the next message is read), and
    /// the others are about what this server does not do.
    fn notification(&mut self, method: &str) {
        if method == "notifications/initialized" && self.version.is_none() {
            self.log("`notifications/initialized` before `initialize`: ignored");
        }
    }

    fn request(&mut self, method: &str, params: Option<Value>) -> Result<Value, Failure> {
        let known = matches!(method, "initialize" | "ping" | "tools/list" | "tools/call");
        if !known {
            return Err(failure(
                code::METHOD_NOT_FOUND,
                format!("unknown method `{method}`: this server offers tools only"),
            ));
        }
        let params = wire::params_object(params).map_err(|m| failure(code::INVALID_PARAMS, m))?;
        match method {
            "initialize" => self.initialize(&params),
            "ping" => Ok(json!({})),
            _ if self.version.is_none() => Err(failure(
                code::INVALID_REQUEST,
                "the session is not initialized: `initialize` comes first",
            )),
            "tools/list" => {
                if params.get("cursor").is_some_and(|c| !c.is_null()) {
                    return Err(failure(
                        code::INVALID_PARAMS,
                        "invalid cursor: the list of tools has one page",
                    ));
                }
                let features = self.features();
                let tools: Vec<Value> = tools::TOOLS
                    .iter()
                    .map(|t| t.definition(features))
                    .collect();
                Ok(json!({ "tools": tools }))
            }
            _ => self.call(params),
        }
    }

    fn initialize(&mut self, params: &serde_json::Map<String, Value>) -> Result<Value, Failure> {
        if self.version.is_some() {
            return Err(failure(
                code::INVALID_REQUEST,
                "the session is already initialized",
            ));
        }
        let Some(asked) = params.get("protocolVersion").and_then(Value::as_str) else {
            return Err(failure(
                code::INVALID_PARAMS,
                "`initialize` needs `protocolVersion`, a string",
            ));
        };
        let version = PROTOCOL_VERSIONS
            .into_iter()
            .find(|v| *v == asked)
            .unwrap_or(PROTOCOL_VERSIONS[0]);
        self.version = Some(version);
        let client = params
            .get("clientInfo")
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("a client");
        self.log(&format!(
            "{client} asked for protocol version {asked}; speaking {version}"
        ));
        let mut server_info = json!({
            "name": "replylint",
            "version": env!("CARGO_PKG_VERSION"),
        });
        if self.features().structured {
            server_info["title"] = json!("replylint");
        }
        Ok(json!({
            "protocolVersion": version,
            "capabilities": { "tools": { "listChanged": false } },
            "serverInfo": server_info,
            "instructions": INSTRUCTIONS,
        }))
    }

    /// `tools/call`.
    fn call(&mut self, params: serde_json::Map<String, Value>) -> Result<Value, Failure> {
        let Some(name) = params.get("name").and_then(Value::as_str) else {
            return Err(failure(
                code::INVALID_PARAMS,
                "`tools/call` needs `name`, a string",
            ));
        };
        let Some(tool) = tools::by_name(name) else {
            let names: Vec<&str> = tools::TOOLS.iter().map(|t| t.name).collect();
            return Err(failure(
                code::INVALID_PARAMS,
                replylint_core::suggest::unknown("tool", name, names),
            ));
        };
        let args = tool
            .arguments(params.get("arguments").cloned())
            .map_err(|m| failure(code::INVALID_PARAMS, m))?;
        let features = self.features();
        let config = &mut self.config;
        // Release builds abort on a panic; elsewhere a bug is an internal
        // error rather than the end of the session.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tools::call(tool, &args, config)
        }));
        match outcome {
            Ok(outcome) => {
                if outcome.is_error {
                    let first = outcome.text.lines().next().unwrap_or_default().to_owned();
                    self.log(&format!("{name}: {first}"));
                }
                Ok(outcome.result(features))
            }
            Err(_) => Err(failure(
                code::INTERNAL_ERROR,
                format!("internal error in `{name}` (see the server's log)"),
            )),
        }
    }
}
