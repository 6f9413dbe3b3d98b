//! `pitchdeck check`: report every problem without writing anything.

use std::path::Path;
use std::process::ExitCode;

use pitchdeck::compile;
use pitchdeck::diagnostic::{Format, SourceFile};

use super::common::{EXIT_DECK, deck_dir, format_of, print_diagnostics, read_deck};
use crate::ReportArgs;

pub fn check(path: &Path, report: &ReportArgs) -> ExitCode {
    let source = match read_deck(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let display = path.display().to_string();
    let compiled = compile(&source, &deck_dir(path));
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
    ExitCode::SUCCESS
}
