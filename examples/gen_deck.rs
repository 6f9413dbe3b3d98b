//! Writes a generated benchmark deck (see `pitchdeck::generate`) to stdout.
//!
//! cargo run --release --example gen_deck -- SLIDES [toml|marp|pandoc]

use std::io::Write as _;
use std::process::ExitCode;

use pitchdeck::generate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let slides = args.first().and_then(|s| s.parse::<usize>().ok());
    let format = args.get(1).map_or("toml", String::as_str);
    let Some(slides) = slides.filter(|&n| n >= generate::MIN_SLIDES) else {
        eprintln!(
            "usage: gen_deck SLIDES [toml|marp|pandoc]  (SLIDES at least {})",
            generate::MIN_SLIDES
        );
        return ExitCode::from(2);
    };
    let text = match format {
        "toml" => generate::deck_toml(slides),
        "marp" => generate::marp_markdown(slides),
        "pandoc" => generate::pandoc_markdown(slides),
        other => {
            eprintln!("unknown format `{other}`: toml, marp or pandoc");
            return ExitCode::from(2);
        }
    };
    if std::io::stdout().write_all(text.as_bytes()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
