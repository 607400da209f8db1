//! Quote checking: each quote rule against the draft quote that best matches it —
//! verbatim (or a fragment, or elided with an ellipsis), altered, misattributed,
//! unattributed or missing — and the draft's quotes that no rule covers.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use super::{Finding, FindingKind};
use crate::extract::{find_quotes_indexed, PeopleIndex, Quote, Speaker};
use crate::rules::{Person, QuoteRule, RuleSet, Severity};
use crate::text::{normalize, sentences, words_for_compare, Normalized, SourceFile, Span};

/// Fewest words a draft quote needs to stand for part of a verified quote.
pub(super) const MIN_FRAGMENT_WORDS: usize = 4;
/// Share of a draft quote's words that must come from a rule's quote for the draft quote
/// to count as an altered version of it.
pub(super) const ALTERED_SIMILARITY: f64 = 0.6;

/// Everything extracted from one draft, shared by the claim and quote checks.
pub(super) struct Draft {
    /// The normalised text.
    pub normalized: Normalized,
    /// Sentence spans of the normalised text.
    pub sentences: Vec<Span>,
    /// Direct quotes with speakers.
    pub quotes: Vec<Quote>,
    /// Comparison words of each quote's segments.
    pub segment_words: Vec<Vec<Vec<String>>>,
    /// Comparison words of the whole draft, with their original spans (for quotes the
    /// finder did not take as speech).
    pub all_words: Vec<(String, Span)>,
    /// (hash of the word, position in `all_words`) for every word, sorted: where each
    /// word occurs, built on first use (see [`Draft::has_run`]).
    word_positions: std::sync::OnceLock<Vec<(u64, usize)>>,
    /// Paragraph spans of the original text, built on first use.
    paragraphs: std::sync::OnceLock<Vec<Span>>,
    /// Who each stretch of reported speech and each quote is credited to, found on first
    /// use (only when a statement rule is located in the draft).
    pub credits: std::sync::OnceLock<Vec<super::statements::Credit>>,
}

impl Draft {
    /// Extracts quotes, sentences and words from a draft.
    pub(super) fn extract(source: &SourceFile, people: &PeopleIndex) -> Self {
        let quotes = find_quotes_indexed(&source.text, people);
        let segment_words = quotes
            .iter()
            .map(|q| {
                q.segments
                    .iter()
                    .map(|s| words_for_compare(&source.text[s.range()]))
                    .collect()
            })
            .collect();
        let normalized = normalize(&source.text);
        let sentences = sentences(&normalized.text);
        Draft {
            all_words: words_with_spans(&source.text),
            normalized,
            sentences,
            quotes,
            segment_words,
            word_positions: std::sync::OnceLock::new(),
            paragraphs: std::sync::OnceLock::new(),
            credits: std::sync::OnceLock::new(),
        }
    }

    /// Whether `rule_words` occur verbatim in the draft's running text: the same answer
    /// as [`find_run_in_text`], looking only where the first word occurs.
    pub(super) fn has_run(&self, rule_words: &[String]) -> bool {
        let all = &self.all_words;
        let Some(first) = rule_words.first() else {
            return false;
        };
        if rule_words.len() > all.len() {
            return false;
        }
        // Hashing the words (no copy of them) and sorting the positions by hash is
        // several times cheaper than a map from each word to its positions; a position
        // whose word only shares the hash is ruled out by the comparison below, which
        // covers the first word too.
        let positions = self.word_positions.get_or_init(|| {
            let mut by_hash: Vec<(u64, usize)> = all
                .iter()
                .enumerate()
                .map(|(i, (w, _))| (word_hash(w), i))
                .collect();
            by_hash.sort_unstable();
            by_hash
        });
        let hash = word_hash(first);
        let from = positions.partition_point(|&(h, _)| h < hash);
        positions[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .any(|&(_, i)| {
                all.get(i..i + rule_words.len())
                    .is_some_and(|w| w.iter().zip(rule_words).all(|((a, _), b)| a == b))
            })
    }

    /// Paragraph spans of the original text.
    fn source_paragraphs(&self, text: &str) -> &[Span] {
        self.paragraphs
            .get_or_init(|| crate::text::source_paragraphs(text))
    }
}

/// A hash of a word, to find where it occurs (equal words, equal hashes).
fn word_hash(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// Comparison words with their spans in `text`.
pub(crate) fn words_with_spans(text: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let boundary = c.is_whitespace()
            || matches!(crate::text::fold_char(c), Some(" " | "\"" | "-"))
            || c == '"'
            || c == '/';
        match (start, boundary) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let token = &text[s..i];
                match plain_ascii_word(token) {
                    Some(word) => out.extend(word.map(|w| (w, Span::new(s, i)))),
                    None => {
                        for w in words_for_compare(token) {
                            out.push((w, Span::new(s, i)));
                        }
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// [`words_for_compare`] of one token, without its allocations, when the token is
/// printable ASCII without a character that folds or splits a word (`*`, `_`, `` ` ``,
/// `/`, `"`, `--`): then it is the token trimmed of punctuation and lower-cased, if
/// anything is left. `None` for any other token (most drafts are mostly such words).
fn plain_ascii_word(token: &str) -> Option<Option<String>> {
    let plain = token
        .bytes()
        .all(|b| matches!(b, b'!'..=b'~') && !matches!(b, b'*' | b'_' | b'`' | b'/' | b'"'));
    if !plain || token.contains("--") {
        return None;
    }
    let word = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    Some((!word.is_empty()).then(|| word.to_ascii_lowercase()))
}

/// How a draft quote segment compares with a rule's quote.
#[derive(Debug, Clone)]
pub(super) enum Comparison {
    /// The same words, a fragment of them, or elided with an ellipsis.
    Verbatim,
    /// Similar but changed: the similarity and a word diff.
    Altered(f64, String),
}

/// Compares the words of one draft segment (`draft`, raw text `raw`) with a rule's words.
pub(super) fn compare(draft: &[String], raw: &str, rule: &[String]) -> Option<Comparison> {
    if draft.is_empty() || rule.is_empty() {
        return None;
    }
    compare_pieces(draft, &ellipsis_pieces(raw), rule)
}

/// The words of each piece of a segment's raw text between ellipses (`…`, `...`), empty
/// pieces left out: [`compare`] depends on the raw text only through these.
pub(super) fn ellipsis_pieces(raw: &str) -> Vec<Vec<String>> {
    raw.replace('…', "...")
        .split("...")
        .map(words_for_compare)
        .filter(|p| !p.is_empty())
        .collect()
}

/// [`compare`], with the segment's [`ellipsis_pieces`] already split.
pub(super) fn compare_pieces(
    draft: &[String],
    pieces: &[Vec<String>],
    rule: &[String],
) -> Option<Comparison> {
    compare_pieces_with(draft, pieces, rule, |window| {
        word_diff(&rule[window], draft)
    })
}

/// [`compare_pieces`] for words in any form that compares as the words do (a word id
/// per distinct word, say: the indexed engine compares ids, not strings); `diff` renders
/// the word diff of the rule's compared window against the draft, for an altered quote.
pub(super) fn compare_pieces_with<T: Eq + std::hash::Hash>(
    draft: &[T],
    pieces: &[Vec<T>],
    rule: &[T],
    diff: impl FnOnce(std::ops::Range<usize>) -> String,
) -> Option<Comparison> {
    if draft.is_empty() || rule.is_empty() {
        return None;
    }
    // Elided with an ellipsis: every kept piece is a contiguous run of the rule, in order.
    if pieces.len() > 1 && in_order(pieces, rule) {
        return Some(Comparison::Verbatim);
    }
    if let Some(_at) = find_run(rule, draft) {
        if draft.len() >= MIN_FRAGMENT_WORDS.min(rule.len()) {
            return Some(Comparison::Verbatim);
        }
        return None;
    }
    if draft.len() < MIN_FRAGMENT_WORDS.min(rule.len()) {
        return None;
    }
    // Align the draft against the rule; the aligned window of the rule is what it quotes.
    let ops = capture_diff_slices(Algorithm::Myers, rule, draft);
    let matched: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    let first_equal = ops.iter().find_map(|op| match op {
        DiffOp::Equal { old_index, .. } => Some(*old_index),
        _ => None,
    })?;
    let last_equal = ops.iter().rev().find_map(|op| match op {
        DiffOp::Equal { old_index, len, .. } => Some(old_index + len),
        _ => None,
    })?;
    // When the draft quotes only part of the rule, compare against that part.
    let draft_is_partial = draft.len() + 2 < rule.len();
    let window = if draft_is_partial {
        first_equal..last_equal
    } else {
        0..rule.len()
    };
    let denominator = draft.len().max(window.len()) as f64;
    let similarity = matched as f64 / denominator;
    if similarity < ALTERED_SIMILARITY || matched < 3 {
        return None;
    }
    Some(Comparison::Altered(similarity, diff(window)))
}

/// True when each piece occurs as a contiguous run of `rule`, in order, without overlap.
fn in_order<T: Eq>(pieces: &[Vec<T>], rule: &[T]) -> bool {
    let mut from = 0;
    for piece in pieces {
        match find_run(&rule[from..], piece) {
            Some(at) => from += at + piece.len(),
            None => return false,
        }
    }
    true
}

/// Index where `needle` occurs as a contiguous run of `haystack`.
pub(super) fn find_run<T: Eq>(haystack: &[T], needle: &[T]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A word diff: `[-removed-]` and `{+added+}` around the changed words, with a little
/// unchanged context on each side.
pub(super) fn word_diff(expected: &[String], found: &[String]) -> String {
    let ops = capture_diff_slices(Algorithm::Myers, expected, found);
    let mut parts: Vec<String> = Vec::new();
    let n = ops.len();
    for (k, op) in ops.iter().enumerate() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                let words = &expected[old_index..old_index + len];
                let keep = 3;
                if len <= 2 * keep {
                    parts.push(words.join(" "));
                } else {
                    let head = if k > 0 {
                        words[..keep].join(" ")
                    } else {
                        String::new()
                    };
                    let tail = if k + 1 < n {
                        words[len - keep..].join(" ")
                    } else {
                        String::new()
                    };
                    let joined = [head, "…".to_string(), tail]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ");
                    parts.push(joined);
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                parts.push(format!(
                    "[-{}-]",
                    expected[old_index..old_index + old_len].join(" ")
                ));
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                parts.push(format!(
                    "{{+{}+}}",
                    found[new_index..new_index + new_len].join(" ")
                ));
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                parts.push(format!(
                    "[-{}-] {{+{}+}}",
                    expected[old_index..old_index + old_len].join(" "),
                    found[new_index..new_index + new_len].join(" ")
                ));
            }
        }
    }
    parts.join(" ")
}

/// The draft segment assigned to a rule: quote index, segment index, comparison.
pub(super) struct Best {
    /// Index of the draft quote.
    pub quote: usize,
    /// Index of the segment within the quote.
    pub segment: usize,
    /// How the segment compares with the rule.
    pub comparison: Comparison,
}

impl Best {
    /// The score [`judge_quotes`] ranks matches by: any verbatim match (longer first)
    /// before any altered one (more similar first).
    pub(super) fn score(comparison: &Comparison, segment_words: usize) -> f64 {
        match comparison {
            Comparison::Verbatim => 2.0 + segment_words as f64 / 1e6,
            Comparison::Altered(s, _) => *s,
        }
    }
}

/// A draft quote segment that a rule's quote matches (verbatim, as a fragment, elided or
/// altered): what [`judge_quotes`] assigns.
pub(super) struct Match {
    /// The rule: its position among every quote rule of every ruleset, in checking
    /// order (ruleset by ruleset, each in file order).
    pub rule: u32,
    /// How many comparison words the rule's quote has.
    pub rule_words: usize,
    /// Index of the draft quote.
    pub quote: usize,
    /// Index of the segment within the quote.
    pub segment: usize,
    /// How the segment compares with the rule.
    pub comparison: Comparison,
}

/// Every match of every quote rule (global ids in checking order, with their comparison
/// words) with every draft quote segment, the straightforward way.
fn all_matches<'w>(
    draft: &Draft,
    source: &SourceFile,
    rules: impl Iterator<Item = &'w Vec<String>>,
) -> Vec<Match> {
    let mut matches = Vec::new();
    for (g, rule_words) in rules.enumerate() {
        for (qi, quote) in draft.quotes.iter().enumerate() {
            for (si, words) in draft.segment_words[qi].iter().enumerate() {
                let raw = &source.text[quote.segments[si].range()];
                if let Some(comparison) = compare(words, raw, rule_words) {
                    matches.push(Match {
                        rule: g as u32,
                        rule_words: rule_words.len(),
                        quote: qi,
                        segment: si,
                        comparison,
                    });
                }
            }
        }
    }
    matches
}

/// What [`judge_quotes`] found: the findings of the quote rules and how many of the
/// draft's quote segments they verify.
pub(super) struct JudgedQuotes {
    /// Findings with the global id of their rule, in rule order.
    pub findings: Vec<(u32, Finding)>,
    /// The segments (quote, segment) that some rule matches.
    pub matched: std::collections::HashSet<(usize, usize)>,
    /// How many segments verify against a rule (verbatim, a fragment or elided) and
    /// carry no finding.
    pub verified: usize,
}

/// A quote rule as [`judge_quotes`] reads it: its ruleset and the rule.
pub(super) type RuleLookup<'r> = (&'r RuleSet, &'r QuoteRule);

/// One quote, one rule: assigns the draft's quote segments to the quote rules that
/// match them, one to one, best match first, and judges every assigned rule and every
/// required one.
///
/// A segment that verifies against some rule (verbatim, as a fragment or elided) is never
/// an alteration of another rule: its altered matches are dropped. The remaining matches
/// are taken in order — the better comparison first ([`Best::score`]: any verbatim
/// match, longer segments first, then altered ones, more similar first), then the rule
/// whose speaker the draft credits (two rules with the same words credited to two
/// people: the segment verifies against the one the draft names), then the rule whose
/// length is closest to the segment's, then in draft order and rule order — and a match
/// is assigned when neither its segment nor its rule already is. A rule left without a
/// segment is judged as having no match (only a required one can be `missing`). Both
/// checking paths decide through here; `rule` reads a rule by its global id, `words`
/// gives its comparison words.
pub(super) fn judge_quotes<'r>(
    source: &SourceFile,
    draft: &Draft,
    mut matches: Vec<Match>,
    required: &[u32],
    rule: impl Fn(u32) -> Option<RuleLookup<'r>>,
    words: impl Fn(u32) -> Vec<String>,
) -> JudgedQuotes {
    let matched: std::collections::HashSet<(usize, usize)> =
        matches.iter().map(|m| (m.quote, m.segment)).collect();
    let verbatim: std::collections::HashSet<(usize, usize)> = matches
        .iter()
        .filter(|m| matches!(m.comparison, Comparison::Verbatim))
        .map(|m| (m.quote, m.segment))
        .collect();
    matches.retain(|m| {
        matches!(m.comparison, Comparison::Verbatim) || !verbatim.contains(&(m.quote, m.segment))
    });
    let credits = |m: &Match| {
        let speaker = draft.quotes.get(m.quote).and_then(|q| q.speaker.as_ref());
        match (speaker, rule(m.rule)) {
            (Some(speaker), Some((ruleset, quote_rule))) => {
                let person = ruleset.speaker_of(quote_rule);
                let mention = source.text.get(speaker.mention.range()).unwrap_or_default();
                same_person(&speaker.name, person) || same_person(mention, person)
            }
            _ => false,
        }
    };
    let mut ranked: Vec<(f64, bool, usize, Match)> = matches
        .into_iter()
        .map(|m| {
            let words = draft.segment_words[m.quote][m.segment].len();
            (
                Best::score(&m.comparison, words),
                credits(&m),
                m.rule_words.abs_diff(words),
                m,
            )
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then((a.3.quote, a.3.segment, a.3.rule).cmp(&(b.3.quote, b.3.segment, b.3.rule)))
    });
    let mut taken_segments = std::collections::HashSet::new();
    let mut assigned: std::collections::BTreeMap<u32, Best> = std::collections::BTreeMap::new();
    for (_, _, _, m) in ranked {
        if assigned.contains_key(&m.rule) || taken_segments.contains(&(m.quote, m.segment)) {
            continue;
        }
        taken_segments.insert((m.quote, m.segment));
        assigned.insert(
            m.rule,
            Best {
                quote: m.quote,
                segment: m.segment,
                comparison: m.comparison,
            },
        );
    }
    let mut judged: Vec<u32> = assigned
        .keys()
        .copied()
        .chain(required.iter().copied())
        .collect();
    judged.sort_unstable();
    judged.dedup();
    let mut findings = Vec::new();
    let mut faulted = std::collections::HashSet::new();
    for g in judged {
        let Some((ruleset, quote_rule)) = rule(g) else {
            continue;
        };
        let best = assigned.remove(&g);
        let segment = best.as_ref().map(|b| (b.quote, b.segment));
        let words = words(g);
        if let Some(finding) = judge_quote_rule(source, draft, ruleset, quote_rule, &words, best) {
            faulted.extend(segment);
            findings.push((g, finding));
        }
    }
    let verified = verbatim.iter().filter(|s| !faulted.contains(s)).count();
    JudgedQuotes {
        findings,
        matched,
        verified,
    }
}

/// Checks every quote rule of every ruleset against the draft, the straightforward way
/// (`words` holds each rule's comparison words, by ruleset and rule): the findings of
/// the rules, in rule order, then those of the quotes no rule covers (when
/// `report_unverified`), and the draft's quote coverage.
pub(super) fn check_quotes(
    source: &SourceFile,
    draft: &Draft,
    rulesets: &[RuleSet],
    words: &[Vec<Vec<String>>],
    report_unverified: bool,
) -> (Vec<Finding>, super::Tally) {
    let flat: Vec<(&RuleSet, &QuoteRule, &Vec<String>)> = rulesets
        .iter()
        .zip(words)
        .flat_map(|(r, w)| r.quotes.iter().zip(w).map(move |(q, w)| (r, q, w)))
        .collect();
    let matches = all_matches(draft, source, flat.iter().map(|(_, _, w)| *w));
    let required: Vec<u32> = flat
        .iter()
        .enumerate()
        .filter(|(_, (_, q, _))| q.required)
        .map(|(g, _)| g as u32)
        .collect();
    let judged = judge_quotes(
        source,
        draft,
        matches,
        &required,
        |g| flat.get(g as usize).map(|&(r, q, _)| (r, q)),
        |g| {
            flat.get(g as usize)
                .map(|(_, _, w)| w.to_vec())
                .unwrap_or_default()
        },
    );
    let (unverified, uncovered) = unverified_quotes(source, draft, words);
    let mut findings: Vec<Finding> = judged.findings.into_iter().map(|(_, f)| f).collect();
    if report_unverified {
        findings.extend(unverified);
    }
    let coverage = super::Tally {
        verified: judged.verified,
        total: judged.matched.union(&uncovered).count(),
    };
    (findings, coverage)
}

/// True when a credited name denotes `person`: the same name, or one of their aliases
/// (last name included) written in it.
pub(super) fn same_person(credited: &str, person: &Person) -> bool {
    let credited = words_for_compare(credited);
    let names = std::iter::once(&person.name).chain(&person.aliases);
    names.into_iter().any(|n| {
        let n = words_for_compare(n);
        !n.is_empty() && find_run(&credited, &n).is_some()
    })
}

/// True when `person` is named in the draft within the paragraph of `at` or the two
/// before it — the benefit of the doubt for a speaker inferred from a pronoun.
fn named_nearby(source: &SourceFile, draft: &Draft, person: &Person, at: usize) -> bool {
    let paras = draft.source_paragraphs(&source.text);
    let Some(idx) = paras.iter().position(|p| p.end >= at) else {
        return false;
    };
    let from = paras[idx.saturating_sub(2)].start;
    let to = paras[idx].end.max(at);
    let window: Vec<&String> = draft
        .all_words
        .iter()
        .filter(|(_, s)| s.start >= from && s.end <= to)
        .map(|(w, _)| w)
        .collect();
    std::iter::once(&person.name)
        .chain(&person.aliases)
        .any(|n| {
            let n = words_for_compare(n);
            !n.is_empty()
                && window
                    .windows(n.len())
                    .any(|w| w.iter().zip(&n).all(|(a, b)| *a == b))
        })
}

/// The finding of one quote rule, given the draft segment assigned to it (see
/// [`judge_quotes`]), if any.
pub(super) fn judge_quote_rule(
    source: &SourceFile,
    draft: &Draft,
    ruleset: &RuleSet,
    rule: &QuoteRule,
    rule_words: &[String],
    best: Option<Best>,
) -> Option<Finding> {
    let person = ruleset.speaker_of(rule);
    let finding = |kind: FindingKind,
                   severity: Severity,
                   message: String,
                   expected: Option<String>,
                   found: Option<String>,
                   span: Option<Span>| Finding {
        kind,
        severity,
        ruleset: Some(ruleset.id.clone()),
        rule: Some(rule.id.clone()),
        message,
        expected,
        found,
        span,
        fix: None,
    };
    let Some(best) = best else {
        if !rule.required || draft.has_run(rule_words) {
            return None;
        }
        return Some(finding(
            FindingKind::Missing,
            rule.severity,
            format!(
                "verified quote by {} not found: “{}”",
                person.name,
                preview(&rule.text, 12)
            ),
            Some(rule.text.clone()),
            None,
            None,
        ));
    };
    let quote = &draft.quotes[best.quote];
    let span = trim_segment(&source.text, quote.segments[best.segment]);
    let found_text = source.text[span.range()].to_string();
    if let Comparison::Altered(_, diff) = &best.comparison {
        // The verified words may still be in the draft verbatim elsewhere (a quote the
        // finder did not take as speech): then this is a second, looser quotation.
        if draft.has_run(rule_words) {
            return None;
        }
        return Some(Finding {
            fix: super::fix::quote::quote_fix(&source.text, span, &rule.text, rule_words),
            ..finding(
                FindingKind::Altered,
                rule.severity,
                format!(
                    "quote by {} differs from the verified words: {}",
                    person.name, diff
                ),
                Some(rule.text.clone()),
                Some(found_text),
                Some(span),
            )
        });
    }
    match &quote.speaker {
        None => Some(finding(
            FindingKind::Unattributed,
            rule.severity.min(Severity::Warning),
            format!("quote by {} has no speaker in the draft", person.name),
            Some(person.name.clone()),
            None,
            Some(span),
        )),
        Some(speaker) => match credited_to(source, draft, person, speaker, span.start) {
            Credited::Speaker => None,
            Credited::Unnamed(mention) => Some(finding(
                FindingKind::Unattributed,
                rule.severity.min(Severity::Warning),
                format!(
                    "quote by {} is credited only to an unnamed source (“{mention}”)",
                    person.name
                ),
                Some(person.name.clone()),
                Some(mention),
                Some(speaker.mention),
            )),
            Credited::Other { name, credited } => Some(Finding {
                fix: super::fix::speaker::speaker_fix(
                    &source.text,
                    speaker,
                    ruleset.people.iter().find(|p| p.name == speaker.name),
                    person,
                ),
                ..finding(
                    FindingKind::Misattributed,
                    rule.severity,
                    format!(
                        "quote credited to {credited}, but verified as said by {}",
                        person.name
                    ),
                    Some(person.name.clone()),
                    Some(name),
                    Some(speaker.mention),
                )
            }),
        },
    }
}

/// Whom a speaker found in the draft stands for, against the verified `person`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Credited {
    /// The verified person: named, or inferred (a pronoun, a role) while they are named
    /// nearby.
    Speaker,
    /// An unnamed source (“one council member said”): the mention.
    Unnamed(String),
    /// Someone else: their resolved name, and how a message names them (`Name`, or
    /// `Name (“mention”)` when the mention differs).
    Other {
        /// The resolved name.
        name: String,
        /// The name with the mention, for messages.
        credited: String,
    },
}

/// Whom `speaker` (credited with something at byte `at` of the draft) stands for,
/// against the verified `person`. A speaker inferred from a pronoun or a role gets the
/// benefit of the doubt when `person` is named in the same or the two previous
/// paragraphs.
pub(super) fn credited_to(
    source: &SourceFile,
    draft: &Draft,
    person: &Person,
    speaker: &Speaker,
    at: usize,
) -> Credited {
    let mention = &source.text[speaker.mention.range()];
    if same_person(&speaker.name, person) || same_person(mention, person) {
        return Credited::Speaker;
    }
    if speaker.inferred && named_nearby(source, draft, person, at) {
        return Credited::Speaker;
    }
    // "one council member said": an unnamed source names nobody.
    let first = mention
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if matches!(
        first.as_str(),
        "a" | "an" | "one" | "another" | "some" | "several"
    ) {
        return Credited::Unnamed(mention.to_string());
    }
    let credited = if speaker.name == mention {
        speaker.name.clone()
    } else {
        format!("{} (“{}”)", speaker.name, mention)
    };
    Credited::Other {
        name: speaker.name.clone(),
        credited,
    }
}

/// Where the rule's words occur verbatim in the draft's running text, if they do (the
/// reference for [`Draft::has_run`]).
#[cfg(test)]
fn find_run_in_text(all: &[(String, Span)], rule_words: &[String]) -> Option<Span> {
    if rule_words.is_empty() || rule_words.len() > all.len() {
        return None;
    }
    all.windows(rule_words.len())
        .find(|w| w.iter().zip(rule_words).all(|((a, _), b)| a == b))
        .map(|w| w[0].1.cover(w[w.len() - 1].1))
}

/// A quote segment without the comma or spaces that close it inside the marks
/// (`“…,” she said`): what a person reads as the quoted words.
pub(super) fn trim_segment(text: &str, span: Span) -> Span {
    let kept = text[span.range()].trim_end_matches([',', ';', ':', ' ', '\n', '\r', '\t']);
    Span::new(span.start, span.start + kept.len())
}

/// The first `n` words of a text, with an ellipsis when cut.
pub(super) fn preview(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

/// Quotes in the draft that no rule of any ruleset covers (verbatim or altered): their
/// findings and their segments (quote, segment).
fn unverified_quotes(
    source: &SourceFile,
    draft: &Draft,
    quote_words: &[Vec<Vec<String>>],
) -> (Vec<Finding>, std::collections::HashSet<(usize, usize)>) {
    let rule_words: Vec<&Vec<String>> = quote_words.iter().flatten().collect();
    let mut findings = Vec::new();
    let mut uncovered = std::collections::HashSet::new();
    for (qi, quote) in draft.quotes.iter().enumerate() {
        for (si, words) in draft.segment_words[qi].iter().enumerate() {
            let span = trim_segment(&source.text, quote.segments[si]);
            let raw = &source.text[span.range()];
            let covered = rule_words.iter().any(|r| compare(words, raw, r).is_some())
                || (words.len() < MIN_FRAGMENT_WORDS
                    && rule_words.iter().any(|r| find_run(r, words).is_some()));
            if covered {
                continue;
            }
            uncovered.insert((qi, si));
            findings.push(unverified_finding(quote, span, raw));
        }
    }
    (findings, uncovered)
}

/// The `unverified` finding of a draft quote segment (`span`, trimmed, and its text
/// `raw`) that no rule covers.
pub(super) fn unverified_finding(quote: &Quote, span: Span, raw: &str) -> Finding {
    let credited = quote.speaker.as_ref().map_or_else(
        || "no speaker found".to_string(),
        |s| format!("credited to {}", s.name),
    );
    Finding {
        kind: FindingKind::Unverified,
        severity: Severity::Warning,
        ruleset: None,
        rule: None,
        message: format!(
            "quote not covered by any rule ({credited}): “{}”",
            preview(raw, 10)
        ),
        expected: None,
        found: Some(raw.to_string()),
        span: Some(span),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words_for_compare(s)
    }

    #[test]
    fn plain_ascii_words_are_the_comparison_words() {
        // (token, its comparison words when it takes the plain path)
        let plain = [
            ("Council", Some("council")),
            ("said,", Some("said")),
            ("(13-0).", Some("13-0")),
            ("we're", Some("we're")),
            ("...", None),
            ("U.S.", Some("u.s")),
        ];
        for (token, word) in plain {
            assert_eq!(
                plain_ascii_word(token),
                Some(word.map(String::from)),
                "{token}"
            );
            assert_eq!(
                w(token),
                word.into_iter().map(String::from).collect::<Vec<_>>()
            );
        }
        for other in [
            "a--b",
            "a/b",
            "*bold*",
            "snake_case",
            "`tick",
            "“curly”",
            "café",
            "a\tb",
        ] {
            assert_eq!(plain_ascii_word(other), None, "{other}");
        }
    }

    proptest::proptest! {
        /// The plain path gives what [`words_for_compare`] gives, for any token.
        #[test]
        fn plain_ascii_word_agrees(token in "[!-~]{0,10}|[ -~\t\u{a0}\u{2019}é]{0,10}") {
            if let Some(word) = plain_ascii_word(&token) {
                proptest::prop_assert_eq!(word.into_iter().collect::<Vec<_>>(), w(&token));
            }
        }
    }

    #[test]
    fn comparison_table() {
        let rule = w("We are going to send a very clear message that the city will not cooperate");
        let table: &[(&str, &str)] = &[
            ("We’re going to send", "altered"),
            (
                "We are going to send a very clear message that the city will not cooperate",
                "verbatim",
            ),
            ("send a very clear message", "verbatim"),
            ("We are going … the city will not cooperate", "verbatim"),
            (
                "We are going to send a clear message that the city will not cooperate",
                "altered",
            ),
            (
                "We are going to send a very loud message that the city will not cooperate",
                "altered",
            ),
            (
                "We are going to send a very clear message that the city will cooperate",
                "altered",
            ),
            ("Nothing in common with that sentence at all here", "none"),
        ];
        for (draft, want) in table {
            let got = match compare(&w(draft), draft, &rule) {
                None => "none",
                Some(Comparison::Verbatim) => "verbatim",
                Some(Comparison::Altered(..)) => "altered",
            };
            assert_eq!(got, *want, "for {draft:?}");
        }
    }

    proptest::proptest! {
        /// Looking only where the first word occurs finds a run exactly when scanning
        /// every position does.
        #[test]
        fn has_run_agrees_with_a_scan(
            text in proptest::collection::vec("[abc]", 0..30),
            rule in proptest::collection::vec("[abc]", 0..4),
        ) {
            let source = SourceFile::new("t", text.join(" "));
            let draft = Draft::extract(&source, &PeopleIndex::default());
            proptest::prop_assert_eq!(
                draft.has_run(&rule),
                find_run_in_text(&draft.all_words, &rule).is_some()
            );
        }
    }

    /// `(kind, rule)` of every finding of `draft` against the rules in `yaml`, the same
    /// with both engines.
    fn quote_findings(yaml: &str, draft: &str) -> Vec<(String, String)> {
        use crate::check::{CheckOptions, Checker, Engine};
        let rules = [crate::rules::load_rule_file("t.yaml", yaml).expect("rules load")];
        let source = SourceFile::new("d.txt", draft);
        let options = CheckOptions::default();
        let indexed = Checker::with_engine(&rules, options.clone(), Engine::Indexed)
            .check_with_coverage(&source);
        let straightforward = Checker::with_engine(&rules, options, Engine::Straightforward)
            .check_with_coverage(&source);
        assert_eq!(indexed, straightforward, "{draft}");
        indexed
            .0
            .into_iter()
            .map(|f| (f.kind.as_str().to_string(), f.rule.unwrap_or_default()))
            .collect()
    }

    /// One quote, one rule: with rules that share half their words, a draft quote that
    /// verifies against one is never an alteration of another, and each draft quote is
    /// assigned to one rule, best match first.
    #[test]
    fn each_draft_quote_is_assigned_to_one_rule() {
        let bank = "ruleset: t\npeople: [{ name: Ann Lee }, { name: Bo Day }]\nquotes:\n\
            - { id: transit, speaker: ann-lee, required: false, text: we will build more homes near \
                every new transit stop in this city }\n\
            - { id: schools, speaker: bo-day, required: false, text: we will build more homes near \
                every new school in this county }\n\
            - { id: same-ann, speaker: ann-lee, required: false, text: the budget leaves nobody behind \
                this year or the next }\n\
            - { id: same-bo, speaker: bo-day, required: false, text: the budget leaves nobody behind \
                this year or the next }\n";
        let transit = "We will build more homes near every new transit stop in this city";
        let schools = "We will build more homes near every new school in this county";
        let same = "The budget leaves nobody behind this year or the next";
        let f = |kind: &str, rule: &str| (kind.to_string(), rule.to_string());
        // (draft, expected findings)
        let cases: Vec<(String, Vec<(String, String)>)> = vec![
            (format!("“{transit},” Ann Lee said."), vec![]),
            (format!("“{schools},” Bo Day said."), vec![]),
            (
                format!("“{transit},” Ann Lee said. “{schools},” Bo Day said."),
                vec![],
            ),
            (
                format!("“{},” Ann Lee said.", transit.replace("transit", "bus")),
                vec![f("altered", "transit")],
            ),
            (
                format!("“{transit},” Bo Day said."),
                vec![f("misattributed", "transit")],
            ),
            (format!("“{same},” Bo Day said."), vec![]),
            (format!("“{same},” Ann Lee said."), vec![]),
            (
                format!("“{same},” Cy Pry said."),
                vec![f("misattributed", "same-ann")],
            ),
            (
                format!(
                    "“{},” Ann Lee said. “{schools},” Bo Day said.",
                    transit.replace("transit", "bus")
                ),
                vec![f("altered", "transit")],
            ),
        ];
        for (draft, expected) in cases {
            assert_eq!(quote_findings(bank, &draft), expected, "{draft}");
        }
    }

    #[test]
    fn diff_marks_changed_words() {
        let d = word_diff(
            &w("a very clear message today"),
            &w("a clear message today"),
        );
        assert_eq!(d, "a [-very-] clear message today");
        let d = word_diff(&w("a very clear message"), &w("a very loud message"));
        assert_eq!(d, "a very [-clear-] {+loud+} message");
    }
}
