//! One slide as PresentationML: placeholders of its layout filled with real
//! text (one text frame for the points, a paragraph each), the measures as a
//! native table with a bar of native shapes beside each row, the "where we
//! stand" table likewise with a chart beside each row, the picture with its
//! alternative text, and the notes page.
//!
//! Frame follows the HTML slide (`themes/default/style.css`) in CSS px of
//! the 1280×720 canvas; heights come from the theme font's metrics, the same
//! measure `fit` used, at the type sizes of the fit step it chose.

use std::fmt::Write as _;

use crate::geometry::{
    BAR_CELL_WIDTH, BAR_HEIGHT, BAR_WIDTH, BODY_LEADING, BYLINE_GAP, BYLINE_LINE_GAP, BYLINE_PAD,
    BYLINE_SCALE, CELL_PAD_X, CELL_PAD_Y, CHART_HEIGHT, CHART_WIDTH, CLAIM_GAP, COLUMN_GAP,
    CONTENT_HEIGHT, CONTENT_WIDTH, EVIDENCE_GAP, EVIDENCE_PAD_LEFT, EVIDENCE_PAD_TOP, FIT_STEPS,
    HEADING_LEADING, IMAGE_MAX_HEIGHT, LOGO_MAX_HEIGHT, LOGO_MAX_WIDTH, LOGO_RIGHT, LOGO_TOP,
    PAD_BOTTOM, PAD_SIDE, PAD_TOP, SLIDE_FIT_STEPS, SLIDE_HEIGHT, SLIDE_WIDTH, STANDING_PAD_Y,
    SUBTITLE_GAP, TABLE_LEADING, has_long_word,
};
use crate::i18n::Labels;
use crate::layout::{Face, Fonts, Span, spans_of};
use crate::slides::{
    Bar, Block, Chart, MeasureRow, Rich, Run, Slide, SlideImage, SlideKind, StandingRow,
    is_safe_link,
};

use super::look::{Look, Role};
use super::parts::{DECL, NS, SLIDE_NUMBER_FIELD, body_pr, fill, group_start, rect, rels, xfrm};
use super::xml::{emu, esc, sz};
use super::{Frame, Layout, Media};

const LEFT: f32 = PAD_SIDE;
const CONTENT_W: f32 = CONTENT_WIDTH;
/// The bottom of the frame.
const BOTTOM: f32 = SLIDE_HEIGHT - PAD_BOTTOM;

/// Everything a slide's XML needs besides the slide.
pub struct Ctx<'a> {
    pub fonts: &'a Fonts,
    pub look: &'a Look,
    pub labels: &'a Labels,
    pub lang: &'static str,
}

/// A slide or notes page being written: its shapes and relationships.
struct Part {
    xml: String,
    rels: Vec<(String, &'static str, String, bool)>,
    next_id: usize,
}

impl Part {
    fn new(first_rels: Vec<(String, &'static str, String, bool)>) -> Part {
        Part {
            xml: String::with_capacity(8 * 1024),
            rels: first_rels,
            next_id: 2,
        }
    }

    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id - 1
    }

    fn rel(&mut self, kind: &'static str, target: String, external: bool) -> String {
        let id = format!("rId{}", self.rels.len() + 1);
        self.rels.push((id.clone(), kind, target, external));
        id
    }
}

/// A slide's XML and relationships, and its notes page when it has notes.
pub struct Written {
    pub slide: String,
    pub slide_rels: String,
    pub notes: Option<(String, String)>,
}

/// Height of rich text at `size` px in a box `width` px wide.
fn height(fonts: &Fonts, rich: &Rich, bold: bool, size: f32, width: f32, leading: f32) -> f32 {
    lines(fonts, rich, bold, size, width) as f32 * size * leading
}

fn lines(fonts: &Fonts, rich: &Rich, bold: bool, size: f32, width: f32) -> usize {
    let spans: Vec<Span> = spans_of(rich)
        .into_iter()
        .map(|s| {
            if bold {
                Span::new(s.text, s.face.bolder())
            } else {
                s
            }
        })
        .collect();
    fonts.break_lines(&spans, size, width).len().max(1)
}

/// `n` ch: CSS `max-width: 30ch`.
fn ch(fonts: &Fonts, face: Face, size: f32, n: f32) -> f32 {
    fonts.width(face, "0", size) * n
}

/// A little room below measured text, so that a renderer whose line breaks
/// differ by a hair keeps it inside its box.
fn room(h: f32, size: f32) -> f32 {
    h + 0.25 * size
}

pub fn write(slide: &Slide, ctx: &Ctx, media: &mut Media) -> Written {
    let layout = Layout::of(slide);
    let mut part = Part::new(vec![(
        "rId1".into(),
        "slideLayout",
        format!("../slideLayouts/slideLayout{}.xml", layout.number()),
        false,
    )]);
    let _ = write!(
        part.xml,
        "{DECL}<p:sld {NS}><p:cSld><p:spTree>{}",
        group_start()
    );
    match slide.kind {
        SlideKind::Title => title(&mut part, slide, ctx, media),
        SlideKind::Divider => divider(&mut part, slide, ctx),
        SlideKind::Section(_) | SlideKind::Objection => content(&mut part, slide, ctx, media),
        // Where we stand: a native table, the status a word in its cell,
        // and a chart of native shapes beside each row.
        SlideKind::Standing => content(&mut part, slide, ctx, media),
    }
    number(&mut part, slide, ctx);
    part.xml
        .push_str("</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>");
    let notes = notes(slide, ctx);
    let has_notes = notes.is_some();
    let mut slide_rels = part.rels;
    if has_notes {
        let n = slide_rels.len() + 1;
        slide_rels.push((
            format!("rId{n}"),
            "notesSlide",
            format!("../notesSlides/notesSlide{}.xml", slide.number),
            false,
        ));
    }
    Written {
        slide: part.xml,
        slide_rels: rels(&slide_rels),
        notes,
    }
}

/// The `a:rPr` of a run: language, style, size when it differs from the
/// layout's, a link.
fn run_props(
    part: &mut Part,
    run: &Run,
    ctx: &Ctx,
    size: Option<f32>,
    color: Option<Role>,
) -> String {
    let mut attrs = format!("lang=\"{}\"", ctx.lang);
    if let Some(size) = size {
        let _ = write!(attrs, " sz=\"{}\"", sz(size));
    }
    if run.strong {
        attrs.push_str(" b=\"1\"");
    }
    if run.emphasis {
        attrs.push_str(" i=\"1\"");
    }
    let mut children = String::new();
    if let Some(color) = color {
        children.push_str(&fill(color));
    }
    if run.code {
        children.push_str("<a:latin typeface=\"Consolas\" pitchFamily=\"49\" charset=\"0\"/>");
    }
    if let Some(link) = run.link.as_deref().filter(|l| is_safe_link(l)) {
        if color.is_none() && run.link.is_some() {
            children.insert_str(0, &fill(Role::Accent));
        }
        let id = part.rel("hyperlink", link.to_string(), true);
        let _ = write!(children, "<a:hlinkClick r:id=\"{id}\"/>");
        attrs.push_str(" u=\"sng\"");
    }
    if children.is_empty() {
        format!("<a:rPr {attrs}/>")
    } else {
        format!("<a:rPr {attrs}>{children}</a:rPr>")
    }
}

/// The runs of rich text.
fn runs(part: &mut Part, rich: &Rich, ctx: &Ctx, size: Option<f32>, color: Option<Role>) {
    for run in &rich.runs {
        let props = run_props(part, run, ctx, size, color);
        let _ = write!(part.xml, "<a:r>{props}<a:t>{}</a:t></a:r>", esc(&run.text));
    }
}

/// One paragraph of rich text with its end mark.
fn paragraph(
    part: &mut Part,
    rich: &Rich,
    ctx: &Ctx,
    ppr: &str,
    size: Option<f32>,
    color: Option<Role>,
) {
    part.xml.push_str("<a:p>");
    part.xml.push_str(ppr);
    runs(part, rich, ctx, size, color);
    let _ = write!(
        part.xml,
        "<a:endParaRPr lang=\"{}\"{}/></a:p>",
        ctx.lang,
        size.map(|s| format!(" sz=\"{}\"", sz(s)))
            .unwrap_or_default()
    );
}

/// The size to write on runs: `None` when it is the layout's own.
fn size_if(size: f32, own: f32) -> Option<f32> {
    ((size - own).abs() > 0.01).then_some(size)
}

/// Opens a placeholder shape; the caller writes paragraphs and calls `close`.
fn open_placeholder(part: &mut Part, name: &str, ph: &str, g: Frame, anchor: &str) {
    let id = part.id();
    let _ = write!(
        part.xml,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody>{}<a:lstStyle/>",
        xfrm(g),
        body_pr(anchor, true)
    );
}

fn close(part: &mut Part) {
    part.xml.push_str("</p:txBody></p:sp>");
}

/// A placeholder holding one paragraph of rich text.
#[allow(clippy::too_many_arguments)]
fn text_placeholder(
    part: &mut Part,
    name: &str,
    ph: &str,
    g: Frame,
    anchor: &str,
    rich: &Rich,
    ctx: &Ctx,
    size: Option<f32>,
) {
    open_placeholder(part, name, ph, g, anchor);
    paragraph(part, rich, ctx, "", size, None);
    close(part);
}

fn picture(part: &mut Part, media: &mut Media, image: &SlideImage, room: Frame, top_right: bool) {
    let (target, size) = media.add(image);
    let g = match size {
        Some((w, h)) if w > 0.0 && h > 0.0 => {
            let scale = (room.w / w).min(room.h / h);
            let (pw, ph) = (w * scale, h * scale);
            let x = if top_right {
                room.x + room.w - pw
            } else {
                room.x + (room.w - pw) / 2.0
            };
            Frame::new(x, room.y, pw, ph)
        }
        _ => room,
    };
    let rid = part.rel("image", target, false);
    let id = part.id();
    let decorative = image.alt.trim().is_empty();
    let name = if decorative { "Logo" } else { "Picture" };
    let ext = if decorative {
        "<a:extLst><a:ext uri=\"{C183D7F6-B498-43B3-948B-1728B52AA6E4}\"><adec:decorative xmlns:adec=\"http://schemas.microsoft.com/office/drawing/2017/decorative\" val=\"1\"/></a:ext></a:extLst>"
    } else {
        ""
    };
    let _ = write!(
        part.xml,
        "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"{name}\" descr=\"{}\">{ext}</p:cNvPr><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        esc(&image.alt),
        xfrm(g)
    );
}

fn title(part: &mut Part, slide: &Slide, ctx: &Ctx, media: &mut Media) {
    let look = ctx.look;
    let s = &look.sizes;
    let fonts = ctx.fonts;
    let title_size = look.scaled(s.title, slide.fit);
    let title_w = CONTENT_W.min(ch(fonts, Face::Bold, title_size, 24.0));
    let title_h = height(
        fonts,
        &slide.heading,
        true,
        title_size,
        title_w,
        HEADING_LEADING,
    );
    let mut total = title_h;
    let sub_size = look.scaled(s.subtitle, slide.fit);
    let sub_w = CONTENT_W.min(ch(fonts, Face::Regular, sub_size, 40.0));
    let sub_h = slide
        .subtitle
        .as_ref()
        .map(|sub| height(fonts, sub, false, sub_size, sub_w, BODY_LEADING));
    if let Some(h) = sub_h {
        total += SUBTITLE_GAP + h;
    }
    let by_size = look.scaled(s.text * BYLINE_SCALE, slide.fit);
    let by_h: f32 = slide
        .byline
        .iter()
        .map(|line| {
            height(
                fonts,
                &Rich::plain(line.clone()),
                false,
                by_size,
                CONTENT_W,
                BODY_LEADING,
            ) + BYLINE_LINE_GAP
        })
        .sum();
    if !slide.byline.is_empty() {
        total += BYLINE_GAP + BYLINE_PAD + look.byline_rule.0 + by_h;
    }
    let mut y = (PAD_TOP + (CONTENT_HEIGHT - total) / 2.0).max(PAD_TOP);
    text_placeholder(
        part,
        "Title",
        "<p:ph type=\"ctrTitle\"/>",
        Frame::new(LEFT, y, title_w, room(title_h, title_size)),
        "t",
        &slide.heading,
        ctx,
        size_if(title_size, s.title),
    );
    y += title_h;
    if let (Some(sub), Some(h)) = (&slide.subtitle, sub_h) {
        y += SUBTITLE_GAP;
        text_placeholder(
            part,
            "Subtitle",
            "<p:ph type=\"subTitle\" idx=\"1\"/>",
            Frame::new(LEFT, y, sub_w, room(h, sub_size)),
            "t",
            sub,
            ctx,
            size_if(sub_size, s.subtitle),
        );
        y += h;
    }
    if !slide.byline.is_empty() {
        y += BYLINE_GAP;
        let (w, color) = look.byline_rule;
        let id = part.id();
        part.xml.push_str(&rect(
            id,
            "Byline rule",
            Frame::new(LEFT, y, CONTENT_W, w),
            color,
            None,
        ));
        y += w + BYLINE_PAD;
        open_placeholder(
            part,
            "Byline",
            "<p:ph type=\"body\" sz=\"quarter\" idx=\"13\"/>",
            Frame::new(LEFT, y, CONTENT_W, room(by_h, by_size)),
            "t",
        );
        for line in &slide.byline {
            paragraph(
                part,
                &Rich::plain(line.clone()),
                ctx,
                "",
                size_if(by_size, s.text * BYLINE_SCALE),
                None,
            );
        }
        close(part);
    }
    if let Some(image) = &slide.image {
        picture(
            part,
            media,
            image,
            Frame::new(
                SLIDE_WIDTH - LOGO_RIGHT - LOGO_MAX_WIDTH,
                LOGO_TOP,
                LOGO_MAX_WIDTH,
                LOGO_MAX_HEIGHT,
            ),
            true,
        );
    }
}

fn divider(part: &mut Part, slide: &Slide, ctx: &Ctx) {
    let size = ctx.look.sizes.divider;
    let h = height(
        ctx.fonts,
        &slide.heading,
        true,
        size,
        CONTENT_W,
        HEADING_LEADING,
    );
    let h = room(h, size);
    text_placeholder(
        part,
        "Title",
        "<p:ph type=\"title\"/>",
        Frame::new(LEFT, PAD_TOP + (CONTENT_HEIGHT - h) / 2.0, CONTENT_W, h),
        "ctr",
        &slide.heading,
        ctx,
        None,
    );
}

fn content(part: &mut Part, slide: &Slide, ctx: &Ctx, media: &mut Media) {
    let look = ctx.look;
    let s = &look.sizes;
    let fonts = ctx.fonts;
    // The label, with "2/3" on a continued slide (in the muted colour, as the HTML).
    let label_g = Frame::label(look);
    open_placeholder(
        part,
        "Label",
        "<p:ph type=\"body\" sz=\"quarter\" idx=\"10\"/>",
        label_g,
        "t",
    );
    part.xml.push_str("<a:p>");
    runs(part, &Rich::plain(slide.label.clone()), ctx, None, None);
    if let Some((i, n)) = slide.part {
        let props = format!(
            "<a:rPr lang=\"{}\" cap=\"none\" spc=\"0\">{}</a:rPr>",
            ctx.lang,
            fill(Role::Muted)
        );
        let _ = write!(part.xml, "<a:r>{props}<a:t> {i}/{n}</a:t></a:r>");
    }
    let _ = write!(part.xml, "<a:endParaRPr lang=\"{}\"/></a:p>", ctx.lang);
    close(part);

    let mut y = label_g.y + label_g.h + look.label_gap;
    let body_top = y;
    let column = if slide.image.is_some() {
        (CONTENT_W - COLUMN_GAP) * 3.0 / 5.0
    } else {
        CONTENT_W
    };
    // The evidence sits at the bottom of the frame, as in the HTML.
    let mut bottom = BOTTOM;
    if let Some(evidence) = &slide.evidence {
        let text_w = CONTENT_W - look.evidence_bar - EVIDENCE_PAD_LEFT;
        let h = room(
            height(fonts, evidence, false, s.small, text_w, BODY_LEADING),
            s.small,
        );
        let top = BOTTOM - h - EVIDENCE_PAD_TOP;
        let id = part.id();
        part.xml.push_str(&rect(
            id,
            "Evidence rule",
            Frame::new(LEFT, top, look.evidence_bar, h + EVIDENCE_PAD_TOP),
            Role::Accent,
            None,
        ));
        text_placeholder(
            part,
            "Evidence",
            "<p:ph type=\"body\" sz=\"quarter\" idx=\"11\"/>",
            Frame::new(
                LEFT + look.evidence_bar + EVIDENCE_PAD_LEFT,
                top + EVIDENCE_PAD_TOP,
                text_w,
                h,
            ),
            "t",
            evidence,
            ctx,
            None,
        );
        bottom = top - EVIDENCE_GAP;
    }

    let claim_size = look.scaled(s.claim, slide.fit);
    let claim_w = column.min(ch(fonts, Face::Bold, claim_size, 30.0));
    let claim_h = height(
        fonts,
        &slide.heading,
        true,
        claim_size,
        claim_w,
        HEADING_LEADING,
    );
    text_placeholder(
        part,
        "Claim",
        "<p:ph type=\"title\"/>",
        Frame::new(LEFT, y, claim_w, room(claim_h, claim_size)),
        "t",
        &slide.heading,
        ctx,
        size_if(claim_size, s.claim),
    );
    y += claim_h + CLAIM_GAP;

    if let Some(answer) = &slide.answer {
        let size = look.scaled(s.answer, slide.fit);
        let w = column.min(ch(fonts, Face::Regular, size, 40.0));
        let h = height(fonts, answer, false, size, w, BODY_LEADING);
        text_placeholder(
            part,
            "Answer",
            "<p:ph idx=\"1\"/>",
            Frame::new(LEFT, y, w, room(h, size).max(bottom - y)),
            "t",
            answer,
            ctx,
            size_if(size, s.answer),
        );
        y += h;
    }

    if !slide.points.is_empty() {
        let size = look.scaled(s.text, slide.fit);
        let indent = 1.3 * s.text;
        let h: f32 = slide
            .points
            .iter()
            .map(|p| height(fonts, p, false, size, column - indent, BODY_LEADING) + 0.5 * s.text)
            .sum();
        // Points take the room down to the evidence, unless a table follows.
        let box_h = if slide.measures.is_empty() {
            room(h, size).max(bottom - y)
        } else {
            room(h, size)
        };
        open_placeholder(
            part,
            "Points",
            "<p:ph idx=\"1\"/>",
            Frame::new(LEFT, y, column, box_h),
            "t",
        );
        for point in &slide.points {
            paragraph(part, point, ctx, "", size_if(size, s.text), None);
        }
        close(part);
        y += h;
    }

    if !slide.measures.is_empty() {
        table(
            part,
            &slide.measures,
            ctx,
            Frame::new(LEFT, y, column, bottom - y),
        );
    }

    if !slide.standing.is_empty() {
        standing_table(
            part,
            &slide.standing,
            ctx,
            Frame::new(LEFT, y, column, bottom - y),
        );
    }

    if let Some(image) = &slide.image {
        let x = LEFT + column + COLUMN_GAP;
        let h = (bottom - body_top).clamp(0.0, IMAGE_MAX_HEIGHT);
        picture(
            part,
            media,
            image,
            Frame::new(x, body_top, CONTENT_W - column - COLUMN_GAP, h),
            false,
        );
    }
}

fn number(part: &mut Part, slide: &Slide, ctx: &Ctx) {
    let id = part.id();
    let _ = write!(
        part.xml,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Slide Number\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldNum\" sz=\"quarter\" idx=\"12\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody>{}<a:lstStyle/><a:p><a:fld id=\"{SLIDE_NUMBER_FIELD}\" type=\"slidenum\"><a:rPr lang=\"{}\"/><a:t>{}</a:t></a:fld><a:endParaRPr lang=\"{}\"/></a:p></p:txBody></p:sp>",
        body_pr("b", false),
        ctx.lang,
        slide.number,
        ctx.lang
    );
}

/// Column widths of the measures table, as the stylesheet lays it out:
/// figures, unit and date as wide as their widest cell, the bar 220 px plus
/// padding, the name what is left.
struct Columns {
    widths: [f32; 6],
}

const BAR_W: f32 = BAR_WIDTH;
const BAR_H: f32 = BAR_HEIGHT;

/// Room to spare in the table. A row is as tall as its `h` or its text,
/// whichever is more, and the bars beside the table are placed by `h`: a
/// renderer that breaks a cell into more lines than we did (its cell insets,
/// rounding and font metrics differ by a hair) would push every later row
/// below its bar. Spare room errs the other way, to a row a line taller than
/// its text, which keeps the bars in place.
///
/// Each column of figures gets a fifth of an em more than its widest cell,
/// taken from the padding of the bar's column (the bar is a shape over the
/// table, not in a cell); the names are broken in a share of their cell, the
/// smallest share with which the table still fits its room on the slide.
///
/// The file names the theme font but does not embed it, so a machine
/// without it shows a stand-in, and stand-ins run wider: on the example
/// decks' words Noto Sans is 9 % and DejaVu Sans 14 % wider than Atkinson
/// Hyperlegible Next (its advances, unkerned). Figures, units and dates are
/// measured `STAND_IN` times wider than the theme font sets them, so a
/// stand-in never breaks "personer" into "persone / r"; the first name share
/// leaves the same room. A table too tall for its room that way gives its
/// names less spare room, and then its figures only Noto Sans's width
/// (`STAND_IN_NARROW`), which widens the name column: at the themes' least
/// type size there is no smaller step to take, and a name LibreOffice breaks
/// into one more line than planned pushes the later rows off their bars.
const FIGURE_SPARE: f32 = 0.2;
const STAND_IN: f32 = 1.15;
const STAND_IN_NARROW: f32 = 1.08;

/// One way to lay a table out: its text size, the share of a name cell its
/// names are broken in, and how much wider than the theme font its figures
/// are measured.
#[derive(Clone, Copy)]
struct Try {
    size: f32,
    names: f32,
    figures: f32,
}

/// The ways to lay a table out at one size, most spare room first.
const TRIES: [(f32, f32); 4] = [
    (1.0 / STAND_IN, STAND_IN),
    (0.93, STAND_IN),
    (1.0 / STAND_IN_NARROW, STAND_IN_NARROW),
    (1.0, STAND_IN_NARROW),
];

/// A table's layout at the first try that fits `room` high, else at the
/// last. `layout` lays the table out; `height` reads its height. The theme's
/// table size first, with the most room to spare for a stand-in font; then
/// less spare (`TRIES`); then the slide's smaller fit steps (the HTML sets
/// the table in a browser's layout, which packs a little tighter than a
/// PowerPoint table's cells), never below the theme's least size.
fn first_fitting<T>(
    look: &Look,
    room: f32,
    layout: impl Fn(Try) -> T,
    height: impl Fn(&T) -> f32,
) -> T {
    let mut tries = FIT_STEPS[..SLIDE_FIT_STEPS]
        .iter()
        .map(|f| (look.sizes.small * f).max(look.sizes.min))
        .flat_map(|size| {
            TRIES.iter().map(move |&(names, figures)| Try {
                size,
                names,
                figures,
            })
        });
    let first = tries.next().expect("a first try");
    let mut chosen = layout(first);
    for t in tries {
        if height(&chosen) <= room {
            break;
        }
        chosen = layout(t);
    }
    chosen
}

fn columns(
    rows: &[MeasureRow],
    fonts: &Fonts,
    size: f32,
    figures: f32,
    width: f32,
    l: &Labels,
) -> Columns {
    let spare = FIGURE_SPARE * size;
    let cell =
        |text: &str| fonts.width(Face::Regular, text, size) * figures + 2.0 * CELL_PAD_X + spare;
    let header =
        |text: &str| fonts.width(Face::Bold, text, size) * figures + 2.0 * CELL_PAD_X + spare;
    let widest = |f: &dyn Fn(&MeasureRow) -> f32, head: &str| {
        rows.iter().map(f).fold(header(head), f32::max)
    };
    let today = widest(
        &|m| cell(m.baseline_text.as_deref().unwrap_or("–")),
        l.baseline,
    );
    let target = widest(&|m| cell(&m.target_text), l.target);
    let by = widest(&|m| cell(&m.by), l.by);
    let bar = (BAR_W + 2.0 * CELL_PAD_X - 4.0 * spare).max(BAR_W + 4.0);
    // A unit with a word over `LONG_WORD` characters may break anywhere (as
    // the HTML's `.long` cell): it gets no more than leaves the name a third
    // of the table, and wraps in that.
    let short_unit = widest(
        &|m| match m.unit.as_deref() {
            Some(u) if !has_long_word(u) => cell(u),
            _ => 0.0,
        },
        l.unit,
    );
    let long_unit = rows
        .iter()
        .filter_map(|m| m.unit.as_deref().filter(|u| has_long_word(u)))
        .map(cell)
        .fold(0.0, f32::max);
    let unit_room = width / 1.5 - today - target - by - bar;
    let unit = short_unit.max(long_unit.min(unit_room));
    let name = (width - today - target - unit - by - bar).max(size * 4.0 + 2.0 * CELL_PAD_X);
    Columns {
        widths: [name, today, target, unit, by, bar],
    }
}

/// The name cell's text as the slide sets it: the name, and the quality tag
/// in bold.
fn name_with_tag(m: &MeasureRow, l: &Labels) -> Rich {
    let mut name = m.name.clone();
    if m.quality {
        name.runs.push(Run {
            text: format!(" {}", l.quality),
            strong: true,
            ..Run::default()
        });
    }
    name
}

fn table(part: &mut Part, rows: &[MeasureRow], ctx: &Ctx, room_g: Frame) {
    let look = ctx.look;
    let l = ctx.labels;
    let pad_y = CELL_PAD_Y;
    let rule = look.table_rule;
    // The table at one text size and one name share: its columns, the
    // header's and each row's height, and the whole height.
    let layout = |t: Try| {
        let (size, name_room) = (t.size, t.names);
        let cols = columns(rows, ctx.fonts, size, t.figures, room_g.w, l);
        let header_h = size * TABLE_LEADING + 2.0 * pad_y + rule;
        let heights: Vec<f32> = rows
            .iter()
            .map(|m| {
                let name = lines(
                    ctx.fonts,
                    &name_with_tag(m, l),
                    false,
                    size,
                    (cols.widths[0] - 2.0 * CELL_PAD_X) * name_room,
                );
                let unit = match m.unit.as_deref() {
                    Some(u) if has_long_word(u) => lines(
                        ctx.fonts,
                        &Rich::plain(u),
                        false,
                        size,
                        (cols.widths[3] - 2.0 * CELL_PAD_X) * name_room,
                    ),
                    _ => 1,
                };
                let n = name.max(unit);
                let tag = if m.quality { 5.0 } else { 0.0 };
                (n as f32 * size * TABLE_LEADING + tag).max(BAR_H) + 2.0 * pad_y + rule
            })
            .collect();
        let total = header_h + heights.iter().sum::<f32>();
        (size, cols, header_h, heights, total)
    };
    let (size, cols, header_h, row_heights, total_h) =
        first_fitting(look, room_g.h, layout, |t| t.4);
    let total_w: f32 = cols.widths.iter().sum();
    let id = part.id();
    let descr = format!(
        "{}: {}",
        l.measure,
        rows.iter()
            .map(|m| m.name.text())
            .collect::<Vec<_>>()
            .join("; ")
    );
    let _ = write!(
        part.xml,
        "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Measures\" descr=\"{}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\"><a:tableStyleId>{NO_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>",
        esc(&descr),
        emu(room_g.x),
        emu(room_g.y),
        emu(total_w),
        emu(total_h)
    );
    for w in cols.widths {
        let _ = write!(part.xml, "<a:gridCol w=\"{}\"/>", emu(w));
    }
    part.xml.push_str("</a:tblGrid>");
    // The header row, repeated on every slide the measures continue on.
    let _ = write!(part.xml, "<a:tr h=\"{}\">", emu(header_h));
    let heads = [l.measure, l.baseline, l.target, l.unit, l.by, ""];
    for (i, head) in heads.iter().enumerate() {
        let right = i == 1 || i == 2;
        cell(
            part,
            ctx,
            &Rich {
                runs: vec![Run {
                    text: head.to_string(),
                    strong: true,
                    ..Run::default()
                }],
            },
            size,
            right,
            look.table_header_color,
            look.table_header_color,
        );
    }
    part.xml.push_str("</a:tr>");
    for (m, h) in rows.iter().zip(&row_heights) {
        let _ = write!(part.xml, "<a:tr h=\"{}\">", emu(*h));
        // The name, and the quality tag in the accent colour.
        part.xml
            .push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
        part.xml.push_str("<a:p>");
        part.xml.push_str(&cell_ppr(false, size));
        runs(part, &m.name, ctx, Some(size), Some(Role::Text));
        if m.quality {
            let props = format!(
                "<a:rPr lang=\"{}\" sz=\"{}\" b=\"1\">{}</a:rPr>",
                ctx.lang,
                sz(size),
                fill(Role::Accent)
            );
            let _ = write!(part.xml, "<a:r>{props}<a:t> {}</a:t></a:r>", esc(l.quality));
        }
        let _ = write!(
            part.xml,
            "<a:endParaRPr lang=\"{}\" sz=\"{}\"/></a:p></a:txBody>",
            ctx.lang,
            sz(size)
        );
        part.xml.push_str(&cell_pr(Role::Surface, rule));
        part.xml.push_str("</a:tc>");
        let plain = |t: &str| Rich::plain(t.to_string());
        cell(
            part,
            ctx,
            &plain(m.baseline_text.as_deref().unwrap_or("–")),
            size,
            true,
            Role::Text,
            Role::Surface,
        );
        cell(
            part,
            ctx,
            &plain(&m.target_text),
            size,
            true,
            Role::Text,
            Role::Surface,
        );
        cell(
            part,
            ctx,
            &plain(m.unit.as_deref().unwrap_or("")),
            size,
            false,
            Role::Text,
            Role::Surface,
        );
        cell(
            part,
            ctx,
            &plain(&m.by),
            size,
            false,
            Role::Text,
            Role::Surface,
        );
        cell(
            part,
            ctx,
            &Rich::default(),
            size,
            false,
            Role::Text,
            Role::Surface,
        );
        part.xml.push_str("</a:tr>");
    }
    part.xml
        .push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");

    // The bars: native shapes over the last column, one group per measure,
    // described in words for assistive technology.
    let bar_x = room_g.x + total_w - (cols.widths[5] + BAR_W) / 2.0;
    let mut y = room_g.y + header_h;
    for (m, h) in rows.iter().zip(&row_heights) {
        if let Some(bar) = &m.bar {
            let top = y + (h - rule - BAR_H) / 2.0;
            bar_group(part, bar, Frame::new(bar_x, top, BAR_W, BAR_H));
        }
        y += h;
    }
}

const NO_STYLE: &str = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}";

/// A cell's paragraph: exact line spacing (1.25 × the size, as the
/// stylesheet), so that rows are as tall in every renderer as the bars beside
/// them assume; proportional spacing follows each renderer's font metrics.
fn cell_ppr(right: bool, size: f32) -> String {
    format!(
        "<a:pPr marL=\"0\" indent=\"0\" algn=\"{}\"><a:lnSpc><a:spcPts val=\"{}\"/></a:lnSpc><a:buNone/></a:pPr>",
        if right { "r" } else { "l" },
        sz(size * TABLE_LEADING)
    )
}

fn cell_pr(rule_color: Role, rule: f32) -> String {
    cell_pr_padded(rule_color, rule, CELL_PAD_Y)
}

/// [`cell_pr`] with `pad_y` above and below the text.
fn cell_pr_padded(rule_color: Role, rule: f32, pad_y: f32) -> String {
    let none = |side: &str| format!("<a:{side} w=\"0\"><a:noFill/></a:{side}>");
    format!(
        "<a:tcPr marL=\"{pad_x}\" marR=\"{pad_x}\" marT=\"{pad_y}\" marB=\"{pad_y}\" anchor=\"ctr\">{}{}{}<a:lnB w=\"{}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\">{}<a:prstDash val=\"solid\"/></a:lnB><a:noFill/></a:tcPr>",
        none("lnL"),
        none("lnR"),
        none("lnT"),
        emu(rule),
        fill(rule_color),
        pad_x = emu(CELL_PAD_X),
        pad_y = emu(pad_y),
    )
}

fn cell(
    part: &mut Part,
    ctx: &Ctx,
    rich: &Rich,
    size: f32,
    right: bool,
    color: Role,
    rule_color: Role,
) {
    part.xml
        .push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
    paragraph(
        part,
        rich,
        ctx,
        &cell_ppr(right, size),
        Some(size),
        Some(color),
    );
    part.xml.push_str("</a:txBody>");
    part.xml.push_str(&cell_pr(rule_color, ctx.look.table_rule));
    part.xml.push_str("</a:tc>");
}

/// The bar as the HTML's SVG draws it (a 100×20 box): the track, today's
/// value, the change to the target, the target's mark.
fn bar_group(part: &mut Part, bar: &Bar, g: Frame) {
    let id = part.id();
    let _ = write!(
        part.xml,
        "<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"{id}\" name=\"Bar\" descr=\"{}\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{w}\" cy=\"{h}\"/><a:chOff x=\"{x}\" y=\"{y}\"/><a:chExt cx=\"{w}\" cy=\"{h}\"/></a:xfrm></p:grpSpPr>",
        esc(&bar.description),
        x = emu(g.x),
        y = emu(g.y),
        w = emu(g.w),
        h = emu(g.h),
    );
    let sx = g.w / 100.0;
    let sy = g.h / 20.0;
    let piece = |part: &mut Part,
                 name: &str,
                 px: f64,
                 py: f32,
                 pw: f64,
                 ph: f32,
                 color: Role,
                 alpha: Option<u32>| {
        if pw <= 0.0 {
            return;
        }
        let id = part.id();
        let r = rect(
            id,
            name,
            Frame::new(g.x + px as f32 * sx, g.y + py * sy, pw as f32 * sx, ph * sy),
            color,
            alpha,
        );
        part.xml.push_str(&r);
    };
    piece(part, "Track", 0.0, 6.0, 100.0, 8.0, Role::Surface, None);
    piece(
        part,
        "Today",
        0.0,
        6.0,
        bar.baseline_pct,
        8.0,
        Role::Muted,
        None,
    );
    let alpha = bar.decrease.then_some(35_000);
    piece(
        part,
        "Change",
        bar.from_pct,
        3.0,
        bar.width_pct,
        14.0,
        Role::Accent,
        alpha,
    );
    piece(
        part,
        "Target",
        bar.marker_pct,
        0.0,
        1.6,
        20.0,
        Role::Text,
        None,
    );
    part.xml.push_str("</p:grpSp>");
}

/// The notes page: the section's notes, and on a metrics slide why each
/// measure was chosen (as the HTML's presenter view shows them).
fn notes(slide: &Slide, ctx: &Ctx) -> Option<(String, String)> {
    if slide.notes.is_empty() && slide.measure_notes.is_empty() {
        return None;
    }
    let mut part = Part::new(vec![
        (
            "rId1".into(),
            "notesMaster",
            "../notesMasters/notesMaster1.xml".into(),
            false,
        ),
        (
            "rId2".into(),
            "slide",
            format!("../slides/slide{}.xml", slide.number),
            false,
        ),
    ]);
    let _ = write!(
        part.xml,
        "{DECL}<p:notes {NS}><p:cSld><p:spTree>{}<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>",
        group_start()
    );
    part.next_id = 4;
    let bullet = |ordered: bool| {
        format!(
            "<a:pPr marL=\"342900\" indent=\"-342900\">{}</a:pPr>",
            if ordered {
                "<a:buFontTx/><a:buAutoNum type=\"arabicPeriod\"/>"
            } else {
                "<a:buFontTx/><a:buChar char=\"•\"/>"
            }
        )
    };
    for block in slide.notes.iter().chain(&slide.measure_notes) {
        match block {
            Block::Paragraph(rich) => paragraph(&mut part, rich, ctx, "", None, None),
            Block::List { ordered, items } => {
                for item in items {
                    paragraph(&mut part, item, ctx, &bullet(*ordered), None, None);
                }
            }
        }
    }
    part.xml.push_str("</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>");
    Some((part.xml, rels(&part.rels)))
}

/// The columns of the "where we stand" table, as `fit` measures them: the
/// figures, the date and the status as wide as their widest cell (with room
/// for a stand-in font, as the measures table), the chart its cell, the name
/// what is left.
fn standing_columns(
    rows: &[StandingRow],
    fonts: &Fonts,
    size: f32,
    figures: f32,
    width: f32,
    l: &Labels,
) -> [f32; 7] {
    let spare = FIGURE_SPARE * size;
    let cell =
        |text: &str, face: Face| fonts.width(face, text, size) * figures + 2.0 * CELL_PAD_X + spare;
    let widest = |texts: Vec<String>, face: Face, head: &str| {
        texts
            .iter()
            .map(|t| cell(t, face))
            .fold(cell(head, Face::Bold), f32::max)
    };
    let dash = || "–".to_string();
    let start = widest(
        rows.iter()
            .map(|r| r.baseline_text.clone().unwrap_or_else(dash))
            .collect(),
        Face::Regular,
        l.start,
    );
    let latest = widest(
        rows.iter()
            .flat_map(|r| {
                [
                    r.latest_text.clone().unwrap_or_else(dash),
                    r.latest_date.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        Face::Regular,
        l.latest,
    );
    let target = widest(
        rows.iter().map(|r| r.target_text.clone()).collect(),
        Face::Regular,
        l.target,
    );
    let by = widest(
        rows.iter().map(|r| r.by.clone()).collect(),
        Face::Regular,
        l.by,
    );
    let status = widest(
        rows.iter()
            .map(|r| r.status_word.clone().unwrap_or_else(dash))
            .collect(),
        Face::Bold,
        l.status,
    );
    let chart = BAR_CELL_WIDTH + 4.0;
    let name =
        (width - start - latest - target - by - status - chart).max(size * 4.0 + 2.0 * CELL_PAD_X);
    [name, start, latest, target, by, status, chart]
}

/// The name cell's text: the name, and its unit (not "%", which goes with
/// the figures) in brackets.
fn standing_name(r: &StandingRow) -> Rich {
    let mut name = r.name.clone();
    if let Some(unit) = &r.unit {
        name.runs.push(Run {
            text: format!(" ({unit})"),
            ..Run::default()
        });
    }
    name
}

/// A cell of the "where we stand" table: a paragraph per line, each in its
/// colour, bold or not.
fn standing_cell(
    part: &mut Part,
    ctx: &Ctx,
    lines: &[(Rich, Role)],
    size: f32,
    right: bool,
    rule: f32,
) {
    part.xml
        .push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
    for (rich, color) in lines {
        paragraph(
            part,
            rich,
            ctx,
            &cell_ppr(right, size),
            Some(size),
            Some(*color),
        );
    }
    part.xml.push_str("</a:txBody>");
    part.xml
        .push_str(&cell_pr_padded(Role::Surface, rule, STANDING_PAD_Y));
    part.xml.push_str("</a:tc>");
}

fn strong(text: &str) -> Rich {
    Rich {
        runs: vec![Run {
            text: text.to_string(),
            strong: true,
            ..Run::default()
        }],
    }
}

/// The "where we stand" table: a header row and a row per measure — name
/// (and unit), baseline, the latest value over its date, target, `by`, the
/// status as a word — and beside each row its chart as native shapes.
fn standing_table(part: &mut Part, rows: &[StandingRow], ctx: &Ctx, room_g: Frame) {
    let look = ctx.look;
    let l = ctx.labels;
    let rule = look.table_rule;
    let row_extra = 2.0 * STANDING_PAD_Y + rule;
    // The table at one text size and one name share, as the measures table.
    let layout = |t: Try| {
        let (size, name_room) = (t.size, t.names);
        let widths = standing_columns(rows, ctx.fonts, size, t.figures, room_g.w, l);
        let header_h = size * TABLE_LEADING + row_extra;
        let heights: Vec<f32> = rows
            .iter()
            .map(|r| {
                let name = lines(
                    ctx.fonts,
                    &standing_name(r),
                    false,
                    size,
                    (widths[0] - 2.0 * CELL_PAD_X) * name_room,
                );
                let latest = if r.latest_date.is_some() { 2 } else { 1 };
                (name.max(latest) as f32 * size * TABLE_LEADING).max(CHART_HEIGHT) + row_extra
            })
            .collect();
        let total = header_h + heights.iter().sum::<f32>();
        (size, widths, header_h, heights, total)
    };
    let (size, widths, header_h, row_heights, total_h) =
        first_fitting(look, room_g.h, layout, |t| t.4);
    let total_w: f32 = widths.iter().sum();
    let id = part.id();
    let descr = format!(
        "{}: {}",
        l.standing,
        rows.iter()
            .map(|r| match &r.status_word {
                Some(word) => format!("{} ({word})", r.name.text()),
                None => r.name.text(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let _ = write!(
        part.xml,
        "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Standing\" descr=\"{}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\"><a:tableStyleId>{NO_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>",
        esc(&descr),
        emu(room_g.x),
        emu(room_g.y),
        emu(total_w),
        emu(total_h)
    );
    for w in widths {
        let _ = write!(part.xml, "<a:gridCol w=\"{}\"/>", emu(w));
    }
    part.xml.push_str("</a:tblGrid>");
    let _ = write!(part.xml, "<a:tr h=\"{}\">", emu(header_h));
    let heads = [l.measure, l.start, l.latest, l.target, l.by, l.status, ""];
    for (i, head) in heads.iter().enumerate() {
        let right = (1..=3).contains(&i);
        let color = look.table_header_color;
        part.xml
            .push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
        paragraph(
            part,
            &strong(head),
            ctx,
            &cell_ppr(right, size),
            Some(size),
            Some(color),
        );
        part.xml.push_str("</a:txBody>");
        part.xml
            .push_str(&cell_pr_padded(color, rule, STANDING_PAD_Y));
        part.xml.push_str("</a:tc>");
    }
    part.xml.push_str("</a:tr>");
    let plain = |t: &str| Rich::plain(t.to_string());
    for (r, h) in rows.iter().zip(&row_heights) {
        let _ = write!(part.xml, "<a:tr h=\"{}\">", emu(*h));
        // The name in the text colour, its unit muted.
        part.xml
            .push_str("<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p>");
        part.xml.push_str(&cell_ppr(false, size));
        runs(part, &r.name, ctx, Some(size), Some(Role::Text));
        if let Some(unit) = &r.unit {
            runs(
                part,
                &plain(&format!(" ({unit})")),
                ctx,
                Some(size),
                Some(Role::Muted),
            );
        }
        let _ = write!(
            part.xml,
            "<a:endParaRPr lang=\"{}\" sz=\"{}\"/></a:p></a:txBody>",
            ctx.lang,
            sz(size)
        );
        part.xml
            .push_str(&cell_pr_padded(Role::Surface, rule, STANDING_PAD_Y));
        part.xml.push_str("</a:tc>");
        let dash = "–";
        standing_cell(
            part,
            ctx,
            &[(
                plain(r.baseline_text.as_deref().unwrap_or(dash)),
                Role::Text,
            )],
            size,
            true,
            rule,
        );
        let mut latest = vec![(plain(r.latest_text.as_deref().unwrap_or(dash)), Role::Text)];
        if let Some(date) = &r.latest_date {
            latest.push((plain(date), Role::Muted));
        }
        standing_cell(part, ctx, &latest, size, true, rule);
        standing_cell(
            part,
            ctx,
            &[(plain(&r.target_text), Role::Text)],
            size,
            true,
            rule,
        );
        standing_cell(part, ctx, &[(plain(&r.by), Role::Text)], size, false, rule);
        // The status as a word, in bold: never colour alone.
        let status = match &r.status_word {
            Some(word) => strong(word),
            None => plain(dash),
        };
        standing_cell(part, ctx, &[(status, Role::Text)], size, false, rule);
        standing_cell(
            part,
            ctx,
            &[(Rich::default(), Role::Text)],
            size,
            false,
            rule,
        );
        part.xml.push_str("</a:tr>");
    }
    part.xml
        .push_str("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");

    // The charts: native shapes over the last column, one described group a row.
    let chart_x = room_g.x + total_w - (widths[6] + CHART_WIDTH) / 2.0;
    let mut y = room_g.y + header_h;
    for (r, h) in rows.iter().zip(&row_heights) {
        let top = y + (h - rule - CHART_HEIGHT) / 2.0;
        chart_group(
            part,
            &r.chart,
            Frame::new(chart_x, top, CHART_WIDTH, CHART_HEIGHT),
        );
        y += h;
    }
}

/// A row's chart as the HTML's SVG draws it (a `CHART_WIDTH`×`CHART_HEIGHT`
/// box): the axis, the dashed pace line to the target at `by`, the measured
/// line, the baseline's mark, a mark per result and the target's mark.
fn chart_group(part: &mut Part, chart: &Chart, g: Frame) {
    let id = part.id();
    let _ = write!(
        part.xml,
        "<p:grpSp><p:nvGrpSpPr><p:cNvPr id=\"{id}\" name=\"Chart\" descr=\"{}\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{w}\" cy=\"{h}\"/><a:chOff x=\"{x}\" y=\"{y}\"/><a:chExt cx=\"{w}\" cy=\"{h}\"/></a:xfrm></p:grpSpPr>",
        esc(&chart.description),
        x = emu(g.x),
        y = emu(g.y),
        w = emu(g.w),
        h = emu(g.h),
    );
    let at = |p: [f64; 2]| (g.x + p[0] as f32, g.y + p[1] as f32);
    let mark = |part: &mut Part, name: &str, p: [f64; 2], w: f32, h: f32, color: Role| {
        let (cx, cy) = at(p);
        let id = part.id();
        let r = rect(
            id,
            name,
            Frame::new(cx - w / 2.0, cy - h / 2.0, w, h),
            color,
            None,
        );
        part.xml.push_str(&r);
    };
    let id = part.id();
    part.xml.push_str(&rect(
        id,
        "Axis",
        Frame::new(g.x, g.y + g.h - 1.0, g.w, 1.0),
        Role::Surface,
        None,
    ));
    if let Some([x1, y1, x2, y2]) = chart.pace {
        let points = [at([x1, y1]), at([x2, y2])];
        line(part, "Pace", &points, 1.5, Role::Muted, true);
    }
    if chart.path.len() > 1 {
        let points: Vec<(f32, f32)> = chart.path.iter().map(|p| at(*p)).collect();
        line(part, "Measured", &points, 2.5, Role::Accent, false);
    }
    mark(part, "Target", chart.goal, 3.0, 14.0, Role::Text);
    if let (Some(_), Some(first)) = (chart.pace, chart.path.first()) {
        mark(part, "Baseline", *first, 6.0, 6.0, Role::Muted);
    }
    for p in &chart.dots {
        mark(part, "Result", *p, 7.0, 7.0, Role::Accent);
    }
    part.xml.push_str("</p:grpSp>");
}

/// An open line through `points` (slide px) as a freeform shape, `w` px wide.
fn line(part: &mut Part, name: &str, points: &[(f32, f32)], w: f32, color: Role, dashed: bool) {
    let min_x = points.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
    let min_y = points.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
    let max_x = points.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
    let max_y = points.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
    // A level line still gets a box of some height (and a path to scale in).
    let (bw, bh) = ((max_x - min_x).max(1.0), (max_y - min_y).max(1.0));
    let id = part.id();
    let mut path = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let tag = if i == 0 { "moveTo" } else { "lnTo" };
        let _ = write!(
            path,
            "<a:{tag}><a:pt x=\"{}\" y=\"{}\"/></a:{tag}>",
            emu(x - min_x),
            emu(y - min_y)
        );
    }
    let dash = if dashed { "dash" } else { "solid" };
    let _ = write!(
        part.xml,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l=\"l\" t=\"t\" r=\"r\" b=\"b\"/><a:pathLst><a:path w=\"{}\" h=\"{}\" fill=\"none\">{path}</a:path></a:pathLst></a:custGeom><a:noFill/><a:ln w=\"{}\" cap=\"flat\">{}<a:prstDash val=\"{dash}\"/><a:round/></a:ln></p:spPr></p:sp>",
        esc(name),
        xfrm(Frame::new(min_x, min_y, bw, bh)),
        emu(bw),
        emu(bh),
        emu(w),
        fill(color),
    );
}
