//! The real binary on fixture folders: exit codes, exact diagnostics, the files
//! it writes, and what it refuses to do.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::pitchdeck;

fn fixtures(group: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(group)
}

fn starter(dir: &Path, lang: &str) -> PathBuf {
    let path = dir.join("deck.toml");
    pitchdeck()
        .current_dir(dir)
        .args(["new", "deck.toml", "--lang", lang])
        .assert()
        .success();
    path
}

/// Every error fixture: the exit code and the whole stderr, exactly.
#[test]
fn error_fixtures_report_exact_diagnostics() {
    let dir = fixtures("errors");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 12,
        "expected the error fixtures, found {}",
        cases.len()
    );
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let out = pitchdeck()
            .current_dir(&case)
            .args(["check", "deck.toml"])
            .output()
            .unwrap();
        let report = format!(
            "exit: {}\n--- stderr\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr)
        );
        insta::assert_snapshot!(format!("errors__{name}"), report);
    }
}

#[test]
fn a_deck_with_many_problems_reports_them_all_in_one_run() {
    let out = pitchdeck()
        .current_dir(fixtures("errors/many-problems"))
        .args(["check", "deck.toml", "--format", "short"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(": error[")).collect();
    assert!(
        lines.len() >= 10,
        "only {} problems reported:\n{stderr}",
        lines.len()
    );
    let codes: std::collections::BTreeSet<&str> = lines
        .iter()
        .filter_map(|l| l.split("error[").nth(1)?.get(..4))
        .collect();
    for code in ["E002", "E003", "E004", "E005", "E006", "E007"] {
        assert!(codes.contains(code), "{code} missing from:\n{stderr}");
    }
}

#[test]
fn exit_code_0_for_a_valid_deck_and_html_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let deck = starter(dir.path(), "en");
    pitchdeck()
        .arg("build")
        .arg(&deck)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("wrote").and(predicates::str::contains("9 slides")));
    let html = fs::read_to_string(dir.path().join("deck.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"en\">"));
}

use predicates::prelude::*;

#[test]
fn exit_code_2_for_missing_file_directory_and_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    pitchdeck()
        .current_dir(dir.path())
        .args(["build", "nope.toml"])
        .assert()
        .code(2)
        .stderr("error: nope.toml: no such file\n");
    pitchdeck()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr("error: .: is a directory, not a deck file (give the path of a .toml file)\n");
    pitchdeck().args(["build"]).assert().code(2);
    pitchdeck().args(["frobnicate"]).assert().code(2);
}

#[test]
fn a_file_that_is_not_utf8_gets_one_line_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("deck.toml"),
        b"[deck]\ntitle = \"caf\xe9\"\n",
    )
    .unwrap();
    pitchdeck()
        .current_dir(dir.path())
        .args(["check", "deck.toml"])
        .assert()
        .code(1)
        .stderr(
            "error: deck.toml:2:13: the file is not UTF-8 text (byte 0xe9); save it as UTF-8\n",
        );
}

#[test]
fn new_writes_decks_that_build_and_never_overwrites() {
    for lang in ["en", "sv"] {
        let dir = tempfile::tempdir().unwrap();
        let deck = starter(dir.path(), lang);
        let text = fs::read_to_string(&deck).unwrap();
        // One comment line before every section says what it is for.
        for section in [
            "[deck]",
            "[summary]",
            "[need]",
            "[risk]",
            "[strategy]",
            "[metrics]",
            "[ask]",
            "[[objection]]",
        ] {
            let at = text
                .find(&format!("\n{section}\n"))
                .unwrap_or_else(|| panic!("{section} missing"));
            let before = text[..at].lines().last().unwrap_or_default();
            assert!(
                before.starts_with("# "),
                "no comment before {section} in the {lang} starter"
            );
        }
        pitchdeck().arg("check").arg(&deck).assert().code(0);
        pitchdeck().arg("build").arg(&deck).assert().code(0);
        let html = fs::read_to_string(dir.path().join("deck.html")).unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        pitchdeck()
            .current_dir(dir.path())
            .args(["new", "deck.toml"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("already exists"));
        assert_eq!(
            fs::read_to_string(&deck).unwrap(),
            text,
            "new overwrote the file"
        );
    }
}

#[test]
fn the_same_deck_builds_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let deck = starter(dir.path(), "sv");
    let out = dir.path().join("deck.html");
    pitchdeck().arg("build").arg(&deck).assert().success();
    let first = fs::read(&out).unwrap();
    pitchdeck().arg("build").arg(&deck).assert().success();
    assert_eq!(first, fs::read(&out).unwrap());
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let deck = starter(dir.path(), "en");
    let out = dir.path().join("deck.html");
    pitchdeck().arg("build").arg(&deck).assert().success();
    let good = fs::read(&out).unwrap();

    // An error in the deck: nothing is written.
    let text = fs::read_to_string(&deck).unwrap();
    fs::write(&deck, text.replace("[risk]", "[risky]")).unwrap();
    pitchdeck().arg("build").arg(&deck).assert().code(1);
    assert_eq!(fs::read(&out).unwrap(), good);

    // A crash between writing and renaming: the old file stays whole, no temp file is left.
    // (The failure hook exists in debug builds only; tests/files.rs tries every stage.)
    if !cfg!(debug_assertions) {
        return;
    }
    fs::write(&deck, text.replace("Your name", "Another name")).unwrap();
    pitchdeck()
        .arg("build")
        .arg(&deck)
        .env("PITCHDECK_FAIL_AT", "before-rename")
        .assert()
        .code(2);
    assert_eq!(fs::read(&out).unwrap(), good);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn output_may_not_overwrite_the_deck() {
    let dir = tempfile::tempdir().unwrap();
    let deck = starter(dir.path(), "en");
    let before = fs::read(&deck).unwrap();
    pitchdeck()
        .arg("build")
        .arg(&deck)
        .arg("-o")
        .arg(&deck)
        .assert()
        .code(2);
    assert_eq!(fs::read(&deck).unwrap(), before);
}

#[test]
fn an_unknown_theme_flag_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let deck = starter(dir.path(), "en");
    pitchdeck()
        .arg("build")
        .arg(&deck)
        .args(["--theme", "no-such-theme"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("neither a built-in theme"));
}

#[test]
fn a_user_theme_folder_overrides_files_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let deck = starter(dir.path(), "en");
    let theme = dir.path().join("mytheme");
    fs::create_dir(&theme).unwrap();
    fs::write(
        theme.join("style.css"),
        ".slide { outline: 3px dashed hotpink; }",
    )
    .unwrap();
    pitchdeck()
        .arg("build")
        .arg(&deck)
        .arg("--theme")
        .arg(&theme)
        .assert()
        .success();
    let html = fs::read_to_string(dir.path().join("deck.html")).unwrap();
    assert!(html.contains("hotpink"), "the user's style.css is used");
    assert!(
        !html.contains("border-collapse"),
        "the built-in style.css is replaced, not merged"
    );
    assert!(
        html.contains("aria-roledescription"),
        "the built-in template is still used"
    );
}

#[test]
fn help_of_every_subcommand_shows_an_example() {
    for sub in ["build", "new", "check"] {
        pitchdeck().args([sub, "--help"]).assert().success().stdout(
            predicates::str::contains("Examples:")
                .and(predicates::str::contains(format!("pitchdeck {sub}"))),
        );
    }
}
