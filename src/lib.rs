//! pitchdeck: compile a short argument written in TOML into a plain-language
//! deck — a self-contained HTML file to present from, and a PDF handout.
//!
//! The compiler is [`build`] (in `pipeline.rs`): `load` (read + validate) →
//! `check` (rules) → `slides` (lower) → `fit` (lay out) → the back ends asked
//! for (`html`, `pdf`, `pptx`, behind [`backend::Backend`]) → artifacts with every
//! diagnostic. The binary (`main.rs`, `cmd/`) parses flags, writes the
//! artifacts and prints. `docs/architecture.md` is the map.

pub mod backend;
pub mod check;
pub mod deck;
pub mod diagnostic;
pub mod fit;
pub mod generate;
pub mod geometry;
pub mod html;
pub mod i18n;
pub mod layout;
pub mod load;
pub mod lsp;
pub mod pdf;
pub mod pipeline;
pub mod pptx;
pub mod raw;
pub mod results;
pub mod schema;
pub mod slides;
pub mod starter;
pub mod theme;
pub mod write;

use std::path::Path;

pub use deck::Deck;
pub use diagnostic::{Diagnostic, Severity};
pub use pipeline::{Artifact, Build, Options, build};
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

/// The front half of [`build`]: validates, lowers and checks deck text. `dir`
/// is the deck's folder (images and theme folders are looked for in it). Pure
/// apart from reading images and asking whether the theme's folder exists. The
/// plain-language check runs when the deck is valid; its warnings come with the
/// rest.
pub fn compile(source: &str, dir: &Path) -> Compiled {
    compile_in(source, dir, None)
}

/// [`compile`] with the check's messages in `messages` (`--lang`) instead of
/// the deck's language.
pub fn compile_in(source: &str, dir: &Path, messages: Option<deck::Lang>) -> Compiled {
    let load::Parsed {
        mut deck,
        images,
        theme,
        mut diagnostics,
    } = load::parse(source);
    diagnostics.extend(load::resolve_images(deck.as_mut(), &images, dir));
    if let Some(deck) = deck.as_mut() {
        let lang = messages.unwrap_or(deck.meta.lang);
        diagnostics.extend(results::resolve(deck, dir, lang));
    }
    diagnostics.extend(theme.and_then(|spec| theme::unknown_theme(&spec, dir)));
    if diagnostics.iter().any(Diagnostic::is_error) {
        deck = None;
    }
    let lowered = deck.as_ref().map(|deck| {
        let mut lowered = slides::lower(deck);
        diagnostics.append(&mut lowered.diagnostics);
        diagnostics.extend(check::check_in(source, deck, &lowered.slides, messages));
        lowered
    });
    diagnostic::sort(&mut diagnostics);
    Compiled {
        deck,
        lowered,
        diagnostics,
    }
}
