//! Table-driven equivalences: one row per (rule value, draft sentence, expected outcome).
//! Each row writes a temporary ruleset holding one claim or one quote and a one-sentence
//! draft, runs the binary with `--format json`, and asserts the outcome: `clean` (no
//! finding at all, exit 0) or exactly one finding of the expected kind for that rule.
//!
//! Every row is its own test, so a row the checker gets wrong fails (or is ignored with
//! its reason) on its own.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The people every ruleset declares, so drafts can credit either of them.
const PEOPLE: &str = "\
people:
  - id: ruiz
    name: Ana Ruiz
    title: Councilmember
  - id: cole
    name: Ben Cole
    title: Mayor
  - id: dunn
    name: Cy Dunn
    title: border czar
";

/// The verified quote of the quote rows.
const QUOTE: &str = "We are going to send a very clear message that the city will not cooperate";

/// What a row checks.
enum Rule {
    /// One claim: its context terms (YAML flow list) and its `value:` mapping.
    Claim {
        context: &'static str,
        value: &'static str,
    },
    /// One quote by Ana Ruiz.
    Quote(&'static str),
    /// One quote by the person with this id.
    QuoteBy(&'static str, &'static str),
}

/// The outcome a row expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// No finding, exit 0.
    Clean,
    /// Exactly one error finding, of this kind, for the row's rule (exit 1).
    Kind(&'static str),
    /// Exactly one warning finding, of this kind, for the row's rule (exit 0).
    Warn(&'static str),
}

/// The rule file of a row.
fn rule_yaml(rule: &Rule) -> String {
    let mut yaml = format!("ruleset: equivalence\n{PEOPLE}");
    match rule {
        Rule::Claim { context, value } => yaml.push_str(&format!(
            "claims:\n  - id: the-claim\n    statement: The claim under test.\n    context: {context}\n    value: {value}\n"
        )),
        Rule::Quote(text) | Rule::QuoteBy(_, text) => {
            let speaker = match rule {
                Rule::QuoteBy(id, _) => id,
                _ => "ruiz",
            };
            yaml.push_str(&format!(
                "quotes:\n  - id: the-quote\n    speaker: {speaker}\n    text: \"{text}\"\n"
            ))
        }
    }
    yaml
}

/// Runs one row and asserts its outcome.
fn row(rule: Rule, draft: &str, expect: Expect) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let rules = dir.path().join("rules.yaml");
    let draft_path = dir.path().join("draft.txt");
    fs::write(&rules, rule_yaml(&rule)).unwrap();
    fs::write(&draft_path, draft).unwrap();
    let rule_id = match rule {
        Rule::Claim { .. } => "the-claim",
        Rule::Quote(_) | Rule::QuoteBy(..) => "the-quote",
    };

    let output = Command::cargo_bin("factcheck")
        .expect("the factcheck binary is built")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .env("NO_COLOR", "1")
        .arg("--rules")
        .arg(&rules)
        .args(["--format", "json"])
        .arg(&draft_path)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    let context = format!(
        "draft {draft:?}\nrules:\n{}\nexit {code:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        rule_yaml(&rule)
    );
    let doc: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{context}"));
    let findings: Vec<(String, String, String)> = doc["files"][0]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings array\n{context}"))
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or_default().to_string(),
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    match expect {
        Expect::Clean => {
            assert!(
                findings.is_empty(),
                "expected clean, got {findings:?}\n{context}"
            );
            assert_eq!(code, Some(0), "{context}");
        }
        Expect::Kind(kind) | Expect::Warn(kind) => {
            let (severity, exit) = if matches!(expect, Expect::Kind(_)) {
                ("error", 1)
            } else {
                ("warning", 0)
            };
            assert_eq!(
                findings,
                vec![(kind.to_string(), rule_id.to_string(), severity.to_string())],
                "expected one {kind} {severity}\n{context}"
            );
            assert_eq!(code, Some(exit), "{context}");
        }
    }
}

/// One test per row: `name: rule, "draft sentence", expectation;`.
macro_rules! rows {
    ($( $(#[$meta:meta])* $name:ident : $rule:expr, $draft:expr, $expect:expr; )*) => {
        $(
            #[test]
            $(#[$meta])*
            fn $name() {
                row($rule, $draft, $expect);
            }
        )*
    };
}

const fn claim(context: &'static str, value: &'static str) -> Rule {
    Rule::Claim { context, value }
}

const TALLY: Rule = claim("[vote]", "{ tally: \"13-0\" }");
const DATE: Rule = claim("[meeting]", "{ date: \"2025-01-14\" }");
const COUNT: Rule = claim("[members]", "{ number: \"14\" }");
const MILLION: Rule = claim("[residents]", "{ number: \"1.2 million\" }");
const PERCENT: Rule = claim("[voters]", "{ percent: \"60%\" }");
const MONEY: Rule = claim("[budget]", "{ money: \"$1.2 billion\" }");
const YEAR: Rule = claim(
    "[\"police|LAPD\", \"immigration status\"]",
    "{ year: 1979 }",
);

use Expect::{Clean, Kind, Warn};

rows! {
    // Tallies.
    tally_hyphen: TALLY, "The council approved it in a 13-0 vote.", Clean;
    tally_to: TALLY, "The council approved it by a vote of 13 to 0.", Clean;
    tally_words: TALLY, "The council approved it in a thirteen-to-zero vote.", Clean;
    tally_en_dash: TALLY, "The council approved it in a 13\u{2013}0 vote.", Clean;
    tally_em_dash: TALLY, "The council approved it in a 13\u{2014}0 vote.", Clean;
    tally_markdown_bold: TALLY, "The council approved it in a **13-0** vote.", Clean;
    tally_changed: TALLY, "The council approved it in a 12-1 vote.", Kind("altered");
    tally_absent: TALLY, "The council approved it in a vote on Tuesday.", Kind("missing");

    // Dates.
    date_iso: DATE, "The meeting took place on 2025-01-14.", Clean;
    date_abbreviated_month: DATE, "The meeting took place on Jan. 14, 2025.", Clean;
    date_day_first: DATE, "The meeting took place on 14 January 2025.", Clean;
    date_month_first: DATE, "The meeting took place on January 14, 2025.", Clean;
    date_changed: DATE, "The meeting took place on January 15, 2025.", Kind("altered");

    // Numbers.
    number_digits: COUNT, "The council has 14 members.", Clean;
    number_word: COUNT, "The council has fourteen members.", Clean;
    number_changed: COUNT, "The council has 15 members.", Kind("altered");
    number_scale_word: MILLION, "The city has 1.2 million residents.", Clean;
    number_with_separators: MILLION, "The city has 1,200,000 residents.", Clean;

    // Percentages.
    percent_sign: PERCENT, "The measure won 60% of voters.", Clean;
    percent_word: PERCENT, "The measure won 60 percent of voters.", Clean;
    percent_two_words: PERCENT, "The measure won 60 per cent of voters.", Clean;
    percent_changed: PERCENT, "The measure won 61 percent of voters.", Kind("altered");

    // Money.
    money_scale_word: MONEY, "The budget is $1.2 billion.", Clean;
    money_digits: MONEY, "The budget is $1,200,000,000.", Clean;
    money_bn: MONEY, "The budget is $1.2bn.", Clean;
    money_changed: MONEY, "The budget is $1.3 billion.", Kind("altered");

    // Years.
    year_since: YEAR, "An LAPD rule has barred officers from asking about immigration status since 1979.", Clean;
    year_changed: YEAR, "An LAPD rule has barred officers from asking about immigration status since 1997.", Kind("altered");
    year_absent: YEAR, "An LAPD rule bars officers from asking about immigration status.", Kind("missing");

    // Quotes.
    quote_verbatim: Rule::Quote(QUOTE),
        "“We are going to send a very clear message that the city will not cooperate,” Ana Ruiz said.", Clean;
    quote_straight_marks: Rule::Quote(QUOTE),
        "\"We are going to send a very clear message that the city will not cooperate,\" said Ana Ruiz.", Clean;
    quote_word_changed: Rule::Quote(QUOTE),
        "“We are going to send a very loud message that the city will not cooperate,” Ana Ruiz said.", Kind("altered");
    quote_word_dropped: Rule::Quote(QUOTE),
        "“We are going to send a clear message that the city will not cooperate,” Ana Ruiz said.", Kind("altered");
    quote_other_speaker: Rule::Quote(QUOTE),
        "“We are going to send a very clear message that the city will not cooperate,” Ben Cole said.", Kind("misattributed");
    quote_other_speaker_by_title: Rule::Quote(QUOTE),
        "“We are going to send a very clear message that the city will not cooperate,” Mayor Ben Cole said.", Kind("misattributed");
    quote_elided: Rule::Quote(QUOTE),
        "“We are going to send a very clear message … the city will not cooperate,” Ana Ruiz said.", Clean;
    quote_fragment: Rule::Quote(QUOTE),
        "Ana Ruiz said the council would “send a very clear message” to federal agents.", Clean;
    quote_absent: Rule::Quote(QUOTE),
        "Ana Ruiz said the council had made its position known.", Kind("missing");
    quote_no_speaker: Rule::Quote(QUOTE),
        "“We are going to send a very clear message that the city will not cooperate.”", Warn("unattributed");
}

// Nested single quotes inside the verified words: the rule quotes a slogan too.
const NESTED: &str = "We will not be the ‘deportation capital’ of this country";

rows! {
    quote_nested_single_quotes: Rule::Quote(NESTED),
        "“We will not be the ‘deportation capital’ of this country,” Ana Ruiz said.", Clean;
    quote_nested_straight_single_quotes: Rule::Quote(NESTED),
        "“We will not be the 'deportation capital' of this country,” Ana Ruiz said.", Clean;
    quote_nested_word_changed: Rule::Quote(NESTED),
        "“We will not be the ‘deportation hub’ of this country,” Ana Ruiz said.", Kind("altered");
}

// More attribution styles the checker must accept or catch.
const CZAR: &str = "Get out of the way, because we are coming";

rows! {
    quote_curly_vs_straight_apostrophe: Rule::Quote("We’re not going to cooperate with them in any way"),
        "“We're not going to cooperate with them in any way,” Ana Ruiz said.", Clean;
    quote_split_around_speaker: Rule::Quote(QUOTE),
        "“We are going to send a very clear message,” Ana Ruiz said, “that the city will not cooperate.”", Clean;
    quote_pronoun_after_name: Rule::Quote(QUOTE),
        "Ana Ruiz spoke last. “We are going to send a very clear message that the city will not cooperate,” she said.", Clean;
    quote_according_to: Rule::Quote(QUOTE),
        "According to Ana Ruiz, the council is “going to send a very clear message that the city will not cooperate.”", Clean;
    quote_role_noun_of_other_person: Rule::Quote(QUOTE),
        "Ben Cole spoke last. “We are going to send a very clear message that the city will not cooperate,” the mayor said.", Kind("misattributed");
    quote_title_from_rules_last_name: Rule::QuoteBy("dunn", CZAR),
        "Cy Dunn runs the border. “Get out of the way, because we are coming,” Dunn said.", Clean;
}

// Rows a human accepts that earlier versions of the checker got wrong (each comment says
// how); kept as regression tests.
rows! {
    // The context term `vote` must find the verb `voted` (context terms tolerate verb
    // endings as well as plurals and possessives).
    tally_voted_verb: TALLY, "The council voted 13-0 to approve it.", Clean;
    // A tally written with spaces around the hyphen is not read: reported `missing`.
    tally_spaced_hyphen: TALLY, "The council approved it in a 13 - 0 vote.", Clean;
    // `bln` is not read as billion, so `$1.2` is reported `altered`.
    money_bln: MONEY, "The budget is $1.2 bln.", Clean;
    // The speaker's organisation is taken as the speaker: reported `misattributed`
    // (credited to "Immigration Reform").
    quote_speaker_of_organisation: Rule::Quote(QUOTE),
        "Ana Ruiz of the Federation for Immigration Reform said: “We are going to send a very clear message that the city will not cooperate.”", Clean;
    // `said X` set off by commas before a partial quote: reported `unattributed`.
    quote_said_x_interrupting: Rule::Quote(QUOTE),
        "The council, said Ana Ruiz, is “going to send a very clear message that the city will not cooperate.”", Clean;
    // A relative clause `X, who said:` credits the subject of the sentence: reported
    // `misattributed` (credited to Ben Cole).
    quote_relative_who_said: Rule::Quote(QUOTE),
        "Ben Cole disagreed with Ana Ruiz, who said: “We are going to send a very clear message that the city will not cooperate.”", Clean;
    // The rule's title (`border czar`, alias `the czar`) is not taken as a role noun:
    // reported `unattributed`.
    quote_title_from_rules: Rule::QuoteBy("dunn", CZAR),
        "Cy Dunn runs the border. “Get out of the way, because we are coming,” the border czar said.", Clean;
}

// Sources that name nobody: the verified speaker is not credited, but nobody else is
// either.
rows! {
    quote_unnamed_source: Rule::Quote(QUOTE),
        "“We are going to send a very clear message that the city will not cooperate,” one council member said.", Warn("unattributed");
}
