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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use pitchdeck::slides::{Block, Lowered, SlideKind};

use serde_json::Value;

const THEMES: [&str; 3] = ["default", "board", "contrast"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

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

/// Whether a tool runs; a missing one skips the test with a note, or fails
/// it under CI.
fn have(what: &str, program: &str, args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("{what} is needed for the PPTX tests under CI (.ci/run installs it)");
        }
        eprintln!(
            "note: {what} not found; skipping (pip install python-pptx openxml-audit ooxml-integrity; apt-get install libreoffice-impress)"
        );
    }
    ok
}

fn python_pptx() -> bool {
    have("python-pptx", "python3", &["-c", "import pptx"])
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
                let output = pitchdeck_cmd()
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

fn pitchdeck_cmd() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitchdeck"));
    cmd.env("NO_COLOR", "1").env_remove("PITCHDECK_FAIL_AT");
    cmd
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
            if slide.measures.is_empty() {
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
    if !have("openxml-audit", "openxml-audit", &["--help"]) {
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
    if !have("ooxml-integrity", "ooxml-integrity", &["--version"]) {
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
    if !have("LibreOffice Impress", "soffice", &["--version"])
        || !have("pdfinfo", "pdfinfo", &["-v"])
    {
        return;
    }
    let b = built();
    let out_dir = b.dir.path().join("rendered");
    let profile = b.dir.path().join("lo-profile");
    let out = with_fonts("soffice")
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
            .unwrap_or_else(|| panic!("{name} ({theme}): no PDF from LibreOffice: {info}"));
        assert_eq!(pages, slides, "{name} ({theme})");
    }
}

/// The same deck gives the same bytes, build after build.
#[test]
fn rebuilds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let deck = root().join("decks/social-media.en.toml");
    let mut bytes = Vec::new();
    for i in 0..2 {
        let out = dir.path().join(format!("{i}.pptx"));
        let status = pitchdeck_cmd()
            .args(["build", "--pptx-only"])
            .arg(&deck)
            .arg("-o")
            .arg(&out)
            .status()
            .unwrap();
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
    let out = pitchdeck_cmd()
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
    let out = pitchdeck_cmd()
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

/// Markup, quotes and characters XML forbids in the deck stay text: the
/// file opens and reads back the words exactly; an unsafe link is no link.
#[test]
fn user_text_is_escaped() {
    if !python_pptx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(root().join("decks/social-media.en.toml"))
        .unwrap()
        .replace(
            "We ask for a half-time role to answer customers on social media.",
            "We ask for <b>&amp;</b> \\\"quotes\\\" & 'apostrophes' ]]> \\u0001 [a](javascript:alert(1)) [b](https://example.org/?a=1&b=2).",
        );
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::copy(
        root().join("decks/img/mentions-en.png"),
        dir.path().join("img/mentions-en.png"),
    )
    .unwrap();
    let deck = dir.path().join("deck.toml");
    std::fs::write(&deck, source).unwrap();
    let out = dir.path().join("deck.pptx");
    let run = pitchdeck_cmd()
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
    let found = reopen(&[&out]);
    let file = found.values().next().unwrap();
    let frames = strings(&file["slides"][1]["frames"]);
    // Markdown reads `&amp;` as the entity it is: `&`.
    let claim = "We ask for <b>&</b> \"quotes\" & 'apostrophes' ]]> a b.";
    assert!(frames.iter().any(|f| squash(f) == claim), "{frames:?}");
    // The links of the slide: the safe one, escaped; the unsafe one is gone.
    let rels = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('ppt/slides/_rels/slide2.xml.rels').decode())",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let rels = String::from_utf8_lossy(&rels.stdout);
    assert!(
        rels.contains("Target=\"https://example.org/?a=1&amp;b=2\" TargetMode=\"External\""),
        "{rels}"
    );
    assert!(!rels.contains("javascript"), "{rels}");
}
