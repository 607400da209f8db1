//! Which quoted spans are speech: titles (`“Parks and Recreation”`) and labels (`dubbed
//! it “…”`, `the show “…”`) are not.

use super::lexicon::{NAMING_VERBS, TITLE_NOUNS};
use super::tokens::{word_count, Para};

/// What the later stages found around a quoted span, for [`is_speech`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Around {
    /// A reporting clause credits it (before or after it).
    pub(super) attributed: bool,
    /// The reporting clause follows it (`“…,” X said`).
    pub(super) attributed_after: bool,
    /// An earlier quote of the paragraph is speech with a reporting clause after it.
    pub(super) follows_speech: bool,
}

/// True when the quoted span at token `q` (its words `inner`) is speech: not a label or
/// title, and either credited by a reporting clause (a short title-like span only when
/// the clause follows it) or long enough (four words or more) not to be a scare quote
/// or title.
///
/// A short utterance (words ending in `.`, `?` or `!`) is speech when a reporting verb
/// introduces it (`Priebus said, “Probably.”`, `she asked: “Really?”`) or when it opens
/// a sentence after a quote of the same paragraph with its reporting clause (`“You
/// think I’m going to change?” he said last month. “I’m not changing.”`). A span in
/// capitals with no reporting clause is a headline or a sign, not speech.
pub(super) fn is_speech(p: &Para, q: usize, inner: &str, around: Around) -> bool {
    if is_label(p, q) || is_title_in_context(p, q, inner) || is_cited_work(p, q) {
        return false;
    }
    if is_utterance(inner)
        && (introduced_by_verb(p, q)
            || (around.follows_speech && (q == 0 || p.ends_sentence(q - 1))))
    {
        return true;
    }
    let words = word_count(inner);
    if q >= 1 && p.is_word(q - 1) && p.lower(q - 1) == "so-called" {
        // so-called “rebels”: a label, not speech.
        return false;
    }
    if around.attributed {
        !(looks_like_title(inner) && words <= 4 && !around.attributed_after)
    } else {
        words >= 4 && !looks_like_title(inner) && !in_capitals(inner)
    }
}

/// True when quoted words end as a sentence does (`.`, `?`, `!`, before any inner
/// closing mark).
fn is_utterance(inner: &str) -> bool {
    inner
        .trim_end()
        .trim_end_matches(['”', '"', '’', '\'', ')'])
        .ends_with(['.', '?', '!'])
}

/// True when a reporting verb and a comma or colon come right before token `q` (`said,
/// “…”`, `asked: “…”`).
fn introduced_by_verb(p: &Para, q: usize) -> bool {
    q >= 2 && (p.is_punct(q - 1, ",") || p.is_punct(q - 1, ":")) && p.is_reporting_verb(q - 2)
}

/// True when the words are in capitals (six letters or more): a headline or a sign.
fn in_capitals(inner: &str) -> bool {
    let mut letters = 0;
    for c in inner.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 6
}

/// Words that come before the title of a show, book or event, not before speech: `on
/// “Fox and Friends,”`, `host of “…”`, `the “Growth and Opportunity Project,”`, `told
/// “Meet the Press”`, `wrote “Peter Pan”`.
const BEFORE_TITLE: &[&str] = &[
    "on",
    "of",
    "in",
    "with",
    "and",
    "the",
    "from",
    "at",
    "told",
    "wrote",
    "perform",
    "performed",
    "sang",
];

/// True when the quoted span is an article or work cited with its author: `“Met
/// accused of whitewashing baby Jesus,” by Post’s Kathianne Boniello`.
fn is_cited_work(p: &Para, q: usize) -> bool {
    p.is_word(q + 1)
        && p.lower(q + 1) == "by"
        && p.is_word(q + 2)
        && (p.is_capitalized(q + 2) || p.lower(q + 2) == "the")
}

/// Nouns right after a title that say what it names: `“Orange Is the New Black” star`.
const AFTER_TITLE: &[&str] = &[
    "star", "stars", "host", "co-host", "anchor", "actor", "actress", "creator", "author", "cast",
    "producer", "writer", "episode", "premiere", "finale",
];

/// Nouns for works that a title follows after a comma: `her memoir, “Tough Choices.”`.
const WORKS: &[&str] = &["memoir", "autobiography", "biography", "anthology"];

/// True when a title-cased span (see [`reads_as_title`]) stands where titles stand:
/// after a possessive (`CNN’s “New Day,”`, `ABC’s “This Week,”`), after a preposition
/// or article (`on “Morning Joe,”`, `host of “…”`), after a work's noun and a comma
/// (`the movie, “13 Hours,”`), or before a noun such as `star` or `host`.
fn is_title_in_context(p: &Para, q: usize, inner: &str) -> bool {
    if !reads_as_title(inner) {
        return false;
    }
    let after_comma = q >= 2 && p.is_punct(q - 1, ",") && p.is_word(q - 2);
    if after_comma {
        let w = p.lower(q - 2);
        if TITLE_NOUNS.contains(&w.as_str()) || WORKS.contains(&w.as_str()) {
            return true;
        }
    } else if q >= 1 && p.is_word(q - 1) {
        let w = p.lower(q - 1);
        if w.ends_with("'s") || w.ends_with("s'") || BEFORE_TITLE.contains(&w.as_str()) {
            return true;
        }
    }
    p.is_word(q + 1) && AFTER_TITLE.contains(&p.lower(q + 1).as_str())
}

/// True when `t` has one to ten words, the first capitalised (or a number) and every
/// other capitalised, a number or one of the `small` function words.
fn capitalised_words(t: &str, small: &[&str]) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 10
        && words.iter().enumerate().all(|(k, w)| {
            let first = w
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next();
            first.is_none_or(|c| c.is_uppercase() || c.is_numeric())
                || (k > 0 && small.contains(&w.to_lowercase().as_str()))
        })
}

/// True when quoted words read as a title: at most ten words, the first capitalised,
/// every other capitalised or a short function word (`Orange is the New Black`, `Fox and
/// Friends,`), ending with at most a comma or a period — not with `?` or `!`.
fn reads_as_title(inner: &str) -> bool {
    let t = inner
        .trim()
        .trim_end_matches(['”', '"', '’', '\''])
        .trim_end_matches([',', '.', ';', ':']);
    if t.ends_with(['?', '!']) {
        return false;
    }
    let small = [
        "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with",
        "by", "from", "as", "is", "vs", "vs.", "&",
    ];
    capitalised_words(t, &small)
}

/// True when the quoted words look like a title or name (`“Parks and Recreation”`):
/// every significant word capitalised and no sentence punctuation inside.
fn looks_like_title(s: &str) -> bool {
    let t = s.trim();
    if t.ends_with(['.', '!', '?', ',']) && word_count(t) > 3 {
        return false;
    }
    let small = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
        "&",
    ];
    capitalised_words(t, &small)
}

/// A quoted span introduced as a label or title (`dubbed it “…”`, `the show “…”`).
fn is_label(p: &Para, q: usize) -> bool {
    let mut i = q;
    let mut steps = 0;
    while i > 0 && steps < 3 {
        i -= 1;
        steps += 1;
        if !p.is_word(i) {
            if p.is_punct(i, ",") || p.is_punct(i, "'") || p.is_punct(i, "’") {
                continue;
            }
            return false;
        }
        let w = p.lower(i);
        if NAMING_VERBS.contains(&w.as_str()) || (steps == 1 && TITLE_NOUNS.contains(&w.as_str())) {
            return true;
        }
        if !matches!(
            w.as_str(),
            "it" | "him" | "her" | "them" | "as" | "the" | "a" | "his" | "its" | "their"
        ) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::super::quotes::find_quotes;

    fn found(text: &str) -> Vec<&str> {
        find_quotes(text)
            .iter()
            .flat_map(|q| q.segments.iter().map(|s| &text[s.range()]))
            .collect()
    }

    /// Each phenomenon the speech test reads, in a row: short utterances that are
    /// speech, and titles, cited works, labels and headlines that are not.
    #[test]
    fn speech_or_not_table() {
        let table: &[(&str, &[&str])] = &[
            // A reporting verb and a comma or colon introduce a short utterance.
            (
                "Asked whether she would resign, Mayor Ana Ruiz said, “Never.”",
                &["Never."],
            ),
            (
                "The chair turned to the clerk and asked: “Really?”",
                &["Really?"],
            ),
            // A short sentence after a quote with its reporting clause goes on with it.
            (
                "“Will we change course?” she said at a briefing on Monday. “We will not.”",
                &["Will we change course?", "We will not."],
            ),
            // Titles where titles stand.
            (
                "Speaking on ABC’s “This Week,” Ruiz said the plan was dead.",
                &[],
            ),
            ("Ruiz told “Morning Edition” that the plan was dead.", &[]),
            (
                "“Orange is the New Black” star Dana Polk said the plan was dead.",
                &[],
            ),
            (
                "She wrote it all down in her memoir, “Hard Choices Ahead.”",
                &[],
            ),
            (
                "He is now the host of “The Evening Hour with Sam Cole.”",
                &[],
            ),
            (
                "“We will not back down,” Ruiz said on “Morning Edition.”",
                &["We will not back down,"],
            ),
            // A cited article with its author.
            (
                "“Council backs new bus lanes after a long fight,” by the Herald’s Ann Wu.",
                &[],
            ),
            // A phrase after `so-called` is a label; a partial quote after an article is
            // the speaker's words.
            ("Ruiz said the so-called “reform package” would fail.", &[]),
            (
                "Ruiz told the council the plan was a “costly boondoggle.”",
                &["costly boondoggle."],
            ),
            // A headline in capitals.
            ("3. FOR PARENTS “THE SCHOOL RUN IS BROKEN.”", &[]),
        ];
        for (text, want) in table {
            assert_eq!(&found(text), want, "in {text:?}");
        }
    }
}
