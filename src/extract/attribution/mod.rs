//! Attribution: which quoted spans are speech, how split quotes group, and who said each
//! quote. The stages, one file each:
//!
//! - [`marks`]: quote marks and conventions — whether the draft quotes with double or
//!   single marks, and the spans between paired marks (apostrophes are not marks);
//! - [`tokens`]: a paragraph as words, punctuation and whole quoted spans, with the
//!   per-token facts the later stages read;
//! - [`lexicon`]: the word lists (role nouns, titles…) and the reporting verbs
//!   (`data/reporting_verbs.txt`, derived from the verbs of saying and the train split's
//!   cues by [`training`] and [`inflect`]);
//! - [`mentions`]: names, pronouns and role noun phrases that can be a speaker;
//! - [`speech`]: quoted spans that are titles or labels, not speech;
//! - [`cues`]: the reporting clause around a quote and the mention it credits (`“…,” X
//!   said`, `said X`, `X told Y: “…”`, `according to X`, a colon after a sentence naming
//!   X, `He said:` closing the previous paragraph);
//! - [`candidates`]: a quote's candidate speakers (the paragraph's mentions, noun
//!   phrases beside reporting verbs, what the patterns of [`cues`] propose, the previous
//!   speaker) and their features;
//! - [`model`]: the linear model (`data/model.txt`) that picks among them or abstains;
//! - [`resolution`]: mentions resolved to people — last names to full names, pronouns
//!   and role nouns to the most recent person they agree with ([`gender`]), names from
//!   the rule files ([`people`]);
//! - [`training`]: what the `train_attribution` example reads and computes through the
//!   same code (the verbs, the candidates' features, cross-validation);
//! - [`shared`]: the entry points other extractors (reported speech) read these stages
//!   through;
//! - this file: the pass over a draft's paragraphs that groups split and run-on quotes,
//!   asks the model for each new quote's speaker, and puts the stages together.

mod candidates;
mod cues;
mod gender;
mod inflect;
mod lexicon;
pub(crate) mod marks;
mod mentions;
mod model;
mod people;
mod resolution;
pub(crate) mod shared;
mod speech;
#[cfg(test)]
mod tests;
mod tokens;
pub mod training;

use crate::text::Span;

use super::quotes::{Quote, QuotedSpan};
use candidates::{
    candidates, introduced_by_relative, null_features, Candidate, Proposal, QuoteContext,
};
use cues::{attribution_after, attribution_before, introduced_by, Attribution};
pub use lexicon::Lexicon;
use mentions::Mention;
pub use model::Model;
use model::{side_ranks, Recorder};
pub use people::{KnownPerson, PeopleIndex};
use resolution::NameBook;
use speech::{is_speech, Around};
use tokens::{tokenize, Para, TokKind};

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
    let shipped = Attributor {
        lexicon: Lexicon::builtin(),
        model: Model::builtin(),
    };
    attribute_with(text, paragraphs, spans, people, &shipped, None)
}

/// The data the attribution runs on: the reporting verbs and the speaker model (the
/// shipped ones, or the trainer's before they are shipped).
#[derive(Clone, Copy)]
pub(crate) struct Attributor<'a> {
    /// The reporting verbs.
    pub(crate) lexicon: &'a Lexicon,
    /// The speaker model; an empty one leaves the choice to the patterns.
    pub(crate) model: &'a Model,
}

/// A quote's candidates as the trainer reads them: the index of the quote in the
/// result, each candidate's mention and features, and abstaining's features.
pub(crate) struct RecordedQuote {
    pub(crate) quote: usize,
    pub(crate) candidates: Vec<(Span, Vec<String>)>,
    pub(crate) null: Vec<String>,
}

/// The hand-written patterns' speaker for a new quote, with what proposed it.
struct HandChoice {
    speaker: Speaker,
    cue: Option<String>,
    proposal: Proposal,
    mention: Mention,
    /// Paragraphs before the quote's where the mention is.
    back: usize,
}

/// [`attribute`] with the given data; when `record` is given, every new quote's
/// candidates and features are written to it (for training).
pub(crate) fn attribute_with(
    text: &str,
    paragraphs: &[Span],
    spans: &[QuotedSpan],
    people: &PeopleIndex,
    data: &Attributor,
    mut record: Option<&mut Vec<RecordedQuote>>,
) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut names = NameBook::new(text, people);
    let roles = &people.roles;
    // The most recent speaker, for continuation and pronouns.
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
        let p = Para::new(text, tokenize(text, *para, here), roles, data.lexicon);
        let scan = p.mention_scan();
        names.learn(&p, &scan);
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
            let around = Around {
                attributed: attribution.is_some(),
                attributed_after: after.is_some(),
                follows_speech: previous_clause_end.is_some(),
            };
            let speech = continues || joins_previous || is_speech(&p, q, inner, around);
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
                let at = qs.outer.start;
                let hand = match attribution {
                    Some(a) => {
                        let (speaker, cue) = names.speaker(&p, a, at);
                        let proposal = if after.is_some() {
                            Proposal::After
                        } else {
                            Proposal::Before
                        };
                        Some(HandChoice {
                            speaker,
                            cue: Some(cue),
                            proposal,
                            mention: a.mention,
                            back: 0,
                        })
                    }
                    None => match (&last_speaker, introduced_by(prev.as_ref(), k, q)) {
                        // "He said:" closing the previous paragraph introduces this one.
                        (_, Some((pp, a))) => {
                            let (speaker, cue) = names.speaker(pp, a, at);
                            Some(HandChoice {
                                speaker,
                                cue: Some(cue),
                                proposal: Proposal::Intro,
                                mention: a.mention,
                                back: 1,
                            })
                        }
                        // A bare quote continues the previous speaker: later in the
                        // same paragraph, or opening the next paragraph.
                        (Some((s, lp)), None) if *lp == pi || (*lp + 1 == pi && q == 0) => {
                            Some(HandChoice {
                                speaker: Speaker {
                                    inferred: true,
                                    ..s.clone()
                                },
                                cue: None,
                                proposal: Proposal::Continue,
                                mention: Mention {
                                    span: s.mention,
                                    kind: mentions::MentionKind::Name,
                                },
                                back: pi - paragraph_of(paragraphs, s.mention.start, pi),
                            })
                        }
                        _ => names
                            .subject_before(&p, q)
                            .map(|(speaker, mention)| HandChoice {
                                speaker,
                                cue: None,
                                proposal: Proposal::SubjectBefore,
                                mention,
                                back: 0,
                            }),
                    },
                };
                let (speaker, cue) = if data.model.is_empty() && record.is_none() {
                    hand.map_or((None, None), |h| (Some(h.speaker), h.cue))
                } else {
                    let proposed: Vec<(Proposal, Mention, usize)> = hand
                        .iter()
                        .map(|h| (h.proposal, h.mention, h.back))
                        .collect();
                    let found = candidates(&p, q, &scan, &proposed);
                    let ctx = QuoteContext::new(&p, q, inner);
                    if let Some(rec) = record.as_deref_mut() {
                        rec.push(recorded(&ctx, &found, quotes.len()));
                    }
                    let relative = hand.as_ref().is_some_and(|h| {
                        h.proposal == Proposal::Before
                            && introduced_by_relative(&p, h.mention.span, q)
                    });
                    let choice = if data.model.is_empty() || relative {
                        found.iter().position(|c| c.proposal.is_some())
                    } else {
                        data.model.choose(&ctx, &found)
                    };
                    match choice.map(|i| found[i]) {
                        None => (None, None),
                        Some(c) if c.proposal.is_some() => {
                            hand.map_or((None, None), |h| (Some(h.speaker), h.cue))
                        }
                        Some(c) => {
                            let (speaker, cue) = chosen(&names, &p, c, at);
                            (Some(speaker), cue)
                        }
                    }
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

/// The index of the paragraph holding byte `at` (at most `current`).
fn paragraph_of(paragraphs: &[Span], at: usize, current: usize) -> usize {
    paragraphs.partition_point(|p| p.end < at).min(current)
}

/// The speaker and cue for a candidate the model chose that no pattern proposed: the
/// reporting verb beside it is the cue.
fn chosen(names: &NameBook, p: &Para, c: Candidate, at: usize) -> (Speaker, Option<String>) {
    let verb = [c.last + 1, c.first.wrapping_sub(1)]
        .into_iter()
        .find(|&v| v < p.toks.len() && p.is_reporting_verb(v));
    let cue = verb.map_or(c.mention.span, |v| p.toks[v].span);
    let a = Attribution {
        mention: c.mention,
        cue,
        clause_end: None,
    };
    let (speaker, cue) = names.speaker(p, a, at);
    (speaker, verb.map(|_| cue))
}

/// The features of a quote's candidates and of abstaining, written down.
fn recorded(ctx: &QuoteContext, found: &[Candidate], quote: usize) -> RecordedQuote {
    let ranks = side_ranks(found, ctx.q);
    let candidates = found
        .iter()
        .zip(ranks)
        .map(|(c, rank)| {
            let mut r = Recorder::default();
            candidates::features(ctx, c, rank, &mut r);
            (c.mention.span, r.0)
        })
        .collect();
    let mut null = Recorder::default();
    null_features(ctx, found.iter().any(|c| c.proposal.is_some()), &mut null);
    RecordedQuote {
        quote,
        candidates,
        null: null.0,
    }
}

/// The tokens of the first paragraph of `text`, with its quoted spans (for the stages'
/// tests).
#[cfg(test)]
fn quotes_in(text: &str) -> (Vec<tokens::Tok>, Vec<QuotedSpan>) {
    let paragraphs = crate::text::source_paragraphs(text);
    let spans = super::quotes::quoted_spans(text, &paragraphs);
    let para = paragraphs.first().copied().unwrap_or(Span::new(0, 0));
    let here: Vec<QuotedSpan> = spans.iter().filter(|s| s.paragraph == 0).copied().collect();
    (tokenize(text, para, &here), here)
}
