//! Property tests of the whole pipeline (see also the proptests next to the code: the
//! normalisation offset map in `src/text/normalize.rs`, quote spans in
//! `src/extract/quotes.rs`):
//!
//! - every reported span lies inside the draft and on char boundaries, whatever the draft
//!   is made of (quotes, names, values, invisible and wide characters, every line ending);
//! - a draft that quotes a rule's words exactly, credited to its speaker, never gets an
//!   `altered` finding for that rule — nor any other (`misattributed`, `missing`…);
//! - the findings of a file do not depend on the other files checked with it, on their
//!   order, or on the number of threads (`--jobs`): the output bytes for the same file
//!   order are identical whatever the thread count.

use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

use factcheck::check::{CheckOptions, CheckedFile, Checker};
use factcheck::extract::find_quotes_with_people;
use factcheck::report::{Emitter, JsonEmitter, TextEmitter};
use factcheck::rules::{load_rule_file, RuleSet};
use factcheck::text::SourceFile;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped reference ruleset.
fn shipped() -> Vec<RuleSet> {
    let path = root().join("rules/la-sanctuary-city.yaml");
    let yaml = std::fs::read_to_string(&path).expect("the shipped rules");
    vec![load_rule_file("rules/la-sanctuary-city.yaml", &yaml).expect("they load")]
}

/// Pieces drafts are built from: quote marks of every kind, names and roles of the
/// shipped rules, reporting verbs, values, words of the verified quotes, punctuation,
/// invisible and bidi characters, wide characters, and every kind of line break.
const FRAGMENTS: &[&str] = &[
    "\u{201c}",
    "\u{201d}",
    "\"",
    "\u{2018}",
    "\u{2019}",
    "'",
    "\u{ab}",
    "\u{bb}",
    "\u{201e}",
    "Karen Bass",
    "Bass",
    "Mayor Karen Bass",
    "the mayor",
    "Hugo Soto-Martinez",
    "Councilmember",
    "Tom Homan",
    "the border czar",
    "she",
    "He",
    "they",
    "Smith",
    " said",
    " said ",
    "said: ",
    " told reporters",
    "according to ",
    " added",
    ", saying ",
    "13-0",
    "12-1",
    "thirteen to zero",
    "1979",
    "2017",
    "Jan. 14, 2025",
    "$1.2 million",
    "60%",
    "1,200,000",
    "vote",
    "council",
    "ordinance",
    "sanctuary",
    "We’re going to send",
    "a very clear message",
    "that the city of Los Angeles",
    "will not cooperate with ICE",
    "in any way",
    "We are hardening our defenses",
    "We know what’s coming",
    " ",
    " ",
    "  ",
    ".",
    ",",
    ":",
    ";",
    "?",
    "!",
    "\u{2014}",
    "\u{2013}",
    "\u{2026}",
    "...",
    "(",
    ")",
    "*",
    "**",
    "_",
    "`",
    "<b>",
    "</b>",
    "<tweet id=\"1\">",
    "\t",
    "\u{a0}",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{feff}",
    "\u{ad}",
    "é",
    "漢字",
    "🙂",
    "e\u{301}",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    "\r\r",
];

fn draft_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..120)
        .prop_map(|pieces| pieces.concat())
}

#[track_caller]
fn assert_in_text(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: {start}..{end} outside {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} not on char boundaries of {text:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Every span of every finding, quote and speaker lies inside the draft on char
    /// boundaries; line and column are 1-based; both emitters render the findings.
    #[test]
    fn reported_spans_lie_inside_the_draft(text in draft_strategy()) {
        let rulesets = shipped();
        let checker = Checker::new(&rulesets, CheckOptions::default());
        let source = SourceFile::new("draft.txt", text.clone());
        let findings = checker.check(&source);
        for f in &findings {
            if let Some(span) = f.span {
                assert_in_text(&text, span.start, span.end, "finding");
                let (line, column) = source.line_col(span.start);
                prop_assert!(line >= 1 && column >= 1);
            }
        }
        let people = factcheck::check::known_people(&rulesets);
        for q in find_quotes_with_people(&text, &people) {
            for s in &q.segments {
                assert_in_text(&text, s.start, s.end, "quote segment");
            }
            if let Some(sp) = &q.speaker {
                assert_in_text(&text, sp.mention.start, sp.mention.end, "speaker");
            }
        }
        let files = vec![CheckedFile::new(source, findings)];
        let mut out = Vec::new();
        TextEmitter { styled: false }.emit(&mut out, &files).unwrap();
        let mut out = Vec::new();
        JsonEmitter.emit(&mut out, &files).unwrap();
        let doc: Value = serde_json::from_slice(&out).unwrap();
        for f in doc["files"][0]["findings"].as_array().unwrap() {
            if let (Some(s), Some(e)) = (f["start"].as_u64(), f["end"].as_u64()) {
                assert_in_text(&text, s as usize, e as usize, "JSON finding");
            }
        }
    }
}

/// Ways to quote a speaker verbatim.
fn quoted(form: usize, text: &str, speaker: &str) -> String {
    let bare = text.trim_end_matches(['.', ',', '!', '?']);
    match form % 4 {
        0 => format!("\u{201c}{bare},\u{201d} {speaker} said."),
        1 => format!("\u{201c}{bare},\u{201d} said {speaker}."),
        2 => format!("{speaker} said: \u{201c}{bare}.\u{201d}"),
        _ => format!("\"{bare},\" {speaker} told reporters."),
    }
}

/// Sentences that may surround a quote without naming anyone.
const FILLER: &[&str] = &[
    "The council met on Tuesday.",
    "It was a long night at City Hall.",
    "Residents filled the chamber.",
    "The measure now goes to the mayor.",
    "Critics were not convinced.",
    "",
];

/// Words for generated quotes: letters, digits, apostrophes, hyphens, accents.
const WORDS: &[&str] = &[
    "we",
    "will",
    "not",
    "cooperate",
    "with",
    "anyone",
    "who",
    "threatens",
    "our",
    "city",
    "it’s",
    "don't",
    "well-known",
    "13-0",
    "1979",
    "école",
    "naïve",
    "never",
    "again",
    "the",
    "people",
    "of",
    "Los",
    "Angeles",
    "stand",
    "together",
    "always",
    "and",
    "forever",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every quote of the shipped rules, quoted verbatim and credited to its speaker by
    /// full name, in any of the usual forms, between unrelated sentences: no `altered`
    /// finding for that rule, nor any other.
    #[test]
    fn a_verbatim_quote_of_a_shipped_rule_is_never_altered(
        rule in 0usize..7,
        form in 0usize..4,
        before in proptest::sample::select(FILLER),
        after in proptest::sample::select(FILLER),
        paragraphs in any::<bool>(),
    ) {
        let rulesets = shipped();
        let ruleset = &rulesets[0];
        let quote = &ruleset.quotes[rule % ruleset.quotes.len()];
        let speaker = &ruleset.people[quote.speaker].name;
        let sep = if paragraphs { "\n\n" } else { " " };
        let text = format!("{before}{sep}{}{sep}{after}", quoted(form, &quote.text, speaker));
        let checker = Checker::new(&rulesets, CheckOptions::default());
        let findings = checker.check(&SourceFile::new("draft.txt", text.clone()));
        // Found, and found right: no finding at all for the rule (so not `missing`
        // either, which would make the property hold vacuously).
        for f in findings.iter().filter(|f| f.rule.as_deref() == Some(quote.id.as_str())) {
            prop_assert!(false, "{:?} for {} in {text:?}: {}", f.kind, quote.id, f.message);
        }
    }

    /// The same for generated rules: any quote of four or more words, quoted verbatim
    /// and credited to its speaker, gets no finding at all.
    #[test]
    fn a_verbatim_quote_of_a_generated_rule_is_never_altered(
        words in proptest::collection::vec(proptest::sample::select(WORDS), 4..24),
        form in 0usize..4,
        end in proptest::sample::select(&[".", "", "!", "?"][..]),
    ) {
        let text = format!("{}{end}", words.join(" "));
        let yaml = format!(
            "ruleset: gen\npeople:\n  - id: ana\n    name: Ana Ruiz\nquotes:\n  - id: q\n    speaker: ana\n    text: {}\n",
            serde_json::to_string(&text).unwrap()
        );
        let rulesets = vec![load_rule_file("gen.yaml", &yaml).expect("the generated rule loads")];
        let draft = format!("The council met.\n\n{}\n\nIt adjourned.", quoted(form, &text, "Ana Ruiz"));
        let checker = Checker::new(&rulesets, CheckOptions::default());
        let findings = checker.check(&SourceFile::new("draft.txt", draft.clone()));
        for f in &findings {
            prop_assert!(false, "{:?} in {draft:?}: {}", f.kind, f.message);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Order and threads
// ---------------------------------------------------------------------------------------

const DRAFTS: &[&str] = &[
    "data/altered.txt",
    "data/clean.txt",
    "data/hard-wrapped-crlf.txt",
    "data/misattributed.txt",
    "data/missing.txt",
    "data/unverified.txt",
];

/// `factcheck --rules rules --format json [extra] FILES…`: exit code and stdout.
fn check_json(files: &[&str], extra: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("factcheck")
        .expect("the binary is built")
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["--rules", "rules", "--format", "json"])
        .args(extra)
        .args(files)
        .output()
        .expect("runs");
    (
        output.status.code().expect("an exit code"),
        String::from_utf8(output.stdout).expect("UTF-8"),
    )
}

/// Per-file findings of a JSON report, by path.
fn per_file(stdout: &str) -> Vec<(String, Value)> {
    let doc: Value = serde_json::from_str(stdout).expect("JSON");
    let mut files: Vec<(String, Value)> = doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["findings"].clone(),
            )
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Whether the binary has `--jobs` (added alongside this test by the performance work).
fn has_jobs_flag() -> bool {
    let output = Command::cargo_bin("factcheck")
        .expect("the binary is built")
        .arg("--help")
        .output()
        .expect("runs");
    String::from_utf8_lossy(&output.stdout).contains("--jobs")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Shuffling the files (repeats included) never changes any file's findings, and for
    /// one order the output bytes are the same with 1, 2 or 4 threads.
    #[test]
    fn file_order_and_thread_count_never_change_the_output(
        order in Just(DRAFTS.to_vec()).prop_shuffle(),
        repeat in any::<bool>(),
        jobs in proptest::sample::select(&["1", "2", "4"][..]),
    ) {
        let mut files = order.clone();
        if repeat {
            files.push(order[0]);
        }
        let (code, stdout) = check_json(&files, &[]);
        let (base_code, base) = check_json(DRAFTS, &[]);
        prop_assert_eq!(code, base_code);
        let mut got = per_file(&stdout);
        got.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        prop_assert_eq!(got, per_file(&base));
        if has_jobs_flag() {
            let (threaded_code, threaded) = check_json(&files, &["--jobs", jobs]);
            prop_assert_eq!(threaded_code, code);
            prop_assert_eq!(threaded, stdout, "--jobs {} changed the output", jobs);
        }
    }
}
