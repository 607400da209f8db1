//! The command line: clap definitions and the subcommands. Everything is written to the
//! writers the caller passes, so the binary stays a thin shell and tests can capture it.

mod config_cmd;
mod engine;
mod explain_cmd;
mod extract_cmd;
mod files;
mod fix_cmd;
mod input;
mod lsp_cmd;
mod rules_cmd;
mod serve_cmd;
mod settings;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::check::{CheckOptions, CheckedFile, Summary};
use crate::extract::KnownPerson;
use crate::report::{
    Emitter, GithubEmitter, HtmlEmitter, JsonEmitter, JunitEmitter, QuoteEmitter, QuoteSheet,
    QuotesJson, QuotesText, RuleCatalog, SarifEmitter, TextEmitter,
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
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Drafts to check (`-` reads standard input); a directory stands for the .txt, .md,
    /// .markdown, .html and .htm files under it (hidden and git-ignored files skipped).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// A rule file or a directory of them (repeatable). Default: the nearest `rules/`
    /// directory from the current directory upward.
    #[arg(short, long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to FILE instead of standard output (atomically: a temporary file
    /// beside it, then renamed); never over a draft being checked.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Do not report quotes that no rule covers.
    #[arg(long)]
    no_unverified: bool,
    /// Report quotes that no rule covers even when the configuration file says
    /// `unverified = false`.
    #[arg(long, conflicts_with = "no_unverified")]
    unverified: bool,
    /// Also report each figure (tally, year, date, number, percentage, amount) that no
    /// claim covers, as an `unverified-figure` info, and count the figure coverage.
    #[arg(long)]
    figures: bool,
    /// Do not report figures, even when the configuration file says `figures = true`.
    #[arg(long, conflicts_with = "figures")]
    no_figures: bool,
    /// Explain one rule instead of checking drafts: RULE is a rule id, or
    /// `ruleset/rule` when several rulesets use the id.
    #[arg(long, value_name = "RULE", conflicts_with = "files")]
    explain: Option<String>,
    #[command(flatten)]
    engine: engine::EngineArgs,
    #[command(flatten)]
    input: input::DraftInput,
    #[command(flatten)]
    formats: input::FormatInput,
    #[command(flatten)]
    rules_input: input::RulesInput,
    #[command(flatten)]
    config: settings::ConfigArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every direct quote found with its attributed speaker (a quote sheet).
    Quotes(QuotesArgs),
    /// Write a ruleset from a verified source text: its people, quotes and values.
    Extract(extract_cmd::ExtractArgs),
    /// Tools for rule authors: the JSON Schema, rule examples, checks for weak rules,
    /// rules verified against their sources and pinned to them.
    Rules(rules_cmd::RulesArgs),
    /// The configuration file (factcheck.toml): its JSON Schema, which file applies.
    Config(config_cmd::ConfigCmdArgs),
    /// Run the review service: the HTTP API for a CMS, the review page, sign-off records.
    Serve(serve_cmd::ServeArgs),
    /// Fix what can be fixed: print the fixes as a unified diff, or apply them (--write).
    Fix(fix_cmd::FixArgs),
    /// Run the language server (LSP over standard input and output) for editors.
    Lsp(lsp_cmd::LspArgs),
}

#[derive(Debug, Clone, clap::Args)]
struct QuotesArgs {
    /// Drafts to read (`-` reads standard input); a directory stands for the drafts
    /// under it, as for the check.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    /// Rule files whose people help resolve speakers (optional).
    #[arg(short, long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Also list reported speech: content the draft credits to a source without quoting
    /// it (`Smith said the plan would fail`).
    #[arg(long)]
    reported: bool,
    #[command(flatten)]
    input: input::DraftInput,
    #[command(flatten)]
    formats: input::FormatInput,
    #[command(flatten)]
    rules_input: input::RulesInput,
    #[command(flatten)]
    config: settings::ConfigArgs,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, rustc-style.
    Text,
    /// Machine-readable JSON (stable, versioned).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML: one test per rule per draft, for CI test reports.
    Junit,
    /// A self-contained HTML page with the findings highlighted in each draft.
    Html,
}

/// Output formats of the listing commands (`quotes`, `rules check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Human-readable.
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
    let parsed = Cli::command()
        .try_get_matches_from(args)
        .and_then(|matches| {
            let cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut Cli::command()));
            cli.map(|cli| (cli, matches))
        });
    let cli = match parsed {
        Ok((mut cli, matches)) => {
            settings::record_given_flags(&mut cli, &matches);
            cli
        }
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
        Some(Command::Rules(args)) => rules_cmd::run_rules(&args, out, err, styled),
        Some(Command::Config(args)) => config_cmd::run_config(&args, out, err),
        Some(Command::Serve(args)) => serve_cmd::run_serve(&args, err),
        Some(Command::Fix(args)) => fix_cmd::run_fix(&args, out, err),
        Some(Command::Lsp(args)) => lsp_cmd::run_lsp(&args, err),
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
    let Some(configured) = settings::configure_check(args, err)? else {
        return Ok(EXIT_ERROR);
    };
    let args = &configured.args;
    if let Some(rule) = &args.explain {
        let rules_input = &args.rules_input;
        return explain_cmd::run_explain(rule, &args.rules, rules_input, &configured, out, err);
    }
    if args.files.is_empty() {
        writeln!(err, "error: no draft given\n\nUsage: factcheck [OPTIONS] <FILE>...\n\nFor more information, try '--help'.")?;
        return Ok(EXIT_ERROR);
    }
    if let Some(output) = &args.output {
        if let Some(draft) = args.files.iter().find(|f| files::same_file(f, output)) {
            writeln!(
                err,
                "error: {}: refusing to write the report over {}, a draft being checked",
                output.display(),
                draft.display()
            )?;
            return Ok(EXIT_ERROR);
        }
    }
    // SARIF, JUnit and HTML list every rule.
    let lists_rules = matches!(args.format, Format::Sarif | Format::Junit | Format::Html);
    let Some(RunRules {
        mut bank,
        policy,
        catalog,
    }) = load_run_rules(&configured, lists_rules, err)?
    else {
        return Ok(EXIT_ERROR);
    };
    let (drafts, mut read_failed) = input::read_drafts(
        &args.files,
        &args.input,
        &args.formats,
        args.output.as_deref(),
        err,
    )?;
    let options = CheckOptions {
        report_unverified: !args.no_unverified,
        report_figures: args.figures && !args.no_figures,
    };
    let large = bank.is_large();
    let checker = args.engine.checker(&mut bank, options);
    let mut checked: Vec<CheckedFile> = Vec::with_capacity(drafts.len());
    for result in check_drafts(&args.engine, &checker, drafts, policy.as_ref()) {
        match result {
            Ok(file) => checked.push(file),
            Err(e) => {
                writeln!(err, "error: {e}")?;
                read_failed = true;
            }
        }
    }
    // A report written to a file is rendered in memory first, then written atomically.
    let mut rendered = Vec::new();
    let target: &mut dyn Write = if args.output.is_some() {
        &mut rendered
    } else {
        &mut *out
    };
    let styled = styled && args.output.is_none();
    match args.format {
        // Nothing could be read: the errors on stderr say so; no "no problems found in
        // 0 files" on stdout (the JSON document stays, for programs).
        Format::Text if checked.is_empty() && read_failed => {}
        Format::Text => TextEmitter { styled }.emit(target, &checked)?,
        Format::Json => JsonEmitter.emit(target, &checked)?,
        Format::Sarif => SarifEmitter { catalog: &catalog }.emit(target, &checked)?,
        Format::Github => GithubEmitter.emit(target, &checked)?,
        Format::Junit => JunitEmitter { catalog: &catalog }.emit(target, &checked)?,
        Format::Html => HtmlEmitter { catalog: &catalog }.emit(target, &checked)?,
    }
    if let Some(output) = &args.output {
        if let Err(e) = files::write_atomically(output, &rendered) {
            writeln!(
                err,
                "error: {}: cannot write the report: {e}",
                output.display()
            )?;
            return Ok(EXIT_ERROR);
        }
    }
    out.flush()?;
    engine::release(checker, large);
    // The rules stay independent of their sources, but the run says once when a source
    // that rules it used are pinned to has changed (a hash of each pinned file, no more).
    for stale in crate::rules::provenance::stale_sources(bank.used()) {
        writeln!(err, "warning: {}", stale.message())?;
    }
    engine::release(bank, large);
    Ok(exit_code(read_failed, &checked))
}

/// The exit code of a run over `checked`: 2 when something `failed` (a draft could not
/// be read or checked), else 1 when a finding of severity error remains, else 0.
fn exit_code(failed: bool, checked: &[CheckedFile]) -> u8 {
    if failed {
        EXIT_ERROR
    } else if Summary::of(checked).errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Checks every draft as written, `--jobs` at a time, and applies the configuration's
/// policy to each: the results in the order of `drafts`.
fn check_drafts(
    engine: &engine::EngineArgs,
    checker: &crate::check::Checker,
    drafts: Vec<input::Draft>,
    policy: Option<&crate::config::FindingPolicy>,
) -> Vec<Result<CheckedFile, crate::check::DocumentError>> {
    let mut results = engine.check_all(checker, drafts);
    for file in results.iter_mut().flatten() {
        settings::apply_policy(policy, std::slice::from_mut(file));
    }
    results
}

/// The rules a check runs with, and what the configuration decides about findings.
struct RunRules {
    /// The rules (left in the cache file, when they came through it, until a draft
    /// touches them).
    bank: engine::Bank,
    /// The configuration's policy, if a configuration file applies.
    policy: Option<crate::config::FindingPolicy>,
    /// Every rule, when `lists_rules` (empty otherwise).
    catalog: RuleCatalog,
}

/// Loads the rules of a configured check and the configuration's policy; `lists_rules`
/// for an output that lists every rule. `None` after writing an error.
fn load_run_rules(
    configured: &settings::ConfiguredCheck,
    lists_rules: bool,
    err: &mut dyn Write,
) -> io::Result<Option<RunRules>> {
    let args = &configured.args;
    let cache = args.engine.bank_cache();
    let Some(mut bank) = bank_for(&args.rules, true, &args.rules_input, cache.as_ref(), err)?
    else {
        return Ok(None);
    };
    // A configuration's rule and ruleset ids are checked against every rule, and an
    // output that lists every rule needs them all: then a cached bank is decoded whole
    // (otherwise only the rulesets the drafts touch are).
    if configured.names_rules() || lists_rules {
        bank = match bank.decoded() {
            Some(bank) => bank,
            None => {
                writeln!(
                    err,
                    "error: the compiled rules cache is damaged; run again with --no-cache"
                )?;
                return Ok(None);
            }
        };
    }
    let no_rules: Vec<RuleSet> = Vec::new();
    let rulesets = bank.rulesets().unwrap_or(&no_rules);
    let Ok(policy) = configured.policy(rulesets, err)? else {
        return Ok(None);
    };
    let catalog = if lists_rules {
        RuleCatalog::from_rulesets(rulesets)
    } else {
        RuleCatalog::default()
    };
    Ok(Some(RunRules {
        bank,
        policy,
        catalog,
    }))
}

fn run_quotes(args: &QuotesArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let Some(args) = &settings::configure_quotes(args, err)? else {
        return Ok(EXIT_ERROR);
    };
    let rulesets = match rules_for(&args.rules, false, &args.rules_input, None, err)? {
        Some(r) => r,
        None => return Ok(EXIT_ERROR),
    };
    let people = known_people(&rulesets);
    let (drafts, mut read_failed) =
        input::read_drafts(&args.files, &args.input, &args.formats, None, err)?;
    let mut sheets: Vec<QuoteSheet> = Vec::with_capacity(drafts.len());
    for draft in drafts {
        match QuoteSheet::of_document(draft.source, draft.format, &people, args.reported) {
            Ok(sheet) => sheets.push(sheet),
            Err(e) => {
                writeln!(err, "error: {e}")?;
                read_failed = true;
            }
        }
    }
    match args.format {
        ListFormat::Text if sheets.is_empty() && read_failed => {}
        ListFormat::Text => QuotesText.emit(out, &sheets)?,
        ListFormat::Json => QuotesJson.emit(out, &sheets)?,
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
    if paths.is_empty() && !required {
        return Ok(Some(engine::Bank::Loaded(Vec::new(), None)));
    }
    let Some(paths) = rule_paths(paths, err)? else {
        return Ok(None);
    };
    match engine::load_rules(&paths, limits.max_rules_size, cache) {
        Ok(r) => Ok(Some(r)),
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(None)
        }
    }
}

/// The rule paths to load: `paths`, or when none are given the nearest `rules/`
/// directory from the current directory upward; `None` after writing the error when
/// there is none.
fn rule_paths(paths: &[PathBuf], err: &mut dyn Write) -> io::Result<Option<Vec<PathBuf>>> {
    if !paths.is_empty() {
        return Ok(Some(paths.to_vec()));
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if let Some(dir) = discover_rules_dir(&cwd) {
        return Ok(Some(vec![dir]));
    }
    writeln!(
        err,
        "error: no rules found: pass --rules <PATH> (a rule file or a directory of them), \
         or run from a directory that has a rules/ directory above it"
    )?;
    Ok(None)
}
