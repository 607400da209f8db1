//! `factcheck extract`: a ruleset drafted from a verified source.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::authoring::{extract_ruleset, render_yaml, slug};

/// Arguments of `factcheck extract`.
#[derive(Debug, clap::Args)]
pub(super) struct ExtractArgs {
    /// The verified source text (the approved article, a transcript, a release).
    #[arg(value_name = "SOURCE")]
    source: PathBuf,
    /// Id of the ruleset (default: a slug of the source's file name).
    #[arg(long, value_name = "ID")]
    ruleset: Option<String>,
    /// Write the rule file here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    input: super::input::DraftInput,
}

/// Runs `factcheck extract`.
pub(super) fn run_extract(
    args: &ExtractArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let source = match super::input::read_draft(&args.source, &args.input.options()) {
        Ok(s) => s,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(super::EXIT_ERROR);
        }
    };
    let id = args.ruleset.clone().unwrap_or_else(|| {
        let stem = args
            .source
            .file_stem()
            .map(|s| s.to_string_lossy().to_string());
        let id = slug(&stem.unwrap_or_default());
        if id.is_empty() {
            "extracted".to_string()
        } else {
            id
        }
    });
    let yaml = render_yaml(&extract_ruleset(&source, &id));
    match &args.output {
        None => out.write_all(yaml.as_bytes())?,
        Some(path) => {
            if same_file(path, &args.source) {
                writeln!(
                    err,
                    "error: {}: refusing to write the rules over the source",
                    path.display()
                )?;
                return Ok(super::EXIT_ERROR);
            }
            if let Err(e) = write_atomically(path, yaml.as_bytes()) {
                writeln!(err, "error: {}: cannot write: {e}", path.display())?;
                return Ok(super::EXIT_ERROR);
            }
            writeln!(err, "wrote {}", path.display())?;
        }
    }
    Ok(super::EXIT_CLEAN)
}

/// True when both paths name the same existing file (the same inode on Unix, so a hard
/// link or a symbolic link to the source counts too).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to a new temporary file beside `path`, flushes it to disk, then renames
/// it over `path`, so a reader never sees a half-written file and a failed write leaves
/// the old file as it was. An existing file keeps its permissions.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write as _;

    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a directory (give a file name)",
        ));
    }
    // A fresh name that nothing else holds: `create_new` never follows or reuses a file
    // (or a symbolic link) already there.
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{}.{}.{attempt}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| match std::fs::metadata(path) {
            Ok(old) => std::fs::set_permissions(&tmp, old.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|()| {
            drop(file);
            std::fs::rename(&tmp, path)
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
