//! GitHub Actions workflow commands (`--format github`): one annotation per finding, which
//! GitHub shows on the pull request's changed files and in the run summary.
//!
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=TITLE::MESSAGE`, with
//! `warning` and `notice` for the other severities. `endColumn` is the column after the
//! last character and is given only when the finding starts and ends on one line (GitHub
//! ignores it otherwise). A missing finding is annotated at line 1 of the draft. Findings
//! silenced by an inline comment print nothing (the author chose to accept them; the
//! summary line counts them). The run ends with the summary line, which GitHub shows as
//! plain log output.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r` and `\n` become `%25`,
//! `%0D`, `%0A`; in property values `:` and `,` also become `%3A` and `%2C`.

use std::io::{self, Write};

use super::{clamp_span, one_line, summary_line, Emitter};
use crate::check::{CheckedFile, Finding, Summary};
use crate::rules::Severity;
use crate::text::SourceFile;

/// GitHub Actions annotations, one line per finding, then the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GithubEmitter;

/// A workflow command's message escaped: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A`.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A workflow command's property value escaped: as [`escape_data`], and also
/// `:` → `%3A` and `,` → `%2C`.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape_data(s).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// The command of a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One annotation line (without the newline).
fn annotation(source: &SourceFile, finding: &Finding) -> String {
    let mut properties = vec![("file", source.path.clone())];
    match finding.span {
        Some(span) => {
            let range = clamp_span(&source.text, span);
            let (line, col) = source.line_col(range.start);
            let (end_line, end_col) = source.line_col(range.end);
            properties.push(("line", line.to_string()));
            properties.push(("col", col.to_string()));
            properties.push(("endLine", end_line.to_string()));
            if end_line == line {
                properties.push(("endColumn", end_col.to_string()));
            }
        }
        None => properties.push(("line", "1".to_owned())),
    }
    let title = match &finding.rule {
        Some(rule) => format!("factcheck {}: {}", finding.kind.as_str(), one_line(rule)),
        None => format!("factcheck {}", finding.kind.as_str()),
    };
    properties.push(("title", title));
    let properties = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect::<Vec<_>>()
        .join(",");
    let mut message = finding.message.clone();
    if let (Some(expected), Some(found)) = (&finding.expected, &finding.found) {
        if !message.contains(expected.as_str()) || !message.contains(found.as_str()) {
            message.push_str(&format!("\nexpected: {expected}\nfound: {found}"));
        }
    }
    format!(
        "::{} {properties}::{}",
        command(finding.severity),
        escape_data(&message)
    )
}

impl Emitter for GithubEmitter {
    fn emit(&self, out: &mut dyn Write, files: &[CheckedFile]) -> io::Result<()> {
        for file in files {
            for finding in &file.findings {
                writeln!(out, "{}", annotation(&file.source, finding))?;
            }
        }
        writeln!(out, "{}", summary_line(&Summary::of(files)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures;

    fn render(files: &[CheckedFile]) -> String {
        fixtures::rendered(&GithubEmitter, files)
    }

    #[test]
    fn github_snapshot() {
        insta::assert_snapshot!(render(&fixtures::checked_files()));
    }

    #[test]
    fn escaping_follows_the_runner() {
        let cases = [
            ("plain text", "plain text", "plain text"),
            ("50% off", "50%25 off", "50%25 off"),
            ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
            ("key: a, b", "key: a, b", "key%3A a%2C b"),
            ("%0A", "%250A", "%250A"),
            ("“Inés”\t::", "“Inés”\t::", "“Inés”\t%3A%3A"),
            ("", "", ""),
        ];
        for (raw, data, property) in cases {
            assert_eq!(escape_data(raw), data, "data {raw:?}");
            assert_eq!(escape_property(raw), property, "property {raw:?}");
        }
    }

    #[test]
    fn github_lines_are_one_per_finding() {
        let files = fixtures::checked_files();
        let out = render(&files);
        let lines: Vec<&str> = out.lines().collect();
        // Nine findings (the suppressed one prints nothing) and the summary line.
        assert_eq!(lines.len(), 10, "{out}");
        assert!(lines[0].starts_with("::notice file=drafts/council.txt,line=1,title="));
        assert!(lines[1].starts_with(
            "::error file=drafts/council.txt,line=3,col=6,endLine=3,endColumn=10,title=factcheck altered%3A council-vote::"
        ));
        // An unverified figure is a notice without a rule.
        assert!(lines[3].starts_with(
            "::notice file=drafts/council.txt,line=6,col=7,endLine=6,endColumn=10,title=factcheck unverified-figure::"
        ));
        assert!(lines[4].starts_with("::warning "));
        assert!(!out.contains("vote-day"));
        assert!(lines[6].starts_with(
            "::error file=drafts/council.txt,line=8,col=1,endLine=8,endColumn=10,title=factcheck misattributed%3A ortega-shield::"
        ));
        assert!(lines[8].starts_with("::warning file=drafts/council.txt,line=10,col=37,"));
        assert!(lines[8].contains("title=factcheck unused-suppression%3A council-quorum::"));
        assert_eq!(
            lines[9],
            "2 files checked: 4 errors, 3 warnings, 2 infos (1 suppressed); quotes 2/5 \
             verified, figures 1/3"
        );
        assert!(!out.contains('\r'));
    }

    #[test]
    fn multi_line_spans_leave_out_end_column() {
        let source = SourceFile::new("a.txt", "one\r\ntwo three\n");
        let finding = fixtures::finding_at(
            crate::check::FindingKind::Unverified,
            crate::text::Span::new(1, 8),
        );
        let line = annotation(&source, &finding);
        assert!(line.contains("line=1,col=2,endLine=2,title="), "{line}");
    }
}
