//! How drafts and rule files are read: size limits and the drafts' encoding, shared by
//! the commands that read them; directories of drafts walked (`ignore`, which honours
//! `.gitignore`); each draft's format (`--input-format`, else its extension).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::text::{parse_size, InputFormat, ReadOptions, SourceError, SourceFile};

/// How drafts are written (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum FormatChoice {
    /// From each file's extension: .md and .markdown are Markdown, .html and .htm are
    /// HTML, anything else (and standard input) is plain text.
    Auto,
    /// Plain text.
    Text,
    /// Markdown (CommonMark, with YAML front matter).
    Markdown,
    /// HTML (the visible text).
    Html,
}

/// Options for the drafts' format (`--input-format`), for the commands that check drafts.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct FormatInput {
    /// How the drafts are written; `auto` goes by each file's extension (.md, .markdown:
    /// Markdown; .html, .htm: HTML; anything else and standard input: plain text).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = FormatChoice::Auto)]
    input_format: FormatChoice,
}

impl FormatInput {
    /// The format of the draft at `path`.
    pub(super) fn format_of(&self, path: &Path) -> InputFormat {
        match self.input_format {
            FormatChoice::Auto => InputFormat::for_path(path),
            FormatChoice::Text => InputFormat::Text,
            FormatChoice::Markdown => InputFormat::Markdown,
            FormatChoice::Html => InputFormat::Html,
        }
    }
}

/// A draft as read, with the format it is written in.
pub(super) struct Draft {
    /// The draft.
    pub(super) source: SourceFile,
    /// How it is written.
    pub(super) format: InputFormat,
}

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
/// still checked). A directory stands for the drafts under it (see [`drafts_under`]),
/// except `report`, the file the run writes its report to (an HTML report written into
/// a directory of drafts is not a draft on the next run). Returns the drafts, in the
/// order given (a directory's in path order), and whether any failed.
pub(super) fn read_drafts(
    files: &[PathBuf],
    input: &DraftInput,
    formats: &FormatInput,
    report: Option<&Path>,
    err: &mut dyn Write,
) -> io::Result<(Vec<Draft>, bool)> {
    let options = input.options();
    let mut drafts = Vec::new();
    let mut failed = false;
    for path in files {
        if path != Path::new("-") && path.is_dir() {
            let (mut paths, walk_errors) = drafts_under(path);
            if let Some(report) = report {
                paths.retain(|p| !super::files::same_file(p, report));
            }
            for e in &walk_errors {
                writeln!(err, "error: {e}")?;
            }
            if paths.is_empty() && walk_errors.is_empty() {
                writeln!(
                    err,
                    "error: {}: no drafts in this directory (looked for {})",
                    path.display(),
                    draft_extensions()
                )?;
            }
            failed |= paths.is_empty() || !walk_errors.is_empty();
            for p in &paths {
                failed |= !read_into(&mut drafts, p, &options, formats, err)?;
            }
        } else {
            failed |= !read_into(&mut drafts, path, &options, formats, err)?;
        }
    }
    Ok((drafts, failed))
}

/// Reads the draft at `path` into `drafts`; reports a failure on `err` and returns false.
fn read_into(
    drafts: &mut Vec<Draft>,
    path: &Path,
    options: &ReadOptions,
    formats: &FormatInput,
    err: &mut dyn Write,
) -> io::Result<bool> {
    match read_draft(path, options) {
        Ok(source) => {
            drafts.push(Draft {
                source,
                format: formats.format_of(path),
            });
            Ok(true)
        }
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(false)
        }
    }
}

/// The extensions of drafts found in directories, for messages: `.txt, .md, …`.
fn draft_extensions() -> String {
    InputFormat::EXTENSIONS
        .iter()
        .map(|(e, _)| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The drafts under `dir`, sorted by path: files whose extension names a format
/// ([`InputFormat::EXTENSIONS`]: .txt, .md, .markdown, .html, .htm), found recursively
/// as ripgrep finds files — hidden files and directories skipped, `.gitignore`,
/// `.ignore` and `.git/info/exclude` honoured (also outside a git repository), symbolic
/// links not followed. Errors met on the way (an unreadable directory) are returned
/// beside them.
pub(super) fn drafts_under(dir: &Path) -> (Vec<PathBuf>, Vec<ignore::Error>) {
    let mut paths = Vec::new();
    let mut errors = Vec::new();
    let walk = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walk {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && InputFormat::from_extension(entry.path()).is_some() {
                    paths.push(entry.into_path());
                }
            }
            Err(e) => errors.push(e),
        }
    }
    paths.sort();
    (paths, errors)
}

/// Reads one draft (`-` is standard input).
pub(super) fn read_draft(path: &Path, options: &ReadOptions) -> Result<SourceFile, SourceError> {
    if path == Path::new("-") {
        return SourceFile::read_stream("-", io::stdin().lock(), options);
    }
    SourceFile::read_with(path, options)
}
