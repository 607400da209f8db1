//! Human output: rustc-style findings drawn with `annotate-snippets` (with a `help:` line
//! for a finding that has a fix), and the quote sheet.

use std::fmt::Write as _;
use std::io::{self, Write};

use annotate_snippets::{
    normalize_untrusted_str, AnnotationKind, Level, Origin, Renderer, Snippet,
};

use super::excerpt::Excerpt;
use super::{fix_edit, one_line, span_text, summary_line, Emitter, QuoteEmitter, QuoteSheet};
use crate::check::{CheckedFile, Finding, FindingKind, Summary};
use crate::extract::{Quote, Reported, Speaker};
use crate::rules::Severity;
use crate::text::SourceFile;

/// Human-readable findings (the default output): one rustc-style block per finding
/// showing the lines around it, then a summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextEmitter {
    /// Colour the output with ANSI escapes (write through `anstream` so they are stripped
    /// when the output is not a terminal or `NO_COLOR` is set); `false` renders plain text.
    pub styled: bool,
}

impl TextEmitter {
    /// Plain text, no escapes.
    pub fn plain() -> Self {
        TextEmitter { styled: false }
    }

    /// Coloured with ANSI escapes.
    pub fn styled() -> Self {
        TextEmitter { styled: true }
    }

    fn renderer(&self) -> Renderer {
        if self.styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
    }

    /// Renders one finding of `source` as a block of lines (without a final newline).
    /// Never panics, whatever the finding's span.
    pub fn render_finding(&self, source: &SourceFile, finding: &Finding) -> String {
        let renderer = self.renderer();
        let title_text = match &finding.rule {
            Some(rule) => format!("{}: {}", one_line(rule), one_line(&finding.message)),
            None => one_line(&finding.message),
        };
        let title = level(finding.severity)
            .primary_title(title_text)
            .id(finding.kind.as_str());
        let path = source.path.as_str();

        let Some(span) = finding.span else {
            let mut group = title.element(Origin::path(path));
            for (name, value) in [("expected", &finding.expected), ("found", &finding.found)] {
                if let Some(value) = value {
                    let value = normalize_untrusted_str(&one_line(value));
                    group = group.element(Level::NOTE.with_name(name).message(value));
                }
            }
            // Without a snippet the renderer leaves no room for line numbers; indent the
            // location and notes by one column so they line up with the other blocks.
            let rendered = renderer.render(&[group]);
            let mut lines = rendered.lines();
            let mut out = lines.next().unwrap_or_default().to_owned();
            for line in lines {
                out.push_str("\n ");
                out.push_str(line);
            }
            return out;
        };

        let excerpt = Excerpt::new(source, span);
        let snippet = Snippet::source(excerpt.text.as_str())
            .line_start(excerpt.line)
            .path(path)
            .annotation(
                AnnotationKind::Primary
                    .span(excerpt.span.clone())
                    .label(label(finding)),
            );
        let mut group = title.element(snippet);
        if let Some(help) = fix_help(source, finding) {
            group = group.element(Level::HELP.message(normalize_untrusted_str(&help)));
        }
        let rendered = renderer.render(&[group]);
        if !excerpt.cut_before {
            return rendered;
        }
        // The line was cut before the span, so the renderer counted the column from the
        // cut; put the column in the draft back.
        let (line, column) = source.line_col(span.start);
        let path = normalize_untrusted_str(path);
        rendered.replacen(
            &format!("{path}:{line}:{}", excerpt.shown_column),
            &format!("{path}:{line}:{column}"),
            1,
        )
    }
}

/// The `help:` line of a finding with a fix: what it writes, and the command that
/// applies it.
fn fix_help(source: &SourceFile, finding: &Finding) -> Option<String> {
    let fix = finding.fix.as_ref()?;
    let edit = fix_edit(source, fix)?;
    Some(if fix.safe {
        format!("{edit} (`factcheck fix` applies it)")
    } else {
        format!("{edit} if the rule is right (`factcheck fix --unsafe-fixes` applies it)")
    })
}

/// One line for a finding silenced by an inline comment:
/// `suppressed: PATH:LINE:COL: RULE (KIND): MESSAGE`.
fn suppressed_line(source: &SourceFile, finding: &Finding) -> String {
    let location = match finding.span {
        Some(span) => {
            let (line, column) = source.line_col(super::clamp_span(&source.text, span).start);
            format!("{}:{line}:{column}", source.path)
        }
        None => source.path.clone(),
    };
    let rule = finding.rule.as_deref().unwrap_or(match finding.kind {
        FindingKind::UnverifiedFigure => crate::check::UNVERIFIED_FIGURE_RULE_NAME,
        _ => crate::check::UNVERIFIED_RULE_NAME,
    });
    format!(
        "suppressed: {}: {} ({}): {}",
        annotate_snippets::normalize_untrusted_str(&location),
        one_line(rule),
        finding.kind.as_str(),
        one_line(&finding.message)
    )
}

/// The line that opens a file's findings when several files are checked:
/// `PATH: 3 findings (1 suppressed)`, `PATH: no findings`.
fn file_header(file: &CheckedFile) -> String {
    let count = match file.findings.len() {
        0 => "no findings".to_owned(),
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    };
    let suppressed = if file.suppressed.is_empty() {
        String::new()
    } else {
        format!(" ({} suppressed)", file.suppressed.len())
    };
    format!(
        "{}: {count}{suppressed}",
        annotate_snippets::normalize_untrusted_str(&file.source.path)
    )
}

/// The renderer level of a severity.
fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Longest `found`/`expected` value shown in a label; longer ones (whole quotes) are
/// already in the title's word diff.
const LABEL_VALUE_MAX: usize = 60;

/// The label under the span: `found X, expected Y` for a wrong value or speaker, else a
/// short description of what is marked (the title already carries the message).
fn label(finding: &Finding) -> String {
    // A statement rule's findings say so first (see `check::statements`).
    let statement = finding.message.starts_with("statement ");
    match (finding.kind, &finding.found, &finding.expected) {
        (FindingKind::Altered, ..) if statement => {
            "a negation in one and not the other".to_string()
        }
        (FindingKind::Altered | FindingKind::Misattributed, Some(found), Some(expected))
            if found.chars().count() <= LABEL_VALUE_MAX
                && expected.chars().count() <= LABEL_VALUE_MAX =>
        {
            format!("found {}, expected {}", one_line(found), one_line(expected))
        }
        (FindingKind::Altered, ..) => "differs from the verified words".to_string(),
        (FindingKind::Misattributed, ..) => "credited to the wrong person".to_string(),
        (FindingKind::Unattributed, ..) if statement => "credited to no one named".to_string(),
        (FindingKind::Unattributed, ..) => "no speaker found for this quote".to_string(),
        (FindingKind::Unverified, ..) => "no rule covers this quote".to_string(),
        (FindingKind::Missing, ..) => one_line(&finding.message),
        (FindingKind::UnusedSuppression, ..) => "suppresses nothing".to_string(),
        (FindingKind::UnverifiedFigure, ..) => "no claim covers this figure".to_string(),
    }
}

impl Emitter for TextEmitter {
    fn emit(&self, out: &mut dyn Write, files: &[CheckedFile]) -> io::Result<()> {
        for file in files {
            if files.len() > 1 {
                writeln!(out, "{}\n", file_header(file))?;
            }
            for finding in &file.findings {
                writeln!(out, "{}\n", self.render_finding(&file.source, finding))?;
            }
            for finding in &file.suppressed {
                writeln!(out, "{}", suppressed_line(&file.source, finding))?;
            }
            if !file.suppressed.is_empty() {
                writeln!(out)?;
            }
        }
        writeln!(out, "{}", summary_line(&Summary::of(files)))
    }
}

/// The quote sheet of `factcheck quotes` (the default output): per file, each quote with
/// its position, words and speaker, then a count. Reported speech (`--reported`) is
/// listed among the quotes in document order, marked `reported:`, with its content
/// unquoted.
///
/// ```text
/// drafts/council.txt
/// 4:2  “This is a promise,” … “and we will keep it.”
///     — Inés Ortega (mention “Inés Ortega”, cue said)
/// 5:1  reported: the bridge would reopen in May
///     — Dana Whitfield (mention “Whitfield”, cue said)
/// 6:3  “It took three years to get here.”
///     — (no speaker found)
///
/// 2 quotes and 1 reported statement in 1 file
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuotesText;

impl QuotesText {
    /// Renders the quotes of one file: the path, then two lines per quote or reported
    /// statement.
    pub fn render_sheet(&self, sheet: &QuoteSheet) -> String {
        let mut out = sheet.source.path.clone();
        out.push('\n');
        if sheet.quotes.is_empty() && sheet.reported.is_empty() {
            out.push_str("(no quotes found)\n");
        }
        let mut reported = sheet.reported.iter().peekable();
        for quote in &sheet.quotes {
            let at = quote.segments.first().map_or(usize::MAX, |s| s.start);
            while let Some(r) = reported.next_if(|r| r.content.start < at) {
                render_reported(&mut out, &sheet.source, r);
            }
            render_quote(&mut out, &sheet.source, quote);
        }
        for r in reported {
            render_reported(&mut out, &sheet.source, r);
        }
        out
    }
}

/// Appends a quote's position-and-words line and its speaker line.
fn render_quote(out: &mut String, source: &SourceFile, quote: &Quote) {
    let text = source.text.as_str();
    match quote.segments.first() {
        Some(first) => {
            let (line, column) = source.line_col(first.start);
            let _ = write!(out, "{line}:{column} ");
        }
        None => out.push_str("?:? "),
    }
    for (i, segment) in quote.segments.iter().enumerate() {
        if i > 0 {
            out.push_str(" …");
        }
        let _ = write!(out, " “{}”", one_line(span_text(text, *segment)));
    }
    out.push('\n');
    render_speaker(out, text, quote.speaker.as_ref(), quote.cue.as_deref());
}

/// Appends a reported statement's position-and-content line and its speaker line.
fn render_reported(out: &mut String, source: &SourceFile, reported: &Reported) {
    let text = source.text.as_str();
    let (line, column) = source.line_col(reported.content.start);
    let _ = writeln!(
        out,
        "{line}:{column}  reported: {}",
        one_line(span_text(text, reported.content))
    );
    render_speaker(
        out,
        text,
        reported.speaker.as_ref(),
        reported.cue.as_deref(),
    );
}

/// Appends the speaker line of a quote or reported statement.
fn render_speaker(out: &mut String, text: &str, speaker: Option<&Speaker>, cue: Option<&str>) {
    match speaker {
        Some(speaker) => {
            let _ = write!(
                out,
                "    — {} (mention “{}”",
                one_line(&speaker.name),
                one_line(span_text(text, speaker.mention))
            );
            if let Some(cue) = cue {
                let _ = write!(out, ", cue {}", one_line(cue));
            }
            out.push_str(")\n");
        }
        None => out.push_str("    — (no speaker found)\n"),
    }
}

impl QuoteEmitter for QuotesText {
    fn emit(&self, out: &mut dyn Write, sheets: &[QuoteSheet]) -> io::Result<()> {
        for sheet in sheets {
            writeln!(out, "{}", self.render_sheet(sheet))?;
        }
        let count = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let quotes = count(
            sheets.iter().map(|s| s.quotes.len()).sum(),
            "quote",
            "quotes",
        );
        let files = count(sheets.len(), "file", "files");
        let reported: usize = sheets.iter().map(|s| s.reported.len()).sum();
        if reported > 0 {
            let reported = count(reported, "reported statement", "reported statements");
            writeln!(out, "{quotes} and {reported} in {files}")
        } else {
            writeln!(out, "{quotes} in {files}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures;
    use crate::text::Span;

    fn render(emitter: &dyn Emitter, files: &[CheckedFile]) -> String {
        fixtures::rendered(emitter, files)
    }

    fn render_quotes(emitter: &dyn QuoteEmitter, sheets: &[QuoteSheet]) -> String {
        let mut out = Vec::new();
        emitter.emit(&mut out, sheets).expect("writing to a Vec");
        String::from_utf8(out).expect("UTF-8 output")
    }

    #[test]
    fn text_plain_snapshot() {
        let out = render(&TextEmitter::plain(), &fixtures::checked_files());
        insta::assert_snapshot!(out);
    }

    #[test]
    fn text_styled_has_escapes_and_same_words() {
        let files = fixtures::checked_files();
        let styled = render(&TextEmitter::styled(), &files);
        assert!(styled.contains('\u{1b}'));
        let stripped = strip_ansi(&styled);
        assert_eq!(stripped, render(&TextEmitter::plain(), &files));
    }

    #[test]
    fn text_plain_shows_no_carriage_returns_and_right_columns() {
        let out = render(&TextEmitter::plain(), &fixtures::checked_files());
        assert!(!out.contains('\r'));
        assert!(!out.contains('␍'));
        assert!(!out.contains('\u{1b}'));
        // “12-1” on the CRLF line, “Dana Whitfield” after curly quotes.
        assert!(out.contains(" --> drafts/council.txt:3:6\n"));
        assert!(out.contains(" --> drafts/council.txt:5:39\n"));
        assert!(out.contains("found 12-1, expected 13-0"));
        assert!(out.contains("error[altered]: council-vote: tally is 12-1, expected 13-0\n"));
        assert!(out.contains("warning[unverified]: quote is not covered by any rule\n"));
        assert!(out.contains("info[unverified-figure]: number 200 is not covered by any claim\n"));
        assert!(out.ends_with(
            "\n2 files checked: 4 errors, 3 warnings, 2 infos (1 suppressed); quotes 2/5 \
             verified, figures 1/3\n"
        ));
    }

    #[test]
    fn text_groups_findings_by_file_when_several() {
        let files = fixtures::checked_files();
        let out = render(&TextEmitter::plain(), &files);
        let council = out.find("drafts/council.txt: 9 findings (1 suppressed)\n\n");
        let clean = out.find("drafts/clean.txt: no findings\n\n");
        let first_block = out.find("info[missing]");
        assert!(council.is_some() && clean.is_some(), "{out}");
        assert!(council < first_block && first_block < clean, "{out}");
        // One file: no header.
        let one = render(&TextEmitter::plain(), &files[..1]);
        assert!(!one.contains("drafts/council.txt: 9 findings"), "{one}");
    }

    #[test]
    fn text_no_findings() {
        let files = fixtures::checked_files();
        let clean = &files[1..];
        assert_eq!(
            render(&TextEmitter::plain(), clean),
            "no problems found in 1 file; quotes 0/0 verified, figures 1/1\n"
        );
    }

    #[test]
    fn text_long_line_is_windowed_with_true_column() {
        let line = format!(
            "{} the council voted 12-1 on the measure {}",
            "Ünïcödé words ".repeat(60),
            "and more words ".repeat(60)
        );
        let source = SourceFile::new("drafts/long.txt", format!("Headline\r\n{line}\r\n"));
        let start = source.text.find("12-1").unwrap_or(0);
        let finding = fixtures::finding_at(FindingKind::Altered, Span::new(start, start + 4));
        let out = TextEmitter::plain().render_finding(&source, &finding);
        let (line_no, column) = source.line_col(start);
        assert_eq!((line_no, column), (2, 860));
        assert!(out.contains(" --> drafts/long.txt:2:860\n"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
        assert!(out.contains("12-1"));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn text_never_panics_on_odd_spans() {
        let source = fixtures::draft();
        let text = &source.text;
        let multibyte = text.find('“').unwrap_or(0);
        let spans = [
            Span::new(text.len(), text.len()),
            Span::new(text.len() - 1, text.len()),
            Span::new(text.len() + 5, text.len() + 50),
            Span::new(multibyte + 1, multibyte + 2),
            Span::new(multibyte + 1, text.len() + 1),
            Span { start: 40, end: 3 },
            Span::new(0, text.len()),
            Span::new(usize::MAX - 1, usize::MAX),
        ];
        for span in spans {
            for kind in [FindingKind::Altered, FindingKind::Unverified] {
                let finding = fixtures::finding_at(kind, span);
                for emitter in [TextEmitter::plain(), TextEmitter::styled()] {
                    let out = emitter.render_finding(&source, &finding);
                    assert!(out.contains("drafts/council.txt:"), "{out}");
                }
            }
        }
        for text in ["", "\n", "é", "\u{feff}", "\r\n\r\n", "a\tb"] {
            let source = SourceFile::new("x.txt", text);
            for span in [
                Span::new(0, 0),
                Span::new(0, 1),
                Span::new(1, 2),
                Span::new(9, 9),
            ] {
                let finding = fixtures::finding_at(FindingKind::Unattributed, span);
                let out = TextEmitter::plain().render_finding(&source, &finding);
                assert!(out.contains("x.txt:"), "{out}");
            }
        }
    }

    #[test]
    fn text_never_panics_over_long_lines() {
        let long = "wörd “q”\t".repeat(60);
        let text = format!("{long}\r\nshort\n{long}\n\n{long}");
        let source = SourceFile::new("long.txt", text.as_str());
        for start in (0..text.len() + 3).step_by(97) {
            for end in (0..text.len() + 3).step_by(101) {
                let finding = fixtures::finding_at(FindingKind::Unverified, Span { start, end });
                let out = TextEmitter::plain().render_finding(&source, &finding);
                assert!(out.contains("long.txt:"), "{out}");
            }
        }
    }

    #[test]
    fn text_at_end_of_file_snapshot() {
        let source = fixtures::draft();
        let end = source.text.len();
        let finding = fixtures::finding_at(FindingKind::Unverified, Span::new(end, end + 10));
        insta::assert_snapshot!(TextEmitter::plain().render_finding(&source, &finding));
    }

    #[test]
    fn quotes_text_snapshot() {
        let out = render_quotes(&QuotesText, &fixtures::quote_sheets());
        insta::assert_snapshot!(out);
    }

    /// Removes ANSI CSI escape sequences.
    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
