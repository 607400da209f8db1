//! Claim checking: locate each claim by the sentences holding all its context terms, then
//! see whether those sentences state the expected value, a different one (altered), or
//! none; a required claim never stated is missing.

use std::collections::HashSet;

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
    regex::RegexBuilder::new(&format!(
        r"(?i)(?:^|\b|\W)(?:{})(?:\b|$|\W)",
        alternatives.join("|")
    ))
    .dfa_size_limit(TERM_DFA_CACHE)
    .build()
    .ok()
}

/// The lazy DFA cache of one context-term pattern, per thread (the regex default is 2
/// MB): a bank keeps tens of thousands of these compiled, and a term's automaton is
/// small.
const TERM_DFA_CACHE: usize = 64 * 1024;

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

/// What the claims judged in one draft made of its figures: the spans, in the draft's
/// normalised text, of the values they verified and of those they report altered.
///
/// Claims are judged in two passes: first every judged claim gives the values that state
/// it ([`stating_values`]), then each is judged ([`judge_claim`]) knowing them — one
/// figure, one claim: a value that states a claim is never reported as an alteration of
/// another claim located in the same sentence.
#[derive(Debug, Default)]
pub(super) struct FigureVerdicts {
    /// Values that state a claim.
    pub verified: HashSet<Span>,
    /// Values reported as an alteration of a claim.
    pub altered: HashSet<Span>,
}

/// The sentences that locate a claim (none for a claim without context), the
/// straightforward way.
pub(super) fn locate_claim(
    draft: &Draft,
    claim: &ClaimRule,
    patterns: &ClaimPatterns,
) -> Vec<Span> {
    if claim.context.is_empty() {
        Vec::new()
    } else {
        locate(draft, patterns)
    }
}

/// Checks every claim of every ruleset against the draft, the straightforward way;
/// `patterns` holds each claim's compiled patterns, by ruleset and claim.
pub(super) fn check_claims(
    source: &SourceFile,
    draft: &Draft,
    rulesets: &[RuleSet],
    patterns: &[Vec<ClaimPatterns>],
) -> (Vec<Finding>, FigureVerdicts) {
    let text = &draft.normalized.text;
    let values_in = |kind| move |sentence: Span| find_values(&text[sentence.range()], kind);
    let located: Vec<(&RuleSet, &ClaimRule, &ClaimPatterns, Vec<Span>)> = rulesets
        .iter()
        .zip(patterns)
        .flat_map(|(ruleset, patterns)| {
            ruleset
                .claims
                .iter()
                .zip(patterns)
                .map(move |(claim, p)| (ruleset, claim, p, locate_claim(draft, claim, p)))
        })
        .collect();
    let mut verdicts = FigureVerdicts::default();
    for (_, claim, _, sentences) in &located {
        verdicts.verified.extend(stating_values(
            draft,
            claim,
            sentences,
            values_in(claim.kind),
        ));
    }
    let mut findings = Vec::new();
    for (ruleset, claim, patterns, sentences) in &located {
        findings.extend(judge_claim(
            source,
            draft,
            ruleset,
            claim,
            sentences,
            |search| phrase_in(draft, patterns, search),
            values_in(claim.kind),
            &mut verdicts,
        ));
    }
    (findings, verdicts)
}

/// Whether a `text` claim's phrase is in any of the sentences `search`.
pub(super) fn phrase_in(draft: &Draft, patterns: &ClaimPatterns, search: &[Span]) -> bool {
    let text = &draft.normalized.text;
    patterns
        .phrase
        .as_ref()
        .is_some_and(|p| search.iter().any(|s| p.is_match(&text[s.range()])))
}

/// The values (spans in the draft's normalised text) that state `claim`: those of its
/// kind that satisfy it in the sentences that locate it (`located`), or anywhere in the
/// draft for a claim without context; `values_in` gives the values of the claim's kind
/// in a located sentence. None for a `text` claim (a phrase is not a figure).
pub(super) fn stating_values(
    draft: &Draft,
    claim: &ClaimRule,
    located: &[Span],
    mut values_in: impl FnMut(Span) -> Vec<crate::extract::FoundValue>,
) -> Vec<Span> {
    if claim.kind == ValueKind::Text {
        return Vec::new();
    }
    if claim.context.is_empty() {
        return find_values(&draft.normalized.text, claim.kind)
            .into_iter()
            .filter(|v| claim.value.satisfies(&v.value))
            .map(|v| v.span)
            .collect();
    }
    located
        .iter()
        .flat_map(|&sentence| {
            values_in(sentence)
                .into_iter()
                .filter(|v| claim.value.satisfies(&v.value))
                .map(move |v| v.span.shift(sentence.start))
        })
        .collect()
}

/// True when a value written as `written` in a located sentence may contradict `claim`:
/// not a weak number word (`one`, see [`crate::extract::values::WEAK_NUMBER_WORDS`])
/// of another magnitude than the claim's value.
fn may_contradict(claim: &ClaimRule, value: &crate::extract::Value, written: &str) -> bool {
    !crate::extract::values::is_weak_number_word(written) || claim.value.same_magnitude(value)
}

/// The findings of one claim, given the sentences that locate it (`located`, empty when
/// the claim has no context): `phrase_in` tells whether a `text` claim's phrase is in
/// any of the given sentences, `values_in` gives the values of the claim's kind in a
/// located sentence. `verdicts` holds the values that state some claim (see
/// [`stating_values`]): a located sentence is an alteration only through a value that
/// states no claim and may contradict this one ([`may_contradict`]); the value reported
/// is added to `verdicts.altered`. Both checking paths decide through here.
#[allow(clippy::too_many_arguments)]
pub(super) fn judge_claim(
    source: &SourceFile,
    draft: &Draft,
    ruleset: &RuleSet,
    claim: &ClaimRule,
    located: &[Span],
    phrase_in: impl FnOnce(&[Span]) -> bool,
    mut values_in: impl FnMut(Span) -> Vec<crate::extract::FoundValue>,
    verdicts: &mut FigureVerdicts,
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
        let text = &draft.normalized.text;
        for &sentence in located {
            let values = values_in(sentence);
            if values.iter().any(|v| claim.value.satisfies(&v.value)) {
                stated = true;
                continue;
            }
            // A sentence that locates the claim but states another value contradicts it.
            let contradicting = values.iter().find(|v| {
                let at = v.span.shift(sentence.start);
                !verdicts.verified.contains(&at)
                    && may_contradict(claim, &v.value, &text[at.range()])
            });
            if let Some(value) = contradicting {
                let at = value.span.shift(sentence.start);
                verdicts.altered.insert(at);
                let span = draft.normalized.to_original(at);
                let found = source.text[span.range()].to_string();
                let fix = super::fix::value::value_fix(
                    &source.text,
                    span,
                    &draft.normalized,
                    sentence,
                    value.span,
                    &value.value,
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
    use crate::check::{CheckOptions, Checker, Engine};

    /// `(kind, rule, found)` of a finding.
    type Found = (String, String, String);

    /// `(kind, rule, found)` of every finding of `draft` against the rules in `yaml`, the
    /// same with both engines.
    fn findings_of(yaml: &str, draft: &str) -> Vec<Found> {
        let rules = [crate::rules::load_rule_file("t.yaml", yaml).expect("rules load")];
        let source = SourceFile::new("d.txt", draft);
        let options = CheckOptions {
            report_unverified: false,
            report_figures: false,
        };
        let indexed = Checker::with_engine(&rules, options.clone(), Engine::Indexed).check(&source);
        let straightforward =
            Checker::with_engine(&rules, options, Engine::Straightforward).check(&source);
        assert_eq!(indexed, straightforward, "{draft}");
        indexed
            .into_iter()
            .map(|f| {
                (
                    f.kind.as_str().to_string(),
                    f.rule.unwrap_or_default(),
                    f.found.unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn weak_number_words_contradict_only_claims_of_their_magnitude() {
        let yaml = "ruleset: t\nclaims:\n\
            - { id: seats, statement: s, context: [stadium], value: { number: 1056 },
              required: false }\n\
            - { id: quorum, statement: s, context: [quorum], value: { number: 3 },
              required: false }\n";
        let altered = |rule: &str, found: &str| {
            vec![("altered".to_string(), rule.to_string(), found.to_string())]
        };
        // (draft, expected findings)
        let cases: Vec<(&str, Vec<Found>)> = vec![
            ("The stadium has one entrance.", vec![]),
            ("The stadium has a single entrance, once a gate.", vec![]),
            ("One stadium seat was sold.", vec![]),
            ("The stadium has 1,056 seats.", vec![]),
            ("The stadium has one entrance and 1,056 seats.", vec![]),
            ("The stadium has 1,000 seats.", altered("seats", "1,000")),
            (
                "The stadium holds one thousand fans.",
                altered("seats", "one thousand"),
            ),
            ("The stadium has 1 entrance.", altered("seats", "1")),
            (
                "The stadium opened one year ago with 900 seats.",
                altered("seats", "900"),
            ),
            (
                "The quorum needs one more member.",
                altered("quorum", "one"),
            ),
            ("The quorum is three members.", vec![]),
        ];
        for (draft, expected) in cases {
            assert_eq!(findings_of(yaml, draft), expected, "{draft}");
        }
    }

    #[test]
    fn a_value_that_states_one_claim_is_no_alteration_of_another() {
        let yaml = "ruleset: t\nclaims:\n\
            - { id: vote, statement: s, context: [council, vote], value: { tally: 13-0 },
              required: false }\n\
            - { id: budget, statement: s, context: [council, budget], value: { tally: 12-1 },
              required: false }\n";
        let cases: Vec<(&str, Vec<Found>)> = vec![
            ("The council vote on the budget was 12-1.", vec![]),
            ("The council vote on the budget was 13-0.", vec![]),
            (
                "The council vote on the budget was 11-2.",
                vec![
                    ("altered".into(), "budget".into(), "11-2".into()),
                    ("altered".into(), "vote".into(), "11-2".into()),
                ],
            ),
            (
                "The council vote was 12-1.",
                vec![("altered".into(), "vote".into(), "12-1".into())],
            ),
        ];
        for (draft, expected) in cases {
            assert_eq!(findings_of(yaml, draft), expected, "{draft}");
        }
    }

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
