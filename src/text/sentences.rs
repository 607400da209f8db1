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
