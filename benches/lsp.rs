//! `pitchdeck lsp`, in-process: from the bytes of a `didChange` frame with the
//! whole text to the bytes of the `publishDiagnostics` frame, as the server's
//! loop does it (`transport::read`, `Server::handle_read`, `transport::write`). On the Swedish and the
//! English example decks (as files in `decks/`, so their images are read) and
//! on a generated deck of 100 slides. Each change alternates between two texts,
//! so no step can be skipped as unchanged.
//!
//! `cargo bench --bench lsp`; one input: `cargo bench --bench lsp -- example-sv`.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lsp_server::Message;
use serde_json::json;

use pitchdeck::generate;
use pitchdeck::lsp::Server;
use pitchdeck::lsp::transport::{self, Incoming};

/// (name, deck text, where the deck is).
fn inputs() -> Vec<(String, String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for (name, file) in [
        ("example-sv", "decks/social-media.sv.toml"),
        ("example-en", "decks/social-media.en.toml"),
    ] {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).expect("the example decks exist");
        out.push((name.to_string(), text, path));
    }
    out.push((
        "gen-100".to_string(),
        generate::deck_toml(100),
        root.join("gen-100.toml"),
    ));
    out
}

fn message(value: serde_json::Value) -> Message {
    serde_json::from_value(value).expect("a JSON-RPC message")
}

fn did_change(c: &mut Criterion) {
    let mut group = c.benchmark_group("lsp");
    group.sample_size(60);
    for (name, text, path) in inputs() {
        let uri = format!("file://{}", path.display());
        let mut server = Server::new(Some("https://example.org/docs/".to_string()));
        server.handle(message(json!({
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": { "capabilities": {} },
        })));
        server.handle(message(json!({
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": { "textDocument": {
                "uri": uri, "languageId": "toml", "version": 1, "text": text,
            }},
        })));
        // The other text: one word more in a comment at the end.
        let edited = format!("{text}\n# ändrad\n");
        let frames = [text.as_str(), edited.as_str()].map(|t| {
            let body = json!({
                "jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {
                    "textDocument": { "uri": uri, "version": 2 },
                    "contentChanges": [{ "text": t }],
                },
            })
            .to_string();
            format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
        });
        let mut turn = 0;
        let mut out = Vec::with_capacity(64 * 1024);
        group.bench_function(BenchmarkId::new("didChange-to-publish", &name), |b| {
            b.iter(|| {
                turn += 1;
                let mut input = Cursor::new(&frames[turn % 2]);
                let Ok(Incoming::Message { message, lossy }) = transport::read(&mut input) else {
                    panic!("the frame is read");
                };
                let replies = server.handle_read(message, lossy);
                out.clear();
                for reply in &replies {
                    transport::write(&mut out, reply).expect("writes to memory");
                }
                assert!(
                    matches!(&replies[..], [Message::Notification(n)] if n.method == "textDocument/publishDiagnostics")
                );
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, did_change);
criterion_main!(benches);
