//! Checking: matches the rules against what was extracted from a draft and produces
//! [`Finding`]s — missing, altered, misattributed, unattributed and unverified — for
//! claims, quotes and statements (reported speech).

mod claims;
mod cover;
mod document;
mod figures;
mod finding;
pub mod fix;
mod index;
mod packed;
mod quotes;
mod statements;
mod terms;

pub(crate) use statements::negations;

pub use cover::quote_rules_holding;
pub use document::{
    quotes_of_document, speech_of_document, DocumentError, UNVERIFIED_FIGURE_RULE_NAME,
    UNVERIFIED_RULE_NAME,
};
pub use finding::{CheckedFile, Coverage, Finding, FindingKind, Summary, Tally};
pub use fix::{Fix, FixSafety};

use crate::extract::{KnownPerson, PeopleIndex};
use crate::rules::{ClaimRule, ContextTerm, RuleSet, RuleSetsView};
use crate::text::{words_for_compare, SourceFile, Span};

/// Options that change what is reported.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Report quotes that no rule covers (`unverified`, a warning).
    pub report_unverified: bool,
    /// Report figures that no claim covers (`unverified-figure`, an info) and count the
    /// draft's figure coverage (`--figures`).
    pub report_figures: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            report_unverified: true,
            report_figures: false,
        }
    }
}

/// How a [`Checker`] finds the rules a draft touches. Both report exactly the same
/// findings (a test holds them to it); they differ in cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// Index the rules once (an Aho–Corasick automaton over every claim's context
    /// terms, a word index over every quote), then compare each draft only with the
    /// rules it may touch: the cost of a draft grows with the draft, not with the
    /// number of rules. For a newsroom-wide bank of verified facts and quotes.
    #[default]
    Indexed,
    /// Every claim against every sentence (one regex per context term) and every quote
    /// rule against every draft quote: simple, and the reference the indexed engine is
    /// tested against; the cost of a draft grows with the number of rules.
    Straightforward,
}

/// What the engine precomputed from the rules.
enum Prepared {
    Indexed {
        index: Box<index::BankIndex>,
        /// Patterns of the claims and statements the index leaves to the straightforward
        /// way.
        other_patterns: index::OtherPatterns,
    },
    Straightforward {
        claim_patterns: Vec<Vec<claims::ClaimPatterns>>,
        quote_words: Vec<Vec<Vec<String>>>,
        statement_patterns: Vec<Vec<claims::ClaimPatterns>>,
    },
}

/// The rules compiled for the [`Engine::Indexed`] engine — the people index, the term
/// dictionary and the quote index — as plain data: it can be cached next to the
/// rulesets it was compiled from (see [`crate::rules::load_rules_cached`]) and handed to
/// [`Checker::with_compiled`].
#[derive(serde::Serialize, serde::Deserialize)]
pub struct CompiledRules {
    people: PeopleIndex,
    index: index::BankIndex,
}

impl CompiledRules {
    /// Compiles `rulesets`.
    pub fn new(rulesets: &[RuleSet]) -> Self {
        CompiledRules {
            people: PeopleIndex::new(&distinct(known_people(rulesets))),
            index: index::BankIndex::new(rulesets),
        }
    }

    /// The shape of the compiled data — its field names, as a self-describing format
    /// writes a small compiled sample — for cache keys: any change to the data
    /// structures changes it.
    pub fn layout() -> String {
        // One person with a one-word name: every map of the sample has one entry, so
        // the text is the same on every run.
        const SAMPLE: &str = "ruleset: layout\npeople: [{ name: Ann }]\n\
            claims:\n  - { id: c, statement: s, context: [vote], value: { tally: 1-0 } }\n\
            quotes:\n  - { id: q, speaker: ann, text: one two three four }\n\
            statements:\n  - { id: s, speaker: ann, statement: t, context: [vote] }\n";
        let sample = crate::rules::load_rule_file("layout.yaml", SAMPLE)
            .map(|r| CompiledRules::new(std::slice::from_ref(&r)));
        match sample {
            Ok(compiled) => serde_json::to_string(&compiled).unwrap_or_default(),
            Err(e) => e.to_string(),
        }
    }

    /// True when these compiled rules fit `rulesets` (as many rulesets, claims, quotes
    /// and statements as they were compiled from): a cheap guard against pairing them with
    /// other rules.
    pub fn fits(&self, rulesets: RuleSetsView) -> bool {
        self.index.fits(rulesets)
    }
}

/// The people in order without later exact duplicates (the same person in many
/// rulesets): a lookup finds the first fitting person, so a later identical one never
/// counts.
fn distinct(people: Vec<KnownPerson>) -> Vec<KnownPerson> {
    let mut seen = std::collections::HashSet::new();
    people
        .into_iter()
        .filter(|p| seen.insert((p.name.clone(), p.aliases.clone())))
        .collect()
}

/// Checks drafts against a fixed set of rulesets; compiles what the rules need (context
/// patterns, quote words, the people to resolve speakers to) once, for any number of
/// drafts. A `Checker` is `Sync`: drafts may be checked from several threads at once.
pub struct Checker<'r> {
    rulesets: RuleSetsView<'r>,
    options: CheckOptions,
    people: PeopleIndex,
    prepared: Prepared,
}

impl<'r> Checker<'r> {
    /// Prepares the rulesets for checking with the [`Engine::Indexed`] engine.
    pub fn new(rulesets: &'r [RuleSet], options: CheckOptions) -> Self {
        Checker::with_engine(rulesets, options, Engine::Indexed)
    }

    /// Prepares the rulesets for checking with the given engine.
    pub fn with_engine(rulesets: &'r [RuleSet], options: CheckOptions, engine: Engine) -> Self {
        match engine {
            Engine::Indexed => {
                Checker::with_compiled(rulesets, options, CompiledRules::new(rulesets))
            }
            Engine::Straightforward => Checker {
                rulesets: RuleSetsView::Loaded(rulesets),
                options,
                people: PeopleIndex::new(&known_people(rulesets)),
                prepared: Prepared::Straightforward {
                    claim_patterns: rulesets
                        .iter()
                        .map(|r| {
                            r.claims
                                .iter()
                                .map(claims::ClaimPatterns::compile)
                                .collect()
                        })
                        .collect(),
                    quote_words: rulesets
                        .iter()
                        .map(|r| {
                            r.quotes
                                .iter()
                                .map(|q| words_for_compare(&q.text))
                                .collect()
                        })
                        .collect(),
                    statement_patterns: rulesets
                        .iter()
                        .map(|r| {
                            r.statements
                                .iter()
                                .map(|s| claims::ClaimPatterns::from_context(&s.context))
                                .collect()
                        })
                        .collect(),
                },
            },
        }
    }

    /// The [`Engine::Indexed`] checker, from rules compiled beforehand (from these same
    /// rulesets: rules that do not fit the compiled shape are compiled again).
    pub fn with_compiled(
        rulesets: &'r [RuleSet],
        options: CheckOptions,
        compiled: CompiledRules,
    ) -> Self {
        let view = RuleSetsView::Loaded(rulesets);
        let compiled = if compiled.fits(view) {
            compiled
        } else {
            CompiledRules::new(rulesets)
        };
        Checker::with_fitting(view, options, compiled)
    }

    /// The [`Engine::Indexed`] checker for rulesets that may still be in the cache file
    /// (decoded only when a draft touches them), from the rules compiled with them. The
    /// caller makes sure that `compiled` fits them ([`CompiledRules::fits`]): rules
    /// that do not exist are skipped, never looked up out of bounds.
    pub fn with_cached(
        rulesets: RuleSetsView<'r>,
        options: CheckOptions,
        compiled: CompiledRules,
    ) -> Self {
        Checker::with_fitting(rulesets, options, compiled)
    }

    fn with_fitting(
        rulesets: RuleSetsView<'r>,
        options: CheckOptions,
        mut compiled: CompiledRules,
    ) -> Self {
        compiled.index.prepare();
        Checker {
            rulesets,
            options,
            people: compiled.people,
            prepared: Prepared::Indexed {
                other_patterns: compiled.index.other_patterns(rulesets),
                index: Box::new(compiled.index),
            },
        }
    }

    /// Extracts what checking needs from a draft (quotes, sentences, words) once.
    pub fn prepare(&self, source: &SourceFile) -> PreparedDraft {
        PreparedDraft(quotes::Draft::extract(source, &self.people))
    }

    /// Checks one draft and returns its findings in document order (missing findings,
    /// which have no position, first).
    pub fn check(&self, source: &SourceFile) -> Vec<Finding> {
        self.check_with_coverage(source).0
    }

    /// Checks one draft: its findings in document order (missing findings, which have no
    /// position, first) and its coverage — how many of its quotes and (with
    /// [`CheckOptions::report_figures`]) figures the rules verify.
    pub fn check_with_coverage(&self, source: &SourceFile) -> (Vec<Finding>, Coverage) {
        self.check_with_options(source, &self.options)
    }

    /// [`Checker::check_with_coverage`] with other options than the checker's own: a
    /// service keeps one checker for its rules and lets each request choose whether
    /// quotes (and figures) that no rule covers are reported.
    pub fn check_with_options(
        &self,
        source: &SourceFile,
        options: &CheckOptions,
    ) -> (Vec<Finding>, Coverage) {
        let draft = quotes::Draft::extract(source, &self.people);
        let (mut findings, verdicts, quotes) = match &self.prepared {
            Prepared::Indexed {
                index,
                other_patterns,
            } => index.check(
                source,
                &draft,
                &self.people,
                self.rulesets,
                other_patterns,
                options.report_unverified,
            ),
            Prepared::Straightforward {
                claim_patterns,
                quote_words,
                statement_patterns,
            } => {
                let rulesets = self.rulesets.loaded().unwrap_or_default();
                let (mut findings, verdicts) =
                    claims::check_claims(source, &draft, rulesets, claim_patterns);
                for (ruleset, patterns) in rulesets.iter().zip(statement_patterns) {
                    findings.extend(statements::check_statements(
                        source,
                        &draft,
                        &self.people,
                        ruleset,
                        patterns,
                    ));
                }
                let (quote_findings, quotes) = quotes::check_quotes(
                    source,
                    &draft,
                    rulesets,
                    quote_words,
                    options.report_unverified,
                );
                findings.extend(quote_findings);
                (findings, verdicts, quotes)
            }
        };
        let figures = options.report_figures.then(|| {
            let (unverified, figures) = figures::judge_figures(source, &draft, &verdicts);
            findings.extend(unverified);
            figures
        });
        findings.sort_by(|a, b| {
            let key = |f: &Finding| {
                (
                    f.span.map(|s| (s.start, s.end)),
                    f.ruleset.clone(),
                    f.rule.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        (findings, Coverage { quotes, figures })
    }
}

/// A draft with its quotes, sentences and words extracted (see [`Checker::prepare`]).
pub struct PreparedDraft(quotes::Draft);

impl PreparedDraft {
    /// Sentence spans of the draft's normalised text.
    pub fn sentences(&self) -> &[Span] {
        &self.0.sentences
    }

    /// For each sentence, whether it contains `term` as checking matches a context term
    /// (case-insensitive, word-bounded, plural, possessive and verb-ending tolerant;
    /// `a|b` for alternatives). A claim is located by the sentences containing all of its
    /// terms.
    pub fn sentences_with_term(&self, term: &str) -> Vec<bool> {
        let term = ContextTerm {
            alternatives: term.split('|').map(|a| a.trim().to_string()).collect(),
        };
        claims::term_matches(&self.0, &term)
    }

    /// Maps a span of the draft's normalised text (a sentence, a located claim) back to
    /// the text the draft was prepared from.
    pub fn original_span(&self, span: Span) -> Span {
        self.0.normalized.to_original(span)
    }
}

/// The sentences of a prepared draft (spans into its normalised text) that locate
/// `claim`: those holding all of its context terms, exactly as checking locates them.
pub fn locate_claim(draft: &PreparedDraft, claim: &ClaimRule) -> Vec<Span> {
    claims::locate(&draft.0, &claims::ClaimPatterns::compile(claim))
}

/// The sentences of a prepared draft that state `claim`, as spans of the text it was
/// prepared from: located by its context terms exactly as checking locates them (any
/// sentence when it has none) and holding its expected value (a `text` claim: its
/// phrase). What `factcheck rules verify` requires of a claim's source.
pub fn sentences_stating(draft: &PreparedDraft, claim: &ClaimRule) -> Vec<Span> {
    let patterns = claims::ClaimPatterns::compile(claim);
    claims::stating(&draft.0, claim, &patterns)
        .into_iter()
        .map(|s| draft.0.normalized.to_original(s))
        .collect()
}

/// The comparison words of a text with their spans, to find where a quote's words occur
/// (compared as drafts' quotes are: case, typography and punctuation at word edges
/// aside). What `factcheck rules verify` requires of a quote's source.
pub struct TextWords(Vec<(String, Span)>);

impl TextWords {
    /// The words of `text`.
    pub fn new(text: &str) -> Self {
        TextWords(quotes::words_with_spans(text))
    }

    /// Where the words of `text` occur as a run: the span of every occurrence, in order.
    pub fn find(&self, text: &str) -> Vec<Span> {
        let needle = words_for_compare(text);
        if needle.is_empty() {
            return Vec::new();
        }
        self.0
            .windows(needle.len())
            .filter(|w| w.iter().zip(&needle).all(|((a, _), b)| a == b))
            .map(|w| w[0].1.cover(w[w.len() - 1].1))
            .collect()
    }
}

/// Checks one draft against every ruleset (see [`Checker`] to check many drafts).
pub fn check_source(
    source: &SourceFile,
    rulesets: &[RuleSet],
    options: &CheckOptions,
) -> Vec<Finding> {
    Checker::new(rulesets, options.clone()).check(source)
}

/// The people of every ruleset, as the attribution wants them: full name, aliases (last
/// name included) and title forms (`Mayor Karen Bass`, `the mayor`).
pub fn known_people(rulesets: &[RuleSet]) -> Vec<KnownPerson> {
    let mut out = Vec::new();
    for person in rulesets.iter().flat_map(|r| &r.people) {
        let mut aliases = person.aliases.clone();
        if let Some(title) = &person.title {
            aliases.push(format!("{title} {}", person.name));
            let head = title.split(',').next().unwrap_or(title).trim();
            if let Some(role) = head.split_whitespace().last() {
                aliases.push(format!("the {}", role.to_lowercase()));
            }
        }
        out.push(KnownPerson {
            name: person.name.clone(),
            aliases,
            pronouns: person.pronouns,
        });
    }
    out
}
