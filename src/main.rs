//! The pitchdeck command line: parses arguments, calls the library, prints, and
//! maps results to exit codes (0 ok, 1 the deck has errors, 2 usage or I/O).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// `println!` that ignores a closed pipe (`pitchdeck check deck.toml | head`)
/// instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that ignores a closed pipe.
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod cmd;

#[derive(Parser)]
#[command(
    name = "pitchdeck",
    version,
    about = "Compile a short argument written in TOML into a plain-language deck.",
    long_about = "Compile a short argument written in TOML (need, risk, strategy, metrics, the ask) into a \
                  plain-language deck: one self-contained HTML file to present from, working offline.",
    after_help = "Examples:\n  pitchdeck new deck.toml\n  pitchdeck build deck.toml\n  pitchdeck check deck.toml\n  pitchdeck watch deck.toml --open"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the HTML deck from a deck file, and with --pdf a PDF handout.
    #[command(group(clap::ArgGroup::new("pdf_out").args(["pdf", "pdf_only"])))]
    #[command(
        after_help = "Examples:\n  pitchdeck build decks/social-media.en.toml\n  pitchdeck build deck.toml -o out/pitch.html --theme default\n  pitchdeck build deck.toml --pdf\n  pitchdeck build deck.toml --pdf-only --layout brief --paper letter -o brief.pdf\n  pitchdeck build deck.toml --pdf --layout handout,slides,brief\n  pitchdeck build deck.toml --deny warnings\n\nThe PDF goes beside the HTML: deck.pdf (handout), deck.slides.pdf, deck.brief.pdf.\nIts creation date is [deck] date, or SOURCE_DATE_EPOCH when set. See docs/pdf.md."
    )]
    Build {
        /// The deck file (deck.toml).
        deck: PathBuf,
        /// Where to write the HTML [default: the deck's path with .html]; with
        /// --pdf-only, where to write the PDF.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A built-in theme name or a theme folder (overrides [deck] theme).
        #[arg(long, value_name = "NAME|DIR")]
        theme: Option<String>,
        /// Also write a PDF beside the HTML (the handout unless --layout says otherwise).
        #[arg(long)]
        pdf: bool,
        /// Write only the PDF, no HTML.
        #[arg(long, conflicts_with = "pdf")]
        pdf_only: bool,
        #[command(flatten)]
        pdf_options: PdfOptions,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Write a starter deck file to edit, and the editor schema next to it.
    #[command(
        after_help = "Examples:\n  pitchdeck new\n  pitchdeck new pitch.toml --lang sv --theme board\n\nAlso writes deck.schema.json next to the deck (unless one is there), which the\ndeck's first line `#:schema ./deck.schema.json` points editors to."
    )]
    New {
        /// Where to write it; an existing file is never overwritten.
        #[arg(default_value = "deck.toml")]
        file: PathBuf,
        /// Language of the starter text and of the deck's labels.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// A built-in theme (see `pitchdeck themes`) or a theme folder relative to the deck.
        #[arg(long, value_name = "NAME|DIR")]
        theme: Option<String>,
    },
    /// Check a deck file and report every problem, without writing anything.
    #[command(
        after_help = "Examples:\n  pitchdeck check deck.toml\n  pitchdeck check deck.toml --stats\n  pitchdeck check deck.toml --format json --deny warnings\n\nThe rules (W101–W117) are explained in docs/checks.md."
    )]
    Check {
        /// The deck file (deck.toml).
        deck: PathBuf,
        /// Also print a table per slide: words, sentences, long words, LIX, points
        /// (and Flesch Reading Ease for English), with deck totals and speaking time.
        #[arg(long)]
        stats: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every save; the page reloads on the same slide.
    #[command(group(clap::ArgGroup::new("pdf_out").args(["pdf"])))]
    #[command(
        after_help = "Examples:\n  pitchdeck watch deck.toml --open\n  pitchdeck watch deck.toml --port 8000 --theme board\n\nRebuilds when the deck, an image it uses or a theme folder changes, and writes\nthe HTML as `build` does. When the deck has errors they show in the terminal\nand over the page, and the last good deck stays served. Ctrl-C stops."
    )]
    Watch {
        /// The deck file (deck.toml).
        deck: PathBuf,
        /// Where to write the HTML [default: the deck's path with .html].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A built-in theme name or a theme folder (overrides [deck] theme).
        #[arg(long, value_name = "NAME|DIR")]
        theme: Option<String>,
        /// Port on 127.0.0.1 [default: a free one, printed].
        #[arg(long, value_name = "N")]
        port: Option<u16>,
        /// Open the deck in the default browser.
        #[arg(long)]
        open: bool,
        /// Also write the PDF (beside the HTML, as `build --pdf` does) on every build.
        #[arg(long)]
        pdf: bool,
        #[command(flatten)]
        pdf_options: PdfOptions,
    },
    /// List the built-in themes.
    #[command(
        after_help = "Examples:\n  pitchdeck themes\n  pitchdeck theme export board my-theme"
    )]
    Themes,
    /// Work with themes: copy a built-in one into a folder to edit.
    #[command(after_help = "Examples:\n  pitchdeck theme export board my-theme")]
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
    /// Print the JSON Schema of deck.toml, for editor completion and validation.
    #[command(
        after_help = "Examples:\n  pitchdeck schema > deck.schema.json\n\nPut `#:schema ./deck.schema.json` on the first line of a deck and Taplo-based\neditors (Even Better TOML in VS Code, Zed, Helix) complete and check it."
    )]
    Schema,
    /// Run the language server for deck files, over stdin and stdout (for editors).
    #[command(
        after_help = "Editors start it themselves; docs/editor.md shows the set-up for VS Code,\nNeovim, Helix and Zed. Diagnostics link to the docs under --docs-url."
    )]
    Lsp {
        /// The URL of pitchdeck's `docs/` folder, which diagnostics link to
        /// [default: the docs/ folder of the source it was built from, as a
        /// file: URL, when still on disk; else no links]. A client's
        /// `initializationOptions.docsUrl` wins.
        #[arg(long, value_name = "URL")]
        docs_url: Option<String>,
    },
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples:\n  source <(pitchdeck completions bash)         # in ~/.bashrc\n  pitchdeck completions zsh > ~/.zfunc/_pitchdeck   # with fpath+=(~/.zfunc) before compinit\n  pitchdeck completions fish > ~/.config/fish/completions/pitchdeck.fish"
    )]
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): pitchdeck(1), or a subcommand's.
    #[command(
        after_help = "Examples:\n  pitchdeck man | man -l -\n  pitchdeck man > ~/.local/share/man/man1/pitchdeck.1\n  pitchdeck man build > ~/.local/share/man/man1/pitchdeck-build.1"
    )]
    Man {
        /// A subcommand whose page to print (pitchdeck-build(1) for `build`).
        subcommand: Option<String>,
    },
}

#[derive(Subcommand)]
enum ThemeAction {
    /// Copy a built-in theme, with every file it uses, into a folder to edit.
    #[command(
        after_help = "Examples:\n  pitchdeck theme export board my-theme\n\nThen set theme = \"my-theme\" in [deck] (a path relative to the deck)."
    )]
    Export {
        /// The built-in theme to copy (see `pitchdeck themes`).
        name: String,
        /// The folder to write; files already there are never overwritten.
        dir: PathBuf,
    },
}

#[derive(clap::Args)]
pub struct PdfOptions {
    /// The PDF: handout (each slide with its speaker notes, portrait pages),
    /// slides (one 16:9 page per slide) or brief (a one-page memo: the ask
    /// first, then each claim and its points, then the measures). Several,
    /// comma-separated, make several PDFs in one run: --layout handout,brief.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [LayoutArg::Handout], requires = "pdf_out")]
    pub layout: Vec<LayoutArg>,
    /// Paper of the handout and the brief [default: a4, for English and Swedish
    /// decks alike; choose letter for North America]. Slides pages are 16:9.
    #[arg(long, value_enum, requires = "pdf_out")]
    pub paper: Option<PaperArg>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    Handout,
    Slides,
    Brief,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

impl PdfOptions {
    /// The PDF back end's outputs for the chosen layouts, each once.
    fn outputs(&self) -> Vec<&'static str> {
        let mut outputs = Vec::new();
        for layout in &self.layout {
            let output = match layout {
                LayoutArg::Handout => "pdf",
                LayoutArg::Slides => "slides.pdf",
                LayoutArg::Brief => "brief.pdf",
            };
            if !outputs.contains(&output) {
                outputs.push(output);
            }
        }
        outputs
    }

    fn paper(&self) -> Option<pitchdeck::pdf::Paper> {
        self.paper.map(|p| match p {
            PaperArg::A4 => pitchdeck::pdf::Paper::A4,
            PaperArg::Letter => pitchdeck::pdf::Paper::Letter,
        })
    }
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// How to print problems: human (with the source line), short (one line each), json.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Fail (exit code 1) on warnings too: `--deny warnings`.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Vec<DenyArg>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyArg {
    /// Every warning counts as a failure.
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Human,
    Short,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Sv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            deck,
            output,
            theme,
            pdf,
            pdf_only,
            pdf_options,
            report,
        } => {
            let mut outputs = Vec::new();
            if !pdf_only {
                outputs.push("html");
            }
            if pdf || pdf_only {
                outputs.extend(pdf_options.outputs());
            }
            cmd::build::build(
                &cmd::build::BuildArgs {
                    deck: &deck,
                    output: output.as_deref(),
                    theme: theme.as_deref(),
                    outputs,
                    settings: cmd::build::settings(pdf_options.paper()),
                },
                &report,
            )
        }
        Command::New { file, lang, theme } => cmd::new::new(&file, lang, theme.as_deref()),
        Command::Watch {
            deck,
            output,
            theme,
            port,
            open,
            pdf,
            pdf_options,
        } => cmd::watch::watch(&cmd::watch::WatchArgs {
            deck: &deck,
            output: output.as_deref(),
            theme: theme.as_deref(),
            port: port.unwrap_or(0),
            open,
            pdf: if pdf {
                pdf_options.outputs()
            } else {
                Vec::new()
            },
            settings: cmd::build::settings(pdf_options.paper()),
        }),
        Command::Themes => cmd::themes::list(),
        Command::Theme {
            action: ThemeAction::Export { name, dir },
        } => cmd::themes::export(&name, &dir),
        Command::Check {
            deck,
            stats,
            report,
        } => cmd::check::check(&deck, stats, &report),
        Command::Schema => cmd::schema::schema(),
        Command::Lsp { docs_url } => cmd::lsp::lsp(docs_url),
        Command::Completions { shell } => cmd::completions::completions(shell),
        Command::Man { subcommand } => cmd::completions::man(subcommand.as_deref()),
    }
}
