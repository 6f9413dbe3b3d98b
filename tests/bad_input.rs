//! The bad-input corpus: files people really produce (pasted, exported, shared)
//! and files written to hurt. Each has its expected outcome; none may panic.
//!
//! Where the rest of issue 8's list is tested: HTML, script and `javascript:`
//! payloads in every shown field — tests/fixtures/escaping/deck.toml, asserted in
//! tests/html.rs and, for any string, tests/properties.rs; images, themes and
//! output files on disk — tests/files.rs; the policy in a browser — tests/csp.rs.

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

mod common;
use common::pitchdeck;

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

/// Runs `check` in the fixture folder (so paths print short) and returns (exit, stderr).
fn check(name: &str) -> (i32, String) {
    let out = pitchdeck()
        .current_dir(bad(""))
        .args(["check", name])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn builds_with_text(name: &str, texts: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.html");
    pitchdeck()
        .arg("build")
        .arg(bad(name))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let html = fs::read_to_string(out).unwrap();
    for text in texts {
        assert!(
            html.contains(text),
            "{name}: {text:?} missing from the HTML"
        );
    }
}

#[test]
fn a_byte_order_mark_is_ignored() {
    assert_eq!(check("bom.toml").0, 0);
    builds_with_text(
        "bom.toml",
        &["<title>Social media for the leadership</title>"],
    );
}

#[test]
fn crlf_line_endings_build_and_errors_point_at_the_right_place() {
    assert_eq!(check("crlf.toml").0, 0);
    let (code, stderr) = check("crlf-error.toml");
    assert_eq!(code, 1);
    assert!(stderr.contains("--> crlf-error.toml:5:1"), "{stderr}");
    assert!(
        !stderr.contains('\r'),
        "a carriage return leaked into the report"
    );
}

#[test]
fn tabs_around_equals_signs_are_fine() {
    assert_eq!(check("tabs.toml").0, 0);
}

#[test]
fn an_empty_file_and_a_file_of_comments_get_one_clear_error() {
    for name in ["empty.toml", "only-comments.toml"] {
        let (code, stderr) = check(name);
        assert_eq!(code, 1, "{name}");
        assert!(
            stderr.starts_with("error[E003]: the deck file has no sections\n"),
            "{stderr}"
        );
        assert!(stderr.contains(&format!("--> {name}:1:1")), "{stderr}");
        assert!(stderr.contains("pitchdeck new"), "{stderr}");
        assert_eq!(stderr.matches("error[").count(), 1, "{stderr}");
    }
}

#[test]
fn a_duplicate_key_is_a_syntax_error_at_the_second_key() {
    let (code, stderr) = check("duplicate-key.toml");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error[E001]: TOML syntax: duplicate key"),
        "{stderr}"
    );
    assert!(stderr.contains("--> duplicate-key.toml:6:1"), "{stderr}");
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let (code, stderr) = check("invalid-utf8.toml");
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: invalid-utf8.toml:2:13: the file is not UTF-8 text (byte 0xe9); save it as UTF-8\n"
    );
}

#[test]
fn deeply_nested_inline_tables_are_refused_without_a_crash() {
    let (code, stderr) = check("nested-inline-tables.toml");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error[E001]: TOML syntax: cannot recurse further"),
        "{stderr}"
    );
}

#[test]
fn a_five_megabyte_file_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    let mut text = fs::read_to_string(bad("crlf.toml")).unwrap();
    text.push_str(
        &"# padding padding padding padding padding padding padding padding\n".repeat(80_000),
    );
    fs::write(&path, &text).unwrap();
    assert!(text.len() > 5_000_000);
    pitchdeck()
        .current_dir(dir.path())
        .args(["check", "huge.toml"])
        .assert()
        .code(1)
        .stderr(format!(
            "error: huge.toml: the file is {} bytes; a deck may be at most 2097152 bytes\n",
            text.len()
        ));
}

#[test]
fn a_markdown_image_keeps_its_text_and_warns() {
    let (code, stderr) = check("markdown-image.toml");
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning[W003]: Markdown image `chart.png` is not shown"),
        "{stderr}"
    );
    builds_with_text(
        "markdown-image.toml",
        &["Our customers a chart talk about us."],
    );
}

#[test]
fn emoji_cjk_and_right_to_left_text_reach_the_html_unchanged() {
    builds_with_text(
        "emoji-cjk.toml",
        &["😀", "顧客は話している", "中文 text", "Ελληνικά"],
    );
    builds_with_text(
        "rtl.toml",
        &[
            "إذا صمتنا يروي الآخرون قصتنا",
            "שלום עולם",
            "mixed עברית and English",
        ],
    );
}

#[test]
fn over_long_fields_and_too_many_objections_name_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let base = fs::read_to_string(bad("tabs.toml")).unwrap();
    let long = base.replace(
        "[risk]",
        &format!("notes = \"{}\"\n\n[risk]", "word ".repeat(5_000)),
    );
    fs::write(dir.path().join("long.toml"), long).unwrap();
    pitchdeck()
        .current_dir(dir.path())
        .args(["check", "long.toml", "--format", "short"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[E011]: `notes` in [need] is 25000 characters long; the limit is 20000",
        ));

    let many = format!(
        "{base}\n{}",
        "[[objection]]\nquestion = \"Why?\"\nanswer = \"Because.\"\n".repeat(5_001)
    );
    fs::write(dir.path().join("many.toml"), many).unwrap();
    pitchdeck()
        .current_dir(dir.path())
        .args(["check", "many.toml", "--format", "short"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[E011]: the deck has 5001 objections; the limit is 5000",
        ));

    let deep = base.replace(
        "[risk]",
        &format!("notes = \"\"\"\n{}deep\n\"\"\"\n\n[risk]", "> ".repeat(40)),
    );
    fs::write(dir.path().join("deep.toml"), deep).unwrap();
    pitchdeck()
        .current_dir(dir.path())
        .args(["check", "deep.toml", "--format", "short"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[E011]: lists or quotes nested 40 levels deep; the limit is 16",
        ));
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    // `pitchdeck check deck.toml | head -1`: the reader goes away early.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(bad(""))
        .args(["check", "only-comments.toml", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "expected the deck's exit code, not a panic (101)"
    );
}

#[test]
fn payloads_in_checked_fields_are_refused_field_by_field() {
    let out = pitchdeck()
        .current_dir(bad(""))
        .args([
            "build",
            "payloads-in-checked-fields.toml",
            "--format",
            "short",
        ])
        .arg("-o")
        .arg(std::env::temp_dir().join("pitchdeck-never-written.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let file = "payloads-in-checked-fields.toml";
    for expected in [
        ":5:8: error[E006]: unknown language `<script>alert(1)</script>` in [deck]",
        ":6:9: error[E010]: theme `javascript:alert(1)`",
        ":7:15: error[E006]: `brand_color` must be a colour like",
        ":8:8: error[E008]: the image in [deck] was not found: `javascript:alert(1)`",
        ":9:11: error[E005]: `minutes` in [deck] must be a whole number, found a string",
        ":13:9: error[E008]: the image in [need] is not a local file: `https://evil.example/track.png`",
        ":18:9: error[E008]: the image in [risk] is not a local file: `data:image/svg+xml,<svg onload=alert(1)>`",
        ":33:8: error[E006]: unknown measure kind `<script>`",
    ] {
        assert!(
            stderr.contains(&format!("{file}{expected}")),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert!(
        !std::env::temp_dir()
            .join("pitchdeck-never-written.html")
            .exists()
    );
}

#[test]
fn terminal_control_characters_never_reach_the_terminal() {
    // A raw escape sequence in a comment, shown in the snippet under the error,
    // would retitle or clear the reader's terminal.
    let out = pitchdeck()
        .current_dir(bad(""))
        .args(["check", "terminal-escapes.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error[E001]: TOML syntax: invalid comment character"),
        "{stderr}"
    );
    assert!(stderr.contains("--> terminal-escapes.toml:3:3"), "{stderr}");
    for control in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(
            !stderr.contains(control),
            "control character {control:?} reached the terminal"
        );
    }
    // Escapes written as TOML escapes in a key: shown as symbols, not obeyed, in
    // every format (C1 controls such as U+009B are escapes on some terminals too).
    let text = fs::read_to_string(bad("terminal-escapes.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    fs::write(dir.path().join("deck.toml"), lines.join("\n")).unwrap();
    for format in ["human", "short"] {
        let out = pitchdeck()
            .current_dir(dir.path())
            .args(["check", "deck.toml", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("error[E002]: unknown key `\u{241b}[2J\u{fffd}2Jfoo` in [deck]"),
            "{format}: {stderr}"
        );
        for control in ['\u{1b}', '\u{7}', '\u{9b}'] {
            assert!(
                !stderr.contains(control),
                "{format}: control character {control:?} reached the terminal"
            );
        }
    }
    let json = pitchdeck()
        .current_dir(dir.path())
        .args(["check", "deck.toml", "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8(json.stdout).unwrap();
    assert!(
        json.contains(r#""message": "unknown key `\u001b[2J\u009b2Jfoo` in [deck]""#),
        "{json}"
    );
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        parsed[0]["message"],
        "unknown key `\u{1b}[2J\u{9b}2Jfoo` in [deck]"
    );
}

/// Found by the `load` fuzz target (a 10 KB file took over 10 s): a broken
/// inline table made an error per character after it, and each drew its long
/// line again. Syntax errors now stop at 50 plus a count, and a line over
/// 1,000 bytes is named, not drawn.
#[test]
fn a_cascade_of_syntax_errors_is_cut_short() {
    let (code, stderr) = check("fuzz-load-timeout-1.toml");
    assert_eq!(code, 1);
    assert_eq!(stderr.matches("error[E001]").count(), 51, "{stderr}");
    assert!(
        stderr.contains("error[E001]: TOML syntax: 3144 more errors from here on are not shown"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("fuzz-load-timeout-1.toml: 51 errors\n"),
        "{stderr}"
    );
}

#[test]
fn a_two_megabyte_line_of_errors_is_reported_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let line = "]".repeat(2_000_000);
    fs::write(
        dir.path().join("deck.toml"),
        format!("[deck]\ntitle = \"x\"\nbad = {{ a = {line}\n"),
    )
    .unwrap();
    let out = pitchdeck()
        .current_dir(dir.path())
        .args(["check", "deck.toml"])
        // A guard against a hang, not a speed test (benches/ measure speed).
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("error[E001]").count(), 51);
    assert!(
        stderr.contains("= note: the line is 2000012 bytes long, too long to show"),
        "{stderr}"
    );
    assert!(stderr.contains("--> deck.toml:3:13"), "{stderr}");
    assert!(stderr.len() < 50_000, "{} bytes of report", stderr.len());
}

/// The handout font covers Latin, Greek and Swedish; emoji, CJK, Arabic and
/// Hebrew are drawn as a visible stand-in and reported (W201) with the
/// character, never dropped silently, and the PDF stays valid.
#[test]
fn emoji_cjk_and_right_to_left_text_are_reported_in_the_pdf() {
    if !common::have(&["qpdf"], "the PDF bad-input test") {
        return;
    }
    for (name, missing) in [("emoji-cjk.toml", ["😀", "顧"]), ("rtl.toml", ["إ", "ש"])] {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("deck.pdf");
        let out = pitchdeck()
            .args(["build", "--pdf-only", "-o"])
            .arg(&pdf)
            .arg(bad(name))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
        for c in missing {
            assert!(
                stderr.contains("warning[W201]") && stderr.contains(&format!("`{c}`")),
                "{name}: no W201 for {c}:\n{stderr}"
            );
        }
        let check = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(check.status.success(), "{name}: qpdf --check failed");
    }
}
