//! JUnit XML output (`--format junit`) for CI test dashboards (GitLab merge requests,
//! Jenkins, Azure Pipelines…), written with `quick-junit`.
//!
//! One `<testsuite>` per draft, named by its path, with one `<testcase>` per rule that
//! was checked (classname: the ruleset; name: the rule id), so every verified claim and
//! quote shows as a test: passed when the draft gets it right; failed when it has
//! findings, the failure text listing each one (kind, position, message, expected and
//! found — several findings of one rule in one draft make one failed test); skipped,
//! with a message, when its only findings were silenced by an inline comment. A quote
//! that no rule covers is a failed test of its own (classname `unverified`) named after
//! its position, `unverified quote at LINE:COL`, so it cannot go unseen; silenced, it is
//! skipped. Findings of a rule the catalog does not list still get their test, after the
//! others. When figures are checked (`--figures`), each draft has one more test,
//! `figures: V of T verified` (classname `unverified-figure`), listing the figures no
//! claim covers in its output; as infos they do not fail it (one re-severed to a
//! warning or error in `[severity.kinds]` does).

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::catalog::group_by_rule;
use super::{clamp_span, one_line, Emitter, RuleCatalog};
use crate::check::{CheckedFile, Finding, FindingKind, Tally};
use crate::rules::Severity;
use crate::text::SourceFile;

/// JUnit XML, one test suite per draft and one test case per rule.
#[derive(Debug, Clone, Copy)]
pub struct JunitEmitter<'a> {
    /// The rules that were checked: each is a test case in every draft's suite.
    pub catalog: &'a RuleCatalog,
}

/// `LINE:COL` of a finding, or `-` for a missing one.
fn position(source: &SourceFile, finding: &Finding) -> String {
    match finding.span {
        Some(span) => {
            let (line, col) = source.line_col(clamp_span(&source.text, span).start);
            format!("{line}:{col}")
        }
        None => "-".to_owned(),
    }
}

/// One finding as lines of a failure text.
fn describe(source: &SourceFile, finding: &Finding) -> String {
    let place = match finding.span {
        Some(_) => format!("at {}:{}", source.path, position(source, finding)),
        None => format!("in {} (nowhere in the draft)", source.path),
    };
    let mut text = format!(
        "{} {} {place}: {}",
        finding.severity.as_str(),
        finding.kind.as_str(),
        one_line(&finding.message)
    );
    if let Some(expected) = &finding.expected {
        text.push_str(&format!("\n  expected: {}", one_line(expected)));
    }
    if let Some(found) = &finding.found {
        text.push_str(&format!("\n  found: {}", one_line(found)));
    }
    text
}

/// A test case for one rule (or one unverified quote) with its findings.
fn test_case(
    source: &SourceFile,
    classname: &str,
    name: &str,
    findings: &[&Finding],
    suppressed: &[&Finding],
) -> TestCase {
    let status = if let Some(first) = findings.first() {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let message = if findings.len() == 1 {
            format!("{}: {}", first.kind.as_str(), one_line(&first.message))
        } else {
            format!("{} findings", findings.len())
        };
        let mut kinds: Vec<&str> = findings.iter().map(|f| f.kind.as_str()).collect();
        kinds.dedup();
        let mut description: Vec<String> = findings.iter().map(|f| describe(source, f)).collect();
        description.extend(
            suppressed
                .iter()
                .map(|f| format!("suppressed: {}", describe(source, f))),
        );
        status
            .set_message(message)
            .set_type(kinds.join(","))
            .set_description(description.join("\n"));
        status
    } else if let Some(first) = suppressed.first() {
        let mut status = TestCaseStatus::skipped();
        status
            .set_message(format!(
                "suppressed by an inline comment: {}: {}",
                first.kind.as_str(),
                one_line(&first.message)
            ))
            .set_type("suppressed")
            .set_description(
                suppressed
                    .iter()
                    .map(|f| describe(source, f))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        status
    } else {
        TestCaseStatus::success()
    };
    let mut case = TestCase::new(name, status);
    case.set_classname(classname);
    case
}

impl JunitEmitter<'_> {
    /// The test suite of one draft.
    fn suite(&self, file: &CheckedFile) -> TestSuite {
        let source = &file.source;
        let mut suite = TestSuite::new(source.path.as_str());
        // Every catalogued rule, then any rule only the findings name.
        let findings = group_by_rule(&file.findings);
        let suppressed = group_by_rule(&file.suppressed);
        let rules = self
            .catalog
            .rules_reported(file.findings.iter().chain(&file.suppressed));
        for (ruleset, rule, _) in rules {
            let key = (ruleset, rule);
            suite.add_test_case(test_case(
                source,
                ruleset,
                rule,
                findings.get(&key).map_or(&[][..], Vec::as_slice),
                suppressed.get(&key).map_or(&[][..], Vec::as_slice),
            ));
        }
        // Each finding of no rule (an unverified quote, a suppression comment that
        // silences nothing) is a test of its own, named after its position.
        for (finding, suppressed) in file
            .findings
            .iter()
            .map(|f| (f, false))
            .chain(file.suppressed.iter().map(|f| (f, true)))
            .filter(|(f, _)| f.ruleset.is_none() && f.kind != FindingKind::UnverifiedFigure)
        {
            let at = position(source, finding);
            let (classname, name) = match (finding.kind, &finding.rule) {
                (FindingKind::UnusedSuppression, Some(rule)) => (
                    "suppressions",
                    format!("unused suppression of {rule} at {at}"),
                ),
                (FindingKind::UnusedSuppression, None) => {
                    ("suppressions", format!("unused suppression at {at}"))
                }
                _ => ("unverified", format!("unverified quote at {at}")),
            };
            let (findings, silenced) = if suppressed {
                (vec![], vec![finding])
            } else {
                (vec![finding], vec![])
            };
            suite.add_test_case(test_case(source, classname, &name, &findings, &silenced));
        }
        if let Some(figures) = file.coverage.figures {
            suite.add_test_case(figures_case(file, figures));
        }
        suite
    }
}

/// The test of a draft's figures (`--figures`): one test, not one per figure, named
/// after the coverage, listing the figures no claim covers. It fails only when one of
/// them has a severity above info (`[severity.kinds]`): infos never fail a run.
fn figures_case(file: &CheckedFile, figures: Tally) -> TestCase {
    let source = &file.source;
    let of_kind = |list: &[Finding]| -> Vec<String> {
        list.iter()
            .filter(|f| f.kind == FindingKind::UnverifiedFigure)
            .map(|f| describe(source, f))
            .collect()
    };
    let uncovered: Vec<&Finding> = file
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::UnverifiedFigure && f.severity > Severity::Info)
        .collect();
    let name = format!(
        "figures: {} of {} verified",
        figures.verified, figures.total
    );
    let mut case = if uncovered.is_empty() {
        let mut case = TestCase::new(name, TestCaseStatus::success());
        case.set_classname(FIGURES_CLASS);
        case
    } else {
        test_case(source, FIGURES_CLASS, &name, &uncovered, &[])
    };
    let listed: Vec<String> = of_kind(&file.findings)
        .into_iter()
        .chain(
            of_kind(&file.suppressed)
                .into_iter()
                .map(|d| format!("suppressed: {d}")),
        )
        .collect();
    if !listed.is_empty() {
        case.set_system_out(listed.join("\n"));
    }
    case
}

/// The classname of the figures test.
const FIGURES_CLASS: &str = "unverified-figure";

impl Emitter for JunitEmitter<'_> {
    fn emit(&self, out: &mut dyn Write, files: &[CheckedFile]) -> io::Result<()> {
        let mut report = Report::new("factcheck");
        report.add_test_suites(files.iter().map(|file| self.suite(file)));
        report
            .serialize(&mut *out)
            .map_err(|e| io::Error::other(e.to_string()))?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures;

    fn render(files: &[CheckedFile]) -> String {
        fixtures::rendered(
            &JunitEmitter {
                catalog: &fixtures::catalog(),
            },
            files,
        )
    }

    #[test]
    fn junit_snapshot() {
        insta::assert_snapshot!(render(&fixtures::checked_files()));
    }

    #[test]
    fn junit_has_one_test_per_rule_per_file() {
        let out = render(&fixtures::checked_files());
        let report = Report::deserialize_from_str(&out).expect("JUnit XML reads back");
        assert_eq!(report.test_suites.len(), 2);
        let council = &report.test_suites[0];
        assert_eq!(council.name.as_str(), "drafts/council.txt");
        // Eight catalogued rules, one unverified quote, one unused suppression and the
        // figures.
        assert_eq!(council.test_cases.len(), 11);
        let status = |name: &str| {
            council
                .test_cases
                .iter()
                .find(|c| c.name.as_str() == name)
                .map(|c| match &c.status {
                    TestCaseStatus::Success { .. } => "passed",
                    TestCaseStatus::NonSuccess { .. } => "failed",
                    TestCaseStatus::Skipped { .. } => "skipped",
                })
        };
        assert_eq!(status("council-vote"), Some("failed"));
        assert_eq!(status("effective-date"), Some("failed"));
        assert_eq!(status("ortega-promise"), Some("passed"));
        assert_eq!(status("vote-day"), Some("skipped"));
        assert_eq!(status("unverified quote at 7:2"), Some("failed"));
        assert_eq!(
            status("unused suppression of council-quorum at 10:37"),
            Some("failed")
        );
        assert_eq!(status("ortega-shield"), Some("failed"));
        assert_eq!(status("ortega-status"), Some("failed"));
        // An unverified figure is an info: listed, never a failure.
        assert_eq!(status("figures: 0 of 2 verified"), Some("passed"));
        let figures = council
            .test_cases
            .iter()
            .find(|c| c.classname.as_deref() == Some("unverified-figure"))
            .expect("the figures test");
        assert!(figures
            .system_out
            .as_deref()
            .is_some_and(|out| out.contains("info unverified-figure at drafts/council.txt:6:7")));
        assert_eq!(council.failures, 6 + 2);
        assert_eq!(council.skipped, 1);
        // The clean draft passes every rule, and its figures.
        let clean = &report.test_suites[1];
        assert_eq!(clean.test_cases.len(), 9);
        assert_eq!(clean.failures, 0);
    }

    #[test]
    fn several_findings_of_one_rule_make_one_failed_test() {
        let mut files = fixtures::checked_files();
        let mut second = files[0].findings[1].clone();
        second.message = "tally is 11-2, expected 13-0".to_owned();
        files[0].findings.push(second);
        let out = render(&files);
        let report = Report::deserialize_from_str(&out).expect("reads back");
        let cases: Vec<&TestCase> = report.test_suites[0]
            .test_cases
            .iter()
            .filter(|c| c.name.as_str() == "council-vote")
            .collect();
        assert_eq!(cases.len(), 1);
        match &cases[0].status {
            TestCaseStatus::NonSuccess {
                message,
                description,
                ..
            } => {
                assert_eq!(message.as_ref().map(|m| m.as_str()), Some("2 findings"));
                let text = description.as_ref().map(|d| d.as_str()).unwrap_or("");
                assert!(text.contains("12-1") && text.contains("11-2"), "{text}");
            }
            other => panic!("expected a failure, got {other:?}"),
        }
    }
}
