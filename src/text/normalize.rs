//! Normalisation with an offset map: typographic variants folded to one form, Markdown
//! emphasis markers dropped, whitespace collapsed — and every byte of the result mapped
//! back to the original bytes it came from.

use super::layout::is_line_break;
use super::Span;

/// The folded form of a character, when it differs from the character itself.
///
/// `unicode-normalization` does not fold quotes or dashes, so this small table does:
/// curly and low quotes to `"`/`'`, dashes and minus signs to `-`, exotic spaces to a
/// space, the ellipsis to `...`, and invisible characters (zero-width, soft hyphen,
/// byte-order mark, bidi controls) to nothing.
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' | '\u{FF02}' => "\"",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{0060}'
        | '\u{00B4}' | '\u{FF07}' => "'",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => " ",
        '\u{2026}' => "...",
        '\u{00AD}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => "",
        _ => return None,
    })
}

/// Text after normalisation, with a map from each of its bytes to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`: the original start offset of the character that produced it.
    starts: Offsets,
    /// For each byte of `text`: the original end offset of the character that produced it.
    ends: Offsets,
    /// Original length, for mapping an offset at the end of `text`.
    original_len: usize,
}

impl Normalized {
    /// Maps a span of the normalised text back to the original bytes it came from.
    pub fn to_original(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self.original_offset(span.start);
            return Span::new(at, at);
        }
        Span::new(self.starts.at(span.start), self.ends.at(span.end - 1))
    }

    /// Maps an offset of the normalised text to the original offset where that byte's
    /// character starts (the original length for the end of the text).
    pub fn original_offset(&self, offset: usize) -> usize {
        self.starts.get(offset).unwrap_or(self.original_len)
    }

    /// Appends `original[from..to]`, ASCII kept as it is: each byte maps to itself.
    fn push_ascii_run(&mut self, original: &str, from: usize, to: usize) {
        self.text.push_str(&original[from..to]);
        self.starts.extend_range(from, to);
        self.ends.extend_range(from + 1, to + 1);
    }

    fn push(&mut self, s: &str, from: usize, to: usize) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.starts.push(from);
            self.ends.push(to);
        }
    }
}

/// Byte offsets into the original text, one per byte of the normalised text: 4 bytes
/// each when the original is under 4 GiB (the offset map is the largest structure of a
/// check, so this halves its memory), 8 otherwise.
#[derive(Debug, Clone)]
enum Offsets {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl Default for Offsets {
    fn default() -> Self {
        Offsets::Narrow(Vec::new())
    }
}

impl Offsets {
    /// Room for `n` offsets into a text of `n` bytes.
    fn with_capacity(n: usize) -> Self {
        if u32::try_from(n).is_ok() {
            Offsets::Narrow(Vec::with_capacity(n))
        } else {
            Offsets::Wide(Vec::with_capacity(n))
        }
    }

    fn get(&self, i: usize) -> Option<usize> {
        match self {
            Offsets::Narrow(v) => v.get(i).map(|&o| o as usize),
            Offsets::Wide(v) => v.get(i).copied(),
        }
    }

    /// The offset at `i` (which must exist).
    fn at(&self, i: usize) -> usize {
        match self {
            Offsets::Narrow(v) => v[i] as usize,
            Offsets::Wide(v) => v[i],
        }
    }

    #[inline]
    fn push(&mut self, offset: usize) {
        if let Offsets::Narrow(v) = self {
            if let Ok(o) = u32::try_from(offset) {
                v.push(o);
                return;
            }
        }
        self.push_wide(offset);
    }

    /// Pushes the offsets `from..to`.
    fn extend_range(&mut self, from: usize, to: usize) {
        if let (Offsets::Narrow(v), Ok(from32), Ok(to32)) =
            (&mut *self, u32::try_from(from), u32::try_from(to))
        {
            v.extend(from32..to32);
            return;
        }
        for offset in from..to {
            self.push(offset);
        }
    }

    /// [`Offsets::push`] for an offset that does not fit 4 bytes, or when the offsets
    /// are already wide.
    #[cold]
    #[inline(never)]
    fn push_wide(&mut self, offset: usize) {
        match self {
            Offsets::Narrow(v) => match u32::try_from(offset) {
                Ok(o) => v.push(o),
                Err(_) => {
                    // Only reachable if the text outgrew its capacity estimate.
                    let mut wide: Vec<usize> = v.iter().map(|&o| o as usize).collect();
                    wide.push(offset);
                    *self = Offsets::Wide(wide);
                }
            },
            Offsets::Wide(v) => v.push(offset),
        }
    }

    fn pop(&mut self) {
        match self {
            Offsets::Narrow(v) => {
                v.pop();
            }
            Offsets::Wide(v) => {
                v.pop();
            }
        }
    }
}

/// Normalises `original` for matching claims: folds quotes, dashes, spaces and invisible
/// characters ([`fold_char`]), drops Markdown emphasis markers (`*`, `_` at word edges,
/// backticks), turns a single line break into a space when it wraps a paragraph (see
/// [`super::layout`]: hard-wrapped prose, with or without blank lines between its
/// paragraphs), and collapses runs of spaces. A paragraph break
/// becomes `"\n\n"`. Case is kept.
pub fn normalize(original: &str) -> Normalized {
    let layout = super::layout::LineLayout::of(original);
    let mut out = Normalized {
        text: String::with_capacity(original.len()),
        starts: Offsets::with_capacity(original.len()),
        ends: Offsets::with_capacity(original.len()),
        original_len: original.len(),
    };
    let bytes = original.as_bytes();
    let mut chars = original.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // Most of a draft is plain ASCII that stays as it is: no folding, no lookups,
        // copied a run at a time.
        if is_plain_ascii(c) {
            let mut run_end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !is_plain_ascii(d) {
                    break;
                }
                run_end = j + 1;
                chars.next();
            }
            out.push_ascii_run(original, i, run_end);
            continue;
        }
        let end = i + c.len_utf8();
        if c.is_whitespace() || matches!(fold_char(c), Some(" ")) {
            // Collapse the whole whitespace run.
            let mut newlines = usize::from(is_line_break(bytes, i));
            let mut last_break = i;
            let mut run_end = end;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_whitespace() || matches!(fold_char(d), Some(" ") | Some("")) {
                    if is_line_break(bytes, j) {
                        newlines += 1;
                        last_break = j;
                    }
                    run_end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let at_start = out.text.is_empty();
            if at_start {
                continue;
            }
            let paragraph = newlines >= 2 || (newlines == 1 && !layout.is_wrap(last_break));
            out.push(if paragraph { "\n\n" } else { " " }, i, run_end);
            continue;
        }
        if c == '*' || c == '`' {
            continue;
        }
        if c == '_' {
            let prev_word = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
            let next_word = bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric());
            if !(prev_word && next_word) {
                continue;
            }
        }
        match fold_char(c) {
            Some(folded) => out.push(folded, i, end),
            None => {
                let mut buf = [0u8; 4];
                out.push(c.encode_utf8(&mut buf), i, end);
            }
        }
    }
    // Drop trailing whitespace so the text ends on content.
    while out.text.ends_with([' ', '\n']) {
        out.text.pop();
        out.starts.pop();
        out.ends.pop();
    }
    out
}

/// True for an ASCII character that normalisation keeps as it is: not whitespace, not a
/// Markdown marker (`*`, `` ` ``, `_`).
#[inline]
fn is_plain_ascii(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_whitespace() && !matches!(c, '*' | '`' | '_' | '\x0B')
}

/// Splits text into comparison words: folded ([`fold_char`]), lower-cased, with
/// punctuation stripped from word edges. Apostrophes and hyphens inside a word stay
/// (`we're`, `soto-martinez`, `13-0`); Markdown markers are dropped.
pub fn words_for_compare(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            // The ASCII characters `fold_char` folds are the backtick and the tab.
            folded.push(match c {
                '`' => '\'',
                '\t' | '*' | '_' => ' ',
                _ => c.to_ascii_lowercase(),
            });
            continue;
        }
        match fold_char(c) {
            Some(s) => folded.push_str(s),
            None if c == '*' || c == '_' => folded.push(' '),
            None => folded.extend(c.to_lowercase()),
        }
    }
    folded
        .split(|c: char| c.is_whitespace() || c == '/' || c == '"')
        .flat_map(|w| w.split("--"))
        .filter_map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            (!w.is_empty()).then(|| w.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let original = "A **13\u{2013}0** vote,\u{00A0}“yes”.";
        let n = normalize(original);
        assert_eq!(n.text, "A 13-0 vote, \"yes\".");
        let at = n.text.find("13-0").unwrap();
        let span = n.to_original(Span::new(at, at + 4));
        assert_eq!(&original[span.range()], "13\u{2013}0");
        let q = n.text.find("\"yes\"").unwrap();
        let span = n.to_original(Span::new(q, q + 5));
        assert_eq!(&original[span.range()], "“yes”");
    }

    #[test]
    fn line_breaks_follow_the_document_style() {
        assert_eq!(normalize("one\ntwo\n\nthree").text, "one two\n\nthree");
        assert_eq!(
            normalize("One.\nTwo.\nThree.").text,
            "One.\n\nTwo.\n\nThree."
        );
        // Without blank lines, a line that goes on with the sentence is a wrap.
        assert_eq!(
            normalize("In a unanimous 13-0\nvote on Tuesday.\rIt passed.").text,
            "In a unanimous 13-0 vote on Tuesday.\n\nIt passed."
        );
        assert_eq!(
            normalize("one\r\ntwo\r\n\r\nthree\r\n").text,
            "one two\n\nthree"
        );
    }

    #[test]
    fn compare_words_ignore_typography() {
        assert_eq!(
            words_for_compare("We’re going — “very” *clear*, Soto-Martinez…"),
            vec!["we're", "going", "very", "clear", "soto-martinez"]
        );
    }

    #[test]
    fn ascii_markers_and_controls() {
        let table: &[(&str, &str)] = &[
            ("a\x0Bb", "a b"),
            ("`code` here", "code here"),
            ("snake_case _word_ end_", "snake_case word end"),
            ("\tlead\tand\ttabs\t", "lead and tabs"),
            ("**bold** and *it*", "bold and it"),
            ("a\x0C\x0Cb", "a b"),
        ];
        for (original, want) in table {
            assert_eq!(&normalize(original).text, want, "in {original:?}");
        }
    }

    /// `words_for_compare` as it reads without its ASCII fast path: every character
    /// through [`fold_char`].
    fn words_for_compare_by_fold(text: &str) -> Vec<String> {
        let mut folded = String::new();
        for c in text.chars() {
            match fold_char(c) {
                Some(s) => folded.push_str(s),
                None if c == '*' || c == '_' => folded.push(' '),
                None => folded.extend(c.to_lowercase()),
            }
        }
        folded
            .split(|c: char| c.is_whitespace() || c == '/' || c == '"')
            .flat_map(|w| w.split("--"))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    proptest::proptest! {
        /// The ASCII fast path of `words_for_compare` folds exactly as `fold_char` does.
        #[test]
        fn compare_words_fast_path_folds_like_fold_char(text in "[a-zA-Z0-9 .,*_`/\"'\t\x0B\n\u{2019}\u{2014}É]{0,80}") {
            proptest::prop_assert_eq!(words_for_compare(&text), words_for_compare_by_fold(&text));
        }

        /// Every character of the normalised text maps back to a span of the original
        /// that lies on char boundaries and produces it: the original character itself,
        /// its folded form, or (for a space or paragraph break) whitespace.
        #[test]
        fn offset_map_round_trips(original in "(?s)[a-zA-Z0-9 .,*_`\n\r\t\u{a0}\u{2013}\u{2014}\u{201c}\u{201d}\u{2019}\u{2026}\u{200b}\u{feff}é漢]{0,80}") {
            let n = normalize(&original);
            for (i, c) in n.text.char_indices() {
                let span = n.to_original(Span::new(i, i + c.len_utf8()));
                proptest::prop_assert!(span.start <= span.end && span.end <= original.len());
                proptest::prop_assert!(original.is_char_boundary(span.start) && original.is_char_boundary(span.end));
                let source = &original[span.range()];
                let produced = source.chars().any(|o| {
                    o == c || fold_char(o).is_some_and(|f| f.contains(c))
                }) || (c.is_whitespace() && source.chars().all(|o| o.is_whitespace() || fold_char(o).is_some()));
                proptest::prop_assert!(produced, "{:?} from {:?}", c, source);
            }
            // Spans are monotonic: normalisation never reorders text.
            let mut last = 0;
            for (i, c) in n.text.char_indices() {
                let span = n.to_original(Span::new(i, i + c.len_utf8()));
                proptest::prop_assert!(span.start >= last);
                last = span.start;
            }
        }
    }
}
