//! Font files and text shaping: the glyphs a run of text is drawn with, from
//! `rustybuzz` (the HarfBuzz port), so kerning, ligatures and Arabic joining
//! are right, and the same advances are used to measure and to draw.
//!
//! Also where fallback fonts come from when the theme's font lacks a
//! character: the system's fonts, found with `fontdb` (fontconfig's folders),
//! searched in a fixed order of preference so the same machine gives the same
//! PDF. A font file is read once per process and kept for its life: the
//! built-in faces are in the binary, a theme's files and the system fonts used
//! are read once (watch rebuilds reuse them).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};

mod simple;
use simple::Simple;

/// One glyph of shaped text. Lengths are in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    /// How far the pen moves after it (kerning included).
    pub advance: f32,
    /// Where it is drawn relative to the pen (marks, cursive attachment).
    pub dx: f32,
    pub dy: f32,
    /// Byte offset in the shaped text of the first character it draws.
    pub cluster: usize,
}

/// Plans compiled for one font, by direction and script (compiling one costs
/// more than shaping a line).
type Plans = Vec<(Direction, Script, Arc<ShapePlan>)>;

/// One face of a font file, ready to shape with.
pub struct FontFile {
    pub data: &'static [u8],
    pub index: u32,
    /// The family name, for messages ("Noto Sans CJK JP").
    pub family: String,
    /// The PostScript name, for the PDF's `/BaseFont`.
    pub postscript: String,
    /// CFF outlines (an OpenType `.otf`/`.otc`), else TrueType.
    pub cff: bool,
    pub upem: f32,
    face: rustybuzz::Face<'static>,
    plans: Mutex<Plans>,
    /// The short way to shape plain text, for the built-in faces only.
    simple: Option<Simple>,
}

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFile")
            .field("family", &self.family)
            .field("index", &self.index)
            .finish()
    }
}

/// Keeps `bytes` for the life of the process, once per distinct content: a
/// theme's files are read on every build, and `watch` builds many times.
pub fn intern(bytes: &[u8]) -> &'static [u8] {
    use sha2::{Digest, Sha256};
    static KEPT: OnceLock<Mutex<HashMap<[u8; 32], &'static [u8]>>> = OnceLock::new();
    let key: [u8; 32] = Sha256::digest(bytes).into();
    let mut kept = KEPT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    kept.entry(key)
        .or_insert_with(|| Box::leak(bytes.to_vec().into_boxed_slice()))
}

fn name_of(face: &ttf_parser::Face, id: u16) -> Option<String> {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == id && n.is_unicode())
        .find_map(|n| n.to_string())
}

impl FontFile {
    /// Parses face `index` of a font file.
    pub fn new(data: &'static [u8], index: u32) -> Result<FontFile, String> {
        let ttf = ttf_parser::Face::parse(data, index)
            .map_err(|e| format!("not a usable TrueType or OpenType font: {e}"))?;
        let family = name_of(&ttf, ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
            .or_else(|| name_of(&ttf, ttf_parser::name_id::FAMILY))
            .unwrap_or_else(|| "font".to_string());
        let postscript: String = name_of(&ttf, ttf_parser::name_id::POST_SCRIPT_NAME)
            .unwrap_or_else(|| family.clone())
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
            .collect();
        let cff = ttf.tables().cff.is_some();
        let upem = f32::from(ttf.units_per_em());
        Ok(FontFile {
            data,
            index,
            family,
            postscript: if postscript.is_empty() {
                "Font".to_string()
            } else {
                postscript
            },
            cff,
            upem,
            face: rustybuzz::Face::from_face(ttf),
            plans: Mutex::new(Vec::new()),
            simple: None,
        })
    }

    /// Parses one of the built-in faces, which shape plain text the short
    /// way ([`Simple`]): a test checks, for every pair of the characters it
    /// takes, that this gives exactly what rustybuzz gives.
    pub fn builtin(data: &'static [u8]) -> Result<FontFile, String> {
        let mut file = FontFile::new(data, 0)?;
        file.simple = Simple::read(&file.face);
        Ok(file)
    }

    /// The parsed font, for its tables.
    pub fn ttf(&self) -> &ttf_parser::Face<'static> {
        &self.face
    }

    /// Whether the font draws `c` (has a glyph other than `.notdef`).
    pub fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// The advance of glyph `id` as the font's `hmtx` has it, in em.
    pub fn glyph_advance(&self, id: u16) -> f32 {
        f32::from(
            self.face
                .glyph_hor_advance(ttf_parser::GlyphId(id))
                .unwrap_or(0),
        ) / self.upem
    }

    /// Shapes `text` in one direction: the glyphs in visual (left-to-right)
    /// order, with advances in em.
    pub fn shape(&self, text: &str, rtl: bool) -> Vec<Glyph> {
        if text.is_empty() {
            return Vec::new();
        }
        if !rtl
            && let Some(simple) = &self.simple
            && let Some(glyphs) = simple.shape(&self.face, text, self.upem)
        {
            return glyphs;
        }
        self.shape_fully(text, rtl)
    }

    /// Shapes `text` with rustybuzz.
    fn shape_fully(&self, text: &str, rtl: bool) -> Vec<Glyph> {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let direction = if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        };
        buffer.set_direction(direction);
        let script = buffer.script();
        let plan = {
            let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
            match plans
                .iter()
                .find(|(d, s, _)| *d == direction && *s == script)
            {
                Some((_, _, plan)) => plan.clone(),
                None => {
                    let plan = Arc::new(ShapePlan::new(
                        &self.face,
                        direction,
                        Some(script),
                        None,
                        &[],
                    ));
                    plans.push((direction, script, plan.clone()));
                    plan
                }
            }
        };
        let out = rustybuzz::shape_with_plan(&self.face, &plan, buffer);
        let scale = 1.0 / self.upem;
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32 * scale,
                dx: pos.x_offset as f32 * scale,
                dy: pos.y_offset as f32 * scale,
                cluster: info.cluster as usize,
            })
            .collect()
    }
}

/// Whether `c` is drawn right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…).
pub fn is_rtl(c: char) -> bool {
    use unicode_bidi::BidiClass;
    matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// The language text in a script other than Latin is most likely in, as a
/// BCP 47 tag: `ja` for kana, `ko` for Hangul, `zh` for Han alone, `ar` for
/// Arabic letters, and so on; `None` for Latin and scripts several major
/// languages share (Cyrillic).
pub fn language_of(text: &str) -> Option<&'static str> {
    let mut han = false;
    for c in text.chars() {
        let lang = match u32::from(c) {
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Some("ja"),
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Some("ko"),
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Some("ar"),
            0x0590..=0x05FF => Some("he"),
            0x0370..=0x03FF => Some("el"),
            0x0E00..=0x0E7F => Some("th"),
            0x0900..=0x097F => Some("hi"),
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => {
                han = true;
                None
            }
            _ => None,
        };
        if lang.is_some() {
            return lang;
        }
    }
    han.then_some("zh")
}

/// A face found on the system.
struct Candidate {
    id: fontdb::ID,
    path: PathBuf,
    index: u32,
    family: String,
    weight: u16,
    italic: bool,
}

/// What was searched for: a character in a style, with the language of its text.
type Want = (char, bool, bool, Option<&'static str>);

/// The system's fonts: the faces found, in no particular order, those read,
/// and the answers given.
struct System {
    db: fontdb::Database,
    candidates: Vec<Candidate>,
    loaded: HashMap<(PathBuf, u32), Option<Arc<FontFile>>>,
    found: HashMap<Want, Option<Arc<FontFile>>>,
}

fn system() -> &'static Mutex<System> {
    static SYSTEM: OnceLock<Mutex<System>> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let candidates = db
            .faces()
            .filter_map(|f| {
                let path = match &f.source {
                    fontdb::Source::File(p) => p.clone(),
                    fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => return None,
                };
                Some(Candidate {
                    id: f.id,
                    path,
                    index: f.index,
                    family: f
                        .families
                        .first()
                        .map(|(n, _)| n.clone())
                        .unwrap_or_default(),
                    weight: f.weight.0,
                    italic: f.style != fontdb::Style::Normal,
                })
            })
            .collect();
        Mutex::new(System {
            db,
            candidates,
            loaded: HashMap::new(),
            found: HashMap::new(),
        })
    })
}

/// How much a family is preferred for text in `lang` (lower is better): the
/// Noto CJK face of the language first for Han, then Noto Sans, DejaVu Sans,
/// other sans faces, serif faces, and the rest.
fn family_rank(family: &str, lang: Option<&str>) -> u8 {
    let cjk = match lang {
        Some("ja") => Some("Noto Sans CJK JP"),
        Some("ko") => Some("Noto Sans CJK KR"),
        Some("zh") => Some("Noto Sans CJK SC"),
        _ => None,
    };
    if cjk == Some(family) {
        return 0;
    }
    let mono = family.contains("Mono");
    match () {
        _ if family.starts_with("Noto Sans") && !mono && !family.contains("Display") => 1,
        _ if family.starts_with("DejaVu Sans") && !mono => 2,
        _ if family.contains("Sans") && !mono => 3,
        _ if family.contains("Serif") && !mono => 4,
        _ => 5,
    }
}

/// A system font that draws `c`, as near to the wanted style as there is;
/// the same answer for the same question within a process.
pub fn system_font(
    c: char,
    bold: bool,
    italic: bool,
    lang: Option<&'static str>,
) -> Option<Arc<FontFile>> {
    let mut sys = system().lock().unwrap_or_else(|e| e.into_inner());
    let want = (c, bold, italic, lang);
    if let Some(found) = sys.found.get(&want) {
        return found.clone();
    }
    let weight = if bold { 700 } else { 400 };
    let mut order: Vec<usize> = (0..sys.candidates.len()).collect();
    order.sort_by_cached_key(|&i| {
        let f = &sys.candidates[i];
        (
            family_rank(&f.family, lang),
            f.italic != italic,
            f.weight.abs_diff(weight),
            f.family.clone(),
            f.path.clone(),
            f.index,
        )
    });
    // Whether a face has the character is read from its file mapped into
    // memory (fontdb), without reading the whole file; only the face chosen
    // is read.
    let chosen = order.into_iter().find(|&i| {
        sys.db
            .with_face_data(sys.candidates[i].id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .is_ok_and(|f| f.glyph_index(c).is_some_and(|g| g.0 != 0))
            })
            .unwrap_or(false)
    });
    let answer = chosen.and_then(|i| {
        let key = (sys.candidates[i].path.clone(), sys.candidates[i].index);
        match sys.loaded.get(&key) {
            Some(f) => f.clone(),
            None => {
                let f = load_system(&key.0, key.1);
                sys.loaded.insert(key, f.clone());
                f
            }
        }
    });
    sys.found.insert(want, answer.clone());
    answer
}

/// Reads a system font file once per process (all faces of a collection
/// share the bytes).
fn load_system(path: &std::path::Path, index: u32) -> Option<Arc<FontFile>> {
    static FILES: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let data = {
        let mut files = FILES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match files.get(path) {
            Some(d) => *d,
            None => {
                let bytes = std::fs::read(path).ok()?;
                let d: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                files.insert(path.to_path_buf(), d);
                d
            }
        }
    };
    FontFile::new(data, index).ok().map(Arc::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regular() -> FontFile {
        FontFile::new(include_bytes!("../themes/default/fonts/regular.ttf"), 0).unwrap()
    }

    #[test]
    fn kerning_makes_avatar_narrower_than_its_advances() {
        let font = regular();
        let glyphs = font.shape("AVATAR", false);
        assert_eq!(glyphs.len(), 6);
        let shaped: f32 = glyphs.iter().map(|g| g.advance).sum();
        let plain: f32 = glyphs.iter().map(|g| font.glyph_advance(g.id)).sum();
        assert!(
            shaped < plain - 0.01,
            "shaped {shaped} em, advances {plain} em"
        );
    }

    #[test]
    fn clusters_point_into_the_text() {
        let font = regular();
        let text = "Vi mäter – inte";
        let glyphs = font.shape(text, false);
        assert!(glyphs.iter().all(|g| text.is_char_boundary(g.cluster)));
        assert!(glyphs.windows(2).all(|w| w[0].cluster <= w[1].cluster));
    }

    #[test]
    fn languages_are_guessed_from_the_script() {
        assert_eq!(language_of("日本語のテキスト"), Some("ja"));
        assert_eq!(language_of("中文文本"), Some("zh"));
        assert_eq!(language_of("한국어"), Some("ko"));
        assert_eq!(language_of("نص عربي"), Some("ar"));
        assert_eq!(language_of("plain text"), None);
        assert!(is_rtl('ع') && !is_rtl('a'));
    }
}
