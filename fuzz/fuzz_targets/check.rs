//! Any deck that validates: lowering, the plain-language check and its `--stats`
//! table must not panic, and every warning must point at whole characters inside
//! the source (so the carets under it can be drawn).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let Some(deck) = pitchdeck::load::parse(source).deck else {
        return;
    };
    let lowered = pitchdeck::slides::lower(&deck);
    let diagnostics = pitchdeck::check::check(source, &deck, &lowered.slides);
    for d in &diagnostics {
        if let Some(span) = &d.span {
            assert!(
                source.get(span.clone()).is_some(),
                "{}: span {span:?} is not inside the source on character boundaries",
                d.code
            );
        }
    }
    let file = pitchdeck::diagnostic::SourceFile {
        path: "deck.toml",
        text: source,
    };
    let _ = pitchdeck::diagnostic::render(
        &diagnostics,
        &file,
        pitchdeck::diagnostic::Format::Human,
        true,
    );
    let _ = pitchdeck::check::stats(&deck, &lowered.slides).render();
});
