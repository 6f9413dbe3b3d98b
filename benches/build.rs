//! load → lower → fit → HTML, in-process, for the English example deck.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use pitchdeck::{Theme, fit, html, load, slides};

fn build(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/social-media.en.toml");
    let source = std::fs::read_to_string(&path).expect("the English example deck exists");
    let dir = path.parent().expect("the deck has a folder");
    let theme = Theme::builtin("default").expect("the default theme is built in");

    c.bench_function("load (en example)", |b| {
        b.iter(|| load::parse(&source, dir))
    });
    let (deck, _) = load::parse(&source, dir);
    let deck = deck.expect("the example deck is valid");
    c.bench_function("lower (en example)", |b| b.iter(|| slides::lower(&deck)));
    let mut lowered = slides::lower(&deck);
    // Measuring every slide with the font's metrics (fonts already parsed).
    c.bench_function("fit (en example)", |b| {
        b.iter(|| fit::apply(&mut lowered, &theme))
    });
    c.bench_function("html (en example)", |b| {
        b.iter(|| html::render(&lowered, &theme))
    });
    c.bench_function("load+lower+html (en example)", |b| {
        b.iter(|| {
            let (deck, _) = load::parse(&source, dir);
            let lowered = slides::lower(&deck.expect("valid"));
            html::render(&lowered, &theme)
        })
    });
}

criterion_group!(benches, build);
criterion_main!(benches);
