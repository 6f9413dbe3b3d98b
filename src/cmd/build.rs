//! `pitchdeck build`: deck.toml to a self-contained HTML deck, and with
//! `--pdf` a PDF handout (or the slides, or a brief) beside it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pitchdeck::diagnostic::{Diagnostic, SourceFile};
use pitchdeck::slides::Lowered;
use pitchdeck::{Theme, compile, html, load, pdf, theme, write};

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
    /// The slides and theme, when the page was rendered (the PDF is drawn from them).
    pub lowered: Option<(Lowered, Theme)>,
}

/// What PDF to make, from the command line.
#[derive(Debug, Clone, Copy)]
pub struct PdfArgs {
    pub layout: pdf::Layout,
    pub paper: Option<pdf::Paper>,
}

impl PdfArgs {
    /// The options for `pdf::render`; the creation date comes from
    /// `SOURCE_DATE_EPOCH` when it is set (reproducible builds), else from the deck.
    pub fn options(&self) -> pdf::Options {
        pdf::Options {
            layout: self.layout,
            paper: self.paper,
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse().ok()),
        }
    }
}

/// Draws the PDF of a rendered deck; `None` when the deck had errors.
pub fn render_pdf(
    rendered: &Rendered,
    args: &PdfArgs,
) -> Option<Result<pdf::Output, pdf::PdfError>> {
    let (lowered, theme) = rendered.lowered.as_ref()?;
    Some(pdf::render(lowered, theme, &args.options()))
}

/// Where the PDF goes: with `--pdf-only`, `-o` names it; otherwise beside the
/// HTML (`-o`'s path or the deck's) with `.pdf` — `.slides.pdf` and
/// `.brief.pdf` for the other layouts, so they do not overwrite the handout.
pub fn pdf_path(
    deck: &Path,
    output: Option<&Path>,
    layout: pdf::Layout,
    pdf_only: bool,
) -> PathBuf {
    if pdf_only && let Some(out) = output {
        return out.to_path_buf();
    }
    let base = output.unwrap_or(deck);
    let ext = match layout {
        pdf::Layout::Handout => "pdf",
        pdf::Layout::Slides => "slides.pdf",
        pdf::Layout::Brief => "brief.pdf",
    };
    base.with_extension(ext)
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
        lowered: None,
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
        Ok(page) => {
            rendered.page = Some((page, lowered.slides.len()));
            rendered.lowered = Some((lowered, theme));
        }
        Err(e) => rendered.theme_error = Some(e.0),
    }
    Ok(rendered)
}

/// What `build` writes.
pub struct BuildArgs<'a> {
    pub deck: &'a Path,
    pub output: Option<&'a Path>,
    pub theme: Option<&'a str>,
    /// `Some` with `--pdf` or `--pdf-only`.
    pub pdf: Option<PdfArgs>,
    /// Only the PDF, no HTML.
    pub pdf_only: bool,
    /// With `--pptx` or `--pptx-only`: the PowerPoint file too.
    pub pptx: bool,
    /// Only the PowerPoint file, no HTML.
    pub pptx_only: bool,
}

pub fn build(args: &BuildArgs, report: &ReportArgs) -> ExitCode {
    let started = Instant::now();
    let path = args.deck;
    let mut rendered = match render(path, args.theme) {
        Ok(r) => r,
        Err(f) => return fail(f.message, f.code),
    };
    // The PDF is drawn in memory first, so its warnings count under --deny
    // warnings before anything is written.
    let pdf = match args.pdf.as_ref().and_then(|p| render_pdf(&rendered, p)) {
        Some(Ok(out)) => {
            rendered.diagnostics.extend(out.diagnostics.iter().cloned());
            pitchdeck::diagnostic::sort(&mut rendered.diagnostics);
            Some(out)
        }
        Some(Err(e)) => return fail(e, EXIT_DECK),
        None => None,
    };
    let pptx = match args
        .pptx
        .then(|| super::pptx::render_pptx(&rendered))
        .flatten()
    {
        Some(Ok(out)) => {
            rendered.diagnostics.extend(out.diagnostics.iter().cloned());
            pitchdeck::diagnostic::sort(&mut rendered.diagnostics);
            Some(out)
        }
        Some(Err(e)) => return fail(e, EXIT_DECK),
        None => None,
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

    let mut writes: Vec<(PathBuf, &[u8])> = Vec::new();
    if !args.pdf_only && !args.pptx_only {
        writes.push((output_path(path, args.output), page.as_bytes()));
    }
    if let (Some(out), Some(p)) = (&pdf, &args.pdf) {
        writes.push((
            pdf_path(path, args.output, p.layout, args.pdf_only),
            &out.bytes,
        ));
    }
    if let Some(out) = &pptx {
        writes.push((
            super::pptx::pptx_path(path, args.output, args.pptx_only),
            &out.bytes,
        ));
    }
    for (out, _) in &writes {
        if same_file(out, path) {
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
    for (out, bytes) in &writes {
        if let Err(e) = write::atomic_write(out, bytes) {
            return fail(write::error_message(out, &e), EXIT_USAGE);
        }
    }
    let elapsed = started.elapsed();
    let mut wrote: Vec<String> = Vec::new();
    for (out, bytes) in &writes {
        let what = if out.extension().is_some_and(|e| e == "pdf") {
            let pages = pdf.as_ref().map_or(0, |p| p.pages);
            format!("{pages} page{}", if pages == 1 { "" } else { "s" })
        } else if out.extension().is_some_and(|e| e == "pptx") {
            let n = pptx.as_ref().map_or(0, |p| p.slides);
            format!("{n} slides")
        } else {
            format!("{slides} slides")
        };
        wrote.push(format!(
            "{} ({what}, {} KB)",
            out.display(),
            bytes.len().div_ceil(1024)
        ));
    }
    say!(
        "wrote {} in {:.1} ms",
        wrote.join(" and "),
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
