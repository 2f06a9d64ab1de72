//! `.json` files: helpdesk exports recognised by their shape, and JSON
//! arrays of library replies.
//!
//! | shape | source | body |
//! |---|---|---|
//! | `{"macros": [...]}`, `{"macro": {...}}` | Zendesk macros | the `comment_value_html` (HTML) or `comment_value` action; `subject` action |
//! | `[{"title", "content_html"}]`, `{"canned_responses": [...]}` | Freshdesk canned responses | `content_html` (HTML), else `content` |
//! | `{"type": "list", "data": [{"type": "macro", ...}]}` | Intercom macros | `body_text`, else `body` (HTML) |
//! | `{"data": [{"actions": [...]}]}` | Gorgias macros | `actions[].arguments.body_text`, else `body_html` |
//! | `[{"text": ...}]` | a library | `text`, with the TOML library's keys |
//!
//! A single macro or response (not wrapped in a list) is read too. The
//! title is the reply's title, the export's id its id. Exports hold
//! templates, so their mode defaults to `template`, and their placeholder
//! dialect to the helpdesk's (`zendesk`, `freshdesk`, `intercom`,
//! `gorgias`); front matter, the command line and the configuration still
//! win. HTML becomes text (see
//! [`super::html`]) and entities are decoded in plain text bodies, with
//! every character mapped back to the file, through both the JSON escapes
//! and the HTML.
//!
//! A macro that posts no reply (it only sets fields or tags) is not a
//! reply and is skipped.
//!
//! A key written twice in one object is an error at the second one: a
//! macro or reply holding one is not linted (which value the helpdesk
//! uses is unclear), and one outside them (a second `"macros"` list) is
//! reported while the replies read are linted.

use super::html;
use super::json::{self, Object, offset_of};
use super::library::{Entry, Errors};
use super::{InputError, Parsed};
use replylint_core::lang::Language;
use replylint_core::mode::Mode;
use replylint_core::reply::{BodyBuilder, Field, Located, Source};
use replylint_core::text::dialect::Dialect;
use serde_json::value::RawValue;
use std::sync::Arc;

/// What a `.json` file is expected to hold.
pub const EXPECTED: &str = "a helpdesk export (Zendesk, Freshdesk, Intercom or Gorgias macros) or a JSON array of replies with a `text` key";

/// Keys whose presence in a file that is not valid JSON suggests a broken
/// export rather than some other tool's file.
const EXPORT_KEYS: &[&str] = &[
    "\"macros\"",
    "\"macro\"",
    "\"comment_value",
    "\"content_html\"",
    "\"canned_responses\"",
    "\"body_text\"",
    "\"text\"",
];

/// How a body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    Html,
    /// Plain text, where entities are still decoded.
    Plain,
}

/// Read a `.json` file. A file that is not valid JSON is an error when it
/// was named on the command line or looks like an export, and not a
/// library otherwise (a `tsconfig.json` with comments).
pub fn read(source: &Arc<Source>, explicit: bool) -> Parsed {
    match open(source, explicit) {
        Ok(mut macros) => {
            let mut replies = Vec::new();
            let mut errors = macros.read(0..macros.count(), &mut replies);
            errors.extend(macros.finish());
            Parsed::Replies(replies, errors)
        }
        Err(parsed) => parsed,
    }
}

/// Find the macros of a `.json` file (see [`read`]), to be read a slice
/// at a time: what the file holds when it is not an export or a library
/// (or not JSON).
pub fn open(source: &Arc<Source>, explicit: bool) -> Result<Macros, Parsed> {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let data = &text[bom..];
    let root: &RawValue = match serde_json::from_str(data) {
        Ok(r) => r,
        Err(e) => {
            if !explicit && !EXPORT_KEYS.iter().any(|k| data.contains(k)) {
                return Err(Parsed::NotLibrary(EXPECTED));
            }
            let mut errors = Errors::new(source);
            let (offset, message) = json::error_at(data, bom, &e);
            errors.at(offset, message);
            return Err(Parsed::Replies(Vec::new(), errors.list));
        }
    };
    let mut items = Vec::new();
    let recognised = match (json::object(root), json::array(root)) {
        (Some(object), _) => object_items(&object, span_of(text, root), text, &mut items),
        (_, Some(list)) => array_items(&list, text, &mut items),
        _ => false,
    };
    if !recognised {
        return Err(Parsed::NotLibrary(EXPECTED));
    }
    Ok(Macros {
        source: Arc::clone(source),
        items,
        duplicates: json::duplicate_keys(data, bom),
        errors: Errors::new(source),
    })
}

/// The macros (responses, replies) of an export, found and not read yet.
pub struct Macros {
    source: Arc<Source>,
    items: Vec<Item>,
    /// Keys written twice, not reported yet.
    duplicates: Vec<json::Duplicate>,
    errors: Errors,
}

/// One item of an export, where it is written.
enum Item {
    /// A list's item, expected to be a macro of this kind.
    Listed(std::ops::Range<usize>, Kind),
    /// A macro of this kind.
    Macro(std::ops::Range<usize>, Kind),
    /// An item of a top-level array that is no reply: its offset.
    NotReply(usize),
}

impl Macros {
    /// How many items the export has (not all of them need be replies: a
    /// macro may only set fields).
    pub fn count(&self) -> usize {
        self.items.len()
    }

    /// Read items `range` into `replies`; the errors met.
    pub fn read(
        &mut self,
        range: std::ops::Range<usize>,
        replies: &mut Vec<replylint_core::reply::Reply>,
    ) -> Vec<InputError> {
        let mut reader = Reader {
            text: &self.source.text,
            source: &self.source,
            errors: &mut self.errors,
            replies,
            duplicates: &mut self.duplicates,
        };
        for item in &self.items[range] {
            match item {
                Item::Listed(span, kind) | Item::Macro(span, kind) => {
                    // The same bytes parsed again: a value of the file.
                    let Ok(raw) = serde_json::from_str::<&RawValue>(&reader.text[span.clone()])
                    else {
                        continue;
                    };
                    match item {
                        Item::Listed(..) => reader.item(raw, *kind),
                        _ => match json::object(raw) {
                            Some(object) => reader.macro_object(&object, span.clone(), *kind),
                            None => continue,
                        },
                    }
                }
                Item::NotReply(at) => reader
                    .errors
                    .at(*at, format!("not a reply: expected {EXPECTED}")),
            }
        }
        std::mem::take(&mut self.errors.list)
    }

    /// The errors left once every item is read: keys written twice
    /// outside every macro (in the wrapper).
    pub fn finish(&mut self) -> Vec<InputError> {
        let all = 0..self.source.text.len();
        report_duplicates(&mut self.duplicates, &mut self.errors, all);
        std::mem::take(&mut self.errors.list)
    }
}

/// The items of a top-level object written at `span` (a list wrapper or
/// a single macro) into `items`; whether the shape was recognised.
fn object_items(
    object: &Object<'_>,
    span: std::ops::Range<usize>,
    text: &str,
    items: &mut Vec<Item>,
) -> bool {
    let listed = |list: Vec<&RawValue>, kind: Kind, items: &mut Vec<Item>| {
        items.extend(
            list.into_iter()
                .map(|r| Item::Listed(span_of(text, r), kind)),
        );
    };
    if let Some(list) = object.get("macros").and_then(|r| json::array(r)) {
        listed(list, Kind::Zendesk, items);
        return true;
    }
    if let Some(item) = object.get("macro").filter(|r| json::object(r).is_some()) {
        items.push(Item::Listed(span_of(text, item), Kind::Zendesk));
        return true;
    }
    if let Some(list) = object.get("canned_responses").and_then(|r| json::array(r)) {
        listed(list, Kind::Freshdesk, items);
        return true;
    }
    if let Some(list) = object.get("data").and_then(|r| json::array(r)) {
        let kinds: Vec<Option<Kind>> = list
            .iter()
            .map(|item| json::object(item).and_then(|o| Kind::of(&o)))
            .collect();
        if kinds.iter().any(Option::is_some) {
            for (item, kind) in list.iter().zip(kinds) {
                if let Some(kind) = kind {
                    items.push(Item::Listed(span_of(text, item), kind));
                }
            }
            return true;
        }
        // `{"type": "list", "data": []}`: an empty Intercom export.
        return list.is_empty()
            && object.get("type").and_then(|t| json::string(t)).as_deref() == Some("list");
    }
    match Kind::of(object) {
        Some(kind) => {
            items.push(Item::Macro(span, kind));
            true
        }
        None => false,
    }
}

/// The items of a top-level array (library replies or exported
/// responses) into `items`; whether the shape was recognised.
fn array_items(list: &[&RawValue], text: &str, items: &mut Vec<Item>) -> bool {
    let kinds: Vec<Option<Kind>> = list
        .iter()
        .map(|r| json::object(r).as_ref().and_then(Kind::of))
        .collect();
    if kinds.iter().all(Option::is_none) {
        return false;
    }
    for (raw, kind) in list.iter().zip(kinds) {
        let span = span_of(text, raw);
        items.push(match kind {
            Some(kind) => Item::Macro(span, kind),
            None => Item::NotReply(span.start),
        });
    }
    true
}

struct Reader<'a> {
    text: &'a str,
    source: &'a Arc<Source>,
    errors: &'a mut Errors,
    replies: &'a mut Vec<replylint_core::reply::Reply>,
    /// Keys written twice, not reported yet.
    duplicates: &'a mut Vec<json::Duplicate>,
}

/// Report the keys of `duplicates` written twice in `span` (and take them
/// out); whether there were any.
fn report_duplicates(
    duplicates: &mut Vec<json::Duplicate>,
    errors: &mut Errors,
    span: std::ops::Range<usize>,
) -> bool {
    let (inside, outside): (Vec<_>, Vec<_>) = std::mem::take(duplicates)
        .into_iter()
        .partition(|d| span.contains(&d.offset));
    *duplicates = outside;
    for d in &inside {
        let first = errors.position(d.first);
        errors.at(d.offset, json::duplicate_message(d, first));
    }
    !inside.is_empty()
}

/// Where `raw` is written in `text`.
fn span_of(text: &str, raw: &RawValue) -> std::ops::Range<usize> {
    let at = offset_of(text, raw);
    at..at + raw.get().len()
}

impl Reader<'_> {
    fn item(&mut self, raw: &RawValue, kind: Kind) {
        let span = span_of(self.text, raw);
        match json::object(raw) {
            Some(object) => self.macro_object(&object, span, kind),
            None => self.errors.at(
                span.start,
                format!("expected a macro object, found {}", json::kind(raw)),
            ),
        }
    }

    /// One macro, response or library reply written at `span`.
    fn macro_object(&mut self, object: &Object<'_>, span: std::ops::Range<usize>, kind: Kind) {
        let at = span.start;
        if report_duplicates(self.duplicates, self.errors, span) {
            return;
        }
        if kind == Kind::Library {
            let entry = json::entry(self.text, object, at);
            if let Some(reply) = entry.finish(self.source, self.errors, "reply without `text`") {
                self.replies.push(reply);
            }
            return;
        }
        let mut entry = Entry::new(at);
        entry.meta.default_mode = Some(Mode::Template);
        entry.meta.default_dialect = kind.dialect();
        entry.meta.id = object.get("id").and_then(|r| scalar(r));
        let title = match kind {
            Kind::Intercom | Kind::Gorgias => "name",
            _ => "title",
        };
        entry.meta.title = object.get(title).and_then(|r| json::string(r));
        // Gorgias macros carry an ISO 639-1 language; one replylint does
        // not know is left to detection rather than made an error.
        if let Some(lang) = object.get("language")
            && let Some(code) = json::string(lang).filter(|c| c.parse::<Language>().is_ok())
        {
            entry.meta.language = Some(Located {
                value: code,
                offset: offset_of(self.text, lang),
            });
        }
        let body = match kind {
            Kind::Zendesk => self.zendesk(object, &mut entry),
            Kind::Freshdesk => first(
                object,
                &[("content_html", Markup::Html), ("content", Markup::Plain)],
            ),
            Kind::Intercom => first(
                object,
                &[("body_text", Markup::Plain), ("body", Markup::Html)],
            ),
            Kind::Gorgias => gorgias(object),
            Kind::Library => None,
        };
        let Some((raw, markup)) = body else {
            // Sets fields, tags or a status only: not a reply.
            return;
        };
        if !json::is_string(raw) {
            let at = offset_of(self.text, raw);
            entry.problem(
                at,
                format!("the reply's body must be a string, not {}", json::kind(raw)),
            );
        } else {
            entry.text = Some(self.body(raw, markup));
        }
        if let Some(reply) = entry.finish(self.source, self.errors, "macro without a reply") {
            self.replies.push(reply);
        }
    }

    /// A Zendesk macro's comment action (and its subject into `entry`).
    fn zendesk<'a>(
        &self,
        object: &Object<'a>,
        entry: &mut Entry,
    ) -> Option<(&'a RawValue, Markup)> {
        let actions = object.get("actions").and_then(|r| json::array(r))?;
        let mut body = None;
        for action in actions {
            let Some(action) = json::object(action) else {
                continue;
            };
            let field = action.get("field").and_then(|r| json::string(r));
            let Some(value) = action.get("value").copied() else {
                continue;
            };
            // A comment's value is its text, or `["channel:all", text]`.
            let value = match json::array(value) {
                Some(list) => match list.last() {
                    Some(v) => *v,
                    None => continue,
                },
                None => value,
            };
            match field.as_deref() {
                Some("comment_value_html") => body = Some((value, Markup::Html)),
                Some("comment_value") if body.is_none() => body = Some((value, Markup::Plain)),
                Some("subject") => {
                    let at = offset_of(&self.source.text, value);
                    entry.meta.subject = json::string(value).map(|_| {
                        let (text, offsets) = json::string_body(value.get(), at);
                        Field { text, offsets }
                    });
                }
                _ => {}
            }
        }
        body
    }

    /// Decode a body: the JSON string, then its HTML or entities.
    fn body(&self, raw: &RawValue, markup: Markup) -> (String, replylint_core::reply::OffsetMap) {
        let at = offset_of(self.text, raw);
        let (decoded, map) = json::string_body(raw.get(), at);
        if markup == Markup::Plain && !decoded.contains('&') {
            return (decoded, map);
        }
        let mut out = BodyBuilder::new(map.source_start(0));
        match markup {
            Markup::Html => html::to_text(&decoded, &map, &mut out),
            Markup::Plain => html::unescape(&decoded, &map, &mut out),
        }
        out.finish()
    }
}

/// Which export an object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zendesk,
    Freshdesk,
    Intercom,
    Gorgias,
    /// A reply in the library format (`text` and the library keys).
    Library,
}

impl Kind {
    /// The placeholder dialect the export is written in.
    fn dialect(self) -> Option<Dialect> {
        match self {
            Kind::Zendesk => Some(Dialect::Zendesk),
            Kind::Freshdesk => Some(Dialect::Freshdesk),
            Kind::Intercom => Some(Dialect::Intercom),
            Kind::Gorgias => Some(Dialect::Gorgias),
            Kind::Library => None,
        }
    }

    /// Recognise one object by its keys.
    fn of(object: &Object<'_>) -> Option<Kind> {
        if let Some(actions) = object.get("actions").and_then(|r| json::array(r)) {
            let actions: Vec<Object> = actions.iter().filter_map(|a| json::object(a)).collect();
            if actions.iter().any(|a| a.contains_key("arguments")) {
                return Some(Kind::Gorgias);
            }
            if actions.iter().any(|a| a.contains_key("field")) || object.contains_key("title") {
                return Some(Kind::Zendesk);
            }
        }
        if object.contains_key("text") {
            return Some(Kind::Library);
        }
        let is_macro = object.get("type").and_then(|t| json::string(t)).as_deref() == Some("macro");
        if is_macro || object.contains_key("body_text") {
            return Some(Kind::Intercom);
        }
        if object.contains_key("content_html")
            || object.contains_key("content") && object.contains_key("title")
        {
            return Some(Kind::Freshdesk);
        }
        None
    }
}

/// The first of `keys` present (and not `null`).
fn first<'a>(object: &Object<'a>, keys: &[(&str, Markup)]) -> Option<(&'a RawValue, Markup)> {
    keys.iter()
        .find_map(|&(k, m)| object.get(k).filter(|r| r.get() != "null").map(|r| (*r, m)))
}

/// A Gorgias macro's reply: the first action whose arguments carry a body.
fn gorgias<'a>(object: &Object<'a>) -> Option<(&'a RawValue, Markup)> {
    let actions = object.get("actions").and_then(|r| json::array(r))?;
    actions.into_iter().find_map(|action| {
        let args = json::object(action)?
            .get("arguments")
            .and_then(|r| json::object(r))?;
        first(
            &args,
            &[("body_text", Markup::Plain), ("body_html", Markup::Html)],
        )
    })
}

/// A string or number as text (ids are either).
fn scalar(raw: &RawValue) -> Option<String> {
    json::string(raw).or_else(|| {
        let s = raw.get();
        s.starts_with(|c: char| c == '-' || c.is_ascii_digit())
            .then(|| s.to_owned())
    })
}
