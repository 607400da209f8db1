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
/// Paragraphs are separated by blank lines in hard-wrapped text; otherwise every line is a
/// paragraph (the same rule as [`crate::text::normalize`]).
pub fn source_paragraphs(text: &str) -> Vec<Span> {
    let blank_lines = super::normalize::is_hard_wrapped(text);
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
    for (i, _) in text.match_indices('\n') {
        let line = &text[line_start..i];
        if !blank_lines || line.trim().is_empty() {
            push(start, i);
            start = i + 1;
        }
        line_start = i + 1;
    }
    push(start, text.len());
    out
}

/// Sentence spans of a normalised text, trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let slice = &text[para.range()];
        for b in sentencex::get_sentence_boundaries("en", slice) {
            let s = &slice[b.start_byte..b.end_byte];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            if s.trim().is_empty() {
                continue;
            }
            out.push(Span::new(
                para.start + b.start_byte + lead,
                para.start + b.end_byte - trail,
            ));
        }
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
        let text = "a\nb\r\nc";
        let got: Vec<&str> = source_paragraphs(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(got, vec!["a", "b", "c"]);
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
