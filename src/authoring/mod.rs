//! Authoring: a ruleset drafted from a verified source — its speakers with their titles,
//! every direct quote with its speaker, every checkable value as a claim whose context
//! terms locate its sentence and no other, and every stretch of reported speech credited
//! to a speaker as a statement ([`statements`]) — rendered as commented YAML.

mod statements;
mod yaml;

pub use statements::DraftStatement;
pub use yaml::render_yaml;

use std::collections::{BTreeMap, HashMap};

use crate::check::{Checker, PreparedDraft};
use crate::extract::{
    find_quotes, find_reported, find_values, parse_value, PeopleIndex, Quote, Speaker, ValueKind,
};
use crate::text::{normalize, sentences, words_for_compare, Normalized, SourceFile, Span};

/// The kinds of value a source's claims are drafted from (text claims need a person).
const VALUE_KINDS: [ValueKind; 6] = [
    ValueKind::Tally,
    ValueKind::Date,
    ValueKind::Year,
    ValueKind::Percent,
    ValueKind::Money,
    ValueKind::Number,
];

/// Most context terms a drafted claim gets.
const MAX_CONTEXT_TERMS: usize = 3;

/// A person drafted from a source.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftPerson {
    /// Id (a slug of the name).
    pub id: String,
    /// Full name.
    pub name: String,
    /// The title written next to the name, when one was found.
    pub title: Option<String>,
}

/// A claim drafted from a source.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftClaim {
    /// Id (kind and value).
    pub id: String,
    /// The sentence the value came from, trimmed.
    pub statement: String,
    /// Context terms that locate that sentence and no other in the source.
    pub context: Vec<String>,
    /// The kind of value.
    pub kind: ValueKind,
    /// The value as written in the source.
    pub value: String,
    /// Why the extractor is unsure, if it is.
    pub note: Option<String>,
    /// Where the value is written in the source.
    pub span: Span,
}

/// A quote drafted from a source.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftQuote {
    /// Id (speaker and first words).
    pub id: String,
    /// Id of the speaker in [`DraftRuleset::people`], or `None` when no speaker was found
    /// (such a quote is written commented out, for the author to complete).
    pub speaker: Option<String>,
    /// The quoted words.
    pub text: String,
    /// Why the extractor is unsure, if it is.
    pub note: Option<String>,
    /// Where the quoted words are in the source.
    pub span: Span,
}

/// A ruleset drafted from a verified source, ready to review and render.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftRuleset {
    /// The ruleset id.
    pub id: String,
    /// The source's path, as a `sources:` entry (relative to where the rule file will
    /// be, for a source file).
    pub source: String,
    /// The id the source gets under `sources:` and that every drafted rule names with
    /// `source:`; `None` for a source that is no file (standard input), written as
    /// free text.
    pub source_id: Option<String>,
    /// The SHA-256 of the source file's bytes, when known (written as `sha256:`).
    pub source_sha256: Option<String>,
    /// Its first line, when it reads as a headline.
    pub description: Option<String>,
    /// Speakers found.
    pub people: Vec<DraftPerson>,
    /// Checkable values, one claim each.
    pub claims: Vec<DraftClaim>,
    /// Direct quotes, one rule each.
    pub quotes: Vec<DraftQuote>,
    /// Reported speech credited to a speaker, one statement rule each.
    pub statements: Vec<DraftStatement>,
}

/// Drafts a ruleset from a verified source.
pub fn extract_ruleset(source: &SourceFile, ruleset_id: &str) -> DraftRuleset {
    let text = &source.text;
    let quotes = find_quotes(text);
    let reported = find_reported(text, &quotes, &PeopleIndex::default());
    let normalized = normalize(text);
    let sentence_spans = sentences(&normalized.text);
    let speakers = quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .chain(reported.iter().filter_map(|r| r.speaker.as_ref()));
    let people = draft_people(text, speakers);
    let draft_quotes = draft_quotes(text, &quotes, &people);
    let checker_rules: Vec<crate::rules::RuleSet> = Vec::new();
    let checker = Checker::new(&checker_rules, Default::default());
    let draft = checker.prepare(source);
    let mut index = TermIndex::default();
    let claims = draft_claims(
        source,
        &normalized,
        &sentence_spans,
        &quotes,
        &draft,
        &mut index,
    );
    let taken = draft_quotes.iter().map(|q| q.id.clone()).collect();
    let statements = statements::draft_statements(
        &statements::Source {
            source,
            normalized: &normalized,
            sentences: &sentence_spans,
            draft: &draft,
        },
        &mut index,
        &reported,
        &quotes
            .iter()
            .flat_map(|q| q.segments.iter().copied())
            .collect::<Vec<_>>(),
        &people,
        &taken,
    );
    let source_id = (source.path != "-").then(|| {
        let stem = std::path::Path::new(&source.path)
            .file_stem()
            .map(|s| slug(&s.to_string_lossy()))
            .unwrap_or_default();
        if stem.is_empty() {
            "source".to_string()
        } else {
            stem
        }
    });
    DraftRuleset {
        id: ruleset_id.to_string(),
        source: source.path.clone(),
        source_id,
        source_sha256: None,
        description: headline(text),
        people,
        claims,
        quotes: draft_quotes,
        statements,
    }
}

/// The first line of the source, when it is short and has no final period (a headline).
fn headline(text: &str) -> Option<String> {
    let first = text.trim_start_matches('\u{feff}').lines().next()?.trim();
    let words = first.split_whitespace().count();
    (words > 0 && words <= 14 && !first.ends_with(['.', '!', '?', ':', '”', '"']))
        .then(|| first.to_string())
}

/// Lower-case ASCII slug: alphanumerics kept, other runs turned into one `-`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Title words that may stand before a name in a mention (`Councilmember`, `Mayor`).
const TITLE_WORDS: &[&str] = &[
    "Mayor",
    "Councilmember",
    "Councilman",
    "Councilwoman",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Governor",
    "Gov.",
    "President",
    "President-elect",
    "Secretary",
    "Judge",
    "Justice",
    "Chief",
    "Speaker",
    "Sheriff",
    "Commissioner",
    "Director",
    "Chairman",
    "Chairwoman",
    "Dr.",
    "Prof.",
    "Professor",
    "Attorney",
    "General",
    "Rev.",
    "Pastor",
    "Ambassador",
    "Minister",
    "Officer",
    "Lt.",
    "Col.",
    "Gen.",
    "Sgt.",
    "Capt.",
];

/// The speakers of the quotes and of the reported speech, with the title written next
/// to their name.
fn draft_people<'a>(text: &str, speakers: impl Iterator<Item = &'a Speaker>) -> Vec<DraftPerson> {
    let mut people: Vec<DraftPerson> = Vec::new();
    for speaker in speakers {
        let name = speaker.name.trim().to_string();
        // A person needs a name of two words or more (pronouns left unresolved and bare
        // last names stay with their quote's note), not an organisation's (`The …`).
        if name.split_whitespace().count() < 2
            || !name.starts_with(char::is_uppercase)
            || matches!(name.split_whitespace().next(), Some("The" | "A" | "An"))
        {
            continue;
        }
        if people.iter().any(|p| p.name == name) {
            continue;
        }
        let mut id = slug(name.split_whitespace().last().unwrap_or(&name));
        if people.iter().any(|p| p.id == id) {
            id = slug(&name);
        }
        people.push(DraftPerson {
            id,
            title: title_of(text, &name),
            name,
        });
    }
    people
}

/// The title written next to the first mention of `name`: title words right before it
/// (`School board President Jackie Goldberg`) or an appositive right after it
/// (`Ira Mehlman, a spokesperson for …,`).
fn title_of(text: &str, name: &str) -> Option<String> {
    let at = text.find(name)?;
    let before = &text[..at];
    let line_start = before
        .char_indices()
        .rfind(|(_, c)| matches!(c, '\n' | '.' | '“' | '"' | ',' | ':'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let words: Vec<&str> = before[line_start..].split_whitespace().collect();
    // Walk back over the capitalised title words (and lower-case role words between them).
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        let is_title = TITLE_WORDS.contains(&w)
            || (w.starts_with(char::is_uppercase) && start < words.len())
            || (start < words.len()
                && matches!(w, "board" | "school" | "city" | "council" | "state"));
        if !is_title || start + 4 <= words.len() && !TITLE_WORDS.contains(&w) {
            break;
        }
        start -= 1;
    }
    let leading: Vec<&str> = words[start..]
        .iter()
        .copied()
        .skip_while(|w| matches!(*w, "The" | "the" | "A" | "a" | "In" | "And" | "But"))
        .collect();
    if leading.iter().any(|w| TITLE_WORDS.contains(w)) {
        return Some(capitalise_first(&leading.join(" ")));
    }
    // An appositive: ", a spokesperson for the Federation …," or ", appointed as
    // Trump’s “border czar,”".
    let after = &text[at + name.len()..];
    let appositive = after.strip_prefix(", ")?;
    if let Some(role) = [
        "appointed as ",
        "named as ",
        "who serves as ",
        "serving as ",
    ]
    .iter()
    .find_map(|cue| appositive.strip_prefix(cue))
    {
        let end = role.find(['.', ';', '\n']).unwrap_or(role.len());
        let role = role[..end].split(['“', '"']).nth(1).unwrap_or(&role[..end]);
        let role = role.split(['”', '"']).next().unwrap_or(role);
        let role = role.trim().trim_end_matches(',');
        let words = role.split_whitespace().count();
        return (1..=6).contains(&words).then(|| role.to_string());
    }
    let end = appositive.find([',', '.', ';', '\n'])?;
    let phrase = appositive[..end].trim();
    let phrase = phrase
        .strip_prefix("a ")
        .or_else(|| phrase.strip_prefix("an "))
        .or_else(|| phrase.strip_prefix("the "))?;
    let words = phrase.split_whitespace().count();
    (1..=12).contains(&words).then(|| {
        // "spokesperson for the Federation for X" → "spokesperson, Federation for X"
        match phrase
            .split_once(" for the ")
            .or_else(|| phrase.split_once(" at the "))
        {
            Some((role, org)) => format!("{role}, {org}"),
            None => phrase.to_string(),
        }
    })
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// One quote rule per quote group; the words of a split quote's segments joined.
fn draft_quotes(text: &str, quotes: &[Quote], people: &[DraftPerson]) -> Vec<DraftQuote> {
    let mut out: Vec<DraftQuote> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for quote in quotes {
        for segment in &quote.segments {
            let words = quoted_words(&text[segment.range()]);
            if words.is_empty() {
                continue;
            }
            let person = quote.speaker.as_ref().and_then(|s| {
                let name = s.name.trim();
                people.iter().find(|p| p.name == name).or_else(|| {
                    people
                        .iter()
                        .find(|p| p.name.ends_with(&format!(" {name}")))
                })
            });
            let note = match (&quote.speaker, person) {
                (None, _) => Some("no speaker found: add one, or delete this quote".to_string()),
                (Some(s), None) => Some(format!(
                    "speaker “{}” is not a full name: add the person, or delete this quote",
                    one_line(&text[s.mention.range()])
                )),
                (Some(s), Some(_)) if s.inferred => Some(format!(
                    "speaker inferred from “{}”: check it",
                    one_line(&text[s.mention.range()])
                )),
                _ => None,
            };
            let head = person.map_or("quote", |p| p.id.as_str());
            let first: Vec<String> = words_for_compare(&words).into_iter().take(4).collect();
            let base = format!("{head}-{}", slug(&first.join(" ")));
            let n = ids.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            out.push(DraftQuote {
                id,
                speaker: person.map(|p| p.id.clone()),
                text: words,
                note,
                span: *segment,
            });
        }
    }
    out
}

/// `text` on one line (a mention may wrap in a hard-wrapped source; a note is a comment
/// line).
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The quoted words of a segment, without the comma that closes them inside the marks.
fn quoted_words(segment: &str) -> String {
    segment
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([',', ';', ':'])
        .to_string()
}

/// Words too common to locate a sentence.
pub(super) const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "him",
    "them",
    "us",
    "me",
    "who",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "than",
    "then",
    "there",
    "here",
    "not",
    "no",
    "so",
    "if",
    "into",
    "over",
    "under",
    "about",
    "after",
    "before",
    "since",
    "until",
    "while",
    "also",
    "more",
    "most",
    "some",
    "any",
    "all",
    "each",
    "other",
    "such",
    "only",
    "own",
    "same",
    "very",
    "can",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "said",
    "says",
    "say",
    "one",
    "two",
    "up",
    "out",
    "just",
    "even",
    "still",
    "new",
    "year",
    "years",
    "per",
    "cent",
    "percent",
    "million",
    "billion",
    "thousand",
    "dollars",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "including",
    "through",
    "against",
    "between",
    "during",
    "without",
    "within",
    "among",
    "because",
    "although",
    "however",
    "s",
    "t",
    "mr",
    "mrs",
    "ms",
];

/// Claims for every value outside the quotes, each located by its own sentence.
fn draft_claims(
    source: &SourceFile,
    normalized: &Normalized,
    sentence_spans: &[Span],
    quotes: &[Quote],
    draft: &PreparedDraft,
    index: &mut TermIndex,
) -> Vec<DraftClaim> {
    let quoted = SpanSet::new(quotes.iter().flat_map(|q| q.segments.iter().copied()));
    let mut claims: Vec<DraftClaim> = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for sentence in sentence_spans {
        let sentence_text = &normalized.text[sentence.range()];
        let mut taken: Vec<Span> = Vec::new();
        let mut drafted_here: Vec<(ValueKind, crate::extract::Value)> = Vec::new();
        for kind in VALUE_KINDS {
            for found in find_values(sentence_text, kind) {
                let span = found.span.shift(sentence.start);
                let original = normalized.to_original(span);
                // Inside a quote: the quote rule covers it. Inside a value already taken
                // (the year of a date, the numbers of a tally): skip.
                if quoted.overlaps(original) || taken.iter().any(|t| t.overlaps(span)) {
                    continue;
                }
                if kind == ValueKind::Number && !is_checkable_number(&normalized.text, span) {
                    continue;
                }
                taken.push(span);
                let written = normalized.text[span.range()].to_string();
                let Ok(value) = parse_value(kind, &written) else {
                    continue;
                };
                if drafted_here
                    .iter()
                    .any(|(k, v)| *k == kind && v.satisfies(&value))
                    || !worth_a_claim(&normalized.text, span, &value)
                {
                    continue;
                }
                drafted_here.push((kind, value.clone()));
                let context = choose_context(draft, index, *sentence, span, &normalized.text, kind);
                let note = match &context {
                    Some(_) => None,
                    None => Some(
                        "no set of words locates this sentence alone: add context terms"
                            .to_string(),
                    ),
                };
                let base = format!("{}-{}", crate::rules::value_kind_key(kind), slug(&written));
                let n = ids.entry(base.clone()).or_insert(0);
                *n += 1;
                let id = if *n == 1 { base } else { format!("{base}-{n}") };
                let original_sentence = normalized.to_original(*sentence);
                claims.push(DraftClaim {
                    id,
                    statement: statement_of(&source.text[original_sentence.range()]),
                    context: context.unwrap_or_default(),
                    kind,
                    value: written,
                    note,
                    span: original,
                });
            }
        }
    }
    claims
}

/// Spans to test for overlap in logarithmic time: sorted by start, with the greatest end
/// so far at each position (the spans may overlap one another).
struct SpanSet {
    spans: Vec<Span>,
    max_end: Vec<usize>,
}

impl SpanSet {
    fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |m, s| {
                *m = (*m).max(s.end);
                Some(*m)
            })
            .collect();
        SpanSet { spans, max_end }
    }

    /// True when some span shares a byte with `other` (as [`Span::overlaps`]).
    fn overlaps(&self, other: Span) -> bool {
        // Spans starting before `other` ends; one of them must end after it starts.
        let before_end = self.spans.partition_point(|s| s.start < other.end);
        before_end > 0 && self.max_end[before_end - 1] > other.start
    }
}

/// A number worth a claim: written in digits, or spelled out and followed by a noun
/// (`14 officers`, `fourteen officers`), not a lone `one`.
fn is_checkable_number(text: &str, span: Span) -> bool {
    let written = &text[span.range()];
    if written.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let next = text[span.end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    !next.is_empty()
        && next.chars().all(char::is_alphabetic)
        && !STOPWORDS.contains(&next.as_str())
        && !matches!(written.to_lowercase().as_str(), "one" | "two")
}

/// The sentence as a statement: whitespace collapsed, at most 40 words.
fn statement_of(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= 40 {
        words.join(" ")
    } else {
        format!("{} …", words[..40].join(" "))
    }
}

/// Context terms that locate `sentence` and no other sentence of the source: content
/// words of the sentence, rarest in the source and closest to the value first, added
/// until only this sentence is located. Adjacent chosen words become one phrase.
fn choose_context(
    draft: &PreparedDraft,
    index: &mut TermIndex,
    sentence: Span,
    value_span: Span,
    text: &str,
    kind: ValueKind,
) -> Option<Vec<String>> {
    // Candidate words with their position in the sentence.
    let words = word_positions(text, sentence);
    let value_pos = words
        .iter()
        .position(|(_, s)| s.overlaps(value_span))
        .unwrap_or(0);
    // Each content word once, at its occurrence closest to the value.
    let mut candidates: Vec<(String, usize)> = Vec::new();
    for (pos, (word, span)) in words.iter().enumerate() {
        let word = &word.strip_suffix("'s").unwrap_or(word).to_string();
        if span.overlaps(value_span) || word.chars().any(|c| c.is_ascii_digit()) || word.len() < 3 {
            continue;
        }
        if STOPWORDS.contains(&word.as_str()) {
            continue;
        }
        match candidates.iter_mut().find(|(w, _)| w == word) {
            Some(seen) if seen.1.abs_diff(value_pos) > pos.abs_diff(value_pos) => seen.1 = pos,
            Some(_) => {}
            None => candidates.push((word.clone(), pos)),
        }
    }
    let frequencies = index.sentence_frequencies(draft, text);
    let frequency = |w: &str| frequencies.get(w).copied().unwrap_or(0);
    // A count, tally or amount is named by the noun after it ("13-0 vote", "14
    // officers"); a year or date by the words before it ("immigration status since 1979").
    let unit_after = matches!(
        kind,
        ValueKind::Tally | ValueKind::Number | ValueKind::Percent | ValueKind::Money
    );
    // Words in another clause than the value (across a comma, colon or semicolon) are
    // less likely to stay with it in a rewrite.
    let other_clause = |pos: usize| {
        let (a, b) = if pos < value_pos {
            (pos, value_pos)
        } else {
            (value_pos, pos)
        };
        match (words.get(a), words.get(b)) {
            (Some((_, x)), Some((_, y))) => text[x.end..y.start].contains([',', ';', ':']),
            _ => false,
        }
    };
    let distance = |pos: usize| {
        let after = pos > value_pos;
        let d = pos.abs_diff(value_pos) + if other_clause(pos) { 6 } else { 0 };
        if after == unit_after {
            d
        } else {
            d + 3
        }
    };
    let mut ranked: Vec<(usize, usize, String, usize)> = candidates
        .into_iter()
        .map(|(w, pos)| (distance(pos), frequency(&w), w, pos))
        .collect();
    ranked.sort();
    let mut locate = |chosen: &[(String, usize)]| {
        let terms = as_terms(chosen);
        let located = index.locate(draft, &terms);
        (terms, located)
    };
    let mut remaining: Vec<(String, usize)> =
        ranked.into_iter().map(|(_, _, w, p)| (w, p)).collect();
    if remaining.is_empty() {
        return None;
    }
    // The best-ranked word first, with the content word before it as a compound
    // ("immigration status", "sanctuary state").
    let (word, pos) = remaining.remove(0);
    let mut chosen = vec![(word, pos)];
    if let Some((left, span)) = pos.checked_sub(1).and_then(|p| words.get(p)) {
        let content = left.len() >= 3
            && left.chars().all(char::is_alphabetic)
            && !STOPWORDS.contains(&left.as_str())
            && !span.overlaps(value_span);
        if content {
            remaining.retain(|(w, _)| w != left);
            chosen.push((left.clone(), pos - 1));
        }
    }
    let (mut terms, mut located) = locate(&chosen);
    // Then the word that leaves the fewest other sentences located (best-ranked on a tie),
    // until only this sentence is.
    while located != [sentence] && as_terms(&chosen).len() < MAX_CONTEXT_TERMS {
        let mut best: Option<(usize, usize)> = None; // (located count, index)
        for (i, candidate) in remaining.iter().enumerate() {
            let mut trial = chosen.clone();
            trial.push(candidate.clone());
            let (_, l) = locate(&trial);
            if !l.contains(&sentence) {
                continue;
            }
            if best.is_none_or(|(count, _)| l.len() < count) {
                best = Some((l.len(), i));
            }
        }
        let (count, i) = best?;
        if count >= located.len() {
            return None;
        }
        chosen.push(remaining.remove(i));
        (terms, located) = locate(&chosen);
    }
    (located == [sentence]).then_some(terms)
}

/// The words of a sentence (comparison form) with their spans in `text`.
pub(super) fn word_positions(text: &str, sentence: Span) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let slice = &text[sentence.range()];
    let mut start = None;
    for (i, c) in slice
        .char_indices()
        .chain(std::iter::once((slice.len(), ' ')))
    {
        let inside = c.is_alphanumeric() || c == '\'' || c == '-';
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let raw = &slice[s..i];
                if let Some(word) = words_for_compare(raw).into_iter().next() {
                    out.push((word, Span::new(sentence.start + s, sentence.start + i)));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Chosen words as context terms, in sentence order, adjacent ones joined as a phrase.
pub(super) fn as_terms(chosen: &[(String, usize)]) -> Vec<String> {
    let mut sorted: Vec<&(String, usize)> = chosen.iter().collect();
    sorted.sort_by_key(|(_, pos)| *pos);
    let mut terms: Vec<(String, usize)> = Vec::new();
    for (word, pos) in sorted {
        match terms.last_mut() {
            Some((term, last)) if *last + 1 == *pos => {
                term.push(' ');
                term.push_str(word);
                *last = *pos;
            }
            _ => terms.push((word.clone(), *pos)),
        }
    }
    terms.into_iter().map(|(t, _)| t).collect()
}

/// Which sentences each context term matches (as the checker matches terms), computed
/// once per term: choosing a context tries many combinations.
#[derive(Default)]
pub(super) struct TermIndex {
    matches: HashMap<String, TermMatches>,
    /// Comparison word → how many sentences hold it (computed once, on first use).
    frequencies: Option<HashMap<String, usize>>,
}

impl TermIndex {
    /// For each comparison word of the draft, the number of sentences holding it.
    pub(super) fn sentence_frequencies(
        &mut self,
        draft: &PreparedDraft,
        text: &str,
    ) -> &HashMap<String, usize> {
        self.frequencies.get_or_insert_with(|| {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for s in draft.sentences() {
                let mut words = words_for_compare(&text[s.range()]);
                words.sort_unstable();
                words.dedup();
                for w in words {
                    *counts.entry(w).or_insert(0) += 1;
                }
            }
            counts
        })
    }

    /// The sentences holding every term: what a claim with this context locates.
    ///
    /// Only the sentences of the rarest term are looked at, so trying many combinations
    /// of terms costs what the terms occur, not the length of the source.
    pub(super) fn locate(&mut self, draft: &PreparedDraft, terms: &[String]) -> Vec<Span> {
        let sentences = draft.sentences();
        if terms.is_empty() {
            return sentences.to_vec();
        }
        for term in terms {
            if !self.matches.contains_key(term) {
                let hits = draft.sentences_with_term(term);
                let list = (0..hits.len()).filter(|&i| hits[i]).collect();
                self.matches
                    .insert(term.clone(), TermMatches { hits, list });
            }
        }
        let entries: Vec<&TermMatches> = terms.iter().filter_map(|t| self.matches.get(t)).collect();
        let Some(rarest) = entries.iter().min_by_key(|e| e.list.len()) else {
            return Vec::new();
        };
        rarest
            .list
            .iter()
            .filter(|&&i| {
                entries
                    .iter()
                    .all(|e| e.hits.get(i).copied().unwrap_or(false))
            })
            .filter_map(|&i| sentences.get(i).copied())
            .collect()
    }
}

/// The sentences one context term matches: a flag per sentence, and the list of those
/// flagged.
struct TermMatches {
    hits: Vec<bool>,
    list: Vec<usize>,
}

/// False for values that are not claims: identifiers too large to be quantities (tweet
/// ids), and list numbers opening a paragraph (`2. …`).
fn worth_a_claim(text: &str, span: Span, value: &crate::extract::Value) -> bool {
    if let crate::extract::Value::Number(n) = value {
        if n.abs() >= 1e15 {
            return false;
        }
        let opens_paragraph = text[..span.start].ends_with("\n\n") || span.start == 0;
        if opens_paragraph && text[span.end..].starts_with(['.', ')']) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_set_overlaps_like_span_overlaps() {
        let spans = [
            Span::new(3, 8),
            Span::new(5, 5),
            Span::new(10, 20),
            Span::new(12, 14),
            Span::new(30, 31),
        ];
        let set = SpanSet::new(spans);
        for a in 0..35 {
            for b in a..36 {
                let other = Span::new(a, b);
                let want = spans.iter().any(|s| s.overlaps(other));
                assert_eq!(set.overlaps(other), want, "{other:?}");
            }
        }
        assert!(!SpanSet::new([]).overlaps(Span::new(0, 5)));
    }
}
