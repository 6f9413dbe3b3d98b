//! `pitchdeck themes` lists the built-in themes; `pitchdeck theme export` copies
//! one into a folder to edit.

use std::path::Path;
use std::process::ExitCode;

use pitchdeck::Theme;
use pitchdeck::theme::builtin_names;

use super::common::{EXIT_USAGE, fail};

pub fn list() -> ExitCode {
    let themes: Vec<Theme> = builtin_names()
        .into_iter()
        .filter_map(Theme::builtin)
        .collect();
    let width = themes
        .iter()
        .map(|t| t.config.name.len())
        .max()
        .unwrap_or(0);
    for theme in &themes {
        say!("{:width$}  {}", theme.config.name, theme.config.description);
    }
    say!();
    say!("Use one with theme = \"NAME\" in [deck], or pitchdeck build --theme NAME.");
    say!("Copy one to edit with: pitchdeck theme export NAME FOLDER");
    ExitCode::SUCCESS
}

pub fn export(name: &str, dir: &Path) -> ExitCode {
    let Some(theme) = Theme::builtin(name) else {
        return fail(
            format!(
                "there is no built-in theme `{name}`; the built-in themes are {}",
                builtin_names().join(", ")
            ),
            EXIT_USAGE,
        );
    };
    match theme.export(dir) {
        Ok(files) => {
            say!(
                "wrote the {name} theme to {} ({} files)",
                dir.display(),
                files.len()
            );
            say!(
                "use it with theme = \"{}\" in [deck] (a path relative to the deck), or --theme {}",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e, EXIT_USAGE),
    }
}
