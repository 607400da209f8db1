//! Lints for weak rules (`factcheck rules check`): rules that load but are unlikely to
//! catch what they should — context made only of very common words, no context at all,
//! very short quotes, the same quote, claim or statement twice, people who never speak.

use super::{ClaimRule, ContextTerm, RulePosition, RuleSet, StatementRule};
use crate::text::words_for_compare;

/// Quotes with fewer words than this are weak.
const MIN_QUOTE_WORDS: usize = 4;

/// About 350 of the most common English words (function words and the commonest verbs,
/// nouns and adjectives), lower-case, sorted. A context term made only of these locates
/// far too many sentences.
const COMMON_WORDS: &str = "
a able about above across actually add after again against ago all almost along
already also although always am among an and another any anyone anything are around
as ask asked at away back be became because become been before began begin being
believe best better between big both bring build but by call called came can case
change child children city come comes could country day days did different do does
doing done down during each early either else end enough even ever every everyone
everything eye face fact family far feel felt few find first for found four friend
from full general get gets getting give given go goes going gone good got
government great group had hand hard has have having he head hear help her here
high him himself his home hour house how however i if important in into is it its
itself just keep kind know large last late later lead least leave left less let
life like likely line little live long look looked looking lose lot love made make
man many may maybe me means meet men might mind moment money month more morning
most move much must my myself name near need never new next night no none nor not
nothing now number of off often old on once one only open or order other others our
out over own part per perhaps place play point possible power problem public put
question quite rather read really reason right run said same say says school second
see seem seen set several she should show side since small so some someone
something sometimes soon start state still story study such sure system take tell
than that the their them themselves then there these they thing things this those
though thought three through time to today together told too top try turn two under
until up us use used very want was way we week well went were what when where
whether which while who whole whose why will with within without woman women word
work world would year years yes yet you young your
";

/// What is weak about a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintKind {
    /// Every context term of a claim or statement is a very common word.
    CommonContext,
    /// A claim has no context terms.
    NoContext,
    /// A quote has fewer than four words.
    ShortQuote,
    /// Two quote rules have the same words.
    DuplicateQuote,
    /// Two claims have the same kind, value and context.
    DuplicateClaim,
    /// A person is never the speaker of a quote or statement.
    UnusedPerson,
    /// Two statement rules have the same speaker and context.
    DuplicateStatement,
}

impl LintKind {
    /// The kebab-case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            LintKind::CommonContext => "common-context",
            LintKind::NoContext => "no-context",
            LintKind::ShortQuote => "short-quote",
            LintKind::DuplicateQuote => "duplicate-quote",
            LintKind::DuplicateClaim => "duplicate-claim",
            LintKind::UnusedPerson => "unused-person",
            LintKind::DuplicateStatement => "duplicate-statement",
        }
    }
}

/// A warning about a rule (or a person) that loads but is weak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// What is weak.
    pub kind: LintKind,
    /// The rule file.
    pub path: String,
    /// Where the rule (or person) starts in its file.
    pub position: RulePosition,
    /// The ruleset id.
    pub ruleset: String,
    /// The rule id, or the person's id for [`LintKind::UnusedPerson`].
    pub item: String,
    /// What is weak and what to do about it.
    pub message: String,
}

/// Whether `word` (lower-case) is one of the most common English words.
fn is_common(word: &str) -> bool {
    COMMON_WORDS.split_whitespace().any(|w| w == word)
}

/// The words of a context alternative, lower-case, without possessive endings.
fn words_of(alternative: &str) -> Vec<String> {
    alternative
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .map_or(w.clone(), str::to_string)
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A context term is weak when one of its alternatives is made only of common words:
/// that alternative alone locates the term.
fn is_weak_term(term: &ContextTerm) -> bool {
    term.alternatives.iter().any(|alt| {
        let words = words_of(alt);
        !words.is_empty() && words.iter().all(|w| is_common(w))
    })
}

/// A context in a canonical form: each term's alternatives lower-cased and sorted, the
/// terms sorted.
fn context_key(context: &[ContextTerm]) -> Vec<Vec<String>> {
    let mut terms: Vec<Vec<String>> = context
        .iter()
        .map(|t| {
            let mut alts: Vec<String> = t
                .alternatives
                .iter()
                .map(|a| {
                    a.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                })
                .collect();
            alts.sort();
            alts.dedup();
            alts
        })
        .collect();
    terms.sort();
    terms.dedup();
    terms
}

/// A context as written in a message: `` `vote`, `police|LAPD` ``.
fn context_text(context: &[ContextTerm]) -> String {
    context
        .iter()
        .map(|t| format!("`{}`", t.alternatives.join("|")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where another rule is, as a message names it: `` `rule` at line 12 `` in the same
/// file, `` `ruleset/rule` at path:12:9 `` elsewhere.
fn elsewhere(here: &RuleSet, there: &RuleSet, id: &str, at: RulePosition) -> String {
    if here.path == there.path && here.id == there.id {
        format!("`{id}` at line {}", at.line)
    } else {
        format!(
            "`{}/{id}` at {}:{}:{}",
            there.id, there.path, at.line, at.column
        )
    }
}

/// Lints every ruleset; the warnings come per ruleset, in file order within it, each
/// duplicate reported at its second occurrence.
pub fn lint(rulesets: &[RuleSet]) -> Vec<Lint> {
    let mut lints = Vec::new();
    // Earlier claims and quotes, across rulesets, for the duplicate checks.
    let mut claims_seen: Vec<(&RuleSet, &ClaimRule, Vec<Vec<String>>)> = Vec::new();
    let mut quotes_seen: Vec<(&RuleSet, &super::QuoteRule, Vec<String>)> = Vec::new();
    let mut statements_seen: Vec<(&RuleSet, &StatementRule, Vec<Vec<String>>)> = Vec::new();
    for ruleset in rulesets {
        let from = lints.len();
        let mut push = |kind, position, item: &str, message: String| {
            lints.push(Lint {
                kind,
                path: ruleset.path.clone(),
                position,
                ruleset: ruleset.id.clone(),
                item: item.to_string(),
                message,
            });
        };

        for (i, person) in ruleset.people.iter().enumerate() {
            let speaks = ruleset.quotes.iter().any(|q| q.speaker == i)
                || ruleset.statements.iter().any(|s| s.speaker == i);
            if !speaks {
                push(
                    LintKind::UnusedPerson,
                    person.position,
                    &person.id,
                    format!(
                        "{} is never the speaker of a quote or statement; keep the entry only \
                         if drafts name them (named people help credit quotes)",
                        person.name
                    ),
                );
            }
        }

        for claim in &ruleset.claims {
            if claim.context.is_empty() {
                push(
                    LintKind::NoContext,
                    claim.position,
                    &claim.id,
                    "claim has no context: without context a different value is never \
                     reported; add terms that locate the sentence stating it"
                        .to_string(),
                );
            } else if claim.context.iter().all(is_weak_term) {
                push(
                    LintKind::CommonContext,
                    claim.position,
                    &claim.id,
                    format!(
                        "every context term is a very common word ({}): they locate \
                         unrelated sentences, whose values are reported as altered; add a \
                         term specific to the claim",
                        context_text(&claim.context)
                    ),
                );
            }
            let key = context_key(&claim.context);
            if let Some((first_set, first, _)) = claims_seen
                .iter()
                .find(|(_, c, k)| c.kind == claim.kind && c.value == claim.value && *k == key)
            {
                push(
                    LintKind::DuplicateClaim,
                    claim.position,
                    &claim.id,
                    format!(
                        "same claim (value `{}`, context {}) as {}",
                        claim.expected,
                        if claim.context.is_empty() {
                            "none".to_string()
                        } else {
                            context_text(&claim.context)
                        },
                        elsewhere(ruleset, first_set, &first.id, first.position)
                    ),
                );
            }
            claims_seen.push((ruleset, claim, key));
        }

        for quote in &ruleset.quotes {
            let words = words_for_compare(&quote.text);
            if words.len() < MIN_QUOTE_WORDS {
                let n = words.len();
                push(
                    LintKind::ShortQuote,
                    quote.position,
                    &quote.id,
                    format!(
                        "quote has only {n} word{}: a quote under four words is found in \
                         text that merely uses the words, and a change to it is hard to \
                         report; quote more of the sentence",
                        if n == 1 { "" } else { "s" }
                    ),
                );
            }
            if let Some((first_set, first, _)) = quotes_seen.iter().find(|(_, _, w)| *w == words) {
                push(
                    LintKind::DuplicateQuote,
                    quote.position,
                    &quote.id,
                    format!(
                        "same quote text as {}",
                        elsewhere(ruleset, first_set, &first.id, first.position)
                    ),
                );
            }
            quotes_seen.push((ruleset, quote, words));
        }

        for statement in &ruleset.statements {
            if statement.context.iter().all(is_weak_term) {
                push(
                    LintKind::CommonContext,
                    statement.position,
                    &statement.id,
                    format!(
                        "every context term is a very common word ({}): they locate \
                         unrelated sentences, which are then reported as unattributed or \
                         misattributed; add a term specific to the statement",
                        context_text(&statement.context)
                    ),
                );
            }
            let key = context_key(&statement.context);
            let speaker = &ruleset.people[statement.speaker].name;
            if let Some((first_set, first, _)) = statements_seen.iter().find(|(set, s, k)| {
                *k == key && set.people.get(s.speaker).map(|p| &p.name) == Some(speaker)
            }) {
                push(
                    LintKind::DuplicateStatement,
                    statement.position,
                    &statement.id,
                    format!(
                        "same speaker and context ({}) as {}: both locate the same sentences",
                        context_text(&statement.context),
                        elsewhere(ruleset, first_set, &first.id, first.position)
                    ),
                );
            }
            statements_seen.push((ruleset, statement, key));
        }
        lints[from..].sort_by_key(|l| (l.position.line, l.position.column));
    }
    lints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_rule_file;

    /// `(kind, item, line)` of every lint of the given rule files.
    fn lints_of(files: &[(&str, &str)]) -> Vec<(LintKind, String, usize)> {
        let rulesets: Vec<RuleSet> = files
            .iter()
            .map(|(path, yaml)| load_rule_file(path, yaml).expect("loads"))
            .collect();
        lint(&rulesets)
            .into_iter()
            .map(|l| (l.kind, l.item, l.position.line))
            .collect()
    }

    /// `(kind, item, line)` of each expected lint.
    type Expected = Vec<(LintKind, &'static str, usize)>;

    const PERSON: &str = "people: [{ id: a, name: Ann Lee }]\n";

    #[test]
    fn lints_by_case() {
        use LintKind::*;
        let claim = |id: &str, context: &str, value: &str| {
            format!(
                "  - id: {id}\n    statement: s\n    context: {context}\n    value: {{ {value} }}\n"
            )
        };
        let quote =
            |id: &str, text: &str| format!("  - id: {id}\n    speaker: a\n    text: \"{text}\"\n");
        let cases: Vec<(&str, String, Expected)> = vec![
            (
                "a specific context term is fine",
                format!("ruleset: x\nclaims:\n{}", claim("c", "[vote]", "tally: 13-0")),
                vec![],
            ),
            (
                "every term common",
                format!("ruleset: x\nclaims:\n{}", claim("c", "[year, said]", "year: 1979")),
                vec![(CommonContext, "c", 3)],
            ),
            (
                "a common phrase is common; case and possessives do not matter",
                format!("ruleset: x\nclaims:\n{}", claim("c", "[\"The City's\"]", "year: 1979")),
                vec![(CommonContext, "c", 3)],
            ),
            (
                "one specific term is enough",
                format!("ruleset: x\nclaims:\n{}", claim("c", "[year, sanctuary]", "year: 1979")),
                vec![],
            ),
            (
                "a phrase with one specific word is specific",
                format!("ruleset: x\nclaims:\n{}", claim("c", "[\"sanctuary state\"]", "year: 2017")),
                vec![],
            ),
            (
                "a term is as weak as its weakest alternative",
                format!("ruleset: x\nclaims:\n{}", claim("c", "[\"police|city\"]", "year: 1979")),
                vec![(CommonContext, "c", 3)],
            ),
            (
                "no context",
                format!("ruleset: x\nclaims:\n{}", claim("c", "[]", "year: 1979")),
                vec![(NoContext, "c", 3)],
            ),
            (
                "the same claim twice, context in another order and case",
                format!(
                    "ruleset: x\nclaims:\n{}{}",
                    claim("c", "[vote, council]", "tally: 13-0"),
                    claim("d", "[Council, vote]", "tally: thirteen to zero")
                ),
                vec![(DuplicateClaim, "d", 7)],
            ),
            (
                "same value, different context",
                format!(
                    "ruleset: x\nclaims:\n{}{}",
                    claim("c", "[vote]", "tally: 13-0"),
                    claim("d", "[ballot]", "tally: 13-0")
                ),
                vec![],
            ),
            (
                "same context, different kind",
                format!(
                    "ruleset: x\nclaims:\n{}{}",
                    claim("c", "[founded]", "year: 1979"),
                    claim("d", "[founded]", "number: 1979")
                ),
                vec![],
            ),
            (
                "a short quote",
                format!("ruleset: x\n{PERSON}quotes:\n{}", quote("q", "Not today, friend")),
                vec![(ShortQuote, "q", 4)],
            ),
            (
                "four words is enough",
                format!("ruleset: x\n{PERSON}quotes:\n{}", quote("q", "We are hardening defenses")),
                vec![],
            ),
            (
                "the same quote twice, folded",
                format!(
                    "ruleset: x\n{PERSON}quotes:\n{}{}",
                    quote("q", "We’re going to win this"),
                    quote("r", "we're going to  WIN this")
                ),
                vec![(DuplicateQuote, "r", 7)],
            ),
            (
                "a statement whose terms are all common",
                format!("ruleset: x\n{PERSON}statements:\n  - id: s\n    speaker: a\n    statement: It will pass.\n    context: [city, said]\n"),
                vec![(CommonContext, "s", 4)],
            ),
            (
                "a statement with a specific term; its speaker is used",
                format!("ruleset: x\n{PERSON}statements:\n  - id: s\n    speaker: a\n    statement: It will pass.\n    context: [city, budget]\n"),
                vec![],
            ),
            (
                "the same statement twice, context in another order",
                format!("ruleset: x\n{PERSON}statements:\n  - id: s\n    speaker: a\n    statement: It will pass.\n    context: [city, budget]\n  - id: t\n    speaker: Ann Lee\n    statement: It passes.\n    context: [Budget, city]\n"),
                vec![(DuplicateStatement, "t", 8)],
            ),
            (
                "a person who never speaks",
                "ruleset: x\npeople:\n  - name: Ann Lee\n  - name: Bo Day\nquotes:\n  - id: q\n    speaker: ann-lee\n    text: one two three four\n".to_string(),
                vec![(UnusedPerson, "bo-day", 4)],
            ),
        ];
        for (name, yaml, expected) in cases {
            let expected: Vec<(LintKind, String, usize)> = expected
                .into_iter()
                .map(|(k, item, line)| (k, item.to_string(), line))
                .collect();
            assert_eq!(lints_of(&[("x.yaml", &yaml)]), expected, "{name}\n{yaml}");
        }
    }

    #[test]
    fn duplicates_across_rulesets_name_the_first() {
        let a = format!("ruleset: a\n{PERSON}quotes:\n  - id: q\n    speaker: a\n    text: one two three four\nclaims:\n  - id: c\n    statement: s\n    context: [vote]\n    value: {{ tally: 13-0 }}\n");
        let b = format!("ruleset: b\n{PERSON}claims:\n  - id: c2\n    statement: s\n    context: [vote]\n    value: {{ tally: 13-0 }}\nquotes:\n  - id: q2\n    speaker: a\n    text: One, two, three, four.\n");
        let rulesets = [
            load_rule_file("a.yaml", &a).expect("a"),
            load_rule_file("b.yaml", &b).expect("b"),
        ];
        let messages: Vec<String> = lint(&rulesets)
            .iter()
            .map(|l| {
                format!(
                    "{}:{}:{}: {}: {}",
                    l.path, l.position.line, l.position.column, l.item, l.message
                )
            })
            .collect();
        assert_eq!(
            messages,
            [
                "b.yaml:4:9: c2: same claim (value `13-0`, context `vote`) as `a/c` at a.yaml:8:9",
                "b.yaml:9:9: q2: same quote text as `a/q` at a.yaml:4:9",
            ]
        );
    }

    #[test]
    fn common_words_are_lower_case_sorted_and_unique() {
        let words: Vec<&str> = COMMON_WORDS.split_whitespace().collect();
        assert!((300..=400).contains(&words.len()), "{}", words.len());
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert!(words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
        for word in ["the", "said", "year", "city", "state"] {
            assert!(is_common(word), "{word}");
        }
        for word in ["vote", "sanctuary", "police", "immigration", "california"] {
            assert!(!is_common(word), "{word}");
        }
    }
}
