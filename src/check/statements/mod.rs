//! Statement checking: reported speech (`X said that …`) against the statement rules.
//!
//! A statement is located as a claim is, by the sentences holding all of its context
//! terms. In each located sentence the stretch holding the terms is credited to
//! someone, or to no one ([`credits`]): the reported speech around it (`X said …`,
//! `according to X, …`, `He added …`), or the direct quote it lies in; otherwise the
//! sentence is the draft's own assertion. Then:
//!
//! - credited to the rule's speaker with the same number of negations
//!   ([`polarity::negations`]) as the statement → satisfied;
//! - credited to the speaker, but a negation in one and not the other → **altered**;
//! - credited only to someone else → **misattributed**;
//! - credited to no one, or to an unnamed source → **unattributed** (a warning);
//! - required and located nowhere → **missing**.
//!
//! A sentence that reverses the statement is reported even when another sentence
//! reports it rightly (a draft must not contradict itself); otherwise one rightly
//! credited sentence is enough.

mod credits;
mod polarity;

pub(super) use credits::Credit;
pub(crate) use polarity::negations;

use regex::Regex;

use super::claims::ClaimPatterns;
use super::fix::speaker::speaker_fix;
use super::fix::Fix;
use super::quotes::{credited_to, preview, Credited, Draft};
use super::{Finding, FindingKind};
use crate::extract::{
    is_personal_pronoun, is_reporting_word, is_verb_of_saying, PeopleIndex, NOT_SOURCE_NAMES,
};
use crate::rules::{Person, RuleSet, Severity, StatementRule};
use crate::text::{words_for_compare, SourceFile, Span};

/// Checks every statement of a ruleset against the draft (the straightforward way);
/// `patterns` holds each statement's compiled context terms, in order.
pub(super) fn check_statements(
    source: &SourceFile,
    draft: &Draft,
    people: &PeopleIndex,
    ruleset: &RuleSet,
    patterns: &[ClaimPatterns],
) -> Vec<Finding> {
    ruleset
        .statements
        .iter()
        .zip(patterns)
        .flat_map(|(rule, patterns)| {
            let located = super::claims::locate(draft, patterns);
            judge_statement(
                source,
                draft,
                people,
                ruleset,
                rule,
                &located,
                Some(patterns),
            )
        })
        .collect()
}

/// What a located sentence makes of a statement.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    /// Credited to the speaker, with the statement's polarity.
    Satisfied,
    /// Credited to the speaker, with a negation in one and not the other: the draft's
    /// stretch (original bytes) and its text.
    Reversed { span: Span, found: String },
    /// Credited to someone else: where the draft names them, their name, how the
    /// message names them, and the speaker's name written in their place (as for a
    /// misattributed quote; unsafe).
    Misattributed {
        span: Span,
        name: String,
        credited: String,
        fix: Option<Fix>,
    },
    /// Credited to no one: where, and why.
    Unattributed { span: Span, why: Unattributed },
}

/// Why a located sentence credits a statement to no one.
#[derive(Debug, Clone, PartialEq)]
enum Unattributed {
    /// The draft states it as its own assertion.
    OwnAssertion,
    /// It is inside a direct quote with no speaker.
    QuoteWithoutSpeaker,
    /// It is credited to an unnamed source (the mention).
    UnnamedSource(String),
}

/// The findings of one statement, given the sentences that locate it (normalised spans,
/// in document order) and, when the caller has them, its compiled context terms (they
/// are compiled here otherwise: only for a located statement). Both checking paths
/// decide through here.
pub(super) fn judge_statement(
    source: &SourceFile,
    draft: &Draft,
    people: &PeopleIndex,
    ruleset: &RuleSet,
    rule: &StatementRule,
    located: &[Span],
    patterns: Option<&ClaimPatterns>,
) -> Vec<Finding> {
    let person = ruleset.speaker_of_statement(rule);
    let finding = |kind, severity, message, expected: Option<String>, found, span| Finding {
        kind,
        severity,
        ruleset: Some(ruleset.id.clone()),
        rule: Some(rule.id.clone()),
        message,
        expected,
        found,
        span,
        fix: None,
    };
    if located.is_empty() {
        if !rule.required {
            return Vec::new();
        }
        return vec![finding(
            FindingKind::Missing,
            rule.severity,
            format!(
                "verified statement by {} not found: {}",
                person.name,
                preview(&rule.statement, 16)
            ),
            Some(rule.statement.clone()),
            None,
            None,
        )];
    }
    let compiled;
    let patterns = match patterns {
        Some(p) => p,
        None => {
            compiled = ClaimPatterns::from_context(&rule.context);
            &compiled
        }
    };
    let credits = credits::of_draft(source, draft, people);
    let verdicts: Vec<Verdict> = located
        .iter()
        .map(|&sentence| {
            let terms = term_stretch(draft, sentence, patterns.context());
            judge_sentence(
                source,
                draft,
                credits,
                &ruleset.people,
                person,
                rule,
                sentence,
                terms,
            )
        })
        .collect();
    let reversed: Vec<&Verdict> = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::Reversed { .. }))
        .collect();
    let wrong: Vec<&Verdict> = if !reversed.is_empty() {
        reversed
    } else if verdicts.contains(&Verdict::Satisfied) {
        Vec::new()
    } else {
        verdicts.iter().collect()
    };
    wrong
        .into_iter()
        .filter_map(|verdict| match verdict {
            Verdict::Satisfied => None,
            Verdict::Reversed { span, found } => Some(finding(
                FindingKind::Altered,
                rule.severity,
                format!(
                    "statement by {} is reversed: the draft reports “{}”, but {} said: “{}”",
                    person.name,
                    preview(found, 24),
                    person.name,
                    preview(&rule.statement, 24)
                ),
                Some(rule.statement.clone()),
                Some(found.clone()),
                Some(*span),
            )),
            Verdict::Misattributed {
                span,
                name,
                credited,
                fix,
            } => Some(Finding {
                fix: fix.clone(),
                ..finding(
                    FindingKind::Misattributed,
                    rule.severity,
                    format!(
                        "statement credited to {credited}, but verified as said by {}: {}",
                        person.name,
                        preview(&rule.statement, 16)
                    ),
                    Some(person.name.clone()),
                    Some(name.clone()),
                    Some(*span),
                )
            }),
            Verdict::Unattributed { span, why } => {
                let (message, found) = match why {
                    Unattributed::OwnAssertion => (
                        format!(
                            "statement by {} is stated as the draft's own assertion, credited \
                             to no one: {}",
                            person.name,
                            preview(&rule.statement, 16)
                        ),
                        None,
                    ),
                    Unattributed::QuoteWithoutSpeaker => (
                        format!(
                            "statement by {} is in a quote with no speaker: {}",
                            person.name,
                            preview(&rule.statement, 16)
                        ),
                        None,
                    ),
                    Unattributed::UnnamedSource(mention) => (
                        format!(
                            "statement by {} is credited only to an unnamed source (“{mention}”)",
                            person.name
                        ),
                        Some(mention.clone()),
                    ),
                };
                Some(finding(
                    FindingKind::Unattributed,
                    rule.severity.min(Severity::Warning),
                    message,
                    Some(person.name.clone()),
                    found,
                    Some(*span),
                ))
            }
        })
        .collect()
}

/// Most matches of one term looked at when choosing where the terms are together.
const MAX_MATCHES_PER_TERM: usize = 8;

/// Where the context terms are in a located sentence (original bytes): the shortest
/// stretch holding a match of every term (a term that occurs twice counts where it is
/// closest to the others). The whole sentence when no match is found (never, for a
/// located sentence).
fn term_stretch(draft: &Draft, sentence: Span, terms: &[Regex]) -> Span {
    let text = &draft.normalized.text[sentence.range()];
    let matches: Vec<Vec<Span>> = terms
        .iter()
        .map(|term| {
            term.find_iter(text)
                .take(MAX_MATCHES_PER_TERM)
                .map(|m| {
                    let found = &text[m.range()];
                    // The pattern takes a non-word character on either side of the term.
                    let lead = found.len()
                        - found
                            .trim_start_matches(|c: char| !c.is_alphanumeric())
                            .len();
                    let kept = found.trim_matches(|c: char| !c.is_alphanumeric());
                    let start = sentence.start + m.start() + lead;
                    Span::new(start, start + kept.len())
                })
                .collect()
        })
        .filter(|m: &Vec<Span>| !m.is_empty())
        .collect();
    // Every combination of one match per term (at most 8 per term, a few terms).
    let mut best: Option<Span> = None;
    let mut choice = vec![0usize; matches.len()];
    loop {
        let mut window: Option<Span> = None;
        for (term, &i) in matches.iter().zip(&choice) {
            window = Some(window.map_or(term[i], |w| w.cover(term[i])));
        }
        if let Some(w) = window {
            if best.is_none_or(|b| w.len() < b.len()) {
                best = Some(w);
            }
        }
        // The next combination, odometer-wise.
        let mut k = 0;
        while k < choice.len() {
            choice[k] += 1;
            if choice[k] < matches[k].len() {
                break;
            }
            choice[k] = 0;
            k += 1;
        }
        if k == choice.len() {
            break;
        }
    }
    draft.normalized.to_original(best.unwrap_or(sentence))
}

/// The verdict of one located sentence (`sentence`, normalised; `terms`, the stretch of
/// its context terms in original bytes).
#[allow(clippy::too_many_arguments)]
fn judge_sentence(
    source: &SourceFile,
    draft: &Draft,
    credits: &[Credit],
    people: &[Person],
    person: &Person,
    rule: &StatementRule,
    sentence: Span,
    terms: Span,
) -> Verdict {
    let sentence = draft.normalized.to_original(sentence);
    // What is credited covering part of the terms' stretch, most of it first; else what
    // the sentence credits anywhere in it (a reporting clause whose content the
    // extractor cut short of the terms).
    let mut covering: Vec<(usize, &Credit)> = credits
        .iter()
        .filter_map(|c| {
            let shared = overlap(c.content, terms);
            (shared > 0 || c.content.contains(terms)).then_some((shared, c))
        })
        .collect();
    if covering.is_empty() {
        covering = credits
            .iter()
            .filter(|c| {
                overlap(c.content, sentence) > 0
                    || c.speaker
                        .as_ref()
                        .is_some_and(|s| sentence.contains(s.mention) && !s.mention.is_empty())
            })
            .map(|c| (0, c))
            .collect();
    }
    // A reporting clause that is part of the statement's own words (`… that Roe called
    // Lee on Friday`) credits nothing of it.
    let stated = verbatim_stretch(&source.text, draft, rule, sentence);
    if let Some(stated) = stated {
        covering.retain(|(_, c)| {
            c.quoted
                || !(c.cue_span.is_some_and(|cue| stated.contains(cue))
                    && c.speaker
                        .as_ref()
                        .is_none_or(|s| stated.contains(s.mention)))
        });
    }
    // A pronoun's clause inside another clause's content (`Roe told CNN that he believes
    // …`) is the outer source's: the outer clause decides.
    let outer: Vec<Span> = covering
        .iter()
        .filter(|(_, o)| !o.quoted)
        .map(|(_, o)| o.content)
        .collect();
    covering.retain(|(_, c)| {
        let nested = !c.quoted
            && c.speaker.as_ref().is_some_and(|s| {
                s.inferred && is_personal_pronoun(&source.text[s.mention.range()].to_lowercase())
            })
            && c.cue_span
                .is_some_and(|cue| outer.iter().any(|&o| o != c.content && o.contains(cue)));
        !nested
    });
    covering.sort_by_key(|(shared, c)| (std::cmp::Reverse(*shared), c.content.start));
    // The speaker's own credit decides, if there is one.
    let verdicts: Vec<(Option<Credited>, &Credit)> = covering
        .iter()
        .map(|(_, c)| {
            let credited = c
                .speaker
                .as_ref()
                .map(|speaker| credited_to(source, draft, person, speaker, terms.start));
            (credited, *c)
        })
        .collect();
    let credited_speaker = verdicts
        .iter()
        .find(|(v, _)| *v == Some(Credited::Speaker))
        .map(|(_, c)| *c);
    // What the clause readers report in the sentence: a name in it is no reporter.
    let reported: Vec<Span> = covering
        .iter()
        .filter(|(shared, c)| *shared > 0 && !c.quoted)
        .map(|(_, c)| c.content)
        .collect();
    // Else a sentence that names the speaker beside a reporting word, outside what it
    // reports (`Sen. Jane Roe, R-Ore., appearing on TV, said …` when the clause reader
    // took the wrong name or found no clause) — unless a direct quote holding the terms
    // is someone else's.
    let quoted_elsewhere = verdicts
        .iter()
        .any(|(v, c)| c.quoted && matches!(v, Some(Credited::Other { .. })));
    let named_credit = (credited_speaker.is_none() && !quoted_elsewhere)
        .then(|| named_reporter(&source.text, draft, person, sentence, terms, &reported))
        .flatten()
        .map(|cue| Credit {
            content: covering.first().map_or(terms, |(_, c)| c.content),
            speaker: None,
            cue: Some(source.text[cue.range()].to_string()),
            cue_span: Some(cue),
            quoted: false,
        });
    let speaker_credit = credited_speaker.or(named_credit.as_ref());
    // Someone else named beside a verb of saying, when no clause reader credits anyone.
    let someone_else = || {
        let name = trim_name(
            &source.text,
            other_reporter(&source.text, draft, sentence, terms, &reported)?,
        );
        let written = source.text[name.range()].to_string();
        let speaker = crate::extract::Speaker {
            name: written.clone(),
            mention: name,
            inferred: false,
        };
        Some(Verdict::Misattributed {
            span: name,
            name: written.clone(),
            credited: written,
            fix: speaker_fix(&source.text, &speaker, None, person),
        })
    };
    if speaker_credit.is_none() && covering.is_empty() {
        return someone_else().unwrap_or(Verdict::Unattributed {
            span: trimmed(&source.text, sentence),
            why: Unattributed::OwnAssertion,
        });
    }
    if let Some(credit) = speaker_credit {
        let mut stretch = reported_words(stated, credit, sentence, terms);
        // A reporting verb that negates (`denied that …`, `refused to …`) reverses what it
        // reports: it counts with the draft's words, and is shown with them.
        let cue = credit
            .cue
            .as_deref()
            .filter(|_| !credit.quoted)
            .map_or(0, polarity::negations);
        if let (true, Some(cue_span)) = (cue > 0, credit.cue_span) {
            if sentence.contains(cue_span) {
                stretch = stretch.cover(cue_span);
            }
        }
        let words = |span: Span| {
            source.text[span.range()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let found = words(stretch);
        let draft_negations = if cue > 0 && credit.cue_span.is_some_and(|c| stretch.contains(c)) {
            // The verb is in the stretch now: counted with its words.
            polarity::negations(&found)
        } else {
            polarity::negations(&found) + cue
        };
        if draft_negations == polarity::negations(&rule.statement) {
            return Verdict::Satisfied;
        }
        return Verdict::Reversed {
            span: stretch,
            found,
        };
    }
    if let Some((Some(Credited::Other { name, credited }), credit)) = verdicts
        .iter()
        .find(|(v, _)| matches!(v, Some(Credited::Other { .. })))
    {
        let span = credit
            .speaker
            .as_ref()
            .map_or(credit.content, |s| s.mention);
        return Verdict::Misattributed {
            span,
            name: name.clone(),
            credited: credited.clone(),
            fix: credit.speaker.as_ref().and_then(|s| {
                let credited = people.iter().find(|p| p.name == s.name);
                speaker_fix(&source.text, s, credited, person)
            }),
        };
    }
    let (credited, credit) = &verdicts[0];
    let why = match credited {
        Some(Credited::Unnamed(mention)) => Unattributed::UnnamedSource(mention.clone()),
        _ if credit.quoted => Unattributed::QuoteWithoutSpeaker,
        _ => Unattributed::OwnAssertion,
    };
    if why == Unattributed::OwnAssertion {
        if let Some(verdict) = someone_else() {
            return verdict;
        }
    }
    let span = match (&why, &credit.speaker) {
        (Unattributed::UnnamedSource(_), Some(s)) => s.mention,
        _ => trimmed(&source.text, sentence),
    };
    Verdict::Unattributed { span, why }
}

/// A name's span without the punctuation around it (`Roe.` at a sentence's end, `(Roe`),
/// keeping the point of an abbreviation (`Jr.`).
fn trim_name(text: &str, span: Span) -> Span {
    let raw = &text[span.range()];
    let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let mut kept = raw.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let last_word = kept.rsplit(' ').next().unwrap_or("").trim_end_matches('.');
    let abbreviation = last_word.chars().count() <= 2 || matches!(last_word, "Jr" | "Sr");
    if !abbreviation {
        kept = kept.trim_end_matches('.');
    }
    if kept.len() <= lead {
        return span;
    }
    Span::new(span.start + lead, span.start + kept.len())
}

/// Most words between a source's name and its verb (`Roe also noted`, `Roe on Tuesday
/// said`, `Roe has long argued`).
const NAME_TO_VERB: usize = 3;

/// A name (capitalised words) that a sentence credits through a verb of saying outside
/// the reported stretches (`terms` and `reported`): right before the verb (`Jordan Roe
/// also noted`), right after it at the clause's end (`…, said Jordan Roe`), or after
/// `according to` / `by`. Where the name is written.
fn other_reporter(
    text: &str,
    draft: &Draft,
    sentence: Span,
    terms: Span,
    reported: &[Span],
) -> Option<Span> {
    let words = sentence_words(draft, sentence);
    let outside = |s: Span| outside_reported(s, terms, reported);
    let name_word = |i: usize| {
        words.get(i).is_some_and(|(w, s)| {
            let raw = &text[s.range()];
            raw.chars().next().is_some_and(char::is_uppercase)
                && !NOT_SOURCE_NAMES.contains(&w.trim_end_matches('.'))
                && !w.ends_with("'s")
                && !w.ends_with("’s")
                && outside(*s)
        })
    };
    // The run of name words ending at `i` (walking back) or starting at `i`.
    let run_back = |i: usize| {
        let mut a = i;
        while a > 0 && name_word(a - 1) {
            a -= 1;
        }
        words[a].1.cover(words[i].1)
    };
    let run_forward = |i: usize| {
        let mut b = i;
        while b + 1 < words.len() && name_word(b + 1) {
            b += 1;
        }
        words[i].1.cover(words[b].1)
    };
    for (v, (w, span)) in words.iter().enumerate() {
        let according = w == "according" && words.get(v + 1).is_some_and(|(n, _)| n == "to");
        let saying = is_verb_of_saying(w) || matches!(w.as_str(), "saying" | "telling");
        if !(saying || according) || !outside(*span) {
            continue;
        }
        let after = if according { v + 2 } else { v + 1 };
        let after = if words.get(after).is_some_and(|(n, _)| n == "by") {
            after + 1
        } else {
            after
        };
        if name_word(after) {
            return Some(run_forward(after));
        }
        if according {
            continue;
        }
        if let Some(n) = (v.saturating_sub(NAME_TO_VERB)..v)
            .rev()
            .find(|&n| name_word(n))
        {
            return Some(run_back(n));
        }
        // "Jordan Roe attempted to … and said …": the sentence's subject.
        if v > 0 && words[v - 1].0 == "and" {
            if let Some(n) = (0..NAME_TO_VERB.min(v)).find(|&n| name_word(n)) {
                return Some(run_forward(n));
            }
        }
    }
    // "Jordan Roe made it plain: …": the subject of the sentence before a colon, with
    // its predicate (`Update: …` names no one).
    let n = (0..NAME_TO_VERB.min(words.len())).find(|&n| name_word(n))?;
    let name = run_forward(n);
    let colon = colon_between(text, name, terms)?;
    let predicate = words
        .iter()
        .any(|(_, s)| s.start >= name.end && s.end <= colon.start);
    predicate.then_some(name)
}

/// Where a sentence names `person` as the one reporting: their name (in full, an alias,
/// or the last word of the name, capitalised and not possessive) outside the reported
/// stretches (`terms` and `reported`), with a reporting word outside `terms`. Returns
/// the reporting word nearest the name.
fn named_reporter(
    text: &str,
    draft: &Draft,
    person: &Person,
    sentence: Span,
    terms: Span,
    reported: &[Span],
) -> Option<Span> {
    let words = sentence_words(draft, sentence);
    let outside = |s: Span| outside_reported(s, terms, reported);
    let capitalised = |s: Span| {
        text[s.range()]
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase)
    };
    let names: Vec<Vec<String>> = std::iter::once(&person.name)
        .chain(&person.aliases)
        .map(|n| words_for_compare(n))
        .filter(|n| !n.is_empty())
        .collect();
    let last: Option<&String> = names
        .first()
        .filter(|n| n.len() >= 2)
        .and_then(|n| n.last())
        .filter(|w| w.len() >= 3);
    // "Roe's claim that …", "in Roe's words": the noun credits the content.
    let possessive_of = |w: &str| {
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .map(str::to_string)
    };
    for (i, (w, span)) in words.iter().enumerate() {
        let Some(owner) = possessive_of(w) else {
            continue;
        };
        let owns = names.iter().any(|n| n.last() == Some(&owner)) || last == Some(&owner);
        if let Some((noun, noun_span)) = words.get(i + 1) {
            if owns
                && NOUN_CUES.contains(&noun.as_str())
                && outside(*span)
                && outside(*noun_span)
                && capitalised(*span)
            {
                return Some(*noun_span);
            }
        }
    }
    let mut name_at = None;
    for i in 0..words.len() {
        let run = |n: &Vec<String>| {
            words.len() - i >= n.len()
                && words[i..i + n.len()]
                    .iter()
                    .zip(n)
                    .all(|((w, _), n)| w == n)
        };
        let full = names
            .iter()
            .find(|n| run(n))
            .map(|n| words[i].1.cover(words[i + n.len() - 1].1));
        let found = full.or_else(|| {
            (last == Some(&words[i].0) && capitalised(words[i].1)).then_some(words[i].1)
        });
        if let Some(span) = found.filter(|s| outside(*s) && capitalised(*s)) {
            name_at = Some(span);
            break;
        }
    }
    let name = name_at?;
    words
        .iter()
        .enumerate()
        .filter(|(i, (w, s))| {
            overlap(*s, terms) == 0
                && overlap(*s, name) == 0
                // "the Roe claim to have …", "Roe made promises to …": a noun of
                // saying after the name.
                && (is_reporting_word(w) || (NOUN_CUES.contains(&w.as_str()) && s.start > name.end))
                && (w != "according" || words.get(i + 1).is_some_and(|(n, _)| n == "to"))
        })
        .min_by_key(|(_, (_, s))| s.start.abs_diff(name.start))
        .map(|(_, (_, s))| *s)
        .or_else(|| colon_between(text, name, terms))
}

/// A colon after a sentence's name and before its context terms (`Roe made her view
/// plain: the levy will fail`): the sentence before the colon credits what follows it.
fn colon_between(text: &str, name: Span, terms: Span) -> Option<Span> {
    let between = text.get(name.end..terms.start)?;
    between
        .rfind(':')
        .map(|at| Span::new(name.end + at, name.end + at + 1))
}

/// Nouns through which a possessive credits content (`Roe's claim that …`).
const NOUN_CUES: &[&str] = &[
    "claim",
    "claims",
    "view",
    "views",
    "argument",
    "arguments",
    "assertion",
    "assertions",
    "contention",
    "belief",
    "promise",
    "promises",
    "pledge",
    "suggestion",
    "insistence",
    "warning",
    "charge",
    "accusation",
    "statement",
    "remarks",
    "comments",
    "words",
    "position",
    "opinion",
    "prediction",
    "estimate",
];

/// Share of a statement's words that the draft must give in order, in one sentence, for
/// it to count as reporting them nearly word for word.
const VERBATIM_SHARE: f64 = 0.8;

/// The draft's words that report the statement, within the sentence: when the sentence
/// gives nearly all of the statement's words in order, the stretch from the first of them
/// to the last (a longer reported content may hold other clauses and their negations);
/// otherwise the content credited to the speaker with the terms' stretch. Their
/// negations are compared with the statement's.
fn reported_words(stated: Option<Span>, credit: &Credit, sentence: Span, terms: Span) -> Span {
    stated.unwrap_or_else(|| {
        let span = credit.content.cover(terms);
        let start = span.start.clamp(sentence.start, sentence.end);
        Span::new(start, span.end.clamp(start, sentence.end))
    })
}

/// Where a sentence gives nearly all of the statement's words in order (at least
/// [`VERBATIM_SHARE`] of them): from the first of them to the last, without the
/// punctuation at either end.
fn verbatim_stretch(
    draft_text: &str,
    draft: &Draft,
    rule: &StatementRule,
    sentence: Span,
) -> Option<Span> {
    let clamp = |span: Span| {
        let start = span.start.clamp(sentence.start, sentence.end);
        Span::new(start, span.end.clamp(start, sentence.end))
    };
    let words = sentence_words(draft, sentence);
    let in_sentence: Vec<&String> = words.iter().map(|(w, _)| w).collect();
    let statement = words_for_compare(&rule.statement);
    let statement: Vec<&String> = statement.iter().collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &statement, &in_sentence);
    let matched: Vec<std::ops::Range<usize>> = ops
        .iter()
        .filter_map(|op| match *op {
            similar::DiffOp::Equal { new_index, len, .. } => Some(new_index..new_index + len),
            _ => None,
        })
        .collect();
    let count: usize = matched.iter().map(|r| r.len()).sum();
    let verbatim = statement.len() >= 3 && count as f64 >= VERBATIM_SHARE * statement.len() as f64;
    let (true, Some(first), Some(last)) = (verbatim, matched.first(), matched.last()) else {
        return None;
    };
    let first = words[first.start].1;
    let last = words[last.end - 1].1;
    // The words' tokens may carry punctuation (`year.`, `“The`).
    let stretch = clamp(first.cover(last));
    let raw = &draft_text[stretch.range()];
    let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let kept = raw.trim_matches(|c: char| !c.is_alphanumeric()).len();
    Some(if kept > 0 {
        Span::new(stretch.start + lead, stretch.start + lead + kept)
    } else {
        stretch
    })
}

/// The draft's comparison words that start inside a sentence, with their spans.
fn sentence_words(draft: &Draft, sentence: Span) -> &[(String, Span)] {
    let words = &draft.all_words;
    let from = words.partition_point(|(_, s)| s.start < sentence.start);
    let to = words.partition_point(|(_, s)| s.start < sentence.end);
    &words[from..to]
}

/// True when `span` shares nothing with the context terms' stretch or a reported content.
fn outside_reported(span: Span, terms: Span, reported: &[Span]) -> bool {
    overlap(span, terms) == 0 && reported.iter().all(|r| overlap(span, *r) == 0)
}

/// How many bytes two spans share.
fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// A sentence without the spaces around it.
fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    Span::new(span.start + lead, span.start + s.trim_end().len())
}

#[cfg(test)]
mod tests;
