//! Checking: matches the rules against what was extracted from a draft and produces
//! [`Finding`]s — missing, altered, misattributed, unattributed and unverified.

mod claims;
mod finding;
mod quotes;

pub use finding::{CheckedFile, Finding, FindingKind, Summary};

use crate::extract::KnownPerson;
use crate::rules::{ClaimRule, ContextTerm, RuleSet};
use crate::text::{words_for_compare, SourceFile, Span};

/// Options that change what is reported.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Report quotes that no rule covers (`unverified`, a warning).
    pub report_unverified: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            report_unverified: true,
        }
    }
}

/// Checks drafts against a fixed set of rulesets; compiles what the rules need (context
/// patterns, quote words, the people to resolve speakers to) once, for any number of
/// drafts.
pub struct Checker<'r> {
    rulesets: &'r [RuleSet],
    options: CheckOptions,
    people: Vec<KnownPerson>,
    claim_patterns: Vec<Vec<claims::ClaimPatterns>>,
    quote_words: Vec<Vec<Vec<String>>>,
}

impl<'r> Checker<'r> {
    /// Prepares the rulesets for checking.
    pub fn new(rulesets: &'r [RuleSet], options: CheckOptions) -> Self {
        Checker {
            rulesets,
            options,
            people: known_people(rulesets),
            claim_patterns: rulesets
                .iter()
                .map(|r| {
                    r.claims
                        .iter()
                        .map(claims::ClaimPatterns::compile)
                        .collect()
                })
                .collect(),
            quote_words: rulesets
                .iter()
                .map(|r| {
                    r.quotes
                        .iter()
                        .map(|q| words_for_compare(&q.text))
                        .collect()
                })
                .collect(),
        }
    }

    /// Extracts what checking needs from a draft (quotes, sentences, words) once.
    pub fn prepare(&self, source: &SourceFile) -> PreparedDraft {
        PreparedDraft(quotes::Draft::extract(source, &self.people))
    }

    /// Checks one draft and returns its findings in document order (missing findings,
    /// which have no position, first).
    pub fn check(&self, source: &SourceFile) -> Vec<Finding> {
        let draft = quotes::Draft::extract(source, &self.people);
        let mut findings = Vec::new();
        for (i, ruleset) in self.rulesets.iter().enumerate() {
            findings.extend(claims::check_claims(
                source,
                &draft,
                ruleset,
                &self.claim_patterns[i],
            ));
            findings.extend(quotes::check_quote_rules(
                source,
                &draft,
                ruleset,
                &self.quote_words[i],
            ));
        }
        if self.options.report_unverified {
            findings.extend(quotes::unverified_quotes(source, &draft, &self.quote_words));
        }
        findings.sort_by(|a, b| {
            let key = |f: &Finding| {
                (
                    f.span.map(|s| (s.start, s.end)),
                    f.ruleset.clone(),
                    f.rule.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        findings
    }
}

/// A draft with its quotes, sentences and words extracted (see [`Checker::prepare`]).
pub struct PreparedDraft(quotes::Draft);

impl PreparedDraft {
    /// Sentence spans of the draft's normalised text.
    pub fn sentences(&self) -> &[Span] {
        &self.0.sentences
    }

    /// For each sentence, whether it contains `term` as checking matches a context term
    /// (case-insensitive, word-bounded, plural, possessive and verb-ending tolerant;
    /// `a|b` for alternatives). A claim is located by the sentences containing all of its
    /// terms.
    pub fn sentences_with_term(&self, term: &str) -> Vec<bool> {
        let term = ContextTerm {
            alternatives: term.split('|').map(|a| a.trim().to_string()).collect(),
        };
        claims::term_matches(&self.0, &term)
    }
}

/// The sentences of a prepared draft (spans into its normalised text) that locate
/// `claim`: those holding all of its context terms, exactly as checking locates them.
pub fn locate_claim(draft: &PreparedDraft, claim: &ClaimRule) -> Vec<Span> {
    claims::locate(&draft.0, &claims::ClaimPatterns::compile(claim))
}

/// Checks one draft against every ruleset (see [`Checker`] to check many drafts).
pub fn check_source(
    source: &SourceFile,
    rulesets: &[RuleSet],
    options: &CheckOptions,
) -> Vec<Finding> {
    Checker::new(rulesets, options.clone()).check(source)
}

/// The people of every ruleset, as the attribution wants them: full name, aliases (last
/// name included) and title forms (`Mayor Karen Bass`, `the mayor`).
pub fn known_people(rulesets: &[RuleSet]) -> Vec<KnownPerson> {
    let mut out = Vec::new();
    for person in rulesets.iter().flat_map(|r| &r.people) {
        let mut aliases = person.aliases.clone();
        if let Some(title) = &person.title {
            aliases.push(format!("{title} {}", person.name));
            let head = title.split(',').next().unwrap_or(title).trim();
            if let Some(role) = head.split_whitespace().last() {
                aliases.push(format!("the {}", role.to_lowercase()));
            }
        }
        out.push(KnownPerson {
            name: person.name.clone(),
            aliases,
        });
    }
    out
}
