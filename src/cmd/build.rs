//! `pitchdeck build`: deck.toml to a self-contained HTML deck.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use pitchdeck::diagnostic::{Diagnostic, SourceFile};
use pitchdeck::{Theme, compile, html, write};

use super::common::{EXIT_DECK, EXIT_USAGE, deck_dir, denied, fail, print_diagnostics, read_deck};
use crate::ReportArgs;

pub fn build(
    path: &Path,
    output: Option<&Path>,
    theme_arg: Option<&str>,
    report: &ReportArgs,
) -> ExitCode {
    let started = Instant::now();
    let source = match read_deck(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let display = path.display().to_string();
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
            Err(e) => return fail(e, EXIT_USAGE),
        },
        (None, Some(spec)) => match Theme::resolve(&spec.value, &dir) {
            Ok(t) => Some(t),
            Err(e) => {
                diagnostics.push(Diagnostic::error("E010", e.0).at(spec.span.clone()).help(
                    format!(
                        "use a built-in theme ({}) or a folder next to the deck",
                        pitchdeck::theme::builtin_names().join(", ")
                    ),
                ));
                None
            }
        },
        (None, None) => Theme::builtin("default"),
    };
    let file = SourceFile {
        path: &display,
        text: &source,
    };
    print_diagnostics(&diagnostics, &file, report);
    let (Some(lowered), Some(theme)) = (compiled.lowered, theme) else {
        return ExitCode::from(EXIT_DECK);
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return ExitCode::from(EXIT_DECK);
    }
    // Under --deny warnings a warning fails the build like an error: nothing is written.
    if denied(&diagnostics, report) {
        return ExitCode::from(EXIT_DECK);
    }

    let out = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| path.with_extension("html"));
    if same_file(&out, path) {
        return fail(
            format!(
                "the output {} would overwrite the deck file; choose another -o",
                out.display()
            ),
            EXIT_USAGE,
        );
    }
    let page = match html::render(&lowered, &theme) {
        Ok(p) => p,
        Err(e) => return fail(e, EXIT_DECK),
    };
    if let Err(e) = write::atomic_write(&out, page.as_bytes()) {
        return fail(
            format!("could not write {}: {e}", out.display()),
            EXIT_USAGE,
        );
    }
    let elapsed = started.elapsed();
    say!(
        "wrote {} ({} slides, {} KB) in {:.1} ms",
        out.display(),
        lowered.slides.len(),
        page.len().div_ceil(1024),
        elapsed.as_secs_f64() * 1000.0
    );
    ExitCode::SUCCESS
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
