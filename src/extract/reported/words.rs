//! Word lists the clause and source stages read: determiners, prepositions, times,
//! clause breaks, verbs whose object is the person told.

use super::{Paragraph, TokenKind};

/// Words that open a noun phrase.
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
    "your", "some", "many", "most", "several", "few", "both", "all", "other", "each", "every",
    "another", "no", "any",
];

/// Verbs whose object (the person told) comes before the content.
pub(super) const TELLING_VERBS: &[&str] = &[
    "told",
    "tells",
    "tell",
    "telling",
    "assured",
    "assures",
    "reminded",
    "reminds",
    "informed",
    "informs",
    "warned",
    "warns",
    "convinced",
    "persuaded",
    "promised",
    "promises",
    "asked",
    "asks",
    "urged",
    "urges",
    "advised",
    "notified",
];

/// Finite verbs: a mention holding one is a clause (`The bridge was never safe, said Ana
/// Ruiz`), and a `that` right before one is a relative pronoun (`incidents that had`).
pub(super) const FINITE_VERBS: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "must", "does", "did",
];

/// Words that may stand between a subject and its verb (`has said`, `also argued`).
pub(super) const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "would",
    "will",
    "did",
    "does",
    "do",
    "may",
    "might",
    "could",
    "can",
    "should",
    "must",
    "not",
    "never",
    "long",
    "repeatedly",
    "previously",
    "recently",
    "publicly",
    "privately",
    "often",
    "later",
    "earlier",
    "then",
    "once",
    "again",
    "further",
    "still",
    "already",
    "first",
    "even",
    "just",
    "reportedly",
    "allegedly",
    "generally",
    "always",
    "frequently",
    "now",
    "too",
    "clearly",
    "openly",
];

/// Whether a lower-cased word is a preposition (a time, place or manner follows a cue).
pub(super) fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "while"
            | "of"
            | "after"
            | "before"
            | "from"
            | "to"
            | "via"
            | "through"
            | "with"
            | "when"
            | "as"
            | "for"
            | "about"
            | "by"
            | "over"
            | "into"
            | "outside"
            | "inside"
            | "since"
            | "until"
            | "without"
            | "amid"
            | "among"
            | "against"
            | "upon"
            | "under"
            | "near"
            | "aboard"
            | "following"
            | "here"
            | "there"
    )
}

/// Whether a lower-cased word is a time that may follow a cue (`said Tuesday`, `said
/// last week`).
pub(super) fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "recently"
            | "earlier"
            | "later"
            | "again"
            | "also"
            | "previously"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "last"
            | "this"
            | "next"
            | "week"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "weekend"
            | "ago"
            | "then"
            | "now"
            | "often"
            | "once"
            | "too"
            | "flatly"
            | "bluntly"
            | "simply"
            | "frankly"
            | "openly"
            | "quietly"
    )
}

/// Whether a lower-cased word is a month's name that is no other word (`May` and
/// `March` are left out: `may`, `march`).
pub(super) fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Whether a lower-cased word names a record that reports findings (`poll`, `report`,
/// `records`): such a subject credits the clause after `shows`, `found`, `suggests` even
/// without a `that`, and `In a … poll, C` credits the poll.
pub(super) fn is_record_noun(w: &str) -> bool {
    matches!(
        w,
        "poll"
            | "polls"
            | "polling"
            | "survey"
            | "surveys"
            | "report"
            | "reports"
            | "record"
            | "records"
            | "data"
            | "study"
            | "studies"
            | "figures"
            | "numbers"
            | "results"
            | "analysis"
            | "documents"
            | "filings"
            | "research"
            | "statistics"
            | "estimates"
            | "census"
            | "tally"
            | "count"
    )
}

/// Whether a lower-cased word after a comma opens a new clause that ends the content
/// (`, but`, `, which`, `, while`).
pub(super) fn is_clause_break(w: &str) -> bool {
    matches!(
        w,
        "but"
            | "which"
            | "while"
            | "although"
            | "though"
            | "whereas"
            | "according"
            | "who"
            | "whose"
            | "even"
            | "yet"
            | "whom"
            | "a"
            | "an"
            | "the"
    )
}

/// Whether token `i` is a participle opening a clause of its own (`, saying`, `,
/// noting`), not a noun such as `thing` or `morning`.
pub(super) fn is_participle(p: &Paragraph, i: usize) -> bool {
    if p.kind(i) != TokenKind::Word || p.is_capitalized(i) {
        return false;
    }
    let w = p.lower(i);
    // Five letters: `using`, `being`, `doing`, `going` are participles; `thing`, `sting`
    // and the like, below, are not.
    w.len() >= 5
        && w.ends_with("ing")
        && !matches!(
            w,
            "nothing"
                | "something"
                | "anything"
                | "everything"
                | "morning"
                | "evening"
                | "during"
                | "including"
                | "following"
                | "according"
                | "building"
                | "meeting"
                | "funding"
                | "spending"
                | "polling"
                | "housing"
                | "training"
                | "hearing"
                | "bring"
                | "thing"
                | "sting"
                | "swing"
                | "sling"
                | "cling"
                | "fling"
                | "wring"
                | "string"
                | "spring"
                | "sibling"
                | "ceiling"
        )
}

/// Whether a lower-cased word opens a subordinate clause (`while`, `although`, `when`).
pub(super) fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "while"
            | "although"
            | "though"
            | "because"
            | "if"
            | "when"
            | "whereas"
            | "since"
            | "unless"
            | "after"
            | "before"
            | "once"
            | "as"
    )
}

/// Whether a lower-cased word is a personal pronoun (`he`, `she`, `they`, …).
pub fn is_personal_pronoun(lower: &str) -> bool {
    matches!(lower, "he" | "she" | "they" | "it" | "we" | "i" | "you")
}

/// Capitalised words that open a sentence or name a time, never a source by themselves
/// (lower-cased).
pub const NOT_SOURCE_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "as",
    "after",
    "before",
    "while",
    "when",
    "if",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "then",
    "still",
    "now",
    "also",
    "however",
    "meanwhile",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "president",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "last",
    "earlier",
    "later",
    "according",
    "by",
];

/// True when the `,` at token `j` groups the digits of a number (`5,000`).
pub(super) fn in_number(p: &Paragraph, j: usize) -> bool {
    let digit = |t: usize, last: bool| {
        p.kind(t) == TokenKind::Word && {
            let w = p.word(t);
            let c = if last {
                w.chars().next_back()
            } else {
                w.chars().next()
            };
            c.is_some_and(|c| c.is_ascii_digit())
        }
    };
    j > 0
        && j + 1 < p.len()
        && p.word(j) == ","
        && p.span(j - 1).end == p.span(j).start
        && p.span(j).end == p.span(j + 1).start
        && digit(j - 1, true)
        && digit(j + 1, false)
}
