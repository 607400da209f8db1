//! Lints for weak rules (`factcheck rules check`): rules that load but are unlikely to
//! catch what they should — context made only of very common words, no context at all,
//! very short quotes, the same quote, claim or statement twice, people who never speak —
//! and contradictions inside the bank: the same quote credited to two people (an error),
//! two values for one claim, two titles for one person.
//!
//! Every check is one pass over the rules with hash maps keyed by normalised text
//! (quote words, a claim's kind and context, a statement's speaker and context, a
//! person's name), never a comparison of every pair: a bank of 100,000 entries is linted
//! in well under a second.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::{
    ClaimRule, ContextTerm, Person, QuoteRule, RulePosition, RuleSet, Severity, StatementRule,
};
use crate::extract::ValueKind;
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
    /// The same quote text (after normalisation) is credited to two different people:
    /// an error.
    ConflictingSpeakers,
    /// Two claims have the same context and kind of value but different values.
    ConflictingValues,
    /// Two people have the same name but different titles.
    ConflictingTitles,
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
            LintKind::ConflictingSpeakers => "conflicting-speakers",
            LintKind::ConflictingValues => "conflicting-values",
            LintKind::ConflictingTitles => "conflicting-titles",
        }
    }

    /// How much it matters: an error (`rules check` exits 2) for a quote credited to two
    /// people, a warning for everything else.
    pub fn severity(self) -> Severity {
        match self {
            LintKind::ConflictingSpeakers => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// Another entry a lint is about (the first occurrence of a duplicate, the other side
/// of a contradiction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintEntry {
    /// Its rule file.
    pub path: String,
    /// Where it starts in its file.
    pub position: RulePosition,
    /// Its ruleset id.
    pub ruleset: String,
    /// Its rule id, or the person's id.
    pub item: String,
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
    /// The other entry, for duplicates and contradictions.
    pub other: Option<LintEntry>,
}

/// The most common English words, for lookups.
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COMMON_WORDS.split_whitespace().collect());

/// Whether `word` (lower-case) is one of the most common English words.
fn is_common(word: &str) -> bool {
    COMMON.contains(word)
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

/// `` `ruleset/id` (path:line:col) ``: an entry as a contradiction names it.
fn full_name(ruleset: &RuleSet, id: &str, at: RulePosition) -> String {
    format!(
        "`{}/{id}` ({}:{}:{})",
        ruleset.id, ruleset.path, at.line, at.column
    )
}

/// A person's name or a title, compared: the comparison words of the text.
fn text_key(text: &str) -> Vec<String> {
    words_for_compare(text)
}

/// Earlier entries by normalised key: for each key, one `(ruleset, entry, what sets
/// it apart)` per distinct value, speaker or title.
type Seen<'r, K, E, D> = HashMap<K, Vec<(&'r RuleSet, E, D)>>;

/// Earlier statements by speaker name and context (the key of a duplicate), each with
/// its ruleset.
type StatementsSeen<'r> = HashMap<(String, Vec<Vec<String>>), (&'r RuleSet, &'r StatementRule)>;

/// Lints every ruleset; the problems come per ruleset, in file order within it, each
/// duplicate or contradiction reported at its second occurrence, naming the first.
pub fn lint(rulesets: &[RuleSet]) -> Vec<Lint> {
    let mut lints = Vec::new();
    // Earlier entries across rulesets, by normalised key, for the duplicate and
    // contradiction checks: one per distinct value, speaker or title.
    let mut claims_seen: Seen<(ValueKind, Vec<Vec<String>>), &ClaimRule, ()> = HashMap::new();
    let mut quotes_seen: Seen<Vec<String>, &QuoteRule, Vec<String>> = HashMap::new();
    let mut people_seen: Seen<Vec<String>, &Person, Vec<String>> = HashMap::new();
    // Earlier statements across rulesets, by speaker name and context.
    let mut statements_seen: StatementsSeen = HashMap::new();
    for ruleset in rulesets {
        let from = lints.len();
        let mut push = |kind, position, item: &str, message: String, other: Option<LintEntry>| {
            lints.push(Lint {
                kind,
                path: ruleset.path.clone(),
                position,
                ruleset: ruleset.id.clone(),
                item: item.to_string(),
                message,
                other,
            });
        };
        let entry = |there: &RuleSet, item: &str, position: RulePosition| {
            Some(LintEntry {
                path: there.path.clone(),
                position,
                ruleset: there.id.clone(),
                item: item.to_string(),
            })
        };

        let speakers: HashSet<usize> = ruleset
            .quotes
            .iter()
            .map(|q| q.speaker)
            .chain(ruleset.statements.iter().map(|s| s.speaker))
            .collect();
        for (i, person) in ruleset.people.iter().enumerate() {
            if !speakers.contains(&i) {
                push(
                    LintKind::UnusedPerson,
                    person.position,
                    &person.id,
                    format!(
                        "{} is never the speaker of a quote or statement; keep the entry only \
                         if drafts name them (named people help credit quotes)",
                        person.name
                    ),
                    None,
                );
            }
            let Some(title) = &person.title else {
                continue;
            };
            let title_key = text_key(title);
            let seen = people_seen.entry(text_key(&person.name)).or_default();
            if seen.iter().any(|(_, _, t)| *t == title_key) {
                continue;
            }
            if let Some((first_set, first, _)) = seen.first() {
                push(
                    LintKind::ConflictingTitles,
                    person.position,
                    &person.id,
                    format!(
                        "{} has the title `{title}` here but `{}` in {}; drafts name people \
                         by title (`{title} {}`), so one of them is out of date",
                        person.name,
                        first.title.as_deref().unwrap_or_default(),
                        elsewhere(ruleset, first_set, &first.id, first.position),
                        person.name
                    ),
                    entry(first_set, &first.id, first.position),
                );
            }
            seen.push((ruleset, person, title_key));
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
                    None,
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
                    None,
                );
            }
            let context = if claim.context.is_empty() {
                "none".to_string()
            } else {
                context_text(&claim.context)
            };
            let seen = claims_seen
                .entry((claim.kind, context_key(&claim.context)))
                .or_default();
            if let Some((first_set, first, _)) =
                seen.iter().find(|(_, c, _)| c.value == claim.value)
            {
                push(
                    LintKind::DuplicateClaim,
                    claim.position,
                    &claim.id,
                    format!(
                        "same claim (value `{}`, context {context}) as {}",
                        claim.expected,
                        elsewhere(ruleset, first_set, &first.id, first.position)
                    ),
                    entry(first_set, &first.id, first.position),
                );
                continue;
            }
            // Text claims are phrases that must appear: several may share a context.
            if claim.kind != ValueKind::Text && !claim.context.is_empty() {
                if let Some((first_set, first, _)) = seen.first() {
                    push(
                        LintKind::ConflictingValues,
                        claim.position,
                        &claim.id,
                        format!(
                            "{} `{}` here, but `{}` in {} with the same context ({context}): \
                             a sentence stating one is reported as an alteration of the \
                             other; correct one, or add a term that tells them apart",
                            claim.kind.noun(),
                            claim.expected,
                            first.expected,
                            elsewhere(ruleset, first_set, &first.id, first.position)
                        ),
                        entry(first_set, &first.id, first.position),
                    );
                }
            }
            seen.push((ruleset, claim, ()));
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
                    None,
                );
            }
            let speaker = ruleset.speaker_of(quote);
            let speaker_key = text_key(&speaker.name);
            let seen = quotes_seen.entry(words).or_default();
            if let Some((first_set, first, _)) = seen.iter().find(|(_, _, s)| *s != speaker_key) {
                let first_speaker = first_set.speaker_of(first);
                push(
                    LintKind::ConflictingSpeakers,
                    quote.position,
                    &quote.id,
                    format!(
                        "the same quote is credited to {} in {} and to {} in {}: a quote \
                         has one speaker; correct the speaker of one of them",
                        speaker.name,
                        full_name(ruleset, &quote.id, quote.position),
                        first_speaker.name,
                        full_name(first_set, &first.id, first.position)
                    ),
                    entry(first_set, &first.id, first.position),
                );
            } else if let Some((first_set, first, _)) = seen.first() {
                push(
                    LintKind::DuplicateQuote,
                    quote.position,
                    &quote.id,
                    format!(
                        "same quote text as {}",
                        elsewhere(ruleset, first_set, &first.id, first.position)
                    ),
                    entry(first_set, &first.id, first.position),
                );
            }
            if !seen.iter().any(|(_, _, s)| *s == speaker_key) {
                seen.push((ruleset, quote, speaker_key));
            }
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
                    None,
                );
            }
            let speaker = ruleset.people[statement.speaker].name.clone();
            let key = (speaker, context_key(&statement.context));
            if let Some((first_set, first)) = statements_seen.get(&key) {
                push(
                    LintKind::DuplicateStatement,
                    statement.position,
                    &statement.id,
                    format!(
                        "same speaker and context ({}) as {}: both locate the same sentences",
                        context_text(&statement.context),
                        elsewhere(ruleset, first_set, &first.id, first.position)
                    ),
                    entry(first_set, &first.id, first.position),
                );
            } else {
                statements_seen.insert(key, (ruleset, statement));
            }
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
                "the same quote credited to two people",
                "ruleset: x\npeople: [{ id: a, name: Ann Lee }, { id: b, name: Bo Day }]\nquotes:\n  - { id: q, speaker: a, text: one two three four }\n  - { id: r, speaker: b, text: \"One, two, three, four.\" }\n".to_string(),
                vec![(ConflictingSpeakers, "r", 5)],
            ),
            (
                "two values for one claim",
                format!(
                    "ruleset: x\nclaims:\n{}{}",
                    claim("c", "[vote, council]", "tally: 13-0"),
                    claim("d", "[Council, vote]", "tally: 12-1")
                ),
                vec![(ConflictingValues, "d", 7)],
            ),
            (
                "two phrases with one context are no contradiction",
                format!(
                    "ruleset: x\nclaims:\n{}{}",
                    claim("c", "[status]", "text: sanctuary city"),
                    claim("d", "[status]", "text: welcoming city")
                ),
                vec![],
            ),
            (
                "two titles for one person (a person without one conflicts with none)",
                "ruleset: x\npeople:\n  - { id: a, name: Ann Lee, title: Mayor }\n  - { id: b, name: ann lee }\n  - { id: c, name: Ann Lee, title: Councilmember }\n  - { id: d, name: Ann  Lee, title: mayor }\nquotes:\n  - { id: q, speaker: a, text: one two three four }\n  - { id: r, speaker: b, text: five six seven eight }\n  - { id: s, speaker: c, text: nine ten eleven twelve }\n  - { id: t, speaker: d, text: a b c d }\n".to_string(),
                vec![(ConflictingTitles, "c", 5)],
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

    /// A quote credited to two people in two files: an error at the second, naming both
    /// entries with where they are.
    #[test]
    fn conflicting_speakers_name_both_entries() {
        let a = "ruleset: a\npeople: [{ id: p, name: Ann Lee }]\nquotes:\n  - id: q\n    speaker: p\n    text: We will not back down\n";
        let b = "ruleset: b\npeople: [{ id: p, name: Bo Day }]\nquotes:\n  - id: q2\n    speaker: p\n    text: we will NOT back down.\n";
        let rulesets = [
            load_rule_file("a.yaml", a).expect("a"),
            load_rule_file("b.yaml", b).expect("b"),
        ];
        let lints = lint(&rulesets);
        assert_eq!(lints.len(), 1, "{lints:?}");
        let l = &lints[0];
        assert_eq!(l.kind, LintKind::ConflictingSpeakers);
        assert_eq!(l.kind.severity(), Severity::Error);
        assert_eq!((l.path.as_str(), l.position.line), ("b.yaml", 4));
        assert_eq!(
            l.message,
            "the same quote is credited to Bo Day in `b/q2` (b.yaml:4:9) and to Ann Lee in \
             `a/q` (a.yaml:4:9): a quote has one speaker; correct the speaker of one of them"
        );
        let other = l.other.as_ref().expect("the other entry");
        assert_eq!(
            (
                other.ruleset.as_str(),
                other.item.as_str(),
                other.path.as_str()
            ),
            ("a", "q", "a.yaml")
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
