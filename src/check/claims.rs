//! Claim checking (in progress).
use super::quotes::Draft;
use super::Finding;
use crate::rules::RuleSet;
use crate::text::SourceFile;

pub(super) fn check_claims(
    _source: &SourceFile,
    _draft: &Draft,
    _ruleset: &RuleSet,
) -> Vec<Finding> {
    todo!()
}
