//! Altered quotes: the smallest word edits that make a draft's quote segment the verified
//! words again.
//!
//! The segment's words are aligned with the rule's (on the window of the rule the
//! comparison uses when the draft quotes only part of it), with the fewest changed
//! words. Each changed run becomes one edit inside the segment:
//! - changed words are replaced by the rule's words (`strong` → `clear`), the draft's
//!   punctuation around them kept;
//! - missing words are written back with the rule's text between the draft's words on
//!   either side (so `We will win` → `We will, in time, win`);
//! - extra words are taken out with the text between their neighbours written as the
//!   rule writes it.
//!
//! Words elided with an ellipsis stay elided. The segment's quote marks, the other
//! segments of a split quote and the attribution between them are never touched. The
//! edits are checked: the fixed segment must compare verbatim with the rule, or no fix is
//! proposed.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::words::words_with_spans;
use super::Fix;
use crate::check::quotes::{compare, Comparison};
use crate::text::{words_for_compare, Span};

/// Characters a replacement taken from the rule may not bring into a quote: double
/// quote marks (they would end it) and line breaks.
const NOT_IN_A_QUOTE: &[char] = &['"', '“', '”', '„', '‟', '«', '»', '＂', '\n', '\r'];

/// The fix of an altered quote: the edits of the segment `segment` of `text` (the
/// quoted words, without marks) that make it the rule's words (`rule_text`, compared as
/// `rule_words`). `None` when the edits would not make it verbatim.
pub(crate) fn quote_fix(
    text: &str,
    segment: Span,
    rule_text: &str,
    rule_words: &[String],
) -> Option<Fix> {
    let raw = text.get(segment.range())?;
    let edits = segment_edits(raw, rule_text, rule_words)?;
    let start = edits.first()?.0.start;
    let end = edits.iter().map(|(s, _)| s.end).max()?;
    let mut replacement = String::new();
    let mut from = start;
    for (span, new) in &edits {
        replacement.push_str(raw.get(from..span.start)?);
        replacement.push_str(new);
        from = span.end;
    }
    replacement.push_str(raw.get(from..end)?);
    Some(Fix {
        start: segment.start + start,
        end: segment.start + end,
        replacement,
        safe: true,
    })
}

/// The edits of `raw` (spans into it, in order, not overlapping) that make its words
/// those of the rule.
fn segment_edits(raw: &str, rule_text: &str, rule_words: &[String]) -> Option<Vec<(Span, String)>> {
    let draft = words_with_spans(raw);
    let rule = words_with_spans(rule_text);
    let d: Vec<&str> = draft.iter().map(|(w, _)| w.as_str()).collect();
    let r: Vec<&str> = rule.iter().map(|(w, _)| w.as_str()).collect();
    if r.len() != rule_words.len() || r.iter().zip(rule_words).any(|(a, b)| a != b) {
        return None;
    }
    let window = compared_window(&r, &d)?;
    let ops = align(&r[window.clone()], &d);
    let rule_gap = |a: usize, b: usize| -> Option<&str> {
        // The rule's text between its words `a` and `b` (absolute indices).
        let text = rule_text.get(rule[a].1.end..rule[b].1.start)?;
        (!text.contains(NOT_IN_A_QUOTE)).then_some(text)
    };
    let rule_run = |a: usize, b: usize| -> Option<&str> {
        // The rule's words `a..b` with the text between them.
        let text = rule_text.get(rule[a].1.start..rule[b - 1].1.end)?;
        (!text.contains(NOT_IN_A_QUOTE)).then_some(text)
    };
    let elided = |gap: Span| {
        let between = &raw[gap.range()];
        between.contains('…') || between.contains("...")
    };
    let mut edits: Vec<(Span, String)> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let (a, b) = (window.start + old_index, window.start + old_index + old_len);
                let span = draft[new_index].1.cover(draft[new_index + new_len - 1].1);
                edits.push((span, rule_run(a, b)?.to_string()));
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                // Rule words the draft leaves out, before its word `new_index`.
                let (a, b) = (window.start + old_index, window.start + old_index + old_len);
                let left = new_index.checked_sub(1).map(|k| draft[k].1);
                let right = draft.get(new_index).map(|(_, s)| *s);
                let gap = Span::new(
                    left.map_or(0, |s| s.end),
                    right.map_or(raw.len(), |s| s.start),
                );
                if elided(gap) {
                    continue;
                }
                let edit = match (left, right) {
                    (Some(l), Some(r)) if a > 0 && b < rule.len() => {
                        (Span::new(l.end, r.start), rule_gap(a - 1, b)?.to_string())
                    }
                    (_, Some(r)) => {
                        let words = rule_run(a, b)?;
                        let after = if b < rule.len() {
                            rule_gap(b - 1, b)?
                        } else {
                            " "
                        };
                        (Span::new(r.start, r.start), format!("{words}{after}"))
                    }
                    (Some(l), None) => {
                        let words = rule_run(a, b)?;
                        let before = if a > 0 { rule_gap(a - 1, a)? } else { " " };
                        (Span::new(l.end, l.end), format!("{before}{words}"))
                    }
                    (None, None) => return None,
                };
                edits.push(edit);
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                // Draft words the rule does not have: `new_index..new_index + new_len`.
                let a = window.start + old_index;
                let left = new_index.checked_sub(1).map(|k| draft[k].1);
                let right = draft.get(new_index + new_len).map(|(_, s)| *s);
                let first = draft[new_index].1;
                let last = draft[new_index + new_len - 1].1;
                let edit = match (left, right) {
                    (Some(l), Some(r)) => {
                        let between = if a > 0 && a < rule.len() {
                            rule_gap(a - 1, a)?
                        } else {
                            " "
                        };
                        (Span::new(l.end, r.start), between.to_string())
                    }
                    (None, Some(r)) => (Span::new(first.start, r.start), String::new()),
                    (Some(l), None) => (Span::new(l.end, last.end), String::new()),
                    (None, None) => return None,
                };
                edits.push(edit);
            }
        }
    }
    edits.sort_by_key(|(s, _)| (s.start, s.end));
    if edits.is_empty() || edits.windows(2).any(|w| w[1].0.start < w[0].0.end) {
        return None;
    }
    // The fixed segment must read as the verified words.
    let mut fixed = String::with_capacity(raw.len());
    let mut from = 0;
    for (span, new) in &edits {
        fixed.push_str(raw.get(from..span.start)?);
        fixed.push_str(new);
        from = span.end;
    }
    fixed.push_str(raw.get(from..)?);
    let verbatim = matches!(
        compare(&words_for_compare(&fixed), &fixed, rule_words),
        Some(Comparison::Verbatim)
    );
    verbatim.then_some(edits)
}

/// Most word alignments a diff may choose: past this the diff's own alignment is used.
const MAX_ALIGNMENT_CELLS: usize = 1_000_000;

/// The word edits that turn `rule` into `draft` with the fewest changed words (a word
/// substituted costs one, like a word added or left out): runs of substituted words,
/// of words the draft leaves out and of words it adds, each as a [`DiffOp`] (`old` the
/// rule, `new` the draft). A plain diff counts a substitution as two changes, and may
/// then drop a word and substitute its neighbour where one substitution does; fewer,
/// more local edits are less likely to reach into markup.
fn align(rule: &[&str], draft: &[&str]) -> Vec<DiffOp> {
    let (n, m) = (rule.len(), draft.len());
    if (n + 1) * (m + 1) > MAX_ALIGNMENT_CELLS {
        return capture_diff_slices(Algorithm::Myers, rule, draft);
    }
    let width = m + 1;
    let mut cost = vec![0u32; (n + 1) * width];
    for i in 0..=n {
        for j in 0..=m {
            cost[i * width + j] = match (i, j) {
                (0, _) => j as u32,
                (_, 0) => i as u32,
                _ => {
                    let diagonal =
                        cost[(i - 1) * width + j - 1] + u32::from(rule[i - 1] != draft[j - 1]);
                    diagonal
                        .min(cost[(i - 1) * width + j] + 1)
                        .min(cost[i * width + j - 1] + 1)
                }
            };
        }
    }
    /// One step of the alignment, from the end.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Step {
        Same,
        Substituted,
        LeftOut,
        Added,
    }
    let mut steps = Vec::with_capacity(n + m);
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = cost[i * width + j];
        if i > 0 && j > 0 {
            let same = rule[i - 1] == draft[j - 1];
            if here == cost[(i - 1) * width + j - 1] + u32::from(!same) {
                steps.push(if same { Step::Same } else { Step::Substituted });
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && here == cost[(i - 1) * width + j] + 1 {
            steps.push(Step::LeftOut);
            i -= 1;
        } else {
            steps.push(Step::Added);
            j -= 1;
        }
    }
    steps.reverse();
    let mut ops = Vec::new();
    let (mut old_index, mut new_index) = (0, 0);
    let mut k = 0;
    while k < steps.len() {
        let step = steps[k];
        let len = steps[k..].iter().take_while(|s| **s == step).count();
        ops.push(match step {
            Step::Same => DiffOp::Equal {
                old_index,
                new_index,
                len,
            },
            Step::Substituted => DiffOp::Replace {
                old_index,
                old_len: len,
                new_index,
                new_len: len,
            },
            Step::LeftOut => DiffOp::Delete {
                old_index,
                old_len: len,
                new_index,
            },
            Step::Added => DiffOp::Insert {
                old_index,
                new_index,
                new_len: len,
            },
        });
        if step != Step::Added {
            old_index += len;
        }
        if step != Step::LeftOut {
            new_index += len;
        }
        k += len;
    }
    ops
}

/// The part of the rule a draft segment quotes: the whole rule, or when the draft quotes
/// only part of it (as the comparison decides), the run from the first to the last word
/// they share — widened by as many rule words as the draft has words before the first
/// and after the last, so that a changed word at either end is replaced (`to this town`
/// → `to this city`), not dropped.
fn compared_window(rule: &[&str], draft: &[&str]) -> Option<std::ops::Range<usize>> {
    if draft.len() + 2 >= rule.len() {
        return Some(0..rule.len());
    }
    let ops = capture_diff_slices(Algorithm::Myers, rule, draft);
    let (first, leading) = ops.iter().find_map(|op| match op {
        DiffOp::Equal {
            old_index,
            new_index,
            ..
        } => Some((*old_index, *new_index)),
        _ => None,
    })?;
    let (last, trailing) = ops.iter().rev().find_map(|op| match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => Some((old_index + len, draft.len() - (new_index + len))),
        _ => None,
    })?;
    Some(first - leading.min(first)..last + trailing.min(rule.len() - last))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "We’re going to send a very clear message that the city will not cooperate";

    /// `(draft segment, its fixed text)`: `None` when no fix is proposed.
    const SEGMENTS: &[(&str, Option<&str>)] = &[
        // One word changed: only that word.
        (
            "We’re going to send a very strong message that the city will not cooperate",
            Some("We’re going to send a very clear message that the city will not cooperate"),
        ),
        // A word dropped, words added, two changed.
        (
            "We’re going to send a clear message that the city will not cooperate",
            Some("We’re going to send a very clear message that the city will not cooperate"),
        ),
        (
            "We’re going to send a very clear message that the city will never, ever not cooperate",
            Some("We’re going to send a very clear message that the city will not cooperate"),
        ),
        (
            "We’re going to send a very loud signal that the city will not cooperate",
            Some("We’re going to send a very clear message that the city will not cooperate"),
        ),
        // Part of the quote, with a changed word: only the quoted part is compared.
        (
            "send a very strong message that the city",
            Some("send a very clear message that the city"),
        ),
        // A changed word at the end of a part is replaced, not dropped.
        (
            "send a very clear message that the town",
            Some("send a very clear message that the city"),
        ),
        (
            "Then send a very clear message that the city",
            Some("to send a very clear message that the city"),
        ),
        // Typography and emphasis of unchanged words are the draft's.
        (
            "We're going to send a *very* strong message that the city will not cooperate",
            Some("We're going to send a *very* clear message that the city will not cooperate"),
        ),
        // A word substituted next to an added one: two substitutions, not a word added
        // and two words replaced by one.
        (
            "We’re going to send very very strong message that the city will not cooperate",
            Some("We’re going to send a very clear message that the city will not cooperate"),
        ),
        // Elided words stay elided.
        (
            "We’re going to send a very strong message … will not cooperate",
            Some("We’re going to send a very clear message … will not cooperate"),
        ),
    ];

    #[test]
    fn quote_segments_get_minimal_word_edits() {
        let rule_words = words_for_compare(RULE);
        for (draft, want) in SEGMENTS {
            let text = format!("“{draft},” she said.");
            let start = "“".len();
            let segment = Span::new(start, start + draft.len());
            let fix = quote_fix(&text, segment, RULE, &rule_words);
            let got = fix.as_ref().map(|f| {
                assert!(
                    f.start >= segment.start && f.end <= segment.end,
                    "{f:?} outside"
                );
                format!(
                    "{}{}{}",
                    &text[segment.start..f.start],
                    f.replacement,
                    &text[f.end..segment.end]
                )
            });
            assert_eq!(got.as_deref(), *want, "for {draft:?}: {fix:?}");
        }
    }

    #[test]
    fn only_the_changed_word_is_in_the_edit() {
        let rule_words = words_for_compare(RULE);
        let text = "“We’re going to send a very strong message that the city will not cooperate.”";
        let segment = Span::new("“".len(), text.len() - "”".len());
        let fix = quote_fix(text, segment, RULE, &rule_words).expect("a fix");
        assert_eq!(&text[fix.span().range()], "strong");
        assert_eq!(fix.replacement, "clear");
        assert!(fix.safe);
    }

    #[test]
    fn the_alignment_substitutes_rather_than_drops_and_replaces() {
        let rule = ["send", "a", "very", "clear", "message"];
        let draft = ["send", "very", "very", "strong", "message"];
        let changed: Vec<(usize, usize)> = align(&rule, &draft)
            .iter()
            .filter_map(|op| match *op {
                DiffOp::Replace {
                    new_index, new_len, ..
                } => Some((new_index, new_len)),
                DiffOp::Equal { .. } => None,
                _ => Some((usize::MAX, 0)),
            })
            .collect();
        assert_eq!(changed, [(1, 1), (3, 1)]);
    }

    #[test]
    fn missing_words_come_back_with_the_rules_punctuation() {
        let rule = "We will, in time, win this fight for the city";
        let rule_words = words_for_compare(rule);
        let text = "We will win this fight for the city";
        let fix = quote_fix(text, Span::new(0, text.len()), rule, &rule_words).expect("a fix");
        assert_eq!(&text[fix.span().range()], " ");
        assert_eq!(fix.replacement, ", in time, ");
    }
}
