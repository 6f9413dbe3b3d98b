//! The drawing layer: positioned items in points with the origin at the top
//! left, turned into printpdf operations on pages.
//!
//! Every item carries a [`Mark`]: either page furniture ([`Mark::Artifact`]:
//! running header, footer, frames, rules) or content belonging to a node of the
//! logical structure ([`Structure`]: sections, headings, lists, tables,
//! figures). The canvas wraps each item's operations in marked content
//! (`/P <</MCID 3>> BDC … EMC`, or `/Artifact BMC … EMC`) and records which
//! marked content belongs to which node ([`Tags`]); `tags.rs` writes the
//! structure tree from that, and the outline is read from the same structure.
//! The layouts never deal with tagging.

use printpdf::{
    Actions, BorderArray, Codepoint, Color, ColorArray, CurTransMat, DictItem, FontId,
    LinkAnnotation, Op, PaintMode, PdfFontHandle, Pt, Rect, Rgb, TextItem, TextMatrix, XObjectId,
    XObjectTransform,
};

use crate::layout::{Face, Fonts, Line, RunGlyphs};

use super::fonts::{FontSet, pdf_width, resource};
use super::structure::{Kid, Role, Structure, Tags};

/// A colour as 8-bit RGB.
pub type Color8 = [u8; 3];

/// What an item is, for the structure: furniture or part of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Artifact,
    Content(usize),
}

/// One run of text to draw: already free of characters the font lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct StyledSpan {
    pub text: String,
    pub face: Face,
    pub link: Option<String>,
    pub code: bool,
}

/// Something drawn at a position (top-left origin, points).
#[derive(Debug, Clone)]
pub enum Item {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Color8,
    },
    /// A line of text; `y` is the top of its line box.
    Text {
        x: f32,
        y: f32,
        line: Line,
        spans: std::rc::Rc<Vec<StyledSpan>>,
        size: f32,
        line_height: f32,
        color: Color8,
        link_color: Color8,
        code_bg: Color8,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: usize,
    },
    /// A stroked line through `points` (x, y), `width` thick, dashed or solid.
    Stroke {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Color8,
        dashed: bool,
    },
}

impl Item {
    pub fn shifted(mut self, dx: f32, dy: f32) -> Item {
        match &mut self {
            Item::Rect { x, y, .. } | Item::Text { x, y, .. } | Item::Image { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Stroke { points, .. } => {
                for (x, y) in points {
                    *x += dx;
                    *y += dy;
                }
            }
        }
        self
    }

    /// Bottom edge of the item.
    pub fn bottom(&self) -> f32 {
        match self {
            Item::Rect { y, h, .. } | Item::Image { y, h, .. } => y + h,
            Item::Text { y, line_height, .. } => y + line_height,
            Item::Stroke { points, width, .. } => {
                points.iter().map(|p| p.1).fold(0.0, f32::max) + width / 2.0
            }
        }
    }
}

/// An item with its mark.
#[derive(Debug, Clone)]
pub struct Placed {
    pub item: Item,
    pub mark: Mark,
}

/// A list of marked items, built by a layout and drawn by [`Canvas::draw`].
#[derive(Debug, Clone, Default)]
pub struct Display {
    pub items: Vec<Placed>,
}

impl Display {
    pub fn push(&mut self, mark: Mark, item: Item) {
        self.items.push(Placed { item, mark });
    }

    pub fn extend_shifted(&mut self, other: Display, dx: f32, dy: f32) {
        self.items.extend(other.items.into_iter().map(|p| Placed {
            item: p.item.shifted(dx, dy),
            mark: p.mark,
        }));
    }

    /// Lowest bottom edge of any item (0 when empty).
    pub fn bottom(&self) -> f32 {
        self.items
            .iter()
            .map(|p| p.item.bottom())
            .fold(0.0, f32::max)
    }
}

/// Pages being drawn.
pub struct Canvas<'f> {
    pub width: f32,
    pub height: f32,
    pub fonts: &'f Fonts,
    /// The fonts drawn with, and the glyphs of each.
    pub font_set: FontSet,
    /// The deck's language: text in another (`ja`, `ar`) is marked with its own.
    pub lang: &'static str,
    pub pages: Vec<Vec<Op>>,
    pub image_ids: Vec<XObjectId>,
    /// Which images were drawn: only those are embedded.
    pub images_drawn: Vec<bool>,
    /// For each structure node, the first page (0-based) where it was drawn.
    pub first_page: Vec<Option<usize>>,
    pub tags: Tags,
    /// Link elements made while drawing: (paragraph's spans, span index) → node.
    links: std::collections::HashMap<(usize, usize, usize), usize>,
}

fn color(c: Color8) -> Color {
    Color::Rgb(Rgb {
        r: f32::from(c[0]) / 255.0,
        g: f32::from(c[1]) / 255.0,
        b: f32::from(c[2]) / 255.0,
        icc_profile: None,
    })
}

/// Rounds to 1/100 pt so output does not depend on float noise.
fn r(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

impl<'f> Canvas<'f> {
    pub fn new(
        width: f32,
        height: f32,
        fonts: &'f Fonts,
        lang: &'static str,
        image_ids: Vec<XObjectId>,
    ) -> Self {
        Canvas {
            width,
            height,
            fonts,
            font_set: FontSet::default(),
            lang,
            pages: Vec::new(),
            images_drawn: vec![false; image_ids.len()],
            image_ids,
            first_page: Vec::new(),
            tags: Tags::default(),
            links: std::collections::HashMap::new(),
        }
    }

    /// Opens marked content for `node` on the current page: a new MCID.
    fn begin(&mut self, ops: &mut Vec<Op>, node: usize, role: &Role) {
        self.begin_in(ops, node, role, None);
    }

    /// [`Canvas::begin`], with the language of the content when it is not
    /// the document's (`/Lang` in its property list).
    fn begin_in(&mut self, ops: &mut Vec<Op>, node: usize, role: &Role, lang: Option<&str>) {
        let page = self.pages.len();
        let mcids = &mut self.tags.page_mcids[page];
        let mcid = mcids.len();
        mcids.push(node);
        self.tags.push(node, Kid::Mcr { page, mcid });
        let mut map = std::collections::BTreeMap::new();
        map.insert("MCID".to_string(), DictItem::Int(mcid as i64));
        if let Some(lang) = lang {
            map.insert(
                "Lang".to_string(),
                DictItem::String {
                    data: lang.as_bytes().to_vec(),
                    literal: true,
                },
            );
        }
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: role.tag().to_string(),
            properties: DictItem::Dict { map },
        });
    }

    fn begin_artifact(ops: &mut Vec<Op>) {
        ops.push(Op::BeginMarkedContent {
            tag: "Artifact".to_string(),
        });
    }

    fn end(ops: &mut Vec<Op>) {
        ops.push(Op::EndMarkedContent);
    }

    /// Draws a page's display list as a new page; link elements found on
    /// the way are added to `structure`.
    pub fn page(&mut self, display: &Display, structure: &mut Structure) {
        let page = self.pages.len();
        self.tags.page_mcids.push(Vec::new());
        self.tags.page_links.push(Vec::new());
        let mut ops = Vec::new();
        for placed in &display.items {
            if let Mark::Content(node) = placed.mark {
                if self.first_page.len() <= node {
                    self.first_page.resize(node + 1, None);
                }
                self.first_page[node].get_or_insert(page);
            }
            match (&placed.item, placed.mark) {
                (Item::Text { .. }, mark) => self.text(&mut ops, &placed.item, mark, structure),
                (item, Mark::Artifact) => {
                    Self::begin_artifact(&mut ops);
                    self.item(&mut ops, item);
                    Self::end(&mut ops);
                }
                (item, Mark::Content(node)) => {
                    let role = structure.nodes[node].role.clone();
                    self.begin(&mut ops, node, &role);
                    self.item(&mut ops, item);
                    Self::end(&mut ops);
                }
            }
        }
        self.pages.push(ops);
    }

    fn fill(&self, ops: &mut Vec<Op>, x: f32, y: f32, w: f32, h: f32, c: Color8) {
        ops.push(Op::SetFillColor { col: color(c) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: r(x),
                y: r(self.height - y - h),
                width: r(w),
                height: r(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    fn item(&mut self, ops: &mut Vec<Op>, item: &Item) {
        match item {
            Item::Rect { x, y, w, h, color } => self.fill(ops, *x, *y, *w, *h, *color),
            Item::Image { x, y, w, h, image } => {
                self.images_drawn[*image] = true;
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw(
                        [*w, 0.0, 0.0, *h, *x, self.height - y - h].map(|v| r(v).0),
                    ),
                });
                ops.push(Op::UseXobject {
                    id: self.image_ids[*image].clone(),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Stroke {
                points,
                width,
                color: c,
                dashed,
            } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: r(*width) });
                if *dashed {
                    let dash = (*width * 300.0).round() / 100.0;
                    ops.push(Op::SetLineDashPattern {
                        dash: printpdf::LineDashPattern::new(0.0, &[dash, dash]),
                    });
                }
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: points
                            .iter()
                            .map(|(x, y)| printpdf::LinePoint {
                                p: printpdf::Point {
                                    x: r(*x),
                                    y: r(self.height - y),
                                },
                                bezier: false,
                            })
                            .collect(),
                        is_closed: false,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            // Text is drawn piece by piece by `Canvas::text`.
            Item::Text { .. } => {}
        }
    }

    /// Draws `range` of `text` in `face` with its baseline at `baseline`,
    /// from `x`: the glyphs that measured it ([`Fonts::glyphs_in`]), run by
    /// run in visual order (right-to-left runs reversed), each run in its
    /// font, as marked content of `owner` (an artifact when `None`). A run in
    /// another language than the document's gets its own `/Lang`. With
    /// `space`, a space follows (a line that ends between words).
    #[allow(clippy::too_many_arguments)]
    fn glyphs(
        &mut self,
        ops: &mut Vec<Op>,
        text: &str,
        range: std::ops::Range<usize>,
        face: Face,
        owner: Option<&(usize, Role)>,
        (x, baseline, size): (f32, f32, f32),
        space: bool,
    ) {
        let mut runs = self.fonts.glyphs_in(face, text, range);
        if space {
            let file = self.fonts.file(face).clone();
            let glyphs = self.fonts.shaped(&file, " ", false);
            if let Some(g) = glyphs.first() {
                let level = runs.last().map_or(0, |r| r.run.level & !1);
                runs.push(crate::layout::RunGlyphs {
                    run: crate::layout::TextRun {
                        range: 0..1,
                        font: file,
                        level,
                        lang: None,
                    },
                    glyphs: vec![(*g, usize::MAX..usize::MAX)],
                });
            }
        }
        let order: Vec<usize> = if runs.iter().any(|r| r.run.level > 0) {
            let levels: Vec<unicode_bidi::Level> = runs
                .iter()
                .map(|r| {
                    unicode_bidi::Level::new(r.run.level)
                        .unwrap_or_else(|_| unicode_bidi::Level::ltr())
                })
                .collect();
            unicode_bidi::BidiInfo::reorder_visual(&levels)
        } else {
            (0..runs.len()).collect()
        };
        let mut pen = x;
        for index in order {
            let RunGlyphs { run, glyphs } = &runs[index];
            let font = self.font_set.font(&run.font);
            let lang = run.lang.filter(|l| *l != self.lang);
            match owner {
                Some((node, role)) => self.begin_in(ops, *node, role, lang),
                None => Self::begin_artifact(ops),
            }
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(resource(font))),
                size: r(size),
            });
            // Pieces of constant vertical offset, each from its own origin.
            let mut items: Vec<Codepoint> = Vec::new();
            let mut origin = (pen + glyphs[0].0.dx * size, glyphs[0].0.dy);
            for (i, (g, covers)) in glyphs.iter().enumerate() {
                if g.dy != origin.1 && !items.is_empty() {
                    self.show(ops, std::mem::take(&mut items), origin, baseline, size);
                    origin = (pen + g.dx * size, g.dy);
                }
                let told: std::borrow::Cow<str> = if covers.start == usize::MAX {
                    " ".into()
                } else if run.rtl() {
                    // Readers of a right-to-left line (poppler, Acrobat) put
                    // a glyph's characters in visual order, then reverse the
                    // line: a ligature's letters go in reversed.
                    text[covers.clone()]
                        .chars()
                        .rev()
                        .collect::<String>()
                        .into()
                } else {
                    text[covers.clone()].into()
                };
                let code = self.font_set.code(font, g.id, &told);
                // After this glyph the viewer moves by its /W width; the
                // number moves it on to where shaping puts the next one.
                let next_dx = glyphs.get(i + 1).map_or(0.0, |(n, _)| n.dx);
                let offset = pdf_width(&run.font, g.id) - 1000.0 * (g.advance + next_dx - g.dx);
                items.push(Codepoint::new(code, (offset * 10.0).round() / 10.0));
                pen += g.advance * size;
            }
            self.show(ops, items, origin, baseline, size);
            ops.push(Op::EndTextSection);
            Self::end(ops);
        }
    }

    /// One `Tm` and `TJ`: glyph codes with their spacing, from `origin`
    /// (x in points, vertical offset in em).
    fn show(
        &self,
        ops: &mut Vec<Op>,
        mut items: Vec<Codepoint>,
        origin: (f32, f32),
        baseline: f32,
        size: f32,
    ) {
        if let Some(last) = items.last_mut() {
            last.offset = 0.0;
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(r(origin.0), r(self.height - baseline + origin.1 * size)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(items)],
        });
    }

    /// A line of text: code backgrounds and link underlines as artifacts, each
    /// piece as marked content of its node — or of a link element, made here,
    /// with its annotation.
    fn text(&mut self, ops: &mut Vec<Op>, item: &Item, mark: Mark, structure: &mut Structure) {
        let Item::Text {
            x,
            y,
            line,
            spans,
            size,
            line_height,
            color: text_color,
            link_color,
            code_bg,
        } = item
        else {
            return;
        };
        let metrics = self.fonts.face(Face::Regular);
        let content = (metrics.ascender - metrics.descender) * size;
        let baseline = y + (line_height - content) / 2.0 + metrics.ascender * size;
        // Backgrounds of code first, so text draws over them.
        for piece in &line.pieces {
            if spans[piece.span].code {
                let pad = size * 0.15;
                Self::begin_artifact(ops);
                self.fill(
                    ops,
                    x + piece.x - pad,
                    baseline - metrics.ascender * size,
                    piece.width + 2.0 * pad,
                    content,
                    *code_bg,
                );
                Self::end(ops);
            }
        }
        let page = self.pages.len();
        let last = line.pieces.len().saturating_sub(1);
        for (i, piece) in line.pieces.iter().enumerate() {
            let span = &spans[piece.span];
            // A line that ends between words ends with the space, so text
            // extraction and assistive technology keep the words apart.
            let space = i == last && line.space_after;
            if span.text[piece.range.clone()]
                .chars()
                .all(crate::layout::is_invisible)
            {
                continue;
            }
            let c = if span.link.is_some() {
                *link_color
            } else {
                *text_color
            };
            let face = span.face;
            // Whose content this piece is.
            let owner = match (mark, &span.link) {
                (Mark::Artifact, _) => None,
                (Mark::Content(node), None) => Some((node, structure.nodes[node].role.clone())),
                (Mark::Content(node), Some(_)) => {
                    let key = (std::rc::Rc::as_ptr(spans) as usize, piece.span, node);
                    let link = match self.links.get(&key) {
                        Some(l) => *l,
                        None => {
                            let l = structure.add(node, Role::Link);
                            self.tags.push(node, Kid::Node(l));
                            self.links.insert(key, l);
                            l
                        }
                    };
                    Some((link, Role::Link))
                }
            };
            ops.push(Op::SetFillColor { col: color(c) });
            self.glyphs(
                ops,
                &span.text,
                piece.range.clone(),
                face,
                owner.as_ref(),
                (x + piece.x, baseline, *size),
                space,
            );
            if let Some(url) = &span.link {
                // Underline (furniture), then the clickable area over the line box.
                let thick = (size * 0.06).max(0.5);
                Self::begin_artifact(ops);
                self.fill(
                    ops,
                    x + piece.x,
                    baseline + size * 0.12,
                    piece.width,
                    thick,
                    c,
                );
                Self::end(ops);
                if let Some((link, _)) = owner {
                    let index = self.tags.page_links[page].len();
                    self.tags.page_links[page].push(link);
                    self.tags.push(link, Kid::Annot { page, index });
                }
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        Rect {
                            x: r(x + piece.x),
                            y: r(self.height - y - line_height),
                            width: r(piece.width),
                            height: r(*line_height),
                            mode: None,
                            winding_order: None,
                        },
                        Actions::Uri(url.clone()),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        None,
                    ),
                });
            }
        }
    }
}
