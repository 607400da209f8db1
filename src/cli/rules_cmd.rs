//! `factcheck rules …`: tools for rule authors — print the JSON Schema of rule files,
//! run the examples of every rule, check rule files without a draft, verify the rules
//! against their primary sources, and pin those sources' SHA-256.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;

use super::{ListFormat as Format, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::check::Finding;
use crate::report::{verify_json, verify_sarif, VerifyText};
use crate::rules::provenance::{pin_rule_files, verify_rulesets, PinOutcome};
use crate::rules::{
    discover_rules_dir, lint, load_rules, rule_file_schema_json, run_examples, ExampleOutcome,
    ExampleResult, Lint, RuleError, RuleSet, Severity,
};

/// Arguments of `factcheck rules`.
#[derive(Debug, clap::Args)]
pub(super) struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Print the JSON Schema of rule files (committed as schema/rules.schema.json).
    Schema,
    /// Run the examples of every claim and quote rule (exit 1 when one fails).
    ///
    /// Each example text is checked against its rule alone: `pass` texts must get no
    /// finding for the rule, `fail` texts a finding of their `kind`.
    Test(TestArgs),
    /// Check rule files without a draft: errors (exit 2: rule-file errors, a quote
    /// credited to two people) and warnings about weak or contradictory rules.
    Check(CheckRulesArgs),
    /// Verify every rule that names a source against the file (exit 1 on a problem).
    ///
    /// A quote must be in its source verbatim, credited there (by a transcript's speaker
    /// label or in prose) to its speaker; a claim must be stated in one sentence (its
    /// context terms and value); a pinned source must still have its SHA-256. Problems:
    /// unsupported, misattributed, stale, unreadable (exit 2). Rules that name no source
    /// are listed as unpinned, never failed.
    Verify(VerifyArgs),
    /// Write each source file's current SHA-256 into its rule file (`sha256:`), changing
    /// nothing else.
    Pin(PinArgs),
}

/// Output formats of `factcheck rules verify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum VerifyFormat {
    /// Human-readable, rustc-style, pointing into the rule file and the source.
    Text,
    /// Machine-readable JSON (stable, versioned).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

#[derive(Debug, clap::Args)]
struct VerifyArgs {
    /// Rule files or directories of them. Default: the nearest `rules/` directory from
    /// the current directory upward.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = VerifyFormat::Text)]
    format: VerifyFormat,
}

#[derive(Debug, clap::Args)]
struct PinArgs {
    /// Rule files or directories of them. Default: the nearest `rules/` directory from
    /// the current directory upward.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct TestArgs {
    /// Rule files or directories of them. Default: the nearest `rules/` directory from
    /// the current directory upward.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CheckRulesArgs {
    /// Rule files or directories of them. Default: the nearest `rules/` directory from
    /// the current directory upward.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `factcheck rules …`.
pub(super) fn run_rules(
    args: &RulesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    styled: bool,
) -> io::Result<u8> {
    match &args.command {
        RulesCommand::Schema => {
            out.write_all(rule_file_schema_json().as_bytes())?;
            out.flush()?;
            Ok(EXIT_CLEAN)
        }
        RulesCommand::Test(args) => run_test(args, out, err),
        RulesCommand::Check(args) => run_check_rules(args, out, err),
        RulesCommand::Verify(args) => run_verify(args, out, err, styled),
        RulesCommand::Pin(args) => run_pin(args, out, err),
    }
}

/// Why no rules could be loaded.
enum LoadFailure {
    /// No path was given and there is no `rules/` directory above.
    NoRulesDir,
    /// A rule-file error.
    Rule(RuleError),
}

impl LoadFailure {
    fn message(&self) -> String {
        match self {
            LoadFailure::NoRulesDir => "no rules found: pass PATH (a rule file or a directory \
                 of them), or run from a directory that has a rules/ directory above it"
                .to_string(),
            LoadFailure::Rule(e) => e.to_string(),
        }
    }
}

/// Loads the rule files under `paths`, or under the nearest `rules/` directory.
fn load(paths: &[PathBuf]) -> Result<Vec<RuleSet>, LoadFailure> {
    load_rules(&rule_paths(paths)?).map_err(LoadFailure::Rule)
}

/// `paths`, or the nearest `rules/` directory when none is given.
fn rule_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadFailure> {
    if paths.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Ok(vec![
            discover_rules_dir(&cwd).ok_or(LoadFailure::NoRulesDir)?
        ])
    } else {
        Ok(paths.to_vec())
    }
}

/// `1 example`, `2 examples`.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn run_test(args: &TestArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let rulesets = match load(&args.paths) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "error: {}", e.message())?;
            return Ok(EXIT_ERROR);
        }
    };
    let results = run_examples(&rulesets);
    let failed: Vec<&ExampleResult> = results.iter().filter(|r| !r.passed()).collect();
    for result in &failed {
        writeln!(out, "{}", failure_line(result))?;
    }
    writeln!(
        out,
        "{} in {}: {} passed, {} failed",
        count(results.len(), "example"),
        count(rulesets.len(), "file"),
        results.len() - failed.len(),
        failed.len()
    )?;
    out.flush()?;
    Ok(if failed.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

/// `path:line:col: rule: example 2 expected altered, got none`.
fn failure_line(result: &ExampleResult) -> String {
    let expected = match result.example.outcome {
        ExampleOutcome::Pass => "no finding".to_string(),
        ExampleOutcome::Fail(kind) => kind.as_str().to_string(),
    };
    let got = if result.findings.is_empty() {
        "none".to_string()
    } else {
        result
            .findings
            .iter()
            .map(describe)
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "{}:{}:{}: {}: example {} expected {expected}, got {got}",
        result.path,
        result.example.position.line,
        result.example.position.column,
        result.rule,
        result.number
    )
}

/// `altered (tally is 12-1, expected 13-0)`.
fn describe(finding: &Finding) -> String {
    let message: String = finding
        .message
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("{} ({message})", finding.kind.as_str())
}

fn run_check_rules(
    args: &CheckRulesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let loaded = load(&args.paths);
    let lints = loaded.as_ref().map(|r| lint(r)).unwrap_or_default();
    let (lint_errors, warnings): (Vec<&Lint>, Vec<&Lint>) = lints
        .iter()
        .partition(|l| l.kind.severity() == Severity::Error);
    let code = if loaded.is_ok() && lint_errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    };
    match (args.format, loaded) {
        (Format::Text, Err(e)) => writeln!(err, "error: {}", e.message())?,
        (Format::Text, Ok(rulesets)) => {
            for l in lint_errors.iter().chain(&warnings) {
                writeln!(
                    out,
                    "{}: {}:{}:{}: {}: {}",
                    l.kind.severity().as_str(),
                    l.path,
                    l.position.line,
                    l.position.column,
                    l.item,
                    l.message
                )?;
            }
            let error_count = if lint_errors.is_empty() {
                "no errors".to_string()
            } else {
                count(lint_errors.len(), "error")
            };
            writeln!(
                out,
                "{} in {}: {error_count}, {}",
                count(rule_count(&rulesets), "rule"),
                count(rulesets.len(), "file"),
                count(warnings.len(), "warning")
            )?;
        }
        (Format::Json, loaded) => {
            let (files, rules, errors) = match loaded {
                Ok(rulesets) => (
                    rulesets.iter().map(|r| r.path.clone()).collect(),
                    rule_count(&rulesets),
                    lint_errors.iter().map(|l| lint_json(l)).collect(),
                ),
                Err(e) => {
                    let error = match e {
                        LoadFailure::Rule(e) => json!({
                            "kind": "rule-file",
                            "path": e.path, "line": e.line, "column": e.column,
                            "message": e.message,
                        }),
                        LoadFailure::NoRulesDir => json!({
                            "kind": "no-rules",
                            "path": null, "line": null, "column": null,
                            "message": e.message(),
                        }),
                    };
                    (Vec::<String>::new(), 0, vec![error])
                }
            };
            let document = json!({
                "version": 1,
                "files": files,
                "errors": errors,
                "warnings": warnings.iter().map(|l| lint_json(l)).collect::<Vec<_>>(),
                "summary": {
                    "files": files.len(),
                    "rules": rules,
                    "errors": errors.len(),
                    "warnings": warnings.len(),
                },
            });
            let text = serde_json::to_string_pretty(&document).map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
        }
    }
    out.flush()?;
    Ok(code)
}

fn rule_count(rulesets: &[RuleSet]) -> usize {
    rulesets
        .iter()
        .map(|r| r.claims.len() + r.quotes.len() + r.statements.len())
        .sum()
}

fn lint_json(l: &Lint) -> serde_json::Value {
    json!({
        "kind": l.kind.as_str(),
        "path": l.path,
        "line": l.position.line,
        "column": l.position.column,
        "ruleset": l.ruleset,
        "id": l.item,
        "message": l.message,
        "other": l.other.as_ref().map(|o| json!({
            "path": o.path,
            "line": o.position.line,
            "column": o.position.column,
            "ruleset": o.ruleset,
            "id": o.item,
        })),
    })
}

fn run_verify(
    args: &VerifyArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    styled: bool,
) -> io::Result<u8> {
    let rulesets = match load(&args.paths) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "error: {}", e.message())?;
            return Ok(EXIT_ERROR);
        }
    };
    let verification = verify_rulesets(&rulesets);
    match args.format {
        VerifyFormat::Text => VerifyText { styled }.emit(out, &verification)?,
        VerifyFormat::Json | VerifyFormat::Sarif => {
            let document = if args.format == VerifyFormat::Json {
                verify_json(&verification)
            } else {
                verify_sarif(&verification)
            };
            let text = serde_json::to_string_pretty(&document).map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
        }
    }
    out.flush()?;
    if verification.has_unreadable() {
        for problem in verification
            .problems
            .iter()
            .filter(|p| p.kind == crate::rules::provenance::ProblemKind::Unreadable)
        {
            writeln!(
                err,
                "error: {}:{}:{}: {}",
                problem.rule_file, problem.position.line, problem.position.column, problem.message
            )?;
        }
        return Ok(EXIT_ERROR);
    }
    Ok(if verification.problems.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

fn run_pin(args: &PinArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let paths = match rule_paths(&args.paths) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "error: {}", e.message())?;
            return Ok(EXIT_ERROR);
        }
    };
    let outcomes = match pin_rule_files(&paths) {
        Ok(o) => o,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_ERROR);
        }
    };
    for line in pin_lines(&outcomes) {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// One line per source pinned, then a summary: what `factcheck rules pin` prints.
fn pin_lines(outcomes: &[PinOutcome]) -> Vec<String> {
    let mut lines = Vec::new();
    let (mut changed, mut kept) = (0, 0);
    for outcome in outcomes {
        for source in &outcome.sources {
            let what = match (&source.previous, source.changed()) {
                (_, false) => {
                    kept += 1;
                    "unchanged".to_string()
                }
                (None, true) => {
                    changed += 1;
                    "pinned".to_string()
                }
                (Some(old), true) => {
                    changed += 1;
                    format!("re-pinned (was {})", &old[..old.len().min(12)])
                }
            };
            lines.push(format!(
                "{}: source `{}` ({}) sha256 {}: {what}",
                outcome.rule_file, source.id, source.path, source.sha256
            ));
        }
    }
    let written = outcomes.iter().filter(|o| o.written).count();
    lines.push(format!(
        "{} in {}: {changed} pinned, {kept} unchanged; {} written",
        count(changed + kept, "source"),
        count(outcomes.len(), "file"),
        count(written, "file"),
    ));
    lines
}
