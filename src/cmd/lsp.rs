//! `pitchdeck lsp`: the language server over stdin and stdout. The server is in
//! the library (`pitchdeck::lsp`); this only connects it to the process.

use std::io;
use std::process::ExitCode;

use super::common::EXIT_USAGE;

pub fn lsp(docs_url: Option<String>) -> ExitCode {
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    match pitchdeck::lsp::run(&mut input, &mut output, docs_url) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            tell!("pitchdeck lsp: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
