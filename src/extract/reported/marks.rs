//! Quotations marked with doubled apostrophes (`''…''`, a typewriter and wire-feed
//! convention) that the direct-quote finder does not read as quotes: each pair becomes a
//! quoted span of its own, so the clause stage reads it as one token and a reporting clause
//! after it (`''…,'' she said`) credits all of it.

use crate::text::Span;

use super::super::quotes::QuotedSpan;

/// `spans` (the draft's quoted spans, in order) with the doubled-apostrophe pairs of each
/// paragraph that lie outside them added, in order.
pub(super) fn with_apostrophe_pairs(
    text: &str,
    paragraphs: &[Span],
    spans: Vec<QuotedSpan>,
) -> Vec<QuotedSpan> {
    if !text.contains("''") {
        return spans;
    }
    let mut added = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        let body = &text[para.range()];
        if !body.contains("''") {
            continue;
        }
        let bytes = text.as_bytes();
        let mut open: Option<usize> = None;
        let mut i = para.start;
        while i < para.end {
            if bytes[i] != b'\'' {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < para.end && bytes[i] == b'\'' {
                i += 1;
            }
            if i - run_start < 2 {
                continue;
            }
            match open {
                // An opening pair is the run's first two marks.
                None => open = Some(run_start),
                // A closing pair is its last two (`'nested''' closes both).
                Some(start) => {
                    let inner = Span::new(start + 2, i - 2);
                    if !inner.is_empty() {
                        added.push(QuotedSpan {
                            inner,
                            outer: Span::new(start, i),
                            paragraph: pi,
                            runs_on: false,
                        });
                    }
                    open = None;
                }
            }
        }
    }
    if added.is_empty() {
        return spans;
    }
    // Keep only the pairs that overlap no quoted span already found.
    let mut out = Vec::with_capacity(spans.len() + added.len());
    let mut existing = spans.into_iter().peekable();
    for pair in added {
        while let Some(s) = existing.next_if(|s| s.outer.start < pair.outer.start) {
            out.push(s);
        }
        let clear = out.last().is_none_or(|s| s.outer.end <= pair.outer.start)
            && existing
                .peek()
                .is_none_or(|s| pair.outer.end <= s.outer.start);
        if clear {
            out.push(pair);
        }
    }
    out.extend(existing);
    out
}
