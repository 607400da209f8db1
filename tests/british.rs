//! British-style drafts: single quote marks as the primary quotes, double marks nested
//! inside them, split quotes, and apostrophes of every kind (town’s, don’t, ’90s, rock ’n’
//! roll, the Joneses’, o’clock, Hawke’s Bay, ’tis), in curly and straight marks. The
//! council story and its ruleset are in `tests/fixtures/british/` (written for these
//! tests). Each finding kind shows on its own draft, with both engines.

use std::path::{Path, PathBuf};

use factcheck::check::{known_people, CheckOptions, Checker, Engine};
use factcheck::extract::find_quotes_with_people;
use factcheck::rules::{load_rules, RuleSet};
use factcheck::text::SourceFile;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/british")
        .join(path)
}

fn rules() -> Vec<RuleSet> {
    load_rules(&[fixture("rules")]).expect("the British fixture's rules load")
}

fn draft(name: &str) -> SourceFile {
    let path = fixture(&format!("drafts/{name}"));
    let text = std::fs::read_to_string(&path).expect("the draft reads");
    SourceFile::new(name, text)
}

#[test]
fn each_finding_kind_on_british_drafts() {
    let rules = rules();
    let table: &[(&str, &[&str])] = &[
        ("clean.txt", &[]),
        ("clean-straight.txt", &[]),
        (
            "altered.txt",
            &["altered council-vote", "altered osei-every-child"],
        ),
        (
            "misattributed.txt",
            &["misattributed pryce-gamble", "misattributed pryce-slogans"],
        ),
        ("unattributed.txt", &["unattributed marsh-posters"]),
        (
            "missing.txt",
            &["missing pryce-slogans", "missing scheme-cost"],
        ),
        ("unverified.txt", &["unverified -"]),
    ];
    for engine in [Engine::Indexed, Engine::Straightforward] {
        let checker = Checker::with_engine(&rules, CheckOptions::default(), engine);
        for (name, want) in table {
            let mut got: Vec<String> = checker
                .check(&draft(name))
                .iter()
                .map(|f| format!("{} {}", f.kind.as_str(), f.rule.as_deref().unwrap_or("-")))
                .collect();
            got.sort();
            assert_eq!(&got, want, "{name} ({engine:?})");
        }
    }
}

/// The quote sheet of the clean draft, curly and straight: a split quote is one quote
/// in two segments, the nested double quote stays inside, no apostrophe opens or closes
/// a quote, and each quote has its speaker.
#[test]
fn british_quote_sheet() {
    let people = known_people(&rules());
    let want: &[(&[&str], &str)] = &[
        (
            &[
                "Every child deserves to walk to school without fear,",
                "The town’s parents have said so since the ’90s, and we don’t intend to keep them waiting.",
            ],
            "Ama Osei",
        ),
        (&["This is a £1.4 million gamble with drivers’ money,"], "Gareth Pryce"),
        (
            &["Nobody in Hawke’s Bay Road asked for it. ’Tis the season for slogans, not sense."],
            "Gareth Pryce",
        ),
        (
            &["When a car hits a child at 20mph, the child usually lives. That is why our posters say “Twenty is plenty”."],
            "Helen Marsh",
        ),
    ];
    for name in ["clean.txt", "clean-straight.txt"] {
        let source = draft(name);
        let quotes = find_quotes_with_people(&source.text, &people);
        let got: Vec<(Vec<String>, String)> = quotes
            .iter()
            .map(|q| {
                let segments = q
                    .segments
                    .iter()
                    .map(|s| source.text[s.range()].to_string())
                    .collect();
                let speaker = q.speaker.as_ref().map_or("-", |s| s.name.as_str());
                (segments, speaker.to_string())
            })
            .collect();
        let straight = |s: &str| {
            if name == "clean.txt" {
                s.to_string()
            } else {
                s.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
            }
        };
        let want: Vec<(Vec<String>, String)> = want
            .iter()
            .map(|(segments, speaker)| {
                (
                    segments.iter().map(|s| straight(s)).collect(),
                    speaker.to_string(),
                )
            })
            .collect();
        assert_eq!(got, want, "{name}");
    }
}
