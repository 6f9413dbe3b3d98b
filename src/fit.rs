//! Fit at build time: the deck's font is ours, so the build measures each
//! slide's text with the theme font's metrics (`layout`) and the theme's type
//! sizes, the way the default stylesheet lays it out on the 1280×720 slide. A
//! crowded slide is set in smaller type, a step at a time, never below the
//! theme's least size; a slide that does not fit even then is reported (W301)
//! with the slide and its place in deck.toml.
//!
//! The estimate follows `themes/default/style.css`, by the numbers in
//! `geometry` (checked against the stylesheet there); the browser tests
//! (tests/browser.rs) check that it agrees with Chromium: the slides warned
//! about are the ones that overflow, and the others fit.
//!
//! This is the one fit decision: every back end reads `Slide::fit` (the
//! HTML's `data-fit`, the PDF's text size). The PDF goes further down the
//! same table only when the slide still overflows its own frame (W203).

use crate::diagnostic::{Code, Diagnostic};
use crate::geometry::{
    BAR_CELL_WIDTH, BAR_HEIGHT, BODY_LEADING, BYLINE_GAP, BYLINE_LINE_GAP, BYLINE_PAD, BYLINE_RULE,
    BYLINE_SCALE, CELL_PAD_X, CELL_PAD_Y, CLAIM_GAP, COLUMN_GAP, CONTENT_HEIGHT, CONTENT_WIDTH,
    EVIDENCE_GAP, EVIDENCE_PAD_LEFT, EVIDENCE_PAD_TOP, EVIDENCE_RULE, FIT_STEPS, HEADING_LEADING,
    LABEL_GAP, ROW_RULE, SLIDE_FIT_STEPS, SUBTITLE_GAP, TABLE_LEADING, has_long_word,
    smallest_text,
};
use crate::geometry::{CHART_HEIGHT, STANDING_PAD_Y};
use crate::i18n::{Labels, labels};
use crate::layout::{Face, Fonts, Span, spans_of};
use crate::slides::{Lowered, MeasureRow, Rich, Slide, SlideKind, StandingRow};
use crate::theme::{Sizes, Theme};

/// What the build decided for one slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Index into `geometry::FIT_STEPS` (0: the theme's own sizes).
    pub step: usize,
    /// Estimated height of the slide's content at that step, in px.
    pub height: f32,
    /// Whether it fits in `CONTENT_HEIGHT`.
    pub fits: bool,
}

/// Measures every slide, sets `Slide::fit` to the step it needs, and returns a
/// W301 warning for each slide that does not fit even at the last step.
pub fn apply(lowered: &mut Lowered, theme: &Theme) -> Vec<Diagnostic> {
    let fonts = theme_fonts(theme);
    let fonts = fonts.as_ref().unwrap_or_else(|| Fonts::builtin());
    let sizes = &theme.config.sizes;
    let labels = labels(lowered.info.lang);
    let mut diagnostics = Vec::new();
    for slide in &mut lowered.slides {
        let fit = fit_slide(slide, fonts, sizes, labels);
        slide.fit = fit.step;
        if !fit.fits {
            let smallest = smallest_text(sizes);
            diagnostics.push(
                Diagnostic::new(Code::W301,
                    format!(
                        "slide {} does not fit: its text needs about {:.0}px of the {:.0}px a 1280×720 slide has, even in smaller type ({:.0}px)",
                        slide.number, fit.height, CONTENT_HEIGHT, smallest
                    ),
                )
                .at(slide.span.clone())
                .on_slide(slide.describe())
                .help("say less on the slide: cut points, move detail to `notes`, or split the section"),
            );
        }
    }
    diagnostics
}

/// The theme's own TrueType faces, when it has all four (else the built-in
/// ones): the fonts fit measures with, and the PPTX sizes its boxes by.
pub fn theme_fonts(theme: &Theme) -> Option<Fonts> {
    let faces = Face::ALL.map(|f| theme.file(f.file()));
    let [Some(r), Some(b), Some(i), Some(bi)] = faces else {
        return None;
    };
    if [r, b, i, bi]
        .iter()
        .zip(Face::ALL)
        .all(|(bytes, f)| *bytes == Fonts::builtin_bytes(f))
    {
        return None;
    }
    Fonts::parse([r, b, i, bi]).ok()
}

/// The first step at which the slide fits, or the last step when none does.
pub fn fit_slide(slide: &Slide, fonts: &Fonts, sizes: &Sizes, labels: &Labels) -> Fit {
    let steps = &FIT_STEPS[..SLIDE_FIT_STEPS];
    let last = steps.len() - 1;
    for (step, factor) in steps.iter().enumerate() {
        let height = slide_height(slide, fonts, sizes, labels, *factor);
        if height <= CONTENT_HEIGHT || step == last {
            return Fit {
                step,
                height,
                fits: height <= CONTENT_HEIGHT,
            };
        }
    }
    unreachable!("the slide has fit steps")
}

/// A size scaled by the fit factor, never below the theme's least size.
fn scaled(size: f32, factor: f32, sizes: &Sizes) -> f32 {
    (size * factor).max(sizes.min)
}

/// Height of rich text broken into lines at `size` in a box `width` wide.
fn text_height(fonts: &Fonts, rich: &Rich, bold: bool, size: f32, width: f32, leading: f32) -> f32 {
    let spans: Vec<Span> = if bold {
        spans_of(rich)
            .into_iter()
            .map(|s| Span::new(s.text, s.face.bolder()))
            .collect()
    } else {
        spans_of(rich)
    };
    let lines = fonts.break_lines(&spans, size, width).len().max(1);
    lines as f32 * size * leading
}

/// `n` ch (the width of "0") in a face at a size: CSS `max-width: 30ch`.
fn ch(fonts: &Fonts, face: Face, size: f32, n: f32) -> f32 {
    fonts.width(face, "0", size) * n
}

/// Estimated height of everything in the slide's frame (inside its margins).
pub fn slide_height(
    slide: &Slide,
    fonts: &Fonts,
    sizes: &Sizes,
    labels: &Labels,
    factor: f32,
) -> f32 {
    match slide.kind {
        SlideKind::Title => title_height(slide, fonts, sizes, factor),
        SlideKind::Divider => {
            let size = sizes.divider;
            text_height(
                fonts,
                &slide.heading,
                true,
                size,
                CONTENT_WIDTH,
                HEADING_LEADING,
            )
        }
        SlideKind::Section(_) | SlideKind::Objection | SlideKind::Standing => {
            content_height(slide, fonts, sizes, labels, factor)
        }
    }
}

fn title_height(slide: &Slide, fonts: &Fonts, sizes: &Sizes, factor: f32) -> f32 {
    let title = scaled(sizes.title, factor, sizes);
    let width = CONTENT_WIDTH.min(ch(fonts, Face::Bold, title, 24.0));
    let mut h = text_height(fonts, &slide.heading, true, title, width, HEADING_LEADING);
    if let Some(subtitle) = &slide.subtitle {
        let size = scaled(sizes.subtitle, factor, sizes);
        let width = CONTENT_WIDTH.min(ch(fonts, Face::Regular, size, 40.0));
        h += SUBTITLE_GAP + text_height(fonts, subtitle, false, size, width, BODY_LEADING);
    }
    if !slide.byline.is_empty() {
        let size = scaled(sizes.text * BYLINE_SCALE, factor, sizes);
        h += BYLINE_GAP + BYLINE_PAD + BYLINE_RULE;
        for line in &slide.byline {
            let rich = Rich::plain(line.clone());
            h += text_height(fonts, &rich, false, size, CONTENT_WIDTH, BODY_LEADING)
                + BYLINE_LINE_GAP;
        }
    }
    h
}

fn content_height(
    slide: &Slide,
    fonts: &Fonts,
    sizes: &Sizes,
    labels: &Labels,
    factor: f32,
) -> f32 {
    // The label: one line of capitals with letter spacing.
    let mut label = Rich::plain(slide.label.to_uppercase());
    if let Some((i, n)) = slide.part {
        label.runs[0].text.push_str(&format!(" {i}/{n}"));
    }
    // Letter spacing (0.06em) is measured as 8% wider type on the same line height.
    let label_lines = fonts
        .break_lines(&spans_of(&label), sizes.label * 1.08, CONTENT_WIDTH)
        .len()
        .max(1);
    let mut h = label_lines as f32 * sizes.label * BODY_LEADING + LABEL_GAP;

    // The text column: the whole width, or three fifths beside an image.
    let width = if slide.image.is_some() {
        (CONTENT_WIDTH - COLUMN_GAP) * 3.0 / 5.0
    } else {
        CONTENT_WIDTH
    };
    let claim = scaled(sizes.claim, factor, sizes);
    let claim_width = width.min(ch(fonts, Face::Bold, claim, 30.0));
    let mut column = text_height(
        fonts,
        &slide.heading,
        true,
        claim,
        claim_width,
        HEADING_LEADING,
    ) + CLAIM_GAP;
    let text = scaled(sizes.text, factor, sizes);
    if let Some(answer) = &slide.answer {
        let size = scaled(sizes.answer, factor, sizes);
        let answer_width = width.min(ch(fonts, Face::Regular, size, 40.0));
        column += text_height(fonts, answer, false, size, answer_width, BODY_LEADING);
    }
    if !slide.points.is_empty() {
        // ul padding-left 1.1em, li padding-left 0.2em, li margin-bottom 0.5em.
        let point_width = width - 1.3 * text;
        for point in &slide.points {
            column +=
                text_height(fonts, point, false, text, point_width, BODY_LEADING) + 0.5 * text;
        }
    }
    if !slide.measures.is_empty() {
        column += table_height(&slide.measures, fonts, sizes, labels, width);
    }
    if !slide.standing.is_empty() {
        column += standing_height(&slide.standing, fonts, sizes, labels, width);
    }
    h += column;
    if let Some(evidence) = &slide.evidence {
        // margin-top 16, padding-top 10, border-left 6 + padding-left 20.
        h += EVIDENCE_GAP
            + EVIDENCE_PAD_TOP
            + text_height(
                fonts,
                evidence,
                false,
                sizes.small,
                CONTENT_WIDTH - (EVIDENCE_RULE + EVIDENCE_PAD_LEFT),
                BODY_LEADING,
            );
    }
    h
}

/// A column of the measures table as the browser's automatic table layout
/// sees it: the narrowest it can be (its longest word, or one character where
/// a long word may break anywhere: `geometry::has_long_word`) and the width
/// its widest cell wants on one line, cell padding included.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Column {
    min: f32,
    max: f32,
}

impl Column {
    fn fixed(width: f32) -> Column {
        Column {
            min: width,
            max: width,
        }
    }

    /// One cell's text in `face` at `size`.
    fn of(fonts: &Fonts, face: Face, text: &str, size: f32) -> Column {
        let widest = |pieces: &mut dyn Iterator<Item = f32>| pieces.fold(0.0, f32::max);
        let min = if has_long_word(text) {
            widest(&mut text.chars().map(|c| fonts.face(face).advance(c) * size))
        } else {
            widest(&mut text.split_whitespace().map(|w| fonts.width(face, w, size)))
        };
        Column {
            min: min + 2.0 * CELL_PAD_X,
            max: fonts.width(face, text, size) + 2.0 * CELL_PAD_X,
        }
    }

    /// The column holding both.
    fn and(self, other: Column) -> Column {
        Column {
            min: self.min.max(other.min),
            max: self.max.max(other.max),
        }
    }
}

/// The widths a `width: 100%` table gives its columns (CSS 2.1 automatic
/// layout, which Chromium follows closely enough here): when every column can
/// have its one-line width, it does (the rest of the line only widens cells,
/// it breaks no text); when not even the narrowest widths fit, each column is
/// as narrow as it can be (and the table overflows, as the browser's would);
/// in between, each column gets its narrowest width plus a share of the rest
/// in proportion to how much wider it would like to be.
fn column_widths(columns: &[Column], width: f32) -> Vec<f32> {
    let min: f32 = columns.iter().map(|c| c.min).sum();
    let max: f32 = columns.iter().map(|c| c.max).sum();
    columns
        .iter()
        .map(|c| {
            if max <= width {
                c.max
            } else if min >= width {
                c.min
            } else {
                c.min + (width - min) * (c.max - c.min) / (max - min)
            }
        })
        .collect()
}

/// The metrics table: a header row and a row per measure. Its columns are
/// laid out as the browser does (`column_widths`); the measure's name, and a
/// unit with a long word in it, wrap in the width their columns get.
fn table_height(
    rows: &[MeasureRow],
    fonts: &Fonts,
    sizes: &Sizes,
    labels: &Labels,
    width: f32,
) -> f32 {
    let size = sizes.small;
    let cell = |text: &str| Column::of(fonts, Face::Regular, text, size);
    let header = |text: &str| Column::of(fonts, Face::Bold, text, size);
    // The quality tag: a word in a pill, whose padding and border take about
    // half an em more; the pill makes its line a little taller.
    let tag_room = 0.55 * size;
    let quality = format!(" {}", labels.quality);
    let name_text = |m: &MeasureRow| {
        let mut name = m.name.clone();
        if m.quality {
            name.runs.push(crate::slides::Run {
                text: quality.clone(),
                ..Default::default()
            });
        }
        name
    };
    let mut name = header(labels.measure);
    let mut baseline = header(labels.baseline);
    let mut target = header(labels.target);
    let mut unit = header(labels.unit);
    let mut by = header(labels.by);
    for m in rows {
        let text = name_text(m);
        let mut column = Column::of(fonts, Face::Regular, &text.text(), size);
        column.max = fonts.spans_width(&spans_of(&text), size) + 2.0 * CELL_PAD_X;
        if m.quality {
            column.max += tag_room;
        }
        name = name.and(column);
        baseline = baseline.and(cell(m.baseline_text.as_deref().unwrap_or("–")));
        target = target.and(cell(&m.target_text));
        unit = unit.and(cell(m.unit.as_deref().unwrap_or("")));
        // Dates never break (`white-space: nowrap`).
        let date = cell(&m.by);
        by = by.and(Column::fixed(date.max));
    }
    // The bar column: 220px and a little of the cell padding.
    let columns = [
        name,
        baseline,
        target,
        unit,
        by,
        Column::fixed(BAR_CELL_WIDTH + 4.0),
    ];
    let widths = column_widths(&columns, width);
    let (name_width, unit_width) = (widths[0] - 2.0 * CELL_PAD_X, widths[3] - 2.0 * CELL_PAD_X);

    let row_extra = 2.0 * CELL_PAD_Y + ROW_RULE;
    let mut h = size * TABLE_LEADING + row_extra;
    for m in rows {
        let room = name_width - if m.quality { tag_room } else { 0.0 };
        let text = name_text(m);
        let name_lines = fonts.break_lines(&spans_of(&text), size, room).len();
        let unit_lines = match m.unit.as_deref() {
            Some(u) if has_long_word(u) => {
                let unit = Rich::plain(u);
                fonts.break_lines(&spans_of(&unit), size, unit_width).len()
            }
            _ => 1,
        };
        let lines = name_lines.max(unit_lines).max(1);
        let tag = if m.quality { 5.0 } else { 0.0 };
        // A row is at least as tall as its bar.
        h += (lines as f32 * size * TABLE_LEADING + tag).max(BAR_HEIGHT) + row_extra;
    }
    h
}

/// The "where we stand" table: a header row and a row per measure, each at
/// least as tall as its chart and as the latest value over its date; the
/// name wraps in what the figures, the status and the chart leave.
fn standing_height(
    rows: &[StandingRow],
    fonts: &Fonts,
    sizes: &Sizes,
    labels: &Labels,
    width: f32,
) -> f32 {
    let size = sizes.small;
    let cell = |text: &str, face: Face| fonts.width(face, text, size) + 2.0 * CELL_PAD_X;
    let column = |texts: &mut dyn Iterator<Item = String>, face: Face| {
        texts.map(|t| cell(&t, face)).fold(0.0, f32::max)
    };
    let dash = || "–".to_string();
    let header = |text: &str| cell(text, Face::Bold);
    let figures = column(
        &mut rows
            .iter()
            .map(|r| r.baseline_text.clone().unwrap_or_else(dash)),
        Face::Regular,
    )
    .max(header(labels.start))
        + column(
            &mut rows.iter().flat_map(|r| {
                [
                    r.latest_text.clone().unwrap_or_else(dash),
                    r.latest_date.clone().unwrap_or_default(),
                ]
            }),
            Face::Regular,
        )
        .max(header(labels.latest))
        + column(
            &mut rows.iter().map(|r| r.target_text.clone()),
            Face::Regular,
        )
        .max(header(labels.target))
        + column(&mut rows.iter().map(|r| r.by.clone()), Face::Regular).max(header(labels.by))
        + column(
            &mut rows
                .iter()
                .map(|r| r.status_word.clone().unwrap_or_else(dash)),
            Face::Bold,
        )
        .max(header(labels.status));
    let name_width = (width - figures - (BAR_CELL_WIDTH + 4.0)).max(size * 4.0) - 2.0 * CELL_PAD_X;
    let row_extra = 2.0 * STANDING_PAD_Y + ROW_RULE;
    let mut h = size * TABLE_LEADING + row_extra;
    for r in rows {
        let mut name = r.name.clone();
        if let Some(unit) = &r.unit {
            name.runs.push(crate::slides::Run {
                text: format!(" ({unit})"),
                ..Default::default()
            });
        }
        let lines = fonts
            .break_lines(&spans_of(&name), size, name_width)
            .len()
            .max(1);
        let latest = if r.latest_date.is_some() { 2 } else { 1 };
        h += (lines.max(latest) as f32 * size * TABLE_LEADING).max(CHART_HEIGHT) + row_extra;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> Sizes {
        Sizes::default()
    }

    #[test]
    fn table_columns_share_the_width_as_the_browser_does() {
        let c = |min, max| Column { min, max };
        // Everything fits on one line: every column its one-line width.
        assert_eq!(
            column_widths(&[c(10.0, 50.0), c(20.0, 30.0)], 100.0),
            [50.0, 30.0]
        );
        // Not even the narrowest widths fit: the narrowest.
        assert_eq!(
            column_widths(&[c(60.0, 90.0), c(50.0, 50.0)], 100.0),
            [60.0, 50.0]
        );
        // In between: the rest in proportion to how much wider each would be.
        assert_eq!(
            column_widths(&[c(10.0, 110.0), c(10.0, 310.0), c(40.0, 40.0)], 160.0),
            [35.0, 85.0, 40.0]
        );
    }

    #[test]
    fn a_long_unit_wraps_and_leaves_the_name_its_room() {
        let fonts = Fonts::builtin();
        let labels = labels(crate::deck::Lang::En);
        let row = |unit: &str| MeasureRow {
            name: Rich::plain("Questions we get through the help pages"),
            baseline: Some(120.0),
            target: 60.0,
            baseline_text: Some("120".to_string()),
            target_text: "60".to_string(),
            unit: Some(unit.to_string()),
            by: "2027-06-30".to_string(),
            quality: false,
            why: None,
            bar: None,
        };
        let short = table_height(&[row("tickets")], fonts, &sizes(), labels, CONTENT_WIDTH);
        let long = "supportticketsperthousandvisitorstoourhelpcentrepagesonlinex";
        let long = table_height(&[row(long)], fonts, &sizes(), labels, CONTENT_WIDTH);
        // The 60-letter unit takes a few lines of its own column, not the
        // whole table's width: the row is a few lines tall, no more.
        assert!(long > short, "{long} > {short}");
        let line = sizes().small * TABLE_LEADING;
        assert!(long - short <= 3.0 * line, "{long} - {short}");
    }

    #[test]
    fn smaller_steps_never_go_below_the_least_size() {
        let s = sizes();
        for factor in &FIT_STEPS[..SLIDE_FIT_STEPS] {
            for size in [s.text, s.claim, s.title, s.answer] {
                assert!(scaled(size, *factor, &s) >= s.min);
            }
        }
        assert_eq!(scaled(s.text, FIT_STEPS[3], &s), s.min);
    }

    #[test]
    fn more_lines_are_taller_and_smaller_type_is_shorter() {
        let fonts = Fonts::builtin();
        let short = Rich::plain("We ask for one role.");
        let long = Rich::plain("We ask for one role. ".repeat(20));
        let a = text_height(fonts, &short, false, 30.0, CONTENT_WIDTH, BODY_LEADING);
        let b = text_height(fonts, &long, false, 30.0, CONTENT_WIDTH, BODY_LEADING);
        let c = text_height(fonts, &long, false, 24.0, CONTENT_WIDTH, BODY_LEADING);
        assert_eq!(a, 30.0 * BODY_LEADING);
        assert!(b > 4.0 * a, "{b}");
        assert!(c < b, "{c} {b}");
    }
}
