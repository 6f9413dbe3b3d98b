//! `pitchdeck new`: write a starter deck, never overwriting a file, and the
//! editor schema next to it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use pitchdeck::deck::Lang;
use pitchdeck::{Theme, schema, starter};

use super::common::{EXIT_USAGE, deck_dir, fail};
use crate::LangArg;

pub fn new(path: &Path, lang: LangArg, theme: Option<&str>) -> ExitCode {
    let lang = match lang {
        LangArg::En => Lang::En,
        LangArg::Sv => Lang::Sv,
    };
    let dir = deck_dir(path);
    let text = match theme {
        None => starter::starter_deck(lang).to_string(),
        // A folder is written into the deck as given, so it must make sense
        // from the deck's folder.
        Some(spec) => match Theme::resolve(spec, &dir) {
            Ok(t) => starter::starter_with_theme(lang, spec, t.config.uses_brand_color),
            Err(e) => {
                return fail(
                    format!("{e} (a theme folder is relative to the deck)"),
                    EXIT_USAGE,
                );
            }
        },
    };
    match create_new(path, text.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return fail(
                format!(
                    "{} already exists; pitchdeck new never overwrites a file (give another name)",
                    path.display()
                ),
                EXIT_USAGE,
            );
        }
        Err(e) => {
            return fail(
                format!("could not write {}: {e}", path.display()),
                EXIT_USAGE,
            );
        }
    }
    say!("wrote {}", path.display());

    // The `#:schema ./deck.schema.json` line works offline only with the file there.
    let schema_path = path.with_file_name(starter::SCHEMA_FILE);
    let schema_text = schema::deck_schema_json();
    match create_new(&schema_path, schema_text.as_bytes()) {
        Ok(()) => say!(
            "wrote {} (lets your editor complete and check the deck; see docs/editor.md)",
            schema_path.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if std::fs::read_to_string(&schema_path).ok().as_deref() != Some(&schema_text) {
                tell!(
                    "note: kept the existing {}; refresh it with: pitchdeck schema > {}",
                    schema_path.display(),
                    schema_path.display()
                );
            }
        }
        Err(e) => tell!(
            "note: could not write {} ({e}); editor completion needs it: pitchdeck schema > {}",
            schema_path.display(),
            schema_path.display()
        ),
    }
    say!("build it with: pitchdeck build {}", path.display());
    ExitCode::SUCCESS
}

fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}
