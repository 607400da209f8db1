//! End-to-end tests of the rule-author commands: `factcheck rules schema`, `rules test`,
//! `rules check` and `factcheck --explain RULE` — exit codes, messages and output.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The crate root: every test runs from here, so `rules/` is found and paths are relative.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from `dir` without colours.
fn factcheck_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("factcheck").expect("the factcheck binary is built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// What one run produced.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = factcheck_in(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("exited with a code"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str]) -> Run {
    run_in(root(), args)
}

/// A temporary directory with one rule file `rules/demo.yaml` holding `yaml`.
fn rule_dir(yaml: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("rules");
    fs::create_dir_all(&rules).expect("mkdir");
    let file = rules.join("demo.yaml");
    fs::write(&file, yaml).expect("write");
    (dir, file)
}

// ---------------------------------------------------------------------------------------
// rules schema

#[test]
fn schema_prints_the_committed_schema() {
    let r = run(&["rules", "schema"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let committed =
        fs::read_to_string(root().join("schema/rules.schema.json")).expect("committed schema");
    assert!(
        r.stdout == committed,
        "schema/rules.schema.json is out of date; regenerate it with\n\n    \
         cargo run -- rules schema > schema/rules.schema.json\n"
    );
    let schema: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(schema["title"], "factcheck rule file");
}

#[test]
fn rule_file_points_editors_at_the_schema() {
    let text = fs::read_to_string(root().join("rules/la-sanctuary-city.yaml")).expect("read");
    assert_eq!(
        text.lines().next(),
        Some("# yaml-language-server: $schema=../schema/rules.schema.json")
    );
}

// ---------------------------------------------------------------------------------------
// rules test

#[test]
fn rules_test_passes_on_the_committed_rules() {
    for args in [&["rules", "test"][..], &["rules", "test", "rules"][..]] {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}: {}{}", r.stdout, r.stderr);
        assert_eq!(r.stderr, "");
        let lines: Vec<&str> = r.stdout.lines().collect();
        assert_eq!(lines.len(), 1, "{}", r.stdout);
        let (total, rest) = lines[0]
            .split_once(" examples in 1 file: ")
            .expect("summary");
        assert!(
            total.parse::<usize>().expect("a count") >= 20,
            "{}",
            lines[0]
        );
        assert_eq!(rest, format!("{total} passed, 0 failed"));
    }
}

const FAILING_EXAMPLES: &str = "\
ruleset: demo
people:
  - name: Karen Bass
  - name: Bob Blumenfield
claims:
  - id: vote
    statement: The council voted 13-0.
    context: [vote]
    value: { tally: 13-0 }
    examples:
      pass:
        - The vote was 13-0.
        - The vote was 12-1.
      fail:
        - text: The vote was 13-0.
          kind: altered
quotes:
  - id: together
    speaker: karen-bass
    text: Los Angeles will always stand together
    examples:
      pass:
        - “Los Angeles will always stand together,” Bass said.
      fail:
        - text: “Los Angeles will always stand together,” Bass said.
          kind: misattributed
";

#[test]
fn rules_test_reports_each_failing_example() {
    let (dir, _) = rule_dir(FAILING_EXAMPLES);
    let r = run_in(dir.path(), &["rules", "test", "rules"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "\
rules/demo.yaml:13:11: vote: example 2 expected no finding, got altered (tally is 12-1, expected 13-0)
rules/demo.yaml:15:17: vote: example 3 expected altered, got none
rules/demo.yaml:25:17: together: example 2 expected misattributed, got none
5 examples in 1 file: 2 passed, 3 failed
"
    );
    assert_eq!(r.stderr, "");
    // Without a path the nearest rules/ directory is found from the current directory.
    let nested = dir.path().join("drafts/2025");
    fs::create_dir_all(&nested).expect("mkdir");
    let default = run_in(&nested, &["rules", "test"]);
    assert_eq!(default.code, 1);
    assert_eq!(
        default.stdout,
        r.stdout.replace(
            "rules/demo.yaml",
            &format!("{}/rules/demo.yaml", dir.path().display())
        )
    );
}

#[test]
fn rules_test_with_explicit_paths_counts_files() {
    let (dir, file) = rule_dir(FAILING_EXAMPLES);
    let other = dir.path().join("other.yaml");
    fs::write(
        &other,
        "ruleset: other\nclaims:\n  - id: y\n    statement: s\n    context: [founded]\n    value: { year: 1850 }\n    examples: { pass: [It was founded in 1850.] }\n",
    )
    .expect("write");
    let r = run_in(
        dir.path(),
        &["rules", "test", file.to_str().expect("utf-8"), "other.yaml"],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .ends_with("6 examples in 2 files: 3 passed, 3 failed\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn rules_test_rule_file_errors_exit_2() {
    let (dir, _) = rule_dir(
        "ruleset: demo\nclaims:\n  - id: a\n    statement: s\n    value: { year: 1979 }\n    examples:\n      fail:\n        - { text: x, kind: unverified }\n",
    );
    let r = run_in(dir.path(), &["rules", "test", "rules"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: rules/demo.yaml:8:28: unknown value `unverified`, expected one of `missing`, \
         `altered`, `misattributed`, `unattributed`; `unverified` is reported for quotes that \
         no rule covers, never by a rule\n"
    );
}

#[test]
fn rules_commands_without_rules_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        !dir.path().ancestors().any(|d| d.join("rules").is_dir()),
        "a rules/ directory above {} would be found",
        dir.path().display()
    );
    for args in [&["rules", "test"][..], &["rules", "check"][..]] {
        let r = run_in(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.starts_with("error: no rules found: pass PATH"),
            "{args:?}: {}",
            r.stderr
        );
    }
    let r = run_in(dir.path(), &["rules", "test", "missing.yaml"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: missing.yaml:1:1: no such file or directory\n"
    );
}

// ---------------------------------------------------------------------------------------
// rules check

#[test]
fn rules_check_on_the_committed_rules() {
    let r = run(&["rules", "check", "rules"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(r.stdout, "14 rules in 1 file: no errors, 0 warnings\n");
    // Without a path the nearest rules/ directory is used, named as the main command
    // names it (an absolute path).
    let default = run(&["rules", "check"]);
    assert_eq!(default.code, 0, "{}", default.stderr);
    assert_eq!(
        default.stdout,
        r.stdout
            .replace("rules/", &format!("{}/rules/", root().display()))
    );
}

const WEAK_RULES: &str = "\
ruleset: demo
people:
  - name: Ann Lee
  - name: Bo Day
claims:
  - id: common
    statement: s
    context: [year, \"the city|LAPD\"]
    value: { year: 1979 }
  - id: no-context
    statement: s
    value: { year: 1979 }
  - id: again
    statement: s
    context: [\"LAPD|the city\", Year]
    value: { year: \"1979\" }
quotes:
  - id: short
    speaker: ann-lee
    text: Not today
  - id: long
    speaker: ann-lee
    text: We will not be moved today
  - id: long-again
    speaker: ann-lee
    text: “We will NOT be moved, today.”
";

#[test]
fn rules_check_warns_about_weak_rules() {
    let (dir, _) = rule_dir(WEAK_RULES);
    let r = run_in(dir.path(), &["rules", "check", "rules"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        "\
warning: rules/demo.yaml:4:5: bo-day: Bo Day is never the speaker of a quote or statement; keep the entry only if drafts name them (named people help credit quotes)
warning: rules/demo.yaml:6:9: common: every context term is a very common word (`year`, `the city|LAPD`): they locate unrelated sentences, whose values are reported as altered; add a term specific to the claim
warning: rules/demo.yaml:10:9: no-context: claim has no context: without context a different value is never reported; add terms that locate the sentence stating it
warning: rules/demo.yaml:13:9: again: every context term is a very common word (`LAPD|the city`, `Year`): they locate unrelated sentences, whose values are reported as altered; add a term specific to the claim
warning: rules/demo.yaml:13:9: again: same claim (value `1979`, context `LAPD|the city`, `Year`) as `common` at line 6
warning: rules/demo.yaml:18:9: short: quote has only 2 words: a quote under four words is found in text that merely uses the words, and a change to it is hard to report; quote more of the sentence
warning: rules/demo.yaml:24:9: long-again: same quote text as `long` at line 21
6 rules in 1 file: no errors, 7 warnings
"
    );
}

#[test]
fn rules_check_duplicates_across_files() {
    let (dir, file) = rule_dir(WEAK_RULES);
    let other = dir.path().join("rules/other.yaml");
    fs::write(
        &other,
        "ruleset: other\npeople: [{ name: Ann Lee }]\nquotes:\n  - id: copy\n    speaker: ann-lee\n    text: we will not be moved today\n",
    )
    .expect("write");
    let r = run_in(dir.path(), &["rules", "check", "--format", "json", "rules"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(doc["version"], 1);
    assert_eq!(
        doc["files"],
        serde_json::json!([file.strip_prefix(dir.path()).unwrap(), "rules/other.yaml"])
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 2, "rules": 7, "errors": 0, "warnings": 8})
    );
    let last = doc["warnings"]
        .as_array()
        .expect("warnings")
        .last()
        .cloned();
    assert_eq!(
        last,
        Some(serde_json::json!({
            "kind": "duplicate-quote", "path": "rules/other.yaml", "line": 4, "column": 9,
            "ruleset": "other", "id": "copy",
            "message": "same quote text as `demo/long` at rules/demo.yaml:21:9",
            "other": {"path": "rules/demo.yaml", "line": 21, "column": 9, "ruleset": "demo",
                      "id": "long"},
        }))
    );
    let kinds: Vec<&str> = doc["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(
        kinds,
        [
            "unused-person",
            "common-context",
            "no-context",
            "common-context",
            "duplicate-claim",
            "short-quote",
            "duplicate-quote",
            "duplicate-quote"
        ]
    );
}

#[test]
fn rules_check_errors_are_the_loaders() {
    let (dir, _) = rule_dir(
        "ruleset: demo\nclaims:\n  - id: a\n    statement: s\n    contxt: [vote]\n    value: { tally: 13-0 }\n",
    );
    let r = run_in(dir.path(), &["rules", "check", "rules"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    let expected = "error: rules/demo.yaml:5:5: unknown field `contxt`, expected one of `id`, \
                    `statement`, `context`, `value`, `required`, `severity`, `examples`, \
                    `source`; did you mean `context`?\n";
    assert_eq!(r.stderr, expected);
    // The main command reports the same error the same way.
    let main = run_in(dir.path(), &["--rules", "rules", "draft.txt"]);
    assert_eq!((main.code, main.stderr.as_str()), (2, expected));

    let r = run_in(dir.path(), &["rules", "check", "--format", "json", "rules"]);
    assert_eq!(r.code, 2);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(
        doc["errors"],
        serde_json::json!([{
            "kind": "rule-file", "path": "rules/demo.yaml", "line": 5, "column": 5,
            "message": "unknown field `contxt`, expected one of `id`, `statement`, `context`, \
                        `value`, `required`, `severity`, `examples`, `source`; did you mean \
                        `context`?",
        }])
    );
    assert_eq!(doc["summary"]["errors"], 1);
}

// ---------------------------------------------------------------------------------------
// --explain

#[test]
fn explain_a_claim() {
    let r = run(&["--rules", "rules", "--explain", "lapd-rule-1979"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    insta::assert_snapshot!("explain_claim", r.stdout);
}

#[test]
fn explain_a_quote() {
    let r = run(&[
        "--rules",
        "rules",
        "--explain",
        "la-sanctuary-city/bass-together",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("explain_quote", r.stdout);
}

#[test]
fn explain_an_optional_claim_without_sources() {
    let (dir, _) = rule_dir(
        "ruleset: demo\nclaims:\n  - id: since\n    statement: In force since 1979.\n    value: { year: 1979 }\n    required: false\n    severity: info\n",
    );
    let r = run_in(dir.path(), &["--rules", "rules", "--explain", "since"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("explain_optional_claim", r.stdout);
}

#[test]
fn explain_errors_exit_2() {
    let r = run(&["--explain", "council-vot"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: unknown rule `council-vot`; did you mean `council-vote`?\n"
    );

    let r = run(&["--explain", "zzzz"]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "error: unknown rule `zzzz`\n")
    );

    let (dir, file) = rule_dir(
        "ruleset: demo\nclaims:\n  - id: council-vote\n    statement: s\n    context: [vote]\n    value: { tally: 13-0 }\n",
    );
    let r = run(&[
        "--rules",
        "rules",
        "--rules",
        file.to_str().expect("utf-8"),
        "--explain",
        "council-vote",
    ]);
    assert_eq!(r.code, 2);
    // Each ruleset holding the id, with where the rule is defined.
    let (la, demo) = (
        "la-sanctuary-city/council-vote (rules/la-sanctuary-city.yaml:",
        format!("demo/council-vote ({}:3:9)", file.display()),
    );
    assert!(
        r.stderr
            .starts_with("error: rule `council-vote` is defined in several rulesets: ")
            && r.stderr.contains(la)
            && r.stderr.contains(&demo)
            && r.stderr.ends_with("; name one as `ruleset/rule`\n"),
        "{}",
        r.stderr
    );
    let r = run_in(dir.path(), &["--explain", "demo/council-vote"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A rule and drafts together is a usage error.
    let r = run(&["--explain", "council-vote", "data/clean.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------
// statements through the command line: --explain, suppression, severity overrides

/// A ruleset with one statement, for the statement tests below.
const STATEMENT_RULES: &str = "ruleset: demo
people: [{ name: Ann Lee, title: Mayor }, { name: Bo Day }]
statements:
  - id: library
    speaker: ann-lee
    statement: The new library opens in the spring.
    context: [library, spring]
";

#[test]
fn explain_a_statement() {
    let r = run(&[
        "--rules",
        "rules",
        "--explain",
        "la-sanctuary-city/bass-commitment",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("explain_statement", r.stdout);
}

/// An unattributed statement is a warning (exit 0); `[severity.kinds]` raises it to an
/// error (exit 1); a `factcheck-ignore` comment silences a misattributed one, listed as
/// suppressed.
#[test]
fn statement_findings_obey_severity_and_suppression() {
    let (dir, _) = rule_dir(STATEMENT_RULES);
    let draft = |name: &str, text: &str| {
        fs::write(dir.path().join(name), text).expect("write draft");
        name.to_string()
    };
    let own = draft("own.md", "The new library opens in the spring.\n");
    let r = run_in(dir.path(), &["--format", "json", &own]);
    assert_eq!(r.code, 0, "a warning only: {}{}", r.stdout, r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let finding = &doc["files"][0]["findings"][0];
    assert_eq!(finding["kind"], "unattributed");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["rule"], "library");

    fs::write(
        dir.path().join("factcheck.toml"),
        "[severity.kinds]\nunattributed = \"error\"\n",
    )
    .expect("write config");
    let raised = run_in(dir.path(), &["--format", "json", &own]);
    assert_eq!(raised.code, 1, "{}{}", raised.stdout, raised.stderr);
    let doc: serde_json::Value = serde_json::from_str(&raised.stdout).expect("json");
    assert_eq!(doc["files"][0]["findings"][0]["severity"], "error");
    fs::remove_file(dir.path().join("factcheck.toml")).expect("remove config");

    let credited = draft(
        "credited.md",
        "<!-- factcheck-ignore library -->\nBo Day said the new library opens in the spring.\n",
    );
    let r = run_in(dir.path(), &["--format", "json", &credited]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let file = &doc["files"][0];
    assert_eq!(file["findings"].as_array().map(Vec::len), Some(0), "{file}");
    assert_eq!(file["suppressed"][0]["kind"], "misattributed", "{file}");
    assert_eq!(file["suppressed"][0]["rule"], "library", "{file}");
}
