//! Content spans: the tokens a clause reports, trimmed to the content itself (no
//! punctuation at either end; a `that` opening the clause is kept, as news annotation
//! marks it), and the stretches that are not reported speech — nothing said (`X said
//! nothing`), or words inside a direct quote.

use crate::text::Span;

use super::clauses::Clause;
use super::cues::is_saying_verb;
use super::words::{is_preposition, is_time_word};
use super::{Paragraph, TokenKind};

/// Contents that report nothing (`X said nothing`, `she said so`, `said twice`,
/// `showed up`).
const EMPTY_CONTENTS: &[&str] = &[
    "nothing",
    "so",
    "this",
    "that",
    "it",
    "yes",
    "no",
    "otherwise",
    "little",
    "much",
    "more",
    "anything",
    "something",
    "twice",
    "up",
    "online",
];

/// The byte span of a clause's content, or `None` when it is not reported speech.
/// `direct` are the draft's direct-quote segments, sorted.
pub(super) fn span_of(p: &Paragraph, clause: &Clause, direct: &[Span]) -> Option<Span> {
    let (mut a, mut b) = clause.content;
    // The clause's `that` is part of its span but not what the tests below read.
    let mut that = None;
    while a < b && (p.kind(a) == TokenKind::Punct || (p.lower(a) == "that" && a + 1 < b)) {
        if p.kind(a) == TokenKind::Word && that.is_none() {
            that = Some(a);
        }
        a += 1;
    }
    while b > a && p.kind(b - 1) == TokenKind::Punct {
        b -= 1;
    }
    if a >= b {
        return None;
    }
    // "X said nothing", "Clinton said sarcastically": no content.
    if b == a + 1
        && p.kind(a) == TokenKind::Word
        && (EMPTY_CONTENTS.contains(&p.lower(a)) || p.lower(a).ends_with("ly"))
    {
        return None;
    }
    // A verb of saying or thinking whose object is a pronoun, alone or followed only by
    // when and where, reports nothing here: "a day after he said them", "don't believe
    // them", "said so again in her speech" ("endorsed him on Monday" does report).
    let pronoun_object = matches!(p.lower(a), "them" | "him" | "her" | "us" | "me")
        || (b > a + 1 && matches!(p.lower(a), "so" | "it" | "this" | "nothing"));
    let rest_is_circumstance = b == a + 1
        || (p.kind(a + 1) == TokenKind::Word
            && (is_time_word(p.lower(a + 1)) || is_preposition(p.lower(a + 1))));
    let after_cue = p.span(a).start >= clause.cue.end;
    if pronoun_object
        && after_cue
        && rest_is_circumstance
        && is_saying_verb(&p.text()[clause.cue.range()].to_lowercase())
    {
        return None;
    }
    // The `that` the clause reader stepped over after the cue (`said that C`).
    let that = that.or_else(|| {
        (a > 0
            && p.kind(a - 1) == TokenKind::Word
            && p.lower(a - 1) == "that"
            && p.span(a - 1).start >= clause.cue.end)
            .then(|| a - 1)
    });
    let span = p.span(that.unwrap_or(a)).cover(p.span(b - 1));
    // Inside a direct quote, or a direct quote and nothing else (or a split one: quotes at
    // both ends).
    let direct_at =
        |i: usize| p.kind(i) == TokenKind::Quote && direct.iter().any(|d| p.span(i).contains(*d));
    let inside = direct
        .iter()
        .any(|d| d.start <= span.start && span.end <= d.end)
        || (that.is_none() && direct_at(a) && (b == a + 1 || p.kind(b - 1) == TokenKind::Quote));
    (!inside).then_some(span)
}
