//! The deck's PNG and JPEG images in the PDF. Each is decoded once, which
//! tells a broken file (W204) and gives its size. Then, where the PDF can
//! read the file's own compressed data, that is embedded as it is: a JPEG as
//! `DCTDecode`, a PNG's `IDAT` data as `FlateDecode` with the PNG predictors
//! (grey, RGB or palette, 8 bits or fewer, not interlaced, no transparency).
//! Compressing the pixels again cost more than the rest of a handout together
//! (docs/performance.md). Other PNGs go in as pixels, which printpdf
//! compresses losslessly, transparency as a soft mask. SVG images cannot be
//! drawn natively; the PDF shows their alternative text in a frame instead,
//! with a warning.

use std::io::Cursor;

use std::collections::BTreeMap;

use printpdf::{
    DictItem, ExternalStream, ExternalXObject, Px, RawImage, RawImageData, RawImageFormat, XObject,
};

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

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

/// An image XObject of already compressed data.
fn external(
    width: usize,
    height: usize,
    color_space: DictItem,
    bits: u8,
    filter: &str,
    parms: Option<DictItem>,
    data: Vec<u8>,
) -> XObject {
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name("Image"));
    dict.insert("Width".to_string(), DictItem::Int(width as i64));
    dict.insert("Height".to_string(), DictItem::Int(height as i64));
    dict.insert("ColorSpace".to_string(), color_space);
    dict.insert(
        "BitsPerComponent".to_string(),
        DictItem::Int(i64::from(bits)),
    );
    dict.insert("Filter".to_string(), name(filter));
    if let Some(parms) = parms {
        dict.insert("DecodeParms".to_string(), parms);
    }
    XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content: data,
            compress: false,
        },
        width: Some(Px(width)),
        height: Some(Px(height)),
        dpi: None,
    })
}

/// A PNG's own compressed data as a PDF image, when the PDF can read it as
/// it is: grey, RGB (8 bits) or palette colour, not interlaced, no `tRNS`.
/// It reads the chunks only: see [`png_checked_as_is`].
fn png_as_is(bytes: &[u8]) -> Option<XObject> {
    let mut rest = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n".as_slice())?;
    let mut header = None;
    let mut palette: Option<&[u8]> = None;
    let mut data = Vec::new();
    while rest.len() >= 12 {
        let len = u32::from_be_bytes(rest[..4].try_into().ok()?) as usize;
        let kind = &rest[4..8];
        let body = rest.get(8..8 + len)?;
        rest = rest.get(12 + len..)?;
        match kind {
            b"IHDR" if body.len() == 13 => header = Some(body),
            b"PLTE" => palette = Some(body),
            b"tRNS" => return None,
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
    }
    let h = header?;
    let width = u32::from_be_bytes(h[0..4].try_into().ok()?) as usize;
    let height = u32::from_be_bytes(h[4..8].try_into().ok()?) as usize;
    let (bits, color, interlaced) = (h[8], h[9], h[12] != 0);
    if interlaced || h[10] != 0 || h[11] != 0 || data.is_empty() {
        return None;
    }
    let (space, colors) = match (color, bits) {
        (0, 1 | 2 | 4 | 8) => (name("DeviceGray"), 1),
        (2, 8) => (name("DeviceRGB"), 3),
        (3, 1 | 2 | 4 | 8) => {
            let palette = palette.filter(|p| !p.is_empty() && p.len() % 3 == 0)?;
            (
                DictItem::Array(vec![
                    name("Indexed"),
                    name("DeviceRGB"),
                    DictItem::Int((palette.len() / 3 - 1) as i64),
                    DictItem::Bytes(palette.to_vec()),
                ]),
                1,
            )
        }
        _ => return None,
    };
    let mut parms = BTreeMap::new();
    parms.insert("Predictor".to_string(), DictItem::Int(15));
    parms.insert("Colors".to_string(), DictItem::Int(colors));
    parms.insert(
        "BitsPerComponent".to_string(),
        DictItem::Int(i64::from(bits)),
    );
    parms.insert("Columns".to_string(), DictItem::Int(width as i64));
    Some(external(
        width,
        height,
        space,
        bits,
        "FlateDecode",
        Some(DictItem::Dict { map: parms }),
        data,
    ))
}

/// A PNG the PDF reads as it is ([`png_as_is`]), with its size, once its
/// data is known to decode: decoded without expanding a palette into RGB,
/// which was most of the cost of checking the example's chart.
fn png_checked_as_is(bytes: &[u8]) -> Option<(XObject, (f32, f32))> {
    let object = png_as_is(bytes)?;
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    Some((object, (info.width as f32, info.height as f32)))
}

/// The image as the PDF embeds it: a JPEG's own data where the PDF reads it
/// as it is, else the decoded pixels. (A PNG the PDF reads as it is never
/// gets here: [`decode_all`] embeds it with [`png_checked_as_is`].)
fn embed(image: &SlideImage, raw: RawImage) -> XObject {
    let as_is = match (image.format, &raw.data_format) {
        (ImageFormat::Jpeg, RawImageFormat::RGB8) => Some(external(
            raw.width,
            raw.height,
            name("DeviceRGB"),
            8,
            "DCTDecode",
            None,
            image.bytes.to_vec(),
        )),
        (ImageFormat::Jpeg, RawImageFormat::R8) => Some(external(
            raw.width,
            raw.height,
            name("DeviceGray"),
            8,
            "DCTDecode",
            None,
            image.bytes.to_vec(),
        )),
        _ => None,
    };
    as_is.unwrap_or(XObject::Image(raw))
}

/// The deck's images, decoded once.
pub struct Images {
    /// (slide number, size in pixels when the PDF can draw it).
    entries: Vec<(usize, Option<(f32, f32)>)>,
    pub objects: Vec<Option<XObject>>,
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
        if image.format == ImageFormat::Png
            && let Some((object, size)) = png_checked_as_is(&image.bytes)
        {
            images.entries.push((slide.number, Some(size)));
            images.objects.push(Some(object));
            continue;
        }
        match decode(image) {
            Ok(raw) => {
                images
                    .entries
                    .push((slide.number, Some((raw.width as f32, raw.height as f32))));
                images.objects.push(Some(embed(image, raw)));
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
