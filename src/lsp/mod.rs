//! `pitchdeck lsp`: a language server for deck files, over stdio.
//!
//! On every open and change of a document the server runs the same compiler as
//! `pitchdeck check` ([`crate::build`] with no outputs: load, check, the deck's
//! theme) on the editor's text and publishes every diagnostic with its code, a
//! link to the code's docs and its exact range. Hover shows the figures behind
//! the rules; code actions make the mechanical fixes ([`actions`]).
//!
//! The server is synchronous and single-threaded: [`Server::handle`] takes one
//! message and returns the messages to send, which makes it easy to test and
//! to benchmark in-process; [`run`] is the loop over a byte stream. No message
//! stops it: bad bytes, bad JSON and even a panic in a handler are reported and
//! the next message is read (see [`transport`]).

pub mod actions;
pub mod hover;
pub mod position;
pub mod transport;

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::str::FromStr;

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::load::MAX_DECK_BYTES;
use crate::{Build, Options};

use position::{Encoding, LineIndex};
use transport::Incoming;

/// Where the docs live when neither `--docs-url` nor the client's
/// `initializationOptions.docsUrl` says: the `docs/` folder of the source this
/// binary was built from, as a `file:` URL, when that folder is still on disk
/// (a checkout, or the package `cargo install` unpacked). pitchdeck has no
/// public docs site, so there is no web address to fall back on: without the
/// folder and without `--docs-url`, diagnostics carry their code but no link.
pub fn default_docs_url() -> Option<String> {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    docs.join("diagnostics.md")
        .is_file()
        .then(|| file_url(&docs) + "/")
}

/// A `file:` URL for a path, percent-encoding what a URL may not hold.
fn file_url(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        // `C:/…` → `file:///C:/…`.
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The full link to a code's docs under `base`, the URL of the `docs/` folder:
/// the registry's page and anchor (`Code::docs`, `docs/checks.md#w108-jargon`).
pub fn docs_url(base: &str, code: Code) -> String {
    let base = base.trim_end_matches('/');
    let page = code.docs();
    let page = page.strip_prefix("docs/").unwrap_or(&page);
    format!("{base}/{page}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for `initialize`.
    Starting,
    Running,
    /// `shutdown` answered; only `exit` is expected.
    ShutDown,
}

/// One open document and what the compiler found in it.
struct Document {
    uri: lsp::Uri,
    version: Option<i32>,
    text: String,
    /// The last text came with bytes that were not UTF-8 (repaired to U+FFFD).
    lossy: bool,
    analysis: Analysis,
}

/// The compiler's findings for one version of a document.
struct Analysis {
    index: LineIndex,
    /// Bytes before the deck text proper (a byte-order mark), which the
    /// compiler does not see: its spans are shifted by this much.
    shift: usize,
    /// The compiler's diagnostics, spans in the document's bytes.
    diagnostics: Vec<Diagnostic>,
    /// Diagnostics the server adds itself (not UTF-8, too large, an internal error).
    extra: Vec<lsp::Diagnostic>,
    /// The deck's `theme = "…"` value, where a theme file's diagnostics sit.
    theme_span: Option<std::ops::Range<usize>>,
    /// The compiled deck, when it compiled (hover, code actions).
    build: Option<Build>,
}

/// The language server's state: open documents and what was agreed with the client.
pub struct Server {
    state: State,
    encoding: Encoding,
    /// The URL of the docs folder; None: diagnostics carry no link.
    docs_url: Option<String>,
    documents: HashMap<String, Document>,
    exit: Option<i32>,
}

impl Server {
    /// A server whose docs links start with `docs_url`, else
    /// [`default_docs_url`] (the client may change it in `initialize`).
    pub fn new(docs_url: Option<String>) -> Server {
        Server {
            state: State::Starting,
            encoding: Encoding::Utf16,
            docs_url: docs_url
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty())
                .or_else(default_docs_url),
            documents: HashMap::new(),
            exit: None,
        }
    }

    /// The process's exit code once `exit` has arrived: 0 after `shutdown`, 1 without.
    pub fn exit_code(&self) -> Option<i32> {
        self.exit
    }

    /// Handles one message; returns what to send back (responses, diagnostics).
    pub fn handle(&mut self, message: Message) -> Vec<Message> {
        self.handle_read(message, false)
    }

    /// As [`Server::handle`], for a message whose bytes were repaired (`lossy`).
    /// A panic in a handler is caught: a request gets an internal error, a
    /// document gets a diagnostic saying so, and the server goes on.
    pub fn handle_read(&mut self, message: Message, lossy: bool) -> Vec<Message> {
        let id = match &message {
            Message::Request(r) => Some(r.id.clone()),
            _ => None,
        };
        let uri = document_uri(&message);
        match catch_unwind(AssertUnwindSafe(|| self.dispatch(message, lossy))) {
            Ok(out) => out,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_string());
                let mut out = Vec::new();
                if let Some(id) = id {
                    out.push(
                        Response::new_err(
                            id,
                            ErrorCode::InternalError as i32,
                            format!("pitchdeck failed on this request: {what}"),
                        )
                        .into(),
                    );
                }
                if let Some(uri) = uri
                    && let Some(doc) = self.documents.get_mut(&uri)
                {
                    doc.analysis.build = None;
                    doc.analysis.diagnostics.clear();
                    doc.analysis.extra = vec![lsp::Diagnostic {
                        range: lsp::Range::default(),
                        severity: Some(lsp::DiagnosticSeverity::ERROR),
                        source: Some("pitchdeck".into()),
                        message: format!(
                            "pitchdeck could not check this text (an internal error: {what}); please report it with the deck"
                        ),
                        ..Default::default()
                    }];
                    out.push(publish(doc, self.docs_url.as_deref()));
                }
                out
            }
        }
    }

    fn dispatch(&mut self, message: Message, lossy: bool) -> Vec<Message> {
        match message {
            Message::Request(r) => self.request(r),
            Message::Notification(n) => self.notification(n, lossy),
            // We send no requests, so no response is awaited.
            Message::Response(_) => Vec::new(),
        }
    }

    fn request(&mut self, r: Request) -> Vec<Message> {
        let reply = match (self.state, r.method.as_str()) {
            (State::Starting, "initialize") => Ok(self.initialize(&r.params)),
            (State::Starting, _) => Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet".to_string(),
            )),
            (State::ShutDown, _) => Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_string(),
            )),
            (State::Running, "initialize") => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            )),
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, "textDocument/hover") => self.hover(r.params),
            (State::Running, "textDocument/codeAction") => self.code_action(r.params),
            (State::Running, method) => Err((
                ErrorCode::MethodNotFound,
                format!("pitchdeck does not answer `{method}`"),
            )),
        };
        let response = match reply {
            Ok(value) => Response::new_ok(r.id, value),
            Err((code, message)) => Response::new_err(r.id, code as i32, message),
        };
        vec![response.into()]
    }

    fn initialize(&mut self, params: &Value) -> Value {
        let offers_utf8 = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .is_some_and(|kinds| kinds.iter().any(|k| k.as_str() == Some("utf-8")));
        self.encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        if let Some(url) = params
            .pointer("/initializationOptions/docsUrl")
            .and_then(Value::as_str)
            .filter(|u| !u.trim().is_empty())
        {
            self.docs_url = Some(url.trim().to_string());
        }
        self.state = State::Running;
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(match self.encoding {
                Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
                Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
                lsp::TextDocumentSyncKind::FULL,
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                    ..Default::default()
                },
            )),
            ..Default::default()
        };
        json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "pitchdeck", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    fn notification(&mut self, n: Notification, lossy: bool) -> Vec<Message> {
        if n.method == "exit" {
            self.exit = Some(if self.state == State::ShutDown { 0 } else { 1 });
            return Vec::new();
        }
        if self.state != State::Running {
            return Vec::new();
        }
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                let doc = p.text_document;
                self.update(doc.uri, Some(doc.version), doc.text, lossy)
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                let key = p.text_document.uri.as_str().to_string();
                let Some(doc) = self.documents.get(&key) else {
                    // A change to a document never opened: with full sync the
                    // last change is the whole text, so start from it.
                    return match p.content_changes.into_iter().last() {
                        Some(c) if c.range.is_none() => self.update(
                            p.text_document.uri,
                            Some(p.text_document.version),
                            c.text,
                            lossy,
                        ),
                        _ => Vec::new(),
                    };
                };
                // Ranged changes keep the earlier text, and so its repaired bytes.
                let carried = doc.lossy && p.content_changes.iter().all(|c| c.range.is_some());
                let lossy = lossy || carried;
                let mut text = doc.text.clone();
                for change in p.content_changes {
                    match change.range {
                        // Full sync, as announced: the whole text.
                        None => text = change.text,
                        // A client that sends ranges anyway: apply them.
                        Some(range) => {
                            let index = LineIndex::new(&text, self.encoding);
                            let start = index.offset(&text, range.start);
                            let end = index.offset(&text, range.end).max(start);
                            text.replace_range(start..end, &change.text);
                        }
                    }
                }
                self.update(
                    p.text_document.uri,
                    Some(p.text_document.version),
                    text,
                    lossy,
                )
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                else {
                    return Vec::new();
                };
                self.documents.remove(p.text_document.uri.as_str());
                let clear = lsp::PublishDiagnosticsParams {
                    uri: p.text_document.uri,
                    diagnostics: Vec::new(),
                    version: None,
                };
                vec![Notification::new("textDocument/publishDiagnostics".into(), clear).into()]
            }
            "workspace/didChangeConfiguration" => {
                let url = n
                    .params
                    .pointer("/settings/pitchdeck/docsUrl")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|u| !u.is_empty());
                match url {
                    Some(url) if Some(url) != self.docs_url.as_deref() => {
                        self.docs_url = Some(url.to_string());
                        self.documents
                            .values()
                            .map(|d| publish(d, self.docs_url.as_deref()))
                            .collect()
                    }
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// Stores a document's new text, compiles it, and returns its diagnostics.
    fn update(
        &mut self,
        uri: lsp::Uri,
        version: Option<i32>,
        text: String,
        lossy: bool,
    ) -> Vec<Message> {
        let key = uri.as_str().to_string();
        let analysis = analyze(&uri, &text, lossy, self.encoding, self.docs_url.as_deref());
        let doc = Document {
            uri,
            version,
            text,
            lossy,
            analysis,
        };
        let out = publish(&doc, self.docs_url.as_deref());
        self.documents.insert(key, doc);
        vec![out]
    }

    fn document(&self, uri: &lsp::Uri) -> Result<&Document, (ErrorCode, String)> {
        self.documents.get(uri.as_str()).ok_or((
            ErrorCode::InvalidParams,
            format!("`{}` is not open", uri.as_str()),
        ))
    }

    fn hover(&self, params: Value) -> Result<Value, (ErrorCode, String)> {
        let p: lsp::HoverParams = serde_json::from_value(params)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        let at = p.text_document_position_params;
        let doc = self.document(&at.text_document.uri)?;
        let a = &doc.analysis;
        let Some(build) = &a.build else {
            return Ok(Value::Null);
        };
        let (Some(deck), Some(lowered)) = (&build.deck, &build.lowered) else {
            return Ok(Value::Null);
        };
        let offset = a.index.offset(&doc.text, at.position);
        let Some(offset) = offset.checked_sub(a.shift) else {
            return Ok(Value::Null);
        };
        let source = &doc.text[a.shift..];
        let Some((span, text)) = hover::hover(source, deck, lowered, offset) else {
            return Ok(Value::Null);
        };
        let span = span.start + a.shift..span.end + a.shift;
        let result = lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: text,
            }),
            range: Some(a.index.range(&doc.text, &span)),
        };
        serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    fn code_action(&self, params: Value) -> Result<Value, (ErrorCode, String)> {
        let p: lsp::CodeActionParams = serde_json::from_value(params)
            .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        if let Some(only) = &p.context.only
            && !only.iter().any(|k| {
                lsp::CodeActionKind::QUICKFIX
                    .as_str()
                    .starts_with(k.as_str())
            })
        {
            return Ok(json!([]));
        }
        let doc = self.document(&p.text_document.uri)?;
        let a = &doc.analysis;
        let wanted =
            a.index.offset(&doc.text, p.range.start)..a.index.offset(&doc.text, p.range.end);
        let source = &doc.text[a.shift..];
        let mut actions = Vec::new();
        for d in &a.diagnostics {
            // A span in a theme's file is no place in this document.
            let (Some(span), None) = (&d.span, &d.file) else {
                continue;
            };
            // Touching counts: a cursor right after a word is "on" it.
            if span.start > wanted.end || span.end < wanted.start {
                continue;
            }
            let unshifted = Diagnostic {
                span: Some(span.start - a.shift..span.end - a.shift),
                ..d.clone()
            };
            for fix in actions::fixes(&unshifted, source) {
                let edits = fix
                    .edits
                    .iter()
                    .map(|(range, text)| lsp::TextEdit {
                        range: a
                            .index
                            .range(&doc.text, &(range.start + a.shift..range.end + a.shift)),
                        new_text: text.clone(),
                    })
                    .collect();
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(
                        d,
                        &doc.text,
                        &a.index,
                        a.theme_span.as_ref(),
                        self.docs_url.as_deref(),
                    )]),
                    edit: Some(lsp::WorkspaceEdit {
                        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    is_preferred: fix.preferred.then_some(true),
                    ..Default::default()
                }));
            }
        }
        serde_json::to_value(actions).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }
}

/// The document a notification is about, for reporting a panic on it.
fn document_uri(message: &Message) -> Option<String> {
    let Message::Notification(n) = message else {
        return None;
    };
    n.params
        .pointer("/textDocument/uri")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The deck's path on disk for a `file:` URI (images and the theme are
/// relative to its folder); other schemes (`untitled:`) are taken as a deck in
/// the server's working folder.
pub fn deck_path(uri: &str) -> PathBuf {
    let Some(rest) = uri.strip_prefix("file://") else {
        return PathBuf::from("untitled.toml");
    };
    // `file:///path` (empty authority) or `file://localhost/path`.
    let path = match rest.find('/') {
        Some(i) => &rest[i..],
        None => return PathBuf::from("untitled.toml"),
    };
    let bytes = percent_decode(path);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt as _;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // `/C:/deck.toml` → `C:/deck.toml`.
        let text = match text.as_bytes() {
            [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => text[1..].to_string(),
            _ => text,
        };
        PathBuf::from(text)
    }
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Whether a document is a deck, and so is checked. Editors start the server
/// for every TOML file (Cargo.toml, pyproject.toml, …); those are left alone.
/// A deck is a file whose name has `deck` in it (`deck.toml`, `q3.deck.toml`),
/// or whose text has a `[deck]` table or the `#:schema` line of
/// `deck.schema.json`.
pub fn is_deck(uri: &str, text: &str) -> bool {
    let name = uri.rsplit(['/', '\\', ':']).next().unwrap_or(uri);
    if name.to_ascii_lowercase().contains("deck") {
        return true;
    }
    text.lines().any(|line| {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("#:schema") {
            return rest.contains("deck.schema.json");
        }
        line.strip_prefix('[')
            .and_then(|rest| rest.trim_start().strip_prefix("deck"))
            .is_some_and(|rest| rest.trim_start().starts_with(']'))
    })
}

/// Runs the compiler on one version of a document.
fn analyze(
    uri: &lsp::Uri,
    text: &str,
    lossy: bool,
    encoding: Encoding,
    docs_url: Option<&str>,
) -> Analysis {
    let index = LineIndex::new(text, encoding);
    let error =
        |span: std::ops::Range<usize>, code: Option<Code>, message: String| lsp::Diagnostic {
            range: index.range(text, &span),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            code: code.map(|c| lsp::NumberOrString::String(c.as_str().to_string())),
            code_description: code.and_then(|c| description(docs_url, c)),
            source: Some("pitchdeck".into()),
            message,
            ..Default::default()
        };
    let mut analysis = Analysis {
        index: index.clone(),
        shift: 0,
        theme_span: None,
        diagnostics: Vec::new(),
        extra: Vec::new(),
        build: None,
    };
    if !is_deck(uri.as_str(), text) {
        return analysis;
    }
    if lossy && let Some(at) = text.find('\u{fffd}') {
        // The client could not send these bytes as text: the file is not UTF-8.
        analysis.extra.push(error(
            at..at + '\u{fffd}'.len_utf8(),
            None,
            "the file is not UTF-8 text here (the editor sent bytes that are not UTF-8)\nhelp: save it as UTF-8".to_string(),
        ));
        return analysis;
    }
    if text.len() as u64 > MAX_DECK_BYTES {
        let at = floor_char_boundary(text, MAX_DECK_BYTES as usize);
        analysis.extra.push(error(
            at..at,
            Some(Code::E011),
            format!(
                "the file is {} bytes; a deck may be at most {MAX_DECK_BYTES} bytes, and this is where it goes over\nhelp: a deck is a page of text: move detail to a separate document",
                text.len()
            ),
        ));
        return analysis;
    }
    let shift = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let source = &text[shift..];
    match crate::build(source, &deck_path(uri.as_str()), &Options::default()) {
        Ok(mut build) => {
            for d in &mut build.diagnostics {
                if d.file.is_none() {
                    d.span = d.span.take().map(|s| s.start + shift..s.end + shift);
                }
            }
            analysis.diagnostics = std::mem::take(&mut build.diagnostics);
            analysis.theme_span = build
                .deck
                .as_ref()
                .and_then(|d| d.meta.theme.as_ref())
                .map(|t| t.span.start + shift..t.span.end + shift);
            analysis.build = Some(build);
        }
        // Only a `--theme` given by the caller can fail this way, and the
        // server gives none; reported rather than ignored all the same.
        Err(e) => analysis.extra.push(error(0..0, None, e.to_string())),
    }
    analysis.shift = shift;
    analysis
}

fn description(base: Option<&str>, code: Code) -> Option<lsp::CodeDescription> {
    lsp::Uri::from_str(&docs_url(base?, code))
        .ok()
        .map(|href| lsp::CodeDescription { href })
}

/// A library diagnostic as LSP's: the help on a line of its own under the
/// message. One about another file (a theme's `theme.toml` or `deck.html`)
/// sits on the deck's `theme = "…"` (`theme_span`), says where in that file,
/// and links there (`relatedInformation`).
fn to_lsp(
    d: &Diagnostic,
    text: &str,
    index: &LineIndex,
    theme_span: Option<&std::ops::Range<usize>>,
    docs_url: Option<&str>,
) -> lsp::Diagnostic {
    let mut message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let mut related = None;
    let range = match &d.file {
        None => d
            .span
            .as_ref()
            .map_or_else(lsp::Range::default, |s| index.range(text, s)),
        Some(file) => {
            let place = match (&file.text, &d.span) {
                (Some(other), Some(span)) => {
                    let at = LineIndex::new(other, index.encoding()).range(other, span);
                    let (line, col) = crate::diagnostic::SourceFile {
                        path: &file.path,
                        text: other,
                    }
                    .line_col(span.start);
                    message = format!("{}:{line}:{col}: {message}", file.path);
                    at
                }
                _ => {
                    message = format!("{}: {message}", file.path);
                    lsp::Range::default()
                }
            };
            let path = std::path::Path::new(&file.path);
            if path.is_absolute()
                && let Ok(uri) = lsp::Uri::from_str(&file_url(path))
            {
                related = Some(vec![lsp::DiagnosticRelatedInformation {
                    location: lsp::Location { uri, range: place },
                    message: d.message.clone(),
                }]);
            }
            theme_span.map_or_else(lsp::Range::default, |s| index.range(text, s))
        }
    };
    lsp::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code_description: description(docs_url, d.code),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        source: Some("pitchdeck".into()),
        message,
        related_information: related,
        ..Default::default()
    }
}

fn publish(doc: &Document, docs_url: Option<&str>) -> Message {
    let a = &doc.analysis;
    let mut diagnostics: Vec<lsp::Diagnostic> = a.extra.clone();
    diagnostics.extend(
        a.diagnostics
            .iter()
            .map(|d| to_lsp(d, &doc.text, &a.index, a.theme_span.as_ref(), docs_url)),
    );
    let params = lsp::PublishDiagnosticsParams {
        uri: doc.uri.clone(),
        diagnostics,
        version: doc.version,
    };
    Notification::new("textDocument/publishDiagnostics".into(), params).into()
}

/// Serves one client over `input`/`output` until `exit` (or the end of input).
/// Returns the exit code: 0 after `shutdown` and `exit`, 1 otherwise.
pub fn run(
    input: &mut impl BufRead,
    output: &mut impl Write,
    docs_url: Option<String>,
) -> io::Result<i32> {
    let mut server = Server::new(docs_url);
    loop {
        let replies = match transport::read(input)? {
            Incoming::End => return Ok(1),
            Incoming::Message { message, lossy } => server.handle_read(message, lossy),
            Incoming::Malformed { id, why } => {
                let code = if id.is_null() {
                    ErrorCode::ParseError
                } else {
                    ErrorCode::InvalidRequest
                };
                transport::write_error(
                    output,
                    &id,
                    code as i32,
                    &format!("not a JSON-RPC message pitchdeck can read: {why}"),
                )?;
                Vec::new()
            }
            Incoming::TooLarge(n) => vec![
                Notification::new(
                    "window/showMessage".into(),
                    lsp::ShowMessageParams {
                        typ: lsp::MessageType::ERROR,
                        message: format!(
                            "pitchdeck skipped a message of {n} bytes (at most {} are read); a deck may be at most {MAX_DECK_BYTES} bytes",
                            transport::MAX_MESSAGE_BYTES
                        ),
                    },
                )
                .into(),
            ],
        };
        for reply in &replies {
            transport::write(output, reply)?;
        }
        if let Some(code) = server.exit_code() {
            return Ok(code);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn docs_links_come_from_the_registry_under_the_docs_folder() {
        let base = "https://example.org/pitchdeck/docs/";
        assert_eq!(
            docs_url(base, Code::W108),
            "https://example.org/pitchdeck/docs/checks.md#w108-jargon"
        );
        assert_eq!(
            docs_url("https://example.org/d", Code::E002),
            "https://example.org/d/diagnostics.md#errors"
        );
        assert_eq!(
            file_url(Path::new("/tmp/my decks/docs")),
            "file:///tmp/my%20decks/docs"
        );
        // Built from this checkout, whose docs/ is on disk.
        let default = default_docs_url().expect("docs/ of this checkout");
        assert!(default.starts_with("file:///") && default.ends_with("/docs/"));
    }

    #[test]
    fn only_decks_are_checked() {
        for (uri, text) in [
            ("file:///p/deck.toml", ""),
            ("file:///p/Q3.Deck.toml", "x = 1"),
            ("file:///p/pitch.toml", "# a pitch\n[deck]\ntitle = \"x\""),
            ("untitled:Untitled-1", "  [ deck ]  # the title slide"),
            ("file:///p/a.toml", "#:schema ./deck.schema.json\n"),
        ] {
            assert!(is_deck(uri, text), "{uri} {text:?}");
        }
        for (uri, text) in [
            ("file:///p/Cargo.toml", "[package]\nname = \"deck\"\n"),
            ("file:///decks/pyproject.toml", "[tool.deck]\n[decks]\n"),
            ("file:///p/a.toml", "#:schema ./other.json\n"),
        ] {
            assert!(!is_deck(uri, text), "{uri} {text:?}");
        }
    }

    #[test]
    fn file_uris_are_paths_and_other_schemes_an_untitled_deck() {
        assert_eq!(
            deck_path("file:///tmp/a%20b/d%C3%A4ck.toml"),
            PathBuf::from("/tmp/a b/däck.toml")
        );
        assert_eq!(
            deck_path("file://localhost/tmp/deck.toml"),
            PathBuf::from("/tmp/deck.toml")
        );
        assert_eq!(
            deck_path("untitled:Untitled-1"),
            PathBuf::from("untitled.toml")
        );
    }
}
