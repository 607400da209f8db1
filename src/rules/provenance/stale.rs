//! The cheap provenance check a draft check makes of the rules it used: only whether
//! each pinned source file still has its pinned SHA-256 — the file is hashed, never read
//! as text or verified (that is `factcheck rules verify`'s job), and only sources that a
//! rule names and that are pinned are hashed at all. A stale source changes no finding;
//! the check warns about it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::rules::RuleSet;

use super::sources::{resolve_source_path, sha256_file};

/// A pinned source file that no longer has its pinned SHA-256 (or cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleSource {
    /// The rule file that pins it.
    pub rule_file: String,
    /// The ruleset's id.
    pub ruleset: String,
    /// The source's id.
    pub source: String,
    /// The file, as found from the rule file's folder.
    pub path: String,
    /// The SHA-256 the rule file pins.
    pub pinned: String,
    /// The file's SHA-256 now; `None` when it cannot be read.
    pub actual: Option<String>,
    /// How many rules name the source.
    pub rules: usize,
}

impl StaleSource {
    /// One line saying what changed and what to run.
    pub fn message(&self) -> String {
        let what = match &self.actual {
            Some(_) => "changed since it was pinned",
            None => "cannot be read",
        };
        format!(
            "{}: source `{}` ({}) {what}, so {} rule{} pinned to it may no longer hold; \
             run `factcheck rules verify {}`, then `factcheck rules pin {}`",
            self.rule_file,
            self.source,
            self.path,
            self.rules,
            if self.rules == 1 { "" } else { "s" },
            self.rule_file,
            self.rule_file,
        )
    }
}

/// The pinned sources of `rulesets` that rules name and whose file no longer has the
/// pinned SHA-256, in order. Each file is hashed once.
pub fn stale_sources<'r>(rulesets: impl IntoIterator<Item = &'r RuleSet>) -> Vec<StaleSource> {
    let mut hashes: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for ruleset in rulesets {
        for source in &ruleset.source_files {
            let Some(pinned) = &source.sha256 else {
                continue;
            };
            let names = |s: &Option<String>| s.as_deref() == Some(source.id.as_str());
            let rules = ruleset.claims.iter().filter(|c| names(&c.source)).count()
                + ruleset.quotes.iter().filter(|q| names(&q.source)).count()
                + ruleset
                    .statements
                    .iter()
                    .filter(|s| names(&s.source))
                    .count();
            if rules == 0 {
                continue;
            }
            let path = resolve_source_path(&ruleset.path, &source.path);
            let actual = hashes
                .entry(path.clone())
                .or_insert_with(|| sha256_file(&path).ok())
                .clone();
            if actual.as_ref() == Some(pinned) {
                continue;
            }
            out.push(StaleSource {
                rule_file: ruleset.path.clone(),
                ruleset: ruleset.id.clone(),
                source: source.id.clone(),
                path: path.display().to_string(),
                pinned: pinned.clone(),
                actual,
                rules,
            });
        }
    }
    out
}
