//! Lowering: a validated `Deck` becomes `Vec<Slide>`, the one intermediate form
//! every back end reads. Markdown is parsed here, once, into rich text.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::deck::{Date, Deck, ImageFormat, Lang, Measure, MeasureKind, SectionKind, Text};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::{Labels, labels};
use crate::results::Status;

/// Measures that fit on one metrics slide; more continue on the next.
pub const MEASURES_PER_SLIDE: usize = 5;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    pub text: String,
    pub strong: bool,
    pub emphasis: bool,
    pub code: bool,
    /// Target of a link; only http, https and mailto survive lowering.
    pub link: Option<String>,
}

/// Inline rich text: a sequence of runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rich {
    pub runs: Vec<Run>,
}

impl Rich {
    pub fn plain(text: impl Into<String>) -> Self {
        Rich {
            runs: vec![Run {
                text: text.into(),
                ..Run::default()
            }],
        }
    }

    /// The text without styles.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|r| r.text.is_empty())
    }
}

/// A block of speaker notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Rich),
    List { ordered: bool, items: Vec<Rich> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideKind {
    Title,
    Section(SectionKind),
    /// "Where we stand": the measured results, after the metrics slide.
    Standing,
    /// "Questions you may hear", before the objections.
    Divider,
    Objection,
}

impl SlideKind {
    /// A short stable name, used as a CSS class and in diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            SlideKind::Title => "title",
            SlideKind::Section(k) => k.key(),
            SlideKind::Standing => "standing",
            SlideKind::Divider => "divider",
            SlideKind::Objection => "objection",
        }
    }
}

/// A slide's image, ready to embed.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideImage {
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
    pub alt: String,
}

/// One row of the metrics table.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureRow {
    pub name: Rich,
    pub baseline: Option<f64>,
    pub target: f64,
    /// Figures formatted in the deck's language.
    pub baseline_text: Option<String>,
    pub target_text: String,
    pub unit: Option<String>,
    pub by: String,
    pub quality: bool,
    pub why: Option<Rich>,
    /// The bar from baseline to target, when there is a baseline.
    pub bar: Option<Bar>,
}

/// A measure's bar from baseline to target, in percent of the track (as the
/// HTML's SVG, viewBox 100×20, draws it; the PDF draws the same). For a rise,
/// the solid part is today's value and the accent part the gain to the
/// target; for a fall, the solid part is what is left at the target and the
/// light part the reduction.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bar {
    pub baseline_pct: f64,
    pub target_pct: f64,
    /// The segment between baseline and target: its start and width in percent.
    pub from_pct: f64,
    pub width_pct: f64,
    /// Left edge of the target marker.
    pub marker_pct: f64,
    /// True when the goal is to go down (e.g. complaints).
    pub decrease: bool,
    /// The bar in words, for assistive technology.
    pub description: String,
}

impl Bar {
    /// The bar of a measure, when it has a baseline.
    fn of(m: &MeasureRow, l: &Labels) -> Option<Bar> {
        let baseline = m.baseline?;
        let max = baseline.abs().max(m.target.abs());
        let scale = if max > 0.0 { 100.0 / max } else { 0.0 };
        let b = round1((baseline.max(0.0) * scale).clamp(0.0, 100.0));
        let t = round1((m.target.max(0.0) * scale).clamp(0.0, 100.0));
        let unit = m.unit.as_deref();
        let base = m.baseline_text.as_deref().unwrap_or_default();
        let decrease = t < b;
        Some(Bar {
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
}

/// Rounds to one decimal (bar geometry).
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A figure with its unit, as the slide prints it.
pub(crate) fn with_unit(figure: &str, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{figure}\u{a0}%"),
        Some(u) => format!("{figure} {u}"),
        None => figure.to_string(),
    }
}

/// One row of the "where we stand" table: a measure and its results.
#[derive(Debug, Clone, PartialEq)]
pub struct StandingRow {
    pub name: Rich,
    /// The unit, shown after the name; "%" goes with the figures instead.
    pub unit: Option<String>,
    /// Figures (with "%" when that is the unit), in the deck's language.
    pub baseline_text: Option<String>,
    /// The latest result and its date, when there is one.
    pub latest_text: Option<String>,
    pub latest_date: Option<String>,
    pub target_text: String,
    pub by: String,
    pub status: Option<Status>,
    /// The status as a word (never colour alone).
    pub status_word: Option<String>,
    pub chart: Chart,
}

/// A row's small chart, in CSS px of a `CHART_WIDTH`×`CHART_HEIGHT` box (the
/// HTML's SVG viewBox; the PDF scales it): the baseline, each result, and the
/// straight pace line from the baseline at `since` to the target at `by`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Chart {
    /// The pace line: x1, y1, x2, y2. Without a baseline there is none.
    pub pace: Option<[f64; 4]>,
    /// The measured line: the baseline, then each result in date order.
    pub path: Vec<[f64; 2]>,
    /// A point per result.
    pub dots: Vec<[f64; 2]>,
    /// The target at `by`.
    pub goal: [f64; 2],
    /// The chart in words, for assistive technology.
    pub description: String,
}

/// Space kept free at the chart's edges, so points are not cut.
const CHART_PAD: f64 = 5.0;

impl Chart {
    fn of(m: &Measure, lang: Lang, l: &Labels) -> Chart {
        use crate::geometry::{CHART_HEIGHT, CHART_WIDTH};
        let (w, h) = (f64::from(CHART_WIDTH), f64::from(CHART_HEIGHT));
        let mut results: Vec<(Date, f64)> = m.results.iter().map(|r| (r.date, r.value.0)).collect();
        results.sort_by_key(|r| r.0);
        let day = |d: Date| d.days_since_epoch() as f64;
        let start = m
            .since
            .into_iter()
            .chain(results.first().map(|r| r.0))
            .map(day)
            .fold(day(m.by), f64::min);
        let end = results
            .last()
            .map_or(day(m.by), |r| day(r.0).max(day(m.by)));
        let values = m
            .baseline
            .map(|b| b.0)
            .into_iter()
            .chain([m.target.0])
            .chain(results.iter().map(|r| r.1));
        let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let x = |d: f64| {
            let t = if end > start {
                (d - start) / (end - start)
            } else {
                1.0
            };
            round1(CHART_PAD + t * (w - 2.0 * CHART_PAD))
        };
        let y = |v: f64| {
            let t = if high > low {
                (v - low) / (high - low)
            } else {
                0.5
            };
            round1(h - CHART_PAD - t * (h - 2.0 * CHART_PAD))
        };
        let since = m.since.map_or(start, day);
        let goal = [x(day(m.by)), y(m.target.0)];
        let pace = m.baseline.map(|b| [x(since), y(b.0), goal[0], goal[1]]);
        let dots: Vec<[f64; 2]> = results.iter().map(|r| [x(day(r.0)), y(r.1)]).collect();
        let path = m
            .baseline
            .map(|b| [x(since), y(b.0)])
            .into_iter()
            .chain(dots.iter().copied())
            .collect();
        let unit = m.unit.as_ref().map(|u| u.value.as_str());
        let fig = |v: f64| with_unit(&crate::deck::Number(v).format(lang), unit);
        let mut words = vec![];
        if let Some(b) = m.baseline {
            words.push(format!("{} {}", l.start.to_lowercase(), fig(b.0)));
        }
        for (date, value) in &results {
            words.push(format!("{} {} {date}", fig(*value), l.measured_on));
        }
        words.push(format!("{} {} ({})", l.goal, fig(m.target.0), m.by));
        let mut description = format!("{}: {}", plain_name(&m.name.value), words.join(", "));
        if m.baseline.is_some() {
            description.push_str(&format!("; {}", l.pace));
        }
        Chart {
            pace,
            path,
            dots,
            goal,
            description,
        }
    }
}

/// A name's text without its Markdown, for descriptions.
fn plain_name(markdown: &str) -> String {
    parse_inline(markdown).0.text()
}

/// On a metrics slide, why each of its measures was chosen, as notes: a
/// paragraph ("Why these measures:") and a list of "**name**: why".
fn measure_notes(measures: &[MeasureRow], l: &Labels) -> Vec<Block> {
    let items: Vec<Rich> = measures
        .iter()
        .filter_map(|m| {
            let why = m.why.as_ref()?;
            let mut runs: Vec<Run> = m
                .name
                .runs
                .iter()
                .map(|r| Run {
                    strong: true,
                    ..r.clone()
                })
                .collect();
            runs.push(Run {
                text: ": ".to_string(),
                ..Run::default()
            });
            runs.extend(why.runs.iter().cloned());
            Some(Rich { runs })
        })
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Paragraph(Rich::plain(l.why_measures)),
        Block::List {
            ordered: false,
            items,
        },
    ]
}

/// One slide, in the terms every back end understands.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    /// 1-based position in the deck.
    pub number: usize,
    pub kind: SlideKind,
    /// The tool's label for the slide ("The need"), in the deck's language.
    pub label: String,
    /// The claim (or the title, or the question).
    pub heading: Rich,
    /// Title slide: the subtitle.
    pub subtitle: Option<Rich>,
    /// Title slide: author, audience, date.
    pub byline: Vec<String>,
    pub points: Vec<Rich>,
    pub evidence: Option<Rich>,
    /// Objection slides: the answer.
    pub answer: Option<Rich>,
    pub image: Option<SlideImage>,
    pub measures: Vec<MeasureRow>,
    /// On a "where we stand" slide: a row per measure.
    pub standing: Vec<StandingRow>,
    /// "2/3" on continued metrics slides.
    pub part: Option<(usize, usize)>,
    /// Objection slides: which objection (1-based).
    pub objection: Option<usize>,
    pub notes: Vec<Block>,
    /// On a metrics slide: why each of its measures was chosen, as notes to
    /// print after `notes` (both back ends do).
    pub measure_notes: Vec<Block>,
    /// Where the slide comes from in deck.toml.
    pub span: Range<usize>,
    /// The user's text on the slide as deck.toml has it (values and places),
    /// in reading order, so a back end can point at one character of it.
    pub texts: Vec<Text>,
    /// How much smaller its type is set to fit (0: not at all; see `fit`).
    pub fit: usize,
}

impl Slide {
    fn new(kind: SlideKind, label: &str, heading: Rich, span: Range<usize>) -> Self {
        Slide {
            number: 0,
            kind,
            label: label.to_string(),
            heading,
            subtitle: None,
            byline: Vec::new(),
            points: Vec::new(),
            evidence: None,
            answer: None,
            image: None,
            measures: Vec::new(),
            standing: Vec::new(),
            part: None,
            objection: None,
            notes: Vec::new(),
            measure_notes: Vec::new(),
            span,
            texts: Vec::new(),
            fit: 0,
        }
    }

    /// Where a character of the slide's text first stands in deck.toml: the
    /// character itself when its text is there verbatim, else that text, else
    /// the slide (text the tool wrote, such as a label).
    pub fn locate(&self, c: char) -> Range<usize> {
        let mut buf = [0u8; 4];
        let needle: &str = c.encode_utf8(&mut buf);
        self.texts
            .iter()
            .find(|t| t.value.contains(needle))
            .map_or_else(|| self.span.clone(), |t| t.find_span(needle))
    }

    /// A name for diagnostics: "need", "metrics 2/2", "objection 3".
    pub fn describe(&self) -> String {
        match (self.kind, self.part, self.objection) {
            (SlideKind::Section(k), Some((i, n)), _) => format!("{} {i}/{n}", k.key()),
            (SlideKind::Standing, Some((i, n)), _) => format!("standing {i}/{n}"),
            (SlideKind::Objection, _, Some(i)) => format!("objection {i}"),
            (kind, _, _) => kind.name().to_string(),
        }
    }
}

/// What the back ends need to know about the deck as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckInfo {
    pub title: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub audience: Option<String>,
    pub date: Option<Date>,
    pub lang: Lang,
    pub minutes: Option<u32>,
    pub brand_color: Option<String>,
    /// The summary claim as plain text (the PDF's subject).
    pub summary: Option<String>,
}

/// The lowered deck: slides plus what lowering noticed (unsafe links and the like).
pub struct Lowered {
    pub info: DeckInfo,
    pub slides: Vec<Slide>,
    pub diagnostics: Vec<Diagnostic>,
}

struct Lowerer {
    diagnostics: Vec<Diagnostic>,
}

impl Lowerer {
    fn inline(&mut self, text: &Text) -> Rich {
        let (rich, problems) = parse_inline(&text.value);
        self.report(text, problems);
        rich
    }

    fn inline_opt(&mut self, text: &Option<Text>) -> Option<Rich> {
        text.as_ref().map(|t| self.inline(t))
    }

    fn blocks(&mut self, text: &Text) -> Vec<Block> {
        let (blocks, problems) = parse_blocks(&text.value);
        self.report(text, problems);
        blocks
    }

    fn report(&mut self, text: &Text, problems: Vec<MarkdownProblem>) {
        for p in problems {
            let (d, target) = match &p {
                MarkdownProblem::UnsafeLink(url) => (
                    Diagnostic::new(Code::W002,
                        format!("link to `{url}` is kept as plain text: only http, https and mailto links are allowed"),
                    )
                    .help("link to a web page (https://…) or an e-mail address (mailto:…)"),
                    url,
                ),
                MarkdownProblem::Image(src) => (
                    Diagnostic::new(Code::W003, format!("Markdown image `{src}` is not shown; its alternative text is kept"))
                        .help("show an image with the section's `image` and `image_alt` keys"),
                    src,
                ),
                MarkdownProblem::TooDeep(depth) => {
                    let d = Diagnostic::new(Code::E011,
                        format!("lists or quotes nested {depth} levels deep; the limit is {MAX_MARKDOWN_DEPTH}"),
                    )
                    .help("speaker notes read best flat: use paragraphs and one level of list");
                    self.diagnostics.push(d.at(text.span.start..text.span.start));
                    continue;
                }
            };
            let span = if target.is_empty() {
                text.span.clone()
            } else {
                text.find_span(target)
            };
            self.diagnostics.push(d.at(span));
        }
    }
}

/// Lowers a deck to slides.
pub fn lower(deck: &Deck) -> Lowered {
    let l = labels(deck.meta.lang);
    let mut lw = Lowerer {
        diagnostics: Vec::new(),
    };
    let mut slides = Vec::new();

    let meta = &deck.meta;
    let mut title = Slide::new(
        SlideKind::Title,
        "",
        lw.inline(&meta.title),
        meta.span.clone(),
    );
    title.subtitle = lw.inline_opt(&meta.subtitle);
    if let Some(author) = &meta.author {
        title.byline.push(author.value.clone());
    }
    if let Some(audience) = &meta.audience {
        title
            .byline
            .push(format!("{}: {}", l.for_audience, audience.value));
    }
    if let Some(date) = meta.date {
        title.byline.push(date.to_string());
    }
    title.texts = [Some(&meta.title), meta.subtitle.as_ref()]
        .into_iter()
        .chain([meta.author.as_ref(), meta.audience.as_ref()])
        .flatten()
        .cloned()
        .collect();
    if let Some(logo) = &meta.logo {
        title.image = Some(SlideImage {
            format: logo.format,
            bytes: logo.bytes.clone(),
            alt: String::new(),
        });
    }
    slides.push(title);

    for section in &deck.sections {
        let mut slide = Slide::new(
            SlideKind::Section(section.kind),
            l.section(section.kind),
            lw.inline(&section.claim),
            section.span.clone(),
        );
        slide.points = section.points.iter().map(|p| lw.inline(p)).collect();
        slide.evidence = lw.inline_opt(&section.evidence);
        slide.image = section.image.as_ref().map(|img| SlideImage {
            format: img.format,
            bytes: img.bytes.clone(),
            alt: img.alt.value.clone(),
        });
        slide.notes = section
            .notes
            .as_ref()
            .map(|n| lw.blocks(n))
            .unwrap_or_default();
        slide.texts = std::iter::once(&section.claim)
            .chain(&section.points)
            .chain(&section.evidence)
            .chain(section.image.as_ref().map(|i| &i.alt))
            .chain(&section.notes)
            .cloned()
            .collect();
        if section.kind != SectionKind::Metrics {
            slides.push(slide);
            continue;
        }
        let rows: Vec<MeasureRow> = deck
            .measures
            .iter()
            .map(|m| MeasureRow {
                name: lw.inline(&m.name),
                baseline: m.baseline.map(|b| b.0),
                target: m.target.0,
                baseline_text: m.baseline.map(|b| b.format(meta.lang)),
                target_text: m.target.format(meta.lang),
                unit: m.unit.as_ref().map(|u| u.value.clone()),
                by: m.by.to_string(),
                quality: m.kind == MeasureKind::Quality,
                why: lw.inline_opt(&m.why),
                bar: None,
            })
            .map(|mut row| {
                row.bar = Bar::of(&row, l);
                row
            })
            .collect();
        let chunks: Vec<&[MeasureRow]> = rows.chunks(MEASURES_PER_SLIDE).collect();
        let parts = chunks.len().max(1);
        if chunks.is_empty() {
            slides.push(slide);
            continue;
        }
        for (i, (chunk, measures)) in chunks
            .into_iter()
            .zip(deck.measures.chunks(MEASURES_PER_SLIDE))
            .enumerate()
        {
            let mut part = slide.clone();
            part.measures = chunk.to_vec();
            part.measure_notes = measure_notes(chunk, l);
            if parts > 1 {
                part.part = Some((i + 1, parts));
            }
            // Notes, points and image belong to the first part only.
            if i > 0 {
                part.notes.clear();
                part.points.clear();
                part.evidence = None;
                part.image = None;
                part.texts.truncate(1);
            }
            for m in measures {
                part.texts.push(m.name.clone());
                part.texts.extend(m.unit.iter().chain(&m.why).cloned());
            }
            slides.push(part);
        }
        if crate::results::any(deck) {
            let names: Vec<Rich> = rows.iter().map(|r| r.name.clone()).collect();
            slides.extend(standing_slides(deck, section.span.clone(), &names, l));
        }
    }

    if !deck.objections.is_empty() {
        let first = &deck.objections[0];
        slides.push(Slide::new(
            SlideKind::Divider,
            "",
            Rich::plain(l.objections),
            first.span.clone(),
        ));
        for (i, o) in deck.objections.iter().enumerate() {
            let mut slide = Slide::new(
                SlideKind::Objection,
                &format!("{} {}", l.objection, i + 1),
                lw.inline(&o.question),
                o.span.clone(),
            );
            slide.answer = Some(lw.inline(&o.answer));
            slide.texts = vec![o.question.clone(), o.answer.clone()];
            slide.objection = Some(i + 1);
            slides.push(slide);
        }
    }

    for (i, slide) in slides.iter_mut().enumerate() {
        slide.number = i + 1;
    }
    let info = DeckInfo {
        title: slides[0].heading.text(),
        subtitle: slides[0].subtitle.as_ref().map(Rich::text),
        author: meta.author.as_ref().map(|t| t.value.clone()),
        audience: meta.audience.as_ref().map(|t| t.value.clone()),
        date: meta.date,
        lang: meta.lang,
        minutes: meta.minutes,
        brand_color: meta.brand_color.as_ref().map(|t| t.value.clone()),
        summary: deck
            .section(SectionKind::Summary)
            .map(|s| parse_inline(&s.claim.value).0.text()),
    };
    Lowered {
        info,
        slides,
        diagnostics: lw.diagnostics,
    }
}

/// The "where we stand" slides: one row per measure, five to a slide; the
/// heading counts the measures on track or better.
fn standing_slides(
    deck: &Deck,
    span: Range<usize>,
    names: &[Rich],
    l: &'static Labels,
) -> Vec<Slide> {
    use crate::results::{self, Status};
    let lang = deck.meta.lang;
    let rows: Vec<StandingRow> = deck
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let unit = m.unit.as_ref().map(|u| u.value.as_str());
            let percent = unit.is_some_and(|u| u.trim() == "%");
            let fig = |n: crate::deck::Number| with_unit(&n.format(lang), unit.filter(|_| percent));
            let latest = results::latest(&m.results);
            let status = results::of_measure(deck, i).map(|s| s.status);
            StandingRow {
                name: names.get(i).cloned().unwrap_or_default(),
                unit: unit.filter(|_| !percent).map(str::to_string),
                baseline_text: m.baseline.map(fig),
                latest_text: latest.map(|r| fig(r.value)),
                latest_date: latest.map(|r| r.date.to_string()),
                target_text: fig(m.target),
                by: m.by.to_string(),
                status,
                status_word: status.map(|s| s.word(l).to_string()),
                chart: Chart::of(m, lang, l),
            }
        })
        .collect();
    let rated: Vec<Status> = rows.iter().filter_map(|r| r.status).collect();
    let good = rated
        .iter()
        .filter(|s| matches!(s, Status::Reached | Status::Ahead | Status::OnTrack))
        .count();
    let heading = if rated.is_empty() {
        l.latest_heading.to_string()
    } else {
        l.standing_heading
            .replace("{n}", &good.to_string())
            .replace("{total}", &rated.len().to_string())
    };
    let chunks: Vec<(&[StandingRow], &[Measure])> = rows
        .chunks(MEASURES_PER_SLIDE)
        .zip(deck.measures.chunks(MEASURES_PER_SLIDE))
        .collect();
    let parts = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, (chunk, measures))| {
            let mut slide = Slide::new(
                SlideKind::Standing,
                l.standing,
                Rich::plain(heading.clone()),
                span.clone(),
            );
            slide.standing = chunk.to_vec();
            if parts > 1 {
                slide.part = Some((i + 1, parts));
            }
            slide.texts = measures
                .iter()
                .flat_map(|m| std::iter::once(&m.name).chain(&m.unit))
                .cloned()
                .collect();
            slide
        })
        .collect()
}

/// Something in user Markdown that lowering changed and the user should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkdownProblem {
    UnsafeLink(String),
    Image(String),
    /// Lists or quotes nested deeper than `MAX_MARKDOWN_DEPTH`.
    TooDeep(usize),
}

/// Deepest nesting of lists and quotes accepted in notes.
pub const MAX_MARKDOWN_DEPTH: usize = 16;

fn options() -> Options {
    // One place decides the Markdown dialect: CommonMark, plus strikethrough off,
    // tables off, smart punctuation off (the user's characters are kept exactly).
    Options::empty()
}

/// Whether a link target may become a live link.
pub fn is_safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// A safe link target as every back end writes it: percent-encoded where a URL
/// may not hold a character as written (space, `"`, `<`, `>`, `\`, `^`, `` ` ``,
/// `{`, `|`, `}`, control characters, a `%` that starts no `%XX`, a second `#`,
/// and after the host `[`, `]` and non-ASCII), so the HTML's `href` is a valid
/// URL and the PDF's link is 7-bit ASCII as PDF requires. A target that is
/// already valid comes back unchanged; a non-ASCII host name is left as written.
pub fn encode_link(url: &str) -> String {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    // Where the host ends: after `scheme://host`, at the first `/`, `?` or `#`.
    let host_end = ["http://", "https://"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| {
            url[p.len()..]
                .find(['/', '?', '#'])
                .map_or(url.len(), |i| p.len() + i)
        })
        .unwrap_or(0);
    let bytes = url.as_bytes();
    let mut out = String::with_capacity(url.len());
    let mut fragment = false;
    for (i, c) in url.char_indices() {
        let in_host = i < host_end;
        let keep = match c {
            '%' => {
                bytes.len() > i + 2
                    && bytes[i + 1].is_ascii_hexdigit()
                    && bytes[i + 2].is_ascii_hexdigit()
            }
            '#' if !in_host => !std::mem::replace(&mut fragment, true),
            '[' | ']' => in_host,
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => false,
            c if c.is_ascii_control() => false,
            c if !c.is_ascii() => in_host && !c.is_control() && !c.is_whitespace(),
            _ => true,
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Makes a one-line field Markdown-inline: newlines become spaces and a leading
/// block marker ("# ", "- ", "1. ", "> ", "```", "---") is escaped so it stays text.
fn neutralise_blocks(text: &str) -> String {
    let one_line: String = text
        .split(['\n', '\r'])
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let trimmed = one_line.trim();
    let after = |n: usize| trimmed[n..].chars().next();
    let spaced = |n: usize| matches!(after(n), None | Some(' ') | Some('\t'));
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let rule = trimmed.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|m| trimmed.chars().all(|c| c == ' ' || m.starts_with(c)));
    let escape_at = if (1..=6).contains(&hashes) && spaced(hashes)
        || trimmed.starts_with('>')
        || (trimmed.starts_with(['-', '+', '*']) && spaced(1))
        || trimmed.starts_with("```")
        || trimmed.starts_with("~~~")
        || rule
    {
        Some(0)
    } else if digits > 0
        && digits <= 9
        && matches!(after(digits), Some('.') | Some(')'))
        && spaced(digits + 1)
    {
        Some(digits)
    } else {
        None
    };
    match escape_at {
        Some(i) => format!("{}\\{}", &trimmed[..i], &trimmed[i..]),
        None => trimmed.to_string(),
    }
}

#[derive(Default)]
struct Style {
    strong: usize,
    emphasis: usize,
    link: Vec<Option<String>>,
    image: usize,
}

impl Style {
    fn run(&self, text: &str, code: bool) -> Run {
        Run {
            text: text.to_string(),
            strong: self.strong > 0,
            emphasis: self.emphasis > 0,
            code,
            link: self.link.iter().rev().find_map(|l| l.clone()),
        }
    }
}

fn push_run(rich: &mut Rich, run: Run) {
    if run.text.is_empty() {
        return;
    }
    if let Some(last) = rich.runs.last_mut()
        && last.strong == run.strong
        && last.emphasis == run.emphasis
        && last.code == run.code
        && last.link == run.link
    {
        last.text.push_str(&run.text);
        return;
    }
    rich.runs.push(run);
}

/// Handles an inline event; returns false when the event is not inline.
fn inline_event(
    event: &Event,
    style: &mut Style,
    rich: &mut Rich,
    problems: &mut Vec<MarkdownProblem>,
) -> bool {
    match event {
        Event::Text(t) => push_run(rich, style.run(t, false)),
        Event::Code(t) => push_run(rich, style.run(t, true)),
        // Raw HTML is the user's text, shown as written, never markup.
        Event::Html(t) | Event::InlineHtml(t) => push_run(rich, style.run(t, false)),
        Event::SoftBreak | Event::HardBreak => push_run(rich, style.run(" ", false)),
        Event::Start(Tag::Strong) => style.strong += 1,
        Event::End(TagEnd::Strong) => style.strong = style.strong.saturating_sub(1),
        Event::Start(Tag::Emphasis) => style.emphasis += 1,
        Event::End(TagEnd::Emphasis) => style.emphasis = style.emphasis.saturating_sub(1),
        Event::Start(Tag::Link { dest_url, .. }) => {
            if is_safe_link(dest_url) {
                style.link.push(Some(encode_link(dest_url)));
            } else {
                problems.push(MarkdownProblem::UnsafeLink(dest_url.to_string()));
                style.link.push(None);
            }
        }
        Event::End(TagEnd::Link) => {
            style.link.pop();
        }
        Event::Start(Tag::Image { dest_url, .. }) => {
            problems.push(MarkdownProblem::Image(dest_url.to_string()));
            style.image += 1;
        }
        Event::End(TagEnd::Image) => style.image = style.image.saturating_sub(1),
        Event::FootnoteReference(t) => push_run(rich, style.run(&format!("[^{t}]"), false)),
        Event::TaskListMarker(done) => {
            push_run(rich, style.run(if *done { "[x] " } else { "[ ] " }, false))
        }
        _ => return false,
    }
    true
}

/// Parses inline Markdown (a claim, a point) into rich text.
pub fn parse_inline(text: &str) -> (Rich, Vec<MarkdownProblem>) {
    if let Some(rich) = plain_inline(text) {
        return (rich, Vec::new());
    }
    parse_inline_markdown(text)
}

/// Text in which Markdown can find no markup (no block marker at its start, no
/// character that opens an inline construct, one line): the one plain run the
/// parser would give, without running it. Most claims and points are such
/// text; `plain_text_needs_no_parser` checks the two agree.
fn plain_inline(text: &str) -> Option<Rich> {
    let trimmed = text.trim();
    let mut chars = trimmed.chars();
    if !chars.next()?.is_alphabetic() {
        return None;
    }
    let plain = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | ','
                    | '.'
                    | ';'
                    | ':'
                    | '?'
                    | '%'
                    | '('
                    | ')'
                    | '\''
                    | '"'
                    | '/'
                    | '-'
                    | '+'
                    | '='
                    | '\u{2013}'
                    | '\u{2014}'
            )
    };
    if !chars.all(plain) {
        return None;
    }
    Some(Rich::plain(trimmed))
}

fn parse_inline_markdown(text: &str) -> (Rich, Vec<MarkdownProblem>) {
    let source = neutralise_blocks(text);
    let mut rich = Rich::default();
    let mut style = Style::default();
    let mut problems = Vec::new();
    for event in Parser::new_ext(&source, options()) {
        if !inline_event(&event, &mut style, &mut rich, &mut problems) {
            // A block boundary inside a one-line field: keep words apart.
            let spaced = rich.runs.last().is_none_or(|r| r.text.ends_with(' '));
            if matches!(event, Event::End(_)) && !spaced {
                push_run(&mut rich, style.run(" ", false));
            }
        }
    }
    trim_rich(&mut rich);
    (rich, problems)
}

fn trim_rich(rich: &mut Rich) {
    if let Some(first) = rich.runs.first_mut() {
        let start = first.text.len() - first.text.trim_start().len();
        first.text.drain(..start);
    }
    if let Some(last) = rich.runs.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    rich.runs.retain(|r| !r.text.is_empty());
}

/// Parses block Markdown (speaker notes) into paragraphs and lists.
pub fn parse_blocks(text: &str) -> (Vec<Block>, Vec<MarkdownProblem>) {
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut style = Style::default();
    let mut current = Rich::default();
    // Open lists: (ordered, items so far).
    let mut lists: Vec<(bool, Vec<Rich>)> = Vec::new();
    let (mut depth, mut deepest) = (0usize, 0usize);

    let flush =
        |current: &mut Rich, blocks: &mut Vec<Block>, lists: &mut Vec<(bool, Vec<Rich>)>| {
            trim_rich(current);
            if current.is_empty() {
                return;
            }
            let rich = std::mem::take(current);
            match lists.last_mut() {
                Some((_, items)) => items.push(rich),
                None => blocks.push(Block::Paragraph(rich)),
            }
        };

    for event in Parser::new_ext(text, options()) {
        match &event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if inline_event(&event, &mut style, &mut current, &mut problems) {
            continue;
        }
        match event {
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut blocks, &mut lists);
                lists.push((start.is_some(), Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut blocks, &mut lists);
                if let Some((ordered, items)) = lists.pop() {
                    match lists.last_mut() {
                        // A nested list is flattened into its parent's items.
                        Some((_, parent)) => parent.extend(items),
                        None => blocks.push(Block::List { ordered, items }),
                    }
                }
            }
            Event::Start(Tag::Item) => flush(&mut current, &mut blocks, &mut lists),
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut blocks, &mut lists);
                style.strong += 1;
            }
            Event::End(TagEnd::Heading(_)) => {
                style.strong = style.strong.saturating_sub(1);
                flush(&mut current, &mut blocks, &mut lists);
            }
            Event::Start(Tag::CodeBlock(_)) => flush(&mut current, &mut blocks, &mut lists),
            Event::End(TagEnd::CodeBlock) => {
                for run in &mut current.runs {
                    run.code = true;
                }
                flush(&mut current, &mut blocks, &mut lists);
            }
            Event::End(_) | Event::Rule => flush(&mut current, &mut blocks, &mut lists),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks, &mut lists);
    if deepest > MAX_MARKDOWN_DEPTH {
        problems.push(MarkdownProblem::TooDeep(deepest));
    }
    (blocks, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<Run> {
        parse_inline(text).0.runs
    }

    proptest::proptest! {
        /// The shortcut for plain text gives what the Markdown parser gives,
        /// on text built from the characters it accepts and the ones it must
        /// leave to the parser.
        #[test]
        fn plain_text_needs_no_parser(
            text in r#"[ \t\r\nAaZzåÄ09,.;:?%()'"/+=\u{2013}\u{2014}*_`\\\[\]<>&!#~|-]{0,24}"#
        ) {
            if let Some(fast) = plain_inline(&text) {
                proptest::prop_assert_eq!(fast, parse_inline_markdown(&text).0);
            }
        }

        /// The same on text the shortcut always takes.
        #[test]
        fn plain_text_is_read_as_the_parser_reads_it(
            text in r#" {0,2}[AaåÄ][ AaZzåÄ09,.;:?%()'"/+=\u{2013}\u{2014}-]{0,30}"#
        ) {
            let fast = plain_inline(&text);
            proptest::prop_assert!(fast.is_some());
            proptest::prop_assert_eq!(fast.unwrap(), parse_inline_markdown(&text).0);
        }
    }

    #[test]
    fn plain_text_takes_the_shortcut_and_markup_does_not() {
        for plain in [
            "Sales rose by a fifth",
            "  Vi når 80 % (i år) – inte 40.  ",
            "Svar: ja/nej",
        ] {
            assert!(plain_inline(plain).is_some(), "{plain}");
        }
        for markup in [
            "**bold**", "1. first", "- dash", "a & b", "a\nb", "x [y](z)", "", "A <b>",
        ] {
            assert!(plain_inline(markup).is_none(), "{markup}");
        }
    }

    #[test]
    fn inline_styles_become_runs() {
        let r = runs("We **must** act *now* with `care`.");
        let texts: Vec<&str> = r.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            ["We ", "must", " act ", "now", " with ", "care", "."]
        );
        assert!(r[1].strong && r[3].emphasis && r[5].code);
    }

    #[test]
    fn leading_block_markers_stay_text() {
        assert_eq!(parse_inline("# not a heading").0.text(), "# not a heading");
        assert_eq!(parse_inline("1. first").0.text(), "1. first");
        assert_eq!(parse_inline("- dash").0.text(), "- dash");
        assert_eq!(parse_inline("> quote").0.text(), "> quote");
        assert_eq!(parse_inline("---").0.text(), "---");
        assert_eq!(parse_inline("```code").0.text(), "```code");
        assert_eq!(parse_inline("2025. A year").0.text(), "2025. A year");
        assert_eq!(parse_inline("**bold** start").0.runs[0].text, "bold");
        assert_eq!(parse_inline("#hashtag works").0.text(), "#hashtag works");
    }

    #[test]
    fn links_are_percent_encoded_where_a_url_may_not_hold_a_character() {
        // Already valid: unchanged.
        for url in [
            "https://example.org/a/b?c=d&e=f#g",
            "https://www.who.int/news-room/fact-sheets/detail/disability-and-health",
            "mailto:anna@example.org?subject=Hello%20there",
            "http://[::1]:8080/x",
        ] {
            assert_eq!(encode_link(url), url);
        }
        assert_eq!(
            encode_link(r#"https://example.org/a "b" <c>\d?q=1 2#x#y"#),
            "https://example.org/a%20%22b%22%20%3Cc%3E%5Cd?q=1%202#x%23y"
        );
        assert_eq!(
            encode_link("https://example.org/100%/x%4"),
            "https://example.org/100%25/x%254"
        );
        assert_eq!(
            encode_link("https://example.org/[a]{b}|^`"),
            "https://example.org/%5Ba%5D%7Bb%7D%7C%5E%60"
        );
        assert_eq!(
            encode_link("https://exämple.se/smörgås"),
            "https://exämple.se/sm%C3%B6rg%C3%A5s"
        );
        assert_eq!(
            encode_link("mailto:anna@example.org?subject=Hej då"),
            "mailto:anna@example.org?subject=Hej%20d%C3%A5"
        );
        assert_eq!(
            encode_link("https://example.org/\u{7}\u{7f}"),
            "https://example.org/%07%7F"
        );
        // From Markdown, with the quote and angle bracket the deck wrote.
        let (rich, problems) =
            parse_inline(r#"[see](https://example.org/?q="a"&lt;b) and <https://example.org/ü>"#);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            rich.runs[0].link.as_deref(),
            Some("https://example.org/?q=%22a%22%3Cb")
        );
        assert_eq!(
            rich.runs[2].link.as_deref(),
            Some("https://example.org/%C3%BC")
        );
        // Encoding never makes an unsafe scheme safe.
        let (rich, problems) = parse_inline("[x](javascript:alert(%22a%22))");
        assert_eq!(rich.runs[0].link, None);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn unsafe_links_become_text_and_are_reported() {
        let (rich, problems) =
            parse_inline("[click](javascript:alert(1)) and [ok](https://example.org)");
        assert_eq!(rich.runs[0].link, None);
        assert_eq!(rich.runs[0].text, "click and ");
        assert_eq!(
            rich.runs.last().unwrap().link.as_deref(),
            Some("https://example.org")
        );
        assert_eq!(
            problems,
            vec![MarkdownProblem::UnsafeLink("javascript:alert(1)".into())]
        );
    }

    #[test]
    fn raw_html_is_kept_as_text() {
        assert_eq!(
            parse_inline("a <script>alert(1)</script> b").0.text(),
            "a <script>alert(1)</script> b"
        );
    }

    #[test]
    fn notes_become_paragraphs_and_lists() {
        let (blocks, _) = parse_blocks("First para.\n\n- one\n- two\n  - nested\n\nLast.");
        assert_eq!(blocks.len(), 3);
        match &blocks[1] {
            Block::List { ordered, items } => {
                assert!(!ordered);
                let texts: Vec<String> = items.iter().map(Rich::text).collect();
                assert_eq!(texts, ["one", "two", "nested"]);
            }
            other => panic!("expected a list, got {other:?}"),
        }
    }
}
