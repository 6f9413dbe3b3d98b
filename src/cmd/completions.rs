//! `pitchdeck completions SHELL` prints a completion script for the shell;
//! `pitchdeck man` prints the manual page (roff), one per subcommand on request.
//! Both are generated from the same clap definition as `--help`, so they never
//! fall behind the arguments.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::common::{EXIT_USAGE, fail};

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> ExitCode {
    let mut cmd = crate::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "pitchdeck", &mut script);
    print(&script, "the completion script")
}

/// Prints the manual page of pitchdeck, or of one of its subcommands
/// (`pitchdeck man build` is pitchdeck-build(1)).
pub fn man(subcommand: Option<&str>) -> ExitCode {
    let mut cmd = crate::Cli::command();
    cmd.build();
    let page = match subcommand {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd
                    .get_subcommands()
                    .map(|s| s.get_name())
                    .filter(|n| *n != "help")
                    .collect();
                return fail(
                    format!(
                        "there is no subcommand `{name}`; the subcommands are {}",
                        names.join(", ")
                    ),
                    EXIT_USAGE,
                );
            };
            // After `build()` its display name is pitchdeck-build, the page's
            // name, as `man pitchdeck-build` and the main page's SEE ALSO expect.
            sub.clone()
        }
    };
    let mut roff = Vec::new();
    if let Err(e) = clap_mangen::Man::new(page).render(&mut roff) {
        return fail(format!("could not make the manual page: {e}"), EXIT_USAGE);
    }
    print(&roff, "the manual page")
}

/// Writes to stdout; a closed pipe (`pitchdeck man | head`) is not an error.
fn print(bytes: &[u8], what: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format!("could not print {what}: {e}"), EXIT_USAGE),
    }
}
