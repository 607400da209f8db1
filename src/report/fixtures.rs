//! The one hand-written fixture every emitter is snapshot-tested on: a short draft about
//! a city council vote (a CRLF line, curly quotes, a tab, accented names before spans),
//! its findings — one of each kind, mixed severities, two of them for statements
//! (reported speech), one suppressed by the comment on its last line; the altered one
//! with a safe fix, the misattributed one with an unsafe one — with its coverage
//! (figures checked), and its quote sheet (a split quote, a quote without a speaker, a
//! pronoun mention).

use crate::check::{CheckedFile, Coverage, Finding, FindingKind, Fix, Tally};
use crate::extract::{Quote, Speaker};
use crate::report::QuoteSheet;
use crate::rules::Severity;
use crate::text::{SourceFile, Span};

/// The draft with findings. Lines 1 and 3 end in CRLF.
pub(crate) const DRAFT: &str = "Council backs sanctuary measure\r\n\
\n\
In a 12-1 vote on Tuesday, the city council approved the sanctuary measure.\r\n\
“This is a promise to every family in this city,” said Councilmember Inés Ortega, “and we will keep it.”\n\
“Nobody here is above the law,” Mayor Dana Whitfield said in a statement.\n\
About 200 residents packed the chamber.\t“It took three years to get here.”\n\
“We are not finished,” she said.\n\
Whitfield said the measure would shield families from federal agents.\n\
Ortega said the city would share residents’ immigration status.\n\
<!-- factcheck-ignore-file vote-day council-quorum -->\n";

/// A second draft with nothing wrong in it and no quotes.
pub(crate) const CLEAN: &str = "The council meets again on March 3.\n";

const RULESET: &str = "la-sanctuary-city";

/// The span of the `nth` (0-based) occurrence of `needle` in `text`.
pub(crate) fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("fixture text has no {needle:?} #{nth}"));
    Span::new(start, start + needle.len())
}

/// What `emitter` writes for `files`, as a string.
pub(crate) fn rendered(emitter: &dyn crate::report::Emitter, files: &[CheckedFile]) -> String {
    let mut out = Vec::new();
    emitter.emit(&mut out, files).expect("writing to a Vec");
    String::from_utf8(out).expect("UTF-8 output")
}

/// The draft with findings.
pub(crate) fn draft() -> SourceFile {
    SourceFile::new("drafts/council.txt", DRAFT)
}

/// The draft without findings.
pub(crate) fn clean() -> SourceFile {
    SourceFile::new("drafts/clean.txt", CLEAN)
}

fn finding(
    kind: FindingKind,
    severity: Severity,
    rule: Option<&str>,
    message: &str,
    expected: Option<&str>,
    found: Option<&str>,
    span: Option<Span>,
) -> Finding {
    Finding {
        kind,
        severity,
        ruleset: rule.map(|_| RULESET.to_owned()),
        rule: rule.map(str::to_owned),
        message: message.to_owned(),
        expected: expected.map(str::to_owned),
        found: found.map(str::to_owned),
        span,
        fix: None,
    }
}

/// `finding` with a fix that writes `replacement` over its span.
fn with_fix(mut finding: Finding, replacement: &str, safe: bool) -> Finding {
    let span = finding.span.expect("a fixed finding has a span");
    finding.fix = Some(Fix {
        start: span.start,
        end: span.end,
        replacement: replacement.to_owned(),
        safe,
    });
    finding
}

/// A finding of `kind` at `span`, for robustness tests.
pub(crate) fn finding_at(kind: FindingKind, span: Span) -> Finding {
    let rule = (kind != FindingKind::Unverified).then_some("council-vote");
    finding(
        kind,
        Severity::Error,
        rule,
        "tally is 12-1, expected 13-0",
        Some("13-0"),
        Some("12-1"),
        Some(span),
    )
}

/// Both drafts with their findings: one of each kind in the first, none in the second.
pub(crate) fn checked_files() -> Vec<CheckedFile> {
    let text = DRAFT;
    let findings = vec![
        finding(
            FindingKind::Missing,
            Severity::Info,
            Some("effective-date"),
            "the draft never says when the measure takes effect",
            Some("January 1, 2026"),
            None,
            None,
        ),
        with_fix(
            finding(
                FindingKind::Altered,
                Severity::Error,
                Some("council-vote"),
                "tally is 12-1, expected 13-0",
                Some("13-0"),
                Some("12-1"),
                Some(span_of(text, "12-1", 0)),
            ),
            "13-0",
            true,
        ),
        with_fix(
            finding(
                FindingKind::Misattributed,
                Severity::Error,
                Some("ortega-law"),
                "quote is credited to Dana Whitfield, but Inés Ortega said it",
                Some("Inés Ortega"),
                Some("Dana Whitfield"),
                Some(span_of(text, "Dana Whitfield", 0)),
            ),
            "Inés Ortega",
            false,
        ),
        finding(
            FindingKind::UnverifiedFigure,
            Severity::Info,
            None,
            "number 200 is not covered by any claim",
            None,
            Some("200"),
            Some(span_of(text, "200", 0)),
        ),
        finding(
            FindingKind::Unattributed,
            Severity::Warning,
            Some("three-years"),
            "quote is credited to nobody; Inés Ortega said it",
            Some("Inés Ortega"),
            None,
            Some(span_of(text, "It took three years to get here.", 0)),
        ),
        finding(
            FindingKind::Unverified,
            Severity::Warning,
            None,
            "quote is not covered by any rule",
            None,
            None,
            Some(span_of(text, "We are not finished,", 0)),
        ),
        finding(
            FindingKind::Misattributed,
            Severity::Error,
            Some("ortega-shield"),
            "statement credited to Dana Whitfield (“Whitfield”), but verified as said by Inés \
             Ortega: The measure shields families from federal immigration agents.",
            Some("Inés Ortega"),
            Some("Dana Whitfield"),
            Some(span_of(text, "Whitfield", 1)),
        ),
        finding(
            FindingKind::Altered,
            Severity::Error,
            Some("ortega-status"),
            "statement by Inés Ortega is reversed: the draft reports “the city would share \
             residents’ immigration status”, but Inés Ortega said: “The city will not share \
             residents’ immigration status.”",
            Some("The city will not share residents’ immigration status."),
            Some("the city would share residents’ immigration status"),
            Some(span_of(
                text,
                "the city would share residents’ immigration status",
                0,
            )),
        ),
        Finding {
            kind: FindingKind::UnusedSuppression,
            severity: Severity::Warning,
            ruleset: None,
            rule: Some("council-quorum".to_owned()),
            message: "suppresses nothing: no finding of this rule in the draft; remove it"
                .to_owned(),
            expected: None,
            found: None,
            span: Some(span_of(text, "council-quorum", 0)),
            fix: None,
        },
    ];
    // A deliberate deviation the draft's author silenced with an inline comment.
    let suppressed = vec![finding(
        FindingKind::Altered,
        Severity::Error,
        Some("vote-day"),
        "vote day is Tuesday, but the rule says Monday",
        Some("Monday"),
        Some("Tuesday"),
        Some(span_of(text, "Tuesday", 0)),
    )];
    vec![
        CheckedFile {
            source: draft(),
            findings,
            suppressed,
            // Quotes: the two segments of the promise verified; the law quote
            // misattributed, three years unattributed, not finished unverified. Figures:
            // 12-1 altered, 200 unverified.
            coverage: Coverage {
                quotes: Tally {
                    verified: 2,
                    total: 5,
                },
                figures: Some(Tally {
                    verified: 0,
                    total: 2,
                }),
            },
        },
        CheckedFile {
            // A claim verifies March 3.
            coverage: Coverage {
                quotes: Tally::default(),
                figures: Some(Tally {
                    verified: 1,
                    total: 1,
                }),
            },
            ..CheckedFile::new(clean(), Vec::new())
        },
    ]
}

/// Both drafts with their quotes: a split quote, a plain one, one without a speaker and
/// one credited through a pronoun in the first; none in the second.
pub(crate) fn quote_sheets() -> Vec<QuoteSheet> {
    let text = DRAFT;
    let ortega = |mention: Span, inferred: bool| Speaker {
        name: "Inés Ortega".to_owned(),
        mention,
        inferred,
    };
    let she = span_of(text, "she said", 0);
    let she = Span::new(she.start, she.start + "she".len());
    let quotes = vec![
        Quote {
            segments: vec![
                span_of(text, "This is a promise to every family in this city,", 0),
                span_of(text, "and we will keep it.", 0),
            ],
            speaker: Some(ortega(span_of(text, "Inés Ortega", 0), false)),
            cue: Some("said".to_owned()),
        },
        Quote {
            segments: vec![span_of(text, "Nobody here is above the law,", 0)],
            speaker: Some(Speaker {
                name: "Dana Whitfield".to_owned(),
                mention: span_of(text, "Dana Whitfield", 0),
                inferred: false,
            }),
            cue: Some("said".to_owned()),
        },
        Quote {
            segments: vec![span_of(text, "It took three years to get here.", 0)],
            speaker: None,
            cue: None,
        },
        Quote {
            segments: vec![span_of(text, "We are not finished,", 0)],
            speaker: Some(ortega(she, true)),
            cue: Some("said".to_owned()),
        },
    ];
    vec![
        QuoteSheet {
            source: draft(),
            quotes,
            reported: Vec::new(),
        },
        QuoteSheet {
            source: clean(),
            quotes: Vec::new(),
            reported: Vec::new(),
        },
    ]
}

/// The rules the fixture's findings name, plus one quote rule the first draft gets
/// right, as the command line would catalogue them.
pub(crate) fn catalog() -> crate::report::RuleCatalog {
    use crate::report::{RuleEntry, RuleKind};
    let entry = |id: &str, statement: &str, kind: RuleKind, severity: Severity| RuleEntry {
        ruleset: RULESET.to_owned(),
        id: id.to_owned(),
        statement: statement.to_owned(),
        kind,
        severity,
    };
    crate::report::RuleCatalog::new(vec![
        entry(
            "council-vote",
            "The council passed the measure 13-0.",
            RuleKind::Claim,
            Severity::Error,
        ),
        entry(
            "vote-day",
            "The council voted on Monday.",
            RuleKind::Claim,
            Severity::Error,
        ),
        entry(
            "effective-date",
            "The measure takes effect on January 1, 2026.",
            RuleKind::Claim,
            Severity::Info,
        ),
        entry(
            "ortega-promise",
            "Inés Ortega: “This is a promise to every family in this city, and we will keep it.”",
            RuleKind::Quote,
            Severity::Error,
        ),
        entry(
            "ortega-law",
            "Inés Ortega: “Nobody here is above the law.”",
            RuleKind::Quote,
            Severity::Error,
        ),
        entry(
            "three-years",
            "Inés Ortega: “It took three years to get here.”",
            RuleKind::Quote,
            Severity::Warning,
        ),
        entry(
            "ortega-shield",
            "Inés Ortega said: The measure shields families from federal immigration agents.",
            RuleKind::Statement,
            Severity::Error,
        ),
        entry(
            "ortega-status",
            "Inés Ortega said: The city will not share residents’ immigration status.",
            RuleKind::Statement,
            Severity::Error,
        ),
    ])
}
