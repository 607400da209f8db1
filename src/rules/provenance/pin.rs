//! `factcheck rules pin`: each source file's current SHA-256 written into its rule file
//! — the `sha256:` value replaced, or the key inserted under the source's `path:` with
//! the same indentation (after the path in a flow mapping) — as a text edit at the
//! positions the YAML parser reports, never a re-serialisation: comments, layout, quoting
//! and line endings stay as they were. The edited text is loaded again and must give the
//! same rules with the new hashes; it is written atomically, and not at all when the rule
//! file changed since it was read.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::rules::load::{read_text, rule_files};
use crate::rules::schema::RawSource;
use crate::rules::{load_rule_file, RuleError, DEFAULT_MAX_RULES_SIZE};

use super::sources::{resolve_source_path, sha256_file};

/// Why rule files could not be pinned.
#[derive(Debug, thiserror::Error)]
pub enum PinError {
    /// A rule file does not load.
    #[error("{0}")]
    Rule(#[from] RuleError),
    /// A source file cannot be read (so it cannot be hashed).
    #[error("{rule_file}:{line}:{column}: source `{source_id}`: cannot read {path}: {message}")]
    Unreadable {
        /// The rule file.
        rule_file: String,
        /// 1-based line of the source entry.
        line: usize,
        /// 1-based column of the source entry.
        column: usize,
        /// The source's id.
        source_id: String,
        /// The file, as found from the rule file's folder.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The edit could not be made safely (an unusual layout); the file is left as it was.
    #[error("{rule_file}: {message}; the file is left as it was (write the `sha256:` by hand)")]
    Edit {
        /// The rule file.
        rule_file: String,
        /// What went wrong.
        message: String,
    },
    /// The rule file changed while it was being pinned; it is left as the other writer
    /// left it.
    #[error("{rule_file}: the file changed while it was being pinned; it was not written (run `factcheck rules pin` again)")]
    Changed {
        /// The rule file.
        rule_file: String,
    },
    /// The rule file could not be written.
    #[error("{rule_file}: cannot write: {source}")]
    Write {
        /// The rule file.
        rule_file: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// One source whose SHA-256 pin looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedSource {
    /// The source's id.
    pub id: String,
    /// The file, as found from the rule file's folder.
    pub path: String,
    /// Its SHA-256 now (what the rule file pins after the run).
    pub sha256: String,
    /// What the rule file pinned before, if anything.
    pub previous: Option<String>,
}

impl PinnedSource {
    /// True when the rule file's value changed (or was added).
    pub fn changed(&self) -> bool {
        self.previous.as_deref() != Some(self.sha256.as_str())
    }
}

/// What pin did to one rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinOutcome {
    /// The rule file.
    pub rule_file: String,
    /// Its source files, in file order.
    pub sources: Vec<PinnedSource>,
    /// True when the file was rewritten.
    pub written: bool,
}

/// Pins every source file of the rule files under `paths` (files, or directories
/// searched as for loading), writing each rule file whose hashes changed. Stops at the
/// first error; files pinned before it stay pinned.
pub fn pin_rule_files(paths: &[PathBuf]) -> Result<Vec<PinOutcome>, PinError> {
    let mut outcomes = Vec::new();
    for (file, shown) in rule_files(paths)? {
        let text = read_text(&file, &shown, DEFAULT_MAX_RULES_SIZE)?;
        let (edited, sources) = pin_text(&shown, &text)?;
        let written = edited != text;
        if written {
            write_unless_changed(&file, &shown, &text, &edited)?;
        }
        outcomes.push(PinOutcome {
            rule_file: shown,
            sources,
            written,
        });
    }
    Ok(outcomes)
}

/// The rule file `text` (loaded from `shown`) with every source's current SHA-256
/// written in, and the sources. The files are hashed from the rule file's folder.
pub fn pin_text(shown: &str, text: &str) -> Result<(String, Vec<PinnedSource>), PinError> {
    pin_text_with(shown, text, |path| {
        sha256_file(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            _ => e.to_string(),
        })
    })
}

/// [`pin_text`] with the hashing given (`hash` of a resolved path).
pub fn pin_text_with(
    shown: &str,
    text: &str,
    mut hash: impl FnMut(&Path) -> Result<String, String>,
) -> Result<(String, Vec<PinnedSource>), PinError> {
    let before = load_rule_file(shown, text)?;
    let entries = source_entries(shown, text)?;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut pinned = Vec::new();
    for (entry, source) in entries.iter().zip(&before.source_files) {
        let path = resolve_source_path(shown, &source.path);
        let sha256 = hash(&path).map_err(|message| PinError::Unreadable {
            rule_file: shown.to_string(),
            line: source.position.line,
            column: source.position.column,
            source_id: source.id.clone(),
            path: path.display().to_string(),
            message,
        })?;
        let pin = PinnedSource {
            id: source.id.clone(),
            path: path.display().to_string(),
            sha256: sha256.clone(),
            previous: source.sha256.clone(),
        };
        if pin.changed() {
            edits.push(edit_for(shown, text, entry, &sha256)?);
        }
        pinned.push(pin);
    }
    let mut edited = text.to_string();
    edits.sort_by_key(|(at, _, _)| std::cmp::Reverse(*at));
    for (start, end, replacement) in edits {
        edited.replace_range(start..end, &replacement);
    }
    // The edit must give the same rules with the new hashes, and nothing else.
    let after = load_rule_file(shown, &edited).map_err(|e| PinError::Edit {
        rule_file: shown.to_string(),
        message: format!("the edited file does not load ({e})"),
    })?;
    let same = after.source_files.len() == before.source_files.len()
        && after
            .source_files
            .iter()
            .zip(&before.source_files)
            .zip(&pinned)
            .all(|((a, b), p)| {
                a.id == b.id
                    && a.path == b.path
                    && a.url == b.url
                    && a.title == b.title
                    && a.sha256.as_deref() == Some(p.sha256.as_str())
            })
        && after.sources == before.sources
        && same_rules(&after, &before);
    if !same {
        return Err(PinError::Edit {
            rule_file: shown.to_string(),
            message: "the edit would change more than the sources' `sha256`".to_string(),
        });
    }
    Ok((edited, pinned))
}

/// True when both rulesets have the same people, claims and quotes, positions aside.
fn same_rules(a: &crate::rules::RuleSet, b: &crate::rules::RuleSet) -> bool {
    let people = a.people.len() == b.people.len()
        && a.people.iter().zip(&b.people).all(|(x, y)| {
            x.id == y.id && x.name == y.name && x.title == y.title && x.aliases == y.aliases
        });
    let claims = a.claims.len() == b.claims.len()
        && a.claims.iter().zip(&b.claims).all(|(x, y)| {
            x.id == y.id
                && x.statement == y.statement
                && x.context == y.context
                && x.value == y.value
                && x.expected == y.expected
                && x.required == y.required
                && x.severity == y.severity
                && x.source == y.source
                && x.examples.len() == y.examples.len()
        });
    let quotes = a.quotes.len() == b.quotes.len()
        && a.quotes.iter().zip(&b.quotes).all(|(x, y)| {
            x.id == y.id
                && x.speaker == y.speaker
                && x.text == y.text
                && x.required == y.required
                && x.severity == y.severity
                && x.source == y.source
                && x.examples.len() == y.examples.len()
        });
    a.id == b.id && a.description == b.description && people && claims && quotes
}

/// Writes `edited` over `file` atomically, unless the file no longer holds `original`.
fn write_unless_changed(
    file: &Path,
    shown: &str,
    original: &str,
    edited: &str,
) -> Result<(), PinError> {
    let mut changed = false;
    let result = crate::text::write_atomically(file, edited.as_bytes(), || {
        let now = std::fs::read(file)?;
        if now != original.as_bytes() {
            changed = true;
            return Err(std::io::Error::other("changed meanwhile"));
        }
        Ok(())
    });
    match result {
        Ok(()) => Ok(()),
        Err(_) if changed => Err(PinError::Changed {
            rule_file: shown.to_string(),
        }),
        Err(source) => Err(PinError::Write {
            rule_file: shown.to_string(),
            source,
        }),
    }
}

/// Where a source-file entry's nodes are written (byte offsets into the rule file).
#[derive(Debug, Clone, Copy)]
struct EntryPlaces {
    /// The start of the entry's mapping (`{` for a flow mapping).
    item: usize,
    /// The start of the `path` value.
    path: usize,
    /// The start of the `sha256` value, when there is one.
    sha256: Option<usize>,
}

/// The rule file's `sources:` as the pin needs it, read with the loader's own types
/// (other keys are ignored: the file has been loaded, so they are known to be right).
#[derive(Deserialize)]
struct PinDocument {
    sources: Option<Vec<Spanned<RawSource>>>,
}

/// The places of every source-file entry, in file order (the order of
/// [`crate::rules::RuleSet::source_files`]).
fn source_entries(shown: &str, text: &str) -> Result<Vec<EntryPlaces>, PinError> {
    let edit_error = |message: String| PinError::Edit {
        rule_file: shown.to_string(),
        message,
    };
    let document: PinDocument = serde_saphyr::from_str(text)
        .map_err(|e| edit_error(format!("cannot read its sources ({e})")))?;
    let offset = |location: &serde_saphyr::Location| {
        location
            .span()
            .byte_offset()
            .and_then(|o| usize::try_from(o).ok())
            .filter(|&o| o <= text.len() && text.is_char_boundary(o))
            .ok_or_else(|| edit_error("the YAML parser gave no position to edit at".to_string()))
    };
    let mut places = Vec::new();
    for entry in document.sources.unwrap_or_default() {
        let RawSource::File(file) = entry.value else {
            continue;
        };
        let file = *file;
        let path = file
            .path
            .ok_or_else(|| edit_error("a source has no `path`".to_string()))?;
        places.push(EntryPlaces {
            item: offset(&entry.referenced)?,
            path: offset(&path.referenced)?,
            sha256: file.sha256.map(|s| offset(&s.referenced)).transpose()?,
        });
    }
    Ok(places)
}

/// The edit that pins one entry: (start, end, replacement) in bytes.
fn edit_for(
    shown: &str,
    text: &str,
    entry: &EntryPlaces,
    sha256: &str,
) -> Result<(usize, usize, String), PinError> {
    let flow = text[entry.item..].starts_with('{');
    if let Some(at) = entry.sha256 {
        let (start, end) = scalar_extent(text, at, flow);
        let written = &text[start..end];
        // Keep the quoting: replace only what is between the marks.
        return Ok(match written.chars().next() {
            Some(q @ ('"' | '\'')) if written.len() >= 2 && written.ends_with(q) => {
                (start + 1, end - 1, sha256.to_string())
            }
            _ => (start, end, sha256.to_string()),
        });
    }
    let (_, path_end) = scalar_extent(text, entry.path, flow);
    if flow {
        return Ok((path_end, path_end, format!(", sha256: {sha256}")));
    }
    // Block mapping: a new line under `path:`, at the key's indentation.
    let line_start = text[..entry.path].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before_value = &text[line_start..entry.path];
    let key = before_value
        .rfind("path")
        .filter(|&k| before_value[k + 4..].trim_start().starts_with(':'))
        .ok_or_else(|| PinError::Edit {
            rule_file: shown.to_string(),
            message: "the `path:` key is not on the line of its value".to_string(),
        })?;
    let indent = " ".repeat(before_value[..key].chars().count());
    let line_end = text[path_end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| path_end + i);
    let newline = if text[line_end..].starts_with("\r\n") {
        "\r\n"
    } else if text[line_end..].starts_with('\r') {
        "\r"
    } else if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Ok((
        line_end,
        line_end,
        format!("{newline}{indent}sha256: {sha256}"),
    ))
}

/// The extent (start, end) of the scalar written at `start`: a quoted scalar to its
/// closing mark, a plain one to the end of its line, a comment or (in a flow mapping)
/// the `,` or `}` that ends it, trailing spaces left out.
fn scalar_extent(text: &str, start: usize, flow: bool) -> (usize, usize) {
    let rest = &text[start..];
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, '"')) => {
            let mut escaped = false;
            for (i, c) in chars {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => return (start, start + i + 1),
                    _ => escaped = false,
                }
            }
            (start, text.len())
        }
        Some((_, '\'')) => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return (start, start + i + 1);
                }
                i += 1;
            }
            (start, text.len())
        }
        _ => {
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                let ends = matches!(c, '\n' | '\r')
                    || (c == '#' && rest[..i].ends_with([' ', '\t']))
                    || (flow && matches!(c, ',' | '}' | ']'));
                if ends {
                    end = i;
                    break;
                }
            }
            let value = rest[..end].trim_end_matches([' ', '\t']);
            (start, start + value.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn pin(text: &str) -> String {
        pin_text_with("rules/x.yaml", text, |_| Ok(HASH.to_string()))
            .expect("pins")
            .0
    }

    #[test]
    fn scalar_extents() {
        let table: &[(&str, bool, &str)] = &[
            ("a.txt\n", false, "a.txt"),
            ("a b.txt   # note\n", false, "a b.txt"),
            ("\"a, \\\"b\\\".txt\" # c\n", false, "\"a, \\\"b\\\".txt\""),
            ("'it''s.txt', x", true, "'it''s.txt'"),
            ("a.txt, sha256: x }", true, "a.txt"),
            ("a.txt }", true, "a.txt"),
            ("a.txt\r\n", false, "a.txt"),
            ("a.txt", false, "a.txt"),
        ];
        for (text, flow, want) in table {
            let (start, end) = scalar_extent(text, 0, *flow);
            assert_eq!(&text[start..end], *want, "{text:?}");
        }
    }

    #[test]
    fn pinning_inserts_or_replaces_and_keeps_the_rest() {
        let table: &[(&str, &str, &str)] = &[
            (
                "block mapping: inserted under path, at its indentation",
                "ruleset: x\nsources:\n  - id: s   # the council\n    path: s.txt  # transcript\n    title: T\n",
                "ruleset: x\nsources:\n  - id: s   # the council\n    path: s.txt  # transcript\n    sha256: HASH\n    title: T\n",
            ),
            (
                "path first in its entry",
                "ruleset: x\nsources:\n  - path: s.txt\n    id: s\n",
                "ruleset: x\nsources:\n  - path: s.txt\n    sha256: HASH\n    id: s\n",
            ),
            (
                "path last in the file, no final newline",
                "ruleset: x\nsources:\n  - id: s\n    path: s.txt",
                "ruleset: x\nsources:\n  - id: s\n    path: s.txt\n    sha256: HASH",
            ),
            (
                "flow mapping: inserted after the path",
                "ruleset: x\nsources: [free text, { id: s, path: \"s.txt\" }]  # end\n",
                "ruleset: x\nsources: [free text, { id: s, path: \"s.txt\", sha256: HASH }]  # end\n",
            ),
            (
                "an old value replaced, its comment kept",
                "ruleset: x\nsources:\n  - id: s\n    path: s.txt\n    sha256: 1111111111111111111111111111111111111111111111111111111111111111 # pinned\n",
                "ruleset: x\nsources:\n  - id: s\n    path: s.txt\n    sha256: HASH # pinned\n",
            ),
            (
                "a quoted old value keeps its quotes",
                "ruleset: x\nsources:\n  - { id: s, sha256: '1111111111111111111111111111111111111111111111111111111111111111', path: s.txt }\n",
                "ruleset: x\nsources:\n  - { id: s, sha256: 'HASH', path: s.txt }\n",
            ),
            (
                "CRLF line endings",
                "ruleset: x\r\nsources:\r\n  - id: s\r\n    path: s.txt\r\n# end\r\n",
                "ruleset: x\r\nsources:\r\n  - id: s\r\n    path: s.txt\r\n    sha256: HASH\r\n# end\r\n",
            ),
            (
                "a byte-order mark and a non-ASCII title before",
                "\u{feff}ruleset: x\ndescription: Café\nsources:\n  - id: s\n    path: s.txt\n",
                "\u{feff}ruleset: x\ndescription: Café\nsources:\n  - id: s\n    path: s.txt\n    sha256: HASH\n",
            ),
            (
                "already pinned: unchanged",
                "ruleset: x\nsources:\n  - id: s\n    path: s.txt\n    sha256: HASH\n",
                "ruleset: x\nsources:\n  - id: s\n    path: s.txt\n    sha256: HASH\n",
            ),
        ];
        for (name, before, after) in table {
            let before = before.replace("HASH", HASH);
            assert_eq!(pin(&before), after.replace("HASH", HASH), "{name}");
        }
    }

    #[test]
    fn several_sources_and_rules() {
        let before = "ruleset: x\nsources:\n  - Notes\n  - id: a\n    path: a.txt\n  - { id: b, path: b.md }\npeople: [{ name: Ann Lee }]\nquotes:\n  - { id: q, speaker: ann-lee, text: one two three four, source: b }\n";
        let (after, sources) = pin_text_with("x.yaml", before, |p| {
            Ok(format!("{:0>64}", p.display().to_string().len()))
        })
        .expect("pins");
        let ids: Vec<(&str, bool)> = sources
            .iter()
            .map(|s| (s.id.as_str(), s.changed()))
            .collect();
        assert_eq!(ids, [("a", true), ("b", true)]);
        assert!(
            after.contains("    path: a.txt\n    sha256: 0000"),
            "{after}"
        );
        assert!(
            after.contains("{ id: b, path: b.md, sha256: 0000"),
            "{after}"
        );
    }

    #[test]
    fn a_file_changed_meanwhile_is_not_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("rules.yaml");
        std::fs::write(&file, "ruleset: theirs\n").expect("write");
        // Read as `ruleset: mine`, since changed by someone else: refused, left alone.
        let err = write_unless_changed(&file, "rules.yaml", "ruleset: mine\n", "edited\n")
            .expect_err("changed");
        assert!(matches!(err, PinError::Changed { .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(&file).expect("read"),
            "ruleset: theirs\n"
        );
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left");
        // Unchanged: written.
        write_unless_changed(&file, "rules.yaml", "ruleset: theirs\n", "edited\n").expect("writes");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "edited\n");
    }

    #[test]
    fn unreadable_sources_are_errors_naming_the_entry() {
        let text = "ruleset: x\nsources:\n  - id: s\n    path: none.txt\n";
        let err = pin_text("rules/x.yaml", text).expect_err("missing source");
        assert_eq!(
            err.to_string(),
            "rules/x.yaml:3:5: source `s`: cannot read rules/none.txt: no such file"
        );
    }
}
