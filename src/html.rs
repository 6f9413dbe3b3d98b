//! The HTML back end: one self-contained file (CSS, script, fonts and images
//! inlined) rendered from the slides with the theme's Tera template.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use crate::backend::{Backend, Input, Rendered};
use crate::diagnostic::{Code, Diagnostic};
use crate::geometry::has_long_word;
use crate::i18n::{Labels, labels};
use crate::slides::{Bar, Block, Chart, Lowered, MeasureRow, Rich, Slide, SlideImage, StandingRow};
use crate::theme::{Theme, ThemeError, ThemeFile};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`.
fn escape_into(out: &mut String, text: &str) {
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
}

/// Rich text as HTML. Every character of user text passes through `escape`.
pub fn rich_html(rich: &Rich) -> String {
    let mut out = String::new();
    rich_html_into(&mut out, rich);
    out
}

/// [`rich_html`], appended to `out`.
fn rich_html_into(out: &mut String, rich: &Rich) {
    for run in &rich.runs {
        if let Some(link) = &run.link {
            out.push_str("<a href=\"");
            escape_into(out, link);
            out.push_str("\">");
        }
        let tags = [
            (run.strong, "strong"),
            (run.emphasis, "em"),
            (run.code, "code"),
        ];
        for (_, tag) in tags.iter().filter(|(on, _)| *on) {
            out.push('<');
            out.push_str(tag);
            out.push('>');
        }
        escape_into(out, &run.text);
        for (_, tag) in tags.iter().rev().filter(|(on, _)| *on) {
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
        }
        if run.link.is_some() {
            out.push_str("</a>");
        }
    }
}

fn blocks_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    blocks_html_into(&mut out, blocks);
    out
}

fn blocks_html_into(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(rich) => {
                out.push_str("<p>");
                rich_html_into(out, rich);
                out.push_str("</p>");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push('<');
                out.push_str(tag);
                out.push('>');
                for item in items {
                    out.push_str("<li>");
                    rich_html_into(out, item);
                    out.push_str("</li>");
                }
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
        }
    }
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

#[derive(Serialize)]
struct MeasureView {
    name_html: String,
    why_html: Option<String>,
    baseline: Option<String>,
    target: String,
    unit: Option<String>,
    by: String,
    quality: bool,
    bar: Option<Bar>,
    /// The name, or the unit, holds a word too long for a column
    /// (`LONG_WORD`): the stylesheet lets that cell break it anywhere.
    long_name: bool,
    long_unit: bool,
}

fn measure_view(m: &MeasureRow) -> MeasureView {
    MeasureView {
        name_html: rich_html(&m.name),
        why_html: m.why.as_ref().map(rich_html),
        baseline: m.baseline_text.clone(),
        target: m.target_text.clone(),
        unit: m.unit.clone(),
        by: m.by.clone(),
        quality: m.quality,
        bar: m.bar.clone(),
        long_name: has_long_word(&m.name.text()),
        long_unit: m.unit.as_deref().is_some_and(has_long_word),
    }
}

#[derive(Serialize)]
struct StandingView {
    name_html: String,
    unit: Option<String>,
    long_name: bool,
    baseline: Option<String>,
    latest: Option<String>,
    latest_date: Option<String>,
    target: String,
    by: String,
    /// The status's stable name (a CSS class) and its word.
    status: Option<&'static str>,
    status_word: Option<String>,
    chart: Chart,
    /// The measured line as SVG `points`.
    path: String,
    /// Top-left corners of the chart's marks: the target, the baseline, each result.
    goal: [f64; 2],
    base: Option<[f64; 2]>,
    dots: Vec<[f64; 2]>,
}

/// A mark `w`×`h` centred on a point: its top-left corner, to 1/10 px.
fn corner(p: [f64; 2], w: f64, h: f64) -> [f64; 2] {
    let r = |v: f64| (v * 10.0).round() / 10.0;
    [r(p[0] - w / 2.0), r(p[1] - h / 2.0)]
}

fn standing_view(r: &StandingRow) -> StandingView {
    StandingView {
        name_html: rich_html(&r.name),
        unit: r.unit.clone(),
        long_name: has_long_word(&r.name.text()),
        baseline: r.baseline_text.clone(),
        latest: r.latest_text.clone(),
        latest_date: r.latest_date.clone(),
        target: r.target_text.clone(),
        by: r.by.clone(),
        status: r.status.map(|s| s.key()),
        status_word: r.status_word.clone(),
        chart: r.chart.clone(),
        path: r
            .chart
            .path
            .iter()
            .map(|[x, y]| format!("{x},{y}"))
            .collect::<Vec<_>>()
            .join(" "),
        goal: corner(r.chart.goal, 3.0, 14.0),
        base: r
            .chart
            .pace
            .and(r.chart.path.first())
            .map(|p| corner(*p, 6.0, 6.0)),
        dots: r.chart.dots.iter().map(|p| corner(*p, 7.0, 7.0)).collect(),
    }
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
    standing: Vec<StandingView>,
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

/// Speaker notes; on a metrics slide, why each measure was chosen follows
/// (lowering writes it), since the slide itself has room only for the table.
fn notes_html(slide: &Slide) -> String {
    let mut html = blocks_html(&slide.notes);
    blocks_html_into(&mut html, &slide.measure_notes);
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
        measures: slide.measures.iter().map(measure_view).collect(),
        standing: slide.standing.iter().map(standing_view).collect(),
        part: slide.part.map(|(i, n)| format!("{i}/{n}")),
        notes_html: notes_html(slide),
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
fn template(text: &str) -> Result<Arc<tera::Tera>, tera::Error> {
    static LAST: Mutex<Option<(String, Arc<tera::Tera>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((t, tera)) = last.as_ref()
        && t == text
    {
        return Ok(Arc::clone(tera));
    }
    let mut tera = tera::Tera::new();
    tera.add_raw_template("deck.html", text)?;
    let tera = Arc::new(tera);
    *last = Some((text.to_string(), Arc::clone(&tera)));
    Ok(tera)
}

/// The CSS the page gets: colour variables and fonts from the theme, then its stylesheet.
fn page_css(
    theme: &Theme,
    brand_color: Option<&str>,
    standing: bool,
) -> Result<String, ThemeError> {
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
    // The "where we stand" table's rules, only for a deck that has one: a
    // deck without results gets the page it got before results existed.
    if standing {
        css.push('\n');
        css.push_str(theme.text("standing.css")?);
    }
    // A theme may keep the default stylesheet and add a few rules of its own.
    if theme.file("theme.css").is_some() {
        css.push('\n');
        css.push_str(theme.text("theme.css")?);
    }
    // The stylesheet is the theme author's, but never let it close the element early.
    Ok(css.replace("</style", "<\\/style"))
}

/// A template error as a theme error in the template's file, at the place
/// Tera reports.
fn template_error(theme: &Theme, text: &str, e: &tera::Error) -> ThemeError {
    let path = match &theme.folder {
        Some(folder) => crate::theme::shown_path(&folder.join("deck.html")),
        None => format!("deck.html of the {} theme", theme.config.name),
    };
    let (what, report) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) => ("does not parse", Some(r)),
        tera::ErrorKind::RenderingError(r) => ("could not be rendered", Some(r)),
        _ => ("could not be rendered", None),
    };
    match report.filter(|r| r.filename() == "deck.html") {
        Some(r) => ThemeError::new(format!("theme template deck.html {what}: {}", r.message()))
            .in_file(ThemeFile {
                path,
                text: Some(Arc::from(text)),
                span: Some(r.span().range.clone()),
            }),
        None => {
            ThemeError::new(format!("theme template deck.html {what}: {e}")).in_file(ThemeFile {
                path,
                text: None,
                span: None,
            })
        }
    }
}

/// Renders the deck as one HTML page. A theme that cannot draw it is an
/// error (E012), in the theme's file when it is about one.
pub fn render(lowered: &Lowered, theme: &Theme) -> Result<String, Diagnostic> {
    render_page(lowered, theme, None).map_err(theme_failure)
}

/// The script `watch` adds to the page it serves: it waits for the next build
/// and reloads the page on the same slide (`src/reload.js`).
pub const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// The reload script's element; `good` is the build the page comes from.
pub fn reload_script(good: u64) -> String {
    format!("<script id=\"pitchdeck-watch\" data-good=\"{good}\">{RELOAD_SCRIPT}</script>\n")
}

/// Renders the page; with `reload`, as `watch` serves it: the reload script
/// before the last `</body>`, and the policy allowing that script (by its
/// hash) and its requests to the server that served the page.
fn render_page(
    lowered: &Lowered,
    theme: &Theme,
    reload: Option<u64>,
) -> Result<String, ThemeError> {
    let info = &lowered.info;
    let l = labels(info.lang);
    let total = lowered.slides.len();
    let js = theme.text("deck.js")?;
    let csp = match reload {
        None => content_security_policy(&[js]),
        Some(_) => format!(
            "{}; connect-src 'self'",
            content_security_policy(&[js, RELOAD_SCRIPT])
        ),
    };
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
        css: page_css(
            theme,
            info.brand_color.as_deref(),
            lowered.slides.iter().any(|s| !s.standing.is_empty()),
        )?,
        js,
        csp,
    };
    let text = theme.text("deck.html")?;
    let tera = template(text).map_err(|e| template_error(theme, text, &e))?;
    let context = tera::Context::from_serialize(&page)
        .map_err(|e| ThemeError::new(format!("template data: {e}")))?;
    let mut html = tera
        .render("deck.html", &context)
        .map_err(|e| template_error(theme, text, &e))?;
    if let Some(good) = reload {
        let at = html
            .to_ascii_lowercase()
            .rfind("</body>")
            .unwrap_or(html.len());
        html.insert_str(at, &reload_script(good));
    }
    Ok(html)
}

/// The HTML back end: the deck file.
pub struct Html;

/// The page `watch` serves: the deck with its reload script (never written).
pub struct Served;

fn rendered(
    page: Result<String, ThemeError>,
    lowered: &Lowered,
) -> Result<Rendered, Vec<Diagnostic>> {
    match page {
        Ok(page) => Ok(Rendered {
            bytes: page.into_bytes(),
            count: lowered.slides.len(),
            diagnostics: Vec::new(),
        }),
        Err(e) => Err(vec![theme_failure(e)]),
    }
}

/// A theme that cannot draw the deck (a template that does not parse, a
/// missing file): the HTML back end's own error, E012.
fn theme_failure(e: ThemeError) -> Diagnostic {
    let message = format!("the theme cannot draw the HTML deck: {}", e.message);
    ThemeError { message, ..e }
        .help("fix the theme's files (docs/themes.md), or build with a built-in theme: --theme default")
        .diagnostic(Code::E012, None)
}

impl Backend for Html {
    fn output(&self) -> &'static str {
        "html"
    }
    fn unit(&self) -> &'static str {
        "slides"
    }
    fn render(&self, input: &Input) -> Result<Rendered, Vec<Diagnostic>> {
        rendered(render_page(input.lowered, input.theme, None), input.lowered)
    }
}

impl Backend for Served {
    fn output(&self) -> &'static str {
        "served.html"
    }
    fn unit(&self) -> &'static str {
        "slides"
    }
    fn render(&self, input: &Input) -> Result<Rendered, Vec<Diagnostic>> {
        let page = render_page(
            input.lowered,
            input.theme,
            Some(input.settings.served_version),
        );
        rendered(page, input.lowered)
    }
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

    /// The served page: the reload script before the last `</body>`, its
    /// hash in the policy with `connect-src 'self'`; the built page has neither.
    #[test]
    fn the_served_page_carries_the_reload_script_and_its_hash() {
        let compiled = crate::compile(
            "[deck]\ntitle = \"T\"\n[need]\nclaim = \"A.\"\n[risk]\nclaim = \"B.\"\n[strategy]\nclaim = \"C.\"\n[metrics]\nclaim = \"D.\"\n[[metrics.measure]]\nname = \"E\"\ntarget = 1\nby = 2027-01-01\n",
            std::path::Path::new("."),
        );
        let lowered = compiled.lowered.expect("a valid deck");
        let theme = Theme::builtin("default").unwrap();
        let built = render_page(&lowered, &theme, None).unwrap();
        let served = render_page(&lowered, &theme, Some(3)).unwrap();
        let tag = reload_script(3);
        assert!(!built.contains("pitchdeck-watch") && !built.contains("connect-src"));
        let at = served.rfind("</body>").unwrap();
        assert!(
            served[..at].ends_with(&tag),
            "the script is not just before </body>"
        );
        let js = theme.text("deck.js").unwrap();
        let policy = escape(&format!(
            "{}; connect-src 'self'",
            content_security_policy(&[js, RELOAD_SCRIPT])
        ));
        assert!(served.contains(&policy), "{policy}");
        // The hash is of the element's exact text, as browsers compute it.
        let body = tag
            .strip_prefix("<script id=\"pitchdeck-watch\" data-good=\"3\">")
            .and_then(|s| s.strip_suffix("</script>\n"))
            .unwrap();
        assert_eq!(body, RELOAD_SCRIPT);
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
            // `"` is percent-encoded in lowering (a valid URL), `&` escaped here.
            "<strong>bold</strong> <a href=\"https://e.org/?a=1&amp;b=%222%22\">x</a>"
        );
    }
}
