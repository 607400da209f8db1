//! `factcheck lsp`: the language server, over standard input and output (see
//! [`crate::lsp`] and docs/editors.md).

use std::io::{self, Write};
use std::path::PathBuf;

use super::EXIT_CLEAN;
use crate::lsp::{Ending, LspOptions, DEFAULT_DEBOUNCE};
use crate::rules::RulesCache;

/// Exit code of a server that was told to exit without `shutdown` first (or whose input
/// ended), as the protocol wants.
const EXIT_WITHOUT_SHUTDOWN: u8 = 1;

/// Arguments of `factcheck lsp`.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct LspArgs {
    /// Talk over standard input and output: the only transport, and the default
    /// (accepted because editors' client settings often pass it).
    #[arg(long)]
    stdio: bool,
    /// A rule file or a directory of them (repeatable), for every document. Default:
    /// found from each document's folder as the check finds them from the current
    /// directory (the configuration's `rules`, else the nearest `rules/` directory).
    #[arg(short, long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Neither read nor write the compiled rules cache.
    #[arg(long)]
    no_cache: bool,
}

/// Runs the server until the client says `exit`: exit code 0 after `shutdown`, 1
/// without it.
pub(super) fn run_lsp(args: &LspArgs, err: &mut dyn Write) -> io::Result<u8> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let options = LspOptions {
        rules: args.rules.iter().map(|p| cwd.join(p)).collect(),
        cache: if args.no_cache {
            None
        } else {
            RulesCache::from_env()
        },
        debounce: DEFAULT_DEBOUNCE,
    };
    // The protocol goes to standard output as it is, not through the caller's styled
    // writer (which may strip escape sequences). The caller holds the standard-output
    // lock on this thread; it is reentrant, and only this thread writes.
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match crate::lsp::run(io::stdin(), &mut out, err, options) {
        Ok(Ending::AfterShutdown) => Ok(EXIT_CLEAN),
        Ok(Ending::WithoutShutdown) => Ok(EXIT_WITHOUT_SHUTDOWN),
        Err(e) => {
            writeln!(err, "factcheck lsp: error: cannot write to the client: {e}")?;
            Ok(EXIT_WITHOUT_SHUTDOWN)
        }
    }
}
