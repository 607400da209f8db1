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
        draft.source = super::files::relative_path(&base, &args.source)
            .unwrap_or_else(|| args.source.display().to_string());
        draft.source_sha256 = crate::rules::provenance::sha256_file(&args.source).ok();
    }
    let yaml = render_yaml(&draft);
    match &args.output {
        None => out.write_all(yaml.as_bytes())?,
        Some(path) => {
            if super::files::same_file(path, &args.source) {
                writeln!(
                    err,
                    "error: {}: refusing to write the rules over the source",
                    path.display()
                )?;
                return Ok(super::EXIT_ERROR);
            }
            if let Err(e) = super::files::write_atomically(path, yaml.as_bytes()) {
                writeln!(err, "error: {}: cannot write: {e}", path.display())?;
                return Ok(super::EXIT_ERROR);
            }
            writeln!(err, "wrote {}", path.display())?;
        }
    }
    Ok(super::EXIT_CLEAN)
}
