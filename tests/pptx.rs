//! The PowerPoint back end, through the real binary, checked with the tools a
//! reader's machine would use: python-pptx reopens every file (what an editor
//! finds), openxml-audit validates it against the schemas, ooxml-integrity
//! looks for text that does not fit its box, and LibreOffice Impress renders
//! it. Every example deck in every built-in theme.
//!
//! ooxml-integrity and LibreOffice measure text with the fonts installed on
//! the machine; the tests give them the theme's own font (as a user who has
//! it installed), in a private fontconfig folder (`HOME/.fonts`).
//!
//! When a tool is missing the tests skip with a note, except under CI (`CI`
//! set), where they fail; `.ci/run` installs them.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{ci, have, note, pitchdeck, root};
use pitchdeck::slides::{Block, Lowered, Slide, SlideKind};

use serde_json::Value;

const THEMES: [&str; 3] = ["default", "board", "contrast"];

/// The PyPI packages the checks need, as `.ci/run` installs them.
const PYPI: &str = "python-pptx==1.0.2 openxml-audit==0.8.0 ooxml-integrity==0.8.4";

fn decks() -> Vec<PathBuf> {
    let mut decks: Vec<PathBuf> = std::fs::read_dir(root().join("decks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    decks.sort();
    assert!(decks.len() >= 3, "the example decks are there");
    decks
}

/// Whether a checker from PyPI runs (`probe` succeeds); a missing one skips
/// the test with a note, or fails it under CI.
fn pypi(what: &str, probe: &[&str]) -> bool {
    if !have(&["python3"], what) {
        return false;
    }
    let ok = Command::new(probe[0])
        .args(&probe[1..])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        let message = format!("{what} is missing: python3 -m pip install {PYPI}");
        if ci() {
            panic!("{message} (CI is set, so this fails rather than skips; .ci/run installs it)");
        }
        note(&format!("skipping: {message}"));
    }
    ok
}

fn python_pptx() -> bool {
    pypi("python-pptx", &["python3", "-c", "import pptx"])
}

/// The files built once for all tests: (deck, theme) → path.
struct Built {
    dir: tempfile::TempDir,
    files: BTreeMap<(String, String), PathBuf>,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut files = BTreeMap::new();
        for deck in decks() {
            let name = deck.file_stem().unwrap().to_string_lossy().to_string();
            for theme in THEMES {
                let out = dir.path().join(format!("{name}.{theme}.pptx"));
                let output = pitchdeck()
                    .args([
                        "build",
                        "--pptx-only",
                        "--format",
                        "short",
                        "--theme",
                        theme,
                    ])
                    .arg(&deck)
                    .arg("-o")
                    .arg(&out)
                    .output()
                    .unwrap();
                assert!(
                    output.status.success(),
                    "{name} {theme}: {}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                );
                files.insert((name.clone(), theme.to_string()), out);
            }
        }
        // The theme's font, installed for the checkers.
        let fonts = dir.path().join("home").join(".fonts");
        std::fs::create_dir_all(&fonts).unwrap();
        for face in ["regular", "bold", "italic", "bold-italic"] {
            let file = format!("{face}.ttf");
            std::fs::copy(
                root().join("themes/default/fonts").join(&file),
                fonts.join(&file),
            )
            .unwrap();
        }
        Built { dir, files }
    })
}

/// A command that sees the theme's font and nothing of the user's home.
fn with_fonts(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("HOME", built().dir.path().join("home"));
    cmd
}

fn lowered(deck: &Path) -> Lowered {
    let source = std::fs::read_to_string(deck).unwrap();
    let compiled = pitchdeck::compile(&source, deck.parent().unwrap());
    compiled.lowered.expect("the example deck compiles")
}

/// What python-pptx finds in the files: path → the JSON of tests/pptx/reopen.py.
fn reopen(paths: &[&PathBuf]) -> BTreeMap<String, Value> {
    let out = Command::new("python3")
        .arg(root().join("tests/pptx/reopen.py"))
        .args(paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python-pptx could not reopen the files: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    value
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Text with every run of white space (no-break spaces too) as one space.
fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Every claim, point and measure name is in a text frame or a table cell of
/// its slide, in the HTML's order; points are paragraphs of one text frame;
/// every slide whose section has notes has them in the notes pane; a metrics
/// slide has a table with a header row; every picture has its alternative
/// text; every run carries the deck's language.
#[test]
fn python_pptx_finds_the_argument_on_every_slide() {
    if !python_pptx() {
        return;
    }
    let b = built();
    let paths: Vec<&PathBuf> = b.files.values().collect();
    let found = reopen(&paths);
    for ((name, theme), path) in &b.files {
        let deck = root().join("decks").join(format!("{name}.toml"));
        let lowered = lowered(&deck);
        let file = &found[&path.to_string_lossy().to_string()];
        let what = format!("{name} ({theme})");
        let lang = match lowered.info.lang {
            pitchdeck::deck::Lang::En => "en-US",
            pitchdeck::deck::Lang::Sv => "sv-SE",
        };
        assert_eq!(file["width"], 12_192_000, "{what}: 16:9");
        assert_eq!(file["height"], 6_858_000, "{what}: 16:9");
        assert_eq!(file["title"], lowered.info.title.as_str(), "{what}");
        assert_eq!(
            file["author"].as_str(),
            lowered.info.author.as_deref().or(Some("")),
            "{what}"
        );
        assert_eq!(
            strings(&file["layouts"]),
            ["Title", "Argument", "Measures", "Question", "Divider"],
            "{what}: the master's layouts"
        );
        let slides = file["slides"].as_array().unwrap();
        assert_eq!(slides.len(), lowered.slides.len(), "{what}: every slide");
        for (slide, got) in lowered.slides.iter().zip(slides) {
            let at = format!("{what} slide {}", slide.number);
            let frames: Vec<String> = strings(&got["frames"]).iter().map(|t| squash(t)).collect();
            let has = |text: &str| frames.iter().any(|f| f.contains(&squash(text)));
            assert!(
                has(&slide.heading.text()),
                "{at}: claim {:?} in {frames:?}",
                slide.heading.text()
            );
            if !slide.label.is_empty() {
                assert!(has(&slide.label), "{at}: label");
            }
            if let Some(answer) = &slide.answer {
                assert!(has(&answer.text()), "{at}: answer");
            }
            if let Some(evidence) = &slide.evidence {
                assert!(has(&evidence.text()), "{at}: evidence");
            }
            if !slide.points.is_empty() {
                // One text frame whose paragraphs are the points, in order.
                let want: Vec<String> = slide.points.iter().map(|p| squash(&p.text())).collect();
                let frame = got["paragraphs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|ps| strings(ps).iter().map(|p| squash(p)).collect::<Vec<_>>())
                    .find(|ps| *ps == want);
                assert!(
                    frame.is_some(),
                    "{at}: the points as paragraphs of one frame: {want:?} in {:?}",
                    got["paragraphs"]
                );
            }
            let tables = got["tables"].as_u64().unwrap();
            if !slide.standing.is_empty() {
                // Where we stand: a native table whose cells hold the figures
                // and the status as a word, and a described chart per row.
                assert_eq!(tables, 1, "{at}: the standing table");
                let rows: Vec<Vec<String>> = got["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| strings(r).iter().map(|c| squash(c)).collect())
                    .collect();
                assert_eq!(rows.len(), slide.standing.len() + 1, "{at}: rows");
                let l = pitchdeck::i18n::labels(lowered.info.lang);
                assert_eq!(
                    rows[0][..6],
                    [l.measure, l.start, l.latest, l.target, l.by, l.status].map(squash),
                    "{at}: header row"
                );
                for (r, row) in slide.standing.iter().zip(&rows[1..]) {
                    assert!(row[0].starts_with(&squash(&r.name.text())), "{at}: {row:?}");
                    if let Some(unit) = &r.unit {
                        assert!(
                            row[0].ends_with(&squash(&format!("({unit})"))),
                            "{at}: {row:?}"
                        );
                    }
                    assert_eq!(
                        row[1],
                        squash(r.baseline_text.as_deref().unwrap_or("–")),
                        "{at}"
                    );
                    let latest = [r.latest_text.clone(), r.latest_date.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ");
                    assert_eq!(row[2], squash(&latest), "{at}");
                    assert_eq!(row[3], squash(&r.target_text), "{at}");
                    assert_eq!(row[4], r.by, "{at}");
                    assert_eq!(
                        row[5],
                        squash(r.status_word.as_deref().unwrap_or("–")),
                        "{at}: the status as a word"
                    );
                }
                let charts = strings(&got["groups"]);
                let want: Vec<&str> = slide
                    .standing
                    .iter()
                    .map(|r| r.chart.description.as_str())
                    .collect();
                assert_eq!(charts, want, "{at}: a chart described in words per row");
            } else if slide.measures.is_empty() {
                assert_eq!(tables, 0, "{at}: no table");
            } else {
                assert_eq!(tables, 1, "{at}: the measures as a table");
                let rows: Vec<Vec<String>> = got["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| strings(r).iter().map(|c| squash(c)).collect())
                    .collect();
                assert_eq!(
                    rows.len(),
                    slide.measures.len() + 1,
                    "{at}: header and a row per measure"
                );
                assert_eq!(
                    rows[0][0],
                    squash(pitchdeck::i18n::labels(lowered.info.lang).measure),
                    "{at}: header row"
                );
                for (m, row) in slide.measures.iter().zip(&rows[1..]) {
                    assert!(row[0].contains(&squash(&m.name.text())), "{at}: {row:?}");
                    assert_eq!(
                        row[1],
                        squash(m.baseline_text.as_deref().unwrap_or("–")),
                        "{at}"
                    );
                    assert_eq!(row[2], squash(&m.target_text), "{at}");
                    assert_eq!(row[4], m.by, "{at}");
                }
                // A bar (a described group of shapes) per measure with a baseline.
                let bars = strings(&got["groups"]);
                let with_baseline = slide
                    .measures
                    .iter()
                    .filter(|m| m.baseline.is_some())
                    .count();
                assert_eq!(bars.len(), with_baseline, "{at}: bars");
                for bar in &bars {
                    assert!(!bar.is_empty(), "{at}: a bar described in words");
                }
            }
            // Notes: the section's own, on every slide that has them.
            let notes = got["notes"].as_str().map(squash);
            let mut wanted: Vec<String> = Vec::new();
            for block in &slide.notes {
                match block {
                    Block::Paragraph(r) => wanted.push(r.text()),
                    Block::List { items, .. } => wanted.extend(items.iter().map(|r| r.text())),
                }
            }
            for m in &slide.measures {
                if let Some(why) = &m.why {
                    wanted.push(why.text());
                }
            }
            if wanted.is_empty() {
                assert_eq!(notes, None, "{at}: no notes page without notes");
            } else {
                let notes = notes.unwrap_or_else(|| panic!("{at}: notes in the notes pane"));
                for w in &wanted {
                    assert!(notes.contains(&squash(w)), "{at}: notes lack {w:?}");
                }
            }
            // Pictures: alt text, or marked decorative (a logo).
            let pictures = got["pictures"].as_array().unwrap();
            assert_eq!(
                pictures.len(),
                usize::from(slide.image.is_some()),
                "{at}: pictures"
            );
            for (p, image) in pictures.iter().zip(&slide.image) {
                if image.alt.is_empty() {
                    assert_eq!(p["decorative"], true, "{at}: a logo is decorative");
                } else {
                    assert_eq!(
                        p["descr"].as_str(),
                        Some(image.alt.as_str()),
                        "{at}: alt text"
                    );
                }
            }
            assert_eq!(
                strings(&got["langs"]),
                [lang],
                "{at}: the deck's language on every run"
            );
            if slide.kind == SlideKind::Title {
                assert_eq!(got["layout"], "Title", "{at}");
            }
        }
    }
}

/// openxml-audit: no schema or semantic violation in any file.
#[test]
fn openxml_audit_finds_no_errors() {
    if !pypi("openxml-audit", &["openxml-audit", "--help"]) {
        return;
    }
    for path in built().files.values() {
        let out = Command::new("openxml-audit")
            .args(["--output", "json", "--max-errors", "0"])
            .arg(path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}: {text}{}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: {e}: {text}", path.display()));
        let report = &report[0];
        assert_eq!(report["valid"], true, "{}: {text}", path.display());
        let errors = report["error_count"]
            .as_u64()
            .unwrap_or_else(|| panic!("no error count in {text}"));
        assert_eq!(errors, 0, "{}: {text}", path.display());
    }
}

/// ooxml-integrity: no text that does not fit its box, no shapes off the
/// slide or over each other — no error, no warning, no note.
#[test]
fn ooxml_integrity_finds_no_errors_and_no_warnings() {
    if !pypi("ooxml-integrity", &["ooxml-integrity", "--version"]) {
        return;
    }
    let paths: Vec<&PathBuf> = built().files.values().collect();
    let out = with_fonts("ooxml-integrity")
        .args(["check", "--no-config", "--fail-on", "info"])
        .args(&paths)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        text.matches("0 error(s), 0 warning(s), 0 info  - clean")
            .count(),
        paths.len(),
        "{text}"
    );
}

/// LibreOffice Impress opens every file and prints one page per slide (all
/// files in one run, with a fresh profile).
#[test]
fn libreoffice_renders_one_page_per_slide() {
    if !have(&["soffice", "pdfinfo", "pdftotext"], "the LibreOffice test") {
        return;
    }
    let b = built();
    // Once with the theme's font installed, once without it: most machines
    // that open the file lack Atkinson Hyperlegible Next and show a wider
    // stand-in (here Noto Sans or DejaVu Sans), and the tables must hold in
    // both.
    let bare = b.dir.path().join("bare-home");
    std::fs::create_dir_all(&bare).unwrap();
    for (label, home) in [
        ("theme font", b.dir.path().join("home")),
        ("stand-in font", bare),
    ] {
        // (No space in the profile's file: URL.)
        let dir_name = label.replace(' ', "-");
        let out_dir = b.dir.path().join(format!("rendered-{dir_name}"));
        let profile = b.dir.path().join(format!("lo-profile-{dir_name}"));
        let out = Command::new("soffice")
            .env("HOME", &home)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(&out_dir)
            .args(b.files.values())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "soffice: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        for ((name, theme), path) in &b.files {
            let deck = root().join("decks").join(format!("{name}.toml"));
            let slides = lowered(&deck).slides.len();
            let pdf = out_dir.join(path.with_extension("pdf").file_name().unwrap());
            let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
            let info = String::from_utf8_lossy(&info.stdout);
            let pages: usize = info
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| {
                    panic!("{name} ({theme}, {label}): no PDF from LibreOffice: {info}")
                });
            assert_eq!(pages, slides, "{name} ({theme}, {label})");
        }
        tables_hold(&out_dir, label);
    }
}

/// In LibreOffice's rendering of each measures table:
/// - each bar is level with its row: the middle of the row's date (the `By`
///   cell, set in the middle of its row) is within a few points of the
///   middle of the bar. A renderer that breaks a name into more lines than
///   the PPTX planned for would make that row taller and move every later
///   row away from its bar;
/// - every unit reads as one word (a narrow column would break "people"
///   into "peopl / e");
/// - the last row ends above the slide's bottom margin.
fn tables_hold(rendered: &Path, label: &str) {
    if !python_pptx() {
        return;
    }
    use pitchdeck::geometry::{PAD_BOTTOM, SLIDE_HEIGHT};
    let b = built();
    let paths: Vec<&PathBuf> = b.files.values().collect();
    let found = reopen(&paths);
    let mut checked = 0;
    for ((name, theme), path) in &b.files {
        let deck = root().join("decks").join(format!("{name}.toml"));
        let lowered = lowered(&deck);
        let file = &found[&path.to_string_lossy().to_string()];
        let pdf = rendered.join(path.with_extension("pdf").file_name().unwrap());
        for (slide, got) in lowered
            .slides
            .iter()
            .zip(file["slides"].as_array().unwrap())
        {
            if !slide.standing.is_empty() {
                let what = format!("{name} ({theme}, {label})");
                checked += charts_sit_beside_their_rows(slide, lowered.info.lang, got, &pdf, &what);
                continue;
            }
            if slide.measures.is_empty() {
                continue;
            }
            let page = slide.number.to_string();
            let words = Command::new("pdftotext")
                .args(["-bbox", "-f", &page, "-l", &page])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            let words = String::from_utf8_lossy(&words.stdout);
            let attr = |l: &str, key: &str| -> Option<f64> {
                l.split(&format!("{key}=\""))
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse()
                    .ok()
            };
            let page_h = words
                .lines()
                .find(|l| l.trim_start().starts_with("<page "))
                .and_then(|l| attr(l, "height"))
                .expect("pdftotext gives the page's size");
            // The page's words: (top, bottom, text).
            let all: Vec<(f64, f64, String)> = words
                .lines()
                .filter(|l| l.trim_start().starts_with("<word "))
                .filter_map(|l| {
                    let text = l.split('>').nth(1)?.split('<').next()?;
                    Some((attr(l, "yMin")?, attr(l, "yMax")?, text.to_string()))
                })
                .collect();
            let at = format!("{name} ({theme}, {label}) slide {}", slide.number);
            // The dates of the `By` column, top to bottom: (middle, bottom).
            let mut dates: Vec<(f64, f64)> = all
                .iter()
                .filter(|(_, _, text)| slide.measures.iter().any(|m| &m.by == text))
                .map(|(top, bottom, _)| ((top + bottom) / 2.0, *bottom))
                .collect();
            dates.sort_by(|a, b| a.0.total_cmp(&b.0));
            assert_eq!(dates.len(), slide.measures.len(), "{at}: {dates:?}");
            for m in &slide.measures {
                let Some(unit) = m.unit.as_deref() else {
                    continue;
                };
                for word in unit.split_whitespace() {
                    assert!(
                        all.iter().any(|(_, _, text)| text == word),
                        "{at}: the unit {word:?} is broken apart"
                    );
                }
            }
            let bottom = page_h * f64::from((SLIDE_HEIGHT - PAD_BOTTOM) / SLIDE_HEIGHT);
            let last = dates.last().map_or(0.0, |d| d.1);
            assert!(
                last <= bottom,
                "{at}: the last row reaches {last:.1} pt, below the margin at {bottom:.1} pt"
            );
            let bars = got["bars"].as_array().unwrap();
            let mut bar = bars.iter();
            for (m, (middle, _)) in slide.measures.iter().zip(&dates) {
                if m.bar.is_none() {
                    continue;
                }
                let shape = bar
                    .next()
                    .unwrap_or_else(|| panic!("{at}: a bar for {:?}", m.name));
                let emu = |v: &Value| v.as_f64().unwrap() / 12_700.0;
                let bar_middle = emu(&shape["top"]) + emu(&shape["height"]) / 2.0;
                assert!(
                    (bar_middle - middle).abs() < 4.0,
                    "{at}: the bar of {:?} is at {bar_middle:.1} pt, its row at {middle:.1} pt",
                    m.name.text()
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "{checked} bars checked");
}

/// The words of page `page` of `pdf` as pdftotext places them: (xMin, yMin,
/// yMax, text), in points.
fn words_on(pdf: &Path, page: usize) -> Vec<(f64, f64, f64, String)> {
    let page = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let text = l.split('>').nth(1)?.split('<').next()?;
            let v = |key: &str| -> Option<f64> {
                l.split(&format!("{key}=\""))
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse()
                    .ok()
            };
            Some((v("xMin")?, v("yMin")?, v("yMax")?, text.to_string()))
        })
        .collect()
}

/// On a "where we stand" slide in LibreOffice's rendering, each chart is
/// level with its row: the status word (one line, set in the middle of its
/// cell, below the status column's header and starting where it starts) is
/// within a few points of the middle of the chart; every unit reads as one
/// word; and the last row ends above the slide's bottom margin. Returns the
/// charts checked.
fn charts_sit_beside_their_rows(
    slide: &Slide,
    lang: pitchdeck::deck::Lang,
    got: &Value,
    pdf: &Path,
    what: &str,
) -> usize {
    let at = format!("{what} slide {}", slide.number);
    let head = pitchdeck::i18n::labels(lang).status;
    let words = words_on(pdf, slide.number);
    let (hx, _, hy, _) = words
        .iter()
        .find(|w| w.3 == head)
        .cloned()
        .unwrap_or_else(|| panic!("{at}: the header {head:?} in {words:?}"));
    let mut status: Vec<f64> = words
        .iter()
        .filter(|w| (w.0 - hx).abs() < 2.0 && w.1 > hy)
        .map(|w| (w.1 + w.2) / 2.0)
        .collect();
    status.sort_by(f64::total_cmp);
    assert_eq!(status.len(), slide.standing.len(), "{at}: {status:?}");
    let charts = got["bars"].as_array().unwrap();
    assert_eq!(charts.len(), slide.standing.len(), "{at}: a chart a row");
    let emu = |v: &Value| v.as_f64().unwrap() / 12_700.0;
    for r in &slide.standing {
        // The name cell ends in " (unit)".
        let Some(unit) = &r.unit else { continue };
        for word in format!("({unit})").split_whitespace() {
            assert!(
                words.iter().any(|w| w.3 == word),
                "{at}: the unit {word:?} is broken apart"
            );
        }
    }
    // The bottom of the lowest cell text (a two-line latest value ends lowest).
    let bottom = words
        .iter()
        .filter(|w| w.1 > hy && !w.3.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.2)
        .fold(0.0, f64::max);
    let (page_h, margin) = page_margin(pdf, slide.number);
    assert!(
        bottom <= margin,
        "{at}: the table reaches {bottom:.1} pt, below the margin at {margin:.1} pt of {page_h:.1}"
    );
    for ((r, middle), chart) in slide.standing.iter().zip(&status).zip(charts) {
        let chart_middle = emu(&chart["top"]) + emu(&chart["height"]) / 2.0;
        assert!(
            (chart_middle - middle).abs() < 4.0,
            "{at}: the chart of {:?} is at {chart_middle:.1} pt, its row at {middle:.1} pt",
            r.name.text()
        );
    }
    slide.standing.len()
}

/// The page's height and the slide's bottom margin on it, in points.
fn page_margin(pdf: &Path, page: usize) -> (f64, f64) {
    use pitchdeck::geometry::{PAD_BOTTOM, SLIDE_HEIGHT};
    let page = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let h: f64 = text
        .lines()
        .find(|l| l.trim_start().starts_with("<page "))
        .and_then(|l| l.split("height=\"").nth(1)?.split('"').next()?.parse().ok())
        .expect("pdftotext gives the page's size");
    (h, h * f64::from((SLIDE_HEIGHT - PAD_BOTTOM) / SLIDE_HEIGHT))
}

/// The same deck gives the same bytes, build after build.
#[test]
fn rebuilds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let deck = root().join("decks/social-media.en.toml");
    let mut bytes = Vec::new();
    for i in 0..2 {
        let out = dir.path().join(format!("{i}.pptx"));
        let status = pitchdeck()
            .args(["build", "--pptx-only"])
            .arg(&deck)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap()
            .status;
        assert!(status.success());
        bytes.push(std::fs::read(&out).unwrap());
    }
    assert!(bytes[0].starts_with(b"PK\x03\x04"), "a zip");
    assert_eq!(bytes[0], bytes[1]);
}

/// `--pptx` writes deck.pptx beside the HTML; `--pptx-only` only the PPTX.
#[test]
fn pptx_goes_beside_the_html() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.toml");
    std::fs::copy(root().join("decks/social-media.en.toml"), &deck).unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::copy(
        root().join("decks/img/mentions-en.png"),
        dir.path().join("img/mentions-en.png"),
    )
    .unwrap();
    let out = pitchdeck()
        .args(["build", "--pptx"])
        .arg(&deck)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(dir.path().join("deck.html").is_file());
    assert!(dir.path().join("deck.pptx").is_file());
    assert!(stdout.contains("deck.pptx (14 slides"), "{stdout}");

    let only = dir.path().join("only.pptx");
    let out = pitchdeck()
        .args(["build", "--pptx-only"])
        .arg(&deck)
        .arg("-o")
        .arg(&only)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(only.is_file());
    assert!(!dir.path().join("only.html").exists());
}

/// Every text a slide shows or carries: the label, the claim, the subtitle
/// and byline, the points, the evidence, the answer, the measures' cells, the
/// notes, the picture's alternative text.
fn slide_texts(slide: &Slide) -> Vec<String> {
    let mut texts = vec![slide.label.clone(), slide.heading.text()];
    texts.extend(slide.subtitle.iter().map(|r| r.text()));
    texts.extend(slide.byline.iter().cloned());
    texts.extend(slide.points.iter().map(|r| r.text()));
    texts.extend(slide.evidence.iter().map(|r| r.text()));
    texts.extend(slide.answer.iter().map(|r| r.text()));
    for m in &slide.measures {
        texts.push(m.name.text());
        texts.extend(m.unit.clone());
        texts.push(m.by.clone());
    }
    for block in slide.notes.iter().chain(&slide.measure_notes) {
        match block {
            Block::Paragraph(r) => texts.push(r.text()),
            Block::List { items, .. } => texts.extend(items.iter().map(|r| r.text())),
        }
    }
    texts.extend(slide.image.iter().map(|i| i.alt.clone()));
    texts.retain(|t| !t.trim().is_empty());
    texts
}

/// Everything python-pptx reads on a slide: text frames, table cells, the
/// notes, the pictures' and bars' descriptions.
fn read_texts(got: &Value) -> Vec<String> {
    let mut texts = strings(&got["frames"]);
    for row in got["cells"].as_array().into_iter().flatten() {
        texts.extend(strings(row));
    }
    texts.extend(got["notes"].as_str().map(str::to_string));
    for p in got["pictures"].as_array().into_iter().flatten() {
        texts.extend(p["descr"].as_str().map(str::to_string));
    }
    texts.extend(strings(&got["groups"]));
    texts.iter().map(|t| squash(t)).collect()
}

/// The attacks of tests/fixtures/escaping in every field (raw HTML, quotes,
/// `&`, `]]>`, a control character XML forbids) reach the PPTX as the text
/// the HTML shows: python-pptx reads every one back where the slide has it,
/// the file is valid, and no link but http, https and mailto is made.
#[test]
fn user_text_reaches_the_pptx_as_text() {
    if !python_pptx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("tests/fixtures/escaping");
    let source = std::fs::read_to_string(fixture.join("deck.toml"))
        .unwrap()
        .replace(
            r#"title = "<script>alert('title')</script>""#,
            r#"title = "<script>alert('title')</script> ]]> \u0001 <![CDATA[&amp;]]>""#,
        )
        .replace(
            r#"[risk]"#,
            "[risk]\npoints = [\"a ]]> b\", \"<p:sp/> &#x26; &\", \"'\\\"<>&\"]\nevidence = \"]]><x/>\"",
        );
    assert!(source.contains(r"\u0001"), "the fixture's title is there");
    std::fs::copy(fixture.join("chart.png"), dir.path().join("chart.png")).unwrap();
    let deck = dir.path().join("deck.toml");
    std::fs::write(&deck, &source).unwrap();
    let out = dir.path().join("deck.pptx");
    let run = pitchdeck()
        .args(["build", "--pptx-only"])
        .arg(&deck)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let lowered = pitchdeck::compile(&source, dir.path())
        .lowered
        .expect("the fixture compiles");
    let found = reopen(&[&out]);
    let file = found.values().next().unwrap();
    // XML cannot hold U+0001: it is left out, the rest is the title as written.
    assert_eq!(
        file["title"],
        "<script>alert('title')</script> ]]>  <![CDATA[&amp;]]>"
    );
    assert_eq!(
        file["author"], "</style><script>alert('author')</script>",
        "core properties"
    );
    let slides = file["slides"].as_array().unwrap();
    assert_eq!(slides.len(), lowered.slides.len());
    let mut checked = 0;
    for (slide, got) in lowered.slides.iter().zip(slides) {
        let read = read_texts(got);
        for want in slide_texts(slide) {
            let want = squash(&want.replace('\u{1}', ""));
            assert!(
                read.iter().any(|r| r.contains(&want)),
                "slide {}: {want:?} not read back in {read:?}",
                slide.number
            );
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked} texts checked");
    let claim = squash(&lowered.slides[0].heading.text().replace('\u{1}', ""));
    assert!(claim.contains("]]>"), "{claim}");
    // The links in every part: http, https and mailto only.
    let rels = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print('\\n'.join(z.read(n).decode() for n in z.namelist() if n.endswith('.rels')))",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let rels = String::from_utf8_lossy(&rels.stdout);
    for line in rels
        .split("<Relationship ")
        .filter(|r| r.contains("External"))
    {
        let target = line.split("Target=\"").nth(1).unwrap_or_default();
        assert!(
            ["http://", "https://", "mailto:"]
                .iter()
                .any(|s| target.starts_with(s)),
            "an unsafe link: {line}"
        );
    }
    for bad in ["javascript", "vbscript", "data:"] {
        assert!(!rels.to_lowercase().contains(bad), "{bad} in {rels}");
    }
    if pypi("openxml-audit", &["openxml-audit", "--help"]) {
        let audit = Command::new("openxml-audit")
            .args(["--output", "json", "--max-errors", "0"])
            .arg(&out)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&audit.stdout);
        assert!(audit.status.success(), "{text}");
        let report: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(report[0]["error_count"], 0, "{text}");
    }
}

/// The file's creation date is `SOURCE_DATE_EPOCH` when it is set (as the
/// PDF's), else the deck's date.
#[test]
fn the_creation_date_is_source_date_epoch_or_the_decks() {
    if !python_pptx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let deck = root().join("decks/social-media.en.toml");
    let created = |epoch: Option<&str>| {
        let out = dir.path().join("deck.pptx");
        let mut cmd = pitchdeck();
        cmd.args(["build", "--pptx-only"])
            .arg(&deck)
            .arg("-o")
            .arg(&out);
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        assert!(cmd.output().unwrap().status.success());
        let read = Command::new("python3")
            .args([
                "-c",
                "import sys, pptx; print(pptx.Presentation(sys.argv[1]).core_properties.created.isoformat())",
            ])
            .arg(&out)
            .output()
            .unwrap();
        String::from_utf8_lossy(&read.stdout).trim().to_string()
    };
    assert_eq!(created(None), "2026-12-01T00:00:00");
    assert_eq!(created(Some("1796117400")), "2026-12-01T09:30:00");
}

/// A unit that is one 60-letter word (tests/fixtures/browser/rough-edges)
/// wraps in its cell: the table stays inside the slide's margins, and
/// ooxml-integrity finds nothing that overflows.
#[test]
fn a_long_unit_wraps_inside_the_table() {
    if !python_pptx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rough.pptx");
    let run = pitchdeck()
        .args(["build", "--pptx-only"])
        .arg(root().join("tests/fixtures/browser/rough-edges.toml"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let right = Command::new("python3")
        .args([
            "-c",
            "import sys, pptx\nfor s in pptx.Presentation(sys.argv[1]).slides:\n  for sh in s.shapes:\n    if sh.has_table: print(sh.left + sh.width)",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let right = String::from_utf8_lossy(&right.stdout);
    let edges: Vec<i64> = right.lines().map(|l| l.trim().parse().unwrap()).collect();
    assert!(!edges.is_empty(), "a table");
    // 1200 px (the right margin) at 9525 EMU a px.
    for edge in edges {
        assert!(edge <= 1200 * 9525, "the table ends at {edge} EMU");
    }
    if pypi("ooxml-integrity", &["ooxml-integrity", "--version"]) {
        let check = with_fonts("ooxml-integrity")
            .args(["check", "--no-config", "--fail-on", "info"])
            .arg(&out)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&check.stdout);
        assert!(check.status.success(), "{text}");
    }
}
