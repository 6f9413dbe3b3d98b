//! The PDF back end: a handout (slide + notes per page), the slides alone
//! (16:9 pages) or a one-page brief, drawn natively with printpdf — no
//! browser, no LaTeX.
//!
//! Stages: [`layout`](crate::layout) breaks text by the theme font's real
//! metrics; the layouts (`handout`, `brief`, `slide`) produce display lists of
//! marked items ([`canvas`]); the canvas turns them into printpdf operations;
//! [`finish`] post-processes the document with lopdf (metadata, `/Lang`,
//! outline, the structure tree of a tagged PDF — see `tags.rs` — and a
//! deterministic `/ID`) so that the same deck gives the same bytes.

mod brief;
pub mod canvas;
mod finish;
pub mod flow;
pub mod fonts;
mod handout;
mod image;
pub mod slide;
pub mod structure;
mod tags;
pub mod text;

use std::fmt;

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect, XObjectId};

use crate::backend::{Backend, Input, Rendered};
use crate::deck::Lang;
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::labels;
use crate::layout::{Face, Fonts};
use crate::slides::Lowered;
use crate::theme::Theme;

use canvas::{Canvas, Display};
use slide::Prepared;
use structure::Structure;
use text::{Colors, Ctx, rgb};

/// Which PDF to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Portrait pages: the slide in a frame, its speaker notes below.
    #[default]
    Handout,
    /// One 16:9 page per slide.
    Slides,
    /// A memo of one page (two at most): the ask first, then the argument.
    Brief,
}

pub use crate::backend::Paper;

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The paper when none is asked for: A4 for both languages (Swedish
    /// readers use A4; so do most English-speaking ones outside North
    /// America — choose `--paper letter` there).
    pub fn default_for(lang: Lang) -> Paper {
        match lang {
            Lang::Sv | Lang::En => Paper::A4,
        }
    }
}

/// Slides pages: the 1280×720 CSS px slide at 96 dpi, i.e. 960×540 pt.
pub const SLIDE_PAGE: (f32, f32) = (960.0, 540.0);

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub layout: Layout,
    /// `None`: [`Paper::default_for`] the deck's language.
    pub paper: Option<Paper>,
    /// Creation date, seconds since 1970 (UTC): from `SOURCE_DATE_EPOCH` when
    /// the caller has it, else `None` and the deck's date is used.
    pub source_date_epoch: Option<i64>,
}

/// A rendered PDF.
pub struct Output {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Warnings found while drawing (W2xx).
    pub diagnostics: Vec<Diagnostic>,
    /// The families of the fallback fonts drawn with (not the theme's own).
    pub fallbacks: Vec<String>,
}

/// Why no PDF could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError(pub String);

impl PdfError {
    /// The failure as the PDF back end's own diagnostic (E013).
    pub fn into_diagnostic(self) -> Diagnostic {
        Diagnostic::new(
            Code::E013,
            format!("the PDF could not be drawn: {}", self.0),
        )
        .help("build with a built-in theme (--theme default); if that fails too, please report it")
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The theme's fonts for the PDF, with their fallbacks: the fonts the theme
/// names in `fallback_fonts`, then the system's. The built-in faces are
/// parsed once per process, a theme folder's own per render (their bytes are
/// kept once per process, see `shape::intern`).
enum ThemeFonts {
    Builtin,
    Own(Box<Fonts>),
}

impl ThemeFonts {
    fn new(theme: &Theme) -> Result<Self, PdfError> {
        let bytes: Vec<&[u8]> = Face::ALL
            .iter()
            .map(|f| {
                theme
                    .file(f.file())
                    .unwrap_or_else(|| Fonts::builtin_bytes(*f))
            })
            .collect();
        let builtin = Face::ALL
            .iter()
            .zip(&bytes)
            .all(|(f, b)| *b == Fonts::builtin_bytes(*f));
        let fallbacks = theme
            .config
            .fallback_fonts
            .iter()
            .map(|name| {
                let data = theme.file(name).ok_or_else(|| {
                    PdfError(format!(
                        "the theme's fallback font `{name}` is not in the theme folder"
                    ))
                })?;
                let file =
                    crate::shape::FontFile::new(crate::shape::intern(data), 0).map_err(|e| {
                        PdfError(format!(
                            "the theme's fallback font `{name}` cannot be used: {e}"
                        ))
                    })?;
                Ok(std::sync::Arc::new(file))
            })
            .collect::<Result<Vec<_>, PdfError>>()?;
        if builtin && fallbacks.is_empty() {
            return Ok(ThemeFonts::Builtin);
        }
        let base = if builtin {
            Fonts::builtin().clone()
        } else {
            Fonts::parse([bytes[0], bytes[1], bytes[2], bytes[3]]).map_err(|e| {
                PdfError(format!("the theme's font cannot be used for the PDF: {e}"))
            })?
        };
        Ok(ThemeFonts::Own(Box::new(
            base.with_fallbacks(fallbacks, true),
        )))
    }

    fn fonts(&self) -> &Fonts {
        match self {
            ThemeFonts::Builtin => Fonts::builtin_with_system(),
            ThemeFonts::Own(f) => f,
        }
    }
}

fn colors_of(c: &crate::theme::Colors) -> Colors {
    Colors {
        background: rgb(&c.background),
        text: rgb(&c.text),
        muted: rgb(&c.muted),
        accent: rgb(&c.accent),
        surface: rgb(&c.surface),
    }
}

/// The PDF back end, in one of its layouts.
pub struct Pdf(pub Layout);

impl Backend for Pdf {
    fn output(&self) -> &'static str {
        match self.0 {
            Layout::Handout => "pdf",
            Layout::Slides => "slides.pdf",
            Layout::Brief => "brief.pdf",
        }
    }
    fn unit(&self) -> &'static str {
        "pages"
    }
    fn render(&self, input: &Input) -> Result<Rendered, Vec<Diagnostic>> {
        let options = Options {
            layout: self.0,
            paper: input.settings.paper,
            source_date_epoch: input.settings.source_date_epoch,
        };
        match render(input.lowered, input.theme, &options) {
            Ok(out) => Ok(Rendered {
                bytes: out.bytes,
                count: out.pages,
                diagnostics: out.diagnostics,
                notes: if out.fallbacks.is_empty() {
                    Vec::new()
                } else {
                    vec![format!(
                        "text the theme's font lacks is drawn in {}",
                        out.fallbacks.join(", ")
                    )]
                },
            }),
            Err(e) => Err(vec![e.into_diagnostic()]),
        }
    }
}

/// Renders the deck as a PDF.
pub fn render(lowered: &Lowered, theme: &Theme, options: &Options) -> Result<Output, PdfError> {
    let theme_fonts = ThemeFonts::new(theme)?;
    let fonts = theme_fonts.fonts();
    let mut ctx = Ctx::new(fonts, labels(lowered.info.lang));
    let palette = theme.palette(lowered.info.brand_color.as_deref());
    let slide_colors = colors_of(&palette.colors);
    // Paper is white: a dark theme's slides keep their colours inside their
    // frames, but text on the page itself uses the default theme's colours.
    let paper_colors = if crate::theme::luminance(slide_colors.background) > 0.5 {
        slide_colors
    } else {
        let default = Theme::builtin("default").expect("the default theme is built in");
        colors_of(&default.config.colors)
    };

    let (images, mut image_diagnostics) = image::decode_all(&lowered.slides);
    ctx.diagnostics.append(&mut image_diagnostics);
    let prepared = Prepared {
        total: lowered.slides.len(),
        images,
        sizes: theme.config.sizes.clone(),
    };
    let paper = options
        .paper
        .unwrap_or(Paper::default_for(lowered.info.lang));
    let mut structure = Structure::default();
    let (size, pages): ((f32, f32), Vec<Display>) = match options.layout {
        Layout::Slides => {
            let s = SLIDE_PAGE.0 / crate::geometry::SLIDE_WIDTH;
            let pages = lowered
                .slides
                .iter()
                .map(|sl| {
                    slide::slide_display(&mut ctx, &mut structure, sl, &prepared, &slide_colors, s)
                        .0
                })
                .collect();
            (SLIDE_PAGE, pages)
        }
        Layout::Handout => (
            paper.size(),
            handout::pages(
                &mut ctx,
                &mut structure,
                lowered,
                &prepared,
                &slide_colors,
                &paper_colors,
                paper.size(),
            ),
        ),
        Layout::Brief => (
            paper.size(),
            brief::pages(
                &mut ctx,
                &mut structure,
                lowered,
                &paper_colors,
                paper.size(),
            ),
        ),
    };

    let image_ids: Vec<XObjectId> = (0..prepared.images.objects.len())
        .map(|i| XObjectId(format!("Im{}", i + 1)))
        .collect();
    let mut canvas = Canvas::new(
        size.0,
        size.1,
        fonts,
        lowered.info.lang.code(),
        image_ids.clone(),
    );
    for page in &pages {
        canvas.page(page, &mut structure);
    }

    let mut doc = PdfDocument::new(&lowered.info.title);
    for ((id, raw), drawn) in image_ids
        .iter()
        .zip(&prepared.images.objects)
        .zip(&canvas.images_drawn)
    {
        if let Some(raw) = raw.as_ref().filter(|_| *drawn) {
            doc.resources.xobjects.map.insert(id.clone(), raw.clone());
        }
    }
    let outline = finish::outline(&structure, &canvas.first_page);
    let page_count = canvas.pages.len();
    let rect = Rect::from_wh(Pt(size.0), Pt(size.1));
    let pdf_pages: Vec<PdfPage> = std::mem::take(&mut canvas.pages)
        .into_iter()
        .map(|ops| PdfPage {
            media_box: rect.clone(),
            trim_box: rect.clone(),
            crop_box: rect.clone(),
            ops,
        })
        .collect();
    doc.with_pages(pdf_pages);
    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    canvas.font_set.embed(&mut lo).map_err(PdfError)?;
    // The fallback fonts drawn with, and where each came from.
    let mut fallbacks: Vec<String> = Vec::new();
    for file in canvas.font_set.files() {
        if Face::ALL
            .iter()
            .any(|f| std::sync::Arc::ptr_eq(fonts.file(*f), file))
        {
            continue;
        }
        let from = if fonts
            .fallbacks()
            .iter()
            .any(|f| std::sync::Arc::ptr_eq(f, file))
        {
            "the theme's fallback_fonts"
        } else {
            "a system font"
        };
        let name = format!("{} ({from})", file.family);
        if !fallbacks.contains(&name) {
            fallbacks.push(name);
        }
    }
    let bytes = finish::finish(
        lo,
        &lowered.info,
        options.source_date_epoch,
        &outline,
        &structure,
        &canvas.tags,
    )
    .map_err(PdfError)?;
    Ok(Output {
        bytes,
        pages: page_count,
        diagnostics: ctx.diagnostics,
        fallbacks,
    })
}
