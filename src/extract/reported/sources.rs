//! Sources: who or what the draft credits — a person (a name, pronoun or role, read and
//! resolved by the direct-quote attribution's stages) or another noun phrase (an
//! organisation, a poll, a report, `many economists`).

use crate::text::Span;

use super::super::attribution::shared::{Paragraph, Resolver, SourceMention};
use super::super::attribution::Speaker;
use super::TokenKind;

/// A source as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// A person (or an organisation read as a name).
    Mention(SourceMention),
    /// Another noun phrase (`the report`, `a Bloomberg poll`, `most economists`).
    Phrase(Span),
}

impl Source {
    /// Where the source is written.
    pub(super) fn span(self) -> Span {
        match self {
            Source::Mention(m) => m.span,
            Source::Phrase(s) => s,
        }
    }
}

/// Words that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
    "your", "some", "many", "most", "several", "few", "both", "all", "other", "each", "every",
    "another", "no",
];

/// Words that cannot be inside a noun phrase that is a source.
const NOT_IN_PHRASE: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "whom", "when", "while", "if", "because", "as",
    "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "must", "not", "to", "it", "he", "she", "they", "we", "i",
    "you", "there", "also", "then", "so", "than", "do", "does", "did",
];

/// The source written at tokens `first..=last` read as a subject ending right before a
/// cue: a person mention when the attribution reads one, otherwise a noun phrase of up to
/// eight words opening with a determiner or a capitalised word.
pub(super) fn subject_before(p: &Paragraph, verb: usize, floor: usize) -> Option<Source> {
    if let Some(m) = p.subject_of(verb, floor) {
        return Some(Source::Mention(m));
    }
    phrase_ending_at(p, verb.checked_sub(1)?, floor).map(Source::Phrase)
}

/// A noun phrase whose last word is token `end` (not before `floor`).
pub(super) fn phrase_ending_at(p: &Paragraph, end: usize, floor: usize) -> Option<Span> {
    if end < floor || p.kind(end) != TokenKind::Word || NOT_IN_PHRASE.contains(&p.lower(end)) {
        return None;
    }
    let mut start = end;
    for _ in 0..8 {
        let w = p.lower(start);
        if DETERMINERS.contains(&w) || (p.is_capitalized(start) && start == floor) {
            return Some(p.span(start).cover(p.span(end)));
        }
        if start == floor || start == 0 {
            break;
        }
        let prev = start - 1;
        if p.kind(prev) != TokenKind::Word || NOT_IN_PHRASE.contains(&p.lower(prev)) {
            // The phrase opens with a capitalised word (`Gallup`, `Senate Democrats`).
            return p
                .is_capitalized(start)
                .then(|| p.span(start).cover(p.span(end)));
        }
        start = prev;
    }
    None
}

/// A source starting at token `start` (after `according to`, `said`), with its last
/// token: a person mention, or a noun phrase up to the next punctuation.
pub(super) fn source_starting_at(
    p: &Paragraph,
    start: usize,
    to: usize,
) -> Option<(Source, usize)> {
    if let Some((m, e)) = p.mention_starting_at(start) {
        return Some((Source::Mention(m), e));
    }
    if start >= to || p.kind(start) != TokenKind::Word {
        return None;
    }
    let mut e = start;
    while e + 1 < to && p.kind(e + 1) == TokenKind::Word && e < start + 12 {
        e += 1;
    }
    Some((Source::Phrase(p.span(start).cover(p.span(e))), e))
}

/// The speaker a source credits, resolved as of byte `at`.
pub(super) fn speaker(
    resolver: &Resolver,
    p: &Paragraph,
    source: Source,
    cue: Span,
    at: usize,
) -> Speaker {
    match source {
        Source::Mention(m) => resolver.speaker(p, m, cue, at),
        Source::Phrase(span) => Speaker {
            name: p.text()[span.range()].to_string(),
            mention: span,
            inferred: false,
        },
    }
}
