//! replylint's own API, version 1:
//!
//! - `POST /api/v1/check`: the fields `text` (required), `channel`,
//!   `language` (or `lang`) and `mode` → the document `replylint check
//!   --format json` prints (see `replylint_io::output::json`), the text
//!   named `<request>`. Errors about the text (its front matter, a
//!   misspelt rule id in a suppression comment) are in its `errors`, as
//!   `check` reports them; the answer is 200 whatever was found.
//! - `POST /api/v1/count`: the fields `text` and `language` → the table
//!   `replylint count --format json` prints.
//!
//! The fields come as JSON, as a form, or as a `text/plain` body that is
//! the text, with the other fields in the query string. A field of
//! another name is refused, with the name it was likely meant to be.

use crate::guard::{self, ApiError, Permit};
use crate::lint::{self, Choices};
use crate::params::{self, Fields};
use crate::{App, blocking};
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::Response;
use replylint_core::config::Settings;
use replylint_io::input::Read;
use std::sync::Arc;

/// The fields of a request, checked against the names an endpoint takes.
async fn fields(
    app: &App,
    request: Request,
    known: &[&str],
) -> Result<(Fields, Option<Permit>), ApiError> {
    let (parts, body) = request.into_parts();
    let bytes = guard::read_body(app, &parts.headers, body).await?;
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let fields = params::parse(parts.uri.query(), content_type, &bytes, true)?;
    if let Some(unknown) = fields.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(ApiError::bad_request(replylint_core::suggest::unknown(
            "field",
            unknown,
            known.iter().copied(),
        )));
    }
    if !fields.contains_key("text") {
        return Err(ApiError::bad_request("missing field `text`"));
    }
    Ok((fields, parts.extensions.get::<Permit>().cloned()))
}

/// The language of a `language` (or `lang`) field.
fn language(fields: &Fields) -> Result<Option<replylint_core::lang::Language>, ApiError> {
    let Some(value) = fields.get("language").or_else(|| fields.get("lang")) else {
        return Ok(None);
    };
    lint::language_of(value).map(Some).ok_or_else(|| {
        ApiError::bad_request(replylint_core::suggest::unknown(
            "language",
            value,
            replylint_core::lang::Language::codes(),
        ))
    })
}

/// The request's channel, mode and language, checked.
fn choices(settings: &Settings, fields: &Fields) -> Result<Choices, ApiError> {
    let channel = match fields.get("channel").map(|c| c.trim()) {
        Some(c) if settings.channel_id(c).is_none() => {
            return Err(ApiError::bad_request(settings.unknown_channel(c)));
        }
        Some(c) => Some(c.to_owned()),
        None => None,
    };
    let mode = match fields.get("mode") {
        Some(m) => Some(lint::mode_of(m).ok_or_else(|| {
            ApiError::bad_request(replylint_core::suggest::unknown(
                "mode",
                m,
                ["draft", "template"],
            ))
        })?),
        None => None,
    };
    Ok(Choices {
        channel,
        language: language(fields)?,
        mode,
        enable: Vec::new(),
    })
}

/// `POST /api/v1/check`.
pub async fn check(State(app): State<Arc<App>>, request: Request) -> Result<Response, ApiError> {
    let (mut fields, permit) = fields(
        &app,
        request,
        &["text", "channel", "language", "lang", "mode"],
    )
    .await?;
    let settings = app.settings.get();
    let choices = choices(&settings, &fields)?;
    let text = fields.remove("text").unwrap_or_default();
    let body = blocking(permit, move || -> Result<Vec<u8>, ApiError> {
        let linted = lint::lint(&settings, text, &choices)
            .map_err(|e| ApiError::bad_request(format!("the text cannot be checked: {e}")))?;
        linted.json().map_err(|e| ApiError::internal(e.to_string()))
    })
    .await??;
    Ok(guard::json(body))
}

/// `POST /api/v1/count`.
pub async fn count(State(app): State<Arc<App>>, request: Request) -> Result<Response, ApiError> {
    let (mut fields, permit) = fields(&app, request, &["text", "language", "lang"]).await?;
    let language = language(&fields)?;
    let text = fields.remove("text").unwrap_or_default();
    let body = blocking(permit, move || -> Result<Vec<u8>, ApiError> {
        let source = lint::source(text);
        let reply = match replylint_io::input::read_source(source, true) {
            Ok((Read::Replies(_, mut replies), _)) if replies.len() == 1 => replies.remove(0),
            Ok(_) => return Err(ApiError::bad_request("the text is not one draft")),
            Err(e) => {
                return Err(ApiError::bad_request(format!(
                    "the text cannot be counted: {e}"
                )));
            }
        };
        // As `count`: the request's language, else the front matter's.
        let declared = match language {
            Some(l) => Some(l),
            None => match reply.meta.language.as_ref() {
                Some(l) => Some(l.value.parse().map_err(ApiError::bad_request)?),
                None => None,
            },
        };
        let counts = replylint_core::count::count(&reply, declared);
        let mut body =
            serde_json::to_vec_pretty(&counts).map_err(|e| ApiError::internal(e.to_string()))?;
        body.push(b'\n');
        Ok(body)
    })
    .await??;
    Ok(guard::json(body))
}
