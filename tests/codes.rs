//! The registry of diagnostic codes and the docs agree: every code is
//! explained where its `docs()` anchor points, and the docs list no code the
//! registry does not have.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use pitchdeck::diagnostic::Code;

fn docs(page: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(page)).expect(page)
}

/// GitHub's anchor of a Markdown heading.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn every_code_is_explained_under_its_anchor() {
    for code in Code::ALL {
        let link = code.docs();
        let (page, want) = link.split_once('#').expect("an anchor");
        let text = docs(page);
        let mut section = None;
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                section = Some(anchor(h));
            }
            let row = line.starts_with(&format!("| {code} |"))
                || line.starts_with(&format!("| [{code}]("))
                || line.starts_with(&format!("## {code} "));
            if row && section.as_deref() == Some(want) {
                section = Some("found".into());
                break;
            }
        }
        assert_eq!(
            section.as_deref(),
            Some("found"),
            "{code} is not explained under {link}"
        );
    }
}

#[test]
fn the_docs_list_no_code_the_registry_lacks() {
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for page in ["docs/diagnostics.md", "docs/checks.md"] {
        for line in docs(page).lines() {
            let Some(cell) = line.strip_prefix("| ") else {
                continue;
            };
            let cell = cell.trim_start_matches('[');
            let code = &cell[..cell.len().min(4)];
            let looks_like_code = code.len() == 4
                && code.starts_with(['E', 'W'])
                && code[1..].chars().all(|c| c.is_ascii_digit());
            if looks_like_code {
                assert!(known.contains(code), "{page} lists {code}, unknown");
            }
        }
    }
}
