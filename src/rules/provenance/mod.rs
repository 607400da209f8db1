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
//!   sentence as a draft states them, sources unchanged since pinned;
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
mod tests {
    use crate::rules::load_rule_file;

    /// `sources:` entries and `source:` keys that do not load, each with file:line:col.
    #[test]
    fn source_errors_name_line_and_column() {
        let people = "people: [{ name: Ann Lee }]\n";
        let table: &[(&str, &str)] = &[
            (
                "sources: [{ id: a, path: a.txt }]\nquotes:\n  - { id: q, speaker: ann-lee, text: hi, source: b }\n",
                "t.yaml:5:50: unknown source `b`; known sources: a",
            ),
            (
                "sources: [{ id: council, path: a.txt }]\nquotes:\n  - { id: q, speaker: ann-lee, text: hi, source: councl }\n",
                "t.yaml:5:50: unknown source `councl`; known sources: council; did you mean `council`?",
            ),
            (
                "sources: [free text]\nclaims:\n  - { id: c, statement: s, value: { year: 1979 }, source: a }\n",
                "t.yaml:5:59: unknown source `a`; no source files are defined",
            ),
            (
                "sources:\n  - { id: a, path: a.txt }\n  - { id: a, path: b.txt }\n",
                "t.yaml:5:11: duplicate source id `a`: first defined at line 4",
            ),
            ("sources: [{ path: a.txt }]\n", "t.yaml:3:11: source file has no `id`"),
            ("sources: [{ id: a }]\n", "t.yaml:3:11: source `a` has no `path`"),
            ("sources: [{ id: a, path: ' ' }]\n", "t.yaml:3:26: source `a` has an empty `path`"),
            (
                "sources: [{ id: a, path: a.txt, sha256: ABC }]\n",
                "t.yaml:3:41: source `a`: `sha256` must be 64 lower-case hex digits",
            ),
            (
                "sources: [{ id: a, path: a.txt, hash: x }]\n",
                "t.yaml:3:33: unknown field `hash`, expected one of `id`, `path`, `sha256`, `url`, `title`",
            ),
        ];
        for (yaml, want) in table {
            let yaml = format!("ruleset: x\n{people}{yaml}");
            let err = load_rule_file("t.yaml", &yaml).expect_err(want);
            assert!(
                err.to_string().starts_with(want),
                "{yaml}\ngot {err}\nwant {want}"
            );
        }
    }

    #[test]
    fn sources_keep_their_text_beside_the_files() {
        let yaml = "ruleset: x\nsources:\n  - Vote record\n  - id: t\n    path: t.txt\n    title: Transcript\n  - { id: u, path: u.txt, url: https://example.org/u }\n  - { id: v, path: v.txt }\npeople: [{ name: Ann Lee }]\nquotes:\n  - { id: q, speaker: ann-lee, text: hi, source: t }\n";
        let rules = load_rule_file("t.yaml", yaml).expect("loads");
        assert_eq!(
            rules.sources,
            [
                "Vote record",
                "Transcript (t.txt)",
                "https://example.org/u (u.txt)",
                "v.txt"
            ]
        );
        let ids: Vec<&str> = rules.source_files.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["t", "u", "v"]);
        assert_eq!(rules.quotes[0].source.as_deref(), Some("t"));
        assert_eq!(
            rules.source_file("u").and_then(|s| s.url.as_deref()),
            Some("https://example.org/u")
        );
    }
}
