//! The last step, on the lopdf document printpdf produced: document
//! information (title, author, subject, dates), `/Lang`, `DisplayDocTitle`,
//! the outline (one bookmark per slide or section, in reading order), and a
//! `/ID` computed from the content, so the same deck always gives the same bytes.
//!
//! printpdf's own document information, outline and `/ID` are replaced: its
//! outline sorts entries by page and name, and its `/ID` and XMP instance id
//! come from a counter that changes with every document made in a process.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use crate::slides::DeckInfo;

use super::structure::{Role, Structure, Tags};
use super::tags::text_string;

/// One bookmark: its title and 0-based page.
pub struct Bookmark {
    pub title: String,
    pub page: usize,
}

/// Bookmarks from the structure: every titled section, on the page where its
/// content starts, in reading order.
pub fn outline(structure: &Structure, first_page: &[Option<usize>]) -> Vec<Bookmark> {
    structure
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.role == Role::Sect)
        .filter_map(|(id, n)| {
            // A section's page: its own or its first drawn descendant's.
            let page = first_drawn(structure, first_page, id)?;
            Some(Bookmark {
                title: n.title.clone()?,
                page,
            })
        })
        .collect()
}

fn first_drawn(structure: &Structure, first_page: &[Option<usize>], id: usize) -> Option<usize> {
    let own = first_page.get(id).copied().flatten();
    let children = structure
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.parent == Some(id))
        .filter_map(|(c, _)| first_drawn(structure, first_page, c));
    own.into_iter().chain(children).min()
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since 1970 (UTC).
pub fn pdf_date(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "D:{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

fn err(e: lopdf::Error) -> String {
    format!("could not assemble the PDF: {e}")
}

/// Adds metadata and the outline, compresses and serialises.
pub fn finish(
    mut doc: Document,
    info: &DeckInfo,
    source_date_epoch: Option<i64>,
    outline: &[Bookmark],
    structure: &Structure,
    tags: &Tags,
) -> Result<Vec<u8>, String> {
    doc.version = "1.7".to_string();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();

    // Document information.
    let mut dict = Dictionary::new();
    dict.set("Title", text_string(&info.title));
    if let Some(author) = &info.author {
        dict.set("Author", text_string(author));
    }
    if let Some(summary) = &info.summary {
        dict.set("Subject", text_string(summary));
    }
    dict.set(
        "Creator",
        text_string(concat!("pitchdeck ", env!("CARGO_PKG_VERSION"))),
    );
    dict.set("Producer", text_string("pitchdeck (printpdf, lopdf)"));
    let created = source_date_epoch.or_else(|| info.date.map(|d| d.days_since_epoch() * 86_400));
    let xmp_date = created.map(|e| {
        let d = pdf_date(e);
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &d[2..6],
            &d[6..8],
            &d[8..10],
            &d[10..12],
            &d[12..14],
            &d[14..16]
        )
    });
    if let Some(epoch) = created {
        let date = Object::string_literal(pdf_date(epoch));
        dict.set("CreationDate", date.clone());
        dict.set("ModDate", date);
    }
    let info_id = doc.add_object(dict);
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    doc.trailer.set("Info", info_id);

    // Outline.
    let outlines_id = doc.new_object_id();
    let entries: Vec<(ObjectId, &Bookmark)> = outline
        .iter()
        .filter(|b| b.page < pages.len())
        .map(|b| (doc.new_object_id(), b))
        .collect();
    for (i, (id, b)) in entries.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(&b.title));
        d.set("Parent", outlines_id);
        d.set(
            "Dest",
            vec![
                Object::Reference(pages[b.page]),
                "XYZ".into(),
                Object::Null,
                Object::Null,
                Object::Null,
            ],
        );
        if i > 0 {
            d.set("Prev", entries[i - 1].0);
        }
        if let Some((next, _)) = entries.get(i + 1) {
            d.set("Next", *next);
        }
        doc.objects.insert(*id, Object::Dictionary(d));
    }

    // The structure tree and XMP metadata of a tagged PDF (PDF/UA-1).
    let struct_root = super::tags::write(&mut doc, &pages, structure, tags);
    let xmp = super::tags::xmp(&info.title, info.lang.code(), xmp_date.as_deref());
    let mut xmp_dict = Dictionary::new();
    xmp_dict.set("Type", "Metadata");
    xmp_dict.set("Subtype", "XML");
    // Left uncompressed, as readers of XMP expect.
    let metadata_id = doc.add_object(lopdf::Stream::new(xmp_dict, xmp).with_compression(false));

    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(err)?;
    let old_outlines = doc
        .get_dictionary(root)
        .ok()
        .and_then(|c| c.get(b"Outlines").and_then(Object::as_reference).ok());
    let old_metadata = doc
        .get_dictionary(root)
        .ok()
        .and_then(|c| c.get(b"Metadata").and_then(Object::as_reference).ok());
    let catalog = doc.get_dictionary_mut(root).map_err(err)?;
    catalog.set("Lang", text_string(info.lang.code()));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", prefs);
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", true);
    catalog.set("MarkInfo", mark_info);
    catalog.set("StructTreeRoot", struct_root);
    if entries.is_empty() {
        catalog.remove(b"Outlines");
        catalog.set("PageMode", "UseNone");
    } else {
        catalog.set("Outlines", outlines_id);
        catalog.set("PageMode", "UseOutlines");
    }
    if !entries.is_empty() {
        let mut d = Dictionary::new();
        d.set("Type", "Outlines");
        d.set("First", entries[0].0);
        d.set("Last", entries[entries.len() - 1].0);
        d.set("Count", entries.len() as i64);
        doc.objects.insert(outlines_id, Object::Dictionary(d));
    }
    if let Some(old) = old_outlines {
        remove_outline(&mut doc, old);
    }
    if let Some(old) = old_metadata {
        doc.objects.remove(&old);
    }
    doc.get_dictionary_mut(root)
        .map_err(err)?
        .set("Metadata", metadata_id);

    // A deterministic file identifier: a hash of every object.
    compress(&mut doc);
    let mut hasher = Sha256::new();
    for (id, object) in &doc.objects {
        hasher.update(id.0.to_be_bytes());
        hash_object(&mut hasher, object);
    }
    let digest = hasher.finalize();
    let id = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    renumber(&mut doc);

    // Dictionaries (the structure tree is most of them) packed into
    // compressed object streams, with a cross-reference stream: a third of
    // a handout's bytes otherwise.
    let mut bytes = Vec::new();
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(COMPRESSION)
        .build();
    doc.save_with_options(&mut bytes, options)
        .map_err(|e| format!("could not write the PDF: {e}"))?;
    Ok(bytes)
}

/// Numbers the objects 1, 2, 3… in the order of their old numbers, as
/// lopdf's `renumber_objects` does and with the same bytes as the result,
/// in time linear in the objects: lopdf looks each reference up in the list
/// of those already seen, which took most of a 1000-slide handout's build
/// (docs/performance.md). Like lopdf, it rewrites the references of the
/// objects reachable from the trailer. When the pages are not already in
/// the order of their numbers (lopdf then moves them first), or lopdf
/// keeps bookmarks of its own, lopdf does it.
fn renumber(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    if !doc.bookmarks.is_empty() || pages.windows(2).any(|w| w[0] > w[1]) {
        doc.renumber_objects();
        return;
    }
    let old = std::mem::take(&mut doc.objects);
    let mut new_ids: HashMap<ObjectId, ObjectId> = HashMap::with_capacity(old.len());
    let mut number = 0;
    doc.objects = old
        .into_iter()
        .map(|(id, object)| {
            number += 1;
            new_ids.insert(id, (number, id.1));
            ((number, id.1), object)
        })
        .collect();
    doc.max_id = number;

    // lopdf's `traverse_objects`: the trailer, then each object reached, once.
    fn visit(
        object: &mut Object,
        new_ids: &HashMap<ObjectId, ObjectId>,
        seen: &mut HashSet<ObjectId>,
        queue: &mut Vec<ObjectId>,
    ) {
        match object {
            Object::Reference(id) => {
                if let Some(new) = new_ids.get(id) {
                    *id = *new;
                }
                if seen.insert(*id) {
                    queue.push(*id);
                }
            }
            Object::Array(items) => {
                for item in items {
                    visit(item, new_ids, seen, queue);
                }
            }
            Object::Dictionary(dict) => {
                for (_, value) in dict.iter_mut() {
                    visit(value, new_ids, seen, queue);
                }
            }
            Object::Stream(stream) => {
                for (_, value) in stream.dict.iter_mut() {
                    visit(value, new_ids, seen, queue);
                }
            }
            _ => {}
        }
    }
    let mut seen = HashSet::new();
    let mut queue = Vec::new();
    for (_, value) in doc.trailer.iter_mut() {
        visit(value, &new_ids, &mut seen, &mut queue);
    }
    let mut index = 0;
    while index < queue.len() {
        if let Some(object) = doc.objects.get_mut(&queue[index]) {
            visit(object, &new_ids, &mut seen, &mut queue);
        }
        index += 1;
    }
}

fn remove_outline(doc: &mut Document, root: ObjectId) {
    let mut next = doc
        .get_dictionary(root)
        .ok()
        .and_then(|d| d.get(b"First").and_then(Object::as_reference).ok());
    doc.objects.remove(&root);
    while let Some(id) = next {
        next = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"Next").and_then(Object::as_reference).ok());
        doc.objects.remove(&id);
    }
}

fn hash_object(h: &mut Sha256, object: &Object) {
    match object {
        Object::Stream(s) => {
            hash_dict(h, &s.dict);
            h.update(&s.content);
        }
        Object::Dictionary(d) => hash_dict(h, d),
        Object::Array(a) => a.iter().for_each(|o| hash_object(h, o)),
        Object::String(s, _) | Object::Name(s) => h.update(s),
        Object::Integer(i) => h.update(i.to_be_bytes()),
        Object::Real(r) => h.update(r.to_be_bytes()),
        Object::Boolean(b) => h.update([u8::from(*b)]),
        Object::Reference(r) => h.update(r.0.to_be_bytes()),
        Object::Null => h.update([0]),
    }
}

fn hash_dict(h: &mut Sha256, d: &Dictionary) {
    for (k, v) in d.iter() {
        h.update(k);
        hash_object(h, v);
    }
}

/// Compresses every stream that allows it, as lopdf's `Document::compress`
/// does, but at zlib's default level instead of its best: the best level took
/// a third of the example's whole build for a few per cent smaller fonts
/// (docs/performance.md).
fn compress(doc: &mut Document) {
    // One compressor, reset for each stream: making a new one clears its
    // tables, which took more instructions than compressing a page's
    // content (docs/performance.md). The output is the same.
    let mut deflate = flate2::Compress::new(flate2::Compression::new(COMPRESSION), true);
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        deflate.reset();
        let Some(compressed) = deflate_all(&mut deflate, &stream.content) else {
            continue;
        };
        // As lopdf: only when it saves more than the filter entry costs.
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// `input` compressed to its end by `deflate` (just reset).
fn deflate_all(deflate: &mut flate2::Compress, input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        let read = usize::try_from(deflate.total_in()).ok()?;
        match deflate.compress_vec(&input[read..], &mut out, flate2::FlushCompress::Finish) {
            Ok(flate2::Status::StreamEnd) => return Some(out),
            Ok(_) => out.reserve(out.capacity().max(64)),
            Err(_) => return None,
        }
    }
}

/// zlib level for the PDF's streams (0–9).
const COMPRESSION: u32 = 6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_pdf_dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_796_083_200), "D:20261201000000Z");
        assert_eq!(pdf_date(951_782_400 + 3_723), "D:20000229010203Z");
    }

    #[test]
    fn text_strings_use_utf16_for_non_ascii() {
        assert_eq!(
            text_string("Hi"),
            Object::String(b"Hi".to_vec(), StringFormat::Literal)
        );
        assert_eq!(
            text_string("å"),
            Object::String(vec![0xFE, 0xFF, 0x00, 0xE5], StringFormat::Hexadecimal)
        );
    }
}
