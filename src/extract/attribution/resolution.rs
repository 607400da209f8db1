//! Resolving a mention to a person: full names for last names (from the names seen so
//! far and the rule files' people), pronouns and role nouns to the most recent fitting
//! person.

use std::collections::HashMap;

use super::cues::{subject_of, Attribution};
use super::lexicon::TITLES;
use super::mentions::MentionKind;
use super::people::PeopleIndex;
use super::tokens::{lookback_start, sentence_start, Para, SAME_LAST_WORD_MAX};
use super::Speaker;

/// The people named in the draft so far (and those known from the rules), for resolving
/// last names, pronouns and role nouns to a full name.
pub(super) struct NameBook<'a> {
    text: &'a str,
    people: &'a PeopleIndex,
    /// Full names (two or more words) seen so far, with where they were seen, in
    /// document order.
    seen: Vec<(String, usize)>,
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
        }
    }

    /// Records the multi-word names of a paragraph.
    pub(super) fn learn(&mut self, p: &Para) {
        let mut i = 0;
        while i < p.toks.len() {
            if let Some((m, e)) = p.mention_starting_at(i) {
                if m.kind == MentionKind::Name {
                    let name = strip_titles(&self.text[m.span.range()]);
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
                i = e + 1;
            } else {
                i += 1;
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
    /// person before it.
    pub(super) fn resolve_reference(&self, mention: &str, at: usize) -> Option<String> {
        let lower = mention.to_lowercase();
        if let Some(name) = self.people.with_alias(&lower) {
            return Some(name.to_string());
        }
        if matches!(lower.as_str(), "i" | "we" | "they") {
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
        // The last name seen before `at` (`seen` is in document order).
        let before = self.seen.partition_point(|(_, pos)| *pos < at);
        before
            .checked_sub(1)
            .map(|k| self.resolve_name(&self.seen[k].0, at))
    }

    /// For a bare quote: the subject of a reporting verb in the sentence before it.
    pub(super) fn subject_before(&self, p: &Para, q: usize) -> Option<Speaker> {
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
                    return Some(s);
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
