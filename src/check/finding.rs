//! The one finding model every emitter renders.

use serde::Serialize;

use super::fix::Fix;
use crate::rules::Severity;
use crate::text::{SourceFile, Span};

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A required claim or quote is nowhere in the draft.
    Missing,
    /// The draft states a different value, or changes the words of a quote.
    Altered,
    /// The quote is credited to someone other than its verified speaker.
    Misattributed,
    /// The quote is in the draft but credited to nobody.
    Unattributed,
    /// A quote in the draft that no rule covers.
    Unverified,
    /// An inline `factcheck-ignore` comment that silences no finding (a warning).
    #[serde(rename = "unused-suppression")]
    UnusedSuppression,
    /// A figure in the draft (a tally, year, date, number, percentage or amount) that no
    /// claim covers (an info, reported with `--figures`).
    #[serde(rename = "unverified-figure")]
    UnverifiedFigure,
}

impl FindingKind {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Missing => "missing",
            FindingKind::Altered => "altered",
            FindingKind::Misattributed => "misattributed",
            FindingKind::Unattributed => "unattributed",
            FindingKind::Unverified => "unverified",
            FindingKind::UnusedSuppression => "unused-suppression",
            FindingKind::UnverifiedFigure => "unverified-figure",
        }
    }
}

/// One problem found in a draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What is wrong.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// The ruleset of the rule (`None` for unverified quotes).
    pub ruleset: Option<String>,
    /// The rule id (`None` for unverified quotes).
    pub rule: Option<String>,
    /// A sentence for a person.
    pub message: String,
    /// What the rule expects.
    pub expected: Option<String>,
    /// What the draft says instead.
    pub found: Option<String>,
    /// Where, in the original bytes (`None` for missing).
    pub span: Option<Span>,
    /// The edit that repairs it, when one is known (see [`crate::check::fix`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// A draft with its findings: what every emitter takes.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    /// The draft.
    pub source: SourceFile,
    /// Its findings in document order.
    pub findings: Vec<Finding>,
    /// Findings silenced by an inline `factcheck-ignore` comment, in document order:
    /// never counted as errors, but always reported as suppressed, never dropped.
    pub suppressed: Vec<Finding>,
    /// How much of the draft the rules back (what the check judged, against every
    /// loaded ruleset, before suppressions and ruleset filtering).
    pub coverage: Coverage,
}

impl CheckedFile {
    /// A draft with its findings and nothing suppressed.
    pub fn new(source: SourceFile, findings: Vec<Finding>) -> Self {
        CheckedFile {
            source,
            findings,
            suppressed: Vec::new(),
            coverage: Coverage::default(),
        }
    }

    /// Keeps only the findings of the given rulesets, and those of no ruleset (quotes
    /// that no rule covers): what a draft reports when only some rulesets apply to it
    /// (a configuration's `[[apply]]` entries, a draft's own list). Suppressed findings
    /// are filtered the same way.
    pub fn keep_rulesets<S: AsRef<str>>(&mut self, rulesets: &[S]) {
        let applies = |f: &Finding| {
            f.ruleset
                .as_deref()
                .is_none_or(|id| rulesets.iter().any(|r| r.as_ref() == id))
        };
        self.findings.retain(applies);
        self.suppressed.retain(applies);
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Findings silenced by inline comments (not counted above).
    pub suppressed: usize,
    /// The coverage of every file, added up.
    pub coverage: Coverage,
}

impl Summary {
    /// Counts the findings of every file.
    pub fn of(files: &[CheckedFile]) -> Self {
        let mut s = Summary {
            files: files.len(),
            suppressed: files.iter().map(|f| f.suppressed.len()).sum(),
            coverage: files.iter().map(|f| f.coverage).sum(),
            ..Summary::default()
        };
        for f in files.iter().flat_map(|f| &f.findings) {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// How many of some items of a draft (its quotes, its figures) the rules verify.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// The items that verify against a rule (and carry no finding).
    pub verified: usize,
    /// Every item the check judged.
    pub total: usize,
}

impl std::ops::Add for Tally {
    type Output = Tally;

    fn add(self, other: Tally) -> Tally {
        Tally {
            verified: self.verified + other.verified,
            total: self.total + other.total,
        }
    }
}

/// How much of a draft the rules back: `quotes` counts the quote segments judged and
/// those that verify against a quote rule with no finding; `figures` the figures judged
/// and those a claim verifies — `None` unless figures are checked (`--figures`). See
/// docs/checking.md for what is judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Quote segments.
    pub quotes: Tally,
    /// Figures (tallies, years, dates, numbers, percentages, amounts), when checked.
    pub figures: Option<Tally>,
}

impl std::ops::Add for Coverage {
    type Output = Coverage;

    fn add(self, other: Coverage) -> Coverage {
        let figures = match (self.figures, other.figures) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        Coverage {
            quotes: self.quotes + other.quotes,
            figures,
        }
    }
}

impl std::iter::Sum for Coverage {
    fn sum<I: Iterator<Item = Coverage>>(iter: I) -> Coverage {
        iter.fold(Coverage::default(), |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(ruleset: Option<&str>) -> Finding {
        Finding {
            kind: FindingKind::Missing,
            severity: Severity::Error,
            ruleset: ruleset.map(str::to_string),
            rule: ruleset.map(|_| "r".to_string()),
            message: String::new(),
            expected: None,
            found: None,
            span: None,
            fix: None,
        }
    }

    #[test]
    fn keep_rulesets_keeps_the_named_rulesets_and_rule_free_findings() {
        let all = [Some("la"), Some("ny"), None, Some("la-extra")];
        let cases: &[(&[&str], &[Option<&str>])] = &[
            (&["la"], &[Some("la"), None]),
            (&["la", "la-extra"], &[Some("la"), None, Some("la-extra")]),
            (&[], &[None]),
            (&["elsewhere"], &[None]),
        ];
        for (keep, expected) in cases {
            let mut file = CheckedFile::new(
                SourceFile::new("d.txt", "x"),
                all.iter().map(|r| finding(*r)).collect(),
            );
            file.suppressed = all.iter().map(|r| finding(*r)).collect();
            file.keep_rulesets(keep);
            let kept: Vec<Option<&str>> =
                file.findings.iter().map(|f| f.ruleset.as_deref()).collect();
            let kept_suppressed: Vec<Option<&str>> = file
                .suppressed
                .iter()
                .map(|f| f.ruleset.as_deref())
                .collect();
            assert_eq!(kept, *expected, "{keep:?}");
            assert_eq!(kept_suppressed, *expected, "{keep:?} (suppressed)");
        }
    }
}
