//! Themes: built-in ones embedded in the binary, and user folders that override
//! their files one by one.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::deck::{Meta, Text};
use crate::diagnostic::{Code, Diagnostic, suggest};

/// Most files read from a user's theme folder.
pub const MAX_THEME_FILES: usize = 500;
/// Most bytes read from a user's theme folder, all files together.
pub const MAX_THEME_BYTES: u64 = 50 * 1024 * 1024;

/// The files of one built-in theme: (path inside the theme, bytes).
type Files = &'static [(&'static str, &'static [u8])];

macro_rules! theme_files {
    ($dir:literal: $($file:literal),* $(,)?) => {
        &[$(($file, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/", $dir, "/", $file)) as &[u8])),*]
    };
}

const DEFAULT_FILES: Files = theme_files!("default":
    "theme.toml", "deck.html", "style.css", "standing.css", "deck.js",
    "fonts/regular.woff2", "fonts/bold.woff2", "fonts/italic.woff2", "fonts/bold-italic.woff2",
    "fonts/regular.ttf", "fonts/bold.ttf", "fonts/italic.ttf", "fonts/bold-italic.ttf",
    "fonts/OFL.txt",
);

const CONTRAST_FILES: Files = theme_files!("contrast": "theme.toml", "theme.css");
const BOARD_FILES: Files = theme_files!("board": "theme.toml", "theme.css");

/// Built-in themes: (name, files). Every theme falls back to `default` for
/// files it does not have; `default` comes first.
pub const BUILTIN: &[(&str, Files)] = &[
    ("default", DEFAULT_FILES),
    ("contrast", CONTRAST_FILES),
    ("board", BOARD_FILES),
];

/// The least text contrast (WCAG AA for normal text) a theme may declare.
pub const AA_CONTRAST: f64 = 4.5;

/// Colours and font of a theme, from its `theme.toml` (shared by HTML and PDF).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub font_family: String,
    /// Whether the deck's `[deck] brand_color` replaces the accent colour.
    #[serde(default)]
    pub uses_brand_color: bool,
    /// The least contrast the theme keeps between text colours (text, muted,
    /// accent) and backgrounds (background, surface); a brand colour is
    /// adjusted to meet it. At least 4.5 (WCAG AA); 7 is WCAG AAA.
    #[serde(default = "default_min_contrast")]
    pub min_contrast: f64,
    pub colors: Colors,
    /// Type sizes on the 1280×720 slide, shared by the stylesheet (as CSS
    /// variables) and the build's fit estimate.
    #[serde(default)]
    pub sizes: Sizes,
}

/// Type sizes in CSS pixels on the 1280×720 slide. The build may set a crowded
/// slide's text smaller, down to `min` and never below [`MIN_TEXT_PX`].
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Sizes {
    /// Points, answers' body text, the byline.
    pub text: f32,
    /// The claim (or question) heading.
    pub claim: f32,
    /// The deck's title on the title slide.
    pub title: f32,
    pub subtitle: f32,
    /// An objection's answer.
    pub answer: f32,
    /// The section label above the claim.
    pub label: f32,
    /// Evidence, the metrics table, the slide number.
    pub small: f32,
    /// "Questions you may hear".
    pub divider: f32,
    /// The least size the build may shrink text to.
    pub min: f32,
}

/// No text on a slide is smaller than this, at 1280×720 (WCAG-minded; the
/// back row of a meeting room).
pub const MIN_TEXT_PX: f32 = 24.0;

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            text: 30.0,
            claim: 46.0,
            title: 64.0,
            subtitle: 34.0,
            answer: 32.0,
            label: 24.0,
            small: 24.0,
            divider: 56.0,
            min: MIN_TEXT_PX,
        }
    }
}

impl Sizes {
    /// Every size, named as in theme.toml.
    pub fn named(&self) -> [(&'static str, f32); 9] {
        [
            ("text", self.text),
            ("claim", self.claim),
            ("title", self.title),
            ("subtitle", self.subtitle),
            ("answer", self.answer),
            ("label", self.label),
            ("small", self.small),
            ("divider", self.divider),
            ("min", self.min),
        ]
    }
}

fn default_min_contrast() -> f64 {
    AA_CONTRAST
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

/// Why a theme could not be used: what is wrong, how to fix it when there is
/// more to say than the message, and the theme's file it is in when it is
/// about one file's content (a `theme.toml` that does not parse, a template).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError {
    pub message: String,
    pub help: Option<String>,
    pub file: Option<ThemeFile>,
}

/// A file of a theme an error is in: its path as shown, its text and the
/// place in it when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFile {
    pub path: String,
    pub text: Option<Arc<str>>,
    pub span: Option<Range<usize>>,
}

impl ThemeError {
    pub fn new(message: impl Into<String>) -> Self {
        ThemeError {
            message: message.into(),
            help: None,
            file: None,
        }
    }

    /// About the content of one of the theme's files.
    pub fn in_file(mut self, file: ThemeFile) -> Self {
        self.file = Some(file);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The failure as a diagnostic with `code`: in the theme's file when it is
    /// about one, else at `span` in the deck (its `theme = "…"`) when given.
    pub fn diagnostic(self, code: Code, span: Option<Range<usize>>) -> Diagnostic {
        let help = self.help.unwrap_or_else(|| {
            let names = builtin_names().join(", ");
            if self.file.is_some() {
                format!("fix the theme's file, or use a built-in theme ({names})")
            } else {
                format!("use a built-in theme ({names}) or a folder next to the deck")
            }
        });
        let d = Diagnostic::new(code, self.message).help(help);
        match (self.file, span) {
            (Some(file), _) => {
                let d = d.in_file(file.path, file.text);
                match file.span {
                    Some(span) => d.at(span),
                    None => d,
                }
            }
            (None, Some(span)) => d.at(span),
            (None, None) => d,
        }
    }
}

/// A theme file's path as messages show it: without a leading `./`.
pub fn shown_path(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}: {}", file.path, self.message),
            None => f.write_str(&self.message),
        }
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
            return Err(ThemeError::new(format!(
                "theme `{}` is neither a built-in theme ({}) nor a folder",
                dir.display(),
                builtin_names().join(", ")
            )));
        }
        let mut theme = Theme::builtin("default")
            .ok_or_else(|| ThemeError::new("built-in default theme is broken"))?;
        let root = dir
            .canonicalize()
            .map_err(|e| ThemeError::new(format!("{}: {e}", dir.display())))?;
        let (mut count, mut total) = (0usize, 0u64);
        let mut stack = vec![root.clone()];
        while let Some(folder) = stack.pop() {
            let entries = fs::read_dir(&folder)
                .map_err(|e| ThemeError::new(format!("{}: {e}", folder.display())))?;
            for entry in entries.flatten() {
                let path = entry.path();
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    stack.push(path);
                    continue;
                }
                // A symlink is followed only to a file inside the theme folder, so a
                // theme cannot carry a local file (a key, a password file) into a deck.
                let real = if kind.is_symlink() {
                    match path.canonicalize() {
                        Ok(real) if real.starts_with(&root) && real.is_file() => real,
                        _ => {
                            return Err(ThemeError::new(format!(
                                "{}: a link to something that is not a file inside the theme folder",
                                path.display()
                            )));
                        }
                    }
                } else if kind.is_file() {
                    path.clone()
                } else {
                    continue; // a pipe, socket or device: never read
                };
                let Ok(rel) = path.strip_prefix(&root) else {
                    continue;
                };
                let key = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                count += 1;
                let size = fs::metadata(&real).map_or(0, |m| m.len());
                total += size;
                if count > MAX_THEME_FILES || total > MAX_THEME_BYTES {
                    return Err(ThemeError::new(format!(
                        "{}: a theme folder may hold at most {MAX_THEME_FILES} files and {} MiB; this one holds more",
                        dir.display(),
                        MAX_THEME_BYTES / (1024 * 1024)
                    )));
                }
                let bytes = fs::read(&real)
                    .map_err(|e| ThemeError::new(format!("{}: {e}", path.display())))?;
                theme.files.insert(key, Cow::Owned(bytes));
            }
        }
        let bytes = theme.file("theme.toml").unwrap_or_default();
        theme.config = parse_config_at(bytes).map_err(|(message, span)| {
            ThemeError::new(message).in_file(ThemeFile {
                path: shown_path(&dir.join("theme.toml")),
                text: std::str::from_utf8(bytes).ok().map(Arc::from),
                span,
            })
        })?;
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

    /// Resolves `[deck] theme`, written by the deck's author: a built-in name, or
    /// a folder inside the deck's folder `dir` (after following symlinks), as for
    /// images, so that a deck from someone else cannot make pitchdeck read
    /// folders elsewhere on the disk (`theme = "/"`).
    pub fn resolve_for_deck(spec: &str, dir: &Path) -> Result<Theme, ThemeError> {
        if let Some(theme) = Theme::builtin(spec) {
            return Ok(theme);
        }
        let path = dir.join(spec);
        if let (Ok(real), Ok(dir)) = (path.canonicalize(), dir.canonicalize())
            && !real.starts_with(&dir)
        {
            return Err(ThemeError::new(format!(
                "theme `{spec}` is a folder outside the deck's folder; a deck may only use a theme folder inside its own folder"
            )));
        }
        Theme::from_folder(&path)
    }

    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(|b| b.as_ref())
    }

    pub fn text(&self, name: &str) -> Result<&str, ThemeError> {
        let bytes = self
            .file(name)
            .ok_or_else(|| ThemeError::new(format!("the theme has no `{name}`")))?;
        std::str::from_utf8(bytes)
            .map_err(|_| ThemeError::new(format!("theme file `{name}` is not UTF-8")))
    }

    /// All file names, sorted.
    pub fn file_names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

/// What became of the deck's brand colour in a theme.
#[derive(Debug, Clone, PartialEq)]
pub enum Brand {
    /// The deck has no brand colour (or not a valid one).
    Unset,
    /// The theme does not use one; its own accent stays.
    Ignored,
    /// Used as the accent unchanged.
    Used,
    /// Used, but darkened or lightened to keep the theme's text contrast.
    Adjusted {
        /// The colour as `#rrggbb`, as used.
        color: String,
        /// Contrast of the colour as written, against the background or
        /// surface it does worst on.
        before: f64,
        /// The same, after adjusting.
        after: f64,
        /// Darkened (on a light theme) rather than lightened.
        darker: bool,
    },
}

/// The colours a deck is drawn with: the theme's, with the accent replaced by
/// the deck's brand colour where the theme takes one. HTML and PDF both use this.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub colors: Colors,
    pub brand: Brand,
}

fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// The lower contrast of `fg` against the two backgrounds.
fn worst_contrast(fg: [u8; 3], backgrounds: &[[u8; 3]]) -> f64 {
    backgrounds
        .iter()
        .map(|bg| contrast(fg, *bg))
        .fold(f64::INFINITY, f64::min)
}

/// Moves `color` towards black (on light backgrounds) or white (on dark ones),
/// in small steps, until it reaches `min` contrast against every background.
/// Keeps the hue as far as it can; `None` when not even black or white would do.
pub fn adjust_for_contrast(color: [u8; 3], backgrounds: &[[u8; 3]], min: f64) -> Option<[u8; 3]> {
    if worst_contrast(color, backgrounds) >= min {
        return Some(color);
    }
    let light = backgrounds.iter().map(|bg| luminance(*bg)).sum::<f64>()
        / backgrounds.len().max(1) as f64
        > 0.18;
    let target: f64 = if light { 0.0 } else { 255.0 };
    (1..=100).find_map(|step| {
        let t = f64::from(step) / 100.0;
        let mixed = color.map(|c| (f64::from(c) + (target - f64::from(c)) * t).round() as u8);
        (worst_contrast(mixed, backgrounds) >= min).then_some(mixed)
    })
}

impl Theme {
    /// The theme's colours for a deck with this `[deck] brand_color` (if any).
    pub fn palette(&self, brand_color: Option<&str>) -> Palette {
        let mut colors = self.config.colors.clone();
        let Some(brand) = brand_color.and_then(parse_hex_color) else {
            return Palette {
                colors,
                brand: Brand::Unset,
            };
        };
        if !self.config.uses_brand_color {
            return Palette {
                colors,
                brand: Brand::Ignored,
            };
        }
        let backgrounds: Vec<[u8; 3]> = [&colors.background, &colors.surface]
            .into_iter()
            .filter_map(|c| parse_hex_color(c))
            .collect();
        let min = self.config.min_contrast.max(AA_CONTRAST);
        let before = worst_contrast(brand, &backgrounds);
        let brand = match adjust_for_contrast(brand, &backgrounds, min) {
            Some(color) if color == brand => {
                colors.accent = hex(color);
                Brand::Used
            }
            Some(color) => {
                colors.accent = hex(color);
                Brand::Adjusted {
                    color: hex(color),
                    before,
                    after: worst_contrast(color, &backgrounds),
                    darker: luminance(color) < luminance(brand),
                }
            }
            // Backgrounds so mid-grey nothing passes: keep the theme's accent.
            None => Brand::Ignored,
        };
        Palette { colors, brand }
    }

    /// The theme's name for messages: its built-in name or its folder.
    pub fn display_name(&self) -> String {
        match &self.folder {
            Some(folder) => format!("theme folder {}", folder.display()),
            None => format!("the {} theme", self.config.name),
        }
    }

    /// Copies every file the theme uses (its own and those it falls back to)
    /// into `dir`, so the folder is a complete theme to edit. Writes nothing
    /// when any of the files already exists there.
    pub fn export(&self, dir: &Path) -> Result<Vec<PathBuf>, ThemeError> {
        let targets: Vec<(PathBuf, &[u8])> = self
            .files
            .iter()
            .map(|(name, bytes)| {
                (
                    name.split('/').fold(dir.to_path_buf(), |p, c| p.join(c)),
                    bytes.as_ref(),
                )
            })
            .collect();
        if let Some((existing, _)) = targets.iter().find(|(path, _)| path.exists()) {
            return Err(ThemeError::new(format!(
                "{} already exists; theme export never overwrites a file (choose an empty folder)",
                existing.display()
            )));
        }
        for (path, bytes) in &targets {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| {
                    ThemeError::new(format!("could not create {}: {e}", parent.display()))
                })?;
            }
            fs::write(path, bytes)
                .map_err(|e| ThemeError::new(format!("could not write {}: {e}", path.display())))?;
        }
        Ok(targets.into_iter().map(|(path, _)| path).collect())
    }
}

/// Warnings about the deck's brand colour in this theme: W401 when it was
/// adjusted to keep text readable, W402 when the theme does not use it.
pub fn brand_diagnostics(meta: &Meta, theme: &Theme) -> Vec<Diagnostic> {
    let Some(written) = &meta.brand_color else {
        return Vec::new();
    };
    match theme.palette(Some(&written.value)).brand {
        Brand::Unset | Brand::Used => Vec::new(),
        Brand::Ignored => vec![
            Diagnostic::new(Code::W402,
                format!("{} does not use `brand_color`", theme.display_name()),
            )
            .at(written.span.clone())
            .help("use theme = \"board\" to show your brand colour, or remove brand_color"),
        ],
        Brand::Adjusted {
            color,
            before,
            after,
            darker,
        } => vec![
            Diagnostic::new(Code::W401,
                format!(
                    "brand_color \"{}\" is too {} to read on {} ({before:.1}:1 where text needs {:.1}:1); it is drawn {} as {color} ({after:.1}:1)",
                    written.value,
                    if darker { "light" } else { "dark" },
                    theme.display_name(),
                    theme.config.min_contrast.max(AA_CONTRAST),
                    if darker { "darker" } else { "lighter" },
                ),
            )
            .at(written.span.clone())
            .help(format!(
                "to keep the colour exact, choose one with more contrast, e.g. brand_color = \"{color}\""
            )),
        ],
    }
}

/// E010: the deck's `[deck] theme` (at `span`) cannot be used — the one place
/// E010 is made. About a file of the theme, it points into that file.
pub fn unusable_theme(e: ThemeError, span: Range<usize>) -> Diagnostic {
    e.diagnostic(Code::E010, Some(span))
}

/// E010 when the deck's `theme = "…"` names neither a built-in theme nor a
/// folder in the deck's folder `dir`, with the nearest built-in name.
pub fn unknown_theme(spec: &Text, dir: &Path) -> Option<Diagnostic> {
    let name = spec.value.as_str();
    if Theme::builtin(name).is_some() || dir.join(name).is_dir() {
        return None;
    }
    let names = builtin_names();
    let help = match suggest(name, &names) {
        Some(s) => format!("did you mean \"{s}\"?"),
        None => format!(
            "use a built-in theme ({}) or a theme folder next to the deck",
            names.join(", ")
        ),
    };
    let error = ThemeError::new(format!(
        "theme `{name}` is neither a built-in theme nor a folder next to the deck"
    ))
    .help(help);
    Some(unusable_theme(error, spec.span.clone()))
}

pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

fn parse_config(bytes: &[u8]) -> Result<ThemeConfig, String> {
    parse_config_at(bytes).map_err(|(message, _)| message)
}

/// Parses theme.toml; an error comes with the place in the file it is about.
fn parse_config_at(bytes: &[u8]) -> Result<ThemeConfig, (String, Option<Range<usize>>)> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| ("theme.toml is not UTF-8".to_string(), None))?;
    let config: ThemeConfig =
        toml::from_str(text).map_err(|e| (e.message().to_string(), e.span()))?;
    if let Some((name, size)) = config
        .sizes
        .named()
        .into_iter()
        .find(|(_, size)| !(MIN_TEXT_PX..=200.0).contains(size))
    {
        return Err((
            format!(
                "[sizes] {name} = {size}: sizes are CSS pixels on a 1280×720 slide, from {MIN_TEXT_PX} to 200"
            ),
            value_span(text, "sizes", name),
        ));
    }
    Ok(config)
}

/// Where `[table] key`'s value is in a TOML text.
fn value_span(text: &str, table: &str, key: &str) -> Option<Range<usize>> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let (_, value) = root
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == table)?;
    let DeValue::Table(t) = value.get_ref() else {
        return None;
    };
    t.iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v.span())
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

    const COLORS: &str = "[colors]\nbackground = \"#fff\"\ntext = \"#000\"\nmuted = \"#333\"\naccent = \"#036\"\nsurface = \"#eee\"\n";

    #[test]
    fn sizes_default_to_the_default_theme_and_keep_the_least_size() {
        let config =
            parse_config(format!("name = \"t\"\nfont_family = \"F\"\n{COLORS}").as_bytes())
                .unwrap();
        assert_eq!(config.sizes, Sizes::default());
        let config = parse_config(
            format!("name = \"t\"\nfont_family = \"F\"\n{COLORS}[sizes]\ntext = 34\n").as_bytes(),
        )
        .unwrap();
        assert_eq!(config.sizes.text, 34.0);
        assert_eq!(config.sizes.claim, 46.0);
        let err = parse_config(
            format!("name = \"t\"\nfont_family = \"F\"\n{COLORS}[sizes]\nsmall = 18\n").as_bytes(),
        )
        .unwrap_err();
        assert!(err.contains("[sizes] small = 18"), "{err}");
        assert!(Theme::builtin("contrast").unwrap().config.sizes.text > Sizes::default().text);
    }

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

    /// Text, muted text and the accent, on the background and on the surface,
    /// meet the contrast each theme declares, which is never below AA.
    #[test]
    fn every_builtin_theme_text_meets_its_declared_contrast() {
        for name in builtin_names() {
            let theme = Theme::builtin(name).unwrap();
            let c = &theme.config.colors;
            let min = theme.config.min_contrast;
            assert!(min >= AA_CONTRAST, "{name} declares {min}");
            let bg = parse_hex_color(&c.background).unwrap();
            let surface = parse_hex_color(&c.surface).unwrap();
            for fg in [&c.text, &c.muted, &c.accent] {
                let fg = parse_hex_color(fg).unwrap();
                assert!(contrast(fg, bg) >= min, "{name}: {fg:?} on background");
                assert!(contrast(fg, surface) >= min, "{name}: {fg:?} on surface");
            }
        }
    }

    #[test]
    fn the_contrast_theme_is_dark_and_aaa() {
        let theme = Theme::builtin("contrast").unwrap();
        assert!(theme.config.min_contrast >= 7.0);
        let c = &theme.config.colors;
        let bg = parse_hex_color(&c.background).unwrap();
        assert!(luminance(bg) < luminance(parse_hex_color(&c.text).unwrap()));
        assert!(luminance(bg) < 0.05);
    }

    #[test]
    fn builtin_themes_fall_back_to_default_files() {
        for name in builtin_names() {
            let theme = Theme::builtin(name).unwrap();
            assert_eq!(theme.config.name, name);
            for file in ["deck.html", "deck.js", "style.css", "fonts/regular.woff2"] {
                assert!(theme.file(file).is_some(), "{name} lacks {file}");
            }
        }
        assert!(Theme::builtin("board").unwrap().file("theme.css").is_some());
        assert!(
            Theme::builtin("default")
                .unwrap()
                .file("theme.css")
                .is_none()
        );
        assert!(Theme::builtin("nope").is_none());
    }

    #[test]
    fn a_readable_brand_colour_is_used_as_it_is() {
        let board = Theme::builtin("board").unwrap();
        let p = board.palette(Some("#0a5c36"));
        assert_eq!(p.brand, Brand::Used);
        assert_eq!(p.colors.accent, "#0a5c36");
        assert_eq!(board.palette(None).brand, Brand::Unset);
        assert_eq!(board.palette(Some("green")).brand, Brand::Unset);
    }

    #[test]
    fn a_light_brand_colour_is_darkened_until_it_passes() {
        let board = Theme::builtin("board").unwrap();
        let p = board.palette(Some("#ffcc00"));
        let Brand::Adjusted {
            color,
            before,
            after,
            darker,
        } = p.brand
        else {
            panic!("not adjusted: {:?}", p.brand);
        };
        assert!(darker);
        assert!(before < 2.0);
        assert!(after >= 4.5);
        assert_eq!(p.colors.accent, color);
        let rgb = parse_hex_color(&color).unwrap();
        for bg in [
            &board.config.colors.background,
            &board.config.colors.surface,
        ] {
            assert!(contrast(rgb, parse_hex_color(bg).unwrap()) >= 4.5);
        }
        // Still a yellow-brown, not black: red stays above blue.
        assert!(rgb[0] > rgb[2] && rgb != [0, 0, 0]);
    }

    #[test]
    fn a_dark_brand_colour_is_lightened_on_a_dark_theme() {
        let dark = [0x10, 0x12, 0x14];
        let adjusted = adjust_for_contrast([0x00, 0x22, 0x66], &[dark], 4.5).unwrap();
        assert!(luminance(adjusted) > luminance([0x00, 0x22, 0x66]));
        assert!(contrast(adjusted, dark) >= 4.5);
    }

    #[test]
    fn themes_without_brand_colour_keep_their_accent() {
        for name in ["default", "contrast"] {
            let theme = Theme::builtin(name).unwrap();
            let p = theme.palette(Some("#ff0000"));
            assert_eq!(p.brand, Brand::Ignored);
            assert_eq!(p.colors, theme.config.colors);
        }
    }

    #[test]
    fn an_exported_theme_is_complete_and_never_overwrites() {
        let dir = std::env::temp_dir().join(format!("pitchdeck-export-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let board = Theme::builtin("board").unwrap();
        let written = board.export(&dir).unwrap();
        assert_eq!(written.len(), board.file_names().count());
        assert!(dir.join("fonts").join("OFL.txt").is_file());
        let back = Theme::from_folder(&dir).unwrap();
        assert_eq!(back.config, board.config);
        for name in board.file_names() {
            assert_eq!(back.file(name), board.file(name), "{name}");
        }
        fs::write(dir.join("theme.css"), "/* mine */").unwrap();
        let err = board.export(&dir).unwrap_err();
        assert!(err.message.contains("already exists"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.join("theme.css")).unwrap(),
            "/* mine */"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
