//! The files that plug factcheck into other tools are well formed and agree with the
//! crate: the pre-commit hook manifest (`.pre-commit-hooks.yaml`) and the example GitHub
//! Actions workflow (`docs/examples/github-workflow.yml`).

use std::fs;
use std::path::Path;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A YAML file of the repository, as JSON values.
fn yaml(path: &str) -> Value {
    let text = fs::read_to_string(root().join(path)).expect("the file exists");
    serde_saphyr::from_str(&text).expect("valid YAML")
}

#[test]
fn pre_commit_hook_runs_the_binary_on_drafts() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    // The keys pre-commit requires, and the ones this hook relies on.
    for key in ["id", "name", "entry", "language"] {
        assert!(hook[key].is_string(), "`{key}` is required");
    }
    assert_eq!(hook["id"], "factcheck");
    assert_eq!(hook["language"], "rust");
    // `language: rust` installs the crate's binaries: the entry must be one of them.
    let manifest: toml::Table =
        toml::from_str(&fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml"))
            .expect("Cargo.toml parses");
    let binaries: Vec<&str> = manifest["bin"]
        .as_array()
        .expect("[[bin]]")
        .iter()
        .filter_map(|b| b["name"].as_str())
        .collect();
    assert!(binaries.contains(&hook["entry"].as_str().expect("entry")));
    let files = regex::Regex::new(hook["files"].as_str().expect("files")).expect("a regex");
    for (path, checked) in [
        ("news/la/story.txt", true),
        ("news/la/story.md", true),
        ("news/la/story.markdown", true),
        ("web/story.html", true),
        ("web/story.htm", true),
        ("rules/la.yaml", false),
        ("factcheck.toml", false),
        ("src/main.rs", false),
        ("notes.txt.bak", false),
    ] {
        assert_eq!(files.is_match(path), checked, "{path}");
    }
}

#[test]
fn example_workflow_annotates_and_uploads_the_sarif_it_writes() {
    let workflow = yaml("docs/examples/github-workflow.yml");
    assert_eq!(workflow["permissions"]["security-events"], "write");
    let steps = workflow["jobs"]["factcheck"]["steps"]
        .as_array()
        .expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("factcheck --format github ")),
        "{runs:?}"
    );
    let sarif_run = runs
        .iter()
        .find(|r| r.contains("--format sarif"))
        .expect("a step writes SARIF");
    let written = sarif_run
        .split_whitespace()
        .skip_while(|w| *w != "-o")
        .nth(1)
        .expect("-o FILE");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(upload["with"]["sarif_file"], written);
    // The upload runs after a failed check (the findings are the point).
    assert!(upload["if"]
        .as_str()
        .is_some_and(|c| c.contains("!cancelled()")));
}

/// The workflow's two `factcheck` invocations, run on a sample draft with the same
/// flags: annotations on stdout, and a SARIF file written where the upload looks.
#[test]
fn example_workflow_commands_run_as_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = root().join("data/altered.txt");
    let rules = root().join("rules");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("factcheck")
            .expect("binary")
            .current_dir(dir.path())
            .arg("--no-config")
            .arg("--rules")
            .arg(&rules)
            .args(args)
            .arg(&draft)
            .output()
            .expect("runs")
    };
    let annotations = run(&["--format", "github"]);
    assert_eq!(annotations.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&annotations.stdout);
    assert!(
        stdout.lines().any(|l| l.starts_with("::error file=")),
        "{stdout}"
    );

    let sarif = run(&["--format", "sarif", "-o", "factcheck.sarif"]);
    assert_eq!(
        sarif.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&sarif.stderr)
    );
    let written = fs::read_to_string(dir.path().join("factcheck.sarif")).expect("written");
    let doc: Value = serde_json::from_str(&written).expect("JSON");
    assert_eq!(doc["version"], "2.1.0");
    assert!(!doc["runs"][0]["results"]
        .as_array()
        .expect("results")
        .is_empty());
}
