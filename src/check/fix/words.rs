//! The comparison words of a text with where each is written: the words
//! [`words_for_compare`] reads, each with the span of the text it comes from (the word
//! without the punctuation trimmed around it), so that an edit can replace a word and
//! leave its quote marks and commas alone.

#[cfg(test)]
use crate::text::words_for_compare;
use crate::text::{fold_char, Span};

/// One folded character and the original bytes it comes from.
#[derive(Clone, Copy)]
struct Folded {
    c: char,
    from: Span,
}

/// The words [`words_for_compare`] reads from `text`, in order, with their spans.
pub(crate) fn words_with_spans(text: &str) -> Vec<(String, Span)> {
    let mut folded: Vec<Folded> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let from = Span::new(i, i + c.len_utf8());
        let mut push = |c: char| folded.push(Folded { c, from });
        if c.is_ascii() {
            push(match c {
                '`' => '\'',
                '\t' | '*' | '_' => ' ',
                _ => c.to_ascii_lowercase(),
            });
            continue;
        }
        match fold_char(c) {
            Some(s) => s.chars().for_each(&mut push),
            None if c == '*' || c == '_' => push(' '),
            None => c.to_lowercase().for_each(&mut push),
        }
    }
    let mut out = Vec::new();
    let is_break = |f: &Folded| f.c.is_whitespace() || f.c == '/' || f.c == '"';
    for chunk in folded.split(is_break) {
        // `split("--")`: non-overlapping double hyphens, from the left.
        let mut from = 0;
        let mut k = 0;
        while k < chunk.len() {
            if chunk[k].c == '-' && chunk.get(k + 1).is_some_and(|f| f.c == '-') {
                push_word(&chunk[from..k], &mut out);
                k += 2;
                from = k;
            } else {
                k += 1;
            }
        }
        push_word(&chunk[from..], &mut out);
    }
    out
}

/// Trims `piece` of what is not a letter or digit and adds what is left, if anything.
fn push_word(piece: &[Folded], out: &mut Vec<(String, Span)>) {
    let Some(first) = piece.iter().position(|f| f.c.is_alphanumeric()) else {
        return;
    };
    let last = piece
        .iter()
        .rposition(|f| f.c.is_alphanumeric())
        .unwrap_or(first);
    let word: String = piece[first..=last].iter().map(|f| f.c).collect();
    out.push((word, piece[first].from.cover(piece[last].from)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_the_span_of_their_letters() {
        let text = "“We’re going — *very* clear,” a--b …";
        let words = words_with_spans(text);
        let written: Vec<&str> = words.iter().map(|(_, s)| &text[s.range()]).collect();
        assert_eq!(
            written,
            ["We’re", "going", "very", "clear", "a", "b"],
            "{words:?}"
        );
    }

    proptest::proptest! {
        /// The words are exactly those of `words_for_compare`, and each span lies on
        /// char boundaries of the text.
        #[test]
        fn words_agree_with_words_for_compare(
            text in "[a-zA-Z0-9 .,*_`/\"'\t\n\u{2019}\u{2014}\u{201c}\u{201d}\u{2026}\u{fb01}É-]{0,60}"
        ) {
            let words = words_with_spans(&text);
            let plain: Vec<String> = words.iter().map(|(w, _)| w.clone()).collect();
            proptest::prop_assert_eq!(plain, words_for_compare(&text));
            for (_, span) in &words {
                proptest::prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
}
