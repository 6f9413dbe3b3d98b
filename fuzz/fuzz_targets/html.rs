//! Any deck that validates: lowering and the HTML back end must not panic, and
//! the page keeps exactly one script element (the theme's).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let dir = std::path::Path::new("/nonexistent-pitchdeck-fuzz");
    let compiled = pitchdeck::compile(source, dir);
    let Some(lowered) = compiled.lowered else {
        return;
    };
    let Some(theme) = pitchdeck::Theme::builtin("default") else {
        return;
    };
    if let Ok(page) = pitchdeck::html::render(&lowered, &theme) {
        assert_eq!(
            page.matches("<script").count(),
            1,
            "a script element was injected"
        );
    }
});
