//! Reading deck.toml: the file, the TOML syntax, and every rule of format 1.
//!
//! The TOML is parsed into a spanned tree (`toml::de::DeTable`) and walked by hand
//! rather than deserialised with serde, so that *every* problem in a file is
//! reported in one run, each at the exact key or value it is about.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::deck::{
    CheckConfig, Date, Deck, Image, ImageFormat, Lang, Measure, MeasureKind, Meta, Number,
    Objection, Section, SectionKind, Text,
};
use crate::diagnostic::Diagnostic;

/// Largest deck file read, in bytes. Decks are a page of text; this guards memory.
pub const MAX_DECK_BYTES: u64 = 2 * 1024 * 1024;
/// Largest image embedded, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 10 * 1024 * 1024;
/// Longest single text field, in characters (speaker notes are the long ones).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Most `points` in one section.
pub const MAX_POINTS: usize = 50;
/// Most `[[metrics.measure]]` entries.
pub const MAX_MEASURES: usize = 200;
/// Most TOML syntax errors reported one by one; the rest are counted.
pub const MAX_SYNTAX_ERRORS: usize = 50;
/// Most `[[objection]]` entries.
pub const MAX_OBJECTIONS: usize = 5_000;

/// Why a deck file could not be read at all (exit code 2, or 1 for bad bytes).
#[derive(Debug)]
pub enum ReadError {
    NotFound(PathBuf),
    IsDirectory(PathBuf),
    TooLarge(PathBuf, u64),
    /// The bytes are not UTF-8: line, column and the offending byte.
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
        byte: u8,
    },
    Io(PathBuf, io::Error),
}

impl ReadError {
    /// One line for the terminal.
    pub fn message(&self) -> String {
        match self {
            ReadError::NotFound(p) => format!("{}: no such file", p.display()),
            ReadError::IsDirectory(p) => {
                format!(
                    "{}: is a directory, not a deck file (give the path of a .toml file)",
                    p.display()
                )
            }
            ReadError::TooLarge(p, n) if *n > MAX_DECK_BYTES + 1 => format!(
                "{}: the file is {n} bytes; a deck may be at most {MAX_DECK_BYTES} bytes",
                p.display()
            ),
            ReadError::TooLarge(p, _) => format!(
                "{}: the file is over {MAX_DECK_BYTES} bytes; a deck may be at most {MAX_DECK_BYTES} bytes",
                p.display()
            ),
            ReadError::NotUtf8 {
                path,
                line,
                column,
                byte,
            } => format!(
                "{}:{line}:{column}: the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8",
                path.display()
            ),
            ReadError::Io(p, e) => format!("{}: {e}", p.display()),
        }
    }

    /// Bad bytes are a problem with the deck (exit 1); the rest are I/O (exit 2).
    pub fn is_deck_error(&self) -> bool {
        matches!(self, ReadError::NotUtf8 { .. } | ReadError::TooLarge(..))
    }
}

/// Reads a deck file as UTF-8 text. A byte-order mark is dropped.
pub fn read(path: &Path) -> Result<String, ReadError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(ReadError::NotFound(path.into()));
        }
        Err(e) => return Err(ReadError::Io(path.into(), e)),
    };
    if meta.is_dir() {
        return Err(ReadError::IsDirectory(path.into()));
    }
    if meta.len() > MAX_DECK_BYTES {
        return Err(ReadError::TooLarge(path.into(), meta.len()));
    }
    // Read at most one byte over the limit: a device or a pipe (`/dev/zero`,
    // `/dev/stdin`) has no size to check first.
    let bytes = read_at_most(path, MAX_DECK_BYTES).map_err(|e| ReadError::Io(path.into(), e))?;
    if bytes.len() as u64 > MAX_DECK_BYTES {
        return Err(ReadError::TooLarge(path.into(), bytes.len() as u64));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(ReadError::NotUtf8 {
                path: path.into(),
                line,
                column,
                byte: bytes[valid],
            })
        }
    }
}

/// Reads up to `limit + 1` bytes of a file, so that a file over the limit is
/// noticed without reading all of it.
fn read_at_most(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use io::Read as _;
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Parses and validates deck text. `dir` is the deck's folder (for images).
/// Returns the deck when there are no errors, and every diagnostic found.
pub fn parse(source: &str, dir: &Path) -> (Option<Deck>, Vec<Diagnostic>) {
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        let mut diags: Vec<Diagnostic> = syntax_errors
            .iter()
            .take(MAX_SYNTAX_ERRORS)
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim_end();
                Diagnostic::error("E001", format!("TOML syntax: {message}"))
                    .at(span)
                    .help(syntax_help(message))
            })
            .collect();
        // One broken line can make an error per character after it.
        if let Some(next) = syntax_errors.get(MAX_SYNTAX_ERRORS) {
            let more = syntax_errors.len() - MAX_SYNTAX_ERRORS;
            diags.push(
                Diagnostic::error(
                    "E001",
                    format!("TOML syntax: {more} more errors from here on are not shown"),
                )
                .at(next.span().unwrap_or(0..0))
                .help("fix the first errors: the rest often follow from them"),
            );
        }
        return (None, diags);
    }
    if root.get_ref().is_empty() {
        let d = Diagnostic::error("E003", "the deck file has no sections")
            .at(0..0)
            .help("start from a working deck: `pitchdeck new deck.toml` writes one with every section explained");
        return (None, vec![d]);
    }
    let mut v = Validator {
        source,
        dir,
        diags: Vec::new(),
    };
    let deck = v.deck(root.get_ref());
    let has_errors = v.diags.iter().any(Diagnostic::is_error);
    (if has_errors { None } else { deck }, v.diags)
}

pub(crate) const ROOT_KEYS: &[&str] = &[
    "deck",
    "summary",
    "need",
    "risk",
    "research",
    "strategy",
    "engagement",
    "metrics",
    "ask",
    "objection",
    "check",
];
pub(crate) const DECK_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "author",
    "audience",
    "date",
    "lang",
    "theme",
    "minutes",
    "brand_color",
    "logo",
];
pub(crate) const SECTION_KEYS: &[&str] =
    &["claim", "points", "evidence", "image", "image_alt", "notes"];
pub(crate) const METRICS_KEYS: &[&str] = &[
    "claim",
    "points",
    "evidence",
    "image",
    "image_alt",
    "notes",
    "measure",
];
pub(crate) const MEASURE_KEYS: &[&str] =
    &["name", "target", "by", "baseline", "unit", "kind", "why"];
pub(crate) const OBJECTION_KEYS: &[&str] = &["question", "answer"];
pub(crate) const CHECK_KEYS: &[&str] = &[
    "max_points",
    "max_claim_words",
    "max_slide_words",
    "max_lix",
    "allow",
    "words",
];

struct Validator<'a> {
    source: &'a str,
    dir: &'a Path,
    diags: Vec<Diagnostic>,
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

fn type_name(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The closest valid key, when one is close enough to be a likely typo.
pub fn suggest<'k>(key: &str, valid: &[&'k str]) -> Option<&'k str> {
    valid
        .iter()
        .map(|v| (strsim::jaro_winkler(key, v), *v))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v)
}

impl<'a> Validator<'a> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Where to point when something is missing from the whole file: the end of
    /// its last line of content, where the user would add it.
    fn end_of_file(&self) -> Range<usize> {
        let end = self.source.trim_end().len();
        end..end
    }

    fn check_keys(&mut self, table: &Table, allowed: &[&str], context: &str) {
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let mut d = Diagnostic::error("E002", format!("unknown key `{name}` in {context}"))
                .at(key.span());
            d = match suggest(name, allowed) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!("valid keys here: {}", allowed.join(", "))),
            };
            self.push(d);
        }
    }

    fn lookup<'t, 'i>(
        table: &'t Table<'i>,
        key: &str,
    ) -> Option<(&'t Spanned<toml::de::DeString<'i>>, &'t Value<'i>)> {
        table.iter().find(|(k, _)| k.get_ref().as_ref() == key)
    }

    fn wrong_type(&mut self, key: &str, context: &str, expected: &str, value: &Value, help: &str) {
        self.push(
            Diagnostic::error(
                "E005",
                format!(
                    "`{key}` in {context} must be {expected}, found {}",
                    type_name(value.get_ref())
                ),
            )
            .at(value.span())
            .help(help.to_string()),
        );
    }

    fn missing(&mut self, key: &str, context: &str, at: Range<usize>, help: &str) {
        self.push(
            Diagnostic::error(
                "E004",
                format!("{context} is missing the required key `{key}`"),
            )
            .at(at)
            .help(help.to_string()),
        );
    }

    fn string(&mut self, table: &Table, key: &str, context: &str, example: &str) -> Option<Text> {
        let (_, value) = Self::lookup(table, key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                self.check_length(s, key, context, value.span());
                Some(Text::from_source(s.to_string(), value.span(), self.source))
            }
            _ => {
                self.wrong_type(
                    key,
                    context,
                    "a string",
                    value,
                    &format!("write it in quotes: {key} = \"{example}\""),
                );
                None
            }
        }
    }

    fn check_length(&mut self, text: &str, key: &str, context: &str, span: Range<usize>) {
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.push(
                Diagnostic::error("E011", format!("`{key}` in {context} is {chars} characters long; the limit is {MAX_TEXT_CHARS}"))
                    .at(span.start..span.start)
                    .help("a slide or its notes should be read in a minute or two; shorten it or split it"),
            );
        }
    }

    fn required_string(
        &mut self,
        table: &Table,
        key: &str,
        context: &str,
        at: Range<usize>,
        example: &str,
    ) -> Option<Text> {
        if Self::lookup(table, key).is_none() {
            self.missing(
                key,
                context,
                at,
                &format!("add a line: {key} = \"{example}\""),
            );
            return None;
        }
        let text = self.string(table, key, context, example)?;
        if text.value.trim().is_empty() {
            self.push(
                Diagnostic::error("E006", format!("`{key}` in {context} is empty"))
                    .at(text.span.clone())
                    .help(format!("write it out, e.g. {key} = \"{example}\"")),
            );
        }
        Some(text)
    }

    fn string_array(
        &mut self,
        table: &Table,
        key: &str,
        context: &str,
    ) -> Option<(Vec<Text>, Range<usize>)> {
        let (_, value) = Self::lookup(table, key)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                key,
                context,
                "an array of strings",
                value,
                &format!("write {key} = [\"first\", \"second\"]"),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => {
                    self.check_length(s, key, context, item.span());
                    out.push(Text::from_source(s.to_string(), item.span(), self.source))
                }
                other => self.push(
                    Diagnostic::error(
                        "E005",
                        format!(
                            "each entry of `{key}` in {context} must be a string, found {}",
                            type_name(other)
                        ),
                    )
                    .at(item.span())
                    .help("put the text in quotes"),
                ),
            }
        }
        Some((out, value.span()))
    }

    fn integer(
        &mut self,
        table: &Table,
        key: &str,
        context: &str,
        range: (i64, i64),
    ) -> Option<(i64, Range<usize>)> {
        let (_, value) = Self::lookup(table, key)?;
        let DeValue::Integer(i) = value.get_ref() else {
            self.wrong_type(
                key,
                context,
                "a whole number",
                value,
                &format!(
                    "write a number without quotes, e.g. {key} = {}",
                    if range.1 >= 10 { 10 } else { range.0 }
                ),
            );
            return None;
        };
        let parsed = i64::from_str_radix(i.as_str(), i.radix()).ok();
        match parsed {
            Some(n) if n >= range.0 && n <= range.1 => Some((n, value.span())),
            _ => {
                self.push(
                    Diagnostic::error(
                        "E006",
                        format!(
                            "`{key}` in {context} must be between {} and {}",
                            range.0, range.1
                        ),
                    )
                    .at(value.span())
                    .help(format!("use a number from {} to {}", range.0, range.1)),
                );
                None
            }
        }
    }

    fn number(
        &mut self,
        table: &Table,
        key: &str,
        context: &str,
    ) -> Option<(Number, Range<usize>)> {
        let (_, value) = Self::lookup(table, key)?;
        let n = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite()),
            DeValue::String(s) => {
                let hint = s.trim().trim_end_matches('%').trim();
                self.wrong_type(key, context, "a number", value, &format!("write the number without quotes (`{key} = {hint}`) and put the unit in `unit`"));
                return None;
            }
            _ => {
                self.wrong_type(key, context, "a number", value, &format!("e.g. {key} = 25"));
                return None;
            }
        };
        match n {
            Some(n) => Some((Number(n), value.span())),
            None => {
                self.push(
                    Diagnostic::error(
                        "E006",
                        format!("`{key}` in {context} must be a finite number"),
                    )
                    .at(value.span())
                    .help("use an ordinary number such as 25 or 2.5"),
                );
                None
            }
        }
    }

    fn date(&mut self, table: &Table, key: &str, context: &str) -> Option<(Date, Range<usize>)> {
        let (_, value) = Self::lookup(table, key)?;
        let bad = |v: &mut Self, msg: String, help: &str| {
            v.push(
                Diagnostic::error("E006", msg)
                    .at(value.span())
                    .help(help.to_string()),
            );
        };
        match value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => Some((
                    Date {
                        year: d.year,
                        month: d.month,
                        day: d.day,
                    },
                    value.span(),
                )),
                _ => {
                    bad(
                        self,
                        format!("`{key}` in {context} must be a date without a time"),
                        &format!("write only the date: {key} = 2027-06-30"),
                    );
                    None
                }
            },
            DeValue::String(s) => {
                let hint = if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
                    format!("remove the quotes: {key} = {s}")
                } else {
                    format!("write a date as YYYY-MM-DD without quotes: {key} = 2027-06-30")
                };
                bad(
                    self,
                    format!("`{key}` in {context} must be a date, found a string"),
                    &hint,
                );
                None
            }
            other => {
                bad(
                    self,
                    format!(
                        "`{key}` in {context} must be a date, found {}",
                        type_name(other)
                    ),
                    &format!("write {key} = 2027-06-30"),
                );
                None
            }
        }
    }

    fn deck(&mut self, root: &Table) -> Option<Deck> {
        self.check_keys(root, ROOT_KEYS, "the deck file");
        let meta = self.meta(root);
        let mut sections = Vec::new();
        let mut measures = Vec::new();
        for kind in SectionKind::ALL {
            match Self::lookup(root, kind.key()) {
                Some((_, value)) => {
                    let DeValue::Table(table) = value.get_ref() else {
                        self.wrong_type(
                            kind.key(),
                            "the deck file",
                            "a table",
                            value,
                            &format!("start the section with a line [{}]", kind.key()),
                        );
                        continue;
                    };
                    if let Some(section) = self.section(kind, table, value.span()) {
                        sections.push(section);
                    }
                    if kind == SectionKind::Metrics {
                        measures = self.measures(table, value.span());
                    }
                }
                None if kind.required() => {
                    // Point at the section it should come before, or the end of the file.
                    let next = SectionKind::ALL
                        .iter()
                        .filter(|k| **k > kind)
                        .find_map(|k| Self::lookup(root, k.key()).map(|(key, _)| (k, key.span())));
                    let (at, place) = match next {
                        Some((k, span)) => (span, format!(" (it goes before [{}])", k.key())),
                        None => (self.end_of_file(), String::new()),
                    };
                    let help = match kind {
                        SectionKind::Metrics => "add a [metrics] table with a claim, and at least one [[metrics.measure]]".to_string(),
                        _ => format!("add a [{}] table with a `claim`: one sentence that states the point", kind.key()),
                    };
                    self.push(
                        Diagnostic::error(
                            "E003",
                            format!("the deck has no [{}] section{place}", kind.key()),
                        )
                        .at(at)
                        .help(help),
                    );
                }
                None => {}
            }
        }
        let objections = self.objections(root);
        let check = self.check_config(root);
        Some(Deck {
            meta: meta?,
            sections,
            measures,
            objections,
            check,
        })
    }

    fn meta(&mut self, root: &Table) -> Option<Meta> {
        let Some((_, value)) = Self::lookup(root, "deck") else {
            self.push(
                Diagnostic::error("E003", "the deck has no [deck] section")
                    .at(0..0)
                    .help("start the file with [deck] and a line title = \"What we ask for\""),
            );
            return None;
        };
        let DeValue::Table(t) = value.get_ref() else {
            self.wrong_type(
                "deck",
                "the deck file",
                "a table",
                value,
                "start the section with a line [deck]",
            );
            return None;
        };
        let span = value.span();
        let ctx = "[deck]";
        self.check_keys(t, DECK_KEYS, ctx);
        let title = self.required_string(
            t,
            "title",
            ctx,
            span.clone(),
            "Social media for the leadership",
        );
        let subtitle = self.string(t, "subtitle", ctx, "One line under the title");
        let author = self.string(t, "author", ctx, "Anna Berg, web manager");
        let audience = self.string(t, "audience", ctx, "Executive team");
        let (date, date_span) = self
            .date(t, "date", ctx)
            .map_or((None, None), |(d, s)| (Some(d), Some(s)));
        let lang = match self.string(t, "lang", ctx, "en") {
            None => Lang::En,
            Some(text) => match text.value.as_str() {
                "en" => Lang::En,
                "sv" => Lang::Sv,
                other => {
                    let help = match other.to_lowercase().as_str() {
                        "english" | "en-gb" | "en-us" | "eng" => "write lang = \"en\"".to_string(),
                        "swedish" | "svenska" | "sv-se" | "se" | "swe" => {
                            "write lang = \"sv\"".to_string()
                        }
                        _ => "pitchdeck speaks \"en\" (English) and \"sv\" (Swedish)".to_string(),
                    };
                    self.push(
                        Diagnostic::error("E006", format!("unknown language `{other}` in [deck]"))
                            .at(text.span)
                            .help(help),
                    );
                    Lang::En
                }
            },
        };
        let theme = self.string(t, "theme", ctx, "default");
        if let Some(theme) = &theme {
            let name = theme.value.as_str();
            if crate::theme::Theme::builtin(name).is_none() && !self.dir.join(name).is_dir() {
                let names = crate::theme::builtin_names();
                let help = match suggest(name, &names) {
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => format!(
                        "use a built-in theme ({}) or a theme folder next to the deck",
                        names.join(", ")
                    ),
                };
                self.push(
                    Diagnostic::error("E010", format!("theme `{name}` is neither a built-in theme nor a folder next to the deck"))
                        .at(theme.span.clone())
                        .help(help),
                );
            }
        }
        let (minutes, minutes_span) = self
            .integer(t, "minutes", ctx, (1, 120))
            .map_or((None, None), |(n, s)| (u32::try_from(n).ok(), Some(s)));
        let brand_color = self.string(t, "brand_color", ctx, "#0a5");
        if let Some(color) = &brand_color
            && crate::theme::parse_hex_color(&color.value).is_none()
        {
            self.push(
                Diagnostic::error(
                    "E006",
                    format!(
                        "`brand_color` must be a colour like \"#0a5\" or \"#1f6feb\", found \"{}\"",
                        color.value
                    ),
                )
                .at(color.span.clone())
                .help("write a hex colour: brand_color = \"#1f6feb\""),
            );
        }
        let logo = self
            .string(t, "logo", ctx, "img/logo.png")
            .and_then(|path| {
                let alt = Text::synthetic("", path.span.clone());
                self.image(path, alt, "[deck]")
            });
        Some(Meta {
            span,
            title: title?,
            subtitle,
            author,
            audience,
            date,
            date_span,
            lang,
            theme,
            minutes,
            minutes_span,
            brand_color,
            logo,
        })
    }

    fn section(&mut self, kind: SectionKind, t: &Table, span: Range<usize>) -> Option<Section> {
        let ctx = format!("[{}]", kind.key());
        let allowed = if kind == SectionKind::Metrics {
            METRICS_KEYS
        } else {
            SECTION_KEYS
        };
        self.check_keys(t, allowed, &ctx);
        let claim = self.required_string(
            t,
            "claim",
            &ctx,
            span.clone(),
            "One plain sentence that states the point.",
        );
        let (points, points_span) = self
            .string_array(t, "points", &ctx)
            .map_or((Vec::new(), None), |(p, s)| (p, Some(s)));
        if points.len() > MAX_POINTS {
            self.push(
                Diagnostic::error(
                    "E011",
                    format!(
                        "{ctx} has {} points; the limit is {MAX_POINTS}",
                        points.len()
                    ),
                )
                .at(points[MAX_POINTS].span.clone())
                .help("a slide carries three points at most; move the rest to the notes"),
            );
        }
        let evidence = self.string(t, "evidence", &ctx, "A source, a figure or a quote");
        let notes = self.string(t, "notes", &ctx, "What you will say");
        let image_path = self.string(t, "image", &ctx, "img/chart.png");
        let alt = self.string(t, "image_alt", &ctx, "What the image shows");
        let image = match (image_path, alt) {
            (Some(path), Some(alt)) => {
                if alt.value.trim().is_empty() {
                    self.push(
                        Diagnostic::error("E007", format!("`image_alt` in {ctx} is empty"))
                            .at(alt.span.clone())
                            .help("describe what the image shows, for readers who cannot see it"),
                    );
                }
                self.image(path, alt, &ctx)
            }
            (Some(path), None) => {
                self.push(
                    Diagnostic::error("E007", format!("the image in {ctx} has no `image_alt`"))
                        .at(path.span.clone())
                        .help("add image_alt = \"…\": what the image shows, for readers who cannot see it"),
                );
                None
            }
            (None, Some(alt)) => {
                self.push(
                    Diagnostic::warning("W001", format!("`image_alt` in {ctx} without an `image`"))
                        .at(alt.span.clone())
                        .help("add image = \"path/to/image.png\", or remove image_alt"),
                );
                None
            }
            (None, None) => None,
        };
        Some(Section {
            kind,
            span,
            claim: claim?,
            points,
            points_span,
            evidence,
            image,
            notes,
        })
    }

    fn image(&mut self, path: Text, alt: Text, ctx: &str) -> Option<Image> {
        let raw = path.value.trim();
        let err = |v: &mut Self, msg: String, help: &str| {
            v.push(
                Diagnostic::error("E008", msg)
                    .at(path.span.clone())
                    .help(help.to_string()),
            );
        };
        if raw.contains("://") || raw.starts_with("data:") || raw.starts_with("//") {
            err(
                self,
                format!("the image in {ctx} is not a local file: `{raw}`"),
                "save the image in the deck's folder and give its relative path; the deck must work offline",
            );
            return None;
        }
        let rel = Path::new(raw);
        if rel.is_absolute() {
            err(
                self,
                format!("the image path in {ctx} is absolute: `{raw}`"),
                "give a path relative to the deck file, inside its folder",
            );
            return None;
        }
        let full = self.dir.join(rel);
        let (Ok(dir), Ok(real)) = (self.dir.canonicalize(), full.canonicalize()) else {
            err(
                self,
                format!("the image in {ctx} was not found: `{raw}`"),
                "check the path; it is relative to the deck file's folder",
            );
            return None;
        };
        if !real.starts_with(&dir) {
            err(
                self,
                format!("the image in {ctx} is outside the deck's folder: `{raw}`"),
                "copy the image into the deck's folder (or a folder below it)",
            );
            return None;
        }
        let meta = fs::metadata(&real).ok();
        if !meta.as_ref().is_some_and(fs::Metadata::is_file) {
            // A folder, a pipe or a device: reading it could block or never end.
            err(
                self,
                format!("the image in {ctx} is not a regular file: `{raw}`"),
                "give the path of an image file (PNG, JPEG or SVG)",
            );
            return None;
        }
        let size = meta.map_or(0, |m| m.len());
        if size > MAX_IMAGE_BYTES {
            err(
                self,
                format!("the image in {ctx} is {size} bytes; the limit is {MAX_IMAGE_BYTES}"),
                "make the image smaller (a slide needs at most about 2000 pixels across)",
            );
            return None;
        }
        // Bounded even if the file grows between the size check and the read.
        let bytes = match read_at_most(&real, MAX_IMAGE_BYTES) {
            Ok(b) if b.len() as u64 > MAX_IMAGE_BYTES => {
                err(
                    self,
                    format!(
                        "the image in {ctx} is over {MAX_IMAGE_BYTES} bytes; the limit is {MAX_IMAGE_BYTES}"
                    ),
                    "make the image smaller (a slide needs at most about 2000 pixels across)",
                );
                return None;
            }
            Ok(b) => b,
            Err(e) => {
                err(
                    self,
                    format!("the image in {ctx} could not be read: {e}"),
                    "check the file's permissions",
                );
                return None;
            }
        };
        let Some(format) = sniff_image(&bytes) else {
            err(
                self,
                format!("the image in {ctx} is not a PNG, JPEG or SVG file: `{raw}`"),
                "convert it to PNG or JPEG",
            );
            return None;
        };
        Some(Image {
            path,
            alt,
            format,
            bytes,
        })
    }

    fn measures(&mut self, metrics: &Table, metrics_span: Range<usize>) -> Vec<Measure> {
        let what = "measure";
        let Some((_, value)) = Self::lookup(metrics, "measure") else {
            self.push(
                Diagnostic::error("E009", "[metrics] has no measure")
                    .at(metrics_span)
                    .help("add at least one [[metrics.measure]] with name, target and by"),
            );
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                "measure",
                "[metrics]",
                "an array of tables",
                value,
                "write each measure as a [[metrics.measure]] table",
            );
            return Vec::new();
        };
        if items.is_empty() {
            self.push(
                Diagnostic::error("E009", "[metrics] has no measure")
                    .at(value.span())
                    .help("add at least one [[metrics.measure]] with name, target and by"),
            );
        }
        let mut out = Vec::new();
        let limit = if what == "measure" {
            MAX_MEASURES
        } else {
            MAX_OBJECTIONS
        };
        if items.len() > limit {
            self.push(
                Diagnostic::error(
                    "E011",
                    format!("the deck has {} {what}s; the limit is {limit}", items.len()),
                )
                .at(items[limit].span())
                .help(format!(
                    "a deck for a meeting needs far fewer; remove {what}s after number {limit}"
                )),
            );
            return out;
        }
        for (i, item) in items.iter().enumerate() {
            let DeValue::Table(t) = item.get_ref() else {
                self.push(
                    Diagnostic::error(
                        "E005",
                        format!(
                            "measure {} must be a table, found {}",
                            i + 1,
                            type_name(item.get_ref())
                        ),
                    )
                    .at(item.span())
                    .help("write each measure as a [[metrics.measure]] table"),
                );
                continue;
            };
            let ctx = format!("measure {}", i + 1);
            let span = item.span();
            self.check_keys(t, MEASURE_KEYS, &ctx);
            let name = self.required_string(
                t,
                "name",
                &ctx,
                span.clone(),
                "Share of our posts that get a reply",
            );
            let target = match Self::lookup(t, "target") {
                None => {
                    self.missing(
                        "target",
                        &ctx,
                        span.clone(),
                        "add the goal as a number: target = 25",
                    );
                    None
                }
                Some(_) => self.number(t, "target", &ctx),
            };
            let by = match Self::lookup(t, "by") {
                None => {
                    self.missing(
                        "by",
                        &ctx,
                        span.clone(),
                        "add a deadline — a goal without a date is not measurable: by = 2027-06-30",
                    );
                    None
                }
                Some(_) => self.date(t, "by", &ctx),
            };
            let baseline = self.number(t, "baseline", &ctx).map(|(n, _)| n);
            let unit = self.string(t, "unit", &ctx, "%");
            let (kind, kind_span) = match self.string(t, "kind", &ctx, "quality") {
                None => (MeasureKind::Count, None),
                Some(text) => match text.value.as_str() {
                    "count" => (MeasureKind::Count, Some(text.span)),
                    "quality" => (MeasureKind::Quality, Some(text.span)),
                    other => {
                        let help = match suggest(other, &["count", "quality"]) {
                            Some(s) => format!("did you mean \"{s}\"?"),
                            None => "use \"count\" (followers, likes) or \"quality\" (reply rate, relevance)".to_string(),
                        };
                        self.push(
                            Diagnostic::error("E006", format!("unknown measure kind `{other}`"))
                                .at(text.span.clone())
                                .help(help),
                        );
                        (MeasureKind::Count, Some(text.span))
                    }
                },
            };
            let why = self.string(t, "why", &ctx, "Why this measure says something");
            if let (Some(name), Some((target, target_span)), Some((by, by_span))) =
                (name, target, by)
            {
                out.push(Measure {
                    span,
                    name,
                    target,
                    target_span,
                    by,
                    by_span,
                    baseline,
                    unit,
                    kind,
                    kind_span,
                    why,
                });
            }
        }
        out
    }

    fn objections(&mut self, root: &Table) -> Vec<Objection> {
        let what = "objection";
        let Some((_, value)) = Self::lookup(root, "objection") else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                "objection",
                "the deck file",
                "an array of tables",
                value,
                "write each objection as a [[objection]] table",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        let limit = if what == "measure" {
            MAX_MEASURES
        } else {
            MAX_OBJECTIONS
        };
        if items.len() > limit {
            self.push(
                Diagnostic::error(
                    "E011",
                    format!("the deck has {} {what}s; the limit is {limit}", items.len()),
                )
                .at(items[limit].span())
                .help(format!(
                    "a deck for a meeting needs far fewer; remove {what}s after number {limit}"
                )),
            );
            return out;
        }
        for (i, item) in items.iter().enumerate() {
            let DeValue::Table(t) = item.get_ref() else {
                self.push(
                    Diagnostic::error(
                        "E005",
                        format!(
                            "objection {} must be a table, found {}",
                            i + 1,
                            type_name(item.get_ref())
                        ),
                    )
                    .at(item.span())
                    .help("write each objection as a [[objection]] table"),
                );
                continue;
            };
            let ctx = format!("objection {}", i + 1);
            self.check_keys(t, OBJECTION_KEYS, &ctx);
            let question =
                self.required_string(t, "question", &ctx, item.span(), "Is this not just a fad?");
            let answer = self.required_string(
                t,
                "answer",
                &ctx,
                item.span(),
                "One plain sentence that answers it.",
            );
            if let (Some(question), Some(answer)) = (question, answer) {
                out.push(Objection {
                    span: item.span(),
                    question,
                    answer,
                });
            }
        }
        out
    }

    fn check_config(&mut self, root: &Table) -> CheckConfig {
        let mut config = CheckConfig::default();
        let Some((_, value)) = Self::lookup(root, "check") else {
            return config;
        };
        let DeValue::Table(t) = value.get_ref() else {
            self.wrong_type(
                "check",
                "the deck file",
                "a table",
                value,
                "start the section with a line [check]",
            );
            return config;
        };
        let ctx = "[check]";
        self.check_keys(t, CHECK_KEYS, ctx);
        let limit = |v: &mut Self, key: &str, default: usize| {
            v.integer(t, key, ctx, (1, 1000))
                .map_or(default, |(n, _)| n as usize)
        };
        config.max_points = limit(self, "max_points", config.max_points);
        config.max_claim_words = limit(self, "max_claim_words", config.max_claim_words);
        config.max_slide_words = limit(self, "max_slide_words", config.max_slide_words);
        if let Some((n, _)) = self.number(t, "max_lix", ctx) {
            config.max_lix = n.0;
        }
        config.allow = self
            .string_array(t, "allow", ctx)
            .map(|(a, _)| a)
            .unwrap_or_default();
        for entry in &config.allow {
            if crate::check::rules::lookup(&entry.value).is_some() {
                continue;
            }
            let value = entry.value.trim();
            let first = crate::check::RULES.first().map_or("", |r| r.code);
            let last = crate::check::RULES.last().map_or("", |r| r.code);
            let builtin = value.len() == 4
                && value.starts_with(['E', 'W', 'e', 'w'])
                && value[1..].starts_with('0');
            let help = if builtin {
                format!(
                    "only the plain-language rules ({first}–{last}) can be allowed; fix what `{value}` reports instead"
                )
            } else {
                match crate::check::rules::suggest(value) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "give a rule code from {first} to {last} or its name, e.g. allow = [\"W108\"]; docs/checks.md lists them"
                    ),
                }
            };
            self.push(
                Diagnostic::error("E006", format!("unknown rule `{value}` in [check] allow"))
                    .at(entry.span.clone())
                    .help(help),
            );
        }
        config.words = self
            .string_array(t, "words", ctx)
            .map(|(a, _)| a)
            .unwrap_or_default();
        for entry in &config.words {
            let word = entry.value.split("->").next().unwrap_or("").trim();
            if word.trim_matches('*').is_empty() {
                self.push(
                    Diagnostic::error("E006", "an entry in [check] words has no word")
                        .at(entry.span.clone())
                        .help("write a word, optionally with a plain alternative: words = [\"touchpoint -> contact\"]"),
                );
            }
        }
        config
    }
}

/// A help line for a TOML syntax error, as specific as the message allows.
fn syntax_help(message: &str) -> &'static str {
    let m = message.to_lowercase();
    if m.contains("date") || m.contains("month") || m.contains("day") {
        "write a date as YYYY-MM-DD without quotes, e.g. by = 2027-06-30"
    } else if m.contains("duplicate") {
        "each key may appear once per table; remove or rename one of them"
    } else if m.contains("string") || m.contains("quote") {
        "text goes in double quotes on one line (\"…\"), or in triple quotes for several lines (\"\"\"…\"\"\")"
    } else {
        "see the TOML syntax at https://toml.io: key = \"text\", numbers without quotes, [tables] in brackets"
    }
}

/// Recognises an image by its first bytes, not its name.
pub fn sniff_image(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(ImageFormat::Jpeg)
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
        head.contains("<svg").then_some(ImageFormat::Svg)
    }
}

/// The files a deck names (`[deck] logo`, each section's `image`), as written,
/// relative to the deck's folder. Read from the TOML alone, so that they are
/// found (and watched) even when the deck has errors.
pub fn referenced_files(source: &str) -> Vec<String> {
    let Ok(root) = source.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut take = |table: Option<&toml::Value>, key: &str| {
        if let Some(path) = table.and_then(|t| t.get(key)).and_then(|v| v.as_str()) {
            out.push(path.to_string());
        }
    };
    take(root.get("deck"), "logo");
    for kind in SectionKind::ALL {
        take(root.get(kind.key()), "image");
    }
    out
}

#[cfg(test)]
mod referenced_files_tests {
    use super::referenced_files;

    #[test]
    fn images_are_found_even_in_a_deck_with_errors() {
        let source = "[deck]\nlogo = \"img/logo.png\"\ntitel = \"x\"\n[need]\nimage = \"a.png\"\n[risk]\nimage = 3\n";
        assert_eq!(referenced_files(source), vec!["img/logo.png", "a.png"]);
        assert!(referenced_files("[deck").is_empty());
    }
}
