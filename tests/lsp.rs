//! `pitchdeck lsp` through the real binary: JSON-RPC with `Content-Length`
//! frames over its stdin and stdout, as an editor speaks it.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one answer may take before the test fails (not hangs).
const PATIENCE: Duration = Duration::from_secs(20);

/// A client: the server process, its input, and what it has sent.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: mpsc::Receiver<Value>,
    /// Messages read while waiting for something else.
    queue: Vec<Value>,
    next_id: i64,
}

/// Reads frames from the server's stdout until it closes.
fn read_frames(out: impl Read, tx: mpsc::Sender<Value>) {
    let mut out = BufReader::new(out);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("a header line");
            assert!(name.eq_ignore_ascii_case("content-length"), "{line}");
            length = Some(value.trim().parse::<usize>().unwrap());
        }
        let mut body = vec![0; length.expect("Content-Length")];
        if out.read_exact(&mut body).is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("the server sends JSON");
        if tx.send(message).is_err() {
            return;
        }
    }
}

impl Client {
    /// Starts `pitchdeck lsp` (with `args`) in `cwd`.
    fn start(args: &[&str], cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pitchdeck"))
            .arg("lsp")
            .args(args)
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("pitchdeck lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        Client {
            stdin: child.stdin.take(),
            child,
            incoming: rx,
            queue: Vec::new(),
            next_id: 1,
        }
    }

    fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send_body(&mut self, body: &[u8]) {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        self.send_bytes(&frame);
    }

    fn send(&mut self, message: &Value) {
        self.send_body(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next message that `wanted` accepts, keeping the others queued.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.queue.iter().position(&wanted) {
            return self.queue.remove(i);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(m) => self.queue.push(m),
                Err(e) => panic!(
                    "no {what} from the server ({e:?}); it sent meanwhile: {:#?}",
                    self.queue
                ),
            }
        }
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(&format!("answer to {method}"), |m| {
            m.get("method").is_none() && m["id"] == json!(id)
        })
    }

    /// `initialize` with these client capabilities, then `initialized`.
    fn initialize(&mut self, capabilities: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "toml", "version": 1, "text": text
            }}),
        );
        self.diagnostics(uri, 1)
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
        self.diagnostics(uri, version)
    }

    fn hover(&mut self, uri: &str, at: Value) -> Value {
        let r = self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": at }),
        );
        assert!(r.get("error").is_none(), "{r:#}");
        r["result"].clone()
    }

    /// The exit code after `shutdown` (when asked) and `exit`.
    fn finish(mut self, shutdown: bool) -> Option<i32> {
        if shutdown {
            let r = self.request("shutdown", Value::Null);
            assert_eq!(r["result"], Value::Null, "{r:#}");
            assert!(r.get("error").is_none(), "{r:#}");
        }
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A `file:` URI for a real path (percent-encoding what a URI may not hold).
fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where each line starts: LSP ends a line at `\n`, `\r\n` or a lone `\r`.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            starts.push(i + 1);
        }
    }
    starts
}

/// The byte offset of an LSP position counted in UTF-16 units.
fn offset_utf16(text: &str, line: u64, character: u64) -> usize {
    let Some(&start) = line_starts(text).get(line as usize) else {
        return text.len();
    };
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character as usize || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 (line, character) of a byte offset.
fn position_utf16(text: &str, offset: usize) -> (u64, u64) {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let units = text[starts[line]..offset].encode_utf16().count();
    (line as u64, units as u64)
}

/// Applies one document's edits (UTF-16 ranges), last first.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                offset_utf16(
                    text,
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                )
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut out = text.to_string();
    for (start, end, new) in ranges {
        out.replace_range(start..end, new);
    }
    out
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("-"))
        .collect()
}

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
}

/// The line (1-based), column (1-based, in characters) and code of each
/// diagnostic `pitchdeck check --format short` prints for `deck`.
fn cli_places(deck: &Path) -> Vec<(usize, usize, String)> {
    let out = common::pitchdeck()
        .args(["check", "--format", "short"])
        .arg(deck)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let name = deck.to_str().unwrap();
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix(name)?.strip_prefix(':')?;
            let mut parts = rest.splitn(3, ':');
            let line = parts.next()?.parse().ok()?;
            let col = parts.next()?.parse().ok()?;
            let rest = parts.next()?;
            let code = rest.split_once('[')?.1.split_once(']')?.0.to_string();
            Some((line, col, code))
        })
        .collect()
}

/// Asserts that every diagnostic the CLI prints is published at the same place
/// (the CLI counts columns in characters, LSP in UTF-16 units).
fn assert_same_places_as_cli(deck: &Path, text: &str, diagnostics: &[Value]) {
    let places = cli_places(deck);
    assert!(!places.is_empty(), "the CLI found nothing in {deck:?}");
    assert_eq!(
        places.len(),
        diagnostics.len(),
        "{places:?}\n{diagnostics:#?}"
    );
    for (line, col, code) in places {
        let line_text = text.lines().nth(line - 1).unwrap();
        let before: String = line_text.chars().take(col - 1).collect();
        let character = before.encode_utf16().count() as u64;
        assert!(
            diagnostics.iter().any(|d| d["code"] == code.as_str()
                && d["range"]["start"]["line"] == json!(line - 1)
                && d["range"]["start"]["character"] == json!(character)),
            "{code} at {line}:{col} (UTF-16 {character}) is not published there: {diagnostics:#?}"
        );
    }
}

/// A Swedish deck whose strategy claim has an emoji and å, ä, ö before a
/// jargon word ("initiera"), a measure with a bar, and nothing else to report.
const DECK: &str = r#"[deck]
title = "Vi svarar våra kunder där de är"
author = "Åsa Öberg"
date = 2026-12-01
lang = "sv"
minutes = 10

[need]
claim = "Kunderna frågar oss om cyklar varje dag på nätet."
points = ["Vi fick 140 frågor i oktober.", "Vi svarade på tolv."]
notes = "Så här räknade vi: för hand, varje vecka."

[risk]
claim = "När vi tiger svarar andra, och ibland svarar de fel."

[strategy]
claim = "🚀 Först nästa år ska vi initiera ett litet försök i två kanaler."
points = ["Först lyssnar vi, sedan svarar vi."]

[metrics]
claim = "Vi mäter hur mycket vi hjälper kunderna."

[[metrics.measure]]
name = "Frågor som besvaras inom en dag"
baseline = 20
target = 80
unit = "%"
by = 2027-06-30
kind = "quality"

[ask]
claim = "Vi ber om en halvtidstjänst i ett år."
"#;

/// The deck in a folder of its own, as `deck.toml`.
fn deck_folder(text: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.toml");
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);
    (dir, path, uri)
}

/// An empty folder to run the server in, so that nothing is found by accident
/// relative to its working directory.
fn elsewhere() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn initialize_offers_utf16_by_default_and_utf8_when_the_client_does() {
    let cwd = elsewhere();
    let (_dir, _path, uri) = deck_folder(DECK);
    let word = DECK.find("initiera").unwrap();
    let line_start = DECK[..word].rfind('\n').unwrap() + 1;

    // No positionEncodings: UTF-16, as LSP requires.
    let mut c = Client::start(&[], cwd.path());
    let init = c.initialize(json!({}));
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init:#}");
    assert_eq!(caps["textDocumentSync"], 1, "full sync: {init:#}");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(init["result"]["serverInfo"]["name"], "pitchdeck");
    let d = c.open(&uri, DECK);
    assert_eq!(
        with_code(&d, "W108")["range"]["start"]["character"],
        json!(34),
        "`claim = \"` 9 units, 🚀 2, then “ Först nästa år ska vi ” 23"
    );
    assert_eq!(c.finish(true), Some(0));

    // Offered UTF-8 (among others): positions count bytes.
    let mut c = Client::start(&[], cwd.path());
    let init = c.initialize(json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let d = c.open(&uri, DECK);
    let range = &with_code(&d, "W108")["range"];
    assert_eq!(range["start"]["character"], json!(word - line_start));
    assert_eq!(range["start"]["character"], json!(39));
    assert_eq!(range["end"]["character"], json!(39 + "initiera".len()));
    assert_eq!(c.finish(true), Some(0));

    // Only UTF-32 offered: the server still speaks UTF-16, and says so.
    let mut c = Client::start(&[], cwd.path());
    let init = c.initialize(json!({ "general": { "positionEncodings": ["utf-32"] } }));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    // Requests before `initialize` are refused; `exit` without `shutdown` is code 1.
    assert_eq!(c.finish(false), Some(1));
    let mut c = Client::start(&[], cwd.path());
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r:#}");
    assert_eq!(c.finish(false), Some(1));
}

#[test]
fn a_swedish_deck_is_checked_fixed_by_a_code_action_and_hovered_then_shut_down() {
    let cwd = elsewhere();
    let (_dir, path, uri) = deck_folder(DECK);
    let mut c = Client::start(&[], cwd.path());
    c.initialize(json!({}));

    // didOpen: the one warning, where the CLI puts it, in UTF-16 units.
    let d = c.open(&uri, DECK);
    assert_eq!(codes(&d), ["W108"], "{d:#?}");
    assert_same_places_as_cli(&path, DECK, &d);
    let jargon = with_code(&d, "W108");
    let word = DECK.find("initiera").unwrap();
    let (line, character) = position_utf16(DECK, word);
    assert_eq!(line, 16);
    assert_eq!(
        jargon["range"],
        json!({
            "start": { "line": line, "character": character },
            "end": { "line": line, "character": character + 8 },
        })
    );
    assert_ne!(
        character as usize,
        word - DECK[..word].rfind('\n').unwrap() - 1
    );
    assert_eq!(jargon["severity"], 2, "a warning");
    assert_eq!(jargon["source"], "pitchdeck");
    let message = jargon["message"].as_str().unwrap();
    assert!(
        // A Swedish deck gets the check's Swedish messages.
        message.starts_with("”initiera” på bild 4 (strategy) är jargong"),
        "{message}"
    );
    assert!(
        message.contains("\nhelp: ett enklare ord: starta, inleda"),
        "{message}"
    );
    let href = jargon["codeDescription"]["href"].as_str().unwrap();
    assert!(
        href.starts_with("file:///") && href.ends_with("/docs/checks.md#w108-jargon"),
        "{href}"
    );
    let (page, anchor) = href.trim_start_matches("file://").split_once('#').unwrap();
    let docs = std::fs::read_to_string(page).expect("the link is to a file on disk");
    // A heading whose anchor (as GitHub and most Markdown viewers make it) is this.
    let slug = |heading: &str| -> String {
        heading
            .trim_start_matches('#')
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect()
    };
    assert!(
        docs.lines()
            .any(|l| l.starts_with('#') && slug(l) == anchor),
        "no heading for #{anchor} in {page}"
    );

    // The code actions at the word: replace it (preferred), or allow the rule.
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": jargon["range"],
            "context": { "diagnostics": [jargon] },
        }),
    );
    let actions = r["result"].as_array().unwrap_or_else(|| panic!("{r:#}"));
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace “initiera” with “starta”",
            "Replace “initiera” with “inleda”",
            "Allow W108 (jargon) in this deck: add it to [check] allow",
        ]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "W108");
    let edits = |a: &Value| {
        a["edit"]["changes"][uri.as_str()]
            .as_array()
            .unwrap()
            .clone()
    };

    // Applied, the replacement removes the warning; so does the allow.
    let replaced = apply(DECK, &edits(&actions[0]));
    assert!(
        replaced.contains("ska vi starta ett litet försök"),
        "{replaced}"
    );
    assert_eq!(
        replaced.len(),
        DECK.len() + "starta".len() - "initiera".len()
    );
    let d = c.change(&uri, 2, &replaced);
    assert!(d.is_empty(), "{d:#?}");
    let allowed = apply(DECK, &edits(&actions[2]));
    assert!(
        allowed.ends_with("\n[check]\nallow = [\"jargon\"]\n"),
        "{allowed}"
    );
    let d = c.change(&uri, 3, &allowed);
    assert!(d.is_empty(), "{d:#?}");
    // Back to the jargon: the warning returns, at the same place.
    let d = c.change(&uri, 4, DECK);
    assert_eq!(with_code(&d, "W108")["range"], jargon["range"]);

    // Hover on the claim: its figures, the slide's (as `check --stats` counts
    // them) and the slide's share of the speaking time.
    let at = json!({ "line": 16, "character": character + 10 });
    let h = c.hover(&uri, at);
    let text = h["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{h:#}"));
    assert_eq!(h["contents"]["kind"], "markdown");
    // 12 words, 1 sentence, 2 over six letters (initiera, kanaler):
    // LIX = 12/1 + 100·2/12 = 28.7.
    assert!(
        text.starts_with("**The claim** — 12 words, 1 sentence, 2 long, LIX 28.7"),
        "{text}"
    );
    let stats = common::pitchdeck()
        .args(["check", "--stats"])
        .arg(&path)
        .output()
        .unwrap();
    let stats = String::from_utf8_lossy(&stats.stdout).into_owned();
    let row: Vec<&str> = stats
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some("strategy"))
        .unwrap_or_else(|| panic!("{stats}"))
        .split_whitespace()
        .collect();
    let (words, sentences, long, lix, notes) = (row[2], row[3], row[4], row[5], row[7]);
    assert!(
        text.contains(&format!(
            "on the slide: {words} words, {sentences} sentences, {long} long, LIX {lix}; {notes} words in the notes"
        )),
        "{text}\n{stats}"
    );
    let total: usize = stats
        .split("minutes (")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stats}"));
    let said: usize = words.parse::<usize>().unwrap() + notes.parse::<usize>().unwrap();
    let share = (100.0 * said as f64 / total as f64).round();
    assert!(
        text.contains(&format!("{share} % of the talk ({said} of {total} words")),
        "{text}\n{stats}"
    );
    assert!(text.contains("planned: 10 minutes"), "{text}");
    let (start, end) = (&h["range"]["start"], &h["range"]["end"]);
    assert_eq!(
        (start["line"].clone(), end["line"].clone()),
        (json!(16), json!(16))
    );
    assert_eq!(start["character"], 8, "the claim's string, quotes included");

    // Hover on the measure: how its bar reads.
    let baseline_line = DECK.lines().position(|l| l == "baseline = 20").unwrap();
    let h = c.hover(&uri, json!({ "line": baseline_line, "character": 3 }));
    let text = h["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{h:#}"));
    assert!(
        text.starts_with("**Measure 1 of 1** — on slide 5"),
        "{text}"
    );
    assert!(
        text.contains("Today 20\u{a0}% → goal 80\u{a0}% by"),
        "{text}"
    );
    // 20 of a track to 80: a quarter solid, three quarters the gain.
    assert!(
        text.contains("The bar rises: solid to 25.0 % of the track (today), then an accent part of 75.0 % (the gain to the goal), with the goal marked at 100.0 %."),
        "{text}"
    );
    // Hover on nothing in particular: no answer, not an error.
    assert_eq!(
        c.hover(&uri, json!({ "line": 0, "character": 1 })),
        Value::Null
    );

    // didClose clears the document's diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let m = c.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"].is_null()
    });
    assert_eq!(m["params"]["diagnostics"], json!([]));
    assert_eq!(c.finish(true), Some(0));
}

#[test]
fn broken_toml_is_an_error_at_its_place_and_the_fix_clears_it() {
    let cwd = elsewhere();
    let (_dir, path, uri) = deck_folder(DECK);
    let mut c = Client::start(&[], cwd.path());
    c.initialize(json!({}));
    assert_eq!(codes(&c.open(&uri, DECK)), ["W108"]);

    // An unclosed string after the emoji line.
    let broken = DECK.replace(
        "points = [\"Först lyssnar vi, sedan svarar vi.\"]",
        "points = [\"Först lyssnar vi, sedan svarar vi.]",
    );
    std::fs::write(&path, &broken).unwrap();
    let d = c.change(&uri, 2, &broken);
    // The string runs on: the first error is where the line ends unclosed.
    assert!(codes(&d).iter().all(|c| *c == "E001"), "{d:#?}");
    assert_eq!(d[0]["severity"], 1, "an error");
    assert_eq!(
        d[0]["range"]["start"],
        json!({ "line": 17, "character": "points = [\"Först lyssnar vi, sedan svarar vi.]".encode_utf16().count() })
    );
    assert_same_places_as_cli(&path, &broken, &d);
    assert!(
        d[0]["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/docs/diagnostics.md#errors")
    );

    // A duplicate key, and an unknown key with its did-you-mean fix.
    let typo = DECK.replace("points = [\"Först", "pionts = [\"Först");
    std::fs::write(&path, &typo).unwrap();
    let d = c.change(&uri, 3, &typo);
    assert_same_places_as_cli(&path, &typo, &d);
    let unknown = with_code(&d, "E002");
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": unknown["range"],
            "context": { "diagnostics": [] },
        }),
    );
    let action = &r["result"][0];
    assert_eq!(action["title"], "Rename `pionts` to `points`", "{r:#}");
    let fixed = apply(
        &typo,
        action["edit"]["changes"][uri.as_str()].as_array().unwrap(),
    );
    assert_eq!(fixed, DECK);
    assert_eq!(codes(&c.change(&uri, 4, &fixed)), ["W108"]);

    // A date that is not one, on a line with å: the place is still right.
    let date = DECK.replace("by = 2027-06-30", "by = 2027-16-30 # år");
    std::fs::write(&path, &date).unwrap();
    let d = c.change(&uri, 5, &date);
    assert_same_places_as_cli(&path, &date, &d);
    assert_eq!(c.finish(true), Some(0));
}

#[test]
fn images_and_themes_are_found_relative_to_the_decks_folder() {
    let cwd = elsewhere();
    let text = DECK
        .replace(
            "[need]\n",
            "[need]\nimage = \"bilder/fråga.png\"\nimage_alt = \"Frågor per månad\"\n",
        )
        .replace("lang = \"sv\"\n", "lang = \"sv\"\ntheme = \"vårt-tema\"\n");
    let (dir, path, uri) = deck_folder(&text);
    let mut c = Client::start(&[], cwd.path());
    c.initialize(json!({}));

    // Neither the image nor the theme folder is there yet.
    let d = c.open(&uri, &text);
    assert_same_places_as_cli(&path, &text, &d);
    let image = with_code(&d, "E008");
    assert_eq!(
        image["range"]["start"],
        json!({ "line": 9, "character": 8 })
    );
    let theme = with_code(&d, "E010");
    assert_eq!(
        theme["range"]["start"],
        json!({ "line": 5, "character": 8 })
    );

    // Put them next to the deck (not next to the server): both errors go.
    std::fs::create_dir(dir.path().join("bilder")).unwrap();
    std::fs::copy(
        common::root().join("decks/img/mentions-sv.png"),
        dir.path().join("bilder/fråga.png"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("vårt-tema")).unwrap();
    let theme_toml = dir.path().join("vårt-tema/theme.toml");
    std::fs::copy(
        common::root().join("themes/contrast/theme.toml"),
        &theme_toml,
    )
    .unwrap();
    let d = c.change(&uri, 2, &text);
    assert_eq!(codes(&d), ["W108"], "{d:#?}");

    // A broken theme.toml: the error sits on `theme = "…"` in the deck, says
    // where in theme.toml, and links there.
    std::fs::write(&theme_toml, "name = \"Vårt tema\"\n[colors\n").unwrap();
    let d = c.change(&uri, 3, &text);
    let theme = with_code(&d, "E010");
    assert_eq!(
        theme["range"]["start"],
        json!({ "line": 5, "character": 8 })
    );
    let message = theme["message"].as_str().unwrap();
    assert!(message.contains("theme.toml:2:"), "{message}");
    let related = &theme["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], file_uri(&theme_toml));
    assert_eq!(related["range"]["start"]["line"], 1);
    assert_eq!(c.finish(true), Some(0));
}

#[test]
fn bad_bytes_junk_and_huge_input_get_answers_not_a_crash() {
    let cwd = elsewhere();
    let (_dir, _path, uri) = deck_folder(DECK);
    let mut c = Client::start(&[], cwd.path());
    c.initialize(json!({}));
    c.open(&uri, DECK);

    // Bytes that are not UTF-8 in the text: an error where they are.
    let text = DECK.replace("Åsa Öberg", "Åsa @@berg");
    let mut body = json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didChange",
        "params": {
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": text }],
        },
    })
    .to_string()
    .into_bytes();
    // `@@` becomes the bytes 0xFF 0xFE, never valid UTF-8.
    let at = body.windows(2).position(|w| w == b"@@").unwrap();
    body[at..at + 2].copy_from_slice(&[0xFF, 0xFE]);
    c.send_body(&body);
    let d = c.diagnostics(&uri, 2);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["severity"], 1);
    assert!(
        d[0]["message"].as_str().unwrap().contains("not UTF-8"),
        "{d:#?}"
    );
    assert_eq!(d[0]["range"]["start"]["line"], 2, "{d:#?}");
    assert_eq!(
        d[0]["range"]["start"]["character"], 14,
        "after `author = \"Åsa `: {d:#?}"
    );

    // A lone surrogate escape is not text either.
    c.send_body(
        format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":3}},"contentChanges":[{{"text":"[deck]\ntitle = \"\ud800\"\n"}}]}}}}"#
        )
        .as_bytes(),
    );
    let d = c.diagnostics(&uri, 3);
    assert!(
        d[0]["message"].as_str().unwrap().contains("not UTF-8"),
        "{d:#?}"
    );
    assert_eq!(d[0]["range"]["start"], json!({ "line": 1, "character": 9 }));

    // Junk: a body that is not JSON, JSON that is not a message, a header
    // without a length. Each is answered or skipped; the server goes on.
    c.send_body(b"this is not json");
    let m = c.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(m["id"], Value::Null);
    c.send_body(br#"{"jsonrpc":"2.0","id":77,"params":5}"#);
    let m = c.wait_for("an invalid request", |m| m["id"] == 77);
    assert_eq!(m["error"]["code"], -32600, "{m:#}");
    c.send_bytes(b"X-Nonsense\r\n\r\n");
    let r = c.request("textDocument/hover", json!(42));
    assert_eq!(r["error"]["code"], -32602, "invalid params: {r:#}");
    let r = c.request("textDocument/definition", json!({}));
    assert_eq!(r["error"]["code"], -32601, "method not found: {r:#}");
    let r = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere.toml" }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(
        r["error"]["message"].as_str().unwrap().contains("not open"),
        "{r:#}"
    );

    // A deck over the 2 MiB limit: E011 where it goes over.
    let mut huge = DECK.to_string();
    huge.push_str("# ");
    while huge.len() <= 2 * 1024 * 1024 + 100 {
        huge.push_str("ö🚀 fyllnad ");
    }
    let d = c.change(&uri, 4, &huge);
    assert_eq!(codes(&d), ["E011"], "{}", d.len());
    let start = &d[0]["range"]["start"];
    let at = offset_utf16(
        &huge,
        start["line"].as_u64().unwrap(),
        start["character"].as_u64().unwrap(),
    );
    assert!(at <= 2 * 1024 * 1024 && at > 2 * 1024 * 1024 - 4, "{at}");

    // Positions past the end, ranges backwards: clamped, answered.
    c.change(&uri, 5, DECK);
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 900, "character": 5 }, "end": { "line": 2, "character": 0 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert!(r["result"].is_array(), "{r:#}");
    let h = c.hover(&uri, json!({ "line": 16, "character": 100000 }));
    assert!(h.is_null() || h["contents"].is_object(), "{h:#}");

    // Still serving: the jargon is still found, and shutdown is clean.
    assert_eq!(codes(&c.change(&uri, 6, DECK)), ["W108"]);
    assert_eq!(c.finish(true), Some(0));
}

/// A small random number generator, seeded, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One random edit: a truncation, a deletion, junk, multi-byte characters,
/// a duplicated piece, or back to a valid deck.
fn edit(rng: &mut Rng, text: &str) -> String {
    const JUNK: &[&str] = &[
        "\"",
        "[",
        "]",
        "[[",
        "=",
        "\n",
        "\\",
        "\\u",
        "#",
        "{",
        "}",
        "'''",
        "\"\"\"",
        ",",
        "\0",
        "\u{7f}",
        "\r",
        "\t",
        "ö",
        "å",
        "Ä",
        "🚀",
        "👩‍👩‍👧",
        "\u{fffd}",
        "\u{feff}",
        "\u{200b}",
        "e\u{301}",
        "𝔘",
        "[check]",
        "allow = [",
        "claim = ",
        "= 2026-13-01",
        "[[metrics.measure]]\n",
        "theme = \"../../etc\"\n",
        "image = \"/dev/zero\"\n",
        "9999999999999999999999",
    ];
    let at = floor_boundary(text, rng.below(text.len() + 1));
    let mut out = text.to_string();
    match rng.below(8) {
        0 => out.truncate(at),
        1 => {
            let end = floor_boundary(text, at + rng.below(200));
            out.replace_range(at..end, "");
        }
        2 | 3 => {
            let junk: String = (0..1 + rng.below(4))
                .map(|_| JUNK[rng.below(JUNK.len())])
                .collect();
            out.insert_str(at, &junk);
        }
        4 => {
            let c = ['ö', 'Å', '🚀', '€', '\u{10FFFF}', 'ß'][rng.below(6)];
            out.insert(at, c);
        }
        5 => {
            let end = floor_boundary(text, at + rng.below(400));
            let piece = text[at..end].to_string();
            out.insert_str(end, &piece);
        }
        6 => {
            // A line swapped with the next one.
            let lines: Vec<&str> = text.split('\n').collect();
            if lines.len() > 1 {
                let i = rng.below(lines.len() - 1);
                let mut lines = lines.clone();
                lines.swap(i, i + 1);
                out = lines.join("\n");
            }
        }
        _ => out = DECK.to_string(),
    }
    out
}

/// Asserts that a range is in `text`: its lines exist, its characters are
/// within them and not inside a character, its start is before its end.
fn assert_in_text(text: &str, range: &Value) {
    let starts = line_starts(text);
    let place = |p: &Value| {
        let (line, character) = (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        );
        let start = *starts
            .get(line as usize)
            .unwrap_or_else(|| panic!("{range} in\n{text}"));
        let end = starts.get(line as usize + 1).map_or(text.len(), |&n| n);
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0;
        let mut boundaries = vec![0];
        for c in content.chars() {
            units += c.len_utf16();
            boundaries.push(units);
        }
        assert!(
            boundaries.contains(&(character as usize)),
            "{range} in\n{text}"
        );
        (line, character)
    };
    assert!(place(&range["start"]) <= place(&range["end"]), "{range}");
}

/// A change sent as a range (UTF-16) and its new text, as incremental clients
/// send it even to a full-sync server; the diagnostics must be those of the
/// same text sent whole.
fn ranged_change(
    c: &mut Client,
    rng: &mut Rng,
    uri: &str,
    version: i64,
    text: &mut String,
) -> Vec<Value> {
    // A position cannot fall between the \r and \n of a line end.
    let place = |at: usize| {
        let at = floor_boundary(text, at);
        if text[..at].ends_with('\r') && text[at..].starts_with('\n') {
            at - 1
        } else {
            at
        }
    };
    let start = place(rng.below(text.len() + 1));
    let end = place(start + rng.below(40)).max(start);
    let new = ["", "ö", "🚀x", "\n[", "\"", "initiera "][rng.below(6)];
    let (sl, sc) = position_utf16(text, start);
    let (el, ec) = position_utf16(text, end);
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{
                "range": {
                    "start": { "line": sl, "character": sc },
                    "end": { "line": el, "character": ec },
                },
                "text": new,
            }],
        }),
    );
    let ranged = c.diagnostics(uri, version);
    text.replace_range(start..end, new);
    let whole = c.change(uri, version, text);
    assert_eq!(
        ranged, whole,
        "a ranged change gave another text than\n{text}"
    );
    whole
}

#[test]
fn hundreds_of_random_edits_neither_crash_the_server_nor_stop_it_answering() {
    let cwd = elsewhere();
    let (_dir, _path, uri) = deck_folder(DECK);
    let mut c = Client::start(&[], cwd.path());
    c.initialize(json!({}));
    c.open(&uri, DECK);
    let seed = std::env::var("PITCHDECK_LSP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_u64);
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut text = DECK.to_string();
    let mut errors = 0;
    let edits = 400;
    for version in 2..2 + edits {
        let d = if version % 5 == 0 {
            ranged_change(&mut c, &mut rng, &uri, version, &mut text)
        } else {
            text = edit(&mut rng, &text);
            if text.len() > 64 * 1024 {
                text = DECK.to_string();
            }
            c.change(&uri, version, &text)
        };
        errors += usize::from(d.iter().any(|d| d["severity"] == 1));
        for diagnostic in &d {
            assert!(
                !diagnostic["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("internal error"),
                "seed {seed}, version {version}: {diagnostic:#}\n{text}"
            );
            assert_in_text(&text, &diagnostic["range"]);
        }
        // Now and then a hover and a code action on the edited text.
        if version % 10 == 0 {
            let at = rng.below(text.len() + 1);
            let (line, character) = position_utf16(&text, floor_boundary(&text, at));
            let h = c.request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
            );
            assert!(h.get("error").is_none(), "seed {seed}: {h:#}\n{text}");
            let r = c.request(
                "textDocument/codeAction",
                json!({
                    "textDocument": { "uri": uri },
                    "range": { "start": { "line": 0, "character": 0 }, "end": { "line": line, "character": character } },
                    "context": { "diagnostics": [] },
                }),
            );
            assert!(r["result"].is_array(), "seed {seed}: {r:#}\n{text}");
        }
    }
    // The edits broke the deck most of the time, and not always.
    assert!(
        errors > edits as usize / 4 && errors < edits as usize,
        "{errors}"
    );
    // Still answering, and still right: the original deck's one warning.
    let r = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(r.get("error").is_none(), "{r:#}");
    assert_eq!(codes(&c.change(&uri, 10_000, DECK)), ["W108"]);
    assert_eq!(c.finish(true), Some(0));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{edits} edits took {:?}",
        started.elapsed()
    );
}

#[test]
fn other_toml_files_are_left_alone_until_they_become_decks() {
    let cwd = elsewhere();
    let dir = tempfile::tempdir().unwrap();
    let cargo = file_uri(&dir.path().join("Cargo.toml"));
    let mut c = Client::start(&[], cwd.path());
    c.initialize(json!({}));
    // Not a deck: no diagnostics (not "[deck] is missing"), no hover.
    let text = "[package]\nname = \"x\"\nversion = \"0.1.0\"\n";
    assert_eq!(c.open(&cargo, text), Vec::<Value>::new());
    assert_eq!(
        c.hover(&cargo, json!({ "line": 1, "character": 1 })),
        Value::Null
    );
    // With a [deck] table it is one, and checked.
    let d = c.change(&cargo, 2, &format!("{text}[deck]\n"));
    assert!(d.iter().any(|d| d["code"] == "E002"), "{d:#?}");
    assert!(d.iter().any(|d| d["code"] == "E004"), "{d:#?}");
    // A file called deck.toml is a deck even when empty.
    let deck = file_uri(&dir.path().join("deck.toml"));
    let d = c.open(&deck, "");
    assert!(d.iter().any(|d| d["code"] == "E003"), "{d:#?}");
    assert_eq!(c.finish(true), Some(0));
}
