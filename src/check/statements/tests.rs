//! How located sentences are judged, given who the draft credits (the reported speech
//! is written by hand here, as the extractor would find it; the quotes are found).

use super::*;
use crate::check::quotes::Draft;
use crate::check::FindingKind;
use crate::extract::Speaker;
use crate::rules::load_rule_file;

const RULES: &str = "\
ruleset: t
people:
  - name: Ann Lee
  - name: Bo Day
statements:
  - id: budget
    speaker: ann-lee
    statement: The budget will pass this year.
    context: [budget, pass]
  - id: optional
    speaker: ann-lee
    statement: Parks stay open.
    context: [parks]
    required: false
  - id: taxes
    speaker: ann-lee
    statement: Taxes will not rise.
    context: [taxes, rise]
  - id: success
    speaker: ann-lee
    statement: Bo Day called the budget a success.
    context: [budget, success]
";

/// A verdicts-table row: name, rule id, draft, its reported speech, and the findings
/// expected (kind, where).
type Case<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Vec<Hand<'a>>,
    Vec<(FindingKind, &'a str)>,
);

/// Reported speech as the extractor would give it: (content, speaker mention, speaker
/// name, inferred, cue), each found in the text by its words.
type Hand<'a> = (&'a str, &'a str, &'a str, bool, &'a str);

fn span_of(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {text:?}"));
    Span::new(start, start + needle.len())
}

/// The findings of rule `id` for `text`, with `reported` as the draft's reported speech.
fn judge(id: &str, text: &str, reported: &[Hand<'_>]) -> Vec<(FindingKind, String)> {
    let rules = load_rule_file("t.yaml", RULES).expect("rules");
    let people = PeopleIndex::new(&crate::check::known_people(std::slice::from_ref(&rules)));
    let source = SourceFile::new("d.txt", text);
    let draft = Draft::extract(&source, &people);
    let mut credits: Vec<Credit> = reported
        .iter()
        .map(|&(content, mention, name, inferred, cue)| Credit {
            content: span_of(text, content),
            speaker: (!mention.is_empty()).then(|| Speaker {
                name: name.to_string(),
                mention: span_of(text, mention),
                inferred,
            }),
            cue: (!cue.is_empty()).then(|| cue.to_string()),
            cue_span: (!cue.is_empty()).then(|| span_of(text, cue)),
            quoted: false,
        })
        .collect();
    for quote in &draft.quotes {
        for &segment in &quote.segments {
            credits.push(Credit {
                content: segment,
                speaker: quote.speaker.clone(),
                cue: quote.cue.clone(),
                cue_span: None,
                quoted: true,
            });
        }
    }
    draft.credits.set(credits).expect("credits set once");
    let rule = rules.statements.iter().find(|s| s.id == id).expect("rule");
    let patterns = ClaimPatterns::from_context(&rule.context);
    let located = super::super::claims::locate(&draft, &patterns);
    let compiled_here = judge_statement(&source, &draft, &people, &rules, rule, &located, None);
    let findings = judge_statement(
        &source,
        &draft,
        &people,
        &rules,
        rule,
        &located,
        Some(&patterns),
    );
    assert_eq!(compiled_here, findings, "patterns given or compiled");
    findings
        .into_iter()
        .map(|f| {
            let at = f
                .span
                .map_or(String::new(), |s| text[s.range()].to_string());
            (f.kind, at)
        })
        .collect()
}

#[test]
fn verdicts_table() {
    use FindingKind::*;
    let ann = |content| (content, "Ann Lee", "Ann Lee", false, "said");
    let cases: Vec<Case<'_>> = vec![
        (
            "credited to the speaker, same polarity",
            "budget",
            "Ann Lee said the budget would pass this year.",
            vec![ann("the budget would pass this year")],
            vec![],
        ),
        (
            "a negation added: reversed",
            "budget",
            "Ann Lee said the budget would not pass this year.",
            vec![ann("the budget would not pass this year")],
            vec![(Altered, "the budget would not pass this year")],
        ),
        (
            "a negation removed: reversed",
            "taxes",
            "Ann Lee said taxes would rise.",
            vec![ann("taxes would rise")],
            vec![(Altered, "taxes would rise")],
        ),
        (
            "n't counts as the statement's not",
            "taxes",
            "Ann Lee said taxes won't rise.",
            vec![ann("taxes won't rise")],
            vec![],
        ),
        (
            "a denial is a negation",
            "taxes",
            "Ann Lee denied that taxes would rise.",
            vec![("taxes would rise", "Ann Lee", "Ann Lee", false, "denied")],
            vec![],
        ),
        (
            "credited to someone else",
            "budget",
            "Bo Day said the budget would pass this year.",
            vec![("the budget would pass this year", "Bo Day", "Bo Day", false, "said")],
            vec![(Misattributed, "Bo Day")],
        ),
        (
            "a colon after a sentence naming the speaker credits what follows",
            "budget",
            "Ann Lee made her view plain: the budget will pass this year.",
            vec![],
            vec![],
        ),
        (
            "a colon after a sentence naming someone else",
            "budget",
            "Bo Day made his view plain: the budget will pass this year.",
            vec![],
            vec![(Misattributed, "Bo Day")],
        ),
        (
            "a noun of saying after the speaker's name credits them",
            "budget",
            "Ann Lee made promises that the budget will pass this year.",
            vec![],
            vec![],
        ),
        (
            "a noun of saying before the name credits no one",
            "budget",
            "Despite promises, the budget will pass this year under Ann Lee.",
            vec![],
            vec![(Unattributed, "Despite promises, the budget will pass this year under Ann Lee.")],
        ),
        (
            "a colon after a label names no one",
            "budget",
            "Update: the budget will pass this year.",
            vec![],
            vec![(Unattributed, "Update: the budget will pass this year.")],
        ),
        (
            "stated as the draft's own assertion",
            "budget",
            "The budget will pass this year.",
            vec![],
            vec![(Unattributed, "The budget will pass this year.")],
        ),
        (
            "reported speech short of the terms credits its sentence",
            "budget",
            "The budget will pass this year, while parks close, Bo Day said.",
            vec![("parks close", "Bo Day", "Bo Day", false, "said")],
            vec![(Misattributed, "Bo Day")],
        ),
        (
            "reported speech in another sentence does not",
            "budget",
            "Bo Day said parks close. The budget will pass this year.",
            vec![("parks close", "Bo Day", "Bo Day", false, "said")],
            vec![(Unattributed, "The budget will pass this year.")],
        ),
        (
            "the statement's own words: compared where they are, not in the whole content",
            "taxes",
            "Ann Lee, who did not run, said taxes will not rise this year.",
            vec![("who did not run, said taxes will not rise this year", "Ann Lee", "Ann Lee", false, "said")],
            vec![],
        ),
        (
            "the statement's own words under a negating verb: reversed",
            "budget",
            "Ann Lee denied that the budget will pass this year.",
            vec![("the budget will pass this year", "Ann Lee", "Ann Lee", false, "denied")],
            vec![(Altered, "denied that the budget will pass this year")],
        ),
        (
            "a term twice: the stretch where the terms are together",
            "taxes",
            "Taxes were never popular, and Ann Lee said taxes would rise.",
            vec![ann("taxes would rise")],
            vec![(Altered, "taxes would rise")],
        ),
        (
            "an unnamed source",
            "budget",
            "One official said the budget would pass this year.",
            vec![("the budget would pass this year", "One official", "One official", false, "said")],
            vec![(Unattributed, "One official")],
        ),
        (
            "a pronoun for the speaker named nearby",
            "budget",
            "Ann Lee spoke first.\n\nShe said the budget would pass this year.",
            vec![("the budget would pass this year", "She", "Bo Day", true, "said")],
            vec![],
        ),
        (
            "a pronoun for someone else, the speaker not named nearby",
            "budget",
            "She said the budget would pass this year.",
            vec![("the budget would pass this year", "She", "Bo Day", true, "said")],
            vec![(Misattributed, "She")],
        ),
        (
            "the clause reader took the wrong name: the speaker named as the subject",
            "budget",
            "Sen. Ann Lee, D-Ore., a member since 2009, said the budget would pass this year.",
            vec![("the budget would pass this year", "D-Ore.", "D-Ore.", false, "said")],
            vec![],
        ),
        (
            "no clause found: the speaker named beside a reporting word",
            "budget",
            "Ann Lee on Tuesday once again insisted the budget would pass this year.",
            vec![],
            vec![],
        ),
        (
            "no clause found, the speaker named: a negation still reverses",
            "budget",
            "Ann Lee on Tuesday once again insisted the budget would not pass this year.",
            vec![],
            vec![(Altered, "the budget would not pass this year")],
        ),
        (
            "the speaker's claim: a possessive with a noun of saying",
            "budget",
            "Ann Lee's claim that the budget will pass this year drew doubts.",
            vec![],
            vec![],
        ),
        (
            "the speaker's house is no claim: the draft's own assertion",
            "budget",
            "The budget will pass this year, and Ann Lee's house is big.",
            vec![],
            vec![(Unattributed, "The budget will pass this year, and Ann Lee's house is big.")],
        ),
        (
            "a pronoun's clause inside someone else's: the outer source decides",
            "budget",
            "Ann Lee spoke first.\n\nBo Day told reporters that he believes the budget will pass this year.",
            vec![
                ("he believes the budget will pass this year", "Bo Day", "Bo Day", false, "told"),
                ("the budget will pass this year", "he", "Ann Lee", true, "believes"),
            ],
            vec![(Misattributed, "Bo Day")],
        ),
        (
            "no clause found: someone else named before a verb of saying",
            "budget",
            "Jordan Roe on Tuesday said the budget would pass this year.",
            vec![],
            vec![(Misattributed, "Jordan Roe")],
        ),
        (
            "no clause found: someone else named after it",
            "budget",
            "The budget will pass this year, said Jordan Roe.",
            vec![],
            vec![(Misattributed, "Jordan Roe")],
        ),
        (
            "no clause found: the subject of a coordinated verb of saying",
            "budget",
            "Jordan Roe left the room and said the budget would pass this year.",
            vec![],
            vec![(Misattributed, "Jordan Roe")],
        ),
        (
            "a reporting clause inside the statement's own words credits nothing",
            "success",
            "Bo Day called the budget a success.",
            vec![("the budget a success", "Bo Day", "Bo Day", false, "called")],
            vec![(Unattributed, "Bo Day called the budget a success.")],
        ),
        (
            "the statement's own reporting clause, credited to its speaker",
            "success",
            "Ann Lee said Bo Day called the budget a success.",
            vec![
                ("Bo Day called the budget a success", "Ann Lee", "Ann Lee", false, "said"),
                ("the budget a success", "Bo Day", "Bo Day", false, "called"),
            ],
            vec![],
        ),
        (
            "inside a direct quote of the speaker",
            "budget",
            "“The budget will pass this year,” Ann Lee said.",
            vec![],
            vec![],
        ),
        (
            "inside a direct quote of someone else",
            "budget",
            "“The budget will pass this year,” Bo Day said.",
            vec![],
            vec![(Misattributed, "Bo Day")],
        ),
        (
            "inside a direct quote with no speaker",
            "budget",
            "“The budget will pass this year, and that is that.”",
            vec![],
            vec![(Unattributed, "“The budget will pass this year, and that is that.”")],
        ),
        (
            "one sentence right, another the draft's own: enough",
            "budget",
            "Ann Lee said the budget would pass this year. The budget will pass.",
            vec![ann("the budget would pass this year")],
            vec![],
        ),
        (
            "one sentence right, another reversed: a contradiction",
            "budget",
            "Ann Lee said the budget would pass this year. Ann Lee later said the budget would not pass.",
            vec![ann("the budget would pass this year"), ("the budget would not pass", "Ann Lee later", "Ann Lee", false, "said")],
            vec![(Altered, "the budget would not pass")],
        ),
        (
            "both wrong: each reported",
            "budget",
            "Bo Day said the budget would pass. The budget will pass.",
            vec![("the budget would pass", "Bo Day", "Bo Day", false, "said")],
            vec![(Misattributed, "Bo Day"), (Unattributed, "The budget will pass.")],
        ),
        (
            "located nowhere: missing",
            "budget",
            "Ann Lee said the vote was close.",
            vec![ann("the vote was close")],
            vec![(Missing, "")],
        ),
        (
            "not required: never missing",
            "optional",
            "Ann Lee said the vote was close.",
            vec![],
            vec![],
        ),
    ];
    for (name, id, text, reported, expected) in cases {
        let expected: Vec<(FindingKind, String)> = expected
            .into_iter()
            .map(|(k, at)| (k, at.to_string()))
            .collect();
        assert_eq!(judge(id, text, &reported), expected, "{name}: {text}");
    }
}

#[test]
fn messages_name_both_sides() {
    let rules = load_rule_file("t.yaml", RULES).expect("rules");
    let people = PeopleIndex::new(&crate::check::known_people(std::slice::from_ref(&rules)));
    let text = "Ann Lee said the budget would not pass this year.";
    let source = SourceFile::new("d.txt", text);
    let draft = Draft::extract(&source, &people);
    draft
        .credits
        .set(vec![Credit {
            content: span_of(text, "the budget would not pass this year"),
            speaker: Some(Speaker {
                name: "Ann Lee".into(),
                mention: span_of(text, "Ann Lee"),
                inferred: false,
            }),
            cue: Some("said".into()),
            cue_span: Some(span_of(text, "said")),
            quoted: false,
        }])
        .expect("set");
    let rule = &rules.statements[0];
    let located = super::super::claims::locate(&draft, &ClaimPatterns::from_context(&rule.context));
    let findings = judge_statement(&source, &draft, &people, &rules, rule, &located, None);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(
        f.message,
        "statement by Ann Lee is reversed: the draft reports “the budget would not pass this \
         year”, but Ann Lee said: “The budget will pass this year.”"
    );
    assert_eq!(
        f.expected.as_deref(),
        Some("The budget will pass this year.")
    );
    assert_eq!(
        f.found.as_deref(),
        Some("the budget would not pass this year")
    );
    assert_eq!(f.rule.as_deref(), Some("budget"));
    assert_eq!(f.ruleset.as_deref(), Some("t"));
    assert_eq!(f.severity, Severity::Error);
}

/// The whole chain — the reported-speech extractor, the quote attribution and the
/// judging — on the reporting shapes the statements must credit, polarity words, and
/// attributions carried over from the previous sentence.
#[test]
fn reporting_shapes_end_to_end() {
    use crate::check::{CheckOptions, Checker};
    let rules = load_rule_file("t.yaml", RULES).expect("rules");
    let checker = Checker::new(
        std::slice::from_ref(&rules),
        CheckOptions {
            report_unverified: false,
            report_figures: false,
        },
    );
    let kinds = |id: &str, text: &str| -> Vec<FindingKind> {
        checker
            .check(&SourceFile::new("d.txt", text))
            .into_iter()
            .filter(|f| f.rule.as_deref() == Some(id))
            .map(|f| f.kind)
            .collect()
    };
    use FindingKind::*;
    let table: &[(&str, &str, &[FindingKind])] = &[
        (
            "budget",
            "Ann Lee said the budget would pass this year.",
            &[],
        ),
        (
            "budget",
            "Ann Lee said that the budget would pass this year.",
            &[],
        ),
        (
            "budget",
            "The budget will pass this year, Ann Lee said.",
            &[],
        ),
        (
            "budget",
            "The budget will pass this year, said Ann Lee.",
            &[],
        ),
        (
            "budget",
            "According to Ann Lee, the budget will pass this year.",
            &[],
        ),
        (
            "budget",
            "Ann Lee told reporters the budget would pass this year.",
            &[],
        ),
        (
            "budget",
            "Ann Lee argued that the budget would pass this year.",
            &[],
        ),
        (
            "budget",
            "Ann Lee spoke on Monday. She added that the budget would pass this year.",
            &[],
        ),
        (
            "budget",
            "Ann Lee spoke on Monday. She also said the budget would pass this year.",
            &[],
        ),
        (
            "budget",
            "“The budget will pass this year,” Ann Lee said.",
            &[],
        ),
        (
            "budget",
            "Bo Day said the budget would pass this year.",
            &[Misattributed],
        ),
        (
            "budget",
            "According to Bo Day, the budget will pass this year.",
            &[Misattributed],
        ),
        (
            "budget",
            "“The budget will pass this year,” Bo Day said.",
            &[Misattributed],
        ),
        ("budget", "The budget will pass this year.", &[Unattributed]),
        (
            "budget",
            "Ann Lee said the budget would not pass this year.",
            &[Altered],
        ),
        (
            "budget",
            "Ann Lee said the budget would never pass this year.",
            &[Altered],
        ),
        (
            "budget",
            "Ann Lee said the budget would no longer pass this year.",
            &[Altered],
        ),
        (
            "budget",
            "Ann Lee said the budget wouldn't pass this year.",
            &[Altered],
        ),
        (
            "budget",
            "Ann Lee denied that the budget would pass this year.",
            &[Altered],
        ),
        ("taxes", "Ann Lee said taxes would not rise.", &[]),
        ("taxes", "Ann Lee said taxes won't rise.", &[]),
        ("taxes", "Ann Lee said taxes would rise.", &[Altered]),
        ("taxes", "Ann Lee said no one would see taxes rise.", &[]),
        ("budget", "Ann Lee said the vote was close.", &[Missing]),
    ];
    for (id, text, want) in table {
        assert_eq!(kinds(id, text), *want, "{id}: {text}");
    }
}
