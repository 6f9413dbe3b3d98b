//! `pitchdeck watch` through the real binary: it serves the deck on 127.0.0.1,
//! rebuilds on a save, keeps the last good deck (and exposes the errors) when
//! a save breaks it, answers on loopback only, and stops cleanly on Ctrl-C.
//!
//! Waits are bounded generously (a slow CI machine, a debug build); they are
//! not speed assertions.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const BOUND: Duration = Duration::from_secs(60);

/// A running `pitchdeck watch`, killed if the test ends early.
struct Watch {
    child: Child,
    port: u16,
    stdout: mpsc::Receiver<String>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
            .current_dir(dir)
            .args(["watch", "deck.toml"])
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let port = loop {
            let line = rx
                .recv_timeout(BOUND.saturating_sub(started.elapsed()))
                .expect("watch did not print its address in time");
            if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse::<u16>().unwrap();
            }
        };
        Watch {
            child,
            port,
            stdout: rx,
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(
            SocketAddr::from(([127, 0, 0, 1], self.port)),
            path,
            &format!("127.0.0.1:{}", self.port),
        )
        .unwrap()
    }

    /// Fetches `path` until `test` holds for the body, or panics after BOUND.
    fn wait_for(&self, path: &str, what: &str, test: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if status == 200 && test(&body) {
                return body;
            }
            assert!(started.elapsed() < BOUND, "waited too long for {what}");
            thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A plain HTTP/1.1 GET; the status code and body.
fn get(addr: SocketAddr, path: &str, host: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(40)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let text = String::from_utf8_lossy(&response).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

fn new_deck(dir: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(dir)
        .args(["new", "deck.toml"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A 1×1 PNG of one colour.
fn png(rgb: [u8; 3]) -> Vec<u8> {
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &d in data {
            a = (a + u32::from(d)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let raw = [0, rgb[0], rgb[1], rgb[2]];
    let mut zlib = vec![0x78, 0x01, 1, 4, 0, 0xfb, 0xff];
    zlib.extend(raw);
    zlib.extend(adler(&raw).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn status_of(w: &Watch) -> serde_json::Value {
    let (code, body) = w.get("/__pitchdeck/status?since=0");
    assert_eq!(code, 200);
    serde_json::from_str(&body).unwrap()
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_deck_on_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    new_deck(dir);
    let deck = dir.join("deck.toml");
    fs::write(dir.join("chart.png"), png([255, 0, 0])).unwrap();
    edit(
        &deck,
        "evidence = \"Count of public mentions, October\"",
        "evidence = \"Count of public mentions, October\"\nimage = \"chart.png\"\nimage_alt = \"Mentions per week\"",
    );
    let w = Watch::start(dir, &[]);

    // The first build is served, with the reload script; the file on disk is
    // exactly what `build` writes, without it.
    let page = w.wait_for("/", "the first page", |b| {
        b.contains("Our customers want answers where they already are")
    });
    assert!(page.contains("<script id=\"pitchdeck-watch\""));
    let written = fs::read_to_string(dir.join("deck.html")).unwrap();
    assert!(!written.contains("pitchdeck-watch"));
    let status = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(dir)
        .args(["build", "deck.toml", "-o", "built.html"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(written, fs::read_to_string(dir.join("built.html")).unwrap());

    // A save shows up in the served page.
    edit(
        &deck,
        "title = \"Our customers",
        "title = \"All our customers",
    );
    w.wait_for("/", "the edited title", |b| {
        b.contains("All our customers want answers")
    });

    // So does a new version of an image the deck uses.
    use base64::Engine as _;
    let green = base64::engine::general_purpose::STANDARD.encode(png([0, 160, 0]));
    fs::write(dir.join("chart.png"), png([0, 160, 0])).unwrap();
    w.wait_for("/", "the new image", |b| b.contains(&green));

    // A save that breaks the deck: the errors are exposed, the last good deck
    // stays served.
    let good = status_of(&w)["good"].as_u64().unwrap();
    edit(
        &deck,
        "\nclaim = \"Customers ask",
        "\nclaimm = \"Customers ask",
    );
    let started = Instant::now();
    let errors = loop {
        let s = status_of(&w);
        if let Some(e) = s["errors"].as_str() {
            assert_eq!(s["good"].as_u64(), Some(good), "no new good build");
            break e.to_string();
        }
        assert!(started.elapsed() < BOUND, "the errors never showed");
        thread::sleep(Duration::from_millis(100));
    };
    assert!(
        errors.contains("error[E002]: unknown key `claimm` in [need]"),
        "{errors}"
    );
    assert!(errors.contains("deck.toml:"), "{errors}");
    let (_, page) = w.get("/");
    assert!(page.contains("All our customers want answers"));
    assert!(page.contains(&green));
    assert!(!written.contains("claimm"));

    // Fixed again: a new good build, no errors.
    edit(
        &deck,
        "\nclaimm = \"Customers ask",
        "\nclaim = \"Most customers ask",
    );
    w.wait_for("/", "the fixed deck", |b| b.contains("Most customers ask"));
    assert_eq!(status_of(&w)["errors"], serde_json::Value::Null);

    // An edit to a file the deck does not use changes nothing.
    let before = status_of(&w)["version"].as_u64().unwrap();
    fs::write(dir.join("notes.txt"), "unrelated").unwrap();
    thread::sleep(Duration::from_millis(800));
    assert_eq!(status_of(&w)["version"].as_u64(), Some(before));
}

/// A deck whose theme is a folder: an edit to any file in it is a rebuild,
/// and a broken template is shown like a broken deck.
#[test]
fn watch_rebuilds_when_a_theme_file_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    new_deck(dir);
    let status = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(dir)
        .args(["theme", "export", "contrast", "mine"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    edit(
        &dir.join("deck.toml"),
        "lang = \"en\"",
        "lang = \"en\"\ntheme = \"mine\"",
    );
    let w = Watch::start(dir, &[]);
    w.wait_for("/", "the theme's colours", |b| b.contains("--bg:#0b0d10;"));

    let css = dir.join("mine/theme.css");
    let mut rules = fs::read_to_string(&css).unwrap();
    rules.push_str(".claim { letter-spacing: 0.02em; }\n");
    fs::write(&css, rules).unwrap();
    w.wait_for("/", "the edited stylesheet", |b| {
        b.contains(".claim { letter-spacing: 0.02em; }")
    });

    let template = dir.join("mine/deck.html");
    let good = fs::read_to_string(&template).unwrap();
    fs::write(&template, "{% if %}\n").unwrap();
    let started = Instant::now();
    let errors = loop {
        if let Some(e) = status_of(&w)["errors"].as_str() {
            break e.to_string();
        }
        assert!(started.elapsed() < BOUND, "the template error never showed");
        thread::sleep(Duration::from_millis(100));
    };
    assert!(errors.contains("deck.html:1:7"), "{errors}");
    assert!(w.get("/").1.contains("letter-spacing: 0.02em"));
    fs::write(&template, good).unwrap();
    let started = Instant::now();
    while !status_of(&w)["errors"].is_null() {
        assert!(
            started.elapsed() < BOUND,
            "the fixed template was not picked up"
        );
        thread::sleep(Duration::from_millis(100));
    }
}

/// The status endpoint holds a request until there is news: a page waiting on
/// it hears of a save without polling.
#[test]
fn the_status_request_waits_for_the_next_build() {
    let tmp = tempfile::tempdir().unwrap();
    new_deck(tmp.path());
    let w = Watch::start(tmp.path(), &[]);
    let version = status_of(&w)["version"].as_u64().unwrap();
    let port = w.port;
    let waiting = thread::spawn(move || {
        get(
            SocketAddr::from(([127, 0, 0, 1], port)),
            &format!("/__pitchdeck/status?since={version}"),
            &format!("127.0.0.1:{port}"),
        )
        .unwrap()
    });
    thread::sleep(Duration::from_millis(500));
    assert!(!waiting.is_finished(), "answered before anything changed");
    edit(
        &tmp.path().join("deck.toml"),
        "minutes = 10",
        "minutes = 12",
    );
    let (code, body) = waiting.join().unwrap();
    assert_eq!(code, 200);
    let s: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(s["version"].as_u64().unwrap() > version, "{body}");
}

/// An address of this machine that is not loopback, if it has one.
fn outward_address() -> Option<std::net::IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    // Connecting a UDP socket sends nothing; it only picks the interface.
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn watch_answers_on_127_0_0_1_only() {
    let tmp = tempfile::tempdir().unwrap();
    new_deck(tmp.path());
    let port = {
        let probe = TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let w = Watch::start(tmp.path(), &["--port", &port.to_string()]);
    assert_eq!(w.port, port, "--port is honoured");
    assert_eq!(w.get("/").0, 200);

    let refused =
        |addr: SocketAddr| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err();
    assert!(
        refused(SocketAddr::from(([0, 0, 0, 0, 0, 0, 0, 1], port))),
        "[::1]"
    );
    if cfg!(target_os = "linux") {
        // All of 127/8 is loopback on Linux: a server bound to 0.0.0.0 would
        // answer here; one bound to 127.0.0.1 does not.
        assert!(
            refused(SocketAddr::from(([127, 0, 0, 2], port))),
            "127.0.0.2"
        );
    }
    if let Some(ip) = outward_address() {
        assert!(refused(SocketAddr::new(ip, port)), "{ip}");
    }

    // Another site's page cannot read it through a DNS name (rebinding).
    let (code, _) = get(
        SocketAddr::from(([127, 0, 0, 1], port)),
        "/",
        &format!("attacker.example:{port}"),
    )
    .unwrap();
    assert_eq!(code, 403);
    let (code, _) = get(
        SocketAddr::from(([127, 0, 0, 1], port)),
        "/",
        &format!("localhost:{port}"),
    )
    .unwrap();
    assert_eq!(code, 200);
    assert_eq!(w.get("/elsewhere").0, 404);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_watch_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    new_deck(tmp.path());
    let mut w = Watch::start(tmp.path(), &[]);
    let pid = w.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = w.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < BOUND, "watch did not stop on Ctrl-C");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let said: Vec<String> = w.stdout.try_iter().collect();
    assert!(
        said.iter().any(|l| l == "stopped watching deck.toml"),
        "{said:?}"
    );
}

#[test]
fn watch_refuses_a_missing_deck_and_an_unknown_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(tmp.path())
        .args(["watch", "nope.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.toml: no such file"));

    new_deck(tmp.path());
    let out = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(tmp.path())
        .args(["watch", "deck.toml", "--theme", "neon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("neon` is neither a built-in theme"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn watch_with_pdf_writes_the_pdf_on_every_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    new_deck(dir);
    let deck = dir.join("deck.toml");
    let w = Watch::start(dir, &["--pdf", "--layout", "brief"]);
    let pdf = dir.join("deck.brief.pdf");
    let wait_for_pdf = |what: &str, test: &dyn Fn(&[u8]) -> bool| {
        let started = Instant::now();
        loop {
            if let Ok(bytes) = fs::read(&pdf)
                && test(&bytes)
            {
                return bytes;
            }
            assert!(started.elapsed() < BOUND, "waited too long for {what}");
            thread::sleep(Duration::from_millis(100));
        }
    };
    let first = wait_for_pdf("the first PDF", &|b| b.starts_with(b"%PDF-"));
    // The same bytes `build` writes.
    let status = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(dir)
        .args([
            "build",
            "deck.toml",
            "--pdf-only",
            "--layout",
            "brief",
            "-o",
            "built.pdf",
        ])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(first, fs::read(dir.join("built.pdf")).unwrap());
    // A save rewrites it.
    edit(
        &deck,
        "title = \"Our customers",
        "title = \"All our customers",
    );
    wait_for_pdf("the rebuilt PDF", &|b| b != first.as_slice());
    drop(w);
}

/// `watch --pptx` writes deck.pptx beside the HTML, the bytes `build --pptx`
/// writes, and rewrites it on a save.
#[test]
fn watch_with_pptx_writes_the_pptx_on_every_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    new_deck(dir);
    let deck = dir.join("deck.toml");
    let w = Watch::start(dir, &["--pptx"]);
    let pptx = dir.join("deck.pptx");
    let wait_for_pptx = |what: &str, test: &dyn Fn(&[u8]) -> bool| {
        let started = Instant::now();
        loop {
            if let Ok(bytes) = fs::read(&pptx)
                && test(&bytes)
            {
                return bytes;
            }
            assert!(started.elapsed() < BOUND, "waited too long for {what}");
            thread::sleep(Duration::from_millis(100));
        }
    };
    let first = wait_for_pptx("the first PPTX", &|b| b.starts_with(b"PK\x03\x04"));
    let status = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
        .current_dir(dir)
        .args(["build", "deck.toml", "--pptx-only", "-o", "built.pptx"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(first, fs::read(dir.join("built.pptx")).unwrap());
    edit(
        &deck,
        "title = \"Our customers",
        "title = \"All our customers",
    );
    wait_for_pptx("the rebuilt PPTX", &|b| b != first.as_slice());
    drop(w);
}
