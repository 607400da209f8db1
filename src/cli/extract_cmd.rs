//! `factcheck extract`: a ruleset drafted from a verified source.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::authoring::{extract_ruleset, render_yaml, slug};
use crate::text::SourceFile;

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
}

/// Runs `factcheck extract`.
pub(super) fn run_extract(
    args: &ExtractArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let source = match SourceFile::read(&args.source) {
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

/// True when both paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so a
/// reader never sees a half-written file.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
