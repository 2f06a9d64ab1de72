//! The tools: their names, descriptions and schemas (what `tools/list`
//! shows a model), the checking of the arguments a call gives, and the
//! calls themselves.
//!
//! Arguments the input schema does not allow (a missing `text`, a number
//! where a string goes, a value outside an enumeration, an argument the
//! tool does not have) are the protocol's invalid-params error, as the
//! protocol says; values only the configuration can judge (a channel it
//! does not have, a rule it does not know) and a configuration that does
//! not load are the tool's error (`isError`), which a model reads and can
//! correct.

use crate::config::{Config, Overrides};
use replylint_core::lang::Language;
use replylint_core::mode::Mode;
use replylint_io::text as lint;
use serde_json::{Map, Value, json};

/// A tool's argument.
struct Arg {
    name: &'static str,
    /// The values it may take; empty: any string.
    values: &'static [&'static str],
    required: bool,
    description: &'static str,
}

/// A tool as `tools/list` shows it.
pub struct Tool {
    pub name: &'static str,
    pub title: &'static str,
    description: &'static str,
    args: &'static [Arg],
    /// The shape of its structured result.
    output: fn() -> Value,
}

const LANGUAGES: &[&str] = &["en", "it", "es", "fr", "de", "pt"];

const TEXT: Arg = Arg {
    name: "text",
    values: &[],
    required: true,
    description: "The whole reply, exactly as it would be sent: the words \
        themselves, line breaks included. It is checked as text, never \
        opened as a file name or path. It may start with a front matter block (`+++` TOML or `---` YAML) naming \
        channel, language or mode.",
};

/// The tools, in the order `tools/list` gives them.
pub const TOOLS: &[Tool] = &[
    Tool {
        name: "check_reply",
        title: "Check a customer-care reply",
        description: "Check a customer-care reply (a tweet, e-mail, SMS or chat \
            message to a customer) against the team's style rules for the \
            channel it is sent on: length as the platform counts it, greeting \
            and sign-off, placeholders left in, personal data, spelling, \
            tone, links and more. Call it on every reply you draft, before \
            showing or sending it, and again after each revision until \
            `clean` is true. Pass the reply's own words in `text` (never a \
            file name or path) and the `channel` when you know it. Returns \
            each problem with its `rule`, `severity` (error, warning or \
            info), `message`, `help`, the flagged `excerpt` and where it is \
            (`start` and `end`: 1-based line and column; 0-based `offset` in \
            UTF-8 bytes and `offset_utf16` in UTF-16 code units, into \
            `text`), and the `fix` the rule offers, if any (`safe` fixes \
            keep the meaning; `unsafe` ones may not). When safe fixes exist, \
            `fixed_text` is `text` with all of them applied: continue from \
            it and revise the rest yourself. `clean` is true when no error \
            or warning is left; infos are suggestions.",
        args: &[
            TEXT,
            Arg {
                name: "channel",
                values: &[],
                required: false,
                description: "The channel the reply will be sent on: an id or \
                    alias that list_channels gives (built in: twitter, \
                    email, sms, whatsapp, chat, …). Without it, the front \
                    matter or the configuration decides, else `generic`, \
                    which has no length limit.",
            },
            Arg {
                name: "language",
                values: LANGUAGES,
                required: false,
                description: "The language the reply must be written in, as \
                    an ISO 639-1 code. Without it, the front matter or the \
                    configuration decides, else the language is detected.",
            },
            Arg {
                name: "mode",
                values: &["draft", "template"],
                required: false,
                description: "`draft` (the default): a reply about to be \
                    sent, in which any placeholder left ({{name}}, [NAME]) is \
                    an error. `template`: a canned response whose \
                    placeholders are filled in later.",
            },
        ],
        output: check_output,
    },
    Tool {
        name: "count_reply",
        title: "Count a reply in every unit",
        description: "Count a reply in every unit channels limit replies in: \
            characters (grapheme clusters), code points, bytes, UTF-16 \
            units, tweet weight and whether it fits a tweet, SMS encoding \
            (GSM-7 or UCS-2), units and parts, and the characters that force \
            UCS-2; words, sentences and lines; the language (declared or \
            detected), formal or informal register and readability. Use it \
            to see how much room is left before a limit, or why an SMS \
            takes two parts; check_reply already reports a limit exceeded. \
            `text` is the reply's own words, never a path.",
        args: &[
            TEXT,
            Arg {
                name: "language",
                values: LANGUAGES,
                required: false,
                description: "The reply's language, for the register and \
                    readability figures. Without it, the front matter's, \
                    else the detected one.",
            },
        ],
        output: count_output,
    },
    Tool {
        name: "explain_rule",
        title: "Explain a rule",
        description: "Explain one of replylint's rules: what it checks and \
            why, replies that break it and replies that pass, its options \
            and default severity (Markdown). Call it with the `rule` of a \
            check_reply diagnostic when its message and help are not enough \
            to revise the reply.",
        args: &[Arg {
            name: "rule",
            values: &[],
            required: true,
            description: "A rule id, as check_reply gives it (`max-length`, \
                `sign-off`, …), or the id of a rule of the team's \
                configuration.",
        }],
        output: explain_output,
    },
    Tool {
        name: "list_channels",
        title: "List the channels",
        description: "List the channels a reply can be checked for, the \
            built-in ones and the team's: id, aliases, the unit lengths are \
            counted in, the limit, whether replies there are public, and a \
            description. Call it when you do not know which `channel` to \
            give check_reply.",
        args: &[],
        output: channels_output,
    },
];

/// A tool by name.
pub fn by_name(name: &str) -> Option<&'static Tool> {
    TOOLS.iter().find(|t| t.name == name)
}

/// What the protocol version of the session lets a tool definition and
/// a tool result carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features {
    /// `annotations` on tools (2025-03-26 and later).
    pub annotations: bool,
    /// `title`, `outputSchema` and `structuredContent` (2025-06-18).
    pub structured: bool,
}

impl Tool {
    /// The tool as `tools/list` gives it.
    pub fn definition(&self, features: Features) -> Value {
        let mut properties = Map::new();
        for arg in self.args {
            let mut schema = json!({ "type": "string", "description": arg.description });
            if !arg.values.is_empty() {
                schema["enum"] = json!(arg.values);
            }
            properties.insert(arg.name.to_owned(), schema);
        }
        let required: Vec<&str> = self
            .args
            .iter()
            .filter(|a| a.required)
            .map(|a| a.name)
            .collect();
        let mut tool = json!({
            "name": self.name,
            "description": self.description,
            "inputSchema": {
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false,
            },
        });
        if features.annotations {
            tool["annotations"] = json!({
                "title": self.title,
                "readOnlyHint": true,
                "destructiveHint": false,
                "idempotentHint": true,
                "openWorldHint": false,
            });
        }
        if features.structured {
            tool["title"] = json!(self.title);
            tool["outputSchema"] = (self.output)();
        }
        tool
    }

    /// The arguments of a call, checked against the input schema: `Err`
    /// says what is wrong, for an invalid-params error.
    pub fn arguments(&self, arguments: Option<Value>) -> Result<Map<String, Value>, String> {
        let map = match arguments {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(map)) => map,
            Some(_) => return Err(format!("`{}`: `arguments` must be an object", self.name)),
        };
        let names = || {
            self.args
                .iter()
                .map(|a| format!("`{}`", a.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (key, value) in &map {
            let Some(arg) = self.args.iter().find(|a| a.name == key) else {
                let takes = if self.args.is_empty() {
                    "takes no arguments".to_owned()
                } else {
                    format!("takes {}", names())
                };
                let mut message = format!("`{}` has no argument `{key}`: it {takes}", self.name);
                if self.args.iter().any(|a| a.name == "text") {
                    message
                        .push_str("; give the reply's own words in `text` (no file is ever read)");
                }
                return Err(message);
            };
            let Value::String(s) = value else {
                return Err(format!(
                    "`{}`: `{key}` must be a string, not {}",
                    self.name,
                    kind(value)
                ));
            };
            if !arg.values.is_empty() && !arg.values.contains(&s.as_str()) {
                return Err(format!(
                    "`{}`: `{key}` must be one of {}, not {s:?}",
                    self.name,
                    arg.values.join(", ")
                ));
            }
        }
        if let Some(missing) = self
            .args
            .iter()
            .find(|a| a.required && !map.contains_key(a.name))
        {
            return Err(format!(
                "`{}`: the argument `{}` is required",
                self.name, missing.name
            ));
        }
        Ok(map)
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What a call gives: text for the model, the structured result (none on
/// an error), and whether it is the tool's error.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub text: String,
    pub structured: Option<Value>,
    pub is_error: bool,
}

impl Outcome {
    /// A structured result, its text the JSON itself (as the protocol
    /// advises, for clients that read only text).
    fn structured(value: Value) -> Outcome {
        Outcome {
            text: serde_json::to_string(&value).unwrap_or_default(),
            structured: Some(value),
            is_error: false,
        }
    }

    pub fn error(message: impl Into<String>) -> Outcome {
        Outcome {
            text: message.into(),
            structured: None,
            is_error: true,
        }
    }

    /// The `tools/call` result.
    pub fn result(&self, features: Features) -> Value {
        let mut result = json!({
            "content": [{ "type": "text", "text": self.text }],
            "isError": self.is_error,
        });
        if features.structured
            && let Some(structured) = &self.structured
        {
            result["structuredContent"] = structured.clone();
        }
        result
    }
}

/// A configuration that does not load, as a tool's error.
fn config_error(e: &replylint_core::config::ConfigError) -> Outcome {
    Outcome::error(format!(
        "replylint's configuration does not load: {e}\n\
         Until it is fixed nothing is checked; it is read again at every call."
    ))
}

/// The string argument `name`, if given.
fn string<'a>(args: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    args.get(name).and_then(Value::as_str)
}

/// Call a tool with arguments checked by [`Tool::arguments`].
pub fn call(tool: &Tool, args: &Map<String, Value>, config: &mut Config) -> Outcome {
    let text = string(args, "text").unwrap_or_default();
    // The schema's enumeration holds only what these parse.
    let language = string(args, "language").and_then(|l| l.parse::<Language>().ok());
    match tool.name {
        "check_reply" => {
            let base = match config.base() {
                Ok(base) => base,
                Err(e) => return config_error(&e),
            };
            let channel = match string(args, "channel") {
                Some(name) => match base.channel_id(name) {
                    Some(id) => Some(id.to_owned()),
                    None => {
                        return Outcome::error(format!(
                            "{}; list_channels gives every channel",
                            base.unknown_channel(name)
                        ));
                    }
                },
                None => None,
            };
            let mode = match string(args, "mode") {
                Some("template") => Some(Mode::Template),
                Some(_) => Some(Mode::Draft),
                None => None,
            };
            let overrides = Overrides {
                channel,
                language,
                mode,
            };
            let settings = match config.with(&overrides) {
                Ok(settings) => settings,
                Err(e) => return config_error(&e),
            };
            match lint::check(&settings, text) {
                Ok(checked) => match serde_json::to_value(&checked) {
                    Ok(value) => Outcome::structured(value),
                    Err(e) => Outcome::error(e.to_string()),
                },
                Err(message) => Outcome::error(format!("The reply was not checked:\n{message}")),
            }
        }
        "count_reply" => match lint::count(text, language) {
            Ok(value) => Outcome::structured(value),
            Err(message) => Outcome::error(format!("The reply was not counted:\n{message}")),
        },
        "explain_rule" => explain(string(args, "rule").unwrap_or_default(), config),
        "list_channels" => match config.base() {
            Ok(settings) => {
                let channels: Vec<Value> = settings
                    .channels
                    .values()
                    .map(|c| {
                        json!({
                            "id": c.id,
                            "aliases": c.aliases,
                            "unit": c.unit.as_str(),
                            "limit": c.max_length.or(c.max_segments),
                            "public": c.public,
                            "description": c.description,
                        })
                    })
                    .collect();
                Outcome::structured(json!({ "channels": channels }))
            }
            Err(e) => config_error(&e),
        },
        other => Outcome::error(format!("no tool `{other}`")),
    }
}

/// `explain_rule`: a built-in rule's documentation, else a rule of the
/// configuration's (which must load for it).
fn explain(rule: &str, config: &mut Config) -> Outcome {
    let rule = rule.trim();
    let documented = |documentation: String| {
        let value = json!({ "rule": rule, "documentation": documentation });
        Outcome {
            text: documentation,
            structured: Some(value),
            is_error: false,
        }
    };
    if let Some(meta) = replylint_core::rules::by_id(rule) {
        return documented(replylint_core::docs::explain(meta));
    }
    match config.base() {
        Ok(settings) => match settings.user_rules.get(rule) {
            Some(user) => documented(user.explain(settings.config_file.as_deref())),
            None => Outcome::error(replylint_core::suggest::unknown(
                "rule",
                rule,
                settings.rule_ids(),
            )),
        },
        Err(e) => config_error(&e),
    }
}

/// The schema of a place in the text.
fn place_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "line": { "type": "integer", "minimum": 1, "description": "1-based line" },
            "column": { "type": "integer", "minimum": 1, "description": "1-based column, in Unicode scalar values" },
            "column_utf16": { "type": "integer", "minimum": 1, "description": "1-based column, in UTF-16 code units" },
            "offset": { "type": "integer", "minimum": 0, "description": "0-based offset into the text, in UTF-8 bytes" },
            "offset_utf16": { "type": "integer", "minimum": 0, "description": "0-based offset into the text, in UTF-16 code units" },
        },
        "required": ["line", "column", "column_utf16", "offset", "offset_utf16"],
    })
}

fn check_output() -> Value {
    let fix = json!({
        "type": "object",
        "properties": {
            "applicability": { "enum": ["safe", "unsafe"] },
            "edits": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "start": place_schema(),
                        "end": place_schema(),
                        "replacement": { "type": "string" },
                    },
                    "required": ["start", "end", "replacement"],
                },
            },
        },
        "required": ["applicability", "edits"],
    });
    let diagnostic = json!({
        "type": "object",
        "properties": {
            "rule": { "type": "string", "description": "The rule's id, for explain_rule" },
            "severity": { "enum": ["error", "warning", "info"] },
            "message": { "type": "string" },
            "help": { "type": ["string", "null"], "description": "How to fix it" },
            "part": {
                "enum": ["subject", "header", "footer"],
                "description": "The part of the reply it is about, when not the body",
            },
            "excerpt": {
                "type": "string",
                "description": "The text flagged (cut after 120 characters, with …)",
            },
            "start": place_schema(),
            "end": place_schema(),
            "fix": { "anyOf": [{ "type": "null" }, fix] },
        },
        "required": ["rule", "severity", "message", "help", "excerpt", "start", "end", "fix"],
    });
    json!({
        "type": "object",
        "properties": {
            "clean": { "type": "boolean", "description": "No error and no warning" },
            "channel": { "type": "string", "description": "The channel it was checked for" },
            "language": {
                "anyOf": [{ "type": "null" }, { "enum": LANGUAGES }],
                "description": "The language it must be in, when one was given",
            },
            "mode": { "enum": ["draft", "template"] },
            "errors": { "type": "integer", "minimum": 0 },
            "warnings": { "type": "integer", "minimum": 0 },
            "infos": { "type": "integer", "minimum": 0 },
            "diagnostics": { "type": "array", "items": diagnostic },
            "input_errors": {
                "type": "array",
                "description": "Mistakes in the reply's front matter or suppression comments",
                "items": {
                    "type": "object",
                    "properties": {
                        "line": { "type": ["integer", "null"] },
                        "column": { "type": ["integer", "null"] },
                        "message": { "type": "string" },
                    },
                    "required": ["line", "column", "message"],
                },
            },
            "fixed_text": {
                "type": "string",
                "description": "The text with every safe fix applied (only when there is one)",
            },
            "fixes_applied": { "type": "integer", "minimum": 1 },
            "fix_notes": { "type": "array", "items": { "type": "string" } },
        },
        "required": [
            "clean", "channel", "language", "mode", "errors", "warnings", "infos",
            "diagnostics", "input_errors",
        ],
    })
}

fn count_output() -> Value {
    let count = || json!({ "type": "integer", "minimum": 0 });
    json!({
        "type": "object",
        "properties": {
            "characters": { "type": "integer", "minimum": 0, "description": "Grapheme clusters" },
            "code_points": count(),
            "bytes": { "type": "integer", "minimum": 0, "description": "UTF-8 bytes" },
            "utf16_units": count(),
            "tweet_weight": count(),
            "tweet_valid": { "type": "boolean" },
            "sms_encoding": { "enum": ["gsm7", "ucs2"] },
            "sms_units": count(),
            "sms_parts": count(),
            "sms_non_gsm": { "type": "array", "items": { "type": "object" } },
            "words": count(),
            "sentences": count(),
            "lines": count(),
            "language": { "type": ["object", "null"] },
            "register": { "type": ["object", "null"] },
            "readability": { "type": ["object", "null"] },
        },
        "required": [
            "characters", "code_points", "bytes", "utf16_units", "tweet_weight",
            "tweet_valid", "sms_encoding", "sms_units", "sms_parts", "words",
            "sentences", "lines",
        ],
    })
}

fn explain_output() -> Value {
    json!({
        "type": "object",
        "properties": {
            "rule": { "type": "string" },
            "documentation": { "type": "string", "description": "Markdown" },
        },
        "required": ["rule", "documentation"],
    })
}

fn channels_output() -> Value {
    json!({
        "type": "object",
        "properties": {
            "channels": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": { "type": "string" },
                        "aliases": { "type": "array", "items": { "type": "string" } },
                        "unit": {
                            "type": "string",
                            "description": "What `limit` counts: graphemes, bytes, utf16, tweet-weight or sms-parts",
                        },
                        "limit": { "type": ["integer", "null"] },
                        "public": { "type": "boolean" },
                        "description": { "type": "string" },
                    },
                    "required": ["id", "aliases", "unit", "limit", "public", "description"],
                },
            },
        },
        "required": ["channels"],
    })
}
