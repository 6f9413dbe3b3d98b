//! What every subcommand shares: exit codes, reading the deck, printing diagnostics.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use pitchdeck::check::messages::{self, Msg};
use pitchdeck::deck::Lang;
use pitchdeck::diagnostic::{self, Diagnostic, Format, SourceFile};
use pitchdeck::{Build, load};

use crate::{DenyArg, FormatArg, ReportArgs};

pub const EXIT_DECK: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Colours only on a terminal, and never when `NO_COLOR` is set to a non-empty
/// value (https://no-color.org).
pub fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stderr().is_terminal()
}

/// The language of the report (slide headers, the summary line): `--lang`, else
/// the deck's `lang`, else English (a deck that could not be read).
pub fn report_lang(built: &Build, report: &ReportArgs) -> Lang {
    report
        .messages()
        .or_else(|| built.deck.as_ref().map(|d| d.meta.lang))
        .unwrap_or_default()
}

/// Under `--deny warnings`, a run with warnings fails: says so and returns true.
pub fn denied(diags: &[Diagnostic], report: &ReportArgs, lang: Lang) -> bool {
    let warnings = diags.iter().filter(|d| !d.is_error()).count();
    if warnings == 0 || !report.deny.contains(&DenyArg::Warnings) {
        return false;
    }
    if format_of(report) != Format::Json {
        let warnings = messages::warnings(warnings, lang);
        eprintln!(
            "error: {}",
            Msg::ReportDenied.fill(lang, &[("warnings", &warnings)])
        );
    }
    true
}

pub fn format_of(report: &ReportArgs) -> Format {
    match report.format {
        FormatArg::Human => Format::Human,
        FormatArg::Short => Format::Short,
        FormatArg::Json => Format::Json,
    }
}

/// Prints diagnostics; JSON goes to stdout (for tools), the rest to stderr.
/// Slide headers and the summary line are in `lang`.
pub fn print_diagnostics(
    diags: &[Diagnostic],
    source: &SourceFile,
    report: &ReportArgs,
    lang: Lang,
) {
    let format = format_of(report);
    let text = diagnostic::render_in(diags, source, format, use_color(), &|s| {
        messages::header(s, lang)
    });
    match format {
        Format::Json => {
            use std::io::Write as _;
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
        _ => {
            {
                use std::io::Write as _;
                let _ = std::io::stderr().write_all(text.as_bytes());
            }
            if !diags.is_empty() && format == Format::Human {
                tell!("{}: {}", source.path, messages::summary(diags, lang));
            }
        }
    }
}

pub fn fail(message: impl std::fmt::Display, code: u8) -> ExitCode {
    tell!("error: {message}");
    ExitCode::from(code)
}

pub fn read_deck(path: &Path) -> Result<String, ExitCode> {
    load::read(path).map_err(|e| {
        fail(
            e.message(),
            if e.is_deck_error() {
                EXIT_DECK
            } else {
                EXIT_USAGE
            },
        )
    })
}

/// The deck's folder (images and the deck's theme are relative to it).
pub use pitchdeck::pipeline::deck_folder as deck_dir;
