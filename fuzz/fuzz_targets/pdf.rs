//! Any deck: the whole compiler (fit included) with the PDF back end in every
//! layout must not panic, and each PDF must have pages and read back as a PDF
//! (lopdf parses it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("/nonexistent-pitchdeck-fuzz/deck.toml");
    let options = pitchdeck::Options {
        outputs: vec!["pdf", "slides.pdf", "brief.pdf"],
        settings: pitchdeck::backend::Settings {
            source_date_epoch: Some(0),
            ..Default::default()
        },
        ..Default::default()
    };
    let Ok(build) = pitchdeck::build(source, path, &options) else {
        return;
    };
    for pdf in &build.artifacts {
        let layout = pdf.output;
        assert!(
            !pdf.summary.starts_with("0 "),
            "{layout}: a PDF without pages"
        );
        assert!(pdf.bytes.starts_with(b"%PDF-"), "{layout}: no PDF header");
        if let Err(e) = lopdf::Document::load_mem(&pdf.bytes) {
            panic!("{layout}: the PDF does not read back: {e}");
        }
    }
});
