//! What the `train_attribution` example needs from the attribution: annotated articles
//! in, and out the reporting-verb lexicon derived from their cues. The trainer reads
//! the corpus and writes the data files; everything it computes goes through here, so
//! that training and the runtime share one code path.

use rustc_hash::FxHashMap;

use super::inflect::{list_forms, sibling_forms};
use super::lexicon::NAMING_VERBS;
use crate::text::Span;

/// The verbs of saying written for the project (`data/verbs_of_saying.txt`): the
/// general list the lexicon starts from.
pub const VERBS_OF_SAYING: &str = include_str!("data/verbs_of_saying.txt");

/// Fewest times a word must be annotated as (part of) the cue of a direct or mixed
/// quote for the lexicon to take it from the data.
pub const MIN_CUE_COUNT: usize = 2;
/// Least share of a word's occurrences in the text that must lie in such cues (keeps
/// out words that are only sometimes part of a cue: `in`, `statement`, names).
pub const MIN_CUE_SHARE: f64 = 0.15;
/// A form of the verbs of saying that occurs at least this often in the articles…
pub const JUDGED_FREQUENCY: usize = 10;
/// …and lies in a cue (of any attribution) less often than this share of the time is
/// mostly something else in news prose (`issues`, `going`, `shooting`): left out.
pub const MIN_GENERAL_CUE_SHARE: f64 = 0.05;

/// How an annotated attribution quotes its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationKind {
    /// Every content segment is inside quote marks.
    Direct,
    /// Partly quoted.
    Mixed,
    /// Reported speech.
    Indirect,
}

/// One annotated attribution, offsets in bytes of its article's text.
#[derive(Debug, Clone)]
pub struct Annotation {
    /// Direct, mixed or indirect.
    pub kind: AnnotationKind,
    /// The content segments.
    pub content: Vec<Span>,
    /// The source mention (empty when the annotation has none).
    pub source: Vec<Span>,
    /// The cue (`said`, `according to`).
    pub cue: Vec<Span>,
}

/// An article with its annotations.
#[derive(Debug, Clone)]
pub struct AnnotatedArticle {
    /// The article's text.
    pub text: String,
    /// Its attributions.
    pub annotations: Vec<Annotation>,
}

/// The words of a text written in lower case (letters, with inner apostrophes and
/// hyphens; `’` read as `'`), as a verb is written inside a sentence.
fn lower_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inner = matches!(c, '\'' | '’' | '-') && start.is_some();
        if c.is_alphabetic() || inner {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            let w = text[s..i].trim_end_matches(['\'', '’', '-']);
            if !w.is_empty() && !w.chars().any(char::is_uppercase) {
                out.push(w.replace('’', "'"));
            }
        }
    }
    out
}

/// The reporting verbs, every form, sorted: the forms of the verbs of saying, and the
/// verbs the articles annotate as cues of direct and mixed quotes (at least
/// [`MIN_CUE_COUNT`] times, in at least [`MIN_CUE_SHARE`] of their occurrences,
/// inflected as a verb is: -s, -ed, -ing) with their sibling forms.
pub fn derive_reporting_verbs(articles: &[AnnotatedArticle], general_list: &str) -> Vec<String> {
    let mut frequency: FxHashMap<String, usize> = FxHashMap::default();
    // Occurrences in cues of direct and mixed quotes, and in cues of any attribution.
    let mut in_quote_cues: FxHashMap<String, usize> = FxHashMap::default();
    let mut in_cues: FxHashMap<String, usize> = FxHashMap::default();
    for article in articles {
        let text = &article.text;
        for w in lower_words(text) {
            *frequency.entry(w).or_default() += 1;
        }
        for a in &article.annotations {
            for cue in &a.cue {
                let Some(cue_text) = text.get(cue.range()) else {
                    continue;
                };
                for w in lower_words(cue_text) {
                    if a.kind != AnnotationKind::Indirect {
                        *in_quote_cues.entry(w.clone()).or_default() += 1;
                    }
                    *in_cues.entry(w).or_default() += 1;
                }
            }
        }
    }
    let count = |map: &FxHashMap<String, usize>, w: &str| map.get(w).copied().unwrap_or(0);
    let share = |map: &FxHashMap<String, usize>, w: &str| {
        count(map, w) as f64 / count(&frequency, w).max(count(map, w)).max(1) as f64
    };
    let general = list_forms(general_list);
    let mut forms: Vec<String> = general
        .iter()
        .filter(|f| {
            count(&frequency, f) < JUDGED_FREQUENCY || share(&in_cues, f) >= MIN_GENERAL_CUE_SHARE
        })
        .cloned()
        .collect();
    let verb_shaped = |w: &str| {
        w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with('s'))
            && !["ss", "us", "is", "ly"].iter().any(|e| w.ends_with(e))
    };
    let mut taken: Vec<&String> = in_quote_cues
        .iter()
        .filter(|(w, &n)| {
            n >= MIN_CUE_COUNT
                && share(&in_quote_cues, w) >= MIN_CUE_SHARE
                && verb_shaped(w)
                && !NAMING_VERBS.contains(&w.as_str())
                && general.binary_search(w).is_err()
        })
        .map(|(w, _)| w)
        .collect();
    taken.sort();
    for w in taken {
        let siblings = sibling_forms(w, |f| count(&frequency, f));
        if siblings.is_empty() {
            forms.push(w.clone());
        }
        forms.extend(siblings);
    }
    forms.sort();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str, cues: &[&str]) -> AnnotatedArticle {
        let annotations = cues
            .iter()
            .map(|c| {
                let at = text.find(c).expect("cue in text");
                Annotation {
                    kind: AnnotationKind::Direct,
                    content: vec![],
                    source: vec![],
                    cue: vec![Span::new(at, at + c.len())],
                }
            })
            .collect();
        AnnotatedArticle {
            text: text.to_string(),
            annotations,
        }
    }

    #[test]
    fn cues_become_verbs_with_their_forms() {
        let articles = [
            article(
                "“Yes,” Ann gushed in a statement. She often gushes.",
                &["gushed in a statement"],
            ),
            article("“No,” Bo gushed in reply, fuming.", &["gushed"]),
            article("In the statement, in the end, in a word.", &[]),
        ];
        let verbs = derive_reporting_verbs(&articles, "=say says said saying\n");
        for want in ["gushed", "gushes", "gushing", "say", "said"] {
            assert!(
                verbs.iter().any(|v| v == want),
                "{want} missing from {verbs:?}"
            );
        }
        // `statement` and `in` are in the cues, but not verbs or not mostly cues.
        for not in ["statement", "in", "a", "fuming"] {
            assert!(!verbs.iter().any(|v| v == not), "{not} in {verbs:?}");
        }
    }
}
