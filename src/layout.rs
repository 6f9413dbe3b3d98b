//! Text measurement and line breaking by real glyph metrics.
//!
//! Pure and unit-free: widths come out in the unit the size goes in (pt for the
//! PDF, px for an HTML estimate). Widths are those of the shaped text
//! (`shape`: rustybuzz, so kerning and ligatures count), the same glyphs the
//! PDF draws; where the theme's font lacks a character, the fallback fonts
//! (the theme's `fallback_fonts`, then the system's, for the PDF) measure and
//! draw it. Lines are broken at the
//! opportunities of the Unicode line-breaking algorithm (UAX #14, via
//! `unicode-linebreak`); a word wider than its box is broken between grapheme
//! clusters rather than left to overflow.
//!
//! Characters a font lacks are measured as its `.notdef` box; call
//! [`Fonts::replace_missing`] first to find them and to get text with a visible
//! stand-in for each, which is what a renderer should draw and measure.
//!
//! ```
//! use pitchdeck::layout::{Face, Fonts, Span};
//! let fonts = Fonts::builtin();
//! let spans = [Span::new("Leadership reads ", Face::Regular), Span::new("paper", Face::Bold)];
//! let para = fonts.layout(&spans, 12.0, 80.0, 1.4);
//! assert!(para.lines.iter().all(|l| l.width <= 80.0));
//! assert_eq!(para.height(), para.lines.len() as f32 * 12.0 * 1.4);
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use crate::shape::{FontFile, Glyph, is_rtl, language_of, system_font};
use crate::slides::Rich;

/// Allowance for floating-point sums when comparing a width with its box.
const EPSILON: f32 = 1e-3;

/// One of the four faces of a theme's font family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub fn is_bold(self) -> bool {
        matches!(self, Face::Bold | Face::BoldItalic)
    }

    pub fn is_italic(self) -> bool {
        matches!(self, Face::Italic | Face::BoldItalic)
    }

    /// The face with bold added (used for headings).
    pub fn bolder(self) -> Face {
        Face::new(true, self.is_italic())
    }

    /// The file inside a theme folder that holds this face.
    pub fn file(self) -> &'static str {
        match self {
            Face::Regular => "fonts/regular.ttf",
            Face::Bold => "fonts/bold.ttf",
            Face::Italic => "fonts/italic.ttf",
            Face::BoldItalic => "fonts/bold-italic.ttf",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Characters that take no room and are never drawn (line feeds, zero-width
/// spaces and joiners, soft hyphens, byte-order marks).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{AD}'
    )
}

/// Code points below this (Latin, punctuation, arrows, currency) have their
/// advance in an array.
const DENSE: usize = 0x2200;

/// Metrics of one face, read once from its TrueType file. Lengths are in em.
#[derive(Debug, Clone)]
pub struct FontMetrics {
    /// Advances of the characters below `DENSE`, by code point; negative when
    /// the font lacks the character. Line breaking asks for every character's
    /// advance, and an array lookup is several times cheaper than a hash.
    dense: Box<[f32]>,
    /// Advances of the characters from `DENSE` up.
    advances: HashMap<char, f32>,
    notdef: f32,
    /// Height above the baseline (positive).
    pub ascender: f32,
    /// Depth below the baseline (negative).
    pub descender: f32,
    pub line_gap: f32,
    pub cap_height: f32,
}

impl FontMetrics {
    /// Reads the advance of every character the font maps.
    pub fn parse(bytes: &[u8]) -> Result<FontMetrics, String> {
        let face = ttf_parser::Face::parse(bytes, 0)
            .map_err(|e| format!("not a usable TrueType font: {e}"))?;
        let upem = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        let mut dense = vec![-1.0f32; DENSE].into_boxed_slice();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(c) = char::from_u32(cp)
                        && let Some(glyph) = sub.glyph_index(cp)
                        && glyph.0 != 0
                    {
                        let advance = face.glyph_hor_advance(glyph).unwrap_or(0);
                        let em = f32::from(advance) / upem;
                        match dense.get_mut(c as usize) {
                            Some(slot) => *slot = em,
                            None => {
                                advances.insert(c, em);
                            }
                        }
                    }
                });
            }
        }
        if advances.is_empty() && dense.iter().all(|a| *a < 0.0) {
            return Err("the font maps no Unicode characters".to_string());
        }
        let notdef = face
            .glyph_hor_advance(ttf_parser::GlyphId(0))
            .map_or(0.5, |a| f32::from(a) / upem);
        Ok(FontMetrics {
            dense,
            advances,
            notdef,
            ascender: f32::from(face.ascender()) / upem,
            descender: f32::from(face.descender()) / upem,
            line_gap: f32::from(face.line_gap()) / upem,
            cap_height: face.capital_height().map_or(0.7, |h| f32::from(h) / upem),
        })
    }

    /// Whether the font draws `c` (invisible characters count as drawn).
    pub fn has(&self, c: char) -> bool {
        is_invisible(c) || self.mapped(c).is_some()
    }

    /// The advance of a character the font maps.
    fn mapped(&self, c: char) -> Option<f32> {
        match self.dense.get(c as usize) {
            Some(a) => (*a >= 0.0).then_some(*a),
            None => self.advances.get(&c).copied(),
        }
    }

    /// Advance of `c` in em: 0 for invisible characters, the `.notdef` box for
    /// characters the font lacks.
    pub fn advance(&self, c: char) -> f32 {
        if is_invisible(c) {
            return 0.0;
        }
        match self.mapped(c) {
            Some(a) => a,
            None if c == '\t' => self.advance(' ') * 4.0,
            None => self.notdef,
        }
    }

    /// Width of `text` at `size` (same unit as `size`).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

/// Shaped runs kept by (font, direction, text), once per process: fit
/// measures the same text at several sizes, the PDF measures before it draws
/// and draws what fit measured, and `watch` rebuilds the same words.
/// The font is known by where its bytes are (font bytes are kept for the
/// life of the process, see `shape::intern`) and its face index; the text by
/// a hash, so a lookup allocates nothing, with the text kept to tell a
/// collision from a hit.
type ShapeCache = HashMap<(usize, u32, bool, u64), (Box<str>, Arc<[Glyph]>)>;

fn shape_cache() -> &'static Mutex<ShapeCache> {
    static CACHE: OnceLock<Mutex<ShapeCache>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Entries kept before the cache starts again (a long `watch` session).
const CACHE_LIMIT: usize = 20_000;

/// The four faces of a font family, and where characters they lack come
/// from: the theme's fallback fonts, then (for the PDF) the system's.
#[derive(Clone)]
pub struct Fonts {
    faces: [FontMetrics; 4],
    files: [Arc<FontFile>; 4],
    fallbacks: Vec<Arc<FontFile>>,
    system: bool,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("files", &self.files)
            .field("fallbacks", &self.fallbacks)
            .field("system", &self.system)
            .finish()
    }
}

/// A stretch of one span's text drawn with one font in one direction.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// Byte range in the span's text.
    pub range: Range<usize>,
    pub font: Arc<FontFile>,
    /// The bidirectional embedding level (odd: right to left).
    pub level: u8,
    /// The language of the text, when its script tells (`ja`, `ar`, …).
    pub lang: Option<&'static str>,
}

impl TextRun {
    pub fn rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// The glyphs of one run within a piece of text ([`Fonts::glyphs_in`]), in
/// visual order, each with the byte range of the text it draws.
#[derive(Debug, Clone)]
pub struct RunGlyphs {
    pub run: TextRun,
    pub glyphs: Vec<(Glyph, Range<usize>)>,
}

const BUILTIN_TTF: [&[u8]; 4] = [
    include_bytes!("../themes/default/fonts/regular.ttf"),
    include_bytes!("../themes/default/fonts/bold.ttf"),
    include_bytes!("../themes/default/fonts/italic.ttf"),
    include_bytes!("../themes/default/fonts/bold-italic.ttf"),
];

/// A run of text in one face, as input to line breaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'a> {
    pub text: &'a str,
    pub face: Face,
}

impl<'a> Span<'a> {
    pub fn new(text: &'a str, face: Face) -> Self {
        Span { text, face }
    }
}

/// The spans of rich text: strong is bold, emphasis italic; code keeps the
/// face around it (the themes have no monospace face).
pub fn spans_of(rich: &Rich) -> Vec<Span<'_>> {
    rich.runs
        .iter()
        .map(|r| Span::new(&r.text, Face::new(r.strong, r.emphasis)))
        .collect()
}

/// Part of a line that lies in one span.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Index of the span in the input.
    pub span: usize,
    /// Byte range in that span's text (trailing spaces and line feeds left out).
    pub range: Range<usize>,
    /// Offset from the line's start.
    pub x: f32,
    pub width: f32,
}

/// One line of broken text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub pieces: Vec<Piece>,
    /// Width of the visible text (without trailing spaces).
    pub width: f32,
    /// Whether the line ends at a space or line feed (not inside a word
    /// broken for width, not at the end of the text): a renderer that
    /// extracts text should end the line with a word separator.
    pub space_after: bool,
}

impl Line {
    /// The line's text, given the spans it was broken from.
    pub fn text(&self, spans: &[Span]) -> String {
        self.pieces
            .iter()
            .map(|p| &spans[p.span].text[p.range.clone()])
            .collect()
    }
}

/// Broken text with its line height.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub lines: Vec<Line>,
    pub size: f32,
    /// Distance between baselines (same unit as `size`).
    pub line_height: f32,
}

impl Paragraph {
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * self.line_height
    }

    /// Width of the widest line.
    pub fn width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }
}

/// A character found missing in a face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing {
    pub ch: char,
    pub face: Face,
}

/// What to draw instead of a character the font lacks: a look-alike from
/// plain text where there is one, else `?`-like marks that stay visible.
fn stand_in(c: char) -> &'static str {
    match c {
        '\u{2009}' | '\u{200A}' | '\u{2002}' | '\u{2003}' | '\u{2007}' | '\u{2008}' => " ",
        '\u{202F}' => "\u{A0}",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => "-",
        '\u{2192}' | '\u{27F6}' => "->",
        '\u{2190}' | '\u{27F5}' => "<-",
        '\u{2194}' => "<->",
        '\u{21D2}' => "=>",
        '\u{2713}' | '\u{2714}' | '\u{2705}' => "[x]",
        '\u{2717}' | '\u{2718}' | '\u{274C}' => "[-]",
        '\u{2264}' => "<=",
        '\u{2265}' => ">=",
        '\u{2260}' => "!=",
        '\u{2248}' => "~",
        '\u{00D7}' => "x",
        '\u{2022}' | '\u{25CF}' | '\u{25AA}' => "*",
        _ => "?",
    }
}

impl Fonts {
    /// Parses the four faces (regular, bold, italic, bold italic).
    pub fn parse(faces: [&[u8]; 4]) -> Result<Fonts, String> {
        Fonts::parse_kept(faces.map(crate::shape::intern), false)
    }

    /// Parses four faces whose bytes live as long as the process (the
    /// built-in ones are in the binary: nothing to copy or hash).
    /// With `builtin`, the faces are the built-in ones, which shape plain
    /// text the short way ([`FontFile::builtin`]).
    fn parse_kept(faces: [&'static [u8]; 4], builtin: bool) -> Result<Fonts, String> {
        let [r, b, i, bi] = faces;
        let file = |bytes: &'static [u8]| -> Result<Arc<FontFile>, String> {
            Ok(Arc::new(if builtin {
                FontFile::builtin(bytes)?
            } else {
                FontFile::new(bytes, 0)?
            }))
        };
        Ok(Fonts {
            faces: [
                FontMetrics::parse(r)?,
                FontMetrics::parse(b)?,
                FontMetrics::parse(i)?,
                FontMetrics::parse(bi)?,
            ],
            files: [file(r)?, file(b)?, file(i)?, file(bi)?],
            fallbacks: Vec::new(),
            system: false,
        })
    }

    /// The same faces with fallback fonts: `fallbacks` in order, then, with
    /// `system`, the system's fonts.
    pub fn with_fallbacks(&self, fallbacks: Vec<Arc<FontFile>>, system: bool) -> Fonts {
        Fonts {
            fallbacks,
            system,
            ..self.clone()
        }
    }

    /// The default theme's fonts (Atkinson Hyperlegible), parsed once.
    pub fn builtin() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS
            .get_or_init(|| Fonts::parse_kept(BUILTIN_TTF, true).expect("the built-in fonts parse"))
    }

    /// The built-in fonts with the system's as fallback (the PDF's), parsed once.
    pub fn builtin_with_system() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts::builtin().with_fallbacks(Vec::new(), true))
    }

    /// The TrueType bytes of the built-in faces.
    pub fn builtin_bytes(face: Face) -> &'static [u8] {
        BUILTIN_TTF[face.index()]
    }

    pub fn face(&self, face: Face) -> &FontMetrics {
        &self.faces[face.index()]
    }

    /// The theme's fallback fonts, in its order.
    pub fn fallbacks(&self) -> &[Arc<FontFile>] {
        &self.fallbacks
    }

    /// The font file of one of the four faces.
    pub fn file(&self, face: Face) -> &Arc<FontFile> {
        &self.files[face.index()]
    }

    /// The font that draws `c` in `face`: the face itself, else the first
    /// fallback that has it; `None` when no font has it.
    pub fn font_for(
        &self,
        face: Face,
        c: char,
        lang: Option<&'static str>,
    ) -> Option<Arc<FontFile>> {
        if self.face(face).has(c) || c == '\t' {
            return Some(self.files[face.index()].clone());
        }
        if let Some(f) = self.fallbacks.iter().find(|f| f.has(c)) {
            return Some(f.clone());
        }
        if self.system {
            return system_font(c, face.is_bold(), face.is_italic(), lang);
        }
        None
    }

    /// Whether some font draws `c` in `face`.
    pub fn covers(&self, face: Face, c: char) -> bool {
        self.face(face).has(c)
            || c == '\t'
            || self
                .font_for(face, c, language_of(&c.to_string()))
                .is_some()
    }

    /// `text` cut where its font or direction changes. A character no font
    /// has stays in the face's own font (it is measured as `.notdef`; call
    /// [`Fonts::replace_missing`] first).
    pub fn runs(&self, face: Face, text: &str) -> Vec<TextRun> {
        let own = &self.files[face.index()];
        let metrics = self.face(face);
        let bidi = text.chars().any(is_rtl);
        if !bidi && text.chars().all(|c| metrics.has(c) || c == '\t') {
            return vec![TextRun {
                range: 0..text.len(),
                font: own.clone(),
                level: 0,
                lang: None,
            }];
        }
        let lang = language_of(text);
        let levels = bidi.then(|| unicode_bidi::BidiInfo::new(text, None).levels);
        let mut runs: Vec<TextRun> = Vec::new();
        for (i, c) in text.char_indices() {
            let level = levels.as_ref().map_or(0, |l| l[i].number());
            let current = runs.last().filter(|r| r.level == level);
            // Spaces, punctuation and marks stay with the font around them
            // when it has them, so a fallback's text is shaped as a whole.
            let font = match current {
                Some(run) if !c.is_alphanumeric() && (run.font.has(c) || is_invisible(c)) => {
                    run.font.clone()
                }
                _ if metrics.has(c) || c == '\t' => own.clone(),
                _ => self.font_for(face, c, lang).unwrap_or_else(|| own.clone()),
            };
            match runs.last_mut() {
                Some(run) if run.level == level && Arc::ptr_eq(&run.font, &font) => {
                    run.range.end = i + c.len_utf8();
                }
                _ => {
                    let is_own = Arc::ptr_eq(&font, own);
                    runs.push(TextRun {
                        range: i..i + c.len_utf8(),
                        font,
                        level,
                        lang: if is_own { None } else { lang },
                    })
                }
            }
        }
        runs
    }

    /// The glyphs of `text` in `font` (visual order), shaped once per process
    /// and text.
    pub fn shaped(&self, font: &Arc<FontFile>, text: &str, rtl: bool) -> Arc<[Glyph]> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        let key = (
            font.data.as_ptr() as usize,
            font.index,
            rtl,
            hasher.finish(),
        );
        if let Some((kept, g)) = shape_cache()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            && **kept == *text
        {
            return g.clone();
        }
        let glyphs: Arc<[Glyph]> = font.shape(text, rtl).into();
        let mut cache = shape_cache().lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, (text.into(), glyphs.clone()));
        glyphs
    }

    /// The glyphs that draw `range` of `text` in `face`, run by run in
    /// logical order: exactly those that measured it (shaped with the text
    /// around them), each with the bytes of `text` it stands for (empty for
    /// a second glyph of the same characters). Invisible characters have no
    /// glyph; a tab is as wide as it was measured.
    pub fn glyphs_in(&self, face: Face, text: &str, range: Range<usize>) -> Vec<RunGlyphs> {
        let mut out = Vec::new();
        for run in self.runs(face, text) {
            if run.range.end <= range.start || run.range.start >= range.end {
                continue;
            }
            let start = run.range.start;
            let part = &text[run.range.clone()];
            let shaped = self.shaped(&run.font, part, run.rtl());
            let mut bounds: Vec<usize> = shaped.iter().map(|g| g.cluster).collect();
            bounds.push(part.len());
            bounds.sort_unstable();
            bounds.dedup();
            let mut told = std::collections::HashSet::new();
            let mut glyphs = Vec::new();
            for g in shaped.iter() {
                let at = start + g.cluster;
                if !range.contains(&at) {
                    continue;
                }
                let c = text[at..].chars().next().unwrap_or(' ');
                if is_invisible(c) {
                    continue;
                }
                let mut g = *g;
                if c == '\t' {
                    g.advance = self.face(face).advance('\t');
                }
                let end = bounds[bounds
                    .partition_point(|&b| b <= g.cluster)
                    .min(bounds.len() - 1)];
                let covers = if told.insert(g.cluster) {
                    at..(start + end).clamp(at, range.end)
                } else {
                    at..at
                };
                glyphs.push((g, covers));
            }
            if !glyphs.is_empty() {
                out.push(RunGlyphs { run, glyphs });
            }
        }
        out
    }

    /// The advance of every byte of `text` in `face` at `size` (a character's
    /// whole advance on its first byte; kerning and ligatures counted).
    fn advances(&self, face: Face, text: &str, size: f32, out: &mut Vec<f32>) {
        let base = out.len();
        out.resize(base + text.len(), 0.0);
        for run in self.runs(face, text) {
            let part = &text[run.range.clone()];
            for g in self.shaped(&run.font, part, run.rtl()).iter() {
                if let Some(slot) = out.get_mut(base + run.range.start + g.cluster) {
                    *slot += g.advance * size;
                }
            }
        }
        for (i, c) in text.char_indices() {
            if is_invisible(c) {
                out[base + i] = 0.0;
            } else if c == '\t' {
                out[base + i] = self.face(face).advance('\t') * size;
            }
        }
    }

    /// Width of `text` in `face` at `size`, shaped.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let mut adv = Vec::with_capacity(text.len());
        self.advances(face, text, size, &mut adv);
        adv.iter().sum()
    }

    /// Width of spans on one line, unbroken.
    pub fn spans_width(&self, spans: &[Span], size: f32) -> f32 {
        spans.iter().map(|s| self.width(s.face, s.text, size)).sum()
    }

    /// Characters of `text` that no font has in `face`, each once, in order
    /// of appearance.
    pub fn missing(&self, face: Face, text: &str) -> Vec<char> {
        let metrics = self.face(face);
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !metrics.has(c) && c != '\t' && !out.contains(&c) && !self.covers(face, c) {
                out.push(c);
            }
        }
        out
    }

    /// `text` with every character no font has in `face` replaced by a
    /// visible stand-in (`→` becomes `->`, unknown ones `?`), and the
    /// characters replaced. Spaces no font has (thin, narrow no-break)
    /// become the nearest space the face has and are not reported: nothing
    /// visible is lost.
    pub fn replace_missing(&self, face: Face, text: &str) -> (String, Vec<char>) {
        let metrics = self.face(face);
        let mut replaced = Vec::new();
        if text.chars().all(|c| metrics.has(c) || c == '\t') {
            return (text.to_string(), replaced);
        }
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if metrics.has(c) || c == '\t' || self.covers(face, c) {
                out.push(c);
                continue;
            }
            let mut sub = stand_in(c);
            if !sub.chars().all(|s| metrics.has(s)) {
                sub = "?";
            }
            let silent = c.is_whitespace() && sub.chars().all(char::is_whitespace);
            if !silent && !replaced.contains(&c) {
                replaced.push(c);
            }
            out.push_str(sub);
        }
        (out, replaced)
    }

    /// Breaks spans into lines no wider than `max_width` (except a single
    /// grapheme wider than the box, which gets a line of its own).
    pub fn break_lines(&self, spans: &[Span], size: f32, max_width: f32) -> Vec<Line> {
        let mut full = String::new();
        let mut starts = Vec::with_capacity(spans.len());
        for s in spans {
            starts.push(full.len());
            full.push_str(s.text);
        }
        if full.is_empty() {
            return Vec::new();
        }
        // The shaped advance of each byte position's character, in the face of
        // its span (a character's advance on its first byte).
        let mut adv: Vec<f32> = Vec::with_capacity(full.len());
        for s in spans {
            self.advances(s.face, s.text, size, &mut adv);
        }
        let width_of = |range: Range<usize>| -> f32 { adv[range].iter().sum() };
        let content_end = |range: Range<usize>| -> usize {
            let trimmed = full[range.clone()]
                .trim_end_matches(|c: char| c.is_whitespace() || is_invisible(c));
            range.start + trimmed.len()
        };

        // Lines as byte ranges of `full`, trailing spaces excluded.
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let mut line_start = 0usize;
        let mut line_end = 0usize; // end including trailing spaces
        let mut line_width = 0.0f32; // width including trailing spaces
        let mut prev = 0usize;
        for (end, opportunity) in linebreaks(&full) {
            let seg = prev..end;
            prev = end;
            let seg_content = seg.start..content_end(seg.clone());
            let content_w = width_of(seg_content.clone());
            // The same sum, in the same order, as measuring the whole segment.
            let total_w = adv[seg_content.end..seg.end]
                .iter()
                .fold(content_w, |w, a| w + a);
            let line_empty = line_end == line_start;
            if !line_empty && line_width + content_w > max_width + EPSILON {
                ranges.push(line_start..content_end(line_start..line_end));
                line_start = seg.start;
                line_end = seg.start;
                line_width = 0.0;
            }
            if line_end == line_start && content_w > max_width + EPSILON {
                // A word wider than the box: break it between graphemes.
                let mut chunk_start = seg.start;
                let mut chunk_w = 0.0f32;
                for (i, g) in full[seg_content.clone()].grapheme_indices(true) {
                    let at = seg.start + i;
                    let w = width_of(at..at + g.len());
                    if at > chunk_start && chunk_w + w > max_width + EPSILON {
                        ranges.push(chunk_start..at);
                        chunk_start = at;
                        chunk_w = 0.0;
                    }
                    chunk_w += w;
                }
                line_start = chunk_start;
                line_end = seg.end;
                line_width = chunk_w + width_of(seg_content.end..seg.end);
            } else {
                line_end = seg.end;
                line_width += total_w;
            }
            if opportunity == BreakOpportunity::Mandatory && end < full.len() {
                ranges.push(line_start..content_end(line_start..line_end));
                line_start = end;
                line_end = end;
                line_width = 0.0;
            }
        }
        if line_end > line_start {
            ranges.push(line_start..content_end(line_start..line_end));
        }

        ranges
            .into_iter()
            .map(|range| {
                let mut pieces = Vec::new();
                let mut x = 0.0f32;
                for (i, s) in spans.iter().enumerate() {
                    let (a, b) = (starts[i], starts[i] + s.text.len());
                    let (from, to) = (range.start.max(a), range.end.min(b));
                    if from >= to {
                        continue;
                    }
                    let w = width_of(from..to);
                    pieces.push(Piece {
                        span: i,
                        range: from - a..to - a,
                        x,
                        width: w,
                    });
                    x += w;
                }
                let space_after = full[range.end..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_whitespace() || is_invisible(c));
                Line {
                    pieces,
                    width: x,
                    space_after,
                }
            })
            .collect()
    }

    /// Breaks spans into a paragraph; `leading` is the line height as a
    /// multiple of `size` (CSS `line-height`).
    pub fn layout(&self, spans: &[Span], size: f32, max_width: f32, leading: f32) -> Paragraph {
        Paragraph {
            lines: self.break_lines(spans, size, max_width),
            size,
            line_height: size * leading,
        }
    }

    /// [`Fonts::layout`] of rich text (strong → bold, emphasis → italic).
    pub fn layout_rich(&self, rich: &Rich, size: f32, max_width: f32, leading: f32) -> Paragraph {
        self.layout(&spans_of(rich), size, max_width, leading)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slides::Run;

    fn fonts() -> &'static Fonts {
        Fonts::builtin()
    }

    fn assert_fits(spans: &[Span], size: f32, width: f32) -> Vec<Line> {
        let lines = fonts().break_lines(spans, size, width);
        for line in &lines {
            // What is drawn: the glyphs of each piece, shaped in their span.
            let measured: f32 = line
                .pieces
                .iter()
                .flat_map(|p| {
                    fonts().glyphs_in(spans[p.span].face, spans[p.span].text, p.range.clone())
                })
                .flat_map(|r| r.glyphs)
                .map(|(g, _)| g.advance * size)
                .sum();
            assert!(
                (measured - line.width).abs() < 0.01,
                "line width {} is its drawn width {measured}",
                line.width
            );
            // The one exception: a single character wider than the whole box.
            let single = line.text(spans).graphemes(true).count() == 1;
            assert!(
                measured <= width + 0.01 || single,
                "line {:?} is {measured} wide in a box of {width}",
                line.text(spans)
            );
        }
        lines
    }

    /// The text of the lines joined again equals the input, but for the
    /// spaces at the breaks.
    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    const TEXTS: &[&str] = &[
        "Leadership reads paper after the meeting: give them a handout they can trust.",
        "Vi föreslår att vi mäter räckvidd – inte ”likes” — och att vi slutar i april.",
        "“Quoted” text, dashes – and — and numbers 1 000 000 kr, 12,5 %.",
        "Supercalifragilisticexpialidocioussupercalifragilisticexpiali is a 60-letter word here",
        "https://example.com/a/very/long/path/that/has/no/spaces/in/it/at/all/and/goes/on",
        "short",
        "Arrows → and checks ✓ are not in the font ⟶ but must still fit ✓✓✓✓✓✓✓✓✓✓.",
    ];

    #[test]
    fn no_line_is_wider_than_its_box() {
        for text in TEXTS {
            for face in Face::ALL {
                for width in [12.0, 20.0, 37.5, 60.0, 100.0, 173.0, 300.0, 1000.0] {
                    for size in [9.0, 12.0] {
                        let spans = [Span::new(text, face)];
                        let lines = assert_fits(&spans, size, width);
                        let joined: String = lines
                            .iter()
                            .map(|l| l.text(&spans))
                            .collect::<Vec<_>>()
                            .join(" ");
                        // No text lost: the characters (spaces aside) all come back.
                        let strip =
                            |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                        assert_eq!(strip(&joined), strip(text), "width {width}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_sixty_letter_word_is_broken_to_fit() {
        let word = "a".repeat(30) + &"m".repeat(30);
        assert_eq!(word.chars().count(), 60);
        let spans = [Span::new(&word, Face::Bold)];
        let full = fonts().width(Face::Bold, &word, 12.0);
        for width in [30.0, 50.0, full / 2.0, full - 1.0] {
            let lines = assert_fits(&spans, 12.0, width);
            assert!(lines.len() >= 2, "broken at width {width}");
            let joined: String = lines.iter().map(|l| l.text(&spans)).collect();
            assert_eq!(joined, word);
            assert!(
                lines.iter().all(|l| !l.space_after),
                "a broken word has no space"
            );
        }
        // Wide enough: one line.
        assert_eq!(assert_fits(&spans, 12.0, full + 1.0).len(), 1);
    }

    #[test]
    fn breaks_between_words_when_they_fit() {
        let text = "one two three four five six seven eight nine ten";
        let spans = [Span::new(text, Face::Regular)];
        let lines = assert_fits(&spans, 10.0, 60.0);
        assert!(lines.len() > 1);
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(line.space_after, i + 1 < lines.len(), "broken at spaces");
            let t = line.text(&spans);
            assert!(!t.starts_with(' ') && !t.ends_with(' '), "{t:?}");
            for w in words(&t) {
                assert!(words(text).contains(&w), "word {w:?} was split");
            }
        }
    }

    #[test]
    fn styled_runs_are_measured_in_their_face() {
        let text = "Wide words";
        let regular = fonts().width(Face::Regular, text, 10.0);
        let bold = fonts().width(Face::Bold, text, 10.0);
        assert!(bold > regular, "bold {bold} wider than regular {regular}");
        let rich = Rich {
            runs: vec![
                Run {
                    text: "Plain and ".into(),
                    ..Run::default()
                },
                Run {
                    text: "strong".into(),
                    strong: true,
                    ..Run::default()
                },
                Run {
                    text: " and ".into(),
                    ..Run::default()
                },
                Run {
                    text: "emphasis".into(),
                    emphasis: true,
                    ..Run::default()
                },
            ],
        };
        let spans = spans_of(&rich);
        let para = fonts().layout_rich(&rich, 10.0, 1000.0, 1.5);
        assert_eq!(para.lines.len(), 1);
        assert_eq!(para.lines[0].pieces.len(), 4);
        assert_eq!(para.lines[0].text(&spans), "Plain and strong and emphasis");
        assert!((para.height() - 15.0).abs() < 1e-4);
        assert!((para.width() - fonts().spans_width(&spans, 10.0)).abs() < 0.01);
        // Pieces follow each other.
        let p = &para.lines[0].pieces;
        for pair in p.windows(2) {
            assert!((pair[0].x + pair[0].width - pair[1].x).abs() < 1e-3);
        }
    }

    #[test]
    fn line_feeds_break_and_take_no_room() {
        let spans = [Span::new("first\nsecond\n\nfourth", Face::Regular)];
        let lines = assert_fits(&spans, 10.0, 500.0);
        let texts: Vec<String> = lines.iter().map(|l| l.text(&spans)).collect();
        assert_eq!(texts, ["first", "second", "", "fourth"]);
        let ends: Vec<bool> = lines.iter().map(|l| l.space_after).collect();
        assert_eq!(ends, [true, true, true, false]);
    }

    #[test]
    fn no_break_space_holds_words_together() {
        let spans = [Span::new("aaaa bbbb 100\u{A0}000 cccc", Face::Regular)];
        let w = fonts().width(Face::Regular, "100\u{A0}000", 10.0);
        let lines = assert_fits(&spans, 10.0, w + 0.5);
        assert!(lines.iter().any(|l| l.text(&spans) == "100\u{A0}000"));
    }

    #[test]
    fn swedish_and_typographic_punctuation_are_covered() {
        for face in Face::ALL {
            assert!(
                fonts()
                    .missing(face, "åäöÅÄÖéü “ ” ‘ ’ – — … · € §")
                    .is_empty(),
                "{face:?}"
            );
        }
    }

    #[test]
    fn missing_characters_are_found_and_replaced_visibly() {
        let text = "Reach → revenue ✓ and ☃";
        let missing = fonts().missing(Face::Regular, text);
        assert_eq!(missing, ['→', '✓', '☃']);
        let (replaced, found) = fonts().replace_missing(Face::Regular, text);
        assert_eq!(found, missing);
        assert_eq!(replaced, "Reach -> revenue [x] and ?");
        assert!(fonts().missing(Face::Regular, &replaced).is_empty());
        // Text with characters the font lacks still fits its box.
        for width in [15.0, 40.0, 90.0] {
            assert_fits(&[Span::new(text, Face::Regular)], 11.0, width);
            assert_fits(&[Span::new(&replaced, Face::Italic)], 11.0, width);
        }
        // A narrow no-break space it lacks becomes a space it has, unreported.
        let (thin, found) = fonts().replace_missing(Face::Regular, "1\u{202F}000");
        if !fonts().face(Face::Regular).has('\u{202F}') {
            assert_eq!(thin, "1\u{A0}000");
        }
        assert!(found.is_empty());
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(fonts().break_lines(&[], 10.0, 100.0).is_empty());
        assert!(
            fonts()
                .break_lines(&[Span::new("", Face::Bold)], 10.0, 100.0)
                .is_empty()
        );
        let para = fonts().layout(
            &[Span::new("", Face::Bold), Span::new("x", Face::Italic)],
            10.0,
            100.0,
            1.2,
        );
        assert_eq!(para.lines.len(), 1);
        assert_eq!(para.lines[0].pieces[0].span, 1);
    }

    #[test]
    fn measurement_is_shaped_with_kerning() {
        // The sum of the characters' own advances, and the shaped width.
        let plain = fonts().face(Face::Bold).width("AVATAR", 10.0);
        let shaped = fonts().width(Face::Bold, "AVATAR", 10.0);
        assert!(
            shaped < plain - 0.1,
            "AVATAR {shaped} wide, {plain} unkerned"
        );
        // Line breaking measures the same way.
        let lines = fonts().break_lines(&[Span::new("AVATAR", Face::Bold)], 10.0, 1000.0);
        assert!((lines[0].width - shaped).abs() < 1e-3);
    }

    #[test]
    fn metrics_are_sane() {
        for face in Face::ALL {
            let m = fonts().face(face);
            assert!(m.ascender > 0.5 && m.ascender < 1.5);
            assert!(m.descender < 0.0 && m.descender > -0.6);
            assert!(m.cap_height > 0.5 && m.cap_height < m.ascender);
            assert!(m.advance(' ') > 0.1);
        }
        assert!(Fonts::parse([b"not a font"; 4]).is_err());
    }
}
