//! Findings as LSP diagnostics: the finding's span converted to a range (missing
//! findings, which have no span, on the first line), the rule id as the code (as the
//! JSON `rule` field; `unverified-quote` and `unused-suppression` for the findings of no
//! rule, as in SARIF), `factcheck` as the source, the message as the text output gives
//! it with what was expected and found. Errors that stop a check (a draft's markup, the
//! rules) are diagnostics too.

use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString};

use super::position::LineMap;
use crate::check::{CheckedFile, Finding, FindingKind};
use crate::rules::Severity;
use crate::text::Span;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "factcheck";

/// The code of a quote no rule covers (as SARIF names it).
pub const UNVERIFIED_CODE: &str = "unverified-quote";
/// The code of a `factcheck-ignore` comment that silences nothing.
pub const UNUSED_SUPPRESSION_CODE: &str = "unused-suppression";
/// The code of an error that stops a draft from being checked (its markup, a
/// suppression naming an unknown rule).
pub const DOCUMENT_ERROR_CODE: &str = "invalid-draft";
/// The code of a failure to find or load the rules.
pub const RULES_ERROR_CODE: &str = "rules-unavailable";

/// The diagnostic code of a finding.
pub fn finding_code(finding: &Finding) -> &str {
    match (finding.kind, finding.rule.as_deref()) {
        (FindingKind::UnusedSuppression, _) => UNUSED_SUPPRESSION_CODE,
        (_, Some(rule)) => rule,
        (_, None) => UNVERIFIED_CODE,
    }
}

/// The LSP severity of a finding's severity.
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The message of a finding: the text output's message, then `expected:` and `found:`
/// lines for what the finding expected and found that the message does not already
/// say in full (a quote's verified words, beside the message's word diff).
pub fn message(finding: &Finding) -> String {
    let mut message = finding.message.clone();
    for (name, value) in [("expected", &finding.expected), ("found", &finding.found)] {
        if let Some(value) = value {
            if !finding.message.contains(value.as_str()) {
                message.push_str(&format!("\n{name}: {value}"));
            }
        }
    }
    message
}

/// The range a finding is shown at: its span, or the first line for a missing one.
pub fn finding_range(finding: &Finding, text: &str, lines: &LineMap) -> lsp_types::Range {
    match finding.span {
        Some(span) => lines.range(text, clamp(text, span)),
        None => lines.line_range(text, 0),
    }
}

/// The diagnostic of one finding.
pub fn finding_diagnostic(finding: &Finding, text: &str, lines: &LineMap) -> Diagnostic {
    Diagnostic {
        range: finding_range(finding, text, lines),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding_code(finding).to_string())),
        source: Some(SOURCE.to_string()),
        message: message(finding),
        ..Diagnostic::default()
    }
}

/// The diagnostics of a checked draft, in document order (suppressed findings are not
/// shown).
pub fn draft_diagnostics(checked: &CheckedFile, lines: &LineMap) -> Vec<Diagnostic> {
    checked
        .findings
        .iter()
        .map(|f| finding_diagnostic(f, &checked.source.text, lines))
        .collect()
}

/// A diagnostic at 1-based `line` and `column` (characters) of `text`, over the rest of
/// that line.
pub fn at_line_column(
    text: &str,
    lines: &LineMap,
    line: usize,
    column: usize,
    severity: DiagnosticSeverity,
    code: &str,
    message: String,
) -> Diagnostic {
    let line_range = lines.line_range(text, line.saturating_sub(1));
    let line_start = lines.offset(text, line_range.start);
    let line_end = lines.offset(text, line_range.end);
    let start = text[line_start..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(i, _)| line_start + i);
    // The word at the column, or the rest of the line when it starts no word.
    let word_end = text[start..line_end]
        .find(char::is_whitespace)
        .map_or(line_end, |i| start + i);
    let end = if word_end > start { word_end } else { line_end };
    Diagnostic {
        range: lines.range(text, Span::new(start, end)),
        severity: Some(severity),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

/// A diagnostic on the first line of `text`: for what concerns the whole document (no
/// rules to check it with).
pub fn on_first_line(
    text: &str,
    lines: &LineMap,
    severity: DiagnosticSeverity,
    code: &str,
    message: String,
) -> Diagnostic {
    Diagnostic {
        range: lines.line_range(text, 0),
        severity: Some(severity),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

/// `span` within `text`, on character boundaries.
fn clamp(text: &str, span: Span) -> Span {
    let mut end = span.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::PositionEncoding;
    use lsp_types::Position;

    fn finding(kind: FindingKind, rule: Option<&str>, span: Option<Span>) -> Finding {
        Finding {
            kind,
            severity: Severity::Warning,
            ruleset: rule.map(|_| "rs".to_string()),
            rule: rule.map(str::to_string),
            message: "m".into(),
            expected: Some("13-0".into()),
            found: None,
            span,
            fix: None,
        }
    }

    #[test]
    fn codes_ranges_and_messages() {
        let text = "“Vote” 12-1\nsecond";
        let lines = LineMap::new(text, PositionEncoding::Utf16);
        let cases = [
            (
                finding(FindingKind::Altered, Some("vote"), Some(Span::new(11, 15))),
                "vote",
                (0, 7, 0, 11),
            ),
            (
                finding(FindingKind::Missing, Some("vote"), None),
                "vote",
                (0, 0, 0, 11),
            ),
            (
                finding(FindingKind::Unverified, None, Some(Span::new(3, 7))),
                UNVERIFIED_CODE,
                (0, 1, 0, 5),
            ),
            (
                finding(
                    FindingKind::UnusedSuppression,
                    Some("vote"),
                    Some(Span::new(16, 22)),
                ),
                UNUSED_SUPPRESSION_CODE,
                (1, 0, 1, 6),
            ),
        ];
        for (finding, code, (l1, c1, l2, c2)) in cases {
            let d = finding_diagnostic(&finding, text, &lines);
            assert_eq!(
                d.code,
                Some(NumberOrString::String(code.into())),
                "{finding:?}"
            );
            assert_eq!(
                d.range,
                lsp_types::Range::new(Position::new(l1, c1), Position::new(l2, c2)),
                "{finding:?}"
            );
            assert_eq!(d.message, "m\nexpected: 13-0");
            assert_eq!(d.source.as_deref(), Some(SOURCE));
            assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        }
    }

    #[test]
    fn line_and_column_diagnostics_cover_the_word() {
        let text = "ruleset: x\nquotes:\n  - id: “é” bad\n";
        let lines = LineMap::new(text, PositionEncoding::Utf16);
        let d = at_line_column(
            text,
            &lines,
            3,
            9,
            DiagnosticSeverity::ERROR,
            "c",
            "m".into(),
        );
        assert_eq!(
            d.range,
            lsp_types::Range::new(Position::new(2, 8), Position::new(2, 11))
        );
        // Past the end of the line: an empty range at its end.
        let d = at_line_column(
            text,
            &lines,
            1,
            99,
            DiagnosticSeverity::ERROR,
            "c",
            "m".into(),
        );
        assert_eq!(
            d.range,
            lsp_types::Range::new(Position::new(0, 10), Position::new(0, 10))
        );
    }
}
