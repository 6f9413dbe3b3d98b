//! The JSON Schema of deck.toml (format 1), for editors: Taplo-based ones (Even
//! Better TOML in VS Code, Zed, Helix) read it from a `#:schema` first line and
//! then complete keys, show these descriptions on hover and flag mistakes.
//!
//! The schema is derived with schemars from the raw model in `raw.rs` (serde
//! structs that mirror the TOML exactly), whose doc comments are the
//! descriptions editors show. The loader takes its keys from the same model,
//! and every example deck must deserialise into it and validate against the
//! schema.

use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::{RestrictFormats, Transform, transform_subschemas};

use crate::raw::DeckFile;

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

    /// The schema and the loader accept the same keys: the raw model's.
    #[test]
    fn schema_keys_match_the_loader() {
        use crate::raw::keys;
        let s = deck_schema();
        assert_eq!(keys(&s, "/properties"), set(keys::root()));
        assert_eq!(
            keys(&s, "/definitions/DeckMeta/properties"),
            set(keys::deck())
        );
        assert_eq!(
            keys(&s, "/definitions/Section/properties"),
            set(keys::section())
        );
        assert_eq!(
            keys(&s, "/definitions/Metrics/properties"),
            set(keys::metrics())
        );
        assert_eq!(
            keys(&s, "/definitions/Measure/properties"),
            set(keys::measure())
        );
        assert_eq!(
            keys(&s, "/definitions/MeasuredResult/properties"),
            set(keys::result())
        );
        assert_eq!(
            keys(&s, "/definitions/Objection/properties"),
            set(keys::objection())
        );
        assert_eq!(
            keys(&s, "/definitions/Check/properties"),
            set(keys::check())
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
        assert_eq!(tables, 7);
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
