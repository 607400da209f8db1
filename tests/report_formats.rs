//! End-to-end tests of the CI and editor output formats (`--format sarif`, `github`,
//! `junit`, `html`), of `-o/--output`, and of the text output for several drafts, over
//! the sample drafts in `data/` and the rules in `rules/`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The crate root: every test runs from here, so paths in the output are relative.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What one run produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `factcheck --rules rules <args>` from the crate root, without colours.
fn check(args: &[&str]) -> Run {
    let mut all = vec!["--rules", "rules"];
    all.extend_from_slice(args);
    factcheck(&all)
}

/// `factcheck <args>` from the crate root, without colours.
fn factcheck(args: &[&str]) -> Run {
    let output = Command::cargo_bin("factcheck")
        .expect("the factcheck binary is built")
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("exited with a code"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

include!("schemas/sarif_validator.rs");

#[test]
fn sarif_on_altered_is_valid_and_locates_findings() {
    let r = check(&["--format", "sarif", "data/altered.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 5);
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(results[0]["ruleId"], "la-sanctuary-city/council-vote");
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&1.into(), &103.into())
    );
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(
        rules[0]["shortDescription"]["text"],
        "The City Council passed the sanctuary-city ordinance by a 13-0 vote."
    );
    insta::assert_snapshot!("altered_sarif", r.stdout);
}

#[test]
fn sarif_on_missing_points_at_the_start_with_the_statement() {
    let r = check(&["--format", "sarif", "data/missing.txt"]);
    let doc: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    assert!(sarif_validator().is_valid(&doc));
    let results = doc["runs"][0]["results"].as_array().expect("results");
    let missing: Vec<&Value> = results
        .iter()
        .filter(|r| r["properties"]["kind"] == "missing")
        .collect();
    assert!(!missing.is_empty());
    let vote = missing
        .iter()
        .find(|r| r["ruleId"] == "la-sanctuary-city/council-vote")
        .and_then(|r| r["message"]["text"].as_str())
        .expect("the vote claim is missing");
    let statement = "The City Council passed the sanctuary-city ordinance by a 13-0 vote.";
    assert_eq!(vote.matches(statement).count(), 1, "{vote}");
    for result in missing {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (&region["startLine"], &region["startColumn"]),
            (&1.into(), &1.into())
        );
        assert!(result["message"]["text"]
            .as_str()
            .is_some_and(|m| m.starts_with("missing: ")));
    }
}

#[test]
fn github_on_altered() {
    let r = check(&["--format", "github", "data/altered.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.starts_with("::error "))
            .count(),
        5
    );
    insta::assert_snapshot!("altered_github", r.stdout);
}

#[test]
fn junit_on_altered() {
    let r = check(&["--format", "junit", "data/altered.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r
        .stdout
        .contains("<testsuite name=\"data/altered.txt\" tests=\"14\""));
    assert_eq!(r.stdout.matches("<failure ").count(), 5);
    insta::assert_snapshot!("altered_junit", r.stdout);
}

#[test]
fn html_on_altered_to_stdout_and_to_a_file() {
    let r = check(&["--format", "html", "data/altered.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.starts_with("<!DOCTYPE html>"));
    assert_eq!(r.stdout.matches("<mark class=\"k-altered\"").count(), 5);
    insta::assert_snapshot!("altered_html", r.stdout);

    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("report.html");
    let out_arg = out.to_str().expect("UTF-8 path");
    let r = check(&["--format", "html", "-o", out_arg, "data/altered.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let written = fs::read_to_string(&out).expect("the report is written");
    let stdout_run = check(&["--format", "html", "data/altered.txt"]);
    assert_eq!(written, stdout_run.stdout);
    // Nothing but the report is left in the directory (no temporary file).
    let entries: Vec<_> = fs::read_dir(dir.path()).expect("listable").collect();
    assert_eq!(entries.len(), 1);
}

#[test]
fn output_writes_any_format_and_replaces_an_old_report() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("findings.json");
    fs::write(&out, "old report").expect("writable");
    let out_arg = out.to_str().expect("UTF-8 path");
    let r = check(&["--format", "json", "--output", out_arg, "data/clean.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value =
        serde_json::from_str(&fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn output_refuses_to_overwrite_a_draft() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let draft = dir.path().join("draft.txt");
    let text = fs::read_to_string(root().join("data/altered.txt")).expect("sample");
    fs::write(&draft, &text).expect("writable");
    let draft_arg = draft.to_str().expect("UTF-8 path");
    let other = dir.path().join(".").join("draft.txt");
    let r = check(&[
        "--format",
        "html",
        "-o",
        other.to_str().expect("UTF-8 path"),
        draft_arg,
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("refusing to write the report over"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(&draft).expect("still there"), text);
}

#[test]
fn a_report_written_into_a_checked_directory_is_not_read_as_a_draft() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let text = fs::read_to_string(root().join("data/altered.txt")).expect("sample");
    fs::write(dir.path().join("draft.txt"), &text).expect("writable");
    let dir_arg = dir.path().to_str().expect("UTF-8 path");
    let report = dir.path().join("report.html");
    let report_arg = report.to_str().expect("UTF-8 path");
    // The second run finds the first run's report in the directory it walks.
    for _ in 0..2 {
        let r = check(&["--format", "html", "-o", report_arg, dir_arg]);
        assert_eq!(r.code, 1, "{}", r.stderr);
    }
    let html = fs::read_to_string(&report).expect("written");
    assert!(html.contains("draft.txt"));
    assert!(!html.contains("report.html"), "the report checked itself");
    // Named explicitly, it is still refused.
    let r = check(&["--format", "html", "-o", report_arg, report_arg]);
    assert_eq!(r.code, 2);
}

#[test]
fn output_to_an_unwritable_place_exits_2() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("no-such-dir").join("report.html");
    let r = check(&[
        "--format",
        "html",
        "-o",
        out.to_str().expect("UTF-8 path"),
        "data/altered.txt",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot write the report"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn text_groups_findings_by_file_when_several() {
    let r = check(&[
        "data/altered.txt",
        "data/misattributed.txt",
        "data/clean.txt",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.starts_with("data/altered.txt: 5 findings\n\n"));
    assert!(r
        .stdout
        .contains("\ndata/misattributed.txt: 4 findings\n\n"));
    assert!(r.stdout.ends_with(
        "\ndata/clean.txt: no findings\n\n3 files checked: 8 errors, 1 warning; \
             quotes 20/24 verified\n"
    ));
    insta::assert_snapshot!("several_drafts_text", r.stdout);
}

#[test]
fn listing_commands_keep_text_and_json_only() {
    let r = factcheck(&["quotes", "--format", "sarif", "data/clean.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid value 'sarif'"), "{}", r.stderr);
}
