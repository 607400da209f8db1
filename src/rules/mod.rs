//! Rule files: the YAML schema (one ruleset per file), loading with file:line:col errors,
//! and validation (unique ids, known speakers, parsable values, non-empty quotes).

mod load;
mod schema;
mod validate;

pub use load::{discover_rules_dir, load_rule_file, load_rules, RuleError};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RulePosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One loaded and validated rule file.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Unique id of the ruleset.
    pub id: String,
    /// What the article is about.
    pub description: Option<String>,
    /// Where the facts were verified (free text or URLs).
    pub sources: Vec<String>,
    /// The people quoted or named.
    pub people: Vec<Person>,
    /// Claims the draft must state correctly.
    pub claims: Vec<ClaimRule>,
    /// Direct quotes the draft must reproduce verbatim, credited to their speaker.
    pub quotes: Vec<QuoteRule>,
    /// The file it was loaded from.
    pub path: String,
}

/// A person who may be quoted or named.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Unique id within the ruleset.
    pub id: String,
    /// Full name as written in prose.
    pub name: String,
    /// Title or role, such as `Councilmember`.
    pub title: Option<String>,
    /// Other ways the draft may name the person; always includes the last name.
    pub aliases: Vec<String>,
}

/// A context term: alternatives, any of which locates the claim (`"vote|ballot"`).
#[derive(Debug, Clone, PartialEq)]
pub struct ContextTerm {
    /// The alternatives, as written.
    pub alternatives: Vec<String>,
}

/// A claim the draft must get right.
#[derive(Debug, Clone, PartialEq)]
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
}

/// A direct quote the draft must reproduce verbatim, credited to its speaker.
#[derive(Debug, Clone, PartialEq)]
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
}

impl RuleSet {
    /// The person a quote rule names as its speaker.
    pub fn speaker_of(&self, quote: &QuoteRule) -> &Person {
        &self.people[quote.speaker]
    }
}
