//! Many context terms matched at once, exactly as [`super::claims`]'s one-regex-per-term
//! patterns match them, with one dictionary of the terms' words.
//!
//! A term alternative `a` compiles (in `term_pattern`) to
//! `(?i)(?:^|\b|\W)(?:A)(?:\b|$|\W)` where `A` is the folded, trimmed alternative `f`
//! with every space written `\s+`, and, when `f` ends in a letter, the variants
//! `f(?:e?s|e?d|ing)?`, `stem + ing` for a final `e`, and an optional `'` or `'s`. Whether
//! that regex matches a sentence comes down to these facts, which this module computes
//! without the regex:
//!
//! 1. **Case.** Under `(?i)` a literal character matches exactly the characters of its
//!    simple case-folding class (regex-syntax's `case_fold_simple`). Those classes are
//!    equivalence classes, so mapping every character, in the term and in the sentence,
//!    to one representative of its class ([`canon`]) turns the case-insensitive match
//!    into a plain one. Every character of a class is a word character or none is, so
//!    `\b` and `\W` read the same after the mapping (both facts are tested over all of
//!    Unicode below).
//! 2. **Spaces.** A space of the term is `\s+`. In a *simple* alternative every
//!    whitespace character is a lone ASCII space; then each one must consume a whole
//!    whitespace run of the sentence (the characters on either side are not
//!    whitespace), so collapsing each run of the sentence to one space keeps every match
//!    and adds none. Alternatives with other whitespace or with consecutive spaces are
//!    not simple: their claims are checked with the regexes, as before.
//! 3. **Edges.** `(?:^|\b|\W)` before a match starting at `p` holds iff `p` is the start
//!    of the text or the characters on each side of `p` are not both word characters;
//!    `(?:\b|$|\W)` after a match ending at `q` holds iff `q` is the end or the
//!    characters on each side of `q` are not both word characters. The optional `'s?`
//!    after a variant never changes whether there is a match: a variant followed by `'`
//!    already ends before a non-word character.
//! 4. **Units.** Cut a (canonical) text into *units*: maximal runs of word characters,
//!    and every other character alone. By 3, a variant matches at `p..q` exactly when
//!    `p` and `q` are unit boundaries — a variant that starts (ends) with a word
//!    character cannot start (end) inside a run of them, and one that starts (ends) with
//!    another character is a unit there — so exactly when the variant's units are a run
//!    of the text's units. Matching is then a walk down a trie of unit ids from each
//!    unit of the sentence.
//!
//! The empty alternative matches every text.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Longest term (all alternatives together, folded) handled here; longer ones go to the
/// regexes, whose compile-size limit then decides exactly as before.
const MAX_SIMPLE_TERM_BYTES: usize = 1024;

/// The alternative as `term_pattern` reads it: trimmed, then each character folded.
pub(super) fn fold_alternative(alternative: &str) -> String {
    alternative
        .trim()
        .chars()
        .map(|c| crate::text::fold_char(c).map_or(c.to_string(), str::to_string))
        .collect()
}

/// True when `c` is a word character for the regex crate's Unicode `\b` and `\w`.
pub(super) fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    regex_syntax::try_is_word_character(c).unwrap_or_else(|_| c.is_alphanumeric())
}

/// The representative of `c`'s simple case-folding class: its smallest member.
pub(super) fn canon(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let mut class =
        regex_syntax::hir::ClassUnicode::new([regex_syntax::hir::ClassUnicodeRange::new(c, c)]);
    if class.try_case_fold_simple().is_err() {
        return c;
    }
    class.ranges().first().map_or(c, |r| r.start().min(c))
}

/// Caches [`canon`] for the non-ASCII characters of a run.
#[derive(Default, Clone)]
pub(super) struct Canon {
    seen: HashMap<char, char>,
}

impl Canon {
    fn get(&mut self, c: char) -> char {
        if c.is_ascii() {
            return c.to_ascii_uppercase();
        }
        *self.seen.entry(c).or_insert_with(|| canon(c))
    }

    /// `text` with every character replaced by its representative and every whitespace
    /// run collapsed to one space.
    pub(super) fn text(&mut self, text: &str, out: &mut String) {
        out.clear();
        let mut in_space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(self.get(c));
                in_space = false;
            }
        }
    }
}

/// The units of a canonical text (see the module comment), in order.
fn units(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let len = if is_word(first) {
            rest.find(|c: char| !is_word(c)).unwrap_or(rest.len())
        } else {
            first.len_utf8()
        };
        let (unit, tail) = rest.split_at(len);
        rest = tail;
        Some(unit)
    })
}

/// The strings an alternative matches (before the edge conditions), in canonical form;
/// `None` when the alternative is not simple (see the module comment).
fn variants(folded: &str, canon: &mut Canon) -> Option<Vec<String>> {
    let mut previous_space = false;
    for c in folded.chars() {
        let space = c == ' ';
        if (c.is_whitespace() && !space) || (space && previous_space) {
            return None;
        }
        previous_space = space;
    }
    let mut out = vec![folded.to_string()];
    if folded.chars().last().is_some_and(char::is_alphabetic) {
        for suffix in ["s", "es", "d", "ed", "ing"] {
            out.push(format!("{folded}{suffix}"));
        }
        if let Some(stem) = folded.strip_suffix('e') {
            out.push(format!("{stem}ing"));
        }
    }
    let mut canonical = String::new();
    Some(
        out.into_iter()
            .map(|v| {
                canon.text(&v, &mut canonical);
                canonical.clone()
            })
            .collect(),
    )
}

/// Builds a [`TermMatcher`]: interns terms (lists of alternatives) and their
/// alternatives.
#[derive(Default)]
pub(super) struct TermsBuilder {
    canon: Canon,
    /// Folded alternative → alternative id.
    alternatives: HashMap<String, u32>,
    /// Each alternative's variants, canonical.
    alternative_variants: Vec<Vec<String>>,
    /// Sorted alternative ids → term id.
    terms: HashMap<Vec<u32>, u32>,
    /// Each term's alternatives.
    term_alternatives: Vec<Vec<u32>>,
}

impl TermsBuilder {
    /// The id of a term made of `alternatives` (as written in the rule), or `None` when
    /// it is not simple and must be matched with its regex.
    pub(super) fn term(&mut self, alternatives: &[String]) -> Option<u32> {
        let folded: Vec<String> = alternatives.iter().map(|a| fold_alternative(a)).collect();
        if folded.iter().map(String::len).sum::<usize>() > MAX_SIMPLE_TERM_BYTES {
            return None;
        }
        let mut ids = Vec::with_capacity(folded.len());
        for f in folded {
            let id = match self.alternatives.get(&f) {
                Some(&id) => id,
                None => {
                    let v = variants(&f, &mut self.canon)?;
                    let id = self.alternative_variants.len() as u32;
                    self.alternative_variants.push(v);
                    self.alternatives.insert(f, id);
                    id
                }
            };
            ids.push(id);
        }
        ids.sort_unstable();
        ids.dedup();
        if let Some(&t) = self.terms.get(&ids) {
            return Some(t);
        }
        let t = self.term_alternatives.len() as u32;
        self.term_alternatives.push(ids.clone());
        self.terms.insert(ids, t);
        Some(t)
    }

    /// Compiles every term seen so far into one matcher.
    pub(super) fn build(self) -> TermMatcher {
        // The unit vocabulary, sorted (a unit's id is its position).
        let mut vocabulary: Vec<String> = self
            .alternative_variants
            .iter()
            .flatten()
            .flat_map(|v| units(v).map(str::to_string).collect::<Vec<_>>())
            .collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        // The trie: node 0 is the root; edges sorted by (node, unit).
        let mut edges: HashMap<(u32, u32), u32> = HashMap::new();
        let mut ends: Vec<(u32, u32)> = Vec::new(); // (node, alternative)
        let mut always_alternatives = Vec::new();
        let mut nodes = 1u32;
        for (alt, variants) in self.alternative_variants.iter().enumerate() {
            for v in variants {
                if v.is_empty() {
                    always_alternatives.push(alt as u32);
                    continue;
                }
                let mut node = 0u32;
                for unit in units(v) {
                    let Ok(id) = vocabulary.binary_search_by(|u| u.as_str().cmp(unit)) else {
                        continue;
                    };
                    node = *edges.entry((node, id as u32)).or_insert_with(|| {
                        nodes += 1;
                        nodes - 1
                    });
                }
                ends.push((node, alt as u32));
            }
        }
        let mut edges: Vec<(u32, u32, u32)> =
            edges.into_iter().map(|((n, u), c)| (n, u, c)).collect();
        edges.sort_unstable();
        ends.sort_unstable();
        ends.dedup();
        let mut end_start = vec![0u32; nodes as usize + 1];
        for &(node, _) in &ends {
            end_start[node as usize + 1] += 1;
        }
        for i in 1..end_start.len() {
            end_start[i] += end_start[i - 1];
        }
        // Alternative → terms holding it.
        let mut alternative_terms: Vec<Vec<u32>> =
            vec![Vec::new(); self.alternative_variants.len()];
        for (t, alts) in self.term_alternatives.iter().enumerate() {
            for &a in alts {
                alternative_terms[a as usize].push(t as u32);
            }
        }
        let always_terms = terms_of(&always_alternatives, &alternative_terms);
        TermMatcher {
            vocabulary,
            edges,
            end_start,
            end_alternatives: ends.into_iter().map(|(_, a)| a).collect(),
            alternative_terms,
            always_terms,
            term_count: self.term_alternatives.len() as u32,
            lookup: Default::default(),
            root_children: Vec::new(),
        }
    }
}

/// The sorted, deduplicated terms holding any of `alternatives`.
fn terms_of(alternatives: &[u32], alternative_terms: &[Vec<u32>]) -> Vec<u32> {
    let mut out: Vec<u32> = alternatives
        .iter()
        .flat_map(|&a| alternative_terms[a as usize].iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Finds, for a text, every interned term it contains (as `term_pattern` would).
#[derive(Serialize, Deserialize)]
pub(super) struct TermMatcher {
    /// Every unit of every variant, sorted; a unit's id is its position.
    vocabulary: Vec<String>,
    /// Trie edges (node, unit, child), sorted; node 0 is the root.
    #[serde(with = "super::packed")]
    edges: Vec<(u32, u32, u32)>,
    /// For node `n`, `end_alternatives[end_start[n]..end_start[n + 1]]` are the
    /// alternatives with a variant ending there.
    #[serde(with = "super::packed")]
    end_start: Vec<u32>,
    #[serde(with = "super::packed")]
    end_alternatives: Vec<u32>,
    /// For each alternative: the terms holding it.
    alternative_terms: Vec<Vec<u32>>,
    /// Terms with an empty alternative: they match every text.
    #[serde(with = "super::packed")]
    always_terms: Vec<u32>,
    /// Number of terms.
    term_count: u32,
    /// Unit → id, built from `vocabulary` by [`TermMatcher::prepare`].
    #[serde(skip)]
    lookup: rustc_hash::FxHashMap<String, u32>,
    /// Unit id → the root's child through it, or [`NO_CHILD`], built by
    /// [`TermMatcher::prepare`]: most units of a text start no term, and this answers
    /// for them without a search through every edge.
    #[serde(skip)]
    root_children: Vec<u32>,
}

/// No child (in [`TermMatcher::root_children`]).
const NO_CHILD: u32 = u32::MAX;

impl TermMatcher {
    /// Builds the lookup tables that are not stored (after building or loading).
    pub(super) fn prepare(&mut self) {
        self.lookup = self
            .vocabulary
            .iter()
            .enumerate()
            .map(|(i, u)| (u.clone(), i as u32))
            .collect();
        self.root_children = vec![NO_CHILD; self.vocabulary.len()];
        // The root's edges come first (sorted by node).
        for &(_, unit, child) in self.edges.iter().take_while(|e| e.0 == 0) {
            if let Some(slot) = self.root_children.get_mut(unit as usize) {
                *slot = child;
            }
        }
    }

    /// Number of terms interned.
    pub(super) fn len(&self) -> usize {
        self.term_count as usize
    }

    /// A fresh scratch space for [`TermMatcher::terms_in`].
    pub(super) fn scratch(&self) -> TermScratch {
        TermScratch {
            canon: Canon::default(),
            canonical: String::new(),
            ids: Vec::new(),
            alternatives: Vec::new(),
        }
    }

    fn child(&self, node: u32, unit: u32) -> Option<u32> {
        if node == 0 && !self.root_children.is_empty() {
            return self
                .root_children
                .get(unit as usize)
                .copied()
                .filter(|&c| c != NO_CHILD);
        }
        self.edges
            .binary_search_by(|&(n, u, _)| (n, u).cmp(&(node, unit)))
            .ok()
            .map(|i| self.edges[i].2)
    }

    /// The sorted ids of the terms that `text` contains.
    pub(super) fn terms_in(&self, text: &str, scratch: &mut TermScratch) -> Vec<u32> {
        let mut found = self.always_terms.clone();
        if self.edges.is_empty() {
            return found;
        }
        scratch.canon.text(text, &mut scratch.canonical);
        scratch.ids.clear();
        for unit in units(&scratch.canonical) {
            scratch.ids.push(self.lookup.get(unit).copied());
        }
        scratch.alternatives.clear();
        for start in 0..scratch.ids.len() {
            let mut node = 0u32;
            for id in &scratch.ids[start..] {
                let Some(next) = id.and_then(|id| self.child(node, id)) else {
                    break;
                };
                node = next;
                let ends = self.end_start[node as usize] as usize
                    ..self.end_start[node as usize + 1] as usize;
                scratch
                    .alternatives
                    .extend_from_slice(&self.end_alternatives[ends]);
            }
        }
        if scratch.alternatives.is_empty() {
            return found;
        }
        scratch.alternatives.sort_unstable();
        scratch.alternatives.dedup();
        found.extend(terms_of(&scratch.alternatives, &self.alternative_terms));
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Reusable buffers for matching texts one after another.
pub(super) struct TermScratch {
    canon: Canon,
    canonical: String,
    ids: Vec<Option<u32>>,
    alternatives: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ContextTerm;

    /// The regex the straightforward path compiles for a term.
    fn regex_matches(alternatives: &[String], text: &str) -> Option<bool> {
        let term = ContextTerm {
            alternatives: alternatives.to_vec(),
        };
        super::super::claims::term_pattern(&term).map(|r| r.is_match(text))
    }

    fn matcher_matches(alternatives: &[String], text: &str) -> Option<bool> {
        let mut b = TermsBuilder::default();
        let t = b.term(alternatives)?;
        let mut m = b.build();
        m.prepare();
        let mut scratch = m.scratch();
        Some(m.terms_in(text, &mut scratch).contains(&t))
    }

    fn agree(alternatives: &[&str], text: &str) {
        let alternatives: Vec<String> = alternatives.iter().map(|s| s.to_string()).collect();
        if let Some(got) = matcher_matches(&alternatives, text) {
            assert_eq!(
                Some(got),
                regex_matches(&alternatives, text),
                "{alternatives:?} in {text:?}"
            );
        }
    }

    #[test]
    fn agrees_with_the_regex_on_chosen_cases() {
        let cases: &[(&[&str], &str)] = &[
            (&["vote"], "a vote"),
            (&["vote"], "they voted no"),
            (&["vote"], "voting began"),
            (&["vote"], "the vote's result"),
            (&["vote"], "voter rolls"),
            (&["vote"], "devote"),
            (&["vote", "ballot"], "Ballots were cast"),
            (&["a+b (c)"], "x a+b (c) y"),
            (&["immigration status"], "their immigration  status"),
            (&["immigration status"], "their immigration\u{a0}status"),
            (&["13-0"], "a 13-0 vote"),
            (&["13-0"], "a 113-0 vote"),
            (&["$5"], "cost $5 each"),
            (&["$5"], "cost $50 each"),
            (&["U.S."], "the U.S. Senate"),
            (&["U.S."], "the U.S.A."),
            (&["kelvin"], "\u{212a}ELVIN"),
            (&["straße"], "STRASSE"),
            (&["straße"], "STRAẞE"),
            (&["σοφία"], "ΣΟΦΊΑ"),
            (&["ς"], "σ"),
            (&["'s"], "it's"),
            (&["e"], "ing"),
            (&[""], ""),
            (&[""], "anything"),
            (&["vote", ""], "x"),
            (&["\u{200b} vote"], "a vote"),
            (&["vote \u{200b}"], "a vote."),
            (&["‘quote’"], "'quote'"),
            (&["Mr."], "Mr.Smith"),
            (&["_x"], "a_x"),
            (&["é"], "É"),
            (&["İ"], "i̇"),
        ];
        for (alternatives, text) in cases {
            agree(alternatives, text);
        }
    }

    #[test]
    fn not_simple_terms_go_to_the_regex() {
        let mut b = TermsBuilder::default();
        assert!(b.term(&["a  b".to_string()]).is_none());
        assert!(b.term(&["a\nb".to_string()]).is_none());
        assert!(b.term(&["x".repeat(MAX_SIMPLE_TERM_BYTES + 1)]).is_none());
        assert!(b.term(&["a b".to_string()]).is_some());
    }

    #[test]
    fn the_longest_simple_term_compiles_as_a_regex() {
        // Every simple term must also compile as a regex (or the straightforward path
        // would drop it): the worst case is a long run of characters with large
        // case-folding classes.
        for c in ['k', 'ǅ', 'ς', 'é', 'x'] {
            let n = MAX_SIMPLE_TERM_BYTES / c.len_utf8();
            let term = vec![c.to_string().repeat(n)];
            assert!(regex_matches(&term, "x").is_some(), "{c}");
        }
    }

    /// Over every character of the planes that have case (0 and 1): the case-folding
    /// class of each member is the class itself
    /// (so one representative stands for it), and its members agree on being word
    /// characters.
    #[test]
    fn case_classes_are_equivalence_classes_of_one_word_kind() {
        for c in (0..=0x1_FFFFu32).filter_map(char::from_u32) {
            if c.is_ascii() {
                continue;
            }
            let mut class =
                regex_syntax::hir::ClassUnicode::new([regex_syntax::hir::ClassUnicodeRange::new(
                    c, c,
                )]);
            class.case_fold_simple();
            if class.ranges().len() == 1 && class.ranges()[0].start() == class.ranges()[0].end() {
                continue;
            }
            let r = canon(c);
            for range in class.ranges() {
                for d in range.start()..=range.end() {
                    assert_eq!(canon(d), r, "{c:?} and {d:?}");
                    assert_eq!(is_word(d), is_word(c), "{c:?} and {d:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The automaton finds a term exactly when its regex does, over texts and terms
        /// made of letters of every case kind, digits, punctuation and whitespace.
        #[test]
        fn agrees_with_the_regex(
            alternatives in proptest::collection::vec("[aeskEKSſßẞςσΣé'._$ \u{212a}-]{0,5}", 1..3),
            text in "[aeskEKSſßẞςσΣé'._$ \u{a0}\n\u{212a}-]{0,24}",
        ) {
            let got = matcher_matches(&alternatives, &text);
            if let Some(got) = got {
                proptest::prop_assert_eq!(Some(got), regex_matches(&alternatives, &text));
            }
        }
    }
}
