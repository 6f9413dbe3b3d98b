//! The HTML deck in a real browser: headless Chromium, driven by playwright-core
//! (npm) from one Node process, over every example deck (in every built-in theme)
//! and the browser fixtures, at 1280×720, 1920×1080 and 390×844. See
//! docs/browser.md.
//!
//! The Node script (tests/browser/run.mjs) only looks and reports; the tests
//! here decide. It runs once per `cargo test` and its report is shared by the
//! tests below, so one test fails per kind of problem. The npm packages install
//! themselves on first use (tests/common: `npm ci --ignore-scripts`); when
//! Chromium, Node or Java is missing the tests skip with a note naming the
//! packages to install, and fail when the `CI` variable is set. Screenshots of every slide of every example deck go to
//! `target/browser/screenshots/`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{Value, json};

mod common;
use common::root;

/// `target/browser/` (or `$CARGO_TARGET_DIR/browser/`).
fn out_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target folder")
        .join("browser")
}

const SIZES: [[u32; 2]; 3] = [[1280, 720], [1920, 1080], [390, 844]];

/// A deck the browser checks.
struct Case {
    name: String,
    deck: String,
    theme: Option<&'static str>,
    /// An example deck: screenshots, the presenter test, the Nu checker.
    example: bool,
    /// Checked by the Nu checker too (every example deck, and fixtures that test
    /// what it would catch).
    validate: bool,
}

/// Every example deck in decks/, each example deck in turn in the other
/// built-in themes, and the fixtures that test layout and escaping.
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut decks: Vec<String> = fs::read_dir(root().join("decks"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".toml"))
            .collect();
        decks.sort();
        let mut cases = Vec::new();
        for (i, file) in decks.iter().enumerate() {
            let stem = file.trim_end_matches(".toml");
            cases.push(Case {
                name: stem.to_string(),
                deck: format!("decks/{file}"),
                theme: None,
                example: true,
                validate: true,
            });
            // The other themes, one example deck each, in turn.
            let theme = ["contrast", "board"][i % 2];
            cases.push(Case {
                name: format!("{stem}-{theme}"),
                deck: format!("decks/{file}"),
                theme: Some(theme),
                example: true,
                validate: true,
            });
        }
        for (name, deck) in [
            ("fixture-escaping", "tests/fixtures/escaping/deck.toml"),
            (
                "fixture-many-measures",
                "tests/fixtures/check/metrics-many-measures.toml",
            ),
            ("fixture-crowded", "tests/fixtures/browser/crowded.toml"),
            ("fixture-overlong", "tests/fixtures/browser/overlong.toml"),
            (
                "fixture-rough-edges",
                "tests/fixtures/browser/rough-edges.toml",
            ),
        ] {
            cases.push(Case {
                name: name.to_string(),
                deck: deck.to_string(),
                theme: None,
                example: false,
                validate: name == "fixture-rough-edges",
            });
        }
        cases
    })
}

/// A deck as built for the run: its file and the build's fit warnings.
struct Built {
    html: PathBuf,
    /// Slide numbers the build warned (W301) would not fit.
    unfit: BTreeSet<u64>,
    /// Slide numbers the build shrank to fit.
    shrunk: BTreeSet<u64>,
}

struct Run {
    built: BTreeMap<String, Built>,
    findings: Vec<Value>,
    facts: Value,
    screenshots: u64,
}

/// What the one browser run came to, shared by every test.
enum Outcome {
    Ran(Run),
    /// A tool is missing and CI is unset: the tests pass with a note.
    Skipped,
    /// A tool is missing under CI, or the run itself failed: every test fails.
    Failed(String),
}

/// Builds a deck with the real binary and reads its fit warnings.
fn build(case: &Case, dir: &Path) -> Built {
    let html = dir.join(format!("{}.html", case.name));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitchdeck"));
    cmd.current_dir(root())
        .arg("build")
        .arg(&case.deck)
        .arg("-o")
        .arg(&html)
        .args(["--format", "json"]);
    if let Some(theme) = case.theme {
        cmd.args(["--theme", theme]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "building {} failed: {}",
        case.deck,
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The JSON array of diagnostics comes first; the "wrote …" line follows it.
    let json_start = stdout.find('[').unwrap_or(stdout.len());
    let diagnostics: Vec<Value> = serde_json::Deserializer::from_str(&stdout[json_start..])
        .into_iter::<Vec<Value>>()
        .next()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("no diagnostics from building {}:\n{stdout}", case.deck));
    let numbers = |code: &str| -> BTreeSet<u64> {
        diagnostics
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| slide_number(d["message"].as_str().unwrap_or_default()))
            .collect()
    };
    Built {
        html,
        unfit: numbers("W301"),
        shrunk: slides_shrunk(
            &fs::read_to_string(dir.join(format!("{}.html", case.name))).unwrap(),
        ),
    }
}

/// "slide 3 does not fit …" → 3.
fn slide_number(message: &str) -> u64 {
    let rest = message
        .split("slide ")
        .nth(1)
        .unwrap_or_else(|| panic!("no slide number in {message:?}"));
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap()
}

/// Slides the build set in smaller type (`data-fit` on the section).
fn slides_shrunk(html: &str) -> BTreeSet<u64> {
    html.split("<section ")
        .skip(1)
        .filter(|s| {
            s.split('>')
                .next()
                .unwrap_or_default()
                .contains("data-fit=")
        })
        .filter_map(|s| {
            let n = s.split("data-number=\"").nth(1)?;
            n.split('"').next()?.parse().ok()
        })
        .collect()
}

fn run() -> Option<&'static Run> {
    static RUN: OnceLock<Outcome> = OnceLock::new();
    let outcome = RUN.get_or_init(|| {
        std::panic::catch_unwind(start).unwrap_or_else(|e| {
            let message = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Outcome::Failed(format!("the browser run failed: {message}"))
        })
    });
    match outcome {
        Outcome::Ran(run) => Some(run),
        Outcome::Skipped => None,
        Outcome::Failed(message) => panic!("{message}"),
    }
}

fn start() -> Outcome {
    // Under CI a missing tool panics here, and `run` turns that into a failure.
    if !common::have(&["chromium", "node"], "the browser tests") {
        return Outcome::Skipped;
    }
    let chromium = common::chromium().expect("found by have()");
    if common::npm_tools("the browser tests").is_none() {
        return Outcome::Skipped;
    }
    let out = out_dir();
    let decks_dir = out.join("decks");
    let shots = out.join("screenshots");
    let _ = fs::remove_dir_all(&shots);
    fs::create_dir_all(&decks_dir).unwrap();
    fs::create_dir_all(&shots).unwrap();

    let mut built = BTreeMap::new();
    let mut decks = Vec::new();
    for case in cases() {
        let b = build(case, &decks_dir);
        let html = fs::read_to_string(&b.html).unwrap();
        let lang = if html.contains("<html lang=\"sv\">") {
            "sv"
        } else {
            "en"
        };
        let (slide_of, slide_word, keys_title) = match lang {
            "sv" => ("{n} av {total}", "bild", "Tangenter"),
            _ => ("{n} of {total}", "slide", "Keys"),
        };
        let minutes = html
            .split("data-minutes=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse::<u64>().ok());
        decks.push(json!({
            "name": case.name,
            "file": b.html,
            "screenshots": case.example,
            "presenter": case.example && case.theme.is_none(),
            "level": if case.theme == Some("contrast") { "AAA" } else { "AA" },
            "slideOf": slide_of,
            "slideWord": slide_word,
            "keysTitle": keys_title,
            "minutes": minutes,
        }));
        built.insert(case.name.clone(), b);
    }
    let config = json!({
        "root": root(),
        "chromium": chromium,
        "screenshots": shots,
        "viewports": SIZES,
        "decks": decks,
    });
    let config_path = out.join("run.json");
    fs::write(&config_path, serde_json::to_string_pretty(&config).unwrap()).unwrap();
    let output = Command::new("node")
        .arg(root().join("tests/browser/run.mjs"))
        .arg(&config_path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the browser run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "the browser run printed no report ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    fs::write(
        out.join("report.json"),
        serde_json::to_string_pretty(&report).unwrap(),
    )
    .unwrap();
    Outcome::Ran(Run {
        built,
        findings: report["findings"].as_array().cloned().unwrap_or_default(),
        facts: report["facts"].clone(),
        screenshots: report["screenshots"].as_u64().unwrap_or(0),
    })
}

/// The findings of the given kinds, one line each.
fn of_kind(run: &Run, checks: &[&str]) -> Vec<String> {
    run.findings
        .iter()
        .filter(|f| checks.contains(&f["check"].as_str().unwrap_or_default()))
        .map(|f| {
            format!(
                "{} at {}{}: [{}] {}",
                f["deck"].as_str().unwrap_or_default(),
                f["viewport"].as_str().unwrap_or_default(),
                f["slide"]
                    .as_u64()
                    .map(|n| format!(", slide {n}"))
                    .unwrap_or_default(),
                f["check"].as_str().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

fn assert_none(run: &Run, checks: &[&str]) {
    let found = of_kind(run, checks);
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Every deck was checked at every size, slide by slide.
fn assert_all_seen(run: &Run) {
    for case in cases() {
        let seen = &run.facts[&case.name];
        let sizes = seen["sizes"].as_array().map_or(0, Vec::len);
        assert_eq!(sizes, SIZES.len(), "{}: sizes checked: {seen}", case.name);
        let slides = seen["slides"].as_u64().unwrap_or(0);
        assert!(slides >= 2, "{}: {slides} slides", case.name);
        let chars = seen["chars"].as_object().map_or(0, |c| c.len() as u64);
        assert_eq!(chars, slides, "{}: not every slide was probed", case.name);
    }
}

#[test]
fn keys_address_and_counter_work_at_every_size() {
    let Some(run) = run() else { return };
    assert_all_seen(run);
    assert_none(run, &["keys"]);
}

#[test]
fn nothing_is_requested_but_the_file_and_no_script_fails() {
    let Some(run) = run() else { return };
    assert_all_seen(run);
    assert_none(run, &["request", "console"]);
}

#[test]
fn axe_finds_no_wcag_a_or_aa_violation_on_any_slide() {
    let Some(run) = run() else { return };
    assert_all_seen(run);
    for case in cases() {
        let rules = run.facts[&case.name]["axeRules"].as_u64().unwrap_or(0);
        assert!(rules > 20, "{}: axe ran only {rules} rules", case.name);
    }
    assert_none(run, &["axe"]);
}

#[test]
fn text_is_24px_or_larger_headings_in_order_no_motion_visible_focus() {
    let Some(run) = run() else { return };
    assert_all_seen(run);
    // Decks with a link on a slide (accessibility.en, in two themes) show
    // that Tab reaches it and its focus is visible.
    let focused: Vec<&str> = cases()
        .iter()
        .filter(|c| run.facts[&c.name]["focusChecked"] == json!(true))
        .map(|c| c.name.as_str())
        .collect();
    assert!(
        focused.contains(&"accessibility.en") && focused.len() >= 2,
        "no link was focused: {focused:?}"
    );
    assert_none(run, &["small-text", "headings", "motion", "focus"]);
}

#[test]
fn without_javascript_every_slide_reads_as_a_page() {
    let Some(run) = run() else { return };
    for case in cases() {
        let seen = &run.facts[&case.name];
        assert_eq!(
            seen["noscript"].as_u64(),
            seen["slides"].as_u64().map(|n| n * SIZES.len() as u64),
            "{}: not every slide was seen without script",
            case.name
        );
    }
    let found: Vec<String> = of_kind(run, &["noscript"])
        .into_iter()
        .filter(|f| !f.starts_with("fixture-overlong"))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The build's estimate and the browser agree: the slides the build warned
/// would not fit are exactly the ones whose text overflows in the browser, and
/// every other slide of every deck fits at every size.
#[test]
fn text_fits_where_the_build_says_it_fits() {
    let Some(run) = run() else { return };
    assert_all_seen(run);
    let mut overflowing: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for f in run.findings.iter().filter(|f| f["check"] == "overflow") {
        let deck = f["deck"].as_str().unwrap_or_default().to_string();
        let slide = f["slide"].as_u64().unwrap_or(0);
        overflowing.entry(deck).or_default().insert(slide);
    }
    let overlong = &run.built["fixture-overlong"];
    assert!(
        !overlong.unfit.is_empty(),
        "the build did not warn (W301) about the overlong fixture"
    );
    assert!(
        !run.built["fixture-crowded"].shrunk.is_empty(),
        "the build did not shrink the crowded fixture"
    );
    let mut wrong = Vec::new();
    for case in cases() {
        let said = &run.built[&case.name].unfit;
        let seen = overflowing.get(&case.name).cloned().unwrap_or_default();
        if *said != seen {
            wrong.push(format!(
                "{}: the build warned about slides {said:?}; in the browser slides {seen:?} overflow",
                case.name
            ));
        }
        if case.example && !said.is_empty() {
            wrong.push(format!("{}: an example deck does not fit", case.name));
        }
    }
    let details = of_kind(run, &["overflow"]);
    assert!(
        wrong.is_empty(),
        "{}\n\nOverflow seen:\n{}",
        wrong.join("\n"),
        details.join("\n")
    );
}

/// A measure whose unit is one 60-letter word, on the slide with links whose
/// addresses hold `"` and `<`: the unit breaks inside its cell, so the table
/// stays on the slide at every size, with and without script, and the build
/// does not warn about it. (The Nu checker test validates the same deck.)
#[test]
fn a_long_unit_breaks_inside_the_table_and_links_are_encoded() {
    let Some(run) = run() else { return };
    assert_all_seen(run);
    let built = &run.built["fixture-rough-edges"];
    assert!(built.unfit.is_empty(), "W301 for slides {:?}", built.unfit);
    let found: Vec<String> = of_kind(run, &["overflow", "noscript"])
        .into_iter()
        .filter(|f| f.starts_with("fixture-rough-edges "))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
    let html = fs::read_to_string(&built.html).unwrap();
    let unit = "supportticketsperthousandvisitorstoourhelpcentrepagesonlinex";
    assert_eq!(unit.len(), 60);
    // Marked as a cell whose long word may break anywhere.
    assert!(html.contains(&format!("<td class=\"unit long\">{unit}</td>")));
    for href in [
        "https://example.org/search?q=%22frames%22%3Cbikes%3E",
        "https://example.org/report%202026/svar%20p%C3%A5%20fr%C3%A5gor.pdf",
        "https://example.org/count?from=%22may%22&amp;to=%3Cjune%3E",
        "mailto:team@example.org?subject=Plan%20%22draft%22%20%3C2027%3E",
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "no href {href}");
    }
}

#[test]
fn the_presenter_view_shows_notes_next_slide_and_timer_and_keeps_in_step() {
    let Some(run) = run() else { return };
    for case in cases().iter().filter(|c| c.example && c.theme.is_none()) {
        let p = &run.facts[&case.name]["presenter"];
        assert_eq!(p["opened"], json!(true), "{}: {p}", case.name);
        assert!(
            p["timer"].is_string(),
            "{}: the timer was not read: {p}",
            case.name
        );
    }
    assert_none(run, &["presenter"]);
}

#[test]
fn screenshots_of_every_slide_of_every_example_deck_are_saved() {
    let Some(run) = run() else { return };
    let dir = out_dir().join("screenshots");
    for case in cases().iter().filter(|c| c.example) {
        let slides = run.facts[&case.name]["slides"].as_u64().unwrap();
        for [w, h] in SIZES {
            for n in 1..=slides {
                let path = dir
                    .join(&case.name)
                    .join(format!("{w}x{h}"))
                    .join(format!("slide-{n:02}.png"));
                let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert!(bytes.starts_with(b"\x89PNG"), "{}", path.display());
            }
        }
    }
    assert!(run.screenshots > 0);
}

/// The W3C Nu HTML Checker (npm vnu-jar, on the machine's Java) finds no error
/// in any example deck, in any built-in theme, nor in the rough-edges fixture,
/// whose link addresses hold `"`, `<`, spaces and non-ASCII.
#[test]
fn the_nu_checker_finds_no_error_in_the_example_decks() {
    if !common::have(&["java"], "the Nu HTML checker") {
        return;
    }
    let Some(node_modules) = common::npm_tools("the Nu HTML checker") else {
        return;
    };
    let jar = node_modules.join("vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "{} is missing", jar.display());
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for case in cases().iter().filter(|c| c.validate) {
        files.push(build(case, dir.path()).html);
    }
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("fixture-rough-edges.html")),
        "the rough-edges fixture is validated"
    );
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json", "--errors-only", "--exit-zero-always"])
        .args(&files)
        .output()
        .unwrap();
    // The Nu checker writes its JSON report to stderr.
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "the Nu checker gave no report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let messages = report["messages"].as_array().unwrap();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            format!(
                "{}:{}: {}",
                m["url"].as_str().unwrap_or_default(),
                m["lastLine"],
                m["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
