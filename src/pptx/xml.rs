//! Writing XML by hand: escaping, and the units of DrawingML.

use std::borrow::Cow;

/// Escapes text for XML character data and attribute values (both quotes
/// included), and drops the characters XML 1.0 does not allow at all
/// (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF).
/// Not `html::escape`: an HTML document keeps those characters (the browser
/// shows them as it can), an XML part with one does not open at all.
pub fn esc(text: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || !allowed(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !allowed(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether XML 1.0 allows the character in a document.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// English Metric Units per CSS pixel: the 1280×720 px slide is 13.333×7.5 in
/// (12 192 000 × 6 858 000 EMU), PowerPoint's 16:9 size.
pub const EMU_PER_PX: f32 = 9525.0;

/// A length in CSS px of the 1280×720 slide, as whole EMU.
pub fn emu(px: f32) -> i64 {
    (px * EMU_PER_PX).round() as i64
}

/// A type size in CSS px as DrawingML's hundredths of a point (1 px = 0.75 pt).
pub fn sz(px: f32) -> i64 {
    (px * 75.0).round() as i64
}

/// A theme colour "#rrggbb" (or "#rgb") as DrawingML's "RRGGBB".
pub fn srgb(color: &str) -> String {
    match crate::theme::parse_hex_color(color) {
        Some([r, g, b]) => format!("{r:02X}{g:02X}{b:02X}"),
        None => "000000".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_never_pass() {
        assert_eq!(esc("plain"), "plain");
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{0}b\u{1b}c\u{fffe}d\te"), "abcd\te");
        assert_eq!(esc("åäö → 🚲"), "åäö → 🚲");
    }

    #[test]
    fn the_slide_is_powerpoints_widescreen() {
        assert_eq!(emu(1280.0), 12_192_000);
        assert_eq!(emu(720.0), 6_858_000);
        assert_eq!(sz(24.0), 1800);
        assert_eq!(srgb("#0b57a4"), "0B57A4");
        assert_eq!(srgb("#fff"), "FFFFFF");
    }
}
