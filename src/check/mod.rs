//! Checking: matches the rules against what was extracted from a draft and produces
//! [`Finding`]s — missing, altered, misattributed, unattributed and unverified.

mod claims;
mod finding;
mod quotes;

pub use finding::{CheckedFile, Finding, FindingKind, Summary};

use crate::extract::KnownPerson;
use crate::rules::RuleSet;
use crate::text::SourceFile;

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

/// Checks one draft against every ruleset and returns its findings in document order
/// (missing findings, which have no position, first).
pub fn check_source(
    source: &SourceFile,
    rulesets: &[RuleSet],
    options: &CheckOptions,
) -> Vec<Finding> {
    let draft = quotes::Draft::extract(source, rulesets);
    let mut findings = Vec::new();
    for ruleset in rulesets {
        findings.extend(claims::check_claims(source, &draft, ruleset));
        findings.extend(quotes::check_quote_rules(source, &draft, ruleset));
    }
    if options.report_unverified {
        findings.extend(quotes::unverified_quotes(source, &draft, rulesets));
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
