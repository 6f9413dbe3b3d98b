//! JSON-RPC over a byte stream, as LSP frames it: `Content-Length: N`, a blank
//! line, N bytes of JSON.
//!
//! lsp-server's own stdio transport ends the connection at the first message
//! it cannot read (bytes that are not UTF-8, a lone surrogate in a `\u` escape,
//! JSON that does not parse): the editor would lose the server on one bad
//! keystroke. This reader recovers instead: bad bytes become U+FFFD and the
//! message is marked [`Incoming::lossy`] (the server then reports the text as not
//! UTF-8), bad JSON is answered with a parse error, and a broken header is
//! skipped up to the next message.

use std::io::{self, BufRead, Write};

use lsp_server::Message;

/// The largest message read; a longer body is skipped. Ample for a deck at its
/// limit of 2 MiB, even with every character escaped.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// What one read from the stream gave.
#[derive(Debug)]
pub enum Incoming {
    /// A message; `lossy` when its bytes were not valid UTF-8 (or held a lone
    /// surrogate) and were repaired with U+FFFD.
    Message { message: Message, lossy: bool },
    /// A body that is not a JSON-RPC message: answered with an error, with the
    /// body's `id` when it has one (else null).
    Malformed { id: serde_json::Value, why: String },
    /// A body over [`MAX_MESSAGE_BYTES`], skipped.
    TooLarge(usize),
    /// The stream ended.
    End,
}

/// Reads the next message, never failing on its content: only the stream's
/// own I/O errors are errors.
pub fn read(input: &mut impl BufRead) -> io::Result<Incoming> {
    let length = loop {
        match read_header(input)? {
            Header::End => return Ok(Incoming::End),
            Header::Length(n) => break n,
            // A header without a usable length: look for the next one.
            Header::Broken => continue,
        }
    };
    if length > MAX_MESSAGE_BYTES {
        io::copy(
            &mut io::Read::take(&mut *input, length as u64),
            &mut io::sink(),
        )?;
        return Ok(Incoming::TooLarge(length));
    }
    let mut body = vec![0; length];
    if let Err(e) = input.read_exact(&mut body) {
        return match e.kind() {
            io::ErrorKind::UnexpectedEof => Ok(Incoming::End),
            _ => Err(e),
        };
    }
    let (text, bad_bytes) = match String::from_utf8(body) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    let (text, bad_escapes) = repair_surrogates(text);
    match serde_json::from_str::<Message>(&text) {
        Ok(message) => Ok(Incoming::Message {
            message,
            lossy: bad_bytes || bad_escapes,
        }),
        Err(e) => {
            let id = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(serde_json::Value::Null);
            Ok(Incoming::Malformed {
                id,
                why: e.to_string(),
            })
        }
    }
}

enum Header {
    Length(usize),
    Broken,
    End,
}

/// Reads header lines up to the blank line that ends them.
fn read_header(input: &mut impl BufRead) -> io::Result<Header> {
    let mut length = None;
    let mut broken = false;
    let mut seen_any = false;
    loop {
        let mut line = Vec::new();
        // Header lines are short; a "line" of megabytes is junk, not a header.
        let n = io::Read::take(&mut *input, 64 * 1024).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Header::End);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !seen_any {
                // Blank lines between messages: skip them.
                continue;
            }
            return Ok(match length {
                Some(n) if !broken => Header::Length(n),
                _ => Header::Broken,
            });
        }
        seen_any = true;
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => broken = true,
                }
            }
            Some(_) => {}
            None => broken = true,
        }
    }
}

/// Replaces `\u` escapes of lone UTF-16 surrogates (which serde_json rightly
/// refuses) with `\ufffd`; true when there was one.
fn repair_surrogates(text: String) -> (String, bool) {
    if !text.contains("\\u") {
        return (text, false);
    }
    let bytes = text.as_bytes();
    let hex = |at: usize| -> Option<u16> {
        let digits = text.get(at..at + 4)?;
        u16::from_str_radix(digits, 16).ok()
    };
    let mut out = String::with_capacity(text.len());
    let mut repaired = false;
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        if bytes.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        let Some(unit) = hex(i + 2) else {
            i += 2;
            continue;
        };
        let low_follows = || {
            bytes.get(i + 6) == Some(&b'\\')
                && bytes.get(i + 7) == Some(&b'u')
                && hex(i + 8).is_some_and(|u| (0xDC00..0xE000).contains(&u))
        };
        match unit {
            0xD800..0xDC00 if low_follows() => i += 12,
            0xD800..0xE000 => {
                out.push_str(&text[last..i]);
                out.push_str("\\ufffd");
                i += 6;
                last = i;
                repaired = true;
            }
            _ => i += 6,
        }
    }
    if !repaired {
        return (text, false);
    }
    out.push_str(&text[last..]);
    (out, true)
}

/// Writes one message with its header.
pub fn write(output: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(output)
}

/// Writes the error answer to a body that is not a message (its id may be null,
/// which lsp-server's `Response` cannot say).
pub fn write_error(
    output: &mut impl Write,
    id: &serde_json::Value,
    code: i32,
    message: &str,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &[u8]) -> Vec<u8> {
        let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn bad_bytes_and_lone_surrogates_are_repaired_and_marked() {
        let mut stream = Vec::new();
        stream.extend(frame(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"t\":\"a\xffb\"}}",
        ));
        stream.extend(frame(
            br#"{"jsonrpc":"2.0","method":"y","params":{"t":"a\ud800b \ud83d\ude00"}}"#,
        ));
        stream.extend(frame(br#"{"jsonrpc":"2.0","method":"z"}"#));
        let mut input = io::Cursor::new(stream);
        for (method, text, lossy) in [
            ("x", Some("a\u{fffd}b"), true),
            ("y", Some("a\u{fffd}b 😀"), true),
            ("z", None, false),
        ] {
            let Incoming::Message {
                message: Message::Notification(n),
                lossy: got,
            } = read(&mut input).unwrap()
            else {
                panic!("expected a notification");
            };
            assert_eq!(n.method, method);
            assert_eq!(got, lossy);
            if let Some(text) = text {
                assert_eq!(n.params["t"], text);
            }
        }
        assert!(matches!(read(&mut input).unwrap(), Incoming::End));
    }

    #[test]
    fn junk_is_answered_or_skipped_and_the_next_message_still_read() {
        let mut stream = Vec::new();
        stream.extend(frame(b"{not json"));
        stream.extend(b"Content-Length: many\r\n\r\n");
        stream.extend(b"garbage line\r\n\r\n");
        stream.extend(frame(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#));
        let mut input = io::Cursor::new(stream);
        assert!(matches!(
            read(&mut input).unwrap(),
            Incoming::Malformed { .. }
        ));
        let Incoming::Message {
            message: Message::Request(r),
            ..
        } = read(&mut input).unwrap()
        else {
            panic!("expected the request after the junk");
        };
        assert_eq!(r.method, "shutdown");
    }

    #[test]
    fn a_body_cut_short_is_the_end_of_the_stream() {
        let mut input = io::Cursor::new(b"Content-Length: 100\r\n\r\n{\"a\":".to_vec());
        assert!(matches!(read(&mut input).unwrap(), Incoming::End));
    }
}
