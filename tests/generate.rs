//! The generated benchmark decks are valid decks of the size asked for.

use std::path::Path;

use pitchdeck::{Severity, compile, generate};

#[test]
fn generated_decks_compile_without_errors_to_the_slides_asked_for() {
    for n in [9, 10, 11, 100, 1000] {
        let source = generate::deck_toml(n);
        let compiled = compile(&source, Path::new("."));
        let errors: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{n} slides: {errors:?}");
        let lowered = compiled.lowered.expect("a valid deck is lowered");
        assert_eq!(lowered.slides.len(), n, "{n} slides asked for");
    }
}

#[test]
fn the_big_deck_has_long_notes_on_every_section() {
    let source = generate::deck_toml(1000);
    let compiled = compile(&source, Path::new("."));
    let deck = compiled.deck.expect("valid");
    assert_eq!(deck.objections.len(), 990);
    assert!(
        deck.sections
            .iter()
            .all(|s| s.notes.as_ref().is_some_and(|n| n.value.len() > 800)),
        "every section has notes of more than 800 bytes"
    );
}
