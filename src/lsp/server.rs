//! The loop: messages in from the reader, dispatched by method; drafts checked after
//! `didOpen` and `didSave` at once and after `didChange` once the edits pause for the
//! debounce; the protocol's life cycle (`initialize` first, `shutdown`, then `exit`).

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CompletionOptions, CompletionParams, CompletionResponse, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, HoverParams, HoverProviderCapability,
    InitializeParams, LogMessageParams, MessageType, PublishDiagnosticsParams, SaveOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};

use super::actions::{code_actions, FIX_ALL_KIND};
use super::diagnostics::{
    at_line_column, draft_diagnostics, on_first_line, DOCUMENT_ERROR_CODE, RULES_ERROR_CODE,
};
use super::documents::{uri_to_path, Document, DocumentKind, Documents};
use super::hover::hover;
use super::position::PositionEncoding;
use super::rule_files::{rule_file_diagnostics, speaker_completion};
use super::transport::{spawn_reader, write_message, Incoming};
use super::workspace::{is_config_file, RulesFor, Workspace};
use super::{Ending, LspOptions};
use crate::check::CheckedFile;
use crate::review::LoadedRules;
use crate::text::{display_size, SourceFile, DEFAULT_MAX_DRAFT_SIZE};

/// The last check of a draft.
struct DraftCheck {
    /// The document version it checked.
    version: i32,
    /// The result, when the draft could be checked.
    checked: Option<CheckedFile>,
    /// The rules it was checked with.
    rules: Option<Arc<LoadedRules>>,
}

/// What the loop does after a message.
enum Flow {
    Continue,
    Exit(Ending),
}

/// The server's state.
struct Server<'a> {
    out: &'a mut dyn Write,
    log: &'a mut dyn Write,
    options: LspOptions,
    encoding: PositionEncoding,
    documents: Documents,
    /// Set by `initialize`.
    workspace: Option<Workspace>,
    /// Drafts edited since their last check, with when to check them.
    pending: HashMap<String, Instant>,
    checks: HashMap<String, DraftCheck>,
    shutdown: bool,
}

/// Runs the server over `input` and `out` until `exit` (or the input ends); logs to
/// `log`. See [`crate::lsp`].
pub fn run<R: Read + Send + 'static>(
    input: R,
    out: &mut dyn Write,
    log: &mut dyn Write,
    options: LspOptions,
) -> io::Result<Ending> {
    let receiver = spawn_reader(input)?;
    let mut server = Server {
        out,
        log,
        options,
        encoding: PositionEncoding::Utf16,
        documents: Documents::default(),
        workspace: None,
        pending: HashMap::new(),
        checks: HashMap::new(),
        shutdown: false,
    };
    server.run(&receiver)
}

impl Server<'_> {
    fn run(&mut self, receiver: &Receiver<Incoming>) -> io::Result<Ending> {
        loop {
            let next = self.pending.values().min().copied();
            let incoming = match next {
                Some(deadline) => {
                    match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    {
                        Ok(incoming) => Some(incoming),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => Some(Incoming::Closed(None)),
                    }
                }
                None => Some(receiver.recv().unwrap_or(Incoming::Closed(None))),
            };
            if let Some(incoming) = incoming {
                if let Flow::Exit(ending) = self.handle(incoming)? {
                    return Ok(ending);
                }
            }
            self.check_due()?;
        }
    }

    fn handle(&mut self, incoming: Incoming) -> io::Result<Flow> {
        match incoming {
            Incoming::Message(Message::Request(request)) => self.request(request)?,
            Incoming::Message(Message::Notification(notification)) => {
                return self.notification(notification)
            }
            // The server sends no requests, so expects no responses.
            Incoming::Message(Message::Response(_)) => {}
            Incoming::Malformed(why) => {
                self.log(
                    MessageType::WARNING,
                    &format!("skipped a malformed message: {why}"),
                )?;
            }
            Incoming::Closed(why) => {
                if let Some(why) = why {
                    self.log(MessageType::ERROR, &why)?;
                }
                return Ok(Flow::Exit(if self.shutdown {
                    Ending::AfterShutdown
                } else {
                    Ending::WithoutShutdown
                }));
            }
        }
        Ok(Flow::Continue)
    }

    fn send(&mut self, message: Message) -> io::Result<()> {
        write_message(self.out, &message)
    }

    fn respond_error(&mut self, id: RequestId, code: ErrorCode, message: String) -> io::Result<()> {
        self.send(Response::new_err(id, code as i32, message).into())
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) -> io::Result<()> {
        self.send(Notification::new(method.to_string(), params).into())
    }

    /// Logs a line to the log and, once initialized, to the client (`window/logMessage`).
    fn log(&mut self, kind: MessageType, text: &str) -> io::Result<()> {
        writeln!(self.log, "factcheck lsp: {text}")?;
        if self.workspace.is_some() {
            self.notify(
                "window/logMessage",
                LogMessageParams {
                    typ: kind,
                    message: text.to_string(),
                },
            )?;
        }
        Ok(())
    }

    fn request(&mut self, request: Request) -> io::Result<()> {
        let Request { id, method, params } = request;
        if self.workspace.is_none() {
            if method == "initialize" {
                return self.initialize(id, params);
            }
            return self.respond_error(
                id,
                ErrorCode::ServerNotInitialized,
                format!("`{method}` before `initialize`"),
            );
        }
        if self.shutdown {
            return self.respond_error(
                id,
                ErrorCode::InvalidRequest,
                format!("`{method}` after `shutdown`"),
            );
        }
        let result = match method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            "initialize" => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            )),
            "textDocument/codeAction" => match serde_json::from_value(params) {
                Ok(params) => self.code_action(params),
                Err(e) => Err(invalid_params(&method, e)),
            },
            "textDocument/hover" => match serde_json::from_value(params) {
                Ok(params) => self.hover(params),
                Err(e) => Err(invalid_params(&method, e)),
            },
            "textDocument/completion" => match serde_json::from_value(params) {
                Ok(params) => self.completion(params),
                Err(e) => Err(invalid_params(&method, e)),
            },
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method `{method}`"),
            )),
        };
        match result {
            Ok(value) => self.send(Response::new_ok(id, value).into()),
            Err((code, message)) => self.respond_error(id, code, message),
        }
    }

    fn initialize(&mut self, id: RequestId, params: serde_json::Value) -> io::Result<()> {
        let params: InitializeParams = match serde_json::from_value(params) {
            Ok(params) => params,
            Err(e) => {
                let (code, message) = invalid_params("initialize", e);
                return self.respond_error(id, code, message);
            }
        };
        self.encoding = PositionEncoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .and_then(|folder| uri_to_path(&folder.uri));
        #[allow(deprecated)]
        let root = root.or_else(|| params.root_uri.as_ref().and_then(uri_to_path));
        let root = root
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let mut rules = self.options.rules.clone();
        if let Some(given) = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("rules"))
        {
            let listed: Vec<&str> = match given {
                serde_json::Value::String(one) => vec![one.as_str()],
                serde_json::Value::Array(many) => many.iter().filter_map(|v| v.as_str()).collect(),
                _ => Vec::new(),
            };
            if !listed.is_empty() {
                rules = listed.iter().map(|p| root.join(p)).collect();
            }
        }
        self.workspace = Some(Workspace::new(root, rules, self.options.cache.clone()));
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![":".to_string(), " ".to_string()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL_KIND]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        };
        let result = serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "factcheck", "version": env!("CARGO_PKG_VERSION") },
        });
        self.send(Response::new_ok(id, result).into())
    }

    fn notification(&mut self, notification: Notification) -> io::Result<Flow> {
        let Notification { method, params } = notification;
        if method == "exit" {
            return Ok(Flow::Exit(if self.shutdown {
                Ending::AfterShutdown
            } else {
                Ending::WithoutShutdown
            }));
        }
        // Before `initialize` every notification but `exit` is dropped.
        if self.workspace.is_none() {
            return Ok(Flow::Continue);
        }
        let parsed = match method.as_str() {
            "textDocument/didOpen" => serde_json::from_value(params).map(|p| self.did_open(p)),
            "textDocument/didChange" => serde_json::from_value(params).map(|p| self.did_change(p)),
            "textDocument/didSave" => serde_json::from_value(params).map(|p| self.did_save(p)),
            "textDocument/didClose" => serde_json::from_value(params).map(|p| self.did_close(p)),
            "workspace/didChangeWatchedFiles" => {
                serde_json::from_value(params).map(|p| self.did_change_watched_files(p))
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace`, configuration changes and
            // anything else the server has no use for.
            _ => Ok(Ok(())),
        };
        match parsed {
            Ok(result) => result?,
            Err(e) => self.log(
                MessageType::WARNING,
                &format!("skipped `{method}`: its parameters are not valid: {e}"),
            )?,
        }
        Ok(Flow::Continue)
    }

    fn workspace(&mut self) -> &mut Workspace {
        self.workspace
            .get_or_insert_with(|| Workspace::new(PathBuf::from("."), Vec::new(), None))
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) -> io::Result<()> {
        let document = Document::open(params.text_document, self.encoding);
        let uri = document.uri.clone();
        self.documents.insert(document);
        self.check_now(&uri)
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) -> io::Result<()> {
        let uri = params.text_document.uri;
        let encoding = self.encoding;
        match self.documents.get_mut(&uri) {
            Some(document) => {
                document.apply_changes(
                    params.content_changes,
                    params.text_document.version,
                    encoding,
                );
                self.pending.insert(
                    uri.as_str().to_string(),
                    Instant::now() + self.options.debounce,
                );
                Ok(())
            }
            None => self.log(
                MessageType::WARNING,
                &format!("didChange for {}, which is not open", uri.as_str()),
            ),
        }
    }

    fn did_save(&mut self, params: DidSaveTextDocumentParams) -> io::Result<()> {
        let uri = params.text_document.uri;
        let Some(path) = self.documents.get(&uri).and_then(|d| d.path.clone()) else {
            return self.check_now(&uri);
        };
        self.file_changed(&path)?;
        self.check_now(&uri)
    }

    fn did_close(&mut self, params: DidCloseTextDocumentParams) -> io::Result<()> {
        let uri = params.text_document.uri;
        self.documents.remove(&uri);
        self.pending.remove(uri.as_str());
        self.checks.remove(uri.as_str());
        self.publish(uri, Vec::new(), None)
    }

    fn did_change_watched_files(&mut self, params: DidChangeWatchedFilesParams) -> io::Result<()> {
        for change in params.changes {
            if let Some(path) = uri_to_path(&change.uri) {
                self.file_changed(&path)?;
            }
        }
        Ok(())
    }

    /// A file changed on disk: a configuration file makes every folder's rules be found
    /// again, a rule file has its rules loaded again; then every open document those
    /// rules check is checked again.
    fn file_changed(&mut self, path: &Path) -> io::Result<()> {
        let recheck: Vec<Uri> = if is_config_file(path) {
            self.workspace().forget();
            self.documents.iter().map(|d| d.uri.clone()).collect()
        } else if matches!(DocumentKind::of("", Some(path)), DocumentKind::Yaml) {
            let reloaded = self.workspace().reload_holding(path);
            if reloaded.is_empty() {
                return Ok(());
            }
            let workspace = self.workspace.as_ref();
            self.documents
                .iter()
                .filter(|d| match d.kind {
                    DocumentKind::Draft(_) => {
                        workspace.is_some_and(|w| w.uses_any(d.folder(), &reloaded))
                    }
                    DocumentKind::Yaml => true,
                    DocumentKind::Other => false,
                })
                .map(|d| d.uri.clone())
                .collect()
        } else {
            return Ok(());
        };
        for uri in recheck {
            self.check_now(&uri)?;
        }
        Ok(())
    }

    /// Checks the drafts whose debounce has run out.
    fn check_due(&mut self) -> io::Result<()> {
        let now = Instant::now();
        let due: Vec<String> = self
            .pending
            .iter()
            .filter(|(_, &deadline)| deadline <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            if let Ok(uri) = uri.parse::<Uri>() {
                self.check_now(&uri)?;
            }
        }
        Ok(())
    }

    /// Checks a document now and publishes its diagnostics.
    fn check_now(&mut self, uri: &Uri) -> io::Result<()> {
        self.pending.remove(uri.as_str());
        let Some(document) = self.documents.get(uri) else {
            return Ok(());
        };
        let document = document.clone();
        let diagnostics = match document.kind {
            DocumentKind::Draft(format) => self.check_draft(&document, format),
            DocumentKind::Yaml => {
                let Some(path) = &document.path else {
                    return Ok(());
                };
                let Some((_, rules)) = self.workspace().rule_file_root(path) else {
                    return Ok(());
                };
                let others = rules.as_deref().map_or(&[][..], LoadedRules::rulesets);
                rule_file_diagnostics(&document, others)
            }
            DocumentKind::Other => return Ok(()),
        };
        self.publish(document.uri.clone(), diagnostics, Some(document.version))
    }

    /// Checks a draft with the rules of its folder; keeps the result for code actions
    /// and hovers.
    fn check_draft(
        &mut self,
        document: &Document,
        format: crate::text::InputFormat,
    ) -> Vec<lsp_types::Diagnostic> {
        let text = &document.text;
        let lines = &document.lines;
        let mut check = DraftCheck {
            version: document.version,
            checked: None,
            rules: None,
        };
        let diagnostics = if text.len() as u64 > DEFAULT_MAX_DRAFT_SIZE {
            vec![on_first_line(
                text,
                lines,
                DiagnosticSeverity::WARNING,
                DOCUMENT_ERROR_CODE,
                format!(
                    "not checked: the draft is over {}",
                    display_size(DEFAULT_MAX_DRAFT_SIZE)
                ),
            )]
        } else {
            match self.workspace().rules_for(document.folder()) {
                RulesFor::Unavailable(why) => vec![on_first_line(
                    text,
                    lines,
                    DiagnosticSeverity::WARNING,
                    RULES_ERROR_CODE,
                    format!("not checked: {why}"),
                )],
                RulesFor::Ready { rules, stale, .. } => {
                    let source = SourceFile::new(document.name(), text.clone());
                    let mut diagnostics = match rules.check_document(source, format) {
                        Ok(checked) => {
                            let diagnostics = draft_diagnostics(&checked, lines);
                            check.checked = Some(checked);
                            diagnostics
                        }
                        Err(e) => vec![at_line_column(
                            text,
                            lines,
                            e.line,
                            e.column,
                            DiagnosticSeverity::ERROR,
                            DOCUMENT_ERROR_CODE,
                            e.message,
                        )],
                    };
                    if let Some(stale) = stale {
                        diagnostics.push(on_first_line(
                            text,
                            lines,
                            DiagnosticSeverity::WARNING,
                            RULES_ERROR_CODE,
                            format!(
                                "checked with the rules loaded before: the rules no longer \
                                 load: {stale}"
                            ),
                        ));
                    }
                    check.rules = Some(rules);
                    diagnostics
                }
            }
        };
        self.checks.insert(document.uri.as_str().to_string(), check);
        diagnostics
    }

    fn publish(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> io::Result<()> {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        )
    }

    /// The draft at `uri` checked as it now reads (checked now when an edit is waiting
    /// for its debounce), with its format.
    fn fresh_check(
        &mut self,
        uri: &Uri,
    ) -> io::Result<Option<(Document, crate::text::InputFormat)>> {
        let Some(document) = self.documents.get(uri) else {
            return Ok(None);
        };
        let DocumentKind::Draft(format) = document.kind else {
            return Ok(None);
        };
        let version = document.version;
        let current = self
            .checks
            .get(uri.as_str())
            .is_some_and(|c| c.version == version)
            && !self.pending.contains_key(uri.as_str());
        if !current {
            self.check_now(uri)?;
        }
        Ok(self.documents.get(uri).map(|d| (d.clone(), format)))
    }

    fn code_action(&mut self, params: CodeActionParams) -> RequestResult {
        let uri = params.text_document.uri;
        let Some((document, format)) = self.fresh_check(&uri).map_err(internal)? else {
            return Ok(serde_json::json!([]));
        };
        let Some(DraftCheck {
            checked: Some(checked),
            rules: Some(rules),
            ..
        }) = self.checks.get(uri.as_str())
        else {
            return Ok(serde_json::json!([]));
        };
        let actions = code_actions(
            &document,
            checked,
            rules.rulesets(),
            format,
            params.range,
            params.context.only.as_deref(),
        );
        serde_json::to_value(actions).map_err(|e| internal(io::Error::other(e)))
    }

    fn hover(&mut self, params: HoverParams) -> RequestResult {
        let at = params.text_document_position_params;
        let uri = at.text_document.uri;
        let Some((document, format)) = self.fresh_check(&uri).map_err(internal)? else {
            return Ok(serde_json::Value::Null);
        };
        let Some(DraftCheck {
            checked: Some(checked),
            rules: Some(rules),
            ..
        }) = self.checks.get(uri.as_str())
        else {
            return Ok(serde_json::Value::Null);
        };
        let offset = document.lines.offset(&document.text, at.position);
        let found = hover(
            &document,
            checked,
            rules.rulesets(),
            rules.people(),
            format,
            offset,
        );
        serde_json::to_value(found).map_err(|e| internal(io::Error::other(e)))
    }

    fn completion(&mut self, params: CompletionParams) -> RequestResult {
        let at = params.text_document_position;
        let Some(path) = self
            .documents
            .get(&at.text_document.uri)
            .filter(|d| d.kind == DocumentKind::Yaml)
            .and_then(|d| d.path.clone())
        else {
            return Ok(serde_json::Value::Null);
        };
        if self.workspace().rule_file_root(&path).is_none() {
            return Ok(serde_json::Value::Null);
        }
        let Some(document) = self.documents.get(&at.text_document.uri) else {
            return Ok(serde_json::Value::Null);
        };
        let offset = document.lines.offset(&document.text, at.position);
        let items = speaker_completion(document, offset);
        serde_json::to_value(items.map(CompletionResponse::Array))
            .map_err(|e| internal(io::Error::other(e)))
    }
}

/// A request's result, or the error to answer with.
type RequestResult = Result<serde_json::Value, (ErrorCode, String)>;

fn invalid_params(method: &str, error: serde_json::Error) -> (ErrorCode, String) {
    (
        ErrorCode::InvalidParams,
        format!("`{method}`: invalid parameters: {error}"),
    )
}

fn internal(error: io::Error) -> (ErrorCode, String) {
    (ErrorCode::InternalError, error.to_string())
}

/// The default pause after the last edit before a draft is checked again.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(200);
