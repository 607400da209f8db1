//! How drafts are checked at scale: the checking engine, parallel checking of many
//! drafts (`--jobs`), and the compiled rules cache (`--no-cache`).

use std::cell::RefCell;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use rayon::prelude::*;

use super::input::Draft;
use crate::check::{CheckOptions, CheckedFile, Checker, CompiledRules, DocumentError, Engine};
use crate::rules::{load_rules_cached_with, RuleError, RuleSet, RulesCache};

/// Options for checking many drafts against many rules.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct EngineArgs {
    /// Check this many drafts at once (default: one per CPU core). The output is the
    /// same, in the same order, for any number.
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// Neither read nor write the compiled rules cache (large rule sets are otherwise
    /// compiled once and cached, keyed by their content, in $FACTCHECK_CACHE_DIR,
    /// $XDG_CACHE_HOME/factcheck or ~/.cache/factcheck).
    #[arg(long)]
    no_cache: bool,
    /// Check every rule against every sentence and quote, without the index: the
    /// reference the indexed engine is tested against (slow with many rules).
    #[arg(long, hide = true)]
    straightforward: bool,
}

/// The compiled rules cache of one run, and what it yielded.
pub(super) struct BankCache {
    cache: RulesCache,
    /// Compiled with the rules when they came through the cache.
    compiled: RefCell<Option<CompiledRules>>,
}

impl EngineArgs {
    /// The rules cache to use, if any (none for the straightforward engine, which does
    /// not use the compiled rules).
    pub(super) fn bank_cache(&self) -> Option<BankCache> {
        if self.no_cache || self.straightforward {
            return None;
        }
        RulesCache::from_env().map(|cache| BankCache {
            cache,
            compiled: RefCell::new(None),
        })
    }

    /// A checker for `rulesets` with the chosen engine (and the rules compiled by the
    /// cache, when they came through it).
    pub(super) fn checker<'r>(
        &self,
        rulesets: &'r [RuleSet],
        options: CheckOptions,
        cache: Option<&BankCache>,
    ) -> Checker<'r> {
        if self.straightforward {
            return Checker::with_engine(rulesets, options, Engine::Straightforward);
        }
        match cache.and_then(|c| c.compiled.borrow_mut().take()) {
            Some(compiled) => Checker::with_compiled(rulesets, options, compiled),
            None => Checker::with_engine(rulesets, options, Engine::Indexed),
        }
    }

    /// Checks every draft as written (plain text, Markdown, HTML; see
    /// [`Checker::check_document`]), `--jobs` at a time; the results are in the input
    /// order whatever the number of threads.
    pub(super) fn check_all(
        &self,
        checker: &Checker,
        drafts: Vec<Draft>,
    ) -> Vec<Result<CheckedFile, DocumentError>> {
        let check = |draft: Draft| checker.check_document(draft.source, draft.format);
        let jobs = self.jobs.map_or(0, NonZeroUsize::get);
        if jobs == 1 || drafts.len() < 2 {
            return drafts.into_iter().map(check).collect();
        }
        match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool.install(|| drafts.into_par_iter().map(check).collect()),
            // No threads to be had: check in this one.
            Err(_) => drafts.into_iter().map(check).collect(),
        }
    }
}

/// Loads rules, through the cache when one is given (see [`load_rules_cached_with`]);
/// the rules compiled with them are kept in the cache for [`EngineArgs::checker`].
pub(super) fn load_rules(
    paths: &[PathBuf],
    max_size: u64,
    cache: Option<&BankCache>,
) -> Result<Vec<RuleSet>, RuleError> {
    let layout = cache.map(|_| CompiledRules::layout()).unwrap_or_default();
    let (rules, compiled, _) = load_rules_cached_with(
        paths,
        max_size,
        cache.map(|c| &c.cache),
        &layout,
        CompiledRules::new,
    )?;
    if let Some(cache) = cache {
        *cache.compiled.borrow_mut() = compiled;
    }
    Ok(rules)
}

/// Rules (in rulesets' entries) above which a run does not free them one by one at its
/// end: the process is about to exit and the system takes the memory back at once.
const KEEP_TO_EXIT: usize = 10_000;

/// True for a bank large enough that freeing it at the end of a run is worth skipping.
pub(super) fn is_large(rulesets: &[RuleSet]) -> bool {
    rulesets
        .iter()
        .map(|r| r.claims.len() + r.quotes.len())
        .sum::<usize>()
        > KEEP_TO_EXIT
}

/// Ends the use of `value` (the checker, the rules): dropped, or for a `large` bank left
/// to the end of the process, which is about to exit — the system takes the memory back
/// at once, while freeing 100,000 rules one allocation at a time takes longer than
/// checking a draft.
pub(super) fn release<T>(value: T, large: bool) {
    if large {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}
