//! `pitchdeck completions SHELL` and `pitchdeck man`, loaded the way a user
//! loads them: the bash and zsh scripts sourced into a real shell, which then
//! completes a subcommand; the manual page rendered by `man -l`.

use std::process::Command;

mod common;
use common::pitchdeck;

fn stdout_of(args: &[&str]) -> String {
    let out = pitchdeck().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `script` in `shell` with the completion script in $1.
fn in_shell(shell: &str, completion: &str, script: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("completion");
    std::fs::write(&file, completion).unwrap();
    let out = Command::new(shell)
        .arg("-c")
        .arg(script)
        .arg(shell)
        .arg(&file)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{shell}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bash_loads_the_completion_and_completes_subcommands_and_options() {
    if !common::have(&["bash"], "the bash completion test") {
        return;
    }
    let script = stdout_of(&["completions", "bash"]);
    let words = |line: &str| {
        let n = line.split(' ').count() - 1;
        in_shell(
            "bash",
            &script,
            &format!(
                "source \"$1\" && complete -p pitchdeck && COMP_WORDS=({line}) COMP_CWORD={n} \
                 COMP_LINE='{line}' COMP_POINT={} && _pitchdeck pitchdeck \"${{COMP_WORDS[{n}]}}\" \
                 \"${{COMP_WORDS[{}]}}\" && echo \"${{COMPREPLY[*]}}\"",
                line.len(),
                n.saturating_sub(1)
            ),
        )
    };
    let out = words("pitchdeck bu");
    assert!(out.contains("-F _pitchdeck pitchdeck"), "{out}");
    assert_eq!(out.lines().last(), Some("build"), "{out}");
    let out = words("pitchdeck build --lay");
    assert_eq!(out.lines().last(), Some("--layout"), "{out}");
    let out = words("pitchdeck build --la");
    assert_eq!(out.lines().last(), Some("--layout --lang"), "{out}");
    let out = words("pitchdeck completions z");
    assert_eq!(out.lines().last(), Some("zsh"), "{out}");
}

#[test]
fn zsh_loads_the_completion() {
    if !common::have(&["zsh"], "the zsh completion test") {
        return;
    }
    let script = stdout_of(&["completions", "zsh"]);
    assert!(script.starts_with("#compdef pitchdeck\n"), "{script}");
    let out = in_shell(
        "zsh",
        &script,
        "autoload -U compinit && compinit -u -d \"$HOME/.zcompdump\" && source \"$1\" \
         && print -r -- \"$_comps[pitchdeck]\" && whence -w _pitchdeck",
    );
    assert_eq!(out, "_pitchdeck\n_pitchdeck: function\n");
}

#[test]
fn fish_and_powershell_scripts_name_every_subcommand() {
    for shell in ["fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for sub in [
            "build",
            "check",
            "new",
            "watch",
            "schema",
            "completions",
            "man",
        ] {
            assert!(script.contains(sub), "{shell}: no {sub}");
        }
    }
    let out = pitchdeck().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("possible values: bash"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `man -l` renders the page: the roff is well formed enough for man-db to
/// lay out its sections, options and the subcommands' pages.
#[test]
fn man_renders_the_page_and_each_subcommands_page() {
    let page = stdout_of(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..80]);
    assert!(page.contains(".TH pitchdeck 1"), "{page}");
    let build = stdout_of(&["man", "build"]);
    assert!(build.contains(".TH pitchdeck-build 1"), "{build}");
    let out = pitchdeck().args(["man", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("there is no subcommand `nope`; the subcommands are build, new, check"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if !common::have(&["man"], "the man page test") {
        return;
    }
    let render = |roff: &str| {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("page.1");
        std::fs::write(&file, roff).unwrap();
        let out = Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // man may embolden with backspaces when it writes to a pipe.
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut plain = String::new();
        for c in text.chars() {
            if c == '\u{8}' {
                plain.pop();
            } else {
                plain.push(c);
            }
        }
        plain
    };
    let text = render(&page);
    for expected in [
        "NAME",
        "pitchdeck - Compile a short argument written in TOML",
        "SYNOPSIS",
        "SUBCOMMANDS",
        "pitchdeck-build(1)",
        "pitchdeck-completions(1)",
        "VERSION",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
    // man justifies a long line with extra spaces: compare words.
    let text = render(&build)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "pitchdeck-build - Build the HTML deck",
        "--pdf-only",
        "<DECK>",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
}
