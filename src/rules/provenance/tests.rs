//! Tests of provenance: the loader's source keys, and verification of quotes (labelled
//! transcripts, prose) and claims against source files, with every problem kind.

use super::verify::*;
use crate::rules::load_rule_file;

/// `sources:` entries and `source:` keys that do not load, each with file:line:col.
#[test]
fn source_errors_name_line_and_column() {
    let people = "people: [{ name: Ann Lee }]\n";
    let table: &[(&str, &str)] = &[
        (
            "sources: [{ id: a, path: a.txt }]\nquotes:\n  - { id: q, speaker: ann-lee, text: hi, source: b }\n",
            "t.yaml:5:50: unknown source `b`; known sources: a",
        ),
        (
            "sources: [{ id: council, path: a.txt }]\nquotes:\n  - { id: q, speaker: ann-lee, text: hi, source: councl }\n",
            "t.yaml:5:50: unknown source `councl`; known sources: council; did you mean `council`?",
        ),
        (
            "sources: [free text]\nclaims:\n  - { id: c, statement: s, value: { year: 1979 }, source: a }\n",
            "t.yaml:5:59: unknown source `a`; no source files are defined",
        ),
        (
            "sources:\n  - { id: a, path: a.txt }\n  - { id: a, path: b.txt }\n",
            "t.yaml:5:11: duplicate source id `a`: first defined at line 4",
        ),
        ("sources: [{ path: a.txt }]\n", "t.yaml:3:11: source file has no `id`"),
        ("sources: [{ id: a }]\n", "t.yaml:3:11: source `a` has no `path`"),
        ("sources: [{ id: a, path: ' ' }]\n", "t.yaml:3:26: source `a` has an empty `path`"),
        (
            "sources: [{ id: a, path: a.txt, sha256: ABC }]\n",
            "t.yaml:3:41: source `a`: `sha256` must be 64 lower-case hex digits",
        ),
        (
            "sources: [{ id: a, path: a.txt, hash: x }]\n",
            "t.yaml:3:33: unknown field `hash`, expected one of `id`, `path`, `sha256`, `url`, `title`",
        ),
    ];
    for (yaml, want) in table {
        let yaml = format!("ruleset: x\n{people}{yaml}");
        let err = load_rule_file("t.yaml", &yaml).expect_err(want);
        assert!(
            err.to_string().starts_with(want),
            "{yaml}\ngot {err}\nwant {want}"
        );
    }
}

#[test]
fn sources_keep_their_text_beside_the_files() {
    let yaml = "ruleset: x\nsources:\n  - Vote record\n  - id: t\n    path: t.txt\n    title: Transcript\n  - { id: u, path: u.txt, url: https://example.org/u }\n  - { id: v, path: v.txt }\npeople: [{ name: Ann Lee }]\nquotes:\n  - { id: q, speaker: ann-lee, text: hi, source: t }\n";
    let rules = load_rule_file("t.yaml", yaml).expect("loads");
    assert_eq!(
        rules.sources,
        [
            "Vote record",
            "Transcript (t.txt)",
            "https://example.org/u (u.txt)",
            "v.txt"
        ]
    );
    let ids: Vec<&str> = rules.source_files.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["t", "u", "v"]);
    assert_eq!(rules.quotes[0].source.as_deref(), Some("t"));
    assert_eq!(
        rules.source_file("u").and_then(|s| s.url.as_deref()),
        Some("https://example.org/u")
    );
}

const PEOPLE: &str = "people:\n  - { name: Ana Ruiz, title: Mayor }\n  - { name: Ben Lopez, title: Councilmember }\n";

/// Verifies one rule file (`rules`, after its `sources:`) against one source file
/// named `name` holding `source`; returns (rule, status, credited) per rule.
fn verify_one(
    name: &str,
    source: &str,
    rules: &str,
) -> (Verification, Vec<(String, RuleStatus, Option<String>)>) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(name), source).expect("write source");
    let rule_file = dir.path().join("rules.yaml");
    let yaml = format!("ruleset: t\nsources:\n  - {{ id: s, path: {name} }}\n{PEOPLE}{rules}");
    std::fs::write(&rule_file, &yaml).expect("write rules");
    let ruleset = load_rule_file(&rule_file.display().to_string(), &yaml).expect("loads");
    let verification = verify_rulesets(std::slice::from_ref(&ruleset));
    let got = verification
        .rules
        .iter()
        .map(|r| (r.rule.clone(), r.status, r.credited.clone()))
        .collect();
    (verification, got)
}

/// A quote rule: id, speaker, text, and what verification must find of it.
type QuoteCase<'a> = (&'a str, &'a str, &'a str, RuleStatus, Option<&'a str>);

/// Verifies one quote rule per case against `source` (a file named `name`),
/// holding each to its status and credited speaker; returns the verification.
fn assert_quotes(name: &str, source: &str, table: &[QuoteCase]) -> Verification {
    let rules: String = table
        .iter()
        .map(|(id, speaker, text, ..)| {
            format!("  - {{ id: {id}, speaker: {speaker}, text: \"{text}\", source: s }}\n")
        })
        .collect();
    let (verification, got) = verify_one(name, source, &format!("quotes:\n{rules}"));
    for ((id, _, _, status, credited), (rule, got_status, got_credited)) in table.iter().zip(&got) {
        assert_eq!(rule, id);
        assert_eq!(
            (*got_status, got_credited.as_deref()),
            (*status, *credited),
            "{id}"
        );
    }
    verification
}

#[test]
fn quotes_in_a_labelled_transcript() {
    let transcript = "Meeting of the council\n\nTHE CHAIR: We open the meeting. Tom Price said: “Taxes must never rise again.”\n\n\
        COUNCILMEMBER LOPEZ: We kept every promise we made to this town.\n\nTHE MAYOR: Nobody asked us first.\n\n\
        Ruiz: The budget is balanced at last, for once.\n\nTHE CLERK: The minutes are approved as read.\n";
    let table: &[QuoteCase] = &[
        (
            "right-label",
            "ben-lopez",
            "We kept every promise we made to this town",
            RuleStatus::Supported,
            Some("Ben Lopez"),
        ),
        (
            "wrong-label",
            "ana-ruiz",
            "We kept every promise we made",
            RuleStatus::Misattributed,
            Some("Ben Lopez"),
        ),
        (
            "title-label",
            "ana-ruiz",
            "Nobody asked us first",
            RuleStatus::Supported,
            Some("Ana Ruiz"),
        ),
        (
            "last-name-label",
            "ana-ruiz",
            "the budget is balanced at last",
            RuleStatus::Supported,
            Some("Ana Ruiz"),
        ),
        (
            "unknown-label",
            "ana-ruiz",
            "The minutes are approved as read",
            RuleStatus::Misattributed,
            Some("THE CLERK"),
        ),
        (
            "quoted-in-a-turn",
            "ana-ruiz",
            "Taxes must never rise again",
            RuleStatus::Misattributed,
            Some("Tom Price"),
        ),
        (
            "not-there",
            "ana-ruiz",
            "We kept no promise at all to this town",
            RuleStatus::Unsupported,
            None,
        ),
    ];
    assert_quotes("council.txt", transcript, table);
}

#[test]
fn quotes_attributed_in_prose() {
    let article =
        "The council met on Monday.\n\n“We kept every promise we made,” said Mayor Ana Ruiz.\n\n\
        “Nobody asked us first,” Lopez said.\n\n“The roads come next,” read a sign outside.\n";
    let table: &[QuoteCase] = &[
        (
            "by-name",
            "ana-ruiz",
            "We kept every promise we made",
            RuleStatus::Supported,
            Some("Ana Ruiz"),
        ),
        (
            "by-last-name",
            "ben-lopez",
            "Nobody asked us first",
            RuleStatus::Supported,
            Some("Ben Lopez"),
        ),
        (
            "someone-else",
            "ana-ruiz",
            "Nobody asked us first",
            RuleStatus::Misattributed,
            Some("Ben Lopez"),
        ),
        (
            "altered",
            "ana-ruiz",
            "We kept every pledge we made",
            RuleStatus::Unsupported,
            None,
        ),
    ];
    let verification = assert_quotes("story.md", article, table);
    let misattributed = &verification.problems[0];
    assert_eq!(misattributed.kind, ProblemKind::Misattributed);
    assert!(
        misattributed
            .message
            .contains("credits these words to Ben Lopez in its prose, not to Ana Ruiz"),
        "{}",
        misattributed.message
    );
}

#[test]
fn claims_stated_in_one_sentence() {
    let source = "THE CHAIR: We take up the budget. The vote is 7-2 and the budget passes.\n\n\
        COUNCILMEMBER LOPEZ: The plan is unanimous in spirit. It costs $5 million over 2 years.\n";
    let claim = |id: &str, context: &str, value: &str| {
        format!("  - {{ id: {id}, statement: s, context: [{context}], value: {{ {value} }}, source: s }}\n")
    };
    let table: &[(String, RuleStatus)] = &[
        (
            claim("tally", "vote", "tally: \"7-2\""),
            RuleStatus::Supported,
        ),
        (
            claim("other-tally", "vote", "tally: \"8-1\""),
            RuleStatus::Unsupported,
        ),
        (
            claim("money", "costs", "money: \"$5 million\""),
            RuleStatus::Supported,
        ),
        (
            claim("terms-apart", "vote, costs", "tally: \"7-2\""),
            RuleStatus::Unsupported,
        ),
        (
            claim("no-context", "", "money: \"$5,000,000\""),
            RuleStatus::Supported,
        ),
        (
            claim("text", "plan", "text: unanimous"),
            RuleStatus::Supported,
        ),
        (
            claim("text-elsewhere", "vote", "text: unanimous"),
            RuleStatus::Unsupported,
        ),
    ];
    let rules: String = table.iter().map(|(yaml, _)| yaml.as_str()).collect();
    let (verification, got) = verify_one("council.txt", source, &format!("claims:\n{rules}"));
    let statuses: Vec<RuleStatus> = got.iter().map(|(_, s, _)| *s).collect();
    let want: Vec<RuleStatus> = table.iter().map(|(_, s)| *s).collect();
    assert_eq!(statuses, want);
    let other = verification
        .problems
        .iter()
        .find(|p| p.rule.as_deref() == Some("other-tally"))
        .expect("a problem");
    let doc = &verification.documents[&other.source_path];
    let span = other.source_span.expect("points at the sentence");
    assert_eq!(
        &doc.text[span.range()],
        "The vote is 7-2 and the budget passes."
    );
}

#[test]
fn stale_unreadable_and_unpinned_sources() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "The vote was 7-2.\n").expect("write");
    let pinned = super::sha256_hex(b"The vote was 7-2.\n");
    let yaml = format!(
        "ruleset: t\nsources:\n  - {{ id: a, path: a.txt, sha256: {pinned} }}\n  - {{ id: b, path: a.txt, sha256: {} }}\n\
         \x20 - {{ id: c, path: a.txt }}\n  - {{ id: gone, path: none.txt }}\n\
         claims:\n  - {{ id: x, statement: s, context: [vote], value: {{ tally: 7-2 }}, source: b }}\n\
         \x20 - {{ id: y, statement: s, context: [vote], value: {{ tally: 7-2 }}, source: gone }}\n\
         \x20 - {{ id: z, statement: s, context: [vote], value: {{ tally: 7-2 }} }}\n",
        "0".repeat(64)
    );
    let path = dir.path().join("rules.yaml").display().to_string();
    let ruleset = load_rule_file(&path, &yaml).expect("loads");
    let v = verify_rulesets(std::slice::from_ref(&ruleset));
    let sources: Vec<(&str, SourceStatus)> = v
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.status))
        .collect();
    assert_eq!(
        sources,
        [
            ("a", SourceStatus::Pinned),
            ("b", SourceStatus::Stale),
            ("c", SourceStatus::Unpinned),
            ("gone", SourceStatus::Unreadable)
        ]
    );
    let rules: Vec<(&str, RuleStatus)> = v
        .rules
        .iter()
        .map(|r| (r.rule.as_str(), r.status))
        .collect();
    assert_eq!(
        rules,
        [
            ("x", RuleStatus::Supported),
            ("y", RuleStatus::Unverified),
            ("z", RuleStatus::Unpinned)
        ]
    );
    let kinds: Vec<ProblemKind> = v.problems.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [ProblemKind::Stale, ProblemKind::Unreadable]);
    assert!(v.has_unreadable());
    assert_eq!(v.problems[0].position.line, 4, "the stale hash's line");
}

/// Statements are verified as a draft is checked against them: reported in the source
/// and credited to their speaker, with their polarity.
#[test]
fn statements_reported_in_prose() {
    let article = "The council met on Monday.\n\n\
        Mayor Ana Ruiz said the new library would open in the spring.\n\n\
        Councilmember Ben Lopez said the road budget would not grow next year.\n\n\
        The pool will close for repairs in June.\n";
    let rules = "statements:\n\
        \x20 - { id: library, speaker: ana-ruiz, statement: The library opens in spring., context: [library, spring], source: s }\n\
        \x20 - { id: roads, speaker: ana-ruiz, statement: The road budget will not grow., context: [road budget], source: s }\n\
        \x20 - { id: reversed, speaker: ben-lopez, statement: The road budget will grow., context: [road budget], source: s }\n\
        \x20 - { id: pool, speaker: ana-ruiz, statement: The pool closes in June., context: [pool, June], source: s }\n\
        \x20 - { id: absent, speaker: ana-ruiz, statement: Parks stay open., context: [parks], source: s }\n\
        \x20 - { id: unpinned, speaker: ana-ruiz, statement: Parks stay open., context: [parks] }\n";
    let (verification, got) = verify_one("article.txt", article, rules);
    let got: Vec<(&str, RuleStatus, Option<&str>)> = got
        .iter()
        .map(|(id, status, credited)| (id.as_str(), *status, credited.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("library", RuleStatus::Supported, None),
            ("roads", RuleStatus::Misattributed, Some("Ben Lopez")),
            ("reversed", RuleStatus::Unsupported, None),
            ("pool", RuleStatus::Unsupported, None),
            ("absent", RuleStatus::Unsupported, None),
            ("unpinned", RuleStatus::Unpinned, None),
        ]
    );
    assert!(verification
        .rules
        .iter()
        .all(|r| r.kind == PinnedKind::Statement));
    let messages: Vec<&str> = verification
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("credits it to Ben Lopez, not to Ana Ruiz")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("reports it reversed")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("no sentence has every context term")),
        "{messages:?}"
    );
}

/// In a transcript, what a turn says without a reporting clause is its label's:
/// supported in the speaker's turn with the statement's polarity, reversed there with
/// the other, misattributed in someone else's turn; reported speech inside a turn still
/// credits whom it names.
#[test]
fn statements_in_labelled_turns() {
    let transcript = "MAYOR RUIZ: The new library will open in the spring.\n\n\
        COUNCILMEMBER LOPEZ: The road budget will not grow next year.\n\n\
        THE CLERK: Mayor Ruiz said the pool would close in June.\n";
    let rules = "statements:\n\
        \x20 - { id: library, speaker: ana-ruiz, statement: The library opens in spring., context: [library, spring], source: s }\n\
        \x20 - { id: roads, speaker: ana-ruiz, statement: The road budget will not grow., context: [road budget], source: s }\n\
        \x20 - { id: reversed, speaker: ben-lopez, statement: The road budget will grow., context: [road budget], source: s }\n\
        \x20 - { id: kept, speaker: ben-lopez, statement: The road budget will not grow., context: [road budget], source: s }\n\
        \x20 - { id: pool, speaker: ana-ruiz, statement: The pool closes in June., context: [pool, June], source: s }\n";
    let (verification, got) = verify_one("transcript.txt", transcript, rules);
    let got: Vec<(&str, RuleStatus, Option<&str>)> = got
        .iter()
        .map(|(id, status, credited)| (id.as_str(), *status, credited.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("library", RuleStatus::Supported, None),
            ("roads", RuleStatus::Misattributed, Some("Ben Lopez")),
            ("reversed", RuleStatus::Unsupported, None),
            ("kept", RuleStatus::Supported, None),
            ("pool", RuleStatus::Supported, None),
        ]
    );
    let messages: Vec<&str> = verification
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("its speaker's turn reports it reversed")),
        "{messages:?}"
    );
}
