//! replylint for JavaScript: the core library compiled to WebAssembly with
//! `wasm-bindgen`, what the playground (`playground/`) runs in the
//! browser. No file, network or clock: the text, the options and a
//! pasted `replylint.toml` are all it reads.
//!
//! ```js
//! import init, { check, count, channels, rules, explain } from "./replylint_wasm.js";
//! await init();
//! check("Ciao, l’ordine è partito.", { channel: "sms", lang: "it", mode: "draft", config: "…" });
//! // → { channel, language, mode, diagnostics: [{ rule, severity, message, help,
//! //      start: { line, column, column_utf16, offset, utf16 }, end, fix }], errors }
//! count("…", "it");  // the `replylint count --format json` table
//! ```
//!
//! Options are a plain object (`channel`, `lang`, `mode`, `config`,
//! `today`), answers plain objects: both cross the boundary as JSON text
//! (`JSON.stringify` / `JSON.parse`), which `serde_json` (already in the
//! core) reads and writes: no second serializer in the module. A mistake
//! (an unknown channel, a config that does not parse) is thrown as an
//! `Error` whose message says where (`replylint.toml:5:1: unknown key …`).
//!
//! Positions are those of the CLI's JSON output plus `utf16`, the offset
//! from the start of the text in UTF-16 code units, as JavaScript indexes
//! a string.

pub mod api;

use wasm_bindgen::prelude::*;

/// Options from JavaScript: `undefined`, `null` or an object.
fn options(value: &JsValue) -> Result<api::Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(api::Options::default());
    }
    let json = js_sys::JSON::stringify(value)
        .map_err(|_| JsError::new("options: not serialisable to JSON"))?;
    api::Options::from_json(&String::from(json)).map_err(|e| JsError::new(&e))
}

/// A serialisable answer as a plain JavaScript value.
fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("answer: not valid JSON"))
}

/// Check `text` as one draft: `options` is `{ channel, lang, mode, config,
/// today }`, every key optional.
#[wasm_bindgen]
pub fn check(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options = self::options(&options)?;
    to_js(&api::check(text, &options).map_err(|e| JsError::new(&e))?)
}

/// The counts of `text`, in language `lang` if given.
#[wasm_bindgen]
pub fn count(text: &str, lang: Option<String>) -> Result<JsValue, JsError> {
    to_js(&api::count(text, lang.as_deref()).map_err(|e| JsError::new(&e))?)
}

/// The channels (those of `options.config` too).
#[wasm_bindgen]
pub fn channels(options: JsValue) -> Result<JsValue, JsError> {
    let options = self::options(&options)?;
    to_js(&api::channels(&options).map_err(|e| JsError::new(&e))?)
}

/// The languages: `[{ code, name }]`.
#[wasm_bindgen]
pub fn languages() -> Result<JsValue, JsError> {
    to_js(&api::languages())
}

/// The rules (those of `options.config` too).
#[wasm_bindgen]
pub fn rules(options: JsValue) -> Result<JsValue, JsError> {
    let options = self::options(&options)?;
    to_js(&api::rules(&options).map_err(|e| JsError::new(&e))?)
}

/// A rule's documentation in Markdown.
#[wasm_bindgen]
pub fn explain(id: &str, options: JsValue) -> Result<String, JsError> {
    let options = self::options(&options)?;
    api::explain(id, &options).map_err(|e| JsError::new(&e))
}

/// The version of replylint this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
