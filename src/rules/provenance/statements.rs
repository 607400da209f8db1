//! Statements proved against their source (`factcheck rules verify`): the source is
//! checked as a draft is, against the statement alone — located by its context terms and
//! credited, through the reported speech around it, to its speaker with its polarity.
//! In a transcript, words the prose credits to no one are the words of the turn that
//! holds them: credited to its label, with the polarity of their sentence.

use super::turns::{CreditBasis, SourceDocument};
use super::verify::{
    credited_name, credits_person, rule_problem, Problem, ProblemKind, RuleCheck, RuleStatus,
};
use crate::check::{negations, CheckOptions, Checker, Finding, FindingKind};
use crate::rules::{RuleSet, StatementRule};
use crate::text::{SourceFile, Span};

/// What the source says of a statement, when it does not support it.
struct Verdict {
    status: RuleStatus,
    kind: ProblemKind,
    /// Who the source credits instead (misattributed).
    credited: Option<String>,
    /// Why, after the statement and the source are named.
    detail: String,
    /// Where in the source (prose view), and what is there.
    at: Option<(Span, String)>,
}

/// What the source `doc` says of `statement` (a rule of `ruleset`).
pub(super) fn verify_statement(
    ruleset: &RuleSet,
    statement: &StatementRule,
    doc: &SourceDocument,
    base: RuleCheck,
) -> (RuleCheck, Option<Problem>) {
    let alone = [RuleSet {
        claims: Vec::new(),
        quotes: Vec::new(),
        statements: vec![statement.clone()],
        ..ruleset.clone()
    }];
    let checker = Checker::new(
        &alone,
        CheckOptions {
            report_unverified: false,
            report_figures: false,
        },
    );
    let view = SourceFile::new(doc.source.file.path.clone(), doc.source.view());
    let findings: Vec<Finding> = checker
        .check(&view)
        .into_iter()
        .filter(|f| f.rule.as_deref() == Some(statement.id.as_str()))
        .collect();
    let source = statement.source.clone();
    let to_original = |span: Span| doc.source.prose.to_original(span);
    let verdict = match findings.first() {
        None => None,
        Some(_) if findings.iter().all(credited_to_no_one) && !doc.turns.is_empty() => {
            by_turns(ruleset, statement, doc, &findings)
        }
        Some(first) => Some(from_finding(first)),
    };
    let Some(verdict) = verdict else {
        let check = RuleCheck {
            source,
            status: RuleStatus::Supported,
            ..base
        };
        return (check, None);
    };
    let speaker = &ruleset.speaker_of_statement(statement).name;
    let named = format!(
        "source `{}` ({})",
        source.as_deref().unwrap_or_default(),
        doc.source.file.path
    );
    let message = match verdict.kind {
        ProblemKind::Misattributed => format!(
            "statement `{}`: {named} credits it to {}, not to {speaker}",
            statement.id,
            verdict.credited.as_deref().unwrap_or_default()
        ),
        _ => format!(
            "statement `{}` by {speaker} is not reported in {named}: {}",
            statement.id, verdict.detail
        ),
    };
    let at = verdict.at.map(|(span, label)| (to_original(span), label));
    let check = RuleCheck {
        source,
        status: verdict.status,
        found: at.as_ref().map(|(span, _)| *span),
        credited: verdict.credited,
        ..base
    };
    let problem = rule_problem(ruleset, &check, doc, verdict.kind, message, at);
    (check, Some(problem))
}

/// True for a located sentence the prose credits to nobody at all (not even an unnamed
/// source, which names someone other than the turn's speaker).
fn credited_to_no_one(finding: &Finding) -> bool {
    finding.kind == FindingKind::Unattributed && finding.found.is_none()
}

/// The verdict of a transcript on a statement its prose credits to no one: supported
/// when a located sentence lies in the speaker's turn with the statement's polarity;
/// reversed when it lies there with the other polarity; misattributed when the located
/// sentences lie only in other speakers' turns; unsupported outside any turn.
fn by_turns(
    ruleset: &RuleSet,
    statement: &StatementRule,
    doc: &SourceDocument,
    findings: &[Finding],
) -> Option<Verdict> {
    let view = doc.source.view();
    let located: Vec<(Span, super::turns::Credit)> = findings
        .iter()
        .filter_map(|f| f.span)
        .filter_map(|span| {
            // A turn's first sentence begins with its label: its last byte is in the turn.
            let credit = doc.credit_at(Span::new(span.end.saturating_sub(1), span.end))?;
            (credit.basis == CreditBasis::Label).then_some((span, credit))
        })
        .collect();
    let own: Vec<Span> = located
        .iter()
        .filter(|(_, credit)| credits_person(doc, credit, statement.speaker))
        .map(|(span, _)| *span)
        .collect();
    let polarity = negations(&statement.statement);
    let text = |span: Span| view.get(span.range()).unwrap_or_default().to_string();
    if own.iter().any(|&span| negations(&text(span)) == polarity) {
        return None;
    }
    if let Some(&span) = own.first() {
        return Some(Verdict {
            status: RuleStatus::Unsupported,
            kind: ProblemKind::Unsupported,
            credited: None,
            detail: format!("its speaker's turn reports it reversed (“{}”)", text(span)),
            at: Some((span, "located by its context".to_string())),
        });
    }
    if let Some((_, credit)) = located.first() {
        let name = credited_name(ruleset, credit);
        return Some(Verdict {
            status: RuleStatus::Misattributed,
            kind: ProblemKind::Misattributed,
            credited: Some(name.clone()),
            detail: String::new(),
            at: Some((credit.span, format!("credited to {name}"))),
        });
    }
    findings.first().map(from_finding)
}

/// The verdict a draft check's finding gives.
fn from_finding(finding: &Finding) -> Verdict {
    let at = finding.span;
    if finding.kind == FindingKind::Misattributed {
        let name = finding.found.clone().unwrap_or_default();
        return Verdict {
            status: RuleStatus::Misattributed,
            kind: ProblemKind::Misattributed,
            credited: Some(name.clone()),
            detail: String::new(),
            at: at.map(|span| (span, format!("credited to {name}"))),
        };
    }
    let detail = match finding.kind {
        FindingKind::Missing => "no sentence has every context term".to_string(),
        FindingKind::Altered => format!(
            "it reports it reversed (“{}”)",
            finding.found.as_deref().unwrap_or_default()
        ),
        _ => "it states it without crediting anyone".to_string(),
    };
    Verdict {
        status: RuleStatus::Unsupported,
        kind: ProblemKind::Unsupported,
        credited: None,
        detail,
        at: at.map(|span| (span, "located by its context".to_string())),
    }
}
