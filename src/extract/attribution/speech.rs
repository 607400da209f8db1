//! Which quoted spans are speech: titles (`“Parks and Recreation”`) and labels (`dubbed
//! it “…”`, `the show “…”`) are not.

use super::lexicon::{NAMING_VERBS, TITLE_NOUNS};
use super::tokens::{word_count, Para};

/// True when the quoted words look like a title or name (`“Parks and Recreation”`):
/// every significant word capitalised and no sentence punctuation inside.
pub(super) fn looks_like_title(s: &str) -> bool {
    let t = s.trim();
    if t.ends_with(['.', '!', '?', ',']) && word_count(t) > 3 {
        return false;
    }
    let small = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
        "&",
    ];
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

/// A quoted span introduced as a label or title (`dubbed it “…”`, `the show “…”`).
pub(super) fn is_label(p: &Para, q: usize) -> bool {
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
