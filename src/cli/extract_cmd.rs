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
    let mut draft = extract_ruleset(&source, &id);
    if draft.source_id.is_some() {
        // The source as the rule file will find it: relative to the folder of the rule
        // file (of the current directory when printing), with the hash of its bytes.
        let base = match &args.output {
            Some(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
            None => PathBuf::from("."),
        };
        draft.source =
            relative_path(&base, &args.source).unwrap_or_else(|| args.source.display().to_string());
        draft.source_sha256 = crate::rules::provenance::sha256_file(&args.source).ok();
    }
    let yaml = render_yaml(&draft);
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

/// `target` as a path relative to the folder `base` (`/`-separated), when both can be
/// made absolute: `../data/clean.txt` from `rules/` for `data/clean.txt`.
pub(super) fn relative_path(base: &Path, target: &Path) -> Option<String> {
    use std::path::Component;
    let absolute = |p: &Path| -> Option<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(p)
        };
        // The folder of the rule file exists; the file itself may not yet.
        p.canonicalize().ok().or_else(|| {
            let parent = p.parent()?.canonicalize().ok()?;
            Some(parent.join(p.file_name()?))
        })
    };
    let base = absolute(base)?;
    let target = absolute(target)?;
    let base: Vec<Component> = base.components().collect();
    let target: Vec<Component> = target.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); base.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().to_string()),
    );
    Some(parts.join("/"))
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
    crate::text::write_atomically(path, bytes, || Ok(()))
}
