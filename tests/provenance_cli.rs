//! Rules pinned to their primary sources, from the command line: `factcheck rules verify`
//! (clean, each problem kind, text / JSON / SARIF), `factcheck rules pin` (the minimal
//! edit: a rule file before and after), the stale-source warning of a check, and the
//! source that `factcheck extract` records.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What one run produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `factcheck <args>` from `dir`, without colours.
fn factcheck_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("factcheck")
        .expect("the factcheck binary is built")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("FACTCHECK_CACHE_DIR", "")
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

/// A council transcript with speaker labels, and a prose release.
const TRANSCRIPT: &str = "Springfield council, regular meeting\n\n\
THE CHAIR: We take up the budget. The vote is 7-2 and the budget passes.\n\n\
COUNCILMEMBER LOPEZ: We kept every promise we made to this town.\n\n\
MAYOR RUIZ: Nobody asked us first, and that has to change.\n";
const RELEASE: &str = "# Statement\n\n“Our parks stay open all winter,” said Mayor Ana Ruiz.\n";

/// A ruleset with one rule of each outcome: supported (labelled and prose), unsupported
/// (claim and quote), misattributed, stale, unreadable (in `with_unreadable`), unpinned.
fn problem_rules(with_unreadable: bool) -> String {
    let mut yaml = String::from(
        "ruleset: springfield\n\
         sources:\n\
         \x20 - id: council   # the meeting\n\
         \x20   path: sources/council.txt\n\
         \x20   sha256: 1111111111111111111111111111111111111111111111111111111111111111\n\
         \x20 - { id: release, path: sources/release.md }\n",
    );
    if with_unreadable {
        yaml.push_str("  - { id: gone, path: sources/missing.txt }\n");
    }
    yaml.push_str(
        "people:\n\
         \x20 - { name: Ana Ruiz, title: Mayor }\n\
         \x20 - { name: Ben Lopez, title: Councilmember }\n\
         claims:\n\
         \x20 - { id: budget-vote, statement: The budget passed 7-2., context: [vote], value: { tally: 7-2 }, source: council }\n\
         \x20 - { id: budget-total, statement: The budget is $5 million., context: [budget], value: { money: $5 million }, source: council }\n\
         \x20 - { id: founded, statement: Founded in 1850., context: [founded], value: { year: 1850 } }\n\
         quotes:\n\
         \x20 - { id: promise, speaker: ana-ruiz, text: We kept every promise we made to this town, source: council }\n\
         \x20 - { id: asked, speaker: ana-ruiz, text: Nobody asked us at all and that has to change, source: council }\n\
         \x20 - { id: parks, speaker: ana-ruiz, text: Our parks stay open all winter, source: release }\n",
    );
    if with_unreadable {
        yaml.push_str(
            "  - { id: gone-quote, speaker: ben-lopez, text: one two three four, source: gone }\n",
        );
    }
    yaml
}

/// A folder with the rule file and its sources.
fn project(rules: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(dir.path().join("sources")).expect("mkdir");
    fs::write(dir.path().join("sources/council.txt"), TRANSCRIPT).expect("write");
    fs::write(dir.path().join("sources/release.md"), RELEASE).expect("write");
    fs::write(dir.path().join("rules.yaml"), rules).expect("write");
    dir
}

#[test]
fn the_la_ruleset_is_supported_by_its_transcript() {
    let r = factcheck_in(root(), &["rules", "verify", "rules/"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "14 rules in 1 file: 14 supported, 0 unsupported, 0 misattributed, 0 unpinned; \
         1 source: 1 pinned, 0 unpinned, 0 stale, 0 unreadable\n"
    );
    // The transcript under rules/ is no rule file.
    let r = factcheck_in(root(), &["rules", "check", "rules/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("in 1 file"), "{}", r.stdout);
}

#[test]
fn each_problem_is_reported_in_text() {
    let dir = project(&problem_rules(false));
    let r = factcheck_in(dir.path(), &["rules", "verify", "rules.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    insta::assert_snapshot!("verify_problems_text", r.stdout);
}

#[test]
fn json_lists_every_rule_source_and_problem() {
    let dir = project(&problem_rules(false));
    let r = factcheck_in(
        dir.path(),
        &["rules", "verify", "--format", "json", "rules.yaml"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    insta::assert_json_snapshot!("verify_problems_json", doc);
}

#[test]
fn sarif_is_valid_and_points_into_both_files() {
    let dir = project(&problem_rules(false));
    let r = factcheck_in(
        dir.path(),
        &["rules", "verify", "--format", "sarif", "rules.yaml"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let mut doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    doc["runs"][0]["tool"]["driver"]["version"] = Value::from("[version]");
    insta::assert_json_snapshot!("verify_problems_sarif", doc);
}

#[test]
fn an_unreadable_source_exits_2_naming_it() {
    let dir = project(&problem_rules(true));
    let r = factcheck_in(dir.path(), &["rules", "verify", "rules.yaml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("rules.yaml:7:5: source `gone`: sources/missing.txt: cannot read"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("error[unreadable]"), "{}", r.stdout);
    // A rule file that does not load is exit 2 too.
    fs::write(
        dir.path().join("bad.yaml"),
        "ruleset: x\nquotes: [{ id: q, speaker: a, text: t, source: nowhere }]\n",
    )
    .expect("write");
    let r = factcheck_in(dir.path(), &["rules", "verify", "bad.yaml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: bad.yaml:2:"), "{}", r.stderr);
}

/// A rule file in block and flow style, with comments, to pin.
const TO_PIN: &str = "# Springfield\n\
ruleset: springfield   # the council\n\
sources:\n\
\x20 - Minutes kept by the clerk\n\
\x20 - id: council      # the meeting\n\
\x20   path: sources/council.txt   # as transcribed\n\
\x20   title: Regular meeting\n\
\x20 - { id: release, path: \"sources/release.md\", url: https://example.org/r }   # the mayor\n\
\x20 - id: old\n\
\x20   sha256: 2222222222222222222222222222222222222222222222222222222222222222 # stale\n\
\x20   path: sources/council.txt\n\
people: [{ name: Ana Ruiz }]\n\
quotes:\n\
\x20 - { id: parks, speaker: ana-ruiz, text: Our parks stay open all winter, source: release }\n";

#[test]
fn pin_edits_only_the_hashes() {
    let dir = project(TO_PIN);
    let r = factcheck_in(dir.path(), &["rules", "pin", "rules.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = fs::read_to_string(dir.path().join("rules.yaml")).expect("read");
    insta::assert_snapshot!(
        "pin_before_after",
        format!(
            "--- before\n{TO_PIN}--- after\n{after}--- output\n{}",
            r.stdout
        )
    );
    // Pinned again: nothing to write.
    let r = factcheck_in(dir.path(), &["rules", "pin", "rules.yaml"]);
    assert!(
        r.stdout
            .ends_with("0 pinned, 3 unchanged; 0 files written\n"),
        "{}",
        r.stdout
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("rules.yaml")).expect("read"),
        after
    );
    // No temporary file is left.
    let leftovers = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn pin_keeps_crlf_line_endings() {
    let before = TO_PIN.replace('\n', "\r\n");
    let dir = project(&before);
    let r = factcheck_in(dir.path(), &["rules", "pin", "rules.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = fs::read_to_string(dir.path().join("rules.yaml")).expect("read");
    let hash = factcheck::rules::provenance::sha256_hex(TRANSCRIPT.as_bytes());
    let inserted =
        format!("    path: sources/council.txt   # as transcribed\r\n    sha256: {hash}\r\n");
    assert!(after.contains(&inserted), "{after:?}");
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "only CRLF: {after:?}"
    );
    assert_eq!(after.lines().count(), before.lines().count() + 1);
}

#[test]
fn pin_refuses_what_it_cannot_hash() {
    let dir = project(&problem_rules(true));
    let before = fs::read_to_string(dir.path().join("rules.yaml")).expect("read");
    let r = factcheck_in(dir.path(), &["rules", "pin", "rules.yaml"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: rules.yaml:7:5: source `gone`: cannot read sources/missing.txt: no such file\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("rules.yaml")).expect("read"),
        before
    );
}

#[test]
fn a_check_warns_once_when_a_pinned_source_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("rules");
    fs::create_dir_all(rules.join("sources")).expect("mkdir");
    fs::copy(
        root().join("rules/la-sanctuary-city.yaml"),
        rules.join("la-sanctuary-city.yaml"),
    )
    .expect("copy");
    let transcript = root().join("rules/sources/la-council-sanctuary-ordinance.txt");
    let copy = rules.join("sources/la-council-sanctuary-ordinance.txt");
    fs::copy(&transcript, &copy).expect("copy");
    let draft = root().join("data/altered.txt");
    let draft = draft.to_str().expect("UTF-8 path");

    let fresh = factcheck_in(dir.path(), &["--rules", "rules", draft]);
    assert_eq!(fresh.code, 1);
    assert_eq!(fresh.stderr, "", "an unchanged source: no warning");

    let mut text = fs::read_to_string(&copy).expect("read");
    text.push_str("THE CHAIR: The meeting is adjourned.\n");
    fs::write(&copy, text).expect("write");
    let stale = factcheck_in(dir.path(), &["--rules", "rules", draft]);
    assert_eq!(stale.code, fresh.code, "the findings do not change");
    assert_eq!(stale.stdout, fresh.stdout);
    let path = Path::new("rules").join("la-sanctuary-city.yaml");
    assert_eq!(
        stale.stderr,
        format!(
            "warning: {path}: source `council-transcript` ({}) changed since it was pinned, \
             so 14 rules pinned to it may no longer hold; run `factcheck rules verify {path}`, \
             then `factcheck rules pin {path}`\n",
            Path::new("rules")
                .join("sources/la-council-sanctuary-ordinance.txt")
                .display(),
            path = path.display()
        )
    );
    // Verify names the change; pin accepts it; the warning is gone.
    let verify = factcheck_in(dir.path(), &["rules", "verify", "rules"]);
    assert_eq!(verify.code, 1);
    assert!(verify.stdout.contains("error[stale]"), "{}", verify.stdout);
    assert_eq!(factcheck_in(dir.path(), &["rules", "pin", "rules"]).code, 0);
    let pinned = factcheck_in(dir.path(), &["--rules", "rules", draft]);
    assert_eq!(pinned.stderr, "");
}

#[test]
fn extract_records_its_source_relative_to_the_rule_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(dir.path().join("rules")).expect("mkdir");
    fs::create_dir_all(dir.path().join("notes")).expect("mkdir");
    fs::write(
        dir.path().join("notes/story.txt"),
        TRANSCRIPT.replace("THE CHAIR: ", ""),
    )
    .expect("write");
    let r = factcheck_in(
        dir.path(),
        &["extract", "notes/story.txt", "-o", "rules/story.yaml"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let yaml = fs::read_to_string(dir.path().join("rules/story.yaml")).expect("written");
    let hash = factcheck::rules::provenance::sha256_file(&dir.path().join("notes/story.txt"))
        .expect("hash");
    assert!(
        yaml.contains(&format!(
            "sources:\n  - id: story\n    path: \"../notes/story.txt\"\n    sha256: {hash}\n"
        )),
        "{yaml}"
    );
    assert!(yaml.contains("    source: story\n"), "{yaml}");
    // The extracted rules are supported by the source they came from.
    let verify = factcheck_in(dir.path(), &["rules", "verify", "rules/story.yaml"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
    // Printed, the path is relative to the current directory.
    let printed = factcheck_in(dir.path(), &["extract", "notes/story.txt"]);
    assert!(
        printed.stdout.contains("    path: notes/story.txt\n"),
        "{}",
        printed.stdout
    );
}
