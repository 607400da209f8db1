//! `factcheck serve`: the review service. Its rules, configuration and limits are found
//! and spelled as the check command's; the HTTP side is [`crate::serve`].

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::{input, settings, EXIT_CLEAN, EXIT_ERROR};
use crate::review::{ReviewService, ReviewStore, RuleSettings, ServiceSettings};
use crate::rules::RulesCache;
use crate::serve::{Log, ServeOptions};
use crate::text::parse_size;

/// Arguments of `factcheck serve`.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct ServeArgs {
    /// A rule file or a directory of them (repeatable). Default: the configuration's
    /// `rules`, else the nearest `rules/` directory from the current directory upward.
    /// Reloaded when they change.
    #[arg(short, long = "rules", value_name = "PATH")]
    pub(super) rules: Vec<PathBuf>,
    /// The address to listen on (port 0 picks a free port; the log says which).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    listen: String,
    /// The reviews database (SQLite; created when missing).
    #[arg(long, value_name = "PATH", default_value = "factcheck-reviews.sqlite")]
    db: PathBuf,
    /// Largest draft taken: a request body over it is answered 413 (bytes, or with K,
    /// MB or GB).
    #[arg(long, value_name = "SIZE", default_value = "100MB", value_parser = parse_size)]
    pub(super) max_draft_size: u64,
    /// Longest a request may take before it is answered 408, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Do not report quotes that no rule covers (unless a request asks).
    #[arg(long)]
    pub(super) no_unverified: bool,
    /// Report quotes that no rule covers even when the configuration file says
    /// `unverified = false` (unless a request says otherwise).
    #[arg(long, conflicts_with = "no_unverified")]
    pub(super) unverified: bool,
    /// Neither read nor write the compiled rules cache.
    #[arg(long)]
    no_cache: bool,
    #[command(flatten)]
    pub(super) rules_input: input::RulesInput,
    #[command(flatten)]
    pub(super) config: settings::ConfigArgs,
}

/// Requests in flight at once (the rest wait for a slot).
const MAX_IN_FLIGHT: usize = 1024;

/// How long the rule files must stay unchanged after an edit before they are reloaded.
const RELOAD_SETTLE: Duration = Duration::from_millis(300);

/// Runs the service until SIGTERM or Ctrl-C; exit 2 when it cannot start.
pub(super) fn run_serve(args: &ServeArgs, err: &mut dyn Write) -> io::Result<u8> {
    let Some(configured) = settings::configure_serve(args, err)? else {
        return Ok(EXIT_ERROR);
    };
    let args = &configured.args;
    let Some(paths) = super::rule_paths(&args.rules, err)? else {
        return Ok(EXIT_ERROR);
    };
    let store = match ReviewStore::open(&args.db) {
        Ok(store) => store,
        Err(e) => {
            writeln!(err, "error: cannot open the reviews database {e}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let settings = ServiceSettings {
        rules: RuleSettings {
            paths,
            max_rules_size: args.rules_input.max_rules_size,
            cache: if args.no_cache {
                None
            } else {
                RulesCache::from_env()
            },
            unknown_ids: configured.unknown_ids(),
            report_figures: configured
                .config
                .as_ref()
                .and_then(|c| c.report_figures)
                .unwrap_or(false),
            config: configured.config,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            report_unverified: !args.no_unverified,
        },
        max_draft_size: args.max_draft_size,
    };
    let options = ServeOptions {
        listen: args.listen.clone(),
        timeout: Duration::from_secs(args.timeout),
        max_in_flight: MAX_IN_FLIGHT,
        reload_settle: RELOAD_SETTLE,
    };
    let log = stderr_log();
    match crate::serve::run(ReviewService::new(settings, store), &options, log) {
        Ok(()) => Ok(EXIT_CLEAN),
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(EXIT_ERROR)
        }
    }
}

/// Log lines to standard error, each written whole with one write. The caller's
/// `err` holds the standard-error lock for the whole run, and the service logs from
/// other threads (a reload, the stop signal): they write through a duplicate of the
/// descriptor, which takes no lock of the caller's.
fn stderr_log() -> Log {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stderr().as_fd().try_clone_to_owned() {
            let file = std::sync::Mutex::new(std::fs::File::from(fd));
            return Arc::new(move |line: &str| {
                let mut file = file
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let _ = file.write_all(format!("factcheck serve: {line}\n").as_bytes());
            });
        }
    }
    Arc::new(|line: &str| {
        let _ = io::stderr().write_all(format!("factcheck serve: {line}\n").as_bytes());
    })
}
