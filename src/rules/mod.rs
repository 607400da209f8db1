//! Rule files: the YAML schema (one ruleset per file), loading with file:line:col errors,
//! and validation (unique ids, known speakers, parsable values, non-empty quotes); the
//! JSON Schema of rule files; and the tools for rule authors: running each rule's
//! examples, lints for weak rules, and looking a rule up by id; rules pinned to their
//! primary sources ([`provenance`]). Nothing here prints.

mod cache;
mod examples;
mod json_schema;
mod lint;
mod load;
mod lookup;
pub mod provenance;
mod schema;
mod validate;

pub use cache::{
    load_bank_cached, load_rules_cached, load_rules_cached_with, CacheOutcome, CachedRuleSets,
    RuleSetsView, RuleSource, RulesCache, CACHE_MIN_BYTES,
};
pub use examples::{run_examples, ExampleResult};
#[cfg(test)]
pub(crate) use json_schema::object_schemas;
pub(crate) use json_schema::unwrap_descriptions;
pub use json_schema::{rule_file_schema, rule_file_schema_json};
pub use lint::{lint, Lint, LintEntry, LintKind};
pub(crate) use load::rule_files;
pub use load::{
    discover_rules_dir, load_rule_file, load_rules, load_rules_with_limit, RuleError,
    DEFAULT_MAX_RULES_SIZE,
};
pub use lookup::{find_rule, LookupError, RuleRef};

use crate::extract::{Value, ValueKind};

/// How much a finding matters; decides the exit code (only `error` fails a run).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational; never fails a run.
    Info,
    /// Worth a look; never fails a run.
    Warning,
    /// Fails the run (exit 1).
    #[default]
    Error,
}

impl Severity {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based position in a rule file, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct RulePosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One loaded and validated rule file (serialisable, for the compiled rules cache).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RuleSet {
    /// Unique id of the ruleset.
    pub id: String,
    /// What the article is about.
    pub description: Option<String>,
    /// Where the facts were verified, one line per `sources:` entry: the free text as
    /// written, or for a source file its title, else its URL, else its path.
    pub sources: Vec<String>,
    /// The `sources:` entries that are source files (mappings), in file order: what
    /// rules are pinned to with `source:` (see [`provenance`]).
    pub source_files: Vec<PrimarySource>,
    /// The people quoted or named.
    pub people: Vec<Person>,
    /// Claims the draft must state correctly.
    pub claims: Vec<ClaimRule>,
    /// Direct quotes the draft must reproduce verbatim, credited to their speaker.
    pub quotes: Vec<QuoteRule>,
    /// Reported speech the draft must credit to its speaker, with the same polarity.
    pub statements: Vec<StatementRule>,
    /// The file it was loaded from.
    pub path: String,
}

/// The pronouns a draft uses for a person (`she`, `he`, `they`), or `it` for an
/// organisation: whom a pronoun in a draft may refer to.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Pronouns {
    /// she / her.
    She,
    /// he / him.
    He,
    /// they / them (one person or several).
    They,
    /// it: an organisation, a publication or a document.
    It,
}

/// A person who may be quoted or named.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    /// Unique id within the ruleset.
    pub id: String,
    /// Full name as written in prose.
    pub name: String,
    /// Title or role, such as `Councilmember`.
    pub title: Option<String>,
    /// Other ways the draft may name the person; always includes the last name.
    pub aliases: Vec<String>,
    /// The pronouns a draft uses for them, when given.
    pub pronouns: Option<Pronouns>,
    /// Where the person's entry starts in its file.
    pub position: RulePosition,
}

/// A context term: alternatives, any of which locates the claim (`"vote|ballot"`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ContextTerm {
    /// The alternatives, as written.
    pub alternatives: Vec<String>,
}

/// A claim the draft must get right.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClaimRule {
    /// Unique id within the ruleset.
    pub id: String,
    /// The claim in words, shown in reports.
    pub statement: String,
    /// Terms that locate the claim: a sentence must contain all of them.
    pub context: Vec<ContextTerm>,
    /// The kind of value.
    pub kind: ValueKind,
    /// The expected value, parsed.
    pub value: Value,
    /// The expected value as written in the rule file.
    pub expected: String,
    /// When false, checked only where the draft mentions it (never `missing`).
    pub required: bool,
    /// Severity of its findings.
    pub severity: Severity,
    /// Where the rule starts in its file.
    pub position: RulePosition,
    /// Example texts and what the rule must make of them, in file order.
    pub examples: Vec<RuleExample>,
    /// The `id` of the source file that states the claim (in [`RuleSet::source_files`]).
    pub source: Option<String>,
}

/// A direct quote the draft must reproduce verbatim, credited to its speaker.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QuoteRule {
    /// Unique id within the ruleset.
    pub id: String,
    /// Index into [`RuleSet::people`] of the speaker.
    pub speaker: usize,
    /// The verified words.
    pub text: String,
    /// When false, never `missing`.
    pub required: bool,
    /// Severity of its findings (an unattributed quote is at most a warning).
    pub severity: Severity,
    /// Where the rule starts in its file.
    pub position: RulePosition,
    /// Example texts and what the rule must make of them, in file order.
    pub examples: Vec<RuleExample>,
    /// The `id` of the source file where the speaker says the words (in
    /// [`RuleSet::source_files`]).
    pub source: Option<String>,
}

/// A source file that rules are pinned to: a `sources:` entry written as a mapping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PrimarySource {
    /// Unique id among the ruleset's sources.
    pub id: String,
    /// The path as written, relative to the rule file.
    pub path: String,
    /// The pinned SHA-256 (64 lower-case hex digits), when pinned.
    pub sha256: Option<String>,
    /// Where people can find the source.
    pub url: Option<String>,
    /// What the source is.
    pub title: Option<String>,
    /// Where the entry starts in the rule file.
    pub position: RulePosition,
    /// Where the `sha256` value is written, when it is.
    pub sha256_position: Option<RulePosition>,
}

/// Something a person said, which a draft may report in its own words (`X said that …`):
/// located by its context terms, it must be credited to its speaker and keep its
/// polarity.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StatementRule {
    /// Unique within the ruleset.
    pub id: String,
    /// Index into [`RuleSet::people`] of the speaker.
    pub speaker: usize,
    /// What was said, plainly (shown in reports; its negations are compared).
    pub statement: String,
    /// Terms that locate the statement: a sentence must contain all of them (never
    /// empty).
    pub context: Vec<ContextTerm>,
    /// When false, never `missing`.
    pub required: bool,
    /// Severity of its findings (an unattributed statement is at most a warning).
    pub severity: Severity,
    /// Where the rule starts in its file.
    pub position: RulePosition,
    /// Example texts and what the rule must make of them, in file order.
    pub examples: Vec<RuleExample>,
    /// The `id` of the source file where the speaker says it (in
    /// [`RuleSet::source_files`]).
    pub source: Option<String>,
}

/// The finding a `fail` example must produce: the kinds a rule can report
/// (`unverified` is reported for quotes that no rule covers, never by a rule).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// The rule's claim, quote or statement is nowhere in the text (required rules
    /// only).
    Missing,
    /// The text states a different value, changes the words of the quote, or reverses
    /// the statement.
    Altered,
    /// The quote or statement is credited to someone other than its speaker (quotes and
    /// statements only).
    Misattributed,
    /// The quote or statement is credited to nobody (quotes and statements only).
    Unattributed,
}

impl ExampleKind {
    /// The lower-case name used in rule files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            ExampleKind::Missing => "missing",
            ExampleKind::Altered => "altered",
            ExampleKind::Misattributed => "misattributed",
            ExampleKind::Unattributed => "unattributed",
        }
    }
}

/// What an example expects of its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ExampleOutcome {
    /// Checked alone against the rule, the text gets no finding for it.
    Pass,
    /// Checked alone against the rule, the text gets a finding of this kind for it.
    Fail(ExampleKind),
}

/// An example text of a claim, quote or statement rule (`examples:` in the rule file).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RuleExample {
    /// The text to check, as written.
    pub text: String,
    /// What the rule must make of it.
    pub outcome: ExampleOutcome,
    /// Where the text is written in the rule file.
    pub position: RulePosition,
}

/// The key that names a value kind in rule files (`tally`, `year`, …, `percent`, `money`).
pub fn value_kind_key(kind: ValueKind) -> &'static str {
    validate::VALUE_KINDS
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("value", |(name, _)| name)
}

impl RuleSet {
    /// The person a quote rule names as its speaker.
    pub fn speaker_of(&self, quote: &QuoteRule) -> &Person {
        &self.people[quote.speaker]
    }

    /// The person a statement rule names as its speaker.
    pub fn speaker_of_statement(&self, statement: &StatementRule) -> &Person {
        &self.people[statement.speaker]
    }

    /// The source file with this id.
    pub fn source_file(&self, id: &str) -> Option<&PrimarySource> {
        self.source_files.iter().find(|s| s.id == id)
    }
}
