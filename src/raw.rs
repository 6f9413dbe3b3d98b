//! deck.toml as written: plain serde structs that mirror the TOML exactly
//! (`deny_unknown_fields`), each value that the deck points back to carrying
//! the place it was written ([`Sp`]). This is the one description of the
//! format: the JSON Schema is derived from it (`schema.rs`), its doc comments
//! are the descriptions editors show, the loader takes the keys each table
//! accepts from it ([`keys`]), and the validated deck (`deck.rs`) is built from
//! it by one conversion that names every field (`load::build`).
//!
//! The loader walks the TOML by hand to report every problem in one run; what
//! it builds when there were none is a value of these types.

use std::borrow::Cow;
use std::ops::Range;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};

use crate::deck::Date;

/// A value and the byte range in deck.toml it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Sp { value, span }
    }
}

/// Read with the TOML reader's own spans.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
        Ok(Sp {
            span: spanned.span(),
            value: spanned.into_inner(),
        })
    }
}

/// The schema of the value: a place is not part of the format.
impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A pitchdeck deck: the argument for a decision, not the slides. Each section becomes one slide, in a fixed order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pitchdeck deck.toml (format 1)")]
pub struct DeckFile {
    /// The title slide: what this is, who asks, and for whom.
    pub deck: Sp<DeckMeta>,
    /// Optional "in one minute" slide: if they hear only one thing.
    pub summary: Option<Sp<Section>>,
    /// Required. Why this matters now.
    pub need: Sp<Section>,
    /// Required. What happens if we do nothing, or do it badly.
    pub risk: Sp<Section>,
    /// Optional. What we learned by listening.
    pub research: Option<Sp<Section>>,
    /// Required. What we will do, on our own terms.
    pub strategy: Sp<Section>,
    /// Optional. How we will take part.
    pub engagement: Option<Sp<Section>>,
    /// Required. How we will know it works: a claim and at least one [[metrics.measure]].
    pub metrics: Sp<Metrics>,
    /// What we want decided today. Optional, but the check warns when it is missing.
    pub ask: Option<Sp<Section>>,
    /// Doubts we expect, each answered on its own appendix slide. Write each as an [[objection]] table.
    #[serde(default)]
    pub objection: Vec<Sp<Objection>>,
    /// Tuning of the plain-language check for this deck.
    pub check: Option<Check>,
}

/// What the deck is, who asks and for whom.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeckMeta {
    /// The deck's title, e.g. "Social media for the leadership".
    #[schemars(length(min = 1))]
    pub title: Sp<String>,
    /// One line under the title.
    pub subtitle: Option<Sp<String>>,
    /// The presenter, e.g. "Anna Berg, web manager".
    pub author: Option<Sp<String>>,
    /// Who the pitch is for, e.g. "Executive team".
    pub audience: Option<Sp<String>>,
    /// The date of the talk, as a TOML date without quotes: 2026-12-01. Also the PDF's creation date.
    pub date: Option<Sp<LocalDate>>,
    /// Language of the tool's own labels, of the page and of the readability rules: "en" (English, the default) or "sv" (Swedish).
    pub lang: Option<Lang>,
    /// A built-in theme ("default", "contrast", "board"), or a theme folder relative to this file. Default: "default".
    pub theme: Option<Sp<String>>,
    /// Planned length of the talk in minutes (1–120): the presenter view's timer.
    #[schemars(range(min = 1, max = 120))]
    pub minutes: Option<Sp<u32>>,
    /// Your brand colour as "#rrggbb" or "#rgb", used as the accent by themes that use one (board). Adjusted, with a warning, when it would make text hard to read.
    #[schemars(pattern(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"))]
    pub brand_color: Option<Sp<String>>,
    /// A logo image (PNG, JPEG or SVG) relative to this file, shown small on the title slide.
    pub logo: Option<Sp<String>>,
}

/// Language of the deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Sv,
}

/// One argument slide: a claim (a full sentence) and its evidence.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("dependencies" = { "image": ["image_alt"] }))]
pub struct Section {
    /// Required. The headline: one plain sentence that states the point, not a topic label. Inline Markdown.
    #[schemars(length(min = 1))]
    pub claim: Sp<String>,
    /// Supporting points, at most about three. Inline Markdown.
    pub points: Option<Sp<Vec<Sp<String>>>>,
    /// One line of evidence: a source, a figure or a quote. Inline Markdown.
    pub evidence: Option<Sp<String>>,
    /// A local image (PNG, JPEG or SVG) relative to this file. Needs image_alt.
    pub image: Option<Sp<String>>,
    /// What the image shows, for readers who cannot see it. Required with image.
    pub image_alt: Option<Sp<String>>,
    /// Speaker notes: presenter view and handout only, never on the slide. Block Markdown.
    pub notes: Option<Sp<String>>,
}

/// The metrics slide: a claim, and the measures in [[metrics.measure]] tables.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("dependencies" = { "image": ["image_alt"] }))]
pub struct Metrics {
    /// Required. The headline: one plain sentence that states the point. Inline Markdown.
    #[schemars(length(min = 1))]
    pub claim: Sp<String>,
    /// Supporting points, at most about three. Inline Markdown.
    pub points: Option<Sp<Vec<Sp<String>>>>,
    /// One line of evidence: a source, a figure or a quote. Inline Markdown.
    pub evidence: Option<Sp<String>>,
    /// A local image (PNG, JPEG or SVG) relative to this file. Needs image_alt.
    pub image: Option<Sp<String>>,
    /// What the image shows, for readers who cannot see it. Required with image.
    pub image_alt: Option<Sp<String>>,
    /// Speaker notes: presenter view and handout only. Block Markdown.
    pub notes: Option<Sp<String>>,
    /// When the baselines were taken, as a TOML date: 2026-12-01. Default: [deck] date. A measure may give its own.
    pub since: Option<Sp<LocalDate>>,
    /// Measured results from a CSV file beside this one, with the header measure,date,value (measure = a measure's name).
    pub results_file: Option<Sp<String>>,
    /// How we will know it works: at least one measure, each a [[metrics.measure]] table.
    #[schemars(length(min = 1))]
    pub measure: Vec<Sp<Measure>>,
}

/// One measure: a goal with a number and a date.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Required. What is measured, e.g. "Replies to our posts". Inline Markdown.
    #[schemars(length(min = 1))]
    pub name: Sp<String>,
    /// Required. The goal, as a number without quotes (put the unit in `unit`).
    pub target: Sp<f64>,
    /// Required. The deadline, as a TOML date without quotes: 2027-06-30.
    pub by: Sp<LocalDate>,
    /// Where we are today, as a number.
    pub baseline: Option<f64>,
    /// The unit, e.g. "%", "kr", "posts/week".
    pub unit: Option<Sp<String>>,
    /// "count" (followers, likes; the default) or "quality" (reply rate, relevance of comments).
    pub kind: Option<Sp<MeasureKind>>,
    /// Why this measure says something. Inline Markdown.
    pub why: Option<Sp<String>>,
    /// When this measure's baseline was taken. Default: [metrics] since, else [deck] date.
    pub since: Option<Sp<LocalDate>>,
    /// Measured values, oldest first: [{ date = 2027-01-31, value = 40 }].
    pub results: Option<Sp<Vec<Sp<MeasuredResult>>>>,
}

/// One measured value of a measure.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasuredResult {
    /// Required. When it was measured, as a TOML date: 2027-01-31.
    pub date: Sp<LocalDate>,
    /// Required. The value measured, as a number (in the measure's unit).
    pub value: Sp<f64>,
}

/// What kind of measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MeasureKind {
    Count,
    Quality,
}

/// A doubt we expect, answered on its own appendix slide.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    /// Required. The question as leadership would ask it. Inline Markdown.
    #[schemars(length(min = 1))]
    pub question: Sp<String>,
    /// Required. One plain sentence that answers it. Inline Markdown.
    #[schemars(length(min = 1))]
    pub answer: Sp<String>,
}

/// Tuning of the plain-language check.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Most supporting points per slide before a warning (default 3).
    #[schemars(range(min = 1, max = 1000))]
    pub max_points: Option<u32>,
    /// Most words in a claim before a warning (default 15).
    #[schemars(range(min = 1, max = 1000))]
    pub max_claim_words: Option<u32>,
    /// Most words on a slide (claim, points, evidence; not notes) before a warning (default 40).
    #[schemars(range(min = 1, max = 1000))]
    pub max_slide_words: Option<u32>,
    /// Highest readability index (LIX) before a warning (default 40).
    pub max_lix: Option<f64>,
    /// Rule codes to silence for this deck, e.g. ["W101"].
    pub allow: Option<Vec<Sp<String>>>,
    /// Extra jargon or hype words to flag.
    pub words: Option<Vec<Sp<String>>>,
}

/// A TOML local date such as 2027-06-30 (no quotes, no time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalDate(pub Date);

impl<'de> Deserialize<'de> for LocalDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let datetime = toml::value::Datetime::deserialize(deserializer)?;
        match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => Ok(LocalDate(Date {
                year: d.year,
                month: d.month,
                day: d.day,
            })),
            _ => Err(serde::de::Error::custom("a date without a time")),
        }
    }
}

impl JsonSchema for LocalDate {
    fn schema_name() -> Cow<'static, str> {
        "LocalDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // Taplo checks TOML dates against `"format": "date"`.
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A date without quotes, e.g. 2027-06-30."
        })
    }
}

/// The keys of each table of deck.toml, in the order of the raw model's
/// fields: what the loader accepts and offers in "valid keys here".
pub mod keys {
    use super::*;

    pub fn root() -> &'static [&'static str] {
        fields::<DeckFile>()
    }
    pub fn deck() -> &'static [&'static str] {
        fields::<DeckMeta>()
    }
    pub fn section() -> &'static [&'static str] {
        fields::<Section>()
    }
    pub fn metrics() -> &'static [&'static str] {
        fields::<Metrics>()
    }
    pub fn measure() -> &'static [&'static str] {
        fields::<Measure>()
    }
    pub fn result() -> &'static [&'static str] {
        fields::<MeasuredResult>()
    }
    pub fn objection() -> &'static [&'static str] {
        fields::<Objection>()
    }
    pub fn check() -> &'static [&'static str] {
        fields::<Check>()
    }
}

/// The field names serde reads a struct with, in declaration order: asked of
/// the struct's own `Deserialize` by a deserializer that stops right there.
fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{self, Visitor};
    use std::fmt;

    #[derive(Debug)]
    struct Stop;

    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("stop")
        }
    }

    impl std::error::Error for Stop {}

    impl de::Error for Stop {
        fn custom<M: fmt::Display>(_: M) -> Self {
            Stop
        }
    }

    struct Probe<'a>(&'a mut &'static [&'static str]);

    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = Stop;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = fields;
            Err(Stop)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}
