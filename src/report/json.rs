//! JSON output: findings (`--format json`) and quote sheets (`quotes --format json`).
//!
//! Both documents carry `"version": 1` first; they are pretty-printed with two-space
//! indentation and end with a newline. Positions: `start`/`end` are byte offsets
//! (half-open) into the original file, `line`/`column` are 1-based, the column counted in
//! characters.

use std::io::{self, Write};

use serde::Serialize;

use super::{clamp_span, span_text, Emitter, QuoteEmitter, QuoteSheet};
use crate::check::{CheckedFile, Coverage, Finding, FindingKind, Fix, Summary};
use crate::extract::Speaker;
use crate::rules::Severity;
use crate::text::{SourceFile, Span};

/// Version of both JSON documents; bumped only on incompatible changes.
pub const JSON_VERSION: u32 = 1;

/// Findings as one JSON document:
/// `{"version", "files": [{"path", "findings": [...]}], "summary": {...}}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonEmitter;

/// The findings document.
#[derive(Serialize)]
struct FindingsDoc<'a> {
    version: u32,
    files: Vec<FileDoc<'a>>,
    summary: SummaryDoc,
}

#[derive(Serialize)]
struct FileDoc<'a> {
    path: &'a str,
    findings: Vec<FindingDoc<'a>>,
    /// Findings silenced by inline comments (same shape as `findings`).
    suppressed: Vec<FindingDoc<'a>>,
    /// How many of the draft's quotes and figures the rules verify.
    coverage: Coverage,
}

#[derive(Serialize)]
struct FindingDoc<'a> {
    kind: FindingKind,
    severity: Severity,
    ruleset: Option<&'a str>,
    rule: Option<&'a str>,
    message: &'a str,
    expected: Option<&'a str>,
    found: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    /// The edit that repairs the finding; absent (not `null`) when there is none, so a
    /// document without fixes is what it was before fixes existed.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a Fix>,
}

#[derive(Serialize)]
struct SummaryDoc {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    /// `{"quotes": {"verified", "total"}, "figures": {"verified", "total"} | null}`.
    coverage: Coverage,
}

/// Line, column, start and end of a span, clamped to the text.
struct Position {
    line: usize,
    column: usize,
    start: usize,
    end: usize,
}

impl Position {
    fn of(source: &SourceFile, span: Span) -> Self {
        let range = clamp_span(&source.text, span);
        let (line, column) = source.line_col(range.start);
        Position {
            line,
            column,
            start: range.start,
            end: range.end,
        }
    }
}

impl<'a> FindingDoc<'a> {
    fn new(source: &SourceFile, f: &'a Finding) -> Self {
        let pos = f.span.map(|span| Position::of(source, span));
        FindingDoc {
            kind: f.kind,
            severity: f.severity,
            ruleset: f.ruleset.as_deref(),
            rule: f.rule.as_deref(),
            message: &f.message,
            expected: f.expected.as_deref(),
            found: f.found.as_deref(),
            line: pos.as_ref().map(|p| p.line),
            column: pos.as_ref().map(|p| p.column),
            start: pos.as_ref().map(|p| p.start),
            end: pos.as_ref().map(|p| p.end),
            fix: f.fix.as_ref(),
        }
    }
}

/// Writes `doc` pretty-printed (two-space indentation) with a final newline.
fn write_doc(out: &mut dyn Write, doc: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}

impl Emitter for JsonEmitter {
    fn emit(&self, out: &mut dyn Write, files: &[CheckedFile]) -> io::Result<()> {
        let summary = Summary::of(files);
        let doc = FindingsDoc {
            version: JSON_VERSION,
            files: files
                .iter()
                .map(|file| FileDoc {
                    path: &file.source.path,
                    findings: file
                        .findings
                        .iter()
                        .map(|f| FindingDoc::new(&file.source, f))
                        .collect(),
                    suppressed: file
                        .suppressed
                        .iter()
                        .map(|f| FindingDoc::new(&file.source, f))
                        .collect(),
                    coverage: file.coverage,
                })
                .collect(),
            summary: SummaryDoc {
                files: summary.files,
                errors: summary.errors,
                warnings: summary.warnings,
                infos: summary.infos,
                suppressed: summary.suppressed,
                coverage: summary.coverage,
            },
        };
        write_doc(out, &doc)
    }
}

/// Quote sheets as one JSON document:
/// `{"version", "files": [{"path", "quotes": [...]}]}` with one entry per quote segment;
/// the segments of a split quote share their `group` (the quote's 0-based index in its
/// file). Every entry has a `kind`: `direct` for a quote, `reported` for reported speech
/// (its `start`/`end` cover the reported content only; its `group` is its own, numbered
/// after the quotes'), placed in document order among the quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuotesJson;

#[derive(Serialize)]
struct QuotesDoc<'a> {
    version: u32,
    files: Vec<QuoteFileDoc<'a>>,
}

#[derive(Serialize)]
struct QuoteFileDoc<'a> {
    path: &'a str,
    quotes: Vec<SegmentDoc<'a>>,
}

#[derive(Serialize)]
struct SegmentDoc<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    group: usize,
    speaker: Option<SpeakerDoc<'a>>,
    cue: Option<&'a str>,
    kind: &'static str,
}

#[derive(Serialize)]
struct SpeakerDoc<'a> {
    name: &'a str,
    mention: &'a str,
    start: usize,
    end: usize,
}

impl<'a> SegmentDoc<'a> {
    fn new(
        source: &'a SourceFile,
        span: Span,
        group: usize,
        speaker: Option<&'a Speaker>,
        cue: Option<&'a str>,
        kind: &'static str,
    ) -> Self {
        let text = source.text.as_str();
        let pos = Position::of(source, span);
        SegmentDoc {
            text: span_text(text, span),
            start: pos.start,
            end: pos.end,
            line: pos.line,
            column: pos.column,
            group,
            speaker: speaker.map(|speaker| {
                let mention = clamp_span(text, speaker.mention);
                SpeakerDoc {
                    name: &speaker.name,
                    mention: span_text(text, speaker.mention),
                    start: mention.start,
                    end: mention.end,
                }
            }),
            cue,
            kind,
        }
    }
}

impl<'a> QuoteFileDoc<'a> {
    fn new(sheet: &'a QuoteSheet) -> Self {
        let source = &sheet.source;
        let mut reported = sheet.reported.iter().enumerate().peekable();
        let first_reported_group = sheet.quotes.len();
        let mut quotes = Vec::new();
        let mut push_reported_before = |quotes: &mut Vec<SegmentDoc<'a>>, at: usize| {
            while let Some((k, r)) = reported.next_if(|(_, r)| r.content.start < at) {
                quotes.push(SegmentDoc::new(
                    source,
                    r.content,
                    first_reported_group + k,
                    r.speaker.as_ref(),
                    r.cue.as_deref(),
                    "reported",
                ));
            }
        };
        for (group, quote) in sheet.quotes.iter().enumerate() {
            for &segment in &quote.segments {
                push_reported_before(&mut quotes, segment.start);
                quotes.push(SegmentDoc::new(
                    source,
                    segment,
                    group,
                    quote.speaker.as_ref(),
                    quote.cue.as_deref(),
                    "direct",
                ));
            }
        }
        push_reported_before(&mut quotes, usize::MAX);
        QuoteFileDoc {
            path: &source.path,
            quotes,
        }
    }
}

impl QuoteEmitter for QuotesJson {
    fn emit(&self, out: &mut dyn Write, sheets: &[QuoteSheet]) -> io::Result<()> {
        let doc = QuotesDoc {
            version: JSON_VERSION,
            files: sheets.iter().map(QuoteFileDoc::new).collect(),
        };
        write_doc(out, &doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures;
    use serde_json::Value;

    fn render(files: &[CheckedFile]) -> String {
        fixtures::rendered(&JsonEmitter, files)
    }

    fn render_quotes(sheets: &[QuoteSheet]) -> String {
        let mut out = Vec::new();
        QuotesJson.emit(&mut out, sheets).expect("writing to a Vec");
        String::from_utf8(out).expect("UTF-8 output")
    }

    #[test]
    fn json_snapshot() {
        insta::assert_snapshot!(render(&fixtures::checked_files()));
    }

    #[test]
    fn json_parses_with_nulls_for_missing() {
        let files = fixtures::checked_files();
        let out = render(&files);
        assert!(out.ends_with("}\n"));
        assert!(out.starts_with("{\n  \"version\": 1,\n  \"files\": ["));
        let doc: Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(doc["version"], 1);
        let findings = doc["files"][0]["findings"]
            .as_array()
            .expect("findings array");
        assert_eq!(findings.len(), 9);
        let missing = &findings[0];
        assert_eq!(missing["kind"], "missing");
        for key in ["line", "column", "start", "end"] {
            assert!(missing[key].is_null(), "{key}");
        }
        let figure = &findings[3];
        assert_eq!(figure["kind"], "unverified-figure");
        assert_eq!(figure["severity"], "info");
        assert!(figure["rule"].is_null() && figure["ruleset"].is_null());
        let unverified = &findings[5];
        assert_eq!(unverified["kind"], "unverified");
        assert!(unverified["rule"].is_null() && unverified["ruleset"].is_null());
        assert_eq!(
            doc["files"][0]["coverage"],
            serde_json::json!({"quotes": {"verified": 2, "total": 5},
                               "figures": {"verified": 0, "total": 2}})
        );
        // Positions agree with the text they point at.
        let text = &files[0].source.text;
        for f in &findings[1..] {
            let (start, end) = (
                f["start"].as_u64().expect("start") as usize,
                f["end"].as_u64().expect("end") as usize,
            );
            assert!(text.get(start..end).is_some());
        }
        assert_eq!(findings[1]["found"], "12-1");
        let altered_start = findings[1]["start"].as_u64().expect("start") as usize;
        assert_eq!(&text[altered_start..altered_start + 4], "12-1");
        assert_eq!(
            (findings[1]["line"].clone(), findings[1]["column"].clone()),
            (3.into(), 6.into())
        );
        assert_eq!(
            doc["summary"],
            serde_json::json!({"files": 2, "errors": 4, "warnings": 3, "infos": 2, "suppressed": 1,
                "coverage": {"quotes": {"verified": 2, "total": 5},
                             "figures": {"verified": 1, "total": 3}}})
        );
        assert_eq!(doc["files"][1]["findings"], serde_json::json!([]));
    }

    #[test]
    fn json_key_order() {
        let out = render(&fixtures::checked_files());
        let keys = [
            "\"kind\"",
            "\"severity\"",
            "\"ruleset\"",
            "\"rule\"",
            "\"message\"",
            "\"expected\"",
            "\"found\"",
            "\"line\"",
            "\"column\"",
            "\"start\"",
            "\"end\"",
        ];
        let positions: Vec<usize> = keys.iter().filter_map(|k| out.find(k)).collect();
        assert_eq!(positions.len(), keys.len());
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn quotes_json_snapshot() {
        insta::assert_snapshot!(render_quotes(&fixtures::quote_sheets()));
    }

    #[test]
    fn quotes_json_has_one_entry_per_segment() {
        let sheets = fixtures::quote_sheets();
        let doc: Value = serde_json::from_str(&render_quotes(&sheets)).expect("valid JSON");
        assert_eq!(doc["version"], 1);
        let quotes = doc["files"][0]["quotes"].as_array().expect("quotes array");
        let segments: usize = sheets[0].quotes.iter().map(|q| q.segments.len()).sum();
        assert_eq!(quotes.len(), segments);
        assert_eq!(quotes[0]["group"], 0);
        assert_eq!(quotes[1]["group"], 0);
        assert_eq!(quotes[2]["group"], 1);
        assert_eq!(quotes[0]["speaker"], quotes[1]["speaker"]);
        assert!(quotes
            .iter()
            .any(|q| q["speaker"].is_null() && q["cue"].is_null()));
        assert_eq!(doc["files"][1]["quotes"], serde_json::json!([]));
    }

    #[test]
    fn json_never_panics_on_odd_spans() {
        let mut files = fixtures::checked_files();
        let len = files[0].source.text.len();
        for f in &mut files[0].findings {
            f.span = Some(Span {
                start: len + 3,
                end: usize::MAX,
            });
        }
        let doc: Value = serde_json::from_str(&render(&files)).expect("valid JSON");
        assert_eq!(doc["files"][0]["findings"][0]["start"], len);
    }
}
