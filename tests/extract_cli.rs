//! `factcheck extract` from the command line: output, `-o`, and refusals.

use std::path::Path;

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn factcheck() -> Command {
    let mut cmd = Command::cargo_bin("factcheck").expect("binary builds");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

#[test]
fn extracted_rules_check_their_source_clean() {
    let out = factcheck()
        .args(["extract", "data/clean.txt", "--ruleset", "clean"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let yaml = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(yaml.starts_with("# Drafted by `factcheck extract` from data/clean.txt."));
    assert!(yaml.contains("ruleset: clean\n"));
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("clean.yaml");
    std::fs::write(&rules, &yaml).expect("write");
    factcheck()
        .args(["--format", "json", "--rules"])
        .arg(&rules)
        .arg("data/clean.txt")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("\"findings\": []"));
}

#[test]
fn output_file_is_written_and_never_over_the_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("story.txt");
    let text = "The board approved the budget in a 7-2 vote on Monday.\n";
    std::fs::write(&source, text).expect("write");
    let rules = dir.path().join("story.yaml");
    factcheck()
        .arg("extract")
        .arg(&source)
        .arg("-o")
        .arg(&rules)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("wrote "));
    let written = std::fs::read_to_string(&rules).expect("rules written");
    assert!(written.contains("value: { tally: \"7-2\" }"));
    // No temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    factcheck()
        .arg("extract")
        .arg(&source)
        .arg("-o")
        .arg(&source)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "refusing to write the rules over the source",
        ));
    assert_eq!(std::fs::read_to_string(&source).expect("read"), text);
}

#[test]
fn unreadable_source_and_unwritable_output_exit_2() {
    factcheck()
        .args(["extract", "data/no-such-draft.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("data/no-such-draft.txt"));
    factcheck()
        .args([
            "extract",
            "data/clean.txt",
            "-o",
            "no-such-dir/x/rules.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no-such-dir/x/rules.yaml: cannot write",
        ));
}
