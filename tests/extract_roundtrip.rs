//! Round trip of `factcheck extract`: a source checked against its own extracted rules
//! gives no finding, and changing any extracted value or quoted word in the source gives
//! exactly the finding for that rule; negating a reported statement gives exactly its
//! `altered`, and renaming its speaker its `misattributed`. Runs on every sample in `data/`, and measures the
//! corpus in `../shared/corpus` when it is present.

use std::path::Path;

use factcheck::authoring::{extract_ruleset, render_yaml, DraftRuleset};
use factcheck::check::{CheckOptions, Checker, Finding, FindingKind};
use factcheck::extract::values::MONTH_NAMES;
use factcheck::extract::{parse_value, Value, ValueKind};
use factcheck::rules::{load_rule_file, RuleSet};
use factcheck::text::SourceFile;

/// What a round trip found on one source.
#[derive(Debug, Default)]
struct Tally {
    sources: usize,
    clean: usize,
    values: usize,
    values_caught: usize,
    quotes: usize,
    quotes_caught: usize,
    statements: usize,
    statements_caught: usize,
    failures: Vec<String>,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.sources += other.sources;
        self.clean += other.clean;
        self.values += other.values;
        self.values_caught += other.values_caught;
        self.quotes += other.quotes;
        self.quotes_caught += other.quotes_caught;
        self.statements += other.statements;
        self.statements_caught += other.statements_caught;
        self.failures.extend(other.failures);
    }
}

/// Findings that count against a round trip: quotes the extractor left commented out
/// (no speaker) are unverified by design and do not.
fn counted(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.kind != FindingKind::Unverified)
        .collect()
}

fn check(rules: &RuleSet, path: &str, text: &str) -> Vec<Finding> {
    let rulesets = std::slice::from_ref(rules);
    let checker = Checker::new(rulesets, CheckOptions::default());
    checker.check(&SourceFile::new(path, text))
}

/// A different value of the same kind, written as prose would write it.
fn changed_value(kind: ValueKind, written: &str) -> Option<String> {
    Some(match parse_value(kind, written).ok()? {
        Value::Tally { yes, no } => format!("{}-{}", yes + 1, no),
        Value::Year(y) => format!("{}", y + 1),
        Value::Date { year, month, day } => {
            let m = MONTH_NAMES[usize::from(month.clamp(1, 12)) - 1];
            match day {
                Some(d) => format!("{m} {d}, {}", year + 1),
                None => format!("{m} {}", year + 1),
            }
        }
        Value::Number(n) => format!("{}", n + 1.0),
        Value::Percent(p) => format!("{}%", p + 1.0),
        Value::Money { amount, currency } => match currency.as_str() {
            "USD" => format!("${}", amount + 1.0),
            "EUR" => format!("€{}", amount + 1.0),
            "GBP" => format!("£{}", amount + 1.0),
            _ => return None,
        },
        Value::Text(_) => return None,
    })
}

/// A quoted word swapped for another (the first word of four letters or more after the
/// first two words), as a careless rewrite would.
fn changed_quote(text: &str, span: factcheck::text::Span) -> Option<String> {
    let segment = &text[span.range()];
    let mut offset = 0;
    for (n, word) in segment.split(' ').enumerate() {
        let at = offset;
        offset += word.len() + 1;
        if n < 2 || word.len() < 4 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let replacement = if word.eq_ignore_ascii_case("never") {
            "always"
        } else {
            "never"
        };
        let at = span.start + at;
        return Some(format!(
            "{}{}{}",
            &text[..at],
            replacement,
            &text[at + word.len()..]
        ));
    }
    None
}

/// Auxiliaries that take `not` after them.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "has", "have", "had",
    "does", "did", "must", "may", "might",
];

/// The source with the reported words at `span` negated: their first `not` or `never`
/// removed, else `not` after their first auxiliary; `None` when neither applies.
fn negated(text: &str, span: factcheck::text::Span) -> Option<String> {
    let content = &text[span.range()];
    let mut offset = 0;
    let mut first_aux = None;
    for word in content.split(' ') {
        let at = span.start + offset;
        offset += word.len() + 1;
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if bare == "not" || bare == "never" {
            // Remove the word and the space before it.
            return Some(format!(
                "{}{}",
                &text[..at.saturating_sub(1)],
                &text[at + word.len()..]
            ));
        }
        if first_aux.is_none() && AUXILIARIES.contains(&bare.as_str()) && bare == word {
            first_aux = Some(at + word.len());
        }
    }
    let at = first_aux?;
    Some(format!("{} not{}", &text[..at], &text[at..]))
}

/// The round trip on one source.
fn round_trip(path: &str, text: &str) -> Tally {
    let mut tally = Tally {
        sources: 1,
        ..Tally::default()
    };
    let source = SourceFile::new(path, text);
    let draft: DraftRuleset = extract_ruleset(&source, "roundtrip");
    let yaml = render_yaml(&draft);
    let rules = match load_rule_file("extracted.yaml", &yaml) {
        Ok(r) => r,
        Err(e) => {
            tally
                .failures
                .push(format!("{path}: extracted rules do not load: {e}"));
            return tally;
        }
    };
    let own = check(&rules, path, text);
    if counted(&own).is_empty() {
        tally.clean += 1;
    } else {
        tally
            .failures
            .push(format!("{path}: own rules give {:?}", counted(&own)));
        // Mutations are only meaningful on a source that checks clean.
        return tally;
    }
    for claim in &draft.claims {
        let Some(value) = changed_value(claim.kind, &claim.value) else {
            continue;
        };
        tally.values += 1;
        let mutated = format!(
            "{}{}{}",
            &text[..claim.span.start],
            value,
            &text[claim.span.end..]
        );
        let got = check(&rules, path, &mutated);
        let got = counted(&got);
        let exact = got.len() == 1
            && got[0].kind == FindingKind::Altered
            && got[0].rule.as_deref() == Some(claim.id.as_str());
        if exact {
            tally.values_caught += 1;
        } else {
            let summary: Vec<(String, Option<String>)> = got
                .iter()
                .map(|f| (f.kind.as_str().to_string(), f.rule.clone()))
                .collect();
            tally.failures.push(format!(
                "{path}: {} {:?} → {value:?} gave {summary:?}",
                claim.id, claim.value
            ));
        }
    }
    let people: Vec<&str> = draft.people.iter().map(|p| p.name.as_str()).collect();
    for statement in draft.statements.iter().filter(|s| !s.context.is_empty()) {
        let id = Some(statement.id.as_str());
        let Some(mutated) = negated(text, statement.span) else {
            continue;
        };
        tally.statements += 1;
        let got = check(&rules, path, &mutated);
        let got = counted(&got);
        if got.len() == 1 && got[0].kind == FindingKind::Altered && got[0].rule.as_deref() == id {
            tally.statements_caught += 1;
        } else {
            let summary: Vec<(String, Option<String>)> = got
                .iter()
                .map(|f| (f.kind.as_str().to_string(), f.rule.clone()))
                .collect();
            tally.failures.push(format!(
                "{path}: statement {} negated gave {summary:?}",
                statement.id
            ));
        }
        // The speaker's last name, written last before the reported words in their
        // paragraph, becomes someone else's.
        let Some(person) = draft.people.iter().find(|p| p.id == statement.speaker) else {
            continue;
        };
        let last = person.name.split_whitespace().last().unwrap_or_default();
        let para_start = text[..statement.span.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let Some(at) = text[para_start..statement.span.start].rfind(last) else {
            continue;
        };
        let at = para_start + at;
        let outsider = if people.iter().any(|p| p.ends_with("Whitfield")) {
            "Okafor"
        } else {
            "Whitfield"
        };
        let renamed = format!("{}{outsider}{}", &text[..at], &text[at + last.len()..]);
        tally.statements += 1;
        let got = check(&rules, path, &renamed);
        if got
            .iter()
            .any(|f| f.kind == FindingKind::Misattributed && f.rule.as_deref() == id)
        {
            tally.statements_caught += 1;
        } else {
            let summary: Vec<(String, Option<String>)> = counted(&got)
                .iter()
                .map(|f| (f.kind.as_str().to_string(), f.rule.clone()))
                .collect();
            tally.failures.push(format!(
                "{path}: statement {} renamed gave {summary:?}",
                statement.id
            ));
        }
    }
    for quote in draft.quotes.iter().filter(|q| q.speaker.is_some()) {
        let Some(mutated) = changed_quote(text, quote.span) else {
            continue;
        };
        tally.quotes += 1;
        let got = check(&rules, path, &mutated);
        let got = counted(&got);
        let exact = got.len() == 1
            && got[0].kind == FindingKind::Altered
            && got[0].rule.as_deref() == Some(quote.id.as_str());
        if exact {
            tally.quotes_caught += 1;
        } else {
            let summary: Vec<(String, Option<String>)> = got
                .iter()
                .map(|f| (f.kind.as_str().to_string(), f.rule.clone()))
                .collect();
            tally
                .failures
                .push(format!("{path}: quote {} gave {summary:?}", quote.id));
        }
    }
    tally
}

#[test]
fn every_data_sample_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut total = Tally::default();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("sample is UTF-8");
        total.add(round_trip(&path.display().to_string(), &text));
    }
    assert!(
        total.values > 0 && total.quotes > 0 && total.statements > 0,
        "{total:?}"
    );
    assert!(total.failures.is_empty(), "{:#?}", total.failures);
}

#[test]
fn the_reference_article_round_trips() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/la-sanctuary-city.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not present", path.display());
        return;
    };
    let tally = round_trip("la-sanctuary-city.txt", &text);
    assert!(tally.failures.is_empty(), "{:#?}", tally.failures);
    assert_eq!((tally.values, tally.quotes), (3, 8));
}

/// The round trip over every article of the corpus (train and dev), when present.
/// Prints its figures; run with
/// `cargo test --release --test extract_roundtrip -- --ignored --nocapture`.
#[test]
#[ignore = "measures the whole corpus (a minute in release); run it explicitly"]
fn corpus_round_trip_figures() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/polnear-train-dev.jsonl");
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not present", path.display());
        return;
    };
    let mut total = Tally::default();
    for line in corpus.lines() {
        let article: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let id = article["id"].as_str().unwrap_or("?").to_string();
        let text = article["text"].as_str().unwrap_or("");
        total.add(round_trip(&id, text));
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!(
        "corpus round trip: {} articles, {}/{} clean against their own rules ({:.1}%); \
         value changes caught exactly {}/{} ({:.1}%); quote changes caught exactly {}/{} ({:.1}%); \
         statements negated or renamed caught {}/{} ({:.1}%)",
        total.sources,
        total.clean,
        total.sources,
        pct(total.clean, total.sources),
        total.values_caught,
        total.values,
        pct(total.values_caught, total.values),
        total.quotes_caught,
        total.quotes,
        pct(total.quotes_caught, total.quotes),
        total.statements_caught,
        total.statements,
        pct(total.statements_caught, total.statements),
    );
    for failure in total.failures.iter().take(40) {
        println!("  {failure}");
    }
    assert_eq!(total.sources, 924);
}
