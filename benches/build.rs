//! Each stage of a build, in-process: load (read TOML + validate), lower (to
//! slides), check (the plain-language rules), fit (measure every slide with the
//! font's metrics), HTML (render the page), PDF (the handout), PPTX (the
//! PowerPoint file, zipped), and the whole
//! `pitchdeck::build` of HTML + handout PDF. On the Swedish example deck and on generated decks
//! of 10, 100 and 1000 slides (`pitchdeck::generate`, deterministic).
//!
//! `cargo bench --bench build`; one input: `cargo bench --bench build -- 1000`.

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use pitchdeck::{Theme, check, fit, generate, html, load, pdf, pptx, slides};

/// (name, deck text, deck folder).
fn inputs() -> Vec<(String, String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("decks/social-media.sv.toml");
    let mut out = vec![(
        "example-sv".to_string(),
        std::fs::read_to_string(&example).expect("the Swedish example deck exists"),
        root.join("decks"),
    )];
    for n in [10, 100, 1000] {
        out.push((
            format!("gen-{n}"),
            generate::deck_toml(n),
            root.to_path_buf(),
        ));
    }
    out
}

/// The load stages: parse, then read the images the deck names.
fn read_deck(source: &str, dir: &std::path::Path) -> Option<pitchdeck::Deck> {
    let mut parsed = load::parse(source);
    let images = load::resolve_images(parsed.deck.as_mut(), &parsed.images, dir);
    parsed.deck.filter(|_| images.is_empty())
}

fn stages(c: &mut Criterion) {
    let theme = Theme::builtin("default").expect("the default theme is built in");
    let handout = pdf::Options::default();
    let mut group = c.benchmark_group("stage");
    for (name, source, dir) in inputs() {
        let deck = read_deck(&source, &dir).expect("the bench decks are valid");
        let mut lowered = slides::lower(&deck);
        fit::apply(&mut lowered, &theme);
        group.throughput(Throughput::Elements(lowered.slides.len() as u64));
        if lowered.slides.len() > 500 {
            group.sample_size(20);
        } else {
            group.sample_size(60);
        }

        group.bench_with_input(BenchmarkId::new("load", &name), &source, |b, s| {
            b.iter(|| read_deck(s, &dir))
        });
        group.bench_with_input(BenchmarkId::new("lower", &name), &deck, |b, d| {
            b.iter(|| slides::lower(d))
        });
        group.bench_with_input(BenchmarkId::new("check", &name), &deck, |b, d| {
            b.iter(|| check::check(&source, d, &lowered.slides))
        });
        // Fitting again is the same work: the step is recomputed from scratch.
        group.bench_function(BenchmarkId::new("fit", &name), |b| {
            b.iter(|| fit::apply(&mut lowered, &theme))
        });
        group.bench_with_input(BenchmarkId::new("html", &name), &lowered, |b, l| {
            b.iter(|| html::render(l, &theme).expect("renders"))
        });
        group.bench_with_input(BenchmarkId::new("pdf", &name), &lowered, |b, l| {
            b.iter(|| pdf::render(l, &theme, &handout).expect("draws"))
        });
        group.bench_with_input(BenchmarkId::new("pptx", &name), &lowered, |b, l| {
            b.iter(|| pptx::render(l, &theme, None).expect("zips"))
        });
        // The whole compiler, as `build --pdf` runs it (without reading or writing files).
        let deck_path = dir.join("deck.toml");
        let options = pitchdeck::Options {
            theme: Some("default".to_string()),
            outputs: vec!["html", "pdf"],
            ..Default::default()
        };
        group.bench_with_input(BenchmarkId::new("all", &name), &source, |b, s| {
            b.iter(|| {
                let built = pitchdeck::build(s, &deck_path, &options).expect("builds");
                assert_eq!(built.artifacts.len(), 2);
                built
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
