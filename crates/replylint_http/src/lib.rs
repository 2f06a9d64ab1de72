//! `replylint serve`: replylint over HTTP, on this machine by default.
//!
//! - `POST /v2/check`, `GET /v2/languages`: LanguageTool's API
//!   ([`languagetool`]), for the clients that speak it.
//! - `POST /api/v1/check`, `POST /api/v1/count`: replylint's own JSON
//!   ([`api`]).
//! - `GET /healthz`: `{"status": "ok"}`.
//!
//! Each request's text is linted in-process as `replylint check -` lints
//! standard input ([`lint`]), with the settings found as `check` finds
//! them and loaded again when they change ([`settings`]). The text is
//! only ever text: no field of any request names a file that is read or
//! written.
//!
//! HTTP/1.1 on tokio (two worker threads): axum routes, hyper serves each
//! connection. A lint runs on tokio's blocking threads, so that a long
//! one neither holds up the other requests nor keeps its time limit from
//! answering. What every request goes through (token, bounds, limits, the
//! access log) is in [`guard`]; the log, one JSON object a line on
//! stderr, in [`log`].
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod annotated;
pub mod api;
pub mod guard;
pub mod languagetool;
pub mod lint;
pub mod log;
pub mod params;
pub mod settings;

use axum::Router;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use guard::{ApiError, Permit};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// How the server is run: `replylint serve`'s options.
#[derive(Debug, Clone)]
pub struct Options {
    /// The address to listen on (`--listen`).
    pub listen: IpAddr,
    /// The port (`--port`); 0 picks a free one (the `listening` line of
    /// the log says which).
    pub port: u16,
    /// The token every request must bring (`--token`,
    /// `REPLYLINT_TOKEN`); required to listen beyond loopback.
    pub token: Option<String>,
    /// The largest request body read, in bytes (`--max-body`).
    pub max_body: usize,
    /// The time a request may take, its body read and its text linted
    /// (`--timeout`).
    pub timeout: Duration,
    /// The most requests handled at once (`--max-in-flight`).
    pub max_in_flight: usize,
    /// Origins whose pages may call the API (`--cors-origin`; `*` for
    /// any). None: no CORS headers, browsers keep pages from reading the
    /// answers.
    pub cors_origins: Vec<String>,
    /// `--config`, `--no-config`, and the folder a config is looked for
    /// from.
    pub config: Option<PathBuf>,
    pub no_config: bool,
    /// `--channel`, `--lang`, `--mode`: for texts whose request and front
    /// matter name none, as `check`'s.
    pub channel: Option<String>,
    pub language: Option<String>,
    pub mode: Option<replylint_core::mode::Mode>,
    pub cwd: PathBuf,
}

/// How often the configuration is looked at for changes.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// The most connections open at once; more wait to be accepted.
const MAX_CONNECTIONS: usize = 512;

/// The time a client has to send a request's headers, the first or the
/// next on a kept-alive connection.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// What the handlers share.
pub struct App {
    pub settings: settings::Live,
    pub log: log::Log,
    pub token: Option<String>,
    pub max_body: usize,
    pub timeout: Duration,
    pub in_flight: Arc<Semaphore>,
    pub max_in_flight: usize,
    /// Refuse requests whose `Host` is not a loopback name (listening on
    /// loopback without a token).
    pub check_host: bool,
    pub listen: IpAddr,
}

/// Run the server until SIGINT or SIGTERM. `Err`: it could not start
/// (options that do not go together, a configuration that does not
/// load, an address that cannot be listened on).
pub fn serve(options: Options) -> Result<(), String> {
    let token = options.token.clone().filter(|t| !t.is_empty());
    if options.token.is_some() && token.is_none() {
        return Err("the token is empty".to_owned());
    }
    if !options.listen.is_loopback() && token.is_none() {
        return Err(format!(
            "listening on {} (beyond this machine) needs a token: pass --token or set \
             REPLYLINT_TOKEN, and send it as `Authorization: Bearer TOKEN`",
            options.listen
        ));
    }
    if options.max_in_flight == 0 {
        return Err("--max-in-flight must be at least 1".to_owned());
    }
    let cors = cors(&options.cors_origins)?;
    let settings = settings::Live::load(settings::Source {
        overrides: replylint_core::config::settings::CliOverrides {
            config: options.config.clone(),
            no_config: options.no_config,
            channel: options.channel.clone(),
            language: options.language.clone(),
            mode: options.mode,
            today: None,
        },
        cwd: options.cwd.clone(),
    })?;
    let app = Arc::new(App {
        settings,
        log: log::Log,
        check_host: token.is_none(),
        token,
        max_body: options.max_body,
        timeout: options.timeout,
        in_flight: Arc::new(Semaphore::new(options.max_in_flight)),
        max_in_flight: options.max_in_flight,
        listen: options.listen,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(run(app, &options, cors))
}

/// The CORS layer for `--cors-origin`, `None` without origins.
fn cors(origins: &[String]) -> Result<Option<tower_http::cors::CorsLayer>, String> {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    if origins.is_empty() {
        return Ok(None);
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let values = origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o.trim_end_matches('/'))
                    .map_err(|_| format!("--cors-origin `{o}` is not an origin"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(values)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
            .max_age(Duration::from_secs(600)),
    ))
}

/// The routes, their guard and their log.
pub fn router(app: Arc<App>, cors: Option<tower_http::cors::CorsLayer>) -> Router {
    let mut router = Router::new()
        .route(
            "/v2/check",
            get(languagetool::check).post(languagetool::check),
        )
        .route("/v2/languages", get(languagetool::languages))
        .route("/api/v1/check", axum::routing::post(api::check))
        .route("/api/v1/count", axum::routing::post(api::count))
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ));
    if let Some(cors) = cors {
        router = router.layer(cors);
    }
    router
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::access_log,
        ))
        .with_state(app)
}

async fn run(
    app: Arc<App>,
    options: &Options,
    cors: Option<tower_http::cors::CorsLayer>,
) -> Result<(), String> {
    let address = SocketAddr::new(options.listen, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    app.log.event(
        "listening",
        &[
            ("address", address.to_string().into()),
            ("url", format!("http://{address}").into()),
            (
                "config",
                app.settings
                    .config_file()
                    .map(|p| p.display().to_string())
                    .into(),
            ),
            ("token", app.token.is_some().into()),
        ],
    );
    let reloader = app.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(RELOAD_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        every.tick().await;
        loop {
            every.tick().await;
            let app = reloader.clone();
            let _ = tokio::task::spawn_blocking(move || app.settings.refresh(&app.log)).await;
        }
    });
    let router = router(app.clone(), cors);
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let stop = stopped();
    tokio::pin!(stop);
    let stopped = |signal: &str| -> Result<(), String> {
        app.log.event("stopped", &[("signal", signal.into())]);
        Ok(())
    };
    loop {
        // A connection is accepted once one of the open ones has closed.
        let slot = tokio::select! {
            signal = &mut stop => return stopped(signal),
            slot = connections.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => return Ok(()),
            },
        };
        let (stream, _) = tokio::select! {
            signal = &mut stop => return stopped(signal),
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, a connection reset before
                    // it was accepted: wait a little, go on.
                    app.log.event("accept-error", &[("message", e.to_string().into())]);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            // A client that goes away mid-request is no error of ours.
            let _ = connection.await;
        });
    }
}

/// Resolves on SIGINT or SIGTERM, with the signal's name.
async fn stopped() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => "SIGINT",
                _ = term.recv() => "SIGTERM",
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    "SIGINT"
}

/// Run `f` on a blocking thread, holding the request's share of the
/// bound on requests in flight until it returns.
pub async fn blocking<T: Send + 'static>(
    permit: Option<Permit>,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f()
    })
    .await
    .map_err(|_| ApiError::internal("internal error while checking the text"))
}

/// `GET /healthz`.
async fn healthz() -> Response {
    guard::json(b"{\"status\":\"ok\"}\n".to_vec())
}

async fn not_found() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such endpoint: the API is POST /v2/check, GET /v2/languages, POST /api/v1/check, \
         POST /api/v1/count and GET /healthz",
    )
    .into_response()
}
