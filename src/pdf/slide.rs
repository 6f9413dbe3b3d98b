//! One slide drawn as vector graphics, matching the HTML slide: the same
//! content, order, sizes (CSS px of the 1280×720 canvas, scaled) and metric
//! bars. Used full-page by the slides layout and as a frame by the handout.

use std::rc::Rc;

use crate::slides::{MeasureRow, Slide, SlideKind};

use super::canvas::{Display, Item, Mark, Role, Structure, StyledSpan};
use super::flow::Row;
use super::text::{Colors, Ctx, LEADING, Origin, Style};
use super::{Images, Prepared};

pub const SLIDE_W: f32 = 1280.0;
pub const SLIDE_H: f32 = 720.0;
const PAD_TOP: f32 = 56.0;
const PAD_X: f32 = 80.0;
const PAD_BOTTOM: f32 = 72.0;

/// The slide as a bookmark title.
pub fn bookmark(slide: &Slide) -> String {
    let heading = slide.heading.text();
    match slide.part {
        Some((i, n)) => format!("{heading} ({i}/{n})"),
        None => heading,
    }
}

pub fn origin(slide: &Slide) -> Origin {
    Origin {
        slide: slide.describe(),
        span: slide.span.clone(),
    }
}

use crate::html::{BarView, bar_view};

/// Draws a bar `w`×`h` at (x, y), as the HTML's SVG (viewBox 100×20).
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_bar(
    display: &mut Display,
    mark: Mark,
    bar: &BarView,
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

/// Lays out the measures table `width` wide: one row per measure, the header
/// row first. Items are relative to each row's top-left corner; sizes are CSS
/// px times `s`.
#[allow(clippy::too_many_arguments)]
pub fn measures_table(
    ctx: &mut Ctx,
    structure: &mut Structure,
    parent: usize,
    rows: &[MeasureRow],
    origin: &Origin,
    colors: &Colors,
    s: f32,
    width: f32,
) -> Vec<Row> {
    let size = 24.0 * s;
    let leading = 1.25;
    let pad_x = 12.0 * s;
    let pad_y = 10.0 * s;
    let border = 2.0 * s;
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
    let bar_w = 220.0 * s;
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
        if let Some(b) = bar_view(m, ctx.labels) {
            let fig = structure.add(td, Role::Figure(b.description.clone()));
            let bw = 200.0 * s;
            let bh = 28.0 * s;
            draw_bar(
                &mut d,
                Mark::Content(fig),
                &b,
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
    colors: &Colors,
    s: f32,
    fs: f32,
) -> (Display, bool) {
    let mut d = Display::default();
    let origin = origin(slide);
    let t = s * fs; // text scale
    let left = PAD_X * s;
    let top = PAD_TOP * s;
    let width = (SLIDE_W - 2.0 * PAD_X) * s;
    let bottom = (SLIDE_H - PAD_BOTTOM) * s;
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
            w: SLIDE_W * s,
            h: SLIDE_H * s,
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
                style(64.0, 1.15, colors.text, true),
                colors,
                0.0,
                y,
                width * 0.86,
            );
            if let Some(sub) = &slide.subtitle {
                y += 20.0 * t;
                let p = structure.add(sect, Role::P);
                let spans = ctx.spans(sub, false, &origin);
                y += ctx.paragraph(
                    &mut body,
                    Mark::Content(p),
                    &spans,
                    style(34.0, LEADING, colors.muted, false),
                    colors,
                    0.0,
                    y,
                    width * 0.9,
                );
            }
            if !slide.byline.is_empty() {
                y += 48.0 * t;
                body.push(
                    Mark::Artifact,
                    Item::Rect {
                        x: 0.0,
                        y,
                        w: width,
                        h: 6.0 * t,
                        color: colors.accent,
                    },
                );
                y += 26.0 * t;
                for line in &slide.byline {
                    let p = structure.add(sect, Role::P);
                    let spans = ctx.plain(line, false, &origin);
                    y += ctx.paragraph(
                        &mut body,
                        Mark::Content(p),
                        &spans,
                        style(26.0, LEADING, colors.text, false),
                        colors,
                        0.0,
                        y,
                        width,
                    );
                    y += 4.0 * t;
                }
            }
            let space = bottom - top;
            fits = y <= space + 0.01;
            d.extend_shifted(body, left, top + ((space - y) / 2.0).max(0.0));
            if let Some((index, (iw, ih))) = images
                .index(slide.number)
                .and_then(|i| Some((i, images.size_opt(i)?)))
            {
                let (w, h) = fit(iw, ih, 240.0 * s, 72.0 * s);
                // The logo is decoration (its alt text is empty): an artifact.
                d.push(
                    Mark::Artifact,
                    Item::Image {
                        x: SLIDE_W * s - 64.0 * s - w,
                        y: 48.0 * s,
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
                style(56.0, 1.15, colors.accent, true),
                colors,
                0.0,
                0.0,
                width,
            );
            let space = bottom - top;
            fits = height <= space + 0.01;
            d.extend_shifted(body, left, top + ((space - height) / 2.0).max(0.0));
        }
        SlideKind::Section(_) | SlideKind::Objection => {
            let mut y = top;
            // Label, with the part ("2/3") in muted colour.
            let label_style = style(24.0, LEADING, colors.accent, true);
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
            y += 12.0 * t;

            // Evidence sits at the bottom of the frame.
            let mut evidence_h = 0.0;
            let mut evidence = Display::default();
            if let Some(ev) = &slide.evidence {
                // Added after the body in the structure (reading order); measured first.
                let spans = ctx.spans(ev, false, &origin);
                let pad_left = 26.0 * s;
                let mut ev_d = Display::default();
                let h = ctx.paragraph(
                    &mut ev_d,
                    Mark::Content(usize::MAX),
                    &spans,
                    style(24.0, LEADING, colors.muted, false),
                    colors,
                    left + pad_left,
                    0.0,
                    width - pad_left,
                );
                evidence_h = h + 10.0 * t + 16.0 * t;
                evidence.push(
                    Mark::Artifact,
                    Item::Rect {
                        x: left,
                        y: 16.0 * t,
                        w: 6.0 * s,
                        h: h + 10.0 * t,
                        color: colors.accent,
                    },
                );
                evidence.extend_shifted(ev_d, 0.0, 26.0 * t);
            }
            let body_bottom = bottom - evidence_h;

            // Text column and image column.
            let gap = 48.0 * s;
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
                style(46.0, 1.15, colors.text, true),
                colors,
                left,
                y,
                text_w.min(760.0 * s),
            );
            y += 28.0 * t;
            if let Some(answer) = &slide.answer {
                let p = structure.add(sect, Role::P);
                let spans = ctx.spans(answer, false, &origin);
                y += ctx.paragraph(
                    &mut d,
                    Mark::Content(p),
                    &spans,
                    style(32.0, LEADING, colors.text, false),
                    colors,
                    left,
                    y,
                    text_w.min(704.0 * s),
                );
            }
            if !slide.points.is_empty() {
                let list = structure.add(sect, Role::L);
                let pst = style(30.0, LEADING, colors.text, false);
                let indent = 1.1 * 30.0 * t + 0.2 * 30.0 * t;
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
                        left + 0.35 * 30.0 * t,
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
                    y += 14.0 * t;
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
                let max_h = (420.0 * s).min(body_bottom - body_top);
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
                        let pad = 16.0 * s;
                        let h = ctx.paragraph(
                            &mut alt,
                            Mark::Content(fig),
                            &spans,
                            style(20.0, LEADING, colors.muted, false),
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
            fits &= y - 14.0 * t <= body_bottom + 0.01;
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
        size: 24.0 * s,
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
        SLIDE_W * s - 40.0 * s - nw,
        SLIDE_H * s - 16.0 * s - nst.size * LEADING,
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

/// Text sizes tried, largest first, until a slide's text fits its frame.
const SHRINK: [f32; 7] = [1.0, 0.92, 0.85, 0.78, 0.7, 0.62, 0.55];

/// Draws a slide at scale `s`, shrinking its text until it fits; warns when
/// even the smallest size does not.
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
    for (i, fs) in SHRINK.iter().enumerate() {
        structure.nodes.truncate(keep);
        let (d, fits) = draw(
            ctx,
            structure,
            sect,
            slide,
            prepared.total,
            &prepared.images,
            colors,
            s,
            *fs,
        );
        if fits {
            return (d, sect);
        }
        if i == SHRINK.len() - 1 {
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
    }
    unreachable!("SHRINK is not empty")
}
