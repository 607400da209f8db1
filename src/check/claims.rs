//! Claim checking: locate each claim by the sentences holding all its context terms, then
//! see whether those sentences state the expected value, a different one (altered), or
//! none; a required claim never stated is missing.

use regex::Regex;

use super::quotes::Draft;
use super::{Finding, FindingKind};
use crate::extract::{find_values, ValueKind};
use crate::rules::{ClaimRule, ContextTerm, RuleSet};
use crate::text::{SourceFile, Span};

/// A context term compiled to a case-insensitive, word-bounded pattern that tolerates
/// plurals, possessives and verb endings (`vote` finds `votes`, `vote's`, `voted`,
/// `voting`). Regex metacharacters in the term are literal.
pub(super) fn term_pattern(term: &ContextTerm) -> Option<Regex> {
    let alternatives: Vec<String> = term
        .alternatives
        .iter()
        .map(|a| {
            let folded = super::terms::fold_alternative(a);
            let escaped = regex::escape(&folded)
                .replace("\\ ", r"\s+")
                .replace(' ', r"\s+");
            let ends_in_letter = folded.chars().last().is_some_and(char::is_alphabetic);
            if !ends_in_letter {
                return escaped;
            }
            // A final silent e drops before -ing: vote → voting.
            let dropped_e = folded
                .strip_suffix('e')
                .map(|stem| format!("|{}ing", regex::escape(stem).replace(' ', r"\s+")))
                .unwrap_or_default();
            format!(r"(?:{escaped}(?:e?s|e?d|ing)?{dropped_e})(?:'s?)?")
        })
        .collect();
    Regex::new(&format!(
        r"(?i)(?:^|\b|\W)(?:{})(?:\b|$|\W)",
        alternatives.join("|")
    ))
    .ok()
}

/// A claim's context terms and phrase, compiled once per run.
pub(super) struct ClaimPatterns {
    /// One pattern per context term.
    context: Vec<Regex>,
    /// The phrase of a `text` claim.
    phrase: Option<Regex>,
}

impl ClaimPatterns {
    /// Compiles the patterns of one claim.
    pub(super) fn compile(claim: &ClaimRule) -> Self {
        let phrase = (claim.kind == ValueKind::Text).then(|| ContextTerm {
            alternatives: vec![claim.expected.clone()],
        });
        ClaimPatterns {
            context: claim.context.iter().filter_map(term_pattern).collect(),
            phrase: phrase.as_ref().and_then(term_pattern),
        }
    }

    /// Compiles context terms alone (a statement's), located exactly as a claim's are.
    pub(super) fn from_context(context: &[ContextTerm]) -> Self {
        ClaimPatterns {
            context: context.iter().filter_map(term_pattern).collect(),
            phrase: None,
        }
    }

    /// One pattern per context term.
    pub(super) fn context(&self) -> &[Regex] {
        &self.context
    }
}

/// Sentences (normalised spans) that contain every context term of a claim.
pub(super) fn locate(draft: &Draft, patterns: &ClaimPatterns) -> Vec<Span> {
    draft
        .sentences
        .iter()
        .copied()
        .filter(|s| {
            let text = &draft.normalized.text[s.range()];
            patterns.context.iter().all(|p| p.is_match(text))
        })
        .collect()
}

/// The sentences (normalised spans) that state a claim: located by its context terms
/// (every sentence when it has none), holding its expected value — for a `text` claim,
/// its phrase.
pub(super) fn stating(draft: &Draft, claim: &ClaimRule, patterns: &ClaimPatterns) -> Vec<Span> {
    let located = if claim.context.is_empty() {
        draft.sentences.clone()
    } else {
        locate(draft, patterns)
    };
    let text = &draft.normalized.text;
    located
        .into_iter()
        .filter(|s| {
            let sentence = &text[s.range()];
            if claim.kind == ValueKind::Text {
                patterns
                    .phrase
                    .as_ref()
                    .is_some_and(|p| p.is_match(sentence))
            } else {
                find_values(sentence, claim.kind)
                    .iter()
                    .any(|v| claim.value.satisfies(&v.value))
            }
        })
        .collect()
}

/// For each sentence of the draft, whether it contains `term`.
pub(super) fn term_matches(draft: &Draft, term: &ContextTerm) -> Vec<bool> {
    let Some(pattern) = term_pattern(term) else {
        return vec![false; draft.sentences.len()];
    };
    draft
        .sentences
        .iter()
        .map(|s| pattern.is_match(&draft.normalized.text[s.range()]))
        .collect()
}

/// Checks every claim of a ruleset against the draft; `patterns` holds each claim's
/// compiled patterns, in order.
pub(super) fn check_claims(
    source: &SourceFile,
    draft: &Draft,
    ruleset: &RuleSet,
    patterns: &[ClaimPatterns],
) -> Vec<Finding> {
    ruleset
        .claims
        .iter()
        .zip(patterns)
        .flat_map(|(claim, patterns)| check_claim(source, draft, ruleset, claim, patterns))
        .collect()
}

/// Checks one claim with its compiled patterns (the straightforward way).
pub(super) fn check_claim(
    source: &SourceFile,
    draft: &Draft,
    ruleset: &RuleSet,
    claim: &ClaimRule,
    patterns: &ClaimPatterns,
) -> Vec<Finding> {
    let located = if claim.context.is_empty() {
        Vec::new()
    } else {
        locate(draft, patterns)
    };
    let text = &draft.normalized.text;
    judge_claim(
        source,
        draft,
        ruleset,
        claim,
        &located,
        |search| {
            patterns
                .phrase
                .as_ref()
                .is_some_and(|p| search.iter().any(|s| p.is_match(&text[s.range()])))
        },
        |sentence| find_values(&text[sentence.range()], claim.kind),
    )
}

/// The findings of one claim, given the sentences that locate it (`located`, empty when
/// the claim has no context): `phrase_in` tells whether a `text` claim's phrase is in
/// any of the given sentences, `values_in` gives the values of the claim's kind in a
/// located sentence. Both checking paths decide through here.
pub(super) fn judge_claim(
    source: &SourceFile,
    draft: &Draft,
    ruleset: &RuleSet,
    claim: &ClaimRule,
    located: &[Span],
    phrase_in: impl FnOnce(&[Span]) -> bool,
    mut values_in: impl FnMut(Span) -> Vec<crate::extract::FoundValue>,
) -> Vec<Finding> {
    let finding = |kind, message, found: Option<String>, span| Finding {
        kind,
        severity: claim.severity,
        ruleset: Some(ruleset.id.clone()),
        rule: Some(claim.id.clone()),
        message,
        expected: Some(claim.expected.clone()),
        found,
        span,
        fix: None,
    };
    let kind_name = claim.kind.noun();
    let mut stated = false;
    let mut findings = Vec::new();
    if claim.kind == ValueKind::Text {
        let search: &[Span] = if claim.context.is_empty() {
            &draft.sentences
        } else {
            located
        };
        stated = phrase_in(search);
    } else if claim.context.is_empty() {
        // No context: the claim holds when the value is stated anywhere.
        stated = find_values(&draft.normalized.text, claim.kind)
            .iter()
            .any(|v| claim.value.satisfies(&v.value));
    } else {
        for &sentence in located {
            let values = values_in(sentence);
            if values.iter().any(|v| claim.value.satisfies(&v.value)) {
                stated = true;
                continue;
            }
            // A sentence that locates the claim but states another value contradicts it.
            if let Some(first) = values.first() {
                let span = draft
                    .normalized
                    .to_original(first.span.shift(sentence.start));
                let found = source.text[span.range()].to_string();
                let fix = super::fix::value::value_fix(
                    &source.text,
                    span,
                    &draft.normalized,
                    sentence,
                    first.span,
                    &first.value,
                    claim,
                );
                findings.push(Finding {
                    fix,
                    ..finding(
                        FindingKind::Altered,
                        format!("{kind_name} is {found}, expected {}", claim.expected),
                        Some(found.clone()),
                        Some(span),
                    )
                });
            }
        }
    }
    if !stated && findings.is_empty() && claim.required {
        findings.push(finding(
            FindingKind::Missing,
            format!(
                "claim not found: {} (expected {kind_name} {})",
                claim.statement, claim.expected
            ),
            None,
            None,
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_terms_tolerate_plurals_possessives_and_case() {
        let term = ContextTerm {
            alternatives: vec!["vote".into(), "ballot".into()],
        };
        let p = term_pattern(&term).unwrap();
        for yes in [
            "a vote",
            "the Votes were",
            "the vote's result",
            "Ballots",
            "(vote)",
        ] {
            assert!(p.is_match(yes), "{yes}");
        }
        for no in ["voter", "devote", "ballotx"] {
            assert!(!p.is_match(no), "{no}");
        }
        let meta = ContextTerm {
            alternatives: vec!["a+b (c)".into()],
        };
        assert!(term_pattern(&meta).unwrap().is_match("x a+b (c) y"));
    }
}
