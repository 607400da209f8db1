//! Finding direct quotes: the entry points and the [`Quote`] they return. The work is
//! done in stages by [`super::attribution`]: its first stage,
//! [`super::attribution::marks`], reads the draft's quote convention (double marks or
//! British single marks, guillemets, German low-high marks) and pairs the marks —
//! multi-sentence and multi-paragraph quotes, nested quotes, apostrophes told from
//! marks, markup skipped; the later stages group split quotes, tell speech from scare
//! quotes and titles, and credit speakers.

use crate::text::{source_paragraphs, Span};

pub use super::attribution::marks::{quoted_spans, QuotedSpan};
use super::attribution::{attribute, KnownPerson, PeopleIndex, Speaker};

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

/// Finds every direct quote in `text` (the original text of a draft) and credits its
/// speaker.
pub fn find_quotes(text: &str) -> Vec<Quote> {
    find_quotes_with_people(text, &[])
}

/// Like [`find_quotes`], resolving speakers to `people` (from the rule files) where the
/// draft names them by last name, alias or title.
pub fn find_quotes_with_people(text: &str, people: &[KnownPerson]) -> Vec<Quote> {
    find_quotes_indexed(text, &PeopleIndex::new(people))
}

/// Like [`find_quotes_with_people`], with the people already indexed (to check many
/// drafts against the same people).
pub fn find_quotes_indexed(text: &str, people: &PeopleIndex) -> Vec<Quote> {
    let paragraphs = source_paragraphs(text);
    let spans = quoted_spans(text, &paragraphs);
    attribute(text, &paragraphs, &spans, people)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any text: no panic, and every segment and speaker mention lies inside the text
        /// on char boundaries, with segments in document order.
        #[test]
        fn spans_stay_inside_the_text(text in "(?s)[a-zA-Z .,:;!?\n\"'()\u{201c}\u{201d}\u{2018}\u{2019}\u{2014}\u{ab}\u{bb}\u{201e}\u{201a}\u{2039}\u{203a}\u{ff02}\r<>=/é]{0,200}") {
            let mut last = 0;
            for q in find_quotes(&text) {
                for s in &q.segments {
                    proptest::prop_assert!(s.start <= s.end && s.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    proptest::prop_assert!(s.start >= last);
                    last = s.start;
                }
                if let Some(sp) = &q.speaker {
                    let m = sp.mention;
                    proptest::prop_assert!(m.start <= m.end && m.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                }
            }
        }
    }
}
