//! The Content-Security-Policy in a real browser. A test-only theme
//! (tests/fixtures/csp/unsafe-theme) prints the deck title without escaping it,
//! as an escaping bug would; the title carries a script element and an inline
//! event handler. Headless Chromium shows that the policy stops both while the
//! theme's own script (allowed by its hash) still runs, and that the same page
//! without the policy does run them, so the test can tell the difference.
//!
//! Needs /usr/bin/chromium (or `chromium` on PATH): without it the test fails
//! when `CI` is set and is skipped with a note otherwise.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from("/usr/bin/chromium"),
        PathBuf::from("/usr/bin/chromium-browser"),
    ];
    if let Some(found) = candidates.into_iter().find(|p| p.is_file()) {
        return Some(found);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

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
    let Some(chromium) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium is needed for the CSP test (CI is set)");
        }
        eprintln!("note: chromium not found; the CSP browser test is skipped");
        return;
    };
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
