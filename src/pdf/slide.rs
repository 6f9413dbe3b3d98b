//! One slide drawn as vector graphics, matching the HTML slide: the same
//! content, order, geometry (`crate::geometry`, CSS px of the 1280×720
//! canvas, scaled to the page), type sizes (the theme's `[sizes]`) and metric
//! bars. Used full-page by the slides layout and as a frame by the handout.
//!
//! Text is set at the fit step the build chose for the slide (`Slide::fit`,
//! see `fit.rs`); when the slide still overflows its frame here, the later
//! steps of the same table are tried, and W203 warns when even the last does
//! not fit.

use std::rc::Rc;

use crate::geometry::{
    BAR_CELL_WIDTH, BAR_HEIGHT, BAR_WIDTH, BYLINE_GAP, BYLINE_LINE_GAP, BYLINE_PAD, BYLINE_RULE,
    BYLINE_SCALE, CELL_PAD_X, CELL_PAD_Y, CLAIM_GAP, COLUMN_GAP, EVIDENCE_GAP, EVIDENCE_PAD_LEFT,
    EVIDENCE_PAD_TOP, EVIDENCE_RULE, FIT_STEPS, HEADING_LEADING, IMAGE_MAX_HEIGHT, LABEL_GAP,
    LOGO_MAX_HEIGHT, LOGO_MAX_WIDTH, LOGO_RIGHT, LOGO_TOP, NUMBER_BOTTOM, NUMBER_RIGHT, PAD_BOTTOM,
    PAD_SIDE, PAD_TOP, ROW_RULE, SLIDE_HEIGHT, SLIDE_WIDTH, SUBTITLE_GAP, TABLE_LEADING,
};
use crate::geometry::{CHART_HEIGHT, CHART_WIDTH, STANDING_PAD_Y};
use crate::slides::{Bar, Chart, MeasureRow, Slide, SlideKind, StandingRow};
use crate::theme::Sizes;

use super::canvas::{Display, Item, Mark, StyledSpan};
use super::flow::Row;
use super::image::Images;
use super::structure::{Role, Structure};
use super::text::{Colors, Ctx, LEADING, Origin, Style};

/// The PDF's own measures where the stylesheet's are in `ch` of the font
/// (CSS `max-width: 24ch` and the like): widths at the default type size,
/// which grow and shrink with the theme's size of that text.
const TITLE_MEASURE: f32 = 0.86; // of the content width
const SUBTITLE_MEASURE: f32 = 0.9; // of the content width
const CLAIM_MEASURE: f32 = 760.0;
const ANSWER_MEASURE: f32 = 704.0;
/// Space after a point (the stylesheet's 0.5em of 30 px, rounded down).
const POINT_GAP: f32 = 14.0;
/// An image the PDF cannot draw: its alternative text, and the frame's padding.
const ALT_TEXT: f32 = 20.0;
const ALT_PAD: f32 = 16.0;

/// What every layout needs besides the slides.
pub struct Prepared {
    pub total: usize,
    pub images: Images,
    /// The theme's type sizes, CSS px on the 1280×720 slide.
    pub sizes: Sizes,
}

/// A measure of the PDF's (a width for text of size `size`) for the theme's
/// size of that text, `default` being the default theme's.
fn measure(width: f32, size: f32, default: f32) -> f32 {
    width * (size / default)
}

/// The slide as a bookmark title.
pub fn bookmark(slide: &Slide) -> String {
    let heading = slide.heading.text();
    match slide.part {
        Some((i, n)) => format!("{heading} ({i}/{n})"),
        None => heading,
    }
}

pub fn origin(slide: &Slide) -> Origin<'_> {
    Origin::new(slide)
}

/// Draws a bar `w`×`h` at (x, y), as the HTML's SVG (viewBox 100×20).
#[allow(clippy::too_many_arguments)]
fn draw_bar(
    display: &mut Display,
    mark: Mark,
    bar: &Bar,
    colors: &Colors,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    let sx = w / 100.0;
    let sy = h / 20.0;
    let mut rect = |px: f32, py: f32, pw: f32, ph: f32, color| {
        if pw > 0.0 && ph > 0.0 {
            display.push(
                mark,
                Item::Rect {
                    x: x + px * sx,
                    y: y + py * sy,
                    w: pw * sx,
                    h: ph * sy,
                    color,
                },
            );
        }
    };
    rect(0.0, 6.0, 100.0, 8.0, colors.surface);
    rect(0.0, 6.0, bar.baseline_pct as f32, 8.0, colors.muted);
    let gain = if bar.decrease {
        colors.faded_accent(0.35)
    } else {
        colors.accent
    };
    rect(bar.from_pct as f32, 3.0, bar.width_pct as f32, 14.0, gain);
    rect(bar.marker_pct as f32, 0.0, 1.6, 20.0, colors.text);
}

/// A column of the measures table.
struct Column {
    x: f32,
    w: f32,
    right: bool,
}

/// Lays out the measures table `width` wide, its text `type_px` CSS px: one
/// row per measure, the header row first. Items are relative to each row's
/// top-left corner; sizes are CSS px times `s`.
#[allow(clippy::too_many_arguments)]
pub fn measures_table(
    ctx: &mut Ctx,
    structure: &mut Structure,
    parent: usize,
    rows: &[MeasureRow],
    origin: &Origin,
    colors: &Colors,
    type_px: f32,
    s: f32,
    width: f32,
) -> Vec<Row> {
    let size = type_px * s;
    let leading = TABLE_LEADING;
    let pad_x = CELL_PAD_X * s;
    let pad_y = CELL_PAD_Y * s;
    let border = ROW_RULE * s;
    let l = ctx.labels;
    let head = Style {
        size,
        leading,
        color: colors.muted,
        bold: true,
    };
    let body = Style {
        size,
        leading,
        color: colors.text,
        bold: false,
    };
    let table = structure.add(parent, Role::Table);

    // Column widths: figures and dates as wide as their widest cell.
    let headers = [l.measure, l.baseline, l.target, l.unit, l.by];
    let header_spans: Vec<Rc<Vec<StyledSpan>>> =
        headers.iter().map(|h| ctx.plain(h, true, origin)).collect();
    let cells: Vec<[Rc<Vec<StyledSpan>>; 4]> = rows
        .iter()
        .map(|m| {
            [
                ctx.plain(m.baseline_text.as_deref().unwrap_or("–"), false, origin),
                ctx.plain(&m.target_text, false, origin),
                ctx.plain(m.unit.as_deref().unwrap_or(""), false, origin),
                ctx.plain(&m.by, false, origin),
            ]
        })
        .collect();
    let bar_w = BAR_CELL_WIDTH * s;
    let mut widths = [0.0f32; 4];
    for (i, w) in widths.iter_mut().enumerate() {
        let head_w = ctx.width(&header_spans[i + 1], size);
        let cell_w = cells
            .iter()
            .map(|c| ctx.width(&c[i], size))
            .fold(0.0, f32::max);
        // Never more than a sixth of the table each: long units wrap.
        *w = (head_w.max(cell_w) + 2.0 * pad_x + 0.5).min(width / 6.0);
    }
    let name_w = (width - widths.iter().sum::<f32>() - bar_w).max(width * 0.2);
    let mut columns = vec![Column {
        x: 0.0,
        w: name_w,
        right: false,
    }];
    let mut cx = name_w;
    for (i, w) in widths.iter().enumerate() {
        columns.push(Column {
            x: cx,
            w: *w,
            right: i < 2,
        });
        cx += w;
    }
    let bar_x = cx;
    let mut out = Vec::new();

    // Header row.
    let tr = structure.add(table, Role::TR);
    let mut d = Display::default();
    let mut row_h: f32 = 0.0;
    for (i, col) in columns.iter().enumerate() {
        let th = structure.add(tr, Role::TH);
        let spans = &header_spans[i];
        let inner = col.w - 2.0 * pad_x;
        let dx = if col.right {
            (inner - ctx.width(spans, size)).max(0.0)
        } else {
            0.0
        };
        let h = ctx.paragraph(
            &mut d,
            Mark::Content(th),
            spans,
            head,
            colors,
            col.x + pad_x + dx,
            pad_y,
            inner,
        );
        row_h = row_h.max(h);
    }
    let total = row_h + 2.0 * pad_y;
    d.push(
        Mark::Artifact,
        Item::Rect {
            x: 0.0,
            y: total - border,
            w: width,
            h: border,
            color: colors.muted,
        },
    );
    out.push(Row::new(d, total));

    for (m, values) in rows.iter().zip(&cells) {
        let tr = structure.add(table, Role::TR);
        let mut d = Display::default();
        let th = structure.add(tr, Role::RowHeader);
        let mut name = (*ctx.spans(&m.name, false, origin)).clone();
        if m.quality {
            name.push(StyledSpan {
                text: format!("\u{a0}{}", l.quality),
                face: crate::layout::Face::Italic,
                link: None,
                code: false,
            });
        }
        let name = Rc::new(name);
        let inner = columns[0].w - 2.0 * pad_x;
        let mut h = ctx.paragraph(
            &mut d,
            Mark::Content(th),
            &name,
            body,
            colors,
            pad_x,
            pad_y,
            inner,
        );
        for (i, spans) in values.iter().enumerate() {
            let col = &columns[i + 1];
            let td = structure.add(tr, Role::TD);
            let inner = col.w - 2.0 * pad_x;
            let dx = if col.right {
                (inner - ctx.width(spans, size)).max(0.0)
            } else {
                0.0
            };
            h = h.max(ctx.paragraph(
                &mut d,
                Mark::Content(td),
                spans,
                body,
                colors,
                col.x + pad_x + dx,
                pad_y,
                inner,
            ));
        }
        let total = h + 2.0 * pad_y;
        let td = structure.add(tr, Role::TD);
        if let Some(b) = &m.bar {
            let fig = structure.add(td, Role::Figure(b.description.clone()));
            let bw = BAR_WIDTH * s;
            let bh = BAR_HEIGHT * s;
            draw_bar(
                &mut d,
                Mark::Content(fig),
                b,
                colors,
                bar_x + (bar_w - bw) / 2.0,
                (total - bh) / 2.0,
                bw,
                bh,
            );
        }
        d.push(
            Mark::Artifact,
            Item::Rect {
                x: 0.0,
                y: total - border,
                w: width,
                h: border,
                color: colors.surface,
            },
        );
        out.push(Row::new(d, total));
    }
    out
}

/// Draws a row's chart `w`×`h` at (x, y), as the HTML's SVG draws it (its
/// box is `CHART_WIDTH`×`CHART_HEIGHT`): the pace line dashed and muted, the
/// measured line in the accent colour with a square per result, the target
/// as an upright mark.
#[allow(clippy::too_many_arguments)]
fn draw_chart(
    display: &mut Display,
    mark: Mark,
    chart: &Chart,
    colors: &Colors,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    let sx = w / CHART_WIDTH;
    let sy = h / CHART_HEIGHT;
    let at = |p: [f64; 2]| (x + p[0] as f32 * sx, y + p[1] as f32 * sy);
    display.push(
        mark,
        Item::Rect {
            x,
            y: y + (CHART_HEIGHT - 1.0) * sy,
            w,
            h: sy,
            color: colors.surface,
        },
    );
    if let Some([x1, y1, x2, y2]) = chart.pace {
        display.push(
            mark,
            Item::Stroke {
                points: vec![at([x1, y1]), at([x2, y2])],
                width: 1.5 * sx,
                color: colors.muted,
                dashed: true,
            },
        );
    }
    if chart.path.len() > 1 {
        display.push(
            mark,
            Item::Stroke {
                points: chart.path.iter().map(|p| at(*p)).collect(),
                width: 2.5 * sx,
                color: colors.accent,
                dashed: false,
            },
        );
    }
    let (gx, gy) = at(chart.goal);
    display.push(
        mark,
        Item::Rect {
            x: gx - 1.5 * sx,
            y: gy - 7.0 * sy,
            w: 3.0 * sx,
            h: 14.0 * sy,
            color: colors.text,
        },
    );
    if let (Some(first), true) = (chart.path.first(), chart.pace.is_some()) {
        let (bx, by) = at(*first);
        display.push(
            mark,
            Item::Rect {
                x: bx - 3.0 * sx,
                y: by - 3.0 * sy,
                w: 6.0 * sx,
                h: 6.0 * sy,
                color: colors.muted,
            },
        );
    }
    for dot in &chart.dots {
        let (dx, dy) = at(*dot);
        display.push(
            mark,
            Item::Rect {
                x: dx - 3.5 * sx,
                y: dy - 3.5 * sy,
                w: 7.0 * sx,
                h: 7.0 * sy,
                color: colors.accent,
            },
        );
    }
}

/// Lays out the "where we stand" table `width` wide, as [`measures_table`]:
/// name, baseline, latest value over its date, target, by, the status as a
/// word, and the chart.
#[allow(clippy::too_many_arguments)]
pub fn standing_table(
    ctx: &mut Ctx,
    structure: &mut Structure,
    parent: usize,
    rows: &[StandingRow],
    origin: &Origin,
    colors: &Colors,
    type_px: f32,
    s: f32,
    width: f32,
) -> Vec<Row> {
    let size = type_px * s;
    let leading = TABLE_LEADING;
    let pad_x = CELL_PAD_X * s;
    let pad_y = STANDING_PAD_Y * s;
    let border = ROW_RULE * s;
    let l = ctx.labels;
    let style = |color, bold| Style {
        size,
        leading,
        color,
        bold,
    };
    let table = structure.add(parent, Role::Table);
    let headers = [l.measure, l.start, l.latest, l.target, l.by, l.status];
    let header_spans: Vec<Rc<Vec<StyledSpan>>> =
        headers.iter().map(|h| ctx.plain(h, true, origin)).collect();
    // Each figure cell: its lines (the latest value has its date under it).
    let cells: Vec<[Vec<Rc<Vec<StyledSpan>>>; 5]> = rows
        .iter()
        .map(|m| {
            let dash = || "–".to_string();
            let mut latest =
                vec![ctx.plain(&m.latest_text.clone().unwrap_or_else(dash), false, origin)];
            if let Some(date) = &m.latest_date {
                latest.push(ctx.plain(date, false, origin));
            }
            [
                vec![ctx.plain(&m.baseline_text.clone().unwrap_or_else(dash), false, origin)],
                latest,
                vec![ctx.plain(&m.target_text, false, origin)],
                vec![ctx.plain(&m.by, false, origin)],
                vec![ctx.plain(&m.status_word.clone().unwrap_or_else(dash), true, origin)],
            ]
        })
        .collect();
    let chart_w = BAR_CELL_WIDTH * s;
    let mut widths = [0.0f32; 5];
    for (i, w) in widths.iter_mut().enumerate() {
        let head_w = ctx.width(&header_spans[i + 1], size);
        let cell_w = cells
            .iter()
            .flat_map(|c| c[i].iter())
            .map(|spans| ctx.width(spans, size))
            .fold(0.0, f32::max);
        // Figures and dates are short and never break: as wide as they are.
        *w = head_w.max(cell_w) + 2.0 * pad_x + 0.5;
    }
    let name_w = (width - widths.iter().sum::<f32>() - chart_w).max(width * 0.15);
    let mut columns = vec![Column {
        x: 0.0,
        w: name_w,
        right: false,
    }];
    let mut cx = name_w;
    for (i, w) in widths.iter().enumerate() {
        columns.push(Column {
            x: cx,
            w: *w,
            // Figures right-aligned; the dates and the status word as text.
            right: i < 3,
        });
        cx += w;
    }
    let chart_x = cx;
    let mut out = Vec::new();

    let tr = structure.add(table, Role::TR);
    let mut d = Display::default();
    let mut row_h: f32 = 0.0;
    for (i, col) in columns.iter().enumerate() {
        let th = structure.add(tr, Role::TH);
        let spans = &header_spans[i];
        let inner = col.w - 2.0 * pad_x;
        let dx = if col.right {
            (inner - ctx.width(spans, size)).max(0.0)
        } else {
            0.0
        };
        let h = ctx.paragraph(
            &mut d,
            Mark::Content(th),
            spans,
            style(colors.muted, true),
            colors,
            col.x + pad_x + dx,
            pad_y,
            inner,
        );
        row_h = row_h.max(h);
    }
    // The chart's header cell: empty, as in the HTML (its figures are the row's).
    structure.add(tr, Role::TH);
    let total = row_h + 2.0 * pad_y;
    d.push(
        Mark::Artifact,
        Item::Rect {
            x: 0.0,
            y: total - border,
            w: width,
            h: border,
            color: colors.muted,
        },
    );
    out.push(Row::new(d, total));

    for (m, values) in rows.iter().zip(&cells) {
        let tr = structure.add(table, Role::TR);
        let mut d = Display::default();
        let th = structure.add(tr, Role::RowHeader);
        let mut name = (*ctx.spans(&m.name, false, origin)).clone();
        if let Some(unit) = &m.unit {
            name.push(StyledSpan {
                text: format!("\u{a0}({unit})"),
                face: crate::layout::Face::Italic,
                link: None,
                code: false,
            });
        }
        let name = Rc::new(name);
        let mut h = ctx.paragraph(
            &mut d,
            Mark::Content(th),
            &name,
            style(colors.text, false),
            colors,
            pad_x,
            pad_y,
            columns[0].w - 2.0 * pad_x,
        );
        for (i, lines) in values.iter().enumerate() {
            let col = &columns[i + 1];
            let td = structure.add(tr, Role::TD);
            let inner = col.w - 2.0 * pad_x;
            let mut y = pad_y;
            for (n, spans) in lines.iter().enumerate() {
                let dx = if col.right {
                    (inner - ctx.width(spans, size)).max(0.0)
                } else {
                    0.0
                };
                let color = if n > 0 { colors.muted } else { colors.text };
                y += ctx.paragraph(
                    &mut d,
                    Mark::Content(td),
                    spans,
                    style(color, i == 4),
                    colors,
                    col.x + pad_x + dx,
                    y,
                    inner,
                );
            }
            h = h.max(y - pad_y);
        }
        let ch = CHART_HEIGHT * s;
        let total = h.max(ch) + 2.0 * pad_y;
        let td = structure.add(tr, Role::TD);
        let fig = structure.add(td, Role::Figure(m.chart.description.clone()));
        let cw = CHART_WIDTH * s;
        draw_chart(
            &mut d,
            Mark::Content(fig),
            &m.chart,
            colors,
            chart_x + (chart_w - cw) / 2.0,
            (total - ch) / 2.0,
            cw,
            ch,
        );
        d.push(
            Mark::Artifact,
            Item::Rect {
                x: 0.0,
                y: total - border,
                w: width,
                h: border,
                color: colors.surface,
            },
        );
        out.push(Row::new(d, total));
    }
    out
}

/// The slide drawn in a `1280·s × 720·s` frame at (0, 0), text at `fs` times
/// its normal size. Returns the display and whether everything fit.
#[allow(clippy::too_many_arguments)]
fn draw(
    ctx: &mut Ctx,
    structure: &mut Structure,
    sect: usize,
    slide: &Slide,
    total: usize,
    images: &Images,
    sizes: &Sizes,
    colors: &Colors,
    s: f32,
    fs: f32,
) -> (Display, bool) {
    let mut d = Display::default();
    let origin = origin(slide);
    let default = Sizes::default();
    let t = s * fs; // text scale
    let left = PAD_SIDE * s;
    let top = PAD_TOP * s;
    let width = (SLIDE_WIDTH - 2.0 * PAD_SIDE) * s;
    let bottom = (SLIDE_HEIGHT - PAD_BOTTOM) * s;
    let bg = if slide.kind == SlideKind::Divider {
        colors.surface
    } else {
        colors.background
    };
    d.push(
        Mark::Artifact,
        Item::Rect {
            x: 0.0,
            y: 0.0,
            w: SLIDE_WIDTH * s,
            h: SLIDE_HEIGHT * s,
            color: bg,
        },
    );
    let style = |size: f32, leading: f32, color, bold| Style {
        size: size * t,
        leading,
        color,
        bold,
    };
    let mut fits = true;

    match slide.kind {
        SlideKind::Title => {
            let mut body = Display::default();
            let mut y = 0.0;
            let h1 = structure.add(sect, Role::H1);
            let title = ctx.spans(&slide.heading, true, &origin);
            y += ctx.paragraph(
                &mut body,
                Mark::Content(h1),
                &title,
                style(sizes.title, HEADING_LEADING, colors.text, true),
                colors,
                0.0,
                y,
                measure(width * TITLE_MEASURE, sizes.title, default.title).min(width),
            );
            if let Some(sub) = &slide.subtitle {
                y += SUBTITLE_GAP * t;
                let p = structure.add(sect, Role::P);
                let spans = ctx.spans(sub, false, &origin);
                y += ctx.paragraph(
                    &mut body,
                    Mark::Content(p),
                    &spans,
                    style(sizes.subtitle, LEADING, colors.muted, false),
                    colors,
                    0.0,
                    y,
                    measure(width * SUBTITLE_MEASURE, sizes.subtitle, default.subtitle).min(width),
                );
            }
            if !slide.byline.is_empty() {
                y += BYLINE_GAP * t;
                body.push(
                    Mark::Artifact,
                    Item::Rect {
                        x: 0.0,
                        y,
                        w: width,
                        h: BYLINE_RULE * t,
                        color: colors.accent,
                    },
                );
                y += (BYLINE_RULE + BYLINE_PAD) * t;
                // The byline's share of the text size, in whole px.
                let byline = (sizes.text * BYLINE_SCALE).round();
                for line in &slide.byline {
                    let p = structure.add(sect, Role::P);
                    let spans = ctx.plain(line, false, &origin);
                    y += ctx.paragraph(
                        &mut body,
                        Mark::Content(p),
                        &spans,
                        style(byline, LEADING, colors.text, false),
                        colors,
                        0.0,
                        y,
                        width,
                    );
                    y += BYLINE_LINE_GAP * t;
                }
            }
            let space = bottom - top;
            fits = y <= space + 0.01;
            d.extend_shifted(body, left, top + ((space - y) / 2.0).max(0.0));
            if let Some((index, (iw, ih))) = images
                .index(slide.number)
                .and_then(|i| Some((i, images.size_opt(i)?)))
            {
                let (w, h) = fit(iw, ih, LOGO_MAX_WIDTH * s, LOGO_MAX_HEIGHT * s);
                // The logo is decoration (its alt text is empty): an artifact.
                d.push(
                    Mark::Artifact,
                    Item::Image {
                        x: SLIDE_WIDTH * s - LOGO_RIGHT * s - w,
                        y: LOGO_TOP * s,
                        w,
                        h,
                        image: index,
                    },
                );
            }
        }
        SlideKind::Divider => {
            let h = structure.add(sect, Role::H1);
            let spans = ctx.spans(&slide.heading, true, &origin);
            let mut body = Display::default();
            let height = ctx.paragraph(
                &mut body,
                Mark::Content(h),
                &spans,
                style(sizes.divider, HEADING_LEADING, colors.accent, true),
                colors,
                0.0,
                0.0,
                width,
            );
            let space = bottom - top;
            fits = height <= space + 0.01;
            d.extend_shifted(body, left, top + ((space - height) / 2.0).max(0.0));
        }
        SlideKind::Section(_) | SlideKind::Objection | SlideKind::Standing => {
            let mut y = top;
            // Label, with the part ("2/3") in muted colour.
            let label_style = style(sizes.label, LEADING, colors.accent, true);
            let mut label = (*ctx.plain(&slide.label.to_uppercase(), true, &origin)).clone();
            if let Some((i, n)) = slide.part {
                label.push(StyledSpan {
                    text: format!(" {i}/{n}"),
                    face: crate::layout::Face::Bold,
                    link: None,
                    code: false,
                });
            }
            let p = structure.add(sect, Role::P);
            y += ctx.paragraph(
                &mut d,
                Mark::Content(p),
                &Rc::new(label),
                label_style,
                colors,
                left,
                y,
                width,
            );
            y += LABEL_GAP * t;

            // Evidence sits at the bottom of the frame.
            let mut evidence_h = 0.0;
            let mut evidence = Display::default();
            if let Some(ev) = &slide.evidence {
                // Added after the body in the structure (reading order); measured first.
                let spans = ctx.spans(ev, false, &origin);
                let pad_left = (EVIDENCE_RULE + EVIDENCE_PAD_LEFT) * s;
                let mut ev_d = Display::default();
                let h = ctx.paragraph(
                    &mut ev_d,
                    Mark::Content(usize::MAX),
                    &spans,
                    style(sizes.small, LEADING, colors.muted, false),
                    colors,
                    left + pad_left,
                    0.0,
                    width - pad_left,
                );
                evidence_h = h + EVIDENCE_PAD_TOP * t + EVIDENCE_GAP * t;
                evidence.push(
                    Mark::Artifact,
                    Item::Rect {
                        x: left,
                        y: EVIDENCE_GAP * t,
                        w: EVIDENCE_RULE * s,
                        h: h + EVIDENCE_PAD_TOP * t,
                        color: colors.accent,
                    },
                );
                evidence.extend_shifted(ev_d, 0.0, (EVIDENCE_GAP + EVIDENCE_PAD_TOP) * t);
            }
            let body_bottom = bottom - evidence_h;

            // Text column and image column.
            let gap = COLUMN_GAP * s;
            let (text_w, image_w) = if slide.image.is_some() {
                let text_w = (width - gap) * 3.0 / 5.0;
                (text_w, width - gap - text_w)
            } else {
                (width, 0.0)
            };
            let body_top = y;
            let h2 = structure.add(sect, Role::H2);
            let claim = ctx.spans(&slide.heading, true, &origin);
            y += ctx.paragraph(
                &mut d,
                Mark::Content(h2),
                &claim,
                style(sizes.claim, HEADING_LEADING, colors.text, true),
                colors,
                left,
                y,
                text_w.min(measure(CLAIM_MEASURE * s, sizes.claim, default.claim)),
            );
            y += CLAIM_GAP * t;
            if let Some(answer) = &slide.answer {
                let p = structure.add(sect, Role::P);
                let spans = ctx.spans(answer, false, &origin);
                y += ctx.paragraph(
                    &mut d,
                    Mark::Content(p),
                    &spans,
                    style(sizes.answer, LEADING, colors.text, false),
                    colors,
                    left,
                    y,
                    text_w.min(measure(ANSWER_MEASURE * s, sizes.answer, default.answer)),
                );
            }
            if !slide.points.is_empty() {
                let list = structure.add(sect, Role::L);
                let text = sizes.text;
                let pst = style(text, LEADING, colors.text, false);
                // The list's padding (1.1em) and the item's (0.2em).
                let indent = 1.1 * text * t + 0.2 * text * t;
                for point in &slide.points {
                    let li = structure.add(list, Role::LI);
                    let lbl = structure.add(li, Role::Lbl);
                    let bullet = ctx.plain("•", false, &origin);
                    ctx.paragraph(
                        &mut d,
                        Mark::Content(lbl),
                        &bullet,
                        Style {
                            color: colors.accent,
                            ..pst
                        },
                        colors,
                        left + 0.35 * text * t,
                        y,
                        indent,
                    );
                    let body = structure.add(li, Role::LBody);
                    let spans = ctx.spans(point, false, &origin);
                    y += ctx.paragraph(
                        &mut d,
                        Mark::Content(body),
                        &spans,
                        pst,
                        colors,
                        left + indent,
                        y,
                        text_w - indent,
                    );
                    y += POINT_GAP * t;
                }
            }
            if !slide.measures.is_empty() {
                for row in measures_table(
                    ctx,
                    structure,
                    sect,
                    &slide.measures,
                    &origin,
                    colors,
                    sizes.small,
                    t,
                    text_w,
                ) {
                    d.extend_shifted(row.display, left, y);
                    y += row.height;
                }
            }
            if !slide.standing.is_empty() {
                for row in standing_table(
                    ctx,
                    structure,
                    sect,
                    &slide.standing,
                    &origin,
                    colors,
                    sizes.small,
                    t,
                    text_w,
                ) {
                    d.extend_shifted(row.display, left, y);
                    y += row.height;
                }
            }
            if let (Some(img), Some(index)) = (&slide.image, images.index(slide.number)) {
                let x0 = left + text_w + gap;
                let fig = structure.add(sect, Role::Figure(img.alt.clone()));
                let max_h = (IMAGE_MAX_HEIGHT * s).min(body_bottom - body_top);
                match images.size_opt(index) {
                    Some((iw, ih)) => {
                        let (w, h) = fit(iw, ih, image_w, max_h);
                        d.push(
                            Mark::Content(fig),
                            Item::Image {
                                x: x0 + (image_w - w) / 2.0,
                                y: body_top,
                                w,
                                h,
                                image: index,
                            },
                        );
                    }
                    None => {
                        // An image the PDF cannot draw (SVG): its alternative text in a frame.
                        let spans = ctx.plain(&img.alt, false, &origin);
                        let mut alt = Display::default();
                        let pad = ALT_PAD * s;
                        let h = ctx.paragraph(
                            &mut alt,
                            Mark::Content(fig),
                            &spans,
                            style(ALT_TEXT, LEADING, colors.muted, false),
                            colors,
                            x0 + pad,
                            body_top + pad,
                            image_w - 2.0 * pad,
                        );
                        d.push(
                            Mark::Artifact,
                            Item::Rect {
                                x: x0,
                                y: body_top,
                                w: image_w,
                                h: h + 2.0 * pad,
                                color: colors.surface,
                            },
                        );
                        let alt_bottom = body_top + h + 2.0 * pad;
                        fits &= alt_bottom <= body_bottom + 0.01;
                        d.items.extend(alt.items);
                    }
                }
            }
            fits &= y - POINT_GAP * t <= body_bottom + 0.01;
            if let Some(ev_id) = slide
                .evidence
                .as_ref()
                .map(|_| structure.add(sect, Role::P))
            {
                for p in &mut evidence.items {
                    if p.mark == Mark::Content(usize::MAX) {
                        p.mark = Mark::Content(ev_id);
                    }
                }
                d.extend_shifted(evidence, 0.0, body_bottom);
            }
        }
    }

    // Slide number, as in the HTML (hidden from assistive technology there too).
    let number = ctx.plain(&format!("{} / {}", slide.number, total), false, &origin);
    let nst = Style {
        size: sizes.small * s,
        leading: LEADING,
        color: colors.muted,
        bold: false,
    };
    let nw = ctx.width(&number, nst.size);
    let mut num = Display::default();
    ctx.paragraph(
        &mut num,
        Mark::Artifact,
        &number,
        nst,
        colors,
        SLIDE_WIDTH * s - NUMBER_RIGHT * s - nw,
        SLIDE_HEIGHT * s - NUMBER_BOTTOM * s - nst.size * LEADING,
        nw + 1.0,
    );
    d.items.extend(num.items);
    (d, fits)
}

/// Scales `w`×`h` to fit in `max_w`×`max_h`, keeping the aspect ratio.
pub fn fit(w: f32, h: f32, max_w: f32, max_h: f32) -> (f32, f32) {
    if w <= 0.0 || h <= 0.0 || max_w <= 0.0 || max_h <= 0.0 {
        return (0.0, 0.0);
    }
    let k = (max_w / w).min(max_h / h);
    (w * k, h * k)
}

/// Draws a slide at scale `s` at the fit step the build chose for it
/// (`Slide::fit`); when its text overflows the frame there, at the later steps
/// of the same table until it fits, with a warning (W203) when even the last
/// does not.
pub fn slide_display(
    ctx: &mut Ctx,
    structure: &mut Structure,
    slide: &Slide,
    prepared: &Prepared,
    colors: &Colors,
    s: f32,
) -> (Display, usize) {
    let sect = structure.section(bookmark(slide));
    let keep = structure.nodes.len();
    let last = FIT_STEPS.len() - 1;
    let mut step = slide.fit.min(last);
    loop {
        structure.nodes.truncate(keep);
        let (d, fits) = draw(
            ctx,
            structure,
            sect,
            slide,
            prepared.total,
            &prepared.images,
            &prepared.sizes,
            colors,
            s,
            FIT_STEPS[step],
        );
        if fits {
            return (d, sect);
        }
        if step == last {
            ctx.diagnostics.push(
                crate::diagnostic::Diagnostic::new(crate::diagnostic::Code::W203,
                    "the slide's text does not fit its frame in the PDF even at a smaller size; it runs past the frame's bottom margin".to_string(),
                )
                .at(slide.span.clone())
                .on_slide(slide.describe())
                .help("shorten the claim, the points or the evidence"),
            );
            return (d, sect);
        }
        step += 1;
    }
}
