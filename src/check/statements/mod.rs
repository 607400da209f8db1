//! Statement checking: reported speech (`X said that …`) against the statement rules.
//!
//! A statement is located as a claim is, by the sentences holding all of its context
//! terms. In each located sentence the stretch holding the terms is credited to
//! someone, or to no one ([`credits`]): the reported speech around it (`X said …`,
//! `according to X, …`, `He added …`), or the direct quote it lies in; otherwise the
//! sentence is the draft's own assertion. Then:
//!
//! - credited to the rule's speaker with the same number of negations
//!   ([`polarity::negations`]) as the statement → satisfied;
//! - credited to the speaker, but a negation in one and not the other → **altered**;
//! - credited only to someone else → **misattributed**;
//! - credited to no one, or to an unnamed source → **unattributed** (a warning);
//! - required and located nowhere → **missing**.
//!
//! A sentence that reverses the statement is reported even when another sentence
//! reports it rightly (a draft must not contradict itself); otherwise one rightly
//! credited sentence is enough.

mod credits;
mod polarity;

pub(super) use credits::Credit;

use regex::Regex;

use super::claims::ClaimPatterns;
use super::fix::speaker::speaker_fix;
use super::fix::Fix;
use super::quotes::{credited_to, preview, Credited, Draft};
use super::{Finding, FindingKind};
use crate::extract::PeopleIndex;
use crate::rules::{Person, RuleSet, Severity, StatementRule};
use crate::text::{SourceFile, Span};

/// Checks every statement of a ruleset against the draft (the straightforward way);
/// `patterns` holds each statement's compiled context terms, in order.
pub(super) fn check_statements(
    source: &SourceFile,
    draft: &Draft,
    people: &PeopleIndex,
    ruleset: &RuleSet,
    patterns: &[ClaimPatterns],
) -> Vec<Finding> {
    ruleset
        .statements
        .iter()
        .zip(patterns)
        .flat_map(|(rule, patterns)| {
            let located = super::claims::locate(draft, patterns);
            judge_statement(
                source,
                draft,
                people,
                ruleset,
                rule,
                &located,
                Some(patterns),
            )
        })
        .collect()
}

/// What a located sentence makes of a statement.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    /// Credited to the speaker, with the statement's polarity.
    Satisfied,
    /// Credited to the speaker, with a negation in one and not the other: the draft's
    /// stretch (original bytes) and its text.
    Reversed { span: Span, found: String },
    /// Credited to someone else: where the draft names them, their name, how the
    /// message names them, and the speaker's name written in their place (as for a
    /// misattributed quote; unsafe).
    Misattributed {
        span: Span,
        name: String,
        credited: String,
        fix: Option<Fix>,
    },
    /// Credited to no one: where, and why.
    Unattributed { span: Span, why: Unattributed },
}

/// Why a located sentence credits a statement to no one.
#[derive(Debug, Clone, PartialEq)]
enum Unattributed {
    /// The draft states it as its own assertion.
    OwnAssertion,
    /// It is inside a direct quote with no speaker.
    QuoteWithoutSpeaker,
    /// It is credited to an unnamed source (the mention).
    UnnamedSource(String),
}

/// The findings of one statement, given the sentences that locate it (normalised spans,
/// in document order) and, when the caller has them, its compiled context terms (they
/// are compiled here otherwise: only for a located statement). Both checking paths
/// decide through here.
pub(super) fn judge_statement(
    source: &SourceFile,
    draft: &Draft,
    people: &PeopleIndex,
    ruleset: &RuleSet,
    rule: &StatementRule,
    located: &[Span],
    patterns: Option<&ClaimPatterns>,
) -> Vec<Finding> {
    let person = ruleset.speaker_of_statement(rule);
    let finding = |kind, severity, message, expected: Option<String>, found, span| Finding {
        kind,
        severity,
        ruleset: Some(ruleset.id.clone()),
        rule: Some(rule.id.clone()),
        message,
        expected,
        found,
        span,
        fix: None,
    };
    if located.is_empty() {
        if !rule.required {
            return Vec::new();
        }
        return vec![finding(
            FindingKind::Missing,
            rule.severity,
            format!(
                "verified statement by {} not found: {}",
                person.name,
                preview(&rule.statement, 16)
            ),
            Some(rule.statement.clone()),
            None,
            None,
        )];
    }
    let compiled;
    let patterns = match patterns {
        Some(p) => p,
        None => {
            compiled = ClaimPatterns::from_context(&rule.context);
            &compiled
        }
    };
    let credits = credits::of_draft(source, draft, people);
    let verdicts: Vec<Verdict> = located
        .iter()
        .map(|&sentence| {
            let terms = term_stretch(draft, sentence, patterns.context());
            judge_sentence(source, draft, credits, person, rule, sentence, terms)
        })
        .collect();
    let reversed: Vec<&Verdict> = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::Reversed { .. }))
        .collect();
    let wrong: Vec<&Verdict> = if !reversed.is_empty() {
        reversed
    } else if verdicts.contains(&Verdict::Satisfied) {
        Vec::new()
    } else {
        verdicts.iter().collect()
    };
    wrong
        .into_iter()
        .filter_map(|verdict| match verdict {
            Verdict::Satisfied => None,
            Verdict::Reversed { span, found } => Some(finding(
                FindingKind::Altered,
                rule.severity,
                format!(
                    "statement by {} is reversed: the draft reports “{}”, but {} said: “{}”",
                    person.name,
                    preview(found, 24),
                    person.name,
                    preview(&rule.statement, 24)
                ),
                Some(rule.statement.clone()),
                Some(found.clone()),
                Some(*span),
            )),
            Verdict::Misattributed {
                span,
                name,
                credited,
                fix,
            } => Some(Finding {
                fix: fix.clone(),
                ..finding(
                    FindingKind::Misattributed,
                    rule.severity,
                    format!(
                        "statement credited to {credited}, but verified as said by {}: {}",
                        person.name,
                        preview(&rule.statement, 16)
                    ),
                    Some(person.name.clone()),
                    Some(name.clone()),
                    Some(*span),
                )
            }),
            Verdict::Unattributed { span, why } => {
                let (message, found) = match why {
                    Unattributed::OwnAssertion => (
                        format!(
                            "statement by {} is stated as the draft's own assertion, credited \
                             to no one: {}",
                            person.name,
                            preview(&rule.statement, 16)
                        ),
                        None,
                    ),
                    Unattributed::QuoteWithoutSpeaker => (
                        format!(
                            "statement by {} is in a quote with no speaker: {}",
                            person.name,
                            preview(&rule.statement, 16)
                        ),
                        None,
                    ),
                    Unattributed::UnnamedSource(mention) => (
                        format!(
                            "statement by {} is credited only to an unnamed source (“{mention}”)",
                            person.name
                        ),
                        Some(mention.clone()),
                    ),
                };
                Some(finding(
                    FindingKind::Unattributed,
                    rule.severity.min(Severity::Warning),
                    message,
                    Some(person.name.clone()),
                    found,
                    Some(*span),
                ))
            }
        })
        .collect()
}

/// Where the context terms are in a located sentence: from the first match of any term
/// to the end of the last (original bytes). The whole sentence when no match is found
/// (never, for a located sentence).
fn term_stretch(draft: &Draft, sentence: Span, terms: &[Regex]) -> Span {
    let text = &draft.normalized.text[sentence.range()];
    let mut stretch: Option<Span> = None;
    for term in terms {
        for m in term.find_iter(text) {
            let found = &text[m.range()];
            // The pattern takes a non-word character on either side of the term.
            let lead = found.len()
                - found
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len();
            let kept = found.trim_matches(|c: char| !c.is_alphanumeric());
            let start = sentence.start + m.start() + lead;
            let span = Span::new(start, start + kept.len());
            stretch = Some(stretch.map_or(span, |s| s.cover(span)));
        }
    }
    draft.normalized.to_original(stretch.unwrap_or(sentence))
}

/// The verdict of one located sentence (`sentence`, normalised; `terms`, the stretch of
/// its context terms in original bytes).
fn judge_sentence(
    source: &SourceFile,
    draft: &Draft,
    credits: &[Credit],
    person: &Person,
    rule: &StatementRule,
    sentence: Span,
    terms: Span,
) -> Verdict {
    let sentence = draft.normalized.to_original(sentence);
    // Everything credited that covers part of the terms' stretch, most of it first.
    let mut covering: Vec<(usize, &Credit)> = credits
        .iter()
        .filter_map(|c| {
            let shared = overlap(c.content, terms);
            (shared > 0 || c.content.contains(terms)).then_some((shared, c))
        })
        .collect();
    covering.sort_by_key(|(shared, c)| (std::cmp::Reverse(*shared), c.content.start));
    if covering.is_empty() {
        return Verdict::Unattributed {
            span: trimmed(&source.text, sentence),
            why: Unattributed::OwnAssertion,
        };
    }
    // The speaker's own credit decides, if there is one.
    let verdicts: Vec<(Option<Credited>, &Credit)> = covering
        .iter()
        .map(|(_, c)| {
            let credited = c
                .speaker
                .as_ref()
                .map(|speaker| credited_to(source, draft, person, speaker, terms.start));
            (credited, *c)
        })
        .collect();
    if let Some((_, credit)) = verdicts.iter().find(|(v, _)| *v == Some(Credited::Speaker)) {
        let stretch = credit.content.cover(terms);
        let stretch = Span::new(
            stretch.start.max(sentence.start),
            stretch
                .end
                .min(sentence.end)
                .max(stretch.start.max(sentence.start)),
        );
        let found = source.text[stretch.range()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let cue = credit
            .cue
            .as_deref()
            .filter(|_| !credit.quoted)
            .map_or(0, polarity::negations);
        let draft_negations = polarity::negations(&found) + cue;
        if draft_negations == polarity::negations(&rule.statement) {
            return Verdict::Satisfied;
        }
        return Verdict::Reversed {
            span: stretch,
            found,
        };
    }
    if let Some((Some(Credited::Other { name, credited }), credit)) = verdicts
        .iter()
        .find(|(v, _)| matches!(v, Some(Credited::Other { .. })))
    {
        let span = credit
            .speaker
            .as_ref()
            .map_or(credit.content, |s| s.mention);
        return Verdict::Misattributed {
            span,
            name: name.clone(),
            credited: credited.clone(),
            fix: credit
                .speaker
                .as_ref()
                .and_then(|s| speaker_fix(&source.text, s, person)),
        };
    }
    let (credited, credit) = &verdicts[0];
    let why = match credited {
        Some(Credited::Unnamed(mention)) => Unattributed::UnnamedSource(mention.clone()),
        _ if credit.quoted => Unattributed::QuoteWithoutSpeaker,
        _ => Unattributed::OwnAssertion,
    };
    let span = match (&why, &credit.speaker) {
        (Unattributed::UnnamedSource(_), Some(s)) => s.mention,
        _ => trimmed(&source.text, sentence),
    };
    Verdict::Unattributed { span, why }
}

/// How many bytes two spans share.
fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// A sentence without the spaces around it.
fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    Span::new(span.start + lead, span.start + s.trim_end().len())
}

#[cfg(test)]
mod tests;
