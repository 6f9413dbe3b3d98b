//! `pitchdeck check`: report every problem without writing anything, and with
//! `--stats` the numbers behind the readability rules.

use std::path::Path;
use std::process::ExitCode;

use pitchdeck::diagnostic::{Format, SourceFile};
use pitchdeck::{check as rules, compile};

use super::common::{
    EXIT_DECK, EXIT_USAGE, deck_dir, denied, fail, format_of, print_diagnostics, read_deck,
};
use crate::ReportArgs;

pub fn check(path: &Path, stats: bool, report: &ReportArgs) -> ExitCode {
    if stats && format_of(report) == Format::Json {
        return fail(
            "--stats prints a table for people; use it without --format json",
            EXIT_USAGE,
        );
    }
    let source = match read_deck(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let display = path.display().to_string();
    let mut compiled = compile(&source, &deck_dir(path));
    // How the deck's own theme draws it (the brand colour): as `build` reports.
    if let Some(deck) = &compiled.deck {
        let found = pitchdeck::theme::deck_theme_diagnostics(deck, &deck_dir(path));
        compiled.diagnostics.extend(found);
        pitchdeck::diagnostic::sort(&mut compiled.diagnostics);
    }
    let file = SourceFile {
        path: &display,
        text: &source,
    };
    print_diagnostics(&compiled.diagnostics, &file, report);
    if compiled.has_errors() {
        return ExitCode::from(EXIT_DECK);
    }
    if compiled.diagnostics.is_empty() && format_of(report) == Format::Human {
        tell!("{display}: no problems");
    }
    if stats && let (Some(deck), Some(lowered)) = (&compiled.deck, &compiled.lowered) {
        print!("{}", rules::stats(deck, &lowered.slides).render());
    }
    if denied(&compiled.diagnostics, report) {
        return ExitCode::from(EXIT_DECK);
    }
    ExitCode::SUCCESS
}
