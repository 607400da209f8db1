//! The JSON Schema of the configuration file, generated from the serde types in
//! [`super::schema`] the way [`crate::rules::rule_file_schema`] is for rule files. The
//! committed copy is `schema/config.schema.json`; `factcheck config schema` prints it,
//! and a test fails when the committed copy is out of date. TOML editors that read JSON
//! Schemas (Taplo, "Even Better TOML" in VS Code) use it with a first line
//! `#:schema ./schema/config.schema.json`.

use schemars::generate::SchemaSettings;

use super::schema::RawConfig;
use crate::rules::unwrap_descriptions;

/// Where the committed schema lives, relative to the crate root.
pub const CONFIG_SCHEMA_PATH: &str = "schema/config.schema.json";

/// The JSON Schema (draft-07) of the configuration file.
pub fn config_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut value = generator.into_root_schema_for::<RawConfig>().to_value();
    unwrap_descriptions(&mut value);
    drop_null(&mut value);
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "$comment".into(),
            format!(
                "Generated from src/config/schema.rs by `factcheck config schema > \
                 {CONFIG_SCHEMA_PATH}`; do not edit by hand."
            )
            .into(),
        );
    }
    value
}

/// Removes the `null` alternative serde's `Option` brings into the schema: TOML has no
/// null, and a key that is not set is simply absent.
fn drop_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    let null = serde_json::json!({ "type": "null" });
    match value {
        Value::Object(object) => {
            if let Some(Value::Array(alternatives)) = object.get_mut("anyOf") {
                alternatives.retain(|a| *a != null);
                if let [only] = alternatives.as_slice() {
                    let only = only.clone();
                    object.remove("anyOf");
                    if let Value::Object(inner) = only {
                        object.extend(inner);
                    }
                }
            }
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    object.insert("type".into(), only);
                }
            }
            object.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// [`config_schema`] as pretty-printed JSON with a trailing newline: the text of
/// `schema/config.schema.json`.
pub fn config_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(&config_schema())
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::object_schemas as objects;
    use serde_json::json;

    #[test]
    fn every_table_is_closed_and_every_key_described() {
        let schema = config_schema();
        let mut found = Vec::new();
        objects(&schema, String::new(), &mut found);
        let mut names: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "",
                "/definitions/Apply",
                "/definitions/KindSeverities",
                "/definitions/SeverityOverrides"
            ]
        );
        for (path, object) in found {
            assert_eq!(object["additionalProperties"], json!(false), "{path}");
            for (key, property) in object["properties"].as_object().expect("properties") {
                let description = property["description"].as_str().unwrap_or_default();
                assert!(
                    description.len() > 10 && !description.contains('\n'),
                    "{path}/{key}: one-line description, got {description:?}"
                );
            }
        }
        let keys: Vec<&String> = schema["properties"]
            .as_object()
            .expect("root properties")
            .keys()
            .collect();
        assert_eq!(
            keys,
            [
                "apply",
                "figures",
                "format",
                "max-draft-size",
                "max-rules-size",
                "rules",
                "severity",
                "unverified"
            ]
        );
        assert_eq!(
            schema["definitions"]["Apply"]["required"],
            json!(["paths", "rulesets"])
        );
        // TOML has no null: no key admits one.
        assert!(!config_schema_json().contains("null"));
        assert_eq!(schema["properties"]["rules"]["type"], json!("array"));
        assert_eq!(
            schema["definitions"]["KindSeverities"]["properties"]["missing"]["$ref"],
            json!("#/definitions/Severity")
        );
    }

    #[test]
    fn size_pattern_accepts_what_the_size_parser_reads() {
        let re = regex::Regex::new(super::super::schema::SIZE_PATTERN).expect("regex");
        for (written, parses) in [
            ("100MB", true),
            ("20M", true),
            ("1.5G", true),
            ("512k", true),
            ("1048576", true),
            ("2 MiB", true),
            ("lots", false),
            ("10 TB", false),
        ] {
            assert_eq!(re.is_match(written), parses, "{written}");
            assert_eq!(
                crate::text::parse_size(written).is_ok(),
                parses,
                "{written}"
            );
        }
    }

    #[test]
    fn committed_schema_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(CONFIG_SCHEMA_PATH);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == config_schema_json(),
            "{CONFIG_SCHEMA_PATH} is out of date with src/config/schema.rs; regenerate it \
             with\n\n    cargo run -- config schema > {CONFIG_SCHEMA_PATH}\n"
        );
    }
}
