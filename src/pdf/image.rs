//! Decoding the deck's PNG and JPEG images into pixels for the PDF (printpdf
//! compresses them losslessly). SVG images cannot be drawn natively; the PDF
//! shows their alternative text in a frame instead, with a warning.

use std::io::Cursor;

use printpdf::{RawImage, RawImageData, RawImageFormat};

use crate::deck::ImageFormat;
use crate::diagnostic::{Code, Diagnostic};
use crate::slides::{Slide, SlideImage, SlideKind};

fn decode_png(bytes: &[u8]) -> Result<RawImage, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "the image is too large".to_string())?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let format = match info.color_type {
        png::ColorType::Grayscale => RawImageFormat::R8,
        png::ColorType::GrayscaleAlpha => RawImageFormat::RG8,
        png::ColorType::Rgb => RawImageFormat::RGB8,
        png::ColorType::Rgba => RawImageFormat::RGBA8,
        png::ColorType::Indexed => return Err("indexed colours were not expanded".to_string()),
    };
    Ok(RawImage {
        pixels: RawImageData::U8(buf),
        width: info.width as usize,
        height: info.height as usize,
        data_format: format,
        tag: Vec::new(),
    })
}

fn decode_jpeg(bytes: &[u8]) -> Result<RawImage, String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    let mut decoder = zune_jpeg::JpegDecoder::new(Cursor::new(bytes));
    let pixels = decoder.decode().map_err(|e| e.to_string())?;
    let (width, height) = decoder
        .dimensions()
        .ok_or_else(|| "no image size".to_string())?;
    let format = match decoder.output_colorspace() {
        Some(ColorSpace::RGB) => RawImageFormat::RGB8,
        Some(ColorSpace::Luma) => RawImageFormat::R8,
        Some(ColorSpace::RGBA) => RawImageFormat::RGBA8,
        other => return Err(format!("unsupported colour space {other:?}")),
    };
    Ok(RawImage {
        pixels: RawImageData::U8(pixels),
        width,
        height,
        data_format: format,
        tag: Vec::new(),
    })
}

/// Decodes one image; `Err` says why the PDF cannot draw it.
pub fn decode(image: &SlideImage) -> Result<RawImage, String> {
    match image.format {
        ImageFormat::Png => decode_png(&image.bytes)
            .map_err(|e| format!("the PNG image could not be decoded ({e})")),
        ImageFormat::Jpeg => decode_jpeg(&image.bytes)
            .map_err(|e| format!("the JPEG image could not be decoded ({e})")),
        ImageFormat::Svg => {
            Err("an SVG image cannot be drawn in the PDF without a browser".to_string())
        }
    }
}

/// The deck's images, decoded once.
pub struct Images {
    /// (slide number, size in pixels when the PDF can draw it).
    entries: Vec<(usize, Option<(f32, f32)>)>,
    pub objects: Vec<Option<printpdf::RawImage>>,
}

impl Images {
    pub fn index(&self, slide: usize) -> Option<usize> {
        self.entries.iter().position(|(n, _)| *n == slide)
    }

    pub fn size_opt(&self, index: usize) -> Option<(f32, f32)> {
        self.entries[index].1
    }
}

/// Decodes every slide's image once; warns (W204) about those the PDF cannot draw.
pub fn decode_all(slides: &[Slide]) -> (Images, Vec<Diagnostic>) {
    let mut images = Images {
        entries: Vec::new(),
        objects: Vec::new(),
    };
    let mut diagnostics = Vec::new();
    for slide in slides {
        let Some(image) = &slide.image else { continue };
        match decode(image) {
            Ok(raw) => {
                images
                    .entries
                    .push((slide.number, Some((raw.width as f32, raw.height as f32))));
                images.objects.push(Some(raw));
            }
            Err(why) => {
                images.entries.push((slide.number, None));
                images.objects.push(None);
                let shown = if slide.kind == SlideKind::Title {
                    "the logo is left out of the PDF"
                } else {
                    "the PDF shows its alternative text in its place"
                };
                diagnostics.push(
                    Diagnostic::new(Code::W204, format!("{why}; {shown}"))
                        .at(slide.span.clone())
                        .on_slide(slide.describe())
                        .help("use a PNG or JPEG image for the PDF handout"),
                );
            }
        }
    }
    (images, diagnostics)
}
