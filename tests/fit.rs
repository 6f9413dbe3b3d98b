//! Fit at build time (W301 and smaller type), without a browser; the browser
//! tests (tests/browser.rs) check the same decks against Chromium.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds a deck; returns its diagnostics (JSON) and the page.
fn build(deck: &str, theme: &str) -> (Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.html");
    let output = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(root())
        .args(["build", deck, "--format", "json", "--theme", theme, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let diagnostics = serde_json::Deserializer::from_str(&stdout)
        .into_iter::<Vec<Value>>()
        .next()
        .unwrap()
        .unwrap();
    (diagnostics, std::fs::read_to_string(out).unwrap())
}

fn w301(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics.iter().filter(|d| d["code"] == "W301").collect()
}

#[test]
fn an_overlong_slide_is_warned_about_with_its_slide_and_place() {
    let (diagnostics, html) = build("tests/fixtures/browser/overlong.toml", "default");
    let warned = w301(&diagnostics);
    assert_eq!(warned.len(), 1, "{diagnostics:#?}");
    let d = warned[0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["slide"], "risk");
    assert_eq!(d["line"], 14, "points at [risk]: {d}");
    let message = d["message"].as_str().unwrap();
    assert!(message.starts_with("slide 3 does not fit"), "{message}");
    assert!(d["help"].as_str().unwrap().contains("notes"));
    // The page still gets the smallest type allowed on that slide.
    assert!(html.contains("data-number=\"3\" data-fit=\"3\""));
}

#[test]
fn warnings_can_be_denied() {
    let status = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(root())
        .args([
            "build",
            "tests/fixtures/browser/overlong.toml",
            "--deny",
            "warnings",
            "-o",
        ])
        .arg(tempfile::tempdir().unwrap().path().join("x.html"))
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_crowded_slide_is_set_smaller_without_a_warning() {
    let (diagnostics, html) = build("tests/fixtures/browser/crowded.toml", "default");
    assert!(w301(&diagnostics).is_empty(), "{diagnostics:#?}");
    let need = html
        .split("<section ")
        .find(|s| s.contains("class=\"slide slide-need\""))
        .unwrap();
    assert!(
        need.contains("data-fit=\""),
        "the need slide was not shrunk"
    );
    // Only that slide.
    let shrunk = html
        .split("<section ")
        .skip(1)
        .filter(|s| s.split('>').next().unwrap().contains("data-fit="))
        .count();
    assert_eq!(shrunk, 1);
}

#[test]
fn the_example_decks_fit_in_every_built_in_theme() {
    for deck in [
        "social-media.en",
        "social-media.sv",
        "accessibility.en",
        "follow-up.sv",
    ] {
        for theme in ["default", "contrast", "board"] {
            let (diagnostics, _) = build(&format!("decks/{deck}.toml"), theme);
            assert!(
                w301(&diagnostics).is_empty(),
                "{deck} in {theme}: {diagnostics:#?}"
            );
        }
    }
}
