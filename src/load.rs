//! Reading deck.toml: the file, the TOML syntax, and every rule of format 1.
//!
//! Three stages: [`read`] the file; [`parse`] the text into the validated
//! [`Deck`], touching no other file; [`resolve_images`] reads the images it
//! names. (Whether the deck's theme exists is `theme::unknown_theme`.)
//!
//! The TOML is parsed into a spanned tree (`toml::de::DeTable`) and walked by
//! hand rather than deserialised with serde, so that *every* problem in a file
//! is reported in one run, each at the exact key or value it is about. The keys
//! each table accepts are the raw model's (`raw.rs`); what the walk builds is a
//! raw `DeckFile`, and [`build`] turns it into the `Deck`, field by field.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::deck::{
    CheckConfig, Date, Deck, Image, ImageFormat, Lang, Measure, MeasureKind, Measured, Meta,
    Number, Objection, Place, Section, SectionKind, Text,
};
use crate::diagnostic::{Code, Diagnostic, code, suggest};
use crate::raw::{self, LocalDate, Sp, keys};

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
/// Most results of one measure, inline or in the results file.
pub const MAX_RESULTS: usize = 1_000;
/// Largest results file read, in bytes.
pub const MAX_RESULTS_BYTES: u64 = 2 * 1024 * 1024;
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

/// What parsing found: the deck when the file has no errors (its images not
/// read yet), the files the deck names — found even when it has errors, so
/// that a later stage reports their problems in the same run — and every
/// diagnostic.
#[derive(Debug)]
pub struct Parsed {
    pub deck: Option<Deck>,
    /// Every image the deck names, for [`resolve_images`].
    pub images: Vec<ImageRef>,
    /// `[deck] theme`, for `theme::unknown_theme` and the back ends.
    pub theme: Option<Text>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    fn failed(diagnostics: Vec<Diagnostic>) -> Parsed {
        Parsed {
            deck: None,
            images: Vec::new(),
            theme: None,
            diagnostics,
        }
    }
}

/// Where an image goes in the deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSlot {
    Logo,
    Section(SectionKind),
}

/// An image the deck names, not read yet.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRef {
    pub slot: ImageSlot,
    /// The path as written.
    pub path: Text,
    pub alt: Text,
    /// The table it is in, for messages: `[need]`, `[deck]`.
    pub context: String,
}

/// Parses and validates deck text, without reading any other file. Returns
/// the deck when there are no errors, and every diagnostic found.
pub fn parse(source: &str) -> Parsed {
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    if !syntax_errors.is_empty() {
        let mut diags: Vec<Diagnostic> = syntax_errors
            .iter()
            .take(MAX_SYNTAX_ERRORS)
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim_end();
                Diagnostic::new(Code::E001, format!("TOML syntax: {message}"))
                    .at(span)
                    .help(syntax_help(message))
            })
            .collect();
        // One broken line can make an error per character after it.
        if let Some(next) = syntax_errors.get(MAX_SYNTAX_ERRORS) {
            let more = syntax_errors.len() - MAX_SYNTAX_ERRORS;
            diags.push(
                Diagnostic::new(
                    Code::E001,
                    format!("TOML syntax: {more} more errors from here on are not shown"),
                )
                .at(next.span().unwrap_or(0..0))
                .help("fix the first errors: the rest often follow from them"),
            );
        }
        return Parsed::failed(diags);
    }
    if root.get_ref().is_empty() {
        let d = Diagnostic::new(Code::E003, "the deck file has no sections")
            .at(0..0)
            .help("start from a working deck: `pitchdeck new deck.toml` writes one with every section explained");
        return Parsed::failed(vec![d]);
    }
    let mut v = Validator {
        source,
        diags: Vec::new(),
        images: Vec::new(),
        theme: None,
    };
    let file = v.deck(root.get_ref());
    let has_errors = v.diags.iter().any(Diagnostic::is_error);
    Parsed {
        deck: file.filter(|_| !has_errors).map(|f| build(f, source)),
        images: v.images,
        theme: v.theme,
        diagnostics: v.diags,
    }
}

/// The validated deck from the file as written: every field of the raw model
/// named (so that a new key cannot be left out), defaults filled here and
/// nowhere else. Images are filled in by [`resolve_images`].
pub fn build(file: raw::DeckFile, source: &str) -> Deck {
    let text = |s: Sp<String>| Text::from_source(s.value, s.span, source);
    let raw::DeckFile {
        deck,
        summary,
        need,
        risk,
        research,
        strategy,
        engagement,
        metrics,
        ask,
        objection,
        check,
    } = file;

    let Sp {
        value:
            raw::DeckMeta {
                title,
                subtitle,
                author,
                audience,
                date,
                lang,
                theme,
                minutes,
                brand_color,
                // Read by `resolve_images`.
                logo: _,
            },
        span,
    } = deck;
    let meta = Meta {
        span,
        title: text(title),
        subtitle: subtitle.map(text),
        author: author.map(text),
        audience: audience.map(text),
        date: date.as_ref().map(|d| d.value.0),
        date_span: date.map(|d| d.span),
        lang: match lang {
            None => Lang::default(),
            Some(raw::Lang::En) => Lang::En,
            Some(raw::Lang::Sv) => Lang::Sv,
        },
        theme: theme.map(text),
        minutes: minutes.as_ref().map(|m| m.value),
        minutes_span: minutes.map(|m| m.span),
        brand_color: brand_color.map(text),
        logo: None,
    };

    let section = |kind: SectionKind, section: Sp<raw::Section>| {
        let Sp {
            value:
                raw::Section {
                    claim,
                    points,
                    evidence,
                    // Read by `resolve_images`.
                    image: _,
                    image_alt: _,
                    notes,
                },
            span,
        } = section;
        Section {
            kind,
            span,
            claim: text(claim),
            points_span: points.as_ref().map(|p| p.span.clone()),
            points: points.map_or(Vec::new(), |p| p.value.into_iter().map(text).collect()),
            evidence: evidence.map(text),
            image: None,
            notes: notes.map(text),
        }
    };
    let Sp {
        value:
            raw::Metrics {
                claim,
                points,
                evidence,
                image,
                image_alt,
                notes,
                since: metrics_since,
                results_file,
                measure,
            },
        span: metrics_span,
    } = metrics;
    let metrics = section(
        SectionKind::Metrics,
        Sp::new(
            raw::Section {
                claim,
                points,
                evidence,
                image,
                image_alt,
                notes,
            },
            metrics_span,
        ),
    );
    let mut sections = Vec::new();
    sections.extend(summary.map(|s| section(SectionKind::Summary, s)));
    sections.push(section(SectionKind::Need, need));
    sections.push(section(SectionKind::Risk, risk));
    sections.extend(research.map(|s| section(SectionKind::Research, s)));
    sections.push(section(SectionKind::Strategy, strategy));
    sections.extend(engagement.map(|s| section(SectionKind::Engagement, s)));
    sections.push(metrics);
    sections.extend(ask.map(|s| section(SectionKind::Ask, s)));

    let measures = measure
        .into_iter()
        .map(|m| {
            let Sp {
                value:
                    raw::Measure {
                        name,
                        target,
                        by,
                        baseline,
                        unit,
                        kind,
                        why,
                        since,
                        results,
                    },
                span,
            } = m;
            let since = since.or_else(|| metrics_since.clone());
            Measure {
                span,
                name: text(name),
                target: Number(target.value),
                target_span: target.span,
                by: by.value.0,
                by_span: by.span,
                baseline: baseline.map(Number),
                unit: unit.map(text),
                kind: match kind.as_ref().map(|k| k.value) {
                    None => MeasureKind::default(),
                    Some(raw::MeasureKind::Count) => MeasureKind::Count,
                    Some(raw::MeasureKind::Quality) => MeasureKind::Quality,
                },
                kind_span: kind.map(|k| k.span),
                why: why.map(text),
                since: since.as_ref().map(|d| d.value.0).or(meta.date),
                since_span: since.map(|d| d.span),
                results: results.map_or(Vec::new(), |r| {
                    r.value
                        .into_iter()
                        .map(|r| Measured {
                            date: r.value.date.value.0,
                            value: Number(r.value.value.value),
                            place: Place {
                                span: r.span,
                                file: None,
                            },
                        })
                        .collect()
                }),
            }
        })
        .collect();

    let objections = objection
        .into_iter()
        .map(|o| {
            let Sp {
                value: raw::Objection { question, answer },
                span,
            } = o;
            Objection {
                span,
                question: text(question),
                answer: text(answer),
            }
        })
        .collect();

    let defaults = CheckConfig::default();
    let raw::Check {
        max_points,
        max_claim_words,
        max_slide_words,
        max_lix,
        allow,
        words,
    } = check.unwrap_or_default();
    let limit = |n: Option<u32>, default: usize| n.map_or(default, |n| n as usize);
    let check = CheckConfig {
        max_points: limit(max_points, defaults.max_points),
        max_claim_words: limit(max_claim_words, defaults.max_claim_words),
        max_slide_words: limit(max_slide_words, defaults.max_slide_words),
        max_lix: max_lix.unwrap_or(defaults.max_lix),
        allow: allow.unwrap_or_default().into_iter().map(text).collect(),
        words: words.unwrap_or_default().into_iter().map(text).collect(),
    };

    Deck {
        meta,
        sections,
        measures,
        results_file: results_file.map(text),
        objections,
        check,
    }
}

/// Reads the images a deck names from its folder `dir` (a stage after
/// parsing) and puts them in the deck, when there is one. Every image is
/// read, also when the deck has errors, so that all problems show in one run.
pub fn resolve_images(
    mut deck: Option<&mut Deck>,
    images: &[ImageRef],
    dir: &Path,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for image in images {
        match read_image(image, dir) {
            Ok(read) => {
                let Some(deck) = deck.as_deref_mut() else {
                    continue;
                };
                match image.slot {
                    ImageSlot::Logo => deck.meta.logo = Some(read),
                    ImageSlot::Section(kind) => {
                        if let Some(section) = deck.sections.iter_mut().find(|s| s.kind == kind) {
                            section.image = Some(read);
                        }
                    }
                }
            }
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics
}

/// One image, checked and read: local, inside the deck's folder, a regular
/// file within the size limit, PNG, JPEG or SVG.
fn read_image(image: &ImageRef, dir: &Path) -> Result<Image, Diagnostic> {
    let ImageRef {
        path,
        alt,
        context: ctx,
        slot: _,
    } = image;
    let raw = path.value.trim();
    let err = |msg: String, help: &str| {
        Diagnostic::new(Code::E008, msg)
            .at(path.span.clone())
            .help(help.to_string())
    };
    if raw.contains("://") || raw.starts_with("data:") || raw.starts_with("//") {
        return Err(err(
            format!("the image in {ctx} is not a local file: `{raw}`"),
            "save the image in the deck's folder and give its relative path; the deck must work offline",
        ));
    }
    let rel = Path::new(raw);
    if rel.is_absolute() {
        return Err(err(
            format!("the image path in {ctx} is absolute: `{raw}`"),
            "give a path relative to the deck file, inside its folder",
        ));
    }
    let full = dir.join(rel);
    let (Ok(dir), Ok(real)) = (dir.canonicalize(), full.canonicalize()) else {
        return Err(err(
            format!("the image in {ctx} was not found: `{raw}`"),
            "check the path; it is relative to the deck file's folder",
        ));
    };
    if !real.starts_with(&dir) {
        return Err(err(
            format!("the image in {ctx} is outside the deck's folder: `{raw}`"),
            "copy the image into the deck's folder (or a folder below it)",
        ));
    }
    let meta = fs::metadata(&real).ok();
    if !meta.as_ref().is_some_and(fs::Metadata::is_file) {
        // A folder, a pipe or a device: reading it could block or never end.
        return Err(err(
            format!("the image in {ctx} is not a regular file: `{raw}`"),
            "give the path of an image file (PNG, JPEG or SVG)",
        ));
    }
    let size = meta.map_or(0, |m| m.len());
    if size > MAX_IMAGE_BYTES {
        return Err(err(
            format!("the image in {ctx} is {size} bytes; the limit is {MAX_IMAGE_BYTES}"),
            "make the image smaller (a slide needs at most about 2000 pixels across)",
        ));
    }
    // Bounded even if the file grows between the size check and the read.
    let bytes = match read_at_most(&real, MAX_IMAGE_BYTES) {
        Ok(b) if b.len() as u64 > MAX_IMAGE_BYTES => {
            return Err(err(
                format!(
                    "the image in {ctx} is over {MAX_IMAGE_BYTES} bytes; the limit is {MAX_IMAGE_BYTES}"
                ),
                "make the image smaller (a slide needs at most about 2000 pixels across)",
            ));
        }
        Ok(b) => b,
        Err(e) => {
            return Err(err(
                format!("the image in {ctx} could not be read: {e}"),
                "check the file's permissions",
            ));
        }
    };
    let Some(format) = sniff_image(&bytes) else {
        return Err(err(
            format!("the image in {ctx} is not a PNG, JPEG or SVG file: `{raw}`"),
            "convert it to PNG or JPEG",
        ));
    };
    Ok(Image {
        path: path.clone(),
        alt: alt.clone(),
        format,
        bytes,
    })
}

struct Validator<'a> {
    source: &'a str,
    diags: Vec<Diagnostic>,
    images: Vec<ImageRef>,
    theme: Option<Text>,
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

impl<'a> Validator<'a> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// A string as the deck's text, pointing back into the source.
    fn text(&self, s: Sp<String>) -> Text {
        Text::from_source(s.value, s.span, self.source)
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
            let mut d = Diagnostic::new(Code::E002, format!("unknown key `{name}` in {context}"))
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
            Diagnostic::new(
                Code::E005,
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
            Diagnostic::new(
                Code::E004,
                format!("{context} is missing the required key `{key}`"),
            )
            .at(at)
            .help(help.to_string()),
        );
    }

    fn string(
        &mut self,
        table: &Table,
        key: &str,
        context: &str,
        example: &str,
    ) -> Option<Sp<String>> {
        let (_, value) = Self::lookup(table, key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                self.check_length(s, key, context, value.span());
                Some(Sp::new(s.to_string(), value.span()))
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
        // A text has at most as many characters as bytes: count only when it may be too long.
        if text.len() <= MAX_TEXT_CHARS {
            return;
        }
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.push(
                Diagnostic::new(Code::E011, format!("`{key}` in {context} is {chars} characters long; the limit is {MAX_TEXT_CHARS}"))
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
    ) -> Option<Sp<String>> {
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
                Diagnostic::new(Code::E006, format!("`{key}` in {context} is empty"))
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
    ) -> Option<(Vec<Sp<String>>, Range<usize>)> {
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
                    out.push(Sp::new(s.to_string(), item.span()))
                }
                other => self.push(
                    Diagnostic::new(
                        Code::E005,
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
                    Diagnostic::new(
                        Code::E006,
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

    fn number(&mut self, table: &Table, key: &str, context: &str) -> Option<Sp<f64>> {
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
            Some(n) => Some(Sp::new(n, value.span())),
            None => {
                self.push(
                    Diagnostic::new(
                        Code::E006,
                        format!("`{key}` in {context} must be a finite number"),
                    )
                    .at(value.span())
                    .help("use an ordinary number such as 25 or 2.5"),
                );
                None
            }
        }
    }

    fn date(&mut self, table: &Table, key: &str, context: &str) -> Option<Sp<LocalDate>> {
        let (_, value) = Self::lookup(table, key)?;
        let bad = |v: &mut Self, msg: String, help: &str| {
            v.push(
                Diagnostic::new(Code::E006, msg)
                    .at(value.span())
                    .help(help.to_string()),
            );
        };
        match value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => Some(Sp::new(
                    LocalDate(Date {
                        year: d.year,
                        month: d.month,
                        day: d.day,
                    }),
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

    fn deck(&mut self, root: &Table) -> Option<raw::DeckFile> {
        self.check_keys(root, keys::root(), "the deck file");
        let meta = self.meta(root);
        let mut sections: Vec<(SectionKind, Sp<raw::Section>)> = Vec::new();
        let mut metrics = None;
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
                    let span = value.span();
                    if kind == SectionKind::Metrics {
                        metrics = self.metrics(table, span);
                    } else if let Some(section) = self.section(kind, table, span.clone()) {
                        sections.push((kind, Sp::new(section, span)));
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
                        Diagnostic::new(
                            Code::E003,
                            format!("the deck has no [{}] section{place}", kind.key()),
                        )
                        .at(at)
                        .help(help),
                    );
                }
                None => {}
            }
        }
        let objection = self.objections(root);
        let check = self.check_config(root);
        let mut take = |kind: SectionKind| {
            sections
                .iter()
                .position(|(k, _)| *k == kind)
                .map(|i| sections.remove(i).1)
        };
        Some(raw::DeckFile {
            deck: meta?,
            summary: take(SectionKind::Summary),
            need: take(SectionKind::Need)?,
            risk: take(SectionKind::Risk)?,
            research: take(SectionKind::Research),
            strategy: take(SectionKind::Strategy)?,
            engagement: take(SectionKind::Engagement),
            metrics: metrics?,
            ask: take(SectionKind::Ask),
            objection,
            check,
        })
    }

    fn meta(&mut self, root: &Table) -> Option<Sp<raw::DeckMeta>> {
        let Some((_, value)) = Self::lookup(root, "deck") else {
            self.push(
                Diagnostic::new(Code::E003, "the deck has no [deck] section")
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
        self.check_keys(t, keys::deck(), ctx);
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
        let date = self.date(t, "date", ctx);
        let lang = match self.string(t, "lang", ctx, "en") {
            None => None,
            Some(text) => match text.value.as_str() {
                "en" => Some(raw::Lang::En),
                "sv" => Some(raw::Lang::Sv),
                other => {
                    let help = match other.to_lowercase().as_str() {
                        "english" | "en-gb" | "en-us" | "eng" => "write lang = \"en\"".to_string(),
                        "swedish" | "svenska" | "sv-se" | "se" | "swe" => {
                            "write lang = \"sv\"".to_string()
                        }
                        _ => "pitchdeck speaks \"en\" (English) and \"sv\" (Swedish)".to_string(),
                    };
                    self.push(
                        Diagnostic::new(
                            Code::E006,
                            format!("unknown language `{other}` in [deck]"),
                        )
                        .at(text.span)
                        .help(help),
                    );
                    None
                }
            },
        };
        // Whether the theme exists is asked after parsing (`theme::unknown_theme`).
        let theme = self.string(t, "theme", ctx, "default");
        self.theme = theme.clone().map(|t| self.text(t));
        let minutes = self
            .integer(t, "minutes", ctx, (1, 120))
            .and_then(|(n, s)| u32::try_from(n).ok().map(|n| Sp::new(n, s)));
        let brand_color = self.string(t, "brand_color", ctx, "#0a5");
        if let Some(color) = &brand_color
            && crate::theme::parse_hex_color(&color.value).is_none()
        {
            self.push(
                Diagnostic::new(
                    Code::E006,
                    format!(
                        "`brand_color` must be a colour like \"#0a5\" or \"#1f6feb\", found \"{}\"",
                        color.value
                    ),
                )
                .at(color.span.clone())
                .help("write a hex colour: brand_color = \"#1f6feb\""),
            );
        }
        let logo = self.string(t, "logo", ctx, "img/logo.png");
        if let Some(path) = &logo {
            let alt = Text::synthetic("", path.span.clone());
            self.image_ref(ImageSlot::Logo, path.clone(), alt, ctx);
        }
        Some(Sp::new(
            raw::DeckMeta {
                title: title?,
                subtitle,
                author,
                audience,
                date,
                lang,
                theme,
                minutes,
                brand_color,
                logo,
            },
            span,
        ))
    }

    /// The keys every section has; `[metrics]` adds its measures.
    fn section(
        &mut self,
        kind: SectionKind,
        t: &Table,
        span: Range<usize>,
    ) -> Option<raw::Section> {
        let ctx = format!("[{}]", kind.key());
        let allowed = if kind == SectionKind::Metrics {
            keys::metrics()
        } else {
            keys::section()
        };
        self.check_keys(t, allowed, &ctx);
        let claim = self.required_string(
            t,
            "claim",
            &ctx,
            span.clone(),
            "One plain sentence that states the point.",
        );
        let points = self
            .string_array(t, "points", &ctx)
            .map(|(p, s)| Sp::new(p, s));
        if let Some(points) = &points
            && let Some(extra) = points.value.get(MAX_POINTS)
        {
            self.push(
                Diagnostic::new(
                    Code::E011,
                    format!(
                        "{ctx} has {} points; the limit is {MAX_POINTS}",
                        points.value.len()
                    ),
                )
                .at(extra.span.clone())
                .help("a slide carries three points at most; move the rest to the notes"),
            );
        }
        let evidence = self.string(t, "evidence", &ctx, "A source, a figure or a quote");
        let notes = self.string(t, "notes", &ctx, "What you will say");
        let image = self.string(t, "image", &ctx, "img/chart.png");
        let image_alt = self.string(t, "image_alt", &ctx, "What the image shows");
        match (&image, &image_alt) {
            (Some(path), Some(alt)) => {
                if alt.value.trim().is_empty() {
                    self.push(
                        Diagnostic::new(Code::E007, format!("`image_alt` in {ctx} is empty"))
                            .at(alt.span.clone())
                            .help("describe what the image shows, for readers who cannot see it"),
                    );
                }
                let alt = self.text(alt.clone());
                self.image_ref(ImageSlot::Section(kind), path.clone(), alt, &ctx);
            }
            (Some(path), None) => {
                self.push(
                    Diagnostic::new(Code::E007, format!("the image in {ctx} has no `image_alt`"))
                        .at(path.span.clone())
                        .help("add image_alt = \"…\": what the image shows, for readers who cannot see it"),
                );
            }
            (None, Some(alt)) => {
                self.push(
                    Diagnostic::new(
                        Code::W001,
                        format!("`image_alt` in {ctx} without an `image`"),
                    )
                    .at(alt.span.clone())
                    .help("add image = \"path/to/image.png\", or remove image_alt"),
                );
            }
            (None, None) => {}
        }
        Some(raw::Section {
            claim: claim?,
            points,
            evidence,
            image,
            image_alt,
            notes,
        })
    }

    fn metrics(&mut self, t: &Table, span: Range<usize>) -> Option<Sp<raw::Metrics>> {
        let section = self.section(SectionKind::Metrics, t, span.clone());
        let since = self.date(t, "since", "[metrics]");
        let results_file = self.string(t, "results_file", "[metrics]", "results.csv");
        let measure = self.measures(t, span.clone());
        let raw::Section {
            claim,
            points,
            evidence,
            image,
            image_alt,
            notes,
        } = section?;
        Some(Sp::new(
            raw::Metrics {
                claim,
                points,
                evidence,
                image,
                image_alt,
                notes,
                since,
                results_file,
                measure: measure?,
            },
            span,
        ))
    }

    /// Notes where an image is to be read from; reading it is a later stage.
    fn image_ref(&mut self, slot: ImageSlot, path: Sp<String>, alt: Text, context: &str) {
        let path = self.text(path);
        self.images.push(ImageRef {
            slot,
            path,
            alt,
            context: context.to_string(),
        });
    }

    /// The measures; `None` when one of them is not usable.
    fn measures(
        &mut self,
        metrics: &Table,
        metrics_span: Range<usize>,
    ) -> Option<Vec<Sp<raw::Measure>>> {
        let Some((_, value)) = Self::lookup(metrics, "measure") else {
            self.push(
                Diagnostic::new(Code::E009, "[metrics] has no measure")
                    .at(metrics_span)
                    .help("add at least one [[metrics.measure]] with name, target and by"),
            );
            return None;
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                "measure",
                "[metrics]",
                "an array of tables",
                value,
                "write each measure as a [[metrics.measure]] table",
            );
            return None;
        };
        if items.is_empty() {
            self.push(
                Diagnostic::new(Code::E009, "[metrics] has no measure")
                    .at(value.span())
                    .help("add at least one [[metrics.measure]] with name, target and by"),
            );
        }
        if !self.within_limit(items, "measure", MAX_MEASURES) {
            return None;
        }
        let mut out = Some(Vec::new());
        for (i, item) in items.iter().enumerate() {
            let DeValue::Table(t) = item.get_ref() else {
                self.push(
                    Diagnostic::new(
                        Code::E005,
                        format!(
                            "measure {} must be a table, found {}",
                            i + 1,
                            type_name(item.get_ref())
                        ),
                    )
                    .at(item.span())
                    .help("write each measure as a [[metrics.measure]] table"),
                );
                out = None;
                continue;
            };
            let measure = self.measure(t, item.span(), &format!("measure {}", i + 1));
            match (&mut out, measure) {
                (Some(list), Some(m)) => list.push(Sp::new(m, item.span())),
                _ => out = None,
            }
        }
        out
    }

    fn measure(&mut self, t: &Table, span: Range<usize>, ctx: &str) -> Option<raw::Measure> {
        self.check_keys(t, keys::measure(), ctx);
        let name = self.required_string(
            t,
            "name",
            ctx,
            span.clone(),
            "Share of our posts that get a reply",
        );
        let target = match Self::lookup(t, "target") {
            None => {
                self.missing(
                    "target",
                    ctx,
                    span.clone(),
                    "add the goal as a number: target = 25",
                );
                None
            }
            Some(_) => self.number(t, "target", ctx),
        };
        let by = match Self::lookup(t, "by") {
            None => {
                self.missing(
                    "by",
                    ctx,
                    span.clone(),
                    "add a deadline — a goal without a date is not measurable: by = 2027-06-30",
                );
                None
            }
            Some(_) => self.date(t, "by", ctx),
        };
        let baseline = self.number(t, "baseline", ctx).map(|n| n.value);
        let unit = self.string(t, "unit", ctx, "%");
        let kind = match self.string(t, "kind", ctx, "quality") {
            None => None,
            Some(text) => match text.value.as_str() {
                "count" => Some(Sp::new(raw::MeasureKind::Count, text.span)),
                "quality" => Some(Sp::new(raw::MeasureKind::Quality, text.span)),
                other => {
                    let help = match suggest(other, &["count", "quality"]) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => "use \"count\" (followers, likes) or \"quality\" (reply rate, relevance)".to_string(),
                    };
                    self.push(
                        Diagnostic::new(Code::E006, format!("unknown measure kind `{other}`"))
                            .at(text.span.clone())
                            .help(help),
                    );
                    None
                }
            },
        };
        let why = self.string(t, "why", ctx, "Why this measure says something");
        let since = self.date(t, "since", ctx);
        let results = self.results(t, ctx);
        Some(raw::Measure {
            name: name?,
            target: target?,
            by: by?,
            baseline,
            unit,
            kind,
            why,
            since,
            results: results?,
        })
    }

    /// A measure's inline `results`: an array of `{ date, value }` tables.
    /// `Some(None)` when there are none, `None` when one is not usable.
    #[allow(clippy::type_complexity)]
    fn results(
        &mut self,
        t: &Table,
        ctx: &str,
    ) -> Option<Option<Sp<Vec<Sp<raw::MeasuredResult>>>>> {
        let Some((_, value)) = Self::lookup(t, "results") else {
            return Some(None);
        };
        let help = "write results = [{ date = 2027-01-31, value = 40 }, { date = 2027-03-31, value = 82 }]";
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                "results",
                ctx,
                "an array of { date, value } tables",
                value,
                help,
            );
            return None;
        };
        if !self.within_limit(items, "result", MAX_RESULTS) {
            return None;
        }
        let mut out = Some(Vec::new());
        for (i, item) in items.iter().enumerate() {
            let DeValue::Table(r) = item.get_ref() else {
                self.push(
                    Diagnostic::new(
                        Code::E005,
                        format!(
                            "result {} of {ctx} must be a table {{ date, value }}, found {}",
                            i + 1,
                            type_name(item.get_ref())
                        ),
                    )
                    .at(item.span())
                    .help(help),
                );
                out = None;
                continue;
            };
            let rctx = format!("result {} of {ctx}", i + 1);
            self.check_keys(r, keys::result(), &rctx);
            let date = match Self::lookup(r, "date") {
                None => {
                    self.missing(
                        "date",
                        &rctx,
                        item.span(),
                        "add when it was measured: date = 2027-01-31",
                    );
                    None
                }
                Some(_) => self.date(r, "date", &rctx),
            };
            let value = match Self::lookup(r, "value") {
                None => {
                    self.missing(
                        "value",
                        &rctx,
                        item.span(),
                        "add the value measured: value = 40",
                    );
                    None
                }
                Some(_) => self.number(r, "value", &rctx),
            };
            match (&mut out, date, value) {
                (Some(list), Some(date), Some(value)) => {
                    list.push(Sp::new(raw::MeasuredResult { date, value }, item.span()))
                }
                _ => out = None,
            }
        }
        out.map(|list| Some(Sp::new(list, value.span())))
    }

    /// Whether a list of tables is within its limit; E011 at the first one over.
    fn within_limit(&mut self, items: &[Value], what: &str, limit: usize) -> bool {
        let Some(first_over) = items.get(limit) else {
            return true;
        };
        self.push(
            Diagnostic::new(
                Code::E011,
                format!("the deck has {} {what}s; the limit is {limit}", items.len()),
            )
            .at(first_over.span())
            .help(format!(
                "a deck for a meeting needs far fewer; remove {what}s after number {limit}"
            )),
        );
        false
    }

    fn objections(&mut self, root: &Table) -> Vec<Sp<raw::Objection>> {
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
        if !self.within_limit(items, "objection", MAX_OBJECTIONS) {
            return out;
        }
        for (i, item) in items.iter().enumerate() {
            let DeValue::Table(t) = item.get_ref() else {
                self.push(
                    Diagnostic::new(
                        Code::E005,
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
            self.check_keys(t, keys::objection(), &ctx);
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
                out.push(Sp::new(raw::Objection { question, answer }, item.span()));
            }
        }
        out
    }

    fn check_config(&mut self, root: &Table) -> Option<raw::Check> {
        let (_, value) = Self::lookup(root, "check")?;
        let DeValue::Table(t) = value.get_ref() else {
            self.wrong_type(
                "check",
                "the deck file",
                "a table",
                value,
                "start the section with a line [check]",
            );
            return None;
        };
        let ctx = "[check]";
        self.check_keys(t, keys::check(), ctx);
        let limit = |v: &mut Self, key: &str| {
            v.integer(t, key, ctx, (1, 1000))
                .and_then(|(n, _)| u32::try_from(n).ok())
        };
        let max_points = limit(self, "max_points");
        let max_claim_words = limit(self, "max_claim_words");
        let max_slide_words = limit(self, "max_slide_words");
        let max_lix = self.number(t, "max_lix", ctx).map(|n| n.value);
        let allow = self.string_array(t, "allow", ctx).map(|(a, _)| a);
        for entry in allow.iter().flatten() {
            if code::rule(&entry.value).is_some() {
                continue;
            }
            let value = entry.value.trim();
            let first = code::RULES.first().map_or("", |r| r.code);
            let last = code::RULES.last().map_or("", |r| r.code);
            let builtin = value.len() == 4
                && value.starts_with(['E', 'W', 'e', 'w'])
                && value[1..].starts_with('0');
            let help = if builtin {
                format!(
                    "only the plain-language rules ({first}–{last}) can be allowed; fix what `{value}` reports instead"
                )
            } else {
                match code::suggest_rule(value) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "give a rule code from {first} to {last} or its name, e.g. allow = [\"W108\"]; docs/checks.md lists them"
                    ),
                }
            };
            self.push(
                Diagnostic::new(
                    Code::E006,
                    format!("unknown rule `{value}` in [check] allow"),
                )
                .at(entry.span.clone())
                .help(help),
            );
        }
        let words = self.string_array(t, "words", ctx).map(|(a, _)| a);
        for entry in words.iter().flatten() {
            let word = entry.value.split("->").next().unwrap_or("").trim();
            if word.trim_matches('*').is_empty() {
                self.push(
                    Diagnostic::new(Code::E006, "an entry in [check] words has no word")
                        .at(entry.span.clone())
                        .help("write a word, optionally with a plain alternative: words = [\"touchpoint -> contact\"]"),
                );
            }
        }
        Some(raw::Check {
            max_points,
            max_claim_words,
            max_slide_words,
            max_lix,
            allow,
            words,
        })
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

/// The files a deck names (`[deck] logo`, each section's `image`, `[metrics]
/// results_file`), as written,
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
    take(root.get("metrics"), "results_file");
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand walk and serde read a deck into the same raw model: a deck
    /// built from either is the same deck.
    #[test]
    fn the_walk_reads_what_serde_reads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
        let mut texts: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| fs::read_to_string(p).unwrap())
            .collect();
        texts.push(crate::starter::starter_deck(Lang::En).to_string());
        texts.push(crate::starter::starter_with_theme(Lang::Sv, "board", true));
        assert!(texts.len() >= 5);
        for text in &texts {
            let walked = parse(text);
            assert!(walked.diagnostics.is_empty(), "{:?}", walked.diagnostics);
            let file: raw::DeckFile = toml::from_str(text).unwrap();
            assert_eq!(walked.deck, Some(build(file, text)));
        }
    }

    #[test]
    fn keys_come_in_the_raw_model_order() {
        assert_eq!(keys::objection(), ["question", "answer"]);
        assert_eq!(keys::root().first(), Some(&"deck"));
        assert_eq!(keys::metrics().last(), Some(&"measure"));
    }

    #[test]
    fn images_are_read_after_parsing_and_only_then() {
        let text = crate::starter::starter_deck(Lang::En).replace(
            "[need]\n",
            "[need]\nimage = \"img/chart.png\"\nimage_alt = \"A chart\"\n",
        );
        let mut parsed = parse(&text);
        assert_eq!(parsed.images.len(), 1);
        let deck = parsed.deck.as_mut().unwrap();
        assert!(deck.section(SectionKind::Need).unwrap().image.is_none());
        let found = resolve_images(Some(deck), &parsed.images, Path::new("/nonexistent"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::E008);
        let decks = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks");
        let img = fs::read_dir(decks.join("img"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.ends_with(".png"))
            .unwrap();
        let text = text.replace("img/chart.png", &format!("img/{img}"));
        let mut parsed = parse(&text);
        let found = resolve_images(parsed.deck.as_mut(), &parsed.images, &decks);
        assert!(found.is_empty(), "{found:?}");
        let deck = parsed.deck.unwrap();
        let image = deck.section(SectionKind::Need).unwrap().image.as_ref();
        assert_eq!(image.map(|i| i.format), Some(ImageFormat::Png));
    }
}
