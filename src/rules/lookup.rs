//! Finding a rule by id across the loaded rulesets (`factcheck --explain RULE`), with a
//! "did you mean" when the id is unknown.

use super::{ClaimRule, QuoteRule, RulePosition, RuleSet, StatementRule};

/// A claim, quote or statement rule together with its ruleset.
#[derive(Debug, Clone, Copy)]
pub enum RuleRef<'r> {
    /// A claim rule.
    Claim {
        /// Its ruleset.
        ruleset: &'r RuleSet,
        /// The rule.
        claim: &'r ClaimRule,
    },
    /// A quote rule.
    Quote {
        /// Its ruleset.
        ruleset: &'r RuleSet,
        /// The rule.
        quote: &'r QuoteRule,
    },
    /// A statement rule (reported speech).
    Statement {
        /// Its ruleset.
        ruleset: &'r RuleSet,
        /// The rule.
        statement: &'r StatementRule,
    },
}

impl<'r> RuleRef<'r> {
    /// The ruleset the rule belongs to.
    pub fn ruleset(&self) -> &'r RuleSet {
        match *self {
            RuleRef::Claim { ruleset, .. }
            | RuleRef::Quote { ruleset, .. }
            | RuleRef::Statement { ruleset, .. } => ruleset,
        }
    }

    /// The rule id.
    pub fn id(&self) -> &'r str {
        match *self {
            RuleRef::Claim { claim, .. } => &claim.id,
            RuleRef::Quote { quote, .. } => &quote.id,
            RuleRef::Statement { statement, .. } => &statement.id,
        }
    }

    /// Where the rule starts in its file.
    pub fn position(&self) -> RulePosition {
        match *self {
            RuleRef::Claim { claim, .. } => claim.position,
            RuleRef::Quote { quote, .. } => quote.position,
            RuleRef::Statement { statement, .. } => statement.position,
        }
    }
}

/// Why a rule could not be found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No rule has this id.
    #[error("unknown rule `{query}`{}", did_you_mean(suggestion.as_deref()))]
    Unknown {
        /// What was asked for.
        query: String,
        /// The closest rule name, if one is close.
        suggestion: Option<String>,
    },
    /// Several rulesets have a rule with this id.
    #[error(
        "rule `{query}` is defined in several rulesets: {}; name one as `ruleset/rule`",
        candidates.iter().zip(places).map(|(c, p)| format!("{c} ({p})")).collect::<Vec<_>>().join(", ")
    )]
    Ambiguous {
        /// What was asked for.
        query: String,
        /// Each match as `ruleset/rule`.
        candidates: Vec<String>,
        /// Where each match is defined, as `path:line:column`.
        places: Vec<String>,
    },
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

/// Every rule of every ruleset, in file order.
fn all_rules(rulesets: &[RuleSet]) -> impl Iterator<Item = RuleRef<'_>> {
    rulesets.iter().flat_map(|ruleset| {
        let claims = ruleset
            .claims
            .iter()
            .map(move |claim| RuleRef::Claim { ruleset, claim });
        let quotes = ruleset
            .quotes
            .iter()
            .map(move |quote| RuleRef::Quote { ruleset, quote });
        let statements = ruleset
            .statements
            .iter()
            .map(move |statement| RuleRef::Statement { ruleset, statement });
        claims.chain(quotes).chain(statements)
    })
}

/// Finds a rule by its id, or by `ruleset/rule` when several rulesets use the id.
pub fn find_rule<'r>(rulesets: &'r [RuleSet], query: &str) -> Result<RuleRef<'r>, LookupError> {
    let query = query.trim();
    let matches: Vec<RuleRef<'r>> = all_rules(rulesets).filter(|r| r.id() == query).collect();
    match matches.as_slice() {
        [only] => return Ok(*only),
        [] => {}
        several => {
            return Err(LookupError::Ambiguous {
                query: query.to_string(),
                candidates: several
                    .iter()
                    .map(|r| format!("{}/{}", r.ruleset().id, r.id()))
                    .collect(),
                places: several
                    .iter()
                    .map(|r| {
                        let at = r.position();
                        format!("{}:{}:{}", r.ruleset().path, at.line, at.column)
                    })
                    .collect(),
            })
        }
    }
    if let Some((ruleset, id)) = query.split_once('/') {
        if let Some(found) = all_rules(rulesets).find(|r| r.ruleset().id == ruleset && r.id() == id)
        {
            return Ok(found);
        }
    }
    Err(LookupError::Unknown {
        query: query.to_string(),
        suggestion: suggest(rulesets, query),
    })
}

/// The name of the rule closest to `query` (its id, or `ruleset/rule` when the id is not
/// unique), if any is close.
fn suggest(rulesets: &[RuleSet], query: &str) -> Option<String> {
    let lowered = query.to_lowercase();
    let rules: Vec<RuleRef<'_>> = all_rules(rulesets).collect();
    let mut best: Option<(String, f64)> = None;
    for rule in &rules {
        let qualified = format!("{}/{}", rule.ruleset().id, rule.id());
        let score = strsim::jaro_winkler(&lowered, &rule.id().to_lowercase())
            .max(strsim::jaro_winkler(&lowered, &qualified.to_lowercase()));
        // On a tie the first rule in file order wins.
        if score < 0.8 || best.as_ref().is_some_and(|(_, b)| score <= *b) {
            continue;
        }
        let unique = rules.iter().filter(|r| r.id() == rule.id()).count() == 1;
        let name = if unique {
            rule.id().to_string()
        } else {
            qualified
        };
        best = Some((name, score));
    }
    best.map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_rule_file;

    fn rulesets() -> Vec<RuleSet> {
        let a = "ruleset: a\npeople: [{ name: A B }]\nclaims:\n  - id: council-vote\n    statement: s\n    context: [vote]\n    value: { tally: 13-0 }\nquotes:\n  - id: shared\n    speaker: a-b\n    text: one two three four\n";
        let b = "ruleset: b\npeople: [{ name: A B }]\nquotes:\n  - id: shared\n    speaker: a-b\n    text: five six seven eight\n  - id: x/y\n    speaker: a-b\n    text: nine ten eleven twelve\nstatements:\n  - id: reported\n    speaker: a-b\n    statement: The budget will pass.\n    context: [budget]\n";
        vec![
            load_rule_file("a.yaml", a).expect("a loads"),
            load_rule_file("b.yaml", b).expect("b loads"),
        ]
    }

    #[test]
    fn finds_rules_by_id_or_qualified_name() {
        let rulesets = rulesets();
        let found = |q: &str| {
            find_rule(&rulesets, q)
                .map(|r| format!("{}/{}", r.ruleset().id, r.id()))
                .map_err(|e| e.to_string())
        };
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("council-vote", Ok("a/council-vote")),
            (" council-vote ", Ok("a/council-vote")),
            ("a/council-vote", Ok("a/council-vote")),
            ("b/shared", Ok("b/shared")),
            ("x/y", Ok("b/x/y")),
            ("b/x/y", Ok("b/x/y")),
            (
                "shared",
                Err(
                    "rule `shared` is defined in several rulesets: a/shared (a.yaml:9:9), \
                     b/shared (b.yaml:4:9); name one as `ruleset/rule`",
                ),
            ),
            (
                "council-vot",
                Err("unknown rule `council-vot`; did you mean `council-vote`?"),
            ),
            (
                "sharde",
                Err("unknown rule `sharde`; did you mean `a/shared`?"),
            ),
            (
                "b/sharde",
                Err("unknown rule `b/sharde`; did you mean `b/shared`?"),
            ),
            ("zzzz", Err("unknown rule `zzzz`")),
            (
                "c/council-vote",
                Err("unknown rule `c/council-vote`; did you mean `council-vote`?"),
            ),
        ];
        for (query, expected) in cases {
            let expected = expected.map(str::to_string).map_err(str::to_string);
            assert_eq!(found(query), expected, "{query}");
        }
    }

    #[test]
    fn rule_ref_accessors() {
        let rulesets = rulesets();
        let rule = find_rule(&rulesets, "council-vote").expect("found");
        assert!(matches!(rule, RuleRef::Claim { .. }));
        assert_eq!(rule.position(), RulePosition { line: 4, column: 9 });
        let rule = find_rule(&rulesets, "b/shared").expect("found");
        assert!(matches!(rule, RuleRef::Quote { .. }));
        assert_eq!(rule.ruleset().path, "b.yaml");
        let rule = find_rule(&rulesets, "reported").expect("found");
        assert!(matches!(rule, RuleRef::Statement { .. }));
        assert_eq!(rule.id(), "reported");
        assert_eq!(
            rule.position(),
            RulePosition {
                line: 11,
                column: 9
            }
        );
        assert_eq!(
            find_rule(&rulesets, "reportd")
                .map(|r| r.id())
                .map_err(|e| e.to_string()),
            Err("unknown rule `reportd`; did you mean `reported`?".to_string())
        );
    }
}
