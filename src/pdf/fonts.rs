//! The PDF's fonts: every font a page draws with (the theme's faces and the
//! fallbacks used), subset to the glyphs drawn (`subsetter`, what Typst
//! embeds with) and written as composite fonts (`/Type0`, `Identity-H`) with
//! the widths of the glyphs kept and a `/ToUnicode` map from each glyph to
//! the text it draws — a ligature to all its letters — so text extraction
//! and assistive technology get the text back.
//!
//! The canvas asks for each glyph's code while it draws ([`FontSet::code`]);
//! codes are given in the order glyphs are first drawn, so the same deck gives
//! the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use crate::shape::FontFile;

/// One font as the PDF uses it.
struct Used {
    file: Arc<FontFile>,
    remapper: subsetter::GlyphRemapper,
    /// Text of each code (the new glyph id), for `/ToUnicode`.
    text: BTreeMap<u16, String>,
}

/// The fonts of one PDF, in the order first used.
#[derive(Default)]
pub struct FontSet {
    used: Vec<Used>,
    index: HashMap<(usize, u32), usize>,
}

/// How wide the PDF takes glyph `glyph` of `file` to be (its `/W` entry),
/// in 1/1000 em: the font's own advance, rounded as written.
pub fn pdf_width(file: &FontFile, glyph: u16) -> f32 {
    (file.glyph_advance(glyph) * 1000.0).round()
}

/// A font's resource name on the pages (`/F1`, `/F2`, …).
pub fn resource(index: usize) -> String {
    format!("F{}", index + 1)
}

impl FontSet {
    /// The font's index (see [`resource`]), added on first use.
    pub fn font(&mut self, file: &Arc<FontFile>) -> usize {
        let key = (file.data.as_ptr() as usize, file.index);
        if let Some(i) = self.index.get(&key) {
            return *i;
        }
        let mut remapper = subsetter::GlyphRemapper::new();
        remapper.remap(0);
        self.used.push(Used {
            file: file.clone(),
            remapper,
            text: BTreeMap::new(),
        });
        self.index.insert(key, self.used.len() - 1);
        self.used.len() - 1
    }

    /// The code glyph `glyph` of font `font` is drawn with, and (the first
    /// time) the text it stands for.
    pub fn code(&mut self, font: usize, glyph: u16, text: &str) -> u16 {
        let used = &mut self.used[font];
        let code = used.remapper.remap(glyph);
        if !text.is_empty() {
            used.text.entry(code).or_insert_with(|| text.to_string());
        }
        code
    }

    /// The fonts embedded, first use first.
    pub fn files(&self) -> impl Iterator<Item = &Arc<FontFile>> {
        self.used.iter().map(|u| &u.file)
    }

    /// Adds every font to `doc` and to each page's resources.
    pub fn embed(&self, doc: &mut Document) -> Result<(), String> {
        let mut fonts = Dictionary::new();
        for (i, used) in self.used.iter().enumerate() {
            let id = embed_one(doc, used)?;
            fonts.set(resource(i), Object::Reference(id));
        }
        let fonts_id = doc.add_object(Object::Dictionary(fonts));
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        for page in pages {
            let resources = match doc
                .get_dictionary(page)
                .ok()
                .and_then(|p| p.get(b"Resources").ok())
            {
                Some(Object::Reference(r)) => Some(*r),
                _ => None,
            };
            let set = |d: &mut Dictionary| d.set("Font", Object::Reference(fonts_id));
            match resources {
                Some(r) => {
                    if let Ok(d) = doc.get_dictionary_mut(r) {
                        set(d);
                    }
                }
                None => {
                    let page = doc.get_dictionary_mut(page).map_err(|e| e.to_string())?;
                    match page.get_mut(b"Resources") {
                        Ok(Object::Dictionary(d)) => set(d),
                        _ => {
                            let mut d = Dictionary::new();
                            set(&mut d);
                            page.set("Resources", Object::Dictionary(d));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Six capital letters naming a subset (`ABCDEF+Font`), from its glyphs.
fn tag(used: &Used) -> String {
    let mut hash = Sha256::new();
    hash.update(used.file.postscript.as_bytes());
    for g in used.remapper.remapped_gids() {
        hash.update(g.to_be_bytes());
    }
    hash.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// The `/ToUnicode` CMap: each code to the UTF-16 of its text.
fn to_unicode(used: &Used) -> Vec<u8> {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &String)> = used.text.iter().collect();
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (code, text) in chunk {
            let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            out.push_str(&format!("<{code:04X}> <{hex}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

fn embed_one(doc: &mut Document, used: &Used) -> Result<ObjectId, String> {
    let file = &used.file;
    let subset = subsetter::subset(file.data, file.index, &used.remapper)
        .map_err(|e| format!("the font {} could not be subset: {e:?}", file.family))?;
    let base = format!("{}+{}", tag(used), file.postscript);
    let ttf = file.ttf();
    let scale = 1000.0 / file.upem;
    let em = |v: i16| Object::Integer((f32::from(v) * scale).round() as i64);

    // The font program: TrueType as it is; CFF as its bare `CFF ` table
    // (subsetter makes it CID-keyed, CIDs equal to the new glyph ids).
    let (program, key, subtype) = if file.cff {
        let face = ttf_parser::RawFace::parse(&subset, 0)
            .map_err(|e| format!("the subset of {} does not parse: {e}", file.family))?;
        let cff = face
            .table(ttf_parser::Tag::from_bytes(b"CFF "))
            .ok_or_else(|| format!("the subset of {} has no CFF table", file.family))?;
        let mut dict = Dictionary::new();
        dict.set("Subtype", name("CIDFontType0C"));
        (Stream::new(dict, cff.to_vec()), "FontFile3", "CIDFontType0")
    } else {
        let mut dict = Dictionary::new();
        dict.set("Length1", Object::Integer(subset.len() as i64));
        (Stream::new(dict, subset), "FontFile2", "CIDFontType2")
    };
    let program_id = doc.add_object(Object::Stream(program));

    let bbox = ttf.global_bounding_box();
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", name("FontDescriptor"));
    descriptor.set("FontName", name(&base));
    descriptor.set("Flags", Object::Integer(4));
    descriptor.set(
        "FontBBox",
        Object::Array(vec![
            em(bbox.x_min),
            em(bbox.y_min),
            em(bbox.x_max),
            em(bbox.y_max),
        ]),
    );
    descriptor.set("ItalicAngle", Object::Real(ttf.italic_angle()));
    descriptor.set("Ascent", em(ttf.ascender()));
    descriptor.set("Descent", em(ttf.descender()));
    descriptor.set(
        "CapHeight",
        em(ttf.capital_height().unwrap_or(ttf.ascender())),
    );
    descriptor.set("StemV", Object::Integer(80));
    descriptor.set(key, Object::Reference(program_id));
    let descriptor_id = doc.add_object(Object::Dictionary(descriptor));

    let widths: Vec<Object> = used
        .remapper
        .remapped_gids()
        .map(|g| Object::Integer(pdf_width(file, g) as i64))
        .collect();
    let mut cid = Dictionary::new();
    cid.set("Type", name("Font"));
    cid.set("Subtype", name(subtype));
    cid.set("BaseFont", name(&base));
    let mut info = Dictionary::new();
    info.set(
        "Registry",
        Object::String(b"Adobe".to_vec(), StringFormat::Literal),
    );
    info.set(
        "Ordering",
        Object::String(b"Identity".to_vec(), StringFormat::Literal),
    );
    info.set("Supplement", Object::Integer(0));
    cid.set("CIDSystemInfo", Object::Dictionary(info));
    cid.set("FontDescriptor", Object::Reference(descriptor_id));
    cid.set("DW", Object::Integer(0));
    cid.set(
        "W",
        Object::Array(vec![Object::Integer(0), Object::Array(widths)]),
    );
    if !file.cff {
        cid.set("CIDToGIDMap", name("Identity"));
    }
    let cid_id = doc.add_object(Object::Dictionary(cid));

    let cmap_id = doc.add_object(Object::Stream(Stream::new(
        Dictionary::new(),
        to_unicode(used),
    )));
    let mut font = Dictionary::new();
    font.set("Type", name("Font"));
    font.set("Subtype", name("Type0"));
    font.set("BaseFont", name(&base));
    font.set("Encoding", name("Identity-H"));
    font.set(
        "DescendantFonts",
        Object::Array(vec![Object::Reference(cid_id)]),
    );
    font.set("ToUnicode", Object::Reference(cmap_id));
    Ok(doc.add_object(Object::Dictionary(font)))
}
