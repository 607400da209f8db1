//! The command line: clap definitions and the subcommands. Everything is written to the
//! writers the caller passes, so the binary stays a thin shell and tests can capture it.

mod engine;
mod explain_cmd;
mod extract_cmd;
mod input;
mod rules_cmd;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{CheckOptions, CheckedFile, Summary};
use crate::extract::{find_quotes_with_people, KnownPerson};
use crate::report::{
    Emitter, JsonEmitter, QuoteEmitter, QuoteSheet, QuotesJson, QuotesText, TextEmitter,
};
use crate::rules::{discover_rules_dir, RuleSet};

/// Exit code: no error-severity finding.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: at least one error-severity finding.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, input or rule-file error.
pub const EXIT_ERROR: u8 = 2;

/// Checks news drafts against verified claims and quotes.
#[derive(Debug, Parser)]
#[command(
    name = "factcheck",
    version,
    about = "Checks that a draft states its verified claims and quotes verbatim, credited to the right speaker",
    args_conflicts_with_subcommands = true,
    after_help = "Exit codes: 0 no error-severity finding; 1 at least one; 2 usage, input or rule-file error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

/// Arguments of the default command: check drafts.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Drafts to check (`-` reads standard input).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// A rule file or a directory of them (repeatable). Default: the nearest `rules/`
    /// directory from the current directory upward.
    #[arg(short, long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Do not report quotes that no rule covers.
    #[arg(long)]
    no_unverified: bool,
    /// Explain one rule instead of checking drafts: RULE is a rule id, or
    /// `ruleset/rule` when several rulesets use the id.
    #[arg(long, value_name = "RULE", conflicts_with = "files")]
    explain: Option<String>,
    #[command(flatten)]
    engine: engine::EngineArgs,
    #[command(flatten)]
    input: input::DraftInput,
    #[command(flatten)]
    rules_input: input::RulesInput,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every direct quote found with its attributed speaker (a quote sheet).
    Quotes(QuotesArgs),
    /// Write a ruleset from a verified source text: its people, quotes and values.
    Extract(extract_cmd::ExtractArgs),
    /// Tools for rule authors: the JSON Schema, rule examples, checks for weak rules.
    Rules(rules_cmd::RulesArgs),
}

#[derive(Debug, clap::Args)]
struct QuotesArgs {
    /// Drafts to read (`-` reads standard input).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Rule files whose people help resolve speakers (optional).
    #[arg(short, long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    input: input::DraftInput,
    #[command(flatten)]
    rules_input: input::RulesInput,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, rustc-style.
    Text,
    /// Machine-readable JSON (stable, versioned).
    Json,
}

/// Runs the command line `args` (including the program name), writing results to `out`
/// and diagnostics to `err`; returns the exit code. `styled` turns on ANSI styles in text
/// output (the caller strips them when the output is not a terminal).
pub fn run(
    args: Vec<std::ffi::OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    styled: bool,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let rendered = if styled {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let target: &mut dyn Write = if e.use_stderr() { err } else { out };
            let _ = write!(target, "{rendered}");
            return code;
        }
    };
    let result = match cli.command {
        Some(Command::Quotes(args)) => run_quotes(&args, out, err),
        Some(Command::Extract(args)) => extract_cmd::run_extract(&args, out, err),
        Some(Command::Rules(args)) => rules_cmd::run_rules(&args, out, err),
        None => run_check(&cli.check, out, err, styled),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`factcheck … | head -1`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write output: {e}");
            EXIT_ERROR
        }
    }
}

fn run_check(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    styled: bool,
) -> io::Result<u8> {
    if let Some(rule) = &args.explain {
        return explain_cmd::run_explain(rule, &args.rules, &args.rules_input, out, err);
    }
    if args.files.is_empty() {
        writeln!(err, "error: no draft given\n\nUsage: factcheck [OPTIONS] <FILE>...\n\nFor more information, try '--help'.")?;
        return Ok(EXIT_ERROR);
    }
    let cache = args.engine.bank_cache();
    let mut bank = match bank_for(&args.rules, true, &args.rules_input, cache.as_ref(), err)? {
        Some(r) => r,
        None => return Ok(EXIT_ERROR),
    };
    let (sources, read_failed) = input::read_drafts(&args.files, &args.input, err)?;
    let options = CheckOptions {
        report_unverified: !args.no_unverified,
    };
    let large = bank.is_large();
    let checker = args.engine.checker(&mut bank, options);
    let checked: Vec<CheckedFile> = args.engine.check_all(&checker, sources);
    match args.format {
        // Nothing could be read: the errors on stderr say so; no "no problems found in
        // 0 files" on stdout (the JSON document stays, for programs).
        Format::Text if checked.is_empty() && read_failed => {}
        Format::Text => TextEmitter { styled }.emit(out, &checked)?,
        Format::Json => JsonEmitter.emit(out, &checked)?,
    }
    out.flush()?;
    engine::release(checker, large);
    engine::release(bank, large);
    if read_failed {
        return Ok(EXIT_ERROR);
    }
    Ok(if Summary::of(&checked).errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn run_quotes(args: &QuotesArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let rulesets = match rules_for(&args.rules, false, &args.rules_input, None, err)? {
        Some(r) => r,
        None => return Ok(EXIT_ERROR),
    };
    let people = known_people(&rulesets);
    let (sources, read_failed) = input::read_drafts(&args.files, &args.input, err)?;
    let sheets: Vec<QuoteSheet> = sources
        .into_iter()
        .map(|source| {
            let quotes = find_quotes_with_people(&source.text, &people);
            QuoteSheet { source, quotes }
        })
        .collect();
    match args.format {
        Format::Text if sheets.is_empty() && read_failed => {}
        Format::Text => QuotesText.emit(out, &sheets)?,
        Format::Json => QuotesJson.emit(out, &sheets)?,
    }
    out.flush()?;
    Ok(if read_failed { EXIT_ERROR } else { EXIT_CLEAN })
}

/// The people of every ruleset, as the attribution wants them.
pub fn known_people(rulesets: &[RuleSet]) -> Vec<KnownPerson> {
    crate::check::known_people(rulesets)
}

/// Loads the rules named on the command line, or the nearest `rules/` directory when
/// `required`. Prints the error and returns `None` on failure.
fn rules_for(
    paths: &[PathBuf],
    required: bool,
    limits: &input::RulesInput,
    cache: Option<&crate::rules::RulesCache>,
    err: &mut dyn Write,
) -> io::Result<Option<Vec<RuleSet>>> {
    Ok(bank_for(paths, required, limits, cache, err)?.and_then(engine::Bank::into_rulesets))
}

/// Like [`rules_for`], with the rulesets left in the cache file (when they came
/// through it) until a draft touches them.
fn bank_for(
    paths: &[PathBuf],
    required: bool,
    limits: &input::RulesInput,
    cache: Option<&crate::rules::RulesCache>,
    err: &mut dyn Write,
) -> io::Result<Option<engine::Bank>> {
    let paths: Vec<PathBuf> = if !paths.is_empty() {
        paths.to_vec()
    } else if !required {
        return Ok(Some(engine::Bank::Loaded(Vec::new(), None)));
    } else {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        match discover_rules_dir(&cwd) {
            Some(dir) => vec![dir],
            None => {
                writeln!(
                    err,
                    "error: no rules found: pass --rules <PATH> (a rule file or a directory of them), \
                     or run from a directory that has a rules/ directory above it"
                )?;
                return Ok(None);
            }
        }
    };
    match engine::load_rules(&paths, limits.max_rules_size, cache) {
        Ok(r) => Ok(Some(r)),
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(None)
        }
    }
}
