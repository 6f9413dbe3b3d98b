//! `pitchdeck build`: runs the compiler (`pitchdeck::build`) with the outputs
//! the flags ask for, prints its diagnostics and writes its artifacts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pitchdeck::backend::Settings;
use pitchdeck::diagnostic::SourceFile;
use pitchdeck::{Build, Options, write};

use super::common::{
    EXIT_DECK, EXIT_USAGE, denied, fail, print_diagnostics, read_deck, report_lang,
};
use crate::ReportArgs;

/// What `build` makes.
pub struct BuildArgs<'a> {
    pub deck: &'a Path,
    pub output: Option<&'a Path>,
    pub theme: Option<&'a str>,
    /// The back ends to run, by output (`html`, `pdf`, `slides.pdf`, …).
    pub outputs: Vec<&'static str>,
    pub settings: Settings,
}

/// The settings from the environment: the PDF's creation date comes from
/// `SOURCE_DATE_EPOCH` when it is set (reproducible builds), else from the deck.
pub fn settings(paper: Option<pitchdeck::pdf::Paper>) -> Settings {
    Settings {
        paper,
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse().ok()),
        served_version: 0,
        messages: None,
    }
}

pub fn build(args: &BuildArgs, report: &ReportArgs) -> ExitCode {
    let started = Instant::now();
    let path = args.deck;
    let source = match read_deck(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = Options {
        theme: args.theme.map(str::to_string),
        outputs: args.outputs.clone(),
        settings: Settings {
            messages: report.messages(),
            ..args.settings.clone()
        },
    };
    let built = match pitchdeck::build(&source, path, &options) {
        Ok(b) => b,
        Err(e) => return fail(e, EXIT_USAGE),
    };
    let display = path.display().to_string();
    let file = SourceFile {
        path: &display,
        text: &source,
    };
    let lang = report_lang(&built, report);
    print_diagnostics(&built.diagnostics, &file, report, lang);
    // Under --deny warnings a warning fails the build like an error: nothing is written.
    if denied(&built.diagnostics, report, lang) {
        return ExitCode::from(EXIT_DECK);
    }
    let writes = destinations(path, args.output, args.outputs.len(), &built);
    // `-o deck.pptx` with `--pptx` names the HTML, and the PowerPoint file
    // would go beside it under the same name: one would overwrite the other.
    for (i, (out, _)) in writes.iter().enumerate() {
        if writes[..i].iter().any(|(earlier, _)| earlier == out) {
            return fail(
                format!(
                    "two outputs would be written to {}: -o names the HTML, and the other files go beside it with their own ending\n  help: give -o a name ending in .html, or ask for that file alone (--pdf-only, --pptx-only)",
                    out.display()
                ),
                EXIT_USAGE,
            );
        }
    }
    for (out, _) in &writes {
        if write::same_file(out, path) {
            return fail(
                format!(
                    "the output {} would overwrite the deck file; choose another -o",
                    out.display()
                ),
                EXIT_USAGE,
            );
        }
        // Every output folder is checked before anything is written.
        if let Err(message) = write::check_output(out) {
            return fail(message, EXIT_USAGE);
        }
    }
    // A back end that failed wrote nothing, but the others' files are written:
    // one failure stops no other output.
    let mut wrote: Vec<String> = Vec::new();
    for (out, artifact) in &writes {
        if let Err(e) = write::atomic_write(out, &artifact.bytes) {
            return fail(write::error_message(out, &e), EXIT_USAGE);
        }
        wrote.push(format!(
            "{} ({}, {} KB)",
            out.display(),
            artifact.summary,
            artifact.bytes.len().div_ceil(1024)
        ));
    }
    if built.has_errors() {
        return ExitCode::from(EXIT_DECK);
    }
    say!(
        "wrote {} in {:.1} ms",
        wrote.join(" and "),
        started.elapsed().as_secs_f64() * 1000.0
    );
    for (out, artifact) in &writes {
        for note in &artifact.notes {
            say!("{}: {note}", out.display());
        }
    }
    ExitCode::SUCCESS
}

/// Where each artifact goes, in the order they were asked for; `asked` is
/// how many outputs were asked for.
pub fn destinations<'b>(
    deck: &Path,
    output: Option<&Path>,
    asked: usize,
    built: &'b Build,
) -> Vec<(PathBuf, &'b pitchdeck::Artifact)> {
    let only = asked == 1;
    built
        .artifacts
        .iter()
        .filter(|a| a.output != "served.html")
        .map(|a| (output_path(deck, output, a.output, only), a))
        .collect()
}

/// Where an output goes: the HTML to `-o`, or the deck's path with `.html`;
/// the others beside it (`-o`'s path or the deck's) with their own ending
/// (`.pdf`, `.slides.pdf`, `.brief.pdf`), so that they never overwrite each
/// other — except that `-o` names the file when it is the only output
/// (`--pdf-only -o brief.pdf`).
pub fn output_path(deck: &Path, output: Option<&Path>, ending: &str, only: bool) -> PathBuf {
    match output {
        Some(out) if ending == "html" || only => out.to_path_buf(),
        _ => output.unwrap_or(deck).with_extension(ending),
    }
}
