//! Fixes found in the prose of a Markdown or HTML draft, moved to the file as written.
//!
//! The checker reads a view of the draft without its markup (see
//! [`crate::text::Prose`]); a fix found there is in the view's offsets. It moves to the
//! file whole when the file holds exactly the view's text at that place. Otherwise (a tag,
//! an entity or emphasis inside it) only the characters that change are moved, each
//! where the file holds it as the view does, and the markup between them is kept; when a
//! changed character is itself markup in the file (an entity), there is no fix: a smaller
//! edit or none, never one that cuts through markup. Text written into HTML is escaped
//! (`&`, `<`, `>`), and into Markdown the characters that would start markup are
//! backslash-escaped.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::Fix;
use crate::text::{InputFormat, Prose, Span};

/// `fix`, found in `view` (the prose of `original`), in the offsets of `original`.
pub(crate) fn to_original(
    fix: &Fix,
    view: &str,
    original: &str,
    prose: &Prose,
    format: InputFormat,
) -> Option<Fix> {
    let old = view.get(fix.span().range())?;
    let whole = prose.to_original(fix.span());
    if original.get(whole.range())? == old {
        return Some(Fix {
            start: whole.start,
            end: whole.end,
            replacement: escape(&fix.replacement, format),
            safe: fix.safe,
        });
    }
    // Move each changed run on its own.
    let old_chars: Vec<(usize, char)> = old.char_indices().collect();
    let new_chars: Vec<char> = fix.replacement.chars().collect();
    let old_plain: Vec<char> = old_chars.iter().map(|(_, c)| *c).collect();
    let byte_at = |k: usize| old_chars.get(k).map_or(old.len(), |(b, _)| *b);
    let mut runs: Vec<(Span, String)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_plain, &new_chars) {
        let (old_range, new_range) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        let span = Span::new(byte_at(old_range.start), byte_at(old_range.end));
        let text: String = new_chars[new_range].iter().collect();
        match runs.last_mut() {
            Some((last, t)) if last.end == span.start => {
                *last = last.cover(span);
                t.push_str(&text);
            }
            _ => runs.push((span, text)),
        }
    }
    let mut moved: Vec<(Span, String)> = Vec::with_capacity(runs.len());
    for (span, text) in runs {
        let in_view = span.shift(fix.start);
        let at = prose.to_original(in_view);
        if original.get(at.range())? != view.get(in_view.range())? {
            return None;
        }
        if moved.last().is_some_and(|(last, _)| at.start < last.end) {
            return None;
        }
        moved.push((at, escape(&text, format)));
    }
    let start = moved.first()?.0.start;
    let end = moved.last()?.0.end;
    let mut replacement = String::new();
    let mut from = start;
    for (span, text) in &moved {
        replacement.push_str(original.get(from..span.start)?);
        replacement.push_str(text);
        from = span.end;
    }
    Some(Fix {
        start,
        end,
        replacement,
        safe: fix.safe,
    })
}

/// `text` as it must be written into a draft of `format` to read as itself.
pub(crate) fn escape(text: &str, format: InputFormat) -> String {
    match format {
        InputFormat::Text => text.to_string(),
        InputFormat::Html => {
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    c => out.push(c),
                }
            }
            out
        }
        InputFormat::Markdown => {
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(format, the draft, the text a fix replaces in its prose, the replacement, the
    /// fixed draft)`: `None` when the fix cannot be moved without cutting markup.
    const MOVES: &[(InputFormat, &str, &str, &str, Option<&str>)] = &[
        (
            InputFormat::Html,
            "<p>A <strong>12-1</strong> vote.</p>",
            "12-1",
            "13-0",
            Some("<p>A <strong>13-0</strong> vote.</p>"),
        ),
        (
            InputFormat::Html,
            "<p>A <b>12</b>-1 vote.</p>",
            "12-1",
            "13-0",
            Some("<p>A <b>13</b>-0 vote.</p>"),
        ),
        // The entity itself would change: no fix.
        (
            InputFormat::Html,
            "<p>Said Smith &amp; Jones.</p>",
            "Smith & Jones",
            "Smith and Jones",
            None,
        ),
        // Around it, the names change and the entity stays.
        (
            InputFormat::Html,
            "<p>Said Smith &amp; Jones.</p>",
            "Smith & Jones",
            "Lee & Park",
            Some("<p>Said Lee &amp; Park.</p>"),
        ),
        (
            InputFormat::Html,
            "<p>Said Smith.</p>",
            "Smith",
            "Lee & <Park>",
            Some("<p>Said Lee &amp; &lt;Park&gt;.</p>"),
        ),
        (
            InputFormat::Html,
            "<p>a very <em>strong</em> message that</p>",
            "very strong message",
            "very clear message",
            Some("<p>a very <em>clear</em> message that</p>"),
        ),
        (
            InputFormat::Markdown,
            "A **12-1** vote.\n",
            "12-1",
            "13-0",
            Some("A **13-0** vote.\n"),
        ),
        (
            InputFormat::Markdown,
            "It was a *very* strong message.\n",
            "very strong",
            "very clear",
            Some("It was a *very* clear message.\n"),
        ),
    ];

    #[test]
    fn fixes_move_to_the_file_without_cutting_markup() {
        for &(format, draft, old, new, want) in MOVES {
            let prose = Prose::extract(draft, format).expect("the draft reads");
            let view = prose.text(draft);
            let at = view.find(old).expect("the prose holds the old text");
            let fix = Fix {
                start: at,
                end: at + old.len(),
                replacement: new.to_string(),
                safe: true,
            };
            let got = to_original(&fix, view, draft, &prose, format)
                .map(|f| format!("{}{}{}", &draft[..f.start], f.replacement, &draft[f.end..]));
            assert_eq!(got.as_deref(), want, "{draft:?}");
        }
    }

    #[test]
    fn escapes_follow_the_format() {
        assert_eq!(escape("a & b < c", InputFormat::Html), "a &amp; b &lt; c");
        assert_eq!(escape("a & b < c", InputFormat::Text), "a & b < c");
        assert_eq!(escape("*a_b*", InputFormat::Markdown), "\\*a\\_b\\*");
    }
}
