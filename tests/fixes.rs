//! Fixes over whole drafts (the unit tables of each stage are next to the code, in
//! `src/check/fix/`):
//!
//! - after applying every safe fix, checking again reports no `altered` finding: for
//!   every sample draft in `data/` (text, Markdown, HTML) and for generated variants of
//!   them with values and quote words altered at random;
//! - a draft with values of every kind, in several styles, is fixed in its own style;
//! - unsafe fixes repair misattributed speakers only when asked for.
//!
//! The command, `factcheck fix`, is tested with the other commands in `tests/cli.rs`.

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use factcheck::check::fix::{fix_checked, FixSafety};
use factcheck::check::{CheckOptions, CheckedFile, Checker, FindingKind};
use factcheck::extract::find_quotes;
use factcheck::rules::{load_rule_file, load_rules, RuleSet};
use factcheck::text::{InputFormat, Prose, SourceFile};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shipped() -> Vec<RuleSet> {
    load_rules(&[root().join("rules")]).expect("the shipped rules load")
}

/// Every sample draft: its name and text.
fn samples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(root().join("data"))
        .expect("data/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            let bytes = fs::read(&p).expect("readable");
            let text = SourceFile::from_bytes(name.clone(), bytes)
                .expect("decodes")
                .text;
            (name, text)
        })
        .collect();
    out.sort();
    out
}

fn check(checker: &Checker, name: &str, text: &str) -> CheckedFile {
    let format = InputFormat::for_path(Path::new(name));
    checker
        .check_document(SourceFile::new(name, text), format)
        .unwrap_or_else(|e| panic!("{name} checks: {e}"))
}

/// The ids of the shipped statements: a reversed statement is reported `altered` but
/// has no fix (a paraphrase is never rewritten), so the fix tests leave it aside.
fn statement_ids() -> &'static [String] {
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        shipped()
            .iter()
            .flat_map(|r| r.statements.iter().map(|s| s.id.clone()))
            .collect()
    })
}

/// The findings of one kind (rule and found text), the statements' aside.
fn kinds(file: &CheckedFile, kind: FindingKind) -> Vec<String> {
    file.findings
        .iter()
        .filter(|f| f.kind == kind)
        .filter(|f| !f.rule.as_ref().is_some_and(|r| statement_ids().contains(r)))
        .map(|f| format!("{:?} {:?}", f.rule, f.found))
        .collect()
}

/// Fixes `text` (safe fixes, or unsafe ones too) and checks it again.
fn fixed(checker: &Checker, name: &str, text: &str, safety: FixSafety) -> (String, CheckedFile) {
    let before = check(checker, name, text);
    let applied = fix_checked(&before, safety);
    let after = check(checker, name, &applied.text);
    (applied.text, after)
}

#[test]
fn safe_fixes_leave_no_altered_finding_in_the_samples() {
    let rules = shipped();
    let checker = Checker::new(&rules, CheckOptions::default());
    let mut fixed_some = 0;
    for (name, text) in samples() {
        let before = check(&checker, &name, &text);
        let altered = kinds(&before, FindingKind::Altered);
        let with_fix = before.findings.iter().filter(|f| f.fix.is_some()).count();
        let (after_text, after) = fixed(&checker, &name, &text, FixSafety::SafeOnly);
        assert_eq!(
            kinds(&after, FindingKind::Altered),
            Vec::<String>::new(),
            "{name}"
        );
        if !altered.is_empty() {
            fixed_some += 1;
            assert_ne!(after_text, text, "{name}");
        }
        // Nothing else gets worse: every other finding is still there, no new one.
        let others = |f: &CheckedFile| {
            let mut v: Vec<String> = f
                .findings
                .iter()
                .filter(|f| f.kind != FindingKind::Altered)
                .map(|f| format!("{:?} {:?}", f.kind, f.rule))
                .collect();
            v.sort();
            v
        };
        assert_eq!(others(&after), others(&before), "{name}");
        // Only findings with a fix change the text.
        if with_fix == 0 {
            assert_eq!(after_text, text, "{name}");
        }
    }
    assert_eq!(
        fixed_some, 3,
        "altered.txt, .md and .html have altered findings"
    );
}

#[test]
fn the_samples_are_fixed_where_the_finding_is() {
    let rules = shipped();
    let checker = Checker::new(&rules, CheckOptions::default());
    for (name, text) in samples() {
        if !name.starts_with("altered") {
            continue;
        }
        let (after, _) = fixed(&checker, &name, &text, FixSafety::SafeOnly);
        let format = InputFormat::for_path(Path::new(&name));
        let prose = |t: &str| {
            Prose::extract(t, format)
                .expect("reads")
                .text(t)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let read = prose(&after);
        for verified in [
            "in a 13-0 vote",
            "a very clear message that",
            "since 1979",
            "Los Angeles will always stand together",
        ] {
            assert!(read.contains(verified), "{name}: {verified:?} in {read}");
        }
        // The markup around the fixed words is the draft's.
        match format {
            InputFormat::Markdown => {
                assert!(
                    after.contains("**13-0**") && after.contains("*clear*"),
                    "{after}"
                )
            }
            InputFormat::Html => assert!(
                after.contains("<strong>13-0</strong>") && after.contains("<em>clear</em>"),
                "{after}"
            ),
            InputFormat::Text => {}
        }
    }
}

#[test]
fn unsafe_fixes_repair_misattributions_only_when_asked() {
    let rules = shipped();
    let checker = Checker::new(&rules, CheckOptions::default());
    for (name, text) in samples() {
        if !name.starts_with("misattributed") {
            continue;
        }
        let before = check(&checker, &name, &text);
        let fixable: Vec<String> = before
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Misattributed && f.fix.is_some())
            .map(|f| format!("{:?}", f.rule))
            .collect();
        // Two quotes' speakers and one statement's.
        assert_eq!(fixable.len(), 3, "{name}: {:?}", before.findings);
        let (safe_text, _) = fixed(&checker, &name, &text, FixSafety::SafeOnly);
        assert_eq!(safe_text, text, "{name}: safe fixes leave speakers alone");
        let (_, after) = fixed(&checker, &name, &text, FixSafety::IncludeUnsafe);
        let left: Vec<String> = after
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Misattributed)
            .map(|f| format!("{:?}", f.rule))
            .collect();
        for rule in &fixable {
            assert!(!left.contains(rule), "{name}: {rule} still misattributed");
        }
    }
}

const VALUES_RULES: &str = r#"
ruleset: values
people:
  - { name: Ann Lee, title: Mayor }
  - { name: Bo Park }
claims:
  - { id: vote, statement: s, context: [vote], value: { tally: 13-0 } }
  - { id: meeting, statement: s, context: [meeting], value: { date: 2025-01-14 } }
  - { id: budget, statement: s, context: [budget], value: { money: $1.2 billion } }
  - { id: turnout, statement: s, context: [turnout], value: { percent: 55% } }
  - { id: residents, statement: s, context: [residents], value: { number: 1.5 million } }
  - { id: founded, statement: s, context: [founded], value: { year: 1979 } }
  - { id: members, statement: s, context: [members], value: { number: 15 } }
quotes:
  - id: lee-promise
    speaker: ann-lee
    text: We will keep every promise we made to this city, and we will keep it soon
"#;

/// `(file name, draft, the draft after its safe fixes)`.
const STYLED: &[(&str, &str, &str)] = &[
    (
        "digits.txt",
        "The council vote was 12\u{2013}1. The meeting was on Jan. 15, 2025. The budget is \
         $1.1bn. Turnout was 60 per cent. The city has 1.4 million residents. It was founded \
         in 1997. The board has fourteen members.\n",
        "The council vote was 13\u{2013}0. The meeting was on Jan. 14, 2025. The budget is \
         $1.2bn. Turnout was 55 per cent. The city has 1.5 million residents. It was founded \
         in 1979. The board has fifteen members.\n",
    ),
    (
        "words.md",
        "# Report\n\nThe vote went *twelve-to-one*. The meeting was on 15 January 2025. The \
         budget is $1,100,000,000. Turnout was sixty percent. The city has 1,400,000 \
         residents. The board has 14 members.\n",
        "# Report\n\nThe vote went *thirteen-to-zero*. The meeting was on 14 January 2025. The \
         budget is $1,200,000,000. Turnout was fifty-five percent. The city has 1,500,000 \
         residents. The board has 15 members.\n",
    ),
    (
        "markup.html",
        "<p>The vote was <b>12 to 1</b>. The meeting was on 2025-01-15. The budget is \
         $1.1&nbsp;billion.</p>\n<p>“We will keep every promise we made to this town, and we \
         will keep it soon,” said Mayor Ann Lee.</p>\n",
        "<p>The vote was <b>13 to 0</b>. The meeting was on 2025-01-14. The budget is \
         $1.2&nbsp;billion.</p>\n<p>“We will keep every promise we made to this city, and we \
         will keep it soon,” said Mayor Ann Lee.</p>\n",
    ),
    // A split quote: the edit stays in its segment, the attribution between is kept.
    (
        "split.txt",
        "“We will keep every promise we made to this town,” Lee said, “and we will.”\n",
        "“We will keep every promise we made to this city,” Lee said, “and we will.”\n",
    ),
];

#[test]
fn values_of_every_kind_are_fixed_in_the_drafts_style() {
    let rules = vec![load_rule_file("values.yaml", VALUES_RULES).expect("the rules load")];
    let checker = Checker::new(&rules, CheckOptions::default());
    for (name, draft, want) in STYLED {
        let before = check(&checker, name, draft);
        assert!(
            !kinds(&before, FindingKind::Altered).is_empty(),
            "{name}: {:?}",
            before.findings
        );
        let (after_text, after) = fixed(&checker, name, draft, FixSafety::SafeOnly);
        assert_eq!(after_text, *want, "{name}");
        assert_eq!(
            kinds(&after, FindingKind::Altered),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Generated variants
// ---------------------------------------------------------------------------------------

/// Words a generated edit writes into a quote.
const WORDS: &[&str] = &["very", "strong", "truly", "never", "people", "loud", "city"];

/// Tallies in words a variant may write instead of `thirteen-to-zero`.
const SPELLED_TALLIES: [&str; 4] = [
    "twelve-to-one",
    "eleven-to-two",
    "thirteen-to-one",
    "nine-to-four",
];

/// One change to a quote: which segment and word (modulo their counts), and what to do
/// (0 replace the word, 1 delete it, 2 insert a word before it).
type QuoteEdit = (usize, usize, u8, &'static str);

/// `text` with its vote tallies and years changed, and `edits` made to its quotes' words
/// (words of plain ASCII letters: next to markup, never through it).
fn variant(text: &str, yes: usize, no: usize, years: (u32, u32), edits: &[QuoteEdit]) -> String {
    let mut out = text.to_string();
    for tally in ["13\u{2013}0", "13-0", "12-1", "13&ndash;0"] {
        out = out.replace(tally, &format!("{yes}-{no}"));
    }
    out = out.replace(
        "thirteen-to-zero",
        SPELLED_TALLIES[(yes + no) % SPELLED_TALLIES.len()],
    );
    out = out.replace("since 1979", &format!("since {}", years.0));
    out = out.replace("since 1997", &format!("since {}", years.0));
    out = out.replace("state in 2017", &format!("state in {}", years.1));
    for &(segment, word, op, new) in edits {
        let segments: Vec<(usize, usize)> = find_quotes(&out)
            .iter()
            .flat_map(|q| q.segments.iter().map(|s| (s.start, s.end)))
            .collect();
        let Some(&(start, end)) = segments.get(segment % segments.len().max(1)) else {
            continue;
        };
        let tokens: Vec<(usize, usize)> = out[start..end]
            .split(' ')
            .scan(start, |at, w| {
                let span = (*at, *at + w.len());
                *at += w.len() + 1;
                Some(span)
            })
            .collect();
        let words: Vec<(usize, usize)> = tokens
            .into_iter()
            .filter(|&(a, b)| b > a && out[a..b].bytes().all(|c| c.is_ascii_alphabetic()))
            .collect();
        let Some(&(a, b)) = words.get(word % words.len().max(1)) else {
            continue;
        };
        match op {
            0 => out.replace_range(a..b, new),
            1 if b < end => out.replace_range(a..=b, ""),
            _ => out.insert_str(a, &format!("{new} ")),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Altered at random, fixed, checked again: no altered finding is left.
    #[test]
    fn fixed_variants_have_no_altered_finding(
        sample in 0usize..32,
        yes in 0usize..21,
        no in 0usize..21,
        years in (1900u32..2030, 1900u32..2030),
        edits in proptest::collection::vec(
            (0usize..40, 0usize..40, 0u8..3, proptest::sample::select(WORDS)),
            0..4,
        ),
    ) {
        let rules = shipped();
        let checker = Checker::new(&rules, CheckOptions::default());
        let samples = samples();
        let (name, text) = &samples[sample % samples.len()];
        let draft = variant(text, yes, no, years, &edits);
        let (after_text, after) = fixed(&checker, name, &draft, FixSafety::SafeOnly);
        let left = kinds(&after, FindingKind::Altered);
        prop_assert!(left.is_empty(), "{}: {:?}\n--- variant:\n{}\n--- fixed:\n{}", name, left, draft, after_text);
    }
}

/// A word edit next to inline markup keeps the markup whole.
#[test]
fn edits_next_to_markup_keep_it_whole() {
    let rules = shipped();
    let checker = Checker::new(&rules, CheckOptions::default());
    let quote = "“We’re going to send a very STRONG very message that the city of Los Angeles \
                 will not cooperate with ICE in any way,” said Councilmember Hugo Soto-Martinez.";
    for (name, draft, want) in [
        (
            "draft.md",
            quote.replace("STRONG", "*strong*"),
            quote.replace("STRONG very", "*clear*"),
        ),
        (
            "draft.html",
            format!("<p>{}</p>", quote.replace("STRONG", "<em>strong</em>")),
            format!("<p>{}</p>", quote.replace("STRONG very", "<em>clear</em>")),
        ),
    ] {
        let (after_text, after) = fixed(&checker, name, &draft, FixSafety::SafeOnly);
        assert_eq!(after_text, want, "{name}");
        assert_eq!(
            kinds(&after, FindingKind::Altered),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

/// The generated variants do exercise fixes: most of them have altered findings (a
/// property over drafts without any would hold for nothing).
#[test]
fn most_variants_have_altered_findings_and_all_are_fixed() {
    let rules = shipped();
    let checker = Checker::new(&rules, CheckOptions::default());
    let samples = samples();
    let mut with_altered = 0;
    let total = 40;
    for k in 0..total {
        let (name, text) = &samples[k % samples.len()];
        let edits = [(k, k * 3, (k % 3) as u8, WORDS[k % WORDS.len()])];
        let draft = variant(
            text,
            k % 21,
            (k * 7) % 21,
            (1900 + k as u32, 2000 + k as u32),
            &edits,
        );
        let before = check(&checker, name, &draft);
        if !kinds(&before, FindingKind::Altered).is_empty() {
            with_altered += 1;
        }
        let (_, after) = fixed(&checker, name, &draft, FixSafety::SafeOnly);
        assert_eq!(
            kinds(&after, FindingKind::Altered),
            Vec::<String>::new(),
            "{name} #{k}"
        );
    }
    assert!(with_altered * 4 >= total * 3, "{with_altered} of {total}");
}
