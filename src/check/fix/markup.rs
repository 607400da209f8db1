//! Fixes found in the prose of a Markdown or HTML draft, moved to the file as written.
//!
//! The checker reads a view of the draft without its markup (see
//! [`crate::text::Prose`]); a fix found there is in the view's offsets. It moves to the
//! file whole when the file holds exactly the view's text at that place. Otherwise (a tag,
//! an entity or emphasis inside it) only the characters that change are moved, each
//! where the file holds it as the view does, and the markup between them is kept; the
//! file so edited must then read as the fixed view. When a changed character is itself
//! markup in the file (an entity), or the edit would leave markup reading otherwise (an
//! emptied emphasis), there is no fix: a smaller edit or none, never one that cuts
//! through markup. Text written into HTML is escaped
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
    // Move each changed run on its own: runs of whole words first (aligned from the
    // start, then from the end, which settle ties differently), then of characters.
    [Runs::Words, Runs::WordsFromTheEnd, Runs::Chars]
        .into_iter()
        .find_map(|how| {
            let runs = changed_runs(old, &fix.replacement, how);
            move_runs(fix, runs, view, original, prose, format)
        })
}

/// How [`changed_runs`] splits a text to compare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Runs {
    /// Words (runs of letters and digits) and single other characters.
    Words,
    /// The same, aligned from the end.
    WordsFromTheEnd,
    /// Characters.
    Chars,
}

/// The tokens of `text` for `how`: their byte spans.
fn tokens(text: &str, how: Runs) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let span = Span::new(i, i + c.len_utf8());
        let word = how != Runs::Chars && c.is_alphanumeric();
        match out.last_mut() {
            Some(last) if word && in_word => last.end = span.end,
            _ => out.push(span),
        }
        in_word = word;
    }
    out
}

/// The runs of `old` that change to make `new`: spans of `old` and their new text, in
/// order.
fn changed_runs(old: &str, new: &str, how: Runs) -> Vec<(Span, String)> {
    let (old_tokens, new_tokens) = (tokens(old, how), tokens(new, how));
    let mut a: Vec<&str> = old_tokens.iter().map(|s| &old[s.range()]).collect();
    let mut b: Vec<&str> = new_tokens.iter().map(|s| &new[s.range()]).collect();
    let backwards = how == Runs::WordsFromTheEnd;
    if backwards {
        a.reverse();
        b.reverse();
    }
    // (old token range, new token range) of each change, in the order of `a`.
    let mut changes: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => changes.push((old_index..old_index + old_len, new_index..new_index)),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => changes.push((old_index..old_index, new_index..new_index + new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => changes.push((
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            )),
        }
    }
    if backwards {
        let flip = |r: std::ops::Range<usize>, n: usize| n - r.end..n - r.start;
        changes = changes
            .into_iter()
            .rev()
            .map(|(o, n)| (flip(o, a.len()), flip(n, b.len())))
            .collect();
    }
    let byte_at = |k: usize| old_tokens.get(k).map_or(old.len(), |s| s.start);
    let mut runs: Vec<(Span, String)> = Vec::new();
    for (o, n) in changes {
        let span = Span::new(byte_at(o.start), byte_at(o.end));
        let text: String = new_tokens[n].iter().map(|s| &new[s.range()]).collect();
        match runs.last_mut() {
            Some((last, t)) if last.end == span.start => {
                *last = last.cover(span);
                t.push_str(&text);
            }
            _ => runs.push((span, text)),
        }
    }
    runs
}

/// The fix made of `runs` (spans of the fix's view text and their new text) in the
/// offsets of `original`, when it keeps the markup whole.
fn move_runs(
    fix: &Fix,
    runs: Vec<(Span, String)>,
    view: &str,
    original: &str,
    prose: &Prose,
    format: InputFormat,
) -> Option<Fix> {
    // Each run in the file: an insertion where the view puts it; a run of view text
    // in pieces, one per stretch the file holds as the view does (markup between the
    // pieces stays), the new text written in the first.
    let mut moved: Vec<(Span, String)> = Vec::with_capacity(runs.len());
    for (span, text) in runs {
        let in_view = span.shift(fix.start);
        let pieces = if in_view.is_empty() {
            vec![prose.to_original(in_view)]
        } else {
            verbatim_pieces(view, original, prose, in_view)?
        };
        for (k, at) in pieces.into_iter().enumerate() {
            if moved.last().is_some_and(|(last, _)| at.start < last.end) {
                return None;
            }
            let new = if k == 0 {
                escape(&text, format)
            } else {
                String::new()
            };
            moved.push((at, new));
        }
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
    // The file with the edit must read as the view with the fix: markup kept whole.
    let fixed = format!(
        "{}{replacement}{}",
        original.get(..start)?,
        original.get(end..)?
    );
    let want = format!(
        "{}{}{}",
        view.get(..fix.start)?,
        fix.replacement,
        view.get(fix.end..)?
    );
    let read = Prose::extract(&fixed, format).ok()?;
    if !same_words(read.text(&fixed), &want) {
        return None;
    }
    Some(Fix {
        start,
        end,
        replacement,
        safe: fix.safe,
    })
}

/// The stretches of the file that hold the view text `in_view`, each as the view has
/// it, in order (markup between them); `None` when a character of it is not in the file
/// as such (an entity).
fn verbatim_pieces(view: &str, original: &str, prose: &Prose, in_view: Span) -> Option<Vec<Span>> {
    let mut pieces: Vec<Span> = Vec::new();
    for (i, c) in view.get(in_view.range())?.char_indices() {
        let char_view = Span::new(in_view.start + i, in_view.start + i + c.len_utf8());
        let at = prose.to_original(char_view);
        if original.get(at.range())? != view.get(char_view.range())? {
            return None;
        }
        match pieces.last_mut() {
            Some(last) if last.end == at.start => last.end = at.end,
            _ => pieces.push(at),
        }
    }
    Some(pieces)
}

/// True when two texts have the same words with the same punctuation, whitespace runs
/// aside.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
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
        // A run of view text across a closing mark: the mark stays.
        (
            InputFormat::Markdown,
            "It was a very *strong* very message.\n",
            "strong very message",
            "clear message",
            Some("It was a very *clear* message.\n"),
        ),
        // Emptying an emphasis would leave `**` to read: no fix.
        (
            InputFormat::Markdown,
            "It was a *very* clear message.\n",
            "a very clear",
            "a clear",
            None,
        ),
        (
            InputFormat::Html,
            "<p>It was a <em>very</em> clear message.</p>\n",
            "a very clear",
            "a clear",
            Some("<p>It was a <em></em>clear message.</p>\n"),
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
