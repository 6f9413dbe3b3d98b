//! The one compiler behind every command, through the real binary: each back
//! end runs only when asked for, a back end's failure is its own diagnostic
//! (in every format) and stops no other, and output into a closed pipe is
//! dropped rather than a crash.

use std::fs;
use std::path::Path;

mod common;
use common::pitchdeck;

/// A folder with a starter deck, `deck.toml`.
fn starter() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    pitchdeck()
        .current_dir(dir.path())
        .args(["new", "deck.toml"])
        .assert()
        .success();
    dir
}

/// A folder with a starter deck and an exported copy of the default theme
/// whose page template does not parse.
fn deck_with_broken_template() -> tempfile::TempDir {
    let dir = starter();
    pitchdeck()
        .current_dir(dir.path())
        .args(["theme", "export", "default", "broken"])
        .assert()
        .success();
    // An `if` without its `endif`: Tera cannot parse the template.
    fs::write(
        dir.path().join("broken/deck.html"),
        "<!DOCTYPE html>\n<html>{% if deck.title %}\n",
    )
    .unwrap();
    dir
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Defect 1: `check --stats | true` crashed with exit 101 writing the table
/// into the closed pipe.
#[test]
fn stats_into_a_closed_pipe_is_not_a_crash() {
    let dir = starter();
    // The reading end is closed before the process starts, so every write to
    // its standard output fails, as when `true` has already exited.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "deck.toml", "--stats"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "stderr: {}",
        stderr_of(&status)
    );
    assert!(!stderr_of(&status).contains("panicked"));
}

/// Defect 2: `--pdf-only` needed the HTML back end, so a theme whose
/// template does not parse gave no PDF.
#[test]
fn pdf_only_does_not_need_the_html_template() {
    let dir = deck_with_broken_template();
    let out = pitchdeck()
        .current_dir(dir.path())
        .args(["build", "deck.toml", "--theme", "broken", "--pdf-only"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let pdf = fs::read(dir.path().join("deck.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(!dir.path().join("deck.html").exists());
}

/// A back end's failure stops no other: the HTML fails, the PDF is written,
/// and the build exits 1 with the HTML back end's own error.
#[test]
fn a_failing_back_end_stops_no_other() {
    let dir = deck_with_broken_template();
    let out = pitchdeck()
        .current_dir(dir.path())
        .args(["build", "deck.toml", "--theme", "broken", "--pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr_of(&out);
    assert!(
        stderr
            .contains("error[E012]: the theme cannot draw the HTML deck: theme template deck.html"),
        "{stderr}"
    );
    assert!(stderr.contains("help: fix the theme's files"), "{stderr}");
    assert!(!dir.path().join("deck.html").exists());
    assert!(
        fs::read(dir.path().join("deck.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

/// Defect 3: `--format json` printed `[]` for a broken theme; tools saw nothing.
#[test]
fn json_reports_a_theme_failure() {
    let dir = deck_with_broken_template();
    let out = pitchdeck()
        .current_dir(dir.path())
        .args([
            "build",
            "deck.toml",
            "--theme",
            "broken",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = json.as_array().unwrap();
    let failure = items
        .iter()
        .find(|d| d["code"] == "E012")
        .unwrap_or_else(|| panic!("no E012 in {json}"));
    assert_eq!(failure["severity"], "error");
    assert!(
        failure["message"]
            .as_str()
            .unwrap()
            .starts_with("the theme cannot draw the HTML deck"),
        "{failure}"
    );
    assert!(!dir.path().join("deck.html").exists());
}

/// The previous output stays when the back end fails.
#[test]
fn a_failed_back_end_leaves_the_previous_file() {
    let dir = deck_with_broken_template();
    pitchdeck()
        .current_dir(dir.path())
        .args(["build", "deck.toml"])
        .assert()
        .success();
    let before = fs::read(dir.path().join("deck.html")).unwrap();
    pitchdeck()
        .current_dir(dir.path())
        .args(["build", "deck.toml", "--theme", "broken"])
        .assert()
        .code(1);
    assert_eq!(fs::read(dir.path().join("deck.html")).unwrap(), before);
    assert!(Path::new(&dir.path().join("broken")).is_dir());
}

/// One run writes several outputs: the HTML and three PDFs, each under its
/// own name, and says so.
#[test]
fn one_run_writes_every_layout_asked_for() {
    let dir = starter();
    let out = pitchdeck()
        .current_dir(dir.path())
        .args([
            "build",
            "deck.toml",
            "--pdf",
            "--layout",
            "handout,slides,brief",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for name in ["deck.html", "deck.pdf", "deck.slides.pdf", "deck.brief.pdf"] {
        assert!(stdout.contains(name), "{stdout}");
        let bytes = fs::read(dir.path().join(name)).unwrap();
        assert!(!bytes.is_empty());
    }
    assert!(stdout.starts_with("wrote deck.html ("), "{stdout}");
}
