//! The plain-language check, tested like a user meets it: a labelled corpus of
//! decks run through the real binary, readability counted by hand, the JSON
//! output, `--deny warnings`, `--stats`, and the docs kept in step with the rules.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use pitchdeck::check::readability::{self, Counts};
use serde_json::Value;

mod common;
use common::pitchdeck;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/check");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/fixtures/check")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    cases
}

/// The labels of a case: `# expect: W108 14` lines (code and line), or
/// `# expect: none` for a deck that must raise nothing.
fn expectations(text: &str, name: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut labelled = false;
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("# expect:") else {
            continue;
        };
        labelled = true;
        let rest = rest.trim();
        if rest == "none" {
            continue;
        }
        let mut parts = rest.split_whitespace();
        let code = parts.next().unwrap_or_default().to_string();
        let line: usize = parts
            .next()
            .and_then(|l| l.parse().ok())
            .unwrap_or_else(|| panic!("{name}: bad label `{line}`"));
        out.push((code, line));
    }
    assert!(labelled, "{name} has no `# expect:` line");
    out
}

/// What `pitchdeck check --format json` reports: (code, line) of each diagnostic.
fn reported(case: &Path) -> (Vec<(String, usize)>, Vec<Value>) {
    let out = pitchdeck()
        .current_dir(case.parent().expect("folder"))
        .args(["check", "--format", "json"])
        .arg(case.file_name().expect("name"))
        .output()
        .expect("run pitchdeck");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: stdout is not JSON ({e}):\n{}",
            case.display(),
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let items = json.as_array().expect("a JSON array").clone();
    let pairs = items
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0) as usize,
            )
        })
        .collect();
    (pairs, items)
}

fn tally(pairs: &[(String, usize)]) -> BTreeMap<(String, usize), usize> {
    let mut m = BTreeMap::new();
    for p in pairs {
        *m.entry(p.clone()).or_insert(0) += 1;
    }
    m
}

/// Every case raises exactly its labelled warnings: a missing one and an
/// unexpected one both fail, with the message of the unexpected one shown.
#[test]
fn corpus_raises_exactly_the_labelled_warnings() {
    let cases = corpus();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let mut clean = 0;
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(case).expect("read case");
        let expected = expectations(&text, &name);
        if expected.is_empty() {
            clean += 1;
        }
        let (got, items) = reported(case);
        let (want, have) = (tally(&expected), tally(&got));
        for (key, n) in &want {
            let m = have.get(key).copied().unwrap_or(0);
            if m < *n {
                failures.push(format!("{name}: missing {} at line {}", key.0, key.1));
            }
        }
        for (key, n) in &have {
            let m = want.get(key).copied().unwrap_or(0);
            if *n > m {
                let message = items
                    .iter()
                    .find(|d| d["code"] == key.0.as_str() && d["line"] == key.1)
                    .and_then(|d| d["message"].as_str())
                    .unwrap_or("");
                failures.push(format!(
                    "{name}: unexpected {} at line {}: {message}",
                    key.0, key.1
                ));
            }
        }
    }
    assert!(clean >= 5, "only {clean} clean cases");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The corpus covers every rule at least once.
#[test]
fn corpus_covers_every_rule() {
    let mut seen = std::collections::BTreeSet::new();
    for case in corpus() {
        let text = fs::read_to_string(&case).unwrap();
        for (code, _) in expectations(&text, &case.display().to_string()) {
            seen.insert(code);
        }
    }
    for rule in pitchdeck::check::RULES {
        assert!(seen.contains(rule.code), "no case for {}", rule.code);
    }
}

/// The example decks and both starter decks raise no warning at all.
#[test]
fn example_and_starter_decks_raise_no_warning() {
    let mut decks: Vec<PathBuf> = fs::read_dir(root().join("decks"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    decks.sort();
    let tmp = tempfile::tempdir().unwrap();
    for lang in ["en", "sv"] {
        let path = tmp.path().join(format!("starter.{lang}.toml"));
        pitchdeck()
            .args(["new", "--lang", lang])
            .arg(&path)
            .assert()
            .success();
        decks.push(path);
    }
    assert!(decks.len() >= 5, "expected 3 example decks and 2 starters");
    for deck in decks {
        let (got, items) = reported(&deck);
        assert!(
            got.is_empty(),
            "{} raises: {:#?}",
            deck.display(),
            items
                .iter()
                .map(|d| d["message"].clone())
                .collect::<Vec<_>>()
        );
    }
}

fn counts(text: &str) -> Counts {
    readability::count(text)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// LIX in English, counted by hand.
#[test]
fn lix_english_by_hand() {
    // "Customers ask about us in public every week. Most got no answer from us."
    // Words: Customers ask about us in public every week (8) + Most got no answer
    // from us (6) = 14. Sentences: 2. Long words (> 6 letters): Customers (9) = 1.
    // public, answer have 6 letters: not long.
    let c = counts("Customers ask about us in public every week. Most got no answer from us.");
    assert_eq!((c.words, c.sentences, c.long_words), (14, 2, 1));
    // LIX = 14 / 2 + 100 × 1 / 14 = 7 + 7.142857… = 14.142857…
    assert!(close(c.lix().unwrap(), 7.0 + 100.0 / 14.0));
}

/// LIX in Swedish: å ä ö are one letter each; "t.ex." is one word and no
/// sentence end; numbers are not words.
#[test]
fn lix_swedish_by_hand() {
    // "Förra månaden räknade vi 140 frågor, t.ex. på Facebook. Många fick inget svar."
    // Words: Förra månaden räknade vi frågor t.ex på Facebook (8; "140" is a
    // number) + Många fick inget svar (4) = 12. Sentences: 2 ("t.ex. på" goes on).
    // Long words: månaden (7 letters: m-å-n-a-d-e-n), räknade (7), Facebook (8) = 3.
    // Not long: frågor (6), Förra (5), Många (5); "t.ex" has 3 letters.
    let c =
        counts("Förra månaden räknade vi 140 frågor, t.ex. på Facebook. Många fick inget svar.");
    assert_eq!((c.words, c.sentences, c.long_words), (12, 2, 3));
    // LIX = 12 / 2 + 100 × 3 / 12 = 6 + 25 = 31.
    assert!(close(c.lix().unwrap(), 31.0));

    // Byte length must not matter: "påverkar" has 8 letters but 9 bytes,
    // "åtgärd" 6 letters and 8 bytes (not long).
    // Words: Vår åtgärd påverkar kunderna (4); long: påverkar, kunderna = 2; one sentence.
    let c = counts("Vår åtgärd påverkar kunderna");
    assert_eq!((c.words, c.sentences, c.long_words), (4, 1, 2));
    // LIX = 4 / 1 + 100 × 2 / 4 = 54.
    assert!(close(c.lix().unwrap(), 54.0));
}

/// A colon followed by a space ends a sentence; "10:30" does not.
#[test]
fn lix_counts_a_colon_as_a_sentence_end() {
    // "Vi börjar smått: lyssnar först. Mötet är kl. 10:30 i dag."
    // Sentences: "Vi börjar smått:" | "lyssnar först." | "Mötet är kl. 10:30 i dag." = 3.
    // Words: Vi börjar smått (3) + lyssnar först (2) + Mötet är kl i dag (5) = 10.
    // Long: lyssnar (7) = 1.
    let c = counts("Vi börjar smått: lyssnar först. Mötet är kl. 10:30 i dag.");
    assert_eq!((c.words, c.sentences, c.long_words), (10, 3, 1));
    // LIX = 10 / 3 + 100 × 1 / 10 = 3.333… + 10.
    assert!(close(c.lix().unwrap(), 10.0 / 3.0 + 10.0));
}

/// Flesch Reading Ease in English, with syllables counted by hand.
#[test]
fn flesch_english_by_hand() {
    // "The cat sat on the mat." 6 words, 1 sentence, 6 syllables.
    // FRE = 206.835 − 1.015 × 6 − 84.6 × 1 = 116.145
    let c = counts("The cat sat on the mat.");
    assert_eq!((c.words, c.sentences, c.syllables), (6, 1, 6));
    assert!(close(c.flesch().unwrap(), 206.835 - 1.015 * 6.0 - 84.6));

    // "Customers ask questions every day. We answer 80 % of them."
    // Syllables: cus-tom-ers 3, ask 1, ques-tions 2, ev-er-y 3, day 1 |
    // we 1, an-swer 2, of 1, them 1 = 15. Words: 5 + 4 = 9 ("80" is a number).
    // Sentences: 2.
    let c = counts("Customers ask questions every day. We answer 80 % of them.");
    assert_eq!((c.words, c.sentences, c.syllables), (9, 2, 15));
    // FRE = 206.835 − 1.015 × 9/2 − 84.6 × 15/9
    let expected = 206.835 - 1.015 * 4.5 - 84.6 * 15.0 / 9.0;
    assert!(close(c.flesch().unwrap(), expected));
    assert!((c.flesch().unwrap() - 61.2).abs() < 0.1);
}

/// An abbreviation with dots ("e.g.") does not end a sentence in English either.
#[test]
fn abbreviations_do_not_split_sentences() {
    // "We answer on two channels, e.g. Facebook and email." is one sentence of
    // 9 words: We answer on two channels e.g Facebook and email.
    let c = counts("We answer on two channels, e.g. Facebook and email.");
    assert_eq!((c.words, c.sentences), (9, 1));
}

/// No text, no index: a field of only numbers gives no LIX rather than a NaN.
#[test]
fn no_words_no_index() {
    let c = counts("140 — 2027-06-30");
    assert_eq!(c.words, 0);
    assert_eq!(c.lix(), None);
    assert_eq!(c.flesch(), None);
}

fn json_of(case: &str) -> (Option<i32>, Value) {
    let out = pitchdeck()
        .current_dir(root().join("tests/fixtures/check"))
        .args(["check", case, "--format", "json"])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (out.status.code(), v)
}

/// The JSON output parses, keeps its documented fields, and matches the snapshot.
#[test]
fn json_output_matches_snapshot() {
    let (code, v) = json_of("w108-jargon-en.toml");
    assert_eq!(code, Some(0));
    for d in v.as_array().unwrap() {
        let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "code",
                "column",
                "end_column",
                "end_line",
                "file",
                "help",
                "line",
                "message",
                "rule",
                "severity",
                "slide",
            ]
        );
    }
    insta::assert_json_snapshot!("json-jargon-en", v);
}

#[test]
fn deny_warnings_sets_the_exit_code() {
    let dir = root().join("tests/fixtures/check");
    let run = |args: &[&str]| {
        pitchdeck()
            .current_dir(&dir)
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    // Warnings alone: 0, and 1 under --deny warnings, for check and for build.
    assert_eq!(run(&["check", "w108-jargon-en.toml"]), Some(0));
    assert_eq!(
        run(&["check", "w108-jargon-en.toml", "--deny", "warnings"]),
        Some(1)
    );
    assert_eq!(
        run(&[
            "check",
            "w108-jargon-en.toml",
            "--format",
            "json",
            "--deny",
            "warnings"
        ]),
        Some(1)
    );
    // A clean deck passes under --deny warnings.
    assert_eq!(
        run(&["check", "clean-en.toml", "--deny", "warnings"]),
        Some(0)
    );
    // Errors are 1 either way.
    assert_eq!(run(&["check", "allow-unknown-rule.toml"]), Some(1));

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("deck.html");
    let build = |deny: bool| {
        let mut cmd = pitchdeck();
        cmd.current_dir(&dir)
            .args(["build", "w108-jargon-en.toml", "-o"])
            .arg(&out);
        if deny {
            cmd.args(["--deny", "warnings"]);
        }
        cmd.output().unwrap()
    };
    let denied = build(true);
    assert_eq!(denied.status.code(), Some(1));
    assert!(!out.exists(), "a denied build must not write the deck");
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert!(stderr.contains("warning[W108]"), "{stderr}");
    assert!(
        stderr.ends_with("error: 2 warnings denied by --deny warnings\n"),
        "{stderr}"
    );
    let built = build(false);
    assert_eq!(built.status.code(), Some(0));
    assert!(out.exists());
    assert!(String::from_utf8_lossy(&built.stderr).contains("warning[W108]"));
}

/// The human output: grouped by slide, the source line with a caret under the
/// exact word, a help line, and one summary line.
#[test]
fn human_output_groups_by_slide_with_one_summary() {
    let out = pitchdeck()
        .current_dir(root().join("tests/fixtures/check"))
        .args(["check", "many-warnings.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    insta::assert_snapshot!("human-many-warnings", stderr);
}

#[test]
fn stats_table_per_slide_with_totals_and_speaking_time() {
    let out = pitchdeck()
        .current_dir(root().join("tests/fixtures/check"))
        .args(["check", "clean-en.toml", "--stats"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    insta::assert_snapshot!("stats-clean-en", table);
    // Swedish decks have no Flesch column.
    let out = pitchdeck()
        .current_dir(root().join("tests/fixtures/check"))
        .args(["check", "clean-sv.toml", "--stats"])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(!table.contains("Flesch"), "{table}");
    assert!(table.contains("LIX"), "{table}");
    // --stats is a table for people: not with JSON.
    pitchdeck()
        .current_dir(root().join("tests/fixtures/check"))
        .args(["check", "clean-en.toml", "--stats", "--format", "json"])
        .assert()
        .code(2);
}

/// docs/checks.md documents every rule of the registry, and no other W1xx code.
#[test]
fn docs_list_every_rule() {
    let docs = fs::read_to_string(root().join("docs/checks.md")).expect("docs/checks.md");
    for rule in pitchdeck::check::RULES {
        let heading = format!("## {} {}", rule.code, rule.name);
        assert!(docs.contains(&heading), "docs/checks.md lacks `{heading}`");
    }
    for (i, _) in docs.match_indices("## W1") {
        let code = &docs[i + 3..i + 7];
        assert!(
            pitchdeck::check::rules::lookup(code).is_some(),
            "docs/checks.md documents unknown rule {code}"
        );
    }
}

/// Colours only on a terminal, and never with a non-empty NO_COLOR. A terminal
/// is faked with util-linux `script`; without it the test says so and passes.
#[test]
fn colours_only_on_a_terminal_and_never_with_no_color() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("note: `script` (util-linux) is missing; colour on a terminal not tested");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_pitchdeck");
    let on_terminal = |no_color: Option<&str>| {
        let mut cmd = std::process::Command::new("script");
        cmd.current_dir(root().join("tests/fixtures/check"))
            .args([
                "-qec",
                &format!("{bin} check many-warnings.toml"),
                "/dev/null",
            ])
            .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().expect("run script");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let coloured = on_terminal(None);
    assert!(
        coloured.contains("\x1b[1m\x1b[33mwarning[W116]"),
        "{coloured}"
    );
    assert!(coloured.contains("\x1b[1m── slide: need"), "{coloured}");
    let plain = on_terminal(Some("1"));
    assert!(plain.contains("warning[W116]"), "{plain}");
    assert!(!plain.contains('\x1b'), "{plain}");
    // An empty NO_COLOR does not count (no-color.org).
    assert!(on_terminal(Some("")).contains('\x1b'));
    // Not a terminal: no colour even without NO_COLOR.
    let piped = assert_cmd::Command::new(bin)
        .current_dir(root().join("tests/fixtures/check"))
        .env_remove("NO_COLOR")
        .args(["check", "many-warnings.toml"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&piped.stderr).contains('\x1b'));
}

/// The rule table in docs/checks.md is the registry, row for row.
#[test]
fn docs_rule_table_is_written_from_the_registry() {
    let docs = fs::read_to_string(root().join("docs/checks.md")).expect("docs/checks.md");
    let mut table = String::from("| code | name | what it catches |\n|---|---|---|\n");
    for r in pitchdeck::check::RULES {
        table.push_str(&format!(
            "| [{}](#{}-{}) | `{}` | {} |\n",
            r.code,
            r.code.to_lowercase(),
            r.name,
            r.name,
            r.summary
        ));
    }
    assert!(
        docs.contains(&table),
        "docs/checks.md must hold this table, as generated from the registry:\n{table}"
    );
}

proptest::proptest! {
    /// Any text: counting never panics, words lie inside the text on character
    /// boundaries and hold a letter, and the counts agree with each other.
    #[test]
    fn counting_any_text_is_consistent(text in "\\PC{0,200}") {
        let t = readability::tokenize(&text);
        let c = t.counts();
        // Masking addresses keeps every byte offset.
        proptest::prop_assert_eq!(t.text.len(), text.len());
        proptest::prop_assert!(c.long_words <= c.words);
        proptest::prop_assert!(c.sentences <= c.words);
        proptest::prop_assert_eq!(c.words == 0, c.lix().is_none());
        let mut total = 0;
        for s in 0..t.sentences {
            let r = t.sentence_words(s);
            proptest::prop_assert!(!r.is_empty());
            total += r.len();
        }
        proptest::prop_assert_eq!(total, c.words);
        for i in 0..t.words.len() {
            let w = t.word(i);
            proptest::prop_assert!(w.chars().any(char::is_alphabetic), "{:?}", w);
            proptest::prop_assert_eq!(t.text.get(t.words[i].range.clone()), Some(w));
        }
    }
}

fn corpus_of_issue_17() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/corpus");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/fixtures/corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    cases
}

/// The marks of a corpus deck: `# expect: W108 …` at the end of a line marks
/// that line; `# expect: W121 37` on a line of its own marks line 37;
/// `# expect: none` marks a clean deck.
fn inline_marks(text: &str, name: &str) -> Option<Vec<(String, usize)>> {
    let mut out = Vec::new();
    let mut clean = false;
    for (n, line) in text.lines().enumerate() {
        let Some(at) = line.find("# expect:") else {
            continue;
        };
        let rest = line[at + "# expect:".len()..].trim();
        if rest == "none" {
            clean = true;
            continue;
        }
        let own_line = line[..at].trim().is_empty();
        let parts: Vec<&str> = rest.split_whitespace().collect();
        if own_line {
            let line_no = parts
                .get(1)
                .and_then(|l| l.parse().ok())
                .unwrap_or_else(|| panic!("{name}: `{line}` needs a line number"));
            out.push((parts[0].to_string(), line_no));
        } else {
            for code in parts {
                assert!(
                    code.len() == 4 && code.starts_with('W'),
                    "{name}:{}: bad mark {code}",
                    n + 1
                );
                out.push((code.to_string(), n + 1));
            }
        }
    }
    assert!(
        clean == out.is_empty(),
        "{name}: a deck is either clean (`# expect: none`) or has marks"
    );
    (!clean).then_some(out)
}

/// Issue 17's corpus: decks written fresh the way users write, every problem
/// an editor would mark marked inline. At least 90 % of the marks must be
/// caught, and no clean deck may raise more than one warning. The figures are
/// printed (`cargo test --test check corpus_recall -- --nocapture`).
#[test]
fn corpus_recall_and_clean_decks() {
    let cases = corpus_of_issue_17();
    let (mut marked, mut caught) = (0, 0);
    let mut sv = 0;
    let mut missed = Vec::new();
    let mut clean_report = Vec::new();
    let mut too_many = Vec::new();
    let mut problem_decks = 0;
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(case).expect("read case");
        if text.contains("lang = \"sv\"") {
            sv += 1;
        }
        let (got, items) = reported(case);
        assert!(
            items.iter().all(|d| d["severity"] == "warning"),
            "{name} has errors: {items:#?}"
        );
        match inline_marks(&text, &name) {
            None => {
                clean_report.push(format!("{name}: {}", got.len()));
                if got.len() > 1 {
                    too_many.push(format!("{name}: {:#?}", items));
                }
            }
            Some(marks) => {
                problem_decks += 1;
                let mut have = tally(&got);
                for (code, line) in marks {
                    marked += 1;
                    match have.get_mut(&(code.clone(), line)) {
                        Some(n) if *n > 0 => {
                            *n -= 1;
                            caught += 1;
                        }
                        _ => missed.push(format!("{name}:{line} {code}")),
                    }
                }
            }
        }
    }
    let recall = 100.0 * caught as f64 / marked.max(1) as f64;
    println!(
        "issue 17 corpus: {problem_decks} decks with problems, {} clean, {sv} Swedish",
        clean_report.len()
    );
    println!("recall: {caught} of {marked} marked problems caught ({recall:.1} %)");
    println!("missed: {missed:?}");
    println!("warnings per clean deck: {}", clean_report.join(", "));
    assert!(
        problem_decks >= 20,
        "only {problem_decks} decks with problems"
    );
    assert!(
        clean_report.len() >= 6,
        "only {} clean decks",
        clean_report.len()
    );
    assert!(
        2 * sv >= cases.len(),
        "{sv} of {} decks are Swedish",
        cases.len()
    );
    assert!(
        recall >= 90.0,
        "recall {recall:.1} % < 90 %; missed: {missed:#?}"
    );
    assert!(
        too_many.is_empty(),
        "clean decks with more than one warning:\n{}",
        too_many.join("\n")
    );
}

fn json_in(case: &str, lang: Option<&str>) -> Vec<Value> {
    let mut cmd = pitchdeck();
    cmd.current_dir(root().join("tests/fixtures/check"))
        .args(["check", case, "--format", "json"]);
    if let Some(lang) = lang {
        cmd.args(["--lang", lang]);
    }
    let out = cmd.output().unwrap();
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("JSON on stdout")
        .as_array()
        .unwrap()
        .clone()
}

/// Messages come in the deck's language, and `--lang` switches them: the same
/// findings (code, line, column) in both, the words in the language asked for.
#[test]
fn messages_in_the_decks_language_and_by_lang() {
    let key = |d: &Value| (d["code"].clone(), d["line"].clone(), d["column"].clone());
    // A Swedish deck: Swedish by default, English with --lang en.
    let sv = json_in("w120-undated-promise.toml", None);
    let en = json_in("w120-undated-promise.toml", Some("en"));
    assert_eq!(sv.len(), 3);
    assert_eq!(
        sv.iter().map(key).collect::<Vec<_>>(),
        en.iter().map(key).collect::<Vec<_>>()
    );
    assert_eq!(
        sv[0]["message"],
        "”inom kort” i punkt 1 på bild 2 (need) lovar något utan datum"
    );
    assert_eq!(
        sv[0]["help"],
        "ange ett datum eller en månad i stället, t.ex. ”senast 31 mars” eller ”vecka 12”"
    );
    assert_eq!(
        en[0]["message"],
        "“inom kort” in point 1 on slide 2 (need) promises something without a date"
    );
    // An English deck: English by default, Swedish with --lang sv.
    let en = json_in("w122-empty-point.toml", None);
    let sv = json_in("w122-empty-point.toml", Some("sv"));
    assert_eq!(
        en.iter().map(key).collect::<Vec<_>>(),
        sv.iter().map(key).collect::<Vec<_>>()
    );
    assert_eq!(en[0]["message"], "point 2 on slide 2 (need) is empty");
    assert_eq!(sv[0]["message"], "punkt 2 på bild 2 (need) är tom");
    // Every message of a deck with many findings differs between the languages.
    let en = json_in("many-warnings.toml", None);
    let sv = json_in("many-warnings.toml", Some("sv"));
    assert_eq!(en.len(), sv.len());
    for (e, s) in en.iter().zip(&sv) {
        assert_eq!(key(e), key(s));
        assert_ne!(e["message"], s["message"], "{}", e["code"]);
        assert_ne!(e["help"], s["help"], "{}", e["code"]);
    }
    // `build` takes --lang too.
    let tmp = tempfile::tempdir().unwrap();
    let out = pitchdeck()
        .current_dir(root().join("tests/fixtures/check"))
        .args(["build", "w122-empty-point.toml", "--lang", "sv", "-o"])
        .arg(tmp.path().join("deck.html"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("punkt 2 på bild 2 (need) är tom"),
        "{stderr}"
    );
}

/// The report around the messages — the slide headers, the summary line, the
/// `--deny warnings` line, "no problems" — is in the deck's language too, from
/// the same tables, and `--lang` switches it.
#[test]
fn headers_and_summary_in_the_decks_language() {
    let tmp = tempfile::tempdir().unwrap();
    // A Swedish deck with a finding on a slide and one for the whole deck (no [ask]).
    let sv_deck = tmp.path().join("utan-ask.toml");
    fs::write(
        &sv_deck,
        "[deck]\ntitle = \"Svara kunderna där de finns\"\nlang = \"sv\"\ndate = 2026-12-01\n\n\
         [need]\nclaim = \"Kunder frågar om oss varje vecka.\"\n\
         points = [\"Vi svarar på frågorna inom kort\"]\n\n\
         [risk]\nclaim = \"Om vi tiger svarar andra åt oss.\"\n\n\
         [strategy]\nclaim = \"Vi svarar i chatten från januari.\"\n\n\
         [metrics]\nclaim = \"Om sex månader vet vi om det fungerar.\"\n\n\
         [[metrics.measure]]\nname = \"Frågor som får svar inom en dag\"\n\
         baseline = 10\ntarget = 80\nunit = \"%\"\nby = 2027-06-30\nkind = \"quality\"\n",
    )
    .unwrap();
    let human = |deck: &Path, extra: &[&str]| {
        let out = pitchdeck()
            .current_dir(tmp.path())
            .arg("check")
            .arg(deck)
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, sv) = human(&sv_deck, &[]);
    assert_eq!(code, Some(0), "{sv}");
    assert!(sv.contains("── bild: need ──"), "{sv}");
    assert!(sv.contains("── hela presentationen ──"), "{sv}");
    assert!(
        sv.ends_with("utan-ask.toml: 2 varningar på 1 bild\n"),
        "{sv}"
    );
    assert!(!sv.contains("slide:") && !sv.contains("warnings"), "{sv}");
    // --lang en: the same report in English.
    let (_, en) = human(&sv_deck, &["--lang", "en"]);
    assert!(en.contains("── slide: need ──"), "{en}");
    assert!(en.contains("── the whole deck ──"), "{en}");
    assert!(
        en.ends_with("utan-ask.toml: 2 warnings on 1 slide\n"),
        "{en}"
    );
    // --deny warnings says why it fails in the same language.
    let (code, denied) = human(&sv_deck, &["--deny", "warnings"]);
    assert_eq!(code, Some(1));
    assert!(
        denied.ends_with("error: 2 varningar räknas som fel med --deny warnings\n"),
        "{denied}"
    );
    // A Swedish fixture; an English deck, and the same in Swedish with --lang sv.
    let sv_fixture = root().join("tests/fixtures/check/w120-undated-promise.toml");
    let many = root().join("tests/fixtures/check/many-warnings.toml");
    let (_, en) = human(&many, &[]);
    assert!(en.contains("── slide: need ──"), "{en}");
    assert!(en.trim_end().ends_with(" slides"), "{en}");
    assert!(en.contains(" warnings on "), "{en}");
    assert!(!en.contains("bild") && !en.contains("varning"), "{en}");
    let (_, sv) = human(&many, &["--lang", "sv"]);
    assert!(sv.contains("── bild: need ──"), "{sv}");
    assert!(sv.trim_end().ends_with(" bilder"), "{sv}");
    assert!(sv.contains(" varningar på "), "{sv}");
    let (_, sv) = human(&sv_fixture, &[]);
    assert!(
        sv.ends_with("w120-undated-promise.toml: 3 varningar på 1 bild\n"),
        "{sv}"
    );
    // A clean deck: "no problems" / "inga problem".
    let (_, clean) = human(&root().join("tests/fixtures/check/clean-sv.toml"), &[]);
    assert!(clean.ends_with("clean-sv.toml: inga problem\n"), "{clean}");
    let (_, clean) = human(&root().join("tests/fixtures/check/clean-en.toml"), &[]);
    assert!(clean.ends_with("clean-en.toml: no problems\n"), "{clean}");
    // `build` reports the same way.
    let out = pitchdeck()
        .current_dir(tmp.path())
        .arg("build")
        .arg(&sv_deck)
        .arg("-o")
        .arg(tmp.path().join("deck.html"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("── bild: need ──"), "{stderr}");
    assert!(
        stderr.contains("utan-ask.toml: 2 varningar på 1 bild"),
        "{stderr}"
    );
}

/// Every rule in docs/checks.md shows an example in each language (issue 17):
/// its TOML block has a Swedish line (å, ä or ö, or a comment saying "Swedish")
/// and a line of TOML without Swedish letters.
#[test]
fn docs_give_every_rule_a_swedish_and_an_english_example() {
    let docs = fs::read_to_string(root().join("docs/checks.md")).expect("docs/checks.md");
    let swedish = |l: &str| l.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']) || l.contains("Swedish");
    for rule in pitchdeck::check::RULES {
        let heading = format!("## {} {}", rule.code, rule.name);
        let at = docs.find(&heading).expect("the rule is documented") + heading.len();
        let section = &docs[at..];
        let section = &section[..section.find("\n## ").unwrap_or(section.len())];
        let block = section
            .split_once("```toml\n")
            .and_then(|(_, rest)| rest.split_once("```"))
            .map(|(block, _)| block)
            .unwrap_or_else(|| panic!("{heading} has no TOML example"));
        assert!(block.lines().any(swedish), "{heading}: no Swedish example");
        assert!(
            block
                .lines()
                .any(|l| !l.trim_start().starts_with('#') && l.contains('=') && !swedish(l)),
            "{heading}: no English example"
        );
    }
}
