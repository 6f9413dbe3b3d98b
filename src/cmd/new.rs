//! `pitchdeck new`: write a starter deck, never overwriting a file.

use std::path::Path;
use std::process::ExitCode;

use pitchdeck::starter;

use super::common::{EXIT_USAGE, fail};
use crate::LangArg;

pub fn new(path: &Path, lang: LangArg) -> ExitCode {
    let lang = match lang {
        LangArg::En => pitchdeck::deck::Lang::En,
        LangArg::Sv => pitchdeck::deck::Lang::Sv,
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let result = file.and_then(|mut f| {
        std::io::Write::write_all(&mut f, starter::starter_deck(lang).as_bytes())
    });
    match result {
        Ok(()) => {
            say!(
                "wrote {}; build it with: pitchdeck build {}",
                path.display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => fail(
            format!(
                "{} already exists; pitchdeck new never overwrites a file (give another name)",
                path.display()
            ),
            EXIT_USAGE,
        ),
        Err(e) => fail(
            format!("could not write {}: {e}", path.display()),
            EXIT_USAGE,
        ),
    }
}
