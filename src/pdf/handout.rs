//! The handout: portrait pages, each slide drawn in a frame in the upper part
//! and its speaker notes below; notes too long for the page continue on the
//! next one, a whole line at a time. A running header (the deck title) and
//! footer (the date and "page 3 of 9") on every page.

use std::rc::Rc;

use crate::geometry::{SLIDE_HEIGHT, SLIDE_WIDTH};
use crate::slides::{Block, Lowered, Rich, Slide};

use super::canvas::{Display, Item, Mark, StyledSpan};
use super::flow::{Row, flow};
use super::slide::Prepared;
use super::slide::{self, origin};
use super::structure::{Role, Structure};
use super::text::{Colors, Ctx, Origin, Style};

pub const MARGIN_X: f32 = 54.0;
const HEADER_Y: f32 = 26.0;
pub const CONTENT_TOP: f32 = 58.0;
/// Distance of the content's bottom from the page's bottom.
pub const CONTENT_BOTTOM: f32 = 56.0;
const FURNITURE_SIZE: f32 = 8.5;
const NOTES_SIZE: f32 = 10.5;
const NOTES_LEADING: f32 = 1.45;

/// One row per line of `spans` at `x`, as wide as `width`; `first_gap` above the first.
#[allow(clippy::too_many_arguments)]
pub fn line_rows(
    ctx: &Ctx,
    mark: Mark,
    spans: &Rc<Vec<StyledSpan>>,
    style: Style,
    colors: &Colors,
    x: f32,
    width: f32,
    first_gap: f32,
) -> Vec<Row> {
    let lh = style.size * style.leading;
    ctx.lines(spans, style, width)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mut d = Display::default();
            d.push(
                mark,
                Item::Text {
                    x,
                    y: 0.0,
                    line,
                    spans: spans.clone(),
                    size: style.size,
                    line_height: lh,
                    color: style.color,
                    link_color: colors.accent,
                    code_bg: colors.surface,
                },
            );
            Row {
                display: d,
                height: lh,
                space_before: if i == 0 { first_gap } else { 0.0 },
                ..Row::default()
            }
        })
        .collect()
}

/// A list item: its marker beside the first line of its text.
#[allow(clippy::too_many_arguments)]
pub fn item_rows(
    ctx: &mut Ctx,
    structure: &mut Structure,
    list: usize,
    marker: &str,
    rich: &Rich,
    origin: &Origin,
    style: Style,
    marker_color: crate::pdf::canvas::Color8,
    colors: &Colors,
    indent: f32,
    width: f32,
    gap: f32,
) -> Vec<Row> {
    let li = structure.add(list, Role::LI);
    let lbl = structure.add(li, Role::Lbl);
    let body = structure.add(li, Role::LBody);
    let marker_spans = ctx.plain(marker, false, origin);
    let spans = ctx.spans(rich, style.bold, origin);
    let mut rows = line_rows(
        ctx,
        Mark::Content(body),
        &spans,
        style,
        colors,
        indent,
        width - indent,
        gap,
    );
    let marker_w = ctx.width(&marker_spans, style.size);
    let mut marker_rows = line_rows(
        ctx,
        Mark::Content(lbl),
        &marker_spans,
        Style {
            color: marker_color,
            ..style
        },
        colors,
        (indent - marker_w - style.size * 0.4).max(0.0),
        indent,
        0.0,
    );
    if let (Some(first), Some(marker_row)) = (rows.first_mut(), marker_rows.pop()) {
        // The marker first, so it reads before the item.
        let mut items = marker_row.display.items;
        items.append(&mut first.display.items);
        first.display.items = items;
    }
    rows
}

/// Speaker notes (and, on a metrics slide, why each measure) as rows.
#[allow(clippy::too_many_arguments)]
pub fn notes_rows(
    ctx: &mut Ctx,
    structure: &mut Structure,
    parent: usize,
    slide: &Slide,
    colors: &Colors,
    width: f32,
    size: f32,
    leading: f32,
) -> Vec<Row> {
    let origin = origin(slide);
    let style = Style {
        size,
        leading,
        color: colors.text,
        bold: false,
    };
    let gap = size * 0.6;
    let mut rows = Vec::new();
    for block in slide.notes.iter().chain(&slide.measure_notes) {
        match block {
            Block::Paragraph(rich) => {
                let p = structure.add(parent, Role::P);
                let spans = ctx.spans(rich, false, &origin);
                rows.extend(line_rows(
                    ctx,
                    Mark::Content(p),
                    &spans,
                    style,
                    colors,
                    0.0,
                    width,
                    gap,
                ));
            }
            Block::List { ordered, items } => {
                let list = structure.add(parent, Role::L);
                let indent = size * if *ordered { 2.0 } else { 1.5 };
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}.", i + 1)
                    } else {
                        "•".to_string()
                    };
                    let item_gap = if i == 0 { gap } else { size * 0.25 };
                    rows.extend(item_rows(
                        ctx,
                        structure,
                        list,
                        &marker,
                        item,
                        &origin,
                        style,
                        colors.accent,
                        colors,
                        indent,
                        width,
                        item_gap,
                    ));
                }
            }
        }
    }
    rows
}

/// The logo in the running header: (image index, width, height) in points.
pub type Logo = Option<(usize, f32, f32)>;

/// The deck's logo (on the title slide) sized for the running header.
pub fn header_logo(lowered: &Lowered, prepared: &Prepared) -> Logo {
    let title = lowered.slides.first()?;
    title.image.as_ref()?;
    let index = prepared.images.index(title.number)?;
    let (w, h) = prepared.images.size_opt(index)?;
    let (w, h) = slide::fit(w, h, 90.0, FURNITURE_SIZE * 1.6);
    Some((index, w, h))
}

/// Running header and footer on every page (artifacts, not content). Their
/// text is the deck's (its title, its date): a character the font lacks is
/// reported as the title slide's.
#[allow(clippy::too_many_arguments)]
pub fn furniture(
    ctx: &mut Ctx,
    origin: &Origin,
    pages: &mut [Display],
    header: Option<&str>,
    logo: Logo,
    footer_left: Option<&str>,
    colors: &Colors,
    size: (f32, f32),
) {
    let total = pages.len();
    let style = Style {
        size: FURNITURE_SIZE,
        leading: 1.2,
        color: colors.muted,
        bold: false,
    };
    let width = size.0 - 2.0 * MARGIN_X;
    let footer_y = size.1 - CONTENT_BOTTOM + 18.0;
    for (i, page) in pages.iter_mut().enumerate() {
        let mut d = Display::default();
        if let Some(title) = header {
            let spans = ctx.plain(title, false, origin);
            // The logo at the right, decoration like on the title slide.
            let logo_w = match logo {
                Some((image, w, h)) => {
                    d.push(
                        Mark::Artifact,
                        Item::Image {
                            x: MARGIN_X + width - w,
                            y: HEADER_Y + style.size * 1.2 - h,
                            w,
                            h,
                            image,
                        },
                    );
                    w + 12.0
                }
                None => 0.0,
            };
            // One line: a long title is cut at a line break, never drawn past the margin.
            let mut lines = ctx.lines(&spans, style, width - logo_w);
            lines.truncate(1);
            for line in lines {
                d.push(
                    Mark::Artifact,
                    Item::Text {
                        x: MARGIN_X,
                        y: HEADER_Y,
                        line,
                        spans: spans.clone(),
                        size: style.size,
                        line_height: style.size * style.leading,
                        color: style.color,
                        link_color: colors.accent,
                        code_bg: colors.surface,
                    },
                );
            }
            d.push(
                Mark::Artifact,
                Item::Rect {
                    x: MARGIN_X,
                    y: HEADER_Y + style.size * 1.2 + 4.0,
                    w: width,
                    h: 0.6,
                    color: colors.surface,
                },
            );
        }
        d.push(
            Mark::Artifact,
            Item::Rect {
                x: MARGIN_X,
                y: footer_y - 6.0,
                w: width,
                h: 0.6,
                color: colors.surface,
            },
        );
        if let Some(left) = footer_left {
            let spans = ctx.plain(left, false, origin);
            ctx.paragraph(
                &mut d,
                Mark::Artifact,
                &spans,
                style,
                colors,
                MARGIN_X,
                footer_y,
                width / 2.0,
            );
        }
        let page_of = ctx.labels.page_of(i + 1, total);
        let spans = ctx.plain(&page_of, false, origin);
        let w = ctx.width(&spans, style.size);
        ctx.paragraph(
            &mut d,
            Mark::Artifact,
            &spans,
            style,
            colors,
            MARGIN_X + width - w,
            footer_y,
            w + 1.0,
        );
        // Furniture first: a reader meets it before the page's content.
        d.items.append(&mut page.items);
        *page = d;
    }
}

/// The handout's pages.
pub fn pages(
    ctx: &mut Ctx,
    structure: &mut Structure,
    lowered: &Lowered,
    prepared: &Prepared,
    slide_colors: &Colors,
    paper_colors: &Colors,
    size: (f32, f32),
) -> Vec<Display> {
    let width = size.0 - 2.0 * MARGIN_X;
    let s = width / SLIDE_WIDTH;
    let frame_h = SLIDE_HEIGHT * s;
    let bottom = size.1 - CONTENT_BOTTOM;
    let mut out = Vec::new();
    for sl in &lowered.slides {
        let (frame, sect) = slide::slide_display(ctx, structure, sl, prepared, slide_colors, s);
        let mut first = Display::default();
        first.extend_shifted(frame, MARGIN_X, CONTENT_TOP);
        // A hairline around the frame, so a white slide stands out on white paper.
        let line = 0.75;
        for (x, y, w, h) in [
            (
                MARGIN_X - line,
                CONTENT_TOP - line,
                width + 2.0 * line,
                line,
            ),
            (
                MARGIN_X - line,
                CONTENT_TOP + frame_h,
                width + 2.0 * line,
                line,
            ),
            (MARGIN_X - line, CONTENT_TOP, line, frame_h),
            (MARGIN_X + width, CONTENT_TOP, line, frame_h),
        ] {
            first.push(
                Mark::Artifact,
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    color: paper_colors.muted,
                },
            );
        }
        let mut rows = Vec::new();
        // The label's node first, so it reads before the notes.
        let label = structure.add(sect, Role::P);
        let notes = notes_rows(
            ctx,
            structure,
            sect,
            sl,
            paper_colors,
            width,
            NOTES_SIZE,
            NOTES_LEADING,
        );
        if notes.is_empty() {
            structure.nodes.pop();
        } else {
            let origin = origin(sl);
            let spans = ctx.plain(ctx.labels.notes, true, &origin);
            let mut label_rows = line_rows(
                ctx,
                Mark::Content(label),
                &spans,
                Style {
                    size: 9.0,
                    leading: 1.3,
                    color: paper_colors.muted,
                    bold: true,
                },
                paper_colors,
                0.0,
                width,
                0.0,
            );
            for r in &mut label_rows {
                r.keep_with_next = true;
            }
            rows.extend(label_rows);
            rows.extend(notes);
        }
        let flowed = flow(
            rows,
            MARGIN_X,
            CONTENT_TOP + frame_h + 20.0,
            CONTENT_TOP,
            bottom,
        );
        let mut pages = flowed.pages.into_iter();
        if let Some(notes_first) = pages.next() {
            first.items.extend(notes_first.items);
        }
        out.push(first);
        out.extend(pages.filter(|p| !p.items.is_empty()));
    }
    let date = lowered.info.date.map(|d| d.to_string());
    furniture(
        ctx,
        &origin(&lowered.slides[0]),
        &mut out,
        Some(&lowered.info.title),
        header_logo(lowered, prepared),
        date.as_deref(),
        paper_colors,
        size,
    );
    out
}
