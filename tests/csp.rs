//! The Content-Security-Policy in a real browser. A test-only theme
//! (tests/fixtures/csp/unsafe-theme) prints the deck title without escaping it,
//! as an escaping bug would; the title carries a script element and an inline
//! event handler. Headless Chromium shows that the policy stops both while the
//! theme's own script (allowed by its hash) still runs, and that the same page
//! without the policy does run them, so the test can tell the difference.
//!
//! Needs Chromium (tests/common finds it): without it the test fails when `CI`
//! is set and is skipped with a note otherwise.

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;

/// The DOM after the page's scripts ran, as headless Chromium serialises it.
fn dom_after_scripts(chromium: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The opening `<html …>` tag of a serialised DOM: where the scripts leave marks.
fn html_tag(dom: &str) -> &str {
    let start = dom.find("<html").expect("an html element");
    &dom[start..start + dom[start..].find('>').unwrap()]
}

#[test]
fn the_policy_blocks_a_script_that_escaped_escaping() {
    if !common::have(&["chromium"], "the CSP browser test") {
        return;
    }
    let chromium = common::chromium().expect("found by have()");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csp");
    let dir = tempfile::tempdir().unwrap();
    let with_policy = dir.path().join("with-policy.html");
    let built = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .env("NO_COLOR", "1")
        .arg("build")
        .arg(fixture.join("deck.toml"))
        .arg("-o")
        .arg(&with_policy)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let html = fs::read_to_string(&with_policy).unwrap();
    // The test theme really does leave the attack unescaped in the page.
    assert!(
        html.contains(
            "<script>document.documentElement.setAttribute('data-injected', 'script')</script>"
        ),
        "{html}"
    );
    assert!(
        html.contains(" onerror=\"document.documentElement"),
        "{html}"
    );

    // The same page without the policy: one line less.
    let meta_start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .expect("the CSP meta element");
    let meta_end = meta_start + html[meta_start..].find('>').unwrap() + 1;
    let without = format!("{}{}", &html[..meta_start], &html[meta_end..]);
    let without_policy = dir.path().join("without-policy.html");
    fs::write(&without_policy, without).unwrap();

    let open = dom_after_scripts(&chromium, &without_policy);
    let open = html_tag(&open);
    assert!(
        open.contains("data-injected=\"script\""),
        "without the policy the injected script should run: {open}"
    );
    assert!(
        open.contains("data-handler=\"ran\""),
        "without the policy the injected handler should run: {open}"
    );
    assert!(open.contains("data-theme-script=\"ran\""), "{open}");

    let guarded = dom_after_scripts(&chromium, &with_policy);
    let guarded = html_tag(&guarded);
    assert!(
        !guarded.contains("data-injected"),
        "the policy let the injected script run: {guarded}"
    );
    assert!(
        !guarded.contains("data-handler"),
        "the policy let the injected handler run: {guarded}"
    );
    // The theme's own script, allowed by its hash, still runs.
    assert!(
        guarded.contains("data-theme-script=\"ran\""),
        "the policy blocked the theme's own script: {guarded}"
    );
}
