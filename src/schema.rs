//! The JSON Schema of deck.toml (format 1), for editors: Taplo-based ones (Even
//! Better TOML in VS Code, Zed, Helix) read it from a `#:schema` first line and
//! then complete keys, show these descriptions on hover and flag mistakes.
//!
//! The schema is derived with schemars from a *raw* model: plain serde structs
//! that mirror the TOML exactly (`deny_unknown_fields`), whose doc comments are
//! the descriptions editors show. It is separate from the validated model in
//! `deck.rs`, which carries spans and is built by `load.rs` (a hand walk, so that
//! every problem is reported in one run). A test keeps the raw model's keys equal
//! to the keys `load.rs` accepts, and every example deck must deserialise into it
//! and validate against the schema.

use schemars::generate::SchemaSettings;
use schemars::transform::{RestrictFormats, Transform, transform_subschemas};
use schemars::{JsonSchema, Schema, json_schema};
use serde::Deserialize;

/// A pitchdeck deck: the argument for a decision, not the slides. Each section becomes one slide, in a fixed order.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pitchdeck deck.toml (format 1)")]
pub struct DeckFile {
    /// The title slide: what this is, who asks, and for whom.
    pub deck: DeckMeta,
    /// Optional "in one minute" slide: if they hear only one thing.
    pub summary: Option<Section>,
    /// Required. Why this matters now.
    pub need: Section,
    /// Required. What happens if we do nothing, or do it badly.
    pub risk: Section,
    /// Optional. What we learned by listening.
    pub research: Option<Section>,
    /// Required. What we will do, on our own terms.
    pub strategy: Section,
    /// Optional. How we will take part.
    pub engagement: Option<Section>,
    /// Required. How we will know it works: a claim and at least one [[metrics.measure]].
    pub metrics: Metrics,
    /// What we want decided today. Optional, but the check warns when it is missing.
    pub ask: Option<Section>,
    /// Doubts we expect, each answered on its own appendix slide. Write each as an [[objection]] table.
    #[serde(default)]
    pub objection: Vec<Objection>,
    /// Tuning of the plain-language check for this deck.
    pub check: Option<Check>,
}

/// What the deck is, who asks and for whom.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeckMeta {
    /// The deck's title, e.g. "Social media for the leadership".
    #[schemars(length(min = 1))]
    pub title: String,
    /// One line under the title.
    pub subtitle: Option<String>,
    /// The presenter, e.g. "Anna Berg, web manager".
    pub author: Option<String>,
    /// Who the pitch is for, e.g. "Executive team".
    pub audience: Option<String>,
    /// The date of the talk, as a TOML date without quotes: 2026-12-01. Also the PDF's creation date.
    pub date: Option<LocalDate>,
    /// Language of the tool's own labels, of the page and of the readability rules: "en" (English, the default) or "sv" (Swedish).
    pub lang: Option<Lang>,
    /// A built-in theme ("default", "contrast", "board"), or a theme folder relative to this file. Default: "default".
    pub theme: Option<String>,
    /// Planned length of the talk in minutes (1–120): the presenter view's timer.
    #[schemars(range(min = 1, max = 120))]
    pub minutes: Option<u32>,
    /// Your brand colour as "#rrggbb" or "#rgb", used as the accent by themes that use one (board). Adjusted, with a warning, when it would make text hard to read.
    #[schemars(pattern(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"))]
    pub brand_color: Option<String>,
    /// A logo image (PNG, JPEG or SVG) relative to this file, shown small on the title slide.
    pub logo: Option<String>,
}

/// Language of the deck.
#[derive(Debug, Deserialize, JsonSchema)]
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
    pub claim: String,
    /// Supporting points, at most about three. Inline Markdown.
    pub points: Option<Vec<String>>,
    /// One line of evidence: a source, a figure or a quote. Inline Markdown.
    pub evidence: Option<String>,
    /// A local image (PNG, JPEG or SVG) relative to this file. Needs image_alt.
    pub image: Option<String>,
    /// What the image shows, for readers who cannot see it. Required with image.
    pub image_alt: Option<String>,
    /// Speaker notes: presenter view and handout only, never on the slide. Block Markdown.
    pub notes: Option<String>,
}

/// The metrics slide: a claim, and the measures in [[metrics.measure]] tables.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("dependencies" = { "image": ["image_alt"] }))]
pub struct Metrics {
    /// Required. The headline: one plain sentence that states the point. Inline Markdown.
    #[schemars(length(min = 1))]
    pub claim: String,
    /// Supporting points, at most about three. Inline Markdown.
    pub points: Option<Vec<String>>,
    /// One line of evidence: a source, a figure or a quote. Inline Markdown.
    pub evidence: Option<String>,
    /// A local image (PNG, JPEG or SVG) relative to this file. Needs image_alt.
    pub image: Option<String>,
    /// What the image shows, for readers who cannot see it. Required with image.
    pub image_alt: Option<String>,
    /// Speaker notes: presenter view and handout only. Block Markdown.
    pub notes: Option<String>,
    /// How we will know it works: at least one measure, each a [[metrics.measure]] table.
    #[schemars(length(min = 1))]
    pub measure: Vec<Measure>,
}

/// One measure: a goal with a number and a date.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Required. What is measured, e.g. "Replies to our posts". Inline Markdown.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Required. The goal, as a number without quotes (put the unit in `unit`).
    pub target: f64,
    /// Required. The deadline, as a TOML date without quotes: 2027-06-30.
    pub by: LocalDate,
    /// Where we are today, as a number.
    pub baseline: Option<f64>,
    /// The unit, e.g. "%", "kr", "posts/week".
    pub unit: Option<String>,
    /// "count" (followers, likes; the default) or "quality" (reply rate, relevance of comments).
    pub kind: Option<MeasureKind>,
    /// Why this measure says something. Inline Markdown.
    pub why: Option<String>,
}

/// What kind of measure.
#[derive(Debug, Deserialize, JsonSchema)]
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
    pub question: String,
    /// Required. One plain sentence that answers it. Inline Markdown.
    #[schemars(length(min = 1))]
    pub answer: String,
}

/// Tuning of the plain-language check.
#[derive(Debug, Deserialize, JsonSchema)]
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
    pub allow: Option<Vec<String>>,
    /// Extra jargon or hype words to flag.
    pub words: Option<Vec<String>>,
}

/// A TOML local date such as 2027-06-30 (no quotes, no time).
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct LocalDate(pub toml::value::Datetime);

impl JsonSchema for LocalDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LocalDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> Schema {
        // Taplo checks TOML dates against `"format": "date"`.
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A date without quotes, e.g. 2027-06-30."
        })
    }
}

/// TOML has no null: an optional key is simply left out, so drop the `null`
/// schemars adds to `Option` fields (editors would otherwise offer it).
#[derive(Clone)]
struct NoNull;

impl Transform for NoNull {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(serde_json::Value::Array(types)) = schema.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let single = types.remove(0);
                schema.insert("type".into(), single);
            }
        }
        for key in ["anyOf", "oneOf"] {
            let Some(serde_json::Value::Array(options)) = schema.get_mut(key) else {
                continue;
            };
            options.retain(|o| o.get("type").is_none_or(|t| t != "null"));
            if options.len() == 1 {
                let only = options.remove(0);
                schema.remove(key);
                if let serde_json::Value::Object(map) = only {
                    for (k, v) in map {
                        schema.insert(k, v);
                    }
                }
            }
        }
        transform_subschemas(self, schema);
    }
}

/// The schema as a JSON value (draft-07, the version Taplo reads).
pub fn deck_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07()
        .with(|s| {
            // Before draft-07's own transforms, so that `$ref`s left alone by
            // dropping `null` still get their descriptions moved beside them.
            s.transforms.insert(0, Box::new(NoNull));
        })
        .with_transform(RestrictFormats::default())
        .into_generator();
    generator.into_root_schema_for::<DeckFile>().to_value()
}

/// The schema as pretty JSON with a final newline: what `pitchdeck schema`
/// prints and what `deck.schema.json` holds.
pub fn deck_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(&deck_schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use std::collections::BTreeSet;

    fn keys(schema: &serde_json::Value, pointer: &str) -> BTreeSet<String> {
        schema
            .pointer(pointer)
            .and_then(|p| p.as_object())
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn set(keys: &[&str]) -> BTreeSet<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    /// The schema and the validator in load.rs must accept the same keys.
    #[test]
    fn schema_keys_match_the_loader() {
        let s = deck_schema();
        assert_eq!(keys(&s, "/properties"), set(load::ROOT_KEYS));
        assert_eq!(
            keys(&s, "/definitions/DeckMeta/properties"),
            set(load::DECK_KEYS)
        );
        assert_eq!(
            keys(&s, "/definitions/Section/properties"),
            set(load::SECTION_KEYS)
        );
        assert_eq!(
            keys(&s, "/definitions/Metrics/properties"),
            set(load::METRICS_KEYS)
        );
        assert_eq!(
            keys(&s, "/definitions/Measure/properties"),
            set(load::MEASURE_KEYS)
        );
        assert_eq!(
            keys(&s, "/definitions/Objection/properties"),
            set(load::OBJECTION_KEYS)
        );
        assert_eq!(
            keys(&s, "/definitions/Check/properties"),
            set(load::CHECK_KEYS)
        );
    }

    #[test]
    fn every_table_forbids_unknown_keys_and_every_key_is_described() {
        let s = deck_schema();
        assert_eq!(s["additionalProperties"], false);
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        let defs = s["definitions"].as_object().unwrap();
        let mut tables = 0;
        for (name, def) in defs {
            let Some(props) = def.get("properties").and_then(|p| p.as_object()) else {
                continue;
            };
            tables += 1;
            assert_eq!(def["additionalProperties"], false, "{name}");
            for (key, prop) in props {
                assert!(
                    prop.get("description").is_some(),
                    "{name}.{key} has no description"
                );
            }
        }
        assert_eq!(tables, 6);
        assert!(!deck_schema_json().contains("null"));
    }

    #[test]
    fn starter_decks_fit_the_raw_model() {
        for lang in [crate::deck::Lang::En, crate::deck::Lang::Sv] {
            let text = crate::starter::starter_deck(lang);
            let parsed: Result<DeckFile, _> = toml::from_str(text);
            assert!(parsed.is_ok(), "{lang:?}: {:?}", parsed.err());
        }
    }
}
