//! Applying fixes to a text: the edits of a checked draft, filtered by safety, overlaps
//! resolved by position, applied in one pass.

use serde::Serialize;

use super::Fix;
use crate::check::CheckedFile;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixSafety {
    /// Only safe fixes (the verified value or words).
    #[default]
    SafeOnly,
    /// Unsafe fixes too (a speaker's name).
    IncludeUnsafe,
}

impl FixSafety {
    /// True when a fix of this safety is to be applied.
    pub fn allows(self, safe: bool) -> bool {
        safe || self == FixSafety::IncludeUnsafe
    }
}

/// A fix with the rule it comes from: what [`apply`] takes and reports. Serialises as
/// `{"start", "end", "replacement", "rule", "safe"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte offset where the replaced text starts, in the text the edit is for.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// The text to write instead.
    pub replacement: String,
    /// The id of the rule whose finding the edit fixes (as `rule` in the JSON findings).
    pub rule: String,
    /// False for an edit that needs a person's confirmation (see [`Fix::safe`]).
    pub safe: bool,
}

impl Edit {
    /// The edit of `fix`, for the finding of `rule`.
    pub fn new(fix: &Fix, rule: &str) -> Self {
        Edit {
            start: fix.start,
            end: fix.end,
            replacement: fix.replacement.clone(),
            rule: rule.to_string(),
            safe: fix.safe,
        }
    }
}

/// Why an edit was not applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum SkipReason {
    /// It is unsafe and only safe edits were asked for.
    Unsafe,
    /// It overlaps an edit applied before it (the one starting at `start`).
    Overlaps {
        /// Start of the applied edit it overlaps.
        start: usize,
        /// End of the applied edit it overlaps.
        end: usize,
    },
    /// Its offsets are not in the text, or not on character boundaries.
    OutOfRange,
}

/// An edit [`apply`] left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The edit.
    pub edit: Edit,
    /// Why it was left out.
    #[serde(flatten)]
    pub reason: SkipReason,
}

/// A text with edits applied. Serialises as `{"text", "edits"}` (the applied edits, in
/// the offsets of the text before; the skipped ones are left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// The text after the edits.
    pub text: String,
    /// The edits applied, in document order, offsets into the text before.
    pub edits: Vec<Edit>,
    /// The edits left out, in document order.
    #[serde(skip)]
    pub skipped: Vec<Skipped>,
}

/// The edits of a checked draft's fixes, in document order: one per finding that has a
/// fix (suppressed findings are not fixed). Offsets are into `file.source.text`.
pub fn edits(file: &CheckedFile) -> Vec<Edit> {
    let mut out: Vec<Edit> = file
        .findings
        .iter()
        .filter_map(|f| Some(Edit::new(f.fix.as_ref()?, f.rule.as_deref()?)))
        .collect();
    out.sort_by_key(|e| (e.start, e.end));
    out
}

/// Applies the fixes of a checked draft to its text (see [`apply`]).
pub fn fix_checked(file: &CheckedFile, safety: FixSafety) -> Applied {
    apply(&file.source.text, &edits(file), safety)
}

/// Applies `edits` to `text`: those `safety` allows, in order of position (start, then
/// end, then as given); an edit that starts inside an applied one, or where it starts,
/// is skipped and reported, as is one outside the text. Offsets are all into `text` as
/// given; the result does not depend on the order of `edits` but for equal positions.
pub fn apply(text: &str, edits: &[Edit], safety: FixSafety) -> Applied {
    let mut ordered: Vec<&Edit> = edits.iter().collect();
    // Stable: equal positions keep the order they were given in.
    ordered.sort_by_key(|e| (e.start, e.end));
    let mut applied: Vec<Edit> = Vec::new();
    let mut skipped: Vec<Skipped> = Vec::new();
    for edit in ordered {
        let skip = |reason| Skipped {
            edit: edit.clone(),
            reason,
        };
        if !safety.allows(edit.safe) {
            skipped.push(skip(SkipReason::Unsafe));
            continue;
        }
        let in_text = edit.start <= edit.end
            && edit.end <= text.len()
            && text.is_char_boundary(edit.start)
            && text.is_char_boundary(edit.end);
        if !in_text {
            skipped.push(skip(SkipReason::OutOfRange));
            continue;
        }
        if let Some(last) = applied.last() {
            if edit.start < last.end || edit.start == last.start {
                skipped.push(skip(SkipReason::Overlaps {
                    start: last.start,
                    end: last.end,
                }));
                continue;
            }
        }
        applied.push(edit.clone());
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for edit in &applied {
        out.push_str(&text[from..edit.start]);
        out.push_str(&edit.replacement);
        from = edit.end;
    }
    out.push_str(&text[from..]);
    Applied {
        text: out,
        edits: applied,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, replacement: &str, safe: bool) -> Edit {
        Edit {
            start,
            end,
            replacement: replacement.to_string(),
            rule: format!("r{start}"),
            safe,
        }
    }

    #[test]
    fn edits_apply_by_position_and_overlaps_are_reported() {
        let text = "voted 12-1 on Jan. 15, said Bass.";
        // (edits, safety, text after, starts of the skipped edits)
        let cases: Vec<(Vec<Edit>, FixSafety, &str, Vec<usize>)> = vec![
            (
                vec![edit(19, 21, "14", true), edit(6, 10, "13-0", true)],
                FixSafety::SafeOnly,
                "voted 13-0 on Jan. 14, said Bass.",
                vec![],
            ),
            (
                vec![edit(28, 32, "Soto-Martinez", false)],
                FixSafety::SafeOnly,
                "voted 12-1 on Jan. 15, said Bass.",
                vec![28],
            ),
            (
                vec![edit(28, 32, "Soto-Martinez", false)],
                FixSafety::IncludeUnsafe,
                "voted 12-1 on Jan. 15, said Soto-Martinez.",
                vec![],
            ),
            // Overlapping: the first by position is applied.
            (
                vec![edit(8, 10, "-0", true), edit(6, 10, "13-0", true)],
                FixSafety::SafeOnly,
                "voted 13-0 on Jan. 15, said Bass.",
                vec![8],
            ),
            // Same start: the shorter wins.
            (
                vec![edit(6, 8, "13", true), edit(6, 10, "14-0", true)],
                FixSafety::SafeOnly,
                "voted 13-1 on Jan. 15, said Bass.",
                vec![6],
            ),
            // An insertion at the end of an applied edit is applied after it.
            (
                vec![edit(6, 10, "13-0", true), edit(10, 10, " vote", true)],
                FixSafety::SafeOnly,
                "voted 13-0 vote on Jan. 15, said Bass.",
                vec![],
            ),
            (
                vec![edit(30, 99, "x", true), edit(5, 4, "x", true)],
                FixSafety::SafeOnly,
                text,
                vec![5, 30],
            ),
        ];
        for (edits, safety, want, skipped) in cases {
            let got = apply(text, &edits, safety);
            assert_eq!(got.text, want, "{edits:?}");
            let starts: Vec<usize> = got.skipped.iter().map(|s| s.edit.start).collect();
            assert_eq!(starts, skipped, "{edits:?}");
            assert_eq!(got.edits.len() + got.skipped.len(), edits.len());
        }
    }

    #[test]
    fn applied_serialises_as_the_service_wants() {
        let got = apply(
            "a 12-1 vote",
            &[edit(2, 6, "13-0", true)],
            FixSafety::SafeOnly,
        );
        assert_eq!(
            serde_json::to_value(&got).expect("serialises"),
            serde_json::json!({
                "text": "a 13-0 vote",
                "edits": [{"start": 2, "end": 6, "replacement": "13-0", "rule": "r2", "safe": true}]
            })
        );
    }
}
