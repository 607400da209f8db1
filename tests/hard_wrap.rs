//! Hard-wrapped drafts: every sample draft in `data/` (the `.txt` ones), wrapped at every
//! width from 30 to 80 with LF, CRLF and CR line ends, gives the findings of the draft
//! written one paragraph per line — the same kinds, rules, expected and found values, at
//! the same words (their positions mapped into the wrapped file) — with both engines.
//!
//! Wrapping is greedy (as an editor's hard wrap is) and breaks only at ASCII spaces. Three
//! layouts: paragraphs separated by a blank line (the usual one); the same with the first
//! paragraph left unwrapped on one long line (so the draft as a whole is not hard-wrapped
//! prose); and paragraphs that follow one another with no blank line between them (the
//! break between paragraphs is then an ordinary line break, and only the wrapping tells
//! it from a wrap).

use std::fs;
use std::path::Path;

use factcheck::check::{CheckOptions, Checker, Engine, Finding};
use factcheck::rules::{load_rules, RuleSet};
use factcheck::text::{source_paragraphs, SourceFile};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A draft and, for each of its bytes, where that byte is in another text.
struct Mapped {
    text: String,
    /// `map[i]`: the offset in this text of byte `i` of the text it was made from (and
    /// `map[len]` its end).
    map: Vec<usize>,
}

/// The sample as one paragraph per line (`\n`), its own wraps made spaces: the reference.
fn one_paragraph_per_line(text: &str) -> String {
    source_paragraphs(text)
        .iter()
        .map(|p| {
            text[p.range()]
                .split(['\n', '\r'])
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How the paragraphs of a wrapped draft are laid out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Layout {
    /// A blank line between paragraphs.
    BlankLines,
    /// A blank line between paragraphs, the first paragraph not wrapped.
    FirstUnwrapped,
    /// No blank line between paragraphs.
    NoBlankLines,
}

/// `reference` (one paragraph per line) wrapped greedily at `width` characters, lines
/// ended by `eol`, paragraphs laid out as `layout` says.
fn wrap(reference: &str, width: usize, eol: &str, layout: Layout) -> Mapped {
    let mut text = String::new();
    let mut map = vec![0; reference.len() + 1];
    let mut at = 0; // offset in `reference`
    for (k, para) in reference.split('\n').enumerate() {
        if k > 0 {
            text.push_str(eol);
            if layout != Layout::NoBlankLines {
                text.push_str(eol);
            }
            at += 1; // the `\n` between paragraphs
        }
        let width = if k == 0 && layout == Layout::FirstUnwrapped {
            usize::MAX
        } else {
            width
        };
        let mut line_chars = 0;
        for (w, word) in para.split(' ').enumerate() {
            let chars = word.chars().count();
            if w > 0 {
                // The space before the word: kept, or replaced by a line break.
                map[at] = text.len();
                if line_chars + 1 + chars > width {
                    text.push_str(eol);
                    line_chars = 0;
                } else {
                    text.push(' ');
                    line_chars += 1;
                }
                at += 1;
            }
            for (i, _) in word.char_indices() {
                map[at + i] = text.len() + i;
            }
            for i in 0..word.len() {
                // Bytes inside a character map with it.
                if !word.is_char_boundary(i) {
                    map[at + i] = map[at + i - 1];
                }
            }
            text.push_str(word);
            at += word.len();
            line_chars += chars;
        }
    }
    map[at] = text.len();
    text.push_str(eol);
    Mapped { text, map }
}

/// What must not change: kind, rule, expected and found (whitespace made single spaces),
/// and the span, mapped through `map` when given.
fn comparable(findings: &[Finding], map: Option<&[usize]>) -> Vec<String> {
    let squeeze = |s: &Option<String>| {
        s.as_deref()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    findings
        .iter()
        .map(|f| {
            let span = f.span.map(|s| match map {
                Some(m) => (m[s.start], m[s.end - 1] + 1),
                None => (s.start, s.end),
            });
            format!(
                "{:?} {:?} {:?} {:?} {:?} at {:?}",
                f.kind,
                f.ruleset,
                f.rule,
                squeeze(&f.expected),
                squeeze(&f.found),
                span
            )
        })
        .collect()
}

fn samples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(root().join("data"))
        .expect("data/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into();
            let text = fs::read_to_string(&p).expect("sample reads");
            (name, text)
        })
        .collect();
    out.sort();
    out
}

fn check_wrapped(rules: &[RuleSet], layout: Layout) {
    let checkers = [Engine::Indexed, Engine::Straightforward]
        .map(|e| Checker::with_engine(rules, CheckOptions::default(), e));
    let samples = samples();
    assert!(samples.len() >= 6, "the sample drafts are there");
    let mut failures = Vec::new();
    for (name, text) in &samples {
        let reference = one_paragraph_per_line(text.trim_start_matches('\u{feff}'));
        let source = SourceFile::new(name.clone(), reference.clone());
        let want_findings = checkers[0].check(&source);
        assert!(
            !want_findings.is_empty() || name == "clean.txt" || name.starts_with("hard-wrapped"),
            "{name}: the sample has findings"
        );
        for width in 30..=80 {
            for (eol_name, eol) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
                let wrapped = wrap(&reference, width, eol, layout);
                let want = comparable(&want_findings, Some(&wrapped.map));
                let source = SourceFile::new(name.clone(), wrapped.text.clone());
                for checker in &checkers {
                    let got = comparable(&checker.check(&source), None);
                    if got != want {
                        failures.push(format!(
                            "{name} at width {width}, {eol_name}:\n  want {want:#?}\n  got {got:#?}"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} wrapped drafts differ; the first:\n{}",
        failures.len(),
        failures.first().map_or("", String::as_str)
    );
}

#[test]
fn wrapped_drafts_with_blank_lines_give_the_unwrapped_findings() {
    let rules = load_rules(&[root().join("rules")]).expect("the shipped rules load");
    check_wrapped(&rules, Layout::BlankLines);
}

#[test]
fn wrapped_drafts_with_a_long_first_line_give_the_unwrapped_findings() {
    let rules = load_rules(&[root().join("rules")]).expect("the shipped rules load");
    check_wrapped(&rules, Layout::FirstUnwrapped);
}

#[test]
fn wrapped_drafts_without_blank_lines_give_the_unwrapped_findings() {
    let rules = load_rules(&[root().join("rules")]).expect("the shipped rules load");
    check_wrapped(&rules, Layout::NoBlankLines);
}
