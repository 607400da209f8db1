//! SARIF 2.1.0 output (`--format sarif`) for code-scanning dashboards (GitHub code
//! scanning, Azure DevOps, IDE SARIF viewers).
//!
//! One run: the tool (`factcheck`, its version and home), one rule entry
//! (`reportingDescriptor`) per rule that a finding names, with the rule's statement as
//! its short description, and one result per finding. A region gives line and column
//! (columns count Unicode code points, `run.columnKind`), the exclusive end line and
//! column, and the byte offset and length into the file. A missing claim or quote has no
//! place in the draft: it is located at line 1, column 1 with an empty region, and its
//! message states the rule. Findings silenced by an inline comment are results too, with
//! `suppressions: [{"kind": "inSource"}]`. A finding with a fix carries it as a SARIF
//! `fix` (one replacement: the region deleted, by bytes and by lines and columns, and
//! the text inserted; `properties.safe` false for a fix a person must confirm); suppressed
//! findings carry none. A quote that no rule covers is reported under the rule
//! `unverified-quote`, a figure that no claim covers (`--figures`) under
//! `unverified-figure`. The document is checked against the official schema in
//! the tests (`tests/schemas/sarif-schema-2.1.0.json`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Map, Value};

use super::{clamp_span, fix_edit, Emitter, RuleCatalog};
use crate::check::{CheckedFile, Finding, FindingKind};
use crate::rules::Severity;
use crate::text::{SourceFile, Span};

/// The `$schema` the document declares.
pub const SARIF_SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where people learn about the tool (`tool.driver.informationUri`).
const INFORMATION_URI: &str = "https://crates.io/crates/factcheck";

/// The rule id under which quotes that no rule covers are reported.
const UNVERIFIED_RULE: &str = "unverified-quote";
/// The rule id of `factcheck-ignore` comments that silence nothing.
const UNUSED_SUPPRESSION_RULE: &str = "unused-suppression";
/// The rule id under which figures that no claim covers are reported (`--figures`).
const UNVERIFIED_FIGURE_RULE: &str = "unverified-figure";

/// SARIF 2.1.0, one run, pretty-printed with a final newline.
#[derive(Debug, Clone, Copy)]
pub struct SarifEmitter<'a> {
    /// The rules that were checked: their statements describe the results.
    pub catalog: &'a RuleCatalog,
}

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF rule id of a finding: `ruleset/rule`, or for the findings of no rule
/// `unverified-quote`, `unverified-figure` and `unused-suppression`.
fn rule_id(finding: &Finding) -> String {
    match (finding.kind, &finding.ruleset, &finding.rule) {
        (FindingKind::UnusedSuppression, ..) => UNUSED_SUPPRESSION_RULE.to_owned(),
        (FindingKind::UnverifiedFigure, ..) => UNVERIFIED_FIGURE_RULE.to_owned(),
        (_, Some(ruleset), Some(rule)) => format!("{ruleset}/{rule}"),
        (_, None, Some(rule)) => rule.clone(),
        _ => UNVERIFIED_RULE.to_owned(),
    }
}

/// A relative path as a URI reference: `\` becomes `/`, and every byte outside the
/// unreserved set and `/` is percent-encoded (so `drafts/Inés draft.txt` becomes
/// `drafts/In%C3%A9s%20draft.txt`). An absolute path becomes a `file://` URI.
pub(crate) fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The region of a finding: its span, or the start of the file for a missing finding.
fn region(source: &SourceFile, finding: &Finding) -> Value {
    let Some(span) = finding.span else {
        return json!({
            "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1,
            "byteOffset": 0, "byteLength": 0,
        });
    };
    span_region(source, span)
}

/// The region of a span of the draft: lines and columns, bytes.
fn span_region(source: &SourceFile, span: Span) -> Value {
    let range = clamp_span(&source.text, span);
    let (start_line, start_column) = source.line_col(range.start);
    let (end_line, end_column) = source.line_col(range.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": range.start,
        "byteLength": range.end - range.start,
    })
}

/// The message of a result: the finding's kind and message, with the rule's statement
/// for a missing finding whose message does not already state it (the draft has nothing
/// to point at).
fn message(catalog: &RuleCatalog, finding: &Finding) -> String {
    match (finding.kind, catalog.statement_of(finding)) {
        // The checker's own message may already state the rule.
        (FindingKind::Missing, Some(statement)) if !finding.message.contains(statement) => {
            format!("missing: {statement} ({})", finding.message)
        }
        _ => format!("{}: {}", finding.kind.as_str(), finding.message),
    }
}

/// The SARIF `fix` of a finding that has one: one replacement in the draft (the
/// region replaced, by bytes and by lines and columns, and the text inserted), described
/// in words, with `properties.safe`.
fn fix(source: &SourceFile, finding: &Finding) -> Option<Value> {
    let fix = finding.fix.as_ref()?;
    let description = fix_edit(source, fix)?;
    let safety = if fix.safe {
        "safe: `factcheck fix` applies it"
    } else {
        "unsafe: the rule may be what is wrong; `factcheck fix --unsafe-fixes` applies it"
    };
    Some(json!({
        "description": {"text": format!("{description} ({safety})")},
        "artifactChanges": [{
            "artifactLocation": {"uri": path_uri(&source.path)},
            "replacements": [{
                "deletedRegion": span_region(source, fix.span()),
                "insertedContent": {"text": fix.replacement},
            }],
        }],
        "properties": {"safe": fix.safe},
    }))
}

impl SarifEmitter<'_> {
    /// The `reportingDescriptor` of a rule id.
    fn rule_descriptor(&self, id: &str, finding: &Finding) -> Value {
        // The findings of no rule: a descriptor of their own.
        let builtin = match finding.kind {
            FindingKind::UnusedSuppression => Some((
                "UnusedSuppression",
                "A factcheck-ignore comment that silences no finding.",
            )),
            FindingKind::UnverifiedFigure => Some((
                "UnverifiedFigure",
                "A figure in the draft that no claim covers.",
            )),
            _ if finding.rule.is_none() => Some((
                "UnverifiedQuote",
                "A direct quote in the draft that no rule covers.",
            )),
            _ => None,
        };
        if let Some((name, text)) = builtin {
            return json!({
                "id": id,
                "name": name,
                "shortDescription": {"text": text},
                "defaultConfiguration": {"level": level(finding.severity)},
            });
        }
        let entry = match (&finding.ruleset, &finding.rule) {
            (Some(ruleset), Some(rule)) => self.catalog.get(ruleset, rule),
            _ => None,
        };
        let mut descriptor = Map::new();
        descriptor.insert("id".into(), json!(id));
        let statement =
            entry.map_or_else(|| format!("Rule {id}."), |entry| entry.statement.clone());
        descriptor.insert("shortDescription".into(), json!({ "text": statement }));
        if let Some(entry) = entry {
            descriptor.insert(
                "defaultConfiguration".into(),
                json!({"level": level(entry.severity)}),
            );
            descriptor.insert(
                "properties".into(),
                json!({"ruleset": entry.ruleset, "kind": entry.kind.as_str()}),
            );
        }
        Value::Object(descriptor)
    }

    /// The whole SARIF log.
    pub fn document(&self, files: &[CheckedFile]) -> Value {
        // Rules in order of first appearance, each with its index.
        let mut rule_index: BTreeMap<String, usize> = BTreeMap::new();
        let mut rules: Vec<Value> = Vec::new();
        let mut results: Vec<Value> = Vec::new();
        for file in files {
            let all = file
                .findings
                .iter()
                .map(|f| (f, false))
                .chain(file.suppressed.iter().map(|f| (f, true)));
            for (finding, suppressed) in all {
                let id = rule_id(finding);
                let index = match rule_index.get(&id) {
                    Some(&i) => i,
                    None => {
                        rules.push(self.rule_descriptor(&id, finding));
                        rule_index.insert(id.clone(), rules.len() - 1);
                        rules.len() - 1
                    }
                };
                let mut result = Map::new();
                result.insert("ruleId".into(), json!(id));
                result.insert("ruleIndex".into(), json!(index));
                result.insert("level".into(), json!(level(finding.severity)));
                result.insert(
                    "message".into(),
                    json!({"text": message(self.catalog, finding)}),
                );
                result.insert(
                    "locations".into(),
                    json!([{
                        "physicalLocation": {
                            "artifactLocation": {"uri": path_uri(&file.source.path)},
                            "region": region(&file.source, finding),
                        }
                    }]),
                );
                if suppressed {
                    result.insert("suppressions".into(), json!([{"kind": "inSource"}]));
                } else if let Some(fix) = fix(&file.source, finding) {
                    result.insert("fixes".into(), json!([fix]));
                }
                let mut properties = Map::new();
                properties.insert("kind".into(), json!(finding.kind.as_str()));
                if let Some(expected) = &finding.expected {
                    properties.insert("expected".into(), json!(expected));
                }
                if let Some(found) = &finding.found {
                    properties.insert("found".into(), json!(found));
                }
                result.insert("properties".into(), Value::Object(properties));
                results.push(Value::Object(result));
            }
        }
        json!({
            "$schema": SARIF_SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "factcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "newlineSequences": ["\r\n", "\n", "\r"],
                "results": results,
            }],
        })
    }
}

impl Emitter for SarifEmitter<'_> {
    fn emit(&self, out: &mut dyn Write, files: &[CheckedFile]) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.document(files))?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures;

    fn render(files: &[CheckedFile]) -> String {
        fixtures::rendered(
            &SarifEmitter {
                catalog: &fixtures::catalog(),
            },
            files,
        )
    }

    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif_validator.rs"
    ));

    fn validator() -> jsonschema::Validator {
        sarif_validator()
    }

    #[test]
    fn sarif_snapshot() {
        insta::assert_snapshot!(render(&fixtures::checked_files()));
    }

    #[test]
    fn sarif_is_valid_against_the_official_schema() {
        let validator = validator();
        for files in [fixtures::checked_files(), Vec::new()] {
            let doc: Value = serde_json::from_str(&render(&files)).expect("valid JSON");
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
        // The validator does reject a broken log: a result without a message.
        let mut doc: Value =
            serde_json::from_str(&render(&fixtures::checked_files())).expect("valid JSON");
        if let Some(result) = doc.pointer_mut("/runs/0/results/0") {
            result.as_object_mut().map(|r| r.remove("message"));
        }
        assert!(!validator.is_valid(&doc));
    }

    #[test]
    fn sarif_results_point_at_the_draft() {
        let files = fixtures::checked_files();
        let doc: Value = serde_json::from_str(&render(&files)).expect("valid JSON");
        let run = &doc["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "factcheck");
        let results = run["results"].as_array().expect("results");
        assert_eq!(results.len(), 10);
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), 10);
        // Every result names a rule by id and index.
        for result in results {
            let index = result["ruleIndex"].as_u64().expect("index") as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
        // The missing claim: at 1:1, its statement in the message.
        let missing = &results[0];
        assert_eq!(missing["level"], "note");
        let region = &missing["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (&region["startLine"], &region["startColumn"]),
            (&1.into(), &1.into())
        );
        let text = missing["message"]["text"].as_str().expect("message");
        assert!(
            text.contains("The measure takes effect on January 1, 2026."),
            "{text}"
        );
        // The altered tally: 3:6 to 3:10, bytes that hold “12-1”.
        let altered = &results[1]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(altered["startLine"], 3);
        assert_eq!(altered["startColumn"], 6);
        assert_eq!(altered["endColumn"], 10);
        let start = altered["byteOffset"].as_u64().expect("offset") as usize;
        let len = altered["byteLength"].as_u64().expect("length") as usize;
        assert_eq!(&files[0].source.text[start..start + len], "12-1");
        // The misattribution after curly quotes and an accented name counts code points.
        let misattributed = &results[2]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (&misattributed["startLine"], &misattributed["startColumn"]),
            (&5.into(), &39.into())
        );
        // The altered tally's fix replaces those bytes with the verified value, safely;
        // the misattribution's is unsafe.
        let fix = &results[1]["fixes"][0];
        let replacement = &fix["artifactChanges"][0]["replacements"][0];
        assert_eq!(
            replacement["deletedRegion"],
            results[1]["locations"][0]["physicalLocation"]["region"]
        );
        assert_eq!(replacement["insertedContent"]["text"], "13-0");
        assert_eq!(fix["properties"]["safe"], true);
        assert_eq!(results[2]["fixes"][0]["properties"]["safe"], false);
        assert_eq!(
            results.iter().filter(|r| r.get("fixes").is_some()).count(),
            2
        );
        // Only the last result is suppressed, in source.
        assert_eq!(results[9]["suppressions"], json!([{"kind": "inSource"}]));
        assert!(results[..9].iter().all(|r| r.get("suppressions").is_none()));
        assert_eq!(results[3]["ruleId"], UNVERIFIED_FIGURE_RULE);
        assert_eq!(results[3]["level"], "note");
        assert_eq!(results[5]["ruleId"], UNVERIFIED_RULE);
        assert_eq!(results[8]["ruleId"], UNUSED_SUPPRESSION_RULE);
        // A statement rule is described with its speaker and its kind.
        let index = results[6]["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["properties"]["kind"], "statement");
        assert_eq!(
            rules[index]["shortDescription"]["text"],
            "Inés Ortega said: The measure shields families from federal immigration agents."
        );
    }

    #[test]
    fn path_uri_is_a_relative_reference() {
        let cases = [
            ("data/altered.txt", "data/altered.txt"),
            ("drafts/Inés draft.txt", "drafts/In%C3%A9s%20draft.txt"),
            ("a\\b.txt", "a/b.txt"),
            ("/tmp/x#1.txt", "file:///tmp/x%231.txt"),
            ("-", "-"),
            ("50%.txt", "50%25.txt"),
        ];
        for (path, uri) in cases {
            assert_eq!(path_uri(path), uri, "{path}");
        }
    }
}
