//! The server's loop: the protocol's life cycle, the open documents, the
//! settings of each workspace folder, and the answers to requests.

use crate::lint::{self, Job, Linted};
use crate::transport::{self, Incoming};
use crate::{uri, worker};
use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::location::{LineIndex, Units};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The kind of the "fix all safe problems" source action, for
/// `editor.codeActionsOnSave` and the like.
pub const FIX_ALL_KIND: &str = "source.fixAll.replylint";

/// The names of replylint's configuration files.
const CONFIG_FILES: [&str; 2] = replylint_io::config::CONFIG_FILE_NAMES;

/// An open document.
struct Document {
    uri: lsp::Uri,
    text: String,
    version: i32,
    language: String,
    /// The flag of its lint in progress, if any.
    cancel: Arc<AtomicBool>,
}

pub struct Server<'a> {
    out: &'a mut dyn Write,
    log: &'a mut dyn Write,
    units: Units,
    /// The workspace folders, deepest first.
    folders: Vec<PathBuf>,
    documents: HashMap<String, Document>,
    linted: HashMap<String, Linted>,
    /// The settings of each folder the configuration is found from (a
    /// workspace folder, or a file's folder outside them): the last that
    /// loaded.
    settings: HashMap<PathBuf, Arc<Settings>>,
    /// Configuration files with a diagnostic published on them.
    config_errors: HashSet<String>,
    /// Configuration files that failed to load since the last publishing.
    config_errors_new: Vec<(PathBuf, replylint_core::config::ConfigError)>,
    /// Configuration files that loaded since the last publishing.
    config_errors_ok: HashSet<String>,
    jobs: Sender<Job>,
    shutdown: bool,
    /// Whether the client resolves a code action's edit lazily.
    resolve_edits: bool,
    /// Whether to register for changes of the configuration files.
    watch: bool,
}

/// Serve the protocol: messages from `input`, answers and notifications
/// to `out`, a log to `log`. `Ok(true)` when the client asked for
/// `shutdown` before `exit` (the exit code is then 0, as the protocol
/// says), `Ok(false)` otherwise.
pub fn serve(
    input: impl io::Read + Send + 'static,
    out: &mut dyn Write,
    log: &mut dyn Write,
) -> io::Result<bool> {
    let (incoming_tx, incoming) = crossbeam_channel::unbounded();
    std::thread::Builder::new()
        .name("replylint-server-reader".to_owned())
        .spawn(move || transport::read_loop(io::BufReader::new(input), &incoming_tx))?;
    let Some(params) = initialize(&incoming, out, log)? else {
        return Ok(false);
    };
    let (jobs, jobs_rx) = crossbeam_channel::unbounded::<Job>();
    let (done_tx, done) = crossbeam_channel::unbounded::<Linted>();
    std::thread::Builder::new()
        .name("replylint-server-lint".to_owned())
        .spawn(move || worker::run(&jobs_rx, &done_tx))?;
    let mut server = Server::new(&params, out, log, jobs);
    server.answer_initialize(params.0)?;
    server.run(&incoming, &done)
}

/// Wait for `initialize`: requests before it get an error, notifications
/// are dropped, `exit` ends the server. `None` if the input ended first.
fn initialize(
    incoming: &Receiver<Incoming>,
    out: &mut dyn Write,
    log: &mut dyn Write,
) -> io::Result<Option<(RequestId, lsp::InitializeParams)>> {
    for message in incoming {
        match message {
            Incoming::Malformed(answer) => transport::write(out, &answer)?,
            Incoming::Message(Message::Request(r)) if r.method == "initialize" => {
                match serde_json::from_value::<lsp::InitializeParams>(r.params) {
                    Ok(params) => return Ok(Some((r.id, params))),
                    Err(e) => write_error(out, r.id, ErrorCode::InvalidParams, &e.to_string())?,
                }
            }
            Incoming::Message(Message::Request(r)) => write_error(
                out,
                r.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            )?,
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => return Ok(None),
            Incoming::Message(other) => {
                let _ = writeln!(
                    log,
                    "replylint server: before initialize, ignored: {other:?}"
                );
            }
        }
    }
    Ok(None)
}

fn write_error(
    out: &mut dyn Write,
    id: RequestId,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let response = Response::new_err(id, code as i32, message.to_owned());
    transport::write(out, &transport::to_value(&Message::Response(response)))
}

/// Why a request gets an error rather than a result.
struct Failure(ErrorCode, String);

fn params<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, Failure> {
    serde_json::from_value(value).map_err(|e| Failure(ErrorCode::InvalidParams, e.to_string()))
}

fn to_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| CONFIG_FILES.contains(&n))
}

impl<'a> Server<'a> {
    fn new(
        (_, params): &(RequestId, lsp::InitializeParams),
        out: &'a mut dyn Write,
        log: &'a mut dyn Write,
        jobs: Sender<Job>,
    ) -> Self {
        let caps = &params.capabilities;
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
        let resolve_edits = caps
            .text_document
            .as_ref()
            .and_then(|t| t.code_action.as_ref())
            .and_then(|c| c.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "edit"));
        let watch = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)]
        let mut folders: Vec<PathBuf> = match (&params.workspace_folders, &params.root_uri) {
            (Some(folders), _) => folders
                .iter()
                .filter_map(|f| uri::to_path(f.uri.as_str()))
                .collect(),
            (None, Some(root)) => uri::to_path(root.as_str()).into_iter().collect(),
            (None, None) => Vec::new(),
        };
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        Server {
            out,
            log,
            units: if utf8 { Units::Utf8 } else { Units::Utf16 },
            folders,
            documents: HashMap::new(),
            linted: HashMap::new(),
            settings: HashMap::new(),
            config_errors: HashSet::new(),
            config_errors_new: Vec::new(),
            config_errors_ok: HashSet::new(),
            jobs,
            shutdown: false,
            resolve_edits,
            watch,
        }
    }

    fn answer_initialize(&mut self, id: RequestId) -> io::Result<()> {
        let encoding = match self.units {
            Units::Utf8 => lsp::PositionEncodingKind::UTF8,
            Units::Utf16 => lsp::PositionEncodingKind::UTF16,
        };
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(encoding),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                        lsp::SaveOptions {
                            include_text: Some(false),
                        },
                    )),
                    ..lsp::TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![
                        lsp::CodeActionKind::QUICKFIX,
                        lsp::CodeActionKind::from(FIX_ALL_KIND.to_owned()),
                    ]),
                    resolve_provider: Some(self.resolve_edits),
                    ..lsp::CodeActionOptions::default()
                },
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            workspace: Some(lsp::WorkspaceServerCapabilities {
                workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(lsp::OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..lsp::ServerCapabilities::default()
        };
        let result = lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "replylint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        };
        self.send(Message::Response(Response::new_ok(id, result)))
    }

    fn send(&mut self, message: Message) -> io::Result<()> {
        transport::write(self.out, &transport::to_value(&message))
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) -> io::Result<()> {
        self.send(Message::Notification(Notification::new(
            method.to_owned(),
            params,
        )))
    }

    fn log(&mut self, message: &str) {
        let _ = writeln!(self.log, "replylint server: {message}");
    }

    fn run(&mut self, incoming: &Receiver<Incoming>, done: &Receiver<Linted>) -> io::Result<bool> {
        loop {
            select! {
                recv(incoming) -> message => match message {
                    Ok(Incoming::Malformed(answer)) => transport::write(self.out, &answer)?,
                    Ok(Incoming::Message(Message::Request(r))) => self.request(r)?,
                    Ok(Incoming::Message(Message::Notification(n))) => {
                        if n.method == "exit" {
                            return Ok(self.shutdown);
                        }
                        self.notification(n)?;
                    }
                    // Answers to the server's own requests (registration).
                    Ok(Incoming::Message(Message::Response(_))) => {}
                    // The input ended without `exit`.
                    Err(_) => return Ok(self.shutdown),
                },
                recv(done) -> linted => {
                    if let Ok(linted) = linted {
                        self.publish(linted)?;
                    }
                }
            }
        }
    }

    fn request(&mut self, r: Request) -> io::Result<()> {
        let id = r.id.clone();
        let result = if self.shutdown {
            Err(Failure(
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_owned(),
            ))
        } else {
            match r.method.as_str() {
                "shutdown" => {
                    self.shutdown = true;
                    Ok(Value::Null)
                }
                "initialize" => Err(Failure(
                    ErrorCode::InvalidRequest,
                    "the server is already initialized".to_owned(),
                )),
                "textDocument/codeAction" => {
                    params(r.params).map(|p| self.code_actions(p)).map(to_json)
                }
                "codeAction/resolve" => params(r.params).map(|a| self.resolve(a)).map(to_json),
                "textDocument/hover" => params(r.params).map(|p| self.hover(p)).map(to_json),
                method => Err(Failure(
                    ErrorCode::MethodNotFound,
                    format!("unknown method `{method}`"),
                )),
            }
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err(Failure(code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(Message::Response(response))
    }

    fn notification(&mut self, n: Notification) -> io::Result<()> {
        let method = n.method.clone();
        let handled = match method.as_str() {
            "initialized" => {
                self.register_watchers()?;
                Ok(())
            }
            "textDocument/didOpen" => params(n.params).map(|p| self.did_open(p)),
            "textDocument/didChange" => params(n.params).map(|p| self.did_change(p)),
            "textDocument/didSave" => params(n.params).map(|p| self.did_save(p)),
            "textDocument/didClose" => match params(n.params) {
                Ok(p) => {
                    self.did_close(p)?;
                    Ok(())
                }
                Err(e) => Err(e),
            },
            "workspace/didChangeWatchedFiles" => {
                params(n.params).map(|p| self.did_change_watched_files(p))
            }
            "workspace/didChangeWorkspaceFolders" => {
                params(n.params).map(|p| self.did_change_folders(p))
            }
            "workspace/didChangeConfiguration" => {
                self.reload();
                Ok(())
            }
            // `$/cancelRequest`, `$/setTrace`, …: requests are answered as
            // they come, and the log is stderr's.
            _ => Ok(()),
        };
        if let Err(Failure(_, why)) = handled {
            self.log(&format!("`{method}` ignored: {why}"));
        }
        self.flush_config_errors()
    }

    /// Ask the client to say when a configuration file changes.
    fn register_watchers(&mut self) -> io::Result<()> {
        if !self.watch {
            return Ok(());
        }
        let options = lsp::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(
                    "**/{replylint.toml,.replylint.toml}".to_owned(),
                ),
                kind: None,
            }],
        };
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "replylint-config-files".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Message::Request(Request::new(
            RequestId::from("replylint-register-watchers".to_owned()),
            "client/registerCapability".to_owned(),
            params,
        )))
    }

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let doc = p.text_document;
        let key = doc.uri.as_str().to_owned();
        if let Some(old) = self.documents.get(&key) {
            old.cancel.store(true, Ordering::Relaxed);
        }
        self.documents.insert(
            key.clone(),
            Document {
                uri: doc.uri,
                text: doc.text,
                version: doc.version,
                language: doc.language_id,
                cancel: Arc::new(AtomicBool::new(false)),
            },
        );
        self.schedule(&key);
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_owned();
        let units = self.units;
        let Some(doc) = self.documents.get_mut(&key) else {
            return;
        };
        for change in p.content_changes {
            match change.range {
                None => doc.text = change.text,
                Some(range) => {
                    let index = LineIndex::new(&doc.text);
                    let start = index.lsp_offset(&doc.text, lint::lsp_position(range.start), units);
                    let end = index
                        .lsp_offset(&doc.text, lint::lsp_position(range.end), units)
                        .max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
            }
        }
        doc.version = p.text_document.version;
        self.schedule(&key);
    }

    fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_owned();
        if uri::to_path(&key).is_some_and(|path| is_config_file(&path)) {
            self.reload();
        } else {
            self.schedule(&key);
        }
    }

    fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) -> io::Result<()> {
        let key = p.text_document.uri.as_str().to_owned();
        if let Some(doc) = self.documents.remove(&key) {
            doc.cancel.store(true, Ordering::Relaxed);
        }
        if self.linted.remove(&key).is_some() {
            let params = lsp::PublishDiagnosticsParams {
                uri: p.text_document.uri,
                diagnostics: Vec::new(),
                version: None,
            };
            self.notify("textDocument/publishDiagnostics", params)?;
        }
        Ok(())
    }

    fn did_change_watched_files(&mut self, p: lsp::DidChangeWatchedFilesParams) {
        let config_changed = p
            .changes
            .iter()
            .any(|c| uri::to_path(c.uri.as_str()).is_some_and(|path| is_config_file(&path)));
        if config_changed {
            self.reload();
        }
    }

    fn did_change_folders(&mut self, p: lsp::DidChangeWorkspaceFoldersParams) {
        let removed: Vec<PathBuf> = p
            .event
            .removed
            .iter()
            .filter_map(|f| uri::to_path(f.uri.as_str()))
            .collect();
        self.folders.retain(|f| !removed.contains(f));
        self.folders.extend(
            p.event
                .added
                .iter()
                .filter_map(|f| uri::to_path(f.uri.as_str())),
        );
        self.folders
            .sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        self.reload();
    }

    /// The folder a document's configuration is found from: its workspace
    /// folder, its own folder outside them; for an unsaved buffer, the
    /// first workspace folder or the server's working folder.
    fn config_folder(&self, path: Option<&Path>) -> PathBuf {
        match path {
            Some(path) => self
                .folders
                .iter()
                .find(|f| path.starts_with(f))
                .cloned()
                .or_else(|| path.parent().map(Path::to_owned))
                .unwrap_or_default(),
            None => self
                .folders
                .last()
                .cloned()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default(),
        }
    }

    /// The settings of a folder, loaded the first time.
    fn settings_of(&mut self, folder: &Path) -> Option<Arc<Settings>> {
        if let Some(s) = self.settings.get(folder) {
            return Some(s.clone());
        }
        self.load(folder);
        self.settings.get(folder).cloned()
    }

    /// Load (again) the settings of `folder`, as `check` run there loads
    /// them. A configuration that does not load gets a diagnostic, and
    /// the folder keeps its last good settings (the built-in ones if it
    /// never had any).
    fn load(&mut self, folder: &Path) {
        match replylint_io::config::load(&CliOverrides::default(), folder) {
            Ok(mut settings) => {
                if settings.rule_settings.today.is_none() {
                    settings.rule_settings.today = replylint_io::check::system_today();
                }
                if let Some(file) = &settings.config_file {
                    self.config_errors_ok.insert(uri::from_path(file));
                }
                self.settings.insert(folder.to_owned(), Arc::new(settings));
            }
            Err(e) => {
                self.log(&format!("configuration not loaded: {e}"));
                if let Some(path) = &e.path {
                    self.config_errors_new.push((path.clone(), e.clone()));
                }
                if !self.settings.contains_key(folder) {
                    let built_in = CliOverrides {
                        no_config: true,
                        ..CliOverrides::default()
                    };
                    if let Ok(settings) = replylint_io::config::load(&built_in, folder) {
                        self.settings.insert(folder.to_owned(), Arc::new(settings));
                    }
                }
            }
        }
    }

    /// Load every folder's configuration again and lint every open
    /// document with it.
    fn reload(&mut self) {
        let folders: Vec<PathBuf> = self.settings.keys().cloned().collect();
        for folder in folders {
            self.load(&folder);
        }
        let keys: Vec<String> = self.documents.keys().cloned().collect();
        for key in keys {
            self.schedule(&key);
        }
    }

    /// Publish the diagnostics of configuration files found since the
    /// last time, and withdraw those of files that load now.
    fn flush_config_errors(&mut self) -> io::Result<()> {
        let new = std::mem::take(&mut self.config_errors_new);
        let mut failing = HashSet::new();
        for (path, e) in new {
            let key = uri::from_path(&path);
            failing.insert(key.clone());
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let index = LineIndex::new(&text);
            let at = e
                .position
                .map_or(0, |(line, column)| index.offset_of(&text, line, column));
            let diagnostic = lsp::Diagnostic {
                range: lint::range(&index, &text, at, at, self.units),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                source: Some(lint::SOURCE.to_owned()),
                message: format!(
                    "{}\n(the last configuration that loaded is still in use)",
                    e.message
                ),
                ..lsp::Diagnostic::default()
            };
            let Ok(uri) = key.parse::<lsp::Uri>() else {
                continue;
            };
            self.config_errors.insert(key);
            let params = lsp::PublishDiagnosticsParams {
                uri,
                diagnostics: vec![diagnostic],
                version: None,
            };
            self.notify("textDocument/publishDiagnostics", params)?;
        }
        let ok = std::mem::take(&mut self.config_errors_ok);
        for key in ok {
            if failing.contains(&key) || !self.config_errors.remove(&key) {
                continue;
            }
            if let Ok(uri) = key.parse::<lsp::Uri>() {
                let params = lsp::PublishDiagnosticsParams {
                    uri,
                    diagnostics: Vec::new(),
                    version: None,
                };
                self.notify("textDocument/publishDiagnostics", params)?;
            }
        }
        Ok(())
    }

    /// Send the document's current text to be linted, cancelling the lint
    /// of its previous version.
    fn schedule(&mut self, key: &str) {
        let Some(doc) = self.documents.get(key) else {
            return;
        };
        let path = uri::to_path(key);
        // The configuration file's diagnostics are its own.
        if path.as_deref().is_some_and(is_config_file) {
            return;
        }
        let name = document_name(key, path.as_deref(), &doc.language);
        let folder = self.config_folder(path.as_deref());
        let Some(settings) = self.settings_of(&folder) else {
            return;
        };
        let Some(doc) = self.documents.get_mut(key) else {
            return;
        };
        doc.cancel.store(true, Ordering::Relaxed);
        doc.cancel = Arc::new(AtomicBool::new(false));
        let job = Job {
            uri: key.to_owned(),
            version: Some(doc.version),
            text: doc.text.clone(),
            name,
            path,
            settings,
            units: self.units,
            cancel: doc.cancel.clone(),
        };
        let _ = self.jobs.send(job);
    }

    /// Publish a lint's diagnostics, if it is of the document's current
    /// version.
    fn publish(&mut self, linted: Linted) -> io::Result<()> {
        let Some(doc) = self.documents.get(&linted.uri) else {
            return Ok(());
        };
        if linted.version != Some(doc.version) || linted.source.text != doc.text {
            return Ok(());
        }
        let params = lsp::PublishDiagnosticsParams {
            uri: doc.uri.clone(),
            diagnostics: linted.diagnostics(),
            version: linted.version,
        };
        self.linted.insert(linted.uri.clone(), linted);
        self.notify("textDocument/publishDiagnostics", params)
    }

    /// The last lint of a document, if it is of its current version.
    fn current(&self, uri: &lsp::Uri) -> Option<&Linted> {
        let key = uri.as_str();
        let doc = self.documents.get(key)?;
        self.linted
            .get(key)
            .filter(|l| l.version == Some(doc.version))
    }

    fn code_actions(&mut self, p: lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = p.text_document.uri;
        let Some(linted) = self.current(&uri) else {
            return Vec::new();
        };
        let only = p.context.only.as_deref();
        let wants = |kind: &str| {
            only.is_none_or(|only| {
                only.iter()
                    .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
            })
        };
        let mut actions = Vec::new();
        if wants(lsp::CodeActionKind::QUICKFIX.as_str()) {
            actions = lint::quick_fixes(linted, &uri, &p.range);
        }
        // Fix all: on the light bulb beside a problem, and when asked for
        // by kind (on save).
        let asked = only.is_some() && wants(FIX_ALL_KIND);
        let beside = !actions.is_empty();
        if (asked || beside) && lint::has_safe_fixes(linted) {
            let kind = if asked {
                lsp::CodeActionKind::from(FIX_ALL_KIND.to_owned())
            } else {
                lsp::CodeActionKind::QUICKFIX
            };
            let mut action = lsp::CodeAction {
                title: "Fix all safe problems in this file".to_owned(),
                kind: Some(kind),
                ..lsp::CodeAction::default()
            };
            if self.resolve_edits {
                action.data = Some(json!({ "uri": uri.as_str(), "version": linted.version }));
                actions.push(action);
            } else if let Some(edit) = lint::fix_all(linted, &uri) {
                action.edit = Some(edit);
                actions.push(action);
            }
        }
        actions
            .into_iter()
            .map(lsp::CodeActionOrCommand::CodeAction)
            .collect()
    }

    fn resolve(&mut self, mut action: lsp::CodeAction) -> lsp::CodeAction {
        let Some(data) = &action.data else {
            return action;
        };
        let Some(uri) = data["uri"]
            .as_str()
            .and_then(|u| u.parse::<lsp::Uri>().ok())
        else {
            return action;
        };
        let version = data["version"].as_i64();
        if let Some(linted) = self.current(&uri)
            && linted.version.map(i64::from) == version
            && action.edit.is_none()
        {
            action.edit = lint::fix_all(linted, &uri);
        }
        action
    }

    fn hover(&mut self, p: lsp::HoverParams) -> Option<lsp::Hover> {
        let at = p.text_document_position_params;
        let linted = self.current(&at.text_document.uri)?;
        lint::hover(linted, at.position)
    }
}

/// The name a document is read by: its path, or for an unsaved buffer a
/// name with the extension of its language (`untitled:Untitled-1` in TOML
/// is read as a TOML library).
fn document_name(key: &str, path: Option<&Path>, language: &str) -> String {
    if let Some(path) = path {
        return path.display().to_string();
    }
    let has_extension = Path::new(key).extension().is_some();
    let extension = match language {
        _ if has_extension => "",
        "toml" => ".toml",
        "csv" => ".csv",
        "jsonl" | "jsonlines" => ".jsonl",
        "json" => ".json",
        "markdown" => ".md",
        _ => ".txt",
    };
    format!("{key}{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsaved_buffers_are_read_by_their_language() {
        assert_eq!(
            document_name("untitled:Untitled-1", None, "toml"),
            "untitled:Untitled-1.toml"
        );
        assert_eq!(
            document_name("untitled:x", None, "plaintext"),
            "untitled:x.txt"
        );
        assert_eq!(
            document_name("untitled:a.csv", None, "plaintext"),
            "untitled:a.csv"
        );
        assert_eq!(
            document_name("file:///a/b.md", Some(Path::new("/a/b.md")), "markdown"),
            "/a/b.md"
        );
    }
}
