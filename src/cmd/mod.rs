//! One file per subcommand; `main.rs` only parses arguments and dispatches.

pub mod build;
pub mod check;
pub mod common;
pub mod new;
