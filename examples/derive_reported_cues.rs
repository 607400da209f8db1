//! Derives the reported-speech cue lexicon (`src/extract/reported/cue_words.tsv`) from the
//! cue annotations of an attribution corpus: for every word, how often it heads an
//! annotated cue (its first word past auxiliaries and adverbs: `said` in `has also said`),
//! how often it is written at all, and how many of the contents it cues are short (four
//! words or fewer: `endorsed her`), which tells an object cue from a clause cue.
//!
//! ```text
//! cargo run --release --example derive_reported_cues -- ../shared/corpus/polnear-train-dev.jsonl \
//!     > src/extract/reported/cue_words.tsv
//! ```
//!
//! Reads the `train` split only (the `dev` split checks what was learned). Input: one
//! article a line, `{"split", "text", "quotes": [{"cue_spans": [[start, end], …]}]}` with
//! character offsets (the layout of `../shared/corpus`, see its README). Output: the
//! words (lower-cased, `’` as `'`) heading a cue at least [`MIN_CUE`] times, one a line
//! as `word<TAB>heads a cue<TAB>written<TAB>short contents`, most frequent cue first —
//! words and counts only, never article text. The extractor reads a word as a cue when
//! it heads a cue often enough of the times it is written (`src/extract/reported/cues.rs`).

use std::collections::HashMap;
use std::io::{BufRead, Write};

/// Fewest times a word must head a cue to be listed.
const MIN_CUE: usize = 3;

/// Most words of a short content (`endorsed her`, `criticized the plan`).
const SHORT_CONTENT_WORDS: usize = 4;

/// Words a cue's head is not: auxiliaries and particles (`has said`, `’s already shown`);
/// adverbs in `-ly` are skipped too.
const NOT_HEADS: &[&str] = &[
    "has", "have", "had", "also", "is", "was", "were", "are", "be", "been", "being", "will",
    "would", "did", "does", "do", "not", "never", "still", "just", "'s", "'ve", "'d", "'ll", "n't",
    "to", "can", "could", "may", "might", "should", "must", "s", "ve", "d", "ll", "t",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: derive_reported_cues CORPUS.jsonl")?;
    let file = std::io::BufReader::new(std::fs::File::open(&path)?);
    // word -> (heads a cue, written, short contents)
    let mut counts: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let mut articles = 0;
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let article: serde_json::Value = serde_json::from_str(&line)?;
        if article["split"] != "train" {
            continue;
        }
        articles += 1;
        let text: Vec<char> = article["text"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .collect();
        // Where each cue's head starts, with whether its content is short.
        let mut heads: HashMap<usize, bool> = HashMap::new();
        for quote in article["quotes"].as_array().into_iter().flatten() {
            let spans = |key: &str| -> Vec<(usize, usize)> {
                quote[key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| Some((s[0].as_u64()? as usize, s[1].as_u64()? as usize)))
                    .map(|(s, e)| (s.min(text.len()), e.min(text.len())))
                    .collect()
            };
            let content = spans("content_spans");
            let short = match (
                content.iter().map(|c| c.0).min(),
                content.iter().map(|c| c.1).max(),
            ) {
                (Some(s), Some(e)) if s < e => words(&text[s..e]).len() <= SHORT_CONTENT_WORDS,
                _ => false,
            };
            let head = spans("cue_spans").into_iter().find_map(|(s, e)| {
                words(&text[s..e])
                    .into_iter()
                    .find(|(_, w)| !NOT_HEADS.contains(&w.as_str()) && !w.ends_with("ly"))
                    .map(|(at, _)| s + at)
            });
            if let Some(at) = head {
                heads.insert(at, short);
            }
        }
        for (start, word) in words(&text) {
            let entry = counts.entry(word).or_default();
            if let Some(&short) = heads.get(&start) {
                entry.0 += 1;
                entry.2 += usize::from(short);
            }
            entry.1 += 1;
        }
    }
    let mut rows: Vec<(String, usize, usize, usize)> = counts
        .into_iter()
        .filter(|(_, (cue, _, _))| *cue >= MIN_CUE)
        .map(|(w, (cue, all, short))| (w, cue, all, short))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# Reported-speech cue words: word, times heading an annotated cue, times written, short contents cued."
    )?;
    writeln!(
        out,
        "# Derived from the train split ({articles} articles) by examples/derive_reported_cues.rs."
    )?;
    for (word, cue, all, short) in rows {
        writeln!(out, "{word}\t{cue}\t{all}\t{short}")?;
    }
    Ok(())
}

/// The words of a text with their first character's index: letters with inner
/// apostrophes and hyphens, lower-cased, `’` as `'`.
fn words(text: &[char]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        let mut word = String::new();
        while i < text.len() {
            let c = text[i];
            let joiner =
                matches!(c, '\'' | '’' | '-') && text.get(i + 1).is_some_and(|n| n.is_alphabetic());
            if c.is_alphabetic() || joiner {
                word.extend(c.to_lowercase().map(|c| if c == '’' { '\'' } else { c }));
                i += 1;
            } else {
                break;
            }
        }
        out.push((start, word));
    }
    out
}
