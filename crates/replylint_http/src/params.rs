//! A request's fields, from its query string and its body, whatever the
//! body is written in: a form (`application/x-www-form-urlencoded`, what
//! LanguageTool's clients send, and the default), a JSON object
//! (`application/json`), or, where an endpoint takes it, the text itself
//! (`text/plain`). A field of the body wins over one of the same name in
//! the query string, and a later one over an earlier one. A body labelled
//! JSON that does not open an object is read as a form, as LanguageTool
//! reads it: LTeX sends its form so labelled.

use crate::guard::ApiError;
use std::collections::BTreeMap;

/// Fields by name.
pub type Fields = BTreeMap<String, String>;

/// What the body is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Form,
    Json,
    Text,
}

fn kind(content_type: Option<&str>) -> Kind {
    let Some(value) = content_type else {
        return Kind::Form;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        Kind::Json
    } else if essence == "text/plain" {
        Kind::Text
    } else {
        Kind::Form
    }
}

/// The fields of a request. `plain_text`: a `text/plain` body is the
/// `text` field (otherwise it is read as a form).
pub fn parse(
    query: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
    plain_text: bool,
) -> Result<Fields, ApiError> {
    let mut fields = Fields::new();
    if let Some(query) = query {
        form(query.as_bytes(), &mut fields)?;
    }
    match kind(content_type) {
        Kind::Text if plain_text => {
            let text = std::str::from_utf8(body)
                .map_err(|_| ApiError::bad_request("the text/plain body is not UTF-8"))?;
            fields.insert("text".into(), text.to_owned());
        }
        // LTeX labels its form `application/json`; LanguageTool reads it
        // as the form it is, and so does this.
        Kind::Json if looks_like_json(body) => json(body, &mut fields)?,
        Kind::Json | Kind::Form | Kind::Text => form(body, &mut fields)?,
    }
    Ok(fields)
}

/// Whether a body labelled JSON is JSON rather than a form: it opens an
/// object or an array (or is empty).
fn looks_like_json(body: &[u8]) -> bool {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None | Some(b'{' | b'[') => true,
        Some(_) => false,
    }
}

fn form(bytes: &[u8], fields: &mut Fields) -> Result<(), ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(bytes)
        .map_err(|e| ApiError::bad_request(format!("the form does not parse: {e}")))?;
    fields.extend(pairs);
    Ok(())
}

/// A JSON object's members as fields: a string as it is, a number or a
/// boolean as written, an array of strings joined with commas (a list of
/// rule ids), anything else (the annotated text of `data`) as JSON text.
fn json(bytes: &[u8], fields: &mut Fields) -> Result<(), ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("the JSON body does not parse: {e}")))?;
    let serde_json::Value::Object(object) = value else {
        return Err(ApiError::bad_request(
            "the JSON body must be an object of fields, such as {\"text\": \"…\"}",
        ));
    };
    for (name, value) in object {
        let value = match value {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) => s,
            serde_json::Value::Bool(b) => b.to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Array(items) if items.iter().all(serde_json::Value::is_string) => {
                items
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .collect::<Vec<_>>()
                    .join(",")
            }
            other => other.to_string(),
        };
        fields.insert(name, value);
    }
    Ok(())
}

/// A comma-separated list, its items trimmed, empty ones left out.
pub fn list(value: Option<&String>) -> Vec<String> {
    value
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// A boolean as forms write it: `true`/`false` (any case), `1`/`0`, `yes`/`no`, `on`/`off`.
pub fn flag(name: &str, value: Option<&String>) -> Result<bool, ApiError> {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") => Ok(false),
        Some("true" | "1" | "yes" | "on") => Ok(true),
        Some("false" | "0" | "no" | "off") => Ok(false),
        Some(other) => Err(ApiError::bad_request(format!(
            "`{name}` must be true or false, not `{other}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn forms_json_and_plain_text_give_the_same_fields() {
        let want = fields(&[("language", "en-US"), ("text", "Hi 😀 & bye")]);
        let form = b"text=Hi+%F0%9F%98%80+%26+bye&language=en-US";
        assert_eq!(parse(None, None, form, false).unwrap(), want);
        assert_eq!(
            parse(
                None,
                Some("application/x-www-form-urlencoded; charset=UTF-8"),
                form,
                false
            )
            .unwrap(),
            want
        );
        let json = r#"{"text": "Hi 😀 & bye", "language": "en-US", "none": null}"#;
        assert_eq!(
            parse(None, Some("application/json"), json.as_bytes(), false).unwrap(),
            want
        );
        assert_eq!(
            parse(
                Some("language=en-US"),
                Some("text/plain; charset=utf-8"),
                "Hi 😀 & bye".as_bytes(),
                true
            )
            .unwrap(),
            want
        );
    }

    #[test]
    fn json_lists_numbers_and_objects_become_text() {
        let got = parse(
            None,
            Some("application/json"),
            br#"{"enabledRules": ["a", "b"], "enabledOnly": true, "n": 3, "data": {"annotation": []}}"#,
            false,
        )
        .unwrap();
        assert_eq!(got["enabledRules"], "a,b");
        assert_eq!(got["enabledOnly"], "true");
        assert_eq!(got["n"], "3");
        assert_eq!(got["data"], r#"{"annotation":[]}"#);
    }

    #[test]
    fn a_form_labelled_json_is_read_as_a_form() {
        let got = parse(
            None,
            Some("application/json"),
            b"language=en-US&data=%7B%22annotation%22%3A%5B%5D%7D",
            false,
        )
        .unwrap();
        assert_eq!(got["data"], r#"{"annotation":[]}"#);
        assert_eq!(got["language"], "en-US");
    }

    #[test]
    fn the_body_wins_over_the_query_string() {
        let got = parse(Some("language=it&text=a"), None, b"text=b", false).unwrap();
        assert_eq!(got, fields(&[("language", "it"), ("text", "b")]));
    }

    #[test]
    fn bodies_that_do_not_parse_are_refused() {
        for (content_type, body) in [
            ("application/json", &b"{"[..]),
            ("application/json", b"[1, 2]"),
            ("application/json", b"{\"text\": \"\xff\"}"),
            ("text/plain", b"\xff\xfe"),
        ] {
            assert!(
                parse(None, Some(content_type), body, true).is_err(),
                "{content_type} {body:?}"
            );
        }
        // A form is read leniently, as browsers write it.
        assert!(parse(None, None, b"%%%&=&&text", false).is_ok());
    }

    #[test]
    fn flags_and_lists() {
        assert!(flag("x", Some(&"TRUE".to_owned())).unwrap());
        assert!(!flag("x", None).unwrap());
        assert!(flag("x", Some(&"maybe".to_owned())).is_err());
        assert_eq!(list(Some(&" a, ,b ".to_owned())), ["a", "b"]);
    }
}
