//! `pitchdeck watch`: build, serve the deck on 127.0.0.1, rebuild when the deck,
//! an image it uses or a user theme file changes, and reload the page on the
//! same slide.
//!
//! Three parts, each simple: a file watcher (notify, debounced) that sends
//! events to the main thread; the main thread, which rebuilds and publishes
//! the result in `Shared`; and a small HTTP server (tiny_http) that serves the
//! last good page with a reload script added, and a long-polled status
//! endpoint the script waits on. Errors go to the terminal and, through the
//! status endpoint, to an overlay on the page; the last good deck stays served.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use pitchdeck::backend::Settings;
use pitchdeck::check::messages::{self, Msg};
use pitchdeck::diagnostic::{self, Format, SourceFile};
use pitchdeck::html::reload_script;
use pitchdeck::{Options, load, write};
use tiny_http::{Header, Method, Request, Response, Server};

use super::build::{destinations, output_path};
use super::common::{EXIT_USAGE, deck_dir, fail, print_diagnostics, report_lang};
use crate::{FormatArg, ReportArgs};

/// How long the status endpoint holds a request open waiting for a rebuild.
const LONG_POLL: Duration = Duration::from_secs(25);
/// Quiet time after the last file event before rebuilding: editors often write
/// a file in several steps, but within a few milliseconds. Short, because it is
/// most of the time from save to rebuilt deck (target ≤ 20 ms, docs/performance.md);
/// a save caught half-written sends more events and is rebuilt again.
const DEBOUNCE: Duration = Duration::from_millis(8);
/// Where the page's script asks for news.
const STATUS_PATH: &str = "/__pitchdeck/status";

pub struct WatchArgs<'a> {
    pub deck: &'a Path,
    pub output: Option<&'a Path>,
    pub theme: Option<&'a str>,
    pub port: u16,
    pub open: bool,
    /// Also write these on every good build: PDFs (`pdf`, `slides.pdf`,
    /// `brief.pdf`) and the PowerPoint file (`pptx`).
    pub also: Vec<&'static str>,
    pub settings: Settings,
}

/// What the server shows: the last good page and the latest build's errors.
struct State {
    /// Counts builds, good or bad.
    version: u64,
    /// The `version` of the build that made `page`.
    good: u64,
    page: Option<String>,
    /// The latest build's problems as text, when it failed.
    errors: Option<String>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking request thread must not take the server down with it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

enum Event {
    Files(DebounceEventResult),
    Stop,
}

pub fn watch(args: &WatchArgs) -> ExitCode {
    let deck = args.deck;
    if !deck.is_file() {
        return fail(format!("{}: no such file", deck.display()), EXIT_USAGE);
    }
    let output = output_path(deck, args.output, "html", false);
    if write::same_file(&output, deck) {
        return fail(
            format!(
                "the output {} would overwrite the deck file; choose another -o",
                output.display()
            ),
            EXIT_USAGE,
        );
    }
    if let Err(message) = write::check_output(&output) {
        return fail(message, EXIT_USAGE);
    }
    // Loopback only: a deck in progress is nobody else's business.
    let server = match Server::http(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(e) => {
            return fail(
                format!("could not serve on 127.0.0.1:{}: {e}", args.port),
                EXIT_USAGE,
            );
        }
    };
    let Some(port) = server.server_addr().to_ip().map(|a| a.port()) else {
        return fail("the server has no TCP address", EXIT_USAGE);
    };
    let server = Arc::new(server);
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            version: 0,
            good: 0,
            page: None,
            errors: None,
        }),
        changed: Condvar::new(),
    });

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Event::Stop);
    }) {
        return fail(format!("could not handle Ctrl-C: {e}"), EXIT_USAGE);
    }
    let mut debouncer = match new_debouncer(DEBOUNCE, None, move |result| {
        let _ = tx.send(Event::Files(result));
    }) {
        Ok(d) => d,
        Err(e) => return fail(format!("could not watch files: {e}"), EXIT_USAGE),
    };

    // The first build decides only whether --theme is usable.
    let mut targets = Targets::default();
    let mut watched: BTreeMap<PathBuf, RecursiveMode> = BTreeMap::new();
    match rebuild(args, &output, &shared, true) {
        Ok(new) => targets = targets.next(new),
        Err(code) => return code,
    }
    update_watches(&mut debouncer, &mut watched, &targets);

    let server_thread = {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        thread::spawn(move || serve(&server, &shared, port))
    };
    let url = format!("http://127.0.0.1:{port}/");
    say!("serving {url} (Ctrl-C to stop)");
    if args.open
        && let Err(e) = opener::open(&url)
    {
        tell!("note: could not open a browser ({e}); open {url} yourself");
    }

    for event in rx {
        match event {
            Event::Stop => break,
            Event::Files(Err(errors)) => {
                for e in errors {
                    tell!("note: watching files: {e}");
                }
            }
            Event::Files(Ok(events)) => {
                let relevant = events
                    .iter()
                    .filter(|e| changes_content(&e.kind))
                    .flat_map(|e| e.paths.iter())
                    .any(|p| targets.covers(p));
                if !relevant {
                    continue;
                }
                if let Ok(new) = rebuild(args, &output, &shared, false) {
                    targets = targets.next(new);
                    update_watches(&mut debouncer, &mut watched, &targets);
                }
            }
        }
    }
    server.unblock();
    let _ = server_thread.join();
    say!("stopped watching {}", deck.display());
    ExitCode::SUCCESS
}

/// Whether a file event can mean new content. Reading a file is an event too
/// (our own rebuild reads the deck), so access events must not trigger one.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Any | EventKind::Other => true,
    }
}

/// Builds once, prints the outcome, writes the HTML and publishes the result.
/// Returns what to watch next; `Err` only when the first build finds a usage
/// error (a bad --theme, an unreadable deck): later, a file being saved may be
/// missing or broken for a moment, and that is shown like any other error.
fn rebuild(
    args: &WatchArgs,
    output: &Path,
    shared: &Shared,
    first: bool,
) -> Result<Targets, ExitCode> {
    let started = Instant::now();
    let deck = args.deck;
    let display = deck.display().to_string();
    let source = match load::read(deck) {
        Ok(s) => s,
        Err(e) if first && !e.is_deck_error() => return Err(fail(e.message(), EXIT_USAGE)),
        Err(e) => {
            let message = e.message();
            tell!("error: {message}");
            tell!("{}", still_serving(shared, &display));
            publish(shared, None, Some(message));
            return Ok(Targets::for_deck(deck, &[], None, false));
        }
    };
    // The file on disk and the page served (the same deck with the reload
    // script), and the PDF and the PPTX when asked for.
    let mut outputs = vec!["html", "served.html"];
    outputs.extend(args.also.iter().copied());
    let options = Options {
        theme: args.theme.map(str::to_string),
        outputs,
        settings: Settings {
            served_version: shared.lock().version + 1,
            ..args.settings.clone()
        },
    };
    let built = match pitchdeck::build(&source, deck, &options) {
        Ok(b) => b,
        Err(e) if first => return Err(fail(e, EXIT_USAGE)),
        Err(e) => {
            let message = e.to_string();
            tell!("error: {message}");
            publish(shared, None, Some(message));
            return Ok(Targets::for_deck(deck, &[], None, false));
        }
    };
    let file = SourceFile {
        path: &display,
        text: &source,
    };
    let report = ReportArgs {
        format: FormatArg::Human,
        deny: Vec::new(),
        lang: None,
    };
    let lang = report_lang(&built, &report);
    print_diagnostics(&built.diagnostics, &file, &report, lang);
    let served = built.artifact("served.html");
    let targets = Targets::for_deck(
        deck,
        &built.inputs.files,
        built.inputs.theme_folder.as_deref(),
        served.is_some(),
    );
    let Some(served) = served else {
        let mut text =
            diagnostic::render_in(&built.diagnostics, &file, Format::Human, false, &|s| {
                messages::header(s, lang)
            });
        if !built.diagnostics.is_empty() {
            text.push_str(&format!(
                "{display}: {}\n",
                messages::summary(&built.diagnostics, lang)
            ));
        }
        tell!("{}", still_serving(shared, &display));
        publish(shared, None, Some(text));
        return Ok(targets);
    };
    let mut wrote = Vec::new();
    for (path, artifact) in destinations(deck, args.output, options.outputs.len(), &built) {
        if write::same_file(&path, deck) {
            tell!(
                "error: the output {} would overwrite the deck file; choose another -o",
                path.display()
            );
        } else if let Err(e) = write::atomic_write(&path, &artifact.bytes) {
            tell!("error: {}", write::error_message(&path, &e));
        } else if artifact.output != "html" {
            wrote.push(format!(" and {} ({})", path.display(), artifact.summary));
        }
    }
    let warnings = built.diagnostics.iter().filter(|d| !d.is_error()).count();
    say!(
        "{} {}{} in {:.1} ms: {}, {}",
        if first { "built" } else { "rebuilt" },
        output.display(),
        wrote.concat(),
        started.elapsed().as_secs_f64() * 1000.0,
        served.summary,
        match warnings {
            0 => Msg::ReportNoWarnings.plain(lang),
            n => messages::warnings(n, lang),
        }
    );
    let page = String::from_utf8_lossy(&served.bytes).into_owned();
    publish(shared, Some(page), None);
    Ok(targets)
}

fn still_serving(shared: &Shared, display: &str) -> String {
    if shared.lock().page.is_some() {
        format!("{display}: still serving the last good version")
    } else {
        format!("{display}: nothing to show until the errors are fixed; the page lists them")
    }
}

/// Publishes a build: a new page (when it succeeded) or its errors, and wakes
/// the waiting pages.
fn publish(shared: &Shared, page: Option<String>, errors: Option<String>) {
    let mut state = shared.lock();
    state.version += 1;
    if let Some(page) = page {
        state.page = Some(page);
        state.good = state.version;
    }
    state.errors = errors;
    drop(state);
    shared.changed.notify_all();
}

/// The files a rebuild depends on, as absolute paths, and the folders to watch
/// for them (editors often replace a file rather than write into it, so the
/// folder is watched, not the file).
#[derive(Default)]
struct Targets {
    files: BTreeSet<PathBuf>,
    trees: BTreeSet<PathBuf>,
    dirs: BTreeSet<PathBuf>,
    /// Whether these came from a good build; after a failed one, the previous
    /// targets are kept as well (the failed source may not name them all).
    complete: bool,
}

impl Targets {
    fn for_deck(
        deck: &Path,
        files: &[String],
        theme_folder: Option<&Path>,
        complete: bool,
    ) -> Targets {
        let mut t = Targets {
            complete,
            ..Targets::default()
        };
        let Ok(dir) = deck_dir(deck).canonicalize() else {
            return t;
        };
        let Some(name) = deck.file_name() else {
            return t;
        };
        t.files.insert(dir.join(name));
        t.dirs.insert(dir.clone());
        for rel in files {
            let path = normalize(&dir.join(rel));
            if let Some(parent) = path.parent().and_then(|p| p.canonicalize().ok()) {
                if let Some(file) = path.file_name() {
                    t.files.insert(parent.join(file));
                }
                t.dirs.insert(parent);
            }
        }
        if let Some(folder) = theme_folder.and_then(|f| f.canonicalize().ok()) {
            t.trees.insert(folder);
        }
        t
    }

    /// The targets to use after a build: the new ones, plus the old ones when
    /// the build failed.
    fn next(self, new: Targets) -> Targets {
        if new.complete {
            return new;
        }
        let mut merged = new;
        merged.files.extend(self.files);
        merged.trees.extend(self.trees);
        merged.dirs.extend(self.dirs);
        merged
    }

    fn covers(&self, path: &Path) -> bool {
        self.files.contains(path) || self.trees.iter().any(|t| path.starts_with(t))
    }

    fn wanted(&self) -> BTreeMap<PathBuf, RecursiveMode> {
        let mut out: BTreeMap<PathBuf, RecursiveMode> = self
            .dirs
            .iter()
            .map(|d| (d.clone(), RecursiveMode::NonRecursive))
            .collect();
        for tree in &self.trees {
            out.insert(tree.clone(), RecursiveMode::Recursive);
        }
        out
    }
}

fn update_watches<W: notify::Watcher, C: notify_debouncer_full::FileIdCache>(
    debouncer: &mut notify_debouncer_full::Debouncer<W, C>,
    watched: &mut BTreeMap<PathBuf, RecursiveMode>,
    targets: &Targets,
) {
    let wanted = targets.wanted();
    for (path, mode) in watched.clone() {
        if wanted.get(&path) != Some(&mode) {
            let _ = debouncer.unwatch(&path);
            watched.remove(&path);
        }
    }
    for (path, mode) in wanted {
        if watched.contains_key(&path) {
            continue;
        }
        match debouncer.watch(&path, mode) {
            Ok(()) => {
                watched.insert(path, mode);
            }
            Err(e) => tell!("note: cannot watch {}: {e}", path.display()),
        }
    }
}

/// Image paths the deck names (`[deck] logo`, each section's `image`), read
/// from the TOML directly so that they are known even when the deck has errors.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Answers requests until the server is unblocked; one thread per request,
/// since status requests wait.
fn serve(server: &Server, shared: &Arc<Shared>, port: u16) {
    for request in server.incoming_requests() {
        let shared = Arc::clone(shared);
        thread::spawn(move || answer(request, &shared, port));
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: Request, status: u16, content_type: &str, body: String) {
    let mut response = Response::from_string(body).with_status_code(status);
    for h in [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    // The browser may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

fn answer(request: Request, shared: &Shared, port: u16) {
    // Only pages on this machine's own addresses may talk to us: a Host check
    // keeps other web sites out (DNS rebinding).
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase());
    if let Some(host) = host
        && host != format!("127.0.0.1:{port}")
        && host != format!("localhost:{port}")
    {
        respond(
            request,
            403,
            "text/plain; charset=utf-8",
            "pitchdeck watch answers only to 127.0.0.1 and localhost\n".into(),
        );
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        respond(
            request,
            405,
            "text/plain; charset=utf-8",
            "only GET\n".into(),
        );
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    match path {
        "/" | "/index.html" => {
            let state = shared.lock();
            let body = match &state.page {
                Some(page) => page.clone(),
                None => waiting_page(state.good),
            };
            drop(state);
            respond(request, 200, "text/html; charset=utf-8", body);
        }
        STATUS_PATH => {
            let since = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
            let state = shared.lock();
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, LONG_POLL, |s| s.version == since)
                .unwrap_or_else(|e| e.into_inner());
            let body = serde_json::json!({
                "version": state.version,
                "good": state.good,
                "errors": state.errors,
            })
            .to_string();
            drop(state);
            respond(request, 200, "application/json", body);
        }
        _ => respond(
            request,
            404,
            "text/plain; charset=utf-8",
            "not found\n".into(),
        ),
    }
}

/// The page's live-reload script: waits on the status endpoint, reloads when
/// a newer good build exists (the `#N` in the address keeps the slide), and
/// shows the errors of a failed build over the last good deck. Its text never
/// changes (the build it shows comes in `data-good`), so the page's
/// Content-Security-Policy can allow it by hash.
/// What is served before the first good build.
fn waiting_page(good: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>pitchdeck watch</title>\n</head>\n<body style=\"font:20px/1.4 system-ui,sans-serif;margin:48px\">\n<h1>pitchdeck watch</h1>\n<p>The deck has errors, so there is nothing to show yet. Fix the file and this page updates itself.</p>\n{}</body>\n</html>\n",
        reload_script(good)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_dots() {
        assert_eq!(
            normalize(Path::new("/a/./b/../c.png")),
            PathBuf::from("/a/c.png")
        );
    }

    // A (not-good) build keeps what the previous one watched.
    #[test]
    fn a_failed_build_keeps_the_old_targets() {
        let old = Targets {
            files: [PathBuf::from("/d/img/a.png")].into(),
            complete: true,
            ..Targets::default()
        };
        let failed = Targets {
            files: [PathBuf::from("/d/deck.toml")].into(),
            complete: false,
            ..Targets::default()
        };
        let merged = old.next(failed);
        assert!(merged.covers(Path::new("/d/img/a.png")));
        assert!(merged.covers(Path::new("/d/deck.toml")));
        assert!(!merged.covers(Path::new("/d/deck.html")));
    }
}
