//! `pitchdeck schema`: print the JSON Schema of deck.toml for editors.

use std::io::Write;
use std::process::ExitCode;

use super::common::{EXIT_USAGE, fail};

pub fn schema() -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(pitchdeck::schema::deck_schema_json().as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format!("could not print the schema: {e}"), EXIT_USAGE),
    }
}
