//! `factcheck`: checks that a news draft states its verified claims and quotes verbatim,
//! credited to the right speaker.
//!
//! The library is split by responsibility, ripgrep-style: nothing here prints.
//! - [`text`]: source files, line index, normalisation with an offset map, sentences.
//! - [`rules`]: the YAML rule schema, loading with file:line:col errors, validation.
//! - [`extract`]: direct quotes with their speakers, and typed values in prose.
//! - [`check`]: matches rules against an extracted draft and produces [`check::Finding`]s.
//! - [`report`]: one emitter per output format.
//! - [`authoring`]: rulesets drafted from a verified source (`factcheck extract`).
//! - [`config`]: the configuration file (`factcheck.toml`) and what it decides about findings.
//! - [`lsp`]: `factcheck lsp`, the language server for editors.
//! - [`review`]: pre-publish review as a service, without HTTP: rules kept loaded and
//!   reloaded, drafts checked on request, sign-off records in SQLite.
//! - [`serve`]: `factcheck serve`, the HTTP API and review page over [`review`].

pub mod authoring;
pub mod check;
pub mod cli;
pub mod config;
pub mod extract;
pub mod lsp;
pub mod report;
pub mod review;
pub mod rules;
pub mod serve;
pub mod text;
