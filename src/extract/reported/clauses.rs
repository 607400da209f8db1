//! Reporting clauses: for each cue, which side of it the content is on and where the
//! source is written — `X said (that) C`, `X told Y (that) C`, `C, X said.`, `C, said X.`,
//! `according to X, C`, `C, according to X.`.

use crate::text::Span;

use super::cues::{cues_in, Cue, CueShape};
use super::sources::{source_starting_at, subject_before, Source};
use super::{Paragraph, TokenKind};

/// A reporting clause found around a cue: the content's tokens (`content.0..content.1`,
/// not yet trimmed), its source, and the cue.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clause {
    pub(super) content: (usize, usize),
    pub(super) source: Option<Source>,
    pub(super) cue: Span,
}

/// Verbs whose object (the person told) comes before the content.
const TELLING_VERBS: &[&str] = &[
    "told", "tells", "tell", "telling", "warned", "warns", "assured", "reminded", "informed",
];

/// The reporting clauses of a paragraph, sentence by sentence.
pub(super) fn in_paragraph(p: &Paragraph) -> Vec<Clause> {
    let mut out = Vec::new();
    let n = p.len();
    if n == 0 || is_headline(p) {
        return out;
    }
    let mut s = 0;
    for i in 0..n {
        if !(p.ends_sentence(i) || i + 1 == n) {
            continue;
        }
        // The sentence's tokens are s..end; a final `.`/`!`/`?` is left out.
        let end = if p.kind(i) == TokenKind::Punct && p.ends_sentence(i) {
            i
        } else {
            i + 1
        };
        let question = p.kind(i) == TokenKind::Punct && p.word(i) == "?";
        if !question {
            sentence(p, s, end, &mut out);
        }
        s = i + 1;
    }
    out
}

/// A paragraph that is a headline, a caption or a byline: short, without a sentence end.
fn is_headline(p: &Paragraph) -> bool {
    let last = p.len() - 1;
    !p.ends_sentence(last) && p.kind(last) != TokenKind::Quote && p.len() < 40
}

/// The reporting clauses of the sentence at tokens `s..end`.
fn sentence(p: &Paragraph, s: usize, end: usize, out: &mut Vec<Clause>) {
    for cue in cues_in(p, s, end) {
        let clause = match cue.shape {
            CueShape::Verb => verb_clause(p, s, end, cue),
            CueShape::According => according_clause(p, s, end, cue),
        };
        out.extend(clause);
    }
}

/// The clause around a reporting verb.
fn verb_clause(p: &Paragraph, s: usize, end: usize, cue: Cue) -> Option<Clause> {
    let v = cue.last;
    // "said to be", "the said document".
    if v + 1 < end && p.lower(v + 1) == "to" {
        return None;
    }
    if v > s && matches!(p.lower(v - 1), "the" | "a" | "this" | "that") {
        return None;
    }
    let cue_span = p.span(cue.first).cover(p.span(cue.last));
    let subject = subject_before(p, cue.first, s);
    if let Some(src) = subject {
        let after = content_start(p, v, end);
        if has_words(p, after, end) {
            return Some(Clause {
                content: (after, end),
                source: Some(src),
                cue: cue_span,
            });
        }
        // "C, X said."
        let first = token_at(p, src.span().start)?;
        if first > s + 1 && p.kind(first - 1) == TokenKind::Punct && p.word(first - 1) == "," {
            return Some(Clause {
                content: (s, first - 1),
                source: Some(src),
                cue: cue_span,
            });
        }
        return None;
    }
    // "C, said X."
    if v > s + 1 && p.word(v - 1) == "," {
        let (src, e) = source_starting_at(p, v + 1, end)?;
        if e + 1 >= end || p.word(e + 1) == "," {
            return Some(Clause {
                content: (s, v - 1),
                source: Some(src),
                cue: cue_span,
            });
        }
    }
    None
}

/// `according to X, C` and `C, according to X.`
fn according_clause(p: &Paragraph, s: usize, end: usize, cue: Cue) -> Option<Clause> {
    let cue_span = p.span(cue.first).cover(p.span(cue.last));
    let (src, e) = source_starting_at(p, cue.last + 1, end)?;
    if cue.first <= s + 1 && e + 1 < end && p.word(e + 1) == "," {
        return Some(Clause {
            content: (e + 2, end),
            source: Some(src),
            cue: cue_span,
        });
    }
    if cue.first > s + 1 && p.word(cue.first - 1) == "," {
        return Some(Clause {
            content: (s, cue.first - 1),
            source: Some(src),
            cue: cue_span,
        });
    }
    None
}

/// Where the content of a verb at `v` starts: after the person told (`told reporters`)
/// and a `that`.
fn content_start(p: &Paragraph, v: usize, end: usize) -> usize {
    let mut k = v + 1;
    if k < end && TELLING_VERBS.contains(&p.lower(v)) {
        if let Some((_, e)) = p.mention_starting_at(k) {
            k = e + 1;
        } else if p.kind(k) == TokenKind::Word && !matches!(p.lower(k), "that") {
            k += 1;
        }
    }
    if k < end && p.lower(k) == "that" {
        k += 1;
    }
    k
}

/// True when tokens `from..to` hold a word or a quote.
fn has_words(p: &Paragraph, from: usize, to: usize) -> bool {
    (from..to).any(|i| p.kind(i) != TokenKind::Punct)
}

/// The token starting at byte `at`.
fn token_at(p: &Paragraph, at: usize) -> Option<usize> {
    (0..p.len()).find(|&i| p.span(i).start == at)
}
