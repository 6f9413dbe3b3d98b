//! Any deck that validates: the PDF back end must not panic in any layout, and
//! each PDF must have pages and read back as a PDF (lopdf parses it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pitchdeck::pdf::{Layout, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let Some(deck) = pitchdeck::load::parse(source).deck else {
        return;
    };
    let lowered = pitchdeck::slides::lower(&deck);
    let Some(theme) = pitchdeck::Theme::builtin("default") else {
        return;
    };
    for layout in [Layout::Handout, Layout::Slides, Layout::Brief] {
        let options = Options {
            layout,
            paper: None,
            source_date_epoch: Some(0),
        };
        let Ok(out) = pitchdeck::pdf::render(&lowered, &theme, &options) else {
            continue;
        };
        assert!(out.pages >= 1, "{layout:?}: a PDF without pages");
        assert!(out.bytes.starts_with(b"%PDF-"), "{layout:?}: no PDF header");
        if let Err(e) = lopdf::Document::load_mem(&out.bytes) {
            panic!("{layout:?}: the PDF does not read back: {e}");
        }
    }
});
