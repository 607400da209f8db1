//! `factcheck fix`: the check's fixes (see [`crate::check::fix`]) as a unified diff per
//! draft, or applied to the drafts (`--write`, each written atomically). Safe fixes only,
//! unless `--unsafe-fixes`. The exit code is the check's on the fixed drafts.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::input::Draft;
use super::EXIT_ERROR;
use super::{engine, input, settings, CheckArgs, Format, RunRules};
use crate::check::fix::{fix_checked, Applied, FixSafety, SkipReason};
use crate::check::{CheckOptions, CheckedFile};
use crate::report::unified_diff;
use crate::text::SourceFile;

/// Arguments of `factcheck fix`.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct FixArgs {
    /// Drafts to fix (`-` reads standard input, for the diff only); a directory stands
    /// for the drafts under it, as for the check.
    #[arg(value_name = "DRAFT", required = true)]
    files: Vec<PathBuf>,
    /// A rule file or a directory of them (repeatable). Default: the nearest `rules/`
    /// directory from the current directory upward.
    #[arg(short, long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Apply the fixes to the drafts (each written atomically) instead of printing them
    /// as a diff.
    #[arg(long)]
    write: bool,
    /// Apply unsafe fixes too: a misattributed quote's speaker name becomes the verified
    /// person's. Check them: the rule may be what is wrong.
    #[arg(long)]
    unsafe_fixes: bool,
    #[command(flatten)]
    engine: engine::EngineArgs,
    #[command(flatten)]
    input: input::DraftInput,
    #[command(flatten)]
    formats: input::FormatInput,
    #[command(flatten)]
    rules_input: input::RulesInput,
    #[command(flatten)]
    pub(super) config: settings::ConfigArgs,
}

impl FixArgs {
    /// The check this fix runs: the same drafts, rules, limits and configuration.
    fn check_args(&self) -> CheckArgs {
        CheckArgs {
            files: self.files.clone(),
            rules: self.rules.clone(),
            format: Format::Text,
            output: None,
            no_unverified: false,
            unverified: false,
            figures: false,
            no_figures: false,
            explain: None,
            engine: self.engine.clone(),
            input: self.input.clone(),
            formats: self.formats.clone(),
            rules_input: self.rules_input.clone(),
            config: self.config.clone(),
        }
    }
}

/// Runs `factcheck fix`.
pub(super) fn run_fix(args: &FixArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    if args.write && args.files.iter().any(|f| f == Path::new("-")) {
        writeln!(
            err,
            "error: --write cannot write standard input back; without --write, \
             `factcheck fix -` prints the fixes as a diff"
        )?;
        return Ok(EXIT_ERROR);
    }
    let Some(configured) = settings::configure_check(&args.check_args(), err)? else {
        return Ok(EXIT_ERROR);
    };
    let Some(RunRules {
        mut bank, policy, ..
    }) = super::load_run_rules(&configured, false, err)?
    else {
        return Ok(EXIT_ERROR);
    };
    let check = &configured.args;
    let (drafts, mut failed) =
        input::read_drafts(&check.files, &check.input, &check.formats, None, err)?;
    let options = CheckOptions {
        report_unverified: !check.no_unverified,
        report_figures: check.figures && !check.no_figures,
    };
    let large = bank.is_large();
    let checker = check.engine.checker(&mut bank, options);
    let safety = if args.unsafe_fixes {
        FixSafety::IncludeUnsafe
    } else {
        FixSafety::SafeOnly
    };
    // Check, fix, and check the fixed drafts again (only those that changed).
    let formats: Vec<_> = drafts.iter().map(|d| d.format).collect();
    let checked = super::check_drafts(&check.engine, &checker, drafts, policy.as_ref());
    let mut fixes: Vec<(CheckedFile, Applied)> = Vec::new();
    let mut changed: Vec<Draft> = Vec::new();
    for (result, format) in checked.into_iter().zip(formats) {
        match result {
            Ok(file) => {
                let applied = fix_checked(&file, safety);
                if !applied.edits.is_empty() {
                    changed.push(Draft {
                        source: SourceFile::new(file.source.path.clone(), applied.text.clone()),
                        format,
                    });
                }
                fixes.push((file, applied));
            }
            Err(e) => {
                writeln!(err, "error: {e}")?;
                failed = true;
            }
        }
    }
    let mut rechecked =
        super::check_drafts(&check.engine, &checker, changed, policy.as_ref()).into_iter();
    let mut after: Vec<CheckedFile> = Vec::with_capacity(fixes.len());
    let mut unsafe_left = 0;
    for (before, applied) in fixes {
        report_skipped(&before, &applied, err)?;
        unsafe_left += applied
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::Unsafe)
            .count();
        if applied.edits.is_empty() {
            after.push(before);
            continue;
        }
        let path = before.source.path.clone();
        let fixed = match rechecked.next() {
            Some(Ok(fixed)) => fixed,
            Some(Err(e)) => {
                writeln!(err, "error: {path}: the fixed draft cannot be checked: {e}")?;
                failed = true;
                continue;
            }
            None => continue,
        };
        if args.write {
            match write_fixed(&path, &before.source.text, &applied.text) {
                Ok(()) => writeln!(err, "fixed {path}: {}", plural_fixes(applied.edits.len()))?,
                Err(e) => {
                    writeln!(err, "error: {path}: not written: {e}")?;
                    failed = true;
                }
            }
        } else {
            out.write_all(unified_diff(&path, &before.source.text, &applied.text).as_bytes())?;
        }
        after.push(fixed);
    }
    if unsafe_left > 0 {
        writeln!(
            err,
            "note: {} not applied (a speaker's name); --unsafe-fixes applies {}",
            if unsafe_left == 1 {
                "1 unsafe fix".to_string()
            } else {
                format!("{unsafe_left} unsafe fixes")
            },
            if unsafe_left == 1 { "it" } else { "them" }
        )?;
    }
    out.flush()?;
    engine::release(checker, large);
    engine::release(bank, large);
    Ok(super::exit_code(failed, &after))
}

/// `1 fix`, `3 fixes`.
fn plural_fixes(n: usize) -> String {
    if n == 1 {
        "1 fix".to_string()
    } else {
        format!("{n} fixes")
    }
}

/// Notes the fixes left out because they overlap another (or fall outside the draft).
fn report_skipped(file: &CheckedFile, applied: &Applied, err: &mut dyn Write) -> io::Result<()> {
    for skipped in &applied.skipped {
        let why = match skipped.reason {
            SkipReason::Unsafe => continue,
            SkipReason::Overlaps { .. } => "overlaps a fix applied before it",
            SkipReason::OutOfRange => "is outside the draft",
        };
        let (line, column) = file
            .source
            .line_col(skipped.edit.start.min(file.source.text.len()));
        writeln!(
            err,
            "note: {}:{line}:{column}: the fix of {} {why}; not applied (run again to apply it)",
            file.source.path, skipped.edit.rule
        )?;
    }
    Ok(())
}

/// Writes `new` over the draft at `path`, atomically, if the file still holds `old`
/// byte for byte: a draft changed since it was read, or decoded from another encoding
/// than UTF-8, is left as it is. A symbolic link is followed, not replaced.
fn write_fixed(path: &str, old: &str, new: &str) -> io::Result<()> {
    let path = Path::new(path);
    let on_disk = std::fs::read(path)?;
    if on_disk != old.as_bytes() {
        return Err(io::Error::other(
            "the file is not UTF-8, or changed since it was read; the fixes are not \
             written (without --write they are shown as a diff)",
        ));
    }
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    super::files::write_atomically(&target, new.as_bytes())
}
