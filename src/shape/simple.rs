//! Shaping plain Latin text without running the shaper: what rustybuzz
//! does to such text in a face whose only default features that touch it
//! are kerning pairs is one glyph per character, each as wide as the font's
//! `hmtx` says plus the pair adjustments of the `kern` lookups. Done here
//! with a lookup per character and per pair of glyphs, both remembered, it
//! costs a few dozen instructions a character instead of rustybuzz's
//! thousand or so (docs/performance.md).
//!
//! Only the built-in faces take this way ([`super::FontFile::builtin`]), and
//! a test checks, for every pair of the characters it takes, that it gives
//! exactly the glyphs, advances and clusters rustybuzz gives. A text with a
//! character it does not take, or a pair adjustment it does not model, is
//! shaped by rustybuzz as any other.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

use ttf_parser::gdef::{GlyphClass, Table as GdefTable};
use ttf_parser::gpos::{PairAdjustment, PositioningSubtable, ValueRecord};
use ttf_parser::gsub::SubstitutionSubtable;
use ttf_parser::opentype_layout::{ChainedContextLookup, Coverage, LayoutTable, LookupSubtable};
use ttf_parser::{GlyphId, Tag};

use super::Glyph;

/// The features rustybuzz applies to every glyph of horizontal,
/// left-to-right text in its default shaper (`ot_shape.rs`,
/// `collect_features`). The fraction features are left out: they act only
/// around U+2044, which [`takes`] refuses.
const DEFAULT_FEATURES: [&[u8; 4]; 23] = [
    b"rvrn", b"ltra", b"ltrm", b"rand", b"trak", b"Harf", b"HARF", b"Buzz", b"BUZZ", b"abvm",
    b"blwm", b"ccmp", b"locl", b"mark", b"mkmk", b"rlig", b"calt", b"clig", b"curs", b"dist",
    b"kern", b"liga", b"rclt",
];

fn is_default(tag: Tag) -> bool {
    DEFAULT_FEATURES.iter().any(|t| Tag::from_bytes(t) == tag)
}

/// Whether a character can be shaped the short way: printable Latin,
/// Latin-1 and Latin Extended letters, general punctuation and currency
/// signs. Not: controls, the soft hyphen and other invisible characters
/// (rustybuzz hides them), combining marks, U+2044 (automatic fractions),
/// other scripts.
pub fn takes(c: char) -> bool {
    matches!(u32::from(c),
        0x20..=0x7E | 0xA0..=0xAC | 0xAE..=0x24F | 0x2010..=0x2027 | 0x2030..=0x2043
        | 0x2045..=0x205E | 0x20A0..=0x20CF)
}

/// The last character [`Memo::glyphs`] has room for.
const LAST: usize = 0x20CF;
/// Not yet looked up, in [`Memo::glyphs`].
const UNKNOWN: u16 = u16::MAX;

/// A hasher for pairs of glyph ids (FxHash's one multiplication).
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

struct Memo {
    /// The glyph of each character up to [`LAST`]: 0 when it must be shaped
    /// fully, [`UNKNOWN`] before it is looked up.
    glyphs: Vec<u16>,
    /// The kerning of each pair of glyphs met (first << 16 | second), in
    /// font units; `None` when it must be shaped fully.
    pairs: HashMap<u32, Option<i32>, BuildHasherDefault<PairHasher>>,
}

/// What a face's default features do to plain text, read from its tables.
pub struct Simple {
    /// GSUB lookups of the default features: a glyph in the coverage of any
    /// of them is shaped fully.
    substitutions: Vec<u16>,
    /// GPOS lookups of the default features other than pair adjustment
    /// (marks, cursive attachment): the same.
    positionings: Vec<u16>,
    /// The subtables of the GPOS pair-adjustment lookups of the default
    /// features, lookup by lookup in the order rustybuzz applies them (by
    /// index).
    pairs: Vec<Vec<PairAdjustment<'static>>>,
    memo: Mutex<Memo>,
}

/// The lookups of the default features in the default language of
/// `script`, sorted and without repeats; `None` when the table has no such
/// script.
fn default_lookups(table: &LayoutTable, script: &[u8; 4]) -> Option<Vec<u16>> {
    let lang = table
        .scripts
        .find(Tag::from_bytes(script))?
        .default_language?;
    let mut lookups = Vec::new();
    let mut add = |index: u16, always: bool| {
        if let Some(feature) = table.features.get(index)
            && (always || is_default(feature.tag))
        {
            lookups.extend(feature.lookup_indices);
        }
    };
    if let Some(required) = lang.required_feature {
        add(required, true);
    }
    for index in lang.feature_indices {
        add(index, false);
    }
    lookups.sort_unstable();
    lookups.dedup();
    Some(lookups)
}

/// The lookups rustybuzz applies to Latin text and to text of no script
/// (digits and punctuation alone) when they are the same, else `None`:
/// which one a text gets would then matter.
fn lookups_for_latin(table: Option<&LayoutTable>) -> Option<Vec<u16>> {
    let Some(table) = table else {
        return Some(Vec::new());
    };
    let latin = default_lookups(table, b"latn");
    let none = default_lookups(table, b"DFLT");
    match (latin, none) {
        (Some(l), Some(n)) if l == n => Some(l),
        _ => None,
    }
}

impl Simple {
    /// What `face` does to plain text; `None` when the face has
    /// positioning the short way does not model.
    pub fn read(face: &ttf_parser::Face<'static>) -> Option<Simple> {
        let tables = face.tables();
        let substitutions = lookups_for_latin(tables.gsub.as_ref())?;
        let mut positionings = Vec::new();
        let mut pairs = Vec::new();
        if let Some(gpos) = &tables.gpos {
            for index in lookups_for_latin(Some(gpos))? {
                let lookup = gpos.lookups.get(index)?;
                let all_pairs = lookup
                    .subtables
                    .into_iter::<PositioningSubtable>()
                    .all(|s| matches!(s, PositioningSubtable::Pair(_)));
                if all_pairs {
                    // Skipping base glyphs or ligatures would change which
                    // glyphs pair up.
                    if lookup.flags.ignore_base_glyphs() || lookup.flags.ignore_ligatures() {
                        return None;
                    }
                    pairs.push(
                        lookup
                            .subtables
                            .into_iter::<PositioningSubtable>()
                            .filter_map(|s| match s {
                                PositioningSubtable::Pair(pair) => Some(pair),
                                _ => None,
                            })
                            .collect(),
                    );
                } else {
                    positionings.push(index);
                }
            }
        }
        Some(Simple {
            substitutions,
            positionings,
            pairs,
            memo: Mutex::new(Memo {
                glyphs: vec![UNKNOWN; LAST + 1],
                pairs: HashMap::default(),
            }),
        })
    }

    /// The glyph of `c` when the short way can draw it.
    fn glyph(&self, face: &ttf_parser::Face, memo: &mut Memo, c: char) -> Option<u16> {
        if !takes(c) {
            return None;
        }
        let slot = &mut memo.glyphs[u32::from(c) as usize];
        if *slot == UNKNOWN {
            *slot = self.plain_glyph(face, c).unwrap_or(0);
        }
        (*slot != 0).then_some(*slot)
    }

    /// The glyph of `c`, when no default substitution or positioning other
    /// than pair adjustment acts on it.
    fn plain_glyph(&self, face: &ttf_parser::Face, c: char) -> Option<u16> {
        let glyph = face.glyph_index(c).filter(|g| g.0 != 0)?;
        let tables = face.tables();
        if let Some(gdef) = &tables.gdef
            && !matches!(gdef.glyph_class(glyph), None | Some(GlyphClass::Base))
        {
            return None;
        }
        let gdef = tables.gdef.as_ref();
        if acted_on::<SubstitutionSubtable>(tables.gsub.as_ref(), &self.substitutions, glyph, gdef)
            || acted_on::<PositioningSubtable>(
                tables.gpos.as_ref(),
                &self.positionings,
                glyph,
                gdef,
            )
        {
            return None;
        }
        Some(glyph.0)
    }

    /// How much the pair-adjustment lookups move glyph `second` after
    /// `first`, in font units, as rustybuzz applies them: in each lookup the
    /// first subtable that has the pair. `None` when an adjustment moves
    /// more than the first glyph's advance.
    fn kerning(&self, first: u16, second: u16) -> Option<i32> {
        let (first, second) = (GlyphId(first), GlyphId(second));
        let mut total = 0;
        for subtables in &self.pairs {
            for pair in subtables {
                let Some(covered) = pair.coverage().get(first) else {
                    continue;
                };
                let records = match pair {
                    PairAdjustment::Format1 { sets, .. } => {
                        sets.get(covered).and_then(|set| set.get(second))
                    }
                    PairAdjustment::Format2 {
                        classes, matrix, ..
                    } => matrix.get((classes.0.get(first), classes.1.get(second))),
                };
                let Some((one, two)) = records else {
                    continue;
                };
                if !is_empty(&two) || one.x_placement != 0 || one.y_placement != 0 {
                    return None;
                }
                total += i32::from(one.x_advance);
                break;
            }
        }
        Some(total)
    }

    /// `text` shaped the short way, or `None` when it must be shaped fully.
    pub fn shape(&self, face: &ttf_parser::Face, text: &str, upem: f32) -> Option<Vec<Glyph>> {
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<(u16, i32, usize)> = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            let glyph = self.glyph(face, &mut memo, c)?;
            let advance = i32::from(face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0));
            if let Some(last) = out.last_mut() {
                let key = u32::from(last.0) << 16 | u32::from(glyph);
                let kern = match memo.pairs.get(&key) {
                    Some(&k) => k,
                    None => {
                        let k = self.kerning(last.0, glyph);
                        memo.pairs.insert(key, k);
                        k
                    }
                };
                last.1 += kern?;
            }
            out.push((glyph, advance, at));
        }
        let scale = 1.0 / upem;
        Some(
            out.into_iter()
                .map(|(id, advance, cluster)| Glyph {
                    id,
                    advance: advance as f32 * scale,
                    dx: 0 as f32 * scale,
                    dy: 0 as f32 * scale,
                    cluster,
                })
                .collect(),
        )
    }
}

/// A GSUB or GPOS subtable, as far as telling whether it acts on a glyph.
trait Acts {
    fn acts_on(&self, glyph: GlyphId, gdef: Option<&GdefTable>) -> bool;
}

impl Acts for SubstitutionSubtable<'_> {
    fn acts_on(&self, glyph: GlyphId, gdef: Option<&GdefTable>) -> bool {
        match self {
            SubstitutionSubtable::ChainContext(chain) => could_act(chain, glyph, gdef),
            s => s.coverage().contains(glyph),
        }
    }
}

impl Acts for PositioningSubtable<'_> {
    fn acts_on(&self, glyph: GlyphId, gdef: Option<&GdefTable>) -> bool {
        match self {
            PositioningSubtable::ChainContext(chain) => could_act(chain, glyph, gdef),
            s => s.coverage().contains(glyph),
        }
    }
}

/// Whether any of `lookups` in `table` could act on `glyph` (a lookup that
/// cannot be read counts as acting).
fn acted_on<'a, T: LookupSubtable<'a> + Acts>(
    table: Option<&LayoutTable<'a>>,
    lookups: &[u16],
    glyph: GlyphId,
    gdef: Option<&GdefTable>,
) -> bool {
    let Some(table) = table else { return false };
    lookups.iter().any(|&index| {
        table.lookups.get(index).is_none_or(|lookup| {
            lookup
                .subtables
                .into_iter::<T>()
                .any(|s| s.acts_on(glyph, gdef))
        })
    })
}

/// Whether a chained-context subtable could act on `glyph` in text without
/// marks: it covers the glyph, and (when it lists a coverage for each place
/// of its context) none of the other places wants only marks. The built-in
/// faces' `ccmp` turns i and j dotless before a mark above, which is how
/// every i and j would otherwise be shaped fully.
fn could_act(chain: &ChainedContextLookup, glyph: GlyphId, gdef: Option<&GdefTable>) -> bool {
    if !chain.coverage().contains(glyph) {
        return false;
    }
    let ChainedContextLookup::Format3 {
        backtrack_coverages,
        input_coverages,
        lookahead_coverages,
        ..
    } = *chain
    else {
        return true;
    };
    let only_marks = |coverage: Coverage| {
        let Some(gdef) = gdef else { return false };
        let is_mark = |g: GlyphId| gdef.glyph_class(g) == Some(GlyphClass::Mark);
        match coverage {
            Coverage::Format1 { glyphs } => glyphs.into_iter().all(is_mark),
            Coverage::Format2 { records } => records
                .into_iter()
                .all(|r| (r.start.0..=r.end.0).all(|g| is_mark(GlyphId(g)))),
        }
    };
    !backtrack_coverages
        .into_iter()
        .chain(input_coverages.into_iter().skip(1))
        .chain(lookahead_coverages)
        .any(only_marks)
}

/// Whether a value record changes nothing (rustybuzz's `is_empty`).
fn is_empty(record: &ValueRecord) -> bool {
    record.x_placement == 0
        && record.y_placement == 0
        && record.x_advance == 0
        && record.y_advance == 0
        && record.x_placement_device.is_none()
        && record.y_placement_device.is_none()
        && record.x_advance_device.is_none()
        && record.y_advance_device.is_none()
}

#[cfg(test)]
mod tests {
    use super::super::FontFile;
    use super::*;

    const FACES: [&[u8]; 4] = [
        include_bytes!("../../themes/default/fonts/regular.ttf"),
        include_bytes!("../../themes/default/fonts/bold.ttf"),
        include_bytes!("../../themes/default/fonts/italic.ttf"),
        include_bytes!("../../themes/default/fonts/bold-italic.ttf"),
    ];

    /// Every character the short way takes in `face`, alone: what it gives
    /// is what rustybuzz gives. Then every pair of them, which is what
    /// kerning depends on.
    fn same_as_rustybuzz(face: usize) {
        let font = FontFile::builtin(FACES[face]).unwrap();
        let simple = font
            .simple
            .as_ref()
            .expect("the built-in faces take the short way");
        let chars: Vec<char> = (0..=LAST as u32)
            .filter_map(char::from_u32)
            .filter(|&c| {
                simple
                    .shape(&font.face, &c.to_string(), font.upem)
                    .is_some()
            })
            .collect();
        assert!(chars.len() > 200, "only {} characters", chars.len());
        let mut text = String::new();
        for &a in &chars {
            for &b in &chars {
                text.clear();
                text.push(a);
                text.push(b);
                let short = simple.shape(&font.face, &text, font.upem);
                if let Some(short) = short {
                    assert_eq!(short, font.shape_fully(&text, false), "{text:?}");
                }
            }
        }
        for text in [
            "Vi mäter följare, räckvidd och svar – och redovisar dem varje kvartal.",
            "AVATAR Type Wave “quoted” 2026-03-31 €1 200 (50 %) fi ffl WA To Yo",
            "Åsa, Øresund, Ærø: ÅÄÖ åäö — tillgänglighet…",
        ] {
            let short = simple.shape(&font.face, text, font.upem).expect(text);
            assert_eq!(short, font.shape_fully(text, false), "{text:?}");
        }
    }

    #[test]
    fn the_regular_face_shapes_plain_text_as_rustybuzz_does() {
        same_as_rustybuzz(0);
    }

    #[test]
    fn the_bold_face_shapes_plain_text_as_rustybuzz_does() {
        same_as_rustybuzz(1);
    }

    #[test]
    fn the_italic_face_shapes_plain_text_as_rustybuzz_does() {
        same_as_rustybuzz(2);
    }

    #[test]
    fn the_bold_italic_face_shapes_plain_text_as_rustybuzz_does() {
        same_as_rustybuzz(3);
    }

    #[test]
    fn text_it_does_not_take_is_left_to_rustybuzz() {
        let font = FontFile::builtin(FACES[0]).unwrap();
        let simple = font.simple.as_ref().unwrap();
        for text in [
            "soft\u{AD}hyphen",
            "e\u{301}",
            "1\u{2044}2",
            "tab\there",
            "日本",
        ] {
            assert!(
                simple.shape(&font.face, text, font.upem).is_none(),
                "{text:?}"
            );
        }
    }
}
