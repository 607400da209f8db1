//! Finding direct quotes: curly and straight marks, multi-sentence and multi-paragraph
//! quotes, split quotes, embedded partial quotes, nested single quotes — and telling
//! speech from scare quotes and titles.

use crate::text::Span;

use super::attribution::Speaker;

/// A direct quote: one or more segments of quoted words (a split quote has several),
/// with its speaker when one was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words of each segment, without the marks, in original byte offsets.
    pub segments: Vec<Span>,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
    /// The reporting verb or phrase the attribution rests on (`said`, `according to`, `:`).
    pub cue: Option<String>,
}

/// Finds every direct quote in `text` (the original text of a draft).
pub fn find_quotes(text: &str) -> Vec<Quote> {
    let _ = text;
    todo!("quotes")
}
