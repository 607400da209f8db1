//! End-to-end tests of the `factcheck` binary over the sample drafts in `data/` and the
//! rules in `rules/`: exit codes, standard input, rule-file and input errors, text and
//! JSON output (snapshots), positions in the JSON output, the quote sheet, the
//! published reference article, and `factcheck fix` (the diff, `--write`,
//! `--unsafe-fixes`, exit codes, standard input, a draft never changed without `--write`,
//! Markdown and HTML drafts).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The crate root: every test runs from here, so `rules/` is found and paths are relative.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root without colours.
fn factcheck() -> Command {
    let mut cmd = Command::cargo_bin("factcheck").expect("the factcheck binary is built");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

/// What one run produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("the binary runs");
    Run {
        code: output.status.code().expect("exited with a code"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// `factcheck --rules rules <args>`.
fn check(args: &[&str]) -> Run {
    run(factcheck().args(["--rules", "rules"]).args(args))
}

/// `factcheck --rules rules --format json <files>`, parsed; asserts the exit code.
fn check_json(files: &[&str], code: i32) -> Value {
    let r = run(factcheck()
        .args(["--rules", "rules", "--format", "json"])
        .args(files));
    assert_eq!(
        r.code, code,
        "exit code for {files:?}; stderr: {}",
        r.stderr
    );
    serde_json::from_str(&r.stdout).expect("stdout is one JSON document")
}

/// The findings of the `i`-th file of a findings document.
fn findings(doc: &Value, i: usize) -> &Vec<Value> {
    doc["files"][i]["findings"]
        .as_array()
        .expect("`findings` is an array")
}

/// `(kind, rule)` of every finding, `rule` empty when it has none.
fn kinds_and_rules(findings: &[Value]) -> BTreeSet<(String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().expect("kind").to_string(),
                f["rule"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn set(pairs: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    pairs
        .iter()
        .map(|(k, r)| (k.to_string(), r.to_string()))
        .collect()
}

/// The draft's bytes, as the binary reads them.
fn draft_bytes(path: &str) -> Vec<u8> {
    fs::read(root().join(path)).expect("sample draft exists")
}

/// The text `start..end` of a finding points at, checking `line`/`column` agree with
/// `start` (1-based line; 1-based column counted in characters).
fn pointed_text(bytes: &[u8], finding: &Value) -> String {
    let start = finding["start"].as_u64().expect("start") as usize;
    let end = finding["end"].as_u64().expect("end") as usize;
    assert!(start < end && end <= bytes.len(), "span {start}..{end}");
    let text = std::str::from_utf8(bytes).expect("UTF-8 draft");
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..start].chars().count() + 1;
    assert_eq!(finding["line"].as_u64(), Some(line as u64), "{finding}");
    assert_eq!(finding["column"].as_u64(), Some(column as u64), "{finding}");
    text[start..end].to_string()
}

// ---------------------------------------------------------------------------------------
// Exit codes
// ---------------------------------------------------------------------------------------

#[test]
fn clean_draft_exits_0_without_findings() {
    let r = check(&["data/clean.txt"]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_eq!(
        r.stdout,
        "no problems found in 1 file; quotes 8/8 verified\n"
    );
    assert_eq!(r.stderr, "");
}

#[test]
fn drafts_with_errors_exit_1() {
    for draft in [
        "data/altered.txt",
        "data/misattributed.txt",
        "data/missing.txt",
    ] {
        let r = check(&[draft]);
        assert_eq!(
            r.code, 1,
            "{draft}: stdout {}\nstderr {}",
            r.stdout, r.stderr
        );
        assert!(r.stdout.contains("error["), "{draft}: {}", r.stdout);
    }
}

#[test]
fn warnings_only_exit_0() {
    let r = check(&["data/unverified.txt"]);
    assert_eq!(r.code, 0, "stdout {}\nstderr {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("warning[unverified]"), "{}", r.stdout);
    assert!(r.stdout.contains("warning[unattributed]"), "{}", r.stdout);
    assert!(
        r.stdout
            .ends_with("1 file checked: 0 errors, 2 warnings; quotes 7/9 verified\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn unverified_draft_findings() {
    let doc = check_json(&["data/unverified.txt"], 0);
    let f = findings(&doc, 0);
    assert_eq!(
        kinds_and_rules(f),
        set(&[("unattributed", "blumenfield-defenses"), ("unverified", "")])
    );
    for finding in f {
        assert_eq!(finding["severity"], "warning", "{finding}");
    }
    let bytes = draft_bytes("data/unverified.txt");
    let unverified = f.iter().find(|x| x["kind"] == "unverified").unwrap();
    let text = pointed_text(&bytes, unverified);
    assert!(
        text.starts_with("People will stop calling the police"),
        "{text}"
    );
    assert_eq!(unverified["found"].as_str(), Some(text.as_str()));
    let unattributed = f.iter().find(|x| x["kind"] == "unattributed").unwrap();
    assert_eq!(
        pointed_text(&bytes, unattributed),
        "We are hardening our defenses."
    );
    assert_eq!(unattributed["expected"], "Bob Blumenfield");
}

#[test]
fn no_unverified_drops_unverified_quotes() {
    let r = run(factcheck().args([
        "--rules",
        "rules",
        "--no-unverified",
        "--format",
        "json",
        "data/unverified.txt",
    ]));
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        kinds_and_rules(findings(&doc, 0)),
        set(&[("unattributed", "blumenfield-defenses")])
    );
}

#[test]
fn missing_draft_findings() {
    let doc = check_json(&["data/missing.txt"], 1);
    let f = findings(&doc, 0);
    assert_eq!(
        kinds_and_rules(f),
        set(&[
            ("missing", "council-vote"),
            ("missing", "goldberg-coming"),
            ("missing", "homan-get-out"),
            ("missing", "soto-martinez-safe"),
        ])
    );
    for finding in f {
        // A missing finding has no position.
        for key in ["line", "column", "start", "end", "found"] {
            assert!(finding[key].is_null(), "{key} in {finding}");
        }
        assert_eq!(finding["severity"], "error");
    }
}

#[test]
fn nonexistent_draft_exits_2_and_names_it() {
    let r = check(&["data/does-not-exist.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("data/does-not-exist.txt"), "{}", r.stderr);
}

#[test]
fn nonexistent_draft_among_good_ones_still_reports_them() {
    let r = run(factcheck().args([
        "--rules",
        "rules",
        "--format",
        "json",
        "data/clean.txt",
        "data/does-not-exist.txt",
        "data/altered.txt",
    ]));
    assert_eq!(r.code, 2, "stdout {}", r.stdout);
    assert!(r.stderr.contains("data/does-not-exist.txt"), "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON on stdout");
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["data/clean.txt", "data/altered.txt"]);
    assert!(findings(&doc, 0).is_empty());
    assert!(!findings(&doc, 1).is_empty());
    assert_eq!(doc["summary"]["files"], 2);

    // The text output reports the good files too.
    let r = check(&["data/does-not-exist.txt", "data/altered.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("error[altered]"), "{}", r.stdout);
    assert!(
        r.stdout.contains("1 file checked: 5 errors"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_rule_file_exits_2_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yaml");
    fs::write(
        &path,
        "ruleset: bad\nclaims:\n  - id: vote\n    statment: A typo in a key.\n    context: [vote]\n    value: { tally: \"13-0\" }\n",
    )
    .unwrap();
    let r = run(factcheck().arg("--rules").arg(&path).arg("data/clean.txt"));
    assert_eq!(r.code, 2, "stdout {}", r.stdout);
    let at = format!("{}:4:5:", path.display());
    assert!(r.stderr.contains(&at), "want {at} in {}", r.stderr);
    assert!(r.stderr.contains("statment"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn no_rules_found_exits_2_and_mentions_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let draft: PathBuf = root().join("data/clean.txt");
    let r = run(factcheck().current_dir(dir.path()).arg(&draft));
    assert_eq!(r.code, 2, "stdout {}", r.stdout);
    assert!(r.stderr.contains("--rules"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn rules_dir_is_found_without_the_flag() {
    // From the crate root the nearest rules/ is used.
    let r = run(factcheck().arg("data/altered.txt"));
    assert_eq!(r.code, 1, "stderr {}", r.stderr);
    assert!(r.stdout.contains("error[altered]"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------
// Standard input
// ---------------------------------------------------------------------------------------

#[test]
fn stdin_dash_is_checked() {
    let r = run(factcheck()
        .args(["--rules", "rules", "--format", "json", "-"])
        .write_stdin(draft_bytes("data/altered.txt")));
    assert_eq!(r.code, 1, "stderr {}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["files"][0]["path"], "-");
    let from_file = check_json(&["data/altered.txt"], 1);
    assert_eq!(findings(&doc, 0), findings(&from_file, 0));

    let r = run(factcheck()
        .args(["--rules", "rules", "-"])
        .write_stdin(draft_bytes("data/clean.txt")));
    assert_eq!(r.code, 0, "stdout {}", r.stdout);
    assert_eq!(
        r.stdout,
        "no problems found in 1 file; quotes 8/8 verified\n"
    );
}

// ---------------------------------------------------------------------------------------
// Output snapshots
// ---------------------------------------------------------------------------------------

#[test]
fn altered_text_snapshot() {
    let r = check(&["data/altered.txt"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("altered_text", r.stdout);
}

#[test]
fn misattributed_text_snapshot() {
    let r = check(&["data/misattributed.txt"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("misattributed_text", r.stdout);
}

#[test]
fn altered_json() {
    let r = run(factcheck().args(["--rules", "rules", "--format", "json", "data/altered.txt"]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("altered_json", r.stdout);

    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["files"][0]["path"], "data/altered.txt");
    let f = findings(&doc, 0);
    assert_eq!(
        kinds_and_rules(f),
        set(&[
            ("altered", "council-vote"),
            ("altered", "lapd-rule-1979"),
            ("altered", "soto-martinez-message"),
            ("altered", "soto-martinez-safe"),
            ("altered", "bass-together"),
        ])
    );
    assert_eq!(doc["summary"]["errors"], 5);
    assert_eq!(doc["summary"]["warnings"], 0);

    let bytes = draft_bytes("data/altered.txt");
    let by_rule = |rule: &str| {
        f.iter()
            .find(|x| x["rule"] == rule)
            .unwrap_or_else(|| panic!("no finding for {rule}"))
    };
    // Altered claims: the span is exactly the wrong value, and `found` is that text.
    for (rule, found, expected) in [
        ("council-vote", "12-1", "13-0"),
        ("lapd-rule-1979", "1997", "1979"),
    ] {
        let finding = by_rule(rule);
        assert_eq!(pointed_text(&bytes, finding), found, "{rule}");
        assert_eq!(finding["found"], found, "{rule}");
        assert_eq!(finding["expected"], expected, "{rule}");
        assert_eq!(finding["ruleset"], "la-sanctuary-city");
    }
    // Altered quotes: the span is the quoted words as written in the draft.
    let soto = by_rule("soto-martinez-message");
    let text = pointed_text(&bytes, soto);
    assert!(text.contains("a very strong message"), "{text}");
    assert_eq!(soto["found"].as_str(), Some(text.as_str()));
    assert_eq!(soto["line"], 3);
    let bass = by_rule("bass-together");
    let text = pointed_text(&bytes, bass);
    assert!(
        text.starts_with("Los Angeles will stand together, especially"),
        "{text}"
    );
    assert_eq!(bass["found"].as_str(), Some(text.as_str()));
    assert_eq!(bass["line"], 11);
    // A reversed statement: the span is the reported words, both sides in the message.
    let safe = by_rule("soto-martinez-safe");
    let text = pointed_text(&bytes, safe);
    assert_eq!(
        text,
        "the law would not leave residents feeling safe and supported"
    );
    assert_eq!(safe["found"].as_str(), Some(text.as_str()));
    assert_eq!(
        safe["expected"],
        "The ordinance is meant to make residents feel safe and supported by their city government."
    );
    assert_eq!(safe["line"], 3);
}

#[test]
fn misattributed_json() {
    let r = run(factcheck().args([
        "--rules",
        "rules",
        "--format",
        "json",
        "data/misattributed.txt",
    ]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("misattributed_json", r.stdout);

    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let f = findings(&doc, 0);
    assert_eq!(
        kinds_and_rules(f),
        set(&[
            ("misattributed", "goldberg-coming"),
            ("misattributed", "blumenfield-defenses"),
            ("misattributed", "bass-commitment"),
            ("unattributed", "hernandez-permanent"),
        ])
    );
    let bytes = draft_bytes("data/misattributed.txt");
    // The span is the mention of the wrong speaker; `found` is who that is.
    for (rule, mention, credited, verified) in [
        (
            "goldberg-coming",
            "Mayor Karen Bass",
            "Karen Bass",
            "Jackie Goldberg",
        ),
        (
            "blumenfield-defenses",
            "Soto-Martinez",
            "Hugo Soto-Martinez",
            "Bob Blumenfield",
        ),
        (
            "bass-commitment",
            "Blumenfield",
            "Bob Blumenfield",
            "Karen Bass",
        ),
    ] {
        let finding = f.iter().find(|x| x["rule"] == rule).unwrap();
        assert_eq!(pointed_text(&bytes, finding), mention, "{rule}");
        assert_eq!(finding["found"], credited, "{rule}");
        assert_eq!(finding["expected"], verified, "{rule}");
        assert_eq!(finding["severity"], "error");
    }
    // A statement the draft states as its own: a warning at the sentence.
    let own = f
        .iter()
        .find(|x| x["rule"] == "hernandez-permanent")
        .unwrap();
    assert_eq!(
        pointed_text(&bytes, own),
        "Writing the protections into city law makes them permanent and harder to undo."
    );
    assert_eq!(own["severity"], "warning");
    assert_eq!(own["expected"], "Eunisses Hernandez");
}

#[test]
fn quote_sheet_json() {
    let r = run(factcheck().args(["quotes", "--format", "json", "data/clean.txt"]));
    assert_eq!(r.code, 0, "stderr {}", r.stderr);
    insta::assert_snapshot!("clean_quotes_json", r.stdout);

    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let quotes = doc["files"][0]["quotes"].as_array().unwrap();
    // Seven quotes, one of them split in two segments.
    assert_eq!(quotes.len(), 8);
    let bytes = draft_bytes("data/clean.txt");
    let text = std::str::from_utf8(&bytes).unwrap();
    for q in quotes {
        let speaker = &q["speaker"];
        assert!(
            speaker["name"].as_str().is_some_and(|n| !n.is_empty()),
            "quote without a speaker: {q}"
        );
        assert_eq!(pointed_text(&bytes, q), q["text"].as_str().unwrap());
        let (s, e) = (
            speaker["start"].as_u64().unwrap() as usize,
            speaker["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], speaker["mention"].as_str().unwrap());
    }
}

#[test]
fn quote_sheet_with_rules_names_every_verified_speaker() {
    let r = run(factcheck().args([
        "quotes",
        "--rules",
        "rules",
        "--format",
        "json",
        "data/clean.txt",
    ]));
    assert_eq!(r.code, 0, "stderr {}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let names: BTreeSet<&str> = doc["files"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["speaker"]["name"].as_str().unwrap_or("<none>"))
        .collect();
    let want: BTreeSet<&str> = [
        "Hugo Soto-Martinez",
        "Bob Blumenfield",
        "Eunisses Hernandez",
        "Ira Mehlman",
        "Jackie Goldberg",
        "Tom Homan",
        "Karen Bass",
    ]
    .into_iter()
    .collect();
    assert_eq!(names, want);
}

// ---------------------------------------------------------------------------------------
// Whole drafts
// ---------------------------------------------------------------------------------------

#[test]
fn reference_article_checks_clean() {
    let article = root().join("../shared/reference/la-sanctuary-city.txt");
    if !article.exists() {
        eprintln!("skipped: reference article {} is absent", article.display());
        return;
    }
    let r = run(factcheck()
        .args(["--rules", "rules", "--format", "json"])
        .arg(&article));
    assert_eq!(r.code, 0, "stdout {}\nstderr {}", r.stdout, r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    for f in findings(&doc, 0) {
        let kind = f["kind"].as_str().unwrap();
        assert!(
            !matches!(kind, "missing" | "altered" | "misattributed"),
            "the published article should not be flagged: {f}"
        );
    }
}

#[test]
fn hard_wrapped_crlf_draft_checks_like_clean() {
    let bytes = draft_bytes("data/hard-wrapped-crlf.txt");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\r\n\r\n"), "CRLF paragraphs");
    assert!(!text.replace("\r\n", "").contains('\n'), "only CRLF");
    assert!(text.contains('\u{a0}'), "a non-breaking space");
    assert!(text.contains("**13-0**"), "Markdown emphasis");
    assert!(
        text.lines().all(|l| l.chars().count() <= 80),
        "hard-wrapped"
    );

    let clean = check_json(&["data/clean.txt"], 0);
    let wrapped = check_json(&["data/hard-wrapped-crlf.txt"], 0);
    assert_eq!(
        kinds_and_rules(findings(&wrapped, 0)),
        kinds_and_rules(findings(&clean, 0))
    );
    assert!(findings(&wrapped, 0).is_empty());
    let r = check(&["data/hard-wrapped-crlf.txt"]);
    assert_eq!(
        r.stdout,
        "no problems found in 1 file; quotes 8/8 verified\n"
    );
}

#[test]
fn every_claim_of_clean_is_needed() {
    // Each claim of the clean draft is really read: blanking its sentence makes it missing.
    let clean = String::from_utf8(draft_bytes("data/clean.txt")).unwrap();
    for (needle, rule) in [
        ("thirteen-to-zero", "council-vote"),
        ("since 1979", "lapd-rule-1979"),
        ("in 2017", "california-sanctuary-state"),
    ] {
        let mut draft = clean.clone();
        if rule == "council-vote" {
            draft = draft.replace("council’s 13–0 vote", "council’s decision");
        }
        let draft = draft.replace(needle, "");
        let r = run(factcheck()
            .args(["--rules", "rules", "--format", "json", "-"])
            .write_stdin(draft));
        assert_eq!(r.code, 1, "{rule}: {}", r.stdout);
        let doc: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(
            kinds_and_rules(findings(&doc, 0)),
            set(&[("missing", rule)]),
            "{rule}"
        );
    }
    // The en-dash tally of the second mention states the vote on its own.
    let draft = clean.replace("thirteen-to-zero ", "");
    assert!(draft.contains("13–0 vote"));
    let r = run(factcheck()
        .args(["--rules", "rules", "-"])
        .write_stdin(draft));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        r.stdout,
        "no problems found in 1 file; quotes 8/8 verified\n"
    );
}

/// `--figures`: every figure of the draft that no claim covers is an `unverified-figure`
/// info (exit 0), the coverage counts each judged figure once (verified + altered +
/// unverified = total), and the findings are suppressible by that name.
#[test]
fn figures_reports_what_no_claim_covers() {
    let clean = fs::read_to_string(root().join("data/clean.txt")).expect("clean draft");
    let extra = "\nAbout 200 residents packed the chamber for the 3 p.m. meeting, and 45 of \
                 them spoke. The measure will cost the city $2 million a year, one official \
                 said. Page 4 of the staff report lists 12 exemptions.\n";
    let draft = format!("{}{extra}", clean.replace("13–0 vote", "12-1 vote"));
    let json = |args: &[&str], text: &str| {
        let r = run(factcheck()
            .args(["--rules", "rules", "--format", "json"])
            .args(args)
            .arg("-")
            .write_stdin(text.to_string()));
        let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
        (r.code, doc)
    };
    let (code, doc) = json(&["--figures"], &draft);
    assert_eq!(code, 1, "the altered tally is an error");
    let found: Vec<(&str, &str)> = findings(&doc, 0)
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().expect("kind"),
                f["found"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("altered", "12-1"),
            ("unverified-figure", "200"),
            ("unverified-figure", "45"),
            ("unverified-figure", "$2 million"),
            ("unverified-figure", "12"),
        ]
    );
    let figure = &findings(&doc, 0)[1];
    assert_eq!(figure["severity"], "info");
    assert!(figure["rule"].is_null() && figure["ruleset"].is_null());
    assert_eq!(figure["message"], "number 200 is not covered by any claim");
    let coverage = &doc["summary"]["coverage"];
    assert_eq!(
        coverage["quotes"],
        serde_json::json!({"verified": 8, "total": 8})
    );
    // thirteen-to-zero, 1979 and 2017 verified; 12-1 altered; four unverified.
    assert_eq!(
        coverage["figures"],
        serde_json::json!({"verified": 3, "total": 8})
    );
    // Without --figures: no such finding, and the figures are not counted.
    let (_, plain) = json(&[], &draft);
    assert!(findings(&plain, 0)
        .iter()
        .all(|f| f["kind"] != "unverified-figure"));
    assert!(plain["summary"]["coverage"]["figures"].is_null());
    // The text summary line shows the coverage.
    let r = run(factcheck()
        .args(["--rules", "rules", "--figures", "-"])
        .write_stdin(draft.clone()));
    assert!(
        r.stdout.ends_with(
            "1 file checked: 1 error, 0 warnings, 4 infos; quotes 8/8 verified, figures 3/8\n"
        ),
        "{}",
        r.stdout
    );
    // Suppressed by name, like the other kinds; SARIF names the rule.
    let silenced = format!("{draft}\n<!-- factcheck-ignore-file unverified-figure -->\n");
    let (_, doc) = json(&["--figures"], &silenced);
    assert_eq!(findings(&doc, 0).len(), 1);
    assert_eq!(
        doc["files"][0]["suppressed"].as_array().map(Vec::len),
        Some(4)
    );
    let r = run(factcheck()
        .args(["--rules", "rules", "--figures", "--format", "sarif", "-"])
        .write_stdin(draft));
    let sarif: Value = serde_json::from_str(&r.stdout).expect("SARIF");
    let rule_ids: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["ruleId"].as_str().expect("rule id"))
        .collect();
    assert_eq!(
        rule_ids
            .iter()
            .filter(|&&id| id == "unverified-figure")
            .count(),
        4
    );
}

/// A quote the bank credits to two people verifies against the entry whose speaker the
/// draft credits; `rules check` reports the contradiction as an error.
#[test]
fn a_quote_credited_to_two_people_in_the_bank() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bank = dir.path().join("bank.yaml");
    fs::write(
        &bank,
        "ruleset: bank\npeople: [{ name: Ann Lee }, { name: Bo Day }]\nquotes:\n  \
         - { id: ann, speaker: ann-lee, required: false, text: we will not close a single library }\n  \
         - { id: bo, speaker: bo-day, required: false, text: We will not close a single library. }\n",
    )
    .expect("write bank");
    let bank = bank.to_str().expect("utf-8");
    for speaker in ["Ann Lee", "Bo Day"] {
        let r = run(factcheck()
            .args(["--rules", bank, "--format", "json", "-"])
            .write_stdin(format!(
                "“We will not close a single library,” {speaker} said.\n"
            )));
        assert_eq!(r.code, 0, "{speaker}: {}", r.stdout);
        let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
        assert_eq!(findings(&doc, 0).len(), 0, "{speaker}: {}", r.stdout);
    }
    let r = run(factcheck().args(["rules", "check", bank]));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout.starts_with(&format!(
            "error: {bank}:5:11: bo: the same quote is credited to Bo Day in `bank/bo` \
             ({bank}:5:11) and to Ann Lee in `bank/ann` ({bank}:4:11)"
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with(": 1 error, 0 warnings\n"),
        "{}",
        r.stdout
    );
    let r = run(factcheck().args(["rules", "check", "--format", "json", bank]));
    assert_eq!(r.code, 2);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(doc["errors"][0]["kind"], "conflicting-speakers");
    assert_eq!(doc["errors"][0]["other"]["id"], "ann");
    assert_eq!(doc["summary"]["errors"], 1);
}

// ---------------------------------------------------------------------------------------
// `factcheck fix`
// ---------------------------------------------------------------------------------------

/// `factcheck fix --rules rules <args>`.
fn fix(args: &[&str]) -> Run {
    run(factcheck().args(["fix", "--rules", "rules"]).args(args))
}

/// The kinds of the findings `factcheck --format json` reports for `path`.
/// The altered sample's reversed statement: a paraphrase is never rewritten, so no fix
/// removes its finding and a fixed altered draft still exits 1.
const REVERSED_STATEMENT: &str = "soto-martinez-safe";

/// The kinds of the findings of a draft checked against the committed rules, the
/// reversed statement's aside (it has no fix).
fn finding_kinds(path: &Path) -> Vec<String> {
    let r = run(factcheck()
        .args(["--rules", "rules", "--format", "json"])
        .arg(path));
    let doc: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    doc["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] != REVERSED_STATEMENT)
        .map(|f| f["kind"].as_str().expect("kind").to_string())
        .collect()
}

/// Copies the named samples into a fresh directory.
fn copies(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in names {
        fs::copy(root().join("data").join(name), dir.path().join(name)).expect("copy");
    }
    dir
}

#[test]
fn fix_prints_a_diff_per_draft_and_changes_nothing() {
    let names = ["altered.txt", "altered.md", "altered.html", "clean.txt"];
    let before: Vec<Vec<u8>> = names
        .iter()
        .map(|n| fs::read(root().join("data").join(n)).expect("sample"))
        .collect();
    let args: Vec<String> = names.iter().map(|n| format!("data/{n}")).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = fix(&args);
    // The fixed drafts keep one error, the reversed statement: exit 1, as the check
    // would say.
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    insta::assert_snapshot!("fix_diff", r.stdout);
    for (name, bytes) in names.iter().zip(before) {
        let now = fs::read(root().join("data").join(name)).expect("sample");
        assert_eq!(now, bytes, "{name} changed without --write");
    }
}

#[test]
fn fix_write_applies_the_diff_and_the_check_finds_nothing_altered() {
    let names = ["altered.txt", "altered.md", "altered.html"];
    let dir = copies(&names);
    for name in names {
        let path = dir.path().join(name);
        assert!(
            finding_kinds(&path).contains(&"altered".to_string()),
            "{name}"
        );
        let diff = fix(&[path.to_str().expect("UTF-8 path")]);
        let r = fix(&["--write", path.to_str().expect("UTF-8 path")]);
        assert_eq!(
            r.code, 1,
            "{name}: the reversed statement remains: {}",
            r.stderr
        );
        assert_eq!(r.stdout, "", "{name}: --write prints no diff");
        assert!(r.stderr.starts_with("fixed "), "{name}: {}", r.stderr);
        assert!(
            !finding_kinds(&path).contains(&"altered".to_string()),
            "{name}"
        );
        // The diff was exactly what was written: fixing again changes nothing.
        assert!(diff.stdout.starts_with("--- a/"), "{name}");
        let again = fix(&[path.to_str().expect("UTF-8 path")]);
        assert_eq!((again.code, again.stdout.as_str()), (1, ""), "{name}");
    }
}

#[test]
fn unsafe_fixes_are_applied_only_when_asked() {
    let dir = copies(&[
        "misattributed.txt",
        "misattributed.md",
        "misattributed.html",
    ]);
    for name in [
        "misattributed.txt",
        "misattributed.md",
        "misattributed.html",
    ] {
        let path = dir.path().join(name);
        let path = path.to_str().expect("UTF-8 path");
        let safe = fix(&[path]);
        assert_eq!(safe.code, 1, "{name}: the misattributions remain");
        assert_eq!(safe.stdout, "", "{name}");
        assert!(
            safe.stderr.contains("3 unsafe fixes not applied"),
            "{name}: {}",
            safe.stderr
        );
        let shown = fix(&["--unsafe-fixes", path]);
        assert_eq!(shown.code, 0, "{name}: {}", shown.stderr);
        assert!(shown.stdout.contains("+"), "{name}");
        let written = fix(&["--unsafe-fixes", "--write", path]);
        assert_eq!(written.code, 0, "{name}: {}", written.stderr);
        assert!(
            !finding_kinds(Path::new(path)).contains(&"misattributed".to_string()),
            "{name}"
        );
    }
    insta::assert_snapshot!(
        "fix_unsafe_diff",
        fix(&["--unsafe-fixes", "data/misattributed.txt"]).stdout
    );
}

#[test]
fn fix_exits_as_the_check_would_on_the_fixed_draft() {
    // A missing quote has no fix: an error remains.
    let r = fix(&["data/missing.txt"]);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""), "{}", r.stderr);
    assert_eq!(fix(&["data/clean.txt"]).code, 0);
    // Errors: an unreadable draft, standard input with --write, a broken rule file.
    let r = fix(&["data/no-such-draft.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such-draft.txt"), "{}", r.stderr);
    let r = fix(&["--write", "-"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("standard input"), "{}", r.stderr);
    let r = run(factcheck().args(["fix", "--rules", "data/clean.txt", "data/altered.txt"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    // One unreadable draft among good ones: the others are still fixed, exit 2.
    let r = fix(&["data/altered.txt", "data/no-such-draft.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout.starts_with("--- a/data/altered.txt"),
        "{}",
        r.stdout
    );
    // Usage: a draft is required.
    assert_eq!(fix(&[]).code, 2);
}

#[test]
fn fix_reads_standard_input_for_the_diff() {
    let text = fs::read_to_string(root().join("data/altered.txt")).expect("sample");
    let r = run(factcheck()
        .args(["fix", "--rules", "rules", "-"])
        .write_stdin(text));
    assert_eq!(r.code, 1, "the reversed statement remains: {}", r.stderr);
    assert!(r.stdout.starts_with("--- a/-\n+++ b/-\n@@"), "{}", r.stdout);
    assert!(r.stdout.contains("+Los Angeles is now formally a sanctuary city. On Tuesday the City Council approved the ordinance in a 13-0 vote"));
}

#[test]
fn a_draft_decoded_from_another_encoding_is_not_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cp1252.txt");
    let text = fs::read_to_string(root().join("data/altered.txt")).expect("sample");
    // The curly quotes and apostrophes as Windows-1252 bytes.
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '\u{2019}' => 0x92,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            c => u8::try_from(c).expect("the sample is Windows-1252"),
        })
        .collect();
    fs::write(&path, &bytes).expect("write");
    let path_arg = path.to_str().expect("UTF-8 path");
    let diff = fix(&["--encoding", "windows-1252", path_arg]);
    assert_eq!(
        diff.code, 1,
        "the reversed statement remains: {}",
        diff.stderr
    );
    assert!(diff.stdout.contains("+"), "the diff is shown");
    let r = fix(&["--encoding", "windows-1252", "--write", path_arg]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not written"), "{}", r.stderr);
    assert_eq!(
        fs::read(&path).expect("read"),
        bytes,
        "the draft is unchanged"
    );
}
