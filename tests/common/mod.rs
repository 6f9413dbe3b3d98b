//! Shared by the integration tests: the real binary, and the outside tools some
//! tests need.
//!
//! A test that needs a tool asks `have`: when the tool is missing it is skipped
//! with a note naming the Debian packages to install, or fails when `CI` is
//! set. The npm tools (playwright-core, axe-core, vnu-jar, Taplo) install
//! themselves: the first test that needs them runs `npm ci --ignore-scripts`
//! into the project, once, when `node_modules` lacks them.

// Each test binary uses its own part of this file.
#![allow(dead_code)]

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use assert_cmd::Command;

/// The real binary, without colours and without the write-failure test hook
/// (a test that wants it sets `PITCHDECK_FAIL_AT` itself).
pub fn pitchdeck() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitchdeck"));
    cmd.env("NO_COLOR", "1").env_remove("PITCHDECK_FAIL_AT");
    cmd
}

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn ci() -> bool {
    std::env::var_os("CI").is_some()
}

/// Every outside program a test runs, and the Debian/Ubuntu package it comes in.
const TOOLS: [(&str, &str); 15] = [
    ("pdfua", "pdfua (PyPI: pip install pdfua)"),
    ("chromium", "chromium"),
    ("pdftotext", "poppler-utils"),
    ("pdffonts", "poppler-utils"),
    ("pdfinfo", "poppler-utils"),
    ("pdfimages", "poppler-utils"),
    ("qpdf", "qpdf"),
    ("java", "default-jre-headless"),
    ("node", "nodejs"),
    ("npm", "npm"),
    ("man", "man-db"),
    ("bash", "bash"),
    ("zsh", "zsh"),
    ("soffice", "libreoffice-impress"),
    ("python3", "python3"),
];

/// A note on the terminal even when the test passes: written to the process's
/// stderr, which the test harness does not capture (it captures `eprintln!`).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "note: {text}");
}

/// Debian's Noto fonts, the system fonts the PDF falls back to in the tests:
/// `fonts-noto-cjk` (Chinese, Japanese, Korean) and `fonts-noto-core`
/// (Arabic, Hebrew, symbols). Missing: the test fails under `CI`, else the
/// part that needs them is skipped with a note.
pub fn have_noto(what: &str) -> bool {
    let files = [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    ];
    if files.iter().all(|f| Path::new(f).is_file()) {
        return true;
    }
    assert!(
        !ci(),
        "{what} needs Debian's fonts-noto-cjk and fonts-noto-core (.ci/run installs them)"
    );
    note(&format!(
        "skipping {what}: install fonts-noto-cjk and fonts-noto-core (apt-get install fonts-noto-cjk fonts-noto-core)"
    ));
    false
}

/// An executable called `name` on PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Chromium: `$CHROMIUM`, /usr/bin/chromium, or `chromium`/`chromium-browser` on PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    [
        PathBuf::from("/usr/bin/chromium"),
        PathBuf::from("/usr/bin/chromium-browser"),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .or_else(|| on_path("chromium"))
    .or_else(|| on_path("chromium-browser"))
}

fn found(tool: &str) -> bool {
    match tool {
        "chromium" => chromium().is_some(),
        _ => on_path(tool).is_some(),
    }
}

/// The packages of every tool in `tools` that is missing here, in order, once each.
fn packages_missing(tools: &[&str]) -> Vec<&'static str> {
    let mut packages: Vec<&'static str> = Vec::new();
    for (tool, package) in TOOLS {
        if tools.contains(&tool) && !found(tool) && !packages.contains(&package) {
            packages.push(package);
        }
    }
    packages
}

/// Whether every tool `what` needs is here. When one is missing: under `CI` the
/// test fails; otherwise it is skipped with a note (once per test binary and
/// set of packages) that names the packages and the command to install them.
pub fn have(tools: &[&str], what: &str) -> bool {
    for tool in tools {
        assert!(
            TOOLS.iter().any(|(t, _)| t == tool),
            "{tool} is not in tests/common's list of tools"
        );
    }
    let missing = packages_missing(tools);
    if missing.is_empty() {
        return true;
    }
    let every: Vec<&str> = TOOLS.iter().map(|(t, _)| *t).collect();
    let all_missing = packages_missing(&every);
    let message = format!(
        "{what} need {}, which this machine lacks (Debian/Ubuntu: {}). To run every test, \
         install what is missing: sudo apt-get install {}",
        tools
            .iter()
            .filter(|t| !found(t))
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        missing.join(" "),
        all_missing.join(" ")
    );
    if ci() {
        panic!("{message} (CI is set, so this fails rather than skips)");
    }
    static SAID: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    let key = missing.join(" ");
    if !said.contains(&key) {
        note(&format!("skipping: {message}"));
        said.push(key);
    }
    false
}

/// The packages package.json asks for.
fn npm_packages() -> Vec<String> {
    let text = fs::read_to_string(root().join("package.json")).expect("package.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("package.json is JSON");
    json["devDependencies"]
        .as_object()
        .expect("devDependencies in package.json")
        .keys()
        .cloned()
        .collect()
}

fn npm_installed() -> bool {
    npm_packages().iter().all(|p| {
        root()
            .join("node_modules")
            .join(p)
            .join("package.json")
            .is_file()
    })
}

/// The project's `node_modules` with every package of package.json, installed
/// by `npm ci --ignore-scripts` (pinned by package-lock.json) the first time a
/// test needs it. `None` when Node or npm is missing (see `have`) or, outside
/// CI, when the install failed; the note says why.
pub fn npm_tools(what: &str) -> Option<PathBuf> {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    if !have(&["node", "npm"], what) {
        return None;
    }
    match INSTALLED.get_or_init(install_npm_tools) {
        Ok(()) => Some(root().join("node_modules")),
        Err(e) if ci() => panic!("{e} (CI is set, so this fails)"),
        Err(e) => {
            note(&format!("skipping {what}: {e}"));
            None
        }
    }
}

/// The lock that keeps test binaries running at once (cargo nextest, two
/// `cargo test`s) from installing over each other: a folder, made atomically,
/// holding the installer's process id. A lock whose process is gone, or older
/// than ten minutes, is stale and taken over.
struct InstallLock(PathBuf);

impl InstallLock {
    fn take(path: &Path) -> Result<InstallLock, String> {
        let started = Instant::now();
        loop {
            match fs::create_dir(path) {
                Ok(()) => {
                    let _ = fs::write(path.join("pid"), std::process::id().to_string());
                    return Ok(InstallLock(path.to_path_buf()));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if Self::stale(path) {
                        let _ = fs::remove_dir_all(path);
                        continue;
                    }
                    if started.elapsed() > Duration::from_secs(900) {
                        return Err(format!(
                            "{} has been held for 15 minutes; remove it if no test is running",
                            path.display()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(500));
                }
                Err(e) => return Err(format!("could not make {}: {e}", path.display())),
            }
        }
    }

    fn stale(path: &Path) -> bool {
        let pid = fs::read_to_string(path.join("pid")).unwrap_or_default();
        let gone = Path::new("/proc/self").exists()
            && !pid.trim().is_empty()
            && !Path::new("/proc").join(pid.trim()).exists();
        let old = fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > Duration::from_secs(600));
        gone || old
    }
}

impl Drop for InstallLock {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs `npm ci` in a folder beside the project and moves the finished
/// `node_modules` into place, so an interrupted install never leaves a
/// half-filled one that looks installed.
fn install_npm_tools() -> Result<(), String> {
    if npm_installed() {
        return Ok(());
    }
    let lock = InstallLock::take(&root().join(".npm-ci.lock"))?;
    // Another test binary may have installed them while this one waited.
    if npm_installed() {
        return Ok(());
    }
    let stage = lock.0.join("stage");
    fs::create_dir_all(&stage).map_err(|e| format!("could not make {}: {e}", stage.display()))?;
    for file in ["package.json", "package-lock.json"] {
        fs::copy(root().join(file), stage.join(file))
            .map_err(|e| format!("could not copy {file}: {e}"))?;
    }
    note(
        "installing the test tools of package-lock.json (playwright-core, axe-core, vnu-jar, \
         Taplo) into node_modules with `npm ci --ignore-scripts`; this happens once",
    );
    let started = Instant::now();
    let out = std::process::Command::new("npm")
        .current_dir(&stage)
        .args([
            "ci",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ])
        .output()
        .map_err(|e| format!("could not run npm: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`npm ci --ignore-scripts` failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim_end()
        ));
    }
    let target = root().join("node_modules");
    if target.exists() {
        // An older or partial install: out of the way first.
        let old = lock.0.join("old");
        fs::rename(&target, &old)
            .map_err(|e| format!("could not move the old node_modules away: {e}"))?;
    }
    fs::rename(stage.join("node_modules"), &target)
        .map_err(|e| format!("could not move node_modules into place: {e}"))?;
    note(&format!(
        "installed the npm test tools in {:.0}s",
        started.elapsed().as_secs_f32()
    ));
    drop(lock);
    if npm_installed() {
        Ok(())
    } else {
        Err("npm ci finished but node_modules lacks a package of package.json".to_string())
    }
}
