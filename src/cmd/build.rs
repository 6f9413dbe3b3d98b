//! `pitchdeck build`: deck.toml to a self-contained HTML deck.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pitchdeck::diagnostic::{Diagnostic, SourceFile};
use pitchdeck::{Theme, compile, html, load, theme, write};

use super::common::{EXIT_DECK, EXIT_USAGE, deck_dir, denied, fail, print_diagnostics};
use crate::ReportArgs;

/// A deck rendered in memory: what `build` writes and `watch` serves.
pub struct Rendered {
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The page and its slide count, when the deck had no errors.
    pub page: Option<(String, usize)>,
    /// The user's theme folder, when the deck uses one (watched for changes).
    pub theme_folder: Option<PathBuf>,
    /// Why the theme could not render a deck that had no errors.
    pub theme_error: Option<String>,
}

/// Why nothing could be rendered: a message and the exit code it means.
pub struct Failure {
    pub message: String,
    pub code: u8,
}

/// Reads, checks and renders a deck, without printing or writing anything.
pub fn render(path: &Path, theme_arg: Option<&str>) -> Result<Rendered, Failure> {
    let source = load::read(path).map_err(|e| Failure {
        message: e.message(),
        code: if e.is_deck_error() {
            EXIT_DECK
        } else {
            EXIT_USAGE
        },
    })?;
    let dir = deck_dir(path);
    let compiled = compile(&source, &dir);
    let mut diagnostics = compiled.diagnostics;

    // The theme: --theme (relative to the working folder) wins over [deck] theme
    // (relative to the deck's folder).
    let theme = match (
        theme_arg,
        compiled.deck.as_ref().and_then(|d| d.meta.theme.as_ref()),
    ) {
        (Some(spec), _) => match Theme::resolve(spec, Path::new(".")) {
            Ok(t) => Some(t),
            Err(e) => {
                return Err(Failure {
                    message: e.0,
                    code: EXIT_USAGE,
                });
            }
        },
        (None, Some(spec)) => match Theme::resolve_for_deck(&spec.value, &dir) {
            Ok(t) => Some(t),
            Err(e) => {
                diagnostics.push(Diagnostic::error("E010", e.0).at(spec.span.clone()).help(
                    format!(
                        "use a built-in theme ({}) or a folder next to the deck",
                        theme::builtin_names().join(", ")
                    ),
                ));
                None
            }
        },
        (None, None) => Theme::builtin("default"),
    };
    if let (Some(deck), Some(theme)) = (&compiled.deck, &theme) {
        diagnostics.extend(theme::brand_diagnostics(&deck.meta, theme));
        pitchdeck::diagnostic::sort(&mut diagnostics);
    }
    let theme_folder = theme.as_ref().and_then(|t| t.folder.clone());
    let mut rendered = Rendered {
        source,
        diagnostics,
        page: None,
        theme_folder,
        theme_error: None,
    };
    let (Some(mut lowered), Some(theme)) = (compiled.lowered, theme) else {
        return Ok(rendered);
    };
    if rendered.diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(rendered);
    }
    // Fit: crowded slides in smaller type; W301 for those that still do not fit.
    rendered
        .diagnostics
        .extend(pitchdeck::fit::apply(&mut lowered, &theme));
    pitchdeck::diagnostic::sort(&mut rendered.diagnostics);
    match html::render(&lowered, &theme) {
        Ok(page) => rendered.page = Some((page, lowered.slides.len())),
        Err(e) => rendered.theme_error = Some(e.0),
    }
    Ok(rendered)
}

pub fn build(
    path: &Path,
    output: Option<&Path>,
    theme_arg: Option<&str>,
    report: &ReportArgs,
) -> ExitCode {
    let started = Instant::now();
    let rendered = match render(path, theme_arg) {
        Ok(r) => r,
        Err(f) => return fail(f.message, f.code),
    };
    let display = path.display().to_string();
    let file = SourceFile {
        path: &display,
        text: &rendered.source,
    };
    print_diagnostics(&rendered.diagnostics, &file, report);
    if let Some(e) = rendered.theme_error {
        return fail(e, EXIT_DECK);
    }
    // Under --deny warnings a warning fails the build like an error: nothing is written.
    if denied(&rendered.diagnostics, report) {
        return ExitCode::from(EXIT_DECK);
    }
    let Some((page, slides)) = rendered.page else {
        return ExitCode::from(EXIT_DECK);
    };

    let out = output_path(path, output);
    if same_file(&out, path) {
        return fail(
            format!(
                "the output {} would overwrite the deck file; choose another -o",
                out.display()
            ),
            EXIT_USAGE,
        );
    }
    if let Err(message) = write::check_output(&out) {
        return fail(message, EXIT_USAGE);
    }
    if let Err(e) = write::atomic_write(&out, page.as_bytes()) {
        return fail(write::error_message(&out, &e), EXIT_USAGE);
    }
    let elapsed = started.elapsed();
    say!(
        "wrote {} ({} slides, {} KB) in {:.1} ms",
        out.display(),
        slides,
        page.len().div_ceil(1024),
        elapsed.as_secs_f64() * 1000.0
    );
    ExitCode::SUCCESS
}

/// Where the HTML goes: `-o`, or the deck's path with `.html`.
pub fn output_path(deck: &Path, output: Option<&Path>) -> PathBuf {
    output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| deck.with_extension("html"))
}

/// Whether the output would replace the deck (also through a symlink or a hard link).
pub fn same_file(a: &Path, b: &Path) -> bool {
    write::same_file(a, b)
}
