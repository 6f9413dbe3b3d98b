//! The plain-language check: rules about the writing (claims, points, sentence
//! length, readability, jargon, hype, abbreviations) and about the argument (an
//! ask, quality measures, baselines, deadlines, time), run on every `check` and
//! `build`. Each rule has a stable code in [`RULES`] (the registry of all codes,
//! `diagnostic::code`); docs/checks.md explains them.
//!
//! The check reads the lowered slides for the text (Markdown parsed once, in
//! lowering) and the validated `Deck` for the spans, so each warning points at
//! the exact words in deck.toml.

pub mod messages;
pub mod readability;
pub mod rules;
pub mod stats;
pub mod style;
pub mod text;
pub mod words;

use crate::deck::{Deck, Lang};
use crate::diagnostic::{Code, Diagnostic};
use crate::slides::Slide;

pub use rules::{RULES, Rule};
pub use stats::{Stats, stats};

/// Checks a deck. `source` is the deck.toml text the deck was read from. Rules
/// named in `[check] allow` are left out. Messages are in the deck's language.
pub fn check(source: &str, deck: &Deck, slides: &[Slide]) -> Vec<Diagnostic> {
    check_in(source, deck, slides, None)
}

/// [`check`] with the messages in `messages` (`--lang`) rather than the deck's
/// language; the rules still read the text as the deck's language.
pub fn check_in(
    source: &str,
    deck: &Deck,
    slides: &[Slide],
    messages: Option<Lang>,
) -> Vec<Diagnostic> {
    let texts = text::slide_texts_for_rules(deck, slides, source);
    let mut checker = rules::Checker {
        source,
        deck,
        slides,
        texts: &texts,
        messages: messages.unwrap_or(deck.meta.lang),
        out: Vec::new(),
    };
    checker.run();
    let allowed: Vec<Code> = deck
        .check
        .allow
        .iter()
        .filter_map(|a| rules::lookup(&a.value))
        .map(|r| r.id)
        .collect();
    let mut out = checker.out;
    out.retain(|d| !allowed.contains(&d.code));
    out
}
