//! The rules a long-running service holds: loaded once with everything checking needs
//! (the compiled index, the configuration's policy, the people, the files' checksums),
//! and loaded again, whole, when a rule file changes.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Instant, SystemTime};

use sha2::{Digest, Sha256};

use crate::check::{
    known_people, CheckOptions, CheckedFile, Checker, CompiledRules, DocumentError,
};
use crate::config::{Config, FindingPolicy, UnknownIds};
use crate::extract::KnownPerson;
use crate::report::RuleCatalog;
use crate::rules::provenance::sha256_file;
use crate::rules::{load_rules_cached_with, RuleSet, RulesCache};
use crate::text::{InputFormat, SourceFile};

use super::ReviewError;

/// Where the rules come from and what applies to them: what `factcheck serve` resolved
/// from its command line and configuration file, as the check command resolves it.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    /// Rule files or directories (`--rules`, the configuration's `rules`, or the nearest
    /// `rules/` directory).
    pub paths: Vec<PathBuf>,
    /// Largest rule file read (`--max-rules-size`).
    pub max_rules_size: u64,
    /// The compiled rules cache (`None` with `--no-cache`).
    pub cache: Option<RulesCache>,
    /// The configuration file, if one applies.
    pub config: Option<Config>,
    /// Whether rule ids the configuration names but no loaded ruleset defines are an
    /// error (the configuration's own rules) or skipped (`--rules` replaced them).
    pub unknown_ids: UnknownIds,
    /// The directory draft names are relative to (for the configuration's `[[apply]]`
    /// globs): the service's working directory.
    pub cwd: PathBuf,
    /// Whether quotes that no rule covers are reported when a request does not say.
    pub report_unverified: bool,
    /// Whether figures that no claim covers are reported (the configuration's
    /// `figures`), as the check reports them.
    pub report_figures: bool,
}

/// One rule file as loaded: its path and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RuleFile {
    /// The path as the loader shows it.
    pub path: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
}

self_cell::self_cell!(
    /// The rulesets with the checker that borrows them.
    struct CheckerCell {
        owner: Vec<RuleSet>,
        #[covariant]
        dependent: Checker,
    }
);

/// A loaded, valid set of rules, ready to check drafts from several threads at once.
pub struct LoadedRules {
    cell: CheckerCell,
    policy: Option<FindingPolicy>,
    people: Vec<KnownPerson>,
    catalog: OnceLock<RuleCatalog>,
    files: Vec<RuleFile>,
    loaded_at: SystemTime,
    load_time: std::time::Duration,
    report_figures: bool,
}

impl std::fmt::Debug for LoadedRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedRules")
            .field("rulesets", &self.rulesets().len())
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

impl LoadedRules {
    /// Loads the rules as `settings` say (through the cache when it is worth it), with
    /// the configuration's policy checked against them. The error names file:line:col.
    pub fn load(settings: &RuleSettings) -> Result<LoadedRules, ReviewError> {
        let started = Instant::now();
        let loaded_at = SystemTime::now();
        let rule_error = |e: crate::rules::RuleError| ReviewError::Rules(e.to_string());
        let files = crate::rules::rule_files(&settings.paths).map_err(rule_error)?;
        let layout = settings
            .cache
            .as_ref()
            .map(|_| CompiledRules::layout())
            .unwrap_or_default();
        let (rulesets, compiled, _) = load_rules_cached_with(
            &settings.paths,
            settings.max_rules_size,
            settings.cache.as_ref(),
            &layout,
            CompiledRules::new,
        )
        .map_err(rule_error)?;
        let policy = match &settings.config {
            Some(config) => Some(
                config
                    .policy(&rulesets, settings.unknown_ids, &settings.cwd)
                    .map_err(|e| ReviewError::Rules(e.to_string()))?,
            ),
            None => None,
        };
        let files = files
            .iter()
            .map(|(file, shown)| RuleFile {
                path: shown.clone(),
                sha256: sha256_file(file).unwrap_or_default(),
            })
            .collect();
        let people = known_people(&rulesets);
        let options = CheckOptions {
            report_unverified: settings.report_unverified,
            report_figures: settings.report_figures,
        };
        let cell = CheckerCell::new(rulesets, |rulesets| match compiled {
            Some(compiled) => Checker::with_compiled(rulesets, options, compiled),
            None => Checker::new(rulesets, options),
        });
        Ok(LoadedRules {
            cell,
            policy,
            people,
            catalog: OnceLock::new(),
            files,
            loaded_at,
            load_time: started.elapsed(),
            report_figures: settings.report_figures,
        })
    }

    /// The rulesets.
    pub fn rulesets(&self) -> &[RuleSet] {
        self.cell.borrow_owner()
    }

    /// Rules in all (claims and quotes).
    pub fn rule_count(&self) -> usize {
        self.rulesets()
            .iter()
            .map(|r| r.claims.len() + r.quotes.len())
            .sum()
    }

    /// The rule files with their checksums, in loading order.
    pub fn files(&self) -> &[RuleFile] {
        &self.files
    }

    /// When loading started.
    pub fn loaded_at(&self) -> SystemTime {
        self.loaded_at
    }

    /// How long loading took.
    pub fn load_time(&self) -> std::time::Duration {
        self.load_time
    }

    /// The people of every ruleset, as the quote sheet resolves speakers with them.
    pub fn people(&self) -> &[KnownPerson] {
        &self.people
    }

    /// Every rule with its statement, for the HTML rendering of findings (built on
    /// first use).
    pub fn catalog(&self) -> &RuleCatalog {
        self.catalog
            .get_or_init(|| RuleCatalog::from_rulesets(self.rulesets()))
    }

    /// Checks one draft exactly as `factcheck --format json` checks a file: the same
    /// engine, suppressions, front matter and configuration policy. `unverified`
    /// overrides the default for quotes no rule covers.
    pub fn check(
        &self,
        source: SourceFile,
        format: InputFormat,
        unverified: Option<bool>,
    ) -> Result<CheckedFile, ReviewError> {
        let checker = self.cell.borrow_dependent();
        let result = match unverified {
            Some(report_unverified) => {
                let options = CheckOptions {
                    report_unverified,
                    report_figures: self.report_figures,
                };
                checker.check_document_with(source, format, &options)
            }
            None => checker.check_document(source, format),
        };
        let mut checked = result.map_err(|e| ReviewError::InvalidDraft(e.to_string()))?;
        if let Some(policy) = &self.policy {
            policy.apply(&mut checked);
        }
        Ok(checked)
    }

    /// [`LoadedRules::check`] with the checker's own setting for quotes no rule covers,
    /// and the draft's error as it is (with its line and column), for a caller that
    /// shows it in place (the language server).
    pub fn check_document(
        &self,
        source: SourceFile,
        format: InputFormat,
    ) -> Result<CheckedFile, DocumentError> {
        let mut checked = self
            .cell
            .borrow_dependent()
            .check_document(source, format)?;
        if let Some(policy) = &self.policy {
            policy.apply(&mut checked);
        }
        Ok(checked)
    }
}

/// SHA-256 of `bytes`.
pub fn sha256_digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// `time` as RFC 3339 in UTC, to the second: `2025-01-14T09:30:00Z`.
pub fn rfc3339(time: SystemTime) -> String {
    let secs = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rfc3339_writes_utc_dates() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_736_847_000, "2025-01-14T09:30:00Z"),
            (4_107_542_399, "2100-02-28T23:59:59Z"),
        ];
        for (secs, expected) in cases {
            let time = SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(rfc3339(time), expected, "{secs}");
        }
    }

    #[test]
    fn sha256_digest_matches_a_known_digest() {
        let digest = sha256_digest(b"abc");
        assert_eq!(digest[..4], [0xba, 0x78, 0x16, 0xbf]);
        assert_eq!(digest[28..], [0xf2, 0x00, 0x15, 0xad]);
    }
}
