//! The compiler, from deck text to files: the one function every command,
//! the fuzz targets and the benches call.
//!
//! ```text
//! source ─ load (parse, validate, images) ─ check ─ lower ─ theme ─ fit ─┬─ back end ─▶ artifact
//!                                                                       └─ back end ─▶ artifact
//! ```
//!
//! Nothing here prints or writes: `build` returns the artifacts (what to
//! write, and what they are) and every diagnostic, and the caller decides.
//! The back ends asked for are run one after another; a failure in one is
//! reported as its diagnostics and does not stop the others. None runs when
//! the deck has errors.

use std::path::{Path, PathBuf};

use crate::backend::{self, Backend, Input, Settings};
use crate::deck::Deck;
use crate::diagnostic::{self, Diagnostic};
use crate::slides::Lowered;
use crate::theme::{self, Theme};
use crate::{compile_in, fit, load};
use crate::{html, pdf, pptx};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--theme`: a built-in theme or a folder (relative to the working
    /// folder); wins over `[deck] theme` (relative to the deck's folder).
    pub theme: Option<String>,
    /// The outputs to make, by [`Backend::output`] (`html`, `pdf`, …). Empty:
    /// stop after the check and the theme's diagnostics (`pitchdeck check`).
    pub outputs: Vec<&'static str>,
    pub settings: Settings,
}

/// One output file, in memory.
pub struct Artifact {
    /// Which back end made it ([`Backend::output`]): also how its file name ends.
    pub output: &'static str,
    pub bytes: Vec<u8>,
    /// "8 slides", "1 page".
    pub summary: String,
    /// What the build output should say about it besides ([`backend::Rendered::notes`]).
    pub notes: Vec<String>,
}

/// Everything one run of the compiler found and made.
pub struct Build {
    /// Every diagnostic of every stage, in the order of the deck file.
    pub diagnostics: Vec<Diagnostic>,
    /// One per requested output that rendered, in the order asked for; none
    /// when the deck has errors.
    pub artifacts: Vec<Artifact>,
    /// The validated deck, when it had no errors.
    pub deck: Option<Deck>,
    /// The slides, laid out when any output was asked for.
    pub lowered: Option<Lowered>,
    /// The theme the deck is drawn in, when it could be loaded.
    pub theme: Option<Theme>,
    /// Files and folders the build read besides the deck (images, the theme
    /// folder): what `watch` watches.
    pub inputs: Inputs,
}

/// What a build read, to watch for changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Files the deck names (images, the logo), relative to the deck's folder
    /// as written, found even when the deck has errors.
    pub files: Vec<String>,
    /// The user's theme folder.
    pub theme_folder: Option<PathBuf>,
}

impl Build {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The artifact made by `output`, if it rendered.
    pub fn artifact(&self, output: &str) -> Option<&Artifact> {
        self.artifacts.iter().find(|a| a.output == output)
    }
}

/// Every back end, by output. Adding one: its module, and a line here.
pub static BACKENDS: &[&dyn Backend] = &[
    &html::Html,
    &html::Served,
    &pdf::Pdf(pdf::Layout::Handout),
    &pdf::Pdf(pdf::Layout::Slides),
    &pdf::Pdf(pdf::Layout::Brief),
    &pptx::Pptx,
];

/// The back end that makes `output`.
pub fn backend(output: &str) -> Option<&'static dyn Backend> {
    BACKENDS.iter().copied().find(|b| b.output() == output)
}

/// Why nothing could be built: not a problem in the deck but in how the
/// compiler was called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// `--theme` names no built-in theme and no usable folder.
    Theme(String),
    /// An output no back end makes.
    UnknownOutput(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Theme(message) => f.write_str(message),
            Error::UnknownOutput(name) => write!(f, "no back end makes `{name}`"),
        }
    }
}

/// Compiles deck text. `deck_path` is where the deck lives (images and the
/// deck's theme folder are relative to its folder); the file itself is not
/// read again.
pub fn build(source: &str, deck_path: &Path, options: &Options) -> Result<Build, Error> {
    let backends: Vec<&dyn Backend> = options
        .outputs
        .iter()
        .map(|o| backend(o).ok_or_else(|| Error::UnknownOutput(o.to_string())))
        .collect::<Result<_, _>>()?;
    let dir = deck_folder(deck_path);
    let compiled = compile_in(source, &dir, options.settings.messages);
    let mut diagnostics = compiled.diagnostics;
    let inputs_files = load::referenced_files(source);

    let theme = choose_theme(
        options.theme.as_deref(),
        compiled.deck.as_ref(),
        &dir,
        &mut diagnostics,
    )?;
    if let (Some(deck), Some(theme)) = (&compiled.deck, &theme) {
        diagnostics.extend(theme::brand_diagnostics(&deck.meta, theme));
    }
    let mut build = Build {
        diagnostics: Vec::new(),
        artifacts: Vec::new(),
        deck: compiled.deck,
        lowered: compiled.lowered,
        inputs: Inputs {
            files: inputs_files,
            theme_folder: theme.as_ref().and_then(|t| t.folder.clone()),
        },
        theme,
    };
    let errors = diagnostics.iter().any(Diagnostic::is_error);
    if !backends.is_empty()
        && !errors
        && let (Some(lowered), Some(theme)) = (build.lowered.as_mut(), build.theme.as_ref())
    {
        // Fit, once: crowded slides in smaller type; W301 for those that still
        // do not fit. Every back end reads `Slide::fit`.
        diagnostics.extend(fit::apply(lowered, theme));
        let input = Input {
            lowered,
            theme,
            settings: &options.settings,
        };
        for backend in backends {
            match backend.render(&input) {
                Ok(rendered) => {
                    diagnostics.extend(rendered.diagnostics);
                    build.artifacts.push(Artifact {
                        output: backend.output(),
                        bytes: rendered.bytes,
                        summary: backend::count_text(rendered.count, backend.unit()),
                        notes: rendered.notes,
                    });
                }
                Err(mut failed) => diagnostics.append(&mut failed),
            }
        }
    }
    diagnostic::sort(&mut diagnostics);
    build.diagnostics = diagnostics;
    Ok(build)
}

/// The deck's folder: where its images and its own theme folder are.
pub fn deck_folder(deck_path: &Path) -> PathBuf {
    match deck_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The theme: `--theme` wins over `[deck] theme`, else the default. A bad
/// `--theme` is the caller's error; a bad `[deck] theme` is the deck's (E010).
fn choose_theme(
    theme_arg: Option<&str>,
    deck: Option<&Deck>,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Theme>, Error> {
    if let Some(spec) = theme_arg {
        return Theme::resolve(spec, Path::new("."))
            .map(Some)
            .map_err(|e| Error::Theme(e.to_string()));
    }
    match deck.and_then(|d| d.meta.theme.as_ref()) {
        Some(spec) => match Theme::resolve_for_deck(&spec.value, dir) {
            Ok(t) => Ok(Some(t)),
            Err(e) => {
                diagnostics.push(theme::unusable_theme(e, spec.span.clone()));
                Ok(None)
            }
        },
        None => Ok(Theme::builtin("default")),
    }
}
