//! The brief: a memo for the reader who will not sit through slides. The
//! title, the ask first, then each section's claim with its points, then the
//! measures table. One page; two at most, with a warning (W202) when it needs
//! the second.

use crate::deck::SectionKind;
use crate::diagnostic::{Code, Diagnostic};
use crate::slides::{Lowered, MeasureRow, Slide, SlideKind, StandingRow};

use super::canvas::{Display, Item, Mark};
use super::flow::{Row, flow};
use super::handout::{CONTENT_BOTTOM, CONTENT_TOP, MARGIN_X, furniture, item_rows, line_rows};
use super::slide::{measures_table, origin, standing_table};
use super::structure::{Role, Structure};
use super::text::{Colors, Ctx, Style};

/// The brief sets its own type, in pt of the paper (it is a memo, not a
/// slide); its measures table is the slide's, its text taken as this many
/// CSS px.
const TABLE_PX: f32 = 24.0;

/// One attempt at a text size: the pages.
fn attempt(
    ctx: &mut Ctx,
    structure: &mut Structure,
    lowered: &Lowered,
    colors: &Colors,
    size: (f32, f32),
    k: f32,
) -> Vec<Display> {
    let width = size.0 - 2.0 * MARGIN_X;
    let slides = &lowered.slides;
    let mut rows: Vec<Row> = Vec::new();
    let st = |pt: f32, leading: f32, color, bold| Style {
        size: pt * k,
        leading,
        color,
        bold,
    };

    // Title block.
    let title = &slides[0];
    let o = origin(title);
    let sect = structure.section(title.heading.text());
    let h1 = structure.add(sect, Role::H1);
    let spans = ctx.spans(&title.heading, true, &o);
    let mut title_rows = line_rows(
        ctx,
        Mark::Content(h1),
        &spans,
        st(20.0, 1.2, colors.text, true),
        colors,
        0.0,
        width,
        0.0,
    );
    if let Some(sub) = &title.subtitle {
        let p = structure.add(sect, Role::P);
        let spans = ctx.spans(sub, false, &o);
        title_rows.extend(line_rows(
            ctx,
            Mark::Content(p),
            &spans,
            st(11.5, 1.35, colors.muted, false),
            colors,
            0.0,
            width,
            3.0 * k,
        ));
    }
    if !title.byline.is_empty() {
        let p = structure.add(sect, Role::P);
        let spans = ctx.plain(&title.byline.join(" · "), false, &o);
        title_rows.extend(line_rows(
            ctx,
            Mark::Content(p),
            &spans,
            st(9.0, 1.35, colors.muted, false),
            colors,
            0.0,
            width,
            5.0 * k,
        ));
    }
    let mut rule = Display::default();
    rule.push(
        Mark::Artifact,
        Item::Rect {
            x: 0.0,
            y: 6.0 * k,
            w: width,
            h: 2.0,
            color: colors.accent,
        },
    );
    title_rows.push(Row::new(rule, 8.0 * k + 2.0));
    for r in &mut title_rows {
        r.keep_with_next = true;
    }
    rows.extend(title_rows);

    let section_rows = |ctx: &mut Ctx,
                        structure: &mut Structure,
                        slide: &Slide,
                        boxed: bool,
                        first_gap: f32|
     -> Vec<Row> {
        let o = origin(slide);
        let sect = structure.section(slide.heading.text());
        let pad = if boxed { 10.0 * k } else { 0.0 };
        let bar = if boxed { 4.0 } else { 0.0 };
        let x = pad + bar;
        let w = width - 2.0 * pad - bar;
        let mut out = Vec::new();
        let label = structure.add(sect, Role::P);
        let spans = ctx.plain(&slide.label.to_uppercase(), true, &o);
        out.extend(line_rows(
            ctx,
            Mark::Content(label),
            &spans,
            st(8.0, 1.3, colors.accent, true),
            colors,
            x,
            w,
            first_gap + pad,
        ));
        let h = structure.add(sect, Role::H2);
        let spans = ctx.spans(&slide.heading, true, &o);
        let claim_size = if boxed { 13.0 } else { 11.5 };
        out.extend(line_rows(
            ctx,
            Mark::Content(h),
            &spans,
            st(claim_size, 1.25, colors.text, true),
            colors,
            x,
            w,
            2.0 * k,
        ));
        for r in &mut out {
            r.keep_with_next = true;
        }
        if !slide.points.is_empty() {
            let list = structure.add(sect, Role::L);
            let pst = st(if boxed { 10.5 } else { 10.0 }, 1.35, colors.text, false);
            for (i, point) in slide.points.iter().enumerate() {
                let gap = if i == 0 { 4.0 * k } else { 1.5 * k };
                let mut item = item_rows(
                    ctx,
                    structure,
                    list,
                    "•",
                    point,
                    &o,
                    pst,
                    colors.accent,
                    colors,
                    pst.size * 1.4,
                    w,
                    gap,
                );
                for r in &mut item {
                    for p in &mut r.display.items {
                        p.item = p.item.clone().shifted(x, 0.0);
                    }
                }
                out.extend(item);
            }
        }
        if let Some(last) = out.last_mut() {
            last.keep_with_next = false;
        }
        if boxed {
            // One row: the box keeps together, its background behind the text.
            let mut d = Display::default();
            let mut y = 0.0;
            let mut inner = Display::default();
            for (i, r) in out.into_iter().enumerate() {
                y += if i == 0 {
                    r.space_before - first_gap
                } else {
                    r.space_before
                };
                inner.extend_shifted(r.display, 0.0, y);
                y += r.height;
            }
            let h = y + pad;
            d.push(
                Mark::Artifact,
                Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: width,
                    h,
                    color: colors.surface,
                },
            );
            d.push(
                Mark::Artifact,
                Item::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: bar,
                    h,
                    color: colors.accent,
                },
            );
            d.items.extend(inner.items);
            return vec![Row {
                display: d,
                height: h,
                space_before: first_gap,
                ..Row::default()
            }];
        }
        out
    };

    let is = |s: &Slide, kind: SectionKind| s.kind == SlideKind::Section(kind);
    if let Some(ask) = slides.iter().find(|s| is(s, SectionKind::Ask)) {
        rows.extend(section_rows(ctx, structure, ask, true, 12.0 * k));
    }
    let mut last_sect = None;
    for slide in slides {
        let first_part = slide.part.is_none_or(|(i, _)| i == 1);
        if matches!(slide.kind, SlideKind::Section(kind) if kind != SectionKind::Ask) && first_part
        {
            rows.extend(section_rows(ctx, structure, slide, false, 11.0 * k));
            last_sect = Some(slide.kind);
        }
    }

    // The measures, in one table (the slides split them over parts).
    let measures: Vec<MeasureRow> = slides
        .iter()
        .flat_map(|s| s.measures.iter().cloned())
        .collect();
    // A follow-up deck's brief shows the standing table instead: it has the
    // same figures, and the latest ones, and the brief stays one page.
    let follow_up = slides.iter().any(|s| !s.standing.is_empty());
    if let Some(metrics) = slides
        .iter()
        .find(|s| !s.measures.is_empty())
        .filter(|_| !follow_up)
    {
        let o = origin(metrics);
        // Right after the metrics section, the table belongs to it; after
        // another section it gets the metrics label as its heading.
        let sect = match last_sect {
            Some(kind) if kind == metrics.kind => {
                let sect = structure
                    .nodes
                    .iter()
                    .rposition(|n| n.role == Role::Sect)
                    .expect("the metrics section was added");
                if let Some(last) = rows.last_mut() {
                    last.keep_with_next = true;
                }
                rows.push(Row::new(Display::default(), 6.0 * k));
                sect
            }
            _ => {
                let sect = structure.section(metrics.label.clone());
                let label = structure.add(sect, Role::H2);
                let spans = ctx.plain(&metrics.label.to_uppercase(), true, &o);
                let mut label_rows = line_rows(
                    ctx,
                    Mark::Content(label),
                    &spans,
                    st(8.0, 1.3, colors.accent, true),
                    colors,
                    0.0,
                    width,
                    12.0 * k,
                );
                for r in &mut label_rows {
                    r.keep_with_next = true;
                }
                rows.extend(label_rows);
                sect
            }
        };
        // The slide table's 24 CSS px become 8.5 pt here.
        let mut table = measures_table(
            ctx,
            structure,
            sect,
            &measures,
            &o,
            colors,
            TABLE_PX,
            8.5 * k / TABLE_PX,
            width,
        )
        .into_iter();
        if let Some(header) = table.next() {
            let header = std::rc::Rc::new(header);
            let mut head_row = (*header).clone();
            head_row.keep_with_next = true;
            rows.push(head_row);
            rows.extend(table.map(|mut r| {
                r.header = Some(header.clone());
                r
            }));
        }
    }

    // Where we stand: the same table as its slides, in one piece, under its
    // label and the slides' heading.
    let standing: Vec<StandingRow> = slides
        .iter()
        .flat_map(|s| s.standing.iter().cloned())
        .collect();
    if let Some(first) = slides.iter().find(|s| !s.standing.is_empty()) {
        let o = origin(first);
        let sect = structure.section(first.label.clone());
        let label = structure.add(sect, Role::H2);
        let spans = ctx.plain(&first.label.to_uppercase(), true, &o);
        let mut head = line_rows(
            ctx,
            Mark::Content(label),
            &spans,
            st(8.0, 1.3, colors.accent, true),
            colors,
            0.0,
            width,
            12.0 * k,
        );
        let p = structure.add(sect, Role::P);
        let spans = ctx.spans(&first.heading, true, &o);
        head.extend(line_rows(
            ctx,
            Mark::Content(p),
            &spans,
            st(11.0, 1.25, colors.text, true),
            colors,
            0.0,
            width,
            2.0 * k,
        ));
        for r in &mut head {
            r.keep_with_next = true;
        }
        rows.extend(head);
        rows.push(Row::new(Display::default(), 4.0 * k));
        let mut table = standing_table(
            ctx,
            structure,
            sect,
            &standing,
            &o,
            colors,
            TABLE_PX,
            8.5 * k / TABLE_PX,
            width,
        )
        .into_iter();
        if let Some(header) = table.next() {
            let header = std::rc::Rc::new(header);
            let mut head_row = (*header).clone();
            head_row.keep_with_next = true;
            rows.push(head_row);
            rows.extend(table.map(|mut r| {
                r.header = Some(header.clone());
                r
            }));
        }
    }

    let bottom = size.1 - CONTENT_BOTTOM;
    let mut pages = flow(
        rows,
        MARGIN_X,
        CONTENT_TOP - 18.0,
        CONTENT_TOP - 18.0,
        bottom,
    )
    .pages;
    let date = lowered.info.date.map(|d| d.to_string());
    furniture(
        ctx,
        &origin(&lowered.slides[0]),
        &mut pages,
        None,
        None,
        date.as_deref(),
        colors,
        size,
    );
    pages
}

/// Text sizes tried to fit one page, then two.
const ONE_PAGE: [f32; 3] = [1.0, 0.94, 0.88];
const TWO_PAGES: [f32; 5] = [1.0, 0.92, 0.84, 0.76, 0.68];

pub fn pages(
    ctx: &mut Ctx,
    structure: &mut Structure,
    lowered: &Lowered,
    colors: &Colors,
    size: (f32, f32),
) -> Vec<Display> {
    let keep = structure.clone();
    for k in ONE_PAGE {
        *structure = keep.clone();
        let pages = attempt(ctx, structure, lowered, colors, size, k);
        if pages.len() == 1 {
            return pages;
        }
    }
    let span = lowered.slides[0].span.clone();
    for (i, k) in TWO_PAGES.iter().enumerate() {
        *structure = keep.clone();
        let pages = attempt(ctx, structure, lowered, colors, size, *k);
        let last = i == TWO_PAGES.len() - 1;
        if pages.len() <= 2 || last {
            ctx.diagnostics.push(
                Diagnostic::new(Code::W202,
                    format!(
                        "the brief does not fit on one page; it takes {} pages{}",
                        pages.len(),
                        if pages.len() > 2 { " even with smaller text (two is the most it should take)" } else { "" }
                    ),
                )
                .at(span)
                .help("shorten the claims and points, or move detail into the notes (the brief leaves notes out)"),
            );
            return pages;
        }
    }
    unreachable!("TWO_PAGES is not empty")
}
