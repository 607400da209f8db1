//! `factcheck --explain RULE`: everything about one rule — its ruleset, what it expects,
//! how it is located, how it is reported, the ruleset's sources and where it is defined.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::check::FindingKind;
use crate::config::FindingPolicy;
use crate::rules::{
    find_rule, value_kind_key, ContextTerm, ExampleOutcome, Person, RuleExample, RuleRef, Severity,
};

/// Runs `factcheck --explain RULE` against the rules named by `--rules` (or the nearest
/// `rules/` directory).
pub(super) fn run_explain(
    query: &str,
    rules: &[PathBuf],
    limits: &super::input::RulesInput,
    configured: &super::settings::ConfiguredCheck,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let Some(rulesets) = super::rules_for(rules, true, limits, None, err)? else {
        return Ok(EXIT_ERROR);
    };
    let Ok(policy) = configured.policy(&rulesets, err)? else {
        return Ok(EXIT_ERROR);
    };
    let rule = match find_rule(&rulesets, query) {
        Ok(rule) => rule,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(EXIT_ERROR);
        }
    };
    write_explanation(out, &rule, policy.as_ref())?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// The explanation of one rule, as `key: value` lines; `policy` is the configuration
/// file's, whose severity overrides are shown.
fn write_explanation(
    out: &mut dyn Write,
    rule: &RuleRef<'_>,
    policy: Option<&FindingPolicy>,
) -> io::Result<()> {
    let ruleset = rule.ruleset();
    let mut lines: Vec<(&str, String)> = Vec::new();
    let what = match rule {
        RuleRef::Claim { .. } => "claim",
        RuleRef::Quote { .. } => "quote",
        RuleRef::Statement { .. } => "statement",
    };
    lines.push(("rule", format!("{} ({what})", rule.id())));
    lines.push((
        "ruleset",
        match &ruleset.description {
            Some(d) => format!("{} ({d})", ruleset.id),
            None => ruleset.id.clone(),
        },
    ));
    let (required, severity, examples) = match *rule {
        RuleRef::Claim { claim, .. } => {
            lines.push(("statement", claim.statement.clone()));
            lines.push(("kind", value_kind_key(claim.kind).to_string()));
            lines.push(("expected", claim.expected.clone()));
            let context = if claim.context.is_empty() {
                "none: the value counts anywhere in the draft, and a different value is \
                 never reported"
                    .to_string()
            } else {
                context_line(&claim.context)
            };
            lines.push(("context", context));
            let required = if claim.required {
                "yes: a draft that never states the claim gets a `missing` finding"
            } else {
                "no: checked only where the draft mentions it, never `missing`"
            };
            (required, claim.severity, &claim.examples)
        }
        RuleRef::Quote { quote, .. } => {
            lines.push(("text", format!("“{}”", quote.text)));
            lines.push(("speaker", speaker_line(ruleset.speaker_of(quote))));
            let required = if quote.required {
                "yes: a draft without the quote gets a `missing` finding"
            } else {
                "no: never `missing`"
            };
            (required, quote.severity, &quote.examples)
        }
        RuleRef::Statement { statement, .. } => {
            lines.push(("statement", statement.statement.clone()));
            lines.push((
                "speaker",
                speaker_line(ruleset.speaker_of_statement(statement)),
            ));
            lines.push(("context", context_line(&statement.context)));
            lines.push((
                "checked",
                "a located sentence must credit the speaker (`X said …`, `according to X`, \
                 or a quote of theirs) and keep the statement's negations"
                    .to_string(),
            ));
            let required = if statement.required {
                "yes: a draft that never reports the statement gets a `missing` finding"
            } else {
                "no: checked only where the draft mentions it, never `missing`"
            };
            (required, statement.severity, &statement.examples)
        }
    };
    lines.push(("required", required.to_string()));
    lines.push(("severity", severity_line(severity, rule, policy)));
    lines.push(("examples", examples_summary(examples)));
    let pinned_to = match *rule {
        RuleRef::Claim { claim, .. } => claim.source.as_deref(),
        RuleRef::Quote { quote, .. } => quote.source.as_deref(),
        RuleRef::Statement { statement, .. } => statement.source.as_deref(),
    };
    if let Some(file) = pinned_to.and_then(|id| ruleset.source_file(id)) {
        let pin = match &file.sha256 {
            Some(sha256) => format!("pinned at sha256 {}…", &sha256[..sha256.len().min(12)]),
            None => "not pinned".to_string(),
        };
        lines.push((
            "source",
            format!(
                "{} ({}; {pin}; check it with `factcheck rules verify`)",
                file.id, file.path
            ),
        ));
    }
    if ruleset.sources.is_empty() {
        lines.push(("sources", "none".to_string()));
    }
    for (i, source) in ruleset.sources.iter().enumerate() {
        lines.push((if i == 0 { "sources" } else { "" }, source.clone()));
    }
    let position = rule.position();
    lines.push((
        "defined",
        format!("{}:{}:{}", ruleset.path, position.line, position.column),
    ));

    // One width for every rule, so that explanations line up with each other.
    let width = "statement:".len();
    for (key, value) in lines {
        let label = if key.is_empty() {
            String::new()
        } else {
            format!("{key}:")
        };
        writeln!(out, "{label:width$} {value}")?;
    }
    Ok(())
}

/// Context terms as the explanation shows them: `vote, police|LAPD (a sentence must
/// contain every term; `|` separates alternatives)`.
fn context_line(context: &[ContextTerm]) -> String {
    let terms = context
        .iter()
        .map(|t| t.alternatives.join("|"))
        .collect::<Vec<_>>()
        .join(", ");
    let alternatives = if context.iter().any(|t| t.alternatives.len() > 1) {
        "; `|` separates alternatives"
    } else {
        ""
    };
    format!("{terms} (a sentence must contain every term{alternatives})")
}

/// A speaker as the explanation shows them: name, title, id and aliases.
fn speaker_line(person: &Person) -> String {
    let mut speaker = person.name.clone();
    if let Some(title) = &person.title {
        speaker.push_str(&format!(", {title}"));
    }
    speaker.push_str(&format!(" (id `{}`", person.id));
    if !person.aliases.is_empty() {
        speaker.push_str(&format!("; also `{}`", person.aliases.join("`, `")));
    }
    speaker.push(')');
    speaker
}

/// `2 pass, 1 fail (run them with `factcheck rules test`)`, or `none`.
fn examples_summary(examples: &[RuleExample]) -> String {
    if examples.is_empty() {
        return "none".to_string();
    }
    let pass = examples
        .iter()
        .filter(|e| e.outcome == ExampleOutcome::Pass)
        .count();
    let fail = examples.len() - pass;
    format!("{pass} pass, {fail} fail (run them with `factcheck rules test`)")
}

/// The rule's severity, with what the configuration file changes: its own
/// `[severity.rules]` entry, or else the `[severity.kinds]` entries for the kinds a rule
/// can report.
fn severity_line(severity: Severity, rule: &RuleRef<'_>, policy: Option<&FindingPolicy>) -> String {
    let Some(policy) = policy else {
        return severity.as_str().to_string();
    };
    let config = policy.config_path().display();
    if let Some(set) = policy.rule_severity(&rule.ruleset().id, rule.id()) {
        return format!(
            "{} (set by {config} [severity.rules]; the rule file says {})",
            set.as_str(),
            severity.as_str()
        );
    }
    let by_kind: Vec<String> = policy
        .kind_severities()
        .into_iter()
        .filter(|(kind, _)| {
            !matches!(
                kind,
                FindingKind::Unverified | FindingKind::UnverifiedFigure
            )
        })
        .map(|(kind, s)| format!("{} findings are {}", kind.as_str(), s.as_str()))
        .collect();
    if by_kind.is_empty() {
        severity.as_str().to_string()
    } else {
        format!(
            "{} (but by {config} [severity.kinds]: {})",
            severity.as_str(),
            by_kind.join(", ")
        )
    }
}
