//! Diagnostics: one type for parse errors, validation errors, check warnings and
//! theme and back-end failures, the registry of their codes ([`code`]), and the
//! one place that prints them (rustc style, short, or JSON).
//!
//! A leaf: it uses nothing else of the crate, so every stage can report through it.

pub mod code;

use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

pub use code::{Code, RULES, Rule};

/// How bad a finding is. Errors stop a build; warnings do not (unless denied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about a deck, with the place it is about: in deck.toml, or in
/// another file the deck uses (a theme's `theme.toml` or `deck.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, e.g. `E002`; see [`code`] and `docs/diagnostics.md`.
    pub code: Code,
    pub message: String,
    /// Byte range in the file; `None` when the finding is about the whole file.
    pub span: Option<Range<usize>>,
    /// The file the span is in, when it is not the deck.
    pub file: Option<Arc<File>>,
    /// A concrete way to fix it.
    pub help: Option<String>,
    /// The slide the finding is about, in the user's words ("need", "metrics 2/2").
    pub slide: Option<String>,
}

/// A file other than the deck that a diagnostic is about: its path as shown,
/// and its text when the diagnostic points into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub text: Option<Arc<str>>,
}

impl Diagnostic {
    /// A finding with this code; its severity is the code's.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            severity: if code.is_error() {
                Severity::Error
            } else {
                Severity::Warning
            },
            code,
            message: message.into(),
            span: None,
            file: None,
            help: None,
            slide: None,
        }
    }

    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// About another file than the deck: the span (if any) is in `text`.
    pub fn in_file(mut self, path: impl Into<String>, text: Option<Arc<str>>) -> Self {
        self.file = Some(Arc::new(File {
            path: path.into(),
            text,
        }));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn on_slide(mut self, slide: impl Into<String>) -> Self {
        self.slide = Some(slide.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Output style of diagnostics, chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Short,
    Json,
}

/// The source text a set of diagnostics points into, and the name to print for it.
pub struct SourceFile<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl SourceFile<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

/// Longest line, in bytes, drawn under a finding; a longer one is named, not drawn.
const MAX_SHOWN_LINE: usize = 1000;

/// Where each line of a text starts, for turning many byte offsets into lines
/// and columns without rescanning the text each time (a deck near the size limit
/// can have tens of thousands of findings).
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, starts }
    }

    /// 0-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// 1-based line and column (in characters), as [`SourceFile::line_col`].
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_of(offset);
        let col = self.text[self.starts[line]..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The length in bytes of the longer of the first and last line of a span
    /// (the lines a folded snippet draws in full).
    fn longest_line_at(&self, span: &Range<usize>) -> usize {
        let len = |line: usize| {
            let start = self.starts[line];
            let end = self
                .starts
                .get(line + 1)
                .map_or(self.text.len(), |&n| n - 1);
            end.saturating_sub(start)
        };
        len(self.line_of(span.start)).max(len(self.line_of(span.end.max(span.start))))
    }

    /// The byte range of the whole lines a span touches (without the last newline).
    fn lines_around(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.line_of(span.start);
        let last = self.line_of(span.end.max(span.start));
        let start = self.starts[first];
        let end = self
            .starts
            .get(last + 1)
            .map_or(self.text.len(), |&next| next - 1);
        start..end.max(start)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The closest valid word (a key, a name), when one is close enough to be a
/// likely typo: for "did you mean" help.
pub fn suggest<'k>(word: &str, valid: &[&'k str]) -> Option<&'k str> {
    valid
        .iter()
        .map(|v| (strsim::jaro_winkler(word, v), *v))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v)
}

/// Sorts diagnostics into the order a reader expects: the deck's first, then
/// other files' by path; in a file by place, errors first.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let pa = a.span.as_ref().map_or(0, |s| s.start);
        let pb = b.span.as_ref().map_or(0, |s| s.start);
        let fa = a.file.as_ref().map(|f| &f.path);
        let fb = b.file.as_ref().map(|f| &f.path);
        (fa, pa, a.severity, a.code).cmp(&(fb, pb, b.severity, b.code))
    });
}

/// The file a diagnostic is about, and its span when that can be drawn.
fn place<'a>(d: &'a Diagnostic, deck: &SourceFile<'a>) -> (SourceFile<'a>, Option<Range<usize>>) {
    match d.file.as_deref() {
        None => (
            SourceFile {
                path: deck.path,
                text: deck.text,
            },
            d.span.clone(),
        ),
        Some(File { path, text }) => (
            SourceFile {
                path,
                text: text.as_deref().unwrap_or(""),
            },
            text.as_ref().and(d.span.clone()),
        ),
    }
}

/// Renders diagnostics in the requested format. `color` adds ANSI styles (human only).
/// The slide headers of the human form are in English; [`render_in`] for another language.
pub fn render(
    diagnostics: &[Diagnostic],
    source: &SourceFile,
    format: Format,
    color: bool,
) -> String {
    render_in(diagnostics, source, format, color, &english_header)
}

/// The words of a slide header: "slide: need", or "the whole deck" for
/// findings about no slide.
pub fn english_header(slide: Option<&str>) -> String {
    slide.map_or("the whole deck".to_string(), |s| format!("slide: {s}"))
}

/// [`render`] with the words of each slide header of the human form from
/// `header` ("bild: need" for a Swedish deck: `check::messages::header`).
pub fn render_in(
    diagnostics: &[Diagnostic],
    source: &SourceFile,
    format: Format,
    color: bool,
    header: &dyn Fn(Option<&str>) -> String,
) -> String {
    // Text from the deck reaches a terminal: its control characters are shown,
    // never obeyed (an escape sequence could clear or retitle the terminal).
    let shown: Vec<Diagnostic> = diagnostics
        .iter()
        .map(|d| Diagnostic {
            message: visible(&d.message),
            help: d.help.as_deref().map(visible),
            slide: d.slide.as_deref().map(visible),
            file: d.file.as_ref().map(|f| {
                Arc::new(File {
                    path: visible(&f.path),
                    text: f.text.clone(),
                })
            }),
            ..d.clone()
        })
        .collect();
    match format {
        // The snippet's source lines: the renderer shows C0 controls as symbols;
        // C1 controls (U+0080–U+009F) are replaced here.
        Format::Human => render_human(&shown, source, color, header)
            .chars()
            .map(|c| if is_c1(c) { '\u{fffd}' } else { c })
            .collect(),
        Format::Short => render_short(&shown, source),
        // JSON escapes C0 itself; C1 gets the same \u escape, still valid JSON
        // (C1 characters occur only inside strings).
        Format::Json => {
            let json = render_json(diagnostics, source);
            let mut out = String::with_capacity(json.len());
            for c in json.chars() {
                if is_c1(c) {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// `text` with control characters shown as symbols: C0 and DEL as their Unicode
/// control pictures (ESC as ␛), C1 as the replacement character.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            c if is_c1(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    }
}

fn render_human(
    diagnostics: &[Diagnostic],
    source: &SourceFile,
    color: bool,
    header: &dyn Fn(Option<&str>) -> String,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let lines = LineIndex::new(source.text);
    let mut out = String::new();
    let headed = diagnostics.iter().any(|d| d.slide.is_some());
    for (slide, members) in by_slide(diagnostics) {
        if headed {
            let name = header(slide);
            let line = format!(
                "── {name} {}",
                "─".repeat(60usize.saturating_sub(name.chars().count() + 4))
            );
            if color {
                out.push_str(&format!("\x1b[1m{line}\x1b[0m\n"));
            } else {
                out.push_str(&line);
                out.push('\n');
            }
        }
        for d in members {
            render_one(&mut out, d, source, &lines, &renderer);
        }
    }
    out
}

/// Diagnostics grouped by slide, groups in the order they first appear (the
/// input is sorted by place in the file, so a slide's findings stay together).
fn by_slide(diagnostics: &[Diagnostic]) -> Vec<(Option<&str>, Vec<&Diagnostic>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Diagnostic>)> = Vec::new();
    let mut index: std::collections::HashMap<Option<&str>, usize> = Default::default();
    for d in diagnostics {
        let slide = d.slide.as_deref();
        let i = *index.entry(slide).or_insert_with(|| {
            groups.push((slide, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(d);
    }
    groups
}

fn render_one(
    out: &mut String,
    d: &Diagnostic,
    deck: &SourceFile,
    lines: &LineIndex,
    renderer: &Renderer,
) {
    {
        let (source, span) = place(d, deck);
        let own;
        let lines = if d.file.is_some() {
            own = LineIndex::new(source.text);
            &own
        } else {
            lines
        };
        let mut group = Group::with_title(
            level(d.severity)
                .primary_title(d.message.as_str())
                .id(d.code.as_str()),
        );
        match span {
            Some(span) => {
                let span = clamp_span(source.text, span);
                // Only the lines the span is on: the renderer would otherwise walk
                // the whole file for every finding.
                let around = lines.lines_around(&span);
                let longest = lines.longest_line_at(&span);
                if longest > MAX_SHOWN_LINE {
                    // Drawing a line of a megabyte under each of thousands of
                    // findings would take hours: give the place only.
                    let (line, col) = lines.line_col(span.start);
                    group = group
                        .element(Origin::path(source.path).line(line).char_column(col))
                        .element(Level::NOTE.message(format!(
                            "the line is {longest} bytes long, too long to show"
                        )));
                } else {
                    group = group.element(
                        Snippet::source(&source.text[around.clone()])
                            .line_start(lines.line_of(around.start) + 1)
                            .path(source.path)
                            .fold(true)
                            .annotation(
                                AnnotationKind::Primary
                                    .span(span.start - around.start..span.end - around.start),
                            ),
                    );
                }
            }
            _ => {
                group = group.element(Level::NOTE.no_name().message(format!("in {}", source.path)));
            }
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
}

/// A span the renderer can always draw: inside the text, on char boundaries, and
/// at least one character wide when possible (so the caret has something to mark).
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    if end == start
        && let Some(c) = text[start..].chars().next()
        && c != '\n'
    {
        end = start + c.len_utf8();
    }
    start..end
}

fn render_short(diagnostics: &[Diagnostic], source: &SourceFile) -> String {
    let deck = LineIndex::new(source.text);
    let mut out = String::new();
    for d in diagnostics {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (file, span) = place(d, source);
        match span {
            Some(span) => {
                let (line, col) = match d.file {
                    None => deck.line_col(span.start),
                    Some(_) => file.line_col(span.start),
                };
                out.push_str(&format!(
                    "{}:{line}:{col}: {sev}[{}]: {}\n",
                    file.path, d.code, d.message
                ));
            }
            None => out.push_str(&format!(
                "{}: {sev}[{}]: {}\n",
                file.path, d.code, d.message
            )),
        }
    }
    out
}

/// The JSON form: one object per diagnostic. Field names are stable (see
/// docs/checks.md, "JSON output").
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    /// The check rule's name ("jargon"), or null for other diagnostics.
    rule: Option<&'a str>,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    slide: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
}

fn render_json(diagnostics: &[Diagnostic], source: &SourceFile) -> String {
    let deck = LineIndex::new(source.text);
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| {
            let (file, span) = place(d, source);
            let line_col = |offset: usize| match d.file {
                None => deck.line_col(offset),
                Some(_) => file.line_col(offset),
            };
            let start = span.as_ref().map(|s| line_col(s.start));
            let end = span.as_ref().map(|s| line_col(s.end));
            JsonDiagnostic {
                code: d.code.as_str(),
                rule: d.code.rule_name(),
                severity: d.severity,
                message: &d.message,
                file: file.path,
                slide: d.slide.as_deref(),
                line: start.map(|p| p.0),
                column: start.map(|p| p.1),
                end_line: end.map(|p| p.0),
                end_column: end.map(|p| p.1),
                help: d.help.as_deref(),
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

/// "2 errors, 12 warnings on 4 slides" — the closing line of a run.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let mut slides: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d.slide.as_deref())
        .collect();
    slides.sort_unstable();
    slides.dedup();
    let counts = counts(diagnostics);
    match slides.len() {
        0 => counts,
        1 => format!("{counts} on 1 slide"),
        n => format!("{counts} on {n} slides"),
    }
}

fn counts(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_line_col_everywhere() {
        for text in ["", "\n", "a", "ab\ncd", "å\r\nä😀\n\nö", "trailing\n"] {
            let src = SourceFile { path: "d", text };
            let lines = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    lines.line_col(offset),
                    src.line_col(offset),
                    "{text:?} @ {offset}"
                );
            }
        }
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = SourceFile {
            path: "d.toml",
            text: "a = 1\nåäö = 2\n",
        };
        let offset = src.text.find('=').unwrap();
        assert_eq!(src.line_col(offset), (1, 3));
        let second = src.text.rfind('=').unwrap();
        assert_eq!(src.line_col(second), (2, 5));
    }

    #[test]
    fn rendering_the_covering_lines_looks_like_rendering_the_whole_file() {
        let text =
            "[deck]\ntitle = \"Hej\"\n\n[need]\nclaim = \"Två\nrader\"\npoints = []\nlast = 1";
        let index = LineIndex::new(text);
        let renderer = Renderer::plain();
        let whole = |span: Range<usize>| {
            renderer.render(&[
                Group::with_title(Level::WARNING.primary_title("m")).element(
                    Snippet::source(text)
                        .path("d.toml")
                        .fold(true)
                        .annotation(AnnotationKind::Primary.span(span)),
                ),
            ])
        };
        let spans = [
            0..6,
            text.find("Hej").unwrap()..text.find("Hej").unwrap() + 3,
            text.find("Två").unwrap()..text.find("rader").unwrap() + 5,
            text.find("last").unwrap()..text.len(),
            text.find("[need]").unwrap()..text.find("[need]").unwrap() + 7,
        ];
        for span in spans {
            let lines = index.lines_around(&span);
            let line = index.line_of(lines.start) + 1;
            let part = renderer.render(&[Group::with_title(Level::WARNING.primary_title("m"))
                .element(
                    Snippet::source(&text[lines.clone()])
                        .line_start(line)
                        .path("d.toml")
                        .fold(true)
                        .annotation(
                            AnnotationKind::Primary
                                .span(span.start - lines.start..span.end - lines.start),
                        ),
                )]);
            assert_eq!(part, whole(span.clone()), "span {span:?}");
        }
    }

    #[test]
    fn clamp_span_widens_empty_span_to_one_char() {
        assert_eq!(clamp_span("abc", 1..1), 1..2);
        assert_eq!(clamp_span("ab", 5..9), 2..2);
    }
}
