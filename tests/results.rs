//! Measured results through the real binary: the results file and inline
//! results make the same deck, a bad results file stops the build at its
//! place and writes nothing, and the check and `--stats` know results.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{pitchdeck, root};

/// The example follow-up deck and its results file, copied into `dir`.
fn follow_up(dir: &Path) -> PathBuf {
    let deck = dir.join("deck.toml");
    fs::copy(root().join("decks/follow-up.sv.toml"), &deck).unwrap();
    fs::copy(root().join("decks/results.csv"), dir.join("results.csv")).unwrap();
    deck
}

/// The follow-up deck with the results file's rows written inline instead:
/// `results = [...]` in each measure, no `results_file`.
fn inline_version() -> String {
    let deck = fs::read_to_string(root().join("decks/follow-up.sv.toml")).unwrap();
    let mut reader = csv::Reader::from_path(root().join("decks/results.csv")).unwrap();
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for r in reader.records() {
        let r = r.unwrap();
        rows.push((r[0].to_string(), r[1].to_string(), r[2].to_string()));
    }
    let mut out = String::new();
    let mut used = 0;
    for line in deck.lines() {
        if line.starts_with("results_file") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if let Some(name) = line
            .strip_prefix("name = \"")
            .and_then(|n| n.strip_suffix('"'))
        {
            let results: Vec<String> = rows
                .iter()
                .filter(|(m, _, _)| m == name)
                .map(|(_, d, v)| format!("{{ date = {d}, value = {v} }}"))
                .collect();
            used += results.len();
            if !results.is_empty() {
                out.push_str(&format!("results = [{}]\n", results.join(", ")));
            }
        }
    }
    assert_eq!(used, rows.len(), "every row went to a measure");
    assert!(!out.contains("results_file"));
    out
}

fn build(deck: &Path, args: &[&str], out: &Path) -> std::process::Output {
    pitchdeck()
        .arg("build")
        .arg(deck)
        .args(args)
        .arg("-o")
        .arg(out)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

#[test]
fn inline_results_and_a_results_file_give_the_same_deck() {
    let csv_dir = tempfile::tempdir().unwrap();
    let inline_dir = tempfile::tempdir().unwrap();
    let from_csv = follow_up(csv_dir.path());
    let inline = inline_dir.path().join("deck.toml");
    fs::write(&inline, inline_version()).unwrap();
    for (what, args, ending) in [
        ("html", &[][..], "html"),
        ("handout", &["--pdf-only"][..], "pdf"),
        ("slides", &["--pdf-only", "--layout", "slides"][..], "pdf"),
        ("brief", &["--pdf-only", "--layout", "brief"][..], "pdf"),
    ] {
        let a = csv_dir.path().join(format!("out.{what}.{ending}"));
        let b = inline_dir.path().join(format!("out.{what}.{ending}"));
        for (deck, out) in [(&from_csv, &a), (&inline, &b)] {
            let o = build(deck, args, out);
            assert!(
                o.status.success(),
                "{what}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let (a, b) = (fs::read(&a).unwrap(), fs::read(&b).unwrap());
        assert!(a == b, "{what}: the two decks differ");
        if what == "html" {
            let html = String::from_utf8(a).unwrap();
            assert!(html.contains("Så går det"), "the standing slide is there");
            for word in ["nått", "före", "i fas", "efter", "missat"] {
                assert!(html.contains(&format!(">{word}</td>")), "{word}");
            }
        }
    }
    // And the check says the same of both: nothing (in the deck's Swedish).
    for deck in [&from_csv, &inline] {
        pitchdeck()
            .arg("check")
            .arg(deck)
            .assert()
            .success()
            .stderr(predicates::str::ends_with("inga problem\n"));
    }
}

#[test]
fn a_misspelt_measure_in_the_results_file_fails_at_its_place_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let deck = follow_up(dir.path());
    let csv = dir.path().join("results.csv");
    let text = fs::read_to_string(&csv).unwrap();
    // Line 8 of the file: the third measure's first row.
    let text = text.replacen(
        "Kommentarer som rör saken,2027-01-31",
        "Kommentarer som rör saker,2027-01-31",
        1,
    );
    assert_eq!(
        text.lines().nth(8 - 1).unwrap(),
        "Kommentarer som rör saker,2027-01-31,60"
    );
    fs::write(&csv, text).unwrap();
    let html = dir.path().join("deck.html");
    let pdf = dir.path().join("deck.pdf");
    fs::write(&html, "the previous build").unwrap();
    let out = pitchdeck()
        .arg("build")
        .arg(&deck)
        .arg("--pdf")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E015]"), "{stderr}");
    assert!(
        stderr.contains("results.csv:8:1"),
        "the place in the results file: {stderr}"
    );
    // The deck is Swedish, so the message and the help are.
    assert!(
        stderr.contains("okänt mått ”Kommentarer som rör saker” i resultatfilen"),
        "{stderr}"
    );
    assert!(
        stderr.contains("menade du ”Kommentarer som rör saken”?"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&html).unwrap(), "the previous build");
    assert!(!pdf.exists(), "no PDF written");
    // `--lang en` gives the same in English, at the same place.
    let out = pitchdeck()
        .args(["build", "--lang", "en", "--pdf"])
        .arg(&deck)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("results.csv:8:1"), "{stderr}");
    assert!(
        stderr.contains("unknown measure \"Kommentarer som rör saker\" in the results file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean \"Kommentarer som rör saken\"?"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&html).unwrap(), "the previous build");
    assert!(!pdf.exists(), "no PDF written");
}

#[test]
fn bad_dates_and_numbers_are_reported_at_their_column() {
    let dir = tempfile::tempdir().unwrap();
    let deck = follow_up(dir.path());
    let csv = dir.path().join("results.csv");
    let mut text = fs::read_to_string(&csv).unwrap();
    text.push_str(
        "Följare på Instagram,2027-02-30,2400\nFöljare på Instagram,2027-03-30,\"2 400 st\"\n",
    );
    fs::write(&csv, text).unwrap();
    let run = |lang: &str| {
        let out = pitchdeck()
            .args(["check", "--format", "short", "--lang", lang])
            .arg(&deck)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    // "Följare på Instagram," is 21 characters: the date starts at column 22.
    let en = run("en");
    assert!(
        en.contains("results.csv:19:22: error[E015]: `2027-02-30` is not a date"),
        "{en}"
    );
    assert!(
        en.contains("results.csv:20:33: error[E015]: `2 400 st` is not a number"),
        "{en}"
    );
    let sv = run("sv");
    assert!(
        sv.contains("results.csv:19:22: error[E015]: `2027-02-30` är inte ett datum"),
        "{sv}"
    );
    assert!(
        sv.contains("results.csv:20:33: error[E015]: `2 400 st` är inte ett tal"),
        "{sv}"
    );
}

#[test]
fn a_results_file_outside_the_decks_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("deck");
    fs::create_dir(&inner).unwrap();
    let deck = follow_up(&inner);
    fs::rename(inner.join("results.csv"), dir.path().join("results.csv")).unwrap();
    let text = fs::read_to_string(&deck).unwrap().replace(
        "results_file = \"results.csv\"",
        "results_file = \"../results.csv\"",
    );
    fs::write(&deck, text).unwrap();
    pitchdeck()
        .arg("check")
        .arg(&deck)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "error[E015]: resultatfilen ligger utanför presentationens mapp: `../results.csv`",
        ));
    pitchdeck()
        .args(["check", "--lang", "en"])
        .arg(&deck)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "error[E015]: the results file is outside the deck's folder: `../results.csv`",
        ));
    let missing = fs::read_to_string(&deck)
        .unwrap()
        .replace("../results.csv", "resultat.csv");
    fs::write(&deck, missing).unwrap();
    pitchdeck()
        .arg("check")
        .arg(&deck)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "resultatfilen finns inte: `resultat.csv`",
        ));
    pitchdeck()
        .args(["check", "--lang", "en"])
        .arg(&deck)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "the results file was not found: `resultat.csv`",
        ));
}

#[test]
fn check_stats_prints_each_measures_p_e_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let deck = follow_up(dir.path());
    let out = pitchdeck()
        .args(["check", "--stats"])
        .arg(&deck)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let row = |name: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {stdout}"))
            .split_whitespace()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
    };
    // since 2026-12-01, by 2027-06-30 (211 days), latest 2027-03-31 (120 days).
    assert_eq!(
        row("Frågor som besvaras inom en dag"),
        "ahead 0.57 0.88 2027-03-31"
    );
    assert_eq!(
        row("Våra inlägg som får svar"),
        "behind 0.57 0.38 2027-03-31"
    );
    assert_eq!(row("Kommentarer som rör saken"), "track on 0.57 0.60");
    assert_eq!(
        row("Samtal vi deltar i, per vecka"),
        "reached 0.57 1.04 2027-03-31"
    );
    assert_eq!(
        row("Frågor i cykelforumen med svar inom en vecka"),
        "missed 1.00 0.68 2027-03-15"
    );
    // A deck without results has no such table.
    let plain = pitchdeck()
        .args(["check", "--stats"])
        .arg(root().join("decks/social-media.sv.toml"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("status"));
}

/// A small deck with one measure and the given lines added to it.
fn small_deck(date: &str, measure: &str) -> String {
    format!(
        "[deck]\ntitle = \"Follow-up\"\n{date}\n[need]\nclaim = \"We need it.\"\n[risk]\nclaim = \"It may fail.\"\n[strategy]\nclaim = \"We start small.\"\n[ask]\nclaim = \"Decide today.\"\n[metrics]\nclaim = \"We measure replies.\"\nsince = 2027-01-01\n[[metrics.measure]]\nname = \"Replies\"\nbaseline = 5\ntarget = 80\nunit = \"%\"\nkind = \"quality\"\n{measure}\n"
    )
}

fn short(dir: &Path, text: &str) -> (Option<i32>, String) {
    short_in(dir, text, &[])
}

/// [`short`] with more arguments to `check` (`--lang sv`).
fn short_in(dir: &Path, text: &str, args: &[&str]) -> (Option<i32>, String) {
    let deck = dir.join("deck.toml");
    fs::write(&deck, text).unwrap();
    let out = pitchdeck()
        .args(["check", "--format", "short"])
        .args(args)
        .arg(&deck)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn the_check_knows_results() {
    let dir = tempfile::tempdir().unwrap();
    // After the deck's date, before since, out of order.
    let (code, out) = short(
        dir.path(),
        &small_deck(
            "date = 2027-06-01",
            "by = 2027-12-31\nresults = [{ date = 2027-03-01, value = 30 }, { date = 2026-12-01, value = 10 }, { date = 2027-07-01, value = 40 }]",
        ),
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("W123") && out.contains("is after the deck's date 2027-06-01"),
        "{out}"
    );
    assert!(
        out.contains("is before its baseline's date 2027-01-01"),
        "{out}"
    );
    assert!(
        out.contains("W124") && out.contains("2026-12-01 comes after 2027-03-01"),
        "{out}"
    );
    // Stale: the latest result is 92 days old.
    let (_, out) = short(
        dir.path(),
        &small_deck(
            "date = 2027-06-01",
            "by = 2027-12-31\nresults = [{ date = 2027-03-01, value = 30 }]",
        ),
    );
    assert!(
        out.contains("W125") && out.contains("92 days before"),
        "{out}"
    );
    let (_, out) = short(
        dir.path(),
        &small_deck(
            "date = 2027-06-01",
            "by = 2027-12-31\nresults = [{ date = 2027-03-03, value = 30 }]",
        ),
    );
    assert!(!out.contains("W125"), "90 days is recent enough: {out}");
    // Past its deadline with no result, in a deck with results: W126, not W115.
    let two = small_deck(
        "date = 2027-06-01",
        "by = 2027-12-31\nresults = [{ date = 2027-05-01, value = 30 }]\n[[metrics.measure]]\nname = \"Posts\"\nbaseline = 1\ntarget = 5\nby = 2027-04-30",
    );
    let (_, out) = short(dir.path(), &two);
    assert!(
        out.contains("W126") && out.contains("“Posts” was due 2027-04-30 and has no result"),
        "{out}"
    );
    assert!(!out.contains("W115"), "{out}");
    // A row of the results file is pointed at in that file.
    fs::write(
        dir.path().join("r.csv"),
        "measure,date,value\nReplies,2027-07-01,40\n",
    )
    .unwrap();
    let with_file = small_deck("date = 2027-06-01", "by = 2027-12-31").replace(
        "since = 2027-01-01",
        "since = 2027-01-01\nresults_file = \"r.csv\"",
    );
    let (_, out) = short(dir.path(), &with_file);
    assert!(out.contains("r.csv:2:1: warning[W123]"), "{out}");
}

#[test]
fn results_need_a_date_and_time_to_measure_over() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = short(
        dir.path(),
        &small_deck(
            "",
            "by = 2027-12-31\nresults = [{ date = 2027-03-01, value = 30 }]",
        ),
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("E004") && out.contains("`date`: results are measured against it"),
        "{out}"
    );
    let (code, out) = short(
        dir.path(),
        &small_deck(
            "date = 2027-06-01",
            "by = 2027-01-01\nresults = [{ date = 2027-03-01, value = 30 }]",
        ),
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("E006") && out.contains("there is no time to measure progress over"),
        "{out}"
    );
    // A result that is not { date, value }.
    let (code, out) = short(
        dir.path(),
        &small_deck(
            "date = 2027-06-01",
            "by = 2027-12-31\nresults = [{ date = 2027-03-01, valeu = 30 }]",
        ),
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("E002") && out.contains("unknown key `valeu`"),
        "{out}"
    );
    assert!(out.contains("E004"), "{out}");
}

#[test]
fn a_deck_without_baselines_shows_latest_values_and_no_status() {
    let dir = tempfile::tempdir().unwrap();
    let text = small_deck(
        "date = 2027-06-01",
        "by = 2027-12-31\nresults = [{ date = 2027-05-01, value = 30 }]",
    )
    .replace("baseline = 5\n", "")
    .replace("[check]", "");
    let deck = dir.path().join("deck.toml");
    fs::write(&deck, text).unwrap();
    let html = dir.path().join("deck.html");
    let o = build(&deck, &[], &html);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = fs::read_to_string(&html).unwrap();
    assert!(html.contains("The latest measured values."), "the heading");
    assert!(html.contains("30\u{a0}%<br><span class=\"when\">2027-05-01</span>"));
    assert!(html.contains("<td class=\"status\">–</td>"));
}

/// Every results diagnostic in both languages: the deck's own (English here)
/// and, with `--lang sv` or `lang = "sv"`, Swedish, each with its help.
#[test]
fn the_results_messages_follow_the_decks_language() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        (
            "date = 2027-06-01",
            "by = 2027-12-31\nresults = [{ date = 2027-03-01, value = 30 }, { date = 2026-12-01, value = 10 }, { date = 2027-07-01, value = 40 }]",
            &[
                "warning[W123]: the result of “Replies” from 2027-07-01 is after the deck's date 2027-06-01",
                "warning[W123]: the result of “Replies” from 2026-12-01 is before its baseline's date 2027-01-01",
                "warning[W124]: the results of “Replies” are not in date order: 2026-12-01 comes after 2027-03-01",
            ],
            &[
                "warning[W123]: resultatet för ”Replies” från 2027-07-01 ligger efter presentationens datum 2027-06-01",
                "warning[W123]: resultatet för ”Replies” från 2026-12-01 ligger före utgångslägets datum 2027-01-01",
                "warning[W124]: resultaten för ”Replies” står inte i datumordning: 2026-12-01 kommer efter 2027-03-01",
            ],
        ),
        (
            "date = 2027-06-01",
            "by = 2027-12-31\nresults = [{ date = 2027-03-01, value = 30 }]",
            &[
                "warning[W125]: the latest result of “Replies” is from 2027-03-01, 92 days before the deck's date",
            ],
            &[
                "warning[W125]: det senaste resultatet för ”Replies” är från 2027-03-01, 92 dagar före presentationens datum",
            ],
        ),
        (
            "date = 2027-06-01",
            "by = 2027-12-31\nresults = [{ date = 2027-05-01, value = 30 }]\n[[metrics.measure]]\nname = \"Posts\"\nbaseline = 1\ntarget = 5\nunit = \"posts\"\nby = 2027-04-30",
            &["warning[W126]: “Posts” was due 2027-04-30 and has no result"],
            &["warning[W126]: ”Posts” skulle vara klart 2027-04-30 och har inget resultat"],
        ),
        (
            "",
            "by = 2027-12-31\nresults = [{ date = 2027-03-01, value = 30 }]",
            &[
                "error[E004]: [deck] is missing the required key `date`: results are measured against it",
            ],
            &[
                "error[E004]: [deck] saknar den obligatoriska nyckeln `date`: resultaten mäts mot den",
            ],
        ),
        (
            "date = 2027-06-01",
            "by = 2027-01-01\nresults = [{ date = 2027-03-01, value = 30 }]",
            &[
                "error[E006]: the measure \"Replies\" has `by` = 2027-01-01 but its baseline is from 2027-01-01",
            ],
            &[
                "error[E006]: måttet ”Replies” har `by` = 2027-01-01 men utgångsläget är från 2027-01-01",
            ],
        ),
    ];
    for (date, measure, en, sv) in cases {
        let text = small_deck(date, measure);
        let (_, out_en) = short_in(dir.path(), &text, &[]);
        let (_, out_sv) = short_in(dir.path(), &text, &["--lang", "sv"]);
        // A Swedish deck gets the Swedish messages without `--lang`.
        let swedish = text.replacen("[deck]\n", "[deck]\nlang = \"sv\"\n", 1);
        let (_, out_deck_sv) = short_in(dir.path(), &swedish, &[]);
        for want in *en {
            assert!(out_en.contains(want), "{want}\n{out_en}");
        }
        for want in *sv {
            assert!(out_sv.contains(want), "{want}\n{out_sv}");
            assert!(out_deck_sv.contains(want), "{want}\n{out_deck_sv}");
        }
    }
    // The help lines too, with their figures.
    let text = small_deck(
        "date = 2027-06-01",
        "by = 2027-12-31\nresults = [{ date = 2027-03-01, value = 30 }]",
    );
    let help = |args: &[&str]| {
        let deck = dir.path().join("deck.toml");
        fs::write(&deck, &text).unwrap();
        let out = pitchdeck()
            .arg("check")
            .args(args)
            .arg(&deck)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let en = help(&[]);
    assert!(
        en.contains("= help: measure it again before the meeting: a status older than 90 days says little about today"),
        "{en}"
    );
    let sv = help(&["--lang", "sv"]);
    assert!(
        sv.contains("= help: mät igen före mötet: ett läge som är äldre än 90 dagar säger lite om hur det är i dag"),
        "{sv}"
    );
}
