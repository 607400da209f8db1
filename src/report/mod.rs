//! Output: one [`Emitter`] per format over the same [`CheckedFile`]s, the quote sheet
//! of `factcheck quotes`, the unified diff of `factcheck fix`, and the provenance report
//! of `factcheck rules verify`.

mod catalog;
mod diff;
mod excerpt;
#[cfg(test)]
pub(crate) mod fixtures;
mod github;
mod html;
mod json;
mod junit;
mod provenance;
mod sarif;
mod text;

pub use catalog::{RuleCatalog, RuleEntry, RuleKind};
pub use diff::unified_diff;
pub use github::{escape_data, escape_property, GithubEmitter};
pub use html::{HtmlEmitter, REPORT_STYLE};
pub use json::{JsonEmitter, QuotesJson, JSON_VERSION};
pub use junit::JunitEmitter;
pub use provenance::{verify_json, verify_sarif, VerifyText, VERIFY_JSON_VERSION};
pub use sarif::{SarifEmitter, SARIF_SCHEMA_URI};
pub use text::{QuotesText, TextEmitter};

use std::io::{self, Write};
use std::ops::Range;

use crate::check::{speech_of_document, CheckedFile, Coverage, DocumentError, Summary};
use crate::extract::{KnownPerson, Quote, Reported};
use crate::text::{InputFormat, SourceFile, Span};

/// Renders the findings of a run in one output format.
pub trait Emitter {
    /// Writes every file's findings, then the run summary.
    fn emit(&self, out: &mut dyn Write, files: &[CheckedFile]) -> io::Result<()>;
}

/// A draft with the quotes found in it: what `factcheck quotes` renders.
#[derive(Debug, Clone)]
pub struct QuoteSheet {
    /// The draft.
    pub source: SourceFile,
    /// Its quotes in document order.
    pub quotes: Vec<Quote>,
    /// Its reported speech in document order (empty unless asked for).
    pub reported: Vec<Reported>,
}

impl QuoteSheet {
    /// The sheet of a draft written as `format`: its direct quotes and, when
    /// `with_reported`, its reported speech, speakers resolved to `people` where the
    /// draft names them by last name, alias or title. Every span is in the bytes of
    /// `source` as written.
    pub fn of_document(
        source: SourceFile,
        format: InputFormat,
        people: &[KnownPerson],
        with_reported: bool,
    ) -> Result<Self, DocumentError> {
        let (quotes, reported) = speech_of_document(&source, format, people, with_reported)?;
        Ok(QuoteSheet {
            source,
            quotes,
            reported,
        })
    }
}

/// Renders quote sheets in one output format.
pub trait QuoteEmitter {
    /// Writes every file's quotes.
    fn emit(&self, out: &mut dyn Write, sheets: &[QuoteSheet]) -> io::Result<()>;
}

/// The process exit code a run with these totals should end with: `1` when any finding
/// is an error, `0` otherwise (warnings and infos never fail a run).
pub fn exit_code(summary: &Summary) -> u8 {
    u8::from(summary.errors > 0)
}

/// The one-line run summary the text output ends with, such as
/// `2 files checked: 3 errors, 1 warning` or `no problems found in 1 file`, followed by
/// the coverage when there is some to show (`; quotes 9/10 verified, figures 14/17`,
/// see [`coverage_text`]).
///
/// Errors and warnings are always counted; infos only when there are some; findings
/// silenced by inline comments as `(N suppressed)` when there are some.
pub fn summary_line(summary: &Summary) -> String {
    let line = counts_line(summary);
    match coverage_text(&summary.coverage) {
        Some(coverage) => format!("{line}; {coverage}"),
        None => line,
    }
}

/// The coverage as the summary line shows it: `quotes 9/10 verified, figures 14/17`
/// (verified / judged); the figures only when they were checked (`--figures`). `None`
/// when there is nothing to show: no quote judged and figures not checked.
pub fn coverage_text(coverage: &Coverage) -> Option<String> {
    let quotes = coverage.quotes;
    let mut parts = Vec::new();
    if quotes.total > 0 || coverage.figures.is_some() {
        parts.push(format!(
            "quotes {}/{} verified",
            quotes.verified, quotes.total
        ));
    }
    if let Some(figures) = coverage.figures {
        parts.push(format!("figures {}/{}", figures.verified, figures.total));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The counts of the summary line, without the coverage.
fn counts_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file", "files");
    let suppressed = if summary.suppressed > 0 {
        format!(" ({} suppressed)", summary.suppressed)
    } else {
        String::new()
    };
    if summary.errors + summary.warnings + summary.infos == 0 {
        return format!("no problems found in {files}{suppressed}");
    }
    let mut line = format!(
        "{files} checked: {}, {}",
        plural(summary.errors, "error", "errors"),
        plural(summary.warnings, "warning", "warnings"),
    );
    if summary.infos > 0 {
        line.push_str(", ");
        line.push_str(&plural(summary.infos, "info", "infos"));
    }
    line.push_str(&suppressed);
    line
}

/// `1 file`, `2 files`, `0 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `span` made safe to slice `text` with: both ends clamped to the text, the start floored
/// and the end raised to char boundaries, and never reversed.
pub(crate) fn clamp_span(text: &str, span: Span) -> Range<usize> {
    let len = text.len();
    let mut start = span.start.min(len);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.min(len).max(start);
    while end < len && !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The text of `span` in `text`, clamped as by [`clamp_span`].
pub(crate) fn span_text(text: &str, span: Span) -> &str {
    text.get(clamp_span(text, span)).unwrap_or_default()
}

/// What a fix does to the draft, in words: ``replace `12-1` with `13-0` ``, ``insert
/// `always` ``, ``delete `very` ``; `None` when its span is not in the text.
pub(crate) fn fix_edit(source: &SourceFile, fix: &crate::check::Fix) -> Option<String> {
    let old = one_line(source.text.get(fix.span().range())?);
    let new = one_line(&fix.replacement);
    Some(match (old.is_empty(), new.is_empty()) {
        (_, true) => format!("delete `{old}`"),
        (true, false) => format!("insert `{new}`"),
        (false, false) => format!("replace `{old}` with `{new}`"),
    })
}

/// `s` on one line: every run of whitespace (line breaks and tabs included) becomes one
/// space, and the ends are trimmed.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(files: usize, errors: usize, warnings: usize, infos: usize) -> Summary {
        Summary {
            files,
            errors,
            warnings,
            infos,
            suppressed: 0,
            coverage: Default::default(),
        }
    }

    #[test]
    fn summary_line_pluralises() {
        assert_eq!(
            summary_line(&summary(1, 0, 0, 0)),
            "no problems found in 1 file"
        );
        assert_eq!(
            summary_line(&summary(3, 0, 0, 0)),
            "no problems found in 3 files"
        );
        assert_eq!(
            summary_line(&summary(2, 3, 1, 0)),
            "2 files checked: 3 errors, 1 warning"
        );
        assert_eq!(
            summary_line(&summary(1, 1, 0, 2)),
            "1 file checked: 1 error, 0 warnings, 2 infos"
        );
        assert_eq!(
            summary_line(&summary(1, 0, 2, 1)),
            "1 file checked: 0 errors, 2 warnings, 1 info"
        );
    }

    #[test]
    fn summary_line_counts_suppressed_findings() {
        let mut s = summary(1, 0, 0, 0);
        s.suppressed = 2;
        assert_eq!(
            summary_line(&s),
            "no problems found in 1 file (2 suppressed)"
        );
        let mut s = summary(2, 1, 0, 0);
        s.suppressed = 1;
        assert_eq!(
            summary_line(&s),
            "2 files checked: 1 error, 0 warnings (1 suppressed)"
        );
    }

    #[test]
    fn summary_line_shows_the_coverage() {
        use crate::check::Tally;
        let tally = |verified, total| Tally { verified, total };
        // (quotes, figures, the line)
        let cases = [
            (tally(0, 0), None, "no problems found in 1 file"),
            (
                tally(9, 10),
                None,
                "no problems found in 1 file; quotes 9/10 verified",
            ),
            (
                tally(9, 10),
                Some(tally(14, 17)),
                "no problems found in 1 file; quotes 9/10 verified, figures 14/17",
            ),
            (
                tally(0, 0),
                Some(tally(0, 0)),
                "no problems found in 1 file; quotes 0/0 verified, figures 0/0",
            ),
        ];
        for (quotes, figures, line) in cases {
            let mut s = summary(1, 0, 0, 0);
            s.coverage = Coverage { quotes, figures };
            assert_eq!(summary_line(&s), line);
        }
    }

    #[test]
    fn exit_code_fails_only_on_errors() {
        assert_eq!(exit_code(&summary(1, 0, 4, 2)), 0);
        assert_eq!(exit_code(&summary(1, 1, 0, 0)), 1);
    }

    #[test]
    fn clamp_span_never_yields_a_bad_range() {
        let text = "a“b”";
        for start in 0..12 {
            for end in 0..12 {
                let r = clamp_span(text, Span { start, end });
                assert!(r.start <= r.end && r.end <= text.len());
                assert!(text.get(r).is_some());
            }
        }
        assert_eq!(clamp_span(text, Span::new(2, 3)), 1..4);
        assert_eq!(span_text(text, Span::new(usize::MAX - 1, usize::MAX)), "");
    }

    #[test]
    fn one_line_collapses_whitespace() {
        assert_eq!(one_line(" a\r\n\tb  c "), "a b c");
    }
}
