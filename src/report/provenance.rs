//! The output of `factcheck rules verify` ([`Verification`]): rustc-style text pointing
//! into the rule file and into the source, JSON (versioned, like the check's), and SARIF
//! 2.1.0 (the rule file as the result's location, the source as a related location).

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::{json, Value};

use super::excerpt::Excerpt;
use super::sarif::{path_uri, SARIF_SCHEMA_URI};
use super::{clamp_span, one_line};
use crate::rules::provenance::{Problem, ProblemKind, RuleStatus, SourceStatus, Verification};
use crate::rules::RulePosition;
use crate::text::{SourceFile, Span};

/// Version of the JSON document of `factcheck rules verify --format json`.
pub const VERIFY_JSON_VERSION: u32 = 1;

/// Where people learn about the tool (`tool.driver.informationUri`).
const INFORMATION_URI: &str = "https://crates.io/crates/factcheck";

/// The byte offset of a 1-based line and column (characters) in `file`, clamped to it.
fn offset_of(file: &SourceFile, position: RulePosition) -> usize {
    let index = file.line_index();
    let line = position
        .line
        .saturating_sub(1)
        .min(index.len().saturating_sub(1));
    let start = index.line_start(line).min(file.text.len());
    let rest = &file.text[start..];
    let bom = usize::from(line == 0 && rest.starts_with('\u{feff}'));
    rest.char_indices()
        .nth(position.column.saturating_sub(1) + bom)
        .map_or(file.text.len(), |(i, _)| start + i)
}

/// The span of the token written at `position` (an id, a hash, a key): up to the first
/// space, comma, bracket or line end.
fn token_at(file: &SourceFile, position: RulePosition) -> Span {
    let start = offset_of(file, position);
    let rest = &file.text[start..];
    let len = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | ']' | '#'))
        .unwrap_or(rest.len())
        .max(rest.chars().next().map_or(0, char::len_utf8));
    Span::new(start, start + len)
}

/// Human output: one block per problem, the unpinned rules and sources, a summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct VerifyText {
    /// Colour the output with ANSI escapes.
    pub styled: bool,
}

impl VerifyText {
    /// Renders one problem as a block of lines (without a final newline).
    pub fn render_problem(&self, verification: &Verification, problem: &Problem) -> String {
        let renderer = if self.styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let title = Level::ERROR
            .primary_title(one_line(&problem.message))
            .id(problem.kind.as_str());
        let mut group = Group::with_title(title);
        if let Some(file) = verification.documents.get(&problem.rule_file) {
            let label = match (problem.kind, &problem.rule) {
                (ProblemKind::Stale, _) => "pinned SHA-256".to_string(),
                (ProblemKind::Unreadable, _) => format!("source `{}`", problem.source),
                _ => format!("pinned to source `{}`", problem.source),
            };
            let span = token_at(file, problem.position);
            group = group.element(snippet(file, span, AnnotationKind::Primary, label));
        }
        if let (Some(span), Some(source)) = (
            problem.source_span,
            verification.documents.get(&problem.source_path),
        ) {
            let label = problem.source_label.clone().unwrap_or_default();
            group = group.element(snippet(source, span, AnnotationKind::Context, label));
        }
        if let Some(help) = help(problem) {
            group = group.element(Level::HELP.message(help));
        }
        renderer.render(&[group])
    }

    /// The whole report.
    pub fn emit(&self, out: &mut dyn Write, verification: &Verification) -> io::Result<()> {
        for problem in &verification.problems {
            writeln!(out, "{}\n", self.render_problem(verification, problem))?;
        }
        let mut listed = false;
        for rule in verification
            .rules
            .iter()
            .filter(|r| r.status == RuleStatus::Unpinned)
        {
            writeln!(
                out,
                "unpinned: {}:{}:{}: {} `{}` names no source",
                rule.rule_file,
                rule.position.line,
                rule.position.column,
                rule.kind.as_str(),
                one_line(&rule.rule)
            )?;
            listed = true;
        }
        for source in verification
            .sources
            .iter()
            .filter(|s| s.status == SourceStatus::Unpinned)
        {
            writeln!(
                out,
                "unpinned: {}:{}:{}: source `{}` ({}) has no sha256: run `factcheck rules pin {}`",
                source.rule_file,
                source.position.line,
                source.position.column,
                source.id,
                source.path,
                source.rule_file
            )?;
            listed = true;
        }
        if listed {
            writeln!(out)?;
        }
        writeln!(out, "{}", summary_line(verification))
    }
}

/// A snippet of `file` marking `span`.
fn snippet(
    file: &SourceFile,
    span: Span,
    kind: AnnotationKind,
    label: String,
) -> Snippet<'_, annotate_snippets::Annotation<'_>> {
    let excerpt = Excerpt::new(file, Span::new(span.start, span.end));
    let range = clamp_span(
        &excerpt.text,
        Span::new(excerpt.span.start, excerpt.span.end),
    );
    Snippet::source(excerpt.text)
        .line_start(excerpt.line)
        .path(file.path.as_str())
        .annotation(kind.span(range).label(label))
}

/// What to do about a problem.
fn help(problem: &Problem) -> Option<String> {
    Some(match problem.kind {
        ProblemKind::Stale => format!(
            "check the rules against the new file, then pin it: `factcheck rules pin {}`",
            problem.rule_file
        ),
        ProblemKind::Unreadable => format!(
            "the path is relative to the rule file's folder; fix it, or restore {}",
            problem.source_path
        ),
        ProblemKind::Misattributed => {
            "correct the rule's `speaker`, or the source if it is the source that is wrong"
                .to_string()
        }
        ProblemKind::Unsupported => return None,
    })
}

/// `11 rules in 1 file: 11 supported, …; 1 source: 1 pinned, …`.
fn summary_line(v: &Verification) -> String {
    let plural = |n: usize, what: &str| {
        if n == 1 {
            format!("{n} {what}")
        } else {
            format!("{n} {what}s")
        }
    };
    let mut rules = format!(
        "{} in {}: {} supported, {} unsupported, {} misattributed, {} unpinned",
        plural(v.rules.len(), "rule"),
        plural(v.files.len(), "file"),
        v.count(RuleStatus::Supported),
        v.count(RuleStatus::Unsupported),
        v.count(RuleStatus::Misattributed),
        v.count(RuleStatus::Unpinned),
    );
    let unverified = v.count(RuleStatus::Unverified);
    if unverified > 0 {
        rules.push_str(&format!(", {unverified} unverified"));
    }
    let sources = |status: SourceStatus| v.sources.iter().filter(|s| s.status == status).count();
    format!(
        "{rules}; {}: {} pinned, {} unpinned, {} stale, {} unreadable",
        plural(v.sources.len(), "source"),
        sources(SourceStatus::Pinned),
        sources(SourceStatus::Unpinned),
        sources(SourceStatus::Stale),
        sources(SourceStatus::Unreadable),
    )
}

/// A place in a file as JSON: path, line, column, byte offset and length.
fn place(file: Option<&SourceFile>, path: &str, span: Span) -> Value {
    match file {
        Some(file) => {
            let range = clamp_span(&file.text, span);
            let (line, column) = file.line_col(range.start);
            json!({
                "path": path, "line": line, "column": column,
                "byte_offset": range.start, "byte_length": range.end - range.start,
            })
        }
        None => json!({ "path": path, "line": null, "column": null }),
    }
}

/// The JSON document of `factcheck rules verify --format json`.
pub fn verify_json(v: &Verification) -> Value {
    let sources: Vec<Value> = v
        .sources
        .iter()
        .map(|s| {
            json!({
                "ruleset": s.ruleset, "id": s.id, "path": s.path,
                "rule_file": s.rule_file, "line": s.position.line, "column": s.position.column,
                "status": s.status.as_str(), "pinned": s.pinned, "actual": s.actual,
                "rules": s.rules, "error": s.error,
            })
        })
        .collect();
    let rules: Vec<Value> = v
        .rules
        .iter()
        .map(|r| {
            let source_path = r.source.as_deref().and_then(|id| {
                v.sources
                    .iter()
                    .find(|s| s.ruleset == r.ruleset && s.id == id)
                    .map(|s| s.path.as_str())
            });
            let found = match (r.found, source_path) {
                (Some(span), Some(path)) => place(v.documents.get(path), path, span),
                _ => Value::Null,
            };
            json!({
                "ruleset": r.ruleset, "id": r.rule, "kind": r.kind.as_str(),
                "rule_file": r.rule_file, "line": r.position.line, "column": r.position.column,
                "source": r.source, "status": r.status.as_str(), "found": found,
                "credited": r.credited,
            })
        })
        .collect();
    let problems: Vec<Value> = v
        .problems
        .iter()
        .map(|p| {
            let at = p.source_span.map_or(Value::Null, |span| {
                place(v.documents.get(&p.source_path), &p.source_path, span)
            });
            json!({
                "kind": p.kind.as_str(), "ruleset": p.ruleset, "rule": p.rule,
                "rule_file": p.rule_file, "line": p.position.line, "column": p.position.column,
                "source": p.source, "source_path": p.source_path, "source_location": at,
                "message": p.message, "credited": p.credited,
            })
        })
        .collect();
    let count_sources =
        |status: SourceStatus| v.sources.iter().filter(|s| s.status == status).count();
    json!({
        "version": VERIFY_JSON_VERSION,
        "files": v.files,
        "sources": sources,
        "rules": rules,
        "problems": problems,
        "summary": {
            "files": v.files.len(),
            "rules": v.rules.len(),
            "supported": v.count(RuleStatus::Supported),
            "unsupported": v.count(RuleStatus::Unsupported),
            "misattributed": v.count(RuleStatus::Misattributed),
            "unpinned": v.count(RuleStatus::Unpinned),
            "unverified": v.count(RuleStatus::Unverified),
            "sources": v.sources.len(),
            "sources_pinned": count_sources(SourceStatus::Pinned),
            "sources_unpinned": count_sources(SourceStatus::Unpinned),
            "stale": count_sources(SourceStatus::Stale),
            "unreadable": count_sources(SourceStatus::Unreadable),
        },
    })
}

/// A SARIF region for a span of a file (line 1, column 1 when the file is not at hand).
fn region(file: Option<&SourceFile>, span: Span) -> Value {
    let Some(file) = file else {
        return json!({ "startLine": 1, "startColumn": 1 });
    };
    let range = clamp_span(&file.text, span);
    let (start_line, start_column) = file.line_col(range.start);
    let (end_line, end_column) = file.line_col(range.end);
    json!({
        "startLine": start_line, "startColumn": start_column,
        "endLine": end_line, "endColumn": end_column,
        "byteOffset": range.start, "byteLength": range.end - range.start,
    })
}

/// The SARIF rule descriptors, one per problem kind, in [`ProblemKind`] order.
const SARIF_RULES: [(ProblemKind, &str, &str); 4] = [
    (
        ProblemKind::Unsupported,
        "UnsupportedRule",
        "A claim or quote that its source file does not state.",
    ),
    (
        ProblemKind::Misattributed,
        "MisattributedRule",
        "A quote that its source file credits to someone other than its speaker.",
    ),
    (
        ProblemKind::Stale,
        "StaleSource",
        "A source file whose SHA-256 is no longer the one its rule file pins.",
    ),
    (
        ProblemKind::Unreadable,
        "UnreadableSource",
        "A source file that cannot be read.",
    ),
];

/// The SARIF 2.1.0 log of `factcheck rules verify --format sarif`.
pub fn verify_sarif(v: &Verification) -> Value {
    let rules: Vec<Value> = SARIF_RULES
        .iter()
        .map(|(kind, name, description)| {
            json!({
                "id": format!("provenance/{}", kind.as_str()),
                "name": name,
                "shortDescription": { "text": description },
                "defaultConfiguration": { "level": "error" },
            })
        })
        .collect();
    let results: Vec<Value> = v
        .problems
        .iter()
        .map(|p| {
            let index = SARIF_RULES
                .iter()
                .position(|(kind, ..)| *kind == p.kind)
                .unwrap_or_default();
            let rule_file = v.documents.get(&p.rule_file);
            let span = rule_file.map_or(Span::new(0, 0), |f| token_at(f, p.position));
            let mut result = json!({
                "ruleId": format!("provenance/{}", p.kind.as_str()),
                "ruleIndex": index,
                "level": "error",
                "message": { "text": one_line(&p.message) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": path_uri(&p.rule_file) },
                        "region": region(rule_file, span),
                    }
                }],
                "properties": {
                    "kind": p.kind.as_str(),
                    "ruleset": p.ruleset,
                    "rule": p.rule,
                    "source": p.source,
                    "credited": p.credited,
                },
            });
            if let Some(span) = p.source_span {
                result["relatedLocations"] = json!([{
                    "id": 0,
                    "physicalLocation": {
                        "artifactLocation": { "uri": path_uri(&p.source_path) },
                        "region": region(v.documents.get(&p.source_path), span),
                    },
                    "message": { "text": p.source_label.clone().unwrap_or_default() },
                }]);
            }
            result
        })
        .collect();
    json!({
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "factcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
