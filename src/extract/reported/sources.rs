//! Sources: who or what the draft credits — a person (a name, pronoun or role, read and
//! resolved by the direct-quote attribution's stages) or another noun phrase (an
//! organisation, a poll, a report, `many economists`).

use crate::text::Span;

use super::super::attribution::shared::{Paragraph, Resolver, SourceMention};
use super::super::attribution::Speaker;
use super::words::{
    in_number, is_personal_pronoun, is_preposition, is_subordinator, AUXILIARIES, DETERMINERS,
    FINITE_VERBS, NOT_SOURCE_NAMES,
};
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

/// Most words of a noun phrase read as a source.
const PHRASE_MAX_WORDS: usize = 8;

/// Words that cannot be inside a noun phrase that is a source.
const NOT_IN_PHRASE: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "whom", "when", "while", "if", "because", "as",
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "not", "to", "it", "he", "she", "they", "we",
    "i", "you", "there", "also", "then", "so", "than", "do", "does", "did", "said", "says", "say",
    "told", "what", "how", "why", "where",
];

/// Prepositions a sentence-opening source phrase may hold (`a spokeswoman for the
/// agency`, `staff on the committee`, `more than six in 10`).
const PHRASE_PREPOSITIONS: &[&str] = &["for", "at", "in", "on", "from", "with"];

/// Words after which a subject may open (`…, and the report found`, `that is why
/// critics say`).
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "that", "because", "while", "as", "when", "if", "so", "though", "although",
    "since", "where", "whereas", "yet", "after", "before", "once", "why", "how",
];

/// The subject of the cue at token `verb` (not before token `floor`): a person mention
/// when the attribution reads one, otherwise a noun phrase of up to eight words that
/// opens a clause (`the report found`, `Most economists, however, believe`).
pub(super) fn subject_before(p: &Paragraph, verb: usize, floor: usize) -> Option<Source> {
    if let Some(m) = p
        .subject_of(verb, floor)
        .filter(|m| !holds_finite_verb(p, *m, verb))
    {
        // "a website called X": the object of a preposition right before the verb is no
        // subject ("help from Ana Ruiz, who said" is). After `of` it ends the subject's
        // noun phrase (`36 percent of Democrats said`), read below.
        let first = (floor..verb).find(|&t| p.span(t).start >= m.span.start)?;
        let adjacent = p.span(verb.saturating_sub(1)).end <= m.span.end;
        let object_of = (adjacent
            && first > floor
            && p.kind(first - 1) == TokenKind::Word
            && is_preposition(p.lower(first - 1))
            && !is_subordinator(p.lower(first - 1)))
        .then(|| p.lower(first - 1));
        match object_of {
            None => return Some(Source::Mention(m)),
            Some("of") => {}
            Some(_) => return None,
        }
    }
    let mut j = verb;
    while j > floor && p.kind(j - 1) == TokenKind::Word && AUXILIARIES.contains(&p.lower(j - 1)) {
        j -= 1;
    }
    // "And a third, Daniel Traynor, said": the appositive names the source; in "… to Mr.
    // Sanders, said David Axelrod" the name is a preposition's object and the source
    // follows the verb.
    if j >= floor + 3 && p.word(j - 1) == "," {
        if let Some(m) = p
            .mention_ending_at(j - 2)
            .filter(|m| !holds_finite_verb(p, *m, verb))
        {
            // "… to Mr. Sanders," and "… for the EU,": past a determiner.
            let after_preposition = (floor..j)
                .rev()
                .filter(|&t| p.span(t).end <= m.span.start)
                .find(|&t| !(p.kind(t) == TokenKind::Word && DETERMINERS.contains(&p.lower(t))))
                .is_some_and(|t| p.kind(t) == TokenKind::Word && is_preposition(p.lower(t)));
            let inverted = p.mention_starting_at(verb + 1).is_some();
            if !(after_preposition && inverted) {
                return Some(Source::Mention(m));
            }
        }
    }
    phrase_ending_at(p, j.checked_sub(1)?, floor).map(Source::Phrase)
}

/// Whether the mention `m`, written before token `verb`, holds a finite verb (see
/// [`FINITE_VERBS`]) with words after it (`the senator is` is a subject with its
/// auxiliary).
fn holds_finite_verb(p: &Paragraph, m: SourceMention, verb: usize) -> bool {
    (0..verb.min(p.len()))
        .rev()
        .skip_while(|&t| p.span(t).start >= m.span.end)
        .take_while(|&t| p.span(t).start >= m.span.start)
        .any(|t| {
            p.span(t).end < m.span.end
                && p.kind(t) == TokenKind::Word
                && !p.is_capitalized(t)
                && FINITE_VERBS.contains(&p.lower(t))
        })
}

/// A noun phrase whose last word is token `end`, opening a clause (at `floor`, or after
/// a comma or a conjunction) — not the object of a preposition.
pub(super) fn phrase_ending_at(p: &Paragraph, end: usize, floor: usize) -> Option<Span> {
    if end < floor || p.kind(end) != TokenKind::Word || NOT_IN_PHRASE.contains(&p.lower(end)) {
        return None;
    }
    let mut start = end;
    // A preposition inside the phrase (`a spokeswoman for the agency`) is allowed only
    // when the phrase opens the sentence: elsewhere it is the object of one.
    let mut preposition = false;
    let mut opened = false;
    for _ in 0..PHRASE_MAX_WORDS {
        if start == floor {
            opened = true;
            break;
        }
        let prev = start - 1;
        if p.kind(prev) != TokenKind::Word {
            // Punctuation opens it only as a comma, a dash, a colon or a semicolon (`In
            // May, the report found`).
            // Not a comma grouping a number's digits (`1,100 names were`).
            if !matches!(p.word(prev), "," | "—" | "–" | "(" | ";" | ":") || in_number(p, prev)
            {
                return None;
            }
            break;
        }
        let w = p.lower(prev);
        if CLAUSE_OPENERS.contains(&w) {
            break;
        }
        // "the head of the agency", "58 percent of voters".
        if NOT_IN_PHRASE.contains(&w) {
            return None;
        }
        if is_preposition(w) && w != "of" {
            if !PHRASE_PREPOSITIONS.contains(&w) {
                return None;
            }
            preposition = true;
        }
        start = prev;
    }
    if start + PHRASE_MAX_WORDS <= end || is_preposition(p.lower(start)) || (preposition && !opened)
    {
        return None;
    }
    // The phrase opens with a determiner, a capital, a number or a plural noun
    // (`Economists`, `voters`, `58 percent`), or ends with a plural noun (`county
    // officials`, `senior aides`).
    let first = p.lower(start);
    let ok = DETERMINERS.contains(&first)
        || p.is_capitalized(start)
        || first.ends_with('s')
        || first.starts_with(|c: char| c.is_ascii_digit())
        || p.lower(end).ends_with('s');
    ok.then(|| p.span(start).cover(p.span(end)))
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
        Source::Mention(m) => {
            let resolved = resolver.speaker(p, m, cue, at);
            written_over_inferred(p.text(), &resolved).unwrap_or(resolved)
        }
        Source::Phrase(span) => Speaker {
            name: p.text()[span.range()].to_string(),
            mention: span,
            inferred: false,
        },
    }
}

/// A source inferred from a phrase that writes a name the inference does not hold
/// (`Sheinkopf aides` taken for an earlier speaker): the phrase as written is who the
/// draft credits.
pub(super) fn written_over_inferred(text: &str, speaker: &Speaker) -> Option<Speaker> {
    if !speaker.inferred {
        return None;
    }
    let mention = text.get(speaker.mention.range())?;
    let resolved = crate::text::words_for_compare(&speaker.name);
    let bare = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w)
            .to_lowercase()
    };
    let names_resolved = mention
        .split_whitespace()
        .any(|w| resolved.contains(&bare(w)));
    let names_another = mention.split_whitespace().skip(1).any(|w| {
        let lower = bare(w);
        w.chars().next().is_some_and(char::is_uppercase)
            && !lower.is_empty()
            && !NOT_SOURCE_NAMES.contains(&lower.as_str())
            && !resolved.contains(&lower)
    }) || {
        let first = mention.split_whitespace().next().unwrap_or("");
        let lower = bare(first);
        !names_resolved
            && first.chars().next().is_some_and(char::is_uppercase)
            && !NOT_SOURCE_NAMES.contains(&lower.as_str())
            && !is_personal_pronoun(&lower)
            && !resolved.contains(&lower)
            && mention.split_whitespace().count() > 1
    };
    names_another.then(|| Speaker {
        name: mention.to_string(),
        mention: speaker.mention,
        inferred: false,
    })
}
