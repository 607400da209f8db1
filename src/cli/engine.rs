//! How drafts are checked at scale: the checking engine, parallel checking of many
//! drafts (`--jobs`), and the compiled rules cache (`--no-cache`).

use std::num::NonZeroUsize;
use std::path::PathBuf;

use rayon::prelude::*;

use super::input::Draft;
use crate::check::{CheckOptions, CheckedFile, Checker, CompiledRules, DocumentError, Engine};
use crate::rules::{load_bank_cached, CachedRuleSets, RuleError, RuleSet, RuleSource, RulesCache};

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

/// The rules of one run: loaded (and compiled, when they came through the cache), or
/// left in the cache file with the rules compiled from them.
pub(super) enum Bank {
    /// Parsed (or decoded whole).
    Loaded(Vec<RuleSet>, Option<CompiledRules>),
    /// In the cache file, decoded one ruleset at a time when a draft touches it; the
    /// compiled rules fit them.
    Cached(CachedRuleSets, CompiledRules),
}

impl Bank {
    /// The same rules with every ruleset decoded (`None` when one in the cache file is
    /// damaged): for what needs every rule at once — a configuration's rule and ruleset
    /// ids, the report formats that list every rule.
    pub(super) fn decoded(self) -> Option<Bank> {
        match self {
            Bank::Cached(cached, compiled) => RuleSource::Cached(cached)
                .into_vec()
                .map(|rules| Bank::Loaded(rules, Some(compiled))),
            loaded => Some(loaded),
        }
    }

    /// The rulesets, when they are decoded.
    pub(super) fn rulesets(&self) -> Option<&[RuleSet]> {
        match self {
            Bank::Loaded(rules, _) => Some(rules),
            Bank::Cached(..) => None,
        }
    }

    /// The rulesets the run has read: every loaded one, or those a draft touched in the
    /// cache file (nothing more is decoded).
    pub(super) fn used(&self) -> impl Iterator<Item = &RuleSet> {
        match self {
            Bank::Loaded(rules, _) => crate::rules::RuleSetsView::Loaded(rules).used(),
            Bank::Cached(cached, _) => crate::rules::RuleSetsView::Cached(cached).used(),
        }
    }

    /// Every ruleset, decoded (`None` when one in the cache file is damaged).
    pub(super) fn into_rulesets(self) -> Option<Vec<RuleSet>> {
        match self {
            Bank::Loaded(rules, _) => Some(rules),
            Bank::Cached(cached, _) => RuleSource::Cached(cached).into_vec(),
        }
    }

    /// True for a bank large enough that freeing it at the end of a run is worth
    /// skipping.
    pub(super) fn is_large(&self) -> bool {
        let view = match self {
            Bank::Loaded(rules, _) => crate::rules::RuleSetsView::Loaded(rules),
            Bank::Cached(cached, _) => crate::rules::RuleSetsView::Cached(cached),
        };
        (0..view.len())
            .filter_map(|i| Some((view.counts(i)?, view.statement_count(i)?)))
            .map(|((claims, quotes), statements)| claims + quotes + statements)
            .sum::<usize>()
            > KEEP_TO_EXIT
    }
}

impl EngineArgs {
    /// The rules cache to use, if any (none for the straightforward engine, which does
    /// not use the compiled rules).
    pub(super) fn bank_cache(&self) -> Option<RulesCache> {
        if self.no_cache || self.straightforward {
            return None;
        }
        RulesCache::from_env()
    }

    /// A checker for the rules of `bank` with the chosen engine (and the rules compiled
    /// by the cache, when they came through it).
    pub(super) fn checker<'r>(&self, bank: &'r mut Bank, options: CheckOptions) -> Checker<'r> {
        match bank {
            Bank::Loaded(rulesets, compiled) => match compiled.take() {
                _ if self.straightforward => {
                    Checker::with_engine(rulesets, options, Engine::Straightforward)
                }
                Some(compiled) => Checker::with_compiled(rulesets, options, compiled),
                None => Checker::with_engine(rulesets, options, Engine::Indexed),
            },
            Bank::Cached(cached, compiled) => Checker::with_cached(
                crate::rules::RuleSetsView::Cached(cached),
                options,
                std::mem::replace(compiled, CompiledRules::new(&[])),
            ),
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

/// Loads rules, through the cache when one is given (see [`load_bank_cached`]): on a
/// hit the rulesets stay in the cache file until a draft touches them.
pub(super) fn load_rules(
    paths: &[PathBuf],
    max_size: u64,
    cache: Option<&RulesCache>,
) -> Result<Bank, RuleError> {
    let layout = cache.map(|_| CompiledRules::layout()).unwrap_or_default();
    let (source, compiled, _) =
        load_bank_cached(paths, max_size, cache, &layout, CompiledRules::new)?;
    Ok(match (source, compiled) {
        (RuleSource::Cached(cached), Some(compiled))
            if compiled.fits(crate::rules::RuleSetsView::Cached(&cached)) =>
        {
            Bank::Cached(cached, compiled)
        }
        (source, compiled) => match source.into_vec() {
            Some(rules) => Bank::Loaded(rules, compiled),
            // A ruleset in the cache file is damaged: the rule files themselves.
            None => Bank::Loaded(crate::rules::load_rules_with_limit(paths, max_size)?, None),
        },
    })
}

/// Rules (in rulesets' entries) above which a run does not free them one by one at its
/// end: the process is about to exit and the system takes the memory back at once.
const KEEP_TO_EXIT: usize = 10_000;

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
