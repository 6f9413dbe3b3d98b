//! The pitchdeck command line: parses arguments, calls the library, prints, and
//! maps results to exit codes (0 ok, 1 the deck has errors, 2 usage or I/O).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use pitchdeck::diagnostic::{self, Diagnostic, Format, SourceFile};
use pitchdeck::{Theme, compile, html, load, starter, write};

#[derive(Parser)]
#[command(
    name = "pitchdeck",
    version,
    about = "Compile a short argument written in TOML into a plain-language deck.",
    long_about = "Compile a short argument written in TOML (need, risk, strategy, metrics, the ask) into a \
                  plain-language deck: one self-contained HTML file to present from, working offline.",
    after_help = "Examples:\n  pitchdeck new deck.toml\n  pitchdeck build deck.toml\n  pitchdeck check deck.toml"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the HTML deck from a deck file.
    #[command(
        after_help = "Examples:\n  pitchdeck build decks/social-media.en.toml\n  pitchdeck build deck.toml -o out/pitch.html --theme default"
    )]
    Build {
        /// The deck file (deck.toml).
        deck: PathBuf,
        /// Where to write the HTML [default: the deck's path with .html].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A built-in theme name or a theme folder (overrides [deck] theme).
        #[arg(long, value_name = "NAME|DIR")]
        theme: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Write a starter deck file to edit.
    #[command(after_help = "Examples:\n  pitchdeck new\n  pitchdeck new pitch.toml --lang sv")]
    New {
        /// Where to write it; an existing file is never overwritten.
        #[arg(default_value = "deck.toml")]
        file: PathBuf,
        /// Language of the starter text and of the deck's labels.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Check a deck file and report every problem, without writing anything.
    #[command(
        after_help = "Examples:\n  pitchdeck check deck.toml\n  pitchdeck check deck.toml --format json"
    )]
    Check {
        /// The deck file (deck.toml).
        deck: PathBuf,
        #[command(flatten)]
        report: ReportArgs,
    },
}

#[derive(clap::Args)]
struct ReportArgs {
    /// How to print problems: human (with the source line), short (one line each), json.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Short,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Sv,
}

const EXIT_DECK: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            deck,
            output,
            theme,
            report,
        } => build(&deck, output.as_deref(), theme.as_deref(), &report),
        Command::New { file, lang } => new(&file, lang),
        Command::Check { deck, report } => check(&deck, &report),
    }
}

fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

fn format_of(report: &ReportArgs) -> Format {
    match report.format {
        FormatArg::Human => Format::Human,
        FormatArg::Short => Format::Short,
        FormatArg::Json => Format::Json,
    }
}

/// Prints diagnostics; JSON goes to stdout (for tools), the rest to stderr.
fn print_diagnostics(diags: &[Diagnostic], source: &SourceFile, report: &ReportArgs) {
    let format = format_of(report);
    let text = diagnostic::render(diags, source, format, use_color());
    match format {
        Format::Json => print!("{text}"),
        _ => {
            eprint!("{text}");
            if !diags.is_empty() && format == Format::Human {
                eprintln!("{}: {}", source.path, diagnostic::summary(diags));
            }
        }
    }
}

fn fail(message: impl std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(code)
}

fn read_deck(path: &Path) -> Result<String, ExitCode> {
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

fn deck_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn check(path: &Path, report: &ReportArgs) -> ExitCode {
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
        eprintln!("{display}: no problems");
    }
    ExitCode::SUCCESS
}

fn build(
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
    println!(
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

fn new(path: &Path, lang: LangArg) -> ExitCode {
    let lang = match lang {
        LangArg::En => pitchdeck::deck::Lang::En,
        LangArg::Sv => pitchdeck::deck::Lang::Sv,
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let result = file.and_then(|mut f| {
        std::io::Write::write_all(&mut f, starter::starter_deck(lang).as_bytes())
    });
    match result {
        Ok(()) => {
            println!(
                "wrote {}; build it with: pitchdeck build {}",
                path.display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => fail(
            format!(
                "{} already exists; pitchdeck new never overwrites a file (give another name)",
                path.display()
            ),
            EXIT_USAGE,
        ),
        Err(e) => fail(
            format!("could not write {}: {e}", path.display()),
            EXIT_USAGE,
        ),
    }
}
