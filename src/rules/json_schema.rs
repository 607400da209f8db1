//! The JSON Schema of rule files, generated from the serde types in [`super::schema`]
//! (see there for how the `Spanned` wrappers are described). The committed copy is
//! `schema/rules.schema.json`; `factcheck rules schema` prints it, and a test fails when
//! the committed copy is out of date.
//!
//! The schema is JSON Schema draft-07, the draft that editors (yaml-language-server,
//! VS Code) and validators support most widely.

use schemars::generate::SchemaSettings;

use super::schema::RawRuleFile;

/// Where the committed schema lives, relative to the crate root.
pub const SCHEMA_PATH: &str = "schema/rules.schema.json";

/// The JSON Schema of a rule file.
pub fn rule_file_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<RawRuleFile>();
    let mut value = schema.to_value();
    unwrap_descriptions(&mut value);
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "$comment".into(),
            format!(
                "Generated from src/rules/schema.rs by `factcheck rules schema > {SCHEMA_PATH}`; \
                 do not edit by hand."
            )
            .into(),
        );
    }
    value
}

/// Joins the lines of every `description` of a generated JSON Schema (doc comments are
/// wrapped at 90 columns; an editor wraps descriptions itself), keeping blank-line
/// paragraph breaks.
pub(crate) fn unwrap_descriptions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, item) in object.iter_mut() {
                match item {
                    serde_json::Value::String(text) if key == "description" => {
                        *text = text
                            .split("\n\n")
                            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    other => unwrap_descriptions(other),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// [`rule_file_schema`] as pretty-printed JSON with a trailing newline: the text of
/// `schema/rules.schema.json`.
pub fn rule_file_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(&rule_file_schema())
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// Every object schema (one with `properties`) of a generated JSON Schema, with its
/// JSON path: for tests that hold every table closed and every key described.
#[cfg(test)]
pub(crate) fn object_schemas<'a>(
    value: &'a serde_json::Value,
    path: String,
    out: &mut Vec<(String, &'a serde_json::Value)>,
) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.contains_key("properties") {
                out.push((path.clone(), value));
            }
            for (key, item) in map {
                object_schemas(item, format!("{path}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                object_schemas(item, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::object_schemas as objects;
    use serde_json::{json, Value};

    /// The schema of a definition, or of the root for `""`.
    fn def<'a>(schema: &'a Value, name: &str) -> &'a Value {
        if name.is_empty() {
            schema
        } else {
            &schema["definitions"][name]
        }
    }

    #[test]
    fn every_mapping_is_closed_and_every_key_described() {
        let schema = rule_file_schema();
        let mut found = Vec::new();
        objects(&schema, String::new(), &mut found);
        // The root, SourceFile, Person, Claim, its value, Quote, Statement, Examples,
        // FailExample.
        assert_eq!(
            found.len(),
            9,
            "{:?}",
            found.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
        for (path, object) in found {
            assert_eq!(object["additionalProperties"], json!(false), "{path}");
            assert_eq!(object["type"], json!("object"), "{path}");
            let description = object["description"].as_str().unwrap_or_default();
            assert!(!description.is_empty(), "{path} has a description");
            for (key, property) in object["properties"].as_object().expect("properties") {
                let description = property["description"].as_str().unwrap_or_default();
                assert!(
                    description.len() > 10 && !description.contains('\n'),
                    "{path}/{key}: one-line description, got {description:?}"
                );
            }
        }
    }

    #[test]
    fn keys_required_and_allowed() {
        let schema = rule_file_schema();
        let keys = |name: &str| -> Vec<String> {
            let mut keys: Vec<String> = def(&schema, name)["properties"]
                .as_object()
                .expect("properties")
                .keys()
                .cloned()
                .collect();
            keys.sort();
            keys
        };
        let required = |name: &str| def(&schema, name)["required"].clone();
        let cases: &[(&str, &[&str], Value)] = &[
            (
                "",
                &[
                    "claims",
                    "description",
                    "people",
                    "quotes",
                    "ruleset",
                    "sources",
                    "statements",
                ],
                json!(["ruleset"]),
            ),
            (
                "SourceFile",
                &["id", "path", "sha256", "title", "url"],
                json!(["id", "path"]),
            ),
            (
                "Person",
                &["aliases", "id", "name", "pronouns", "title"],
                json!(["name"]),
            ),
            (
                "Claim",
                &[
                    "context",
                    "examples",
                    "id",
                    "required",
                    "severity",
                    "source",
                    "statement",
                    "value",
                ],
                json!(["id", "statement", "value"]),
            ),
            (
                "Quote",
                &[
                    "examples", "id", "required", "severity", "source", "speaker", "text",
                ],
                json!(["id", "speaker", "text"]),
            ),
            (
                "Statement",
                &[
                    "context",
                    "examples",
                    "id",
                    "required",
                    "severity",
                    "source",
                    "speaker",
                    "statement",
                ],
                json!(["id", "speaker", "statement", "context"]),
            ),
            ("Examples", &["fail", "pass"], Value::Null),
            ("FailExample", &["kind", "text"], json!(["text", "kind"])),
        ];
        for (name, expected_keys, expected_required) in cases {
            assert_eq!(keys(name), *expected_keys, "keys of {name:?}");
            assert_eq!(
                required(name),
                *expected_required,
                "required keys of {name:?}"
            );
        }
        assert_eq!(
            schema["$schema"],
            json!("http://json-schema.org/draft-07/schema#")
        );
    }

    #[test]
    fn value_is_exactly_one_kind_and_enums_are_closed() {
        let schema = rule_file_schema();
        let value = &schema["definitions"]["Claim"]["properties"]["value"];
        assert_eq!(value["minProperties"], json!(1));
        assert_eq!(value["maxProperties"], json!(1));
        let kinds = value["properties"].as_object().expect("kinds");
        let mut names: Vec<&str> = kinds.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["date", "money", "number", "percent", "tally", "text", "year"]
        );
        for (name, kind) in kinds {
            assert_eq!(kind["type"], json!(["string", "number"]), "{name}");
        }
        let consts = |enum_schema: &Value| -> Vec<String> {
            enum_schema["oneOf"]
                .as_array()
                .expect("oneOf")
                .iter()
                .map(|v| v["const"].as_str().expect("const").to_string())
                .collect()
        };
        assert_eq!(
            consts(&schema["definitions"]["Severity"]),
            ["info", "warning", "error"]
        );
        assert_eq!(
            consts(&schema["definitions"]["FailExample"]["properties"]["kind"]),
            ["missing", "altered", "misattributed", "unattributed"]
        );
    }

    /// Validates `value` against `schema`, for the keywords this schema uses (a
    /// validator crate would add a minute or more to a clean build for this one test).
    /// Unknown keywords panic, so the check can never pass by ignoring one.
    fn validate(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let Some(map) = schema.as_object() else {
            panic!("schema at {at} is not an object");
        };
        let fail = |errors: &mut Vec<String>, why: String| errors.push(format!("{at}: {why}"));
        for (keyword, arg) in map {
            match keyword.as_str() {
                "$schema" | "$comment" | "title" | "description" | "definitions" => {}
                "$ref" => {
                    let name = arg
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/definitions/"))
                        .expect("local ref");
                    validate(root, &root["definitions"][name], value, at, errors);
                }
                "type" => {
                    let types: Vec<&str> = match arg {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => panic!("bad type at {at}"),
                    };
                    let actual = match value {
                        Value::Null => "null",
                        Value::Bool(_) => "boolean",
                        Value::Number(_) => "number",
                        Value::String(_) => "string",
                        Value::Array(_) => "array",
                        Value::Object(_) => "object",
                    };
                    if !types.contains(&actual) {
                        fail(errors, format!("{actual} is not {types:?}"));
                    }
                }
                "const" if value != arg => fail(errors, format!("{value} is not {arg}")),
                "const" => {}
                "pattern" => {
                    let re = regex::Regex::new(arg.as_str().expect("pattern")).expect("regex");
                    if value.as_str().is_some_and(|v| !re.is_match(v)) {
                        fail(errors, format!("{value} does not match {re}"));
                    }
                }
                "required" => {
                    for key in arg.as_array().expect("required") {
                        let key = key.as_str().expect("key");
                        if value.as_object().is_some_and(|o| !o.contains_key(key)) {
                            fail(errors, format!("missing `{key}`"));
                        }
                    }
                }
                "minProperties" | "maxProperties" => {
                    let n = arg.as_u64().expect("count") as usize;
                    if let Some(len) = value.as_object().map(|o| o.len()) {
                        if (keyword == "minProperties" && len < n)
                            || (keyword == "maxProperties" && len > n)
                        {
                            fail(errors, format!("{len} keys, {keyword} is {n}"));
                        }
                    }
                }
                "minItems" => {
                    let n = arg.as_u64().expect("count") as usize;
                    if value.as_array().is_some_and(|a| a.len() < n) {
                        fail(errors, format!("fewer than {n} items"));
                    }
                }
                "additionalProperties" => {
                    assert_eq!(arg, &Value::Bool(false), "at {at}");
                    if let Some(object) = value.as_object() {
                        for key in object.keys() {
                            if map["properties"].get(key).is_none() {
                                fail(errors, format!("unknown key `{key}`"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(object) = value.as_object() {
                        for (key, item) in object {
                            if let Some(sub) = arg.get(key) {
                                validate(root, sub, item, &format!("{at}/{key}"), errors);
                            }
                        }
                    }
                }
                "items" => {
                    for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                        validate(root, arg, item, &format!("{at}/{i}"), errors);
                    }
                }
                "anyOf" | "oneOf" => {
                    // Each alternative's complaints, so that a failure says why.
                    let mut why = Vec::new();
                    let matching = arg
                        .as_array()
                        .expect("alternatives")
                        .iter()
                        .filter(|sub| {
                            let mut sub_errors = Vec::new();
                            validate(root, sub, value, at, &mut sub_errors);
                            why.extend(sub_errors.iter().cloned());
                            sub_errors.is_empty()
                        })
                        .count();
                    if matching == 0 || (keyword == "oneOf" && matching > 1) {
                        fail(
                            errors,
                            format!(
                                "{value} matches {matching} of the {keyword} ({})",
                                why.join("; ")
                            ),
                        );
                    }
                }
                other => panic!("the test validator does not know `{other}` (at {at})"),
            }
        }
    }

    /// The schema's complaints about a YAML document (read as JSON).
    fn schema_errors(yaml: &str) -> Vec<String> {
        let schema = rule_file_schema();
        let value: Value = serde_saphyr::from_str(yaml).expect("YAML");
        let mut errors = Vec::new();
        validate(&schema, &schema, &value, "", &mut errors);
        errors
    }

    #[test]
    fn committed_rule_files_satisfy_the_schema() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).expect("rules/") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let yaml = std::fs::read_to_string(&path).expect("read");
                assert_eq!(
                    schema_errors(&yaml),
                    Vec::<String>::new(),
                    "{}",
                    path.display()
                );
                files += 1;
            }
        }
        assert!(files > 0, "no rule files in rules/");
    }

    #[test]
    fn schema_and_loader_agree() {
        let base = "ruleset: x\npeople: [{ id: a, name: A B }]\n";
        // (document, schema errors expected, loads) — the schema never rejects what
        // loads; the loader checks more than the schema can say (last cases).
        let cases: &[(&str, &[&str], bool)] = &[
            ("claims:\n  - { id: c, statement: s, value: { year: 1979 } }\n", &[], true),
            ("ruleset: x\npeople:\nclaims: ~\nquotes: []\n", &[], true),
            (
                "quotes:\n  - id: q\n    speaker: a\n    text: one two three\n    examples:\n      pass: [one two three]\n      fail: [{ text: x, kind: unattributed }]\n",
                &[],
                true,
            ),
            ("qoutes: []\n", &["unknown key `qoutes`"], false),
            (
                "claims:\n  - { id: c, statement: s, value: { year: 1979, text: x } }\n",
                &["/claims/0/value: 2 keys, maxProperties is 1"],
                false,
            ),
            (
                "claims:\n  - { id: c, statement: s, value: {} }\n",
                &["/claims/0/value: 0 keys, minProperties is 1"],
                false,
            ),
            (
                "claims:\n  - { id: c, value: { year: 1979 } }\n",
                &["/claims/0: missing `statement`"],
                false,
            ),
            (
                "quotes:\n  - { id: q, speaker: a, text: t, severity: fatal }\n",
                &["/quotes/0/severity: \"fatal\" matches 0 of the anyOf"],
                false,
            ),
            (
                "quotes:\n  - { id: q, speaker: a, text: t, examples: { fail: [{ text: x, kind: unverified }] } }\n",
                &["/quotes/0/examples/fail/0/kind: \"unverified\" matches 0 of the oneOf"],
                false,
            ),
            (
                "quotes:\n  - { id: q, speaker: a, text: t, examples: { fail: [{ text: x }] } }\n",
                &["/quotes/0/examples/fail/0: missing `kind`"],
                false,
            ),
            ("ruleset: -bad\n", &["/ruleset: \"-bad\" does not match"], false),
            (
                "statements:\n  - { id: s, speaker: a, statement: t, context: [x], examples: { fail: [{ text: x, kind: misattributed }] } }\n",
                &[],
                true,
            ),
            (
                "sources: [notes, { id: s, path: s.txt, sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef }]\nquotes:\n  - { id: q, speaker: a, text: t, source: s }\n",
                &[],
                true,
            ),
            (
                "statements:\n  - { id: s, speaker: a, statement: t }\n",
                &["/statements/0: missing `context`"],
                false,
            ),
            (
                "statements:\n  - { id: s, speaker: a, statement: t, context: [] }\n",
                &["/statements/0/context: fewer than 1 items"],
                false,
            ),
            (
                "statements:\n  - { id: s, speaker: a, statement: t, context: [x], value: { year: 1979 } }\n",
                &["unknown key `value`"],
                false,
            ),
            (
                "sources: [{ id: s }]\n",
                &["missing `path`"],
                false,
            ),
            (
                "sources: [{ id: s, path: s.txt, sha256: ABC }]\n",
                &["does not match"],
                false,
            ),
            // Beyond the schema: an unknown speaker, an unparsable value, an unknown
            // source.
            ("quotes:\n  - { id: q, speaker: a, text: t, source: s }\n", &[], false),
            ("quotes:\n  - { id: q, speaker: nobody, text: t }\n", &[], false),
            ("claims:\n  - { id: c, statement: s, value: { tally: lots } }\n", &[], false),
        ];
        for (doc, expected, loads) in cases {
            let yaml = if doc.starts_with("ruleset:") {
                doc.to_string()
            } else {
                format!("{base}{doc}")
            };
            let errors = schema_errors(&yaml);
            assert_eq!(errors.len(), expected.len(), "{yaml}\n{errors:?}");
            for (error, want) in errors.iter().zip(expected.iter()) {
                assert!(
                    error.contains(want),
                    "{yaml}\nexpected {want:?} in {error:?}"
                );
            }
            let loaded = crate::rules::load_rule_file("t.yaml", &yaml);
            assert_eq!(loaded.is_ok(), *loads, "{yaml}\n{loaded:?}");
        }
    }

    #[test]
    fn committed_schema_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_PATH);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == rule_file_schema_json(),
            "{SCHEMA_PATH} is out of date with src/rules/schema.rs; regenerate it with\n\n    \
             cargo run -- rules schema > {SCHEMA_PATH}\n"
        );
    }
}
