//! The back ends behind one interface, and the registry that lists them.
//!
//! A back end turns the laid-out slides (lowered, with `Slide::fit` decided)
//! and the theme into the bytes of one file. It never reads TOML or Markdown
//! and never re-runs fit. Its failure is its own diagnostics: the pipeline
//! reports them and the other back ends still run.
//!
//! Adding a back end: a module with a type that implements [`Backend`], and
//! one line in the registry, `pipeline::BACKENDS`. (The registry lives in the
//! pipeline, so that this module imports no back end and every back end can
//! import it.)

use crate::diagnostic::Diagnostic;
use crate::slides::Lowered;
use crate::theme::Theme;

/// What every back end is given.
pub struct Input<'a> {
    /// The slides, after fit.
    pub lowered: &'a Lowered,
    pub theme: &'a Theme,
    pub settings: &'a Settings,
}

/// Options that are not in the deck: from the command line or the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Paper of the handout and the brief; `None`: the deck language's default.
    pub paper: Option<Paper>,
    /// The PDF's creation date, seconds since 1970 (`SOURCE_DATE_EPOCH`);
    /// `None`: the deck's date.
    pub source_date_epoch: Option<i64>,
    /// For `watch`: the build number the served page carries in its reload
    /// script (see `html::Served`).
    pub served_version: u64,
    /// `--lang`: the language of the check's messages; `None`: the deck's.
    pub messages: Option<crate::deck::Lang>,
}

/// Paper of the handout and the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

/// One rendered file.
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// How many slides or pages it has, for the build's summary line.
    pub count: usize,
    /// Warnings found while rendering.
    pub diagnostics: Vec<Diagnostic>,
    /// What the build output should say besides (which fallback fonts the
    /// PDF's text was drawn with).
    pub notes: Vec<String>,
}

/// A back end: one kind of output file.
pub trait Backend: Sync {
    /// What it makes, which is also how its file name ends: `html`, `pdf`,
    /// `slides.pdf`, …
    fn output(&self) -> &'static str;
    /// What [`Rendered::count`] counts: `slides` or `pages`.
    fn unit(&self) -> &'static str;
    fn render(&self, input: &Input) -> Result<Rendered, Vec<Diagnostic>>;
}

/// "1 page", "8 slides".
pub fn count_text(count: usize, unit: &str) -> String {
    if count == 1 {
        format!("1 {}", unit.strip_suffix('s').unwrap_or(unit))
    } else {
        format!("{count} {unit}")
    }
}
