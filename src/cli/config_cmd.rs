//! `factcheck config …`: the configuration file's JSON Schema, and which configuration
//! file applies from the current directory.

use std::io::{self, Write};

use clap::Subcommand;

use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::config::config_schema_json;

/// Arguments of `factcheck config`.
#[derive(Debug, clap::Args)]
pub(super) struct ConfigCmdArgs {
    #[command(subcommand)]
    command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print the JSON Schema of factcheck.toml (committed as schema/config.schema.json).
    Schema,
    /// Print the path of the configuration file that applies from the current directory
    /// (nothing, and a note on stderr, when there is none).
    Path,
}

/// Runs `factcheck config …`.
pub(super) fn run_config(
    args: &ConfigCmdArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    match args.command {
        ConfigCommand::Schema => {
            out.write_all(config_schema_json().as_bytes())?;
            out.flush()?;
            Ok(EXIT_CLEAN)
        }
        ConfigCommand::Path => match super::settings::config_path() {
            Ok(Some(path)) => {
                writeln!(out, "{}", path.display())?;
                Ok(EXIT_CLEAN)
            }
            Ok(None) => {
                writeln!(
                    err,
                    "no factcheck.toml or .factcheck.toml in this directory or above"
                )?;
                Ok(EXIT_CLEAN)
            }
            Err(e) => {
                writeln!(err, "error: {e}")?;
                Ok(EXIT_ERROR)
            }
        },
    }
}
