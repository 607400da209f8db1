//! Source files: where a rule file's `sources:` entry points (relative to the rule
//! file), its SHA-256, and its text read the way drafts are read — UTF-8 (or UTF-16 with
//! a byte-order mark), and for Markdown and HTML the prose only ([`Prose`]).

use std::io::Read as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::text::{
    InputFormat, MarkupError, Prose, ReadOptions, SourceError, SourceFile, DEFAULT_MAX_DRAFT_SIZE,
};

/// The file a source entry names: its `path` taken relative to the folder of the rule
/// file (`rule_file` as loaded); an absolute `path` stays as it is.
pub fn resolve_source_path(rule_file: &str, path: &str) -> PathBuf {
    let base = Path::new(rule_file).parent().unwrap_or(Path::new(""));
    base.join(path)
}

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The SHA-256 of a file's bytes, read in pieces (a large file is never held whole).
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a source file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceReadError {
    /// The file is missing, unreadable, too large, empty or not text.
    #[error("{0}")]
    Read(#[from] SourceError),
    /// Its Markdown or HTML could not be read.
    #[error("{path}:{line}:{column}: {message}")]
    Markup {
        /// The path as shown.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// A source file read: its bytes' SHA-256, its text as written, and its prose.
#[derive(Debug, Clone)]
pub struct ReadSource {
    /// The SHA-256 of the file's bytes (what `factcheck rules pin` writes).
    pub sha256: String,
    /// The file's text (decoded), for positions and excerpts.
    pub file: SourceFile,
    /// The prose the rules are checked against, with the way back to `file`.
    pub prose: Prose,
}

impl ReadSource {
    /// The text the rules are checked against (the prose of Markdown and HTML).
    pub fn view(&self) -> &str {
        self.prose.text(&self.file.text)
    }
}

/// Reads a source file like a draft (its format from its extension), shown as `shown`.
pub fn read_source(path: &Path, shown: &str) -> Result<ReadSource, SourceReadError> {
    let options = ReadOptions {
        max_size: DEFAULT_MAX_DRAFT_SIZE,
        encoding: None,
    };
    let io = |source| SourceError::Io {
        path: shown.to_string(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other("is a directory, not a source file")).into());
    }
    if meta.len() > options.max_size {
        return Err(SourceError::TooLarge {
            path: shown.to_string(),
            limit: crate::text::display_size(options.max_size),
            actual: format!(": it is {}", crate::text::display_size(meta.len())),
        }
        .into());
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let sha256 = sha256_hex(&bytes);
    let file = SourceFile::decode(shown, bytes, &options)?;
    let prose = Prose::extract(&file.text, InputFormat::for_path(path)).map_err(
        |MarkupError { offset, message }| {
            let (line, column) = file.line_col(offset);
            SourceReadError::Markup {
                path: shown.to_string(),
                line,
                column,
                message,
            }
        },
    )?;
    Ok(ReadSource {
        sha256,
        file,
        prose,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_inputs() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.txt");
        std::fs::write(&path, b"abc").expect("write");
        assert_eq!(sha256_file(&path).expect("hash"), sha256_hex(b"abc"));
    }

    #[test]
    fn paths_are_relative_to_the_rule_file() {
        let table = [
            ("rules/la.yaml", "sources/a.txt", "rules/sources/a.txt"),
            ("la.yaml", "sources/a.txt", "sources/a.txt"),
            ("rules/sub/la.yaml", "../a.txt", "rules/sub/../a.txt"),
            ("rules/la.yaml", "/abs/a.txt", "/abs/a.txt"),
        ];
        for (rule_file, path, want) in table {
            assert_eq!(
                resolve_source_path(rule_file, path),
                PathBuf::from(want),
                "{rule_file} + {path}"
            );
        }
    }

    #[test]
    fn markdown_sources_are_read_as_prose() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.md");
        std::fs::write(&path, "# Notes\n\nThe **vote** was 9-2.\n").expect("write");
        let read = read_source(&path, "notes.md").expect("reads");
        assert!(
            read.view().contains("The vote was 9-2."),
            "{:?}",
            read.view()
        );
        let missing = read_source(&dir.path().join("none.txt"), "none.txt").expect_err("missing");
        assert!(
            missing.to_string().starts_with("none.txt: cannot read"),
            "{missing}"
        );
    }
}
