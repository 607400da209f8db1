//! How the configuration file (`factcheck.toml`, see [`crate::config`]) and the command
//! line combine: `--config FILE` / `--no-config`, which flags were given on the command
//! line (a flag given there beats the file; a clap default does not), and the settings a
//! command runs with.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{ArgMatches, ValueEnum};

use super::serve_cmd::ServeArgs;
use super::{CheckArgs, Cli, Command, Format, ListFormat, QuotesArgs};
use crate::check::CheckedFile;
use crate::config::{discover_config, load_config, Config, FindingPolicy, UnknownIds};
use crate::rules::RuleSet;

/// `--config FILE` and `--no-config`.
#[derive(Debug, Clone, Default, clap::Args)]
pub(super) struct ConfigArgs {
    /// Read the configuration from FILE instead of the nearest `factcheck.toml` or
    /// `.factcheck.toml` from the current directory upward.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore any configuration file.
    #[arg(long)]
    no_config: bool,
    /// The flags with a default that were given on the command line (filled in after
    /// parsing, from the `ArgMatches`).
    #[arg(skip)]
    given: GivenFlags,
}

/// Which of the flags the configuration file can also set were given on the command
/// line. Flags whose absence is visible in their value (`--rules`, `--no-unverified`)
/// need no entry.
#[derive(Debug, Clone, Copy, Default)]
struct GivenFlags {
    format: bool,
    max_draft_size: bool,
    max_rules_size: bool,
}

impl GivenFlags {
    fn of(matches: &ArgMatches) -> Self {
        // A command without the flag (`fix` has no `--format`) never gives it.
        let given = |id: &str| {
            matches.try_contains_id(id).unwrap_or(false)
                && matches.value_source(id) == Some(ValueSource::CommandLine)
        };
        GivenFlags {
            format: given("format"),
            max_draft_size: given("max_draft_size"),
            max_rules_size: given("max_rules_size"),
        }
    }
}

/// Records which flags were given on the command line, for the commands that read the
/// configuration file.
pub(super) fn record_given_flags(cli: &mut Cli, matches: &ArgMatches) {
    match &mut cli.command {
        None => cli.check.config.given = GivenFlags::of(matches),
        Some(Command::Quotes(args)) => {
            if let Some(sub) = matches.subcommand_matches("quotes") {
                args.config.given = GivenFlags::of(sub);
            }
        }
        Some(Command::Serve(args)) => {
            if let Some(sub) = matches.subcommand_matches("serve") {
                // `serve` has no --format.
                let given = |id: &str| sub.value_source(id) == Some(ValueSource::CommandLine);
                args.config.given = GivenFlags {
                    format: false,
                    max_draft_size: given("max_draft_size"),
                    max_rules_size: given("max_rules_size"),
                };
            }
        }
        Some(Command::Fix(args)) => {
            if let Some(sub) = matches.subcommand_matches("fix") {
                args.config.given = GivenFlags::of(sub);
            }
        }
        Some(_) => {}
    }
}

/// The configuration file that applies, loaded; `Ok(None)` when there is none or
/// `--no-config` was given. Errors are written to `err` (`Err(())` after that).
fn load(args: &ConfigArgs, err: &mut dyn Write) -> io::Result<Result<Option<Config>, ()>> {
    if args.no_config {
        return Ok(Ok(None));
    }
    let path = match &args.config {
        Some(path) => path.clone(),
        None => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            match discover_config(&cwd) {
                Ok(Some(path)) => path,
                Ok(None) => return Ok(Ok(None)),
                Err(e) => {
                    writeln!(err, "error: {e}")?;
                    return Ok(Err(()));
                }
            }
        }
    };
    match load_config(&path) {
        Ok(config) => Ok(Ok(Some(config))),
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(Err(()))
        }
    }
}

/// The `--format` values, for checking the configuration's `format`.
fn format_names() -> Vec<String> {
    Format::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value())
        .map(|v| v.get_name().to_string())
        .collect()
}

/// Fills in what the command line left out from `config`: the output format, the rules,
/// the size limits.
fn apply_common<F: ValueEnum>(
    config: &Config,
    given: GivenFlags,
    format: &mut F,
    rules: &mut Vec<PathBuf>,
    max_rules_size: &mut u64,
    max_draft_size: &mut u64,
    err: &mut dyn Write,
) -> io::Result<Result<(), ()>> {
    let names = format_names();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    match config.format(&names) {
        Ok(Some(name)) if !given.format => {
            // A format the command does not have (`quotes` lists only text and
            // JSON) leaves its default.
            if let Ok(f) = F::from_str(name, false) {
                *format = f;
            }
        }
        Ok(_) => {}
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(Err(()));
        }
    }
    if rules.is_empty() {
        match config.rule_paths() {
            Ok(Some(paths)) => *rules = paths,
            Ok(None) => {}
            Err(e) => {
                writeln!(err, "error: {e}")?;
                return Ok(Err(()));
            }
        }
    }
    if let Some(size) = config.max_rules_size.filter(|_| !given.max_rules_size) {
        *max_rules_size = size;
    }
    if let Some(size) = config.max_draft_size.filter(|_| !given.max_draft_size) {
        *max_draft_size = size;
    }
    Ok(Ok(()))
}

/// Whether quotes that no rule covers are left out: `--no-unverified` says so,
/// `--unverified` says not, else the configuration's `unverified`, else they are
/// reported.
fn leave_out_unverified(config: Option<&Config>, no_unverified: bool, unverified: bool) -> bool {
    if unverified || no_unverified {
        return no_unverified;
    }
    config
        .and_then(|c| c.report_unverified)
        .is_some_and(|report| !report)
}

/// The check command's configuration: its arguments with the configuration file's
/// settings filled in, and the file itself.
pub(super) struct ConfiguredCheck {
    /// The arguments to run with.
    pub(super) args: CheckArgs,
    config: Option<Config>,
    /// `--rules` was given: the configuration's rules were replaced.
    rules_from_flag: bool,
}

/// Applies the configuration file (if any) to the check command's arguments; `Ok(None)`
/// after writing an error.
pub(super) fn configure_check(
    args: &CheckArgs,
    err: &mut dyn Write,
) -> io::Result<Option<ConfiguredCheck>> {
    let Ok(config) = load(&args.config, err)? else {
        return Ok(None);
    };
    let mut configured = args.clone();
    let rules_from_flag = !args.rules.is_empty();
    if let Some(config) = &config {
        let given = args.config.given;
        let common = apply_common(
            config,
            given,
            &mut configured.format,
            &mut configured.rules,
            &mut configured.rules_input.max_rules_size,
            &mut configured.input.max_draft_size,
            err,
        )?;
        if common.is_err() {
            return Ok(None);
        }
        if let Some(report) = config.report_figures {
            if !args.figures && !args.no_figures {
                configured.figures = report;
            }
        }
    }
    configured.no_unverified =
        leave_out_unverified(config.as_ref(), args.no_unverified, args.unverified);
    Ok(Some(ConfiguredCheck {
        args: configured,
        config,
        rules_from_flag,
    }))
}

impl ConfiguredCheck {
    /// What the configuration decides about the findings of `rulesets` (`None` without
    /// a configuration file); `Err(())` after writing an error (an unknown rule or
    /// ruleset id in the file).
    /// True when a configuration file applies and names rules or rulesets, which its
    /// policy checks against every rule.
    pub(super) fn names_rules(&self) -> bool {
        self.config.as_ref().is_some_and(Config::names_rules)
    }

    pub(super) fn policy(
        &self,
        rulesets: &[RuleSet],
        err: &mut dyn Write,
    ) -> io::Result<Result<Option<FindingPolicy>, ()>> {
        let Some(config) = &self.config else {
            return Ok(Ok(None));
        };
        let unknown = if self.rules_from_flag {
            UnknownIds::Skip
        } else {
            UnknownIds::Error
        };
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        match config.policy(rulesets, unknown, &cwd) {
            Ok(policy) => Ok(Ok(Some(policy))),
            Err(e) => {
                writeln!(err, "error: {e}")?;
                Ok(Err(()))
            }
        }
    }
}

/// Applies the configuration's policy (if any) to every checked draft.
pub(super) fn apply_policy(policy: Option<&FindingPolicy>, checked: &mut [CheckedFile]) {
    if let Some(policy) = policy {
        checked.iter_mut().for_each(|file| policy.apply(file));
    }
}

/// Applies the configuration file (if any) to the quote sheet's arguments; `Ok(None)`
/// after writing an error.
pub(super) fn configure_quotes(
    args: &QuotesArgs,
    err: &mut dyn Write,
) -> io::Result<Option<QuotesArgs>> {
    let Ok(config) = load(&args.config, err)? else {
        return Ok(None);
    };
    let mut configured = args.clone();
    if let Some(config) = &config {
        let given = args.config.given;
        let common = apply_common(
            config,
            given,
            &mut configured.format,
            &mut configured.rules,
            &mut configured.rules_input.max_rules_size,
            &mut configured.input.max_draft_size,
            err,
        )?;
        if common.is_err() {
            return Ok(None);
        }
    }
    Ok(Some(configured))
}

/// The service's configuration: its arguments with the configuration file's settings
/// filled in, and the file itself.
pub(super) struct ConfiguredServe {
    /// The arguments to run with.
    pub(super) args: ServeArgs,
    /// The configuration file, if one applies.
    pub(super) config: Option<Config>,
    rules_from_flag: bool,
}

impl ConfiguredServe {
    /// How the configuration's unknown rule ids are treated, as for the check.
    pub(super) fn unknown_ids(&self) -> UnknownIds {
        if self.rules_from_flag {
            UnknownIds::Skip
        } else {
            UnknownIds::Error
        }
    }
}

/// Applies the configuration file (if any) to the service's arguments, as for the
/// check; `Ok(None)` after writing an error.
pub(super) fn configure_serve(
    args: &ServeArgs,
    err: &mut dyn Write,
) -> io::Result<Option<ConfiguredServe>> {
    let Ok(config) = load(&args.config, err)? else {
        return Ok(None);
    };
    let mut configured = args.clone();
    let rules_from_flag = !args.rules.is_empty();
    if let Some(config) = &config {
        let mut no_format = ListFormat::Json;
        let common = apply_common(
            config,
            args.config.given,
            &mut no_format,
            &mut configured.rules,
            &mut configured.rules_input.max_rules_size,
            &mut configured.max_draft_size,
            err,
        )?;
        if common.is_err() {
            return Ok(None);
        }
    }
    configured.no_unverified =
        leave_out_unverified(config.as_ref(), args.no_unverified, args.unverified);
    Ok(Some(ConfiguredServe {
        args: configured,
        config,
        rules_from_flag,
    }))
}

/// The configuration file that applies from the current directory, for `factcheck config
/// path`: `Ok(None)` when there is none.
pub(super) fn config_path() -> Result<Option<PathBuf>, crate::config::ConfigError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    discover_config(&cwd)
}
