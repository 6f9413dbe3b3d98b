//! `pitchdeck check`: report every problem without writing anything, and with
//! `--stats` the numbers behind the readability rules.

use std::path::Path;
use std::process::ExitCode;

use pitchdeck::check::messages::Msg;
use pitchdeck::diagnostic::{Format, SourceFile};
use pitchdeck::{Options, check as rules};

use super::common::{
    EXIT_DECK, EXIT_USAGE, denied, fail, format_of, print_diagnostics, read_deck, report_lang,
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
    // No outputs: the compiler stops after the check and the deck's own theme
    // (E010, the brand colour), as `build` would report them.
    let options = Options {
        settings: pitchdeck::backend::Settings {
            messages: report.messages(),
            ..Default::default()
        },
        ..Options::default()
    };
    let built = match pitchdeck::build(&source, path, &options) {
        Ok(b) => b,
        Err(e) => return fail(e, EXIT_USAGE),
    };
    let file = SourceFile {
        path: &display,
        text: &source,
    };
    let lang = report_lang(&built, report);
    print_diagnostics(&built.diagnostics, &file, report, lang);
    if built.has_errors() {
        return ExitCode::from(EXIT_DECK);
    }
    if built.diagnostics.is_empty() && format_of(report) == Format::Human {
        tell!("{display}: {}", Msg::ReportNone.plain(lang));
    }
    if stats && let (Some(deck), Some(lowered)) = (&built.deck, &built.lowered) {
        // Into a closed pipe (`check --stats | head`) the rest is dropped, not a panic.
        use std::io::Write as _;
        let table = rules::stats(deck, &lowered.slides).render();
        let _ = std::io::stdout().write_all(table.as_bytes());
    }
    if denied(&built.diagnostics, report, lang) {
        return ExitCode::from(EXIT_DECK);
    }
    ExitCode::SUCCESS
}
