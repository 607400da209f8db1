//! End-to-end tests of the configuration file (`factcheck.toml`): discovery from a
//! subdirectory upward, `--config` and `--no-config`, bad files reported as
//! `file:line:col` with exit 2, flags beating the file, severity overrides changing the
//! exit code, and `[[apply]]` path globs choosing the rulesets of each draft.
//!
//! Every test builds a small newsroom repository in a temporary directory: the sample
//! rules and drafts of this crate, and a second ruleset of its own.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A second ruleset, about a made-up school budget, whose required claim no sample draft
/// states (so every sample draft has a `missing` finding for it).
const SCHOOL_BUDGET: &str = "ruleset: school-budget
description: The school board adopts its budget
people: [{ name: Rosa Quintero, title: Trustee }]
claims:
  - id: budget-total
    statement: The board adopted a budget of $84 million.
    context: [budget]
    value: { money: $84 million }
";

/// A temporary newsroom repository:
/// `rules/` (the LA ruleset and the school budget), `news/la/altered.txt`,
/// `news/schools/altered.txt`, `news/la/unverified.txt`, `desk/notes/` (empty).
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = dir.path();
        for sub in ["rules", "news/la", "news/schools", "desk/notes"] {
            fs::create_dir_all(root.join(sub)).expect("create directories");
        }
        let copy = |from: &str, to: &str| {
            fs::copy(crate_root.join(from), root.join(to)).expect("copy a sample");
        };
        copy(
            "rules/la-sanctuary-city.yaml",
            "rules/la-sanctuary-city.yaml",
        );
        copy("data/altered.txt", "news/la/altered.txt");
        copy("data/altered.txt", "news/schools/altered.txt");
        copy("data/unverified.txt", "news/la/unverified.txt");
        fs::write(root.join("rules/school-budget.yaml"), SCHOOL_BUDGET).expect("write rules");
        Repo { dir }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes `factcheck.toml` (or another name) at the repository root.
    fn config(&self, name: &str, text: &str) -> &Self {
        fs::write(self.path(name), text).expect("write the configuration");
        self
    }

    /// `factcheck <args>` run from `cwd` (relative to the repository root).
    fn run(&self, cwd: &str, args: &[&str]) -> Run {
        let output = Command::cargo_bin("factcheck")
            .expect("the factcheck binary is built")
            .current_dir(self.path(cwd))
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
}

/// What one run produced.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// `severity[kind]: rule` of every finding in text output, in order.
    fn headlines(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter(|l| {
                ["error[", "warning[", "info["]
                    .iter()
                    .any(|p| l.starts_with(p))
            })
            .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
            .collect()
    }
}

#[test]
fn bad_configurations_exit_2_naming_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "format = \"json\"\nrules = [\"rules\"\n",
            "factcheck.toml:2:17: unclosed array, expected `]`",
        ),
        (
            "fromat = \"json\"\n",
            "factcheck.toml:1:1: unknown field `fromat`, expected one of `rules`, `format`, \
             `unverified`, `figures`, `severity`, `apply`, `max-draft-size`, \
             `max-rules-size`; did you mean `format`?",
        ),
        (
            "unverified = \"yes\"\n",
            "factcheck.toml:1:14: invalid type: string \"yes\", expected a boolean",
        ),
        (
            "format = \"jsn\"\n",
            "factcheck.toml:1:10: unknown format `jsn`, expected one of `text`, `json`, \
             `sarif`, `github`, `junit`, `html`; did you mean `json`?",
        ),
        (
            "[severity.rules]\ncouncil-vote = \"warning\"\nlapd-rule-1797 = \"info\"\n",
            "factcheck.toml:3:1: [severity.rules]: unknown rule `lapd-rule-1797`; did you \
             mean `lapd-rule-1979`?",
        ),
        (
            "[severity.kinds]\nunverfied = \"info\"\n",
            "factcheck.toml:2:1: unknown field `unverfied`, expected one of `missing`, \
             `altered`, `misattributed`, `unattributed`, `unverified`, \
             `unverified-figure`; did you mean `unverified`?",
        ),
        (
            "[severity.kinds]\nmissing = \"fatal\"\n",
            "factcheck.toml:2:11: unknown variant `fatal`, expected one of `info`, \
             `warning`, `error`",
        ),
        (
            "[[apply]]\npaths = [\"news/la/**\"]\nrulesets = [\"la-sanctuary\"]\n",
            "factcheck.toml:3:13: unknown ruleset `la-sanctuary`; did you mean \
             `la-sanctuary-city`?",
        ),
        (
            "[[apply]]\npaths = [\"news/{la,ny/**\"]\nrulesets = [\"school-budget\"]\n",
            "factcheck.toml:2:10: bad glob `news/{la,ny/**`: unclosed alternate group",
        ),
        (
            "max-draft-size = \"huge\"\n",
            "factcheck.toml:1:18: cannot read the size `huge`",
        ),
        (
            "rules = [\"rulez\"]\n",
            "factcheck.toml:1:10: rulez: no such file or directory (rule paths are relative \
             to the configuration file's directory)",
        ),
    ];
    for (text, expected) in cases {
        let repo = Repo::new();
        repo.config("factcheck.toml", text);
        let run = repo.run(".", &["news/la/altered.txt"]);
        assert_eq!(run.code, 2, "{text:?}: {run:?}");
        assert!(
            run.stderr.contains(&format!("error: {expected}")),
            "{text:?}\n  expected {expected:?}\n  got {:?}",
            run.stderr
        );
        assert_eq!(run.stdout, "", "{text:?}: nothing is checked");
    }
}

#[test]
fn discovered_upward_from_a_subdirectory_with_paths_relative_to_the_file() {
    let repo = Repo::new();
    // The rules are named relative to the configuration's directory, not the current one.
    repo.config(
        "factcheck.toml",
        "rules = [\"rules/la-sanctuary-city.yaml\"]\nformat = \"json\"\n",
    );
    let run = repo.run("desk/notes", &["../../news/la/altered.txt"]);
    assert_eq!(run.code, 1, "{run:?}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON from the file");
    let rulesets: Vec<&str> = doc["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["ruleset"].as_str())
        .collect();
    assert!(!rulesets.is_empty());
    assert!(
        rulesets.iter().all(|r| *r == "la-sanctuary-city"),
        "{rulesets:?}"
    );
    let path = repo.run("desk/notes", &["config", "path"]);
    assert_eq!(path.stdout, "../../factcheck.toml\n");

    // The hidden name works the same; --no-config ignores it; --config names another.
    fs::rename(repo.path("factcheck.toml"), repo.path(".factcheck.toml")).expect("rename");
    let hidden = repo.run("desk/notes", &["../../news/la/altered.txt"]);
    assert!(hidden.stdout.starts_with('{'), "{hidden:?}");
    let ignored = repo.run("desk/notes", &["--no-config", "../../news/la/altered.txt"]);
    // Without the file: text, and every ruleset of the nearest rules/ directory.
    assert!(
        ignored.stdout.starts_with("error[missing]: budget-total"),
        "{ignored:?}"
    );
    fs::write(repo.path("desk/other.toml"), "format = \"text\"\n").expect("write");
    let named = repo.run(
        "desk/notes",
        &["--config", "../other.toml", "../../news/la/altered.txt"],
    );
    assert!(
        named.stdout.starts_with("error[missing]: budget-total"),
        "{named:?}"
    );
    let missing = repo.run("desk/notes", &["--config", "nope.toml", "x.txt"]);
    assert_eq!(missing.code, 2);
    assert_eq!(
        missing.stderr,
        "error: nope.toml: no such file or directory\n"
    );
}

#[test]
fn two_configuration_files_in_one_directory_exit_2() {
    let repo = Repo::new();
    repo.config("factcheck.toml", "")
        .config(".factcheck.toml", "");
    let run = repo.run("news", &["la/altered.txt"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: two configuration files in one directory: ../factcheck.toml and \
         ../.factcheck.toml; keep one (or name one with --config)\n"
    );
    // Naming one settles it.
    let named = repo.run("news", &["--config", "../factcheck.toml", "la/altered.txt"]);
    assert_eq!(named.code, 1, "{named:?}");
}

#[test]
fn flags_beat_the_configuration_file() {
    let repo = Repo::new();
    repo.config(
        "factcheck.toml",
        "rules = [\"rules/school-budget.yaml\"]\nformat = \"json\"\nunverified = false\n\
         max-draft-size = \"1K\"\n",
    );
    // (arguments, exit code, what stdout or stderr must show)
    let cases: &[(&[&str], i32, &str)] = &[
        // The file's size limit refuses the draft (over 1 KB)…
        (&["news/la/unverified.txt"], 2, "larger than the 1 KB limit"),
        // …and the flag lifts it; the file's rules, format and `unverified = false` hold.
        (
            &["--max-draft-size", "1MB", "news/la/unverified.txt"],
            1,
            "\"rule\": \"budget-total\"",
        ),
        (
            &[
                "--max-draft-size",
                "1MB",
                "--format",
                "text",
                "news/la/unverified.txt",
            ],
            1,
            "error[missing]: budget-total",
        ),
        (
            &[
                "--max-draft-size",
                "1MB",
                "--rules",
                "rules/la-sanctuary-city.yaml",
                "--format",
                "text",
                "news/la/unverified.txt",
            ],
            0,
            "0 errors, 1 warning",
        ),
        (
            &[
                "--max-draft-size",
                "1MB",
                "--rules",
                "rules/la-sanctuary-city.yaml",
                "--format",
                "text",
                "--unverified",
                "news/la/unverified.txt",
            ],
            0,
            "0 errors, 2 warnings",
        ),
    ];
    for (args, code, shown) in cases {
        let run = repo.run(".", args);
        assert_eq!(run.code, *code, "{args:?}: {run:?}");
        assert!(
            run.stdout.contains(shown) || run.stderr.contains(shown),
            "{args:?}: expected {shown:?} in {run:?}"
        );
    }
    // The quote sheet takes the file's format too, and `--format` beats it.
    let quotes = repo.run(
        ".",
        &["quotes", "--max-draft-size", "1MB", "news/la/altered.txt"],
    );
    assert!(quotes.stdout.starts_with('{'), "{quotes:?}");
    let quotes_text = repo.run(
        ".",
        &[
            "quotes",
            "-f",
            "text",
            "--max-draft-size",
            "1MB",
            "news/la/altered.txt",
        ],
    );
    assert!(!quotes_text.stdout.starts_with('{'), "{quotes_text:?}");
}

#[test]
fn severity_overrides_change_the_exit_code() {
    let repo = Repo::new();
    let draft = "news/la/altered.txt";
    let rules = "rules = [\"rules/la-sanctuary-city.yaml\"]\n";
    // (configuration after `rules`, exit code, headlines)
    let cases: &[(&str, i32, &[&str])] = &[
        (
            "",
            1,
            &[
                "error[altered]: council-vote",
                "error[altered]: soto-martinez-message",
                "error[altered]: soto-martinez-safe",
                "error[altered]: lapd-rule-1979",
                "error[altered]: bass-together",
            ],
        ),
        (
            "[severity.kinds]\naltered = \"warning\"\n",
            0,
            &[
                "warning[altered]: council-vote",
                "warning[altered]: soto-martinez-message",
                "warning[altered]: soto-martinez-safe",
                "warning[altered]: lapd-rule-1979",
                "warning[altered]: bass-together",
            ],
        ),
        // A rule's entry beats its kind's.
        (
            "[severity.kinds]\naltered = \"warning\"\n[severity.rules]\n\
             \"la-sanctuary-city/council-vote\" = \"error\"\nbass-together = \"info\"\n",
            1,
            &[
                "error[altered]: council-vote",
                "warning[altered]: soto-martinez-message",
                "warning[altered]: soto-martinez-safe",
                "warning[altered]: lapd-rule-1979",
                "info[altered]: bass-together",
            ],
        ),
    ];
    for (overrides, code, headlines) in cases {
        repo.config("factcheck.toml", &format!("{rules}{overrides}"));
        let run = repo.run(".", &[draft]);
        assert_eq!(run.code, *code, "{overrides}: {run:?}");
        assert_eq!(run.headlines(), *headlines, "{overrides}");
    }
}

#[test]
fn apply_globs_choose_the_rulesets_of_each_draft() {
    let repo = Repo::new();
    repo.config(
        "factcheck.toml",
        "[[apply]]\npaths = [\"news/la/**\"]\nrulesets = [\"la-sanctuary-city\"]\n\
         [[apply]]\npaths = [\"news/schools/*.txt\"]\nrulesets = [\"school-budget\"]\n",
    );
    let budget_missing = "error[missing]: budget-total";
    // Each draft gets its rulesets' findings only (and unverified quotes, which have no
    // ruleset); a draft no entry matches gets every ruleset. From any directory.
    let cases: &[(&str, &[&str], bool, bool)] = &[
        // (cwd, drafts, LA findings, school-budget finding) for the first draft
        (".", &["news/la/altered.txt"], true, false),
        (".", &["news/schools/altered.txt"], false, true),
        ("news/la", &["altered.txt"], true, false),
        ("desk", &["../news/schools/altered.txt"], false, true),
    ];
    for (cwd, drafts, la, school) in cases {
        let run = repo.run(cwd, drafts);
        let headlines = run.headlines();
        assert_eq!(
            headlines.iter().any(|h| h.ends_with("council-vote")),
            *la,
            "{cwd} {drafts:?}: {headlines:?}"
        );
        assert_eq!(
            headlines.iter().any(|h| h == budget_missing),
            *school,
            "{cwd} {drafts:?}: {headlines:?}"
        );
    }
    // Quotes no rule covers belong to no ruleset: they stay.
    let unverified = repo.run(".", &["news/la/unverified.txt"]);
    assert!(
        unverified.stdout.contains("warning[unverified]"),
        "{unverified:?}"
    );
    assert!(
        !unverified.stdout.contains(budget_missing),
        "{unverified:?}"
    );
    // Outside every entry: both rulesets.
    fs::copy(
        repo.path("news/la/altered.txt"),
        repo.path("desk/altered.txt"),
    )
    .expect("copy");
    let unmatched = repo.run(".", &["desk/altered.txt"]);
    let headlines = unmatched.headlines();
    assert!(
        headlines.iter().any(|h| h == budget_missing),
        "{headlines:?}"
    );
    assert!(
        headlines.iter().any(|h| h.ends_with("council-vote")),
        "{headlines:?}"
    );
    // Standard input matches no entry either.
    let stdin = Command::cargo_bin("factcheck")
        .expect("binary")
        .current_dir(repo.path("."))
        .env("NO_COLOR", "1")
        .env("FACTCHECK_CACHE_DIR", "")
        .arg("-")
        .write_stdin(fs::read(repo.path("news/la/altered.txt")).expect("read"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8(stdin.stdout).expect("UTF-8");
    assert!(stdout.contains(budget_missing), "{stdout}");
}

#[test]
fn explain_reads_the_rules_of_the_configuration() {
    let repo = Repo::new();
    repo.config("factcheck.toml", "rules = [\"rules/school-budget.yaml\"]\n");
    let run = repo.run("desk", &["--explain", "budget-total"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("school-budget"), "{run:?}");
    assert!(run.stdout.contains("\nseverity:  error\n"), "{run:?}");
    let other = repo.run("desk", &["--explain", "council-vote"]);
    assert_eq!(
        other.code, 2,
        "the LA rules are not the configuration's: {other:?}"
    );
    // The severity line says what the configuration changes.
    let cases = [
        (
            "[severity.rules]\nbudget-total = \"info\"\n[severity.kinds]\nmissing = \"warning\"\n",
            "severity:  info (set by ../factcheck.toml [severity.rules]; the rule file says error)",
        ),
        (
            "[severity.kinds]\nmissing = \"warning\"\nunverified = \"info\"\n",
            "severity:  error (but by ../factcheck.toml [severity.kinds]: missing findings are warning)",
        ),
    ];
    for (overrides, line) in cases {
        repo.config(
            "factcheck.toml",
            &format!("rules = [\"rules/school-budget.yaml\"]\n{overrides}"),
        );
        let run = repo.run("desk", &["--explain", "budget-total"]);
        assert!(
            run.stdout.contains(&format!("\n{line}\n")),
            "{overrides}: {run:?}"
        );
    }
}

#[test]
fn config_schema_command_prints_the_committed_schema() {
    let repo = Repo::new();
    let run = repo.run(".", &["config", "schema"]);
    assert_eq!(run.code, 0);
    let committed =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/config.schema.json"))
            .expect("committed schema");
    assert_eq!(run.stdout, committed);
}

#[test]
fn example_configuration_loads_and_applies() {
    let repo = Repo::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/factcheck.toml");
    fs::copy(example, repo.path("factcheck.toml")).expect("copy the example");
    let run = repo.run(".", &["news/la/altered.txt", "news/la/unverified.txt"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.headlines(),
        [
            "error[altered]: council-vote",
            "error[altered]: soto-martinez-message",
            "error[altered]: soto-martinez-safe",
            "warning[altered]: lapd-rule-1979",
            "error[altered]: bass-together",
            "warning[unattributed]: blumenfield-defenses",
            "info[unverified]: quote not covered by any rule (credited to Dana Whitcombe)",
        ]
    );
}

/// `figures = true` turns on `--figures`; `--no-figures` beats it; `[severity.kinds]`
/// re-severs `unverified-figure` like any other kind.
#[test]
fn figures_from_the_configuration_file() {
    let repo = Repo::new();
    let draft = "news/la/altered.txt";
    let figures = |run: &Run| {
        run.headlines()
            .iter()
            .filter(|h| h.contains("[unverified-figure]"))
            .count()
    };
    let off = repo.run(
        ".",
        &[
            "--no-config",
            "--rules",
            "rules/la-sanctuary-city.yaml",
            draft,
        ],
    );
    assert_eq!(figures(&off), 0, "{off:?}");
    repo.config(
        "factcheck.toml",
        "rules = [\"rules/la-sanctuary-city.yaml\"]\nfigures = true\n",
    );
    let on = repo.run(".", &[draft]);
    assert!(
        figures(&on) == 0 && on.stdout.contains(", figures "),
        "{on:?}"
    );
    let none = repo.run(".", &["--no-figures", draft]);
    assert!(!none.stdout.contains(", figures "), "{none:?}");
    // A draft with a figure no claim covers: an info, or what the file makes it.
    fs::write(
        repo.path("news/la/figures.txt"),
        "About 200 residents packed the chamber.\n",
    )
    .expect("write draft");
    let info = repo.run(".", &["news/la/figures.txt"]);
    assert!(
        info.headlines().contains(
            &"info[unverified-figure]: number 200 is not covered by any claim".to_string()
        ),
        "{info:?}"
    );
    repo.config(
        "factcheck.toml",
        "rules = [\"rules/la-sanctuary-city.yaml\"]\nfigures = true\n\
         [severity.kinds]\nunverified-figure = \"error\"\n",
    );
    let error = repo.run(".", &["news/la/figures.txt"]);
    assert!(
        error
            .headlines()
            .iter()
            .any(|h| h.starts_with("error[unverified-figure]")),
        "{error:?}"
    );
}
