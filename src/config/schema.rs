//! The configuration file as written on disk: serde structs with `deny_unknown_fields` at
//! every level and [`Spanned`] values wherever a later check (a path, a glob, a rule or
//! ruleset id, an output format, a size) must point at a line and column.
//! [`super::load`] turns them into a [`super::Config`].
//!
//! These structs are also the one source of the JSON Schema in
//! `schema/config.schema.json` (see [`super::json_schema`]): their doc comments become
//! the schema's descriptions, so they are written for the people who edit the file.
//! schemars cannot see through [`Spanned`], so every `Spanned` field says what it holds
//! with `#[schemars(with = "…")]`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::rules::Severity;

/// A size written as in `--max-draft-size`: bytes, or a number with K, KB, MB or GB
/// (1 MB = 2^20 bytes).
pub(super) const SIZE_PATTERN: &str = r"^\s*[0-9]+(\.[0-9]+)?\s*([KkMmGg]([Ii]?[Bb])?|[Bb])?\s*$";

/// The configuration of factcheck for a repository of drafts (`factcheck.toml` or
/// `.factcheck.toml`, found from the current directory upward). Every key is optional;
/// a command-line flag beats the key it corresponds to. Reference: docs/cli.md,
/// section Configuration.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Config", title = "factcheck configuration")]
pub(super) struct RawConfig {
    /// Rule files or directories of them, relative to this file's directory (like
    /// `--rules`, which replaces the whole list). Default: the nearest `rules/` directory
    /// from the current directory upward.
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) rules: Option<Spanned<Vec<Spanned<String>>>>,
    /// The default output format (`--format` beats it): `text`, `json`, or any other
    /// value `--format` accepts.
    #[schemars(with = "Option<String>")]
    pub(super) format: Option<Spanned<String>>,
    /// Whether quotes that no rule covers are reported as `unverified` (default true;
    /// `--no-unverified` and `--unverified` beat it).
    pub(super) unverified: Option<bool>,
    /// Whether figures (tallies, years, dates, numbers, percentages, amounts) that no
    /// claim covers are reported as `unverified-figure` infos and counted in the coverage
    /// (default false; `--figures` and `--no-figures` beat it).
    pub(super) figures: Option<bool>,
    /// Severity overrides: per rule in `[severity.rules]`, per finding kind in
    /// `[severity.kinds]`. A rule's entry beats its kind's, which beats the rule file.
    pub(super) severity: Option<RawSeverity>,
    /// Which rulesets apply to which drafts: a draft whose path (relative to this file's
    /// directory) matches one or more entries is checked against their rulesets only; a
    /// draft that matches no entry is checked against every ruleset.
    pub(super) apply: Option<Vec<RawApply>>,
    /// Largest draft read, like `--max-draft-size` (which beats it): bytes, or a number
    /// with K, MB or GB. Default 100MB.
    #[schemars(with = "Option<String>", pattern(SIZE_PATTERN))]
    pub(super) max_draft_size: Option<Spanned<String>>,
    /// Largest rule file read, like `--max-rules-size` (which beats it). Default 20MB.
    #[schemars(with = "Option<String>", pattern(SIZE_PATTERN))]
    pub(super) max_rules_size: Option<Spanned<String>>,
}

/// Severity overrides: the severity a finding is reported with, instead of the one its
/// rule file gives. Only `error` findings fail a run (exit 1).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SeverityOverrides")]
pub(super) struct RawSeverity {
    /// Per rule: a rule id, or `ruleset/rule` when several rulesets use the id, mapped to
    /// `error`, `warning` or `info`. Applies to every finding of the rule.
    #[schemars(with = "Option<BTreeMap<String, Severity>>")]
    pub(super) rules: Option<BTreeMap<Spanned<String>, Severity>>,
    /// Per finding kind, for the findings of rules without an entry in `[severity.rules]`
    /// (and for `unverified` quotes and `unverified-figure` figures, which have no rule).
    pub(super) kinds: Option<RawKindSeverity>,
}

/// The severity of each kind of finding.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "KindSeverities")]
pub(super) struct RawKindSeverity {
    /// A required claim or quote that is nowhere in the draft.
    pub(super) missing: Option<Severity>,
    /// A different value, or a quote whose words were changed.
    pub(super) altered: Option<Severity>,
    /// A quote credited to someone other than its verified speaker.
    pub(super) misattributed: Option<Severity>,
    /// A verified quote credited to nobody.
    pub(super) unattributed: Option<Severity>,
    /// A quote that no rule covers.
    pub(super) unverified: Option<Severity>,
    /// A figure that no claim covers (reported with `--figures`).
    #[serde(rename = "unverified-figure")]
    pub(super) unverified_figure: Option<Severity>,
}

/// One `[[apply]]` entry: the rulesets that apply to the drafts matching its paths.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Apply")]
pub(super) struct RawApply {
    /// Glob patterns matched against a draft's path relative to this file's directory,
    /// with `/` separators: `*` stays within one directory, `**` crosses any number, as
    /// in `news/la/**` or `**/*.md`.
    #[schemars(with = "Vec<String>")]
    pub(super) paths: Spanned<Vec<Spanned<String>>>,
    /// Ids of the rulesets (`ruleset:` in the rule files) that apply to those drafts.
    #[schemars(with = "Vec<String>")]
    pub(super) rulesets: Spanned<Vec<Spanned<String>>>,
}
