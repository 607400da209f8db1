//! Loading rule files: YAML via serde-saphyr (line:column on every error, duplicate keys
//! rejected), unknown keys rejected, then validation into [`RuleSet`]s.

use std::path::{Path, PathBuf};

use super::RuleSet;

/// A rule-file error, always naming file, line and column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct RuleError {
    /// The rule file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, and how to fix it where that is clear.
    pub message: String,
}

/// Loads and validates one rule file from its text.
pub fn load_rule_file(path: &str, yaml: &str) -> Result<RuleSet, RuleError> {
    let _ = (path, yaml);
    todo!("rules helper")
}

/// Loads every rule file under the given paths (files, or directories searched for
/// `*.yaml`/`*.yml` in sorted order). Ruleset ids must be unique across all of them.
pub fn load_rules(paths: &[PathBuf]) -> Result<Vec<RuleSet>, RuleError> {
    let _ = paths;
    todo!("rules helper")
}

/// The nearest `rules/` directory from `start` upward, if any.
pub fn discover_rules_dir(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join("rules"))
        .find(|candidate| candidate.is_dir())
}
