//! Synthetic decks for benchmarks: the same made-up Swedish pitch, of any
//! length, written as a pitchdeck deck, a Marp Markdown file and a pandoc
//! Markdown file, so that the three tools can be timed on the same content.
//!
//! Deterministic: the text comes from fixed word lists through a fixed-seed
//! generator, so `deck_toml(100)` is the same bytes on every machine and run.
//!
//! A deck of `n` slides (`n` ≥ 9) has a title slide and the eight sections,
//! each with long speaker notes. From 11 slides on it adds a divider and
//! `n - 10` objections (so the 1000-slide deck has 990 objections, each with a
//! three-sentence answer). At 10 slides the metrics split over two slides
//! instead. Used by `benches/` and by `examples/gen_deck.rs` (which
//! `benches/compare.sh` runs).

use std::fmt::Write as _;

/// The fewest slides a generated deck can have: the title and eight sections.
pub const MIN_SLIDES: usize = 9;

/// One slide's worth of text for a section.
#[derive(Debug, Clone)]
pub struct Section {
    /// The TOML table name (`need`, `risk`, …).
    pub key: &'static str,
    /// The heading other tools show (pitchdeck shows its own label).
    pub label: &'static str,
    pub claim: String,
    pub points: Vec<String>,
    pub evidence: Option<String>,
    /// Paragraphs of speaker notes; the last one is a list.
    pub notes: Vec<String>,
    pub list: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Measure {
    pub name: String,
    pub baseline: u32,
    pub target: u32,
    pub unit: &'static str,
    pub quality: bool,
    pub why: String,
}

#[derive(Debug, Clone)]
pub struct Objection {
    pub question: String,
    pub answer: String,
}

/// The content of a generated deck, before it is written in any format.
#[derive(Debug, Clone)]
pub struct Content {
    pub title: String,
    pub subtitle: String,
    pub author: String,
    pub sections: Vec<Section>,
    pub measures: Vec<Measure>,
    pub objections: Vec<Objection>,
}

/// A small linear congruential generator (Knuth's MMIX constants): enough to
/// vary the text, and the same everywhere.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.next() % words.len()]
    }
}

const SUBJECTS: &[&str] = &[
    "Kunderna",
    "Verkstaden",
    "Butiken i Malmö",
    "Vår kundtjänst",
    "Säljarna",
    "Många köpare",
    "Nya kunder",
    "Våra cyklister",
    "Ledningen",
    "Lagret",
];
const VERBS: &[&str] = &[
    "frågar om",
    "skriver om",
    "väntar på",
    "läser om",
    "pratar om",
    "jämför",
    "söker efter",
    "klagar på",
    "tipsar om",
    "ber om hjälp med",
];
const OBJECTS: &[&str] = &[
    "ramstorlekar",
    "reservdelar",
    "leveranstider",
    "elcyklar",
    "service på våren",
    "priser och rabatter",
    "barncyklar",
    "cykelkorgar",
    "däck för vintern",
    "garantin",
];
const ENDINGS: &[&str] = &[
    "varje vecka",
    "på Facebook",
    "i två forum",
    "innan de köper",
    "efter ett köp",
    "på kvällarna",
    "när något går sönder",
    "i kommentarerna",
    "hela året",
    "oftare än förut",
];
const QUESTIONS: &[&str] = &[
    "Vad kostar det att",
    "Hur lång tid tar det att",
    "Vem ska",
    "Varför ska vi",
    "Vad händer om vi inte hinner",
    "Kan vi vänta med att",
];
const TASKS: &[&str] = &[
    "svara på frågor om",
    "skriva om",
    "mäta intresset för",
    "följa upp frågor om",
    "lära oss mer om",
];

/// One short, plain sentence: subject, verb, object, ending.
fn sentence(rng: &mut Lcg) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(ENDINGS)
    )
}

fn sentences(rng: &mut Lcg, n: usize) -> String {
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

const SECTIONS: &[(&str, &str)] = &[
    ("summary", "Sammanfattning"),
    ("need", "Behov"),
    ("risk", "Risk"),
    ("research", "Undersökning"),
    ("strategy", "Strategi"),
    ("engagement", "Hur vi deltar"),
    ("metrics", "Mått"),
    ("ask", "Beslut"),
];

/// The content of a deck of `slides` slides (at least [`MIN_SLIDES`]).
pub fn content(slides: usize) -> Content {
    let slides = slides.max(MIN_SLIDES);
    let mut rng = Lcg(0x5eed_0000 + 1);
    let sections = SECTIONS
        .iter()
        .map(|&(key, label)| Section {
            key,
            label,
            claim: format!(
                "{} {} {}.",
                rng.pick(SUBJECTS),
                rng.pick(VERBS),
                rng.pick(OBJECTS)
            ),
            points: (0..3)
                .map(|_| {
                    let s = sentence(&mut rng);
                    s.trim_end_matches('.').to_string()
                })
                .collect(),
            evidence: (key != "summary" && key != "ask")
                .then(|| format!("Vår egen räkning, {}.", rng.pick(ENDINGS))),
            notes: (0..5).map(|_| sentences(&mut rng, 4)).collect(),
            list: (0..4).map(|_| sentence(&mut rng)).collect(),
        })
        .collect();
    let measure_count = if slides == 10 { 6 } else { 5 };
    let measures = (0..measure_count)
        .map(|i| {
            let baseline = 5 + (rng.next() % 40) as u32;
            Measure {
                name: format!(
                    "{} som {} {}",
                    rng.pick(&["Frågor", "Inlägg", "Svar", "Samtal", "Kommentarer"]),
                    rng.pick(&["får svar", "rör saken", "besvaras i tid", "leder vidare"]),
                    i + 1
                ),
                baseline,
                target: baseline + 10 + (rng.next() % 50) as u32,
                unit: if i % 2 == 0 { "%" } else { "samtal" },
                quality: i % 2 == 0,
                why: sentence(&mut rng),
            }
        })
        .collect();
    let objection_count = slides.saturating_sub(10);
    let objections = (0..objection_count)
        .map(|i| Objection {
            question: format!(
                "{} {} {} ({})?",
                rng.pick(QUESTIONS),
                rng.pick(TASKS),
                rng.pick(OBJECTS),
                i + 1
            ),
            answer: sentences(&mut rng, 3),
        })
        .collect();
    Content {
        title: "Dags att svara kunderna där de redan pratar".to_string(),
        subtitle: "Ett påhittat exempel för mätningar av hastighet".to_string(),
        author: "Anna Berg, webbansvarig".to_string(),
        sections,
        measures,
        objections,
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The speaker notes as Markdown: the paragraphs, then the list.
fn notes_markdown(section: &Section) -> String {
    let mut out = section.notes.join("\n\n");
    out.push_str("\n\n");
    for item in &section.list {
        let _ = writeln!(out, "- {item}");
    }
    out
}

/// The deck as a pitchdeck deck.toml.
pub fn deck_toml(slides: usize) -> String {
    let c = content(slides);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Generated by pitchdeck::generate ({slides} slides)\n"
    );
    let _ = writeln!(out, "[deck]");
    let _ = writeln!(out, "title = {}", quoted(&c.title));
    let _ = writeln!(out, "subtitle = {}", quoted(&c.subtitle));
    let _ = writeln!(out, "author = {}", quoted(&c.author));
    let _ = writeln!(out, "date = 2026-12-01");
    let _ = writeln!(out, "lang = \"sv\"");
    let _ = writeln!(out, "minutes = {}", slides.min(120));
    for s in &c.sections {
        let _ = writeln!(out, "\n[{}]", s.key);
        let _ = writeln!(out, "claim = {}", quoted(&s.claim));
        if s.key != "metrics" {
            let points: Vec<String> = s.points.iter().map(|p| quoted(p)).collect();
            let _ = writeln!(out, "points = [{}]", points.join(", "));
        }
        if let Some(e) = &s.evidence {
            let _ = writeln!(out, "evidence = {}", quoted(e));
        }
        let _ = writeln!(out, "notes = \"\"\"\n{}\"\"\"", notes_markdown(s));
        if s.key == "metrics" {
            for m in &c.measures {
                let _ = writeln!(out, "\n[[metrics.measure]]");
                let _ = writeln!(out, "name = {}", quoted(&m.name));
                let _ = writeln!(out, "baseline = {}", m.baseline);
                let _ = writeln!(out, "target = {}", m.target);
                let _ = writeln!(out, "unit = {}", quoted(m.unit));
                let _ = writeln!(out, "by = 2027-06-30");
                let kind = if m.quality { "quality" } else { "count" };
                let _ = writeln!(out, "kind = \"{kind}\"");
                let _ = writeln!(out, "why = {}", quoted(&m.why));
            }
        }
    }
    for o in &c.objections {
        let _ = writeln!(out, "\n[[objection]]");
        let _ = writeln!(out, "question = {}", quoted(&o.question));
        let _ = writeln!(out, "answer = {}", quoted(&o.answer));
    }
    out
}

/// Slides as (heading, body Markdown, notes Markdown), in pitchdeck's order,
/// for the Markdown-based tools.
fn markdown_slides(c: &Content) -> Vec<(String, String, String)> {
    let mut slides = Vec::new();
    for s in &c.sections {
        let mut body = String::new();
        let _ = writeln!(body, "**{}**\n", s.claim);
        if s.key == "metrics" {
            let _ = writeln!(body, "| Mått | I dag | Mål | Senast |");
            let _ = writeln!(body, "|---|---|---|---|");
            for m in &c.measures {
                let _ = writeln!(
                    body,
                    "| {} | {} {} | {} {} | 2027-06-30 |",
                    m.name, m.baseline, m.unit, m.target, m.unit
                );
            }
        } else {
            for p in &s.points {
                let _ = writeln!(body, "- {p}");
            }
        }
        if let Some(e) = &s.evidence {
            let _ = writeln!(body, "\n*{e}*");
        }
        let mut notes = notes_markdown(s);
        for m in c.measures.iter().filter(|_| s.key == "metrics") {
            let _ = writeln!(notes, "- {}: {}", m.name, m.why);
        }
        slides.push((s.label.to_string(), body, notes));
    }
    if !c.objections.is_empty() {
        slides.push((
            "Frågor ni kan ställa".to_string(),
            String::new(),
            String::new(),
        ));
        for (i, o) in c.objections.iter().enumerate() {
            slides.push((
                format!("Invändning {}", i + 1),
                format!("**{}**\n\n{}\n", o.question, o.answer),
                String::new(),
            ));
        }
    }
    slides
}

/// The deck as Marp Markdown: one `---`-separated slide each, speaker notes
/// as HTML comments (Marp's presenter notes).
pub fn marp_markdown(slides: usize) -> String {
    let c = content(slides);
    let mut out = String::new();
    let _ = writeln!(out, "---\nmarp: true\nlang: sv\ntitle: {}\n---\n", c.title);
    let _ = writeln!(out, "# {}\n\n{}\n\n{}", c.title, c.subtitle, c.author);
    for (heading, body, notes) in markdown_slides(&c) {
        let _ = writeln!(out, "\n---\n\n## {heading}\n\n{body}");
        if !notes.is_empty() {
            let _ = writeln!(out, "<!--\n{notes}-->");
        }
    }
    out
}

/// The deck as pandoc Markdown: a title block, one level-2 heading per slide
/// (`--slide-level=2`), speaker notes in `::: notes` divs.
pub fn pandoc_markdown(slides: usize) -> String {
    let c = content(slides);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "---\ntitle: \"{}\"\nsubtitle: \"{}\"\nauthor: \"{}\"\nlang: sv\n---",
        c.title, c.subtitle, c.author
    );
    for (heading, body, notes) in markdown_slides(&c) {
        let _ = writeln!(out, "\n## {heading}\n\n{body}");
        if !notes.is_empty() {
            let _ = writeln!(out, "::: notes\n\n{notes}\n:::");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_size_gives_the_same_bytes() {
        assert_eq!(deck_toml(100), deck_toml(100));
        assert_eq!(marp_markdown(12), marp_markdown(12));
        assert_ne!(deck_toml(100), deck_toml(101));
    }

    #[test]
    fn markdown_decks_have_as_many_slides_as_the_toml_deck() {
        for n in [9, 10, 11, 100] {
            let c = content(n);
            // The title slide comes on top of the Markdown slides.
            let expected = if n == 10 { n - 1 } else { n };
            assert_eq!(markdown_slides(&c).len() + 1, expected, "{n} slides");
            assert_eq!(
                marp_markdown(n).matches("\n---\n\n## ").count() + 1,
                expected
            );
            assert_eq!(pandoc_markdown(n).matches("\n## ").count() + 1, expected);
        }
    }
}
