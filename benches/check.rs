//! The plain-language check on the largest deck of the check corpus, in-process:
//! the rules alone, `--stats` alone, and the whole compile (load, lower, check);
//! and the rules alone on the two social-media example decks.

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

use pitchdeck::{check, compile, slides};

/// The largest `.toml` file in tests/fixtures/check.
fn largest_fixture() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    std::fs::read_dir(&dir)
        .expect("tests/fixtures/check exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .max_by_key(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .expect("the check corpus has decks")
}

fn bench(c: &mut Criterion) {
    let path = largest_fixture();
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let source = std::fs::read_to_string(&path).expect("the fixture is readable");
    let dir = path.parent().expect("the fixture has a folder");
    let deck = compile(&source, dir).deck;
    let deck = deck.expect("the largest fixture is a valid deck");
    let lowered = slides::lower(&deck);

    c.bench_function(&format!("check ({name})"), |b| {
        b.iter(|| check::check(&source, &deck, &lowered.slides))
    });
    c.bench_function(&format!("stats ({name})"), |b| {
        b.iter(|| check::stats(&deck, &lowered.slides))
    });
    c.bench_function(&format!("load+lower+check ({name})"), |b| {
        b.iter(|| compile(&source, dir))
    });
    // The example decks: the check of its own must stay under 2 ms (issue 17).
    for example in ["social-media.sv.toml", "social-media.en.toml"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("decks")
            .join(example);
        let source = std::fs::read_to_string(&path).expect("the example deck is readable");
        let dir = path.parent().expect("the deck has a folder");
        let deck = compile(&source, dir)
            .deck
            .expect("the example deck is valid");
        let lowered = slides::lower(&deck);
        c.bench_function(&format!("check ({example})"), |b| {
            b.iter(|| check::check(&source, &deck, &lowered.slides))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
