//! Provenance: rules pinned to their primary sources. A ruleset's `sources:` may name
//! source files (a council transcript, a vote record, a press release) and its claims
//! and quotes may name one with `source:`; this module proves them against the files.
//!
//! The stages, one file each:
//! - [`sources`]: a source file found relative to its rule file, hashed (SHA-256) and
//!   read like a draft (plain text, Markdown, HTML);
//! - [`turns`]: a transcript's speaker labels (`MAYOR BASS:`) and the turn each one
//!   opens, and who a source credits with the words at a place — the labelled speaker,
//!   or the speaker the prose attributes a quotation to;
//! - [`verify`]: every pinned rule checked against its source (`factcheck rules
//!   verify`): quotes verbatim and credited to their speaker, claims stated in one
//!   sentence as a draft states them, statements reported as a draft reports them
//!   ([`statements`]), sources unchanged since pinned;
//! - [`pin`]: the sources' SHA-256 written into the rule file as a minimal text edit
//!   (`factcheck rules pin`);
//! - [`stale`]: the cheap check a draft check makes of the rules it used — only the
//!   pinned hashes, never the contents.
//!
//! A rule kind is verified in two steps, *locate* (where the source states it) and
//! *credit* (who the source says stated it, for rules with a speaker), so that a new
//! kind of rule with a speaker (a statement) slots in as one more locating step.

pub mod pin;
pub mod sources;
pub mod stale;
mod statements;
pub mod turns;
pub mod verify;

pub use pin::{pin_rule_files, PinError, PinOutcome, PinnedSource};
pub use sources::{
    read_source, resolve_source_path, sha256_file, sha256_hex, ReadSource, SourceReadError,
};
pub use stale::{stale_sources, StaleSource};
pub use turns::{Credit, CreditBasis, SourceDocument, Turn};
pub use verify::{
    verify_rulesets, PinnedKind, Problem, ProblemKind, RuleCheck, RuleStatus, SourceCheck,
    SourceStatus, Verification,
};

#[cfg(test)]
mod tests;
