//! Resolving a mention to a person: full names for last names (from the names seen so
//! far and the rule files' people), pronouns and role nouns to the most recent fitting
//! person — a person (not an organisation or place) who agrees with the pronoun
//! ([`super::gender`]).

use std::cell::RefCell;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::cues::{subject_of, Attribution};
use super::gender::{first_name_gender, is_not_person, pronoun_gender, title_gender, Gender};
use super::lexicon::TITLES;
use super::mentions::{Mention, MentionKind};
use super::people::PeopleIndex;
use super::tokens::{lookback_start, sentence_start, Para, SAME_LAST_WORD_MAX};
use super::Speaker;

/// Most earlier names a pronoun or role noun looks back over for one it agrees with.
const REFERENCE_LOOKBACK_NAMES: usize = 64;

/// The people named in the draft so far (and those known from the rules), for resolving
/// last names, pronouns and role nouns to a full name.
pub(super) struct NameBook<'a> {
    text: &'a str,
    people: &'a PeopleIndex,
    /// Full names (two or more words) seen so far, with where they were seen, in
    /// document order.
    seen: Vec<(String, usize)>,
    /// What the draft says of a full name's gender: a title written with it, or a
    /// pronoun resolved to it (the first evidence found is kept).
    told: RefCell<FxHashMap<String, Gender>>,
    /// For each full name a pronoun has looked at: is it no person (an organisation, a
    /// place), and its first name's usual gender (computed once).
    facts: RefCell<FxHashMap<String, (bool, Option<Gender>)>>,
    /// Last word of each seen name → its indices in `seen`, ascending.
    by_last_word: HashMap<String, Vec<usize>>,
}

impl<'a> NameBook<'a> {
    pub(super) fn new(text: &'a str, people: &'a PeopleIndex) -> Self {
        NameBook {
            text,
            people,
            seen: Vec::new(),
            by_last_word: HashMap::new(),
            told: RefCell::default(),
            facts: RefCell::default(),
        }
    }

    /// Records the multi-word names of a paragraph, from its [`Para::mention_scan`], and
    /// the gender their titles tell (`Mrs. Ruiz`, `congresswoman Ana Ruiz`).
    pub(super) fn learn(&mut self, p: &Para, scan: &[(usize, usize, Mention)]) {
        for &(first, _, m) in scan {
            if m.kind != MentionKind::Name {
                continue;
            }
            let written = &self.text[m.span.range()];
            let title = written
                .split_whitespace()
                .next()
                .filter(|w| TITLES.contains(w) || title_gender(w).is_some())
                .and_then(title_gender)
                .or_else(|| {
                    (first > 0 && p.is_word(first - 1))
                        .then(|| title_gender(&p.lower(first - 1)))
                        .flatten()
                });
            if let Some(g) = title {
                let full = self.resolve_name(written, m.span.start);
                self.told.borrow_mut().entry(full).or_insert(g);
            }
            let name = strip_titles(written);
            if name.split_whitespace().count() >= 2 {
                debug_assert!(self.seen.last().is_none_or(|l| l.1 <= m.span.start));
                let last = name.split_whitespace().last().unwrap_or("").to_string();
                self.by_last_word
                    .entry(last)
                    .or_default()
                    .push(self.seen.len());
                self.seen.push((name, m.span.start));
            }
        }
    }

    /// The speaker for an attribution: the mention resolved to a full name.
    pub(super) fn speaker(&self, _p: &Para, a: Attribution, at: usize) -> (Speaker, String) {
        let mention = &self.text[a.mention.span.range()];
        let cue = self.text[a.cue.range()].to_string();
        let (name, inferred) = match a.mention.kind {
            MentionKind::Name => (self.resolve_name(mention, at), false),
            MentionKind::Pronoun | MentionKind::Role => (
                self.resolve_reference(mention, a.mention.span.start)
                    .unwrap_or_else(|| mention.to_string()),
                true,
            ),
        };
        (
            Speaker {
                name,
                mention: a.mention.span,
                inferred,
            },
            cue,
        )
    }

    /// A full name for a written name: a known person it names, or the last full name
    /// seen with the same last word.
    pub(super) fn resolve_name(&self, mention: &str, at: usize) -> String {
        let plain = head_name(&strip_titles(mention));
        if let Some(name) = self.people.known(&plain) {
            return name.to_string();
        }
        // The most recent longer name seen at or before `at` with the same last word,
        // through the index of last words (`seen` is in document order).
        let last = plain.split_whitespace().last().unwrap_or("");
        let Some(same_last) = self.by_last_word.get(last) else {
            return plain;
        };
        let before = same_last.partition_point(|&k| self.seen[k].1 <= at);
        same_last[..before]
            .iter()
            .rev()
            .take(SAME_LAST_WORD_MAX)
            .map(|&k| &self.seen[k].0)
            .find(|name| name.len() > plain.len())
            .map_or(plain.clone(), |name| name.clone())
    }

    /// Resolves a pronoun or role noun phrase written at `at` to the most recent fitting
    /// person before it: a person who agrees with a pronoun (`it`: an organisation).
    pub(super) fn resolve_reference(&self, mention: &str, at: usize) -> Option<String> {
        let lower = mention.to_lowercase();
        if let Some(name) = self.people.with_alias(&lower) {
            return Some(name.to_string());
        }
        if matches!(lower.as_str(), "i" | "we") {
            return None;
        }
        // "one resident", "a spokesman": an unnamed source, not the last person named.
        let first = lower.split_whitespace().next().unwrap_or("");
        if matches!(
            first,
            "a" | "an" | "one" | "another" | "some" | "several" | "many"
        ) {
            return None;
        }
        let want = pronoun_gender(&lower)
            .or_else(|| lower.split_whitespace().last().and_then(title_gender));
        let pronoun = pronoun_gender(&lower).is_some();
        // The names seen before `at`, most recent first (`seen` is in document order).
        let before = self.seen.partition_point(|(_, pos)| *pos < at);
        let found = self.seen[..before]
            .iter()
            .rev()
            .take(REFERENCE_LOOKBACK_NAMES)
            .map(|(name, _)| self.resolve_name(name, at))
            .find(|name| self.agrees(name, want, pronoun));
        if let (Some(name), Some(g)) = (&found, want) {
            if pronoun && g != Gender::Thing {
                self.told.borrow_mut().entry(name.clone()).or_insert(g);
            }
        }
        found
    }

    /// Whether a full name may be what a pronoun or role of gender `want` refers to.
    /// Persons: the rule files' pronouns, else the draft's titles and earlier
    /// pronouns, else the first name's usual gender must not disagree; `they` only
    /// for a person whose rule gives it; `it` only for an organisation.
    fn agrees(&self, name: &str, want: Option<Gender>, pronoun: bool) -> bool {
        let given = self.people.known_pronouns(name).map(Gender::of);
        let (not_person, first_name) = *self
            .facts
            .borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| {
                let first = name.split_whitespace().next();
                (
                    is_not_person(name),
                    first.and_then(first_name_gender).flatten(),
                )
            });
        let thing = given == Some(Gender::Thing)
            || (given.is_none() && not_person && self.people.known(name).is_none());
        match want {
            Some(Gender::Thing) => thing,
            Some(Gender::Neutral) if pronoun => given == Some(Gender::Neutral),
            _ if thing => false,
            None | Some(Gender::Neutral) => true,
            Some(g) => {
                let evidence = given
                    .or_else(|| self.told.borrow().get(name).copied())
                    .or(first_name);
                evidence.is_none_or(|e| e == g)
            }
        }
    }

    /// For a bare quote: the subject of a reporting verb in the sentence before it, with
    /// the mention.
    pub(super) fn subject_before(&self, p: &Para, q: usize) -> Option<(Speaker, Mention)> {
        let start = sentence_start(p, q);
        if start == 0 {
            return None;
        }
        let prev_start = lookback_start(p, start - 1);
        for v in prev_start..start {
            if p.is_reporting_verb(v) {
                if let Some(m) = subject_of(p, v, prev_start) {
                    let a = Attribution {
                        mention: m,
                        cue: p.toks[v].span,
                        clause_end: None,
                    };
                    let (mut s, _) = self.speaker(p, a, p.toks[q].span.start);
                    s.inferred = true;
                    return Some((s, m));
                }
            }
        }
        None
    }
}

/// The person's name at the head of a mention that goes on to name an organisation or
/// place (`Ana Ruiz of the Federation …` → `Ana Ruiz`).
pub(super) fn head_name(mention: &str) -> String {
    for link in [" of ", " for ", " at "] {
        if let Some(at) = mention.find(link) {
            let head = &mention[..at];
            if head.split_whitespace().count() >= 2 {
                return head.to_string();
            }
        }
    }
    mention.to_string()
}

/// A name without leading titles (`Sen. John Smith` → `John Smith`).
pub(super) fn strip_titles(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| w.eq_ignore_ascii_case("the"))
        .collect();
    let keep = words
        .iter()
        .position(|w| !TITLES.contains(w))
        .unwrap_or(words.len().saturating_sub(1));
    words[keep..].join(" ")
}
