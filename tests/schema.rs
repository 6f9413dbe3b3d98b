//! The editor schema: the committed deck.schema.json is what `pitchdeck schema`
//! prints; every example deck validates against it with a JSON Schema
//! validator; mistakes fail at the key they are about; and Taplo, the engine of
//! the editors that read `#:schema`, finds the schema a new deck points to.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use jsonschema::error::ValidationErrorKind;

mod common;
use common::pitchdeck;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed_schema() -> serde_json::Value {
    let text = fs::read_to_string(root().join("deck.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// TOML as the JSON a schema validator sees. Dates become strings, as Taplo
/// does it.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn deck_json(text: &str) -> serde_json::Value {
    toml_to_json(toml::Value::Table(text.parse::<toml::Table>().unwrap()))
}

/// Every example deck in decks/, and the starter decks `pitchdeck new` writes.
fn example_decks(tmp: &Path) -> Vec<PathBuf> {
    let mut decks: Vec<PathBuf> = fs::read_dir(root().join("decks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    decks.sort();
    assert!(decks.len() >= 3, "expected the example decks in decks/");
    for (lang, theme) in [("en", "default"), ("sv", "board")] {
        let name = format!("starter-{lang}.toml");
        pitchdeck()
            .current_dir(tmp)
            .args(["new", &name, "--lang", lang, "--theme", theme])
            .assert()
            .success();
        decks.push(tmp.join(name));
    }
    decks
}

#[test]
fn the_committed_schema_is_what_pitchdeck_schema_prints() {
    let out = pitchdeck().arg("schema").output().unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let committed = fs::read_to_string(root().join("deck.schema.json")).unwrap();
    assert!(
        printed == committed,
        "deck.schema.json is out of date; refresh it with: cargo run -- schema > deck.schema.json"
    );
}

#[test]
fn the_schema_is_draft_07_and_closed() {
    let schema = committed_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    assert!(jsonschema::meta::is_valid(&schema));
    let described = schema["properties"]["need"]["description"]
        .as_str()
        .unwrap();
    assert!(described.contains("Why this matters now"), "{described}");
}

#[test]
fn every_example_deck_validates_against_the_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    for deck in example_decks(tmp.path()) {
        let instance = deck_json(&fs::read_to_string(&deck).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", deck.display());
    }
}

/// An unknown key and a wrong type are reported at the table and the key they
/// are about, by the schema as by `pitchdeck check`.
#[test]
fn an_unknown_key_and_a_wrong_type_fail_at_the_right_key() {
    let tmp = tempfile::tempdir().unwrap();
    pitchdeck()
        .current_dir(tmp.path())
        .args(["new", "deck.toml"])
        .assert()
        .success();
    let path = tmp.path().join("deck.toml");
    let good = fs::read_to_string(&path).unwrap();
    let bad = good
        .replacen("minutes = 10", "minutes = \"ten\"", 1)
        .replacen("points = [\"Two channels", "pointz = [\"Two channels", 1);
    assert_ne!(bad, good);
    fs::write(&path, &bad).unwrap();

    let validator = jsonschema::validator_for(&committed_schema()).unwrap();
    let instance = deck_json(&bad);
    let mut found: Vec<(String, String)> = validator
        .iter_errors(&instance)
        .map(|e| {
            let what = match e.kind() {
                ValidationErrorKind::AdditionalProperties { unexpected } => {
                    format!("unknown {}", unexpected.join(","))
                }
                ValidationErrorKind::Type { .. } => "wrong type".to_string(),
                other => format!("{other:?}"),
            };
            (e.instance_path().to_string(), what)
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            ("/deck/minutes".to_string(), "wrong type".to_string()),
            ("/strategy".to_string(), "unknown pointz".to_string()),
        ]
    );

    let out = pitchdeck()
        .current_dir(tmp.path())
        .args(["check", "deck.toml", "--format", "short"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("E005") && stderr.contains("`minutes` in [deck]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("E002") && stderr.contains("unknown key `pointz` in [strategy]"),
        "{stderr}"
    );
}

/// Where Taplo is: $TAPLO, the project's node_modules (installed on first use
/// by tests/common), or PATH.
fn taplo() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("TAPLO").map(PathBuf::from),
        common::npm_tools("the editor check (Taplo)").map(|n| n.join(".bin/taplo")),
        Some(PathBuf::from("taplo")),
    ];
    candidates.into_iter().flatten().find(|c| {
        StdCommand::new(c)
            .arg("--version")
            .output()
            // The npm build of Taplo prints its version but exits 1.
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).starts_with("taplo"))
    })
}

/// The path a user has: `pitchdeck new` in their own folder, then an editor
/// that reads the `#:schema ./deck.schema.json` line.
#[test]
fn taplo_finds_the_schema_a_new_deck_points_to() {
    let Some(taplo) = taplo() else {
        if std::env::var_os("CI").is_some() {
            panic!("Taplo is missing from node_modules (npm ci) and TAPLO is unset");
        }
        common::note("Taplo not found (npm @taplo/cli); skipping the editor check");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    pitchdeck()
        .current_dir(tmp.path())
        .args(["new", "deck.toml", "--lang", "sv"])
        .assert()
        .success();
    assert!(tmp.path().join("deck.schema.json").is_file());
    let lint = |dir: &Path| {
        StdCommand::new(&taplo)
            .current_dir(dir)
            .args(["lint", "--no-auto-config", "deck.toml"])
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    let out = lint(tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let path = tmp.path().join("deck.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("minutes = 10", "minutes = \"tio\"", 1)).unwrap();
    let out = lint(tmp.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("\"tio\" is not of type \"integer\"") && stderr.contains("deck.toml:"),
        "{stderr}"
    );
}
