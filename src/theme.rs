//! Themes: built-in ones embedded in the binary, and user folders that override
//! their files one by one.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The files of one built-in theme: (path inside the theme, bytes).
type Files = &'static [(&'static str, &'static [u8])];

macro_rules! theme_files {
    ($dir:literal: $($file:literal),* $(,)?) => {
        &[$(($file, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/", $dir, "/", $file)) as &[u8])),*]
    };
}

const DEFAULT_FILES: Files = theme_files!("default":
    "theme.toml", "deck.html", "style.css", "deck.js",
    "fonts/regular.woff2", "fonts/bold.woff2", "fonts/italic.woff2", "fonts/bold-italic.woff2",
    "fonts/regular.ttf", "fonts/bold.ttf", "fonts/italic.ttf", "fonts/bold-italic.ttf",
    "fonts/OFL.txt",
);

/// Built-in themes: (name, files). Every theme falls back to `default` for
/// files it does not have.
pub const BUILTIN: &[(&str, Files)] = &[("default", DEFAULT_FILES)];

/// Colours and font of a theme, from its `theme.toml` (shared by HTML and PDF).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub font_family: String,
    pub colors: Colors,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    pub background: String,
    pub text: String,
    pub muted: String,
    pub accent: String,
    pub surface: String,
}

/// A resolved theme: its files (user files first) and its configuration.
#[derive(Debug, Clone)]
pub struct Theme {
    pub config: ThemeConfig,
    files: BTreeMap<String, Cow<'static, [u8]>>,
    /// The user's folder, when the theme came from one.
    pub folder: Option<PathBuf>,
}

/// Why a theme could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError(pub String);

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Theme {
    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        let mut files: BTreeMap<String, Cow<'static, [u8]>> = BTreeMap::new();
        for (_, theme_files) in BUILTIN
            .iter()
            .filter(|(n, _)| *n == "default" || *n == name)
        {
            for (path, bytes) in theme_files.iter() {
                files.insert((*path).to_string(), Cow::Borrowed(*bytes));
            }
        }
        if !BUILTIN.iter().any(|(n, _)| *n == name) {
            return None;
        }
        let config = parse_config(
            files
                .get("theme.toml")
                .map(|b| b.as_ref())
                .unwrap_or_default(),
        )
        .ok()?;
        Some(Theme {
            config,
            files,
            folder: None,
        })
    }

    /// A user's theme folder: its files override the built-in default's one by one.
    pub fn from_folder(dir: &Path) -> Result<Theme, ThemeError> {
        if !dir.is_dir() {
            return Err(ThemeError(format!(
                "theme `{}` is neither a built-in theme ({}) nor a folder",
                dir.display(),
                builtin_names().join(", ")
            )));
        }
        let mut theme = Theme::builtin("default")
            .ok_or_else(|| ThemeError("built-in default theme is broken".into()))?;
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            let entries = fs::read_dir(&folder)
                .map_err(|e| ThemeError(format!("{}: {e}", folder.display())))?;
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let Ok(rel) = path.strip_prefix(dir) else {
                    continue;
                };
                let key = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let bytes =
                    fs::read(&path).map_err(|e| ThemeError(format!("{}: {e}", path.display())))?;
                theme.files.insert(key, Cow::Owned(bytes));
            }
        }
        theme.config = parse_config(theme.file("theme.toml").unwrap_or_default())
            .map_err(|e| ThemeError(format!("{}: {e}", dir.join("theme.toml").display())))?;
        theme.folder = Some(dir.to_path_buf());
        Ok(theme)
    }

    /// Resolves `--theme` or `[deck] theme`: a built-in name, else a folder path
    /// (relative paths against `base`).
    pub fn resolve(spec: &str, base: &Path) -> Result<Theme, ThemeError> {
        if let Some(theme) = Theme::builtin(spec) {
            return Ok(theme);
        }
        let path = Path::new(spec);
        let path = if path.is_absolute() {
            path.to_path_buf()
        } else {
            base.join(path)
        };
        Theme::from_folder(&path)
    }

    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(|b| b.as_ref())
    }

    pub fn text(&self, name: &str) -> Result<&str, ThemeError> {
        let bytes = self
            .file(name)
            .ok_or_else(|| ThemeError(format!("the theme has no `{name}`")))?;
        std::str::from_utf8(bytes)
            .map_err(|_| ThemeError(format!("theme file `{name}` is not UTF-8")))
    }

    /// All file names, sorted.
    pub fn file_names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

fn parse_config(bytes: &[u8]) -> Result<ThemeConfig, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "theme.toml is not UTF-8".to_string())?;
    toml::from_str(text).map_err(|e| e.message().to_string())
}

/// Parses "#rgb" or "#rrggbb" into RGB bytes.
pub fn parse_hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize, len: usize| u8::from_str_radix(&hex[i..i + len], 16).ok();
    match hex.len() {
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        _ => None,
    }
}

/// WCAG 2.1 relative luminance of an sRGB colour.
pub fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG 2.1 contrast ratio between two colours (1 to 21).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_parse() {
        assert_eq!(parse_hex_color("#0a5"), Some([0, 0xaa, 0x55]));
        assert_eq!(parse_hex_color("#1f6feb"), Some([0x1f, 0x6f, 0xeb]));
        assert_eq!(parse_hex_color("1f6feb"), None);
        assert_eq!(parse_hex_color("#12345"), None);
        assert_eq!(parse_hex_color("#ééé"), None);
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([0x77, 0x77, 0x77], [255, 255, 255]) - 4.48).abs() < 0.01);
    }

    #[test]
    fn every_builtin_theme_text_meets_aa_contrast() {
        for name in builtin_names() {
            let theme = Theme::builtin(name).unwrap();
            let c = &theme.config.colors;
            let bg = parse_hex_color(&c.background).unwrap();
            let surface = parse_hex_color(&c.surface).unwrap();
            for fg in [&c.text, &c.muted, &c.accent] {
                let fg = parse_hex_color(fg).unwrap();
                assert!(contrast(fg, bg) >= 4.5, "{name}: {fg:?} on background");
                assert!(contrast(fg, surface) >= 4.5, "{name}: {fg:?} on surface");
            }
        }
    }
}
