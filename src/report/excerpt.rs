//! The few lines of a draft that a text diagnostic shows: only the line(s) holding a span,
//! with over-long lines cut to a window around it, and the span made relative to them.

use std::ops::Range;

use super::clamp_span;
use crate::text::{SourceFile, Span};

/// Lines longer than this many characters are cut to a window around the span.
pub(crate) const MAX_LINE_CHARS: usize = 400;
/// Characters of context kept on either side of the span in a cut line.
const CONTEXT_CHARS: usize = 100;
/// Characters of the span itself kept in a cut line.
const SPAN_CHARS: usize = 200;
/// What marks the place where a cut line was cut.
const CUT: &str = "...";

/// The source text handed to the snippet renderer for one span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Excerpt {
    /// The line(s) holding the span, without their final line break; cut lines carry
    /// [`CUT`] where they were cut.
    pub text: String,
    /// 1-based number of the first line of `text` in the draft.
    pub line: usize,
    /// The span as a byte range into `text` (on char boundaries).
    pub span: Range<usize>,
    /// 1-based column the renderer will compute for the span start (characters before it
    /// on its line of `text`, plus one).
    pub shown_column: usize,
    /// True when the first line was cut at its start, so `shown_column` differs from the
    /// column in the draft.
    pub cut_before: bool,
}

/// One line of the draft as it appears in an excerpt.
struct Piece {
    /// Where the line starts in the draft.
    line_start: usize,
    /// Where the kept part of the line starts in the draft.
    kept_start: usize,
    /// Where the kept part of the line ends in the draft.
    kept_end: usize,
    /// Where the kept part starts in the excerpt.
    at: usize,
}

impl Piece {
    /// Maps a draft offset on this line into the excerpt, clamping it into the kept part.
    fn map(&self, offset: usize) -> usize {
        self.at + offset.clamp(self.kept_start, self.kept_end) - self.kept_start
    }
}

impl Excerpt {
    /// The excerpt for `span` in `source`; never panics, whatever the span.
    pub(crate) fn new(source: &SourceFile, span: Span) -> Excerpt {
        let text = source.text.as_str();
        let bom = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let range = clamp_span(text, span);
        let start = range.start.max(bom);
        let end = range.end.max(start);

        let index = source.line_index();
        let first = index.line_of(start);
        let last = if end > start {
            index.line_of(end - 1).max(first)
        } else {
            first
        };

        let mut out = String::new();
        let mut first_piece = None;
        let mut last_piece = None;
        for line in first..=last {
            let line_start = index.line_start(line).max(if line == 0 { bom } else { 0 });
            let next_start = if line + 1 < index.len() {
                index.line_start(line + 1)
            } else {
                text.len()
            };
            let line_end = content_end(text, line_start, next_start);
            let content = &text[line_start..line_end];

            let (kept_start, kept_end) = if content.chars().nth(MAX_LINE_CHARS).is_none() {
                (line_start, line_end)
            } else if line == first {
                let anchor = start.clamp(line_start, line_end);
                let span_end = end.clamp(anchor, line_end);
                let span_end = span_end.min(forward(text, anchor, SPAN_CHARS, line_end));
                (
                    back(text, anchor, CONTEXT_CHARS, line_start),
                    forward(text, span_end, CONTEXT_CHARS, line_end),
                )
            } else if line == last {
                let anchor = end.clamp(line_start, line_end);
                (
                    back(text, anchor, SPAN_CHARS + CONTEXT_CHARS, line_start),
                    forward(text, anchor, CONTEXT_CHARS, line_end),
                )
            } else {
                (
                    line_start,
                    forward(text, line_start, SPAN_CHARS + CONTEXT_CHARS, line_end),
                )
            };

            if line > first {
                out.push('\n');
            }
            if kept_start > line_start {
                out.push_str(CUT);
            }
            let piece = Piece {
                line_start,
                kept_start,
                kept_end,
                at: out.len(),
            };
            out.push_str(&text[kept_start..kept_end]);
            if kept_end < line_end {
                out.push_str(CUT);
            }
            if line == first {
                first_piece = Some(piece);
            } else if line == last {
                last_piece = Some(piece);
            }
        }

        let (span, shown_column, cut_before) = match first_piece {
            Some(first_piece) => {
                let s = first_piece.map(start);
                let e = match &last_piece {
                    Some(last_piece) => last_piece.map(end),
                    None => first_piece.map(end),
                }
                .max(s);
                let line_head = out[..s].rfind('\n').map_or(0, |i| i + 1);
                let column = out[line_head..s].chars().count() + 1;
                (
                    s..e,
                    column,
                    first_piece.kept_start > first_piece.line_start,
                )
            }
            None => (0..0, 1, false),
        };

        Excerpt {
            text: out,
            line: first + 1,
            span,
            shown_column,
            cut_before,
        }
    }
}

/// End of the content of the line `start..next` (before its `\n` or `\r\n`).
fn content_end(text: &str, start: usize, next: usize) -> usize {
    let line = &text[start..next];
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    start + line.len()
}

/// The offset `n` characters before `from`, but not before `floor`.
fn back(text: &str, from: usize, n: usize, floor: usize) -> usize {
    if n == 0 {
        return from;
    }
    text[floor..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The offset `n` characters after `from`, but not after `ceil`.
fn forward(text: &str, from: usize, n: usize, ceil: usize) -> usize {
    text[from..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line_excerpt_drops_line_break_and_keeps_span() {
        let f = SourceFile::new("x", "one\r\ntwo “é” three\r\nfour\n");
        let start = f.text.find("three").unwrap_or(0);
        let ex = Excerpt::new(&f, Span::new(start, start + 5));
        assert_eq!(ex.text, "two “é” three");
        assert_eq!(ex.line, 2);
        assert_eq!(&ex.text[ex.span.clone()], "three");
        assert_eq!(ex.shown_column, f.line_col(start).1);
        assert!(!ex.cut_before);
    }

    #[test]
    fn multi_line_excerpt_covers_every_line() {
        let f = SourceFile::new("x", "a\nbc “d\r\ne” f\ng\n");
        let start = f.text.find('d').unwrap_or(0);
        let end = f.text.find(" f").unwrap_or(0);
        let ex = Excerpt::new(&f, Span::new(start, end));
        assert_eq!(ex.text, "bc “d\ne” f");
        assert_eq!(ex.line, 2);
        assert_eq!(&ex.text[ex.span.clone()], "d\ne”");
    }

    #[test]
    fn long_line_is_cut_around_the_span() {
        let line = format!("{}TARGET{}", "é".repeat(700), "x".repeat(700));
        let f = SourceFile::new("x", format!("intro\n{line}\n"));
        let start = f.text.find("TARGET").unwrap_or(0);
        let ex = Excerpt::new(&f, Span::new(start, start + 6));
        assert!(ex.text.chars().count() <= MAX_LINE_CHARS + 2 * CUT.len());
        assert!(ex.text.starts_with(CUT) && ex.text.ends_with(CUT));
        assert_eq!(&ex.text[ex.span.clone()], "TARGET");
        assert_eq!(ex.shown_column, CUT.len() + CONTEXT_CHARS + 1);
        assert!(ex.cut_before);
    }

    #[test]
    fn bom_is_left_out() {
        let f = SourceFile::new("x", "\u{feff}abc");
        let ex = Excerpt::new(&f, Span::new(0, 2));
        assert_eq!(ex.text, "abc");
        assert_eq!(ex.span, 0..0);
        assert_eq!(ex.shown_column, f.line_col(3).1);
    }

    #[test]
    fn any_span_over_long_lines_gives_a_valid_excerpt() {
        let long = "wörd “q” ".repeat(80);
        let text = format!("\u{feff}{long}\r\nshort\n{long}\n\n{long}");
        let f = SourceFile::new("x", text.as_str());
        for start in (0..text.len() + 3).step_by(13) {
            for end in (0..text.len() + 3).step_by(17) {
                let ex = Excerpt::new(&f, Span { start, end });
                assert!(ex.text.get(ex.span.clone()).is_some(), "{start}..{end}");
                for line in ex.text.lines() {
                    assert!(line.chars().count() <= MAX_LINE_CHARS + 2 * CUT.len());
                }
            }
        }
    }

    #[test]
    fn any_span_gives_a_valid_excerpt() {
        let text = "\u{feff}“a”\r\n\tb é\n\nlast";
        let f = SourceFile::new("x", text);
        for start in 0..text.len() + 3 {
            for end in 0..text.len() + 3 {
                let ex = Excerpt::new(&f, Span { start, end });
                assert!(ex.text.get(ex.span.clone()).is_some(), "{start}..{end}");
                assert!(!ex.text.contains('\r'));
            }
        }
    }
}
