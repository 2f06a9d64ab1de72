//! The server's log: one JSON object a line on stderr, for each request
//! (`method`, `path`, `status`, `bytes`, `duration_us`) and for what
//! happens to the server (`event`: `listening`, `config-loaded`,
//! `config-error`, `stopped`). A request's query string and body are
//! never logged: they hold the customer's text.

use serde_json::{Map, Value};
use std::io::Write;

/// Where log lines go.
#[derive(Debug, Clone, Copy, Default)]
pub struct Log;

/// The longest path logged, in bytes: a longer one is cut.
const MAX_PATH: usize = 200;

impl Log {
    /// Write one line, whole (a line is one write on the locked stderr, so
    /// that lines of concurrent requests never interleave).
    fn line(&self, object: Map<String, Value>) {
        let mut line = Value::Object(object).to_string();
        line.push('\n');
        // A log that cannot be written is not a reason to fail a request.
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }

    /// A server event with its fields.
    pub fn event(&self, event: &str, fields: &[(&str, Value)]) {
        let mut object = Map::new();
        object.insert("event".into(), event.into());
        for (k, v) in fields {
            object.insert((*k).into(), v.clone());
        }
        self.line(object);
    }

    /// One request answered.
    pub fn access(&self, method: &str, path: &str, status: u16, bytes: Option<u64>, micros: u64) {
        let mut path = path;
        if path.len() > MAX_PATH {
            let mut end = MAX_PATH;
            while !path.is_char_boundary(end) {
                end -= 1;
            }
            path = &path[..end];
        }
        let mut object = Map::new();
        object.insert("method".into(), method.into());
        object.insert("path".into(), path.into());
        object.insert("status".into(), status.into());
        object.insert("bytes".into(), bytes.into());
        object.insert("duration_us".into(), micros.into());
        self.line(object);
    }
}
