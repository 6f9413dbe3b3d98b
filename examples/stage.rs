//! Runs one build stage N times on the Swedish example deck, for instruction
//! counts that do not depend on how busy the machine is:
//! `benches/instructions.sh` runs it under callgrind with N = 0 and N = 20 and
//! prints the instructions of one run of each stage (criterion's wall-clock
//! times, `cargo bench --bench build`, swing by several per cent on a shared
//! machine; these counts move by a few hundred instructions).
//!
//! `pdf` is the handout, `brief` and `slides` the other PDF layouts.
//!
//! `cargo run --release --example stage -- lower 20`; a third argument names
//! another deck in decks/ (`check 20 social-media.en.toml`).

use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;

use pitchdeck::{Theme, check, fit, html, load, pdf, pptx, slides};

/// The load stages, as the `build` bench runs them: parse, then read images.
fn read_deck(source: &str, dir: &Path) -> Option<pitchdeck::Deck> {
    let mut parsed = load::parse(source);
    let images = load::resolve_images(parsed.deck.as_mut(), &parsed.images, dir);
    parsed.deck.filter(|_| images.is_empty())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(stage), Some(Ok(n))) = (args.first(), args.get(1).map(|n| n.parse::<usize>())) else {
        eprintln!("usage: stage load|lower|check|fit|html|pdf|brief|slides|pptx N [DECK]");
        return ExitCode::FAILURE;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = args.get(2).map_or("social-media.sv.toml", String::as_str);
    let source =
        std::fs::read_to_string(root.join("decks").join(name)).expect("the example deck exists");
    let dir = root.join("decks");
    let theme = Theme::builtin("default").expect("the default theme is built in");
    let handout = pdf::Options::default();
    let brief = pdf::Options {
        layout: pdf::Layout::Brief,
        ..Default::default()
    };
    let pages = pdf::Options {
        layout: pdf::Layout::Slides,
        ..Default::default()
    };
    let deck = read_deck(&source, &dir).expect("the example deck is valid");
    let mut lowered = slides::lower(&deck);
    fit::apply(&mut lowered, &theme);
    for _ in 0..n {
        match stage.as_str() {
            "load" => drop(black_box(read_deck(black_box(&source), &dir))),
            "lower" => drop(black_box(slides::lower(black_box(&deck)))),
            "check" => drop(black_box(check::check(&source, &deck, &lowered.slides))),
            "fit" => drop(black_box(fit::apply(black_box(&mut lowered), &theme))),
            "html" => drop(black_box(html::render(&lowered, &theme).expect("renders"))),
            "pdf" => drop(black_box(
                pdf::render(&lowered, &theme, &handout).expect("draws"),
            )),
            "brief" => drop(black_box(
                pdf::render(&lowered, &theme, &brief).expect("draws"),
            )),
            "slides" => drop(black_box(
                pdf::render(&lowered, &theme, &pages).expect("draws"),
            )),
            "pptx" => drop(black_box(
                pptx::render(&lowered, &theme, None).expect("zips"),
            )),
            other => {
                eprintln!(
                    "unknown stage `{other}`: load, lower, check, fit, html, pdf, brief, slides or pptx"
                );
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
