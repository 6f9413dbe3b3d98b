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
    Actions, BorderArray, Color, ColorArray, CurTransMat, DictItem, FontId, LinkAnnotation, Op,
    PaintMode, PdfFontHandle, Pt, Rect, Rgb, TextItem, TextMatrix, XObjectId, XObjectTransform,
};

use crate::layout::{Face, Fonts, Line};

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
    pub font_ids: [FontId; 4],
    pub used_faces: [bool; 4],
    pub pages: Vec<Vec<Op>>,
    pub image_ids: Vec<XObjectId>,
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
    pub fn new(width: f32, height: f32, fonts: &'f Fonts, image_ids: Vec<XObjectId>) -> Self {
        Canvas {
            width,
            height,
            fonts,
            font_ids: [0, 1, 2, 3].map(|i| FontId(format!("F{}", i + 1))),
            used_faces: [false; 4],
            pages: Vec::new(),
            image_ids,
            first_page: Vec::new(),
            tags: Tags::default(),
            links: std::collections::HashMap::new(),
        }
    }

    /// Opens marked content for `node` on the current page: a new MCID.
    fn begin(&mut self, ops: &mut Vec<Op>, node: usize, role: &Role) {
        let page = self.pages.len();
        let mcids = &mut self.tags.page_mcids[page];
        let mcid = mcids.len();
        mcids.push(node);
        self.tags.push(node, Kid::Mcr { page, mcid });
        let mut map = std::collections::BTreeMap::new();
        map.insert("MCID".to_string(), DictItem::Int(mcid as i64));
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
            let mut text: String = span.text[piece.range.clone()]
                .chars()
                .filter(|c| !crate::layout::is_invisible(*c))
                .collect();
            // A line that ends between words ends with the space, so text
            // extraction and assistive technology keep the words apart.
            if i == last && line.space_after && !text.is_empty() {
                text.push(' ');
            }
            if text.is_empty() {
                continue;
            }
            let c = if span.link.is_some() {
                *link_color
            } else {
                *text_color
            };
            let face = span.face;
            self.used_faces[face as usize] = true;
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
            match &owner {
                Some((node, role)) => self.begin(ops, *node, role),
                None => Self::begin_artifact(ops),
            }
            ops.push(Op::SetFillColor { col: color(c) });
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(self.font_ids[face as usize].clone()),
                size: r(*size),
            });
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(r(x + piece.x), r(self.height - baseline)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text)],
            });
            ops.push(Op::EndTextSection);
            Self::end(ops);
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
