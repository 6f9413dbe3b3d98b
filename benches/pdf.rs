//! The PDF back end, in-process, for the English example deck: each layout
//! from lowered slides, and the whole way from deck text to handout bytes
//! (compare with `load+lower+html` in benches/build.rs).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use pitchdeck::pdf::{self, Layout, Options};
use pitchdeck::{Theme, slides};

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/social-media.en.toml");
    let source = std::fs::read_to_string(&path).expect("the English example deck exists");
    let dir = path.parent().expect("the deck has a folder");
    let theme = Theme::builtin("default").expect("the default theme is built in");
    let deck = pitchdeck::compile(&source, dir).deck;
    let lowered = slides::lower(&deck.expect("the example deck is valid"));

    for (name, layout) in [
        ("handout", Layout::Handout),
        ("slides", Layout::Slides),
        ("brief", Layout::Brief),
    ] {
        let options = Options {
            layout,
            ..Options::default()
        };
        c.bench_function(&format!("pdf {name} (en example)"), |b| {
            b.iter(|| pdf::render(&lowered, &theme, &options).expect("renders"))
        });
    }
    let options = Options::default();
    c.bench_function("load+lower+pdf handout (en example)", |b| {
        b.iter(|| {
            let deck = pitchdeck::compile(&source, dir).deck;
            let lowered = slides::lower(&deck.expect("valid"));
            pdf::render(&lowered, &theme, &options).expect("renders")
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
