//! How a text's line breaks read: a wrap inside a paragraph (read as a space) or the end
//! of a paragraph. Normalisation ([`super::normalize`]) and paragraph segmentation
//! ([`super::source_paragraphs`]) both ask here, so claims, sentences and quotes see the
//! same paragraphs.
//!
//! A blank line always ends a paragraph. A single line break is a wrap when:
//!
//! - the whole text is hard-wrapped prose: it separates paragraphs with blank lines and
//!   no line is longer than [`WRAPPED_LINE_MAX`] bytes (every single break is a wrap); or
//! - the lines on both sides are short (at most [`WRAPPED_LINE_MAX`] bytes), the next
//!   line does not start a list item or an indented paragraph, and either
//!   - the next line goes on with the sentence: it starts with a lower-case letter or a
//!     digit, and the line before it does not end a sentence with `.`, `!` or `?`; or
//!   - the text wraps its lines (most breaks between short lines fall inside a
//!     sentence) and the line before the break is *full*: adding the next line's first
//!     word would have made it longer than the wrap width — what a greedy wrap does,
//!     and what the short last line of a paragraph does not. The wrap width is the
//!     longest line of the block of lines (between blank lines) when the block has
//!     three lines or more, else the widest such block of the text.
//!
//! So a draft written one paragraph per line keeps each line a paragraph (its lines are
//! long, or end sentences, and its short headings and bylines are not full), while a hard-wrapped
//! draft reads as its sentences whether or not blank lines separate its paragraphs and
//! whatever its line ends (`\n`, `\r\n`, `\r`).

/// Longest line (in bytes) that hard-wrapped prose has; a longer line means the writer
/// lets lines run, so each line break ends a paragraph.
pub(crate) const WRAPPED_LINE_MAX: usize = 160;

/// True when the byte at `i` ends a line: `\n`, or a `\r` not followed by `\n` (old Mac
/// line endings; see [`super::line_breaks`]).
pub(crate) fn is_line_break(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// Which single line breaks of a text are wraps (see the module documentation).
#[derive(Debug, Clone, Default)]
pub(crate) struct LineLayout {
    /// Every single line break is a wrap (hard-wrapped prose).
    all_wrap: bool,
    /// Otherwise: the offsets of the line breaks that are wraps, in order.
    wraps: Vec<usize>,
}

/// A line of the text, for [`LineLayout::of`].
struct Line {
    /// Length in characters without trailing whitespace, when at most
    /// [`WRAPPED_LINE_MAX`] bytes long; `None` for a longer line.
    chars: Option<usize>,
    blank: bool,
    /// Offset of the line break that ends it (the text's length for the last line).
    end: usize,
}

impl LineLayout {
    /// The layout of `text`.
    pub(crate) fn of(text: &str) -> Self {
        if is_hard_wrapped(text) {
            return LineLayout {
                all_wrap: true,
                wraps: Vec::new(),
            };
        }
        let mut lines = Vec::new();
        let mut start = 0;
        for end in super::line_breaks(text).chain(std::iter::once(text.len())) {
            let line = text[start..end].trim_end();
            lines.push(Line {
                chars: (line.len() <= WRAPPED_LINE_MAX).then(|| line.chars().count()),
                blank: line.trim_start().is_empty(),
                end,
            });
            start = end + 1;
        }
        // Blocks of non-blank lines: (first line, one past the last, widest short line).
        let mut blocks = Vec::new();
        let mut k = 0;
        while k < lines.len() {
            if lines[k].blank {
                k += 1;
                continue;
            }
            let first = k;
            while k < lines.len() && !lines[k].blank {
                k += 1;
            }
            let widest = lines[first..k].iter().filter_map(|l| l.chars).max();
            blocks.push((first, k, widest.unwrap_or(0)));
        }
        let text_width = blocks.iter().filter(|b| b.1 - b.0 >= 3).map(|b| b.2).max();
        let mut starts = Vec::with_capacity(lines.len());
        let mut line_start = 0;
        for line in &lines {
            starts.push(line_start);
            line_start = line.end + 1;
        }
        let line_text = |k: usize| text[starts[k]..lines[k].end].trim_end();
        // The breaks between two short lines, and whether most of them fall inside a
        // sentence, as wrapping does (a text written one paragraph per line ends its
        // lines with sentences).
        let short_pairs: Vec<usize> = blocks
            .iter()
            .flat_map(|&(first, past, _)| first..past.saturating_sub(1))
            .filter(|&k| lines[k].chars.is_some() && lines[k + 1].chars.is_some())
            .collect();
        let inside_sentences = short_pairs
            .iter()
            .filter(|&&k| !ends_sentence(line_text(k)))
            .count();
        let wrapping = inside_sentences * 2 > short_pairs.len();
        let mut wraps = Vec::new();
        let mut block = 0;
        for k in short_pairs {
            while blocks[block].1 <= k {
                block += 1;
            }
            let (first, past, widest) = blocks[block];
            let width = if past - first >= 3 {
                Some(widest)
            } else {
                text_width
            };
            let chars = lines[k].chars.unwrap_or_default();
            if is_wrap(
                line_text(k),
                chars,
                line_text(k + 1),
                width.filter(|_| wrapping),
            ) {
                wraps.push(lines[k].end);
            }
        }
        LineLayout {
            all_wrap: false,
            wraps,
        }
    }

    /// True when the single line break at offset `at` (as [`super::line_breaks`] gives
    /// it) is a wrap inside a paragraph.
    pub(crate) fn is_wrap(&self, at: usize) -> bool {
        self.all_wrap || self.wraps.binary_search(&at).is_ok()
    }
}

/// Whether the break between `line` (of `chars` characters, trailing whitespace
/// trimmed) and `next` is a wrap, the text's wrap width being `width` when known.
fn is_wrap(line: &str, chars: usize, next: &str, width: Option<usize>) -> bool {
    // An indented line starts a paragraph.
    if next.starts_with(char::is_whitespace) {
        return false;
    }
    if starts_list_item(next) {
        return false;
    }
    let goes_on = next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    if goes_on && !ends_sentence(line) {
        return true;
    }
    let first_word = next
        .split(char::is_whitespace)
        .next()
        .map_or(0, |w| w.chars().count());
    width.is_some_and(|w| chars + 1 + first_word > w)
}

/// True when a line ends with the end of a sentence (`.`, `!`, `?`, before any closing
/// marks).
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['”', '’', '"', '\'', ')', ']', '»'])
        .ends_with(['.', '!', '?'])
}

/// True when a line starts a list item: `- `, `* `, `• `, `— `, `1. `, `2) `, `#`.
fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '—' | '–' | '+') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some('#' | '>' | '|') => true,
        // A number of one to three digits (`1979. California` is no list item).
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            line.len() - rest.len() <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

/// True when single line breaks are hard wraps inside a paragraph: the text separates
/// paragraphs with blank lines and no line runs longer than hard-wrapped prose does.
fn is_hard_wrapped(text: &str) -> bool {
    if !has_blank_line(text) {
        return false;
    }
    let mut line_start = 0;
    for at in super::line_breaks(text).chain(std::iter::once(text.len())) {
        if at - line_start > WRAPPED_LINE_MAX {
            return false;
        }
        line_start = at + 1;
    }
    true
}

/// True when the text has a blank line.
fn has_blank_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut seen_newline = false;
    for (i, c) in text.char_indices() {
        match c {
            '\n' | '\r' if is_line_break(bytes, i) => {
                if seen_newline {
                    return true;
                }
                seen_newline = true;
            }
            '\r' | ' ' | '\t' => {}
            _ => seen_newline = false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paragraphs of `text` as the layout reads them, lines joined by `|`.
    fn read(text: &str) -> Vec<String> {
        let layout = LineLayout::of(text);
        let mut paragraphs = vec![String::new()];
        let mut start = 0;
        for end in super::super::line_breaks(text).chain(std::iter::once(text.len())) {
            let line = text[start..end].trim_end_matches('\r');
            if line.trim().is_empty() {
                if !paragraphs.last().is_some_and(String::is_empty) {
                    paragraphs.push(String::new());
                }
            } else if let Some(last) = paragraphs.last_mut() {
                if !last.is_empty() {
                    last.push('|');
                }
                last.push_str(line);
                if end < text.len() && !layout.is_wrap(end) {
                    paragraphs.push(String::new());
                }
            }
            start = end + 1;
        }
        paragraphs.retain(|p| !p.is_empty());
        paragraphs
    }

    #[test]
    fn line_breaks_table() {
        let table: &[(&str, &[&str])] = &[
            // Hard-wrapped with blank lines: every single break wraps.
            ("a b\nc d\n\ne f", &["a b|c d", "e f"]),
            // One paragraph per line: short lines that are not full stay paragraphs.
            (
                "Council backs plan\nThe council voted on Tuesday.\nIt passed.",
                &["Council backs plan", "The council voted on Tuesday.", "It passed."],
            ),
            // A wrapped paragraph without blank lines: the next line goes on.
            (
                "In a unanimous 13-0\nvote on Tuesday the council acted.",
                &["In a unanimous 13-0|vote on Tuesday the council acted."],
            ),
            (
                "barred from asking about immigration\r\nstatus since 1979.",
                &["barred from asking about immigration|status since 1979."],
            ),
            // Full lines wrap even before a capital; a short last line ends a paragraph.
            (
                "On Tuesday the City Council met and\nCouncil members voted on the\nordinance after a long debate.\nA second paragraph starts here.",
                &[
                    "On Tuesday the City Council met and|Council members voted on the|ordinance after a long debate.",
                    "A second paragraph starts here.",
                ],
            ),
            // A sentence ends: a lower-case start does not make the next line go on.
            ("It passed.\nthen came more.", &["It passed.", "then came more."]),
            // List items and indented lines start paragraphs.
            ("Items we want\n- one thing\n- another", &["Items we want", "- one thing", "- another"]),
            ("Items we want\n1. one thing\n2) another", &["Items we want", "1. one thing", "2) another"]),
            ("asking about immigration status since\n1979. Then", &["asking about immigration status since|1979. Then"]),
            ("the end of it\n  indented start", &["the end of it", "  indented start"]),
        ];
        for (text, want) in table {
            assert_eq!(read(text), *want, "in {text:?}");
        }
        // A long line keeps the text from being hard-wrapped as a whole; the wrapped
        // paragraph beside it still reads as one.
        let long = "x".repeat(200);
        let text = format!("{long}\n\nIn a unanimous 13-0\nvote on Tuesday.");
        assert_eq!(
            read(&text),
            vec![
                long.clone(),
                "In a unanimous 13-0|vote on Tuesday.".to_string()
            ]
        );
    }
}
