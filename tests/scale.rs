//! Checking at bank scale: the indexed engine reports exactly what the straightforward
//! engine reports, on a generated bank and generated drafts (verbatim, fragment,
//! altered, misattributed, new and elided quotes; right and altered claims; statements
//! credited rightly, reversed, credited to someone else and stated as fact; required
//! rules present and missing), and `--jobs` never changes the output.

#[allow(dead_code)]
#[path = "../examples/gen_bank.rs"]
mod gen_bank;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use factcheck::check::{CheckOptions, Checker, Engine, Finding};
use factcheck::rules::{load_rules, RuleSet};
use factcheck::text::SourceFile;

const SEED: u64 = 7;

/// A bank of `files` × 100 entries, written as rule files under `dir`, and drafts.
fn generated(dir: &Path, files: usize, drafts: usize) -> (Vec<PathBuf>, Vec<SourceFile>) {
    let vocab = gen_bank::Vocabulary::new();
    let bank: Vec<gen_bank::BankFile> = (0..files)
        .map(|k| gen_bank::bank_file(SEED, k, &vocab))
        .collect();
    let mut paths = Vec::new();
    for (k, file) in bank.iter().enumerate() {
        let path = dir.join(format!("bank-{k:05}.yaml"));
        std::fs::write(&path, gen_bank::write_bank_file(SEED, k, file)).expect("write bank");
        paths.push(path);
    }
    // Required rules: quotes and claims of the bank, some in the drafts and some not,
    // plus a quote of one word, a quote of three words and a claim without context.
    let mut required = String::from("ruleset: required\npeople:\n");
    let mut speakers: Vec<usize> = bank[0]
        .quotes
        .iter()
        .take(6)
        .map(|q| q.speaker)
        .chain(bank[0].statements.iter().take(6).map(|s| s.speaker))
        .collect();
    speakers.sort_unstable();
    speakers.dedup();
    for &s in &speakers {
        let p = gen_bank::person(SEED, s);
        required.push_str(&format!("  - {{ id: {}, name: \"{}\" }}\n", p.id, p.name));
    }
    required.push_str("claims:\n");
    for (i, c) in bank[0].claims.iter().take(6).enumerate() {
        required.push_str(&format!(
            "  - {{ id: rc{i}, statement: s, context: [\"{}\", \"{}\"], value: {{ {}: \"{}\" }} }}\n",
            c.place,
            c.topic,
            gen_bank::kind_key(c.kind),
            c.rule_value
        ));
    }
    required.push_str("  - { id: anywhere, statement: s, value: { year: \"1999\" } }\n");
    required.push_str("quotes:\n");
    for (i, q) in bank[0].quotes.iter().take(6).enumerate() {
        required.push_str(&format!(
            "  - {{ id: rq{i}, speaker: p{}, text: \"{}\" }}\n",
            q.speaker, q.text
        ));
    }
    let first = speakers[0];
    required.push_str(&format!(
        "  - {{ id: one-word, speaker: p{first}, text: \"Absolutely\" }}\n  \
         - {{ id: three-words, speaker: p{first}, text: \"not at all\" }}\n"
    ));
    required.push_str("statements:\n");
    for (i, st) in bank[0].statements.iter().take(6).enumerate() {
        required.push_str(&format!(
            "  - {{ id: rs{i}, speaker: p{}, statement: \"{}\", context: [\"{}\", \"{}\"] }}\n",
            st.speaker,
            st.text(),
            st.place,
            st.subject
        ));
    }
    let path = dir.join("required.yaml");
    std::fs::write(&path, required).expect("write required");
    paths.push(path);

    let mut sources: Vec<SourceFile> = (0..drafts)
        .map(|i| {
            let text = gen_bank::draft(SEED, i, 500, &bank, &vocab);
            SourceFile::new(format!("draft-{i}.txt"), text)
        })
        .collect();
    // Hand-made drafts for the edges: elisions, one- to three-word quotes, a quote
    // split in two, a quote with no speaker.
    let q = &bank[0].quotes[0].text;
    let words: Vec<&str> = q.split(' ').collect();
    let speaker = gen_bank::person(SEED, bank[0].quotes[0].speaker).name;
    let elided = format!(
        "{} … {}",
        words[..2].join(" "),
        words[words.len() - 2..].join(" ")
    );
    let edges = [
        format!("“{elided},” {speaker} said."),
        format!(
            "“{}...{},” {speaker} said.",
            words[0],
            words[words.len() - 1]
        ),
        format!("“Absolutely,” {speaker} said. “Not at all,” {speaker} added."),
        format!(
            "“{},” {speaker} said. “{}”",
            words[..3].join(" "),
            words[3..].join(" ")
        ),
        format!("“{}” was heard at the meeting.", q.trim_end_matches('.')),
        "In 1999 it began. “yes yes yes yes,” said Nobody Known.".to_string(),
    ];
    for (i, text) in edges.into_iter().enumerate() {
        sources.push(SourceFile::new(format!("edge-{i}.txt"), text));
    }
    (paths, sources)
}

fn check(rules: &[RuleSet], sources: &[SourceFile], engine: Engine) -> Vec<Vec<Finding>> {
    let checker = Checker::with_engine(rules, CheckOptions::default(), engine);
    sources.iter().map(|s| checker.check(s)).collect()
}

#[test]
fn indexed_and_straightforward_engines_report_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (paths, sources) = generated(dir.path(), 2, 16);
    let rules = load_rules(&paths).expect("generated rules load");
    let indexed = check(&rules, &sources, Engine::Indexed);
    let straightforward = check(&rules, &sources, Engine::Straightforward);
    let mut kinds = std::collections::BTreeMap::new();
    let mut statement_kinds = std::collections::BTreeMap::new();
    for (i, (a, b)) in indexed.iter().zip(&straightforward).enumerate() {
        assert_eq!(a, b, "findings differ for {}", sources[i].path);
        for f in a {
            *kinds.entry(format!("{:?}", f.kind)).or_insert(0) += 1;
            // Statement rules are `s…` in the bank and `rs…` among the required ones.
            let rule = f.rule.as_deref().unwrap_or_default();
            if rule.starts_with('s') || rule.starts_with("rs") {
                *statement_kinds.entry(format!("{:?}", f.kind)).or_insert(0) += 1;
            }
        }
    }
    for kind in ["Missing", "Altered", "Misattributed", "Unattributed"] {
        assert!(
            statement_kinds.contains_key(kind),
            "no {kind} statement finding: {statement_kinds:?}"
        );
    }
    // The drafts exercise every kind of finding.
    for kind in [
        "Missing",
        "Altered",
        "Misattributed",
        "Unverified",
        "Unattributed",
    ] {
        assert!(kinds.contains_key(kind), "no {kind} finding: {kinds:?}");
    }
    // And without unverified quotes, and with unverified figures: the same findings and
    // the same coverage.
    for (report_unverified, report_figures) in [(false, false), (true, true)] {
        let options = CheckOptions {
            report_unverified,
            report_figures,
        };
        let a = Checker::with_engine(&rules, options.clone(), Engine::Indexed);
        let b = Checker::with_engine(&rules, options, Engine::Straightforward);
        for s in &sources {
            assert_eq!(
                a.check_with_coverage(s),
                b.check_with_coverage(s),
                "{} (unverified: {report_unverified}, figures: {report_figures})",
                s.path
            );
        }
    }
}

#[test]
fn output_is_the_same_for_any_number_of_jobs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (paths, sources) = generated(dir.path(), 1, 12);
    let mut files = Vec::new();
    for s in &sources {
        let path = dir.path().join(&s.path);
        std::fs::write(&path, &s.text).expect("write draft");
        files.push(path);
    }
    let run = |jobs: &str, format: &str| {
        let mut cmd = Command::cargo_bin("factcheck").expect("binary");
        cmd.env("FACTCHECK_CACHE_DIR", dir.path().join("cache"))
            .args(["--jobs", jobs, "--format", format]);
        for p in &paths {
            cmd.arg("--rules").arg(p);
        }
        cmd.args(&files);
        let out = cmd.output().expect("runs");
        (out.status.code(), out.stdout)
    };
    for format in ["text", "json"] {
        let one = run("1", format);
        assert_eq!(one.0, Some(1), "findings of severity error");
        assert!(!one.1.is_empty());
        for jobs in ["2", "3", "8"] {
            assert_eq!(run(jobs, format), one, "--jobs {jobs} --format {format}");
        }
    }
}

/// A bank large enough to be cached, checked with its rulesets left in the cache file
/// (decoded when a draft touches them): the output is the one the rule files give.
#[test]
fn a_cached_bank_reports_what_the_rule_files_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (paths, sources) = generated(dir.path(), 16, 12);
    // Written well before the cache: their stamps are trusted, so a hit reads the
    // rulesets lazily.
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in &paths {
        std::fs::File::options()
            .write(true)
            .open(p)
            .and_then(|f| f.set_modified(past))
            .expect("set mtime");
    }
    let mut files = Vec::new();
    for s in &sources {
        let path = dir.path().join(&s.path);
        std::fs::write(&path, &s.text).expect("write draft");
        files.push(path);
    }
    let cache = dir.path().join("cache");
    let run_as = |format: &str, extra: &[&str]| {
        let mut cmd = Command::cargo_bin("factcheck").expect("binary");
        cmd.env("FACTCHECK_CACHE_DIR", &cache)
            .current_dir(dir.path())
            .args(["--format", format])
            .args(extra);
        for p in &paths {
            cmd.arg("--rules").arg(p);
        }
        cmd.args(&files);
        let out = cmd.output().expect("runs");
        (out.status.code(), out.stdout)
    };
    let run = |extra: &[&str]| run_as("json", extra);
    let direct = run(&["--no-cache"]);
    assert_eq!(direct.0, Some(1), "findings of severity error");
    assert!(!cache.exists());
    assert_eq!(run(&[]), direct, "parsed and cached");
    assert_eq!(std::fs::read_dir(&cache).expect("cache dir").count(), 1);
    assert_eq!(run(&[]), direct, "from the cache");
    assert_eq!(run(&["--jobs", "1"]), direct, "from the cache, one job");
    // The formats that list every rule decode the whole bank from the cache.
    for format in ["sarif", "junit", "html"] {
        assert_eq!(
            run_as(format, &[]),
            run_as(format, &["--no-cache"]),
            "{format} from the cache"
        );
    }
    // So does a configuration that names rulesets: it is checked against every one.
    let first = factcheck::rules::load_rules(&paths[..1]).expect("rules");
    let config = dir.path().join("factcheck.toml");
    std::fs::write(
        &config,
        format!(
            "[[apply]]\npaths = [\"**\"]\nrulesets = [\"{}\"]\n",
            first[0].id
        ),
    )
    .expect("write config");
    let narrowed = run(&["--no-cache"]);
    assert_ne!(
        narrowed.1, direct.1,
        "the configuration narrows the findings"
    );
    assert_eq!(run(&[]), narrowed, "narrowed, from the cache");
}

/// A bank of 50,000 entries written as one rule file (about 8 MB, under the default
/// `--max-rules-size` of 20 MB) loads: the YAML budgets follow the file's size.
#[test]
fn a_one_file_bank_of_50000_entries_loads() {
    let vocab = gen_bank::Vocabulary::new();
    let files: Vec<gen_bank::BankFile> = (0..500)
        .map(|k| gen_bank::bank_file(SEED, k, &vocab))
        .collect();
    let yaml = gen_bank::write_bank_as_one_file(SEED, &files);
    assert!(
        (5 << 20..20 << 20).contains(&yaml.len()),
        "{} bytes",
        yaml.len()
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bank.yaml");
    std::fs::write(&path, &yaml).expect("write bank");
    let rules = load_rules(&[path]).expect("the one-file bank loads");
    assert_eq!(rules.len(), 1);
    assert_eq!(
        rules[0].claims.len() + rules[0].quotes.len() + rules[0].statements.len(),
        50_000
    );
}
