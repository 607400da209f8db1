//! Attribution: which quoted spans are speech, how split quotes group, and who said each
//! quote. The stages, one file each:
//!
//! - [`tokens`]: a paragraph as words, punctuation and whole quoted spans, with the
//!   per-token facts the later stages read;
//! - [`lexicon`]: the word lists (reporting verbs, role nouns, titles…);
//! - [`mentions`]: names, pronouns and role noun phrases that can be a speaker;
//! - [`speech`]: quoted spans that are titles or labels, not speech;
//! - [`cues`]: the reporting clause around a quote and the mention it credits (`“…,” X
//!   said`, `said X`, `X told Y: “…”`, `according to X`, a colon after a sentence naming
//!   X, `He said:` closing the previous paragraph);
//! - [`resolution`]: mentions resolved to people — last names to full names, pronouns
//!   and role nouns to the most recent fitting person, names from the rule files
//!   ([`people`]);
//! - [`shared`]: the entry points other extractors (reported speech) read these stages
//!   through;
//! - this file: the pass over a draft's paragraphs that groups split and run-on quotes,
//!   carries a speaker to a bare quote that continues it, and puts the stages together.

mod cues;
mod lexicon;
mod mentions;
mod people;
mod resolution;
pub(crate) mod shared;
mod speech;
#[cfg(test)]
mod tests;
mod tokens;

use crate::text::Span;

use super::quotes::{Quote, QuotedSpan};
use cues::{attribution_after, attribution_before, introduced_by};
pub use people::{KnownPerson, PeopleIndex};
use resolution::NameBook;
use speech::{is_label, looks_like_title};
use tokens::{tokenize, word_count, Para, TokKind};

#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The resolved name of the person (the mention itself when nothing better is known).
    pub name: String,
    /// Where the mention the attribution rests on is written (may be a pronoun).
    pub mention: Span,
    /// True when the name was inferred (a pronoun, a role such as "the mayor", or a
    /// quote continuing an earlier speaker) rather than written at the quote.
    pub inferred: bool,
}

/// Groups quoted spans into quotes, keeps those that are speech, and credits speakers.
pub(crate) fn attribute(
    text: &str,
    paragraphs: &[Span],
    spans: &[QuotedSpan],
    people: &PeopleIndex,
) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut names = NameBook::new(text, people);
    let roles = &people.roles;
    // The most recent explicit speaker, for continuation and pronouns.
    let mut last_speaker: Option<(Speaker, usize)> = None; // (speaker, paragraph)
    let mut open_group: Option<usize> = None; // a quote running on into this paragraph
    let mut prev: Option<Para> = None; // the previous paragraph
    let mut si = 0;
    for (pi, para) in paragraphs.iter().enumerate() {
        let first = si;
        while si < spans.len() && spans[si].paragraph == pi {
            si += 1;
        }
        let here = &spans[first..si];
        let p = Para::new(text, tokenize(text, *para, here), roles);
        names.learn(&p);
        let quote_tokens: Vec<usize> = (0..p.toks.len())
            .filter(|&i| p.toks[i].kind == TokKind::Quote)
            .collect();
        let mut previous_clause_end: Option<(usize, usize)> = None; // (quote index, token)
        for (k, qs) in here.iter().enumerate() {
            let Some(&q) = quote_tokens.get(k) else {
                break;
            };
            let inner = &text[qs.inner.range()];
            let after = attribution_after(&p, q, inner);
            let before = if after.is_none() {
                attribution_before(&p, q)
            } else {
                None
            };
            let attribution = after.or(before);
            // Split quote: only an attribution clause between the previous quote and this one.
            let joins_previous = previous_clause_end
                .is_some_and(|(_, end)| (end + 1..q).all(|t| p.toks[t].kind == TokKind::Punct))
                && after.is_none();
            // Continuation of a quote that ran on from the previous paragraph.
            let continues = k == 0 && open_group.is_some();
            let words = word_count(inner);
            let label = is_label(&p, q);
            let speech = if continues || joins_previous {
                true
            } else if label {
                false
            } else if attribution.is_some() {
                !(looks_like_title(inner) && words <= 4 && after.is_none())
            } else {
                words >= 4 && !looks_like_title(inner)
            };
            if !speech {
                continue;
            }
            let segment = qs.inner;
            if let (true, Some(g)) = (continues, open_group) {
                quotes[g].segments.push(segment);
                if quotes[g].speaker.is_none() {
                    if let Some(a) = attribution {
                        let (speaker, cue) = names.speaker(&p, a, qs.outer.start);
                        quotes[g].speaker = Some(speaker);
                        quotes[g].cue = Some(cue);
                    }
                }
            } else if joins_previous {
                if let Some(last) = quotes.last_mut() {
                    last.segments.push(segment);
                }
            } else {
                let (speaker, cue) = match attribution {
                    Some(a) => {
                        let (s, c) = names.speaker(&p, a, qs.outer.start);
                        (Some(s), Some(c))
                    }
                    None => match (&last_speaker, introduced_by(prev.as_ref(), k, q)) {
                        // "He said:" closing the previous paragraph introduces this one.
                        (_, Some((pp, a))) => {
                            let (s, c) = names.speaker(pp, a, qs.outer.start);
                            (Some(s), Some(c))
                        }
                        // A bare quote continues the previous speaker: later in the
                        // same paragraph, or opening the next paragraph.
                        (Some((s, lp)), None) if *lp == pi || (*lp + 1 == pi && q == 0) => (
                            Some(Speaker {
                                inferred: true,
                                ..s.clone()
                            }),
                            None,
                        ),
                        _ => (names.subject_before(&p, q), None),
                    },
                };
                quotes.push(Quote {
                    segments: vec![segment],
                    speaker,
                    cue,
                });
            }
            let idx = quotes.len() - 1;
            if let Some(s) = &quotes[idx].speaker {
                last_speaker = Some((s.clone(), pi));
            }
            previous_clause_end = after.and_then(|a| a.clause_end).map(|e| (idx, e));
            open_group = if qs.runs_on { Some(idx) } else { None };
        }
        if here.is_empty() {
            open_group = None;
        }
        prev = Some(p);
    }
    quotes
}
