//! Any bytes as deck.toml: load and validate must return diagnostics, never panic,
//! and every diagnostic span must lie inside the source.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let dir = std::path::Path::new("/nonexistent-pitchdeck-fuzz");
    let mut parsed = pitchdeck::load::parse(source);
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(pitchdeck::load::resolve_images(
        parsed.deck.as_mut(),
        &parsed.images,
        dir,
    ));
    for d in &diagnostics {
        if let Some(span) = &d.span {
            assert!(
                span.start <= span.end && span.end <= source.len(),
                "span {span:?} outside the source"
            );
        }
    }
    // Rendering diagnostics (carets under spans) must not panic either.
    let file = pitchdeck::diagnostic::SourceFile {
        path: "deck.toml",
        text: source,
    };
    let _ = pitchdeck::diagnostic::render(
        &diagnostics,
        &file,
        pitchdeck::diagnostic::Format::Human,
        false,
    );
    let _ = pitchdeck::diagnostic::render(
        &diagnostics,
        &file,
        pitchdeck::diagnostic::Format::Json,
        false,
    );
});
