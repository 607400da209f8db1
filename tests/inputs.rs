//! Drafts as they are written: Markdown and HTML versions of the sample drafts give the
//! same findings as the plain text, at the right place in their own bytes; directories of
//! drafts; inline `factcheck-ignore` comments; rulesets named in front matter.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use factcheck::check::{CheckOptions, Checker, Finding, FindingKind};
use factcheck::rules::{load_rules, RuleSet};
use factcheck::text::{InputFormat, Prose, SourceFile};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rulesets() -> Vec<RuleSet> {
    load_rules(&[root().join("rules")]).expect("the shipped rules load")
}

/// The prose of `text` with whitespace runs made one space: what a reader reads.
fn read_as(text: &str, format: InputFormat) -> String {
    let prose = Prose::extract(text, format).expect("extracts");
    prose
        .text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What must be the same across formats: the finding, and the words at its span.
fn comparable(findings: &[Finding], source: &SourceFile, format: InputFormat) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let quoted = f
                .span
                .map(|s| read_as(&source.text[s.range()], format))
                .unwrap_or_default();
            format!(
                "{:?} {:?} {:?} {:?} {:?} at {:?}",
                f.kind, f.ruleset, f.rule, f.expected, f.found, quoted
            )
        })
        .collect()
}

/// The equivalence: a Markdown and an HTML version of a draft (headings,
/// emphasis, links, code blocks, comments, images, entities, scripts and styles) give
/// the findings of the plain text — same kind, rule, expected and found values, and the
/// same words at each finding's span in the original file.
#[test]
fn markdown_and_html_versions_give_the_plain_text_findings() {
    let rules = rulesets();
    let checker = Checker::new(&rules, CheckOptions::default());
    for stem in ["altered", "misattributed"] {
        let read = |ext: &str| {
            let path = format!("data/{stem}.{ext}");
            let text = fs::read_to_string(root().join(&path)).expect("sample exists");
            SourceFile::new(path, text)
        };
        let plain = read("txt");
        let plain_checked = checker
            .check_document(plain.clone(), InputFormat::Text)
            .expect("checks");
        assert!(!plain_checked.findings.is_empty(), "{stem} has findings");
        let want = comparable(&plain_checked.findings, &plain, InputFormat::Text);
        for (ext, format) in [("md", InputFormat::Markdown), ("html", InputFormat::Html)] {
            let source = read(ext);
            let checked = checker
                .check_document(source.clone(), format)
                .expect("checks");
            let got = comparable(&checked.findings, &checked.source, format);
            assert_eq!(got, want, "{stem}.{ext}");
            // Each span starts on the character the plain text's span starts with, and
            // its line and column are where that character is in the file.
            for (f, p) in checked.findings.iter().zip(&plain_checked.findings) {
                let (Some(span), Some(plain_span)) = (f.span, p.span) else {
                    continue;
                };
                let first = |t: &str| read_as(t, format).chars().next();
                assert_eq!(
                    first(&source.text[span.range()]),
                    first(&plain.text[plain_span.range()]),
                    "{stem}.{ext}: {f:?}"
                );
                let (line, column) = source.line_col(span.start);
                let line_text = source.text.lines().nth(line - 1).expect("line exists");
                let at: String = line_text.chars().skip(column - 1).collect();
                assert!(
                    source.text[span.start..].starts_with(&at[..at.len().min(span.len())]),
                    "{stem}.{ext}: {line}:{column}"
                );
            }
        }
    }
}

fn factcheck() -> Command {
    let mut cmd = Command::cargo_bin("factcheck").expect("the factcheck binary is built");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

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

/// `factcheck --rules <root>/rules <args>`, run in `dir`.
fn check_in(dir: &Path, args: &[&str]) -> Run {
    let rules = root().join("rules");
    let mut cmd = factcheck();
    cmd.current_dir(dir)
        .arg("--rules")
        .arg(&rules)
        .args(["--no-cache"])
        .args(args);
    run(&mut cmd)
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("JSON ({e}): {}", r.stdout))
}

fn paths_of(doc: &Value) -> Vec<String> {
    doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().expect("path").to_string())
        .collect()
}

fn write(dir: &Path, path: &str, text: &str) -> PathBuf {
    let p = dir.join(path);
    fs::create_dir_all(p.parent().expect("has a parent")).expect("mkdir");
    fs::write(&p, text).expect("write");
    p
}

#[test]
fn the_samples_render_at_their_own_lines() {
    for path in [
        "data/altered.md",
        "data/altered.html",
        "data/misattributed.md",
        "data/misattributed.html",
    ] {
        let r = run(factcheck().args(["--rules", "rules", "--no-cache", path]));
        assert_eq!(r.code, 1, "{path}: {}", r.stderr);
        insta::assert_snapshot!(path.replace(['/', '.'], "_"), r.stdout);
    }
}

/// A directory stands for the drafts under it: .txt, .md, .markdown, .html and .htm
/// files, found recursively, hidden and ignored files skipped, in path order whatever
/// the number of threads; an explicit file is checked whatever its extension.
#[test]
fn directories_are_walked_in_a_stable_order() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let altered = fs::read_to_string(root().join("data/altered.txt")).expect("sample");
    let clean = fs::read_to_string(root().join("data/clean.txt")).expect("sample");
    write(dir, "drafts/b.txt", &altered);
    write(dir, "drafts/a/z.md", &clean);
    write(dir, "drafts/a/y.markdown", &clean);
    write(dir, "drafts/c.html", &format!("<p>{clean}</p>"));
    write(dir, "drafts/d.HTM", &format!("<p>{clean}</p>"));
    write(dir, "drafts/notes.rst", &altered);
    write(dir, "drafts/.hidden/e.txt", &altered);
    write(dir, "drafts/.gitignore", "skipped/\n");
    write(dir, "drafts/skipped/f.txt", &altered);
    write(dir, "other.text", &altered);
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "8"] {
        let r = check_in(
            dir,
            &["--format", "json", "--jobs", jobs, "drafts", "other.text"],
        );
        assert_eq!(r.code, 1, "{}", r.stderr);
        let doc = json(&r);
        assert_eq!(
            paths_of(&doc),
            [
                "drafts/a/y.markdown",
                "drafts/a/z.md",
                "drafts/b.txt",
                "drafts/c.html",
                "drafts/d.HTM",
                "other.text"
            ],
            "--jobs {jobs}"
        );
        outputs.push(r.stdout);
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]), "same output");
}

#[test]
fn a_directory_without_drafts_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "empty/notes.rst", "Nothing here.");
    let r = check_in(tmp.path(), &["empty"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("empty: no drafts in this directory"),
        "{}",
        r.stderr
    );
}

/// The plain-text draft with a suppression comment in each of its forms, in each format.
fn suppressed_draft(format: InputFormat, comment: &str) -> String {
    let altered = fs::read_to_string(root().join("data/altered.txt")).expect("sample");
    let mut lines: Vec<String> = altered.lines().map(str::to_string).collect();
    // The comment goes before the line with the 12-1 vote.
    lines.insert(0, comment.to_string());
    match format {
        InputFormat::Text => lines.join("\n"),
        InputFormat::Markdown => lines.join("\n\n"),
        InputFormat::Html => lines
            .iter()
            .map(|l| {
                if l.starts_with("<!--") {
                    l.clone()
                } else {
                    format!("<p>{l}</p>")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn suppression_comments_move_findings_to_suppressed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (format, ext) in [
        (InputFormat::Text, "txt"),
        (InputFormat::Markdown, "md"),
        (InputFormat::Html, "html"),
    ] {
        let text = suppressed_draft(
            format,
            "<!-- factcheck-ignore council-vote la-sanctuary-city/lapd-rule-1979 -->",
        );
        let name = format!("draft.{ext}");
        write(tmp.path(), &name, &text);
        let r = check_in(tmp.path(), &["--format", "json", &name]);
        assert_eq!(r.code, 1, "{ext}: {}", r.stderr);
        let doc = json(&r);
        let file = &doc["files"][0];
        let rules_of = |key: &str| -> Vec<String> {
            file[key]
                .as_array()
                .expect("array")
                .iter()
                .map(|f| format!("{}:{}", f["kind"].as_str().unwrap_or(""), f["rule"]))
                .collect()
        };
        // The tally is in the paragraph after the comment: silenced. The 1997 year is
        // in another paragraph: still reported, and the comment's second rule silenced
        // nothing, which is said.
        assert_eq!(
            rules_of("suppressed"),
            ["altered:\"council-vote\""],
            "{ext}"
        );
        let findings = rules_of("findings");
        assert!(
            findings.contains(&"altered:\"lapd-rule-1979\"".to_string()),
            "{ext}: {findings:?}"
        );
        assert!(
            findings
                .contains(&"unused-suppression:\"la-sanctuary-city/lapd-rule-1979\"".to_string()),
            "{ext}: {findings:?}"
        );
        assert_eq!(doc["summary"]["suppressed"], 1, "{ext}");
        // The unused suppression points at the rule's name in the comment.
        let unused = file["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["kind"] == "unused-suppression")
            .expect("unused");
        assert_eq!(unused["severity"], "warning");
        let start = unused["start"].as_u64().expect("start") as usize;
        assert!(text[start..].starts_with("la-sanctuary-city/lapd-rule-1979"));
        assert_eq!(unused["line"], 1, "{ext}");
    }
}

#[test]
fn file_suppressions_silence_missing_findings_and_text_output_lists_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let draft = "<!-- factcheck-ignore-file council-vote unverified -->\n\n\
                 The ordinance passed. “We never said this,” said a clerk.\n";
    write(tmp.path(), "draft.md", draft);
    let r = check_in(tmp.path(), &["--format", "json", "draft.md"]);
    let doc = json(&r);
    let suppressed = doc["files"][0]["suppressed"]
        .as_array()
        .expect("suppressed");
    let kinds: Vec<(&str, &str)> = suppressed
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or(""),
                f["rule"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert!(kinds.contains(&("missing", "council-vote")), "{kinds:?}");
    assert!(kinds.contains(&("unverified", "-")), "{kinds:?}");
    let findings = doc["files"][0]["findings"].as_array().expect("findings");
    assert!(
        findings.iter().all(|f| f["rule"] != "council-vote"),
        "{findings:?}"
    );
    let text = check_in(tmp.path(), &["draft.md"]);
    assert!(
        text.stdout.contains("suppressed: draft.md"),
        "{}",
        text.stdout
    );
    // A paragraph comment cannot silence a missing finding: the warning says which form
    // does.
    write(
        tmp.path(),
        "block.md",
        "<!-- factcheck-ignore council-vote -->\nThe ordinance passed.\n",
    );
    let r = check_in(tmp.path(), &["--format", "json", "block.md"]);
    let doc = json(&r);
    let findings = doc["files"][0]["findings"].as_array().expect("findings");
    let unused = findings
        .iter()
        .find(|f| f["kind"] == "unused-suppression")
        .expect("an unused suppression");
    assert!(
        unused["message"]
            .as_str()
            .is_some_and(|m| m.contains("factcheck-ignore-file")),
        "{unused}"
    );
    assert!(findings
        .iter()
        .any(|f| f["kind"] == "missing" && f["rule"] == "council-vote"));
}

#[test]
fn suppressed_and_unused_suppressions_render_in_text() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = suppressed_draft(
        InputFormat::Markdown,
        "<!-- factcheck-ignore council-vote soto-martinez-message -->",
    );
    write(tmp.path(), "draft.md", &text);
    let r = check_in(tmp.path(), &["draft.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    insta::assert_snapshot!("suppressed_text", r.stdout);
}

#[test]
fn a_suppression_of_an_unknown_rule_is_an_error_at_its_position() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (name, text, at) in [
        (
            "a.md",
            "# Title\n\nText. <!-- factcheck-ignore council-vot -->\n",
            "a.md:3:29:",
        ),
        (
            "b.html",
            "<p>Text.</p>\n<!-- factcheck-ignore other/council-vote -->",
            "b.html:2:23:",
        ),
        ("c.txt", "Text.\n  <!--factcheck-ignore-->\n", "c.txt:2:7:"),
    ] {
        write(tmp.path(), name, text);
        let r = check_in(tmp.path(), &[name]);
        assert_eq!(r.code, 2, "{name}");
        assert!(r.stderr.contains(at), "{name}: {}", r.stderr);
    }
}

#[test]
fn front_matter_names_the_rulesets_that_apply() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    // A second ruleset whose claim the draft misses.
    write(
        dir,
        "more-rules/budget.yaml",
        "ruleset: city-budget\nclaims:\n  - id: budget-total\n    statement: The budget is $13 billion.\n    \
         context: [budget]\n    value: { money: \"$13 billion\" }\n",
    );
    let clean = fs::read_to_string(root().join("data/clean.txt")).expect("sample");
    let rules = root().join("rules");
    let both = |args: &[&str]| {
        let mut cmd = factcheck();
        cmd.current_dir(dir)
            .arg("--rules")
            .arg(&rules)
            .args(["--rules", "more-rules", "--no-cache", "--format", "json"])
            .args(args);
        run(&mut cmd)
    };
    write(dir, "plain.md", &clean);
    let r = both(&["plain.md"]);
    assert_eq!(r.code, 1, "the budget claim is missing: {}", r.stderr);
    write(
        dir,
        "narrowed.md",
        &format!("---\ntitle: x\nfactcheck:\n  rules:\n    - la-sanctuary-city\n---\n{clean}"),
    );
    let r = both(&["narrowed.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    write(
        dir,
        "typo.md",
        &format!("---\nfactcheck: {{rules: [la-sanctuary-cty]}}\n---\n{clean}"),
    );
    let r = both(&["typo.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("typo.md:2:21:") && r.stderr.contains("la-sanctuary-cty"),
        "{}",
        r.stderr
    );
    write(
        dir,
        "broken.md",
        &format!("---\nfactcheck: [unclosed\n---\n{clean}"),
    );
    let r = both(&["broken.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("broken.md:") && r.stderr.contains("front matter"),
        "{}",
        r.stderr
    );
}

#[test]
fn standard_input_takes_an_input_format() {
    let md = fs::read_to_string(root().join("data/altered.md")).expect("sample");
    let as_markdown = run(factcheck()
        .args(["--rules", "rules", "--no-cache", "--format", "json"])
        .args(["--input-format", "markdown", "-"])
        .write_stdin(md.clone()));
    let as_file = run(factcheck().args([
        "--rules",
        "rules",
        "--no-cache",
        "--format",
        "json",
        "data/altered.md",
    ]));
    let kinds = |r: &Run| -> Vec<Value> {
        json(r)["files"][0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["span"].clone())
            .collect()
    };
    assert_eq!(kinds(&as_markdown), kinds(&as_file));
    // Read as plain text, the code block's 11-2 tally is a finding of its own.
    let as_text = run(factcheck()
        .args(["--rules", "rules", "--no-cache", "--format", "json", "-"])
        .write_stdin(md));
    assert!(as_text.stdout.contains("11-2"), "{}", as_text.stdout);
    assert!(!as_markdown.stdout.contains("11-2"));
}

#[test]
fn unverified_findings_ignore_the_front_matter_filter() {
    let rules = rulesets();
    let checker = Checker::new(&rules, CheckOptions::default());
    let draft = "---\nfactcheck: {rules: [la-sanctuary-city]}\n---\n\n“Nobody checked this thing at all,” said Jane Doe, a clerk.\n";
    let checked = checker
        .check_document(SourceFile::new("d.md", draft), InputFormat::Markdown)
        .expect("checks");
    assert!(checked
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::Unverified));
}

/// `factcheck quotes` reads Markdown and HTML drafts on their prose, like the check: the
/// same quotes with the same speakers and cues as the plain text, at the original bytes
/// (the markup inside a quote, `*strong*`, is shown as written).
#[test]
fn quote_sheets_of_markdown_and_html_match_the_plain_text() {
    let sheet = |path: &str| {
        let r = run(factcheck().args(["quotes", "--rules", "rules", "--format", "json", path]));
        assert_eq!(r.code, 0, "{path}: {}", r.stderr);
        let doc = json(&r);
        let text = fs::read_to_string(root().join(path)).expect("sample");
        doc["files"][0]["quotes"]
            .as_array()
            .expect("quotes")
            .iter()
            .map(|q| {
                let start = q["start"].as_u64().expect("start") as usize;
                let end = q["end"].as_u64().expect("end") as usize;
                // The quote's bytes in the file are what the sheet shows.
                assert_eq!(
                    text[start..end],
                    *q["text"].as_str().expect("text"),
                    "{path}"
                );
                // The last word: plain in every version (the others may hold markup or
                // entities as written).
                let last_word = q["text"]
                    .as_str()
                    .expect("text")
                    .split(|c: char| !c.is_alphanumeric())
                    .rfind(|w| !w.is_empty())
                    .map(str::to_owned);
                (last_word, q["speaker"]["name"].clone(), q["cue"].clone())
            })
            .collect::<Vec<_>>()
    };
    for stem in ["altered", "misattributed"] {
        let plain = sheet(&format!("data/{stem}.txt"));
        assert!(!plain.is_empty());
        for ext in ["md", "html"] {
            assert_eq!(sheet(&format!("data/{stem}.{ext}")), plain, "{stem}.{ext}");
        }
    }
}
