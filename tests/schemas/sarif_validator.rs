// The SARIF 2.1.0 schema vendored beside this file, compiled for validation. Included
// (`include!`) by the SARIF emitter's unit tests and by tests/report_formats.rs, so both
// validate against the same schema the same way.

/// The vendored SARIF 2.1.0 schema, compiled. The published schema's `language`
/// patterns have a stray `]` that a strict validator rejects as a regular expression;
/// factcheck never writes `language`, so the intended pattern stands in for them here
/// (the file stays as published).
fn sarif_validator() -> jsonschema::Validator {
    fn fix_language_patterns(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if key == "pattern" && v == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                        *v = serde_json::Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                    } else {
                        fix_language_patterns(v);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(fix_language_patterns),
            _ => {}
        }
    }
    let mut schema: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif-schema-2.1.0.json"
    )))
    .expect("the vendored schema is JSON");
    fix_language_patterns(&mut schema);
    jsonschema::validator_for(&schema).expect("the vendored schema compiles")
}
