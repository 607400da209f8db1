//! Running the `examples:` of claim, quote and statement rules (`factcheck rules test`): each
//! example text is checked against a ruleset holding only its rule (and the ruleset's
//! people), with unverified quotes not reported, and the findings for that rule are
//! compared with what the example expects.

use super::{ExampleKind, ExampleOutcome, RuleExample, RuleSet};
use crate::check::{CheckOptions, Checker, Finding, FindingKind};
use crate::text::SourceFile;

/// One example, run.
#[derive(Debug, Clone)]
pub struct ExampleResult {
    /// The rule file.
    pub path: String,
    /// The ruleset id.
    pub ruleset: String,
    /// The rule id.
    pub rule: String,
    /// 1-based number of the example among its rule's examples, in file order.
    pub number: usize,
    /// The example.
    pub example: RuleExample,
    /// The findings the rule produced for the example's text.
    pub findings: Vec<Finding>,
}

impl ExampleResult {
    /// Whether the rule did what the example expects: no finding for a `pass` example, a
    /// finding of the expected kind for a `fail` example.
    pub fn passed(&self) -> bool {
        match self.example.outcome {
            ExampleOutcome::Pass => self.findings.is_empty(),
            ExampleOutcome::Fail(kind) => {
                let wanted = finding_kind(kind);
                self.findings.iter().any(|f| f.kind == wanted)
            }
        }
    }
}

/// The finding kind an example kind stands for.
fn finding_kind(kind: ExampleKind) -> FindingKind {
    match kind {
        ExampleKind::Missing => FindingKind::Missing,
        ExampleKind::Altered => FindingKind::Altered,
        ExampleKind::Misattributed => FindingKind::Misattributed,
        ExampleKind::Unattributed => FindingKind::Unattributed,
    }
}

/// A copy of `ruleset` holding only its people and the given rules.
fn with_only(
    ruleset: &RuleSet,
    claims: Vec<super::ClaimRule>,
    quotes: Vec<super::QuoteRule>,
    statements: Vec<super::StatementRule>,
) -> RuleSet {
    RuleSet {
        id: ruleset.id.clone(),
        description: ruleset.description.clone(),
        sources: ruleset.sources.clone(),
        source_files: ruleset.source_files.clone(),
        people: ruleset.people.clone(),
        claims,
        quotes,
        statements,
        path: ruleset.path.clone(),
    }
}

/// Runs every example of every rule, in file order.
pub fn run_examples(rulesets: &[RuleSet]) -> Vec<ExampleResult> {
    let options = CheckOptions {
        report_unverified: false,
        report_figures: false,
    };
    let mut results = Vec::new();
    for ruleset in rulesets {
        let singles = ruleset
            .claims
            .iter()
            .map(|c| {
                (
                    &c.id,
                    &c.examples,
                    with_only(ruleset, vec![c.clone()], vec![], vec![]),
                )
            })
            .chain(ruleset.quotes.iter().map(|q| {
                (
                    &q.id,
                    &q.examples,
                    with_only(ruleset, vec![], vec![q.clone()], vec![]),
                )
            }))
            .chain(ruleset.statements.iter().map(|s| {
                (
                    &s.id,
                    &s.examples,
                    with_only(ruleset, vec![], vec![], vec![s.clone()]),
                )
            }));
        for (id, examples, single) in singles {
            if examples.is_empty() {
                continue;
            }
            let single = [single];
            let checker = Checker::new(&single, options.clone());
            for (i, example) in examples.iter().enumerate() {
                let source = SourceFile::new(
                    format!("{}:{}", ruleset.path, example.position.line),
                    example.text.clone(),
                );
                let findings = checker
                    .check(&source)
                    .into_iter()
                    .filter(|f| f.rule.as_deref() == Some(id.as_str()))
                    .collect();
                results.push(ExampleResult {
                    path: ruleset.path.clone(),
                    ruleset: ruleset.id.clone(),
                    rule: id.clone(),
                    number: i + 1,
                    example: example.clone(),
                    findings,
                });
            }
        }
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_rule_file;

    const RULES: &str = r#"
ruleset: demo
people:
  - name: Karen Bass
    title: Mayor
  - name: Bob Blumenfield
claims:
  - id: vote
    statement: The council voted 13-0.
    context: [vote]
    value: { tally: 13-0 }
    examples:
      pass: ["The council vote was 13-0."]
      fail:
        - { text: "The council vote was 12-1.", kind: altered }
        - { text: "The council met on Tuesday.", kind: missing }
        - { text: "The council vote was 13-0.", kind: altered }
  - id: optional
    statement: It was unanimous.
    value: { text: unanimous }
    required: false
    examples:
      fail:
        - { text: "Nothing here.", kind: missing }
quotes:
  - id: together
    speaker: karen-bass
    text: "Los Angeles will always stand together"
    examples:
      fail:
        - text: "“Los Angeles will always stand together,” Blumenfield said."
          kind: misattributed
        - text: "“Los Angeles will always stand together.”"
          kind: unattributed
        - text: "“Los Angeles will never stand together,” Bass said."
          kind: altered
      pass:
        - "“Los Angeles will always stand together,” Mayor Karen Bass said."
        - "“Los Angeles will always stand together,” Blumenfield said."
"#;

    #[test]
    fn examples_pass_and_fail_as_expected() {
        let rulesets = [load_rule_file("demo.yaml", RULES).expect("loads")];
        let results = run_examples(&rulesets);
        let got: Vec<(&str, usize, usize, bool, Vec<FindingKind>)> = results
            .iter()
            .map(|r| {
                (
                    r.rule.as_str(),
                    r.number,
                    r.example.position.line,
                    r.passed(),
                    r.findings.iter().map(|f| f.kind).collect(),
                )
            })
            .collect();
        use FindingKind::*;
        assert_eq!(
            got,
            [
                ("vote", 1, 13, true, vec![]),
                ("vote", 2, 15, true, vec![Altered]),
                ("vote", 3, 16, true, vec![Missing]),
                // The right value gives no finding, so the example fails.
                ("vote", 4, 17, false, vec![]),
                // A claim with `required: false` is never missing.
                ("optional", 1, 24, false, vec![]),
                // Examples are numbered in file order: `fail` is written first here.
                ("together", 1, 31, true, vec![Misattributed]),
                ("together", 2, 33, true, vec![Unattributed]),
                ("together", 3, 35, true, vec![Altered]),
                ("together", 4, 38, true, vec![]),
                // The wrong speaker is a finding, so a pass example fails.
                ("together", 5, 39, false, vec![Misattributed]),
            ]
        );
        assert!(results
            .iter()
            .all(|r| r.path == "demo.yaml" && r.ruleset == "demo"));
    }

    #[test]
    fn a_rule_is_checked_alone() {
        // The text breaks the other rule; only the rule under test counts.
        let yaml = r#"
ruleset: demo
claims:
  - id: a
    statement: s
    context: [vote]
    value: { tally: 13-0 }
    examples: { pass: ["The vote was 13-0."] }
  - id: b
    statement: t
    context: [founded]
    value: { year: 1850 }
"#;
        let rulesets = [load_rule_file("demo.yaml", yaml).expect("loads")];
        let results = run_examples(&rulesets);
        assert_eq!(results.len(), 1);
        assert!(results[0].passed(), "{:?}", results[0].findings);
    }

    #[test]
    fn rules_without_examples_give_no_results() {
        let yaml =
            "ruleset: demo\nclaims:\n  - id: a\n    statement: s\n    value: { year: 1979 }\n";
        let rulesets = [load_rule_file("demo.yaml", yaml).expect("loads")];
        assert!(run_examples(&rulesets).is_empty());
    }
}
