//! A draft as read from disk: its display path, its original text, and a line index.
//!
//! Reading is bounded and strict: a file over the size limit is refused before it is read
//! (from its metadata, and by capping the read for pipes and standard input), a file with
//! NUL bytes is refused as binary, an empty or whitespace-only file is refused as having
//! nothing to check, and bytes that are not UTF-8 are refused with the line and column of
//! the first bad byte — unless the caller names another encoding ([`ReadOptions`]) or the
//! file starts with a UTF-16 byte-order mark, in which case it is decoded with
//! `encoding_rs` and positions refer to the decoded (UTF-8) text.

use std::io::Read;
use std::path::Path;

/// Default largest draft read: 100 MB.
pub const DEFAULT_MAX_DRAFT_SIZE: u64 = 100 * 1024 * 1024;

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
    #[error("{path}:{line}:{column}: not valid UTF-8 (first bad byte 0x{byte:02X}); save the draft as UTF-8, or name its encoding with --encoding (a Windows word processor's export is usually --encoding windows-1252)")]
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
    /// The bytes are malformed in the encoding that was named (or detected).
    #[error(
        "{path}: not valid {encoding}; check the --encoding given, or save the draft as UTF-8"
    )]
    Malformed {
        /// The path as given.
        path: String,
        /// The encoding's name.
        encoding: &'static str,
    },
    /// The encoding named is unknown to `encoding_rs`.
    #[error("unknown encoding `{0}` (try utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1)")]
    UnknownEncoding(String),
    /// The file holds a NUL byte: it is not a text draft.
    #[error("{path}:{line}:{column}: looks like a binary file (a NUL byte); give a text draft (UTF-8, or UTF-16 with a byte-order mark)")]
    Binary {
        /// The path as given.
        path: String,
        /// 1-based line of the first NUL byte.
        line: usize,
        /// 1-based column (in characters) of the first NUL byte.
        column: usize,
    },
    /// The file is empty or holds only whitespace.
    #[error("{path} is empty: nothing to check{detail}")]
    Empty {
        /// The path as given.
        path: String,
        /// `""`, or why a non-empty file counts as empty.
        detail: &'static str,
    },
    /// The file is larger than the limit.
    #[error("{path} is larger than the {limit} limit (--max-draft-size){actual}")]
    TooLarge {
        /// The path as given.
        path: String,
        /// The limit, for display (`100 MB`).
        limit: String,
        /// The size when known (`: it is 200 MB`), or `""`.
        actual: String,
    },
}

/// How drafts are read: the size limit and the encoding.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Largest file read, in bytes; larger files are refused before they are read.
    pub max_size: u64,
    /// The encoding to decode with when a draft is not valid UTF-8; `None` reads UTF-8
    /// only. A file that starts with a UTF-16 byte-order mark is always read as UTF-16;
    /// a UTF-16 encoding named here is used even without one.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_size: DEFAULT_MAX_DRAFT_SIZE,
            encoding: None,
        }
    }
}

impl ReadOptions {
    /// Looks up an encoding by its WHATWG label (`windows-1252`, `latin1`, `utf-16le`…).
    /// `utf-8` (and its aliases) gives `None`, the default reading.
    pub fn encoding_for_label(
        label: &str,
    ) -> Result<Option<&'static encoding_rs::Encoding>, SourceError> {
        match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
            Some(e) if e == encoding_rs::UTF_8 => Ok(None),
            Some(e) => Ok(Some(e)),
            None => Err(SourceError::UnknownEncoding(label.to_string())),
        }
    }
}

/// A size in bytes for display: `100 MB`, `1.5 GB`, `512 KB`, `300 bytes` (1 MB = 2^20 bytes).
pub fn display_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (name, unit) in UNITS {
        if bytes >= unit {
            let whole = bytes / unit;
            let tenths = (bytes % unit) * 10 / unit;
            return if tenths == 0 {
                format!("{whole} {name}")
            } else {
                format!("{whole}.{tenths} {name}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// A size over `limit`, for display next to it: as [`display_size`] shows it, or in
/// bytes when that would read the same as the limit (`1 MB` over a `1 MB` limit).
pub fn display_size_over(size: u64, limit: u64) -> String {
    let shown = display_size(size);
    if shown != display_size(limit) {
        return shown;
    }
    group_digits(size) + " bytes"
}

/// A whole number with thousands separators: `1,050,123`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Parses a size such as `100MB`, `20M`, `1.5G`, `512k` or `1048576` (1 MB = 2^20 bytes).
pub fn parse_size(written: &str) -> Result<u64, String> {
    let s = written.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    let scale: u64 = match unit.as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "cannot read the size `{written}`: use bytes, or a number with K, MB or GB"
            ))
        }
    };
    let value: f64 = number.parse().map_err(|_| {
        format!("cannot read the size `{written}`: use bytes, or a number with K, MB or GB")
    })?;
    let bytes = value * scale as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("the size `{written}` is out of range"));
    }
    Ok(bytes as u64)
}

/// A draft: its path for display and its original text, byte for byte.
///
/// The text is kept exactly as read (a UTF-8 byte-order mark included) so that every
/// [`crate::text::Span`] is a byte offset into the file on disk. A draft decoded from
/// another encoding keeps its decoded text; spans are then offsets into that text, while
/// line and column (counted in characters) are the same as in the file.
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
                let (line, column) = position_of(&bytes, bad);
                Err(SourceError::NotUtf8 {
                    path,
                    line,
                    column,
                    byte: bytes.get(bad).copied().unwrap_or_default(),
                })
            }
        }
    }

    /// Decodes a draft's bytes as [`ReadOptions`] say, refusing binary, malformed and
    /// empty input: UTF-16 when the bytes start with a UTF-16 byte-order mark or UTF-16 is
    /// named; else UTF-8 when they are valid UTF-8; else the named encoding, if any.
    pub fn decode(
        path: impl Into<String>,
        bytes: Vec<u8>,
        options: &ReadOptions,
    ) -> Result<Self, SourceError> {
        let path = path.into();
        let bom = encoding_rs::Encoding::for_bom(&bytes).map(|(e, _)| e);
        let encoding = match (bom, options.encoding) {
            // A UTF-16 byte-order mark always wins; a UTF-8 one is kept in the text.
            (Some(e), _) if e != encoding_rs::UTF_8 => Some(e),
            (Some(_), _) => None,
            (None, e) => e,
        };
        let source = match encoding {
            None => {
                refuse_binary(&path, &bytes, |b| b.iter().position(|&x| x == 0))?;
                SourceFile::from_bytes(path, bytes)?
            }
            Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
                let text = decode_strict(&path, e, &bytes)?;
                refuse_binary(&path, text.as_bytes(), |b| b.iter().position(|&x| x == 0))?;
                SourceFile::new(path, text)
            }
            Some(e) => {
                refuse_binary(&path, &bytes, |b| b.iter().position(|&x| x == 0))?;
                // A draft that is valid UTF-8 is read as UTF-8 whatever encoding was
                // named: one `--encoding windows-1252` serves a mixed batch, and UTF-8
                // text is never turned into mojibake.
                match String::from_utf8(bytes) {
                    Ok(text) => SourceFile::new(path, text),
                    Err(e8) => {
                        let text = decode_strict(&path, e, e8.as_bytes())?;
                        SourceFile::new(path, text)
                    }
                }
            }
        };
        if source
            .text
            .chars()
            .all(|c| c.is_whitespace() || crate::text::fold_char(c) == Some(""))
        {
            let detail = if source.text.is_empty() {
                ""
            } else {
                " (it holds only whitespace)"
            };
            return Err(SourceError::Empty {
                path: source.path,
                detail,
            });
        }
        Ok(source)
    }

    /// Reads a file from disk as UTF-8, with the default size limit.
    pub fn read(path: &Path) -> Result<Self, SourceError> {
        SourceFile::read_with(path, &ReadOptions::default())
    }

    /// Reads a file from disk as [`ReadOptions`] say. The size is checked from the file's
    /// metadata before anything is read, and the read itself is capped (a pipe or a
    /// device reports no size).
    pub fn read_with(path: &Path, options: &ReadOptions) -> Result<Self, SourceError> {
        let shown = path.display().to_string();
        let io = |source| SourceError::Io {
            path: shown.clone(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            return Err(io(std::io::Error::other(
                "is a directory (give the draft files themselves)",
            )));
        }
        if meta.len() > options.max_size {
            return Err(too_large(&shown, options.max_size, Some(meta.len())));
        }
        let file = std::fs::File::open(path).map_err(io)?;
        let bytes = read_capped(file, options.max_size).map_err(io)?;
        let Some(bytes) = bytes else {
            return Err(too_large(&shown, options.max_size, None));
        };
        SourceFile::decode(shown, bytes, options)
    }

    /// Reads a draft from a stream (standard input), reading at most the size limit.
    pub fn read_stream(
        path: impl Into<String>,
        stream: impl Read,
        options: &ReadOptions,
    ) -> Result<Self, SourceError> {
        let path = path.into();
        let bytes = read_capped(stream, options.max_size).map_err(|source| SourceError::Io {
            path: path.clone(),
            source,
        })?;
        let Some(bytes) = bytes else {
            return Err(too_large(&path, options.max_size, None));
        };
        SourceFile::decode(path, bytes, options)
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

/// Reads at most `max` bytes; `None` when the stream holds more.
fn read_capped(stream: impl Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    stream.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

fn too_large(path: &str, max: u64, actual: Option<u64>) -> SourceError {
    SourceError::TooLarge {
        path: path.to_string(),
        limit: display_size(max),
        actual: actual.map_or(String::new(), |a| {
            format!(": it is {}", display_size_over(a, max))
        }),
    }
}

/// Refuses bytes holding a NUL (found by `find`) as binary, naming its position.
fn refuse_binary(
    path: &str,
    bytes: &[u8],
    find: impl Fn(&[u8]) -> Option<usize>,
) -> Result<(), SourceError> {
    match find(bytes) {
        Some(at) => {
            let (line, column) = position_of(bytes, at);
            Err(SourceError::Binary {
                path: path.to_string(),
                line,
                column,
            })
        }
        None => Ok(()),
    }
}

/// Decodes with `encoding`, refusing malformed input (no replacement characters).
fn decode_strict(
    path: &str,
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
) -> Result<String, SourceError> {
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(SourceError::Malformed {
            path: path.to_string(),
            encoding: encoding.name(),
        });
    }
    Ok(text.into_owned())
}

/// 1-based line and column of byte `at` in `bytes`, decoding the valid UTF-8 before it.
fn position_of(bytes: &[u8], at: usize) -> (usize, usize) {
    let prefix = String::from_utf8_lossy(bytes.get(..at).unwrap_or(bytes));
    LineIndex::new(&prefix).line_col(&prefix, prefix.len())
}

/// Start offsets of every line, for turning byte offsets into line:column.
///
/// Long lines also get a checkpoint every [`COLUMN_CHECKPOINT_BYTES`] bytes (its offset and
/// the characters before it on its line), so finding a column counts at most that many
/// bytes however long the line is: reporting many findings on one huge line stays linear.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters from its line's start), in offset order.
    checkpoints: Vec<(usize, usize)>,
}

impl Default for LineIndex {
    fn default() -> Self {
        LineIndex {
            starts: vec![0],
            checkpoints: Vec::new(),
        }
    }
}

/// Distance between column checkpoints on a long line.
const COLUMN_CHECKPOINT_BYTES: usize = 4096;

impl LineIndex {
    /// Indexes the line starts of `text`: a line ends after `\n` (`\r\n` counts once),
    /// or after a lone `\r` (old Mac line endings).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(line_breaks(text).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            let (mut at, mut chars) = (start, 0);
            while end - at > COLUMN_CHECKPOINT_BYTES {
                let next = floor_char_boundary(text, at + COLUMN_CHECKPOINT_BYTES);
                chars += text[at..next].chars().count();
                checkpoints.push((next, chars));
                at = next;
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
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
        // Count from the last checkpoint of this line at or before `offset`.
        let k = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        let (from, chars) = match k.checked_sub(1).map(|k| self.checkpoints[k]) {
            Some((at, chars)) if at > start => (at, chars),
            _ => (start, 0),
        };
        let bom =
            usize::from(line == 0 && offset >= start + 3 && text[start..].starts_with('\u{feff}'));
        (
            line + 1,
            chars + text[from..offset].chars().count() - bom + 1,
        )
    }
}

/// Byte offsets of the line breaks of `text`: every `\n`, and every `\r` not followed by
/// `\n` (a lone carriage return ends a line in old Mac files). A `\r\n` pair breaks at
/// its `\n`. Each break is one byte long.
pub fn line_breaks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| {
        let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        (b == b'\n' || lone_cr).then_some(i)
    })
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
    fn sizes_read_and_display() {
        assert_eq!(parse_size("100MB"), Ok(100 << 20));
        assert_eq!(parse_size("20M"), Ok(20 << 20));
        assert_eq!(parse_size("1.5 GB"), Ok(3 << 29));
        assert_eq!(parse_size("64k"), Ok(64 << 10));
        assert_eq!(parse_size("12345"), Ok(12345));
        for bad in ["", "lots", "1.2.3M", "-5", "0", "5 parsecs", "1e400"] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
        assert_eq!(display_size(100 << 20), "100 MB");
        assert_eq!(display_size(3 << 29), "1.5 GB");
        assert_eq!(display_size(500), "500 bytes");
        assert_eq!(display_size_over(200 << 20, 100 << 20), "200 MB");
        assert_eq!(
            display_size_over((1 << 20) + 1234, 1 << 20),
            "1,049,810 bytes"
        );
    }

    #[test]
    fn columns_on_long_lines_use_checkpoints() {
        let line = "aé“b” ".repeat(3000);
        let text = format!("\u{feff}{line}\n{line}\r{line}");
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        let mut expected = (1, 1);
        for (i, c) in text.char_indices() {
            assert_eq!(index.line_col(&text, i), expected, "at {i}");
            expected = match c {
                '\n' | '\r' => (expected.0 + 1, 1),
                '\u{feff}' if i == 0 => expected,
                _ => (expected.0, expected.1 + 1),
            };
        }
        // An offset inside a character counts from its start.
        let inside = text.find('é').map_or(0, |i| i + 1);
        assert_eq!(
            index.line_col(&text, inside),
            index.line_col(&text, inside - 1)
        );
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = SourceFile::from_bytes("d.txt", b"ok\nab\x93c".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.txt:2:3: not valid UTF-8 (first bad byte 0x93); save the draft as UTF-8, or name \
             its encoding with --encoding (a Windows word processor's export is usually \
             --encoding windows-1252)"
        );
    }
}
