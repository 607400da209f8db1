//! `factcheck lsp`: a language server (LSP 3.17 over standard input and output) that
//! shows the check's findings in an editor as a draft is written, with quick fixes, and
//! the `rules check` errors of rule files as they are edited.
//!
//! A thin layer over [`crate::check`] and [`crate::review`] (the rules kept loaded):
//! - `transport`: `Content-Length` framing; a malformed message is reported and skipped.
//! - `server`: the loop and the dispatch by method, the life cycle, the debounce.
//! - `documents` and `position`: the open documents, edits by range, and positions in
//!   UTF-8 or UTF-16 code units converted exactly to byte offsets.
//! - `workspace`: the rules of each document's folder, found as the command line finds
//!   them, loaded once per set and again when a rule file is saved.
//! - `diagnostics`: findings as diagnostics.
//! - `actions` and `ignore`: quick fixes, "ignore this finding here", "fix all safe".
//! - `hover`: a quote's speaker, rule, verified words and speaker.
//! - `rule_files`: rule files' diagnostics and the completion of speaker ids.
//!
//! docs/editors.md tells how to set up each editor.

mod actions;
mod diagnostics;
mod documents;
mod hover;
mod ignore;
mod position;
mod rule_files;
mod server;
mod transport;
mod workspace;

use std::path::PathBuf;
use std::time::Duration;

pub use documents::{path_to_uri, uri_to_path};
pub use position::{LineMap, PositionEncoding};
pub use server::{run, DEFAULT_DEBOUNCE};

use crate::rules::RulesCache;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct LspOptions {
    /// Rules that replace those found from each document's folder (the client's
    /// `initializationOptions.rules` replaces these in turn); empty: found per folder.
    pub rules: Vec<PathBuf>,
    /// The compiled rules cache to load rules through (`None`: none).
    pub cache: Option<RulesCache>,
    /// How long edits must pause before a changed draft is checked again.
    pub debounce: Duration,
}

impl Default for LspOptions {
    fn default() -> Self {
        LspOptions {
            rules: Vec::new(),
            cache: RulesCache::from_env(),
            debounce: DEFAULT_DEBOUNCE,
        }
    }
}

/// How the server's run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`, as the protocol wants (exit code 0).
    AfterShutdown,
    /// `exit` without `shutdown`, or the input ended first (exit code 1).
    WithoutShutdown,
}
