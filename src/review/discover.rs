//! The rule settings that apply to drafts in a directory, found as the command line finds
//! them from its working directory: the nearest `factcheck.toml` (or `.factcheck.toml`)
//! upward, its `rules`, else the nearest `rules/` directory upward. For a service that
//! checks drafts from many folders (the language server starts from each document's).

use std::path::{Path, PathBuf};

use crate::config::{discover_config, load_config, UnknownIds};
use crate::rules::{discover_rules_dir, RulesCache, DEFAULT_MAX_RULES_SIZE};

use super::{ReviewError, RuleSettings};

impl RuleSettings {
    /// The settings for drafts in `dir` (absolute): the configuration file found from
    /// `dir` upward, if any, and the rules `rules` names — or, when it is empty, the
    /// configuration's `rules`, else the nearest `rules/` directory from `dir` upward.
    /// `cache` is the compiled rules cache to load through. The error (a broken
    /// configuration file, no rules to be found) names the file, line and column.
    pub fn discover(
        dir: &Path,
        rules: &[PathBuf],
        cache: Option<RulesCache>,
    ) -> Result<RuleSettings, ReviewError> {
        let error = |e: crate::config::ConfigError| ReviewError::Rules(e.to_string());
        let config = match discover_config(dir).map_err(error)? {
            Some(found) => Some(load_config(&dir.join(found)).map_err(error)?),
            None => None,
        };
        let paths = if !rules.is_empty() {
            rules.to_vec()
        } else if let Some(paths) = config
            .as_ref()
            .map(|c| c.rule_paths())
            .transpose()
            .map_err(error)?
            .flatten()
        {
            paths
        } else if let Some(found) = discover_rules_dir(dir) {
            vec![found]
        } else {
            return Err(ReviewError::Rules(format!(
                "no rules found: no rules/ directory in {} or above it, and no \
                 factcheck.toml naming rules",
                dir.display()
            )));
        };
        Ok(RuleSettings {
            paths,
            max_rules_size: config
                .as_ref()
                .and_then(|c| c.max_rules_size)
                .unwrap_or(DEFAULT_MAX_RULES_SIZE),
            cache,
            unknown_ids: if rules.is_empty() {
                UnknownIds::Error
            } else {
                UnknownIds::Skip
            },
            report_unverified: config
                .as_ref()
                .and_then(|c| c.report_unverified)
                .unwrap_or(true),
            report_figures: config
                .as_ref()
                .and_then(|c| c.report_figures)
                .unwrap_or(false),
            config,
            cwd: dir.to_path_buf(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discover_finds_the_configuration_and_rules_of_a_folder() {
        let root = tempfile::tempdir().expect("temp dir");
        let root = root.path().canonicalize().expect("canonical");
        let drafts = root.join("desk").join("drafts");
        std::fs::create_dir_all(&drafts).expect("drafts dir");
        std::fs::create_dir_all(root.join("rules")).expect("rules dir");
        std::fs::create_dir_all(root.join("desk").join("verified")).expect("verified dir");

        // No configuration: the nearest rules/ directory upward.
        let found = RuleSettings::discover(&drafts, &[], None).expect("settings");
        assert_eq!(found.paths, vec![root.join("rules")]);
        assert!(found.config.is_none());
        assert!(found.report_unverified);
        assert_eq!(found.unknown_ids, UnknownIds::Error);

        // A configuration above the drafts names other rules and turns unverified off.
        std::fs::write(
            root.join("desk").join("factcheck.toml"),
            "rules = [\"verified\"]\nunverified = false\n",
        )
        .expect("config");
        let found = RuleSettings::discover(&drafts, &[], None).expect("settings");
        let paths: Vec<PathBuf> = found
            .paths
            .iter()
            .map(|p| p.canonicalize().expect("exists"))
            .collect();
        assert_eq!(paths, vec![root.join("desk").join("verified")]);
        assert!(!found.report_unverified);

        // Rules given by the caller win over the configuration's.
        let given = vec![root.join("rules")];
        let found = RuleSettings::discover(&drafts, &given, None).expect("settings");
        assert_eq!(found.paths, given);
        assert_eq!(found.unknown_ids, UnknownIds::Skip);

        // A broken configuration is an error naming the file.
        std::fs::write(root.join("desk").join("factcheck.toml"), "rules = [").expect("config");
        let error = RuleSettings::discover(&drafts, &[], None).expect_err("broken");
        assert!(error.to_string().contains("factcheck.toml"), "{error}");
    }
}
