//! The HTML back end: one self-contained file (CSS, script, fonts and images
//! inlined) rendered from the slides with the theme's Tera template.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use crate::i18n::{Labels, labels};
use crate::slides::{Block, Lowered, MeasureRow, Rich, Slide, SlideImage};
use crate::theme::{Theme, ThemeError};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Rich text as HTML. Every character of user text passes through `escape`.
pub fn rich_html(rich: &Rich) -> String {
    let mut out = String::new();
    for run in &rich.runs {
        let mut open = String::new();
        let mut close = String::new();
        if let Some(link) = &run.link {
            open.push_str(&format!("<a href=\"{}\">", escape(link)));
            close.insert_str(0, "</a>");
        }
        for (on, tag) in [
            (run.strong, "strong"),
            (run.emphasis, "em"),
            (run.code, "code"),
        ] {
            if on {
                open.push_str(&format!("<{tag}>"));
                close.insert_str(0, &format!("</{tag}>"));
            }
        }
        out.push_str(&open);
        out.push_str(&escape(&run.text));
        out.push_str(&close);
    }
    out
}

fn blocks_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(rich) => out.push_str(&format!("<p>{}</p>", rich_html(rich))),
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push_str(&format!("<{tag}>"));
                for item in items {
                    out.push_str(&format!("<li>{}</li>", rich_html(item)));
                }
                out.push_str(&format!("</{tag}>"));
            }
        }
    }
    out
}

fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", BASE64.encode(bytes))
}

#[derive(Serialize)]
struct ImageView {
    /// A `data:` URL of base64 text: nothing in it needs escaping, so the
    /// template prints it `| safe` (escaping it cost 8 % of a small deck's build).
    src: String,
    alt: String,
}

impl ImageView {
    fn new(image: &SlideImage) -> Self {
        ImageView {
            src: data_uri(image.format.mime(), &image.bytes),
            alt: image.alt.clone(),
        }
    }
}

/// The bar from baseline to target, in percent of the track. The PDF draws
/// the same bar from it.
#[derive(Serialize)]
pub(crate) struct BarView {
    pub(crate) baseline_pct: f64,
    pub(crate) target_pct: f64,
    /// The segment between baseline and target: its start and width in percent.
    pub(crate) from_pct: f64,
    pub(crate) width_pct: f64,
    /// Left edge of the target marker.
    pub(crate) marker_pct: f64,
    /// True when the goal is to go down (e.g. complaints).
    pub(crate) decrease: bool,
    /// The bar in words, for assistive technology.
    pub(crate) description: String,
}

#[derive(Serialize)]
struct MeasureView {
    name_html: String,
    why_html: Option<String>,
    baseline: Option<String>,
    target: String,
    unit: Option<String>,
    by: String,
    quality: bool,
    bar: Option<BarView>,
    /// The name, or the unit, holds a word too long for a column
    /// (`LONG_WORD`): the stylesheet lets that cell break it anywhere.
    long_name: bool,
    long_unit: bool,
}

/// Characters in a word past which a table cell may break it anywhere. Shorter
/// words keep their place as the narrowest a column gets, so ordinary tables
/// lay out as before; a 60-letter unit no longer pushes the table off the slide.
const LONG_WORD: usize = 20;

fn has_long_word(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| w.chars().count() > LONG_WORD)
}

/// Rounds to one decimal (bar geometry).
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A figure with its unit, as the slide and the PDF print it.
pub(crate) fn with_unit(figure: &str, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{figure}\u{a0}%"),
        Some(u) => format!("{figure} {u}"),
        None => figure.to_string(),
    }
}

fn measure_view(m: &MeasureRow, l: &Labels) -> MeasureView {
    let bar = bar_view(m, l);
    MeasureView {
        name_html: rich_html(&m.name),
        why_html: m.why.as_ref().map(rich_html),
        baseline: m.baseline_text.clone(),
        target: m.target_text.clone(),
        unit: m.unit.clone(),
        by: m.by.clone(),
        quality: m.quality,
        bar,
        long_name: has_long_word(&m.name.text()),
        long_unit: m.unit.as_deref().is_some_and(has_long_word),
    }
}

/// A measure's bar, when it has a baseline: for a rise, the solid part is
/// today's value and the accent part the gain to the target; for a fall, the
/// solid part is what is left at the target and the light part the reduction.
pub(crate) fn bar_view(m: &MeasureRow, l: &Labels) -> Option<BarView> {
    let baseline = m.baseline?;
    let max = baseline.abs().max(m.target.abs());
    let scale = if max > 0.0 { 100.0 / max } else { 0.0 };
    let b = round1((baseline.max(0.0) * scale).clamp(0.0, 100.0));
    let t = round1((m.target.max(0.0) * scale).clamp(0.0, 100.0));
    let unit = m.unit.as_deref();
    let base = m.baseline_text.as_deref().unwrap_or_default();
    let decrease = t < b;
    Some(BarView {
        baseline_pct: if decrease { t } else { b },
        target_pct: t,
        from_pct: b.min(t),
        width_pct: round1((t - b).abs()),
        marker_pct: round1((t - 0.8).clamp(0.0, 98.4)),
        decrease,
        description: format!(
            "{}: {} {}, {} {} ({})",
            m.name.text(),
            l.today,
            with_unit(base, unit),
            l.goal,
            with_unit(&m.target_text, unit),
            m.by
        ),
    })
}

#[derive(Serialize)]
struct SlideView {
    number: usize,
    kind: &'static str,
    label: String,
    /// "3 of 9", for assistive technology.
    position: String,
    heading_html: String,
    subtitle_html: Option<String>,
    byline: Vec<String>,
    points_html: Vec<String>,
    evidence_html: Option<String>,
    answer_html: Option<String>,
    image: Option<ImageView>,
    measures: Vec<MeasureView>,
    part: Option<String>,
    notes_html: String,
    /// The fit step the build chose (0: the theme's own sizes).
    fit: usize,
}

#[derive(Serialize)]
struct DeckView<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    author: Option<&'a str>,
    lang: &'static str,
    minutes: Option<u32>,
    total: usize,
    labels: &'a Labels,
    generator: &'static str,
}

#[derive(Serialize)]
struct Page<'a> {
    deck: DeckView<'a>,
    slides: Vec<SlideView>,
    /// Theme CSS with fonts and colours, inlined.
    css: String,
    /// The theme's script, exactly as it goes between `<script>` and `</script>`.
    js: &'a str,
    /// The Content-Security-Policy for the `<meta>` element.
    csp: String,
}

/// The Content-Security-Policy of a deck: nothing from the network, fonts and
/// images only from data: URLs, and only the scripts whose exact text is given
/// (by SHA-256 hash), so that even an escaping bug could not run injected script.
/// Styles stay inline-allowed: the theme's CSS is one inline element.
pub fn content_security_policy(scripts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let hashes: Vec<String> = scripts
        .iter()
        .map(|s| format!("'sha256-{}'", BASE64.encode(Sha256::digest(s.as_bytes()))))
        .collect();
    format!(
        "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src {}; base-uri 'none'; form-action 'none'",
        if hashes.is_empty() {
            "'none'".to_string()
        } else {
            hashes.join(" ")
        }
    )
}

/// Speaker notes; on a metrics slide, each measure's `why` is added, since the
/// slide itself has room only for the table.
fn notes_html(slide: &Slide, l: &Labels) -> String {
    let mut html = blocks_html(&slide.notes);
    let whys: Vec<String> = slide
        .measures
        .iter()
        .filter_map(|m| {
            let why = m.why.as_ref()?;
            Some(format!(
                "<li><strong>{}</strong>: {}</li>",
                rich_html(&m.name),
                rich_html(why)
            ))
        })
        .collect();
    if !whys.is_empty() {
        html.push_str(&format!(
            "<p>{}</p><ul>{}</ul>",
            escape(l.why_measures),
            whys.concat()
        ));
    }
    html
}

fn slide_view(slide: &Slide, total: usize, l: &Labels) -> SlideView {
    SlideView {
        number: slide.number,
        kind: slide.kind.name(),
        label: slide.label.clone(),
        position: l.slide_of(slide.number, total),
        heading_html: rich_html(&slide.heading),
        subtitle_html: slide.subtitle.as_ref().map(rich_html),
        byline: slide.byline.clone(),
        points_html: slide.points.iter().map(rich_html).collect(),
        evidence_html: slide.evidence.as_ref().map(rich_html),
        answer_html: slide.answer.as_ref().map(rich_html),
        image: slide.image.as_ref().map(ImageView::new),
        measures: slide.measures.iter().map(|m| measure_view(m, l)).collect(),
        part: slide.part.map(|(i, n)| format!("{i}/{n}")),
        notes_html: notes_html(slide, l),
        fit: slide.fit,
    }
}

/// The theme's fonts as `@font-face` rules with base64 data URLs. Encoding is
/// a fifth of a small deck's render time, so the last result is kept: `watch`
/// renders on every save with the same fonts.
fn font_faces(theme: &Theme) -> String {
    const FACES: [(&str, u16, &str); 4] = [
        ("fonts/regular.woff2", 400, "normal"),
        ("fonts/bold.woff2", 700, "normal"),
        ("fonts/italic.woff2", 400, "italic"),
        ("fonts/bold-italic.woff2", 700, "italic"),
    ];
    let family = &theme.config.font_family;
    let files: Vec<Option<&[u8]>> = FACES.iter().map(|(f, _, _)| theme.file(f)).collect();
    /// (font family, the font files, the rules made from them).
    type Faces = (String, Vec<Option<Vec<u8>>>, String);
    static LAST: Mutex<Option<Faces>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((f, bytes, css)) = last.as_ref()
        && f == family
        && bytes.iter().map(Option::as_deref).eq(files.iter().copied())
    {
        return css.clone();
    }
    let mut css = String::new();
    for ((_, weight, style), bytes) in FACES.iter().zip(&files) {
        if let Some(bytes) = bytes {
            css.push_str(&format!(
                "@font-face{{font-family:\"{family}\";font-weight:{weight};font-style:{style};font-display:block;src:url({}) format(\"woff2\")}}\n",
                data_uri("font/woff2", bytes)
            ));
        }
    }
    *last = Some((
        family.clone(),
        files.iter().map(|b| b.map(<[u8]>::to_vec)).collect(),
        css.clone(),
    ));
    css
}

/// The theme's page template, parsed. Parsing is kept for the next render with
/// the same template text (every save in `watch`), and a changed template (a
/// user's theme being edited) is parsed again.
fn template(text: &str) -> Result<Arc<tera::Tera>, ThemeError> {
    static LAST: Mutex<Option<(String, Arc<tera::Tera>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((t, tera)) = last.as_ref()
        && t == text
    {
        return Ok(Arc::clone(tera));
    }
    let mut tera = tera::Tera::new();
    tera.add_raw_template("deck.html", text)
        .map_err(|e| ThemeError(format!("theme template deck.html: {e}")))?;
    let tera = Arc::new(tera);
    *last = Some((text.to_string(), Arc::clone(&tera)));
    Ok(tera)
}

/// The CSS the page gets: colour variables and fonts from the theme, then its stylesheet.
fn page_css(theme: &Theme, brand_color: Option<&str>) -> Result<String, ThemeError> {
    // The brand colour replaces the accent only in themes that take one, and
    // only as adjusted to keep the theme's text contrast.
    let c = theme.palette(brand_color).colors;
    let sizes: String = theme
        .config
        .sizes
        .named()
        .iter()
        .map(|(name, px)| format!(";--size-{name}:{px}px"))
        .collect();
    let mut css = format!(
        ":root{{--bg:{};--text:{};--muted:{};--accent:{};--surface:{};--font:\"{}\",system-ui,sans-serif{sizes}}}\n",
        c.background, c.text, c.muted, c.accent, c.surface, theme.config.font_family
    );
    css.push_str(&font_faces(theme));
    css.push_str(theme.text("style.css")?);
    // A theme may keep the default stylesheet and add a few rules of its own.
    if theme.file("theme.css").is_some() {
        css.push('\n');
        css.push_str(theme.text("theme.css")?);
    }
    // The stylesheet is the theme author's, but never let it close the element early.
    Ok(css.replace("</style", "<\\/style"))
}

/// Renders the deck as one HTML page.
pub fn render(lowered: &Lowered, theme: &Theme) -> Result<String, ThemeError> {
    let info = &lowered.info;
    let l = labels(info.lang);
    let total = lowered.slides.len();
    let js = theme.text("deck.js")?;
    let page = Page {
        deck: DeckView {
            title: &info.title,
            subtitle: info.subtitle.as_deref(),
            author: info.author.as_deref(),
            lang: info.lang.code(),
            minutes: info.minutes,
            total,
            labels: l,
            generator: concat!("pitchdeck ", env!("CARGO_PKG_VERSION")),
        },
        slides: lowered
            .slides
            .iter()
            .map(|s| slide_view(s, total, l))
            .collect(),
        css: page_css(theme, info.brand_color.as_deref())?,
        js,
        csp: content_security_policy(&[js]),
    };
    let tera = template(theme.text("deck.html")?)?;
    let context = tera::Context::from_serialize(&page)
        .map_err(|e| ThemeError(format!("template data: {e}")))?;
    let html = tera
        .render("deck.html", &context)
        .map_err(|e| ThemeError(format!("theme template deck.html: {e}")))?;
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slides::parse_inline;

    #[test]
    fn the_policy_hashes_scripts_with_sha256() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        let policy = content_security_policy(&["alert(1)"]);
        assert!(
            policy.contains("script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        assert!(content_security_policy(&[]).contains("script-src 'none'"));
    }

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn rich_text_renders_styles_and_escapes_links() {
        let (rich, _) = parse_inline("**bold** [x](https://e.org/?a=1&b=\"2\")");
        assert_eq!(
            rich_html(&rich),
            "<strong>bold</strong> <a href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\">x</a>"
        );
    }
}
