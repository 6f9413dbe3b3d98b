//! One file per subcommand; `main.rs` only parses arguments and dispatches.

pub mod build;
pub mod check;
pub mod common;
pub mod completions;
pub mod lsp;
pub mod new;
pub mod schema;
pub mod themes;
pub mod watch;
