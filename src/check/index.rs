//! The indexed checking path: the rules are indexed once so that checking a draft costs
//! in proportion to the draft, not to the number of rules — what a newsroom-wide bank of
//! verified facts and quotes needs. It reports exactly what the straightforward path
//! (every rule against every sentence and quote) reports; the functions that decide a
//! finding are shared ([`super::claims::judge_claim`], [`super::quotes::judge_quote_rule`],
//! [`super::quotes::compare`]), only the search for what to decide on differs.
//!
//! **Claims.** Every context term (and every `text` claim's phrase) goes into one
//! dictionary that matches exactly as the term's regex does ([`super::terms`]); one pass
//! over a sentence gives all the terms it holds. Each claim is filed under its rarest
//! term, so a sentence only meets the claims filed under its own terms, and a claim is
//! located by the sentences that hold all of its terms. Claims without context, and
//! claims with a term the dictionary does not handle, are checked as before.
//!
//! **Statements** are located the same way, through the same dictionary; only the
//! statements a draft locates (and the required ones) are judged, so a bank of many
//! statements costs a draft what its sentences hold.
//!
//! **Quotes.** An index maps pairs of comparison words that stand close together in a
//! rule's quote to the rules that have them. A rule can only match a draft quote segment
//! in the ways [`super::quotes::compare`] accepts, and each needs the segment and the
//! rule to share close pairs (see [`QuoteIndex::candidates`] for the proof), so only the
//! rules found through the segment's rarer pairs are compared, after an exact bound on
//! their longest common subsequence rules out most of them.
//!
//! Everything here is plain data (serialisable), so that a compiled bank can be cached.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::claims::{self, ClaimPatterns};
use super::quotes::{self, Draft};
use super::statements;
use super::terms::{TermMatcher, TermsBuilder};
use super::{Finding, Tally};
use crate::extract::{FoundValue, PeopleIndex, ValueKind};
use crate::rules::{RuleSet, RuleSetsView};
use crate::text::{words_for_compare, SourceFile, Span};

/// A claim located through the term dictionary (while indexing).
struct IndexedClaim {
    ruleset: u32,
    claim: u32,
    /// Its context terms (ids in the dictionary), sorted and deduplicated.
    terms: Vec<u32>,
    /// The phrase of a `text` claim, as a term.
    phrase: Option<u32>,
}

/// The claims located through the term dictionary, by column (so that a cached bank
/// decodes in a few passes over contiguous memory); claim `i` is entry `i` of each.
#[derive(Serialize, Deserialize, Default)]
struct IndexedClaims {
    /// (ruleset, claim).
    #[serde(with = "super::packed")]
    rules: Vec<(u32, u32)>,
    /// Context terms (ids in the dictionary), sorted and deduplicated.
    terms: Lists,
    /// The phrase of a `text` claim, as a term, or [`NO_PHRASE`].
    #[serde(with = "super::packed")]
    phrases: Vec<u32>,
}

/// No phrase (the claim is not a `text` claim).
const NO_PHRASE: u32 = u32::MAX;

impl IndexedClaims {
    fn new(claims: &[IndexedClaim]) -> Self {
        IndexedClaims {
            rules: claims.iter().map(|c| (c.ruleset, c.claim)).collect(),
            terms: Lists::from_sorted(
                claims.len(),
                claims
                    .iter()
                    .enumerate()
                    .flat_map(|(i, c)| c.terms.iter().map(move |&t| (i as u32, t))),
            ),
            phrases: claims
                .iter()
                .map(|c| c.phrase.unwrap_or(NO_PHRASE))
                .collect(),
        }
    }

    fn len(&self) -> usize {
        self.rules.len()
    }

    fn phrase(&self, i: usize) -> Option<u32> {
        self.phrases.get(i).copied().filter(|&p| p != NO_PHRASE)
    }
}

/// Compressed lists: list `i` is `items[start[i]..start[i + 1]]`.
#[derive(Serialize, Deserialize, Default)]
struct Lists {
    #[serde(with = "super::packed")]
    start: Vec<u32>,
    #[serde(with = "super::packed")]
    items: Vec<u32>,
}

impl Lists {
    /// From `(list, item)` pairs sorted by list, for `n` lists.
    fn from_sorted(n: usize, pairs: impl IntoIterator<Item = (u32, u32)>) -> Self {
        let mut start = vec![0u32; n + 1];
        let mut items = Vec::new();
        for (list, item) in pairs {
            start[list as usize + 1] += 1;
            items.push(item);
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        Lists { start, items }
    }

    fn len_of(&self, i: usize) -> usize {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => (b - a) as usize,
            _ => 0,
        }
    }

    fn get(&self, i: usize) -> &[u32] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Findings by rule, keyed (ruleset, 0 for claims, 1 for quotes or 2 for statements,
/// rule) to put them in the order the straightforward path produces them.
type Keyed = Vec<((u32, u8, u32), Vec<Finding>)>;

/// The patterns of the claims and statements the index leaves to the straightforward
/// way (`None` for a rule whose ruleset cannot be read).
pub(super) struct OtherPatterns {
    claims: Vec<Option<ClaimPatterns>>,
    statements: Vec<Option<ClaimPatterns>>,
}

/// The statements, filed like the claims under their rarest context term.
#[derive(Serialize, Deserialize, Default)]
struct StatementIndex {
    /// (ruleset, statement) and context terms of each indexed statement (no phrases).
    statements: IndexedClaims,
    /// For each term: the indexed statements filed under it.
    by_term: Lists,
    /// Required indexed statements: judged even when nothing locates them.
    #[serde(with = "super::packed")]
    required: Vec<u32>,
    /// Statements checked the straightforward way (a term the dictionary does not
    /// handle): (ruleset, statement).
    #[serde(with = "super::packed")]
    other: Vec<(u32, u32)>,
    /// Each indexed statement's context terms compiled on first use, once per process
    /// (a located statement needs them to find where its terms are; compiling them for
    /// every draft cost more than the rest of the check).
    #[serde(skip)]
    compiled: std::sync::OnceLock<Vec<std::sync::OnceLock<ClaimPatterns>>>,
}

impl StatementIndex {
    /// The compiled context terms of indexed statement `i` (`rule`).
    fn patterns_of(&self, i: u32, rule: &crate::rules::StatementRule) -> Option<&ClaimPatterns> {
        let all = self.compiled.get_or_init(|| {
            (0..self.statements.rules.len())
                .map(|_| std::sync::OnceLock::new())
                .collect()
        });
        all.get(i as usize)
            .map(|cell| cell.get_or_init(|| ClaimPatterns::from_context(&rule.context)))
    }
}

/// Everything the indexed path precomputes from the rules.
#[derive(Serialize, Deserialize)]
pub(super) struct BankIndex {
    terms: TermMatcher,
    claims: IndexedClaims,
    /// For each term: the indexed claims filed under it (their rarest term).
    claims_by_term: Lists,
    /// Required indexed claims: judged even when nothing locates them.
    #[serde(with = "super::packed")]
    required_claims: Vec<u32>,
    /// Claims checked the straightforward way: (ruleset, claim).
    #[serde(with = "super::packed")]
    other_claims: Vec<(u32, u32)>,
    quotes: QuoteIndex,
    statements: StatementIndex,
}

impl BankIndex {
    /// Indexes the claims, quotes and statements of `rulesets`.
    pub(super) fn new(rulesets: &[RuleSet]) -> Self {
        let mut builder = TermsBuilder::default();
        let mut indexed = Vec::new();
        let mut other_claims = Vec::new();
        for (r, ruleset) in rulesets.iter().enumerate() {
            for (c, claim) in ruleset.claims.iter().enumerate() {
                let terms: Option<Vec<u32>> = if claim.context.is_empty() {
                    None
                } else {
                    claim
                        .context
                        .iter()
                        .map(|t| builder.term(&t.alternatives))
                        .collect()
                };
                let phrase = if claim.kind == ValueKind::Text {
                    builder
                        .term(std::slice::from_ref(&claim.expected))
                        .map(Some)
                } else {
                    Some(None)
                };
                match (terms, phrase) {
                    (Some(mut terms), Some(phrase)) => {
                        terms.sort_unstable();
                        terms.dedup();
                        indexed.push(IndexedClaim {
                            ruleset: r as u32,
                            claim: c as u32,
                            terms,
                            phrase,
                        });
                    }
                    _ => other_claims.push((r as u32, c as u32)),
                }
            }
        }
        let mut statements = Vec::new();
        let mut other_statements = Vec::new();
        for (r, ruleset) in rulesets.iter().enumerate() {
            for (c, statement) in ruleset.statements.iter().enumerate() {
                let terms: Option<Vec<u32>> = statement
                    .context
                    .iter()
                    .map(|t| builder.term(&t.alternatives))
                    .collect();
                match terms {
                    Some(mut terms) if !terms.is_empty() => {
                        terms.sort_unstable();
                        terms.dedup();
                        statements.push(IndexedClaim {
                            ruleset: r as u32,
                            claim: c as u32,
                            terms,
                            phrase: None,
                        });
                    }
                    _ => other_statements.push((r as u32, c as u32)),
                }
            }
        }
        let terms = builder.build();
        let mut uses = vec![0u32; terms.len()];
        for rule in indexed.iter().chain(&statements) {
            for &t in &rule.terms {
                uses[t as usize] += 1;
            }
        }
        let required_claims = (0..indexed.len() as u32)
            .filter(|&i| {
                let claim = &indexed[i as usize];
                rulesets[claim.ruleset as usize].claims[claim.claim as usize].required
            })
            .collect();
        let required_statements = (0..statements.len() as u32)
            .filter(|&i| {
                let s = &statements[i as usize];
                rulesets[s.ruleset as usize].statements[s.claim as usize].required
            })
            .collect();
        BankIndex {
            claims_by_term: file_by_rarest_term(&indexed, &uses),
            claims: IndexedClaims::new(&indexed),
            required_claims,
            other_claims,
            quotes: QuoteIndex::new(rulesets),
            statements: StatementIndex {
                by_term: file_by_rarest_term(&statements, &uses),
                statements: IndexedClaims::new(&statements),
                required: required_statements,
                other: other_statements,
                compiled: std::sync::OnceLock::new(),
            },
            terms,
        }
    }

    /// Builds the lookup tables that are not stored (after building or loading).
    pub(super) fn prepare(&mut self) {
        self.terms.prepare();
        self.quotes.lookup = self
            .quotes
            .vocabulary
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        self.quotes.rule_info = (0..self.quotes.rules.len())
            .map(|g| RuleInfo {
                signature: self.quotes.signatures.get(g).copied().unwrap_or([!0; 2]),
                start: self.quotes.rule_words.start.get(g).copied().unwrap_or(0),
                len: self.quotes.rule_words.len_of(g) as u32,
            })
            .collect();
    }

    /// The claims and statements that are checked the straightforward way, compiled.
    pub(super) fn other_patterns(&self, rulesets: RuleSetsView) -> OtherPatterns {
        OtherPatterns {
            claims: self
                .other_claims
                .iter()
                .map(|&(r, c)| {
                    let claim = rulesets.get(r as usize)?.claims.get(c as usize)?;
                    Some(ClaimPatterns::compile(claim))
                })
                .collect(),
            statements: self
                .statements
                .other
                .iter()
                .map(|&(r, s)| {
                    let statement = rulesets.get(r as usize)?.statements.get(s as usize)?;
                    Some(ClaimPatterns::from_context(&statement.context))
                })
                .collect(),
        }
    }

    /// True when the index was built from rulesets shaped like `rulesets` (as many
    /// rulesets, claims and quotes): a cheap guard against pairing an index with other
    /// rules.
    pub(super) fn fits(&self, rulesets: RuleSetsView) -> bool {
        let counts: Vec<(usize, usize)> = (0..rulesets.len())
            .map(|i| rulesets.counts(i).unwrap_or_default())
            .collect();
        let quotes: usize = counts.iter().map(|c| c.1).sum();
        let claims: usize = counts.iter().map(|c| c.0).sum();
        self.quotes.rules.len() == quotes
            && self.claims.len() + self.other_claims.len() == claims
            && self
                .claims
                .rules
                .iter()
                .chain(&self.other_claims)
                .all(|&(r, c)| counts.get(r as usize).is_some_and(|n| (c as usize) < n.0))
            && self
                .quotes
                .rules
                .iter()
                .all(|&(r, q)| counts.get(r as usize).is_some_and(|n| (q as usize) < n.1))
            && self.statements_fit(rulesets)
    }

    /// True when the indexed and other statements are as many as the rulesets' and
    /// each names one that exists.
    fn statements_fit(&self, rulesets: RuleSetsView) -> bool {
        let counts: Vec<usize> = (0..rulesets.len())
            .map(|i| rulesets.statement_count(i).unwrap_or_default())
            .collect();
        let index = &self.statements;
        index.statements.len() + index.other.len() == counts.iter().sum::<usize>()
            && index
                .statements
                .rules
                .iter()
                .chain(&index.other)
                .all(|&(r, s)| counts.get(r as usize).is_some_and(|&n| (s as usize) < n))
    }

    /// Checks one extracted draft; returns the findings in the order the straightforward
    /// path produces them (before sorting), what the claims made of the draft's figures
    /// and its quote coverage.
    pub(super) fn check(
        &self,
        source: &SourceFile,
        draft: &Draft,
        people: &PeopleIndex,
        rulesets: RuleSetsView,
        other_patterns: &OtherPatterns,
        report_unverified: bool,
    ) -> (Vec<Finding>, claims::FigureVerdicts, Tally) {
        // (ruleset, 0 for claims, 1 for quotes or 2 for statements, rule) → findings, to
        // keep the order.
        let mut keyed: Keyed = Vec::new();
        let mut verdicts = claims::FigureVerdicts::default();
        let text = &draft.normalized.text;
        let mut scratch = self.terms.scratch();
        let sentence_terms: Vec<Vec<u32>> = draft
            .sentences
            .iter()
            .map(|s| self.terms.terms_in(&text[s.range()], &mut scratch))
            .collect();
        self.check_claims(
            source,
            draft,
            rulesets,
            &sentence_terms,
            &other_patterns.claims,
            &mut keyed,
            &mut verdicts,
        );
        self.check_statements(
            source,
            draft,
            people,
            rulesets,
            &sentence_terms,
            &other_patterns.statements,
            &mut keyed,
        );
        let (unverified, quotes) =
            self.check_quotes(source, draft, rulesets, report_unverified, &mut keyed);
        keyed.sort_by_key(|(key, _)| *key);
        let mut findings: Vec<Finding> = keyed.into_iter().flat_map(|(_, f)| f).collect();
        findings.extend(unverified);
        (findings, verdicts, quotes)
    }

    #[allow(clippy::too_many_arguments)]
    fn check_claims(
        &self,
        source: &SourceFile,
        draft: &Draft,
        rulesets: RuleSetsView,
        sentence_terms: &[Vec<u32>],
        other_patterns: &[Option<ClaimPatterns>],
        keyed: &mut Keyed,
        verdicts: &mut claims::FigureVerdicts,
    ) {
        let text = &draft.normalized.text;
        let located = locate_filed(sentence_terms, &self.claims_by_term, &self.claims);
        let mut judged: Vec<u32> = located.keys().copied().collect();
        judged.extend(&self.required_claims);
        judged.sort_unstable();
        judged.dedup();
        let mut values: HashMap<(Span, ValueKind), Vec<FoundValue>> = HashMap::new();
        let mut values_in = |sentence: Span, kind: ValueKind| {
            values
                .entry((sentence, kind))
                .or_insert_with(|| crate::extract::find_values(&text[sentence.range()], kind))
                .clone()
        };
        // Every claim to judge, with the sentences that locate it: (key, ruleset, claim,
        // sentences (indices, for indexed claims), their spans, patterns for the others).
        struct Judged<'a> {
            key: (u32, u8, u32),
            ruleset: &'a crate::rules::RuleSet,
            claim: usize,
            sentences: &'a [usize],
            phrase: Option<u32>,
            spans: Vec<Span>,
            patterns: Option<&'a ClaimPatterns>,
        }
        let mut to_judge: Vec<Judged> = Vec::new();
        for c in judged {
            let (r, rule) = self.claims.rules[c as usize];
            let Some(ruleset) = rulesets.get(r as usize) else {
                continue;
            };
            if ruleset.claims.get(rule as usize).is_none() {
                continue;
            }
            let sentences: &[usize] = located.get(&c).map_or(&[], Vec::as_slice);
            to_judge.push(Judged {
                key: (r, 0, rule),
                spans: sentences.iter().map(|&i| draft.sentences[i]).collect(),
                ruleset,
                claim: rule as usize,
                sentences,
                phrase: self.claims.phrase(c as usize),
                patterns: None,
            });
        }
        for (&(r, c), patterns) in self.other_claims.iter().zip(other_patterns) {
            let (Some(ruleset), Some(patterns)) = (rulesets.get(r as usize), patterns) else {
                continue;
            };
            let Some(claim) = ruleset.claims.get(c as usize) else {
                continue;
            };
            let spans = claims::locate_claim(draft, claim, patterns);
            to_judge.push(Judged {
                key: (r, 0, c),
                ruleset,
                claim: c as usize,
                sentences: &[],
                phrase: None,
                spans,
                patterns: Some(patterns),
            });
        }
        // One figure, one claim: the values that state a claim first (see
        // [`claims::FigureVerdicts`]), then each claim.
        for j in &to_judge {
            let claim = &j.ruleset.claims[j.claim];
            let stating =
                claims::stating_values(draft, claim, &j.spans, |s| values_in(s, claim.kind));
            verdicts.verified.extend(stating);
        }
        for j in &to_judge {
            let claim = &j.ruleset.claims[j.claim];
            let phrase_in = |search: &[Span]| match j.patterns {
                Some(patterns) => claims::phrase_in(draft, patterns, search),
                None => j.phrase.is_some_and(|p| {
                    j.sentences
                        .iter()
                        .any(|&i| sentence_terms[i].binary_search(&p).is_ok())
                }),
            };
            let findings = claims::judge_claim(
                source,
                draft,
                j.ruleset,
                claim,
                &j.spans,
                phrase_in,
                |s| values_in(s, claim.kind),
                verdicts,
            );
            keyed.push((j.key, findings));
        }
    }

    /// Checks the statements a draft locates, and the required ones (into `keyed`).
    #[allow(clippy::too_many_arguments)]
    fn check_statements(
        &self,
        source: &SourceFile,
        draft: &Draft,
        people: &PeopleIndex,
        rulesets: RuleSetsView,
        sentence_terms: &[Vec<u32>],
        other_patterns: &[Option<ClaimPatterns>],
        keyed: &mut Keyed,
    ) {
        let index = &self.statements;
        let located = locate_filed(sentence_terms, &index.by_term, &index.statements);
        let mut judged: Vec<u32> = located.keys().copied().collect();
        judged.extend(&index.required);
        judged.sort_unstable();
        judged.dedup();
        for i in judged {
            let (r, s) = index.statements.rules[i as usize];
            let Some(ruleset) = rulesets.get(r as usize) else {
                continue;
            };
            let Some(rule) = ruleset.statements.get(s as usize) else {
                continue;
            };
            let spans: Vec<Span> = located
                .get(&i)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|&si| draft.sentences[si])
                .collect();
            let patterns = if spans.is_empty() {
                None
            } else {
                index.patterns_of(i, rule)
            };
            let findings =
                statements::judge_statement(source, draft, people, ruleset, rule, &spans, patterns);
            keyed.push(((r, 2, s), findings));
        }
        for (&(r, s), patterns) in index.other.iter().zip(other_patterns) {
            let (Some(ruleset), Some(patterns)) = (rulesets.get(r as usize), patterns) else {
                continue;
            };
            let Some(rule) = ruleset.statements.get(s as usize) else {
                continue;
            };
            let located = claims::locate(draft, patterns);
            let findings = statements::judge_statement(
                source,
                draft,
                people,
                ruleset,
                rule,
                &located,
                Some(patterns),
            );
            keyed.push(((r, 2, s), findings));
        }
    }

    /// Checks the quote rules (into `keyed`) and returns the unverified findings and the
    /// draft's quote coverage.
    fn check_quotes(
        &self,
        source: &SourceFile,
        draft: &Draft,
        rulesets: RuleSetsView,
        report_unverified: bool,
        keyed: &mut Keyed,
    ) -> (Vec<Finding>, Tally) {
        let index = &self.quotes;
        let mut scratch = index.scratch();
        let mut matches: Vec<quotes::Match> = Vec::new();
        let mut unverified = Vec::new();
        let mut uncovered = std::collections::HashSet::new();
        for (qi, quote) in draft.quotes.iter().enumerate() {
            for (si, words) in draft.segment_words[qi].iter().enumerate() {
                let segment = quote.segments[si];
                let raw = &source.text[segment.range()];
                let trimmed = quotes::trim_segment(&source.text, segment);
                let raw_trimmed = &source.text[trimmed.range()];
                // Pieces count only when there are two or more (an ellipsis between
                // words); without an ellipsis in the segment (nor, then, in its trimmed
                // prefix) none are needed.
                let elided = raw.contains('…') || raw.contains("...");
                let (pieces, pieces_trimmed) = if elided {
                    (
                        quotes::ellipsis_pieces(raw),
                        quotes::ellipsis_pieces(raw_trimmed),
                    )
                } else {
                    (Vec::new(), Vec::new())
                };
                let same_pieces = pieces == pieces_trimmed;
                let candidates = index.candidates(
                    words,
                    &[&pieces, &pieces_trimmed][..if same_pieces { 1 } else { 2 }],
                    &mut scratch,
                );
                // The comparison runs on word ids (a word no rule has never equals a
                // rule word, whatever id it gets).
                let ids = index.ids_of(words);
                let pieces_ids: Vec<Vec<u32>> = pieces.iter().map(|p| index.ids_of(p)).collect();
                let pieces_trimmed_ids: Vec<Vec<u32>> =
                    pieces_trimmed.iter().map(|p| index.ids_of(p)).collect();
                let mut covered = candidates.covered_by_run;
                for candidate in candidates.rules {
                    if !candidate.compare && words.len() >= quotes::MIN_FRAGMENT_WORDS {
                        continue;
                    }
                    let rule_ids = index.rule_words.get(candidate.rule as usize);
                    let comparison = if candidate.compare {
                        quotes::compare_pieces_with(&ids, &pieces_ids, rule_ids, |window| {
                            quotes::word_diff(&index.words_of(candidate.rule)[window], words)
                        })
                    } else {
                        None
                    };
                    covered = covered
                        || if same_pieces {
                            comparison.is_some()
                        } else {
                            candidate.compare
                                && quotes::compare_pieces_with(
                                    &ids,
                                    &pieces_trimmed_ids,
                                    rule_ids,
                                    |_| String::new(),
                                )
                                .is_some()
                        }
                        || (words.len() < quotes::MIN_FRAGMENT_WORDS
                            && quotes::find_run(rule_ids, &ids).is_some());
                    let Some(comparison) = comparison else {
                        continue;
                    };
                    matches.push(quotes::Match {
                        rule: candidate.rule,
                        rule_words: rule_ids.len(),
                        quote: qi,
                        segment: si,
                        comparison,
                    });
                }
                if !covered {
                    uncovered.insert((qi, si));
                    if report_unverified {
                        unverified.push(quotes::unverified_finding(quote, trimmed, raw_trimmed));
                    }
                }
            }
        }
        let judged = quotes::judge_quotes(
            source,
            draft,
            matches,
            &index.required,
            |g| {
                let &(r, q) = index.rules.get(g as usize)?;
                let ruleset = rulesets.get(r as usize)?;
                Some((ruleset, ruleset.quotes.get(q as usize)?))
            },
            |g| index.words_of(g),
        );
        for (g, finding) in judged.findings {
            let (r, q) = index.rules[g as usize];
            keyed.push(((r, 1, q), vec![finding]));
        }
        let coverage = Tally {
            verified: judged.verified,
            total: judged.matched.union(&uncovered).count(),
        };
        (unverified, coverage)
    }
}

/// Each rule's position in `rules`, filed under its rarest term (fewest `uses`, then
/// lowest id): a sentence meets only the rules filed under the terms it holds.
fn file_by_rarest_term(rules: &[IndexedClaim], uses: &[u32]) -> Lists {
    let mut filed: Vec<(u32, u32)> = rules
        .iter()
        .enumerate()
        .filter_map(|(i, rule)| {
            let key = rule.terms.iter().min_by_key(|&&t| (uses[t as usize], t))?;
            Some((*key, i as u32))
        })
        .collect();
    filed.sort_unstable();
    Lists::from_sorted(uses.len(), filed)
}

/// Indexed rule → the sentences (indices, in order) holding all of its terms, for the
/// rules filed in `by_term`; `sentence_terms` are the terms each sentence holds, sorted.
fn locate_filed(
    sentence_terms: &[Vec<u32>],
    by_term: &Lists,
    rules: &IndexedClaims,
) -> HashMap<u32, Vec<usize>> {
    let mut located: HashMap<u32, Vec<usize>> = HashMap::new();
    for (si, terms) in sentence_terms.iter().enumerate() {
        for &t in terms {
            for &c in by_term.get(t as usize) {
                let rule_terms = rules.terms.get(c as usize);
                if rule_terms.iter().all(|t| terms.binary_search(t).is_ok()) {
                    located.entry(c).or_default().push(si);
                }
            }
        }
    }
    located
}

/// The id of a word that no rule has (never the id of a rule word).
const NO_WORD: u32 = u32::MAX;

/// Greatest distance between the two words of a close pair.
const PAIR_SPAN: usize = 3;

/// How many of a segment's taken pair lists a rule must be in to be looked at (at
/// most: never more than the pairs it must share); see [`QuoteIndex::candidates`].
const SHARED_IN_TAKEN: usize = 2;

/// The quote rules indexed by their words and close word pairs.
#[derive(Serialize, Deserialize)]
struct QuoteIndex {
    /// Each rule's (ruleset, quote), in checking order; a rule's position is its id.
    #[serde(with = "super::packed")]
    rules: Vec<(u32, u32)>,
    /// Every comparison word of every rule, sorted; a word's id is its position.
    vocabulary: Vec<String>,
    /// For each rule: its words' ids, in order.
    rule_words: Lists,
    /// For each word: the rules containing it.
    word_rules: Lists,
    /// Every close pair `(a, b)` (word `b` follows word `a` at most [`PAIR_SPAN`] words
    /// later in some rule) as `a << 32 | b`, sorted; with `pair_rules`, the rules that
    /// have it.
    #[serde(with = "super::packed")]
    pair_keys: Vec<u64>,
    pair_rules: Lists,
    /// For each word `a`: where the pairs `(a, _)` start in `pair_keys` (one more entry
    /// than words), so that a lookup searches only those — until `pair_lookup` is built.
    #[serde(with = "super::packed")]
    pair_first: Vec<u32>,
    /// Rules of exactly one word: (word, rule), sorted.
    #[serde(with = "super::packed")]
    single_word_rules: Vec<(u32, u32)>,
    /// For each rule: the set of [`signature_bit`]s of its words (a small Bloom filter
    /// that bounds what it shares with a segment without reading its words).
    #[serde(with = "super::packed")]
    signatures: Vec<[u64; 2]>,
    /// Required rules: judged even when no segment matches them.
    #[serde(with = "super::packed")]
    required: Vec<u32>,
    /// Word → id, built from `vocabulary` by [`BankIndex::prepare`].
    #[serde(skip)]
    lookup: rustc_hash::FxHashMap<String, u32>,
    /// For each rule: what the candidate search reads first, side by side (one cache
    /// line per rule instead of three: with a large bank a draft's segments meet tens of
    /// thousands of rules), built by [`BankIndex::prepare`].
    #[serde(skip)]
    rule_info: Vec<RuleInfo>,
    /// Close pair key → its position in `pair_keys`: one probe instead of a binary
    /// search whose steps miss the cache with a large bank. Built once
    /// [`PAIR_LOOKUPS_BEFORE_HASHING`] lookups have gone through the binary search:
    /// building it costs about what twenty drafts' lookups save, so one draft never
    /// pays for it and an archive does at once.
    #[serde(skip)]
    pair_lookup: std::sync::OnceLock<rustc_hash::FxHashMap<u64, u32>>,
    /// Lookups made so far by binary search.
    #[serde(skip)]
    pair_lookups: std::sync::atomic::AtomicUsize,
}

/// Pair lookups made by binary search before the hash table of pairs is built (about
/// twenty drafts' worth).
const PAIR_LOOKUPS_BEFORE_HASHING: usize = 40_000;

/// A rule's signature and where its words are in `rule_words`.
#[derive(Clone, Copy)]
struct RuleInfo {
    signature: [u64; 2],
    start: u32,
    len: u32,
}

/// A rule to look at for a segment.
struct Candidate {
    rule: u32,
    /// Whether [`quotes::compare`] may accept it (the others are only looked at for the
    /// short-fragment test of `unverified`).
    compare: bool,
}

/// The rules to look at for one segment.
struct Candidates {
    rules: Vec<Candidate>,
    /// The segment is one word that some rule has: covered (not `unverified`).
    covered_by_run: bool,
}

/// Per-draft buffers for [`QuoteIndex::candidates`].
struct QuoteScratch {
    /// One count per rule: in how many of the current segment's taken pair lists it
    /// is (one byte per rule, small enough to stay in the second-level cache; reset
    /// through `met` after each segment).
    hits: Vec<u8>,
    /// The rules the current segment met, in the order first met (then only those met
    /// often enough).
    met: Vec<u32>,
    /// For each word of the segment: the positions that hold it.
    masks: Masks,
}

/// Word id → bit mask of segment positions, for at most 64 positions: a small
/// open-addressing table that stays in the first-level cache.
struct Masks {
    keys: [u32; Masks::SLOTS],
    values: [u64; Masks::SLOTS],
}

impl Masks {
    const SLOTS: usize = 128;
    const EMPTY: u32 = u32::MAX;

    fn new() -> Self {
        Masks {
            keys: [Masks::EMPTY; Masks::SLOTS],
            values: [0; Masks::SLOTS],
        }
    }

    fn slot(word: u32) -> usize {
        (word.wrapping_mul(0x9E37_79B9) >> 25) as usize
    }

    fn add(&mut self, word: u32, bit: u64) {
        let mut i = Masks::slot(word);
        loop {
            if self.keys[i] == word || self.keys[i] == Masks::EMPTY {
                self.keys[i] = word;
                self.values[i] |= bit;
                return;
            }
            i = (i + 1) % Masks::SLOTS;
        }
    }

    fn get(&self, word: u32) -> u64 {
        let mut i = Masks::slot(word);
        loop {
            if self.keys[i] == word {
                return self.values[i];
            }
            if self.keys[i] == Masks::EMPTY {
                return 0;
            }
            i = (i + 1) % Masks::SLOTS;
        }
    }

    fn clear(&mut self) {
        self.keys = [Masks::EMPTY; Masks::SLOTS];
        self.values = [0; Masks::SLOTS];
    }
}

impl QuoteIndex {
    fn new(rulesets: &[RuleSet]) -> Self {
        let mut rules = Vec::new();
        let mut required = Vec::new();
        let mut texts: Vec<Vec<String>> = Vec::new();
        for (r, ruleset) in rulesets.iter().enumerate() {
            for (q, rule) in ruleset.quotes.iter().enumerate() {
                if rule.required {
                    required.push(rules.len() as u32);
                }
                rules.push((r as u32, q as u32));
                texts.push(words_for_compare(&rule.text));
            }
        }
        let mut vocabulary: Vec<String> = texts.iter().flatten().cloned().collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let id = |w: &String| -> u32 { vocabulary.binary_search(w).map_or(u32::MAX, |i| i as u32) };
        let mut rule_word_pairs = Vec::new();
        let mut word_rule_pairs = Vec::new();
        let mut pair_rule_pairs: Vec<(u64, u32)> = Vec::new();
        let mut single_word_rules = Vec::new();
        let mut signatures = Vec::with_capacity(texts.len());
        for (g, words) in texts.iter().enumerate() {
            let g = g as u32;
            let ids: Vec<u32> = words.iter().map(id).collect();
            let mut signature = [0u64; 2];
            for &w in &ids {
                let bit = signature_bit(w);
                signature[bit / 64] |= 1 << (bit % 64);
            }
            signatures.push(signature);
            if let [only] = ids[..] {
                single_word_rules.push((only, g));
            }
            for (j, &w) in ids.iter().enumerate() {
                rule_word_pairs.push((g, w));
                word_rule_pairs.push((w, g));
                for &next in ids.iter().skip(j + 1).take(PAIR_SPAN) {
                    pair_rule_pairs.push((pair_key(w, next), g));
                }
            }
        }
        word_rule_pairs.sort_unstable();
        word_rule_pairs.dedup();
        pair_rule_pairs.sort_unstable();
        pair_rule_pairs.dedup();
        single_word_rules.sort_unstable();
        let mut pair_keys: Vec<u64> = pair_rule_pairs.iter().map(|&(k, _)| k).collect();
        pair_keys.dedup();
        let pair_first: Vec<u32> = (0..=vocabulary.len() as u64)
            .map(|a| pair_keys.partition_point(|&k| k >> 32 < a) as u32)
            .collect();
        let pair_rules = Lists::from_sorted(
            pair_keys.len(),
            pair_rule_pairs.iter().map(|&(k, g)| {
                let list = pair_keys.binary_search(&k).map_or(0, |i| i as u32);
                (list, g)
            }),
        );
        QuoteIndex {
            rule_words: Lists::from_sorted(rules.len(), rule_word_pairs),
            word_rules: Lists::from_sorted(vocabulary.len(), word_rule_pairs),
            rules,
            vocabulary,
            pair_keys,
            pair_rules,
            pair_first,
            single_word_rules,
            signatures,
            required,
            lookup: Default::default(),
            rule_info: Vec::new(),
            pair_lookup: Default::default(),
            pair_lookups: Default::default(),
        }
    }

    fn scratch(&self) -> QuoteScratch {
        QuoteScratch {
            hits: vec![0; self.rules.len()],
            met: Vec::new(),
            masks: Masks::new(),
        }
    }

    /// The comparison words of rule `g`.
    fn words_of(&self, g: u32) -> Vec<String> {
        self.rule_words
            .get(g as usize)
            .iter()
            .map(|&w| self.vocabulary[w as usize].clone())
            .collect()
    }

    /// The ids of `words`; a word that no rule has gets [`NO_WORD`].
    fn ids_of(&self, words: &[String]) -> Vec<u32> {
        words
            .iter()
            .map(|w| self.word_id(w).unwrap_or(NO_WORD))
            .collect()
    }

    fn word_id(&self, word: &str) -> Option<u32> {
        self.lookup.get(word).copied()
    }

    fn pair_list(&self, a: u32, b: u32) -> &[u32] {
        use std::sync::atomic::Ordering;
        let key = pair_key(a, b);
        let table = self.pair_lookup.get().or_else(|| {
            let made = self.pair_lookups.fetch_add(1, Ordering::Relaxed);
            (made >= PAIR_LOOKUPS_BEFORE_HASHING).then(|| {
                self.pair_lookup.get_or_init(|| {
                    self.pair_keys
                        .iter()
                        .enumerate()
                        .map(|(i, &k)| (k, i as u32))
                        .collect()
                })
            })
        });
        if let Some(table) = table {
            return match table.get(&key) {
                Some(&i) => self.pair_rules.get(i as usize),
                None => &[],
            };
        }
        // Only the pairs `(a, _)`, by binary search.
        let (Some(&from), Some(&to)) = (
            self.pair_first.get(a as usize),
            self.pair_first.get(a as usize + 1),
        ) else {
            return &[];
        };
        let Some(keys) = self.pair_keys.get(from as usize..to as usize) else {
            return &[];
        };
        match keys.binary_search(&key) {
            Ok(i) => self.pair_rules.get(from as usize + i),
            Err(_) => &[],
        }
    }

    /// Every rule that [`quotes::compare`] could accept for a segment with comparison
    /// words `words` and ellipsis pieces `pieces` (one list per raw text the segment is
    /// compared with), and every rule that the short-fragment test of `unverified`
    /// could accept; in no particular order.
    ///
    /// Why no rule is missed. Let the segment have `d` words. `compare` is `Some` in
    /// three cases only:
    ///
    /// * **Ellipsis**: every piece between ellipses is a contiguous run of the rule, so
    ///   the rule contains every piece word, its rarest one included: the rules holding
    ///   the rarest piece word are taken (and always compared).
    /// * **Fragment**: the segment is a contiguous run of the rule (and `d ≥ 4`, or the
    ///   rule is no longer). Then the rule has every close pair of the segment — two of
    ///   its words at most [`PAIR_SPAN`] apart — at the same distance; a one-word
    ///   segment is found through the one-word rules. The short-fragment test of
    ///   `unverified` (`d < 4`, a contiguous run of some rule) is this case again, and a
    ///   one-word segment is covered when any rule has its word.
    /// * **Altered**: a diff of rule and segment matches `m ≥ 3` words with
    ///   `m / max(d, w) ≥ 0.6`, where `w`, the compared window of the rule, spans at
    ///   least the matched words. So the matched words span at most `⌊5m/3⌋` positions
    ///   of the rule and of the segment, leaving at most `G = ⌊2m/3⌋` unmatched positions
    ///   between them on each side. Of the `m - 1` steps between consecutive matched
    ///   words, at most `⌊G/3⌋` skip 3 or more rule words and at most `⌊G/3⌋` skip 3 or
    ///   more segment words; every other step joins two equal words at most 3 apart in
    ///   both — a close pair the segment and the rule share. That makes
    ///   `K(m) = m - 1 - 2⌊G/3⌋ ≥ 1` shared close pairs at distinct positions of the
    ///   segment, and `m ≥ t = max(3, ⌈3d/5⌉)`, `m ≤ d`.
    ///
    /// Let `K` be the least number of shared close pairs over these cases (a fragment
    /// shares all of them). Order the segment's close pairs by how many rules have them
    /// (pairs no rule has first), let `c = min(K, SHARED_IN_TAKEN)` and take all but the
    /// last `K - c`: a rule sharing `K` pairs (at distinct positions, each in its own
    /// list once) is in at least `c` of the lists taken, so only the rules found in `c`
    /// or more of them are looked at. Those are then kept only when their longest common subsequence with the segment (computed
    /// exactly, bit-parallel) is at least `t` — the matched words of a diff are a common
    /// subsequence, and a fragment is one of length `d` — and are compared only when
    /// that bound leaves `compare` a chance (`5·lcs ≥ 3·max(d, r)` when the rule, of `r`
    /// words, is compared whole).
    fn candidates(
        &self,
        words: &[String],
        pieces: &[&Vec<Vec<String>>],
        scratch: &mut QuoteScratch,
    ) -> Candidates {
        let mut out = Candidates {
            rules: Vec::new(),
            covered_by_run: false,
        };
        let d = words.len();
        let ids: Vec<Option<u32>> = words.iter().map(|w| self.word_id(w)).collect();
        if d == 1 {
            if let Some(w) = ids[0] {
                out.covered_by_run = true;
                let from = self.single_word_rules.partition_point(|&(x, _)| x < w);
                for &(x, g) in &self.single_word_rules[from..] {
                    if x != w {
                        break;
                    }
                    out.rules.push(Candidate {
                        rule: g,
                        compare: true,
                    });
                }
            }
        } else if d >= 2 {
            // The segment's close pairs: (list of rules having it, position).
            let mut pairs: Vec<(&[u32], usize)> = Vec::new();
            for j in 0..d {
                for k in j + 1..d.min(j + PAIR_SPAN + 1) {
                    let list = match (ids[j], ids[k]) {
                        (Some(a), Some(b)) => self.pair_list(a, b),
                        _ => &[],
                    };
                    pairs.push((list, pairs.len()));
                }
            }
            let t = d.min(3.max((3 * d).div_ceil(5)));
            let fewest_shared = if d < 3 {
                pairs.len()
            } else {
                (t.max(3)..=d)
                    .map(|m| {
                        let g = 2 * m / 3;
                        m - 1 - 2 * (g / 3)
                    })
                    .min()
                    .unwrap_or(1)
                    .clamp(1, pairs.len())
            };
            pairs.sort_by_key(|&(list, position)| (list.len(), position));
            // A rule sharing `fewest_shared` pairs has at least `needed` of those taken
            // (all but the last `fewest_shared - needed`): counting how many taken lists
            // hold each rule drops most rules before their data is read.
            let needed = fewest_shared.min(SHARED_IN_TAKEN);
            let taken = pairs.len() - fewest_shared + needed;
            // How many of the segment's words fall on each signature bit: a rule can
            // share no more words with the segment than fall on its bits.
            let mut on_bit = [0u8; 128];
            let mut segment_signature = [0u64; 2];
            for w in ids.iter().flatten() {
                let bit = signature_bit(*w);
                on_bit[bit] = on_bit[bit].saturating_add(1);
                segment_signature[bit / 64] |= 1 << (bit % 64);
            }
            // Bit masks of the segment's words, for the common-subsequence bound.
            let exact_bound = d <= 64;
            if exact_bound {
                scratch.masks.clear();
                for (j, id) in ids.iter().enumerate() {
                    if let Some(w) = id {
                        scratch.masks.add(*w, 1 << j);
                    }
                }
            }
            for &(list, _) in &pairs[..taken] {
                for &g in list {
                    if let Some(hits) = scratch.hits.get_mut(g as usize) {
                        if *hits == 0 {
                            scratch.met.push(g);
                        }
                        *hits = hits.saturating_add(1);
                    }
                }
            }
            // Keep the rules met often enough (and reset the counts) first: the loop below
            // then reads rule data for kept rules only, its loads issued back to back.
            let hits = &mut scratch.hits;
            scratch.met.retain(|&g| {
                let count = hits.get_mut(g as usize).map_or(0, std::mem::take);
                usize::from(count) >= needed
            });
            for i in 0..scratch.met.len() {
                let g = scratch.met[i];
                if let Some(&ahead) = scratch.met.get(i + PREFETCH_AHEAD) {
                    prefetch(self.rule_info.get(ahead as usize));
                }
                let Some(info) = self.rule_info.get(g as usize) else {
                    continue;
                };
                if (info.len as usize) < t
                    || shared_bound(&info.signature, &segment_signature, &on_bit) < t
                {
                    continue;
                }
                let words_at = info.start as usize..(info.start + info.len) as usize;
                let rule = self.rule_words.items.get(words_at).unwrap_or_default();
                let lcs = if exact_bound {
                    lcs_bound(rule, d, &scratch.masks)
                } else {
                    d
                };
                if lcs < t {
                    continue;
                }
                let r = rule.len();
                let partial = d + 2 < r;
                let compare = if partial {
                    !exact_bound || partial_may_match(rule, d, lcs, &scratch.masks)
                } else {
                    5 * lcs >= 3 * d.max(r)
                };
                out.rules.push(Candidate { rule: g, compare });
            }
            scratch.met.clear();
        }
        let mut position: Option<HashMap<u32, usize>> = None;
        for pieces in pieces {
            if pieces.len() < 2 {
                continue;
            }
            let rarest = pieces
                .iter()
                .flatten()
                .map(|w| self.word_id(w))
                .min_by_key(|&id| (id.map_or(0, |w| self.word_rules.get(w as usize).len()), id));
            let Some(Some(w)) = rarest else {
                continue;
            };
            let position = position.get_or_insert_with(|| {
                out.rules
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.rule, i))
                    .collect()
            });
            for &g in self.word_rules.get(w as usize) {
                match position.get(&g) {
                    Some(&i) => out.rules[i].compare = true,
                    None => {
                        position.insert(g, out.rules.len());
                        out.rules.push(Candidate {
                            rule: g,
                            compare: true,
                        });
                    }
                }
            }
        }
        out
    }
}

/// How many kept rules ahead [`QuoteIndex::candidates`] asks for a rule's data.
const PREFETCH_AHEAD: usize = 8;

/// Reads `value` early so that it is in the cache when needed (no effect on results).
fn prefetch(value: Option<&RuleInfo>) {
    std::hint::black_box(value.map(|info| info.len));
}

/// The bit of a word id in rule signatures (0..128).
fn signature_bit(word: u32) -> usize {
    (u64::from(word).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57) as usize
}

fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// An upper bound on how many segment words a rule has: the segment words falling on
/// the bits of the rule's signature (`on_bit` counts them per bit).
fn shared_bound(rule: &[u64; 2], segment: &[u64; 2], on_bit: &[u8; 128]) -> usize {
    let mut n = 0;
    for half in 0..2 {
        let mut bits = rule[half] & segment[half];
        while bits != 0 {
            let bit = bits.trailing_zeros() as usize;
            n += usize::from(on_bit[half * 64 + bit]);
            bits &= bits - 1;
        }
    }
    n
}

/// Length of the longest common subsequence of `rule` (word ids) and a segment of `d ≤
/// 64` words whose positions are given, per word id, by `masks` (Crochemore et al.'s
/// bit-parallel algorithm).
fn lcs_bound(rule: &[u32], d: usize, masks: &Masks) -> usize {
    let mut v: u64 = !0;
    for &w in rule {
        let m = masks.get(w);
        let u = v & m;
        v = v.wrapping_add(u) | (v & !m);
    }
    let low = if d == 64 { !0 } else { (1u64 << d) - 1 };
    (!v & low).count_ones() as usize
}

/// Whether [`quotes::compare`] may find a segment of `d ≤ 64` words (their positions
/// by word id in `masks`) altered from a longer `rule` it quotes only part of (`d + 2 <
/// r`), `lcs` being the length of their longest common subsequence.
///
/// The comparison aligns them; `m` aligned (equal) words make a common subsequence, so
/// `m ≤ lcs`, and the compared window of the rule, from the first aligned word to the
/// last, holds them: it is at least as long as the shortest stretch of the rule holding
/// `m` words in common with the segment in order. The similarity `m / max(d, window)`
/// is then at most `m / max(d, shortest(m))`, whatever alignment the diff picks (even
/// one that is not the longest); when that bound is under the threshold for every
/// `m ≥ 3`, the comparison cannot accept the rule. (A verbatim fragment is the case
/// `m = d` with a window of `d`: always kept.)
fn partial_may_match(rule: &[u32], d: usize, lcs: usize, masks: &Masks) -> bool {
    let passes = |m: usize, window: usize| {
        // Never NaN: the window is at least one word.
        m >= 3 && m as f64 / d.max(window) as f64 >= quotes::ALTERED_SIMILARITY
    };
    // The whole rule holds `lcs` common words: when that passes, so does the shortest
    // stretch holding them.
    if passes(lcs, rule.len()) {
        return true;
    }
    let low = if d >= 64 { !0 } else { (1u64 << d) - 1 };
    // A stretch longer than this fails for every m ≤ lcs.
    let longest = (5 * lcs).div_ceil(3);
    // shortest[m]: the shortest stretch found so far holding m common words in order;
    // it only shrinks, so a pass found on the way is final.
    let mut shortest = [usize::MAX; 65];
    for start in 0..rule.len() {
        // The common words of a stretch grow by at most one per rule word: the first
        // time a stretch from `start` holds `c` of them is the shortest from there.
        let mut v: u64 = !0;
        let mut common = 0;
        for (k, &w) in rule[start..].iter().take(longest).enumerate() {
            let m = masks.get(w);
            let u = v & m;
            v = v.wrapping_add(u) | (v & !m);
            let now = (!v & low).count_ones() as usize;
            if now > common {
                common = now;
                if k + 1 < shortest[common] {
                    shortest[common] = k + 1;
                    if passes(common, k + 1) {
                        return true;
                    }
                }
                if common >= lcs {
                    break;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pair lookups answer the same by binary search (a run's first lookups) and through
    /// the hash table built after them, for every pair of the bank and for pairs it lacks.
    #[test]
    fn pair_lists_are_the_same_before_and_after_hashing() {
        let yaml = "ruleset: pairs\npeople: [{ name: Ann Lee }]\nquotes:\n\
            - { id: a, speaker: ann-lee, text: the council will vote on the budget today }\n\
            - { id: b, speaker: ann-lee, text: we will not vote for a budget that cuts schools }\n\
            - { id: c, speaker: ann-lee, text: schools come first in this city and always will }\n";
        let rules = crate::rules::load_rule_file("pairs.yaml", yaml).expect("rules");
        let index = QuoteIndex::new(std::slice::from_ref(&rules));
        let words = index.vocabulary.len() as u32;
        let all_pairs: Vec<(u32, u32)> = (0..words)
            .flat_map(|a| (0..words).map(move |b| (a, b)))
            .chain([(words, 0), (0, words), (u32::MAX, u32::MAX)])
            .collect();
        let searched: Vec<Vec<u32>> = all_pairs
            .iter()
            .map(|&(a, b)| index.pair_list(a, b).to_vec())
            .collect();
        assert!(index.pair_lookup.get().is_none(), "still searching");
        assert!(searched.iter().any(|l| !l.is_empty()));
        index.pair_lookups.store(
            PAIR_LOOKUPS_BEFORE_HASHING,
            std::sync::atomic::Ordering::Relaxed,
        );
        let hashed: Vec<Vec<u32>> = all_pairs
            .iter()
            .map(|&(a, b)| index.pair_list(a, b).to_vec())
            .collect();
        assert!(index.pair_lookup.get().is_some(), "hashed");
        assert_eq!(hashed, searched);
    }

    fn lcs_dp(a: &[u32], b: &[u32]) -> usize {
        let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 0..a.len() {
            for j in 0..b.len() {
                dp[i + 1][j + 1] = if a[i] == b[j] {
                    dp[i][j] + 1
                } else {
                    dp[i][j + 1].max(dp[i + 1][j])
                };
            }
        }
        dp[a.len()][b.len()]
    }

    proptest::proptest! {
        /// A partial quote that [`partial_may_match`] rules out is never found altered
        /// (nor verbatim) by the comparison.
        #[test]
        fn partial_may_match_never_rules_out_a_match(
            rule in proptest::collection::vec(0u32..6, 25..60),
            from in 0usize..30,
            len in 1usize..23,
            edits in proptest::collection::vec((0usize..23, 0u32..8), 0..6),
        ) {
            // A stretch of the rule with a few words replaced (some by words the rule
            // lacks): mostly near matches, some far ones.
            let from = from.min(rule.len() - len);
            let mut segment = rule[from..from + len].to_vec();
            for (at, word) in edits {
                if let Some(w) = segment.get_mut(at) {
                    *w = word;
                }
            }
            let mut masks = Masks::new();
            for (j, &w) in segment.iter().enumerate() {
                masks.add(w, 1 << j);
            }
            let lcs = lcs_bound(&rule, segment.len(), &masks);
            let compared = quotes::compare_pieces_with(
                &segment,
                &[segment.clone()],
                &rule,
                |_| String::new(),
            );
            if compared.is_some() {
                proptest::prop_assert!(partial_may_match(&rule, segment.len(), lcs, &masks));
            }
        }

        /// The bit-parallel common-subsequence length is the textbook one.
        #[test]
        fn lcs_bound_is_the_lcs(
            rule in proptest::collection::vec(0u32..6, 0..40),
            segment in proptest::collection::vec(0u32..6, 0..64),
        ) {
            let mut masks = Masks::new();
            for (j, &w) in segment.iter().enumerate() {
                masks.add(w, 1 << j);
            }
            proptest::prop_assert_eq!(
                lcs_bound(&rule, segment.len(), &masks),
                lcs_dp(&rule, &segment)
            );
        }
    }
}
