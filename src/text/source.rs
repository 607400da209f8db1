//! A draft as read from disk: its display path, its original text, and a line index.

use std::path::Path;

/// Why a draft could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8; positions name the first bad byte.
    #[error("{path}:{line}:{column}: not valid UTF-8 (first bad byte 0x{byte:02X}); save the draft as UTF-8")]
    NotUtf8 {
        /// The path as given.
        path: String,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
        /// The offending byte.
        byte: u8,
    },
}

/// A draft: its path for display and its original text, byte for byte.
///
/// The text is kept exactly as read (a UTF-8 byte-order mark included) so that every
/// [`crate::text::Span`] is a byte offset into the file on disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user wrote it (or `-` for standard input).
    pub path: String,
    /// The original text.
    pub text: String,
    lines: LineIndex,
}

impl SourceFile {
    /// Wraps text already in memory.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    /// Decodes bytes as UTF-8, naming the first invalid byte's line and column on failure.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, SourceError> {
        let path = path.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(path, text)),
            Err(err) => {
                let bad = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                // Everything before `bad` is valid UTF-8 by construction.
                let prefix = String::from_utf8_lossy(&bytes[..bad]);
                let (line, column) = LineIndex::new(&prefix).line_col(&prefix, prefix.len());
                Err(SourceError::NotUtf8 {
                    path,
                    line,
                    column,
                    byte: bytes[bad],
                })
            }
        }
    }

    /// Reads a file from disk.
    pub fn read(path: &Path) -> Result<Self, SourceError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| SourceError::Io {
            path: shown.clone(),
            source,
        })?;
        SourceFile::from_bytes(shown, bytes)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    /// The line index of this file.
    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }
}

/// Start offsets of every line, for turning byte offsets into line:column.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (a line ends after `\n`; `\r\n` counts once).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        LineIndex { starts }
    }

    /// Number of lines (a text without a newline has one).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Never true: every text has at least one line.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and column of `offset` in `text` (which this index was built from).
    /// The column counts characters; a byte-order mark at the file start is not counted.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let before = &text[start..offset];
        let bom = usize::from(line == 0 && before.starts_with('\u{feff}'));
        (line + 1, before.chars().count() - bom + 1)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// The greatest char boundary at or before `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_skips_bom() {
        let text = "\u{feff}ab\r\n“c” d\n";
        let f = SourceFile::new("x", text);
        assert_eq!(f.line_col(3), (1, 1));
        assert_eq!(f.line_col(4), (1, 2));
        let d = text.find('d').unwrap();
        assert_eq!(f.line_col(d), (2, 5));
        assert_eq!(f.line_col(text.len()), (3, 1));
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = SourceFile::from_bytes("d.txt", b"ok\nab\x93c".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.txt:2:3: not valid UTF-8 (first bad byte 0x93); save the draft as UTF-8"
        );
    }
}
