//! Starter decks written by `pitchdeck new`: valid, short, one comment per section.
//!
//! Each starts with a `#:schema ./deck.schema.json` line: `new` writes the schema
//! next to the deck, so Taplo-based editors complete and check it offline.

use crate::deck::Lang;

/// The name `new` gives the schema file, next to the deck.
pub const SCHEMA_FILE: &str = "deck.schema.json";

pub fn starter_deck(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("starter/deck.en.toml"),
        Lang::Sv => include_str!("starter/deck.sv.toml"),
    }
}

/// The starter deck with a `theme = "…"` line after `lang`. `brand` adds the
/// (commented-out) keys of themes that take a brand colour and logo.
pub fn starter_with_theme(lang: Lang, theme: &str, brand: bool) -> String {
    let mut lines = vec![format!("theme = {}", toml_string(theme))];
    if brand {
        let (color, logo) = match lang {
            Lang::En => (
                "your brand colour, as \"#rrggbb\"",
                "a logo image next to this file",
            ),
            Lang::Sv => (
                "er profilfärg, som \"#rrggbb\"",
                "en logotyp bredvid den här filen",
            ),
        };
        lines.push(format!("# brand_color = \"#1d3f66\"   # {color}"));
        lines.push(format!("# logo = \"logo.png\"          # {logo}"));
    }
    let mut out = String::new();
    for line in starter_deck(lang).lines() {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("lang = ") {
            for extra in &lines {
                out.push_str(extra);
                out.push('\n');
            }
        }
    }
    out
}

/// A TOML basic string, quoted and escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_line_follows_lang_and_parses() {
        for lang in [Lang::En, Lang::Sv] {
            let text = starter_with_theme(lang, "board", true);
            let parsed = crate::load::parse(&text);
            let diags = parsed.diagnostics;
            assert!(diags.is_empty(), "{diags:?}");
            let deck = parsed.deck.unwrap();
            assert_eq!(deck.meta.theme.unwrap().value, "board");
            assert!(text.starts_with("#:schema ./deck.schema.json\n"));
            assert!(text.contains("\n# brand_color = "));
        }
        // A folder name with quotes and a backslash stays one TOML string.
        let text = starter_with_theme(Lang::En, "my \"odd\" theme\\", false);
        let table: toml::Table = text.parse().unwrap();
        assert_eq!(table["deck"]["theme"].as_str(), Some("my \"odd\" theme\\"));
    }
}
