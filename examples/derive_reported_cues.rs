//! Derives the reported-speech cue lexicon (`src/extract/reported/cue_words.tsv`) from the
//! cue annotations of an attribution corpus: for every word, how often it is written
//! inside an annotated cue and how often it is written at all.
//!
//! ```text
//! cargo run --release --example derive_reported_cues -- ../shared/corpus/polnear-train-dev.jsonl \
//!     > src/extract/reported/cue_words.tsv
//! ```
//!
//! Reads the `train` split only (the `dev` split checks what was learned). Input: one
//! article a line, `{"split", "text", "quotes": [{"cue_spans": [[start, end], …]}]}` with
//! character offsets (the layout of `../shared/corpus`, see its README). Output: the
//! words (lower-cased, `’` as `'`) written in a cue at least [`MIN_CUE`] times, one a
//! line as `word<TAB>in a cue<TAB>written`, most frequent cue first — words and counts
//! only, never article text. The extractor reads a word as a cue when it is in a cue often
//! enough of the times it is written (`src/extract/reported/cues.rs`).

use std::collections::HashMap;
use std::io::{BufRead, Write};

/// Fewest times a word must be written in a cue to be listed.
const MIN_CUE: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: derive_reported_cues CORPUS.jsonl")?;
    let file = std::io::BufReader::new(std::fs::File::open(&path)?);
    // word -> (in a cue, written)
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
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
        let mut in_cue = vec![false; text.len() + 1];
        for quote in article["quotes"].as_array().into_iter().flatten() {
            for span in quote["cue_spans"].as_array().into_iter().flatten() {
                let (Some(s), Some(e)) = (span[0].as_u64(), span[1].as_u64()) else {
                    continue;
                };
                let (s, e) = (s as usize, (e as usize).min(text.len()));
                for flag in in_cue.iter_mut().take(e).skip(s) {
                    *flag = true;
                }
            }
        }
        for (start, word) in words(&text) {
            let entry = counts.entry(word).or_default();
            entry.0 += usize::from(in_cue[start]);
            entry.1 += 1;
        }
    }
    let mut rows: Vec<(String, usize, usize)> = counts
        .into_iter()
        .filter(|(_, (cue, _))| *cue >= MIN_CUE)
        .map(|(w, (cue, all))| (w, cue, all))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# Reported-speech cue words: word, times in an annotated cue, times written."
    )?;
    writeln!(
        out,
        "# Derived from the train split ({articles} articles) by examples/derive_reported_cues.rs."
    )?;
    for (word, cue, all) in rows {
        writeln!(out, "{word}\t{cue}\t{all}")?;
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
