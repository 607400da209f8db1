//! The configuration file, `factcheck.toml` (or `.factcheck.toml`): finding it from a
//! directory upward, reading it with `file:line:col` errors, and what it decides about
//! findings — which rulesets apply to which drafts and the severity overrides
//! ([`FindingPolicy`]). The command line merges it with its flags (a flag beats the
//! file); nothing here prints.

mod json_schema;
mod load;
mod schema;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use globset::GlobSet;

use crate::check::{CheckedFile, Finding, FindingKind};
use crate::rules::{find_rule, LookupError, RuleSet, Severity};

pub use json_schema::{config_schema, config_schema_json, CONFIG_SCHEMA_PATH};
pub use load::{load_config, parse_config, MAX_CONFIG_SIZE};

/// The names of a configuration file. Both may not be in one directory.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["factcheck.toml", ".factcheck.toml"];

/// Why a configuration file cannot be used. Every error in the file's content names its
/// line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// Something in the file is wrong: TOML syntax, an unknown key, a value of the wrong
    /// type, a bad glob, an unknown rule, ruleset, kind or format.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The configuration file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// What is wrong, and how to fix it where that is clear.
        message: String,
    },
    /// The file cannot be read at all.
    #[error("{path}: {message}")]
    Unreadable {
        /// The configuration file.
        path: String,
        /// Why.
        message: String,
    },
    /// One directory holds both `factcheck.toml` and `.factcheck.toml`.
    #[error(
        "two configuration files in one directory: {} and {}; keep one (or name one with --config)",
        first.display(),
        second.display()
    )]
    TwoFiles {
        /// `factcheck.toml`.
        first: PathBuf,
        /// `.factcheck.toml`.
        second: PathBuf,
    },
}

/// The configuration file that applies from `start`: the first directory from `start`
/// upward (up to the filesystem root) that holds `factcheck.toml` or `.factcheck.toml`.
/// The path is relative to `start` (`factcheck.toml`, `../../factcheck.toml`) when
/// `start` is absolute, so that messages stay short. Both names in one directory is an
/// error.
pub fn discover_config(start: &Path) -> Result<Option<PathBuf>, ConfigError> {
    for (level, dir) in start.ancestors().enumerate() {
        let found: Vec<&str> = CONFIG_FILE_NAMES
            .iter()
            .copied()
            .filter(|name| dir.join(name).is_file())
            .collect();
        let shown = |name: &str| {
            let mut path: PathBuf = std::iter::repeat_n("..", level).collect();
            path.push(name);
            path
        };
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(Some(shown(one))),
            [first, second, ..] => {
                return Err(ConfigError::TwoFiles {
                    first: shown(first),
                    second: shown(second),
                })
            }
        }
    }
    Ok(None)
}

/// A value of the configuration file with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
}

/// What to do when the configuration names a rule or ruleset that is not loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownIds {
    /// An error: the rules are the configuration's own (its `rules`, or the default
    /// `rules/` directory), so an unknown id is a mistake in the file.
    Error,
    /// Skip the entry: `--rules` replaced the configuration's rules with others, which
    /// need not have every rule the configuration names.
    Skip,
}

/// A loaded configuration file. Rule paths are already resolved against the file's
/// directory; what depends on the rules (rule and ruleset ids) is checked by
/// [`Config::policy`] once they are loaded.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file, as it was named or found (shown in messages).
    pub path: PathBuf,
    /// Its directory, the base of the relative paths in it (empty: the current
    /// directory).
    pub dir: PathBuf,
    /// `rules`: rule files or directories, joined to [`Config::dir`], with where each is
    /// written.
    pub rules: Option<Vec<Located<PathBuf>>>,
    /// `unverified`: whether quotes that no rule covers are reported.
    pub report_unverified: Option<bool>,
    /// `figures`: whether figures that no claim covers are reported.
    pub report_figures: Option<bool>,
    /// `max-draft-size`, in bytes.
    pub max_draft_size: Option<u64>,
    /// `max-rules-size`, in bytes.
    pub max_rules_size: Option<u64>,
    format: Option<Located<String>>,
    rule_severities: Vec<(Located<String>, Severity)>,
    kind_severities: Vec<(FindingKind, Severity)>,
    apply: Vec<ApplyEntry>,
}

/// One `[[apply]]` entry, its globs compiled.
#[derive(Debug, Clone)]
struct ApplyEntry {
    paths: GlobSet,
    rulesets: Vec<Located<String>>,
}

impl Config {
    /// True when the configuration names rules or rulesets (`[severity.rules]`,
    /// `[[apply]]`): its policy then needs every rule to check the names against.
    pub fn names_rules(&self) -> bool {
        !self.rule_severities.is_empty() || !self.apply.is_empty()
    }

    /// An error at a place in this file.
    fn error_at<T>(&self, at: &Located<T>, message: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.display().to_string(),
            line: at.line,
            column: at.column,
            message: message.into(),
        }
    }

    /// The `rules` paths (see [`Config::rules`]), each checked to exist: a path that does
    /// not is reported where the file names it.
    pub fn rule_paths(&self) -> Result<Option<Vec<PathBuf>>, ConfigError> {
        let Some(rules) = &self.rules else {
            return Ok(None);
        };
        for path in rules {
            if !path.value.exists() {
                return Err(self.error_at(
                    path,
                    format!(
                        "{}: no such file or directory (rule paths are relative to the \
                         configuration file's directory)",
                        path.value.display()
                    ),
                ));
            }
        }
        Ok(Some(rules.iter().map(|p| p.value.clone()).collect()))
    }

    /// `format`, checked against the formats the command line knows (`known`, the values
    /// `--format` accepts).
    pub fn format(&self, known: &[&str]) -> Result<Option<&str>, ConfigError> {
        let Some(format) = &self.format else {
            return Ok(None);
        };
        if known.contains(&format.value.as_str()) {
            return Ok(Some(&format.value));
        }
        let list = known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut message = format!("unknown format `{}`, expected one of {list}", format.value);
        message.push_str(&did_you_mean(&format.value, known.iter().copied()));
        Err(self.error_at(format, message))
    }

    /// What the configuration decides about the findings of `rulesets`: severity
    /// overrides and the rulesets that apply to each draft. Rule ids and ruleset ids are
    /// checked against `rulesets` (see [`UnknownIds`]); draft paths are taken relative to
    /// `cwd`, the directory the drafts were named from.
    pub fn policy(
        &self,
        rulesets: &[RuleSet],
        unknown: UnknownIds,
        cwd: &Path,
    ) -> Result<FindingPolicy, ConfigError> {
        let mut rule_severities = HashMap::new();
        for (name, severity) in &self.rule_severities {
            match find_rule(rulesets, &name.value) {
                Ok(rule) => {
                    rule_severities.insert(
                        (rule.ruleset().id.clone(), rule.id().to_string()),
                        *severity,
                    );
                }
                Err(LookupError::Unknown { .. }) if unknown == UnknownIds::Skip => {}
                Err(e) => return Err(self.error_at(name, format!("[severity.rules]: {e}"))),
            }
        }
        let mut apply = Vec::new();
        for entry in &self.apply {
            let mut names = Vec::new();
            for name in &entry.rulesets {
                if rulesets.iter().any(|r| r.id == name.value) {
                    names.push(name.value.clone());
                } else if unknown == UnknownIds::Error {
                    let mut message = format!("unknown ruleset `{}`", name.value);
                    message.push_str(&did_you_mean(
                        &name.value,
                        rulesets.iter().map(|r| r.id.as_str()),
                    ));
                    return Err(self.error_at(name, message));
                }
            }
            apply.push((entry.paths.clone(), names));
        }
        let absolute = |path: &Path| {
            let joined = cwd.join(path);
            joined
                .canonicalize()
                .unwrap_or_else(|_| lexically_normal(&joined))
        };
        Ok(FindingPolicy {
            config_path: self.path.clone(),
            rule_severities,
            kind_severities: self.kind_severities.iter().copied().collect(),
            apply,
            base: absolute(&self.dir),
            cwd: cwd.to_path_buf(),
        })
    }
}

/// What a configuration decides about findings: which rulesets apply to a draft, and the
/// severity each finding is reported with.
#[derive(Debug, Clone)]
pub struct FindingPolicy {
    /// The configuration file it comes from, as named or found.
    config_path: PathBuf,
    /// (ruleset id, rule id) → severity.
    rule_severities: HashMap<(String, String), Severity>,
    kind_severities: HashMap<FindingKind, Severity>,
    /// The `[[apply]]` entries: globs and the ruleset ids they apply.
    apply: Vec<(GlobSet, Vec<String>)>,
    /// The configuration's directory, absolute.
    base: PathBuf,
    /// The directory relative draft paths start from, absolute.
    cwd: PathBuf,
}

impl FindingPolicy {
    /// The configuration file the policy comes from, as it was named or found.
    pub fn config_path(&self) -> &Path {
        &self.config_path
    }

    /// The `[severity.rules]` entry of a rule, if it has one.
    pub fn rule_severity(&self, ruleset: &str, rule: &str) -> Option<Severity> {
        self.rule_severities
            .get(&(ruleset.to_string(), rule.to_string()))
            .copied()
    }

    /// The `[severity.kinds]` entries, in the order of [`FindingKind`].
    pub fn kind_severities(&self) -> Vec<(FindingKind, Severity)> {
        let mut kinds: Vec<(FindingKind, Severity)> =
            self.kind_severities.iter().map(|(k, s)| (*k, *s)).collect();
        kinds.sort_unstable();
        kinds
    }

    /// The draft's path as `[[apply]]` globs see it: relative to the configuration's
    /// directory, with `/` separators; `None` for standard input (`-`) and for drafts
    /// outside that directory.
    pub fn draft_key(&self, draft: &str) -> Option<String> {
        if draft == "-" {
            return None;
        }
        let joined = self.cwd.join(draft);
        let absolute = joined
            .canonicalize()
            .unwrap_or_else(|_| lexically_normal(&joined));
        let relative = absolute.strip_prefix(&self.base).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }

    /// The rulesets that apply to the draft at `draft` (a path as the user wrote it):
    /// those of every `[[apply]]` entry whose globs match it, or `None` — every ruleset —
    /// when no entry matches.
    pub fn rulesets_for(&self, draft: &str) -> Option<Vec<&str>> {
        let key = self.draft_key(draft)?;
        let mut names: Vec<&str> = Vec::new();
        let mut matched = false;
        for (globs, rulesets) in &self.apply {
            if globs.is_match(&key) {
                matched = true;
                for name in rulesets {
                    if !names.contains(&name.as_str()) {
                        names.push(name);
                    }
                }
            }
        }
        matched.then_some(names)
    }

    /// The severity `finding` is reported with: its rule's `[severity.rules]` entry, else
    /// its kind's `[severity.kinds]` entry, else the severity it has.
    pub fn severity_of(&self, finding: &Finding) -> Severity {
        let by_rule = match (&finding.ruleset, &finding.rule) {
            (Some(ruleset), Some(rule)) => self.rule_severity(ruleset, rule),
            _ => None,
        };
        by_rule
            .or_else(|| self.kind_severities.get(&finding.kind).copied())
            .unwrap_or(finding.severity)
    }

    /// Applies the policy to a checked draft: keeps the findings of the rulesets that
    /// apply to it (see [`CheckedFile::keep_rulesets`]), then sets each finding's
    /// severity (suppressed findings included).
    pub fn apply(&self, file: &mut CheckedFile) {
        if let Some(names) = self.rulesets_for(&file.source.path) {
            file.keep_rulesets(&names);
        }
        for finding in file.findings.iter_mut().chain(file.suppressed.iter_mut()) {
            finding.severity = self.severity_of(finding);
        }
    }
}

/// `path` with `.` dropped and `..` folded into its parent, without touching the disk.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `; did you mean `x`?` for the candidate closest to `found`, if one is close.
fn did_you_mean<'a>(found: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let lowered = found.to_lowercase();
    candidates
        .map(|c| (c, strsim::jaro_winkler(&lowered, &c.to_lowercase())))
        .filter(|(_, score)| *score >= 0.8)
        .fold(None::<(&str, f64)>, |best, (c, score)| match best {
            Some((_, b)) if b >= score => best,
            _ => Some((c, score)),
        })
        .map(|(c, _)| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_rule_file;
    use crate::text::SourceFile;

    fn rulesets() -> Vec<RuleSet> {
        let la = "ruleset: la\npeople: [{ name: Ann Lee }]\nclaims:\n  - id: council-vote\n    statement: s\n    context: [vote]\n    value: { tally: 13-0 }\nquotes:\n  - id: shared\n    speaker: ann-lee\n    text: one two three four\n";
        let ny = "ruleset: ny\npeople: [{ name: Ann Lee }]\nquotes:\n  - id: shared\n    speaker: ann-lee\n    text: five six seven eight\n";
        vec![
            load_rule_file("la.yaml", la).expect("la loads"),
            load_rule_file("ny.yaml", ny).expect("ny loads"),
        ]
    }

    fn config(text: &str) -> Config {
        parse_config(Path::new("/repo/factcheck.toml"), text).expect("the configuration loads")
    }

    fn finding(kind: FindingKind, ruleset: Option<&str>, rule: Option<&str>) -> Finding {
        Finding {
            kind,
            severity: Severity::Error,
            ruleset: ruleset.map(str::to_string),
            rule: rule.map(str::to_string),
            message: String::new(),
            expected: None,
            found: None,
            span: None,
            fix: None,
        }
    }

    #[test]
    fn discovery_walks_up_and_refuses_two_files() {
        let root = tempfile::tempdir().expect("tempdir");
        let deep = root.path().join("a/b/c");
        std::fs::create_dir_all(&deep).expect("dirs");
        assert_eq!(discover_config(&deep), Ok(None));
        std::fs::write(root.path().join("a/.factcheck.toml"), "").expect("write");
        assert_eq!(
            discover_config(&deep),
            Ok(Some(PathBuf::from("../../.factcheck.toml")))
        );
        std::fs::write(root.path().join("a/b/factcheck.toml"), "").expect("write");
        assert_eq!(
            discover_config(&deep),
            Ok(Some(PathBuf::from("../factcheck.toml")))
        );
        std::fs::write(root.path().join("a/b/.factcheck.toml"), "").expect("write");
        let error = discover_config(&deep).expect_err("two files in a/b");
        assert_eq!(
            error.to_string(),
            "two configuration files in one directory: ../factcheck.toml and \
             ../.factcheck.toml; keep one (or name one with --config)"
        );
        // A directory named like the file is not a configuration file.
        std::fs::create_dir_all(deep.join("factcheck.toml")).expect("dir");
        assert!(discover_config(&deep).is_err());
    }

    #[test]
    fn severity_rule_beats_kind_beats_rule_file() {
        let policy = config(
            "[severity.rules]\n\"la/shared\" = \"info\"\ncouncil-vote = \"warning\"\n\
             [severity.kinds]\naltered = \"info\"\nunverified = \"error\"\n",
        )
        .policy(&rulesets(), UnknownIds::Error, Path::new("/repo"))
        .expect("ids resolve");
        let cases = [
            // (kind, ruleset, rule, severity reported)
            (
                FindingKind::Altered,
                Some("la"),
                Some("council-vote"),
                Severity::Warning,
            ),
            (
                FindingKind::Missing,
                Some("la"),
                Some("council-vote"),
                Severity::Warning,
            ),
            (
                FindingKind::Altered,
                Some("la"),
                Some("shared"),
                Severity::Info,
            ),
            (
                FindingKind::Altered,
                Some("ny"),
                Some("shared"),
                Severity::Info,
            ),
            (
                FindingKind::Missing,
                Some("ny"),
                Some("shared"),
                Severity::Error,
            ),
            (FindingKind::Unverified, None, None, Severity::Error),
        ];
        for (kind, ruleset, rule, expected) in cases {
            let f = finding(kind, ruleset, rule);
            assert_eq!(
                policy.severity_of(&f),
                expected,
                "{kind:?} {ruleset:?}/{rule:?}"
            );
        }
    }

    #[test]
    fn unknown_ids_are_errors_with_their_position_unless_skipped() {
        let cases: &[(&str, &str)] = &[
            (
                "[severity.rules]\ncouncil-vot = \"info\"\n",
                "/repo/factcheck.toml:2:1: [severity.rules]: unknown rule `council-vot`; did \
                 you mean `council-vote`?",
            ),
            (
                "[severity.rules]\nshared = \"info\"\n",
                "/repo/factcheck.toml:2:1: [severity.rules]: rule `shared` is defined in \
                 several rulesets: la/shared (la.yaml:9:9), ny/shared (ny.yaml:4:9); name one as \
                 `ruleset/rule`",
            ),
            (
                "[[apply]]\npaths = [\"**\"]\nrulesets = [\"la\", \"nyy\"]\n",
                "/repo/factcheck.toml:3:19: unknown ruleset `nyy`; did you mean `ny`?",
            ),
        ];
        for (text, expected) in cases {
            let error = config(text)
                .policy(&rulesets(), UnknownIds::Error, Path::new("/repo"))
                .map(|_| ())
                .expect_err(text);
            assert_eq!(error.to_string(), *expected);
        }
        // With other rules (`--rules`), unknown names are skipped; ambiguity is not.
        assert!(config(cases[0].0)
            .policy(&rulesets(), UnknownIds::Skip, Path::new("/repo"))
            .is_ok());
        assert!(config(cases[2].0)
            .policy(&rulesets(), UnknownIds::Skip, Path::new("/repo"))
            .is_ok());
        assert!(config(cases[1].0)
            .policy(&rulesets(), UnknownIds::Skip, Path::new("/repo"))
            .is_err());
    }

    #[test]
    fn apply_entries_select_rulesets_by_path_relative_to_the_config() {
        let policy = config(
            "[[apply]]\npaths = [\"news/la/**\"]\nrulesets = [\"la\"]\n\
             [[apply]]\npaths = [\"news/*.md\", \"news/la/joint/**\"]\nrulesets = [\"ny\"]\n",
        )
        .policy(&rulesets(), UnknownIds::Error, Path::new("/repo/news"))
        .expect("ids resolve");
        // Draft paths as written from /repo/news.
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("la/story.txt", Some(&["la"])),
            ("la/2025/jan/story.txt", Some(&["la"])),
            ("./la/../la/story.txt", Some(&["la"])),
            ("/repo/news/la/story.txt", Some(&["la"])),
            ("la/joint/story.txt", Some(&["la", "ny"])),
            ("brief.md", Some(&["ny"])),
            // `*` stays within one directory.
            ("sub/brief.md", None),
            ("ny/story.txt", None),
            ("../story.txt", None),
            ("/elsewhere/news/la/story.txt", None),
            ("-", None),
        ];
        for (draft, expected) in cases {
            let expected = expected.map(|names| names.to_vec());
            assert_eq!(policy.rulesets_for(draft), expected, "{draft}");
        }
    }

    #[test]
    fn policy_filters_and_rewrites_a_checked_draft() {
        let policy = config(
            "[severity.kinds]\nunverified = \"info\"\n\
             [[apply]]\npaths = [\"la/**\"]\nrulesets = [\"la\"]\n",
        )
        .policy(&rulesets(), UnknownIds::Error, Path::new("/repo"))
        .expect("ids resolve");
        let mut file = CheckedFile::new(
            SourceFile::new("la/story.txt", "text"),
            vec![
                finding(FindingKind::Missing, Some("la"), Some("council-vote")),
                finding(FindingKind::Missing, Some("ny"), Some("shared")),
                finding(FindingKind::Unverified, None, None),
            ],
        );
        file.suppressed = vec![finding(FindingKind::Altered, Some("ny"), Some("shared"))];
        policy.apply(&mut file);
        let shown: Vec<(Option<&str>, Severity)> = file
            .findings
            .iter()
            .map(|f| (f.ruleset.as_deref(), f.severity))
            .collect();
        assert_eq!(
            shown,
            [(Some("la"), Severity::Error), (None, Severity::Info)]
        );
        assert!(file.suppressed.is_empty());
    }

    #[test]
    fn unknown_format_lists_the_known_ones() {
        let config = config("format = \"xml\"\n");
        assert_eq!(
            config.format(&["text", "json"]).map_err(|e| e.to_string()),
            Err(
                "/repo/factcheck.toml:1:10: unknown format `xml`, expected one of `text`, `json`"
                    .to_string()
            )
        );
    }

    #[test]
    fn lexical_normalisation() {
        for (path, expected) in [
            ("/a/./b/../c", "/a/c"),
            ("a/b/../../..", ".."),
            ("/a/b/", "/a/b"),
        ] {
            assert_eq!(lexically_normal(Path::new(path)), PathBuf::from(expected));
        }
    }
}
