//! Verification coverage of figures (`--figures`): what in a draft is *not* backed by a
//! claim. Every figure of the draft — a tally, year, date, number, percentage or amount,
//! as [`crate::extract::find_all_values`] reads it — is judged once:
//!
//! * **verified** when it states a claim (see [`super::claims::stating_values`]);
//! * **altered** when a claim reports it as an alteration;
//! * otherwise **unverified**, reported as an `unverified-figure` info — unless it is not
//!   a claim at all ([`not_a_claim`]), in which case it is not counted.
//!
//! Readings that overlap are one figure (`January 14, 2025` and its year; `2019` as a
//! year and as a number), so the figures total is exactly verified + altered +
//! unverified. Documented in docs/checking.md.

use super::claims::FigureVerdicts;
use super::quotes::Draft;
use super::{Finding, FindingKind, Tally};
use crate::extract::values::is_weak_number_word;
use crate::extract::{find_all_values, ValueKind};
use crate::rules::Severity;
use crate::text::{SourceFile, Span};

/// Words that name a thing by its number rather than state a figure when written just
/// before it (`page 12`, `Section 8`, `District 4`, `Proposition 50`, `Flight 93`);
/// compared lower-case, without a final period.
const LABEL_WORDS: &[&str] = &[
    "amendment",
    "apartment",
    "appendix",
    "apt",
    "art",
    "article",
    "bill",
    "case",
    "category",
    "ch",
    "channel",
    "chapter",
    "clause",
    "district",
    "docket",
    "episode",
    "exhibit",
    "fig",
    "figure",
    "flight",
    "gate",
    "grade",
    "highway",
    "interstate",
    "issue",
    "item",
    "level",
    "line",
    "measure",
    "no",
    "nos",
    "ordinance",
    "p",
    "page",
    "pages",
    "para",
    "paragraph",
    "part",
    "phase",
    "platform",
    "pp",
    "precinct",
    "prop",
    "proposition",
    "resolution",
    "room",
    "route",
    "sec",
    "section",
    "stage",
    "station",
    "suite",
    "table",
    "terminal",
    "title",
    "track",
    "unit",
    "vol",
    "volume",
    "ward",
];

/// Prefixes joined to a year by a hyphen that keep it a year (`mid-2019`).
const YEAR_PREFIXES: &[&str] = &["mid", "pre", "post", "early", "late"];

/// What one reading of the draft says about the text it covers.
#[derive(Clone, Copy)]
enum Reading {
    /// A value of this kind.
    Value(ValueKind),
    /// A value that states a claim.
    Verified,
    /// A value a claim reports as an alteration.
    Altered,
}

/// One figure: overlapping readings merged.
struct Figure {
    /// In the draft's normalised text.
    span: Span,
    kinds: Vec<ValueKind>,
    verified: bool,
    altered: bool,
}

/// The `unverified-figure` findings of a draft (spans in `source`) and its figure
/// coverage, given what its claims made of its figures.
pub(super) fn judge_figures(
    source: &SourceFile,
    draft: &Draft,
    verdicts: &FigureVerdicts,
) -> (Vec<Finding>, Tally) {
    let text = &draft.normalized.text;
    let mut readings: Vec<(Span, Reading)> = Vec::new();
    for &sentence in &draft.sentences {
        for value in find_all_values(&text[sentence.range()]) {
            readings.push((
                value.span.shift(sentence.start),
                Reading::Value(value.value.kind()),
            ));
        }
    }
    readings.extend(verdicts.verified.iter().map(|&s| (s, Reading::Verified)));
    readings.extend(verdicts.altered.iter().map(|&s| (s, Reading::Altered)));
    readings.sort_by_key(|&(span, _)| (span.start, span.end));
    let mut figures: Vec<Figure> = Vec::new();
    for (span, reading) in readings {
        let figure = match figures.last_mut() {
            Some(last) if span.start < last.span.end => {
                last.span.end = last.span.end.max(span.end);
                last
            }
            _ => {
                figures.push(Figure {
                    span,
                    kinds: Vec::new(),
                    verified: false,
                    altered: false,
                });
                figures.last_mut().expect("just pushed")
            }
        };
        match reading {
            Reading::Value(kind) => figure.kinds.push(kind),
            Reading::Verified => figure.verified = true,
            Reading::Altered => figure.altered = true,
        }
    }
    let mut findings = Vec::new();
    let mut tally = Tally::default();
    for figure in figures {
        if figure.altered || figure.verified {
            tally.total += 1;
            tally.verified += usize::from(!figure.altered);
            continue;
        }
        let original = draft.normalized.to_original(figure.span);
        if not_a_claim(draft, text, figure.span, original) {
            continue;
        }
        tally.total += 1;
        findings.push(unverified_figure(source, original, &figure.kinds));
    }
    (findings, tally)
}

/// True when a figure that no claim judged is not a claim of the draft, and is left out
/// of the coverage (`span` in the normalised text, `original` in the draft):
///
/// * it is inside a quote (quotes are checked as quotes);
/// * it is a weak number word (`one`, see [`crate::extract::values::WEAK_NUMBER_WORDS`]);
/// * a label word names a thing by it (`page 12`, `Section 8`, `District 4`; see
///   [`LABEL_WORDS`]);
/// * it is a time of day (`3 p.m.`, `10:30`);
/// * it is part of a name joined by a hyphen (`COVID-19`, `F-35`; a year after `mid-`,
///   `pre-`, `post-`, `early-`, `late-` stays a figure).
///
/// Ordinals (`1st`, `third`) and decades (`the 1990s`) are never read as figures.
fn not_a_claim(draft: &Draft, text: &str, span: Span, original: Span) -> bool {
    let in_quote = draft
        .quotes
        .iter()
        .flat_map(|q| &q.segments)
        .any(|s| s.start < original.end && original.start < s.end);
    if in_quote || is_weak_number_word(&text[span.range()]) {
        return true;
    }
    let before = &text[..span.start];
    let after = &text[span.end..];
    // A hyphen joining a word before the figure: part of a name.
    if let Some(joined) = before.strip_suffix('-') {
        let word = trailing_word(joined);
        if !word.is_empty() && !YEAR_PREFIXES.contains(&word.to_lowercase().as_str()) {
            return true;
        }
    }
    let label = trailing_word(before.trim_end_matches(' ').trim_end_matches('.'));
    if before.ends_with(' ') && LABEL_WORDS.contains(&label.to_lowercase().as_str()) {
        return true;
    }
    let digit_at = |s: &str, first: bool| {
        let c = if first {
            s.chars().next()
        } else {
            s.chars().last()
        };
        c.is_some_and(|c| c.is_ascii_digit())
    };
    let clock = after
        .strip_prefix(':')
        .is_some_and(|rest| digit_at(rest, true))
        || before
            .strip_suffix(':')
            .is_some_and(|rest| digit_at(rest, false));
    let next = after.trim_start().to_lowercase();
    let meridiem = [
        "a.m", "p.m", "am ", "pm ", "am.", "pm.", "am,", "pm,", "o'clock",
    ]
    .iter()
    .any(|m| next.starts_with(m))
        || next == "am"
        || next == "pm";
    clock || meridiem
}

/// The run of letters at the end of `s`.
fn trailing_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

/// The `unverified-figure` finding of a figure at `span` (in `source`) read as `kinds`.
fn unverified_figure(source: &SourceFile, span: Span, kinds: &[ValueKind]) -> Finding {
    // The most specific reading names it: a date before its year, a year before the
    // number it also is.
    const ORDER: [ValueKind; 6] = [
        ValueKind::Date,
        ValueKind::Tally,
        ValueKind::Money,
        ValueKind::Percent,
        ValueKind::Year,
        ValueKind::Number,
    ];
    let noun = ORDER
        .iter()
        .find(|k| kinds.contains(k))
        .map_or("figure", |k| k.noun());
    let written = source
        .text
        .get(span.range())
        .unwrap_or_default()
        .to_string();
    Finding {
        kind: FindingKind::UnverifiedFigure,
        severity: Severity::Info,
        ruleset: None,
        rule: None,
        message: format!("{noun} {written} is not covered by any claim"),
        expected: None,
        found: Some(written),
        span: Some(span),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{CheckOptions, Checker, Engine, FindingKind, Tally};
    use crate::rules::load_rule_file;
    use crate::text::SourceFile;

    const RULES: &str = "ruleset: t\npeople: [{ name: Ann Lee }]\nclaims:\n\
        - { id: vote, statement: s, context: [vote], value: { tally: 13-0 }, required: false }\n\
        - { id: founded, statement: s, context: [founded], value: { year: 1979 },\n\
            required: false }\n";

    /// The figures of `draft` no claim covers, and its figure coverage (the same with
    /// both engines).
    fn unverified(draft: &str) -> (Vec<String>, Tally) {
        let rules = [load_rule_file("t.yaml", RULES).expect("rules load")];
        let source = SourceFile::new("d.txt", draft);
        let options = CheckOptions {
            report_unverified: false,
            report_figures: true,
        };
        let indexed = Checker::with_engine(&rules, options.clone(), Engine::Indexed)
            .check_with_coverage(&source);
        let straightforward = Checker::with_engine(&rules, options, Engine::Straightforward)
            .check_with_coverage(&source);
        assert_eq!(indexed, straightforward, "{draft}");
        let (findings, coverage) = indexed;
        let figures = coverage.figures.expect("figures are checked");
        // Every figure judged is verified, altered or unverified, once.
        let altered: std::collections::HashSet<_> = findings
            .iter()
            .filter(|f| f.kind == FindingKind::Altered)
            .map(|f| f.span)
            .collect();
        let texts: Vec<String> = findings
            .iter()
            .filter(|f| f.kind == FindingKind::UnverifiedFigure)
            .map(|f| f.found.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            figures.total,
            figures.verified + altered.len() + texts.len(),
            "{draft}"
        );
        (texts, figures)
    }

    #[test]
    fn figures_no_claim_covers() {
        let t = |verified, total| Tally { verified, total };
        // (draft, the figures reported, coverage)
        let cases: &[(&str, &[&str], Tally)] = &[
            // Verified, altered, unverified.
            ("The vote was 13-0.", &[], t(1, 1)),
            ("The vote was 12-1.", &[], t(0, 1)),
            ("The vote was 13-0 and 200 came.", &["200"], t(1, 2)),
            // Every kind of figure.
            (
                "It cost $2 million, 15% more, for 3,500 seats in 2019, on May 5, 2020, after a 7-2 vote.",
                &["$2 million", "15%", "3,500", "2019", "May 5, 2020"],
                t(0, 6),
            ),
            // A date and its year are one figure; a year that is also a number too.
            ("It opened on January 14, 2025.", &["January 14, 2025"], t(0, 1)),
            ("It was founded in 1979 and closed in 1990.", &["1990"], t(1, 2)),
            // Not claims: inside a quote, weak words, labels, times, names.
            ("“We need 40 more beds,” Ann Lee said.", &[], t(0, 0)),
            ("One resident and a single official came once.", &[], t(0, 0)),
            (
                "See page 12, p. 4, Section 8, District 4 and Proposition 50.",
                &[],
                t(0, 0),
            ),
            ("It starts at 3 p.m. and ends at 10:30.", &[], t(0, 0)),
            ("COVID-19 cases fell in mid-2021.", &["2021"], t(0, 1)),
            // Ordinals, decades and dates without a year are never figures.
            ("The 3rd hearing in the 1990s was on March 3.", &[], t(0, 0)),
            // Judged by a claim, a figure counts wherever it is.
            ("“The vote was 12-1,” Ann Lee said.", &[], t(0, 1)),
        ];
        for (draft, reported, coverage) in cases {
            let (texts, figures) = unverified(draft);
            assert_eq!(texts, *reported, "{draft}");
            assert_eq!(figures, *coverage, "{draft}");
        }
    }
}
