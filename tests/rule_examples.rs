//! Runs the `examples:` of every rule file under `rules/` through the library, so that
//! `cargo test` fails when a rule stops doing what its examples say (the same check as
//! `factcheck rules test`).

use std::path::Path;

use factcheck::rules::{load_rules, run_examples, ExampleOutcome};

#[test]
fn every_example_under_rules_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let rulesets = load_rules(&[dir]).unwrap_or_else(|e| panic!("rules/ loads: {e}"));
    let results = run_examples(&rulesets);

    let failures: Vec<String> = results
        .iter()
        .filter(|r| !r.passed())
        .map(|r| {
            let expected = match r.example.outcome {
                ExampleOutcome::Pass => "no finding".to_string(),
                ExampleOutcome::Fail(kind) => kind.as_str().to_string(),
            };
            let got: Vec<String> = r
                .findings
                .iter()
                .map(|f| format!("{} ({})", f.kind.as_str(), f.message))
                .collect();
            format!(
                "{}:{}:{}: {}: example {} expected {expected}, got {}\n    text: {}",
                r.path,
                r.example.position.line,
                r.example.position.column,
                r.rule,
                r.number,
                if got.is_empty() {
                    "none".to_string()
                } else {
                    got.join(", ")
                },
                r.example.text
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rule examples failed (run `cargo run -- rules test`):\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );

    // Every rule under rules/ shows what it accepts; the run is never vacuous.
    for ruleset in &rulesets {
        let rules = ruleset
            .claims
            .iter()
            .map(|c| (&c.id, &c.examples))
            .chain(ruleset.quotes.iter().map(|q| (&q.id, &q.examples)))
            .chain(ruleset.statements.iter().map(|s| (&s.id, &s.examples)));
        for (id, examples) in rules {
            assert!(
                examples.iter().any(|e| e.outcome == ExampleOutcome::Pass),
                "{}: rule `{id}` has no `pass` example",
                ruleset.path
            );
        }
    }
}
