//! The PDF back end, checked with the tools a reader's machine would use:
//! poppler's pdftotext, pdffonts and pdfinfo, and qpdf. Every example deck in
//! every layout. When a tool is missing the tests skip with a note, except
//! under CI (`CI` set), where they fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use pitchdeck::slides::{Block, Lowered, Slide, SlideKind};

mod common;

fn tools() -> bool {
    common::have(
        &["pdftotext", "pdffonts", "pdfinfo", "qpdf"],
        "the PDF tests",
    )
}

fn decks() -> Vec<PathBuf> {
    let mut decks: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("decks"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
    decks.sort();
    assert!(decks.len() >= 3, "the example decks are there");
    decks
}

const LAYOUTS: [&str; 3] = ["handout", "slides", "brief"];

/// Runs `pitchdeck build DECK --pdf-only --layout L -o OUT`; returns the page
/// count it reports and its stderr.
fn build(deck: &Path, layout: &str, out: &Path, extra: &[&str]) -> (usize, String) {
    let output = Command::cargo_bin("pitchdeck")
        .unwrap()
        .args([
            "build",
            "--pdf-only",
            "--layout",
            layout,
            "--format",
            "short",
        ])
        .arg(deck)
        .arg("-o")
        .arg(out)
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(
        output.status.success(),
        "{}: {stdout}\n{stderr}",
        deck.display()
    );
    // "wrote OUT (9 pages, 120 KB) in 3.1 ms"
    let pages = stdout
        .split('(')
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("page count in {stdout:?}"));
    (pages, stderr)
}

fn run(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool).args(args).arg(pdf).output().unwrap();
    assert!(
        out.status.success(),
        "{tool} {args:?} {}: {}{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text with every run of white space (no-break spaces too) as one space.
fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn lowered(deck: &Path) -> Lowered {
    let source = std::fs::read_to_string(deck).unwrap();
    let compiled = pitchdeck::compile(&source, deck.parent().unwrap());
    compiled.lowered.expect("the example deck compiles")
}

/// What the reader must find in a layout, in reading order.
fn expected(lowered: &Lowered, layout: &str) -> Vec<String> {
    let mut out = Vec::new();
    let slide_text = |s: &Slide, out: &mut Vec<String>, notes: bool| {
        out.push(s.heading.text());
        if let Some(a) = &s.answer {
            out.push(a.text());
        }
        out.extend(s.points.iter().map(|p| p.text()));
        // Figures are checked row by row (`measure_rows`): pdftotext reads a
        // table's columns as blocks.
        out.extend(s.measures.iter().map(|m| m.name.text()));
        out.extend(s.standing.iter().map(|r| r.name.text()));
        if let Some(e) = &s.evidence {
            out.push(e.text());
        }
        if notes {
            for b in &s.notes {
                match b {
                    Block::Paragraph(p) => out.push(p.text()),
                    Block::List { items, .. } => out.extend(items.iter().map(|i| i.text())),
                }
            }
            for m in &s.measures {
                if let Some(why) = &m.why {
                    out.push(why.text());
                }
            }
        }
    };
    match layout {
        "brief" => {
            let is_ask = |s: &Slide| {
                s.label
                    == lowered
                        .slides
                        .iter()
                        .find(|x| {
                            matches!(
                                x.kind,
                                SlideKind::Section(pitchdeck::deck::SectionKind::Ask)
                            )
                        })
                        .map(|x| x.label.clone())
                        .unwrap_or_default()
            };
            out.push(lowered.slides[0].heading.text());
            for s in lowered.slides.iter().filter(|s| is_ask(s)) {
                out.push(s.heading.text());
                out.extend(s.points.iter().map(|p| p.text()));
            }
            for s in &lowered.slides {
                if matches!(s.kind, SlideKind::Section(_))
                    && !is_ask(s)
                    && s.part.is_none_or(|(i, _)| i == 1)
                {
                    out.push(s.heading.text());
                    out.extend(s.points.iter().map(|p| p.text()));
                }
            }
            // A follow-up deck's brief has the standing table instead.
            match lowered.slides.iter().find(|s| !s.standing.is_empty()) {
                // Its names are checked row by row (`assert_measure_rows`) and
                // in reading order by the structure tree: pdftotext's guess of
                // the order of a table's blocks moves a row with a unit.
                Some(first) => out.push(first.heading.text()),
                None => {
                    for s in &lowered.slides {
                        out.extend(s.measures.iter().map(|m| m.name.text()));
                    }
                }
            }
        }
        _ => {
            for s in &lowered.slides {
                slide_text(s, &mut out, layout == "handout");
            }
        }
    }
    out.into_iter()
        .map(|t| squash(&t))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The text without the running header (the deck title, first on each
/// handout page) and footer (date, "page 3 of 9"), which pdftotext puts
/// between the lines of notes that continue on the next page.
fn without_furniture(text: &str, lowered: &Lowered, header: bool) -> String {
    let date = lowered.info.date.map(|d| d.to_string()).unwrap_or_default();
    let page_of = |t: &str| {
        let w: Vec<&str> = t.split_whitespace().collect();
        w.len() == 4
            && ["page", "sida"].contains(&w[0])
            && ["of", "av"].contains(&w[2])
            && w[1].parse::<usize>().is_ok()
            && w[3].parse::<usize>().is_ok()
    };
    text.split('\u{c}')
        .map(|page| {
            let mut lines: Vec<&str> = page.lines().collect();
            if header && let Some(i) = lines.iter().position(|l| !l.trim().is_empty()) {
                assert_eq!(
                    lines[i].trim(),
                    lowered.info.title,
                    "the header comes first"
                );
                lines.remove(i);
            }
            lines
                .into_iter()
                .filter(|l| {
                    let t = l.trim();
                    let t = t.strip_prefix(date.as_str()).unwrap_or(t).trim();
                    !(t.is_empty() || page_of(t))
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every measure's row, read with `pdftotext -layout` (which keeps a table
/// row on one line): the first word of its name (a long name wraps inside
/// its cell; the whole name is checked with the text), then its figures and
/// date, in order.
fn assert_measure_rows(pdf: &Path, lowered: &Lowered, what: &str) {
    let text = pdftotext(pdf, &["-layout"]);
    let follow_up = lowered.slides.iter().any(|s| !s.standing.is_empty());
    let brief = what.ends_with("brief");
    for r in lowered.slides.iter().flat_map(|s| &s.standing) {
        // The latest value's date is on the cell's second line.
        let mut row = vec![
            r.name
                .text()
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string(),
        ];
        row.extend(r.baseline_text.clone());
        row.extend(r.latest_text.clone());
        row.push(r.target_text.clone());
        row.push(r.by.clone());
        row.extend(r.status_word.clone());
        assert_row(&text, &row, what, true);
    }
    for m in lowered
        .slides
        .iter()
        .flat_map(|s| &s.measures)
        .filter(|_| !(follow_up && brief))
    {
        let name = m.name.text();
        let mut row = vec![
            name.split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string(),
        ];
        row.extend(m.baseline_text.clone());
        row.push(m.target_text.clone());
        row.extend(m.unit.clone());
        row.push(m.by.clone());
        assert_row(&text, &row, what, false);
    }
}

/// A line of `text` that has the cells of `row`, in order.
fn assert_row(text: &str, row: &[String], what: &str, tight: bool) {
    // pdftotext may set "5 %" (a no-break space) as "5%": `tight` compares
    // without spaces.
    let norm = |t: &str| {
        if tight {
            squash(t).replace(' ', "")
        } else {
            squash(t)
        }
    };
    let row: Vec<String> = row.iter().map(|t| norm(t)).collect();
    let found = text.lines().map(norm).any(|line| {
        let mut at = 0;
        row.iter().all(|cell| match line[at..].find(cell.as_str()) {
            Some(i) => {
                at += i + cell.len();
                true
            }
            None => false,
        })
    });
    assert!(found, "{what}: no line reads {row:?}");
}

/// Each expected text in `text`, in order.
fn assert_in_order(text: &str, expected: &[String], what: &str) {
    let text = squash(text);
    let mut at = 0;
    for e in expected {
        match text[at..].find(e.as_str()) {
            Some(i) => at += i + e.len(),
            None => {
                let anywhere = text.contains(e.as_str());
                panic!(
                    "{what}: {e:?} {}\n--- text from here ---\n{}",
                    if anywhere {
                        "is there, but out of order"
                    } else {
                        "is missing"
                    },
                    &text[at..text.len().min(at + 1500)]
                );
            }
        }
    }
}

fn pdfinfo(pdf: &Path) -> (usize, String, String) {
    let info = run("pdfinfo", &[], pdf);
    let field = |name: &str| {
        info.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap(), field("Page size:"), info)
}

#[test]
fn every_deck_and_layout_reads_right_and_checks_clean() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for deck in decks() {
        let lowered = lowered(&deck);
        let stem = deck.file_stem().unwrap().to_string_lossy().to_string();
        for layout in LAYOUTS {
            let pdf = dir.path().join(format!("{stem}.{layout}.pdf"));
            let (pages, _) = build(&deck, layout, &pdf, &[]);
            let what = format!("{stem} {layout}");

            let text = without_furniture(&pdftotext(&pdf, &[]), &lowered, layout == "handout");
            assert_in_order(&text, &expected(&lowered, layout), &what);
            assert_measure_rows(&pdf, &lowered, &what);

            let fonts = run("pdffonts", &[], &pdf);
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty(), "{what}: fonts are used");
            for row in rows {
                let cols: Vec<&str> = row.split_whitespace().collect();
                // name type... encoding emb sub uni object ID
                let emb = cols[cols.len() - 5];
                assert_eq!(emb, "yes", "{what}: font not embedded: {row}");
                assert_eq!(
                    cols[cols.len() - 3],
                    "yes",
                    "{what}: font without a Unicode map: {row}"
                );
            }

            let check = Command::new("qpdf")
                .arg("--check")
                .arg(&pdf)
                .output()
                .unwrap();
            assert!(
                check.status.success(),
                "{what}: qpdf --check: {}",
                String::from_utf8_lossy(&check.stdout)
            );

            let (info_pages, size, info) = pdfinfo(&pdf);
            assert_eq!(info_pages, pages, "{what}: page count as reported");
            match layout {
                "slides" => {
                    assert_eq!(pages, lowered.slides.len(), "{what}: one page per slide");
                    assert!(size.starts_with("960 x 540 pts"), "{what}: {size}");
                }
                "handout" => {
                    assert!(
                        pages >= lowered.slides.len(),
                        "{what}: a page per slide at least"
                    );
                    assert!(
                        size.starts_with("595.28 x 841.89 pts (A4)"),
                        "{what}: {size}"
                    );
                }
                _ => {
                    assert!((1..=2).contains(&pages), "{what}: {pages} pages");
                    assert!(
                        size.starts_with("595.28 x 841.89 pts (A4)"),
                        "{what}: {size}"
                    );
                }
            }
            let title = info
                .lines()
                .find_map(|l| l.strip_prefix("Title:"))
                .unwrap_or_default();
            assert_eq!(title.trim(), lowered.info.title, "{what}: {info}");
            if let Some(summary) = &lowered.info.summary {
                assert!(
                    squash(&info).contains(&squash(summary)),
                    "{what}: subject: {info}"
                );
            }
        }
    }
}

/// `pdftotext [args] PDF -`: the text on standard output.
fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn letter_paper_and_swedish_text_come_through() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/social-media.sv.toml");
    let pdf = dir.path().join("sv.pdf");
    build(&deck, "handout", &pdf, &["--paper", "letter"]);
    let (_, size, _) = pdfinfo(&pdf);
    assert!(size.starts_with("612 x 792 pts (letter)"), "{size}");
    let text = pdftotext(&pdf, &[]);
    let source = std::fs::read_to_string(&deck).unwrap();
    for c in ['å', 'ä', 'ö', 'Å', 'Ä', 'Ö', '“', '”', '–', '—'] {
        if source.contains(c) {
            assert!(text.contains(c), "{c} in the Swedish handout");
        }
    }
    assert!(text.contains('å') && text.contains('ö'));
    assert!(text.contains("sida 1 av "), "the footer speaks Swedish");
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    for layout in LAYOUTS {
        let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/social-media.en.toml");
        let a = dir.path().join(format!("a.{layout}.pdf"));
        let b = dir.path().join(format!("b.{layout}.pdf"));
        build(&deck, layout, &a, &[]);
        build(&deck, layout, &b, &[]);
        let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
        assert!(a.len() > 1000);
        assert!(a == b, "{layout}: two builds differ");
    }
}

/// A deck with 40 objections and long notes on every section.
fn long_deck(dir: &Path) -> PathBuf {
    let para = "Leadership reads paper after the meeting, so the handout must carry the whole argument: \
                the claim, the reasons, the numbers and what we ask for, in plain words that stand on their own. ";
    let notes = format!(
        "{}\n\n- {}\n- {}\n\n{}\n\n1. {}\n2. {}\n\n{}",
        para.repeat(6),
        para.repeat(2),
        para,
        para.repeat(8),
        para,
        para.repeat(3),
        para.repeat(10)
    );
    let mut toml = String::from(
        "[deck]\ntitle = \"A long deck to test page breaks\"\nlang = \"en\"\ndate = 2026-12-01\n\n",
    );
    for section in ["summary", "need", "risk", "strategy", "ask"] {
        toml.push_str(&format!(
            "[{section}]\nclaim = \"The {section} slide makes one clear point.\"\npoints = [\"One point.\", \"Another point.\"]\nnotes = \"\"\"\n{notes}\n\"\"\"\n\n"
        ));
    }
    toml.push_str("[metrics]\nclaim = \"We will know in six months.\"\n");
    toml.push_str(&format!("notes = \"\"\"\n{notes}\n\"\"\"\n\n"));
    for i in 1..=7 {
        toml.push_str(&format!(
            "[[metrics.measure]]\nname = \"Measure number {i}\"\nbaseline = {}\ntarget = {}\nunit = \"%\"\nby = 2027-06-30\nwhy = \"Because {i} matters.\"\n\n",
            i * 3,
            i * 9
        ));
    }
    for i in 1..=40 {
        toml.push_str(&format!(
            "[[objection]]\nquestion = \"Objection {i}: is this not too expensive for us?\"\nanswer = \"Answer {i}: it costs half a role for six months, and we stop if it does not work.\"\n\n"
        ));
    }
    let path = dir.join("long.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

#[test]
fn forty_objections_and_long_notes_stay_on_their_pages() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let deck = long_deck(dir.path());
    let lowered = lowered(&deck);
    assert_eq!(
        lowered
            .slides
            .iter()
            .filter(|s| s.kind == SlideKind::Objection)
            .count(),
        40
    );
    for layout in LAYOUTS {
        let pdf = dir.path().join(format!("long.{layout}.pdf"));
        let (pages, _) = build(&deck, layout, &pdf, &[]);
        let (info_pages, _, _) = pdfinfo(&pdf);
        assert_eq!(info_pages, pages, "{layout}: page count as computed");
        if layout == "handout" {
            // Long notes continue on further pages: more pages than slides.
            assert!(pages > lowered.slides.len() + 5, "{layout}: {pages} pages");
        }
        // Every word inside the page's margins.
        let bbox = pdftotext(&pdf, &["-bbox"]);
        let mut page = (0.0f32, 0.0f32);
        let mut words = 0;
        let attr = |line: &str, name: &str| -> f32 {
            let key = format!("{name}=\"");
            let at = line.find(&key).unwrap() + key.len();
            line[at..].split('"').next().unwrap().parse().unwrap()
        };
        for line in bbox.lines() {
            let line = line.trim();
            if line.starts_with("<page ") {
                page = (attr(line, "width"), attr(line, "height"));
            } else if line.starts_with("<word ") {
                words += 1;
                let (x0, y0, x1, y1) = (
                    attr(line, "xMin"),
                    attr(line, "yMin"),
                    attr(line, "xMax"),
                    attr(line, "yMax"),
                );
                let margin = if layout == "slides" { 10.0 } else { 40.0 };
                assert!(
                    x0 >= margin && x1 <= page.0 - margin && y0 >= 10.0 && y1 <= page.1 - 10.0,
                    "{layout}: a word off the page or in the margin: {line} (page {page:?})"
                );
            }
        }
        assert!(
            words > if layout == "brief" { 100 } else { 1000 },
            "{layout}: {words} words checked"
        );
        let text = without_furniture(&pdftotext(&pdf, &[]), &lowered, layout == "handout");
        assert_in_order(&text, &expected(&lowered, layout), layout);
        assert_measure_rows(&pdf, &lowered, layout);
    }
}

#[test]
fn a_missing_glyph_is_reported_and_replaced_visibly() {
    if !common::have(&["pdftotext"], "this PDF test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let source = "[deck]\ntitle = \"Arrows\"\nlang = \"en\"\n\n[need]\nclaim = \"Reach → revenue.\"\n\n[risk]\nclaim = \"Silence costs.\"\n\n[strategy]\nclaim = \"Start small ✓.\"\n\n[metrics]\nclaim = \"We will know.\"\n\n[[metrics.measure]]\nname = \"Replies\"\ntarget = 25\nby = 2027-06-30\n";
    let deck = dir.path().join("arrows.toml");
    std::fs::write(&deck, source).unwrap();
    let pdf = dir.path().join("arrows.pdf");
    let out = Command::cargo_bin("pitchdeck")
        .unwrap()
        .args(["build", "--pdf-only"])
        .arg(&deck)
        .arg("-o")
        .arg(&pdf)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The path, line and column of the character itself, the slide, the character.
    assert!(stderr.contains("arrows.toml:6:16"), "{stderr}");
    assert!(stderr.contains("arrows.toml:12:22"), "{stderr}");
    assert!(
        stderr.contains("slide: need") && stderr.contains("slide: strategy"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning[W201]: the PDF font has no glyph for `→` (U+2192)"),
        "{stderr}"
    );
    assert!(stderr.contains("`✓` (U+2713)"), "{stderr}");
    let text = pdftotext(&pdf, &[]);
    assert!(text.contains("Reach -> revenue."), "{text}");
    assert!(text.contains("Start small [x]."), "{text}");
}

/// W201 points at the character's own line and column, wherever on the slide
/// it is (a point, a measure, an objection's answer), and names an objection
/// slide with its number, as W301 does.
#[test]
fn a_missing_glyph_points_at_its_character_and_names_its_slide() {
    let dir = tempfile::tempdir().unwrap();
    let source = "[deck]\ntitle = \"Arrows\"\nlang = \"en\"\n\n[need]\nclaim = \"Reach matters.\"\npoints = [\"One\", \"Two → three\"]\n\n[risk]\nclaim = \"Silence costs.\"\n\n[strategy]\nclaim = \"Start small.\"\n\n[metrics]\nclaim = \"We will know.\"\n\n[[metrics.measure]]\nname = \"Replies ✓\"\ntarget = 25\nby = 2027-06-30\n\n[[objection]]\nquestion = \"Is it costly?\"\nanswer = \"No.\"\n\n[[objection]]\nquestion = \"Is it slow?\"\nanswer = \"It is fast ✓ and cheap.\"\n";
    let deck = dir.path().join("arrows.toml");
    std::fs::write(&deck, source).unwrap();
    let pdf = dir.path().join("arrows.pdf");
    let out = Command::cargo_bin("pitchdeck")
        .unwrap()
        .args(["build", "--pdf-only", "--format", "json"])
        .arg(&deck)
        .arg("-o")
        .arg(&pdf)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    // The diagnostics first; a summary may follow.
    let diagnostics: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&stdout)
        .into_iter()
        .next()
        .unwrap()
        .unwrap();
    let w201: Vec<(u64, u64, &str)> = diagnostics
        .iter()
        .filter(|d| d["code"] == "W201")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["slide"].as_str().unwrap(),
            )
        })
        .collect();
    // Line 7 `points = ["One", "Two → three"]`, line 19 `name = "Replies ✓"`,
    // line 29 `answer = "It is fast ✓ and cheap."`.
    assert_eq!(
        w201,
        [
            (7, 23, "need"),
            (19, 17, "metrics"),
            (29, 22, "objection 2")
        ],
        "{stdout}"
    );
}

/// The height of the first word `word` in a page's `pdftotext -bbox` output.
fn word_height(bbox: &str, word: &str) -> f32 {
    let line = bbox
        .lines()
        .find(|l| l.trim_end().ends_with(&format!(">{word}</word>")))
        .unwrap_or_else(|| panic!("no word {word} in\n{bbox}"));
    let attr = |name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + line[start..].find('"').unwrap();
        line[start..end].parse().unwrap()
    };
    attr("yMax") - attr("yMin")
}

/// The PDF sets its text in the theme's `[sizes]`, as the HTML does: a theme
/// with a larger claim (60 px, not 46) and body text (36, not 30) gives
/// claims and points that much taller; the default sizes written out give
/// the default theme's PDF byte for byte.
#[test]
fn the_pdf_follows_the_themes_type_sizes() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/sizes/deck.toml");
    let written_out_theme = deck.with_file_name("default-sizes");
    let pdf = |theme: Option<&str>| {
        let out = dir
            .path()
            .join(format!("{}.pdf", theme.map_or("large", |_| "other")));
        let extra: Vec<&str> = theme.map(|t| vec!["--theme", t]).unwrap_or_default();
        let (_, stderr) = build(&deck, "slides", &out, &extra);
        assert!(
            !stderr.contains("W301") && !stderr.contains("W203"),
            "{stderr}"
        );
        out
    };
    let default = std::fs::read(pdf(Some("default"))).unwrap();
    let written_out = std::fs::read(pdf(written_out_theme.to_str())).unwrap();
    assert!(
        default == written_out,
        "the default sizes written out change the PDF"
    );
    let bbox = |pdf: &Path| pdftotext(pdf, &["-bbox", "-f", "2", "-l", "2"]);
    let default = bbox(&pdf(Some("default")));
    let large = bbox(&pdf(None));
    for (word, ratio) in [("Answers", 60.0 / 46.0), ("Customers", 36.0 / 30.0)] {
        let got = word_height(&large, word) / word_height(&default, word);
        assert!(
            (got - ratio).abs() < 0.02,
            "{word}: {got:.3} times as tall, not {ratio:.3}"
        );
    }
    // What the theme leaves out keeps the default size (the label).
    let label = word_height(&large, "NEED") / word_height(&default, "NEED");
    assert!((label - 1.0).abs() < 0.01, "the label changed: {label}");
}

#[test]
fn metadata_outline_links_and_language_are_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // The accessibility deck has a link (in an evidence line).
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/accessibility.en.toml");
    let lowered = lowered(&deck);
    let pdf = dir.path().join("h.pdf");
    build(&deck, "handout", &pdf, &[]);
    let doc = lopdf::Document::load(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en");
    // Tagged PDF furniture: marked, titled, PDF/UA identified, tab order by structure.
    let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(mark_info.get(b"Marked").unwrap().as_bool().unwrap());
    let prefs = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    let xmp = doc
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap();
    let xmp = String::from_utf8_lossy(&xmp.as_stream().unwrap().content).to_string();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains(&lowered.info.title), "{xmp}");
    for (_, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).unwrap();
        assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
    }
    // One bookmark per slide, in order.
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut next = outlines
        .get(b"First")
        .ok()
        .map(|o| o.as_reference().unwrap());
    let mut titles = Vec::new();
    while let Some(id) = next {
        let d = doc.get_dictionary(id).unwrap();
        let raw = d.get(b"Title").unwrap().as_str().unwrap();
        let title = if raw.starts_with(&[0xFE, 0xFF]) {
            let units: Vec<u16> = raw[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        } else {
            String::from_utf8(raw.to_vec()).unwrap()
        };
        titles.push(title);
        next = d.get(b"Next").ok().map(|o| o.as_reference().unwrap());
    }
    assert_eq!(titles.len(), lowered.slides.len());
    assert_eq!(titles[0], lowered.info.title);
    assert_eq!(titles[1], lowered.slides[1].heading.text());
    // The creation date is the deck's date.
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
    let d = lowered.info.date.unwrap();
    assert!(
        String::from_utf8_lossy(date)
            .starts_with(&format!("D:{:04}{:02}{:02}", d.year, d.month, d.day)),
        "{date:?}"
    );
    // Links in the deck become URI link annotations.
    let links: Vec<String> = lowered
        .slides
        .iter()
        .flat_map(|s| {
            let mut runs: Vec<pitchdeck::slides::Run> = s.heading.runs.clone();
            for rich in s.points.iter().chain(&s.evidence).chain(&s.answer) {
                runs.extend(rich.runs.iter().cloned());
            }
            for b in &s.notes {
                match b {
                    Block::Paragraph(p) => runs.extend(p.runs.iter().cloned()),
                    Block::List { items, .. } => {
                        runs.extend(items.iter().flat_map(|i| i.runs.clone()))
                    }
                }
            }
            runs
        })
        .filter_map(|r| r.link)
        .collect();
    assert!(!links.is_empty(), "the deck has links to check");
    let mut uris = Vec::new();
    for (_, page) in doc.get_pages() {
        for annot in doc.get_page_annotations(page).unwrap_or_default() {
            if let Ok(a) = annot.get(b"A").and_then(|a| a.as_dict()) {
                uris.push(
                    String::from_utf8_lossy(a.get(b"URI").unwrap().as_str().unwrap()).to_string(),
                );
                // Tagged: the annotation belongs to a Link element.
                assert!(
                    annot.get(b"StructParent").and_then(|k| k.as_i64()).is_ok(),
                    "{annot:?}"
                );
            }
        }
    }
    for link in &links {
        assert!(uris.contains(link), "{link} is clickable: {uris:?}");
    }
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    let dir = tempfile::tempdir().unwrap();
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/social-media.en.toml");
    let pdf = dir.path().join("e.pdf");
    let out = Command::cargo_bin("pitchdeck")
        .unwrap()
        .args(["build", "--pdf-only"])
        .arg(&deck)
        .arg("-o")
        .arg(&pdf)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc = lopdf::Document::load(&pdf).unwrap();
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:20231114221320Z"
    );
}

#[test]
fn pdf_beside_html_and_layout_names() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
    let deck = dir.path().join("deck.toml");
    std::fs::copy(src.join("social-media.en.toml"), &deck).unwrap();
    copy_dir(&src.join("img"), &dir.path().join("img"));
    for (args, files) in [
        (vec!["--pdf"], vec!["deck.html", "deck.pdf"]),
        (
            vec!["--pdf", "--layout", "brief"],
            vec!["deck.html", "deck.brief.pdf"],
        ),
        (
            vec!["--pdf-only", "--layout", "slides"],
            vec!["deck.slides.pdf"],
        ),
    ] {
        for f in ["deck.html", "deck.pdf", "deck.brief.pdf", "deck.slides.pdf"] {
            let _ = std::fs::remove_file(dir.path().join(f));
        }
        let out = Command::cargo_bin("pitchdeck")
            .unwrap()
            .arg("build")
            .arg(&deck)
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        for f in ["deck.html", "deck.pdf", "deck.brief.pdf", "deck.slides.pdf"] {
            assert_eq!(
                dir.path().join(f).exists(),
                files.contains(&f),
                "{args:?}: {f}"
            );
        }
        for f in &files {
            let bytes = std::fs::read(dir.path().join(f)).unwrap();
            if f.ends_with(".pdf") {
                assert!(bytes.starts_with(b"%PDF-1.7"), "{f}");
            }
        }
    }
    // --layout without a PDF asked for is a usage error.
    let out = Command::cargo_bin("pitchdeck")
        .unwrap()
        .arg("build")
        .arg(&deck)
        .args(["--layout", "brief"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn rendering_twice_in_one_process_gives_the_same_bytes() {
    // printpdf's own identifiers come from a process-wide counter; none may leak.
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/accessibility.en.toml");
    let lowered = lowered(&deck);
    let theme = pitchdeck::Theme::builtin("board").unwrap();
    for layout in [
        pitchdeck::pdf::Layout::Handout,
        pitchdeck::pdf::Layout::Slides,
        pitchdeck::pdf::Layout::Brief,
    ] {
        let options = pitchdeck::pdf::Options {
            layout,
            ..Default::default()
        };
        let a = pitchdeck::pdf::render(&lowered, &theme, &options).unwrap();
        let b = pitchdeck::pdf::render(&lowered, &theme, &options).unwrap();
        assert!(a.bytes == b.bytes, "{layout:?}");
        assert_eq!(a.pages, b.pages);
    }
}

#[test]
fn jpeg_and_transparent_png_images_are_drawn_keeping_their_aspect_ratio() {
    if !common::have(&["pdfimages"], "this PDF test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    for f in ["photo.jpg", "half.png"] {
        std::fs::copy(fixtures.join(f), dir.path().join(f)).unwrap();
    }
    let source = "[deck]\ntitle = \"Images\"\nlang = \"en\"\nlogo = \"half.png\"\n\n[need]\nclaim = \"A photo.\"\nimage = \"photo.jpg\"\nimage_alt = \"A blue gradient.\"\n\n[risk]\nclaim = \"Half see-through.\"\nimage = \"half.png\"\nimage_alt = \"A yellow bar.\"\n\n[strategy]\nclaim = \"Start small.\"\n\n[metrics]\nclaim = \"We will know.\"\n\n[[metrics.measure]]\nname = \"Replies\"\ntarget = 25\nby = 2027-06-30\n";
    let deck = dir.path().join("images.toml");
    std::fs::write(&deck, source).unwrap();
    for layout in ["handout", "slides"] {
        let pdf = dir.path().join(format!("images.{layout}.pdf"));
        let (pages, _) = build(&deck, layout, &pdf, &[]);
        let list = run("pdfimages", &["-list"], &pdf);
        // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        let rows: Vec<Vec<&str>> = list
            .lines()
            .skip(2)
            .map(|l| l.split_whitespace().collect())
            .collect();
        let dims: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[2], r[3], r[4])).collect();
        assert!(
            dims.contains(&("image", "64", "40")),
            "{layout}: the JPEG: {list}"
        );
        assert!(
            dims.contains(&("image", "30", "60")),
            "{layout}: the PNG: {list}"
        );
        assert!(
            dims.contains(&("smask", "30", "60")),
            "{layout}: its transparency: {list}"
        );
        // Same pixels per inch across and down: the aspect ratio is kept.
        for r in &rows {
            let (x, y): (f32, f32) = (r[12].parse().unwrap(), r[13].parse().unwrap());
            assert!(
                (x - y).abs() <= x * 0.02 + 1.0,
                "{layout}: stretched: {r:?}"
            );
        }
        // The logo on the title slide and the two images: three placements;
        // the handout also has the logo in its running header on every page.
        let header_logos = if layout == "handout" { pages } else { 0 };
        assert_eq!(
            rows.iter().filter(|r| r[2] == "image").count(),
            3 + header_logos,
            "{layout}: {list}"
        );
    }
}

/// A node of `pdfinfo -struct-text`'s tree: its role and its text (the
/// quoted strings of it and its descendants, in order).
#[derive(Debug)]
struct StructNode {
    role: String,
    depth: usize,
    text: String,
    /// Whether it lies inside a Figure.
    in_figure: bool,
}

/// Parses `pdfinfo -struct-text`; fails on any complaint from poppler.
fn struct_nodes(pdf: &Path) -> Vec<StructNode> {
    let out = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(pdf)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.trim().is_empty(),
        "pdfinfo -struct-text complains: {stderr}"
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut nodes: Vec<StructNode> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for line in text.lines() {
        let depth = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() || t.starts_with('/') {
            continue;
        }
        while stack.last().is_some_and(|&i| nodes[i].depth >= depth) {
            stack.pop();
        }
        if let Some(quoted) = t.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
            for &i in &stack {
                nodes[i].text.push_str(quoted);
            }
        } else {
            let role = t.split([' ', ':']).next().unwrap().to_string();
            let in_figure = role == "Figure" || stack.iter().any(|&i| nodes[i].in_figure);
            nodes.push(StructNode {
                role,
                depth,
                text: String::new(),
                in_figure,
            });
            stack.push(nodes.len() - 1);
        }
    }
    for n in &mut nodes {
        n.text = squash(&n.text);
    }
    nodes
}

/// The /Alt of every Figure element, in structure order (read with lopdf).
fn figure_alts(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut out = Vec::new();
    fn walk(doc: &lopdf::Document, obj: &lopdf::Object, out: &mut Vec<String>) {
        let dict = match obj {
            lopdf::Object::Reference(r) => match doc.get_dictionary(*r) {
                Ok(d) => d,
                Err(_) => return,
            },
            lopdf::Object::Dictionary(d) => d,
            lopdf::Object::Array(a) => {
                a.iter().for_each(|o| walk(doc, o, out));
                return;
            }
            _ => return,
        };
        if dict.get(b"S").and_then(|s| s.as_name()).ok() == Some(&b"Figure"[..]) {
            let alt = dict
                .get(b"Alt")
                .and_then(|a| a.as_str())
                .map(decode)
                .unwrap_or_default();
            out.push(alt);
        }
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(&b"MCR"[..])
            && let Ok(k) = dict.get(b"K")
        {
            walk(doc, k, out);
        }
    }
    fn decode(raw: &[u8]) -> String {
        if raw.starts_with(&[0xFE, 0xFF]) {
            let units: Vec<u16> = raw[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        } else {
            String::from_utf8_lossy(raw).to_string()
        }
    }
    walk(&doc, &lopdf::Object::Reference(root), &mut out);
    out
}

#[test]
fn every_layout_is_a_tagged_pdf_in_reading_order() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for deck in decks() {
        let lowered = lowered(&deck);
        let stem = deck.file_stem().unwrap().to_string_lossy().to_string();
        for layout in LAYOUTS {
            let what = format!("{stem} {layout}");
            let pdf = dir.path().join(format!("{stem}.{layout}.tagged.pdf"));
            build(&deck, layout, &pdf, &[]);
            let (_, _, info) = pdfinfo(&pdf);
            assert!(
                info.lines()
                    .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
                "{what}: {info}"
            );
            let nodes = struct_nodes(&pdf);

            // In reading order: each claim as a heading, each point as a
            // list item, each measure's name and target in table cells.
            let mut expected: Vec<(&[&str], String)> = Vec::new();
            let brief = layout == "brief";
            for s in &lowered.slides {
                if brief && !(s.kind == SlideKind::Title || matches!(s.kind, SlideKind::Section(_)))
                {
                    continue;
                }
                if brief && s.part.is_some_and(|(i, _)| i > 1) {
                    continue;
                }
                expected.push((&["H1", "H2"], s.heading.text()));
                if let Some(a) = &s.answer {
                    expected.push((&["P"], a.text()));
                }
                for p in &s.points {
                    expected.push((&["LBody"], p.text()));
                }
                if !brief {
                    for m in &s.measures {
                        expected.push((&["TH"], m.name.text()));
                        expected.push((&["TD"], m.target_text.clone()));
                    }
                    for r in &s.standing {
                        expected.push((&["TH"], r.name.text()));
                        expected.push((&["TD"], r.target_text.clone()));
                        expected.extend(r.status_word.clone().map(|w| (&["TD"][..], w)));
                    }
                }
            }
            let expected: Vec<(&[&str], String)> = if brief {
                // The brief puts the ask first and the table last.
                let ask = lowered.slides.iter().find(|s| {
                    matches!(
                        s.kind,
                        SlideKind::Section(pitchdeck::deck::SectionKind::Ask)
                    )
                });
                let mut first: Vec<(&[&str], String)> = expected[..1].to_vec();
                let mut ask_items: Vec<(&[&str], String)> = Vec::new();
                if let Some(a) = ask {
                    ask_items.push((&["H1", "H2"], a.heading.text()));
                    ask_items.extend(a.points.iter().map(|p| (&["LBody"][..], p.text())));
                }
                first.extend(ask_items.iter().cloned());
                first.extend(
                    expected[1..]
                        .iter()
                        .filter(|e| !ask_items.contains(e))
                        .cloned(),
                );
                let standing: Vec<_> = lowered.slides.iter().flat_map(|s| &s.standing).collect();
                if standing.is_empty() {
                    for m in lowered.slides.iter().flat_map(|s| &s.measures) {
                        first.push((&["TH"], m.name.text()));
                        first.push((&["TD"], m.target_text.clone()));
                    }
                }
                for r in standing {
                    first.push((&["TH"], r.name.text()));
                    first.push((&["TD"], r.target_text.clone()));
                    first.extend(r.status_word.clone().map(|w| (&["TD"][..], w)));
                }
                first
            } else {
                expected
            };
            let mut at = 0;
            for (roles, text) in &expected {
                let text = squash(text);
                let found = nodes[at..].iter().position(|n| {
                    roles.contains(&n.role.as_str())
                        && (n.text == text || (n.role == "TH" && n.text.starts_with(&text)))
                });
                match found {
                    Some(i) => at += i + 1,
                    None => panic!(
                        "{what}: no {roles:?} reading {text:?} after node {at}: {:?}",
                        nodes.get(at)
                    ),
                }
            }

            // Images and bars are figures with their alternative text.
            let alts = figure_alts(&pdf);
            let mut want: Vec<String> = Vec::new();
            for s in &lowered.slides {
                if brief {
                    continue;
                }
                for m in &s.measures {
                    if m.baseline.is_some() {
                        want.push(m.name.text());
                    }
                }
                // Every row of the standing table has its chart.
                want.extend(s.standing.iter().map(|r| r.name.text()));
                if s.kind != SlideKind::Title
                    && let Some(img) = &s.image
                {
                    want.push(img.alt.clone());
                }
            }
            if brief {
                want = lowered
                    .slides
                    .iter()
                    .flat_map(|s| &s.standing)
                    .map(|r| r.name.text())
                    .collect();
                if want.is_empty() {
                    want = lowered
                        .slides
                        .iter()
                        .flat_map(|s| &s.measures)
                        .filter(|m| m.baseline.is_some())
                        .map(|m| m.name.text())
                        .collect();
                }
            }
            assert_eq!(alts.len(), want.len(), "{what}: figures {alts:?}");
            for (alt, w) in alts.iter().zip(&want) {
                assert!(
                    alt.starts_with(w.as_str()),
                    "{what}: figure {alt:?} should be {w:?}"
                );
            }

            // Page furniture stays out of the structure.
            for n in &nodes {
                assert!(
                    !n.text.contains("page 1 of") && !n.text.contains("sida 1 av"),
                    "{what}: {n:?}"
                );
            }
            let title = squash(&lowered.info.title);
            let titles = nodes
                .iter()
                .filter(|n| n.role == "H1" && n.text == title)
                .count();
            assert_eq!(
                titles, 1,
                "{what}: the title is a heading once, never the running header"
            );
        }
    }
}

/// The visible text of each slide of the HTML deck: tags removed, the notes,
/// the slide number and visually hidden text left out.
fn html_slides(html: &str) -> Vec<String> {
    let cut = |s: &str, open: &str, close: &str| -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            out.push_str(&rest[..i]);
            rest = match rest[i..].find(close) {
                Some(j) => &rest[i + j + close.len()..],
                None => "",
            };
        }
        out.push_str(rest);
        out
    };
    html.split("<section class=\"slide")
        .skip(1)
        .map(|s| {
            let mut s = s.split("</section>").next().unwrap().to_string();
            // Block elements end a word; inline ones do not.
            for closer in [
                "</p>",
                "</li>",
                "</h1>",
                "</h2>",
                "</th>",
                "</td>",
                "</div>",
                "</figure>",
            ] {
                s = s.replace(closer, &format!(" {closer}"));
            }
            let s = cut(&s, "<aside class=\"notes\"", "</aside>");
            let s = cut(&s, "<p class=\"number\"", "</p>");
            let s = cut(&s, "<span class=\"visually-hidden\"", "</span>");
            let s = s
                .split_once('>')
                .map(|(_, b)| b.to_string())
                .unwrap_or_default();
            let s = cut(&s, "<", ">");
            let s = s
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
            squash(&s)
        })
        .collect()
}

#[test]
fn each_slides_page_reads_like_its_html_slide() {
    if !tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for deck in decks() {
        let stem = deck.file_stem().unwrap().to_string_lossy().to_string();
        let html_path = dir.path().join(format!("{stem}.html"));
        let out = Command::cargo_bin("pitchdeck")
            .unwrap()
            .arg("build")
            .arg(&deck)
            .arg("-o")
            .arg(&html_path)
            .output()
            .unwrap();
        assert!(out.status.success());
        let html = html_slides(&std::fs::read_to_string(&html_path).unwrap());
        let pdf = dir.path().join(format!("{stem}.slides.pdf"));
        build(&deck, "slides", &pdf, &[]);
        // Each Sect's text in structure order, figures and list bullets aside.
        let pages = sect_texts(&pdf);
        let pages: Vec<String> = pages.iter().map(|p| squash(p)).collect();
        assert_eq!(pages.len(), html.len(), "{stem}: one page per slide");
        for (i, (p, h)) in pages.iter().zip(&html).enumerate() {
            assert_eq!(
                p.to_lowercase(),
                h.to_lowercase(),
                "{stem}: slide {}",
                i + 1
            );
        }
    }
}

/// The text of each Sect of `pdfinfo -struct-text`, its marked content
/// joined in structure order, leaving out figures and list bullets.
fn sect_texts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(pdf)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut pages: Vec<String> = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    // Text of one element runs on; a new block element starts a new word.
    let mut last_block = None;
    let mut count = 0usize;
    let mut ids: Vec<usize> = Vec::new();
    for line in text.lines() {
        let depth = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() || t.starts_with('/') {
            continue;
        }
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            stack.pop();
            ids.pop();
        }
        if let Some(quoted) = t.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
            let skip = stack.iter().any(|(_, r)| r == "Figure" || r == "Lbl");
            let block = stack
                .iter()
                .zip(&ids)
                .rev()
                .find(|((_, r), _)| r != "Link")
                .map(|(_, id)| *id);
            if !skip && let Some(page) = pages.last_mut() {
                if block != last_block {
                    page.push(' ');
                }
                page.push_str(quoted);
                last_block = block;
            }
        } else {
            let role = t.split([' ', ':']).next().unwrap().to_string();
            if role == "Sect" {
                pages.push(String::new());
            }
            stack.push((depth, role));
            count += 1;
            ids.push(count);
        }
    }
    pages
}

#[test]
fn a_brief_that_does_not_fit_one_page_takes_two_and_warns() {
    if !common::have(&["pdfinfo"], "this PDF test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let point = "This point is long on purpose, so that eight of them in every section fill more than one page of the brief.";
    let points = vec![format!("\"{point}\""); 8].join(", ");
    let mut toml = String::from("[deck]\ntitle = \"A long brief\"\nlang = \"en\"\n\n");
    for section in [
        "summary",
        "need",
        "risk",
        "research",
        "strategy",
        "engagement",
        "ask",
    ] {
        toml.push_str(&format!(
            "[{section}]\nclaim = \"The {section} makes one point.\"\npoints = [{points}]\n\n"
        ));
    }
    toml.push_str("[metrics]\nclaim = \"We will know.\"\n\n[[metrics.measure]]\nname = \"Replies\"\ntarget = 25\nby = 2027-06-30\n");
    let deck = dir.path().join("long.toml");
    std::fs::write(&deck, toml).unwrap();
    let pdf = dir.path().join("long.brief.pdf");
    let (pages, stderr) = build(&deck, "brief", &pdf, &[]);
    assert_eq!(pages, 2, "{stderr}");
    assert!(
        stderr.contains("W202") && stderr.contains("takes 2 pages"),
        "{stderr}"
    );
    assert_eq!(pdfinfo(&pdf).0, 2);
}

/// The follow-up deck in every layout: each status word is in the text
/// layer, and the standing table is a tagged table whose cells hold them.
#[test]
fn the_follow_up_deck_has_every_status_word_and_a_tagged_table() {
    if !tools() {
        return;
    }
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/follow-up.sv.toml");
    let dir = tempfile::tempdir().unwrap();
    let words = ["nått", "före", "i fas", "efter", "missat"];
    for layout in LAYOUTS {
        let what = format!("follow-up {layout}");
        let pdf = dir.path().join(format!("{layout}.pdf"));
        build(&deck, layout, &pdf, &[]);
        let text = squash(&pdftotext(&pdf, &[]));
        for word in words {
            assert!(text.contains(word), "{what}: no {word:?} in the text layer");
        }
        let nodes = struct_nodes(&pdf);
        let (mut in_table, mut found) = (None, Vec::new());
        for n in &nodes {
            if in_table.is_some_and(|d| n.depth <= d) {
                in_table = None;
            }
            if n.role == "Table" {
                in_table = Some(n.depth);
            }
            if in_table.is_some() && n.role == "TD" && words.contains(&n.text.as_str()) {
                found.push(n.text.clone());
            }
        }
        for word in words {
            assert!(
                found.iter().any(|f| f == word),
                "{what}: no table cell reads {word:?}: {found:?}"
            );
        }
        assert!(
            nodes.iter().any(|n| n.role == "TH" && n.text == "Läge"),
            "{what}: the status column has its header"
        );
    }
}
