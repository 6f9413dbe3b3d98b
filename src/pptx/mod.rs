//! The PowerPoint back end: an editable `.pptx` of the deck.
//!
//! Every slide of the HTML deck, in order, on PowerPoint's 16:9 slide: real
//! text in the placeholders of a slide master with five layouts (title,
//! argument, measures, question, divider), so that a user can restyle the
//! whole file from the master; the points as bullet paragraphs of one text
//! frame; the measures as a native table with a bar of native shapes beside
//! each row; pictures with their alternative text; speaker notes in the notes
//! pane; the deck's language on every run; theme colours and the font by name.
//!
//! The file is written as OOXML by hand (`parts`, `slide`) and packed with
//! the `zip` crate at a fixed date, so that the same deck gives the same bytes.
//! Sizes come from the theme's `[sizes]` at the step `fit` chose for each
//! slide; this back end never re-runs fit.

mod look;
mod parts;
mod slide;
mod xml;

use std::io::Write as _;

use crate::backend::{Backend, Input, Rendered};
use crate::deck::{ImageFormat, Lang};
use crate::diagnostic::{Code, Diagnostic};
use crate::fit::theme_fonts;
use crate::geometry::{
    BODY_LEADING, CLAIM_GAP, CONTENT_WIDTH, HEADING_LEADING, NUMBER_BOTTOM, NUMBER_RIGHT,
    PAD_BOTTOM, PAD_SIDE, PAD_TOP, SLIDE_HEIGHT, SLIDE_WIDTH,
};
use crate::i18n::labels;
use crate::layout::Fonts;
use crate::slides::{Lowered, Slide, SlideImage, SlideKind};
use crate::theme::Theme;

use look::Look;

/// The PowerPoint back end: `deck.pptx`.
pub struct Pptx;

impl Backend for Pptx {
    fn output(&self) -> &'static str {
        "pptx"
    }

    fn unit(&self) -> &'static str {
        "slides"
    }

    fn render(&self, input: &Input) -> Result<Rendered, Vec<Diagnostic>> {
        let bytes =
            render(input.lowered, input.theme, input.settings.source_date_epoch).map_err(|e| {
                vec![
                    Diagnostic::new(Code::E014, format!("could not write the PPTX: {e}"))
                        .help("this is a bug in pitchdeck; please report it with the deck"),
                ]
            })?;
        Ok(Rendered {
            bytes,
            count: input.lowered.slides.len(),
            diagnostics: Vec::new(),
        })
    }
}

/// The slide layouts of the master, in order (`slideLayout1.xml` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Title,
    Argument,
    Measures,
    Question,
    Divider,
}

pub const LAYOUTS: [Layout; 5] = [
    Layout::Title,
    Layout::Argument,
    Layout::Measures,
    Layout::Question,
    Layout::Divider,
];

impl Layout {
    fn of(slide: &Slide) -> Layout {
        match slide.kind {
            SlideKind::Title => Layout::Title,
            SlideKind::Divider => Layout::Divider,
            SlideKind::Objection => Layout::Question,
            SlideKind::Standing => Layout::Measures,
            SlideKind::Section(_) if !slide.measures.is_empty() => Layout::Measures,
            SlideKind::Section(_) => Layout::Argument,
        }
    }

    /// 1-based number of its part.
    fn number(self) -> usize {
        LAYOUTS.iter().position(|l| *l == self).unwrap_or(0) + 1
    }
}

/// A box in CSS px of the 1280×720 slide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Frame {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Frame {
        Frame { x, y, w, h }
    }

    /// The slide number: bottom right (`.number`).
    fn number(look: &Look) -> Frame {
        let h = look.sizes.small * BODY_LEADING;
        Frame::new(
            SLIDE_WIDTH - NUMBER_RIGHT - 240.0,
            SLIDE_HEIGHT - NUMBER_BOTTOM - h,
            240.0,
            h,
        )
    }

    /// The section label: one line at the top of the frame.
    fn label(look: &Look) -> Frame {
        Frame::new(
            PAD_SIDE,
            PAD_TOP,
            CONTENT_WIDTH,
            look.sizes.label * BODY_LEADING,
        )
    }

    fn label_rule(look: &Look) -> Frame {
        let l = Frame::label(look);
        Frame::new(PAD_SIDE, l.y + l.h + 10.0, CONTENT_WIDTH, 2.0)
    }

    /// Where the claim goes when a slide does not say otherwise.
    fn claim_default(look: &Look) -> Frame {
        let l = Frame::label(look);
        let h = 2.0 * look.sizes.claim * HEADING_LEADING;
        Frame::new(PAD_SIDE, l.y + l.h + look.label_gap, CONTENT_WIDTH, h)
    }

    fn points_default(look: &Look) -> Frame {
        let c = Frame::claim_default(look);
        let y = c.y + c.h + CLAIM_GAP;
        Frame::new(PAD_SIDE, y, CONTENT_WIDTH, SLIDE_HEIGHT - PAD_BOTTOM - y)
    }
}

/// The pictures of the deck, as parts of `ppt/media`.
#[derive(Default)]
pub struct Media {
    files: Vec<(String, Vec<u8>)>,
}

impl Media {
    /// Adds an image; returns its target from a slide and its size in px
    /// when it can be read.
    fn add(&mut self, image: &SlideImage) -> (String, Option<(f32, f32)>) {
        let ext = match image.format {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Svg => "svg",
        };
        let name = format!("image{}.{ext}", self.files.len() + 1);
        self.files
            .push((format!("ppt/media/{name}"), image.bytes.clone()));
        (format!("../media/{name}"), image_size(image))
    }
}

/// Width and height of an image in px, from its header.
fn image_size(image: &SlideImage) -> Option<(f32, f32)> {
    let b = &image.bytes;
    match image.format {
        ImageFormat::Png => {
            let w = u32::from_be_bytes(b.get(16..20)?.try_into().ok()?);
            let h = u32::from_be_bytes(b.get(20..24)?.try_into().ok()?);
            Some((w as f32, h as f32))
        }
        ImageFormat::Jpeg => {
            let mut i = 2;
            while i + 9 < b.len() {
                if b[i] != 0xFF {
                    return None;
                }
                let marker = b[i + 1];
                let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
                if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                    let h = u16::from_be_bytes([b[i + 5], b[i + 6]]);
                    let w = u16::from_be_bytes([b[i + 7], b[i + 8]]);
                    return Some((f32::from(w), f32::from(h)));
                }
                i += 2 + len;
            }
            None
        }
        ImageFormat::Svg => svg_size(std::str::from_utf8(b).ok()?),
    }
}

/// The size of an SVG from its root element's `viewBox` (or width and height).
fn svg_size(text: &str) -> Option<(f32, f32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}="))? + name.len() + 2;
        let quote = tag[at..].chars().next()?;
        let rest = &tag[at + 1..];
        Some(rest[..rest.find(quote)?].to_string())
    };
    if let Some(vb) = attr("viewBox") {
        let n: Vec<f32> = vb
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        if n.len() == 4 {
            return Some((n[2], n[3]));
        }
    }
    let num = |s: String| s.trim_end_matches("px").parse::<f32>().ok();
    Some((num(attr("width")?)?, num(attr("height")?)?))
}

/// Seconds since 1970 as a W3C date and time in UTC (`2026-12-01T09:30:00Z`),
/// within the years 1970 to 9999 that the format's four digits hold.
fn w3c_date(epoch: i64) -> String {
    let epoch = epoch.clamp(0, 253_402_300_799);
    let (days, secs) = (epoch / 86_400, epoch % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-US",
        Lang::Sv => "sv-SE",
    }
}

/// Renders the deck as a PowerPoint file. Its creation date is
/// `source_date_epoch` (`SOURCE_DATE_EPOCH`) when given, else the deck's date.
pub fn render(
    lowered: &Lowered,
    theme: &Theme,
    source_date_epoch: Option<i64>,
) -> zip::result::ZipResult<Vec<u8>> {
    let own_fonts = theme_fonts(theme);
    let fonts = own_fonts.as_ref().unwrap_or_else(|| Fonts::builtin());
    let look = Look::new(theme, lowered.info.brand_color.as_deref());
    let lang = lang_tag(lowered.info.lang);
    let ctx = slide::Ctx {
        fonts,
        look: &look,
        labels: labels(lowered.info.lang),
        lang,
    };
    let total = lowered.slides.len();
    let mut media = Media::default();
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(16 + 4 * total);
    let mut notes_numbers = Vec::new();
    let mut slide_files = Vec::with_capacity(3 * total);
    for s in &lowered.slides {
        let written = slide::write(s, &ctx, &mut media);
        slide_files.push((
            format!("ppt/slides/slide{}.xml", s.number),
            written.slide.into_bytes(),
        ));
        slide_files.push((
            format!("ppt/slides/_rels/slide{}.xml.rels", s.number),
            written.slide_rels.into_bytes(),
        ));
        if let Some((xml, rels)) = written.notes {
            notes_numbers.push(s.number);
            slide_files.push((
                format!("ppt/notesSlides/notesSlide{}.xml", s.number),
                xml.into_bytes(),
            ));
            slide_files.push((
                format!("ppt/notesSlides/_rels/notesSlide{}.xml.rels", s.number),
                rels.into_bytes(),
            ));
        }
    }
    let info = &lowered.info;
    let date = source_date_epoch
        .map(w3c_date)
        .or_else(|| info.date.map(|d| format!("{d}T00:00:00Z")));
    let name = &theme.config.name;
    let mut push = |path: &str, text: String| files.push((path.to_string(), text.into_bytes()));
    push(
        "[Content_Types].xml",
        parts::content_types(total, &notes_numbers),
    );
    push("_rels/.rels", parts::root_rels());
    push(
        "docProps/core.xml",
        parts::core(
            &info.title,
            info.author.as_deref(),
            info.summary.as_deref(),
            lang,
            date,
        ),
    );
    push("docProps/app.xml", parts::app(total, notes_numbers.len()));
    push(
        "ppt/presentation.xml",
        parts::presentation(total, &look, lang),
    );
    push(
        "ppt/_rels/presentation.xml.rels",
        parts::presentation_rels(total),
    );
    push("ppt/presProps.xml", parts::pres_props());
    push("ppt/viewProps.xml", parts::view_props());
    push("ppt/tableStyles.xml", parts::table_styles());
    push("ppt/theme/theme1.xml", parts::theme(&look, name));
    push("ppt/theme/theme2.xml", parts::theme(&look, name));
    push(
        "ppt/slideMasters/slideMaster1.xml",
        parts::master(&look, lang),
    );
    push(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        parts::master_rels(),
    );
    for (i, kind) in LAYOUTS.iter().enumerate() {
        push(
            &format!("ppt/slideLayouts/slideLayout{}.xml", i + 1),
            parts::layout(*kind, &look, lang),
        );
        push(
            &format!("ppt/slideLayouts/_rels/slideLayout{}.xml.rels", i + 1),
            parts::layout_rels(),
        );
    }
    push(
        "ppt/notesMasters/notesMaster1.xml",
        parts::notes_master(lang),
    );
    push(
        "ppt/notesMasters/_rels/notesMaster1.xml.rels",
        parts::notes_master_rels(),
    );
    files.append(&mut slide_files);
    files.append(&mut media.files);
    pack(&files)
}

/// Zips the parts in order, all dated 1980-01-01 00:00 (the zip format's
/// first day), so that rebuilds are byte-identical. Pictures (compressed
/// already) and parts under [`STORE_BELOW`] are stored, the rest deflated.
/// Parts smaller than this are stored, not deflated: the relationship parts
/// and the small property parts gain a few hundred bytes from deflate, but
/// each deflated part costs a reset of the compressor's 300 KB of tables,
/// more time than the part itself takes to write (docs/performance.md).
const STORE_BELOW: usize = 1024;

fn pack(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (path, bytes) in files {
        let options = if path.starts_with("ppt/media/") || bytes.len() < STORE_BELOW {
            base.compression_method(zip::CompressionMethod::Stored)
        } else {
            base.compression_method(zip::CompressionMethod::Deflated)
        };
        zip.start_file(path.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_w3c_in_utc() {
        assert_eq!(w3c_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3c_date(1_796_117_400), "2026-12-01T09:30:00Z");
        assert_eq!(w3c_date(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(w3c_date(-5), "1970-01-01T00:00:00Z");
        assert_eq!(w3c_date(i64::MAX), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn svg_sizes_come_from_the_view_box() {
        assert_eq!(
            svg_size("<?xml?><svg xmlns=\"x\" viewBox=\"0 0 640 360\" width=\"100%\">"),
            Some((640.0, 360.0))
        );
        assert_eq!(
            svg_size("<svg width='20px' height=\"10\">"),
            Some((20.0, 10.0))
        );
        assert_eq!(svg_size("<svg>"), None);
    }
}
