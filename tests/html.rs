//! What the HTML deck contains: user text only ever as text, and snapshots of
//! the example decks.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::pitchdeck;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build_html(deck: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.html");
    pitchdeck()
        .arg("build")
        .arg(deck)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    fs::read_to_string(out).unwrap()
}

#[test]
fn every_attack_in_every_field_comes_out_inert() {
    let html = build_html(&root().join("tests/fixtures/escaping/deck.toml"));
    let lower = html.to_lowercase();
    // Only the theme's own elements: one <style>, one <script>.
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "a script element was injected"
    );
    assert_eq!(
        lower.matches("</script").count(),
        1,
        "a script was closed early"
    );
    assert_eq!(
        lower.matches("<style").count(),
        1,
        "a style element was injected"
    );
    assert_eq!(
        lower.matches("</style").count(),
        1,
        "the style element was closed early"
    );
    for tag in [
        "<img src=x",
        "<iframe",
        "<object",
        "<marquee",
        "<svg onload",
        "<b>raw",
        "<u>",
        "<a href='",
    ] {
        assert!(!lower.contains(tag), "raw markup {tag} reached the page");
    }
    // No attribute was broken out of.
    for attack in ["\" onmouseover=\"", "' onfocus='"] {
        assert!(
            !html.contains(attack),
            "attribute injection {attack:?} reached the page"
        );
    }
    // Only http, https and mailto links survive.
    for href in lower.split("href=\"").skip(1) {
        let target = href.split('"').next().unwrap_or_default();
        assert!(
            target.starts_with("http://")
                || target.starts_with("https://")
                || target.starts_with("mailto:"),
            "unsafe link target {target:?}"
        );
    }
    assert!(
        !lower.contains("javascript:alert('point')\""),
        "javascript: link kept"
    );
    // The user's text is still there, shown as text.
    for shown in [
        "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;",
        "&lt;b&gt;raw&lt;/b&gt;",
        "&lt;img src=x onerror=alert(&#39;summary&#39;)&gt;",
        "&quot; onmouseover=&quot;alert(1)",
        "&lt;style&gt;body{display:none}&lt;/style&gt;",
        // Markdown reads entity references, so &lt; shows as "<" — as text.
        "&lt;already escaped&gt; &amp; &lt;![CDATA[x]]&gt;",
        "alt=\"&quot;&gt;&lt;script&gt;alert(&quot;alt&quot;)&lt;/script&gt;\"",
    ] {
        assert!(html.contains(shown), "expected {shown:?} shown as text");
    }
}

#[test]
fn unsafe_links_and_markdown_images_are_reported_when_building() {
    let out = pitchdeck()
        .arg("check")
        .arg(root().join("tests/fixtures/escaping/deck.toml"))
        .args(["--format", "short"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("W002]: link to `javascript:alert('point')`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("W002]: link to `data:text/html;base64,PHNjcmlwdD4=`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("W002]: link to `vbscript:msgbox`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("W003]: Markdown image `https://evil.example/x.png`"),
        "{stderr}"
    );
}

/// Replaces base64 payloads (fonts, images) by their length, so snapshots stay readable.
fn redact_data_uris(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(";base64,") {
        out.push_str(&rest[..i + 8]);
        let after = &rest[i + 8..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='))
            .unwrap_or(after.len());
        out.push_str(&format!("<{end} base64 chars>"));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Replaces the theme's inlined CSS and script by a marker: the snapshots are
/// about the deck's structure and text, not the theme's code.
fn redact_theme_code(html: &str) -> String {
    let mut out = html.to_string();
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        if let (Some(a), Some(b)) = (out.find(open), out.find(close))
            && a < b
        {
            out.replace_range(a + open.len()..b, "\n(theme code)\n");
        }
    }
    out
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

#[test]
fn example_decks_html_snapshots() {
    let decks = example_decks();
    assert!(decks.len() >= 3, "expected at least three example decks");
    for deck in decks {
        let name = deck.file_stem().unwrap().to_string_lossy().to_string();
        let html = build_html(&deck);
        insta::assert_snapshot!(
            format!("deck__{name}"),
            redact_data_uris(&redact_theme_code(&html))
        );
    }
}

/// Clean, said in the deck's language ("inga problem" for a Swedish deck).
#[test]
fn example_decks_check_clean() {
    for deck in example_decks() {
        let swedish = deck.to_string_lossy().ends_with(".sv.toml");
        pitchdeck()
            .arg("check")
            .arg(&deck)
            .assert()
            .code(0)
            .stderr(predicates::str::ends_with(if swedish {
                "inga problem\n"
            } else {
                "no problems\n"
            }));
    }
}

#[test]
fn the_content_security_policy_allows_only_the_deck_script() {
    for deck in example_decks() {
        let html = build_html(&deck);
        let csp_start = html
            .find("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .expect("a CSP meta element");
        let head_script = html.find("<script").unwrap();
        assert!(
            csp_start < html.find("<style").unwrap() && csp_start < head_script,
            "the policy must come first"
        );
        let content = &html[csp_start..];
        let content = &content[content.find("content=\"").unwrap() + 9..];
        let policy = content[..content.find('"').unwrap()].replace("&#39;", "'");
        let script_body = &html[head_script + "<script>".len()..html.find("</script>").unwrap()];
        assert_eq!(
            policy,
            pitchdeck::html::content_security_policy(&[script_body])
        );
        assert!(
            policy.starts_with("default-src 'none'; img-src data:; font-src data:;"),
            "{policy}"
        );
        assert!(
            !policy.contains("unsafe-eval") && !policy.contains("script-src 'unsafe-inline'"),
            "{policy}"
        );
    }
}
