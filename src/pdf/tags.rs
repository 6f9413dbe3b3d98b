//! The tagged PDF: the logical structure the layouts built ([`Structure`]),
//! written as the document's structure tree.
//!
//! The cleanest split we found: printpdf writes the content with marked
//! content (the canvas wraps every content item in `/Tag <</MCID n>> BDC …
//! EMC` and all page furniture in `/Artifact BMC … EMC`); this module then
//! adds, with lopdf, what printpdf has no model for — the `StructTreeRoot`,
//! one `StructElem` per node (kids in reading order: marked-content
//! references, child elements, link annotations), the parent tree that maps
//! each page's MCIDs (and each link annotation) back to its element,
//! `/StructParents` and `/Tabs /S` on pages, and `/StructParent` on
//! annotations, which printpdf writes inline and we make indirect.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::structure::{Kid, Role, Structure, Tags};

/// Writes the structure tree into `doc`; `pages` are the page objects in order.
pub fn write(
    doc: &mut Document,
    pages: &[ObjectId],
    structure: &Structure,
    tags: &Tags,
) -> ObjectId {
    let root_id = doc.new_object_id();
    let ids: Vec<ObjectId> = structure
        .nodes
        .iter()
        .map(|_| doc.new_object_id())
        .collect();

    // Each page's annotations, made indirect so link elements can point at them.
    let mut annots: Vec<Vec<ObjectId>> = Vec::new();
    for page in pages {
        let list: Vec<Object> = doc
            .get_dictionary(*page)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .and_then(|a| a.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let mut refs = Vec::new();
        for a in list {
            match a {
                Object::Dictionary(d) => refs.push(doc.add_object(d)),
                Object::Reference(r) => refs.push(r),
                _ => {}
            }
        }
        annots.push(refs);
    }

    // Parent tree: one array per page (MCID → element), then one entry per link annotation.
    let mut nums: Vec<Object> = Vec::new();
    for (p, mcids) in tags.page_mcids.iter().enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(
            mcids.iter().map(|n| Object::Reference(ids[*n])).collect(),
        ));
    }
    let mut next_key = tags.page_mcids.len() as i64;
    let mut annot_parent: Vec<Vec<(ObjectId, i64)>> = vec![Vec::new(); pages.len()];
    for (p, links) in tags.page_links.iter().enumerate() {
        for (i, node) in links.iter().enumerate() {
            let Some(annot) = annots.get(p).and_then(|a| a.get(i)) else {
                continue;
            };
            nums.push(Object::Integer(next_key));
            nums.push(Object::Reference(ids[*node]));
            annot_parent[p].push((*annot, next_key));
            next_key += 1;
        }
    }

    // Elements.
    for (n, node) in structure.nodes.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Type", "StructElem");
        d.set("S", node.role.tag());
        d.set("P", node.parent.map_or(root_id, |p| ids[p]));
        let kids: Vec<Object> = tags
            .kids_of(structure, n)
            .into_iter()
            .map(|kid| match kid {
                Kid::Node(c) => Object::Reference(ids[c]),
                Kid::Mcr { page, mcid } => {
                    let mut m = Dictionary::new();
                    m.set("Type", "MCR");
                    m.set("Pg", pages[page]);
                    m.set("MCID", mcid as i64);
                    Object::Dictionary(m)
                }
                Kid::Annot { page, index } => {
                    let mut o = Dictionary::new();
                    o.set("Type", "OBJR");
                    o.set("Pg", pages[page]);
                    o.set("Obj", annots[page][index]);
                    Object::Dictionary(o)
                }
            })
            .collect();
        d.set("K", kids);
        match &node.role {
            Role::Figure(alt) => d.set("Alt", text_string(alt)),
            Role::TH => d.set("A", scope("Column")),
            Role::RowHeader => d.set("A", scope("Row")),
            _ => {}
        }
        doc.objects.insert(ids[n], Object::Dictionary(d));
    }

    let mut root = Dictionary::new();
    root.set("Type", "StructTreeRoot");
    root.set("K", vec![Object::Reference(ids[Structure::ROOT])]);
    let mut tree = Dictionary::new();
    tree.set("Nums", nums);
    root.set("ParentTree", tree);
    root.set("ParentTreeNextKey", next_key);
    doc.objects.insert(root_id, Object::Dictionary(root));

    // Pages: their parent-tree key, tab order by structure, annotations by reference.
    for (p, page) in pages.iter().enumerate() {
        for (annot, key) in &annot_parent[p] {
            if let Ok(a) = doc.get_dictionary_mut(*annot) {
                a.set("StructParent", *key);
            }
        }
        let refs: Vec<Object> = annots[p].iter().map(|r| Object::Reference(*r)).collect();
        if let Ok(d) = doc.get_dictionary_mut(*page) {
            d.set("StructParents", p as i64);
            d.set("Tabs", "S");
            if !refs.is_empty() {
                d.set("Annots", refs);
            }
        }
    }
    root_id
}

/// A PDF text string: PDFDocEncoding (as ASCII) when it is ASCII, else UTF-16BE.
pub fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

fn scope(s: &str) -> Dictionary {
    let mut a = Dictionary::new();
    a.set("O", "Table");
    a.set("Scope", s);
    a
}

/// XMP metadata identifying PDF/UA-1, with the title and language.
pub fn xmp(title: &str, lang: &str, created: Option<&str>) -> Vec<u8> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let date = created
        .map(|d| {
            format!("<xmp:CreateDate>{d}</xmp:CreateDate><xmp:ModifyDate>{d}</xmp:ModifyDate>")
        })
        .unwrap_or_default();
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n\
<dc:format>application/pdf</dc:format>\n\
{date}\n\
<pdf:Producer>pitchdeck (printpdf, lopdf)</pdf:Producer>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n\
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>",
        esc(title),
        esc(lang)
    )
    .into_bytes()
}
