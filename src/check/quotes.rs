//! Quote checking (in progress).
use super::Finding;
use crate::rules::RuleSet;
use crate::text::SourceFile;

pub(super) struct Draft;
impl Draft {
    pub(super) fn extract(_source: &SourceFile, _rulesets: &[RuleSet]) -> Self {
        todo!()
    }
}
pub(super) fn check_quote_rules(
    _source: &SourceFile,
    _draft: &Draft,
    _ruleset: &RuleSet,
) -> Vec<Finding> {
    todo!()
}
pub(super) fn unverified_quotes(
    _source: &SourceFile,
    _draft: &Draft,
    _rulesets: &[RuleSet],
) -> Vec<Finding> {
    todo!()
}
