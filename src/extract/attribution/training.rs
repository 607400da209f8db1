//! What the `train_attribution` example needs from the attribution: annotated articles
//! in, and out the reporting-verb lexicon derived from their cues. The trainer reads
//! the corpus and writes the data files; everything it computes goes through here, so
//! that training and the runtime share one code path.

use rustc_hash::FxHashMap;

use super::super::quotes::quoted_spans;
use super::inflect::{list_forms, sibling_forms};
use super::lexicon::{Lexicon, NAMING_VERBS};
use super::model::{pick, train, Model};
pub use super::model::{Example, TrainSettings};
use super::{attribute_with, Attributor, PeopleIndex};
use crate::text::{source_paragraphs, Span};

/// The verbs of saying written for the project (`data/verbs_of_saying.txt`): the
/// general list the lexicon starts from.
pub const VERBS_OF_SAYING: &str = include_str!("data/verbs_of_saying.txt");

/// Fewest times a word must be annotated as (part of) the cue of a direct or mixed
/// quote for the lexicon to take it from the data.
pub const MIN_CUE_COUNT: usize = 2;
/// Least share of a word's occurrences in the text that must lie in such cues (keeps
/// out words that are only sometimes part of a cue: `in`, `statement`, names).
pub const MIN_CUE_SHARE: f64 = 0.15;
/// A form (of the verbs of saying, or a sibling of a cue) that occurs at least this
/// often in the articles…
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

/// The articles of split `split` of a corpus in the layout of `../shared/corpus` (one
/// JSON article a line: `split`, `text`, `quotes` with `kind`, `content_spans`,
/// `source_spans` and `cue_spans` in characters), offsets turned into bytes.
pub fn read_split(data: &str, split: &str) -> Result<Vec<AnnotatedArticle>, String> {
    let mut articles = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        if v["split"].as_str() != Some(split) {
            continue;
        }
        let text = v["text"]
            .as_str()
            .ok_or_else(|| format!("line {}: article without text", n + 1))?
            .to_string();
        // Character offset → byte offset.
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let spans = |value: &serde_json::Value| -> Vec<Span> {
            value
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|pair| {
                            let s = bytes.get(usize::try_from(pair[0].as_u64()?).ok()?)?;
                            let e = bytes.get(usize::try_from(pair[1].as_u64()?).ok()?)?;
                            Some(Span::new(*s, *e))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let annotations = v["quotes"]
            .as_array()
            .map(|qs| {
                qs.iter()
                    .map(|q| Annotation {
                        kind: match q["kind"].as_str() {
                            Some("direct") => AnnotationKind::Direct,
                            Some("mixed") => AnnotationKind::Mixed,
                            _ => AnnotationKind::Indirect,
                        },
                        content: spans(&q["content_spans"]),
                        source: spans(&q["source_spans"]),
                        cue: spans(&q["cue_spans"]),
                    })
                    .collect()
            })
            .unwrap_or_default();
        articles.push(AnnotatedArticle { text, annotations });
    }
    Ok(articles)
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
    let mut forms: Vec<String> = general.clone();
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
    for &w in &taken {
        let siblings = sibling_forms(w, |f| count(&frequency, f));
        if siblings.is_empty() {
            forms.push(w.clone());
        }
        forms.extend(siblings);
    }
    // A form not itself taken from the cues that is frequent but mostly something else
    // (`issues` beside `issued`, `going`) is left out.
    forms.retain(|f| {
        taken.contains(&f)
            || count(&frequency, f) < JUDGED_FREQUENCY
            || share(&in_cues, f) >= MIN_GENERAL_CUE_SHARE
    });
    forms.sort();
    forms.dedup();
    forms
}

/// A quote found in an article, with its candidate speakers' features.
#[derive(Debug, Clone)]
pub struct TrainingQuote {
    /// The quote's segments.
    pub segments: Vec<Span>,
    /// Each candidate's mention and features.
    pub candidates: Vec<(Span, Vec<String>)>,
    /// The features of abstaining.
    pub null: Vec<String>,
}

/// The quotes `factcheck` finds in `text` with the reporting verbs of `lexicon`, each
/// with its candidate speakers and their features, as the runtime computes them (the
/// patterns, not a model, choose the earlier quotes' speakers).
pub fn training_quotes(text: &str, lexicon: &Lexicon) -> Vec<TrainingQuote> {
    let paragraphs = source_paragraphs(text);
    let spans = quoted_spans(text, &paragraphs);
    let empty = Model::default();
    let data = Attributor {
        lexicon,
        model: &empty,
    };
    let mut record = Vec::new();
    let quotes = attribute_with(
        text,
        &paragraphs,
        &spans,
        &PeopleIndex::default(),
        &data,
        Some(&mut record),
    );
    record
        .into_iter()
        .filter_map(|r| {
            Some(TrainingQuote {
                segments: quotes.get(r.quote)?.segments.clone(),
                candidates: r.candidates,
                null: r.null,
            })
        })
        .collect()
}

/// A span without the white space at its ends.
pub fn trimmed(text: &str, s: Span) -> (usize, usize) {
    let Some(t) = text.get(s.range()) else {
        return (s.start, s.end);
    };
    let start = s.start + (t.len() - t.trim_start().len());
    let end = s.end - (t.len() - t.trim_end().len());
    (start, end.max(start))
}

/// Overlap over union of two spans.
fn jaccard(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The examples of one article: its found quotes matched to its annotated direct
/// segments as `score_quotes.py` matches them (Jaccard of the trimmed spans at least
/// 0.5, each annotated segment once), each with the candidates that overlap the
/// annotated source marked right; quotes matching no direct segment are left out.
pub fn label(article: &AnnotatedArticle, quotes: &[TrainingQuote]) -> Vec<LabeledQuote> {
    let text = &article.text;
    let gold: Vec<((usize, usize), &Annotation)> = article
        .annotations
        .iter()
        .flat_map(|a| a.content.iter().map(move |&c| (trimmed(text, c), a)))
        .collect();
    let mut used = vec![false; gold.len()];
    let mut out = Vec::new();
    for quote in quotes {
        let mut sources: Vec<Span> = Vec::new();
        let mut matched = 0;
        for &segment in &quote.segments {
            let seg = trimmed(text, segment);
            let best = gold
                .iter()
                .enumerate()
                .map(|(i, (g, _))| (jaccard(seg, *g), i))
                .filter(|&(j, _)| j > 0.0)
                .fold(None::<(f64, usize)>, |b, x| match b {
                    Some(b) if b.0 >= x.0 => Some(b),
                    _ => Some(x),
                });
            let Some((j, i)) = best else { continue };
            if j < 0.5 || used[i] || gold[i].1.kind != AnnotationKind::Direct {
                continue;
            }
            used[i] = true;
            matched += 1;
            sources.extend(&gold[i].1.source);
        }
        if matched == 0 {
            continue;
        }
        // Every candidate inside the annotated source is right, as the scorer counts it.
        let right = quote
            .candidates
            .iter()
            .map(|(span, _)| {
                sources
                    .iter()
                    .any(|s| span.start < s.end && s.start < span.end)
            })
            .collect();
        out.push(LabeledQuote {
            quote: quote.clone(),
            right,
            segments: matched,
        });
    }
    out
}

/// A found quote with its candidates marked right or wrong.
#[derive(Debug, Clone)]
pub struct LabeledQuote {
    /// The quote and its candidates.
    pub quote: TrainingQuote,
    /// Whether each candidate overlaps the annotated source.
    pub right: Vec<bool>,
    /// Annotated direct segments it matched (what it counts for in the score).
    pub segments: usize,
}

/// Labeled quotes turned into [`Example`]s over one numbering of the features.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Feature names by id.
    pub names: Vec<String>,
    ids: FxHashMap<String, u32>,
    /// Each example with the index of the article it comes from.
    pub examples: Vec<(usize, Example)>,
}

impl Dataset {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }

    /// Adds an article's labeled quotes; features whose name starts with one of
    /// `leave_out` (a feature template, for ablations) are not used.
    pub fn add(&mut self, article: usize, labeled: &[LabeledQuote], leave_out: &[String]) {
        for l in labeled {
            let mut keep = |fs: &[String]| -> Vec<u32> {
                fs.iter()
                    .filter(|f| !leave_out.iter().any(|t| f.split(':').next() == Some(t)))
                    .map(|f| self.id(f))
                    .collect()
            };
            let mut options: Vec<Vec<u32>> =
                l.quote.candidates.iter().map(|(_, f)| keep(f)).collect();
            options.push(keep(&l.quote.null));
            let mut right = l.right.clone();
            right.push(!l.right.iter().any(|&r| r));
            self.examples.push((
                article,
                Example {
                    options,
                    right,
                    weight: l.segments as f32,
                },
            ));
        }
    }

    /// Adds a yes-or-no example of article `article` (a stretch the reported-speech sheet
    /// should list, or not): its features, and whether it is right. Trained as a choice
    /// between the stretch and abstaining, it is a logistic regression.
    pub fn add_binary(&mut self, article: usize, features: &[String], right: bool) {
        let options = vec![features.iter().map(|f| self.id(f)).collect(), Vec::new()];
        self.examples.push((
            article,
            Example {
                options,
                right: vec![right, !right],
                weight: 1.0,
            },
        ));
    }

    /// Trains on the examples whose article is not in fold `fold` of `folds` (all of
    /// them when `folds` is 0).
    pub fn train(&self, folds: usize, fold: usize, settings: TrainSettings) -> Vec<f32> {
        let chosen: Vec<&Example> = self
            .examples
            .iter()
            .filter(|(a, _)| folds == 0 || a % folds != fold)
            .map(|(_, e)| e)
            .collect();
        train(&chosen, self.names.len(), settings)
    }

    /// How `weights` (with `null_bias`) do on the examples of fold `fold` of `folds`
    /// (all when `folds` is 0): segments whose speaker is right, wrong, and left
    /// without one.
    pub fn evaluate(&self, folds: usize, fold: usize, weights: &[f32], null_bias: f32) -> Tally {
        let mut tally = Tally::default();
        for (a, e) in &self.examples {
            if folds != 0 && a % folds != fold {
                continue;
            }
            let n = e.weight as usize;
            tally.segments += n;
            match pick(e, weights, null_bias) {
                Some(o) if e.right[o] => tally.right += n,
                Some(_) => tally.wrong += n,
                None => tally.abstained += n,
            }
        }
        tally
    }

    /// The model text: a header of `#` comment lines, `# null_bias B`, and a
    /// `weight feature` line for each weight that is not about zero, sorted by feature.
    pub fn model_text(&self, weights: &[f32], null_bias: f32, header: &str) -> String {
        let mut lines: Vec<(String, f32)> = self
            .names
            .iter()
            .zip(weights)
            .filter(|(_, w)| w.abs() >= 1e-4)
            .map(|(n, w)| (n.clone(), *w))
            .collect();
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!("# null_bias {null_bias}\n"));
        for (n, w) in lines {
            out.push_str(&format!("{w:.4} {n}\n"));
        }
        out
    }
}

/// Segments by how their speaker came out.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Matched direct segments.
    pub segments: usize,
    /// Speaker right.
    pub right: usize,
    /// Speaker wrong.
    pub wrong: usize,
    /// No speaker.
    pub abstained: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.segments += o.segments;
        self.right += o.right;
        self.wrong += o.wrong;
        self.abstained += o.abstained;
    }
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
