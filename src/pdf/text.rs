//! Shared state of one PDF render: fonts, colours, labels, and the warnings
//! found on the way; and turning rich text into positioned lines.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Labels;
use crate::layout::{Face, Fonts, Span};
use crate::slides::{Rich, Run, Slide};

use super::canvas::{Color8, Display, Item, Mark, StyledSpan};

/// The colours one kind of page is drawn with.
#[derive(Debug, Clone, Copy)]
pub struct Colors {
    pub background: Color8,
    pub text: Color8,
    pub muted: Color8,
    pub accent: Color8,
    pub surface: Color8,
}

impl Colors {
    /// `accent` mixed towards the background (for the light part of a bar).
    pub fn faded_accent(&self, amount: f32) -> Color8 {
        let mut out = [0u8; 3];
        for (i, o) in out.iter_mut().enumerate() {
            let a = f32::from(self.accent[i]);
            let b = f32::from(self.background[i]);
            *o = (b + (a - b) * amount).round() as u8;
        }
        out
    }
}

/// Where a piece of text comes from, for warnings: its slide.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    /// The slide's name in diagnostics ("need", "objection 3").
    pub name: String,
    pub slide: &'a Slide,
}

impl<'a> Origin<'a> {
    pub fn new(slide: &'a Slide) -> Self {
        Origin {
            name: slide.describe(),
            slide,
        }
    }
}

pub struct Ctx<'a> {
    pub fonts: &'a Fonts,
    pub labels: &'static Labels,
    pub diagnostics: Vec<Diagnostic>,
    reported: BTreeSet<(String, char)>,
}

/// Line height as a multiple of the font size, for body text.
pub const LEADING: f32 = 1.35;

/// A paragraph style.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub leading: f32,
    pub color: Color8,
    /// Draw every run bold.
    pub bold: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(fonts: &'a Fonts, labels: &'static Labels) -> Self {
        Ctx {
            fonts,
            labels,
            diagnostics: Vec::new(),
            reported: BTreeSet::new(),
        }
    }

    /// Runs as spans to draw: characters the font lacks replaced visibly and
    /// reported once per slide and character.
    pub fn spans(&mut self, rich: &Rich, bold: bool, origin: &Origin) -> Rc<Vec<StyledSpan>> {
        let spans = rich
            .runs
            .iter()
            .filter(|r| !r.text.is_empty())
            .map(|run| self.span(run, bold, origin))
            .collect();
        Rc::new(spans)
    }

    fn span(&mut self, run: &Run, bold: bool, origin: &Origin) -> StyledSpan {
        let face = Face::new(run.strong || bold, run.emphasis);
        let (text, missing) = self.fonts.replace_missing(face, &run.text);
        for c in missing {
            if self.reported.insert((origin.name.clone(), c)) {
                let (sub, _) = self.fonts.replace_missing(face, &c.to_string());
                self.diagnostics.push(
                    Diagnostic::new(Code::W201,
                        format!(
                            "the PDF font has no glyph for `{c}` (U+{:04X}); the PDF shows `{sub}` in its place",
                            u32::from(c)
                        ),
                    )
                    .at(origin.slide.locate(c))
                    .on_slide(origin.name.clone())
                    .help("use a character the theme's font has, or a theme with a font that has this one"),
                );
            }
        }
        StyledSpan {
            text,
            face,
            link: run.link.clone(),
            code: run.code,
        }
    }

    /// Plain text as spans (labels, byline): the tool's own words.
    pub fn plain(&mut self, text: &str, bold: bool, origin: &Origin) -> Rc<Vec<StyledSpan>> {
        self.spans(&Rich::plain(text), bold, origin)
    }

    /// Lays out spans in a box `width` wide at (x, y); returns the items and the height.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &self,
        display: &mut Display,
        mark: Mark,
        spans: &Rc<Vec<StyledSpan>>,
        style: Style,
        colors: &Colors,
        x: f32,
        y: f32,
        width: f32,
    ) -> f32 {
        let lines = self.lines(spans, style, width);
        let lh = style.size * style.leading;
        for (i, line) in lines.iter().enumerate() {
            display.push(
                mark,
                Item::Text {
                    x,
                    y: y + i as f32 * lh,
                    line: line.clone(),
                    spans: spans.clone(),
                    size: style.size,
                    line_height: lh,
                    color: style.color,
                    link_color: colors.accent,
                    code_bg: colors.surface,
                },
            );
        }
        lines.len() as f32 * lh
    }

    /// The lines of spans in a box `width` wide.
    pub fn lines(
        &self,
        spans: &[StyledSpan],
        style: Style,
        width: f32,
    ) -> Vec<crate::layout::Line> {
        let input: Vec<Span> = spans.iter().map(|s| Span::new(&s.text, s.face)).collect();
        self.fonts.break_lines(&input, style.size, width)
    }

    /// Width of spans on one line.
    pub fn width(&self, spans: &[StyledSpan], size: f32) -> f32 {
        spans
            .iter()
            .map(|s| self.fonts.width(s.face, &s.text, size))
            .sum()
    }
}

/// Parses `#rrggbb`; falls back to black.
pub fn rgb(hex: &str) -> Color8 {
    crate::theme::parse_hex_color(hex).unwrap_or([0, 0, 0])
}
