//! Any deck: the whole compiler with the HTML back end must not panic, and
//! the page keeps exactly one script element (the theme's).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("/nonexistent-pitchdeck-fuzz/deck.toml");
    let options = pitchdeck::Options {
        outputs: vec!["html"],
        ..Default::default()
    };
    let Ok(build) = pitchdeck::build(source, path, &options) else {
        return;
    };
    if let Some(page) = build.artifact("html") {
        let page = String::from_utf8_lossy(&page.bytes);
        assert_eq!(
            page.matches("<script").count(),
            1,
            "a script element was injected"
        );
    }
});
