//! pitchdeck: compile a short argument written in TOML into a plain-language
//! deck — a self-contained HTML file to present from, and a PDF handout.
//!
//! The pipeline, one stage per module:
//! `load` (read + validate) → `check` (rules) → `slides` (lower) → `html` → `write`.

pub mod check;
pub mod deck;
pub mod diagnostic;
pub mod fit;
pub mod generate;
pub mod html;
pub mod i18n;
pub mod layout;
pub mod load;
pub mod pdf;
pub mod pptx;
pub mod schema;
pub mod slides;
pub mod starter;
pub mod theme;
pub mod write;

use std::path::Path;

pub use deck::Deck;
pub use diagnostic::{Diagnostic, Severity};
pub use slides::{Lowered, Slide};
pub use theme::Theme;

/// A deck compiled as far as it would go: the deck and its slides when there
/// were no errors, and every diagnostic either way.
pub struct Compiled {
    pub deck: Option<Deck>,
    pub lowered: Option<Lowered>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Validates, lowers and checks deck text. `dir` is the deck's folder (images
/// are read from it). Pure apart from reading images. The plain-language check
/// runs when the deck is valid; its warnings come with the rest.
pub fn compile(source: &str, dir: &Path) -> Compiled {
    let (deck, mut diagnostics) = load::parse(source, dir);
    let lowered = deck.as_ref().map(|deck| {
        let mut lowered = slides::lower(deck);
        diagnostics.append(&mut lowered.diagnostics);
        diagnostics.extend(check::check(source, deck, &lowered.slides));
        lowered
    });
    diagnostic::sort(&mut diagnostics);
    Compiled {
        deck,
        lowered,
        diagnostics,
    }
}
