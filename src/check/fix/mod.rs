//! Fixes: what would make a finding go away, as an edit of the draft, and applying such
//! edits.
//!
//! The checker attaches a [`Fix`] to the findings it can repair ([`crate::check::Finding::fix`]); the
//! stages live in one file each:
//! - `value`: an **altered value** becomes the verified one, written in the draft's own
//!   style where the value parser knows it (`Jan. 15, 2025` → `Jan. 14, 2025`, `12–1` →
//!   `13–0`, `twelve-to-one` → `thirteen-to-zero`, `$1.1bn` → `$1.2bn`), else as the rule
//!   writes it; a replacement is kept only when reading it back in its sentence states
//!   the verified value. Safe.
//! - `quote`: an **altered quote** gets the smallest word edits the word diff allows:
//!   only the changed words are replaced, inside the one quote segment the finding is
//!   about, the draft's marks, split structure and punctuation kept. Safe.
//! - `speaker`: a **misattributed quote**'s speaker name becomes the verified person's
//!   (full name for a full name, last name for a last name, a title before it kept);
//!   none for a pronoun or a role noun (`the mayor`). Unsafe: the quote may be right and
//!   the rule wrong, which only a person can tell.
//! - `markup`: a fix found in the prose of a Markdown or HTML draft is moved to the
//!   bytes of the file; an edit that would cut through markup (a tag, an entity) is made
//!   smaller, or dropped, never applied broken. Replacements in HTML are escaped.
//! - `apply`: applying edits to a text: safe ones only or unsafe ones too, overlaps
//!   resolved by position (the first kept, the rest reported as skipped).
//!
//! Missing, unattributed and unverified findings get no fix.
//!
//! For a service: check a draft ([`crate::check::Checker::check_document`]), then
//! [`edits`] lists its fixes and [`apply`] (or [`fix_checked`]) applies them; the
//! [`Applied`] result serialises as `{"text", "edits": [{"start", "end", "replacement",
//! "rule", "safe"}]}`.

mod apply;
pub(crate) mod markup;
pub(crate) mod quote;
pub(crate) mod speaker;
pub(crate) mod value;
mod words;

pub use apply::{apply, edits, fix_checked, Applied, Edit, FixSafety, SkipReason, Skipped};

use serde::Serialize;

use crate::text::Span;

/// One edit that repairs a finding: replace the bytes `start..end` of the draft (the same
/// offsets as [`crate::check::Finding::span`], into the file as written) with
/// `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// Byte offset where the replaced text starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive; equal to `start` for an insertion).
    pub end: usize,
    /// The text to write instead (empty for a deletion).
    pub replacement: String,
    /// True when applying it cannot make the draft wrong: it writes the verified value
    /// or words. False for a guess a person must confirm (a speaker's name).
    pub safe: bool,
}

impl Fix {
    /// The replaced bytes.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}
