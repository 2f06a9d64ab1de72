//! What every request goes through before and around its endpoint: the
//! access log, the `Host` check, the token, the bound on requests in
//! flight, the time limit, and reading the body up to its limit. Each
//! refusal is a JSON object `{"error": "…"}` with the status that says
//! why.

use crate::App;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::OwnedSemaphorePermit;

/// A request refused or failed, answered as `{"error": message}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Close the connection after the answer (a body left unread).
    pub close: bool,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            close: false,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string() + "\n";
        let mut response = (self.status, json_headers(), body).into_response();
        let headers = response.headers_mut();
        if self.close {
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        match self.status {
            StatusCode::SERVICE_UNAVAILABLE => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            StatusCode::UNAUTHORIZED => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"replylint\""),
                );
            }
            _ => {}
        }
        response
    }
}

/// `Content-Type: application/json`.
pub fn json_headers() -> [(header::HeaderName, HeaderValue); 1] {
    [(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    )]
}

/// A JSON answer.
pub fn json(body: Vec<u8>) -> Response {
    (StatusCode::OK, json_headers(), body).into_response()
}

/// The access log: one line per request, whatever answered it.
pub async fn access_log(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let bytes = http_body::Body::size_hint(response.body()).exact();
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    app.log.access(
        method.as_str(),
        &path,
        response.status().as_u16(),
        bytes,
        micros,
    );
    response
}

/// The request's share of the bound on requests in flight, held until its
/// lint is over (a lint past the time limit still holds it: the bound is
/// on the work being done, not on the answers being awaited).
#[derive(Debug, Clone)]
pub struct Permit(#[allow(dead_code)] Arc<OwnedSemaphorePermit>);

/// A request to `/v2/check` that brought no `Authorization` header: its
/// token may come as LanguageTool's `apiKey` field, read with the body.
#[derive(Debug, Clone, Copy)]
pub struct TokenInBody;

/// Endpoints that answer the same fixed text to anyone: no token, no share
/// of the bound. `/v2/languages` is one, for the clients that ask for it
/// before they send a check with the token in its `apiKey` field
/// (`language-tool-python` asks it with no way to send a header).
const OPEN: &[&str] = &["/healthz", "/v2/languages"];

/// The `Host` check, the token, the bound on requests in flight and the
/// time limit; the endpoints of [`OPEN`] pass after the `Host` check.
pub async fn guard(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
    if app.check_host && !host_allowed(request.headers(), app.listen) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "the Host header names no loopback address: replylint serve answers pages of \
             localhost only, unless it was started with a token",
        )
        .into_response();
    }
    let path = request.uri().path();
    if OPEN.contains(&path) {
        return next.run(request).await;
    }
    if let Some(token) = &app.token {
        match bearer(request.headers()) {
            Some(given) if token_matches(token, given) => {}
            Some(_) => return unauthorized().into_response(),
            None if path == "/v2/check" => {
                request.extensions_mut().insert(TokenInBody);
            }
            None => return unauthorized().into_response(),
        }
    }
    let Ok(permit) = app.in_flight.clone().try_acquire_owned() else {
        return ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "too many requests in flight (at most {}, --max-in-flight): try again shortly",
                app.max_in_flight
            ),
        )
        .into_response();
    };
    request.extensions_mut().insert(Permit(Arc::new(permit)));
    match tokio::time::timeout(app.timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError {
            status: StatusCode::GATEWAY_TIMEOUT,
            message: format!(
                "the request took longer than the time limit of {} ms (--timeout)",
                app.timeout.as_millis()
            ),
            // Its body may be half read.
            close: true,
        }
        .into_response(),
    }
}

pub fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "a token is required: send `Authorization: Bearer TOKEN` (or, to /v2/check, the field \
         `apiKey`)",
    )
}

/// The token of an `Authorization: Bearer TOKEN` header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// Whether `given` is the token, compared in constant time: how long the
/// comparison takes says nothing of how many of its first bytes are
/// right. (`subtle` keeps the optimiser from turning the byte-by-byte
/// fold into an early exit. Only the length can differ in time, and a
/// token's length is no secret worth keeping.)
pub fn token_matches(token: &str, given: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(token.as_bytes().ct_eq(given.as_bytes()))
}

/// Whether a request's `Host` names a loopback address (or the address
/// the server listens on), or there is none (HTTP/1.0). A page of another
/// site whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends
/// its own name, and is refused.
fn host_allowed(headers: &HeaderMap, listen: IpAddr) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // `[::1]:8081`
        rest.split_once(']').map_or(rest, |(ip, _)| ip)
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    name.parse::<IpAddr>()
        .is_ok_and(|ip| ip.is_loopback() || ip == listen)
}

/// The body, read whole up to `--max-body` bytes. A longer one is read on
/// to its end and dropped (so that the client, still sending, reads the
/// answer rather than a reset connection), up to [`DRAIN_LIMIT`]; then
/// refused with 413.
pub async fn read_body(app: &App, headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    let limit = app.max_body;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let expects_continue = headers
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let too_large = |close| ApiError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: format!(
            "the request body is larger than the limit of {limit} bytes (--max-body): send a \
             shorter text"
        ),
        close,
    };
    if let Some(length) = declared
        && length > limit as u64
        && (expects_continue || length > DRAIN_LIMIT as u64)
    {
        // The client waits for a go-ahead that never comes, or would send
        // more than is worth reading: the answer comes now.
        return Err(too_large(true));
    }
    let mut body = body;
    let mut kept = Vec::with_capacity(declared.map_or(0, |n| n.min(limit as u64) as usize));
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            let mut error =
                ApiError::bad_request(format!("the request body could not be read: {e}"));
            error.close = true;
            error
        })?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total = total.saturating_add(data.len());
        if total <= limit {
            kept.extend_from_slice(&data);
        } else if total > DRAIN_LIMIT {
            return Err(too_large(true));
        }
    }
    if total > limit {
        return Err(too_large(false));
    }
    Ok(Bytes::from(kept))
}

/// The most bytes of a body over the limit read (and dropped) before the
/// answer: past it, the connection is closed.
const DRAIN_LIMIT: usize = 64 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    fn host(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn loopback_hosts_are_allowed_and_other_names_are_not() {
        let listen: IpAddr = "127.0.0.1".parse().unwrap();
        for ok in [
            "localhost",
            "localhost:8081",
            "LOCALHOST.",
            "app.localhost:1",
            "127.0.0.1:8081",
            "127.0.0.2",
            "[::1]:8081",
            "[::1]",
        ] {
            assert!(host_allowed(&host(ok), listen), "{ok}");
        }
        for refused in [
            "example.com",
            "example.com:8081",
            "localhost.example.com",
            "192.168.1.10:8081",
            "[::2]:80",
            "",
        ] {
            assert!(!host_allowed(&host(refused), listen), "{refused}");
        }
        assert!(host_allowed(&HeaderMap::new(), listen));
    }

    #[test]
    fn the_token_must_match_whole() {
        assert!(token_matches("s3cret-token", "s3cret-token"));
        assert!(!token_matches("s3cret-token", "s3cret-tokeN"));
        assert!(!token_matches("s3cret-token", "s3cret"));
        assert!(!token_matches("s3cret-token", ""));
        assert!(!token_matches("s3cret-token", "s3cret-token "));
    }

    #[test]
    fn a_bearer_token_is_read_from_the_authorization_header() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(bearer(&headers), Some("abc"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer  abc "),
        );
        assert_eq!(bearer(&headers), Some("abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&headers), None);
    }
}
