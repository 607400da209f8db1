//! The bodies of the fuzz targets, shared with the regression tests: each fuzz target is
//! one call into this file (`fuzz/fuzz_targets/*.rs`), and `tests/fuzz_regressions.rs`
//! includes it too, so a crash input committed under `tests/fuzz_regressions/` goes
//! through exactly the code that found it.
//!
//! Every function takes arbitrary bytes, must never panic, and asserts the invariants of
//! what it exercises: every span lies inside its text, on char boundaries.

#![allow(dead_code)]

use std::sync::OnceLock;

use factcheck::check::{CheckOptions, CheckedFile, Checker};
use factcheck::extract::ValueKind;
use factcheck::extract::{find_quotes_with_people, find_values, parse_value, KnownPerson};
use factcheck::report::{Emitter, JsonEmitter, TextEmitter};
use factcheck::rules::{lint, load_rule_file, Pronouns, RuleSet};
use factcheck::text::{
    normalize, paragraphs, sentences, source_paragraphs, words_for_compare, InputFormat, LineIndex,
    Prose, ReadOptions, SourceFile, Span,
};

/// The shipped reference ruleset, for the full check.
pub const SHIPPED_RULES: &str = include_str!("../rules/la-sanctuary-city.yaml");

/// Every value kind.
pub const KINDS: [ValueKind; 7] = [
    ValueKind::Tally,
    ValueKind::Year,
    ValueKind::Date,
    ValueKind::Number,
    ValueKind::Percent,
    ValueKind::Money,
    ValueKind::Text,
];

/// Asserts that `span` lies inside `text` on char boundaries.
#[track_caller]
pub fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {}..{} outside a text of {} bytes",
        span.start,
        span.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {}..{} not on char boundaries",
        span.start,
        span.end
    );
}

/// Asserts that `spans` are in order and do not overlap.
#[track_caller]
fn assert_ordered(spans: &[Span], what: &str) {
    for w in spans.windows(2) {
        assert!(w[0].end <= w[1].start, "{what}: {:?} then {:?}", w[0], w[1]);
    }
}

/// Decoding arbitrary bytes, normalisation and its offset map, paragraphs, sentences and
/// the line index.
pub fn normalize_target(data: &[u8]) {
    for options in [
        ReadOptions::default(),
        ReadOptions {
            max_size: 1 << 20,
            encoding: Some(encoding_rs::WINDOWS_1252),
        },
    ] {
        if let Ok(source) = SourceFile::decode("fuzz.txt", data.to_vec(), &options) {
            line_index_invariants(&source.text);
        }
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    line_index_invariants(text);
    let n = normalize(text);
    let mut last = 0;
    for (i, c) in n.text.char_indices() {
        let span = n.to_original(Span::new(i, i + c.len_utf8()));
        assert_span(text, span, "normalised char");
        assert!(span.start >= last, "the offset map goes backwards at {i}");
        last = span.start;
    }
    for offset in 0..=n.text.len() {
        let at = n.original_offset(offset);
        assert!(
            at <= text.len() && text.is_char_boundary(at),
            "offset {offset} maps to {at}"
        );
    }
    let whole = n.to_original(Span::new(0, n.text.len()));
    assert_span(text, whole, "the whole normalised text");
    let paras = source_paragraphs(text);
    for p in &paras {
        assert_span(text, *p, "source paragraph");
        assert!(!p.is_empty(), "an empty source paragraph");
    }
    assert_ordered(&paras, "source paragraphs");
    for p in paragraphs(&n.text) {
        assert_span(&n.text, p, "paragraph");
    }
    let sents = sentences(&n.text);
    for s in &sents {
        assert_span(&n.text, *s, "sentence");
        assert_span(text, n.to_original(*s), "sentence in the original");
    }
    assert_ordered(&sents, "sentences");
    let _ = words_for_compare(text);
}

/// Line and column of every char boundary: 1-based, and lines never go backwards.
fn line_index_invariants(text: &str) {
    let index = LineIndex::new(text);
    let mut last_line = 1;
    for (i, _) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let (line, column) = index.line_col(text, i);
        assert!(
            line >= 1 && column >= 1,
            "line:column {line}:{column} at {i}"
        );
        assert!(
            line >= last_line,
            "line {line} after line {last_line} at {i}"
        );
        assert!(line <= index.len());
        last_line = line;
    }
}

/// People the attribution may resolve speakers to.
fn people() -> Vec<KnownPerson> {
    vec![
        KnownPerson {
            name: "Karen Bass".into(),
            aliases: vec!["Bass".into(), "Mayor Karen Bass".into(), "the mayor".into()],
            pronouns: Some(Pronouns::She),
        },
        KnownPerson {
            name: "Tom Homan".into(),
            aliases: vec!["Homan".into(), "the border czar".into()],
            pronouns: None,
        },
    ]
}

/// Quote finding and attribution, with and without known people.
pub fn quotes_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for people in [Vec::new(), people()] {
        let mut last = 0;
        for q in find_quotes_with_people(text, &people) {
            assert!(!q.segments.is_empty(), "a quote without segments");
            for s in &q.segments {
                assert_span(text, *s, "quote segment");
                assert!(s.start >= last, "quote segments out of order");
                last = s.start;
            }
            if let Some(speaker) = &q.speaker {
                assert_span(text, speaker.mention, "speaker mention");
            }
        }
    }
}

/// Value parsing (a rule's value) and value finding (in prose, raw and normalised).
pub fn values_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let normalized = normalize(text);
    for kind in KINDS {
        if let Ok(value) = parse_value(kind, text) {
            assert_eq!(
                value.kind(),
                kind,
                "parse_value({kind:?}) gave another kind"
            );
        }
        for haystack in [text, normalized.text.as_str()] {
            let found = find_values(haystack, kind);
            let mut last = 0;
            for f in &found {
                assert_span(haystack, f.span, "found value");
                assert_eq!(
                    f.value.kind(),
                    kind,
                    "find_values({kind:?}) gave another kind"
                );
                assert!(f.span.start >= last, "found values out of order");
                last = f.span.start;
            }
        }
    }
}

/// A small draft for checking rule files loaded from fuzz input.
const SAMPLE_DRAFT: &str = "The City Council voted 13-0 on Tuesday, Dec. 10, 2024. \
    “We will not cooperate,” Mayor Karen Bass said. The plan costs $1.2 million, 60% more.";

/// Rule-file loading; a file that loads is linted and checked against a small draft.
pub fn rules_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match load_rule_file("fuzz.yaml", text) {
        Err(e) => {
            assert!(e.line >= 1 && e.column >= 1, "{e}");
            assert!(
                !e.message.is_empty(),
                "an empty message at {}:{}",
                e.line,
                e.column
            );
        }
        Ok(ruleset) => {
            let rulesets = vec![ruleset];
            let _ = lint(&rulesets);
            check_invariants(
                &Checker::new(&rulesets, CheckOptions::default()),
                SourceFile::new("sample.txt", SAMPLE_DRAFT),
            );
        }
    }
}

/// The shipped rules, loaded once.
fn shipped_rules() -> &'static [RuleSet] {
    static RULES: OnceLock<Vec<RuleSet>> = OnceLock::new();
    RULES.get_or_init(|| {
        vec![
            load_rule_file("rules/la-sanctuary-city.yaml", SHIPPED_RULES)
                .expect("the shipped rules load"),
        ]
    })
}

/// The checker of the shipped rules, built once (building compiles the rules).
fn shipped_checker() -> &'static Checker<'static> {
    static CHECKER: OnceLock<Checker<'static>> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(shipped_rules(), CheckOptions::default()))
}

/// The full check with the shipped rules on arbitrary input, and both emitters.
pub fn check_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check_invariants(shipped_checker(), SourceFile::new("fuzz.txt", text));
}

/// Markdown and HTML drafts (and plain text with suppression comments): the first byte
/// picks the format, the rest is the draft. Every character of the prose maps back into
/// the original on char boundaries, in order; suppression and front-matter names point
/// at themselves; a full check as written (`Checker::check_document`) gives findings and
/// suppressed findings inside the original, and the emitters render them.
pub fn markup_target(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format =
        [InputFormat::Text, InputFormat::Markdown, InputFormat::Html][usize::from(pick % 3)];
    let Ok(prose) = Prose::extract(text, format) else {
        return;
    };
    let view = prose.text(text);
    let mut last = 0;
    for (i, c) in view.char_indices() {
        let span = prose.to_original(Span::new(i, i + c.len_utf8()));
        assert_span(text, span, "prose character");
        assert!(span.start >= last, "prose maps back in order");
        last = span.start;
    }
    for s in &prose.suppressions {
        for r in &s.rules {
            assert_eq!(&text[r.span.range()], r.name, "suppressed rule name");
        }
    }
    for n in prose.front_matter_rulesets.iter().flatten() {
        assert_span(text, n.span, "front matter name");
    }
    let Ok(checked) = shipped_checker().check_document(SourceFile::new("fuzz", text), format)
    else {
        return;
    };
    for f in checked.findings.iter().chain(&checked.suppressed) {
        if let Some(span) = f.span {
            assert_span(text, span, "finding");
        }
    }
    render_both(&[checked]);
}

/// Checks `source`: every finding's span lies inside the draft on char boundaries, and
/// both emitters render the findings (the JSON output parses back).
fn check_invariants(checker: &Checker, source: SourceFile) {
    let findings = checker.check(&source);
    for f in &findings {
        if let Some(span) = f.span {
            assert_span(&source.text, span, "finding");
            let _ = source.line_col(span.start);
        }
    }
    render_both(&[CheckedFile::new(source, findings)]);
}

/// Renders `files` with both emitters; the JSON output must parse back.
fn render_both(files: &[CheckedFile]) {
    let mut out = Vec::new();
    TextEmitter { styled: false }
        .emit(&mut out, files)
        .expect("writes to memory");
    let mut out = Vec::new();
    JsonEmitter.emit(&mut out, files).expect("writes to memory");
    let _: serde_json::Value = serde_json::from_slice(&out).expect("the JSON output parses");
}
