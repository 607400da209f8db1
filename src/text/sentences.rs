//! Sentence and paragraph segmentation over normalised text.
//!
//! Sentences come from `sentencex` (it knows `Mr.`, `U.S.`, `Jan. 5`); a sentence never
//! crosses a paragraph break.

use super::Span;

/// Paragraph spans of a normalised text (paragraphs are separated by `"\n\n"`).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n") {
        if i > start {
            out.push(Span::new(start, i));
        }
        start = i + 2;
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Paragraph spans of an original (unnormalised) text, trimmed of surrounding whitespace.
///
/// A blank line ends a paragraph; a single line break ends one unless it is a wrap
/// inside the paragraph (the same reading as [`crate::text::normalize`]; see
/// [`super::layout`]). Lines end at `\n`, `\r\n` or a lone `\r`
/// ([`crate::text::line_breaks`]).
pub fn source_paragraphs(text: &str) -> Vec<Span> {
    let layout = super::layout::LineLayout::of(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |from: usize, to: usize| {
        let s = &text[from..to];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead < s.len() {
            out.push(Span::new(from + lead, to - trail));
        }
    };
    let mut line_start = 0;
    for i in super::line_breaks(text) {
        if text[line_start..i].trim().is_empty() || !layout.is_wrap(i) {
            push(start, i);
            start = i + 1;
        }
        line_start = i + 1;
    }
    push(start, text.len());
    out
}

/// Longest piece of a paragraph handed to the sentence splitter at once. `sentencex`
/// pairs quote marks with a scan that grows faster than the text on some inputs (a flood
/// of unbalanced marks); a longer paragraph — far beyond what prose has — is split first,
/// at a sentence end near the limit when there is one, so the time stays linear.
pub(crate) const SENTENCE_CHUNK_BYTES: usize = 32 * 1024;

/// Sentence spans of a normalised text, trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        for chunk in chunks(text, para, SENTENCE_CHUNK_BYTES) {
            let slice = &text[chunk.range()];
            for b in sentencex::get_sentence_boundaries("en", slice) {
                let Some(s) = slice.get(b.start_byte..b.end_byte) else {
                    continue;
                };
                let lead = s.len() - s.trim_start().len();
                let trail = s.len() - s.trim_end().len();
                if s.trim().is_empty() {
                    continue;
                }
                out.push(Span::new(
                    chunk.start + b.start_byte + lead,
                    chunk.start + b.end_byte - trail,
                ));
            }
        }
    }
    out
}

/// `span` of `text` cut into pieces of at most `max` bytes (the whole span when it is
/// short enough): each cut after the last `. `, `! ` or `? ` in the second half of the
/// piece, else after its last space, else at its last char boundary.
fn chunks(text: &str, span: Span, max: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    while span.end - start > max {
        let mut limit = super::source::floor_char_boundary(text, start + max);
        if limit <= start {
            // `max` is shorter than the character at `start`: take that one character.
            limit = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        let piece = &text[start..limit];
        let half = piece.len() / 2;
        let sentence_end = piece
            .rmatch_indices(['.', '!', '?'])
            .take_while(|(i, _)| *i >= half)
            .find(|(i, _)| piece.as_bytes().get(i + 1) == Some(&b' '))
            .map(|(i, _)| i + 2);
        let cut = sentence_end
            .or_else(|| piece.rfind(' ').filter(|&i| i > 0).map(|i| i + 1))
            .unwrap_or(piece.len());
        out.push(Span::new(start, start + cut));
        start += cut;
    }
    if start < span.end || out.is_empty() {
        out.push(Span::new(start, span.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paragraphs_follow_the_document_style() {
        let text = "a\nb\n\n  c\r\n";
        let got: Vec<&str> = source_paragraphs(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(got, vec!["a\nb", "c"]);
        let text = "A.\nB.\r\nC.";
        let got: Vec<&str> = source_paragraphs(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(got, vec!["A.", "B.", "C."]);
        // A hard-wrapped paragraph without blank lines is one paragraph.
        let text = "In a unanimous 13-0\r\nvote on Tuesday.";
        assert_eq!(source_paragraphs(text), vec![Span::new(0, text.len())]);
    }

    #[test]
    fn long_paragraphs_are_split_into_bounded_pieces() {
        let para = "Aé “b” c. ".repeat(50);
        let text = para.as_str();
        for max in [1, 2, 3, 7, 16, 64, 1000] {
            let pieces = chunks(text, Span::new(0, text.len()), max);
            let mut at = 0;
            for p in &pieces {
                assert_eq!(p.start, at, "contiguous");
                assert!(p.end > p.start, "not empty");
                assert!(p.len() <= max.max(4), "{p:?} longer than {max}");
                assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
                at = p.end;
            }
            assert_eq!(at, text.len());
        }
        // Cuts fall after a sentence end when there is one in the second half.
        let pieces = chunks(text, Span::new(0, text.len()), 64);
        assert!(pieces[..pieces.len() - 1]
            .iter()
            .all(|p| text[p.range()].ends_with(". ")));
        // A short paragraph is one piece, and sentences stay the same.
        assert_eq!(chunks("a b", Span::new(0, 3), 64), vec![Span::new(0, 3)]);
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "Mr. Smith went to the U.S. Senate on Jan. 5, 2025. He voted no.\n\nNew para";
        let got: Vec<&str> = sentences(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(
            got,
            vec![
                "Mr. Smith went to the U.S. Senate on Jan. 5, 2025.",
                "He voted no.",
                "New para"
            ]
        );
    }
}
