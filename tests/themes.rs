//! Themes through the real binary: every built-in theme builds every example
//! deck; `themes` lists them; `theme export` writes a complete folder that a
//! deck can use and edit file by file; the brand colour is used, adjusted or
//! refused as the theme says, with a warning at the right line.

use std::fs;
use std::path::{Path, PathBuf};

use pitchdeck::Theme;
use pitchdeck::theme::builtin_names;

mod common;
use common::pitchdeck;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example_decks() -> Vec<PathBuf> {
    let mut decks: Vec<PathBuf> = fs::read_dir(root().join("decks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    decks.sort();
    decks
}

/// The `:root{…}` colour line of a built page.
/// The colour and font variables (the type sizes, `--size-*`, follow them).
fn colours(html: &str) -> &str {
    let start = html.find(":root{--bg:").expect("the colour variables");
    let end = start + html[start..].find('}').unwrap();
    let root = &html[start..end];
    let sizes = root.find(";--size-text:").expect("the size variables");
    &root[..sizes]
}

/// Every built-in theme builds every example deck, HTML and PDF handout.
#[test]
fn every_builtin_theme_builds_every_example_deck() {
    let decks = example_decks();
    assert!(decks.len() >= 3, "expected the example decks in decks/");
    let out = tempfile::tempdir().unwrap();
    for theme_name in builtin_names() {
        let theme = Theme::builtin(theme_name).unwrap();
        let c = &theme.config.colors;
        for deck in &decks {
            let html_path = out.path().join(format!(
                "{}-{theme_name}.html",
                deck.file_stem().unwrap().to_string_lossy()
            ));
            let result = pitchdeck()
                .arg("build")
                .arg(deck)
                .args(["--theme", theme_name, "--pdf", "-o"])
                .arg(&html_path)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&result.stderr);
            assert!(
                result.status.success(),
                "{theme_name} {}: {stderr}",
                deck.display()
            );
            assert!(!stderr.contains("W4"), "{theme_name}: {stderr}");
            let pdf = fs::read(html_path.with_extension("pdf")).unwrap();
            assert!(pdf.starts_with(b"%PDF-"), "{theme_name} {}", deck.display());
            let html = fs::read_to_string(&html_path).unwrap();
            assert_eq!(
                colours(&html),
                format!(
                    ":root{{--bg:{};--text:{};--muted:{};--accent:{};--surface:{};--font:\"{}\",system-ui,sans-serif",
                    c.background, c.text, c.muted, c.accent, c.surface, theme.config.font_family
                ),
                "{theme_name} {}",
                deck.display()
            );
            // A theme's own stylesheet comes after the default one.
            if let Some(extra) = theme.file("theme.css") {
                let extra = std::str::from_utf8(extra).unwrap();
                let first_rule = extra.lines().find(|l| l.starts_with('.')).unwrap();
                assert!(html.contains(first_rule), "{theme_name}: {first_rule}");
            }
        }
    }
}

#[test]
fn themes_lists_the_builtin_themes_with_their_descriptions() {
    let out = pitchdeck().arg("themes").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["default", "contrast", "board"] {
        let theme = Theme::builtin(name).unwrap();
        assert!(
            text.lines()
                .any(|l| l.starts_with(name) && l.ends_with(&theme.config.description)),
            "{name} missing from:\n{text}"
        );
    }
    assert!(text.contains("pitchdeck theme export NAME FOLDER"));
}

#[test]
fn an_exported_theme_is_used_and_overrides_file_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    pitchdeck()
        .current_dir(dir)
        .args(["theme", "export", "contrast", "mine"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "wrote the contrast theme to mine",
        ));
    for file in [
        "theme.toml",
        "theme.css",
        "deck.html",
        "deck.js",
        "style.css",
        "fonts/regular.woff2",
        "fonts/OFL.txt",
    ] {
        assert!(dir.join("mine").join(file).is_file(), "{file}");
    }
    // Never over a user's files.
    pitchdeck()
        .current_dir(dir)
        .args(["theme", "export", "board", "mine"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    pitchdeck()
        .current_dir(dir)
        .args(["theme", "export", "neon", "other"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no built-in theme `neon`"));

    // Edit two files of the copy; the deck picks up both.
    let toml_path = dir.join("mine/theme.toml");
    let toml = fs::read_to_string(&toml_path).unwrap();
    fs::write(&toml_path, toml.replace("#0b0d10", "#000000")).unwrap();
    fs::write(
        dir.join("mine/theme.css"),
        ".claim { letter-spacing: 0.01em; }\n",
    )
    .unwrap();
    pitchdeck()
        .current_dir(dir)
        .args(["new", "deck.toml", "--theme", "mine"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(dir.join("deck.toml"))
            .unwrap()
            .contains("\ntheme = \"mine\"\n")
    );
    pitchdeck()
        .current_dir(dir)
        .args(["build", "deck.toml"])
        .assert()
        .success();
    let html = fs::read_to_string(dir.join("deck.html")).unwrap();
    assert!(colours(&html).starts_with(":root{--bg:#000000;--text:#ffffff"));
    assert!(html.contains(".claim { letter-spacing: 0.01em; }"));

    // A folder with only a theme.toml takes every other file from default.
    fs::create_dir(dir.join("tiny")).unwrap();
    fs::write(
        dir.join("tiny/theme.toml"),
        "name = \"tiny\"\nfont_family = \"Atkinson Hyperlegible Next\"\n[colors]\nbackground = \"#fffff0\"\ntext = \"#111111\"\nmuted = \"#444444\"\naccent = \"#803000\"\nsurface = \"#eeeedd\"\n",
    )
    .unwrap();
    pitchdeck()
        .current_dir(dir)
        .args(["build", "deck.toml", "--theme", "tiny", "-o", "tiny.html"])
        .assert()
        .success();
    let tiny = fs::read_to_string(dir.join("tiny.html")).unwrap();
    assert!(colours(&tiny).starts_with(":root{--bg:#fffff0;"));
    assert!(tiny.contains("class=\"slide slide-title\""));
    assert!(!tiny.contains("letter-spacing: 0.01em"));
}

fn deck_with_brand(dir: &Path, theme: &str, colour: &str) -> std::process::Output {
    let path = dir.join("deck.toml");
    if !path.exists() {
        pitchdeck()
            .current_dir(dir)
            .args(["new", "deck.toml", "--theme", "board"])
            .assert()
            .success();
    }
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with("brand_color") && !l.starts_with("theme ="))
        .map(str::to_string)
        .collect();
    let at = lines.iter().position(|l| l.starts_with("lang = ")).unwrap();
    lines.insert(at + 1, format!("theme = \"{theme}\""));
    lines.insert(at + 2, format!("brand_color = \"{colour}\""));
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    pitchdeck()
        .current_dir(dir)
        .args(["build", "deck.toml"])
        .output()
        .unwrap()
}

#[test]
fn the_brand_colour_is_used_adjusted_or_refused_as_the_theme_says() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let html = || fs::read_to_string(dir.join("deck.html")).unwrap();

    // Dark enough: used as written, no warning.
    let out = deck_with_brand(dir, "board", "#0a5c36");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(colours(&html()).contains("--accent:#0a5c36;"));

    // Too light for the board theme: darkened until it keeps 4.5:1, and said so
    // at the brand_color value.
    let out = deck_with_brand(dir, "board", "#ffcc00");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("warning[W401]: brand_color \"#ffcc00\" is too light to read on the board theme (1.2:1 where text needs 4.5:1); it is drawn darker as #"),
        "{stderr}"
    );
    let source = fs::read_to_string(dir.join("deck.toml")).unwrap();
    let line = source
        .lines()
        .position(|l| l.starts_with("brand_color"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("--> deck.toml:{line}:15")),
        "{stderr}"
    );
    let page = html();
    let accent = colours(&page)
        .split(';')
        .find_map(|v| v.strip_prefix("--accent:"))
        .unwrap()
        .to_string();
    assert_ne!(accent, "#ffcc00");
    assert!(stderr.contains(&format!("drawn darker as {accent} (")));
    // `check` says the same, without building.
    pitchdeck()
        .current_dir(dir)
        .args(["check", "deck.toml", "--format", "short"])
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "deck.toml:{line}:15: warning[W401]: brand_color \"#ffcc00\""
        )));
    let rgb = pitchdeck::theme::parse_hex_color(&accent).unwrap();
    let board = Theme::builtin("board").unwrap();
    for bg in [
        &board.config.colors.background,
        &board.config.colors.surface,
    ] {
        let bg = pitchdeck::theme::parse_hex_color(bg).unwrap();
        assert!(pitchdeck::theme::contrast(rgb, bg) >= 4.5);
    }

    // A theme without a brand colour keeps its accent and says why.
    let out = deck_with_brand(dir, "default", "#0a5c36");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("warning[W402]: the default theme does not use `brand_color`"),
        "{stderr}"
    );
    let default = Theme::builtin("default").unwrap();
    assert!(colours(&html()).contains(&format!("--accent:{};", default.config.colors.accent)));
}

#[test]
fn new_writes_the_theme_in_the_chosen_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    pitchdeck()
        .current_dir(dir)
        .args(["new", "pitch.toml", "--lang", "sv", "--theme", "board"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.join("pitch.toml")).unwrap();
    assert!(text.starts_with("#:schema ./deck.schema.json\n"));
    assert!(text.contains("\nlang = \"sv\"\ntheme = \"board\"\n# brand_color = "));
    assert!(text.contains("er profilfärg"));
    assert!(dir.join("deck.schema.json").is_file());
    pitchdeck()
        .current_dir(dir)
        .args(["check", "pitch.toml"])
        .assert()
        .success();

    pitchdeck()
        .current_dir(dir)
        .args(["new", "other.toml", "--theme", "neon"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("neon"));
    assert!(!dir.join("other.toml").exists());
}

/// A deck in `dir` drawn in a copy of the default theme, `mine`.
fn deck_with_own_theme(dir: &Path) {
    pitchdeck()
        .current_dir(dir)
        .args(["theme", "export", "default", "mine"])
        .assert()
        .success();
    pitchdeck()
        .current_dir(dir)
        .args(["new", "deck.toml", "--theme", "mine"])
        .assert()
        .success();
}

/// A mistake in a theme's file is reported in that file, at its line and
/// column, like a mistake in the deck — in every format.
#[test]
fn a_broken_theme_file_is_an_error_in_that_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    deck_with_own_theme(dir);
    let toml_path = dir.join("mine/theme.toml");
    let good = fs::read_to_string(&toml_path).unwrap();
    let line = good.lines().position(|l| l == "[colors]").unwrap() + 2;
    fs::write(
        &toml_path,
        good.replace("[colors]\n", "[colors]\nbogus = 1\n"),
    )
    .unwrap();
    let out = pitchdeck()
        .current_dir(dir)
        .args(["check", "deck.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error[E010]: unknown field `bogus`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(" --> mine/theme.toml:{line}:1\n")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{line} | bogus = 1\n")),
        "{stderr}"
    );

    // Sizes out of range: at the value.
    fs::write(&toml_path, format!("{good}[sizes]\nsmall = 18\n")).unwrap();
    let line = good.lines().count() + 2;
    pitchdeck()
        .current_dir(dir)
        .args(["build", "deck.toml", "--format", "short"])
        .assert()
        .code(1)
        .stderr(format!(
            "mine/theme.toml:{line}:9: error[E010]: [sizes] small = 18: sizes are CSS pixels on a 1280×720 slide, from 24 to 200\n"
        ));
    assert!(!dir.join("deck.html").exists());
}

#[test]
fn a_template_that_does_not_parse_is_an_error_in_the_template() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    deck_with_own_theme(dir);
    fs::write(dir.join("mine/deck.html"), "<p>\n{% if %}\n").unwrap();
    pitchdeck()
        .current_dir(dir)
        .args(["build", "deck.toml"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "error[E012]: the theme cannot draw the HTML deck: theme template deck.html does not parse: Found `%}`",
        ))
        .stderr(predicates::str::contains(
            " --> mine/deck.html:2:7\n  |\n2 | {% if %}\n  |       ^^\n",
        ));
    let out = pitchdeck()
        .current_dir(dir)
        .args(["build", "deck.toml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = &json[0];
    assert_eq!(found["code"], "E012");
    assert_eq!(found["file"], "mine/deck.html");
    assert_eq!(
        (found["line"].as_u64(), found["column"].as_u64()),
        (Some(2), Some(7))
    );
    assert!(!dir.join("deck.html").exists());
}
