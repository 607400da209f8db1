//! Checking: matches the rules against what was extracted from a draft and produces
//! [`Finding`]s — missing, altered, misattributed, unattributed and unverified.

mod claims;
mod finding;
mod quotes;

pub use finding::{CheckedFile, Finding, FindingKind, Summary};

use crate::extract::KnownPerson;
use crate::rules::RuleSet;
use crate::text::{words_for_compare, SourceFile};

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
