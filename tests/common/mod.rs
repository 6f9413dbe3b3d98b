//! Shared by the integration tests.

use assert_cmd::Command;

/// The real binary, without colours and without the write-failure test hook
/// (a test that wants it sets `PITCHDECK_FAIL_AT` itself).
pub fn pitchdeck() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitchdeck"));
    cmd.env("NO_COLOR", "1").env_remove("PITCHDECK_FAIL_AT");
    cmd
}
