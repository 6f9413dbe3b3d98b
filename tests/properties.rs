//! Property tests: whatever Unicode a user puts in any text field, the HTML
//! holds it only as text — the page's elements are the template's and the
//! Markdown renderer's, never the user's — and the PDF handout is a valid PDF
//! from which the text can be read back.

use std::collections::BTreeMap;
use std::path::Path;

use pitchdeck::{Theme, compile, html};
use proptest::prelude::*;

mod common;

/// A deck with `value` (as a TOML string) in the field `key`.
fn deck_with(field: &str, value: &str) -> String {
    let v = toml::Value::String(value.to_string()).to_string();
    let mut fields: BTreeMap<&str, String> = BTreeMap::new();
    for key in [
        "title", "subtitle", "author", "audience", "claim", "point", "evidence", "notes", "name",
        "unit", "why", "question", "answer",
    ] {
        fields.insert(key, "\"plain words\"".to_string());
    }
    fields.insert(field, v);
    let f = |k: &str| fields[k].clone();
    format!(
        "[deck]\ntitle = {}\nsubtitle = {}\nauthor = {}\naudience = {}\n\n\
         [need]\nclaim = {}\npoints = [{}]\nevidence = {}\nnotes = {}\n\n\
         [risk]\nclaim = \"Risk.\"\n\n[strategy]\nclaim = \"Strategy.\"\n\n\
         [metrics]\nclaim = \"Metrics.\"\n\n[[metrics.measure]]\nname = {}\nunit = {}\nwhy = {}\nbaseline = 1\ntarget = 2\nby = 2027-06-30\n\n\
         [[objection]]\nquestion = {}\nanswer = {}\n",
        f("title"),
        f("subtitle"),
        f("author"),
        f("audience"),
        f("claim"),
        f("point"),
        f("evidence"),
        f("notes"),
        f("name"),
        f("unit"),
        f("why"),
        f("question"),
        f("answer")
    )
}

/// Element names in the page, in order. Every user `<` is escaped, so each
/// literal `<` starts markup written by pitchdeck.
fn tags(page: &str) -> Vec<String> {
    page.match_indices('<')
        .map(|(i, _)| {
            page[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .collect()
}

/// Markup that Markdown in user text may legitimately produce.
fn is_inline_markup(tag: &str) -> bool {
    matches!(
        tag.trim_start_matches('/'),
        "em" | "strong" | "code" | "a" | "p" | "ul" | "ol" | "li"
    )
}

fn render(source: &str) -> Option<String> {
    let compiled = compile(source, Path::new("."));
    let lowered = compiled.lowered?;
    let theme = Theme::builtin("default").unwrap();
    Some(html::render(&lowered, &theme).unwrap())
}

/// How often each element occurs, leaving out what Markdown may add.
fn structural_tags(page: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for tag in tags(page).into_iter().filter(|t| !is_inline_markup(t)) {
        *counts.entry(tag).or_insert(0) += 1;
    }
    counts
}

const FIELDS: [&str; 13] = [
    "title", "subtitle", "author", "audience", "claim", "point", "evidence", "notes", "name",
    "unit", "why", "question", "answer",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn any_text_in_any_field_stays_text(
        field in proptest::sample::select(FIELDS.to_vec()),
        text in "(\\PC|[<>&\"'`\\[\\]()*_!#:/\\\\]|script|javascript:|</style>|</script>|on[a-z]+=){0,40}",
    ) {
        let baseline = render(&deck_with(field, "plain words")).expect("the baseline deck builds");
        // An empty or blank value is an error for required fields; that is fine too.
        if let Some(page) = render(&deck_with(field, &text)) {
            // An empty value may leave an element out; no value may add one.
            let allowed = structural_tags(&baseline);
            for (tag, n) in structural_tags(&page) {
                let max = allowed.get(&tag).copied().unwrap_or(0);
                prop_assert!(n <= max, "{} <{}> elements, the template makes {}", n, tag, max);
            }
            prop_assert_eq!(page.matches("<script").count(), 1);
            for href in page.split("href=\"").skip(1) {
                let target = href.split('"').next().unwrap_or_default().to_ascii_lowercase();
                prop_assert!(
                    target.starts_with("http://") || target.starts_with("https://") || target.starts_with("mailto:"),
                    "unsafe href {:?}", target
                );
            }
        }
    }
}

/// Whether qpdf and pdftotext are here; under CI their absence is a failure.
fn pdf_tools() -> bool {
    common::have(&["qpdf", "pdftotext"], "the PDF property tests")
}

/// The handout of `source`, written to a temporary file, or `None` when the
/// deck does not compile (an empty required field, say).
fn handout(source: &str) -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let compiled = compile(source, Path::new("."));
    let lowered = compiled.lowered?;
    let theme = Theme::builtin("default").unwrap();
    let out = pitchdeck::pdf::render(&lowered, &theme, &pitchdeck::pdf::Options::default())
        .expect("a deck that compiles makes a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.pdf");
    std::fs::write(&path, out.bytes).unwrap();
    Some((dir, path))
}

fn qpdf_accepts(path: &Path) -> bool {
    std::process::Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .unwrap()
        .status
        .success()
}

fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Fields whose text the handout prints.
const PRINTED: [&str; 8] = [
    "title", "claim", "point", "evidence", "notes", "name", "question", "answer",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    /// Any Unicode in any field: the handout is a PDF that qpdf accepts
    /// (characters the font lacks are drawn as a visible stand-in, W201).
    #[test]
    fn any_text_in_any_field_makes_a_valid_pdf(
        field in proptest::sample::select(FIELDS.to_vec()),
        text in "\\PC{0,40}",
    ) {
        if !pdf_tools() {
            return Ok(());
        }
        if let Some((_dir, path)) = handout(&deck_with(field, &text)) {
            prop_assert!(qpdf_accepts(&path), "qpdf --check failed for {:?} in {}", text, field);
            // It reads back as text.
            prop_assert!(pdf_text(&path).contains("plain words"));
        }
    }

    /// Words the font covers (Swedish letters and typographic punctuation
    /// included) can be extracted from the handout exactly.
    #[test]
    fn words_the_font_covers_are_extractable(
        field in proptest::sample::select(PRINTED.to_vec()),
        words in proptest::collection::vec("[a-zA-ZåäöÅÄÖéü0-9]{1,12}[,;“”–—’]?", 1..8),
    ) {
        if !pdf_tools() {
            return Ok(());
        }
        let text = words.join(" ");
        let (_dir, path) = handout(&deck_with(field, &text)).expect("the deck builds");
        prop_assert!(qpdf_accepts(&path));
        let extracted = pdf_text(&path);
        // A dash is a break opportunity on both sides (UAX #14, class B2), so
        // "AaA—" may end one line as "AaA" and start the next with "—": the
        // text layer is compared with its line breaks taken out.
        let joined = extracted.replace('\n', "");
        for word in &words {
            prop_assert!(joined.contains(word.as_str()), "{:?} not in the PDF text:\n{}", word, extracted);
        }
    }
}
