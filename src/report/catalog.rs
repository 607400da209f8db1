//! What the emitters that describe rules (SARIF, JUnit, HTML) need to know about every
//! loaded rule: its statement, kind and severity, in file order. The command line builds
//! a [`RuleCatalog`] from the loaded rulesets and hands it to those emitters, so the
//! [`super::Emitter`] trait itself stays a function of the checked files alone.

use std::collections::{HashMap, HashSet};

use crate::check::Finding;
use crate::rules::{RuleSet, Severity};

/// Whether a rule checks a claim, a quote or a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// A claim rule (a value located by context terms).
    Claim,
    /// A quote rule (verified words and their speaker).
    Quote,
    /// A statement rule (reported speech and its speaker).
    Statement,
}

impl RuleKind {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Claim => "claim",
            RuleKind::Quote => "quote",
            RuleKind::Statement => "statement",
        }
    }
}

/// One rule as the reports describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleEntry {
    /// The ruleset id.
    pub ruleset: String,
    /// The rule id (unique within its ruleset).
    pub id: String,
    /// The rule in words: a claim's statement, `Speaker: “quote”` for a quote, or
    /// `Speaker said: statement` for a statement.
    pub statement: String,
    /// Claim, quote or statement.
    pub kind: RuleKind,
    /// Severity of the rule's findings.
    pub severity: Severity,
}

impl RuleEntry {
    /// `ruleset/rule`: the rule's name across rulesets.
    pub fn qualified_id(&self) -> String {
        format!("{}/{}", self.ruleset, self.id)
    }
}

/// Every rule that was checked, in the order of the rule files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleCatalog {
    rules: Vec<RuleEntry>,
    /// `(ruleset, rule)` → position in `rules` (the first, should a pair repeat): a
    /// bank of many rules is looked up once per finding.
    positions: HashMap<(String, String), usize>,
}

impl RuleCatalog {
    /// A catalog of these rules, in this order.
    pub fn new(rules: Vec<RuleEntry>) -> Self {
        let mut positions = HashMap::with_capacity(rules.len());
        for (i, r) in rules.iter().enumerate() {
            positions
                .entry((r.ruleset.clone(), r.id.clone()))
                .or_insert(i);
        }
        RuleCatalog { rules, positions }
    }

    /// The rules of every ruleset: each ruleset's claims, then its quotes, then its
    /// statements.
    pub fn from_rulesets(rulesets: &[RuleSet]) -> Self {
        let mut rules = Vec::new();
        for ruleset in rulesets {
            for claim in &ruleset.claims {
                rules.push(RuleEntry {
                    ruleset: ruleset.id.clone(),
                    id: claim.id.clone(),
                    statement: claim.statement.clone(),
                    kind: RuleKind::Claim,
                    severity: claim.severity,
                });
            }
            for quote in &ruleset.quotes {
                let speaker = ruleset
                    .people
                    .get(quote.speaker)
                    .map_or("(unknown speaker)", |p| p.name.as_str());
                rules.push(RuleEntry {
                    ruleset: ruleset.id.clone(),
                    id: quote.id.clone(),
                    statement: format!("{speaker}: “{}”", quote.text),
                    kind: RuleKind::Quote,
                    severity: quote.severity,
                });
            }
            for statement in &ruleset.statements {
                let speaker = ruleset
                    .people
                    .get(statement.speaker)
                    .map_or("(unknown speaker)", |p| p.name.as_str());
                rules.push(RuleEntry {
                    ruleset: ruleset.id.clone(),
                    id: statement.id.clone(),
                    statement: format!("{speaker} said: {}", statement.statement),
                    kind: RuleKind::Statement,
                    severity: statement.severity,
                });
            }
        }
        RuleCatalog::new(rules)
    }

    /// Every rule, in order.
    pub fn rules(&self) -> &[RuleEntry] {
        &self.rules
    }

    /// The rule `rule` of ruleset `ruleset`, if it was loaded.
    pub fn get(&self, ruleset: &str, rule: &str) -> Option<&RuleEntry> {
        self.positions
            .get(&(ruleset.to_owned(), rule.to_owned()))
            .and_then(|&i| self.rules.get(i))
    }

    /// The statement of a finding's rule, if the finding has a rule and it was loaded.
    pub fn statement_of(&self, finding: &crate::check::Finding) -> Option<&str> {
        match (&finding.ruleset, &finding.rule) {
            (Some(ruleset), Some(rule)) => self.get(ruleset, rule).map(|r| r.statement.as_str()),
            _ => None,
        }
    }
}

impl RuleCatalog {
    /// Every rule a report lists: the catalog's rules in order, then any rule that only
    /// the findings name, in order of appearance, as `(ruleset, rule, statement)` (the
    /// statement empty when unknown). Never lists a rule twice.
    pub(crate) fn rules_reported<'a>(
        &'a self,
        findings: impl Iterator<Item = &'a Finding>,
    ) -> Vec<(&'a str, &'a str, &'a str)> {
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        let mut rules = Vec::new();
        for r in &self.rules {
            if seen.insert((r.ruleset.as_str(), r.id.as_str())) {
                rules.push((r.ruleset.as_str(), r.id.as_str(), r.statement.as_str()));
            }
        }
        for finding in findings {
            if let (Some(ruleset), Some(rule)) = (&finding.ruleset, &finding.rule) {
                if seen.insert((ruleset.as_str(), rule.as_str())) {
                    rules.push((ruleset.as_str(), rule.as_str(), ""));
                }
            }
        }
        rules
    }
}

/// The findings of `list` by `(ruleset, rule)`, each group in document order; findings
/// of no ruleset (unverified quotes, unused suppressions) are left out.
pub(crate) fn group_by_rule(list: &[Finding]) -> HashMap<(&str, &str), Vec<&Finding>> {
    let mut groups: HashMap<(&str, &str), Vec<&Finding>> = HashMap::new();
    for finding in list {
        if let (Some(ruleset), Some(rule)) = (&finding.ruleset, &finding.rule) {
            groups
                .entry((ruleset.as_str(), rule.as_str()))
                .or_default()
                .push(finding);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_rule_file;

    #[test]
    fn catalog_lists_claims_then_quotes_with_statements() {
        let yaml = "ruleset: s\npeople: [{ name: Ana Ruiz }]\nstatements:\n  - { id: r, speaker: ana-ruiz, statement: Taxes will not rise., context: [taxes] }\nclaims:\n  - id: vote\n    statement: The vote was 13-0.\n    context: [vote]\n    value: { tally: 13-0 }\n    severity: warning\nquotes:\n  - id: q\n    speaker: ana-ruiz\n    text: one two three four\n";
        let rulesets = vec![load_rule_file("s.yaml", yaml).expect("loads")];
        let catalog = RuleCatalog::from_rulesets(&rulesets);
        let rules = catalog.rules();
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[2].statement, "Ana Ruiz said: Taxes will not rise.");
        assert_eq!(rules[2].kind, RuleKind::Statement);
        assert_eq!(rules[2].kind.as_str(), "statement");
        assert_eq!(rules[0].statement, "The vote was 13-0.");
        assert_eq!(rules[0].kind, RuleKind::Claim);
        assert_eq!(rules[0].severity, Severity::Warning);
        assert_eq!(rules[1].statement, "Ana Ruiz: “one two three four”");
        assert_eq!(rules[1].qualified_id(), "s/q");
        assert_eq!(catalog.get("s", "q").map(|r| r.kind), Some(RuleKind::Quote));
        assert!(catalog.get("t", "q").is_none());
    }
}
