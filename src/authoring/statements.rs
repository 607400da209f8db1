//! Statements drafted from a verified source's reported speech (`X said that …`,
//! `according to X, …`): the speaker, the reported words as the statement, and context
//! terms from those words that locate their sentence and no other, as the checker
//! locates statements.

use std::collections::HashSet;

use super::{as_terms, one_line, slug, word_positions, DraftPerson, TermIndex, STOPWORDS};
use crate::check::PreparedDraft;
use crate::extract::Reported;
use crate::text::{words_for_compare, Normalized, SourceFile, Span};

/// Most context terms a drafted statement gets.
const MAX_TERMS: usize = 3;
/// Fewest words of reported content worth a statement rule.
const MIN_WORDS: usize = 4;

/// A statement drafted from a source's reported speech.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftStatement {
    /// Id (speaker and first words).
    pub id: String,
    /// Id of the speaker in [`super::DraftRuleset::people`].
    pub speaker: String,
    /// The reported words (with the reporting verb when it negates them: `denied that
    /// …`), as the statement.
    pub statement: String,
    /// Context terms from the reported words that locate their sentence and no other;
    /// empty when none do (the statement is then written commented out).
    pub context: Vec<String>,
    /// Why the extractor is unsure, if it is.
    pub note: Option<String>,
    /// Where the reported words are in the source.
    pub span: Span,
}

/// What drafting statements reads: the source, its normalised text and sentences, and
/// the prepared draft and term index that choose context terms.
pub(super) struct Source<'a> {
    pub(super) source: &'a SourceFile,
    pub(super) normalized: &'a Normalized,
    pub(super) sentences: &'a [Span],
    pub(super) draft: &'a PreparedDraft,
}

/// One statement per stretch of reported speech credited to a drafted person, in
/// document order, except where it holds a direct quote (the quote's rule covers those
/// words); ids stay clear of `taken` (the quotes' ids: one namespace).
pub(super) fn draft_statements(
    from: &Source<'_>,
    index: &mut TermIndex,
    reported: &[Reported],
    quoted: &[Span],
    people: &[DraftPerson],
    taken: &HashSet<String>,
) -> Vec<DraftStatement> {
    let text = &from.source.text;
    let mut out: Vec<DraftStatement> = Vec::new();
    let mut ids: HashSet<String> = taken.clone();
    for entry in reported {
        let Some(speaker) = &entry.speaker else {
            continue;
        };
        if quoted.iter().any(|q| q.overlaps(entry.content)) {
            continue;
        }
        let name = speaker.name.trim();
        let Some(person) = people.iter().find(|p| p.name == name).or_else(|| {
            people
                .iter()
                .find(|p| p.name.ends_with(&format!(" {name}")))
        }) else {
            continue;
        };
        // What was said, without the `that` opening the content.
        let said = entry.said(text);
        let words = reported_words(&text[said.range()]);
        if words.split_whitespace().count() < MIN_WORDS {
            continue;
        }
        // A reporting verb that negates what it reports is part of what was said.
        let negating = entry
            .cue
            .as_deref()
            .filter(|cue| crate::check::negations(cue) > 0);
        let statement = match negating {
            Some(cue) if !words.to_lowercase().starts_with(&cue.to_lowercase()) => {
                let that = text[entry.cue_span.map_or(0, |c| c.end)..said.start]
                    .trim()
                    .trim_matches(',');
                if that.is_empty() {
                    format!("{cue} {words}")
                } else {
                    format!("{cue} {that} {words}")
                }
            }
            _ => words,
        };
        let context = choose_terms(from, index, said);
        let mut notes = Vec::new();
        if speaker.inferred {
            notes.push(format!(
                "speaker inferred from “{}”: check it",
                one_line(&text[speaker.mention.range()])
            ));
        }
        if context.is_none() {
            notes.push("no set of its words locates this sentence alone: add context terms".into());
        }
        let first: Vec<String> = words_for_compare(&statement).into_iter().take(4).collect();
        let base = format!("{}-said-{}", person.id, slug(&first.join(" ")));
        let mut id = base.clone();
        let mut n = 1;
        while ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        ids.insert(id.clone());
        out.push(DraftStatement {
            id,
            speaker: person.id.clone(),
            statement,
            context: context.unwrap_or_default(),
            note: (!notes.is_empty()).then(|| notes.join("; ")),
            span: said,
        });
    }
    out
}

/// Reported words as a statement: whitespace collapsed, without the punctuation that
/// closes the clause.
fn reported_words(content: &str) -> String {
    one_line(content)
        .trim_end_matches([',', ';', ':', '.'])
        .to_string()
}

/// Context terms from the reported words (`content`, original bytes) that locate their
/// sentence and no other: the rarest words of the source first, then the word that
/// leaves the fewest other sentences, up to three terms; `None` when no such set exists.
fn choose_terms(from: &Source<'_>, index: &mut TermIndex, content: Span) -> Option<Vec<String>> {
    let normalized = from.normalized;
    let text = &normalized.text;
    let sentence = *from.sentences.iter().find(|s| {
        let original = normalized.to_original(**s);
        original.start <= content.start && content.start < original.end.max(original.start + 1)
    })?;
    let mut candidates: Vec<(String, usize)> = Vec::new();
    for (pos, (word, span)) in word_positions(text, sentence).into_iter().enumerate() {
        let original = normalized.to_original(span);
        if !(content.start <= original.start && original.end <= content.end) {
            continue;
        }
        let word = word.strip_suffix("'s").unwrap_or(&word).to_string();
        let content_word = word.len() >= 3
            && !word.chars().any(|c| c.is_ascii_digit())
            && !STOPWORDS.contains(&word.as_str());
        if content_word && !candidates.iter().any(|(w, _)| *w == word) {
            candidates.push((word, pos));
        }
    }
    let frequencies = index.sentence_frequencies(from.draft, text);
    let frequency = |w: &str| frequencies.get(w).copied().unwrap_or(0);
    let mut ranked: Vec<(usize, std::cmp::Reverse<usize>, String, usize)> = candidates
        .into_iter()
        .map(|(w, pos)| (frequency(&w), std::cmp::Reverse(w.len()), w, pos))
        .collect();
    ranked.sort();
    let mut remaining: Vec<(String, usize)> =
        ranked.into_iter().map(|(_, _, w, p)| (w, p)).collect();
    if remaining.is_empty() {
        return None;
    }
    let mut chosen = vec![remaining.remove(0)];
    let mut located = index.locate(from.draft, &as_terms(&chosen));
    while located != [sentence] && as_terms(&chosen).len() < MAX_TERMS {
        let mut best: Option<(usize, usize)> = None; // (located count, index)
        for (i, candidate) in remaining.iter().enumerate() {
            let mut trial = chosen.clone();
            trial.push(candidate.clone());
            let l = index.locate(from.draft, &as_terms(&trial));
            if l.contains(&sentence) && best.is_none_or(|(count, _)| l.len() < count) {
                best = Some((l.len(), i));
            }
        }
        let (count, i) = best?;
        if count >= located.len() {
            return None;
        }
        chosen.push(remaining.remove(i));
        located = index.locate(from.draft, &as_terms(&chosen));
    }
    (located == [sentence]).then(|| as_terms(&chosen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;
    use crate::extract::Speaker;
    use crate::text::{normalize, sentences};

    fn span_of(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("in the text");
        Span::new(start, start + needle.len())
    }

    /// A negating reporting verb goes with the reported words into the statement, so
    /// that the source checks clean against it; the id names the speaker.
    #[test]
    fn a_negating_verb_is_part_of_the_statement() {
        let text = "Board member Tom Reyes denied that the parks budget had been cut.\n\n\
                    The library opened on Monday.\n";
        let source = SourceFile::new("s.txt", text);
        let normalized = normalize(text);
        let sentence_spans = sentences(&normalized.text);
        let rules: Vec<crate::rules::RuleSet> = Vec::new();
        let checker = Checker::new(&rules, Default::default());
        let draft = checker.prepare(&source);
        let reported = [Reported {
            content: span_of(text, "the parks budget had been cut"),
            speaker: Some(Speaker {
                name: "Tom Reyes".into(),
                mention: span_of(text, "Board member Tom Reyes"),
                inferred: false,
            }),
            cue: Some("denied".into()),
            cue_span: Some(span_of(text, "denied")),
        }];
        let people = [DraftPerson {
            id: "reyes".into(),
            name: "Tom Reyes".into(),
            title: None,
        }];
        let drafted = draft_statements(
            &Source {
                source: &source,
                normalized: &normalized,
                sentences: &sentence_spans,
                draft: &draft,
            },
            &mut TermIndex::default(),
            &reported,
            &[],
            &people,
            &HashSet::from(["reyes-said-denied-that-the-parks".to_string()]),
        );
        assert_eq!(drafted.len(), 1);
        let s = &drafted[0];
        assert_eq!(s.statement, "denied that the parks budget had been cut");
        assert_eq!(s.id, "reyes-said-denied-that-the-parks-2");
        assert_eq!(s.speaker, "reyes");
        assert!(!s.context.is_empty() && s.note.is_none(), "{s:?}");
    }
}
