//! How drafts and rule files are read: size limits and the drafts' encoding, shared by
//! the commands that read them.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::text::{parse_size, ReadOptions, SourceError, SourceFile};

/// Options for reading drafts (`--max-draft-size`, `--encoding`).
#[derive(Debug, Clone, clap::Args)]
pub(super) struct DraftInput {
    /// Largest draft read (bytes, or with K, MB or GB; 1 MB = 2^20 bytes). A larger draft
    /// is refused, before it is read, with exit code 2.
    #[arg(long, value_name = "SIZE", default_value = "100MB", value_parser = parse_size)]
    pub(super) max_draft_size: u64,
    /// Encoding of the drafts that are not UTF-8: `windows-1252` for a Windows word
    /// processor's export, `iso-8859-1`, `utf-16le`… (any WHATWG label). Drafts that are
    /// valid UTF-8 are still read as UTF-8. Positions are then reported in the decoded
    /// text. A file with a UTF-16 byte-order mark is decoded as UTF-16 without this option.
    #[arg(long, value_name = "ENCODING", value_parser = parse_encoding)]
    encoding: Option<Encoding>,
}

/// Options for reading rule files (`--max-rules-size`).
#[derive(Debug, Clone, clap::Args)]
pub(super) struct RulesInput {
    /// Largest rule file read (bytes, or with K, MB or GB). A larger file is refused,
    /// before it is read, with exit code 2.
    #[arg(long, value_name = "SIZE", default_value = "20MB", value_parser = parse_size)]
    pub(super) max_rules_size: u64,
}

/// An encoding named on the command line (`None` inside: UTF-8).
#[derive(Debug, Clone, Copy)]
pub(super) struct Encoding(Option<&'static encoding_rs::Encoding>);

fn parse_encoding(label: &str) -> Result<Encoding, String> {
    ReadOptions::encoding_for_label(label)
        .map(Encoding)
        .map_err(|e| e.to_string())
}

impl DraftInput {
    /// The library's reading options.
    pub(super) fn options(&self) -> ReadOptions {
        ReadOptions {
            max_size: self.max_draft_size,
            encoding: self.encoding.and_then(|e| e.0),
        }
    }
}

/// Reads every draft; unreadable ones are reported on `err` and skipped (the rest are
/// still checked). Returns the drafts and whether any failed.
pub(super) fn read_drafts(
    files: &[PathBuf],
    input: &DraftInput,
    err: &mut dyn Write,
) -> io::Result<(Vec<SourceFile>, bool)> {
    let options = input.options();
    let mut sources = Vec::new();
    let mut failed = false;
    for path in files {
        match read_draft(path, &options) {
            Ok(s) => sources.push(s),
            Err(e) => {
                writeln!(err, "error: {e}")?;
                failed = true;
            }
        }
    }
    Ok((sources, failed))
}

/// Reads one draft (`-` is standard input).
pub(super) fn read_draft(path: &Path, options: &ReadOptions) -> Result<SourceFile, SourceError> {
    if path == Path::new("-") {
        return SourceFile::read_stream("-", io::stdin().lock(), options);
    }
    SourceFile::read_with(path, options)
}
