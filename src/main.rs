//! The `factcheck` binary: parse arguments, call the library, print, map to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out = anstream::stdout().lock();
    let mut err = anstream::stderr().lock();
    let code = factcheck::cli::run(std::env::args_os().collect(), &mut out, &mut err, true);
    ExitCode::from(code)
}
